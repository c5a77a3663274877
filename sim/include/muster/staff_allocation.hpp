#pragma once
// Staff allocation in a Monte Carlo study (issue 15, "Explain a comparison"): per replication, a
// record per helper (HelperRecord in monte_carlo.hpp) and who helped whom per ward; over the
// runs, means per ward, per helper and per helper profile. docs/drills.md, "Staff allocation".
//
// Busy time of a helper: from the first time they reached a patient they were sent to
// (PersonResult::firstAtPatientS, the engine's per-helper arrival) to the last delivery (exit or
// refuge) of a patient they helped, or the end of the run if one of them was not delivered. It
// includes walking between patients; it does not include the walk to the first patient. Without
// a per-helper arrival (firstAtPatientS < 0 for someone listed as a helper) the earliest
// helpArrivedS of their patients stands in: that is the first crew member's arrival, so it can
// only lengthen the busy time.
#include <map>
#include <string>
#include <vector>

#include "muster/monte_carlo.hpp"
#include "muster/results.hpp"

namespace muster {

// Fills rep.staff, rep.patientsMoved, rep.helpedFromOtherWards and rep.staffFlows from a run's
// results. roomWard: room -> ward (DrillContext::roomWard); rooms not in it are "?".
void recordStaff(const RunResults& r, const std::map<std::string, std::string>& roomWard,
                 Replication& rep);

struct WardStaffStats {
    std::string ward;
    double helpers = 0;       // staff of this ward who helped anyone, mean per run
    double patientsMoved = 0; // patients of this ward whose move began, mean per run
    // Means over the helper-runs of this ward's staff (0 when it had none).
    double tripsPerHelper = 0, distancePerHelperM = 0, busyPerHelperS = 0;
    double fromOtherWards = 0; // its patients helped by staff of another ward, mean per run
};
struct HelperStats {
    std::uint32_t id = 0;
    std::string profile, ward;
    int runs = 0; // runs in which they helped; the means below are over those runs
    double trips = 0, distanceM = 0, busyS = 0;
};
struct ProfileStaffStats {
    std::string profile;
    double helpers = 0;                         // mean per run
    double trips = 0, distanceM = 0, busyS = 0; // means over helper-runs
};
struct StaffFlow {
    std::string helperWard, patientWard;
    double patients = 0; // mean per run
};
struct StaffSummary {
    int runs = 0;
    std::vector<WardStaffStats> wards;       // by ward name; wards with helpers or moved patients
    std::vector<HelperStats> helpers;        // busy time descending, then id
    std::vector<ProfileStaffStats> profiles; // by profile name
    std::vector<StaffFlow> flows;            // by helper ward, then patient ward
};
StaffSummary summarizeStaff(const McRun& run);

// `muster compare`'s "staff allocation per ward" section: one row per ward with helpers or moved
// patients on either side, A and B side by side, padded by display width; then who helped whom
// (helper ward -> patient ward). "" when neither side moved anyone.
std::string staffComparisonText(const StaffSummary& a, const StaffSummary& b);

} // namespace muster
