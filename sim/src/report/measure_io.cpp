// The measurements as CSV (muster/measure.hpp; columns documented in docs/format.md,
// "Measurements").
#include <cstdio>

#include "muster/measure.hpp"
#include "muster/text.hpp"

namespace muster {

const char* toString(CrossingKind k) {
    switch (k) {
    case CrossingKind::Door:
        return "door";
    case CrossingKind::Exit:
        return "exit";
    case CrossingKind::Stair:
        return "stair";
    case CrossingKind::Line:
        return "line";
    }
    return "door";
}

std::string crossingsCsv(const std::vector<Crossing>& crossings) {
    std::string out = "time_s,person,kind,id,floor,direction,from,to\n";
    char t[40];
    for (const auto& c : crossings) {
        std::snprintf(t, sizeof t, "%.3f", c.t);
        out += std::string(t) + "," + std::to_string(c.person) + "," + toString(c.kind) + "," +
               csvField(c.id) + "," + csvField(c.floor) + "," + c.direction + "," +
               csvField(c.from) + "," + csvField(c.to) + "\n";
    }
    return out;
}

std::string measureCsv(const std::vector<MeasureSample>& samples) {
    std::string out = "measure,kind,floor,t0_s,t1_s,size,count,flow_ps,specific_flow_pms,"
                      "density_pm2,speed_mps\n";
    char nums[256];
    for (const auto& s : samples) {
        char speed[32] = "";
        if (s.speedMps >= 0)
            std::snprintf(speed, sizeof speed, "%.3f", s.speedMps);
        if (s.line)
            std::snprintf(nums, sizeof nums, "%.2f,%.2f,%.3f,%.0f,%.3f,%.3f,,%s", s.t0, s.t1,
                          s.size, s.count, s.flowPs, s.specificFlow, speed);
        else
            std::snprintf(nums, sizeof nums, "%.2f,%.2f,%.3f,%.3f,,,%.3f,%s", s.t0, s.t1, s.size,
                          s.count, s.density, speed);
        out +=
            csvField(s.id) + (s.line ? ",line," : ",area,") + csvField(s.floor) + "," + nums + "\n";
    }
    return out;
}

} // namespace muster
