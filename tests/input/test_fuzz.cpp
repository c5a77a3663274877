// Mutation fuzzing of the loader: thousands of damaged copies of the tiny clinic's files, each
// loaded as a project. Nothing may crash or throw, and the loader's contract must hold: nullopt
// iff at least one error, every diagnostic located in a file and saying something.
// Deterministic (fixed seed; case i is the same mutation on any machine and thread count), so
// a failure is reproducible; tagged [fuzz] to run alone.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>
#include <random>
#include <thread>

#include "input_fixture.hpp"
#include "muster/loader.hpp"
#include "muster/summary.hpp"

using namespace muster;
using namespace muster::test;

namespace {

constexpr std::uint64_t kSeed = 20261123;
constexpr int kCases = 3000;

class Mutator {
public:
    explicit Mutator(std::uint64_t seed) : m_rng(seed) {}

    // Plain modulo rather than <random>'s distributions, whose output differs between
    // standard libraries: a case number names the same mutation everywhere.
    size_t below(size_t n) { return n == 0 ? 0 : static_cast<size_t>(m_rng() % n); }

    // One random edit; `what` names it for the failure report.
    std::string mutate(std::string s, std::string& what) {
        switch (below(9)) {
        case 0: {
            if (s.empty())
                break;
            const size_t i = below(s.size());
            s[i] = static_cast<char>(s[i] ^ (1 << below(8)));
            what = "flip a bit of byte " + std::to_string(i);
            return s;
        }
        case 1: {
            if (s.empty())
                break;
            const size_t i = below(s.size());
            const size_t n = 1 + below(4);
            s.erase(i, n);
            what = "delete " + std::to_string(n) + " bytes at " + std::to_string(i);
            return s;
        }
        case 2: {
            static const std::string kSpecial = ":-[]{},#&*!|>'\"\n\t ?%@`0.";
            const size_t i = below(s.size() + 1);
            const char c =
                below(4) == 0 ? static_cast<char>(below(256)) : kSpecial[below(kSpecial.size())];
            s.insert(i, 1, c);
            what = "insert byte " + std::to_string(static_cast<unsigned char>(c)) + " at " +
                   std::to_string(i);
            return s;
        }
        case 3: {
            std::vector<std::pair<size_t, size_t>> numbers; // [begin, end)
            for (size_t i = 0; i < s.size(); ++i) {
                if (!std::isdigit(static_cast<unsigned char>(s[i])))
                    continue;
                size_t b = i, e = i;
                if (b > 0 && s[b - 1] == '-')
                    --b;
                while (e < s.size() &&
                       (std::isdigit(static_cast<unsigned char>(s[e])) || s[e] == '.'))
                    ++e;
                numbers.emplace_back(b, e);
                i = e;
            }
            if (numbers.empty())
                break;
            static const char* kWords[] = {"wide",
                                           "abc",
                                           "-1",
                                           "0",
                                           "1e999",
                                           "nan",
                                           "\"1.5\"",
                                           "",
                                           "[1, 2]",
                                           "{a: 1}",
                                           "99999999999999999999",
                                           "true",
                                           "~",
                                           "2026-02-30"};
            const auto [b, e] = numbers[below(numbers.size())];
            const std::string w = kWords[below(std::size(kWords))];
            what = "replace number \"" + s.substr(b, e - b) + "\" with \"" + w + "\"";
            s.replace(b, e - b, w);
            return s;
        }
        case 4:
        case 5:
        case 6: {
            const size_t op = below(3);
            std::vector<std::string> lines;
            size_t start = 0;
            for (size_t nl; (nl = s.find('\n', start)) != std::string::npos; start = nl + 1)
                lines.push_back(s.substr(start, nl - start + 1));
            if (start < s.size())
                lines.push_back(s.substr(start));
            if (lines.size() < 2)
                break;
            const size_t i = below(lines.size());
            const size_t j = below(lines.size());
            if (op == 0) {
                what = "delete line " + std::to_string(i + 1);
                lines.erase(lines.begin() + static_cast<long>(i));
            } else if (op == 1) {
                what = "duplicate line " + std::to_string(i + 1);
                lines.insert(lines.begin() + static_cast<long>(i), lines[i]);
            } else {
                what = "swap lines " + std::to_string(i + 1) + " and " + std::to_string(j + 1);
                std::swap(lines[i], lines[j]);
            }
            std::string out;
            for (const auto& l : lines)
                out += l;
            return out;
        }
        case 7: {
            const size_t at = below(s.size());
            what = "truncate at " + std::to_string(at);
            return s.substr(0, at);
        }
        case 8: {
            std::vector<std::pair<size_t, size_t>> keys; // identifiers followed by ':'
            for (size_t i = 0; i < s.size(); ++i) {
                if (!std::isalpha(static_cast<unsigned char>(s[i])))
                    continue;
                size_t e = i;
                while (e < s.size() &&
                       (std::isalnum(static_cast<unsigned char>(s[e])) || s[e] == '_'))
                    ++e;
                if (e < s.size() && s[e] == ':')
                    keys.emplace_back(i, e);
                i = e;
            }
            if (keys.empty())
                break;
            const auto [b, e] = keys[below(keys.size())];
            std::string key = s.substr(b, e - b);
            const std::string before = key;
            const size_t k = below(key.size());
            switch (below(4)) {
            case 0:
                key.erase(k, 1);
                break;
            case 1:
                key.insert(k, 1, key[k]);
                break;
            case 2:
                if (k + 1 < key.size())
                    std::swap(key[k], key[k + 1]);
                else
                    key += 's';
                break;
            default:
                key[k] = static_cast<char>('a' + below(26));
                break;
            }
            what = "key \"" + before + "\" -> \"" + key + "\"";
            s.replace(b, e - b, key);
            return s;
        }
        default:
            break;
        }
        what = "truncate to nothing";
        return "";
    }

private:
    std::mt19937_64 m_rng;
};

// The loader's contract on one result; returns what is wrong, or "".
std::string contractViolation(const std::optional<Project>& p, const Diagnostics& d) {
    if (!p && !d.hasErrors())
        return "nullopt without an error";
    if (p && d.hasErrors())
        return "a project despite errors";
    for (const auto& x : d.all()) {
        if (x.loc.file.empty())
            return "a diagnostic without a file: " + formatDiagnostic(x);
        if (x.message.empty())
            return "a diagnostic without a message: " + formatDiagnostic(x);
    }
    return "";
}

struct Outcome {
    std::vector<std::string> failures;
    int rejected = 0;
};

const std::vector<std::string> kFiles = {"scenario.yaml", "clinic.yaml",    "1f.yaml",
                                         "2f.yaml",       "inventory.yaml", "population.yaml"};

// Runs cases first, first + stride, ... in a private copy of the tiny clinic. Touches no Catch
// state (its macros are not thread-safe): problems are returned.
Outcome runCases(const std::vector<std::uint64_t>& seeds, size_t first, size_t stride) {
    Outcome out;
    TempDir tmp;
    copyTiny(tmp.path());
    std::map<std::string, std::string> originals;
    for (const auto& n : kFiles)
        originals[n] = readFile(tmp / n);
    const std::string scenario = (tmp / "scenario.yaml").string();

    for (size_t i = first; i < seeds.size(); i += stride) {
        Mutator mutator(seeds[i]);
        const std::string& name = kFiles[mutator.below(kFiles.size())];
        const std::string& original = originals[name];
        std::string what, text = mutator.mutate(original, what);
        if (mutator.below(3) == 0) {
            std::string more;
            text = mutator.mutate(text, more);
            what += "; " + more;
        }
        auto fail = [&](const std::string& why) {
            out.failures.push_back("case " + std::to_string(i) + ", " + name + " (" + what +
                                   "): " + why + "\n--- mutated file ---\n" + text.substr(0, 3000));
        };
        try {
            writeFile(tmp / name, text);
            Diagnostics d;
            const auto p = loadProject(scenario, d);
            if (auto v = contractViolation(p, d); !v.empty())
                fail(v);
            if (text == original && !p)
                fail("the unchanged project no longer loads");
            if (!p)
                ++out.rejected;
            if (p)
                (void)summaryJson(summarize(*p));

            // The file on its own, as `muster validate FILE` checks it (for the scenario that
            // is the loadProject above).
            if (name != "scenario.yaml") {
                Diagnostics single;
                validateFile((tmp / name).string(), single);
                for (const auto& x : single.all())
                    if (x.loc.file.empty() || x.message.empty())
                        fail("validateFile: an unlocated or empty diagnostic: " +
                             formatDiagnostic(x));
            }
            writeFile(tmp / name, original);
        } catch (const std::exception& e) {
            fail(std::string("exception escaped: ") + e.what());
            writeFile(tmp / name, original);
        } catch (...) {
            fail("unknown exception escaped");
            writeFile(tmp / name, original);
        }
    }
    return out;
}

} // namespace

TEST_CASE("the loader survives thousands of damaged inputs", "[input][fuzz]") {
    // One seed per case, drawn from the fixed seed: case i is the same mutation however the
    // cases are spread over threads.
    std::mt19937_64 master(kSeed);
    std::vector<std::uint64_t> seeds(kCases);
    for (auto& s : seeds)
        s = master();

    // The cases are independent; up to 4 threads share them (each with its own directory).
    const size_t workers = std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 4);
    std::vector<Outcome> outcomes(workers);
    const auto start = std::chrono::steady_clock::now();
    {
        std::vector<std::thread> threads;
        for (size_t w = 0; w < workers; ++w)
            threads.emplace_back([&, w] { outcomes[w] = runCases(seeds, w, workers); });
        for (auto& t : threads)
            t.join();
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    std::vector<std::string> failures;
    int rejected = 0;
    for (const auto& o : outcomes) {
        failures.insert(failures.end(), o.failures.begin(), o.failures.end());
        rejected += o.rejected;
    }
    INFO(kCases << " cases on " << workers << " threads in " << seconds << " s; " << rejected
                << " rejected with errors; " << failures.size() << " failed");
    for (size_t k = 0; k < std::min<size_t>(failures.size(), 5); ++k)
        UNSCOPED_INFO(failures[k]);
    CHECK(failures.empty());
    // Most mutations break something: the loader is not silently accepting garbage.
    CHECK(rejected > kCases / 2);
}
