#pragma once
// What a run produces: plain numbers for reports, tests and the Monte Carlo layer.
// One clock: every time point is in seconds since ignition (the drill's t = 0); without a
// drill, t = 0 is the alarm. RunResults::alarmS is the alarm's time on that clock.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "muster/measure.hpp"
#include "muster/types.hpp"

namespace muster {

// What became of one person (docs/model.md, "Outcomes"). Curves, percentiles and waiting
// times are computed over the people the strategy moves: everyone but DefendedInPlace.
enum class Outcome {
    Evacuated,       // out through an exit
    Refuge,          // reached a refuge (horizontal evacuation: the next compartment)
    DefendedInPlace, // the strategy keeps them where they are (horizontal evacuation)
    NotReached,      // needs help and no helper reached them before the end
    Inside           // still inside for another reason (PersonResult::reason)
};
const char* toString(Outcome o);

struct PersonResult {
    std::uint32_t id = 0;
    std::string profile, group, originRoom, originFloor;
    double startTimeS = 0.0;  // end of pre-movement (drawn)
    double firstMoveS = -1.0; // when the body first moved (< 0: never)
    double freeSpeedMps = 0.0;
    double exitTimeS = -1.0; // < 0: did not get out
    std::string exitId;
    double distanceM = 0.0;          // walked, including stair flights
    double waitingS = 0.0;           // time moving slower than the queue threshold after starting
    double smokeExposureS = 0.0;     // time in rooms with any smoke
    double untenableExposureS = 0.0; // time in rooms past their untenable time
    // Assisted evacuation: patients (helpers = staff ids who moved them; device used) and
    // staff (trips = people they delivered).
    bool needsHelp = false;
    double helpArrivedS = -1.0; // first helper at the patient (< 0: nobody came)
    double moveStartS = -1.0;   // preparation done, the move began
    std::vector<std::uint32_t> helpers;
    std::string device; // bed, wheelchair, evac_chair, escort ("" on foot alone)
    int trips = 0;
    // Times the patient's device, stalled for 15 s among people or other devices, was let
    // through on a narrow body (the engine's last resort; docs/model.md).
    int squeezes = 0;
    bool inPlace = false; // defended in place (horizontal strategy): not moved, not counted
    // For people who did not get out: why, and where they are.
    std::string reason;
    std::string lastFloor, lastRoom;
    Vec2 lastPosition;
    // Tenability (muster/tenability.hpp, docs/model.md "Smoke exposure as tenability"): Purser's
    // asphyxiant FED (dimensionless, 1 = incapacitation) breathed along the path; when (s since
    // ignition, < 0: never) and where it reached the design threshold 0.3; when the person was
    // first in smoke below the visibility criterion (10 m to a reflecting sign; < 0: never) and for
    // how long in all. Not in resultsJson (the golden results hash pins it); people.csv has them.
    double fed = 0.0;
    double fedDesignS = -1.0;
    std::string fedDesignRoom;
    double visibilityLostS = -1.0;
    double lowVisibilityS = 0.0;
    // Staff: when they first reached a patient they were sent to (s since ignition, < 0: never
    // or not staff). A patient's helpArrivedS is only the first of its crew. Not in resultsJson.
    double firstAtPatientS = -1.0;
    [[nodiscard]] Outcome outcome() const;
};

struct ExitResult {
    std::string id, floor;
    double widthM = 0.0;
    int count = 0;
    double firstS = -1.0, lastS = -1.0;
    std::vector<int> flowPerBin; // people per bin of ExitFlowBinS
};

struct ClearTime {
    std::string id;
    double clearS = 0.0; // last time anyone was there (0: nobody was; -1: people remain)
    int initialCount = 0;
    int inPlace = 0; // of them, defended in place (not moved by the strategy)
    // Nobody there had to leave: every occupant defends in place. Never "cleared".
    [[nodiscard]] bool defendedInPlace() const { return inPlace > 0 && inPlace == initialCount; }
};

struct RunResults {
    std::uint64_t seed = 0;
    double alarmS = 0.0; // the alarm on the run's clock (s since ignition; 0 without a drill)
    int total = 0;
    int evacuated = 0;
    double totalTimeS = 0.0; // last person out (or end of run when someone could not)
    double simulatedS = 0.0; // duration simulated, from the alarm
    [[nodiscard]] double endS() const { return alarmS + simulatedS; } // when the run stopped
    // Time when 50/90/95/100 % of the people the strategy moves were out; < 0 if never.
    int inPlace = 0; // defended in place: excluded from the percentages below
    double t50 = -1, t90 = -1, t95 = -1, t100 = -1;
    std::vector<PersonResult> people;
    std::vector<ExitResult> exits;
    std::vector<ClearTime> floors;
    std::vector<ClearTime> rooms;
    std::vector<StairUsage> stairs; // every stair flight, people onto it by direction
    double binS = 10.0;             // exit flow bin width
    std::uint64_t agentSteps = 0;   // sum over steps of people being simulated (for benchmarks)
    int steps = 0;
};

std::string resultsJson(const RunResults& r);
// time_s,evacuated,fraction — one row per second since ignition; fraction of the people the
// strategy moves (1 when none is moved).
std::string evacuationCurveCsv(const RunResults& r);
std::string peopleCsv(const RunResults& r);

} // namespace muster
