#include "muster/loader.hpp"

#include <cstdio>
#include <filesystem>
#include <functional>

#include "muster/limits.hpp"
#include "muster/rules.hpp"
#include "muster/validate.hpp"
#include "yaml/drill_loader.hpp"
#include "yaml/yaml_reader.hpp"

#include "yaml/loader_internal.hpp"

namespace muster::yaml {

namespace fs = std::filesystem;

std::string resolve(const std::string& baseDir, const std::string& ref) {
    const fs::path p(ref);
    if (p.is_absolute() || baseDir.empty())
        return p.lexically_normal().string();
    return (fs::path(baseDir) / p).lexically_normal().string();
}

std::string dirOf(const std::string& file) {
    return fs::path(file).parent_path().string();
}

void Loader::section(const Ctx& ctx, const YAML::Node& n, const std::string& path,
                     const std::string& baseDir, const char* kind,
                     const std::function<void(MapReader&, const std::string& baseDir)>& fn) {
    if (n.IsScalar()) {
        const std::string file = resolve(baseDir, n.Scalar());
        const SourceLoc from = yaml::locOf(ctx.file, n, path);
        auto doc = yaml::loadDocument(file, &from, m_diags);
        if (!doc)
            return;
        m_project.files.emplace_back(file, doc->text);
        Ctx fctx{file, &m_diags};
        MapReader r(fctx, doc->root, "", "a map at the top of the file");
        if (!r.ok())
            return;
        if (!checkKind(r, kind, false))
            return;
        fn(r, dirOf(file));
        r.finish();
        return;
    }
    if (n.IsMap()) {
        MapReader r(ctx, n, path);
        if (!checkKind(r, kind, false))
            return;
        fn(r, baseDir);
        r.finish();
        return;
    }
    ctx.error(n, path,
              std::string("expected a file path or an inline ") + kind + " map, got " +
                  yaml::describe(n));
}

bool Loader::checkKind(MapReader& r, const char* kind, bool required) {
    YAML::Node k = r.get("kind", required, "the file kind");
    if (!k.IsDefined())
        return true;
    if (!k.IsScalar() || k.Scalar() != kind) {
        r.ctx().error(k, r.pathOf("kind"),
                      std::string("expected \"") + kind + "\" here, got " + yaml::describe(k));
        return false;
    }
    return true;
}

void Loader::list(MapReader& r, const char* key, bool required, const char* what,
                  const std::function<void(const YAML::Node&, const std::string&)>& fn) {
    r.forEach(key, required, what, fn);
}

void Loader::departmentList(const Ctx& c, const YAML::Node& n, const std::string& path,
                            std::vector<Department>& out) {
    if (!n.IsSequence()) {
        c.error(n, path,
                "expected a list of departments {id, name, responsible, deputy}, got " +
                    yaml::describe(n));
        return;
    }
    if (n.size() > limits::kMaxCount) {
        c.error(n, path,
                "too many departments (at most " + std::to_string(limits::kMaxCount) + ")");
        return;
    }
    for (std::size_t i = 0; i < n.size(); ++i) {
        const std::string p = yaml::indexPath(path, i);
        MapReader dr(c, n[i], p);
        if (!dr.ok())
            continue;
        Department d;
        d.loc = dr.loc();
        MapReader::set(d.id, dr.str("id", true));
        MapReader::set(d.name, dr.str("name", false));
        MapReader::set(d.responsible, dr.str("responsible", false));
        MapReader::set(d.deputy, dr.str("deputy", false));
        MapReader::set(d.phone, dr.str("phone", false));
        dr.finish();
        for (const Department& other : out)
            if (!d.id.empty() && other.id == d.id)
                c.error(n[i], p + ".id", "duplicate department id \"" + d.id + "\"");
        out.push_back(std::move(d));
    }
}

void Loader::departments(MapReader& r, const char* key, std::vector<Department>& out) {
    YAML::Node n = r.get(key, true, "a list of departments");
    if (n.IsDefined())
        departmentList(r.ctx(), n, r.pathOf(key), out);
}

void Loader::scenario(MapReader& r, const std::string& baseDir) {
    Scenario& s = m_project.scenario;
    s.loc = r.loc();
    MapReader::set(s.name, r.str("name", false));
    const Ctx& c = r.ctx();
    list(r, "buildings", true, "a list of building files",
         [&](const YAML::Node& n, const std::string& p) {
             if (n.IsScalar())
                 s.buildingFiles.push_back(resolve(baseDir, n.Scalar()));
             section(c, n, p, baseDir, "building", [&](MapReader& br, const std::string& bd) {
                 m_project.buildings.push_back(building(br, bd));
             });
         });
    list(r, "inventory", false, "a list of inventory files",
         [&](const YAML::Node& n, const std::string& p) {
             if (n.IsScalar())
                 s.inventoryFiles.push_back(resolve(baseDir, n.Scalar()));
             section(c, n, p, baseDir, "inventory", [&](MapReader& ir, const std::string&) {
                 inventory(ir, m_project.inventory);
             });
         });
    YAML::Node pop = r.get("population", false, "a population file");
    if (pop.IsDefined()) {
        if (pop.IsScalar())
            s.populationFile = resolve(baseDir, pop.Scalar());
        section(c, pop, r.pathOf("population"), baseDir, "population",
                [&](MapReader& pr, const std::string&) { population(pr, m_project.population); });
    }
    YAML::Node deps = r.get("departments", false, "a departments file or list");
    if (deps.IsDefined()) {
        if (deps.IsScalar()) {
            s.departmentsFile = resolve(baseDir, deps.Scalar());
            section(c, deps, r.pathOf("departments"), baseDir, "departments",
                    [&](MapReader& dr, const std::string&) {
                        departments(dr, "departments", m_project.departments);
                    });
        } else {
            departmentList(c, deps, r.pathOf("departments"), m_project.departments);
        }
    }
    if (auto prof = r.str("profiles", false))
        s.profilesFile = resolve(baseDir, *prof);
    YAML::Node drill = r.get("drill", false, "a drill file");
    if (drill.IsDefined()) {
        if (drill.IsScalar())
            s.drillFile = resolve(baseDir, drill.Scalar());
        else
            c.error(drill, r.pathOf("drill"),
                    "expected a drill file path, got " + yaml::describe(drill));
    }
    MapReader::set(s.shift, r.enumeration("shift", false, names::shifts()));
    if (auto seed = r.integer("seed", false, "a whole number", Bound::NonNegative))
        s.seed = static_cast<unsigned long long>(*seed);
    MapReader::set(s.timeStepS, r.numIn("time_step_s", false, "a time step in seconds",
                                        limits::kMinTimeStepS, limits::kMaxTimeStepS));
    MapReader::set(s.maxTimeS,
                   r.numIn("max_time_s", false, "a duration in seconds", 1e-3, limits::kMaxTimeS));
    list(
        r, "premovement", false, "a list of pre-movement rules",
        [&](const YAML::Node& n, const std::string& p) {
            MapReader pr(c, n, p);
            if (!pr.ok())
                return;
            PremovementRule rule;
            rule.loc = pr.loc();
            MapReader::set(rule.group, pr.str("group", false));
            MapReader::set(rule.profile, pr.str("profile", false));
            if (rule.group.empty() && rule.profile.empty())
                m_diags.error(
                    rule.loc, p,
                    "missing required key \"group\" or \"profile\" (expected whom the rule applies to)");
            auto d = distribution(pr, "time_s", true);
            pr.finish();
            if (d) {
                rule.dist = *d;
                s.premovement.push_back(rule);
            }
        });
    list(r, "routes", false, "a list of route assignments",
         [&](const YAML::Node& n, const std::string& p) {
             MapReader rr(c, n, p);
             if (!rr.ok())
                 return;
             RouteAssignment a;
             a.loc = rr.loc();
             MapReader::set(a.group, rr.str("group", true));
             MapReader::set(a.exit, rr.str("exit", true));
             rr.finish();
             s.routes.push_back(a);
         });
    MapReader::set(s.measureIntervalS,
                   r.numIn("measure_interval_s", false, "an interval in seconds", 0.1, 3600.0));
    list(r, "measure", false, "a list of measurement lines and areas",
         [&](const YAML::Node& n, const std::string& p) {
             MapReader mr(c, n, p);
             if (!mr.ok())
                 return;
             MeasureSpec m;
             m.loc = mr.loc();
             MapReader::set(m.id, mr.str("id", true));
             MapReader::set(m.floor, mr.str("floor", true));
             const bool hasLine = mr.has("line"), hasArea = mr.has("area");
             if (hasLine && hasArea)
                 m_diags.error(m.loc, p, "expected either \"line\" or \"area\", got both");
             else if (!hasLine && !hasArea)
                 m_diags.error(m.loc, p,
                               "missing required key \"line\" or \"area\" (expected two points "
                               "or a polygon)");
             if (hasLine) {
                 MapReader::set(m.line, mr.points("line", true, 2, "a line of two points"));
                 if (m.line.size() > 2) {
                     c.error(n["line"], mr.pathOf("line"),
                             "expected a line of two points, got " + std::to_string(m.line.size()) +
                                 " points");
                     m.line.clear();
                 } else if (m.line.size() == 2 && distance(m.line[0], m.line[1]) < 0.05) {
                     char got[32];
                     std::snprintf(got, sizeof got, "%.3g", distance(m.line[0], m.line[1]));
                     c.error(n["line"], mr.pathOf("line"),
                             std::string("expected a line at least 0.05 m long, got ") + got +
                                 " m");
                     m.line.clear();
                 }
             }
             if (hasArea)
                 MapReader::set(m.area, mr.points("area", true, 3, "an area polygon"));
             mr.finish();
             for (const auto& other : s.measures)
                 if (!m.id.empty() && other.id == m.id)
                     m_diags.error(m.loc, mr.pathOf("id"),
                                   "duplicate measurement id \"" + m.id + "\"");
             if (!m.id.empty() && !m.floor.empty() && (!m.line.empty() || !m.area.empty()))
                 s.measures.push_back(std::move(m));
         });
    list(r, "events", false, "a list of door events",
         [&](const YAML::Node& n, const std::string& p) {
             MapReader er(c, n, p);
             if (!er.ok())
                 return;
             DoorEvent e;
             e.loc = er.loc();
             MapReader::set(e.timeS,
                            er.num("time_s", true, "a time in seconds", Bound::NonNegative));
             auto door = er.str("door", false);
             auto exit = er.str("exit", false);
             if (door && exit)
                 m_diags.error(e.loc, p, "expected either \"door\" or \"exit\", got both");
             else if (!door && !exit)
                 m_diags.error(
                     e.loc, p,
                     "missing required key \"door\" or \"exit\" (expected the id of what changes)");
             e.target = door ? *door : exit ? *exit : "";
             if (auto st = er.enumeration("state", true, names::doorStates()))
                 e.open = *st == DoorState::Open;
             er.finish();
             s.events.push_back(e);
         });
}

} // namespace muster::yaml

namespace muster {

namespace fs = std::filesystem;
using yaml::Bound;
using yaml::Ctx;
using yaml::dirOf;
using yaml::Loader;
using yaml::MapReader;
using yaml::resolve;

std::optional<Distribution> yaml::readDistribution(MapReader& parent, const char* key,
                                                   bool required, Diagnostics& diags) {
    Project scratch;
    Loader loader(diags, scratch);
    return loader.distribution(parent, key, required);
}

namespace {
std::optional<ProfileSet> readProfiles(const std::string& path, Diagnostics& diags,
                                       std::string* text) {
    const int before = diags.errorCount();
    auto doc = yaml::loadDocument(path, nullptr, diags);
    if (!doc)
        return std::nullopt;
    if (text)
        *text = doc->text;
    Project scratch;
    Loader loader(diags, scratch);
    Ctx ctx{path, &diags};
    MapReader r(ctx, doc->root, "", "a map at the top of the file");
    if (!r.ok())
        return std::nullopt;
    loader.checkKind(r, "profiles", true);
    ProfileSet set;
    loader.profiles(r, set);
    r.finish();
    if (diags.errorCount() > before)
        return std::nullopt;
    return set;
}
} // namespace

std::optional<Project> loadProject(const std::string& scenarioPath, Diagnostics& diags) {
    const int before = diags.errorCount();
    Project p;
    p.scenarioPath = scenarioPath;
    auto doc = yaml::loadDocument(scenarioPath, nullptr, diags);
    if (!doc)
        return std::nullopt;
    p.scenarioText = doc->text;
    p.files.emplace_back(scenarioPath, doc->text);
    Loader loader(diags, p);
    Ctx ctx{scenarioPath, &diags};
    MapReader r(ctx, doc->root, "", "a map at the top of the file");
    if (r.ok() && loader.checkKind(r, "scenario", true)) {
        loader.scenario(r, dirOf(scenarioPath));
        r.finish();
    }
    const std::string profilesPath =
        p.scenario.profilesFile.empty() ? defaultProfilesPath() : p.scenario.profilesFile;
    std::string profilesText;
    if (auto prof = readProfiles(profilesPath, diags, &profilesText)) {
        p.profiles = std::move(*prof);
        // A scenario's own profiles are part of its input (embedded in its replays); the
        // bundled set is not.
        if (!p.scenario.profilesFile.empty())
            p.files.emplace_back(profilesPath, std::move(profilesText));
    }
    // Semantic checks run even after syntax-level errors, so one run reports everything;
    // items that failed to load are skipped by the checks.
    validateProject(p, diags);
    if (!p.scenario.drillFile.empty()) {
        SourceLoc from = p.scenario.loc;
        from.path = "drill";
        p.drill = loadDrill(p.scenario.drillFile, &from, diags);
        if (p.drill) {
            p.files.emplace_back(p.scenario.drillFile, p.drill->text);
            validateDrill(*p.drill, p, diags);
        }
    }
    if (diags.errorCount() > before)
        return std::nullopt;
    return p;
}

std::string defaultProfilesPath() {
#ifdef MUSTER_ASSETS_DIR
    const std::string built = MUSTER_ASSETS_DIR "/profiles.yaml";
    if (fs::exists(built))
        return built;
#endif
    return "assets/profiles.yaml";
}

std::optional<ProfileSet> loadProfiles(const std::string& path, Diagnostics& diags) {
    return readProfiles(path, diags, nullptr);
}

void validateFile(const std::string& path, Diagnostics& diags) {
    auto doc = yaml::loadDocument(path, nullptr, diags);
    if (!doc)
        return;
    const YAML::Node& root = doc->root;
    // A missing key on a const node is an invalid node: only IsDefined() may be asked of it.
    const YAML::Node kind = root.IsMap() ? root["kind"] : YAML::Node(YAML::NodeType::Undefined);
    const std::string k = kind.IsDefined() && kind.IsScalar() ? kind.Scalar() : "";
    if (k == "scenario") {
        // loadProject reads the file itself; reading it here too would report its top-level
        // problems (duplicate keys) twice.
        (void)loadProject(path, diags);
        return;
    }
    if (k == "drill") {
        (void)loadDrill(path, nullptr, diags); // references are checked with a scenario
        return;
    }
    if (k == "rules_profile") {
        (void)loadRulesProfile(path, diags); // reads the file itself, like loadProject
        return;
    }
    Ctx ctx{path, &diags};
    MapReader r(ctx, doc->root, "", "a map at the top of the file");
    if (!r.ok())
        return;
    Project p;
    Loader loader(diags, p);
    r.get("kind", true, "the file kind");
    if (k == "building") {
        p.buildings.push_back(loader.building(r, dirOf(path)));
        r.finish();
        validateBuilding(p.buildings.back(), diags);
    } else if (k == "floor") {
        // The floor's building (and its assembly points) is not given: leaving the building
        // id empty tells the checks not to resolve exits' assembly points.
        Building b;
        b.floors.push_back(loader.floor(r));
        r.finish();
        validateBuilding(b, diags);
    } else if (k == "inventory") {
        loader.inventory(r, p.inventory);
        r.finish();
        validateInventory(p.inventory, {}, diags);
    } else if (k == "departments") {
        loader.departments(r, "departments", p.departments);
        r.finish();
    } else if (k == "profiles") {
        ProfileSet set;
        loader.profiles(r, set);
        r.finish();
    } else if (k == "population") {
        loader.population(r, p.population);
        r.finish();
        validatePopulation(p.population, {}, diags);
    } else if (kind.IsDefined()) {
        ctx.error(
            kind, "kind",
            "expected one of scenario, building, floor, inventory, population, profiles, departments, drill, rules_profile; got " +
                yaml::describe(kind));
    }
}

} // namespace muster
