// Inspection log and hazard register files. Both are the user's records: a write never loses
// what was there (FILE.bak, atomic rename) and never overwrites someone else's edit.
#include "muster/hazard_register.hpp"

#include "muster/ownership.hpp"
#include "muster/rules.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string_view>

#include "muster/geometry.hpp"
#include "muster/safe_write.hpp"
#include "muster/text.hpp"

namespace muster {

namespace {

std::uint64_t fnv1a(const std::string& s) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

SourceLoc at(const std::string& file, int line) {
    return SourceLoc{file, line, 1, ""};
}

std::vector<std::string> splitLines(const std::string& text) {
    std::vector<std::string> out;
    std::string cur;
    std::istringstream in(text);
    while (std::getline(in, cur)) {
        // Every trailing CR goes, not just the CRLF's one: a line ending "\r\r\n" (a file
        // passed through two CRLF conversions) would otherwise lose one CR per rewrite, and
        // a kept line must read back exactly as written (fuzz_csv's round-trip check).
        while (!cur.empty() && cur.back() == '\r')
            cur.pop_back();
        if (out.empty() && cur.rfind("\xEF\xBB\xBF", 0) == 0)
            cur.erase(0, 3); // a UTF-8 byte order mark (spreadsheet programs write one)
        out.push_back(cur);
    }
    return out;
}

std::string optDate(const std::optional<Date>& d) {
    return d ? d->str() : std::string();
}

} // namespace

std::uint64_t textHash(const std::string& text) {
    return fnv1a(text);
}

std::optional<FileSnapshot> readSnapshot(const std::string& path, Diagnostics& d) {
    FileSnapshot s;
    s.path = path;
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        if (errno == ENOENT)
            return s; // a new file (or a link naming a file still to be created)
        d.error(at(path, 0), "", "cannot read the file: " + std::string(std::strerror(errno)));
        return std::nullopt;
    }
    if (!S_ISREG(st.st_mode)) {
        d.error(at(path, 0), "",
                std::string("not a regular file (") +
                    (S_ISDIR(st.st_mode) ? "a folder" : "a device, pipe or socket") +
                    "); nothing was read or written");
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        d.error(at(path, 0), "", "cannot read the file: " + std::string(std::strerror(errno)));
        return std::nullopt;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    s.existed = true;
    s.text = ss.str();
    s.hash = fnv1a(s.text);
    return s;
}

bool checkFileKind(const FileSnapshot& s, const char* header, const char* what, Diagnostics& d,
                   const char* olderHeader) {
    if (!s.existed)
        return true;
    if (const auto nul = s.text.find('\0'); nul != std::string::npos) {
        d.error(at(s.path, 0), "",
                std::string("not ") + what + ": binary data (a NUL byte at offset " +
                    std::to_string(nul) + "); nothing was written. Give the " + what +
                    " file (CSV with the header " + header + ")");
        return false;
    }
    std::string_view rest(s.text);
    if (rest.substr(0, 3) == "\xEF\xBB\xBF")
        rest.remove_prefix(3); // a UTF-8 byte order mark (spreadsheet programs write one)
    int lineNo = 0;
    while (!rest.empty()) {
        const auto nl = rest.find('\n');
        std::string_view line = rest.substr(0, nl);
        rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
        ++lineNo;
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
            line.remove_suffix(1);
        if (line.empty() || line[0] == '#')
            continue;
        if (line == header || (olderHeader && line == olderHeader))
            return true;
        const bool yaml =
            line.substr(0, 3) == "---" || line.back() == ':' ||
            (line.find(": ") != std::string_view::npos && line.find(',') == std::string_view::npos);
        d.error(at(s.path, lineNo), "",
                std::string("not ") + what + ": the first line is \"" + printableExcerpt(line) +
                    "\"" + (yaml ? " (it looks like YAML)" : "") + ", expected the header " +
                    header + "; nothing was written");
        return false;
    }
    return true; // only blank or comment lines: an empty file
}

bool writeSnapshot(FileSnapshot& was, const std::string& text, Diagnostics& d) {
    // Read-check-write under the file's lock, so two writers cannot both pass the check.
    std::string err;
    auto lock = FileLock::acquire(was.path, -1, err);
    if (!lock) {
        d.error(at(was.path, 0), "", err);
        return false;
    }
    Diagnostics scratch;
    auto now = readSnapshot(was.path, scratch);
    if (!now || now->existed != was.existed || now->hash != was.hash || now->text != was.text) {
        d.error(at(was.path, 0), "",
                "the file changed on disk since it was read (another user or program edited it); "
                "nothing was written. Run the command again to work on the current version");
        return false;
    }
    WriteOptions o;
    o.link = LinkPolicy::WriteThrough; // a symlinked log stays a link to the file it names
    o.keepBackup = true;
    if (!writeFileAtomic(was.path, text, o, err)) {
        d.error(at(was.path, 0), "", err);
        return false;
    }
    was.existed = true;
    was.text = text;
    was.hash = fnv1a(text);
    return true;
}

std::optional<std::vector<std::string>> splitCsvLine(const std::string& line) {
    std::vector<std::string> out;
    std::string cur;
    size_t i = 0;
    for (;;) {
        cur.clear();
        if (i < line.size() && line[i] == '"') {
            ++i;
            for (;;) {
                if (i >= line.size())
                    return std::nullopt; // unterminated quote
                if (line[i] == '"') {
                    if (i + 1 < line.size() && line[i + 1] == '"') {
                        cur += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                cur += line[i++];
            }
            if (i < line.size() && line[i] != ',')
                return std::nullopt; // text after a quote
        } else {
            while (i < line.size() && line[i] != ',') {
                if (line[i] == '"')
                    return std::nullopt;
                cur += line[i++];
            }
        }
        out.push_back(cur);
        if (i >= line.size())
            break;
        ++i; // the comma
    }
    return out;
}

std::string csvJoin(const std::vector<std::string>& fields) {
    std::string s;
    for (size_t i = 0; i < fields.size(); ++i) {
        if (i)
            s += ',';
        const std::string& f = fields[i];
        if (f.find_first_of(",\"\n\r") == std::string::npos) {
            s += f;
            continue;
        }
        s += '"';
        for (char c : f) {
            if (c == '\n' || c == '\r')
                c = ' '; // one record per line
            if (c == '"')
                s += '"';
            s += c;
        }
        s += '"';
    }
    return s;
}

// ---- inspection log --------------------------------------------------------------------

namespace {

std::optional<InspectionEntry> parseEntry(const std::string& file, int lineNo,
                                          const std::string& line, bool allowEmptyResult,
                                          Diagnostics& d) {
    auto f = splitCsvLine(line);
    if (!f) {
        d.error(at(file, lineNo), "",
                "malformed CSV line (unbalanced quotes); skipped, and kept in the file as it is");
        return std::nullopt;
    }
    if (f->size() < 4 || f->size() > 7) {
        d.error(at(file, lineNo), "",
                "expected 4 to 7 fields (" + std::string(kInspectionLogHeader) + "), got " +
                    std::to_string(f->size()));
        return std::nullopt;
    }
    f->resize(7);
    InspectionEntry e;
    e.line = lineNo;
    e.item = (*f)[1];
    e.check = (*f)[2];
    e.result = (*f)[3];
    e.reading = (*f)[4];
    e.inspector = (*f)[5];
    e.note = (*f)[6];
    if (allowEmptyResult && e.result.empty())
        return std::nullopt;
    auto date = parseDate((*f)[0]);
    if (!date) {
        d.error(at(file, lineNo), "date", "expected a date YYYY-MM-DD, got \"" + (*f)[0] + "\"");
        return std::nullopt;
    }
    e.date = *date;
    if (e.item.empty()) {
        d.error(at(file, lineNo), "item", "expected an item id, got nothing");
        return std::nullopt;
    }
    if (e.result != "pass" && e.result != "fail") {
        d.error(at(file, lineNo), "result", "expected pass or fail, got \"" + e.result + "\"");
        return std::nullopt;
    }
    return e;
}

} // namespace

std::optional<InspectionLog> loadInspectionLog(const std::string& path, Diagnostics& d) {
    auto snap = readSnapshot(path, d);
    if (!snap || !checkFileKind(*snap, kInspectionLogHeader, "an inspection log", d))
        return std::nullopt;
    InspectionLog log;
    log.file = std::move(*snap);
    log.lines = splitLines(log.file.text);
    for (size_t i = 0; i < log.lines.size(); ++i) {
        const std::string& l = log.lines[i];
        if (l.empty() || l[0] == '#' || l == kInspectionLogHeader)
            continue;
        if (auto e = parseEntry(path, static_cast<int>(i + 1), l, false, d))
            log.entries.push_back(*e);
    }
    return log;
}

std::vector<InspectionEntry> parseInspectionRows(const std::string& file, const std::string& text,
                                                 Diagnostics& d) {
    std::vector<InspectionEntry> out;
    const auto lines = splitLines(text);
    for (size_t i = 0; i < lines.size(); ++i) {
        const std::string& l = lines[i];
        if (l.empty() || l[0] == '#' || l.rfind("date,", 0) == 0)
            continue;
        if (auto e = parseEntry(file, static_cast<int>(i + 1), l, true, d))
            out.push_back(*e);
    }
    return out;
}

std::string inspectionLine(const InspectionEntry& e) {
    return csvJoin({e.date.str(), e.item, e.check, e.result, e.reading, e.inspector, e.note});
}

std::string appendedLogText(const InspectionLog& log, const std::vector<InspectionEntry>& add) {
    std::string s;
    if (log.lines.empty())
        s = std::string(kInspectionLogHeader) + "\n";
    for (const std::string& l : log.lines)
        s += l + "\n"; // every old line, malformed ones too
    for (const InspectionEntry& e : add)
        s += inspectionLine(e) + "\n";
    return s;
}

// ---- hazard register -------------------------------------------------------------------

const char* toString(HazardStatus s) {
    switch (s) {
    case HazardStatus::Open:
        return "open";
    case HazardStatus::InProgress:
        return "in_progress";
    case HazardStatus::Rectified:
        return "rectified";
    case HazardStatus::Verified:
        return "verified";
    case HazardStatus::Closed:
        return "closed";
    }
    return "?";
}

std::optional<HazardStatus> parseHazardStatus(const std::string& s) {
    for (HazardStatus h : {HazardStatus::Open, HazardStatus::InProgress, HazardStatus::Rectified,
                           HazardStatus::Verified, HazardStatus::Closed})
        if (s == toString(h))
            return h;
    return std::nullopt;
}

std::optional<HazardRegister> loadHazardRegister(const std::string& path, Diagnostics& d) {
    auto snap = readSnapshot(path, d);
    if (!snap || !checkFileKind(*snap, kHazardRegisterHeader, "a hazard register", d,
                                kHazardRegisterHeaderV1))
        return std::nullopt;
    HazardRegister r;
    r.file = std::move(*snap);
    const auto lines = splitLines(r.file.text);
    for (size_t i = 0; i < lines.size(); ++i) {
        const std::string& l = lines[i];
        const int n = static_cast<int>(i + 1);
        if (l.empty() || l[0] == '#' || l == kHazardRegisterHeader || l == kHazardRegisterHeaderV1)
            continue;
        auto f = splitCsvLine(l);
        auto bad = [&](const std::string& msg) {
            d.error(at(path, n), "", msg + "; the line is kept as it is");
            r.malformed.emplace_back(n, l);
        };
        if (!f || (f->size() != 18 && f->size() != 16)) {
            bad(f ? "expected 18 fields (" + std::string(kHazardRegisterHeader) + "), got " +
                        std::to_string(f->size())
                  : std::string("malformed CSV line (unbalanced quotes)"));
            continue;
        }
        const auto& v = *f;
        HazardItem h;
        h.line = n;
        h.id = v[0];
        auto found = parseDate(v[1]);
        auto deadline = parseDate(v[10]);
        auto status = parseHazardStatus(v[12]);
        if (!found || !deadline) {
            bad("expected dates YYYY-MM-DD in found and deadline, got \"" + v[1] + "\", \"" +
                v[10] + "\"");
            continue;
        }
        if (!status) {
            bad("expected a status open, in_progress, rectified, verified or closed, got \"" +
                v[12] + "\"");
            continue;
        }
        h.found = *found;
        h.item = v[2];
        h.check = v[3];
        h.building = v[4];
        h.floor = v[5];
        h.room = v[6];
        h.department = v[7];
        h.severity = v[8];
        h.description = v[9];
        h.deadline = *deadline;
        h.interim = v[11];
        h.status = *status;
        h.rectified = parseDate(v[13]);
        h.verified = parseDate(v[14]);
        h.closed = parseDate(v[15]);
        if (v.size() == 18) {
            h.rectifiedBy = v[16];
            h.verifiedBy = v[17];
        }
        r.items.push_back(std::move(h));
    }
    return r;
}

std::string hazardRegisterText(const HazardRegister& r) {
    std::string s = std::string(kHazardRegisterHeader) + "\n";
    for (const HazardItem& h : r.items)
        s += csvJoin({h.id, h.found.str(), h.item, h.check, h.building, h.floor, h.room,
                      h.department, h.severity, h.description, h.deadline.str(), h.interim,
                      toString(h.status), optDate(h.rectified), optDate(h.verified),
                      optDate(h.closed), h.rectifiedBy, h.verifiedBy}) +
             "\n";
    for (const auto& [line, text] : r.malformed)
        s += text + "\n";
    return s;
}

bool saveHazardRegister(HazardRegister& r, Diagnostics& d) {
    return writeSnapshot(r.file, hazardRegisterText(r), d);
}

bool isMajorFinding(const std::string& text) {
    // Major: the item is not there, not usable, or an exit is compromised (docs/compliance.md).
    // English keywords match whole words (a word starting with the keyword for "present",
    // "gauge", "exit" and "lock", the word itself for "red"), so "stored" and "scored" are not
    // "red"; the Chinese terms have no word boundaries and match anywhere.
    for (const char* zh : {"在位", "压力", "出口"})
        if (text.find(zh) != std::string::npos)
            return true;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && !std::isalnum(static_cast<unsigned char>(text[i])))
            ++i;
        std::string word;
        while (i < text.size() && std::isalnum(static_cast<unsigned char>(text[i])))
            word += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i++])));
        if (word == "red")
            return true;
        for (const char* k : {"present", "gauge", "exit", "lock"})
            if (word.rfind(k, 0) == 0)
                return true;
    }
    return false;
}

std::string openHazard(HazardRegister& r, const Project& p, const InspectionEntry& e,
                       const HazardPolicy& policy, const CheckDef* check) {
    for (const HazardItem& h : r.items)
        if (h.item == e.item && h.check == e.check && h.status != HazardStatus::Closed)
            return "";
    HazardItem h;
    // The next number after the largest HZ-n on record, in 64 bits: HZ-2147483647 is followed
    // by HZ-2147483648, not by a wrapped HZ--2147483648. Ids that are not HZ-<digits> (or too
    // long to be a number) cannot collide with the one made here and are skipped.
    long long maxN = 0;
    for (const HazardItem& x : r.items) {
        if (x.id.rfind("HZ-", 0) != 0)
            continue;
        long long n = 0;
        const char* b = x.id.data() + 3;
        const char* end = x.id.data() + x.id.size();
        const auto [ptr, ec] = std::from_chars(b, end, n);
        if (ec == std::errc{} && ptr == end && n > maxN && n < (1LL << 62))
            maxN = n;
    }
    char id[32];
    std::snprintf(id, sizeof id, "HZ-%04lld", maxN + 1);
    h.id = id;
    h.found = e.date;
    h.item = e.item;
    h.check = e.check;
    // Where the item is and who owns it (muster/ownership.hpp).
    if (const auto item = findItem(p, e.item)) {
        h.floor = item->floor->id;
        h.building = item->building ? item->building->id : "";
        h.room = item->room ? item->room->id : "";
        h.department = ownerOf(p, *item).department;
    }
    const bool major = check ? check->major || isMajorFinding(e.reading)
                             : isMajorFinding(e.check + " " + e.reading);
    h.severity = major ? "major" : "general";
    const std::string what = check && check->text != check->id ? check->text : e.check;
    h.description = "failed: " + what + (e.reading.empty() ? "" : " (" + e.reading + ")") +
                    (e.note.empty() ? "" : "; " + e.note) +
                    (e.inspector.empty() ? "" : "; by " + e.inspector);
    h.deadline = e.date.addDays(major ? policy.majorDeadlineDays : policy.generalDeadlineDays);
    h.interim = major ? "place a spare unit / post a watch and notify the department at once"
                      : "mark the item and notify the department";
    r.items.push_back(h);
    return h.id;
}

bool advanceHazard(HazardRegister& r, const std::string& id, HazardStatus to, Date when,
                   const std::string& by, std::string& error) {
    for (HazardItem& h : r.items) {
        if (h.id != id)
            continue;
        const bool next = static_cast<int>(to) == static_cast<int>(h.status) + 1;
        const bool recheckFailed =
            h.status == HazardStatus::Rectified && to == HazardStatus::InProgress;
        if (!next && !recheckFailed) {
            const bool skip = static_cast<int>(to) > static_cast<int>(h.status);
            error =
                id + " is " + toString(h.status) + "; it cannot move to " + toString(to) +
                (skip ? std::string(" without passing ") +
                            toString(static_cast<HazardStatus>(static_cast<int>(h.status) + 1)) +
                            " (open -> in_progress -> rectified -> verified -> closed)"
                      : "");
            return false;
        }
        if (when < h.found) {
            error =
                "date " + when.str() + " is before the hazard was found (" + h.found.str() + ")";
            return false;
        }
        if (h.rectified && to >= HazardStatus::Verified && when < *h.rectified) {
            error =
                "date " + when.str() + " is before it was rectified (" + h.rectified->str() + ")";
            return false;
        }
        if ((to == HazardStatus::Rectified || to == HazardStatus::Verified) && by.empty()) {
            error = std::string("say who ") +
                    (to == HazardStatus::Rectified ? "rectified" : "verified") + " " + id +
                    " (--person NAME)";
            return false;
        }
        if (to == HazardStatus::Verified && by == h.rectifiedBy) {
            error =
                id + " was rectified by " + h.rectifiedBy + "; the verifier must be someone else";
            return false;
        }
        h.status = to;
        if (to == HazardStatus::Rectified) {
            h.rectified = when;
            h.rectifiedBy = by;
        }
        if (to == HazardStatus::Verified) {
            h.verified = when;
            h.verifiedBy = by;
        }
        if (to == HazardStatus::Closed)
            h.closed = when;
        if (recheckFailed) {
            h.rectified.reset();
            h.rectifiedBy.clear();
        }
        return true;
    }
    error = "no hazard " + id + " in the register";
    return false;
}

std::map<std::string, HazardStats> hazardStats(const HazardRegister& r, const std::string& by,
                                               Date today) {
    std::map<std::string, HazardStats> out;
    for (const HazardItem& h : r.items) {
        std::string key;
        if (by == "month")
            key = YearMonth{h.found.year, h.found.month}.str();
        else if (by == "department")
            key = h.department.empty() ? "(none)" : h.department;
        auto count = [&](HazardStats& s) {
            ++s.found;
            if (h.status >= HazardStatus::Rectified) {
                ++s.rectified;
            } else {
                ++s.open;
                if (today > h.deadline)
                    ++s.overdue;
            }
        };
        count(out[""]);
        if (!key.empty())
            count(out[key]);
    }
    return out;
}

std::string hazardStatsText(const std::map<std::string, HazardStats>& stats,
                            const std::string& by) {
    constexpr int kKeyWidth = 24;
    std::string o;
    char line[128];
    std::snprintf(line, sizeof line, " %6s %10s %6s %5s %8s\n", "found", "rectified", "rate",
                  "open", "overdue");
    o += padRight(by, kKeyWidth) + line;
    for (const auto& [k, s] : stats) {
        std::snprintf(line, sizeof line, " %6d %10d %5.0f%% %5d %8d\n", s.found, s.rectified,
                      s.rate(), s.open, s.overdue);
        o += padRight(k.empty() ? "all" : k, kKeyWidth) + line;
    }
    return o;
}

} // namespace muster
