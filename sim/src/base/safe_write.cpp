// Safe writes (muster/safe_write.hpp): unique temp file, fsync, rename, folder fsync; backups
// and locks that never follow a planted symlink; the fault-injection hook for tests.
#include "muster/safe_write.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <thread>

namespace muster {

namespace {

std::string errnoText(int e) {
    return std::strerror(e);
}

std::string dirOf(const std::string& path) {
    const auto slash = path.find_last_of('/');
    if (slash == std::string::npos)
        return ".";
    if (slash == 0)
        return "/";
    return path.substr(0, slash);
}

std::string baseOf(const std::string& path) {
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

// A hidden name beside `path`: dir/.BASE<suffix>
std::string besides(const std::string& path, const std::string& suffix) {
    const std::string dir = dirOf(path);
    const std::string base = "." + baseOf(path) + suffix;
    return path.find('/') == std::string::npos ? base : dir + (dir == "/" ? "" : "/") + base;
}

mode_t newFileMode() {
    // The mode a plain open(O_CREAT, 0666) would give: mkstemp creates 0600.
    static const mode_t mode = [] {
        const mode_t mask = ::umask(022);
        ::umask(mask);
        return static_cast<mode_t>(0666 & ~mask);
    }();
    return mode;
}

bool writeAll(int fd, const char* data, std::size_t size) {
    std::size_t off = 0;
    while (off < size) {
        const ssize_t n = ::write(fd, data + off, size - off);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        off += static_cast<std::size_t>(n);
    }
    return true;
}

void fsyncDir(const std::string& dir) {
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        (void)::fsync(dfd);
        ::close(dfd);
    }
}

// Checks the resolved target before a write: absent, or a regular file (its mode is kept).
bool checkTarget(const std::string& target, mode_t& mode, bool& exists, std::string& error) {
    struct stat st {};
    exists = false;
    mode = newFileMode();
    if (::lstat(target.c_str(), &st) != 0) {
        if (errno == ENOENT)
            return true;
        error = target + ": " + errnoText(errno);
        return false;
    }
    if (S_ISLNK(st.st_mode))
        return true; // ReplaceLink: the link itself is replaced by a new file
    if (!S_ISREG(st.st_mode)) {
        error = target + ": not a regular file (" +
                std::string(S_ISDIR(st.st_mode) ? "a folder" : "a device, pipe or socket") +
                "); nothing was written";
        return false;
    }
    exists = true;
    mode = static_cast<mode_t>(st.st_mode & 07777);
    return true;
}

// Copies the current target to a unique temp file and renames it over TARGET.bak: a planted
// symlink at TARGET.bak is replaced, never written through.
bool keepBackup(const std::string& target, std::string& error) {
    const std::string bak = target + ".bak";
    faultPoint("keep the previous version as .bak");
    const int in = ::open(target.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (in < 0) {
        error = "cannot read " + target + " to keep it as " + bak + ": " + errnoText(errno);
        return false;
    }
    std::string tmpl = besides(target, ".bak.XXXXXX");
    const int out = ::mkostemp(tmpl.data(), O_CLOEXEC);
    if (out < 0) {
        error = "cannot create a temp file for " + bak + ": " + errnoText(errno);
        ::close(in);
        return false;
    }
    bool ok = true;
    char buf[65536];
    for (;;) {
        const ssize_t n = ::read(in, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            ok = false;
            break;
        }
        if (n == 0)
            break;
        if (!writeAll(out, buf, static_cast<std::size_t>(n))) {
            ok = false;
            break;
        }
    }
    struct stat st {};
    if (ok && ::fstat(in, &st) == 0)
        (void)::fchmod(out, static_cast<mode_t>(st.st_mode & 07777));
    ok = ok && ::fsync(out) == 0;
    const int e = errno;
    ::close(in);
    ::close(out);
    if (!ok || ::rename(tmpl.c_str(), bak.c_str()) != 0) {
        error = "cannot keep the previous version as " + bak + ": " + errnoText(ok ? errno : e);
        ::unlink(tmpl.c_str());
        return false;
    }
    return true;
}

// fsync + mode of the finished temp file, backup, rename over the target, folder fsync.
bool finishTemp(int fd, const std::string& temp, const std::string& target,
                const WriteOptions& options, mode_t mode, bool exists, std::string& error) {
    faultPoint("fsync the temp file");
    bool ok = ::fchmod(fd, mode) == 0 && ::fsync(fd) == 0;
    const int e = errno;
    ok = (::close(fd) == 0) && ok;
    if (!ok) {
        error = "cannot write " + target + ": " + errnoText(e);
        ::unlink(temp.c_str());
        return false;
    }
    if (options.keepBackup && exists && !keepBackup(target, error)) {
        ::unlink(temp.c_str());
        return false;
    }
    faultPoint("rename the temp file over the target");
    if (::rename(temp.c_str(), target.c_str()) != 0) {
        error = "cannot replace " + target + ": " + errnoText(errno);
        ::unlink(temp.c_str());
        return false;
    }
    faultPoint("fsync the folder");
    fsyncDir(dirOf(target));
    return true;
}

struct FaultConfig {
    long at = 0;
    bool trace = false;
};

const FaultConfig& faultConfig() {
    static const FaultConfig c = [] {
        FaultConfig f;
        if (const char* a = std::getenv("MUSTER_FAULT_AT"))
            f.at = std::strtol(a, nullptr, 10);
        if (const char* t = std::getenv("MUSTER_FAULT_TRACE"))
            f.trace = *t && *t != '0';
        return f;
    }();
    return c;
}

std::atomic<long> g_faultSteps{0};

struct HeldLock {
    int fd = -1;
    int count = 0;
};
std::mutex g_lockMutex;
std::map<std::string, HeldLock>& heldLocks() {
    static std::map<std::string, HeldLock> m;
    return m;
}

} // namespace

std::string hiddenSibling(const std::string& path, const std::string& suffix) {
    return besides(path, suffix);
}

void faultPoint(const char* what) {
    const FaultConfig& c = faultConfig();
    if (c.at <= 0 && !c.trace)
        return;
    const long n = ++g_faultSteps;
    if (c.trace)
        std::fprintf(stderr, "muster: write step %ld: %s\n", n, what);
    if (n == c.at) {
        std::fflush(stderr);
        ::kill(::getpid(), SIGKILL);
        ::_exit(137); // not reached
    }
}

std::string printableExcerpt(std::string_view text, std::size_t maxChars) {
    std::string out;
    std::size_t chars = 0, i = 0;
    while (i < text.size() && chars < maxChars) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n' || c == '\r')
            break;
        std::size_t len = 1;
        if (c >= 0xC2 && c <= 0xDF)
            len = 2;
        else if (c >= 0xE0 && c <= 0xEF)
            len = 3;
        else if (c >= 0xF0 && c <= 0xF4)
            len = 4;
        bool valid = c >= 0x20 && c != 0x7F && (c < 0x80 || len > 1);
        for (std::size_t k = 1; valid && k < len; ++k)
            valid = i + k < text.size() && (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
        if (valid) {
            out.append(text.substr(i, len));
            i += len;
        } else {
            out += '?';
            ++i;
        }
        ++chars;
    }
    if (i < text.size() && text[i] != '\n' && text[i] != '\r')
        out += "...";
    return out;
}

std::string resolveWriteTarget(const std::string& path, LinkPolicy link, std::string& error) {
    if (link == LinkPolicy::ReplaceLink)
        return path;
    std::string cur = path;
    for (int hops = 0; hops < 40; ++hops) {
        struct stat st {};
        if (::lstat(cur.c_str(), &st) != 0 || !S_ISLNK(st.st_mode))
            return cur; // missing (a new file) or not a link
        std::string to(static_cast<std::size_t>(st.st_size > 0 ? st.st_size : 4096) + 1, '\0');
        const ssize_t n = ::readlink(cur.c_str(), to.data(), to.size());
        if (n < 0) {
            error = path + ": cannot read the symlink " + cur + ": " + errnoText(errno);
            return "";
        }
        to.resize(static_cast<std::size_t>(n));
        if (to.empty()) {
            error = path + ": an empty symlink";
            return "";
        }
        cur = to[0] == '/' || cur.find('/') == std::string::npos ? to : dirOf(cur) + "/" + to;
    }
    error = path + ": too many levels of symbolic links; nothing was written";
    return "";
}

// ---- AtomicFile ------------------------------------------------------------------------

AtomicFile::~AtomicFile() {
    abort();
}

bool AtomicFile::open(const std::string& path, const WriteOptions& options, std::string& error) {
    abort();
    m_options = options;
    m_failed = false;
    m_errno = 0;
    m_target = resolveWriteTarget(path, options.link, error);
    if (m_target.empty())
        return false;
    mode_t mode = 0;
    bool exists = false;
    if (!checkTarget(m_target, mode, exists, error))
        return false;
    faultPoint("create the temp file");
    std::string tmpl = besides(m_target, ".tmp.XXXXXX");
    const int fd = ::mkostemp(tmpl.data(), O_CLOEXEC);
    if (fd < 0) {
        error = "cannot create a temp file beside " + m_target + ": " + errnoText(errno);
        return false;
    }
    m_fd = fd;
    m_temp = tmpl;
    return true;
}

bool AtomicFile::write(const void* data, std::size_t size) {
    if (m_fd < 0 || m_failed)
        return false;
    if (!writeAll(m_fd, static_cast<const char*>(data), size)) {
        m_failed = true;
        m_errno = errno;
    }
    return !m_failed;
}

bool AtomicFile::commit(std::string& error) {
    if (m_fd < 0) {
        error = "internal: commit without open";
        return false;
    }
    if (m_failed) {
        error = "cannot write " + m_target + ": " + errnoText(m_errno);
        abort();
        return false;
    }
    mode_t mode = 0;
    bool exists = false;
    if (!checkTarget(m_target, mode, exists, error)) {
        abort();
        return false;
    }
    const int fd = m_fd;
    m_fd = -1;
    const bool ok = finishTemp(fd, m_temp, m_target, m_options, mode, exists, error);
    m_temp.clear();
    return ok;
}

void AtomicFile::abort() {
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    if (!m_temp.empty()) {
        ::unlink(m_temp.c_str());
        m_temp.clear();
    }
}

// ---- whole-file writes -----------------------------------------------------------------

bool writeFileAtomic(const std::string& path, std::string_view text, const WriteOptions& options,
                     std::string& error) {
    AtomicFile f;
    if (!f.open(path, options, error))
        return false;
    // Two halves, so a test can kill the process with half the text in the temp file.
    const std::size_t half = text.size() / 2;
    if (!f.write(text.data(), half)) {
        (void)f.commit(error); // reports the write error and removes the temp file
        return false;
    }
    faultPoint("write the temp file (half written)");
    if (!f.write(text.data() + half, text.size() - half)) {
        (void)f.commit(error); // reports the write error and removes the temp file
        return false;
    }
    return f.commit(error);
}

bool writeFileVia(const std::string& path, const WriteOptions& options,
                  const std::function<bool(const std::string& tempPath)>& write,
                  std::string& error) {
    const std::string target = resolveWriteTarget(path, options.link, error);
    if (target.empty())
        return false;
    mode_t mode = 0;
    bool exists = false;
    if (!checkTarget(target, mode, exists, error))
        return false;
    // Keep the extension: the library picks the format from it (".png").
    const std::string base = baseOf(target);
    const auto dot = base.find_last_of('.');
    const std::string ext = dot == std::string::npos || dot == 0 ? "" : base.substr(dot);
    faultPoint("create the temp file");
    std::string tmpl = besides(target, ".tmp.XXXXXX" + ext);
    const int fd = ::mkostemps(tmpl.data(), static_cast<int>(ext.size()), O_CLOEXEC);
    if (fd < 0) {
        error = "cannot create a temp file beside " + target + ": " + errnoText(errno);
        return false;
    }
    ::close(fd);
    if (!write(tmpl)) {
        error = "cannot write " + target;
        ::unlink(tmpl.c_str());
        return false;
    }
    // Reopen what the library wrote without following a link (it is our own O_EXCL file).
    const int rfd = ::open(tmpl.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (rfd < 0) {
        error = "cannot write " + target + ": " + errnoText(errno);
        ::unlink(tmpl.c_str());
        return false;
    }
    if (!checkTarget(target, mode, exists, error)) {
        ::close(rfd);
        ::unlink(tmpl.c_str());
        return false;
    }
    return finishTemp(rfd, tmpl, target, options, mode, exists, error);
}

void removeStaleTemps(const std::string& target) {
    const std::string dir = dirOf(target);
    const std::string tmp = "." + baseOf(target) + ".tmp.", bak = "." + baseOf(target) + ".bak.";
    DIR* d = ::opendir(dir.c_str());
    if (!d)
        return;
    while (const dirent* e = ::readdir(d)) {
        const std::string name = e->d_name;
        if (name.rfind(tmp, 0) == 0 || name.rfind(bak, 0) == 0)
            (void)::unlinkat(::dirfd(d), name.c_str(), 0); // unlink never follows a link
    }
    ::closedir(d);
}

bool removeFileDurable(const std::string& path, std::string& error) {
    faultPoint("remove a file");
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
        error = "cannot remove " + path + ": " + errnoText(errno);
        return false;
    }
    fsyncDir(dirOf(path));
    return true;
}

// ---- FileLock --------------------------------------------------------------------------

std::unique_ptr<FileLock> FileLock::acquire(const std::string& path, double timeoutS,
                                            std::string& error) {
    const std::string target = resolveWriteTarget(path, LinkPolicy::WriteThrough, error);
    if (target.empty())
        return nullptr;
    const std::string lockPath = besides(target, ".lock");
    if (timeoutS < 0) {
        timeoutS = 20.0;
        if (const char* t = std::getenv("MUSTER_LOCK_TIMEOUT_S"))
            timeoutS = std::strtod(t, nullptr);
    }
    std::lock_guard<std::mutex> guard(g_lockMutex);
    auto& held = heldLocks();
    if (auto it = held.find(lockPath); it != held.end()) {
        ++it->second.count;
        return std::unique_ptr<FileLock>(new FileLock(lockPath));
    }
    const int fd =
        ::open(lockPath.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, newFileMode());
    if (fd < 0) {
        error = errno == ELOOP
                    ? lockPath + " is a symlink; refusing to follow it (remove it and retry)"
                    : "cannot open the lock file " + lockPath + ": " + errnoText(errno);
        return nullptr;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        error = lockPath + " is not a regular file; refusing to use it as a lock";
        ::close(fd);
        return nullptr;
    }
    const auto deadline = std::chrono::steady_clock::now() +
                          std::chrono::milliseconds(static_cast<long>(timeoutS * 1000.0));
    for (;;) {
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0)
            break;
        if (errno != EWOULDBLOCK && errno != EINTR) {
            error = "cannot lock " + lockPath + ": " + errnoText(errno);
            ::close(fd);
            return nullptr;
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            char secs[32];
            std::snprintf(secs, sizeof secs, "%g", timeoutS);
            error = path + " is being written by another Muster process (lock " + lockPath +
                    " held for more than " + secs +
                    " s); nothing was written. Run the command again when it has finished";
            ::close(fd);
            return nullptr;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    held[lockPath] = HeldLock{fd, 1};
    return std::unique_ptr<FileLock>(new FileLock(lockPath));
}

FileLock::~FileLock() {
    std::lock_guard<std::mutex> guard(g_lockMutex);
    auto& held = heldLocks();
    auto it = held.find(m_lockPath);
    if (it == held.end())
        return;
    if (--it->second.count == 0) {
        ::flock(it->second.fd, LOCK_UN);
        ::close(it->second.fd);
        held.erase(it);
    }
}

} // namespace muster
