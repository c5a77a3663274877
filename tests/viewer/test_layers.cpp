#include <catch2/catch.hpp>

#include <cmath>

#include "../checks/checks_fixture.hpp"
#include "viewer/compliance.hpp"
#include "viewer/layers.hpp"
#include "viewer/renderer.hpp"
#include "viewer/session.hpp"
#include "viewer_fixture.hpp"

using namespace muster;
using namespace muster::viewer;

namespace {

double trianglesArea(const sf::VertexArray& va) {
    double a = 0;
    for (std::size_t i = 0; i + 2 < va.getVertexCount(); i += 3) {
        const auto p = va[i].position, q = va[i + 1].position, r = va[i + 2].position;
        a += std::abs((q.x - p.x) * (r.y - p.y) - (r.x - p.x) * (q.y - p.y)) * 0.5;
    }
    return a;
}

} // namespace

TEST_CASE("polygon fill", "[viewer][layers]") {
    SECTION("an L-shaped room is filled exactly once") {
        const Polygon l{{0, 0}, {10, 0}, {10, 4}, {4, 4}, {4, 10}, {0, 10}};
        sf::VertexArray va(sf::Triangles);
        addPolygon(va, l, sf::Color::White);
        CHECK(va.getVertexCount() == 3 * 4);
        CHECK(trianglesArea(va) == Approx(area(l)));
    }
    SECTION("clockwise polygons and collinear points work too") {
        const Polygon cw{{0, 0}, {0, 5}, {5, 5}, {5, 2.5}, {5, 0}};
        sf::VertexArray va(sf::Triangles);
        addPolygon(va, cw, sf::Color::White);
        CHECK(trianglesArea(va) == Approx(25));
    }
}

TEST_CASE("layer building", "[viewer][layers]") {
    Diagnostics d;
    auto p = loadProject(viewer_test::tinyScenario(), d);
    REQUIRE(p);
    SimOptions opt;
    opt.seed = 7;
    Simulation sim(*p, opt);
    auto scene = buildScene(*p, sim.replayHeader(), d);
    REQUIRE(scene->floors.size() == 2);
    for (int i = 0; i < 400; ++i)
        sim.step(); // 20 s: some out, some on stairs
    Frame f = sim.frame();

    SECTION("one person quad per person inside a floor") {
        sf::VertexArray discs(sf::Triangles), devices(sf::Triangles);
        const auto n = buildPeople(*scene, f, nullptr, 0, -1, {}, discs, devices);
        const FrameCounts c = countFrame(*scene, f);
        std::size_t inside = 0;
        for (const auto& s : f.agents)
            inside += isInside(s, 2) ? 1 : 0;
        CHECK(n == inside);
        CHECK(int(n) == c.inside);
        CHECK(discs.getVertexCount() == 6 * n);
        CHECK(c.inside + c.onStairs + c.out == int(f.agents.size()));
    }
    SECTION("a floor draws only its own people") {
        sf::VertexArray discs(sf::Triangles), devices(sf::Triangles);
        const FrameCounts c = countFrame(*scene, f);
        for (int fl = 0; fl < 2; ++fl) {
            discs.clear();
            CHECK(int(buildPeople(*scene, f, nullptr, 0, fl, {}, discs, devices)) ==
                  c.insidePerFloor[std::size_t(fl)]);
        }
    }
    SECTION("interpolation moves people part way to the next frame") {
        for (int i = 0; i < 4; ++i)
            sim.step();
        const Frame g = sim.frame();
        for (std::size_t i = 0; i < f.agents.size(); ++i) {
            int fa = -1;
            auto pa = agentPosition(f, &g, 0.5f, i, &fa);
            if (!pa || g.agents[i].floor != fa)
                continue;
            CHECK(pa->x == Approx((f.agents[i].x + g.agents[i].x) * 0.5).margin(1e-4));
        }
    }
    SECTION("doors and exits are found on their walls") {
        const auto doors = doorGeometry(scene->floors[0]);
        REQUIRE(doors.size() == 4 + 2);
        const auto& e1 = doors[4]; // CL-E1 at (0, 5) on the west outline: opens west
        CHECK(e1.isExit);
        CHECK(e1.outward.x == Approx(-1));
        CHECK(std::abs(doors[0].along.x) == Approx(1)); // CL-D101 in the y = 4 wall
        CHECK(doors[3].fireDoor);
    }
    SECTION("density uses 1 m cells and Fruin levels") {
        const DensityGrid g = computeDensity(scene->floors[0], 0, f);
        CHECK(g.cols == 20);
        CHECK(g.rows == 10);
        CHECK(fruinLevel(0.2) == 'A');
        CHECK(fruinLevel(0.5) == 'C');
        CHECK(fruinLevel(2.5) == 'F');
        Frame crowd = f;
        for (auto& s : crowd.agents) {
            s = AgentSample{};
            s.x = 10.5f;
            s.y = 5.0f;
            s.floor = 0;
            s.state = AgentState::Queuing;
        }
        const DensityGrid h = computeDensity(scene->floors[0], 0, crowd);
        CHECK(h.at(10, 5) == Approx(float(crowd.agents.size()) / 9.0f));
        DensityGrid peak;
        accumulatePeak(peak, g);
        accumulatePeak(peak, h);
        accumulatePeak(peak, g);
        CHECK(peak.at(10, 5) == Approx(h.at(10, 5)));
    }
    SECTION("equipment is coloured by the compliance module's status as of a date") {
        const RulesSet rules = loadRules(*p, d);
        const auto states = checkItems(*p, rules, Date{2026, 11, 23}, d);
        const auto icons = equipmentOnFloor(*p, "CL-1F", states);
        REQUIRE(icons.size() == 7);
        auto find = [&](const std::string& id) {
            for (const auto& i : icons)
                if (i.id == id)
                    return i;
            FAIL("no icon " << id);
            return EquipmentIcon{};
        };
        // ABC powder made 2019-05, serviced 2024-05-10: the CN profile's 24-month maintenance
        // was due on 2026-05-10.
        CHECK(find("EXT-CL1-001").status == ItemStatus::Overdue);
        CHECK(find("EXT-CL1-001").why.find("maintenance") != std::string::npos);
        CHECK(find("EXT-CL1-002").status ==
              ItemStatus::Expired); // CO2 made 2013-02: 12-year life over
        CHECK(find("HYD-CL1-01").status == ItemStatus::Ok);
        CHECK(find("SD-CL1-01").status == ItemStatus::Ok);
        for (const auto& i : icons) {
            bool listed = false;
            for (const auto& st : states)
                listed = listed || (st.id == i.id && i.status && st.status == *i.status);
            CHECK(listed); // every icon shows the core's verdict
        }
        const auto upstairs = equipmentOnFloor(*p, "CL-2F", states);
        REQUIRE(upstairs.size() == 1);
        CHECK(upstairs[0].status == ItemStatus::SentForRepair);
        const auto unassessed = equipmentOnFloor(*p, "CL-1F", {});
        REQUIRE(unassessed.size() == 7);
        CHECK_FALSE(unassessed[0].status);
        CHECK(itemColour(unassessed[0].status) != itemColour(ItemStatus::Ok));
    }
    SECTION("the static plan is built once per floor and covers the outline") {
        sf::VertexArray va(sf::Triangles);
        buildFloorStatic(scene->floors[0], {0, 0}, va);
        CHECK(va.getVertexCount() > 100);
        CHECK(va.getVertexCount() % 3 == 0);
    }
    SECTION("the overview puts floors side by side without overlap") {
        const auto& a = scene->floors[0];
        const auto& b = scene->floors[1];
        const Vec2 amin = a.bounds.min + a.overviewOffset, amax = a.bounds.max + a.overviewOffset;
        const Vec2 bmin = b.bounds.min + b.overviewOffset, bmax = b.bounds.max + b.overviewOffset;
        const bool apart = amax.x < bmin.x || bmax.x < amin.x || amax.y < bmin.y || bmax.y < amin.y;
        CHECK(apart);
    }
}

TEST_CASE("equipment status follows the rules profile", "[viewer][layers]") {
    Diagnostics d;
    auto p = loadProject(viewer_test::tinyScenario(), d);
    REQUIRE(p);
    const Date today{2026, 11, 23};
    const RulesProfile cn = muster::test::cnProfile();
    auto icon = [&](const RulesProfile& prof, const std::string& id) {
        Diagnostics dd;
        const RulesSet rules{{"cn", prof}};
        for (const auto& ic : equipmentOnFloor(*p, "CL-1F", checkItems(*p, rules, today, dd)))
            if (ic.id == id)
                return ic;
        FAIL("no icon " << id);
        return EquipmentIcon{};
    };

    SECTION("a shorter service life turns a unit expired, in its colour") {
        const EquipmentIcon before = icon(cn, "EXT-CL1-001"); // ABC made 2019-05, 10-year life
        REQUIRE(before.status == ItemStatus::Overdue);
        RulesProfile shorter = cn;
        shorter.serviceLifeYears[ExtinguisherAgent::DryPowderAbc] = 7; // ended 2026-05-01
        const EquipmentIcon after = icon(shorter, "EXT-CL1-001");
        CHECK(after.status == ItemStatus::Expired);
        CHECK(itemColour(after.status) == itemColour(ItemStatus::Expired));
        CHECK(itemColour(after.status) != itemColour(before.status));
        CHECK(after.why.find("2026-05-01") != std::string::npos);
    }
    SECTION("a shorter inspection interval makes a hydrant overdue") {
        REQUIRE(icon(cn, "HYD-CL1-01").status == ItemStatus::Ok); // inspected 2026-11-01, 31 days
        RulesProfile stricter = cn;
        stricter.hydrantInspectionDays = 14; // next was due by 2026-11-15
        const EquipmentIcon after = icon(stricter, "HYD-CL1-01");
        CHECK(after.status == ItemStatus::Overdue);
        CHECK(itemColour(after.status) == itemColour(ItemStatus::Overdue));
        REQUIRE(after.why.find("2026-11-15") != std::string::npos);
    }
    SECTION("a shorter detector test interval brings the test due soon") {
        REQUIRE(icon(cn, "SD-CL1-01").status == ItemStatus::Ok); // tested 2026-06-01, 366 days
        RulesProfile stricter = cn;
        stricter.detectorTestDays = 180; // due by 2026-11-28, within the 30-day horizon
        CHECK(icon(stricter, "SD-CL1-01").status == ItemStatus::DueSoon);
        stricter.detectorTestDays = 90;
        CHECK(icon(stricter, "SD-CL1-01").status == ItemStatus::Overdue);
    }
}
