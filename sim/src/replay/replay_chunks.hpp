#pragma once
// Private encoding helpers shared by the replay writer, reader and info dump.
// Everything is little-endian and written byte by byte with shifts, so the bytes do not depend
// on the host's endianness, struct layout or padding. Layout: docs/replay-format.md.
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace muster::replayfmt {

inline constexpr std::array<std::uint8_t, 8> kMagic = {'M', 'U', 'S', 'T', 'R', 'P', 'L', 'Y'};
inline constexpr std::size_t kFileHeaderSize = 12; // magic (8) + u32 version
// Around every payload: tag (4) + u32 length before it, u32 CRC after it.
inline constexpr std::size_t kChunkHeaderSize = 8;
inline constexpr std::size_t kChunkOverhead = 12;
inline constexpr std::size_t kEndPayloadSize = 16; // ENDM: u32 frames, u32 events, u64 INDX offset
inline constexpr std::size_t kEndChunkSize = kChunkOverhead + kEndPayloadSize;

using Tag = std::array<std::uint8_t, 4>;
inline constexpr Tag kTagHead = {'H', 'E', 'A', 'D'};
inline constexpr Tag kTagFrame = {'F', 'R', 'A', 'M'};
inline constexpr Tag kTagEvent = {'E', 'V', 'N', 'T'};
inline constexpr Tag kTagIndex = {'I', 'N', 'D', 'X'};
inline constexpr Tag kTagEnd = {'E', 'N', 'D', 'M'};

// ---- CRC-32 (IEEE 802.3: reflected polynomial 0xEDB88320, init and final xor 0xFFFFFFFF,
// the CRC of zlib, PNG and gzip). Slicing-by-8 tables: eight table look-ups per 8 bytes, so
// checksumming a 5,000-agent frame costs well under its encoding.
namespace detail {
inline constexpr std::array<std::array<std::uint32_t, 256>, 8> makeCrcTables() {
    std::array<std::array<std::uint32_t, 256>, 8> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
        std::uint32_t c = i;
        for (int k = 0; k < 8; ++k)
            c = (c & 1u) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
        t[0][i] = c;
    }
    for (std::uint32_t i = 0; i < 256; ++i)
        for (std::size_t s = 1; s < 8; ++s)
            t[s][i] = (t[s - 1][i] >> 8) ^ t[0][t[s - 1][i] & 0xFFu];
    return t;
}
inline constexpr auto kCrcTables = makeCrcTables();
} // namespace detail

// Running CRC state: start with kCrcInit, feed with crc32Update, finish with crc32Final.
inline constexpr std::uint32_t kCrcInit = 0xFFFFFFFFu;
inline std::uint32_t crc32Update(std::uint32_t c, const std::uint8_t* p, std::size_t n) {
    const auto& t = detail::kCrcTables;
    while (n >= 8) {
        const std::uint32_t lo = c ^ (std::uint32_t{p[0]} | std::uint32_t{p[1]} << 8 |
                                      std::uint32_t{p[2]} << 16 | std::uint32_t{p[3]} << 24);
        c = t[7][lo & 0xFFu] ^ t[6][(lo >> 8) & 0xFFu] ^ t[5][(lo >> 16) & 0xFFu] ^ t[4][lo >> 24] ^
            t[3][p[4]] ^ t[2][p[5]] ^ t[1][p[6]] ^ t[0][p[7]];
        p += 8;
        n -= 8;
    }
    while (n-- > 0)
        c = (c >> 8) ^ t[0][(c ^ *p++) & 0xFFu];
    return c;
}
inline std::uint32_t crc32Final(std::uint32_t c) {
    return c ^ 0xFFFFFFFFu;
}
inline std::uint32_t crc32(const std::uint8_t* p, std::size_t n) {
    return crc32Final(crc32Update(kCrcInit, p, n));
}
// The chunk checksum covers the tag and the payload (not the length field).
inline std::uint32_t chunkCrc(const std::uint8_t* tag, const std::uint8_t* payload, std::size_t n) {
    return crc32Final(crc32Update(crc32Update(kCrcInit, tag, 4), payload, n));
}

// ---- Little-endian stores into a pre-sized buffer. Each returns the advanced pointer.
inline std::uint8_t* putU8(std::uint8_t* p, std::uint8_t v) {
    *p = v;
    return p + 1;
}
inline std::uint8_t* putU16(std::uint8_t* p, std::uint16_t v) {
    p[0] = static_cast<std::uint8_t>(v);
    p[1] = static_cast<std::uint8_t>(v >> 8);
    return p + 2;
}
inline std::uint8_t* putU32(std::uint8_t* p, std::uint32_t v) {
    p[0] = static_cast<std::uint8_t>(v);
    p[1] = static_cast<std::uint8_t>(v >> 8);
    p[2] = static_cast<std::uint8_t>(v >> 16);
    p[3] = static_cast<std::uint8_t>(v >> 24);
    return p + 4;
}
inline std::uint8_t* putU64(std::uint8_t* p, std::uint64_t v) {
    for (int i = 0; i < 8; ++i)
        p[i] = static_cast<std::uint8_t>(v >> (8 * i));
    return p + 8;
}
inline std::uint8_t* putI16(std::uint8_t* p, std::int16_t v) {
    return putU16(p, static_cast<std::uint16_t>(v));
}
// IEEE 754 bit patterns, so NaN payloads and -0.0 survive the round trip.
inline std::uint8_t* putF32(std::uint8_t* p, float v) {
    return putU32(p, std::bit_cast<std::uint32_t>(v));
}
inline std::uint8_t* putF64(std::uint8_t* p, double v) {
    return putU64(p, std::bit_cast<std::uint64_t>(v));
}

inline std::uint16_t getU16(const std::uint8_t* p) {
    return static_cast<std::uint16_t>(p[0] | p[1] << 8);
}
inline std::uint32_t getU32(const std::uint8_t* p) {
    return std::uint32_t{p[0]} | std::uint32_t{p[1]} << 8 | std::uint32_t{p[2]} << 16 |
           std::uint32_t{p[3]} << 24;
}
inline std::uint64_t getU64(const std::uint8_t* p) {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i)
        v = v << 8 | p[i];
    return v;
}
inline float getF32(const std::uint8_t* p) {
    return std::bit_cast<float>(getU32(p));
}
inline double getF64(const std::uint8_t* p) {
    return std::bit_cast<double>(getU64(p));
}

// Appending writer for the chunks that are not hot (HEAD, EVNT, INDX, ENDM).
class ByteSink {
public:
    explicit ByteSink(std::vector<std::uint8_t>& buf) : m_buf(buf) {}
    void u8(std::uint8_t v) { m_buf.push_back(v); }
    void u32(std::uint32_t v) { putU32(grow(4), v); }
    void u64(std::uint64_t v) { putU64(grow(8), v); }
    void f32(float v) { putF32(grow(4), v); }
    void f64(double v) { putF64(grow(8), v); }
    // u32 byte length + the bytes (UTF-8 by convention; not validated).
    void str(std::string_view s) {
        u32(static_cast<std::uint32_t>(s.size()));
        if (!s.empty())
            std::memcpy(grow(s.size()), s.data(), s.size());
    }
    void bytes(const std::uint8_t* p, std::size_t n) {
        if (n > 0)
            std::memcpy(grow(n), p, n);
    }
    [[nodiscard]] std::size_t size() const { return m_buf.size(); }

private:
    std::uint8_t* grow(std::size_t n) {
        const std::size_t at = m_buf.size();
        m_buf.resize(at + n);
        return m_buf.data() + at;
    }
    std::vector<std::uint8_t>& m_buf;
};

// Bounds-checked cursor over a payload. Any read past the end sets a sticky failure and
// returns zeros, so decoders can read a whole record and check ok() once.
class ByteSource {
public:
    ByteSource(const std::uint8_t* p, std::size_t n) : m_p(p), m_end(p + n) {}
    [[nodiscard]] bool ok() const { return m_ok; }
    [[nodiscard]] std::size_t remaining() const { return static_cast<std::size_t>(m_end - m_p); }
    // True if n more bytes are there; otherwise marks the source as failed.
    bool need(std::size_t n) {
        if (!m_ok || remaining() < n) {
            m_ok = false;
            return false;
        }
        return true;
    }
    // A count of items that each take at least minItemBytes: fails (and returns 0) if the
    // payload could not possibly hold that many, so a damaged count never drives an allocation.
    std::uint32_t count(std::size_t minItemBytes) {
        const std::uint32_t n = u32();
        if (!m_ok)
            return 0;
        if (minItemBytes > 0 && n > remaining() / minItemBytes) {
            m_ok = false;
            return 0;
        }
        return n;
    }
    std::uint8_t u8() { return need(1) ? *m_p++ : 0; }
    std::uint16_t u16() { return need(2) ? advance(2, getU16(m_p)) : 0; }
    std::int16_t i16() { return static_cast<std::int16_t>(u16()); }
    std::uint32_t u32() { return need(4) ? advance(4, getU32(m_p)) : 0; }
    std::uint64_t u64() { return need(8) ? advance(8, getU64(m_p)) : 0; }
    float f32() { return std::bit_cast<float>(u32()); }
    double f64() { return std::bit_cast<double>(u64()); }
    std::string str() {
        const std::uint32_t n = u32();
        if (!need(n))
            return {};
        std::string s(reinterpret_cast<const char*>(m_p), n);
        m_p += n;
        return s;
    }
    // Pointer to the next n bytes (and skips them), or nullptr if they are not there.
    const std::uint8_t* take(std::size_t n) {
        if (!need(n))
            return nullptr;
        const std::uint8_t* at = m_p;
        m_p += n;
        return at;
    }

private:
    template <class T> T advance(std::size_t n, T v) {
        m_p += n;
        return v;
    }
    const std::uint8_t* m_p;
    const std::uint8_t* m_end;
    bool m_ok = true;
};

// Chunk framing into a byte buffer: beginChunk() reserves tag + length, the caller appends the
// payload, endChunk() fills in the length and appends the CRC.
inline std::size_t beginChunk(std::vector<std::uint8_t>& buf, const Tag& tag) {
    const std::size_t start = buf.size();
    buf.insert(buf.end(), tag.begin(), tag.end());
    buf.resize(buf.size() + 4);
    return start;
}
inline void endChunk(std::vector<std::uint8_t>& buf, std::size_t start) {
    const std::size_t payload = buf.size() - start - kChunkHeaderSize;
    putU32(buf.data() + start + 4, static_cast<std::uint32_t>(payload));
    const std::uint32_t crc =
        chunkCrc(buf.data() + start, buf.data() + start + kChunkHeaderSize, payload);
    buf.resize(buf.size() + 4);
    putU32(buf.data() + buf.size() - 4, crc);
}

// Agent status (floor, state, flags) as one 32-bit palette key, and back.
inline std::uint32_t statusKey(std::int16_t floor, std::uint8_t state, std::uint8_t flags) {
    return std::uint32_t{static_cast<std::uint16_t>(floor)} << 16 | std::uint32_t{state} << 8 |
           flags;
}

// Printable rendering of raw bytes for diagnostics: ASCII as is, the rest as \xHH.
inline std::string printableBytes(const std::uint8_t* p, std::size_t n) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string s;
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint8_t c = p[i];
        if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
            s += static_cast<char>(c);
        } else {
            s += "\\x";
            s += kHex[c >> 4];
            s += kHex[c & 0xF];
        }
    }
    return s;
}

inline std::string tagName(const std::uint8_t* tag) {
    return printableBytes(tag, 4);
}

} // namespace muster::replayfmt
