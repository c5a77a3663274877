#pragma once
// The inspection-recording use case, shared by `muster inspect record` and the viewer's
// checklist panel: append entries to the inspection log and open a hazard in the register for
// each failed check, through the safe-write file API of hazard_register.hpp (atomic replace,
// FILE.bak, refusal when the file changed on disk since it was read).
#include <string>
#include <vector>

#include "muster/diagnostics.hpp"
#include "muster/hazard_register.hpp"
#include "muster/scenario.hpp"

namespace muster {

struct InspectionRecord {
    // A failed entry needed the register and it could not be read: nothing was written.
    bool registerUnreadable = false;
    bool logWritten = false;                // the entries are in the log file (and in `log`)
    bool logChangedOnDisk = false;          // refused: the log changed on disk since it was read
    std::vector<std::string> hazardsOpened; // new HZ-... ids, for failed entries
    bool registerSaved = false;             // the register holds hazardsOpened (false when none)
};

// Records `add` in `log` (as loadInspectionLog read it), in this order:
//  1. if an entry failed, reads the hazard register at `registerPath` (a missing file is an
//     empty register; an unreadable one stops the record) and opens a hazard for each failed
//     entry (openHazard: not twice for an unclosed hazard of the same item and check);
//  2. writes the log with the entries appended, in one atomic write, refused if the log
//     changed on disk since it was read (then nothing is written at all);
//  3. saves the register if it opened hazards (the log is written even if this fails).
// On success `log` matches the file (snapshot, lines and entries with their line numbers), so
// a later record appends to it. `diags` gets why something was not written first, then the
// register's malformed lines (kept in the file as they are). Entries are written as given.
[[nodiscard]] InspectionRecord recordInspection(const Project& project, InspectionLog& log,
                                                const std::vector<InspectionEntry>& add,
                                                const std::string& registerPath,
                                                Diagnostics& diags);

} // namespace muster
