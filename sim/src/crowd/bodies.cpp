// Bodies: the one owner of Box2D bodies (bodies.hpp), and the physics stage (stepBodies).
#include "crowd/bodies.hpp"

#include <algorithm>
#include <cmath>

#include "crowd/systems.hpp"
#include "physics/floor_physics.hpp"

namespace muster::engine {

FloorRt::FloorRt() = default;
FloorRt::~FloorRt() = default;

void createFloorBodies(FloorRt& f) {
    std::vector<Polygon> obstacles;
    for (const auto& o : f.floor->obstacles)
        obstacles.push_back(o.polygon);
    f.physics = std::make_unique<FloorPhysics>(
        f.walls, obstacles, std::vector<std::string>(f.closedDoors.begin(), f.closedDoors.end()));
}

void spawnPerson(FloorRt& f, Agent& a) {
    const double r = a.radius / 0.22;
    a.body = f.physics->addBody(a.pos, a.radius, kMassKg * r * r);
}

void despawn(FloorRt& f, Agent& a) {
    if (a.body >= 0)
        f.physics->removeBody(a.body);
    a.body = -1;
}

void localSolids(const FloorRt& f, Vec2 c, double r, std::vector<SolidSeg>& out) {
    out.clear();
    for (const auto& sg : f.solids)
        if (distanceToSegment(c, sg.a, sg.b) - sg.half <= r)
            out.push_back(sg);
    for (const auto& [door, sg] : f.leafSolids)
        if (f.closedDoors.count(door) && distanceToSegment(c, sg.a, sg.b) - sg.half <= r)
            out.push_back(sg);
}

void spawnDevice(World& w, FloorRt& f, Agent& a, double wantAngle) {
    Patient& p = *w.patientOf(a);
    const Footprint fp = w.footprintOf(a);
    std::vector<SolidSeg> near;
    localSolids(f, a.pos, std::hypot(fp.halfLen, fp.halfWid) + 0.1, near);
    double best = wantAngle, bestClear = -kInf;
    constexpr double kPi = 3.14159265358979323846;
    for (int k = 0; k < 16; ++k) {
        // 0, +22.5, -22.5, +45, ... degrees from the wanted heading.
        const double ang = wantAngle + (k % 2 == 1 ? 1.0 : -1.0) * ((k + 1) / 2) * kPi / 8.0;
        const double c = rectClearance({a.pos, ang}, fp, near);
        if (c >= 0.02) {
            best = ang;
            break;
        }
        if (c > bestClear) {
            bestClear = c;
            best = ang;
        }
    }
    a.angle = best;
    p.devFront = 1;
    p.devGate = -1;
    a.body = f.physics->addBox(a.pos, fp.halfLen, fp.halfWid, a.angle, kMassKg * 2.0);
}

void squeeze(FloorRt& f, Agent& a) {
    f.physics->removeBody(a.body);
    a.body = f.physics->addBody(a.pos, kSqueezedRadiusM, kMassKg * 2.0);
}

void unsqueeze(World& w, FloorRt& f, Agent& a) {
    const Footprint fp = w.footprintOf(a);
    f.physics->removeBody(a.body);
    a.body = f.physics->addBox(a.pos, fp.halfLen, fp.halfWid, a.angle, kMassKg * 2.0);
}

void setDoorLeaf(FloorRt& f, const std::string& doorId, bool closed) {
    f.physics->setLeafClosed(doorId, closed);
}

void stepBodies(World& w, FloorRt& f, double dt) {
    // Steering's commands.
    for (std::uint32_t id : f.agents) {
        Agent& a = w.agents[id];
        if (a.body < 0)
            continue;
        f.physics->setVelocity(a.body, a.vel);
        if (a.setTurnRate)
            f.physics->setTurnRate(a.body, a.turnRate);
        a.setTurnRate = false;
    }
    f.physics->step(dt);
    for (std::uint32_t id : f.agents) {
        Agent& a = w.agents[id];
        if (a.body < 0)
            continue; // carried along: placeCrew
        Vec2 p = f.physics->position(a.body);
        double moved = distance(p, a.pos);
        // Contacts may shove a body; nobody is carried faster than their own free speed
        // (the shortened move lies on the step Box2D found free, so it stays clear of walls).
        const double limit = a.v0 * dt;
        if (moved > limit + 1e-9) {
            p = a.pos + (p - a.pos) * (limit / moved);
            f.physics->setPosition(a.body, p);
            moved = limit;
        }
        a.pos = p;
        if (w.isBox(a))
            a.angle = f.physics->angle(a.body);
        const bool lead = w.leadsConvoy(a);
        const bool counted = lead || (a.helper >= 0 && a.state == AgentState::Helping);
        if (counted) {
            if (a.movedAt < 0 && moved > 1e-3)
                a.movedAt = w.t;
            a.distance += moved;
            const double alpha = std::min(1.0, dt / 1.0);
            a.speedAvg += alpha * (moved / dt - a.speedAvg);
            if (lead && a.speedAvg < w.model.queueSpeedMps)
                a.waiting += dt;
        } else if (a.state == AgentState::Moving || a.state == AgentState::Queuing) {
            if (a.movedAt < 0 && moved > 1e-3)
                a.movedAt = w.t;
            a.distance += moved;
            // Waiting is judged on the speed averaged over ~1 s, so the jostle of a dense
            // queue does not count as walking.
            const double alpha = std::min(1.0, dt / 1.0);
            a.speedAvg += alpha * (moved / dt - a.speedAvg);
            if (a.speedAvg < w.model.queueSpeedMps) {
                a.waiting += dt;
                a.state = AgentState::Queuing;
            } else {
                a.state = AgentState::Moving;
            }
        }
    }
}

} // namespace muster::engine
