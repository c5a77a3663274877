#pragma once
// Each command registers itself on the CLI11 app; main() only parses and dispatches.
// A command's options live in its own struct (e.g. RunArgs in cmd_run.cpp), created by
// make_shared when the command registers: CLI11 binds the flags to its fields, and the action
// captures the shared_ptr, so the options live as long as the Registry keeps the action (no
// static variables; registering twice gives two independent commands).
#include <CLI/CLI.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "muster/diagnostics.hpp"
#include "muster/replay.hpp"

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
// The header a replay is written with: files outside the project folder left out (or kept with
// --embed-outside), and listed on stderr either way (docs/security.md).
ReplayHeader embeddingHeader(ReplayHeader h, const std::string& scenarioPath, bool embedOutside);

void addInputCommands(Registry& r);
void addRunCommands(Registry& r);
void addBenchCommands(Registry& r);
void addCheckCommands(Registry& r);
void addViewCommands(Registry& r); // forwards to muster-viewer
void addDrillCommands(Registry& r);

} // namespace muster::cli
