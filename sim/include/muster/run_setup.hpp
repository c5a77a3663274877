#pragma once
// The run set-up use case: a loaded scenario (and its drill, if it names one) turned into
// what the engine needs. The only place that does it, for every front end: `muster run`, the
// Monte Carlo replications (`muster drill`, `compare`) and the viewer's live run, so all three
// simulate the same thing.
//
// With a drill: the drill's project (drillProject: shift and staffing), its smoke timeline
// (computeSmoke), and each new Simulation gets the drill applied (applyDrill: smoke, strategy,
// door/exit/stair events; engine time = drill time - alarm). Without one: the scenario as
// loaded. Options: the seed and max time given, else the scenario's; the scenario's time step.
#include <cstdint>
#include <memory>
#include <optional>

#include "muster/drill.hpp"
#include "muster/scenario.hpp"
#include "muster/simulation.hpp"
#include "muster/smoke.hpp"

namespace muster {

struct RunSetupOptions {
    std::optional<std::uint64_t> seed; // default: the scenario's seed
    double maxTimeS = -1.0;            // < 0: the scenario's max_time_s
};

// Everything one run (or one study of replications) needs, owned in one place.
// Invariant: a Simulation made here holds a reference to `project`, so the RunSetup must
// outlive it and stay where it is while it runs (moving a RunSetup moves its Project). It is
// not copyable, so a copy cannot silently stand in for the one the simulations use.
struct RunSetup {
    Project project; // the drill's project (shift, staffing applied), else the scenario's
    std::optional<Drill> drill; // the scenario's drill, if any
    SmokeResult smoke;          // the drill's smoke timeline (empty without a drill)
    double alarmS = 0.0;        // drill time of engine t = 0 (0 without a drill)
    SimOptions options;         // seed, time step and max time of the run

    RunSetup() = default;
    RunSetup(const RunSetup&) = delete;
    RunSetup& operator=(const RunSetup&) = delete;
    RunSetup(RunSetup&&) = default;
    RunSetup& operator=(RunSetup&&) = default;
    ~RunSetup() = default;

    // A new simulation of the run, the drill applied.
    [[nodiscard]] std::unique_ptr<Simulation> makeSimulation() const;
    // The same with another seed (one Monte Carlo replication).
    [[nodiscard]] std::unique_ptr<Simulation> makeSimulation(std::uint64_t seed) const;
};

// `loaded` as loadProject returned it (its drill, if any, is applied here; it is not changed).
[[nodiscard]] RunSetup prepareRun(const Project& loaded, const RunSetupOptions& options = {});

} // namespace muster
