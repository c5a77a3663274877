#pragma once
// Tiny worlds built in code for the verification suite (no YAML): a floor outline, interior
// walls, rooms, exits; people placed explicitly.
#include <cmath>
#include <string>
#include <vector>

#include "muster/loader.hpp"
#include "muster/simulation.hpp"

namespace muster::test {

inline ProfileSet bundledProfiles() {
    Diagnostics d;
    auto p = loadProfiles(MUSTER_SOURCE_DIR "/assets/profiles.yaml", d);
    return p ? *p : ProfileSet{};
}

inline Vec2 rotate(Vec2 v, double deg) {
    const double a = deg * 3.14159265358979323846 / 180.0;
    return {v.x * std::cos(a) - v.y * std::sin(a), v.x * std::sin(a) + v.y * std::cos(a)};
}

struct WorldBuilder {
    Project project;
    double angleDeg = 0.0; // the whole world is rotated by this angle about the origin

    WorldBuilder() {
        project.profiles = bundledProfiles();
        project.buildings.push_back(Building{});
        project.buildings.back().id = "B";
    }
    Vec2 r(Vec2 v) const { return rotate(v, angleDeg); }
    Polygon r(const Polygon& p) const {
        Polygon o;
        for (Vec2 v : p)
            o.push_back(r(v));
        return o;
    }
    Floor& floor(const std::string& id, const Polygon& outline, double elevation = 0.0) {
        Floor f;
        f.id = id;
        f.building = "B";
        f.outline = r(outline);
        f.elevationM = elevation;
        Room room;
        room.id = id + "-all";
        room.kind = RoomKind::Corridor;
        room.polygon = r(outline);
        f.rooms.push_back(room);
        project.buildings[0].floors.push_back(f);
        return project.buildings[0].floors.back();
    }
    Floor& get(const std::string& id) {
        for (auto& f : project.buildings[0].floors)
            if (f.id == id)
                return f;
        return project.buildings[0].floors.front();
    }
    void wall(const std::string& fl, const Polyline& pts) {
        Wall w;
        w.id = fl + "-w" + std::to_string(get(fl).walls.size());
        w.points = r(pts);
        get(fl).walls.push_back(w);
    }
    void door(const std::string& fl, const std::string& id, Vec2 at, double width) {
        Door d;
        d.id = id;
        d.at = r(at);
        d.widthM = width;
        d.roomA = d.roomB = fl + "-all";
        get(fl).doors.push_back(d);
    }
    void exit(const std::string& fl, const std::string& id, Vec2 at, double width) {
        Exit e;
        e.id = id;
        e.at = r(at);
        e.widthM = width;
        e.room = fl + "-all";
        get(fl).exits.push_back(e);
    }
    void stair(const std::string& id, const std::string& lower, Vec2 lowerAt,
               const std::string& upper, Vec2 upperAt, double width, double length) {
        Stair s;
        s.id = id;
        s.widthM = width;
        s.lengthM = length;
        s.lower = {lower, r(lowerAt), {}};
        s.upper = {upper, r(upperAt), {}};
        project.buildings[0].stairs.push_back(s);
    }
    Placement person(const std::string& fl, Vec2 at, double speed = -1.0, double pre = 0.0,
                     const std::string& profile = "visitor", const std::string& group = "") const {
        Placement p;
        p.floor = fl;
        p.at = r(at);
        p.speedMps = speed;
        p.premovementS = pre;
        p.profile = profile;
        p.group = group;
        return p;
    }
};

// People on a regular grid inside [x0,x1]x[y0,y1], `n` of them, spaced as evenly as fits.
inline std::vector<Vec2> gridPoints(double x0, double x1, double y0, double y1, int n) {
    const double w = x1 - x0, h = y1 - y0;
    const int cols = std::max(1, static_cast<int>(std::ceil(std::sqrt(n * w / h))));
    const int rows = (n + cols - 1) / cols;
    std::vector<Vec2> pts;
    for (int i = 0; i < n; ++i) {
        const int c = i % cols, rr = i / cols;
        pts.push_back({x0 + (c + 0.5) * w / cols, y0 + (rr + 0.5) * h / rows});
    }
    return pts;
}

// Random positions at least minSep apart (random sequential adsorption), deterministic.
inline std::vector<Vec2> randomPoints(double x0, double x1, double y0, double y1, int n,
                                      double minSep, std::uint64_t seed) {
    Rng rng(seed);
    std::vector<Vec2> pts;
    for (int tries = 0; static_cast<int>(pts.size()) < n && tries < 2000000; ++tries) {
        const Vec2 p{rng.uniform(x0, x1), rng.uniform(y0, y1)};
        bool ok = true;
        for (const Vec2& q : pts)
            if (distance(p, q) < minSep) {
                ok = false;
                break;
            }
        if (ok)
            pts.push_back(p);
    }
    return pts;
}

inline RunResults runToEnd(const Project& p, const std::vector<Placement>& people,
                           double maxT = 900.0, std::uint64_t seed = 1) {
    SimOptions o;
    o.maxTimeS = maxT;
    o.seed = seed;
    Simulation sim(p, o, people);
    sim.run();
    return sim.results();
}

} // namespace muster::test
