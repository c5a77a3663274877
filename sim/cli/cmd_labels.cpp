// muster labels: the A4 sheet of expiry labels, as HTML or (with headless Chromium) as PDF.
// Chromium is started with an argument vector (posix_spawn, no shell) in a private temp folder
// inside the output folder; no id or name from the scenario ever reaches its command line.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "check_inputs.hpp"
#include "commands.hpp"
#include "muster/labels.hpp"
#include "muster/text.hpp"

extern char** environ;

namespace muster::cli {

namespace fs = std::filesystem;

namespace {

struct LabelsArgs {
    std::string scenario, date, dueBefore, building, html, pdf, rulesFile;
    std::vector<std::string> floors, kinds;
    double pdfTimeoutS = 120.0;
};

// The first of `names` that is an executable file in a folder of $PATH ("" = none).
std::string findOnPath(std::initializer_list<const char*> names) {
    const char* path = std::getenv("PATH");
    if (!path)
        return "";
    for (const char* name : names) {
        std::string dirs = path;
        std::size_t at = 0;
        while (at <= dirs.size()) {
            std::size_t end = dirs.find(':', at);
            if (end == std::string::npos)
                end = dirs.size();
            const std::string dir = dirs.substr(at, end - at);
            at = end + 1;
            if (dir.empty())
                continue; // an empty entry means "."; never run a program from the work folder
            const fs::path p = fs::path(dir) / name;
            std::error_code ec;
            if (fs::is_regular_file(p, ec) && ::access(p.c_str(), X_OK) == 0)
                return p.string();
        }
    }
    return "";
}

// file:// URL of an absolute path, every byte but unreserved ones and '/' percent-encoded.
std::string fileUrl(const fs::path& p) {
    std::string u = "file://";
    for (unsigned char c : p.string()) {
        if (std::isalnum(c) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') {
            u += static_cast<char>(c);
        } else {
            char b[4];
            std::snprintf(b, sizeof b, "%%%02X", c);
            u += b;
        }
    }
    return u;
}

// Runs argv[0] (an absolute path) with `env`, its output into `logFile`, in a process group of
// its own, killed with the group after `timeoutS`. "" on exit status 0, else how it ended.
std::string runProgram(const std::vector<std::string>& args, const std::vector<std::string>& env,
                       const fs::path& logFile, double timeoutS) {
    std::vector<char*> argv, envp;
    std::vector<std::string> a = args, e = env;
    for (auto& s : a)
        argv.push_back(s.data());
    argv.push_back(nullptr);
    for (auto& s : e)
        envp.push_back(s.data());
    envp.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, logFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&fa, 1, 2);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);
    pid_t pid = -1;
    const int rc = ::posix_spawn(&pid, argv[0], &fa, &attr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    if (rc != 0)
        return std::string("cannot start it: ") + std::strerror(rc);
    const auto deadline = std::chrono::steady_clock::now() +
                          std::chrono::milliseconds(static_cast<long>(timeoutS * 1000));
    int status = 0;
    for (;;) {
        const pid_t w = ::waitpid(pid, &status, WNOHANG);
        if (w == pid)
            break;
        if (w < 0 && errno != EINTR)
            return std::string("waitpid: ") + std::strerror(errno);
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(-pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            return "no PDF after " + std::to_string(static_cast<int>(timeoutS)) + " s; stopped it";
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ::kill(-pid, SIGKILL); // helpers it left behind (its renderer and GPU processes)
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return "";
    if (WIFEXITED(status))
        return "exit status " + std::to_string(WEXITSTATUS(status));
    return "killed by signal " + std::to_string(WTERMSIG(status));
}

// Prints `html` to `out` (a PDF) with headless Chromium. Everything Chromium writes (the page,
// its profile, caches, the PDF) goes into a fresh 0700 folder beside `out`, which is removed
// afterwards; the PDF is renamed over `out` (a symlink there is replaced, never followed).
int printPdf(const std::string& html, const std::string& out, double timeoutS) {
    const std::string chromium = findOnPath({"chromium", "chromium-browser"});
    if (chromium.empty()) {
        std::cerr << "muster: error: --pdf needs headless Chromium (`chromium` or "
                     "`chromium-browser` on PATH), which was not found. Install it with "
                     "`apt-get install chromium`, or write the sheet with --html OUT.html and "
                     "print that at 100 % scale (\"actual size\") from a browser.\n";
        return 1;
    }
    std::error_code ec;
    const fs::path target = fs::absolute(out, ec);
    const fs::path dir = target.parent_path();
    if (ec || !fs::is_directory(dir, ec)) {
        std::cerr << "muster: error: --pdf: no folder " << dir.string() << "\n";
        return 1;
    }
    std::string tmpl = (dir / ".muster-labels-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) {
        std::cerr << "muster: error: --pdf: cannot create a temp folder in " << dir.string() << ": "
                  << std::strerror(errno) << "\n";
        return 1;
    }
    const fs::path tmp = tmpl;
    struct Cleanup {
        fs::path p;
        ~Cleanup() {
            std::error_code e;
            fs::remove_all(p, e);
        }
    } cleanup{tmp};
    const fs::path page = tmp / "labels.html", pdf = tmp / "labels.pdf";
    {
        std::ofstream f(page, std::ios::binary);
        f << html;
        if (!f.flush()) {
            std::cerr << "muster: error: --pdf: cannot write " << page.string() << "\n";
            return 1;
        }
    }
    std::vector<std::string> args{chromium,
                                  "--headless",
                                  "--disable-gpu",
                                  "--no-first-run",
                                  "--no-default-browser-check",
                                  "--disable-extensions",
                                  "--disable-sync",
                                  "--disable-background-networking",
                                  "--disable-component-update",
                                  "--disable-crash-reporter",
                                  "--no-pdf-header-footer",
                                  "--user-data-dir=" + (tmp / "profile").string(),
                                  "--print-to-pdf=" + pdf.string()};
    // Chromium refuses to run as root with its sandbox; the page is our own (no scripts, no
    // external resources), so the sandbox is dropped only then.
    if (::geteuid() == 0)
        args.insert(args.begin() + 1, "--no-sandbox");
    args.push_back(fileUrl(page));
    // Its home, config and cache folders are the temp folder too: nothing lands elsewhere.
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e) {
        const std::string kv = *e;
        if (kv.rfind("HOME=", 0) && kv.rfind("XDG_CONFIG_HOME=", 0) &&
            kv.rfind("XDG_CACHE_HOME=", 0) && kv.rfind("TMPDIR=", 0))
            env.push_back(kv);
    }
    for (const char* k : {"HOME=", "XDG_CONFIG_HOME=", "XDG_CACHE_HOME=", "TMPDIR="})
        env.push_back(k + tmp.string());
    const std::string how = runProgram(args, env, tmp / "chromium.log", timeoutS);
    std::string head;
    {
        std::ifstream f(pdf, std::ios::binary);
        char b[5] = {};
        f.read(b, 4);
        head.assign(b, static_cast<std::size_t>(f.gcount()));
    }
    if (!how.empty() || head != "%PDF") {
        std::ifstream log(tmp / "chromium.log");
        std::string line, last;
        while (std::getline(log, line))
            if (!line.empty())
                last = line;
        std::cerr << "muster: error: Chromium (" << chromium << ") did not print the PDF"
                  << (how.empty() ? "" : ": " + how)
                  << (last.empty() ? "" : "; it said: " + printableExcerpt(last, 200)) << "\n";
        return 1;
    }
    if (::rename(pdf.c_str(), target.c_str()) != 0) {
        std::cerr << "muster: error: cannot write " << target.string() << ": "
                  << std::strerror(errno) << "\n";
        return 1;
    }
    if (int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY); fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
    return 0;
}

} // namespace

void addLabelCommands(Registry& r) {
    auto a = std::make_shared<LabelsArgs>();
    CLI::App* cmd = r.add(
        "labels",
        "Print expiry labels: an A4 sheet of 70 x 37 mm stickers (3 x 8), one per unit, with its "
        "type, location, dates, owner and a QR code of its id (HTML, or PDF with Chromium)",
        "muster labels scenarios/hospital/day.yaml --date 2026-11-23 --html out/labels.html", [a] {
            Date today;
            if (!parseDateArg(a->date, today))
                return 2;
            LabelOptions opt;
            opt.floors = a->floors;
            opt.building = a->building;
            if (!a->kinds.empty())
                opt.kinds = a->kinds;
            if (!a->dueBefore.empty()) {
                auto d = parseDate(a->dueBefore);
                if (!d) {
                    std::cerr << "muster: error: --due-before: expected YYYY-MM-DD, got \""
                              << a->dueBefore << "\"\n";
                    return 2;
                }
                opt.dueBefore = d;
            }
            if (a->html.empty() == a->pdf.empty()) {
                std::cerr << "muster: error: give --html OUT.html or --pdf OUT.pdf\n";
                return 2;
            }
            auto L = loadAll(a->scenario, a->rulesFile);
            if (!L)
                return 1;
            Diagnostics d;
            const LabelSheet sheet = buildLabels(L->project, L->rules, today, opt, d);
            if (printDiagnosticsAndCount(d) > 0)
                return 1;
            const std::string html = labelSheetHtml(sheet);
            const std::string& out = a->html.empty() ? a->pdf : a->html;
            if (!a->html.empty()) {
                if (!writeTextFile(a->html, html))
                    return 1;
            } else if (const int rc = printPdf(html, a->pdf, a->pdfTimeoutS); rc != 0) {
                return rc;
            }
            const auto n = static_cast<long long>(sheet.labels.size());
            std::cout << plural(n, "label", "labels") << " on "
                      << plural((n + LabelStock::kPerSheet - 1) / LabelStock::kPerSheet, "A4 sheet",
                                "A4 sheets")
                      << " (70 x 37 mm, 3 x 8 per sheet; print at 100 %), as of " << today.str()
                      << (opt.dueBefore ? ", due before " + opt.dueBefore->str() : "") << ": "
                      << out << "\n";
            return 0;
        });
    cmd->add_option("scenario", a->scenario, "Scenario file")->required();
    cmd->add_option("--floor", a->floors, "Only this floor (id; repeat for more)");
    cmd->add_option("--building", a->building, "Only this building (id)");
    cmd->add_option("--due-before", a->dueBefore,
                    "Only units whose end of life or next maintenance falls before this day, "
                    "YYYY-MM-DD (other kinds: next inspection or test)");
    cmd->add_option("--date", a->date, "As of this date, YYYY-MM-DD (default: today)");
    cmd->add_option("--kinds", a->kinds,
                    "Kinds to label, comma-separated (default: extinguisher): extinguisher, "
                    "hydrant, light, sign, detector")
        ->delimiter(',')
        ->check(CLI::IsMember({"extinguisher", "hydrant", "light", "sign", "detector"}));
    auto* html = cmd->add_option("--html", a->html, "Write the sheet as HTML to this file");
    auto* pdf = cmd->add_option("--pdf", a->pdf,
                                "Write the sheet as PDF to this file (needs chromium on PATH)");
    html->excludes(pdf);
    cmd->add_option("--pdf-timeout", a->pdfTimeoutS, "Seconds to wait for Chromium")
        ->check(finiteIn(1, 3600))
        ->capture_default_str();
    cmd->add_option("--rules", a->rulesFile, "Rules profile file for every building");
}

} // namespace muster::cli
