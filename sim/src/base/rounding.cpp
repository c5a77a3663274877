#include "muster/rounding.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace muster {

namespace {

// Above 2^52 every double is a whole number: nothing to round at a step below 1.
constexpr double kNoFraction = 4503599627370496.0;

double noNegativeZero(double v) {
    return v == 0.0 ? 0.0 : v;
}

} // namespace

double roundTo(double v, double step) {
    if (!std::isfinite(v) || !(step > 0) || !std::isfinite(step))
        return v;
    if (step < 1) {
        // Multiply by the whole number 1/step and divide by it again: k / 10 is the double
        // nearest to the decimal, k * 0.1 is not always.
        const double inv = std::round(1.0 / step);
        if (std::fabs(v) >= kNoFraction / inv)
            return v;
        return noNegativeZero(std::round(v * inv) / inv);
    }
    if (std::fabs(v / step) >= kNoFraction)
        return v;
    return noNegativeZero(std::round(v / step) * step);
}

double roundSignificant(double v, int digits) {
    if (!std::isfinite(v) || v == 0.0 || digits < 1 || digits > 17)
        return v;
    const int exponent = static_cast<int>(std::floor(std::log10(std::fabs(v))));
    const int decimals = digits - 1 - exponent;
    if (decimals > 300 || decimals < -300)
        return v;
    if (decimals >= 0) {
        const double scale = std::pow(10.0, decimals);
        const double scaled = v * scale;
        if (!std::isfinite(scaled) || std::fabs(scaled) >= kNoFraction)
            return v;
        return noNegativeZero(std::round(scaled) / scale);
    }
    const double scale = std::pow(10.0, -decimals);
    return noNegativeZero(std::round(v / scale) * scale);
}

std::string fixedText(double v, double step) {
    if (std::isnan(v))
        return "nan";
    if (std::isinf(v))
        return v > 0 ? "inf" : "-inf";
    int decimals = 0;
    for (double s = step; decimals < 15 && s > 0 && s < 1 - 1e-9; s *= 10)
        ++decimals;
    char b[64];
    std::snprintf(b, sizeof b, "%.*f", decimals, roundTo(v, step));
    return b;
}

std::string significantText(double v, int digits) {
    if (std::isnan(v))
        return "nan";
    if (std::isinf(v))
        return v > 0 ? "inf" : "-inf";
    char b[64];
    const auto res = std::to_chars(b, b + sizeof b, roundSignificant(v, digits));
    return std::string(b, res.ptr);
}

} // namespace muster
