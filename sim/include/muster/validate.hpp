#pragma once
// Semantic checks on loaded plain data: duplicate ids, dangling references, geometry.
#include <vector>

#include "muster/diagnostics.hpp"
#include "muster/drill.hpp"
#include "muster/scenario.hpp"

namespace muster {

// Geometry and references inside one building (floors, rooms, doors, exits, stairs).
void validateBuilding(const Building& b, Diagnostics& diags);
// Cross-file checks: unique ids across buildings, inventory floors and positions, population
// rooms and profiles. `buildings` may be empty when the inventory is checked alone.
void validateInventory(const Inventory& inv, const std::vector<Building>& buildings,
                       Diagnostics& diags);
// `profiles` null: the built-in profile names are accepted.
void validatePopulation(const Population& pop, const std::vector<Building>& buildings,
                        Diagnostics& diags, const ProfileSet* profiles = nullptr);
void validateProject(const Project& p, Diagnostics& diags);
// Every id the drill names exists in the project (rooms, doors, exits, stairs, compartments,
// staffing units, profiles). Errors located at the drill file's lines.
void validateDrill(const Drill& drill, const Project& project, Diagnostics& diags);

// Tolerances used by the geometry checks (metres).
inline constexpr double kOnWallTolerance = 0.1;     // door centre to its wall segment
inline constexpr double kOnRoomTolerance = 0.3;     // door centre to each joined room
inline constexpr double kInsideRoomTolerance = 0.3; // wall-mounted equipment may sit on a wall

} // namespace muster
