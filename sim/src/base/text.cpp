#include "muster/text.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>

namespace muster {

namespace {

struct Range {
    char32_t lo, hi;
};

// Zero-width code points: combining marks (general category Mn/Me) of the blocks names are
// written in, zero-width format characters, variation selectors and the Hangul Jamo that
// combine with a leading consonant into one syllable cell. Sorted, not overlapping.
constexpr Range kZeroWidth[] = {
    {0x0300, 0x036F}, // combining diacritical marks
    {0x0483, 0x0489}, // Cyrillic combining marks
    {0x0591, 0x05BD},   {0x05BF, 0x05BF},   {0x05C1, 0x05C2}, {0x05C4, 0x05C5}, {0x05C7, 0x05C7},
    {0x0610, 0x061A},   {0x064B, 0x065F},   {0x0670, 0x0670}, {0x06D6, 0x06DC}, {0x06DF, 0x06E4},
    {0x06E7, 0x06E8},   {0x06EA, 0x06ED},                     // Hebrew and Arabic points
    {0x0E31, 0x0E31},   {0x0E34, 0x0E3A},   {0x0E47, 0x0E4E}, // Thai vowel and tone marks
    {0x1160, 0x11FF},                       // Hangul Jamo medial vowels and final consonants
    {0x1AB0, 0x1AFF},                       // combining diacritical marks extended
    {0x1DC0, 0x1DFF},                       // combining diacritical marks supplement
    {0x200B, 0x200F},                       // zero width space, ZWNJ, ZWJ, LRM, RLM
    {0x202A, 0x202E},                       // bidi embeddings and overrides
    {0x2060, 0x2064},                       // word joiner, invisible operators
    {0x20D0, 0x20F0},                       // combining marks for symbols
    {0x302A, 0x302D},                       // ideographic tone marks
    {0x3099, 0x309A},                       // combining kana voiced sound marks
    {0xFE00, 0xFE0F},                       // variation selectors
    {0xFE20, 0xFE2F},                       // combining half marks
    {0xFEFF, 0xFEFF},                       // zero width no-break space (BOM)
    {0xE0001, 0xE0001}, {0xE0020, 0xE007F}, // tags
    {0xE0100, 0xE01EF},                     // variation selectors supplement
};

// East_Asian_Width W and F (Unicode 15), with the zero-width marks above taken out first.
// Sorted, not overlapping.
constexpr Range kWide[] = {
    {0x1100, 0x115F}, // Hangul Jamo leading consonants
    {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},   {0x23F0, 0x23F0},
    {0x23F3, 0x23F3},   {0x25FD, 0x25FE},   {0x2614, 0x2615},   {0x2648, 0x2653},
    {0x267F, 0x267F},   {0x2693, 0x2693},   {0x26A1, 0x26A1},   {0x26AA, 0x26AB},
    {0x26BD, 0x26BE},   {0x26C4, 0x26C5},   {0x26CE, 0x26CE},   {0x26D4, 0x26D4},
    {0x26EA, 0x26EA},   {0x26F2, 0x26F3},   {0x26F5, 0x26F5},   {0x26FA, 0x26FA},
    {0x26FD, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},   {0x2728, 0x2728},
    {0x274C, 0x274C},   {0x274E, 0x274E},   {0x2753, 0x2755},   {0x2757, 0x2757},
    {0x2795, 0x2797},   {0x27B0, 0x27B0},   {0x27BF, 0x27BF},   {0x2B1B, 0x2B1C},
    {0x2B50, 0x2B50},   {0x2B55, 0x2B55}, // emoji presentation
    {0x2E80, 0x2E99},   {0x2E9B, 0x2EF3}, // CJK radicals supplement
    {0x2F00, 0x2FD5},                     // Kangxi radicals
    {0x2FF0, 0x2FFB},                     // ideographic description characters
    {0x3000, 0x3029},   {0x302E, 0x303E}, // ideographic space (F), CJK symbols and punctuation
    {0x3041, 0x3096},   {0x309B, 0x30FF}, // hiragana, katakana
    {0x3105, 0x312F},   {0x3131, 0x318E},   {0x3190, 0x31E3},   {0x31F0, 0x321E},
    {0x3220, 0x3247},   {0x3250, 0x4DBF}, // enclosed CJK, compatibility, CJK extension A
    {0x4E00, 0xA48C},                     // CJK unified ideographs, Yi syllables
    {0xA490, 0xA4C6},                     // Yi radicals
    {0xA960, 0xA97C},                     // Hangul Jamo extended A
    {0xAC00, 0xD7A3},                     // Hangul syllables
    {0xF900, 0xFAFF},                     // CJK compatibility ideographs
    {0xFE10, 0xFE19},                     // vertical forms
    {0xFE30, 0xFE52},   {0xFE54, 0xFE66},   {0xFE68, 0xFE6B}, // CJK compatibility and small forms
    {0xFF01, 0xFF60},                                         // fullwidth forms (F)
    {0xFFE0, 0xFFE6},                                         // fullwidth signs (F)
    {0x16FE0, 0x16FE4}, {0x16FF0, 0x16FF1}, {0x17000, 0x187F7}, {0x18800, 0x18CD5},
    {0x18D00, 0x18D08}, {0x1AFF0, 0x1AFFE}, {0x1B000, 0x1B122}, {0x1B132, 0x1B132},
    {0x1B150, 0x1B152}, {0x1B155, 0x1B155}, {0x1B164, 0x1B167}, {0x1B170, 0x1B2FB},
    {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A},
    {0x1F200, 0x1F202}, {0x1F210, 0x1F23B}, {0x1F240, 0x1F248}, {0x1F250, 0x1F251},
    {0x1F260, 0x1F265}, {0x1F300, 0x1F320}, {0x1F32D, 0x1F335}, {0x1F337, 0x1F37C},
    {0x1F37E, 0x1F393}, {0x1F3A0, 0x1F3CA}, {0x1F3CF, 0x1F3D3}, {0x1F3E0, 0x1F3F0},
    {0x1F3F4, 0x1F3F4}, {0x1F3F8, 0x1F43E}, {0x1F440, 0x1F440}, {0x1F442, 0x1F4FC},
    {0x1F4FF, 0x1F53D}, {0x1F54B, 0x1F54E}, {0x1F550, 0x1F567}, {0x1F57A, 0x1F57A},
    {0x1F595, 0x1F596}, {0x1F5A4, 0x1F5A4}, {0x1F5FB, 0x1F64F}, {0x1F680, 0x1F6C5},
    {0x1F6CC, 0x1F6CC}, {0x1F6D0, 0x1F6D2}, {0x1F6D5, 0x1F6D7}, {0x1F6DC, 0x1F6DF},
    {0x1F6EB, 0x1F6EC}, {0x1F6F4, 0x1F6FC}, {0x1F7E0, 0x1F7EB}, {0x1F7F0, 0x1F7F0},
    {0x1F90C, 0x1F93A}, {0x1F93C, 0x1F945}, {0x1F947, 0x1F9FF}, {0x1FA70, 0x1FA7C},
    {0x1FA80, 0x1FA88}, {0x1FA90, 0x1FABD}, {0x1FABF, 0x1FAC5}, {0x1FACE, 0x1FADB},
    {0x1FAE0, 0x1FAE8}, {0x1FAF0, 0x1FAF8}, // emoji presentation pictographs
    {0x20000, 0x2FFFD},                     // CJK extensions B-F, compatibility supplement
    {0x30000, 0x3FFFD},                     // CJK extensions G-H
};

template <std::size_t N> bool inRanges(const Range (&table)[N], char32_t cp) {
    const Range* end = table + N;
    const Range* it =
        std::lower_bound(table, end, cp, [](const Range& r, char32_t c) { return r.hi < c; });
    return it != end && it->lo <= cp;
}

// Decodes one code point of `s` at `i`. Returns the number of bytes it takes (1..4), or 0 if
// the byte at `i` does not start a well-formed sequence (overlong forms, surrogates and values
// above U+10FFFF included).
std::size_t decode(std::string_view s, std::size_t i, char32_t& cp) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    }
    std::size_t len = 0;
    char32_t min = 0;
    if ((b0 & 0xE0) == 0xC0) {
        len = 2;
        cp = b0 & 0x1Fu;
        min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3;
        cp = b0 & 0x0Fu;
        min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4;
        cp = b0 & 0x07u;
        min = 0x10000;
    } else {
        return 0;
    }
    if (i + len > s.size())
        return 0;
    for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (b & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

// Bytes and columns of the code point (or stray byte) at `i`.
struct Step {
    std::size_t bytes;
    int columns;
};

Step stepAt(std::string_view s, std::size_t i) {
    char32_t cp = 0;
    const std::size_t n = decode(s, i, cp);
    if (n == 0)
        return {1, 1}; // a byte that is not UTF-8: one column (terminals show one replacement)
    return {n, codePointWidth(cp)};
}

std::string spaces(int n) {
    return std::string(static_cast<std::size_t>(std::max(n, 0)), ' ');
}

} // namespace

int codePointWidth(char32_t cp) {
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
        return 0; // controls
    if (cp < 0x300)
        return 1; // ASCII and Latin-1, the common case
    if (inRanges(kZeroWidth, cp))
        return 0;
    return inRanges(kWide, cp) ? 2 : 1;
}

int displayWidth(std::string_view utf8) {
    int w = 0;
    for (std::size_t i = 0; i < utf8.size();) {
        const Step st = stepAt(utf8, i);
        w += st.columns;
        i += st.bytes;
    }
    return w;
}

std::string padRight(std::string_view s, int width) {
    return std::string(s) + spaces(width - displayWidth(s));
}

std::string padLeft(std::string_view s, int width) {
    return spaces(width - displayWidth(s)) + std::string(s);
}

std::string truncateToWidth(std::string_view s, int width, std::string_view ellipsis) {
    if (displayWidth(s) <= width)
        return std::string(s);
    const int budget = width - displayWidth(ellipsis);
    if (budget < 0)
        return "";
    std::size_t keep = 0;
    int used = 0;
    for (std::size_t i = 0; i < s.size();) {
        const Step st = stepAt(s, i);
        if (used + st.columns > budget)
            break;
        used += st.columns;
        i += st.bytes;
        keep = i;
    }
    return std::string(s.substr(0, keep)) + std::string(ellipsis);
}

std::string_view pluralWord(long long n, std::string_view one, std::string_view many) {
    return n == 1 || n == -1 ? one : many;
}

std::string plural(long long n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(pluralWord(n, one, many));
}

std::string csvField(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos)
        return s;
    std::string o = "\"";
    for (char c : s) {
        if (c == '"')
            o += '"';
        o += c;
    }
    return o + "\"";
}

} // namespace muster
