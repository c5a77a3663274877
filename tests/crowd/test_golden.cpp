// Golden results: the engine's figures and a hash of its replay frames, events and per-person
// results for a fixed set of runs, pinned in tests/data/golden/engine.txt. A restructuring must
// leave them unchanged; a commit that changes the model on purpose regenerates the file
// (MUSTER_GOLDEN_WRITE=1 ctest -R golden, or scripts/golden) and says why in its message.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>

#include "muster/loader.hpp"
#include "muster/results.hpp"
#include "muster/run_setup.hpp"
#include "muster/simulation.hpp"
#include "world_fixture.hpp"

using namespace muster;
using namespace muster::test;

namespace {

// FNV-1a, 64 bit: a stable hash of exact bytes (floats and doubles by their bit patterns).
struct Hash {
    std::uint64_t h = 1469598103934665603ULL;
    void bytes(const void* p, std::size_t n) {
        const auto* b = static_cast<const unsigned char*>(p);
        for (std::size_t i = 0; i < n; ++i) {
            h ^= b[i];
            h *= 1099511628211ULL;
        }
    }
    template <class T> void pod(const T& v) { bytes(&v, sizeof v); }
    void str(const std::string& s) {
        pod(s.size());
        bytes(s.data(), s.size());
    }
};

void hashFrame(Hash& h, const Frame& f) {
    h.pod(f.t);
    for (const auto& a : f.agents) {
        h.pod(a.x);
        h.pod(a.y);
        h.pod(a.heading);
        h.pod(a.speed);
        h.pod(a.floor);
        h.pod(static_cast<std::uint8_t>(a.state));
        h.pod(a.flags);
    }
    for (auto d : f.doorOpen)
        h.pod(d);
    for (float s : f.roomSmoke)
        h.pod(s);
}

std::string hex(std::uint64_t v) {
    char b[24];
    std::snprintf(b, sizeof b, "%016llx", static_cast<unsigned long long>(v));
    return b;
}

std::string num(double v) {
    char b[40];
    std::snprintf(b, sizeof b, "%.17g", v);
    return b;
}

// Runs `sim` as `muster run` does (a frame at every frame interval, events drained with each
// frame) and returns the pinned record: "key=value" pairs in a fixed order.
std::string record(Simulation& sim) {
    Hash frames, events;
    int count = 0;
    sim.run([&](const Simulation& s) {
        hashFrame(frames, s.frame());
        ++count;
        for (const auto& e : const_cast<Simulation&>(s).takeEvents()) {
            events.pod(e.t);
            events.pod(static_cast<std::uint8_t>(e.kind));
            events.str(e.subject);
            events.str(e.text);
        }
    });
    const RunResults r = sim.results();
    Hash results;
    results.str(resultsJson(r));
    std::ostringstream o;
    o << "total=" << r.total << " evacuated=" << r.evacuated << " in_place=" << r.inPlace
      << " steps=" << r.steps << " agent_steps=" << r.agentSteps << " t50=" << num(r.t50)
      << " t90=" << num(r.t90) << " t95=" << num(r.t95) << " t100=" << num(r.t100)
      << " end=" << num(r.simulatedS) << " frames=" << count << " frame_hash=" << hex(frames.h)
      << " event_hash=" << hex(events.h) << " results_hash=" << hex(results.h);
    return o.str();
}

std::string goldenPath() {
    return std::string(MUSTER_SOURCE_DIR) + "/tests/data/golden/engine.txt";
}

std::map<std::string, std::string> readGolden() {
    std::map<std::string, std::string> out;
    std::ifstream in(goldenPath());
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#')
            continue;
        const auto sp = line.find(' ');
        if (sp != std::string::npos)
            out[line.substr(0, sp)] = line.substr(sp + 1);
    }
    return out;
}

// With MUSTER_GOLDEN_WRITE=1 the measured record replaces the pinned one (each case rewrites
// only its own line, so ctest may run the cases in parallel).
void checkGolden(const std::string& name, const std::string& measured) {
    const char* write = std::getenv("MUSTER_GOLDEN_WRITE");
    if (write && std::strcmp(write, "1") == 0) {
        const std::string lockPath = goldenPath() + ".lock";
        // Crude cross-process lock: ctest -j runs cases as separate processes.
        for (int i = 0; i < 600 && !std::filesystem::create_directory(lockPath); ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        auto all = readGolden();
        all[name] = measured;
        const std::string tmp = goldenPath() + ".tmp";
        {
            std::ofstream out(tmp);
            out << "# Golden engine results (tests/crowd/test_golden.cpp). Regenerate only on a\n"
                   "# deliberate model change, in its own commit that says why.\n";
            for (const auto& [k, v] : all)
                out << k << ' ' << v << '\n';
        }
        std::filesystem::rename(tmp, goldenPath());
        std::filesystem::remove(lockPath);
        WARN("golden: wrote " << name);
        return;
    }
    const auto all = readGolden();
    const auto it = all.find(name);
    INFO("case " << name << "\nmeasured: " << measured);
    REQUIRE(it != all.end());
    CHECK(measured == it->second);
}

// A bundled scenario run as `muster run` runs it (its drill applied, through the one run
// set-up layer), with a seed and an optional earlier end.
std::string scenarioRecord(const std::string& rel, std::uint64_t seed, double maxTimeS = -1.0) {
    Diagnostics d;
    auto p = loadProject(std::string(MUSTER_SOURCE_DIR) + "/" + rel, d);
    REQUIRE(p);
    RunSetupOptions ro;
    ro.seed = seed;
    ro.maxTimeS = maxTimeS;
    const RunSetup setup = prepareRun(*p, ro); // what muster run, Monte Carlo and the viewer use
    const auto sim = setup.makeSimulation();
    return record(*sim);
}

} // namespace

TEST_CASE("golden: night ward drill, seeds 1-3", "[golden][slow]") {
    for (std::uint64_t seed : {1, 2, 3})
        checkGolden("night_ward_fire.seed" + std::to_string(seed),
                    scenarioRecord("scenarios/hospital/drills/night_ward_fire.yaml", seed));
}

TEST_CASE("golden: ward tower day to 600 s", "[golden][slow]") {
    checkGolden("ward_tower_day.600s",
                scenarioRecord("scenarios/hospital/ward_tower_day.yaml", 1, 600.0));
}

TEST_CASE("golden: bundled campus day to 300 s", "[golden][slow]") {
    checkGolden("day.300s", scenarioRecord("scenarios/hospital/day.yaml", 1, 300.0));
}

TEST_CASE("golden: verification worlds", "[golden]") {
    auto run = [](const Project& p, const std::vector<Placement>& people, double maxT,
                  std::uint64_t seed) {
        SimOptions o;
        o.maxTimeS = maxT;
        o.seed = seed;
        Simulation sim(p, o, people);
        return record(sim);
    };
    { // a 40 m corridor at 30 degrees
        WorldBuilder w;
        w.angleDeg = 30;
        w.floor("F", {{0, 0}, {40, 0}, {40, 2}, {0, 2}});
        w.exit("F", "E", {40, 1}, 2.0);
        checkGolden("world.corridor30", run(w.project, {w.person("F", {0.5, 1.0}, 1.33)}, 900, 1));
    }
    { // L corridor, 20 people
        WorldBuilder w;
        w.floor("F", {{0, 0}, {20, 0}, {20, 20}, {18, 20}, {18, 2}, {0, 2}});
        w.exit("F", "E", {19, 20}, 2.0);
        std::vector<Placement> people;
        for (Vec2 p : gridPoints(0.5, 8.0, 0.3, 1.7, 20))
            people.push_back(w.person("F", p, -1.0, 0.0));
        checkGolden("world.l_corridor", run(w.project, people, 300, 1));
    }
    for (double width : {0.9, 1.2, 1.6}) { // bottleneck: 12 x 12 m room, 120 people
        WorldBuilder w;
        w.floor("F", {{0, 0}, {12, 0}, {12, 12}, {0, 12}});
        w.exit("F", "E", {12, 6}, width);
        std::vector<Placement> people;
        for (Vec2 p : randomPoints(0.5, 9.0, 0.5, 11.5, 120, 0.45, 3))
            people.push_back(w.person("F", p, -1.0, 0.0));
        checkGolden("world.bottleneck" + num(width), run(w.project, people, 900, 2));
    }
    { // two floors and a stair, pre-movement drawn
        WorldBuilder w;
        w.floor("G", {{0, 0}, {20, 0}, {20, 6}, {0, 6}}, 0.0);
        w.exit("G", "E", {20, 3}, 1.2);
        w.floor("U", {{0, 0}, {20, 0}, {20, 6}, {0, 6}}, 4.0);
        w.stair("S", "G", {2, 3}, "U", {2, 3}, 1.2, 12.0);
        std::vector<Placement> people;
        for (Vec2 p : gridPoints(4, 18, 0.5, 5.5, 60))
            people.push_back(w.person("U", p, -1.0, -1.0));
        for (Vec2 p : gridPoints(4, 18, 0.5, 5.5, 40))
            people.push_back(w.person("G", p, -1.0, -1.0));
        checkGolden("world.stairs", run(w.project, people, 900, 11));
    }
    { // a ward: a bed and a wheelchair, three staff, a narrow and a wide door
        WorldBuilder w;
        w.floor("F", {{0, 0}, {12.4, 0}, {12.4, 30}, {10, 30}, {10, 8}, {0, 8}});
        w.wall("F", {{10, 0}, {10, 8}});
        w.door("F", "D-narrow", {10, 1.5}, 0.9);
        w.door("F", "D-wide", {10, 6.0}, 1.2);
        w.exit("F", "X", {11.2, 30}, 1.6);
        std::vector<Placement> people = {w.person("F", {3, 4}, -1, 0, "bed_bound"),
                                         w.person("F", {6, 2}, -1, 0, "wheelchair"),
                                         w.person("F", {11.2, 20}, 1.3, 5.0, "staff"),
                                         w.person("F", {11.2, 24}, 1.3, 10.0, "staff"),
                                         w.person("F", {11.2, 14}, 1.3, 0.0, "staff")};
        checkGolden("world.ward", run(w.project, people, 1800, 1));
    }
}
