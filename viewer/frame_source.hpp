#pragma once
// Where frames come from: a replay file, or a scenario simulated live on a worker thread. Both
// give the same Frame, so the layers cannot tell them apart.
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "muster/diagnostics.hpp"
#include "muster/replay.hpp"
#include "muster/results.hpp"
#include "muster/run_setup.hpp"
#include "muster/scenario.hpp"

namespace muster::viewer {

class FrameSource {
public:
    virtual ~FrameSource() = default;
    [[nodiscard]] virtual const ReplayHeader& header() const = 0;
    [[nodiscard]] virtual std::size_t frameCount() const = 0;
    [[nodiscard]] virtual double frameTime(std::size_t i) const = 0;
    virtual bool readFrame(std::size_t i, Frame& out) = 0;
    [[nodiscard]] virtual std::vector<SimEvent> events() const = 0;
    // True when no more frames will come (replays always; live runs when the run ended).
    [[nodiscard]] virtual bool finished() const = 0;
    // One line for the status bar ("replay, 3,021 frames", "live: computing 123.4 s").
    [[nodiscard]] virtual std::string status() const = 0;
};

class ReplaySource final : public FrameSource {
public:
    // False (diagnostics) if the file is not a readable replay. A truncated replay opens with a
    // warning and plays its intact frames.
    bool open(const std::string& path, Diagnostics& diags);
    [[nodiscard]] const ReplayHeader& header() const override { return m_reader.header(); }
    [[nodiscard]] std::size_t frameCount() const override { return m_reader.frameCount(); }
    [[nodiscard]] double frameTime(std::size_t i) const override { return m_reader.frameTime(i); }
    bool readFrame(std::size_t i, Frame& out) override { return m_reader.readFrame(i, out); }
    [[nodiscard]] std::vector<SimEvent> events() const override { return m_reader.events(); }
    [[nodiscard]] bool finished() const override { return true; }
    [[nodiscard]] std::string status() const override;
    [[nodiscard]] ReplayReader& reader() { return m_reader; }

private:
    ReplayReader m_reader;
};

// Runs a Simulation on a worker thread as fast as it goes and keeps a frame every
// `keepEveryS` seconds of simulated time for playback and scrubbing. The simulation comes from
// the run set-up (run_setup.hpp), so a scenario with a drill runs exactly as `muster run` runs
// it: the drill's shift, staffing, smoke, strategy and events.
class LiveSource final : public FrameSource {
public:
    // `project` as loaded: prepareRun(project) with the scenario's seed.
    explicit LiveSource(const Project& project, double keepEveryS = 0.2);
    explicit LiveSource(RunSetup setup, double keepEveryS = 0.2);
    ~LiveSource() override;
    [[nodiscard]] const ReplayHeader& header() const override { return m_header; }
    [[nodiscard]] std::size_t frameCount() const override;
    [[nodiscard]] double frameTime(std::size_t i) const override;
    bool readFrame(std::size_t i, Frame& out) override;
    [[nodiscard]] std::vector<SimEvent> events() const override;
    [[nodiscard]] bool finished() const override { return m_done; }
    [[nodiscard]] std::string status() const override;
    // Blocks until the run has ended (headless use and tests).
    void wait();
    // The run's results (as `muster run` writes them to summary.json) once it has ended;
    // nullopt while it runs.
    [[nodiscard]] std::optional<RunResults> results() const;

private:
    void run();
    RunSetup m_setup; // owns the Project m_sim refers to: declared first, destroyed last
    std::unique_ptr<Simulation> m_sim;
    ReplayHeader m_header;
    double m_keepEvery;
    mutable std::mutex m_mutex;
    std::vector<Frame> m_frames;
    std::vector<SimEvent> m_events;
    std::optional<RunResults> m_results;
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_done{false};
    std::thread m_thread;
};

} // namespace muster::viewer
