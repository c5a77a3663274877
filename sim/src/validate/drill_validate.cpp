// Drill validation: every id a drill names exists in its project (the loader runs it when a
// scenario names a drill; declared in muster/validate.hpp).
#include <set>
#include <string>

#include "muster/drill.hpp"
#include "muster/validate.hpp"

namespace muster {

namespace {

struct Ids {
    std::set<std::string> rooms, doors, exits, stairs, compartments, floors, departments;
};

Ids collectIds(const Project& p) {
    Ids ids;
    for (const auto& b : p.buildings) {
        for (const auto& s : b.stairs)
            ids.stairs.insert(s.id);
        for (const auto& f : b.floors) {
            ids.floors.insert(f.id);
            for (const auto& r : f.rooms) {
                ids.rooms.insert(r.id);
                if (!r.department.empty())
                    ids.departments.insert(r.department);
            }
            for (const auto& d : f.doors)
                ids.doors.insert(d.id);
            for (const auto& e : f.exits)
                ids.exits.insert(e.id);
            for (const auto& c : f.compartments)
                ids.compartments.insert(c.id);
        }
    }
    return ids;
}

} // namespace

void validateDrill(const Drill& d, const Project& p, Diagnostics& diags) {
    const Ids ids = collectIds(p);
    auto need = [&](const std::set<std::string>& set, const std::string& id, const SourceLoc& loc,
                    const std::string& key, const char* what) {
        if (id.empty() || set.count(id))
            return;
        SourceLoc l = loc;
        if (l.file.empty())
            l.file = d.path;
        diags.error(l, key,
                    std::string("expected ") + what + " id of the project, got \"" + id + "\"");
    };
    need(ids.rooms, d.fireRoom, d.loc, "fire.room", "a room");
    for (size_t i = 0; i < d.events.size(); ++i) {
        const DrillEvent& e = d.events[i];
        const std::string key = "events[" + std::to_string(i) + "].target";
        switch (e.kind) {
        case DrillEventKind::DoorClosed:
        case DrillEventKind::DoorOpened:
            need(ids.doors, e.target, e.loc, key, "a door");
            break;
        case DrillEventKind::ExitClosed:
        case DrillEventKind::ExitOpened:
            need(ids.exits, e.target, e.loc, key, "an exit");
            break;
        case DrillEventKind::StairUnusable:
            need(ids.stairs, e.target, e.loc, key, "a stair");
            break;
        case DrillEventKind::CompartmentUntenable:
            need(ids.compartments, e.target, e.loc, key, "a compartment");
            break;
        case DrillEventKind::RoomUntenable:
            need(ids.rooms, e.target, e.loc, key, "a room");
            break;
        case DrillEventKind::FireDoorsReleased:
            break;
        }
    }
    for (size_t i = 0; i < d.staffing.size(); ++i) {
        const Staffing& s = d.staffing[i];
        const std::string key = "staffing[" + std::to_string(i) + "]";
        if (!ids.floors.count(s.unit) && !ids.compartments.count(s.unit) &&
            !ids.departments.count(s.unit))
            diags.error(s.loc, key + ".unit",
                        "expected a floor, compartment or department of the project, got \"" +
                            s.unit + "\"");
        need(ids.rooms, s.room, s.loc, key + ".room", "a room");
    }
    for (size_t i = 0; i < d.preparation.size(); ++i)
        if (!p.profiles.find(d.preparation[i].profile))
            diags.error(d.preparation[i].loc, "preparation[" + std::to_string(i) + "].profile",
                        "expected a profile name, got \"" + d.preparation[i].profile + "\"");
    for (size_t i = 0; i < d.smoke.untenable.size(); ++i)
        need(ids.rooms, d.smoke.untenable[i].room, d.smoke.untenable[i].loc,
             "smoke.untenable[" + std::to_string(i) + "].room", "a room");
}

} // namespace muster
