#pragma once
// Fire-equipment compliance checks as of a date: expiry and due dates, per-unit rules,
// computation units (Q = K·S/U), and coverage of every floor by walking distance.
// "Today" is always an input; the core never reads the clock. See docs/compliance.md.
#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "muster/date.hpp"
#include "muster/diagnostics.hpp"
#include "muster/rules.hpp"
#include "muster/scenario.hpp"

namespace muster {

// ---- date arithmetic of the rules ------------------------------------------------------

// End of service life: the first day of the month `years` after the manufacture month.
// The unit is expired on and after that day (manufactured 2016-11, 10 y -> expired from
// 2026-11-01). nullopt when the profile gives the agent no fixed life.
std::optional<Date> serviceLifeEnd(const Extinguisher& e, const RulesProfile& p);
bool isExpired(const Extinguisher& e, const RulesProfile& p, Date today);
// Next periodic maintenance due date (first from the manufacture month, then from the last
// maintenance record of any kind); nullopt when the profile has no rule for the agent.
std::optional<Date> maintenanceDue(const Extinguisher& e, const RulesProfile& p);
std::optional<Date> hydrostaticDue(const Extinguisher& e, const RulesProfile& p);
std::optional<Date> internalExamDue(const Extinguisher& e, const RulesProfile& p);
// Latest date the next inspection may take place (interval and calendar-month rules), from
// the last inspection; nullopt when there is none on record.
std::optional<Date> inspectionDue(std::optional<Date> last, int intervalDays,
                                  bool everyCalendarMonth);
// In service and not expired: the only units that cover.
bool coversAsOf(const Extinguisher& e, const RulesProfile& p, Date today);

// Q = K·S/U (GB 50140-2005 §7.3.2): required total A rating of a computation unit.
struct RatingRequirement {
    double k = 1.0;
    double areaPerA = 50.0; // U
    double areaM2 = 0.0;    // S
    double required = 0.0;  // Q (A units, not rounded)
};
RatingRequirement requiredRating(const RulesProfile& p, HazardLevel h, double areaM2, bool hydrants,
                                 bool sprinklers, bool underground);

// ---- findings --------------------------------------------------------------------------

struct Finding {
    Severity severity = Severity::Warning;
    std::string code;     // stable key: "expired", "inspection_overdue", "uncovered", ...
    std::string itemKind; // extinguisher, hydrant, light, sign, detector, exit, door, room,
                          // computation_unit, floor
    std::string item;     // item id
    std::string building, floor, room;
    std::string department; // the owner (muster/ownership.hpp): the item's, else its room's...
    std::string rule;       // the rule and its source, e.g. "GB 50444-2008 5.4.3 service life"
    std::string message;
    std::optional<Date> due;
    SourceLoc loc;
};

// ---- coverage --------------------------------------------------------------------------

struct CoverageStats {
    double coveredM2 = 0.0;
    double uncoveredM2 = 0.0;
    double worstDistanceM = 0.0; // kUnreachable when some cell reaches no valid unit
    Vec2 worstPoint;
    [[nodiscard]] double areaM2() const { return coveredM2 + uncoveredM2; }
    [[nodiscard]] double percent() const {
        return areaM2() > 0 ? 100.0 * coveredM2 / areaM2() : 100.0;
    }
};

// A connected uncovered region (8-connected cells), as the union of axis-aligned rectangles
// (runs of cells merged along rows, then rows merged when their runs line up).
struct UncoveredRegion {
    double areaM2 = 0.0;
    Vec2 worstPoint;
    double worstDistanceM = 0.0;
    std::vector<Polygon> rects;
    std::vector<std::string> rooms; // rooms it touches
};

struct ClassCoverage {
    FireClass cls = FireClass::A;
    CoverageStats total;
    std::array<CoverageStats, kHazardLevels> byHazard{};
    std::vector<UncoveredRegion> regions;
};

struct RoomCoverage {
    std::string room;
    std::string name;
    std::optional<HazardLevel> hazard;
    std::map<FireClass, CoverageStats> byClass; // the classes the room needs
};

struct FloorCoverage {
    std::string floor;
    double cellM = 0.2;
    std::vector<ClassCoverage> classes; // A always; B and E when the floor has such rooms
    std::vector<RoomCoverage> rooms;
    double unclassifiedM2 = 0.0; // cells in rooms with no hazard level (not assessed)
    double outsideRoomsM2 = 0.0; // walkable cells in no room (not assessed)
    int validUnits = 0;
    [[nodiscard]] const ClassCoverage* find(FireClass c) const;
};

struct CoverageOptions {
    double cellM = 0.2;
    bool regions = true; // build uncovered region polygons
};

// Coverage of one floor by the units given (only those on this floor that cover as of
// `today` count). One multi-source distance field per fire class and unit type.
FloorCoverage computeFloorCoverage(const Floor& floor, const std::vector<Extinguisher>& units,
                                   const RulesProfile& profile, Date today,
                                   const CoverageOptions& opt = {});

// ---- advisory: extra setting points -----------------------------------------------------

// Where to add setting points so that a floor's class A coverage is restored, by greedy set
// cover (Chvátal 1979: within ln(n) + 1 of the fewest; advisory, see docs/compliance.md).
// Candidates are wall-mounted positions in corridors and lobbies; a new point is taken to
// hold handheld units, covering a cell within the handheld reach of the cell's hazard level.
struct SuggestedPoint {
    Vec2 at;
    std::string room;
    double recoversM2 = 0.0; // uncovered area it covers that the points before it do not
};
struct SettingPointAdvice {
    std::string floor;
    double uncoveredM2 = 0.0; // class A uncovered area before (classified rooms)
    std::vector<SuggestedPoint> points;
    double remainingM2 = 0.0; // still uncovered with the points (no candidate reaches it,
                              // or parts under minGainM2 that no point is added for)
    int candidates = 0;       // wall-mounted candidate positions considered
};
struct AdviceOptions {
    double cellM = 0.2;
    double wallBandM = 0.4; // a candidate cell has a blocked cell (wall) within this
    double spacingM = 1.0;  // candidates subsampled to one per tile of this size
    double minGainM2 = 0.5; // no point is suggested for less (slivers at door jambs)
    double shiftM = 1.0;    // local refinement: chosen points may move this far
};
SettingPointAdvice adviseSettingPoints(const Floor& floor, const std::vector<Extinguisher>& units,
                                       const RulesProfile& profile, Date today,
                                       const AdviceOptions& opt = {});

// ---- status of every inventory item ------------------------------------------------------

// Where one inventory item stands as of a date under its building's rules profile: the same
// verdict the checks below give (runChecks records it while it checks the item), so a front
// end colours items without rules of its own.
//  - Expired: past its service life (extinguishers);
//  - Overdue: an inspection, test or maintenance date has passed, or none is on record;
//  - DueSoon: the end of life or a maintenance, test or detector test date is within
//    CheckOptions::dueWithinDays (inspections every month carry no "due soon": they would be
//    due soon all the time);
//  - SentForRepair, Missing, Spare, Scrapped: as recorded (a spare past its life is Expired).
enum class ItemStatus { Ok, DueSoon, Overdue, Expired, SentForRepair, Missing, Spare, Scrapped };
// The check report's words: ok, due, overdue, expired, repair, missing, spare, scrapped.
const char* toString(ItemStatus s);

struct ItemCheck {
    std::string kind; // extinguisher, hydrant, light, sign, detector (as Finding::itemKind)
    std::string id, floor, room;
    Vec2 at;
    ItemStatus status = ItemStatus::Ok;
    // The earliest date the checks looked at for it: end of life, next maintenance, test or
    // inspection (for an overdue item, the date that passed); nullopt when there is none.
    std::optional<Date> due;
    std::string why;                // the messages of its findings, "; "-separated ("" when none)
    std::vector<std::string> codes; // the codes of its findings ("expired", ...)
    std::string department;         // its owner ("" = nobody: a `no_owner` finding)
};

// ---- the report ------------------------------------------------------------------------

struct UnitState {
    std::string id, floor, room, settingPoint;
    Vec2 at;
    std::string status; // ok, expired, due, overdue, repair, missing, spare, scrapped
    bool covers = false;
    std::optional<Date> lifeEnd, maintenanceDue, inspectionDue;
};

struct ComputationUnit {
    std::string id; // fire compartment id, or the floor id
    std::string floor, building;
    double areaM2 = 0.0;
    std::optional<HazardLevel> hazard; // the most severe of its classified rooms
    RatingRequirement requirement;
    int providedA = 0; // sum of A ratings of covering class-A units
    int units = 0, validUnits = 0, sentForRepair = 0;
};

struct FloorReport {
    std::string floor, building, name, profile;
    int units = 0, valid = 0, expired = 0, due = 0, overdue = 0, notInService = 0;
    FloorCoverage coverage;
    std::vector<UnitState> unitStates;
};

struct CheckOptions {
    double cellM = 0.2;
    int dueWithinDays = 30; // "due soon" horizon
    bool coverage = true;
    std::vector<std::string> floors; // only these floors (empty: all)
};

struct ComplianceReport {
    Date today;
    std::vector<Finding> findings;
    std::vector<FloorReport> floors;
    std::vector<ComputationUnit> computationUnits;
    // Every inventory item on the floors checked, floor by floor, each kind in inventory order.
    std::vector<ItemCheck> items;
    int extinguishers = 0, expired = 0, due = 0, overdue = 0, inspectionOverdue = 0;
    [[nodiscard]] int count(Severity s) const;
};

// Profiles by id; every building's rulesProfile must be present (a missing one is an error
// diagnostic and the building is skipped).
using RulesSet = std::map<std::string, RulesProfile>;
ComplianceReport runChecks(const Project& project, const RulesSet& rules, Date today,
                           const CheckOptions& opt, Diagnostics& diags);

// The status of every inventory item as of `today` (runChecks without coverage):
// ComplianceReport::items. Items of buildings without a loaded profile are not listed.
std::vector<ItemCheck> checkItems(const Project& project, const RulesSet& rules, Date today,
                                  Diagnostics& diags, int dueWithinDays = 30);

// Presenters (plain text; the CLI writes them).
std::string checkSummaryText(const ComplianceReport& r, bool listFindings);
std::string checkJson(const ComplianceReport& r);
std::string checkCsv(const ComplianceReport& r);
// `advice` (optional): suggested extra setting points per floor, drawn on the maps.
std::string checkHtml(const ComplianceReport& r, const Project& p,
                      const std::vector<SettingPointAdvice>& advice = {});

// ---- forecast --------------------------------------------------------------------------

struct ForecastMonth {
    YearMonth month;
    int expiring = 0, maintenanceDue = 0;
    std::vector<std::string> expiringIds;
    std::map<std::string, double> coverageA; // floor -> class A coverage % at month end
};
// One unit to replace: where it is, who owns it, when its life ends.
struct ReplacementUnit {
    std::string id, floor, room, roomName, department;
    Date lifeEnd;
};
struct ReplacementLine {
    std::string building, agent, model;
    int count = 0;
    std::vector<ReplacementUnit> units; // which ones, by life end then id
};
struct Forecast {
    std::vector<ForecastMonth> months;
    std::vector<ReplacementLine> replacements;
    // Advisory: extra setting points restoring class A coverage at the end of the horizon if
    // nothing is replaced, for every floor then below 100 % (adviseSettingPoints).
    Date adviceAsOf;
    std::vector<SettingPointAdvice> advice;
};
Forecast forecast(const Project& project, const RulesSet& rules, Date today, int months,
                  const CheckOptions& opt);
std::string forecastText(const Forecast& f);
std::string forecastJson(const Forecast& f);

} // namespace muster
