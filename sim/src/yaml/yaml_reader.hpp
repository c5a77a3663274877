#pragma once
// Typed, located access to yaml-cpp nodes. Every failure becomes a Diagnostic with
// file:line:column, the key path, what was expected and what was found; reading goes on
// after an error so a file's problems are all reported in one run.
//
// yaml-cpp 0.7 facts this works around: marks are 0-based (we add 1); a missing key has no
// mark (we report at the parent map); as<T>() only says "bad conversion" (we parse scalars
// ourselves and quote the raw text); duplicate keys are accepted silently (we detect them).
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/enum_names.hpp"
#include "muster/date.hpp"
#include "muster/diagnostics.hpp"
#include "muster/types.hpp"

namespace muster::yaml {

// A parsed file. The text is kept for embedding in replays.
struct Document {
    std::string path;
    std::string text;
    YAML::Node root;
};

// Files held in memory (a replay's embedded files). While a MemoryFilesScope is alive on a
// thread, loadDocument on that thread reads only these (by lexically normal path) and the
// paths listed in diskAllowed; any other path is an error ("cannot open file ...: <missing>"),
// so loading an embedded project reads no other file and writes none.
struct MemoryFiles {
    std::map<std::string, std::string> files; // lexically normal path -> text
    std::vector<std::string> diskAllowed;     // read from disk as usual (the bundled profiles)
    std::string missing = "not in memory";    // why a path outside `files` cannot be opened
};
class MemoryFilesScope {
public:
    explicit MemoryFilesScope(const MemoryFiles& files);
    ~MemoryFilesScope();
    MemoryFilesScope(const MemoryFilesScope&) = delete;
    MemoryFilesScope& operator=(const MemoryFilesScope&) = delete;

private:
    const MemoryFiles* m_previous;
};

// The largest input file read (a hospital's floors are a few MiB; docs/format.md "Limits").
inline constexpr std::uintmax_t kMaxInputBytes = 64u << 20;

// False (with a located error) when the text holds more than one YAML document or content
// after a `...` document end: yaml-cpp would silently read only the first.
bool checkSingleDocument(const std::string& text, const std::string& path, Diagnostics& diags);
// Reads and parses `path`. On failure adds one error located at `from` (the key that
// referenced the file) or at the file itself, and returns nullopt.
std::optional<Document> loadDocument(const std::string& path, const SourceLoc* from,
                                     Diagnostics& diags);

SourceLoc locOf(const std::string& file, const YAML::Node& n, const std::string& path);
// "\"wide\"", "a map", "a list", "nothing"
std::string describe(const YAML::Node& n);
std::string joinPath(const std::string& parent, const std::string& key);
std::string indexPath(const std::string& parent, size_t i);

// Scalar conversions shared by map fields and list items. Each adds an error on failure.
struct Ctx {
    std::string file;
    Diagnostics* diags = nullptr;
    void error(const YAML::Node& at, const std::string& path, const std::string& msg) const;
};

enum class Bound { Any, Positive, NonNegative };

std::optional<std::string> toString(const Ctx& c, const YAML::Node& n, const std::string& path);
std::optional<double> toNumber(const Ctx& c, const YAML::Node& n, const std::string& path,
                               const char* expected, Bound bound = Bound::Any);
std::optional<long long> toInteger(const Ctx& c, const YAML::Node& n, const std::string& path,
                                   const char* expected, Bound bound = Bound::Any);
// A whole number in [lo, hi], checked before it is narrowed to int: `day: 4294967297` is an
// error, not 1 person (docs/format.md "Limits").
std::optional<int> toIntIn(const Ctx& c, const YAML::Node& n, const std::string& path,
                           const char* expected, long long lo, long long hi);
// A number in [lo, hi] (finite); the message states the range.
std::optional<double> toNumberIn(const Ctx& c, const YAML::Node& n, const std::string& path,
                                 const char* expected, double lo, double hi);
std::optional<bool> toBool(const Ctx& c, const YAML::Node& n, const std::string& path);
std::optional<Date> toDate(const Ctx& c, const YAML::Node& n, const std::string& path);
std::optional<YearMonth> toYearMonth(const Ctx& c, const YAML::Node& n, const std::string& path);
std::optional<Vec2> toPoint(const Ctx& c, const YAML::Node& n, const std::string& path);
std::optional<std::vector<Vec2>> toPoints(const Ctx& c, const YAML::Node& n,
                                          const std::string& path, size_t minPoints,
                                          const char* what);
std::string enumList(const std::vector<std::string>& names);

template <class E>
std::optional<E> toEnum(const Ctx& c, const YAML::Node& n, const std::string& path,
                        names::Table<E> table) {
    std::vector<std::string> all;
    for (const auto& [v, name] : table)
        all.emplace_back(name);
    if (n.IsScalar()) {
        if (auto v = names::lookup(table, n.Scalar()))
            return v;
    }
    c.error(n, path, "expected one of " + enumList(all) + "; got " + describe(n));
    return std::nullopt;
}

// A YAML map being read: tracks which keys were asked for, so the rest can be reported as
// unknown (warning, with the nearest known key).
class MapReader {
public:
    MapReader(const Ctx& ctx, YAML::Node node, std::string path, const char* what = "a map");
    [[nodiscard]] bool ok() const { return m_ok; }
    [[nodiscard]] const std::string& path() const { return m_path; }
    [[nodiscard]] SourceLoc loc() const { return locOf(m_ctx.file, m_node, m_path); }
    [[nodiscard]] const Ctx& ctx() const { return m_ctx; }
    [[nodiscard]] std::string pathOf(const char* key) const { return joinPath(m_path, key); }

    // The value node of `key`, or an undefined node. Marks the key as known. When required
    // and absent, reports "missing required key" at this map's location.
    YAML::Node get(const char* key, bool required, const char* expected);
    bool has(const char* key) const;

    std::optional<std::string> str(const char* key, bool required);
    std::optional<double> num(const char* key, bool required, const char* expected,
                              Bound bound = Bound::Any);
    std::optional<long long> integer(const char* key, bool required, const char* expected,
                                     Bound bound = Bound::Any);
    // Range-checked forms (docs/format.md "Limits"): the value must lie in [lo, hi].
    std::optional<int> intIn(const char* key, bool required, const char* expected, long long lo,
                             long long hi);
    std::optional<double> numIn(const char* key, bool required, const char* expected, double lo,
                                double hi);
    std::optional<bool> boolean(const char* key, bool required);
    std::optional<Date> date(const char* key, bool required);
    std::optional<YearMonth> yearMonth(const char* key, bool required);
    std::optional<Vec2> point(const char* key, bool required);
    std::optional<std::vector<Vec2>> points(const char* key, bool required, size_t minPoints,
                                            const char* what);
    template <class E>
    std::optional<E> enumeration(const char* key, bool required, names::Table<E> table) {
        std::vector<std::string> all;
        for (const auto& [v, name] : table)
            all.emplace_back(name);
        const std::string expected = "one of " + enumList(all);
        YAML::Node n = get(key, required, expected.c_str());
        if (!n.IsDefined())
            return std::nullopt;
        return toEnum(m_ctx, n, pathOf(key), table);
    }

    // Iterates a list-valued key; each item handed to fn with its path ("groups[3]"). Reports
    // a value that is not a list, and a list longer than limits::kMaxCount (docs/format.md).
    void forEach(const char* key, bool required, const char* what,
                 const std::function<void(const YAML::Node&, const std::string&)>& fn);

    // Reports keys that were never asked for. Call once, after reading every field.
    void finish();

    // Assigns when present and valid (helpers for optional fields with defaults).
    template <class T> static void set(T& dst, const std::optional<T>& v) {
        if (v)
            dst = *v;
    }

private:
    struct Entry {
        YAML::Node key, value;
    };
    // The entry of `key` (its first occurrence), or nullptr.
    [[nodiscard]] const Entry* find(const char* key) const;

    Ctx m_ctx;
    YAML::Node m_node;
    std::string m_path;
    bool m_ok = false;
    // The map's plain keys, first occurrence of each, in file order. Looking keys up here
    // rather than with yaml-cpp's operator[] (which copies every key it compares into a new
    // string) makes reading a map linear instead of quadratic in allocations.
    std::vector<Entry> m_entries;
    std::vector<const char*> m_known; // keys asked for (string literals)
};

} // namespace muster::yaml
