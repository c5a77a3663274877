#pragma once
// The smoke zone model: rooms are nodes, doors are edges with a delay that depends on the
// door's state when smoke reaches it; each room gets an untenable time (ASET). Simple enough
// to explain to a safety officer (docs/drills.md, "Smoke"), not a CFD substitute.
//
// Times here are drill times: seconds since ignition (Drill::simToDrillTime converts).
//
// ---- What the engine must do with this (contract for the evacuation engine) -------------
// The engine receives the result once per run, e.g.
//     void Simulation::setSmoke(std::shared_ptr<const SmokeResult> smoke, double alarmS);
// where engine time t corresponds to drill time t + alarmS. Then, per step:
//  1. Routing: from untenableS(room) on, the room is closed to routing (its cells are
//     impassable in the distance fields, its doors unusable as waypoints) for everyone who
//     is not inside it; people inside it route out by the shortest way. Rebuild the fields
//     at each time in untenableTimeline() (as for a door event). If no route avoids smoke,
//     route through it (people do) rather than marking anyone stuck.
//  2. Speed: a person in room r moves at v0 * speedFactor(extinctionPerM(r, t + alarmS)).
//     speedFactor() is the Frantzich & Nilsson (2003) linear fit used by FDS+Evac
//     (v = v0 (1 + beta/alpha * Ks), alpha = 0.706 m/s, beta = -0.057 m²/s, floor 0.1 v0);
//     the data behind it is Jin (1978); Fridolf et al. (2013) is the later tunnel data set.
//  3. Exposure: per person accumulate smokeExposureS (time in rooms with level > 0) and
//     untenableExposureS (time in rooms with level >= 1); report both in PersonResult.
//  4. Replay: Frame::roomSmoke[i] = level(header.roomIds[i], t + alarmS); AgentSample flag
//     bit 0 = in a room with level > 0; events RoomUntenable at each untenable time and
//     FireStart at fireStartS (both converted to engine time).
// Until the engine does 1–3, the Monte Carlo layer fills 4 itself for the kept replay and
// measures "people still in the room at untenability" from frames (see monte_carlo.hpp).
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "muster/drill.hpp"

namespace muster {

struct Project;

inline constexpr double kNever = std::numeric_limits<double>::infinity();

struct RoomSmoke {
    std::string room, floor;
    double untenableS = kNever; // drill time; kNever = never within the model
    double arrivalS = kNever;   // first smoke (level starts rising)
    std::string from;           // room the smoke came from ("" = a source)
    std::string via;            // door or stair id it came through, or "fire"/"given"/event
};

struct SmokeResult {
    std::vector<RoomSmoke> rooms; // every room of the project, in building/floor/room order
    double fireStartS = 0.0;
    double extinctionAtUntenablePerM = 0.3;
    double extinctionMaxPerM = 3.0;

    [[nodiscard]] const RoomSmoke* find(const std::string& room) const;
    [[nodiscard]] double untenableS(const std::string& room) const;
    // 0 (clear) .. 1 (untenable): linear from arrival to untenability.
    [[nodiscard]] double level(const std::string& room, double t) const;
    // Extinction coefficient Ks (1/m): 0 at arrival, extinctionAtUntenablePerM at
    // untenability, rising at the same rate after it up to extinctionMaxPerM.
    [[nodiscard]] double extinctionPerM(const std::string& room, double t) const;
    // Sorted finite untenable times with their rooms (for rebuilding routes).
    [[nodiscard]] std::vector<std::pair<double, std::string>> untenableTimeline() const;

    // Walking-speed factor in smoke of extinction coefficient ks (1/m): Frantzich & Nilsson
    // (2003) as in FDS+Evac: 1 + (-0.057 / 0.706) ks, never below 0.1.
    static double speedFactor(double ksPerM);

    std::map<std::string, size_t> index; // room id -> rooms[i]
};

// Runs the zone model for the drill's fire in the project (every building and floor).
SmokeResult computeSmoke(const Project& project, const Drill& drill);

} // namespace muster
