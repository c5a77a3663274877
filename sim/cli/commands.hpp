#pragma once
// Each command registers itself on the CLI11 app; main() only parses and dispatches.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <functional>
#include <string>

#include "muster/diagnostics.hpp"

namespace muster::cli {

// A command's action returns the process exit code (0 ok, 1 findings/errors, 2 usage).
using Action = std::function<int()>;

struct Registry {
    CLI::App& app;
    std::vector<std::pair<CLI::App*, Action>> actions;
    CLI::App* add(const char* name, const char* description, const char* example, Action action) {
        CLI::App* sub = app.add_subcommand(name, description);
        sub->footer(std::string("\nExample:\n  ") + example + "\n");
        actions.emplace_back(sub, std::move(action));
        return sub;
    }
};

// Shared by the commands (cmd_run.cpp): print diagnostics GCC-style, return the error count;
// write a regenerated output file atomically (temp file + rename).
int printDiagnosticsAndCount(Diagnostics& d);
bool writeTextFile(const std::filesystem::path& path, const std::string& text);

void addInputCommands(Registry& r);
void addRunCommands(Registry& r);
void addBenchCommands(Registry& r);
void addCheckCommands(Registry& r);
void addViewCommands(Registry& r);  // forwards to muster-viewer
void addDrillCommands(Registry& r);

}  // namespace muster::cli
