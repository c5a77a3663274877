// The evacuation core's verification suite (docs/verification.md): small geometries with
// published expectations. Each test states the figure it checks and its source.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <numeric>

#include "muster/geometry.hpp"
#include "nav/navigation.hpp"
#include "world_fixture.hpp"

using namespace muster;
using namespace muster::test;

namespace {

double corridorTime(double angleDeg) {
    WorldBuilder w;
    w.angleDeg = angleDeg;
    w.floor("F", {{0, 0}, {40, 0}, {40, 2}, {0, 2}});
    w.exit("F", "E", {40, 1}, 2.0);
    const auto r = runToEnd(w.project, {w.person("F", {0.5, 1.0}, 1.33)});
    REQUIRE(r.evacuated == 1);
    return r.people[0].exitTimeS;
}

} // namespace

TEST_CASE("one person walks a 40 m corridor in 26-34 s at 1.33 m/s, at any angle",
          "[verification]") {
    const double t0 = corridorTime(0);
    WARN("measured: corridor 0 deg " << t0 << " s");
    CHECK(t0 >= 26.0);
    CHECK(t0 <= 34.0);
    for (double a : {30.0, 45.0}) {
        const double ta = corridorTime(a);
        WARN("measured: corridor " << a << " deg " << ta << " s (" << 100.0 * (ta - t0) / t0
                                   << " %)");
        CHECK(std::abs(ta - t0) / t0 <= 0.02);
    }
}

TEST_CASE("pre-movement: each person starts within 0.5 s of the drawn time - sample fits",
          "[verification]") {
    WorldBuilder w;
    w.floor("F", {{0, 0}, {60, 0}, {60, 40}, {0, 40}});
    w.exit("F", "E", {60, 20}, 4.0);
    Distribution d;
    d.kind = DistKind::LogNormal;
    d.mean = 60;
    d.sd = 20;
    d.min = 10;
    d.max = 200;
    PremovementRule rule;
    rule.group = "g";
    rule.dist = d;
    w.project.scenario.premovement.push_back(rule);
    std::vector<Placement> people;
    for (Vec2 p : gridPoints(1, 40, 1, 39, 300))
        people.push_back(w.person("F", p, -1.0, -1.0, "visitor", "g"));
    const auto r = runToEnd(w.project, people);
    std::vector<double> drawn;
    for (const auto& p : r.people) {
        drawn.push_back(p.startTimeS);
        INFO("person " << p.id << " drawn " << p.startTimeS << " moved " << p.firstMoveS);
        REQUIRE(p.firstMoveS >= 0);
        CHECK(std::abs(p.firstMoveS - p.startTimeS) <= 0.5);
    }
    const double ks = ksStatistic(drawn, d);
    const double pv = ksPValue(ks, drawn.size());
    WARN("measured: pre-movement KS D = " << ks << ", p = " << pv);
    CHECK(pv > 0.05);
    // The test itself can fail: the same sample is rejected against a shifted distribution.
    Distribution shifted = d;
    shifted.mean = 75;
    CHECK(ksPValue(ksStatistic(drawn, shifted), drawn.size()) < 0.01);
}

TEST_CASE("L-shaped corridor: 20 people get out and never enter a wall", "[verification]") {
    WorldBuilder w;
    // 2 m wide L: along x from 0..20 (y 0..2), then up y 0..20 at x 18..20.
    w.floor("F", {{0, 0}, {20, 0}, {20, 20}, {18, 20}, {18, 2}, {0, 2}});
    w.exit("F", "E", {19, 20}, 2.0);
    std::vector<Placement> people;
    for (Vec2 p : gridPoints(0.5, 8.0, 0.3, 1.7, 20))
        people.push_back(w.person("F", p, -1.0, 0.0));
    SimOptions o;
    o.maxTimeS = 300;
    Simulation sim(w.project, o, people);
    const auto walls = solidWallSegments(w.project.buildings[0].floors[0]);
    const auto header = sim.replayHeader();
    double worst = 1e9;
    while (!sim.finished()) {
        sim.step();
        const Frame fr = sim.frame();
        for (size_t i = 0; i < fr.agents.size(); ++i) {
            const auto& a = fr.agents[i];
            if (a.floor < 0)
                continue;
            const Vec2 p{a.x, a.y};
            for (const auto& s : walls) {
                // Gap between the body's edge and the wall surface.
                const double clearance =
                    distanceToSegment(p, s.a, s.b) - s.thicknessM / 2.0 - header.agents[i].radiusM;
                worst = std::min(worst, clearance);
            }
        }
    }
    const auto r = sim.results();
    CHECK(r.evacuated == 20);
    WARN("measured: L corridor smallest body-wall gap " << worst << " m, out " << r.evacuated);
    // No body ever overlaps a wall by more than 1 cm.
    CHECK(worst >= -0.01);
}

namespace {
struct FlowResult {
    double flow = 0, specific = 0;
};
FlowResult doorFlow(double width, int n = 120) {
    WorldBuilder w;
    w.floor("F", {{0, 0}, {12, 0}, {12, 12}, {0, 12}});
    w.exit("F", "E", {12, 6}, width);
    std::vector<Placement> people;
    for (Vec2 p : gridPoints(0.5, 9.0, 0.5, 11.5, n))
        people.push_back(w.person("F", p, -1.0, 0.0));
    const auto r = runToEnd(w.project, people, 900, 3);
    std::vector<double> t;
    for (const auto& p : r.people)
        if (p.exitTimeS >= 0)
            t.push_back(p.exitTimeS);
    std::sort(t.begin(), t.end());
    REQUIRE(t.size() == static_cast<size_t>(n));
    // Steady part: between the 20th and 80th percentile of passages.
    const size_t a = t.size() / 5, b = 4 * t.size() / 5;
    FlowResult f;
    f.flow = static_cast<double>(b - a) / (t[b] - t[a]);
    f.specific = f.flow / width;
    return f;
}
} // namespace

TEST_CASE("door flow rises with width - specific flow between design and experiment",
          "[verification]") {
    const FlowResult f08 = doorFlow(0.8), f10 = doorFlow(1.0), f12 = doorFlow(1.2);
    WARN("measured: door flows P/s: 0.8 m " << f08.flow << ", 1.0 m " << f10.flow << ", 1.2 m "
                                            << f12.flow);
    WARN("measured: specific flows P/(m s): " << f08.specific << ", " << f10.specific << ", "
                                              << f12.specific);
    CHECK(f08.flow < f10.flow);
    CHECK(f10.flow < f12.flow);
    for (const auto& f : {f08, f10, f12}) {
        CHECK(f.specific >= 1.2);
        CHECK(f.specific <= 2.2);
    }
}

namespace {
// People at density rho in a 2 m x 100 m corridor, x in [10, 90]; speeds measured in the
// middle 20 m while the crowd there is still at its initial density.
std::pair<double, double> corridorSpeed(double rho, double& maxRatio) {
    WorldBuilder w;
    w.floor("F", {{0, 0}, {100, 0}, {100, 2}, {0, 2}});
    w.exit("F", "E", {100, 1}, 2.0);
    const int n = static_cast<int>(rho * 2.0 * 80.0);
    std::vector<Placement> people;
    // Random positions (at least one body diameter apart), as a real crowd stands: a lattice
    // would put everyone in exact lanes and change the spacing ahead of each person.
    for (Vec2 p : randomPoints(10, 90, 0.25, 1.75, n, 0.4, 7))
        people.push_back(w.person("F", p, -1.0, 0.0));
    SimOptions o;
    o.maxTimeS = 12;
    Simulation sim(w.project, o, people);
    std::vector<Frame> frames;
    while (!sim.finished()) {
        sim.step();
        frames.push_back(sim.frame());
    }
    const auto res = sim.results();
    double sumV = 0, sumRho = 0;
    int nv = 0, nr = 0;
    maxRatio = 0;
    const double dt = 0.05;
    for (size_t k = 1; k < frames.size(); ++k) {
        const double t = frames[k].t;
        for (size_t i = 0; i < frames[k].agents.size(); ++i) {
            const auto& a = frames[k].agents[i];
            const auto& b = frames[k - 1].agents[i];
            if (a.floor < 0 || b.floor < 0)
                continue;
            const double v = std::hypot(a.x - b.x, a.y - b.y) / dt;
            maxRatio = std::max(maxRatio, v / res.people[i].freeSpeedMps);
        }
        if (t < 4.0 || t > 8.0)
            continue;
        int inside = 0;
        for (size_t i = 0; i < frames[k].agents.size(); ++i) {
            const auto& a = frames[k].agents[i];
            const auto& b = frames[k - 1].agents[i];
            if (a.x < 40 || a.x > 60 || a.floor < 0)
                continue;
            ++inside;
            sumV += (a.x - b.x) / dt;
            ++nv;
        }
        sumRho += inside / 40.0;
        ++nr;
    }
    return {sumRho / std::max(1, nr), sumV / std::max(1, nv)};
}
double weidmann(double rho) {
    return 1.34 * (1.0 - std::exp(-1.913 * (1.0 / rho - 1.0 / 5.4)));
}
} // namespace

TEST_CASE("speed falls with density and follows Weidmann within 25 % up to 2 P/m2",
          "[verification]") {
    double prev = 1e9;
    for (double rho : {0.5, 1.0, 1.5, 2.0, 3.0, 4.0}) {
        double maxRatio = 0;
        const auto [measuredRho, v] = corridorSpeed(rho, maxRatio);
        WARN("measured: rho " << rho << " (measured " << measuredRho << ") v " << v << " Weidmann "
                              << weidmann(measuredRho) << " max v/v0 " << maxRatio);
        CHECK(v < prev);
        prev = v;
        if (rho <= 2.0)
            CHECK(std::abs(v - weidmann(measuredRho)) <= 0.25 * weidmann(measuredRho));
        // Nobody walks faster than their free speed (5 % allowance for contact pushes).
        CHECK(maxRatio <= 1.05);
    }
}

TEST_CASE("a 30 x 20 m room with 1,000 people: closing two of four doors", "[verification][slow]") {
    auto run = [](bool closeTwo) {
        WorldBuilder w;
        w.floor("F", {{0, 0}, {30, 0}, {30, 20}, {0, 20}});
        w.exit("F", "E1", {0, 7}, 1.0);
        w.exit("F", "E2", {0, 13}, 1.0);
        w.exit("F", "E3", {30, 7}, 1.0);
        w.exit("F", "E4", {30, 13}, 1.0);
        std::vector<Placement> people;
        for (Vec2 p : gridPoints(1, 29, 1, 19, 1000))
            people.push_back(w.person("F", p, -1.0, 0.0));
        SimOptions o;
        o.maxTimeS = 1800;
        Simulation sim(w.project, o, people);
        if (closeTwo) {
            sim.scheduleDoor("E3", 0.0, false);
            sim.scheduleDoor("E4", 0.0, false);
        }
        sim.run();
        return sim.results();
    };
    const auto four = run(false), two = run(true);
    REQUIRE(four.evacuated == 1000);
    REQUIRE(two.evacuated == 1000);
    const double ratio = two.totalTimeS / four.totalTimeS;
    WARN("measured: four doors " << four.totalTimeS << " s, two doors " << two.totalTimeS
                                 << " s, ratio " << ratio);
    CHECK(ratio >= 1.6);
    CHECK(ratio <= 2.4);
}

TEST_CASE("stairs: a queue forms at a narrow stair - descending beats ascending",
          "[verification]") {
    SECTION("a 4 m corridor feeding a 1 m stair makes people wait") {
        WorldBuilder w;
        w.floor("G", {{0, 0}, {30, 0}, {30, 4}, {0, 4}}, 0.0);
        w.exit("G", "E", {30, 2}, 4.0);
        w.floor("U", {{0, 0}, {30, 0}, {30, 4}, {0, 4}}, 4.0);
        w.stair("S", "G", {2, 2}, "U", {28, 2}, 1.0, 12.0);
        std::vector<Placement> people;
        for (Vec2 p : gridPoints(2, 20, 0.4, 3.6, 80))
            people.push_back(w.person("U", p, -1.0, 0.0));
        SimOptions o;
        o.maxTimeS = 900;
        Simulation sim(w.project, o, people);
        int maxQueue = 0;
        while (!sim.finished()) {
            sim.step();
            int q = 0;
            for (const auto& a : sim.frame().agents)
                q += a.state == AgentState::Queuing ? 1 : 0;
            maxQueue = std::max(maxQueue, q);
        }
        const auto r = sim.results();
        REQUIRE(r.evacuated == 80);
        // Unhindered, the slowest person would need: walk to the stair, one flight down at the
        // profile's 0.65 m/s, 28 m to the exit.
        double waiting = 0, walkOnly = 0;
        for (const auto& p : r.people) {
            waiting += p.waitingS;
            const Vec2 start = people[p.id].at;
            walkOnly = std::max(walkOnly,
                                (distance(start, {28, 2}) + 28.0) / p.freeSpeedMps + 12.0 / 0.65);
        }
        WARN("measured: stair max queuing " << maxQueue << ", mean waiting " << waiting / 80
                                            << " s, total " << r.totalTimeS
                                            << " s, longest free walk " << walkOnly << " s");
        // Stair flow 1.01 P/(m s) x 1 m: 80 people need >= 79 s to enter, far more than walking.
        CHECK(r.totalTimeS >= 79.0);
        CHECK(r.totalTimeS > 1.5 * walkOnly);
        CHECK(maxQueue >= 20);
        CHECK(waiting / 80 > 2.0);
    }
    SECTION("one flight takes less time going down than going up") {
        auto oneFlight = [](bool down) {
            WorldBuilder w;
            w.floor("G", {{0, 0}, {10, 0}, {10, 4}, {0, 4}}, 0.0);
            w.floor("U", {{0, 0}, {10, 0}, {10, 4}, {0, 4}}, 4.0);
            w.floor("B", {{0, 0}, {10, 0}, {10, 4}, {0, 4}}, -4.0);
            w.exit("G", "E", {10, 2}, 2.0);
            w.stair("SU", "G", {2, 2}, "U", {2, 2}, 1.2, 12.0);
            w.stair("SB", "B", {2, 2}, "G", {2, 2}, 1.2, 12.0);
            auto p = w.person(down ? "U" : "B", {5, 2}, 1.2, 0.0, "staff");
            return runToEnd(w.project, {p}).people[0].exitTimeS;
        };
        const double down = oneFlight(true), up = oneFlight(false);
        WARN("measured: one flight down " << down << " s, up " << up << " s");
        CHECK(down < up);
    }
}

TEST_CASE("counterflow in a 2 m corridor does not jam", "[verification]") {
    WorldBuilder w;
    w.floor("F", {{0, 0}, {30, 0}, {30, 2}, {0, 2}});
    w.exit("F", "W", {0, 1}, 2.0);
    w.exit("F", "E", {30, 1}, 2.0);
    w.project.scenario.routes.push_back({"east", "E", {}});
    w.project.scenario.routes.push_back({"west", "W", {}});
    std::vector<Placement> people;
    for (Vec2 p : gridPoints(1, 9, 0.3, 1.7, 15))
        people.push_back(w.person("F", p, 1.2, 0.0, "visitor", "east"));
    for (Vec2 p : gridPoints(21, 29, 0.3, 1.7, 15))
        people.push_back(w.person("F", p, 1.2, 0.0, "visitor", "west"));
    const auto r = runToEnd(w.project, people, 600);
    WARN("measured: counterflow total " << r.totalTimeS << " s");
    CHECK(r.evacuated == 30);
    // Free walking would take ~25 s; a permanent jam would run to the limit.
    CHECK(r.totalTimeS < 120.0);
    for (const auto& p : r.people)
        CHECK(p.exitId == (p.group == "east" ? "E" : "W"));
}

TEST_CASE("assigned exits are used by their whole group - a closed exit re-routes its users",
          "[verification]") {
    WorldBuilder w;
    w.floor("F", {{0, 0}, {30, 0}, {30, 10}, {0, 10}});
    w.exit("F", "E1", {0, 5}, 1.2);
    w.exit("F", "E2", {30, 5}, 1.2);
    SECTION("assigned group uses the far exit") {
        w.project.scenario.routes.push_back({"far", "E2", {}});
        std::vector<Placement> people;
        for (Vec2 p : gridPoints(1, 6, 1, 9, 20))
            people.push_back(w.person("F", p, -1.0, 0.0, "visitor", "far"));
        const auto r = runToEnd(w.project, people);
        REQUIRE(r.evacuated == 20);
        for (const auto& p : r.people)
            CHECK(p.exitId == "E2");
    }
    SECTION("closing the near exit at t = 3 s sends everyone to the other") {
        std::vector<Placement> people;
        for (Vec2 p : gridPoints(5, 12, 1, 9, 20))
            people.push_back(w.person("F", p, -1.0, 0.0));
        SimOptions o;
        o.maxTimeS = 600;
        Simulation sim(w.project, o, people);
        sim.scheduleDoor("E1", 3.0, false);
        sim.run();
        const auto r = sim.results();
        REQUIRE(r.evacuated == 20);
        int viaE1 = 0;
        for (const auto& p : r.people)
            viaE1 += p.exitId == "E1" && p.exitTimeS < 3.0 ? 1 : 0;
        for (const auto& p : r.people)
            if (p.exitTimeS >= 3.0)
                CHECK(p.exitId == "E2");
        INFO(viaE1 << " got out through E1 before it closed");
    }
}

TEST_CASE("conservation: every person is out or accounted for at every step", "[verification]") {
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
    SimOptions o;
    o.maxTimeS = 900;
    Simulation sim(w.project, o, people);
    bool ok = true;
    int maxOnStairs = 0;
    while (!sim.finished()) {
        sim.step();
        ok = ok && sim.conserved();
        maxOnStairs = std::max(maxOnStairs, sim.onStairsCount());
    }
    CHECK(ok);
    CHECK(maxOnStairs > 0);
    CHECK(sim.evacuatedCount() == 100);
}

TEST_CASE("run() hands the last step's frame and events to its caller, on or off the frame clock",
          "[verification]") {
    // Seeds and start points chosen by nobody: the run ends at whatever step it ends, and the
    // caller (the replay writer) must see that step's frame, the last person out and the floor
    // cleared (they were lost when the last step fell between two frame times).
    for (std::uint64_t seed = 1; seed <= 8; ++seed) {
        WorldBuilder w;
        w.floor("F", {{0, 0}, {10, 0}, {10, 6}, {0, 6}});
        w.exit("F", "E", {10, 3}, 1.0);
        std::vector<Placement> people;
        for (Vec2 p : randomPoints(1, 8, 1, 5, 6, 0.5, seed))
            people.push_back(w.person("F", p, -1.0, -1.0));
        SimOptions o;
        o.seed = seed;
        Simulation sim(w.project, o, people);
        double lastT = -1;
        int outInLastFrame = -1;
        std::vector<SimEvent> events;
        sim.run([&](const Simulation& s) {
            const Frame f = s.frame();
            lastT = f.t;
            outInLastFrame = 0;
            for (const auto& a : f.agents)
                outInLastFrame += a.floor < 0 ? 1 : 0;
            auto e = const_cast<Simulation&>(s).takeEvents();
            events.insert(events.end(), e.begin(), e.end());
        });
        INFO("seed " << seed << ", run ended at " << sim.clockS() << " s");
        CHECK(lastT == Approx(sim.clockS()).margin(1e-9));
        CHECK(outInLastFrame == 6);
        const auto has = [&](EventKind k) {
            return std::any_of(events.begin(), events.end(),
                               [&](const SimEvent& e) { return e.kind == k; });
        };
        CHECK(has(EventKind::LastPersonOut));
        CHECK(has(EventKind::FloorCleared));
    }
}

TEST_CASE("determinism: same inputs and seed give identical results", "[verification]") {
    auto once = [](std::uint64_t seed) {
        WorldBuilder w;
        w.floor("F", {{0, 0}, {20, 0}, {20, 10}, {0, 10}});
        w.exit("F", "E", {20, 5}, 1.0);
        std::vector<Placement> people;
        for (Vec2 p : gridPoints(1, 15, 1, 9, 60))
            people.push_back(w.person("F", p, -1.0, -1.0));
        return resultsJson(runToEnd(w.project, people, 900, seed));
    };
    const std::string a = once(5), b = once(5), c = once(6);
    CHECK(a == b);
    CHECK(a != c);
}

TEST_CASE("determinism: same seed gives byte-identical replay files", "[verification]") {
    auto write = [](const std::string& path) {
        WorldBuilder w;
        w.floor("G", {{0, 0}, {20, 0}, {20, 6}, {0, 6}}, 0.0);
        w.exit("G", "E", {20, 3}, 1.2);
        w.floor("U", {{0, 0}, {20, 0}, {20, 6}, {0, 6}}, 4.0);
        w.stair("S", "G", {2, 3}, "U", {2, 3}, 1.2, 12.0);
        std::vector<Placement> people;
        for (Vec2 p : gridPoints(4, 18, 0.5, 5.5, 30))
            people.push_back(w.person("U", p, -1.0, -1.0));
        SimOptions o;
        o.maxTimeS = 600;
        o.seed = 11;
        Simulation sim(w.project, o, people);
        ReplayWriter writer;
        Diagnostics d;
        REQUIRE(writer.open(path, sim.replayHeader(), d));
        sim.run([&](const Simulation& s) {
            writer.writeFrame(s.frame());
            for (const auto& e : const_cast<Simulation&>(s).takeEvents())
                writer.writeEvent(e);
        });
        REQUIRE(writer.finish());
        std::ifstream in(path, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), {});
    };
    const auto dir = std::filesystem::temp_directory_path();
    const std::string a = write((dir / "muster_det_a.mrpl").string());
    const std::string b = write((dir / "muster_det_b.mrpl").string());
    CHECK(a.size() > 1000);
    CHECK(a == b);
    std::filesystem::remove(dir / "muster_det_a.mrpl");
    std::filesystem::remove(dir / "muster_det_b.mrpl");
}
