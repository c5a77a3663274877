#pragma once
// One Box2D world per floor, behind a plain interface: no Box2D type leaves src/physics/.
// Walls are static boxes (their real thickness; pieces <= 40 m, Box2D's static-shape range),
// door leaves are static bodies switched on while the door is closed, people are dynamic
// circles whose velocity the pedestrian model sets every step. Box2D resolves contacts and,
// with its continuous collision against static bodies, keeps people from tunnelling.
#include <memory>
#include <string>
#include <vector>

#include "nav/navigation.hpp"
#include "muster/types.hpp"

namespace muster {

class FloorPhysics {
public:
    // `walls` are the solid pieces; pieces with a doorId are door leaves (closed if listed in
    // `closedLeaves`). Obstacles are static polygons.
    FloorPhysics(const std::vector<WallSegment>& walls, const std::vector<Polygon>& obstacles,
                 const std::vector<std::string>& closedLeaves);
    ~FloorPhysics();
    FloorPhysics(const FloorPhysics&) = delete;
    FloorPhysics& operator=(const FloorPhysics&) = delete;

    // Returns a handle (never reused while the body lives).
    int addBody(Vec2 pos, double radius, double massKg);
    // A rectangle of half sizes halfLen x halfWid (a bed, a wheelchair) that turns: its
    // angular velocity is set like its velocity (setTurnRate).
    int addBox(Vec2 pos, double halfLen, double halfWid, double angle, double massKg);
    void setTurnRate(int handle, double omega);
    [[nodiscard]] double angle(int handle) const;
    void removeBody(int handle);
    void setVelocity(int handle, Vec2 v);
    [[nodiscard]] Vec2 position(int handle) const;
    void setPosition(int handle, Vec2 p);
    void setLeafClosed(const std::string& doorId, bool closed);
    void step(double dt);
    [[nodiscard]] int bodyCount() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m;
};

} // namespace muster
