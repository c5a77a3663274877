// What may be recorded: an inspection entry is vetted against the project and the item's
// status before anything is written (docs/compliance.md, "Records that cannot lie").
#include <algorithm>
#include <map>
#include <set>

#include "muster/inspection.hpp"
#include "muster/ownership.hpp"

namespace muster {

std::string passContradiction(const CheckDef& check, const ItemCheck& status) {
    for (const std::string& code : check.refusedWhen)
        if (std::find(status.codes.begin(), status.codes.end(), code) != status.codes.end())
            return "a pass of \"" + check.id + "\" contradicts the unit's status (" +
                   toString(status.status) + ": " + status.why +
                   "); record a fail, or correct the inventory first";
    return "";
}

const CheckDef* checkOf(const RulesSet& rules, const ItemRef& item, const std::string& check) {
    if (!item.building)
        return nullptr;
    auto it = rules.find(item.building->rulesProfile);
    return it == rules.end() ? nullptr : it->second.findCheck(item.kind, check);
}

int vetInspectionEntries(const Project& p, const RulesSet& rules,
                         std::vector<InspectionEntry>& entries, const std::string& source,
                         Diagnostics& diags) {
    int refused = 0;
    std::map<Date, std::map<std::string, ItemCheck>> statusOn; // by entry date, by item id
    auto statusOf = [&](Date d, const std::string& id) -> const ItemCheck* {
        auto it = statusOn.find(d);
        if (it == statusOn.end()) {
            Diagnostics scratch; // a missing profile is reported by whoever loaded the rules
            std::map<std::string, ItemCheck> byId;
            for (ItemCheck& x : checkItems(p, rules, d, scratch))
                byId.emplace(x.id, std::move(x));
            it = statusOn.emplace(d, std::move(byId)).first;
        }
        auto s = it->second.find(id);
        return s == it->second.end() ? nullptr : &s->second;
    };
    for (InspectionEntry& e : entries) {
        const SourceLoc loc{source, e.line, 1, ""};
        auto refuse = [&](const char* key, const std::string& why) {
            diags.error(loc, key, why + "; nothing was recorded");
            ++refused;
        };
        if (e.result != "pass" && e.result != "fail") {
            refuse("result", "expected pass or fail, got \"" + e.result + "\"");
            continue;
        }
        const auto item = findItem(p, e.item);
        if (!item) {
            refuse("item", "no unit or exit \"" + e.item + "\" in the scenario");
            continue;
        }
        const CheckDef* def = checkOf(rules, *item, e.check);
        if (!def) {
            std::string known;
            if (item->building)
                if (auto rit = rules.find(item->building->rulesProfile); rit != rules.end())
                    if (auto c = rit->second.checklist.find(item->kind);
                        c != rit->second.checklist.end())
                        for (const CheckDef& k : c->second)
                            known += (known.empty() ? "" : ", ") + k.id;
            refuse("check", "expected one of the " + item->kind + "'s check ids (" +
                                (known.empty() ? "none in its rules profile" : known) +
                                "), got \"" + e.check + "\"");
            continue;
        }
        e.check = def->id; // the stable id, also when the entry gave the check's text
        if (e.result == "pass")
            if (const ItemCheck* st = statusOf(e.date, e.item))
                if (std::string why = passContradiction(*def, *st); !why.empty())
                    refuse("result", e.item + " on " + e.date.str() + ": " + why);
    }
    return refused;
}

} // namespace muster
