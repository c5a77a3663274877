#include "yaml/loader_internal.hpp"

namespace muster::yaml {

namespace fs = std::filesystem;

template <class T> void Loader::placed(MapReader& r, T& item) {
    item.loc = r.loc();
    MapReader::set(item.id, r.str("id", true));
    MapReader::set(item.floor, r.str("floor", true));
    MapReader::set(item.at, r.point("at", true));
    MapReader::set(item.department, r.str("department", false));
}

void Loader::inventory(MapReader& r, Inventory& inv) {
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
                     if (auto a = rr.intIn("a", false, "class A units", 1, 1000))
                         e.ratingA = *a;
                     if (auto b = rr.intIn("b", false, "class B units", 1, 10000))
                         e.ratingB = *b;
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
                     if (auto v = mr.num("top_m", false, "a height in metres", Bound::NonNegative))
                         e.mountTopM = v;
                     if (auto v =
                             mr.num("bottom_m", false, "a height in metres", Bound::NonNegative))
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
             MapReader::set(h.hoseLengthM, hr.num("hose_length_m", false, "a hose length in metres",
                                                  Bound::Positive));
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
             MapReader::set(l.ratedDurationMin, lr.num("rated_duration_min", false,
                                                       "a duration in minutes", Bound::Positive));
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

} // namespace muster::yaml
