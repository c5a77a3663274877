#pragma once
// Terminal text: display width of UTF-8 strings, padding and truncation by that width, and
// plural-aware counts. Terminal tables pad with these, never with printf's %-Ns (which counts
// bytes: "病房" is 6 bytes but 4 columns).
//
// Width rules (Unicode UAX #11 East_Asian_Width, as terminals apply it):
//   2 columns  W and F characters: Hangul Jamo leading consonants, CJK radicals and punctuation,
//              kana, CJK ideographs (BMP and planes 2-3), Hangul syllables, CJK compatibility
//              ideographs, vertical and small forms, fullwidth forms, emoji-presentation
//              pictographs;
//   0 columns  combining marks (Mn/Me) of the common blocks, zero-width format characters
//              (ZWSP, ZWJ, bidi marks, BOM), variation selectors, Hangul medial vowels and final
//              consonants, C0/C1 controls;
//   1 column   everything else, and each byte that is not part of valid UTF-8 (it never throws).
#include <string>
#include <string_view>

namespace muster {

// Columns one code point takes in a terminal (0, 1 or 2).
[[nodiscard]] int codePointWidth(char32_t cp);

// Columns `utf8` takes in a terminal.
[[nodiscard]] int displayWidth(std::string_view utf8);

// `s` followed (padRight) or preceded (padLeft) by spaces up to `width` columns; unchanged if
// it is already that wide or wider (as printf's %-Ns: a long name pushes the row, it is not cut).
[[nodiscard]] std::string padRight(std::string_view s, int width);
[[nodiscard]] std::string padLeft(std::string_view s, int width);

// The longest prefix of `s` (whole code points, with the combining marks that follow the last
// one) that fits in `width` columns; if `s` was cut, the prefix ends in `ellipsis` and the whole
// still fits in `width`.
[[nodiscard]] std::string truncateToWidth(std::string_view s, int width,
                                          std::string_view ellipsis = "…");

// "1 person", "2 people", "0 people": the count and the word that goes with it.
[[nodiscard]] std::string plural(long long n, std::string_view one, std::string_view many);
// The word alone, for a count printed elsewhere ("%5d %s").
[[nodiscard]] std::string_view pluralWord(long long n, std::string_view one, std::string_view many);

// One CSV field (RFC 4180): as it is, or quoted (inner quotes doubled) when it holds a comma,
// a quote or a line break.
[[nodiscard]] std::string csvField(const std::string& s);

} // namespace muster
