// The input files a replay embeds: how they are named, which names a reader accepts, and which
// files `muster run` leaves out because they lie outside the project folder. docs/security.md.
#include <filesystem>
#include <string_view>
#include <system_error>

#include "muster/replay.hpp"

namespace muster {

namespace fs = std::filesystem;

namespace {

// Longer names than this are refused: no project file needs one, and a name is printed in
// diagnostics.
constexpr std::size_t kMaxNameBytes = 1024;

fs::path absoluteNormal(const fs::path& p) {
    std::error_code ec;
    const fs::path a = fs::absolute(p, ec);
    return (ec ? p : a).lexically_normal();
}

// Symbolic links resolved as far as the path exists (weakly_canonical), else lexical.
fs::path resolved(const fs::path& p) {
    std::error_code ec;
    const fs::path c = fs::weakly_canonical(p, ec);
    return ec ? absoluteNormal(p) : c;
}

bool isInside(const fs::path& file, const fs::path& dir) {
    const fs::path rel = file.lexically_relative(dir);
    return !rel.empty() && *rel.begin() != "..";
}

} // namespace

std::string embeddedNameProblem(const std::string& name) {
    if (name.empty())
        return "the name is empty";
    if (name.size() > kMaxNameBytes)
        return "the name is longer than " + std::to_string(kMaxNameBytes) + " bytes";
    for (const char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (u == 0)
            return "the name contains a NUL byte";
        if (u < 0x20 || u == 0x7F)
            return "the name contains a control character";
    }
    if (name.front() == '/')
        return "the name is an absolute path";
    bool seenName = false;
    std::size_t start = 0;
    while (start <= name.size()) {
        std::size_t end = name.find('/', start);
        if (end == std::string::npos)
            end = name.size();
        const std::string_view part(name.data() + start, end - start);
        if (part.empty())
            return "the name has an empty part (\"//\" or a trailing \"/\")";
        if (part == ".")
            return "the name has a \".\" part";
        if (part == "..") {
            if (seenName)
                return "the name climbs out of a folder (\"..\" after a folder name)";
        } else {
            seenName = true;
        }
        start = end + 1;
    }
    if (!seenName)
        return "the name is only \"..\" parts";
    return {};
}

std::vector<std::pair<std::string, std::string>>
embeddedFileNames(const std::vector<std::pair<std::string, std::string>>& files,
                  const std::string& scenarioPath) {
    // Lexical, like the loader's own resolution of references: a file that the scenario names
    // "../floors/f1.yaml" gets exactly that name, so loading the embedded copy resolves it again.
    const fs::path dir = absoluteNormal(scenarioPath).parent_path();
    std::vector<std::pair<std::string, std::string>> out;
    out.reserve(files.size());
    for (const auto& [path, text] : files) {
        const fs::path file = absoluteNormal(path);
        fs::path rel = file.lexically_relative(dir);
        if (rel.empty())
            rel = file.filename();
        out.emplace_back(rel.generic_string(), text);
    }
    return out;
}

std::string projectFolder(const std::string& scenarioPath) {
    const fs::path dir = resolved(absoluteNormal(scenarioPath).parent_path());
    for (fs::path d = dir;; d = d.parent_path()) {
        std::error_code ec;
        if (fs::exists(d / ".git", ec))
            return d.string();
        if (d == d.root_path() || d.parent_path() == d)
            break;
    }
    return dir.string();
}

EmbedSelection selectEmbeddedFiles(ReplayHeader& header, const std::string& scenarioPath,
                                   bool embedOutside) {
    EmbedSelection sel;
    sel.projectDir = projectFolder(scenarioPath);
    sel.outsideEmbedded = embedOutside;
    const fs::path project = sel.projectDir;
    const fs::path scenarioDir = absoluteNormal(scenarioPath).parent_path();
    std::vector<std::pair<std::string, std::string>> kept;
    for (std::size_t i = 0; i < header.files.size(); ++i) {
        auto& [name, text] = header.files[i];
        // The scenario itself (first) always stays: it defines the run.
        const bool outside = i > 0 && !isInside(resolved(scenarioDir / name), project);
        if (outside)
            sel.outside.push_back(name);
        if (!outside || embedOutside)
            kept.emplace_back(std::move(name), std::move(text));
    }
    header.files = std::move(kept);
    return sel;
}

} // namespace muster
