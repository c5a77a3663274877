#pragma once
// Private to navigation: solid wall pieces with the kind of each end, for the grid. Physics gets
// plain WallSegments from solidWallSegments().
#include <set>
#include <string>
#include <vector>

#include "muster/building.hpp"
#include "nav/navigation.hpp"

namespace muster::nav {

struct WallPiece {
    WallSegment segment;
    // true: the end is a wall end or a polyline vertex, where neighbouring pieces may meet at an
    // angle (the grid rounds it to keep corners sealed); false: the jamb of a door or exit, or
    // a joint where a long wall was split (the grid keeps it square: the opening stays wide).
    bool wallEndA = true;
    bool wallEndB = true;
};

std::vector<WallPiece> wallPieces(const Floor& floor, const std::set<std::string>& closedDoors,
                                  const std::set<std::string>& openDoors);

} // namespace muster::nav
