#pragma once
// A project: a scenario file and everything it references, loaded as plain data.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "muster/building.hpp"
#include "muster/distribution.hpp"
#include "muster/drill.hpp"
#include "muster/inventory.hpp"
#include "muster/measure.hpp"
#include "muster/population.hpp"
#include "muster/profiles.hpp"

namespace muster {

// Scenario-level overrides for a run (scenario file keys `premovement` and `routes`).
struct PremovementRule {
    std::string group;   // matches OccupantGroup::group, or ""
    std::string profile; // matches the profile, or ""
    Distribution dist;
    SourceLoc loc;
};
struct RouteAssignment {
    std::string group;
    std::string exit; // exit id the group must use
    SourceLoc loc;
};

// A door or exit that closes or opens at a time (scenario key `events`).
struct DoorEvent {
    double timeS = 0.0;
    std::string target; // door or exit id
    bool open = false;
    SourceLoc loc;
};

// A department that owns rooms and equipment and signs the fire-safety responsibility letter
// (消防安全责任书): scenario key `departments` (a file of kind `departments`, or inline).
struct Department {
    std::string id;   // referenced by `department:` on buildings, floors, rooms, items
    std::string name; // display name, e.g. "重症医学科 ICU" (a reference may use it too)
    std::string responsible; // the person who signed the letter (head of department)
    std::string deputy;      // the department's fire-safety officer / deputy
    std::string phone;
    SourceLoc loc;
};

struct Scenario {
    std::string name;
    std::vector<std::string> buildingFiles;  // resolved paths
    std::vector<std::string> inventoryFiles; // resolved paths
    std::string populationFile;              // resolved path, or ""
    std::string profilesFile;                // resolved path, or "" (bundled default)
    std::string drillFile;                   // resolved path, or "" (issue: drills)
    std::string departmentsFile;             // resolved path, or "" (inline or none)
    Shift shift = Shift::Day;
    unsigned long long seed = 1;
    double timeStepS = 0.05;
    double maxTimeS = 3600.0;
    std::vector<PremovementRule> premovement; // first match wins (group, then profile)
    std::vector<RouteAssignment> routes;
    std::vector<DoorEvent> events;
    std::vector<MeasureSpec> measures; // key `measure`: lines and areas (muster/measure.hpp)
    double measureIntervalS = 1.0;     // key `measure_interval_s`: their series' interval
    SourceLoc loc;
};

struct Project {
    Scenario scenario;
    std::string scenarioPath;
    std::string scenarioText; // the scenario file's bytes (embedded in replays)
    std::vector<Building> buildings;
    Inventory inventory;
    std::vector<Department> departments; // the registry ("" when the scenario has none)
    Population population;
    ProfileSet profiles;        // from the scenario's `profiles` file or the bundled default
    std::optional<Drill> drill; // from the scenario's `drill` file, if any
    // Every file that was read, with its text, in load order (for embedding in replays).
    std::vector<std::pair<std::string, std::string>> files;

    [[nodiscard]] const Floor* findFloor(const std::string& id) const;
    [[nodiscard]] const Building* buildingOfFloor(const std::string& floorId) const;
};

} // namespace muster

namespace muster {

// One resolved population entry: `count` people of `profile` in one room.
struct RoomOccupants {
    std::string building;
    std::string floor;
    std::string room;
    std::string profile;
    std::string group;
    int count = 0;
};
// Expands room and room-kind groups into per-room counts for a shift, in file order.
std::vector<RoomOccupants> occupantsByRoom(const Project& p, Shift shift);

} // namespace muster
