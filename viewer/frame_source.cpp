#include "viewer/frame_source.hpp"

#include <cstdio>

#include "muster/simulation.hpp"

namespace muster::viewer {

bool ReplaySource::open(const std::string& path, Diagnostics& diags) {
    return m_reader.open(path, diags);
}

std::string ReplaySource::status() const {
    char b[256];
    std::snprintf(b, sizeof b, "replay, %zu frames%s", m_reader.frameCount(),
                  m_reader.complete() ? "" : " (file cut short: playing the intact part)");
    return b;
}

LiveSource::LiveSource(const Project& project, double keepEveryS)
    : LiveSource(prepareRun(project), keepEveryS) {}

LiveSource::LiveSource(RunSetup setup, double keepEveryS)
    : m_setup(std::move(setup)), m_keepEvery(keepEveryS) {
    m_sim = m_setup.makeSimulation();
    m_header = m_sim->replayHeader();
    m_frames.push_back(m_sim->frame());
    m_thread = std::thread([this] { run(); });
}

LiveSource::~LiveSource() {
    m_stop = true;
    if (m_thread.joinable())
        m_thread.join();
}

void LiveSource::run() {
    double next = m_keepEvery;
    while (!m_stop && !m_sim->finished()) {
        m_sim->step();
        auto ev = m_sim->takeEvents();
        const bool keep = m_sim->time() + 1e-9 >= next || m_sim->finished();
        Frame f;
        if (keep) {
            f = m_sim->frame();
            next += m_keepEvery;
        }
        std::lock_guard lock(m_mutex);
        for (auto& e : ev)
            m_events.push_back(std::move(e));
        if (keep)
            m_frames.push_back(std::move(f));
    }
    if (m_sim->finished()) {
        RunResults r = m_sim->results();
        std::lock_guard lock(m_mutex);
        m_results = std::move(r);
    }
    m_done = true;
}

void LiveSource::wait() {
    if (m_thread.joinable())
        m_thread.join();
}

std::optional<RunResults> LiveSource::results() const {
    std::lock_guard lock(m_mutex);
    return m_results;
}

std::size_t LiveSource::frameCount() const {
    std::lock_guard lock(m_mutex);
    return m_frames.size();
}

double LiveSource::frameTime(std::size_t i) const {
    std::lock_guard lock(m_mutex);
    return i < m_frames.size() ? m_frames[i].t : 0.0;
}

bool LiveSource::readFrame(std::size_t i, Frame& out) {
    std::lock_guard lock(m_mutex);
    if (i >= m_frames.size())
        return false;
    out = m_frames[i];
    return true;
}

std::vector<SimEvent> LiveSource::events() const {
    std::lock_guard lock(m_mutex);
    return m_events;
}

std::string LiveSource::status() const {
    char b[128];
    std::lock_guard lock(m_mutex);
    std::snprintf(b, sizeof b, m_done ? "live run finished at %.1f s" : "live run: computed %.1f s",
                  m_frames.empty() ? 0.0 : m_frames.back().t);
    return b;
}

} // namespace muster::viewer
