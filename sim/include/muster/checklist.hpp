#pragma once
// Monthly inspection checklists: per building and floor, the items to inspect in the order of
// a short walking route, with the checks for their kind and their computed due dates.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "muster/checks.hpp"

namespace muster {

struct ChecklistItem {
    std::string kind; // extinguisher, hydrant, light, sign, detector, exit
    std::string id, room, roomName;
    std::string department;  // the owner (muster/ownership.hpp), "" = nobody
    std::string responsible; // the owner's responsible person, when the registry names one
    Vec2 at;
    std::vector<CheckDef> checks; // the log records each check's id; its text is for people
    bool keyLocation = false;
    int round = 0; // 0: monthly; 1 / 2: first / second half of the month (half-monthly zones)
    Date inspectBy;
    std::optional<Date> lifeEnd, maintenanceDue;
    std::string notes; // e.g. "expired: replace", "sent for repair"
};

struct ChecklistFloor {
    std::string building, floor, name;
    std::vector<ChecklistItem> items; // in route order (round 1 items, then round 2 repeats)
    double routeM = 0.0;              // walking length of the route
    Vec2 start;                       // where the route starts (a stair landing or an exit)
    // The walking path to each item of the route (legs[i] leads to items[i], i < the number of
    // first-round items): cell centres of the 0.25 m nav grid from the previous stop, simplified
    // without crossing a wall. Empty when the item cannot be reached on the grid.
    std::vector<std::vector<Vec2>> legs;
};

struct Checklist {
    YearMonth month;
    std::vector<ChecklistFloor> floors;
};

// Route: nearest neighbour by walking distance (0.25 m grid), starting at the first stair
// landing or exit of the floor; each leg drawn along its walking path. Due dates from the
// profile's `rounds:` (key locations by their day, half-monthly zones by two days).
Checklist buildChecklist(const Project& p, const RulesSet& rules, YearMonth month);
std::string checklistHtml(const Checklist& c, const Project& p);
// The fill-in inspection-log template: one row per item and check, in the log's format
// (date,item,check,result,reading,inspector,note) with date and result to fill in.
std::string checklistCsv(const Checklist& c);
std::string checklistText(const Checklist& c);

// The checklist's nav grid: this cell size, every door passable except locked ones.
inline constexpr double kChecklistCellM = 0.25;
std::set<std::string> checklistPassableDoors(const Floor& f);

} // namespace muster
