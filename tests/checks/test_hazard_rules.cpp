// How a failed check becomes a hazard: its severity from whole words, its id without wrapping.
#include <catch2/catch.hpp>

#include "muster/hazard_register.hpp"

using namespace muster;

namespace {

InspectionEntry failed(const std::string& item, const std::string& check,
                       const std::string& reading = "") {
    InspectionEntry e;
    e.date = Date{2026, 12, 2};
    e.item = item;
    e.check = check;
    e.result = "fail";
    e.reading = reading;
    return e;
}

} // namespace

TEST_CASE("a major finding is named by whole words, not substrings", "[checks][register]") {
    // Issue 18: "stored" and "scored" contain "red" and made a general finding major.
    for (const char* s : {"stored correctly", "scored label", "reduced visibility", "hydrated",
                          "nameplate legible", "bracket firm", "presence", "unlocked"}) {
        INFO(s);
        CHECK_FALSE(isMajorFinding(s));
    }
    for (const char* s : {"present at its point", "gauge in the green", "needle in the red",
                          "Red zone", "exit route clear", "exits unobstructed", "locked",
                          "lock intact", "压力表在绿区", "在位", "安全出口畅通"}) {
        INFO(s);
        CHECK(isMajorFinding(s));
    }
    CHECK_FALSE(isMajorFinding(""));

    HazardRegister reg;
    const Project none;
    REQUIRE(openHazard(reg, none, failed("EXT-1", "stored correctly")) == "HZ-0001");
    CHECK(reg.items.back().severity == "general");
    CHECK(reg.items.back().deadline == Date{2027, 1, 1}); // 30 days
    REQUIRE(openHazard(reg, none, failed("EXT-2", "pin, seal", "needle in the red")) == "HZ-0002");
    CHECK(reg.items.back().severity == "major");
    CHECK(reg.items.back().deadline == Date{2026, 12, 9}); // 7 days
}

TEST_CASE("hazard numbers do not wrap at 2^31", "[checks][register]") {
    HazardRegister reg;
    const Project none;
    HazardItem big;
    big.id = "HZ-2147483647";
    big.item = "EXT-0";
    big.check = "x";
    reg.items.push_back(big);
    HazardItem junk; // not a number: cannot collide, skipped
    junk.id = "HZ-99999999999999999999999";
    junk.item = "EXT-00";
    junk.check = "y";
    reg.items.push_back(junk);
    CHECK(openHazard(reg, none, failed("EXT-1", "gauge")) == "HZ-2147483648");
    CHECK(openHazard(reg, none, failed("EXT-2", "gauge")) == "HZ-2147483649");
}
