#include "yaml/yaml_reader.hpp"

#include "muster/limits.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace muster::yaml {

namespace {

std::size_t editDistance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

// Quoted scalars carry the non-specific tag "!": "1.2" in quotes is text, not a number.
bool isQuoted(const YAML::Node& n) {
    return n.Tag() == "!";
}

// What was found, with a hint when the text would have been accepted without its quotes
// (`got "1.2"` alone reads as if 1.2 had been refused).
std::string describeQuoted(const YAML::Node& n, bool acceptedUnquoted) {
    std::string s = describe(n);
    if (acceptedUnquoted && n.IsScalar() && isQuoted(n))
        s += " in quotes (text; write it without quotes)";
    return s;
}

// Offset of the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629:
// no overlong forms, no surrogates, nothing above U+10FFFF), or npos.
std::size_t firstInvalidUtf8(const std::string& s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t n = 0;
        unsigned cp = 0, min = 0;
        if ((c & 0xE0) == 0xC0) {
            n = 1, cp = c & 0x1Fu, min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            n = 2, cp = c & 0x0Fu, min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            n = 3, cp = c & 0x07u, min = 0x10000;
        } else {
            return i;
        }
        for (std::size_t k = 1; k <= n; ++k) {
            if (i + k >= s.size())
                return i;
            const auto t = static_cast<unsigned char>(s[i + k]);
            if ((t & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (t & 0x3Fu);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += n + 1;
    }
    return std::string::npos;
}

// yaml-cpp reads UTF-16 and UTF-32 itself when the file starts with a byte-order mark or a
// zero byte; only other files must be UTF-8.
bool isUtf16Or32(const std::string& s) {
    if (s.size() >= 2 && (s[0] == '\0' || s[1] == '\0'))
        return true;
    return s.rfind("\xFF\xFE", 0) == 0 || s.rfind("\xFE\xFF", 0) == 0;
}

std::string itemCount(std::size_t n) {
    return "a list of " + std::to_string(n) + (n == 1 ? " item" : " items");
}

template <class T> std::optional<T> parseNumber(const std::string& s) {
    T v{};
    const char* b = s.data();
    const char* e = s.data() + s.size();
    if (!s.empty() && *b == '+')
        ++b;
    auto r = std::from_chars(b, e, v);
    if (r.ec != std::errc{} || r.ptr != e)
        return std::nullopt;
    if constexpr (std::is_floating_point_v<T>)
        if (!std::isfinite(v))
            return std::nullopt;
    return v;
}

std::optional<bool> parseBool(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    if (s == "true" || s == "yes" || s == "on")
        return true;
    if (s == "false" || s == "no" || s == "off")
        return false;
    return std::nullopt;
}

} // namespace

std::string describe(const YAML::Node& n) {
    if (!n.IsDefined() || n.IsNull())
        return "nothing";
    if (n.IsMap())
        return "a map";
    if (n.IsSequence())
        return "a list";
    // A short, printable excerpt only: the first line, control characters as '?', at most
    // kExcerpt characters (whole UTF-8 sequences), so a message never copies a file's content.
    constexpr std::size_t kExcerpt = 40;
    const std::string& full = n.Scalar();
    std::string s;
    std::size_t chars = 0, i = 0;
    for (; i < full.size() && chars < kExcerpt; ++chars) {
        const auto c = static_cast<unsigned char>(full[i]);
        if (c == '\n' || c == '\r')
            break;
        std::size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
        len = std::min(len, full.size() - i);
        if (c < 0x20 || c == 0x7F)
            s += '?';
        else
            s.append(full, i, len);
        i += len;
    }
    if (i < full.size())
        s += "...";
    return "\"" + s + "\"";
}

std::string joinPath(const std::string& parent, const std::string& key) {
    return parent.empty() ? key : parent + "." + key;
}

std::string indexPath(const std::string& parent, size_t i) {
    return parent + "[" + std::to_string(i) + "]";
}

SourceLoc locOf(const std::string& file, const YAML::Node& n, const std::string& path) {
    SourceLoc loc{file, 0, 0, path};
    if (n.IsDefined()) {
        const YAML::Mark m = n.Mark();
        if (!m.is_null()) {
            loc.line = m.line + 1;
            loc.column = m.column + 1;
        }
    }
    return loc;
}

void Ctx::error(const YAML::Node& at, const std::string& path, const std::string& msg) const {
    diags->error(locOf(file, at, path), path, msg);
}

namespace {

// A document marker is `---` or `...` at column 0, followed by a space, a comment or the end of
// the line (YAML 1.2 §9.1); inside block scalars such a line cannot occur (their content is
// indented), so scanning lines finds every one.
bool isMarker(const std::string& line, const char* m) {
    if (line.compare(0, 3, m) != 0)
        return false;
    return line.size() == 3 || line[3] == ' ' || line[3] == '\t' || line[3] == '#' ||
           line[3] == '\r';
}

bool isContent(const std::string& line) {
    const auto i = line.find_first_not_of(" \t\r");
    return i != std::string::npos && line[i] != '#' && line[i] != '%';
}

} // namespace

bool checkSingleDocument(const std::string& text, const std::string& path, Diagnostics& diags) {
    std::istringstream lines(text);
    std::string line;
    int n = 0;
    bool content = false; // a node before this line
    int endAt = 0;        // line of a `...` marker
    bool ok = true;
    while (std::getline(lines, line)) {
        ++n;
        if (isMarker(line, "---")) {
            if (content || endAt) {
                diags.error(SourceLoc{path, n, 1, ""}, "",
                            "a second YAML document starts here (`---`); Muster reads one "
                            "document per file: remove the line or split the file");
                ok = false;
                break;
            }
            // `--- value` starts the document with content on the same line.
            content = isContent(line.substr(3));
            continue;
        }
        if (isMarker(line, "...")) {
            if (!endAt)
                endAt = n;
            continue;
        }
        if (isContent(line)) {
            if (endAt) {
                diags.error(SourceLoc{path, endAt, 1, ""}, "",
                            "`...` ends the YAML document here, so everything after it (from "
                            "line " +
                                std::to_string(n) + ") would be ignored; remove the `...` line");
                ok = false;
                break;
            }
            content = true;
        }
    }
    return ok;
}

namespace {
thread_local const MemoryFiles* t_memoryFiles = nullptr;
} // namespace

MemoryFilesScope::MemoryFilesScope(const MemoryFiles& files) : m_previous(t_memoryFiles) {
    t_memoryFiles = &files;
}
MemoryFilesScope::~MemoryFilesScope() {
    t_memoryFiles = m_previous;
}

std::optional<Document> loadDocument(const std::string& path, const SourceLoc* from,
                                     Diagnostics& diags) {
    Document doc{path, {}, {}};
    const MemoryFiles* memory = t_memoryFiles;
    if (memory && std::find(memory->diskAllowed.begin(), memory->diskAllowed.end(), path) ==
                      memory->diskAllowed.end()) {
        const auto it =
            memory->files.find(std::filesystem::path(path).lexically_normal().generic_string());
        if (it == memory->files.end()) {
            SourceLoc loc = from ? *from : SourceLoc{path, 0, 0, ""};
            diags.error(loc, from ? from->path : "",
                        "cannot open file \"" + path + "\": " + memory->missing);
            return std::nullopt;
        }
        doc.text = it->second;
    } else {
        // Only regular files of a bounded size: a device (/dev/zero), a named pipe or a folder
        // would hang the read or fill memory.
        {
            std::error_code ec;
            const auto st = std::filesystem::status(path, ec);
            const char* not_ = nullptr;
            if (!ec && std::filesystem::exists(st)) {
                if (std::filesystem::is_directory(st))
                    not_ = "a folder";
                else if (!std::filesystem::is_regular_file(st))
                    not_ = "a device, pipe or socket";
            }
            SourceLoc loc = from ? *from : SourceLoc{path, 0, 0, ""};
            if (not_) {
                diags.error(loc, from ? from->path : "",
                            "expected a YAML file at \"" + path + "\", got " + not_);
                return std::nullopt;
            }
            if (!ec && std::filesystem::exists(st)) {
                const auto size = std::filesystem::file_size(path, ec);
                if (!ec && size > kMaxInputBytes) {
                    diags.error(loc, from ? from->path : "",
                                "file \"" + path + "\" is " + std::to_string(size >> 20) +
                                    " MiB; input files are at most " +
                                    std::to_string(kMaxInputBytes >> 20) + " MiB");
                    return std::nullopt;
                }
            }
        }
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            const std::string why = std::strerror(errno);
            SourceLoc loc = from ? *from : SourceLoc{path, 0, 0, ""};
            diags.error(loc, from ? from->path : "", "cannot open file \"" + path + "\": " + why);
            return std::nullopt;
        }
        std::ostringstream ss;
        ss << in.rdbuf();
        doc.text = ss.str();
    }
    // Names are shown by the viewer and written to JSON and replays, which all need UTF-8.
    // Reported once per file; reading goes on, so the file's other problems are found too.
    if (const std::size_t bad =
            isUtf16Or32(doc.text) ? std::string::npos : firstInvalidUtf8(doc.text);
        bad != std::string::npos) {
        const std::size_t nl = bad == 0 ? std::string::npos : doc.text.rfind('\n', bad - 1);
        const std::size_t column = bad - (nl == std::string::npos ? 0 : nl + 1) + 1; // bytes
        const auto line =
            std::count(doc.text.begin(), doc.text.begin() + static_cast<long>(bad), '\n') + 1;
        char byte[8];
        std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(doc.text[bad]));
        diags.error(SourceLoc{path, static_cast<int>(line), static_cast<int>(column), ""}, "",
                    std::string("the file is not valid UTF-8 (byte ") + byte +
                        "); save it as UTF-8 (it may have been saved as GBK or another legacy "
                        "encoding)");
    }
    // One document per file: yaml-cpp reads the first and drops the rest without a word, so a
    // stray `...` (document end) would cut a floor's doors off and a second `---` would be lost.
    if (!checkSingleDocument(doc.text, path, diags))
        return std::nullopt;
    try {
        doc.root = YAML::Load(doc.text);
    } catch (const YAML::ParserException& e) {
        SourceLoc loc{path, e.mark.is_null() ? 0 : e.mark.line + 1,
                      e.mark.is_null() ? 0 : e.mark.column + 1, ""};
        std::string msg = "YAML syntax error: " + e.msg;
        // yaml-cpp's message for a tab in the indentation ("illegal block entry", "end of map
        // not found") does not name the cause; it is common enough to say so.
        if (!e.mark.is_null()) {
            std::istringstream lines(doc.text);
            std::string line;
            for (int i = 0; i <= e.mark.line; ++i)
                if (!std::getline(lines, line))
                    line.clear();
            const std::string indent = line.substr(0, line.find_first_not_of(" \t"));
            if (indent.find('\t') != std::string::npos)
                msg += " (the line is indented with a tab; YAML indents with spaces only)";
        }
        diags.error(loc, "", msg);
        return std::nullopt;
    } catch (const YAML::Exception& e) {
        diags.error(SourceLoc{path, 0, 0, ""}, "", std::string("YAML error: ") + e.what());
        return std::nullopt;
    }
    return doc;
}

std::optional<std::string> toString(const Ctx& c, const YAML::Node& n, const std::string& path) {
    if (n.IsScalar())
        return n.Scalar();
    c.error(n, path, "expected a string, got " + describe(n));
    return std::nullopt;
}

std::optional<double> toNumber(const Ctx& c, const YAML::Node& n, const std::string& path,
                               const char* expected, Bound bound) {
    const auto parsed = n.IsScalar() ? parseNumber<double>(n.Scalar()) : std::nullopt;
    if (parsed && !isQuoted(n)) {
        const std::string& s = n.Scalar();
        const double v = *parsed;
        if (bound == Bound::Positive && !(v > 0.0)) {
            c.error(n, path, std::string("expected ") + expected + " greater than 0, got " + s);
            return std::nullopt;
        }
        if (bound == Bound::NonNegative && v < 0.0) {
            c.error(n, path, std::string("expected ") + expected + " of 0 or more, got " + s);
            return std::nullopt;
        }
        return v;
    }
    c.error(n, path,
            std::string("expected ") + expected + ", got " + describeQuoted(n, parsed.has_value()));
    return std::nullopt;
}

std::optional<long long> toInteger(const Ctx& c, const YAML::Node& n, const std::string& path,
                                   const char* expected, Bound bound) {
    const auto parsed = n.IsScalar() ? parseNumber<long long>(n.Scalar()) : std::nullopt;
    if (parsed && !isQuoted(n)) {
        const std::string& s = n.Scalar();
        const long long v = *parsed;
        if (bound == Bound::Positive && v <= 0) {
            c.error(n, path, std::string("expected ") + expected + " greater than 0, got " + s);
            return std::nullopt;
        }
        if (bound == Bound::NonNegative && v < 0) {
            c.error(n, path, std::string("expected ") + expected + " of 0 or more, got " + s);
            return std::nullopt;
        }
        return v;
    }
    c.error(n, path,
            std::string("expected ") + expected + ", got " + describeQuoted(n, parsed.has_value()));
    return std::nullopt;
}

namespace {

std::string rangeText(double lo, double hi) {
    char b[96];
    std::snprintf(b, sizeof b, "from %g to %g", lo, hi);
    return b;
}

} // namespace

std::optional<int> toIntIn(const Ctx& c, const YAML::Node& n, const std::string& path,
                           const char* expected, long long lo, long long hi) {
    const auto v = toInteger(c, n, path, expected);
    if (!v)
        return std::nullopt;
    if (*v < lo || *v > hi) {
        c.error(n, path,
                std::string("expected ") + expected + " from " + std::to_string(lo) + " to " +
                    std::to_string(hi) + ", got " + n.Scalar());
        return std::nullopt;
    }
    return static_cast<int>(*v);
}

std::optional<double> toNumberIn(const Ctx& c, const YAML::Node& n, const std::string& path,
                                 const char* expected, double lo, double hi) {
    const auto v = toNumber(c, n, path, expected);
    if (!v)
        return std::nullopt;
    if (!(*v >= lo && *v <= hi)) {
        c.error(n, path,
                std::string("expected ") + expected + " " + rangeText(lo, hi) + ", got " +
                    n.Scalar());
        return std::nullopt;
    }
    return v;
}

std::optional<bool> toBool(const Ctx& c, const YAML::Node& n, const std::string& path) {
    const auto parsed = n.IsScalar() ? parseBool(n.Scalar()) : std::nullopt;
    if (parsed && !isQuoted(n))
        return parsed;
    c.error(n, path, "expected true or false, got " + describeQuoted(n, parsed.has_value()));
    return std::nullopt;
}

std::optional<Date> toDate(const Ctx& c, const YAML::Node& n, const std::string& path) {
    if (n.IsScalar())
        if (auto d = parseDate(n.Scalar()))
            return d;
    c.error(n, path, "expected a date YYYY-MM-DD, got " + describe(n));
    return std::nullopt;
}

std::optional<YearMonth> toYearMonth(const Ctx& c, const YAML::Node& n, const std::string& path) {
    if (n.IsScalar())
        if (auto d = parseYearMonth(n.Scalar()))
            return d;
    c.error(n, path, "expected a year-month YYYY-MM, got " + describe(n));
    return std::nullopt;
}

std::optional<Vec2> toPoint(const Ctx& c, const YAML::Node& n, const std::string& path) {
    if (!n.IsSequence() || n.size() != 2) {
        c.error(n, path,
                "expected a point [x, y] in metres, got " +
                    (n.IsSequence() ? itemCount(n.size()) : describe(n)));
        return std::nullopt;
    }
    auto x = toNumber(c, n[0], indexPath(path, 0), "a coordinate in metres");
    auto y = toNumber(c, n[1], indexPath(path, 1), "a coordinate in metres");
    if (!x || !y)
        return std::nullopt;
    return Vec2{*x, *y};
}

std::optional<std::vector<Vec2>> toPoints(const Ctx& c, const YAML::Node& n,
                                          const std::string& path, size_t minPoints,
                                          const char* what) {
    if (!n.IsSequence()) {
        c.error(n, path,
                std::string("expected ") + what + " (a list of [x, y] points), got " + describe(n));
        return std::nullopt;
    }
    std::vector<Vec2> pts;
    bool ok = true;
    for (size_t i = 0; i < n.size(); ++i) {
        auto p = toPoint(c, n[i], indexPath(path, i));
        if (p)
            pts.push_back(*p);
        else
            ok = false;
    }
    if (!ok)
        return std::nullopt;
    if (pts.size() < minPoints) {
        c.error(n, path,
                std::string("expected ") + what + " of at least " + std::to_string(minPoints) +
                    " points, got " + std::to_string(pts.size()));
        return std::nullopt;
    }
    return pts;
}

std::string enumList(const std::vector<std::string>& names) {
    std::string s;
    for (size_t i = 0; i < names.size(); ++i) {
        if (i)
            s += ", ";
        s += names[i];
    }
    return s;
}

MapReader::MapReader(const Ctx& ctx, YAML::Node node, std::string path, const char* what)
    : m_ctx(ctx), m_node(std::move(node)), m_path(std::move(path)) {
    if (!m_node.IsMap()) {
        m_ctx.error(m_node, m_path, std::string("expected ") + what + ", got " + describe(m_node));
        return;
    }
    m_ok = true;
    m_entries.reserve(m_node.size());
    for (auto it = m_node.begin(); it != m_node.end(); ++it) {
        // Dereferenced once: each `*it` or `it->` builds a fresh pair of nodes.
        const auto kv = *it;
        Entry entry{kv.first, kv.second};
        if (!entry.key.IsScalar()) {
            m_ctx.error(entry.key, m_path, "expected a plain key, got " + describe(entry.key));
            continue;
        }
        const std::string& key = entry.key.Scalar();
        if (const Entry* first = find(key.c_str())) {
            const int line = first->key.Mark().is_null() ? 0 : first->key.Mark().line + 1;
            m_ctx.error(entry.key, joinPath(m_path, key),
                        "duplicate key \"" + key + "\" (first at line " + std::to_string(line) +
                            ")");
            continue;
        }
        m_entries.push_back(std::move(entry));
    }
}

const MapReader::Entry* MapReader::find(const char* key) const {
    for (const Entry& e : m_entries)
        if (e.key.Scalar() == key)
            return &e;
    return nullptr;
}

bool MapReader::has(const char* key) const {
    return m_ok && find(key) != nullptr;
}

YAML::Node MapReader::get(const char* key, bool required, const char* expected) {
    m_known.push_back(key);
    if (!m_ok)
        return YAML::Node(YAML::NodeType::Undefined);
    const Entry* e = find(key);
    if (!e) {
        if (required)
            m_ctx.diags->error(loc(), pathOf(key),
                               std::string("missing required key \"") + key + "\" (expected " +
                                   expected + ")");
        return YAML::Node(YAML::NodeType::Undefined);
    }
    if (e->value.IsNull() && e->value.Mark().is_null()) {
        // "key:" with no value: yaml-cpp gives no mark; point at the key instead.
        m_ctx.error(e->key, pathOf(key), std::string("expected ") + expected + ", got nothing");
        return YAML::Node(YAML::NodeType::Undefined);
    }
    return e->value;
}

std::optional<std::string> MapReader::str(const char* key, bool required) {
    YAML::Node n = get(key, required, "a string");
    if (!n.IsDefined())
        return std::nullopt;
    return toString(m_ctx, n, pathOf(key));
}

std::optional<double> MapReader::num(const char* key, bool required, const char* expected,
                                     Bound bound) {
    YAML::Node n = get(key, required, expected);
    if (!n.IsDefined())
        return std::nullopt;
    return toNumber(m_ctx, n, pathOf(key), expected, bound);
}

std::optional<long long> MapReader::integer(const char* key, bool required, const char* expected,
                                            Bound bound) {
    YAML::Node n = get(key, required, expected);
    if (!n.IsDefined())
        return std::nullopt;
    return toInteger(m_ctx, n, pathOf(key), expected, bound);
}

std::optional<int> MapReader::intIn(const char* key, bool required, const char* expected,
                                    long long lo, long long hi) {
    YAML::Node n = get(key, required, expected);
    if (!n.IsDefined())
        return std::nullopt;
    return toIntIn(m_ctx, n, pathOf(key), expected, lo, hi);
}

std::optional<double> MapReader::numIn(const char* key, bool required, const char* expected,
                                       double lo, double hi) {
    YAML::Node n = get(key, required, expected);
    if (!n.IsDefined())
        return std::nullopt;
    return toNumberIn(m_ctx, n, pathOf(key), expected, lo, hi);
}

void MapReader::forEach(const char* key, bool required, const char* what,
                        const std::function<void(const YAML::Node&, const std::string&)>& fn) {
    YAML::Node n = get(key, required, what);
    if (!n.IsDefined())
        return;
    if (!n.IsSequence()) {
        m_ctx.error(n, pathOf(key), std::string("expected ") + what + ", got " + describe(n));
        return;
    }
    if (n.size() > static_cast<std::size_t>(limits::kMaxCount)) {
        m_ctx.error(n, pathOf(key),
                    std::string("expected ") + what + " of at most " +
                        std::to_string(limits::kMaxCount) + " items, got " +
                        std::to_string(n.size()));
        return;
    }
    for (size_t i = 0; i < n.size(); ++i)
        fn(n[i], indexPath(pathOf(key), i));
}

std::optional<bool> MapReader::boolean(const char* key, bool required) {
    YAML::Node n = get(key, required, "true or false");
    if (!n.IsDefined())
        return std::nullopt;
    return toBool(m_ctx, n, pathOf(key));
}

std::optional<Date> MapReader::date(const char* key, bool required) {
    YAML::Node n = get(key, required, "a date YYYY-MM-DD");
    if (!n.IsDefined())
        return std::nullopt;
    return toDate(m_ctx, n, pathOf(key));
}

std::optional<YearMonth> MapReader::yearMonth(const char* key, bool required) {
    YAML::Node n = get(key, required, "a year-month YYYY-MM");
    if (!n.IsDefined())
        return std::nullopt;
    return toYearMonth(m_ctx, n, pathOf(key));
}

std::optional<Vec2> MapReader::point(const char* key, bool required) {
    YAML::Node n = get(key, required, "a point [x, y] in metres");
    if (!n.IsDefined())
        return std::nullopt;
    return toPoint(m_ctx, n, pathOf(key));
}

std::optional<std::vector<Vec2>> MapReader::points(const char* key, bool required, size_t minPoints,
                                                   const char* what) {
    YAML::Node n = get(key, required, what);
    if (!n.IsDefined())
        return std::nullopt;
    return toPoints(m_ctx, n, pathOf(key), minPoints, what);
}

void MapReader::finish() {
    if (!m_ok)
        return;
    std::vector<std::string> known; // asked-for keys, each once, in the order asked
    for (const char* k : m_known)
        if (std::find(known.begin(), known.end(), k) == known.end())
            known.emplace_back(k);
    for (const Entry& e : m_entries) {
        const std::string& key = e.key.Scalar();
        if (std::find(known.begin(), known.end(), key) != known.end())
            continue;
        std::string best;
        std::size_t bestD = 1000;
        for (const auto& k : known) {
            const std::size_t d = editDistance(key, k);
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        std::string msg = "unknown key \"" + key + "\"";
        if (!best.empty() && bestD <= std::max<std::size_t>(2, key.size() / 3))
            msg += "; did you mean \"" + best + "\"?";
        else
            msg += "; known keys: " + enumList(known);
        m_ctx.diags->warning(locOf(m_ctx.file, e.key, joinPath(m_path, key)), joinPath(m_path, key),
                             msg);
    }
}

} // namespace muster::yaml
