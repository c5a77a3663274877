#pragma once
// The input limits Muster enforces, each with the reason (docs/format.md "Limits"). A value
// outside them is an error that names the file, line, key and the range, never a silent wrap,
// a crash or a run that spins without output (issue 18).
#include <cstdint>

namespace muster::limits {

// Head counts, staff, runs, ratings: no hospital campus comes near 10^6 of any of them.
inline constexpr long long kMaxCount = 1'000'000;
// People in one run (all groups together), for the same reason.
inline constexpr long long kMaxPeople = 1'000'000;
// The engine's time step: the model is calibrated at 0.05 s; below 1 ms a run would take
// days, above 1 s people walk through walls.
inline constexpr double kMinTimeStepS = 0.001;
inline constexpr double kMaxTimeStepS = 1.0;
// A run's simulated duration: a day.
inline constexpr double kMaxTimeS = 86'400.0;
// Door, exit and stair widths: narrower than 0.3 m nobody passes; 20 m is a loading bay.
inline constexpr double kMinWidthM = 0.3;
inline constexpr double kMaxWidthM = 20.0;
// A floor's outline: a hospital building is well under 2 km across.
inline constexpr double kMaxExtentM = 2000.0;
// Crowd density at the start: 6 P/m² is the highest density measured in crowds (Fruin; SFPE
// Handbook ch. 59 uses 3.8 P/m² as the point where movement stops).
inline constexpr double kMaxDensityPerM2 = 6.0;
// Navigation and coverage grid spacing, and the grid it makes per floor (4·10^7 cells is a
// 1.26 km square floor at 0.2 m, ~0.5 GB of distance fields per target).
inline constexpr double kMinCellM = 0.02;
inline constexpr double kMaxCellM = 2.0;
inline constexpr double kMaxGridCells = 4e7;
// A stair end must stand this far inside its room (a person's radius), not on a wall or corner.
inline constexpr double kStairEndInsetM = 0.25;

} // namespace muster::limits
