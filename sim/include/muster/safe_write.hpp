#pragma once
// Safe writes: the one way Muster writes a file (docs/security.md, "Writes").
//  - the new content goes to a unique temp file in the target's folder (mkstemp: O_EXCL, so a
//    planted symlink at a temp name is never followed), is fsync'ed, renamed over the target,
//    and the folder is fsync'ed: a reader sees the old file or the new one, never half of one;
//  - a backup (FILE.bak) is a hard link to (or copy of) the old file renamed over FILE.bak, so
//    a planted symlink at FILE.bak is replaced, never followed;
//  - a target that is a symlink is written through (the file it names is replaced, the link
//    kept) for the user's records; regenerated outputs replace the link itself instead, so a
//    planted link at run.mrpl or summary.json never makes Muster write where it points;
//  - FileLock: an advisory lock (flock on .FILE.lock beside the target) for read-check-write.
// Fault injection for tests: MUSTER_FAULT_AT=N kills the process (SIGKILL) just before the
// N-th write step of the process; MUSTER_FAULT_TRACE=1 lists the steps on stderr. Honoured here
// only.
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace muster {

enum class LinkPolicy {
    WriteThrough, // the user's records: replace the file the link names, keep the link
    ReplaceLink,  // regenerated outputs: the link itself is replaced by the new file
};

struct WriteOptions {
    LinkPolicy link = LinkPolicy::WriteThrough;
    bool keepBackup = false; // the previous version as FILE.bak (beside the file written)
};

// Where a write of `path` lands: the file a symlink chain names (WriteThrough), else `path`.
// Empty (and `error` set) for a chain that loops or is too long.
[[nodiscard]] std::string resolveWriteTarget(const std::string& path, LinkPolicy link,
                                             std::string& error);

// A hidden name beside `path`: "dir/log.csv" + ".lock" -> "dir/.log.csv.lock".
[[nodiscard]] std::string hiddenSibling(const std::string& path, const std::string& suffix);

// Replaces `path` with `text` atomically (see above). False and `error` (naming the file and
// the reason) on failure; the target is then unchanged.
[[nodiscard]] bool writeFileAtomic(const std::string& path, std::string_view text,
                                   const WriteOptions& options, std::string& error);

// For a library that can only write by file name (SFML's saveToFile): `write` is called with
// the name of a fresh temp file in the target's folder that keeps the target's extension
// (created by Muster, O_EXCL), then that file is fsync'ed and renamed over the target.
[[nodiscard]] bool writeFileVia(const std::string& path, const WriteOptions& options,
                                const std::function<bool(const std::string& tempPath)>& write,
                                std::string& error);

// Removes temp files a killed writer left beside `target` (.NAME.tmp.*, .NAME.bak.*; links
// removed, never followed). Only safe while holding the target's FileLock.
void removeStaleTemps(const std::string& target);

// Removes a file durably (unlink + folder fsync); a missing file is fine.
[[nodiscard]] bool removeFileDurable(const std::string& path, std::string& error);

// A file written in pieces (the replay writer): open() creates the temp file, write() appends,
// commit() fsyncs and renames it over the target. Destroyed without commit(), the temp file is
// removed and the target left as it was.
class AtomicFile {
public:
    AtomicFile() = default;
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;
    ~AtomicFile();
    [[nodiscard]] bool open(const std::string& path, const WriteOptions& options,
                            std::string& error);
    [[nodiscard]] bool write(const void* data, std::size_t size);
    [[nodiscard]] bool commit(std::string& error);
    void abort();
    [[nodiscard]] bool isOpen() const { return m_fd >= 0; }
    [[nodiscard]] const std::string& target() const { return m_target; }

private:
    int m_fd = -1;
    std::string m_target, m_temp;
    WriteOptions m_options;
    bool m_failed = false;
    int m_errno = 0;
};

// An exclusive advisory lock on .FILE.lock beside the file `path` names (symlinks resolved),
// held until destroyed. Re-entrant within a process (a second lock of the same file by the
// same process shares the first). The lock file stays (removing it would race other lockers).
class FileLock {
public:
    // Waits up to `timeoutS` (negative: MUSTER_LOCK_TIMEOUT_S, default 20 s); nullptr and
    // `error` when the lock cannot be had.
    [[nodiscard]] static std::unique_ptr<FileLock> acquire(const std::string& path, double timeoutS,
                                                           std::string& error);
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;
    ~FileLock();
    [[nodiscard]] const std::string& lockPath() const { return m_lockPath; }

private:
    explicit FileLock(std::string lockPath) : m_lockPath(std::move(lockPath)) {}
    std::string m_lockPath;
};

// The fault-injection hook (tests only): counts write steps; kills the process with SIGKILL
// at step MUSTER_FAULT_AT. `what` names the step for MUSTER_FAULT_TRACE.
void faultPoint(const char* what);

// A short printable excerpt of `text` for messages (at most `maxChars` characters, control and
// invalid bytes shown as '?', cut at the first line break).
[[nodiscard]] std::string printableExcerpt(std::string_view text, std::size_t maxChars = 40);

} // namespace muster
