// The terminal text helpers (muster/text.hpp) and the rounding of written numbers
// (muster/rounding.hpp).
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>

#include "muster/rounding.hpp"
#include "muster/text.hpp"

using namespace muster;

TEST_CASE("display width counts terminal columns", "[text]") {
    SECTION("ASCII is one column a byte") {
        CHECK(displayWidth("") == 0);
        CHECK(displayWidth("WT-3F-012") == 9);
    }
    SECTION("CJK ideographs are two columns, ASCII one") {
        CHECK(displayWidth("病房 512") == 8);
        CHECK(displayWidth("手术室") == 6);
        CHECK(displayWidth("ICU 重症监护室 3F") == 4 + 10 + 3);
    }
    SECTION("Hangul, kana, CJK punctuation and fullwidth forms are two columns") {
        CHECK(displayWidth("병동") == 4);
        CHECK(displayWidth("カタカナ") == 8);
        CHECK(displayWidth("，。、") == 6);
        CHECK(displayWidth("（东）") == 6);
        CHECK(displayWidth("ＡＢＣ１２３") == 12);
        CHECK(displayWidth("\u3000") == 2); // ideographic space (F)
        CHECK(displayWidth("𠀀") == 2);     // CJK extension B, outside the BMP
    }
    SECTION("combining marks and zero-width characters take no column") {
        CHECK(displayWidth("e\u0301") == 1);            // e + combining acute
        CHECK(displayWidth("Cafe\u0301 A\u0308") == 6); // Café Ä decomposed
        CHECK(displayWidth("a\u200Bb") == 2);           // zero width space
        CHECK(displayWidth("\uFEFFid") == 2);           // BOM
    }
    SECTION("Latin-1 and other narrow letters are one column; m² too") {
        CHECK(displayWidth("m²") == 2);
        CHECK(displayWidth("Ærø") == 3);
        CHECK(displayWidth("Ωμέγα") == 5);
    }
    SECTION("bytes that are not UTF-8 count one column each and never crash") {
        CHECK(displayWidth("\xFF") == 1);
        CHECK(displayWidth("a\xC3") == 2);            // truncated two-byte sequence
        CHECK(displayWidth("\xE7\x97") == 2);         // truncated ideograph: two stray bytes
        CHECK(displayWidth("\xC0\xAF") == 2);         // overlong '/'
        CHECK(displayWidth("\xED\xA0\x80") == 3);     // a surrogate
        CHECK(displayWidth("\xF4\x90\x80\x80") == 4); // above U+10FFFF
        CHECK(displayWidth("病\x80房") == 5);
        std::string all;
        for (int b = 0; b < 256; ++b)
            all += static_cast<char>(b);
        CHECK(displayWidth(all) > 0);
        CHECK(truncateToWidth(all, 10).size() <= all.size());
    }
}

TEST_CASE("padding and truncation go by display width", "[text]") {
    CHECK(padRight("病房", 6) == "病房  ");
    CHECK(padLeft("病房", 6) == "  病房");
    CHECK(padRight("ICU", 6) == "ICU   ");
    CHECK(padRight("急诊科（东）", 4) == "急诊科（东）"); // wider: unchanged, not cut
    CHECK(padLeft("x", -3) == "x");
    CHECK(displayWidth(padRight("e\u0301", 3)) == 3);
    CHECK(truncateToWidth("病房 512", 20) == "病房 512");
    CHECK(truncateToWidth("病房楼东区", 7) == "病房楼…");
    CHECK(displayWidth(truncateToWidth("病房楼东区", 6)) <= 6);
    CHECK(truncateToWidth("病房楼东区", 6) == "病房…");
    CHECK(truncateToWidth("abcdef", 4, "") == "abcd");
    CHECK(truncateToWidth("ae\u0301b", 2, "") == "ae\u0301"); // the mark stays with its letter
    CHECK(truncateToWidth("病房", 1, "") == "");
    CHECK(truncateToWidth("abc", 0) == "");
}

TEST_CASE("counts take the word that goes with them", "[text]") {
    CHECK(plural(1, "person", "people") == "1 person");
    CHECK(plural(2, "person", "people") == "2 people");
    CHECK(plural(0, "run", "runs") == "0 runs");
    CHECK(plural(1, "thread", "threads") == "1 thread");
    CHECK(pluralWord(30, "replication", "replications") == "replications");
}

TEST_CASE("written numbers are rounded to what they mean", "[text][rounding]") {
    SECTION("to a step, printing short") {
        CHECK(roundTime(3600.000000004331) == 3600.0);
        CHECK(roundTo(0.30000000000000004, 0.1) == 0.3);
        CHECK(roundTo(1380.5999999992921, 0.1) == 1380.6);
        CHECK(roundDistance(12.3456) == 12.35);
        CHECK(roundTo(-0.04, 0.1) == 0.0);
        CHECK_FALSE(std::signbit(roundTo(-0.04, 0.1)));
        CHECK(roundTo(1234.0, 50.0) == 1250.0);
        CHECK(roundTo(2.5, 0.0) == 2.5);
        const double big = 1e300, inf = std::numeric_limits<double>::infinity();
        CHECK(roundTo(big, 0.1) == big);
        CHECK(roundTo(inf, 0.1) == inf);
        CHECK(std::isnan(roundTo(std::nan(""), 0.1)));
    }
    SECTION("to significant digits") {
        CHECK(roundFraction(0.123456) == 0.1235);
        CHECK(roundFraction(0.000123456) == 0.0001235);
        CHECK(roundFraction(1.0) == 1.0);
        CHECK(roundFraction(0.0) == 0.0);
        CHECK(roundSignificant(123456.0, 2) == 120000.0);
    }
    SECTION("as CSV text") {
        CHECK(fixedText(3600.000000004331, 0.1) == "3600.0");
        CHECK(fixedText(12.3456, 0.01) == "12.35");
        CHECK(fixedText(2.0, 0.001) == "2.000");
        CHECK(fixedText(-0.01, 0.1) == "0.0");
        CHECK(significantText(0.8333333333, 4) == "0.8333");
        CHECK(significantText(1.0, 4) == "1");
        CHECK(significantText(std::nan(""), 4) == "nan");
    }
}
