// Shared by the equipment commands: see check_inputs.hpp.
#include "check_inputs.hpp"

#include <chrono>
#include <ctime>
#include <iostream>

#include "commands.hpp"

namespace muster::cli {

// The CLI is the only place that reads the clock: the core always gets "today" as an input.
Date systemToday() {
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    localtime_r(&t, &tm);
    return Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

bool parseDateArg(const std::string& s, Date& out, const char* option) {
    if (s.empty()) {
        out = systemToday();
        return true;
    }
    auto d = parseDate(s);
    if (!d) {
        std::cerr << "muster: error: " << option << ": expected YYYY-MM-DD, got \"" << s << "\"\n";
        return false;
    }
    out = *d;
    return true;
}

std::optional<RulesSet> loadRules(const Project& p, const std::string& rulesFile, Diagnostics& d) {
    return loadRulesForProject(p, rulesFile, d);
}

std::optional<Loaded> loadAll(const std::string& scenario, const std::string& rulesFile) {
    Diagnostics d;
    auto p = loadProject(scenario, d);
    if (!p) {
        printDiagnosticsAndCount(d);
        return std::nullopt;
    }
    auto r = loadRules(*p, rulesFile, d);
    printDiagnosticsAndCount(d);
    if (!r)
        return std::nullopt;
    return Loaded{std::move(*p), std::move(*r)};
}

} // namespace muster::cli
