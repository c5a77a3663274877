#include "viewer/compliance.hpp"

namespace muster::viewer {

RulesSet loadRules(const Project& p, Diagnostics& d, const std::string& rulesFile) {
    RulesSet rules;
    if (!rulesFile.empty()) {
        if (auto prof = loadRulesProfile(rulesFile, d))
            for (const auto& b : p.buildings)
                rules.emplace(b.rulesProfile, *prof);
        return rules;
    }
    for (const auto& b : p.buildings) {
        if (b.rulesProfile.empty() || rules.count(b.rulesProfile))
            continue;
        if (auto prof = loadRulesProfile(bundledRulesPath(b.rulesProfile), d))
            rules.emplace(b.rulesProfile, *prof);
    }
    return rules;
}

const ChecklistFloor* ComplianceData::checklistOf(const std::string& floorId) const {
    for (const auto& f : checklist.floors)
        if (f.floor == floorId)
            return &f;
    return nullptr;
}

const FloorCoverage* ComplianceData::coverageOf(const std::string& floorId) const {
    auto it = coverage.find(floorId);
    return it == coverage.end() ? nullptr : &it->second;
}

const ItemCheck* ComplianceData::statusOf(const std::string& itemId) const {
    auto it = items.find(itemId);
    return it == items.end() ? nullptr : &it->second;
}

ComplianceData computeCompliance(const Project& p, Date today, const ComplianceRequest& req) {
    ComplianceData out;
    out.today = today;
    out.checklist.month = YearMonth{today.year, today.month};
    Diagnostics d;
    const RulesSet rules = loadRules(p, d, req.rulesFile);
    if (rules.empty()) {
        out.problem = "no rules profile could be loaded for the buildings";
        for (const auto& x : d.all())
            if (x.severity == Severity::Error) {
                out.problem += ": " + x.message;
                break;
            }
        return out;
    }
    out.haveRules = true;
    if (req.checklist) {
        out.checklist = buildChecklist(p, rules, out.checklist.month);
        // The one status source (checks/): what the panel may not contradict.
        Diagnostics sd;
        for (ItemCheck& x : checkItems(p, rules, today, sd))
            out.items.emplace(x.id, std::move(x));
    }
    if (req.coverage) {
        CheckOptions opt;
        opt.cellM = req.cellM;
        opt.coverage = true;
        Diagnostics cd;
        ComplianceReport r = runChecks(p, rules, today, opt, cd);
        for (auto& f : r.floors)
            out.coverage.emplace(f.floor, std::move(f.coverage));
    }
    return out;
}

} // namespace muster::viewer
