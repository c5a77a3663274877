#pragma once
// A project and rules to record inspections against (muster/inspection.hpp vets every entry:
// the item must exist and the check be one of its kind's): the corridor floor of
// checks_fixture.hpp in a CN building owned by a department, with units EXT-1 and EXT-2 in date
// and EXT-OLD past its service life (dry powder made 2014-01: expired from 2024-01-01).
#include "checks_fixture.hpp"
#include "muster/checks.hpp"

namespace muster::test {

inline Project recordProject() {
    Project p;
    Building b;
    b.id = "B";
    b.rulesProfile = "cn";
    b.department = "设备科 Facilities";
    Floor f = corridorFloor();
    f.level = 1;
    b.floors.push_back(f);
    p.buildings.push_back(b);
    auto unit = [&](const char* id, double x, YearMonth made) {
        Extinguisher e;
        e.id = id;
        e.floor = "F";
        e.at = {x, 1.0};
        e.manufactured = made;
        e.lastInspection = Date{2026, 11, 20};
        p.inventory.extinguishers.push_back(e);
    };
    unit("EXT-1", 10, YearMonth{2024, 3});
    unit("EXT-2", 20, YearMonth{2024, 3});
    unit("EXT-OLD", 30, YearMonth{2014, 1});
    return p;
}

inline RulesSet recordRules() {
    return RulesSet{{"cn", cnProfile()}};
}

} // namespace muster::test
