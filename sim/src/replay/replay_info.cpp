// `muster replay-info`: what a replay file holds, and whether it is whole.
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>

#include "muster/replay.hpp"

namespace muster {

namespace {

std::string fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string general(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

std::string padded(const std::string& s, std::size_t width) {
    return s.size() >= width ? s : s + std::string(width - s.size(), ' ');
}

// Text from the file shown on a terminal: control characters (an escape sequence could
// rewrite the screen) as \xHH; UTF-8 passes through.
std::string shown(const std::string& s) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(s.size());
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7F) {
            out += "\\x";
            out += kHex[u >> 4];
            out += kHex[u & 0xF];
        } else {
            out += c;
        }
    }
    return out;
}

struct Summary {
    std::map<std::string, std::size_t> agentsByProfile; // sorted: deterministic output
    std::vector<std::size_t> damagedFrames;             // indexed but unreadable
};

Summary summarize(ReplayReader& r, const ReplayCheck* check) {
    Summary s;
    for (const AgentInfo& a : r.header().agents)
        ++s.agentsByProfile[a.profile];
    s.damagedFrames = check ? check->damagedFrames : checkReplay(r).damagedFrames;
    return s;
}

void printJson(ReplayReader& r, const Summary& s, std::ostream& out) {
    const ReplayHeader& h = r.header();
    nlohmann::ordered_json j;
    j["path"] = r.path();
    j["file_bytes"] = r.fileSize();
    j["version"] = h.version;
    j["seed"] = h.seed;
    j["scenario_path"] = h.scenarioPath;
    j["time_step_s"] = h.timeStepS;
    j["frame_interval_s"] = h.frameIntervalS;
    j["files"] = nlohmann::ordered_json::array();
    for (const auto& [path, text] : h.files)
        j["files"].push_back({{"path", path}, {"bytes", text.size()}});
    j["floors"] = nlohmann::ordered_json::array();
    for (const auto& f : h.floors)
        j["floors"].push_back({{"id", f.id}, {"name", f.name}, {"building", f.building}});
    j["door_count"] = h.doorIds.size();
    j["room_count"] = h.roomIds.size();
    j["agent_count"] = h.agents.size();
    j["agents_by_profile"] = nlohmann::ordered_json::object();
    for (const auto& [profile, count] : s.agentsByProfile)
        j["agents_by_profile"][profile] = count;
    j["frame_count"] = r.frameCount();
    j["first_frame_t_s"] = r.frameCount() > 0 ? r.frameTime(0) : 0.0;
    j["duration_s"] = r.duration();
    j["events"] = nlohmann::ordered_json::array();
    for (const SimEvent& e : r.events())
        j["events"].push_back(
            {{"t_s", e.t}, {"kind", toString(e.kind)}, {"subject", e.subject}, {"text", e.text}});
    j["complete"] = r.complete();
    j["intact_frames"] = r.frameCount() - s.damagedFrames.size();
    j["damaged_frames"] = s.damagedFrames;
    if (!r.complete()) {
        j["stop_offset"] = r.stopOffset();
        j["stop_reason"] = r.stopReason();
    }
    // Ids and paths come from user files and may not be valid UTF-8: replace, never throw.
    out << j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

void printHuman(ReplayReader& r, const Summary& s, std::ostream& out) {
    const ReplayHeader& h = r.header();
    constexpr std::size_t kLabel = 17;
    auto line = [&](const char* label, const std::string& value) {
        out << padded(std::string(label) + ':', kLabel) << value << '\n';
    };
    line("replay", shown(r.path()) + " (" + std::to_string(r.fileSize()) + " bytes)");
    line("format version", std::to_string(h.version));
    line("seed", std::to_string(h.seed));
    line("scenario", shown(h.scenarioPath));
    line("time step", general(h.timeStepS) + " s");
    line("frame interval", general(h.frameIntervalS) + " s");
    line("embedded files", std::to_string(h.files.size()));
    for (const auto& [path, text] : h.files)
        out << "  " << padded(shown(path), 40) << ' ' << text.size() << " bytes\n";
    line("floors", std::to_string(h.floors.size()));
    for (const auto& f : h.floors) {
        out << "  " << padded(shown(f.id), 10) << ' ' << shown(f.name);
        if (!f.building.empty())
            out << " (" << shown(f.building) << ')';
        out << '\n';
    }
    line("doors", std::to_string(h.doorIds.size()));
    line("rooms", std::to_string(h.roomIds.size()));
    line("agents", std::to_string(h.agents.size()));
    for (const auto& [profile, count] : s.agentsByProfile)
        out << "  " << padded(profile.empty() ? "(no profile)" : shown(profile), 20) << ' ' << count
            << '\n';
    line("frames", std::to_string(r.frameCount()));
    if (r.frameCount() > 0) {
        line("first frame", fixed(r.frameTime(0), 3) + " s");
        line("duration", fixed(r.duration(), 3) + " s");
    }
    line("events", std::to_string(r.events().size()));
    for (const SimEvent& e : r.events()) {
        out << "  " << padded(fixed(e.t, 2) + " s", 12) << ' ' << padded(toString(e.kind), 20);
        if (!e.subject.empty())
            out << ' ' << shown(e.subject);
        if (!e.text.empty())
            out << "  " << shown(e.text);
        out << '\n';
    }
    const std::size_t intact = r.frameCount() - s.damagedFrames.size();
    if (r.complete()) {
        line("status", "complete (end marker found), " + std::to_string(intact) + " of " +
                           std::to_string(r.frameCount()) + " frames intact");
    } else {
        line("status", "truncated (no intact end marker), " + std::to_string(intact) +
                           " intact frames; reading stopped at byte " +
                           std::to_string(r.stopOffset()) + ": " + shown(r.stopReason()));
    }
    if (!s.damagedFrames.empty()) {
        constexpr std::size_t kMaxListed = 20;
        std::string list;
        for (std::size_t k = 0; k < s.damagedFrames.size() && k < kMaxListed; ++k)
            list += (k > 0 ? ", " : "") + std::to_string(s.damagedFrames[k]);
        if (s.damagedFrames.size() > kMaxListed)
            list += ", ...";
        line("damaged frames", list);
    }
}

} // namespace

ReplayCheck checkReplay(ReplayReader& r) {
    ReplayCheck c;
    for (const auto& [name, text] : r.header().files)
        if (const std::string why = embeddedNameProblem(name); !why.empty())
            c.nameProblems.push_back("embedded file \"" + shown(name) +
                                     "\" would not be loaded: " + why);
    for (const std::string& p : r.problems())
        c.openProblems.push_back(shown(p));
    if (!r.complete())
        c.openProblems.push_back("the replay has no intact end marker; reading stopped at byte " +
                                 std::to_string(r.stopOffset()) + ": " + shown(r.stopReason()));
    Frame scratch;
    for (std::size_t i = 0; i < r.frameCount(); ++i) {
        if (!r.readFrame(i, scratch)) {
            c.damagedFrames.push_back(i);
            c.frameProblems.push_back("frame " + std::to_string(i) +
                                      " (t = " + fixed(r.frameTime(i), 3) +
                                      " s) is damaged: " + shown(r.frameError()));
        }
    }
    return c;
}

void printReplayInfo(ReplayReader& r, std::ostream& out, bool json, const ReplayCheck* check) {
    const Summary s = summarize(r, check);
    if (json) {
        printJson(r, s, out);
    } else {
        printHuman(r, s, out);
    }
}

} // namespace muster
