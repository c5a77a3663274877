#pragma once
// The YAML project loader's internals: one Loader per project, its sections in their own files
// (loader.cpp: files, sections, the scenario and the public entry points; loader_people.cpp:
// distributions, profiles, population; loader_building.cpp: buildings and floors;
// loader_inventory.cpp: the equipment inventory). Only sim/src/yaml/ includes this.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "muster/loader.hpp"
#include "yaml/yaml_reader.hpp"

namespace muster::yaml {

// Resolves `ref` (a path written in a file) against the folder of the file that wrote it.
std::string resolve(const std::string& baseDir, const std::string& ref);
std::string dirOf(const std::string& file);

class Loader {
public:
    Loader(Diagnostics& d, Project& p) : m_diags(d), m_project(p) {}

    // A section is either a path (string: loaded from that file, which must be of `kind`)
    // or the content inline (a map). Calls fn with a reader positioned on the content.
    void section(const Ctx& ctx, const YAML::Node& n, const std::string& path,
                 const std::string& baseDir, const char* kind,
                 const std::function<void(MapReader&, const std::string& baseDir)>& fn);

    // False when the content says it is another kind: reading a floor as a building would only
    // add a cascade of missing and unknown keys, so the caller skips it.
    bool checkKind(MapReader& r, const char* kind, bool required);

    // Iterates a list-valued key; each item handed to fn with its path.
    void list(MapReader& r, const char* key, bool required, const char* what,
              const std::function<void(const YAML::Node&, const std::string&)>& fn);

    // ---- distributions and profiles -------------------------------------------------
    std::optional<Distribution> distribution(MapReader& parent, const char* key, bool required);

    void profiles(MapReader& r, ProfileSet& set);

    // ---- scenario -------------------------------------------------------------------
    void scenario(MapReader& r, const std::string& baseDir);

    // ---- building -------------------------------------------------------------------
    Building building(MapReader& r, const std::string& baseDir);

    Floor floor(MapReader& r);

    // ---- inventory ------------------------------------------------------------------
    template <class T> void placed(MapReader& r, T& item);

    void inventory(MapReader& r, Inventory& inv);
    // The department registry: a file's `key` list, or an inline list (scenario `departments`).
    void departments(MapReader& r, const char* key, std::vector<Department>& out);
    void departmentList(const Ctx& c, const YAML::Node& n, const std::string& path,
                        std::vector<Department>& out);

    // ---- population -----------------------------------------------------------------
    void population(MapReader& r, Population& pop);

private:
    Diagnostics& m_diags;
    Project& m_project;
};

} // namespace muster::yaml
