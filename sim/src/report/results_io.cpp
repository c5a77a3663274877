#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "muster/results.hpp"
#include "muster/rounding.hpp"

namespace muster {

const char* toString(Outcome o) {
    switch (o) {
    case Outcome::Evacuated:
        return "evacuated";
    case Outcome::Refuge:
        return "refuge";
    case Outcome::DefendedInPlace:
        return "defended_in_place";
    case Outcome::NotReached:
        return "not_reached";
    case Outcome::Inside:
        return "inside";
    }
    return "inside";
}

Outcome PersonResult::outcome() const {
    if (exitTimeS >= 0)
        return exitId.rfind("refuge:", 0) == 0 ? Outcome::Refuge : Outcome::Evacuated;
    if (inPlace)
        return Outcome::DefendedInPlace;
    if (needsHelp && helpArrivedS < 0)
        return Outcome::NotReached;
    return Outcome::Inside;
}

// Numbers are written rounded to what they mean (muster/rounding.hpp, docs/format.md): times
// 0.1 s, distances and positions 0.01 m; RunResults itself keeps full precision.
std::string resultsJson(const RunResults& r) {
    using J = nlohmann::ordered_json;
    const auto t = [](double v) { return roundTime(v); };
    const auto m = [](double v) { return roundDistance(v); };
    J j;
    j["clock"] = "s since ignition (the drill's t = 0; without a drill, the alarm)";
    j["alarm_s"] = r.alarmS;
    j["seed"] = r.seed;
    j["people"] = r.total;
    j["evacuated"] = r.evacuated;
    j["not_evacuated"] = r.total - r.evacuated - r.inPlace; // the defenders in place aside
    j["total_time_s"] = t(r.totalTimeS);
    j["simulated_s"] = t(r.simulatedS);
    auto opt = [](double v) { return v < 0 ? J(nullptr) : J(roundTime(v)); };
    j["t50_s"] = opt(r.t50);
    j["t90_s"] = opt(r.t90);
    j["t95_s"] = opt(r.t95);
    j["t100_s"] = opt(r.t100);
    J exits = J::array();
    for (const auto& e : r.exits) {
        J x;
        x["id"] = e.id;
        x["floor"] = e.floor;
        x["width_m"] = m(e.widthM);
        x["count"] = e.count;
        x["first_s"] = opt(e.firstS);
        x["last_s"] = opt(e.lastS);
        x["flow_bin_s"] = t(r.binS);
        x["flow_per_bin"] = e.flowPerBin;
        exits.push_back(x);
    }
    j["exits"] = exits;
    J floors = J::array();
    for (const auto& f : r.floors)
        floors.push_back({{"id", f.id}, {"clear_s", opt(f.clearS)}, {"initial", f.initialCount}});
    j["floors"] = floors;
    J rooms = J::array();
    for (const auto& f : r.rooms)
        if (f.initialCount > 0 || f.clearS > 0)
            rooms.push_back({{"id", f.id}, {"clear_s", t(f.clearS)}, {"initial", f.initialCount}});
    j["rooms"] = rooms;
    J stairs = J::array();
    for (const auto& st : r.stairs)
        stairs.push_back({{"id", st.id}, {"down", st.down}, {"up", st.up}});
    j["stairs"] = stairs;
    J stuck = J::array();
    for (const auto& p : r.people)
        if (p.exitTimeS < 0 && !p.inPlace)
            stuck.push_back({{"id", p.id},
                             {"profile", p.profile},
                             {"reason", p.reason},
                             {"floor", p.lastFloor},
                             {"room", p.lastRoom},
                             {"x", m(p.lastPosition.x)},
                             {"y", m(p.lastPosition.y)}});
    j["not_out"] = stuck;
    j["defended_in_place"] = r.inPlace;
    // Assisted evacuation: who waited how long and who helped; what each helper did.
    J patients = J::array(), staff = J::array();
    for (const auto& p : r.people) {
        if (p.needsHelp)
            patients.push_back({{"id", p.id},
                                {"profile", p.profile},
                                {"room", p.originRoom},
                                {"device", p.device},
                                {"help_arrived_s", opt(p.helpArrivedS)},
                                {"move_start_s", opt(p.moveStartS)},
                                {"out_s", opt(p.exitTimeS)},
                                {"to", p.exitId},
                                {"helpers", p.helpers},
                                {"squeezes", p.squeezes}});
        if (p.trips > 0)
            staff.push_back({{"id", p.id}, {"trips", p.trips}, {"distance_m", m(p.distanceM)}});
    }
    j["assisted"] = {{"patients", patients}, {"staff", staff}};
    return j.dump(2);
}

std::string evacuationCurveCsv(const RunResults& r) {
    std::vector<double> times;
    for (const auto& p : r.people)
        if (p.exitTimeS >= 0)
            times.push_back(p.exitTimeS);
    std::sort(times.begin(), times.end());
    std::string out = "time_s,evacuated,fraction\n";
    const int end = static_cast<int>(std::ceil(r.endS()));
    size_t k = 0;
    char line[96];
    for (int s = 0; s <= end; ++s) {
        while (k < times.size() && times[k] <= s)
            ++k;
        std::snprintf(line, sizeof line, "%d,%zu,", s, k);
        out += line;
        out += significantText(r.total > r.inPlace ? static_cast<double>(k) / (r.total - r.inPlace)
                                                   : 1.0,
                               kFractionDigits);
        out += '\n';
    }
    return out;
}

std::string peopleCsv(const RunResults& r) {
    std::string out =
        "id,profile,group,origin_floor,origin_room,start_s,exit_s,exit,distance_m,waiting_s,"
        "device,help_arrived_s,move_start_s,helpers,trips,squeezes,reason,fed,fed_0_3_s,"
        "fed_0_3_room,visibility_lost_s,low_visibility_s,outcome\n";
    char line[1024];
    for (const auto& p : r.people) {
        std::string helpers;
        for (auto h : p.helpers)
            helpers += (helpers.empty() ? "" : " ") + std::to_string(h);
        std::snprintf(
            line, sizeof line,
            "%u,%s,%s,%s,%s,%.1f,%.1f,%s,%.2f,%.1f,%s,%.1f,%.1f,%s,%d,%d,\"%s\",%.4f,%.1f,%s,"
            "%.1f,%.1f,%s\n",
            p.id, p.profile.c_str(), p.group.c_str(), p.originFloor.c_str(), p.originRoom.c_str(),
            p.startTimeS, p.exitTimeS, p.exitId.c_str(), p.distanceM, p.waitingS, p.device.c_str(),
            p.helpArrivedS, p.moveStartS, helpers.c_str(), p.trips, p.squeezes, p.reason.c_str(),
            p.fed, p.fedDesignS, p.fedDesignRoom.c_str(), p.visibilityLostS, p.lowVisibilityS,
            toString(p.outcome()));
        out += line;
    }
    return out;
}

} // namespace muster
