#pragma once
// The evacuation engine. One Box2D world per floor; people move by the collision-free speed
// model over per-target distance fields; stairs move people between floors with a flow limit.
// One step is a named pipeline of systems (sim/src/crowd/systems.hpp, docs/architecture.md):
//   [set-up, once] -> timeline -> smoke -> navigation refresh -> assistance -> routing
//   -> steering (people and devices) -> physics -> crews -> clock -> exits and stairs
//   -> stair arrivals -> bookkeeping
// The World owns every counter and draws from seeded RNG streams; nothing depends on
// wall-clock time, and the same inputs and seed give the same results.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "muster/diagnostics.hpp"
#include "muster/distribution.hpp"
#include "muster/frame.hpp"
#include "muster/measure.hpp"
#include "muster/replay.hpp"
#include "muster/results.hpp"
#include "muster/scenario.hpp"
#include "muster/smoke.hpp"

namespace muster {

// A person to place, for worlds built in code (tests, benchmarks) rather than from a
// population file.
struct Placement {
    std::string floor;
    Vec2 at;
    std::string profile = "visitor";
    std::string group;
    std::string room;           // origin room id ("" = looked up from the position)
    double premovementS = -1.0; // >= 0 overrides the drawn pre-movement time
    double speedMps = -1.0;     // >= 0 overrides the drawn free speed
};

// How the run treats people who cannot leave alone, and who moves at all (drills set it;
// a plain run is a vertical evacuation with nearest-patient-first allocation).
struct AssistPlan {
    enum class Mode { Vertical, Horizontal, Phased } mode = Mode::Vertical;
    // Horizontal: people on the fire room's floor inside its smoke compartment move through
    // the smoke barrier into the next compartment (a refuge at least refugeDepthM past it);
    // everyone else defends in place. Phased: the fire floor starts at the alarm, the floor
    // above phaseDelayS later, every other floor 2 x phaseDelayS later.
    std::string fireRoom;
    double refugeDepthM = 4.0;
    double phaseDelayS = 300.0;
    // Staff take patients of their own floor (nearest first), or only of their own department.
    bool perWard = false;
    // Preparation time per patient profile (replaces the profile's).
    std::map<std::string, Distribution> preparation;
};

struct SimOptions {
    double timeStepS = 0.05;
    double maxTimeS = 3600.0;
    std::uint64_t seed = 1;
};

class Simulation {
public:
    // From a loaded project: people from its population for the scenario's shift.
    Simulation(const Project& project, const SimOptions& options);
    // From a project and explicit placements (the population file is ignored).
    Simulation(const Project& project, const SimOptions& options,
               const std::vector<Placement>& people);
    ~Simulation();
    Simulation(const Simulation&) = delete;
    Simulation& operator=(const Simulation&) = delete;

    // Schedules a door or exit to close (open = false) or open at time t (seconds). A stair
    // flight id blocks (or reopens) that flight in both directions.
    void scheduleDoor(const std::string& doorOrExitId, double t, bool open);

    // Smoke from the drill's zone model (smoke.hpp has the contract). Engine time t is drill
    // time t + alarmS. From its untenable time a room other than a corridor, lobby or stair is
    // closed to routing (people inside walk out); everyone in smoke walks at
    // v0 * SmokeResult::speedFactor(Ks) and accumulates exposure; frames carry the smoke level.
    void setSmoke(std::shared_ptr<const SmokeResult> smoke, double alarmS);

    // Before the first step (and before replayHeader()).
    void setAssistPlan(const AssistPlan& plan);

    void step();
    // Runs until everyone is out or stuck, or maxTimeS. Calls `onFrame` every frame interval
    // (and once at t = 0) when given.
    void run(const std::function<void(const Simulation&)>& onFrame = {});
    [[nodiscard]] bool finished() const;
    // Engine time: seconds since the run started (the alarm).
    [[nodiscard]] double time() const;
    // The one clock every output uses: seconds since ignition (= time() + the drill's alarm
    // time; = time() without a drill). Frames, events and results are on this clock.
    [[nodiscard]] double clockS() const;
    [[nodiscard]] int stepCount() const;

    [[nodiscard]] Frame frame() const;
    // Not const: the first call sets up assisted evacuation (the header lists the devices).
    [[nodiscard]] ReplayHeader replayHeader();
    // Events since the last call (door changes, floors cleared, last person out), their
    // times on the one clock (clockS).
    std::vector<SimEvent> takeEvents();
    // An event for the replay and the timeline at engine time engineT (may be < 0: before the
    // alarm, e.g. the drill's detection); handed out by the next takeEvents().
    void addEvent(double engineT, EventKind kind, std::string subject, std::string text);
    [[nodiscard]] RunResults results() const;
    // Every crossing so far (doors, exits, stairs, measurement lines), in time order, on the
    // one clock; and the scenario's measurement series (complete intervals so far, and the
    // one under way once the run has finished).
    [[nodiscard]] std::vector<Crossing> crossings() const;
    [[nodiscard]] std::vector<MeasureSample> measurements() const;

    // Conservation: every person is waiting, on a floor, on a stair, out, or stuck.
    [[nodiscard]] bool conserved() const;
    [[nodiscard]] int agentCount() const;
    [[nodiscard]] int evacuatedCount() const;
    [[nodiscard]] int onStairsCount() const;
    [[nodiscard]] const std::vector<std::string>& floorIds() const;

    struct Impl;

private:
    std::unique_ptr<Impl> m;
};

} // namespace muster
