#pragma once
// What the viewer takes from the compliance module (muster/checks.hpp, muster/checklist.hpp):
// the monthly checklist (items in walking-route order) and the coverage of every floor by
// walking distance (uncovered regions). Computed once per date, off the drawing thread in the
// window (it takes ~0.3-1 s on the bundled campus). No SFML here.
#include <map>
#include <string>
#include <vector>

#include "muster/checklist.hpp"
#include "muster/checks.hpp"
#include "muster/date.hpp"
#include "muster/diagnostics.hpp"

namespace muster::viewer {

// The bundled rules profile of every building of the project (assets/rules/ID.yaml), or the
// file `rulesFile` for all of them. Problems are diagnostics; buildings without a profile are
// left out by the compliance module.
RulesSet loadRules(const Project& p, Diagnostics& d, const std::string& rulesFile = "");

struct ComplianceData {
    Date today;
    bool haveRules = false;
    std::string problem; // why there is no checklist / coverage ("" when all is well)
    Checklist checklist; // the month of `today`
    std::map<std::string, FloorCoverage> coverage; // by floor id (empty unless asked for)
    std::map<std::string, ItemCheck> items;        // status of every unit as of `today`, by id

    // The checklist of one floor, or nullptr.
    [[nodiscard]] const ChecklistFloor* checklistOf(const std::string& floorId) const;
    [[nodiscard]] const FloorCoverage* coverageOf(const std::string& floorId) const;
    [[nodiscard]] const ItemCheck* statusOf(const std::string& itemId) const;
};

struct ComplianceRequest {
    bool checklist = true;
    bool coverage = true;
    double cellM = 0.2; // coverage grid, as `muster check`
    std::string rulesFile;
};

ComplianceData computeCompliance(const Project& p, Date today, const ComplianceRequest& req = {});

} // namespace muster::viewer
