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

// ---- the checks ------------------------------------------------------------------------

namespace {

std::string fmt(const char* f, double a) {
    char b[64];
    std::snprintf(b, sizeof b, f, a);
    return b;
}

const Room* roomAt(const Floor& f, Vec2 p) {
    for (const Room& r : f.rooms)
        if (r.polygon.size() >= 3 && pointInPolygon(r.polygon, p))
            return &r;
    // On a wall between rooms: the nearest room boundary.
    const Room* best = nullptr;
    double bd = 1.0; // no further than 1 m
    for (const Room& r : f.rooms) {
        if (r.polygon.size() < 3)
            continue;
        const double d = distanceToBoundary(r.polygon, p);
        if (d < bd) {
            bd = d;
            best = &r;
        }
    }
    return best;
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

class Checker {
public:
    Checker(const Project& p, Date today, const CheckOptions& opt, ComplianceReport& out)
        : m_p(p), m_today(today), m_opt(opt), m_out(out) {}

    void add(Severity s, const std::string& code, const char* kind, const std::string& item,
             const Building& b, const Floor* f, const Room* r, std::string rule, std::string msg,
             const SourceLoc& loc, std::optional<Date> due = std::nullopt) {
        Finding x;
        x.severity = s;
        x.code = code;
        x.itemKind = kind;
        x.item = item;
        x.building = b.id;
        x.floor = f ? f->id : "";
        x.room = r ? r->id : "";
        x.rule = std::move(rule);
        x.message = std::move(msg);
        x.due = due;
        x.loc = loc;
        m_out.findings.push_back(std::move(x));
    }

    // An item's state starts from its record; finishItem() adds the messages of the findings
    // made since `firstFinding` (all about this item) and lists it in the report.
    ItemCheck item(const char* kind, const std::string& id, const Floor& f, const Room* r, Vec2 at,
                   EquipmentStatus status) const {
        ItemCheck st;
        st.kind = kind;
        st.id = id;
        st.floor = f.id;
        st.room = r ? r->id : "";
        st.at = at;
        st.status = recorded(status);
        return st;
    }
    void finishItem(ItemCheck st, std::size_t firstFinding) {
        for (std::size_t i = firstFinding; i < m_out.findings.size(); ++i)
            st.why += (st.why.empty() ? "" : "; ") + m_out.findings[i].message;
        m_out.items.push_back(std::move(st));
    }

    // Overdue / due-soon classification of a due date. Returns 2 overdue, 1 due soon, 0 fine.
    int dueState(std::optional<Date> due) const {
        if (!due)
            return 0;
        if (m_today > *due)
            return 2;
        if (daysBetween(m_today, *due) <= m_opt.dueWithinDays)
            return 1;
        return 0;
    }

    bool halfMonthly(const Floor& f, const Room* r) const {
        return f.level <= 0 || (r && (r->halfMonthly || r->kind == RoomKind::BoilerRoom));
    }

    // Returns true when the inspection is overdue (or none is on record); the due date goes
    // into `st`.
    bool inspection(const char* kind, const std::string& id, std::optional<Date> last, int days,
                    const RulesProfile& rp, const Building& b, const Floor& f, const Room* r,
                    const SourceLoc& loc, const char* rule, ItemCheck& st,
                    int* overdueCounter = nullptr) {
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

    void extinguisher(const Extinguisher& e, const RulesProfile& rp, const Building& b,
                      const Floor& f, FloorReport& fr) {
        const Room* r = roomAt(f, e.at);
        UnitState st;
        st.id = e.id;
        st.floor = f.id;
        st.room = r ? r->id : "";
        st.settingPoint = e.settingPoint;
        st.at = e.at;
        st.lifeEnd = serviceLifeEnd(e, rp);
        st.maintenanceDue = maintenanceDue(e, rp);
        ++fr.units;
        ++m_out.extinguishers;
        const char* K = "extinguisher";
        bool expired = false, overdue = false, dueSoon = false;
        const std::size_t firstFinding = m_out.findings.size();
        ItemCheck is = item(K, e.id, f, r, e.at, e.status);

        switch (e.status) {
        case EquipmentStatus::Missing:
            add(Severity::Error, "missing", K, e.id, b, &f, r,
                "GB 50444-2008 App. C: present at its point",
                "recorded as missing from " +
                    (e.settingPoint.empty() ? std::string("its point") : e.settingPoint),
                e.loc);
            break;
        case EquipmentStatus::SentForRepair:
            add(Severity::Note, "sent_for_repair", K, e.id, b, &f, r, "GB 50444-2008 5.4.1",
                "away for repair; does not cover", e.loc);
            break;
        case EquipmentStatus::Spare:
            break;
        case EquipmentStatus::Scrapped:
            add(Severity::Warning, "scrapped_listed", K, e.id, b, &f, r, "GB 50444-2008 5.4.3",
                "scrapped unit still listed at a point; remove it from the inventory", e.loc);
            break;
        case EquipmentStatus::InService:
            break;
        }
        if (e.status != EquipmentStatus::InService && e.status != EquipmentStatus::Spare)
            ++fr.notInService;

        if (e.status != EquipmentStatus::Scrapped && st.lifeEnd) {
            consider(is, st.lifeEnd);
            const int s = dueState(st.lifeEnd);
            if (m_today >= *st.lifeEnd) {
                expired = true;
                add(Severity::Error, "expired", K, e.id, b, &f, r,
                    "service life " + std::to_string(rp.serviceLifeYears.at(e.agent)) +
                        " y from manufacture (" +
                        (rp.id == "cn" ? std::string("GB 50444-2008 table 5.4.3") : rp.id) + ")",
                    std::string(toString(e.agent)) + " manufactured " + e.manufactured.str() +
                        ", expired on " + st.lifeEnd->str() + "; replace it",
                    e.loc, st.lifeEnd);
            } else if (s >= 1) {
                dueSoon = true;
                add(Severity::Warning, "expires_soon", K, e.id, b, &f, r,
                    "service life (" + rp.id + ")",
                    "reaches the end of its service life on " + st.lifeEnd->str(), e.loc,
                    st.lifeEnd);
            }
        }
        const bool active = e.status == EquipmentStatus::InService && !expired;
        if (active) {
            struct Due {
                const char* code;
                const char* what;
                std::optional<Date> date;
            };
            const Due dues[] = {{"maintenance", "maintenance", st.maintenanceDue},
                                {"hydrostatic", "hydrostatic test", hydrostaticDue(e, rp)},
                                {"internal_exam", "internal examination", internalExamDue(e, rp)}};
            for (const Due& d : dues) {
                consider(is, d.date);
                const int s = dueState(d.date);
                if (s == 0)
                    continue;
                const std::string code = std::string(d.code) + (s == 2 ? "_overdue" : "_due");
                (s == 2 ? overdue : dueSoon) = true;
                add(s == 2 ? Severity::Warning : Severity::Note, code, K, e.id, b, &f, r,
                    std::string(d.what) + " interval (" + rp.id + ")",
                    std::string(d.what) + (s == 2 ? " was due on " : " due on ") + d.date->str(),
                    e.loc, d.date);
            }
            const int days =
                halfMonthly(f, r) ? rp.halfMonthlyIntervalDays : rp.inspectionIntervalDays;
            st.inspectionDue = inspectionDue(e.lastInspection, days, rp.everyCalendarMonth);
            if (inspection(K, e.id, e.lastInspection, days, rp, b, f, r, e.loc,
                           days == rp.inspectionIntervalDays
                               ? "monthly inspection (GB 50444-2008 5.2.2 / NFPA 10 7.2.1.2)"
                               : "half-monthly inspection (GB 50444-2008 5.2.2)",
                           is, &m_out.inspectionOverdue))
                overdue = true;
            if (rp.mountTopMaxM && e.mountTopM && *e.mountTopM > *rp.mountTopMaxM)
                add(Severity::Warning, "mount_too_high", K, e.id, b, &f, r,
                    "mounting height (GB 50140-2005 5.1.3)",
                    "top at " + fmt("%.2f", *e.mountTopM) + " m, above " +
                        fmt("%.2f", *rp.mountTopMaxM) + " m",
                    e.loc);
            if (rp.mountBottomMinM && e.mountBottomM && *e.mountBottomM < *rp.mountBottomMinM)
                add(Severity::Warning, "mount_too_low", K, e.id, b, &f, r,
                    "mounting height (GB 50140-2005 5.1.3)",
                    "bottom at " + fmt("%.2f", *e.mountBottomM) + " m, below " +
                        fmt("%.2f", *rp.mountBottomMinM) + " m",
                    e.loc);
            if (rp.cabinetMustBeUnlocked && e.cabinetLocked)
                add(Severity::Warning, "cabinet_locked", K, e.id, b, &f, r, "GB 50140-2005 5.1.4",
                    "cabinet is locked", e.loc);
            if (!e.ratingA && !e.ratingB) {
                if (rp.ratingFallback.count(e.model))
                    add(Severity::Note, "rating_fallback", K, e.id, b, &f, r, "nameplate rating",
                        "no rating given; using the " + e.model + " table value", e.loc);
                else
                    add(Severity::Warning, "rating_unknown", K, e.id, b, &f, r, "nameplate rating",
                        "no rating given and model \"" + e.model +
                            "\" is not in the fallback table; counts as 0A",
                        e.loc);
            }
            if (r) {
                const auto h = hz(f, r);
                if (h && rp.countsForClassA(e) && rp.ratingA(e) < rp.minRatingA[hazardIndex(*h)])
                    add(Severity::Warning, "rating_below_min", K, e.id, b, &f, r,
                        "min single rating (GB 50140-2005 6.2.1)",
                        std::to_string(rp.ratingA(e)) + "A below the " +
                            std::to_string(rp.minRatingA[hazardIndex(*h)]) + "A minimum for " +
                            toString(*h) + " hazard",
                        e.loc);
                if (contains(rp.classEKinds, r->kind) && !rp.suitsClassE(e))
                    add(Severity::Error, "wrong_type_class_e", K, e.id, b, &f, r,
                        "class E (GB 50140-2005 4.2.4)",
                        std::string(toString(e.agent)) + " unit in a room with energised equipment",
                        e.loc);
            }
        }
        if (e.status == EquipmentStatus::InService)
            is.status = expired   ? ItemStatus::Expired
                        : overdue ? ItemStatus::Overdue
                        : dueSoon ? ItemStatus::DueSoon
                                  : ItemStatus::Ok;
        if (is.status == ItemStatus::Spare && expired)
            is.status = ItemStatus::Expired;
        st.status = toString(is.status);
        finishItem(std::move(is), firstFinding);
        st.covers = coversAsOf(e, rp, m_today);
        if (st.covers)
            ++fr.valid;
        if (expired)
            ++fr.expired, ++m_out.expired;
        if (!expired && overdue)
            ++fr.overdue, ++m_out.overdue;
        if (!expired && !overdue && dueSoon)
            ++fr.due, ++m_out.due;
        fr.unitStates.push_back(std::move(st));
    }

    void floor(const Building& b, const Floor& f, const RulesProfile& rp) {
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

        // Setting points.
        std::map<std::string, std::vector<const Extinguisher*>> points;
        for (const Extinguisher& e : units)
            if (!e.settingPoint.empty() && (e.status == EquipmentStatus::InService ||
                                            e.status == EquipmentStatus::SentForRepair))
                points[e.settingPoint].push_back(&e);
        for (const auto& [sp, list] : points) {
            const Room* r = roomAt(f, list.front()->at);
            if (static_cast<int>(list.size()) > rp.maxUnitsPerSettingPoint)
                add(Severity::Warning, "too_many_at_point", "setting_point", sp, b, &f, r,
                    "max per setting point (GB 50140-2005 6.1.2)",
                    std::to_string(list.size()) + " units, at most " +
                        std::to_string(rp.maxUnitsPerSettingPoint),
                    list.front()->loc);
            bool anyA = false;
            for (const Extinguisher* e : list)
                anyA = anyA || (e->status == EquipmentStatus::InService && rp.countsForClassA(*e));
            if (!anyA)
                add(Severity::Warning, "no_class_a_at_point", "setting_point", sp, b, &f, r,
                    "CO2 and BC powder carry no A rating (GB 50140-2005 App. A)",
                    "no in-service class A unit at this point (class A rooms need one)",
                    list.front()->loc);
        }

        // Computation units: the fire compartment of each room, else the floor.
        // Rooms without one join the floor's only fire compartment (or the floor when it has
        // several or none); stair enclosures without one belong to no computation unit.
        std::set<std::string> fireComps;
        for (const Room& r : f.rooms)
            if (!r.fireCompartment.empty())
                fireComps.insert(r.fireCompartment);
        const std::string floorCu = fireComps.size() == 1 ? *fireComps.begin() : f.id;
        std::map<std::string, ComputationUnit> cus;
        auto cuOf = [&](const Room* r) {
            return r && !r->fireCompartment.empty() ? r->fireCompartment : floorCu;
        };
        for (const Room& r : f.rooms) {
            if (r.fireCompartment.empty() && r.kind == RoomKind::Stair)
                continue;
            ComputationUnit& cu = cus[cuOf(&r)];
            cu.areaM2 += area(r.polygon);
            const auto h = hz(f, &r);
            if (h && (!cu.hazard || *h > *cu.hazard))
                cu.hazard = h;
        }
        for (const Extinguisher& e : units) {
            ComputationUnit& cu = cus[cuOf(roomAt(f, e.at))];
            if (e.status == EquipmentStatus::Spare || e.status == EquipmentStatus::Scrapped)
                continue;
            ++cu.units;
            if (e.status == EquipmentStatus::SentForRepair)
                ++cu.sentForRepair;
            if (coversAsOf(e, rp, m_today)) {
                ++cu.validUnits;
                if (rp.countsForClassA(e))
                    cu.providedA += rp.ratingA(e);
            }
        }
        for (auto& [id, cu] : cus) {
            cu.id = id;
            cu.floor = f.id;
            cu.building = b.id;
            if (cu.hazard)
                cu.requirement = requiredRating(rp, *cu.hazard, cu.areaM2, b.hydrants,
                                                b.sprinklered, f.level <= 0);
            if (cu.validUnits < rp.minUnitsPerComputationUnit)
                add(Severity::Error, "too_few_units", "computation_unit", id, b, &f, nullptr,
                    "min per computation unit (GB 50140-2005 6.1.1)",
                    std::to_string(cu.validUnits) + " valid units, at least " +
                        std::to_string(rp.minUnitsPerComputationUnit),
                    f.loc);
            if (rp.requireTotalRating && cu.hazard && cu.providedA + 1e-9 < cu.requirement.required)
                add(Severity::Error, "rating_below_q", "computation_unit", id, b, &f, nullptr,
                    "Q = K·S/U (GB 50140-2005 7.3.2)",
                    "valid units provide " + std::to_string(cu.providedA) +
                        "A, required Q = " + fmt("%.2f", cu.requirement.k) + " × " +
                        fmt("%.0f", cu.areaM2) + " m² / " + fmt("%.0f", cu.requirement.areaPerA) +
                        " = " + fmt("%.1f", cu.requirement.required) + "A",
                    f.loc);
            if (cu.units > 0 && cu.sentForRepair > rp.sendOutMaxFraction * cu.units)
                add(Severity::Error, "too_many_away", "computation_unit", id, b, &f, nullptr,
                    "send-out limit (GB 50444-2008 5.4.1)",
                    std::to_string(cu.sentForRepair) + " of " + std::to_string(cu.units) +
                        " units away for repair (limit " +
                        fmt("%.0f", 100 * rp.sendOutMaxFraction) + " %)",
                    f.loc);
            m_out.computationUnits.push_back(cu);
        }

        // Other equipment.
        for (const Hydrant& h : m_p.inventory.hydrants) {
            if (h.floor != f.id)
                continue;
            const Room* r = roomAt(f, h.at);
            const std::size_t firstFinding = m_out.findings.size();
            ItemCheck is = item("hydrant", h.id, f, r, h.at, h.status);
            if (h.status == EquipmentStatus::Missing)
                add(Severity::Error, "missing", "hydrant", h.id, b, &f, r, "present",
                    "recorded as missing", h.loc);
            else if (h.status == EquipmentStatus::InService &&
                     inspection("hydrant", h.id, h.lastInspection, rp.hydrantInspectionDays, rp, b,
                                f, r, h.loc, "hydrant inspection interval", is))
                is.status = ItemStatus::Overdue;
            finishItem(std::move(is), firstFinding);
        }
        for (const EmergencyLight& l : m_p.inventory.lights) {
            if (l.floor != f.id)
                continue;
            const Room* r = roomAt(f, l.at);
            const std::size_t firstFinding = m_out.findings.size();
            ItemCheck is = item("light", l.id, f, r, l.at, l.status);
            if (l.status != EquipmentStatus::InService) {
                finishItem(std::move(is), firstFinding);
                continue;
            }
            if (rp.lightMonthlyTestDays > 0) {
                const auto due =
                    l.lastMonthlyTest
                        ? std::optional<Date>(l.lastMonthlyTest->addDays(rp.lightMonthlyTestDays))
                        : std::nullopt;
                consider(is, due);
                if (!l.lastMonthlyTest || dueState(due) == 2) {
                    is.status = ItemStatus::Overdue;
                    add(Severity::Warning, "light_test_overdue", "light", l.id, b, &f, r,
                        "monthly function test (GB 51309 / NFPA 101 7.9.3)",
                        l.lastMonthlyTest ? "last monthly test " + l.lastMonthlyTest->str() +
                                                ", due by " + due->str()
                                          : std::string("no monthly test on record"),
                        l.loc, due);
                }
            }
            if (rp.lightAnnualTestDays > 0) {
                const auto due =
                    l.lastAnnualTest
                        ? std::optional<Date>(l.lastAnnualTest->addDays(rp.lightAnnualTestDays))
                        : std::nullopt;
                consider(is, due);
                if (!l.lastAnnualTest || dueState(due) == 2) {
                    is.status = ItemStatus::Overdue;
                    add(Severity::Warning, "light_annual_overdue", "light", l.id, b, &f, r,
                        "annual full-duration test (GB 51309 / NFPA 101 7.9.3)",
                        l.lastAnnualTest ? "last full-duration test " + l.lastAnnualTest->str() +
                                               ", due by " + due->str()
                                         : std::string("no full-duration test on record"),
                        l.loc, due);
                }
            }
            if (l.measuredDurationMin && *l.measuredDurationMin < rp.lightMinDurationMin)
                add(Severity::Error, "light_duration_short", "light", l.id, b, &f, r,
                    "battery duration (GB 51309-2018 3.2.4 / NFPA 101 7.9.2)",
                    "measured " + fmt("%.0f", *l.measuredDurationMin) + " min, required " +
                        fmt("%.0f", rp.lightMinDurationMin) + " min",
                    l.loc);
            finishItem(std::move(is), firstFinding);
        }
        for (const Sign& s : m_p.inventory.signs) {
            if (s.floor != f.id)
                continue;
            const Room* r = roomAt(f, s.at);
            const std::size_t firstFinding = m_out.findings.size();
            ItemCheck is = item("sign", s.id, f, r, s.at, s.status);
            if (s.status == EquipmentStatus::Missing)
                add(Severity::Error, "missing", "sign", s.id, b, &f, r, "present",
                    "recorded as missing", s.loc);
            if (s.status != EquipmentStatus::InService) {
                finishItem(std::move(is), firstFinding);
                continue;
            }
            if (inspection("sign", s.id, s.lastInspection, rp.signInspectionDays, rp, b, f, r,
                           s.loc, "sign inspection interval", is))
                is.status = ItemStatus::Overdue;
            if (s.kind == SignKind::Directional && rp.directionalSignMaxHeightM &&
                s.heightM > *rp.directionalSignMaxHeightM)
                add(Severity::Warning, "sign_too_high", "sign", s.id, b, &f, r,
                    "GB 50016-2014 10.3.5",
                    "directional sign at " + fmt("%.2f", s.heightM) + " m, at most " +
                        fmt("%.2f", *rp.directionalSignMaxHeightM) + " m",
                    s.loc);
            finishItem(std::move(is), firstFinding);
        }
        for (const Detector& d : m_p.inventory.detectors) {
            if (d.floor != f.id)
                continue;
            const Room* r = roomAt(f, d.at);
            const std::size_t firstFinding = m_out.findings.size();
            ItemCheck is = item("detector", d.id, f, r, d.at, d.status);
            if (d.status != EquipmentStatus::InService) {
                finishItem(std::move(is), firstFinding);
                continue;
            }
            const auto due = d.lastTest
                                 ? std::optional<Date>(d.lastTest->addDays(rp.detectorTestDays))
                                 : std::nullopt;
            consider(is, due);
            if (!d.lastTest || dueState(due) == 2) {
                is.status = ItemStatus::Overdue;
                add(Severity::Warning, "detector_test_overdue", "detector", d.id, b, &f, r,
                    "detector test interval (GB 25201 / NFPA 72)",
                    d.lastTest ? "last tested " + d.lastTest->str() + ", due by " + due->str()
                               : std::string("no test on record"),
                    d.loc, due);
            } else if (dueState(due) == 1) {
                is.status = ItemStatus::DueSoon;
                add(Severity::Note, "detector_test_due", "detector", d.id, b, &f, r,
                    "detector test interval", "test due by " + due->str(), d.loc, due);
            }
            finishItem(std::move(is), firstFinding);
        }
        // Exits and stair doors are inventory too.
        for (const Exit& x : f.exits) {
            const Room* r = nullptr;
            for (const Room& rr : f.rooms)
                if (rr.id == x.room)
                    r = &rr;
            if (x.state == DoorState::Locked)
                add(Severity::Error, "exit_locked", "exit", x.id, b, &f, r,
                    "exits openable (GB 50016 / NFPA 101 7.2.1.5)",
                    "exit recorded as locked; drills treat it as closed unless the drill file overrides",
                    x.loc);
            if (x.obstructed)
                add(Severity::Error, "exit_obstructed", "exit", x.id, b, &f, r,
                    "exits unobstructed (GB 50016 / NFPA 101)", "exit recorded as obstructed",
                    x.loc);
            if (!x.signed_)
                add(Severity::Error, "exit_unsigned", "exit", x.id, b, &f, r,
                    "exit signs (GB 51309 / NFPA 101 7.10)", "exit has no exit sign", x.loc);
        }
        for (const Door& d : f.doors) {
            if (d.state != DoorState::Locked)
                continue;
            for (const Room& rr : f.rooms)
                if ((rr.id == d.roomA || rr.id == d.roomB) && rr.kind == RoomKind::Stair) {
                    add(Severity::Error, "stair_door_locked", "door", d.id, b, &f, &rr,
                        "exits openable (GB 50016 / NFPA 101)", "stair door recorded as locked",
                        d.loc);
                    break;
                }
        }

        // Coverage.
        if (m_opt.coverage) {
            CoverageOptions co;
            co.cellM = m_opt.cellM;
            fr.coverage = computeFloorCoverage(f, units, rp, m_today, co);
            for (const RoomCoverage& rc : fr.coverage.rooms) {
                const Room* r = nullptr;
                for (const Room& rr : f.rooms)
                    if (rr.id == rc.room)
                        r = &rr;
                for (const auto& [cls, s] : rc.byClass) {
                    // Ignore slivers below 0.5 m² (a few cells at door jambs).
                    if (s.uncoveredM2 < 0.5 || !rc.hazard)
                        continue;
                    const auto& reach = cls == FireClass::B ? rp.reachB : rp.reachA;
                    const std::string dist = s.worstDistanceM == kUnreachable
                                                 ? std::string("unreachable")
                                                 : fmt("%.1f m", s.worstDistanceM);
                    add(Severity::Error, "uncovered", "room", rc.room, b, &f, r,
                        std::string("max walking distance, class ") + toString(cls) + " (" +
                            (rp.id == "cn" ? "GB 50140-2005 5.2" : "NFPA 10 6.2/6.3") + ")",
                        std::string("class ") + toString(cls) + ": " + fmt("%.1f", s.uncoveredM2) +
                            " m² of " + fmt("%.1f", s.areaM2()) + " m² beyond " +
                            fmt("%.1f", reach[hazardIndex(*rc.hazard)].handheld) +
                            " m of a valid unit (" + toString(*rc.hazard) +
                            " hazard); worst point (" + fmt("%.1f", s.worstPoint.x) + ", " +
                            fmt("%.1f", s.worstPoint.y) + ") at " + dist,
                        r ? r->loc : f.loc);
                }
            }
        }
        m_out.floors.push_back(std::move(fr));
    }

private:
    std::optional<HazardLevel> hz(const Floor& f, const Room* r) const {
        if (!r)
            return std::nullopt;
        return m_hz[static_cast<size_t>(r - f.rooms.data())];
    }

    const Project& m_p;
    std::vector<std::optional<HazardLevel>> m_hz; // of the floor being checked
    Date m_today;
    const CheckOptions& m_opt;
    ComplianceReport& m_out;
};

} // namespace

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
    // Units on floors no building has (the loader reports these; count them anyway).
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
