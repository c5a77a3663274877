#pragma once
// Shared by the fuzz harnesses (docs/security.md, "Fuzzing"): the harnesses whose entry points
// read files by path write each input inside one private folder (the tests' TempDir, removed
// when the process exits).
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "../temp_dir.hpp"

namespace muster::fuzz {

// Writes the bytes to `name` inside the harness's folder and returns its path.
inline std::string writeScratch(const std::string& name, const std::uint8_t* data,
                                std::size_t size) {
    static const test::TempDir dir("fuzz");
    const std::string path = dir.file(name);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    if (!out)
        std::abort(); // the harness cannot run at all
    return path;
}

} // namespace muster::fuzz
