#pragma once
// An opened replay or scenario ready to draw: the frame source, the scene built from it, and a
// two-frame cache that serves "the frames around time t" for interpolated playback.
#include <memory>
#include <string>
#include <vector>

#include "muster/diagnostics.hpp"
#include "viewer/frame_source.hpp"
#include "viewer/playback.hpp"
#include "viewer/scene.hpp"

namespace muster::viewer {

class Session {
public:
    // A .mrpl replay, or a scenario .yaml run live. nullptr with diagnostics on failure.
    static std::unique_ptr<Session> open(const std::string& path, Diagnostics& diags);
    // For tests and benchmarks: an existing source and scene.
    Session(std::unique_ptr<FrameSource> source, std::unique_ptr<Scene> scene);
    ~Session();

    [[nodiscard]] FrameSource& source() { return *m_source; }
    [[nodiscard]] Scene& scene() { return *m_scene; }
    [[nodiscard]] bool live() const { return m_live; }
    // Picks up frames a live run produced since the last call.
    void sync();
    [[nodiscard]] double duration() const { return m_times.empty() ? 0.0 : m_times.back(); }
    [[nodiscard]] const std::vector<double>& times() const { return m_times; }
    [[nodiscard]] double frameInterval() const;

    // Frames around t: *a is the frame at or before t, *b the next (nullptr at the end),
    // alpha the blend. False when there are no readable frames.
    bool framesAt(double t, const Frame*& a, const Frame*& b, float& alpha);
    // The frames at t - k*stepS for k = count-1 .. 0 (oldest first), for trails.
    std::vector<const Frame*> history(double t, double stepS, int count);

private:
    const Frame* frame(std::size_t i);
    std::unique_ptr<FrameSource> m_source;
    std::unique_ptr<Scene> m_scene;
    std::vector<double> m_times;
    bool m_live = false;
    // Small cache keyed by frame index: the playback pair plus the trail window.
    struct Cached {
        std::size_t index;
        std::unique_ptr<Frame> frame;
        std::uint64_t used;
    };
    std::vector<Cached> m_cache;
    std::uint64_t m_tick = 0;
};

} // namespace muster::viewer
