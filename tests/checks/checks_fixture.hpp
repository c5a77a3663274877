#pragma once
// Shared by the equipment-check tests and the viewer's overlay tests: the CN rules profile and
// a corridor with hand-computable coverage.
#include <catch2/catch.hpp>

#include <optional>

#include "muster/loader.hpp"
#include "muster/rules.hpp"

namespace muster::test {

inline RulesProfile cnProfile() {
    Diagnostics d;
    auto p = loadRulesProfile(MUSTER_SOURCE_DIR "/assets/rules/cn.yaml", d);
    REQUIRE(p);
    REQUIRE(d.errorCount() == 0);
    return *p;
}

// A 40 m x 2 m corridor (y 0..2) with a ward behind a wall along y = 2 (y 2..8). The wall is
// solid unless `doorAtX` is given.
inline Floor corridorFloor(std::optional<double> doorAtX = std::nullopt) {
    Floor f;
    f.id = "F";
    f.outline = {{0, 0}, {40, 0}, {40, 8}, {0, 8}};
    f.walls.push_back({"w", {{0, 2}, {40, 2}}, 0.2, {}});
    Room c;
    c.id = "C";
    c.kind = RoomKind::Corridor;
    c.hazard = HazardLevel::Severe;
    c.polygon = {{0, 0}, {40, 0}, {40, 2}, {0, 2}};
    Room w;
    w.id = "W";
    w.kind = RoomKind::Ward;
    w.polygon = {{0, 2}, {40, 2}, {40, 8}, {0, 8}};
    f.rooms = {c, w};
    if (doorAtX) {
        Door d;
        d.id = "D";
        d.at = {*doorAtX, 2};
        d.widthM = 1.0;
        d.roomA = "C";
        d.roomB = "W";
        d.state = DoorState::Closed; // normally closed: people open it
        f.doors.push_back(d);
    }
    return f;
}

} // namespace muster::test
