#include "muster/loader.hpp"

#include <filesystem>
#include <functional>

#include "muster/rules.hpp"
#include "muster/validate.hpp"
#include "yaml/drill_loader.hpp"
#include "yaml/yaml_reader.hpp"

namespace muster {

namespace fs = std::filesystem;
using yaml::Bound;
using yaml::Ctx;
using yaml::MapReader;

namespace {

std::string resolve(const std::string& baseDir, const std::string& ref) {
    const fs::path p(ref);
    if (p.is_absolute() || baseDir.empty())
        return p.lexically_normal().string();
    return (fs::path(baseDir) / p).lexically_normal().string();
}

std::string dirOf(const std::string& file) {
    return fs::path(file).parent_path().string();
}

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

    // False when the content says it is another kind: reading a floor as a building would only
    // add a cascade of missing and unknown keys, so the caller skips it.
    bool checkKind(MapReader& r, const char* kind, bool required) {
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

    // Iterates a list-valued key; each item handed to fn with its path.
    void list(MapReader& r, const char* key, bool required, const char* what,
              const std::function<void(const YAML::Node&, const std::string&)>& fn) {
        YAML::Node n = r.get(key, required, what);
        if (!n.IsDefined())
            return;
        if (!n.IsSequence()) {
            r.ctx().error(n, r.pathOf(key),
                          std::string("expected ") + what + ", got " + yaml::describe(n));
            return;
        }
        for (size_t i = 0; i < n.size(); ++i)
            fn(n[i], yaml::indexPath(r.pathOf(key), i));
    }

    // ---- distributions and profiles -------------------------------------------------
    std::optional<Distribution> distribution(MapReader& parent, const char* key, bool required) {
        YAML::Node n = parent.get(key, required, "a distribution {distribution: ..., ...}");
        if (!n.IsDefined())
            return std::nullopt;
        MapReader r(parent.ctx(), n, parent.pathOf(key));
        if (!r.ok())
            return std::nullopt;
        static constexpr std::pair<DistKind, const char*> kKinds[] = {
            {DistKind::Constant, "constant"},
            {DistKind::Uniform, "uniform"},
            {DistKind::Normal, "normal"},
            {DistKind::LogNormal, "lognormal"},
            {DistKind::List, "list"}};
        Distribution d;
        d.loc = r.loc();
        auto kind = r.enumeration("distribution", true, names::Table<DistKind>(kKinds));
        if (!kind) {
            r.finish();
            return std::nullopt;
        }
        d.kind = *kind;
        const int before = m_diags.errorCount();
        switch (d.kind) {
        case DistKind::Constant:
            MapReader::set(d.value, r.num("value", true, "a number"));
            break;
        case DistKind::Uniform:
            MapReader::set(d.min, r.num("min", true, "a number"));
            MapReader::set(d.max, r.num("max", true, "a number"));
            break;
        case DistKind::Normal:
        case DistKind::LogNormal:
            MapReader::set(d.mean,
                           r.num("mean", true, "a number",
                                 d.kind == DistKind::LogNormal ? Bound::Positive : Bound::Any));
            MapReader::set(d.sd, r.num("sd", true, "a standard deviation", Bound::NonNegative));
            MapReader::set(d.min, r.num("min", false, "a number"));
            MapReader::set(d.max, r.num("max", false, "a number"));
            break;
        case DistKind::List: {
            YAML::Node v = r.get("values", true, "a list of numbers");
            if (v.IsDefined()) {
                if (!v.IsSequence() || v.size() == 0)
                    r.ctx().error(v, r.pathOf("values"),
                                  "expected a non-empty list of numbers, got " + yaml::describe(v));
                else
                    for (size_t i = 0; i < v.size(); ++i)
                        if (auto x = yaml::toNumber(
                                r.ctx(), v[i], yaml::indexPath(r.pathOf("values"), i), "a number"))
                            d.list.push_back(*x);
            }
            break;
        }
        }
        if (m_diags.errorCount() == before && d.min > d.max)
            m_diags.error(d.loc, r.pathOf("max"),
                          "expected max >= min, got min " + std::to_string(d.min) + " and max " +
                              std::to_string(d.max));
        r.finish();
        if (m_diags.errorCount() != before)
            return std::nullopt;
        return d;
    }

    void profiles(MapReader& r, ProfileSet& set) {
        const Ctx& c = r.ctx();
        YAML::Node model = r.get("model", false, "the model parameters");
        if (model.IsDefined()) {
            MapReader m(c, model, r.pathOf("model"));
            if (m.ok()) {
                ModelParams& p = set.model;
                MapReader::set(p.neighbourStrength,
                               m.num("neighbour_strength", false, "a number", Bound::NonNegative));
                MapReader::set(p.neighbourRange, m.num("neighbour_range_m", false,
                                                       "a range in metres", Bound::Positive));
                MapReader::set(p.wallStrength,
                               m.num("wall_strength", false, "a number", Bound::NonNegative));
                MapReader::set(p.wallRange,
                               m.num("wall_range_m", false, "a range in metres", Bound::Positive));
                MapReader::set(p.queueSpeedMps,
                               m.num("queue_speed_mps", false, "a speed in m/s", Bound::Positive));
                MapReader::set(p.rerouteIntervalS, m.num("reroute_interval_s", false,
                                                         "a duration in seconds", Bound::Positive));
                MapReader::set(p.rerouteGain,
                               m.num("reroute_gain", false, "a fraction", Bound::NonNegative));
                MapReader::set(p.doorFlowDesign,
                               m.num("door_flow_design_pms", false, "a specific flow in P/(m·s)",
                                     Bound::Positive));
                MapReader::set(p.stairFlow, m.num("stair_flow_pms", false,
                                                  "a specific flow in P/(m·s)", Bound::Positive));
                MapReader::set(p.stairEntryRadiusM, m.num("stair_entry_radius_m", false,
                                                          "a radius in metres", Bound::Positive));
                MapReader::set(p.cellM,
                               m.num("cell_m", false, "a grid spacing in metres", Bound::Positive));
                MapReader::set(p.frameIntervalS, m.num("frame_interval_s", false,
                                                       "a duration in seconds", Bound::Positive));
                m.finish();
            }
        }
        list(r, "profiles", true, "a list of profiles",
             [&](const YAML::Node& n, const std::string& p) {
                 MapReader pr(c, n, p);
                 if (!pr.ok())
                     return;
                 Profile f;
                 f.loc = pr.loc();
                 MapReader::set(f.name, pr.str("name", true));
                 MapReader::set(f.radiusM, pr.num("radius_m", true, "a body radius in metres",
                                                  Bound::Positive));
                 MapReader::set(f.freeSpeed, distribution(pr, "speed_mps", true));
                 MapReader::set(f.stairDownMps, pr.num("stair_down_mps", false, "a speed in m/s",
                                                       Bound::NonNegative));
                 MapReader::set(f.stairUpMps, pr.num("stair_up_mps", false, "a speed in m/s",
                                                     Bound::NonNegative));
                 MapReader::set(f.canUseStairs, pr.boolean("can_use_stairs", false));
                 MapReader::set(f.selfEvacuates, pr.boolean("self_evacuates", false));
                 MapReader::set(f.premovement, distribution(pr, "premovement_s", false));
                 MapReader::set(f.timeGapS, pr.num("time_gap_s", false, "a time gap in seconds",
                                                   Bound::Positive));
                 MapReader::set(f.helps, pr.boolean("helps", false));
                 if (YAML::Node an = pr.get("assisted", false,
                                            "a map {device: ..., staff: ..., speed_mps: ...}");
                     an.IsDefined()) {
                     MapReader ar(c, an, pr.pathOf("assisted"));
                     if (ar.ok()) {
                         AssistSpec a;
                         static constexpr std::pair<DeviceKind, const char*> kDevices[] = {
                             {DeviceKind::None, "none"},
                             {DeviceKind::Wheelchair, "wheelchair"},
                             {DeviceKind::Bed, "bed"},
                             {DeviceKind::EvacChair, "evac_chair"}};
                         if (auto d =
                                 ar.enumeration("device", true, names::Table<DeviceKind>(kDevices)))
                             a.device = *d;
                         if (auto n2 =
                                 ar.num("staff", true, "a number of staff (1-4)", Bound::Positive))
                             a.staff = static_cast<int>(*n2);
                         MapReader::set(a.speed, distribution(ar, "speed_mps", true));
                         MapReader::set(a.lengthM,
                                        ar.num("length_m", false, "a device length in metres",
                                               Bound::Positive));
                         MapReader::set(
                             a.widthM,
                             ar.num("width_m", false, "a device width in metres", Bound::Positive));
                         MapReader::set(a.preparation, distribution(ar, "preparation_s", false));
                         if (YAML::Node sn =
                                 ar.get("stairs", false,
                                        "a map {staff: ..., speed_mps: ..., level_speed_mps: ...}");
                             sn.IsDefined()) {
                             MapReader sr(c, sn, ar.pathOf("stairs"));
                             if (sr.ok()) {
                                 a.stairs = true;
                                 if (auto n3 = sr.num("staff", true, "a number of staff (1-4)",
                                                      Bound::Positive))
                                     a.stairStaff = static_cast<int>(*n3);
                                 MapReader::set(a.stairSpeed, distribution(sr, "speed_mps", true));
                                 MapReader::set(a.stairLevelSpeed,
                                                distribution(sr, "level_speed_mps", true));
                                 MapReader::set(a.stairPreparation,
                                                distribution(sr, "preparation_s", false));
                                 MapReader::set(a.stairLengthM, sr.num("length_m", false,
                                                                       "a device length in metres",
                                                                       Bound::Positive));
                                 MapReader::set(a.stairWidthM,
                                                sr.num("width_m", false, "a device width in metres",
                                                       Bound::Positive));
                                 sr.finish();
                             }
                         }
                         ar.finish();
                         f.assisted = a;
                         f.selfEvacuates = false;
                         f.canUseStairs = a.stairs;
                     }
                 }
                 pr.finish();
                 if (!f.name.empty()) {
                     if (set.profiles.count(f.name))
                         m_diags.error(f.loc, yaml::joinPath(p, "name"),
                                       "duplicate profile \"" + f.name + "\"");
                     set.profiles[f.name] = f;
                 }
             });
    }

    // ---- scenario -------------------------------------------------------------------
    void scenario(MapReader& r, const std::string& baseDir) {
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
            section(
                c, pop, r.pathOf("population"), baseDir, "population",
                [&](MapReader& pr, const std::string&) { population(pr, m_project.population); });
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
        MapReader::set(s.timeStepS,
                       r.num("time_step_s", false, "a time step in seconds", Bound::Positive));
        MapReader::set(s.maxTimeS,
                       r.num("max_time_s", false, "a duration in seconds", Bound::Positive));
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
        list(
            r, "events", false, "a list of door events",
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

    // ---- building -------------------------------------------------------------------
    Building building(MapReader& r, const std::string& baseDir) {
        Building b;
        b.loc = r.loc();
        MapReader::set(b.id, r.str("id", true));
        MapReader::set(b.name, r.str("name", false));
        MapReader::set(b.rulesProfile, r.str("rules_profile", false));
        if (b.rulesProfile.empty())
            b.rulesProfile = "cn";
        else if (b.rulesProfile != "cn" && b.rulesProfile != "nfpa")
            r.ctx().error(r.get("rules_profile", false, ""), r.pathOf("rules_profile"),
                          "expected one of cn, nfpa; got \"" + b.rulesProfile + "\"");
        MapReader::set(b.sprinklered, r.boolean("sprinklered", false));
        MapReader::set(b.hydrants, r.boolean("hydrants", false));
        const Ctx& c = r.ctx();
        list(r, "assembly_points", false, "a list of assembly points",
             [&](const YAML::Node& n, const std::string& p) {
                 MapReader ar(c, n, p);
                 if (!ar.ok())
                     return;
                 AssemblyPoint a;
                 a.loc = ar.loc();
                 MapReader::set(a.id, ar.str("id", true));
                 MapReader::set(a.name, ar.str("name", false));
                 ar.finish();
                 b.assemblyPoints.push_back(a);
             });
        list(r, "floors", true, "a list of floor files or floors",
             [&](const YAML::Node& n, const std::string& p) {
                 section(c, n, p, baseDir, "floor", [&](MapReader& fr, const std::string&) {
                     Floor f = floor(fr);
                     if (f.building.empty())
                         f.building = b.id;
                     else if (f.building != b.id)
                         fr.ctx().error(fr.get("building", false, ""), fr.pathOf("building"),
                                        "floor says it belongs to building \"" + f.building +
                                            "\" but is listed by building \"" + b.id + "\"");
                     b.floors.push_back(std::move(f));
                 });
             });
        list(r, "stairs", false, "a list of stairs",
             [&](const YAML::Node& n, const std::string& p) {
                 MapReader sr(c, n, p);
                 if (!sr.ok())
                     return;
                 Stair s;
                 s.loc = sr.loc();
                 MapReader::set(s.id, sr.str("id", true));
                 MapReader::set(s.widthM,
                                sr.num("width_m", true, "a width in metres", Bound::Positive));
                 MapReader::set(s.lengthM,
                                sr.num("length_m", true, "a length in metres", Bound::Positive));
                 auto end = [&](const char* key, StairEnd& e) {
                     YAML::Node en = sr.get(key, true, "a stair end {floor, at}");
                     if (!en.IsDefined())
                         return;
                     MapReader er(c, en, sr.pathOf(key));
                     if (!er.ok())
                         return;
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
        if (auto lv = r.integer("level", false, "a storey number"))
            f.level = static_cast<int>(*lv);
        MapReader::set(f.elevationM, r.num("elevation_m", false, "an elevation in metres"));
        MapReader::set(f.outline, r.points("outline", true, 3, "an outline polygon"));
        list(r, "compartments", false, "a list of compartments",
             [&](const YAML::Node& n, const std::string& p) {
                 MapReader cr(c, n, p);
                 if (!cr.ok())
                     return;
                 Compartment k;
                 k.loc = cr.loc();
                 MapReader::set(k.id, cr.str("id", true));
                 MapReader::set(k.name, cr.str("name", false));
                 MapReader::set(k.kind, cr.enumeration("kind", false, names::compartmentKinds()));
                 if (auto v = cr.integer("rating_min", false, "a fire rating in minutes",
                                         Bound::NonNegative))
                     k.ratingMin = static_cast<int>(*v);
                 cr.finish();
                 f.compartments.push_back(k);
             });
        list(r, "walls", false, "a list of walls", [&](const YAML::Node& n, const std::string& p) {
            MapReader wr(c, n, p);
            if (!wr.ok())
                return;
            Wall w;
            w.loc = wr.loc();
            MapReader::set(w.id, wr.str("id", false));
            if (w.id.empty())
                w.id = f.id + "/wall#" + std::to_string(f.walls.size() + 1);
            MapReader::set(w.points, wr.points("points", true, 2, "a wall polyline"));
            MapReader::set(w.thicknessM,
                           wr.num("thickness_m", false, "a thickness in metres", Bound::Positive));
            wr.finish();
            f.walls.push_back(w);
        });
        list(r, "obstacles", false, "a list of obstacles",
             [&](const YAML::Node& n, const std::string& p) {
                 MapReader orr(c, n, p);
                 if (!orr.ok())
                     return;
                 Obstacle o;
                 o.loc = orr.loc();
                 MapReader::set(o.id, orr.str("id", false));
                 MapReader::set(o.polygon, orr.points("polygon", true, 3, "an obstacle polygon"));
                 orr.finish();
                 f.obstacles.push_back(o);
             });
        list(r, "rooms", true, "a list of rooms", [&](const YAML::Node& n, const std::string& p) {
            MapReader rr(c, n, p);
            if (!rr.ok())
                return;
            Room m;
            m.loc = rr.loc();
            MapReader::set(m.id, rr.str("id", true));
            MapReader::set(m.name, rr.str("name", false));
            MapReader::set(m.kind, rr.enumeration("kind", true, names::roomKinds()));
            MapReader::set(m.polygon, rr.points("polygon", true, 3, "a room polygon"));
            MapReader::set(m.department, rr.str("department", false));
            if (auto h = rr.enumeration("hazard", false, names::hazardLevels()))
                m.hazard = h;
            MapReader::set(m.compartment, rr.str("compartment", false));
            MapReader::set(m.fireCompartment, rr.str("fire_compartment", false));
            MapReader::set(m.halfMonthly, rr.boolean("half_monthly", false));
            MapReader::set(m.sprinklered, rr.boolean("sprinklered", false));
            rr.finish();
            f.rooms.push_back(m);
        });
        list(r, "doors", false, "a list of doors", [&](const YAML::Node& n, const std::string& p) {
            MapReader dr(c, n, p);
            if (!dr.ok())
                return;
            Door d;
            d.loc = dr.loc();
            MapReader::set(d.id, dr.str("id", true));
            MapReader::set(d.at, dr.point("at", true));
            MapReader::set(d.widthM, dr.num("width_m", true, "a width in metres", Bound::Positive));
            YAML::Node rooms = dr.get("rooms", true, "the two room ids the door joins");
            if (rooms.IsDefined()) {
                if (rooms.IsSequence() && rooms.size() == 2 && rooms[0].IsScalar() &&
                    rooms[1].IsScalar()) {
                    d.roomA = rooms[0].Scalar();
                    d.roomB = rooms[1].Scalar();
                } else {
                    c.error(rooms, dr.pathOf("rooms"),
                            "expected the two room ids the door joins, [a, b], got " +
                                (rooms.IsSequence() ? "a list of " + std::to_string(rooms.size()) +
                                                          (rooms.size() == 1 ? " item" : " items")
                                                    : yaml::describe(rooms)));
                }
            }
            MapReader::set(d.fireDoor, dr.boolean("fire_door", false));
            if (auto v = dr.integer("fire_rating_min", false, "a fire rating in minutes",
                                    Bound::NonNegative))
                d.fireRatingMin = static_cast<int>(*v);
            MapReader::set(d.state, dr.enumeration("state", false, names::doorStates()));
            MapReader::set(d.closesOnAlarm, dr.boolean("closes_on_alarm", false));
            dr.finish();
            f.doors.push_back(d);
        });
        list(r, "exits", false, "a list of exits", [&](const YAML::Node& n, const std::string& p) {
            MapReader er(c, n, p);
            if (!er.ok())
                return;
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
    template <class T> void placed(MapReader& r, T& item) {
        item.loc = r.loc();
        MapReader::set(item.id, r.str("id", true));
        MapReader::set(item.floor, r.str("floor", true));
        MapReader::set(item.at, r.point("at", true));
    }

    void inventory(MapReader& r, Inventory& inv) {
        const Ctx& c = r.ctx();
        list(r, "extinguishers", false, "a list of extinguishers",
             [&](const YAML::Node& n, const std::string& p) {
                 MapReader er(c, n, p);
                 if (!er.ok())
                     return;
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
                         if (auto a = rr.integer("a", false, "class A units", Bound::Positive))
                             e.ratingA = static_cast<int>(*a);
                         if (auto b = rr.integer("b", false, "class B units", Bound::Positive))
                             e.ratingB = static_cast<int>(*b);
                         rr.finish();
                     }
                 }
                 MapReader::set(e.fillKg,
                                er.num("fill_kg", false, "a fill mass in kg", Bound::Positive));
                 const auto manufactured = er.yearMonth("manufactured", true);
                 MapReader::set(e.manufactured, manufactured);
                 if (auto d = er.date("installed", false)) {
                     e.installed = d;
                     // Checked here rather than in validate: only the loader knows where
                     // `installed` is.
                     if (manufactured && *d < manufactured->firstDay())
                         c.error(er.get("installed", false, ""), er.pathOf("installed"),
                                 "installed " + d->str() + " before it was manufactured (" +
                                     manufactured->str() + ")");
                 }
                 if (auto d = er.date("last_inspection", false))
                     e.lastInspection = d;
                 list(er, "maintenance", false, "a list of maintenance records",
                      [&](const YAML::Node& mn, const std::string& mp) {
                          MapReader mr(c, mn, mp);
                          if (!mr.ok())
                              return;
                          MaintenanceRecord m;
                          m.loc = mr.loc();
                          MapReader::set(m.date, mr.date("date", true));
                          MapReader::set(m.kind, mr.str("kind", true));
                          static const std::vector<std::string> kKinds = {
                              "service", "recharge", "hydrostatic", "internal_exam"};
                          if (!m.kind.empty() &&
                              std::find(kKinds.begin(), kKinds.end(), m.kind) == kKinds.end())
                              c.error(mr.get("kind", false, ""), mr.pathOf("kind"),
                                      "expected one of " + yaml::enumList(kKinds) + "; got \"" +
                                          m.kind + "\"");
                          MapReader::set(m.by, mr.str("by", false));
                          mr.finish();
                          e.maintenance.push_back(m);
                      });
                 MapReader::set(e.status, er.enumeration("status", false, names::statuses()));
                 YAML::Node mount = er.get("mount", false, "mounting heights {top_m, bottom_m}");
                 if (mount.IsDefined()) {
                     MapReader mr(c, mount, er.pathOf("mount"));
                     if (mr.ok()) {
                         if (auto v =
                                 mr.num("top_m", false, "a height in metres", Bound::NonNegative))
                             e.mountTopM = v;
                         if (auto v = mr.num("bottom_m", false, "a height in metres",
                                             Bound::NonNegative))
                             e.mountBottomM = v;
                         if (e.mountTopM && e.mountBottomM && *e.mountBottomM > *e.mountTopM) {
                             const YAML::Node top = mr.get("top_m", false, ""),
                                              bottom = mr.get("bottom_m", false, "");
                             c.error(bottom, mr.pathOf("bottom_m"),
                                     "mount bottom_m " + bottom.Scalar() + " is above top_m " +
                                         top.Scalar());
                         }
                         mr.finish();
                     }
                 }
                 MapReader::set(e.cabinetLocked, er.boolean("cabinet_locked", false));
                 er.finish();
                 inv.extinguishers.push_back(std::move(e));
             });
        list(r, "hydrants", false, "a list of hydrants and hose reels",
             [&](const YAML::Node& n, const std::string& p) {
                 MapReader hr(c, n, p);
                 if (!hr.ok())
                     return;
                 Hydrant h;
                 placed(hr, h);
                 MapReader::set(h.kind, hr.enumeration("kind", false, names::hydrantKinds()));
                 MapReader::set(h.hoseLengthM, hr.num("hose_length_m", false,
                                                      "a hose length in metres", Bound::Positive));
                 if (auto d = hr.date("last_inspection", false))
                     h.lastInspection = d;
                 MapReader::set(h.status, hr.enumeration("status", false, names::statuses()));
                 hr.finish();
                 inv.hydrants.push_back(h);
             });
        list(r, "emergency_lights", false, "a list of emergency lights",
             [&](const YAML::Node& n, const std::string& p) {
                 MapReader lr(c, n, p);
                 if (!lr.ok())
                     return;
                 EmergencyLight l;
                 placed(lr, l);
                 MapReader::set(
                     l.ratedDurationMin,
                     lr.num("rated_duration_min", false, "a duration in minutes", Bound::Positive));
                 if (auto v = lr.num("measured_duration_min", false, "a duration in minutes",
                                     Bound::NonNegative))
                     l.measuredDurationMin = v;
                 if (auto d = lr.date("last_monthly_test", false))
                     l.lastMonthlyTest = d;
                 if (auto d = lr.date("last_annual_test", false))
                     l.lastAnnualTest = d;
                 MapReader::set(l.status, lr.enumeration("status", false, names::statuses()));
                 lr.finish();
                 inv.lights.push_back(l);
             });
        list(r, "signs", false, "a list of signs", [&](const YAML::Node& n, const std::string& p) {
            MapReader sr(c, n, p);
            if (!sr.ok())
                return;
            Sign s;
            placed(sr, s);
            MapReader::set(s.kind, sr.enumeration("kind", true, names::signKinds()));
            MapReader::set(s.heightM,
                           sr.num("height_m", false, "a height in metres", Bound::NonNegative));
            MapReader::set(s.illuminated, sr.boolean("illuminated", false));
            if (auto d = sr.date("last_inspection", false))
                s.lastInspection = d;
            MapReader::set(s.status, sr.enumeration("status", false, names::statuses()));
            sr.finish();
            inv.signs.push_back(s);
        });
        list(r, "detectors", false, "a list of detectors",
             [&](const YAML::Node& n, const std::string& p) {
                 MapReader dr(c, n, p);
                 if (!dr.ok())
                     return;
                 Detector d;
                 placed(dr, d);
                 MapReader::set(d.kind, dr.enumeration("kind", false, names::detectorKinds()));
                 if (auto v = dr.date("last_test", false))
                     d.lastTest = v;
                 MapReader::set(d.status, dr.enumeration("status", false, names::statuses()));
                 dr.finish();
                 inv.detectors.push_back(d);
             });
    }

    // ---- population -----------------------------------------------------------------
    void population(MapReader& r, Population& pop) {
        pop.loc = r.loc();
        const Ctx& c = r.ctx();
        list(
            r, "groups", true, "a list of occupant groups",
            [&](const YAML::Node& n, const std::string& p) {
                MapReader gr(c, n, p);
                if (!gr.ok())
                    return;
                OccupantGroup g;
                g.loc = gr.loc();
                MapReader::set(g.room, gr.str("room", false));
                MapReader::set(g.roomKind, gr.str("room_kind", false));
                MapReader::set(g.floor, gr.str("floor", false));
                MapReader::set(g.building, gr.str("building", false));
                if (g.room.empty() == g.roomKind.empty())
                    m_diags.error(
                        g.loc, p,
                        g.room.empty()
                            ? "missing required key \"room\" or \"room_kind\" (expected where the group is)"
                            : "expected either \"room\" or \"room_kind\", got both");
                if (!g.roomKind.empty() && !names::lookup(names::roomKinds(), g.roomKind)) {
                    std::vector<std::string> all;
                    for (const auto& [v, nm] : names::roomKinds())
                        all.emplace_back(nm);
                    c.error(gr.get("room_kind", false, ""), gr.pathOf("room_kind"),
                            "expected one of " + yaml::enumList(all) + "; got \"" + g.roomKind +
                                "\"");
                }
                MapReader::set(g.profile, gr.str("profile", true));
                if (auto v = gr.integer("day", false, "a head count", Bound::NonNegative))
                    g.day = static_cast<int>(*v);
                if (auto v = gr.integer("night", false, "a head count", Bound::NonNegative))
                    g.night = static_cast<int>(*v);
                MapReader::set(g.group, gr.str("group", false));
                gr.finish();
                pop.groups.push_back(g);
            });
    }

private:
    Diagnostics& m_diags;
    Project& m_project;
};

} // namespace

std::optional<Distribution> yaml::readDistribution(MapReader& parent, const char* key,
                                                   bool required, Diagnostics& diags) {
    Project scratch;
    Loader loader(diags, scratch);
    return loader.distribution(parent, key, required);
}

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
    if (auto prof = loadProfiles(profilesPath, diags))
        p.profiles = std::move(*prof);
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
    const int before = diags.errorCount();
    auto doc = yaml::loadDocument(path, nullptr, diags);
    if (!doc)
        return std::nullopt;
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
            "expected one of scenario, building, floor, inventory, population, profiles, drill, rules_profile; got " +
                yaml::describe(kind));
    }
}

} // namespace muster
