// `muster inspect record` under concurrency and crashes (issue 18): concurrent writers are
// serialised and lose nothing; a kill at any write step (MUSTER_FAULT_AT, honoured by
// muster/safe_write.hpp) or at a random moment (SIGKILL from here), then a rerun of the same
// command, leaves the log and the register byte-identical to an uninterrupted run's.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "../base/muster_process.hpp"
#include "../temp_dir.hpp"
#include "muster/hazard_register.hpp"

using namespace muster;
using namespace muster::test;
namespace fs = std::filesystem;

namespace {

using Scratch = muster::test::TempDir;

std::string scenario() {
    return MUSTER_SOURCE_DIR "/tests/data/good/tiny/record.yaml"; // units T-*, P-* exist
}

std::vector<std::string> recordArgs(const fs::path& dir, const std::string& item,
                                    const std::string& result, const std::string& inspector,
                                    const std::string& check = "gauge") {
    // --create: the register next to the log is started by the first failed check.
    return {"inspect",     "record",   (dir / "log.csv").string(),
            "--scenario",  scenario(), "--item",
            item,          "--check",  check,
            "--result",    result,     "--reading",
            "red",         "--date",   "2026-12-03",
            "--inspector", inspector,  "--create"};
}

const char* kOldLog = "date,item,check,result,reading,inspector,note\n"
                      "2026-11-30,EXT-CL1-001,gauge,pass,green,李娜,\n";

// Every failed entry of the log has exactly one hazard for its item and check; no id twice.
void checkConsistent(const fs::path& dir, size_t expectEntries, size_t expectHazards) {
    Diagnostics d;
    auto log = loadInspectionLog((dir / "log.csv").string(), d);
    auto reg = loadHazardRegister((dir / "hazards.csv").string(), d);
    INFO(slurpFile(dir / "log.csv") << "\n" << slurpFile(dir / "hazards.csv"));
    REQUIRE(log);
    REQUIRE(reg);
    CHECK(d.empty());
    CHECK(log->entries.size() == expectEntries);
    CHECK(reg->items.size() == expectHazards);
    std::set<std::string> lines;
    for (const auto& e : log->entries)
        CHECK(lines.insert(e.item + "/" + e.check + "/" + e.result + "/" + e.inspector).second);
    std::set<std::string> ids;
    std::map<std::string, int> perItem;
    for (const auto& h : reg->items) {
        CHECK(ids.insert(h.id).second);
        ++perItem[h.item + "/" + h.check];
    }
    for (const auto& e : log->entries)
        if (e.result == "fail")
            CHECK(perItem[e.item + "/" + e.check] == 1);
}

struct Run {
    int status = 0;
    std::string out, err;
};

Run runMuster(const fs::path& dir, const std::vector<std::string>& args,
              const std::vector<std::string>& env = {}) {
    const pid_t pid = startMuster(args, env, dir / "stdout", dir / "stderr");
    REQUIRE(pid > 0);
    Run r;
    r.status = waitMuster(pid);
    r.out = slurpFile(dir / "stdout");
    r.err = slurpFile(dir / "stderr");
    return r;
}

} // namespace

TEST_CASE("20 concurrent writer pairs on one log and register lose nothing",
          "[checks][inspection][concurrency][cli]") {
    Scratch s("concurrent");
    spitFile(s.path() / "log.csv", kOldLog);
    std::vector<pid_t> pids;
    for (int i = 0; i < 20; ++i) {
        const std::string n = std::to_string(i);
        pids.push_back(startMuster(recordArgs(s.path(), "T-" + n, "fail", "A" + n), {},
                                   s.path() / ("out-a" + n), s.path() / ("err-a" + n)));
        pids.push_back(startMuster(recordArgs(s.path(), "P-" + n, "pass", "B" + n), {},
                                   s.path() / ("out-b" + n), s.path() / ("err-b" + n)));
    }
    int ok = 0;
    for (size_t k = 0; k < pids.size(); ++k) {
        REQUIRE(pids[k] > 0);
        const int status = waitMuster(pids[k]);
        const std::string tag = (k % 2 ? "b" : "a") + std::to_string(k / 2);
        INFO(slurpFile(s.path() / ("err-" + tag)));
        CHECK(exitedWith(status, 0));
        CHECK_THAT(slurpFile(s.path() / ("out-" + tag)), Catch::StartsWith("recorded 1 result "));
        ok += exitedWith(status, 0);
    }
    CHECK(ok == 40);
    checkConsistent(s.path(), 41, 20);
}

TEST_CASE("a kill at every write step, then a rerun: byte-identical to an uninterrupted run",
          "[checks][inspection][crash][cli]") {
    Scratch s("every_step");
    // Two failed checks and a pass from a filled-in checklist, onto a log and a register that
    // already hold a record.
    const std::string from = (s.path() / "from.csv").string();
    spitFile(from, "date,item,check,result,reading,inspector,note\n"
                   "2026-12-03,EXT-CL1-001,gauge,fail,red,王伟,\n"
                   "2026-12-03,EXT-CL1-002,seal,pass,,王伟,\n"
                   "2026-12-03,EL-CL1-01,function_test,fail,40 min,王伟,\n");
    const fs::path work = s.path() / "work";
    const std::vector<std::string> args = {"inspect",    "record",   (work / "log.csv").string(),
                                           "--scenario", scenario(), "--from",
                                           from,         "--create"};
    auto fresh = [&] {
        fs::remove_all(work);
        fs::create_directories(work);
        spitFile(work / "log.csv", kOldLog);
        REQUIRE(exitedWith(
            runMuster(s.path(), recordArgs(work, "SG-CL1-01", "fail", "李娜", "lit")).status, 0));
    };
    fresh();
    const std::string oldLog = slurpFile(work / "log.csv");
    const std::string oldReg = slurpFile(work / "hazards.csv");
    const Run ref = runMuster(s.path(), args, {"MUSTER_FAULT_TRACE=1"});
    REQUIRE(exitedWith(ref.status, 0));
    const std::string refLog = slurpFile(work / "log.csv");
    const std::string refReg = slurpFile(work / "hazards.csv");
    int steps = 0;
    for (size_t p = ref.err.find("write step"); p != std::string::npos;
         p = ref.err.find("write step", p + 1))
        ++steps;
    INFO(ref.err);
    REQUIRE(steps >= 12); // journal, log, register, journal done
    CHECK(refLog != oldLog);
    CHECK(refReg != oldReg);

    for (int k = 1; k <= steps; ++k) {
        fresh();
        const Run killed = runMuster(s.path(), args, {"MUSTER_FAULT_AT=" + std::to_string(k)});
        INFO("killed at write step " << k << ": " << killed.err);
        REQUIRE(killedBySigkill(killed.status));
        const Run rerun = runMuster(s.path(), args);
        INFO(rerun.out << rerun.err);
        REQUIRE(exitedWith(rerun.status, 0));
        CHECK(slurpFile(work / "log.csv") == refLog);
        CHECK(slurpFile(work / "hazards.csv") == refReg);
        // Nothing left behind but the journal, the locks and the backups.
        for (const auto& e : fs::directory_iterator(work)) {
            const std::string n = e.path().filename().string();
            CHECK((n == "log.csv" || n == "hazards.csv" || n == "log.csv.bak" ||
                   n == "hazards.csv.bak" || n == ".log.csv.lock" || n == ".hazards.csv.lock" ||
                   n == ".log.csv.journal"));
        }
    }
}

TEST_CASE("50 kills at random moments, each followed by a rerun, lose nothing and log nothing "
          "twice",
          "[checks][inspection][crash][cli]") {
    Scratch s("random");
    spitFile(s.path() / "log.csv", kOldLog);
    std::mt19937 rng(18); // fixed: the same moments in every run of the test
    // How long one record takes here, to spread the kills over it.
    const auto t0 = std::chrono::steady_clock::now();
    REQUIRE(
        exitedWith(runMuster(s.path(), recordArgs(s.path(), "T-ref", "fail", "ref")).status, 0));
    const auto us =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0)
            .count();
    std::uniform_int_distribution<long> delay(0, std::max<long>(us, 1000));
    std::uniform_int_distribution<int> step(1, 26);
    int killed = 0;
    for (int i = 0; i < 50; ++i) {
        const auto args = recordArgs(s.path(), "T-" + std::to_string(i), i % 3 ? "fail" : "pass",
                                     "I" + std::to_string(i));
        // Half are killed from outside at a random moment, half at a random write step.
        std::vector<std::string> env;
        if (i % 2)
            env.push_back("MUSTER_FAULT_AT=" + std::to_string(step(rng)));
        const pid_t pid = startMuster(args, env, s.path() / "stdout", s.path() / "stderr");
        REQUIRE(pid > 0);
        if (i % 2 == 0) {
            std::this_thread::sleep_for(std::chrono::microseconds(delay(rng)));
            ::kill(pid, SIGKILL);
        }
        const int status = waitMuster(pid);
        killed += killedBySigkill(status);
        // The user saw no "recorded" and runs the command again.
        const Run rerun = runMuster(s.path(), args);
        INFO("writer " << i << ": " << rerun.out << rerun.err);
        REQUIRE(exitedWith(rerun.status, 0));
    }
    CHECK(killed >= 15); // an outside kill may come after the record finished
    // 1 old entry + the reference + 50; hazards: the reference + every i % 3 != 0.
    checkConsistent(s.path(), 52, 1 + 33);
}

TEST_CASE("the CLI refuses records that would lie and registers that are not there",
          "[checks][inspection][cli]") {
    Scratch s("refusals");
    spitFile(s.path() / "log.csv", kOldLog);
    SECTION("inspect record --item of a unit that does not exist: exit 1, nothing written") {
        const Run r = runMuster(s.path(), recordArgs(s.path(), "EXT-XYZ-999", "fail", "王伟"));
        CHECK(exitedWith(r.status, 1));
        CHECK_THAT(r.err, Catch::Contains("--item: error: item: no unit or exit \"EXT-XYZ-999\""));
        CHECK_THAT(r.err, Catch::Contains("refused 1 entry; nothing was recorded"));
        CHECK(slurpFile(s.path() / "log.csv") == kOldLog);
        CHECK_FALSE(fs::exists(s.path() / "hazards.csv"));
    }
    SECTION("a free-text check is refused with the unit's check ids") {
        const Run r =
            runMuster(s.path(), recordArgs(s.path(), "T-1", "pass", "王伟", "gauge looks fine"));
        CHECK(exitedWith(r.status, 1));
        CHECK_THAT(r.err, Catch::Contains("expected one of the extinguisher's check ids (present"));
        CHECK(slurpFile(s.path() / "log.csv") == kOldLog);
    }
    SECTION("a typo'd register path: hazards exits 1 instead of printing an empty table") {
        const Run r = runMuster(s.path(), {"hazards", (s.path() / "hazrds.csv").string(), "--by",
                                           "department", "--date", "2026-12-31"});
        CHECK(exitedWith(r.status, 1));
        CHECK_THAT(r.err,
                   Catch::Contains("hazrds.csv:0:1: error: no hazard register at this path"));
        CHECK(r.out.empty());
        CHECK_FALSE(fs::exists(s.path() / "hazrds.csv"));
        const Run created = runMuster(s.path(), {"hazards", (s.path() / "hazrds.csv").string(),
                                                 "--create", "--date", "2026-12-31"});
        CHECK(exitedWith(created.status, 0));
    }
    SECTION("a pass of 'dates' for an expired unit: exit 1 with the reason, nothing written") {
        // EXT-CL1-002: CO2 made 2013-02, 12-year life: expired since 2025-02-01.
        const Run r =
            runMuster(s.path(), recordArgs(s.path(), "EXT-CL1-002", "pass", "王伟", "dates"));
        CHECK(exitedWith(r.status, 1));
        CHECK_THAT(r.err, Catch::Contains("contradicts the unit's status (expired"));
        CHECK(slurpFile(s.path() / "log.csv") == kOldLog);
    }
    SECTION("the hazard lifecycle through the CLI: no skipping, the verifier is someone else") {
        REQUIRE(
            exitedWith(runMuster(s.path(), recordArgs(s.path(), "T-2", "fail", "王伟")).status, 0));
        const std::string reg = (s.path() / "hazards.csv").string();
        auto advance = [&](const char* to, const char* person) {
            std::vector<std::string> a = {"hazards", reg, "--advance", "HZ-0001",
                                          "--to",    to,  "--date",    "2026-12-05"};
            if (*person) {
                a.push_back("--person");
                a.push_back(person);
            }
            return runMuster(s.path(), a);
        };
        const Run skip = advance("closed", "");
        CHECK(exitedWith(skip.status, 1));
        CHECK_THAT(skip.err, Catch::Contains("without passing in_progress"));
        CHECK(exitedWith(advance("in_progress", "").status, 0));
        CHECK(exitedWith(advance("rectified", "刘洋").status, 0));
        const Run self = advance("verified", "刘洋");
        CHECK(exitedWith(self.status, 1));
        CHECK_THAT(self.err, Catch::Contains("the verifier must be someone else"));
        CHECK(exitedWith(advance("verified", "张敏").status, 0));
        CHECK_THAT(slurpFile(reg), Catch::Contains(",verified,2026-12-05,2026-12-05,,刘洋,张敏"));
    }
    SECTION("a typo'd log path without --create: exit 1, no file made") {
        auto args = recordArgs(s.path(), "T-1", "pass", "王伟");
        args.pop_back(); // no --create
        args[2] = (s.path() / "lgo.csv").string();
        const Run r = runMuster(s.path(), args);
        CHECK(exitedWith(r.status, 1));
        CHECK_THAT(r.err, Catch::Contains("no inspection log at this path"));
        CHECK_FALSE(fs::exists(s.path() / "lgo.csv"));
    }
}
