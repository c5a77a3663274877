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

// ---- statistics (docs/drills.md, "Statistics") ------------------------------------------
// Below this many runs no confidence interval is given ("too few runs for an interval"): a
// Student t interval from 3 runs spans more than the quantity itself.
inline constexpr int kMinRunsForInterval = 10;

// One observation per run. A censored one is a run that ended (max_time_s) before the event:
// its value is the end of the run, a lower bound, not a time.
struct Sample {
    std::vector<double> x;
    std::vector<bool> censored; // empty: none censored; else one flag per x
    [[nodiscard]] int censoredCount() const;
};
// The physically possible range of a quantity: intervals are clipped to it.
struct Range {
    double lo = 0.0; // times, counts, fractions: never below 0
    double hi = 1e300;
};

struct SampleStats {
    int n = 0;
    int censored = 0; // runs that ended before the event (see Sample)
    // With censored runs: mean and sd of the values as given (a lower bound of the mean);
    // percentiles from the Kaplan-Meier estimate, NaN where it never reaches them ("did not
    // finish in N of M runs"). Without: percentiles by linear interpolation (type 7).
    double mean = 0, sd = 0, p5 = 0, p50 = 0, p90 = 0, p95 = 0, max = 0;
    // 95 % Student t interval of the mean, clipped to the Range; valid only with at least
    // kMinRunsForInterval runs and none censored (else ciLow = ciHigh = NaN).
    double ciLow = 0, ciHigh = 0;
    [[nodiscard]] bool hasInterval() const { return n >= kMinRunsForInterval && censored == 0; }
    // Why there is no interval ("" when there is one).
    [[nodiscard]] std::string intervalNote() const;
};
// Percentiles by linear interpolation between order statistics (Hyndman & Fan type 7).
double percentile(std::vector<double> xs, double p);
// Kaplan-Meier quantile: the first event time at which the estimated fraction of events
// reaches p; NaN if it never does (too many censored runs).
double kaplanMeierQuantile(const Sample& s, double p);
SampleStats sampleStats(const Sample& s, Range range = {});
SampleStats sampleStats(const std::vector<double>& xs, Range range = {});
// Distribution-free 95 % interval of the p-quantile from order statistics (binomial ranks):
// {lo, hi}; hi = +inf when the sample is too small for an upper bound (for P95, n < 59 has
// none: 0.95^n > 0.05 ... see docs) or censored runs reach into it.
std::pair<double, double> quantileInterval(const Sample& s, double p);
// Student t: CDF and the two-sided quantile (e.g. 0.975 -> 1.96 for large df).
double studentTCdf(double t, double df);
double studentTQuantile(double p, double df);
struct WelchResult {
    double diff = 0, t = 0, df = 0, p = 1;
    bool significant = false;         // p < 0.05, both sides >= 2 runs, neither side censored
    int censoredA = 0, censoredB = 0; // runs that did not finish (never "significant")
};
// Welch's unequal-variance t-test on two samples (two-sided).
WelchResult welchTest(const std::vector<double>& a, const std::vector<double>& b);
// The same on samples that may hold censored runs: a side with any is not a sample of the
// quantity, so the difference is never called significant (p stays 1).
WelchResult welchTest(const Sample& a, const Sample& b);

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

// One staff member who moved patients in one replication: a person with trips > 0 or in some
// patient's helpers (staff_allocation.hpp; docs/drills.md, "Staff allocation").
struct HelperRecord {
    std::uint32_t id = 0; // person id (index in the run's people)
    std::string profile;
    std::string ward;       // DrillContext::roomWard of their origin room
    int trips = 0;          // people they delivered
    double distanceM = 0.0; // walked in the whole run (rounded to 0.01 m)
    // From the first time they reached a patient to the last delivery of a patient they helped
    // (the end of the run if one was not delivered); rounded to 0.1 s.
    double busyS = 0.0;
    std::vector<std::uint32_t> patients; // ids of the patients they helped, ascending
};

// One replication's figures, every time on the one clock (s since ignition).
struct Replication {
    int index = 0;
    std::uint64_t seed = 0;
    int total = 0, evacuated = 0;
    int inPlace = 0; // defended in place: not moved, not in the curve or the percentiles
    double endS = 0; // drill time when the run stopped
    double totalTimeS = 0, t50 = -1, t90 = -1, t95 = -1, t100 = -1; // drill times; < 0 never
    std::vector<int> curve; // people out at k * curveStepS (drill time), up to the end
    std::map<std::string, double> wards, compartments, rooms; // clear times; -1 not clear
    // Wards and compartments whose occupants all defended in place: nobody had to leave, so
    // they are neither cleared nor not clear (not in `wards` / `compartments`).
    std::vector<std::string> defendedWards, defendedCompartments;
    std::map<std::string, int> exits;
    std::map<std::string, int> atUntenable; // people in the room when it became untenable
    std::map<std::string, int> notOut;      // reason -> people
    // Patients the strategy moves (not those defended in place): alarm -> first helper at
    // them (s); nobody came: alarm -> end of the run (censored, counted in notReached).
    std::vector<double> waitingForHelp;
    int notReached = 0;
    [[nodiscard]] int moved() const { return total - inPlace; }
    // People whose asphyxiant FED reached the design threshold 0.3 (tenability.hpp), by the room
    // they were in when it did (rooms with nobody are absent).
    std::map<std::string, int> fedDesign;
    // Staff allocation (staff_allocation.hpp): who helped whom. Patients' wards are their origin
    // room's ward. Files written before it lack these: empty.
    std::vector<HelperRecord> staff;          // ascending id
    std::map<std::string, int> patientsMoved; // ward -> patients whose move began
    // ward -> its patients with at least one helper from another ward
    std::map<std::string, int> helpedFromOtherWards;
    // helper's ward -> patient's ward -> patients (each patient once per helper ward)
    std::map<std::string, std::map<std::string, int>> staffFlows;
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
    int defendedRuns = 0; // runs in which everyone there defended in place (not in stats)
    [[nodiscard]] bool defendedInPlace() const { return stats.n == 0 && defendedRuns > 0; }
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
    std::vector<double> waitingForHelp;       // moved patients, pooled over runs
    int notReached = 0;                       // of them, nobody came (pooled over runs)
    int people = 0;                           // per run
    int inPlace = 0;                          // of them, defended in place (first run)
    int moved = 0;                            // people - inPlace: the curves' denominator
    // People reaching FED 0.3, by the room where they did: mean per run, and in how many runs.
    std::map<std::string, double> fedDesignMean;
    std::map<std::string, int> fedDesignRuns;
};
McSummary summarize(const McRun& run);
// The replication to keep as a replay: median (lower median) or worst total time.
int pickReplication(const McRun& run, KeepReplay keep);

// Key figures for `muster compare`: name -> one observation per replication (censored
// where the run ended before the event).
std::map<std::string, Sample> keyFigures(const McRun& run);

// `muster drill --until-ci H`: the 95 % interval's half-width of the P95 total time over
// these replications (quantileInterval; +inf while not bounded). A study stops once it is
// at most H.
double p95HalfWidth(const McRun& run);

} // namespace muster
