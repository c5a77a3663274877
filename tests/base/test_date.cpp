#include <catch2/catch.hpp>

#include "muster/date.hpp"

using namespace muster;

TEST_CASE("dates parse strictly", "[date]") {
    SECTION("accepts valid dates including leap days") {
        REQUIRE(parseDate("2024-02-29") == Date{2024, 2, 29});
        REQUIRE(parseDate("2000-02-29").has_value());
    }
    SECTION("rejects impossible or malformed dates") {
        CHECK_FALSE(parseDate("2023-02-29"));
        CHECK_FALSE(parseDate("1900-02-29"));
        CHECK_FALSE(parseDate("2026-13-01"));
        CHECK_FALSE(parseDate("2026-11-31"));
        CHECK_FALSE(parseDate("2026-1-01"));
        CHECK_FALSE(parseDate("yesterday"));
        CHECK_FALSE(parseYearMonth("2019-5"));
        CHECK_FALSE(parseYearMonth("2019-00"));
    }
}

TEST_CASE("date arithmetic", "[date]") {
    SECTION("days since epoch round-trips") {
        for (long d = -1000; d < 30000; d += 37)
            REQUIRE(Date::fromDays(d).daysSinceEpoch() == d);
        REQUIRE(Date{1970, 1, 1}.daysSinceEpoch() == 0);
        REQUIRE(Date{2026, 11, 23}.daysSinceEpoch() == 20780); // 56 y x 365 + 14 leap days + 326
    }
    SECTION("adding months clamps to the month's last day") {
        REQUIRE(Date{2024, 2, 29}.addMonths(12) == Date{2025, 2, 28});
        REQUIRE(Date{2026, 1, 31}.addMonths(1) == Date{2026, 2, 28});
        REQUIRE(Date{2026, 12, 15}.addMonths(1) == Date{2027, 1, 15});
        REQUIRE(YearMonth{2019, 5}.addMonths(120) == YearMonth{2029, 5});
        REQUIRE(YearMonth{2019, 12}.addMonths(1) == YearMonth{2020, 1});
        REQUIRE(YearMonth{2020, 1}.addMonths(-1) == YearMonth{2019, 12});
    }
    SECTION("days between across a leap year") {
        REQUIRE(daysBetween(Date{2024, 1, 1}, Date{2025, 1, 1}) == 366);
        REQUIRE(daysBetween(Date{2025, 1, 1}, Date{2026, 1, 1}) == 365);
    }
}
