// Presenters of a ComplianceReport: terminal summary, JSON, CSV and one self-contained HTML
// page (inline SVG floor maps, no external assets).
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "muster/checks.hpp"
#include "muster/geometry.hpp"
#include "muster/text.hpp"
#include "nav/navigation.hpp"
#include "checks/svg.hpp"

namespace muster {

namespace {

const char* sevName(Severity s) {
    switch (s) {
    case Severity::Error:
        return "error";
    case Severity::Warning:
        return "warning";
    case Severity::Note:
        return "note";
    }
    return "?";
}

std::string num(double v, int decimals = 1) {
    if (v == kUnreachable)
        return "unreachable";
    char b[32];
    std::snprintf(b, sizeof b, "%.*f", decimals, v);
    return b;
}

// Coverage never rounds up to full: 100 % only when nothing is uncovered, else the percentage
// rounded down to one decimal and the missing area ("99.9 % (0.6 m² uncovered)").
std::string coverageText(const CoverageStats& s) {
    if (s.uncoveredM2 <= 0)
        return "100 %";
    const double pct = std::floor(s.percent() * 10) / 10;
    const std::string gap = s.uncoveredM2 < 0.05 ? std::string("< 0.1") : num(s.uncoveredM2);
    return num(pct) + " % (" + gap + " m² uncovered)";
}
std::string coverageShort(const CoverageStats& s) {
    return s.uncoveredM2 <= 0 ? std::string("100%") : num(std::floor(s.percent() * 10) / 10) + "%";
}

std::string gapShort(const CoverageStats& s) {
    return s.uncoveredM2 <= 0     ? std::string("0")
           : s.uncoveredM2 < 0.05 ? "<0.1"
                                  : num(s.uncoveredM2);
}

nlohmann::json statsJson(const CoverageStats& s) {
    nlohmann::json j;
    j["covered_m2"] = std::round(s.coveredM2 * 100) / 100;
    j["uncovered_m2"] = std::round(s.uncoveredM2 * 100) / 100;
    j["percent"] = std::round(s.percent() * 100) / 100;
    if (s.worstDistanceM == kUnreachable)
        j["worst_distance_m"] = nullptr;
    else
        j["worst_distance_m"] = std::round(s.worstDistanceM * 100) / 100;
    j["worst_point"] = {s.worstPoint.x, s.worstPoint.y};
    return j;
}

} // namespace

std::string checkSummaryText(const ComplianceReport& r, bool listFindings) {
    std::ostringstream o;
    o << "Equipment check as of " << r.today.str() << "\n";
    char line[512];
    // Floor and building ids padded by display width (muster/text.hpp): they may be Chinese.
    // "A gap m²" is 9 bytes for 8 columns: %10s pads it to 9 columns, as the values' %9s.
    std::snprintf(line, sizeof line, " %5s %5s %7s %4s %7s %8s %10s %11s %7s %7s\n", "units",
                  "valid", "expired", "due", "overdue", "A cover", "A gap m²", "A worst m",
                  "B cover", "E cover");
    o << padRight("floor", 8) << ' ' << padRight("bldg", 5) << line;
    for (const FloorReport& f : r.floors) {
        const ClassCoverage* a = f.coverage.find(FireClass::A);
        const ClassCoverage* b = f.coverage.find(FireClass::B);
        const ClassCoverage* e = f.coverage.find(FireClass::E);
        auto pct = [](const ClassCoverage* c) {
            return c ? coverageShort(c->total) : std::string("-");
        };
        std::snprintf(
            line, sizeof line, " %5d %5d %7d %4d %7d %8s %9s %11s %7s %7s\n", f.units, f.valid,
            f.expired, f.due, f.overdue, pct(a).c_str(), a ? gapShort(a->total).c_str() : "-",
            a ? num(a->total.worstDistanceM).c_str() : "-", pct(b).c_str(), pct(e).c_str());
        o << padRight(f.floor, 8) << ' ' << padRight(f.building, 5) << line;
    }
    double cov = 0, unc = 0;
    for (const FloorReport& f : r.floors)
        if (const ClassCoverage* a = f.coverage.find(FireClass::A)) {
            cov += a->total.coveredM2;
            unc += a->total.uncoveredM2;
        }
    o << "extinguishers " << r.extinguishers << ", expired " << r.expired
      << ", due within the horizon " << r.due << ", overdue " << r.overdue
      << " (inspection overdue " << r.inspectionOverdue << ")\n";
    if (cov + unc > 0) {
        CoverageStats all;
        all.coveredM2 = cov;
        all.uncoveredM2 = unc;
        o << "class A coverage " << coverageText(all) << " of " << num(cov + unc, 0)
          << " m² assessed\n";
    }
    std::map<std::pair<int, std::string>, int> byCode;
    for (const Finding& f : r.findings)
        byCode[{-static_cast<int>(f.severity), f.code}]++;
    o << "findings: " << plural(r.count(Severity::Error), "error", "errors") << ", "
      << plural(r.count(Severity::Warning), "warning", "warnings") << ", "
      << plural(r.count(Severity::Note), "note", "notes") << "\n";
    for (const auto& [k, n] : byCode) {
        std::snprintf(line, sizeof line, " %5d\n", n);
        o << "  " << padRight(sevName(static_cast<Severity>(-k.first)), 8) << ' '
          << padRight(k.second, 24) << line;
    }
    if (listFindings) {
        for (const Finding& f : r.findings) {
            if (f.severity == Severity::Note)
                continue;
            if (!f.loc.file.empty())
                o << f.loc.file << ":" << f.loc.line << ":" << f.loc.column << ": ";
            o << sevName(f.severity) << ": " << f.item << " [" << f.floor
              << (f.room.empty() ? "" : "/" + f.room) << "]: " << f.message << " (" << f.rule << ")"
              << (f.department.empty() ? "" : "; owner " + f.department) << "\n";
        }
    }
    return o.str();
}

std::string checkJson(const ComplianceReport& r) {
    nlohmann::json j;
    j["date"] = r.today.str();
    j["summary"] = {{"extinguishers", r.extinguishers},
                    {"expired", r.expired},
                    {"due", r.due},
                    {"overdue", r.overdue},
                    {"inspection_overdue", r.inspectionOverdue},
                    {"errors", r.count(Severity::Error)},
                    {"warnings", r.count(Severity::Warning)},
                    {"notes", r.count(Severity::Note)}};
    nlohmann::json floors = nlohmann::json::array();
    for (const FloorReport& f : r.floors) {
        nlohmann::json fj;
        fj["floor"] = f.floor;
        fj["building"] = f.building;
        fj["name"] = f.name;
        fj["profile"] = f.profile;
        fj["units"] = f.units;
        fj["valid"] = f.valid;
        fj["expired"] = f.expired;
        fj["due"] = f.due;
        fj["overdue"] = f.overdue;
        fj["cell_m"] = f.coverage.cellM;
        fj["unclassified_m2"] = f.coverage.unclassifiedM2;
        fj["outside_rooms_m2"] = f.coverage.outsideRoomsM2;
        nlohmann::json classes = nlohmann::json::array();
        for (const ClassCoverage& c : f.coverage.classes) {
            nlohmann::json cj;
            cj["class"] = toString(c.cls);
            cj["total"] = statsJson(c.total);
            for (HazardLevel h : {HazardLevel::Light, HazardLevel::Medium, HazardLevel::Severe})
                if (c.byHazard[hazardIndex(h)].areaM2() > 0)
                    cj["by_hazard"][toString(h)] = statsJson(c.byHazard[hazardIndex(h)]);
            nlohmann::json regs = nlohmann::json::array();
            for (const UncoveredRegion& g : c.regions) {
                nlohmann::json gj;
                gj["area_m2"] = std::round(g.areaM2 * 100) / 100;
                gj["worst_point"] = {g.worstPoint.x, g.worstPoint.y};
                gj["worst_distance_m"] = g.worstDistanceM == kUnreachable
                                             ? nlohmann::json(nullptr)
                                             : nlohmann::json(g.worstDistanceM);
                gj["rooms"] = g.rooms;
                nlohmann::json polys = nlohmann::json::array();
                for (const Polygon& p : g.rects) {
                    nlohmann::json pj = nlohmann::json::array();
                    for (Vec2 v : p)
                        pj.push_back({v.x, v.y});
                    polys.push_back(pj);
                }
                gj["polygons"] = polys;
                regs.push_back(gj);
            }
            cj["uncovered_regions"] = regs;
            classes.push_back(cj);
        }
        fj["coverage"] = classes;
        nlohmann::json rooms = nlohmann::json::array();
        for (const RoomCoverage& rc : f.coverage.rooms) {
            nlohmann::json rj;
            rj["room"] = rc.room;
            rj["hazard"] =
                rc.hazard ? nlohmann::json(toString(*rc.hazard)) : nlohmann::json(nullptr);
            for (const auto& [cls, s] : rc.byClass)
                rj[toString(cls)] = statsJson(s);
            rooms.push_back(rj);
        }
        fj["rooms"] = rooms;
        nlohmann::json units = nlohmann::json::array();
        for (const UnitState& u : f.unitStates) {
            nlohmann::json uj{{"id", u.id},
                              {"room", u.room},
                              {"status", u.status},
                              {"covers", u.covers},
                              {"at", {u.at.x, u.at.y}}};
            if (u.lifeEnd)
                uj["life_end"] = u.lifeEnd->str();
            if (u.maintenanceDue)
                uj["maintenance_due"] = u.maintenanceDue->str();
            if (u.inspectionDue)
                uj["inspection_due"] = u.inspectionDue->str();
            units.push_back(uj);
        }
        fj["extinguishers"] = units;
        floors.push_back(fj);
    }
    j["floors"] = floors;
    nlohmann::json cus = nlohmann::json::array();
    for (const ComputationUnit& c : r.computationUnits)
        cus.push_back(
            {{"id", c.id},
             {"floor", c.floor},
             {"area_m2", std::round(c.areaM2 * 10) / 10},
             {"hazard", c.hazard ? nlohmann::json(toString(*c.hazard)) : nlohmann::json(nullptr)},
             {"k", c.requirement.k},
             {"u_m2_per_a", c.requirement.areaPerA},
             {"required_a", std::round(c.requirement.required * 100) / 100},
             {"provided_a", c.providedA},
             {"units", c.units},
             {"valid_units", c.validUnits},
             {"sent_for_repair", c.sentForRepair}});
    j["computation_units"] = cus;
    nlohmann::json fs = nlohmann::json::array();
    for (const Finding& f : r.findings) {
        nlohmann::json fj{{"severity", sevName(f.severity)},
                          {"code", f.code},
                          {"kind", f.itemKind},
                          {"item", f.item},
                          {"building", f.building},
                          {"floor", f.floor},
                          {"room", f.room},
                          {"department", f.department},
                          {"rule", f.rule},
                          {"message", f.message}};
        if (f.due)
            fj["due"] = f.due->str();
        if (!f.loc.file.empty())
            fj["source"] =
                f.loc.file + ":" + std::to_string(f.loc.line) + ":" + std::to_string(f.loc.column);
        fs.push_back(fj);
    }
    j["findings"] = fs;
    return j.dump(1);
}

std::string checkCsv(const ComplianceReport& r) {
    std::string s =
        "severity,code,kind,item,building,floor,room,department,due,rule,message,source\n";
    for (const Finding& f : r.findings) {
        const std::string src = f.loc.file.empty() ? ""
                                                   : f.loc.file + ":" + std::to_string(f.loc.line) +
                                                         ":" + std::to_string(f.loc.column);
        for (const std::string& x :
             {std::string(sevName(f.severity)), f.code, f.itemKind, f.item, f.building, f.floor,
              f.room, f.department, f.due ? f.due->str() : std::string(), f.rule, f.message})
            s += csvField(x) + ",";
        s += csvField(src) + "\n";
    }
    return s;
}

std::string checkHtml(const ComplianceReport& r, const Project& p,
                      const std::vector<SettingPointAdvice>& advice) {
    std::ostringstream o;
    o << svg::pageHead("Muster equipment check " + r.today.str(), false);
    o << "<h1>Fire equipment check as of " << r.today.str() << "</h1>\n";
    o << "<p>" << svg::esc(p.scenario.name) << " &mdash; " << r.extinguishers
      << " extinguishers, <b>" << r.expired << " expired</b>, " << r.due << " due soon, "
      << r.overdue << " overdue; findings: " << r.count(Severity::Error) << " errors, "
      << r.count(Severity::Warning) << " warnings, " << r.count(Severity::Note) << " notes.</p>\n";
    o << "<table><tr><th>floor</th><th>units</th><th>valid</th><th>expired</th><th>due</th><th>overdue</th>"
         "<th>A coverage</th><th>A worst point</th><th>B coverage</th><th>E coverage</th></tr>\n";
    for (const FloorReport& f : r.floors) {
        const ClassCoverage* a = f.coverage.find(FireClass::A);
        const ClassCoverage* b = f.coverage.find(FireClass::B);
        const ClassCoverage* e = f.coverage.find(FireClass::E);
        auto pct = [](const ClassCoverage* c) {
            return c ? svg::esc(coverageText(c->total)) : std::string("&ndash;");
        };
        o << "<tr><td><a href=\"#" << svg::esc(f.floor) << "\">" << svg::esc(f.floor)
          << "</a></td><td>" << f.units << "</td><td>" << f.valid << "</td><td>" << f.expired
          << "</td><td>" << f.due << "</td><td>" << f.overdue << "</td><td"
          << (a && a->total.uncoveredM2 > 0 ? " class=bad" : "") << ">" << pct(a) << "</td><td>"
          << (a ? num(a->total.worstDistanceM) + " m at (" + num(a->total.worstPoint.x) + ", " +
                      num(a->total.worstPoint.y) + ")"
                : "")
          << "</td><td>" << pct(b) << "</td><td>" << pct(e) << "</td></tr>\n";
    }
    o << "</table>\n";
    for (const FloorReport& fr : r.floors) {
        const Floor* f = p.findFloor(fr.floor);
        if (!f)
            continue;
        o << "<section class=floor id=\"" << svg::esc(fr.floor) << "\"><h2>" << svg::esc(fr.floor)
          << " " << svg::esc(fr.name) << "</h2>\n";
        svg::MapLayers layers;
        if (const ClassCoverage* a = fr.coverage.find(FireClass::A))
            for (const UncoveredRegion& g : a->regions)
                for (const Polygon& q : g.rects)
                    layers.shaded.push_back(q);
        if (const ClassCoverage* a = fr.coverage.find(FireClass::A)) {
            layers.worst = a->total.worstPoint;
            layers.hasWorst = a->total.uncoveredM2 > 0.5;
        }
        for (const UnitState& u : fr.unitStates)
            layers.points.push_back(
                {u.at, u.status,
                 u.id + " " + u.status + (u.lifeEnd ? " (life ends " + u.lifeEnd->str() + ")" : ""),
                 ""});
        const SettingPointAdvice* adv = nullptr;
        for (const SettingPointAdvice& a : advice)
            if (a.floor == fr.floor)
                adv = &a;
        if (adv)
            for (size_t i = 0; i < adv->points.size(); ++i)
                layers.points.push_back({adv->points[i].at, "advice",
                                         "suggested setting point " + std::to_string(i + 1) + " (" +
                                             adv->points[i].room + "), recovers " +
                                             num(adv->points[i].recoversM2) + " m²",
                                         "+" + std::to_string(i + 1)});
        o << svg::floorMap(*f, layers, 900);
        o << svg::legend(adv != nullptr && !adv->points.empty());
        if (adv) {
            o << "<p>Advisory: " << adv->points.size() << " extra setting point"
              << (adv->points.size() == 1 ? "" : "s") << " (handheld units) would cover "
              << num(adv->uncoveredM2 - adv->remainingM2) << " of the " << num(adv->uncoveredM2)
              << " m² not covered for class A";
            if (adv->remainingM2 > 0)
                o << "; " << num(adv->remainingM2)
                  << " m² stays uncovered (no wall-mounted corridor or lobby position reaches it, or slivers under 0.5 m²)";
            o << ". Greedy set cover over wall-mounted corridor and lobby positions, within ln(n)+1 of the fewest; not a design.</p>\n";
            if (!adv->points.empty()) {
                o << "<table class=small><tr><th>#</th><th>x, y (m)</th><th>room</th><th>recovers</th></tr>\n";
                for (size_t i = 0; i < adv->points.size(); ++i)
                    o << "<tr><td>+" << i + 1 << "</td><td>" << num(adv->points[i].at.x, 2) << ", "
                      << num(adv->points[i].at.y, 2) << "</td><td>" << svg::esc(adv->points[i].room)
                      << "</td><td>" << num(adv->points[i].recoversM2) << " m²</td></tr>\n";
                o << "</table>\n";
            }
        }
        // Findings of this floor (errors and warnings).
        o << "<table class=small><tr><th>severity</th><th>item</th><th>room</th><th>owner</th><th>finding</th><th>rule</th></tr>\n";
        for (const Finding& x : r.findings) {
            if (x.floor != fr.floor || x.severity == Severity::Note)
                continue;
            o << "<tr class=" << sevName(x.severity) << "><td>" << sevName(x.severity)
              << "</td><td>" << svg::esc(x.item) << "</td><td>" << svg::esc(x.room) << "</td><td>"
              << svg::esc(x.department) << "</td><td>" << svg::esc(x.message) << "</td><td>"
              << svg::esc(x.rule) << "</td></tr>\n";
        }
        o << "</table></section>\n";
    }
    o << "</body></html>\n";
    return o.str();
}

} // namespace muster
