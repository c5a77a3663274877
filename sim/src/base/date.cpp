#include "muster/date.hpp"

#include <charconv>
#include <cstdio>

namespace muster {

bool isLeapYear(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int daysInMonth(int y, int m) {
    static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && isLeapYear(y))
        return 29;
    return kDays[(m - 1) % 12];
}

// Howard Hinnant's days_from_civil / civil_from_days (public domain algorithms).
long Date::daysSinceEpoch() const {
    const int y = year - (month <= 2 ? 1 : 0);
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long mp = (month + 9) % 12;
    const long doy = (153 * mp + 2) / 5 + day - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

Date Date::fromDays(long z) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const int y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
    return Date{y, m, d};
}

Date Date::addMonths(int n) const {
    const YearMonth ym = YearMonth{year, month}.addMonths(n);
    const int d = day > daysInMonth(ym.year, ym.month) ? daysInMonth(ym.year, ym.month) : day;
    return Date{ym.year, ym.month, d};
}

std::string Date::str() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

YearMonth YearMonth::addMonths(int n) const {
    const int total = year * 12 + (month - 1) + n;
    const int y = total >= 0 ? total / 12 : (total - 11) / 12;
    return YearMonth{y, total - y * 12 + 1};
}

std::string YearMonth::str() const {
    char buf[12];
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
    return buf;
}

long daysBetween(const Date& a, const Date& b) {
    return b.daysSinceEpoch() - a.daysSinceEpoch();
}

namespace {
bool parseFixed(std::string_view s, int& out) {
    if (s.empty())
        return false;
    for (char c : s)
        if (c < '0' || c > '9')
            return false;
    auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc{};
}
} // namespace

std::optional<YearMonth> parseYearMonth(std::string_view s) {
    if (s.size() != 7 || s[4] != '-')
        return std::nullopt;
    YearMonth ym;
    if (!parseFixed(s.substr(0, 4), ym.year) || !parseFixed(s.substr(5, 2), ym.month))
        return std::nullopt;
    if (ym.year < 1900 || ym.year > 2999 || ym.month < 1 || ym.month > 12)
        return std::nullopt;
    return ym;
}

std::optional<Date> parseDate(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-')
        return std::nullopt;
    Date d;
    if (!parseFixed(s.substr(0, 4), d.year) || !parseFixed(s.substr(5, 2), d.month) ||
        !parseFixed(s.substr(8, 2), d.day))
        return std::nullopt;
    if (d.year < 1900 || d.year > 2999 || d.month < 1 || d.month > 12)
        return std::nullopt;
    if (d.day < 1 || d.day > daysInMonth(d.year, d.month))
        return std::nullopt;
    return d;
}

} // namespace muster
