#include "viewer/exporter.hpp"

#include <SFML/OpenGL.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <ostream>
#include <random>
#include <unistd.h>

#include "muster/safe_write.hpp"
#include "viewer/child_process.hpp"
#include "viewer/session.hpp"

namespace muster::viewer {

namespace fs = std::filesystem;

bool haveDisplay(std::string& why) {
    const char* d = std::getenv("DISPLAY");
    if (!d || !*d) {
        why = "no X display (DISPLAY is not set): SFML needs one for OpenGL even when drawing "
              "off screen; run under a virtual display, e.g. `xvfb-run -a muster render ...`";
        return false;
    }
    return true;
}

std::string findOnPath(const std::string& name) {
    const char* path = std::getenv("PATH");
    if (!path)
        return "";
    std::string p = path;
    std::size_t start = 0;
    while (start <= p.size()) {
        std::size_t end = p.find(':', start);
        if (end == std::string::npos)
            end = p.size();
        const fs::path cand = fs::path(p.substr(start, end - start)) / name;
        if (::access(cand.c_str(), X_OK) == 0)
            return cand.string();
        start = end + 1;
    }
    return "";
}

std::vector<std::string> ffmpegArguments(const std::string& ffmpeg, const RenderRequest& req) {
    char fps[32];
    std::snprintf(fps, sizeof fps, "%g", req.fps);
    // "file:" makes ffmpeg take the rest as a plain file name: no protocol ("http:", ...),
    // no option ("-..."); the container is still chosen by the extension.
    return {ffmpeg,
            "-loglevel",
            "error",
            "-y",
            "-f",
            "rawvideo",
            "-pix_fmt",
            "rgba",
            "-s",
            std::to_string(req.width) + "x" + std::to_string(req.height),
            "-r",
            fps,
            "-i",
            "-",
            "-c:v",
            "libx264",
            "-preset",
            "veryfast",
            "-crf",
            "23",
            "-pix_fmt",
            "yuv420p",
            "-movflags",
            "+faststart",
            "file:" + req.video};
}

namespace {

int floorFromRequest(const Scene& scene, const std::string& id, std::ostream& log, bool& ok) {
    ok = true;
    if (id.empty() || id == "all")
        return -1;
    const int i = scene.floorIndex(id);
    if (i < 0) {
        log << "error: no floor '" << id << "' in this run; floors:";
        for (const auto& f : scene.floors)
            if (f.floor)
                log << ' ' << f.floor->id;
        log << '\n';
        ok = false;
    }
    return i;
}

ViewOptions optionsFor(const RenderRequest& req, int floor) {
    ViewOptions o;
    o.floor = floor;
    o.colour = req.colour;
    o.heat = req.heat;
    o.trails = req.trails;
    o.today = req.today;
    o.coverage = req.coverage;
    return o;
}

} // namespace

Camera exportCamera(const Renderer& renderer, int floor, unsigned width, unsigned height) {
    Camera cam;
    cam.setViewport(float(width), float(height));
    cam.fit(renderer.viewBounds(floor), 20.0f, 0.0f, 0.0f, 96.0f, 40.0f);
    return cam;
}

std::size_t renderImage(Session& session, Renderer& renderer, const RenderRequest& req, double t,
                        sf::RenderTexture& rt) {
    bool ok = true;
    std::ostream null(nullptr);
    const int floor = floorFromRequest(session.scene(), req.floor, null, ok);
    if (t < 0)
        t = session.duration();
    const Camera cam = exportCamera(renderer, floor, rt.getSize().x, rt.getSize().y);
    const Frame *a = nullptr, *b = nullptr;
    float alpha = 0;
    if (!session.framesAt(t, a, b, alpha))
        return 0;
    ViewOptions o = optionsFor(req, floor);
    std::vector<const Frame*> hist;
    if (req.trails)
        hist = session.history(t, 1.0, 20);
    const DrawStats st = renderer.draw(rt, cam, *a, b, alpha, o, req.trails ? &hist : nullptr);
    rt.display();
    return st.peopleDrawn;
}

int runRender(const RenderRequest& req, std::ostream& log) {
    std::string why;
    if (!haveDisplay(why)) {
        log << "error: " << why << '\n';
        return 1;
    }
    Diagnostics diags;
    auto session = Session::open(req.input, diags);
    for (const auto& d : diags.all())
        log << formatDiagnostic(d) << '\n';
    if (!session)
        return 1;
    if (session->live()) {
        // Exports need the whole run: wait for the live simulation to finish.
        log << "running " << req.input << " to the end before rendering...\n";
        while (!session->source().finished())
            ::usleep(50000);
        session->sync();
    }
    bool ok = true;
    floorFromRequest(session->scene(), req.floor, log, ok);
    if (!ok)
        return 1;

    Renderer renderer;
    std::string fontError;
    if (!renderer.loadFont(req.font.empty() ? MUSTER_DEFAULT_FONT : req.font, fontError))
        log << "warning: " << fontError << '\n';
    renderer.setScene(session->scene());
    sf::RenderTexture rt;
    if (!rt.create(req.width, req.height)) {
        log << "error: cannot create a " << req.width << "x" << req.height
            << " off-screen image (OpenGL)\n";
        return 1;
    }
    std::error_code ec;
    if (!req.pngTimes.empty()) {
        fs::create_directories(req.outDir, ec);
        for (double t : req.pngTimes) {
            const double tt = t < 0 ? session->duration() : std::min(t, session->duration());
            if (req.heat == HeatMode::Peak) {
                renderer.resetPeak();
                for (double s = 0; s <= tt; s += 1.0) {
                    const Frame *a, *b;
                    float al;
                    if (session->framesAt(s, a, b, al))
                        renderer.accumulatePeakFrom(*a);
                }
            }
            const std::size_t n = renderImage(*session, renderer, req, tt, rt);
            char name[64];
            std::snprintf(name, sizeof name, "t%07.1f.png", tt);
            const fs::path out = fs::path(req.outDir) / name;
            std::string err; // an atomic write (muster/safe_write.hpp), a link replaced
            if (!writeFileVia(
                    out.string(), WriteOptions{LinkPolicy::ReplaceLink, false},
                    [&](const std::string& tmp) {
                        return rt.getTexture().copyToImage().saveToFile(tmp);
                    },
                    err)) {
                log << "error: cannot write " << out.string() << ": " << err << '\n';
                return 1;
            }
            log << out.string() << "  (t = " << formatClock(tt) << ", " << n << " people drawn)\n";
        }
    }
    if (!req.video.empty()) {
        const double from = std::clamp(req.fromS, 0.0, session->duration());
        const double to =
            req.toS < 0 ? session->duration() : std::clamp(req.toS, from, session->duration());
        const double duration = to - from;
        const int frames = std::max(1, int(std::ceil(duration / req.speed * req.fps)) + 1);
        const std::string ffmpeg = req.forcePngSequence ? "" : findOnPath("ffmpeg");
        PipedChild encoder;
        fs::path seqDir;
        if (!ffmpeg.empty()) {
            fs::create_directories(
                fs::path(req.video).parent_path().empty() ? "." : fs::path(req.video).parent_path(),
                ec);
            std::string failure;
            if (!encoder.start(ffmpegArguments(ffmpeg, req), failure)) {
                log << "error: " << failure << '\n';
                return 1;
            }
        } else {
            seqDir = fs::path(req.video).replace_extension("").string() + "_frames";
            fs::create_directories(seqDir, ec);
            log << "ffmpeg not found on PATH: writing a PNG sequence to " << seqDir.string()
                << " (make a video later with: ffmpeg -framerate " << req.fps << " -i "
                << (seqDir / "frame_%05d.png").string() << " out.mp4)\n";
        }
        const auto t0 = std::chrono::steady_clock::now();
        renderer.resetPeak();
        double peakUpTo = -1.0;
        for (int k = 0; k < frames; ++k) {
            const double t = std::min(to, from + k * req.speed / req.fps);
            if (req.heat == HeatMode::Peak) {
                for (double s = peakUpTo + 1.0; s <= t; s += 1.0) {
                    const Frame *a, *b;
                    float al;
                    if (session->framesAt(s, a, b, al))
                        renderer.accumulatePeakFrom(*a);
                    peakUpTo = s;
                }
            }
            renderImage(*session, renderer, req, t, rt);
            const sf::Image img = rt.getTexture().copyToImage();
            if (encoder.running()) {
                const std::size_t bytes = std::size_t(req.width) * req.height * 4;
                if (!encoder.write(img.getPixelsPtr(), bytes)) {
                    std::string how;
                    encoder.finish(how);
                    log << "error: ffmpeg stopped accepting frames"
                        << (how.empty() ? "" : " (" + how + ")") << '\n';
                    return 1;
                }
            } else {
                char name[32];
                std::snprintf(name, sizeof name, "frame_%05d.png", k + 1);
                std::string err;
                if (!writeFileVia(
                        (seqDir / name).string(), WriteOptions{LinkPolicy::ReplaceLink, false},
                        [&](const std::string& tmp) { return img.saveToFile(tmp); }, err)) {
                    log << "error: cannot write " << (seqDir / name).string() << '\n';
                    return 1;
                }
            }
        }
        const bool video = encoder.running();
        if (std::string how; video && !encoder.finish(how)) {
            log << "error: ffmpeg failed writing " << req.video << " (" << how << ")\n";
            return 1;
        }
        const double secs =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        char line[256];
        std::snprintf(
            line, sizeof line, "%s: %d frames (%.1f s of drill at %gx, %g fps) in %.1f s\n",
            video ? req.video.c_str() : seqDir.c_str(), frames, duration, req.speed, req.fps, secs);
        log << line;
    }
    return 0;
}

namespace {

// A synthetic floor: 120 m x 70 m, rooms 10 m x 10 m off 3 m corridors.
std::unique_ptr<Scene> syntheticScene(std::size_t people) {
    Project p;
    p.scenario.name = "Synthetic benchmark floor";
    Building b;
    b.id = "SYN";
    b.name = "Synthetic";
    Floor f;
    f.id = "SYN-1F";
    f.name = "Benchmark floor 基准";
    f.building = "SYN";
    f.outline = {{0, 0}, {120, 0}, {120, 70}, {0, 70}};
    int n = 0;
    for (int row = 0; row < 5; ++row)
        for (int col = 0; col < 11; ++col) {
            Room r;
            r.id = "R" + std::to_string(++n);
            r.name = "病房 Ward " + std::to_string(n);
            r.kind = (row + col) % 3 == 0 ? RoomKind::Office : RoomKind::Ward;
            const double x = 1 + col * 10.8, y = 1 + row * 13.8;
            r.polygon = {{x, y}, {x + 10, y}, {x + 10, y + 10}, {x, y + 10}};
            f.rooms.push_back(r);
            Wall w;
            w.points = {{x, y + 10}, {x + 10, y + 10}};
            f.walls.push_back(w);
        }
    b.floors.push_back(f);
    p.buildings.push_back(b);
    ReplayHeader h;
    h.floors.push_back({"SYN-1F", f.name, "SYN"});
    h.agents.resize(people);
    for (std::size_t i = 0; i < people; ++i) {
        h.agents[i].id = std::uint32_t(i);
        h.agents[i].profile = i % 10 == 0 ? "staff" : "visitor";
    }
    Diagnostics d;
    return buildScene(std::move(p), std::move(h), d);
}

} // namespace

BenchResult benchSynthetic(std::size_t people, int frames, unsigned width, unsigned height,
                           const std::string& font) {
    BenchResult r;
    r.people = people;
    auto scene = syntheticScene(people);
    sf::RenderWindow win(sf::VideoMode(width, height), "muster-viewer bench", sf::Style::Titlebar);
    win.setVerticalSyncEnabled(false);
    win.setFramerateLimit(0);
    Renderer renderer;
    std::string err;
    renderer.loadFont(font.empty() ? MUSTER_DEFAULT_FONT : font, err);
    renderer.setScene(*scene);
    Camera cam;
    cam.setViewport(float(width), float(height));
    cam.fit(renderer.viewBounds(0), 20, 0, 0, 96, 40);
    std::mt19937 rng(1);
    std::uniform_real_distribution<float> ux(1, 119), uy(1, 69), ua(0, 6.2831853f);
    Frame fr;
    fr.agents.resize(people);
    std::vector<float> phase(people);
    for (std::size_t i = 0; i < people; ++i) {
        fr.agents[i] = AgentSample{ux(rng), uy(rng), 0, 1.2f, 0, AgentState::Moving, 0};
        fr.agents[i].state = AgentState(i % 4 == 3 ? 2 : i % 4); // waiting/moving/queuing/helped
        phase[i] = ua(rng);
    }
    ViewOptions o;
    o.floor = 0;
    std::vector<double> ms;
    for (int k = 0; k < frames + 10; ++k) {
        sf::Event e;
        while (win.pollEvent(e)) {
        }
        const auto t0 = std::chrono::steady_clock::now();
        fr.t = k * 0.1;
        for (std::size_t i = 0; i < people; ++i) { // everyone walks a small circle
            const float a = phase[i] + float(k) * 0.05f;
            fr.agents[i].x += 0.05f * std::cos(a);
            fr.agents[i].y += 0.05f * std::sin(a);
            fr.agents[i].heading = a + 1.5708f;
        }
        renderer.draw(win, cam, fr, nullptr, 0, o);
        win.display();
        glFinish();
        const double dt =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count();
        if (k >= 10)
            ms.push_back(dt); // skip warm-up
    }
    std::sort(ms.begin(), ms.end());
    r.medianMs = ms[ms.size() / 2];
    r.p95Ms = ms[std::min(ms.size() - 1, ms.size() * 95 / 100)];
    r.fps = 1000.0 / r.medianMs;
    return r;
}

} // namespace muster::viewer
