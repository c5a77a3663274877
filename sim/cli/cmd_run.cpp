// muster run / muster replay-info
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "commands.hpp"
#include "muster/loader.hpp"
#include "muster/replay.hpp"
#include "muster/run_setup.hpp"
#include "muster/safe_write.hpp"
#include "muster/simulation.hpp"
#include "muster/text.hpp"
#include "progress.hpp"

namespace muster::cli {

namespace fs = std::filesystem;

int printDiagnosticsAndCount(Diagnostics& d) {
    d.sort();
    for (const auto& x : d.all())
        std::cerr << formatDiagnostic(x) << '\n';
    return d.errorCount();
}

bool writeTextFile(const fs::path& path, const std::string& text) {
    // Results are regenerated outputs, not user data: an atomic write (muster/safe_write.hpp)
    // so a reader never sees half a file; a planted symlink at the name is replaced, not
    // followed.
    WriteOptions o;
    o.link = LinkPolicy::ReplaceLink;
    std::string err;
    if (writeFileAtomic(path.string(), text, o, err))
        return true;
    std::cerr << "muster: error: " << err << "\n";
    return false;
}

std::string runSummaryText(const RunResults& r) {
    std::string s;
    char line[256];
    std::map<Outcome, int> outcomes;
    for (const auto& p : r.people)
        outcomes[p.outcome()]++;
    s += plural(r.total, "person", "people") + ", out " + std::to_string(r.evacuated) +
         ", not out " + std::to_string(r.total - r.evacuated - r.inPlace) + "\n";
    if (r.inPlace > 0 || outcomes[Outcome::Refuge] > 0 || outcomes[Outcome::NotReached] > 0) {
        s += "outcomes:";
        for (const auto& [o, n] : outcomes)
            s += std::string("  ") + toString(o) + " " + std::to_string(n);
        s += "\n";
    }
    s += r.alarmS > 0 ? "times in s since ignition (alarm at " + std::to_string(int(r.alarmS)) +
                            " s); percentages of the people the strategy moves\n"
                      : std::string("times in s since the alarm\n");
    auto t = [](double v) {
        char b[32];
        if (v < 0)
            return std::string("   -   ");
        std::snprintf(b, sizeof b, "%7.1f", v);
        return std::string(b);
    };
    s += "time to 50 % " + t(r.t50) + " s   90 % " + t(r.t90) + " s   95 % " + t(r.t95) +
         " s   100 % " + t(r.t100) + " s\n";
    // Ids padded by display width (muster/text.hpp): they may be Chinese. "person" and
    // "people" are both 6 letters: the columns after them stay in place.
    const auto people = [](int n) { return std::string(pluralWord(n, "person", "people")); };
    s += "exits:\n";
    for (const auto& e : r.exits) {
        if (e.count == 0)
            continue;
        std::snprintf(line, sizeof line, " %4.1f m  %5d %s  first %6.1f s  last %6.1f s\n",
                      e.widthM, e.count, people(e.count).c_str(), e.firstS, e.lastS);
        s += "  " + padRight(e.id, 12) + " " + padRight(e.floor, 8) + line;
    }
    s += "floors cleared:\n";
    for (const auto& f : r.floors) {
        if (f.initialCount == 0 && f.clearS == 0)
            continue;
        const std::string who = people(f.initialCount);
        if (f.defendedInPlace())
            std::snprintf(line, sizeof line, " %5d %s  defended in place\n", f.initialCount,
                          who.c_str());
        else if (f.clearS < 0)
            std::snprintf(line, sizeof line, " %5d %s  not clear (people remain)\n", f.initialCount,
                          who.c_str());
        else
            std::snprintf(line, sizeof line, " %5d %s  clear at %7.1f s%s\n", f.initialCount,
                          who.c_str(), f.clearS,
                          f.inPlace > 0 ? (" (of the people it moves; " +
                                           std::to_string(f.inPlace) + " defend in place)")
                                              .c_str()
                                        : "");
        s += "  " + padRight(f.id, 10) + line;
    }
    std::map<std::string, int> reasons;
    for (const auto& p : r.people)
        if (p.exitTimeS < 0 && !p.inPlace)
            reasons[p.reason]++;
    if (!reasons.empty()) {
        s += "not out:\n";
        for (const auto& [why, n] : reasons) {
            std::snprintf(line, sizeof line, "  %5d  %s\n", n, why.c_str());
            s += line;
        }
    }
    return s;
}

namespace {

// `muster run` options, bound to its flags.
struct RunArgs {
    std::string scenario;
    long long seed = -1;
    double maxTimeS = -1.0; // < 0: the scenario's max_time_s
    std::string outDir = "out";
    bool json = false;
    bool noReplay = false;
    bool embedOutside = false;
    bool quiet = false;
};

// `muster replay-info` options, bound to its flags.
struct ReplayInfoArgs {
    std::string replayFile;
    bool infoJson = false;
    bool check = false;
};

// "3 frames, 1 event".
std::string contents(const ReplayReader& r) {
    return plural(static_cast<long long>(r.frameCount()), "frame", "frames") + ", " +
           plural(static_cast<long long>(r.events().size()), "event", "events");
}

// "2 problems", at least 1: a replay that opened with warnings has a problem.
std::string problems(const ReplayCheck& c) {
    return plural(std::max<long long>(static_cast<long long>(c.count()), 1), "problem", "problems");
}

} // namespace

ReplayHeader embeddingHeader(ReplayHeader h, const std::string& scenarioPath, bool embedOutside) {
    const EmbedSelection sel = selectEmbeddedFiles(h, scenarioPath, embedOutside);
    if (sel.outside.empty())
        return h;
    if (sel.outsideEmbedded) {
        std::cerr << "muster: --embed-outside: the replay embeds " << sel.outside.size()
                  << pluralWord(static_cast<long long>(sel.outside.size()), " file", " files")
                  << " from outside the project folder " << sel.projectDir
                  << " (anyone given the replay can read them):\n";
    } else {
        std::cerr << "muster: warning: left out of the replay: " << sel.outside.size()
                  << pluralWord(static_cast<long long>(sel.outside.size()), " file", " files")
                  << " from outside the project folder " << sel.projectDir
                  << " (the replay will not open on its own; --embed-outside embeds them):\n";
    }
    for (const std::string& name : sel.outside)
        std::cerr << "  " << name << '\n';
    return h;
}

void addRunCommands(Registry& r) {
    auto runArgs = std::make_shared<RunArgs>();
    CLI::App* run = r.add(
        "run",
        "Simulate one evacuation; write summary.json, curve.csv, people.csv, crossings.csv "
        "(measure.csv with measurement lines) and run.mrpl",
        "muster run scenarios/hospital/ward_tower_day.yaml --seed 7 --out out/wt", [runArgs] {
            Diagnostics d;
            auto p = loadProject(runArgs->scenario, d);
            printDiagnosticsAndCount(d);
            if (!p)
                return 1;
            // A scenario with a drill runs as one replication of it (run_setup.hpp): shift and
            // staffing, the smoke timeline, the strategy and the drill's events (engine time =
            // drill time - alarm). `muster drill` runs many.
            RunSetupOptions ro;
            if (runArgs->seed >= 0)
                ro.seed = static_cast<std::uint64_t>(runArgs->seed);
            ro.maxTimeS = runArgs->maxTimeS;
            const RunSetup setup = prepareRun(*p, ro);
            if (setup.drill)
                std::cerr << "muster: drill " << setup.drill->name
                          << ": times are seconds since ignition (alarm at " << setup.drill->alarmS
                          << " s), as in the drill report and the viewer\n";
            const std::unique_ptr<Simulation> simulation = setup.makeSimulation();
            Simulation& sim = *simulation;
            std::error_code ec;
            fs::create_directories(runArgs->outDir, ec);
            ReplayWriter writer;
            Diagnostics wd;
            const fs::path replayPath = fs::path(runArgs->outDir) / "run.mrpl";
            if (!runArgs->noReplay &&
                !writer.open(
                    replayPath.string(),
                    embeddingHeader(sim.replayHeader(), runArgs->scenario, runArgs->embedOutside),
                    wd)) {
                printDiagnosticsAndCount(wd);
                return 1;
            }
            // Measured in simulated time against max_time_s: a run with people defending in
            // place never gets everyone out, but its clock always moves.
            const auto outOf = [&](const Simulation& s) {
                return std::to_string(s.evacuatedCount()) + "/" + std::to_string(s.agentCount()) +
                       " out";
            };
            Progress bar("evacuating", std::lround(setup.options.maxTimeS), runArgs->quiet, "s");
            sim.run([&](const Simulation& s) {
                if (!runArgs->noReplay) {
                    writer.writeFrame(s.frame());
                    for (const auto& e : const_cast<Simulation&>(s).takeEvents())
                        writer.writeEvent(e);
                }
                bar.update(std::lround(s.time()), outOf(s));
            });
            bar.done(outOf(sim));
            if (!runArgs->noReplay)
                writer.finish();
            const RunResults res = sim.results();
            const fs::path dir(runArgs->outDir);
            if (!writeTextFile(dir / "summary.json", resultsJson(res) + "\n") ||
                !writeTextFile(dir / "curve.csv", evacuationCurveCsv(res)) ||
                !writeTextFile(dir / "people.csv", peopleCsv(res)) ||
                !writeTextFile(dir / "crossings.csv", crossingsCsv(sim.crossings())) ||
                (!setup.project.scenario.measures.empty() &&
                 !writeTextFile(dir / "measure.csv", measureCsv(sim.measurements())))) {
                std::cerr << "muster: error: cannot write results into " << runArgs->outDir << "\n";
                return 1;
            }
            if (runArgs->json)
                std::cout << resultsJson(res) << "\n";
            else
                std::cout << runSummaryText(res) << "results: " << runArgs->outDir
                          << "/summary.json, curve.csv, people.csv, crossings.csv"
                          << (setup.project.scenario.measures.empty() ? "" : ", measure.csv")
                          << (runArgs->noReplay ? "" : ", run.mrpl") << "\n";
            return 0;
        });
    run->add_option("scenario", runArgs->scenario, "Scenario file")->required();
    run->add_option("--seed", runArgs->seed, "Random seed (default: the scenario's seed)");
    run->add_option("--max-time", runArgs->maxTimeS,
                    "Stop after this many simulated seconds from the alarm (default: the "
                    "scenario's max_time_s). Example: --max-time 300")
        ->check(finiteIn(1.0, 1e7));
    run->add_option("--out", runArgs->outDir, "Output folder")->capture_default_str();
    run->add_flag("--json", runArgs->json, "Print the summary JSON on stdout");
    run->add_flag("--no-replay", runArgs->noReplay, "Do not write the replay file");
    run->add_flag("--embed-outside", runArgs->embedOutside,
                  "Also embed in the replay the input files from outside the project folder "
                  "(listed on stderr; without this they are left out with a warning)");
    run->add_flag("--quiet", runArgs->quiet, "No progress on stderr");

    struct PedpyArgs {
        std::string replayFile;
        std::string outDir = "out/pedpy";
    };
    auto pedpyArgs = std::make_shared<PedpyArgs>();
    CLI::App* pedpy =
        r.add("pedpy",
              "Write a replay's trajectories in PedPy's text format, one file per floor "
              "(load with pedpy.load_trajectory_from_txt)",
              "muster pedpy out/wt/run.mrpl --out out/wt/pedpy", [pedpyArgs] {
                  ReplayReader reader;
                  Diagnostics d;
                  const bool ok = reader.open(pedpyArgs->replayFile, d);
                  printDiagnosticsAndCount(d);
                  if (!ok)
                      return 1;
                  std::vector<PedpyFile> files;
                  std::string err;
                  if (!pedpyTrajectories(reader, files, err)) {
                      std::cerr << pedpyArgs->replayFile << ": error: " << err << "\n";
                      return 1;
                  }
                  std::error_code ec;
                  fs::create_directories(pedpyArgs->outDir, ec);
                  for (const auto& f : files) {
                      if (f.rows == 0)
                          continue; // nobody was ever on this floor
                      if (!writeTextFile(fs::path(pedpyArgs->outDir) / f.fileName, f.text))
                          return 1;
                      std::cout << pedpyArgs->outDir << "/" << f.fileName << ": floor " << f.floorId
                                << ", " << plural(static_cast<long long>(f.rows), "row", "rows")
                                << "\n";
                  }
                  return 0;
              });
    pedpy->add_option("file", pedpyArgs->replayFile, "Replay file (.mrpl)")->required();
    pedpy->add_option("--out", pedpyArgs->outDir, "Output folder")->capture_default_str();

    auto replayInfoArgs = std::make_shared<ReplayInfoArgs>();
    CLI::App* info = r.add(
        "replay-info", "Dump a replay file: header, embedded files, frames, events",
        "muster replay-info out/run.mrpl --json", [replayInfoArgs] {
            ReplayReader reader;
            Diagnostics d;
            const bool ok = reader.open(replayInfoArgs->replayFile, d);
            const bool warned = !d.empty();
            printDiagnosticsAndCount(d); // what open() found, frames left out included
            if (!ok)
                return 1;
            const ReplayCheck check = checkReplay(reader);
            // Damaged frames and refused names on stderr, whatever the mode.
            for (const auto* list : {&check.nameProblems, &check.frameProblems}) {
                constexpr std::size_t kMax = 20;
                const bool all = replayInfoArgs->check;
                for (std::size_t k = 0; k < list->size() && (all || k < kMax); ++k)
                    std::cerr << replayInfoArgs->replayFile << ": warning: " << (*list)[k] << '\n';
                if (!all && list->size() > kMax)
                    std::cerr << replayInfoArgs->replayFile << ": warning: " << list->size() - kMax
                              << " more like these\n";
            }
            if (replayInfoArgs->check) {
                if (check.ok() && !warned) {
                    std::cout << replayInfoArgs->replayFile << ": OK, " << contents(reader) << "\n";
                    return 0;
                }
                std::cout << replayInfoArgs->replayFile << ": " << problems(check)
                          << ", listed on stderr\n";
                return 1;
            }
            printReplayInfo(reader, std::cout, replayInfoArgs->infoJson, &check);
            return 0;
        });
    info->add_option("file", replayInfoArgs->replayFile, "Replay file (.mrpl)")->required();
    info->add_flag("--json", replayInfoArgs->infoJson, "JSON on stdout");
    info->add_flag("--check", replayInfoArgs->check,
                   "Only check: read every frame, list every problem on stderr, print one line; "
                   "exit 0 if the replay is whole, 1 if anything is damaged or left out");
}

} // namespace muster::cli
