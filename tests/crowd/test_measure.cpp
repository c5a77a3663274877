// Measurements (issue 17 item 4): the crossings log (doors, exits, stairs, measurement lines),
// per-stair usage, and the classic flow, density and speed series at measurement lines and
// areas. Each world is rotated at random per seed; the assertions are conservation (every
// passage logged once, net) and kinematics (people of a known speed measured at that speed).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include "muster/distribution.hpp"
#include "world_fixture.hpp"

using namespace muster;
using namespace muster::test;

namespace {

// Splits floor `fl`'s single room into a west (x < xw) and an east room (unrotated coordinates).
void splitRooms(WorldBuilder& w, const std::string& fl, double xw, double x1, double y1) {
    Floor& f = w.get(fl);
    f.rooms.clear();
    Room west, east;
    west.id = fl + "-west";
    east.id = fl + "-east";
    west.kind = east.kind = RoomKind::Corridor;
    west.polygon = w.r(Polygon{{0, 0}, {xw, 0}, {xw, y1}, {0, y1}});
    east.polygon = w.r(Polygon{{xw, 0}, {x1, 0}, {x1, y1}, {xw, y1}});
    f.rooms.push_back(west);
    f.rooms.push_back(east);
}

} // namespace

TEST_CASE("crossings log - every door, exit and stair passage once, rotated worlds, seeds 1-5",
          "[measure]") {
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        Rng rng = Rng::stream(20261204, 500 + seed);
        WorldBuilder w;
        w.angleDeg = rng.uniform(0.0, 360.0);
        INFO("seed " << seed << ", rotated " << w.angleDeg << " degrees");
        // Ground floor: a west room with the crowd and the stair's foot, a wall with door D
        // (rooms: [west, east]), the exit in the east room. Upper floor: people to the stair.
        w.floor("G", {{0, 0}, {20, 0}, {20, 8}, {0, 8}}, 0.0);
        w.wall("G", {{10, 0}, {10, 8}});
        w.door("G", "D", {10, 4}, 1.2);
        w.get("G").doors.back().roomA = "G-west";
        w.get("G").doors.back().roomB = "G-east";
        w.exit("G", "E", {20, 4}, 1.2);
        splitRooms(w, "G", 10, 20, 8);
        w.get("G").exits.back().room = "G-east";
        w.floor("U", {{0, 0}, {20, 0}, {20, 8}, {0, 8}}, 4.0);
        w.stair("S", "G", {2, 4}, "U", {2, 4}, 1.2, 12.0);
        std::vector<Placement> people;
        for (Vec2 p : randomPoints(4, 9.3, 0.5, 7.5, 30, 0.5, rng.next()))
            people.push_back(w.person("G", p, -1.0, rng.uniform(0.0, 10.0)));
        const size_t below = people.size();
        for (Vec2 p : randomPoints(5, 19.5, 0.5, 7.5, 25, 0.5, rng.next()))
            people.push_back(w.person("U", p, -1.0, rng.uniform(0.0, 10.0)));
        SimOptions o;
        o.maxTimeS = 900;
        o.seed = seed;
        Simulation sim(w.project, o, people);
        sim.run();
        const RunResults res = sim.results();
        REQUIRE(res.evacuated == static_cast<int>(people.size()));
        const std::vector<Crossing> log = sim.crossings();
        CHECK(std::is_sorted(log.begin(), log.end(),
                             [](const Crossing& a, const Crossing& b) { return a.t < b.t; }));
        std::map<std::uint32_t, int> exits, stairs, doorNet;
        std::map<std::uint32_t, double> lastDoorT;
        for (const auto& c : log) {
            if (c.kind == CrossingKind::Exit) {
                ++exits[c.person];
                CHECK(c.id == "E");
                CHECK(c.floor == "G");
                CHECK(c.from == "G-east");
                CHECK(c.to == "outside");
                CHECK(c.t == Approx(res.people[c.person].exitTimeS).margin(1e-9));
            } else if (c.kind == CrossingKind::Stair) {
                ++stairs[c.person];
                CHECK(c.id == "S");
                CHECK(c.direction == "down");
                CHECK(c.from == "U");
                CHECK(c.to == "G");
            } else if (c.kind == CrossingKind::Door) {
                REQUIRE(c.id == "D");
                // Alternating: "+" west to east, "-" back; the net passage is one "+".
                const int before = doorNet[c.person];
                CHECK((c.direction == "+" ? before == 0 : before == 1));
                CHECK(c.from == (c.direction == "+" ? "G-west" : "G-east"));
                CHECK(c.to == (c.direction == "+" ? "G-east" : "G-west"));
                doorNet[c.person] += c.direction == "+" ? 1 : -1;
                lastDoorT[c.person] = c.t;
            }
        }
        for (std::uint32_t i = 0; i < people.size(); ++i) {
            INFO("person " << i);
            CHECK(exits[i] == 1);
            CHECK(doorNet[i] == 1);
            CHECK(stairs[i] == (i < below ? 0 : 1));
            CHECK(lastDoorT[i] < res.people[i].exitTimeS);
        }
        REQUIRE(res.stairs.size() == 1);
        CHECK(res.stairs[0].id == "S");
        CHECK(res.stairs[0].down == static_cast<int>(people.size() - below));
        CHECK(res.stairs[0].up == 0);
        // The CSV holds one row per crossing, header first.
        const std::string csv = crossingsCsv(log);
        CHECK(csv.rfind("time_s,person,kind,id,floor,direction,from,to\n", 0) == 0);
        CHECK(static_cast<size_t>(std::count(csv.begin(), csv.end(), '\n')) == log.size() + 1);
    }
}

TEST_CASE("measurement line and area - flow adds up to the crossings, speed and density as "
          "walked, rotated corridors",
          "[measure]") {
    for (std::uint64_t seed = 1; seed <= 4; ++seed) {
        Rng rng = Rng::stream(20261204, 600 + seed);
        WorldBuilder w;
        w.angleDeg = rng.uniform(0.0, 360.0);
        const double v = rng.uniform(0.8, 1.3); // everyone's free speed
        INFO("seed " << seed << ", rotated " << w.angleDeg << " degrees, speed " << v);
        // A 40 m corridor, 3 m wide, exit at its east end. People in single file on its
        // centre line, 3 m apart, start walking at once; six more stand in the area's east
        // half for 6 s first.
        w.floor("F", {{0, 0}, {40, 0}, {40, 3}, {0, 3}});
        w.exit("F", "E", {40, 1.5}, 3.0);
        std::vector<Placement> people;
        const int walkers = 6;
        for (int k = 0; k < walkers; ++k)
            people.push_back(w.person("F", {1.0 + 3.0 * k, 1.5}, v, 0.0));
        const int standers = 6;
        for (int k = 0; k < standers; ++k)
            people.push_back(w.person("F", {30.5 + 1.0 * (k % 3), 0.8 + 1.4 * (k / 3)}, v, 6.0));
        MeasureSpec line, box;
        line.id = "L";
        line.floor = box.floor = "F";
        line.line = {w.r(Vec2{20, 0}), w.r(Vec2{20, 3})};
        box.id = "A";
        box.area = w.r(Polygon{{26, 0}, {34, 0}, {34, 3}, {26, 3}}); // 8 m x 3 m = 24 m^2
        w.project.scenario.measures = {line, box};
        w.project.scenario.measureIntervalS = 1.0;
        SimOptions o;
        o.maxTimeS = 300;
        o.seed = seed;
        Simulation sim(w.project, o, people);
        sim.run();
        REQUIRE(sim.results().evacuated == walkers + standers);
        int lineRows = 0, plus = 0;
        for (const auto& c : sim.crossings())
            if (c.kind == CrossingKind::Line) {
                ++lineRows;
                plus += c.direction == "+" ? 1 : 0;
                CHECK(c.id == "L");
            }
        // Walking east across a line drawn south to north: from its right to its left ("-").
        CHECK(lineRows == walkers);
        CHECK(plus == 0);
        const std::vector<MeasureSample> series = sim.measurements();
        double lineCount = 0, lineSpeed = 0, personSeconds = 0, areaSpeed = 0, areaSpeedT = 0;
        int lineSpeedN = 0;
        for (const auto& s : series) {
            CHECK(s.t1 > s.t0);
            CHECK(s.t1 - s.t0 <= 1.0 + 1e-9);
            if (s.line) {
                CHECK(s.id == "L");
                CHECK(s.size == Approx(3.0));
                CHECK(s.flowPs == Approx(s.count / (s.t1 - s.t0)));
                CHECK(s.specificFlow == Approx(s.flowPs / 3.0));
                lineCount += s.count;
                if (s.speedMps >= 0) {
                    lineSpeed += s.speedMps * s.count;
                    lineSpeedN += static_cast<int>(s.count);
                }
            } else {
                CHECK(s.id == "A");
                CHECK(s.size == Approx(24.0));
                CHECK(s.density == Approx(s.count / 24.0));
                // Before the standers start (6 s), the area holds exactly the six of them,
                // standing (the solver's drift is below a micrometre per second; the interval
                // before the start holds the step in which they set off).
                INFO("interval " << s.t0);
                if (s.t1 <= 6.0 + 1e-9)
                    CHECK(s.count == Approx(standers));
                if (s.t1 <= 5.0 + 1e-9)
                    CHECK(s.speedMps == Approx(0.0).margin(1e-5));
                personSeconds += s.count * (s.t1 - s.t0);
                if (s.t0 > 12.0 && s.speedMps >= 0) { // the walkers alone, long after the start
                    areaSpeed += s.speedMps * s.count * (s.t1 - s.t0);
                    areaSpeedT += s.count * (s.t1 - s.t0);
                }
            }
        }
        CHECK(lineCount == walkers);
        REQUIRE(lineSpeedN == walkers);
        CHECK(lineSpeed / lineSpeedN == Approx(v).epsilon(0.03));
        REQUIRE(areaSpeedT > 0);
        CHECK(areaSpeed / areaSpeedT == Approx(v).epsilon(0.03));
        // Each walker spends 8 m / v in the area; each stander 6 s standing, then the rest of
        // the area's east part at about v (3-4 m to walk: bounded, not exact).
        const double walked = walkers * 8.0 / v;
        CHECK(personSeconds > walked + standers * (6.0 + 2.0 / v));
        CHECK(personSeconds < walked + standers * (6.0 + 4.0 / v) + 2.0);
        const std::string csv = measureCsv(series);
        CHECK(csv.rfind("measure,kind,floor,t0_s,t1_s,size,count,flow_ps,specific_flow_pms,"
                        "density_pm2,speed_mps\n",
                        0) == 0);
        CHECK(static_cast<size_t>(std::count(csv.begin(), csv.end(), '\n')) == series.size() + 1);
    }
}
