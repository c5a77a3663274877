#pragma once
// The only place that knows pixels. World: metres, y up (the floor files' frame). Pixels: origin
// at the top-left of the viewport, y down.
#include <SFML/Graphics/Transform.hpp>

#include "muster/geometry.hpp"

namespace muster::viewer {

class Camera {
public:
    void setViewport(float widthPx, float heightPx);
    [[nodiscard]] float viewportWidth() const { return m_w; }
    [[nodiscard]] float viewportHeight() const { return m_h; }

    [[nodiscard]] Vec2 center() const { return m_center; }
    [[nodiscard]] double pixelsPerMetre() const { return m_scale; }
    void setCenter(Vec2 c) { m_center = c; }
    void setPixelsPerMetre(double s);

    [[nodiscard]] sf::Vector2f worldToPixel(Vec2 w) const;
    [[nodiscard]] Vec2 pixelToWorld(sf::Vector2f p) const;
    // Affine map world -> pixels, for drawing vertex arrays built in metres.
    [[nodiscard]] sf::Transform transform() const;

    // Zooms by `factor` (> 1 zooms in) keeping the world point under `pixel` fixed.
    void zoomAt(sf::Vector2f pixel, double factor);
    // Moves the view by a drag of `deltaPx` pixels (the map follows the mouse).
    void pan(sf::Vector2f deltaPx);
    // Fits the bounds into the viewport with `marginPx` free on every side. `insetLeftPx` etc.
    // keep room for panels drawn over the map.
    void fit(const Bounds& b, float marginPx = 24.0f, float insetLeftPx = 0.0f,
             float insetRightPx = 0.0f, float insetTopPx = 0.0f, float insetBottomPx = 0.0f);

    // Shows the world point `w` in the middle of the free area (the viewport less the panels'
    // insets), zooming in to at least `minPixelsPerMetre` (never out): what selecting an item in
    // a list does.
    void centreOn(Vec2 w, double minPixelsPerMetre = 0.0, float insetLeftPx = 0.0f,
                  float insetRightPx = 0.0f, float insetTopPx = 0.0f, float insetBottomPx = 0.0f);

    static constexpr double kMinScale = 0.2;   // px per metre: a 5 km site fits
    static constexpr double kMaxScale = 400.0; // px per metre: 2.5 mm per pixel

private:
    float m_w = 800, m_h = 600;
    Vec2 m_center{0, 0};
    double m_scale = 10.0;
};

} // namespace muster::viewer
