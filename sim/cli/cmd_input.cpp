// muster validate / muster info
#include <iostream>

#include "commands.hpp"
#include "muster/loader.hpp"
#include "muster/summary.hpp"

namespace muster::cli {

namespace {

void printDiagnostics(Diagnostics& d) {
    d.sort();
    for (const auto& x : d.all())
        std::cerr << formatDiagnostic(x) << '\n';
}

} // namespace

namespace {

// `muster validate` options, bound to its flags.
struct ValidateArgs {
    std::vector<std::string> files;
    bool werror = false;
};

// `muster info` options, bound to its flags.
struct InfoArgs {
    std::string scenario;
    bool json = false;
};

} // namespace

void addInputCommands(Registry& r) {
    auto validateArgs = std::make_shared<ValidateArgs>();
    CLI::App* v =
        r.add("validate", "Check Muster YAML files and report every problem (GCC-style, on stderr)",
              "muster validate scenarios/hospital/day.yaml scenarios/hospital/inventory.yaml",
              [validateArgs] {
                  Diagnostics d;
                  for (const auto& f : validateArgs->files)
                      validateFile(f, d);
                  printDiagnostics(d);
                  if (d.hasErrors() || (validateArgs->werror && d.warningCount() > 0))
                      return 1;
                  return 0;
              });
    v->add_option("files", validateArgs->files,
                  "Scenario, building, floor, inventory or population files")
        ->required();
    v->add_flag("--werror", validateArgs->werror, "Treat warnings (unknown keys) as errors");

    auto infoArgs = std::make_shared<InfoArgs>();
    CLI::App* i = r.add(
        "info", "Summarise a scenario: floors, rooms, areas, doors, exits, occupants, inventory",
        "muster info scenarios/hospital/day.yaml --json", [infoArgs] {
            Diagnostics d;
            auto p = loadProject(infoArgs->scenario, d);
            printDiagnostics(d);
            if (!p)
                return 1;
            const ProjectSummary s = summarize(*p);
            std::cout << (infoArgs->json ? summaryJson(s) + "\n" : summaryText(s));
            return 0;
        });
    i->add_option("scenario", infoArgs->scenario, "Scenario file")->required();
    i->add_flag("--json", infoArgs->json, "Machine-readable JSON on stdout");
}

} // namespace muster::cli
