#include <memory>
#include <algorithm>
#include <cmath>
#include <set>

#include "muster/drill_engine.hpp"
#include "muster/geometry.hpp"
#include "muster/simulation.hpp"

namespace muster {

namespace {

bool roomInUnit(const Room& r, const Floor& f, const std::string& unit) {
    return f.id == unit || r.compartment == unit || r.department == unit;
}

} // namespace

Project drillProject(const Project& project, const Drill& d) {
    Project p = project;
    if (d.shift)
        p.scenario.shift = *d.shift;
    for (const Staffing& s : d.staffing) {
        std::string target = s.room;
        std::string firstNurseStation;
        for (const auto& b : p.buildings)
            for (const auto& f : b.floors)
                for (const auto& r : f.rooms) {
                    if (!roomInUnit(r, f, s.unit))
                        continue;
                    if (firstNurseStation.empty() && r.kind == RoomKind::NurseStation)
                        firstNurseStation = r.id;
                    for (auto& g : p.population.groups) {
                        if (g.room != r.id || g.profile != "staff")
                            continue;
                        if (target.empty())
                            target = r.id;
                        if (s.day >= 0)
                            g.day = 0;
                        if (s.night >= 0)
                            g.night = 0;
                    }
                }
        if (target.empty())
            target = firstNurseStation;
        if (target.empty())
            continue; // validateDrill reported a unit without rooms
        OccupantGroup g;
        g.room = target;
        g.profile = "staff";
        g.day = std::max(0, s.day);
        g.night = std::max(0, s.night);
        g.group = "staff " + s.unit;
        g.loc = s.loc;
        p.population.groups.push_back(g);
    }
    p.drill = d;
    return p;
}

std::vector<std::string> stairLandingDoors(const Project& project, const std::string& stairId) {
    std::vector<std::string> out;
    for (const auto& b : project.buildings)
        for (const auto& s : b.stairs) {
            if (s.id != stairId)
                continue;
            for (const StairEnd* e : {&s.lower, &s.upper})
                for (const auto& f : b.floors) {
                    if (f.id != e->floor)
                        continue;
                    const Room* room = nullptr;
                    for (const auto& r : f.rooms)
                        if (pointInPolygon(r.polygon, e->at))
                            room = &r;
                    if (!room)
                        continue;
                    for (const auto& d : f.doors)
                        if (d.roomA == room->id || d.roomB == room->id)
                            out.push_back(d.id);
                    for (const auto& x : f.exits)
                        if (x.room == room->id)
                            out.push_back(x.id);
                }
        }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

void applyDrill(const Project& project, const Drill& d, const SmokeResult& smoke, Simulation& sim) {
    auto at = [&](double drillT) { return std::max(0.0, d.drillToSimTime(drillT)); };
    sim.setSmoke(std::make_shared<const SmokeResult>(smoke), d.alarmS);
    // The drill's own moments the engine does not produce itself (fire start, rooms becoming
    // untenable and scheduled door/exit/stair changes it does): in every replay and event list,
    // on the one clock, so `muster run`, the kept replication and the viewer show the same.
    sim.addEvent(d.drillToSimTime(d.detectionS), EventKind::Note, d.fireRoom, "fire detected");
    sim.addEvent(0.0, EventKind::Alarm, "", std::string("alarm; strategy ") + toString(d.strategy));
    if (const double release = d.fireDoorReleaseS(); release >= 0)
        sim.addEvent(d.drillToSimTime(release), EventKind::Note, "",
                     d.releasedDoorsBlockPeople ? "held-open fire doors close (impassable)"
                                                : "held-open fire doors close (smoke only)");
    for (const DrillEvent& e : d.events)
        if (e.kind == DrillEventKind::CompartmentUntenable)
            sim.addEvent(d.drillToSimTime(e.timeS), EventKind::Note, e.target,
                         "compartment untenable");
    AssistPlan plan;
    plan.mode = d.strategy == Strategy::Horizontal ? AssistPlan::Mode::Horizontal
                : d.strategy == Strategy::Phased   ? AssistPlan::Mode::Phased
                                                   : AssistPlan::Mode::Vertical;
    plan.fireRoom = d.fireRoom;
    plan.phaseDelayS = d.phaseDelayS;
    plan.perWard = d.allocation == TaskAllocation::PerWard;
    for (const PreparationTime& pt : d.preparation)
        plan.preparation[pt.profile] = pt.dist;
    sim.setAssistPlan(plan);
    for (const DrillEvent& e : d.events) {
        switch (e.kind) {
        case DrillEventKind::DoorClosed:
        case DrillEventKind::ExitClosed:
            sim.scheduleDoor(e.target, at(e.timeS), false);
            break;
        case DrillEventKind::DoorOpened:
        case DrillEventKind::ExitOpened:
            sim.scheduleDoor(e.target, at(e.timeS), true);
            break;
        case DrillEventKind::StairUnusable:
            sim.scheduleDoor(e.target, at(e.timeS), false);
            for (const auto& id : stairLandingDoors(project, e.target))
                sim.scheduleDoor(id, at(e.timeS), false);
            break;
        default:
            break; // smoke-only events
        }
    }
    const double release = d.fireDoorReleaseS();
    if (release >= 0 && d.releasedDoorsBlockPeople)
        for (const auto& b : project.buildings)
            for (const auto& f : b.floors)
                for (const auto& door : f.doors)
                    if (door.closesOnAlarm)
                        sim.scheduleDoor(door.id, at(release), false);
}

std::vector<TimelineEntry> drillTimeline(const Project& project, const Drill& d,
                                         const SmokeResult& smoke) {
    std::vector<TimelineEntry> out;
    out.push_back({d.fireStartS, "fire_start", d.fireRoom, "fire starts in " + d.fireRoom});
    out.push_back({d.detectionS, "detection", d.fireRoom, "fire detected"});
    out.push_back({d.alarmS, "alarm", "", std::string("alarm; strategy ") + toString(d.strategy)});
    const double release = d.fireDoorReleaseS();
    if (release >= 0) {
        int n = 0;
        for (const auto& b : project.buildings)
            for (const auto& f : b.floors)
                for (const auto& door : f.doors)
                    n += door.closesOnAlarm ? 1 : 0;
        out.push_back(
            {release, "fire_doors_released", "",
             std::to_string(n) + " held-open fire doors close" +
                 (d.releasedDoorsBlockPeople ? " (impassable)" : " (smoke only; people pass)")});
    }
    for (const auto& e : d.events)
        if (e.kind != DrillEventKind::FireDoorsReleased)
            out.push_back({e.timeS, toString(e.kind), e.target,
                           std::string(toString(e.kind)) + " " + e.target});
    for (const auto& [t, room] : smoke.untenableTimeline()) {
        const RoomSmoke* r = smoke.find(room);
        out.push_back(
            {t, "room_untenable", room,
             room + " untenable" +
                 (r && !r->from.empty() ? " (from " + r->from + " via " + r->via + ")" : "")});
    }
    std::stable_sort(out.begin(), out.end(), [](const TimelineEntry& a, const TimelineEntry& b) {
        return a.timeS < b.timeS;
    });
    return out;
}

} // namespace muster
