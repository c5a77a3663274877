// No permanent jams, found by search (issue 17 items 1-2): generated layouts (jam_cases.hpp) with
// doors of 0.7-1.6 m in walls 0.1-0.3 m thick, U- and L-turns, pillars near doors, two exits,
// random rotations, densities and seeds. Asserted on every case: everyone gets out; nobody at
// the head of a door's queue stands still for more than 5 s; no body centre inside a wall; and
// the navigation field's descent from any walkable point reaches an exit without crossing a wall.
// MUSTER_PROPERTY_CASES sets the number of cases (CI: the default; scripts/property for more).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <map>

#include "jam_cases.hpp"

using namespace muster;
using namespace muster::test;

namespace {

int caseCount(int fallback) {
    const char* e = std::getenv("MUSTER_PROPERTY_CASES");
    return e ? std::max(1, std::atoi(e)) : fallback;
}

std::uint64_t firstCase() {
    const char* e = std::getenv("MUSTER_PROPERTY_FIRST");
    return e ? std::strtoull(e, nullptr, 10) : 0;
}

struct CaseOutcome {
    int people = 0, out = 0;
    double longestClogS = 0.0; // longest time an opening was not crossed while someone waited at it
    int wallPoints = 0;        // samples of a body centre inside a wall
    double endS = 0.0;
};

// A clog: someone is at an opening (within half its width + 0.6 m of its centre) and nobody
// has crossed it (a centre passing its line within its width, or leaving by it) since the
// first of them arrived or since the last crossing, whichever is later.
CaseOutcome runCase(const JamCase& c, std::uint64_t seed) {
    SimOptions o;
    o.maxTimeS = 400;
    o.seed = seed;
    Simulation sim(c.world.project, o, c.people);
    const auto walls = solidWallSegments(c.world.project.buildings[0].floors[0]);
    CaseOutcome out;
    out.people = static_cast<int>(c.people.size());
    const size_t n = c.people.size(), m = c.openings.size();
    std::vector<Vec2> last(n);
    std::vector<int> lastFloor(n, -2);
    std::vector<double> since(m, -1.0); // -1: nobody waiting
    while (!sim.finished()) {
        sim.step();
        const Frame fr = sim.frame();
        std::vector<bool> waiting(m, false), crossed(m, false);
        for (size_t i = 0; i < n; ++i) {
            const auto& a = fr.agents[i];
            const Vec2 p{a.x, a.y};
            for (size_t k = 0; k < m; ++k) {
                const Vec2 t = c.openingTangents[k], nrm{-t.y, t.x};
                const double half = 0.5 * c.openingWidths[k];
                if (lastFloor[i] >= 0) {
                    const Vec2 q = last[i] - c.openings[k];
                    const bool near =
                        std::abs(dot(q, t)) < half + 0.3 && std::abs(dot(q, nrm)) < 0.8;
                    const double s0 = dot(q, nrm), s1 = dot(p - c.openings[k], nrm);
                    if (near && (a.floor < 0 || (s0 < 0) != (s1 < 0)))
                        crossed[k] = true;
                }
                if (a.floor >= 0 && distance(p, c.openings[k]) < half + 0.6)
                    waiting[k] = true;
            }
            if (a.floor >= 0)
                for (const auto& s : walls)
                    if (insideWallBody(p, s))
                        ++out.wallPoints;
            last[i] = p;
            lastFloor[i] = a.floor;
        }
        for (size_t k = 0; k < m; ++k) {
            if (!waiting[k]) {
                since[k] = -1.0;
                continue;
            }
            if (since[k] < 0 || crossed[k])
                since[k] = fr.t;
            out.longestClogS = std::max(out.longestClogS, fr.t - since[k]);
        }
    }
    const RunResults r = sim.results();
    out.out = r.evacuated;
    out.endS = r.simulatedS;
    return out;
}

} // namespace

TEST_CASE("property: nobody jams for good at a door, in generated layouts, densities and seeds",
          "[property][verification]") {
    const int n = caseCount(200);
    const std::uint64_t first = firstCase();
    int failures = 0, people = 0;
    double worstClog = 0.0;
    std::map<int, int> failedByKind;
    for (std::uint64_t k = first; k < first + static_cast<std::uint64_t>(n); ++k) {
        const JamCase c = jamCase(k);
        const CaseOutcome r = runCase(c, k + 1);
        people += r.people;
        worstClog = std::max(worstClog, r.longestClogS);
        const bool ok = r.out == r.people && r.longestClogS <= 5.0 && r.wallPoints == 0;
        if (!ok) {
            ++failures;
            ++failedByKind[static_cast<int>(k % 5)];
            if (failures <= 20)
                FAIL_CHECK(c.description << " (seed " << k + 1 << "): " << r.out << " of "
                                         << r.people << " out by " << r.endS
                                         << " s, an opening clogged for " << r.longestClogS
                                         << " s, " << r.wallPoints << " samples in a wall");
        }
    }
    std::ostringstream kinds;
    for (auto [kind, count] : failedByKind)
        kinds << " kind " << kind << ": " << count;
    WARN("measured: " << n << " cases from " << first << ", " << people << " people, " << failures
                      << " failing" << kinds.str() << "; longest clog " << worstClog << " s");
    CHECK(failures == 0);
}

TEST_CASE("property: the descent of the exit field from any walkable point reaches an exit "
          "without crossing a wall",
          "[property][nav]") {
    const int n = caseCount(200);
    const std::uint64_t first = firstCase();
    int starts = 0, failures = 0;
    for (std::uint64_t k = first; k < first + static_cast<std::uint64_t>(n); ++k) {
        const JamCase c = jamCase(k);
        const Floor& f = c.world.project.buildings[0].floors[0];
        std::set<std::string> passable;
        for (const Door& d : f.doors)
            passable.insert(d.id);
        const NavGrid grid = NavGrid::build(f, NavGridOptions{0.2, 0.0}, {}, passable);
        // The exits as segments along the outline (their centre and width).
        std::vector<std::pair<Vec2, Vec2>> segs;
        for (const Exit& e : f.exits) {
            Vec2 dir{1, 0};
            double best = 1e9;
            for (size_t i = 0; i < f.outline.size(); ++i) {
                const Vec2 a = f.outline[i], b = f.outline[(i + 1) % f.outline.size()];
                const double dd = distanceToSegment(e.at, a, b);
                if (dd < best)
                    best = dd, dir = (b - a) * (1.0 / distance(a, b));
            }
            segs.push_back({e.at - dir * (0.5 * e.widthM), e.at + dir * (0.5 * e.widthM)});
        }
        const DistanceField df = DistanceField::computeFromSegments(grid, segs);
        const auto walls = solidWallSegments(f, {}, passable);
        const Bounds b = boundsOf(f.outline);
        Rng rng = Rng::stream(99, k);
        int here = 0;
        for (int tries = 0; here < 25 && tries < 5000; ++tries) {
            const Vec2 p{rng.uniform(b.min.x, b.max.x), rng.uniform(b.min.y, b.max.y)};
            // Any point where a body centre may be: inside the outline, outside every wall's
            // and obstacle's body, including points within a body radius of a wall.
            if (!pointInPolygon(f.outline, p))
                continue;
            bool inWall = false;
            for (const auto& s : walls)
                inWall = inWall || insideWallBody(p, s) || distanceToSegment(p, s.a, s.b) < 0.05;
            for (const Obstacle& ob : f.obstacles)
                inWall = inWall || pointInPolygon(ob.polygon, p);
            if (inWall)
                continue;
            ++here, ++starts;
            Vec2 q = p;
            bool crossed = false, reached = false;
            for (int step = 0; step < 20000 && !crossed; ++step) {
                // At an exit: within a cell of its opening (the field's sources are the cells
                // within 0.75 cell of the segment; the descent stops on them).
                double toExit = 1e9;
                for (const auto& [a, e] : segs)
                    toExit = std::min(toExit, distanceToSegment(q, a, e));
                if (toExit < 0.25) {
                    reached = true;
                    break;
                }
                const Vec2 dir = df.direction(q);
                if (dir.x == 0 && dir.y == 0)
                    break;
                const Vec2 next = q + dir * 0.05;
                for (const auto& s : walls)
                    if (segmentsIntersect(q, next, s.a, s.b))
                        crossed = true;
                q = next;
            }
            if (crossed || !reached) {
                ++failures;
                if (failures <= 20)
                    FAIL_CHECK(c.description
                               << ": from (" << p.x << "," << p.y << ") "
                               << (crossed ? "crossed a wall" : "did not reach an exit") << " at ("
                               << q.x << "," << q.y << "), field " << df.at(q));
            }
        }
    }
    WARN("measured: " << starts << " start points in " << n << " layouts, " << failures
                      << " failing");
    CHECK(failures == 0);
}
