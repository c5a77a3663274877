#pragma once
// Shared by the replay safety tests: a temporary folder, file helpers, and the muster binary
// run without a shell.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "../temp_dir.hpp"
#include "muster/diagnostics.hpp"

extern char** environ;

namespace replay_test {

namespace fs = std::filesystem;

using muster::test::TempDir;

inline std::vector<std::uint8_t> readBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline std::string readText(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void writeBytes(const std::string& path, const std::vector<std::uint8_t>& bytes,
                       std::size_t n) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(n));
}

inline bool contains(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}

inline bool anyDiagnosticContains(const muster::Diagnostics& d, const std::string& part) {
    for (const auto& x : d.all())
        if (contains(x.message, part))
            return true;
    return false;
}

// Runs the muster binary (no shell) with args in cwd; stdout and stderr captured.
struct Run {
    int exitCode = -1;
    std::string out, err;
};
inline Run runMuster(const fs::path& cwd, const std::vector<std::string>& args) {
    const char* env = std::getenv("MUSTER_BIN");
    const std::string bin = env && *env ? env : MUSTER_BINARY_DIR "/sim/muster";
    TempDir tmp;
    const std::string out = tmp.file("stdout"), err = tmp.file("stderr");
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&fa, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    std::vector<std::string> argv{bin};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> cargv;
    for (auto& a : argv)
        cargv.push_back(a.data());
    cargv.push_back(nullptr);
    // glibc 2.36 has no public "change directory" spawn action: chdir around the spawn.
    const fs::path here = fs::current_path();
    fs::current_path(cwd);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, bin.c_str(), &fa, nullptr, cargv.data(), environ);
    fs::current_path(here);
    posix_spawn_file_actions_destroy(&fa);
    Run r;
    if (rc != 0)
        return r;
    int status = 0;
    waitpid(pid, &status, 0);
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = readText(out);
    r.err = readText(err);
    return r;
}

} // namespace replay_test
