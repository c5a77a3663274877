#pragma once
// Inline SVG floor maps and the HTML page frame shared by the check report and checklists.
// Self-contained output: no scripts, fonts or images from elsewhere.
#include <string>
#include <vector>

#include "checks/walk_path.hpp"
#include "muster/building.hpp"

namespace muster::svg {

std::string esc(const std::string& s);
// <!doctype html> ... <body>; `a4` sets print pages of A4 with one section per page.
std::string pageHead(const std::string& title, bool a4);

struct Marker {
    Vec2 at;
    std::string status; // ok, due, overdue, expired, repair, missing, spare, scrapped, other
    std::string title;  // tooltip
    std::string label;  // optional text next to it (checklist order)
};
struct MapLayers {
    std::vector<Polygon> shaded; // uncovered areas
    std::vector<Marker> points;
    Vec2 worst;
    bool hasWorst = false;
    std::vector<Vec2> route;              // optional polyline through the markers
    std::vector<std::vector<Vec2>> paths; // optional walking paths (drawn like the route)
};
// The floor (outline, rooms shaded by hazard, walls, doors, exits) and the layers, `widthPx`
// wide. y points up in the model and down in SVG: flipped here.
std::string floorMap(const Floor& f, const MapLayers& layers, int widthPx);
// Where floorMap puts the markers' labels (in its pixel space, one box per marker with a
// label, in marker order): placed greedily so that no two overlap (checks/walk_path.hpp).
std::vector<LabelBox> labelBoxes(const Floor& f, const MapLayers& layers, int widthPx);
// `advice`: also the suggested extra setting points.
std::string legend(bool advice = false);

} // namespace muster::svg
