#include "muster/drill.hpp"

#include "base/drill_names.hpp"

namespace muster {
namespace names {

#define MUSTER_DRILL_TABLE(fn, E, ...)                                                             \
    Table<E> fn() {                                                                                \
        static constexpr std::pair<E, const char*> kT[] = {__VA_ARGS__};                           \
        return kT;                                                                                 \
    }

MUSTER_DRILL_TABLE(strategies, Strategy, {Strategy::Horizontal, "horizontal"},
                   {Strategy::Vertical, "vertical"}, {Strategy::Phased, "phased"})
MUSTER_DRILL_TABLE(taskAllocations, TaskAllocation, {TaskAllocation::Nearest, "nearest"},
                   {TaskAllocation::PerWard, "per_ward"})
MUSTER_DRILL_TABLE(drillEventKinds, DrillEventKind, {DrillEventKind::DoorClosed, "door_closed"},
                   {DrillEventKind::DoorOpened, "door_opened"},
                   {DrillEventKind::ExitClosed, "exit_closed"},
                   {DrillEventKind::ExitOpened, "exit_opened"},
                   {DrillEventKind::StairUnusable, "stair_unusable"},
                   {DrillEventKind::FireDoorsReleased, "fire_doors_released"},
                   {DrillEventKind::CompartmentUntenable, "compartment_untenable"},
                   {DrillEventKind::RoomUntenable, "room_untenable"})
MUSTER_DRILL_TABLE(keepReplays, KeepReplay, {KeepReplay::Median, "median"},
                   {KeepReplay::Worst, "worst"})
MUSTER_DRILL_TABLE(smokeModels, SmokeModelKind, {SmokeModelKind::Zone, "zone"},
                   {SmokeModelKind::Given, "given"})

} // namespace names

const char* toString(Strategy s) {
    return names::nameOf(names::strategies(), s);
}
const char* toString(TaskAllocation a) {
    return names::nameOf(names::taskAllocations(), a);
}
const char* toString(DrillEventKind k) {
    return names::nameOf(names::drillEventKinds(), k);
}
const char* toString(KeepReplay k) {
    return names::nameOf(names::keepReplays(), k);
}

double Drill::fireDoorReleaseS() const {
    double t = releaseFireDoorsOnAlarm ? alarmS : -1.0;
    for (const auto& e : events)
        if (e.kind == DrillEventKind::FireDoorsReleased && (t < 0 || e.timeS < t))
            t = e.timeS;
    return t;
}

} // namespace muster
