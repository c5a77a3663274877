#pragma once
// Walking paths for checklist routes: the descent of a distance field on its nav grid, simplified
// without cutting a wall, and the placement of route-number labels that do not collide.
#include <string>
#include <vector>

#include "nav/navigation.hpp"

namespace muster {

// The path from the source of `df` to `target` (both snapped to their nearest walkable cells):
// cell centres in steepest descent over 8-neighbours (a diagonal step only when both cells
// beside it are walkable), reversed, then simplified by line of sight: a corner is dropped only
// when the straight segment that replaces it crosses no segment of `walls` and stays on
// walkable cells. Empty when the target cannot be reached.
std::vector<Vec2> walkPath(const DistanceField& df, Vec2 target,
                           const std::vector<WallSegment>& walls);

// Does segment [a, b] cross (or touch) any wall centreline?
bool crossesWall(Vec2 a, Vec2 b, const std::vector<WallSegment>& walls);

// Label placement in map (pixel) space: box i is w[i] x h wide, placed near anchors[i] at the
// first candidate offset (around the anchor, then on growing rings) that overlaps no box placed
// before it and no anchor dot (radius `dotR`). Boxes are {x, y} top-left corners.
struct LabelBox {
    double x = 0, y = 0, w = 0, h = 0;
    bool displaced = false; // not in the first ring: draw a leader line to the anchor
};
std::vector<LabelBox> placeLabels(const std::vector<Vec2>& anchors, const std::vector<double>& w,
                                  double h, double dotR);
bool boxesOverlap(const LabelBox& a, const LabelBox& b);

} // namespace muster
