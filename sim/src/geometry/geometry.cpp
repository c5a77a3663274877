#include "muster/geometry.hpp"

#include <algorithm>
#include <cmath>

namespace muster {

double signedArea(const Polygon& p) {
    double a = 0.0;
    const size_t n = p.size();
    for (size_t i = 0; i < n; ++i)
        a += cross(p[i], p[(i + 1) % n]);
    return 0.5 * a;
}

Vec2 centroid(const Polygon& p) {
    const double a = signedArea(p);
    if (std::abs(a) < 1e-12) {
        Vec2 s;
        for (Vec2 v : p)
            s = s + v;
        return p.empty() ? s : s * (1.0 / static_cast<double>(p.size()));
    }
    double cx = 0.0, cy = 0.0;
    const size_t n = p.size();
    for (size_t i = 0; i < n; ++i) {
        const Vec2 u = p[i], v = p[(i + 1) % n];
        const double c = cross(u, v);
        cx += (u.x + v.x) * c;
        cy += (u.y + v.y) * c;
    }
    return {cx / (6.0 * a), cy / (6.0 * a)};
}

bool pointInPolygon(const Polygon& p, Vec2 q) {
    bool inside = false;
    const size_t n = p.size();
    for (size_t i = 0, j = n - 1; i < n; j = i++) {
        const Vec2 a = p[i], b = p[j];
        if ((a.y > q.y) != (b.y > q.y)) {
            const double x = (b.x - a.x) * (q.y - a.y) / (b.y - a.y) + a.x;
            if (q.x < x)
                inside = !inside;
        }
    }
    return inside;
}

double projectOnSegment(Vec2 q, Vec2 a, Vec2 b) {
    const Vec2 ab = b - a;
    const double l2 = dot(ab, ab);
    if (l2 <= 0.0)
        return 0.0;
    return std::clamp(dot(q - a, ab) / l2, 0.0, 1.0);
}

double distanceToSegment(Vec2 q, Vec2 a, Vec2 b) {
    const double t = projectOnSegment(q, a, b);
    return distance(q, a + (b - a) * t);
}

double distanceToBoundary(const Polygon& p, Vec2 q) {
    double d = 1e300;
    const size_t n = p.size();
    for (size_t i = 0; i < n; ++i)
        d = std::min(d, distanceToSegment(q, p[i], p[(i + 1) % n]));
    return d;
}

namespace {
int orient(Vec2 a, Vec2 b, Vec2 c) {
    const double v = cross(b - a, c - a);
    const double eps = 1e-12 * (1.0 + length(b - a) * length(c - a));
    return v > eps ? 1 : (v < -eps ? -1 : 0);
}
bool onSegment(Vec2 a, Vec2 b, Vec2 q) {
    return std::min(a.x, b.x) - 1e-12 <= q.x && q.x <= std::max(a.x, b.x) + 1e-12 &&
           std::min(a.y, b.y) - 1e-12 <= q.y && q.y <= std::max(a.y, b.y) + 1e-12;
}
} // namespace

bool segmentsIntersect(Vec2 a, Vec2 b, Vec2 c, Vec2 d) {
    const int o1 = orient(a, b, c), o2 = orient(a, b, d), o3 = orient(c, d, a),
              o4 = orient(c, d, b);
    if (o1 != o2 && o3 != o4)
        return true;
    if (o1 == 0 && onSegment(a, b, c))
        return true;
    if (o2 == 0 && onSegment(a, b, d))
        return true;
    if (o3 == 0 && onSegment(c, d, a))
        return true;
    if (o4 == 0 && onSegment(c, d, b))
        return true;
    return false;
}

std::optional<std::pair<size_t, size_t>> findSelfIntersection(const Polygon& p) {
    const size_t n = p.size();
    if (n < 4)
        return std::nullopt;
    for (size_t i = 0; i < n; ++i) {
        for (size_t j = i + 1; j < n; ++j) {
            const bool adjacent = (j == i + 1) || (i == 0 && j == n - 1);
            if (adjacent)
                continue;
            if (segmentsIntersect(p[i], p[(i + 1) % n], p[j], p[(j + 1) % n]))
                return std::pair{i, j};
        }
    }
    return std::nullopt;
}

void Bounds::add(Vec2 v) {
    min.x = std::min(min.x, v.x);
    min.y = std::min(min.y, v.y);
    max.x = std::max(max.x, v.x);
    max.y = std::max(max.y, v.y);
}

Bounds boundsOf(const Polygon& p) {
    Bounds b;
    for (Vec2 v : p)
        b.add(v);
    return b;
}

ExitOpening exitOpening(const Polygon& outline, Vec2 at, double widthM) {
    constexpr double kMinEdgeM = 1e-9;
    ExitOpening o;
    o.at = at;
    o.widthM = widthM;
    double best = 1e300;
    const size_t n = outline.size();
    for (size_t i = 0; n >= 2 && i < n; ++i) {
        const Vec2 a = outline[i], b = outline[(i + 1) % n];
        const double len = length(b - a);
        if (len < kMinEdgeM)
            continue;
        const double d = distanceToSegment(at, a, b);
        if (d < best) {
            best = d;
            o.edge = i;
            o.distanceM = d;
            o.along = (b - a) * (1.0 / len);
        }
    }
    // Written as the engine's buildTargets wrote it (right-hand normal, negated when the
    // inside is on the right), so the two agree to the last bit.
    o.outward = Vec2{o.along.y, -o.along.x};
    if (signedArea(outline) < 0.0)
        o.outward = o.outward * -1.0;
    o.a = at - o.along * (widthM / 2.0);
    o.b = at + o.along * (widthM / 2.0);
    return o;
}

double gridCells(const Polygon& p, double cellM) {
    if (p.empty() || !(cellM > 0))
        return 0.0;
    double x0 = p.front().x, x1 = x0, y0 = p.front().y, y1 = y0;
    for (Vec2 q : p) {
        x0 = std::min(x0, q.x), x1 = std::max(x1, q.x);
        y0 = std::min(y0, q.y), y1 = std::max(y1, q.y);
    }
    return (std::floor((x1 - x0) / cellM) + 1.0) * (std::floor((y1 - y0) / cellM) + 1.0);
}

} // namespace muster
