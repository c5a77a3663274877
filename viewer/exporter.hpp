#pragma once
// Headless exports (PNG snapshots, video) and the drawing benchmark. They draw into an
// sf::RenderTexture, so they need an X server (run under `xvfb-run -a` on a headless machine) but
// no window.
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "muster/date.hpp"
#include "viewer/renderer.hpp"

namespace muster::viewer {

class Session;

struct RenderRequest {
    std::string input;              // replay (.mrpl) or scenario (.yaml, run live)
    std::vector<double> pngTimes;   // seconds; "end" is passed as a negative number
    std::string outDir = ".";       // where the PNGs go
    std::string video;              // out.mp4 ("" = no video)
    double fps = 25.0;              // video frames per second
    double speed = 8.0;             // seconds of drill per second of video
    double fromS = 0.0, toS = -1.0; // video time range (toS < 0: the end)
    unsigned width = 1600, height = 900;
    std::string floor; // floor id; "" or "all" = all floors side by side
    std::string font;  // "" = the bundled default
    HeatMode heat = HeatMode::Off;
    bool trails = false;
    ColourMode colour = ColourMode::State;
    Date today{2026, 11, 23};
    bool forcePngSequence = false; // ignore ffmpeg even when present
    bool coverage = false;         // shade class A areas no valid extinguisher reaches
};

// True when an X display is reachable (SFML needs one for OpenGL, even off screen).
bool haveDisplay(std::string& why);
// Full path of an executable on PATH, or "".
std::string findOnPath(const std::string& name);

// The argument vector ffmpeg is started with (no shell): raw RGBA frames on its stdin, H.264
// into exactly the file req.video names.
std::vector<std::string> ffmpegArguments(const std::string& ffmpeg, const RenderRequest& req);

// The camera exports use: the view fitted below the HUD and above the legend.
Camera exportCamera(const Renderer& renderer, int floor, unsigned width, unsigned height);

// Renders one image of `session` at time t (negative = the end) into `out`.
// Returns the number of people drawn.
std::size_t renderImage(Session& session, Renderer& renderer, const RenderRequest& req, double t,
                        sf::RenderTexture& rt);

// `muster render`: exit code 0 ok, 1 failure (messages on `log`).
int runRender(const RenderRequest& req, std::ostream& log);

struct BenchResult {
    std::size_t people = 0;
    double medianMs = 0, p95Ms = 0, fps = 0;
};
// Draws `frames` frames of `people` synthetic moving people on a synthetic 120 m x 70 m floor
// in a window of width x height and reports the median frame time (draw + display + glFinish).
BenchResult benchSynthetic(std::size_t people, int frames, unsigned width, unsigned height,
                           const std::string& font);

} // namespace muster::viewer
