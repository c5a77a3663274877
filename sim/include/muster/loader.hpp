#pragma once
// Loading Muster's YAML files into plain data. Every problem of every file is reported as a
// Diagnostic (never an exception); the geometry and cross-reference checks of validate.hpp
// run as part of loading.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "muster/diagnostics.hpp"
#include "muster/profiles.hpp"
#include "muster/scenario.hpp"

namespace muster {

// Loads a scenario and every file it references, then validates the whole project.
// nullopt iff at least one error was added.
[[nodiscard]] std::optional<Project> loadProject(const std::string& scenarioPath,
                                                 Diagnostics& diags);

// Loads a project from files held in memory (name, text), the first being the scenario, as a
// replay embeds them: references resolve among these names only; nothing else is read from
// disk (except the bundled default profiles) and nothing is written. nullopt iff an error was
// added (a reference to a file that is not given is one).
[[nodiscard]] std::optional<Project>
loadProjectFromMemory(const std::vector<std::pair<std::string, std::string>>& files,
                      Diagnostics& diags);

// Checks the first of `files` (held in memory, as above) as validateFile does: a scenario with
// everything it references among `files`, any other kind on its own. Reads nothing else from
// disk (except the bundled default profiles) and writes nothing. The fuzz harness's entry point.
void validateFromMemory(const std::vector<std::pair<std::string, std::string>>& files,
                        Diagnostics& diags);

// Loads a profiles file (pedestrian profiles and model parameters).
[[nodiscard]] std::optional<ProfileSet> loadProfiles(const std::string& path, Diagnostics& diags);

// The bundled profiles file (assets/profiles.yaml of the source tree or installation).
std::string defaultProfilesPath();

// Checks one file of any kind (scenario, building, floor, inventory, population), as
// `muster validate` does. A scenario is checked with everything it references; other kinds
// are checked on their own (references into files not given are not resolved).
void validateFile(const std::string& path, Diagnostics& diags);

} // namespace muster
