// Tenability: the asphyxiant FED and the visibility criterion, by hand and along a run's path.
#include <catch2/catch.hpp>
#include <cmath>
#include <memory>
#include <sstream>
#include <string>
#include <vector>
#include <nlohmann/json.hpp>

#include "../crowd/world_fixture.hpp"
#include "muster/monte_carlo.hpp"
#include "muster/results.hpp"
#include "muster/simulation.hpp"
#include "muster/smoke.hpp"
#include "muster/tenability.hpp"

using namespace muster;
using namespace muster::test;

TEST_CASE("FED of a constant CO exposure is ppm·min / 35,000 times the CO2 factor",
          "[smoke][tenability]") {
    SECTION("CO alone: 1000 ppm for 10 min, step by step") {
        double fed = 0;
        for (int i = 0; i < 600 * 20; ++i) // 10 min at 0.05 s
            fed += fedIncrement(1000, 0, 0.05);
        CHECK(fed == Approx(10000.0 / 35000.0)); // 0.2857
        CHECK(fedIncrement(1000, 0, 60) == Approx(1.0 / 35.0));
    }
    SECTION("CO2 hyperventilation: exp(%CO2 / 5)") {
        CHECK(co2HyperventilationFactor(0) == 1.0);
        CHECK(co2HyperventilationFactor(5) == Approx(std::exp(1.0)));
        // 500 ppm CO with 5 % CO2 for 30 min: 15000 / 35000 * e = 1.165.
        CHECK(fedIncrement(500, 5, 1800) == Approx(15000.0 / 35000.0 * std::exp(1.0)));
    }
    SECTION("clear air and no time add nothing") {
        CHECK(fedIncrement(0, 0, 60) == 0.0);
        CHECK(fedIncrement(1000, 0, 0) == 0.0);
        CHECK(fedIncrementFromExtinction(0, 60) == 0.0);
    }
}

TEST_CASE("gases from the extinction coefficient, by hand", "[smoke][tenability]") {
    // Ks = 3 /m: soot 3 / 8700 = 3.448e-4 kg/m³; fuel burnt 3.448e-4 / 0.14 = 2.463e-3 kg/m³;
    // CO 0.4 * 2.463e-3 / 0.02801 * 0.02445 = 860.0 ppm; CO2 1.5 * 2.463e-3 / 0.04401 * 0.02445
    // = 0.2053 %.
    const SmokeGases g = gasesFromExtinction(3.0);
    CHECK(g.sootKgPerM3 == Approx(3.448e-4).epsilon(1e-3));
    CHECK(g.coPpm == Approx(860.0).epsilon(1e-3));
    CHECK(g.co2Percent == Approx(0.2053).epsilon(1e-3));
    // Linear in Ks: 10 m visibility (0.3 /m) is 86 ppm.
    CHECK(gasesFromExtinction(0.3).coPpm == Approx(86.0).epsilon(1e-3));
    // One minute at Ks = 3: 860.0 / 35000 * exp(0.2053 / 5) = 0.02560.
    CHECK(fedIncrementFromExtinction(3.0, 60) == Approx(0.02560).epsilon(1e-3));
    SECTION("visibility C / Ks, criterion 10 m") {
        CHECK(visibilityM(0.3) == Approx(10.0));
        CHECK(std::isinf(visibilityM(0)));
        CHECK(belowVisibilityCriterion(0.3));
        CHECK_FALSE(belowVisibilityCriterion(0.29));
        CHECK_FALSE(belowVisibilityCriterion(0));
    }
}

namespace {

// A 10 x 10 m room with an exit; its smoke (when `smoky`) is dense (Ks = 3 /m, the ceiling) from
// t = 0: untenable and arrival both before the run, so the ramp is over.
struct SmokeRoom {
    WorldBuilder w;
    std::shared_ptr<SmokeResult> smoke = std::make_shared<SmokeResult>();
    explicit SmokeRoom(bool smoky) {
        w.floor("F", {{0, 0}, {10, 0}, {10, 10}, {0, 10}});
        w.exit("F", "X", {10, 5}, 1.2);
        RoomSmoke rs;
        rs.room = "F-all";
        rs.floor = "F";
        if (smoky) {
            rs.untenableS = -1.0;
            rs.arrivalS = -1.0;
        }
        smoke->rooms.push_back(rs);
        smoke->index["F-all"] = 0;
    }
    // One person who never starts (pre-movement beyond the run) at (5, 5), one who walks out.
    RunResults run(double maxT) const {
        SimOptions o;
        o.maxTimeS = maxT;
        o.seed = 1;
        Simulation sim(w.project, o, {w.person("F", {5, 5}, 1.0, 1e6), w.person("F", {8, 5})});
        sim.setSmoke(smoke, 0.0);
        sim.run();
        return sim.results();
    }
};

} // namespace

TEST_CASE("FED along the path: the engine integrates the room's smoke over time",
          "[tenability][crowd]") {
    SECTION("someone staying in Ks = 3 /m smoke for 120 s has 2 min of 0.02560 /min") {
        const RunResults r = SmokeRoom(true).run(120);
        const PersonResult& stay = r.people[0];
        CHECK(stay.fed == Approx(2 * 0.025601).epsilon(2e-3)); // 0.0512, within a step
        CHECK(stay.visibilityLostS == Approx(0).margin(1e-9));
        CHECK(stay.lowVisibilityS == Approx(120).margin(0.1));
        CHECK(stay.fedDesignS < 0); // 0.05 < 0.3
        CHECK(stay.fedDesignRoom.empty());
        // The one who walks out breathes less.
        const PersonResult& out = r.people[1];
        CHECK(out.exitTimeS > 0);
        CHECK(out.fed > 0);
        CHECK(out.fed < stay.fed);
    }
    SECTION("monotonic in exposure time: twice as long, twice the dose") {
        const double f60 = SmokeRoom(true).run(60).people[0].fed;
        const double f120 = SmokeRoom(true).run(120).people[0].fed;
        CHECK(f60 > 0);
        CHECK(f120 > f60);
        CHECK(f120 == Approx(2 * f60).epsilon(2e-3));
    }
    SECTION("reaching the design threshold: 0.3 / 0.025601 per min = 703 s, in the room") {
        const RunResults r = SmokeRoom(true).run(800);
        const PersonResult& stay = r.people[0];
        CHECK(stay.fed >= tenability::kFedDesignThreshold);
        CHECK(stay.fedDesignS == Approx(60 * 0.3 / 0.025601).margin(0.2));
        CHECK(stay.fedDesignRoom == "F-all");
    }
    SECTION("someone who never enters smoke has FED 0 and never loses visibility") {
        const RunResults r = SmokeRoom(false).run(120);
        for (const auto& p : r.people) {
            CHECK(p.fed == 0.0);
            CHECK(p.visibilityLostS < 0);
            CHECK(p.lowVisibilityS == 0.0);
            CHECK(p.smokeExposureS == 0.0);
        }
    }
}

TEST_CASE("people.csv has the tenability columns before the outcome", "[tenability][drill]") {
    const RunResults r = SmokeRoom(true).run(800);
    const std::string csv = peopleCsv(r);
    const std::string head = csv.substr(0, csv.find('\n'));
    // Existing columns first, in their order; the new ones at the end.
    CHECK(head.rfind("id,profile,group,origin_floor,origin_room,start_s,exit_s,exit,", 0) == 0);
    const std::string tail =
        ",squeezes,reason,fed,fed_0_3_s,fed_0_3_room,visibility_lost_s,low_visibility_s,outcome";
    REQUIRE(head.size() >= tail.size());
    CHECK(head.substr(head.size() - tail.size()) == tail);
    const std::string row =
        csv.substr(head.size() + 1, csv.find('\n', head.size() + 1) - head.size() - 1);
    std::vector<std::string> cells;
    std::istringstream in(row);
    for (std::string cell; std::getline(in, cell, ',');)
        cells.push_back(cell);
    REQUIRE(cells.size() >= 6);
    // The stayer: FED after 800 s in Ks = 3 /m is 800 / 60 * 0.025601 = 0.3413, reached in F-all.
    CHECK(std::stod(cells[cells.size() - 6]) == Approx(0.3413).epsilon(2e-3));
    CHECK(cells[cells.size() - 4] == "F-all");
    CHECK(std::stod(cells[cells.size() - 3]) == 0.0);
    CHECK(cells.back() == "inside");
}

TEST_CASE("Monte Carlo counts people reaching FED 0.3 per room and reads old files",
          "[tenability][drill][montecarlo]") {
    McRun run;
    run.scenario = "s";
    run.runs = 2;
    Replication a, b;
    a.index = 0;
    b.index = 1;
    a.fedDesign = {{"R1", 3}, {"R2", 1}};
    b.fedDesign = {{"R1", 1}};
    run.reps = {a, b};
    const McSummary s = summarize(run);
    CHECK(s.fedDesignMean.at("R1") == Approx(2.0));
    CHECK(s.fedDesignMean.at("R2") == Approx(0.5));
    CHECK(s.fedDesignRuns.at("R1") == 2);
    CHECK(s.fedDesignRuns.at("R2") == 1);

    Diagnostics d;
    const auto back = parseRunJson(resultJson(run), "r.json", d);
    REQUIRE(back);
    CHECK(back->reps[0].fedDesign == a.fedDesign);
    // A file written before the key existed still reads, with no counts.
    nlohmann::json old = nlohmann::json::parse(resultJson(run));
    for (auto& r : old.at("replications"))
        r.erase("fed_0_3");
    old.at("summary").erase("fed_0_3_mean");
    REQUIRE(old.dump().find("fed_0_3") == std::string::npos);
    Diagnostics d2;
    const auto older = parseRunJson(old.dump(), "old.json", d2);
    REQUIRE(older);
    CHECK(older->reps[0].fedDesign.empty());
}
