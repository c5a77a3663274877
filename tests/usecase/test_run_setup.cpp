// The run set-up use case (muster/run_setup.hpp): one scenario + drill -> engine inputs for
// `muster run`, Monte Carlo and the viewer. tests/viewer/test_live_run.cpp checks the viewer's
// live run against the same core path.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "muster/drill_engine.hpp"
#include "muster/loader.hpp"
#include "muster/monte_carlo.hpp"
#include "muster/results.hpp"
#include "muster/run_setup.hpp"
#include "muster/simulation.hpp"

using namespace muster;
namespace fs = std::filesystem;

namespace {

std::string drillScenario() {
    return std::string(MUSTER_SOURCE_DIR) + "/tests/data/good/tiny_drill/scenario.yaml";
}

Project loadDrillScenario() {
    Diagnostics d;
    auto p = loadProject(drillScenario(), d);
    REQUIRE(p);
    REQUIRE(p->drill);
    return std::move(*p);
}

RunResults runToEnd(const RunSetup& setup) {
    const std::unique_ptr<Simulation> sim = setup.makeSimulation();
    sim->run();
    return sim->results();
}

std::string shellQuote(const std::string& s) {
    std::string q = "'";
    for (char c : s)
        q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

std::string readFile(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

int staffCount(const Project& p) {
    int n = 0;
    for (const auto& g : p.population.groups)
        if (g.profile == "staff")
            n += p.scenario.shift == Shift::Night ? g.night : g.day;
    return n;
}

} // namespace

TEST_CASE("prepareRun turns a scenario and its drill into the engine's inputs", "[usecase][run]") {
    const Project loaded = loadDrillScenario();

    SECTION("with a drill: the drill's project, smoke and alarm; the scenario's options") {
        const RunSetup s = prepareRun(loaded);
        REQUIRE(s.drill);
        CHECK(s.drill->name == loaded.drill->name);
        CHECK(s.alarmS == loaded.drill->alarmS);
        CHECK(s.options.seed == loaded.scenario.seed);
        CHECK(s.options.timeStepS == loaded.scenario.timeStepS);
        CHECK(s.options.maxTimeS == loaded.scenario.maxTimeS);
        // drillProject: the staffing entry (4 on CL-1F) replaces the population's 2 there.
        CHECK(staffCount(loaded) == 3);
        CHECK(staffCount(s.project) == 5);
        CHECK(std::isfinite(s.smoke.untenableS("CL-103"))); // the fire room
        CHECK(s.smoke.untenableS("CL-103") ==
              computeSmoke(s.project, *s.drill).untenableS("CL-103"));
    }
    SECTION("options given override the scenario's") {
        RunSetupOptions o;
        o.seed = 42;
        o.maxTimeS = 30;
        const RunSetup s = prepareRun(loaded, o);
        CHECK(s.options.seed == 42);
        CHECK(s.options.maxTimeS == 30);
        CHECK(runToEnd(s).simulatedS <= 30.0 + 1e-9);
    }
    SECTION("without a drill: the scenario as loaded, no smoke, engine time = drill time") {
        Project plain = loaded;
        plain.drill.reset();
        const RunSetup s = prepareRun(plain);
        CHECK_FALSE(s.drill);
        CHECK(s.alarmS == 0.0);
        CHECK(s.smoke.rooms.empty());
        CHECK(staffCount(s.project) == staffCount(loaded));
        CHECK(resultsJson(runToEnd(s)) != resultsJson(runToEnd(prepareRun(loaded))));
    }
    SECTION("the set-up owns its project: it may move before a simulation is made") {
        RunSetup a = prepareRun(loaded);
        const std::string expected = resultsJson(runToEnd(a));
        RunSetup b = std::move(a);
        CHECK(resultsJson(runToEnd(b)) == expected);
    }
}

TEST_CASE("muster run of a drill scenario prints the run set-up's summary", "[usecase][run][cli]") {
    const Project loaded = loadDrillScenario();
    const std::string expected = resultsJson(runToEnd(prepareRun(loaded)));

    const char* env = std::getenv("MUSTER_BIN");
    const std::string bin = env && *env ? env : MUSTER_BINARY_DIR "/sim/muster";
    const fs::path dir =
        fs::temp_directory_path() / ("muster-run-setup-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string cmd = shellQuote(bin) + " run " + shellQuote(drillScenario()) +
                            " --json --no-replay --out " + shellQuote((dir / "out").string()) +
                            " >" + shellQuote((dir / "stdout").string()) + " 2>" +
                            shellQuote((dir / "stderr").string());
    const int status = std::system(cmd.c_str());
    const std::string out = readFile(dir / "stdout");
    const std::string err = readFile(dir / "stderr");
    const std::string summary = readFile(dir / "out" / "summary.json");
    std::error_code ec;
    fs::remove_all(dir, ec);
    INFO(err);
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);
    CHECK(out == expected + "\n");
    CHECK(summary == expected + "\n");
    CHECK(err.find("drill Tiny clinic waiting-room fire") != std::string::npos);
}

TEST_CASE("a Monte Carlo replication is the run set-up's simulation with the replication's seed",
          "[usecase][run][drill]") {
    const Project loaded = loadDrillScenario();
    const DrillContext ctx = makeDrillContext(loaded);
    const std::uint64_t master = 3;
    const Replication rep = runReplication(ctx, master, 1);

    RunSetupOptions o;
    o.seed = replicationSeed(master, 1);
    const RunResults direct = runToEnd(prepareRun(loaded, o));
    CHECK(rep.seed == *o.seed);
    CHECK(rep.total == direct.total);
    CHECK(rep.evacuated == direct.evacuated);
    // One clock: the run's results are already in s since ignition, like the replication's.
    CHECK(direct.alarmS == ctx.alarmS);
    CHECK(rep.endS == direct.endS());
    CHECK(rep.endS == ctx.alarmS + direct.simulatedS);
    CHECK(rep.t100 == direct.t100);
    CHECK(rep.totalTimeS == direct.totalTimeS);
    for (const auto& e : direct.exits)
        CHECK(rep.exits.at(e.id) == e.count);
}
