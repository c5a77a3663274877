// The evacuation engine: see simulation.hpp for the pipeline and docs/model.md for the model.
#include "muster/simulation.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "muster/device_motion.hpp"
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
// Assisted evacuation (docs/model.md, "Assisted evacuation"). A helper has reached the patient
// within this walking distance of the ring around them.
constexpr double kHelpReachM = 1.0;
// Helpers walk this far behind the device, side by side 0.5 m apart.
constexpr double kCrewGapM = 0.3;
// Fatigue: each earlier trip of the crew slows the next by 5 %, down to 80 % (assumption, L;
// Kwak et al. 2021 report slower later trips without a rate).
constexpr double kFatiguePerTrip = 0.05;
constexpr double kFatigueFloor = 0.8;
// A door is passable for a device at least this much wider than it.
constexpr double kDoorSlackM = 0.05;
// Neighbours considered by the speed model. Beyond 1.5 m a neighbour neither repels (the CSM's
// range D is 0.1 m: exp(-11) at 1.5 m) nor limits speed below 1.83 m/s ((1.5 - 2r) / T), above
// every walking profile's free speed but the top 1 % of staff.
constexpr double kNeighbourRangeM = 1.5;
// A moving device that has not come 0.5 m closer to its target for this long squeezes past.
constexpr double kStallS = 15.0;
constexpr double kSqueezedRadiusM = 0.25;
// Pull of an opening's centre line on the ends of a device about to pass it: metres of walking
// per (offset + offset²) beyond the slack, offset in metres (driveDevice).
constexpr double kGateWeight = 4.0;
// ... and the weight of its leading end's heading error, (1 - cos) off the opening's normal.
constexpr double kGateAlign = 1.0;

struct Target {
    enum class Kind { Exit, Stair, Refuge } kind = Kind::Exit;
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
    std::vector<Vec2> sources;    // refuge: the cells far enough past the smoke barrier
    std::string refugeOf;         // refuge: the fire compartment it serves
};

// The navigation a device (bed, wheelchair) or a convoy sees on a floor: the floor without the
// waiting patients' footprints, doors narrower than the device closed, a clearance of half the
// device width less 0.15 m. Built when first needed and again after the floor's grid changes.
struct DevNav {
    int version = -1;
    NavGrid grid;
    std::map<int, std::unique_ptr<DistanceField>> fields;  // by target; null: unusable
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
    int gridVersion = 0;
    std::map<long, DevNav> devNav;  // by device width (cm)
    // What a device's rectangle must keep clear of: solid walls (with their thickness) and
    // obstacle edges; door leaves, counted while their door is closed.
    std::vector<SolidSeg> solids;
    std::vector<std::pair<std::string, SolidSeg>> leafSolids;
    // Door and exit openings: centre, unit tangent along the opening, unit normal, width.
    struct Gate {
        Vec2 at, tangent, normal;
        double widthM = 0;
    };
    std::vector<Gate> gates;
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
    // Assisted evacuation. Patients: crew assigned and arrived, phase, device.
    bool needsHelp = false;
    bool inPlace = false;     // defends in place: never moves, not counted
    bool refugeOnly = false;  // horizontal strategy: heads for the refuge, not an exit
    bool canStairs = true;
    int phase = 0;            // patient: 0 waiting for crew, 1 preparing, 2 moving, 3 delivered
    int crewNeeded = 0;
    std::vector<std::uint32_t> crew, helpers;
    double prepS = 0.0, prepEndT = -1.0, helpArrivedT = -1.0, moveStartT = -1.0;
    DeviceKind device = DeviceKind::None;
    bool escort = false;
    double devLen = 0.0, devWid = 0.0, devSpeed = 0.0, devStairMps = 0.0;
    Vec2 want{0, 0};          // desired direction this step (for others' keep-right test)
    double navW = -1.0;       // >= 0: routes on the device navigation of this width
    bool squeezed = false;    // a stalled device's narrower collision body (see steer)
    int squeezes = 0;
    double angle = 0.0;
    int devFront = 1;         // which end of the device's long axis leads (+1: along angle)
    double devBlockedT = -1;  // since when the device's planner has found no way forward
    int devGate = -1;         // the opening the device is lining up with or passing (FloorRt::gates)
    Vec2 devGateDown;         // its normal, pointing the way the device passes
    Vec2 lastDir{1, 0};
    // Staff.
    bool helper = false, helperDone = false, attached = false, atPatient = false;
    int task = -1;            // patient id
    int homeFloor = -1;
    int trips = 0;
    std::string department;
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
    std::vector<bool> roomClosePending;
    // Assisted evacuation.
    AssistPlan plan;
    bool assistReady = false;
    int inPlaceCount = 0;
    std::vector<std::uint32_t> patientIds, helperIds;  // set once by setupAssistance
    struct PatientField {
        int version = -1;
        std::unique_ptr<DistanceField> field;
    };
    std::map<std::uint32_t, PatientField> patientFields;

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
            for (const auto& w : f.walls) {
                // A wall piece is a box of its thickness with square ends (a door jamb is
                // square, as in Box2D): its four edges.
                const double len = distance(w.a, w.b);
                if (len < 1e-6) continue;
                if (w.doorId.empty()) {
                    appendWallBox(w.a, w.b, w.thicknessM, f.solids);
                } else {
                    std::vector<SolidSeg> leaf;
                    appendWallBox(w.a, w.b, w.thicknessM, leaf);
                    for (const auto& sg : leaf) f.leafSolids.emplace_back(w.doorId, sg);
                    const Vec2 tan = (w.b - w.a) * (1.0 / len);
                    f.gates.push_back({(w.a + w.b) * 0.5, tan, Vec2{-tan.y, tan.x}, len});
                }
            }
            for (const auto& o : f.floor->obstacles)
                for (size_t k = 0; k < o.polygon.size(); ++k)
                    f.solids.push_back({o.polygon[k], o.polygon[(k + 1) % o.polygon.size()], 0.0});
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
        ++f.gridVersion;
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
                if (tg.kind == Target::Kind::Refuge) rs.cost[k] = 0.0;
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
                        if (targets[static_cast<size_t>(ti)].kind == Target::Kind::Refuge) continue;
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


    // ---- assisted evacuation -----------------------------------------------------------
    // Navigation for a device of width w (0: a convoy on foot) on floor f.
    DevNav& devNav(FloorRt& f, double w) {
        DevNav& dn = f.devNav[std::lround(w * 100.0)];
        if (dn.version == f.gridVersion) return dn;
        dn.version = f.gridVersion;
        dn.fields.clear();
        Floor plain = f.navFloor;
        std::erase_if(plain.obstacles, [](const Obstacle& o) { return o.id == "immobile"; });
        std::set<std::string> closed = f.closedDoors, passable;
        for (const auto& d : f.floor->doors) {
            if (w > 0 && d.widthM < w + kDoorSlackM) closed.insert(d.id);
            if (!closed.count(d.id)) passable.insert(d.id);
        }
        NavGridOptions go;
        go.cellM = model.cellM;
        // Cells within half the device width of a wall (less 0.15 m: the grid's half cell and
        // the wall repulsion do the rest) are closed, so the field never leads a bed's centre
        // where its sides would hit a door jamb.
        go.clearanceM = std::max(0.0, w / 2.0 - 0.15);
        dn.grid = NavGrid::build(plain, go, closed, passable);
        return dn;
    }

    // The distance field to target ti for an agent: its own device navigation when it leads a
    // convoy, else the floor's. Null: the target is unusable for it.
    const DistanceField* fieldFor(const Agent& a, int ti) { return fieldForWidth(a.navW, ti); }

    // navW < 0: the floor's own field; else the device navigation of that width.
    const DistanceField* fieldForWidth(double navW, int ti) {
        Target& tg = targets[static_cast<size_t>(ti)];
        if (navW < 0) return &tg.field;
        FloorRt& f = *floors[static_cast<size_t>(tg.floor)];
        DevNav& dn = devNav(f, navW);
        auto it = dn.fields.find(ti);
        if (it != dn.fields.end()) return it->second.get();
        std::unique_ptr<DistanceField> df;
        if (tg.kind == Target::Kind::Exit) {
            if (tg.widthM >= navW + kDoorSlackM || navW == 0)
                df = std::make_unique<DistanceField>(DistanceField::computeFromSegments(dn.grid, {{tg.a, tg.b}}));
        } else if (tg.kind == Target::Kind::Stair) {
            df = std::make_unique<DistanceField>(DistanceField::compute(dn.grid, {tg.point}));
        } else {
            df = std::make_unique<DistanceField>(DistanceField::compute(dn.grid, tg.sources));
        }
        return (dn.fields[ti] = std::move(df)).get();
    }

    double fieldAt(const Agent& a, int ti, Vec2 p) {
        const DistanceField* df = fieldFor(a, ti);
        return df ? df->at(p) : kInf;
    }

    // Walking distance on the floor's grid to the ring around a waiting patient.
    const DistanceField& patientField(std::uint32_t pid) {
        const Agent& p = agents[pid];
        FloorRt& f = *floors[static_cast<size_t>(p.floor)];
        PatientField& pf = patientFields[pid];
        if (pf.version != f.gridVersion || !pf.field) {
            std::vector<Vec2> ring;
            const double r = p.radius + 0.35;
            for (int k = 0; k < 16; ++k) {
                const double ang = k * 3.14159265358979323846 / 8.0;
                const Vec2 q = p.pos + Vec2{r * std::cos(ang), r * std::sin(ang)};
                if (f.grid.walkableAt(q)) ring.push_back(q);
            }
            if (ring.empty()) ring.push_back(p.pos);
            pf.field = std::make_unique<DistanceField>(DistanceField::compute(f.grid, ring));
            pf.version = f.gridVersion;
        }
        return *pf.field;
    }

    const Room* roomAt(int fi, Vec2 p) const {
        const FloorRt& f = *floors[static_cast<size_t>(fi)];
        const int r = roomIndexAt(f, p);
        return r >= 0 ? rooms[static_cast<size_t>(r)] : nullptr;
    }

    // The refuge of the horizontal strategy on floor fi: rooms of other smoke compartments,
    // at least refugeDepthM of walking past the fire compartment. -1 when the floor has none.
    int buildRefuge(int fi, const std::string& fireCompartment) {
        FloorRt& f = *floors[static_cast<size_t>(fi)];
        std::vector<Vec2> inFire;
        std::vector<std::pair<int, int>> other;
        for (int iy = 0; iy < f.grid.ny(); ++iy)
            for (int ix = 0; ix < f.grid.nx(); ++ix) {
                if (!f.grid.walkable(ix, iy)) continue;
                const int ri = f.roomOfCell[static_cast<size_t>(f.grid.index(ix, iy))];
                if (ri < 0) continue;
                const std::string& c = rooms[static_cast<size_t>(ri)]->compartment;
                if (c == fireCompartment) inFire.push_back(f.grid.cellCentre(ix, iy));
                else if (!c.empty() && rooms[static_cast<size_t>(ri)]->kind != RoomKind::Stair &&
                         rooms[static_cast<size_t>(ri)]->kind != RoomKind::ElevatorLobby)
                    other.emplace_back(ix, iy);  // a stair or lift lobby is not where patients wait
            }
        if (inFire.empty() || other.empty()) return -1;
        const DistanceField fromFire = DistanceField::compute(f.grid, inFire);
        Target tg;
        tg.kind = Target::Kind::Refuge;
        tg.id = "refuge";
        tg.refugeOf = fireCompartment;
        tg.floor = fi;
        for (auto [ix, iy] : other) {
            const double d = fromFire.cellValue(ix, iy);
            if (std::isfinite(d) && d >= plan.refugeDepthM) tg.sources.push_back(f.grid.cellCentre(ix, iy));
        }
        if (tg.sources.empty()) return -1;
        tg.point = tg.sources.front();
        tg.field = DistanceField::compute(f.grid, tg.sources);
        const int ti = static_cast<int>(targets.size());
        f.targets.push_back(ti);
        targets.push_back(std::move(tg));
        exitBins.resize(targets.size());
        for (auto& rs : routeSets) {
            rs.cost.push_back(0.0);
            rs.arrival.push_back(kInf);
        }
        return ti;
    }

    void draw(const Distribution& d, Rng& rng, double& out) { out = std::max(0.0, d.sample(rng)); }

    // Once, before the first step: the plan's strategy, helpers, devices and crews.
    void setupAssistance() {
        if (assistReady) return;
        assistReady = true;
        // Strategy: who moves, and when.
        int fireFloor = -1;
        std::string fireCompartment;
        if (!plan.fireRoom.empty())
            for (size_t i = 0; i < rooms.size(); ++i)
                if (rooms[i]->id == plan.fireRoom) {
                    fireFloor = floorIndex(roomFloor[i]);
                    fireCompartment = rooms[i]->compartment;
                }
        if (plan.mode == AssistPlan::Mode::Horizontal && fireFloor >= 0) {
            const int refuge = fireCompartment.empty() ? -1 : buildRefuge(fireFloor, fireCompartment);
            if (refuge < 0) {
                events.push_back({0.0, EventKind::Note, plan.fireRoom,
                                  "horizontal strategy: no other smoke compartment on the fire floor; vertical evacuation"});
            } else {
                for (auto& a : agents) {
                    if (a.floor == fireFloor) {
                        const Room* r = roomAt(a.floor, a.pos);
                        // Staff of the fire floor help wherever they are; the rest of the
                        // floor outside the fire compartment stays.
                        const bool inFire = r && r->compartment == fireCompartment;
                        if (inFire || a.profile->helps) {
                            a.refugeOnly = true;
                            continue;
                        }
                    }
                    a.inPlace = true;
                    ++inPlaceCount;
                    a.reason = "defended in place (horizontal strategy)";
                }
            }
        }
        if (plan.mode == AssistPlan::Mode::Phased && fireFloor >= 0) {
            const Floor* ff = floors[static_cast<size_t>(fireFloor)]->floor;
            int above = -1;
            double best = kInf;
            for (const auto& fp : floors)
                if (fp->floor->building == ff->building && fp->floor->elevationM > ff->elevationM + 0.1 &&
                    fp->floor->elevationM < best) {
                    best = fp->floor->elevationM;
                    above = fp->index;
                }
            for (auto& a : agents) {
                if (a.floor == fireFloor) continue;
                a.startT += a.floor == above ? plan.phaseDelayS : 2.0 * plan.phaseDelayS;
            }
        }
        // Helpers and patients.
        for (size_t i = 0; i < agents.size(); ++i) {
            Agent& a = agents[i];
            a.homeFloor = a.floor;
            a.canStairs = a.profile->canUseStairs;
            if (const Room* r = a.floor >= 0 ? roomAt(a.floor, a.pos) : nullptr) a.department = r->department;
            if (a.inPlace) continue;
            if (a.profile->helps) {
                a.helper = true;
                helperIds.push_back(static_cast<std::uint32_t>(i));
            }
            if (!a.profile->assisted) continue;
            patientIds.push_back(static_cast<std::uint32_t>(i));
            const AssistSpec& sp = *a.profile->assisted;
            a.needsHelp = true;
            a.reason.clear();
            Rng rng = Rng::stream(opt.seed ^ 0xa551571ULL, i);
            auto ov = plan.preparation.find(a.profile->name);
            draw(ov != plan.preparation.end() ? ov->second : sp.preparation, rng, a.prepS);
            draw(sp.speed, rng, a.devSpeed);
            double sledLevel = 0.0, sledStair = 0.0, transfer = 0.0;
            if (sp.stairs) {
                draw(sp.stairLevelSpeed, rng, sledLevel);
                draw(sp.stairSpeed, rng, sledStair);
                draw(sp.stairPreparation, rng, transfer);
            }
            a.device = sp.device;
            a.escort = sp.device == DeviceKind::None;
            a.devLen = sp.device == DeviceKind::None ? 0.0 : sp.lengthM;
            a.devWid = sp.device == DeviceKind::None ? 0.0 : sp.widthM;
            a.crewNeeded = sp.staff;
            a.canStairs = false;
            // The device goes where it fits: a target on this floor it can reach (the refuge,
            // or an exit), else down the stairs on a chair or sled when the profile allows.
            FloorRt& f = *floors[static_cast<size_t>(a.floor)];
            bool reachable = false;
            for (int ti : f.targets) {
                const Target& tg = targets[static_cast<size_t>(ti)];
                if (tg.kind == Target::Kind::Stair) continue;
                if ((tg.kind == Target::Kind::Refuge) != a.refugeOnly) continue;
                if (tg.kind == Target::Kind::Exit && !tg.open) continue;
                const DistanceField* df = fieldForWidth(a.devWid, ti);
                if (df && std::isfinite(df->at(a.pos))) reachable = true;
            }
            if (!reachable && a.escort && sp.stairs) {
                a.canStairs = true;  // walks down with an escort at the stair speed
                a.devStairMps = sledStair;
            } else if (!reachable && sp.stairs) {
                a.device = DeviceKind::EvacChair;
                a.escort = false;
                a.devLen = sp.stairLengthM;
                a.devWid = sp.stairWidthM;
                a.devSpeed = sledLevel;
                a.devStairMps = sledStair;
                a.crewNeeded = sp.stairStaff;
                a.prepS += transfer;
                a.canStairs = true;
            } else if (!reachable) {
                a.reason = std::string("a ") + (a.device == DeviceKind::Bed ? "bed" : "wheelchair") + " (" +
                           std::to_string(a.devWid).substr(0, 4) + " m wide) fits no door to a way out of floor " +
                           f.floor->id + " and the profile has no stair device";
                a.phase = 3;
            }
        }
        // Enough staff in reach? Otherwise say so now rather than wait forever.
        for (std::uint32_t i : patientIds) {
            Agent& p = agents[i];
            if (p.phase == 3) continue;
            int staff = 0;
            for (std::uint32_t h : helperIds) staff += inScope(agents[h], p) ? 1 : 0;
            if (staff < p.crewNeeded) {
                p.reason = "needs " + std::to_string(p.crewNeeded) + " staff to move; " + std::to_string(staff) +
                           " on duty can reach them on floor " + floorIds[static_cast<size_t>(p.floor)];
                p.phase = 3;
            }
        }
    }

    bool inScope(const Agent& h, const Agent& p) const {
        if (h.homeFloor != p.floor && h.homeFloor != p.homeFloor) return false;
        if (plan.perWard && !h.department.empty() && h.department != p.department) return false;
        return true;
    }

    // Each step: patients whose crew has gathered start preparing, prepared ones start moving,
    // free helpers take the next patient.
    void assist() {
        for (std::uint32_t i : patientIds) {
            Agent& p = agents[i];
            if (p.phase == 0 && static_cast<int>(p.crew.size()) == p.crewNeeded) {
                bool all = true;
                for (std::uint32_t h : p.crew) all = all && agents[h].atPatient;
                if (all) {
                    p.phase = 1;
                    p.prepEndT = t + p.prepS;
                    p.state = AgentState::BeingHelped;
                }
            }
            if (p.phase == 1 && t + 1e-9 >= p.prepEndT) startConvoy(i);
        }
        for (std::uint32_t i : helperIds) {
            Agent& h = agents[i];
            if (h.helperDone || h.task >= 0 || h.attached) continue;
            if (t + 1e-9 < h.startT || h.state == AgentState::OnStair || h.state == AgentState::Evacuated) continue;
            if (h.floor < 0) continue;
            allocate(i);
        }
    }

    void allocate(std::uint32_t hid) {
        Agent& h = agents[hid];
        int best = -1;
        bool bestPartial = false;
        double bestD = kInf;
        bool elsewhere = false;
        for (std::uint32_t i : patientIds) {
            const Agent& p = agents[i];
            if (p.phase != 0 || static_cast<int>(p.crew.size()) >= p.crewNeeded) continue;
            if (!inScope(h, p)) continue;
            if (p.floor != h.floor) {
                elsewhere = true;
                continue;
            }
            const bool partial = !p.crew.empty();
            double d = patientField(i).at(h.pos);
            // Off the field (a helper just stepped off a device beside a wall): rank by the
            // straight line behind every reachable patient rather than give up on them.
            if (!std::isfinite(d)) d = 1e6 + distance(h.pos, p.pos);
            if ((partial && !bestPartial) || (partial == bestPartial && d < bestD)) {
                best = static_cast<int>(i);
                bestPartial = partial;
                bestD = d;
            }
        }
        if (best >= 0) {
            Agent& p = agents[static_cast<size_t>(best)];
            p.crew.push_back(hid);
            if (std::find(p.helpers.begin(), p.helpers.end(), hid) == p.helpers.end()) p.helpers.push_back(hid);
            h.task = best;
            h.atPatient = false;
            h.state = AgentState::Helping;
            h.target = -1;
            h.bestToGo = kInf;
            h.lastProgressT = t;
            return;
        }
        if (elsewhere) {  // back to the home floor by the stairs
            h.state = AgentState::Moving;
            return;
        }
        h.helperDone = true;
        h.state = AgentState::Moving;
        h.nextRouteT = t;
    }

    void startConvoy(std::uint32_t pid) {
        Agent& p = agents[pid];
        FloorRt& f = *floors[static_cast<size_t>(p.floor)];
        p.phase = 2;
        p.moveStartT = t;
        p.navW = p.escort ? 0.0 : (p.device == DeviceKind::EvacChair ? 0.0 : p.devWid);
        int trips = 0;
        for (std::uint32_t h : p.crew) trips = std::max(trips, agents[h].trips);
        p.v0 = p.escort ? std::min(p.v0 > 0 ? p.v0 : p.devSpeed, p.devSpeed) : p.devSpeed;
        p.v0 *= std::max(kFatigueFloor, 1.0 - kFatiguePerTrip * trips);
        p.target = -1;
        p.nextRouteT = t;
        p.bestToGo = kInf;
        p.lastProgressT = t;
        if (!p.escort) {
            // The device's body: a disc of its width (see docs/model.md: a rigid 2.15 m box
            // steered by the local model jammed in door turns); routing knows its width, the
            // replay its whole footprint.
            f.physics->removeBody(p.body);
            p.radius = p.devWid / 2.0;
            const DistanceField* df = nullptr;
            for (int ti : f.targets)
                if (!df && (targets[static_cast<size_t>(ti)].kind == Target::Kind::Refuge) == p.refugeOnly) df = fieldFor(p, ti);
            Vec2 d = df ? df->direction(p.pos) : Vec2{0, 0};
            addDeviceBody(p, f, length(d) > 1e-9 ? std::atan2(d.y, d.x) : p.angle);
        }
        for (std::uint32_t hid : p.crew) {
            Agent& h = agents[hid];
            if (h.body >= 0) f.physics->removeBody(h.body);
            h.body = -1;
            h.attached = true;
            h.state = AgentState::Helping;
        }
    }

    bool leadsConvoy(const Agent& a) const { return a.needsHelp && a.phase == 2; }

    Footprint footprintOf(const Agent& a) const { return {a.devLen / 2.0, a.devWid / 2.0}; }

    // A device moving as its rectangle (driveDevice); everyone else is a disc.
    bool isBox(const Agent& b) const { return leadsConvoy(b) && !b.escort && !b.squeezed && b.body >= 0; }

    // How a walker at p heading along unit e sees box b: the gap to its surface, and the clear
    // distance ahead if b lies across e's path (kInf otherwise).
    struct BoxView {
        Vec2 away;         // unit vector from b's nearest point to p
        double gap = kInf; // from p to b's surface
        double ahead = kInf;
    };
    BoxView viewBox(const Agent& b, Vec2 p, Vec2 e, double radius) const {
        BoxView v;
        const Vec2 u{std::cos(b.angle), std::sin(b.angle)}, n{-u.y, u.x};
        const double hl = b.devLen / 2.0, hw = b.devWid / 2.0;
        const Vec2 d = p - b.pos;
        const Vec2 q = b.pos + u * std::clamp(dot(d, u), -hl, hl) + n * std::clamp(dot(d, n), -hw, hw);
        const Vec2 w = p - q;
        const double dist = length(w);
        v.gap = dist;
        v.away = dist > 1e-9 ? w * (1.0 / dist) : (length(d) > 1e-9 ? d * (1.0 / length(d)) : Vec2{1, 0});
        const double along = -dot(e, d);
        if (along > 0) {
            const double extAlong = std::abs(dot(e, u)) * hl + std::abs(dot(e, n)) * hw;
            const double extAcross = std::abs(cross(e, u)) * hl + std::abs(cross(e, n)) * hw;
            if (std::abs(cross(e, d)) < radius + extAcross) v.ahead = along - extAlong - radius;
        }
        return v;
    }

    // Solid pieces within r of c on floor f, closed door leaves included.
    void localSolids(const FloorRt& f, Vec2 c, double r, std::vector<SolidSeg>& out) const {
        out.clear();
        for (const auto& sg : f.solids)
            if (distanceToSegment(c, sg.a, sg.b) - sg.half <= r) out.push_back(sg);
        for (const auto& [door, sg] : f.leafSolids)
            if (f.closedDoors.count(door) && distanceToSegment(c, sg.a, sg.b) - sg.half <= r) out.push_back(sg);
    }

    // The device's rectangular body, placed at the patient with its long axis as near to
    // `wantAngle` as the room around allows (a bed beside a wall is turned before it rolls).
    void addDeviceBody(Agent& p, FloorRt& f, double wantAngle) {
        const Footprint fp = footprintOf(p);
        std::vector<SolidSeg> near;
        localSolids(f, p.pos, std::hypot(fp.halfLen, fp.halfWid) + 0.1, near);
        double best = wantAngle, bestClear = -kInf;
        constexpr double kPi = 3.14159265358979323846;
        for (int k = 0; k < 16; ++k) {
            // 0, +22.5, -22.5, +45, ... degrees from the wanted heading.
            const double ang = wantAngle + (k % 2 == 1 ? 1.0 : -1.0) * ((k + 1) / 2) * kPi / 8.0;
            const double c = rectClearance({p.pos, ang}, fp, near);
            if (c >= 0.02) {
                best = ang;
                break;
            }
            if (c > bestClear) {
                bestClear = c;
                best = ang;
            }
        }
        p.angle = best;
        p.devFront = 1;
        p.devGate = -1;
        p.body = f.physics->addBox(p.pos, fp.halfLen, fp.halfWid, p.angle, kMassKg * 2.0);
    }

    // Of two people heading for the same target, the one nearer to it by walking distance goes
    // first (a tie goes to the lower id): a does not stop for, nor get pushed aside by, b.
    static bool goesFirst(const Agent& a, std::uint32_t ida, const Agent& b, std::uint32_t idb) {
        return b.target == a.target && (b.toGo > a.toGo + 0.05 || (b.toGo >= a.toGo - 0.05 && idb > ida));
    }

    // Helpers walk behind the device.
    void placeCrew(FloorRt& f) {
        for (std::uint32_t id : f.agents) {
            Agent& p = agents[id];
            if (!leadsConvoy(p) || p.crew.empty()) continue;
            // Direction of travel smoothed over about a second, so the crew does not swap
            // ends of the bed when it jiggles in a queue.
            if (length(p.vel) > 0.1) {
                const Vec2 d = p.lastDir * 0.95 + p.vel * (0.05 / length(p.vel));
                if (length(d) > 1e-6) p.lastDir = d * (1.0 / length(d));
            }
            // A device's crew stands at its trailing end, whichever way it moves for a moment.
            const Vec2 back = p.escort ? p.lastDir * -1.0
                                       : Vec2{std::cos(p.angle), std::sin(p.angle)} * -static_cast<double>(p.devFront);
            const Vec2 side{-back.y, back.x};
            const double behind = (p.escort ? p.radius : p.devLen / 2.0) + kCrewGapM;
            const auto n = static_cast<double>(p.crew.size());
            for (size_t k = 0; k < p.crew.size(); ++k) {
                Agent& h = agents[p.crew[k]];
                const Vec2 q = p.pos + back * behind + side * ((static_cast<double>(k) - (n - 1) / 2.0) * 0.5);
                h.distance += length(p.vel) * opt.timeStepS;  // they walk as far as the device
                h.pos = q;
                h.vel = p.vel;
            }
        }
    }

    // The patient is out (or in the refuge): the crew steps off the device and is free.
    void releaseCrew(Agent& p, FloorRt& f, Vec2 fallback) {
        for (std::uint32_t hid : p.crew) {
            Agent& h = agents[hid];
            h.attached = false;
            h.atPatient = false;
            h.task = -1;
            h.trips++;
            if (!f.grid.walkableAt(h.pos)) h.pos = fallback;
            const double r = h.radius / 0.22;
            h.body = f.physics->addBody(h.pos, h.radius, kMassKg * r * r);
            h.state = AgentState::Moving;
            h.target = -1;
            h.nextRouteT = t;
        }
        p.crew.clear();
        p.phase = 3;
    }

    // Staff walking to their patient (not attached) or back to their home floor.
    bool helperWalking(const Agent& a) const { return a.helper && !a.helperDone && !a.attached; }

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

    double estimate(const Agent& a, int ti) {
        const Target& tg = targets[static_cast<size_t>(ti)];
        const double c = routeSets[static_cast<size_t>(a.routeSet)].cost[static_cast<size_t>(ti)];
        if (!std::isfinite(c) || !tg.open) return kInf;
        if ((tg.kind == Target::Kind::Refuge) != a.refugeOnly) return kInf;
        if (tg.kind == Target::Kind::Stair) {
            if (!a.canStairs || stairs[static_cast<size_t>(tg.stair)].blocked) return kInf;
        }
        const double d = fieldAt(a, ti, a.pos);
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
            if (a.target >= 0 && (a.state == AgentState::Moving || a.state == AgentState::Queuing || leadsConvoy(a))) {
                Target& tg = targets[static_cast<size_t>(a.target)];
                tg.heading.push_back(fieldAt(a, a.target, a.pos));
            }
        }
        for (int ti : f.targets) {
            auto& h = targets[static_cast<size_t>(ti)].heading;
            std::sort(h.begin(), h.end());
        }
        for (std::uint32_t id : f.agents) {
            Agent& a = agents[id];
            if (a.inPlace || a.attached) continue;
            const bool lead = leadsConvoy(a);
            if (!a.profile->selfEvacuates && !lead) continue;
            if (a.helper && !a.helperDone) {
                // Busy with a patient, or not yet started: assist() steers them. Back to the
                // home floor by the stair that comes closest to it.
                if (a.task >= 0 || a.state != AgentState::Moving || a.floor == a.homeFloor) continue;
                if (t + 1e-9 < a.nextRouteT && a.target >= 0) continue;
                a.nextRouteT = t + model.rerouteIntervalS;
                const double home = floors[static_cast<size_t>(a.homeFloor)]->floor->elevationM;
                double bestGap = std::abs(f.floor->elevationM - home), bestD = kInf;
                int pick = -1;
                for (int ti : f.targets) {
                    const Target& tg = targets[static_cast<size_t>(ti)];
                    if (tg.kind != Target::Kind::Stair || stairs[static_cast<size_t>(tg.stair)].blocked) continue;
                    const StairRt& st = stairs[static_cast<size_t>(tg.stair)];
                    const double gap = std::abs(floors[static_cast<size_t>(tg.up ? st.upperFloor : st.lowerFloor)]->floor->elevationM - home);
                    const double d = tg.field.at(a.pos);
                    if (!std::isfinite(d) || gap > bestGap - 0.1) continue;
                    if (gap < bestGap - 0.1 - 1e-9 || d < bestD) {
                        if (gap < bestGap - 0.1 - 1e-9) bestD = kInf;
                        if (d < bestD) {
                            bestD = d;
                            pick = ti;
                        }
                    }
                }
                if (pick >= 0) a.target = pick;
                continue;
            }
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
                if (cur.floor == f.index && cur.open && fieldAt(a, a.target, a.pos) < kCommitM) continue;
            }
            // A stair is only worth taking if it brings the person closer to the way out by
            // the static estimate (no queues): queues may move people between stair cores,
            // never up a floor and back down.
            const RouteSet& rs = routeSets[static_cast<size_t>(a.routeSet)];
            double here = kInf;
            for (int ti : f.targets) {
                const Target& tg = targets[static_cast<size_t>(ti)];
                if (tg.kind == Target::Kind::Stair && !a.canStairs) continue;
                if ((tg.kind == Target::Kind::Refuge) != a.refugeOnly) continue;
                here = std::min(here, fieldAt(a, ti, a.pos) / kRouteLevelMps + rs.cost[static_cast<size_t>(ti)]);
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
                a.reason = a.refugeOnly ? "no route to the refuge compartment on floor " + f.floor->id
                           : lead && a.navW > 0
                               ? std::string("no door on floor ") + f.floor->id + " wide enough for the " +
                                     (a.device == DeviceKind::Bed ? "bed" : "wheelchair") + " leads to an open exit"
                           : !a.canStairs && !anyExitOnFloor
                               ? "cannot use stairs and floor " + f.floor->id + " has no exit"
                               : "no route to an open exit from floor " + f.floor->id;
                continue;
            }
            if (a.state == AgentState::Stuck) {
                a.state = lead ? AgentState::BeingHelped : AgentState::Moving;
                a.reason.clear();
            }
            if (a.target >= 0 && a.target != best) {
                const Target& cur0 = targets[static_cast<size_t>(a.target)];
                const bool curAllowed = cur0.floor == f.index &&
                    (cur0.kind != Target::Kind::Stair || rs.arrival[static_cast<size_t>(a.target)] < here - 1e-6);
                const double cur = curAllowed ? estimate(a, a.target) : kInf;
                if (std::isfinite(cur) && cur <= bestT * (1.0 + model.rerouteGain)) continue;
            }
            if (best != a.target) a.bestToGo = kInf;
            a.target = best;
        }
    }

    // Keep right on meeting someone head on (Chinese and most road rules; pedestrians in
    // bidirectional flow form lanes this way, Helbing et al. 2005): when a person ahead within
    // 1.5 m wants to go the opposite way, bias the desired direction 30 % to the right. Without
    // it the local model can hold two people face to face in a doorway for good, which it did
    // with staff going back for patients against patients walking to the refuge.
    Vec2 keepRight(const Agent& a, std::uint32_t id, Vec2 e0, const std::vector<std::uint32_t>& near) const {
        for (std::uint32_t j : near) {
            if (j == id) continue;
            const Agent& b = agents[j];
            if (b.attached || length(b.want) < 1e-9) continue;
            const Vec2 d = b.pos - a.pos;
            const double ahead = dot(e0, d);
            if (ahead <= 0 || ahead > 1.5 || std::abs(cross(e0, d)) > a.radius + b.radius + 0.2) continue;
            if (dot(e0, b.want) > -0.5) continue;
            const Vec2 e = e0 + Vec2{e0.y, -e0.x} * 0.3;
            return e * (1.0 / length(e));
        }
        return e0;
    }

    // Someone standing (waiting to start, staff at a patient) steps out of the way of a bed or
    // chair coming at them: sideways to its motion, or ahead of it if a wall is at their side,
    // at a slow step (0.5 m/s, assumption).
    // Someone walking the way the device goes (`heading`) walks on ahead of it instead.
    Vec2 makeWay(const FloorRt& f, const Agent& a, std::uint32_t id, const std::vector<std::uint32_t>& boxes,
                 Vec2 heading = {0, 0}) const {
        if (a.needsHelp && !a.profile->selfEvacuates) return {0, 0};  // a patient in bed cannot
        for (std::uint32_t j : boxes) {
            const Agent& b = agents[j];
            if (j == id || length(b.vel) < 0.05) continue;
            const Vec2 mv = b.vel * (1.0 / length(b.vel));
            const BoxView bv = viewBox(b, a.pos, mv, a.radius);
            if (bv.gap - a.radius > 0.4 || dot(bv.away, mv) < -0.2) continue;  // not in its way
            if (dot(heading, mv) > 0.5) continue;
            const Vec2 side{-mv.y, mv.x};
            const Vec2 step = cross(mv, a.pos - b.pos) > 0 ? side : side * -1.0;
            // Of 16 directions, the free one that best leads away from the device (sideways
            // first, else on ahead of it, else along the wall it pins them to).
            Vec2 best{0, 0};
            double bestScore = -kInf;
            for (int k = 0; k < 16; ++k) {
                const double ang = k * 3.14159265358979323846 / 8.0;
                const Vec2 dir{std::cos(ang), std::sin(ang)};
                const Vec2 to = a.pos + dir * (a.radius + 0.15);
                if (!f.grid.walkableAt(to) || viewBox(b, to, mv, a.radius).gap <= bv.gap) continue;
                const double score = dot(dir, step) + 0.5 * dot(dir, mv) + dot(dir, bv.away);
                if (score > bestScore) {
                    bestScore = score;
                    best = dir;
                }
            }
            return best * 0.5;
        }
        return {0, 0};
    }

    void steer(FloorRt& f) {
        // Neighbour grid for this floor (positions at the start of the step).
        f.hash.clear();
        for (std::uint32_t id : f.agents) {
            Agent& a = agents[id];
            f.hash.insert(a.pos, id);
            if (helperWalking(a) && a.task >= 0)
                a.toGo = patientField(static_cast<std::uint32_t>(a.task)).at(a.pos);
            else
                a.toGo = a.target >= 0 ? fieldAt(a, a.target, a.pos) : kInf;
            if (a.toGo < a.bestToGo - 0.5 || a.state == AgentState::Waiting) {
                a.bestToGo = a.toGo;
                a.lastProgressT = t;
            }
        }
        f.hash.finalize();
        std::vector<std::uint32_t> near, boxes;
        for (std::uint32_t id : f.agents)
            if (isBox(agents[id])) boxes.push_back(id);
        for (std::uint32_t id : f.agents) {
            Agent& a = agents[id];
            if (a.body < 0) continue;  // helpers carrying a device move with it
            const bool lead = leadsConvoy(a) && a.state == AgentState::BeingHelped && a.target >= 0;
            const bool toPatient = helperWalking(a) && a.task >= 0 && !a.atPatient;
            if (toPatient && a.toGo <= kHelpReachM) {
                a.atPatient = true;
                Agent& p = agents[static_cast<size_t>(a.task)];
                if (p.helpArrivedT < 0) p.helpArrivedT = t;
            }
            const bool walking = (a.state == AgentState::Moving || a.state == AgentState::Queuing) && a.target >= 0;
            if (!(walking || lead || (toPatient && !a.atPatient))) {
                a.want = {0, 0};
                a.vel = makeWay(f, a, id, boxes);
                f.physics->setVelocity(a.body, a.vel);
                continue;
            }
            if (!lead) {
                const Vec2 way = makeWay(f, a, id, boxes, a.want);
                if (length(way) > 0) {
                    a.vel = way;
                    f.physics->setVelocity(a.body, a.vel);
                    continue;
                }
            }
            if (toPatient) {
                const DistanceField& pf = patientField(static_cast<std::uint32_t>(a.task));
                Vec2 e0 = pf.direction(a.pos);
                if (length(e0) < 1e-9) {
                    const Vec2 d = agents[static_cast<size_t>(a.task)].pos - a.pos;
                    e0 = length(d) > 1e-9 ? d * (1.0 / length(d)) : Vec2{0, 0};
                }
                near.clear();
                f.hash.query(a.pos, 2.0, near);
                e0 = keepRight(a, id, e0, near);
                a.want = e0;
                double spacing = kInf;
                for (std::uint32_t j : near) {
                    if (j == id || static_cast<int>(j) == a.task || agents[j].task == a.task) continue;
                    // Symmetry breaking among helpers on their way (as for people heading for
                    // one door): the one nearer to its patient goes first, so a knot of helpers
                    // bound for different beds cannot hold each other in a circle.
                    const Agent& b = agents[j];
                    if (helperWalking(b) && b.task >= 0 && !b.atPatient && b.toGo > a.toGo + 0.05) continue;
                    if (isBox(b)) continue;  // below
                    const Vec2 d = agents[j].pos - a.pos;
                    const double ahead = dot(e0, d);
                    if (ahead <= 0 || std::abs(cross(e0, d)) >= a.radius + agents[j].radius) continue;
                    spacing = std::min(spacing, length(d) - a.radius - agents[j].radius);
                }
                for (std::uint32_t j : boxes)
                    if (agents[j].task != a.task && static_cast<int>(j) != a.task)
                        spacing = std::min(spacing, viewBox(agents[j], a.pos, e0, a.radius).ahead);
                const double v0 = a.room >= 0 && !roomFactor.empty() ? a.v0 * roomFactor[static_cast<size_t>(a.room)] : a.v0;
                a.vel = e0 * std::clamp(spacing / a.profile->timeGapS, 0.0, v0);
                f.physics->setVelocity(a.body, a.vel);
                continue;
            }
            const Target& tg = targets[static_cast<size_t>(a.target)];
            const bool atStairDoor = tg.kind == Target::Kind::Stair && distance(a.pos, tg.point) <= model.stairEntryRadiusM;
            if (lead && !a.escort) {
                // A device that has not advanced for kStallS gets a narrower collision body
                // until it advances again and its rectangle fits where it is: crews angle and
                // rock a bed past a crowd or another bed. Without this, two beds and the people
                // around them can lock a smoke-barrier door for good (docs/model.md, "Known
                // limits"); every squeeze is counted and reported.
                // (Waiting at a stair door for room on the flight is not a stall.)
                const bool stalled = t - a.lastProgressT > kStallS && !atStairDoor;
                if (stalled && !a.squeezed) {
                    a.squeezed = true;
                    a.squeezes++;
                    f.physics->removeBody(a.body);
                    a.body = f.physics->addBody(a.pos, kSqueezedRadiusM, kMassKg * 2.0);
                } else if (!stalled && a.squeezed) {
                    const Footprint fp = footprintOf(a);
                    std::vector<SolidSeg> nearSolids;
                    localSolids(f, a.pos, std::hypot(fp.halfLen, fp.halfWid) + 0.1, nearSolids);
                    if (rectClearance({a.pos, a.angle}, fp, nearSolids) >= 0.0) {
                        a.squeezed = false;
                        f.physics->removeBody(a.body);
                        a.body = f.physics->addBox(a.pos, fp.halfLen, fp.halfWid, a.angle, kMassKg * 2.0);
                    }
                }
            }
            if (atStairDoor) {
                // At the stair door, waiting for room on the flight: hold position.
                a.vel = {0, 0};
                f.physics->setVelocity(a.body, a.vel);
                f.physics->setTurnRate(a.body, 0.0);
                continue;
            }
            const DistanceField* ownField = fieldFor(a, a.target);
            Vec2 e0 = ownField ? ownField->direction(a.pos) : Vec2{0, 0};
            if (ownField && (length(e0) < 1e-9 || !std::isfinite(ownField->at(a.pos)))) {
                // Pushed off its field (a bed shoved against a door jamb lies in cells its
                // clearance closes): back to the nearest cell the field covers.
                const NavGrid& g = a.navW >= 0 ? devNav(f, a.navW).grid : f.grid;
                int ix = 0, iy = 0;
                if (g.nearestWalkable(a.pos, ix, iy)) {
                    const Vec2 d = g.cellCentre(ix, iy) - a.pos;
                    if (length(d) > 1e-6) e0 = d * (1.0 / length(d));
                }
            }
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
            if (lead && !a.escort && !a.squeezed) {
                driveDevice(f, a, id, tg, ownField, e0);
                continue;
            }
            // Collision-free speed model (Tordeux et al. 2016): direction = desired direction
            // + exponential repulsion from neighbours and walls; speed = the spacing ahead
            // divided by the time gap T, capped at the free speed.
            Vec2 rep{0, 0};
            double spacing = kInf;
            near.clear();
            f.hash.query(a.pos, kNeighbourRangeM, near);
            if (!lead) e0 = keepRight(a, id, e0, near);
            a.want = e0;
            auto ownCrew = [&](std::uint32_t j) {
                return agents[j].attached && agents[j].task == static_cast<int>(id);
            };
            for (std::uint32_t j : near) {
                if (j == id || ownCrew(j)) continue;
                const Agent& b = agents[j];
                if (lead && !leadsConvoy(b)) continue;  // people give way to a device (below)
                // Of two devices bound for one place, the one with priority (below) is not
                // pushed aside by the other: two beds abreast at a door that takes one.
                if (lead && goesFirst(a, id, b, j)) continue;
                if (isBox(b)) continue;  // below
                const Vec2 d = a.pos - b.pos;
                const double dist = length(d);
                if (dist < 1e-9 || dist > kNeighbourRangeM) continue;
                const double l = a.radius + b.radius;
                rep = rep + d * (model.neighbourStrength * std::exp((l - dist) / model.neighbourRange) / dist);
            }
            // Beds and chairs in motion repel by the distance to their rectangle, not their centre.
            for (std::uint32_t j : boxes) {
                if (j == id || ownCrew(j) || (lead && goesFirst(a, id, agents[j], j))) continue;
                const BoxView bv = viewBox(agents[j], a.pos, e0, a.radius);
                if (bv.gap - a.radius > kNeighbourRangeM) continue;
                rep = rep + bv.away * (model.neighbourStrength * std::exp((a.radius - bv.gap) / model.neighbourRange));
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
                if (j == id || ownCrew(j)) continue;
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
                if (goesFirst(a, id, b, j)) continue;
                // People give way to a bed or chair in motion: its crew does not stop for them
                // (Box2D's contacts move them aside), or a bed and the staff coming back for
                // the next patient would block each other in a doorway for good.
                if (lead && !leadsConvoy(b)) continue;
                if (isBox(b)) continue;  // below
                spacing = std::min(spacing, length(d) - l);
            }
            for (std::uint32_t j : boxes) {
                if (j == id || ownCrew(j)) continue;
                const Agent& b = agents[j];
                if (goesFirst(a, id, b, j)) continue;
                spacing = std::min(spacing, viewBox(b, a.pos, e, a.radius).ahead);
            }
            const double v0 = a.room >= 0 && !roomFactor.empty() ? a.v0 * roomFactor[static_cast<size_t>(a.room)] : a.v0;
            const double v = std::clamp(spacing / a.profile->timeGapS, 0.0, v0);
            a.vel = e * v;
            f.physics->setVelocity(a.body, a.vel);
        }
    }

    // A bed, wheelchair, sled or chair moves as a rigid rectangle (crowd/device_motion.hpp):
    // the planner picks a motion over (x, y, heading) that keeps the footprint clear of the walls
    // and of the devices it gives way to, scored on the walking distance of both its ends to
    // the target. Pedestrians are not obstacles for it: they give way (Box2D moves them aside).
    void driveDevice(FloorRt& f, Agent& a, std::uint32_t id, const Target& tg, const DistanceField* field, Vec2 e0) {
        const Footprint fp = footprintOf(a);
        const double halfDiag = std::hypot(fp.halfLen, fp.halfWid);
        const double v0 = a.room >= 0 && !roomFactor.empty() ? a.v0 * roomFactor[static_cast<size_t>(a.room)] : a.v0;
        std::vector<SolidSeg> solids;
        localSolids(f, a.pos, halfDiag + v0 * 1.5 + 0.3, solids);
        std::vector<std::uint32_t> near;
        f.hash.query(a.pos, 2.0 * halfDiag + 0.5, near);
        for (std::uint32_t j : near) {
            const Agent& b = agents[j];
            if (j == id || b.body < 0 || (b.attached && b.task == static_cast<int>(id))) continue;
            if (isBox(b) && !goesFirst(a, id, b, j)) appendRectEdges({b.pos, b.angle}, footprintOf(b), solids);
        }
        const bool exit = tg.kind == Target::Kind::Exit;
        // The next opening on the route that the device must pass square (traced down the
        // field from its centre), kept until both ends are through: an end approaching it or
        // in its frame is drawn onto its centre line, so the crew lines the device up before
        // the frame and keeps the trailing end centred while the leading end swings round.
        if (field && a.devGate < 0) {
            Vec2 p = a.pos;
            for (int k = 0; k < 20 && a.devGate < 0; ++k) {
                const Vec2 d = field->direction(p);
                if (length(d) < 1e-9) break;
                const Vec2 q = p + d * (0.2 / length(d));
                for (size_t gi = 0; gi < f.gates.size(); ++gi) {
                    const auto& gt = f.gates[gi];
                    const Vec2 half = gt.tangent * (gt.widthM / 2.0);
                    if (gt.widthM < 2.0 * halfDiag && segmentsIntersect(p, q, gt.at - half, gt.at + half)) {
                        a.devGate = static_cast<int>(gi);
                        a.devGateDown = dot(q - p, gt.normal) > 0 ? gt.normal : gt.normal * -1.0;
                    }
                }
                p = q;
            }
        }
        const FloorRt::Gate* gate = a.devGate >= 0 ? &f.gates[static_cast<size_t>(a.devGate)] : nullptr;
        const double reach = 2.0 * fp.halfLen + 0.5;
        auto gatePenalty = [&](Vec2 p) {
            if (!gate) return 0.0;
            const double along = dot(p - gate->at, a.devGateDown);
            if (along > 0.4 || along < -reach) return 0.0;
            const double weight = along >= -0.5 ? 1.0 : (along + reach) / (reach - 0.5);
            const double slack = std::max(0.02, (gate->widthM - 2.0 * fp.halfWid) / 2.0 - 0.05);
            const double off = std::min(1.5, std::max(0.0, std::abs(dot(p - gate->at, gate->tangent)) - slack));
            return kGateWeight * weight * (off + off * off);
        };
        if (gate) {
            Vec2 e1, e2;
            deviceEnds({a.pos, a.angle}, fp, e1, e2);
            const bool through = dot(e1 - gate->at, a.devGateDown) > 0.4 && dot(e2 - gate->at, a.devGateDown) > 0.4;
            if (through || distance(gate->at, a.pos) > reach + halfDiag) a.devGate = -1;  // passed, or route changed
        }
        auto cost = [&](Vec2 p) {
            if (exit) {
                // Past the exit line, farther out is better (the field is flat there).
                const double past = dot(p - tg.point, tg.outward);
                if (past > 0 && distanceToSegment(p, tg.a, tg.b) < past + 0.05) return -past;
            }
            const double g = field ? field->at(p) : distance(p, tg.point);
            return g + gatePenalty(p);
        };
        auto direction = [&](Vec2 p) {
            // Approaching the opening or in its frame: square to it.
            if (gate) {
                const double along = dot(p - gate->at, a.devGateDown);
                if (along < 0.4 && along > -reach) return a.devGateDown * kGateAlign;
            }
            if (exit && dot(p - tg.point, tg.outward) > -0.5) return tg.outward;
            return field ? field->direction(p) : Vec2{0, 0};
        };
        // The crew pushes from the trailing end; if the other end is clearly nearer the target
        // (the bed faces away from the route), they change ends.
        Vec2 ea, eb;
        deviceEnds({a.pos, a.angle}, fp, ea, eb);
        const double ca = cost(ea), cb = cost(eb);
        if ((a.devFront > 0 ? cb : ca) + 0.5 < (a.devFront > 0 ? ca : cb)) a.devFront = -a.devFront;
        // No way forward for 2 s: the crew backs up and tries again (the planner's escape).
        const bool escape = a.devBlockedT >= 0 && t - a.devBlockedT >= 2.0;
        const DeviceMotion mv = planDeviceMotion({a.pos, a.angle}, fp, a.devFront, v0, solids, cost, direction, escape);
        if (mv.feasible && !escape)
            a.devBlockedT = -1;
        else if (a.devBlockedT < 0 || (escape && t - a.devBlockedT >= 4.0))
            a.devBlockedT = t;  // escape for 2 s at a time, then try forward again
        a.want = length(mv.vel) > 1e-9 ? mv.vel * (1.0 / length(mv.vel)) : e0;
        a.vel = mv.vel;
        f.physics->setVelocity(a.body, mv.vel);
        f.physics->setTurnRate(a.body, mv.omega);
    }

    void physics(FloorRt& f, double dt) {
        f.physics->step(dt);
        for (std::uint32_t id : f.agents) {
            Agent& a = agents[id];
            if (a.body < 0) continue;  // carried along: placeCrew
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
            if (leadsConvoy(a) && !a.escort && !a.squeezed) a.angle = f.physics->angle(a.body);
            const bool counted = leadsConvoy(a) || (a.helper && a.state == AgentState::Helping);
            if (counted) {
                if (a.movedAt < 0 && moved > 1e-3) a.movedAt = t;
                a.distance += moved;
                const double alpha = std::min(1.0, dt / 1.0);
                a.speedAvg += alpha * (moved / dt - a.speedAvg);
                if (leadsConvoy(a) && a.speedAvg < model.queueSpeedMps) a.waiting += dt;
            } else if (a.state == AgentState::Moving || a.state == AgentState::Queuing) {
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

    // a has reached safety through its target (an exit, or the refuge): out of the floor's
    // physics, counted in the target's flow bins.
    void getOut(Agent& a, FloorRt& f, std::string exitId) {
        a.state = AgentState::Evacuated;
        a.exitT = t;
        a.exitId = std::move(exitId);
        a.floor = -1;
        f.physics->removeBody(a.body);
        a.body = -1;
        ++evacuated;
        auto& bins = exitBins[static_cast<size_t>(a.target)];
        const auto bin = static_cast<size_t>(t / 10.0);
        if (bins.size() <= bin) bins.resize(bin + 1, 0);
        bins[bin]++;
    }

    void exitsAndStairs(FloorRt& f) {
        std::vector<std::uint32_t> stay;
        stay.reserve(f.agents.size());
        std::set<std::uint32_t> leaving;  // helpers going onto a stair with their patient
        for (std::uint32_t id : f.agents) {
            Agent& a = agents[id];
            bool leaves = false;
            const bool lead = leadsConvoy(a) && a.state == AgentState::BeingHelped;
            if ((a.state == AgentState::Moving || a.state == AgentState::Queuing || lead) && a.target >= 0) {
                const Target& tg = targets[static_cast<size_t>(a.target)];
                if (tg.kind == Target::Kind::Refuge) {
                    if (fieldAt(a, a.target, a.pos) < 0.6) {
                        const Room* r = roomAt(f.index, a.pos);
                        const Vec2 at = a.pos;
                        getOut(a, f, "refuge:" + (r && !r->compartment.empty() ? r->compartment : f.floor->id));
                        if (lead) releaseCrew(a, f, at);
                        leaves = true;
                    }
                } else if (tg.kind == Target::Kind::Exit) {
                    // Out once the body centre has crossed the opening's line within its width.
                    const Vec2 rel = a.pos - tg.point;
                    const Vec2 tangent = (tg.b - tg.a) * (1.0 / std::max(1e-9, tg.widthM));
                    const bool crossed = dot(rel, tg.outward) > kExitReachM &&
                                         std::abs(dot(rel, tangent)) <= tg.widthM / 2.0 + 0.05;
                    if (tg.open && (crossed || !pointInPolygon(f.floor->outline, a.pos))) {
                        getOut(a, f, tg.id);
                        if (lead) releaseCrew(a, f, tg.point - tg.outward * 0.6);
                        leaves = true;
                    }
                } else if (distance(a.pos, tg.point) <= model.stairEntryRadiusM) {
                    StairRt& st = stairs[static_cast<size_t>(tg.stair)];
                    const int dir = tg.up ? 1 : 0;
                    const int inside = static_cast<int>(st.transit.size());
                    const int party = 1 + (lead ? static_cast<int>(a.crew.size()) : 0);
                    if (!st.blocked && t + 1e-9 >= st.nextEntryT[dir] && (inside == 0 || inside + party <= st.capacity)) {
                        st.nextEntryT[dir] = t + party / (model.stairFlow * st.stair->widthM);
                        const double speed = a.needsHelp ? a.devStairMps : tg.up ? a.profile->stairUpMps : a.profile->stairDownMps;
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
                        if (lead)
                            for (std::uint32_t hid : a.crew) {
                                Agent& h = agents[hid];
                                st.transit.push_back({hid, st.transit.back().arrivalT, dest, q});
                                h.distance += st.stair->lengthM;
                                h.floor = -1;
                                ++onStairs;
                                leaving.insert(hid);
                            }
                    }
                }
            }
            if (!leaves) stay.push_back(id);
        }
        if (!leaving.empty()) std::erase_if(stay, [&](std::uint32_t id) { return leaving.count(id) != 0; });
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
                if (a.attached) {  // steps off with the patient ahead of them
                    a.pos = tr.destPoint;
                    a.floor = f.index;
                    a.lastFloor = f.index;
                    f.agents.push_back(tr.agent);
                    --onStairs;
                    continue;
                }
                if (!spotFree(f, tr.destPoint, a.radius)) break;
                a.pos = tr.destPoint;
                a.floor = f.index;
                a.lastFloor = f.index;
                const double r = a.radius / 0.22;
                if (leadsConvoy(a) && !a.escort)
                    addDeviceBody(a, f, a.angle);
                else
                    a.body = f.physics->addBody(a.pos, a.radius, kMassKg * r * r);
                a.state = leadsConvoy(a) ? AgentState::BeingHelped : AgentState::Moving;
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
            bool present = false;
            for (std::uint32_t id : f.agents) {
                Agent& a = agents[id];
                const int r = roomIndexAt(f, a.pos);
                a.room = r;
                if (a.inPlace) continue;  // defending in place: rooms and floors are not "cleared"
                present = true;
                if (r >= 0) roomClearT[static_cast<size_t>(r)] = t;
            }
            if (present) f.lastPresenceT = t;
            bool incoming = false;
            for (const auto& st : stairs)
                for (const auto& tr : st.transit) incoming = incoming || tr.destFloor == f.index;
            if (f.hadPeople && !present && !incoming && !f.clearedReported) {
                f.clearedReported = true;
                events.push_back({t, EventKind::FloorCleared, f.floor->id, ""});
            }
        }
        if (!lastOutReported && evacuated + inPlaceCount == static_cast<int>(agents.size()) && evacuated > 0) {
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
                if (!circulation) roomClosePending[i] = true;
            }
        }
        // An untenable room closes to routing once nobody is left inside (closing it with
        // people in it would wall them in): they walk out, nobody else goes in.
        std::vector<int> occupied;
        if (std::find(roomClosePending.begin(), roomClosePending.end(), true) != roomClosePending.end()) {
            occupied.assign(rooms.size(), 0);
            for (const auto& a : agents)
                if (a.floor >= 0 && a.room >= 0) occupied[static_cast<size_t>(a.room)]++;
        }
        for (size_t i = 0; i < rooms.size() && !occupied.empty(); ++i) {
            if (!roomClosePending[i] || occupied[i] > 0) continue;
            roomClosePending[i] = false;
            const int fi = floorIndex(roomFloor[i]);
            if (fi < 0) continue;
            FloorRt& f = *floors[static_cast<size_t>(fi)];
            Obstacle o;
            o.id = "smoke:" + rooms[i]->id;
            o.polygon = rooms[i]->polygon;
            f.navFloor.obstacles.push_back(o);
            dirty.insert(fi);
            newlyBlocked = true;
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
        setupAssistance();
        applyTimeline();
        updateSmoke(dt);
        assist();
        for (auto& fp : floors) route(*fp);
        for (auto& fp : floors) {
            steer(*fp);
            physics(*fp, dt);
            placeCrew(*fp);
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
            if (a.state == AgentState::Evacuated || a.state == AgentState::Stuck || a.inPlace) continue;
            if (a.needsHelp ? a.phase == 3 : !a.profile->selfEvacuates) continue;  // 3: cannot be moved
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
    m->roomClosePending.assign(m->rooms.size(), false);
    if (!m->smoke) return;
    for (size_t i = 0; i < m->rooms.size(); ++i) m->roomSmoke[i] = m->smoke->find(m->rooms[i]->id);
    if (m->smoke->fireStartS - alarmS >= 0)
        m->events.push_back({m->smoke->fireStartS - alarmS, EventKind::FireStart, "", ""});
}

void Simulation::setAssistPlan(const AssistPlan& plan) { m->plan = plan; }

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
        s.heading = static_cast<float>(a.needsHelp && a.device != DeviceKind::None && !a.escort
                                           ? a.angle : std::atan2(a.vel.y, a.vel.x));
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
    m->setupAssistance();
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
        if (a.needsHelp && !a.escort && a.device != DeviceKind::None) {
            info.device = a.device;
            info.deviceLengthM = static_cast<float>(a.devLen);
            info.deviceWidthM = static_cast<float>(a.devWid);
        }
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
        p.needsHelp = a.needsHelp;
        p.helpArrivedS = a.helpArrivedT;
        p.moveStartS = a.moveStartT;
        p.helpers = a.helpers;
        if (a.needsHelp)
            p.device = a.escort ? "escort" : a.device == DeviceKind::Bed ? "bed"
                     : a.device == DeviceKind::Wheelchair ? "wheelchair" : "evac_chair";
        p.trips = a.trips;
        p.squeezes = a.squeezes;
        p.inPlace = a.inPlace;
        if (a.inPlace) r.inPlace++;
        if (a.state != AgentState::Evacuated) {
            const double stalled = m->t - a.lastProgressT;
            std::string helpReason;
            if (a.needsHelp && a.phase == 0)
                helpReason = a.crew.empty() ? "waited for staff: nobody came"
                                            : "waited for staff: " + std::to_string(a.crew.size()) + " of " +
                                                  std::to_string(a.crewNeeded) + " assigned";
            else if (a.needsHelp && a.phase == 1)
                helpReason = "being prepared for the move at the end of the run";
            if (a.helper && !a.helperDone && a.task >= 0)
                helpReason = "helping patient " + std::to_string(a.task) + " at the end of the run";
            p.reason = !a.reason.empty() ? a.reason
                       : !helpReason.empty() ? helpReason
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
    const int movers = r.total - r.inPlace;
    auto quant = [&](double q) -> double {
        if (movers == 0) return 0.0;
        const auto need = static_cast<size_t>(std::ceil(q * movers - 1e-9));
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
        if (tg.kind == Target::Kind::Stair) continue;
        ExitResult e;
        e.id = tg.kind == Target::Kind::Refuge ? "refuge" : tg.id;
        e.floor = m->floorIds[static_cast<size_t>(tg.floor)];
        e.widthM = tg.widthM;
        e.flowPerBin = m->exitBins[k];
        for (const auto& a : m->agents)
            if (tg.kind == Target::Kind::Refuge ? a.exitId.rfind("refuge:", 0) == 0 : a.exitId == tg.id) {
                e.count++;
                e.firstS = e.firstS < 0 ? a.exitT : std::min(e.firstS, a.exitT);
                e.lastS = std::max(e.lastS, a.exitT);
            }
        r.exits.push_back(std::move(e));
    }
    for (const auto& fp : m->floors) {
        int initial = 0, stay = 0;
        for (const auto& a : m->agents)
            if (a.originFloor == fp->floor->id) {
                ++initial;
                stay += a.inPlace ? 1 : 0;
            }
        // A floor someone is still on is not clear: -1.
        bool occupied = false;
        for (auto id : fp->agents) occupied = occupied || !m->agents[id].inPlace;
        r.floors.push_back({fp->floor->id, occupied ? -1.0 : (fp->hadPeople ? fp->lastPresenceT : 0.0), initial, stay});
    }
    std::vector<int> remaining(m->rooms.size(), 0);
    for (const auto& a : m->agents)
        if (a.state != AgentState::Evacuated && a.state != AgentState::OnStair && a.room >= 0 && !a.inPlace)
            remaining[static_cast<size_t>(a.room)]++;
    for (size_t i = 0; i < m->rooms.size(); ++i)
        r.rooms.push_back({m->rooms[i]->id, remaining[i] > 0 ? -1.0 : m->roomClearT[i], m->roomInitial[i]});
    return r;
}

}  // namespace muster
