// The opening geometry every front end shares: exitOpening (muster/geometry.hpp).
#include <catch2/catch.hpp>

#include <cmath>

#include "muster/geometry.hpp"

using namespace muster;

namespace {

Vec2 rotated(Vec2 v, double rad) {
    const double c = std::cos(rad), s = std::sin(rad);
    return {c * v.x - s * v.y, s * v.x + c * v.y};
}

Polygon transformed(const Polygon& p, double rad, Vec2 shift) {
    Polygon q;
    for (Vec2 v : p)
        q.push_back(rotated(v, rad) + shift);
    return q;
}

Polygon reversed(Polygon p) {
    return Polygon(p.rbegin(), p.rend());
}

// A 20 m x 10 m floor, counter-clockwise.
const Polygon kRect{{0, 0}, {20, 0}, {20, 10}, {0, 10}};

struct SideExit {
    Vec2 at, outward;
};
// One exit in the middle of every side, with the way out.
const SideExit kSides[] = {
    {{10, 0}, {0, -1}}, {{20, 5}, {1, 0}}, {{10, 10}, {0, 1}}, {{0, 5}, {-1, 0}}};

} // namespace

TEST_CASE("exit openings", "[geometry]") {
    SECTION("an exit on every side of a counter-clockwise outline faces out of that side") {
        for (const auto& s : kSides) {
            const ExitOpening o = exitOpening(kRect, s.at, 1.2);
            CHECK(o.outward.x == Approx(s.outward.x).margin(1e-12));
            CHECK(o.outward.y == Approx(s.outward.y).margin(1e-12));
            CHECK(o.distanceM == Approx(0).margin(1e-12));
            CHECK(std::abs(cross(o.along, o.outward)) == Approx(1)); // unit, at right angles
        }
        const ExitOpening south = exitOpening(kRect, {10, 0}, 1.2);
        CHECK(south.edge == 0);
        CHECK(south.along.x == Approx(1));
        CHECK(south.a.x == Approx(9.4));
        CHECK(south.b.x == Approx(10.6));
    }
    SECTION("a clockwise outline gives the same outward normals") {
        const Polygon cw = reversed(kRect);
        REQUIRE(signedArea(cw) < 0);
        for (const auto& s : kSides) {
            const ExitOpening o = exitOpening(cw, s.at, 0.9);
            CHECK(o.outward.x == Approx(s.outward.x).margin(1e-12));
            CHECK(o.outward.y == Approx(s.outward.y).margin(1e-12));
        }
        // `along` follows the vertex order, so it turns round with it.
        CHECK(exitOpening(cw, {10, 0}, 0.9).along.x == Approx(-1));
    }
    SECTION("rotated and moved outlines, both windings: the normal turns with the plan") {
        for (double deg : {17.0, 90.0, 143.5, 200.0, 311.0}) {
            const double rad = deg * M_PI / 180.0;
            const Vec2 shift{-37.5, 12.25};
            for (bool cw : {false, true}) {
                const Polygon base = cw ? reversed(kRect) : kRect;
                const Polygon poly = transformed(base, rad, shift);
                for (const auto& s : kSides) {
                    const ExitOpening o = exitOpening(poly, rotated(s.at, rad) + shift, 1.0);
                    const Vec2 want = rotated(s.outward, rad);
                    CHECK(o.outward.x == Approx(want.x).margin(1e-9));
                    CHECK(o.outward.y == Approx(want.y).margin(1e-9));
                    CHECK_FALSE(pointInPolygon(poly, o.at + o.outward * 0.3));
                    CHECK(pointInPolygon(poly, o.at - o.outward * 0.3));
                }
            }
        }
    }
    SECTION("an exit drawn a little off its edge takes that edge") {
        const ExitOpening in = exitOpening(kRect, {20 - 0.08, 3}, 1.0);
        CHECK(in.edge == 1);
        CHECK(in.distanceM == Approx(0.08));
        CHECK(in.outward.x == Approx(1));
        CHECK(in.a.x == Approx(19.92)); // the ends are not moved onto the edge
        const ExitOpening out = exitOpening(kRect, {4, -0.05}, 1.0);
        CHECK(out.edge == 0);
        CHECK(out.outward.y == Approx(-1));
    }
    SECTION("no probe: an exit in a recess narrower than a probe still faces out") {
        // A slot 0.2 m wide cut into the north side from y = 5 to the edge. An exit on the
        // slot's west face opens east into the slot (outside); a probe 0.3 m east of it would
        // land in the building beyond the slot and turn it round.
        const Polygon slot{{0, 0},   {10, 0},  {10, 10},  {5.1, 10},
                           {5.1, 5}, {4.9, 5}, {4.9, 10}, {0, 10}};
        REQUIRE(signedArea(slot) > 0);
        const ExitOpening o = exitOpening(slot, {4.9, 7}, 0.9);
        CHECK(o.edge == 5);
        CHECK(o.outward.x == Approx(1));
        CHECK(pointInPolygon(slot, o.at + o.outward * 0.3)); // where a 0.3 m probe lands
        const ExitOpening cw = exitOpening(reversed(slot), {4.9, 7}, 0.9);
        CHECK(cw.outward.x == Approx(1));
    }
    SECTION("at a corner the first of the equally near edges is taken; short edges are skipped") {
        const ExitOpening corner = exitOpening(kRect, {20, 0}, 1.0);
        CHECK(corner.edge == 0);
        const Polygon repeated{{0, 0}, {0, 0}, {20, 0}, {20, 10}, {0, 10}};
        const ExitOpening o = exitOpening(repeated, {0, 0}, 1.0);
        CHECK(o.edge == 1);
        CHECK(o.along.x == Approx(1));
    }
    SECTION("an outline without edges gives the documented defaults") {
        const ExitOpening o = exitOpening(Polygon{}, {1, 2}, 1.0);
        CHECK(o.edge == kNoEdge);
        CHECK(o.outward.y == Approx(-1));
        CHECK(o.at.x == 1);
    }
}
