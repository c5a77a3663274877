#pragma once
// The tests' scratch folder: a fresh directory under the system temp dir, removed with everything
// in it at scope exit. One class for every test binary (input, replay, viewer).
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>

namespace muster::test {

class TempDir {
public:
    // `tag` names the folder (muster-<tag>-<pid>-<n>) so a leftover one says which test made it.
    explicit TempDir(const std::string& tag = "test") {
        static std::atomic<int> counter{0};
        m_path =
            std::filesystem::temp_directory_path() /
            ("muster-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        std::filesystem::remove_all(m_path);
        std::filesystem::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const { return m_path; }
    [[nodiscard]] std::filesystem::path operator/(const std::string& name) const {
        return m_path / name;
    }
    [[nodiscard]] std::string file(const std::string& name) const {
        return (m_path / name).string();
    }

private:
    std::filesystem::path m_path;
};

} // namespace muster::test
