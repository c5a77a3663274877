#pragma once
// Numbers as Muster writes them (docs/format.md, "Numbers in output files"): rounded to what
// they mean, so a JSON file says 3600.0, not 3600.000000004331. Only what is written is
// rounded; the engine and the statistics keep full precision.
//   times            0.1 s        kTimeStepS
//   distances        0.01 m       kDistanceStepM (positions, widths, lengths)
//   areas            0.01 m²      kAreaStepM2
//   densities        0.01 /m²     kDensityStep
//   fractions        4 significant digits (shares 0..1, p-values)  kFractionDigits
//   mean counts      0.001        kMeanCountStep (people per run averaged over replications)
#include <string>

namespace muster {

inline constexpr double kTimeStepS = 0.1;
inline constexpr double kDistanceStepM = 0.01;
inline constexpr double kAreaStepM2 = 0.01;
inline constexpr double kDensityStep = 0.01;
inline constexpr double kMeanCountStep = 0.001;
inline constexpr int kFractionDigits = 4;

// `v` rounded to the nearest multiple of `step` (half away from zero). For a step of 10^-k the
// result is the double nearest to the decimal, so it prints short (0.3, not
// 0.30000000000000004). NaN, infinities, values too large to have a fraction, and step <= 0
// come back unchanged; -0.0 comes back as 0.0.
[[nodiscard]] double roundTo(double v, double step);

// `v` rounded to `digits` significant digits (1..17); 0, NaN and infinities unchanged.
[[nodiscard]] double roundSignificant(double v, int digits);

// The named rounding of the table above.
[[nodiscard]] inline double roundTime(double s) {
    return roundTo(s, kTimeStepS);
}
[[nodiscard]] inline double roundDistance(double m) {
    return roundTo(m, kDistanceStepM);
}
[[nodiscard]] inline double roundFraction(double x) {
    return roundSignificant(x, kFractionDigits);
}

// Text for CSV cells: `v` rounded to `step` with exactly the decimals the step has
// (fixedText(3600.000000004331, 0.1) == "3600.0"); "nan"/"inf"/"-inf" for those.
[[nodiscard]] std::string fixedText(double v, double step);
// Text of roundSignificant(v, digits) in the shortest form that reads back the same.
[[nodiscard]] std::string significantText(double v, int digits);

} // namespace muster
