#pragma once
// What the viewer draws from: the loaded project (geometry, inventory) matched to the replay
// header (floor order, door order of Frame::doorOpen, room order of Frame::roomSmoke, agents).
// Replays and live runs build the same Scene.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "muster/diagnostics.hpp"
#include "muster/geometry.hpp"
#include "muster/replay.hpp"
#include "muster/scenario.hpp"

namespace muster::viewer {

struct SceneFloor {
    const Floor* floor = nullptr; // into Scene::project (stable: the project is not moved)
    const Building* building = nullptr;
    Bounds bounds;              // of the outline, floor frame (m)
    Vec2 overviewOffset;        // where the floor sits in the all-floors overview (m)
    std::vector<int> doorSlots; // per floor door, then per exit: index into
                                // Frame::doorOpen, -1 when the frame has none
    std::vector<int> roomSlots; // per room: index into Frame::roomSmoke, or -1
};

struct Scene {
    Project project;
    ReplayHeader header;               // the agents, floors, doors and rooms of the frames
    std::vector<SceneFloor> floors;    // in the header's floor order (Frame floor index)
    std::vector<std::string> profiles; // distinct profiles, order of first appearance
    std::vector<int> agentProfile;     // per agent: index into profiles
    std::string title;                 // scenario name
    Bounds overviewBounds;

    [[nodiscard]] int floorIndex(const std::string& id) const;
};

// Builds the scene for a project and a header (from a replay or Simulation::replayHeader()).
// Floors of the header that the project lacks are reported and skipped (drawn empty).
[[nodiscard]] std::unique_ptr<Scene> buildScene(Project project, ReplayHeader header,
                                                Diagnostics& diags);

// Loads the project from the input files embedded in a replay header, in memory, so a replay
// opens on a machine without the original files. Nothing is written to disk and no other file
// is read (muster/loader.hpp, loadProjectFromMemory). A file whose name is refused
// (embeddedNameProblem: absolute, ".." after a name, control characters, ...) or given twice
// is left out with a warning; a refused scenario is an error. nullopt (with diagnostics) when
// the project does not load.
[[nodiscard]] std::optional<Project> loadEmbeddedProject(const ReplayHeader& header,
                                                         Diagnostics& diags);

// Overview layout: one column per building (in project order), floors stacked by level with the
// top storey at the top, `gapM` metres apart.
void layoutOverview(Scene& scene, double gapM = 8.0);

} // namespace muster::viewer
