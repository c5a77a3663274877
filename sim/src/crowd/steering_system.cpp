// Steering: each person's velocity by the collision-free speed model (Tordeux et al. 2016),
// devices by their planner (device_drive.cpp) (systems.hpp, stage 6).
#include <algorithm>
#include <cmath>

#include "crowd/bodies.hpp"
#include "crowd/nav_cache.hpp"
#include "crowd/systems.hpp"

namespace muster::engine {

namespace {

// How a walker at p heading along unit e sees box b: the gap to its surface, and the clear
// distance ahead if b lies across e's path (kInf otherwise).
struct BoxView {
    Vec2 away;         // unit vector from b's nearest point to p
    double gap = kInf; // from p to b's surface
    double ahead = kInf;
};

BoxView viewBox(const World& w, const Agent& b, Vec2 p, Vec2 e, double radius) {
    BoxView v;
    const Footprint fp = w.footprintOf(b);
    const Vec2 u{std::cos(b.angle), std::sin(b.angle)}, n{-u.y, u.x};
    const double hl = fp.halfLen, hw = fp.halfWid;
    const Vec2 d = p - b.pos;
    const Vec2 q = b.pos + u * std::clamp(dot(d, u), -hl, hl) + n * std::clamp(dot(d, n), -hw, hw);
    const Vec2 wv = p - q;
    const double dist = length(wv);
    v.gap = dist;
    v.away =
        dist > 1e-9 ? wv * (1.0 / dist) : (length(d) > 1e-9 ? d * (1.0 / length(d)) : Vec2{1, 0});
    const double along = -dot(e, d);
    if (along > 0) {
        const double extAlong = std::abs(dot(e, u)) * hl + std::abs(dot(e, n)) * hw;
        const double extAcross = std::abs(cross(e, u)) * hl + std::abs(cross(e, n)) * hw;
        if (std::abs(cross(e, d)) < radius + extAcross)
            v.ahead = along - extAlong - radius;
    }
    return v;
}

// Keep right on meeting someone head on (Chinese and most road rules; pedestrians in
// bidirectional flow form lanes this way, Helbing et al. 2005): when a person ahead within
// 1.5 m wants to go the opposite way, bias the desired direction 30 % to the right. Without
// it the local model can hold two people face to face in a doorway for good, which it did
// with staff going back for patients against patients walking to the refuge.
Vec2 keepRight(const World& w, const Agent& a, std::uint32_t id, Vec2 e0,
               const std::vector<std::uint32_t>& near) {
    for (std::uint32_t j : near) {
        if (j == id)
            continue;
        const Agent& b = w.agents[j];
        const Helper* bh = w.helperOf(b);
        if ((bh && bh->attached) || length(b.want) < 1e-9)
            continue;
        const Vec2 d = b.pos - a.pos;
        const double ahead = dot(e0, d);
        if (ahead <= 0 || ahead > 1.5 || std::abs(cross(e0, d)) > a.radius + b.radius + 0.2)
            continue;
        if (dot(e0, b.want) > -0.5)
            continue;
        const Vec2 e = e0 + Vec2{e0.y, -e0.x} * 0.3;
        return e * (1.0 / length(e));
    }
    return e0;
}

// Someone standing (waiting to start, staff at a patient) steps out of the way of a bed or
// chair coming at them: sideways to its motion, or ahead of it if a wall is at their side,
// at a slow step (0.5 m/s, assumption).
// Someone walking the way the device goes (`heading`) walks on ahead of it instead.
Vec2 makeWay(const World& w, const FloorRt& f, const Agent& a, std::uint32_t id,
             const std::vector<std::uint32_t>& boxes, Vec2 heading = {0, 0}) {
    if (a.patient >= 0 && !a.profile->selfEvacuates)
        return {0, 0}; // a patient in bed cannot
    for (std::uint32_t j : boxes) {
        const Agent& b = w.agents[j];
        if (j == id || length(b.vel) < 0.05)
            continue;
        const Vec2 mv = b.vel * (1.0 / length(b.vel));
        const BoxView bv = viewBox(w, b, a.pos, mv, a.radius);
        if (bv.gap - a.radius > 0.4 || dot(bv.away, mv) < -0.2)
            continue; // not in its way
        if (dot(heading, mv) > 0.5)
            continue;
        const Vec2 side{-mv.y, mv.x};
        const Vec2 step = cross(mv, a.pos - b.pos) > 0 ? side : side * -1.0;
        // Of 16 directions, the free one that best leads away from the device (sideways
        // first, else on ahead of it, else along the wall it pins them to).
        Vec2 best{0, 0};
        double bestScore = -kInf;
        for (int k = 0; k < 16; ++k) {
            const double ang = k * 3.14159265358979323846 / 8.0;
            const Vec2 dir{std::cos(ang), std::sin(ang)};
            const Vec2 to = a.pos + dir * (a.radius + 0.15);
            if (!f.grid.walkableAt(to) || viewBox(w, b, to, mv, a.radius).gap <= bv.gap)
                continue;
            const double score = dot(dir, step) + 0.5 * dot(dir, mv) + dot(dir, bv.away);
            if (score > bestScore) {
                bestScore = score;
                best = dir;
            }
        }
        return best * 0.5;
    }
    return {0, 0};
}

// Through a door's clear span. The walkers' grid keeps a door's cells walkable up to its
// jambs (nav_grid.cpp (b)), so near a jamb the field leads straight on although a body of
// radius r passes only within width/2 - r of the door's centre: the person walks into the
// jamb, and two people, one at each jamb, can hold each other there for good. Someone whose
// next metre crosses an open door's line outside that clear span aims instead at the nearest
// point of it, half a metre past the wall (as at an exit's opening, below).
Vec2 throughDoorSpan(const FloorRt& f, const Agent& a, Vec2 e0) {
    constexpr double kLookM = kGateReachM, kMarginM = 0.05;
    for (const std::uint32_t k : f.gateHash.segmentsAt(a.pos)) {
        const auto& gt = f.gates[k];
        const Vec2 rel = a.pos - gt.at;
        const double reach = kLookM + gt.halfThicknessM + gt.widthM / 2.0;
        if (dot(rel, rel) > reach * reach)
            continue;
        const Vec2 half = gt.tangent * (gt.widthM / 2.0);
        const double side = dot(e0, gt.normal);
        if (std::abs(side) < 1e-3 || f.closedDoors.count(gt.doorId) ||
            !segmentsIntersect(a.pos, a.pos + e0 * (kLookM + gt.halfThicknessM), gt.at - half,
                               gt.at + half))
            continue;
        const double clear = std::max(0.0, gt.widthM / 2.0 - a.radius - kMarginM);
        const double along = dot(rel, gt.tangent);
        if (std::abs(along) <= clear)
            return e0; // on a line through the clear span: the field's direction holds
        const Vec2 aim = gt.at + gt.tangent * std::clamp(along, -clear, clear) +
                         gt.normal * ((side > 0 ? 1.0 : -1.0) * (gt.halfThicknessM + 0.5));
        const Vec2 d = aim - a.pos;
        const double l = length(d);
        return l > 1e-9 ? d * (1.0 / l) : e0;
    }
    return e0;
}

// A helper walking to their patient: along the patient's field, slowed by whoever is ahead.
void steerToPatient(World& w, FloorRt& f, Agent& a, std::uint32_t id,
                    const std::vector<std::uint32_t>& boxes, std::vector<std::uint32_t>& near) {
    const int task = w.helperOf(a)->task;
    const DistanceField& pf = patientField(w, static_cast<std::uint32_t>(task));
    Vec2 e0 = pf.direction(a.pos);
    if (length(e0) < 1e-9) {
        const Vec2 d = w.agents[static_cast<size_t>(task)].pos - a.pos;
        e0 = length(d) > 1e-9 ? d * (1.0 / length(d)) : Vec2{0, 0};
    }
    if (length(e0) > 1e-9)
        e0 = throughDoorSpan(f, a, e0);
    near.clear();
    f.hash.query(a.pos, 2.0, near);
    e0 = keepRight(w, a, id, e0, near);
    a.want = e0;
    auto sameTask = [&](const Agent& b) {
        const Helper* bh = w.helperOf(b);
        return bh && bh->task == task;
    };
    double spacing = kInf;
    for (std::uint32_t j : near) {
        const Agent& b = w.agents[j];
        if (j == id || static_cast<int>(j) == task || sameTask(b))
            continue;
        // Symmetry breaking among helpers on their way (as for people heading for
        // one door): the one nearer to its patient goes first, so a knot of helpers
        // bound for different beds cannot hold each other in a circle.
        const Helper* bh = w.helperOf(b);
        if (w.helperWalking(b) && bh->task >= 0 && !bh->atPatient && b.toGo > a.toGo + 0.05)
            continue;
        if (w.isBox(b))
            continue; // below
        const Vec2 d = b.pos - a.pos;
        const double ahead = dot(e0, d);
        if (ahead <= 0 || std::abs(cross(e0, d)) >= a.radius + b.radius)
            continue;
        spacing = std::min(spacing, length(d) - a.radius - b.radius);
    }
    for (std::uint32_t j : boxes)
        if (!sameTask(w.agents[j]) && static_cast<int>(j) != task)
            spacing = std::min(spacing, viewBox(w, w.agents[j], a.pos, e0, a.radius).ahead);
    a.vel = e0 * std::clamp(spacing / a.profile->timeGapS, 0.0, w.freeSpeed(a));
}

// Within a metre of an open door's opening (its centre line).
bool nearGate(const FloorRt& f, Vec2 p) {
    constexpr double kNearM = kGateReachM;
    for (const std::uint32_t k : f.gateHash.segmentsAt(p)) {
        const auto& gt = f.gates[k];
        const Vec2 rel = p - gt.at;
        if (std::abs(dot(rel, gt.normal)) < kNearM + gt.halfThicknessM &&
            std::abs(dot(rel, gt.tangent)) < gt.widthM / 2.0 + kNearM &&
            !f.closedDoors.count(gt.doorId))
            return true;
    }
    return false;
}

// The desired direction towards the target: down the field, back onto it when pushed off,
// through a door's clear span and an exit's opening when at them.
Vec2 desiredDirection(World& w, FloorRt& f, const Agent& a, const Target& tg,
                      const DistanceField* ownField) {
    Vec2 e0 = ownField ? ownField->direction(a.pos) : Vec2{0, 0};
    if (ownField && (length(e0) < 1e-9 || !std::isfinite(ownField->at(a.pos)))) {
        // Pushed off its field (a bed shoved against a door jamb lies in cells its
        // clearance closes): back to the nearest cell the field covers.
        const NavGrid& g = a.navW >= 0 ? devNav(w, f, a.navW).grid : f.grid;
        int ix = 0, iy = 0;
        if (g.nearestWalkable(a.pos, ix, iy)) {
            const Vec2 d = g.cellCentre(ix, iy) - a.pos;
            if (length(d) > 1e-6)
                e0 = d * (1.0 / length(d));
        }
    }
    // Within 1 m of the opening by walking distance (the field), not in a straight line: the
    // closed end of a U-turn's far corridor lies within 1 m of the exit across the dividing
    // wall, and aiming through the wall from there held people against it for good.
    if (!w.isBox(a) && length(e0) > 1e-9)
        e0 = throughDoorSpan(f, a, e0);
    auto toOpening = [&] {
        const double d = ownField ? ownField->at(a.pos) : kUnreachable;
        return std::isfinite(d) ? d : distanceToSegment(a.pos, tg.a, tg.b);
    };
    if (tg.kind == Target::Kind::Exit && toOpening() < 1.0) {
        // At the opening: aim through it (the field is flat at its sources).
        const double half = std::max(0.0, tg.widthM / 2.0 - a.radius);
        const Vec2 tangent = (tg.b - tg.a) * (1.0 / std::max(1e-9, tg.widthM));
        const double along = std::clamp(dot(a.pos - tg.point, tangent), -half, half);
        const Vec2 aim = tg.point + tangent * along + tg.outward * 0.5 - a.pos;
        const double l = length(aim);
        if (l > 1e-9)
            e0 = aim * (1.0 / l);
    }
    if (length(e0) < 1e-9) {
        const Vec2 d = tg.point - a.pos;
        const double l = length(d);
        e0 = l > 1e-9 ? d * (1.0 / l) : Vec2{0, 0};
    }
    return e0;
}

// Collision-free speed model (Tordeux et al. 2016): direction = desired direction
// + exponential repulsion from neighbours and walls; speed = the spacing ahead
// divided by the time gap T, capped at the free speed.
void collisionFreeSpeed(World& w, FloorRt& f, Agent& a, std::uint32_t id, bool lead, Vec2 e0,
                        const std::vector<std::uint32_t>& boxes, std::vector<std::uint32_t>& near) {
    const ModelParams& m = w.model;
    Vec2 rep{0, 0};
    double spacing = kInf;
    near.clear();
    f.hash.query(a.pos, kNeighbourRangeM, near);
    if (!lead)
        e0 = keepRight(w, a, id, e0, near);
    a.want = e0;
    auto ownCrew = [&](std::uint32_t j) {
        const Helper* h = w.helperOf(w.agents[j]);
        return h && h->attached && h->task == static_cast<int>(id);
    };
    // In a doorway, of two people bound for one place the one nearer to it by walking distance
    // is not turned aside by the other (who still keeps their distance from them): two people
    // arriving together at the jambs of a door that takes one pushed each other out of its
    // clear span, step after step, for good.
    const bool inDoorway = !lead && nearGate(f, a.pos);
    // The model's two terms for a disc of radius rb at q: its push on a's direction, and the
    // gap to it along a direction u when it stands in a's lane ahead (else kInf).
    auto push = [&](Vec2 q, double rb) {
        const Vec2 d = a.pos - q;
        const double dist = length(d);
        if (dist < 1e-9 || dist > kNeighbourRangeM)
            return Vec2{0, 0};
        const double l = a.radius + rb;
        return d * (m.neighbourStrength * std::exp((l - dist) / m.neighbourRange) / dist);
    };
    auto gapAhead = [&](Vec2 u, Vec2 q, double rb) {
        const Vec2 d = q - a.pos;
        const double l = a.radius + rb;
        return dot(u, d) > 0 && std::abs(cross(u, d)) < l ? length(d) - l : kInf;
    };
    for (std::uint32_t j : near) {
        if (j == id || ownCrew(j))
            continue;
        const Agent& b = w.agents[j];
        if (lead && !w.leadsConvoy(b))
            continue; // people give way to a device (below)
        if (inDoorway && !w.isBox(b) && goesFirst(a, id, b, j))
            continue;
        // Of two devices bound for one place, the one with priority (below) is not
        // pushed aside by the other: two beds abreast at a door that takes one.
        if (lead && goesFirst(a, id, b, j))
            continue;
        if (w.isBox(b))
            continue; // below
        rep = rep + push(b.pos, b.radius);
    }
    // Those just out through an exit, walking on outside (FloorRt::outside), repel and are
    // kept a spacing from like anyone ahead; a device's crew gives way to nobody (above).
    if (!lead)
        for (const auto& o : f.outside)
            rep = rep + push(o.pos, o.radius);
    // Beds and chairs in motion repel by the distance to their rectangle, not their centre.
    for (std::uint32_t j : boxes) {
        if (j == id || ownCrew(j) || (lead && goesFirst(a, id, w.agents[j], j)))
            continue;
        const BoxView bv = viewBox(w, w.agents[j], a.pos, e0, a.radius);
        if (bv.gap - a.radius > kNeighbourRangeM)
            continue;
        rep = rep +
              bv.away * (m.neighbourStrength * std::exp((a.radius - bv.gap) / m.neighbourRange));
    }
    Vec2 wallRep{0, 0};
    // Each wall piece repels from its body: a box of its own thickness with square ends, as
    // Box2D has it (a door jamb is square). Measured from the centreline with a fixed 0.1 m
    // the repulsion was too weak beside a thick wall and, with round ends, reached 0.1 m into
    // every door opening past the jamb.
    f.wallHash.forSegments(a.pos, [&](Vec2 wa, Vec2 wb, std::uint32_t k) {
        const double len = distance(wa, wb);
        if (len < 1e-9)
            return;
        const Vec2 u = (wb - wa) * (1.0 / len), n{-u.y, u.x};
        const Vec2 r = a.pos - wa;
        const double along = dot(r, u), off = dot(r, n), half = f.wallHalfT[k];
        const double du = along < 0.0 ? along : (along > len ? along - len : 0.0);
        const double dn = off > half ? off - half : (off < -half ? off + half : 0.0);
        Vec2 d = u * du + n * dn; // from the box's nearest point to the person
        double surface = length(d);
        if (surface > 0.6)
            return;
        if (surface < 1e-9) { // inside the box: out along the nearer face's normal
            d = off >= 0.0 ? n : n * -1.0;
            surface = 0.0;
        } else {
            d = d * (1.0 / surface);
        }
        wallRep = wallRep + d * (m.wallStrength * std::exp((a.radius - surface) / m.wallRange));
    });
    Vec2 e = e0 + rep + wallRep;
    // A wall turns a person aside but never sends them back the way they came: at a door jamb
    // the repulsion outweighed the desired direction, the next step's did not, and a person
    // turned about every step in front of the jamb for good. Past the perpendicular, keep the
    // sideways part (a slide along the wall).
    if (dot(e, e0) < 0.0 && dot(wallRep, e0) < 0.0)
        e = e - e0 * dot(e, e0);
    const double el = length(e);
    e = el > 1e-9 ? e * (1.0 / el) : e0;
    for (std::uint32_t j : near) {
        if (j == id || ownCrew(j))
            continue;
        const Agent& b = w.agents[j];
        const double gap = gapAhead(e, b.pos, b.radius);
        if (gap == kInf)
            continue;
        // Symmetry breaking at bottlenecks: of two people heading for the same target,
        // the one nearer to it by walking distance goes first; the other does not
        // hold it back. Without this, two people converging on a narrow door can
        // each see the other "ahead" and both stop for good.
        if (goesFirst(a, id, b, j))
            continue;
        // People give way to a bed or chair in motion: its crew does not stop for them
        // (Box2D's contacts move them aside), or a bed and the staff coming back for
        // the next patient would block each other in a doorway for good.
        if (lead && !w.leadsConvoy(b))
            continue;
        if (w.isBox(b))
            continue; // below
        spacing = std::min(spacing, gap);
    }
    for (std::uint32_t j : boxes) {
        if (j == id || ownCrew(j))
            continue;
        const Agent& b = w.agents[j];
        if (goesFirst(a, id, b, j))
            continue;
        spacing = std::min(spacing, viewBox(w, b, a.pos, e, a.radius).ahead);
    }
    if (!lead)
        for (const auto& o : f.outside)
            spacing = std::min(spacing, gapAhead(e, o.pos, o.radius));
    const double v = std::clamp(spacing / a.profile->timeGapS, 0.0, w.freeSpeed(a));
    a.vel = e * v;
}

} // namespace

void steer(World& w, FloorRt& f) {
    std::vector<std::uint32_t> near, boxes;
    for (std::uint32_t id : f.agents)
        if (w.isBox(w.agents[id]))
            boxes.push_back(id);
    for (std::uint32_t id : f.agents) {
        Agent& a = w.agents[id];
        if (a.body < 0)
            continue; // helpers carrying a device move with it
        const Patient* patient = w.patientOf(a);
        const Helper* helper = w.helperOf(a);
        const bool lead = w.leadsConvoy(a) && a.state == AgentState::BeingHelped && a.target >= 0;
        const bool toPatient = w.helperWalking(a) && helper->task >= 0 && !helper->atPatient;
        const bool walking =
            (a.state == AgentState::Moving || a.state == AgentState::Queuing) && a.target >= 0;
        if (!(walking || lead || toPatient)) {
            a.want = {0, 0};
            a.vel = makeWay(w, f, a, id, boxes);
            continue;
        }
        if (!lead) {
            const Vec2 way = makeWay(w, f, a, id, boxes, a.want);
            if (length(way) > 0) {
                a.vel = way;
                continue;
            }
        }
        if (toPatient) {
            steerToPatient(w, f, a, id, boxes, near);
            continue;
        }
        const Target& tg = w.target(a.target);
        const bool atStairDoor = tg.kind == Target::Kind::Stair &&
                                 distance(a.pos, tg.point) <= w.model.stairEntryRadiusM;
        if (atStairDoor) {
            // At the stair door, waiting for room on the flight: hold position.
            a.vel = {0, 0};
            a.turnRate = 0.0;
            a.setTurnRate = true;
            continue;
        }
        const DistanceField* ownField = fieldFor(w, a, a.target);
        const Vec2 e0 = desiredDirection(w, f, a, tg, ownField);
        if (lead && !patient->escort && !patient->squeezed) {
            driveDevice(w, f, a, id, tg, ownField, e0);
            continue;
        }
        collisionFreeSpeed(w, f, a, id, lead, e0, boxes, near);
    }
}

} // namespace muster::engine
