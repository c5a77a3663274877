// Recording inspection results (muster/inspection.hpp): the one use case behind
// `muster inspect record` and the viewer's checklist panel (tests/viewer/test_inspection.cpp).
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "muster/inspection.hpp"
#include "record_fixture.hpp"

using namespace muster;
namespace fs = std::filesystem;

namespace {

struct Scratch {
    fs::path dir;
    explicit Scratch(const char* name) {
        dir = fs::temp_directory_path() /
              ("muster_inspection_" + std::string(name) + "_" + std::to_string(::getpid()));
        fs::remove_all(dir);
        fs::create_directories(dir);
    }
    ~Scratch() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
};

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void spit(const fs::path& p, const std::string& t) {
    std::ofstream(p, std::ios::binary) << t;
}

InspectionEntry entry(const std::string& item, const std::string& check,
                      const std::string& result) {
    InspectionEntry e;
    e.date = Date{2026, 12, 3};
    e.item = item;
    e.check = check;
    e.result = result;
    e.inspector = "王伟";
    return e;
}

InspectionLog loadLog(const fs::path& p) {
    Diagnostics d;
    auto log = loadInspectionLog(p.string(), d);
    REQUIRE(log);
    return std::move(*log);
}

const char* kOldLog = "date,item,check,result,reading,inspector,note\n"
                      "2026-11-30,EXT-1,gauge,pass,green,李娜,\n";

} // namespace

TEST_CASE("recording inspection results in the log and the hazard register",
          "[checks][inspection]") {
    const Project none = test::recordProject();
    const RulesSet rules = test::recordRules();
    RecordOptions create;
    create.create = true;
    Scratch s("record");
    const fs::path logPath = s.dir / "log.csv", regPath = s.dir / "hazards.csv";

    SECTION("passes are appended in one write; the register is not touched") {
        spit(logPath, kOldLog);
        InspectionLog log = loadLog(logPath);
        Diagnostics d;
        const InspectionRecord r = recordInspection(
            none, rules, log, {entry("EXT-1", "gauge", "pass"), entry("EXT-2", "seal", "pass")},
            regPath.string(), d);
        CHECK(r.logWritten);
        CHECK(r.hazardsOpened.empty());
        CHECK_FALSE(r.registerSaved);
        CHECK(d.empty());
        CHECK(slurp(logPath) == std::string(kOldLog) + "2026-12-03,EXT-1,gauge,pass,,王伟,\n" +
                                    "2026-12-03,EXT-2,seal,pass,,王伟,\n");
        CHECK(slurp(s.dir / "log.csv.bak") == kOldLog);
        CHECK_FALSE(fs::exists(regPath));
        // The log in memory follows the file: entries with their line numbers.
        REQUIRE(log.entries.size() == 3);
        CHECK(log.entries.back().item == "EXT-2");
        CHECK(log.entries.back().line == 4);
        CHECK(log.file.text == slurp(logPath));
    }

    SECTION("a failed check opens a hazard once; a second record appends to the first") {
        InspectionLog log = loadLog(logPath); // a new log
        Diagnostics d;
        const InspectionRecord r = recordInspection(
            none, rules, log, {entry("EXT-1", "gauge", "fail")}, regPath.string(), d, create);
        REQUIRE(r.logWritten);
        CHECK(r.hazardsOpened == std::vector<std::string>{"HZ-0001"});
        CHECK(r.registerSaved);
        CHECK(slurp(logPath).rfind(std::string(kInspectionLogHeader) + "\n", 0) == 0);
        const InspectionRecord again = recordInspection(
            none, rules, log, {entry("EXT-1", "gauge", "fail")}, regPath.string(), d, create);
        REQUIRE(again.logWritten);
        CHECK(again.hazardsOpened.empty()); // still open: not opened twice
        CHECK_FALSE(d.hasErrors());
        const InspectionLog reread = loadLog(logPath);
        CHECK(reread.entries.size() == 2);
        Diagnostics rd;
        auto reg = loadHazardRegister(regPath.string(), rd);
        REQUIRE(reg);
        REQUIRE(reg->items.size() == 1);
        CHECK(reg->items[0].item == "EXT-1");
    }

    SECTION("a log changed on disk since it was read: refused, nothing written anywhere") {
        spit(logPath, kOldLog);
        InspectionLog log = loadLog(logPath);
        const std::string theirs = std::string(kOldLog) + "2026-12-01,EXT-1,gauge,pass,,张敏,\n";
        spit(logPath, theirs);
        Diagnostics d;
        const InspectionRecord r = recordInspection(
            none, rules, log, {entry("EXT-1", "gauge", "fail")}, regPath.string(), d, create);
        CHECK_FALSE(r.logWritten);
        CHECK(r.logChangedOnDisk);
        CHECK(r.hazardsOpened.empty());
        REQUIRE(d.hasErrors());
        CHECK(d.all().front().message.find("changed on disk") != std::string::npos);
        CHECK(slurp(logPath) == theirs);
        CHECK_FALSE(fs::exists(regPath));
        CHECK(log.entries.size() == 1); // unchanged in memory too
    }

    SECTION("a register that is a folder: nothing is written, log and register stay old") {
        fs::create_directories(regPath); // a folder where the register should be
        spit(logPath, kOldLog);
        InspectionLog log = loadLog(logPath);
        Diagnostics d;
        const InspectionRecord r = recordInspection(
            none, rules, log, {entry("EXT-1", "gauge", "fail")}, regPath.string(), d, create);
        CHECK(r.registerUnreadable);
        CHECK_FALSE(r.logWritten);
        CHECK(r.hazardsOpened.empty());
        CHECK_FALSE(r.registerSaved);
        CHECK(d.hasErrors());
        CHECK(log.entries.size() == 1);
        CHECK(slurp(logPath) == kOldLog);
        CHECK(fs::is_directory(regPath));
    }

    SECTION("malformed register lines are reported and kept; the record goes on") {
        spit(regPath, std::string(kHazardRegisterHeader) + "\nnot,a,hazard\n");
        InspectionLog log = loadLog(logPath);
        Diagnostics d;
        const InspectionRecord r = recordInspection(
            none, rules, log, {entry("EXT-1", "gauge", "fail")}, regPath.string(), d, create);
        CHECK(r.logWritten);
        CHECK(r.registerSaved);
        CHECK(d.hasErrors()); // the malformed line, at hazards.csv:2
        CHECK(slurp(regPath).find("not,a,hazard") != std::string::npos);
    }
}

TEST_CASE("records that cannot lie: unknown units and checks, contradicting passes and typo'd "
          "paths are refused with nothing written",
          "[checks][inspection]") {
    const Project p = test::recordProject();
    const RulesSet rules = test::recordRules();
    Scratch s("refuse");
    const fs::path logPath = s.dir / "log.csv", regPath = s.dir / "hazards.csv";
    spit(logPath, kOldLog);
    auto record = [&](std::vector<InspectionEntry> add, Diagnostics& d, bool create = false) {
        InspectionLog log = loadLog(logPath);
        RecordOptions o;
        o.create = create;
        o.source = "from.csv";
        return recordInspection(p, rules, log, add, regPath.string(), d, o);
    };
    auto messages = [](const Diagnostics& d) {
        std::string all;
        for (const auto& x : d.all())
            all += x.keyPath + ": " + x.message + "\n";
        return all;
    };

    SECTION("a unit that is not in the scenario") {
        Diagnostics d;
        const auto r = record({entry("EXT-XYZ-999", "gauge", "fail")}, d, true);
        CHECK(r.refused == 1);
        CHECK_FALSE(r.logWritten);
        CHECK_THAT(messages(d), Catch::Contains("item: no unit or exit \"EXT-XYZ-999\""));
        CHECK(slurp(logPath) == kOldLog);
        CHECK_FALSE(fs::exists(regPath)); // no hazard opened for a unit that does not exist
    }
    SECTION("a check that is not one of the unit's: its ids are listed") {
        Diagnostics d;
        const auto r = record({entry("EXT-1", "gauge ok", "pass")}, d);
        CHECK(r.refused == 1);
        CHECK_THAT(messages(d), Catch::Contains("present, visible, nameplate, seal, gauge, hose, "
                                                "body, dates), got \"gauge ok\""));
        CHECK(slurp(logPath) == kOldLog);
    }
    SECTION("one bad entry of three refuses the whole record, at its line") {
        std::vector<InspectionEntry> add = {entry("EXT-1", "gauge", "pass"),
                                            entry("EXT-2", "seal", "pass"),
                                            entry("EXT-3", "seal", "pass")};
        add[2].line = 4;
        Diagnostics d;
        const auto r = record(add, d);
        CHECK(r.refused == 1);
        REQUIRE(d.errorCount() == 1);
        CHECK(d.all()[0].loc.file == "from.csv");
        CHECK(d.all()[0].loc.line == 4);
        CHECK(slurp(logPath) == kOldLog);
    }
    SECTION("the check's text (logs before check ids) is recorded as its id") {
        Diagnostics d;
        const auto r = record({entry("EXT-1", "压力表绿区 gauge in the green", "pass")}, d);
        CHECK(r.refused == 0);
        CHECK(r.logWritten);
        CHECK(slurp(logPath) == std::string(kOldLog) + "2026-12-03,EXT-1,gauge,pass,,王伟,\n");
    }
    SECTION("a pass of 'within maintenance and scrap dates' for an expired unit") {
        Diagnostics d;
        const auto r = record({entry("EXT-OLD", "dates", "pass")}, d);
        CHECK(r.refused == 1);
        CHECK_THAT(messages(d), Catch::Contains("contradicts the unit's status (expired"));
        CHECK(slurp(logPath) == kOldLog);
        // A fail of the same check is the truth: recorded, and it opens a hazard.
        Diagnostics d2;
        const auto ok = record({entry("EXT-OLD", "dates", "fail")}, d2, true);
        CHECK(ok.logWritten);
        CHECK(ok.hazardsOpened.size() == 1);
        // Other checks of the expired unit may pass (its seal can be intact).
        Diagnostics d3;
        CHECK(record({entry("EXT-OLD", "seal", "pass")}, d3).logWritten);
        // On 2023-12-31 it was in its life but its maintenance (first after 5 years, GB 50444)
        // was overdue since 2019-01: still refused, for that reason.
        auto before = entry("EXT-OLD", "dates", "pass");
        before.date = Date{2023, 12, 31};
        Diagnostics d4;
        CHECK(record({before}, d4).refused == 1);
        CHECK_THAT(messages(d4), Catch::Contains("maintenance was due on 2019-01-01"));
        // A unit within its dates passes.
        Diagnostics d5;
        CHECK(record({entry("EXT-1", "dates", "pass")}, d5).logWritten);
    }
    SECTION("a typo'd log path is an error, not a new empty log; --create starts one") {
        const fs::path typo = s.dir / "lgo.csv";
        Diagnostics d;
        const auto r = appendInspection(p, rules, typo.string(), {entry("EXT-1", "gauge", "pass")},
                                        regPath.string(), d);
        CHECK(r.missingFile);
        CHECK_FALSE(r.logWritten);
        CHECK_FALSE(fs::exists(typo));
        CHECK_THAT(messages(d), Catch::Contains("no inspection log at this path"));
        REQUIRE(d.errorCount() == 1);
        CHECK(d.all()[0].loc.file == typo.string());
        RecordOptions o;
        o.create = true;
        Diagnostics d2;
        CHECK(appendInspection(p, rules, typo.string(), {entry("EXT-1", "gauge", "pass")},
                               regPath.string(), d2, o)
                  .logWritten);
        CHECK(fs::exists(typo));
    }
    SECTION("a failed check needs the register: a missing one is refused unless --create") {
        Diagnostics d;
        const auto r = record({entry("EXT-1", "gauge", "fail")}, d);
        CHECK(r.missingFile);
        CHECK(slurp(logPath) == kOldLog);
        CHECK_THAT(messages(d), Catch::Contains("no hazard register at this path"));
        Diagnostics d2;
        CHECK(record({entry("EXT-1", "gauge", "pass")}, d2).logWritten); // a pass does not
    }
}
