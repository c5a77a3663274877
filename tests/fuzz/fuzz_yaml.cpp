// Fuzz harness: Muster's YAML input, every file kind, as `muster validate` checks it.
// The input is one or more files: lines `%%file NAME` start a file called NAME (the first is the
// one checked, the others are what it may reference); input without such a line is one file,
// scenario.yaml. Files are held in memory (validateFromMemory): the harness reads and writes
// nothing. Any crash, hang, sanitizer report or exception escaping is a finding.
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "muster/diagnostics.hpp"
#include "muster/loader.hpp"

namespace {

std::vector<std::pair<std::string, std::string>> splitFiles(const std::string& input) {
    static const std::string marker = "%%file ";
    std::vector<std::pair<std::string, std::string>> files;
    if (input.rfind(marker, 0) != 0) // no marker first (empty input too): one file
        files.emplace_back("scenario.yaml", std::string());
    std::size_t pos = 0;
    while (pos < input.size()) {
        std::size_t end = input.find('\n', pos);
        const std::size_t next = end == std::string::npos ? input.size() : end + 1;
        if (end == std::string::npos)
            end = input.size();
        const std::string_view line(input.data() + pos, end - pos);
        if (line.rfind(marker, 0) == 0)
            files.emplace_back(std::string(line.substr(marker.size())), std::string());
        else
            files.back().second.append(input, pos, next - pos);
        pos = next;
    }
    return files;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string input(reinterpret_cast<const char*>(data), size);
    muster::Diagnostics diags;
    muster::validateFromMemory(splitFiles(input), diags);
    return 0;
}
