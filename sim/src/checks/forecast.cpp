// Forecast: month by month, which units expire or fall due, and each floor's class A coverage
// if nothing is replaced; and the replacement list.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <tuple>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "muster/checks.hpp"
#include "muster/ownership.hpp"
#include "muster/text.hpp"

namespace muster {

Forecast forecast(const Project& p, const RulesSet& rules, Date today, int months,
                  const CheckOptions& opt) {
    Forecast out;
    std::map<std::string, std::vector<bool>> lastValid; // floor -> validity of its units
    std::map<std::string, double> lastCov;
    std::map<std::tuple<std::string, std::string, std::string>, std::vector<ReplacementUnit>> repl;
    const YearMonth start{today.year, today.month};
    for (int m = 0; m <= months; ++m) {
        const YearMonth ym = start.addMonths(m);
        const Date monthEnd{ym.year, ym.month, daysInMonth(ym.year, ym.month)};
        const Date asOf = m == 0 ? today : monthEnd;
        ForecastMonth fm;
        fm.month = ym;
        for (const Building& b : p.buildings) {
            auto it = rules.find(b.rulesProfile);
            if (it == rules.end())
                continue;
            const RulesProfile& rp = it->second;
            for (const Floor& f : b.floors) {
                if (!opt.floors.empty() &&
                    std::find(opt.floors.begin(), opt.floors.end(), f.id) == opt.floors.end())
                    continue;
                std::vector<Extinguisher> units;
                std::vector<bool> valid;
                for (const Extinguisher& e : p.inventory.extinguishers) {
                    if (e.floor != f.id)
                        continue;
                    units.push_back(e);
                    valid.push_back(coversAsOf(e, rp, asOf));
                    if (e.status == EquipmentStatus::Scrapped)
                        continue;
                    const auto end = serviceLifeEnd(e, rp);
                    const auto md = maintenanceDue(e, rp);
                    if (end && YearMonth{end->year, end->month} == ym && *end > today) {
                        ++fm.expiring;
                        fm.expiringIds.push_back(e.id);
                    }
                    if (md && YearMonth{md->year, md->month} == ym)
                        ++fm.maintenanceDue;
                    if (m == months && end && *end <= monthEnd) {
                        ReplacementUnit u;
                        u.id = e.id;
                        u.floor = f.id;
                        const Room* room = roomAt(f, e.at);
                        u.room = room ? room->id : "";
                        u.roomName = room ? room->name : "";
                        u.department = ownerOf(p, b, f, room, e.department).department;
                        u.lifeEnd = *end;
                        repl[{b.id, toString(e.agent), e.model}].push_back(std::move(u));
                    }
                }
                if (!opt.coverage)
                    continue;
                // Coverage changes only when a unit's validity does: reuse the last figure.
                auto lv = lastValid.find(f.id);
                if (lv == lastValid.end() || lv->second != valid) {
                    CoverageOptions co;
                    co.cellM = opt.cellM;
                    co.regions = false;
                    const FloorCoverage fc = computeFloorCoverage(f, units, rp, asOf, co);
                    lastCov[f.id] = fc.find(FireClass::A)->total.percent();
                    lastValid[f.id] = valid;
                }
                fm.coverageA[f.id] = lastCov[f.id];
                // Advisory at the end of the horizon, for the floors then below 100 %.
                if (m == months && lastCov[f.id] < 100.0) {
                    AdviceOptions ao;
                    ao.cellM = opt.cellM;
                    out.advice.push_back(adviseSettingPoints(f, units, rp, asOf, ao));
                }
            }
        }
        if (m == months)
            out.adviceAsOf = asOf;
        out.months.push_back(std::move(fm));
    }
    for (auto& [k, units] : repl) {
        std::sort(units.begin(), units.end(), [](const auto& a, const auto& b) {
            return std::tie(a.lifeEnd, a.id) < std::tie(b.lifeEnd, b.id);
        });
        const int n = static_cast<int>(units.size());
        out.replacements.push_back(
            {std::get<0>(k), std::get<1>(k), std::get<2>(k), n, std::move(units)});
    }
    return out;
}

std::string forecastText(const Forecast& f) {
    std::ostringstream o;
    o << "month    expiring  maint.due  floors below 100 % class A coverage if nothing is replaced\n";
    for (const ForecastMonth& m : f.months) {
        char line[128];
        std::snprintf(line, sizeof line, "%-8s %8d %10d  ", m.month.str().c_str(), m.expiring,
                      m.maintenanceDue); // YYYY-MM: ASCII
        o << line;
        bool any = false;
        for (const auto& [floor, pct] : m.coverageA)
            if (pct < 99.95) {
                std::snprintf(line, sizeof line, "%s%s %.1f%%", any ? ", " : "", floor.c_str(),
                              pct);
                o << line;
                any = true;
            }
        o << (any ? "" : "-") << "\n";
    }
    o << "replacement list (expired by the end of the horizon):\n";
    for (const ReplacementLine& r : f.replacements) {
        char line[160];
        std::snprintf(line, sizeof line, " %4d\n", r.count);
        o << "  " << padRight(r.building, 6) << ' ' << padRight(r.agent, 16) << ' '
          << padRight(r.model, 10) << line;
        for (const ReplacementUnit& u : r.units)
            o << "      " << padRight(u.id, 14) << ' ' << u.lifeEnd.str() << "  "
              << padRight(u.floor, 8) << ' '
              << padRight(u.room + (u.roomName.empty() ? "" : " " + u.roomName), 30) << ' '
              << (u.department.empty() ? "(no owner)" : u.department) << "\n";
    }
    if (!f.advice.empty()) {
        o << "advisory: extra setting points restoring class A coverage as of "
          << f.adviceAsOf.str()
          << " if nothing is replaced\n"
             "  (greedy set cover over wall-mounted corridor and lobby positions, handheld reach of each\n"
             "  cell's hazard level; within ln(n)+1 of the fewest, not a design)\n";
        int total = 0;
        for (const SettingPointAdvice& a : f.advice) {
            char line[200];
            std::snprintf(line, sizeof line,
                          " uncovered %8.1f m²  points %2zu  still uncovered %7.1f m²\n",
                          a.uncoveredM2, a.points.size(), a.remainingM2);
            o << "  " << padRight(a.floor, 8) << line;
            for (const SuggestedPoint& sp : a.points) {
                std::snprintf(line, sizeof line, "    (%7.2f, %7.2f)  ", sp.at.x, sp.at.y);
                o << line << padRight(sp.room, 14);
                std::snprintf(line, sizeof line, " recovers %7.1f m²\n", sp.recoversM2);
                o << line;
            }
            total += static_cast<int>(a.points.size());
        }
        o << "  " << plural(total, "extra setting point", "extra setting points") << " on "
          << plural(static_cast<long long>(f.advice.size()), "floor", "floors") << "\n";
    }
    return o.str();
}

std::string forecastJson(const Forecast& f) {
    auto r2 = [](double v) { return std::round(v * 100) / 100; };
    nlohmann::json j;
    nlohmann::json months = nlohmann::json::array();
    for (const ForecastMonth& m : f.months) {
        nlohmann::json cov = nlohmann::json::object();
        for (const auto& [floor, pct] : m.coverageA)
            cov[floor] = r2(pct);
        months.push_back({{"month", m.month.str()},
                          {"expiring", m.expiring},
                          {"maintenance_due", m.maintenanceDue},
                          {"expiring_ids", m.expiringIds},
                          {"coverage_a_percent", cov}});
    }
    j["months"] = months;
    nlohmann::json repl = nlohmann::json::array();
    for (const ReplacementLine& r : f.replacements) {
        nlohmann::json units = nlohmann::json::array();
        for (const ReplacementUnit& u : r.units)
            units.push_back({{"id", u.id},
                             {"floor", u.floor},
                             {"room", u.room},
                             {"room_name", u.roomName},
                             {"department", u.department},
                             {"life_end", u.lifeEnd.str()}});
        repl.push_back({{"building", r.building},
                        {"agent", r.agent},
                        {"model", r.model},
                        {"count", r.count},
                        {"units", units}});
    }
    j["replacements"] = repl;
    nlohmann::json floors = nlohmann::json::array();
    for (const SettingPointAdvice& a : f.advice) {
        nlohmann::json pts = nlohmann::json::array();
        for (const SuggestedPoint& sp : a.points)
            pts.push_back({{"x", r2(sp.at.x)},
                           {"y", r2(sp.at.y)},
                           {"room", sp.room},
                           {"recovers_m2", r2(sp.recoversM2)}});
        floors.push_back({{"floor", a.floor},
                          {"uncovered_m2", r2(a.uncoveredM2)},
                          {"remaining_m2", r2(a.remainingM2)},
                          {"candidates", a.candidates},
                          {"points", pts}});
    }
    j["advisory"] = {{"as_of", f.adviceAsOf.str()},
                     {"method", "greedy set cover (Chvatal 1979), advisory"},
                     {"floors", floors}};
    return j.dump(1);
}

} // namespace muster
