// Measurements (systems.hpp, stage 7b): door and measurement-line crossings from each body
// centre's move over the step, and the classic density and speed in measurement areas; exits
// and stairs log their crossings where people leave the floor (transfer_system.cpp).
// Observes only: nothing here changes what anyone does.
#include <algorithm>
#include <cmath>

#include "crowd/systems.hpp"
#include "muster/geometry.hpp"

namespace muster::engine {

namespace {

// Where the move p0 -> p1 passes the segment centred at `at` (unit tangent, unit normal,
// half-length half): the fraction of the move and the side it goes to (+1 along the normal),
// or 0 when it does not pass within the segment. A centre exactly on the line has not passed.
int passes(Vec2 p0, Vec2 p1, Vec2 at, Vec2 tangent, Vec2 normal, double half, double& frac) {
    const double s0 = dot(p0 - at, normal), s1 = dot(p1 - at, normal);
    const int dir = s0 < 0 && s1 >= 0 ? 1 : s0 >= 0 && s1 < 0 ? -1 : 0;
    if (dir == 0)
        return 0;
    frac = s0 / (s0 - s1);
    const Vec2 x = p0 + (p1 - p0) * frac;
    return std::abs(dot(x - at, tangent)) <= half ? dir : 0;
}

size_t binOf(double t, double interval) {
    return static_cast<size_t>(std::max(0.0, t) / interval);
}

template <class T> T& at(std::vector<T>& v, size_t i) {
    if (v.size() <= i)
        v.resize(i + 1, T{});
    return v[i];
}

} // namespace

void setupMeasures(World& w) {
    const Scenario& sc = w.project.scenario;
    w.measureIntervalS = sc.measureIntervalS;
    for (const MeasureSpec& spec : sc.measures) {
        World::MeasureRt m;
        m.spec = &spec;
        m.floor = w.floorIndex(spec.floor);
        if (m.floor < 0)
            continue; // validation reports it
        if (spec.isLine()) {
            m.a = spec.line[0];
            m.b = spec.line[1];
            m.size = distance(m.a, m.b);
            m.tangent = (m.b - m.a) * (1.0 / std::max(1e-9, m.size));
            m.normal = {-m.tangent.y, m.tangent.x};
        } else {
            m.size = area(spec.area);
        }
        w.measures.push_back(std::move(m));
    }
    w.lastPos.resize(w.agents.size());
    w.lastFloor.assign(w.agents.size(), -1);
    for (size_t i = 0; i < w.agents.size(); ++i) {
        w.lastPos[i] = w.agents[i].pos;
        w.lastFloor[i] = w.agents[i].floor;
    }
}

void measure(World& w, FloorRt& f) {
    const double dt = w.opt.timeStepS;
    const double t0 = w.t - dt; // the step ran from t0 to w.t
    for (auto& m : w.measures)
        if (m.floor == f.index && !m.spec->isLine())
            at(m.steps, binOf(t0, w.measureIntervalS))++;
    for (std::uint32_t id : f.agents) {
        const Agent& a = w.agents[id];
        const bool seen = w.lastFloor[id] == f.index;
        const Vec2 p0 = w.lastPos[id];
        w.lastPos[id] = a.pos;
        w.lastFloor[id] = f.index;
        const double speed = seen ? distance(p0, a.pos) / dt : -1.0;
        for (auto& m : w.measures) {
            if (m.floor != f.index || m.spec->isLine() || !pointInPolygon(m.spec->area, a.pos))
                continue;
            const size_t bin = binOf(t0, w.measureIntervalS);
            at(m.count, bin) += 1.0;
            if (speed >= 0) {
                at(m.speedSum, bin) += speed;
                at(m.speedN, bin)++;
            }
        }
        if (!seen || (p0.x == a.pos.x && p0.y == a.pos.y))
            continue;
        double frac = 0.0;
        for (const std::uint32_t k : f.gateHash.segmentsAt(a.pos)) {
            const FloorRt::Gate& gt = f.gates[k];
            if (gt.exit)
                continue; // logged when the person is out (transfer_system.cpp)
            const int dir = passes(p0, a.pos, gt.at, gt.tangent, gt.normal, gt.widthM / 2.0, frac);
            if (dir == 0)
                continue;
            const int from = gt.sideRoom[dir > 0 ? 0 : 1], to = gt.sideRoom[dir > 0 ? 1 : 0];
            w.crossings.push_back({t0 + frac * dt, id, CrossingKind::Door,
                                   static_cast<std::int8_t>(dir * gt.towardsB),
                                   static_cast<std::int32_t>(k), f.index, from, to});
        }
        for (size_t k = 0; k < w.measures.size(); ++k) {
            auto& m = w.measures[k];
            if (m.floor != f.index || !m.spec->isLine())
                continue;
            const int dir =
                passes(p0, a.pos, (m.a + m.b) * 0.5, m.tangent, m.normal, m.size / 2.0, frac);
            if (dir == 0)
                continue;
            const double t = t0 + frac * dt;
            w.crossings.push_back({t, id, CrossingKind::Line, static_cast<std::int8_t>(dir),
                                   static_cast<std::int32_t>(k), f.index, -1, -1});
            const size_t bin = binOf(t, w.measureIntervalS);
            at(m.count, bin) += 1.0;
            at(m.speedSum, bin) += speed;
            at(m.speedN, bin)++;
        }
    }
}

void logCrossing(World& w, std::uint32_t person, CrossingKind kind, int dir, int ref, int floor,
                 int from, int to) {
    w.crossings.push_back({w.t, person, kind, static_cast<std::int8_t>(dir), ref, floor, from, to});
    if (person < w.lastFloor.size())
        w.lastFloor[person] = -1;
}

} // namespace muster::engine
