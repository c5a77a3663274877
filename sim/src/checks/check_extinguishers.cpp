// Extinguishers: dates and records, setting points, computation units (Q = K·S/U), coverage.
#include "checks/checker.hpp"

#include <map>
#include <set>

#include "base/enum_names.hpp"
#include "muster/geometry.hpp"
#include "nav/navigation.hpp"

namespace muster::checking {

void Checker::extinguisher(const Extinguisher& e, const RulesProfile& rp, const Building& b,
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
    ItemCheck is = item(K, e.id, e.department, b, f, r, e.at, e.status, e.loc);

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
                "reaches the end of its service life on " + st.lifeEnd->str(), e.loc, st.lifeEnd);
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
                std::string(d.what) + (s == 2 ? " was due on " : " due on ") + d.date->str(), e.loc,
                d.date);
        }
        const int days = halfMonthly(f, r) ? rp.halfMonthlyIntervalDays : rp.inspectionIntervalDays;
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

void Checker::settingPoints(const Building& b, const Floor& f, const RulesProfile& rp,
                            const std::vector<Extinguisher>& units) {
    std::map<std::string, std::vector<const Extinguisher*>> points;
    for (const Extinguisher& e : units)
        if (!e.settingPoint.empty() &&
            (e.status == EquipmentStatus::InService || e.status == EquipmentStatus::SentForRepair))
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
}

void Checker::computationUnits(const Building& b, const Floor& f, const RulesProfile& rp,
                               const std::vector<Extinguisher>& units) {
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
            cu.requirement =
                requiredRating(rp, *cu.hazard, cu.areaM2, b.hydrants, b.sprinklered, f.level <= 0);
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
                    " units away for repair (limit " + fmt("%.0f", 100 * rp.sendOutMaxFraction) +
                    " %)",
                f.loc);
        m_out.computationUnits.push_back(cu);
    }
}

void Checker::coverage(const Building& b, const Floor& f, const RulesProfile& rp,
                       const std::vector<Extinguisher>& units, FloorReport& fr) {
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
                    fmt("%.1f", reach[hazardIndex(*rc.hazard)].handheld) + " m of a valid unit (" +
                    toString(*rc.hazard) + " hazard); worst point (" + fmt("%.1f", s.worstPoint.x) +
                    ", " + fmt("%.1f", s.worstPoint.y) + ") at " + dist,
                r ? r->loc : f.loc);
        }
    }
}

} // namespace muster::checking
