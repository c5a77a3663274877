#pragma once
// Tenability of the smoke for the people in it: Purser's fractional effective dose (FED) of the
// asphyxiant gases and the visibility criterion, from the one quantity the zone model gives per
// room and time, the extinction coefficient Ks (smoke.hpp). The zone model has no fire size,
// no gas species and no layer height, so the gases are derived from Ks through the soot's
// specific extinction and the design yields below: docs/model.md ("Smoke exposure as
// tenability") derives it and states each simplification. Every number is here, once.
namespace muster {

namespace tenability {

// ---- asphyxiant FED (Purser, SFPE Handbook 5th ed. ch. 63; ISO 13571:2012) -----------------
// CO exposure dose for incapacitation of an adult at light activity: 35,000 ppm·min.
inline constexpr double kCoIncapacitationPpmMin = 35000.0;
// The usual design threshold: FED 0.3 keeps most of a susceptible population (children, the
// elderly, people with heart or lung disease) able to escape; ISO 13571 puts the share still
// incapacitated at 0.3 at about 11 %, from the spread of susceptibility. Purser; ISO 13571.
inline constexpr double kFedDesignThreshold = 0.3;
// CO2 hyperventilation factor V = exp(%CO2 / 5) (Purser, SFPE ch. 63; ISO 13571:2007): breathing
// faster raises the uptake of the other gases. The exponent's divisor, in percent by volume.
inline constexpr double kCo2HyperventilationPercent = 5.0;

// ---- from extinction coefficient to gas concentrations ---------------------------------------
// Mass-specific extinction coefficient of flame-generated smoke: Ks = sigma * soot mass
// concentration, sigma = 8700 m²/kg (Mulholland & Croarkin 2000, Fire and Materials 24:227;
// the FDS default). M: a mean over fuels, +-1100 m²/kg.
inline constexpr double kSootSpecificExtinctionM2PerKg = 8700.0;
// Design yields (kg of species per kg of fuel burnt), post-flashover: New Zealand C/VM2
// (Verification Method for Fire Safety Design, 2014): soot 0.14, CO 0.4, CO2 1.5.
// M. Pre-flashover they are soot 0.07, CO 0.04: about a fifth as much CO per unit of
// extinction. The zone model's dense smoke (Ks up to 3 /m) is a developed fire, and the higher
// CO per unit of smoke is the conservative choice.
inline constexpr double kSootYield = 0.14;
inline constexpr double kCoYield = 0.4;
inline constexpr double kCo2Yield = 1.5;
// Ideal gas at 25 °C and 101.325 kPa: 0.02445 m³/mol. The lower layer people breathe is taken
// at room temperature.
inline constexpr double kMolarVolumeM3PerMol = 0.02445;
inline constexpr double kCoMolarMassKgPerMol = 0.02801;
inline constexpr double kCo2MolarMassKgPerMol = 0.04401;

// ---- visibility (Jin 1978; Jin, SFPE Handbook ch. "Visibility and human behavior") -----------
// Visibility S = C / Ks; C = 3 for a light-reflecting sign (8 for a light-emitting one).
inline constexpr double kSignVisibilityConstant = 3.0;
// Minimum visibility for escape in buildings unfamiliar to the occupants (large spaces): 10 m
// (Jin; SFPE; domain.md 2b). With C = 3 this is Ks = 0.3 /m, the zone model's untenable value.
inline constexpr double kVisibilityCriterionM = 10.0;

} // namespace tenability

// Gas concentrations in a room's smoke of extinction coefficient ks (1/m), as derived in
// docs/model.md: soot = ks / sigma, fuel burnt per m³ = soot / y_soot, CO and CO2 by their yields.
struct SmokeGases {
    double sootKgPerM3 = 0.0;
    double coPpm = 0.0;      // parts per million by volume
    double co2Percent = 0.0; // percent by volume, from the fire only (ambient ~0.04 % left out)
};
[[nodiscard]] SmokeGases gasesFromExtinction(double ksPerM);

// Purser's hyperventilation factor exp(%CO2 / 5); 1 without CO2.
[[nodiscard]] double co2HyperventilationFactor(double co2Percent);
// FED of the asphyxiants accrued over dtS seconds at constant concentrations:
// coPpm * (dtS / 60) / 35,000 * exp(co2Percent / 5).
[[nodiscard]] double fedIncrement(double coPpm, double co2Percent, double dtS);
// The same for smoke of extinction coefficient ks (1/m): 0 for clear air.
[[nodiscard]] double fedIncrementFromExtinction(double ksPerM, double dtS);
// Visibility of a reflecting sign (m): C / ks; infinite in clear air.
[[nodiscard]] double visibilityM(double ksPerM);
// The visibility criterion fails: visibility at or below 10 m.
[[nodiscard]] bool belowVisibilityCriterion(double ksPerM);

} // namespace muster
