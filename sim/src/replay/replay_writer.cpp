// ReplayWriter: header at open, one FRAM chunk per frame and one EVNT chunk per event as they
// happen, INDX + ENDM at finish(). Byte layout: docs/replay-format.md.
#include <algorithm>
#include <bit>
#include <cassert>
#include <cerrno>
#include <cstring>

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

void encodeHeader(std::vector<std::uint8_t>& buf, const ReplayHeader& h) {
    const std::size_t start = beginChunk(buf, kTagHead);
    ByteSink s(buf);
    s.u64(h.seed);
    s.f64(h.timeStepS);
    s.f64(h.frameIntervalS);
    s.str(h.scenarioPath);
    s.u32(static_cast<std::uint32_t>(h.files.size()));
    for (const auto& [path, text] : h.files) {
        s.str(path);
        s.str(text);
    }
    s.u32(static_cast<std::uint32_t>(h.floors.size()));
    for (const auto& f : h.floors) {
        s.str(f.id);
        s.str(f.name);
        s.str(f.building);
    }
    s.u32(static_cast<std::uint32_t>(h.doorIds.size()));
    for (const auto& id : h.doorIds)
        s.str(id);
    s.u32(static_cast<std::uint32_t>(h.roomIds.size()));
    for (const auto& id : h.roomIds)
        s.str(id);
    s.u32(static_cast<std::uint32_t>(h.agents.size()));
    for (const auto& a : h.agents) {
        s.u32(a.id);
        s.str(a.profile);
        s.str(a.group);
        s.str(a.originRoom);
        s.f32(a.radiusM);
        s.u8(static_cast<std::uint8_t>(a.device));
        s.f32(a.deviceLengthM);
        s.f32(a.deviceWidthM);
    }
    endChunk(buf, start);
}

} // namespace

bool ReplayWriter::open(const std::string& path, const ReplayHeader& header, Diagnostics& diags) {
    if (m_open)
        finish();
    m_path = path;
    m_index.clear();
    m_eventOffsets.clear();
    m_offset = 0;
    m_failed = false;
    m_lastFinishOk = false;

    // A regenerated output (muster/safe_write.hpp): a planted link at the name is replaced.
    std::string err;
    if (!m_out.open(path, WriteOptions{LinkPolicy::ReplaceLink, false}, err)) {
        diags.error(fileLoc(path), "", "cannot create the replay file: " + err);
        return false;
    }
    m_buf.clear();
    m_buf.insert(m_buf.end(), kMagic.begin(), kMagic.end());
    ByteSink(m_buf).u32(kReplayVersion);
    encodeHeader(m_buf, header);
    m_open = true;
    writeChunkBuffer();
    if (m_failed) {
        diags.error(fileLoc(path), "", "cannot write the replay header (disk full?)");
        m_out.abort();
        m_open = false;
        return false;
    }
    return true;
}

void ReplayWriter::writeFrame(const Frame& frame) {
    assert(m_open && "ReplayWriter::writeFrame before open()");
    // The engine writes frames in time order; a test crafting a damaged replay turns this off
    // (setTimeOrderCheck) so the reader's check can be exercised in every build type.
    assert((!m_checkTimeOrder || m_index.empty() || frame.t >= m_index.back().first) &&
           "frames out of time order");
    if (!m_open || m_failed)
        return;

    // Status palette: the distinct (floor, state, flags) triples of this frame, in order of first
    // appearance, stored once; each agent then stores only a palette index of
    // ceil(log2(palette size)) bits. A hospital has a handful of floors and eight states, so
    // this costs well under a byte per agent instead of four, and each frame still decodes on its
    // own (no reference to earlier frames), which keeps scrubbing and truncation recovery simple.
    const std::size_t n = frame.agents.size();
    if (m_paletteSlots.size() < 2 * n || m_paletteSlots.empty()) {
        m_paletteSlots.assign(std::bit_ceil(std::max<std::size_t>(16, 2 * n)), 0);
    }
    const std::size_t mask = m_paletteSlots.size() - 1;
    const int shift = 64 - std::countr_zero(m_paletteSlots.size());
    m_palette.clear();
    m_codes.resize(n);
    std::uint32_t lastKey = 0;
    std::uint32_t lastCode = 0;
    bool haveLast = false;
    for (std::size_t i = 0; i < n; ++i) {
        const AgentSample& a = frame.agents[i];
        const std::uint32_t key = statusKey(a.floor, static_cast<std::uint8_t>(a.state), a.flags);
        if (!haveLast || key != lastKey) {
            std::size_t h = static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> shift);
            while (m_paletteSlots[h] != 0 && (m_paletteSlots[h] >> 32) != key)
                h = (h + 1) & mask;
            if (m_paletteSlots[h] == 0) {
                m_palette.push_back(key);
                m_paletteSlots[h] = std::uint64_t{key} << 32 | m_palette.size();
            }
            lastKey = key;
            lastCode = static_cast<std::uint32_t>(m_paletteSlots[h] & 0xFFFFFFFFu) - 1;
            haveLast = true;
        }
        m_codes[i] = lastCode;
    }
    // Empty the table again. Reverse insertion order keeps every probe chain intact while its
    // later members are removed (linear probing).
    for (auto it = m_palette.rbegin(); it != m_palette.rend(); ++it) {
        std::size_t h = static_cast<std::size_t>((*it * 0x9E3779B97F4A7C15ull) >> shift);
        while ((m_paletteSlots[h] >> 32) != *it)
            h = (h + 1) & mask;
        m_paletteSlots[h] = 0;
    }

    const std::size_t p = m_palette.size();
    const unsigned bits = p <= 1 ? 0u : static_cast<unsigned>(std::bit_width(p - 1));
    const std::size_t codeBytes = (n * bits + 7) / 8;
    const std::size_t d = frame.doorOpen.size();
    const std::size_t r = frame.roomSmoke.size();
    const std::size_t payload = 8 + 12 + 16 * n + 4 + 4 * p + 1 + codeBytes + d + 4 * r;

    m_buf.resize(kChunkOverhead + payload); // capacity is kept: no allocation after frame 1
    std::uint8_t* q = m_buf.data();
    std::copy(kTagFrame.begin(), kTagFrame.end(), q);
    q = putU32(q + 4, static_cast<std::uint32_t>(payload));
    q = putF64(q, frame.t);
    q = putU32(q, static_cast<std::uint32_t>(n));
    q = putU32(q, static_cast<std::uint32_t>(d));
    q = putU32(q, static_cast<std::uint32_t>(r));
    for (const AgentSample& a : frame.agents) {
        q = putF32(q, a.x);
        q = putF32(q, a.y);
        q = putF32(q, a.heading);
        q = putF32(q, a.speed);
    }
    q = putU32(q, static_cast<std::uint32_t>(p));
    for (const std::uint32_t key : m_palette)
        q = putU32(q, key);
    q = putU8(q, static_cast<std::uint8_t>(bits));
    if (bits > 0) {
        std::uint64_t acc = 0;
        unsigned have = 0;
        for (const std::uint32_t code : m_codes) {
            acc |= std::uint64_t{code} << have;
            have += bits;
            while (have >= 8) {
                *q++ = static_cast<std::uint8_t>(acc);
                acc >>= 8;
                have -= 8;
            }
        }
        if (have > 0)
            *q++ = static_cast<std::uint8_t>(acc);
    }
    for (const std::uint8_t open : frame.doorOpen)
        *q++ = open;
    for (const float smoke : frame.roomSmoke)
        q = putF32(q, smoke);
    putU32(q, chunkCrc(m_buf.data(), m_buf.data() + kChunkHeaderSize, payload));
    assert(q + 4 == m_buf.data() + m_buf.size());

    m_index.emplace_back(frame.t, m_offset);
    writeChunkBuffer();
}

void ReplayWriter::writeEvent(const SimEvent& event) {
    assert(m_open && "ReplayWriter::writeEvent before open()");
    if (!m_open || m_failed)
        return;
    m_buf.clear();
    const std::size_t start = beginChunk(m_buf, kTagEvent);
    ByteSink s(m_buf);
    s.f64(event.t);
    s.u8(static_cast<std::uint8_t>(event.kind));
    s.str(event.subject);
    s.str(event.text);
    endChunk(m_buf, start);
    m_eventOffsets.push_back(m_offset);
    writeChunkBuffer();
}

bool ReplayWriter::finish() {
    if (!m_open)
        return m_lastFinishOk;
    m_buf.clear();
    const std::uint64_t indexOffset = m_offset;
    std::size_t start = beginChunk(m_buf, kTagIndex);
    {
        ByteSink s(m_buf);
        s.u32(static_cast<std::uint32_t>(m_index.size()));
        for (const auto& [t, offset] : m_index) {
            s.f64(t);
            s.u64(offset);
        }
        s.u32(static_cast<std::uint32_t>(m_eventOffsets.size()));
        for (const std::uint64_t offset : m_eventOffsets)
            s.u64(offset);
    }
    endChunk(m_buf, start);
    start = beginChunk(m_buf, kTagEnd);
    {
        ByteSink s(m_buf);
        s.u32(static_cast<std::uint32_t>(m_index.size()));
        s.u32(static_cast<std::uint32_t>(m_eventOffsets.size()));
        s.u64(indexOffset);
    }
    endChunk(m_buf, start);
    if (!m_failed)
        writeChunkBuffer();
    std::string err;
    if (m_failed)
        m_out.abort();
    else if (!m_out.commit(err))
        m_failed = true;
    m_open = false;
    m_lastFinishOk = !m_failed;
    return m_lastFinishOk;
}

ReplayWriter::~ReplayWriter() {
    finish();
}

void ReplayWriter::writeChunkBuffer() {
    if (!m_out.write(m_buf.data(), m_buf.size()))
        m_failed = true;
    m_offset += m_buf.size();
}

} // namespace muster
