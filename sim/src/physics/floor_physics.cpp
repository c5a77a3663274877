#include "physics/floor_physics.hpp"

#include <box2d/box2d.h>

#include <cmath>
#include <map>

namespace muster {

namespace {
// Box2D iteration counts: people are slow, nearly rigid discs pushed by a first-order model;
// a few iterations keep overlaps below a centimetre (checked by the verification suite).
constexpr int kVelocityIterations = 4;
constexpr int kPositionIterations = 2;

b2Vec2 toB2(Vec2 v) {
    return b2Vec2(static_cast<float>(v.x), static_cast<float>(v.y));
}
} // namespace

struct FloorPhysics::Impl {
    b2World world{b2Vec2(0.0f, 0.0f)};
    b2Body* statics = nullptr;
    std::map<std::string, std::vector<b2Body*>> leaves;
    std::vector<b2Body*> bodies; // by handle; nullptr once removed
    int live = 0;

    // A frictionless dynamic body of one shape whose area and mass give its density.
    int addDynamic(Vec2 pos, double angle, bool fixedRotation, const b2Shape& shape, double area,
                   double massKg) {
        b2BodyDef bd;
        bd.type = b2_dynamicBody;
        bd.position = toB2(pos);
        bd.angle = static_cast<float>(angle);
        bd.fixedRotation = fixedRotation;
        bd.allowSleep = false;
        b2Body* body = world.CreateBody(&bd);
        b2FixtureDef fd;
        fd.shape = &shape;
        fd.friction = 0.0f;
        fd.restitution = 0.0f;
        fd.density = static_cast<float>(massKg / area);
        body->CreateFixture(&fd);
        bodies.push_back(body);
        ++live;
        return static_cast<int>(bodies.size() - 1);
    }

    void addBox(b2Body* body, const WallSegment& w) {
        const Vec2 d = w.b - w.a;
        const double len = length(d);
        if (len < 1e-4)
            return;
        b2PolygonShape box;
        const Vec2 c = (w.a + w.b) * 0.5;
        box.SetAsBox(static_cast<float>(len / 2.0), static_cast<float>(w.thicknessM / 2.0), toB2(c),
                     static_cast<float>(std::atan2(d.y, d.x)));
        b2FixtureDef fd;
        fd.shape = &box;
        fd.friction = 0.0f;
        body->CreateFixture(&fd);
    }
};

FloorPhysics::FloorPhysics(const std::vector<WallSegment>& walls,
                           const std::vector<Polygon>& obstacles,
                           const std::vector<std::string>& closedLeaves)
    : m(std::make_unique<Impl>()) {
    b2BodyDef sd;
    sd.type = b2_staticBody;
    m->statics = m->world.CreateBody(&sd);
    for (const auto& w : walls) {
        if (w.doorId.empty()) {
            m->addBox(m->statics, w);
        } else {
            b2Body* leaf = m->world.CreateBody(&sd);
            m->addBox(leaf, w);
            leaf->SetEnabled(false);
            m->leaves[w.doorId].push_back(leaf);
        }
    }
    for (const auto& poly : obstacles) {
        // Box2D polygons are convex with <= 8 vertices: fan-triangulate (obstacles are small
        // convex furniture in practice; a concave one is still covered by its triangles when
        // it is star-shaped around its first vertex).
        for (size_t i = 1; i + 1 < poly.size(); ++i) {
            b2Vec2 v[3] = {toB2(poly[0]), toB2(poly[i]), toB2(poly[i + 1])};
            const double a = cross(poly[i] - poly[0], poly[i + 1] - poly[0]);
            if (std::abs(a) < 1e-6)
                continue;
            b2PolygonShape tri;
            tri.Set(v, 3);
            m->statics->CreateFixture(&tri, 0.0f);
        }
    }
    for (const auto& id : closedLeaves)
        setLeafClosed(id, true);
}

FloorPhysics::~FloorPhysics() = default;

int FloorPhysics::addBody(Vec2 pos, double radius, double massKg) {
    b2CircleShape c;
    c.m_radius = static_cast<float>(radius);
    return m->addDynamic(pos, 0.0, true, c, 3.14159265358979 * radius * radius, massKg);
}

int FloorPhysics::addBox(Vec2 pos, double halfLen, double halfWid, double angle, double massKg) {
    b2PolygonShape box;
    box.SetAsBox(static_cast<float>(halfLen), static_cast<float>(halfWid));
    return m->addDynamic(pos, angle, false, box, 4.0 * halfLen * halfWid, massKg);
}

void FloorPhysics::setTurnRate(int h, double omega) {
    m->bodies[static_cast<size_t>(h)]->SetAngularVelocity(static_cast<float>(omega));
}

double FloorPhysics::angle(int h) const {
    return m->bodies[static_cast<size_t>(h)]->GetAngle();
}

void FloorPhysics::removeBody(int h) {
    b2Body*& b = m->bodies[static_cast<size_t>(h)];
    if (!b)
        return;
    m->world.DestroyBody(b);
    b = nullptr;
    --m->live;
}

void FloorPhysics::setVelocity(int h, Vec2 v) {
    m->bodies[static_cast<size_t>(h)]->SetLinearVelocity(toB2(v));
}

Vec2 FloorPhysics::position(int h) const {
    const b2Vec2 p = m->bodies[static_cast<size_t>(h)]->GetPosition();
    return {p.x, p.y};
}

void FloorPhysics::setPosition(int h, Vec2 p) {
    b2Body* b = m->bodies[static_cast<size_t>(h)];
    b->SetTransform(toB2(p), b->GetAngle());
}

void FloorPhysics::setLeafClosed(const std::string& doorId, bool closed) {
    auto it = m->leaves.find(doorId);
    if (it == m->leaves.end())
        return;
    for (b2Body* b : it->second)
        b->SetEnabled(closed);
}

void FloorPhysics::step(double dt) {
    m->world.Step(static_cast<float>(dt), kVelocityIterations, kPositionIterations);
}

int FloorPhysics::bodyCount() const {
    return m->live;
}

} // namespace muster
