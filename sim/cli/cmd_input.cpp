// muster validate / muster info
#include <iostream>

#include "commands.hpp"
#include "muster/loader.hpp"
#include "muster/summary.hpp"

namespace muster::cli {

namespace {

void printDiagnostics(Diagnostics& d) {
    d.sort();
    for (const auto& x : d.all()) std::cerr << formatDiagnostic(x) << '\n';
}

}  // namespace

void addInputCommands(Registry& r) {
    static std::vector<std::string> files;
    static bool werror = false;
    CLI::App* v = r.add(
        "validate", "Check Muster YAML files and report every problem (GCC-style, on stderr)",
        "muster validate scenarios/hospital/day.yaml scenarios/hospital/inventory.yaml",
        [] {
            Diagnostics d;
            for (const auto& f : files) validateFile(f, d);
            printDiagnostics(d);
            if (d.hasErrors() || (werror && d.warningCount() > 0)) return 1;
            return 0;
        });
    v->add_option("files", files, "Scenario, building, floor, inventory or population files")
        ->required();
    v->add_flag("--werror", werror, "Treat warnings (unknown keys) as errors");

    static std::string scenario;
    static bool json = false;
    CLI::App* i = r.add(
        "info", "Summarise a scenario: floors, rooms, areas, doors, exits, occupants, inventory",
        "muster info scenarios/hospital/day.yaml --json", [] {
            Diagnostics d;
            auto p = loadProject(scenario, d);
            printDiagnostics(d);
            if (!p) return 1;
            const ProjectSummary s = summarize(*p);
            std::cout << (json ? summaryJson(s) + "\n" : summaryText(s));
            return 0;
        });
    i->add_option("scenario", scenario, "Scenario file")->required();
    i->add_flag("--json", json, "Machine-readable JSON on stdout");
}

}  // namespace muster::cli
