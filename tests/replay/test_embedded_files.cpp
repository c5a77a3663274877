// The input files a replay embeds: which names a reader accepts, how a writer names them,
// which files `muster run` leaves out (--embed-outside), and loading them from memory.
// docs/security.md.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "muster/loader.hpp"
#include "muster/replay.hpp"
#include "replay_test_util.hpp"

namespace fs = std::filesystem;
using namespace muster;
using namespace replay_test;

TEST_CASE("embedded file names", "[replay][security]") {
    SECTION("names a writer produces are accepted") {
        for (const char* ok : {"day.yaml", "floors/wt-1f.yaml", "../buildings/wt.yaml",
                               "../../shared/profiles.yaml", "病房/一层.yaml", "a b/c'd;e.yaml"}) {
            INFO(ok);
            CHECK(embeddedNameProblem(ok).empty());
        }
    }
    SECTION("absolute, climbing, empty, dot and control-character names are refused") {
        struct Case {
            std::string name;
            const char* why;
        };
        const Case cases[] = {
            {"", "empty"},
            {"/abs/target", "absolute"},
            {"/", "absolute"},
            {"x/../../../tmp/target", "climbs out"},
            {"a/..", "climbs out"},
            {"floors/../../etc/passwd", "climbs out"},
            {"..", "only \"..\""},
            {"../..", "only \"..\""},
            {"a//b", "empty part"},
            {"a/", "empty part"},
            {"./a", "\".\" part"},
            {"a/./b", "\".\" part"},
            {std::string("a\0b", 3), "NUL"},
            {"a\nb", "control character"},
            {"a\x1b[2Jb", "control character"},
            {"a\x7f", "control character"},
            {std::string(2000, 'a'), "longer than 1024"},
        };
        for (const Case& c : cases) {
            INFO(c.name);
            CHECK_THAT(embeddedNameProblem(c.name), Catch::Contains(c.why));
        }
    }
}

TEST_CASE("a replay names its files relative to the scenario's folder", "[replay][security]") {
    TempDir dir;
    const fs::path scen = dir.path() / "proj" / "day.yaml";
    const auto names = embeddedFileNames({{scen.string(), "s"},
                                          {(dir.path() / "proj/floors/f1.yaml").string(), "f"},
                                          {(dir.path() / "shared/x.yaml").string(), "x"}},
                                         scen.string());
    REQUIRE(names.size() == 3);
    CHECK(names[0] == std::pair<std::string, std::string>{"day.yaml", "s"});
    CHECK(names[1].first == "floors/f1.yaml");
    CHECK(names[2].first == "../shared/x.yaml");
    for (const auto& [name, text] : names)
        CHECK(embeddedNameProblem(name).empty());
}

TEST_CASE("muster run embeds files outside the project folder only when asked",
          "[replay][security]") {
    TempDir dir;
    const fs::path proj = dir.path() / "proj";
    fs::create_directories(proj / "floors");
    fs::create_directories(dir.path() / "shared");
    const std::string scen = (proj / "day.yaml").string();
    auto header = [&] {
        ReplayHeader h;
        h.files = embeddedFileNames({{scen, "s"},
                                     {(proj / "floors/f1.yaml").string(), "f"},
                                     {(dir.path() / "shared/x.yaml").string(), "x"}},
                                    scen);
        return h;
    };
    REQUIRE(projectFolder(scen) == fs::weakly_canonical(proj).string());

    SECTION("without --embed-outside the outside file is left out and named") {
        ReplayHeader h = header();
        const EmbedSelection sel = selectEmbeddedFiles(h, scen, false);
        CHECK_FALSE(sel.outsideEmbedded);
        CHECK(sel.outside == std::vector<std::string>{"../shared/x.yaml"});
        REQUIRE(h.files.size() == 2);
        CHECK(h.files[0].first == "day.yaml");
        CHECK(h.files[1].first == "floors/f1.yaml");
    }
    SECTION("with --embed-outside it is kept and named") {
        ReplayHeader h = header();
        const EmbedSelection sel = selectEmbeddedFiles(h, scen, true);
        CHECK(sel.outsideEmbedded);
        CHECK(sel.outside == std::vector<std::string>{"../shared/x.yaml"});
        CHECK(h.files.size() == 3);
    }
    SECTION("a symbolic link inside the project to a file outside counts as outside") {
        std::ofstream(dir.path() / "shared/secret.yaml") << "x";
        fs::create_symlink(dir.path() / "shared/secret.yaml", proj / "floors/link.yaml");
        ReplayHeader h;
        h.files =
            embeddedFileNames({{scen, "s"}, {(proj / "floors/link.yaml").string(), "x"}}, scen);
        const EmbedSelection sel = selectEmbeddedFiles(h, scen, false);
        CHECK(sel.outside == std::vector<std::string>{"floors/link.yaml"});
        CHECK(h.files.size() == 1);
    }
    SECTION("the git work tree around the scenario is the project folder") {
        fs::create_directories(dir.path() / ".git");
        CHECK(projectFolder(scen) == fs::weakly_canonical(dir.path()).string());
        ReplayHeader h = header();
        const EmbedSelection sel = selectEmbeddedFiles(h, scen, false);
        CHECK(sel.outside.empty());
        CHECK(h.files.size() == 3);
    }
}

TEST_CASE("a project loads from memory without touching other files", "[replay][security]") {
    TempDir dir;
    const std::string tiny = MUSTER_SOURCE_DIR "/tests/data/good/tiny/";
    std::vector<std::pair<std::string, std::string>> files;
    for (const char* f : {"scenario.yaml", "clinic.yaml", "1f.yaml", "2f.yaml", "inventory.yaml",
                          "population.yaml"})
        files.emplace_back(f, readText(tiny + f));

    SECTION("the embedded tiny clinic loads") {
        Diagnostics d;
        const auto p = loadProjectFromMemory(files, d);
        INFO((d.all().empty() ? "" : d.all()[0].message));
        REQUIRE(p);
        CHECK(p->buildings.size() == 1);
        CHECK(p->findFloor("CL-1F") != nullptr);
    }
    SECTION("a reference to a file on disk is not followed, even when the file exists") {
        // A real, valid building file at an absolute path: loading from disk would accept it.
        const std::string onDisk = dir.file("clinic.yaml");
        fs::copy_file(tiny + "clinic.yaml", onDisk);
        for (const char* f : {"1f.yaml", "2f.yaml"})
            fs::copy_file(tiny + f, dir.file(f));
        std::string scenario = files[0].second;
        const auto at = scenario.find("buildings: [clinic.yaml]");
        REQUIRE(at != std::string::npos);
        scenario.replace(at, 24, "buildings: [" + onDisk + "]");
        auto crafted = files;
        crafted[0].second = scenario;
        Diagnostics d;
        CHECK_FALSE(loadProjectFromMemory(crafted, d));
        CHECK(anyDiagnosticContains(d, "cannot open file \"" + onDisk +
                                           "\": the replay does not embed this file"));
    }
}

TEST_CASE("muster run leaves outside files out of run.mrpl unless --embed-outside",
          "[replay][security]") {
    TempDir dir;
    const std::string tiny = MUSTER_SOURCE_DIR "/tests/data/good/tiny/";
    fs::create_directories(dir.path() / "proj");
    fs::create_directories(dir.path() / "shared");
    for (const char* f : {"clinic.yaml", "1f.yaml", "2f.yaml", "inventory.yaml", "population.yaml"})
        fs::copy_file(tiny + f, dir.path() / "shared" / f);
    std::string scenario = readText(tiny + "scenario.yaml");
    for (const char* f : {"clinic.yaml", "inventory.yaml", "population.yaml"}) {
        const auto at = scenario.find(f);
        REQUIRE(at != std::string::npos);
        scenario.replace(at, std::string(f).size(), std::string("../shared/") + f);
    }
    std::ofstream(dir.path() / "proj/scenario.yaml") << scenario;
    REQUIRE(projectFolder(dir.file("proj/scenario.yaml")) ==
            fs::weakly_canonical(dir.path() / "proj").string());
    auto embedded = [&](const std::string& replay) {
        const Run info = runMuster(dir.path(), {"replay-info", "--json", replay});
        REQUIRE(info.exitCode == 0);
        std::vector<std::string> names;
        const nlohmann::json j = nlohmann::json::parse(info.out);
        for (const auto& f : j["files"])
            names.push_back(f["path"].get<std::string>());
        return names;
    };

    SECTION("without the option: left out, each named in a warning") {
        const Run r = runMuster(dir.path(), {"run", "proj/scenario.yaml", "--out", "out"});
        REQUIRE(r.exitCode == 0);
        CHECK(contains(r.err, "warning: left out of the replay: 5 files from outside the "
                              "project folder"));
        for (const char* f :
             {"clinic.yaml", "1f.yaml", "2f.yaml", "inventory.yaml", "population.yaml"})
            CHECK(contains(r.err, std::string("  ../shared/") + f + "\n"));
        CHECK(embedded(dir.file("out/run.mrpl")) == std::vector<std::string>{"scenario.yaml"});
    }
    SECTION("with --embed-outside: embedded, and listed") {
        const Run r =
            runMuster(dir.path(), {"run", "proj/scenario.yaml", "--out", "out", "--embed-outside"});
        REQUIRE(r.exitCode == 0);
        CHECK(contains(r.err, "--embed-outside: the replay embeds 5 files from outside"));
        CHECK(contains(r.err, "  ../shared/clinic.yaml\n"));
        const auto names = embedded(dir.file("out/run.mrpl"));
        REQUIRE(names.size() == 6);
        CHECK(names[0] == "scenario.yaml");
        CHECK(std::find(names.begin(), names.end(), "../shared/1f.yaml") != names.end());
    }
    SECTION("a project that holds all its files says nothing") {
        const Run r = runMuster(dir.path(), {"run", tiny + "scenario.yaml", "--out", "out"});
        REQUIRE(r.exitCode == 0);
        CHECK_FALSE(contains(r.err, "outside the project folder"));
        const auto names = embedded(dir.file("out/run.mrpl"));
        CHECK(names.size() == 6);
        for (const auto& n : names)
            CHECK(embeddedNameProblem(n).empty());
    }
}
