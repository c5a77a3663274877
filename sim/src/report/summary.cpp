#include "muster/summary.hpp"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "muster/geometry.hpp"
#include "muster/rounding.hpp"
#include "muster/text.hpp"

namespace muster {

ProjectSummary summarize(const Project& p) {
    ProjectSummary s;
    s.name = p.scenario.name;
    s.buildings = static_cast<int>(p.buildings.size());
    std::map<std::string, FloorSummary*> byId;
    for (const auto& b : p.buildings) {
        s.stairs += static_cast<int>(b.stairs.size());
        for (const auto& f : b.floors) {
            FloorSummary fs;
            fs.id = f.id;
            fs.building = b.id;
            fs.name = f.name;
            fs.level = f.level;
            fs.rooms = static_cast<int>(f.rooms.size());
            fs.doors = static_cast<int>(f.doors.size());
            fs.exits = static_cast<int>(f.exits.size());
            for (const auto& r : f.rooms) {
                const double a = area(r.polygon);
                fs.areaM2 += a;
                fs.areaByKind[toString(r.kind)] += a;
            }
            for (const auto& d : f.doors) {
                fs.doorWidthM += d.widthM;
                fs.minDoorWidthM =
                    fs.minDoorWidthM == 0.0 ? d.widthM : std::min(fs.minDoorWidthM, d.widthM);
            }
            for (const auto& e : f.exits)
                fs.exitWidthM += e.widthM;
            s.perFloor.push_back(fs);
        }
    }
    for (auto& fs : s.perFloor) {
        byId[fs.id] = &fs;
        s.floors++;
        s.rooms += fs.rooms;
        s.doors += fs.doors;
        s.exits += fs.exits;
        s.areaM2 += fs.areaM2;
    }
    for (const auto& o : occupantsByRoom(p, Shift::Day)) {
        s.occupantsDay[o.profile] += o.count;
        s.totalDay += o.count;
        byId[o.floor]->occupantsDay += o.count;
    }
    for (const auto& o : occupantsByRoom(p, Shift::Night)) {
        s.occupantsNight[o.profile] += o.count;
        s.totalNight += o.count;
        byId[o.floor]->occupantsNight += o.count;
    }
    auto count = [&](const char* type, const auto& items) {
        auto& m = s.inventory[type];
        for (const auto& it : items)
            m[toString(it.status)]++;
    };
    count("extinguisher", p.inventory.extinguishers);
    count("hydrant", p.inventory.hydrants);
    count("emergency_light", p.inventory.lights);
    count("sign", p.inventory.signs);
    count("detector", p.inventory.detectors);
    return s;
}

namespace {
std::string f1(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.1f", v);
    return b;
}
} // namespace

std::string summaryText(const ProjectSummary& s) {
    std::string o;
    o += s.name + "\n";
    o += plural(s.buildings, "building", "buildings") + ", " + plural(s.floors, "floor", "floors") +
         ", " + plural(s.rooms, "room", "rooms") + ", " + plural(s.doors, "door", "doors") + ", " +
         plural(s.exits, "exit", "exits") + ", " +
         plural(s.stairs, "stair flight", "stair flights") + ", " + f1(s.areaM2) + " m²\n\n";
    // Names and headers are padded by display width (muster/text.hpp): "m²" and Chinese ids.
    char line[256];
    std::snprintf(line, sizeof line, " %5s %6s %5s %5s %s %9s %9s %6s %6s\n", "level", "rooms",
                  "doors", "exits", padLeft("area m²", 9).c_str(), "door m", "exit m", "day",
                  "night");
    o += padRight("floor", 10) + " " + padRight("bldg", 6) + line;
    for (const auto& f : s.perFloor) {
        std::snprintf(line, sizeof line, " %5d %6d %5d %5d %9.1f %9.1f %9.1f %6d %6d\n", f.level,
                      f.rooms, f.doors, f.exits, f.areaM2, f.doorWidthM, f.exitWidthM,
                      f.occupantsDay, f.occupantsNight);
        o += padRight(f.id, 10) + " " + padRight(f.building, 6) + line;
    }
    o += "\noccupants by profile (day / night)\n";
    std::map<std::string, std::pair<int, int>> prof;
    for (const auto& [k, v] : s.occupantsDay)
        prof[k].first = v;
    for (const auto& [k, v] : s.occupantsNight)
        prof[k].second = v;
    for (const auto& [k, v] : prof) {
        std::snprintf(line, sizeof line, " %6d %6d\n", v.first, v.second);
        o += "  " + padRight(k, 18) + line;
    }
    std::snprintf(line, sizeof line, " %6d %6d\n", s.totalDay, s.totalNight);
    o += "  " + padRight("total", 18) + line;
    o += "\ninventory by status\n";
    for (const auto& [type, m] : s.inventory) {
        int total = 0;
        std::string parts;
        for (const auto& [st, n] : m) {
            total += n;
            parts += "  " + st + " " + std::to_string(n);
        }
        std::snprintf(line, sizeof line, " %5d", total);
        o += "  " + padRight(type, 16) + line + parts + "\n";
    }
    return o;
}

std::string summaryJson(const ProjectSummary& s) {
    nlohmann::ordered_json j;
    j["name"] = s.name;
    j["buildings"] = s.buildings;
    j["floors"] = s.floors;
    j["rooms"] = s.rooms;
    j["doors"] = s.doors;
    j["exits"] = s.exits;
    j["stairs"] = s.stairs;
    // Written rounded (muster/rounding.hpp, docs/format.md): areas 0.01 m², widths 0.01 m.
    const auto area2 = [](double a) { return roundTo(a, kAreaStepM2); };
    j["area_m2"] = area2(s.areaM2);
    auto& fl = j["per_floor"] = nlohmann::ordered_json::array();
    for (const auto& f : s.perFloor) {
        nlohmann::ordered_json x;
        x["id"] = f.id;
        x["building"] = f.building;
        x["name"] = f.name;
        x["level"] = f.level;
        x["rooms"] = f.rooms;
        x["doors"] = f.doors;
        x["exits"] = f.exits;
        x["area_m2"] = area2(f.areaM2);
        auto& kinds = x["area_by_kind_m2"] = nlohmann::ordered_json::object();
        for (const auto& [kind, a] : f.areaByKind)
            kinds[kind] = area2(a);
        x["door_width_total_m"] = roundDistance(f.doorWidthM);
        x["door_width_min_m"] = roundDistance(f.minDoorWidthM);
        x["exit_width_total_m"] = roundDistance(f.exitWidthM);
        x["occupants_day"] = f.occupantsDay;
        x["occupants_night"] = f.occupantsNight;
        fl.push_back(x);
    }
    j["occupants_day"] = s.occupantsDay;
    j["occupants_night"] = s.occupantsNight;
    j["total_day"] = s.totalDay;
    j["total_night"] = s.totalNight;
    j["inventory"] = s.inventory;
    return j.dump(2);
}

} // namespace muster
