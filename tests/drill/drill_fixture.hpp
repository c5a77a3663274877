#pragma once
// Tiny projects built in code for the drill tests.
#include <string>

#include "muster/loader.hpp"

namespace muster::test {

inline Polygon rect(double x0, double y0, double x1, double y1) {
    return {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}};
}

// Three 2 x 5 m rooms (10 m² each) in a row: A | B | C, doors A-B and B-C on the walls.
inline Project chainProject() {
    Project p;
    Building b;
    b.id = "B";
    Floor f;
    f.id = "F1";
    f.building = "B";
    f.outline = rect(0, 0, 6, 5);
    const char* ids[] = {"A", "B", "C"};
    for (int i = 0; i < 3; ++i) {
        Room r;
        r.id = ids[i];
        r.kind = RoomKind::Ward;
        r.polygon = rect(2.0 * i, 0, 2.0 * i + 2, 5);
        r.compartment = "X";
        f.rooms.push_back(r);
    }
    Door ab;
    ab.id = "AB";
    ab.at = {2, 2.5};
    ab.roomA = "A";
    ab.roomB = "B";
    Door bc = ab;
    bc.id = "BC";
    bc.at = {4, 2.5};
    bc.roomA = "B";
    bc.roomB = "C";
    f.doors = {ab, bc};
    b.floors.push_back(f);
    p.buildings.push_back(b);
    return p;
}

inline Door& door(Project& p, const std::string& id) {
    for (auto& d : p.buildings[0].floors[0].doors)
        if (d.id == id)
            return d;
    return p.buildings[0].floors[0].doors[0];
}

// A drill with round numbers: fire in A at 0, A untenable at 120 s, open door 30 s,
// closed ordinary door 300 s, compartment boundary 900 s, 0.5 s/m² filling, ramp 60 s.
inline Drill chainDrill() {
    Drill d;
    d.fireRoom = "A";
    d.fireStartS = 0;
    d.detectionS = 30;
    d.alarmS = 90;
    d.smoke.fireRoomUntenableS = 120;
    d.smoke.openDoorS = 30;
    d.smoke.closedDoorS = 300;
    d.smoke.compartmentBoundaryS = 900;
    d.smoke.fillSPerM2 = 0.5;
    d.smoke.rampS = 60;
    return d;
}

// One 12 x 8 m room with a 1.2 m exit and `people` visitors: small and fast for Monte Carlo.
inline Project smallRoomProject(int people) {
    Project p;
    Diagnostics d;
    if (auto prof = loadProfiles(std::string(MUSTER_SOURCE_DIR) + "/assets/profiles.yaml", d))
        p.profiles = *prof;
    Building b;
    b.id = "B";
    Floor f;
    f.id = "F1";
    f.building = "B";
    f.outline = rect(0, 0, 12, 8);
    Room r;
    r.id = "R";
    r.kind = RoomKind::Outpatient;
    r.department = "Clinic";
    r.compartment = "SC";
    r.polygon = f.outline;
    f.rooms.push_back(r);
    Exit x;
    x.id = "X1";
    x.at = {12, 4};
    x.widthM = 1.2;
    x.room = "R";
    f.exits.push_back(x);
    b.floors.push_back(f);
    p.buildings.push_back(b);
    OccupantGroup g;
    g.room = "R";
    g.profile = "visitor";
    g.day = people;
    g.night = people;
    p.population.groups.push_back(g);
    p.scenario.timeStepS = 0.05;
    p.scenario.maxTimeS = 300;
    p.scenarioPath = "small-room";
    return p;
}

} // namespace muster::test
