#pragma once
// What the equipment commands (cmd_check.cpp, cmd_labels.cpp) share: "today" from --date or
// the clock (the CLI is the only place that reads it), and a scenario with its rules profiles.
#include <optional>
#include <string>

#include "muster/checks.hpp"
#include "muster/loader.hpp"

namespace muster::cli {

// The system date (local time).
Date systemToday();
// `s` as YYYY-MM-DD, or today when it is empty; false (and a message on stderr naming
// `option`) when it is malformed.
bool parseDateArg(const std::string& s, Date& out, const char* option = "--date");

// Rules for every building of the project: --rules FILE for all, else the bundled profile the
// building names.
std::optional<RulesSet> loadRules(const Project& p, const std::string& rulesFile, Diagnostics& d);

struct Loaded {
    Project project;
    RulesSet rules;
};
// The scenario and its rules; diagnostics printed; nullopt on an error.
std::optional<Loaded> loadAll(const std::string& scenario, const std::string& rulesFile);

} // namespace muster::cli
