#include "muster/scenario.hpp"

#include "base/enum_names.hpp"

namespace muster {

const Floor* Project::findFloor(const std::string& id) const {
    for (const auto& b : buildings)
        for (const auto& f : b.floors)
            if (f.id == id)
                return &f;
    return nullptr;
}

const Building* Project::buildingOfFloor(const std::string& floorId) const {
    for (const auto& b : buildings)
        for (const auto& f : b.floors)
            if (f.id == floorId)
                return &b;
    return nullptr;
}

std::vector<RoomOccupants> occupantsByRoom(const Project& p, Shift shift) {
    std::vector<RoomOccupants> out;
    for (const auto& g : p.population.groups) {
        const int n = shift == Shift::Day ? g.day : g.night;
        if (n <= 0)
            continue;
        const auto kind = names::lookup(names::roomKinds(), g.roomKind);
        for (const auto& b : p.buildings) {
            if (!g.building.empty() && g.building != b.id)
                continue;
            for (const auto& f : b.floors) {
                if (!g.floor.empty() && g.floor != f.id)
                    continue;
                for (const auto& r : f.rooms) {
                    const bool match = g.room.empty() ? (kind && r.kind == *kind) : r.id == g.room;
                    if (match)
                        out.push_back({b.id, f.id, r.id, g.profile, g.group, n});
                }
            }
        }
    }
    return out;
}

} // namespace muster
