// Reading rules profiles (kind: rules_profile). Every number of the checks comes from here;
// errors are located diagnostics like the rest of the loader's.
#include <filesystem>

#include "muster/limits.hpp"
#include "muster/rules.hpp"
#include "muster/scenario.hpp"
#include "yaml/yaml_reader.hpp"

namespace muster {

using yaml::Bound;
using yaml::Ctx;
using yaml::MapReader;

namespace {

// A map whose keys are names of an enum (agents, room kinds, hazard levels), each value read
// by fn. Unknown names are errors listing the known ones.
template <class E, class Fn>
void enumKeyedMap(MapReader& parent, const char* key, names::Table<E> table, const char* what,
                  Fn fn) {
    YAML::Node n = parent.get(key, false, what);
    if (!n.IsDefined() || n.IsNull())
        return;
    const Ctx& c = parent.ctx();
    const std::string path = parent.pathOf(key);
    if (!n.IsMap()) {
        c.error(n, path, std::string("expected ") + what + ", got " + yaml::describe(n));
        return;
    }
    MapReader dup(c, n, path, what); // reports duplicate keys
    for (auto it = n.begin(); it != n.end(); ++it) {
        if (!it->first.IsScalar())
            continue;
        const std::string name = it->first.Scalar();
        const std::string p = yaml::joinPath(path, name);
        auto v = yaml::toEnum(c, it->first, p, table);
        if (!v)
            continue;
        fn(*v, it->second, p);
    }
}

template <class E>
void enumList(MapReader& r, const char* key, names::Table<E> table, std::vector<E>& out) {
    YAML::Node n = r.get(key, false, "a list of names");
    if (!n.IsDefined() || n.IsNull())
        return;
    if (!n.IsSequence()) {
        r.ctx().error(n, r.pathOf(key), "expected a list of names, got " + yaml::describe(n));
        return;
    }
    out.clear();
    for (size_t i = 0; i < n.size(); ++i)
        if (auto v = yaml::toEnum(r.ctx(), n[i], yaml::indexPath(r.pathOf(key), i), table))
            out.push_back(*v);
}

// {severe: x, medium: y, light: z}, all three required.
template <class T>
void byHazard(MapReader& r, const char* key, std::array<T, kHazardLevels>& out, Bound bound,
              bool integer) {
    YAML::Node n = r.get(key, false, "a map {severe, medium, light}");
    if (!n.IsDefined())
        return;
    MapReader h(r.ctx(), n, r.pathOf(key));
    if (!h.ok())
        return;
    for (const auto& [level, name] : names::hazardLevels()) {
        if (integer) {
            if (auto v = h.intIn(name, true, "a whole number",
                                 bound == Bound::Positive      ? 1
                                 : bound == Bound::NonNegative ? 0
                                                               : -limits::kMaxCount,
                                 limits::kMaxCount))
                out[hazardIndex(level)] = static_cast<T>(*v);
        } else if (auto v = h.num(name, true, "a number", bound)) {
            out[hazardIndex(level)] = static_cast<T>(*v);
        }
    }
    h.finish();
}

void reach(MapReader& r, const char* key, std::array<ReachM, kHazardLevels>& out) {
    YAML::Node n = r.get(key, true, "a map {severe, medium, light} of distances");
    if (!n.IsDefined())
        return;
    MapReader h(r.ctx(), n, r.pathOf(key));
    if (!h.ok())
        return;
    for (const auto& [level, name] : names::hazardLevels()) {
        YAML::Node ln = h.get(name, true, "{handheld: m, wheeled: m}");
        if (!ln.IsDefined())
            continue;
        MapReader lr(h.ctx(), ln, h.pathOf(name));
        if (!lr.ok())
            continue;
        MapReader::set(out[hazardIndex(level)].handheld,
                       lr.num("handheld", true, "a distance in metres", Bound::Positive));
        MapReader::set(out[hazardIndex(level)].wheeled,
                       lr.num("wheeled", true, "a distance in metres", Bound::Positive));
        lr.finish();
    }
    h.finish();
}

// A sub-map read by fn, then finished.
template <class Fn> void sub(MapReader& r, const char* key, bool required, Fn fn) {
    YAML::Node n = r.get(key, required, "a map");
    if (!n.IsDefined())
        return;
    MapReader s(r.ctx(), n, r.pathOf(key));
    if (!s.ok())
        return;
    fn(s);
    s.finish();
}

void intDays(MapReader& r, const char* key, int& dst) {
    MapReader::set(dst, r.intIn(key, false, "a number of days", 0, 36600));
}

// A day of the month a checklist round is due: 1..28 (in every month) or `last` (stored as 0).
void dayOfMonth(MapReader& r, const char* key, int& dst) {
    YAML::Node n = r.get(key, false, "a day of month 1..28 or last");
    if (!n.IsDefined() || n.IsNull())
        return;
    if (n.IsScalar()) {
        const std::string& s = n.Scalar();
        if (s == "last") {
            dst = 0;
            return;
        }
        if (!s.empty() && s.size() <= 2 && s.find_first_not_of("0123456789") == std::string::npos) {
            const int d = std::stoi(s);
            if (d >= 1 && d <= 28) {
                dst = d;
                return;
            }
        }
    }
    r.ctx().error(n, r.pathOf(key),
                  "expected a day of month 1..28 or last, got " + yaml::describe(n));
}

} // namespace

std::optional<RulesProfile> loadRulesProfile(const std::string& path, Diagnostics& diags) {
    const int before = diags.errorCount();
    auto doc = yaml::loadDocument(path, nullptr, diags);
    if (!doc)
        return std::nullopt;
    Ctx ctx{path, &diags};
    MapReader r(ctx, doc->root, "", "a map at the top of the file");
    if (!r.ok())
        return std::nullopt;
    RulesProfile p;
    p.file = path;
    p.loc = r.loc();
    YAML::Node kind = r.get("kind", true, "the file kind");
    if (kind.IsDefined() && (!kind.IsScalar() || kind.Scalar() != "rules_profile"))
        ctx.error(kind, "kind", "expected \"rules_profile\" here, got " + yaml::describe(kind));
    MapReader::set(p.id, r.str("id", true));
    MapReader::set(p.name, r.str("name", false));

    enumKeyedMap(r, "service_life_years", names::agents(), "a map agent -> years",
                 [&](ExtinguisherAgent a, const YAML::Node& v, const std::string& vp) {
                     if (auto y = yaml::toIntIn(ctx, v, vp, "a whole number of years", 1, 100))
                         p.serviceLifeYears[a] = *y;
                 });
    enumKeyedMap(
        r, "maintenance", names::agents(), "a map agent -> {first_after_months, every_months}",
        [&](ExtinguisherAgent a, const YAML::Node& v, const std::string& vp) {
            MapReader m(ctx, v, vp);
            if (!m.ok())
                return;
            MaintenanceRule rule;
            MapReader::set(rule.firstAfterMonths,
                           m.intIn("first_after_months", true, "months", 1, 1200));
            MapReader::set(rule.everyMonths, m.intIn("every_months", true, "months", 1, 1200));
            m.finish();
            p.maintenance[a] = rule;
        });
    enumKeyedMap(r, "hydrostatic_test_years", names::agents(), "a map agent -> years",
                 [&](ExtinguisherAgent a, const YAML::Node& v, const std::string& vp) {
                     if (auto y = yaml::toIntIn(ctx, v, vp, "a whole number of years", 1, 100))
                         p.hydrostaticYears[a] = *y;
                 });
    enumKeyedMap(r, "internal_exam_years", names::agents(), "a map agent -> years",
                 [&](ExtinguisherAgent a, const YAML::Node& v, const std::string& vp) {
                     if (auto y = yaml::toIntIn(ctx, v, vp, "a whole number of years", 1, 100))
                         p.internalExamYears[a] = *y;
                 });
    sub(r, "max_distance_m", true, [&](MapReader& m) {
        reach(m, "a", p.reachA);
        reach(m, "b", p.reachB);
    });
    byHazard(r, "min_rating_a", p.minRatingA, Bound::NonNegative, true);
    byHazard(r, "area_per_a_m2", p.areaPerAM2, Bound::Positive, false);
    sub(r, "k_factor", false, [&](MapReader& m) {
        MapReader::set(p.kNone, m.num("none", true, "a factor", Bound::Positive));
        MapReader::set(p.kHydrants, m.num("hydrants", true, "a factor", Bound::Positive));
        MapReader::set(p.kSprinklers, m.num("sprinklers", true, "a factor", Bound::Positive));
        MapReader::set(p.kBoth, m.num("both", true, "a factor", Bound::Positive));
    });
    MapReader::set(p.undergroundFactor,
                   r.num("underground_factor", false, "a factor", Bound::Positive));
    MapReader::set(p.requireTotalRating, r.boolean("require_total_rating", false));
    MapReader::set(p.minUnitsPerComputationUnit,
                   r.intIn("min_units_per_computation_unit", false, "a count", 0, 1000));
    MapReader::set(p.maxUnitsPerSettingPoint,
                   r.intIn("max_units_per_setting_point", false, "a count", 1, 1000));
    if (auto v = r.num("send_out_max_fraction", false, "a fraction 0..1", Bound::NonNegative)) {
        if (*v > 1.0)
            ctx.error(r.get("send_out_max_fraction", false, ""), r.pathOf("send_out_max_fraction"),
                      "expected a fraction between 0 and 1, got " + std::to_string(*v));
        p.sendOutMaxFraction = *v;
    }
    enumList(r, "no_class_a_agents", names::agents(), p.noClassAAgents);
    enumList(r, "not_for_class_e_agents", names::agents(), p.notForClassEAgents);
    enumKeyedMap(r, "hazard_by_room_kind", names::roomKinds(), "a map room kind -> hazard level",
                 [&](RoomKind k, const YAML::Node& v, const std::string& vp) {
                     if (auto h = yaml::toEnum(ctx, v, vp, names::hazardLevels()))
                         p.hazardByKind[k] = *h;
                 });
    enumList(r, "area_room_kinds", names::roomKinds(), p.areaKinds);
    enumList(r, "class_b_room_kinds", names::roomKinds(), p.classBKinds);
    enumList(r, "class_e_room_kinds", names::roomKinds(), p.classEKinds);
    enumList(r, "key_location_kinds", names::roomKinds(), p.keyLocationKinds);
    sub(r, "inspection", false, [&](MapReader& m) {
        intDays(m, "interval_days", p.inspectionIntervalDays);
        intDays(m, "half_monthly_interval_days", p.halfMonthlyIntervalDays);
        MapReader::set(p.everyCalendarMonth, m.boolean("every_calendar_month", false));
    });
    sub(r, "rounds", false, [&](MapReader& m) {
        sub(m, "key_locations", false,
            [&](MapReader& d) { dayOfMonth(d, "day", p.rounds.keyLocationDay); });
        sub(m, "other", false, [&](MapReader& d) { dayOfMonth(d, "day", p.rounds.otherDay); });
        sub(m, "half_monthly", false, [&](MapReader& d) {
            dayOfMonth(d, "first", p.rounds.halfMonthlyFirst);
            dayOfMonth(d, "second", p.rounds.halfMonthlySecond);
        });
    });
    sub(r, "mount", false, [&](MapReader& m) {
        if (auto v = m.num("top_max_m", false, "a height in metres", Bound::Positive))
            p.mountTopMaxM = *v;
        if (auto v = m.num("bottom_min_m", false, "a height in metres", Bound::NonNegative))
            p.mountBottomMinM = *v;
        MapReader::set(p.cabinetMustBeUnlocked, m.boolean("cabinet_unlocked", false));
    });
    sub(r, "emergency_lighting", false, [&](MapReader& m) {
        MapReader::set(p.lightMinDurationMin,
                       m.num("min_duration_min", false, "minutes", Bound::Positive));
        intDays(m, "monthly_test_days", p.lightMonthlyTestDays);
        intDays(m, "annual_test_days", p.lightAnnualTestDays);
    });
    sub(r, "signs", false, [&](MapReader& m) {
        if (auto v =
                m.num("directional_max_height_m", false, "a height in metres", Bound::Positive))
            p.directionalSignMaxHeightM = *v;
        intDays(m, "inspection_days", p.signInspectionDays);
    });
    sub(r, "detectors", false,
        [&](MapReader& m) { intDays(m, "test_interval_days", p.detectorTestDays); });
    sub(r, "hydrants", false,
        [&](MapReader& m) { intDays(m, "inspection_days", p.hydrantInspectionDays); });
    {
        YAML::Node n = r.get("rating_fallback", false, "a map model -> {a, b}");
        if (n.IsDefined() && !n.IsNull()) {
            if (!n.IsMap()) {
                ctx.error(n, "rating_fallback",
                          "expected a map model -> {a, b}, got " + yaml::describe(n));
            } else {
                MapReader dup(ctx, n, "rating_fallback");
                for (auto it = n.begin(); it != n.end(); ++it) {
                    if (!it->first.IsScalar())
                        continue;
                    MapReader m(ctx, it->second,
                                yaml::joinPath("rating_fallback", it->first.Scalar()));
                    if (!m.ok())
                        continue;
                    RulesProfile::Rating rt;
                    MapReader::set(rt.a, m.intIn("a", false, "A units", 0, 1000));
                    MapReader::set(rt.b, m.intIn("b", false, "B units", 0, 10000));
                    m.finish();
                    p.ratingFallback[it->first.Scalar()] = rt;
                }
            }
        }
    }
    {
        YAML::Node n = r.get("checklist", false, "a map kind -> list of checks");
        if (n.IsDefined() && !n.IsNull()) {
            MapReader m(ctx, n, "checklist");
            if (m.ok()) {
                for (const char* k :
                     {"extinguisher", "hydrant", "light", "sign", "detector", "exit"}) {
                    YAML::Node l = m.get(k, false, "a list of checks");
                    if (!l.IsDefined())
                        continue;
                    if (!l.IsSequence()) {
                        ctx.error(l, m.pathOf(k),
                                  "expected a list of checks, got " + yaml::describe(l));
                        continue;
                    }
                    auto& out = p.checklist[k];
                    for (size_t i = 0; i < l.size(); ++i) {
                        const std::string ip = yaml::indexPath(m.pathOf(k), i);
                        CheckDef def;
                        if (l[i].IsMap()) {
                            MapReader cr(ctx, l[i], ip);
                            MapReader::set(def.id, cr.str("id", true));
                            MapReader::set(def.text, cr.str("text", true));
                            MapReader::set(def.major, cr.boolean("major", false));
                            cr.forEach("refused_when", false, "a list of finding codes",
                                       [&](const YAML::Node& cn, const std::string& cp) {
                                           if (auto c = yaml::toString(ctx, cn, cp))
                                               def.refusedWhen.push_back(*c);
                                       });
                            cr.finish();
                        } else if (auto s = yaml::toString(ctx, l[i], ip)) {
                            // The form before check ids: the text is its own id.
                            def.id = def.text = *s;
                        }
                        if (def.id.empty())
                            continue;
                        for (const CheckDef& other : out)
                            if (other.id == def.id)
                                ctx.error(l[i], ip,
                                          "duplicate check id \"" + def.id + "\" for " + k);
                        out.push_back(std::move(def));
                    }
                }
                m.finish();
            }
        }
    }
    r.finish();
    if (diags.errorCount() > before)
        return std::nullopt;
    return p;
}

std::optional<std::map<std::string, RulesProfile>>
loadRulesForProject(const Project& p, const std::string& rulesFile, Diagnostics& d) {
    std::map<std::string, RulesProfile> set;
    std::optional<RulesProfile> override;
    if (!rulesFile.empty()) {
        override = loadRulesProfile(rulesFile, d);
        if (!override)
            return std::nullopt;
    }
    for (const Building& b : p.buildings) {
        if (set.count(b.rulesProfile))
            continue;
        if (override) {
            set[b.rulesProfile] = *override;
            continue;
        }
        auto r = loadRulesProfile(bundledRulesPath(b.rulesProfile), d);
        if (!r)
            return std::nullopt;
        set[b.rulesProfile] = std::move(*r);
    }
    return set;
}

std::string bundledRulesPath(const std::string& id) {
    namespace fs = std::filesystem;
#ifdef MUSTER_ASSETS_DIR
    const std::string built = std::string(MUSTER_ASSETS_DIR) + "/rules/" + id + ".yaml";
    if (fs::exists(built))
        return built;
#endif
    return "assets/rules/" + id + ".yaml";
}

} // namespace muster
