// muster-viewer: the SFML front end. `view` opens a window; `render` exports PNGs and videos
// headless; `bench` measures drawing speed. `muster view|render` forward here.
#include <CLI/CLI.hpp>

#include <chrono>
#include <ctime>
#include <iostream>
#include <sstream>

#include "viewer/app.hpp"
#include "viewer/exporter.hpp"

namespace {

// main is the only place that reads the clock: the library always gets "today" as an input
// (as the `muster` CLI does for `check` and `inspect record`).
muster::Date systemToday() {
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    localtime_r(&t, &tm);
    return muster::Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

std::optional<muster::Date> parseToday(const std::string& s) {
    if (s.empty())
        return systemToday();
    return muster::parseDate(s);
}

} // namespace

int main(int argc, char** argv) {
    using namespace muster::viewer;
    CLI::App app{"Muster viewer: floor plans, evacuation replays and live runs", "muster-viewer"};
    app.require_subcommand(1);
    app.fallthrough(); // the common options (--font, --date) may also follow the subcommand
    app.footer("Examples:\n"
               "  muster-viewer view out/wt/run.mrpl\n"
               "  muster-viewer view out/wt/run.mrpl --log logs/2026.csv --floor WT-3F --coverage\n"
               "  muster-viewer view scenarios/hospital/ward_tower_day.yaml     (runs it live)\n"
               "  muster-viewer render out/wt/run.mrpl --png 0,60,end --out shots/\n"
               "  muster-viewer render out/wt/run.mrpl --video drill.mp4 --speed 8 --floor WT-3F\n"
               "  xvfb-run -a muster-viewer render out/wt/run.mrpl --png 30   (headless machines)\n"
               "  muster-viewer bench --synthetic 5000,20000\n"
               "The same commands are available as `muster view` and `muster render`.");

    std::string font, today;
    app.add_option("--font", font,
                   "Font file with Chinese glyphs (default: " MUSTER_DEFAULT_FONT ")");
    app.add_option(
        "--date,--today", today,
        "Today, YYYY-MM-DD: equipment status, the checklist's month and the date of recorded "
        "inspections (default: the system date)");

    // view
    ViewRequest vr;
    auto* view = app.add_subcommand(
        "view", "Open a replay (.mrpl) or run a scenario (.yaml) live in a window");
    view->add_option("FILE", vr.input, "Replay or scenario")->required()->check(CLI::ExistingFile);
    view->add_option("--floor", vr.floor,
                     "Floor id to show first (default: the one with most people)");
    view->add_option("--size", vr.size, "Window size WxH")->default_val("1600x900");
    view->add_option("--at", vr.seekS, "Start at this time, s since ignition (the report's clock)");
    view->add_option("--heat", vr.heat, "Density heat map: off, live, peak");
    view->add_option("--screenshot", vr.screenshot,
                     "Save the window to this PNG after 20 frames and quit");
    view->add_option(
        "--log", vr.logPath,
        "Inspection log (CSV) the checklist panel records into; it must exist unless --create. "
        "Failed checks open hazards in hazards.csv next to it. Without it the panel is read-only");
    view->add_flag("--create", vr.createLog,
                   "Start a new inspection log (and hazard register) if the file does not exist");
    view->add_option(
        "--item", vr.item,
        "Checklist item to select at start (its floor is shown), e.g. EXT-WT3-001; as the "
        "checklist panel's scan field, a label's scanned payload is accepted");
    view->add_flag("--coverage", vr.coverage,
                   "Start with the coverage overlay on (uncovered class A areas)");
    view->footer(
        "\nExamples:\n  muster-viewer view out/wt/run.mrpl --floor WT-3F\n"
        "  muster-viewer view out/wt/run.mrpl --log logs/2026.csv --date 2026-12-03 --item EXT-WT3-001\n");

    // render
    RenderRequest rr;
    std::string pngList, size = "1600x900", heat = "off", colour = "state";
    auto* render =
        app.add_subcommand("render", "Export PNG snapshots or a video of a replay, headless");
    render->add_option("REPLAY", rr.input, "Replay (.mrpl) or scenario (.yaml, simulated first)")
        ->required()
        ->check(CLI::ExistingFile);
    render->add_option("--png", pngList, "Comma-separated times in seconds, or 'end': 0,60,end");
    render->add_option("--out", rr.outDir, "Folder for the PNGs")->default_val(".");
    render->add_option("--video", rr.video,
                       "Video file (.mp4 through ffmpeg; PNG sequence without it)");
    render->add_option("--fps", rr.fps, "Video frames per second")->default_val(25);
    render->add_option("--speed", rr.speed, "Seconds of drill per second of video")->default_val(8);
    render->add_option("--from", rr.fromS, "Video starts at this time, s since ignition")
        ->default_val(0);
    render->add_option("--to", rr.toS,
                       "Video ends at this time, s since ignition (default: the end)");
    render->add_option("--size", size, "Image size WxH")->default_val("1600x900");
    render->add_option("--floor", rr.floor, "Floor id, or 'all' for every floor side by side")
        ->default_val("all");
    render->add_option("--heat", heat, "Density heat map: off, live, peak")->default_val("off");
    render->add_option("--colour", colour, "Colour people by: state, profile")
        ->default_val("state");
    render->add_flag("--trails", rr.trails, "Draw the last 20 s of everyone's path");
    render->add_flag("--png-sequence", rr.forcePngSequence,
                     "Write PNG frames even if ffmpeg is installed");
    render->add_flag("--coverage", rr.coverage,
                     "Shade class A areas no valid extinguisher reaches");
    render->footer(
        "\nExamples:\n  muster-viewer render out/wt/run.mrpl --png 0,60,end --out shots/\n"
        "  xvfb-run -a muster-viewer render out/wt/run.mrpl --video drill.mp4 --floor WT-1F --heat live\n");

    // bench
    std::string synthetic = "5000,20000", benchSize = "1600x900";
    int benchFrames = 200;
    auto* bench =
        app.add_subcommand("bench", "Measure drawing speed (frames/s) with synthetic crowds");
    bench->add_option("--synthetic", synthetic, "Comma-separated crowd sizes")
        ->default_val("5000,20000");
    bench->add_option("--frames", benchFrames, "Frames per size (median reported)")
        ->default_val(200);
    bench->add_option("--size", benchSize, "Window size WxH")->default_val("1600x900");
    bench->footer(
        "\nExample:\n  xvfb-run -a -s '-screen 0 1920x1080x24' muster-viewer bench --synthetic 5000,20000\n");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 2;
    }
    auto parseSize = [](const std::string& s, unsigned& w, unsigned& h) {
        return std::sscanf(s.c_str(), "%ux%u", &w, &h) == 2 && w >= 64 && h >= 64 && w <= 8192 &&
               h <= 8192;
    };
    auto d = parseToday(today);
    if (!d) {
        std::cerr << "error: --date expects YYYY-MM-DD, got '" << today << "'\n";
        return 2;
    }

    if (view->parsed()) {
        vr.font = font;
        vr.today = *d;
        unsigned w, h;
        if (!parseSize(vr.size, w, h)) {
            std::cerr << "error: --size expects WxH, e.g. 1600x900\n";
            return 2;
        }
        vr.width = w;
        vr.height = h;
        return runViewer(vr);
    }
    if (render->parsed()) {
        rr.font = font;
        rr.today = *d;
        if (!parseSize(size, rr.width, rr.height)) {
            std::cerr << "error: --size expects WxH, e.g. 1600x900\n";
            return 2;
        }
        if (heat == "live")
            rr.heat = HeatMode::Live;
        else if (heat == "peak")
            rr.heat = HeatMode::Peak;
        else if (heat != "off") {
            std::cerr << "error: --heat expects off, live or peak\n";
            return 2;
        }
        if (colour == "profile")
            rr.colour = ColourMode::Profile;
        else if (colour != "state") {
            std::cerr << "error: --colour expects state or profile\n";
            return 2;
        }
        std::stringstream ss(pngList);
        std::string item;
        while (std::getline(ss, item, ',')) {
            if (item.empty())
                continue;
            if (item == "end") {
                rr.pngTimes.push_back(-1);
                continue;
            }
            try {
                std::size_t used = 0;
                const double t = std::stod(item, &used);
                if (used != item.size() || t < 0)
                    throw std::invalid_argument(item);
                rr.pngTimes.push_back(t);
            } catch (const std::exception&) {
                std::cerr << "error: --png expects times in seconds or 'end', got '" << item
                          << "'\n";
                return 2;
            }
        }
        if (rr.pngTimes.empty() && rr.video.empty()) {
            std::cerr << "error: nothing to render: give --png TIMES and/or --video FILE\n";
            return 2;
        }
        return runRender(rr, std::cerr);
    }
    if (bench->parsed()) {
        std::string why;
        if (!haveDisplay(why)) {
            std::cerr << "error: " << why << '\n';
            return 1;
        }
        unsigned w, h;
        if (!parseSize(benchSize, w, h)) {
            std::cerr << "error: --size expects WxH\n";
            return 2;
        }
        std::stringstream ss(synthetic);
        std::string item;
        while (std::getline(ss, item, ',')) {
            const auto n = std::stoul(item);
            const BenchResult r = benchSynthetic(n, benchFrames, w, h, font);
            std::printf("%6zu people  %ux%u  median %6.2f ms  p95 %6.2f ms  %6.1f frames/s\n",
                        r.people, w, h, r.medianMs, r.p95Ms, r.fps);
            std::fflush(stdout);
        }
        return 0;
    }
    return 2;
}
