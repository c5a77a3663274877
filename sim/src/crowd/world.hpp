#pragma once
// The engine's state: one plain struct, the World, that every system (systems.hpp) reads and
// writes. No behaviour lives here beyond small, const queries; the systems are the verbs.
//
// People are agents indexed by their replay id (never erased: they change state). Per agent,
// `Agent` holds what the step touches (motion, target, state); what only some people have
// lives in per-kind records referenced by index: a `Patient` (someone staff move, with their
// device) and a `Helper` (staff who move patients).
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "crowd/device_motion.hpp"
#include "crowd/spatial_hash.hpp"
#include "muster/simulation.hpp"
#include "nav/navigation.hpp"

namespace muster {

class FloorPhysics;

namespace engine {

inline constexpr double kInf = std::numeric_limits<double>::infinity();

// ---- model constants (docs/model.md has each one's source) --------------------------------
// Routing reference speeds (m/s) used to rank routes that include stair flights: adults
// 30-50 y, Fruin as tabulated for RiMEA (domain.md section 2). Each person's own speed is used
// for the leg on its current floor.
inline constexpr double kRouteLevelMps = 1.0;
inline constexpr double kRouteStairDownMps = 0.65;
inline constexpr double kRouteStairUpMps = 0.50;
// How far past the exit line (metres) a body centre must be to count as out.
inline constexpr double kExitReachM = 0.15;
// How far past an exit people are still seen walking on (FloorRt::outside): beyond the
// neighbour range of the steering (kNeighbourRangeM) and a body length more.
inline constexpr double kOutsideWalkM = 2.0;
// How near a door's opening (metres beyond its wall's half thickness) the steering looks at it
// (throughDoorSpan, nearGate in steering_system.cpp).
inline constexpr double kGateReachM = 1.0;
// Within this walking distance of its target a person no longer changes its mind.
inline constexpr double kCommitM = 3.0;
// Maximum density inside a stair flight (P/m²) before nobody else may enter: SFPE's
// hydraulic model stops flowing at about 3.8 P/m²; 2.0 keeps a moving stair.
inline constexpr double kStairMaxDensity = 2.0;
// Body mass scale: 80 kg for a 0.22 m radius adult.
inline constexpr double kMassKg = 80.0;
// Assisted evacuation (docs/model.md, "Assisted evacuation"). A helper has reached the patient
// within this walking distance of the ring around them.
inline constexpr double kHelpReachM = 1.0;
// Helpers walk this far behind the device, side by side 0.5 m apart.
inline constexpr double kCrewGapM = 0.3;
// Fatigue: each earlier trip of the crew slows the next by 5 %, down to 80 % (assumption, L;
// Kwak et al. 2021 report slower later trips without a rate).
inline constexpr double kFatiguePerTrip = 0.05;
inline constexpr double kFatigueFloor = 0.8;
// A door is passable for a device at least this much wider than it.
inline constexpr double kDoorSlackM = 0.05;
// Neighbours considered by the speed model. Beyond 1.5 m a neighbour neither repels (the CSM's
// range D is 0.1 m: exp(-11) at 1.5 m) nor limits speed below 1.83 m/s ((1.5 - 2r) / T), above
// every walking profile's free speed but the top 1 % of staff.
inline constexpr double kNeighbourRangeM = 1.5;
// A moving device that has not come 0.5 m closer to its target for this long squeezes past.
inline constexpr double kStallS = 15.0;
inline constexpr double kSqueezedRadiusM = 0.25;
// Pull of an opening's centre line on the ends of a device about to pass it: metres of walking
// per (offset + offset²) beyond the slack, offset in metres (driveDevice).
inline constexpr double kGateWeight = 4.0;
// ... and the weight of its leading end's heading error, (1 - cos) off the opening's normal.
inline constexpr double kGateAlign = 1.0;

// ---- places people head for ------------------------------------------------------------------
struct Target {
    enum class Kind { Exit, Stair, Refuge } kind = Kind::Exit;
    std::string id; // exit id, or stair id
    int floor = 0;
    Vec2 point;
    Vec2 a, b;    // exit opening
    Vec2 outward; // unit normal of the opening, pointing out of the building
    double widthM = 1.0;
    bool open = true;
    int stair = -1;
    bool up = false; // entering goes up
    DistanceField field;
    std::vector<double> heading; // walking distances of the people heading for it, sorted
    std::vector<Vec2> sources;   // refuge: the cells far enough past the smoke barrier
    std::string refugeOf;        // refuge: the fire compartment it serves
};

// Time to get out from entering each target, for people restricted to a set of exits.
struct RouteSet {
    std::set<std::string> exits; // empty: every exit
    std::vector<double> cost;    // per target: time to get out from entering it
    std::vector<double> arrival; // per stair target: time to get out from its far landing
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
    int lowerTarget = -1, upperTarget = -1; // entries at each end
    double nextEntryT[2] = {0.0, 0.0};      // [0] going down, [1] going up
    bool blocked = false;
    int capacity = 1;
    std::vector<Transit> transit; // in arrival order per direction
};

// The navigation a device (bed, wheelchair) or a convoy sees on a floor: the floor without the
// waiting patients' footprints, doors narrower than the device closed, a clearance of half the
// device width less 0.15 m (nav_cache.hpp).
struct DevNav {
    int version = -1;
    NavGrid grid;
    std::map<int, std::unique_ptr<DistanceField>> fields; // by target; null: unusable
};

// What the navigation grid sees beyond the plan: obstacles added during a run, by cause.
enum class ObstacleKind { Immobile, SmokeClosed };

struct FloorRt {
    FloorRt();
    ~FloorRt(); // in bodies.cpp, where FloorPhysics is complete
    FloorRt(const FloorRt&) = delete;
    FloorRt& operator=(const FloorRt&) = delete;
    const Floor* floor = nullptr;
    int index = 0;
    // The plan as routing sees it: the floor, then the people who cannot move (a bed-bound
    // patient is furniture until staff move them, so nobody routes into them and waits
    // forever), then rooms closed by smoke. Devices see the plan without the immobile people.
    std::vector<Obstacle> immobile, smokeClosed;
    NavGrid grid;
    int gridVersion = 0;
    bool navDirty = false; // set by a system that changed what the grid sees; nav refresh clears
    std::map<long, DevNav> devNav;         // by device width (cm)
    std::unique_ptr<FloorPhysics> physics; // only bodies.cpp touches it
    std::vector<WallSegment> walls;
    std::vector<int> targets; // target indices on this floor
    std::vector<int> roomOfCell;
    std::vector<std::uint32_t> agents; // on this floor (in a body), ascending ids
    SpatialHash hash;
    SpatialHash wallHash;              // wall segment indices per cell
    std::vector<double> wallHalfT;     // per wallHash segment: half the wall's thickness
    std::set<std::string> closedDoors; // doors and exits closed now
    double lastPresenceT = 0.0;
    bool hadPeople = false;
    bool hadMovers = false; // someone the strategy moves was here (not only defenders in place)
    bool clearedReported = false;
    Bounds bounds;
    // What a device's rectangle must keep clear of: solid walls (with their thickness) and
    // obstacle edges; door leaves, counted while their door is closed.
    std::vector<SolidSeg> solids;
    std::vector<std::pair<std::string, SolidSeg>> leafSolids;
    // Door and exit openings: centre, unit tangent along the opening, unit normal, width.
    struct Gate {
        Vec2 at, tangent, normal;
        double widthM = 0;
        double halfThicknessM = 0.1; // of the wall the door is in
        std::string doorId;
        // For the crossings log (measure_system.cpp): whether it is an exit (logged when the
        // person is out), the rooms on the side its normal points from and to (global room
        // index, -1 none), and +1 when the normal points towards the door's second room (-1
        // when towards its first).
        bool exit = false;
        int sideRoom[2] = {-1, -1};
        int towardsB = 1;
    };
    std::vector<Gate> gates;
    // Gate indices by cell, each gate listed in every cell within kGateReachM of its opening
    // (and of its width's half more): the steering asks for the doors near a person every
    // step, and a ward floor has 40 of them.
    SpatialHash gateHash;
    // People who just went out through an exit, walking on outside for a few steps: the floor
    // ends at the exit's line, but a person there does not vanish, they walk away from it at
    // their free speed. Those behind keep their spacing to them (steering only, no body), so an
    // exit passes the flow of a door into open space rather than of a hole the leader falls
    // into (docs/model.md, "Exits").
    struct Walker {
        Vec2 pos, vel;
        double radius = 0.2;
        double untilT = 0.0;
    };
    std::vector<Walker> outside;
};

// ---- people ------------------------------------------------------------------------------
// A patient's progress through assisted evacuation.
enum class PatientPhase : std::uint8_t {
    WaitingForCrew, // crew assigned as staff become free; not all there yet
    Preparing,      // the crew is at the patient, preparing the move
    Moving,         // on the device (or escorted), the crew with them
    Delivered,      // out or in the refuge; the crew is free
    CannotMove      // no device fits a way out, or too few staff can reach them (see reason)
};

// Someone staff move: the crew, the device, the planner's state.
struct Patient {
    std::uint32_t agent = 0;
    PatientPhase phase = PatientPhase::WaitingForCrew;
    int crewNeeded = 0;
    std::vector<std::uint32_t> crew;     // helpers assigned now
    std::vector<std::uint32_t> helpedBy; // every helper ever assigned (results)
    double prepS = 0.0, prepEndT = -1.0, helpArrivedT = -1.0, moveStartT = -1.0;
    DeviceKind device = DeviceKind::None;
    bool escort = false; // walks with staff instead of riding a device
    double devLen = 0.0, devWid = 0.0, devSpeed = 0.0, devStairMps = 0.0;
    bool squeezed = false; // a stalled device's narrower collision body (device_drive.cpp)
    int squeezes = 0;
    int devFront = 1;        // which end of the device's long axis leads (+1: along angle)
    double devBlockedT = -1; // since when the device's planner has found no way forward
    int devGate = -1;        // the opening the device is lining up with or passing (FloorRt::gates)
    Vec2 devGateDown;        // its normal, pointing the way the device passes
    Vec2 lastDir{1, 0};      // direction of travel smoothed over ~1 s (crew placement)
};

// Staff who move patients.
struct Helper {
    std::uint32_t agent = 0;
    bool done = false;      // nobody left for them: they evacuate
    bool attached = false;  // moving with a device (no body of their own)
    bool atPatient = false; // reached the patient of `task`
    int task = -1;          // patient's agent id
    int trips = 0;
    double firstAtPatientT = -1.0; // first time they reached any patient (results only)
};

struct Agent {
    // Hot: touched by routing, steering and physics every step.
    Vec2 pos, vel;
    Vec2 want{0, 0}; // desired direction this step (for others' keep-right test)
    double v0 = 1.34;
    double radius = 0.2;
    double angle = 0.0; // a device's heading
    int floor = -1;
    int body = -1;
    AgentState state = AgentState::Waiting;
    int target = -1;
    double toGo = 0.0;          // walking distance to the current target (this step)
    double bestToGo = kInf;     // closest it has come to that target
    double lastProgressT = 0.0; // when it last came 0.5 m closer
    double nextRouteT = 0.0;
    double navW = -1.0; // >= 0: routes on the device navigation of this width
    int room = -1;      // global room index
    // Steering's command to the body, applied by the physics stage.
    double turnRate = 0.0;
    bool setTurnRate = false;
    // Per-kind records (-1: none).
    int patient = -1; // index into World::patients
    int helper = -1;  // index into World::helpers
    // Cold: who they are, what happened to them.
    const Profile* profile = nullptr;
    std::string group, originRoom, originFloor, department;
    int routeSet = 0;
    int homeFloor = -1;
    int lastFloor = -1;
    bool inPlace = false;    // defends in place: never moves, not counted
    bool refugeOnly = false; // horizontal strategy: heads for the refuge, not an exit
    bool canStairs = true;
    double startT = 0.0;
    double exitT = -1.0;
    std::string exitId;
    double distance = 0.0;
    double waiting = 0.0;
    double movedAt = -1.0;                 // first time the body actually moved
    double speedAvg = 0.0;                 // actual speed, averaged over about one second
    double smokeS = 0.0, untenableS = 0.0; // exposure
    bool inSmoke = false;
    // Tenability (muster/tenability.hpp): asphyxiant FED so far; when (< 0: not yet) and in which
    // room (global index) it first reached the design threshold 0.3; when the person was first
    // in a room below the visibility criterion, and for how long in all.
    double fed = 0.0, fedDesignT = -1.0, visibilityLostT = -1.0, lowVisibilityS = 0.0;
    int fedDesignRoom = -1;
    std::string reason;
};

// Of two people heading for the same target, the one nearer to it by walking distance goes
// first (a tie goes to the lower id): a does not stop for, nor get pushed aside by, b.
inline bool goesFirst(const Agent& a, std::uint32_t ida, const Agent& b, std::uint32_t idb) {
    return b.target == a.target &&
           (b.toGo > a.toGo + 0.05 || (b.toGo >= a.toGo - 0.05 && idb > ida));
}

struct Scheduled {
    double t;
    std::string id;
    bool open;
};

struct World {
    World(const Project& p, const SimOptions& o) : project(p), opt(o), model(p.profiles.model) {}

    const Project& project;
    SimOptions opt;
    ModelParams model;
    // Plan.
    std::vector<std::unique_ptr<FloorRt>> floors;
    std::vector<std::string> floorIds;
    std::vector<Target> targets;
    std::vector<StairRt> stairs;
    std::vector<RouteSet> routeSets;
    std::vector<const Room*> rooms; // global room index -> room
    std::vector<std::string> roomFloor;
    std::vector<std::string> doorIds; // replay order: doors then exits
    // People.
    std::vector<Agent> agents;
    std::vector<Patient> patients;
    std::vector<Helper> helpers;
    // Timeline.
    std::vector<Scheduled> timeline; // sorted by time, stable (World::schedule adds)
    std::vector<SimEvent> events;
    double t = 0.0;
    int steps = 0;
    // Counters and results.
    int evacuated = 0;
    int onStairs = 0;
    int inPlaceCount = 0;
    std::uint64_t agentSteps = 0;
    bool lastOutReported = false;
    std::vector<std::vector<int>> exitBins; // per target: people out per 10 s
    std::vector<double> roomClearT;
    std::vector<int> roomInitial;
    // Smoke (drills): per room, the smoke model's record; speed factor and level this step.
    std::shared_ptr<const SmokeResult> smoke;
    double alarmS = 0.0;
    std::vector<const RoomSmoke*> roomSmoke; // by global room index (nullptr: none)
    std::vector<double> roomFactor, roomLevel;
    std::vector<double> roomKs; // extinction coefficient (1/m) this step: exposure only
    std::vector<bool> roomBlocked;
    std::vector<bool> roomClosePending;
    // Assisted evacuation.
    AssistPlan plan;
    bool assistReady = false;
    // Navigation cache (nav_cache.hpp): fields to waiting patients, by agent id; route costs
    // to recompute at the next refresh (a stair was blocked or reopened).
    struct PatientField {
        int version = -1;
        std::unique_ptr<DistanceField> field;
    };
    std::map<std::uint32_t, PatientField> patientFields;
    bool costsDirty = false;
    // Measurements (measure_system.cpp, muster/measure.hpp). A crossing as logged: `ref` the
    // door's gate index on its floor, the exit's target index, the stair's index in stairs,
    // the line's in measures; from
    // and to global room indices (doors) or floor indices (stairs), else -1; dir +1/-1 (doors,
    // lines), 0 down / 1 up (stairs).
    struct CrossRec {
        double t; // engine time
        std::uint32_t person;
        CrossingKind kind;
        std::int8_t dir;
        std::int32_t ref, floor, from, to;
    };
    std::vector<CrossRec> crossings;
    std::vector<Vec2> lastPos;  // per agent: the position at the previous step's end
    std::vector<int> lastFloor; // and its floor (-1: on a stair, out, or not yet seen)
    struct MeasureRt {
        const MeasureSpec* spec = nullptr;
        int floor = -1;
        Vec2 a, b, tangent, normal; // a line's ends, its direction and its left normal
        double size = 0.0;          // length (m) or area (m^2)
        // Per interval: a line's crossings and the sum of their speeds; an area's person-steps,
        // the sum of their speeds (speedN of them known) and the steps counted.
        std::vector<double> count, speedSum;
        std::vector<int> speedN, steps;
    };
    std::vector<MeasureRt> measures;
    double measureIntervalS = 1.0;

    // ---- queries -------------------------------------------------------------------------
    FloorRt& floorAt(int i) { return *floors[static_cast<size_t>(i)]; }
    const FloorRt& floorAt(int i) const { return *floors[static_cast<size_t>(i)]; }
    Target& target(int i) { return targets[static_cast<size_t>(i)]; }
    const Target& target(int i) const { return targets[static_cast<size_t>(i)]; }
    int floorIndex(const std::string& id) const;
    int roomIndexAt(const FloorRt& f, Vec2 p) const;
    const Room* roomAt(int floorIndex, Vec2 p) const;
    Patient* patientOf(const Agent& a) {
        return a.patient >= 0 ? &patients[static_cast<size_t>(a.patient)] : nullptr;
    }
    const Patient* patientOf(const Agent& a) const {
        return a.patient >= 0 ? &patients[static_cast<size_t>(a.patient)] : nullptr;
    }
    Helper* helperOf(const Agent& a) {
        return a.helper >= 0 ? &helpers[static_cast<size_t>(a.helper)] : nullptr;
    }
    const Helper* helperOf(const Agent& a) const {
        return a.helper >= 0 ? &helpers[static_cast<size_t>(a.helper)] : nullptr;
    }
    // The patient leads a moving convoy (their device, or them escorted, with the crew).
    bool leadsConvoy(const Agent& a) const {
        const Patient* p = patientOf(a);
        return p && p->phase == PatientPhase::Moving;
    }
    // A device moving as its rectangle (device_drive.cpp); everyone else is a disc.
    bool isBox(const Agent& a) const {
        const Patient* p = patientOf(a);
        return p && p->phase == PatientPhase::Moving && !p->escort && !p->squeezed && a.body >= 0;
    }
    // Staff walking to their patient (not attached) or back to their home floor.
    bool helperWalking(const Agent& a) const {
        const Helper* h = helperOf(a);
        return h && !h->done && !h->attached;
    }
    Footprint footprintOf(const Agent& a) const {
        const Patient* p = patientOf(a);
        return p ? Footprint{p->devLen / 2.0, p->devWid / 2.0} : Footprint{0.0, 0.0};
    }
    // v0 slowed by the smoke in the agent's room.
    double freeSpeed(const Agent& a) const {
        return a.room >= 0 && !roomFactor.empty() ? a.v0 * roomFactor[static_cast<size_t>(a.room)]
                                                  : a.v0;
    }
    // Everyone still inside re-routes at the next routing stage.
    void rerouteAll();
    // Adds a door/exit/stair change, keeping the schedule in time order (stable).
    void schedule(double t, const std::string& id, bool open);
};

} // namespace engine
} // namespace muster
