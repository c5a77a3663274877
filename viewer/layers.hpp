#pragma once
// Layer building: scene + frame -> plain vertex lists (sf::VertexArray of triangles, in metres,
// floor frame plus the floor's offset). No drawing here, so everything is testable without a
// window; renderer.cpp draws these arrays with the camera's transform.
#include <SFML/Graphics/VertexArray.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "muster/checks.hpp"
#include "muster/date.hpp"
#include "muster/frame.hpp"
#include "viewer/colours.hpp"
#include "viewer/scene.hpp"

namespace muster::viewer {

inline constexpr float kDiscTextureSize = 64.0f; // people are textured quads of this texture
inline constexpr double kHeatCellM = 1.0;        // density grid cell, metres

// Primitive helpers (append triangles).
void addTriangle(sf::VertexArray& va, Vec2 a, Vec2 b, Vec2 c, sf::Color col);
void addQuad(sf::VertexArray& va, Vec2 a, Vec2 b, Vec2 c, Vec2 d, sf::Color col);
void addSegment(sf::VertexArray& va, Vec2 a, Vec2 b, double width, sf::Color col,
                bool squareCaps = false);
void addRect(sf::VertexArray& va, Vec2 min, Vec2 max, sf::Color col);
// Fills a simple polygon (convex or not) by ear clipping.
void addPolygon(sf::VertexArray& va, const Polygon& poly, sf::Color col);
// Triangulates a simple polygon: index triples. Exposed for tests.
std::vector<std::size_t> triangulate(const Polygon& poly);

// A door or exit placed on its wall.
struct DoorGeom {
    std::string id;
    Vec2 at;
    Vec2 along{1, 0};   // unit vector along the wall
    Vec2 outward{0, 1}; // exits: unit normal pointing out of the floor (exitOpening)
    double widthM = 0.9;
    double wallM = 0.2; // thickness of the wall it sits in
    bool fireDoor = false;
    bool isExit = false;
    bool initiallyOpen = true;
    int slot = -1; // index into Frame::doorOpen
};
std::vector<DoorGeom> doorGeometry(const SceneFloor& f);

// The floor plan that does not change during a run: room fills, stair treads, obstacles,
// room edges, walls and the outline.
void buildFloorStatic(const SceneFloor& f, Vec2 offset, sf::VertexArray& out);
// Doors and exits in their state at `frame` (nullptr: as in the input files).
void buildDoors(const std::vector<DoorGeom>& doors, const Frame* frame, Vec2 offset,
                sf::VertexArray& out);
// Smoke shading per room from Frame::roomSmoke.
void buildSmoke(const SceneFloor& f, const Frame& frame, Vec2 offset, sf::VertexArray& out);

enum class ColourMode { State, Profile };
struct PeopleStyle {
    ColourMode mode = ColourMode::State;
    double minRadiusM = 0.0; // draw people at least this big (keeps them visible zoomed out)
};
// True when the sample is a person inside a floor of the scene (drawn on the plan).
bool isInside(const AgentSample& s, int floorCount);
// People as textured quads (two triangles each, tex coords of the disc texture), and beds and
// wheelchairs as their footprint. `b`/`alpha` interpolate positions towards the next frame for
// smooth playback. floor = -1 draws every floor at its overview offset; otherwise only that floor
// at offset 0. Returns the number of people drawn (= quads in `discs`).
std::size_t buildPeople(const Scene& scene, const Frame& a, const Frame* b, float alpha, int floor,
                        const PeopleStyle& style, sf::VertexArray& discs, sf::VertexArray& devices);
// Where agent i is drawn (interpolated), if it is inside a floor; floor index in `floorOut`.
std::optional<Vec2> agentPosition(const Frame& a, const Frame* b, float alpha, std::size_t i,
                                  int* floorOut = nullptr);

// People per m² on a grid of kHeatCellM cells over a floor's bounds. Each cell's density is the
// count in its 3 x 3 neighbourhood over that area, so one person does not read as 1 p/m².
struct DensityGrid {
    Vec2 origin;
    int cols = 0, rows = 0;
    std::vector<float> density;
    [[nodiscard]] float at(int c, int r) const { return density[std::size_t(r) * cols + c]; }
};
DensityGrid computeDensity(const SceneFloor& f, int floorIndex, const Frame& frame);
// Keeps the highest density seen per cell since the last reset.
void accumulatePeak(DensityGrid& peak, const DensityGrid& now);
// Coloured cells (Fruin level colours); level A cells (free walking) are not drawn.
void buildHeat(const DensityGrid& g, Vec2 offset, sf::Uint8 alpha, sf::VertexArray& out);

// Paths of people over recent frames: `history` oldest first; lines fade with age.
void buildTrails(const std::vector<const Frame*>& history, int floor, Vec2 offset,
                 const std::vector<std::size_t>& agents, sf::VertexArray& out, double widthM);

// Fire equipment on a floor, coloured by the compliance module's status of each item
// (muster::checkItems: as of a date, under the buildings' rules profiles). The viewer has no
// equipment rules of its own.
struct EquipmentIcon {
    std::string id;
    std::string kind; // extinguisher, hydrant, hose reel, emergency light, exit sign,
                      // directional sign, smoke detector, heat detector
    Vec2 at;
    std::optional<ItemStatus> status; // nullopt: not assessed (no rules profile loaded)
    std::string why;
};
// The icons of a floor's inventory items; each takes its status from `states` (the same
// item kind and id), or none when it is not there.
std::vector<EquipmentIcon> equipmentOnFloor(const Project& p, const std::string& floorId,
                                            const std::vector<ItemCheck>& states);
void buildEquipment(const std::vector<EquipmentIcon>& icons, Vec2 offset, double sizeM,
                    sf::VertexArray& out);

} // namespace muster::viewer
