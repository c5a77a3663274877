// The drill report: HTML with inline SVG charts, and the CSV behind each figure.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "muster/drill_report.hpp"
#include "muster/geometry.hpp"
#include "muster/rounding.hpp"
#include "muster/staff_allocation.hpp"
#include "muster/text.hpp"

namespace muster {

char fruinLevel(double d) {
    if (d < 0.31)
        return 'A';
    if (d < 0.43)
        return 'B';
    if (d < 0.72)
        return 'C';
    if (d < 1.08)
        return 'D';
    if (d < 2.17)
        return 'E';
    return 'F';
}

DensityRecorder::DensityRecorder(const Project& project, double cellM) {
    for (const auto& b : project.buildings)
        for (const auto& f : b.floors) {
            DensityMap m;
            m.floor = f.id;
            m.name = f.name;
            m.cellM = cellM;
            const Bounds bb = boundsOf(f.outline);
            m.x0 = bb.min.x;
            m.y0 = bb.min.y;
            m.nx = std::max(1, static_cast<int>(std::ceil((bb.max.x - bb.min.x) / cellM)));
            m.ny = std::max(1, static_cast<int>(std::ceil((bb.max.y - bb.min.y) / cellM)));
            m.peak.assign(static_cast<size_t>(m.nx * m.ny), 0.0f);
            m.outline = f.outline;
            for (const auto& r : f.rooms)
                m.rooms.push_back(r.polygon);
            m_count.emplace_back(m.peak.size(), 0);
            m_maps.push_back(std::move(m));
        }
}

void DensityRecorder::add(const Frame& frame) {
    std::vector<std::pair<size_t, size_t>> touched;
    for (const auto& a : frame.agents) {
        if (a.floor < 0 || static_cast<size_t>(a.floor) >= m_maps.size())
            continue;
        const auto fi = static_cast<size_t>(a.floor);
        const DensityMap& m = m_maps[fi];
        const int cx = static_cast<int>(std::floor((a.x - m.x0) / m.cellM));
        const int cy = static_cast<int>(std::floor((a.y - m.y0) / m.cellM));
        if (cx < 0 || cy < 0 || cx >= m.nx || cy >= m.ny)
            continue;
        const auto c = static_cast<size_t>(cy * m.nx + cx);
        if (m_count[fi][c]++ == 0)
            touched.emplace_back(fi, c);
    }
    for (const auto& [fi, c] : touched) {
        DensityMap& m = m_maps[fi];
        const float d = static_cast<float>(m_count[fi][c] / (m.cellM * m.cellM));
        m.peak[c] = std::max(m.peak[c], d);
        m_count[fi][c] = 0;
    }
}

const std::vector<std::string>& reportSectionIds() {
    static const std::vector<std::string> ids = {"summary", "curve",    "exits",     "wards",
                                                 "waiting", "staff",    "aset-rset", "fed",
                                                 "density", "timeline", "not-out"};
    return ids;
}

namespace {

std::string esc(const std::string& s) {
    std::string o;
    for (char c : s) {
        switch (c) {
        case '&':
            o += "&amp;";
            break;
        case '<':
            o += "&lt;";
            break;
        case '>':
            o += "&gt;";
            break;
        case '"':
            o += "&quot;";
            break;
        default:
            o += c;
        }
    }
    return o;
}

std::string num(double v, int prec = 1) {
    if (!std::isfinite(v))
        return "–"; // not estimable (a percentile Kaplan-Meier never reaches, no interval)
    char b[64];
    std::snprintf(b, sizeof b, "%.*f", prec, v);
    return b;
}

std::string statsCells(const SampleStats& s) {
    return "<td>" + num(s.mean) + "</td><td>" + num(s.sd) + "</td><td>" + num(s.p50) + "</td><td>" +
           num(s.p90) + "</td><td>" + num(s.p95) + "</td><td>" + num(s.max) + "</td><td>" +
           (s.hasInterval() ? num(s.ciLow) + " – " + num(s.ciHigh)
                            : "<i>" + esc(s.intervalNote()) + "</i>") +
           "</td>";
}
const char* kStatsHead = "<th>mean</th><th>sd</th><th>P50</th><th>P90</th><th>P95</th><th>max</"
                         "th><th>95 % CI of mean</th>";

std::string curveSvg(const McSummary& s) {
    const double W = 720, H = 300, L = 50, B = 30, T = 10, R = 10;
    if (s.curve.empty())
        return "<p>No curve.</p>";
    const double tMax = std::max(1.0, s.curve.back().t);
    auto X = [&](double t) { return L + (W - L - R) * t / tMax; };
    auto Y = [&](double f) { return T + (H - T - B) * (1.0 - f); };
    std::string o = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(W, 0) +
                    "\" height=\"" + num(H, 0) + "\" role=\"img\" aria-label=\"evacuation curve\">";
    std::string band = "<polygon fill=\"#9ecae1\" fill-opacity=\"0.6\" points=\"";
    for (const auto& c : s.curve)
        band += num(X(c.t)) + "," + num(Y(c.p95)) + " ";
    for (auto it = s.curve.rbegin(); it != s.curve.rend(); ++it)
        band += num(X(it->t)) + "," + num(Y(it->p5)) + " ";
    o += band + "\"/>";
    std::string med = "<polyline fill=\"none\" stroke=\"#08519c\" stroke-width=\"2\" points=\"";
    for (const auto& c : s.curve)
        med += num(X(c.t)) + "," + num(Y(c.p50)) + " ";
    o += med + "\"/>";
    o += "<line x1=\"" + num(L) + "\" y1=\"" + num(Y(0)) + "\" x2=\"" + num(W - R) + "\" y2=\"" +
         num(Y(0)) + "\" stroke=\"#000\"/>";
    o += "<line x1=\"" + num(L) + "\" y1=\"" + num(Y(0)) + "\" x2=\"" + num(L) + "\" y2=\"" +
         num(Y(1)) + "\" stroke=\"#000\"/>";
    for (int i = 0; i <= 4; ++i) {
        const double f = i / 4.0;
        o += "<text x=\"" + num(L - 5) + "\" y=\"" + num(Y(f) + 4) +
             "\" font-size=\"11\" text-anchor=\"end\">" + num(100 * f, 0) + " %</text>";
        const double t = tMax * i / 4.0;
        o += "<text x=\"" + num(X(t)) + "\" y=\"" + num(H - 10) +
             "\" font-size=\"11\" text-anchor=\"middle\">" + num(t, 0) + " s</text>";
    }
    return o + "</svg>";
}

std::string barsSvg(const std::vector<std::pair<std::string, double>>& bars, const char* unit) {
    if (bars.empty())
        return "<p>Nothing to show.</p>";
    double mx = 0;
    for (const auto& [k, v] : bars)
        mx = std::max(mx, v);
    if (mx <= 0)
        mx = 1;
    const double rowH = 18, L = 220, W = 720;
    const double H = rowH * static_cast<double>(bars.size()) + 10;
    std::string o = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(W, 0) +
                    "\" height=\"" + num(H, 0) + "\">";
    double y = 5;
    for (const auto& [k, v] : bars) {
        const double w = (W - L - 80) * v / mx;
        o += "<text x=\"" + num(L - 5) + "\" y=\"" + num(y + 13) +
             "\" font-size=\"11\" text-anchor=\"end\">" + esc(k) + "</text>";
        o += "<rect x=\"" + num(L) + "\" y=\"" + num(y + 2) + "\" width=\"" + num(w) +
             "\" height=\"" + num(rowH - 4) + "\" fill=\"#6baed6\"/>";
        o += "<text x=\"" + num(L + w + 4) + "\" y=\"" + num(y + 13) + "\" font-size=\"11\">" +
             num(v) + " " + unit + "</text>";
        y += rowH;
    }
    return o + "</svg>";
}

const char* losColour(char c) {
    switch (c) {
    case 'A':
        return "#1a9850";
    case 'B':
        return "#91cf60";
    case 'C':
        return "#d9ef8b";
    case 'D':
        return "#fee08b";
    case 'E':
        return "#fc8d59";
    default:
        return "#d73027";
    }
}

std::string polyPoints(const Polygon& p, double x0, double y0, double s, double h) {
    std::string o;
    for (const auto& v : p)
        o += num((v.x - x0) * s) + "," + num(h - (v.y - y0) * s) + " ";
    return o;
}

std::string densitySvg(const DensityMap& m) {
    const double s = 8; // px per metre
    const double W = m.nx * m.cellM * s, H = m.ny * m.cellM * s;
    std::string o = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(W + 2, 0) +
                    "\" height=\"" + num(H + 2, 0) + "\">";
    for (const auto& r : m.rooms)
        o += "<polygon points=\"" + polyPoints(r, m.x0, m.y0, s, H) +
             "\" fill=\"#f7f7f7\" stroke=\"#bbb\" stroke-width=\"0.5\"/>";
    for (int y = 0; y < m.ny; ++y)
        for (int x = 0; x < m.nx; ++x) {
            const float d = m.peak[static_cast<size_t>(y * m.nx + x)];
            if (d <= 0)
                continue;
            o += "<rect x=\"" + num(x * m.cellM * s) + "\" y=\"" + num(H - (y + 1) * m.cellM * s) +
                 "\" width=\"" + num(m.cellM * s) + "\" height=\"" + num(m.cellM * s) +
                 "\" fill=\"" + losColour(fruinLevel(d)) + "\"/>";
        }
    o += "<polygon points=\"" + polyPoints(m.outline, m.x0, m.y0, s, H) +
         "\" fill=\"none\" stroke=\"#000\"/>";
    return o + "</svg>";
}

std::string histogramSvg(const std::vector<double>& xs) {
    const int bins = 20;
    const double mx = std::max(1.0, *std::max_element(xs.begin(), xs.end()));
    std::vector<int> h(bins, 0);
    for (double x : xs)
        h[static_cast<size_t>(std::min(bins - 1, static_cast<int>(x / mx * bins)))]++;
    const int top = std::max(1, *std::max_element(h.begin(), h.end()));
    const double W = 720, H = 220, L = 40, B = 30;
    const double bw = (W - L - 10) / bins;
    std::string o = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(W, 0) +
                    "\" height=\"" + num(H, 0) + "\">";
    for (int i = 0; i < bins; ++i) {
        const double bh = (H - B - 10) * h[static_cast<size_t>(i)] / top;
        o += "<rect x=\"" + num(L + i * bw) + "\" y=\"" + num(H - B - bh) + "\" width=\"" +
             num(bw - 1) + "\" height=\"" + num(bh) + "\" fill=\"#fd8d3c\"/>";
    }
    for (int i = 0; i <= 4; ++i)
        o += "<text x=\"" + num(L + (W - L - 10) * i / 4) + "\" y=\"" + num(H - 10) +
             "\" font-size=\"11\" text-anchor=\"middle\">" + num(mx * i / 4, 0) + " s</text>";
    o += "<text x=\"" + num(L - 4) + "\" y=\"16\" font-size=\"11\" text-anchor=\"end\">" +
         std::to_string(top) + "</text>";
    return o + "</svg>";
}

// ASET/RSET rows by margin (ASET - RSET P95), smallest first; ties by room id.
std::vector<AsetRsetRow> byMargin(std::vector<AsetRsetRow> rows) {
    std::stable_sort(rows.begin(), rows.end(), [](const AsetRsetRow& a, const AsetRsetRow& b) {
        const double ma = a.asetS - a.rsetP95S, mb = b.asetS - b.rsetP95S;
        return ma != mb ? ma < mb : a.room < b.room;
    });
    return rows;
}

// The failing rooms in a table, the passing ones in a second table inside a <details> element.
std::string asetRsetTables(const std::vector<AsetRsetRow>& rows) {
    const std::string head = "<table><tr><th>room</th><th>floor</th><th>ASET (s)</th><th>RSET P95 "
                             "(s)</th><th>margin (s)</th><th>people there at untenability "
                             "(mean)</th></tr>\n";
    auto row = [](const AsetRsetRow& r) {
        return std::string(r.exceeded ? "<tr class=\"bad\">" : "<tr>") + "<td>" + esc(r.room) +
               "</td><td>" + esc(r.floor) + "</td><td>" + num(r.asetS) + "</td><td>" +
               num(r.rsetP95S) + "</td><td>" + num(r.asetS - r.rsetP95S) + "</td><td>" +
               num(r.meanAtUntenable, 2) + "</td></tr>\n";
    };
    std::string failing, passing;
    int nFail = 0, nPass = 0;
    for (const auto& r : byMargin(rows)) {
        (r.exceeded ? failing : passing) += row(r);
        ++(r.exceeded ? nFail : nPass);
    }
    std::string o;
    if (nFail > 0)
        o += head + failing + "</table>\n";
    else
        o += "<p>No room fails: every P95 RSET is within its ASET.</p>\n";
    if (nPass > 0)
        o += "<details><summary>" + std::to_string(nPass) + (nPass == 1 ? " room" : " rooms") +
             " with a margin</summary>\n" + head + passing + "</table>\n</details>\n";
    return o;
}

std::string fedSection(const McRun& run, const McSummary& s) {
    std::string o = "<section id=\"fed\">\n<h2>Smoke exposure: FED ≥ 0.3</h2>\n<p>People whose "
                    "asphyxiant fractional effective dose (Purser, SFPE Handbook ch. 63; ISO "
                    "13571) reached the design threshold 0.3, by the room they were in when it "
                    "did, mean per run over " +
                    std::to_string(run.reps.size()) +
                    " runs. CO and CO<sub>2</sub> are derived from the smoke model's extinction "
                    "coefficient (docs/model.md, \"Smoke exposure as tenability\").</p>\n";
    if (s.fedDesignMean.empty())
        return o + "<p>Nobody reached FED 0.3 in any run.</p>\n</section>\n";
    std::vector<std::pair<std::string, double>> rows(s.fedDesignMean.begin(),
                                                     s.fedDesignMean.end());
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    o += barsSvg(rows, "people") +
         "\n<table><tr><th>room</th><th>people per run (mean)</th><th>runs with any</th></tr>\n";
    for (const auto& [room, mean] : rows) {
        auto it = s.fedDesignRuns.find(room);
        o += "<tr><td>" + esc(room) + "</td><td>" + num(mean, 2) + "</td><td>" +
             std::to_string(it == s.fedDesignRuns.end() ? 0 : it->second) + "</td></tr>\n";
    }
    return o + "</table>\n</section>\n";
}

// Who moved the patients (staff_allocation.hpp): per ward, then per helper over all runs by
// busy time, the first kTopHelpers shown and the rest folded.
constexpr size_t kTopHelpers = 30;

std::string staffSection(const McRun& run) {
    const StaffSummary st = summarizeStaff(run);
    std::string o =
        "<section id=\"staff\">\n<h2>Staff allocation</h2>\n<p>Staff who moved patients, over " +
        std::to_string(run.reps.size()) +
        " runs. A ward is a floor and department; a helper belongs to the ward of their origin "
        "room, a patient to theirs. Trips: people a helper delivered. Busy time: from the first "
        "time the helper reached a patient to the last delivery of a patient they helped (the end "
        "of the run if one was not delivered). Per-helper figures are means over the runs in "
        "which that person helped.</p>\n";
    if (st.wards.empty())
        return o + "<p>Nobody was moved by staff in any run.</p>\n</section>\n";
    o += "<table><tr><th>ward</th><th>helpers per run</th><th>patients moved per "
         "run</th><th>trips per helper</th><th>distance per helper (m)</th><th>busy per helper "
         "(s)</th><th>patients helped by staff of another ward, per run</th></tr>\n";
    for (const auto& w : st.wards)
        o += "<tr><td>" + esc(w.ward) + "</td><td>" + num(w.helpers, 2) + "</td><td>" +
             num(w.patientsMoved, 2) + "</td><td>" + num(w.tripsPerHelper, 2) + "</td><td>" +
             num(roundDistance(w.distancePerHelperM), 2) + "</td><td>" +
             num(roundTime(w.busyPerHelperS), 1) + "</td><td>" + num(w.fromOtherWards, 2) +
             "</td></tr>\n";
    o += "</table>\n";
    if (!st.profiles.empty()) {
        o += "<h3>Per helper profile</h3>\n<table><tr><th>profile</th><th>helpers per "
             "run</th><th>trips per helper</th><th>distance per helper (m)</th><th>busy per "
             "helper (s)</th></tr>\n";
        for (const auto& p : st.profiles)
            o += "<tr><td>" + esc(p.profile) + "</td><td>" + num(p.helpers, 2) + "</td><td>" +
                 num(p.trips, 2) + "</td><td>" + num(roundDistance(p.distanceM), 2) + "</td><td>" +
                 num(roundTime(p.busyS), 1) + "</td></tr>\n";
        o += "</table>\n";
    }
    if (!st.flows.empty()) {
        o += "<h3>Who helped whom</h3>\n<table><tr><th>staff of</th><th>patients of</th><th>"
             "patients per run</th></tr>\n";
        for (const auto& f : st.flows)
            o += "<tr><td>" + esc(f.helperWard) + "</td><td>" + esc(f.patientWard) + "</td><td>" +
                 num(f.patients, 2) + "</td></tr>\n";
        o += "</table>\n";
    }
    if (!st.helpers.empty()) {
        const char* head = "<table><tr><th>helper</th><th>profile</th><th>ward</th><th>runs "
                           "helping</th><th>trips</th><th>distance (m)</th><th>busy "
                           "(s)</th></tr>\n";
        auto row = [](const HelperStats& h) {
            return "<tr><td>" + std::to_string(h.id) + "</td><td>" + esc(h.profile) + "</td><td>" +
                   esc(h.ward) + "</td><td>" + std::to_string(h.runs) + "</td><td>" +
                   num(h.trips, 2) + "</td><td>" + num(roundDistance(h.distanceM), 2) +
                   "</td><td>" + num(roundTime(h.busyS), 1) + "</td></tr>\n";
        };
        o += "<h3>Per helper, by busy time</h3>\n" + std::string(head);
        for (size_t i = 0; i < st.helpers.size() && i < kTopHelpers; ++i)
            o += row(st.helpers[i]);
        o += "</table>\n";
        if (st.helpers.size() > kTopHelpers) {
            o += "<details><summary>" +
                 plural(static_cast<long long>(st.helpers.size() - kTopHelpers), "more helper",
                        "more helpers") +
                 "</summary>\n" + head;
            for (size_t i = kTopHelpers; i < st.helpers.size(); ++i)
                o += row(st.helpers[i]);
            o += "</table>\n</details>\n";
        }
    }
    return o + "</section>\n";
}

const char* kindName(EventKind k) {
    return toString(k);
}

// One list of what happened, each moment once: with a kept replication, its events (the
// engine's, with the drill's own moments: applyDrill) up to the end of that run, then the
// drill's timeline beyond it (rooms that become untenable after everyone is out); without
// one, the drill's timeline. Times on the one clock (s since ignition).
std::vector<TimelineEntry> reportTimeline(const McRun& run, const KeptRun* kept) {
    if (!kept)
        return run.timeline;
    std::vector<TimelineEntry> tl;
    double end = 0;
    for (const auto& r : run.reps)
        if (r.index == kept->index)
            end = r.endS;
    for (const auto& e : kept->events) {
        tl.push_back({e.t, kindName(e.kind), e.subject, e.text.empty() ? "engine" : e.text});
        end = std::max(end, e.t);
    }
    for (const auto& e : run.timeline)
        if (e.timeS > end + 1e-9)
            tl.push_back(e);
    std::stable_sort(tl.begin(), tl.end(),
                     [](const auto& a, const auto& b) { return a.timeS < b.timeS; });
    return tl;
}

} // namespace

std::string drillReportHtml(const McRun& run, const McSummary& s, const KeptRun* kept) {
    std::string o;
    o += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Muster "
         "drill report: " +
         esc(run.drillName.empty() ? run.scenario : run.drillName) + "</title>\n";
    o +=
        "<style>body{font-family:sans-serif;max-width:1000px;margin:1em auto;color:#222}"
        "table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:2px "
        "6px;text-align:right}"
        "td:first-child,th:first-child{text-align:left}tr.bad{background:#fdd}h2{border-bottom:1px "
        "solid #888}"
        ".los span{display:inline-block;padding:0 8px;margin-right:4px}</style>\n</head>\n<body>\n";
    o += "<h1>Drill report: " + esc(run.drillName.empty() ? run.scenario : run.drillName) +
         "</h1>\n";

    o += "<section id=\"summary\">\n<h2>Summary</h2>\n<p>Scenario <code>" + esc(run.scenario) +
         "</code>; " + std::to_string(run.reps.size()) + " replications, master seed " +
         std::to_string(run.seed) +
         (run.strategy.empty() ? "" : "; strategy " + esc(run.strategy)) + "; " +
         std::to_string(s.people) + " people" +
         (s.inPlace > 0 ? " (" + std::to_string(s.inPlace) +
                              " defended in place, not moved by the strategy; every figure below "
                              "is of the " +
                              std::to_string(s.moved) + " people it moves)"
                        : std::string()) +
         ". Times are seconds since ignition (alarm at " + num(run.alarmS) + " s).</p>\n";
    if (run.reps.size() < static_cast<size_t>(kMinRunsForInterval))
        o += "<p class=\"warn\"><b>Too few runs for an interval:</b> " +
             std::to_string(run.reps.size()) + " runs; confidence intervals need at least " +
             std::to_string(kMinRunsForInterval) + ".</p>\n";
    o += "<table><tr><th>figure</th>" + std::string(kStatsHead) + "</tr>\n";
    o += "<tr><td>total evacuation time (s)</td>" + statsCells(s.totalTime) + "</tr>\n";
    o += "<tr><td>50 % out (s)</td>" + statsCells(s.t50) + "</tr>\n";
    o += "<tr><td>90 % out (s)</td>" + statsCells(s.t90) + "</tr>\n";
    o += "<tr><td>95 % out (s)</td>" + statsCells(s.t95) + "</tr>\n";
    o += "<tr><td>people out</td>" + statsCells(s.evacuated) + "</tr>\n</table>\n</section>\n";

    o += "<section id=\"curve\">\n<h2>Evacuation curve</h2>\n<p>Share of the " +
         std::to_string(s.moved) +
         " people the strategy moves that are out over time: "
         "median line, band P5–P95 over the replications.</p>\n" +
         curveSvg(s) + "\n</section>\n";

    std::vector<std::pair<std::string, double>> exits;
    for (const auto& e : s.exits)
        if (e.stats.max > 0)
            exits.emplace_back(e.id, e.stats.mean);
    o += "<section id=\"exits\">\n<h2>Exit usage</h2>\n<p>Mean people per exit.</p>\n" +
         barsSvg(exits, "people") + "\n<table><tr><th>exit</th>" + kStatsHead + "</tr>\n";
    for (const auto& e : s.exits)
        if (e.stats.max > 0)
            o += "<tr><td>" + esc(e.id) + "</td>" + statsCells(e.stats) + "</tr>\n";
    o += "</table>\n</section>\n";

    std::vector<std::pair<std::string, double>> wards;
    for (const auto& w : s.wards)
        if (!w.defendedInPlace())
            wards.emplace_back(w.id, w.stats.p95);
    o += "<section id=\"wards\">\n<h2>Clear time per ward</h2>\n<p>P95 clear time (s since "
         "ignition) per ward (floor and department). Runs where the ward never cleared count as "
         "the end of the run (censored: percentiles by Kaplan–Meier). A ward whose people all "
         "defend in place is never &ldquo;cleared&rdquo;: nobody had to leave it.</p>\n" +
         barsSvg(wards, "s") + "\n<table><tr><th>ward</th>" + kStatsHead +
         "<th>not clear in</th></tr>\n";
    auto groupRow = [](const GroupStats& w) {
        if (w.defendedInPlace())
            return "<tr><td>" + esc(w.id) +
                   "</td><td colspan=\"7\"><i>defended in place</i></td><td>–</td></tr>\n";
        return "<tr><td>" + esc(w.id) + "</td>" + statsCells(w.stats) + "<td>" +
               std::to_string(w.notClearRuns) + " runs</td></tr>\n";
    };
    for (const auto& w : s.wards)
        o += groupRow(w);
    o += "</table>\n<h3>Smoke compartments</h3>\n<table><tr><th>compartment</th>" +
         std::string(kStatsHead) + "<th>not clear in</th></tr>\n";
    for (const auto& w : s.compartments)
        o += groupRow(w);
    o += "</table>\n</section>\n";

    o += "<section id=\"waiting\">\n<h2>Waiting for help</h2>\n";
    if (s.waitingForHelp.empty()) {
        o += "<p>No assisted patients in this run.</p>\n";
    } else {
        const SampleStats w = sampleStats(s.waitingForHelp);
        o += "<p>Assisted patients the strategy moves (profiles that do not evacuate alone; "
             "those defended in place are not waiting for anyone): time from the alarm until "
             "the first helper reached them, pooled over " +
             std::to_string(run.reps.size()) + " runs (" + std::to_string(w.n) + " patient-runs; " +
             std::to_string(s.notReached) +
             " never reached, counted as the end of their run). Mean " + num(w.mean) + " s, P95 " +
             num(w.p95) + " s.</p>\n" + histogramSvg(s.waitingForHelp) + "\n";
    }
    o += "</section>\n";

    o += staffSection(run);

    o += "<section id=\"aset-rset\">\n<h2>ASET vs RSET</h2>\n<p>ASET: untenable time from the "
         "smoke model. RSET: P95 over the runs of the room's clear time. Margin: ASET − RSET P95, "
         "smallest first. Rows in red: P95 RSET &gt; ASET; rooms with a margin are folded "
         "below.</p>\n";
    if (s.asetRset.empty()) {
        o += "<p>No room with people becomes untenable in the smoke model (or the scenario has no "
             "drill).</p>\n";
    } else {
        o += asetRsetTables(s.asetRset);
    }
    o += "</section>\n";

    o += fedSection(run, s);

    o += "<section id=\"density\">\n<h2>Peak density (Fruin level of service)</h2>\n";
    o += "<p class=\"los\">";
    for (char c : std::string("ABCDEF"))
        o += std::string("<span style=\"background:") + losColour(c) + "\">" + c + "</span>";
    o += " walkway levels, Fruin (1971): A &lt; 0.31, B &lt; 0.43, C &lt; 0.72, D &lt; 1.08, E "
         "&lt; 2.17, F above (persons/m², 1 m cells).</p>\n";
    if (!kept || kept->density.empty()) {
        o += "<p>No replication was kept, so there is no density map.</p>\n";
    } else {
        o += "<p>Replication " + std::to_string(kept->index) + " (kept as a replay" +
             (kept->replayPath.empty() ? "" : ": <code>" + esc(kept->replayPath) + "</code>") +
             ").</p>\n";
        for (const auto& m : kept->density) {
            float peak = 0;
            for (float d : m.peak)
                peak = std::max(peak, d);
            if (peak <= 0)
                continue;
            o += "<h3>" + esc(m.floor) + " " + esc(m.name) + " (peak " + num(peak, 1) +
                 " /m², level " + fruinLevel(peak) + ")</h3>\n" + densitySvg(m) + "\n";
        }
    }
    o += "</section>\n";

    o += "<section id=\"timeline\">\n<h2>Event timeline</h2>\n<table><tr><th>time "
         "(s)</th><th>event</th><th>subject</th><th>detail</th></tr>\n";
    for (const auto& e : reportTimeline(run, kept))
        o += "<tr><td>" + num(e.timeS) + "</td><td>" + esc(e.kind) + "</td><td>" + esc(e.subject) +
             "</td><td>" + esc(e.text) + "</td></tr>\n";
    o += "</table>\n</section>\n";

    o += "<section id=\"not-out\">\n<h2>People not out</h2>\n";
    if (s.notOutMean.empty())
        o += "<p>Everyone got out in every run.</p>\n";
    else {
        o += "<table><tr><th>reason</th><th>people per run (mean)</th></tr>\n";
        for (const auto& [why, n] : s.notOutMean)
            o += "<tr><td>" + esc(why) + "</td><td>" + num(n, 2) + "</td></tr>\n";
        o += "</table>\n";
    }
    o += "</section>\n</body>\n</html>\n";
    return o;
}

std::map<std::string, std::string> drillFigureFiles(const McRun& run, const McSummary& s,
                                                    const KeptRun* kept) {
    // Numbers rounded to what they mean (muster/rounding.hpp, docs/format.md): times 0.1 s,
    // positions 0.01 m, fractions 4 significant digits, mean counts 0.001, densities 0.01 /m².
    std::map<std::string, std::string> f;
    const auto t = [](double v) { return fixedText(v, kTimeStepS); };
    const auto frac = [](double v) { return significantText(v, kFractionDigits); };
    const auto count = [](double v) { return fixedText(v, kMeanCountStep); };
    auto statsCsv = [](const SampleStats& x, double step) {
        std::string o;
        for (double v : {x.mean, x.sd, x.p50, x.p90, x.p95, x.max, x.ciLow, x.ciHigh})
            o += (o.empty() ? "" : ",") + fixedText(v, step);
        return o;
    };
    const std::string head = "mean,sd,p50,p90,p95,max,ci95_low,ci95_high";
    std::string c = "t_s,p5,p50,p95,mean\n";
    for (const auto& x : s.curve)
        c += t(x.t) + "," + frac(x.p5) + "," + frac(x.p50) + "," + frac(x.p95) + "," +
             frac(x.mean) + "\n";
    f["curve.csv"] = c;
    auto groups = [&](const std::vector<GroupStats>& g, const char* key, bool notClear,
                      double step) {
        std::string o = std::string(key) + "," + head + (notClear ? ",not_clear_runs" : "") + "\n";
        for (const auto& x : g)
            o += "\"" + x.id + "\"," + statsCsv(x.stats, step) +
                 (notClear ? "," + std::to_string(x.notClearRuns) : "") + "\n";
        return o;
    };
    f["exits.csv"] = groups(s.exits, "exit", false, kMeanCountStep); // people per exit
    f["wards.csv"] = groups(s.wards, "ward", true, kTimeStepS);      // clear times
    f["compartments.csv"] = groups(s.compartments, "compartment", true, kTimeStepS);
    std::string a = "room,floor,aset_s,rset_p95_s,exceeded,mean_people_at_untenable\n";
    for (const auto& r : s.asetRset)
        a += r.room + "," + r.floor + "," + t(r.asetS) + "," + t(r.rsetP95S) + "," +
             (r.exceeded ? "1" : "0") + "," + count(r.meanAtUntenable) + "\n";
    f["aset_rset.csv"] = a;
    std::string fed = "room,mean_people_per_run,runs_with_any\n";
    for (const auto& [room, mean] : s.fedDesignMean) {
        auto it = s.fedDesignRuns.find(room);
        fed += "\"" + room + "\"," + num(mean, 3) + "," +
               std::to_string(it == s.fedDesignRuns.end() ? 0 : it->second) + "\n";
    }
    f["fed.csv"] = fed;
    std::string w = "waiting_for_help_s\n";
    for (double x : s.waitingForHelp)
        w += t(x) + "\n";
    f["waiting.csv"] = w;
    std::string tl = "t_s,kind,subject,text\n";
    for (const auto& e : reportTimeline(run, kept))
        tl += t(e.timeS) + "," + e.kind + "," + e.subject + ",\"" + e.text + "\"\n";
    f["timeline.csv"] = tl;
    std::string n = "reason,mean_people_per_run\n";
    for (const auto& [why, k] : s.notOutMean)
        n += "\"" + why + "\"," + count(k) + "\n";
    f["not_out.csv"] = n;
    std::string sc = "ward,helpers_per_run,patients_moved_per_run,trips_per_helper,"
                     "distance_per_helper_m,busy_per_helper_s,helped_from_other_wards_per_run\n";
    for (const auto& x : summarizeStaff(run).wards)
        sc += "\"" + x.ward + "\"," + count(x.helpers) + "," + count(x.patientsMoved) + "," +
              count(x.tripsPerHelper) + "," + fixedText(x.distancePerHelperM, kDistanceStepM) +
              "," + t(x.busyPerHelperS) + "," + count(x.fromOtherWards) + "\n";
    f["staff.csv"] = sc;
    std::string r = "index,seed,total,evacuated,total_time_s,t50_s,t90_s,t95_s\n";
    for (const auto& x : run.reps)
        r += std::to_string(x.index) + "," + std::to_string(x.seed) + "," +
             std::to_string(x.total) + "," + std::to_string(x.evacuated) + "," + t(x.totalTimeS) +
             "," + t(x.t50) + "," + t(x.t90) + "," + t(x.t95) + "\n";
    f["replications.csv"] = r;
    if (kept)
        for (const auto& m : kept->density) {
            std::string d = "x_m,y_m,peak_per_m2,fruin\n";
            for (int y = 0; y < m.ny; ++y)
                for (int x = 0; x < m.nx; ++x) {
                    const float v = m.peak[static_cast<size_t>(y * m.nx + x)];
                    if (v > 0)
                        d += fixedText(m.x0 + (x + 0.5) * m.cellM, kDistanceStepM) + "," +
                             fixedText(m.y0 + (y + 0.5) * m.cellM, kDistanceStepM) + "," +
                             fixedText(v, kDensityStep) + "," + fruinLevel(v) + "\n";
                }
            f["density_" + m.floor + ".csv"] = d;
        }
    return f;
}

} // namespace muster
