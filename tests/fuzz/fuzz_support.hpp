#pragma once
// Shared by the fuzz harnesses (docs/testing.md, "Fuzzing"): a private scratch folder for the
// harnesses whose entry points read files by path, created once per process.
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

namespace muster::fuzz {

// A fresh folder under $TMPDIR (or /tmp); every harness input is written inside it only.
inline const std::string& scratchDir() {
    static const std::string dir = [] {
        const char* tmp = std::getenv("TMPDIR");
        std::string tmpl = std::string(tmp && *tmp ? tmp : "/tmp") + "/muster-fuzz-XXXXXX";
        if (mkdtemp(tmpl.data()) == nullptr)
            std::abort(); // the harness cannot run at all
        return tmpl;
    }();
    return dir;
}

// Writes the bytes to `name` inside scratchDir() and returns its path.
inline std::string writeScratch(const std::string& name, const std::uint8_t* data,
                                std::size_t size) {
    const std::string path = scratchDir() + "/" + name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    if (!out)
        std::abort();
    return path;
}

} // namespace muster::fuzz
