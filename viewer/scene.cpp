#include "viewer/scene.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "muster/loader.hpp"
#include "muster/safe_write.hpp"

namespace muster::viewer {

namespace {

// A name from the replay as it may be shown: control characters as \xHH, at most 200 bytes.
std::string printable(const std::string& s) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    constexpr std::size_t kMax = 200;
    std::string out;
    for (std::size_t i = 0; i < s.size() && i < kMax; ++i) {
        const auto u = static_cast<unsigned char>(s[i]);
        if (u < 0x20 || u == 0x7F) {
            out += "\\x";
            out += kHex[u >> 4];
            out += kHex[u & 0xF];
        } else {
            out += s[i];
        }
    }
    return s.size() > kMax ? out + "..." : out;
}

} // namespace

int Scene::floorIndex(const std::string& id) const {
    for (size_t i = 0; i < floors.size(); ++i)
        if (floors[i].floor && floors[i].floor->id == id)
            return static_cast<int>(i);
    return -1;
}

std::optional<Project> loadEmbeddedProject(const ReplayHeader& header, Diagnostics& diags) {
    const SourceLoc at{header.scenarioPath, 0, 0, ""};
    if (header.files.empty()) {
        diags.error(at, "", "the replay embeds no input files, so its floor plans cannot be drawn");
        return std::nullopt;
    }
    // The replay is a file people send each other: its names are never used as paths on disk.
    // The project is loaded from memory, and only under names a writer could have produced
    // (docs/security.md); any other file is left out with a warning.
    std::vector<std::pair<std::string, std::string>> files;
    std::set<std::string> names;
    for (std::size_t i = 0; i < header.files.size(); ++i) {
        const auto& [name, text] = header.files[i];
        const std::string why = embeddedNameProblem(name);
        if (!why.empty() || !names.insert(name).second) {
            const std::string what = why.empty() ? "the name appears twice" : why;
            if (i == 0) {
                diags.error(at, "",
                            "the replay's scenario file \"" + printable(name) +
                                "\" is refused: " + what + "; nothing was loaded");
                return std::nullopt;
            }
            diags.warning(at, "",
                          "left out the embedded file \"" + printable(name) + "\": " + what +
                              " (nothing is written to disk)");
            continue;
        }
        files.emplace_back(name, text); // the scenario comes first
    }
    return loadProjectFromMemory(files, diags);
}

std::unique_ptr<Scene> buildScene(Project project, ReplayHeader header, Diagnostics& diags) {
    auto scene = std::make_unique<Scene>();
    scene->project = std::move(project);
    scene->header = std::move(header);
    scene->title = scene->project.scenario.name;
    const Project& p = scene->project;
    const ReplayHeader& h = scene->header;

    std::map<std::string, int> doorSlot, roomSlot;
    for (size_t i = 0; i < h.doorIds.size(); ++i)
        doorSlot.emplace(h.doorIds[i], static_cast<int>(i));
    for (size_t i = 0; i < h.roomIds.size(); ++i)
        roomSlot.emplace(h.roomIds[i], static_cast<int>(i));
    auto slot = [](const std::map<std::string, int>& m, const std::string& id) {
        auto it = m.find(id);
        return it == m.end() ? -1 : it->second;
    };

    for (const auto& info : h.floors) {
        SceneFloor sf;
        sf.floor = p.findFloor(info.id);
        sf.building = p.buildingOfFloor(info.id);
        if (!sf.floor) {
            diags.warning({}, "",
                          "floor " + info.id + " of the replay is not in its project; drawn empty");
        } else {
            sf.bounds = boundsOf(sf.floor->outline);
            for (const auto& d : sf.floor->doors)
                sf.doorSlots.push_back(slot(doorSlot, d.id));
            for (const auto& e : sf.floor->exits)
                sf.doorSlots.push_back(slot(doorSlot, e.id));
            for (const auto& r : sf.floor->rooms)
                sf.roomSlots.push_back(slot(roomSlot, r.id));
        }
        scene->floors.push_back(std::move(sf));
    }
    std::map<std::string, int> profileIndex;
    for (const auto& a : h.agents) {
        auto [it, fresh] =
            profileIndex.emplace(a.profile, static_cast<int>(scene->profiles.size()));
        if (fresh)
            scene->profiles.push_back(a.profile);
        scene->agentProfile.push_back(it->second);
    }
    layoutOverview(*scene);
    return scene;
}

void layoutOverview(Scene& scene, double gapM) {
    // One block per building (project order; floors without a building last). Inside a block,
    // floors in reading order from the top storey, in as many columns as make the whole
    // overview closest to a 16:9 screen.
    std::vector<const Building*> order;
    for (const auto& b : scene.project.buildings)
        order.push_back(&b);
    order.push_back(nullptr);
    std::vector<std::vector<SceneFloor*>> blocks;
    for (const Building* b : order) {
        std::vector<SceneFloor*> fl;
        for (auto& f : scene.floors)
            if (f.floor && f.building == b)
                fl.push_back(&f);
        if (fl.empty())
            continue;
        std::stable_sort(fl.begin(), fl.end(), [](const SceneFloor* a, const SceneFloor* c) {
            return a->floor->level > c->floor->level;
        });
        blocks.push_back(std::move(fl));
    }
    const double target = 16.0 / 9.0 / double(std::max<std::size_t>(1, blocks.size()));
    double x = 0.0;
    scene.overviewBounds = Bounds{};
    for (auto& fl : blocks) {
        double cellW = 0.0, cellH = 0.0;
        for (auto* f : fl) {
            cellW = std::max(cellW, f->bounds.max.x - f->bounds.min.x + gapM);
            cellH = std::max(cellH, f->bounds.max.y - f->bounds.min.y + gapM);
        }
        std::size_t bestCols = 1;
        double bestErr = 1e300;
        for (std::size_t cols = 1; cols <= fl.size(); ++cols) {
            const std::size_t rows = (fl.size() + cols - 1) / cols;
            const double err =
                std::abs(std::log((double(cols) * cellW) / (double(rows) * cellH) / target));
            if (err < bestErr) {
                bestErr = err;
                bestCols = cols;
            }
        }
        const std::size_t rows = (fl.size() + bestCols - 1) / bestCols;
        for (std::size_t k = 0; k < fl.size(); ++k) {
            SceneFloor* f = fl[k];
            const std::size_t col = k / rows, row = k % rows; // columns read top to bottom
            const double cx = x + double(col) * cellW;
            const double cy = double(rows - 1 - row) * cellH;
            f->overviewOffset = {cx - f->bounds.min.x, cy - f->bounds.min.y};
            scene.overviewBounds.add(f->bounds.min + f->overviewOffset);
            scene.overviewBounds.add(f->bounds.max + f->overviewOffset);
        }
        x += double(bestCols) * cellW + gapM;
    }
}

} // namespace muster::viewer
