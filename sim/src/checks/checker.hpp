#pragma once
// The equipment checker's internals: one Checker per report, walking a building floor by floor.
// checks.cpp: profile helpers, dates, the checker's core and the entry points;
// check_extinguishers.cpp: extinguishers, setting points, computation units and coverage;
// check_equipment.cpp: hydrants, lights, signs, detectors, exits and stair doors.
// Only sim/src/checks/ includes this.

#include <optional>
#include <string>
#include <vector>

#include "muster/checks.hpp"
#include "muster/ownership.hpp"

namespace muster::checking {

std::string fmt(const char* f, double a);
// The room an item stands in (or, on a wall between rooms, the nearest within 1 m).
using ::muster::roomAt;
bool contains(const std::vector<RoomKind>& v, RoomKind k);
// The status an item has by its record alone (in service: Ok until a check says otherwise).
ItemStatus recorded(EquipmentStatus s);
// Keeps the earliest of the dates an item's checks looked at.
void consider(ItemCheck& st, std::optional<Date> d);

class Checker {
public:
    Checker(const Project& p, Date today, const CheckOptions& opt, ComplianceReport& out)
        : m_p(p), m_today(today), m_opt(opt), m_out(out) {}

    // Checks one floor of a building: its items, computation units and coverage.
    void floor(const Building& b, const Floor& f, const RulesProfile& rp);

private:
    void add(Severity s, const std::string& code, const char* kind, const std::string& item,
             const Building& b, const Floor* f, const Room* r, std::string rule, std::string msg,
             const SourceLoc& loc, std::optional<Date> due = std::nullopt);

    // An item's state starts from its record; finishItem() adds the messages of the findings
    // made since `firstFinding` (all about this item) and lists it in the report.
    // The owner is resolved here (muster/ownership.hpp); an item nobody owns is a finding.
    ItemCheck item(const char* kind, const std::string& id, const std::string& department,
                   const Building& b, const Floor& f, const Room* r, Vec2 at,
                   EquipmentStatus status, const SourceLoc& loc);
    void finishItem(ItemCheck st, std::size_t firstFinding);

    // Overdue / due-soon classification of a due date. Returns 2 overdue, 1 due soon, 0 fine.
    int dueState(std::optional<Date> due) const;

    bool halfMonthly(const Floor& f, const Room* r) const;

    // Returns true when the inspection is overdue (or none is on record); the due date goes
    // into `st`.
    bool inspection(const char* kind, const std::string& id, std::optional<Date> last, int days,
                    const RulesProfile& rp, const Building& b, const Floor& f, const Room* r,
                    const SourceLoc& loc, const char* rule, ItemCheck& st,
                    int* overdueCounter = nullptr);

    void extinguisher(const Extinguisher& e, const RulesProfile& rp, const Building& b,
                      const Floor& f, FloorReport& fr);

    // Units at one setting point: how many, and a class A unit among them.
    void settingPoints(const Building& b, const Floor& f, const RulesProfile& rp,
                       const std::vector<Extinguisher>& units);

    void computationUnits(const Building& b, const Floor& f, const RulesProfile& rp,
                          const std::vector<Extinguisher>& units);

    void hydrants(const Building& b, const Floor& f, const RulesProfile& rp);

    void lights(const Building& b, const Floor& f, const RulesProfile& rp);

    void signs(const Building& b, const Floor& f, const RulesProfile& rp);

    void detectors(const Building& b, const Floor& f, const RulesProfile& rp);

    void exitsAndDoors(const Building& b, const Floor& f);

    // Walking-distance coverage of the floor's rooms by its valid units.
    void coverage(const Building& b, const Floor& f, const RulesProfile& rp,
                  const std::vector<Extinguisher>& units, FloorReport& fr);

    std::optional<HazardLevel> hz(const Floor& f, const Room* r) const;

    const Project& m_p;
    std::vector<std::optional<HazardLevel>> m_hz; // of the floor being checked
    Date m_today;
    const CheckOptions& m_opt;
    ComplianceReport& m_out;
};

} // namespace muster::checking
