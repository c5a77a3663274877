// Assisted evacuation, set-up once before the first step (systems.hpp, setupAssistance): the
// plan's strategy, helpers, patients, their devices and crews.
#include <algorithm>
#include <cmath>

#include "crowd/nav_cache.hpp"
#include "crowd/systems.hpp"

namespace muster::engine {

namespace {

// The refuge of the horizontal strategy on floor fi: rooms of other smoke compartments,
// at least refugeDepthM of walking past the fire compartment. -1 when the floor has none.
int buildRefuge(World& w, int fi, const std::string& fireCompartment) {
    FloorRt& f = w.floorAt(fi);
    std::vector<Vec2> inFire;
    std::vector<std::pair<int, int>> other;
    for (int iy = 0; iy < f.grid.ny(); ++iy)
        for (int ix = 0; ix < f.grid.nx(); ++ix) {
            if (!f.grid.walkable(ix, iy))
                continue;
            const int ri = f.roomOfCell[static_cast<size_t>(f.grid.index(ix, iy))];
            if (ri < 0)
                continue;
            const Room& room = *w.rooms[static_cast<size_t>(ri)];
            if (room.compartment == fireCompartment)
                inFire.push_back(f.grid.cellCentre(ix, iy));
            else if (!room.compartment.empty() && room.kind != RoomKind::Stair &&
                     room.kind != RoomKind::ElevatorLobby)
                other.emplace_back(ix, iy); // a stair or lift lobby is not where patients wait
        }
    if (inFire.empty() || other.empty())
        return -1;
    const DistanceField fromFire = DistanceField::compute(f.grid, inFire);
    Target tg;
    tg.kind = Target::Kind::Refuge;
    tg.id = "refuge";
    tg.refugeOf = fireCompartment;
    tg.floor = fi;
    for (auto [ix, iy] : other) {
        const double d = fromFire.cellValue(ix, iy);
        if (std::isfinite(d) && d >= w.plan.refugeDepthM)
            tg.sources.push_back(f.grid.cellCentre(ix, iy));
    }
    if (tg.sources.empty())
        return -1;
    tg.point = tg.sources.front();
    tg.field = DistanceField::compute(f.grid, tg.sources);
    const int ti = static_cast<int>(w.targets.size());
    f.targets.push_back(ti);
    w.targets.push_back(std::move(tg));
    w.exitBins.resize(w.targets.size());
    for (auto& rs : w.routeSets) {
        rs.cost.push_back(0.0);
        rs.arrival.push_back(kInf);
    }
    return ti;
}

void draw(const Distribution& d, Rng& rng, double& out) {
    out = std::max(0.0, d.sample(rng));
}

// Horizontal: the fire compartment (and the fire floor's staff) moves to the refuge, everyone
// else defends in place. Phased: the fire floor first, the floor above later, the rest last.
void applyStrategy(World& w) {
    int fireFloor = -1;
    std::string fireCompartment;
    if (!w.plan.fireRoom.empty())
        for (size_t i = 0; i < w.rooms.size(); ++i)
            if (w.rooms[i]->id == w.plan.fireRoom) {
                fireFloor = w.floorIndex(w.roomFloor[i]);
                fireCompartment = w.rooms[i]->compartment;
            }
    if (w.plan.mode == AssistPlan::Mode::Horizontal && fireFloor >= 0) {
        const int refuge =
            fireCompartment.empty() ? -1 : buildRefuge(w, fireFloor, fireCompartment);
        if (refuge < 0) {
            w.events.push_back(
                {0.0, EventKind::Note, w.plan.fireRoom,
                 "horizontal strategy: no other smoke compartment on the fire floor; vertical evacuation"});
        } else {
            for (auto& a : w.agents) {
                if (a.floor == fireFloor) {
                    const Room* r = w.roomAt(a.floor, a.pos);
                    // Staff of the fire floor help wherever they are; the rest of the
                    // floor outside the fire compartment stays.
                    const bool inFire = r && r->compartment == fireCompartment;
                    if (inFire || a.profile->helps) {
                        a.refugeOnly = true;
                        continue;
                    }
                }
                a.inPlace = true;
                ++w.inPlaceCount;
                a.reason = "defended in place (horizontal strategy)";
            }
        }
    }
    if (w.plan.mode == AssistPlan::Mode::Phased && fireFloor >= 0) {
        const Floor* ff = w.floorAt(fireFloor).floor;
        int above = -1;
        double best = kInf;
        for (const auto& fp : w.floors)
            if (fp->floor->building == ff->building &&
                fp->floor->elevationM > ff->elevationM + 0.1 && fp->floor->elevationM < best) {
                best = fp->floor->elevationM;
                above = fp->index;
            }
        for (auto& a : w.agents) {
            if (a.floor == fireFloor)
                continue;
            a.startT += a.floor == above ? w.plan.phaseDelayS : 2.0 * w.plan.phaseDelayS;
        }
    }
}

// The patient's device and crew; the device goes where it fits: a target on this floor it can
// reach (the refuge, or an exit), else down the stairs on a chair or sled when the profile
// allows.
void setUpPatient(World& w, size_t i) {
    Agent& a = w.agents[i];
    const AssistSpec& sp = *a.profile->assisted;
    a.patient = static_cast<int>(w.patients.size());
    w.patients.push_back(Patient{});
    Patient& p = w.patients.back();
    p.agent = static_cast<std::uint32_t>(i);
    a.reason.clear();
    Rng rng = Rng::stream(w.opt.seed ^ 0xa551571ULL, i);
    auto ov = w.plan.preparation.find(a.profile->name);
    draw(ov != w.plan.preparation.end() ? ov->second : sp.preparation, rng, p.prepS);
    draw(sp.speed, rng, p.devSpeed);
    double sledLevel = 0.0, sledStair = 0.0, transfer = 0.0;
    if (sp.stairs) {
        draw(sp.stairLevelSpeed, rng, sledLevel);
        draw(sp.stairSpeed, rng, sledStair);
        draw(sp.stairPreparation, rng, transfer);
    }
    p.device = sp.device;
    p.escort = sp.device == DeviceKind::None;
    p.devLen = sp.device == DeviceKind::None ? 0.0 : sp.lengthM;
    p.devWid = sp.device == DeviceKind::None ? 0.0 : sp.widthM;
    p.crewNeeded = sp.staff;
    a.canStairs = false;
    FloorRt& f = w.floorAt(a.floor);
    bool reachable = false;
    for (int ti : f.targets) {
        const Target& tg = w.target(ti);
        if (tg.kind == Target::Kind::Stair)
            continue;
        if ((tg.kind == Target::Kind::Refuge) != a.refugeOnly)
            continue;
        if (tg.kind == Target::Kind::Exit && !tg.open)
            continue;
        const DistanceField* df = fieldForWidth(w, p.devWid, ti);
        if (df && std::isfinite(df->at(a.pos)))
            reachable = true;
    }
    if (!reachable && p.escort && sp.stairs) {
        a.canStairs = true; // walks down with an escort at the stair speed
        p.devStairMps = sledStair;
    } else if (!reachable && sp.stairs) {
        p.device = DeviceKind::EvacChair;
        p.escort = false;
        p.devLen = sp.stairLengthM;
        p.devWid = sp.stairWidthM;
        p.devSpeed = sledLevel;
        p.devStairMps = sledStair;
        p.crewNeeded = sp.stairStaff;
        p.prepS += transfer;
        a.canStairs = true;
    } else if (!reachable) {
        a.reason = std::string("a ") + (p.device == DeviceKind::Bed ? "bed" : "wheelchair") + " (" +
                   std::to_string(p.devWid).substr(0, 4) +
                   " m wide) fits no door to a way out of floor " + f.floor->id +
                   " and the profile has no stair device";
        p.phase = PatientPhase::CannotMove;
    }
}

} // namespace

void setupAssistance(World& w) {
    if (w.assistReady)
        return;
    w.assistReady = true;
    applyStrategy(w);
    for (size_t i = 0; i < w.agents.size(); ++i) {
        Agent& a = w.agents[i];
        a.homeFloor = a.floor;
        a.canStairs = a.profile->canUseStairs;
        if (const Room* r = a.floor >= 0 ? w.roomAt(a.floor, a.pos) : nullptr)
            a.department = r->department;
        if (a.inPlace)
            continue;
        if (a.profile->helps) {
            a.helper = static_cast<int>(w.helpers.size());
            w.helpers.push_back(Helper{});
            w.helpers.back().agent = static_cast<std::uint32_t>(i);
        }
        if (a.profile->assisted)
            setUpPatient(w, i);
    }
    // Enough staff in reach? Otherwise say so now rather than wait forever.
    for (Patient& p : w.patients) {
        if (p.phase == PatientPhase::CannotMove)
            continue;
        Agent& a = w.agents[p.agent];
        int staff = 0;
        for (const Helper& h : w.helpers)
            staff += inScope(w, w.agents[h.agent], a) ? 1 : 0;
        if (staff < p.crewNeeded) {
            a.reason = "needs " + std::to_string(p.crewNeeded) + " staff to move; " +
                       std::to_string(staff) + " on duty can reach them on floor " +
                       w.floorIds[static_cast<size_t>(a.floor)];
            p.phase = PatientPhase::CannotMove;
        }
    }
}

} // namespace muster::engine
