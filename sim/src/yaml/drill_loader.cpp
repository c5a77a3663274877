#include "yaml/drill_loader.hpp"

#include <functional>

#include "base/drill_names.hpp"
#include "muster/limits.hpp"

namespace muster {

using yaml::Bound;
using yaml::Ctx;
using yaml::MapReader;

namespace {

void forEachItem(MapReader& r, const char* key, const char* what,
                 const std::function<void(const YAML::Node&, const std::string&)>& fn) {
    r.forEach(key, false, what, fn);
}

void readSmoke(MapReader& parent, SmokeSettings& s, Diagnostics& diags) {
    YAML::Node n = parent.get("smoke", false, "the smoke model settings (a map) or none");
    if (!n.IsDefined())
        return;
    // `smoke: none`: a drill without smoke (no room ever becomes untenable), said plainly rather
    // than as `smoke: {model: given}` with a warning.
    if (n.IsScalar() && n.Scalar() == "none") {
        s.model = SmokeModelKind::Given;
        s.loc = yaml::locOf(parent.ctx().file, n, parent.pathOf("smoke"));
        s.untenable.clear();
        return;
    }
    MapReader r(parent.ctx(), n, parent.pathOf("smoke"), "a map of smoke settings or none");
    if (!r.ok())
        return;
    s.loc = r.loc();
    MapReader::set(s.model, r.enumeration("model", false, names::smokeModels()));
    auto dur = [&](const char* key, double& dst) {
        MapReader::set(dst, r.num(key, false, "a duration in seconds", Bound::NonNegative));
    };
    dur("fire_room_untenable_s", s.fireRoomUntenableS);
    dur("open_door_s", s.openDoorS);
    dur("closed_door_s", s.closedDoorS);
    dur("compartment_boundary_s", s.compartmentBoundaryS);
    dur("stair_shaft_s", s.stairShaftS);
    dur("ramp_s", s.rampS);
    MapReader::set(s.fillSPerM2,
                   r.num("fill_s_per_m2", false, "seconds per square metre", Bound::NonNegative));
    MapReader::set(s.extinctionAtUntenablePerM,
                   r.num("extinction_at_untenable_per_m", false, "an extinction coefficient in 1/m",
                         Bound::Positive));
    MapReader::set(s.extinctionMaxPerM, r.num("extinction_max_per_m", false,
                                              "an extinction coefficient in 1/m", Bound::Positive));
    forEachItem(r, "untenable", "a list of {room, time_s}",
                [&](const YAML::Node& item, const std::string& p) {
                    MapReader ur(r.ctx(), item, p);
                    if (!ur.ok())
                        return;
                    RoomTime rt;
                    rt.loc = ur.loc();
                    MapReader::set(rt.room, ur.str("room", true));
                    MapReader::set(rt.timeS,
                                   ur.num("time_s", true, "a time in seconds since ignition",
                                          Bound::NonNegative));
                    ur.finish();
                    s.untenable.push_back(rt);
                });
    if (s.model == SmokeModelKind::Given && s.untenable.empty())
        diags.warning(
            s.loc, r.pathOf("untenable"),
            "smoke model \"given\" without untenable times: no room ever becomes untenable");
    r.finish();
}

} // namespace

std::optional<Drill> loadDrill(const std::string& path, const SourceLoc* from, Diagnostics& diags) {
    const int before = diags.errorCount();
    auto doc = yaml::loadDocument(path, from, diags);
    if (!doc)
        return std::nullopt;
    Ctx c{path, &diags};
    MapReader r(c, doc->root, "", "a map at the top of the file");
    if (!r.ok())
        return std::nullopt;
    Drill d;
    d.path = path;
    d.text = doc->text;
    d.loc = r.loc();
    YAML::Node kind = r.get("kind", true, "the file kind");
    if (kind.IsDefined() && (!kind.IsScalar() || kind.Scalar() != "drill")) {
        c.error(kind, "kind", "expected \"drill\" here, got " + yaml::describe(kind));
        return std::nullopt;
    }
    MapReader::set(d.name, r.str("name", false));

    YAML::Node fire = r.get("fire", true, "the fire {room, start_s}");
    if (fire.IsDefined()) {
        MapReader fr(c, fire, "fire");
        if (fr.ok()) {
            MapReader::set(d.fireRoom, fr.str("room", true));
            MapReader::set(
                d.fireStartS,
                fr.num("start_s", false, "a time in seconds since ignition", Bound::NonNegative));
            fr.finish();
        }
    }
    MapReader::set(d.detectionS, r.num("detection_s", false, "a time in seconds since ignition",
                                       Bound::NonNegative));
    MapReader::set(d.alarmS,
                   r.num("alarm_s", false, "a time in seconds since ignition", Bound::NonNegative));
    if (d.detectionS < d.fireStartS)
        diags.error(r.loc(), "detection_s",
                    "expected detection_s >= fire.start_s, got " + std::to_string(d.detectionS) +
                        " < " + std::to_string(d.fireStartS));
    if (d.alarmS < d.detectionS)
        diags.warning(r.loc(), "alarm_s",
                      "alarm before detection (manual call point?): alarm_s " +
                          std::to_string(d.alarmS) + " < detection_s " +
                          std::to_string(d.detectionS));
    MapReader::set(d.strategy, r.enumeration("strategy", true, names::strategies()));
    MapReader::set(d.phaseDelayS, r.num("phase_delay_s", false, "a delay in seconds between phases",
                                        Bound::NonNegative));
    if (auto s = r.enumeration("shift", false, names::shifts()))
        d.shift = s;

    forEachItem(
        r, "staffing", "a list of {unit, day, night}",
        [&](const YAML::Node& n, const std::string& p) {
            MapReader sr(c, n, p);
            if (!sr.ok())
                return;
            Staffing s;
            s.loc = sr.loc();
            MapReader::set(s.unit, sr.str("unit", true));
            MapReader::set(s.room, sr.str("room", false));
            MapReader::set(s.day, sr.intIn("day", false, "a head count", 0, limits::kMaxCount));
            MapReader::set(s.night, sr.intIn("night", false, "a head count", 0, limits::kMaxCount));
            if (s.day < 0 && s.night < 0)
                diags.error(
                    s.loc, p,
                    "missing required key \"day\" or \"night\" (expected a head count per shift)");
            sr.finish();
            d.staffing.push_back(s);
        });

    forEachItem(
        r, "events", "a list of timed events", [&](const YAML::Node& n, const std::string& p) {
            MapReader er(c, n, p);
            if (!er.ok())
                return;
            DrillEvent e;
            e.loc = er.loc();
            MapReader::set(e.timeS, er.num("time_s", true, "a time in seconds since ignition",
                                           Bound::NonNegative));
            auto kindV = er.enumeration("action", true, names::drillEventKinds());
            MapReader::set(e.kind, kindV);
            const bool needsTarget = !kindV || *kindV != DrillEventKind::FireDoorsReleased;
            MapReader::set(e.target, er.str("target", needsTarget));
            er.finish();
            d.events.push_back(e);
        });

    YAML::Node fd = r.get("fire_doors", false, "{release_on_alarm, block_people}");
    if (fd.IsDefined()) {
        MapReader fr(c, fd, "fire_doors");
        if (fr.ok()) {
            MapReader::set(d.releaseFireDoorsOnAlarm, fr.boolean("release_on_alarm", false));
            MapReader::set(d.releasedDoorsBlockPeople, fr.boolean("block_people", false));
            fr.finish();
        }
    }
    readSmoke(r, d.smoke, diags);

    forEachItem(r, "preparation", "a list of {profile, time_s}",
                [&](const YAML::Node& n, const std::string& p) {
                    MapReader pr(c, n, p);
                    if (!pr.ok())
                        return;
                    PreparationTime t;
                    t.loc = pr.loc();
                    MapReader::set(t.profile, pr.str("profile", true));
                    auto dist = yaml::readDistribution(pr, "time_s", true, diags);
                    pr.finish();
                    if (dist) {
                        t.dist = *dist;
                        d.preparation.push_back(t);
                    }
                });
    MapReader::set(d.allocation, r.enumeration("task_allocation", false, names::taskAllocations()));

    YAML::Node mc = r.get("monte_carlo", false, "{runs, seed, keep}");
    if (mc.IsDefined()) {
        MapReader mr(c, mc, "monte_carlo");
        if (mr.ok()) {
            d.monteCarlo.loc = mr.loc();
            MapReader::set(d.monteCarlo.runs, mr.intIn("runs", false, "a number of replications", 1,
                                                       limits::kMaxCount));
            if (auto v = mr.integer("seed", false, "a whole number", Bound::NonNegative))
                d.monteCarlo.seed = static_cast<unsigned long long>(*v);
            MapReader::set(d.monteCarlo.keep, mr.enumeration("keep", false, names::keepReplays()));
            mr.finish();
        }
    }
    r.finish();
    if (diags.errorCount() > before)
        return std::nullopt;
    return d;
}

} // namespace muster
