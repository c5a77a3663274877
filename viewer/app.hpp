#pragma once
// The interactive window: map, Dear ImGui panels, keyboard and mouse.
#include <string>

#include "muster/date.hpp"

namespace muster::viewer {

struct ViewRequest {
    std::string input;
    std::string floor;
    std::string size = "1600x900";
    unsigned width = 1600, height = 900;
    std::string font;
    Date today{2026, 11, 23}; // equipment status, the checklist's month, the date of records
    std::string screenshot;   // save the window after a few frames and quit (docs, tests)
    double seekS = 0.0;       // start at this drill time
    std::string heat;         // off, live, peak
    std::string logPath;      // inspection log the checklist panel records into ("" = read-only)
    bool createLog = false;   // a missing log (or register) is started, not refused
    std::string item;         // checklist item to select at start (its floor is shown)
    bool coverage = false;    // start with the coverage overlay on
};

int runViewer(const ViewRequest& req);

} // namespace muster::viewer
