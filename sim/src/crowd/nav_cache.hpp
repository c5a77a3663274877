#pragma once
// The navigation cache: every navigation grid and distance field the systems walk on.
//
// Grids are built in two places only: when the World is built, and by refreshNavigation(),
// the stage that runs after the systems that change what a grid sees (timeline: doors; smoke:
// rooms closed) and before those that read it (assistance, routing, steering, transfers).
// Those systems only mark a floor `navDirty`. Within a stage the grids are frozen; distance
// fields over a frozen grid are memoised on first use (a pure function of the grid and the
// target, so when they are computed does not change any result).
#include <cstdint>

#include "crowd/world.hpp"

namespace muster::engine {

// Builds the floor's grid from the plan, its closed doors, the immobile people and the rooms
// smoke has closed; bumps gridVersion.
void rebuildGrid(World& w, FloorRt& f);
// The floor's own distance field to each of its targets.
void computeFields(World& w, FloorRt& f);

// Stage: rebuilds the grids and fields of every floor marked navDirty, then the route costs
// (when a grid or a stair changed: everyone re-routes), then the device grids of the convoys
// on each floor and the fields to the patients staff are heading for.
// Reads: floors' closed doors and run-time obstacles, agents (convoys, helpers' tasks).
// Writes: grids, fields, route costs, agents' nextRouteT.
void refreshNavigation(World& w);

// Navigation for a device of width `width` (0: a convoy on foot) on floor f.
DevNav& devNav(World& w, FloorRt& f, double width);
// The distance field to target ti on the device navigation of width navW (navW < 0: the
// floor's own). Null: the target is unusable at that width.
const DistanceField* fieldForWidth(World& w, double navW, int ti);
// ... for agent a (its own device navigation when it leads a convoy).
inline const DistanceField* fieldFor(World& w, const Agent& a, int ti) {
    return fieldForWidth(w, a.navW, ti);
}
// Walking distance from p to target ti for agent a (+inf when unreachable).
double fieldAt(World& w, const Agent& a, int ti, Vec2 p);
// Walking distance on the floor's grid to the ring around a waiting patient (by agent id).
const DistanceField& patientField(World& w, std::uint32_t patientAgent);

} // namespace muster::engine
