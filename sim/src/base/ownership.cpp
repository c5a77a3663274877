#include "muster/ownership.hpp"

#include <algorithm>
#include <set>

#include "muster/geometry.hpp"

namespace muster {

std::string Owner::withPeople() const {
    if (!dept || (dept->responsible.empty() && dept->deputy.empty()))
        return department;
    std::string s = department + " (";
    if (!dept->responsible.empty())
        s += dept->responsible;
    if (!dept->deputy.empty())
        s += (dept->responsible.empty() ? "deputy " : "; deputy ") + dept->deputy;
    return s + ")";
}

const Department* findDepartment(const Project& p, const std::string& ref) {
    if (ref.empty())
        return nullptr;
    for (const Department& d : p.departments)
        if (d.id == ref)
            return &d;
    for (const Department& d : p.departments)
        if (d.name == ref)
            return &d;
    return nullptr;
}

std::string departmentName(const Project& p, const std::string& ref) {
    const Department* d = findDepartment(p, ref);
    return d ? (d->name.empty() ? d->id : d->name) : ref;
}

Owner ownerOf(const Project& p, const Building& b, const Floor& f, const Room* room,
              const std::string& itemDepartment) {
    Owner o;
    const std::pair<const std::string*, const char*> chain[] = {
        {&itemDepartment, "item"},
        {room ? &room->department : nullptr, "room"},
        {&f.department, "floor"},
        {&b.department, "building"}};
    for (const auto& [ref, from] : chain) {
        if (!ref || ref->empty())
            continue;
        o.dept = findDepartment(p, *ref);
        o.department = o.dept ? (o.dept->name.empty() ? o.dept->id : o.dept->name) : *ref;
        o.from = from;
        return o;
    }
    return o;
}

const Room* roomAt(const Floor& f, Vec2 p) {
    for (const Room& r : f.rooms)
        if (r.polygon.size() >= 3 && pointInPolygon(r.polygon, p))
            return &r;
    // On a wall between rooms: the nearest room boundary, no further than 1 m.
    const Room* best = nullptr;
    double bd = 1.0;
    for (const Room& r : f.rooms) {
        if (r.polygon.size() < 3)
            continue;
        const double d = distanceToBoundary(r.polygon, p);
        if (d < bd) {
            bd = d;
            best = &r;
        }
    }
    return best;
}

namespace {

template <class T>
bool findIn(const Project& p, const std::vector<T>& items, const char* kind, const std::string& id,
            ItemRef& out) {
    for (const T& x : items) {
        if (x.id != id)
            continue;
        const Floor* f = p.findFloor(x.floor);
        if (!f)
            return false;
        out.kind = kind;
        out.id = x.id;
        out.floor = f;
        out.building = p.buildingOfFloor(x.floor);
        out.at = x.at;
        out.room = roomAt(*f, x.at);
        out.department = x.department;
        return true;
    }
    return false;
}

} // namespace

std::optional<ItemRef> findItem(const Project& p, const std::string& id) {
    if (id.empty())
        return std::nullopt;
    ItemRef r;
    const Inventory& inv = p.inventory;
    if (findIn(p, inv.extinguishers, "extinguisher", id, r) ||
        findIn(p, inv.hydrants, "hydrant", id, r) || findIn(p, inv.lights, "light", id, r) ||
        findIn(p, inv.signs, "sign", id, r) || findIn(p, inv.detectors, "detector", id, r))
        return r;
    for (const Building& b : p.buildings)
        for (const Floor& f : b.floors)
            for (const Exit& e : f.exits)
                if (e.id == id) {
                    r.kind = "exit";
                    r.id = e.id;
                    r.building = &b;
                    r.floor = &f;
                    r.at = e.at;
                    r.room = nullptr;
                    for (const Room& room : f.rooms)
                        if (room.id == e.room)
                            r.room = &room;
                    return r;
                }
    return std::nullopt;
}

Owner ownerOf(const Project& p, const ItemRef& item) {
    if (!item.building || !item.floor)
        return {};
    return ownerOf(p, *item.building, *item.floor, item.room, item.department);
}

std::vector<std::string> projectDepartments(const Project& p) {
    std::set<std::string> out;
    for (const Department& d : p.departments)
        out.insert(d.name.empty() ? d.id : d.name);
    auto add = [&](const std::string& ref) {
        if (!ref.empty())
            out.insert(departmentName(p, ref));
    };
    for (const Building& b : p.buildings) {
        add(b.department);
        for (const Floor& f : b.floors) {
            add(f.department);
            for (const Room& r : f.rooms)
                add(r.department);
        }
    }
    const Inventory& inv = p.inventory;
    for (const auto& x : inv.extinguishers)
        add(x.department);
    for (const auto& x : inv.hydrants)
        add(x.department);
    for (const auto& x : inv.lights)
        add(x.department);
    for (const auto& x : inv.signs)
        add(x.department);
    for (const auto& x : inv.detectors)
        add(x.department);
    return {out.begin(), out.end()};
}

} // namespace muster
