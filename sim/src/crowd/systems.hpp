#pragma once
// The engine's systems: each stage of the step is one function over the World, in its own
// file. Simulation::step() (simulation.cpp) calls them in this order; docs/architecture.md
// lists what each reads and writes, as the comments here do.
#include <cstdint>
#include <vector>

#include "crowd/world.hpp"

namespace muster::engine {

// ---- building the World (world_build.cpp) -----------------------------------------------
// Floors, their grids and bodies, targets, route costs; people from the population or from
// explicit placements; immobile people as routing obstacles; the scenario's events.
void buildWorld(World& w, const std::vector<Placement>* people);

// ---- set-up, once before the first step (assistance_setup.cpp) ---------------------------
// The plan's strategy (who moves, refuge, phased start times), helpers and patients with their
// devices and crews, and who cannot be moved (with the reason).
// Reads: plan, agents, rooms, navigation. Writes: agents (start times, in-place), patients,
// helpers, the refuge target, events (a note when the strategy cannot apply).
void setupAssistance(World& w);

// ---- the step ------------------------------------------------------------------------------
// 1. Timeline (timeline_system.cpp): scheduled door, exit and stair changes due by now.
//    Reads: schedule, t. Writes: closed doors, door leaves (via bodies), exits' and stairs'
//    state, events; marks floors navDirty / costsDirty.
void applyTimeline(World& w);

// 2. Smoke (smoke_system.cpp): smoke level and speed factor per room at drill time t + alarm;
//    untenable rooms close to routing once empty; exposure per person.
//    Reads: smoke result, agents' rooms. Writes: room levels/factors/blocked, events, floors'
//    smoke obstacles (navDirty), agents' exposure (times, FED, visibility).
void updateSmoke(World& w, double dt);

// 3. Navigation refresh: nav_cache.hpp, refreshNavigation().

// 4. Assistance (assistance_system.cpp): crews gathered start preparing, prepared patients
//    start moving (bodies swapped for the device's), free staff take the next patient.
//    Reads: agents, patients, helpers, navigation. Writes: patients, helpers, agents' state,
//    bodies (convoy start).
void assist(World& w);
// Whether helper h may take patient p (their home floor, their ward under a per-ward plan).
bool inScope(const World& w, const Agent& h, const Agent& p);
// The patient is out (or in the refuge): the crew steps off the device and is free
// (called by the transfers stage).
void releaseCrew(World& w, Agent& patient, FloorRt& f, Vec2 fallback);

// 5. Routing (routing_system.cpp): each person's target (an exit, a stair, the refuge) by
//    estimated time out, queue ahead included, at their own re-routing phase.
//    Reads: agents, targets, route costs, navigation. Writes: agents' target, state, reason.
void route(World& w, FloorRt& f);
// Time to get out from entering each target, over the stair graph (used by set-up and the
// navigation refresh).
void computeCosts(World& w);

// 6a. Progress (progress_system.cpp): the floor's neighbour grid, each person's walking
//    distance to their target (or patient) and when they last came closer; staff reaching
//    their patient; a device stalled for kStallS squeezed to a small disc, and back to its
//    rectangle once it advances and fits (via bodies). Reads: agents, navigation. Writes:
//    agents' toGo and progress, helpers' atPatient, patients' helpArrivedT and squeeze, bodies.
void measureProgress(World& w, FloorRt& f);
void checkStalls(World& w, FloorRt& f);

// 6b. Steering (steering_system.cpp, device_drive.cpp): in id order each person's velocity by
//    the collision-free speed model, and each moving device's by its planner, all seeing the
//    same neighbours and device shapes. Reads: agents (positions, previous wants), the
//    neighbour grid, navigation. Writes: agents' vel, want and turn command; patients'
//    planner state (front end, gate, blocked time).
void steer(World& w, FloorRt& f);
// A device's motion (called by steer for the convoy leading a bed, chair or sled).
void driveDevice(World& w, FloorRt& f, Agent& a, std::uint32_t id, const Target& tg,
                 const DistanceField* field, Vec2 e0);

// 7. Physics (bodies.cpp): velocities to the bodies, one Box2D step, positions back (capped
//    at each person's free speed), walking statistics; crews placed behind their device.
void stepBodies(World& w, FloorRt& f, double dt);
void placeCrew(World& w, FloorRt& f);

// 7b. Measurements (measure_system.cpp): door and measurement-line crossings from each
//    centre's move over the step (interpolated to the moment it passes), people and speeds in
//    measurement areas. Observes only. Reads: agents, gates, measures. Writes: crossings,
//    measures' sums, each person's last position. setupMeasures once, when the World is built;
//    logCrossing for exits and stairs (transfer stage), at the step's time.
void setupMeasures(World& w);
void measure(World& w, FloorRt& f);
void logCrossing(World& w, std::uint32_t person, CrossingKind kind, int dir, int ref, int floor,
                 int from, int to);

// 8. Transfers (transfer_system.cpp): out through an exit or into the refuge; onto a stair
//    flight (flow and density limits); off a flight onto the next floor when there is room.
//    Reads: agents, targets, stairs. Writes: agents' floor/state, floors' agent lists, stair
//    transit, bodies, exit flow bins, crews released.
void exitsAndStairs(World& w, FloorRt& f);
void arrivals(World& w);

// 9. Observers (observers.cpp): rooms and floors cleared, last person out.
//    Reads: agents. Writes: agents' room, clear times, events.
void bookkeeping(World& w);
// Whether the run is over: max time, or nobody left who can still move.
bool finished(const World& w);
// What the facade hands out: the frame now, the replay header, the results so far, and the
// conservation check (every person waiting, on a floor, on a stair, out, or stuck).
Frame snapshot(const World& w);
ReplayHeader replayHeader(const World& w);
RunResults collectResults(const World& w);
// The crossings log on the one clock, in time order, with names (muster/measure.hpp).
std::vector<Crossing> crossingsOf(const World& w);
// The measurement series: whole intervals so far, and the last partial one once finished.
std::vector<MeasureSample> measurementsOf(const World& w);
bool conserved(const World& w);

} // namespace muster::engine
