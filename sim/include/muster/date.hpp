#pragma once
// Calendar dates without time zones. "Today" is always an input to the core.
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace muster {

struct Date {
    int year = 1970;
    int month = 1; // 1..12
    int day = 1;   // 1..31
    auto operator<=>(const Date&) const = default;

    [[nodiscard]] long daysSinceEpoch() const; // 1970-01-01 = 0
    [[nodiscard]] static Date fromDays(long days);
    [[nodiscard]] Date addDays(long n) const { return fromDays(daysSinceEpoch() + n); }
    // Adds months, clamping the day to the last day of the target month
    // (2024-02-29 + 12 months = 2025-02-28).
    [[nodiscard]] Date addMonths(int n) const;
    [[nodiscard]] std::string str() const; // YYYY-MM-DD
};

// A year-month as stamped on an extinguisher ("2019-05").
struct YearMonth {
    int year = 1970;
    int month = 1;
    auto operator<=>(const YearMonth&) const = default;
    [[nodiscard]] YearMonth addMonths(int n) const;
    [[nodiscard]] Date firstDay() const { return Date{year, month, 1}; }
    [[nodiscard]] std::string str() const; // YYYY-MM
};

int daysInMonth(int year, int month);
bool isLeapYear(int year);
long daysBetween(const Date& a, const Date& b); // b - a

// Strict parsers: "2026-11-23" / "2019-05". nullopt on any malformed or impossible value.
std::optional<Date> parseDate(std::string_view s);
std::optional<YearMonth> parseYearMonth(std::string_view s);

} // namespace muster
