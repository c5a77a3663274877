// Replays are files people send each other: range checks of every field, frames going back in
// time, damaged and truncated files, `replay-info --check`. docs/security.md.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "muster/replay.hpp"
#include "replay/replay_chunks.hpp"
#include "replay_test_util.hpp"

namespace fs = std::filesystem;
using namespace muster;
using namespace replay_test;

namespace {

constexpr std::size_t kAgents = 6;

ReplayHeader smallHeader() {
    ReplayHeader h;
    h.seed = 3;
    h.scenarioPath = "ward.yaml";
    h.files = {{"ward.yaml", "kind: scenario\n"}};
    h.floors = {{"F1", "一层", "B"}, {"F2", "二层", "B"}};
    h.doorIds = {"D1", "D2", "D3"};
    h.roomIds = {"R1", "R2"};
    for (std::size_t i = 0; i < kAgents; ++i) {
        AgentInfo a;
        a.id = static_cast<std::uint32_t>(i);
        a.profile = i % 2 ? "staff" : "visitor";
        h.agents.push_back(a);
    }
    return h;
}

Frame smallFrame(double t) {
    Frame f;
    f.t = t;
    f.agents.resize(kAgents);
    for (std::size_t i = 0; i < kAgents; ++i) {
        f.agents[i].x = static_cast<float>(i);
        f.agents[i].floor = static_cast<std::int16_t>(static_cast<int>(i % 3) - 1); // -1, 0, 1
        f.agents[i].state = static_cast<AgentState>(i % 8);
    }
    f.doorOpen = {1, 0, 1};
    f.roomSmoke = {0.0f, 0.5f};
    return f;
}

// Writes a replay with frames at the given times (in this order) and one event.
void writeTimes(const std::string& path, const std::vector<double>& times,
                ReplayHeader h = smallHeader()) {
    Diagnostics d;
    ReplayWriter w;
    w.setTimeOrderCheck(false); // these files are damaged on purpose
    REQUIRE(w.open(path, h, d));
    for (double t : times)
        w.writeFrame(smallFrame(t));
    w.writeEvent({0.5, EventKind::Alarm, "", "alarm"});
    REQUIRE(w.finish());
}

} // namespace

TEST_CASE("a replay frame going back in time is reported and left out", "[replay][security]") {
    TempDir dir;
    const std::vector<double> times = {0.0, 0.1, 0.2, 0.15, 0.3, 0.4};

    SECTION("in a complete file") {
        const std::string path = dir.file("back.mrpl");
        writeTimes(path, times);
        Diagnostics d;
        ReplayReader r;
        REQUIRE(r.open(path, d));
        CHECK(r.complete());
        REQUIRE(r.frameCount() == 5);
        for (std::size_t i = 1; i < r.frameCount(); ++i)
            CHECK(r.frameTime(i) > r.frameTime(i - 1));
        REQUIRE(d.all().size() == 1);
        CHECK(d.all()[0].severity == Severity::Warning);
        CHECK_THAT(d.all()[0].message,
                   Catch::Contains("goes back in time (t = 0.15 s after a frame at 0.2 s)"));
        REQUIRE(r.problems().size() == 1);
        const ReplayCheck c = checkReplay(r);
        CHECK_FALSE(c.ok());
        CHECK(c.damagedFrames.empty());
    }
    SECTION("in a file cut short (the scan)") {
        const std::string path = dir.file("back_cut.mrpl");
        writeTimes(path, times);
        auto b = readBytes(path);
        writeBytes(path, b, b.size() - 30); // the end marker and part of the index
        Diagnostics d;
        ReplayReader r;
        REQUIRE(r.open(path, d));
        CHECK_FALSE(r.complete());
        CHECK(r.frameCount() == 5);
        CHECK(anyDiagnosticContains(d, "goes back in time"));
        CHECK(anyDiagnosticContains(d, "no intact end marker"));
    }
    SECTION("a time that is not a number is left out too") {
        const std::string path = dir.file("nan.mrpl");
        writeTimes(path, {0.0, std::numeric_limits<double>::quiet_NaN(), 0.2, -1.0});
        Diagnostics d;
        ReplayReader r;
        REQUIRE(r.open(path, d));
        CHECK(r.frameCount() == 2);
        CHECK(r.problems().size() == 2);
        CHECK(anyDiagnosticContains(d, "not a finite number >= 0"));
    }
    SECTION("muster replay-info --check exits 1 and says why; a whole replay exits 0") {
        const std::string bad = dir.file("back.mrpl");
        writeTimes(bad, times);
        const Run r = runMuster(dir.path(), {"replay-info", "--check", bad});
        CHECK(r.exitCode == 1);
        CHECK(contains(r.err, "goes back in time"));
        CHECK(contains(r.out, "problem"));
        const std::string good = dir.file("good.mrpl");
        writeTimes(good, {0.0, 0.1, 0.2});
        const Run g = runMuster(dir.path(), {"replay-info", "--check", good});
        CHECK(g.exitCode == 0);
        CHECK(contains(g.out, ": OK, 3 frames, 1 event"));
        CHECK(g.err.empty());
    }
}

TEST_CASE("every field a replay holds is range-checked", "[replay][security]") {
    TempDir dir;
    const std::string path = dir.file("r.mrpl");

    SECTION("header fields out of range refuse the file with the field named") {
        struct Case {
            const char* what;
            void (*edit)(ReplayHeader&);
            const char* message;
        };
        const Case cases[] = {
            {"time step NaN", [](ReplayHeader& h) { h.timeStepS = std::nan(""); },
             "the time step nan s is not in (0, 60] s"},
            {"time step 0", [](ReplayHeader& h) { h.timeStepS = 0.0; }, "the time step 0 s"},
            {"frame interval inf",
             [](ReplayHeader& h) { h.frameIntervalS = std::numeric_limits<double>::infinity(); },
             "the frame interval inf s"},
            {"agent id", [](ReplayHeader& h) { h.agents[2].id = 7; },
             "agent 2 has id 7 (the id is the agent's index)"},
            {"device kind", [](ReplayHeader& h) { h.agents[1].device = DeviceKind(9); },
             "device kind 9 (known: 0 to 3)"},
            {"radius", [](ReplayHeader& h) { h.agents[0].radiusM = -1.0f; },
             "agent 0 has a radius or device size outside"},
        };
        for (const Case& c : cases) {
            DYNAMIC_SECTION(c.what) {
                ReplayHeader h = smallHeader();
                c.edit(h);
                writeTimes(path, {0.0}, h);
                Diagnostics d;
                ReplayReader r;
                CHECK_FALSE(r.open(path, d));
                REQUIRE(d.all().size() == 1);
                CHECK_THAT(d.all()[0].message, Catch::Contains("is malformed: "));
                CHECK_THAT(d.all()[0].message, Catch::Contains(c.message));
            }
        }
    }

    SECTION("frame fields out of range make that frame damaged, with why") {
        struct Case {
            const char* what;
            void (*edit)(Frame&);
            const char* message;
        };
        const Case cases[] = {
            {"floor index past the header's floors", [](Frame& f) { f.agents[3].floor = 2; },
             "a status names floor 2; the header has 2 floors"},
            {"floor index below -1", [](Frame& f) { f.agents[3].floor = -5; },
             "a status names floor -5"},
            {"unknown state", [](Frame& f) { f.agents[0].state = AgentState(8); },
             "a status has state 8 (known: 0 to 7)"},
            {"door state 2", [](Frame& f) { f.doorOpen[1] = 2; }, "door 1 has state 2"},
            {"smoke 1.5", [](Frame& f) { f.roomSmoke[0] = 1.5f; }, "room 0 has smoke level 1.5"},
            {"smoke NaN", [](Frame& f) { f.roomSmoke[1] = std::nanf(""); },
             "room 1 has smoke level nan"},
            {"more agents than the header", [](Frame& f) { f.agents.emplace_back(); },
             "it holds 7 agents, 3 doors and 2 rooms; the header lists 6, 3 and 2"},
            {"fewer doors than the header", [](Frame& f) { f.doorOpen.pop_back(); },
             "it holds 6 agents, 2 doors and 2 rooms"},
        };
        for (const Case& c : cases) {
            DYNAMIC_SECTION(c.what) {
                Diagnostics d;
                {
                    ReplayWriter w;
                    REQUIRE(w.open(path, smallHeader(), d));
                    w.writeFrame(smallFrame(0.0));
                    Frame bad = smallFrame(0.1);
                    c.edit(bad);
                    w.writeFrame(bad);
                    w.writeFrame(smallFrame(0.2));
                    REQUIRE(w.finish());
                }
                ReplayReader r;
                REQUIRE(r.open(path, d));
                REQUIRE(r.frameCount() == 3);
                Frame f;
                CHECK(r.readFrame(0, f));
                CHECK_FALSE(r.readFrame(1, f));
                CHECK_THAT(r.frameError(), Catch::Contains("is malformed: "));
                CHECK_THAT(r.frameError(), Catch::Contains(c.message));
                CHECK(r.readFrame(2, f));
                const ReplayCheck check = checkReplay(r);
                CHECK(check.damagedFrames == std::vector<std::size_t>{1});
                REQUIRE(check.frameProblems.size() == 1);
                CHECK_THAT(check.frameProblems[0], Catch::Contains(c.message));

                const Run run = runMuster(dir.path(), {"replay-info", "--check", path});
                CHECK(run.exitCode == 1);
                CHECK(contains(run.err, "frame 1 (t = 0.100 s) is damaged"));
                const Run dump = runMuster(dir.path(), {"replay-info", path});
                CHECK(dump.exitCode == 0); // the dump itself is not a check
                CHECK(contains(dump.err, "frame 1 (t = 0.100 s) is damaged")); // but says so
            }
        }
    }

    SECTION("an event of an unknown kind is skipped with a warning") {
        Diagnostics d;
        {
            ReplayWriter w;
            REQUIRE(w.open(path, smallHeader(), d));
            w.writeFrame(smallFrame(0.0));
            w.writeEvent({0.0, EventKind(12), "", "from the future"});
            w.writeEvent({0.0, EventKind::Alarm, "", ""});
            REQUIRE(w.finish());
        }
        ReplayReader r;
        REQUIRE(r.open(path, d));
        CHECK(r.events().size() == 1);
        CHECK(anyDiagnosticContains(d, "skipped a damaged event"));
    }

    SECTION("refused embedded names are reported by --check") {
        ReplayHeader h = smallHeader();
        h.files.emplace_back("x/../../../tmp/target", "evil");
        writeTimes(path, {0.0}, h);
        const Run run = runMuster(dir.path(), {"replay-info", "--check", path});
        CHECK(run.exitCode == 1);
        CHECK(contains(run.err, "embedded file \"x/../../../tmp/target\" would not be loaded"));
    }
}

TEST_CASE("truncated or garbled replays are reported without a crash", "[replay][security]") {
    TempDir dir;
    const std::string full = dir.file("full.mrpl");
    std::vector<double> times;
    for (int k = 0; k < 40; ++k)
        times.push_back(0.1 * k);
    writeTimes(full, times);
    const auto bytes = readBytes(full);
    const std::string damaged = dir.file("damaged.mrpl");
    const ReplayHeader want = smallHeader();

    // Whatever a reader returns must be in range for the viewer to index.
    auto checkInRange = [&](ReplayReader& r) {
        Frame f;
        for (std::size_t i = 0; i < r.frameCount(); ++i) {
            if (i > 0)
                REQUIRE(r.frameTime(i) >= r.frameTime(i - 1));
            if (!r.readFrame(i, f)) {
                REQUIRE_FALSE(r.frameError().empty());
                continue;
            }
            REQUIRE(f.agents.size() == r.header().agents.size());
            REQUIRE(f.doorOpen.size() == r.header().doorIds.size());
            REQUIRE(f.roomSmoke.size() == r.header().roomIds.size());
            for (const AgentSample& a : f.agents) {
                REQUIRE(a.floor >= -1);
                REQUIRE(a.floor < static_cast<int>(r.header().floors.size()));
                REQUIRE(static_cast<int>(a.state) <= 7);
            }
            for (std::uint8_t o : f.doorOpen)
                REQUIRE(o <= 1);
            for (float s : f.roomSmoke)
                REQUIRE((s >= 0.0f && s <= 1.0f));
        }
    };

    SECTION("cut at every byte: refused with one error, or opened with a warning") {
        ReplayReader whole;
        Diagnostics wd;
        REQUIRE(whole.open(full, wd));
        for (std::size_t keep = 0; keep < bytes.size(); ++keep) {
            INFO("kept " << keep << " of " << bytes.size() << " bytes");
            writeBytes(damaged, bytes, keep);
            Diagnostics d;
            ReplayReader r;
            if (!r.open(damaged, d)) {
                REQUIRE(d.errorCount() == 1);
                continue;
            }
            REQUIRE_FALSE(r.complete());
            REQUIRE(d.warningCount() >= 1);
            REQUIRE(r.frameCount() <= whole.frameCount());
            checkInRange(r);
            REQUIRE_FALSE(checkReplay(r).ok());
        }
    }

    SECTION("random bytes garbled, CRCs repaired so the decoders see the damage") {
        using namespace muster::replayfmt;
        std::mt19937 rng(18);
        int opened = 0, refused = 0, damagedFrames = 0;
        for (int round = 0; round < 1500; ++round) {
            auto b = bytes;
            const int flips = 1 + static_cast<int>(rng() % 4);
            for (int k = 0; k < flips; ++k)
                b[12 + rng() % (b.size() - 12)] = static_cast<std::uint8_t>(rng());
            // Walk the chunks and recompute every CRC whose length still fits.
            std::size_t pos = 12;
            while (pos + 12 <= b.size()) {
                const std::uint32_t len = getU32(b.data() + pos + 4);
                if (len > b.size() - pos - 12)
                    break;
                putU32(b.data() + pos + 8 + len, chunkCrc(b.data() + pos, b.data() + pos + 8, len));
                pos += 12 + len;
            }
            writeBytes(damaged, b, b.size());
            Diagnostics d;
            ReplayReader r;
            if (!r.open(damaged, d)) {
                REQUIRE(d.errorCount() == 1);
                ++refused;
                continue;
            }
            ++opened;
            checkInRange(r);
            damagedFrames += static_cast<int>(checkReplay(r).damagedFrames.size());
        }
        INFO("opened " << opened << ", refused " << refused << ", damaged frames "
                       << damagedFrames);
        CHECK(opened > 0);
        CHECK(refused > 0);
        CHECK(damagedFrames > 0);
    }
}
