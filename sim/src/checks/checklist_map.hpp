#pragma once
// Private to the checklist: the printed page's layout and its floor map, shared by
// checklistHtml and the tests (so that they measure what is printed).
#include "checks/svg.hpp"
#include "muster/checklist.hpp"

namespace muster {

// One A4 page per floor (mm, inside 10 mm margins): the map's size and the height of a row of
// the three-column item grid, chosen so that the floor's rows fit below the map.
struct ChecklistPage {
    double mapWmm = 0, mapHmm = 0;
    double rowMm = 0; // one row of the item grid (font 0.78 of it)
    int columns = 3;
    int mapPx = 0; // the map's SVG width: 1 px = 1/96 in at print size
};
ChecklistPage checklistPage(const Floor* f, const ChecklistFloor& cf);

// The floor map's layers: one marker per first-round item (labels: the route numbers, merged
// "12-13" for items at one point) and the walking path of every leg.
svg::MapLayers checklistMapLayers(const ChecklistFloor& cf);

} // namespace muster
