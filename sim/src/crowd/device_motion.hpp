#pragma once
// Moving a rigid, rectangular device (a bed, a wheelchair, a sled) through a floor plan.
//
// The pedestrian model steers a point; a 0.95 x 2.15 m bed is not a point: to turn through a
// 1.2 m door its crew swings it wide and lines it up before the frame. This is a sampling local
// planner over (x, y, heading) in the manner of the dynamic window approach (Fox, Burgard and
// Thrun 1997) with a navigation function as its objective (Brock and Khatib 1999, "global
// dynamic window"): every replanning interval it tries a fixed set of body-frame motions
// (forward/backward, a little sideways — hospital beds roll on four swivel castors —, turning),
// predicts each over a short horizon, scores the end pose by the walking distance to the target
// of *both ends* of the device (so the device lines up with the route by itself), and takes the
// best motion whose swept poses keep the rectangle clear of every wall and of the devices it
// must give way to. See docs/model.md, "Assisted evacuation".
#include <functional>
#include <vector>

#include "muster/types.hpp"

namespace muster {

struct DevicePose {
    Vec2 c;           // centre
    double angle = 0; // of the long axis (radians)
};

struct Footprint {
    double halfLen = 0.5, halfWid = 0.5;
};

// A solid piece of the plan: the segment a-b thickened by `half` on both sides.
struct SolidSeg {
    Vec2 a, b;
    double half = 0.0;
};

// Distance from the rectangle to the segment's centre line (0 when they cross), less the
// segment's half thickness: the clearance between the device and that piece (negative: overlap).
double rectSegmentClearance(const DevicePose& pose, const Footprint& fp, const SolidSeg& s);
// The smallest clearance to any of the pieces (+infinity when there are none).
double rectClearance(const DevicePose& pose, const Footprint& fp,
                     const std::vector<SolidSeg>& segs);
// The four edges of a rectangle, as zero-thickness pieces (another device as an obstacle).
void appendRectEdges(const DevicePose& pose, const Footprint& fp, std::vector<SolidSeg>& out);
// A wall piece a-b of the given thickness as the four edges of its box (square door jambs, as in
// Box2D).
void appendWallBox(Vec2 a, Vec2 b, double thicknessM, std::vector<SolidSeg>& out);

struct DeviceMotionParams {
    double horizonS = 1.2;        // how far ahead each motion is predicted
    int checks = 4;               // poses checked along the horizon
    double minClearanceM = 0.02;  // a motion is feasible if the device keeps this clear
    double lateralShare = 0.3;    // sideways speed, as a share of the speed (castors)
    double reversePenaltyM = 0.4; // backing up costs this much (the crew pushes from behind)
    double turnPenaltyM = 0.05;   // per rad/s: prefer straight motion when equal
    double sidePenaltyM = 0.15;   // per unit lateral share: prefer rolling along the axis
    // Per unit (1 - cos) of the leading end's heading error, times |direction|.
    double alignWeightM = 1.0;
};

struct DeviceMotion {
    Vec2 vel;              // world frame, m/s
    double omega = 0;      // rad/s
    double cost = 0;       // objective at the end of the horizon (metres)
    bool feasible = false; // false: no motion found that keeps clear and gains ground: stay
};

// `cost(p)` is the walking distance from p to the target on the device's navigation field and
// `direction(p)` the way to head at p; its length weighs the heading error (zero: none).
// `front` is +1 or -1: which end of the long axis leads (the crew pushes from the other end).
// `speed` is the fastest any point of the device may move (the crew's walking speed).
// `escape`: the device has made no progress for a while; take the best clear motion even if it
// does not improve the objective (a crew backs up and tries again).
DeviceMotion planDeviceMotion(const DevicePose& pose, const Footprint& fp, int front, double speed,
                              const std::vector<SolidSeg>& solids,
                              const std::function<double(Vec2)>& cost,
                              const std::function<Vec2(Vec2)>& direction, bool escape,
                              const DeviceMotionParams& params = {});

// The two points on the long axis whose walking distances make up the objective: the centres of
// the circles inscribed at the ends of the rectangle.
void deviceEnds(const DevicePose& pose, const Footprint& fp, Vec2& a, Vec2& b);

} // namespace muster
