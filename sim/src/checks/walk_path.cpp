// Checklist route geometry: walking paths on the nav grid and non-colliding route labels.
#include "checks/walk_path.hpp"

#include <algorithm>
#include <cmath>

#include "muster/geometry.hpp"

namespace muster {

bool crossesWall(Vec2 a, Vec2 b, const std::vector<WallSegment>& walls) {
    const double x0 = std::min(a.x, b.x), x1 = std::max(a.x, b.x);
    const double y0 = std::min(a.y, b.y), y1 = std::max(a.y, b.y);
    for (const WallSegment& w : walls) {
        if (std::max(w.a.x, w.b.x) < x0 || std::min(w.a.x, w.b.x) > x1 ||
            std::max(w.a.y, w.b.y) < y0 || std::min(w.a.y, w.b.y) > y1)
            continue;
        if (segmentsIntersect(a, b, w.a, w.b))
            return true;
    }
    return false;
}

namespace {

// Every point of [a, b], sampled at a quarter cell, lies on a walkable cell.
bool onWalkable(const NavGrid& g, Vec2 a, Vec2 b) {
    const double len = distance(a, b);
    const int n = std::max(1, static_cast<int>(std::ceil(len / (0.25 * g.cell()))));
    for (int i = 0; i <= n; ++i)
        if (!g.walkableAt(a + (b - a) * (static_cast<double>(i) / n)))
            return false;
    return true;
}

} // namespace

std::vector<Vec2> walkPath(const DistanceField& df, Vec2 target,
                           const std::vector<WallSegment>& walls) {
    const NavGrid& g = df.grid();
    int ix = 0, iy = 0;
    if (!g.nearestWalkable(target, ix, iy) || !(df.cellValue(ix, iy) < kUnreachable))
        return {};
    std::vector<Vec2> raw{g.cellCentre(ix, iy)};
    // Fast marching gives every reached cell that is not a source a 4-neighbour with a smaller
    // value, so the descent strictly decreases and ends at a source cell.
    for (;;) {
        double best = df.cellValue(ix, iy);
        int bx = ix, by = iy;
        for (int dy = -1; dy <= 1; ++dy)
            for (int dx = -1; dx <= 1; ++dx) {
                if ((dx == 0 && dy == 0) || !g.walkable(ix + dx, iy + dy))
                    continue;
                if (dx != 0 && dy != 0 && (!g.walkable(ix + dx, iy) || !g.walkable(ix, iy + dy)))
                    continue;
                const double v = df.cellValue(ix + dx, iy + dy);
                if (v < best)
                    best = v, bx = ix + dx, by = iy + dy;
            }
        if (bx == ix && by == iy)
            break;
        ix = bx, iy = by;
        raw.push_back(g.cellCentre(ix, iy));
    }
    std::reverse(raw.begin(), raw.end());
    // Line of sight: from each kept corner, jump to the furthest point still in clear sight.
    std::vector<Vec2> out{raw.front()};
    size_t i = 0;
    while (i + 1 < raw.size()) {
        size_t j = i + 1;
        while (j + 1 < raw.size() && onWalkable(g, raw[i], raw[j + 1]) &&
               !crossesWall(raw[i], raw[j + 1], walls))
            ++j;
        out.push_back(raw[j]);
        i = j;
    }
    return out;
}

bool boxesOverlap(const LabelBox& a, const LabelBox& b) {
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

std::vector<LabelBox> placeLabels(const std::vector<Vec2>& anchors, const std::vector<double>& w,
                                  double h, double dotR) {
    std::vector<LabelBox> placed;
    placed.reserve(anchors.size());
    auto hitsDot = [&](const LabelBox& b) {
        for (Vec2 a : anchors) {
            const double cx = std::clamp(a.x, b.x, b.x + b.w), cy = std::clamp(a.y, b.y, b.y + b.h);
            if (std::hypot(a.x - cx, a.y - cy) < dotR)
                return true;
        }
        return false;
    };
    auto free = [&](const LabelBox& b) {
        for (const LabelBox& p : placed)
            if (boxesOverlap(b, p))
                return false;
        return !hitsDot(b);
    };
    constexpr int kRings = 40;
    for (size_t i = 0; i < anchors.size(); ++i) {
        const Vec2 a = anchors[i];
        LabelBox box{0, 0, w[i], h, false};
        bool done = false;
        for (int ring = 1; ring <= kRings && !done; ++ring) {
            // The first ring: the 8 positions touching the dot (upper right first); further rings
            // step out by a label height with 8 * ring directions.
            const double gap = dotR + 0.5 + (ring - 1) * 0.9 * h;
            const int dirs = 8 * ring;
            for (int k = 0; k < dirs && !done; ++k) {
                const double ang = std::atan2(-1.0, 1.0) + 2.0 * M_PI * k / dirs;
                const double dx = std::cos(ang), dy = std::sin(ang);
                // Centre so that the box's edge facing the anchor is `gap` away from it.
                const double cx = a.x + dx * (gap + 0.5 * box.w * std::abs(dx) /
                                                        std::max(std::abs(dx), std::abs(dy)));
                const double cy = a.y + dy * (gap + 0.5 * box.h * std::abs(dy) /
                                                        std::max(std::abs(dx), std::abs(dy)));
                box.x = cx - 0.5 * box.w;
                box.y = cy - 0.5 * box.h;
                box.displaced = ring > 1;
                done = free(box);
            }
        }
        if (!done) {
            // Crowded beyond every ring: below every label placed so far (never overlapping).
            double bottom = a.y;
            for (const LabelBox& p : placed)
                bottom = std::max(bottom, p.y + p.h);
            box.x = a.x;
            box.y = bottom + 1.0;
            box.displaced = true;
        }
        placed.push_back(box);
    }
    return placed;
}

} // namespace muster
