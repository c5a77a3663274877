#pragma once
// Measurements of a run (docs/format.md "Measurements", docs/verification.md): every crossing
// of a door, an exit, a stair and a measurement line, and the classic flow, density and speed
// series at the scenario's measurement lines and areas (scenario key `measure`).
#include <cstdint>
#include <string>
#include <vector>

#include "muster/geometry.hpp"
#include "muster/types.hpp"

namespace muster {

// A measurement line (two points: flow across it) or area (a polygon: density and speed in
// it) on one floor.
struct MeasureSpec {
    std::string id;
    std::string floor;
    std::vector<Vec2> line; // exactly 2 points, or empty
    std::vector<Vec2> area; // at least 3 points, or empty
    SourceLoc loc;
    [[nodiscard]] bool isLine() const { return !line.empty(); }
};

enum class CrossingKind : std::uint8_t { Door, Exit, Stair, Line };
const char* toString(CrossingKind k);

// One body centre passing a door's mid-plane (within its width), going out through an exit,
// stepping onto a stair flight, or passing a measurement line.
struct Crossing {
    double t = 0.0; // on the one clock (seconds since ignition; since the alarm without a drill)
    std::uint32_t person = 0; // the person's id (people.csv, the replay)
    CrossingKind kind = CrossingKind::Door;
    std::string id;    // door, exit, stair or measurement line id
    std::string floor; // the floor it happened on (a stair: the floor left)
    // Door: "+" towards the door's second room (rooms: [A, B]: "+" is A to B), "-" back.
    // Line: "+" towards the left of its first-to-second point, "-" back. Exit: "out".
    // Stair: "down" or "up".
    std::string direction;
    std::string from, to; // door: rooms; exit: room and "outside"; stair: floors; line: ""
};

// One interval of a measurement: [t0, t1) on the one clock.
struct MeasureSample {
    std::string id, floor;
    bool line = true;
    double t0 = 0.0, t1 = 0.0;
    double size = 0.0; // the line's length (m) or the area's area (m^2)
    // Line: crossings in the interval, both directions (count), flow (P/s), specific flow
    // (P/(m s)) and the mean speed of those crossing (m/s; < 0 when nobody crossed).
    // Area: the mean number of people in it over the interval's steps (count), their density
    // (P/m^2) and mean speed (m/s; < 0 when nobody was in it).
    double count = 0.0;
    double flowPs = 0.0, specificFlow = 0.0; // lines
    double density = 0.0;                    // areas
    double speedMps = -1.0;
};

// Per stair: people who stepped onto it, by direction.
struct StairUsage {
    std::string id;
    int down = 0, up = 0;
};

// time_s,person,kind,id,floor,direction,from,to - one row per crossing, in time order.
std::string crossingsCsv(const std::vector<Crossing>& crossings);
// measure,kind,floor,t0_s,t1_s,size,count,flow_ps,specific_flow_pms,density_pm2,speed_mps.
std::string measureCsv(const std::vector<MeasureSample>& samples);

} // namespace muster
