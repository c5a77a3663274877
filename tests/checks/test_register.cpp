// Inspection log and hazard register files: round trips, nothing lost, concurrent edits refused.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "../temp_dir.hpp"
#include "muster/hazard_register.hpp"

using namespace muster;
namespace fs = std::filesystem;

namespace {

fs::path scratchDir(const char* name) {
    const fs::path d = fs::temp_directory_path() / ("muster_register_" + std::string(name));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void spit(const fs::path& p, const std::string& t) {
    std::ofstream(p, std::ios::binary) << t;
}

InspectionEntry failed(const std::string& item, const std::string& check, Date d,
                       const std::string& reading = "") {
    InspectionEntry e;
    e.date = d;
    e.item = item;
    e.check = check;
    e.result = "fail";
    e.reading = reading;
    e.inspector = "王伟";
    return e;
}

} // namespace

TEST_CASE("hazard register round trip and lifecycle", "[checks][register]") {
    const fs::path dir = scratchDir("roundtrip");
    const std::string path = (dir / "hazards.csv").string();
    Project none;
    Diagnostics d;
    auto reg = loadHazardRegister(path, d);
    REQUIRE(reg);
    CHECK_FALSE(reg->file.existed);
    CHECK(openHazard(*reg, none, failed("EXT-1", "gauge in the green", Date{2026, 12, 3})) ==
          "HZ-0001");
    CHECK(openHazard(*reg, none, failed("EXT-1", "gauge in the green", Date{2026, 12, 4}))
              .empty()); // still open
    CHECK(openHazard(*reg, none, failed("EXT-2", "nameplate legible", Date{2026, 12, 3})) ==
          "HZ-0002");
    REQUIRE(saveHazardRegister(*reg, d));

    SECTION("what is saved reads back the same, quotes and Chinese included") {
        auto again = loadHazardRegister(path, d);
        REQUIRE(again);
        REQUIRE(again->items.size() == 2);
        CHECK(again->items[0].description == reg->items[0].description);
        CHECK(again->items[0].severity == "major"); // gauge
        CHECK(again->items[1].severity == "general");
        CHECK(again->items[0].deadline == Date{2026, 12, 10});
        CHECK(hazardRegisterText(*again) == slurp(path));
        CHECK(d.errorCount() == 0);
    }
    SECTION("status moves forward and the statistics follow: 2 found, 1 rectified, 50 %") {
        std::string err;
        CHECK(advanceHazard(*reg, "HZ-0001", HazardStatus::InProgress, Date{2026, 12, 4}, "", err));
        CHECK(advanceHazard(*reg, "HZ-0001", HazardStatus::Rectified, Date{2026, 12, 6}, "刘洋",
                            err));
        CHECK_FALSE(advanceHazard(*reg, "HZ-0001", HazardStatus::Open, Date{2026, 12, 7}, "", err));
        CHECK_FALSE(
            advanceHazard(*reg, "HZ-9999", HazardStatus::InProgress, Date{2026, 12, 7}, "", err));
        REQUIRE(saveHazardRegister(*reg, d));
        auto again = loadHazardRegister(path, d);
        REQUIRE(again);
        CHECK(again->items[0].status == HazardStatus::Rectified);
        CHECK(again->items[0].rectified == Date{2026, 12, 6});
        CHECK(again->items[0].rectifiedBy == "刘洋");
        const auto all = hazardStats(*again, "month", Date{2027, 1, 31}).at("");
        CHECK(all.found == 2);
        CHECK(all.rectified == 1);
        CHECK(all.rate() == Approx(50.0));
        CHECK(all.open == 1);
        CHECK(all.overdue == 1); // HZ-0002: deadline 2027-01-02
        CHECK(hazardStats(*again, "month", Date{2026, 12, 20}).at("2026-12").overdue == 0);
        // The previous version is kept.
        CHECK(fs::exists(path + ".bak"));
    }
    SECTION("a concurrent edit is refused and nothing is written") {
        auto mine = loadHazardRegister(path, d);
        REQUIRE(mine);
        spit(path, slurp(path) + "# someone else's edit\n");
        const std::string theirs = slurp(path);
        std::string err;
        REQUIRE(
            advanceHazard(*mine, "HZ-0002", HazardStatus::InProgress, Date{2026, 12, 9}, "", err));
        Diagnostics dd;
        CHECK_FALSE(saveHazardRegister(*mine, dd));
        REQUIRE(dd.errorCount() == 1);
        CHECK(dd.all()[0].message.find("changed on disk") != std::string::npos);
        CHECK(slurp(path) == theirs);
    }
    SECTION("a malformed line is reported with its line and kept") {
        spit(path, slurp(path) + "HZ-0003,not a date\n");
        Diagnostics dd;
        auto r = loadHazardRegister(path, dd);
        REQUIRE(r);
        CHECK(r->items.size() == 2);
        REQUIRE(dd.errorCount() == 1);
        CHECK(dd.all()[0].loc.line == 4);
        REQUIRE(saveHazardRegister(*r, dd));
        CHECK(slurp(path).find("HZ-0003,not a date\n") != std::string::npos);
    }
}

TEST_CASE("inspection log keeps every line", "[checks][register]") {
    const fs::path dir = scratchDir("log");
    const fs::path path = dir / "log.csv";
    spit(
        path,
        std::string(kInspectionLogHeader)
            .append(
                "\n2026-11-02,EXT-1,gauge,pass,green,李,\n"
                "2026-11-02,\"EXT-2,gauge,pass\n2026-11-31,EXT-3,gauge,pass,,,\n2026-11-03,EXT-4,gauge,fail,red,李,\n"));
    Diagnostics d;
    auto log = loadInspectionLog(path.string(), d);
    REQUIRE(log);
    CHECK(log->entries.size() == 2);
    REQUIRE(d.errorCount() == 2);
    CHECK(d.all()[0].loc.line == 3); // unbalanced quote
    CHECK(d.all()[1].loc.line == 4); // impossible date
    InspectionEntry e = failed("EXT-5", "pin, seal", Date{2026, 12, 1}, "red, \"low\"");
    const std::string before = slurp(path);
    REQUIRE(writeSnapshot(log->file, appendedLogText(*log, {e}), d));
    const std::string after = slurp(path);
    CHECK(after.substr(0, before.size()) == before); // nothing lost, malformed lines included
    CHECK(after.substr(before.size()) == inspectionLine(e) + "\n");
    Diagnostics d2;
    auto again = loadInspectionLog(path.string(), d2);
    REQUIRE(again);
    REQUIRE(again->entries.size() == 3);
    CHECK(again->entries[2].check == "pin, seal");
    CHECK(again->entries[2].reading == "red, \"low\"");
}

TEST_CASE("a line ending in several carriage returns reads the same after each rewrite",
          "[checks][register]") {
    // Found by fuzz_csv: "\r\r\n" lost one CR per read-and-write, so a kept malformed line
    // changed every time the log was saved.
    for (const std::string& ending :
         {std::string("\r\n"), std::string("\r\r\n"), std::string(30, '\r') + "\n"}) {
        const fs::path dir = scratchDir("crs");
        const fs::path path = dir / "log.csv";
        spit(path, std::string(kInspectionLogHeader) + ending + "2026t,,,," + ending +
                       "2026-11-02,EXT-1,gauge,pass,green,李," + ending);
        Diagnostics d;
        auto log = loadInspectionLog(path.string(), d);
        REQUIRE(log);
        REQUIRE(log->lines.size() == 3);
        CHECK(log->lines[1] == "2026t,,,,");
        CHECK(log->entries.size() == 1);
        for (int round = 0; round < 3; ++round) {
            REQUIRE(writeSnapshot(log->file, appendedLogText(*log, {}), d));
            Diagnostics d2;
            auto back = loadInspectionLog(path.string(), d2);
            REQUIRE(back);
            CHECK(back->lines == log->lines);
            CHECK(back->entries.size() == 1);
            log = back;
        }
    }
}

TEST_CASE("the hazard lifecycle cannot skip a state, and the verifier is not the rectifier",
          "[checks][register]") {
    HazardRegister r;
    HazardItem h;
    h.id = "HZ-0001";
    h.found = Date{2026, 12, 1};
    h.deadline = Date{2026, 12, 8};
    r.items.push_back(h);
    std::string err;
    const Date d{2026, 12, 3};
    // open -> closed, open -> rectified, open -> verified: each refused, naming the next step.
    for (HazardStatus to :
         {HazardStatus::Closed, HazardStatus::Rectified, HazardStatus::Verified}) {
        CHECK_FALSE(advanceHazard(r, "HZ-0001", to, d, "王伟", err));
        CHECK_THAT(err, Catch::Contains("without passing in_progress"));
    }
    REQUIRE(advanceHazard(r, "HZ-0001", HazardStatus::InProgress, d, "", err));
    CHECK_FALSE(advanceHazard(r, "HZ-0001", HazardStatus::Verified, d, "王伟", err));
    CHECK_THAT(err, Catch::Contains("without passing rectified"));
    // Rectified needs the rectifier's name.
    CHECK_FALSE(advanceHazard(r, "HZ-0001", HazardStatus::Rectified, d, "", err));
    CHECK_THAT(err, Catch::Contains("say who rectified"));
    REQUIRE(advanceHazard(r, "HZ-0001", HazardStatus::Rectified, Date{2026, 12, 4}, "刘洋", err));
    // The rectifier cannot verify their own work, and nobody verifies before the rectification.
    CHECK_FALSE(
        advanceHazard(r, "HZ-0001", HazardStatus::Verified, Date{2026, 12, 5}, "刘洋", err));
    CHECK_THAT(err, Catch::Contains("the verifier must be someone else"));
    CHECK_FALSE(
        advanceHazard(r, "HZ-0001", HazardStatus::Verified, Date{2026, 12, 3}, "王伟", err));
    CHECK_THAT(err, Catch::Contains("before it was rectified"));
    CHECK_FALSE(advanceHazard(r, "HZ-0001", HazardStatus::Closed, Date{2026, 12, 5}, "王伟", err));
    REQUIRE(advanceHazard(r, "HZ-0001", HazardStatus::Verified, Date{2026, 12, 5}, "王伟", err));
    REQUIRE(advanceHazard(r, "HZ-0001", HazardStatus::Closed, Date{2026, 12, 6}, "", err));
    CHECK(r.items[0].status == HazardStatus::Closed);
    CHECK(r.items[0].rectifiedBy == "刘洋");
    CHECK(r.items[0].verifiedBy == "王伟");
    // The names survive a save: the register's text has both columns.
    CHECK_THAT(hazardRegisterText(r),
               Catch::Contains(",2026-12-04,2026-12-05,2026-12-06,刘洋,王伟"));
}

TEST_CASE("a register written before rectified_by / verified_by is read and saved in the new form",
          "[checks][register]") {
    test::TempDir t("register_v1");
    const std::string path = (t.path() / "hazards.csv").string();
    spit(path, std::string(kHazardRegisterHeaderV1) +
                   "\nHZ-0001,2026-11-02,EXT-1,gauge,B,F,C,设备科 Facilities,major,failed: gauge,"
                   "2026-11-09,spare,rectified,2026-11-05,,\n");
    Diagnostics d;
    auto r = loadHazardRegister(path, d);
    REQUIRE(r);
    CHECK(d.empty());
    REQUIRE(r->items.size() == 1);
    CHECK(r->items[0].status == HazardStatus::Rectified);
    CHECK(r->items[0].rectifiedBy.empty());
    REQUIRE(saveHazardRegister(*r, d));
    CHECK(slurp(path).rfind(std::string(kHazardRegisterHeader) + "\n", 0) == 0);
    CHECK_THAT(slurp(path), Catch::Contains("rectified,2026-11-05,,,,\n"));
}
