// Replay file: round trip, determinism, truncation and damage recovery, bad input, the info dump.
#include <algorithm>
#include <bit>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "../temp_dir.hpp"
#include "muster/replay.hpp"

namespace fs = std::filesystem;
using namespace muster;

namespace {

using muster::test::TempDir;

std::vector<std::uint8_t> readBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeBytes(const std::string& path, const std::vector<std::uint8_t>& bytes, std::size_t n) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(n));
}

std::uint32_t le32(const std::vector<std::uint8_t>& b, std::size_t at) {
    return std::uint32_t{b[at]} | std::uint32_t{b[at + 1]} << 8 | std::uint32_t{b[at + 2]} << 16 |
           std::uint32_t{b[at + 3]} << 24;
}

// Bit-by-bit CRC-32 (IEEE), independent of the table-driven one in the library.
std::uint32_t referenceCrc32(const std::uint8_t* p, std::size_t n) {
    std::uint32_t c = 0xFFFFFFFFu;
    for (std::size_t i = 0; i < n; ++i) {
        c ^= p[i];
        for (int k = 0; k < 8; ++k)
            c = (c & 1u) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
    }
    return c ^ 0xFFFFFFFFu;
}

constexpr std::size_t kDoors = 12;
constexpr std::size_t kRooms = 8;
const char* const kProfiles[] = {"patient_bed", "patient_walking", "staff", "visitor"};

ReplayHeader makeHeader(std::size_t agents) {
    ReplayHeader h;
    h.seed = 0x0123456789ABCDEFull;
    h.timeStepS = 0.05;
    h.frameIntervalS = 0.1;
    h.scenarioPath = "scenarios/住院楼/ward.yaml";
    h.files = {{"ward.yaml", "name: 病房301 drill\nfloors: [F1, F2, B1]\n"},
               {"floors/F1.yaml", "rooms:\n  - id: 病房301\n    kind: ward\n"},
               {"empty.yaml", ""}};
    h.floors = {{"F1", "一层", "住院楼"}, {"F2", "Second floor", "Ward block"}, {"B1", "", ""}};
    for (std::size_t i = 0; i < kDoors; ++i)
        h.doorIds.push_back("D-1" + std::to_string(i + 10));
    for (std::size_t i = 0; i + 1 < kRooms; ++i)
        h.roomIds.push_back("R-0" + std::to_string(i));
    h.roomIds.push_back("病房301");
    for (std::size_t i = 0; i < agents; ++i) {
        AgentInfo a;
        a.id = static_cast<std::uint32_t>(i);
        a.profile = kProfiles[i % 4];
        a.group = "G" + std::to_string(i / 25);
        a.originRoom = h.roomIds[i % kRooms];
        a.radiusM = 0.2f + 0.01f * static_cast<float>(i % 10);
        a.device = static_cast<DeviceKind>(i % 4);
        a.deviceLengthM = a.device == DeviceKind::Bed ? 2.1f : 0.0f;
        a.deviceWidthM = a.device == DeviceKind::Bed ? 0.95f : 0.0f;
        h.agents.push_back(a);
    }
    return h;
}

Frame makeFrame(std::size_t k, std::size_t agents) {
    Frame f;
    f.t = 0.1 * static_cast<double>(k);
    const float fk = static_cast<float>(k);
    f.agents.resize(agents);
    for (std::size_t i = 0; i < agents; ++i) {
        const float fi = static_cast<float>(i);
        AgentSample& a = f.agents[i];
        a.x = 0.37f * fi - 40.0f + 0.013f * fk;
        a.y = -0.21f * fi + 0.007f * fk * fk;
        a.heading = std::fmod(0.1f * fi + 0.05f * fk, 6.2831853f) - 3.1415927f;
        a.speed = 1.34f * static_cast<float>((i + k) % 7) / 6.0f;
        a.floor = static_cast<std::int16_t>(static_cast<int>((i + k / 20) % 4) - 1);
        a.state = static_cast<AgentState>((i * 7 + k / 10) % 8);
        a.flags = static_cast<std::uint8_t>((i + k) % 3 == 0 ? 1 : 0);
    }
    if (agents > 2) { // values that only survive a bit-exact encoding
        f.agents[0].x = -0.0f;
        f.agents[1].heading = std::numeric_limits<float>::quiet_NaN();
        f.agents[2].speed = std::numeric_limits<float>::infinity();
    }
    for (std::size_t i = 0; i < kDoors; ++i)
        f.doorOpen.push_back(static_cast<std::uint8_t>((i + k / 25) % 2));
    for (std::size_t i = 0; i < kRooms; ++i)
        f.roomSmoke.push_back(std::min(1.0f, 0.01f * fk * static_cast<float>(i + 1) / 8.0f));
    return f;
}

// Events are written right after the frame with this index.
struct PlannedEvent {
    std::size_t afterFrame;
    SimEvent event;
};
std::vector<PlannedEvent> plannedEvents() {
    return {{0, {0.0, EventKind::Alarm, "", "fire alarm in 病房301"}},
            {10, {1.0, EventKind::DoorClosed, "D-113", "closed by staff"}},
            {25, {2.5, EventKind::RoomUntenable, "病房301", ""}},
            {50, {5.0, EventKind::FloorCleared, "F2", "all 42 out"}},
            {80, {8.0, EventKind::LastPersonOut, "", ""}}};
}

void writeReplay(const std::string& path, std::size_t frames, std::size_t agents) {
    Diagnostics diags;
    ReplayWriter w;
    REQUIRE(w.open(path, makeHeader(agents), diags));
    const auto events = plannedEvents();
    for (std::size_t k = 0; k < frames; ++k) {
        w.writeFrame(makeFrame(k, agents));
        for (const auto& e : events)
            if (e.afterFrame == k)
                w.writeEvent(e.event);
    }
    REQUIRE(w.finish());
    REQUIRE(diags.empty());
}

bool sameBits(float a, float b) {
    return std::bit_cast<std::uint32_t>(a) == std::bit_cast<std::uint32_t>(b);
}

// Empty if equal (floats compared bit for bit), else the first difference.
std::string frameDiff(const Frame& a, const Frame& b) {
    if (std::bit_cast<std::uint64_t>(a.t) != std::bit_cast<std::uint64_t>(b.t))
        return "t";
    if (a.agents.size() != b.agents.size())
        return "agent count";
    for (std::size_t i = 0; i < a.agents.size(); ++i) {
        const AgentSample& p = a.agents[i];
        const AgentSample& q = b.agents[i];
        const std::string who = "agent " + std::to_string(i) + " ";
        if (!sameBits(p.x, q.x))
            return who + "x";
        if (!sameBits(p.y, q.y))
            return who + "y";
        if (!sameBits(p.heading, q.heading))
            return who + "heading";
        if (!sameBits(p.speed, q.speed))
            return who + "speed";
        if (p.floor != q.floor)
            return who + "floor";
        if (p.state != q.state)
            return who + "state";
        if (p.flags != q.flags)
            return who + "flags";
    }
    if (a.doorOpen != b.doorOpen)
        return "doorOpen";
    if (a.roomSmoke.size() != b.roomSmoke.size())
        return "roomSmoke size";
    for (std::size_t i = 0; i < a.roomSmoke.size(); ++i)
        if (!sameBits(a.roomSmoke[i], b.roomSmoke[i]))
            return "roomSmoke " + std::to_string(i);
    return {};
}

void checkFramesReadable(ReplayReader& r, std::size_t count, std::size_t agents) {
    Frame f;
    for (std::size_t k = 0; k < count; ++k) {
        INFO("frame " << k);
        REQUIRE(r.readFrame(k, f));
        CHECK(frameDiff(f, makeFrame(k, agents)).empty());
    }
}

bool contains(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("replay round trip", "[replay]") {
    TempDir dir;
    const std::string path = dir.file("run.mreplay");
    writeReplay(path, 100, 500);

    Diagnostics diags;
    ReplayReader r;
    REQUIRE(r.open(path, diags));
    CHECK(diags.empty());

    SECTION("restores every header field, UTF-8 text included") {
        const ReplayHeader want = makeHeader(500);
        const ReplayHeader& got = r.header();
        CHECK(got.version == kReplayVersion);
        CHECK(got.seed == want.seed);
        CHECK(got.timeStepS == want.timeStepS);
        CHECK(got.frameIntervalS == want.frameIntervalS);
        CHECK(got.scenarioPath == want.scenarioPath);
        CHECK(got.files == want.files);
        CHECK(got.files[0].second == "name: 病房301 drill\nfloors: [F1, F2, B1]\n");
        REQUIRE(got.floors.size() == want.floors.size());
        for (std::size_t i = 0; i < want.floors.size(); ++i) {
            CHECK(got.floors[i].id == want.floors[i].id);
            CHECK(got.floors[i].name == want.floors[i].name);
            CHECK(got.floors[i].building == want.floors[i].building);
        }
        CHECK(got.doorIds == want.doorIds);
        CHECK(got.roomIds == want.roomIds);
        REQUIRE(got.agents.size() == want.agents.size());
        for (std::size_t i = 0; i < want.agents.size(); ++i) {
            INFO("agent " << i);
            CHECK(got.agents[i].id == want.agents[i].id);
            CHECK(got.agents[i].profile == want.agents[i].profile);
            CHECK(got.agents[i].group == want.agents[i].group);
            CHECK(got.agents[i].originRoom == want.agents[i].originRoom);
            CHECK(got.agents[i].radiusM == want.agents[i].radiusM);
            CHECK(got.agents[i].device == want.agents[i].device);
            CHECK(got.agents[i].deviceLengthM == want.agents[i].deviceLengthM);
            CHECK(got.agents[i].deviceWidthM == want.agents[i].deviceWidthM);
        }
    }

    SECTION("restores all 100 frames of 500 agents field by field") {
        CHECK(r.complete());
        REQUIRE(r.frameCount() == 100);
        CHECK(r.frameTime(42) == 0.1 * 42);
        CHECK(r.duration() == 0.1 * 99);
        checkFramesReadable(r, 100, 500);
    }

    SECTION("reads frames in any order") {
        Frame f;
        for (const std::size_t k : {99u, 0u, 57u, 3u, 57u}) {
            REQUIRE(r.readFrame(k, f));
            CHECK(frameDiff(f, makeFrame(k, 500)).empty());
        }
        CHECK_FALSE(r.readFrame(100, f));
    }

    SECTION("restores the 5 events in order") {
        const auto want = plannedEvents();
        REQUIRE(r.events().size() == want.size());
        for (std::size_t i = 0; i < want.size(); ++i) {
            CHECK(r.events()[i].t == want[i].event.t);
            CHECK(r.events()[i].kind == want[i].event.kind);
            CHECK(r.events()[i].subject == want[i].event.subject);
            CHECK(r.events()[i].text == want[i].event.text);
        }
    }

    SECTION("frameAt finds the last frame at or before t") {
        CHECK(r.frameAt(-5.0) == 0);
        CHECK(r.frameAt(0.0) == 0);
        CHECK(r.frameAt(0.05) == 0);
        CHECK(r.frameAt(r.frameTime(37)) == 37);
        CHECK(r.frameAt(3.75) == 37);
        CHECK(r.frameAt(r.frameTime(99)) == 99);
        CHECK(r.frameAt(1e9) == 99);
    }
}

TEST_CASE("replay bytes", "[replay]") {
    TempDir dir;

    SECTION("the same frames give byte-identical files") {
        writeReplay(dir.file("a.mreplay"), 30, 200);
        writeReplay(dir.file("b.mreplay"), 30, 200);
        const auto a = readBytes(dir.file("a.mreplay"));
        const auto b = readBytes(dir.file("b.mreplay"));
        REQUIRE(a.size() > 30 * 200 * 16);
        CHECK(a == b);
    }

    SECTION("starts with the magic, version 1 little-endian and the HEAD chunk") {
        writeReplay(dir.file("a.mreplay"), 3, 10);
        const auto b = readBytes(dir.file("a.mreplay"));
        REQUIRE(b.size() > 20);
        CHECK(std::string(b.begin(), b.begin() + 8) == "MUSTRPLY");
        CHECK(std::vector<std::uint8_t>(b.begin() + 8, b.begin() + 12) ==
              std::vector<std::uint8_t>{1, 0, 0, 0});
        CHECK(std::string(b.begin() + 12, b.begin() + 16) == "HEAD");
        CHECK(std::string(b.end() - 28, b.end() - 24) == "ENDM");
    }

    SECTION("chunk checksums are standard CRC-32 (IEEE) over tag and payload") {
        const std::string check = "123456789";
        REQUIRE(referenceCrc32(reinterpret_cast<const std::uint8_t*>(check.data()), 9) ==
                0xCBF43926u);
        writeReplay(dir.file("a.mreplay"), 3, 10);
        auto b = readBytes(dir.file("a.mreplay"));
        const std::uint32_t len = le32(b, 16);
        REQUIRE(20 + len + 4 <= b.size());
        std::vector<std::uint8_t> covered(b.begin() + 12, b.begin() + 16);
        covered.insert(covered.end(), b.begin() + 20, b.begin() + 20 + len);
        CHECK(le32(b, 20 + len) == referenceCrc32(covered.data(), covered.size()));
    }

    SECTION("finish is idempotent and a reused writer starts a new file") {
        Diagnostics diags;
        ReplayWriter w;
        CHECK_FALSE(w.finish()); // never opened
        REQUIRE(w.open(dir.file("one.mreplay"), makeHeader(5), diags));
        w.writeFrame(makeFrame(0, 5));
        REQUIRE(w.open(dir.file("two.mreplay"), makeHeader(5), diags)); // finishes one
        w.writeFrame(makeFrame(0, 5));
        w.writeFrame(makeFrame(1, 5));
        CHECK(w.finish());
        CHECK(w.finish());
        ReplayReader r;
        REQUIRE(r.open(dir.file("one.mreplay"), diags));
        CHECK((r.complete() && r.frameCount() == 1));
        REQUIRE(r.open(dir.file("two.mreplay"), diags));
        CHECK((r.complete() && r.frameCount() == 2));
        CHECK(diags.empty());
    }

    SECTION("an empty run opens with no frames") {
        Diagnostics diags;
        {
            ReplayWriter w;
            REQUIRE(w.open(dir.file("empty.mreplay"), ReplayHeader{}, diags));
            w.writeFrame(Frame{});
        } // the destructor finishes
        ReplayReader r;
        REQUIRE(r.open(dir.file("empty.mreplay"), diags));
        CHECK(r.complete());
        REQUIRE(r.frameCount() == 1);
        Frame f = makeFrame(3, 3);
        REQUIRE(r.readFrame(0, f));
        CHECK(frameDiff(f, Frame{}).empty());
        CHECK(r.frameAt(10.0) == 0);
        CHECK(diags.empty());
    }

    SECTION("1,000 agents x 600 frames stay below 16 bytes per agent-frame + 10 %") {
        const std::string path = dir.file("big.mreplay");
        writeReplay(path, 600, 1000);
        const auto size = fs::file_size(path);
        INFO("bytes per agent-frame: " << static_cast<double>(size) / (1000.0 * 600.0));
        CHECK(size < static_cast<std::uintmax_t>(16.0 * 1000 * 600 * 1.1));
    }
}

TEST_CASE("replay truncated or damaged", "[replay]") {
    TempDir dir;
    const std::string full = dir.file("full.mreplay");
    writeReplay(full, 100, 500);
    const auto bytes = readBytes(full);
    Diagnostics fullDiags;
    ReplayReader fullReader;
    REQUIRE(fullReader.open(full, fullDiags));
    const std::size_t headEnd = fullReader.frameOffset(0);
    const std::size_t frameBytes = fullReader.frameOffset(99) - fullReader.frameOffset(98);
    const std::size_t size = bytes.size();
    const std::string cut = dir.file("cut.mreplay");

    // Events written after frame k survive a cut inside frame j iff k < j.
    auto eventsBefore = [](std::size_t frame) {
        std::size_t n = 0;
        for (const auto& e : plannedEvents())
            n += e.afterFrame < frame ? 1 : 0;
        return n;
    };

    SECTION("a cut inside the file header or HEAD fails cleanly with one diagnostic") {
        struct Case {
            std::size_t keep;
            const char* message;
        };
        const Case cases[] = {{0, "found an empty file"},
                              {5, "cut short inside its file header"},
                              {10, "cut short inside its file header"},
                              {18, "header: a chunk at byte 12 is cut short"},
                              {headEnd - 100, "chunk HEAD at byte 12 is cut short"}};
        for (const Case& c : cases) {
            DYNAMIC_SECTION("kept " << c.keep << " bytes") {
                writeBytes(cut, bytes, c.keep);
                Diagnostics diags;
                ReplayReader r;
                CHECK_FALSE(r.open(cut, diags));
                REQUIRE(diags.all().size() == 1);
                CHECK(diags.errorCount() == 1);
                CHECK(diags.all()[0].loc.file == cut);
                CHECK_THAT(diags.all()[0].message, Catch::Contains(c.message));
            }
        }
    }

    SECTION("a cut after the header keeps every intact frame before it") {
        struct Case {
            std::size_t keep;
            std::size_t frames;
        };
        const Case cases[] = {
            {headEnd, 0},                                      // right after HEAD
            {headEnd + 5, 0},                                  // inside frame 0's tag
            {fullReader.frameOffset(37) + 4000, 37},           // inside frame 37's agents
            {fullReader.frameOffset(99) + frameBytes - 2, 99}, // inside frame 99's CRC
            {size - 28 - 800, 100},                            // inside the index
            {size - 10, 100},                                  // inside the end marker
            {size - 1, 100}};
        for (const Case& c : cases) {
            DYNAMIC_SECTION("kept " << c.keep << " of " << size << " bytes") {
                writeBytes(cut, bytes, c.keep);
                Diagnostics diags;
                ReplayReader r;
                REQUIRE(r.open(cut, diags));
                CHECK_FALSE(r.complete());
                CHECK(r.frameCount() == c.frames);
                CHECK(r.events().size() == eventsBefore(c.frames));
                checkFramesReadable(r, c.frames, 500);
                Frame f;
                CHECK_FALSE(r.readFrame(c.frames, f));
                CHECK_FALSE(diags.hasErrors());
                REQUIRE(diags.warningCount() == 1);
                CHECK_THAT(diags.all()[0].message, Catch::Contains("no intact end marker"));
                CHECK(r.header().agents.size() == 500);
            }
        }
    }

    SECTION("a flipped byte in frame 50 leaves frames 0..49 readable") {
        auto damaged = bytes;
        damaged[fullReader.frameOffset(50) + 8 + 2000] ^= 0x10;
        writeBytes(cut, damaged, damaged.size());
        Diagnostics diags;
        ReplayReader r;
        REQUIRE(r.open(cut, diags));
        CHECK(r.complete()); // the index is intact, so frames after 50 are still reachable
        REQUIRE(r.frameCount() == 100);
        checkFramesReadable(r, 50, 500);
        Frame f;
        CHECK_FALSE(r.readFrame(50, f));
        REQUIRE(r.readFrame(51, f));
        CHECK(frameDiff(f, makeFrame(51, 500)).empty());
    }

    SECTION("a flipped byte in frame 50 of a cut file stops the scan there") {
        auto damaged = bytes;
        damaged[fullReader.frameOffset(50) + 8 + 2000] ^= 0x10;
        writeBytes(cut, damaged, damaged.size() - 28);
        Diagnostics diags;
        ReplayReader r;
        REQUIRE(r.open(cut, diags));
        CHECK_FALSE(r.complete());
        CHECK(r.frameCount() == 50);
        CHECK(r.events().size() == 3);
        checkFramesReadable(r, 50, 500);
        CHECK(r.stopOffset() == fullReader.frameOffset(50));
        CHECK_THAT(r.stopReason(), Catch::Contains("CRC mismatch"));
    }

    SECTION("unknown chunks are skipped") {
        // HEAD, then an XTRA chunk from some later writer, then the frames; tail cut off so the
        // reader has to scan.
        const std::string payload = "from the future";
        std::vector<std::uint8_t> extra = {'X', 'T', 'R', 'A'};
        const auto len = static_cast<std::uint32_t>(payload.size());
        for (int i = 0; i < 4; ++i)
            extra.push_back(static_cast<std::uint8_t>(len >> (8 * i)));
        extra.insert(extra.end(), payload.begin(), payload.end());
        std::vector<std::uint8_t> covered(extra.begin(), extra.begin() + 4);
        covered.insert(covered.end(), payload.begin(), payload.end());
        const std::uint32_t crc = referenceCrc32(covered.data(), covered.size());
        for (int i = 0; i < 4; ++i)
            extra.push_back(static_cast<std::uint8_t>(crc >> (8 * i)));

        std::vector<std::uint8_t> spliced(bytes.begin(), bytes.begin() + headEnd);
        spliced.insert(spliced.end(), extra.begin(), extra.end());
        spliced.insert(spliced.end(), bytes.begin() + headEnd,
                       bytes.begin() + fullReader.frameOffset(20));
        writeBytes(cut, spliced, spliced.size());
        Diagnostics diags;
        ReplayReader r;
        REQUIRE(r.open(cut, diags));
        CHECK(r.frameCount() == 20);
        CHECK(r.events().size() == 2);
        checkFramesReadable(r, 20, 500);
    }

    SECTION("replay-info reports the frame count and the truncation") {
        writeBytes(cut, bytes, fullReader.frameOffset(37) + 4000);
        Diagnostics diags;
        ReplayReader r;
        REQUIRE(r.open(cut, diags));
        std::ostringstream text;
        printReplayInfo(r, text, false);
        const std::string s = text.str();
        CHECK(std::regex_search(s, std::regex(R"(frames:\s+37\n)")));
        CHECK(contains(s, "truncated"));
        CHECK(contains(s, "37 intact frames"));
        CHECK(contains(s, "ward.yaml"));
        CHECK(contains(s, "一层"));

        std::ostringstream js;
        printReplayInfo(r, js, true);
        const auto j = nlohmann::json::parse(js.str());
        CHECK(j["frame_count"] == 37);
        CHECK(j["intact_frames"] == 37);
        CHECK(j["complete"] == false);
        CHECK(j["events"].size() == 3);
        CHECK(j["events"][0]["kind"] == "alarm");
        CHECK(j["agent_count"] == 500);
        CHECK(j["agents_by_profile"]["staff"] == 125);
        CHECK(j["files"][0]["bytes"] == makeHeader(0).files[0].second.size());
    }
}

TEST_CASE("replay-info of a complete file", "[replay]") {
    TempDir dir;
    const std::string path = dir.file("run.mreplay");
    writeReplay(path, 100, 500);
    Diagnostics diags;
    ReplayReader r;
    REQUIRE(r.open(path, diags));

    SECTION("lists header, counts, events and the status") {
        std::ostringstream out;
        printReplayInfo(r, out, false);
        const std::string s = out.str();
        CHECK(std::regex_search(s, std::regex(R"(frames:\s+100\n)")));
        CHECK(std::regex_search(s, std::regex(R"(agents:\s+500\n)")));
        CHECK(std::regex_search(s, std::regex(R"(staff\s+125\n)")));
        CHECK(std::regex_search(s, std::regex(R"(doors:\s+12\n)")));
        CHECK(std::regex_search(s, std::regex(R"(duration:\s+9\.900 s\n)")));
        CHECK(contains(s, "complete (end marker found), 100 of 100 frames intact"));
        CHECK(contains(s, "last_person_out"));
        CHECK(contains(s, "81985529216486895")); // the seed
        CHECK_FALSE(contains(s, "truncated"));
    }

    SECTION("JSON says complete with every frame intact") {
        std::ostringstream out;
        printReplayInfo(r, out, true);
        const auto j = nlohmann::json::parse(out.str());
        CHECK(j["complete"] == true);
        CHECK(j["frame_count"] == 100);
        CHECK(j["intact_frames"] == 100);
        CHECK(j["seed"] == 0x0123456789ABCDEFull);
        CHECK(j["floors"][0]["name"] == "一层");
        CHECK(j["frame_interval_s"] == 0.1);
    }
}

TEST_CASE("replay open rejects what is not a readable replay", "[replay]") {
    TempDir dir;
    Diagnostics diags;
    ReplayReader r;

    SECTION("bad magic names the expected magic and what was found") {
        const std::string path = dir.file("notes.zip");
        const std::string junk = "PK\x03\x04 this is a zip, not a replay";
        writeBytes(path, std::vector<std::uint8_t>(junk.begin(), junk.end()), junk.size());
        CHECK_FALSE(r.open(path, diags));
        REQUIRE(diags.all().size() == 1);
        CHECK(diags.all()[0].severity == Severity::Error);
        CHECK(diags.all()[0].loc.file == path);
        CHECK(diags.all()[0].message == "not a Muster replay: expected the magic \"MUSTRPLY\" at "
                                        R"(byte 0, found "PK\x03\x04 thi")");
    }

    SECTION("version 99 is refused as newer") {
        const std::string path = dir.file("future.mreplay");
        writeReplay(path, 2, 3);
        auto b = readBytes(path);
        b[8] = 99;
        writeBytes(path, b, b.size());
        CHECK_FALSE(r.open(path, diags));
        REQUIRE(diags.all().size() == 1);
        CHECK(diags.all()[0].loc.file == path);
        CHECK(diags.all()[0].message ==
              "the replay was written by a newer Muster (replay format version 99); this build "
              "reads versions 1 to 1");
    }

    SECTION("a damaged header is refused") {
        const std::string path = dir.file("head.mreplay");
        writeReplay(path, 2, 3);
        auto b = readBytes(path);
        b[30] ^= 0xFF;
        writeBytes(path, b, b.size());
        CHECK_FALSE(r.open(path, diags));
        REQUIRE(diags.all().size() == 1);
        CHECK_THAT(diags.all()[0].message, Catch::Contains("chunk HEAD at byte 12 is damaged"));
    }

    SECTION("a missing file is named") {
        const std::string path = dir.file("nope.mreplay");
        CHECK_FALSE(r.open(path, diags));
        REQUIRE(diags.all().size() == 1);
        CHECK(diags.all()[0].loc.file == path);
        CHECK(diags.all()[0].message == "cannot open the replay: no such file");
    }

    SECTION("a directory is refused") {
        CHECK_FALSE(r.open(dir.file(""), diags));
        REQUIRE(diags.all().size() == 1);
        CHECK(diags.all()[0].message == "expected a replay file, found a directory");
    }

    SECTION("a writer that cannot create its file says so") {
        ReplayWriter w;
        CHECK_FALSE(w.open(dir.file("no/such/dir/run.mreplay"), ReplayHeader{}, diags));
        REQUIRE(diags.all().size() == 1);
        CHECK_THAT(diags.all()[0].message, Catch::Contains("cannot create the replay file"));
        CHECK_FALSE(w.finish());
    }
}

TEST_CASE("frame enum names", "[replay]") {
    SECTION("agent states and event kinds print in snake_case") {
        CHECK(std::string(toString(AgentState::BeingHelped)) == "being_helped");
        CHECK(std::string(toString(AgentState::OnStair)) == "on_stair");
        CHECK(std::string(toString(AgentState::Helping)) == "helping");
        CHECK(std::string(toString(EventKind::DoorClosed)) == "door_closed");
        CHECK(std::string(toString(EventKind::CompartmentCleared)) == "compartment_cleared");
        CHECK(std::string(toString(EventKind::Note)) == "note");
        CHECK(std::string(toString(static_cast<EventKind>(200))) == "?");
    }
}
