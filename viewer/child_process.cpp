#include "viewer/child_process.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

extern char** environ;

namespace muster::viewer {

PipedChild::~PipedChild() {
    std::string ignored;
    finish(ignored);
}

bool PipedChild::start(const std::vector<std::string>& argv, std::string& error) {
    if (running() || argv.empty()) {
        error = running() ? "a child is already running" : "no program given";
        return false;
    }
    int fds[2];
    // Close-on-exec on both ends: the child gets the read end only as its stdin (dup2 clears
    // the flag on fd 0), and no other child inherits the write end.
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        error = std::string("cannot create a pipe: ") + std::strerror(errno);
        return false;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[0], STDIN_FILENO);
    std::vector<std::string> args = argv; // posix_spawnp wants char* const*
    std::vector<char*> cargv;
    cargv.reserve(args.size() + 1);
    for (std::string& a : args)
        cargv.push_back(a.data());
    cargv.push_back(nullptr);
    pid_t pid = -1;
    const int rc = ::posix_spawnp(&pid, cargv[0], &actions, nullptr, cargv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[0]);
    if (rc != 0) {
        ::close(fds[1]);
        error = "cannot start " + argv[0] + ": " + std::strerror(rc);
        return false;
    }
    m_pid = pid;
    m_fd = fds[1];
    return true;
}

bool PipedChild::write(const void* data, std::size_t n) {
    if (m_fd < 0)
        return false;
    // Block SIGPIPE on this thread while writing; a write to a child that has exited then fails
    // with EPIPE, and the pending signal is taken back before unblocking.
    sigset_t pipeSet, old;
    sigemptyset(&pipeSet);
    sigaddset(&pipeSet, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipeSet, &old);
    const auto* p = static_cast<const unsigned char*>(data);
    bool ok = true;
    while (n > 0) {
        const ssize_t w = ::write(m_fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            ok = false;
            break;
        }
        p += w;
        n -= static_cast<std::size_t>(w);
    }
    if (!ok && errno == EPIPE) {
        const timespec zero{0, 0};
        sigset_t pending;
        sigpending(&pending);
        if (sigismember(&pending, SIGPIPE) == 1 && sigismember(&old, SIGPIPE) == 0)
            sigtimedwait(&pipeSet, nullptr, &zero);
    }
    pthread_sigmask(SIG_SETMASK, &old, nullptr);
    return ok;
}

bool PipedChild::finish(std::string& error) {
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    if (m_pid <= 0) {
        error = "no child is running";
        return false;
    }
    int status = 0;
    pid_t got = -1;
    do {
        got = ::waitpid(m_pid, &status, 0);
    } while (got < 0 && errno == EINTR);
    m_pid = -1;
    if (got < 0) {
        error = std::string("cannot wait for the child: ") + std::strerror(errno);
        return false;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return true;
    error = WIFEXITED(status)     ? "exit status " + std::to_string(WEXITSTATUS(status))
            : WIFSIGNALED(status) ? "killed by signal " + std::to_string(WTERMSIG(status))
                                  : "ended abnormally";
    return false;
}

} // namespace muster::viewer
