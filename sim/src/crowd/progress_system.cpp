// Progress and stalls, before steering (systems.hpp, stage 6a): walking distance to each
// person's target, staff reaching their patient, and the body of a stalled device.
#include <cmath>

#include "crowd/bodies.hpp"
#include "crowd/nav_cache.hpp"
#include "crowd/systems.hpp"

namespace muster::engine {

namespace {

// A device that has not advanced for kStallS gets a narrower collision body until it advances
// again and its rectangle fits where it is: crews angle and rock a bed past a crowd or another
// bed. Without this, two beds and the people around them can lock a smoke-barrier door for
// good (docs/model.md, "Known limits"); every squeeze is counted and reported. (Waiting at a
// stair door for room on the flight is not a stall.)
void checkStall(World& w, FloorRt& f, Agent& a, bool atStairDoor) {
    Patient& p = *w.patientOf(a);
    const bool stalled = w.t - a.lastProgressT > kStallS && !atStairDoor;
    if (stalled && !p.squeezed) {
        p.squeezed = true;
        p.squeezes++;
        squeeze(f, a);
    } else if (!stalled && p.squeezed) {
        const Footprint fp = w.footprintOf(a);
        std::vector<SolidSeg> nearSolids;
        localSolids(f, a.pos, std::hypot(fp.halfLen, fp.halfWid) + 0.1, nearSolids);
        if (rectClearance({a.pos, a.angle}, fp, nearSolids) >= 0.0) {
            p.squeezed = false;
            unsqueeze(w, f, a);
        }
    }
}

} // namespace

// Neighbour grid, walking distance to each person's target (or patient), progress.
void measureProgress(World& w, FloorRt& f) {
    f.hash.clear();
    for (std::uint32_t id : f.agents) {
        Agent& a = w.agents[id];
        f.hash.insert(a.pos, id);
        const Helper* h = w.helperOf(a);
        if (w.helperWalking(a) && h->task >= 0)
            a.toGo = patientField(w, static_cast<std::uint32_t>(h->task)).at(a.pos);
        else
            a.toGo = a.target >= 0 ? fieldAt(w, a, a.target, a.pos) : kInf;
        if (a.toGo < a.bestToGo - 0.5 || a.state == AgentState::Waiting) {
            a.bestToGo = a.toGo;
            a.lastProgressT = w.t;
        }
    }
    f.hash.finalize();
    // Staff reaching their patient.
    for (std::uint32_t id : f.agents) {
        Agent& a = w.agents[id];
        Helper* h = w.helperOf(a);
        if (a.body < 0 || !w.helperWalking(a) || h->task < 0 || h->atPatient ||
            a.toGo > kHelpReachM)
            continue;
        h->atPatient = true;
        if (h->firstAtPatientT < 0)
            h->firstAtPatientT = w.t;
        Patient& p = *w.patientOf(w.agents[static_cast<size_t>(h->task)]);
        if (p.helpArrivedT < 0)
            p.helpArrivedT = w.t;
    }
}

void checkStalls(World& w, FloorRt& f) {
    for (std::uint32_t id : f.agents) {
        Agent& a = w.agents[id];
        if (a.body < 0 || !w.leadsConvoy(a) || a.state != AgentState::BeingHelped || a.target < 0)
            continue;
        if (w.patientOf(a)->escort)
            continue;
        const Target& tg = w.target(a.target);
        const bool atStairDoor = tg.kind == Target::Kind::Stair &&
                                 distance(a.pos, tg.point) <= w.model.stairEntryRadiusM;
        checkStall(w, f, a, atStairDoor);
    }
}

} // namespace muster::engine
