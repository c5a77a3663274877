// Assistance: crews gather, patients are prepared and start moving, free staff take the next
// patient (systems.hpp, stage 4).
#include <algorithm>
#include <cmath>

#include "crowd/bodies.hpp"
#include "crowd/nav_cache.hpp"
#include "crowd/systems.hpp"

namespace muster::engine {

bool inScope(const World& w, const Agent& h, const Agent& p) {
    if (h.homeFloor != p.floor && h.homeFloor != p.homeFloor)
        return false;
    if (w.plan.perWard && !h.department.empty() && h.department != p.department)
        return false;
    return true;
}

namespace {

// The nearest patient in scope still short of crew (a partly crewed one first).
void allocate(World& w, Helper& helper) {
    const std::uint32_t hid = helper.agent;
    Agent& h = w.agents[hid];
    int best = -1;
    bool bestPartial = false;
    double bestD = kInf;
    bool elsewhere = false;
    for (const Patient& pt : w.patients) {
        const Agent& p = w.agents[pt.agent];
        if (pt.phase != PatientPhase::WaitingForCrew ||
            static_cast<int>(pt.crew.size()) >= pt.crewNeeded)
            continue;
        if (!inScope(w, h, p))
            continue;
        if (p.floor != h.floor) {
            elsewhere = true;
            continue;
        }
        const bool partial = !pt.crew.empty();
        double d = patientField(w, pt.agent).at(h.pos);
        // Off the field (a helper just stepped off a device beside a wall): rank by the
        // straight line behind every reachable patient rather than give up on them.
        if (!std::isfinite(d))
            d = 1e6 + distance(h.pos, p.pos);
        if ((partial && !bestPartial) || (partial == bestPartial && d < bestD)) {
            best = static_cast<int>(pt.agent);
            bestPartial = partial;
            bestD = d;
        }
    }
    if (best >= 0) {
        Patient& p = *w.patientOf(w.agents[static_cast<size_t>(best)]);
        p.crew.push_back(hid);
        if (std::find(p.helpedBy.begin(), p.helpedBy.end(), hid) == p.helpedBy.end())
            p.helpedBy.push_back(hid);
        helper.task = best;
        helper.atPatient = false;
        h.state = AgentState::Helping;
        h.target = -1;
        h.bestToGo = kInf;
        h.lastProgressT = w.t;
        return;
    }
    if (elsewhere) { // back to the home floor by the stairs
        h.state = AgentState::Moving;
        return;
    }
    helper.done = true;
    h.state = AgentState::Moving;
    h.nextRouteT = w.t;
}

void startConvoy(World& w, Patient& pt) {
    Agent& p = w.agents[pt.agent];
    FloorRt& f = w.floorAt(p.floor);
    pt.phase = PatientPhase::Moving;
    pt.moveStartT = w.t;
    p.navW = pt.escort ? 0.0 : (pt.device == DeviceKind::EvacChair ? 0.0 : pt.devWid);
    int trips = 0;
    for (std::uint32_t h : pt.crew)
        trips = std::max(trips, w.helperOf(w.agents[h])->trips);
    p.v0 = pt.escort ? std::min(p.v0 > 0 ? p.v0 : pt.devSpeed, pt.devSpeed) : pt.devSpeed;
    p.v0 *= std::max(kFatigueFloor, 1.0 - kFatiguePerTrip * trips);
    p.target = -1;
    p.nextRouteT = w.t;
    p.bestToGo = kInf;
    p.lastProgressT = w.t;
    if (!pt.escort) {
        // The device's body: its rectangle, facing down the route (routing knows its width,
        // the replay its whole footprint).
        despawn(f, p);
        p.radius = pt.devWid / 2.0;
        const DistanceField* df = nullptr;
        for (int ti : f.targets)
            if (!df && (w.target(ti).kind == Target::Kind::Refuge) == p.refugeOnly)
                df = fieldFor(w, p, ti);
        Vec2 d = df ? df->direction(p.pos) : Vec2{0, 0};
        spawnDevice(w, f, p, length(d) > 1e-9 ? std::atan2(d.y, d.x) : p.angle);
    }
    for (std::uint32_t hid : pt.crew) {
        Agent& h = w.agents[hid];
        despawn(f, h);
        w.helperOf(h)->attached = true;
        h.state = AgentState::Helping;
    }
}

} // namespace

void assist(World& w) {
    for (Patient& p : w.patients) {
        if (p.phase == PatientPhase::WaitingForCrew &&
            static_cast<int>(p.crew.size()) == p.crewNeeded) {
            bool all = true;
            for (std::uint32_t h : p.crew)
                all = all && w.helperOf(w.agents[h])->atPatient;
            if (all) {
                p.phase = PatientPhase::Preparing;
                p.prepEndT = w.t + p.prepS;
                w.agents[p.agent].state = AgentState::BeingHelped;
            }
        }
        if (p.phase == PatientPhase::Preparing && w.t + 1e-9 >= p.prepEndT)
            startConvoy(w, p);
    }
    for (Helper& helper : w.helpers) {
        const Agent& h = w.agents[helper.agent];
        if (helper.done || helper.task >= 0 || helper.attached)
            continue;
        if (w.t + 1e-9 < h.startT || h.state == AgentState::OnStair ||
            h.state == AgentState::Evacuated)
            continue;
        if (h.floor < 0)
            continue;
        allocate(w, helper);
    }
}

void releaseCrew(World& w, Agent& patient, FloorRt& f, Vec2 fallback) {
    Patient& p = *w.patientOf(patient);
    for (std::uint32_t hid : p.crew) {
        Agent& h = w.agents[hid];
        Helper& helper = *w.helperOf(h);
        helper.attached = false;
        helper.atPatient = false;
        helper.task = -1;
        helper.trips++;
        if (!f.grid.walkableAt(h.pos))
            h.pos = fallback;
        spawnPerson(f, h);
        h.state = AgentState::Moving;
        h.target = -1;
        h.nextRouteT = w.t;
    }
    p.crew.clear();
    p.phase = PatientPhase::Delivered;
}

} // namespace muster::engine
