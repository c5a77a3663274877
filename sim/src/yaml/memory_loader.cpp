// Loading a project from files held in memory: the files a replay embeds. The loader runs as
// for files on disk, but every file it opens comes from memory (yaml_reader.hpp, MemoryFiles),
// so a replay's names cannot make it read or write anything else. docs/security.md.
#include <filesystem>

#include "muster/loader.hpp"
#include "yaml/yaml_reader.hpp"

namespace muster {

namespace {

using Files = std::vector<std::pair<std::string, std::string>>;

// Runs `load(firstName)` while `files` are the only files the loader can open.
template <class Load>
auto withFilesInMemory(const Files& files, Diagnostics& diags, std::string missing, Load load)
    -> decltype(load(std::string())) {
    if (files.empty()) {
        diags.error({}, "", "no input files to load (the first must be the scenario)");
        return decltype(load(std::string()))();
    }
    yaml::MemoryFiles memory;
    for (const auto& [name, text] : files) // the first of two equal names wins
        memory.files.emplace(std::filesystem::path(name).lexically_normal().generic_string(), text);
    memory.diskAllowed.push_back(defaultProfilesPath());
    memory.missing = std::move(missing);
    const yaml::MemoryFilesScope scope(memory);
    return load(files.front().first);
}

} // namespace

std::optional<Project> loadProjectFromMemory(const Files& files, Diagnostics& diags) {
    return withFilesInMemory(
        files, diags,
        "the replay does not embed this file (a replay's project is read only from the files it "
        "embeds)",
        [&](const std::string& first) { return loadProject(first, diags); });
}

void validateFromMemory(const Files& files, Diagnostics& diags) {
    withFilesInMemory(files, diags, "not among the files given",
                      [&](const std::string& first) { validateFile(first, diags); });
}

} // namespace muster
