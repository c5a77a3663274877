// Solid wall pieces of a floor: interior walls and the outline with door and exit openings cut
// out, closed doors as separate pieces. Physics (Box2D static shapes) and the navigation grid
// both read this list, so people and distance fields are blocked by the same lines.
#include <algorithm>
#include <cmath>
#include <optional>

#include "muster/geometry.hpp"
#include "nav/navigation.hpp"
#include "nav/wall_pieces.hpp"

namespace muster {

namespace {

// A door or exit "lies on" a wall when its centre is within half the wall's thickness plus this
// of the wall's centreline: drawings snap doors to the wall line, but loosely.
constexpr double kOnWallToleranceM = 0.1;
// Pieces shorter than this after cutting are slivers from rounding; they block nothing.
constexpr double kMinPieceM = 1e-4;

struct RawSegment {
    Vec2 a, b;
    double thicknessM = 0.2;
    std::vector<std::pair<double, double>> cuts; // arc-length intervals to remove
};

struct Opening {
    std::string id;
    Vec2 at;
    double widthM = 0.0;
    bool closed = false;
};

// Cuts the opening out of every segment it lies on (a door at a polyline vertex spans two
// segments; walls drawn twice, once per room, must both be opened). Returns the fill piece along
// the nearest segment, or nothing if the opening lies on none of `segs`.
std::optional<WallSegment> cutOpening(std::vector<RawSegment>& segs, const Opening& o) {
    const RawSegment* nearest = nullptr;
    double nearestDist = 1e300;
    for (RawSegment& s : segs) {
        const double d = distanceToSegment(o.at, s.a, s.b);
        if (d > kOnWallToleranceM + 0.5 * s.thicknessM)
            continue;
        const double len = distance(s.a, s.b);
        const Vec2 u = (s.b - s.a) * (1.0 / len);
        // Unclamped: a door centred on the shared vertex of two segments opens both halves.
        const double mid = dot(o.at - s.a, u);
        s.cuts.emplace_back(mid - 0.5 * o.widthM, mid + 0.5 * o.widthM);
        if (d < nearestDist) {
            nearestDist = d;
            nearest = &s;
        }
    }
    if (nearest == nullptr)
        return std::nullopt;
    const double len = distance(nearest->a, nearest->b);
    const Vec2 u = (nearest->b - nearest->a) * (1.0 / len);
    // The fill sits on the wall's centreline so its ends meet the jambs of the cut exactly.
    const Vec2 c = nearest->a + u * dot(o.at - nearest->a, u);
    WallSegment fill;
    fill.a = c - u * (0.5 * o.widthM);
    fill.b = c + u * (0.5 * o.widthM);
    fill.thicknessM = nearest->thicknessM;
    fill.doorId = o.id;
    return fill;
}

void emitPieces(const RawSegment& s, std::vector<nav::WallPiece>& out) {
    const double len = distance(s.a, s.b);
    const Vec2 u = (s.b - s.a) * (1.0 / len);
    std::vector<std::pair<double, double>> cuts = s.cuts;
    std::sort(cuts.begin(), cuts.end());
    double from = 0.0;
    auto emitSolid = [&](double s0, double s1) {
        if (s1 - s0 < kMinPieceM)
            return;
        // Box2D 2.4 is tuned for static shapes up to ~50 m; equal pieces keep the joints regular.
        const int n = static_cast<int>(std::ceil((s1 - s0) / kMaxWallPieceM - 1e-9));
        const double step = (s1 - s0) / n;
        for (int k = 0; k < n; ++k) {
            nav::WallPiece w;
            w.segment.a = s.a + u * (s0 + step * k);
            w.segment.b = s.a + u * (k + 1 == n ? s1 : s0 + step * (k + 1));
            w.segment.thicknessM = s.thicknessM;
            w.wallEndA = k == 0 && s0 == 0.0;
            w.wallEndB = k + 1 == n && s1 == len;
            out.push_back(w);
        }
    };
    for (const auto& [c0, c1] : cuts) {
        const double lo = std::clamp(c0, 0.0, len), hi = std::clamp(c1, 0.0, len);
        if (lo > from)
            emitSolid(from, lo);
        from = std::max(from, hi);
    }
    if (from < len)
        emitSolid(from, len);
}

void addSegment(std::vector<RawSegment>& segs, Vec2 a, Vec2 b, double thicknessM) {
    if (distance(a, b) < kMinPieceM)
        return; // repeated point in a polyline
    segs.push_back(RawSegment{a, b, thicknessM, {}});
}

bool isClosed(const std::string& id, DoorState state, const std::set<std::string>& closedDoors,
              const std::set<std::string>& openDoors) {
    if (closedDoors.count(id) != 0)
        return true;
    return state != DoorState::Open && openDoors.count(id) == 0;
}

} // namespace

namespace nav {

std::vector<WallPiece> wallPieces(const Floor& floor, const std::set<std::string>& closedDoors,
                                  const std::set<std::string>& openDoors) {
    std::vector<RawSegment> walls, outline;
    for (const Wall& w : floor.walls) {
        for (size_t i = 0; i + 1 < w.points.size(); ++i)
            addSegment(walls, w.points[i], w.points[i + 1], w.thicknessM);
    }
    const size_t n = floor.outline.size();
    if (n >= 2) {
        for (size_t i = 0; i < n; ++i)
            addSegment(outline, floor.outline[i], floor.outline[(i + 1) % n], kOutlineThicknessM);
    }

    std::vector<WallSegment> fills;
    auto open = [&](std::vector<RawSegment>& primary, std::vector<RawSegment>& secondary,
                    const Opening& o) {
        // Doors belong on interior walls and exits on the outline, but a stair door drawn on
        // an interior wall as an exit (or a balcony door on the outline) still opens its wall.
        std::optional<WallSegment> fill = cutOpening(primary, o);
        if (!fill)
            fill = cutOpening(secondary, o);
        if (fill && o.closed)
            fills.push_back(std::move(*fill));
    };
    for (const Door& d : floor.doors)
        open(walls, outline,
             {d.id, d.at, d.widthM, isClosed(d.id, d.state, closedDoors, openDoors)});
    for (const Exit& e : floor.exits)
        open(outline, walls,
             {e.id, e.at, e.widthM, isClosed(e.id, e.state, closedDoors, openDoors)});

    std::vector<WallPiece> out;
    out.reserve(walls.size() + outline.size() + fills.size() + floor.doors.size());
    for (const RawSegment& s : walls)
        emitPieces(s, out);
    for (const RawSegment& s : outline)
        emitPieces(s, out);
    // A leaf's ends meet the jambs of its opening in line, so they stay square.
    for (WallSegment& f : fills)
        out.push_back({std::move(f), false, false});
    return out;
}

} // namespace nav

std::vector<WallSegment> solidWallSegments(const Floor& floor,
                                           const std::set<std::string>& closedDoors,
                                           const std::set<std::string>& openDoors) {
    std::vector<WallSegment> out;
    for (nav::WallPiece& p : nav::wallPieces(floor, closedDoors, openDoors))
        out.push_back(std::move(p.segment));
    return out;
}

} // namespace muster
