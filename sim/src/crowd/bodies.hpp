#pragma once
// The one owner of the floors' physics bodies: every Box2D body is spawned, reshaped,
// despawned and stepped here (FloorPhysics is called from no other engine file). A person is
// a disc; a device in motion is its rectangle; a stalled device is squeezed to a small disc.
#include <string>

#include "crowd/world.hpp"

namespace muster::engine {

// The floor's static world: walls (door leaves switched on for closed doors) and obstacles.
void createFloorBodies(FloorRt& f);
// A person's disc at a.pos (mass by radius).
void spawnPerson(FloorRt& f, Agent& a);
// The device's rectangle at the patient, its long axis as near to `wantAngle` as the room
// around allows (a bed beside a wall is turned before it rolls). Sets a.angle.
void spawnDevice(World& w, FloorRt& f, Agent& a, double wantAngle);
void despawn(FloorRt& f, Agent& a);
// A stalled device's narrower collision body, and back to its rectangle.
void squeeze(FloorRt& f, Agent& a);
void unsqueeze(World& w, FloorRt& f, Agent& a);
void setDoorLeaf(FloorRt& f, const std::string& doorId, bool closed);

// Solid pieces within r of c on floor f, closed door leaves included (device clearance).
void localSolids(const FloorRt& f, Vec2 c, double r, std::vector<SolidSeg>& out);

} // namespace muster::engine
