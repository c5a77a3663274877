#pragma once
// Diagnostics: errors and warnings as values with locations. One model for every
// presenter (CLI prints them GCC-style, the viewer lists them, tests assert on them).
#include <string>
#include <vector>

#include "muster/types.hpp"

namespace muster {

enum class Severity { Note, Warning, Error };

struct Diagnostic {
    Severity severity = Severity::Error;
    SourceLoc loc;
    std::string keyPath; // e.g. "floors[2].doors[5].width_m"; may be empty
    std::string message; // what was expected, what was found
};

// "file:line:col: error: key.path: message"
std::string formatDiagnostic(const Diagnostic& d);

class Diagnostics {
public:
    void add(Severity s, SourceLoc loc, std::string keyPath, std::string message);
    void error(SourceLoc loc, std::string keyPath, std::string message) {
        add(Severity::Error, std::move(loc), std::move(keyPath), std::move(message));
    }
    void warning(SourceLoc loc, std::string keyPath, std::string message) {
        add(Severity::Warning, std::move(loc), std::move(keyPath), std::move(message));
    }
    [[nodiscard]] bool hasErrors() const { return m_errors > 0; }
    [[nodiscard]] int errorCount() const { return m_errors; }
    [[nodiscard]] int warningCount() const { return m_warnings; }
    [[nodiscard]] const std::vector<Diagnostic>& all() const { return m_items; }
    [[nodiscard]] bool empty() const { return m_items.empty(); }
    // Sort by file, line, column (stable) so output is deterministic.
    void sort();

private:
    std::vector<Diagnostic> m_items;
    int m_errors = 0;
    int m_warnings = 0;
};

} // namespace muster
