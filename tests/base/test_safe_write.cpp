// Safe writes (muster/safe_write.hpp): temp + rename, backups and locks that never follow a
// planted symlink, writing through a symlinked record, refusing a file of the wrong kind.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "muster_process.hpp"
#include "../temp_dir.hpp"
#include "muster/hazard_register.hpp"
#include "muster/inspection.hpp"
#include "muster/safe_write.hpp"
#include "../checks/record_fixture.hpp"

using namespace muster;
using muster::test::slurpFile;
using muster::test::spitFile;
namespace fs = std::filesystem;

namespace {

using Scratch = muster::test::TempDir;

// Names in the folder other than the given ones (a leftover temp file would show here).
std::vector<std::string> others(const fs::path& dir, const std::vector<std::string>& known) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) {
        const std::string n = e.path().filename().string();
        if (std::find(known.begin(), known.end(), n) == known.end())
            out.push_back(n);
    }
    return out;
}

InspectionEntry entry(const std::string& item, const std::string& result) {
    InspectionEntry e;
    e.date = Date{2026, 12, 3};
    e.item = item;
    e.check = "gauge";
    e.result = result;
    return e;
}

const muster::RecordOptions kCreate{true, ""};

const char* kLog = "date,item,check,result,reading,inspector,note\n"
                   "2026-11-30,EXT-1,gauge,pass,green,李娜,\n";

} // namespace

TEST_CASE("atomic writes replace the file and leave nothing behind", "[base][safe_write]") {
    Scratch s("atomic");
    std::string err;
    const WriteOptions keep{LinkPolicy::WriteThrough, true};

    SECTION("a new file, then a replacement with the old one kept as .bak") {
        REQUIRE(writeFileAtomic(s.file("a.csv"), "one\n", keep, err));
        CHECK(slurpFile(s.file("a.csv")) == "one\n");
        CHECK_FALSE(fs::exists(s.file("a.csv.bak"))); // nothing to keep
        REQUIRE(writeFileAtomic(s.file("a.csv"), "two\n", keep, err));
        CHECK(slurpFile(s.file("a.csv")) == "two\n");
        CHECK(slurpFile(s.file("a.csv.bak")) == "one\n");
        CHECK(others(s.path(), {"a.csv", "a.csv.bak"}).empty());
    }

    SECTION("the file's permissions are kept") {
        spitFile(s.file("a.csv"), "old\n");
        fs::permissions(s.file("a.csv"),
                        fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
        REQUIRE(writeFileAtomic(s.file("a.csv"), "new\n", keep, err));
        CHECK(fs::status(s.file("a.csv")).permissions() ==
              (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));
    }

    SECTION("a folder, a missing folder or a pipe at the name is refused with the reason") {
        fs::create_directories(s.file("d"));
        CHECK_FALSE(writeFileAtomic(s.file("d"), "x", keep, err));
        CHECK_THAT(err, Catch::Contains("not a regular file (a folder)"));
        CHECK_FALSE(writeFileAtomic(s.file("no/such/x.csv"), "x", keep, err));
        CHECK_THAT(err, Catch::Contains("cannot create a temp file"));
        REQUIRE(::mkfifo(s.file("fifo").c_str(), 0600) == 0);
        CHECK_FALSE(writeFileAtomic(s.file("fifo"), "x", keep, err));
        CHECK_THAT(err, Catch::Contains("a device, pipe or socket"));
    }

    SECTION("a streamed file appears only when committed") {
        {
            AtomicFile f;
            REQUIRE(f.open(s.file("r.bin"), WriteOptions{}, err));
            REQUIRE(f.write("abc", 3));
            CHECK_FALSE(fs::exists(s.file("r.bin")));
        } // destroyed without commit: no file, no temp file
        CHECK(others(s.path(), {}).empty());
        AtomicFile f;
        REQUIRE(f.open(s.file("r.bin"), WriteOptions{}, err));
        REQUIRE(f.write("abc", 3));
        REQUIRE(f.commit(err));
        CHECK(slurpFile(s.file("r.bin")) == "abc");
    }

    SECTION("a library writing by name gets a temp file with the target's extension") {
        std::string seen;
        REQUIRE(writeFileVia(
            s.file("shot.png"), WriteOptions{LinkPolicy::ReplaceLink, false},
            [&](const std::string& tmp) {
                seen = tmp;
                spitFile(tmp, "PNG");
                return true;
            },
            err));
        CHECK(seen.size() > 4);
        CHECK(seen.substr(seen.size() - 4) == ".png");
        CHECK(seen != s.file("shot.png"));
        CHECK(slurpFile(s.file("shot.png")) == "PNG");
        CHECK(others(s.path(), {"shot.png"}).empty());
    }

    SECTION("excerpts are short and printable") {
        CHECK(printableExcerpt("floors:\n  - id: x") == "floors:");
        CHECK(printableExcerpt(std::string("ab\0\x01"
                                           "c",
                                           5)) == "ab??c");
        CHECK(printableExcerpt(std::string(100, 'x'), 10) == "xxxxxxxxxx...");
        CHECK(printableExcerpt("病房301") == "病房301");
    }
}

TEST_CASE("writes never follow a planted symlink, and a symlinked record is written through",
          "[base][safe_write][symlink]") {
    Scratch s("links");
    std::string err;
    const std::string victim = s.file("victim.txt");
    spitFile(victim, "precious\n");
    const WriteOptions keep{LinkPolicy::WriteThrough, true};

    SECTION("a link at FILE.tmp (the old fixed temp name) is not followed") {
        spitFile(s.file("log.csv"), kLog);
        fs::create_symlink(victim, s.file("log.csv.tmp"));
        REQUIRE(writeFileAtomic(s.file("log.csv"), "new\n", keep, err));
        CHECK(slurpFile(victim) == "precious\n");
        CHECK(slurpFile(s.file("log.csv")) == "new\n");
        CHECK(fs::is_symlink(s.file("log.csv.tmp"))); // left alone
    }

    SECTION("a link at FILE.bak is replaced by the backup, its target untouched") {
        spitFile(s.file("log.csv"), kLog);
        fs::create_symlink(victim, s.file("log.csv.bak"));
        REQUIRE(writeFileAtomic(s.file("log.csv"), "new\n", keep, err));
        CHECK(slurpFile(victim) == "precious\n");
        CHECK_FALSE(fs::is_symlink(s.file("log.csv.bak")));
        CHECK(slurpFile(s.file("log.csv.bak")) == kLog);
    }

    SECTION("a symlinked log is written through: the link stays, the file it names changes") {
        fs::create_directories(s.path() / "real");
        spitFile(s.path() / "real" / "2026.csv", kLog);
        fs::create_symlink("real/2026.csv", s.file("log.csv")); // relative, as users make them
        Diagnostics d;
        auto loaded = loadInspectionLog(s.file("log.csv"), d);
        REQUIRE(loaded);
        InspectionLog log = std::move(*loaded);
        const auto r = recordInspection(test::recordProject(), test::recordRules(), log,
                                        {entry("EXT-2", "pass")}, s.file("hazards.csv"), d);
        CHECK(r.logWritten);
        CHECK(fs::is_symlink(s.file("log.csv")));
        CHECK(fs::read_symlink(s.file("log.csv")) == "real/2026.csv");
        CHECK(slurpFile(s.path() / "real" / "2026.csv") ==
              std::string(kLog) + "2026-12-03,EXT-2,gauge,pass,,,\n");
        CHECK(slurpFile(s.path() / "real" / "2026.csv.bak") == kLog);
    }

    SECTION("an output's link is replaced, never written through") {
        fs::create_symlink(victim, s.file("summary.json"));
        REQUIRE(writeFileAtomic(s.file("summary.json"), "{}\n",
                                WriteOptions{LinkPolicy::ReplaceLink, false}, err));
        CHECK(slurpFile(victim) == "precious\n");
        CHECK_FALSE(fs::is_symlink(s.file("summary.json")));
        CHECK(slurpFile(s.file("summary.json")) == "{}\n");
    }

    SECTION("a link at the lock file is refused, nothing written") {
        spitFile(s.file("log.csv"), kLog);
        fs::create_symlink(victim, s.file(".log.csv.lock"));
        auto lock = FileLock::acquire(s.file("log.csv"), 1.0, err);
        CHECK_FALSE(lock);
        CHECK_THAT(err, Catch::Contains("is a symlink; refusing to follow it"));
        CHECK(slurpFile(victim) == "precious\n");
    }

    SECTION("a link loop is refused") {
        fs::create_symlink(s.file("b"), s.file("a"));
        fs::create_symlink(s.file("a"), s.file("b"));
        CHECK_FALSE(writeFileAtomic(s.file("a"), "x", keep, err));
        CHECK_THAT(err, Catch::Contains("too many levels of symbolic links"));
    }
}

TEST_CASE("the lock serialises writers and refuses after its timeout", "[base][safe_write][lock]") {
    Scratch s("lock");
    const std::string path = s.file("log.csv");
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        std::string e;
        auto held = FileLock::acquire(path, 5.0, e);
        const char c = held ? 'y' : 'n';
        (void)!::write(fds[1], &c, 1);
        ::usleep(600 * 1000);
        ::_exit(0); // the lock goes with the process
    }
    char c = 0;
    REQUIRE(::read(fds[0], &c, 1) == 1);
    REQUIRE(c == 'y');
    std::string err;
    auto refused = FileLock::acquire(path, 0.1, err);
    CHECK_FALSE(refused);
    CHECK_THAT(err, Catch::Contains("is being written by another Muster process"));
    CHECK_THAT(err, Catch::Contains("nothing was written"));
    auto waited = FileLock::acquire(path, 10.0, err); // waits for the child to exit
    CHECK(waited);
    auto again = FileLock::acquire(path, 0.0, err); // re-entrant in one process
    CHECK(again);
    int status = 0;
    ::waitpid(child, &status, 0);
    ::close(fds[0]);
    ::close(fds[1]);
}

TEST_CASE("a log or register that is not one is refused and left byte-identical",
          "[base][safe_write][kind]") {
    Scratch s("kind");
    const std::string floorYaml =
        slurpFile(fs::path(MUSTER_SOURCE_DIR) / "tests/data/good/tiny/1f.yaml");
    const std::string binary("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    Diagnostics d;

    SECTION("a floor YAML given as the log") {
        spitFile(s.file("1f.yaml"), floorYaml);
        CHECK_FALSE(loadInspectionLog(s.file("1f.yaml"), d));
        REQUIRE(d.errorCount() == 1);
        CHECK(d.all()[0].loc.file == s.file("1f.yaml"));
        CHECK_THAT(d.all()[0].message, Catch::Contains("not an inspection log"));
        CHECK_THAT(d.all()[0].message, Catch::Contains("looks like YAML"));
        const auto r =
            appendInspection(test::recordProject(), test::recordRules(), s.file("1f.yaml"),
                             {entry("EXT-1", "fail")}, s.file("hazards.csv"), d, kCreate);
        CHECK_FALSE(r.logWritten);
        CHECK(slurpFile(s.file("1f.yaml")) == floorYaml);
        CHECK_FALSE(fs::exists(s.file("hazards.csv")));
        CHECK_FALSE(fs::exists(s.file("1f.yaml.bak")));
    }

    SECTION("a binary file given as the register") {
        spitFile(s.file("log.csv"), kLog);
        spitFile(s.file("logo.png"), binary);
        const auto r =
            appendInspection(test::recordProject(), test::recordRules(), s.file("log.csv"),
                             {entry("EXT-1", "fail")}, s.file("logo.png"), d);
        CHECK(r.registerUnreadable);
        CHECK_FALSE(r.logWritten);
        REQUIRE(d.hasErrors());
        CHECK_THAT(d.all().back().message, Catch::Contains("not a hazard register: binary data"));
        CHECK(d.all().back().message.find('\0') == std::string::npos);
        CHECK(slurpFile(s.file("logo.png")) == binary);
        CHECK(slurpFile(s.file("log.csv")) == kLog);
    }

    SECTION("a log given as the register, and a register with a byte order mark") {
        spitFile(s.file("log.csv"), kLog);
        CHECK_FALSE(loadHazardRegister(s.file("log.csv"), d));
        CHECK_THAT(d.all().back().message, Catch::Contains("the first line is \"date,item"));
        spitFile(s.file("hz.csv"),
                 "\xEF\xBB\xBF# comment\n" + std::string(kHazardRegisterHeader) + "\r\n");
        Diagnostics ok;
        CHECK(loadHazardRegister(s.file("hz.csv"), ok));
        CHECK(ok.empty());
    }
}

TEST_CASE("muster run and inspect record through the CLI: planted links and wrong files",
          "[base][safe_write][symlink][cli]") {
    Scratch s("cli");
    const std::string tiny = MUSTER_SOURCE_DIR "/tests/data/good/tiny/scenario.yaml";
    const std::string victim = s.file("victim.txt");
    spitFile(victim, "precious\n");

    SECTION("planted run.mrpl and summary.json.tmp links are not followed") {
        fs::create_directories(s.path() / "out");
        fs::create_symlink(victim, s.path() / "out" / "run.mrpl");
        fs::create_symlink(victim, s.path() / "out" / "summary.json.tmp");
        const pid_t pid = muster::test::startMuster({"run", tiny, "--out", s.file("out")}, {},
                                                    s.path() / "stdout", s.path() / "stderr");
        REQUIRE(pid > 0);
        const int status = muster::test::waitMuster(pid);
        INFO(slurpFile(s.path() / "stderr"));
        CHECK(muster::test::exitedWith(status, 0));
        CHECK(slurpFile(victim) == "precious\n");
        CHECK_FALSE(fs::is_symlink(s.path() / "out" / "run.mrpl"));
        CHECK(fs::file_size(s.path() / "out" / "run.mrpl") > 100);
        CHECK(fs::exists(s.path() / "out" / "summary.json"));
    }

    SECTION("a floor YAML given as the log is refused, byte-identical, with a clear message") {
        const std::string floorYaml =
            slurpFile(fs::path(MUSTER_SOURCE_DIR) / "tests/data/good/tiny/1f.yaml");
        spitFile(s.file("1f.yaml"), floorYaml);
        const pid_t pid = muster::test::startMuster(
            {"inspect", "record", s.file("1f.yaml"), "--scenario", tiny, "--item", "EXT-CL1-001",
             "--check", "gauge", "--result", "fail", "--date", "2026-12-03", "--create"},
            {}, s.path() / "stdout", s.path() / "stderr");
        REQUIRE(pid > 0);
        const int status = muster::test::waitMuster(pid);
        const std::string err = slurpFile(s.path() / "stderr");
        CHECK(muster::test::exitedWith(status, 1));
        CHECK_THAT(err, Catch::Contains(s.file("1f.yaml") + ":1:1: error: not an inspection log"));
        CHECK_THAT(err, Catch::Contains("looks like YAML"));
        CHECK(slurpFile(s.file("1f.yaml")) == floorYaml);
        CHECK_FALSE(fs::exists(s.file("hazards.csv")));
    }
}
