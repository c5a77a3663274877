#pragma once
// Small 2-D geometry on plain data (metres).
#include <optional>
#include <vector>

#include "muster/types.hpp"

namespace muster {

double signedArea(const Polygon& p);  // > 0 counter-clockwise
inline double area(const Polygon& p) { return std::abs(signedArea(p)); }
Vec2 centroid(const Polygon& p);
// Even-odd rule; points exactly on an edge may go either way (use distanceToBoundary).
bool pointInPolygon(const Polygon& p, Vec2 q);
double distanceToSegment(Vec2 q, Vec2 a, Vec2 b);
// Parameter t in [0,1] of the point of segment ab closest to q.
double projectOnSegment(Vec2 q, Vec2 a, Vec2 b);
double distanceToBoundary(const Polygon& p, Vec2 q);
bool segmentsIntersect(Vec2 a, Vec2 b, Vec2 c, Vec2 d);  // proper or touching
// Index pair of the first two non-adjacent edges that intersect, if any.
std::optional<std::pair<size_t, size_t>> findSelfIntersection(const Polygon& p);
struct Bounds {
    Vec2 min{1e300, 1e300};
    Vec2 max{-1e300, -1e300};
    void add(Vec2 v);
    [[nodiscard]] bool valid() const { return min.x <= max.x && min.y <= max.y; }
};
Bounds boundsOf(const Polygon& p);

}  // namespace muster
