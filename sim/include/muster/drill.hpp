#pragma once
// A drill: the fire, the alarm, the strategy and the timeline around an evacuation run
// (file kind `drill`, referenced by a scenario's `drill:` key; format in docs/format.md,
// "Drill files"). Plain data; times are seconds since ignition (the drill clock).
//
// The engine's clock starts at the alarm (pre-movement counts from the alarm), so a drill
// time T is engine time T - alarmS; see drillToSimTime().
#include <optional>
#include <string>
#include <vector>

#include "muster/distribution.hpp"
#include "muster/population.hpp"
#include "muster/types.hpp"

namespace muster {

// horizontal: patients through the smoke barrier into the next compartment (defend in place);
// vertical: everyone out of the building; phased: fire floor first, then the floor above,
// then the rest (NFPA 101 ch. 18/19 and domain.md section 3).
enum class Strategy { Horizontal, Vertical, Phased };
enum class TaskAllocation { Nearest, PerWard };
enum class KeepReplay { Median, Worst };

enum class DrillEventKind {
    DoorClosed,           // target: door id
    DoorOpened,           // target: door id
    ExitClosed,           // target: exit id
    ExitOpened,           // target: exit id
    StairUnusable,        // target: stair id (every flight of a stair column may be listed)
    FireDoorsReleased,    // held-open fire doors (closes_on_alarm) close now; target ""
    CompartmentUntenable, // target: smoke compartment id
    RoomUntenable         // target: room id
};

struct DrillEvent {
    double timeS = 0.0; // since ignition
    DrillEventKind kind = DrillEventKind::DoorClosed;
    std::string target;
    SourceLoc loc;
};

// Staff on duty in a unit (a floor id, a smoke compartment id or a department name), per shift.
// Replaces the population file's staff in that unit; they stand in `room` (default: the
// unit's first room that had staff, else its first nurse station).
struct Staffing {
    std::string unit;
    std::string room;
    int day = -1; // < 0: keep the population file's number
    int night = -1;
    SourceLoc loc;
};

// Time staff need before a patient can be moved (detach monitors, transfer to a chair or
// sled): not standardised, so an input distribution per patient profile (domain.md s. 3).
struct PreparationTime {
    std::string profile;
    Distribution dist;
    SourceLoc loc;
};

struct RoomTime {
    std::string room;
    double timeS = 0.0; // since ignition
    SourceLoc loc;
};

enum class SmokeModelKind { Zone, Given };

// The smoke zone model's delays (docs/drills.md explains the model). Defaults are planning
// values for a sprinklered hospital, not measurements: change them per study.
struct SmokeSettings {
    SmokeModelKind model = SmokeModelKind::Zone;
    double fireRoomUntenableS = 180.0; // ignition -> fire room untenable
    double openDoorS = 30.0;           // through an open door or doorway
    double closedDoorS = 300.0;        // leakage through a closed ordinary door
    // A closed fire door holds for its rating (fire_rating_min * 60 s). Not configurable:
    // this is what the rating means (GB 12955 / NFPA 80 test duration).
    double compartmentBoundaryS = 900.0;    // closed unrated door in a smoke-compartment boundary
    double stairShaftS = 120.0;             // stair enclosure to the next floor's enclosure
    double fillSPerM2 = 0.5;                // extra time per m² of the receiving room
    double rampS = 60.0;                    // level rises from 0 to 1 over this before untenability
    double extinctionAtUntenablePerM = 0.3; // 10 m visibility of a reflecting sign (Jin 1978)
    double extinctionMaxPerM = 3.0;         // dense smoke ceiling for the speed function
    std::vector<RoomTime> untenable; // given times (model Given) or extra sources (model Zone)
    SourceLoc loc;
};

struct MonteCarloSettings {
    int runs = 30;
    unsigned long long seed = 1;
    KeepReplay keep = KeepReplay::Median;
    SourceLoc loc;
};

struct Drill {
    std::string name;
    std::string path; // the drill file
    std::string text; // its bytes (embedded in replays)
    std::string fireRoom;
    double fireStartS = 0.0;
    double detectionS = 60.0;
    double alarmS = 90.0;
    Strategy strategy = Strategy::Vertical;
    // Phased: the floor above starts this long after the fire floor, the rest twice as long
    // (a planning value to set per building; NFPA 101 A.18.1.1.1.6 leaves it to the plan).
    double phaseDelayS = 300.0;
    std::optional<Shift> shift; // overrides the scenario's
    std::vector<Staffing> staffing;
    std::vector<DrillEvent> events;
    // Held-open fire doors close at the alarm (closes_on_alarm doors). They always stop
    // smoke; they stop people only if `releasedDoorsBlockPeople` (a released door is
    // self-closing and people push through it, so by default the engine is not told).
    bool releaseFireDoorsOnAlarm = true;
    bool releasedDoorsBlockPeople = false;
    SmokeSettings smoke;
    std::vector<PreparationTime> preparation;
    TaskAllocation allocation = TaskAllocation::Nearest;
    MonteCarloSettings monteCarlo;
    SourceLoc loc;

    // Drill time (since ignition) -> engine time (since the alarm), and back.
    [[nodiscard]] double drillToSimTime(double t) const { return t - alarmS; }
    [[nodiscard]] double simToDrillTime(double t) const { return t + alarmS; }
    // When held-open fire doors close (alarm, or an earlier FireDoorsReleased event);
    // < 0 when they never do.
    [[nodiscard]] double fireDoorReleaseS() const;
};

const char* toString(Strategy s);
const char* toString(TaskAllocation a);
const char* toString(DrillEventKind k);
const char* toString(KeepReplay k);

} // namespace muster
