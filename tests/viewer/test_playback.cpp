#include <catch2/catch.hpp>

#include "viewer/playback.hpp"
#include "viewer/session.hpp"
#include "viewer_fixture.hpp"

using namespace muster::viewer;

TEST_CASE("playback state", "[viewer][playback]") {
    Playback p;
    p.setDuration(100);
    SECTION("seeking is clamped to the run") {
        p.seek(-5);
        CHECK(p.time() == 0);
        p.seek(250);
        CHECK(p.time() == 100);
    }
    SECTION("advance uses the speed and stops at the end") {
        p.setSpeedIndex(6); // 16x
        CHECK(p.speed() == 16);
        p.play();
        p.advance(2.0);
        CHECK(p.time() == Approx(32));
        p.advance(10.0);
        CHECK(p.time() == 100);
        CHECK_FALSE(p.playing());
        p.togglePlay(); // play again from the start
        CHECK(p.time() == 0);
        CHECK(p.playing());
    }
    SECTION("a live run waits at its end instead of pausing") {
        p.play();
        p.advance(500.0, false);
        CHECK(p.playing());
    }
    SECTION("speeds run from 0.25x to 64x") {
        for (int i = 0; i < 20; ++i)
            p.faster();
        CHECK(p.speed() == 64);
        for (int i = 0; i < 20; ++i)
            p.slower();
        CHECK(p.speed() == 0.25);
    }
    SECTION("stepping lands on frames and pauses") {
        p.play();
        p.seek(10.04);
        p.step(1, 0.1);
        CHECK(p.time() == Approx(10.1));
        p.step(-3, 0.1);
        CHECK(p.time() == Approx(9.8));
        CHECK_FALSE(p.playing());
    }
}

TEST_CASE("timeline maths", "[viewer][playback]") {
    SECTION("picking frames by time interpolates between neighbours") {
        const std::vector<double> times{0.0, 0.1, 0.2, 0.3};
        CHECK(pickFrame(times, -1).index == 0);
        auto p = pickFrame(times, 0.15);
        CHECK(p.index == 1);
        CHECK(p.alpha == Approx(0.5));
        p = pickFrame(times, 0.2);
        CHECK(p.index == 2);
        CHECK(p.alpha == Approx(0.0).margin(1e-6));
        p = pickFrame(times, 9);
        CHECK(p.index == 3);
        CHECK(p.alpha == 0);
    }
    SECTION("slider x and time are inverse") {
        for (double t : {0.0, 12.5, 300.0})
            CHECK(xToTime(float(timeToX(t, 300, 100, 900)), 300, 100, 900) ==
                  Approx(t).margin(1e-3));
        CHECK(xToTime(50, 300, 100, 900) == 0);
        CHECK(xToTime(2000, 300, 100, 900) == 300);
    }
    SECTION("the clock") {
        CHECK(formatClock(0) == "00:00.0");
        CHECK(formatClock(59.99) == "01:00.0");
        CHECK(formatClock(125.3) == "02:05.3");
        CHECK(formatClock(3725) == "1:02:05");
    }
}

TEST_CASE("seeking in a replay", "[viewer][playback]") {
    const std::string& path = viewer_test::tinyReplay();
    REQUIRE_FALSE(path.empty());
    muster::Diagnostics d;
    auto s = Session::open(path, d);
    REQUIRE(s);
    muster::ReplayReader r;
    REQUIRE(r.open(path, d));
    REQUIRE(s->times().size() == r.frameCount());
    SECTION("framesAt agrees with the reader's frameAt") {
        for (double t : {0.0, 0.05, 1.0, 7.33, s->duration() * 0.5, s->duration()}) {
            const muster::Frame *a = nullptr, *b = nullptr;
            float alpha = 0;
            REQUIRE(s->framesAt(t, a, b, alpha));
            CHECK(a->t == Approx(r.frameTime(r.frameAt(t))));
            if (b)
                CHECK(b->t > a->t);
        }
    }
    SECTION("scrubbing back and forth reads the same frames") {
        const muster::Frame *a, *b;
        float al;
        REQUIRE(s->framesAt(10.0, a, b, al));
        const auto x10 = a->agents[0].x;
        REQUIRE(s->framesAt(s->duration(), a, b, al));
        REQUIRE(s->framesAt(10.0, a, b, al));
        CHECK(a->agents[0].x == x10);
    }
    SECTION("events come with the replay") {
        const auto ev = s->source().events();
        REQUIRE(ev.size() == r.events().size());
        for (std::size_t i = 0; i < ev.size(); ++i) {
            CHECK(ev[i].t == r.events()[i].t);
            CHECK(ev[i].kind == r.events()[i].kind);
        }
    }
}
