// Device drive: a bed, wheelchair, sled or chair moves as a rigid rectangle
// (crowd/device_motion.hpp). Part of the steering stage (systems.hpp, stage 6): steer() calls
// driveDevice() for each moving device in id order with the pedestrians, so both see the same
// neighbours' previous decisions.
#include <cmath>

#include "crowd/bodies.hpp"
#include "crowd/systems.hpp"

namespace muster::engine {

namespace {

// The next opening on the route that the device must pass square (traced down the field from
// its centre), kept until both ends are through.
void findGate(const FloorRt& f, const Agent& a, Patient& p, const DistanceField& field,
              double halfDiag) {
    Vec2 pos = a.pos;
    for (int k = 0; k < 20 && p.devGate < 0; ++k) {
        const Vec2 d = field.direction(pos);
        if (length(d) < 1e-9)
            break;
        const Vec2 q = pos + d * (0.2 / length(d));
        for (size_t gi = 0; gi < f.gates.size(); ++gi) {
            const auto& gt = f.gates[gi];
            const Vec2 half = gt.tangent * (gt.widthM / 2.0);
            if (gt.widthM < 2.0 * halfDiag &&
                segmentsIntersect(pos, q, gt.at - half, gt.at + half)) {
                p.devGate = static_cast<int>(gi);
                p.devGateDown = dot(q - pos, gt.normal) > 0 ? gt.normal : gt.normal * -1.0;
            }
        }
        pos = q;
    }
}

} // namespace

// The planner picks a motion over (x, y, heading) that keeps the footprint clear of the walls
// and of the devices it gives way to, scored on the walking distance of both its ends to the
// target. Pedestrians are not obstacles for it: they give way (Box2D moves them aside).
void driveDevice(World& w, FloorRt& f, Agent& a, std::uint32_t id, const Target& tg,
                 const DistanceField* field, Vec2 e0) {
    Patient& pt = *w.patientOf(a);
    const Footprint fp = w.footprintOf(a);
    const double halfDiag = std::hypot(fp.halfLen, fp.halfWid);
    const double v0 = w.freeSpeed(a);
    std::vector<SolidSeg> solids;
    localSolids(f, a.pos, halfDiag + v0 * 1.5 + 0.3, solids);
    std::vector<std::uint32_t> near;
    f.hash.query(a.pos, 2.0 * halfDiag + 0.5, near);
    for (std::uint32_t j : near) {
        const Agent& b = w.agents[j];
        const Helper* bh = w.helperOf(b);
        if (j == id || b.body < 0 || (bh && bh->attached && bh->task == static_cast<int>(id)))
            continue;
        if (w.isBox(b) && !goesFirst(a, id, b, j))
            appendRectEdges({b.pos, b.angle}, w.footprintOf(b), solids);
    }
    const bool exit = tg.kind == Target::Kind::Exit;
    // An end approaching the gate or in its frame is drawn onto its centre line, so the crew
    // lines the device up before the frame and keeps the trailing end centred while the
    // leading end swings round.
    if (field && pt.devGate < 0)
        findGate(f, a, pt, *field, halfDiag);
    const FloorRt::Gate* gate =
        pt.devGate >= 0 ? &f.gates[static_cast<size_t>(pt.devGate)] : nullptr;
    const double reach = 2.0 * fp.halfLen + 0.5;
    auto gatePenalty = [&](Vec2 p) {
        if (!gate)
            return 0.0;
        const double along = dot(p - gate->at, pt.devGateDown);
        if (along > 0.4 || along < -reach)
            return 0.0;
        const double weight = along >= -0.5 ? 1.0 : (along + reach) / (reach - 0.5);
        const double slack = std::max(0.02, (gate->widthM - 2.0 * fp.halfWid) / 2.0 - 0.05);
        const double off =
            std::min(1.5, std::max(0.0, std::abs(dot(p - gate->at, gate->tangent)) - slack));
        return kGateWeight * weight * (off + off * off);
    };
    if (gate) {
        Vec2 e1, e2;
        deviceEnds({a.pos, a.angle}, fp, e1, e2);
        const bool through =
            dot(e1 - gate->at, pt.devGateDown) > 0.4 && dot(e2 - gate->at, pt.devGateDown) > 0.4;
        if (through || distance(gate->at, a.pos) > reach + halfDiag)
            pt.devGate = -1; // passed, or route changed
    }
    auto cost = [&](Vec2 p) {
        if (exit) {
            // Past the exit line, farther out is better (the field is flat there).
            const double past = dot(p - tg.point, tg.outward);
            if (past > 0 && distanceToSegment(p, tg.a, tg.b) < past + 0.05)
                return -past;
        }
        const double g = field ? field->at(p) : distance(p, tg.point);
        return g + gatePenalty(p);
    };
    auto direction = [&](Vec2 p) {
        // Approaching the opening or in its frame: square to it.
        if (gate) {
            const double along = dot(p - gate->at, pt.devGateDown);
            if (along < 0.4 && along > -reach)
                return pt.devGateDown * kGateAlign;
        }
        if (exit && dot(p - tg.point, tg.outward) > -0.5)
            return tg.outward;
        return field ? field->direction(p) : Vec2{0, 0};
    };
    // The crew pushes from the trailing end; if the other end is clearly nearer the target
    // (the bed faces away from the route), they change ends.
    Vec2 ea, eb;
    deviceEnds({a.pos, a.angle}, fp, ea, eb);
    const double ca = cost(ea), cb = cost(eb);
    if ((pt.devFront > 0 ? cb : ca) + 0.5 < (pt.devFront > 0 ? ca : cb))
        pt.devFront = -pt.devFront;
    // No way forward for 2 s: the crew backs up and tries again (the planner's escape).
    const bool escape = pt.devBlockedT >= 0 && w.t - pt.devBlockedT >= 2.0;
    const DeviceMotion mv =
        planDeviceMotion({a.pos, a.angle}, fp, pt.devFront, v0, solids, cost, direction, escape);
    if (mv.feasible && !escape)
        pt.devBlockedT = -1;
    else if (pt.devBlockedT < 0 || (escape && w.t - pt.devBlockedT >= 4.0))
        pt.devBlockedT = w.t; // escape for 2 s at a time, then try forward again
    a.want = length(mv.vel) > 1e-9 ? mv.vel * (1.0 / length(mv.vel)) : e0;
    a.vel = mv.vel;
    a.turnRate = mv.omega;
    a.setTurnRate = true;
}

} // namespace muster::engine
