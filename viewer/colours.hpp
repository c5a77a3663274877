#pragma once
// The viewer's palette and legend. One place, so the window, the exported videos and the docs
// (docs/viewer.md) use the same colours.
#include <SFML/Graphics/Color.hpp>

#include <optional>
#include <string>
#include <vector>

#include "muster/building.hpp"
#include "muster/checks.hpp"
#include "muster/frame.hpp"
#include "muster/inventory.hpp"

namespace muster::viewer {

namespace colours {
inline const sf::Color kBackground{38, 42, 48}; // canvas around the floors
inline const sf::Color kWall{33, 37, 41};       // walls and the floor outline
inline const sf::Color kWallOutline{33, 37, 41};
inline const sf::Color kRoomEdge{173, 181, 189};    // thin line between rooms
inline const sf::Color kDoorOpening{248, 249, 250}; // the gap a door cuts in a wall
inline const sf::Color kDoorLeaf{73, 80, 87};       // ordinary door swing
inline const sf::Color kFireDoor{230, 119, 0};      // fire door marker (orange)
inline const sf::Color kClosedDoor{201, 42, 42};    // closed / locked door or blocked exit
inline const sf::Color kExit{43, 138, 62};          // exit (green, as exit signs)
inline const sf::Color kStairTread{134, 142, 150};
inline const sf::Color kObstacle{134, 142, 150};
inline const sf::Color kLabel{52, 58, 64};
inline const sf::Color kSmoke{73, 80, 87}; // alpha scaled by the room's smoke level
inline const sf::Color kFire{224, 49, 49};
inline const sf::Color kSelection{250, 82, 82};
inline const sf::Color kTrail{28, 126, 214};
inline const sf::Color kHudText{248, 249, 250};
inline const sf::Color kHudPanel{33, 37, 41, 225};
inline const sf::Color kUncovered{224, 49, 49, 105}; // class A area no valid unit reaches
inline const sf::Color kWorstPoint{201, 42, 42};     // the most distant uncovered point (cross)
inline const sf::Color kCompartment{156, 54, 181};   // smoke compartment outline (dashed)
inline const sf::Color kAssembly{47, 158, 68};       // assembly point marker outside an exit
inline const sf::Color kChecklistMark{25, 113, 194}; // the checklist item selected in the panel
} // namespace colours

sf::Color roomFill(RoomKind k);
sf::Color stateColour(AgentState s);
// A categorical colour for the i-th profile (order of first appearance in the header).
sf::Color profileColour(size_t i);
// Fruin level of service for walkways (Fruin 1971, "Pedestrian planning and design", ch. 4):
// density in persons/m² -> 'A'..'F'.
char fruinLevel(double personsPerM2);
sf::Color fruinColour(char level);
// Equipment on the map: the colour and words for the compliance module's status of an item
// (muster::ItemStatus, muster/checks.hpp); nullopt = not assessed (no rules profile).
// Missing, spare and scrapped share one grey.
sf::Color itemColour(std::optional<ItemStatus> s);
const char* statusLabel(std::optional<ItemStatus> s);

struct LegendEntry {
    std::string label;
    sf::Color colour;
    enum class Shape { Disc, Box, Bar } shape = Shape::Disc;
};
struct LegendSection {
    std::string title;
    std::vector<LegendEntry> entries;
};
// What the legend shows for the current colour mode and overlays.
std::vector<LegendSection> legend(bool byProfile, const std::vector<std::string>& profiles,
                                  bool heatMap, bool equipment, bool coverage = false,
                                  bool compartments = false, bool assembly = false);

} // namespace muster::viewer
