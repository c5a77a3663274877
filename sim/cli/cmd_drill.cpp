// muster drill / merge / compare / plan
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "commands.hpp"
#include "muster/drill_plan.hpp"
#include "muster/drill_report.hpp"
#include "muster/loader.hpp"
#include "muster/monte_carlo.hpp"
#include "muster/replay.hpp"
#include "muster/rounding.hpp"
#include "muster/staff_allocation.hpp"
#include "muster/text.hpp"
#include "progress.hpp"

namespace muster::cli {

namespace fs = std::filesystem;

// --until-ci without --runs: the most replications it runs.
constexpr int kUntilCiMaxRuns = 1000;

namespace {

std::string readAll(const std::string& path, bool& ok) {
    std::ifstream in(path, std::ios::binary);
    ok = static_cast<bool>(in);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string f1(double v) {
    if (!std::isfinite(v))
        return "-"; // a percentile Kaplan-Meier never reaches, no interval
    char b[32];
    std::snprintf(b, sizeof b, "%.1f", v);
    return b;
}

std::string summaryText(const McRun& run, const McSummary& s) {
    std::string o;
    char line[512];
    std::snprintf(line, sizeof line, "; times in s since ignition (alarm at %.0f s)\n", run.alarmS);
    o += plural(static_cast<long long>(run.reps.size()), "replication", "replications") + ", " +
         plural(s.people, "person", "people") + line;
    if (s.inPlace > 0)
        o += "defended in place: " + std::to_string(s.inPlace) + " (not moved by the strategy); " +
             "figures below are of the " + std::to_string(s.moved) + " people it moves\n";
    auto row = [&](const char* name, const SampleStats& x) {
        std::snprintf(line, sizeof line,
                      "  %-22s mean %7s  sd %6s  P50 %7s  P90 %7s  P95 %7s  max %7s  ", name,
                      f1(x.mean).c_str(), f1(x.sd).c_str(), f1(x.p50).c_str(), f1(x.p90).c_str(),
                      f1(x.p95).c_str(), f1(x.max).c_str());
        o += line;
        o += x.hasInterval() ? "95% CI " + f1(x.ciLow) + "-" + f1(x.ciHigh) : x.intervalNote();
        o += "\n";
    };
    row("total time", s.totalTime);
    row("95 % out", s.t95);
    o += "wards (clear time):\n";
    int wardWidth = 30; // the widest ward name sets the column (Chinese names count two)
    for (const auto& w : s.wards)
        wardWidth = std::max(wardWidth, displayWidth(w.id));
    for (const auto& w : s.wards) {
        if (w.defendedInPlace()) {
            o += "  " + padRight(w.id, wardWidth) + " defended in place\n";
            continue;
        }
        std::snprintf(line, sizeof line, " mean %7s  P95 %7s  max %7s", f1(w.stats.mean).c_str(),
                      f1(w.stats.p95).c_str(), f1(w.stats.max).c_str());
        o += "  " + padRight(w.id, wardWidth) + line; // padded by display width: Chinese ward names
        if (w.notClearRuns)
            o += "  did not clear in " + std::to_string(w.notClearRuns) + " of " +
                 plural(w.stats.n, "run", "runs");
        if (w.defendedRuns)
            o += "  defended in place in " + plural(w.defendedRuns, "run", "runs");
        o += "\n";
    }
    o += "exits (people, mean):\n";
    for (const auto& e : s.exits)
        if (e.stats.max > 0)
            o += "  " + e.id + "  " + f1(e.stats.mean) + " (sd " + f1(e.stats.sd) + ")\n";
    int exceeded = 0;
    for (const auto& r : s.asetRset)
        exceeded += r.exceeded ? 1 : 0;
    o += "ASET vs RSET: " + std::to_string(s.asetRset.size()) +
         " occupied rooms become untenable, " + std::to_string(exceeded) +
         " with P95 RSET > ASET\n";
    for (const auto& r : s.asetRset)
        if (r.exceeded)
            o += "  " + r.room + "  ASET " + f1(r.asetS) + " s  RSET P95 " + f1(r.rsetP95S) +
                 " s  people there at untenability " + f1(r.meanAtUntenable) + "\n";
    if (!s.notOutMean.empty()) {
        o += "not out (mean per run):\n";
        for (const auto& [why, n] : s.notOutMean)
            o += "  " + f1(n) + "  " + why + "\n";
    }
    return o;
}

bool writeFigures(const fs::path& dir, const McRun& run, const McSummary& s, const KeptRun* kept,
                  const std::string& report) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (!writeTextFile(dir / "drill.json", resultJson(run)))
        return false;
    for (const auto& [name, text] : drillFigureFiles(run, s, kept))
        if (!writeTextFile(dir / name, text))
            return false;
    if (!report.empty()) {
        const fs::path rp(report);
        if (rp.has_parent_path())
            fs::create_directories(rp.parent_path(), ec);
        if (!writeTextFile(rp, drillReportHtml(run, s, kept)))
            return false;
    }
    return true;
}

// Re-runs one replication with a replay writer, a density recorder and the drill's events
// and smoke levels written into the replay.
KeptRun keepReplication(const DrillContext& ctx, std::uint64_t seed, int index,
                        const fs::path& replayPath, bool embedOutside, Diagnostics& diags,
                        bool quiet) {
    KeptRun kept;
    kept.index = index;
    kept.replayPath = replayPath.string();
    DensityRecorder density(ctx.project);
    ReplayWriter writer;
    bool open = false;
    std::vector<std::string> roomIds;
    ReplicationHooks hooks;
    hooks.beforeRun = [&](Simulation& sim) {
        ReplayHeader h =
            embeddingHeader(sim.replayHeader(), ctx.project.scenarioPath, embedOutside);
        roomIds = h.roomIds;
        open = writer.open(replayPath.string(), h, diags);
    };
    // Simulated time against max_time_s: the re-run ends when its replication did.
    Progress bar("kept replication " + std::to_string(index), std::lround(ctx.options.maxTimeS),
                 quiet, "s");
    hooks.onFrame = [&](const Simulation& s) {
        bar.update(std::lround(s.time()));
        Frame fr = s.frame();
        density.add(fr);
        const double td = s.clockS();
        if (ctx.drill)
            for (size_t i = 0; i < roomIds.size() && i < fr.roomSmoke.size(); ++i)
                fr.roomSmoke[i] = static_cast<float>(ctx.smoke.level(roomIds[i], td));
        if (!open)
            return;
        writer.writeFrame(fr);
        // The engine's events carry the drill's own moments too (applyDrill), on the one clock.
        for (auto& e : const_cast<Simulation&>(s).takeEvents()) {
            writer.writeEvent(e);
            kept.events.push_back(e);
        }
    };
    (void)runReplication(ctx, seed, index, &hooks);
    bar.done();
    if (open)
        writer.finish();
    kept.density = density.maps();
    return kept;
}

std::uint64_t parseSeed(long long cli, const Project& p) {
    if (cli >= 0)
        return static_cast<std::uint64_t>(cli);
    if (p.drill)
        return p.drill->monteCarlo.seed;
    return p.scenario.seed;
}

} // namespace

namespace {

// `muster drill` options, bound to its flags.
struct DrillArgs {
    std::string scenario;
    int runs = -1;
    int threads = 0;
    long long seed = -1;
    std::string shard;
    std::string keep;
    std::string report;
    std::string outDir = "out/drill";
    bool noKeep = false;
    bool embedOutside = false;
    double untilCi = 0.0; // > 0: run until the P95 total time's 95 % half-width is at most this
    bool quiet = false;
};

// `muster merge` options, bound to its flags.
struct MergeArgs {
    std::vector<std::string> parts;
    std::string mergeOut = "out/drill";
    std::string mergeReport;
};

// `muster compare` options, bound to its flags.
struct CompareArgs {
    std::string ca, cb;
    int cRuns = 20;
    int cThreads = 0;
    long long cSeed = -1;
    bool cJson = false;
    bool quiet = false;
};

// `muster plan` options, bound to its flags.
struct PlanArgs {
    std::string planScenario;
    int year = 2027;
    std::string profile = "nfpa";
    double unannounced = 0.5;
    long long planSeed = 1;
    std::string stamp;
    std::string planOut = "out/plan";
};

} // namespace

void addDrillCommands(Registry& r) {
    // ---- muster drill ----
    auto drillArgs = std::make_shared<DrillArgs>();
    CLI::App* drill = r.add(
        "drill",
        "Monte Carlo drill: N seeded replications of a scenario and its drill file; statistics, "
        "ASET vs RSET, report",
        "muster drill scenarios/hospital/drills/night_ward_fire.yaml --runs 100 --threads 2 "
        "--report out/night.html",
        [drillArgs] {
            Diagnostics d;
            auto p = loadProject(drillArgs->scenario, d);
            printDiagnosticsAndCount(d);
            if (!p)
                return 1;
            int k = 1, n = 1;
            if (!drillArgs->shard.empty()) {
                if (std::sscanf(drillArgs->shard.c_str(), "%d/%d", &k, &n) != 2 || n < 1 || k < 1 ||
                    k > n) {
                    std::cerr << "muster: error: --shard: expected K/N with 1 <= K <= N, got \""
                              << drillArgs->shard << "\"\n";
                    return 2;
                }
            }
            const int nRuns = drillArgs->runs > 0 ? drillArgs->runs
                              : p->drill          ? p->drill->monteCarlo.runs
                                                  : 30;
            const std::uint64_t master = parseSeed(drillArgs->seed, *p);
            const int nThreads = drillArgs->threads > 0
                                     ? drillArgs->threads
                                     : std::max(1u, std::thread::hardware_concurrency());
            KeepReplay keepWhich = p->drill ? p->drill->monteCarlo.keep : KeepReplay::Median;
            if (drillArgs->keep == "worst")
                keepWhich = KeepReplay::Worst;
            else if (drillArgs->keep == "median")
                keepWhich = KeepReplay::Median;
            if (drillArgs->untilCi > 0 && n > 1) {
                std::cerr << "muster: error: --until-ci decides the number of runs as it goes; "
                             "it cannot be split into --shard parts\n";
                return 2;
            }
            const DrillContext ctx = makeDrillContext(*p);
            // --until-ci: up to --runs (default kUntilCiMaxRuns), in batches, stopping at the
            // first batch after which the half-width is small enough. Replication i has seed
            // replicationSeed(master, i) either way, so the result equals `--runs <that many>`.
            const int cap =
                drillArgs->untilCi > 0 && drillArgs->runs <= 0 ? kUntilCiMaxRuns : nRuns;
            McRun run = makeRun(ctx, drillArgs->scenario, master, cap);
            const std::vector<int> idx = shardIndices(cap, k, n);
            Progress bar("replications", static_cast<long>(idx.size()), drillArgs->quiet);
            const auto t0 = std::chrono::steady_clock::now();
            if (drillArgs->untilCi <= 0) {
                run.reps = runReplications(ctx, master, idx, nThreads,
                                           [&](int done) { bar.update(done); });
            } else {
                double half = std::numeric_limits<double>::infinity();
                while (static_cast<int>(run.reps.size()) < cap && !(half <= drillArgs->untilCi)) {
                    const int from = static_cast<int>(run.reps.size());
                    const int to = std::min(cap, from + std::max(10, 2 * nThreads));
                    const std::vector<int> batch(idx.begin() + from, idx.begin() + to);
                    for (auto& rep : runReplications(ctx, master, batch, nThreads,
                                                     [&](int done) { bar.update(from + done); }))
                        run.reps.push_back(std::move(rep));
                    run.runs = static_cast<int>(run.reps.size());
                    half = p95HalfWidth(run);
                }
                std::cerr << "muster: --until-ci " << f1(drillArgs->untilCi) << ": P95 total time "
                          << (half <= drillArgs->untilCi ? "known to within ±" + f1(half) + " s"
                              : std::isfinite(half)
                                  ? "half-width still " + f1(half) + " s (stopped at the cap)"
                                  : "not bounded yet (stopped at the cap)")
                          << " after " << run.reps.size() << " runs"
                          << (half <= drillArgs->untilCi ? " (the runs needed)" : "") << "\n";
            }
            bar.done();
            const double wall =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            std::cerr << "muster: "
                      << plural(static_cast<long long>(idx.size()), "replication", "replications")
                      << " on " << plural(nThreads, "thread", "threads") << " in " << f1(wall)
                      << " s\n";
            std::error_code ec;
            fs::create_directories(drillArgs->outDir, ec);
            if (n > 1) {
                const fs::path sp =
                    fs::path(drillArgs->outDir) /
                    ("shard-" + std::to_string(k) + "-of-" + std::to_string(n) + ".json");
                if (!writeTextFile(sp, shardJson(run, k, n) + "\n")) {
                    std::cerr << "muster: error: cannot write " << sp.string() << "\n";
                    return 1;
                }
                std::cout << "shard " << k << "/" << n << ": "
                          << plural(static_cast<long long>(idx.size()), "replication",
                                    "replications")
                          << " -> " << sp.string() << "\n";
                return 0;
            }
            const McSummary s = summarize(run);
            KeptRun kept;
            const bool haveKept = !drillArgs->noKeep && !run.reps.empty();
            if (haveKept) {
                const int which = pickReplication(run, keepWhich);
                Diagnostics wd;
                kept =
                    keepReplication(ctx, master, which, fs::path(drillArgs->outDir) / "kept.mrpl",
                                    drillArgs->embedOutside, wd, drillArgs->quiet);
                printDiagnosticsAndCount(wd);
            }
            Progress::note(drillArgs->quiet,
                           "writing the results" + (drillArgs->report.empty()
                                                        ? std::string()
                                                        : " and the report " + drillArgs->report));
            if (!writeFigures(drillArgs->outDir, run, s, haveKept ? &kept : nullptr,
                              drillArgs->report)) {
                std::cerr << "muster: error: cannot write results into " << drillArgs->outDir
                          << "\n";
                return 1;
            }
            std::cout << summaryText(run, s) << "results: " << drillArgs->outDir
                      << "/drill.json and CSV files"
                      << (haveKept ? ", kept.mrpl (replication " + std::to_string(kept.index) +
                                         ", " + toString(keepWhich) + ")"
                                   : "")
                      << (drillArgs->report.empty() ? "" : ", report " + drillArgs->report) << "\n";
            return 0;
        });
    drill
        ->add_option("scenario", drillArgs->scenario,
                     "Scenario file (with a drill: key, or a plain scenario)")
        ->required();
    drill
        ->add_option("--runs", drillArgs->runs,
                     "Replications (default: the drill's monte_carlo.runs, else 30)")
        ->check(wholeIn(1, limits::kMaxCount));
    drill
        ->add_option("--threads", drillArgs->threads,
                     "Worker threads (default: all cores); results do not depend on it")
        ->check(wholeIn(1, 1024));
    drill->add_option("--seed", drillArgs->seed,
                      "Master seed (default: the drill's, else the scenario's)");
    drill->add_option(
        "--shard", drillArgs->shard,
        "Run only shard K of N (replications i with i % N == K-1); writes a shard file");
    drill->add_option("--keep", drillArgs->keep, "Replication kept as a replay: median or worst")
        ->check(CLI::IsMember({"median", "worst"}));
    drill->add_flag("--no-keep", drillArgs->noKeep, "Do not keep a replay (no density map)");
    drill
        ->add_option("--until-ci", drillArgs->untilCi,
                     "Run replications until the 95 % confidence half-width of the P95 total "
                     "time is at most this many seconds (distribution-free: at least 72 runs), "
                     "or --runs (default " +
                         std::to_string(kUntilCiMaxRuns) + ") is reached. Example: --until-ci 30")
        ->check(finiteIn(0.1, 1e6));
    drill->add_flag("--embed-outside", drillArgs->embedOutside,
                    "Also embed in the kept replay the input files from outside the project "
                    "folder (listed on stderr; without this they are left out with a warning)");
    drill->add_option("--report", drillArgs->report, "Write the HTML report here");
    drill->add_option("--out", drillArgs->outDir, "Output folder")->capture_default_str();
    drill->add_flag("--quiet", drillArgs->quiet, "No progress on stderr");

    // ---- muster merge ----
    auto mergeArgs = std::make_shared<MergeArgs>();
    CLI::App* merge = r.add(
        "merge", "Combine shard files of one drill study exactly as one run would",
        "muster merge out/s1/shard-1-of-2.json out/s2/shard-2-of-2.json --out out/drill",
        [mergeArgs] {
            Diagnostics d;
            std::vector<McRun> runsIn;
            for (const auto& f : mergeArgs->parts) {
                bool ok = false;
                const std::string text = readAll(f, ok);
                if (!ok) {
                    std::cerr << f << ": error: cannot read the file\n";
                    return 1;
                }
                if (auto r2 = parseRunJson(text, f, d))
                    runsIn.push_back(std::move(*r2));
            }
            auto merged = d.hasErrors() ? std::nullopt : mergeRuns(runsIn, d);
            printDiagnosticsAndCount(d);
            if (!merged)
                return 1;
            const McSummary s = summarize(*merged);
            if (!writeFigures(mergeArgs->mergeOut, *merged, s, nullptr, mergeArgs->mergeReport)) {
                std::cerr << "muster: error: cannot write results into " << mergeArgs->mergeOut
                          << "\n";
                return 1;
            }
            std::cout << summaryText(*merged, s) << "results: " << mergeArgs->mergeOut
                      << "/drill.json\n";
            return 0;
        });
    merge->add_option("files", mergeArgs->parts, "Shard files")->required();
    merge->add_option("--out", mergeArgs->mergeOut, "Output folder")->capture_default_str();
    merge->add_option("--report", mergeArgs->mergeReport,
                      "Write the HTML report here (no density map: no replay is kept)");

    // ---- muster compare ----
    auto compareArgs = std::make_shared<CompareArgs>();
    CLI::App* cmp = r.add(
        "compare",
        "Two scenarios or drill results side by side: difference of each key figure and "
        "Welch's t-test",
        "muster compare scenarios/hospital/drills/night_ward_fire.yaml out/day/drill.json "
        "--runs 30",
        [compareArgs] {
            auto load = [compareArgs](const std::string& what) -> std::optional<McRun> {
                Diagnostics d;
                if (fs::path(what).extension() == ".json") {
                    bool ok = false;
                    const std::string text = readAll(what, ok);
                    if (!ok) {
                        std::cerr << what << ": error: cannot read the file\n";
                        return std::nullopt;
                    }
                    auto run = parseRunJson(text, what, d);
                    printDiagnosticsAndCount(d);
                    return run;
                }
                auto p = loadProject(what, d);
                printDiagnosticsAndCount(d);
                if (!p)
                    return std::nullopt;
                const DrillContext ctx = makeDrillContext(*p);
                const std::uint64_t master = parseSeed(compareArgs->cSeed, *p);
                McRun run = makeRun(ctx, what, master, compareArgs->cRuns);
                const int nThreads = compareArgs->cThreads > 0
                                         ? compareArgs->cThreads
                                         : std::max(1u, std::thread::hardware_concurrency());
                Progress bar(what, compareArgs->cRuns, compareArgs->quiet);
                run.reps = runReplications(ctx, master, shardIndices(compareArgs->cRuns, 1, 1),
                                           nThreads, [&](int done) { bar.update(done); });
                bar.done();
                return run;
            };
            auto a = load(compareArgs->ca);
            if (!a)
                return 1;
            auto b = load(compareArgs->cb);
            if (!b)
                return 1;
            const auto fa = keyFigures(*a), fb = keyFigures(*b);
            std::set<std::string> keys;
            for (const auto& [k, v] : fa)
                keys.insert(k);
            for (const auto& [k, v] : fb)
                keys.insert(k);
            nlohmann::ordered_json out = nlohmann::ordered_json::array();
            char line[512];
            if (!compareArgs->cJson) {
                const auto runs = [](const McRun& x) {
                    return plural(static_cast<long long>(x.reps.size()), "run", "runs");
                };
                std::cout << "A: " << compareArgs->ca << " (" << runs(*a)
                          << ")\nB: " << compareArgs->cb << " (" << runs(*b) << ")\n";
                std::printf("%s %10s %10s %10s %9s  %s\n", padRight("figure", 40).c_str(), "mean A",
                            "mean B", "B - A", "p", "significant (p < 0.05)");
            }
            for (const auto& k : keys) {
                static const Sample kEmpty;
                const auto ia = fa.find(k);
                const auto ib = fb.find(k);
                const Sample& xa = ia == fa.end() ? kEmpty : ia->second;
                const Sample& xb = ib == fb.end() ? kEmpty : ib->second;
                const WelchResult w = welchTest(xa, xb);
                const std::string name = k.substr(k.find(' ') + 1);
                const SampleStats sa = sampleStats(xa), sb = sampleStats(xb);
                // Never "significant" when a side holds runs that did not finish: their
                // values are the end of the run, not times (docs/drills.md).
                std::string verdict = xa.x.size() < 2 || xb.x.size() < 2 ? "n/a (fewer than 2 runs)"
                                      : w.significant                    ? "yes"
                                                                         : "no";
                if (w.censoredA > 0 || w.censoredB > 0)
                    verdict = "n/a: did not finish in " +
                              (w.censoredA > 0
                                   ? "A " + std::to_string(w.censoredA) + "/" + std::to_string(sa.n)
                                   : std::string()) +
                              (w.censoredA > 0 && w.censoredB > 0 ? ", " : "") +
                              (w.censoredB > 0
                                   ? "B " + std::to_string(w.censoredB) + "/" + std::to_string(sb.n)
                                   : std::string()) +
                              " runs";
                if (compareArgs->cJson) {
                    out.push_back({{"figure", name},
                                   {"mean_a", sa.mean},
                                   {"mean_b", sb.mean},
                                   {"n_a", sa.n},
                                   {"n_b", sb.n},
                                   {"diff", w.diff},
                                   {"t", w.t},
                                   {"df", w.df},
                                   {"p", w.p},
                                   {"censored_a", w.censoredA},
                                   {"censored_b", w.censoredB},
                                   {"significant", w.significant},
                                   {"verdict", verdict}});
                } else {
                    std::snprintf(
                        line, sizeof line, "%s %10s %10s %+10.1f %9.4f  %s\n",
                        padRight(name, 40).c_str(), xa.x.empty() ? "-" : f1(sa.mean).c_str(),
                        xb.x.empty() ? "-" : f1(sb.mean).c_str(), w.diff, w.p, verdict.c_str());
                    std::cout << line;
                }
            }
            const StaffSummary staffA = summarizeStaff(*a), staffB = summarizeStaff(*b);
            if (compareArgs->cJson) {
                // {figures: [...], staff: [...]} (docs/drills.md, "Compare").
                nlohmann::ordered_json staff = nlohmann::ordered_json::array();
                std::map<std::string, std::pair<WardStaffStats, WardStaffStats>> rows;
                for (const auto& w : staffA.wards)
                    rows[w.ward].first = w;
                for (const auto& w : staffB.wards)
                    rows[w.ward].second = w;
                const auto side = [](const WardStaffStats& w) {
                    return nlohmann::ordered_json{
                        {"helpers", roundTo(w.helpers, kMeanCountStep)},
                        {"patients_moved", roundTo(w.patientsMoved, kMeanCountStep)},
                        {"trips_per_helper", roundTo(w.tripsPerHelper, kMeanCountStep)},
                        {"distance_per_helper_m", roundDistance(w.distancePerHelperM)},
                        {"busy_per_helper_s", roundTime(w.busyPerHelperS)},
                        {"helped_from_other_wards", roundTo(w.fromOtherWards, kMeanCountStep)}};
                };
                for (const auto& [ward, ab] : rows)
                    staff.push_back(
                        {{"ward", ward}, {"a", side(ab.first)}, {"b", side(ab.second)}});
                const nlohmann::ordered_json doc{{"figures", out}, {"staff", staff}};
                std::cout << doc.dump(1) << "\n";
                return 0;
            }
            // Wards nobody had to leave have no clear time to compare: say so, per side.
            for (const auto& [side, run] : {std::pair{"A", &*a}, std::pair{"B", &*b}}) {
                std::string wards;
                for (const auto& w : summarize(*run).wards)
                    if (w.defendedInPlace())
                        wards += (wards.empty() ? "" : ", ") + w.id;
                if (!wards.empty())
                    std::cout << "defended in place in " << side << ": " << wards << "\n";
            }
            std::cout << staffComparisonText(staffA, staffB);
            return 0;
        });
    cmp->add_option("a", compareArgs->ca, "Scenario (.yaml) or drill result (.json)")->required();
    cmp->add_option("b", compareArgs->cb, "Scenario (.yaml) or drill result (.json)")->required();
    cmp->add_option("--runs", compareArgs->cRuns, "Replications per scenario given as YAML")
        ->check(wholeIn(1, limits::kMaxCount))
        ->capture_default_str();
    cmp->add_option("--threads", compareArgs->cThreads, "Worker threads")->check(wholeIn(1, 1024));
    cmp->add_option("--seed", compareArgs->cSeed, "Master seed for scenarios given as YAML");
    cmp->add_flag("--json", compareArgs->cJson, "JSON on stdout");
    cmp->add_flag("--quiet", compareArgs->quiet, "No progress on stderr");

    // ---- muster plan ----
    auto planArgs = std::make_shared<PlanArgs>();
    CLI::App* plan = r.add(
        "plan",
        "The year's drill programme (every building and shift; OR suites yearly) as CSV and "
        "iCalendar",
        "muster plan scenarios/hospital/day.yaml --year 2027 --profile nfpa --unannounced 0.5",
        [planArgs] {
            Diagnostics d;
            auto p = loadProject(planArgs->planScenario, d);
            printDiagnosticsAndCount(d);
            if (!p)
                return 1;
            PlanOptions o;
            o.year = planArgs->year;
            o.profile = planArgs->profile;
            o.unannouncedShare = planArgs->unannounced;
            o.seed = static_cast<std::uint64_t>(planArgs->planSeed);
            o.stamp = Date{planArgs->year, 1, 1};
            if (!planArgs->stamp.empty()) {
                auto s = parseDate(planArgs->stamp);
                if (!s) {
                    std::cerr << "muster: error: --stamp: expected YYYY-MM-DD, got \""
                              << planArgs->stamp << "\"\n";
                    return 2;
                }
                o.stamp = *s;
            }
            const auto drills = planDrills(*p, o);
            std::error_code ec;
            fs::create_directories(planArgs->planOut, ec);
            const fs::path base =
                fs::path(planArgs->planOut) / ("drills-" + std::to_string(planArgs->year));
            if (!writeTextFile(base.string() + ".csv", planCsv(drills)) ||
                !writeTextFile(base.string() + ".ics", planIcs(drills, o))) {
                std::cerr << "muster: error: cannot write into " << planArgs->planOut << "\n";
                return 1;
            }
            int un = 0;
            for (const auto& x : drills)
                un += x.unannounced ? 1 : 0;
            std::cout << drills.size() << " drills in " << planArgs->year << " (" << un
                      << " unannounced, profile " << planArgs->profile << "): " << base.string()
                      << ".csv, " << base.string() << ".ics\n";
            return 0;
        });
    plan->add_option("scenario", planArgs->planScenario, "Campus scenario file")->required();
    plan->add_option("--year", planArgs->year, "Plan year")
        ->check(wholeIn(1900, 2200))
        ->capture_default_str();
    plan->add_option("--profile", planArgs->profile,
                     "nfpa (quarterly per shift) or cn (every 6 months)")
        ->check(CLI::IsMember({"nfpa", "cn"}))
        ->capture_default_str();
    plan->add_option("--unannounced", planArgs->unannounced, "Share of unannounced drills (0..1)")
        ->check(finiteIn(0.0, 1.0))
        ->capture_default_str();
    plan->add_option("--seed", planArgs->planSeed, "Seed for the dates and the unannounced choice")
        ->capture_default_str();
    plan->add_option("--stamp", planArgs->stamp,
                     "DTSTAMP date YYYY-MM-DD (default: January 1 of the year)");
    plan->add_option("--out", planArgs->planOut, "Output folder")->capture_default_str();
}

} // namespace muster::cli
