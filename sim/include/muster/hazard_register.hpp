#pragma once
// The inspection log and the hazard register: user data files (CSV, one record per line, so a
// damaged line costs only that line). Writes are atomic (temp file, fsync, rename), keep the
// previous version as FILE.bak, and are refused when the file changed on disk since it was
// read. Formats in docs/compliance.md.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "muster/date.hpp"
#include "muster/diagnostics.hpp"
#include "muster/scenario.hpp"

namespace muster {

struct CheckDef; // muster/rules.hpp

// A file as read, with what is needed to notice a concurrent change.
struct FileSnapshot {
    std::string path;
    bool existed = false;
    std::string text;
    std::uint64_t hash = 0; // FNV-1a of text
};
// Reads a file (a missing file is an empty, new one; a folder, device or pipe is an error).
[[nodiscard]] std::optional<FileSnapshot> readSnapshot(const std::string& path, Diagnostics& d);
// Replaces the file with `text` if it still holds what `was` read (else an error diagnostic
// and nothing written), under the file's lock (muster/safe_write.hpp: unique temp file, fsync,
// rename; a symlinked file is written through). The old content is kept as path + ".bak".
[[nodiscard]] bool writeSnapshot(FileSnapshot& was, const std::string& text, Diagnostics& d);

// FNV-1a of a file's text (change detection, not security).
std::uint64_t textHash(const std::string& text);
// True if an existing file's first line that is not blank or a `#` comment is `header` (a
// UTF-8 byte order mark is allowed); else an error naming the file and what was found (a short
// printable excerpt: a YAML line, "binary data"), so a wrong file is never rewritten. `what`
// is "an inspection log" or "a hazard register".
[[nodiscard]] bool checkFileKind(const FileSnapshot& s, const char* header, const char* what,
                                 Diagnostics& d, const char* olderHeader = nullptr);

// Splits one CSV line (RFC 4180 quoting, no line breaks inside fields); nullopt if malformed.
std::optional<std::vector<std::string>> splitCsvLine(const std::string& line);
std::string csvJoin(const std::vector<std::string>& fields);

// ---- inspection log --------------------------------------------------------------------
// date,item,check,result,reading,inspector,note    result: pass | fail
struct InspectionEntry {
    Date date;
    std::string item, check, result, reading, inspector, note;
    int line = 0; // in the file it came from
};
inline constexpr const char* kInspectionLogHeader = "date,item,check,result,reading,inspector,note";

struct InspectionLog {
    FileSnapshot file;
    std::vector<std::string> lines; // every line as read (malformed ones too: nothing is lost)
    std::vector<InspectionEntry> entries;
};
// Reads a log (a missing file is an empty log; a file that is not a log, see checkFileKind, is
// an error and nullopt). Each malformed line is an error diagnostic at
// file:line; the rest is read and the line itself is kept.
[[nodiscard]] std::optional<InspectionLog> loadInspectionLog(const std::string& path,
                                                             Diagnostics& d);
// Parses entries from CSV text in the log format (a filled-in checklist template). Rows with
// an empty result are skipped (not inspected yet); malformed rows are reported and skipped.
std::vector<InspectionEntry> parseInspectionRows(const std::string& file, const std::string& text,
                                                 Diagnostics& d);
std::string inspectionLine(const InspectionEntry& e);
// The log's new text with the entries appended.
std::string appendedLogText(const InspectionLog& log, const std::vector<InspectionEntry>& add);

// ---- hazard register -------------------------------------------------------------------
enum class HazardStatus { Open, InProgress, Rectified, Verified, Closed };
const char* toString(HazardStatus s);
std::optional<HazardStatus> parseHazardStatus(const std::string& s);

struct HazardItem {
    std::string id; // HZ-0001
    Date found;
    std::string item, check, building, floor, room, department;
    std::string severity = "general"; // major | general
    std::string description;
    Date deadline;
    std::string interim; // interim measure until rectified
    HazardStatus status = HazardStatus::Open;
    std::optional<Date> rectified, verified, closed;
    std::string rectifiedBy, verifiedBy; // who rectified it; who verified (never the same)
    int line = 0;
};
inline constexpr const char* kHazardRegisterHeader =
    "id,found,item,check,building,floor,room,department,severity,description,deadline,"
    "interim_measure,status,rectified,verified,closed,rectified_by,verified_by";
// The header before rectified_by / verified_by (read; written back in the current form).
inline constexpr const char* kHazardRegisterHeaderV1 =
    "id,found,item,check,building,floor,room,department,severity,description,deadline,"
    "interim_measure,status,rectified,verified,closed";

struct HazardRegister {
    FileSnapshot file;
    std::vector<HazardItem> items;
    std::vector<std::pair<int, std::string>> malformed; // kept verbatim at the end when saved
};
[[nodiscard]] std::optional<HazardRegister> loadHazardRegister(const std::string& path,
                                                               Diagnostics& d);
std::string hazardRegisterText(const HazardRegister& r);
[[nodiscard]] bool saveHazardRegister(HazardRegister& r, Diagnostics& d);

// A failed check is a major hazard (7-day deadline) when it says the item is missing, unusable or
// an exit is compromised: the words present / gauge / red / exit / lock (whole words), 在位, 压力,
// 出口 in the check or reading.
bool isMajorFinding(const std::string& checkAndReading);

struct HazardPolicy {
    int majorDeadlineDays = 7;
    int generalDeadlineDays = 30;
};
// Opens a hazard for a failed check, owned by the item's department (muster/ownership.hpp).
// `check` (the rules profile's definition, when known) decides the severity (major) and the
// description's text. Returns the new id, or "" when an unclosed hazard for the same item and
// check already exists.
std::string openHazard(HazardRegister& r, const Project& p, const InspectionEntry& e,
                       const HazardPolicy& policy = {}, const CheckDef* check = nullptr);
// Moves a hazard one step along open -> in_progress -> rectified -> verified -> closed (no
// step may be skipped; rectified falls back to in_progress when the re-check fails). `by` is
// who did it: required for rectified (the rectifier) and verified (the verifier, who must not
// be the rectifier: WS 308-2019 / MPS Order 61 art. 31, a hazard is closed after someone else
// has checked the rectification).
bool advanceHazard(HazardRegister& r, const std::string& id, HazardStatus to, Date when,
                   const std::string& by, std::string& error);

struct HazardStats {
    int found = 0, rectified = 0, open = 0, overdue = 0;
    [[nodiscard]] double rate() const { return found ? 100.0 * rectified / found : 0.0; }
};
// Grouped by "month" (of the finding date) or "department"; key "" = all.
std::map<std::string, HazardStats> hazardStats(const HazardRegister& r, const std::string& by,
                                               Date today);
// The terminal table of `muster hazards`: a header naming the grouping (`by`), then one row per
// key ("all" for ""), padded by display width (departments are often Chinese).
std::string hazardStatsText(const std::map<std::string, HazardStats>& stats, const std::string& by);

} // namespace muster
