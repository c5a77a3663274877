// The terminal text helpers (muster/text.hpp) and the rounding of written numbers
// (muster/rounding.hpp); the tables of real presenters line up with Chinese names.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "muster/checks.hpp"
#include "muster/hazard_register.hpp"
#include "muster/rounding.hpp"
#include "muster/summary.hpp"
#include "muster/text.hpp"

using namespace muster;

namespace {

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);)
        out.push_back(l);
    return out;
}

// Display columns at which each space-separated token of `line` ends, after the first `skip`
// tokens (the name columns, whose content differs per row).
std::vector<int> tokenEnds(const std::string& line, int skip) {
    std::vector<int> ends;
    int col = 0, token = 0;
    bool in = false;
    for (std::size_t i = 0; i < line.size();) {
        std::size_t n = 1;
        while (i + n < line.size() && (static_cast<unsigned char>(line[i + n]) & 0xC0) == 0x80)
            ++n;
        const std::string_view ch(line.data() + i, n);
        const bool space = ch == " ";
        if (in && space) {
            if (token++ >= skip)
                ends.push_back(col);
        }
        in = !space;
        col += displayWidth(ch);
        i += n;
    }
    if (in && token >= skip)
        ends.push_back(col);
    return ends;
}

// Display column at which `field` starts in `line` (-1 if absent).
int columnOf(const std::string& line, const std::string& field) {
    const auto pos = line.find(field);
    return pos == std::string::npos ? -1 : displayWidth(std::string_view(line).substr(0, pos));
}

} // namespace

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

TEST_CASE("tables of Chinese and ASCII names line up in the terminal", "[text][table]") {
    SECTION("muster info: the floor table and the profile list") {
        ProjectSummary s;
        s.name = "病房楼 Ward tower";
        for (const char* id : {"WT-3F", "病房楼3F", "急诊（东）", "ＯＲ-1"}) {
            FloorSummary f;
            f.id = id;
            f.building = std::string(id).size() > 6 ? "病房楼" : "WT";
            f.rooms = 12;
            f.areaM2 = 1234.5;
            s.perFloor.push_back(f);
        }
        s.occupantsDay = {{"nurse", 4}, {"护士", 5}, {"患者（卧床）", 6}};
        const auto ls = lines(summaryText(s));
        std::vector<std::string> rows;
        std::string header;
        for (const auto& l : ls) {
            if (l.rfind("floor", 0) == 0)
                header = l;
            for (const auto& f : s.perFloor)
                if (l.rfind(f.id, 0) == 0)
                    rows.push_back(l);
        }
        REQUIRE(rows.size() == 4);
        for (const auto& r : rows) {
            INFO(r);
            CHECK(tokenEnds(r, 2) == tokenEnds(rows[0], 2)); // every numeric column ends in place
            CHECK(columnOf(r, " 12 ") == columnOf(rows[0], " 12 "));
            CHECK(displayWidth(r) == displayWidth(header)); // "area m²" as wide as its column
        }
        std::vector<int> profileCols;
        for (const auto& l : ls)
            for (const char* k : {"  nurse", "  护士", "  患者（卧床）", "  total"})
                if (l.rfind(k, 0) == 0)
                    profileCols.push_back(displayWidth(l));
        REQUIRE(profileCols.size() == 4);
        for (int w : profileCols)
            CHECK(w == profileCols[0]);
    }
    SECTION("muster check: the floor table") {
        ComplianceReport rep;
        for (const char* id : {"3F", "病房3F", "手术部1F"}) {
            FloorReport f;
            f.floor = id;
            f.building = std::string(id) == "3F" ? "WT" : "外科";
            f.units = 7;
            rep.floors.push_back(f);
        }
        const auto ls = lines(checkSummaryText(rep, false));
        REQUIRE(ls.size() >= 5);
        const std::string& header = ls[1];
        for (std::size_t i = 2; i < 5; ++i) {
            INFO(ls[i]);
            CHECK(tokenEnds(ls[i], 2) == tokenEnds(ls[2], 2));
            CHECK(displayWidth(ls[i]) == displayWidth(header));
        }
    }
    SECTION("muster hazards: departments in Chinese") {
        std::map<std::string, HazardStats> stats;
        stats[""] = {10, 7, 3, 1};
        stats["心内科"] = {4, 3, 1, 0};
        stats["ICU"] = {3, 2, 1, 1};
        stats["急诊科（东区）"] = {3, 2, 1, 0};
        const auto ls = lines(hazardStatsText(stats, "department"));
        REQUIRE(ls.size() == 5);
        for (const auto& l : ls) {
            INFO(l);
            CHECK(displayWidth(l) == displayWidth(ls[0]));
            if (&l != &ls[0])
                CHECK(tokenEnds(l, 1) == tokenEnds(ls[1], 1));
        }
        CHECK(ls[1].rfind("all ", 0) == 0);
    }
}
