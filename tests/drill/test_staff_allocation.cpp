// Staff allocation (issue 15, "Explain a comparison"): helper records per replication, their
// JSON round trip, the per-ward summary, compare's section, and a real drill with a patient moved
// by staff.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "../base/muster_process.hpp"
#include "../temp_dir.hpp"
#include "muster/drill_report.hpp"
#include "muster/loader.hpp"
#include "muster/monte_carlo.hpp"
#include "muster/staff_allocation.hpp"
#include "muster/text.hpp"

using namespace muster;

namespace {

PersonResult person(std::uint32_t id, const char* profile, const char* room) {
    PersonResult p;
    p.id = id;
    p.profile = profile;
    p.originRoom = room;
    return p;
}

// Two wards: nurse 0 and patients 2, 3 in W1 (ward "F1 甲"), nurse 1 and patient 4 in W2
// ("F1 乙"); visitor 5 walks out alone. Nurse 1 also helps patient 3 of the other ward; patient 4
// is reached but not delivered before the end of the run (300 s).
RunResults twoWards() {
    RunResults r;
    r.alarmS = 20;
    r.simulatedS = 280; // end at 300 s since ignition
    PersonResult n0 = person(0, "nurse", "W1");
    n0.trips = 2;
    n0.distanceM = 100.1234;
    n0.firstAtPatientS = 50;
    PersonResult n1 = person(1, "nurse", "W2");
    n1.trips = 1;
    n1.distanceM = 40;
    n1.firstAtPatientS = 70;
    PersonResult p2 = person(2, "bed", "W1");
    p2.needsHelp = true;
    p2.helpers = {0};
    p2.helpArrivedS = 50;
    p2.moveStartS = 60;
    p2.exitTimeS = 120;
    PersonResult p3 = person(3, "bed", "W1");
    p3.needsHelp = true;
    p3.helpers = {1, 0};
    p3.helpArrivedS = 65; // nurse 0 came first (her second patient), nurse 1 at 70 s
    p3.moveStartS = 80;
    p3.exitTimeS = 200;
    PersonResult p4 = person(4, "bed", "W2");
    p4.needsHelp = true;
    p4.helpers = {1};
    p4.helpArrivedS = 210;
    PersonResult v = person(5, "visitor", "W2");
    v.exitTimeS = 90;
    r.people = {n0, n1, p2, p3, p4, v};
    r.total = 6;
    return r;
}

const std::map<std::string, std::string> kWards = {{"W1", "F1 甲"}, {"W2", "F1 乙"}};

std::string slurp(const std::filesystem::path& p) {
    return test::slurpFile(p);
}

} // namespace

TEST_CASE("helper records: trips, patients, busy time and cross-ward help", "[drill][staff]") {
    Replication rep;
    recordStaff(twoWards(), kWards, rep);
    REQUIRE(rep.staff.size() == 2);
    const HelperRecord& a = rep.staff[0];
    CHECK(a.id == 0);
    CHECK(a.profile == "nurse");
    CHECK(a.ward == "F1 甲");
    CHECK(a.trips == 2);
    CHECK(a.distanceM == 100.12); // rounded to 0.01 m
    CHECK(a.patients == std::vector<std::uint32_t>{2, 3});
    CHECK(a.busyS == Approx(150.0)); // first at a patient 50 s -> last delivery 200 s
    const HelperRecord& b = rep.staff[1];
    CHECK(b.ward == "F1 乙");
    CHECK(b.patients == std::vector<std::uint32_t>{3, 4});
    CHECK(b.busyS == Approx(230.0)); // 70 s -> end of the run (patient 4 not delivered)
    CHECK(rep.patientsMoved == std::map<std::string, int>{{"F1 甲", 2}}); // 4 never moved
    CHECK(rep.helpedFromOtherWards == std::map<std::string, int>{{"F1 甲", 1}});
    CHECK(rep.staffFlows.at("F1 甲").at("F1 甲") == 2);
    CHECK(rep.staffFlows.at("F1 乙").at("F1 甲") == 1);
    CHECK(rep.staffFlows.at("F1 乙").at("F1 乙") == 1);

    SECTION("without a per-helper arrival the first crew member's stands in") {
        RunResults r = twoWards();
        r.people[1].firstAtPatientS = -1;
        Replication x;
        recordStaff(r, kWards, x);
        CHECK(x.staff[1].busyS == Approx(235.0)); // from 65 s: patient 3's first helper
    }
    SECTION("someone with trips but in no patient's helpers is a helper") {
        RunResults r = twoWards();
        r.people[5].trips = 1;
        Replication x;
        recordStaff(r, kWards, x);
        REQUIRE(x.staff.size() == 3);
        CHECK(x.staff[2].id == 5);
        CHECK(x.staff[2].patients.empty());
        CHECK(x.staff[2].busyS == 0.0);
    }
}

TEST_CASE("staff summary per ward, per helper and per profile - compare's table",
          "[drill][staff]") {
    McRun run;
    run.runs = 2;
    Replication r0;
    recordStaff(twoWards(), kWards, r0);
    Replication r1 = r0;
    r1.index = 1;
    r1.staff.erase(r1.staff.begin() + 1); // in run 1 nurse 1 helped nobody
    r1.helpedFromOtherWards.clear();
    run.reps = {r0, r1};
    const StaffSummary s = summarizeStaff(run);
    REQUIRE(s.wards.size() == 2);
    const WardStaffStats& a = s.wards[0].ward == "F1 甲" ? s.wards[0] : s.wards[1];
    const WardStaffStats& b = s.wards[0].ward == "F1 甲" ? s.wards[1] : s.wards[0];
    CHECK(a.helpers == Approx(1.0));
    CHECK(a.patientsMoved == Approx(2.0));
    CHECK(a.tripsPerHelper == Approx(2.0));
    CHECK(a.busyPerHelperS == Approx(150.0));
    CHECK(a.fromOtherWards == Approx(0.5));
    CHECK(b.helpers == Approx(0.5));
    CHECK(b.busyPerHelperS == Approx(230.0)); // over the one run nurse 1 helped in
    REQUIRE(s.helpers.size() == 2);
    CHECK(s.helpers[0].id == 1); // busiest first
    CHECK(s.helpers[0].runs == 1);
    REQUIRE(s.profiles.size() == 1);
    CHECK(s.profiles[0].helpers == Approx(1.5));

    const std::string text = staffComparisonText(s, StaffSummary{});
    INFO(text);
    CHECK(text.find("staff allocation per ward") != std::string::npos);
    CHECK(text.find("F1 乙 -> F1 甲") != std::string::npos);
    // The ward table's rows end at the same display column (Chinese names are 2 columns wide).
    std::istringstream in(text);
    std::string line;
    std::vector<int> widths;
    while (std::getline(in, line))
        if (line.rfind("ward", 0) == 0 || line.rfind("F1 ", 0) == 0)
            if (line.find("->") == std::string::npos)
                widths.push_back(displayWidth(line));
    REQUIRE(widths.size() == 3);
    CHECK(widths[0] == widths[1]);
    CHECK(widths[1] == widths[2]);
    CHECK(staffComparisonText(StaffSummary{}, StaffSummary{}).empty());

    const std::string html = drillReportHtml(run, summarize(run), nullptr);
    CHECK(html.find("<section id=\"staff\">") != std::string::npos);
    CHECK(html.find("<td>F1 甲</td><td>1.00</td><td>2.00</td><td>2.00</td><td>100.12</td>"
                    "<td>150.0</td><td>0.50</td>") != std::string::npos);
    CHECK(html.find("<details>", html.find("<section id=\"staff\">")) >
          html.find("</section>", html.find("<section id=\"staff\">")));

    SECTION("the report shows the 30 busiest helpers and folds the rest") {
        McRun many = run;
        for (std::uint32_t i = 0; i < 31; ++i) {
            HelperRecord h;
            h.id = 100 + i;
            h.profile = "nurse";
            h.ward = "F1 甲";
            h.busyS = 10.0 * i;
            many.reps[0].staff.push_back(h);
        }
        const std::string m = drillReportHtml(many, summarize(many), nullptr);
        const size_t staff = m.find("<section id=\"staff\">");
        const size_t details = m.find("<details><summary>3 more helpers</summary>", staff);
        REQUIRE(details != std::string::npos);
        CHECK(m.find("<td>130</td>", staff) < details); // busiest: 300 s
        CHECK(m.find("<td>102</td>", staff) > details); // 20 s, 32nd of 33
        CHECK(m.find("</section>", staff) > details);
    }
    const auto files = drillFigureFiles(run, summarize(run), nullptr);
    CHECK(files.at("staff.csv").find("\"F1 甲\",1.000,2.000,2.000,100.12,150.0,0.500\n") !=
          std::string::npos);
}

TEST_CASE("drill.json keeps the staff allocation - files without it still load", "[drill][staff]") {
    McRun run;
    run.scenario = "s";
    run.runs = 1;
    Replication rep;
    recordStaff(twoWards(), kWards, rep);
    run.reps = {rep};
    Diagnostics d;
    const std::string text = resultJson(run);
    const auto back = parseRunJson(text, "drill.json", d);
    REQUIRE(back);
    const Replication& b = back->reps.at(0);
    REQUIRE(b.staff.size() == 2);
    CHECK(b.staff[0].ward == rep.staff[0].ward);
    CHECK(b.staff[1].patients == rep.staff[1].patients);
    CHECK(b.staff[1].busyS == rep.staff[1].busyS);
    CHECK(b.staff[0].distanceM == rep.staff[0].distanceM);
    CHECK(b.patientsMoved == rep.patientsMoved);
    CHECK(b.helpedFromOtherWards == rep.helpedFromOtherWards);
    CHECK(b.staffFlows == rep.staffFlows);
    CHECK(resultJson(*back) == text);

    nlohmann::ordered_json j = nlohmann::ordered_json::parse(text);
    for (auto& r : j.at("replications"))
        r.erase("staff");
    const auto old = parseRunJson(j.dump(1), "old.json", d);
    REQUIRE(old);
    CHECK(old->reps.at(0).staff.empty());
    CHECK(old->reps.at(0).patientsMoved.empty());
    CHECK_FALSE(d.hasErrors());
}

TEST_CASE("a real drill: the staff who moved the wheelchair user have records with trips",
          "[drill][staff][cli]") {
    const std::string scenario =
        std::string(MUSTER_SOURCE_DIR) + "/tests/data/good/tiny_horizontal/scenario.yaml";
    Diagnostics d;
    const auto p = loadProject(scenario, d);
    REQUIRE(p);
    const DrillContext ctx = makeDrillContext(*p);
    const Replication rep = runReplication(ctx, 1, 0);
    // The same run again, for the patients' helpers lists (the seed fixes the run).
    const auto sim = ctx.makeSimulation(rep.seed);
    sim->run();
    const RunResults r = sim->results();
    int assisted = 0;
    for (const auto& pr : r.people) {
        if (!pr.needsHelp || pr.inPlace || pr.helpers.empty())
            continue;
        ++assisted;
        for (std::uint32_t h : pr.helpers) {
            INFO("patient " << pr.id << " helper " << h);
            const auto it = std::find_if(rep.staff.begin(), rep.staff.end(),
                                         [h](const HelperRecord& x) { return x.id == h; });
            REQUIRE(it != rep.staff.end());
            CHECK(std::count(it->patients.begin(), it->patients.end(), pr.id) == 1);
            CHECK(it->trips >= 1);
            CHECK(it->busyS > 0.0);
            CHECK(it->ward == ctx.roomWard.at(r.people[h].originRoom));
        }
    }
    CHECK(assisted == 1);
    int moved = 0;
    for (const auto& [w, n] : rep.patientsMoved)
        moved += n;
    CHECK(moved == 1);

    // compare's text names the staff allocation of both sides.
    const test::TempDir dir("staff");
    // The muster binary without a shell (tests/base/muster_process.hpp); stdout on success.
    auto muster = [&](const std::vector<std::string>& args) {
        const pid_t pid = test::startMuster(args, {}, dir / "stdout", dir / "stderr");
        REQUIRE(pid > 0);
        const int status = test::waitMuster(pid);
        INFO(slurp(dir / "stderr"));
        REQUIRE(test::exitedWith(status, 0));
        return slurp(dir / "stdout");
    };
    muster({"drill", scenario, "--runs", "2", "--threads", "2", "--no-keep", "--quiet", "--out",
            dir.file("d")});
    const std::string json = dir.file("d/drill.json");
    const std::string out = muster({"compare", json, json, "--quiet"});
    CHECK(out.find("staff allocation per ward") != std::string::npos);
    CHECK(out.find("CL-1F") != std::string::npos);
    const auto doc = nlohmann::json::parse(muster({"compare", json, json, "--json"}));
    REQUIRE(doc.at("figures").is_array());
    REQUIRE(doc.at("staff").is_array());
    CHECK(!doc.at("staff").empty());
}
