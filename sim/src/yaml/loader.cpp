#include "muster/loader.hpp"

#include <filesystem>
#include <functional>

#include "muster/validate.hpp"
#include "yaml/yaml_reader.hpp"

namespace muster {

namespace fs = std::filesystem;
using yaml::Bound;
using yaml::Ctx;
using yaml::MapReader;

namespace {

std::string resolve(const std::string& baseDir, const std::string& ref) {
    const fs::path p(ref);
    if (p.is_absolute() || baseDir.empty()) return p.lexically_normal().string();
    return (fs::path(baseDir) / p).lexically_normal().string();
}

std::string dirOf(const std::string& file) { return fs::path(file).parent_path().string(); }

class Loader {
public:
    Loader(Diagnostics& d, Project& p) : m_diags(d), m_project(p) {}

    // A section is either a path (string: loaded from that file, which must be of `kind`)
    // or the content inline (a map). Calls fn with a reader positioned on the content.
    void section(const Ctx& ctx, const YAML::Node& n, const std::string& path,
                 const std::string& baseDir, const char* kind,
                 const std::function<void(MapReader&, const std::string& baseDir)>& fn) {
        if (n.IsScalar()) {
            const std::string file = resolve(baseDir, n.Scalar());
            const SourceLoc from = yaml::locOf(ctx.file, n, path);
            auto doc = yaml::loadDocument(file, &from, m_diags);
            if (!doc) return;
            m_project.files.emplace_back(file, doc->text);
            Ctx fctx{file, &m_diags};
            MapReader r(fctx, doc->root, "", "a map at the top of the file");
            if (!r.ok()) return;
            checkKind(r, kind, false);
            fn(r, dirOf(file));
            r.finish();
            return;
        }
        if (n.IsMap()) {
            MapReader r(ctx, n, path);
            checkKind(r, kind, false);
            fn(r, baseDir);
            r.finish();
            return;
        }
        ctx.error(n, path,
                  std::string("expected a file path or an inline ") + kind + " map, got " +
                      yaml::describe(n));
    }

    void checkKind(MapReader& r, const char* kind, bool required) {
        YAML::Node k = r.get("kind", required, "the file kind");
        if (!k.IsDefined()) return;
        if (!k.IsScalar() || k.Scalar() != kind)
            r.ctx().error(k, r.pathOf("kind"),
                          std::string("expected \"") + kind + "\" here, got " + yaml::describe(k));
    }

    // Iterates a list-valued key; each item handed to fn with its path.
    void list(MapReader& r, const char* key, bool required, const char* what,
              const std::function<void(const YAML::Node&, const std::string&)>& fn) {
        YAML::Node n = r.get(key, required, what);
        if (!n.IsDefined()) return;
        if (!n.IsSequence()) {
            r.ctx().error(n, r.pathOf(key),
                          std::string("expected ") + what + ", got " + yaml::describe(n));
            return;
        }
        for (size_t i = 0; i < n.size(); ++i) fn(n[i], yaml::indexPath(r.pathOf(key), i));
    }

    // ---- scenario -------------------------------------------------------------------
    void scenario(MapReader& r, const std::string& baseDir) {
        Scenario& s = m_project.scenario;
        s.loc = r.loc();
        MapReader::set(s.name, r.str("name", false));
        const Ctx& c = r.ctx();
        list(r, "buildings", true, "a list of building files", [&](const YAML::Node& n, const std::string& p) {
            if (n.IsScalar()) s.buildingFiles.push_back(resolve(baseDir, n.Scalar()));
            section(c, n, p, baseDir, "building", [&](MapReader& br, const std::string& bd) {
                m_project.buildings.push_back(building(br, bd));
            });
        });
        list(r, "inventory", false, "a list of inventory files", [&](const YAML::Node& n, const std::string& p) {
            if (n.IsScalar()) s.inventoryFiles.push_back(resolve(baseDir, n.Scalar()));
            section(c, n, p, baseDir, "inventory",
                    [&](MapReader& ir, const std::string&) { inventory(ir, m_project.inventory); });
        });
        YAML::Node pop = r.get("population", false, "a population file");
        if (pop.IsDefined()) {
            if (pop.IsScalar()) s.populationFile = resolve(baseDir, pop.Scalar());
            section(c, pop, r.pathOf("population"), baseDir, "population",
                    [&](MapReader& pr, const std::string&) { population(pr, m_project.population); });
        }
        if (auto prof = r.str("profiles", false)) s.profilesFile = resolve(baseDir, *prof);
        YAML::Node drill = r.get("drill", false, "a drill file");
        if (drill.IsDefined()) {
            if (drill.IsScalar())
                s.drillFile = resolve(baseDir, drill.Scalar());
            else
                c.error(drill, r.pathOf("drill"), "expected a drill file path, got " + yaml::describe(drill));
        }
        MapReader::set(s.shift, r.enumeration("shift", false, names::shifts()));
        if (auto seed = r.integer("seed", false, "a whole number", Bound::NonNegative))
            s.seed = static_cast<unsigned long long>(*seed);
        MapReader::set(s.timeStepS, r.num("time_step_s", false, "a time step in seconds", Bound::Positive));
        MapReader::set(s.maxTimeS, r.num("max_time_s", false, "a duration in seconds", Bound::Positive));
    }

    // ---- building -------------------------------------------------------------------
    Building building(MapReader& r, const std::string& baseDir) {
        Building b;
        b.loc = r.loc();
        MapReader::set(b.id, r.str("id", true));
        MapReader::set(b.name, r.str("name", false));
        MapReader::set(b.rulesProfile, r.str("rules_profile", false));
        if (b.rulesProfile.empty()) b.rulesProfile = "cn";
        else if (b.rulesProfile != "cn" && b.rulesProfile != "nfpa")
            r.ctx().error(r.get("rules_profile", false, ""), r.pathOf("rules_profile"),
                          "expected one of cn, nfpa; got \"" + b.rulesProfile + "\"");
        MapReader::set(b.sprinklered, r.boolean("sprinklered", false));
        MapReader::set(b.hydrants, r.boolean("hydrants", false));
        const Ctx& c = r.ctx();
        list(r, "assembly_points", false, "a list of assembly points", [&](const YAML::Node& n, const std::string& p) {
            MapReader ar(c, n, p);
            if (!ar.ok()) return;
            AssemblyPoint a;
            a.loc = ar.loc();
            MapReader::set(a.id, ar.str("id", true));
            MapReader::set(a.name, ar.str("name", false));
            ar.finish();
            b.assemblyPoints.push_back(a);
        });
        list(r, "floors", true, "a list of floor files or floors", [&](const YAML::Node& n, const std::string& p) {
            section(c, n, p, baseDir, "floor", [&](MapReader& fr, const std::string&) {
                Floor f = floor(fr);
                if (f.building.empty()) f.building = b.id;
                else if (f.building != b.id)
                    m_diags.error(f.loc, yaml::joinPath(f.loc.path, "building"),
                                  "floor says it belongs to building \"" + f.building +
                                      "\" but is listed by building \"" + b.id + "\"");
                b.floors.push_back(std::move(f));
            });
        });
        list(r, "stairs", false, "a list of stairs", [&](const YAML::Node& n, const std::string& p) {
            MapReader sr(c, n, p);
            if (!sr.ok()) return;
            Stair s;
            s.loc = sr.loc();
            MapReader::set(s.id, sr.str("id", true));
            MapReader::set(s.widthM, sr.num("width_m", true, "a width in metres", Bound::Positive));
            MapReader::set(s.lengthM, sr.num("length_m", true, "a length in metres", Bound::Positive));
            auto end = [&](const char* key, StairEnd& e) {
                YAML::Node en = sr.get(key, true, "a stair end {floor, at}");
                if (!en.IsDefined()) return;
                MapReader er(c, en, sr.pathOf(key));
                if (!er.ok()) return;
                e.loc = er.loc();
                MapReader::set(e.floor, er.str("floor", true));
                MapReader::set(e.at, er.point("at", true));
                er.finish();
            };
            end("lower", s.lower);
            end("upper", s.upper);
            sr.finish();
            b.stairs.push_back(s);
        });
        return b;
    }

    Floor floor(MapReader& r) {
        Floor f;
        f.loc = r.loc();
        const Ctx& c = r.ctx();
        MapReader::set(f.id, r.str("id", true));
        MapReader::set(f.building, r.str("building", false));
        MapReader::set(f.name, r.str("name", false));
        if (auto lv = r.integer("level", false, "a storey number")) f.level = static_cast<int>(*lv);
        MapReader::set(f.elevationM, r.num("elevation_m", false, "an elevation in metres"));
        MapReader::set(f.outline, r.points("outline", true, 3, "an outline polygon"));
        list(r, "compartments", false, "a list of compartments", [&](const YAML::Node& n, const std::string& p) {
            MapReader cr(c, n, p);
            if (!cr.ok()) return;
            Compartment k;
            k.loc = cr.loc();
            MapReader::set(k.id, cr.str("id", true));
            MapReader::set(k.name, cr.str("name", false));
            MapReader::set(k.kind, cr.enumeration("kind", false, names::compartmentKinds()));
            if (auto v = cr.integer("rating_min", false, "a fire rating in minutes", Bound::NonNegative))
                k.ratingMin = static_cast<int>(*v);
            cr.finish();
            f.compartments.push_back(k);
        });
        list(r, "walls", false, "a list of walls", [&](const YAML::Node& n, const std::string& p) {
            MapReader wr(c, n, p);
            if (!wr.ok()) return;
            Wall w;
            w.loc = wr.loc();
            MapReader::set(w.id, wr.str("id", false));
            if (w.id.empty()) w.id = f.id + "/wall#" + std::to_string(f.walls.size() + 1);
            MapReader::set(w.points, wr.points("points", true, 2, "a wall polyline"));
            MapReader::set(w.thicknessM, wr.num("thickness_m", false, "a thickness in metres", Bound::Positive));
            wr.finish();
            f.walls.push_back(w);
        });
        list(r, "obstacles", false, "a list of obstacles", [&](const YAML::Node& n, const std::string& p) {
            MapReader orr(c, n, p);
            if (!orr.ok()) return;
            Obstacle o;
            o.loc = orr.loc();
            MapReader::set(o.id, orr.str("id", false));
            MapReader::set(o.polygon, orr.points("polygon", true, 3, "an obstacle polygon"));
            orr.finish();
            f.obstacles.push_back(o);
        });
        list(r, "rooms", true, "a list of rooms", [&](const YAML::Node& n, const std::string& p) {
            MapReader rr(c, n, p);
            if (!rr.ok()) return;
            Room m;
            m.loc = rr.loc();
            MapReader::set(m.id, rr.str("id", true));
            MapReader::set(m.name, rr.str("name", false));
            MapReader::set(m.kind, rr.enumeration("kind", true, names::roomKinds()));
            MapReader::set(m.polygon, rr.points("polygon", true, 3, "a room polygon"));
            MapReader::set(m.department, rr.str("department", false));
            if (auto h = rr.enumeration("hazard", false, names::hazardLevels())) m.hazard = h;
            MapReader::set(m.compartment, rr.str("compartment", false));
            MapReader::set(m.fireCompartment, rr.str("fire_compartment", false));
            MapReader::set(m.halfMonthly, rr.boolean("half_monthly", false));
            MapReader::set(m.sprinklered, rr.boolean("sprinklered", false));
            rr.finish();
            f.rooms.push_back(m);
        });
        list(r, "doors", false, "a list of doors", [&](const YAML::Node& n, const std::string& p) {
            MapReader dr(c, n, p);
            if (!dr.ok()) return;
            Door d;
            d.loc = dr.loc();
            MapReader::set(d.id, dr.str("id", true));
            MapReader::set(d.at, dr.point("at", true));
            MapReader::set(d.widthM, dr.num("width_m", true, "a width in metres", Bound::Positive));
            YAML::Node rooms = dr.get("rooms", true, "the two room ids the door joins");
            if (rooms.IsDefined()) {
                if (rooms.IsSequence() && rooms.size() == 2 && rooms[0].IsScalar() && rooms[1].IsScalar()) {
                    d.roomA = rooms[0].Scalar();
                    d.roomB = rooms[1].Scalar();
                } else {
                    c.error(rooms, dr.pathOf("rooms"),
                            "expected the two room ids the door joins, [a, b], got " +
                                (rooms.IsSequence() ? "a list of " + std::to_string(rooms.size()) + " items"
                                                    : yaml::describe(rooms)));
                }
            }
            MapReader::set(d.fireDoor, dr.boolean("fire_door", false));
            if (auto v = dr.integer("fire_rating_min", false, "a fire rating in minutes", Bound::NonNegative))
                d.fireRatingMin = static_cast<int>(*v);
            MapReader::set(d.state, dr.enumeration("state", false, names::doorStates()));
            MapReader::set(d.closesOnAlarm, dr.boolean("closes_on_alarm", false));
            dr.finish();
            f.doors.push_back(d);
        });
        list(r, "exits", false, "a list of exits", [&](const YAML::Node& n, const std::string& p) {
            MapReader er(c, n, p);
            if (!er.ok()) return;
            Exit e;
            e.loc = er.loc();
            MapReader::set(e.id, er.str("id", true));
            MapReader::set(e.at, er.point("at", true));
            MapReader::set(e.widthM, er.num("width_m", true, "a width in metres", Bound::Positive));
            MapReader::set(e.room, er.str("room", true));
            MapReader::set(e.assemblyPoint, er.str("assembly_point", false));
            MapReader::set(e.state, er.enumeration("state", false, names::doorStates()));
            MapReader::set(e.signed_, er.boolean("signed", false));
            MapReader::set(e.obstructed, er.boolean("obstructed", false));
            er.finish();
            f.exits.push_back(e);
        });
        return f;
    }

    // ---- inventory ------------------------------------------------------------------
    template <class T>
    void placed(MapReader& r, T& item) {
        item.loc = r.loc();
        MapReader::set(item.id, r.str("id", true));
        MapReader::set(item.floor, r.str("floor", true));
        MapReader::set(item.at, r.point("at", true));
    }

    void inventory(MapReader& r, Inventory& inv) {
        const Ctx& c = r.ctx();
        list(r, "extinguishers", false, "a list of extinguishers", [&](const YAML::Node& n, const std::string& p) {
            MapReader er(c, n, p);
            if (!er.ok()) return;
            Extinguisher e;
            placed(er, e);
            MapReader::set(e.settingPoint, er.str("setting_point", false));
            MapReader::set(e.agent, er.enumeration("agent", true, names::agents()));
            MapReader::set(e.type, er.enumeration("type", false, names::extinguisherTypes()));
            MapReader::set(e.model, er.str("model", false));
            YAML::Node rating = er.get("rating", false, "a nameplate rating {a, b}");
            if (rating.IsDefined()) {
                MapReader rr(c, rating, er.pathOf("rating"));
                if (rr.ok()) {
                    if (auto a = rr.integer("a", false, "class A units", Bound::Positive)) e.ratingA = static_cast<int>(*a);
                    if (auto b = rr.integer("b", false, "class B units", Bound::Positive)) e.ratingB = static_cast<int>(*b);
                    rr.finish();
                }
            }
            MapReader::set(e.fillKg, er.num("fill_kg", false, "a fill mass in kg", Bound::Positive));
            MapReader::set(e.manufactured, er.yearMonth("manufactured", true));
            if (auto d = er.date("installed", false)) e.installed = d;
            if (auto d = er.date("last_inspection", false)) e.lastInspection = d;
            list(er, "maintenance", false, "a list of maintenance records", [&](const YAML::Node& mn, const std::string& mp) {
                MapReader mr(c, mn, mp);
                if (!mr.ok()) return;
                MaintenanceRecord m;
                m.loc = mr.loc();
                MapReader::set(m.date, mr.date("date", true));
                MapReader::set(m.kind, mr.str("kind", true));
                static const std::vector<std::string> kKinds = {"service", "recharge", "hydrostatic", "internal_exam"};
                if (!m.kind.empty() && std::find(kKinds.begin(), kKinds.end(), m.kind) == kKinds.end())
                    c.error(mr.get("kind", false, ""), mr.pathOf("kind"),
                            "expected one of " + yaml::enumList(kKinds) + "; got \"" + m.kind + "\"");
                MapReader::set(m.by, mr.str("by", false));
                mr.finish();
                e.maintenance.push_back(m);
            });
            MapReader::set(e.status, er.enumeration("status", false, names::statuses()));
            YAML::Node mount = er.get("mount", false, "mounting heights {top_m, bottom_m}");
            if (mount.IsDefined()) {
                MapReader mr(c, mount, er.pathOf("mount"));
                if (mr.ok()) {
                    if (auto v = mr.num("top_m", false, "a height in metres", Bound::NonNegative)) e.mountTopM = v;
                    if (auto v = mr.num("bottom_m", false, "a height in metres", Bound::NonNegative)) e.mountBottomM = v;
                    mr.finish();
                }
            }
            MapReader::set(e.cabinetLocked, er.boolean("cabinet_locked", false));
            er.finish();
            inv.extinguishers.push_back(std::move(e));
        });
        list(r, "hydrants", false, "a list of hydrants and hose reels", [&](const YAML::Node& n, const std::string& p) {
            MapReader hr(c, n, p);
            if (!hr.ok()) return;
            Hydrant h;
            placed(hr, h);
            MapReader::set(h.kind, hr.enumeration("kind", false, names::hydrantKinds()));
            MapReader::set(h.hoseLengthM, hr.num("hose_length_m", false, "a hose length in metres", Bound::Positive));
            if (auto d = hr.date("last_inspection", false)) h.lastInspection = d;
            MapReader::set(h.status, hr.enumeration("status", false, names::statuses()));
            hr.finish();
            inv.hydrants.push_back(h);
        });
        list(r, "emergency_lights", false, "a list of emergency lights", [&](const YAML::Node& n, const std::string& p) {
            MapReader lr(c, n, p);
            if (!lr.ok()) return;
            EmergencyLight l;
            placed(lr, l);
            MapReader::set(l.ratedDurationMin, lr.num("rated_duration_min", false, "a duration in minutes", Bound::Positive));
            if (auto v = lr.num("measured_duration_min", false, "a duration in minutes", Bound::NonNegative)) l.measuredDurationMin = v;
            if (auto d = lr.date("last_monthly_test", false)) l.lastMonthlyTest = d;
            if (auto d = lr.date("last_annual_test", false)) l.lastAnnualTest = d;
            MapReader::set(l.status, lr.enumeration("status", false, names::statuses()));
            lr.finish();
            inv.lights.push_back(l);
        });
        list(r, "signs", false, "a list of signs", [&](const YAML::Node& n, const std::string& p) {
            MapReader sr(c, n, p);
            if (!sr.ok()) return;
            Sign s;
            placed(sr, s);
            MapReader::set(s.kind, sr.enumeration("kind", true, names::signKinds()));
            MapReader::set(s.heightM, sr.num("height_m", false, "a height in metres", Bound::NonNegative));
            MapReader::set(s.illuminated, sr.boolean("illuminated", false));
            if (auto d = sr.date("last_inspection", false)) s.lastInspection = d;
            MapReader::set(s.status, sr.enumeration("status", false, names::statuses()));
            sr.finish();
            inv.signs.push_back(s);
        });
        list(r, "detectors", false, "a list of detectors", [&](const YAML::Node& n, const std::string& p) {
            MapReader dr(c, n, p);
            if (!dr.ok()) return;
            Detector d;
            placed(dr, d);
            MapReader::set(d.kind, dr.enumeration("kind", false, names::detectorKinds()));
            if (auto v = dr.date("last_test", false)) d.lastTest = v;
            MapReader::set(d.status, dr.enumeration("status", false, names::statuses()));
            dr.finish();
            inv.detectors.push_back(d);
        });
    }

    // ---- population -----------------------------------------------------------------
    void population(MapReader& r, Population& pop) {
        pop.loc = r.loc();
        const Ctx& c = r.ctx();
        list(r, "groups", true, "a list of occupant groups", [&](const YAML::Node& n, const std::string& p) {
            MapReader gr(c, n, p);
            if (!gr.ok()) return;
            OccupantGroup g;
            g.loc = gr.loc();
            MapReader::set(g.room, gr.str("room", false));
            MapReader::set(g.roomKind, gr.str("room_kind", false));
            MapReader::set(g.floor, gr.str("floor", false));
            MapReader::set(g.building, gr.str("building", false));
            if (g.room.empty() == g.roomKind.empty())
                m_diags.error(g.loc, p, g.room.empty() ? "missing required key \"room\" or \"room_kind\" (expected where the group is)"
                                                       : "expected either \"room\" or \"room_kind\", got both");
            if (!g.roomKind.empty() && !names::lookup(names::roomKinds(), g.roomKind)) {
                std::vector<std::string> all;
                for (const auto& [v, nm] : names::roomKinds()) all.emplace_back(nm);
                c.error(gr.get("room_kind", false, ""), gr.pathOf("room_kind"),
                        "expected one of " + yaml::enumList(all) + "; got \"" + g.roomKind + "\"");
            }
            MapReader::set(g.profile, gr.str("profile", true));
            if (auto v = gr.integer("day", false, "a head count", Bound::NonNegative)) g.day = static_cast<int>(*v);
            if (auto v = gr.integer("night", false, "a head count", Bound::NonNegative)) g.night = static_cast<int>(*v);
            MapReader::set(g.group, gr.str("group", false));
            gr.finish();
            pop.groups.push_back(g);
        });
    }

private:
    Diagnostics& m_diags;
    Project& m_project;
};

}  // namespace

std::optional<Project> loadProject(const std::string& scenarioPath, Diagnostics& diags) {
    const int before = diags.errorCount();
    Project p;
    p.scenarioPath = scenarioPath;
    auto doc = yaml::loadDocument(scenarioPath, nullptr, diags);
    if (!doc) return std::nullopt;
    p.scenarioText = doc->text;
    p.files.emplace_back(scenarioPath, doc->text);
    Loader loader(diags, p);
    Ctx ctx{scenarioPath, &diags};
    MapReader r(ctx, doc->root, "", "a map at the top of the file");
    if (r.ok()) {
        loader.checkKind(r, "scenario", true);
        loader.scenario(r, dirOf(scenarioPath));
        r.finish();
    }
    // Semantic checks run even after syntax-level errors, so one run reports everything;
    // items that failed to load are skipped by the checks.
    validateProject(p, diags);
    if (diags.errorCount() > before) return std::nullopt;
    return p;
}

void validateFile(const std::string& path, Diagnostics& diags) {
    auto doc = yaml::loadDocument(path, nullptr, diags);
    if (!doc) return;
    Ctx ctx{path, &diags};
    MapReader r(ctx, doc->root, "", "a map at the top of the file");
    if (!r.ok()) return;
    const YAML::Node& root = doc->root;
    const YAML::Node kind = root["kind"];
    const std::string k = kind.IsScalar() ? kind.Scalar() : "";
    if (k == "scenario") {
        (void)loadProject(path, diags);
        return;
    }
    Project p;
    Loader loader(diags, p);
    r.get("kind", true, "the file kind");
    if (k == "building") {
        p.buildings.push_back(loader.building(r, dirOf(path)));
        r.finish();
        validateBuilding(p.buildings.back(), diags);
    } else if (k == "floor") {
        Building b;
        b.floors.push_back(loader.floor(r));
        b.id = b.floors.back().building;
        r.finish();
        validateBuilding(b, diags);
    } else if (k == "inventory") {
        loader.inventory(r, p.inventory);
        r.finish();
        validateInventory(p.inventory, {}, diags);
    } else if (k == "population") {
        loader.population(r, p.population);
        r.finish();
        validatePopulation(p.population, {}, diags);
    } else if (kind.IsDefined()) {
        ctx.error(kind, "kind",
                  "expected one of scenario, building, floor, inventory, population; got " +
                      yaml::describe(kind));
    }
}

}  // namespace muster
