// The evacuation engine: see simulation.hpp for the pipeline and docs/model.md for the model.
#include "muster/simulation.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "crowd/spatial_hash.hpp"
#include "muster/geometry.hpp"
#include "muster/navigation.hpp"
#include "physics/floor_physics.hpp"

namespace muster {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// Routing reference speeds (m/s) used to rank routes that include stair flights: adults
// 30-50 y, Fruin as tabulated for RiMEA (domain.md section 2). Each person's own speed is used
// for the leg on its current floor.
constexpr double kRouteLevelMps = 1.0;
constexpr double kRouteStairDownMps = 0.65;
constexpr double kRouteStairUpMps = 0.50;
// How far past the exit line (metres) a body centre must be to count as out.
constexpr double kExitReachM = 0.15;
// Within this walking distance of its target a person no longer changes its mind.
constexpr double kCommitM = 3.0;
// Maximum density inside a stair flight (P/m²) before nobody else may enter: SFPE's
// hydraulic model stops flowing at about 3.8 P/m²; 2.0 keeps a moving stair.
constexpr double kStairMaxDensity = 2.0;
// Body mass scale: 80 kg for a 0.22 m radius adult.
constexpr double kMassKg = 80.0;

struct Target {
    enum class Kind { Exit, Stair } kind = Kind::Exit;
    std::string id;  // exit id, or stair id
    int floor = 0;
    Vec2 point;
    Vec2 a, b;     // exit opening
    Vec2 outward;  // unit normal of the opening, pointing out of the building
    double widthM = 1.0;
    bool open = true;
    int stair = -1;
    bool up = false;  // entering goes up
    DistanceField field;
    std::vector<double> heading;  // walking distances of the people heading for it, sorted
};

struct Transit {
    std::uint32_t agent = 0;
    double arrivalT = 0.0;
    int destFloor = 0;
    Vec2 destPoint;
};

struct StairRt {
    const Stair* stair = nullptr;
    int lowerFloor = -1, upperFloor = -1;
    int lowerTarget = -1, upperTarget = -1;  // entries at each end
    double nextEntryT[2] = {0.0, 0.0};       // [0] going down, [1] going up
    bool blocked = false;
    int capacity = 1;
    std::vector<Transit> transit;  // in arrival order per direction
};

struct FloorRt {
    const Floor* floor = nullptr;
    // What the navigation grid sees: the floor plus the people who cannot move (a bed-bound
    // patient is furniture until staff move them), so nobody routes into them and waits forever.
    Floor navFloor;
    int index = 0;
    NavGrid grid;
    std::unique_ptr<FloorPhysics> physics;
    std::vector<WallSegment> walls;
    std::vector<int> targets;  // target indices on this floor
    std::vector<int> roomOfCell;
    std::vector<std::uint32_t> agents;  // on this floor (in a body)
    SpatialHash hash;
    SpatialHash wallHash;               // wall segment indices per cell
    std::set<std::string> closedDoors;  // doors and exits closed now
    double lastPresenceT = 0.0;
    bool hadPeople = false;
    bool clearedReported = false;
    Bounds bounds;
};

struct Agent {
    // hot
    Vec2 pos, vel;
    double v0 = 1.34;
    double radius = 0.2;
    int floor = -1;
    int body = -1;
    AgentState state = AgentState::Waiting;
    int target = -1;
    double toGo = 0.0;  // walking distance to the current target (this step)
    double bestToGo = kInf;      // closest it has come to that target
    double lastProgressT = 0.0;  // when it last came 0.5 m closer
    double nextRouteT = 0.0;
    // cold
    const Profile* profile = nullptr;
    std::string group, originRoom, originFloor;
    int routeSet = 0;
    double startT = 0.0;
    double exitT = -1.0;
    std::string exitId;
    double distance = 0.0;
    double waiting = 0.0;
    double movedAt = -1.0;  // first time the body actually moved
    double speedAvg = 0.0;  // actual speed, averaged over about one second
    double smokeS = 0.0, untenableS = 0.0;  // exposure
    bool inSmoke = false;
    std::string reason;
    int lastFloor = -1;
    int room = -1;  // global room index
};

struct RouteSet {
    std::set<std::string> exits;  // empty: every exit
    std::vector<double> cost;     // per target: time to get out from entering it
    std::vector<double> arrival;  // per stair target: time to get out from its far landing
};

}  // namespace

struct Simulation::Impl {
    const Project& project;
    SimOptions opt;
    ModelParams model;
    std::vector<std::unique_ptr<FloorRt>> floors;
    std::vector<std::string> floorIds;
    std::vector<Target> targets;
    std::vector<StairRt> stairs;
    std::vector<Agent> agents;
    std::vector<RouteSet> routeSets;
    std::vector<const Room*> rooms;  // global room index -> room
    std::vector<std::string> roomFloor;
    std::vector<double> roomClearT;
    std::vector<int> roomInitial;
    std::vector<std::string> doorIds;  // replay order: doors then exits
    struct Scheduled {
        double t;
        std::string id;
        bool open;
    };
    std::vector<Scheduled> schedule;  // sorted by time, stable
    std::vector<SimEvent> events;
    double t = 0.0;
    int steps = 0;
    int evacuated = 0;
    int onStairs = 0;
    std::uint64_t agentSteps = 0;
    bool lastOutReported = false;
    std::vector<std::vector<int>> exitBins;  // per exit target
    // Smoke (drills): per room, the smoke model's record; speed factor and level this step.
    std::shared_ptr<const SmokeResult> smoke;
    double alarmS = 0.0;
    std::vector<const RoomSmoke*> roomSmoke;  // by global room index (nullptr: none)
    std::vector<double> roomFactor, roomLevel;
    std::vector<bool> roomBlocked;

    Impl(const Project& p, const SimOptions& o) : project(p), opt(o), model(p.profiles.model) {}

    // ---- set-up --------------------------------------------------------------------
    void buildFloors() {
        int fi = 0;
        for (const auto& b : project.buildings)
            for (const auto& f : b.floors) {
                auto rt = std::make_unique<FloorRt>();
                rt->floor = &f;
                rt->navFloor = f;
                rt->index = fi++;
                rt->bounds = boundsOf(f.outline);
                // A door drawn `closed` is a normally closed (self-closing) door that people
                // open: it blocks smoke, not people. Only a locked door is impassable.
                for (const auto& d : f.doors)
                    if (d.state == DoorState::Locked) rt->closedDoors.insert(d.id);
                for (const auto& e : f.exits)
                    if (e.state != DoorState::Open) rt->closedDoors.insert(e.id);
                floorIds.push_back(f.id);
                for (const auto& d : f.doors) doorIds.push_back(d.id);
                for (const auto& e : f.exits) doorIds.push_back(e.id);
                floors.push_back(std::move(rt));
            }
        for (auto& fp : floors) {
            FloorRt& f = *fp;
            std::set<std::string> allLeaves;
            for (const auto& d : f.floor->doors) allLeaves.insert(d.id);
            for (const auto& e : f.floor->exits) allLeaves.insert(e.id);
            // Every door and exit gets a leaf; only closed ones are switched on.
            f.walls = solidWallSegments(*f.floor, allLeaves, {});
            std::vector<Polygon> obstacles;
            for (const auto& o : f.floor->obstacles) obstacles.push_back(o.polygon);
            f.physics = std::make_unique<FloorPhysics>(
                f.walls, obstacles, std::vector<std::string>(f.closedDoors.begin(), f.closedDoors.end()));
            rebuildGrid(f);
            // Room lookup per grid cell.
            f.roomOfCell.assign(static_cast<size_t>(f.grid.nx() * f.grid.ny()), -1);
            for (const auto& r : f.floor->rooms) {
                const int ri = static_cast<int>(rooms.size());
                rooms.push_back(&r);
                roomFloor.push_back(f.floor->id);
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
            for (const auto& w : f.walls)
                if (w.doorId.empty()) segs.emplace_back(w.a, w.b);
            f.wallHash.buildSegments(segs, 0.6);
        }
        roomClearT.assign(rooms.size(), 0.0);
        roomInitial.assign(rooms.size(), 0);
    }

    int floorIndex(const std::string& id) const {
        for (size_t i = 0; i < floorIds.size(); ++i)
            if (floorIds[i] == id) return static_cast<int>(i);
        return -1;
    }

    void rebuildGrid(FloorRt& f) {
        NavGridOptions go;
        go.cellM = model.cellM;
        std::set<std::string> passable;
        for (const auto& d : f.floor->doors)
            if (!f.closedDoors.count(d.id)) passable.insert(d.id);
        f.grid = NavGrid::build(f.navFloor, go, f.closedDoors, passable);
    }

    void buildTargets() {
        for (auto& fp : floors) {
            FloorRt& f = *fp;
            for (const auto& e : f.floor->exits) {
                Target tg;
                tg.kind = Target::Kind::Exit;
                tg.id = e.id;
                tg.floor = f.index;
                tg.point = e.at;
                tg.widthM = e.widthM;
                tg.open = e.state == DoorState::Open;
                // The opening runs along the nearest outline edge.
                const Polygon& o = f.floor->outline;
                double best = kInf;
                Vec2 dir{1, 0};
                for (size_t i = 0; i < o.size(); ++i) {
                    const Vec2 a = o[i], b = o[(i + 1) % o.size()];
                    const double d = distanceToSegment(e.at, a, b);
                    if (d < best) {
                        best = d;
                        dir = (b - a) * (1.0 / std::max(1e-9, length(b - a)));
                    }
                }
                tg.a = e.at - dir * (e.widthM / 2.0);
                tg.b = e.at + dir * (e.widthM / 2.0);
                tg.outward = Vec2{dir.y, -dir.x};
                if (pointInPolygon(o, e.at + tg.outward * 0.3)) tg.outward = tg.outward * -1.0;
                f.targets.push_back(static_cast<int>(targets.size()));
                targets.push_back(std::move(tg));
            }
        }
        for (const auto& b : project.buildings)
            for (const auto& s : b.stairs) {
                StairRt st;
                st.stair = &s;
                st.lowerFloor = floorIndex(s.lower.floor);
                st.upperFloor = floorIndex(s.upper.floor);
                st.capacity = std::max(1, static_cast<int>(s.lengthM * s.widthM * kStairMaxDensity));
                const int si = static_cast<int>(stairs.size());
                for (int end = 0; end < 2; ++end) {
                    const StairEnd& e = end == 0 ? s.lower : s.upper;
                    Target tg;
                    tg.kind = Target::Kind::Stair;
                    tg.id = s.id;
                    tg.floor = end == 0 ? st.lowerFloor : st.upperFloor;
                    tg.point = e.at;
                    tg.widthM = s.widthM;
                    tg.stair = si;
                    tg.up = end == 0;  // entering at the lower end goes up
                    (end == 0 ? st.lowerTarget : st.upperTarget) = static_cast<int>(targets.size());
                    floors[static_cast<size_t>(tg.floor)]->targets.push_back(static_cast<int>(targets.size()));
                    targets.push_back(std::move(tg));
                }
                stairs.push_back(std::move(st));
            }
        exitBins.assign(targets.size(), {});
        for (auto& fp : floors) computeFields(*fp);
    }

    void computeFields(FloorRt& f) {
        for (int ti : f.targets) {
            Target& tg = targets[static_cast<size_t>(ti)];
            if (tg.kind == Target::Kind::Exit)
                tg.field = DistanceField::computeFromSegments(f.grid, {{tg.a, tg.b}});
            else
                tg.field = DistanceField::compute(f.grid, {tg.point});
        }
    }

    int routeSetFor(const std::string& group) {
        std::set<std::string> exits;
        for (const auto& r : project.scenario.routes)
            if (!group.empty() && r.group == group) exits.insert(r.exit);
        if (exits.empty()) return 0;
        for (size_t i = 1; i < routeSets.size(); ++i)
            if (routeSets[i].exits == exits) return static_cast<int>(i);
        routeSets.push_back(RouteSet{exits, {}, {}});
        return static_cast<int>(routeSets.size() - 1);
    }

    // Time to get out from entering each target, by relaxation over the stair graph
    // (a handful of targets per floor: Bellman-Ford converges in a few sweeps).
    void computeCosts() {
        for (auto& rs : routeSets) {
            rs.cost.assign(targets.size(), kInf);
            rs.arrival.assign(targets.size(), kInf);
            for (size_t k = 0; k < targets.size(); ++k) {
                const Target& tg = targets[k];
                if (tg.kind == Target::Kind::Exit && tg.open && (rs.exits.empty() || rs.exits.count(tg.id)))
                    rs.cost[k] = 0.0;
            }
            for (size_t sweep = 0; sweep <= targets.size(); ++sweep) {
                bool changed = false;
                for (size_t k = 0; k < targets.size(); ++k) {
                    const Target& tg = targets[k];
                    if (tg.kind != Target::Kind::Stair) continue;
                    const StairRt& st = stairs[static_cast<size_t>(tg.stair)];
                    if (st.blocked || !tg.open) continue;
                    const int dest = tg.up ? st.upperFloor : st.lowerFloor;
                    const int arrivalTarget = tg.up ? st.upperTarget : st.lowerTarget;
                    const Vec2 q = targets[static_cast<size_t>(arrivalTarget)].point;
                    double best = kInf;
                    for (int ti : floors[static_cast<size_t>(dest)]->targets) {
                        if (ti == arrivalTarget) continue;  // straight back
                        const double c = rs.cost[static_cast<size_t>(ti)];
                        if (!std::isfinite(c)) continue;
                        const double d = targets[static_cast<size_t>(ti)].field.at(q);
                        if (!std::isfinite(d)) continue;
                        best = std::min(best, d / kRouteLevelMps + c);
                    }
                    const double c = st.stair->lengthM / (tg.up ? kRouteStairUpMps : kRouteStairDownMps) + best;
                    if (c < rs.cost[k] - 1e-9) {
                        rs.cost[k] = c;
                        rs.arrival[k] = best;
                        changed = true;
                    }
                }
                if (!changed) break;
            }
        }
    }

    const Profile& profileOf(const std::string& name) {
        if (const Profile* p = project.profiles.find(name)) return *p;
        static const Profile kFallback = [] {
            Profile p;
            p.name = "default";
            p.freeSpeed.kind = DistKind::Constant;
            p.freeSpeed.value = 1.34;
            return p;
        }();
        return kFallback;
    }

    const Distribution* premovementFor(const std::string& group, const Profile& prof) const {
        for (const auto& r : project.scenario.premovement)
            if (!r.group.empty() && r.group == group) return &r.dist;
        for (const auto& r : project.scenario.premovement)
            if (r.group.empty() && r.profile == prof.name) return &r.dist;
        if (prof.premovement.kind != DistKind::Constant || prof.premovement.value != 0.0)
            return &prof.premovement;
        return nullptr;
    }

    int roomIndexAt(const FloorRt& f, Vec2 p) const {
        int ix, iy;
        f.grid.cellOf(p, ix, iy);
        return f.roomOfCell[static_cast<size_t>(f.grid.index(ix, iy))];
    }

    void addAgent(const Placement& pl) {
        const int fi = floorIndex(pl.floor);
        if (fi < 0) return;
        FloorRt& f = *floors[static_cast<size_t>(fi)];
        Agent a;
        const auto id = static_cast<std::uint32_t>(agents.size());
        Rng rng = Rng::stream(opt.seed, id);
        a.profile = &profileOf(pl.profile);
        a.radius = a.profile->radiusM;
        a.v0 = pl.speedMps >= 0 ? pl.speedMps : std::max(0.0, a.profile->freeSpeed.sample(rng));
        const Distribution* pre = premovementFor(pl.group, *a.profile);
        a.startT = pl.premovementS >= 0 ? pl.premovementS : (pre ? std::max(0.0, pre->sample(rng)) : 0.0);
        a.group = pl.group;
        a.routeSet = routeSetFor(pl.group);
        a.pos = pl.at;
        a.floor = fi;
        a.lastFloor = fi;
        a.originFloor = f.floor->id;
        a.room = roomIndexAt(f, pl.at);
        a.originRoom = pl.room.empty() ? (a.room >= 0 ? rooms[static_cast<size_t>(a.room)]->id : "") : pl.room;
        if (a.room >= 0) roomInitial[static_cast<size_t>(a.room)]++;
        const double r = a.radius / 0.22;
        a.body = f.physics->addBody(a.pos, a.radius, kMassKg * r * r);
        a.state = AgentState::Waiting;
        f.agents.push_back(id);
        f.hadPeople = true;
        agents.push_back(std::move(a));
    }

    // Uniform positions inside a room's walkable cells, kept apart by a body diameter where
    // the room has space. Deterministic: one RNG stream per room.
    std::vector<Vec2> placeInRoom(const FloorRt& f, const Room& room, int count, double radius,
                                  std::uint64_t stream, std::vector<Vec2>& taken) {
        std::vector<Vec2> out;
        Rng rng = Rng::stream(opt.seed ^ 0x5eedULL, stream);
        const Bounds b = boundsOf(room.polygon);
        auto walkableDisc = [&](Vec2 p) {
            return f.grid.walkableAt(p) && f.grid.walkableAt(p + Vec2{radius, 0}) &&
                   f.grid.walkableAt(p - Vec2{radius, 0}) && f.grid.walkableAt(p + Vec2{0, radius}) &&
                   f.grid.walkableAt(p - Vec2{0, radius});
        };
        // Nobody starts in a doorway: keep a body length plus radius clear of every door.
        auto inDoorway = [&](Vec2 p) {
            for (const auto& d : f.floor->doors)
                if (distance(p, d.at) < d.widthM / 2.0 + 0.6 + radius) return true;
            return false;
        };
        for (int n = 0; n < count; ++n) {
            Vec2 chosen;
            bool found = false;
            Vec2 fallback;
            bool haveFallback = false;
            for (int tries = 0; tries < 400 && !found; ++tries) {
                const Vec2 p{rng.uniform(b.min.x, b.max.x), rng.uniform(b.min.y, b.max.y)};
                if (!pointInPolygon(room.polygon, p) || !walkableDisc(p) || inDoorway(p)) continue;
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
            if (!found) chosen = centroid(room.polygon);
            taken.push_back(chosen);
            out.push_back(chosen);
        }
        return out;
    }

    void populate() {
        std::map<std::string, std::vector<Vec2>> takenByFloor;
        std::uint64_t stream = 0;
        for (const auto& occ : occupantsByRoom(project, project.scenario.shift)) {
            const int fi = floorIndex(occ.floor);
            if (fi < 0) continue;
            const FloorRt& f = *floors[static_cast<size_t>(fi)];
            const Room* room = nullptr;
            for (const auto& r : f.floor->rooms)
                if (r.id == occ.room) room = &r;
            if (!room) continue;
            const Profile& prof = profileOf(occ.profile);
            for (const Vec2& p : placeInRoom(f, *room, occ.count, prof.radiusM, stream++, takenByFloor[occ.floor])) {
                Placement pl;
                pl.floor = occ.floor;
                pl.at = p;
                pl.profile = occ.profile;
                pl.group = occ.group;
                pl.room = occ.room;
                addAgent(pl);
            }
        }
    }

    void init(const std::vector<Placement>* people) {
        routeSets.push_back(RouteSet{});
        buildFloors();
        buildTargets();
        if (people)
            for (const auto& p : *people) addAgent(p);
        else
            populate();
        blockImmobile();
        computeCosts();
        for (const auto& e : project.scenario.events) schedule.push_back({e.timeS, e.target, e.open});
        sortSchedule();
        for (auto& a : agents) {
            if (!a.profile->selfEvacuates) a.reason = "needs staff assistance (" + a.profile->name + ")";
        }
    }

    // People who do not move on their own become obstacles for routing (octagons around their
    // bodies); their floors' grids and fields are rebuilt once.
    void blockImmobile() {
        std::set<int> dirty;
        for (const auto& a : agents) {
            if (a.profile->selfEvacuates || a.floor < 0) continue;
            FloorRt& f = *floors[static_cast<size_t>(a.floor)];
            Obstacle o;
            o.id = "immobile";
            const double r = a.radius + 0.05;
            for (int k = 0; k < 8; ++k) {
                const double ang = k * 3.14159265358979323846 / 4.0;
                o.polygon.push_back(a.pos + Vec2{r * std::cos(ang), r * std::sin(ang)});
            }
            f.navFloor.obstacles.push_back(std::move(o));
            dirty.insert(f.index);
        }
        for (int fi : dirty) {
            FloorRt& f = *floors[static_cast<size_t>(fi)];
            rebuildGrid(f);
            computeFields(f);
        }
    }

    void sortSchedule() {
        std::stable_sort(schedule.begin(), schedule.end(),
                         [](const Scheduled& x, const Scheduled& y) { return x.t < y.t; });
    }

    // ---- the step --------------------------------------------------------------------
    void applyTimeline() {
        std::set<int> dirty;
        bool stairsChanged = false;
        while (!schedule.empty() && schedule.front().t <= t + 1e-9) {
            const Scheduled s = schedule.front();
            schedule.erase(schedule.begin());
            for (auto& st : stairs)
                if (st.stair->id == s.id && st.blocked == s.open) {
                    st.blocked = !s.open;
                    stairsChanged = true;
                    events.push_back({t, s.open ? EventKind::Note : EventKind::StairBlocked, s.id,
                                      s.open ? "stair usable again" : ""});
                }
            for (auto& fp : floors) {
                FloorRt& f = *fp;
                bool isExit = false, found = false;
                for (const auto& d : f.floor->doors) found = found || d.id == s.id;
                for (const auto& e : f.floor->exits)
                    if (e.id == s.id) found = isExit = true;
                if (!found) continue;
                if (s.open)
                    f.closedDoors.erase(s.id);
                else
                    f.closedDoors.insert(s.id);
                f.physics->setLeafClosed(s.id, !s.open);
                for (int ti : f.targets)
                    if (targets[static_cast<size_t>(ti)].kind == Target::Kind::Exit &&
                        targets[static_cast<size_t>(ti)].id == s.id)
                        targets[static_cast<size_t>(ti)].open = s.open;
                dirty.insert(f.index);
                events.push_back({t, isExit ? (s.open ? EventKind::ExitOpened : EventKind::ExitClosed)
                                            : (s.open ? EventKind::DoorOpened : EventKind::DoorClosed),
                                  s.id, ""});
            }
        }
        if (dirty.empty() && !stairsChanged) return;
        for (int fi : dirty) {
            FloorRt& f = *floors[static_cast<size_t>(fi)];
            rebuildGrid(f);
            computeFields(f);
        }
        computeCosts();
        // Everyone re-routes now.
        for (auto& a : agents)
            if (a.state != AgentState::Evacuated) a.nextRouteT = t;
    }

    double estimate(const Agent& a, int ti) const {
        const Target& tg = targets[static_cast<size_t>(ti)];
        const double c = routeSets[static_cast<size_t>(a.routeSet)].cost[static_cast<size_t>(ti)];
        if (!std::isfinite(c) || !tg.open) return kInf;
        if (tg.kind == Target::Kind::Stair) {
            if (!a.profile->canUseStairs || stairs[static_cast<size_t>(tg.stair)].blocked) return kInf;
        }
        const double d = tg.field.at(a.pos);
        if (!std::isfinite(d)) return kInf;
        const double flow = (tg.kind == Target::Kind::Exit ? model.doorFlowDesign : model.stairFlow) * tg.widthM;
        // The queue that matters is the people ahead: heading there and nearer to it.
        auto ahead = static_cast<double>(std::lower_bound(tg.heading.begin(), tg.heading.end(), d - 1e-9) - tg.heading.begin());
        return d / std::max(0.1, a.v0) + ahead / std::max(0.1, flow) + c;
    }

    void route(FloorRt& f) {
        // Who is heading where, by walking distance (for the queue ahead of each person).
        for (int ti : f.targets) targets[static_cast<size_t>(ti)].heading.clear();
        for (std::uint32_t id : f.agents) {
            const Agent& a = agents[id];
            if (a.target >= 0 && (a.state == AgentState::Moving || a.state == AgentState::Queuing)) {
                Target& tg = targets[static_cast<size_t>(a.target)];
                tg.heading.push_back(tg.field.at(a.pos));
            }
        }
        for (int ti : f.targets) {
            auto& h = targets[static_cast<size_t>(ti)].heading;
            std::sort(h.begin(), h.end());
        }
        for (std::uint32_t id : f.agents) {
            Agent& a = agents[id];
            if (!a.profile->selfEvacuates) continue;
            if (a.state == AgentState::Waiting) {
                if (t + 1e-9 < a.startT) continue;
                a.state = AgentState::Moving;
                a.nextRouteT = t;
            }
            if (t + 1e-9 < a.nextRouteT) continue;
            // Re-evaluate every interval, each person at its own phase (by id) so a group
            // does not change its mind in unison.
            a.nextRouteT = t + model.rerouteIntervalS * (0.75 + 0.5 * ((id * 2654435761u) % 1000) / 1000.0);
            if (a.target >= 0 && a.state != AgentState::Stuck) {
                const Target& cur = targets[static_cast<size_t>(a.target)];
                if (cur.floor == f.index && cur.open && cur.field.at(a.pos) < kCommitM) continue;
            }
            // A stair is only worth taking if it brings the person closer to the way out by
            // the static estimate (no queues): queues may move people between stair cores,
            // never up a floor and back down.
            const RouteSet& rs = routeSets[static_cast<size_t>(a.routeSet)];
            double here = kInf;
            for (int ti : f.targets) {
                const Target& tg = targets[static_cast<size_t>(ti)];
                if (tg.kind == Target::Kind::Stair && !a.profile->canUseStairs) continue;
                here = std::min(here, tg.field.at(a.pos) / kRouteLevelMps + rs.cost[static_cast<size_t>(ti)]);
            }
            int best = -1;
            double bestT = kInf;
            for (int ti : f.targets) {
                const Target& tg = targets[static_cast<size_t>(ti)];
                if (tg.kind == Target::Kind::Stair && !(rs.arrival[static_cast<size_t>(ti)] < here - 1e-6)) continue;
                const double e = estimate(a, ti);
                if (e < bestT) {
                    bestT = e;
                    best = ti;
                }
            }
            if (best < 0) {
                a.target = -1;
                a.state = AgentState::Stuck;
                bool anyExitOnFloor = false;
                for (int ti : f.targets)
                    anyExitOnFloor = anyExitOnFloor || targets[static_cast<size_t>(ti)].kind == Target::Kind::Exit;
                a.reason = !a.profile->canUseStairs && !anyExitOnFloor
                               ? "cannot use stairs and floor " + f.floor->id + " has no exit"
                               : "no route to an open exit from floor " + f.floor->id;
                continue;
            }
            if (a.state == AgentState::Stuck) {
                a.state = AgentState::Moving;
                a.reason.clear();
            }
            if (a.target >= 0 && a.target != best) {
                const Target& cur0 = targets[static_cast<size_t>(a.target)];
                const bool curAllowed = cur0.floor == f.index &&
                    (cur0.kind == Target::Kind::Exit || rs.arrival[static_cast<size_t>(a.target)] < here - 1e-6);
                const double cur = curAllowed ? estimate(a, a.target) : kInf;
                if (std::isfinite(cur) && cur <= bestT * (1.0 + model.rerouteGain)) continue;
            }
            if (best != a.target) a.bestToGo = kInf;
            a.target = best;
        }
    }

    void steer(FloorRt& f, double dt) {
        (void)dt;
        // Neighbour grid for this floor (positions at the start of the step).
        f.hash.clear();
        for (std::uint32_t id : f.agents) {
            Agent& a = agents[id];
            f.hash.insert(a.pos, id);
            a.toGo = a.target >= 0 ? targets[static_cast<size_t>(a.target)].field.at(a.pos) : kInf;
            if (a.toGo < a.bestToGo - 0.5 || a.state == AgentState::Waiting) {
                a.bestToGo = a.toGo;
                a.lastProgressT = t;
            }
        }
        f.hash.finalize();
        std::vector<std::uint32_t> near;
        for (std::uint32_t id : f.agents) {
            Agent& a = agents[id];
            if (a.state != AgentState::Moving && a.state != AgentState::Queuing) {
                f.physics->setVelocity(a.body, {0, 0});
                continue;
            }
            const Target& tg = targets[static_cast<size_t>(a.target)];
            if (tg.kind == Target::Kind::Stair && distance(a.pos, tg.point) <= model.stairEntryRadiusM) {
                // At the stair door, waiting for room on the flight: hold position.
                a.vel = {0, 0};
                f.physics->setVelocity(a.body, a.vel);
                continue;
            }
            Vec2 e0 = tg.field.direction(a.pos);
            if (tg.kind == Target::Kind::Exit && distanceToSegment(a.pos, tg.a, tg.b) < 1.0) {
                // At the opening: aim through it (the field is flat at its sources).
                const double half = std::max(0.0, tg.widthM / 2.0 - a.radius);
                const Vec2 tangent = (tg.b - tg.a) * (1.0 / std::max(1e-9, tg.widthM));
                const double along = std::clamp(dot(a.pos - tg.point, tangent), -half, half);
                const Vec2 aim = tg.point + tangent * along + tg.outward * 0.5 - a.pos;
                const double l = length(aim);
                if (l > 1e-9) e0 = aim * (1.0 / l);
            }
            if (length(e0) < 1e-9) {
                const Vec2 d = tg.point - a.pos;
                const double l = length(d);
                e0 = l > 1e-9 ? d * (1.0 / l) : Vec2{0, 0};
            }
            // Collision-free speed model (Tordeux et al. 2016): direction = desired direction
            // + exponential repulsion from neighbours and walls; speed = the spacing ahead
            // divided by the time gap T, capped at the free speed.
            Vec2 rep{0, 0};
            double spacing = kInf;
            near.clear();
            f.hash.query(a.pos, 2.0, near);
            for (std::uint32_t j : near) {
                if (j == id) continue;
                const Agent& b = agents[j];
                const Vec2 d = a.pos - b.pos;
                const double dist = length(d);
                if (dist < 1e-9 || dist > 2.0) continue;
                const double l = a.radius + b.radius;
                rep = rep + d * (model.neighbourStrength * std::exp((l - dist) / model.neighbourRange) / dist);
            }
            Vec2 wallRep{0, 0};
            f.wallHash.forSegments(a.pos, [&](Vec2 wa, Vec2 wb) {
                const double tproj = projectOnSegment(a.pos, wa, wb);
                const Vec2 c = wa + (wb - wa) * tproj;
                const Vec2 d = a.pos - c;
                const double dist = length(d);
                if (dist < 1e-9 || dist > 0.6) return;
                const double surface = dist - 0.1;  // wall half thickness
                wallRep = wallRep + d * (model.wallStrength * std::exp((a.radius - surface) / model.wallRange) / dist);
            });
            Vec2 e = e0 + rep + wallRep;
            const double el = length(e);
            e = el > 1e-9 ? e * (1.0 / el) : e0;
            for (std::uint32_t j : near) {
                if (j == id) continue;
                const Agent& b = agents[j];
                const Vec2 d = b.pos - a.pos;
                const double ahead = dot(e, d);
                if (ahead <= 0) continue;
                const double l = a.radius + b.radius;
                if (std::abs(cross(e, d)) >= l) continue;
                // Symmetry breaking at bottlenecks: of two people heading for the same target,
                // the one nearer to it by walking distance goes first; the other does not
                // hold it back. Without this, two people converging on a narrow door can
                // each see the other "ahead" and both stop for good.
                if (b.target == a.target && b.toGo > a.toGo + 0.05) continue;
                spacing = std::min(spacing, length(d) - l);
            }
            const double v0 = a.room >= 0 && !roomFactor.empty() ? a.v0 * roomFactor[static_cast<size_t>(a.room)] : a.v0;
            const double v = std::clamp(spacing / a.profile->timeGapS, 0.0, v0);
            a.vel = e * v;
            f.physics->setVelocity(a.body, a.vel);
        }
    }

    void physics(FloorRt& f, double dt) {
        f.physics->step(dt);
        for (std::uint32_t id : f.agents) {
            Agent& a = agents[id];
            Vec2 p = f.physics->position(a.body);
            double moved = distance(p, a.pos);
            // Contacts may shove a body; nobody is carried faster than their own free speed
            // (the shortened move lies on the step Box2D found free, so it stays clear of walls).
            const double limit = a.v0 * dt;
            if (moved > limit + 1e-9) {
                p = a.pos + (p - a.pos) * (limit / moved);
                f.physics->setPosition(a.body, p);
                moved = limit;
            }
            a.pos = p;
            if (a.state == AgentState::Moving || a.state == AgentState::Queuing) {
                if (a.movedAt < 0 && moved > 1e-3) a.movedAt = t;
                a.distance += moved;
                // Waiting is judged on the speed averaged over ~1 s, so the jostle of a dense
                // queue does not count as walking.
                const double alpha = std::min(1.0, dt / 1.0);
                a.speedAvg += alpha * (moved / dt - a.speedAvg);
                const double speed = a.speedAvg;
                if (speed < model.queueSpeedMps) {
                    a.waiting += dt;
                    a.state = AgentState::Queuing;
                } else {
                    a.state = AgentState::Moving;
                }
            }
        }
    }

    void exitsAndStairs(FloorRt& f) {
        std::vector<std::uint32_t> stay;
        stay.reserve(f.agents.size());
        for (std::uint32_t id : f.agents) {
            Agent& a = agents[id];
            bool leaves = false;
            if ((a.state == AgentState::Moving || a.state == AgentState::Queuing) && a.target >= 0) {
                const Target& tg = targets[static_cast<size_t>(a.target)];
                if (tg.kind == Target::Kind::Exit) {
                    // Out once the body centre has crossed the opening's line within its width.
                    const Vec2 rel = a.pos - tg.point;
                    const Vec2 tangent = (tg.b - tg.a) * (1.0 / std::max(1e-9, tg.widthM));
                    const bool crossed = dot(rel, tg.outward) > kExitReachM &&
                                         std::abs(dot(rel, tangent)) <= tg.widthM / 2.0 + 0.05;
                    if (tg.open && (crossed || !pointInPolygon(f.floor->outline, a.pos))) {
                        a.state = AgentState::Evacuated;
                        a.exitT = t;
                        a.exitId = tg.id;
                        a.floor = -1;
                        f.physics->removeBody(a.body);
                        a.body = -1;
                        ++evacuated;
                        auto& bins = exitBins[static_cast<size_t>(a.target)];
                        const auto bin = static_cast<size_t>(t / 10.0);
                        if (bins.size() <= bin) bins.resize(bin + 1, 0);
                        bins[bin]++;
                        leaves = true;
                    }
                } else if (distance(a.pos, tg.point) <= model.stairEntryRadiusM) {
                    StairRt& st = stairs[static_cast<size_t>(tg.stair)];
                    const int dir = tg.up ? 1 : 0;
                    const int inside = static_cast<int>(st.transit.size());
                    if (!st.blocked && t + 1e-9 >= st.nextEntryT[dir] && inside < st.capacity) {
                        st.nextEntryT[dir] = t + 1.0 / (model.stairFlow * st.stair->widthM);
                        const double speed = tg.up ? a.profile->stairUpMps : a.profile->stairDownMps;
                        const int dest = tg.up ? st.upperFloor : st.lowerFloor;
                        const Vec2 q = targets[static_cast<size_t>(tg.up ? st.upperTarget : st.lowerTarget)].point;
                        st.transit.push_back({id, t + st.stair->lengthM / std::max(0.05, speed), dest, q});
                        a.distance += st.stair->lengthM;
                        f.physics->removeBody(a.body);
                        a.body = -1;
                        a.floor = -1;
                        a.state = AgentState::OnStair;
                        a.target = -1;
                        ++onStairs;
                        leaves = true;
                    }
                }
            }
            if (!leaves) stay.push_back(id);
        }
        f.agents.swap(stay);
    }

    bool spotFree(const FloorRt& f, Vec2 p, double r) const {
        for (std::uint32_t id : f.agents)
            if (distance(agents[id].pos, p) < agents[id].radius + r + 0.02) return false;
        return true;
    }

    void arrivals() {
        for (auto& st : stairs) {
            // First come, first placed: someone who cannot step off holds those behind.
            size_t placed = 0;
            for (; placed < st.transit.size(); ++placed) {
                const Transit& tr = st.transit[placed];
                if (tr.arrivalT > t + 1e-9) break;
                FloorRt& f = *floors[static_cast<size_t>(tr.destFloor)];
                Agent& a = agents[tr.agent];
                if (!spotFree(f, tr.destPoint, a.radius)) break;
                a.pos = tr.destPoint;
                a.floor = f.index;
                a.lastFloor = f.index;
                const double r = a.radius / 0.22;
                a.body = f.physics->addBody(a.pos, a.radius, kMassKg * r * r);
                a.state = AgentState::Moving;
                a.target = -1;
                a.nextRouteT = t;
                f.agents.push_back(tr.agent);
                f.hadPeople = true;
                --onStairs;
            }
            st.transit.erase(st.transit.begin(), st.transit.begin() + static_cast<long>(placed));
        }
        // Keep a canonical order on every floor so results never depend on arrival order.
        for (auto& fp : floors) std::sort(fp->agents.begin(), fp->agents.end());
    }

    void bookkeeping() {
        for (auto& fp : floors) {
            FloorRt& f = *fp;
            if (!f.agents.empty()) f.lastPresenceT = t;
            for (std::uint32_t id : f.agents) {
                Agent& a = agents[id];
                const int r = roomIndexAt(f, a.pos);
                a.room = r;
                if (r >= 0) roomClearT[static_cast<size_t>(r)] = t;
            }
            bool incoming = false;
            for (const auto& st : stairs)
                for (const auto& tr : st.transit) incoming = incoming || tr.destFloor == f.index;
            if (f.hadPeople && f.agents.empty() && !incoming && !f.clearedReported) {
                f.clearedReported = true;
                events.push_back({t, EventKind::FloorCleared, f.floor->id, ""});
            }
        }
        if (!lastOutReported && evacuated == static_cast<int>(agents.size()) && !agents.empty()) {
            lastOutReported = true;
            events.push_back({t, EventKind::LastPersonOut, "", ""});
        }
    }

    void updateSmoke(double dt) {
        if (!smoke) return;
        const double td = t + alarmS;  // drill clock
        bool newlyBlocked = false;
        std::set<int> dirty;
        for (size_t i = 0; i < rooms.size(); ++i) {
            const RoomSmoke* rs = roomSmoke[i];
            if (!rs) continue;
            roomLevel[i] = smoke->level(rs->room, td);
            roomFactor[i] = SmokeResult::speedFactor(smoke->extinctionPerM(rs->room, td));
            if (!roomBlocked[i] && td >= rs->untenableS) {
                roomBlocked[i] = true;
                events.push_back({t, EventKind::RoomUntenable, rs->room, ""});
                const RoomKind k = rooms[i]->kind;
                const bool circulation = k == RoomKind::Corridor || k == RoomKind::Lobby ||
                                         k == RoomKind::ElevatorLobby || k == RoomKind::Stair;
                if (!circulation) {
                    const int fi = floorIndex(roomFloor[i]);
                    if (fi >= 0) {
                        FloorRt& f = *floors[static_cast<size_t>(fi)];
                        Obstacle o;
                        o.id = "smoke:" + rs->room;
                        o.polygon = rooms[i]->polygon;
                        f.navFloor.obstacles.push_back(o);
                        dirty.insert(fi);
                        newlyBlocked = true;
                    }
                }
            }
        }
        for (int fi : dirty) {
            rebuildGrid(*floors[static_cast<size_t>(fi)]);
            computeFields(*floors[static_cast<size_t>(fi)]);
        }
        if (newlyBlocked) {
            computeCosts();
            for (auto& a : agents)
                if (a.state != AgentState::Evacuated) a.nextRouteT = t;
        }
        for (auto& fp : floors)
            for (std::uint32_t id : fp->agents) {
                Agent& a = agents[id];
                a.inSmoke = a.room >= 0 && roomLevel[static_cast<size_t>(a.room)] > 0.0;
                if (a.inSmoke) a.smokeS += dt;
                if (a.room >= 0 && roomBlocked[static_cast<size_t>(a.room)]) a.untenableS += dt;
            }
    }

    void step() {
        const double dt = opt.timeStepS;
        applyTimeline();
        updateSmoke(dt);
        for (auto& fp : floors) route(*fp);
        for (auto& fp : floors) {
            steer(*fp, dt);
            physics(*fp, dt);
            agentSteps += fp->agents.size();
        }
        t += dt;
        ++steps;
        for (auto& fp : floors) exitsAndStairs(*fp);
        arrivals();
        bookkeeping();
    }

    bool finished() const {
        if (t >= opt.maxTimeS - 1e-9) return true;
        if (!schedule.empty()) return false;
        if (onStairs > 0) return false;
        for (const auto& a : agents) {
            if (a.state == AgentState::Evacuated || a.state == AgentState::Stuck) continue;
            if (!a.profile->selfEvacuates) continue;
            return false;
        }
        return true;
    }
};

Simulation::Simulation(const Project& project, const SimOptions& options)
    : m(std::make_unique<Impl>(project, options)) {
    m->init(nullptr);
}

Simulation::Simulation(const Project& project, const SimOptions& options,
                       const std::vector<Placement>& people)
    : m(std::make_unique<Impl>(project, options)) {
    m->init(&people);
}

Simulation::~Simulation() = default;

void Simulation::scheduleDoor(const std::string& id, double t, bool open) {
    m->schedule.push_back({t, id, open});
    m->sortSchedule();
}

void Simulation::setSmoke(std::shared_ptr<const SmokeResult> smoke, double alarmS) {
    m->smoke = std::move(smoke);
    m->alarmS = alarmS;
    m->roomSmoke.assign(m->rooms.size(), nullptr);
    m->roomFactor.assign(m->rooms.size(), 1.0);
    m->roomLevel.assign(m->rooms.size(), 0.0);
    m->roomBlocked.assign(m->rooms.size(), false);
    if (!m->smoke) return;
    for (size_t i = 0; i < m->rooms.size(); ++i) m->roomSmoke[i] = m->smoke->find(m->rooms[i]->id);
    if (m->smoke->fireStartS - alarmS >= 0)
        m->events.push_back({m->smoke->fireStartS - alarmS, EventKind::FireStart, "", ""});
}

void Simulation::step() { m->step(); }

void Simulation::run(const std::function<void(const Simulation&)>& onFrame) {
    const double interval = m->model.frameIntervalS;
    double nextFrame = 0.0;
    if (onFrame) {
        onFrame(*this);
        nextFrame = interval;
    }
    while (!finished()) {
        step();
        if (onFrame && m->t + 1e-9 >= nextFrame) {
            onFrame(*this);
            nextFrame += interval;
        }
    }
}

bool Simulation::finished() const { return m->finished(); }
double Simulation::time() const { return m->t; }
int Simulation::stepCount() const { return m->steps; }
int Simulation::agentCount() const { return static_cast<int>(m->agents.size()); }
int Simulation::evacuatedCount() const { return m->evacuated; }
int Simulation::onStairsCount() const { return m->onStairs; }
const std::vector<std::string>& Simulation::floorIds() const { return m->floorIds; }

std::vector<SimEvent> Simulation::takeEvents() {
    std::vector<SimEvent> out;
    out.swap(m->events);
    return out;
}

bool Simulation::conserved() const {
    size_t onFloors = 0, transit = 0, out = 0;
    for (const auto& f : m->floors) onFloors += f->agents.size();
    for (const auto& s : m->stairs) transit += s.transit.size();
    for (const auto& a : m->agents) out += a.state == AgentState::Evacuated ? 1 : 0;
    if (onFloors + transit + out != m->agents.size()) return false;
    // Each person is in exactly one place.
    std::vector<int> seen(m->agents.size(), 0);
    for (const auto& f : m->floors)
        for (auto id : f->agents) seen[id]++;
    for (const auto& s : m->stairs)
        for (const auto& tr : s.transit) seen[tr.agent]++;
    for (size_t i = 0; i < seen.size(); ++i) {
        const bool isOut = m->agents[i].state == AgentState::Evacuated;
        if (seen[i] != (isOut ? 0 : 1)) return false;
    }
    return true;
}

Frame Simulation::frame() const {
    Frame fr;
    fr.t = m->t;
    fr.agents.resize(m->agents.size());
    for (size_t i = 0; i < m->agents.size(); ++i) {
        const Agent& a = m->agents[i];
        AgentSample& s = fr.agents[i];
        s.x = static_cast<float>(a.pos.x);
        s.y = static_cast<float>(a.pos.y);
        s.heading = static_cast<float>(std::atan2(a.vel.y, a.vel.x));
        s.speed = static_cast<float>(length(a.vel));
        s.floor = static_cast<std::int16_t>(a.state == AgentState::OnStair || a.state == AgentState::Evacuated ? -1 : a.floor);
        s.state = a.state;
        s.flags = a.inSmoke ? 1 : 0;
    }
    fr.doorOpen.reserve(m->doorIds.size());
    for (const auto& fp : m->floors) {
        for (const auto& d : fp->floor->doors) fr.doorOpen.push_back(fp->closedDoors.count(d.id) ? 0 : 1);
        for (const auto& e : fp->floor->exits) fr.doorOpen.push_back(fp->closedDoors.count(e.id) ? 0 : 1);
    }
    fr.roomSmoke.assign(m->rooms.size(), 0.0f);
    for (size_t i = 0; i < m->roomLevel.size(); ++i) fr.roomSmoke[i] = static_cast<float>(m->roomLevel[i]);
    return fr;
}

ReplayHeader Simulation::replayHeader() const {
    ReplayHeader h;
    h.seed = m->opt.seed;
    h.timeStepS = m->opt.timeStepS;
    h.frameIntervalS = m->model.frameIntervalS;
    h.scenarioPath = m->project.scenarioPath;
    h.files = m->project.files;
    for (const auto& fp : m->floors) h.floors.push_back({fp->floor->id, fp->floor->name, fp->floor->building});
    h.doorIds = m->doorIds;
    for (const Room* r : m->rooms) h.roomIds.push_back(r->id);
    for (size_t i = 0; i < m->agents.size(); ++i) {
        const Agent& a = m->agents[i];
        AgentInfo info;
        info.id = static_cast<std::uint32_t>(i);
        info.profile = a.profile->name;
        info.group = a.group;
        info.originRoom = a.originRoom;
        info.radiusM = static_cast<float>(a.radius);
        h.agents.push_back(info);
    }
    return h;
}

RunResults Simulation::results() const {
    RunResults r;
    r.seed = m->opt.seed;
    r.total = static_cast<int>(m->agents.size());
    r.evacuated = m->evacuated;
    r.simulatedS = m->t;
    r.steps = m->steps;
    r.agentSteps = m->agentSteps;
    std::vector<double> outTimes;
    for (size_t i = 0; i < m->agents.size(); ++i) {
        const Agent& a = m->agents[i];
        PersonResult p;
        p.id = static_cast<std::uint32_t>(i);
        p.profile = a.profile->name;
        p.group = a.group;
        p.originRoom = a.originRoom;
        p.originFloor = a.originFloor;
        p.startTimeS = a.startT;
        p.firstMoveS = a.movedAt;
        p.freeSpeedMps = a.v0;
        p.exitTimeS = a.exitT;
        p.exitId = a.exitId;
        p.distanceM = a.distance;
        p.waitingS = a.waiting;
        p.smokeExposureS = a.smokeS;
        p.untenableExposureS = a.untenableS;
        if (a.state != AgentState::Evacuated) {
            const double stalled = m->t - a.lastProgressT;
            p.reason = !a.reason.empty() ? a.reason
                       : a.state == AgentState::OnStair ? "still on a stair at the end of the run"
                       : a.state == AgentState::Waiting ? "had not started moving at the end of the run"
                       : stalled > 60.0 ? "trapped: no progress towards an exit in the last 60 s"
                                        : "still on the way at the end of the run (max_time_s)";
            const int fl = a.floor >= 0 ? a.floor : a.lastFloor;
            if (fl >= 0) p.lastFloor = m->floorIds[static_cast<size_t>(fl)];
            if (a.room >= 0) p.lastRoom = m->rooms[static_cast<size_t>(a.room)]->id;
            p.lastPosition = a.pos;
        } else {
            outTimes.push_back(a.exitT);
        }
        r.people.push_back(std::move(p));
    }
    std::sort(outTimes.begin(), outTimes.end());
    auto quant = [&](double q) -> double {
        if (r.total == 0) return 0.0;
        const auto need = static_cast<size_t>(std::ceil(q * r.total - 1e-9));
        if (need == 0) return 0.0;
        return outTimes.size() >= need ? outTimes[need - 1] : -1.0;
    };
    r.t50 = quant(0.5);
    r.t90 = quant(0.9);
    r.t95 = quant(0.95);
    r.t100 = quant(1.0);
    r.totalTimeS = r.t100 >= 0 ? r.t100 : m->t;
    for (size_t k = 0; k < m->targets.size(); ++k) {
        const Target& tg = m->targets[k];
        if (tg.kind != Target::Kind::Exit) continue;
        ExitResult e;
        e.id = tg.id;
        e.floor = m->floorIds[static_cast<size_t>(tg.floor)];
        e.widthM = tg.widthM;
        e.flowPerBin = m->exitBins[k];
        for (const auto& a : m->agents)
            if (a.exitId == tg.id) {
                e.count++;
                e.firstS = e.firstS < 0 ? a.exitT : std::min(e.firstS, a.exitT);
                e.lastS = std::max(e.lastS, a.exitT);
            }
        r.exits.push_back(std::move(e));
    }
    for (const auto& fp : m->floors) {
        int initial = 0;
        for (const auto& a : m->agents) initial += a.originFloor == fp->floor->id ? 1 : 0;
        // A floor someone is still on is not clear: -1.
        const bool occupied = !fp->agents.empty();
        r.floors.push_back({fp->floor->id, occupied ? -1.0 : (fp->hadPeople ? fp->lastPresenceT : 0.0), initial});
    }
    std::vector<int> remaining(m->rooms.size(), 0);
    for (const auto& a : m->agents)
        if (a.state != AgentState::Evacuated && a.state != AgentState::OnStair && a.room >= 0)
            remaining[static_cast<size_t>(a.room)]++;
    for (size_t i = 0; i < m->rooms.size(); ++i)
        r.rooms.push_back({m->rooms[i]->id, remaining[i] > 0 ? -1.0 : m->roomClearT[i], m->roomInitial[i]});
    return r;
}

}  // namespace muster
