// Hydrants, emergency lights, signs, detectors, exits and stair doors.
#include "checks/checker.hpp"

#include <map>
#include <set>

#include "base/enum_names.hpp"
#include "muster/geometry.hpp"
#include "nav/navigation.hpp"

namespace muster::checking {

void Checker::hydrants(const Building& b, const Floor& f, const RulesProfile& rp) {
    for (const Hydrant& h : m_p.inventory.hydrants) {
        if (h.floor != f.id)
            continue;
        const Room* r = roomAt(f, h.at);
        const std::size_t firstFinding = m_out.findings.size();
        ItemCheck is = item("hydrant", h.id, h.department, b, f, r, h.at, h.status, h.loc);
        if (h.status == EquipmentStatus::Missing)
            add(Severity::Error, "missing", "hydrant", h.id, b, &f, r, "present",
                "recorded as missing", h.loc);
        else if (h.status == EquipmentStatus::InService &&
                 inspection("hydrant", h.id, h.lastInspection, rp.hydrantInspectionDays, rp, b, f,
                            r, h.loc, "hydrant inspection interval", is))
            is.status = ItemStatus::Overdue;
        finishItem(std::move(is), firstFinding);
    }
}

void Checker::lights(const Building& b, const Floor& f, const RulesProfile& rp) {
    for (const EmergencyLight& l : m_p.inventory.lights) {
        if (l.floor != f.id)
            continue;
        const Room* r = roomAt(f, l.at);
        const std::size_t firstFinding = m_out.findings.size();
        ItemCheck is = item("light", l.id, l.department, b, f, r, l.at, l.status, l.loc);
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
                    l.lastMonthlyTest
                        ? "last monthly test " + l.lastMonthlyTest->str() + ", due by " + due->str()
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
}

void Checker::signs(const Building& b, const Floor& f, const RulesProfile& rp) {
    for (const Sign& s : m_p.inventory.signs) {
        if (s.floor != f.id)
            continue;
        const Room* r = roomAt(f, s.at);
        const std::size_t firstFinding = m_out.findings.size();
        ItemCheck is = item("sign", s.id, s.department, b, f, r, s.at, s.status, s.loc);
        if (s.status == EquipmentStatus::Missing)
            add(Severity::Error, "missing", "sign", s.id, b, &f, r, "present",
                "recorded as missing", s.loc);
        if (s.status != EquipmentStatus::InService) {
            finishItem(std::move(is), firstFinding);
            continue;
        }
        if (inspection("sign", s.id, s.lastInspection, rp.signInspectionDays, rp, b, f, r, s.loc,
                       "sign inspection interval", is))
            is.status = ItemStatus::Overdue;
        if (s.kind == SignKind::Directional && rp.directionalSignMaxHeightM &&
            s.heightM > *rp.directionalSignMaxHeightM)
            add(Severity::Warning, "sign_too_high", "sign", s.id, b, &f, r, "GB 50016-2014 10.3.5",
                "directional sign at " + fmt("%.2f", s.heightM) + " m, at most " +
                    fmt("%.2f", *rp.directionalSignMaxHeightM) + " m",
                s.loc);
        finishItem(std::move(is), firstFinding);
    }
}

void Checker::detectors(const Building& b, const Floor& f, const RulesProfile& rp) {
    for (const Detector& d : m_p.inventory.detectors) {
        if (d.floor != f.id)
            continue;
        const Room* r = roomAt(f, d.at);
        const std::size_t firstFinding = m_out.findings.size();
        ItemCheck is = item("detector", d.id, d.department, b, f, r, d.at, d.status, d.loc);
        if (d.status != EquipmentStatus::InService) {
            finishItem(std::move(is), firstFinding);
            continue;
        }
        const auto due = d.lastTest ? std::optional<Date>(d.lastTest->addDays(rp.detectorTestDays))
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
}

void Checker::exitsAndDoors(const Building& b, const Floor& f) {
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
                "exits unobstructed (GB 50016 / NFPA 101)", "exit recorded as obstructed", x.loc);
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
                    "exits openable (GB 50016 / NFPA 101)", "stair door recorded as locked", d.loc);
                break;
            }
    }
}

} // namespace muster::checking
