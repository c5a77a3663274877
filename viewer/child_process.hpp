#pragma once
// A child process that reads what we write on its stdin (ffmpeg for videos). Started with
// posix_spawnp and an argument vector, never through a shell: every argument reaches the
// program as it is, so a file name with quotes, `;` or spaces is just a name.
#include <sys/types.h>

#include <cstddef>
#include <string>
#include <vector>

namespace muster::viewer {

class PipedChild {
public:
    PipedChild() = default;
    PipedChild(const PipedChild&) = delete;
    PipedChild& operator=(const PipedChild&) = delete;
    ~PipedChild(); // closes the pipe and waits, if finish() was not called

    // argv[0] is the program (a path, or a name looked up on PATH). False with `error` set
    // when it cannot be started.
    bool start(const std::vector<std::string>& argv, std::string& error);
    // All n bytes to the child's stdin. False if the child stopped reading (it exited):
    // SIGPIPE is blocked for the write, so this process is not killed by it.
    bool write(const void* data, std::size_t n);
    // Closes the child's stdin and waits for it. True iff it exited with status 0; otherwise
    // `error` says how it ended ("exit status 1", "killed by signal 9").
    bool finish(std::string& error);
    [[nodiscard]] bool running() const { return m_pid > 0; }

private:
    pid_t m_pid = -1;
    int m_fd = -1; // write end of the child's stdin
};

} // namespace muster::viewer
