// The walkable grid of a floor: a cell is walkable iff its centre lies inside the outline, away
// from every solid wall piece and outside every obstacle.
#include <algorithm>
#include <cassert>
#include <cmath>

#include "muster/geometry.hpp"
#include "nav/navigation.hpp"
#include "nav/wall_pieces.hpp"

namespace muster {

namespace {

// Which cells a wall piece blocks. Let
//     reach  = clearance + cell/2                        beyond the wall's faces, and
//     side   = max(thickness/2 + reach, 0.75 * cell)     from its centreline.
// A cell is blocked when its centre is within `side` of the centreline alongside the piece, and
// beyond an end: within `side` of the end point (a round cap) at wall ends and polyline
// vertices, within `reach` of the end face (square) at the jambs of doors and exits.
//
// Why:
// (a) Sealing. A step between 4- or 8-neighbour cells is at most sqrt(2) * cell long. If it
//     crossed a wall's centreline at X, one of its end cells would lie within sqrt(2)/2 * cell
//     ~ 0.71 cell of X, so within `side` of the wall, and be blocked. Round caps carry the
//     argument round corners and T-junctions, the 0.75 floor keeps it for thin walls, and a gap
//     between centrelines (a wall drawn to the face of another) is sealed up to
//     2 * (side - 0.71 cell). So no 4- or 8-connected path of walkable cells crosses a wall,
//     and two walkable 8-neighbours always see each other (distance_field.cpp relies on it).
//     Square jamb ends are safe: a closed leaf continues the jamb in line, and the union of
//     two square-ended bands in line is one band.
// (b) Doors. Centres stay walkable for |offset from the door centre| < width/2 - reach, i.e. a
//     0.8 m door keeps 0.6 m of centres at 0.2 m cells (at least two full columns) and 0.7 m at
//     0.1 m cells (six), whatever the wall's thickness. With round caps at the jambs too the
//     opening would shrink by the thickness as well (0.8 - 0.2 - 0.2 = 0.4 m at 0.2 m cells),
//     and paths turning round a jamb would grow by ~0.4 m.
constexpr double kSealFactor = 0.75;

// Cells [lo, hi] whose centres can be within `reach` of [a, b] along one axis; empty (lo > hi)
// when that is off the grid. Clamped in double so far-away input cannot overflow an int.
void cellRange(double a, double b, double reach, double origin, double cell, int n, int& lo,
               int& hi) {
    const double top = static_cast<double>(n);
    lo = static_cast<int>(
        std::clamp(std::floor((std::min(a, b) - reach - origin) / cell), 0.0, top));
    hi = static_cast<int>(
        std::clamp(std::ceil((std::max(a, b) + reach - origin) / cell), -1.0, top - 1.0));
}

} // namespace

NavGrid NavGrid::build(const Floor& floor, const NavGridOptions& opt,
                       const std::set<std::string>& closedDoors,
                       const std::set<std::string>& openDoors) {
    assert(opt.cellM > 0.0 && opt.clearanceM >= 0.0);
    NavGrid g;
    g.m_cell = opt.cellM;
    if (floor.outline.size() < 3)
        return g;
    const double c = opt.cellM;
    const Bounds b = boundsOf(floor.outline);
    // One cell of margin on every side. Margin cells lie outside the outline, so walkable cells
    // never touch the border and the fast marching loop needs no bounds checks.
    g.m_nx = static_cast<int>(std::ceil((b.max.x - b.min.x) / c)) + 2;
    g.m_ny = static_cast<int>(std::ceil((b.max.y - b.min.y) / c)) + 2;
    g.m_origin = {b.min.x - 0.5 * c, b.min.y - 0.5 * c};
    g.m_walkable.assign(static_cast<size_t>(g.m_nx) * static_cast<size_t>(g.m_ny), 0);

    // Inside the outline: one scanline per row with the even-odd rule of pointInPolygon (a
    // centre is inside iff an odd number of edge crossings lie to its right).
    const Polygon& poly = floor.outline;
    std::vector<double> xs;
    for (int iy = 1; iy + 1 < g.m_ny; ++iy) {
        const double y = g.m_origin.y + iy * c;
        xs.clear();
        for (size_t i = 0, j = poly.size() - 1; i < poly.size(); j = i++) {
            const Vec2 p = poly[i], q = poly[j];
            if ((p.y > y) != (q.y > y))
                xs.push_back((q.x - p.x) * (y - p.y) / (q.y - p.y) + p.x);
        }
        std::sort(xs.begin(), xs.end());
        for (size_t k = 0; k + 1 < xs.size(); k += 2) {
            // Centres x with xs[k] <= x < xs[k+1].
            const int from = std::max(1, static_cast<int>(std::ceil((xs[k] - g.m_origin.x) / c)));
            const int to = std::min(
                g.m_nx - 2, static_cast<int>(std::ceil((xs[k + 1] - g.m_origin.x) / c)) - 1);
            for (int ix = from; ix <= to; ++ix)
                g.m_walkable[static_cast<size_t>(g.index(ix, iy))] = 1;
        }
    }

    // Exits always open the outline for the grid (a locked exit's leaf is still returned by
    // solidWallSegments for physics); routing decides which exits to use.
    std::set<std::string> exitIds;
    for (const Exit& e : floor.exits)
        exitIds.insert(e.id);
    const double reach = opt.clearanceM + 0.5 * c;
    for (const nav::WallPiece& piece : nav::wallPieces(floor, closedDoors, openDoors)) {
        const WallSegment& w = piece.segment;
        if (!w.doorId.empty() && exitIds.count(w.doorId) != 0)
            continue;
        const double side = std::max(0.5 * w.thicknessM + reach, kSealFactor * c);
        const double len = distance(w.a, w.b);
        const Vec2 u = (w.b - w.a) * (1.0 / len); // pieces are never shorter than 0.1 mm
        // Is q (relative to w.a) within the blocked shape?
        auto blocks = [&](Vec2 q) {
            const double along = dot(q, u), across = std::abs(cross(u, q));
            if (along >= 0.0 && along <= len)
                return across <= side;
            const bool before = along < 0.0;
            const double past = before ? -along : along - len;
            if (before ? piece.wallEndA : piece.wallEndB)
                return past * past + across * across <= side * side;
            return std::hypot(past, std::max(0.0, across - (side - reach))) <= reach;
        };
        int x0, x1, y0, y1;
        cellRange(w.a.x, w.b.x, side, g.m_origin.x, c, g.m_nx, x0, x1);
        cellRange(w.a.y, w.b.y, side, g.m_origin.y, c, g.m_ny, y0, y1);
        for (int iy = y0; iy <= y1; ++iy) {
            for (int ix = x0; ix <= x1; ++ix) {
                unsigned char& m = g.m_walkable[static_cast<size_t>(g.index(ix, iy))];
                if (m != 0 && blocks(g.cellCentre(ix, iy) - w.a))
                    m = 0;
            }
        }
    }

    for (const Obstacle& o : floor.obstacles) {
        if (o.polygon.size() < 3)
            continue;
        const Bounds ob = boundsOf(o.polygon);
        int x0, x1, y0, y1;
        cellRange(ob.min.x, ob.max.x, reach, g.m_origin.x, c, g.m_nx, x0, x1);
        cellRange(ob.min.y, ob.max.y, reach, g.m_origin.y, c, g.m_ny, y0, y1);
        for (int iy = y0; iy <= y1; ++iy) {
            for (int ix = x0; ix <= x1; ++ix) {
                unsigned char& m = g.m_walkable[static_cast<size_t>(g.index(ix, iy))];
                if (m == 0)
                    continue;
                const Vec2 q = g.cellCentre(ix, iy);
                // The same reach as a wall's (clearance + half a cell): with none, a pillar
                // the size of a cell blocked one cell or none, the field led a body's centre
                // a few centimetres past it, and people were held against it for good.
                if (pointInPolygon(o.polygon, q) || distanceToBoundary(o.polygon, q) <= reach)
                    m = 0;
            }
        }
    }
    return g;
}

bool NavGrid::walkable(int ix, int iy) const {
    if (ix < 0 || iy < 0 || ix >= m_nx || iy >= m_ny)
        return false;
    return m_walkable[static_cast<size_t>(index(ix, iy))] != 0;
}

bool NavGrid::walkableAt(Vec2 p) const {
    const double fx = std::floor((p.x - m_origin.x) / m_cell + 0.5);
    const double fy = std::floor((p.y - m_origin.y) / m_cell + 0.5);
    // Compare in double first: a far-away point must not overflow the int conversion.
    if (!(fx >= 0.0 && fy >= 0.0 && fx < m_nx && fy < m_ny))
        return false;
    return walkable(static_cast<int>(fx), static_cast<int>(fy));
}

Vec2 NavGrid::cellCentre(int ix, int iy) const {
    return {m_origin.x + ix * m_cell, m_origin.y + iy * m_cell};
}

void NavGrid::cellOf(Vec2 p, int& ix, int& iy) const {
    const double fx = std::floor((p.x - m_origin.x) / m_cell + 0.5);
    const double fy = std::floor((p.y - m_origin.y) / m_cell + 0.5);
    ix = static_cast<int>(std::clamp(fx, 0.0, static_cast<double>(std::max(0, m_nx - 1))));
    iy = static_cast<int>(std::clamp(fy, 0.0, static_cast<double>(std::max(0, m_ny - 1))));
}

bool NavGrid::nearestWalkable(Vec2 p, int& ix, int& iy) const {
    if (m_nx == 0 || m_ny == 0)
        return false;
    int cx, cy;
    cellOf(p, cx, cy);
    double best = kUnreachable;
    // Every cell on ring r (Chebyshev distance r from p's clamped cell) is at least
    // (r - 1/2) cells from p, so the search stops once that bound passes the best found.
    const int maxRing = std::max(m_nx, m_ny);
    for (int r = 0; r <= maxRing && (r - 0.5) * m_cell <= best; ++r) {
        for (int dy = -r; dy <= r; ++dy) {
            const int step = (dy == -r || dy == r) ? 1 : 2 * r;
            for (int dx = -r; dx <= r; dx += std::max(step, 1)) {
                const int jx = cx + dx, jy = cy + dy;
                if (!walkable(jx, jy))
                    continue;
                const double d = distance(p, cellCentre(jx, jy));
                if (d < best) {
                    best = d;
                    ix = jx;
                    iy = jy;
                }
            }
        }
    }
    return best < kUnreachable;
}

double NavGrid::walkableArea() const {
    const auto n = std::count(m_walkable.begin(), m_walkable.end(), static_cast<unsigned char>(1));
    return static_cast<double>(n) * m_cell * m_cell;
}

} // namespace muster
