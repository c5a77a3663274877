// The navigation cache (nav_cache.hpp).
#include "crowd/nav_cache.hpp"

#include <algorithm>
#include <cmath>

#include "crowd/systems.hpp"

namespace muster::engine {

namespace {

Floor planWith(const FloorRt& f, bool withImmobile) {
    Floor plan = *f.floor;
    if (withImmobile)
        plan.obstacles.insert(plan.obstacles.end(), f.immobile.begin(), f.immobile.end());
    plan.obstacles.insert(plan.obstacles.end(), f.smokeClosed.begin(), f.smokeClosed.end());
    return plan;
}

} // namespace

void rebuildGrid(World& w, FloorRt& f) {
    NavGridOptions go;
    go.cellM = w.model.cellM;
    std::set<std::string> passable;
    for (const auto& d : f.floor->doors)
        if (!f.closedDoors.count(d.id))
            passable.insert(d.id);
    f.grid = NavGrid::build(planWith(f, true), go, f.closedDoors, passable);
    ++f.gridVersion;
    f.navDirty = false;
}

void computeFields(World& w, FloorRt& f) {
    for (int ti : f.targets) {
        Target& tg = w.target(ti);
        // (A refuge's field is rebuilt from its first source cell only: kept as it was when the
        // engine was split, so the golden results hold; see the commit that changes it.)
        if (tg.kind == Target::Kind::Exit)
            tg.field = DistanceField::computeFromSegments(f.grid, {{tg.a, tg.b}});
        else
            tg.field = DistanceField::compute(f.grid, {tg.point});
    }
}

DevNav& devNav(World& w, FloorRt& f, double width) {
    DevNav& dn = f.devNav[std::lround(width * 100.0)];
    if (dn.version == f.gridVersion)
        return dn;
    dn.version = f.gridVersion;
    dn.fields.clear();
    std::set<std::string> closed = f.closedDoors, passable;
    for (const auto& d : f.floor->doors) {
        if (width > 0 && d.widthM < width + kDoorSlackM)
            closed.insert(d.id);
        if (!closed.count(d.id))
            passable.insert(d.id);
    }
    NavGridOptions go;
    go.cellM = w.model.cellM;
    // Cells within half the device width of a wall (less 0.15 m: the grid's half cell and
    // the wall repulsion do the rest) are closed, so the field never leads a bed's centre
    // where its sides would hit a door jamb.
    go.clearanceM = std::max(0.0, width / 2.0 - 0.15);
    dn.grid = NavGrid::build(planWith(f, false), go, closed, passable);
    return dn;
}

const DistanceField* fieldForWidth(World& w, double navW, int ti) {
    Target& tg = w.target(ti);
    if (navW < 0)
        return &tg.field;
    FloorRt& f = w.floorAt(tg.floor);
    DevNav& dn = devNav(w, f, navW);
    auto it = dn.fields.find(ti);
    if (it != dn.fields.end())
        return it->second.get();
    std::unique_ptr<DistanceField> df;
    if (tg.kind == Target::Kind::Exit) {
        if (tg.widthM >= navW + kDoorSlackM || navW == 0)
            df = std::make_unique<DistanceField>(
                DistanceField::computeFromSegments(dn.grid, {{tg.a, tg.b}}));
    } else if (tg.kind == Target::Kind::Stair) {
        df = std::make_unique<DistanceField>(DistanceField::compute(dn.grid, {tg.point}));
    } else {
        df = std::make_unique<DistanceField>(DistanceField::compute(dn.grid, tg.sources));
    }
    return (dn.fields[ti] = std::move(df)).get();
}

double fieldAt(World& w, const Agent& a, int ti, Vec2 p) {
    const DistanceField* df = fieldFor(w, a, ti);
    return df ? df->at(p) : kInf;
}

const DistanceField& patientField(World& w, std::uint32_t pid) {
    const Agent& p = w.agents[pid];
    FloorRt& f = w.floorAt(p.floor);
    World::PatientField& pf = w.patientFields[pid];
    if (pf.version != f.gridVersion || !pf.field) {
        std::vector<Vec2> ring;
        const double r = p.radius + 0.35;
        for (int k = 0; k < 16; ++k) {
            const double ang = k * 3.14159265358979323846 / 8.0;
            const Vec2 q = p.pos + Vec2{r * std::cos(ang), r * std::sin(ang)};
            if (f.grid.walkableAt(q))
                ring.push_back(q);
        }
        if (ring.empty())
            ring.push_back(p.pos);
        pf.field = std::make_unique<DistanceField>(DistanceField::compute(f.grid, ring));
        pf.version = f.gridVersion;
    }
    return *pf.field;
}

void refreshNavigation(World& w) {
    bool changed = w.costsDirty;
    for (auto& fp : w.floors) {
        FloorRt& f = *fp;
        if (!f.navDirty)
            continue;
        rebuildGrid(w, f);
        computeFields(w, f);
        changed = true;
    }
    if (changed) {
        computeCosts(w);
        w.costsDirty = false;
        w.rerouteAll();
    }
    // The device grids the convoys on each floor steer by, and the fields to the patients
    // staff are walking to: current before anyone reads them this step.
    for (const Patient& p : w.patients) {
        const Agent& a = w.agents[p.agent];
        if (p.phase == PatientPhase::Moving && a.floor >= 0 && a.navW >= 0)
            devNav(w, w.floorAt(a.floor), a.navW);
    }
    for (const Helper& h : w.helpers)
        if (!h.done && !h.attached && h.task >= 0 &&
            w.agents[static_cast<size_t>(h.task)].floor >= 0)
            patientField(w, static_cast<std::uint32_t>(h.task));
}

} // namespace muster::engine
