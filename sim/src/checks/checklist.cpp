// Monthly checklists ordered along a short walking route.
#include "muster/checklist.hpp"

#include <algorithm>
#include <cstdio>
#include <set>
#include <sstream>

#include "checks/svg.hpp"
#include "checks/walk_path.hpp"
#include "muster/geometry.hpp"
#include "muster/hazard_register.hpp"
#include "muster/ownership.hpp"
#include "muster/text.hpp"
#include "nav/navigation.hpp"

namespace muster {

namespace {

bool contains(const std::vector<RoomKind>& v, RoomKind k) {
    return std::find(v.begin(), v.end(), k) != v.end();
}

// Nearest-neighbour order of `pts` by walking distance from `start`; returns the order, the
// route length and the walking path of each leg. Unreachable points go last, in their given
// order, with empty legs.
std::vector<size_t> route(const Floor& f, Vec2 start, const std::vector<Vec2>& pts, double& lengthM,
                          std::vector<std::vector<Vec2>>& legs) {
    const std::set<std::string> passable = checklistPassableDoors(f);
    const NavGrid grid = NavGrid::build(f, NavGridOptions{kChecklistCellM, 0.0}, {}, passable);
    const std::vector<WallSegment> walls = solidWallSegments(f, {}, passable);
    std::vector<size_t> order;
    std::vector<bool> done(pts.size(), false);
    Vec2 cur = start;
    lengthM = 0.0;
    for (size_t step = 0; step < pts.size(); ++step) {
        const DistanceField df = DistanceField::compute(grid, {cur});
        size_t best = pts.size();
        double bd = kUnreachable;
        for (size_t i = 0; i < pts.size(); ++i) {
            if (done[i])
                continue;
            const double d = df.at(pts[i]);
            if (best == pts.size() || d < bd)
                bd = d, best = i;
        }
        done[best] = true;
        order.push_back(best);
        if (bd < kUnreachable) {
            lengthM += bd;
            legs.push_back(walkPath(df, pts[best], walls));
            cur = pts[best];
        } else {
            legs.emplace_back(); // stay where the route is: the rest are unreachable too
        }
    }
    return order;
}

} // namespace

std::set<std::string> checklistPassableDoors(const Floor& f) {
    std::set<std::string> passable;
    for (const Door& d : f.doors)
        if (d.state != DoorState::Locked)
            passable.insert(d.id);
    return passable;
}

Checklist buildChecklist(const Project& p, const RulesSet& rules, YearMonth month) {
    Checklist c;
    c.month = month;
    const Date last{month.year, month.month, daysInMonth(month.year, month.month)};
    auto dayOf = [&](int day) { return day == 0 ? last : Date{month.year, month.month, day}; };
    for (const Building& b : p.buildings) {
        auto rit = rules.find(b.rulesProfile);
        if (rit == rules.end())
            continue;
        const RulesProfile& rp = rit->second;
        // A key location is due by its day at the latest, whatever its round.
        auto dueBy = [&](const ChecklistItem& it, int roundDay) {
            const Date d = dayOf(roundDay);
            return it.keyLocation ? std::min(d, dayOf(rp.rounds.keyLocationDay)) : d;
        };
        auto checksOf = [&](const char* kind) {
            auto it = rp.checklist.find(kind);
            return it == rp.checklist.end()
                       ? std::vector<CheckDef>{CheckDef{"inspect", "inspect", false, {}}}
                       : it->second;
        };
        for (const Floor& f : b.floors) {
            ChecklistFloor cf;
            cf.building = b.id;
            cf.floor = f.id;
            cf.name = f.name;
            std::vector<ChecklistItem> items;
            auto add = [&](const char* kind, const std::string& id, Vec2 at,
                           const std::string& dept = "") -> ChecklistItem& {
                ChecklistItem it;
                it.kind = kind;
                it.id = id;
                it.at = at;
                const Room* room = roomAt(f, at);
                const Owner owner = ownerOf(p, b, f, room, dept);
                it.department = owner.department;
                it.responsible = owner.dept ? owner.dept->responsible : "";
                if (const Room* r = room) {
                    it.room = r->id;
                    it.roomName = r->name;
                    it.keyLocation = contains(rp.keyLocationKinds, r->kind) || f.level <= 0;
                    it.round =
                        (r->halfMonthly || r->kind == RoomKind::BoilerRoom || f.level <= 0) &&
                                rp.halfMonthlyIntervalDays < rp.inspectionIntervalDays
                            ? 1
                            : 0;
                } else {
                    it.keyLocation = f.level <= 0;
                }
                it.checks = checksOf(kind);
                it.inspectBy =
                    dueBy(it, it.round == 1 ? rp.rounds.halfMonthlyFirst : rp.rounds.otherDay);
                items.push_back(it);
                return items.back();
            };
            for (const Extinguisher& e : p.inventory.extinguishers) {
                if (e.floor != f.id || e.status == EquipmentStatus::Scrapped)
                    continue;
                ChecklistItem& it = add("extinguisher", e.id, e.at, e.department);
                it.lifeEnd = serviceLifeEnd(e, rp);
                it.maintenanceDue = maintenanceDue(e, rp);
                if (it.lifeEnd && last >= *it.lifeEnd)
                    it.notes = "expired (life ended " + it.lifeEnd->str() + "): replace";
                else if (it.maintenanceDue && last >= *it.maintenanceDue)
                    it.notes = "maintenance due " + it.maintenanceDue->str();
                if (e.status == EquipmentStatus::SentForRepair)
                    it.notes = "sent for repair: check a replacement is in place";
                if (e.status == EquipmentStatus::Missing)
                    it.notes = "recorded missing: confirm and replace";
                if (e.status == EquipmentStatus::Spare)
                    it.notes = "spare";
            }
            for (const Hydrant& h : p.inventory.hydrants)
                if (h.floor == f.id && h.status != EquipmentStatus::Scrapped)
                    add("hydrant", h.id, h.at, h.department);
            for (const EmergencyLight& l : p.inventory.lights)
                if (l.floor == f.id && l.status != EquipmentStatus::Scrapped)
                    add("light", l.id, l.at, l.department);
            for (const Sign& s : p.inventory.signs)
                if (s.floor == f.id && s.status != EquipmentStatus::Scrapped)
                    add("sign", s.id, s.at, s.department);
            for (const Detector& d : p.inventory.detectors)
                if (d.floor == f.id && d.status != EquipmentStatus::Scrapped)
                    add("detector", d.id, d.at, d.department);
            for (const Exit& x : f.exits) {
                ChecklistItem& it = add("exit", x.id, x.at);
                if (x.state == DoorState::Locked)
                    it.notes = "recorded locked";
                if (x.obstructed)
                    it.notes += std::string(it.notes.empty() ? "" : "; ") + "recorded obstructed";
            }
            if (items.empty())
                continue;
            Vec2 start = items.front().at;
            bool found = false;
            for (const Stair& s : b.stairs) {
                if (found)
                    break;
                if (s.lower.floor == f.id)
                    start = s.lower.at, found = true;
                else if (s.upper.floor == f.id)
                    start = s.upper.at, found = true;
            }
            if (!found && !f.exits.empty())
                start = f.exits.front().at;
            std::vector<Vec2> pts;
            for (const auto& it : items)
                pts.push_back(it.at);
            cf.start = start;
            const auto order = route(f, start, pts, cf.routeM, cf.legs);
            for (size_t i : order)
                cf.items.push_back(items[i]);
            // Half-monthly zones: listed again for the second half of the month.
            for (size_t i : order)
                if (items[i].round == 1) {
                    ChecklistItem again = items[i];
                    again.round = 2;
                    again.inspectBy = dueBy(again, rp.rounds.halfMonthlySecond);
                    cf.items.push_back(again);
                }
            c.floors.push_back(std::move(cf));
        }
    }
    return c;
}

std::string checklistCsv(const Checklist& c) {
    std::string s = "# Muster inspection checklist " + c.month.str() +
                    ": fill in date (YYYY-MM-DD), result (pass|fail), reading, inspector; then\n"
                    "# muster inspect record LOG --scenario SCENARIO --from THIS_FILE\n";
    s += std::string(kInspectionLogHeader) + "\n";
    for (const ChecklistFloor& f : c.floors)
        for (const ChecklistItem& it : f.items)
            for (const CheckDef& chk : it.checks) {
                std::string note = f.floor + " " + it.room +
                                   (it.round ? " round " + std::to_string(it.round) : "") +
                                   (it.notes.empty() ? "" : "; " + it.notes);
                s += csvJoin({"", it.id, chk.id, "", "", "", note}) + "\n";
            }
    return s;
}

std::string checklistText(const Checklist& c) {
    std::ostringstream o;
    o << "Inspection checklist " << c.month.str() << "\n";
    int total = 0, twice = 0, key = 0;
    for (const ChecklistFloor& f : c.floors) {
        int n2 = 0, k = 0;
        for (const auto& it : f.items)
            n2 += it.round == 2, k += it.keyLocation && it.round != 2;
        char line[256];
        std::snprintf(
            line, sizeof line, " %4zu %s (%s), %d at key locations, route %.0f m\n", f.items.size(),
            padRight(pluralWord(static_cast<long long>(f.items.size()), "stop", "stops"), 5)
                .c_str(),
            plural(n2, "half-monthly repeat", "half-monthly repeats").c_str(), k, f.routeM);
        o << "  " << padRight(f.floor, 8) << ' ' << padRight(f.building, 5) << line;
        total += static_cast<int>(f.items.size());
        twice += n2;
        key += k;
    }
    o << "total " << plural(total, "stop", "stops") << " ("
      << plural(twice, "half-monthly repeat", "half-monthly repeats") << "), " << key
      << " at key locations\n";
    return o.str();
}

} // namespace muster
