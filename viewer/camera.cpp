#include "viewer/camera.hpp"

#include <algorithm>

namespace muster::viewer {

void Camera::setViewport(float widthPx, float heightPx) {
    m_w = std::max(1.0f, widthPx);
    m_h = std::max(1.0f, heightPx);
}

void Camera::setPixelsPerMetre(double s) {
    m_scale = std::clamp(s, kMinScale, kMaxScale);
}

sf::Vector2f Camera::worldToPixel(Vec2 w) const {
    return {static_cast<float>((w.x - m_center.x) * m_scale + m_w * 0.5),
            static_cast<float>(-(w.y - m_center.y) * m_scale + m_h * 0.5)};
}

Vec2 Camera::pixelToWorld(sf::Vector2f p) const {
    return {m_center.x + (p.x - m_w * 0.5) / m_scale, m_center.y - (p.y - m_h * 0.5) / m_scale};
}

sf::Transform Camera::transform() const {
    const auto s = static_cast<float>(m_scale);
    const auto tx = static_cast<float>(-m_center.x * m_scale + m_w * 0.5);
    const auto ty = static_cast<float>(m_center.y * m_scale + m_h * 0.5);
    return sf::Transform(s, 0, tx, 0, -s, ty, 0, 0, 1);
}

void Camera::zoomAt(sf::Vector2f pixel, double factor) {
    const Vec2 before = pixelToWorld(pixel);
    setPixelsPerMetre(m_scale * factor);
    const Vec2 after = pixelToWorld(pixel);
    m_center = m_center + (before - after);
}

void Camera::pan(sf::Vector2f deltaPx) {
    m_center.x -= deltaPx.x / m_scale;
    m_center.y += deltaPx.y / m_scale;
}

void Camera::fit(const Bounds& b, float marginPx, float insetLeftPx, float insetRightPx,
                 float insetTopPx, float insetBottomPx) {
    if (!b.valid())
        return;
    const double availW = std::max(10.0, double(m_w) - insetLeftPx - insetRightPx - 2.0 * marginPx);
    const double availH = std::max(10.0, double(m_h) - insetTopPx - insetBottomPx - 2.0 * marginPx);
    const double bw = std::max(1.0, b.max.x - b.min.x);
    const double bh = std::max(1.0, b.max.y - b.min.y);
    setPixelsPerMetre(std::min(availW / bw, availH / bh));
    // Centre of the free area, in pixels, must show the centre of the bounds.
    const double cxPx = insetLeftPx + (double(m_w) - insetLeftPx - insetRightPx) * 0.5;
    const double cyPx = insetTopPx + (double(m_h) - insetTopPx - insetBottomPx) * 0.5;
    const Vec2 mid{(b.min.x + b.max.x) * 0.5, (b.min.y + b.max.y) * 0.5};
    m_center = {mid.x - (cxPx - m_w * 0.5) / m_scale, mid.y + (cyPx - m_h * 0.5) / m_scale};
}

void Camera::centreOn(Vec2 w, double minPixelsPerMetre, float insetLeftPx, float insetRightPx,
                      float insetTopPx, float insetBottomPx) {
    setPixelsPerMetre(std::max(m_scale, minPixelsPerMetre));
    const double cxPx = insetLeftPx + (double(m_w) - insetLeftPx - insetRightPx) * 0.5;
    const double cyPx = insetTopPx + (double(m_h) - insetTopPx - insetBottomPx) * 0.5;
    m_center = {w.x - (cxPx - m_w * 0.5) / m_scale, w.y + (cyPx - m_h * 0.5) / m_scale};
}

} // namespace muster::viewer
