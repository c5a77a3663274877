// A replay is a file people send each other: opening one must not write anywhere (embedded
// names are never paths on disk), and exporting a video must not run a shell (a file name is
// just a name). docs/security.md.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "viewer/child_process.hpp"
#include "viewer/exporter.hpp"
#include "viewer/scene.hpp"
#include "viewer/session.hpp"
#include "../temp_dir.hpp"
#include "viewer_fixture.hpp"

using namespace muster;
using namespace muster::viewer;
namespace fs = std::filesystem;

namespace {

using muster::test::TempDir;

bool anyDiagnosticContains(const Diagnostics& d, const std::string& part) {
    for (const auto& x : d.all())
        if (x.message.find(part) != std::string::npos)
            return true;
    return false;
}

// Folders in the system temp dir whose names start with `prefix` (the old extraction folders).
std::size_t tempEntries(const std::string& prefix) {
    std::size_t n = 0;
    for (const auto& e : fs::directory_iterator(fs::temp_directory_path()))
        if (e.path().filename().string().rfind(prefix, 0) == 0)
            ++n;
    return n;
}

// The tiny clinic's replay with its header's embedded files replaced by `files`.
std::string craftReplay(const fs::path& dir,
                        const std::vector<std::pair<std::string, std::string>>& files) {
    const std::string& tiny = viewer_test::tinyReplay();
    REQUIRE_FALSE(tiny.empty());
    Diagnostics d;
    ReplayReader r;
    REQUIRE(r.open(tiny, d));
    ReplayHeader h = r.header();
    h.files = files;
    const std::string out = (dir / "crafted.mrpl").string();
    ReplayWriter w;
    REQUIRE(w.open(out, h, d));
    Frame f;
    for (std::size_t i = 0; i < r.frameCount() && i < 20; ++i) {
        REQUIRE(r.readFrame(i, f));
        w.writeFrame(f);
    }
    REQUIRE(w.finish());
    return out;
}

std::vector<std::pair<std::string, std::string>> tinyFiles() {
    const std::string& tiny = viewer_test::tinyReplay();
    Diagnostics d;
    ReplayReader r;
    REQUIRE(r.open(tiny, d));
    return r.header().files;
}

} // namespace

TEST_CASE("a replay written by muster names its files safely", "[viewer][security]") {
    const auto files = tinyFiles();
    REQUIRE(files.size() >= 6);
    CHECK(files[0].first == "scenario.yaml");
    for (const auto& [name, text] : files) {
        INFO(name);
        CHECK(embeddedNameProblem(name).empty());
    }
    Diagnostics d;
    auto s = Session::open(viewer_test::tinyReplay(), d);
    REQUIRE(s);
    CHECK(d.errorCount() == 0);
    CHECK(d.warningCount() == 0);
}

TEST_CASE("a crafted replay with escaping names writes nothing", "[viewer][security]") {
    TempDir dir;
    const fs::path victim = dir.path() / "victim";
    fs::create_directories(victim);
    // Targets a crafted replay aims at: by climbing out of any folder, by absolute path, and
    // next to whatever folder the names would be resolved against.
    const fs::path climbTarget = victim / "target";
    const fs::path absTarget = victim / "abs_target";
    // x/../../../../tmp/.../victim/target: up to / from any folder three deep, then down.
    const std::string climb = "x/../../../.." + fs::weakly_canonical(victim).string() + "/target";
    const std::vector<std::pair<std::string, std::string>> evil = {
        {climb, "planted by a replay\n"},
        {absTarget.string(), "planted by a replay\n"},
        {"../t", "planted by a replay\n"},
        {"../../t2", "planted by a replay\n"},
        {"a/\x1b[2J/b.yaml", "planted by a replay\n"},
        {"a//b.yaml", "planted by a replay\n"},
    };
    const std::size_t oldFolders = tempEntries("muster-replay-");
    const fs::path cwd = fs::current_path();
    auto nothingWritten = [&] {
        CHECK_FALSE(fs::exists(climbTarget));
        CHECK_FALSE(fs::exists(absTarget));
        CHECK_FALSE(fs::exists(cwd.parent_path() / "t"));
        CHECK_FALSE(fs::exists(fs::temp_directory_path().parent_path() / "t"));
        CHECK_FALSE(fs::exists(dir.path().parent_path() / "t"));
        CHECK(fs::is_empty(victim));
        CHECK(tempEntries("muster-replay-") == oldFolders);
    };

    SECTION("extra files with escaping names are left out with a warning each") {
        auto files = tinyFiles();
        files.insert(files.end(), evil.begin(), evil.end());
        const std::string path = craftReplay(dir.path(), files);
        Diagnostics d;
        auto s = Session::open(path, d); // the clinic itself still opens
        REQUIRE(s);
        CHECK(anyDiagnosticContains(d, "left out the embedded file \"" + climb +
                                           "\": the name climbs out of a folder"));
        CHECK(anyDiagnosticContains(d, "left out the embedded file \"" + absTarget.string() +
                                           "\": the name is an absolute path"));
        CHECK(anyDiagnosticContains(d, "left out the embedded file \"a/\\x1B[2J/b.yaml\": the "
                                       "name contains a control character"));
        CHECK(anyDiagnosticContains(d, "\"a//b.yaml\": the name has an empty part"));
        CHECK(d.warningCount() == 4); // "../t" and "../../t2" are harmless names: memory only
        nothingWritten();
    }
    SECTION("a scenario that references the escaping names does not load, and says why") {
        auto files = tinyFiles();
        files.insert(files.end(), evil.begin(), evil.end());
        std::string& scenario = files[0].second;
        const auto at = scenario.find("inventory: [inventory.yaml]");
        REQUIRE(at != std::string::npos);
        scenario.replace(at, 27,
                         "inventory: [inventory.yaml, \"" + climb + "\", \"" + absTarget.string() +
                             "\", ../t]");
        const std::string path = craftReplay(dir.path(), files);
        Diagnostics d;
        CHECK_FALSE(Session::open(path, d));
        CHECK(d.errorCount() >= 1);
        CHECK(anyDiagnosticContains(d, "the replay does not embed this file"));
        nothingWritten();
    }
    SECTION("a scenario named by an absolute path is refused outright") {
        auto files = tinyFiles();
        files[0].first = (victim / "scenario.yaml").string();
        const std::string path = craftReplay(dir.path(), files);
        Diagnostics d;
        CHECK_FALSE(Session::open(path, d));
        REQUIRE(d.errorCount() == 1);
        CHECK(anyDiagnosticContains(d, "the replay's scenario file \"" +
                                           (victim / "scenario.yaml").string() +
                                           "\" is refused: the name is an absolute path"));
        nothingWritten();
    }
    SECTION("the same name twice keeps the first") {
        auto files = tinyFiles();
        files.emplace_back(files[1].first, "kind: building\nnot: this one\n");
        const std::string path = craftReplay(dir.path(), files);
        Diagnostics d;
        REQUIRE(Session::open(path, d));
        CHECK(anyDiagnosticContains(d, "the name appears twice"));
        nothingWritten();
    }
}

TEST_CASE("child processes get an argument vector, never a shell", "[viewer][security]") {
    TempDir dir;
    const std::string name = "v'; touch INJECTED; echo \"x\" '.txt";
    const fs::path file = dir.path() / name;

    SECTION("a name with quotes, ; and spaces reaches the program as it is") {
        PipedChild c;
        std::string why;
        REQUIRE(c.start({"touch", file.string()}, why));
        CHECK(c.finish(why));
        CHECK(fs::exists(file));
        CHECK_FALSE(fs::exists(dir.path() / "INJECTED"));
        CHECK_FALSE(fs::exists(fs::current_path() / "INJECTED"));
    }
    SECTION("the child's exit status is reported") {
        PipedChild c;
        std::string why;
        REQUIRE(c.start({"false"}, why));
        CHECK_FALSE(c.finish(why));
        CHECK(why == "exit status 1");
    }
    SECTION("writing to a child that has exited fails without killing us (no SIGPIPE)") {
        PipedChild c;
        std::string why;
        REQUIRE(c.start({"true"}, why));
        const std::vector<char> block(1 << 20, 'x');
        bool ok = true;
        for (int k = 0; k < 8 && ok; ++k)
            ok = c.write(block.data(), block.size());
        CHECK_FALSE(ok);
        CHECK(c.finish(why));
    }
    SECTION("a program that does not exist is an error, not a crash") {
        PipedChild c;
        std::string why;
        CHECK_FALSE(c.start({"/nonexistent/ffmpeg"}, why));
        CHECK(why.find("cannot start /nonexistent/ffmpeg") != std::string::npos);
    }
    SECTION("ffmpeg is given the video name as one argument, as a plain file") {
        RenderRequest req;
        req.video = name;
        req.width = 320;
        req.height = 180;
        const auto args = ffmpegArguments("/usr/bin/ffmpeg", req);
        REQUIRE(args.size() > 2);
        CHECK(args.front() == "/usr/bin/ffmpeg");
        CHECK(args.back() == "file:" + name);
        CHECK(std::find(args.begin(), args.end(), "320x180") != args.end());
    }
}

TEST_CASE("--video with quotes, ; and spaces in the name makes exactly that file",
          "[display][security]") {
    std::string why;
    if (!haveDisplay(why)) {
        WARN("skipped: " << why);
        return;
    }
    if (findOnPath("ffmpeg").empty()) {
        WARN("skipped: ffmpeg is not on PATH");
        return;
    }
    TempDir dir;
    const std::string name = "drill 'A'; touch INJECTED; echo \"B\" $(touch INJECTED2).mp4";
    RenderRequest req;
    req.input = viewer_test::tinyReplay();
    req.video = (dir.path() / name).string();
    req.width = 160;
    req.height = 96;
    req.fps = 5;
    req.speed = 1;
    req.fromS = 0;
    req.toS = 1; // 6 frames
    std::ostringstream log;
    CHECK(runRender(req, log) == 0);
    INFO(log.str());
    CHECK(fs::exists(req.video));
    CHECK(fs::file_size(req.video) > 0);
    std::vector<std::string> entries;
    for (const auto& e : fs::directory_iterator(dir.path()))
        entries.push_back(e.path().filename().string());
    CHECK(entries == std::vector<std::string>{name});
    CHECK_FALSE(fs::exists(fs::current_path() / "INJECTED"));
    CHECK_FALSE(fs::exists(fs::current_path() / "INJECTED2"));
    CHECK(log.str().find(": 6 frames") != std::string::npos);
}
