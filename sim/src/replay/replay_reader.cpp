// ReplayReader: header first; then the index from the intact INDX + ENDM at the end of the file,
// or, when the tail is missing or damaged, a scan from the start that keeps every intact chunk
// before the first one that is cut short or fails its CRC. Byte layout: docs/replay-format.md.
#include <algorithm>
#include <bit>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "muster/replay.hpp"
#include "replay/replay_chunks.hpp"

namespace muster {

using namespace replayfmt;

namespace {

// A location naming just the file: the replay is binary, so there is no line or column.
SourceLoc fileLoc(const std::string& path) {
    SourceLoc loc;
    loc.file = path;
    return loc;
}

std::string at(std::uint64_t offset) {
    return "at byte " + std::to_string(offset);
}

// Largest values a header may hold. Beyond them the file is not from Muster: a floor index
// is an i16 in frames; radii and device sizes are metres of a person or a bed.
constexpr std::size_t kMaxFloors = 32767;
constexpr double kMaxTimeStepS = 60.0;
constexpr double kMaxFrameIntervalS = 3600.0;
constexpr float kMaxBodyM = 10.0f;
constexpr std::uint8_t kLastDevice = static_cast<std::uint8_t>(DeviceKind::EvacChair);
constexpr std::uint8_t kLastState = static_cast<std::uint8_t>(AgentState::Helping);
constexpr std::uint8_t kLastEvent = static_cast<std::uint8_t>(EventKind::Note);

bool inRange(double v, double lo, double hi) {
    return std::isfinite(v) && v >= lo && v <= hi;
}

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

// Empty on success, else what is wrong (the caller names the chunk).
std::string decodeHeader(const std::uint8_t* p, std::size_t n, ReplayHeader& h) {
    ByteSource s(p, n);
    h.seed = s.u64();
    h.timeStepS = s.f64();
    h.frameIntervalS = s.f64();
    h.scenarioPath = s.str();
    // Minimum bytes per item (all strings empty) bound every count by what the payload can hold.
    const std::uint32_t files = s.count(8);
    h.files.resize(files);
    for (auto& [path, text] : h.files) {
        path = s.str();
        text = s.str();
    }
    const std::uint32_t floors = s.count(12);
    h.floors.resize(floors);
    for (auto& f : h.floors) {
        f.id = s.str();
        f.name = s.str();
        f.building = s.str();
    }
    const std::uint32_t doors = s.count(4);
    h.doorIds.resize(doors);
    for (auto& id : h.doorIds)
        id = s.str();
    const std::uint32_t rooms = s.count(4);
    h.roomIds.resize(rooms);
    for (auto& id : h.roomIds)
        id = s.str();
    const std::uint32_t agents = s.count(29);
    h.agents.resize(agents);
    std::uint8_t badDevice = 0;
    for (auto& a : h.agents) {
        a.id = s.u32();
        a.profile = s.str();
        a.group = s.str();
        a.originRoom = s.str();
        a.radiusM = s.f32();
        const std::uint8_t device = s.u8();
        if (device > kLastDevice && badDevice == 0)
            badDevice = device;
        a.device = static_cast<DeviceKind>(device <= kLastDevice ? device : 0);
        a.deviceLengthM = s.f32();
        a.deviceWidthM = s.f32();
    }
    // Bytes after the known fields are allowed (added by a later writer).
    if (!s.ok())
        return "its fields run past the end of the chunk";
    if (!inRange(h.timeStepS, 0.0, kMaxTimeStepS) || h.timeStepS <= 0.0)
        return "the time step " + num(h.timeStepS) + " s is not in (0, " + num(kMaxTimeStepS) +
               "] s";
    if (!inRange(h.frameIntervalS, 0.0, kMaxFrameIntervalS) || h.frameIntervalS <= 0.0)
        return "the frame interval " + num(h.frameIntervalS) + " s is not in (0, " +
               num(kMaxFrameIntervalS) + "] s";
    if (h.floors.size() > kMaxFloors)
        return std::to_string(h.floors.size()) + " floors, more than a frame can index (" +
               std::to_string(kMaxFloors) + ")";
    for (std::size_t i = 0; i < h.agents.size(); ++i) {
        const AgentInfo& a = h.agents[i];
        const std::string who = "agent " + std::to_string(i);
        if (a.id != i)
            return who + " has id " + std::to_string(a.id) + " (the id is the agent's index)";
        if (!inRange(a.radiusM, 0.0, kMaxBodyM) || !inRange(a.deviceLengthM, 0.0, kMaxBodyM) ||
            !inRange(a.deviceWidthM, 0.0, kMaxBodyM))
            return who + " has a radius or device size outside 0.." + num(kMaxBodyM) + " m";
    }
    if (badDevice != 0)
        return "an agent has device kind " + std::to_string(badDevice) + " (known: 0 to " +
               std::to_string(kLastDevice) + ")";
    return {};
}

bool decodeEvent(const std::uint8_t* p, std::size_t n, SimEvent& e) {
    ByteSource s(p, n);
    e.t = s.f64();
    const std::uint8_t kind = s.u8();
    e.kind = static_cast<EventKind>(kind);
    e.subject = s.str();
    e.text = s.str();
    return s.ok() && kind <= kLastEvent && std::isfinite(e.t);
}

// Empty on success, else what is wrong with the frame. Counts must match the header, so the
// viewer can index the header's agents, doors, rooms and floors with what a frame holds.
std::string decodeFrame(const std::uint8_t* p, std::size_t size, const ReplayHeader& h,
                        Frame& out) {
    ByteSource s(p, size);
    out.t = s.f64();
    const std::uint64_t n = s.u32();
    const std::uint64_t d = s.u32();
    const std::uint64_t r = s.u32();
    if (!s.ok())
        return "its fields run past the end of the chunk";
    if (!std::isfinite(out.t) || out.t < 0)
        return "its time " + num(out.t) + " s is not a finite number >= 0";
    if (n != h.agents.size() || d != h.doorIds.size() || r != h.roomIds.size())
        return "it holds " + std::to_string(n) + " agents, " + std::to_string(d) + " doors and " +
               std::to_string(r) + " rooms; the header lists " + std::to_string(h.agents.size()) +
               ", " + std::to_string(h.doorIds.size()) + " and " + std::to_string(h.roomIds.size());
    // The fixed-size parts alone must fit before anything is allocated.
    if (16 * n + 5 + d + 4 * r > s.remaining())
        return "its fields run past the end of the chunk";
    const std::uint8_t* xs = s.take(16 * n);
    const std::uint64_t paletteSize = s.count(4);
    const std::uint8_t* palette = s.take(4 * paletteSize);
    const unsigned bits = s.u8();
    if (!s.ok())
        return "its fields run past the end of the chunk";
    // The writer stores each distinct status once: at least one when there are agents, never
    // more than the agents, and exactly as many code bits as the palette needs.
    if (paletteSize > n || (n > 0 && paletteSize == 0))
        return "its status palette has " + std::to_string(paletteSize) + " entries for " +
               std::to_string(n) + " agents";
    const unsigned wantBits =
        paletteSize <= 1 ? 0u : static_cast<unsigned>(std::bit_width(paletteSize - 1));
    if (bits != wantBits)
        return "its status codes are " + std::to_string(bits) + " bits wide; a palette of " +
               std::to_string(paletteSize) + " needs " + std::to_string(wantBits);
    for (std::uint64_t k = 0; k < paletteSize; ++k) {
        const std::uint32_t key = getU32(palette + 4 * k);
        const auto floor = static_cast<std::int16_t>(static_cast<std::uint16_t>(key >> 16));
        const auto state = static_cast<std::uint8_t>(key >> 8);
        if (floor < -1 || floor >= static_cast<std::int64_t>(h.floors.size()))
            return "a status names floor " + std::to_string(floor) + "; the header has " +
                   std::to_string(h.floors.size()) + " floors (-1 = out)";
        if (state > kLastState)
            return "a status has state " + std::to_string(state) + " (known: 0 to " +
                   std::to_string(kLastState) + ")";
    }
    const std::uint8_t* codes = s.take((n * bits + 7) / 8);
    const std::uint8_t* doors = s.take(d);
    const std::uint8_t* smoke = s.take(4 * r);
    if (!s.ok())
        return "its fields run past the end of the chunk";

    out.agents.resize(n);
    const std::uint64_t codeMask = bits == 32 ? 0xFFFFFFFFull : (1ull << bits) - 1;
    std::uint64_t acc = 0;
    unsigned have = 0;
    for (AgentSample& a : out.agents) {
        a.x = getF32(xs);
        a.y = getF32(xs + 4);
        a.heading = getF32(xs + 8);
        a.speed = getF32(xs + 12);
        xs += 16;
        while (have < bits) {
            acc |= std::uint64_t{*codes++} << have;
            have += 8;
        }
        const std::uint64_t code = acc & codeMask;
        acc >>= bits;
        have -= bits;
        if (code >= paletteSize)
            return "an agent's status code " + std::to_string(code) + " is past the palette";
        const std::uint32_t key = getU32(palette + 4 * code);
        a.floor = static_cast<std::int16_t>(static_cast<std::uint16_t>(key >> 16));
        a.state = static_cast<AgentState>(static_cast<std::uint8_t>(key >> 8));
        a.flags = static_cast<std::uint8_t>(key);
    }
    for (std::uint64_t k = 0; k < d; ++k)
        if (doors[k] > 1)
            return "door " + std::to_string(k) + " has state " + std::to_string(doors[k]) +
                   " (1 open, 0 closed)";
    out.doorOpen.assign(doors, doors + d);
    out.roomSmoke.resize(r);
    for (std::size_t k = 0; k < out.roomSmoke.size(); ++k) {
        const float v = getF32(smoke + 4 * k);
        if (!inRange(v, 0.0, 1.0))
            return "room " + std::to_string(k) + " has smoke level " + num(v) + " (0 to 1)";
        out.roomSmoke[k] = v;
    }
    return {};
}

} // namespace

bool ReplayReader::readAt(std::uint64_t offset, std::uint8_t* dst, std::size_t n) {
    m_in.clear();
    m_in.seekg(static_cast<std::streamoff>(offset));
    m_in.read(reinterpret_cast<char*>(dst), static_cast<std::streamsize>(n));
    return m_in.gcount() == static_cast<std::streamsize>(n);
}

std::string ReplayReader::readChunk(std::uint64_t offset, std::array<std::uint8_t, 4>& tagOut,
                                    std::uint64_t limit) {
    tagOut = {0, 0, 0, 0};
    const std::uint64_t left = limit > offset ? limit - offset : 0;
    if (left < kChunkHeaderSize) {
        return "a chunk " + at(offset) + " is cut short: " + std::to_string(left) +
               " bytes left, a chunk header needs 8";
    }
    std::uint8_t head[kChunkHeaderSize];
    if (!readAt(offset, head, kChunkHeaderSize))
        return "cannot read " + at(offset);
    std::copy(head, head + 4, tagOut.begin());
    const std::uint64_t len = getU32(head + 4);
    const std::string name = "chunk " + tagName(head) + " " + at(offset);
    // The length is checked against what the file still holds before anything is allocated.
    if (len + 4 > left - kChunkHeaderSize) {
        return name + " is cut short: its " + std::to_string(len) + "-byte payload and CRC need " +
               std::to_string(len + 4) + " bytes, " + std::to_string(left - kChunkHeaderSize) +
               " remain";
    }
    m_buf.resize(len + 4);
    if (!readAt(offset + kChunkHeaderSize, m_buf.data(), m_buf.size()))
        return "cannot read " + name;
    const std::uint32_t stored = getU32(m_buf.data() + len);
    m_buf.resize(len);
    if (chunkCrc(head, m_buf.data(), len) != stored)
        return name + " is damaged (CRC mismatch)";
    return {};
}

bool ReplayReader::open(const std::string& path, Diagnostics& diags) {
    m_in.close();
    m_in.clear();
    m_path = path;
    m_fileSize = 0;
    m_header = ReplayHeader{};
    m_index.clear();
    m_events.clear();
    m_stopOffset = 0;
    m_stopReason.clear();
    m_frameError.clear();
    m_problems.clear();
    m_complete = false;
    const SourceLoc loc = fileLoc(path);

    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (!fs::exists(st)) {
        diags.error(loc, "", "cannot open the replay: no such file");
        return false;
    }
    if (fs::is_directory(st)) {
        diags.error(loc, "", "expected a replay file, found a directory");
        return false;
    }
    m_in.open(path, std::ios::binary);
    if (!m_in) {
        const int err = errno;
        diags.error(loc, "",
                    "cannot open the replay for reading" +
                        (err != 0 ? ": " + std::string(std::strerror(err)) : std::string()));
        return false;
    }
    m_in.seekg(0, std::ios::end);
    const std::streamoff end = m_in.tellg();
    if (end < 0) {
        diags.error(loc, "", "expected a replay file, found something that cannot be seeked");
        m_in.close();
        return false;
    }
    m_fileSize = static_cast<std::uint64_t>(end);

    std::uint64_t headEnd = 0;
    if (!readHeader(diags, headEnd)) {
        m_in.close();
        return false;
    }
    if (!useIndex(headEnd)) {
        m_index.clear();
        m_events.clear();
        m_problems.clear();
        scanChunks(headEnd);
        diags.warning(loc, "",
                      "the replay has no intact end marker (the recording was cut short or "
                      "damaged): kept " +
                          std::to_string(m_index.size()) + " intact frames and " +
                          std::to_string(m_events.size()) + " events; reading stopped " +
                          at(m_stopOffset) + ": " + m_stopReason);
    }
    // Frames left out and damaged events, each once; a long list ends with a count.
    constexpr std::size_t kMaxReported = 10;
    for (std::size_t k = 0; k < m_problems.size() && k < kMaxReported; ++k)
        diags.warning(loc, "", m_problems[k]);
    if (m_problems.size() > kMaxReported)
        diags.warning(loc, "",
                      std::to_string(m_problems.size() - kMaxReported) +
                          " more problems like these (muster replay-info --check lists them)");
    return true;
}

// A frame time the index keeps: finite, >= 0 and not before the last kept frame. Otherwise the
// frame is left out (the index must be sorted for frameAt) and the problem recorded.
bool ReplayReader::keepFrameTime(double t, std::uint64_t offset) {
    const double last = m_index.empty() ? 0.0 : m_index.back().first;
    if (std::isfinite(t) && t >= 0 && t >= last)
        return true;
    const std::string what = "frame chunk " + at(offset);
    if (!std::isfinite(t) || t < 0)
        m_problems.push_back(what + " has time " + num(t) +
                             " s, not a finite number >= 0: left out");
    else
        m_problems.push_back(what + " goes back in time (t = " + num(t) + " s after a frame at " +
                             num(last) + " s): left out");
    return false;
}

bool ReplayReader::readHeader(Diagnostics& diags, std::uint64_t& headEnd) {
    const SourceLoc loc = fileLoc(m_path);
    std::uint8_t fileHead[kFileHeaderSize] = {};
    const std::size_t got =
        static_cast<std::size_t>(std::min<std::uint64_t>(m_fileSize, kFileHeaderSize));
    if (!readAt(0, fileHead, got)) {
        diags.error(loc, "", "cannot read the file");
        return false;
    }
    const std::size_t magicGot = std::min(got, kMagic.size());
    const bool magicPrefix = std::equal(fileHead, fileHead + magicGot, kMagic.begin());
    if (got == 0) {
        diags.error(loc, "",
                    R"(not a Muster replay: expected the magic "MUSTRPLY", found an empty file)");
        return false;
    }
    if (!magicPrefix) {
        diags.error(loc, "",
                    R"(not a Muster replay: expected the magic "MUSTRPLY" at byte 0, found ")" +
                        printableBytes(fileHead, magicGot) + "\"");
        return false;
    }
    if (got < kFileHeaderSize) {
        diags.error(loc, "",
                    "the replay is cut short inside its file header: " + std::to_string(got) +
                        " bytes, expected at least 12 (magic and version) and a HEAD chunk");
        return false;
    }
    const std::uint32_t version = getU32(fileHead + 8);
    if (version > kReplayVersion) {
        diags.error(loc, "",
                    "the replay was written by a newer Muster (replay format version " +
                        std::to_string(version) + "); this build reads versions 1 to " +
                        std::to_string(kReplayVersion));
        return false;
    }
    if (version == 0) {
        diags.error(loc, "",
                    "unsupported replay format version 0; this build reads versions 1 to " +
                        std::to_string(kReplayVersion));
        return false;
    }
    Tag tag{};
    const std::string problem = readChunk(kFileHeaderSize, tag, m_fileSize);
    if (!problem.empty() || tag != kTagHead) {
        if (problem.empty() || (tag != Tag{} && tag != kTagHead)) {
            diags.error(loc, "",
                        "expected the replay header (chunk HEAD) at byte 12, found chunk \"" +
                            tagName(tag.data()) + "\"");
        } else {
            diags.error(loc, "", "cannot read the replay header: " + problem);
        }
        return false;
    }
    if (const std::string bad = decodeHeader(m_buf.data(), m_buf.size(), m_header); !bad.empty()) {
        diags.error(loc, "", "the replay header (chunk HEAD at byte 12) is malformed: " + bad);
        return false;
    }
    m_header.version = version;
    headEnd = kFileHeaderSize + kChunkOverhead + m_buf.size();
    return true;
}

bool ReplayReader::useIndex(std::uint64_t headEnd) {
    m_stopReason = "no end marker (chunk ENDM) at the end of the file";
    if (m_fileSize < headEnd + kChunkOverhead + kEndChunkSize)
        return false;
    const std::uint64_t endOffset = m_fileSize - kEndChunkSize;
    Tag tag{};
    if (!readChunk(endOffset, tag, m_fileSize).empty() || tag != kTagEnd ||
        m_buf.size() != kEndPayloadSize)
        return false;
    const std::uint32_t frames = getU32(m_buf.data());
    const std::uint32_t events = getU32(m_buf.data() + 4);
    const std::uint64_t indexOffset = getU64(m_buf.data() + 8);
    m_stopReason = "the end marker does not match the frame index";
    if (indexOffset < headEnd || indexOffset + kChunkOverhead > endOffset)
        return false;
    if (!readChunk(indexOffset, tag, endOffset).empty() || tag != kTagIndex ||
        indexOffset + kChunkOverhead + m_buf.size() != endOffset)
        return false;

    ByteSource s(m_buf.data(), m_buf.size());
    if (s.count(16) != frames || !s.ok())
        return false;
    std::vector<std::pair<double, std::uint64_t>> index(frames);
    for (auto& [t, offset] : index) {
        t = s.f64();
        offset = s.u64();
        if (offset < headEnd || offset + kChunkOverhead > indexOffset)
            return false;
    }
    if (s.count(8) != events || !s.ok())
        return false;
    std::vector<std::uint64_t> eventOffsets(events);
    for (auto& offset : eventOffsets) {
        offset = s.u64();
        if (offset < headEnd || offset + kChunkOverhead > indexOffset)
            return false;
    }
    if (!s.ok())
        return false;

    m_index.clear();
    for (const auto& [t, offset] : index)
        if (keepFrameTime(t, offset))
            m_index.emplace_back(t, offset);
    for (const std::uint64_t offset : eventOffsets) {
        SimEvent e;
        const std::string problem = readChunk(offset, tag, indexOffset);
        if (problem.empty() && tag == kTagEvent && decodeEvent(m_buf.data(), m_buf.size(), e)) {
            m_events.push_back(std::move(e));
        } else {
            m_problems.push_back(
                "skipped a damaged event: " +
                (problem.empty() ? "chunk " + at(offset) + " is not a valid EVNT" : problem));
        }
    }
    m_stopReason.clear();
    m_stopOffset = m_fileSize;
    m_complete = true;
    return true;
}

void ReplayReader::scanChunks(std::uint64_t headEnd) {
    const std::string noEnd = m_stopReason;
    std::uint64_t pos = headEnd;
    Tag tag{};
    while (pos < m_fileSize) {
        std::string problem = readChunk(pos, tag, m_fileSize);
        if (problem.empty()) {
            if (tag == kTagFrame) {
                if (m_buf.size() >= 8) {
                    if (keepFrameTime(getF64(m_buf.data()), pos))
                        m_index.emplace_back(getF64(m_buf.data()), pos);
                } else {
                    problem = "chunk FRAM " + at(pos) + " is malformed (no time)";
                }
            } else if (tag == kTagEvent) {
                SimEvent e;
                if (decodeEvent(m_buf.data(), m_buf.size(), e)) {
                    m_events.push_back(std::move(e));
                } else {
                    problem = "chunk EVNT " + at(pos) + " is malformed";
                }
            }
            // HEAD again, INDX, ENDM and unknown tags (from a later writer) are skipped.
        }
        if (!problem.empty()) {
            m_stopOffset = pos;
            m_stopReason = problem;
            return;
        }
        pos += kChunkOverhead + m_buf.size();
    }
    m_stopOffset = pos;
    m_stopReason = noEnd;
}

bool ReplayReader::readFrame(size_t i, Frame& out) {
    m_frameError.clear();
    if (i >= m_index.size() || !m_in.is_open()) {
        m_frameError = "no frame " + std::to_string(i);
        return false;
    }
    const std::uint64_t offset = m_index[i].second;
    Tag tag{};
    if (std::string problem = readChunk(offset, tag, m_fileSize); !problem.empty()) {
        m_frameError = std::move(problem);
        return false;
    }
    const std::string name = "chunk " + tagName(tag.data()) + " " + at(offset);
    if (tag != kTagFrame) {
        m_frameError = name + " is not a frame (FRAM)";
        return false;
    }
    if (std::string problem = decodeFrame(m_buf.data(), m_buf.size(), m_header, out);
        !problem.empty()) {
        m_frameError = name + " is malformed: " + problem;
        return false;
    }
    // The index and the chunk must agree on the time (bit for bit), or seeking would lie.
    if (std::bit_cast<std::uint64_t>(out.t) != std::bit_cast<std::uint64_t>(m_index[i].first)) {
        m_frameError =
            name + " has time " + num(out.t) + " s; the index says " + num(m_index[i].first) + " s";
        return false;
    }
    return true;
}

size_t ReplayReader::frameAt(double t) const {
    const auto it = std::upper_bound(m_index.begin(), m_index.end(), t,
                                     [](double v, const auto& e) { return v < e.first; });
    return it == m_index.begin() ? 0 : static_cast<size_t>(it - m_index.begin()) - 1;
}

} // namespace muster
