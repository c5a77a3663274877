// Plan overlays without a window: the coverage layer (uncovered class A areas), smoke
// compartment outlines and assembly point markers.
#include <catch2/catch.hpp>

#include <cmath>

#include "muster/loader.hpp"
#include "viewer/compliance.hpp"
#include "viewer/overlays.hpp"
#include "viewer_fixture.hpp"
#include "../checks/checks_fixture.hpp"

using namespace muster;
using namespace muster::viewer;
using muster::test::cnProfile;
using muster::test::corridorFloor;

namespace {

Extinguisher unitAt(Vec2 at) {
    Extinguisher e;
    e.id = "E1";
    e.floor = "F";
    e.at = at;
    e.model = "MF/ABC5";
    e.ratingA = 3;
    e.ratingB = 89;
    e.manufactured = {2024, 1};
    return e;
}

// Area of the triangles in a vertex array (m²).
double triangleArea(const sf::VertexArray& va, std::size_t from, std::size_t to) {
    double a = 0;
    for (std::size_t i = from; i + 2 < to + 1 && i + 2 < va.getVertexCount(); i += 3) {
        const auto p = va[i].position, q = va[i + 1].position, r = va[i + 2].position;
        a += std::abs(double(q.x - p.x) * double(r.y - p.y) -
                      double(r.x - p.x) * double(q.y - p.y)) *
             0.5;
    }
    return a;
}

const Project& tinyProject() {
    static const Project p = [] {
        Diagnostics d;
        auto pr = loadProject(viewer_test::tinyScenario(), d);
        REQUIRE(pr);
        return std::move(*pr);
    }();
    return p;
}

} // namespace

TEST_CASE("coverage layer", "[viewer][overlays]") {
    const RulesProfile cn = cnProfile();
    const Date today{2026, 11, 23};
    CoverageOptions opt;
    opt.cellM = 0.1;
    const Floor f = corridorFloor();
    const FloorCoverage fc = computeFloorCoverage(f, {unitAt({20, 1})}, cn, today, opt);
    const ClassCoverage* a = fc.find(FireClass::A);
    REQUIRE(a);

    SECTION("the shaded quads are the uncovered cells: same area, and nothing else") {
        sf::VertexArray va(sf::Triangles);
        const CoverageLayerStats st = buildCoverage(fc, {0, 0}, 0.0, va); // no worst-point cross
        std::size_t rects = 0;
        for (const auto& r : a->regions)
            rects += r.rects.size();
        CHECK(st.quads == rects);
        CHECK(va.getVertexCount() == 6 * rects);
        CHECK(st.regions == int(a->regions.size()));
        // Shaded area = uncovered area = whole cells of 0.1 m.
        const double cells = a->total.uncoveredM2 / (opt.cellM * opt.cellM);
        CHECK(cells == Approx(std::round(cells)).margin(1e-6));
        CHECK(st.areaM2 == Approx(a->total.uncoveredM2).epsilon(1e-9));
        CHECK(triangleArea(va, 0, va.getVertexCount()) ==
              Approx(a->total.uncoveredM2).epsilon(1e-4));
        // By hand: the corridor beyond 15 m of x = 20 (x 0..5 and 35..40) and the whole ward
        // behind the wall. The walkable grid leaves a band free of cells along walls: 0.2 m
        // inside the outline and 0.1 m beside the 0.2 m wall (its face), so the corridor's
        // cells span y 0.2..1.8 and the ward's y 2.1..7.8, both x 0.2..39.8:
        // corridor 2 x (5 - 0.2) x 1.6 = 15.36 m², ward 39.6 x 5.7 = 225.72 m².
        double corridor = 0, ward = 0;
        for (const auto& r : a->regions)
            (r.rooms == std::vector<std::string>{"C"} ? corridor : ward) += r.areaM2;
        CHECK(corridor == Approx(15.36).margin(1e-6));
        CHECK(ward == Approx(225.72).margin(1e-6));
        CHECK(st.areaM2 == Approx(15.36 + 225.72).margin(1e-6));
        CHECK(std::round(cells) == 24108); // 241.08 m² of 0.1 m cells
        // Every shaded vertex lies in an uncovered place: x <= 5.15 or >= 34.85 in the corridor.
        for (std::size_t i = 0; i < va.getVertexCount(); ++i) {
            const auto p = va[i].position;
            if (p.y < 1.95f)
                CHECK((p.x <= 5.15f || p.x >= 34.85f));
        }
    }

    SECTION("the worst point gets a cross; an offset moves everything") {
        sf::VertexArray plain(sf::Triangles), moved(sf::Triangles);
        const auto s0 = buildCoverage(fc, {0, 0}, 1.0, plain);
        const auto s1 = buildCoverage(fc, {100, 50}, 1.0, moved);
        CHECK(plain.getVertexCount() == 6 * s0.quads + 12); // two bars of the cross
        REQUIRE(moved.getVertexCount() == plain.getVertexCount());
        CHECK(s1.areaM2 == Approx(s0.areaM2));
        for (std::size_t i = 0; i < plain.getVertexCount(); ++i) {
            CHECK(moved[i].position.x == Approx(plain[i].position.x + 100.0f));
            CHECK(moved[i].position.y == Approx(plain[i].position.y + 50.0f));
        }
    }

    SECTION("a fully covered floor draws nothing") {
        Floor small = corridorFloor();
        small.outline = {{0, 0}, {20, 0}, {20, 2}, {0, 2}};
        small.walls.clear();
        small.rooms.resize(1);
        small.rooms[0].polygon = {{0, 0}, {20, 0}, {20, 2}, {0, 2}};
        const FloorCoverage all = computeFloorCoverage(small, {unitAt({10, 1})}, cn, today, opt);
        sf::VertexArray va(sf::Triangles);
        const auto st = buildCoverage(all, {0, 0}, 1.0, va);
        CHECK(all.find(FireClass::A)->total.uncoveredM2 == 0.0);
        CHECK(st.quads == 0);
        CHECK(va.getVertexCount() == 0);
    }

    SECTION("the viewer's per-floor coverage is the one `muster check` reports") {
        const Project& p = tinyProject();
        Diagnostics d;
        const RulesSet rules = loadRules(p, d);
        const ComplianceData all = computeCompliance(p, today); // runChecks over the project
        for (const auto& b : p.buildings)
            for (const auto& fl : b.floors) {
                std::string why;
                const auto mine = floorCoverage(p, fl, rules, today, 0.2, &why);
                REQUIRE(mine);
                CHECK(why.empty());
                const FloorCoverage* theirs = all.coverageOf(fl.id);
                REQUIRE(theirs);
                CHECK(mine->validUnits == theirs->validUnits);
                CHECK(mine->find(FireClass::A)->total.uncoveredM2 ==
                      Approx(theirs->find(FireClass::A)->total.uncoveredM2));
                CHECK(mine->find(FireClass::A)->regions.size() ==
                      theirs->find(FireClass::A)->regions.size());
            }
        // CL-2F's only unit is away for repair: its class A area is all uncovered.
        const auto cl2 = floorCoverage(p, *p.findFloor("CL-2F"), rules, today, 0.2);
        REQUIRE(cl2);
        CHECK(cl2->validUnits == 0);
        CHECK(cl2->find(FireClass::A)->total.coveredM2 == 0.0);
        // Without the building's profile there is no coverage, and a reason.
        std::string why;
        CHECK_FALSE(floorCoverage(p, *p.findFloor("CL-1F"), RulesSet{}, today, 0.2, &why));
        CHECK(why.find("cn") != std::string::npos);
    }
}

TEST_CASE("smoke compartments and assembly points", "[viewer][overlays]") {
    const Project& p = tinyProject();
    const Floor& f1 = *p.findFloor("CL-1F");

    SECTION("a compartment's outline is its rooms' union boundary, shared walls left out") {
        // CL-1F-A: the whole 20 x 10 m floor except the stair (18..20 x 6..10), an L shape
        // with perimeter 20 + 6 + 2 + 4 + 18 + 10 = 60 m.
        CHECK(smokeCompartments(f1) == std::vector<std::string>{"CL-1F-A"});
        const auto segs = compartmentOutline(f1, "CL-1F-A");
        double len = 0;
        for (const auto& s : segs)
            len += distance(s.a, s.b);
        CHECK(len == Approx(60.0).margin(1e-6));
        const Polygon lShape{{0, 0}, {20, 0}, {20, 6}, {18, 6}, {18, 10}, {0, 10}};
        for (const auto& s : segs) {
            const Vec2 mid = (s.a + s.b) * 0.5;
            INFO("segment (" << s.a.x << "," << s.a.y << ")-(" << s.b.x << "," << s.b.y << ")");
            CHECK(distanceToBoundary(lShape, mid) < 1e-9);
        }
        // The walls between rooms of the compartment (x = 10, y = 4, y = 6 left of the stair)
        // are not part of it.
        for (const auto& s : segs) {
            const Vec2 mid = (s.a + s.b) * 0.5;
            CHECK_FALSE(std::abs(mid.x - 10.0) < 1e-9);
            CHECK_FALSE((std::abs(mid.y - 4.0) < 1e-9 && mid.x < 20));
        }
    }

    SECTION("the map draws the barriers inside the floor, dashed, not the exterior wall") {
        // Of the 60 m, only the sides facing the stair (not in the compartment) are inside
        // the floor: (18, 6)-(20, 6) and (18, 6)-(18, 10), 6 m.
        const auto bars = compartmentBarriers(f1, "CL-1F-A");
        double len = 0;
        for (const auto& s : bars) {
            len += distance(s.a, s.b);
            CHECK(distanceToBoundary(f1.outline, (s.a + s.b) * 0.5) > 0.5);
        }
        CHECK(len == Approx(6.0).margin(1e-6));
        sf::VertexArray va(sf::Triangles);
        buildCompartments(f1, {0, 0}, 0.2, va, 1.0, 1.0);
        // Dashes of 1 m every 2 m, 0.2 m wide: the 2 m side has one dash, the 4 m side two.
        CHECK(va.getVertexCount() == 3 * 6);
        CHECK(triangleArea(va, 0, va.getVertexCount()) == Approx(3.0 * 0.2).epsilon(1e-5));
    }

    SECTION("each exit shows the assembly point it leads to, outside the outline") {
        SceneFloor sf;
        sf.floor = &f1;
        sf.building = p.buildingOfFloor("CL-1F");
        const auto marks = assemblyMarkers(sf, 2.5);
        REQUIRE(marks.size() == 2);
        // CL-E1 at (0, 5) on the west side, CL-E2 at (8, 10) on the north side.
        CHECK(marks[0].exit == "CL-E1");
        CHECK(marks[0].id == "AP-1");
        CHECK(marks[0].name == "Car park");
        CHECK(marks[0].at.x == Approx(-2.5));
        CHECK(marks[0].at.y == Approx(5.0));
        CHECK(marks[1].exit == "CL-E2");
        CHECK(marks[1].at.x == Approx(8.0));
        CHECK(marks[1].at.y == Approx(12.5));
        for (const auto& m : marks)
            CHECK_FALSE(pointInPolygon(f1.outline, m.at));
        sf::VertexArray va(sf::Triangles);
        buildAssemblyMarkers(marks, {0, 0}, 0.6, va);
        CHECK(va.getVertexCount() == 2 * 3 * 20 * 3); // 2 markers, 3 discs of 20 triangles
    }
}
