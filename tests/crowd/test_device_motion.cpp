// Beds and chairs as rigid rectangles: the clearance geometry, the local planner lining a bed up
// with a door, and the engine moving a real 0.95 x 2.15 m bed out of a ward and round the corner.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>

#include "crowd/device_motion.hpp"
#include "muster/geometry.hpp"
#include "nav/navigation.hpp"
#include "muster/simulation.hpp"
#include "world_fixture.hpp"

using namespace muster;
using namespace muster::test;

namespace {

constexpr double kPi = 3.14159265358979323846;

} // namespace

TEST_CASE("rectangle clearance is exact for walls beside, ahead of and across a device",
          "[device]") {
    const Footprint fp{1.0, 0.5}; // 2 x 1 m
    const SolidSeg ahead{{2.0, -1.0}, {2.0, 1.0}, 0.0};
    CHECK(rectSegmentClearance({{0, 0}, 0.0}, fp, ahead) == Approx(1.0));
    CHECK(rectSegmentClearance({{0, 0}, kPi / 2}, fp, ahead) == Approx(1.5));
    // Turned 45 degrees, the corner (1, -0.5) lies at x = (1 + 0.5) cos 45.
    const double c45 = std::cos(kPi / 4);
    CHECK(rectSegmentClearance({{0, 0}, kPi / 4}, fp, ahead) == Approx(2.0 - (1.0 + 0.5) * c45));
    // A segment through the rectangle: overlap, reported as minus the half thickness.
    CHECK(rectSegmentClearance({{0, 0}, 0.0}, fp, {{-3, 0}, {3, 0}, 0.1}) == Approx(-0.1));
    // A thick wall (half 0.1) 0.8 m beside the long side.
    CHECK(rectSegmentClearance({{0, 0}, 0.0}, fp, {{-3, 1.3}, {3, 1.3}, 0.1}) == Approx(0.7));
    // The nearest of several, and a far segment end (corner to endpoint).
    std::vector<SolidSeg> segs{ahead, {{3, 3}, {5, 3}, 0.0}};
    CHECK(rectClearance({{0, 0}, 0.0}, fp, segs) == Approx(1.0));
    CHECK(rectSegmentClearance({{0, 0}, 0.0}, fp, {{3, 3}, {5, 3}, 0.0}) ==
          Approx(std::hypot(2.0, 2.5)));
}

TEST_CASE("the planner turns a bed from 35 degrees off and rolls it through a 1.2 m door without "
          "touching the frame",
          "[device]") {
    // A wall along x = 0 (0.2 m thick) with a 1.2 m opening at y = 0; the goal is 6 m beyond.
    std::vector<SolidSeg> walls;
    appendWallBox({0, -10}, {0, -0.6}, 0.2, walls);
    appendWallBox({0, 0.6}, {0, 10}, 0.2, walls);
    const Footprint bed{2.15 / 2, 0.95 / 2};
    const Vec2 goal{6.0, 0.0};
    auto cost = [&](Vec2 p) {
        // Walking distance through the opening (around the jamb when not in line with it).
        if (p.x >= 0.1)
            return distance(p, goal);
        const Vec2 gap{0.1, std::clamp(p.y, -0.125, 0.125)};
        return distance(p, gap) + distance(gap, goal);
    };
    auto direction = [&](Vec2 p) {
        const Vec2 to = p.x < 0.1 ? Vec2{0.1, std::clamp(p.y, -0.125, 0.125)} : goal;
        const Vec2 d = to - p;
        return length(d) > 1e-9 ? d * (1.0 / length(d)) : Vec2{1, 0};
    };
    // Start 4 m before the wall, 1 m off the opening's axis, turned 35 degrees away from it.
    DevicePose pose{{-4.0, 1.0}, 35.0 * kPi / 180.0};
    double minClear = rectClearance(pose, bed, walls);
    double crossAngle = 99.0;
    const double dt = 0.05;
    int steps = 0;
    for (; steps < 1200 && pose.c.x < 3.0; ++steps) {
        const DeviceMotion mv = planDeviceMotion(pose, bed, 1, 0.8, walls, cost, direction, false);
        const Vec2 before = pose.c;
        pose.c = pose.c + mv.vel * dt;
        pose.angle += mv.omega * dt;
        minClear = std::min(minClear, rectClearance(pose, bed, walls));
        if (before.x < 0.0 && pose.c.x >= 0.0)
            crossAngle = std::remainder(pose.angle, kPi);
    }
    WARN("measured: bed through the door after " << steps * dt << " s, closest to a wall "
                                                 << minClear << " m, heading at the frame "
                                                 << crossAngle * 180 / kPi << " deg");
    CHECK(pose.c.x >= 3.0);   // through
    CHECK(minClear >= -1e-9); // never touched the frame (a thin frame can be passed at an angle:
                              // the bed's cut through the 0.2 m slab is what must fit)
    CHECK(std::abs(crossAngle) < 35.0 * kPi / 180.0); // turned towards the opening on the way
    CHECK(steps * dt < 20.0); // about 7.5 m of travel at 0.8 m/s, with the turn
}

TEST_CASE("a bed leaves a ward through a 1.2 m door and turns into a 2.4 m corridor as a rectangle",
          "[device][assisted]") {
    // The ward of test_assisted: 10 x 8 m room, 1.2 m door at (10, 6), corridor x 10-12.4 north
    // to an exit at y = 30.
    WorldBuilder w;
    w.floor("F", {{0, 0}, {12.4, 0}, {12.4, 30}, {10, 30}, {10, 8}, {0, 8}});
    w.wall("F", {{10, 0}, {10, 8}});
    w.door("F", "D", {10, 6.0}, 1.2);
    w.exit("F", "X", {11.2, 30}, 1.6);
    std::vector<Placement> people = {w.person("F", {3, 4}, -1, 0, "bed_bound"),
                                     w.person("F", {11.2, 20}, 1.3, 5.0, "staff"),
                                     w.person("F", {11.2, 24}, 1.3, 10.0, "staff")};
    SimOptions o;
    o.seed = 1;
    o.maxTimeS = 900.0;
    Simulation sim(w.project, o, people);
    // The solid walls as boxes, to measure the bed's rectangle against them.
    std::vector<SolidSeg> walls;
    for (const auto& s : solidWallSegments(w.project.buildings[0].floors[0]))
        appendWallBox(s.a, s.b, s.thicknessM, walls);
    const Footprint bed{2.15 / 2, 0.95 / 2};
    double minClear = 1e9, crossHeading = 99.0, maxHeadingInCorridor = 0.0;
    float prevX = 0;
    sim.run([&](const Simulation& s) {
        const Frame f = s.frame();
        const AgentSample& b = f.agents[0];
        if (b.floor < 0 || b.state != AgentState::BeingHelped || b.speed <= 0.0f)
            return;
        minClear = std::min(minClear, rectClearance({{b.x, b.y}, b.heading}, bed, walls));
        if (prevX < 10.0f && b.x >= 10.0f)
            crossHeading = std::remainder(b.heading, kPi);
        if (b.y > 12.0f)
            maxHeadingInCorridor =
                std::max(maxHeadingInCorridor, std::abs(std::remainder(b.heading - kPi / 2, kPi)));
        prevX = b.x;
    });
    const RunResults r = sim.results();
    INFO("reason: " << r.people[0].reason);
    WARN("measured: bed out at " << r.people[0].exitTimeS << " s (moving from "
                                 << r.people[0].moveStartS << " s), closest to a wall " << minClear
                                 << " m, heading in the door " << crossHeading * 180 / kPi
                                 << " deg, squeezes " << r.people[0].squeezes);
    REQUIRE(r.people[0].exitTimeS > 0);
    CHECK(r.people[0].squeezes == 0);     // the rectangle got round on its own
    CHECK(minClear > -0.03);              // Box2D's contact slop, no more
    CHECK(std::abs(crossHeading) < 0.35); // square to the door (within 20 degrees) in the frame
    CHECK(maxHeadingInCorridor < 0.35);   // lined up with the corridor once round the corner
}
