// Loading: the tiny clinic's real values, source locations, file layouts (one file per floor,
// inline sections) and reporting every mistake of a file in one run.
#include <catch2/catch.hpp>

#include <algorithm>

#include "input_fixture.hpp"
#include "muster/loader.hpp"

using namespace muster;
using namespace muster::test;

namespace {

std::string joined(const Diagnostics& d) {
    std::string s;
    for (const auto& x : d.all())
        s += formatDiagnostic(x) + "\n";
    return s;
}

template <class T> const T* byId(const std::vector<T>& items, const std::string& id) {
    auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.id == id; });
    return it == items.end() ? nullptr : &*it;
}

const Room* findRoom(const Project& p, const std::string& id) {
    for (const auto& b : p.buildings)
        for (const auto& f : b.floors)
            if (const Room* r = byId(f.rooms, id))
                return r;
    return nullptr;
}

const Door* findDoor(const Project& p, const std::string& id) {
    for (const auto& b : p.buildings)
        for (const auto& f : b.floors)
            if (const Door* d = byId(f.doors, id))
                return d;
    return nullptr;
}

Project loadTiny() {
    Diagnostics d;
    auto p = loadProject((tinyDir() / "scenario.yaml").string(), d);
    INFO(joined(d));
    REQUIRE(p.has_value());
    REQUIRE(d.empty());
    return std::move(*p);
}

// Occupants of one room and profile for a shift (0 if none).
int occupants(const std::vector<RoomOccupants>& list, const std::string& room,
              const std::string& profile) {
    int n = 0;
    for (const auto& o : list)
        if (o.room == room && o.profile == profile)
            n += o.count;
    return n;
}

int total(const std::vector<RoomOccupants>& list) {
    int n = 0;
    for (const auto& o : list)
        n += o.count;
    return n;
}

} // namespace

TEST_CASE("the tiny clinic loads with its real values", "[input][loader]") {
    const Project p = loadTiny();

    SECTION("scenario settings and resolved file paths") {
        CHECK(p.scenario.name == "Tiny clinic");
        CHECK(p.scenario.shift == Shift::Day);
        CHECK(p.scenario.seed == 7);
        CHECK(p.scenario.timeStepS == Approx(0.05));
        CHECK(p.scenario.maxTimeS == Approx(600.0));
        REQUIRE(p.scenario.buildingFiles.size() == 1);
        CHECK(p.scenario.buildingFiles[0] == (tinyDir() / "clinic.yaml").string());
        CHECK(p.scenario.populationFile == (tinyDir() / "population.yaml").string());
        CHECK(p.files.size() >= 6); // scenario, building, 2 floors, inventory, population
    }
    SECTION("building, floors and rooms") {
        REQUIRE(p.buildings.size() == 1);
        const Building& b = p.buildings[0];
        CHECK(b.id == "CL");
        CHECK(b.rulesProfile == "cn");
        CHECK(b.hydrants);
        CHECK_FALSE(b.sprinklered);
        REQUIRE(b.floors.size() == 2);
        CHECK(b.floors[0].id == "CL-1F");
        CHECK(b.floors[0].building == "CL"); // inherited from the listing building
        CHECK(b.floors[1].id == "CL-2F");
        CHECK(b.floors[1].elevationM == Approx(4.2));
        CHECK(b.floors[1].level == 2);
        CHECK(b.floors[0].rooms.size() + b.floors[1].rooms.size() == 9);
        CHECK(b.floors[0].outline.size() == 4);
        CHECK(b.floors[0].walls.size() == 4);
        CHECK(b.floors[0].walls[0].id == "CL-1F/wall#1"); // generated when not given
        CHECK(b.floors[0].compartments.size() == 1);
    }
    SECTION("UTF-8 names keep their bytes") {
        const Room* r = findRoom(p, "CL-101");
        REQUIRE(r != nullptr);
        CHECK(r->name == "\xe8\xaf\x8a\xe5\xae\xa4"
                         "101"); // 诊室101
        CHECK(r->kind == RoomKind::Outpatient);
        CHECK(r->compartment == "CL-1F-A");
        CHECK(p.buildings[0].name == "Clinic \xe9\x97\xa8\xe8\xaf\x8a\xe6\xa5\xbc"); // 门诊楼
    }
    SECTION("doors, exits and stairs") {
        const Door* d = findDoor(p, "CL-D101");
        REQUIRE(d != nullptr);
        CHECK(d->widthM == Approx(1.0));
        CHECK(d->at == Vec2{5.0, 4.0});
        CHECK(d->roomA == "CL-101");
        CHECK(d->roomB == "CL-1F-C");
        CHECK(d->state == DoorState::Open);
        CHECK_FALSE(d->fireDoor);
        const Door* fd = findDoor(p, "CL-D1S1");
        REQUIRE(fd != nullptr);
        CHECK(fd->fireDoor);
        CHECK(fd->fireRatingMin == 60);

        const Floor& f1 = p.buildings[0].floors[0];
        const Exit* e = byId(f1.exits, "CL-E1");
        REQUIRE(e != nullptr);
        CHECK(e->assemblyPoint == "AP-1");
        CHECK(e->room == "CL-1F-C");
        CHECK(e->widthM == Approx(1.8));
        CHECK(e->signed_);
        REQUIRE(p.buildings[0].assemblyPoints.size() == 1);
        CHECK(p.buildings[0].assemblyPoints[0].name == "Car park");

        REQUIRE(p.buildings[0].stairs.size() == 1);
        const Stair& s = p.buildings[0].stairs[0];
        CHECK(s.id == "CL-ST1");
        CHECK(s.widthM == Approx(1.2));
        CHECK(s.lengthM == Approx(8.0));
        CHECK(s.lower.floor == "CL-1F");
        CHECK(s.upper.floor == "CL-2F");
        CHECK(s.lower.at == Vec2{19.0, 8.5});
        CHECK(s.upper.at == Vec2{19.0, 8.5});
    }
    SECTION("inventory: nameplate, dates, maintenance and statuses") {
        const auto& ext = p.inventory.extinguishers;
        REQUIRE(ext.size() == 3);
        const Extinguisher* e = byId(ext, "EXT-CL1-001");
        REQUIRE(e != nullptr);
        CHECK(e->floor == "CL-1F");
        CHECK(e->agent == ExtinguisherAgent::DryPowderAbc);
        CHECK(e->type == ExtinguisherType::Handheld);
        CHECK(e->model == "MF/ABC4");
        CHECK(e->manufactured == YearMonth{2019, 5});
        CHECK(e->ratingA == 2);
        CHECK(e->ratingB == 55);
        CHECK(e->fillKg == Approx(4.0));
        CHECK(e->installed == Date{2019, 8, 1});
        CHECK(e->lastInspection == Date{2026, 11, 2});
        REQUIRE(e->mountTopM.has_value());
        CHECK(*e->mountTopM == Approx(1.2));
        CHECK(*e->mountBottomM == Approx(0.1));
        REQUIRE(e->maintenance.size() == 1);
        CHECK(e->maintenance[0].date == Date{2024, 5, 10});
        CHECK(e->maintenance[0].kind == "service");
        CHECK(e->maintenance[0].by == "Fire Co.");
        CHECK(e->status == EquipmentStatus::InService);

        const Extinguisher* co2 = byId(ext, "EXT-CL1-002");
        REQUIRE(co2 != nullptr);
        CHECK(co2->agent == ExtinguisherAgent::Co2);
        CHECK_FALSE(co2->ratingA.has_value());
        CHECK(co2->ratingB == 21);
        CHECK_FALSE(co2->installed.has_value());
        CHECK(byId(ext, "EXT-CL2-001")->status == EquipmentStatus::SentForRepair);

        REQUIRE(p.inventory.hydrants.size() == 1);
        CHECK(p.inventory.hydrants[0].hoseLengthM == Approx(25.0));
        REQUIRE(p.inventory.lights.size() == 1);
        CHECK(p.inventory.lights[0].measuredDurationMin == Approx(72.0));
        REQUIRE(p.inventory.signs.size() == 2);
        CHECK(p.inventory.signs[1].kind == SignKind::Directional);
        CHECK(p.inventory.signs[1].illuminated); // default true
        REQUIRE(p.inventory.detectors.size() == 1);
        CHECK(p.inventory.detectors[0].lastTest == Date{2026, 6, 1});
    }
    SECTION("population expands rooms and room kinds per shift") {
        const auto day = occupantsByRoom(p, Shift::Day);
        const auto night = occupantsByRoom(p, Shift::Night);
        CHECK(total(day) == 27);
        CHECK(total(night) == 5);
        CHECK(occupants(day, "CL-101", "staff") == 2);
        CHECK(occupants(day, "CL-103", "visitor") == 20);
        CHECK(occupants(night, "CL-103", "visitor") == 0);
        CHECK(occupants(day, "CL-201", "staff") == 1);
        // room_kind: ward in building CL matches the one ward, CL-201.
        CHECK(occupants(day, "CL-201", "ambulant_patient") == 4);
        CHECK(occupants(night, "CL-201", "ambulant_patient") == 4);
        const auto ward = std::find_if(day.begin(), day.end(), [](const RoomOccupants& o) {
            return o.profile == "ambulant_patient";
        });
        REQUIRE(ward != day.end());
        CHECK(ward->floor == "CL-2F");
        CHECK(ward->building == "CL");
        CHECK(ward->group == "ward-patients");
        CHECK(std::count_if(day.begin(), day.end(), [](const RoomOccupants& o) {
                  return o.profile == "ambulant_patient";
              }) == 1);
    }
}

TEST_CASE("items remember where they came from", "[input][loader]") {
    const Project p = loadTiny();
    const Door* d = findDoor(p, "CL-D101");
    REQUIRE(d != nullptr);
    CHECK(d->loc.file == (tinyDir() / "1f.yaml").string());
    CHECK(d->loc.line == 22); // "  - {id: CL-D101, ..." (1-based)
    CHECK(d->loc.column == 5);
    CHECK(d->loc.path == "doors[0]");
    const Stair& s = p.buildings[0].stairs[0];
    CHECK(s.loc.line == 13);
    CHECK(s.lower.loc.line == 16);
    CHECK(p.inventory.extinguishers[0].maintenance[0].loc.line == 17);
}

TEST_CASE("a project with one file per floor in other folders loads", "[input][loader]") {
    TempDir tmp;
    writeFile(tmp / "scenario.yaml",
              "kind: scenario\nname: Split\nbuildings: [buildings/clinic.yaml]\n"
              "population: people/population.yaml\n");
    // Paths are relative to the file that names them: the building is in buildings/, the
    // floors in floors/.
    std::string building = readFile(tinyDir() / "clinic.yaml");
    replaceAll(building, "  - 1f.yaml\n  - 2f.yaml\n",
               "  - ../floors/1f.yaml\n  - ../floors/2f.yaml\n");
    writeFile(tmp / "buildings/clinic.yaml", building);
    writeFile(tmp / "floors/1f.yaml", readFile(tinyDir() / "1f.yaml"));
    writeFile(tmp / "floors/2f.yaml", readFile(tinyDir() / "2f.yaml"));
    writeFile(tmp / "people/population.yaml", readFile(tinyDir() / "population.yaml"));

    Diagnostics d;
    auto p = loadProject((tmp / "scenario.yaml").string(), d);
    INFO(joined(d));
    REQUIRE(p.has_value());
    CHECK(d.empty());
    REQUIRE(p->buildings.size() == 1);
    REQUIRE(p->buildings[0].floors.size() == 2);
    CHECK(p->buildings[0].floors[1].loc.file == (tmp / "floors/2f.yaml").string());
    CHECK(total(occupantsByRoom(*p, Shift::Day)) == 27);
}

TEST_CASE("sections may be written inline instead of as files", "[input][loader]") {
    TempDir tmp;
    writeFile(tmp / "inline.yaml", R"(kind: scenario
name: Inline
buildings:
  - kind: building
    id: B
    assembly_points: [{id: AP}]
    floors:
      - id: B-1F
        outline: [[0, 0], [10, 0], [10, 8], [0, 8]]
        walls: [{points: [[0, 4], [10, 4]]}]
        rooms:
          - {id: R1, name: 病房301, kind: ward, polygon: [[0, 0], [10, 0], [10, 4], [0, 4]]}
          - {id: C1, kind: corridor, polygon: [[0, 4], [10, 4], [10, 8], [0, 8]]}
        doors:
          - {id: D1, at: [5, 4], width_m: 1.1, rooms: [R1, C1]}
        exits:
          - {id: E1, at: [0, 6], width_m: 1.5, room: C1, assembly_point: AP}
inventory:
  - extinguishers:
      - {id: X1, floor: B-1F, at: [1, 6], agent: water, manufactured: 2020-01}
population:
  groups:
    - {room_kind: ward, profile: bed_bound, day: 3, night: 2}
shift: night
)");
    Diagnostics d;
    auto p = loadProject((tmp / "inline.yaml").string(), d);
    INFO(joined(d));
    REQUIRE(p.has_value());
    CHECK(d.empty());
    CHECK(p->scenario.shift == Shift::Night);
    CHECK(p->scenario.buildingFiles.empty());
    REQUIRE(p->buildings.size() == 1);
    const Floor& f = p->buildings[0].floors.at(0);
    CHECK(f.building == "B");
    const Door* door = findDoor(*p, "D1");
    REQUIRE(door != nullptr);
    CHECK(door->widthM == Approx(1.1));
    CHECK(door->loc.file == (tmp / "inline.yaml").string());
    CHECK(door->loc.path == "buildings[0].floors[0].doors[0]");
    CHECK(door->loc.line == 15);
    REQUIRE(p->inventory.extinguishers.size() == 1);
    CHECK(p->inventory.extinguishers[0].agent == ExtinguisherAgent::Water);
    CHECK(occupants(occupantsByRoom(*p, Shift::Night), "R1", "bed_bound") == 2);
}

TEST_CASE("every mistake of a file is reported in one run", "[input][loader]") {
    TempDir tmp;
    copyTiny(tmp.path());
    std::string floor = readFile(tinyDir() / "1f.yaml");
    // Three independent mistakes: a width that is not a number (line 23), an unknown room kind
    // (line 17) and an exit out of a room that does not exist (line 28).
    replaceAll(floor, "at: [15, 4], width_m: 1.0", "at: [15, 4], width_m: wide");
    replaceAll(floor, "kind: pharmacy", "kind: chemist");
    replaceAll(floor, "room: CL-103, assembly_point", "room: CL-109, assembly_point");
    writeFile(tmp / "1f.yaml", floor);

    Diagnostics d;
    auto p = loadProject((tmp / "scenario.yaml").string(), d);
    INFO(joined(d));
    CHECK_FALSE(p.has_value());
    REQUIRE(d.errorCount() == 3);
    CHECK(d.warningCount() == 0);
    d.sort();
    const std::string file = (tmp / "1f.yaml").string();
    std::vector<std::pair<int, std::string>> got;
    for (const auto& x : d.all()) {
        CHECK(x.loc.file == file);
        got.emplace_back(x.loc.line, x.keyPath);
    }
    CHECK(got == std::vector<std::pair<int, std::string>>{
                     {17, "rooms[1].kind"}, {23, "doors[1].width_m"}, {28, "exits[1].room"}});
}

TEST_CASE("a missing key is reported at its parent map", "[input][loader]") {
    TempDir tmp;
    writeFile(tmp / "f.yaml",
              "kind: floor\nid: F\noutline: [[0, 0], [4, 0], [4, 4], [0, 4]]\nrooms:\n"
              "  - id: R\n    kind: ward\n");
    Diagnostics d;
    validateFile((tmp / "f.yaml").string(), d);
    REQUIRE(d.all().size() == 1);
    CHECK(d.all()[0].loc.line == 5);
    CHECK(d.all()[0].loc.column == 5);
    CHECK(d.all()[0].keyPath == "rooms[0].polygon");
}

TEST_CASE("each good file passes when checked on its own", "[input][loader]") {
    SECTION("every file of the tiny clinic") {
        for (const char* name : {"scenario.yaml", "clinic.yaml", "1f.yaml", "2f.yaml",
                                 "inventory.yaml", "population.yaml"}) {
            Diagnostics d;
            validateFile((tinyDir() / name).string(), d);
            INFO(name << "\n" << joined(d));
            CHECK(d.empty());
        }
    }
    SECTION("a floor that names its building: the building's assembly points are not given") {
        TempDir tmp;
        std::string floor = readFile(tinyDir() / "1f.yaml");
        replaceAll(floor, "level: 1\n", "level: 1\nbuilding: CL\n");
        writeFile(tmp / "1f.yaml", floor);
        Diagnostics d;
        validateFile((tmp / "1f.yaml").string(), d);
        INFO(joined(d));
        CHECK(d.empty());
    }
}

TEST_CASE("a scenario's own profiles file is part of its input (embedded in replays)",
          "[input][loader]") {
    TempDir tmp;
    copyTiny(tmp.path());
    fs::copy_file(sourceDir() / "assets" / "profiles.yaml", tmp / "my_profiles.yaml");
    std::string s = readFile(tmp / "scenario.yaml");
    s += "profiles: my_profiles.yaml\n";
    writeFile(tmp / "scenario.yaml", s);
    Diagnostics d;
    auto p = loadProject((tmp / "scenario.yaml").string(), d);
    INFO(joined(d));
    REQUIRE(p);
    bool found = false;
    for (const auto& [path, text] : p->files)
        found = found || (fs::path(path).filename() == "my_profiles.yaml" &&
                          text == readFile(tmp / "my_profiles.yaml"));
    CHECK(found);
    // The bundled set is not embedded: it ships with Muster.
    Diagnostics d2;
    auto q = loadProject((tinyDir() / "scenario.yaml").string(), d2);
    REQUIRE(q);
    for (const auto& [path, text] : q->files)
        CHECK(fs::path(path).filename() != "profiles.yaml");
}

TEST_CASE("defaults are the calibrated values: a hand-written profile gets the bundled time gap",
          "[input][loader]") {
    // Issue 17 item 5: a profile that leaves out time_gap_s used to get 1.0 s (the documented
    // default) where the calibration gives 0.6 s; every model parameter left out of a profiles
    // file must get the bundled, calibrated value too.
    Diagnostics d;
    const auto bundled = loadProfiles((sourceDir() / "assets" / "profiles.yaml").string(), d);
    REQUIRE(bundled.has_value());
    const ModelParams code{};
    const ModelParams& cal = bundled->model;
    CHECK(code.neighbourStrength == cal.neighbourStrength);
    CHECK(code.neighbourRange == cal.neighbourRange);
    CHECK(code.wallStrength == cal.wallStrength);
    CHECK(code.wallRange == cal.wallRange);
    CHECK(code.queueSpeedMps == cal.queueSpeedMps);
    CHECK(code.rerouteIntervalS == cal.rerouteIntervalS);
    CHECK(code.rerouteGain == cal.rerouteGain);
    CHECK(code.doorFlowDesign == cal.doorFlowDesign);
    CHECK(code.stairFlow == cal.stairFlow);
    CHECK(code.stairEntryRadiusM == cal.stairEntryRadiusM);
    CHECK(code.cellM == cal.cellM);
    CHECK(code.frameIntervalS == cal.frameIntervalS);
    const Profile* visitor = bundled->find("visitor");
    REQUIRE(visitor != nullptr);

    TempDir dir("defaults");
    writeFile(dir / "profiles.yaml", "kind: profiles\n"
                                     "profiles:\n"
                                     "  - name: porter\n"
                                     "    radius_m: 0.22\n"
                                     "    speed_mps: {distribution: normal, mean: 1.2, sd: 0.2}\n");
    Diagnostics d2;
    const auto own = loadProfiles((dir / "profiles.yaml").string(), d2);
    INFO(joined(d2));
    REQUIRE(own.has_value());
    const Profile* porter = own->find("porter");
    REQUIRE(porter != nullptr);
    CHECK(porter->timeGapS == visitor->timeGapS);
    CHECK(porter->timeGapS == Approx(0.6));
    CHECK(own->model.cellM == cal.cellM);
}
