#pragma once
// Playback state and the timeline's maths: no window, no clock of its own (the caller passes
// elapsed wall time), so it is testable.
#include <cstddef>
#include <string>
#include <vector>

#include "muster/frame.hpp"

namespace muster::viewer {

inline constexpr double kSpeeds[] = {0.25, 0.5, 1, 2, 4, 8, 16, 32, 64};

class Playback {
public:
    void setDuration(double seconds); // grows during a live run
    [[nodiscard]] double duration() const { return m_duration; }
    [[nodiscard]] double time() const { return m_t; }
    [[nodiscard]] bool playing() const { return m_playing; }
    [[nodiscard]] double speed() const { return kSpeeds[m_speedIndex]; }
    [[nodiscard]] int speedIndex() const { return m_speedIndex; }

    void play() { m_playing = true; }
    void pause() { m_playing = false; }
    void togglePlay();
    void setSpeedIndex(int i);
    void faster() { setSpeedIndex(m_speedIndex + 1); }
    void slower() { setSpeedIndex(m_speedIndex - 1); }
    // Clamped to [0, duration].
    void seek(double t);
    // Steps by whole recorded frames (`frameIntervalS` apart) and pauses.
    void step(int frames, double frameIntervalS);
    // Advances by wall time x speed when playing; pauses at the end of a finished run (a live
    // run that is still computing just waits at its end).
    void advance(double wallSeconds, bool durationFinal = true);

private:
    double m_t = 0.0;
    double m_duration = 0.0;
    bool m_playing = false;
    int m_speedIndex = 2; // 1x
};

// Frame i and the blend towards frame i + 1 that show time t, for frames at `times` (sorted).
struct FramePick {
    std::size_t index = 0;
    float alpha = 0.0f; // 0: frame index exactly; 1: the next one
};
FramePick pickFrame(const std::vector<double>& times, double t);

// Timeline slider maths: time <-> x in [x0, x1].
double timeToX(double t, double duration, float x0, float x1);
double xToTime(float x, double duration, float x0, float x1);

// The events worth a marker on the timeline (alarm, doors closed, compartments and floors
// cleared, last person out, fire); others (notes, doors reopened) stay in the event list.
bool isMarkerEvent(EventKind k);
std::string describeEvent(const SimEvent& e);
// "mm:ss.s" (or "h:mm:ss" from an hour).
std::string formatClock(double seconds);

} // namespace muster::viewer
