#pragma once
// Navigation: a walkable grid per floor and geodesic distance fields on it.
// A core service shared by the crowd (routing to exits and stairs) and the equipment
// checks (walking distance to extinguishers). Walls (interior walls and the floor's
// outline) block, door openings pass unless the door is closed, obstacles block.
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "muster/building.hpp"
#include "muster/types.hpp"

namespace muster {

inline constexpr double kUnreachable = std::numeric_limits<double>::infinity();

struct NavGridOptions {
    double cellM = 0.2;      // grid spacing (issue: <= 0.2 m)
    double clearanceM = 0.0; // extra margin kept from walls and obstacles
};

class NavGrid {
public:
    // Builds the grid of `floor`. Doors listed in `closedDoors` (by id), and doors whose state
    // is not Open unless listed in `openDoors`, block like walls. Exits always count as
    // openings in the outline (their cells are walkable).
    static NavGrid build(const Floor& floor, const NavGridOptions& opt,
                         const std::set<std::string>& closedDoors = {},
                         const std::set<std::string>& openDoors = {});

    [[nodiscard]] int nx() const { return m_nx; }
    [[nodiscard]] int ny() const { return m_ny; }
    [[nodiscard]] double cell() const { return m_cell; }
    [[nodiscard]] Vec2 origin() const { return m_origin; } // centre of cell (0,0)
    [[nodiscard]] bool walkable(int ix, int iy) const;
    [[nodiscard]] bool walkableAt(Vec2 p) const;
    [[nodiscard]] int index(int ix, int iy) const { return iy * m_nx + ix; }
    [[nodiscard]] Vec2 cellCentre(int ix, int iy) const;
    // Nearest cell indices (clamped to the grid).
    void cellOf(Vec2 p, int& ix, int& iy) const;
    // Nearest walkable cell to p (search outward); false if the grid has none.
    bool nearestWalkable(Vec2 p, int& ix, int& iy) const;
    [[nodiscard]] double walkableArea() const; // m²
    [[nodiscard]] const std::vector<unsigned char>& mask() const { return m_walkable; }

private:
    int m_nx = 0, m_ny = 0;
    double m_cell = 0.2;
    Vec2 m_origin;
    std::vector<unsigned char> m_walkable; // 1 = walkable
};

// Geodesic distance (metres) from a set of sources over the walkable cells, by the fast
// marching method (first-order upwind Eikonal solver). Unreachable cells hold kUnreachable.
class DistanceField {
public:
    // Sources are points; each is snapped to its nearest walkable cell (distance added).
    // Propagation stops beyond maxDistanceM (cells further away stay kUnreachable).
    // Values are path lengths to cell centres: exact straight lines within sight of a source,
    // round corners through cell centres (see distance_field.cpp).
    static DistanceField compute(const NavGrid& grid, const std::vector<Vec2>& sources,
                                 double maxDistanceM = kUnreachable);
    // Sources given as segments (an exit opening): every walkable cell within 0.75 cell of a
    // segment is seeded with its distance to it; a segment on a wall or the outline, with no
    // walkable cell that close, seeds the nearest band of walkable cells instead.
    static DistanceField computeFromSegments(const NavGrid& grid,
                                             const std::vector<std::pair<Vec2, Vec2>>& segments,
                                             double maxDistanceM = kUnreachable);

    // Distance at p (bilinear over walkable neighbours; from the nearest walkable cell when p
    // lies in a blocked cell, plus the gap). kUnreachable if no source can be reached.
    [[nodiscard]] double at(Vec2 p) const;
    // Unit vector of steepest descent at p (towards the sources); {0,0} at a source or when
    // unreachable. From a walkable cell it never points into a blocked cell one cell ahead;
    // from a blocked one (pushed into a wall band) it points back to the walkable area.
    [[nodiscard]] Vec2 direction(Vec2 p) const;
    [[nodiscard]] double cellValue(int ix, int iy) const {
        return m_d[static_cast<size_t>(iy * m_nx + ix)];
    }
    [[nodiscard]] const std::vector<double>& values() const { return m_d; }
    [[nodiscard]] const NavGrid& grid() const { return *m_grid; }

private:
    const NavGrid* m_grid = nullptr; // the grid must outlive the field
    int m_nx = 0, m_ny = 0;
    std::vector<double> m_d;
};

// Outline edges are exterior walls of this thickness (the outline polygon carries none).
inline constexpr double kOutlineThicknessM = 0.2;
// Solid pieces longer than this are split into equal parts: Box2D 2.4 is tuned for static
// shapes up to ~50 m (conventions.md §7).
inline constexpr double kMaxWallPieceM = 40.0;

// The wall segments of a floor as solid pieces: interior walls and the outline, with door
// openings and exit openings cut out (each opening is cut from every wall segment its centre
// lies on, within half the thickness + 0.1 m). Physics and the grid share this, so what blocks
// people and what blocks the distance field are the same lines. A door that is closed (listed
// in `closedDoors`, or not Open in the data and not listed in `openDoors`) also gets a piece
// filling its opening with doorId set; so does an exit that is not Open (the same lists apply).
struct WallSegment {
    Vec2 a, b;
    double thicknessM = 0.2;
    std::string doorId; // non-empty: this piece is a closed door leaf filling an opening
};
std::vector<WallSegment> solidWallSegments(const Floor& floor,
                                           const std::set<std::string>& closedDoors = {},
                                           const std::set<std::string>& openDoors = {});

} // namespace muster
