#pragma once
// `muster info`: what a project contains, as plain numbers (also the round-trip test's subject).
#include <map>
#include <string>
#include <vector>

#include "muster/scenario.hpp"

namespace muster {

struct FloorSummary {
    std::string id, building, name;
    int level = 0;
    int rooms = 0, doors = 0, exits = 0;
    double areaM2 = 0.0;                       // sum of room areas
    std::map<std::string, double> areaByKind;  // room kind -> m²
    double doorWidthM = 0.0, exitWidthM = 0.0; // totals
    double minDoorWidthM = 0.0;
    int occupantsDay = 0, occupantsNight = 0;
};

struct ProjectSummary {
    std::string name;
    int buildings = 0, floors = 0, rooms = 0, doors = 0, exits = 0, stairs = 0;
    double areaM2 = 0.0;
    std::vector<FloorSummary> perFloor;
    std::map<std::string, int> occupantsDay, occupantsNight; // by profile
    int totalDay = 0, totalNight = 0;
    // Inventory: type -> status -> count ("extinguisher" -> "in_service" -> 280)
    std::map<std::string, std::map<std::string, int>> inventory;
};

ProjectSummary summarize(const Project& p);
std::string summaryText(const ProjectSummary& s);
std::string summaryJson(const ProjectSummary& s);

} // namespace muster
