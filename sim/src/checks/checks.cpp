// Equipment checks as of a date. Each rule's number comes from the building's rules profile;
// each finding names its rule and source. See docs/compliance.md for every choice made here.
#include "muster/checks.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "base/enum_names.hpp"
#include "muster/geometry.hpp"
#include "nav/navigation.hpp"
#include "checks/checker.hpp"

namespace muster {

// ---- profile helpers -------------------------------------------------------------------

const char* toString(FireClass c) {
    switch (c) {
    case FireClass::A:
        return "A";
    case FireClass::B:
        return "B";
    case FireClass::E:
        return "E";
    }
    return "?";
}

const CheckDef* RulesProfile::findCheck(const std::string& kind, const std::string& ref) const {
    auto it = checklist.find(kind);
    if (it == checklist.end())
        return nullptr;
    for (const CheckDef& c : it->second)
        if (c.id == ref)
            return &c;
    for (const CheckDef& c : it->second)
        if (c.text == ref)
            return &c;
    return nullptr;
}

std::optional<HazardLevel> RulesProfile::hazardOf(const Room& r) const {
    if (r.hazard)
        return r.hazard;
    auto it = hazardByKind.find(r.kind);
    if (it == hazardByKind.end())
        return std::nullopt;
    return it->second;
}

std::vector<std::optional<HazardLevel>> RulesProfile::roomHazards(const Floor& f) const {
    auto isArea = [&](const Room& r) {
        return !r.hazard &&
               std::find(areaKinds.begin(), areaKinds.end(), r.kind) != areaKinds.end();
    };
    // Most severe classified non-area room per fire compartment ("" = the floor's rooms with none).
    std::map<std::string, HazardLevel> areaLevel;
    for (const Room& r : f.rooms) {
        if (isArea(r))
            continue;
        const auto h = hazardOf(r);
        if (!h)
            continue;
        auto [it, inserted] = areaLevel.emplace(r.fireCompartment, *h);
        if (!inserted && *h > it->second)
            it->second = *h;
    }
    std::vector<std::optional<HazardLevel>> out;
    for (const Room& r : f.rooms) {
        if (isArea(r)) {
            auto it = areaLevel.find(r.fireCompartment);
            if (it != areaLevel.end()) {
                out.emplace_back(it->second);
                continue;
            }
        }
        out.push_back(hazardOf(r));
    }
    return out;
}

bool RulesProfile::countsForClassA(const Extinguisher& e) const {
    if (std::find(noClassAAgents.begin(), noClassAAgents.end(), e.agent) != noClassAAgents.end())
        return false;
    return ratingA(e) > 0;
}

bool RulesProfile::suitsClassE(const Extinguisher& e) const {
    return std::find(notForClassEAgents.begin(), notForClassEAgents.end(), e.agent) ==
           notForClassEAgents.end();
}

int RulesProfile::ratingA(const Extinguisher& e) const {
    if (e.ratingA)
        return *e.ratingA;
    if (e.ratingB)
        return 0; // a nameplate with only a B rating has no A rating
    auto it = ratingFallback.find(e.model);
    return it == ratingFallback.end() ? 0 : it->second.a;
}

int RulesProfile::ratingB(const Extinguisher& e) const {
    if (e.ratingB)
        return *e.ratingB;
    if (e.ratingA)
        return 0;
    auto it = ratingFallback.find(e.model);
    return it == ratingFallback.end() ? 0 : it->second.b;
}

// ---- dates -----------------------------------------------------------------------------

std::optional<Date> serviceLifeEnd(const Extinguisher& e, const RulesProfile& p) {
    auto it = p.serviceLifeYears.find(e.agent);
    if (it == p.serviceLifeYears.end())
        return std::nullopt;
    return e.manufactured.addMonths(12 * it->second).firstDay();
}

bool isExpired(const Extinguisher& e, const RulesProfile& p, Date today) {
    const auto end = serviceLifeEnd(e, p);
    return end && today >= *end;
}

namespace {

std::optional<Date> lastRecord(const Extinguisher& e, const char* kind) {
    std::optional<Date> last;
    for (const auto& m : e.maintenance)
        if ((kind == nullptr || m.kind == kind) && (!last || m.date > *last))
            last = m.date;
    return last;
}

std::optional<Date> periodic(const Extinguisher& e, const std::map<ExtinguisherAgent, int>& years,
                             const char* kind) {
    auto it = years.find(e.agent);
    if (it == years.end())
        return std::nullopt;
    const Date fromManufacture = e.manufactured.addMonths(12 * it->second).firstDay();
    const auto last = lastRecord(e, kind);
    if (!last)
        return fromManufacture;
    return std::max(fromManufacture, last->addMonths(12 * it->second));
}

} // namespace

std::optional<Date> maintenanceDue(const Extinguisher& e, const RulesProfile& p) {
    auto it = p.maintenance.find(e.agent);
    if (it == p.maintenance.end())
        return std::nullopt;
    // The first maintenance falls due `firstAfterMonths` after the manufacture month; later
    // ones `everyMonths` after the last record. An early record (a recharge after use) does
    // not bring the first one forward.
    const Date first = e.manufactured.addMonths(it->second.firstAfterMonths).firstDay();
    const auto last = lastRecord(e, nullptr);
    if (!last)
        return first;
    return std::max(first, last->addMonths(it->second.everyMonths));
}

std::optional<Date> hydrostaticDue(const Extinguisher& e, const RulesProfile& p) {
    return periodic(e, p.hydrostaticYears, "hydrostatic");
}

std::optional<Date> internalExamDue(const Extinguisher& e, const RulesProfile& p) {
    return periodic(e, p.internalExamYears, "internal_exam");
}

std::optional<Date> inspectionDue(std::optional<Date> last, int intervalDays,
                                  bool everyCalendarMonth) {
    if (!last)
        return std::nullopt;
    Date due = last->addDays(intervalDays);
    if (everyCalendarMonth) {
        // The next calendar month must have an inspection too: its last day at the latest.
        const YearMonth next = YearMonth{last->year, last->month}.addMonths(1);
        const Date endOfNext{next.year, next.month, daysInMonth(next.year, next.month)};
        due = std::min(due, endOfNext);
    }
    return due;
}

bool coversAsOf(const Extinguisher& e, const RulesProfile& p, Date today) {
    return e.status == EquipmentStatus::InService && !isExpired(e, p, today);
}

RatingRequirement requiredRating(const RulesProfile& p, HazardLevel h, double areaM2, bool hydrants,
                                 bool sprinklers, bool underground) {
    RatingRequirement r;
    r.k = hydrants && sprinklers ? p.kBoth
          : sprinklers           ? p.kSprinklers
          : hydrants             ? p.kHydrants
                                 : p.kNone;
    r.areaPerA = p.areaPerAM2[hazardIndex(h)];
    r.areaM2 = areaM2;
    r.required = r.k * areaM2 / r.areaPerA * (underground ? p.undergroundFactor : 1.0);
    return r;
}

int ComplianceReport::count(Severity s) const {
    return static_cast<int>(std::count_if(findings.begin(), findings.end(),
                                          [s](const Finding& f) { return f.severity == s; }));
}

const char* toString(ItemStatus s) {
    switch (s) {
    case ItemStatus::Ok:
        return "ok";
    case ItemStatus::DueSoon:
        return "due";
    case ItemStatus::Overdue:
        return "overdue";
    case ItemStatus::Expired:
        return "expired";
    case ItemStatus::SentForRepair:
        return "repair";
    case ItemStatus::Missing:
        return "missing";
    case ItemStatus::Spare:
        return "spare";
    case ItemStatus::Scrapped:
        return "scrapped";
    }
    return "?";
}

} // namespace muster

// ---- the checks ------------------------------------------------------------------------

namespace muster::checking {

std::string fmt(const char* f, double a) {
    char b[64];
    std::snprintf(b, sizeof b, f, a);
    return b;
}

bool contains(const std::vector<RoomKind>& v, RoomKind k) {
    return std::find(v.begin(), v.end(), k) != v.end();
}

// The status an item has by its record alone (in service: Ok until a check says otherwise).
ItemStatus recorded(EquipmentStatus s) {
    switch (s) {
    case EquipmentStatus::InService:
        return ItemStatus::Ok;
    case EquipmentStatus::SentForRepair:
        return ItemStatus::SentForRepair;
    case EquipmentStatus::Spare:
        return ItemStatus::Spare;
    case EquipmentStatus::Scrapped:
        return ItemStatus::Scrapped;
    case EquipmentStatus::Missing:
        return ItemStatus::Missing;
    }
    return ItemStatus::Ok;
}

// Keeps the earliest of the dates an item's checks looked at.
void consider(ItemCheck& st, std::optional<Date> d) {
    if (d && (!st.due || *d < *st.due))
        st.due = d;
}

void Checker::floor(const Building& b, const Floor& f, const RulesProfile& rp) {
    FloorReport fr;
    fr.floor = f.id;
    fr.building = b.id;
    fr.name = f.name;
    fr.profile = rp.id;
    m_hz = rp.roomHazards(f);
    std::vector<Extinguisher> units;
    for (const Extinguisher& e : m_p.inventory.extinguishers) {
        if (e.floor != f.id)
            continue;
        units.push_back(e);
        extinguisher(e, rp, b, f, fr);
    }
    // Rooms: unclassified hazard.
    for (const Room& r : f.rooms)
        if (!hz(f, &r))
            add(Severity::Warning, "hazard_not_classified", "room", r.id, b, &f, &r,
                "GB 50140-2005 3.2.2: classify each room",
                std::string("hazard level not classified (kind ") + toString(r.kind) +
                    " has no default in profile " + rp.id +
                    "); set `hazard:` on the room. Not assessed for coverage",
                r.loc);

    settingPoints(b, f, rp, units);
    computationUnits(b, f, rp, units);
    hydrants(b, f, rp);
    lights(b, f, rp);
    signs(b, f, rp);
    detectors(b, f, rp);
    exitsAndDoors(b, f);
    if (m_opt.coverage)
        coverage(b, f, rp, units, fr);
    m_out.floors.push_back(std::move(fr));
}

void Checker::add(Severity s, const std::string& code, const char* kind, const std::string& item,
                  const Building& b, const Floor* f, const Room* r, std::string rule,
                  std::string msg, const SourceLoc& loc, std::optional<Date> due) {
    Finding x;
    x.severity = s;
    x.code = code;
    x.itemKind = kind;
    x.item = item;
    x.building = b.id;
    x.floor = f ? f->id : "";
    x.room = r ? r->id : "";
    if (f)
        x.department = ownerOf(m_p, b, *f, r).department; // items: their own owner, finishItem
    else
        x.department = departmentName(m_p, b.department);
    x.rule = std::move(rule);
    x.message = std::move(msg);
    x.due = due;
    x.loc = loc;
    m_out.findings.push_back(std::move(x));
}

ItemCheck Checker::item(const char* kind, const std::string& id, const std::string& department,
                        const Building& b, const Floor& f, const Room* r, Vec2 at,
                        EquipmentStatus status, const SourceLoc& loc) {
    ItemCheck st;
    st.kind = kind;
    st.id = id;
    st.floor = f.id;
    st.room = r ? r->id : "";
    st.at = at;
    st.status = recorded(status);
    const Owner o = ownerOf(m_p, b, f, r, department);
    st.department = o.department;
    if (!o.known() && status != EquipmentStatus::Scrapped) {
        add(Severity::Warning, "no_owner", kind, id, b, &f, r,
            "fire-safety responsibility (MPS Order 61 art. 6; WS 308-2019 4.2)",
            "no department is responsible for it: set `department:` on the item, its room, floor "
            "or building",
            loc);
    }
    return st;
}

void Checker::finishItem(ItemCheck st, std::size_t firstFinding) {
    for (std::size_t i = firstFinding; i < m_out.findings.size(); ++i) {
        Finding& x = m_out.findings[i];
        st.why += (st.why.empty() ? "" : "; ") + x.message;
        st.codes.push_back(x.code);
        x.department = st.department;
    }
    m_out.items.push_back(std::move(st));
}

int Checker::dueState(std::optional<Date> due) const {
    if (!due)
        return 0;
    if (m_today > *due)
        return 2;
    if (daysBetween(m_today, *due) <= m_opt.dueWithinDays)
        return 1;
    return 0;
}

bool Checker::halfMonthly(const Floor& f, const Room* r) const {
    return f.level <= 0 || (r && (r->halfMonthly || r->kind == RoomKind::BoilerRoom));
}

bool Checker::inspection(const char* kind, const std::string& id, std::optional<Date> last,
                         int days, const RulesProfile& rp, const Building& b, const Floor& f,
                         const Room* r, const SourceLoc& loc, const char* rule, ItemCheck& st,
                         int* overdueCounter) {
    if (days <= 0)
        return false;
    if (!last) {
        add(Severity::Warning, "never_inspected", kind, id, b, &f, r, rule,
            "no inspection on record", loc);
        if (overdueCounter)
            ++*overdueCounter;
        return true;
    }
    const auto due = inspectionDue(last, days, rp.everyCalendarMonth);
    consider(st, due);
    if (dueState(due) == 2) {
        add(Severity::Warning, "inspection_overdue", kind, id, b, &f, r, rule,
            "last inspected " + last->str() + ", next was due by " + due->str(), loc, due);
        if (overdueCounter)
            ++*overdueCounter;
        return true;
    }
    return false;
}

std::optional<HazardLevel> Checker::hz(const Floor& f, const Room* r) const {
    if (!r)
        return std::nullopt;
    return m_hz[static_cast<size_t>(r - f.rooms.data())];
}

} // namespace muster::checking

namespace muster {

using checking::Checker;

ComplianceReport runChecks(const Project& project, const RulesSet& rules, Date today,
                           const CheckOptions& opt, Diagnostics& diags) {
    ComplianceReport out;
    out.today = today;
    Checker c(project, today, opt, out);
    for (const Building& b : project.buildings) {
        auto it = rules.find(b.rulesProfile);
        if (it == rules.end()) {
            diags.error(b.loc, "rules_profile",
                        "no rules profile \"" + b.rulesProfile + "\" loaded for building " + b.id);
            continue;
        }
        for (const Floor& f : b.floors) {
            if (!opt.floors.empty() &&
                std::find(opt.floors.begin(), opt.floors.end(), f.id) == opt.floors.end())
                continue;
            c.floor(b, f, it->second);
        }
    }
    std::stable_sort(out.findings.begin(), out.findings.end(),
                     [](const Finding& a, const Finding& b) { return a.severity > b.severity; });
    return out;
}

std::vector<ItemCheck> checkItems(const Project& project, const RulesSet& rules, Date today,
                                  Diagnostics& diags, int dueWithinDays) {
    CheckOptions opt;
    opt.coverage = false;
    opt.dueWithinDays = dueWithinDays;
    return runChecks(project, rules, today, opt, diags).items;
}

} // namespace muster
