#include <catch2/catch.hpp>
#include <cmath>

#include "drill_fixture.hpp"
#include "muster/smoke.hpp"

using namespace muster;
using namespace muster::test;

TEST_CASE("smoke spreads along a 3-room chain with hand-computed times", "[drill][smoke]") {
    Project p = chainProject();
    Drill d = chainDrill();

    SECTION("open door then closed ordinary door") {
        door(p, "BC").state = DoorState::Closed;
        const SmokeResult s = computeSmoke(p, d);
        // A: 0 + 120. B: 120 + 30 (open) + 0.5 * 10 m² = 155. C: 155 + 300 (closed) + 5 = 460.
        CHECK(s.untenableS("A") == Approx(120));
        CHECK(s.untenableS("B") == Approx(155));
        CHECK(s.untenableS("C") == Approx(460));
        CHECK(s.find("C")->from == "B");
        CHECK(s.find("C")->via == "BC");
    }
    SECTION("a closed fire door holds for its rating") {
        Door& bc = door(p, "BC");
        bc.state = DoorState::Closed;
        bc.fireDoor = true;
        bc.fireRatingMin = 30;
        const SmokeResult s = computeSmoke(p, d);
        // 155 + 30 min * 60 + 5 = 1960.
        CHECK(s.untenableS("C") == Approx(1960));
    }
    SECTION("a held-open fire door released at the alarm holds; not released it does not") {
        Door& bc = door(p, "BC");
        bc.fireDoor = true;
        bc.fireRatingMin = 60;
        bc.closesOnAlarm = true;
        CHECK(computeSmoke(p, d).untenableS("C") == Approx(155 + 3600 + 5)); // alarm 90 < 155
        d.releaseFireDoorsOnAlarm = false;
        CHECK(computeSmoke(p, d).untenableS("C") == Approx(190)); // 155 + 30 + 5
    }
    SECTION("a door opened by an event lets smoke through from then on") {
        door(p, "BC").state = DoorState::Closed;
        d.events.push_back({200, DrillEventKind::DoorOpened, "BC", {}});
        // min(300, 200 - 155 + 30) = 75 -> 155 + 75 + 5 = 235.
        CHECK(computeSmoke(p, d).untenableS("C") == Approx(235));
    }
    SECTION("an unrated closed door in a compartment boundary holds compartment_boundary_s") {
        door(p, "BC").state = DoorState::Closed;
        p.buildings[0].floors[0].rooms[2].compartment = "Y";
        CHECK(computeSmoke(p, d).untenableS("C") == Approx(155 + 900 + 5));
    }
    SECTION("level and extinction ramp up to untenability") {
        const SmokeResult s = computeSmoke(p, d);
        CHECK(s.level("B", 95) == Approx(0)); // arrival = 155 - 60
        CHECK(s.level("B", 125) == Approx(0.5));
        CHECK(s.level("B", 155) == Approx(1));
        CHECK(s.level("B", 1000) == Approx(1));
        CHECK(s.extinctionPerM("B", 155) == Approx(0.3));
        CHECK(s.extinctionPerM("B", 185) == Approx(0.45));
        CHECK(SmokeResult::speedFactor(0) == Approx(1));
        CHECK(SmokeResult::speedFactor(3) == Approx(1 - 3 * 0.057 / 0.706));
        CHECK(SmokeResult::speedFactor(100) == Approx(0.1));
    }
    SECTION("given untenable times replace the spread") {
        d.smoke.model = SmokeModelKind::Given;
        d.smoke.untenable.push_back({"C", 400, {}});
        const SmokeResult s = computeSmoke(p, d);
        CHECK(std::isinf(s.untenableS("A")));
        CHECK(s.untenableS("C") == Approx(400));
    }
}
