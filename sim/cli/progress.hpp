#pragma once
// A progress bar on stderr when it is a terminal; silent otherwise (CI logs, pipes).
#include <unistd.h>

#include <cstdio>
#include <string>

namespace muster::cli {

class Progress {
public:
    Progress(std::string label, long total)
        : m_label(std::move(label)), m_total(total), m_tty(isatty(2) != 0) {}
    void update(long done, double simTimeS) {
        if (!m_tty || m_total <= 0)
            return;
        const int pct = static_cast<int>(100 * done / m_total);
        if (pct == m_last && ++m_skips < 50)
            return;
        m_skips = 0;
        m_last = pct;
        const int width = 30;
        const int filled = width * pct / 100;
        std::fprintf(stderr, "\r%s [%s%s] %3d%%  %ld/%ld  t=%.0f s", m_label.c_str(),
                     std::string(static_cast<size_t>(filled), '#').c_str(),
                     std::string(static_cast<size_t>(width - filled), '.').c_str(), pct, done,
                     m_total, simTimeS);
        std::fflush(stderr);
    }
    void done() {
        if (m_tty)
            std::fprintf(stderr, "\n");
    }

private:
    std::string m_label;
    long m_total;
    bool m_tty;
    int m_last = -1;
    int m_skips = 0;
};

} // namespace muster::cli
