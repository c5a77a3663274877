#pragma once
// Recording checklist results from the viewer into the inspection log (and opening hazards for
// failed checks) with the core's recording use case, the one `muster inspect record` uses
// (muster/inspection.hpp: atomic replace through FILE.tmp, the previous version kept as
// FILE.bak, and a refusal when the file changed on disk since the viewer read it). Here: the
// draft -> entries, and the panel's messages. No window and no ImGui: the checklist panel
// (app.cpp) only collects the draft.
#include <optional>
#include <string>
#include <vector>

#include "muster/checklist.hpp"
#include "muster/date.hpp"
#include "muster/hazard_register.hpp"
#include "muster/inspection.hpp"
#include "muster/scenario.hpp"

namespace muster::viewer {

enum class CheckResult { None, Pass, Fail };

// What the inspector has entered for one checklist item, one slot per check of the item.
struct ItemDraft {
    struct Check {
        CheckResult result = CheckResult::None; // None: not recorded
        std::string reading;                    // e.g. the gauge zone: "green"
    };
    std::vector<Check> checks;
    std::string note;
    // A draft sized for the item, nothing ticked.
    static ItemDraft forItem(const ChecklistItem& item);
};

struct RecordOutcome {
    bool ok = false;                        // the log was written
    int entries = 0;                        // lines appended to the log
    std::vector<std::string> hazardsOpened; // HZ-... opened in the register
    bool refusedChanged = false;            // refused: the log changed on disk since it was read
    std::string message;                    // for the panel: what happened, or why nothing was
};

class InspectionRecorder {
public:
    // `registerPath` "" = hazards.csv next to the log (as `muster inspect record`). A log or
    // register that does not exist is refused unless `create`. Entries are vetted against the
    // rules (each building's own profile, or `rulesFile`): see vetInspectionEntries.
    InspectionRecorder(const Project& project, std::string logPath, std::string registerPath = "",
                       bool create = false, const std::string& rulesFile = "");

    // (Re)reads the log; what was read is the version a later record() must still find on disk.
    // A missing file is an empty log (created on the first record). False + message when the
    // file cannot be read; malformed lines are reported in `message` but kept.
    bool load(std::string& message);
    [[nodiscard]] bool loaded() const { return m_log.has_value(); }
    [[nodiscard]] const std::string& logPath() const { return m_logPath; }
    [[nodiscard]] const std::string& registerPath() const { return m_registerPath; }
    [[nodiscard]] const std::vector<InspectionEntry>& entries() const;

    // Appends one log line per check of `item` that has a result in `draft` (date, item id,
    // check, pass|fail, reading, inspector, note), all in one atomic write. A failed check opens
    // a hazard in the register (not twice for the same item and check). Refused, with nothing
    // written, when the inspector is empty, no check has a result, the log was not loaded, or
    // the log changed on disk since load() / the last record().
    RecordOutcome record(const ChecklistItem& item, const ItemDraft& draft,
                         const std::string& inspector, Date date);

    // Entries of `item` dated in the item's round of `month` (round 0: the whole month; 1: up to
    // the 15th; 2: after the 15th), oldest first.
    [[nodiscard]] std::vector<const InspectionEntry*> recordedFor(const ChecklistItem& item,
                                                                  YearMonth month) const;
    // Every check of the item has a result in its round of `month`.
    [[nodiscard]] bool done(const ChecklistItem& item, YearMonth month) const;
    // Some check of the item failed in its round of `month` (latest result per check).
    [[nodiscard]] bool failed(const ChecklistItem& item, YearMonth month) const;

private:
    const Project& m_project;
    std::string m_logPath, m_registerPath;
    bool m_create = false;
    RulesSet m_rules;
    std::optional<InspectionLog> m_log;
};

} // namespace muster::viewer
