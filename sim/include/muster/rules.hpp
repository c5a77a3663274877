#pragma once
// Rules profiles: every number the equipment checks rest on, as data (assets/rules/cn.yaml,
// assets/rules/nfpa.yaml; sources in those files and in docs/compliance.md). A building picks
// a profile by id (Building::rulesProfile); a user can copy a file, edit it and pass --rules.
#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "muster/building.hpp"
#include "muster/diagnostics.hpp"
#include "muster/inventory.hpp"

namespace muster {

// Max walking distance (m) from any point to an extinguisher, by the unit's type.
struct ReachM {
    double handheld = 15.0;
    double wheeled = 30.0;
};

// Periodic maintenance of one agent: first due `firstAfterMonths` after the manufacture month,
// then `everyMonths` after the last maintenance record.
struct MaintenanceRule {
    int firstAfterMonths = 0;
    int everyMonths = 0;
};

// Fire classes the coverage is computed for.
enum class FireClass { A, B, E };
const char* toString(FireClass c);

// Arrays indexed by HazardLevel (Light = 0, Medium = 1, Severe = 2).
inline constexpr size_t kHazardLevels = 3;
inline size_t hazardIndex(HazardLevel h) {
    return static_cast<size_t>(h);
}

// One check of a monthly checklist. The log records `id`; `text` is for people (bilingual).
struct CheckDef {
    std::string id;   // stable, e.g. "gauge"
    std::string text; // e.g. "压力表绿区 gauge in the green"
    // A failed check is a major hazard (7-day deadline), e.g. the unit is missing or unusable.
    bool major = false;
    // Finding codes of the item (muster check) that a pass of this check would contradict,
    // e.g. "within maintenance and scrap dates" and `expired`: such a pass is refused.
    std::vector<std::string> refusedWhen;
};

struct RulesProfile {
    std::string id;   // "cn", "nfpa", or a user's own
    std::string name; // UTF-8, for reports
    std::string file; // where it was loaded from

    // Service life from the manufacture month, by agent; an agent absent here has no fixed
    // life (NFPA 10 rechargeable units).
    std::map<ExtinguisherAgent, int> serviceLifeYears;
    std::map<ExtinguisherAgent, MaintenanceRule> maintenance;
    // Hydrostatic test interval (years from manufacture or the last "hydrostatic" record).
    std::map<ExtinguisherAgent, int> hydrostaticYears;
    // Internal examination interval (years from manufacture or the last "internal_exam").
    std::map<ExtinguisherAgent, int> internalExamYears;

    std::array<ReachM, kHazardLevels> reachA{};
    std::array<ReachM, kHazardLevels> reachB{};
    // Class E rooms use their class A reach with E-capable units (docs/compliance.md).
    std::array<int, kHazardLevels> minRatingA{};    // min A units of one extinguisher
    std::array<double, kHazardLevels> areaPerAM2{}; // U: m² protected per A unit
    double kNone = 1.0, kHydrants = 0.9, kSprinklers = 0.7, kBoth = 0.5;
    double undergroundFactor = 1.3;
    bool requireTotalRating = true; // Q = K·S/U check (GB 50140 §7)
    int minUnitsPerComputationUnit = 2;
    int maxUnitsPerSettingPoint = 5;
    double sendOutMaxFraction = 0.25;
    std::vector<ExtinguisherAgent> noClassAAgents;     // never count for class A
    std::vector<ExtinguisherAgent> notForClassEAgents; // must not be used on energised kit

    // Hazard level by room kind when the room sets none; a kind absent here is "not
    // classified" (a finding, never a guess).
    std::map<RoomKind, HazardLevel> hazardByKind;
    // Circulation and ancillary rooms (corridors, lobbies, stores...) without their own level
    // take the most severe level of the other classified rooms of their fire compartment (the
    // "area" GB 50140 App. D classifies), falling back to hazardByKind when there are none.
    std::vector<RoomKind> areaKinds;
    std::vector<RoomKind> classBKinds;      // rooms that need class B coverage
    std::vector<RoomKind> classEKinds;      // rooms with energised equipment (class E)
    std::vector<RoomKind> keyLocationKinds; // flagged on checklists

    int inspectionIntervalDays = 31;  // max days between two inspections
    int halfMonthlyIntervalDays = 16; // the same in half-monthly zones
    bool everyCalendarMonth = true;   // and at least once in every calendar month
    // The day of the month each checklist round is due (`rounds:`); 0 = the month's last day.
    struct Rounds {
        int keyLocationDay = 0;    // items in key locations (keyLocationKinds, basements)
        int otherDay = 0;          // every other monthly item
        int halfMonthlyFirst = 15; // half-monthly zones: the first round...
        int halfMonthlySecond = 0; // ...and the second
    } rounds;
    std::optional<double> mountTopMaxM, mountBottomMinM;
    bool cabinetMustBeUnlocked = true;

    double lightMinDurationMin = 60.0; // measured full-duration test must reach this
    int lightMonthlyTestDays = 0;      // 0 = not required by this profile
    int lightAnnualTestDays = 0;
    std::optional<double> directionalSignMaxHeightM;
    int signInspectionDays = 31;
    int detectorTestDays = 365;
    int hydrantInspectionDays = 31;

    // Nameplate ratings of common models, used only when a unit gives none (with a warning).
    struct Rating {
        int a = 0, b = 0;
    };
    std::map<std::string, Rating> ratingFallback;
    // Checklist items by equipment kind: extinguisher, hydrant, light, sign, detector, exit.
    std::map<std::string, std::vector<CheckDef>> checklist;
    // The check of an equipment kind by its id (or, for logs written before ids, its text).
    [[nodiscard]] const CheckDef* findCheck(const std::string& kind, const std::string& ref) const;

    SourceLoc loc;

    // The hazard level of a room by itself: its own, else this profile's default for its kind.
    [[nodiscard]] std::optional<HazardLevel> hazardOf(const Room& r) const;
    // The hazard level of every room of a floor (index = room index), with areaKinds resolved.
    [[nodiscard]] std::vector<std::optional<HazardLevel>> roomHazards(const Floor& f) const;
    [[nodiscard]] bool countsForClassA(const Extinguisher& e) const;
    [[nodiscard]] bool suitsClassE(const Extinguisher& e) const;
    // A units of the unit: nameplate, else the fallback table, else 0.
    [[nodiscard]] int ratingA(const Extinguisher& e) const;
    [[nodiscard]] int ratingB(const Extinguisher& e) const;
};

// Loads a rules profile file (kind: rules_profile). nullopt iff an error was added.
[[nodiscard]] std::optional<RulesProfile> loadRulesProfile(const std::string& path,
                                                           Diagnostics& diags);
// The profiles every building of a project names (each its bundled file), or `rulesFile` for all
// when given. nullopt iff a profile could not be loaded (the errors are in `diags`).
struct Project;
[[nodiscard]] std::optional<std::map<std::string, RulesProfile>>
loadRulesForProject(const Project& p, const std::string& rulesFile, Diagnostics& diags);
// The bundled profile file for an id ("cn" -> .../assets/rules/cn.yaml).
std::string bundledRulesPath(const std::string& id);

} // namespace muster
