// Trajectories for PedPy (muster/replay.hpp, docs/format.md "Trajectories for PedPy").
#include <cmath>
#include <cstdio>

#include "muster/replay.hpp"

namespace muster {

namespace {

// A file name from a floor id taken from a replay (untrusted: docs/security.md): letters,
// digits, '-', '_', '.' and UTF-8 sequences (bytes >= 0x80, never '/' or a control byte) are
// kept, anything else becomes '_'; at most 60 bytes, cut at a character boundary. The floor's
// index in front keeps names unique and never starting with a dot.
std::string fileNameFor(std::size_t k, const std::string& id) {
    std::string name;
    for (std::size_t i = 0; i < id.size(); ++i) {
        const auto c = static_cast<unsigned char>(id[i]);
        const bool keep = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
                          (c >= 'a' && c <= 'z') || c == '-' || c == '_' || c == '.' || c >= 0x80;
        name += keep ? static_cast<char>(c) : '_';
    }
    std::size_t cut = std::min<std::size_t>(name.size(), 60);
    while (cut > 0 && cut < name.size() && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80)
        --cut; // not inside a UTF-8 sequence
    return std::to_string(k) + "_" + name.substr(0, cut) + ".txt";
}

} // namespace

bool pedpyTrajectories(ReplayReader& r, std::vector<PedpyFile>& out, std::string& error) {
    const ReplayHeader& h = r.header();
    out.clear();
    const double dt = h.frameIntervalS;
    const double t0 = r.frameCount() > 0 ? r.frameTime(0) : 0.0;
    char line[160];
    std::snprintf(line, sizeof line, "# framerate: %.6g\n", 1.0 / dt);
    const std::string rate = line;
    std::snprintf(line, sizeof line,
                  "# frame 0 is t = %.3f s on the run's clock (s since ignition; without a "
                  "drill, since the alarm)\n",
                  t0);
    const std::string clock = line;
    for (std::size_t k = 0; k < h.floors.size(); ++k) {
        PedpyFile f;
        f.floorId = h.floors[k].id;
        f.fileName = fileNameFor(k, f.floorId);
        std::string shown = f.floorId; // a comment line: no line break from the replay
        for (char& c : shown)
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
                c = '_';
        f.text = "# Muster trajectories, floor " + shown + ", seed " + std::to_string(h.seed) +
                 "\n" + rate + "# x/m y/m z/m: coordinates in metres in the floor's frame\n" +
                 clock + "# id frame x/m y/m z/m\n";
        out.push_back(std::move(f));
    }
    Frame fr;
    long long last = -1;
    std::string skipped;
    for (std::size_t i = 0; i < r.frameCount(); ++i) {
        const double t = r.frameTime(i);
        const double pos = (t - t0) / dt;
        const long long n = std::llround(pos);
        if (std::abs(pos - static_cast<double>(n)) > 1e-3 || n <= last) {
            std::snprintf(line, sizeof line, "%s%.3f", skipped.empty() ? "" : ", ", t);
            skipped += line;
            continue;
        }
        if (!r.readFrame(i, fr)) {
            error = "frame " + std::to_string(i) + ": " + r.frameError();
            return false;
        }
        last = n;
        for (std::size_t id = 0; id < fr.agents.size(); ++id) {
            const AgentSample& a = fr.agents[id];
            if (a.floor < 0 || static_cast<std::size_t>(a.floor) >= out.size())
                continue;
            std::snprintf(line, sizeof line, "%zu %lld %.4f %.4f 0\n", id, n, a.x, a.y);
            out[static_cast<std::size_t>(a.floor)].text += line;
            out[static_cast<std::size_t>(a.floor)].rows++;
        }
    }
    if (!skipped.empty())
        for (auto& f : out)
            f.text += "# left out, off the frame grid: the frames at t = " + skipped + " s\n";
    return true;
}

} // namespace muster
