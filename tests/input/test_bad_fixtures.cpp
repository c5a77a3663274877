// Every file in tests/data/bad has one mistake and states, on its first line, the one diagnostic
// `muster validate FILE` must print for it:
//   # expect: door_width_not_number.yaml:22:40: error: doors[2].width_m: expected a width ...
// Adding a regression case is adding one file.
#include <sys/wait.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <vector>

#include "input_fixture.hpp"
#include "muster/loader.hpp"

using namespace muster;
using namespace muster::test;

namespace {

const std::string kExpectPrefix = "# expect: ";

std::string expectedLine(const fs::path& file) {
    std::ifstream in(file);
    std::string first;
    std::getline(in, first);
    if (first.rfind(kExpectPrefix, 0) != 0)
        return "";
    return first.substr(kExpectPrefix.size());
}

// What `muster validate` prints for the file, with paths relative to tests/data/bad (in the
// location and in messages that name a file, such as "first defined at ...").
std::vector<std::string> validateRelative(const fs::path& file) {
    Diagnostics d;
    validateFile(file.string(), d);
    d.sort();
    std::vector<std::string> lines;
    for (const auto& x : d.all()) {
        std::string line = formatDiagnostic(x);
        replaceAll(line, badDir().string() + "/", "");
        lines.push_back(line);
    }
    return lines;
}

std::vector<fs::path> badFiles() {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(badDir()))
        if (e.is_regular_file() && e.path().extension() == ".yaml")
            files.push_back(e.path());
    std::sort(files.begin(), files.end());
    return files;
}

struct RunResult {
    int exitCode = -1;
    std::string out, err;
};

std::string shellQuote(const std::string& s) {
    std::string q = "'";
    for (char c : s)
        q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

// Runs the real CLI binary in `cwd` with `args`, capturing stdout and stderr.
RunResult runMuster(const fs::path& cwd, const std::string& args) {
    const char* env = std::getenv("MUSTER_BIN");
    const std::string bin = env && *env ? env : MUSTER_BINARY_DIR "/sim/muster";
    TempDir tmp;
    const fs::path out = tmp / "stdout", err = tmp / "stderr";
    const std::string cmd = "cd " + shellQuote(cwd.string()) + " && " + shellQuote(bin) + " " +
                            args + " >" + shellQuote(out.string()) + " 2>" +
                            shellQuote(err.string());
    const int status = std::system(cmd.c_str());
    RunResult r;
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = readFile(out);
    r.err = readFile(err);
    return r;
}

} // namespace

TEST_CASE("every bad fixture produces exactly the diagnostic its first line states",
          "[input][fixtures]") {
    const auto files = badFiles();
    REQUIRE(files.size() >= 34);
    for (const auto& file : files) {
        DYNAMIC_SECTION(file.filename().string()) {
            const std::string expected = expectedLine(file);
            {
                INFO("its first line must be \"" << kExpectPrefix << "<diagnostic>\"");
                REQUIRE_FALSE(expected.empty());
            }
            CHECK(validateRelative(file) == std::vector<std::string>{expected});
        }
    }
}

TEST_CASE("the muster CLI reports on stderr and sets its exit code", "[input][cli]") {
    SECTION("a bad file prints its one expected diagnostic and exits 1") {
        const std::string name = "door_width_not_number.yaml";
        const RunResult r = runMuster(badDir(), "validate " + name);
        CHECK(r.err == expectedLine(badDir() / name) + "\n");
        CHECK(r.out.empty());
        CHECK(r.exitCode == 1);
    }
    SECTION("a file with only a warning exits 0, or 1 with --werror") {
        const std::string name = "unknown_key_warning.yaml";
        const RunResult r = runMuster(badDir(), "validate " + name);
        CHECK(r.err == expectedLine(badDir() / name) + "\n");
        CHECK(r.exitCode == 0);
        CHECK(runMuster(badDir(), "validate --werror " + name).exitCode == 1);
    }
    SECTION("the good tiny scenario prints nothing and exits 0") {
        const RunResult r = runMuster(tinyDir(), "validate scenario.yaml");
        CHECK(r.err.empty());
        CHECK(r.out.empty());
        CHECK(r.exitCode == 0);
    }
    SECTION("no arguments is a usage error: exit 2") {
        CHECK(runMuster(sourceDir(), "").exitCode == 2);
        CHECK(runMuster(sourceDir(), "validate").exitCode == 2);
    }
}
