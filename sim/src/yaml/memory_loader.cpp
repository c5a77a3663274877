// Loading a project from files held in memory: the files a replay embeds. The loader runs as
// for files on disk, but every file it opens comes from memory (yaml_reader.hpp, MemoryFiles),
// so a replay's names cannot make it read or write anything else. docs/security.md.
#include <filesystem>

#include "muster/loader.hpp"
#include "yaml/yaml_reader.hpp"

namespace muster {

std::optional<Project>
loadProjectFromMemory(const std::vector<std::pair<std::string, std::string>>& files,
                      Diagnostics& diags) {
    if (files.empty()) {
        diags.error({}, "", "no input files to load (the first must be the scenario)");
        return std::nullopt;
    }
    yaml::MemoryFiles memory;
    for (const auto& [name, text] : files) // the first of two equal names wins
        memory.files.emplace(std::filesystem::path(name).lexically_normal().generic_string(), text);
    memory.diskAllowed.push_back(defaultProfilesPath());
    memory.missing = "the replay does not embed this file (a replay's project is read only from "
                     "the files it embeds)";
    const yaml::MemoryFilesScope scope(memory);
    return loadProject(files.front().first, diags);
}

} // namespace muster
