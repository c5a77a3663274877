// muster bench: speed and memory of the evacuation engine (issue: evacuation core, "Speed").
// Each case runs in a forked child so its peak memory is its own.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <memory>
#include <cstdio>
#include <cstring>
#include <iostream>

#include "commands.hpp"
#include "muster/loader.hpp"
#include "muster/simulation.hpp"
#include "muster/text.hpp"

namespace muster::cli {

namespace {

struct BenchRow {
    char name[64] = {};
    int people = 0;
    int evacuated = 0;
    double wallS = 0, simS = 0, usPerPersonStep = 0, peakMiB = 0;
};

// N people on a grid in a 40 x 40 m room leaving through one 2 m door in the middle of a wall.
Project roomProject(const ProfileSet& profiles) {
    Project p;
    p.profiles = profiles;
    Building b;
    b.id = "BENCH";
    Floor f;
    f.id = "ROOM";
    f.building = "BENCH";
    f.outline = {{0, 0}, {40, 0}, {40, 40}, {0, 40}};
    Room r;
    r.id = "ROOM-ALL";
    r.kind = RoomKind::Lobby;
    r.polygon = f.outline;
    f.rooms.push_back(r);
    Exit e;
    e.id = "DOOR";
    e.at = {40, 20};
    e.widthM = 2.0;
    e.room = r.id;
    f.exits.push_back(e);
    b.floors.push_back(f);
    p.buildings.push_back(b);
    return p;
}

std::vector<Placement> roomPeople(int n) {
    std::vector<Placement> out;
    const int cols = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(n))));
    const double step = 39.0 / cols;
    for (int i = 0; i < n; ++i) {
        Placement pl;
        pl.floor = "ROOM";
        pl.at = {0.5 + step * (i % cols + 0.5), 0.5 + step * (i / cols + 0.5)};
        pl.profile = "visitor";
        pl.premovementS = 0.0;
        out.push_back(pl);
    }
    return out;
}

BenchRow timeRun(const char* name, const Project& p, const std::vector<Placement>* people,
                 const SimOptions& opt) {
    BenchRow row;
    std::snprintf(row.name, sizeof row.name, "%s", name);
    const auto t0 = std::chrono::steady_clock::now();
    std::unique_ptr<Simulation> sim = people ? std::make_unique<Simulation>(p, opt, *people)
                                             : std::make_unique<Simulation>(p, opt);
    sim->run();
    const auto t1 = std::chrono::steady_clock::now();
    const RunResults r = sim->results();
    row.people = r.total;
    row.evacuated = r.evacuated;
    row.wallS = std::chrono::duration<double>(t1 - t0).count();
    row.simS = r.simulatedS;
    row.usPerPersonStep = r.agentSteps ? row.wallS * 1e6 / static_cast<double>(r.agentSteps) : 0.0;
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    row.peakMiB = static_cast<double>(ru.ru_maxrss) / 1024.0;
    return row;
}

// Runs fn in a child process and returns its row (peak memory is the child's alone).
template <class F> bool inChild(F fn, BenchRow& out) {
    int fds[2];
    if (pipe(fds) != 0)
        return false;
    const pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        BenchRow row = fn();
        const ssize_t w = write(fds[1], &row, sizeof row);
        _exit(w == static_cast<ssize_t>(sizeof row) ? 0 : 1);
    }
    close(fds[1]);
    const ssize_t got = read(fds[0], &out, sizeof out);
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    return got == static_cast<ssize_t>(sizeof out) && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

} // namespace

namespace {

// `muster bench` options, bound to its flags.
struct BenchArgs {
    std::vector<int> sizes{1000, 5000, 10000};
    std::string hospital = "scenarios/hospital/day.yaml";
    bool skipHospital = false;
};

} // namespace

void addBenchCommands(Registry& r) {
    auto benchArgs = std::make_shared<BenchArgs>();
    CLI::App* b = r.add(
        "bench", "Time evacuations: N people through one 2 m door, and the bundled hospital",
        "muster bench --sizes 1000,5000 --hospital scenarios/hospital/day.yaml", [benchArgs] {
            Diagnostics d;
            auto profiles = loadProfiles(defaultProfilesPath(), d);
            if (!profiles) {
                for (const auto& x : d.all())
                    std::cerr << formatDiagnostic(x) << '\n';
                return 1;
            }
            // Case names padded by display width (muster/text.hpp), as every terminal table.
            std::printf("%s %7s %7s %9s %9s %8s %10s %9s\n", padRight("case", 28).c_str(), "people",
                        "out", "wall s", "sim s", "x real", "us/p-step", "peak MiB");
            auto print = [](const BenchRow& row) {
                std::printf("%s %7d %7d %9.2f %9.1f %8.1f %10.3f %9.1f\n",
                            padRight(row.name, 28).c_str(), row.people, row.evacuated, row.wallS,
                            row.simS, row.simS / std::max(1e-9, row.wallS), row.usPerPersonStep,
                            row.peakMiB);
                std::fflush(stdout);
            };
            int failures = 0;
            for (int n : benchArgs->sizes) {
                BenchRow row;
                const bool ok = inChild(
                    [&] {
                        const Project p = roomProject(*profiles);
                        const auto people = roomPeople(n);
                        SimOptions opt;
                        opt.maxTimeS = 7200;
                        char name[64];
                        std::snprintf(name, sizeof name, "room 40x40, 2 m door, N=%d", n);
                        return timeRun(name, p, &people, opt);
                    },
                    row);
                if (ok)
                    print(row);
                else
                    ++failures;
            }
            if (!benchArgs->skipHospital) {
                BenchRow row;
                const bool ok = inChild(
                    [&] {
                        Diagnostics dd;
                        auto p = loadProject(benchArgs->hospital, dd);
                        if (!p)
                            return BenchRow{};
                        SimOptions opt;
                        opt.seed = p->scenario.seed;
                        opt.timeStepS = p->scenario.timeStepS;
                        opt.maxTimeS = p->scenario.maxTimeS;
                        return timeRun("bundled hospital (scenario)", *p, nullptr, opt);
                    },
                    row);
                if (ok && row.people > 0)
                    print(row);
                else
                    ++failures;
            }
            return failures ? 1 : 0;
        });
    b->add_option("--sizes", benchArgs->sizes, "Crowd sizes for the room case")
        ->delimiter(',')
        ->check(wholeIn(1, 100000))
        ->capture_default_str();
    b->add_option("--hospital", benchArgs->hospital, "Scenario for the whole-building case")
        ->capture_default_str();
    b->add_flag("--no-hospital", benchArgs->skipHospital, "Skip the whole-building case");
}

} // namespace muster::cli
