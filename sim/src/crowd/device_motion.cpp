#include "crowd/device_motion.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "muster/geometry.hpp"

namespace muster {

namespace {

struct Frame2 {
    Vec2 c, u, n; // centre, long axis, short axis
};

Frame2 frameOf(const DevicePose& p) {
    const Vec2 u{std::cos(p.angle), std::sin(p.angle)};
    return {p.c, u, Vec2{-u.y, u.x}};
}

Vec2 toLocal(const Frame2& f, Vec2 p) {
    const Vec2 d = p - f.c;
    return {dot(d, f.u), dot(d, f.n)};
}

double pointBoxDistance(Vec2 q, double hl, double hw) {
    const double dx = std::max(std::abs(q.x) - hl, 0.0);
    const double dy = std::max(std::abs(q.y) - hw, 0.0);
    return std::sqrt(dx * dx + dy * dy);
}

// Liang-Barsky: does the segment p0-p1 meet the box [-hl, hl] x [-hw, hw]?
bool segmentHitsBox(Vec2 p0, Vec2 p1, double hl, double hw) {
    double t0 = 0.0, t1 = 1.0;
    const Vec2 d = p1 - p0;
    const std::array<double, 4> p{-d.x, d.x, -d.y, d.y};
    const std::array<double, 4> q{p0.x + hl, hl - p0.x, p0.y + hw, hw - p0.y};
    for (int i = 0; i < 4; ++i) {
        if (std::abs(p[static_cast<size_t>(i)]) < 1e-15) {
            if (q[static_cast<size_t>(i)] < 0)
                return false;
            continue;
        }
        const double r = q[static_cast<size_t>(i)] / p[static_cast<size_t>(i)];
        if (p[static_cast<size_t>(i)] < 0)
            t0 = std::max(t0, r);
        else
            t1 = std::min(t1, r);
        if (t0 > t1)
            return false;
    }
    return true;
}

double clearanceLocal(const Frame2& f, const Footprint& fp, const SolidSeg& s) {
    const Vec2 a = toLocal(f, s.a), b = toLocal(f, s.b);
    const double hl = fp.halfLen, hw = fp.halfWid;
    if (segmentHitsBox(a, b, hl, hw))
        return -s.half;
    double d = std::min(pointBoxDistance(a, hl, hw), pointBoxDistance(b, hl, hw));
    const std::array<Vec2, 4> corners{Vec2{hl, hw}, Vec2{-hl, hw}, Vec2{-hl, -hw}, Vec2{hl, -hw}};
    for (const Vec2& k : corners)
        d = std::min(d, distanceToSegment(k, a, b));
    return d - s.half;
}

double clearanceAll(const Frame2& f, const Footprint& fp, const std::vector<SolidSeg>& segs) {
    double best = std::numeric_limits<double>::infinity();
    for (const auto& s : segs)
        best = std::min(best, clearanceLocal(f, fp, s));
    return best;
}

DevicePose advance(DevicePose p, double vf, double vs, double w, double dt) {
    const double mid = p.angle + w * dt / 2.0;
    const Vec2 u{std::cos(mid), std::sin(mid)};
    const Vec2 n{-u.y, u.x};
    p.c = p.c + (u * vf + n * vs) * dt;
    p.angle += w * dt;
    return p;
}

} // namespace

double rectSegmentClearance(const DevicePose& pose, const Footprint& fp, const SolidSeg& s) {
    return clearanceLocal(frameOf(pose), fp, s);
}

double rectClearance(const DevicePose& pose, const Footprint& fp,
                     const std::vector<SolidSeg>& segs) {
    return clearanceAll(frameOf(pose), fp, segs);
}

void appendRectEdges(const DevicePose& pose, const Footprint& fp, std::vector<SolidSeg>& out) {
    const Frame2 f = frameOf(pose);
    const std::array<Vec2, 4> k{
        f.c + f.u * fp.halfLen + f.n * fp.halfWid, f.c - f.u * fp.halfLen + f.n * fp.halfWid,
        f.c - f.u * fp.halfLen - f.n * fp.halfWid, f.c + f.u * fp.halfLen - f.n * fp.halfWid};
    for (size_t i = 0; i < 4; ++i)
        out.push_back({k[i], k[(i + 1) % 4], 0.0});
}

void appendWallBox(Vec2 a, Vec2 b, double thicknessM, std::vector<SolidSeg>& out) {
    const double len = distance(a, b);
    if (len < 1e-6)
        return;
    const Vec2 tan = (b - a) * (1.0 / len);
    const Vec2 off = Vec2{-tan.y, tan.x} * (thicknessM / 2.0);
    const std::array<Vec2, 4> k{a + off, b + off, b - off, a - off};
    for (size_t i = 0; i < 4; ++i)
        out.push_back({k[i], k[(i + 1) % 4], 0.0});
}

void deviceEnds(const DevicePose& pose, const Footprint& fp, Vec2& a, Vec2& b) {
    const double off = std::max(0.0, fp.halfLen - fp.halfWid);
    const Vec2 u{std::cos(pose.angle), std::sin(pose.angle)};
    a = pose.c + u * off;
    b = pose.c - u * off;
}

DeviceMotion planDeviceMotion(const DevicePose& pose, const Footprint& fp, int front, double speed,
                              const std::vector<SolidSeg>& solids,
                              const std::function<double(Vec2)>& cost,
                              const std::function<Vec2(Vec2)>& direction, bool escape,
                              const DeviceMotionParams& prm) {
    DeviceMotion out;
    const double halfDiag = std::hypot(fp.halfLen, fp.halfWid);
    // Both ends' walking distances, plus how far the leading end points away from the route
    // there: a crew lines the bed up with a door before it reaches the frame.
    auto objective = [&](const DevicePose& p) {
        Vec2 a, b;
        deviceEnds(p, fp, a, b);
        const Vec2 lead = front > 0 ? a : b;
        const Vec2 axis = Vec2{std::cos(p.angle), std::sin(p.angle)} * static_cast<double>(front);
        const Vec2 d = direction(lead);
        const double l = length(d);
        const double misalign = l > 1e-9 ? l - dot(axis, d) : 0.0;
        return cost(a) + cost(b) + prm.alignWeightM * misalign;
    };
    const double j0 = objective(pose);
    out.cost = j0;
    if (speed <= 1e-6)
        return out;
    const double clear0 = clearanceAll(frameOf(pose), fp, solids);
    // Already touching (Box2D lets a pushed body sink a few millimetres): any motion that does
    // not make it worse is allowed, so the device can work itself free.
    const double need = std::min(prm.minClearanceM, clear0 - 1e-3);

    struct Cand {
        double vf, vs, w, j;
    };
    static constexpr std::array<double, 5> kFwd{1.0, 0.66, 0.33, 0.0, -0.33};
    static constexpr std::array<double, 3> kSide{0.0, 1.0, -1.0};
    static constexpr std::array<double, 7> kTurn{0.0, 0.25, -0.25, 0.5, -0.5, 1.0, -1.0};
    std::vector<Cand> cands;
    cands.reserve(kFwd.size() * kSide.size() * kTurn.size());
    const double wMax = speed / halfDiag;
    auto add = [&](double fs, double ss, double vf, double vs, double w) {
        // No point of the device moves faster than the crew walks: turning slows it.
        const double fastest = std::hypot(vf, vs) + std::abs(w) * halfDiag;
        if (fastest > speed) {
            const double k = speed / fastest;
            vf *= k;
            vs *= k;
            w *= k;
        }
        const DevicePose end = advance(pose, vf, vs, w, prm.horizonS);
        double j = objective(end);
        if (fs < 0)
            j += prm.reversePenaltyM;
        j += prm.turnPenaltyM * std::abs(w) + prm.sidePenaltyM * ss * ss;
        cands.push_back({vf, vs, w, j});
    };
    for (double fs : kFwd)
        for (double ss : kSide)
            for (double ts : kTurn) {
                if (fs == 0.0 && ss == 0.0 && ts == 0.0)
                    continue;
                add(fs, ss, fs * speed * front, ss * prm.lateralShare * speed, ts * wMax);
            }
    std::stable_sort(cands.begin(), cands.end(),
                     [](const Cand& x, const Cand& y) { return x.j < y.j; });
    const double dt = prm.horizonS / prm.checks;
    for (const Cand& c : cands) {
        // Staying put is better than anything left, unless the caller says the device is
        // stuck there: then the best motion that keeps clear, even one that loses ground.
        if (c.j >= j0 && !escape)
            break;
        DevicePose p = pose;
        bool ok = true;
        for (int k = 0; k < prm.checks && ok; ++k) {
            p = advance(p, c.vf, c.vs, c.w, dt);
            ok = clearanceAll(frameOf(p), fp, solids) >= need;
        }
        if (!ok)
            continue;
        const Vec2 u{std::cos(pose.angle), std::sin(pose.angle)};
        const Vec2 n{-u.y, u.x};
        out.vel = u * c.vf + n * c.vs;
        out.omega = c.w;
        out.cost = c.j;
        out.feasible = true;
        return out;
    }
    return out;
}

} // namespace muster
