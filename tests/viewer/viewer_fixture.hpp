#pragma once
// Shared by the viewer tests: the tiny clinic project, and a replay of it written once per
// test run into a temporary folder.
#include <filesystem>
#include <string>
#include <unistd.h>

#include "muster/loader.hpp"
#include "muster/replay.hpp"
#include "muster/simulation.hpp"

namespace viewer_test {

inline std::string tinyScenario() {
    return MUSTER_SOURCE_DIR "/tests/data/good/tiny/scenario.yaml";
}

// Runs the tiny clinic to the end and writes its replay (once); returns the path.
inline const std::string& tinyReplay() {
    static const std::string path = [] {
        namespace fs = std::filesystem;
        const fs::path dir =
            fs::temp_directory_path() / ("muster-viewer-tests-" + std::to_string(::getpid()));
        fs::create_directories(dir);
        static const struct Cleanup { // removes the folder when the test process exits
            fs::path d;
            ~Cleanup() {
                std::error_code ec;
                fs::remove_all(d, ec);
            }
        } cleanup{dir};
        const std::string out = (dir / "tiny.mrpl").string();
        muster::Diagnostics d;
        auto p = muster::loadProject(tinyScenario(), d);
        if (!p)
            return std::string();
        muster::SimOptions opt;
        opt.seed = p->scenario.seed;
        opt.maxTimeS = p->scenario.maxTimeS;
        muster::Simulation sim(*p, opt);
        muster::ReplayWriter w;
        if (!w.open(out, sim.replayHeader(), d))
            return std::string();
        sim.run([&](const muster::Simulation& s) {
            w.writeFrame(s.frame());
            for (const auto& e : const_cast<muster::Simulation&>(s).takeEvents())
                w.writeEvent(e);
        });
        w.finish();
        return out;
    }();
    return path;
}

} // namespace viewer_test
