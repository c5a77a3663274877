// Tenability of smoke (tenability.hpp): the asphyxiant FED and visibility from Ks.
#include "muster/tenability.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace muster {

using namespace tenability;

SmokeGases gasesFromExtinction(double ksPerM) {
    SmokeGases g;
    if (!(ksPerM > 0.0))
        return g;
    g.sootKgPerM3 = ksPerM / kSootSpecificExtinctionM2PerKg;
    const double fuelKgPerM3 = g.sootKgPerM3 / kSootYield;
    // Mole fraction = (mass concentration / molar mass) * molar volume.
    g.coPpm = 1e6 * kCoYield * fuelKgPerM3 / kCoMolarMassKgPerMol * kMolarVolumeM3PerMol;
    g.co2Percent = 100.0 * kCo2Yield * fuelKgPerM3 / kCo2MolarMassKgPerMol * kMolarVolumeM3PerMol;
    return g;
}

double co2HyperventilationFactor(double co2Percent) {
    return std::exp(std::max(0.0, co2Percent) / kCo2HyperventilationPercent);
}

double fedIncrement(double coPpm, double co2Percent, double dtS) {
    if (!(coPpm > 0.0) || !(dtS > 0.0))
        return 0.0;
    return coPpm * (dtS / 60.0) / kCoIncapacitationPpmMin * co2HyperventilationFactor(co2Percent);
}

double fedIncrementFromExtinction(double ksPerM, double dtS) {
    const SmokeGases g = gasesFromExtinction(ksPerM);
    return fedIncrement(g.coPpm, g.co2Percent, dtS);
}

double visibilityM(double ksPerM) {
    return ksPerM > 0.0 ? kSignVisibilityConstant / ksPerM
                        : std::numeric_limits<double>::infinity();
}

bool belowVisibilityCriterion(double ksPerM) {
    // Compared as Ks >= C / 10 m, with a little slack: the zone model reaches exactly 0.3 /m at
    // the untenable time, and 0.3 * span / span need not round back to 0.3.
    return ksPerM > 0.0 && ksPerM >= kSignVisibilityConstant / kVisibilityCriterionM * (1 - 1e-9);
}

} // namespace muster
