// Input limits (issue 18, docs/format.md "Limits"): absurd input gets a clear, located error,
// never a silent wrap, a crash, a hang or a run that spins without output.
#include <sys/stat.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>

#include <cstdlib>

#include "input_fixture.hpp"
#include "muster/limits.hpp"
#include "muster/loader.hpp"

using namespace muster;
using namespace muster::test;

namespace {

struct Outcome {
    bool loaded = false;
    std::vector<Diagnostic> errors;
    std::string text; // every message, one per line, for INFO and searching
    [[nodiscard]] bool has(const std::string& needle) const {
        return text.find(needle) != std::string::npos;
    }
    // The error whose message contains `needle` (nullptr when none).
    [[nodiscard]] const Diagnostic* find(const std::string& needle) const {
        for (const auto& e : errors)
            if (e.message.find(needle) != std::string::npos)
                return &e;
        return nullptr;
    }
};

// The tiny clinic with `file`'s text changed from `from` to `to`, loaded (and validated).
Outcome loadChanged(const std::string& file, const std::string& from, const std::string& to) {
    TempDir tmp;
    copyTiny(tmp.path());
    std::string text = readFile(tinyDir() / file);
    REQUIRE(text.find(from) != std::string::npos);
    replaceAll(text, from, to);
    writeFile(tmp / file, text);
    Diagnostics d;
    Outcome o;
    o.loaded = loadProject((tmp / "scenario.yaml").string(), d).has_value();
    for (const auto& x : d.all()) {
        if (x.severity == Severity::Error)
            o.errors.push_back(x);
        o.text += x.loc.file + ":" + std::to_string(x.loc.line) + ": [" + x.keyPath + "] " +
                  x.message + "\n";
    }
    return o;
}

int lineOf(const std::string& text, const std::string& needle) {
    const auto at = text.find(needle);
    REQUIRE(at != std::string::npos);
    return static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n')) +
           1;
}

} // namespace

TEST_CASE("the unchanged tiny clinic is within every limit", "[input][limits]") {
    const Outcome o = loadChanged("scenario.yaml", "seed: 7", "seed: 7");
    INFO(o.text);
    CHECK(o.loaded);
    CHECK(o.errors.empty());
}

TEST_CASE("whole numbers are range-checked before they are narrowed", "[input][limits]") {
    // 4294967297 = 2^32 + 1 used to become 1 person; 2^31 - 1 twice summed to a negative count.
    for (const char* n : {"4294967297", "2147483647", "1000001", "-1", "99999999999999999999"}) {
        const Outcome o = loadChanged("population.yaml", "profile: visitor, day: 20",
                                      std::string("profile: visitor, day: ") + n);
        INFO(n << "\n" << o.text);
        CHECK_FALSE(o.loaded);
        REQUIRE(o.errors.size() == 1);
        CHECK(o.errors[0].keyPath == "groups[1].day");
        CHECK(o.errors[0].loc.line == 4);
    }
    SECTION("at the limit it loads") {
        // A million visitors fit no 72 m² room: the density check, not the number, refuses it.
        const Outcome o = loadChanged("population.yaml", "profile: visitor, day: 20",
                                      "profile: visitor, day: 400");
        INFO(o.text);
        CHECK(o.loaded);
    }
    SECTION("a floor level and a rating") {
        const Outcome lv = loadChanged("1f.yaml", "level: 1", "level: 4294967297");
        INFO(lv.text);
        REQUIRE(lv.errors.size() == 1);
        CHECK(lv.errors[0].keyPath == "level");
        CHECK(lv.has("from -10 to 300"));
        const Outcome ra = loadChanged("inventory.yaml", "rating: {a: 2, b: 55}",
                                       "rating: {a: 4294967298, b: 55}");
        INFO(ra.text);
        REQUIRE_FALSE(ra.errors.empty());
        CHECK(ra.errors[0].keyPath.ends_with("rating.a"));
    }
}

TEST_CASE("one YAML document per file: `...` and a second `---` are errors", "[input][limits]") {
    const std::string floor = readFile(tinyDir() / "1f.yaml");
    SECTION("`...` before the doors would have cut them off") {
        const Outcome o = loadChanged("1f.yaml", "doors:\n", "...\ndoors:\n");
        INFO(o.text);
        CHECK_FALSE(o.loaded);
        const Diagnostic* e = o.find("`...` ends the YAML document");
        REQUIRE(e);
        CHECK(e->loc.line == lineOf(floor, "doors:\n"));
        CHECK(e->loc.column == 1);
    }
    SECTION("a second document") {
        const Outcome o = loadChanged("1f.yaml", "doors:\n", "---\ndoors:\n");
        INFO(o.text);
        CHECK_FALSE(o.loaded);
        const Diagnostic* e = o.find("a second YAML document");
        REQUIRE(e);
        CHECK(e->loc.line == lineOf(floor, "doors:\n"));
    }
    SECTION("a leading `---` and a trailing `...` are fine") {
        const Outcome o = loadChanged("1f.yaml", "kind: floor\n", "---\nkind: floor\n");
        INFO(o.text);
        CHECK(o.loaded);
        const Outcome t = loadChanged("2f.yaml", "fire_rating_min: 60}\n",
                                      "fire_rating_min: 60}\n...\n# the end\n");
        INFO(t.text);
        CHECK(t.loaded);
    }
}

TEST_CASE("drawings nobody can use are errors", "[input][limits]") {
    SECTION("a building with no exit") {
        const std::string floor = readFile(tinyDir() / "1f.yaml");
        const std::string exits = floor.substr(floor.find("exits:\n"));
        const Outcome o = loadChanged("1f.yaml", exits, "");
        INFO(o.text);
        CHECK_FALSE(o.loaded);
        const Diagnostic* e = o.find("has no exit on any of its 2 floor(s)");
        REQUIRE(e);
        CHECK(e->loc.file.ends_with("clinic.yaml"));
    }
    SECTION("a room far outside its floor") {
        const Outcome o = loadChanged("1f.yaml", "[[10, 0], [20, 0], [20, 4], [10, 4]]",
                                      "[[10, 0], [120, 0], [120, 4], [10, 4]]");
        INFO(o.text);
        const Diagnostic* e = o.find("m outside the outline of floor CL-1F");
        REQUIRE(e);
        CHECK(e->keyPath == "rooms[1].polygon");
        CHECK(o.has("(120, 0), 100 m outside"));
    }
    SECTION("a stair end on a corner of its room") {
        for (const char* at : {"[18.0, 6.0]", "[20.0, 10.0]", "[18.1, 8.5]"}) {
            const Outcome o = loadChanged("clinic.yaml", "lower: {floor: CL-1F, at: [19.0, 8.5]}",
                                          std::string("lower: {floor: CL-1F, at: ") + at + "}");
            INFO(at << "\n" << o.text);
            CHECK_FALSE(o.loaded);
            CHECK(o.find("stair lower end"));
        }
    }
    SECTION("a floor drawn in millimetres") {
        const Outcome o = loadChanged("2f.yaml", "outline: [[0, 0], [20, 0], [20, 10], [0, 10]]",
                                      "outline: [[0, 0], [20000, 0], [20000, 10000], [0, 10000]]");
        INFO(o.text);
        CHECK(o.has("floor outline is 20000 m across; at most 2000 m"));
    }
    SECTION("a floor whose navigation grid would not fit in memory") {
        // 1.5 km square: within the extent limit, but 7,501² cells at 0.2 m.
        const Outcome o = loadChanged("2f.yaml", "outline: [[0, 0], [20, 0], [20, 10], [0, 10]]",
                                      "outline: [[0, 0], [1500, 0], [1500, 1500], [0, 1500]]");
        INFO(o.text);
        CHECK(o.has("million navigation cells at cell_m 0.2 m"));
    }
}

TEST_CASE("physical bounds on time steps, widths and densities", "[input][limits]") {
    for (const char* dt : {"1e9", "1e-12", "0", "2"}) {
        const Outcome o =
            loadChanged("scenario.yaml", "time_step_s: 0.05", std::string("time_step_s: ") + dt);
        INFO(dt << "\n" << o.text);
        REQUIRE(o.errors.size() == 1);
        CHECK(o.errors[0].keyPath == "time_step_s");
        CHECK(o.has("from 0.001 to 1"));
    }
    for (const char* t : {"1e12", "86401"}) {
        const Outcome o =
            loadChanged("scenario.yaml", "max_time_s: 600", std::string("max_time_s: ") + t);
        INFO(t << "\n" << o.text);
        REQUIRE(o.errors.size() == 1);
        CHECK(o.errors[0].keyPath == "max_time_s");
    }
    for (const char* w : {"0.1", "25", "1e300"}) {
        const Outcome o = loadChanged("1f.yaml", "at: [15, 4], width_m: 1.0",
                                      std::string("at: [15, 4], width_m: ") + w);
        INFO(w << "\n" << o.text);
        REQUIRE(o.errors.size() == 1);
        CHECK(o.errors[0].keyPath == "doors[1].width_m");
        CHECK(o.has("from 0.3 to 20"));
    }
    SECTION("more than 6 people per m²") {
        // CL-103 is 18 × 4 = 72 m²: 433 people is 6.01 per m².
        const Outcome ok = loadChanged("population.yaml", "profile: visitor, day: 20",
                                       "profile: visitor, day: 432");
        INFO(ok.text);
        CHECK(ok.loaded);
        const Outcome o = loadChanged("population.yaml", "profile: visitor, day: 20",
                                      "profile: visitor, day: 433");
        INFO(o.text);
        CHECK_FALSE(o.loaded);
        const Diagnostic* e = o.find("people in room CL-103 (72 m²) is 6.01 per m²");
        REQUIRE(e);
        CHECK(e->keyPath == "groups[1].day");
    }
}

TEST_CASE("a referenced file must be a regular file - messages quote only an excerpt",
          "[input][limits]") {
    SECTION("a device") {
        const Outcome o =
            loadChanged("scenario.yaml", "population: population.yaml", "population: /dev/zero");
        INFO(o.text);
        CHECK_FALSE(o.loaded);
        CHECK(o.has("expected a YAML file at \"/dev/zero\", got a device, pipe or socket"));
    }
    SECTION("a named pipe (would block the read forever)") {
        TempDir tmp;
        copyTiny(tmp.path());
        REQUIRE(::mkfifo((tmp / "pipe.yaml").c_str(), 0600) == 0);
        std::string s = readFile(tmp / "scenario.yaml");
        replaceAll(s, "population: population.yaml", "population: pipe.yaml");
        writeFile(tmp / "scenario.yaml", s);
        Diagnostics d;
        CHECK_FALSE(loadProject((tmp / "scenario.yaml").string(), d).has_value());
        REQUIRE(d.errorCount() == 1);
        CHECK(d.all()[0].message.find("got a device, pipe or socket") != std::string::npos);
    }
    SECTION("a folder") {
        const Outcome o =
            loadChanged("scenario.yaml", "population: population.yaml", "population: .");
        INFO(o.text);
        CHECK(o.has("got a folder"));
    }
    SECTION("a file that is not YAML is quoted by at most 40 characters of its first line") {
        TempDir tmp;
        copyTiny(tmp.path());
        std::string secret = "root:x:0:0:root:/root:/bin/bash";
        while (secret.size() < 200)
            secret += ":secret-part";
        writeFile(tmp / "population.yaml", secret + "\nsecond line with more secrets\n");
        Diagnostics d;
        CHECK_FALSE(loadProject((tmp / "scenario.yaml").string(), d).has_value());
        REQUIRE(d.errorCount() >= 1);
        for (const auto& x : d.all()) {
            INFO(x.message);
            CHECK(x.message.find(secret.substr(0, 41)) == std::string::npos);
            CHECK(x.message.find("second line") == std::string::npos);
        }
        CHECK(d.all()[0].message.find(secret.substr(0, 40) + "...") != std::string::npos);
    }
}

namespace {

// Runs `muster ARGS` and returns (exit code, stderr); -1 when it died of a signal.
std::pair<int, std::string> runMuster(const std::string& args) {
    const char* env = std::getenv("MUSTER_BIN");
    const std::string bin = env && *env ? env : MUSTER_BINARY_DIR "/sim/muster";
    TempDir tmp;
    const std::string cmd =
        "'" + bin + "' " + args + " >/dev/null 2>'" + (tmp / "err").string() + "' </dev/null";
    const int status = std::system(cmd.c_str());
    const std::string err = readFile(tmp / "err");
    if (!WIFEXITED(status))
        return {-1, err};
    return {WEXITSTATUS(status), err};
}

} // namespace

TEST_CASE("command-line numbers are checked: no crash on 0, nan, inf or 1e-300",
          "[input][limits][cli]") {
    const std::string tiny = "'" + (tinyDir() / "scenario.yaml").string() + "'";
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"check " + tiny + " --cell 0", "--cell"},
        {"check " + tiny + " --cell nan", "--cell"},
        {"check " + tiny + " --cell inf", "--cell"},
        {"check " + tiny + " --cell 1e-300", "--cell"},
        {"check " + tiny + " --cell -0.2", "--cell"},
        {"check " + tiny + " --cell 5", "--cell"},
        {"check " + tiny + " --due-days -1", "--due-days"},
        {"bench-check " + tiny + " --runs 0", "--runs"},
        {"forecast " + tiny + " --months 0", "--months"},
        {"drill " + tiny + " --runs 0", "--runs"},
        {"drill " + tiny + " --threads 0", "--threads"},
        {"drill " + tiny + " --runs 1e9", "--runs"},
        {"plan " + tiny + " --unannounced nan", "--unannounced"},
        {"plan " + tiny + " --unannounced 1.5", "--unannounced"},
        {"plan " + tiny + " --year 99999", "--year"},
        {"bench --sizes 0 --no-hospital", "--sizes"},
    };
    for (const auto& [args, option] : cases) {
        const auto [code, err] = runMuster(args);
        INFO("muster " << args << "\n" << err);
        CHECK(code == 2);
        CHECK(err.find(option) != std::string::npos);
        CHECK(err.find("expected a") != std::string::npos);
    }
    SECTION("a valid value still runs") {
        const auto [code, err] = runMuster("check " + tiny + " --cell 0.5 --date 2026-12-02");
        INFO(err);
        CHECK((code == 0 || code == 1)); // 1: the clinic has findings
    }
}
