// muster view / muster render: forwarded to the muster-viewer executable, so this CLI stays
// headless and free of SFML. The viewer is looked up next to this binary first (installed
// layout, or the same build folder), then at the build tree path CMake recorded.
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "commands.hpp"

#ifndef MUSTER_VIEWER_PATH
#define MUSTER_VIEWER_PATH ""
#endif

namespace muster::cli {

namespace fs = std::filesystem;

namespace {

std::string findViewer() {
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    std::vector<fs::path> candidates;
    if (!ec) {
        candidates.push_back(self.parent_path() / "muster-viewer");
        candidates.push_back(self.parent_path().parent_path() / "viewer" /
                             "muster-viewer"); // build tree
    }
    if (*MUSTER_VIEWER_PATH)
        candidates.emplace_back(MUSTER_VIEWER_PATH);
    for (const auto& c : candidates)
        if (::access(c.c_str(), X_OK) == 0)
            return c.string();
    return "";
}

int forward(const char* command, const std::vector<std::string>& args) {
    const std::string viewer = findViewer();
    if (viewer.empty()) {
        std::cerr << "error: `muster " << command
                  << "` needs the muster-viewer program (SFML), which was "
                  << "not found next to muster or in the build tree. Build it with "
                  << "-DMUSTER_VIEWER=ON (Debian packages libsfml-dev, libimgui-dev).\n";
        return 1;
    }
    std::vector<std::string> argv{viewer, command};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> cargv;
    for (auto& a : argv)
        cargv.push_back(a.data());
    cargv.push_back(nullptr);
    ::execv(viewer.c_str(), cargv.data());
    std::cerr << "error: cannot start " << viewer << '\n';
    return 1;
}

} // namespace

void addViewCommands(Registry& r) {
    for (const char* name : {"view", "render"}) {
        const bool view = std::string(name) == "view";
        CLI::App* sub = r.add(
            name,
            view ? "Open a replay or run a scenario live in the viewer window (runs muster-viewer)"
                 : "Export PNG snapshots or a video of a replay, headless (runs muster-viewer)",
            view ? "muster view out/wt/run.mrpl"
                 : "muster render out/wt/run.mrpl --png 0,60,end --out shots/",
            [] { return 0; }); // replaced below, once `sub` exists
        // Every argument after the command goes to muster-viewer untouched, --help included.
        sub->prefix_command();
        sub->set_help_flag();
        r.actions.back().second = [sub, name] { return forward(name, sub->remaining()); };
    }
}

} // namespace muster::cli
