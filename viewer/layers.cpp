#include "viewer/layers.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "muster/checks.hpp"
#include "muster/geometry.hpp"

namespace muster::viewer {

namespace {

// The outline is drawn this thick (buildFloorStatic); exits are cut into it.
constexpr double kOutlineDrawnM = 0.3;

sf::Vector2f v2f(Vec2 v) {
    return {static_cast<float>(v.x), static_cast<float>(v.y)};
}

Vec2 normalized(Vec2 v) {
    const double l = length(v);
    return l > 1e-12 ? v * (1.0 / l) : Vec2{1, 0};
}
Vec2 perp(Vec2 v) {
    return {-v.y, v.x};
}

sf::Color withAlpha(sf::Color c, sf::Uint8 a) {
    c.a = a;
    return c;
}
sf::Color darker(sf::Color c, float f) {
    return {static_cast<sf::Uint8>(c.r * f), static_cast<sf::Uint8>(c.g * f),
            static_cast<sf::Uint8>(c.b * f), c.a};
}

} // namespace

void addTriangle(sf::VertexArray& va, Vec2 a, Vec2 b, Vec2 c, sf::Color col) {
    va.append(sf::Vertex(v2f(a), col));
    va.append(sf::Vertex(v2f(b), col));
    va.append(sf::Vertex(v2f(c), col));
}

void addQuad(sf::VertexArray& va, Vec2 a, Vec2 b, Vec2 c, Vec2 d, sf::Color col) {
    addTriangle(va, a, b, c, col);
    addTriangle(va, a, c, d, col);
}

void addSegment(sf::VertexArray& va, Vec2 a, Vec2 b, double width, sf::Color col, bool squareCaps) {
    Vec2 d = normalized(b - a);
    if (squareCaps) {
        a = a - d * (width * 0.5);
        b = b + d * (width * 0.5);
    }
    const Vec2 n = perp(d) * (width * 0.5);
    addQuad(va, a + n, b + n, b - n, a - n, col);
}

void addRect(sf::VertexArray& va, Vec2 mn, Vec2 mx, sf::Color col) {
    addQuad(va, mn, {mx.x, mn.y}, mx, {mn.x, mx.y}, col);
}

std::vector<std::size_t> triangulate(const Polygon& poly) {
    std::vector<std::size_t> out;
    const std::size_t n = poly.size();
    if (n < 3)
        return out;
    std::vector<std::size_t> idx(n);
    for (std::size_t i = 0; i < n; ++i)
        idx[i] = i;
    if (signedArea(poly) < 0)
        std::reverse(idx.begin(), idx.end()); // work counter-clockwise
    auto inside = [&](Vec2 p, Vec2 a, Vec2 b, Vec2 c) {
        return cross(b - a, p - a) >= 0 && cross(c - b, p - b) >= 0 && cross(a - c, p - c) >= 0;
    };
    std::size_t guard = 0;
    while (idx.size() > 3 && guard++ < n * n) {
        bool clipped = false;
        for (std::size_t i = 0; i < idx.size(); ++i) {
            const std::size_t ia = idx[(i + idx.size() - 1) % idx.size()], ib = idx[i],
                              ic = idx[(i + 1) % idx.size()];
            const Vec2 a = poly[ia], b = poly[ib], c = poly[ic];
            if (cross(b - a, c - b) <= 1e-12)
                continue; // reflex or degenerate corner
            bool ear = true;
            for (std::size_t j : idx) {
                if (j == ia || j == ib || j == ic)
                    continue;
                if (poly[j] == a || poly[j] == b || poly[j] == c)
                    continue;
                if (inside(poly[j], a, b, c)) {
                    ear = false;
                    break;
                }
            }
            if (!ear)
                continue;
            out.insert(out.end(), {ia, ib, ic});
            idx.erase(idx.begin() + static_cast<std::ptrdiff_t>(i));
            clipped = true;
            break;
        }
        if (!clipped) {
            // Degenerate (collinear runs, self-touching): drop a vertex with no area.
            for (std::size_t i = 0; i < idx.size(); ++i) {
                const Vec2 a = poly[idx[(i + idx.size() - 1) % idx.size()]], b = poly[idx[i]],
                           c = poly[idx[(i + 1) % idx.size()]];
                if (std::abs(cross(b - a, c - b)) <= 1e-12) {
                    idx.erase(idx.begin() + static_cast<std::ptrdiff_t>(i));
                    clipped = true;
                    break;
                }
            }
            if (!clipped)
                break;
        }
    }
    if (idx.size() == 3)
        out.insert(out.end(), {idx[0], idx[1], idx[2]});
    return out;
}

void addPolygon(sf::VertexArray& va, const Polygon& poly, sf::Color col) {
    const auto tri = triangulate(poly);
    for (std::size_t i = 0; i + 2 < tri.size(); i += 3)
        addTriangle(va, poly[tri[i]], poly[tri[i + 1]], poly[tri[i + 2]], col);
}

std::vector<DoorGeom> doorGeometry(const SceneFloor& f) {
    std::vector<DoorGeom> out;
    if (!f.floor)
        return out;
    const Floor& fl = *f.floor;
    struct Seg {
        Vec2 a, b;
        double t;
    };
    std::vector<Seg> segs;
    for (std::size_t i = 0; i < fl.outline.size(); ++i)
        segs.push_back({fl.outline[i], fl.outline[(i + 1) % fl.outline.size()], kOutlineDrawnM});
    for (const auto& w : fl.walls)
        for (std::size_t i = 0; i + 1 < w.points.size(); ++i)
            segs.push_back({w.points[i], w.points[i + 1], w.thicknessM});
    // A door takes the direction and thickness of the nearest wall or outline edge.
    auto place = [&](DoorGeom& g) {
        double best = std::numeric_limits<double>::max();
        for (std::size_t i = 0; i < segs.size(); ++i) {
            const double d = distanceToSegment(g.at, segs[i].a, segs[i].b);
            if (d < best) {
                best = d;
                g.along = normalized(segs[i].b - segs[i].a);
                g.wallM = segs[i].t;
            }
        }
    };
    std::size_t k = 0;
    for (const auto& d : fl.doors) {
        DoorGeom g;
        g.id = d.id;
        g.at = d.at;
        g.widthM = d.widthM;
        g.fireDoor = d.fireDoor;
        g.initiallyOpen = d.state == DoorState::Open;
        g.slot = k < f.doorSlots.size() ? f.doorSlots[k] : -1;
        place(g);
        out.push_back(g);
        ++k;
    }
    for (const auto& e : fl.exits) {
        DoorGeom g;
        g.id = e.id;
        g.at = e.at;
        g.widthM = e.widthM;
        g.isExit = true;
        g.initiallyOpen = e.state == DoorState::Open && !e.obstructed;
        g.slot = k < f.doorSlots.size() ? f.doorSlots[k] : -1;
        // An exit lies on the outline: its edge and way out are the core's (exitOpening).
        const ExitOpening o = exitOpening(fl.outline, e.at, e.widthM);
        g.along = o.along;
        g.outward = o.outward;
        g.wallM = kOutlineDrawnM;
        out.push_back(g);
        ++k;
    }
    return out;
}

void buildFloorStatic(const SceneFloor& f, Vec2 off, sf::VertexArray& out) {
    if (!f.floor)
        return;
    const Floor& fl = *f.floor;
    auto moved = [&](const Polygon& p) {
        Polygon q = p;
        for (auto& v : q)
            v = v + off;
        return q;
    };
    // A soft shadow under the slab, then the slab itself (areas no room covers).
    {
        Polygon shadow = moved(fl.outline);
        for (auto& v : shadow)
            v = v + Vec2{0.35, -0.35};
        addPolygon(out, shadow, sf::Color(0, 0, 0, 90));
        addPolygon(out, moved(fl.outline), sf::Color(222, 226, 230));
    }
    for (const auto& r : fl.rooms)
        addPolygon(out, moved(r.polygon), roomFill(r.kind));
    // Stair treads across the flight (along the room's short side), 0.28 m going
    // (GB 50016-2014 6.4 / typical riser-going pair), drawn as thin lines.
    for (const auto& r : fl.rooms) {
        if (r.kind != RoomKind::Stair)
            continue;
        const Bounds b = boundsOf(r.polygon);
        const double w = b.max.x - b.min.x, h = b.max.y - b.min.y;
        const double inset = 0.35;
        if (h >= w) {
            for (double y = b.min.y + inset + 0.6; y < b.max.y - inset; y += 0.28)
                addSegment(out, Vec2{b.min.x + inset, y} + off, Vec2{b.max.x - inset, y} + off,
                           0.04, colours::kStairTread);
            addSegment(out, Vec2{(b.min.x + b.max.x) * 0.5, b.min.y + inset} + off,
                       Vec2{(b.min.x + b.max.x) * 0.5, b.max.y - inset} + off, 0.06,
                       colours::kStairTread);
        } else {
            for (double x = b.min.x + inset + 0.6; x < b.max.x - inset; x += 0.28)
                addSegment(out, Vec2{x, b.min.y + inset} + off, Vec2{x, b.max.y - inset} + off,
                           0.04, colours::kStairTread);
            addSegment(out, Vec2{b.min.x + inset, (b.min.y + b.max.y) * 0.5} + off,
                       Vec2{b.max.x - inset, (b.min.y + b.max.y) * 0.5} + off, 0.06,
                       colours::kStairTread);
        }
    }
    for (const auto& o : fl.obstacles) {
        addPolygon(out, moved(o.polygon), colours::kObstacle);
        for (std::size_t i = 0; i < o.polygon.size(); ++i)
            addSegment(out, o.polygon[i] + off, o.polygon[(i + 1) % o.polygon.size()] + off, 0.06,
                       colours::kWall);
        // Cross-hatch: a shaft or fixed block nobody can enter.
        const Bounds b = boundsOf(o.polygon);
        addSegment(out, b.min + off, b.max + off, 0.05, colours::kWall);
        addSegment(out, Vec2{b.min.x, b.max.y} + off, Vec2{b.max.x, b.min.y} + off, 0.05,
                   colours::kWall);
    }
    for (const auto& r : fl.rooms)
        for (std::size_t i = 0; i < r.polygon.size(); ++i)
            addSegment(out, r.polygon[i] + off, r.polygon[(i + 1) % r.polygon.size()] + off, 0.05,
                       colours::kRoomEdge);
    for (const auto& w : fl.walls)
        for (std::size_t i = 0; i + 1 < w.points.size(); ++i)
            addSegment(out, w.points[i] + off, w.points[i + 1] + off, w.thicknessM, colours::kWall,
                       true);
    for (std::size_t i = 0; i < fl.outline.size(); ++i)
        addSegment(out, fl.outline[i] + off, fl.outline[(i + 1) % fl.outline.size()] + off,
                   kOutlineDrawnM, colours::kWall, true);
}

void buildDoors(const std::vector<DoorGeom>& doors, const Frame* frame, Vec2 off,
                sf::VertexArray& out) {
    for (const auto& g : doors) {
        bool open = g.initiallyOpen;
        if (frame && g.slot >= 0 && std::size_t(g.slot) < frame->doorOpen.size())
            open = frame->doorOpen[std::size_t(g.slot)] != 0;
        const Vec2 c = g.at + off;
        const Vec2 half = g.along * (g.widthM * 0.5);
        const Vec2 n = perp(g.along);
        const double t = g.wallM * 0.5 + 0.03;
        // The opening cut into the wall.
        addQuad(out, c - half + n * t, c + half + n * t, c + half - n * t, c - half - n * t,
                colours::kDoorOpening);
        if (g.isExit) {
            const sf::Color col = open ? colours::kExit : colours::kClosedDoor;
            const Vec2 o = g.outward;
            const Vec2 base = c + o * (g.wallM * 0.5);
            addQuad(out, base - half, base + half, base + half + o * 0.7, base - half + o * 0.7,
                    col);
            // Arrow pointing out.
            const double aw = std::min(0.45, g.widthM * 0.3);
            addTriangle(out, base + o * 0.15 - g.along * aw, base + o * 0.15 + g.along * aw,
                        base + o * 0.6, sf::Color::White);
            if (!open) {
                addSegment(out, c - half - o * 0.3, c + half + o * 1.0, 0.12, colours::kClosedDoor);
                addSegment(out, c + half - o * 0.3, c - half + o * 1.0, 0.12, colours::kClosedDoor);
            }
            continue;
        }
        const sf::Color jamb = g.fireDoor ? colours::kFireDoor : colours::kDoorLeaf;
        const double jl = g.wallM * 0.5 + 0.12;
        addSegment(out, c - half - n * jl, c - half + n * jl, g.fireDoor ? 0.14 : 0.08, jamb);
        addSegment(out, c + half - n * jl, c + half + n * jl, g.fireDoor ? 0.14 : 0.08, jamb);
        if (!open) {
            addSegment(out, c - half, c + half, std::max(0.16, g.wallM * 0.8),
                       colours::kClosedDoor);
        } else if (g.fireDoor) {
            addSegment(out, c - half, c + half, 0.05, colours::kFireDoor);
        }
    }
}

void buildSmoke(const SceneFloor& f, const Frame& frame, Vec2 off, sf::VertexArray& out) {
    if (!f.floor)
        return;
    for (std::size_t i = 0; i < f.floor->rooms.size() && i < f.roomSlots.size(); ++i) {
        const int s = f.roomSlots[i];
        if (s < 0 || std::size_t(s) >= frame.roomSmoke.size())
            continue;
        const float level = std::clamp(frame.roomSmoke[std::size_t(s)], 0.0f, 1.0f);
        if (level <= 0.01f)
            continue;
        Polygon p = f.floor->rooms[i].polygon;
        for (auto& v : p)
            v = v + off;
        addPolygon(out, p, withAlpha(colours::kSmoke, static_cast<sf::Uint8>(40 + 170 * level)));
    }
}

bool isInside(const AgentSample& s, int floorCount) {
    return s.floor >= 0 && s.floor < floorCount && s.state != AgentState::Evacuated &&
           s.state != AgentState::OnStair;
}

std::optional<Vec2> agentPosition(const Frame& a, const Frame* b, float alpha, std::size_t i,
                                  int* floorOut) {
    if (i >= a.agents.size())
        return std::nullopt;
    const AgentSample& s = a.agents[i];
    if (s.floor < 0 || s.state == AgentState::Evacuated || s.state == AgentState::OnStair)
        return std::nullopt;
    Vec2 p{s.x, s.y};
    if (b && i < b->agents.size() && b->agents[i].floor == s.floor && alpha > 0.0f) {
        const AgentSample& t = b->agents[i];
        p = p + (Vec2{t.x, t.y} - p) * double(alpha);
    }
    if (floorOut)
        *floorOut = s.floor;
    return p;
}

std::size_t buildPeople(const Scene& scene, const Frame& a, const Frame* b, float alpha, int floor,
                        const PeopleStyle& style, sf::VertexArray& discs,
                        sf::VertexArray& devices) {
    const int floorCount = static_cast<int>(scene.floors.size());
    std::size_t drawn = 0;
    const float T = kDiscTextureSize;
    const bool lerp = b && alpha > 0.0f && b->agents.size() == a.agents.size();
    for (std::size_t i = 0; i < a.agents.size(); ++i) {
        const AgentSample& s = a.agents[i];
        if (!isInside(s, floorCount))
            continue;
        if (floor >= 0 && s.floor != floor)
            continue;
        double x = s.x, y = s.y;
        if (lerp && b->agents[i].floor == s.floor) {
            x += (double(b->agents[i].x) - x) * alpha;
            y += (double(b->agents[i].y) - y) * alpha;
        }
        if (floor < 0) {
            const Vec2 o = scene.floors[std::size_t(s.floor)].overviewOffset;
            x += o.x;
            y += o.y;
        }
        const AgentInfo* info = i < scene.header.agents.size() ? &scene.header.agents[i] : nullptr;
        if (info && info->device != DeviceKind::None && info->deviceLengthM > 0) {
            // The bed or wheelchair as its footprint, long side along the heading.
            const Vec2 d{std::cos(double(s.heading)), std::sin(double(s.heading))};
            const Vec2 n = perp(d);
            const Vec2 c{x, y};
            const Vec2 hl = d * (info->deviceLengthM * 0.5), hw = n * (info->deviceWidthM * 0.5);
            const sf::Color fill = info->device == DeviceKind::Bed ? sf::Color(248, 249, 250)
                                                                   : sf::Color(206, 212, 218);
            const Vec2 e1 = d * 0.05, e2 = n * 0.05;
            addQuad(devices, c - hl - hw - e1 - e2, c + hl - hw + e1 - e2, c + hl + hw + e1 + e2,
                    c - hl + hw - e1 + e2, sf::Color(73, 80, 87));
            addQuad(devices, c - hl - hw, c + hl - hw, c + hl + hw, c - hl + hw, fill);
        }
        sf::Color col = style.mode == ColourMode::Profile && i < scene.agentProfile.size()
                            ? profileColour(std::size_t(scene.agentProfile[i]))
                            : stateColour(s.state);
        if (s.flags & 1u)
            col = darker(col, 0.45f); // in smoke
        const double r = std::max(double(info ? info->radiusM : 0.2f), style.minRadiusM);
        const sf::Vector2f p0(float(x - r), float(y - r)), p1(float(x + r), float(y + r));
        discs.append(sf::Vertex({p0.x, p0.y}, col, {0, T}));
        discs.append(sf::Vertex({p1.x, p0.y}, col, {T, T}));
        discs.append(sf::Vertex({p1.x, p1.y}, col, {T, 0}));
        discs.append(sf::Vertex({p0.x, p0.y}, col, {0, T}));
        discs.append(sf::Vertex({p1.x, p1.y}, col, {T, 0}));
        discs.append(sf::Vertex({p0.x, p1.y}, col, {0, 0}));
        ++drawn;
    }
    return drawn;
}

DensityGrid computeDensity(const SceneFloor& f, int floorIndex, const Frame& frame) {
    DensityGrid g;
    if (!f.bounds.valid())
        return g;
    g.origin = f.bounds.min;
    g.cols = std::max(1, int(std::ceil((f.bounds.max.x - f.bounds.min.x) / kHeatCellM)));
    g.rows = std::max(1, int(std::ceil((f.bounds.max.y - f.bounds.min.y) / kHeatCellM)));
    std::vector<int> count(std::size_t(g.cols) * std::size_t(g.rows), 0);
    for (const auto& s : frame.agents) {
        if (s.floor != floorIndex || s.state == AgentState::Evacuated ||
            s.state == AgentState::OnStair)
            continue;
        const int c = int((s.x - g.origin.x) / kHeatCellM),
                  r = int((s.y - g.origin.y) / kHeatCellM);
        if (c < 0 || r < 0 || c >= g.cols || r >= g.rows)
            continue;
        ++count[std::size_t(r) * std::size_t(g.cols) + std::size_t(c)];
    }
    g.density.assign(count.size(), 0.0f);
    const float cellArea = float(kHeatCellM * kHeatCellM);
    for (int r = 0; r < g.rows; ++r)
        for (int c = 0; c < g.cols; ++c) {
            int sum = 0;
            for (int dr = -1; dr <= 1; ++dr)
                for (int dc = -1; dc <= 1; ++dc) {
                    const int rr = r + dr, cc = c + dc;
                    if (rr < 0 || cc < 0 || rr >= g.rows || cc >= g.cols)
                        continue;
                    sum += count[std::size_t(rr) * std::size_t(g.cols) + std::size_t(cc)];
                }
            g.density[std::size_t(r) * std::size_t(g.cols) + std::size_t(c)] =
                float(sum) / (9.0f * cellArea);
        }
    return g;
}

void accumulatePeak(DensityGrid& peak, const DensityGrid& now) {
    if (peak.cols != now.cols || peak.rows != now.rows ||
        peak.density.size() != now.density.size()) {
        peak = now;
        return;
    }
    for (std::size_t i = 0; i < now.density.size(); ++i)
        peak.density[i] = std::max(peak.density[i], now.density[i]);
}

void buildHeat(const DensityGrid& g, Vec2 off, sf::Uint8 alpha, sf::VertexArray& out) {
    for (int r = 0; r < g.rows; ++r)
        for (int c = 0; c < g.cols; ++c) {
            const float d = g.at(c, r);
            // Level A (free walking) is left unshaded so the map shows where crowding starts.
            if (d <= 0.0f || fruinLevel(d) == 'A')
                continue;
            const Vec2 mn = g.origin + off + Vec2{c * kHeatCellM, r * kHeatCellM};
            addRect(out, mn, mn + Vec2{kHeatCellM, kHeatCellM},
                    withAlpha(fruinColour(fruinLevel(d)), alpha));
        }
}

void buildTrails(const std::vector<const Frame*>& history, int floor, Vec2 off,
                 const std::vector<std::size_t>& agents, sf::VertexArray& out, double widthM) {
    const std::size_t n = history.size();
    if (n < 2)
        return;
    for (std::size_t id : agents) {
        for (std::size_t k = 0; k + 1 < n; ++k) {
            const Frame& a = *history[k];
            const Frame& b = *history[k + 1];
            if (id >= a.agents.size() || id >= b.agents.size())
                continue;
            const AgentSample& s = a.agents[id];
            const AgentSample& t = b.agents[id];
            if (s.floor != t.floor || s.floor < 0 || (floor >= 0 && s.floor != floor))
                continue;
            if (s.state == AgentState::Evacuated || t.state == AgentState::Evacuated)
                continue;
            const Vec2 p{s.x, s.y}, q{t.x, t.y};
            if (distance(p, q) < 1e-4 || distance(p, q) > 5.0)
                continue; // still, or a jump
            const auto alpha = static_cast<sf::Uint8>(40 + 200 * (k + 1) / (n - 1));
            addSegment(out, p + off, q + off, widthM, withAlpha(colours::kTrail, alpha), true);
        }
    }
}

std::vector<EquipmentIcon> equipmentOnFloor(const Project& p, const std::string& floorId,
                                            const std::vector<ItemCheck>& states) {
    std::map<std::pair<std::string, std::string>, const ItemCheck*> byItem;
    for (const ItemCheck& st : states)
        byItem[{st.kind, st.id}] = &st;
    std::vector<EquipmentIcon> out;
    auto add = [&](const char* coreKind, const std::string& id, std::string kind, Vec2 at) {
        EquipmentIcon ic{id, std::move(kind), at, std::nullopt,
                         "no rules profile loaded for its building"};
        if (auto it = byItem.find({coreKind, id}); it != byItem.end()) {
            const ItemCheck& st = *it->second;
            ic.status = st.status;
            if (!st.why.empty())
                ic.why = st.why;
            else if (st.due)
                ic.why = std::string(statusLabel(st.status)) + ", next due " + st.due->str();
            else
                ic.why = statusLabel(st.status);
        }
        out.push_back(std::move(ic));
    };
    const Inventory& inv = p.inventory;
    for (const auto& e : inv.extinguishers)
        if (e.floor == floorId)
            add("extinguisher", e.id, "extinguisher", e.at);
    for (const auto& h : inv.hydrants)
        if (h.floor == floorId)
            add("hydrant", h.id, h.kind == HydrantKind::Hydrant ? "hydrant" : "hose reel", h.at);
    for (const auto& l : inv.lights)
        if (l.floor == floorId)
            add("light", l.id, "emergency light", l.at);
    for (const auto& s : inv.signs)
        if (s.floor == floorId)
            add("sign", s.id, s.kind == SignKind::Exit ? "exit sign" : "directional sign", s.at);
    for (const auto& d : inv.detectors)
        if (d.floor == floorId)
            add("detector", d.id,
                d.kind == DetectorKind::Smoke ? "smoke detector" : "heat detector", d.at);
    return out;
}

void buildEquipment(const std::vector<EquipmentIcon>& icons, Vec2 off, double size,
                    sf::VertexArray& out) {
    for (const auto& ic : icons) {
        const Vec2 c = ic.at + off;
        const sf::Color col = itemColour(ic.status);
        const double h = size * 0.5, b = size * 0.12;
        if (ic.kind == "extinguisher" || ic.kind == "hydrant" || ic.kind == "hose reel") {
            // Square badge with a white border; hydrants a little bigger.
            const double s = ic.kind == "extinguisher" ? h : h * 1.25;
            addRect(out, c - Vec2{s + b, s + b}, c + Vec2{s + b, s + b}, sf::Color::White);
            addRect(out, c - Vec2{s, s}, c + Vec2{s, s}, col);
            if (ic.kind != "extinguisher")
                addRect(out, c - Vec2{s * 0.35, s * 0.35}, c + Vec2{s * 0.35, s * 0.35},
                        sf::Color::White);
        } else if (ic.kind == "smoke detector" || ic.kind == "heat detector") {
            // Diamond.
            const double s = h * 0.8;
            addQuad(out, c + Vec2{0, -s - b}, c + Vec2{s + b, 0}, c + Vec2{0, s + b},
                    c + Vec2{-s - b, 0}, sf::Color::White);
            addQuad(out, c + Vec2{0, -s}, c + Vec2{s, 0}, c + Vec2{0, s}, c + Vec2{-s, 0}, col);
        } else {
            // Lights and signs: a flat bar.
            addRect(out, c - Vec2{h + b, h * 0.45 + b}, c + Vec2{h + b, h * 0.45 + b},
                    sf::Color::White);
            addRect(out, c - Vec2{h, h * 0.45}, c + Vec2{h, h * 0.45}, col);
        }
    }
}

} // namespace muster::viewer
