// Recording inspections: the log + register pair as one transaction (docs/security.md,
// "Writes"). Under the log's lock (and the register's): a journal .LOG.journal beside the log
// holds the new texts of both files (state "pending") before either is written; then the log,
// then the register; then the journal is rewritten with state "done" (hashes only). A leftover
// pending journal is rolled forward by the next record, so after a kill at any point the pair
// is both old or both new once anything reads it through here; the "done" journal lets a rerun
// of the same command see that its record is already in.
#include "muster/inspection.hpp"

#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <tuple>

#include "muster/ownership.hpp"
#include "muster/safe_write.hpp"

namespace muster {

namespace fs = std::filesystem;

namespace {

void append(Diagnostics& to, const Diagnostics& from) {
    for (const auto& x : from.all())
        to.add(x.severity, x.loc, x.keyPath, x.message);
}

SourceLoc at(const std::string& file) {
    return SourceLoc{file, 0, 1, ""};
}

std::string hex(std::uint64_t h) {
    char b[20];
    std::snprintf(b, sizeof b, "%016llx", static_cast<unsigned long long>(h));
    return b;
}

constexpr const char* kJournalFormat = "muster-inspection-journal-1";

// The journal: "name length\n<bytes>\n" fields, "end 0\n\n" last (a file cut short, or edited
// by hand, is not a journal).
using Journal = std::map<std::string, std::string>;

std::string journalText(const Journal& j) {
    std::string s;
    auto field = [&](const std::string& k, const std::string& v) {
        s += k + " " + std::to_string(v.size()) + "\n" + v + "\n";
    };
    field("format", kJournalFormat);
    for (const auto& [k, v] : j)
        if (k != "format")
            field(k, v);
    field("end", "");
    return s;
}

std::optional<Journal> parseJournal(const std::string& text) {
    Journal j;
    size_t i = 0;
    while (i < text.size()) {
        const auto nl = text.find('\n', i);
        const auto sp = text.find(' ', i);
        if (nl == std::string::npos || sp == std::string::npos || sp > nl)
            return std::nullopt;
        const std::string key = text.substr(i, sp - i);
        size_t len = 0;
        try {
            len = std::stoul(text.substr(sp + 1, nl - sp - 1));
        } catch (...) {
            return std::nullopt;
        }
        if (nl + 1 + len + 1 > text.size() || text[nl + 1 + len] != '\n')
            return std::nullopt;
        if (key == "end")
            return j.count("format") && j["format"] == kJournalFormat ? std::optional(j)
                                                                      : std::nullopt;
        j[key] = text.substr(nl + 1, len);
        i = nl + 1 + len + 1;
    }
    return std::nullopt;
}

std::string get(const Journal& j, const std::string& k) {
    const auto it = j.find(k);
    return it == j.end() ? std::string() : it->second;
}

std::string absoluteTarget(const std::string& path, std::string& err) {
    const std::string t = resolveWriteTarget(path, LinkPolicy::WriteThrough, err);
    if (t.empty())
        return t;
    std::error_code ec;
    const fs::path a = fs::absolute(t, ec);
    return ec ? t : a.lexically_normal().string();
}

bool writeRecord(const std::string& path, const std::string& text, bool backup,
                 Diagnostics& diags) {
    WriteOptions o;
    o.link = LinkPolicy::WriteThrough;
    o.keepBackup = backup;
    std::string err;
    if (writeFileAtomic(path, text, o, err))
        return true;
    diags.error(at(path), "", err);
    return false;
}

// Brings one file of a pending journal to its new text: already new, or still old (then it is
// written), else someone edited it since and the journal cannot be completed.
bool rollForwardFile(const Journal& j, const std::string& key, const std::string& journalPath,
                     Diagnostics& diags) {
    const auto path = j.find(key);
    if (path == j.end() || path->second.empty())
        return true;
    Diagnostics rd;
    auto cur = readSnapshot(path->second, rd);
    if (!cur) {
        append(diags, rd);
        return false;
    }
    const std::string newText = get(j, key + "_new");
    if (cur->existed && hex(cur->hash) == get(j, key + "_new_hash") && cur->text == newText)
        return true;
    const bool wasOld = cur->existed == (get(j, key + "_old_existed") == "1") &&
                        (!cur->existed || hex(cur->hash) == get(j, key + "_old_hash"));
    if (!wasOld || !j.count(key + "_new")) {
        diags.error(at(path->second), "",
                    "an interrupted inspection record (journal " + journalPath +
                        ") cannot be completed: this file was changed since; nothing was "
                        "written. Compare the file with the journal, then remove the journal");
        return false;
    }
    return writeRecord(path->second, newText, true, diags);
}

void markDone(Journal j, const std::string& journalPath) {
    j["state"] = "done";
    j.erase("log_new");
    j.erase("register_new");
    std::string err;
    WriteOptions o;
    o.link = LinkPolicy::ReplaceLink;
    // Not fatal: a pending journal whose files are already new rolls forward to nothing.
    (void)writeFileAtomic(journalPath, journalText(j), o, err);
}

std::vector<std::string> splitIds(const std::string& s) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        if (c == ' ') {
            if (!cur.empty())
                out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (!cur.empty())
        out.push_back(cur);
    return out;
}

// The record, for both entry points. `viewerLog` is the caller's log as read (refused if the
// file changed since); null for appendInspection, which reads the current log under the lock.
InspectionRecord record(const Project& project, const RulesSet& rules, InspectionLog* viewerLog,
                        const std::string& logPath, std::vector<InspectionEntry> add,
                        const std::string& registerPath, Diagnostics& diags,
                        const RecordOptions& opt, InspectionLog* appended) {
    InspectionRecord out;
    out.refused = vetInspectionEntries(project, rules, add, opt.source, diags);
    if (out.refused > 0)
        return out;
    bool anyFailed = false;
    for (const auto& e : add)
        anyFailed |= e.result == "fail";
    if (!opt.create) {
        std::error_code ec;
        const bool logThere = viewerLog ? viewerLog->file.existed : fs::exists(logPath, ec);
        for (const auto& [path, there, what] :
             {std::tuple{logPath, logThere, "inspection log"},
              std::tuple{registerPath, !anyFailed || fs::exists(registerPath, ec),
                         "hazard register"}})
            if (!there) {
                out.missingFile = true;
                diags.error(at(path), "",
                            std::string("no ") + what +
                                " at this path (a typo?); nothing was "
                                "written. Give --create to start a new one");
            }
        if (out.missingFile)
            return out;
    }
    std::string err;
    auto logLock = FileLock::acquire(logPath, -1, err);
    if (!logLock) {
        out.notLocked = true;
        diags.error(at(logPath), "", err);
        return out;
    }
    const std::string logAbs = absoluteTarget(logPath, err);
    bool anyFail = false;
    for (const auto& e : add)
        anyFail |= e.result == "fail";
    const std::string regAbs = anyFail ? absoluteTarget(registerPath, err) : std::string();
    if (logAbs.empty() || (anyFail && regAbs.empty())) {
        diags.error(at(logAbs.empty() ? logPath : registerPath), "", err);
        return out;
    }
    const std::string journalPath = hiddenSibling(logAbs, ".journal");
    removeStaleTemps(logAbs); // left by a killed writer; no other writer runs under the lock
    removeStaleTemps(journalPath);
    std::string requestText = regAbs + "\n";
    for (const auto& e : add)
        requestText += inspectionLine(e) + "\n";
    const std::string request = hex(textHash(requestText));

    // A journal left by an earlier record: complete it first.
    std::vector<std::unique_ptr<FileLock>> regLocks;
    auto lockRegister = [&](const std::string& path) {
        auto l = FileLock::acquire(path, -1, err);
        if (!l) {
            out.notLocked = true;
            diags.error(at(path), "", err);
            return false;
        }
        regLocks.push_back(std::move(l));
        std::string e;
        if (const std::string t = absoluteTarget(path, e); !t.empty())
            removeStaleTemps(t);
        return true;
    };
    std::optional<Journal> journal;
    {
        Diagnostics jd;
        auto js = readSnapshot(journalPath, jd);
        if (js && js->existed) {
            journal = parseJournal(js->text);
            if (!journal) {
                diags.error(at(journalPath), "",
                            "not a Muster journal (damaged or edited); nothing was written. "
                            "Check " +
                                logPath + " and its register, then remove the journal");
                return out;
            }
        }
    }
    if (journal && (*journal)["state"] == "pending") {
        const std::string jreg = (*journal)["register"];
        if (!jreg.empty() && !lockRegister(jreg))
            return out;
        if (!rollForwardFile(*journal, "log", journalPath, diags) ||
            !rollForwardFile(*journal, "register", journalPath, diags))
            return out;
        markDone(*journal, journalPath);
        (*journal)["state"] = "done";
        if (!viewerLog && (*journal)["request"] == request) {
            out.completedInterrupted = true;
        }
    }
    if (journal && !viewerLog && (*journal)["request"] == request && !out.completedInterrupted) {
        // The same record again on an unchanged log: a rerun of a command whose record went
        // in (killed before it could say so). Nothing is added twice.
        Diagnostics rd;
        auto cur = readSnapshot(logAbs, rd);
        out.alreadyRecorded = cur && cur->existed && hex(cur->hash) == (*journal)["log_new_hash"];
    }
    if (out.completedInterrupted || out.alreadyRecorded) {
        out.logWritten = true;
        out.hazardsOpened = splitIds((*journal)["hazards"]);
        out.registerSaved = !out.hazardsOpened.empty();
        if (appended) {
            Diagnostics ld;
            if (auto l = loadInspectionLog(logPath, ld))
                *appended = std::move(*l);
        }
        return out;
    }

    // The log as it is now.
    InspectionLog current;
    InspectionLog* log = viewerLog;
    if (viewerLog) {
        Diagnostics scratch;
        auto now = readSnapshot(logPath, scratch);
        const FileSnapshot& was = viewerLog->file;
        if (!now || now->existed != was.existed || now->hash != was.hash || now->text != was.text) {
            out.logChangedOnDisk = true;
            diags.error(at(logPath), "",
                        "the file changed on disk since it was read (another user or program "
                        "edited it); nothing was written. Run the command again to work on the "
                        "current version");
            return out;
        }
    } else {
        auto l = loadInspectionLog(logPath, diags);
        if (!l) {
            out.logUnreadable = true;
            return out;
        }
        current = std::move(*l);
        log = &current;
    }

    // The register is read before anything is written, so a register that cannot be read
    // stops the whole record. A pass never needs it.
    Diagnostics regDiags;
    std::optional<HazardRegister> reg;
    if (anyFail) {
        if (!lockRegister(regAbs))
            return out;
        reg = loadHazardRegister(registerPath, regDiags);
        if (!reg) {
            out.registerUnreadable = true;
            append(diags, regDiags);
            return out;
        }
        for (const auto& e : add)
            if (e.result == "fail") {
                const CheckDef* def = nullptr;
                if (const auto item = findItem(project, e.item))
                    def = checkOf(rules, *item, e.check);
                const std::string id = openHazard(*reg, project, e, {}, def);
                if (!id.empty())
                    out.hazardsOpened.push_back(id);
            }
    }

    const std::string newLog = appendedLogText(*log, add);
    const bool writeReg = !out.hazardsOpened.empty();
    const std::string newReg = writeReg ? hazardRegisterText(*reg) : std::string();
    Journal j;
    j["state"] = "pending";
    j["request"] = request;
    j["log"] = logAbs;
    j["log_old_existed"] = log->file.existed ? "1" : "0";
    j["log_old_hash"] = hex(log->file.hash);
    j["log_new_hash"] = hex(textHash(newLog));
    j["log_new"] = newLog;
    j["register"] = writeReg ? regAbs : std::string();
    if (writeReg) {
        j["register_old_existed"] = reg->file.existed ? "1" : "0";
        j["register_old_hash"] = hex(reg->file.hash);
        j["register_new_hash"] = hex(textHash(newReg));
        j["register_new"] = newReg;
    }
    std::string ids;
    for (const auto& id : out.hazardsOpened)
        ids += (ids.empty() ? "" : " ") + id;
    j["hazards"] = ids;

    WriteOptions jo;
    jo.link = LinkPolicy::ReplaceLink; // Muster's own file: a planted link is replaced
    if (!writeFileAtomic(journalPath, journalText(j), jo, err)) {
        diags.error(at(journalPath), "", err + "; nothing was written");
        out.hazardsOpened.clear();
        append(diags, regDiags);
        return out;
    }
    if (!writeRecord(logPath, newLog, true, diags)) {
        (void)removeFileDurable(journalPath, err);
        out.hazardsOpened.clear();
        append(diags, regDiags);
        return out;
    }
    if (writeReg && !writeRecord(registerPath, newReg, true, diags)) {
        // Back to both old: the log as it was (or no log), then no journal. If that fails too
        // the pending journal stays and the next record completes the pair.
        Diagnostics rb;
        const bool undone = log->file.existed ? writeRecord(logPath, log->file.text, false, rb)
                                              : removeFileDurable(logAbs, err);
        if (undone)
            (void)removeFileDurable(journalPath, err);
        out.hazardsOpened.clear();
        append(diags, rb);
        append(diags, regDiags);
        return out;
    }
    markDone(j, journalPath);

    out.logWritten = true;
    out.registerSaved = writeReg;
    // The log in memory follows the file: snapshot, lines, entries with their line numbers.
    log->file.existed = true;
    log->file.text = newLog;
    log->file.hash = textHash(newLog);
    if (log->lines.empty())
        log->lines.emplace_back(kInspectionLogHeader);
    for (InspectionEntry e : add) {
        log->lines.push_back(inspectionLine(e));
        e.line = static_cast<int>(log->lines.size());
        log->entries.push_back(std::move(e));
    }
    if (writeReg) {
        reg->file.existed = true;
        reg->file.text = newReg;
        reg->file.hash = textHash(newReg);
    }
    if (appended)
        *appended = std::move(*log);
    append(diags, regDiags);
    return out;
}

} // namespace

InspectionRecord recordInspection(const Project& project, const RulesSet& rules, InspectionLog& log,
                                  const std::vector<InspectionEntry>& add,
                                  const std::string& registerPath, Diagnostics& diags,
                                  const RecordOptions& opt) {
    return record(project, rules, &log, log.file.path, add, registerPath, diags, opt, nullptr);
}

InspectionRecord appendInspection(const Project& project, const RulesSet& rules,
                                  const std::string& logPath,
                                  const std::vector<InspectionEntry>& add,
                                  const std::string& registerPath, Diagnostics& diags,
                                  const RecordOptions& opt, InspectionLog* log) {
    return record(project, rules, nullptr, logPath, add, registerPath, diags, opt, log);
}

} // namespace muster
