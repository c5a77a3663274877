// Equipment checks on hand-made floors with hand-computed answers (issue 5, "Tests").
#include <catch2/catch.hpp>

#include <cmath>

#include "muster/checks.hpp"
#include "muster/loader.hpp"
#include "nav/navigation.hpp"
#include "checks_fixture.hpp"

using namespace muster;
using namespace muster::test;

namespace {

Extinguisher unit(const std::string& id, Vec2 at, YearMonth made = {2024, 1}) {
    Extinguisher e;
    e.id = id;
    e.floor = "F";
    e.at = at;
    e.model = "MF/ABC5";
    e.ratingA = 3;
    e.ratingB = 89;
    e.manufactured = made;
    return e;
}

const CoverageStats& roomStats(const FloorCoverage& fc, const std::string& room) {
    for (const RoomCoverage& r : fc.rooms)
        if (r.room == room)
            return r.byClass.at(FireClass::A);
    FAIL("no room " << room);
    static CoverageStats none;
    return none;
}

} // namespace

TEST_CASE("coverage by walking distance on a 40 m corridor", "[checks][coverage]") {
    const RulesProfile cn = cnProfile();
    const Date today{2026, 11, 23};
    CoverageOptions opt;
    opt.cellM = 0.1;

    SECTION(
        "one unit in the middle covers exactly the corridor within 15 m and not the room behind the wall") {
        const Floor f = corridorFloor(std::nullopt);
        const FloorCoverage fc = computeFloorCoverage(f, {unit("E1", {20, 1})}, cn, today, opt);
        REQUIRE(fc.validUnits == 1);
        const CoverageStats& c = roomStats(fc, "C");
        // Covered: the 30 m of corridor within 15 m of x = 20 (|dy| <= 1 m changes the ends by
        // < 0.04 m), uncovered: 5 m at each end.
        CHECK(c.coveredM2 / c.areaM2() == Approx(30.0 / 40.0).margin(0.01));
        const ClassCoverage& a = *fc.find(FireClass::A);
        // The corridor's uncovered parts are two regions ending at x = 5 and x = 35.
        int corridorRegions = 0;
        for (const UncoveredRegion& g : a.regions) {
            if (g.rooms != std::vector<std::string>{"C"})
                continue;
            ++corridorRegions;
            double minX = 1e9, maxX = -1e9;
            for (const Polygon& p : g.rects)
                for (Vec2 v : p)
                    minX = std::min(minX, v.x), maxX = std::max(maxX, v.x);
            if (minX < 20)
                CHECK(maxX == Approx(5.0).margin(0.15));
            else
                CHECK(minX == Approx(35.0).margin(0.15));
        }
        CHECK(corridorRegions == 2);
        // The ward is 1-6 m from the unit in a straight line but has no way in: not covered.
        const CoverageStats& w = roomStats(fc, "W");
        CHECK(w.coveredM2 == 0.0);
        CHECK(w.uncoveredM2 > 200.0);
        CHECK(w.worstDistanceM == kUnreachable);
    }

    SECTION("a door adds the detour") {
        // Door at x = 10, 1 m wide: the shortest way in turns round the near jamb (10.5, 2),
        // 9.55 m from the unit, so the ward is covered within 15 - 9.55 = 5.45 m of the jamb:
        // about half a disc, pi * 5.45^2 / 2 = 46.7 m² for a thin wall. Integrating the same
        // geometry with the grid's wall band (cells within 0.15 m of the wall line blocked,
        // opening |x - 10| < 0.45) gives 44.2 m² (scripted by hand, 5 cm cells).
        const Floor f = corridorFloor(10.0);
        const FloorCoverage fc = computeFloorCoverage(f, {unit("E1", {20, 1})}, cn, today, opt);
        const CoverageStats& w = roomStats(fc, "W");
        CHECK(w.coveredM2 == Approx(44.2).margin(2.5));
        // Worst point: the far corner (40, 8): 9.55 + |(40, 8) - (10.5, 2)| = 9.55 + 30.10 = 39.65
        // m.
        CHECK(w.worstDistanceM == Approx(39.65).margin(0.3));
        // Without the door the same room is unreachable (previous section); with it, far more.
        CHECK(w.worstPoint.x > 39.0);
        CHECK(w.worstPoint.y > 7.0);
    }

    SECTION("an expired unit covers nothing") {
        const Floor f = corridorFloor(10.0);
        // Dry powder, 10 y from 2016-11: expired from 2026-11-01.
        const FloorCoverage fc =
            computeFloorCoverage(f, {unit("OLD", {20, 1}, {2016, 11})}, cn, today, opt);
        CHECK(fc.validUnits == 0);
        const ClassCoverage& a = *fc.find(FireClass::A);
        CHECK(a.total.coveredM2 == 0.0);
        CHECK(a.total.worstDistanceM == kUnreachable);
        // The same unit a day before its end of life still covers.
        const FloorCoverage before = computeFloorCoverage(f, {unit("OLD", {20, 1}, {2016, 11})}, cn,
                                                          Date{2026, 10, 31}, opt);
        CHECK(before.validUnits == 1);
    }

    SECTION("units sent for repair, missing or CO2 do not cover class A") {
        const Floor f = corridorFloor(std::nullopt);
        Extinguisher away = unit("R", {20, 1});
        away.status = EquipmentStatus::SentForRepair;
        Extinguisher co2 = unit("CO2", {20, 1});
        co2.agent = ExtinguisherAgent::Co2;
        co2.ratingA.reset();
        co2.ratingB = 34;
        const FloorCoverage fc = computeFloorCoverage(f, {away, co2}, cn, today, opt);
        CHECK(fc.validUnits == 1); // the CO2 unit is valid, but not for class A
        CHECK(fc.find(FireClass::A)->total.coveredM2 == 0.0);
    }
}

TEST_CASE("advisory: fewest extra setting points by greedy set cover", "[checks][advisory]") {
    const RulesProfile cn = cnProfile();
    const Date today{2026, 11, 23};
    REQUIRE(cn.reachA[hazardIndex(HazardLevel::Severe)].handheld == 15.0);
    // A 60 m x 2 m corridor, severe hazard (15 m handheld reach), nothing else.
    Floor f;
    f.id = "F";
    f.outline = {{0, 0}, {60, 0}, {60, 2}, {0, 2}};
    Room c;
    c.id = "C";
    c.kind = RoomKind::Corridor;
    c.hazard = HazardLevel::Severe;
    c.polygon = f.outline;
    f.rooms = {c};

    SECTION(
        "no units: two wall-mounted points, each recovering about half (30 m) of the corridor") {
        const SettingPointAdvice a = adviseSettingPoints(f, {}, cn, today);
        CHECK(a.uncoveredM2 > 90.0); // the walkable part of 120 m² (cells clear of the walls)
        REQUIRE(a.points.size() == 2);
        CHECK(a.remainingM2 == 0.0);
        double sum = 0.0;
        for (const SuggestedPoint& p : a.points) {
            CHECK(p.room == "C");
            CHECK((p.at.y < 0.6 || p.at.y > 1.4)); // wall-mounted
            CHECK(p.recoversM2 == Approx(a.uncoveredM2 / 2).epsilon(0.05));
            sum += p.recoversM2;
        }
        CHECK(sum == Approx(a.uncoveredM2));
        // One near each end: about 15 m in from each.
        const double x0 = std::min(a.points[0].at.x, a.points[1].at.x);
        const double x1 = std::max(a.points[0].at.x, a.points[1].at.x);
        CHECK(x0 == Approx(15.0).margin(0.5));
        CHECK(x1 == Approx(45.0).margin(0.5));
        // The points do restore coverage.
        std::vector<Extinguisher> units;
        for (const SuggestedPoint& p : a.points)
            units.push_back(unit("N" + p.room + std::to_string(units.size()), p.at));
        CoverageOptions co;
        CHECK(computeFloorCoverage(f, units, cn, today, co).find(FireClass::A)->total.uncoveredM2 ==
              0.0);
    }

    SECTION("a corridor already fully covered needs none") {
        const SettingPointAdvice a = adviseSettingPoints(
            f, {unit("E1", {10, 1}), unit("E2", {30, 1}), unit("E3", {50, 1})}, cn, today);
        CHECK(a.uncoveredM2 == 0.0);
        CHECK(a.points.empty());
        CHECK(a.remainingM2 == 0.0);
    }

    SECTION("one unit at one end: one more point covers the rest; expired units do not count") {
        const SettingPointAdvice a = adviseSettingPoints(f, {unit("E1", {15, 1})}, cn, today);
        REQUIRE(a.points.size() == 1);
        CHECK(a.points[0].at.x > 30.0);
        CHECK(a.remainingM2 == 0.0);
        const SettingPointAdvice b =
            adviseSettingPoints(f, {unit("OLD", {15, 1}, {2016, 11})}, cn, today);
        CHECK(b.points.size() == 2);
    }

    SECTION("a room no corridor position can reach stays uncovered and is reported") {
        Floor g = f;
        g.outline = {{0, 0}, {60, 0}, {60, 8}, {0, 8}};
        g.walls.push_back({"w", {{0, 2}, {60, 2}}, 0.2, {}}); // no door
        Room w;
        w.id = "W";
        w.kind = RoomKind::Ward;
        w.polygon = {{0, 2}, {60, 2}, {60, 8}, {0, 8}};
        g.rooms.push_back(w);
        const SettingPointAdvice a = adviseSettingPoints(
            g, {unit("E1", {10, 1}), unit("E2", {30, 1}), unit("E3", {50, 1})}, cn, today);
        CHECK(a.points.empty());
        CHECK(a.remainingM2 == Approx(a.uncoveredM2));
        CHECK(a.remainingM2 > 250.0);
    }
}

TEST_CASE("year-month expiry arithmetic", "[checks][dates]") {
    const RulesProfile cn = cnProfile();
    Extinguisher e = unit("E", {0, 0});
    SECTION("expired from the first day of the month, service life later") {
        e.manufactured = {2016, 11}; // dry powder: 10 y
        REQUIRE(serviceLifeEnd(e, cn) == Date{2026, 11, 1});
        CHECK_FALSE(isExpired(e, cn, Date{2026, 10, 31})); // month end
        CHECK(isExpired(e, cn, Date{2026, 11, 1}));
    }
    SECTION("year end") {
        e.manufactured = {2016, 1};
        CHECK_FALSE(isExpired(e, cn, Date{2025, 12, 31}));
        CHECK(isExpired(e, cn, Date{2026, 1, 1}));
        e.manufactured = {2016, 12};
        CHECK(serviceLifeEnd(e, cn) == Date{2026, 12, 1});
        CHECK_FALSE(isExpired(e, cn, Date{2026, 11, 30}));
    }
    SECTION("leap days") {
        e.agent = ExtinguisherAgent::Water; // 6 y
        e.manufactured = {2018, 3};
        CHECK(serviceLifeEnd(e, cn) == Date{2024, 3, 1});
        CHECK_FALSE(isExpired(e, cn, Date{2024, 2, 29}));
        CHECK(isExpired(e, cn, Date{2024, 3, 1}));
        e.manufactured = {2018, 2};
        CHECK(isExpired(e, cn, Date{2024, 2, 29}));
        CHECK_FALSE(isExpired(e, cn, Date{2024, 1, 31}));
    }
    SECTION("CO2 12 y; NFPA sets no life for rechargeable units") {
        e.agent = ExtinguisherAgent::Co2;
        e.manufactured = {2014, 11};
        CHECK(serviceLifeEnd(e, cn) == Date{2026, 11, 1});
        Diagnostics d;
        auto nfpa = loadRulesProfile(MUSTER_SOURCE_DIR "/assets/rules/nfpa.yaml", d);
        REQUIRE(nfpa);
        CHECK_FALSE(serviceLifeEnd(e, *nfpa).has_value());
        // NFPA: CO2 hydrostatic test every 5 y from manufacture.
        CHECK(hydrostaticDue(e, *nfpa) == Date{2019, 11, 1});
    }
    SECTION("maintenance: first from the manufacture month, then from the last record") {
        e.manufactured = {2020, 2}; // dry powder: first after 5 y, then every 2 y
        CHECK(maintenanceDue(e, cn) == Date{2025, 2, 1});
        e.maintenance.push_back({Date{2024, 2, 29}, "service", "x", {}});
        // After a record the next is 24 months on (2024-02-29 + 24 months, clamped).
        CHECK(maintenanceDue(e, cn) == Date{2026, 2, 28});
        e.maintenance.push_back({Date{2021, 1, 5}, "recharge", "x", {}});
        CHECK(maintenanceDue(e, cn) == Date{2026, 2, 28}); // the latest record counts
        Extinguisher w = unit("W", {0, 0}, {2023, 12});
        w.agent = ExtinguisherAgent::Water; // first after 3 y
        CHECK(maintenanceDue(w, cn) == Date{2026, 12, 1});
    }
    SECTION("inspection: 31 days and every calendar month") {
        CHECK(inspectionDue(Date{2026, 10, 9}, 31, true) == Date{2026, 11, 9});
        CHECK(inspectionDue(Date{2026, 10, 31}, 31, true) == Date{2026, 11, 30});
        CHECK(inspectionDue(Date{2024, 1, 31}, 31, true) == Date{2024, 2, 29});
        CHECK(inspectionDue(Date{2026, 12, 20}, 16, true) == Date{2027, 1, 5});
        CHECK_FALSE(inspectionDue(std::nullopt, 31, true));
    }
}

TEST_CASE("Q = K·S/U and count rules on the GB 50140 worked example", "[checks][rating]") {
    const RulesProfile cn = cnProfile();
    SECTION("1,500 m², severe, hydrants and sprinklers -> K 0.5, U 50, Q 15A") {
        const RatingRequirement q =
            requiredRating(cn, HazardLevel::Severe, 1500.0, true, true, false);
        CHECK(q.k == 0.5);
        CHECK(q.areaPerA == 50.0);
        CHECK(q.required == Approx(15.0));
        CHECK(requiredRating(cn, HazardLevel::Severe, 1500.0, false, false, false).required ==
              Approx(30.0));
        CHECK(requiredRating(cn, HazardLevel::Severe, 1500.0, true, true, true).required ==
              Approx(19.5));
    }

    // The same unit as a project: one 50 x 30 m ward floor, building with hydrants + sprinklers.
    auto project = [](int units, int away) {
        Project p;
        Building b;
        b.id = "B";
        b.rulesProfile = "cn";
        b.hydrants = b.sprinklered = true;
        Floor f;
        f.id = "F";
        f.level = 1;
        f.outline = {{0, 0}, {50, 0}, {50, 30}, {0, 30}};
        Room r;
        r.id = "R";
        r.kind = RoomKind::Ward;
        r.polygon = f.outline;
        f.rooms.push_back(r);
        b.floors.push_back(f);
        p.buildings.push_back(b);
        for (int i = 0; i < units; ++i) {
            Extinguisher e = unit("E" + std::to_string(i), {5.0 + 5.0 * i, 15.0});
            e.settingPoint = "SP" + std::to_string(i);
            e.lastInspection = Date{2026, 11, 20};
            if (i < away)
                e.status = EquipmentStatus::SentForRepair;
            p.inventory.extinguishers.push_back(e);
        }
        return p;
    };
    auto codes = [&](const Project& p) {
        RulesSet rules{{"cn", cn}};
        CheckOptions opt;
        opt.coverage = false;
        Diagnostics d;
        const ComplianceReport r = runChecks(p, rules, Date{2026, 11, 23}, opt, d);
        REQUIRE(d.errorCount() == 0);
        std::vector<std::string> out;
        for (const Finding& f : r.findings)
            out.push_back(f.code);
        return out;
    };
    auto has = [](const std::vector<std::string>& v, const char* c) {
        return std::find(v.begin(), v.end(), c) != v.end();
    };
    SECTION("five 3A units give 15A: enough") {
        const auto c = codes(project(5, 0));
        CHECK_FALSE(has(c, "rating_below_q"));
        CHECK_FALSE(has(c, "too_few_units"));
    }
    SECTION("four 3A units give 12A < 15A") {
        CHECK(has(codes(project(4, 0)), "rating_below_q"));
    }
    SECTION("one unit is fewer than two per computation unit") {
        CHECK(has(codes(project(1, 0)), "too_few_units"));
    }
    SECTION("more than a quarter away for repair") {
        CHECK_FALSE(has(codes(project(8, 2)), "too_many_away")); // 2 of 8 = 1/4
        CHECK(has(codes(project(8, 3)), "too_many_away"));
    }
}

TEST_CASE("the bundled campus as of 2026-11-23 matches a hand count", "[checks][campus]") {
    Diagnostics d;
    auto p = loadProject(MUSTER_SOURCE_DIR "/scenarios/hospital/day.yaml", d);
    REQUIRE(p);
    const RulesProfile cn = cnProfile();
    // Counted independently over scenarios/hospital/inventory.yaml with a Python script
    // (service life from the manufacture month; docs/compliance.md): 325 units, 16 expired
    // (13 dry powder, 2 water, 1 CO2), none ending within 30 days, 8 in-service units whose
    // maintenance falls due within 30 days, none overdue, 32 last inspected > 31 days ago.
    int expired = 0, lastInspOld = 0;
    for (const Extinguisher& e : p->inventory.extinguishers) {
        if (isExpired(e, cn, Date{2026, 11, 23}))
            ++expired;
        if (e.lastInspection && daysBetween(*e.lastInspection, Date{2026, 11, 23}) > 31)
            ++lastInspOld;
    }
    CHECK(p->inventory.extinguishers.size() == 325);
    CHECK(expired == 16);
    CHECK(lastInspOld == 32);

    RulesSet rules{{"cn", cn}};
    CheckOptions opt;
    opt.coverage = false;
    const ComplianceReport r = runChecks(*p, rules, Date{2026, 11, 23}, opt, d);
    CHECK(r.extinguishers == 325);
    CHECK(r.expired == 16);
    int maintDue = 0, maintOver = 0, soon = 0;
    for (const Finding& f : r.findings) {
        maintDue += f.code == "maintenance_due";
        maintOver += f.code == "maintenance_overdue";
        soon += f.code == "expires_soon";
    }
    CHECK(maintDue == 8);
    CHECK(maintOver == 0);
    CHECK(soon == 0);
}

TEST_CASE("rules profiles load with located errors", "[checks][rules]") {
    SECTION("both bundled profiles load") {
        Diagnostics d;
        CHECK(loadRulesProfile(MUSTER_SOURCE_DIR "/assets/rules/cn.yaml", d));
        CHECK(loadRulesProfile(MUSTER_SOURCE_DIR "/assets/rules/nfpa.yaml", d));
        CHECK(d.empty());
    }
    SECTION("rooms of unclassified kinds have no level; area rooms take their compartment's") {
        const RulesProfile cn = cnProfile();
        Floor f;
        Room plant;
        plant.kind = RoomKind::PlantRoom;
        plant.fireCompartment = "FC";
        Room corridor;
        corridor.kind = RoomKind::Corridor;
        corridor.fireCompartment = "FC";
        f.rooms = {plant, corridor};
        auto h = cn.roomHazards(f);
        CHECK_FALSE(h[0]);
        CHECK(h[1] == HazardLevel::Severe); // no classified room in FC: the kind's default
        f.rooms[0].hazard = HazardLevel::Light;
        h = cn.roomHazards(f);
        CHECK(h[1] == HazardLevel::Light);
    }
}

TEST_CASE("every inventory item gets one status from the checks", "[checks][items]") {
    const RulesProfile cn = cnProfile();
    const Date today{2026, 11, 23};
    Project p;
    Building b;
    b.id = "B";
    b.rulesProfile = "cn";
    b.department = "设备科 Facilities"; // an owner for every item (no `no_owner` findings)
    Floor f = corridorFloor();
    f.level = 1;
    b.floors.push_back(f);
    p.buildings.push_back(b);
    auto ext = [&](const std::string& id, YearMonth made, std::optional<Date> inspected,
                   EquipmentStatus st = EquipmentStatus::InService) {
        Extinguisher e = unit(id, {10, 1}, made);
        e.lastInspection = inspected;
        e.status = st;
        p.inventory.extinguishers.push_back(e);
    };
    ext("E-OK", {2024, 1}, Date{2026, 11, 20});
    ext("E-OLD", {2016, 5}, Date{2026, 11, 20}); // ABC, 10 years: ended 2026-05-01
    ext("E-NEVER", {2024, 1}, std::nullopt);
    ext("E-SPARE", {2024, 1}, std::nullopt, EquipmentStatus::Spare);
    ext("E-SPARE-OLD", {2015, 1}, std::nullopt, EquipmentStatus::Spare);
    auto hydrant = [&](const std::string& id, std::optional<Date> inspected, EquipmentStatus st) {
        Hydrant h;
        h.id = id;
        h.floor = "F";
        h.at = {20, 1};
        h.lastInspection = inspected;
        h.status = st;
        p.inventory.hydrants.push_back(h);
    };
    hydrant("H-OK", Date{2026, 11, 1}, EquipmentStatus::InService);
    hydrant("H-LATE", Date{2026, 10, 1}, EquipmentStatus::InService);
    hydrant("H-GONE", std::nullopt, EquipmentStatus::Missing);
    EmergencyLight l;
    l.id = "L-NOTEST";
    l.floor = "F";
    l.lastAnnualTest = Date{2026, 3, 1};
    p.inventory.lights.push_back(l);
    Sign s;
    s.id = "S-AWAY";
    s.floor = "F";
    s.status = EquipmentStatus::SentForRepair;
    p.inventory.signs.push_back(s);
    Detector det;
    det.id = "D-SOON";
    det.floor = "F";
    det.at = {30, 5};
    det.lastTest = Date{2025, 12, 10}; // + 366 days = 2026-12-11, within 30 days
    p.inventory.detectors.push_back(det);

    Diagnostics d;
    const RulesSet rules{{"cn", cn}};
    const std::vector<ItemCheck> items = checkItems(p, rules, today, d);
    REQUIRE(d.errorCount() == 0);
    REQUIRE(items.size() == 5 + 3 + 1 + 1 + 1);
    auto find = [&](const std::string& id) {
        for (const ItemCheck& i : items)
            if (i.id == id)
                return i;
        FAIL("no item " << id);
        return ItemCheck{};
    };

    SECTION("extinguishers: the report's own words, with the date behind them") {
        const ItemCheck ok = find("E-OK");
        CHECK(ok.status == ItemStatus::Ok);
        CHECK(ok.kind == "extinguisher");
        CHECK(ok.room == "C");
        CHECK(ok.why.empty());
        REQUIRE(ok.due);
        CHECK(*ok.due == Date{2026, 12, 21}); // next inspection: 31 days after the last
        const ItemCheck old = find("E-OLD");
        CHECK(old.status == ItemStatus::Expired);
        CHECK(old.due == std::optional<Date>(Date{2026, 5, 1}));
        CHECK(old.why.find("expired on 2026-05-01") != std::string::npos);
        CHECK(find("E-NEVER").status == ItemStatus::Overdue);
        CHECK(find("E-NEVER").why == "no inspection on record");
        CHECK(find("E-SPARE").status == ItemStatus::Spare);
        CHECK(find("E-SPARE-OLD").status == ItemStatus::Expired);
        // The per-floor unit list says the same.
        CheckOptions opt;
        opt.coverage = false;
        const ComplianceReport r = runChecks(p, rules, today, opt, d);
        for (const UnitState& u : r.floors.at(0).unitStates)
            CHECK(u.status == toString(find(u.id).status));
    }
    SECTION("hydrants, lights, signs and detectors") {
        CHECK(find("H-OK").status == ItemStatus::Ok);
        CHECK(find("H-OK").due == std::optional<Date>(Date{2026, 12, 2}));
        CHECK(find("H-LATE").status == ItemStatus::Overdue);
        CHECK(find("H-GONE").status == ItemStatus::Missing);
        CHECK(find("H-GONE").why == "recorded as missing");
        CHECK(find("L-NOTEST").status == ItemStatus::Overdue); // no monthly test on record
        CHECK(find("L-NOTEST").kind == "light");
        CHECK(find("S-AWAY").status == ItemStatus::SentForRepair);
        CHECK(find("D-SOON").status == ItemStatus::DueSoon);
        CHECK(find("D-SOON").due == std::optional<Date>(Date{2026, 12, 11}));
    }
    SECTION("the profile's numbers decide: a longer life and a longer test interval") {
        RulesProfile lenient = cn;
        lenient.serviceLifeYears[ExtinguisherAgent::DryPowderAbc] = 12;
        lenient.detectorTestDays = 400;
        const std::vector<ItemCheck> again = checkItems(p, {{"cn", lenient}}, today, d);
        for (const ItemCheck& i : again) {
            // No longer expired; its first maintenance (due 2021-05-01) is on no record.
            if (i.id == "E-OLD")
                CHECK(i.status == ItemStatus::Overdue);
            if (i.id == "D-SOON")
                CHECK(i.status == ItemStatus::Ok);
        }
    }
    SECTION("items of a building without a loaded profile are not listed") {
        Diagnostics none;
        CHECK(checkItems(p, RulesSet{}, today, none).empty());
        CHECK(none.errorCount() == 1);
    }
}

TEST_CASE("coverage never rounds up to full: a 0.6 m² gap is shown as what is missing",
          "[checks]") {
    ComplianceReport r;
    r.today = Date{2026, 11, 23};
    FloorReport f;
    f.floor = "WT-1F";
    f.building = "WT";
    ClassCoverage a;
    a.cls = FireClass::A;
    a.total.coveredM2 = 1499.4;
    a.total.uncoveredM2 = 0.6; // 99.96 %: "100.0 %" if it were rounded
    f.coverage.classes.push_back(a);
    r.floors.push_back(f);
    const std::string text = checkSummaryText(r, false);
    CHECK_THAT(text, Catch::Contains("99.9%"));
    CHECK_THAT(text, Catch::Contains("0.6"));
    CHECK_THAT(text, !Catch::Contains("100.0%"));
    const std::string html = checkHtml(r, Project{});
    CHECK_THAT(html, Catch::Contains("class=bad>99.9 % (0.6 m² uncovered)"));
    r.floors[0].coverage.classes[0].total.uncoveredM2 = 0;
    CHECK_THAT(checkHtml(r, Project{}), Catch::Contains(">100 %<"));
}
