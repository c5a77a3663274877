#pragma once
// Generated layouts for the no-permanent-jam property tests (issue 17 items 1-2): a room whose
// crowd leaves through a door in a wall of real thickness, U- and L-turn corridors, a pillar
// near a door, two doors and two exits; each rotated at a random angle, crowds at random
// densities. A case is fully determined by its number (and so reproducible from a failure).
#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "muster/distribution.hpp"
#include "muster/geometry.hpp"
#include "nav/navigation.hpp"
#include "world_fixture.hpp"

namespace muster::test {

struct JamCase {
    std::string description;
    WorldBuilder world;
    std::vector<Placement> people;
    std::vector<Vec2> openings; // door and exit centres (rotated), where nobody may stand still
    std::vector<double> openingWidths;
    std::vector<Vec2> openingTangents; // unit, along each opening (rotated)
};

inline JamCase jamCase(std::uint64_t number) {
    Rng rng = Rng::stream(20261204, number);
    JamCase c;
    WorldBuilder& w = c.world;
    w.angleDeg = rng.uniform(0.0, 360.0);
    const int kind = static_cast<int>(number % 5);
    const double t = rng.uniform(0.1, 0.3);    // wall thickness
    const double door = rng.uniform(0.7, 1.6); // door width
    const double rho = rng.uniform(0.5, 2.5);  // initial density, P/m²
    std::ostringstream d;
    d.precision(3);
    auto wallT = [&](const Polyline& pts) {
        w.wall("F", pts);
        w.get("F").walls.back().thicknessM = t;
    };
    // An opening in a wall along `tangent` (before rotation).
    auto opening = [&](Vec2 at, double width, Vec2 tangent) {
        c.openings.push_back(w.r(at));
        c.openingWidths.push_back(width);
        c.openingTangents.push_back(w.r(tangent));
    };
    // Crowd in [x0,x1]x[y0,y1] at density rho (at most 60 people), at least a body apart.
    auto crowd = [&](double x0, double x1, double y0, double y1) {
        const int n = std::clamp(static_cast<int>(rho * (x1 - x0) * (y1 - y0)), 2, 60);
        for (Vec2 p : randomPoints(x0, x1, y0, y1, n, 0.45, rng.next()))
            c.people.push_back(w.person("F", p, -1.0, 0.0));
    };
    if (kind == 0 || kind == 3) { // a room, a door in a thick wall, an exit beyond
        const double A = rng.uniform(5.0, 14.0), B = rng.uniform(3.0, 6.0),
                     H = rng.uniform(5.0, 12.0);
        const double yd = rng.uniform(0.5 * door + 0.4, H - 0.5 * door - 0.4);
        w.floor("F", {{0, 0}, {A + B, 0}, {A + B, H}, {0, H}});
        wallT({{A, 0}, {A, H}});
        w.door("F", "D", {A, yd}, door);
        const double ew = rng.uniform(1.0, 2.0);
        w.exit("F", "E", {A + B, H / 2}, ew);
        opening({A, yd}, door, {0, 1});
        opening({A + B, H / 2}, ew, {0, 1});
        d << "room " << A << "x" << H << ", door " << door << " m at y " << yd;
        if (kind == 3) { // a pillar 0.6-1.4 m in front of the door, off its axis
            const double s = rng.uniform(0.3, 0.8), gap = rng.uniform(0.6, 1.4);
            const double off = rng.uniform(-0.6, 0.6);
            const double cx = A - 0.5 * t - gap - 0.5 * s, cy = yd + off;
            Obstacle o;
            o.id = "pillar";
            o.polygon = w.r(Polygon{{cx - s / 2, cy - s / 2},
                                    {cx + s / 2, cy - s / 2},
                                    {cx + s / 2, cy + s / 2},
                                    {cx - s / 2, cy + s / 2}});
            w.get("F").obstacles.push_back(o);
            d << ", pillar " << s << " m " << gap << " m before it";
            // The crowd stands clear of the pillar.
            crowd(0.4, std::max(0.8, cx - 0.5 * s - 0.5), 0.4, H - 0.4);
        } else {
            crowd(0.4, A - 0.5 * t - 0.4, 0.4, H - 0.4);
        }
    } else if (kind == 1) { // U-turn: out along the lower corridor, round the bend, back
        const double W = rng.uniform(1.2, 2.5), L = rng.uniform(12.0, 24.0);
        const double h = 2 * W + t;
        w.floor("F", {{0, 0}, {L, 0}, {L, h}, {0, h}});
        wallT({{0, W + 0.5 * t}, {L - W, W + 0.5 * t}});
        const double ew = std::min(W, 1.2);
        w.exit("F", "E", {0, W + t + 0.5 * W}, ew);
        opening({0, W + t + 0.5 * W}, ew, {0, 1});
        d << "U-turn " << L << " m, corridors " << W << " m";
        // Including people at the closed end of the lower corridor.
        crowd(0.3, std::min(L - W - 0.5, 8.0), 0.3, W - 0.3);
    } else if (kind == 2) { // L-turn with a door in a thick wall across the corner's leg
        const double W = rng.uniform(1.2, 2.5), L = rng.uniform(10.0, 20.0);
        w.floor("F", {{0, 0}, {L, 0}, {L, L}, {L - W, L}, {L - W, W}, {0, W}});
        const double dw = std::min(door, W - 0.2);
        wallT({{L - W, 0.6 * L}, {L, 0.6 * L}});
        w.door("F", "D", {L - 0.5 * W, 0.6 * L}, dw);
        w.exit("F", "E", {L - 0.5 * W, L}, W);
        opening({L - 0.5 * W, 0.6 * L}, dw, {1, 0});
        opening({L - 0.5 * W, L}, W, {1, 0});
        d << "L-turn " << L << " m, corridor " << W << " m, door " << dw;
        crowd(0.3, L - W - 0.5, 0.3, W - 0.3);
    } else { // a hall split by a thick wall with two doors; two exits on opposite sides
        const double A = rng.uniform(6.0, 12.0), B = rng.uniform(3.0, 5.0),
                     H = rng.uniform(8.0, 14.0);
        const double d2 = rng.uniform(0.7, 1.6);
        w.floor("F", {{0, 0}, {A + B, 0}, {A + B, H}, {0, H}});
        wallT({{A, 0}, {A, H}});
        w.door("F", "D1", {A, 0.25 * H}, door);
        w.door("F", "D2", {A, 0.75 * H}, d2);
        w.exit("F", "E1", {A + B, 0.5 * H}, 1.2);
        w.exit("F", "E2", {0, 0.5 * H}, 0.9);
        opening({A, 0.25 * H}, door, {0, 1});
        opening({A, 0.75 * H}, d2, {0, 1});
        opening({A + B, 0.5 * H}, 1.2, {0, 1});
        opening({0, 0.5 * H}, 0.9, {0, 1});
        d << "two doors " << door << "/" << d2 << " m, two exits";
        crowd(0.6, A - 0.5 * t - 0.4, 0.4, H - 0.4);
    }
    d << ", wall " << t << " m, " << c.people.size() << " people (" << rho << " P/m2), angle "
      << w.angleDeg;
    c.description = "case " + std::to_string(number) + ": " + d.str();
    return c;
}

// Is q inside a wall's body (the rectangle of its thickness along the centreline)?
inline bool insideWallBody(Vec2 q, const WallSegment& w, double margin = 0.0) {
    const Vec2 dv = w.b - w.a;
    const double len2 = dv.x * dv.x + dv.y * dv.y;
    if (len2 <= 0)
        return false;
    const double s = ((q.x - w.a.x) * dv.x + (q.y - w.a.y) * dv.y) / len2;
    const double off = std::abs((q.x - w.a.x) * dv.y - (q.y - w.a.y) * dv.x) / std::sqrt(len2);
    return s > 0 && s < 1 && off < 0.5 * w.thicknessM - margin;
}

} // namespace muster::test
