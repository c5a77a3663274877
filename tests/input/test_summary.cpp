// `muster info`: the summary's JSON carries exactly the ProjectSummary's figures, and the text
// summary prints the same numbers per floor.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <sstream>

#include "input_fixture.hpp"
#include "muster/loader.hpp"
#include "muster/summary.hpp"

using namespace muster;
using namespace muster::test;

namespace {

Project loadTiny() {
    Diagnostics d;
    auto p = loadProject((tinyDir() / "scenario.yaml").string(), d);
    REQUIRE(p.has_value());
    return std::move(*p);
}

std::vector<std::string> words(const std::string& line) {
    std::istringstream in(line);
    std::vector<std::string> w;
    for (std::string x; in >> x;)
        w.push_back(x);
    return w;
}

std::string fixed1(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.1f", v);
    return b;
}

} // namespace

TEST_CASE("the summary round-trips through JSON", "[input][summary]") {
    const ProjectSummary s = summarize(loadTiny());
    const nlohmann::json j = nlohmann::json::parse(summaryJson(s));

    SECTION("the tiny clinic's figures") {
        CHECK(s.name == "Tiny clinic");
        CHECK(s.buildings == 1);
        CHECK(s.floors == 2);
        CHECK(s.rooms == 9);
        CHECK(s.doors == 7);
        CHECK(s.exits == 2);
        CHECK(s.stairs == 1);
        CHECK(s.areaM2 == Approx(400.0));
        REQUIRE(s.perFloor.size() == 2);
        for (const auto& f : s.perFloor)
            CHECK(f.areaM2 == Approx(200.0));
        const FloorSummary& f1 = s.perFloor[0];
        CHECK(f1.areaByKind.at("outpatient") == Approx(40.0));
        CHECK(f1.areaByKind.at("lobby") == Approx(72.0));
        CHECK(f1.areaByKind.at("stair") == Approx(8.0));
        CHECK(f1.doorWidthM == Approx(5.2));
        CHECK(f1.minDoorWidthM == Approx(1.0));
        CHECK(f1.exitWidthM == Approx(3.0));
        CHECK(s.perFloor[1].areaByKind.at("ward") == Approx(80.0));
        CHECK(s.perFloor[1].doorWidthM == Approx(3.4));
        CHECK(s.totalDay == 27);
        CHECK(s.totalNight == 5);
        CHECK(s.occupantsDay.at("staff") == 3);
        CHECK(s.occupantsDay.at("visitor") == 20);
        CHECK(s.occupantsDay.at("ambulant_patient") == 4);
        CHECK(s.occupantsNight.at("staff") == 1);
        CHECK(s.occupantsNight.count("visitor") == 0);
        CHECK(s.inventory.at("extinguisher").at("in_service") == 2);
        CHECK(s.inventory.at("extinguisher").at("sent_for_repair") == 1);
        CHECK(s.inventory.at("sign").at("in_service") == 2);
    }
    SECTION("every JSON figure equals the summary's field") {
        CHECK(j.at("name") == s.name);
        CHECK(j.at("buildings") == s.buildings);
        CHECK(j.at("floors") == s.floors);
        CHECK(j.at("rooms") == s.rooms);
        CHECK(j.at("doors") == s.doors);
        CHECK(j.at("exits") == s.exits);
        CHECK(j.at("stairs") == s.stairs);
        CHECK(j.at("area_m2").get<double>() == Approx(s.areaM2));
        REQUIRE(j.at("per_floor").size() == s.perFloor.size());
        for (size_t i = 0; i < s.perFloor.size(); ++i) {
            const FloorSummary& f = s.perFloor[i];
            const auto& jf = j.at("per_floor")[i];
            INFO("floor " << f.id);
            CHECK(jf.at("id") == f.id);
            CHECK(jf.at("building") == f.building);
            CHECK(jf.at("name") == f.name);
            CHECK(jf.at("level") == f.level);
            CHECK(jf.at("rooms") == f.rooms);
            CHECK(jf.at("doors") == f.doors);
            CHECK(jf.at("exits") == f.exits);
            CHECK(jf.at("area_m2").get<double>() == Approx(f.areaM2));
            CHECK(jf.at("area_by_kind_m2").size() == f.areaByKind.size());
            for (const auto& [kind, area] : f.areaByKind)
                CHECK(jf.at("area_by_kind_m2").at(kind).get<double>() == Approx(area));
            CHECK(jf.at("door_width_total_m").get<double>() == Approx(f.doorWidthM));
            CHECK(jf.at("door_width_min_m").get<double>() == Approx(f.minDoorWidthM));
            CHECK(jf.at("exit_width_total_m").get<double>() == Approx(f.exitWidthM));
            CHECK(jf.at("occupants_day") == f.occupantsDay);
            CHECK(jf.at("occupants_night") == f.occupantsNight);
        }
        CHECK(j.at("occupants_day").get<std::map<std::string, int>>() == s.occupantsDay);
        CHECK(j.at("occupants_night").get<std::map<std::string, int>>() == s.occupantsNight);
        CHECK(j.at("total_day") == s.totalDay);
        CHECK(j.at("total_night") == s.totalNight);
        CHECK(j.at("inventory").get<std::map<std::string, std::map<std::string, int>>>() ==
              s.inventory);
    }
    SECTION("UTF-8 floor names survive the JSON") {
        CHECK(j.at("per_floor")[1].at("name") == "First floor \xe4\xba\x8c\xe5\xb1\x82"); // 二层
    }
}

TEST_CASE("the text summary has one line per floor with the summary's figures",
          "[input][summary]") {
    const ProjectSummary s = summarize(loadTiny());
    const std::string text = summaryText(s);
    CHECK(text.find("2 floors, 9 rooms, 7 doors, 2 exits") != std::string::npos);
    for (const auto& f : s.perFloor) {
        INFO("floor " << f.id);
        const size_t at = text.find("\n" + f.id + " ");
        REQUIRE(at != std::string::npos);
        const std::string line = text.substr(at + 1, text.find('\n', at + 1) - at - 1);
        CHECK(words(line) == std::vector<std::string>{
                                 f.id, f.building, std::to_string(f.level), std::to_string(f.rooms),
                                 std::to_string(f.doors), std::to_string(f.exits), fixed1(f.areaM2),
                                 fixed1(f.doorWidthM), fixed1(f.exitWidthM),
                                 std::to_string(f.occupantsDay), std::to_string(f.occupantsNight)});
    }
    CHECK(
        text.find(
            "CL-1F      CL         1      5     4     2     200.0       5.2       3.0     22      0") !=
        std::string::npos);
}
