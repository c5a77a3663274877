#include <catch2/catch.hpp>
#include <cmath>

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
    CHECK_FALSE(s.totalTime.hasInterval()); // 4 runs: too few for an interval
    CHECK(std::isnan(s.totalTime.ciLow));
    CHECK(s.totalTime.intervalNote() == "too few runs for an interval (4 of at least 10)");
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
    const SampleStats s = sampleStats({1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
    CHECK(s.mean == Approx(5.5));
    CHECK(s.sd == Approx(3.02765).margin(1e-4));
    REQUIRE(s.hasInterval());
    CHECK(s.ciHigh == Approx(5.5 + 2.262 * 3.02765 / std::sqrt(10.0)).margin(1e-3));
    CHECK(s.ciLow == Approx(5.5 - 2.262 * 3.02765 / std::sqrt(10.0)).margin(1e-3));
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

TEST_CASE("intervals stay in the possible range and need ten runs", "[drill][stats]") {
    // Ten times with one far outlier: the Student t interval of the mean reaches below 0 s
    // (mean 100.9, half-width 2.262 * 300.4 / sqrt(10) = 214.9) and is clipped at 0.
    const std::vector<double> xs = {5, 5, 5, 5, 5, 5, 5, 5, 5, 964};
    const SampleStats s = sampleStats(xs);
    REQUIRE(s.hasInterval());
    CHECK(s.mean == Approx(100.9));
    CHECK(s.ciLow == 0.0);
    CHECK(s.ciHigh == Approx(100.9 + 2.262 * s.sd / std::sqrt(10.0)).margin(0.1));
    // A fraction's interval stays within [0, 1].
    const SampleStats f = sampleStats({0.99, 1, 1, 1, 1, 1, 1, 1, 1, 0.5}, Range{0.0, 1.0});
    CHECK(f.ciHigh <= 1.0);
    CHECK(f.ciLow >= 0.0);
    // Below ten runs: no interval, and the reason says so.
    for (int n = 1; n < kMinRunsForInterval; ++n) {
        const SampleStats t = sampleStats(std::vector<double>(static_cast<size_t>(n), 3.0));
        CHECK_FALSE(t.hasInterval());
        CHECK(t.intervalNote().find("too few runs") == 0);
    }
}

TEST_CASE("censored runs: Kaplan-Meier percentiles, no interval, never significant",
          "[drill][stats]") {
    // Eight runs finished at 100..800 s, two hit max_time_s at 900 s.
    Sample s;
    for (int i = 1; i <= 8; ++i) {
        s.x.push_back(100.0 * i);
        s.censored.push_back(false);
    }
    s.x.insert(s.x.end(), {900, 900});
    s.censored.insert(s.censored.end(), {true, true});
    CHECK(s.censoredCount() == 2);
    const SampleStats st = sampleStats(s);
    CHECK(st.censored == 2);
    CHECK_FALSE(st.hasInterval());
    CHECK(st.intervalNote() == "no interval: 2 of 10 runs did not finish");
    CHECK(st.p50 == 500.0); // 5 of 10 events by 500 s
    CHECK(st.p5 == 100.0);
    CHECK(std::isnan(st.p90)); // only 80 % ever finish: P90 is not known
    CHECK(std::isnan(st.p95));
    // Censoring before the end changes the estimate: after two events (S = 0.8) one run is
    // censored at 250 s, leaving 7 at risk, so each later event removes 1/7 of what remains.
    Sample e{{100, 200, 250, 300, 400, 500, 600, 700, 800, 900},
             {false, false, true, false, false, false, false, false, false, false}};
    CHECK(kaplanMeierQuantile(e, 0.2) == 200.0);
    CHECK(kaplanMeierQuantile(e, 0.31) == 300.0); // 1 - 0.8 * 6/7 = 0.314
    CHECK(kaplanMeierQuantile(e, 0.32) == 400.0); // 1 - 0.8 * 5/7 = 0.429
    CHECK(kaplanMeierQuantile(e, 1.0) == 900.0);

    // Both sides hit max_time_s in every run: zero variance, different "means" (the old
    // test called this p = 0, significant). Censored: never significant.
    const Sample a{std::vector<double>(10, 3600.0), std::vector<bool>(10, true)};
    Sample b;
    for (int i = 0; i < 10; ++i) {
        b.x.push_back(1000.0 + i);
        b.censored.push_back(false);
    }
    const WelchResult w = welchTest(a, b);
    CHECK(w.censoredA == 10);
    CHECK(w.censoredB == 0);
    CHECK_FALSE(w.significant);
    CHECK(w.p == 1.0);
    // One censored run among many is enough to withhold the verdict.
    Sample c = b;
    c.x[3] = 3600;
    c.censored[3] = true;
    CHECK(welchTest(b, c).significant == false);
    CHECK(welchTest(b.x, std::vector<double>(10, 3600.0)).significant); // the uncensored test
}

TEST_CASE("the distribution-free interval of P95 needs 72 runs for an upper bound",
          "[drill][stats]") {
    auto sample = [](int n) {
        Sample s;
        for (int i = 1; i <= n; ++i) {
            s.x.push_back(static_cast<double>(i));
            s.censored.push_back(false);
        }
        return s;
    };
    // The upper rank u is the smallest with P(B <= u - 1) >= 0.975; u = n needs
    // 1 - 0.95^n >= 0.975: 0.95^71 = 0.0262 (no bound), 0.95^72 = 0.0249 (X(72)).
    CHECK(std::isinf(quantileInterval(sample(71), 0.95).second));
    const auto [lo, hi] = quantileInterval(sample(72), 0.95);
    CHECK(std::isfinite(hi));
    CHECK(hi == 72.0);
    CHECK(lo < 72.0 * 0.95);
    // For the median of 100 runs the ranks are 40 and 61 (Conover's table: 40, 61).
    const auto m = quantileInterval(sample(100), 0.5);
    CHECK(m.first == 40.0);
    CHECK(m.second == 61.0);
}
