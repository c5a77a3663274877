#pragma once
// Progress of a long step on stderr. On a terminal: one bar, redrawn in place. Elsewhere (CI
// logs, pipes): one line per 10 % ("replications: 30 % (9/30)"), so a log shows life without
// filling up. `quiet` (--quiet) prints nothing. Not thread-safe: callers serialise update().
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <string>

namespace muster::cli {

class Progress {
public:
    // `total` units of work (replications, seconds of simulated time...); `unit` is printed
    // after the counts ("s" -> "(540/1800 s)").
    Progress(std::string label, long total, bool quiet = false, std::string unit = {})
        : m_label(std::move(label)), m_unit(std::move(unit)), m_total(total), m_quiet(quiet),
          m_tty(isatty(2) != 0) {}

    // `done` units so far (it may arrive out of order from workers: the largest counts);
    // `detail` follows the counts ("120/252 out").
    void update(long done, const std::string& detail = {}) {
        if (m_quiet || m_total <= 0)
            return;
        m_done = std::max(m_done, std::min(done, m_total));
        const int pct = static_cast<int>(100 * m_done / m_total);
        if (!m_tty) {
            if (pct / 10 * 10 <= m_decile)
                return;
            m_decile = pct / 10 * 10;
            std::fprintf(stderr, "%s: %d %% (%s)\n", m_label.c_str(), m_decile,
                         counts(detail).c_str());
            std::fflush(stderr);
            return;
        }
        if (pct == m_last && ++m_skips < 50)
            return;
        m_skips = 0;
        m_last = pct;
        const int width = 30;
        const int filled = width * pct / 100;
        std::fprintf(stderr, "\r%s [%s%s] %3d%%  %s\033[K", m_label.c_str(),
                     std::string(static_cast<size_t>(filled), '#').c_str(),
                     std::string(static_cast<size_t>(width - filled), '.').c_str(), pct,
                     counts(detail).c_str());
        std::fflush(stderr);
    }

    // A literal 0 would silently become std::string(nullptr) and throw.
    void update(long done, std::nullptr_t) = delete;

    // The step is over (it may end before `total`, as a run that empties the building before
    // max_time_s does): ends the bar, or says so in one line.
    void done(const std::string& detail = {}) {
        if (m_quiet || m_total <= 0)
            return;
        if (m_tty)
            std::fprintf(stderr, "\n");
        else if (m_decile < 100)
            std::fprintf(stderr, "%s: done (%s)\n", m_label.c_str(), counts(detail).c_str());
        std::fflush(stderr);
    }

    // One line about a step that has no measure of its own ("writing the report ...").
    static void note(bool quiet, const std::string& text) {
        if (!quiet)
            std::fprintf(stderr, "%s\n", text.c_str());
    }

private:
    std::string counts(const std::string& detail) const {
        std::string s = std::to_string(m_done) + "/" + std::to_string(m_total);
        if (!m_unit.empty())
            s += " " + m_unit;
        return detail.empty() ? s : s + "; " + detail;
    }

    std::string m_label, m_unit;
    long m_total;
    bool m_quiet, m_tty;
    long m_done = 0;
    int m_last = -1;  // percent last drawn (terminal)
    int m_decile = 0; // multiple of 10 % last printed (log)
    int m_skips = 0;
};

} // namespace muster::cli
