// Recording inspection results (muster/inspection.hpp): the one use case behind
// `muster inspect record` and the viewer's checklist panel (tests/viewer/test_inspection.cpp).
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "muster/inspection.hpp"

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
    const Project none;
    Scratch s("record");
    const fs::path logPath = s.dir / "log.csv", regPath = s.dir / "hazards.csv";

    SECTION("passes are appended in one write; the register is not touched") {
        spit(logPath, kOldLog);
        InspectionLog log = loadLog(logPath);
        Diagnostics d;
        const InspectionRecord r = recordInspection(
            none, log, {entry("EXT-1", "gauge", "pass"), entry("EXT-2", "pin", "pass")},
            regPath.string(), d);
        CHECK(r.logWritten);
        CHECK(r.hazardsOpened.empty());
        CHECK_FALSE(r.registerSaved);
        CHECK(d.empty());
        CHECK(slurp(logPath) == std::string(kOldLog) + "2026-12-03,EXT-1,gauge,pass,,王伟,\n" +
                                    "2026-12-03,EXT-2,pin,pass,,王伟,\n");
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
        const InspectionRecord r =
            recordInspection(none, log, {entry("EXT-1", "gauge", "fail")}, regPath.string(), d);
        REQUIRE(r.logWritten);
        CHECK(r.hazardsOpened == std::vector<std::string>{"HZ-0001"});
        CHECK(r.registerSaved);
        CHECK(slurp(logPath).rfind(std::string(kInspectionLogHeader) + "\n", 0) == 0);
        const InspectionRecord again =
            recordInspection(none, log, {entry("EXT-1", "gauge", "fail")}, regPath.string(), d);
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
        const InspectionRecord r =
            recordInspection(none, log, {entry("EXT-1", "gauge", "fail")}, regPath.string(), d);
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
        const InspectionRecord r =
            recordInspection(none, log, {entry("EXT-1", "gauge", "fail")}, regPath.string(), d);
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
        const InspectionRecord r =
            recordInspection(none, log, {entry("EXT-1", "gauge", "fail")}, regPath.string(), d);
        CHECK(r.logWritten);
        CHECK(r.registerSaved);
        CHECK(d.hasErrors()); // the malformed line, at hazards.csv:2
        CHECK(slurp(regPath).find("not,a,hazard") != std::string::npos);
    }
}
