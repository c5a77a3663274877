// muster: the headless command-line front end. Parse arguments, call the core, print
// diagnostics and results, return an exit code. Machine output goes to stdout only;
// logs (spdlog) go to stderr.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <iostream>

#include "commands.hpp"

int main(int argc, char** argv) {
    CLI::App app{"Muster: evacuation drills and fire-equipment checks for hospitals", "muster"};
    app.require_subcommand(1);
    app.footer("Examples:\n"
               "  muster validate scenarios/hospital/day.yaml\n"
               "  muster info scenarios/hospital/day.yaml --json\n"
               "Run 'muster COMMAND --help' for a command's options.");
    int verbosity = 0;
    app.add_flag("-v,--verbose", verbosity, "More log output on stderr (repeat for debug)");
    bool quiet = false;
    app.add_flag("-q,--quiet", quiet, "Only errors on stderr");

    muster::cli::Registry reg{app, {}};
    muster::cli::addInputCommands(reg);
    muster::cli::addRunCommands(reg);
    muster::cli::addBenchCommands(reg);
    muster::cli::addCheckCommands(reg);
    muster::cli::addLabelCommands(reg);
    muster::cli::addViewCommands(reg);
    muster::cli::addDrillCommands(reg);
    muster::cli::addDepartmentCommands(reg);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return 2;
    }

    auto logger = spdlog::stderr_color_mt("muster");
    spdlog::set_default_logger(logger);
    spdlog::set_pattern("%^%l%$: %v");
    spdlog::set_level(quiet            ? spdlog::level::err
                      : verbosity >= 2 ? spdlog::level::debug
                      : verbosity == 1 ? spdlog::level::info
                                       : spdlog::level::warn);

    for (auto& [sub, action] : reg.actions)
        if (sub->parsed())
            return action();
    return 2;
}
