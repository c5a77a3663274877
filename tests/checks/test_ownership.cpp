// Responsibility as data (muster/ownership.hpp): who owns each unit, and that every finding,
// checklist row and hazard carries the owner (issue 16).
#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>

#include "checks_fixture.hpp"
#include "muster/checklist.hpp"
#include "muster/checks.hpp"
#include "muster/department_summary.hpp"
#include "muster/hazard_register.hpp"
#include "muster/loader.hpp"
#include "muster/ownership.hpp"

using namespace muster;

namespace {

Project owned() {
    Project p;
    p.departments = {{"ICU", "重症医学科 ICU", "赵芳", "胡军", "", {}},
                     {"FAC", "设备科 Facilities", "杨平", "马伟", "", {}}};
    Building b;
    b.id = "B";
    b.rulesProfile = "cn";
    Floor f = test::corridorFloor(); // rooms C (corridor, y 0..2) and W (ward, y 2..8)
    f.level = 1;
    f.rooms[1].department = "ICU"; // by id
    b.floors.push_back(f);
    p.buildings.push_back(b);
    auto unit = [&](const char* id, Vec2 at, const char* dept) {
        Extinguisher e;
        e.id = id;
        e.floor = "F";
        e.at = at;
        e.department = dept;
        e.manufactured = YearMonth{2024, 3};
        e.lastInspection = Date{2026, 11, 20};
        p.inventory.extinguishers.push_back(e);
    };
    unit("IN-WARD", {10, 5}, "");
    unit("IN-CORRIDOR", {10, 1}, "");
    unit("OWN", {20, 5}, "设备科 Facilities"); // by name
    return p;
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

TEST_CASE("the owner is the item's department, else its room's, floor's or building's",
          "[checks][ownership]") {
    Project p = owned();
    auto owner = [&](const char* id) {
        const auto item = findItem(p, id);
        REQUIRE(item);
        return ownerOf(p, *item);
    };
    CHECK(owner("IN-WARD").department == "重症医学科 ICU");
    CHECK(std::string(owner("IN-WARD").from) == "room");
    CHECK(owner("IN-WARD").withPeople() == "重症医学科 ICU (赵芳; deputy 胡军)");
    CHECK(owner("OWN").department == "设备科 Facilities");
    CHECK(std::string(owner("OWN").from) == "item");
    CHECK_FALSE(owner("IN-CORRIDOR").known()); // the corridor, floor and building name nobody
    p.buildings[0].department = "FAC";
    CHECK(owner("IN-CORRIDOR").department == "设备科 Facilities");
    CHECK(std::string(owner("IN-CORRIDOR").from) == "building");
    p.buildings[0].floors[0].department = "ICU";
    CHECK(std::string(owner("IN-CORRIDOR").from) == "floor");
    CHECK(owner("IN-CORRIDOR").department == "重症医学科 ICU");
    CHECK_FALSE(findItem(p, "EXT-XYZ-999"));
    // Without a registry a reference is its own department, with nobody on record.
    Project q = owned();
    q.departments.clear();
    const auto item = findItem(q, "IN-WARD");
    REQUIRE(item);
    CHECK(ownerOf(q, *item).department == "ICU");
    CHECK(ownerOf(q, *item).withPeople() == "ICU");
}

TEST_CASE("a unit nobody owns is a finding - owned units' findings carry their owner",
          "[checks][ownership]") {
    const Project p = owned();
    const RulesSet rules{{"cn", test::cnProfile()}};
    Diagnostics d;
    CheckOptions opt;
    opt.coverage = false;
    const ComplianceReport r = runChecks(p, rules, Date{2026, 11, 23}, opt, d);
    int noOwner = 0;
    for (const Finding& f : r.findings)
        if (f.code == "no_owner") {
            ++noOwner;
            CHECK(f.item == "IN-CORRIDOR");
            CHECK(f.severity == Severity::Warning);
        }
    CHECK(noOwner == 1);
    for (const ItemCheck& it : r.items)
        CHECK(it.department == (it.id == "IN-CORRIDOR" ? ""
                                : it.id == "OWN"       ? "设备科 Facilities"
                                                       : "重症医学科 ICU"));
}

TEST_CASE("the bundled hospital: every finding, item, checklist row and hazard has an owner",
          "[checks][ownership]") {
    Diagnostics d;
    auto p = loadProject(MUSTER_SOURCE_DIR "/scenarios/hospital/day.yaml", d);
    REQUIRE(p);
    RulesSet rules{{"cn", test::cnProfile()}};
    CHECK(p->departments.size() == 33);
    const ComplianceReport r = runChecks(*p, rules, Date{2026, 11, 23}, CheckOptions{}, d);
    std::set<std::string> names;
    for (const Department& dep : p->departments) {
        names.insert(dep.name);
        CHECK_FALSE(dep.responsible.empty());
        CHECK_FALSE(dep.deputy.empty());
    }
    REQUIRE(r.findings.size() > 50);
    for (const Finding& f : r.findings) {
        INFO(f.item << " " << f.code);
        CHECK(f.code != "no_owner");
        CHECK(names.count(f.department) == 1);
    }
    REQUIRE(r.items.size() > 1500);
    std::set<std::string> owners;
    for (const ItemCheck& it : r.items) {
        CHECK(names.count(it.department) == 1);
        owners.insert(it.department);
    }
    CHECK(owners.size() >= 20); // not one catch-all department
    const Checklist c = buildChecklist(*p, rules, YearMonth{2026, 12});
    for (const ChecklistFloor& f : c.floors)
        for (const ChecklistItem& it : f.items) {
            INFO(it.id);
            CHECK(names.count(it.department) == 1);
            CHECK_FALSE(it.responsible.empty());
        }
    // Hazards opened for failed checks of every extinguisher: `hazards --by department`
    // groups them under real departments, never "(none)".
    HazardRegister reg;
    for (const Extinguisher& e : p->inventory.extinguishers) {
        InspectionEntry x;
        x.date = Date{2026, 12, 3};
        x.item = e.id;
        x.check = "gauge";
        x.result = "fail";
        REQUIRE_FALSE(openHazard(reg, *p, x).empty());
    }
    const auto byDept = hazardStats(reg, "department", Date{2026, 12, 31});
    CHECK(byDept.count("") == 1); // the total
    CHECK(byDept.at("").found == 325);
    for (const auto& [dept, st] : byDept)
        if (!dept.empty())
            CHECK(names.count(dept) == 1);
    CHECK(byDept.size() >= 15);
    CHECK_THAT(hazardStatsText(byDept, "department"), !Catch::Contains("(none)"));
}

TEST_CASE("with a registry, a department that is not in it is a located error",
          "[checks][ownership][input]") {
    const std::string dir = MUSTER_SOURCE_DIR "/tests/data/good/tiny/";
    std::vector<std::pair<std::string, std::string>> files = {
        {"scenario.yaml", "kind: scenario\nbuildings: [clinic.yaml]\ninventory: [inventory.yaml]\n"
                          "departments:\n  - {id: OPD, name: Outpatient, responsible: 周洋}\n"
                          "  - {id: PHA, name: Pharmacy}\n"},
        {"clinic.yaml", slurp(dir + "clinic.yaml")},
        {"1f.yaml", slurp(dir + "1f.yaml")},
        {"2f.yaml", slurp(dir + "2f.yaml")},
        {"inventory.yaml", slurp(dir + "inventory.yaml")}};
    Diagnostics d;
    CHECK_FALSE(loadProjectFromMemory(files, d));
    // 2f.yaml's ward says "Internal medicine", which the registry does not list.
    REQUIRE(d.errorCount() == 1);
    const auto& e = d.all().front();
    CHECK(e.loc.file == "2f.yaml");
    CHECK(e.loc.line == 12);
    CHECK(e.keyPath == "rooms[0].department");
    CHECK_THAT(e.message, Catch::Contains("got \"Internal medicine\" (known: OPD, PHA)"));
    // Listed, it loads: by name ("Outpatient", "Pharmacy" in 1f.yaml) or by id.
    files[0].second += "  - {id: IM, name: Internal medicine}\n";
    Diagnostics ok;
    auto p = loadProjectFromMemory(files, ok);
    REQUIRE(p);
    CHECK(departmentName(*p, "IM") == "Internal medicine");
    CHECK(projectDepartments(*p) ==
          std::vector<std::string>{"Internal medicine", "Outpatient", "Pharmacy"});
}

TEST_CASE("the forecast's replacement list names each unit, where it is and who owns it",
          "[checks][ownership]") {
    Project p = owned();
    p.inventory.extinguishers[0].manufactured = YearMonth{2017, 2};  // life ends 2027-02-01
    p.inventory.extinguishers[2].manufactured = YearMonth{2016, 12}; // 2026-12-01
    const RulesSet rules{{"cn", test::cnProfile()}};
    CheckOptions opt;
    const Forecast f = forecast(p, rules, Date{2026, 11, 23}, 6, opt);
    REQUIRE(f.replacements.size() == 1); // one building, agent and model
    const ReplacementLine& line = f.replacements[0];
    CHECK(line.count == 2);
    REQUIRE(line.units.size() == 2);
    CHECK(line.units[0].id == "OWN"); // the earlier life end first
    CHECK(line.units[0].lifeEnd == Date{2026, 12, 1});
    CHECK(line.units[0].department == "设备科 Facilities");
    CHECK(line.units[1].id == "IN-WARD");
    CHECK(line.units[1].room == "W");
    CHECK(line.units[1].department == "重症医学科 ICU");
    CHECK_THAT(forecastText(f), Catch::Contains("IN-WARD"));
    CHECK_THAT(forecastJson(f), Catch::Contains("\"life_end\": \"2027-02-01\""));
}

TEST_CASE("the responsibility review: one page per department, its units, findings and hazards",
          "[checks][ownership]") {
    Diagnostics d;
    auto p = loadProject(MUSTER_SOURCE_DIR "/scenarios/hospital/day.yaml", d);
    REQUIRE(p);
    const RulesSet rules{{"cn", test::cnProfile()}};
    const Date today{2026, 11, 23};
    const ComplianceReport report = runChecks(*p, rules, today, CheckOptions{}, d);
    HazardRegister reg;
    InspectionEntry x;
    x.date = Date{2026, 11, 2};
    x.item = "EXT-WT1-004"; // a unit on WT-1F
    x.check = "gauge";
    x.result = "fail";
    REQUIRE(openHazard(reg, *p, x) == "HZ-0001");
    const auto sums = departmentSummaries(*p, report, &reg);
    REQUIRE(sums.size() == 33); // the registry; nothing is left without an owner
    int units = 0;
    std::size_t findings = 0;
    for (const DepartmentSummary& s : sums) {
        CHECK_FALSE(s.department.empty());
        REQUIRE(s.dept);
        units += s.units;
        findings += s.findings.size();
        if (s.department == reg.items[0].department) {
            CHECK(s.hazards.found == 1);
            CHECK(s.hazards.overdue == 1); // major: 7 days from 2026-11-02
            REQUIRE(s.openHazards.size() == 1);
        } else {
            CHECK(s.openHazards.empty());
        }
    }
    CHECK(units == static_cast<int>(report.items.size())); // every unit counted once
    CHECK(findings == static_cast<std::size_t>(report.count(Severity::Error) +
                                               report.count(Severity::Warning)));
    const std::string html = departmentSummaryHtml(sums, *p, today);
    std::size_t sections = 0;
    for (std::size_t at = html.find("<section class=dept>"); at != std::string::npos;
         at = html.find("<section class=dept>", at + 1))
        ++sections;
    CHECK(sections == 33);
    CHECK_THAT(html, Catch::Contains("@page{size:A4"));
    CHECK_THAT(html, Catch::Contains("break-after:page"));
    CHECK_THAT(html, Catch::Contains("HZ-0001"));
    CHECK_THAT(html, Catch::Contains("Head of department (signature, date)"));
    const std::string one = departmentSummaryHtml(sums, *p, today, {"ICU"});
    CHECK_THAT(one, Catch::Contains("review: 重症医学科 ICU"));
    CHECK_THAT(one, !Catch::Contains("review: 产科 Obstetrics"));
}
