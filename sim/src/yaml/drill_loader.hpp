#pragma once
// The drill-file parser (file kind `drill`). Private to the core: loadProject() calls it when
// the scenario has a `drill:` key, validateFile() when a drill file is checked alone.
#include <optional>
#include <string>

#include "muster/diagnostics.hpp"
#include "muster/distribution.hpp"
#include "muster/drill.hpp"
#include "yaml/yaml_reader.hpp"

namespace muster {

// Reads `path`; `from` is where the scenario referenced it (for "cannot open" errors).
// nullopt iff an error was added.
[[nodiscard]] std::optional<Drill> loadDrill(const std::string& path, const SourceLoc* from,
                                             Diagnostics& diags);

namespace yaml {
// The scenario loader's distribution reader ({distribution: uniform, min: .., max: ..}),
// shared so drill files accept exactly the same distributions (defined in loader.cpp).
std::optional<Distribution> readDistribution(MapReader& parent, const char* key, bool required,
                                             Diagnostics& diags);
} // namespace yaml

} // namespace muster
