#pragma once
// Muster core types. Units: SI everywhere in the core (metres, seconds, kilograms,
// metres per second). Only the viewer's camera knows pixels.
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace muster {

struct Vec2 {
    double x = 0.0;
    double y = 0.0;
    friend Vec2 operator+(Vec2 a, Vec2 b) { return {a.x + b.x, a.y + b.y}; }
    friend Vec2 operator-(Vec2 a, Vec2 b) { return {a.x - b.x, a.y - b.y}; }
    friend Vec2 operator*(Vec2 a, double s) { return {a.x * s, a.y * s}; }
    friend Vec2 operator*(double s, Vec2 a) { return {a.x * s, a.y * s}; }
    friend bool operator==(Vec2 a, Vec2 b) { return a.x == b.x && a.y == b.y; }
};
inline double dot(Vec2 a, Vec2 b) {
    return a.x * b.x + a.y * b.y;
}
inline double cross(Vec2 a, Vec2 b) {
    return a.x * b.y - a.y * b.x;
}
inline double length(Vec2 a) {
    return std::sqrt(dot(a, a));
}
inline double distance(Vec2 a, Vec2 b) {
    return length(a - b);
}

using Polygon = std::vector<Vec2>; // closed implicitly; counter-clockwise or clockwise
using Polyline = std::vector<Vec2>;

// Where an item came from, so later checks can still say "floors.yaml:88:5".
// line and column are 1-based; 0 means unknown.
struct SourceLoc {
    std::string file;
    int line = 0;
    int column = 0;
    std::string path; // key path inside the file, e.g. "doors[5]"
};

} // namespace muster
