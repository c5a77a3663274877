#include <catch2/catch.hpp>

#include "viewer/camera.hpp"

using muster::Bounds;
using muster::Vec2;
using muster::viewer::Camera;

TEST_CASE("camera maths", "[viewer][camera]") {
    Camera cam;
    cam.setViewport(1280, 720);
    cam.setCenter({40, 9});
    cam.setPixelsPerMetre(17.5);

    SECTION("world -> pixel -> world is the identity") {
        for (Vec2 w : {Vec2{0, 0}, Vec2{80, 18}, Vec2{-12.5, 3.25}, Vec2{40, 9}}) {
            const Vec2 back = cam.pixelToWorld(cam.worldToPixel(w));
            CHECK(back.x == Approx(w.x).margin(1e-4));
            CHECK(back.y == Approx(w.y).margin(1e-4));
        }
    }
    SECTION("the centre maps to the middle of the viewport and y points up") {
        const auto p = cam.worldToPixel({40, 9});
        CHECK(p.x == Approx(640));
        CHECK(p.y == Approx(360));
        CHECK(cam.worldToPixel({40, 10}).y < p.y); // north is up on screen
    }
    SECTION("the transform agrees with worldToPixel") {
        const auto t = cam.transform().transformPoint({12.0f, 3.0f});
        const auto p = cam.worldToPixel({12, 3});
        CHECK(t.x == Approx(p.x));
        CHECK(t.y == Approx(p.y));
    }
    SECTION("zooming at the cursor keeps the point under the cursor") {
        const sf::Vector2f cursor{300, 200};
        const Vec2 before = cam.pixelToWorld(cursor);
        cam.zoomAt(cursor, 2.5);
        const Vec2 after = cam.pixelToWorld(cursor);
        CHECK(cam.pixelsPerMetre() == Approx(17.5 * 2.5));
        CHECK(after.x == Approx(before.x).margin(1e-6));
        CHECK(after.y == Approx(before.y).margin(1e-6));
        cam.zoomAt(cursor, 0.1);
        const Vec2 again = cam.pixelToWorld(cursor);
        CHECK(again.x == Approx(before.x).margin(1e-6));
    }
    SECTION("zoom is clamped") {
        cam.zoomAt({0, 0}, 1e9);
        CHECK(cam.pixelsPerMetre() == Approx(Camera::kMaxScale));
    }
    SECTION("panning moves the map with the mouse") {
        const Vec2 w{30, 5};
        const auto p0 = cam.worldToPixel(w);
        cam.pan({25, -10});
        const auto p1 = cam.worldToPixel(w);
        CHECK(p1.x == Approx(p0.x + 25));
        CHECK(p1.y == Approx(p0.y - 10));
    }
    SECTION("fit shows the whole bounds inside the free area") {
        Bounds b;
        b.add({0, 0});
        b.add({80, 18});
        cam.fit(b, 20, 300, 0, 90, 100);
        const auto lo = cam.worldToPixel({0, 0}), hi = cam.worldToPixel({80, 18});
        CHECK(lo.x >= 300 + 20 - 0.5f);
        CHECK(hi.x <= 1280 - 20 + 0.5f);
        CHECK(hi.y >= 90 + 20 - 0.5f);
        CHECK(lo.y <= 720 - 100 - 20 + 0.5f);
        // Tight on the limiting axis (width here).
        CHECK(hi.x - lo.x == Approx(1280 - 300 - 40).margin(1));
    }
}
