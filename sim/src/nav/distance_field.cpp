// Geodesic distance fields by the fast marching method, with straight-line refinement.
//
// Fast marching: J. A. Sethian, "A fast marching level set method for monotonically advancing
// fronts", PNAS 93(4):1591-1595, 1996. First-order upwind discretisation of |grad T| = 1 (speed
// 1) on the 4-neighbour stencil, cells accepted in increasing order from a heap (4-ary rather
// than binary: same ordering, half the levels per pop), so the whole field is O(N log N).
//
// Straight lines: first-order fast marching is exact for plane fronts but over-estimates where
// a front bends round a corner. In a 1 m door at 0.2 m cells the doorway cells see their lower
// neighbours blocked and fall back to one-sided updates; a 180-degree turn round the jamb came
// out 0.9 m too long (18 %). So each cell also remembers an anchor: the source, or the last
// cell where its path bent, and the update takes the smaller of the Eikonal value and the
// straight line from the anchor when the anchor is visible. This is the parent-of-parent idea
// of Theta* (A. Nash, K. Daniel, S. Koenig, A. Felner, "Theta*: Any-Angle Path Planning on
// Grids", AAAI 2007), with the line of sight decided locally: a cell sees its neighbour's anchor
// if the cell the straight line passes through next (towards the anchor) has that same anchor.
// A wall can only slip past this test at its very end, costing far less than a cell of length;
// it can never let a path through a wall, because walls block every cell within 0.75 cell of
// their centreline (nav_grid.cpp), so two walkable 8-neighbours are never separated by one.
// Every straight-line value is the length of a real path, so taking the minimum only removes
// the fast marching method's over-estimate.
#include <algorithm>
#include <cassert>
#include <cmath>
#include <numbers>

#include "muster/geometry.hpp"
#include "nav/navigation.hpp"

namespace muster {

namespace {

// Cells [lo, hi] whose centres can be within `reach` of [v0, v1] along one axis; empty (lo > hi)
// when that is off the grid. Clamped in double so far-away input cannot overflow an int.
void cellRange(double v0, double v1, double reach, double origin, double cell, int n, int& lo,
               int& hi) {
    const double top = static_cast<double>(n);
    lo = static_cast<int>(
        std::clamp(std::floor((std::min(v0, v1) - reach - origin) / cell), 0.0, top));
    hi = static_cast<int>(
        std::clamp(std::ceil((std::max(v0, v1) + reach - origin) / cell), -1.0, top - 1.0));
}

// A source as given: a point (a == b) or a segment; distance 0 on it.
struct Origin {
    Vec2 a, b;
};

struct Seed {
    int cell;
    double d; // exact distance from the origin
    int origin;
};

class Marcher {
public:
    Marcher(const NavGrid& grid, std::vector<Origin> origins)
        : m_walkable(grid.mask()), m_origins(std::move(origins)), m_nx(grid.nx()), m_h(grid.cell()),
          m_origin(grid.origin()) {}

    std::vector<double> run(const std::vector<Seed>& seeds, double maxDistanceM);

private:
    // What the update reads for one cell, together in one cache line.
    struct CellState {
        double accepted = kUnreachable; // final value; kUnreachable until accepted
        double trial = kUnreachable;    // tentative value while in the heap
        int anchor = 0; // >= 0: a cell (its centre, its accepted value); < 0: origin -1 - id
    };
    struct HeapEntry {
        double d;
        int cell;
    };

    // 4-ary min-heap with decrease-key: each cell is in the heap at most once, and the shallower
    // tree halves the levels a pop walks through compared with a binary heap (same ordering,
    // same O(log N)).
    static constexpr size_t kArity = 4;
    void pushOrDecrease(int cell, double d);
    HeapEntry popMin();
    void siftUp(size_t k);
    void siftDown(size_t k);

    [[nodiscard]] Vec2 centre(int cell) const {
        return {m_origin.x + (cell % m_nx) * m_h, m_origin.y + (cell / m_nx) * m_h};
    }
    [[nodiscard]] bool sees(int cell, Vec2 c, int anchorId, Vec2 at) const;
    [[nodiscard]] double eikonal(size_t i) const;

    const std::vector<unsigned char>& m_walkable;
    std::vector<Origin> m_origins;
    int m_nx;
    double m_h;
    Vec2 m_origin;
    std::vector<CellState> m_cells;
    // Slot of each cell in m_heap, -1 if not in it. Apart from m_cells: the heap rewrites it on
    // every move, and a small array stays in cache.
    std::vector<int> m_heapPos;
    std::vector<HeapEntry> m_heap;
};

void Marcher::siftUp(size_t k) {
    const HeapEntry e = m_heap[k];
    while (k > 0) {
        const size_t parent = (k - 1) / kArity;
        if (m_heap[parent].d <= e.d)
            break;
        m_heap[k] = m_heap[parent];
        m_heapPos[static_cast<size_t>(m_heap[k].cell)] = static_cast<int>(k);
        k = parent;
    }
    m_heap[k] = e;
    m_heapPos[static_cast<size_t>(e.cell)] = static_cast<int>(k);
}

void Marcher::siftDown(size_t k) {
    const HeapEntry e = m_heap[k];
    const size_t n = m_heap.size();
    for (;;) {
        const size_t first = kArity * k + 1;
        if (first >= n)
            break;
        // Smallest child, written so GCC emits conditional moves: the comparisons are
        // unpredictable and branch misses were the largest cost of a pop.
        size_t best = first;
        double bestD = m_heap[first].d;
        const size_t last = std::min(first + kArity, n);
        for (size_t c = first + 1; c < last; ++c) {
            const double d = m_heap[c].d;
            const bool smaller = d < bestD;
            best = smaller ? c : best;
            bestD = smaller ? d : bestD;
        }
        if (bestD >= e.d)
            break;
        m_heap[k] = m_heap[best];
        m_heapPos[static_cast<size_t>(m_heap[k].cell)] = static_cast<int>(k);
        k = best;
    }
    m_heap[k] = e;
    m_heapPos[static_cast<size_t>(e.cell)] = static_cast<int>(k);
}

void Marcher::pushOrDecrease(int cell, double d) {
    const int p = m_heapPos[static_cast<size_t>(cell)];
    if (p < 0) {
        m_heap.push_back({d, cell});
        siftUp(m_heap.size() - 1);
    } else {
        m_heap[static_cast<size_t>(p)].d = d; // only ever decreases
        siftUp(static_cast<size_t>(p));
    }
}

Marcher::HeapEntry Marcher::popMin() {
    const HeapEntry top = m_heap.front();
    m_heapPos[static_cast<size_t>(top.cell)] = -1;
    m_heap.front() = m_heap.back();
    m_heap.pop_back();
    if (!m_heap.empty())
        siftDown(0);
    return top;
}

bool Marcher::sees(int cell, Vec2 c, int anchorId, Vec2 at) const {
    const double dx = at.x - c.x, dy = at.y - c.y;
    // The anchor lies in this very cell (its closed square: a source on a cell corner, common
    // with round coordinates, is in all four, whatever the rounding of the centres).
    const double adx = std::abs(dx), ady = std::abs(dy), half = (0.5 + 1e-9) * m_h;
    if (adx <= half && ady <= half)
        return true;
    // The cell the straight line enters next on its way to the anchor.
    const int sx = dx > 0.0 ? 1 : -1, sy = dy > 0.0 ? m_nx : -m_nx;
    const int next = adx > ady ? cell + sx : (ady > adx ? cell + sy : cell + sx + sy);
    if (next == anchorId)
        return true;
    const CellState& n = m_cells[static_cast<size_t>(next)];
    return n.accepted != kUnreachable && n.anchor == anchorId;
}

double Marcher::eikonal(size_t i) const {
    // Solution u >= max(a, b) of (u - a)^2 + (u - b)^2 = h^2, where a and b are the smaller
    // accepted neighbours along x and along y; one-sided (u = min + h) if only one axis has an
    // accepted neighbour or the two differ by h or more.
    const auto nx = static_cast<size_t>(m_nx);
    const double a = std::min(m_cells[i - 1].accepted, m_cells[i + 1].accepted);
    const double b = std::min(m_cells[i - nx].accepted, m_cells[i + nx].accepted);
    const double lo = std::min(a, b), hi = std::max(a, b);
    // Called for a neighbour of a cell just accepted, so lo is finite.
    if (hi - lo >= m_h)
        return lo + m_h; // also covers hi == kUnreachable
    const double diff = hi - lo;
    return 0.5 * (lo + hi + std::sqrt(2.0 * m_h * m_h - diff * diff));
}

std::vector<double> Marcher::run(const std::vector<Seed>& seeds, double maxDistanceM) {
    const size_t n = m_walkable.size();
    m_cells.assign(n, CellState{});
    m_heapPos.assign(n, -1);
    m_heap.clear();
    m_heap.reserve(
        std::max<size_t>(256, static_cast<size_t>(std::sqrt(static_cast<double>(n))) * 8));

    for (const Seed& s : seeds) {
        CellState& c = m_cells[static_cast<size_t>(s.cell)];
        assert(m_walkable[static_cast<size_t>(s.cell)] != 0);
        if (s.d < c.trial) {
            c.trial = s.d;
            c.anchor = -1 - s.origin;
            pushOrDecrease(s.cell, s.d);
        }
    }

    // 8 neighbours: the 4 axis ones first (they also get the Eikonal update).
    const int nx = m_nx;
    const double h = m_h, hd = m_h * std::numbers::sqrt2;
    const int offset[8] = {-1, 1, -nx, nx, -1 - nx, 1 - nx, -1 + nx, 1 + nx};
    const Vec2 step[8] = {{-h, 0}, {h, 0}, {0, -h}, {0, h}, {-h, -h}, {h, -h}, {-h, h}, {h, h}};
    const double stepLen[8] = {h, h, h, h, hd, hd, hd, hd};

    while (!m_heap.empty()) {
        const HeapEntry top = popMin();
        if (top.d > maxDistanceM)
            break; // everything left is further still
        const auto i = static_cast<size_t>(top.cell);
        m_cells[i].accepted = top.d;
        const int a = m_cells[i].anchor;
        const Vec2 ci = centre(top.cell);
        // The anchor as a point: fixed for a cell or a source point; a source segment is
        // projected for each neighbour.
        const Origin* seg = nullptr;
        Vec2 at;
        double atValue = 0.0;
        if (a >= 0) {
            at = centre(a);
            atValue = m_cells[static_cast<size_t>(a)].accepted;
        } else {
            const Origin& o = m_origins[static_cast<size_t>(-1 - a)];
            at = o.a;
            if (!(o.a == o.b))
                seg = &o;
        }
        // Walkable cells never lie on the grid border (NavGrid::build), so every neighbour
        // index is in range. A path only needs to bend at a cell next to a blocked one, so the
        // diagonal neighbours (which only add the bent candidate, the others reach them in
        // straight lines) are updated from those cells alone.
        bool nearBlocked = false;
        for (int k = 0; k < 8; ++k)
            nearBlocked = nearBlocked || m_walkable[static_cast<size_t>(top.cell + offset[k])] == 0;
        const int neighbours = nearBlocked ? 8 : 4;
        for (int k = 0; k < neighbours; ++k) {
            const int j = top.cell + offset[k];
            const auto ju = static_cast<size_t>(j);
            CellState& cj = m_cells[ju];
            if (m_walkable[ju] == 0 || cj.accepted != kUnreachable)
                continue;
            const Vec2 pj = ci + step[k];
            if (seg != nullptr)
                at = seg->a + (seg->b - seg->a) * projectOnSegment(pj, seg->a, seg->b);
            double straight = atValue + distance(pj, at);
            const double bent = top.d + stepLen[k]; // the path bends at cell i
            const double eik = k < 4 ? eikonal(ju) : kUnreachable;
            if (std::min({straight, bent, eik}) >= cj.trial)
                continue;
            const bool visible = sees(j, pj, a, at);
            if (!visible)
                straight = kUnreachable;
            const double best = std::min({straight, bent, eik});
            if (best >= cj.trial)
                continue;
            cj.trial = best;
            cj.anchor = visible && straight <= bent ? a : top.cell;
            pushOrDecrease(j, best);
        }
    }
    std::vector<double> out(n);
    for (size_t i = 0; i < n; ++i)
        out[i] = m_cells[i].accepted;
    return out;
}

} // namespace

DistanceField DistanceField::compute(const NavGrid& grid, const std::vector<Vec2>& sources,
                                     double maxDistanceM) {
    DistanceField f;
    f.m_grid = &grid;
    f.m_nx = grid.nx();
    f.m_ny = grid.ny();
    std::vector<Origin> origins;
    std::vector<Seed> seeds;
    for (const Vec2 p : sources) {
        int ix, iy;
        if (!grid.nearestWalkable(p, ix, iy))
            continue;
        seeds.push_back({grid.index(ix, iy), distance(p, grid.cellCentre(ix, iy)),
                         static_cast<int>(origins.size())});
        origins.push_back({p, p});
    }
    f.m_d = Marcher(grid, std::move(origins)).run(seeds, maxDistanceM);
    return f;
}

DistanceField DistanceField::computeFromSegments(const NavGrid& grid,
                                                 const std::vector<std::pair<Vec2, Vec2>>& segments,
                                                 double maxDistanceM) {
    DistanceField f;
    f.m_grid = &grid;
    f.m_nx = grid.nx();
    f.m_ny = grid.ny();
    const double c = grid.cell();
    const Vec2 o = grid.origin();
    // Seeds within 0.75 cell: at least one row of cells for a segment inside the open area,
    // whatever its angle. A segment on the outline (an exit) or on a wall may have no walkable
    // cell that close, the band next to walls being blocked; then the seeds are the band of
    // cells within 0.75 cell beyond the closest walkable one, searched up to fallbackReach.
    const double nearReach = 0.75 * c;
    const double fallbackReach = 1.5 * c + 1.0; // > half a 0.37 m brick wall + large clearance
    std::vector<Origin> origins;
    std::vector<Seed> seeds;
    std::vector<Seed> candidates;
    for (const auto& [a, b] : segments) {
        candidates.clear();
        const int origin = static_cast<int>(origins.size());
        origins.push_back({a, b});
        int x0, x1, y0, y1;
        cellRange(a.x, b.x, fallbackReach, o.x, c, f.m_nx, x0, x1);
        cellRange(a.y, b.y, fallbackReach, o.y, c, f.m_ny, y0, y1);
        double nearest = kUnreachable;
        for (int iy = y0; iy <= y1; ++iy) {
            for (int ix = x0; ix <= x1; ++ix) {
                if (!grid.walkable(ix, iy))
                    continue;
                const double d = distanceToSegment(grid.cellCentre(ix, iy), a, b);
                if (d > fallbackReach)
                    continue;
                candidates.push_back({grid.index(ix, iy), d, origin});
                nearest = std::min(nearest, d);
            }
        }
        const double reach = nearest <= nearReach ? nearReach : nearest + nearReach;
        for (const Seed& s : candidates) {
            if (s.d <= reach)
                seeds.push_back(s);
        }
    }
    f.m_d = Marcher(grid, std::move(origins)).run(seeds, maxDistanceM);
    return f;
}

double DistanceField::at(Vec2 p) const {
    if (m_grid == nullptr || m_nx == 0 || m_ny == 0)
        return kUnreachable;
    const NavGrid& g = *m_grid;
    const double c = g.cell();
    // Clamp before converting: far-away points must not overflow the int conversion.
    const double fx = std::clamp((p.x - g.origin().x) / c, -2.0, static_cast<double>(m_nx + 1));
    const double fy = std::clamp((p.y - g.origin().y) / c, -2.0, static_cast<double>(m_ny + 1));
    const double flx = std::floor(fx), fly = std::floor(fy);
    const int i0 = static_cast<int>(flx), j0 = static_cast<int>(fly);
    const double tx = fx - flx, ty = fy - fly;
    double sum = 0.0, wsum = 0.0;
    for (int dj = 0; dj <= 1; ++dj) {
        for (int di = 0; di <= 1; ++di) {
            const int ix = i0 + di, iy = j0 + dj;
            if (!g.walkable(ix, iy))
                continue;
            const double v = cellValue(ix, iy);
            if (v == kUnreachable)
                continue;
            const double w = (di == 0 ? 1.0 - tx : tx) * (dj == 0 ? 1.0 - ty : ty);
            sum += w * v;
            wsum += w;
        }
    }
    if (wsum > 1e-9)
        return sum / wsum;
    int ix, iy;
    if (!g.nearestWalkable(p, ix, iy))
        return kUnreachable;
    const double v = cellValue(ix, iy);
    return v == kUnreachable ? kUnreachable : v + distance(p, g.cellCentre(ix, iy));
}

Vec2 DistanceField::direction(Vec2 p) const {
    const double f0 = at(p);
    if (f0 == kUnreachable)
        return {};
    const NavGrid& g = *m_grid;
    const double h = g.cell();
    int cx, cy;
    g.cellOf(p, cx, cy);

    auto unit = [](Vec2 v) {
        const double l = length(v);
        return l > 1e-12 ? v * (1.0 / l) : Vec2{};
    };
    // A step is free when the points at a quarter of it and at its end lie on walkable
    // cells. The end alone can land beyond a thin wall's blocked band (a band is at least 1.5
    // cells wide, a step one cell long) or let the first quarter cut into the round cap at a
    // wall's end, and a body that follows it bounces between the cap and the nearest free
    // cell for good (a body moves far less than a quarter cell per step). Not the midpoint:
    // on a diagonal step between cell centres it is the corner of four cells, and a one-cell
    // lane (a bed's field through a door) lost its diagonal steps (the bed squeezed).
    auto stepFree = [&](Vec2 dir) {
        return g.walkableAt(p + dir * (0.25 * h)) && g.walkableAt(p + dir * h);
    };

    // Off the walkable area (pushed into a wall band or an obstacle's): head for the nearest
    // walkable cell, which lies on p's own side of the wall. The cheapest cell nearby is not
    // the one to take: across a thin wall (the far leg of a U-turn) it is cheaper and 0.3 m
    // away, and heading there pins the body against the wall for good. Ties (within 1 cm) go
    // to the cheaper cell.
    if (!g.walkableAt(p)) {
        double bestD = kUnreachable, bestV = kUnreachable;
        Vec2 target;
        for (int dy = -2; dy <= 2; ++dy) {
            for (int dx = -2; dx <= 2; ++dx) {
                if (!g.walkable(cx + dx, cy + dy))
                    continue;
                const double v = cellValue(cx + dx, cy + dy);
                if (v == kUnreachable)
                    continue;
                const Vec2 q = g.cellCentre(cx + dx, cy + dy);
                const double d = distance(p, q);
                if (d < bestD - 0.01 || (d < bestD + 0.01 && v < bestV)) {
                    bestD = std::min(bestD, d);
                    bestV = v;
                    target = q;
                }
            }
        }
        int ix, iy;
        if (bestD == kUnreachable && g.nearestWalkable(p, ix, iy))
            target = g.cellCentre(ix, iy);
        // The descent at that cell, drawn back towards it by how far off it p is (a cell off:
        // 45 degrees). Heading straight back to the cell instead, a body a few centimetres into
        // the band beside a door's jamb went back and forth between the band and the cell.
        const Vec2 back = (target - p) * (1.0 / h);
        const Vec2 on = g.walkableAt(target) ? direction(target) : Vec2{};
        const Vec2 e = unit(on + back);
        return e.x != 0.0 || e.y != 0.0 ? e : unit(target - p);
    }

    // Central differences of the interpolated field over one cell; one-sided where a side is
    // blocked or unreachable (the field is not defined across walls).
    auto sample = [&](Vec2 q, double& v) {
        if (!g.walkableAt(q) || !g.walkableAt(0.5 * (p + q)))
            return false; // beyond a thin wall (see stepFree)
        v = at(q);
        return v != kUnreachable;
    };
    auto partial = [&](Vec2 e) {
        double vp = 0.0, vm = 0.0;
        const bool okP = sample(p + e * h, vp), okM = sample(p - e * h, vm);
        if (okP && okM)
            return (vp - vm) / (2.0 * h);
        if (okP)
            return (vp - f0) / h;
        if (okM)
            return (f0 - vm) / h;
        return 0.0;
    };
    const Vec2 grad{partial({1.0, 0.0}), partial({0.0, 1.0})};
    const Vec2 dir = unit(grad * -1.0);

    if (dir.x != 0.0 || dir.y != 0.0) {
        if (stepFree(dir))
            return dir;
        // Hugging a wall or rounding a corner: keep the component along the free axis. A
        // component under kMinAxis is noise (an agent at an exit facing the outline).
        constexpr double kMinAxis = 0.2;
        const Vec2 ax{dir.x > 0.0 ? 1.0 : -1.0, 0.0}, ay{0.0, dir.y > 0.0 ? 1.0 : -1.0};
        const bool xFirst = std::abs(dir.x) >= std::abs(dir.y);
        const Vec2 first = xFirst ? ax : ay, second = xFirst ? ay : ax;
        const double firstMag = xFirst ? std::abs(dir.x) : std::abs(dir.y);
        const double secondMag = xFirst ? std::abs(dir.y) : std::abs(dir.x);
        if (firstMag >= kMinAxis && stepFree(first))
            return first;
        if (secondMag >= kMinAxis && stepFree(second))
            return second;
    }

    // Degenerate gradient or no free axis: the lowest of the 8 neighbour cells that is below
    // p and reachable in a free step. None lower: p is at a source (or a local minimum).
    struct Candidate {
        double v;
        Vec2 dir;
    };
    Candidate cands[8];
    int nc = 0;
    for (int dy = -1; dy <= 1; ++dy) {
        for (int dx = -1; dx <= 1; ++dx) {
            if ((dx == 0 && dy == 0) || !g.walkable(cx + dx, cy + dy))
                continue;
            const double v = cellValue(cx + dx, cy + dy);
            if (v >= f0)
                continue;
            const Vec2 d = unit(g.cellCentre(cx + dx, cy + dy) - p);
            if (d.x == 0.0 && d.y == 0.0)
                continue;
            // Insertion by value (std::sort on this little array trips GCC 12's -Warray-bounds).
            int k = nc++;
            for (; k > 0 && cands[k - 1].v > v; --k)
                cands[k] = cands[k - 1];
            cands[k] = {v, d};
        }
    }
    for (int k = 0; k < nc; ++k) {
        if (stepFree(cands[k].dir))
            return cands[k].dir;
    }
    return {};
}

} // namespace muster
