#pragma once
// Plan overlays that come from the building model and the compliance module rather than from a
// Frame: class A coverage (uncovered areas shaded, from computeFloorCoverage), smoke
// compartment outlines and the assembly point each exit leads to. Plain vertex arrays in
// metres, like layers.hpp, so everything here is testable without a window.
#include <SFML/Graphics/VertexArray.hpp>

#include <optional>
#include <string>
#include <vector>

#include "muster/checks.hpp"
#include "viewer/scene.hpp"

namespace muster::viewer {

// ---- coverage ------------------------------------------------------------------------------

// Class A coverage of one floor as `muster check` computes it: the floor's building's rules
// profile, every extinguisher of the inventory (computeFloorCoverage keeps the ones on this
// floor that cover as of `today`). nullopt, with the reason in `problem`, when the building has
// no loaded profile.
std::optional<FloorCoverage> floorCoverage(const Project& p, const Floor& floor,
                                           const RulesSet& rules, Date today, double cellM,
                                           std::string* problem = nullptr);

struct CoverageLayerStats {
    std::size_t quads = 0; // shaded rectangles (two triangles each)
    double areaM2 = 0.0;   // their total area = the class's uncovered area
    int regions = 0;
};
// Shades the uncovered regions of class `cls` (their rectangles), and marks the class's worst
// point with a cross of `markM` metres when some area is uncovered.
CoverageLayerStats buildCoverage(const FloorCoverage& fc, Vec2 offset, double markM,
                                 sf::VertexArray& out, FireClass cls = FireClass::A);

// ---- smoke compartments --------------------------------------------------------------------

struct Segment {
    Vec2 a, b;
};
// The outline of a smoke compartment: the edges of its rooms (Room::compartment) that no other
// room of the same compartment shares (collinear overlaps cancel, so a corridor edge spanning
// several wards is cut where the wards lie). The building model has no compartment polygons.
std::vector<Segment> compartmentOutline(const Floor& floor, const std::string& compartmentId);
// The outline less the parts on the floor's outline (the exterior wall already bounds the
// compartment): the smoke barriers inside the floor. What the map draws.
std::vector<Segment> compartmentBarriers(const Floor& floor, const std::string& compartmentId);
// Smoke compartments of the floor (the ids rooms name, in first-appearance order).
std::vector<std::string> smokeCompartments(const Floor& floor);
// The barriers of every smoke compartment of the floor as a dashed line (dash/gap in metres).
void buildCompartments(const Floor& floor, Vec2 offset, double widthM, sf::VertexArray& out,
                       double dashM = 1.0, double gapM = 0.6);

// ---- assembly points -----------------------------------------------------------------------

// The building model gives assembly points an id and a name but no position; exits name the
// assembly point they lead to. The viewer marks it outside each such exit, `distanceM` along
// the exit's outward normal.
struct AssemblyMarker {
    std::string id, name, exit;
    Vec2 at;
};
std::vector<AssemblyMarker> assemblyMarkers(const SceneFloor& f, double distanceM = 2.5);
void buildAssemblyMarkers(const std::vector<AssemblyMarker>& markers, Vec2 offset, double radiusM,
                          sf::VertexArray& out);

} // namespace muster::viewer
