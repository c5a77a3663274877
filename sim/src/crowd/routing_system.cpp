// Routing: each person's target by estimated time out (systems.hpp, stage 5), and the route
// costs over the stair graph.
#include <algorithm>
#include <cmath>

#include "crowd/nav_cache.hpp"
#include "crowd/systems.hpp"

namespace muster::engine {

// Time to get out from entering each target, by relaxation over the stair graph
// (a handful of targets per floor: Bellman-Ford converges in a few sweeps).
void computeCosts(World& w) {
    for (auto& rs : w.routeSets) {
        rs.cost.assign(w.targets.size(), kInf);
        rs.arrival.assign(w.targets.size(), kInf);
        for (size_t k = 0; k < w.targets.size(); ++k) {
            const Target& tg = w.targets[k];
            if (tg.kind == Target::Kind::Exit && tg.open &&
                (rs.exits.empty() || rs.exits.count(tg.id)))
                rs.cost[k] = 0.0;
            if (tg.kind == Target::Kind::Refuge)
                rs.cost[k] = 0.0;
        }
        for (size_t sweep = 0; sweep <= w.targets.size(); ++sweep) {
            bool changed = false;
            for (size_t k = 0; k < w.targets.size(); ++k) {
                const Target& tg = w.targets[k];
                if (tg.kind != Target::Kind::Stair)
                    continue;
                const StairRt& st = w.stairs[static_cast<size_t>(tg.stair)];
                if (st.blocked || !tg.open)
                    continue;
                const int dest = tg.up ? st.upperFloor : st.lowerFloor;
                const int arrivalTarget = tg.up ? st.upperTarget : st.lowerTarget;
                const Vec2 q = w.target(arrivalTarget).point;
                double best = kInf;
                for (int ti : w.floorAt(dest).targets) {
                    if (ti == arrivalTarget)
                        continue; // straight back
                    if (w.target(ti).kind == Target::Kind::Refuge)
                        continue;
                    const double c = rs.cost[static_cast<size_t>(ti)];
                    if (!std::isfinite(c))
                        continue;
                    const double d = w.target(ti).field.at(q);
                    if (!std::isfinite(d))
                        continue;
                    best = std::min(best, d / kRouteLevelMps + c);
                }
                const double c =
                    st.stair->lengthM / (tg.up ? kRouteStairUpMps : kRouteStairDownMps) + best;
                if (c < rs.cost[k] - 1e-9) {
                    rs.cost[k] = c;
                    rs.arrival[k] = best;
                    changed = true;
                }
            }
            if (!changed)
                break;
        }
    }
}

namespace {

double estimate(World& w, const Agent& a, int ti) {
    const Target& tg = w.target(ti);
    const double c = w.routeSets[static_cast<size_t>(a.routeSet)].cost[static_cast<size_t>(ti)];
    if (!std::isfinite(c) || !tg.open)
        return kInf;
    if ((tg.kind == Target::Kind::Refuge) != a.refugeOnly)
        return kInf;
    if (tg.kind == Target::Kind::Stair) {
        if (!a.canStairs || w.stairs[static_cast<size_t>(tg.stair)].blocked)
            return kInf;
    }
    const double d = fieldAt(w, a, ti, a.pos);
    if (!std::isfinite(d))
        return kInf;
    const double flow =
        (tg.kind == Target::Kind::Exit ? w.model.doorFlowDesign : w.model.stairFlow) * tg.widthM;
    // The queue that matters is the people ahead: heading there and nearer to it.
    auto ahead = static_cast<double>(
        std::lower_bound(tg.heading.begin(), tg.heading.end(), d - 1e-9) - tg.heading.begin());
    return d / std::max(0.1, a.v0) + ahead / std::max(0.1, flow) + c;
}

// Staff on another floor go back to their home floor by the stair that comes closest to it.
void routeHomeward(World& w, FloorRt& f, Agent& a) {
    if (w.t + 1e-9 < a.nextRouteT && a.target >= 0)
        return;
    a.nextRouteT = w.t + w.model.rerouteIntervalS;
    const double home = w.floorAt(a.homeFloor).floor->elevationM;
    double bestGap = std::abs(f.floor->elevationM - home), bestD = kInf;
    int pick = -1;
    for (int ti : f.targets) {
        const Target& tg = w.target(ti);
        if (tg.kind != Target::Kind::Stair || w.stairs[static_cast<size_t>(tg.stair)].blocked)
            continue;
        const StairRt& st = w.stairs[static_cast<size_t>(tg.stair)];
        const double gap =
            std::abs(w.floorAt(tg.up ? st.upperFloor : st.lowerFloor).floor->elevationM - home);
        const double d = tg.field.at(a.pos);
        if (!std::isfinite(d) || gap > bestGap - 0.1)
            continue;
        if (gap < bestGap - 0.1 - 1e-9 || d < bestD) {
            if (gap < bestGap - 0.1 - 1e-9)
                bestD = kInf;
            if (d < bestD) {
                bestD = d;
                pick = ti;
            }
        }
    }
    if (pick >= 0)
        a.target = pick;
}

std::string noRouteReason(const World& w, const FloorRt& f, const Agent& a, bool lead) {
    bool anyExitOnFloor = false;
    for (int ti : f.targets)
        anyExitOnFloor = anyExitOnFloor || w.target(ti).kind == Target::Kind::Exit;
    const Patient* p = w.patientOf(a);
    if (a.refugeOnly)
        return "no route to the refuge compartment on floor " + f.floor->id;
    if (lead && a.navW > 0)
        return std::string("no door on floor ") + f.floor->id + " wide enough for the " +
               (p && p->device == DeviceKind::Bed ? "bed" : "wheelchair") +
               " leads to an open exit";
    if (!a.canStairs && !anyExitOnFloor)
        return "cannot use stairs and floor " + f.floor->id + " has no exit";
    return "no route to an open exit from floor " + f.floor->id;
}

} // namespace

void route(World& w, FloorRt& f) {
    // Who is heading where, by walking distance (for the queue ahead of each person).
    for (int ti : f.targets)
        w.target(ti).heading.clear();
    for (std::uint32_t id : f.agents) {
        const Agent& a = w.agents[id];
        if (a.target >= 0 &&
            (a.state == AgentState::Moving || a.state == AgentState::Queuing || w.leadsConvoy(a)))
            w.target(a.target).heading.push_back(fieldAt(w, a, a.target, a.pos));
    }
    for (int ti : f.targets)
        std::sort(w.target(ti).heading.begin(), w.target(ti).heading.end());
    for (std::uint32_t id : f.agents) {
        Agent& a = w.agents[id];
        const Helper* helper = w.helperOf(a);
        if (a.inPlace || (helper && helper->attached))
            continue;
        const bool lead = w.leadsConvoy(a);
        if (!a.profile->selfEvacuates && !lead)
            continue;
        if (helper && !helper->done) {
            // Busy with a patient, or not yet started: assist() steers them.
            if (helper->task >= 0 || a.state != AgentState::Moving || a.floor == a.homeFloor)
                continue;
            routeHomeward(w, f, a);
            continue;
        }
        if (a.state == AgentState::Waiting) {
            if (w.t + 1e-9 < a.startT)
                continue;
            a.state = AgentState::Moving;
            a.nextRouteT = w.t;
        }
        if (w.t + 1e-9 < a.nextRouteT)
            continue;
        // Re-evaluate every interval, each person at its own phase (by id) so a group
        // does not change its mind in unison.
        a.nextRouteT =
            w.t + w.model.rerouteIntervalS * (0.75 + 0.5 * ((id * 2654435761u) % 1000) / 1000.0);
        if (a.target >= 0 && a.state != AgentState::Stuck) {
            const Target& cur = w.target(a.target);
            if (cur.floor == f.index && cur.open && fieldAt(w, a, a.target, a.pos) < kCommitM)
                continue;
        }
        // A stair is only worth taking if it brings the person closer to the way out by
        // the static estimate (no queues): queues may move people between stair cores,
        // never up a floor and back down.
        const RouteSet& rs = w.routeSets[static_cast<size_t>(a.routeSet)];
        double here = kInf;
        for (int ti : f.targets) {
            const Target& tg = w.target(ti);
            if (tg.kind == Target::Kind::Stair && !a.canStairs)
                continue;
            if ((tg.kind == Target::Kind::Refuge) != a.refugeOnly)
                continue;
            here = std::min(here, fieldAt(w, a, ti, a.pos) / kRouteLevelMps +
                                      rs.cost[static_cast<size_t>(ti)]);
        }
        int best = -1;
        double bestT = kInf;
        for (int ti : f.targets) {
            const Target& tg = w.target(ti);
            if (tg.kind == Target::Kind::Stair &&
                !(rs.arrival[static_cast<size_t>(ti)] < here - 1e-6))
                continue;
            const double e = estimate(w, a, ti);
            if (e < bestT) {
                bestT = e;
                best = ti;
            }
        }
        if (best < 0) {
            a.target = -1;
            a.state = AgentState::Stuck;
            a.reason = noRouteReason(w, f, a, lead);
            continue;
        }
        if (a.state == AgentState::Stuck) {
            a.state = lead ? AgentState::BeingHelped : AgentState::Moving;
            a.reason.clear();
        }
        if (a.target >= 0 && a.target != best) {
            const Target& cur0 = w.target(a.target);
            const bool curAllowed =
                cur0.floor == f.index && (cur0.kind != Target::Kind::Stair ||
                                          rs.arrival[static_cast<size_t>(a.target)] < here - 1e-6);
            const double cur = curAllowed ? estimate(w, a, a.target) : kInf;
            if (std::isfinite(cur) && cur <= bestT * (1.0 + w.model.rerouteGain))
                continue;
        }
        if (best != a.target)
            a.bestToGo = kInf;
        a.target = best;
    }
}

} // namespace muster::engine
