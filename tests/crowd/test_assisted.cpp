// Staff-assisted evacuation: crews gather, prepare and move patients on their devices; beds
// only pass doors wide enough for them; fewer staff take longer; nobody is left without a reason.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "muster/simulation.hpp"
#include "world_fixture.hpp"

using namespace muster;
using namespace muster::test;

namespace {

// A 10 x 8 m ward (x 0-10, y 0-8) beside a 2.4 m corridor (x 10-12.4) that runs 30 m north to a
// 1.6 m exit. The ward wall at x = 10 has a 1.2 m door at y = 6 and, when `narrow`, a 0.9 m door
// at y = 1.5 as well.
WorldBuilder ward(bool wideDoor = true, bool narrowDoor = false) {
    WorldBuilder w;
    w.floor("F", {{0, 0}, {12.4, 0}, {12.4, 30}, {10, 30}, {10, 8}, {0, 8}});
    w.wall("F", {{10, 0}, {10, 8}});
    if (narrowDoor)
        w.door("F", "D-narrow", {10, 1.5}, 0.9);
    if (wideDoor)
        w.door("F", "D-wide", {10, 6.0}, 1.2);
    w.exit("F", "X", {11.2, 30}, 1.6);
    return w;
}

SimOptions options(std::uint64_t seed = 1) {
    SimOptions o;
    o.seed = seed;
    o.maxTimeS = 1800.0;
    return o;
}

const PersonResult& person(const RunResults& r, std::uint32_t id) {
    return r.people.at(id);
}

} // namespace

TEST_CASE("a bed-bound patient is moved out by two staff on a bed", "[assisted]") {
    WorldBuilder w = ward();
    std::vector<Placement> people = {w.person("F", {3, 4}, -1, 0, "bed_bound"),
                                     w.person("F", {11.2, 20}, 1.3, 5.0, "staff"),
                                     w.person("F", {11.2, 24}, 1.3, 10.0, "staff")};
    Simulation sim(w.project, options(), people);
    sim.run();
    const RunResults r = sim.results();
    const PersonResult& p = person(r, 0);
    INFO("reason: " << p.reason);
    REQUIRE(p.exitTimeS > 0);
    CHECK(p.device == "bed");
    CHECK(p.exitId == "X");
    REQUIRE(p.helpers.size() == 2);
    CHECK(std::find(p.helpers.begin(), p.helpers.end(), 1u) != p.helpers.end());
    CHECK(std::find(p.helpers.begin(), p.helpers.end(), 2u) != p.helpers.end());
    // The nearer staff member (14 m of walking, starting at 5 s) arrives first.
    CHECK(p.helpArrivedS > 5.0 + 10.0 / 1.3);
    CHECK(p.helpArrivedS < 5.0 + 30.0 / 1.3);
    // Preparation of a bed-bound patient is 60-180 s (profile), then the move.
    CHECK(p.moveStartS - p.helpArrivedS >= 60.0 - 1e-6);
    CHECK(p.moveStartS - p.helpArrivedS <= 180.0 + 15.0);
    // About 31 m from the bed to the exit at 0.6-1.0 m/s, slower in the turn at the door.
    const double move = p.exitTimeS - p.moveStartS;
    WARN("measured: help after " << p.helpArrivedS << " s, move " << move << " s, helper trips "
                                 << person(r, 1).trips << "/" << person(r, 2).trips);
    CHECK(move > 25.0);
    CHECK(move < 100.0);
    CHECK(person(r, 1).trips == 1);
    CHECK(person(r, 2).trips == 1);
    // The helpers leave after their patient: nobody else needs them.
    CHECK(person(r, 1).exitTimeS > p.exitTimeS);
    CHECK(r.evacuated == 3);
    CHECK(sim.conserved());
}

TEST_CASE("a bed never passes a door narrower than itself", "[assisted]") {
    SECTION("with a wide and a narrow door, the bed takes the wide one even though it is farther") {
        WorldBuilder w = ward(true, true);
        std::vector<Placement> people = {w.person("F", {7, 1.5}, -1, 0, "bed_bound"),
                                         w.person("F", {11.2, 10}, 1.3, 0.0, "staff"),
                                         w.person("F", {11.2, 11}, 1.3, 0.0, "staff")};
        Simulation sim(w.project, options(), people);
        double crossY = -1.0;
        double prevX = 3.0;
        sim.run([&](const Simulation& s) {
            const Frame f = s.frame();
            const AgentSample& b = f.agents[0];
            if (b.floor >= 0 && prevX < 10.0 && b.x >= 10.0)
                crossY = b.y;
            if (b.floor >= 0)
                prevX = b.x;
        });
        const RunResults r = sim.results();
        INFO("reason: " << r.people[0].reason);
        REQUIRE(r.people[0].exitTimeS > 0);
        CHECK(crossY == Approx(6.0).margin(0.6));
    }
    SECTION("with only a 0.9 m door, the patient goes on an evacuation chair, not the bed") {
        WorldBuilder w = ward(false, true);
        std::vector<Placement> people = {w.person("F", {5, 4}, -1, 0, "bed_bound"),
                                         w.person("F", {11.2, 10}, 1.3, 0.0, "staff"),
                                         w.person("F", {11.2, 11}, 1.3, 0.0, "staff")};
        Simulation sim(w.project, options(), people);
        sim.run();
        const RunResults r = sim.results();
        INFO("reason: " << r.people[0].reason);
        CHECK(r.people[0].device == "evac_chair");
        CHECK(r.people[0].exitTimeS > 0);
    }
    SECTION("an ICU bed with no stair device and only a 0.9 m door is reported, not lost") {
        WorldBuilder w = ward(false, true);
        w.project.profiles.profiles["icu"].assisted->stairs = false;
        std::vector<Placement> people = {w.person("F", {5, 4}, -1, 0, "icu"),
                                         w.person("F", {11.2, 10}, 1.3, 0.0, "staff"),
                                         w.person("F", {11.2, 11}, 1.3, 0.0, "staff"),
                                         w.person("F", {11.2, 12}, 1.3, 0.0, "staff")};
        Simulation sim(w.project, options(), people);
        sim.run();
        const RunResults r = sim.results();
        CHECK(r.people[0].exitTimeS < 0);
        CHECK_THAT(r.people[0].reason, Catch::Contains("fits no door"));
        CHECK(r.evacuated == 3); // the staff leave
    }
}

TEST_CASE("halving the staff lengthens the ward's clear time", "[assisted]") {
    auto clearTime = [](int staff, std::uint64_t seed) {
        WorldBuilder w = ward();
        std::vector<Placement> people;
        for (int i = 0; i < 4; ++i)
            people.push_back(w.person("F", {1.8 + 2.2 * i, 2.0}, -1, 0, "bed_bound"));
        for (int i = 0; i < staff; ++i)
            people.push_back(w.person("F", {11.2, 12.0 + i}, 1.3, 0.0, "staff"));
        Simulation sim(w.project, options(seed), people);
        sim.run();
        const RunResults r = sim.results();
        double last = 0.0;
        for (int i = 0; i < 4; ++i) {
            INFO("staff " << staff << " patient " << i << ": "
                          << r.people[static_cast<size_t>(i)].reason);
            REQUIRE(r.people[static_cast<size_t>(i)].exitTimeS > 0);
            last = std::max(last, r.people[static_cast<size_t>(i)].exitTimeS);
        }
        return last;
    };
    for (std::uint64_t seed : {1u, 2u, 3u}) {
        const double eight = clearTime(8, seed), four = clearTime(4, seed),
                     two = clearTime(2, seed);
        WARN("measured: seed " << seed << " four beds cleared with 8 staff in " << eight
                               << " s, 4 staff " << four << " s, 2 staff " << two << " s");
        CHECK(four > eight);
        CHECK(two > four);
    }
}

TEST_CASE("a patient who needs more staff than are on duty is reported with the reason",
          "[assisted]") {
    WorldBuilder w = ward();
    std::vector<Placement> people = {w.person("F", {3, 4}, -1, 0, "icu"),
                                     w.person("F", {11.2, 10}, 1.3, 0.0, "staff"),
                                     w.person("F", {11.2, 11}, 1.3, 0.0, "staff")};
    Simulation sim(w.project, options(), people);
    sim.run();
    const RunResults r = sim.results();
    CHECK(r.people[0].exitTimeS < 0);
    CHECK_THAT(r.people[0].reason, Catch::Contains("needs 3 staff"));
    CHECK(r.evacuated == 2);
    CHECK(sim.time() < 120.0); // the run does not wait for help that cannot come
}
