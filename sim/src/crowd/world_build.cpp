// Building the World from a project: floors, targets, people (systems.hpp, buildWorld).
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "crowd/bodies.hpp"
#include "crowd/nav_cache.hpp"
#include "crowd/systems.hpp"
#include "muster/geometry.hpp"

namespace muster::engine {

// ---- World queries -------------------------------------------------------------------------
int World::floorIndex(const std::string& id) const {
    for (size_t i = 0; i < floorIds.size(); ++i)
        if (floorIds[i] == id)
            return static_cast<int>(i);
    return -1;
}

int World::roomIndexAt(const FloorRt& f, Vec2 p) const {
    int ix, iy;
    f.grid.cellOf(p, ix, iy);
    return f.roomOfCell[static_cast<size_t>(f.grid.index(ix, iy))];
}

const Room* World::roomAt(int fi, Vec2 p) const {
    const int r = roomIndexAt(floorAt(fi), p);
    return r >= 0 ? rooms[static_cast<size_t>(r)] : nullptr;
}

void World::schedule(double at, const std::string& id, bool open) {
    // After every change already due at the same time: the order they were given in.
    const auto pos = std::upper_bound(timeline.begin(), timeline.end(), at,
                                      [](double x, const Scheduled& s) { return x < s.t; });
    timeline.insert(pos, Scheduled{at, id, open});
}

void World::rerouteAll() {
    for (auto& a : agents)
        if (a.state != AgentState::Evacuated)
            a.nextRouteT = t;
}

namespace {

// What the crossings log needs of a gate (world.hpp, FloorRt::Gate): exit or door, the rooms
// just beyond the wall on either side, and which way is towards the door's second room.
void describeGate(const World& w, const FloorRt& f, FloorRt::Gate& gt) {
    for (const auto& e : f.floor->exits)
        gt.exit = gt.exit || e.id == gt.doorId;
    const double off = gt.halfThicknessM + 0.3;
    gt.sideRoom[0] = w.roomIndexAt(f, gt.at - gt.normal * off);
    gt.sideRoom[1] = w.roomIndexAt(f, gt.at + gt.normal * off);
    const auto idOf = [&](int side) {
        const int r = gt.sideRoom[side];
        return r >= 0 ? w.rooms[static_cast<size_t>(r)]->id : std::string();
    };
    for (const auto& d : f.floor->doors)
        if (d.id == gt.doorId) {
            if (idOf(0) == d.roomB || (idOf(1) == d.roomA && idOf(1) != d.roomB))
                gt.towardsB = -1;
        }
}

void buildFloors(World& w) {
    int fi = 0;
    for (const auto& b : w.project.buildings)
        for (const auto& fl : b.floors) {
            auto rt = std::make_unique<FloorRt>();
            rt->floor = &fl;
            rt->index = fi++;
            rt->bounds = boundsOf(fl.outline);
            // A door drawn `closed` is a normally closed (self-closing) door that people
            // open: it blocks smoke, not people. Only a locked door is impassable.
            for (const auto& d : fl.doors)
                if (d.state == DoorState::Locked)
                    rt->closedDoors.insert(d.id);
            for (const auto& e : fl.exits)
                if (e.state != DoorState::Open)
                    rt->closedDoors.insert(e.id);
            w.floorIds.push_back(fl.id);
            for (const auto& d : fl.doors)
                w.doorIds.push_back(d.id);
            for (const auto& e : fl.exits)
                w.doorIds.push_back(e.id);
            w.floors.push_back(std::move(rt));
        }
    for (auto& fp : w.floors) {
        FloorRt& f = *fp;
        std::set<std::string> allLeaves;
        for (const auto& d : f.floor->doors)
            allLeaves.insert(d.id);
        for (const auto& e : f.floor->exits)
            allLeaves.insert(e.id);
        // Every door and exit gets a leaf; only closed ones are switched on.
        f.walls = solidWallSegments(*f.floor, allLeaves, {});
        createFloorBodies(f);
        rebuildGrid(w, f);
        // Room lookup per grid cell.
        f.roomOfCell.assign(static_cast<size_t>(f.grid.nx() * f.grid.ny()), -1);
        for (const auto& r : f.floor->rooms) {
            const int ri = static_cast<int>(w.rooms.size());
            w.rooms.push_back(&r);
            w.roomFloor.push_back(f.floor->id);
            const Bounds rb = boundsOf(r.polygon);
            int x0, y0, x1, y1;
            f.grid.cellOf(rb.min, x0, y0);
            f.grid.cellOf(rb.max, x1, y1);
            for (int iy = y0; iy <= y1; ++iy)
                for (int ix = x0; ix <= x1; ++ix)
                    if (pointInPolygon(r.polygon, f.grid.cellCentre(ix, iy)))
                        f.roomOfCell[static_cast<size_t>(f.grid.index(ix, iy))] = ri;
        }
        f.hash = SpatialHash(f.bounds.min, f.bounds.max, 1.0);
        f.wallHash = SpatialHash(f.bounds.min, f.bounds.max, 1.0);
        std::vector<std::pair<Vec2, Vec2>> segs;
        f.wallHalfT.clear();
        for (const auto& wl : f.walls)
            if (wl.doorId.empty()) {
                segs.emplace_back(wl.a, wl.b);
                f.wallHalfT.push_back(0.5 * wl.thicknessM);
            }
        // Obstacles (pillars, counters) repel like walls, by their edges: a person steered
        // straight at a pillar the field passes close to was held against it for good.
        for (const auto& o : f.floor->obstacles)
            for (size_t k = 0; k < o.polygon.size(); ++k) {
                segs.emplace_back(o.polygon[k], o.polygon[(k + 1) % o.polygon.size()]);
                f.wallHalfT.push_back(0.0);
            }
        f.wallHash.buildSegments(segs, 0.6);
        for (const auto& wl : f.walls) {
            // A wall piece is a box of its thickness with square ends (a door jamb is
            // square, as in Box2D): its four edges.
            const double len = distance(wl.a, wl.b);
            if (len < 1e-6)
                continue;
            if (wl.doorId.empty()) {
                appendWallBox(wl.a, wl.b, wl.thicknessM, f.solids);
            } else {
                std::vector<SolidSeg> leaf;
                appendWallBox(wl.a, wl.b, wl.thicknessM, leaf);
                for (const auto& sg : leaf)
                    f.leafSolids.emplace_back(wl.doorId, sg);
                const Vec2 tan = (wl.b - wl.a) * (1.0 / len);
                FloorRt::Gate gt{(wl.a + wl.b) * 0.5, tan,      Vec2{-tan.y, tan.x}, len,
                                 0.5 * wl.thicknessM, wl.doorId};
                describeGate(w, f, gt);
                f.gates.push_back(std::move(gt));
            }
        }
        for (const auto& o : f.floor->obstacles)
            for (size_t k = 0; k < o.polygon.size(); ++k)
                f.solids.push_back({o.polygon[k], o.polygon[(k + 1) % o.polygon.size()], 0.0});
        // A superset of what the steering asks for: a point within kGateReachM + half the wall
        // + half the width of a gate's centre (throughDoorSpan), or within kGateReachM + half
        // the wall across it and kGateReachM past its ends (nearGate), lies within the margin
        // of the gate's segment.
        std::vector<std::pair<Vec2, Vec2>> gateSegs;
        double gateMargin = 0.0;
        for (const auto& gt : f.gates) {
            const Vec2 half = gt.tangent * (gt.widthM / 2.0);
            gateSegs.emplace_back(gt.at - half, gt.at + half);
            gateMargin = std::max({gateMargin, kGateReachM + gt.halfThicknessM + gt.widthM / 2.0,
                                   std::hypot(kGateReachM, kGateReachM + gt.halfThicknessM)});
        }
        f.gateHash = SpatialHash(f.bounds.min, f.bounds.max, 1.0);
        f.gateHash.buildSegments(gateSegs, gateMargin);
    }
    w.roomClearT.assign(w.rooms.size(), 0.0);
    w.roomInitial.assign(w.rooms.size(), 0);
}

void buildTargets(World& w) {
    for (auto& fp : w.floors) {
        FloorRt& f = *fp;
        for (const auto& e : f.floor->exits) {
            Target tg;
            tg.kind = Target::Kind::Exit;
            tg.id = e.id;
            tg.floor = f.index;
            tg.point = e.at;
            tg.widthM = e.widthM;
            tg.open = e.state == DoorState::Open;
            // The opening along the nearest outline edge, facing out (muster/geometry.hpp: the
            // one rule the viewer and the reports use too).
            const ExitOpening op = exitOpening(f.floor->outline, e.at, e.widthM);
            tg.a = op.a;
            tg.b = op.b;
            tg.outward = op.outward;
            f.targets.push_back(static_cast<int>(w.targets.size()));
            w.targets.push_back(std::move(tg));
        }
    }
    for (const auto& b : w.project.buildings)
        for (const auto& s : b.stairs) {
            StairRt st;
            st.stair = &s;
            st.lowerFloor = w.floorIndex(s.lower.floor);
            st.upperFloor = w.floorIndex(s.upper.floor);
            st.capacity = std::max(1, static_cast<int>(s.lengthM * s.widthM * kStairMaxDensity));
            const int si = static_cast<int>(w.stairs.size());
            for (int end = 0; end < 2; ++end) {
                const StairEnd& e = end == 0 ? s.lower : s.upper;
                Target tg;
                tg.kind = Target::Kind::Stair;
                tg.id = s.id;
                tg.floor = end == 0 ? st.lowerFloor : st.upperFloor;
                tg.point = e.at;
                tg.widthM = s.widthM;
                tg.stair = si;
                tg.up = end == 0; // entering at the lower end goes up
                (end == 0 ? st.lowerTarget : st.upperTarget) = static_cast<int>(w.targets.size());
                w.floorAt(tg.floor).targets.push_back(static_cast<int>(w.targets.size()));
                w.targets.push_back(std::move(tg));
            }
            w.stairs.push_back(std::move(st));
        }
    w.exitBins.assign(w.targets.size(), {});
    for (auto& fp : w.floors)
        computeFields(w, *fp);
}

int routeSetFor(World& w, const std::string& group) {
    std::set<std::string> exits;
    for (const auto& r : w.project.scenario.routes)
        if (!group.empty() && r.group == group)
            exits.insert(r.exit);
    if (exits.empty())
        return 0;
    for (size_t i = 1; i < w.routeSets.size(); ++i)
        if (w.routeSets[i].exits == exits)
            return static_cast<int>(i);
    w.routeSets.push_back(RouteSet{exits, {}, {}});
    return static_cast<int>(w.routeSets.size() - 1);
}

const Profile& profileOf(const World& w, const std::string& name) {
    if (const Profile* p = w.project.profiles.find(name))
        return *p;
    static const Profile kFallback = [] {
        Profile p;
        p.name = "default";
        p.freeSpeed.kind = DistKind::Constant;
        p.freeSpeed.value = 1.34;
        return p;
    }();
    return kFallback;
}

const Distribution* premovementFor(const World& w, const std::string& group, const Profile& prof) {
    for (const auto& r : w.project.scenario.premovement)
        if (!r.group.empty() && r.group == group)
            return &r.dist;
    for (const auto& r : w.project.scenario.premovement)
        if (r.group.empty() && r.profile == prof.name)
            return &r.dist;
    if (prof.premovement.kind != DistKind::Constant || prof.premovement.value != 0.0)
        return &prof.premovement;
    return nullptr;
}

void addAgent(World& w, const Placement& pl) {
    const int fi = w.floorIndex(pl.floor);
    if (fi < 0)
        return;
    FloorRt& f = w.floorAt(fi);
    Agent a;
    const auto id = static_cast<std::uint32_t>(w.agents.size());
    Rng rng = Rng::stream(w.opt.seed, id);
    a.profile = &profileOf(w, pl.profile);
    a.radius = a.profile->radiusM;
    a.v0 = pl.speedMps >= 0 ? pl.speedMps : std::max(0.0, a.profile->freeSpeed.sample(rng));
    const Distribution* pre = premovementFor(w, pl.group, *a.profile);
    a.startT =
        pl.premovementS >= 0 ? pl.premovementS : (pre ? std::max(0.0, pre->sample(rng)) : 0.0);
    a.group = pl.group;
    a.routeSet = routeSetFor(w, pl.group);
    a.pos = pl.at;
    a.floor = fi;
    a.lastFloor = fi;
    a.originFloor = f.floor->id;
    a.room = w.roomIndexAt(f, pl.at);
    a.originRoom =
        pl.room.empty() ? (a.room >= 0 ? w.rooms[static_cast<size_t>(a.room)]->id : "") : pl.room;
    if (a.room >= 0)
        w.roomInitial[static_cast<size_t>(a.room)]++;
    spawnPerson(f, a);
    a.state = AgentState::Waiting;
    f.agents.push_back(id);
    f.hadPeople = true;
    w.agents.push_back(std::move(a));
}

// Uniform positions inside a room's walkable cells, kept apart by a body diameter where
// the room has space. Deterministic: one RNG stream per room.
std::vector<Vec2> placeInRoom(const World& w, const FloorRt& f, const Room& room, int count,
                              double radius, std::uint64_t stream, std::vector<Vec2>& taken) {
    std::vector<Vec2> out;
    Rng rng = Rng::stream(w.opt.seed ^ 0x5eedULL, stream);
    const Bounds b = boundsOf(room.polygon);
    auto walkableDisc = [&](Vec2 p) {
        return f.grid.walkableAt(p) && f.grid.walkableAt(p + Vec2{radius, 0}) &&
               f.grid.walkableAt(p - Vec2{radius, 0}) && f.grid.walkableAt(p + Vec2{0, radius}) &&
               f.grid.walkableAt(p - Vec2{0, radius});
    };
    // Nobody starts in a doorway: keep a body length plus radius clear of every door.
    auto inDoorway = [&](Vec2 p) {
        for (const auto& d : f.floor->doors)
            if (distance(p, d.at) < d.widthM / 2.0 + 0.6 + radius)
                return true;
        return false;
    };
    for (int n = 0; n < count; ++n) {
        Vec2 chosen;
        bool found = false;
        Vec2 fallback;
        bool haveFallback = false;
        for (int tries = 0; tries < 400 && !found; ++tries) {
            const Vec2 p{rng.uniform(b.min.x, b.max.x), rng.uniform(b.min.y, b.max.y)};
            if (!pointInPolygon(room.polygon, p) || !walkableDisc(p) || inDoorway(p))
                continue;
            if (!haveFallback) {
                fallback = p;
                haveFallback = true;
            }
            bool clear = true;
            for (const Vec2& q : taken)
                if (distance(p, q) < 2.0 * radius + 0.02) {
                    clear = false;
                    break;
                }
            if (clear) {
                chosen = p;
                found = true;
            }
        }
        if (!found && haveFallback) {
            chosen = fallback;
            found = true;
        }
        if (!found)
            chosen = centroid(room.polygon);
        taken.push_back(chosen);
        out.push_back(chosen);
    }
    return out;
}

void populate(World& w) {
    std::map<std::string, std::vector<Vec2>> takenByFloor;
    std::uint64_t stream = 0;
    for (const auto& occ : occupantsByRoom(w.project, w.project.scenario.shift)) {
        const int fi = w.floorIndex(occ.floor);
        if (fi < 0)
            continue;
        const FloorRt& f = w.floorAt(fi);
        const Room* room = nullptr;
        for (const auto& r : f.floor->rooms)
            if (r.id == occ.room)
                room = &r;
        if (!room)
            continue;
        const Profile& prof = profileOf(w, occ.profile);
        for (const Vec2& p :
             placeInRoom(w, f, *room, occ.count, prof.radiusM, stream++, takenByFloor[occ.floor])) {
            Placement pl;
            pl.floor = occ.floor;
            pl.at = p;
            pl.profile = occ.profile;
            pl.group = occ.group;
            pl.room = occ.room;
            addAgent(w, pl);
        }
    }
}

// People who do not move on their own become obstacles for routing (octagons around their
// bodies); their floors' grids and fields are rebuilt once.
void blockImmobile(World& w) {
    std::set<int> dirty;
    for (const auto& a : w.agents) {
        if (a.profile->selfEvacuates || a.floor < 0)
            continue;
        FloorRt& f = w.floorAt(a.floor);
        Obstacle o;
        o.id = "immobile";
        const double r = a.radius + 0.05;
        for (int k = 0; k < 8; ++k) {
            const double ang = k * 3.14159265358979323846 / 4.0;
            o.polygon.push_back(a.pos + Vec2{r * std::cos(ang), r * std::sin(ang)});
        }
        f.immobile.push_back(std::move(o));
        dirty.insert(f.index);
    }
    for (int fi : dirty) {
        FloorRt& f = w.floorAt(fi);
        rebuildGrid(w, f);
        computeFields(w, f);
    }
}

} // namespace

void buildWorld(World& w, const std::vector<Placement>* people) {
    w.routeSets.push_back(RouteSet{});
    buildFloors(w);
    buildTargets(w);
    if (people)
        for (const auto& p : *people)
            addAgent(w, p);
    else
        populate(w);
    blockImmobile(w);
    computeCosts(w);
    setupMeasures(w);
    for (const auto& e : w.project.scenario.events)
        w.schedule(e.timeS, e.target, e.open);
    for (auto& a : w.agents)
        if (!a.profile->selfEvacuates)
            a.reason = "needs staff assistance (" + a.profile->name + ")";
}

} // namespace muster::engine
