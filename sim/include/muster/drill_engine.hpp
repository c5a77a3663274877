#pragma once
// Between a drill and the evacuation engine: checking a drill against its project, the
// project as the drill sees it (shift, staffing), and the drill's timeline as engine events.
#include <string>
#include <vector>

#include "muster/diagnostics.hpp"
#include "muster/drill.hpp"
#include "muster/scenario.hpp"
#include "muster/smoke.hpp"

namespace muster {

class Simulation;

// validateDrill (every id the drill names exists) is in muster/validate.hpp.

// The project with the drill's shift and staffing applied (a copy; the input is untouched).
// Staffing replaces the population file's staff groups (by room) inside the unit.
[[nodiscard]] Project drillProject(const Project& project, const Drill& drill);

// Schedules the drill's door, exit and stair events on a simulation built from `project`
// (engine time = drill time - alarm; earlier events apply at engine time 0):
//  - door_closed/opened, exit_closed/opened: scheduleDoor as given;
//  - stair_unusable: scheduleDoor(stairId) (the engine blocks a stair by id once it supports
//    it; today unknown ids are ignored) and, until then, the doors into the stair's landing
//    rooms on both floors of the flight close, so nobody enters the stair there;
//  - held-open fire doors (Door::closesOnAlarm) released at the alarm: they always stop
//    smoke (smoke model), but the engine treats a closed door as impassable while a released
//    fire door is self-closing and people push it open, so they are scheduled only when the
//    drill says `fire_doors: {block_people: true}`.
// Takes the project (not only the drill) because the fire doors and landing rooms are there.
void applyDrill(const Project& project, const Drill& drill, const SmokeResult& smoke,
                Simulation& sim);

// Door and exit ids closed for an unusable stair (the fallback described above).
std::vector<std::string> stairLandingDoors(const Project& project, const std::string& stairId);

struct TimelineEntry {
    double timeS = 0.0; // drill time (since ignition)
    std::string kind;   // fire_start, detection, alarm, door_closed, ..., room_untenable
    std::string subject;
    std::string text;
};
// The drill's own timeline (not the engine's events), sorted by time.
std::vector<TimelineEntry> drillTimeline(const Project& project, const Drill& drill,
                                         const SmokeResult& smoke);

} // namespace muster
