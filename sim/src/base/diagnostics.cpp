#include "muster/diagnostics.hpp"

#include <algorithm>

namespace muster {

std::string formatDiagnostic(const Diagnostic& d) {
    std::string s = d.loc.file.empty() ? std::string("<input>") : d.loc.file;
    if (d.loc.line > 0) {
        s += ':' + std::to_string(d.loc.line);
        if (d.loc.column > 0)
            s += ':' + std::to_string(d.loc.column);
    }
    switch (d.severity) {
    case Severity::Error:
        s += ": error: ";
        break;
    case Severity::Warning:
        s += ": warning: ";
        break;
    case Severity::Note:
        s += ": note: ";
        break;
    }
    if (!d.keyPath.empty())
        s += d.keyPath + ": ";
    s += d.message;
    return s;
}

void Diagnostics::add(Severity s, SourceLoc loc, std::string keyPath, std::string message) {
    if (s == Severity::Error)
        ++m_errors;
    if (s == Severity::Warning)
        ++m_warnings;
    m_items.push_back(Diagnostic{s, std::move(loc), std::move(keyPath), std::move(message)});
}

void Diagnostics::sort() {
    std::stable_sort(m_items.begin(), m_items.end(), [](const Diagnostic& a, const Diagnostic& b) {
        if (a.loc.file != b.loc.file)
            return a.loc.file < b.loc.file;
        if (a.loc.line != b.loc.line)
            return a.loc.line < b.loc.line;
        return a.loc.column < b.loc.column;
    });
}

} // namespace muster
