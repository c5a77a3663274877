#pragma once
// Starts the `muster` binary (MUSTER_BIN, set by ctest), or any other program (zbarimg), as a
// child process with an argument vector (no shell), extra environment variables and
// stdout/stderr in files, so tests can run writers concurrently, kill them (SIGKILL) and
// inspect what they left.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

namespace muster::test {

inline std::string musterBin() {
    const char* env = std::getenv("MUSTER_BIN");
    return env && *env ? env : MUSTER_BINARY_DIR "/sim/muster";
}

inline std::string slurpFile(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline void spitFile(const std::filesystem::path& p, const std::string& t) {
    std::ofstream(p, std::ios::binary) << t;
}

// Starts `argv` (argv[0]: a path, or a name looked up on PATH) with stdout and stderr in files,
// never through a shell. `env` entries ("NAME=value") replace or extend the inherited
// environment. -1 when it cannot be started.
inline pid_t startProgram(const std::vector<std::string>& args, const std::vector<std::string>& env,
                          const std::filesystem::path& out, const std::filesystem::path& err) {
    std::vector<std::string> argStore = args;
    std::vector<char*> argv;
    for (auto& a : argStore)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    auto overridden = [&](const std::string& kv) {
        const std::string name = kv.substr(0, kv.find('=') + 1);
        for (const auto& e : env)
            if (e.rfind(name, 0) == 0)
                return true;
        return false;
    };
    std::vector<std::string> envStore;
    for (char** e = environ; *e; ++e) {
        const std::string kv = *e;
        if (kv.rfind("MUSTER_FAULT_", 0) != 0 && !overridden(kv)) // only what the test asks for
            envStore.push_back(kv);
    }
    envStore.insert(envStore.end(), env.begin(), env.end());
    std::vector<char*> envp;
    for (auto& e : envStore)
        envp.push_back(e.data());
    envp.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&fa, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid = -1;
    const int rc = posix_spawnp(&pid, argStore[0].c_str(), &fa, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&fa);
    return rc == 0 ? pid : -1;
}

// Starts muster with `args`; `env` entries ("NAME=value") are added to the environment.
inline pid_t startMuster(const std::vector<std::string>& args, const std::vector<std::string>& env,
                         const std::filesystem::path& out, const std::filesystem::path& err) {
    std::vector<std::string> argv{musterBin()};
    argv.insert(argv.end(), args.begin(), args.end());
    return startProgram(argv, env, out, err);
}

// The wait status of a child started by startMuster or startProgram.
inline int waitMuster(pid_t pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return status;
}

inline bool exitedWith(int status, int code) {
    return WIFEXITED(status) && WEXITSTATUS(status) == code;
}

inline bool killedBySigkill(int status) {
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

} // namespace muster::test
