#pragma once
// The inspection-recording use case, shared by `muster inspect record` and the viewer's
// checklist panel: append entries to the inspection log and open a hazard in the register for
// each failed check. The log and the register are written as one transaction under their
// locks (a journal .LOG.journal beside the log, then the log, then the register; a leftover
// journal is completed by the next record), through muster/safe_write.hpp (unique temp file,
// fsync, rename, FILE.bak). docs/security.md, "Writes".
#include <string>
#include <vector>

#include "muster/checks.hpp"
#include "muster/diagnostics.hpp"
#include "muster/hazard_register.hpp"
#include "muster/ownership.hpp"
#include "muster/scenario.hpp"

namespace muster {

// ---- what may be recorded -----------------------------------------------------------------
// Why a pass of `check` would contradict the item's status as the checks see it (one of the
// check's refusedWhen codes among the item's finding codes, e.g. a pass of "within maintenance
// and scrap dates" for an expired unit), or "" when it does not.
std::string passContradiction(const CheckDef& check, const ItemCheck& status);
// Vets entries before anything is written: the item must be a unit or exit of the project, the
// check one of its kind's checks in its building's rules profile (by id; a check's text, as in
// logs written before check ids, is accepted and replaced by the id), the result pass or fail,
// and a pass must not contradict the item's status on the entry's date. Each refusal is an
// error at `source`:line naming the key; returns how many entries were refused.
// The rules profile's definition of a check of an item (by id or text), or nullptr.
const CheckDef* checkOf(const RulesSet& rules, const ItemRef& item, const std::string& check);
int vetInspectionEntries(const Project& p, const RulesSet& rules,
                         std::vector<InspectionEntry>& entries, const std::string& source,
                         Diagnostics& diags);

// Where the log and the register must already exist (a typo'd path is an error, not an empty
// file) unless the caller asked to create them.
struct RecordOptions {
    bool create = false; // a missing log or register is made (`--create`)
    std::string source;  // where the entries came from, for refusals ("--item", a CSV path)
};

struct InspectionRecord {
    int refused = 0;            // entries refused by vetInspectionEntries: nothing was written
    bool missingFile = false;   // the log or a needed register does not exist (no --create)
    bool notLocked = false;     // another process held the log's or register's lock too long
    bool logUnreadable = false; // appendInspection: the log could not be read (or is not a log)
    // A failed entry needed the register and it could not be read: nothing was written.
    bool registerUnreadable = false;
    bool logWritten = false;                // the entries are in the log file (and in `log`)
    bool logChangedOnDisk = false;          // refused: the log changed on disk since it was read
    std::vector<std::string> hazardsOpened; // new HZ-... ids, for failed entries
    bool registerSaved = false;             // the register holds hazardsOpened (false when none)
    // appendInspection only: the same record was interrupted (killed) after its journal was
    // written, and this call completed it instead of adding the entries again ...
    bool completedInterrupted = false;
    // ... or it had gone in completely and the log is unchanged since: nothing added twice.
    bool alreadyRecorded = false;
};

// Records `add` in `log` (as loadInspectionLog read it), in this order:
//  -. vets the entries (vetInspectionEntries; any refusal: nothing is written) and refuses a
//     log or needed register that does not exist unless opt.create;
//  0. takes the log's lock (and the register's), completes a journal left by an interrupted
//     record;
//  1. if an entry failed, reads the hazard register at `registerPath` (a missing file is an
//     empty register; an unreadable one stops the record) and opens a hazard for each failed
//     entry (openHazard: not twice for an unclosed hazard of the same item and check);
//  2. writes the log with the entries appended, in one atomic write, refused if the log
//     changed on disk since it was read (then nothing is written at all);
//  3. saves the register if it opened hazards, after a journal with both new texts: if the
//     register cannot be written the log is put back, so both files are old or both new.
// On success `log` matches the file (snapshot, lines and entries with their line numbers), so
// a later record appends to it. `diags` gets why something was not written first, then the
// register's malformed lines (kept in the file as they are). Entries are written as given.
[[nodiscard]] InspectionRecord recordInspection(const Project& project, const RulesSet& rules,
                                                InspectionLog& log,
                                                const std::vector<InspectionEntry>& add,
                                                const std::string& registerPath, Diagnostics& diags,
                                                const RecordOptions& opt = {});

// `muster inspect record`: the same record, on the log as it is when the lock is taken (so
// concurrent writers are serialised, not refused). Rerunning a record that was killed completes
// it without logging it twice. `log`, when given, receives the log as written.
[[nodiscard]] InspectionRecord
appendInspection(const Project& project, const RulesSet& rules, const std::string& logPath,
                 const std::vector<InspectionEntry>& add, const std::string& registerPath,
                 Diagnostics& diags, const RecordOptions& opt = {}, InspectionLog* log = nullptr);

} // namespace muster
