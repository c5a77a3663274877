// Transfers: out through an exit or into the refuge, onto and off stair flights
// (systems.hpp, stage 8).
#include <algorithm>
#include <set>

#include "crowd/bodies.hpp"
#include "crowd/nav_cache.hpp"
#include "crowd/systems.hpp"
#include "muster/geometry.hpp"

namespace muster::engine {

namespace {

// a has reached safety through its target (an exit, or the refuge): out of the floor's
// physics, counted in the target's flow bins.
void getOut(World& w, Agent& a, FloorRt& f, std::string exitId) {
    a.state = AgentState::Evacuated;
    a.exitT = w.t;
    a.exitId = std::move(exitId);
    a.floor = -1;
    despawn(f, a);
    ++w.evacuated;
    auto& bins = w.exitBins[static_cast<size_t>(a.target)];
    const auto bin = static_cast<size_t>(w.t / 10.0);
    if (bins.size() <= bin)
        bins.resize(bin + 1, 0);
    bins[bin]++;
}

// Onto the flight when the stair door lets them: one entry per 1 / (flow x width) seconds per
// direction, and room on the flight. Returns whether they left the floor (with their crew).
bool enterStair(World& w, FloorRt& f, Agent& a, std::uint32_t id, const Target& tg, bool lead,
                std::set<std::uint32_t>& leaving) {
    StairRt& st = w.stairs[static_cast<size_t>(tg.stair)];
    const int dir = tg.up ? 1 : 0;
    const int inside = static_cast<int>(st.transit.size());
    const Patient* patient = w.patientOf(a);
    const int party = 1 + (lead ? static_cast<int>(patient->crew.size()) : 0);
    if (st.blocked || w.t + 1e-9 < st.nextEntryT[dir] ||
        (inside != 0 && inside + party > st.capacity))
        return false;
    st.nextEntryT[dir] = w.t + party / (w.model.stairFlow * st.stair->widthM);
    const double speed = patient ? patient->devStairMps
                         : tg.up ? a.profile->stairUpMps
                                 : a.profile->stairDownMps;
    const int dest = tg.up ? st.upperFloor : st.lowerFloor;
    const Vec2 q = w.target(tg.up ? st.upperTarget : st.lowerTarget).point;
    st.transit.push_back({id, w.t + st.stair->lengthM / std::max(0.05, speed), dest, q});
    logCrossing(w, id, CrossingKind::Stair, dir, tg.stair, f.index, f.index, dest);
    a.distance += st.stair->lengthM;
    despawn(f, a);
    a.floor = -1;
    a.state = AgentState::OnStair;
    a.target = -1;
    ++w.onStairs;
    if (lead)
        for (std::uint32_t hid : patient->crew) {
            Agent& h = w.agents[hid];
            st.transit.push_back({hid, st.transit.back().arrivalT, dest, q});
            logCrossing(w, hid, CrossingKind::Stair, dir, tg.stair, f.index, f.index, dest);
            h.distance += st.stair->lengthM;
            h.floor = -1;
            ++w.onStairs;
            leaving.insert(hid);
        }
    return true;
}

bool spotFree(const World& w, const FloorRt& f, Vec2 p, double r) {
    for (std::uint32_t id : f.agents)
        if (distance(w.agents[id].pos, p) < w.agents[id].radius + r + 0.02)
            return false;
    return true;
}

} // namespace

void exitsAndStairs(World& w, FloorRt& f) {
    // Those outside walk on, and are gone once kOutsideWalkM past the exit.
    std::erase_if(f.outside, [&](const FloorRt::Walker& o) { return o.untilT <= w.t + 1e-9; });
    for (auto& o : f.outside)
        o.pos = o.pos + o.vel * w.opt.timeStepS;
    std::vector<std::uint32_t> stay;
    stay.reserve(f.agents.size());
    std::set<std::uint32_t> leaving; // helpers going onto a stair with their patient
    for (std::uint32_t id : f.agents) {
        Agent& a = w.agents[id];
        bool leaves = false;
        const bool lead = w.leadsConvoy(a) && a.state == AgentState::BeingHelped;
        if ((a.state == AgentState::Moving || a.state == AgentState::Queuing || lead) &&
            a.target >= 0) {
            const Target& tg = w.target(a.target);
            if (tg.kind == Target::Kind::Refuge) {
                if (fieldAt(w, a, a.target, a.pos) < 0.6) {
                    const Room* r = w.roomAt(f.index, a.pos);
                    const Vec2 at = a.pos;
                    getOut(w, a, f,
                           "refuge:" +
                               (r && !r->compartment.empty() ? r->compartment : f.floor->id));
                    if (lead)
                        releaseCrew(w, a, f, at);
                    leaves = true;
                }
            } else if (tg.kind == Target::Kind::Exit) {
                // Out once the body centre has crossed the opening's line within its width.
                const Vec2 rel = a.pos - tg.point;
                const Vec2 tangent = (tg.b - tg.a) * (1.0 / std::max(1e-9, tg.widthM));
                const bool crossed = dot(rel, tg.outward) > kExitReachM &&
                                     std::abs(dot(rel, tangent)) <= tg.widthM / 2.0 + 0.05;
                if (tg.open && (crossed || !pointInPolygon(f.floor->outline, a.pos))) {
                    if (!lead && !w.isBox(a)) {
                        const double v = std::max(0.3, w.freeSpeed(a));
                        f.outside.push_back(
                            {a.pos, tg.outward * v, a.radius, w.t + kOutsideWalkM / v});
                    }
                    logCrossing(w, id, CrossingKind::Exit, 0, a.target, f.index, -1, -1);
                    getOut(w, a, f, tg.id);
                    if (lead)
                        releaseCrew(w, a, f, tg.point - tg.outward * 0.6);
                    leaves = true;
                }
            } else if (distance(a.pos, tg.point) <= w.model.stairEntryRadiusM) {
                leaves = enterStair(w, f, a, id, tg, lead, leaving);
            }
        }
        if (!leaves)
            stay.push_back(id);
    }
    if (!leaving.empty())
        std::erase_if(stay, [&](std::uint32_t id) { return leaving.count(id) != 0; });
    f.agents.swap(stay);
}

void arrivals(World& w) {
    for (auto& st : w.stairs) {
        // First come, first placed: someone who cannot step off holds those behind.
        size_t placed = 0;
        for (; placed < st.transit.size(); ++placed) {
            const Transit& tr = st.transit[placed];
            if (tr.arrivalT > w.t + 1e-9)
                break;
            FloorRt& f = w.floorAt(tr.destFloor);
            Agent& a = w.agents[tr.agent];
            const Helper* h = w.helperOf(a);
            if (h && h->attached) { // steps off with the patient ahead of them
                a.pos = tr.destPoint;
                a.floor = f.index;
                a.lastFloor = f.index;
                f.agents.push_back(tr.agent);
                --w.onStairs;
                continue;
            }
            if (!spotFree(w, f, tr.destPoint, a.radius))
                break;
            a.pos = tr.destPoint;
            a.floor = f.index;
            a.lastFloor = f.index;
            const bool lead = w.leadsConvoy(a);
            if (lead && !w.patientOf(a)->escort)
                spawnDevice(w, f, a, a.angle);
            else
                spawnPerson(f, a);
            a.state = lead ? AgentState::BeingHelped : AgentState::Moving;
            a.target = -1;
            a.nextRouteT = w.t;
            f.agents.push_back(tr.agent);
            f.hadPeople = true;
            --w.onStairs;
        }
        st.transit.erase(st.transit.begin(), st.transit.begin() + static_cast<long>(placed));
    }
    // Keep a canonical order on every floor so results never depend on arrival order.
    for (auto& fp : w.floors)
        std::sort(fp->agents.begin(), fp->agents.end());
}

} // namespace muster::engine
