#include "viewer/inspection.hpp"

#include "viewer/compliance.hpp"

#include <algorithm>
#include <filesystem>
#include <map>

namespace muster::viewer {

namespace {

// One-line CSV fields: the log keeps one record per line.
std::string oneLine(std::string s) {
    for (char& c : s)
        if (c == '\n' || c == '\r' || c == '\t')
            c = ' ';
    const auto b = s.find_first_not_of(' ');
    if (b == std::string::npos)
        return "";
    return s.substr(b, s.find_last_not_of(' ') - b + 1);
}

std::string firstErrors(const Diagnostics& d, int maxN = 2) {
    std::string s;
    int n = 0;
    for (const auto& x : d.all()) {
        if (x.severity != Severity::Error)
            continue;
        if (n++ == maxN) {
            s += " (and more)";
            break;
        }
        if (!s.empty())
            s += "; ";
        s += formatDiagnostic(x);
    }
    return s;
}

bool inRound(const InspectionEntry& e, const ChecklistItem& item, YearMonth month) {
    if (e.date.year != month.year || e.date.month != month.month)
        return false;
    if (item.round == 1)
        return e.date.day <= 15;
    if (item.round == 2)
        return e.date.day > 15;
    return true;
}

} // namespace

ItemDraft ItemDraft::forItem(const ChecklistItem& item) {
    ItemDraft d;
    d.checks.resize(item.checks.size());
    return d;
}

InspectionRecorder::InspectionRecorder(const Project& project, std::string logPath,
                                       std::string registerPath, bool create,
                                       const std::string& rulesFile)
    : m_project(project), m_logPath(std::move(logPath)), m_registerPath(std::move(registerPath)),
      m_create(create) {
    if (m_registerPath.empty())
        m_registerPath = (std::filesystem::path(m_logPath).parent_path() / "hazards.csv").string();
    Diagnostics d;
    m_rules = loadRules(project, d, rulesFile);
}

bool InspectionRecorder::load(std::string& message) {
    Diagnostics d;
    auto log = loadInspectionLog(m_logPath, d);
    if (!log) {
        message = "cannot read the inspection log: " + firstErrors(d);
        m_log.reset();
        return false;
    }
    if (!log->file.existed && !m_create) {
        // A typo'd --log is not a new, empty log (docs/compliance.md).
        message = "no inspection log at " + m_logPath +
                  " (a typo?); start the viewer with --create to begin a new one";
        m_log.reset();
        return false;
    }
    m_log = std::move(*log);
    message = m_log->file.existed
                  ? "read " + std::to_string(m_log->entries.size()) + " entries from " + m_logPath
                  : m_logPath + " does not exist yet; it is created on the first record";
    if (d.hasErrors())
        message += ". Malformed lines are kept as they are: " + firstErrors(d);
    return true;
}

const std::vector<InspectionEntry>& InspectionRecorder::entries() const {
    static const std::vector<InspectionEntry> kNone;
    return m_log ? m_log->entries : kNone;
}

RecordOutcome InspectionRecorder::record(const ChecklistItem& item, const ItemDraft& draft,
                                         const std::string& inspector, Date date) {
    RecordOutcome out;
    if (!m_log) {
        out.message = "the inspection log is not open; nothing was written";
        return out;
    }
    const std::string who = oneLine(inspector);
    if (who.empty()) {
        out.message = "enter the inspector's name first; nothing was written";
        return out;
    }
    if (!parseDate(date.str())) {
        out.message = "the date " + date.str() + " is not a valid date; nothing was written";
        return out;
    }
    std::string note = oneLine(draft.note);
    if (item.round)
        note = "round " + std::to_string(item.round) + (note.empty() ? "" : "; " + note);
    std::vector<InspectionEntry> add;
    for (std::size_t i = 0; i < item.checks.size() && i < draft.checks.size(); ++i) {
        const auto& c = draft.checks[i];
        if (c.result == CheckResult::None)
            continue;
        InspectionEntry e;
        e.date = date;
        e.item = item.id;
        e.check = item.checks[i].id;
        e.result = c.result == CheckResult::Pass ? "pass" : "fail";
        e.reading = oneLine(c.reading);
        e.inspector = who;
        e.note = note;
        add.push_back(std::move(e));
    }
    if (add.empty()) {
        out.message = "tick pass or fail for at least one check; nothing was written";
        return out;
    }

    // The same recording as `muster inspect record` (muster/inspection.hpp).
    Diagnostics d;
    RecordOptions ro;
    ro.create = m_create;
    ro.source = m_logPath;
    const InspectionRecord rec =
        recordInspection(m_project, m_rules, *m_log, add, m_registerPath, d, ro);
    if (rec.refused > 0) {
        out.message = "Not recorded: " + firstErrors(d);
        return out;
    }
    if (rec.missingFile) {
        out.message = "Not recorded: " + firstErrors(d);
        return out;
    }
    if (rec.registerUnreadable) {
        out.message = "cannot read the hazard register " + m_registerPath + ": " + firstErrors(d) +
                      "; nothing was written";
        return out;
    }
    if (!rec.logWritten) {
        out.refusedChanged = rec.logChangedOnDisk;
        out.message =
            out.refusedChanged
                ? "Not recorded: " + m_logPath +
                      " changed on disk since the viewer read it (another user or program edited it); "
                      "nothing was written. Press Reload to read the current version, then record again."
                : "Not recorded: " + firstErrors(d);
        return out;
    }
    out.ok = true;
    out.entries = static_cast<int>(add.size());
    out.message = "recorded " + std::to_string(add.size()) +
                  (add.size() == 1 ? " result" : " results") + " for " + item.id + " in " +
                  m_logPath;
    if (!rec.hazardsOpened.empty()) {
        if (rec.registerSaved) {
            out.hazardsOpened = rec.hazardsOpened;
            out.message += "; opened";
            for (const auto& id : rec.hazardsOpened)
                out.message += " " + id;
            out.message += " in " + m_registerPath;
        } else {
            out.message += ", but the hazard register was NOT updated: " + firstErrors(d);
        }
    }
    return out;
}

std::vector<const InspectionEntry*> InspectionRecorder::recordedFor(const ChecklistItem& item,
                                                                    YearMonth month) const {
    std::vector<const InspectionEntry*> out;
    if (!m_log)
        return out;
    for (const auto& e : m_log->entries)
        if (e.item == item.id && inRound(e, item, month))
            out.push_back(&e);
    std::stable_sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->date < b->date; });
    return out;
}

bool InspectionRecorder::done(const ChecklistItem& item, YearMonth month) const {
    if (item.checks.empty())
        return false;
    const auto rec = recordedFor(item, month);
    for (const auto& c : item.checks) {
        bool have = false;
        for (auto* e : rec)
            have |= e->check == c.id || e->check == c.text;
        if (!have)
            return false;
    }
    return true;
}

bool InspectionRecorder::failed(const ChecklistItem& item, YearMonth month) const {
    std::map<std::string, std::string> latest;
    for (auto* e : recordedFor(item, month))
        latest[e->check] = e->result;
    for (const auto& [check, result] : latest)
        if (result == "fail")
            return true;
    return false;
}

} // namespace muster::viewer
