#pragma once
// The building model: immutable plain data loaded from YAML. Every item keeps its YAML id
// and source location. Coordinates are metres in the floor's own frame; elevation is metres.
#include <optional>
#include <string>
#include <vector>

#include "muster/types.hpp"

namespace muster {

// GB 50140-2005 hazard levels (NFPA: light / ordinary / extra map onto these).
enum class HazardLevel { Light, Medium, Severe };

enum class RoomKind {
    Ward,
    Icu,
    Operating,
    Corridor,
    Office,
    Outpatient,
    Pharmacy,
    Radiology,
    Laboratory,
    Dialysis,
    NurseStation,
    Lobby,
    ElevatorLobby,
    Stair,
    PlantRoom,
    OxygenPlant,
    PowerDistribution,
    BoilerRoom,
    ElevatorMachineRoom,
    Dormitory,
    Kitchen,
    Storage,
    Records,
    ServerRoom,
    Toilet,
    Other
};

enum class DoorState { Open, Closed, Locked };
enum class CompartmentKind { Smoke, Fire };

struct Wall {
    std::string id; // optional in YAML; generated "wall#N" otherwise
    Polyline points;
    double thicknessM = 0.2;
    SourceLoc loc;
};

struct Obstacle {
    std::string id;
    Polygon polygon;
    SourceLoc loc;
};

struct Room {
    std::string id;
    std::string name; // UTF-8
    RoomKind kind = RoomKind::Other;
    Polygon polygon;
    std::string department;            // owner: a department id or name (muster/ownership.hpp)
    std::optional<HazardLevel> hazard; // unset: the rules profile decides by kind
    std::string compartment;           // smoke compartment id ("" = none)
    std::string fireCompartment;       // fire compartment id ("" = floor)
    bool halfMonthly = false;          // crowded/basement zone: inspected twice a month
    bool sprinklered = false;
    SourceLoc loc;
};

struct Door {
    std::string id;
    Vec2 at; // centre point; lies on a wall
    double widthM = 0.9;
    bool fireDoor = false;
    int fireRatingMin = 0; // fire resistance in minutes (0 = not rated)
    std::string roomA, roomB;
    DoorState state = DoorState::Open;
    bool closesOnAlarm = false; // held-open fire door released by the alarm
    SourceLoc loc;
};

struct Exit {
    std::string id;
    Vec2 at; // centre point; lies on the floor's outline
    double widthM = 1.2;
    std::string room; // room it leads out of
    std::string assemblyPoint;
    DoorState state = DoorState::Open;
    bool signed_ = true;     // exit sign present (inventory finding if false)
    bool obstructed = false; // recorded obstruction (inventory finding)
    SourceLoc loc;
};

struct Compartment {
    std::string id;
    std::string name;
    CompartmentKind kind = CompartmentKind::Smoke;
    int ratingMin = 0;
    SourceLoc loc;
};

struct AssemblyPoint {
    std::string id;
    std::string name;
    SourceLoc loc;
};

struct Floor {
    std::string id; // unique across the project, e.g. "WT-3F"
    std::string building;
    std::string name;
    double elevationM = 0.0;
    int level = 0;           // storey number (1 = ground, negative = basement)
    std::string department;  // owner of what on the floor has no owner of its own ("" = building's)
    Polygon outline;         // outer boundary; its edges are exterior walls, exits open it
    std::vector<Wall> walls; // interior walls; doors open them
    std::vector<Obstacle> obstacles;
    std::vector<Room> rooms;
    std::vector<Door> doors;
    std::vector<Exit> exits;
    std::vector<Compartment> compartments;
    SourceLoc loc;
};

struct StairEnd {
    std::string floor;
    Vec2 at; // landing point on that floor (inside a room of the floor)
    SourceLoc loc;
};

struct Stair {
    std::string id;
    double widthM = 1.2;
    double lengthM = 10.0; // walking length along the slope between the two ends
    StairEnd lower, upper; // lower.floor is below upper.floor
    SourceLoc loc;
};

struct Building {
    std::string id;
    std::string name;
    std::string rulesProfile; // "cn" (GB 50140/50444) or "nfpa"
    std::string department;   // owner of what in the building has no owner of its own
    bool sprinklered = false;
    bool hydrants = false;
    std::vector<Floor> floors;
    std::vector<Stair> stairs;
    std::vector<AssemblyPoint> assemblyPoints;
    SourceLoc loc;
};

const char* toString(RoomKind k);
const char* toString(HazardLevel h);
const char* toString(DoorState s);

} // namespace muster
