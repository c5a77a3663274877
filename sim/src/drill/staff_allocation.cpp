// Staff allocation: who helped whom per replication, and its means over the runs.
#include "muster/staff_allocation.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include "muster/rounding.hpp"
#include "muster/text.hpp"

namespace muster {

namespace {

std::string wardOf(const std::map<std::string, std::string>& roomWard, const std::string& room) {
    const auto it = roomWard.find(room);
    return it == roomWard.end() ? "?" : it->second;
}

} // namespace

void recordStaff(const RunResults& r, const std::map<std::string, std::string>& roomWard,
                 Replication& rep) {
    rep.staff.clear();
    rep.patientsMoved.clear();
    rep.helpedFromOtherWards.clear();
    rep.staffFlows.clear();
    // Person ids are indices into r.people (the engine's agent ids); look them up by id anyway.
    std::map<std::uint32_t, const PersonResult*> byId;
    for (const auto& p : r.people)
        byId[p.id] = &p;
    std::map<std::uint32_t, std::vector<const PersonResult*>> helped; // helper -> patients
    for (const auto& p : r.people)
        for (std::uint32_t h : p.helpers)
            helped[h].push_back(&p);
    for (const auto& p : r.people)
        if (p.trips > 0)
            helped[p.id]; // a helper even if no patient lists them
    for (const auto& [id, patients] : helped) {
        const auto self = byId.find(id);
        if (self == byId.end())
            continue; // not a person of this run (never happens with engine results)
        const PersonResult& h = *self->second;
        HelperRecord rec;
        rec.id = id;
        rec.profile = h.profile;
        rec.ward = wardOf(roomWard, h.originRoom);
        rec.trips = h.trips;
        rec.distanceM = roundDistance(h.distanceM);
        double start = h.firstAtPatientS;
        double end = -1.0;
        for (const PersonResult* p : patients) {
            rec.patients.push_back(p->id);
            if (h.firstAtPatientS < 0 && p->helpArrivedS >= 0)
                start = start < 0 ? p->helpArrivedS : std::min(start, p->helpArrivedS);
            end = std::max(end, p->exitTimeS >= 0 ? p->exitTimeS : r.endS());
        }
        std::sort(rec.patients.begin(), rec.patients.end());
        rec.busyS = start >= 0 && end > start ? roundTime(end - start) : 0.0;
        rep.staff.push_back(std::move(rec));
    }
    std::map<std::uint32_t, std::string> helperWard;
    for (const auto& h : rep.staff)
        helperWard[h.id] = h.ward;
    for (const auto& p : r.people) {
        if (!p.needsHelp || p.inPlace)
            continue;
        const std::string ward = wardOf(roomWard, p.originRoom);
        if (p.moveStartS >= 0)
            rep.patientsMoved[ward]++;
        std::set<std::string> from;
        for (std::uint32_t h : p.helpers)
            if (const auto it = helperWard.find(h); it != helperWard.end())
                from.insert(it->second);
        for (const auto& w : from)
            rep.staffFlows[w][ward]++;
        if (from.size() > 1 || (from.size() == 1 && *from.begin() != ward))
            rep.helpedFromOtherWards[ward]++;
    }
}

StaffSummary summarizeStaff(const McRun& run) {
    StaffSummary s;
    s.runs = static_cast<int>(run.reps.size());
    if (run.reps.empty())
        return s;
    const double n = static_cast<double>(run.reps.size());
    struct Acc {
        int helperRuns = 0;
        double trips = 0, distance = 0, busy = 0;
        void add(const HelperRecord& h) {
            ++helperRuns;
            trips += h.trips;
            distance += h.distanceM;
            busy += h.busyS;
        }
        [[nodiscard]] double mean(double x) const {
            return helperRuns > 0 ? x / static_cast<double>(helperRuns) : 0.0;
        }
    };
    std::map<std::string, Acc> wards, profiles;
    std::map<std::uint32_t, Acc> helpers;
    std::map<std::uint32_t, const HelperRecord*> helperInfo;
    std::map<std::string, double> moved, other;
    std::map<std::pair<std::string, std::string>, double> flows;
    for (const auto& rep : run.reps) {
        for (const auto& h : rep.staff) {
            wards[h.ward].add(h);
            profiles[h.profile].add(h);
            helpers[h.id].add(h);
            helperInfo.emplace(h.id, &h);
        }
        for (const auto& [w, k] : rep.patientsMoved)
            moved[w] += k;
        for (const auto& [w, k] : rep.helpedFromOtherWards)
            other[w] += k;
        for (const auto& [hw, to] : rep.staffFlows)
            for (const auto& [pw, k] : to)
                flows[{hw, pw}] += k;
    }
    std::set<std::string> keys;
    for (const auto& [w, a] : wards)
        keys.insert(w);
    for (const auto& [w, k] : moved)
        keys.insert(w);
    for (const auto& w : keys) {
        WardStaffStats x;
        x.ward = w;
        if (const auto it = wards.find(w); it != wards.end()) {
            const Acc& a = it->second;
            x.helpers = a.helperRuns / n;
            x.tripsPerHelper = a.mean(a.trips);
            x.distancePerHelperM = a.mean(a.distance);
            x.busyPerHelperS = a.mean(a.busy);
        }
        x.patientsMoved = moved.count(w) ? moved[w] / n : 0.0;
        x.fromOtherWards = other.count(w) ? other[w] / n : 0.0;
        s.wards.push_back(x);
    }
    for (const auto& [id, a] : helpers) {
        const HelperRecord& info = *helperInfo.at(id);
        s.helpers.push_back({id, info.profile, info.ward, a.helperRuns, a.mean(a.trips),
                             a.mean(a.distance), a.mean(a.busy)});
    }
    std::stable_sort(s.helpers.begin(), s.helpers.end(),
                     [](const auto& a, const auto& b) { return a.busyS > b.busyS; });
    for (const auto& [p, a] : profiles)
        s.profiles.push_back(
            {p, a.helperRuns / n, a.mean(a.trips), a.mean(a.distance), a.mean(a.busy)});
    for (const auto& [k, v] : flows)
        s.flows.push_back({k.first, k.second, v / n});
    return s;
}

std::string staffComparisonText(const StaffSummary& a, const StaffSummary& b) {
    std::map<std::string, std::pair<const WardStaffStats*, const WardStaffStats*>> rows;
    for (const auto& w : a.wards)
        rows[w.ward].first = &w;
    for (const auto& w : b.wards)
        rows[w.ward].second = &w;
    if (rows.empty())
        return "";
    int wardW = displayWidth("ward");
    for (const auto& [w, ab] : rows)
        wardW = std::max(wardW, displayWidth(w));
    const auto cell = [](double v, double step) { return padLeft(fixedText(v, step), 10); };
    std::string o = "\nstaff allocation per ward (means per run; per helper: over the runs each "
                    "helped in; busy: first at a patient -> last delivery)\n";
    o += padRight("ward", wardW);
    for (const char* h : {"helpers A", "helpers B", "moved A", "moved B", "trips/h A", "trips/h B",
                          "busy/h A", "busy/h B", "other w. A", "other w. B"})
        o += " " + padLeft(h, 10);
    o += "\n";
    static const WardStaffStats kNone;
    for (const auto& [w, ab] : rows) {
        const WardStaffStats& x = ab.first ? *ab.first : kNone;
        const WardStaffStats& y = ab.second ? *ab.second : kNone;
        o += padRight(w, wardW);
        for (const auto& [v, step] :
             std::initializer_list<std::pair<double, double>>{{x.helpers, 0.01},
                                                              {y.helpers, 0.01},
                                                              {x.patientsMoved, 0.01},
                                                              {y.patientsMoved, 0.01},
                                                              {x.tripsPerHelper, 0.01},
                                                              {y.tripsPerHelper, 0.01},
                                                              {x.busyPerHelperS, kTimeStepS},
                                                              {y.busyPerHelperS, kTimeStepS},
                                                              {x.fromOtherWards, 0.01},
                                                              {y.fromOtherWards, 0.01}})
            o += " " + cell(v, step);
        o += "\n";
    }
    std::map<std::pair<std::string, std::string>, std::pair<double, double>> flows;
    for (const auto& f : a.flows)
        flows[{f.helperWard, f.patientWard}].first = f.patients;
    for (const auto& f : b.flows)
        flows[{f.helperWard, f.patientWard}].second = f.patients;
    if (!flows.empty()) {
        std::vector<std::string> names;
        int nameW = displayWidth("who helped whom (staff of -> patients of)");
        for (const auto& [k, v] : flows) {
            names.push_back(k.first + " -> " + k.second);
            nameW = std::max(nameW, displayWidth(names.back()));
        }
        o += "\n" + padRight("who helped whom (staff of -> patients of)", nameW) + " " +
             padLeft("patients A", 10) + " " + padLeft("patients B", 10) + "\n";
        size_t i = 0;
        for (const auto& [k, v] : flows)
            o += padRight(names[i++], nameW) + " " + cell(v.first, 0.01) + " " +
                 cell(v.second, 0.01) + "\n";
    }
    return o;
}

} // namespace muster
