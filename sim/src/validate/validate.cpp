#include "muster/validate.hpp"

#include "muster/ownership.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include "base/enum_names.hpp"
#include "muster/geometry.hpp"
#include "muster/limits.hpp"

namespace muster {

namespace {

std::string where(const SourceLoc& l) {
    std::string s = l.file;
    if (l.line > 0)
        s += ":" + std::to_string(l.line) + ":" + std::to_string(l.column);
    return s;
}

std::string sub(const SourceLoc& l, const char* key) {
    return l.path.empty() ? std::string(key) : l.path + "." + key;
}

// The keys that already have an error (from the loader). A check that depends on such a key
// is skipped: the value in its place is a default, and complaining about it would bury the
// real mistake under a cascade (a door whose `at` failed to load is not "off every wall").
class LoadErrors {
public:
    explicit LoadErrors(const Diagnostics& d) {
        for (const auto& x : d.all())
            if (x.severity == Severity::Error)
                m_keys.insert(x.loc.file + '\n' + x.keyPath);
    }
    // An error at `key` of the item at `loc`, or inside it ("walls" covers "walls[2].points").
    [[nodiscard]] bool at(const SourceLoc& loc, const char* key) const {
        const std::string k = loc.file + '\n' + sub(loc, key);
        for (auto it = m_keys.lower_bound(k); it != m_keys.end() && it->starts_with(k); ++it)
            if (it->size() == k.size() || (*it)[k.size()] == '.' || (*it)[k.size()] == '[')
                return true;
        return false;
    }

private:
    std::set<std::string> m_keys;
};

// Ids must be unique within each category across everything checked together.
class IdRegistry {
public:
    explicit IdRegistry(Diagnostics& d) : m_diags(d) {}
    void add(const char* category, const std::string& id, const SourceLoc& loc) {
        if (id.empty())
            return;
        auto& scope = m_scopes[category];
        auto [it, inserted] = scope.emplace(id, loc);
        if (!inserted)
            m_diags.error(loc, sub(loc, "id"),
                          "duplicate " + std::string(category) + " id \"" + id +
                              "\" (first defined at " + where(it->second) + ")");
    }

private:
    Diagnostics& m_diags;
    std::map<std::string, std::map<std::string, SourceLoc>> m_scopes;
};

void registerBuilding(IdRegistry& ids, const Building& b) {
    ids.add("building", b.id, b.loc);
    for (const auto& a : b.assemblyPoints)
        ids.add("assembly point", a.id, a.loc);
    for (const auto& f : b.floors) {
        ids.add("floor", f.id, f.loc);
        for (const auto& r : f.rooms)
            ids.add("room", r.id, r.loc);
        for (const auto& d : f.doors)
            ids.add("door", d.id, d.loc);
        for (const auto& e : f.exits)
            ids.add("exit", e.id, e.loc);
        for (const auto& c : f.compartments)
            ids.add("compartment", c.id, c.loc);
        for (const auto& o : f.obstacles)
            ids.add("obstacle", o.id, o.loc);
    }
    for (const auto& s : b.stairs)
        ids.add("stair", s.id, s.loc);
}

bool checkPolygon(const Polygon& p, const SourceLoc& loc, const char* key, const char* what,
                  Diagnostics& d) {
    if (p.empty())
        return false; // not loaded: the loader has reported why
    if (p.size() < 3) {
        d.error(loc, sub(loc, key),
                std::string(what) + " needs at least 3 points, got " + std::to_string(p.size()));
        return false;
    }
    if (auto x = findSelfIntersection(p)) {
        d.error(loc, sub(loc, key),
                std::string(what) + " is self-intersecting: edge " + std::to_string(x->first) +
                    " crosses edge " + std::to_string(x->second));
        return false;
    }
    if (area(p) < 1e-6) {
        d.error(loc, sub(loc, key), std::string(what) + " is degenerate: its area is zero");
        return false;
    }
    return true;
}

std::string fmt(double v) {
    std::ostringstream s;
    s.precision(3);
    s << v;
    return s.str();
}

const Room* findRoom(const Floor& f, const std::string& id) {
    for (const auto& r : f.rooms)
        if (r.id == id)
            return &r;
    return nullptr;
}

// The room containing p (inside, or within tol of its boundary), or nullptr.
const Room* roomAt(const Floor& f, Vec2 p, double tol) {
    for (const auto& r : f.rooms)
        if (r.polygon.size() >= 3 && pointInPolygon(r.polygon, p))
            return &r;
    for (const auto& r : f.rooms)
        if (r.polygon.size() >= 3 && distanceToBoundary(r.polygon, p) <= tol)
            return &r;
    return nullptr;
}

void validateFloor(const Building& b, const Floor& f, const LoadErrors& failed, Diagnostics& d) {
    const bool outlineOk = checkPolygon(f.outline, f.loc, "outline", "floor outline", d);
    const bool compartmentsOk = !failed.at(f.loc, "compartments");
    std::set<std::string> compartments;
    for (const auto& c : f.compartments)
        compartments.insert(c.id);
    if (outlineOk) {
        Vec2 lo = f.outline.front(), hi = f.outline.front();
        for (Vec2 p : f.outline) {
            lo = {std::min(lo.x, p.x), std::min(lo.y, p.y)};
            hi = {std::max(hi.x, p.x), std::max(hi.y, p.y)};
        }
        const double extent = std::max(hi.x - lo.x, hi.y - lo.y);
        if (extent > limits::kMaxExtentM)
            d.error(f.loc, sub(f.loc, "outline"),
                    "floor outline is " + std::to_string(std::lround(extent)) +
                        " m across; at most " + std::to_string(std::lround(limits::kMaxExtentM)) +
                        " m (are the coordinates in millimetres?)");
    }
    std::set<const Room*> goodRooms; // rooms whose polygon can be measured against
    for (const auto& r : f.rooms) {
        if (checkPolygon(r.polygon, r.loc, "polygon", "room polygon", d))
            goodRooms.insert(&r);
        // Every corner of a room inside the floor's outline (on it is fine).
        if (outlineOk && goodRooms.count(&r) && !failed.at(r.loc, "polygon")) {
            double worst = 0.0;
            Vec2 at;
            for (Vec2 p : r.polygon)
                if (!pointInPolygon(f.outline, p)) {
                    const double dist = distanceToBoundary(f.outline, p);
                    if (dist > worst)
                        worst = dist, at = p;
                }
            if (worst > kOnWallTolerance)
                d.error(r.loc, sub(r.loc, "polygon"),
                        "room reaches (" + fmt(at.x) + ", " + fmt(at.y) + "), " + fmt(worst) +
                            " m outside the outline of floor " + f.id);
        }
        if (!compartmentsOk)
            continue;
        if (!r.compartment.empty() && !compartments.count(r.compartment))
            d.error(r.loc, sub(r.loc, "compartment"),
                    "room refers to unknown compartment \"" + r.compartment + "\" (not in floor " +
                        f.id + "'s compartments)");
        if (!r.fireCompartment.empty() && !compartments.count(r.fireCompartment))
            d.error(r.loc, sub(r.loc, "fire_compartment"),
                    "room refers to unknown compartment \"" + r.fireCompartment + "\"");
    }
    for (const auto& o : f.obstacles)
        checkPolygon(o.polygon, o.loc, "polygon", "obstacle polygon", d);
    for (const auto& w : f.walls)
        for (size_t i = 0; i + 1 < w.points.size(); ++i)
            if (distance(w.points[i], w.points[i + 1]) < 1e-6)
                d.error(w.loc, sub(w.loc, "points"),
                        "wall segment " + std::to_string(i) + " has zero length");

    const bool wallsOk = !failed.at(f.loc, "walls");
    for (const auto& door : f.doors) {
        const bool atOk = !failed.at(door.loc, "at");
        // The door must sit on an interior wall segment with its whole width inside it. A door
        // off every wall gets that one error, not also one per room it is away from.
        bool onWall = atOk;
        if (atOk && wallsOk) {
            double best = 1e300;
            double fit = -1e300;
            for (const auto& w : f.walls)
                for (size_t i = 0; i + 1 < w.points.size(); ++i) {
                    const Vec2 a = w.points[i], b2 = w.points[i + 1];
                    const double dist = distanceToSegment(door.at, a, b2);
                    if (dist < best - 1e-9) {
                        best = dist;
                        const double len = distance(a, b2);
                        const double t = projectOnSegment(door.at, a, b2) * len;
                        fit = std::min(t, len - t) - door.widthM / 2.0;
                    }
                }
            if (best > kOnWallTolerance) {
                onWall = false;
                d.error(door.loc, sub(door.loc, "at"),
                        "door does not lie on a wall (nearest interior wall is " +
                            (best > 1e299 ? std::string("missing") : fmt(best) + " m away") +
                            "; tolerance " + fmt(kOnWallTolerance) + " m)");
            } else if (fit < -kOnWallTolerance && !failed.at(door.loc, "width_m")) {
                d.error(door.loc, sub(door.loc, "width_m"),
                        "door of width " + fmt(door.widthM) +
                            " m does not fit in its wall segment (" + fmt(-fit) +
                            " m too wide on one side)");
            }
        }
        for (const std::string* rid : {&door.roomA, &door.roomB}) {
            if (rid->empty())
                continue; // not loaded
            const Room* r = findRoom(f, *rid);
            if (!r) {
                d.error(door.loc, sub(door.loc, "rooms"),
                        "door joins unknown room \"" + *rid + "\" (no such room on floor " + f.id +
                            ")");
            } else if (onWall && goodRooms.count(r) &&
                       distanceToBoundary(r->polygon, door.at) > kOnRoomTolerance) {
                d.error(door.loc, sub(door.loc, "at"),
                        "door is not on the boundary of room \"" + *rid + "\" (" +
                            fmt(distanceToBoundary(r->polygon, door.at)) + " m away)");
            }
        }
        if (door.roomA == door.roomB && !door.roomA.empty())
            d.error(door.loc, sub(door.loc, "rooms"),
                    "door joins room \"" + door.roomA + "\" to itself");
    }

    std::set<std::string> assembly;
    for (const auto& a : b.assemblyPoints)
        assembly.insert(a.id);
    const bool assemblyOk = !failed.at(b.loc, "assembly_points");
    for (const auto& e : f.exits) {
        if (!e.room.empty() && !findRoom(f, e.room))
            d.error(e.loc, sub(e.loc, "room"), "exit leads out of unknown room \"" + e.room + "\"");
        if (outlineOk && !failed.at(e.loc, "at")) {
            const double dist = distanceToBoundary(f.outline, e.at);
            if (dist > kOnWallTolerance)
                d.error(e.loc, sub(e.loc, "at"),
                        "exit is not on the floor's outer boundary (" + fmt(dist) +
                            " m away from the outline)");
        }
        if (!e.assemblyPoint.empty() && !b.id.empty() && assemblyOk &&
            !assembly.count(e.assemblyPoint))
            d.error(e.loc, sub(e.loc, "assembly_point"),
                    "exit refers to unknown assembly point \"" + e.assemblyPoint + "\"");
    }
}

// Floors and stairs of one building; ids are checked by the caller's registry.
void checkBuilding(const Building& b, Diagnostics& d) {
    const LoadErrors failed(d);
    for (const auto& f : b.floors)
        validateFloor(b, f, failed, d);
    std::map<std::string, const Floor*> floors;
    for (const auto& f : b.floors)
        floors[f.id] = &f;
    // A floor that failed to load (missing file, wrong kind) is not "unknown" to its stairs.
    const bool floorsOk = !failed.at(b.loc, "floors");
    for (const auto& s : b.stairs) {
        auto checkEnd = [&](const StairEnd& e, const char* which) -> const Floor* {
            if (e.floor.empty())
                return nullptr; // not loaded
            auto it = floors.find(e.floor);
            if (it == floors.end()) {
                if (floorsOk)
                    d.error(e.loc, sub(e.loc, "floor"),
                            "stair " + std::string(which) + " end refers to unknown floor \"" +
                                e.floor + "\"");
                return nullptr;
            }
            const Floor& f = *it->second;
            if (failed.at(e.loc, "at"))
                return &f;
            const Room* room = nullptr;
            if (f.outline.size() >= 3 && pointInPolygon(f.outline, e.at))
                room = roomAt(f, e.at, 0.0);
            if (!room)
                d.error(e.loc, sub(e.loc, "at"),
                        "stair " + std::string(which) + " end (" + fmt(e.at.x) + ", " +
                            fmt(e.at.y) + ") is not inside a room of floor " + f.id);
            else if (room->polygon.size() >= 3 &&
                     distanceToBoundary(room->polygon, e.at) < limits::kStairEndInsetM)
                d.error(e.loc, sub(e.loc, "at"),
                        "stair " + std::string(which) + " end (" + fmt(e.at.x) + ", " +
                            fmt(e.at.y) + ") is on the edge of room \"" + room->id + "\" (" +
                            fmt(distanceToBoundary(room->polygon, e.at)) +
                            " m from its boundary); place it at least " +
                            fmt(limits::kStairEndInsetM) + " m inside the room");
            return &f;
        };
        const Floor* lo = checkEnd(s.lower, "lower");
        const Floor* up = checkEnd(s.upper, "upper");
        if (lo && up) {
            if (lo == up)
                d.error(s.upper.loc, s.upper.loc.path,
                        "stair connects floor " + lo->id + " to itself");
            else if (lo->elevationM >= up->elevationM)
                d.error(s.lower.loc, s.lower.loc.path,
                        "stair's lower end is on " + lo->id + " (elevation " + fmt(lo->elevationM) +
                            " m), not below its upper end on " + up->id + " (" +
                            fmt(up->elevationM) + " m)");
        }
    }
}

} // namespace

void validateBuilding(const Building& b, Diagnostics& d) {
    IdRegistry ids(d);
    registerBuilding(ids, b);
    checkBuilding(b, d);
}

namespace {

// A building nobody can leave is a drawing mistake (an exit left out, or on the wrong floor),
// not a result: every run would end with "no route" for everyone.
void checkHasExit(const Building& b, const LoadErrors& failed, Diagnostics& d) {
    if (b.floors.empty() || failed.at(b.loc, "floors"))
        return;
    for (const auto& f : b.floors) {
        if (!f.exits.empty() || failed.at(f.loc, "exits"))
            return;
    }
    d.error(b.loc, b.loc.path,
            "building " + b.id + " has no exit on any of its " + std::to_string(b.floors.size()) +
                " floor(s); nobody could leave it (add `exits:` to a floor)");
}

// Head counts: at most kMaxPeople in all, and no room filled above kMaxDensityPerM2.
void checkCounts(const Population& pop, const std::vector<Building>& buildings, Diagnostics& d) {
    long long day = 0, night = 0;
    std::map<std::string, const Room*> rooms;
    for (const auto& b : buildings)
        for (const auto& f : b.floors)
            for (const auto& r : f.rooms)
                rooms[r.id] = &r;
    std::map<std::string, std::pair<long long, long long>> inRoom; // day, night per room
    for (const auto& g : pop.groups) {
        day += g.day;
        night += g.night;
        if (!g.room.empty())
            inRoom[g.room].first += g.day, inRoom[g.room].second += g.night;
    }
    for (const auto& [which, n] : {std::pair<const char*, long long>{"day", day}, {"night", night}})
        if (n > limits::kMaxPeople && !pop.groups.empty())
            d.error(pop.groups.front().loc, pop.groups.front().loc.path,
                    std::string("the population's ") + which + " count is " + std::to_string(n) +
                        "; at most " + std::to_string(limits::kMaxPeople) + " people in one run");
    for (const auto& g : pop.groups) {
        auto it = rooms.find(g.room);
        if (g.room.empty() || it == rooms.end() || it->second->polygon.size() < 3)
            continue;
        const double a = area(it->second->polygon);
        const auto& [dn, nn] = inRoom[g.room];
        const long long most = std::max(dn, nn);
        if (a > 0 && static_cast<double>(most) > limits::kMaxDensityPerM2 * a) {
            d.error(g.loc, sub(g.loc, dn >= nn ? "day" : "night"),
                    std::to_string(most) + " people in room " + g.room + " (" + fmt(a) +
                        " m²) is " + fmt(static_cast<double>(most) / a) + " per m²; at most " +
                        fmt(limits::kMaxDensityPerM2) + " per m²");
            inRoom[g.room] = {0, 0}; // once per room
        }
    }
}

} // namespace

void validateInventory(const Inventory& inv, const std::vector<Building>& buildings,
                       Diagnostics& d) {
    IdRegistry ids(d);
    const LoadErrors failed(d);
    std::map<std::string, const Floor*> floors;
    for (const auto& b : buildings)
        for (const auto& f : b.floors)
            floors[f.id] = &f;
    auto check = [&](const auto& item, const char* what) {
        ids.add("equipment", item.id, item.loc);
        if (buildings.empty() || item.floor.empty())
            return;
        auto it = floors.find(item.floor);
        if (it == floors.end()) {
            d.error(item.loc, sub(item.loc, "floor"),
                    std::string(what) + " is on unknown floor \"" + item.floor + "\"");
            return;
        }
        if (!failed.at(item.loc, "at") && !roomAt(*it->second, item.at, kInsideRoomTolerance))
            d.error(item.loc, sub(item.loc, "at"),
                    std::string(what) + " at (" + fmt(item.at.x) + ", " + fmt(item.at.y) +
                        ") is outside every room of floor " + item.floor);
    };
    for (const auto& e : inv.extinguishers)
        check(e, "extinguisher");
    for (const auto& h : inv.hydrants)
        check(h, "hydrant");
    for (const auto& l : inv.lights)
        check(l, "emergency light");
    for (const auto& s : inv.signs)
        check(s, "sign");
    for (const auto& x : inv.detectors)
        check(x, "detector");
    // Mount heights (bottom above top) and installed-before-manufactured are checked by the
    // loader, which knows the lines of those keys.
}

void validatePopulation(const Population& pop, const std::vector<Building>& buildings,
                        Diagnostics& d, const ProfileSet* set) {
    std::vector<std::string> profiles = builtinProfileNames();
    if (set && !set->profiles.empty()) {
        profiles.clear();
        for (const auto& [name, prof] : set->profiles)
            profiles.push_back(name);
    }
    std::map<std::string, const Room*> rooms;
    std::set<std::string> floorIds, buildingIds;
    for (const auto& b : buildings) {
        buildingIds.insert(b.id);
        for (const auto& f : b.floors) {
            floorIds.insert(f.id);
            for (const auto& r : f.rooms)
                rooms[r.id] = &r;
        }
    }
    for (const auto& g : pop.groups) {
        if (!g.profile.empty() &&
            std::find(profiles.begin(), profiles.end(), g.profile) == profiles.end()) {
            std::string list;
            for (const auto& p : profiles)
                list += (list.empty() ? "" : ", ") + p;
            d.error(g.loc, sub(g.loc, "profile"),
                    "expected one of " + list + "; got \"" + g.profile + "\"");
        }
        if (buildings.empty())
            continue;
        if (!g.room.empty() && !rooms.count(g.room))
            d.error(g.loc, sub(g.loc, "room"), "group refers to unknown room \"" + g.room + "\"");
        if (!g.floor.empty() && !floorIds.count(g.floor))
            d.error(g.loc, sub(g.loc, "floor"),
                    "group refers to unknown floor \"" + g.floor + "\"");
        if (!g.building.empty() && !buildingIds.count(g.building))
            d.error(g.loc, sub(g.loc, "building"),
                    "group refers to unknown building \"" + g.building + "\"");
    }
}

// With a department registry, every `department:` reference must name one of its entries (by
// id or name); docs/compliance.md, "Responsibility".
void checkDepartments(const Project& p, Diagnostics& d) {
    if (p.departments.empty())
        return;
    std::string known;
    for (const Department& dep : p.departments)
        known += (known.empty() ? "" : ", ") + dep.id;
    if (known.size() > 300)
        known = known.substr(0, 300) + "...";
    auto check = [&](const std::string& ref, const SourceLoc& loc) {
        if (!ref.empty() && !findDepartment(p, ref))
            d.error(loc, sub(loc, "department"),
                    "expected a department of the registry (" + p.scenario.departmentsFile +
                        "), by id or name; got \"" + ref + "\" (known: " + known + ")");
    };
    for (const Building& b : p.buildings) {
        check(b.department, b.loc);
        for (const Floor& f : b.floors) {
            check(f.department, f.loc);
            for (const Room& r : f.rooms)
                check(r.department, r.loc);
        }
    }
    const Inventory& inv = p.inventory;
    for (const auto& x : inv.extinguishers)
        check(x.department, x.loc);
    for (const auto& x : inv.hydrants)
        check(x.department, x.loc);
    for (const auto& x : inv.lights)
        check(x.department, x.loc);
    for (const auto& x : inv.signs)
        check(x.department, x.loc);
    for (const auto& x : inv.detectors)
        check(x.department, x.loc);
}

void validateProject(const Project& p, Diagnostics& d) {
    IdRegistry ids(d);
    for (const auto& b : p.buildings)
        registerBuilding(ids, b);
    for (const auto& b : p.buildings)
        checkBuilding(b, d);
    validateInventory(p.inventory, p.buildings, d);
    validatePopulation(p.population, p.buildings, d,
                       p.profiles.profiles.empty() ? nullptr : &p.profiles);
    const LoadErrors failed(d);
    for (const auto& b : p.buildings)
        checkHasExit(b, failed, d);
    checkCounts(p.population, p.buildings, d);
    // The navigation grid each floor needs at the model's cell size.
    const double cell = p.profiles.model.cellM;
    for (const auto& b : p.buildings)
        for (const auto& f : b.floors) {
            const double cells = gridCells(f.outline, cell);
            if (cells > limits::kMaxGridCells)
                d.error(f.loc, sub(f.loc, "outline"),
                        "floor " + f.id + " needs " + fmt(cells / 1e6) +
                            " million navigation cells at cell_m " + fmt(cell) + " m; at most " +
                            fmt(limits::kMaxGridCells / 1e6) + " million (use a coarser cell_m)");
        }
    checkDepartments(p, d);
    for (const auto& rule : p.scenario.routes) {
        bool found = false;
        for (const auto& b : p.buildings)
            for (const auto& f : b.floors)
                for (const auto& e : f.exits)
                    found = found || e.id == rule.exit;
        if (!found)
            d.error(rule.loc, sub(rule.loc, "exit"),
                    "route refers to unknown exit \"" + rule.exit + "\"");
    }
    for (const auto& m : p.scenario.measures) {
        const Floor* f = p.findFloor(m.floor);
        if (!f) {
            d.error(m.loc, sub(m.loc, "floor"),
                    "measurement " + m.id + " refers to unknown floor \"" + m.floor + "\"");
            continue;
        }
        for (const Vec2 q : m.isLine() ? m.line : m.area)
            if (!pointInPolygon(f->outline, q)) {
                d.error(m.loc, sub(m.loc, m.isLine() ? "line" : "area"),
                        "measurement " + m.id + ": point (" + fmt(q.x) + ", " + fmt(q.y) +
                            ") lies outside floor " + m.floor + "'s outline");
                break;
            }
    }
    for (const auto& ev : p.scenario.events) {
        bool found = false;
        for (const auto& b : p.buildings)
            for (const auto& f : b.floors) {
                for (const auto& e : f.exits)
                    found = found || e.id == ev.target;
                for (const auto& dr : f.doors)
                    found = found || dr.id == ev.target;
            }
        if (!found && !ev.target.empty())
            d.error(ev.loc, ev.loc.path,
                    "event refers to unknown door or exit \"" + ev.target + "\"");
    }
}

} // namespace muster
