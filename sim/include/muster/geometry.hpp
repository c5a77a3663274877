#pragma once
// Small 2-D geometry on plain data (metres).
#include <cstddef>
#include <optional>
#include <vector>

#include "muster/types.hpp"

namespace muster {

double signedArea(const Polygon& p); // > 0 counter-clockwise
inline double area(const Polygon& p) {
    return std::abs(signedArea(p));
}
Vec2 centroid(const Polygon& p);
// Even-odd rule; points exactly on an edge may go either way (use distanceToBoundary).
bool pointInPolygon(const Polygon& p, Vec2 q);
double distanceToSegment(Vec2 q, Vec2 a, Vec2 b);
// Parameter t in [0,1] of the point of segment ab closest to q.
double projectOnSegment(Vec2 q, Vec2 a, Vec2 b);
double distanceToBoundary(const Polygon& p, Vec2 q);
// Cells of a grid of spacing cellM over the polygon's bounding box (size checks before a grid
// is allocated: docs/format.md "Limits").
double gridCells(const Polygon& p, double cellM);
bool segmentsIntersect(Vec2 a, Vec2 b, Vec2 c, Vec2 d); // proper or touching
// Index pair of the first two non-adjacent edges that intersect, if any.
std::optional<std::pair<size_t, size_t>> findSelfIntersection(const Polygon& p);
struct Bounds {
    Vec2 min{1e300, 1e300};
    Vec2 max{-1e300, -1e300};
    void add(Vec2 v);
    [[nodiscard]] bool valid() const { return min.x <= max.x && min.y <= max.y; }
};
Bounds boundsOf(const Polygon& p);

// An opening (an exit) in a floor's outline: which edge it sits on and which way it faces.
// The one answer the engine, the viewer and its overlays share.
inline constexpr std::size_t kNoEdge = static_cast<std::size_t>(-1);
struct ExitOpening {
    Vec2 at;             // the centre, as given
    Vec2 a, b;           // the ends: at -/+ along * widthM / 2 (not moved onto the edge)
    Vec2 along{1, 0};    // unit vector along the edge, in the outline's vertex order
    Vec2 outward{0, -1}; // unit normal of the edge pointing out of the outline
    double widthM = 0.0;
    std::size_t edge = kNoEdge; // i of the edge outline[i] -> outline[i + 1] (kNoEdge: none)
    double distanceM = 0.0;     // from `at` to that edge
};
// The opening of width `widthM` centred at `at` lies along the outline edge nearest `at` (the
// first of equally near edges; edges shorter than 1e-9 m are skipped). Its outward normal
// comes from the outline's winding, not from a probe point: a counter-clockwise outline
// (signedArea > 0) has its inside on the left of every edge, so out is the right-hand normal
// (along.y, -along.x); a clockwise one the left-hand normal. This holds for any simple
// polygon at any scale: a probe a fixed distance off the edge goes wrong in a notch or
// corridor narrower than the probe, or when the exit is drawn that far inside the wall. A
// zero-area outline counts as counter-clockwise; one without a usable edge gives the
// defaults above with edge = kNoEdge.
ExitOpening exitOpening(const Polygon& outline, Vec2 at, double widthM);

} // namespace muster
