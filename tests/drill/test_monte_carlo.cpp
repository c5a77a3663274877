#include <catch2/catch.hpp>

#include "drill_fixture.hpp"
#include "muster/monte_carlo.hpp"

using namespace muster;
using namespace muster::test;

namespace {
McRun runSmall(const DrillContext& ctx, int runs, int threads, int shardK = 1, int shardN = 1) {
    McRun run = makeRun(ctx, "small-room", 42, runs);
    run.reps = runReplications(ctx, 42, shardIndices(runs, shardK, shardN), threads);
    return run;
}
} // namespace

TEST_CASE("Monte Carlo results do not depend on the thread count", "[drill][montecarlo]") {
    Project p = smallRoomProject(12);
    Drill d;
    d.fireRoom = "R";
    d.alarmS = 30;
    p.drill = d;
    const DrillContext ctx = makeDrillContext(p);
    const McRun one = runSmall(ctx, 4, 1);
    const McRun two = runSmall(ctx, 4, 2);
    REQUIRE(one.reps.size() == 4);
    CHECK(resultJson(one) == resultJson(two));
    // Replications differ from each other (the seeds do something) and everyone gets out.
    CHECK(one.reps[0].seed != one.reps[1].seed);
    for (const auto& r : one.reps) {
        CHECK(r.evacuated == 12);
        CHECK(r.totalTimeS > d.alarmS); // drill time: the alarm comes first
    }
    const McSummary s = summarize(one);
    CHECK(s.totalTime.n == 4);
    CHECK(s.totalTime.ciLow <= s.totalTime.mean);
    CHECK(s.wards.size() == 1);
    CHECK(s.wards[0].id == "F1 Clinic");
    CHECK(s.exits[0].stats.mean == Approx(12));
}

TEST_CASE("merging shards equals the unsharded result byte for byte", "[drill][montecarlo]") {
    const DrillContext ctx = makeDrillContext(smallRoomProject(6));
    const McRun whole = runSmall(ctx, 5, 2);
    Diagnostics diags;
    std::vector<McRun> parts;
    for (int k = 1; k <= 2; ++k) {
        const McRun shard = runSmall(ctx, 5, 1, k, 2);
        auto parsed = parseRunJson(shardJson(shard, k, 2), "shard.json", diags);
        REQUIRE(parsed);
        parts.push_back(*parsed);
    }
    CHECK(parts[0].reps.size() == 3); // 0, 2, 4
    CHECK(parts[1].reps.size() == 2); // 1, 3
    auto merged = mergeRuns({parts[1], parts[0]}, diags);
    REQUIRE(merged);
    CHECK(resultJson(*merged) == resultJson(whole));

    SECTION("reports a missing shard") {
        Diagnostics d2;
        CHECK_FALSE(mergeRuns({parts[0]}, d2));
        REQUIRE(d2.errorCount() == 1);
        CHECK(d2.all()[0].message.find("2 replication(s) missing: 1 3") != std::string::npos);
    }
    SECTION("reports a shard given twice") {
        Diagnostics d2;
        CHECK_FALSE(mergeRuns({parts[0], parts[1], parts[0]}, d2));
        CHECK(d2.hasErrors());
    }
}

TEST_CASE("statistics: percentiles, t quantiles and Welch's test", "[drill][stats]") {
    CHECK(percentile({1, 2, 3, 4}, 0.5) == Approx(2.5));
    CHECK(percentile({10, 20, 30, 40, 50}, 0.95) == Approx(48));
    CHECK(studentTQuantile(0.975, 9) == Approx(2.262).margin(1e-3));
    CHECK(studentTQuantile(0.975, 1000) == Approx(1.962).margin(1e-3));
    const SampleStats s = sampleStats({1, 2, 3, 4, 5});
    CHECK(s.mean == Approx(3));
    CHECK(s.sd == Approx(1.5811).margin(1e-4));
    CHECK(s.ciHigh == Approx(3 + 2.776 * 1.5811 / std::sqrt(5.0)).margin(1e-3));
    // Welch on two well separated samples: significant; on identical ones: not.
    const WelchResult w = welchTest({10, 11, 12, 13, 14}, {20, 21, 22, 23, 24});
    CHECK(w.diff == Approx(10));
    CHECK(w.df == Approx(8));
    CHECK(w.p < 0.001);
    CHECK(w.significant);
    CHECK_FALSE(welchTest({1, 2, 3}, {1, 2, 3}).significant);
}

TEST_CASE("ASET vs RSET lists rooms whose P95 clear time exceeds the untenable time",
          "[drill][montecarlo]") {
    Project p = smallRoomProject(10);
    Drill d;
    d.fireRoom = "R";
    d.alarmS = 30;
    d.smoke.fireRoomUntenableS = 35; // untenable 5 s after the alarm: nobody is out yet
    p.drill = d;
    const DrillContext ctx = makeDrillContext(p);
    const McRun run = runSmall(ctx, 3, 2);
    const McSummary s = summarize(run);
    REQUIRE(s.asetRset.size() == 1);
    CHECK(s.asetRset[0].room == "R");
    CHECK(s.asetRset[0].asetS == Approx(35));
    CHECK(s.asetRset[0].exceeded);
    CHECK(s.asetRset[0].meanAtUntenable > 5);
}

TEST_CASE("staffing matters: halving the night staff lengthens the fire ward's P95 clear time",
          "[drill][assisted]") {
    Diagnostics diags;
    auto loaded = loadProject(
        std::string(MUSTER_SOURCE_DIR) + "/scenarios/hospital/drills/night_ward_fire.yaml", diags);
    REQUIRE(loaded);
    REQUIRE(loaded->drill);
    REQUIRE(loaded->drill->staffing.size() == 1);
    REQUIRE(loaded->drill->staffing[0].night == 6);
    auto p95 = [&](int staff) {
        Project p = *loaded;
        p.drill->staffing[0].night = staff;
        p.scenario.maxTimeS = 3600.0; // long enough for three staff too
        const DrillContext ctx = makeDrillContext(p);
        McRun run = makeRun(ctx, "night", 7, 2);
        run.reps = runReplications(ctx, 7, shardIndices(2, 1, 1), 2);
        const McSummary s = summarize(run);
        for (const GroupStats& w : s.wards)
            if (w.id.find("General surgery") != std::string::npos) {
                CHECK(w.notClearRuns == 0); // everyone of the fire compartment is moved
                return w.stats.p95;
            }
        FAIL("no General surgery ward in the summary");
        return 0.0;
    };
    const double six = p95(6), three = p95(3);
    WARN(
        "measured: fire ward (WT-5F General surgery) P95 clear time, 2 replications: 6 night staff "
        << six << " s, 3 night staff " << three << " s (since ignition)");
    CHECK(three > 1.3 * six);
}
