// The checklist panel's logic without a window: the floor's checklist from the compliance
// module, and recording results into the inspection log through its safe-write API.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "muster/loader.hpp"
#include "viewer/compliance.hpp"
#include "viewer/inspection.hpp"
#include "viewer_fixture.hpp"

using namespace muster;
using namespace muster::viewer;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void spit(const fs::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << text;
}

int countLines(const std::string& s) {
    return int(std::count(s.begin(), s.end(), '\n'));
}

struct TempDir {
    fs::path dir;
    TempDir() {
        static int n = 0;
        dir = fs::temp_directory_path() / ("muster-viewer-inspection-" +
                                           std::to_string(::getpid()) + "-" + std::to_string(++n));
        fs::remove_all(dir);
        fs::create_directories(dir);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
};

const Project& tinyProject() {
    static const Project p = [] {
        Diagnostics d;
        auto pr = loadProject(viewer_test::tinyScenario(), d);
        REQUIRE(pr);
        return std::move(*pr);
    }();
    return p;
}

const ComplianceData& tinyCompliance() {
    static const ComplianceData c = computeCompliance(tinyProject(), Date{2026, 11, 23});
    return c;
}

const ChecklistItem& firstOf(const std::string& kind) {
    const ChecklistFloor* f = tinyCompliance().checklistOf("CL-1F");
    REQUIRE(f);
    for (const auto& it : f->items)
        if (it.kind == kind)
            return it;
    FAIL("no " + kind + " on CL-1F");
    return f->items.front();
}

const ChecklistItem& firstExtinguisher() {
    return firstOf("extinguisher");
}

const char* kOldLog = "date,item,check,result,reading,inspector,note\n"
                      "2026-10-30,EXT-CL1-001,inspect,pass,,李娜,\n";

} // namespace

TEST_CASE("the floor's checklist comes from the compliance module", "[viewer][checklist]") {
    const ComplianceData& c = tinyCompliance();
    REQUIRE(c.haveRules);
    CHECK(c.problem.empty());
    CHECK(c.checklist.month == YearMonth{2026, 11});
    // The same items, in the same (walking-route) order, as `muster checklist`.
    Diagnostics d;
    const Checklist direct =
        buildChecklist(tinyProject(), loadRules(tinyProject(), d), YearMonth{2026, 11});
    REQUIRE(c.checklist.floors.size() == direct.floors.size());
    for (std::size_t i = 0; i < direct.floors.size(); ++i) {
        const auto& a = c.checklist.floors[i];
        const auto& b = direct.floors[i];
        CHECK(a.floor == b.floor);
        REQUIRE(a.items.size() == b.items.size());
        for (std::size_t k = 0; k < a.items.size(); ++k)
            CHECK(a.items[k].id == b.items[k].id);
    }
    const ChecklistFloor* f = c.checklistOf("CL-1F");
    REQUIRE(f);
    CHECK_FALSE(f->items.empty());
    CHECK(c.checklistOf("no-such-floor") == nullptr);
    // Coverage for every floor, class A always present.
    for (const auto& fl : c.checklist.floors) {
        const FloorCoverage* cov = c.coverageOf(fl.floor);
        REQUIRE(cov);
        CHECK(cov->find(FireClass::A) != nullptr);
    }
}

TEST_CASE("recording checklist results into the inspection log", "[viewer][checklist]") {
    TempDir tmp;
    const fs::path log = tmp.dir / "log.csv";
    const ChecklistItem& item = firstExtinguisher();
    REQUIRE(item.checks.size() >= 2);
    REQUIRE(item.round == 0); // a monthly item (half-monthly rounds prefix the note)
    const Date when{2026, 11, 24};

    SECTION("one ticked check appends exactly one entry with the right fields") {
        spit(log, kOldLog);
        InspectionRecorder rec(tinyProject(), log.string(), "", /*create=*/true);
        std::string msg;
        REQUIRE(rec.load(msg));
        REQUIRE(rec.entries().size() == 1);
        ItemDraft draft = ItemDraft::forItem(item);
        REQUIRE(draft.checks.size() == item.checks.size());
        draft.checks[1].result = CheckResult::Pass;
        draft.checks[1].reading = "green";
        draft.note = "cabinet, \"east\" side";
        const RecordOutcome r = rec.record(item, draft, " 王伟 ", when);
        INFO(r.message);
        REQUIRE(r.ok);
        CHECK(r.entries == 1);
        CHECK(r.hazardsOpened.empty());

        const std::string after = slurp(log);
        CHECK(countLines(after) == countLines(kOldLog) + 1);
        CHECK(after.rfind(kOldLog, 0) == 0); // old lines kept as they were, in front
        Diagnostics d;
        auto reread = loadInspectionLog(log.string(), d);
        REQUIRE(reread);
        CHECK_FALSE(d.hasErrors());
        REQUIRE(reread->entries.size() == 2);
        const InspectionEntry& e = reread->entries.back();
        CHECK(e.date == when);
        CHECK(e.item == item.id);
        CHECK(e.check == item.checks[1].id);
        CHECK(e.result == "pass");
        CHECK(e.reading == "green");
        CHECK(e.inspector == "王伟");
        CHECK(e.note == "cabinet, \"east\" side");
        // Same safe-write rules as the CLI: the previous version kept, no temp file left.
        CHECK(slurp(tmp.dir / "log.csv.bak") == kOldLog);
        CHECK_FALSE(fs::exists(tmp.dir / "log.csv.tmp"));
        // The panel sees it at once.
        REQUIRE(rec.entries().size() == 2);
        CHECK(rec.recordedFor(item, YearMonth{2026, 11}).size() == 1);
        CHECK_FALSE(rec.done(item, YearMonth{2026, 11}));
    }

    SECTION("every check of the item in one write; a new log gets its header") {
        InspectionRecorder rec(tinyProject(), log.string(), "", /*create=*/true);
        // A sign: every check may pass (EXT-CL1-001's maintenance is overdue, so a pass of
        // "within maintenance and scrap dates" would be refused: tests/viewer/test_layers.cpp).
        const ChecklistItem& sign = firstOf("sign");
        std::string msg;
        REQUIRE(rec.load(msg));
        ItemDraft draft = ItemDraft::forItem(sign);
        for (auto& c : draft.checks)
            c.result = CheckResult::Pass;
        const RecordOutcome r = rec.record(sign, draft, "王伟", when);
        REQUIRE(r.ok);
        CHECK(r.entries == int(sign.checks.size()));
        const std::string text = slurp(log);
        CHECK(text.rfind(std::string(kInspectionLogHeader) + "\n", 0) == 0);
        CHECK(countLines(text) == 1 + int(sign.checks.size()));
        CHECK_FALSE(fs::exists(tmp.dir / "log.csv.bak")); // nothing to keep: the file is new
        CHECK(rec.done(sign, YearMonth{2026, 11}));
        CHECK_FALSE(rec.done(sign, YearMonth{2026, 12}));
        CHECK_FALSE(rec.failed(sign, YearMonth{2026, 11}));
        // A second record appends to what the first wrote (the snapshot follows our own writes).
        ItemDraft again = ItemDraft::forItem(sign);
        again.checks[0].result = CheckResult::Pass;
        REQUIRE(rec.record(sign, again, "王伟", when).ok);
        CHECK(countLines(slurp(log)) == 2 + int(sign.checks.size()));
    }

    SECTION("a concurrent external edit is refused with a message, and nothing is written") {
        spit(log, kOldLog);
        InspectionRecorder rec(tinyProject(), log.string(), "", /*create=*/true);
        std::string msg;
        REQUIRE(rec.load(msg));
        // Someone else appends a line after the viewer read the file.
        const std::string theirs =
            std::string(kOldLog) + "2026-11-20,EXT-CL1-001,inspect,pass,,张敏,\n";
        spit(log, theirs);
        ItemDraft draft = ItemDraft::forItem(item);
        draft.checks[0].result = CheckResult::Fail;
        const RecordOutcome r = rec.record(item, draft, "王伟", when);
        CHECK_FALSE(r.ok);
        CHECK(r.refusedChanged);
        CHECK(r.entries == 0);
        CHECK(r.message.find("changed on disk") != std::string::npos);
        CHECK(r.message.find("nothing was written") != std::string::npos);
        CHECK(r.message.find("Reload") != std::string::npos);
        CHECK(slurp(log) == theirs); // their edit survives untouched
        CHECK_FALSE(fs::exists(tmp.dir / "log.csv.bak"));
        CHECK_FALSE(fs::exists(tmp.dir / "log.csv.tmp"));
        CHECK_FALSE(fs::exists(tmp.dir / "hazards.csv")); // the failed check opened nothing either
        // After reloading, the same draft records on top of their line.
        REQUIRE(rec.load(msg));
        const RecordOutcome r2 = rec.record(item, draft, "王伟", when);
        REQUIRE(r2.ok);
        CHECK(slurp(log).rfind(theirs, 0) == 0);
        CHECK(countLines(slurp(log)) == countLines(theirs) + 1);
    }

    SECTION("a deleted log is a change on disk too") {
        spit(log, kOldLog);
        InspectionRecorder rec(tinyProject(), log.string(), "", /*create=*/true);
        std::string msg;
        REQUIRE(rec.load(msg));
        fs::remove(log);
        ItemDraft draft = ItemDraft::forItem(item);
        draft.checks[0].result = CheckResult::Pass;
        const RecordOutcome r = rec.record(item, draft, "王伟", when);
        CHECK_FALSE(r.ok);
        CHECK(r.refusedChanged);
        CHECK_FALSE(fs::exists(log));
    }

    SECTION("a failed check opens a hazard in the register next to the log, once") {
        InspectionRecorder rec(tinyProject(), log.string(), "", /*create=*/true);
        std::string msg;
        REQUIRE(rec.load(msg));
        CHECK(rec.registerPath() == (tmp.dir / "hazards.csv").string());
        ItemDraft draft = ItemDraft::forItem(item);
        draft.checks[0].result = CheckResult::Fail;
        draft.checks[0].reading = "missing";
        const RecordOutcome r = rec.record(item, draft, "王伟", when);
        REQUIRE(r.ok);
        REQUIRE(r.hazardsOpened.size() == 1);
        CHECK(r.message.find(r.hazardsOpened[0]) != std::string::npos);
        CHECK(rec.failed(item, YearMonth{2026, 11}));
        Diagnostics d;
        auto reg = loadHazardRegister((tmp.dir / "hazards.csv").string(), d);
        REQUIRE(reg);
        REQUIRE(reg->items.size() == 1);
        CHECK(reg->items[0].item == item.id);
        CHECK(reg->items[0].check == item.checks[0].id);
        CHECK(reg->items[0].floor == "CL-1F");
        // The same failure again: logged, but the open hazard is not opened twice.
        const RecordOutcome r2 = rec.record(item, draft, "王伟", when);
        REQUIRE(r2.ok);
        CHECK(r2.hazardsOpened.empty());
    }

    SECTION("incomplete drafts are refused before anything is written") {
        InspectionRecorder rec(tinyProject(), log.string(), "", /*create=*/true);
        ItemDraft draft = ItemDraft::forItem(item);
        draft.checks[0].result = CheckResult::Pass;
        CHECK_FALSE(rec.record(item, draft, "王伟", when).ok); // not loaded
        std::string msg;
        REQUIRE(rec.load(msg));
        const RecordOutcome noName = rec.record(item, draft, "  ", when);
        CHECK_FALSE(noName.ok);
        CHECK(noName.message.find("inspector") != std::string::npos);
        const RecordOutcome nothing = rec.record(item, ItemDraft::forItem(item), "王伟", when);
        CHECK_FALSE(nothing.ok);
        CHECK_FALSE(fs::exists(log));
    }

    SECTION("line breaks typed into a field cannot split a log record") {
        InspectionRecorder rec(tinyProject(), log.string(), "", /*create=*/true);
        std::string msg;
        REQUIRE(rec.load(msg));
        ItemDraft draft = ItemDraft::forItem(item);
        draft.checks[0].result = CheckResult::Pass;
        draft.checks[0].reading = "green\nred";
        REQUIRE(rec.record(item, draft, "王\r\n伟", when).ok);
        Diagnostics d;
        auto reread = loadInspectionLog(log.string(), d);
        REQUIRE(reread);
        CHECK_FALSE(d.hasErrors());
        REQUIRE(reread->entries.size() == 1);
        CHECK(reread->entries[0].reading == "green red");
    }
}
