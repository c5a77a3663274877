#pragma once
// Shared by the input tests: where the fixtures are, a scratch directory that cleans up after
// itself, and small file helpers.
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "../temp_dir.hpp"

namespace muster::test {

namespace fs = std::filesystem;

inline fs::path sourceDir() {
    return fs::path(MUSTER_SOURCE_DIR).lexically_normal();
}
inline fs::path badDir() {
    return sourceDir() / "tests" / "data" / "bad";
}
inline fs::path tinyDir() {
    return sourceDir() / "tests" / "data" / "good" / "tiny";
}

inline std::string readFile(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline void writeFile(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    // A new file rather than a truncated one: ext4 flushes files replaced by truncation
    // (auto_da_alloc), which made the fuzz test spend its time waiting for the disk.
    std::error_code ec;
    fs::remove(p, ec);
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << text;
}

inline void replaceAll(std::string& s, const std::string& from, const std::string& to) {
    if (from.empty())
        return;
    for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
        s.replace(pos, from.size(), to);
}

// Copies the tiny clinic (tests/data/good/tiny/*.yaml) into `dir`.
inline void copyTiny(const fs::path& dir) {
    for (const auto& e : fs::directory_iterator(tinyDir()))
        if (e.path().extension() == ".yaml")
            fs::copy_file(e.path(), dir / e.path().filename(),
                          fs::copy_options::overwrite_existing);
}

} // namespace muster::test
