#include "viewer/session.hpp"

#include <algorithm>
#include <filesystem>

#include "muster/loader.hpp"

namespace muster::viewer {

namespace fs = std::filesystem;

Session::Session(std::unique_ptr<FrameSource> source, std::unique_ptr<Scene> scene)
    : m_source(std::move(source)), m_scene(std::move(scene)) {
    sync();
}

Session::~Session() {
    m_source.reset(); // stops a live run before the scene it reads goes away
}

std::unique_ptr<Session> Session::open(const std::string& path, Diagnostics& diags) {
    const std::string ext = fs::path(path).extension().string();
    if (ext == ".yaml" || ext == ".yml") {
        auto project = loadProject(path, diags);
        if (!project)
            return nullptr;
        auto src = std::make_unique<LiveSource>(*project);
        ReplayHeader h = src->header();
        auto scene = buildScene(std::move(*project), std::move(h), diags);
        auto s = std::make_unique<Session>(std::move(src), std::move(scene));
        s->m_live = true;
        return s;
    }
    auto src = std::make_unique<ReplaySource>();
    if (!src->open(path, diags))
        return nullptr;
    if (src->frameCount() == 0) {
        diags.error({path, 0, 0, ""}, "", "the replay has no intact frame to show");
        return nullptr;
    }
    auto project = loadEmbeddedProject(src->header(), diags);
    if (!project)
        return nullptr;
    auto scene = buildScene(std::move(*project), src->header(), diags);
    return std::make_unique<Session>(std::move(src), std::move(scene));
}

void Session::sync() {
    const std::size_t n = m_source->frameCount();
    while (m_times.size() < n)
        m_times.push_back(m_source->frameTime(m_times.size()));
}

double Session::frameInterval() const {
    return m_scene && m_scene->header.frameIntervalS > 0 ? m_scene->header.frameIntervalS : 0.1;
}

const Frame* Session::frame(std::size_t i) {
    ++m_tick;
    for (auto& c : m_cache)
        if (c.index == i) {
            c.used = m_tick;
            return c.frame.get();
        }
    auto f = std::make_unique<Frame>();
    if (!m_source->readFrame(i, *f))
        return nullptr;
    constexpr std::size_t kCap = 64;
    if (m_cache.size() >= kCap) {
        auto lru =
            std::min_element(m_cache.begin(), m_cache.end(),
                             [](const Cached& x, const Cached& y) { return x.used < y.used; });
        *lru = Cached{i, std::move(f), m_tick};
        return lru->frame.get();
    }
    m_cache.push_back({i, std::move(f), m_tick});
    return m_cache.back().frame.get();
}

bool Session::framesAt(double t, const Frame*& a, const Frame*& b, float& alpha) {
    if (m_times.empty())
        return false;
    const FramePick p = pickFrame(m_times, t);
    a = frame(p.index);
    // A damaged frame: fall back to the nearest earlier intact one.
    std::size_t i = p.index;
    while (!a && i > 0)
        a = frame(--i);
    if (!a)
        return false;
    b = nullptr;
    alpha = 0.0f;
    if (i == p.index && p.alpha > 0.0f && p.index + 1 < m_times.size()) {
        b = frame(p.index + 1);
        a = frame(p.index); // keep a alive in the cache after loading b
        alpha = b ? p.alpha : 0.0f;
    }
    return a != nullptr;
}

std::vector<const Frame*> Session::history(double t, double stepS, int count) {
    std::vector<const Frame*> out;
    std::size_t last = static_cast<std::size_t>(-1);
    for (int k = count - 1; k >= 0; --k) {
        const double tk = t - k * stepS;
        if (tk < 0)
            continue;
        const std::size_t i = pickFrame(m_times, tk).index;
        if (i == last)
            continue;
        last = i;
        if (const Frame* f = frame(i))
            out.push_back(f);
    }
    return out;
}

} // namespace muster::viewer
