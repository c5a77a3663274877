#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "drill_fixture.hpp"
#include "muster/drill_engine.hpp"
#include "muster/validate.hpp"
#include "muster/drill_plan.hpp"
#include "muster/drill_report.hpp"
#include "muster/loader.hpp"
#include "muster/monte_carlo.hpp"

using namespace muster;
using namespace muster::test;
namespace fs = std::filesystem;

namespace {
std::string writeTemp(const std::string& name, const std::string& text) {
    const fs::path p = fs::temp_directory_path() / ("muster_drill_test_" + name);
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
}
const Diagnostic* findDiag(const Diagnostics& d, const std::string& keyPath) {
    for (const auto& x : d.all())
        if (x.keyPath == keyPath)
            return &x;
    return nullptr;
}
} // namespace

TEST_CASE("drill files: diagnostics with locations", "[drill][input]") {
    SECTION("reports the parent line when a key is missing") {
        const std::string f = writeTemp("missing.yaml", "kind: drill\n"
                                                        "strategy: horizontal\n"
                                                        "fire:\n"
                                                        "  start_s: 0\n");
        Diagnostics d;
        validateFile(f, d);
        const Diagnostic* x = findDiag(d, "fire.room");
        REQUIRE(x);
        CHECK(x->loc.line == 4); // the `fire` map's first line: where yaml-cpp marks the map
        CHECK(x->message.find("missing required key \"room\"") != std::string::npos);
    }
    SECTION("a bad strategy lists the allowed values") {
        const std::string f =
            writeTemp("strategy.yaml", "kind: drill\nfire: {room: A}\nstrategy: sideways\n");
        Diagnostics d;
        validateFile(f, d);
        const Diagnostic* x = findDiag(d, "strategy");
        REQUIRE(x);
        CHECK(x->loc.line == 3);
        CHECK(x->loc.column == 11);
        CHECK(x->message == "expected one of horizontal, vertical, phased; got \"sideways\"");
    }
    SECTION("a bad event action lists the allowed values") {
        const std::string f =
            writeTemp("event.yaml", "kind: drill\nfire: {room: A}\nstrategy: vertical\n"
                                    "events:\n  - {time_s: 5, action: explode, target: A}\n");
        Diagnostics d;
        validateFile(f, d);
        const Diagnostic* x = findDiag(d, "events[0].action");
        REQUIRE(x);
        CHECK(x->message.find("door_closed") != std::string::npos);
        CHECK(x->message.find("stair_unusable") != std::string::npos);
    }
    SECTION("a full drill file loads") {
        const std::string f = writeTemp(
            "good.yaml",
            "kind: drill\nname: t\nfire: {room: A, start_s: 0}\ndetection_s: 30\nalarm_s: 60\n"
            "strategy: phased\nshift: night\nstaffing: [{unit: F1, night: 2}]\n"
            "events: [{time_s: 100, action: door_closed, target: BC}, {time_s: 60, action: "
            "fire_doors_released}]\n"
            "fire_doors: {release_on_alarm: false, block_people: true}\n"
            "smoke: {model: zone, open_door_s: 20, untenable: [{room: C, time_s: 500}]}\n"
            "preparation: [{profile: bed_bound, time_s: {distribution: uniform, min: 60, max: "
            "120}}]\n"
            "task_allocation: per_ward\nmonte_carlo: {runs: 12, seed: 5, keep: worst}\n");
        Diagnostics d;
        validateFile(f, d);
        CHECK(d.empty());
    }
    SECTION("smoke: none is a drill without smoke, with no warning; another word is located") {
        const std::string f = writeTemp(
            "nosmoke.yaml", "kind: drill\nfire: {room: A}\nstrategy: vertical\nsmoke: none\n");
        Diagnostics d;
        validateFile(f, d);
        CHECK(d.empty());
        // What it replaces: the same drill written as model given, with its warning.
        const std::string h =
            writeTemp("givensmoke.yaml",
                      "kind: drill\nfire: {room: A}\nstrategy: vertical\nsmoke: {model: given}\n");
        Diagnostics dg;
        validateFile(h, dg);
        CHECK(dg.errorCount() == 0);
        CHECK(dg.warningCount() == 1);
        const std::string g = writeTemp(
            "offsmoke.yaml", "kind: drill\nfire: {room: A}\nstrategy: vertical\nsmoke: off\n");
        Diagnostics e;
        validateFile(g, e);
        const Diagnostic* x = findDiag(e, "smoke");
        REQUIRE(x);
        CHECK(x->loc.line == 4);
        CHECK(x->message.find("or none") != std::string::npos);
    }
    SECTION("ids are checked against the project") {
        Project p = chainProject();
        Drill d = chainDrill();
        d.fireRoom = "NOPE";
        d.events.push_back({10, DrillEventKind::StairUnusable, "ST-1", {}});
        Diagnostics diags;
        validateDrill(d, p, diags);
        CHECK(diags.errorCount() == 2);
        REQUIRE(findDiag(diags, "fire.room"));
        CHECK(findDiag(diags, "fire.room")->message ==
              "expected a room id of the project, got \"NOPE\"");
    }
    SECTION("the bundled drills validate clean") {
        for (const char* s :
             {"night_ward_fire.yaml", "outpatient_day.yaml", "icu_fire_blocked_stair.yaml"}) {
            Diagnostics d;
            auto p =
                loadProject(std::string(MUSTER_SOURCE_DIR) + "/scenarios/hospital/drills/" + s, d);
            INFO(s);
            CHECK(d.errorCount() == 0);
            CHECK(d.warningCount() == 0);
            REQUIRE(p);
            CHECK(p->drill);
        }
    }
}

TEST_CASE("drill staffing replaces the unit's staff", "[drill]") {
    Project p = smallRoomProject(4);
    OccupantGroup staff;
    staff.room = "R";
    staff.profile = "staff";
    staff.day = 6;
    staff.night = 3;
    p.population.groups.push_back(staff);
    Drill d;
    d.shift = Shift::Night;
    d.staffing.push_back({"F1", "", -1, 1, {}});
    const Project q = drillProject(p, d);
    CHECK(q.scenario.shift == Shift::Night);
    int night = 0, day = 0;
    for (const auto& r : occupantsByRoom(q, Shift::Night))
        if (r.profile == "staff")
            night += r.count;
    for (const auto& r : occupantsByRoom(q, Shift::Day))
        if (r.profile == "staff")
            day += r.count;
    CHECK(night == 1);
    CHECK(day == 6); // the day count was not given: kept
}

namespace {
// A small tag-balance checker: every non-void element is closed in order; attribute quotes
// balanced. Returns "" when fine, else what is wrong.
std::string checkTags(const std::string& html) {
    static const std::set<std::string> kVoid = {"meta", "br", "img", "hr", "input", "link"};
    std::vector<std::string> stack;
    size_t i = 0;
    while ((i = html.find('<', i)) != std::string::npos) {
        const size_t j = html.find('>', i);
        if (j == std::string::npos)
            return "unterminated tag at " + std::to_string(i);
        std::string tag = html.substr(i + 1, j - i - 1);
        i = j + 1;
        if (tag.empty())
            return "empty tag";
        if (tag[0] == '!')
            continue; // doctype, comments
        if (std::count(tag.begin(), tag.end(), '"') % 2)
            return "unbalanced quotes in <" + tag + ">";
        const bool closing = tag[0] == '/';
        const bool selfClosing = tag.back() == '/';
        std::string name = tag.substr(closing ? 1 : 0);
        name = name.substr(0, name.find_first_of(" /"));
        if (closing) {
            if (stack.empty() || stack.back() != name)
                return "</" + name + "> closes <" +
                       (stack.empty() ? std::string("nothing") : stack.back()) + ">";
            stack.pop_back();
        } else if (!selfClosing && !kVoid.count(name)) {
            stack.push_back(name);
        }
    }
    return stack.empty() ? "" : "<" + stack.back() + "> never closed";
}
} // namespace

TEST_CASE("the HTML report is well formed and has every section", "[drill][report]") {
    Project p = smallRoomProject(8);
    Drill d;
    d.fireRoom = "R";
    d.alarmS = 20;
    p.drill = d;
    const DrillContext ctx = makeDrillContext(p);
    McRun run = makeRun(ctx, "small-room", 3, 3);
    run.reps = runReplications(ctx, 3, shardIndices(3, 1, 1), 2);
    KeptRun kept;
    kept.index = pickReplication(run, KeepReplay::Median);
    DensityRecorder density(ctx.project);
    ReplicationHooks hooks;
    hooks.onFrame = [&](const Simulation& s) { density.add(s.frame()); };
    runReplication(ctx, 3, kept.index, &hooks);
    kept.density = density.maps();
    const McSummary s = summarize(run);
    const std::string html = drillReportHtml(run, s, &kept);
    CHECK(checkTags(html) == "");
    for (const auto& id : reportSectionIds()) {
        INFO(id);
        CHECK(html.find("<section id=\"" + id + "\">") != std::string::npos);
    }
    CHECK(html.find("No assisted patients in this run") != std::string::npos);
    CHECK(html.find("http") == html.find("http://www.w3.org/2000/svg")); // no external assets
    CHECK(html.find("<script src") == std::string::npos);
    float peak = 0;
    for (const auto& m : kept.density)
        for (float v : m.peak)
            peak = std::max(peak, v);
    CHECK(peak >= 1.0f); // 8 people in a 12 x 8 m room: at least one cell with someone
    const auto files = drillFigureFiles(run, s, &kept);
    for (const char* f : {"curve.csv", "exits.csv", "wards.csv", "aset_rset.csv", "waiting.csv",
                          "timeline.csv", "density_F1.csv", "fed.csv"})
        CHECK(files.count(f) == 1);
    CHECK(fruinLevel(0.2) == 'A');
    CHECK(fruinLevel(0.5) == 'C');
    CHECK(fruinLevel(3.0) == 'F');
}

TEST_CASE("the report lists ASET/RSET by margin, failing rooms first, passing ones folded",
          "[drill][report]") {
    McRun run;
    run.scenario = "s";
    McSummary s;
    auto row = [](const char* room, double aset, double rset) {
        AsetRsetRow r;
        r.room = room;
        r.floor = "F1";
        r.asetS = aset;
        r.rsetP95S = rset;
        r.exceeded = rset > aset;
        return r;
    };
    // Margins: PASS-BIG 100, FAIL-SMALL -5, PASS-SMALL 3, FAIL-BIG -40.
    s.asetRset = {row("PASS-BIG", 300, 200), row("FAIL-SMALL", 100, 105),
                  row("PASS-SMALL", 200, 197), row("FAIL-BIG", 60, 100)};
    s.fedDesignMean = {{"W-301", 1.5}};
    s.fedDesignRuns = {{"W-301", 2}};
    const std::string html = drillReportHtml(run, s, nullptr);
    CHECK(checkTags(html) == "");
    const size_t failBig = html.find("<td>FAIL-BIG</td>"), failSmall = html.find("<td>FAIL-SMALL"),
                 details = html.find("<details>"), passSmall = html.find("<td>PASS-SMALL"),
                 passBig = html.find("<td>PASS-BIG");
    REQUIRE(failBig != std::string::npos);
    REQUIRE(details != std::string::npos);
    CHECK(failBig < failSmall);
    CHECK(failSmall < details);
    CHECK(details < passSmall);
    CHECK(passSmall < passBig);
    CHECK(html.find("2 rooms with a margin") != std::string::npos);
    // The FED section: the room with its mean per run and the runs with any.
    const size_t fed = html.find("<section id=\"fed\">");
    REQUIRE(fed != std::string::npos);
    CHECK(html.find("<td>W-301</td><td>1.50</td><td>2</td>", fed) != std::string::npos);
    const auto files = drillFigureFiles(run, s, nullptr);
    CHECK(files.at("fed.csv") == "room,mean_people_per_run,runs_with_any\n\"W-301\",1.500,2\n");
}

TEST_CASE("the drill plan: counts per profile and a valid iCalendar file", "[drill][plan]") {
    Project p = smallRoomProject(1);
    Building b2 = p.buildings[0];
    b2.id = "OR";
    b2.name = "Surgery, with a long name to force folding: 手术部 外科大楼 第一手术区 麻醉恢复室";
    b2.floors[0].id = "OR-1F";
    b2.floors[0].rooms[0].kind = RoomKind::Operating;
    p.buildings.push_back(b2);
    PlanOptions o;
    o.year = 2027;
    o.unannouncedShare = 0.5;
    const auto nfpa = planDrills(p, o);
    CHECK(nfpa.size() == 2 * 2 * 4 + 1); // 2 buildings x 2 shifts x 4 quarters + 1 OR suite
    o.profile = "cn";
    CHECK(planDrills(p, o).size() == 2 * 2 * 2 + 1);
    o.profile = "nfpa";
    int unannounced = 0;
    for (const auto& x : nfpa) {
        unannounced += x.unannounced;
        CHECK(x.date.year == 2027);
    }
    CHECK(unannounced == 9); // round(0.5 * 17)
    // Quarterly drills of one building and shift stay 91 +- 10 days apart (TJC).
    std::vector<Date> bDay;
    for (const auto& x : nfpa)
        if (x.building == "B" && x.shift == "day")
            bDay.push_back(x.date);
    REQUIRE(bDay.size() == 4);
    for (size_t i = 1; i < bDay.size(); ++i)
        CHECK(std::abs(daysBetween(bDay[i - 1], bDay[i]) - 91) <= 10);

    const std::string ics = planIcs(nfpa, o);
    CHECK(ics == planIcs(planDrills(p, o), o)); // no wall clock: the same input gives the same file
    // Line by line: CRLF everywhere, <= 75 octets, unfold, then count and check properties.
    std::vector<std::string> lines;
    size_t pos = 0;
    while (pos < ics.size()) {
        const size_t e = ics.find("\r\n", pos);
        REQUIRE(e != std::string::npos);
        const std::string l = ics.substr(pos, e - pos);
        CHECK(l.size() <= 75);
        CHECK(l.find('\n') == std::string::npos);
        if (!l.empty() && l[0] == ' ') {
            REQUIRE_FALSE(lines.empty());
            lines.back() += l.substr(1);
        } else {
            lines.push_back(l);
        }
        pos = e + 2;
    }
    CHECK(lines.front() == "BEGIN:VCALENDAR");
    CHECK(lines.back() == "END:VCALENDAR");
    int events = 0, open = 0;
    std::set<std::string> props, uids;
    for (const auto& l : lines) {
        if (l == "BEGIN:VEVENT") {
            ++events;
            ++open;
            props.clear();
        } else if (l == "END:VEVENT") {
            --open;
            for (const char* k : {"UID", "DTSTAMP", "DTSTART", "SUMMARY"})
                CHECK(props.count(k));
        } else {
            const std::string key = l.substr(0, l.find(':'));
            props.insert(key);
            if (key == "UID")
                uids.insert(l);
            if (key == "DTSTAMP")
                CHECK(l == "DTSTAMP:20270101T000000Z");
            if (key == "DTSTART")
                CHECK(std::regex_match(l, std::regex("DTSTART:2027\\d{4}T\\d{6}")));
        }
    }
    CHECK(open == 0);
    CHECK(events == static_cast<int>(nfpa.size()));
    CHECK(uids.size() == nfpa.size());
    bool nameIntact = false; // the long UTF-8 name was folded between characters, not inside one
    for (const auto& l : lines)
        nameIntact =
            nameIntact || l.find("手术部 外科大楼 第一手术区 麻醉恢复室") != std::string::npos;
    CHECK(nameIntact);
    const std::string folded = foldIcsLine(std::string(200, 'x'));
    CHECK(folded.substr(0, 77) == std::string(75, 'x') + "\r\n");
}
