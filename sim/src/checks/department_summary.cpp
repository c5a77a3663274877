// Per-department summaries: the responsibility letter's yearly review (one A4 page each).
#include "muster/department_summary.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "checks/svg.hpp"
#include "muster/ownership.hpp"
#include "muster/text.hpp"

namespace muster {

std::vector<DepartmentSummary>
departmentSummaries(const Project& p, const ComplianceReport& report, const HazardRegister* reg,
                    const std::map<std::string, AttendedSummary>& attended) {
    std::map<std::string, DepartmentSummary> by;
    auto at = [&](const std::string& name) -> DepartmentSummary& {
        DepartmentSummary& s = by[name];
        s.department = name;
        if (!s.dept)
            s.dept = findDepartment(p, name);
        return s;
    };
    for (const Department& d : p.departments)
        at(d.name.empty() ? d.id : d.name);
    for (const ItemCheck& it : report.items) {
        DepartmentSummary& s = at(it.department);
        ++s.units;
        ++s.byStatus[toString(it.status)];
        if (it.status == ItemStatus::Overdue || it.status == ItemStatus::Expired ||
            it.status == ItemStatus::Missing)
            s.overdue.push_back(&it);
    }
    for (const Finding& f : report.findings)
        if (f.severity != Severity::Note)
            at(f.department).findings.push_back(&f);
    if (reg) {
        const Date today = report.today;
        for (const auto& [dept, st] : hazardStats(*reg, "department", today))
            if (!dept.empty())
                at(dept).hazards = st;
        for (const HazardItem& h : reg->items)
            if (h.status == HazardStatus::Open || h.status == HazardStatus::InProgress)
                at(h.department).openHazards.push_back(&h);
    }
    for (const auto& [dept, a] : attended)
        at(dept).attended = a;
    std::vector<DepartmentSummary> out;
    for (auto& [name, s] : by) {
        std::sort(s.openHazards.begin(), s.openHazards.end(),
                  [](const HazardItem* a, const HazardItem* b) { return a->found < b->found; });
        out.push_back(std::move(s));
    }
    return out;
}

std::string departmentSummaryText(const std::vector<DepartmentSummary>& all) {
    std::ostringstream o;
    o << padRight("department", 34) << ' ' << padRight("responsible", 12)
      << "  units overdue expired findings hazards open overdue attended\n";
    for (const DepartmentSummary& s : all) {
        char line[160];
        auto n = [&](const char* k) {
            auto it = s.byStatus.find(k);
            return it == s.byStatus.end() ? 0 : it->second;
        };
        std::snprintf(line, sizeof line, "  %5d %7d %7d %8zu %7d %4d %7d %8d\n", s.units,
                      n("overdue"), n("expired"), s.findings.size(), s.hazards.found,
                      s.hazards.open, s.hazards.overdue, s.attended.events);
        o << padRight(s.department.empty() ? "(no owner)" : s.department, 34) << ' '
          << padRight(s.dept ? s.dept->responsible : "", 12) << line;
    }
    return o.str();
}

std::string departmentSummaryHtml(const std::vector<DepartmentSummary>& all, const Project& p,
                                  Date today, const std::vector<std::string>& only) {
    using svg::esc;
    std::ostringstream o;
    o << svg::pageHead("Muster fire-safety responsibility review " + today.str(), false);
    o << "<style>@page{size:A4;margin:12mm}section.dept{break-after:page;page-break-after:always}"
         "section.dept:last-child{break-after:auto;page-break-after:auto}"
         "tr{break-inside:avoid;page-break-inside:avoid}.sign{margin-top:14px}"
         ".sign span{display:inline-block;width:45%;border-bottom:1px solid #333;height:26px;"
         "margin-right:4%}</style>\n";
    for (const DepartmentSummary& s : all) {
        if (!only.empty()) {
            const bool wanted = std::any_of(only.begin(), only.end(), [&](const std::string& x) {
                return x == s.department || (s.dept && x == s.dept->id);
            });
            if (!wanted)
                continue;
        }
        o << "<section class=dept><h2>消防安全责任书 年度检查 Fire-safety responsibility review: "
          << esc(s.department.empty() ? "(units nobody owns)" : s.department) << "</h2>\n<p>"
          << esc(p.scenario.name) << " &mdash; as of " << today.str();
        if (s.dept)
            o << " &mdash; 负责人 head: <b>" << esc(s.dept->responsible)
              << "</b>, 副 deputy: " << esc(s.dept->deputy)
              << (s.dept->phone.empty() ? "" : ", " + esc(s.dept->phone));
        o << "</p>\n<table><tr><th>units owned</th>";
        for (const auto& [k, n] : s.byStatus)
            o << "<th>" << esc(k) << "</th>";
        o << "<th>findings</th><th>hazards found</th><th>rectified</th><th>rate</th><th>open</th>"
             "<th>overdue</th><th>drills / trainings attended</th></tr><tr><td>"
          << s.units << "</td>";
        for (const auto& [k, n] : s.byStatus)
            o << "<td" << (k == "expired" || k == "overdue" || k == "missing" ? " class=bad" : "")
              << ">" << n << "</td>";
        char rate[32];
        std::snprintf(rate, sizeof rate, "%.0f %%", s.hazards.rate());
        o << "<td>" << s.findings.size() << "</td><td>" << s.hazards.found << "</td><td>"
          << s.hazards.rectified << "</td><td>" << (s.hazards.found ? rate : "&ndash;")
          << "</td><td>" << s.hazards.open << "</td><td" << (s.hazards.overdue ? " class=bad" : "")
          << ">" << s.hazards.overdue << "</td><td>" << s.attended.events << " ("
          << s.attended.attendees << " people)</td></tr></table>\n";
        const std::size_t kRows = 14; // one page: longer lists say how many more
        auto more = [&](std::size_t n) {
            if (n > kRows)
                o << "<p class=small>&hellip; and " << n - kRows
                  << " more (muster check --csv lists them all)</p>\n";
        };
        o << "<h3>待整改 Open findings</h3>\n";
        if (s.findings.empty())
            o << "<p>none</p>\n";
        else {
            o << "<table class=small><tr><th>severity</th><th>item</th><th>where</th>"
                 "<th>finding</th><th>due</th></tr>\n";
            for (std::size_t i = 0; i < s.findings.size() && i < kRows; ++i) {
                const Finding& f = *s.findings[i];
                o << "<tr class=" << (f.severity == Severity::Error ? "error" : "warning")
                  << "><td>" << (f.severity == Severity::Error ? "error" : "warning") << "</td><td>"
                  << esc(f.item) << "</td><td>" << esc(f.floor)
                  << (f.room.empty() ? "" : " " + esc(f.room)) << "</td><td>" << esc(f.message)
                  << "</td><td>" << (f.due ? f.due->str() : "") << "</td></tr>\n";
            }
            o << "</table>\n";
            more(s.findings.size());
        }
        o << "<h3>隐患 Open hazards</h3>\n";
        if (s.openHazards.empty())
            o << "<p>none</p>\n";
        else {
            o << "<table class=small><tr><th>id</th><th>found</th><th>item</th><th>severity</th>"
                 "<th>deadline</th><th>status</th><th>description</th></tr>\n";
            for (std::size_t i = 0; i < s.openHazards.size() && i < kRows; ++i) {
                const HazardItem& h = *s.openHazards[i];
                o << "<tr" << (h.deadline < today ? " class=error" : "") << "><td>" << esc(h.id)
                  << "</td><td>" << h.found.str() << "</td><td>" << esc(h.item) << "</td><td>"
                  << esc(h.severity) << "</td><td>" << h.deadline.str() << "</td><td>"
                  << toString(h.status) << "</td><td>" << esc(h.description) << "</td></tr>\n";
            }
            o << "</table>\n";
            more(s.openHazards.size());
        }
        if (!s.attended.lines.empty()) {
            o << "<h3>演练与培训 Drills and trainings attended</h3>\n<ul class=small>";
            for (std::size_t i = 0; i < s.attended.lines.size() && i < kRows; ++i)
                o << "<li>" << esc(s.attended.lines[i]) << "</li>";
            o << "</ul>\n";
            more(s.attended.lines.size());
        }
        o << "<div class=sign><span>科室负责人 Head of department (signature, date)</span>"
             "<span>保卫科 Safety office (signature, date)</span></div></section>\n";
    }
    o << "</body></html>\n";
    return o.str();
}

} // namespace muster
