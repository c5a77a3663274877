#include "yaml/loader_internal.hpp"

#include "muster/limits.hpp"

#include "base/enum_names.hpp"

namespace muster::yaml {

namespace fs = std::filesystem;

std::optional<Distribution> Loader::distribution(MapReader& parent, const char* key,
                                                 bool required) {
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
        MapReader::set(d.mean, r.num("mean", true, "a number",
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
                    if (auto x = yaml::toNumber(r.ctx(), v[i],
                                                yaml::indexPath(r.pathOf("values"), i), "a number"))
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

void Loader::profiles(MapReader& r, ProfileSet& set) {
    const Ctx& c = r.ctx();
    YAML::Node model = r.get("model", false, "the model parameters");
    if (model.IsDefined()) {
        MapReader m(c, model, r.pathOf("model"));
        if (m.ok()) {
            ModelParams& p = set.model;
            MapReader::set(p.neighbourStrength,
                           m.num("neighbour_strength", false, "a number", Bound::NonNegative));
            MapReader::set(p.neighbourRange,
                           m.num("neighbour_range_m", false, "a range in metres", Bound::Positive));
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
            MapReader::set(p.doorFlowDesign, m.num("door_flow_design_pms", false,
                                                   "a specific flow in P/(m·s)", Bound::Positive));
            MapReader::set(p.stairFlow, m.num("stair_flow_pms", false, "a specific flow in P/(m·s)",
                                              Bound::Positive));
            MapReader::set(p.stairEntryRadiusM, m.num("stair_entry_radius_m", false,
                                                      "a radius in metres", Bound::Positive));
            MapReader::set(p.cellM, m.numIn("cell_m", false, "a grid spacing in metres",
                                            limits::kMinCellM, limits::kMaxCellM));
            MapReader::set(p.frameIntervalS, m.num("frame_interval_s", false,
                                                   "a duration in seconds", Bound::Positive));
            m.finish();
        }
    }
    list(r, "profiles", true, "a list of profiles", [&](const YAML::Node& n, const std::string& p) {
        MapReader pr(c, n, p);
        if (!pr.ok())
            return;
        Profile f;
        f.loc = pr.loc();
        MapReader::set(f.name, pr.str("name", true));
        MapReader::set(f.radiusM,
                       pr.num("radius_m", true, "a body radius in metres", Bound::Positive));
        MapReader::set(f.freeSpeed, distribution(pr, "speed_mps", true));
        MapReader::set(f.stairDownMps,
                       pr.num("stair_down_mps", false, "a speed in m/s", Bound::NonNegative));
        MapReader::set(f.stairUpMps,
                       pr.num("stair_up_mps", false, "a speed in m/s", Bound::NonNegative));
        MapReader::set(f.canUseStairs, pr.boolean("can_use_stairs", false));
        MapReader::set(f.selfEvacuates, pr.boolean("self_evacuates", false));
        MapReader::set(f.premovement, distribution(pr, "premovement_s", false));
        MapReader::set(f.timeGapS,
                       pr.num("time_gap_s", false, "a time gap in seconds", Bound::Positive));
        MapReader::set(f.helps, pr.boolean("helps", false));
        if (YAML::Node an =
                pr.get("assisted", false, "a map {device: ..., staff: ..., speed_mps: ...}");
            an.IsDefined()) {
            MapReader ar(c, an, pr.pathOf("assisted"));
            if (ar.ok()) {
                AssistSpec a;
                static constexpr std::pair<DeviceKind, const char*> kDevices[] = {
                    {DeviceKind::None, "none"},
                    {DeviceKind::Wheelchair, "wheelchair"},
                    {DeviceKind::Bed, "bed"},
                    {DeviceKind::EvacChair, "evac_chair"}};
                if (auto d = ar.enumeration("device", true, names::Table<DeviceKind>(kDevices)))
                    a.device = *d;
                if (auto n2 = ar.intIn("staff", true, "a number of staff", 1, 4))
                    a.staff = *n2;
                MapReader::set(a.speed, distribution(ar, "speed_mps", true));
                MapReader::set(a.lengthM, ar.num("length_m", false, "a device length in metres",
                                                 Bound::Positive));
                MapReader::set(a.widthM, ar.num("width_m", false, "a device width in metres",
                                                Bound::Positive));
                MapReader::set(a.preparation, distribution(ar, "preparation_s", false));
                if (YAML::Node sn =
                        ar.get("stairs", false,
                               "a map {staff: ..., speed_mps: ..., level_speed_mps: ...}");
                    sn.IsDefined()) {
                    MapReader sr(c, sn, ar.pathOf("stairs"));
                    if (sr.ok()) {
                        a.stairs = true;
                        if (auto n3 = sr.intIn("staff", true, "a number of staff", 1, 4))
                            a.stairStaff = *n3;
                        MapReader::set(a.stairSpeed, distribution(sr, "speed_mps", true));
                        MapReader::set(a.stairLevelSpeed,
                                       distribution(sr, "level_speed_mps", true));
                        MapReader::set(a.stairPreparation,
                                       distribution(sr, "preparation_s", false));
                        MapReader::set(a.stairLengthM,
                                       sr.num("length_m", false, "a device length in metres",
                                              Bound::Positive));
                        MapReader::set(
                            a.stairWidthM,
                            sr.num("width_m", false, "a device width in metres", Bound::Positive));
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

void Loader::population(MapReader& r, Population& pop) {
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
                        "expected one of " + yaml::enumList(all) + "; got \"" + g.roomKind + "\"");
            }
            MapReader::set(g.profile, gr.str("profile", true));
            MapReader::set(g.day, gr.intIn("day", false, "a head count", 0, limits::kMaxCount));
            MapReader::set(g.night, gr.intIn("night", false, "a head count", 0, limits::kMaxCount));
            MapReader::set(g.group, gr.str("group", false));
            gr.finish();
            pop.groups.push_back(g);
        });
}

} // namespace muster::yaml
