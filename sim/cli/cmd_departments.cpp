// muster departments: the fire-safety responsibility review, one A4 page per department.
#include <iostream>

#include "check_inputs.hpp"
#include "commands.hpp"
#include "muster/checks.hpp"
#include "muster/department_summary.hpp"
#include "muster/hazard_register.hpp"
#include "muster/loader.hpp"
#include "muster/ownership.hpp"

namespace muster::cli {

namespace {

struct DepartmentsArgs {
    std::string scenario, date, rules, registerPath, html;
    std::vector<std::string> only;
    bool quiet = false;
};

} // namespace

void addDepartmentCommands(Registry& r) {
    auto a = std::make_shared<DepartmentsArgs>();
    CLI::App* cmd = r.add(
        "departments",
        "Fire-safety responsibility review per department (消防安全责任书): units owned, open "
        "findings, overdue items, hazards and drills attended; one A4 page each to sign",
        "muster departments scenarios/hospital/day.yaml --date 2026-12-31 --register "
        "logs/hazards.csv --html out/departments.html",
        [a] {
            Date today;
            if (!parseDateArg(a->date, today))
                return 2;
            auto L = loadAll(a->scenario, a->rules);
            if (!L)
                return 1;
            const Project* p = &L->project;
            Diagnostics d;
            std::optional<HazardRegister> reg;
            if (!a->registerPath.empty()) {
                reg = loadHazardRegister(a->registerPath, d);
                if (reg && !reg->file.existed)
                    d.error(SourceLoc{a->registerPath, 0, 1, ""}, "",
                            "no hazard register at this path (a typo?)");
                if (!reg || !reg->file.existed) {
                    printDiagnosticsAndCount(d);
                    return 1;
                }
            }
            for (const std::string& x : a->only)
                if (!findDepartment(*p, x)) {
                    std::cerr << "muster: error: --department: no department \"" << x
                              << "\" in the scenario's registry\n";
                    return 2;
                }
            CheckOptions opt;
            const ComplianceReport report = runChecks(*p, L->rules, today, opt, d);
            printDiagnosticsAndCount(d);
            const auto sums = departmentSummaries(*p, report, reg ? &*reg : nullptr);
            std::cout << departmentSummaryText(sums);
            if (!a->html.empty()) {
                if (!writeTextFile(a->html, departmentSummaryHtml(sums, *p, today, a->only))) {
                    std::cerr << "muster: error: cannot write " << a->html << "\n";
                    return 1;
                }
                std::cout << "wrote " << a->html << "\n";
            }
            return 0;
        });
    cmd->add_option("scenario", a->scenario, "Campus scenario file")->required();
    cmd->add_option("--date", a->date, "As of this date (default: today)");
    cmd->add_option("--rules", a->rules, "Rules profile for every building");
    cmd->add_option("--register", a->registerPath, "Hazard register (CSV) to count hazards from");
    cmd->add_option("--department", a->only, "Only this department (id or name; repeat for more)");
    cmd->add_option("--html", a->html, "Write the printable review (one A4 page per department)");
}

} // namespace muster::cli
