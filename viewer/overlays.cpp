#include "viewer/overlays.hpp"

#include <algorithm>
#include <cmath>

#include "muster/geometry.hpp"
#include "viewer/colours.hpp"
#include "viewer/layers.hpp"

namespace muster::viewer {

namespace {

Vec2 unit(Vec2 v) {
    const double l = length(v);
    return l > 1e-12 ? v * (1.0 / l) : Vec2{1, 0};
}

} // namespace

std::optional<FloorCoverage> floorCoverage(const Project& p, const Floor& floor,
                                           const RulesSet& rules, Date today, double cellM,
                                           std::string* problem) {
    const Building* b = p.buildingOfFloor(floor.id);
    if (!b) {
        if (problem)
            *problem = "floor " + floor.id + " belongs to no building";
        return std::nullopt;
    }
    auto it = rules.find(b->rulesProfile);
    if (it == rules.end()) {
        if (problem)
            *problem = "no rules profile '" + b->rulesProfile + "' loaded for building " + b->id +
                       " (coverage needs assets/rules/" + b->rulesProfile + ".yaml)";
        return std::nullopt;
    }
    CoverageOptions opt;
    opt.cellM = cellM;
    opt.regions = true;
    return computeFloorCoverage(floor, p.inventory.extinguishers, it->second, today, opt);
}

CoverageLayerStats buildCoverage(const FloorCoverage& fc, Vec2 off, double markM,
                                 sf::VertexArray& out, FireClass cls) {
    CoverageLayerStats st;
    const ClassCoverage* cc = fc.find(cls);
    if (!cc)
        return st;
    for (const UncoveredRegion& r : cc->regions) {
        ++st.regions;
        for (const Polygon& rect : r.rects) {
            if (rect.size() < 3)
                continue;
            const Bounds b = boundsOf(rect); // rects are axis-aligned (checks.hpp)
            addRect(out, b.min + off, b.max + off, colours::kUncovered);
            ++st.quads;
            st.areaM2 += (b.max.x - b.min.x) * (b.max.y - b.min.y);
        }
    }
    if (cc->total.uncoveredM2 > 0 && markM > 0) {
        const Vec2 c = cc->total.worstPoint + off;
        const double h = markM * 0.5;
        addSegment(out, c + Vec2{-h, -h}, c + Vec2{h, h}, markM * 0.18, colours::kWorstPoint, true);
        addSegment(out, c + Vec2{-h, h}, c + Vec2{h, -h}, markM * 0.18, colours::kWorstPoint, true);
    }
    return st;
}

std::vector<std::string> smokeCompartments(const Floor& floor) {
    std::vector<std::string> ids;
    for (const Room& r : floor.rooms)
        if (!r.compartment.empty() && std::find(ids.begin(), ids.end(), r.compartment) == ids.end())
            ids.push_back(r.compartment);
    return ids;
}

namespace {

// The parts of `s` that no segment of `cutters` overlaps collinearly (1 cm tolerance: the floor
// files share vertices, but a corridor side may span several rooms).
void subtractCollinear(const Segment& s, const std::vector<const Segment*>& cutters,
                       std::vector<Segment>& out) {
    constexpr double kTol = 0.01;
    const Vec2 a = s.a, d = s.b - a;
    const double len = length(d);
    if (len < kTol)
        return;
    const Vec2 u = d * (1.0 / len);
    std::vector<std::pair<double, double>> covered;
    for (const Segment* c : cutters) {
        const Vec2 p = c->a - a, q = c->b - a;
        if (std::abs(cross(u, p)) > kTol || std::abs(cross(u, q)) > kTol)
            continue; // not collinear
        double s0 = dot(u, p), s1 = dot(u, q);
        if (s0 > s1)
            std::swap(s0, s1);
        s0 = std::max(s0, 0.0);
        s1 = std::min(s1, len);
        if (s1 - s0 > kTol)
            covered.emplace_back(s0, s1);
    }
    std::sort(covered.begin(), covered.end());
    double t = 0.0;
    for (const auto& [s0, s1] : covered) {
        if (s0 > t + kTol)
            out.push_back({a + u * t, a + u * s0});
        t = std::max(t, s1);
    }
    if (len > t + kTol)
        out.push_back({a + u * t, s.b});
}

} // namespace

std::vector<Segment> compartmentOutline(const Floor& floor, const std::string& id) {
    std::vector<Segment> edges;
    std::vector<std::size_t> owner; // room index of each edge
    for (std::size_t ri = 0; ri < floor.rooms.size(); ++ri) {
        const Room& r = floor.rooms[ri];
        if (r.compartment != id || r.polygon.size() < 3)
            continue;
        for (std::size_t i = 0; i < r.polygon.size(); ++i) {
            edges.push_back({r.polygon[i], r.polygon[(i + 1) % r.polygon.size()]});
            owner.push_back(ri);
        }
    }
    // An edge shared (in part) with another room of the compartment is inside it.
    std::vector<Segment> out;
    std::vector<const Segment*> others;
    for (std::size_t i = 0; i < edges.size(); ++i) {
        others.clear();
        for (std::size_t j = 0; j < edges.size(); ++j)
            if (owner[j] != owner[i])
                others.push_back(&edges[j]);
        subtractCollinear(edges[i], others, out);
    }
    return out;
}

std::vector<Segment> compartmentBarriers(const Floor& floor, const std::string& id) {
    std::vector<Segment> outline;
    for (std::size_t i = 0; i < floor.outline.size(); ++i)
        outline.push_back({floor.outline[i], floor.outline[(i + 1) % floor.outline.size()]});
    std::vector<const Segment*> cutters;
    for (const Segment& s : outline)
        cutters.push_back(&s);
    std::vector<Segment> out;
    for (const Segment& s : compartmentOutline(floor, id))
        subtractCollinear(s, cutters, out);
    return out;
}

void buildCompartments(const Floor& floor, Vec2 off, double widthM, sf::VertexArray& out,
                       double dashM, double gapM) {
    for (const std::string& id : smokeCompartments(floor))
        for (const Segment& s : compartmentBarriers(floor, id)) {
            const double len = distance(s.a, s.b);
            const Vec2 u = unit(s.b - s.a);
            for (double t = 0.0; t < len; t += dashM + gapM)
                addSegment(out, s.a + u * t + off, s.a + u * std::min(len, t + dashM) + off, widthM,
                           colours::kCompartment);
        }
}

std::vector<AssemblyMarker> assemblyMarkers(const SceneFloor& f, double distanceM) {
    std::vector<AssemblyMarker> out;
    if (!f.floor)
        return out;
    for (const Exit& x : f.floor->exits) {
        if (x.assemblyPoint.empty())
            continue;
        AssemblyMarker m;
        m.id = x.assemblyPoint;
        m.exit = x.id;
        m.at = x.at + exitOpening(f.floor->outline, x.at, x.widthM).outward * distanceM;
        if (f.building)
            for (const AssemblyPoint& ap : f.building->assemblyPoints)
                if (ap.id == x.assemblyPoint)
                    m.name = ap.name;
        out.push_back(std::move(m));
    }
    return out;
}

void buildAssemblyMarkers(const std::vector<AssemblyMarker>& markers, Vec2 off, double r,
                          sf::VertexArray& out) {
    // A green disc with a white ring and centre: the usual assembly point sign, simplified.
    constexpr int kSides = 20;
    auto disc = [&](Vec2 c, double radius, sf::Color col) {
        for (int i = 0; i < kSides; ++i) {
            const double a0 = 2 * M_PI * i / kSides, a1 = 2 * M_PI * (i + 1) / kSides;
            addTriangle(out, c, c + Vec2{std::cos(a0), std::sin(a0)} * radius,
                        c + Vec2{std::cos(a1), std::sin(a1)} * radius, col);
        }
    };
    for (const AssemblyMarker& m : markers) {
        const Vec2 c = m.at + off;
        disc(c, r, colours::kAssembly);
        disc(c, r * 0.62, sf::Color::White);
        disc(c, r * 0.42, colours::kAssembly);
    }
}

} // namespace muster::viewer
