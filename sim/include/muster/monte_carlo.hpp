#pragma once
// Monte Carlo drills: N seeded replications of one scenario (with its drill, if any), their
// statistics, ASET vs RSET, shard files and their exact merge, and the Welch comparison.
// Replication i always uses seed replicationSeed(S, i), so results do not depend on the
// number of threads or on how the replications are split into shards.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "muster/diagnostics.hpp"
#include "muster/drill_engine.hpp"
#include "muster/results.hpp"
#include "muster/run_setup.hpp"
#include "muster/scenario.hpp"
#include "muster/simulation.hpp"
#include "muster/smoke.hpp"

namespace muster {

// ---- statistics ---------------------------------------------------------------------
struct SampleStats {
    int n = 0;
    double mean = 0, sd = 0, p5 = 0, p50 = 0, p90 = 0, p95 = 0, max = 0;
    double ciLow = 0, ciHigh = 0; // 95 % confidence interval of the mean (Student t)
};
// Percentiles by linear interpolation between order statistics (Hyndman & Fan type 7).
double percentile(std::vector<double> xs, double p);
SampleStats sampleStats(const std::vector<double>& xs);
// Student t: CDF and the two-sided quantile (e.g. 0.975 -> 1.96 for large df).
double studentTCdf(double t, double df);
double studentTQuantile(double p, double df);
struct WelchResult {
    double diff = 0, t = 0, df = 0, p = 1;
    bool significant = false; // p < 0.05
};
// Welch's unequal-variance t-test on two samples (two-sided).
WelchResult welchTest(const std::vector<double>& a, const std::vector<double>& b);

// ---- the shared, immutable context of one Monte Carlo study ---------------------------
// The run set-up (run_setup.hpp: project, drill, smoke, alarm, options; each replication is
// makeSimulation(its seed)) and what the study measures from each replication.
struct DrillContext : RunSetup {
    double curveStepS = 5.0;
    std::map<std::string, std::string> roomWard;        // room -> "floor department"
    std::map<std::string, std::string> roomCompartment; // room -> compartment id
    // Rooms with a finite untenable time, sorted by it: where to count who is still inside.
    struct AsetRoom {
        double asetS = 0;
        std::string id;
        int floorIndex = 0; // index in the engine's / replay's floor list
        size_t building = 0, floor = 0, room = 0;
    };
    std::vector<AsetRoom> asetRooms;
};
// Builds the context from a loaded project (prepareRun: its drill, if any, is applied).
DrillContext makeDrillContext(const Project& project);

std::uint64_t replicationSeed(std::uint64_t masterSeed, int index);

struct Replication {
    int index = 0;
    std::uint64_t seed = 0;
    int total = 0, evacuated = 0;
    double endS = 0; // drill time when the run stopped
    double totalTimeS = 0, t50 = -1, t90 = -1, t95 = -1, t100 = -1; // drill times; < 0 never
    std::vector<int> curve; // people out at k * curveStepS (drill time), up to the end
    std::map<std::string, double> wards, compartments, rooms; // clear times; -1 not clear
    std::map<std::string, int> exits;
    std::map<std::string, int> atUntenable; // people in the room when it became untenable
    std::map<std::string, int> notOut;      // reason -> people
    std::vector<double> waitingForHelp;     // assisted patients: alarm -> first move (s)
    // People whose asphyxiant FED reached the design threshold 0.3 (tenability.hpp), by the room
    // they were in when it did (rooms with nobody are absent).
    std::map<std::string, int> fedDesign;
};

// Hooks for the kept replication: every frame (engine time) and the finished simulation.
struct ReplicationHooks {
    std::function<void(const Simulation&)> onFrame;
    std::function<void(Simulation&)> beforeRun;
};

Replication runReplication(const DrillContext& ctx, std::uint64_t masterSeed, int index,
                           const ReplicationHooks* hooks = nullptr);
// Runs the given replication indices on `threads` workers; results in index order.
std::vector<Replication> runReplications(const DrillContext& ctx, std::uint64_t masterSeed,
                                         const std::vector<int>& indices, int threads,
                                         const std::function<void(int done)>& progress = {});

// ---- a study: what shard files and result files hold -----------------------------------
struct AsetRow {
    std::string room, floor, from, via;
    double asetS = 0;
};
struct McRun {
    std::string scenario; // path as given
    std::string drillName;
    std::string strategy; // "" without a drill
    std::uint64_t seed = 1;
    int runs = 0;
    double curveStepS = 5.0;
    double alarmS = 0.0;
    std::vector<AsetRow> aset;           // rooms with a finite untenable time
    std::vector<TimelineEntry> timeline; // the drill's own timeline
    std::vector<Replication> reps;       // sorted by index
};
McRun makeRun(const DrillContext& ctx, const std::string& scenarioPath, std::uint64_t seed,
              int runs);

// Replication indices of shard k (1-based) of n: i with i % n == k - 1.
std::vector<int> shardIndices(int runs, int k, int n);

// Shard file (no summary) or result file (with summary). The result file of a merge is
// byte-identical to the result file of one unsharded run.
std::string shardJson(const McRun& run, int k, int n);
std::string resultJson(const McRun& run);
// Reads a shard or result file; nullopt (and a diagnostic) when it is not one.
std::optional<McRun> parseRunJson(const std::string& text, const std::string& file,
                                  Diagnostics& diags);
// Combines shards of one study; errors if they differ in scenario/seed/runs, overlap, or
// leave replications missing.
std::optional<McRun> mergeRuns(const std::vector<McRun>& parts, Diagnostics& diags);

// ---- summaries (what reports show) -------------------------------------------------------
struct GroupStats {
    std::string id;
    SampleStats stats; // not-clear runs count as their end time (censored)
    int notClearRuns = 0;
};
struct AsetRsetRow {
    std::string room, floor;
    double asetS = 0, rsetP95S = 0;
    bool exceeded = false;      // P95 RSET > ASET
    double meanAtUntenable = 0; // people still there at untenability, mean over runs
};
struct CurveBand {
    double t = 0;
    double p5 = 0, p50 = 0, p95 = 0, mean = 0; // fraction of people out
};
struct McSummary {
    SampleStats totalTime, t50, t90, t95, evacuated;
    std::vector<GroupStats> wards, compartments, exits;
    std::vector<AsetRsetRow> asetRset; // every room with an ASET that people used
    std::vector<CurveBand> curve;
    std::map<std::string, double> notOutMean; // reason -> mean people per run
    std::vector<double> waitingForHelp;       // pooled over runs
    int people = 0;
    // People reaching FED 0.3, by the room where they did: mean per run, and in how many runs.
    std::map<std::string, double> fedDesignMean;
    std::map<std::string, int> fedDesignRuns;
};
McSummary summarize(const McRun& run);
// The replication to keep as a replay: median (lower median) or worst total time.
int pickReplication(const McRun& run, KeepReplay keep);

// Key figures for `muster compare`: name -> one sample per replication.
std::map<std::string, std::vector<double>> keyFigures(const McRun& run);

} // namespace muster
