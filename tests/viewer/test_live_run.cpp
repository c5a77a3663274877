// The viewer's live run of a scenario with a drill simulates what `muster run` simulates: both
// take the run set-up (muster/run_setup.hpp), so the drill's staffing, smoke and events apply.
// tests/usecase/test_run_setup.cpp checks that `muster run` itself prints this summary.
#include <catch2/catch.hpp>

#include <algorithm>

#include "muster/loader.hpp"
#include "muster/results.hpp"
#include "muster/run_setup.hpp"
#include "muster/simulation.hpp"
#include "viewer/frame_source.hpp"
#include "viewer/session.hpp"

using namespace muster;
using namespace muster::viewer;

namespace {

std::string drillScenario() {
    return std::string(MUSTER_SOURCE_DIR) + "/tests/data/good/tiny_drill/scenario.yaml";
}

const Project& drillProjectAsLoaded() {
    static const Project p = [] {
        Diagnostics d;
        auto pr = loadProject(drillScenario(), d);
        REQUIRE(pr);
        REQUIRE(pr->drill);
        return std::move(*pr);
    }();
    return p;
}

// What `muster run SCENARIO` computes: the run set-up's simulation, run to its end.
RunResults cliRun(const Project& p) {
    const RunSetup setup = prepareRun(p);
    const std::unique_ptr<Simulation> sim = setup.makeSimulation();
    sim->run();
    return sim->results();
}

int exitCount(const RunResults& r, const std::string& id) {
    for (const auto& e : r.exits)
        if (e.id == id)
            return e.count;
    return 0;
}

} // namespace

TEST_CASE("a live run of a drill scenario gives the summary of muster run", "[viewer][live]") {
    const Project& p = drillProjectAsLoaded();
    const RunResults cli = cliRun(p);

    // The same scenario without its drill runs differently (more exits, fewer staff), so a
    // live run that skipped the drill could not pass the comparison below.
    Project plain = p;
    plain.drill.reset();
    const RunResults noDrill = cliRun(plain);
    REQUIRE(resultsJson(noDrill) != resultsJson(cli));
    CHECK(exitCount(cli, "CL-E2") == 0); // closed at the alarm by the drill
    CHECK(exitCount(noDrill, "CL-E2") > 0);
    CHECK(cli.total == noDrill.total + 2); // staffing: 4 staff on CL-1F instead of 2

    SECTION("LiveSource built from the loaded project") {
        LiveSource live(p);
        live.wait();
        REQUIRE(live.finished());
        const auto r = live.results();
        REQUIRE(r);
        CHECK(resultsJson(*r) == resultsJson(cli));
        // The frames carry the drill's smoke (the waiting room becomes untenable).
        Frame last;
        REQUIRE(live.readFrame(live.frameCount() - 1, last));
        CHECK(std::any_of(last.roomSmoke.begin(), last.roomSmoke.end(),
                          [](float s) { return s > 0.0f; }));
    }

    SECTION("the viewer opening the scenario file (Session::open)") {
        Diagnostics d;
        auto session = Session::open(drillScenario(), d);
        REQUIRE(session);
        REQUIRE(session->live());
        auto* live = dynamic_cast<LiveSource*>(&session->source());
        REQUIRE(live);
        live->wait();
        const auto r = live->results();
        REQUIRE(r);
        CHECK(resultsJson(*r) == resultsJson(cli));
    }
}
