// Navigation: wall segments, the walkable grid and fast-marching distance fields, on tiny floors
// built in code.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "muster/geometry.hpp"
#include "nav/navigation.hpp"

using namespace muster;

namespace {

Vec2 rotate(Vec2 p, double deg) {
    const double r = deg * std::numbers::pi / 180.0;
    return {p.x * std::cos(r) - p.y * std::sin(r), p.x * std::sin(r) + p.y * std::cos(r)};
}

Floor rectFloor(double w, double h, double deg = 0.0) {
    Floor f;
    f.id = "T-1F";
    for (Vec2 p : {Vec2{0, 0}, Vec2{w, 0}, Vec2{w, h}, Vec2{0, h}})
        f.outline.push_back(rotate(p, deg));
    return f;
}

// Two 10 x 10 m rooms side by side, split by a 0.2 m wall at x = 10 with one door on it.
Floor twoRooms(double doorWidthM, DoorState state, double doorY = 5.0) {
    Floor f = rectFloor(20.0, 10.0);
    f.walls.push_back(Wall{"W1", {{10.0, 0.0}, {10.0, 10.0}}, 0.2, {}});
    Door d;
    d.id = "D1";
    d.at = {10.0, doorY};
    d.widthM = doorWidthM;
    d.state = state;
    f.doors.push_back(d);
    return f;
}

double farEndDistance(double deg, double cell) {
    const Floor f = rectFloor(40.0, 2.0, deg);
    const NavGrid g = NavGrid::build(f, {cell, 0.0});
    const DistanceField df =
        DistanceField::computeFromSegments(g, {{rotate({0, 0}, deg), rotate({0, 2}, deg)}});
    return df.at(rotate({40.0, 1.0}, deg));
}

// Hand-computed shortest polygonal path from (9.5, 2) to (10.5, 2), 1 m apart on either side of
// the 0.2 m wall at x = 10, through a door centred at (10, doorY): up to the near corner of the
// lower jamb, across the wall's thickness, down from the far corner.
double detourThroughDoor(double doorY, double widthM) {
    const double jambY = doorY - 0.5 * widthM;
    const Vec2 nearCorner{9.9, jambY}, farCorner{10.1, jambY};
    return distance({9.5, 2.0}, nearCorner) + 0.2 + distance(farCorner, {10.5, 2.0});
}

// "Within 3 % + 0.3 m" (Catch's Approx takes epsilon and margin as alternatives, not a sum).
bool withinDetourTolerance(double got, double expected) {
    return std::abs(got - expected) <= 0.03 * expected + 0.3;
}

} // namespace

TEST_CASE("distance field along a straight 40 m corridor", "[nav]") {
    SECTION("a source across one end reaches the far end after 40 m") {
        CHECK(farEndDistance(0.0, 0.2) == Approx(40.0).margin(0.2));
        CHECK(farEndDistance(0.0, 0.1) == Approx(40.0).margin(0.2));
    }

    SECTION(
        "rotating the corridor by 30 and 45 degrees changes the far-end distance by under 2 %") {
        const double straight = farEndDistance(0.0, 0.2);
        CHECK(farEndDistance(30.0, 0.2) == Approx(straight).epsilon(0.02));
        CHECK(farEndDistance(45.0, 0.2) == Approx(straight).epsilon(0.02));
        CHECK(farEndDistance(30.0, 0.1) == Approx(straight).epsilon(0.02));
    }

    SECTION("direction points back along the corridor at any rotation") {
        for (const double deg : {0.0, 30.0, 45.0}) {
            const Floor f = rectFloor(40.0, 2.0, deg);
            const NavGrid g = NavGrid::build(f, {0.2, 0.0});
            const DistanceField df =
                DistanceField::computeFromSegments(g, {{rotate({0, 0}, deg), rotate({0, 2}, deg)}});
            const Vec2 back = rotate({-1.0, 0.0}, deg);
            for (const Vec2 s : {Vec2{3.0, 1.0}, Vec2{11.3, 0.7}, Vec2{20.0, 1.0}, Vec2{28.6, 1.4},
                                 Vec2{37.0, 1.0}}) {
                const Vec2 p = rotate(s, deg);
                INFO("rotation " << deg << " sample (" << s.x << ", " << s.y << ")");
                const Vec2 d = df.direction(p);
                CHECK(length(d) == Approx(1.0));
                CHECK(dot(d, back) > 0.95);
            }
        }
    }

    SECTION("the walkable area is the corridor minus the band the walls block") {
        const NavGrid g = NavGrid::build(rectFloor(40.0, 2.0), {0.2, 0.0});
        // Centres within 0.1 m (half the outline) + 0.1 m (half a cell) of an edge are blocked:
        // 198 columns (x = 0.3 .. 39.7) by 8 rows (y = 0.3 .. 1.7).
        CHECK(g.walkableArea() == Approx(198 * 8 * 0.04));
        CHECK(g.walkableAt({20.0, 1.0}));
        CHECK_FALSE(g.walkableAt({20.0, 0.05}));
        CHECK_FALSE(g.walkableAt({20.0, -3.0}));
        int ix = 0, iy = 0;
        REQUIRE(g.nearestWalkable({-5.0, 1.0}, ix, iy));
        CHECK(g.cellCentre(ix, iy).x == Approx(0.3));
    }
}

TEST_CASE("a wall with a door between two rooms", "[nav]") {
    SECTION("the distance behind the wall is the detour through the door") {
        // 5.264 m. The grid adds about 0.4 m at 0.2 m cells (cell centres turn round the jamb
        // a cell from its corners) and 0.2 m at 0.1 m cells.
        const double expected = detourThroughDoor(5.0, 1.0);
        for (const double cell : {0.2, 0.1}) {
            INFO("cell " << cell);
            const Floor f = twoRooms(1.0, DoorState::Open);
            const NavGrid g = NavGrid::build(f, {cell, 0.0});
            const DistanceField df = DistanceField::compute(g, {{9.5, 2.0}});
            const double d = df.at({10.5, 2.0});
            CHECK(d >= expected);
            CHECK(withinDetourTolerance(d, expected));
        }
    }

    SECTION("inside the source's room the distance is the straight line, and nowhere shorter") {
        for (const double cell : {0.2, 0.1}) {
            INFO("cell " << cell);
            const Vec2 src{9.5, 2.0};
            const NavGrid g = NavGrid::build(twoRooms(1.0, DoorState::Open), {cell, 0.0});
            const DistanceField df = DistanceField::compute(g, {src});
            double worstInRoom = 0.0, worstBelow = 0.0;
            for (int iy = 0; iy < g.ny(); ++iy) {
                for (int ix = 0; ix < g.nx(); ++ix) {
                    if (!g.walkable(ix, iy))
                        continue;
                    const Vec2 c = g.cellCentre(ix, iy);
                    const double v = df.cellValue(ix, iy), straight = distance(c, src);
                    REQUIRE(v < kUnreachable);
                    worstBelow = std::max(worstBelow, straight - v);
                    // Left of the wall's blocked band, every cell sees the source.
                    if (c.x < 9.8)
                        worstInRoom = std::max(worstInRoom, std::abs(v - straight));
                }
            }
            CHECK(worstInRoom < 1e-9);
            CHECK(worstBelow < 1e-9);
        }
    }

    SECTION("with the door closed the other room is unreachable at 0.2 and 0.1 m cells") {
        for (const double cell : {0.2, 0.1}) {
            INFO("cell " << cell);
            const Floor f = twoRooms(1.0, DoorState::Closed);
            const NavGrid g = NavGrid::build(f, {cell, 0.0});
            const DistanceField df = DistanceField::compute(g, {{9.5, 2.0}});
            CHECK(df.at({10.5, 2.0}) == kUnreachable);
            int reachedAcross = 0, walkableAcross = 0;
            for (int iy = 0; iy < g.ny(); ++iy) {
                for (int ix = 0; ix < g.nx(); ++ix) {
                    if (!g.walkable(ix, iy) || g.cellCentre(ix, iy).x < 10.0)
                        continue;
                    ++walkableAcross;
                    if (df.cellValue(ix, iy) != kUnreachable)
                        ++reachedAcross;
                }
            }
            CHECK(walkableAcross > 1000);
            CHECK(reachedAcross == 0);
        }
    }

    SECTION("a closed door listed as open, or an open door listed as closed, follows the list") {
        const Floor closed = twoRooms(1.0, DoorState::Locked);
        const NavGrid opened = NavGrid::build(closed, {0.2, 0.0}, {}, {"D1"});
        CHECK(DistanceField::compute(opened, {{9.5, 2.0}}).at({10.5, 2.0}) < 6.0);
        const Floor open = twoRooms(1.0, DoorState::Open);
        const NavGrid shut = NavGrid::build(open, {0.2, 0.0}, {"D1"});
        CHECK(DistanceField::compute(shut, {{9.5, 2.0}}).at({10.5, 2.0}) == kUnreachable);
    }
}

TEST_CASE("the grid never leaks through a wall", "[nav]") {
    // A wall through the middle of a 20 x 10 m floor at several angles, as thin as 5 cm: no two
    // walkable cells that are 8-neighbours lie on opposite sides of it, and a field from one
    // side never reaches the other.
    for (const double cell : {0.2, 0.1}) {
        for (const double thickness : {0.2, 0.05}) {
            for (const double deg : {0.0, 17.0, 30.0, 45.0, 60.0, 90.0}) {
                INFO("cell " << cell << " thickness " << thickness << " angle " << deg);
                Floor f = rectFloor(20.0, 10.0);
                const Vec2 mid{10.0, 5.0}, u = rotate({1.0, 0.0}, deg);
                f.walls.push_back(Wall{"W", {mid - u * 25.0, mid + u * 25.0}, thickness, {}});
                const NavGrid g = NavGrid::build(f, {cell, 0.0});
                auto side = [&](int ix, int iy) {
                    return cross(u, g.cellCentre(ix, iy) - mid) > 0.0;
                };
                int crossings = 0;
                for (int iy = 0; iy + 1 < g.ny(); ++iy) {
                    for (int ix = 1; ix + 1 < g.nx(); ++ix) {
                        if (!g.walkable(ix, iy))
                            continue;
                        for (const auto& [dx, dy] : {std::pair{1, 0}, {-1, 1}, {0, 1}, {1, 1}}) {
                            if (g.walkable(ix + dx, iy + dy) &&
                                side(ix, iy) != side(ix + dx, iy + dy))
                                ++crossings;
                        }
                    }
                }
                CHECK(crossings == 0);
                const Vec2 src = mid + rotate({0.0, 2.0}, deg);
                const DistanceField df = DistanceField::compute(g, {src});
                CHECK(df.at(mid - rotate({0.0, 2.0}, deg)) == kUnreachable);
            }
        }
    }
}

TEST_CASE("a 0.8 m door stays passable", "[nav]") {
    // Door centres at several offsets from the cell centres, so the jambs fall anywhere on the
    // grid. At 0.2 m cells the walkable centres start up to 0.3 m past the jamb, so the turn
    // round it costs up to ~0.6 m; at 0.1 m cells the usual tolerance holds.
    for (const double doorY : {5.0, 5.03, 5.07, 5.1, 5.15}) {
        INFO("door at y = " << doorY);
        const Floor f = twoRooms(0.8, DoorState::Open, doorY);
        const double expected = detourThroughDoor(doorY, 0.8);

        const NavGrid coarse = NavGrid::build(f, {0.2, 0.0});
        const DistanceField dc = DistanceField::compute(coarse, {{9.5, 2.0}});
        CHECK(dc.at({10.5, 2.0}) >= expected);
        CHECK(dc.at({10.5, 2.0}) <= expected + 0.7);
        CHECK(dc.at({15.0, 8.0}) < kUnreachable);

        const NavGrid fine = NavGrid::build(f, {0.1, 0.0});
        const DistanceField df = DistanceField::compute(fine, {{9.5, 2.0}});
        CHECK(df.at({10.5, 2.0}) >= expected);
        CHECK(withinDetourTolerance(df.at({10.5, 2.0}), expected));
        CHECK(df.at({15.0, 8.0}) < kUnreachable);
    }
}

TEST_CASE("obstacles and clearance", "[nav]") {
    SECTION("an obstacle blocks the cells under it and the field goes round it") {
        Floor f = rectFloor(20.0, 10.0);
        f.obstacles.push_back(
            Obstacle{"bed", {{9.0, 3.0}, {11.0, 3.0}, {11.0, 7.0}, {9.0, 7.0}}, {}});
        const NavGrid g = NavGrid::build(f, {0.1, 0.0});
        CHECK_FALSE(g.walkableAt({10.0, 5.0}));
        CHECK(g.walkableAt({8.9, 5.0}));
        const DistanceField df = DistanceField::compute(g, {{5.0, 5.0}});
        // Round a long side's corners: (5, 5) -> (9, 7) -> (11, 7) -> (15, 5).
        const double expected = 2.0 * std::hypot(4.0, 2.0) + 2.0; // 10.944 m
        CHECK(df.at({15.0, 5.0}) == Approx(expected).margin(0.2));
    }

    SECTION("a clearance closes a door too narrow for it") {
        // 0.3 m clearance at 0.2 m cells: centres within 0.4 m of a jamb are blocked, so a
        // 0.8 m door closes and a 1.2 m door keeps 0.4 m of centres.
        const NavGridOptions opt{0.2, 0.3};
        const NavGrid narrow = NavGrid::build(twoRooms(0.8, DoorState::Open), opt);
        CHECK(DistanceField::compute(narrow, {{5.0, 5.0}}).at({15.0, 5.0}) == kUnreachable);
        const NavGrid wide = NavGrid::build(twoRooms(1.2, DoorState::Open), opt);
        CHECK(DistanceField::compute(wide, {{5.0, 5.0}}).at({15.0, 5.0}) ==
              Approx(10.0).margin(0.3));
        // Alongside the wall, centres within 0.1 + 0.3 + 0.1 = 0.5 m of its centreline.
        CHECK_FALSE(wide.walkableAt({9.5, 2.0}));
        CHECK(wide.walkableAt({9.3, 2.0}));
    }
}

TEST_CASE("solid wall segments", "[nav]") {
    Floor f = rectFloor(20.0, 10.0);
    f.walls.push_back(Wall{"W1", {{0.0, 5.0}, {20.0, 5.0}}, 0.2, {}});
    Door open;
    open.id = "D-open";
    open.at = {6.0, 5.05}; // drawn 5 cm off the wall line
    open.widthM = 0.9;
    Door shut = open;
    shut.id = "D-shut";
    shut.at = {14.0, 5.0};
    shut.widthM = 1.0;
    shut.state = DoorState::Closed;
    f.doors = {open, shut};
    Exit e1;
    e1.id = "EXT-1";
    e1.at = {5.0, 0.0};
    e1.widthM = 1.2;
    Exit e2 = e1;
    e2.id = "EXT-2";
    e2.at = {15.0, 10.0};
    e2.widthM = 1.5;
    e2.state = DoorState::Locked;
    f.exits = {e1, e2};

    // Pieces lying on the line y = yLine, sorted along x.
    auto onLine = [](const std::vector<WallSegment>& segs, double yLine, bool doors) {
        std::vector<std::pair<double, double>> xs;
        for (const WallSegment& s : segs) {
            if (std::abs(s.a.y - yLine) < 1e-9 && std::abs(s.b.y - yLine) < 1e-9 &&
                s.doorId.empty() != doors)
                xs.emplace_back(std::min(s.a.x, s.b.x), std::max(s.a.x, s.b.x));
        }
        std::sort(xs.begin(), xs.end());
        return xs;
    };

    SECTION("door openings of the door's width are cut from the wall") {
        const auto pieces = onLine(solidWallSegments(f), 5.0, false);
        REQUIRE(pieces.size() == 3);
        CHECK(pieces[0].second == Approx(5.55));
        CHECK(pieces[1].first == Approx(6.45));
        CHECK(pieces[1].second == Approx(13.5));
        CHECK(pieces[2].first == Approx(14.5));
        CHECK(pieces[2].second == Approx(20.0));
    }

    SECTION("a closed door gets its own piece filling the opening") {
        const std::vector<WallSegment> segs = solidWallSegments(f);
        const auto leaves = onLine(segs, 5.0, true);
        REQUIRE(leaves.size() == 1);
        CHECK(leaves[0].first == Approx(13.5));
        CHECK(leaves[0].second == Approx(14.5));
        const auto it = std::find_if(segs.begin(), segs.end(),
                                     [](const WallSegment& s) { return s.doorId == "D-shut"; });
        REQUIRE(it != segs.end());
        CHECK(it->thicknessM == Approx(0.2));
    }

    SECTION("the door lists override the recorded state") {
        const auto segs = solidWallSegments(f, {"D-open"}, {"D-shut"});
        const auto leaves = onLine(segs, 5.0, true);
        REQUIRE(leaves.size() == 1);
        CHECK(leaves[0].first == Approx(5.55));
    }

    SECTION("exit openings are cut from the outline and a locked exit is a leaf") {
        const std::vector<WallSegment> segs = solidWallSegments(f);
        const auto bottom = onLine(segs, 0.0, false);
        REQUIRE(bottom.size() == 2);
        CHECK(bottom[0].second == Approx(4.4));
        CHECK(bottom[1].first == Approx(5.6));
        CHECK(onLine(segs, 0.0, true).empty());
        const auto top = onLine(segs, 10.0, false);
        REQUIRE(top.size() == 2);
        CHECK(std::min(top[0].second, top[1].second) == Approx(14.25));
        const auto leaf = onLine(segs, 10.0, true);
        REQUIRE(leaf.size() == 1);
        CHECK(leaf[0].second - leaf[0].first == Approx(1.5));
        CHECK(std::count_if(segs.begin(), segs.end(),
                            [](const WallSegment& s) { return s.doorId == "EXT-2"; }) == 1);
        for (const WallSegment& s : segs) {
            if (std::abs(s.a.y) < 1e-9 && std::abs(s.b.y) < 1e-9)
                CHECK(s.thicknessM == kOutlineThicknessM);
        }
    }

    SECTION("a 100 m wall is split into pieces of at most 40 m") {
        Floor big = rectFloor(100.0, 10.0);
        big.walls.push_back(Wall{"long", {{0.0, 5.0}, {100.0, 5.0}}, 0.3, {}});
        const auto pieces = onLine(solidWallSegments(big), 5.0, false);
        REQUIRE(pieces.size() == 3);
        double total = 0.0;
        for (const auto& [x0, x1] : pieces) {
            CHECK(x1 - x0 <= kMaxWallPieceM);
            total += x1 - x0;
        }
        CHECK(total == Approx(100.0));
        for (const WallSegment& s : solidWallSegments(big))
            CHECK(distance(s.a, s.b) <= kMaxWallPieceM);
    }

    SECTION("a door centred on a polyline vertex opens both segments") {
        Floor bent = rectFloor(20.0, 10.0);
        bent.walls.push_back(Wall{"W", {{0.0, 5.0}, {8.0, 5.0}, {20.0, 5.0}}, 0.2, {}});
        Door d;
        d.id = "D";
        d.at = {8.0, 5.0};
        d.widthM = 1.0;
        bent.doors = {d};
        const auto pieces = onLine(solidWallSegments(bent), 5.0, false);
        REQUIRE(pieces.size() == 2);
        CHECK(pieces[0].second == Approx(7.5));
        CHECK(pieces[1].first == Approx(8.5));
    }
}

TEST_CASE("an exit's distance field on a real floor plan", "[nav]") {
    // 20 x 10 m floor, exit 1.2 m wide in the bottom edge at x = 5: cells just inside the exit
    // are walkable and seed the field; a locked exit still opens the grid.
    for (const DoorState state : {DoorState::Open, DoorState::Locked}) {
        Floor f = rectFloor(20.0, 10.0);
        Exit e;
        e.id = "EXT-1";
        e.at = {5.0, 0.0};
        e.widthM = 1.2;
        e.state = state;
        f.exits = {e};
        const NavGrid g = NavGrid::build(f, {0.2, 0.0});
        CHECK(g.walkableAt({5.0, 0.1}));
        const DistanceField df = DistanceField::computeFromSegments(g, {{{4.4, 0.0}, {5.6, 0.0}}});
        CHECK(df.at({5.0, 0.3}) == Approx(0.3).margin(0.1));
        CHECK(df.at({5.0, 8.0}) == Approx(8.0).margin(0.2));
        // Past the exit's end: a straight line to its jamb, plus up to two cells (the nearest
        // walkable centres sit half a cell off the jamb and the outline).
        const double straight = distance({15.0, 5.0}, {5.6, 0.0});
        CHECK(df.at({15.0, 5.0}) >= straight);
        CHECK(df.at({15.0, 5.0}) <= straight + 0.4);
        CHECK(df.direction({5.0, 4.0}).y < -0.95);
    }
}

TEST_CASE("maxDistanceM truncates the field", "[nav]") {
    const Floor f = rectFloor(40.0, 2.0);
    const NavGrid g = NavGrid::build(f, {0.2, 0.0});
    const DistanceField df = DistanceField::computeFromSegments(g, {{{0, 0}, {0, 2}}}, 10.0);
    CHECK(df.at({5.0, 1.0}) == Approx(5.0).margin(0.1));
    CHECK(df.at({9.5, 1.0}) == Approx(9.5).margin(0.1));
    CHECK(df.at({30.0, 1.0}) == kUnreachable);
    int beyond = 0, reached = 0;
    for (int iy = 0; iy < g.ny(); ++iy) {
        for (int ix = 0; ix < g.nx(); ++ix) {
            if (!g.walkable(ix, iy))
                continue;
            const double v = df.cellValue(ix, iy);
            if (v == kUnreachable) {
                CHECK(g.cellCentre(ix, iy).x > 10.0);
                ++beyond;
            } else {
                CHECK(v <= 10.0);
                ++reached;
            }
        }
    }
    CHECK(beyond > 1000);
    CHECK(reached > 300);
}

TEST_CASE("direction near a wall never points into a blocked cell", "[nav]") {
    for (const double cell : {0.2, 0.1}) {
        // Source in the right room: people in the left room walk along the wall to the door.
        const Floor f = twoRooms(1.0, DoorState::Open);
        const NavGrid g = NavGrid::build(f, {cell, 0.0});
        const DistanceField df = DistanceField::compute(g, {{15.0, 2.0}});
        int samples = 0;
        for (double y = 0.35; y < 9.7; y += 0.037) {
            for (const double x : {9.55, 9.62, 9.7, 9.75, 10.25, 10.3, 10.4}) {
                const Vec2 p{x, y};
                if (!g.walkableAt(p))
                    continue;
                INFO("cell " << cell << " p = (" << x << ", " << y << ")");
                const Vec2 d = df.direction(p);
                REQUIRE(length(d) == Approx(1.0));
                CHECK(g.walkableAt(p + d * cell));
                ++samples;
            }
        }
        CHECK(samples > 500);
        // Along the outline too, into the corners of the left room.
        for (double t = 0.35; t < 9.7; t += 0.05) {
            for (const Vec2 p : {Vec2{t, 0.35}, Vec2{t, 9.65}, Vec2{0.35, t}}) {
                if (!g.walkableAt(p))
                    continue;
                const Vec2 d = df.direction(p);
                CHECK(length(d) == Approx(1.0));
                CHECK(g.walkableAt(p + d * cell));
            }
        }
    }
}

TEST_CASE("direction and distance at the edges of the field", "[nav]") {
    const Floor f = twoRooms(1.0, DoorState::Open);
    const NavGrid g = NavGrid::build(f, {0.2, 0.0});
    const DistanceField df = DistanceField::compute(g, {{5.0, 5.0}});

    SECTION("at a source the direction is zero") {
        // The source lies between four cell centres, each 0.14 m away.
        CHECK(df.at({5.0, 5.0}) == Approx(0.0).margin(0.15));
        const Vec2 d = df.direction({5.0, 5.0});
        CHECK(length(d) < 1e-9);
    }

    SECTION("inside a wall the distance comes from the nearest walkable cell and the direction "
            "leads out") {
        const double inWall = df.at({9.98, 2.0});
        CHECK(inWall == Approx(df.at({9.7, 2.0}) + 0.28).margin(0.1));
        const Vec2 d = df.direction({9.98, 2.0});
        CHECK(d.x < -0.7);
    }

    SECTION("an empty grid is unreachable everywhere") {
        const NavGrid empty = NavGrid::build(Floor{}, {0.2, 0.0});
        const DistanceField none = DistanceField::compute(empty, {{1.0, 1.0}});
        CHECK(none.at({1.0, 1.0}) == kUnreachable);
        CHECK(length(none.direction({1.0, 1.0})) == 0.0);
    }
}
