#pragma once
// Each command registers itself on the CLI11 app; main() only parses and dispatches.
// A command's options live in its own struct (e.g. RunArgs in cmd_run.cpp), created by
// make_shared when the command registers: CLI11 binds the flags to its fields, and the action
// captures the shared_ptr, so the options live as long as the Registry keeps the action (no
// static variables; registering twice gives two independent commands).
#include <CLI/CLI.hpp>

#include <cmath>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "muster/date.hpp"
#include "muster/diagnostics.hpp"
#include "muster/limits.hpp"
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

// Option checks (docs/cli.md "Limits"): a finite number in [lo, hi]. CLI::Range alone lets NaN
// through (every comparison with NaN is false) and `--cell 0` crashed the coverage grid.
inline CLI::Validator finiteIn(double lo, double hi) {
    const std::string range = CLI::detail::to_string(lo) + " to " + CLI::detail::to_string(hi);
    return CLI::Validator(
        [lo, hi, range](std::string& s) -> std::string {
            std::size_t used = 0;
            double v = std::nan("");
            try {
                v = std::stod(s, &used);
            } catch (const std::exception&) {
            }
            if (used != s.size() || !std::isfinite(v) || v < lo || v > hi)
                return "expected a number from " + range + ", got \"" + s + "\"";
            return {};
        },
        "NUMBER in [" + CLI::detail::to_string(lo) + " - " + CLI::detail::to_string(hi) + "]");
}
// A whole number in [lo, hi] (CLI11 converts with range checks, but 0 runs or 10^9 threads
// would pass without this).
inline CLI::Validator wholeIn(long long lo, long long hi) {
    return CLI::Validator(
        [lo, hi](std::string& s) -> std::string {
            std::size_t used = 0;
            long long v = 0;
            try {
                v = std::stoll(s, &used);
            } catch (const std::exception&) {
                used = 0;
            }
            if (used == 0 || used != s.size() || v < lo || v > hi)
                return "expected a whole number from " + std::to_string(lo) + " to " +
                       std::to_string(hi) + ", got \"" + s + "\"";
            return {};
        },
        "INT in [" + std::to_string(lo) + " - " + std::to_string(hi) + "]");
}

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
void addLabelCommands(Registry& r);
void addViewCommands(Registry& r); // forwards to muster-viewer
void addDrillCommands(Registry& r);
void addDepartmentCommands(Registry& r);

} // namespace muster::cli
