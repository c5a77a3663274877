#include "viewer/playback.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace muster::viewer {

void Playback::setDuration(double seconds) {
    m_duration = std::max(0.0, seconds);
    m_t = std::min(m_t, m_duration);
}

void Playback::togglePlay() {
    if (!m_playing && m_t >= m_duration && m_duration > 0)
        m_t = 0.0; // replay from the start
    m_playing = !m_playing;
}

void Playback::setSpeedIndex(int i) {
    m_speedIndex = std::clamp(i, 0, int(std::size(kSpeeds)) - 1);
}

void Playback::seek(double t) {
    m_t = std::clamp(t, 0.0, m_duration);
}

void Playback::step(int frames, double frameIntervalS) {
    m_playing = false;
    // Snap to the frame grid first so repeated steps land exactly on frames.
    const double k = std::round(m_t / frameIntervalS) + frames;
    seek(k * frameIntervalS);
}

void Playback::advance(double wallSeconds, bool durationFinal) {
    if (!m_playing)
        return;
    m_t += wallSeconds * speed();
    if (m_t >= m_duration) {
        m_t = m_duration;
        if (durationFinal)
            m_playing = false;
    }
}

FramePick pickFrame(const std::vector<double>& times, double t) {
    FramePick p;
    if (times.empty())
        return p;
    auto it = std::upper_bound(times.begin(), times.end(), t);
    if (it == times.begin())
        return p;
    p.index = static_cast<std::size_t>(it - times.begin()) - 1;
    if (p.index + 1 < times.size()) {
        const double span = times[p.index + 1] - times[p.index];
        if (span > 1e-9)
            p.alpha = static_cast<float>(std::clamp((t - times[p.index]) / span, 0.0, 1.0));
    }
    return p;
}

double timeToX(double t, double duration, float x0, float x1) {
    if (duration <= 0)
        return x0;
    return x0 + (x1 - x0) * std::clamp(t / duration, 0.0, 1.0);
}

double xToTime(float x, double duration, float x0, float x1) {
    if (x1 <= x0)
        return 0.0;
    return duration * std::clamp(double(x - x0) / double(x1 - x0), 0.0, 1.0);
}

bool isMarkerEvent(EventKind k) {
    switch (k) {
    case EventKind::Alarm:
    case EventKind::DoorClosed:
    case EventKind::ExitClosed:
    case EventKind::StairBlocked:
    case EventKind::RoomUntenable:
    case EventKind::CompartmentCleared:
    case EventKind::FloorCleared:
    case EventKind::LastPersonOut:
    case EventKind::FireStart:
        return true;
    default:
        return false;
    }
}

std::string describeEvent(const SimEvent& e) {
    std::string s = formatClock(e.t) + "  " + toString(e.kind);
    if (!e.subject.empty())
        s += " " + e.subject;
    if (!e.text.empty())
        s += ": " + e.text;
    return s;
}

std::string formatClock(double seconds) {
    char b[32];
    seconds = std::round(std::max(0.0, seconds) * 10.0) / 10.0; // so 59.99 shows 01:00.0
    const int whole = static_cast<int>(seconds);
    if (whole >= 3600)
        std::snprintf(b, sizeof b, "%d:%02d:%02d", whole / 3600, (whole / 60) % 60, whole % 60);
    else
        std::snprintf(b, sizeof b, "%02d:%04.1f", whole / 60, seconds - 60.0 * (whole / 60));
    return b;
}

} // namespace muster::viewer
