// Display tests: they draw into an off-screen sf::RenderTexture, which needs an X server.
// ctest runs them under `xvfb-run -a` (tests/CMakeLists.txt); run alone with
//   xvfb-run -a build/dev/tests/muster_viewer_tests "[display]"
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "viewer/compliance.hpp"
#include "viewer/exporter.hpp"
#include "viewer/renderer.hpp"
#include "viewer/session.hpp"
#include "viewer_fixture.hpp"

using namespace muster;
using namespace muster::viewer;

namespace {

bool displayOrSkip() {
    std::string why;
    if (haveDisplay(why))
        return true;
    WARN("skipped: " << why);
    return false;
}

sf::Color pixelAt(const sf::Image& img, sf::Vector2f p) {
    return img.getPixel(unsigned(std::lround(p.x)), unsigned(std::lround(p.y)));
}

bool near(sf::Color a, sf::Color b, int tol = 6) {
    return std::abs(int(a.r) - int(b.r)) <= tol && std::abs(int(a.g) - int(b.g)) <= tol &&
           std::abs(int(a.b) - int(b.b)) <= tol;
}

} // namespace

TEST_CASE("rendering a replay", "[display]") {
    if (!displayOrSkip())
        return;
    Diagnostics d;
    auto s = Session::open(viewer_test::tinyReplay(), d);
    REQUIRE(s);
    Renderer r;
    std::string err;
    REQUIRE(r.loadFont(MUSTER_DEFAULT_FONT, err));
    r.setScene(s->scene());
    sf::RenderTexture rt;
    REQUIRE(rt.create(960, 600));
    ViewOptions o;
    o.hud = o.legend = false;

    for (double t : {0.0, 60.0, s->duration()}) {
        DYNAMIC_SECTION("at t = " << t) {
            const Frame *a, *b;
            float al;
            REQUIRE(s->framesAt(t, a, b, al));
            SECTION("walls are drawn where the floor file puts them") {
                o.floor = 0;
                const Camera cam = exportCamera(r, 0, 960, 600);
                r.draw(rt, cam, *a, nullptr, 0, o);
                rt.display();
                const sf::Image img = rt.getTexture().copyToImage();
                // CL-1F: a wall along y = 4 (doors at x = 5 and 15) and the outline at x = 0.
                CHECK(near(pixelAt(img, cam.worldToPixel({3, 4})), colours::kWall));
                CHECK(near(pixelAt(img, cam.worldToPixel({12, 4})), colours::kWall));
                CHECK(near(pixelAt(img, cam.worldToPixel({0, 8})), colours::kWall));
                // Inside the pharmacy, away from walls, labels and people: the room's fill.
                CHECK(near(pixelAt(img, cam.worldToPixel({19.2, 0.8})),
                           roomFill(RoomKind::Pharmacy), 10));
                // Outside the building: the canvas.
                CHECK(near(pixelAt(img, {3, 590}), r.background));
            }
            SECTION("everyone inside is drawn, on every floor") {
                o.floor = -1;
                const Camera cam = exportCamera(r, -1, 960, 600);
                const DrawStats st = r.draw(rt, cam, *a, b, al, o);
                CHECK(int(st.peopleDrawn) == countFrame(s->scene(), *a).inside);
            }
        }
    }
    SECTION("expired units are drawn in the expired colour") {
        o.floor = 0;
        o.today = Date{2026, 11, 23};
        const Frame *a, *b;
        float al;
        REQUIRE(s->framesAt(0, a, b, al));
        Camera cam = exportCamera(r, 0, 960, 600);
        r.draw(rt, cam, *a, nullptr, 0, o);
        rt.display();
        const sf::Image img = rt.getTexture().copyToImage();
        // EXT-CL1-002 (CO2, made 2013-02) at (2.2, 5.8): expired; its badge is 0.7 m wide.
        CHECK(near(pixelAt(img, cam.worldToPixel({2.4, 5.8})), itemColour(ItemStatus::Expired)));
    }
    SECTION("a changed rules profile recolours the equipment it judges") {
        o.floor = 0;
        o.today = Date{2026, 11, 23};
        o.labels = o.compartments = o.assembly = false;
        const Frame *a, *b;
        float al;
        REQUIRE(s->framesAt(s->duration(), a, b, al)); // everyone out: nobody over the icon
        const Camera cam = exportCamera(r, 0, 960, 600);
        auto detectorColour = [&] {
            r.draw(rt, cam, *a, nullptr, 0, o);
            rt.display();
            // SD-CL1-01 at (5, 2), tested 2026-06-01: a diamond in its status colour.
            return pixelAt(rt.getTexture().copyToImage(), cam.worldToPixel({5.0, 2.0}));
        };
        CHECK(near(detectorColour(), itemColour(ItemStatus::Ok))); // bundled CN: 366 days
        Diagnostics rd;
        RulesSet rules = loadRules(s->scene().project, rd);
        REQUIRE(rules.count("cn"));
        rules["cn"].detectorTestDays = 180; // due by 2026-11-28
        r.setRules(rules);
        CHECK(near(detectorColour(), itemColour(ItemStatus::DueSoon)));
    }
    SECTION("the coverage overlay shades uncovered areas over the room fill") {
        o.floor = 0;
        o.today = Date{2026, 11, 23};
        o.equipment = o.labels = o.compartments = o.assembly = false;
        const Frame *a, *b;
        float al;
        REQUIRE(s->framesAt(s->duration(), a, b, al)); // everyone out: nobody over the sample
        const FloorCoverage* fc = r.coverage(0, o.today);
        REQUIRE(fc);
        REQUIRE(fc->find(FireClass::A));
        // The centre of the largest uncovered rectangle, and the room it lies in.
        Bounds best;
        double bestA = 0;
        for (const auto& g : fc->find(FireClass::A)->regions)
            for (const auto& rect : g.rects) {
                const Bounds bb = boundsOf(rect);
                const double ar = (bb.max.x - bb.min.x) * (bb.max.y - bb.min.y);
                if (ar > bestA)
                    bestA = ar, best = bb;
            }
        REQUIRE(bestA > 1.0);
        const Vec2 c{(best.min.x + best.max.x) * 0.5, (best.min.y + best.max.y) * 0.5};
        const Room* room = nullptr;
        for (const auto& rm : s->scene().floors[0].floor->rooms)
            if (pointInPolygon(rm.polygon, c))
                room = &rm;
        REQUIRE(room);
        const Camera cam = exportCamera(r, 0, 960, 600);
        r.draw(rt, cam, *a, nullptr, 0, o);
        rt.display();
        CHECK(near(pixelAt(rt.getTexture().copyToImage(), cam.worldToPixel(c)),
                   roomFill(room->kind), 10));
        o.coverage = true;
        r.draw(rt, cam, *a, nullptr, 0, o);
        rt.display();
        // Alpha blending of the overlay colour over the fill.
        const sf::Color f = roomFill(room->kind), u = colours::kUncovered;
        const double al8 = u.a / 255.0;
        auto mix = [&](sf::Uint8 x, sf::Uint8 y) {
            return sf::Uint8(std::lround(x * (1 - al8) + y * al8));
        };
        const sf::Color expected(mix(f.r, u.r), mix(f.g, u.g), mix(f.b, u.b));
        CHECK(near(pixelAt(rt.getTexture().copyToImage(), cam.worldToPixel(c)), expected, 8));
    }
}

TEST_CASE("a truncated replay opens and renders its intact part", "[display]") {
    if (!displayOrSkip())
        return;
    namespace fs = std::filesystem;
    const std::string& full = viewer_test::tinyReplay();
    const std::string cut = full + ".cut.mrpl";
    fs::copy_file(full, cut, fs::copy_options::overwrite_existing);
    fs::resize_file(cut, fs::file_size(full) * 6 / 10);
    Diagnostics d;
    auto s = Session::open(cut, d);
    REQUIRE(s);
    ReplayReader whole;
    REQUIRE(whole.open(full, d));
    CHECK(s->times().size() > 0);
    CHECK(s->times().size() < whole.frameCount());
    CHECK(s->source().status().find("cut short") != std::string::npos);
    Renderer r;
    std::string err;
    r.loadFont(MUSTER_DEFAULT_FONT, err);
    r.setScene(s->scene());
    sf::RenderTexture rt;
    REQUIRE(rt.create(640, 400));
    RenderRequest req;
    const std::size_t drawn = renderImage(*s, r, req, -1, rt); // the last intact frame
    const Frame *a, *b;
    float al;
    REQUIRE(s->framesAt(s->duration(), a, b, al));
    CHECK(int(drawn) == countFrame(s->scene(), *a).inside);
    fs::remove(cut);
}

TEST_CASE("a missing font gives a clear message and no crash", "[display]") {
    if (!displayOrSkip())
        return;
    Renderer r;
    std::string err;
    CHECK_FALSE(r.loadFont("/nonexistent/font.ttc", err));
    CHECK(err.find("font not found: /nonexistent/font.ttc") != std::string::npos);
    CHECK(err.find("fonts-wqy-microhei") != std::string::npos);
    CHECK_FALSE(r.hasFont());
    Diagnostics d;
    auto s = Session::open(viewer_test::tinyReplay(), d);
    REQUIRE(s);
    r.setScene(s->scene());
    sf::RenderTexture rt;
    REQUIRE(rt.create(320, 200));
    RenderRequest req;
    CHECK_NOTHROW(renderImage(*s, r, req, 0, rt));

    SECTION("muster render says so and still writes the picture") {
        namespace fs = std::filesystem;
        RenderRequest rr;
        rr.input = viewer_test::tinyReplay();
        rr.font = "/nonexistent/font.ttc";
        rr.pngTimes = {0};
        rr.outDir =
            (fs::temp_directory_path() / ("muster-viewer-font-" + std::to_string(::getpid())))
                .string();
        rr.width = 320;
        rr.height = 200;
        std::ostringstream log;
        CHECK(runRender(rr, log) == 0);
        CHECK(log.str().find("font not found") != std::string::npos);
        CHECK(fs::exists(fs::path(rr.outDir) / "t00000.0.png"));
        fs::remove_all(rr.outDir);
    }
}
