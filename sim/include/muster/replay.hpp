#pragma once
// The replay file: versioned, chunked, little-endian, self-contained. Format in
// docs/replay-format.md. Readers tolerate truncation: intact frames before the cut still play.
#include <array>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <iosfwd>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "muster/diagnostics.hpp"
#include "muster/frame.hpp"
#include "muster/safe_write.hpp"

namespace muster {

inline constexpr std::uint32_t kReplayVersion = 1;

struct ReplayFloorInfo {
    std::string id;
    std::string name;
    std::string building;
};

struct ReplayHeader {
    std::uint32_t version = kReplayVersion;
    std::uint64_t seed = 0;
    double timeStepS = 0.05;     // simulation step
    double frameIntervalS = 0.1; // time between recorded frames (>= 10 Hz)
    std::string scenarioPath;    // as given on the command line
    // Every input file (name relative to the scenario's folder, and its text), so the replay
    // opens alone. Names are checked on read (embeddedNameProblem); docs/security.md.
    std::vector<std::pair<std::string, std::string>> files;
    std::vector<ReplayFloorInfo> floors;
    std::vector<std::string> doorIds; // order of Frame::doorOpen
    std::vector<std::string> roomIds; // order of Frame::roomSmoke
    std::vector<AgentInfo> agents;
};

class ReplayWriter {
public:
    // Writes the header at once. False (and a diagnostic) if the file cannot be created.
    // Opening a writer that is already open finishes the previous file first.
    bool open(const std::string& path, const ReplayHeader& header, Diagnostics& diags);
    // Frames must come in non-decreasing time order (the index is searched by time).
    void writeFrame(const Frame& frame);
    void writeEvent(const SimEvent& event);
    // Debug builds assert that frames come in time order; tests that craft a damaged replay
    // (a frame going back in time, a NaN time) switch the assertion off. Release builds write
    // what they are given either way; the reader rejects such frames.
    void setTimeOrderCheck(bool on) { m_checkTimeOrder = on; }
    // Writes the frame index and the end marker, then closes. Idempotent. False if any write
    // failed (disk full, ...) or the writer was never opened.
    bool finish();
    ~ReplayWriter();

    [[nodiscard]] bool isOpen() const { return m_open; }
    [[nodiscard]] std::uint64_t bytesWritten() const { return m_offset; }

private:
    void writeChunkBuffer(); // m_buf -> file, advancing m_offset

    AtomicFile m_out; // temp file beside the target, renamed over it by finish()
    std::string m_path;
    std::vector<std::pair<double, std::uint64_t>> m_index; // frame time, file offset
    std::vector<std::uint64_t> m_eventOffsets;
    std::vector<std::uint8_t> m_buf;           // one chunk, reused (no allocation per frame)
    std::vector<std::uint64_t> m_paletteSlots; // open addressing: key << 32 | (palette index + 1)
    std::vector<std::uint32_t> m_palette;      // status keys in order of first appearance
    std::vector<std::uint32_t> m_codes;        // palette index per agent
    std::uint64_t m_offset = 0;                // bytes written so far = next chunk's offset
    bool m_open = false;
    bool m_failed = false;
    bool m_lastFinishOk = false;
    bool m_checkTimeOrder = true;
};

class ReplayReader {
public:
    // Reads the header and the frame index (or rebuilds it by scanning when the file was cut
    // short). nullopt-like false with a diagnostic if the file is not a replay at all.
    // A file without an intact end marker opens (true) with a warning; complete() is false.
    bool open(const std::string& path, Diagnostics& diags);
    [[nodiscard]] const ReplayHeader& header() const { return m_header; }
    // Frames in the index: every intact-looking frame that moves forward in time. A frame going
    // back in time (or with a time that is not a finite number) is left out and reported.
    [[nodiscard]] size_t frameCount() const { return m_index.size(); }
    [[nodiscard]] double frameTime(size_t i) const { return m_index[i].first; }
    [[nodiscard]] double duration() const { return m_index.empty() ? 0.0 : m_index.back().first; }
    // Reads frame i (0-based). False if it is damaged or i is out of range; out is then
    // unspecified and frameError() says what is wrong. Every field is range-checked against
    // the header (counts, floor indices, states, door states, smoke levels, the time).
    bool readFrame(size_t i, Frame& out);
    [[nodiscard]] const std::string& frameError() const { return m_frameError; }
    // Index of the last frame with time <= t (0 if t is before the first).
    [[nodiscard]] size_t frameAt(double t) const;
    [[nodiscard]] const std::vector<SimEvent>& events() const { return m_events; }
    [[nodiscard]] bool complete() const { return m_complete; } // end marker found

    [[nodiscard]] const std::string& path() const { return m_path; }
    [[nodiscard]] std::uint64_t fileSize() const { return m_fileSize; }
    [[nodiscard]] std::uint64_t frameOffset(size_t i) const { return m_index[i].second; }
    // When !complete(): the byte offset where reading stopped and why ("chunk FRAM at byte
    // 81234 is cut short ..."). Empty when complete().
    [[nodiscard]] std::uint64_t stopOffset() const { return m_stopOffset; }
    [[nodiscard]] const std::string& stopReason() const { return m_stopReason; }
    // What open() found wrong but read past: frames left out of the index (going back in
    // time), damaged events. One line each; open() also reported them as warnings.
    [[nodiscard]] const std::vector<std::string>& problems() const { return m_problems; }

private:
    bool readAt(std::uint64_t offset, std::uint8_t* dst, std::size_t n);
    // Reads the chunk at offset into m_buf (payload only). Empty string on success, otherwise
    // what is wrong with it. tagOut receives the tag when at least the chunk header was read.
    std::string readChunk(std::uint64_t offset, std::array<std::uint8_t, 4>& tagOut,
                          std::uint64_t limit);
    bool readHeader(Diagnostics& diags, std::uint64_t& headEnd);
    bool useIndex(std::uint64_t headEnd);
    void scanChunks(std::uint64_t headEnd);
    bool keepFrameTime(double t, std::uint64_t offset);

    std::ifstream m_in;
    std::string m_path;
    std::uint64_t m_fileSize = 0;
    ReplayHeader m_header;
    std::vector<std::pair<double, std::uint64_t>> m_index;
    std::vector<SimEvent> m_events;
    std::vector<std::uint8_t> m_buf; // one chunk payload, reused
    std::uint64_t m_stopOffset = 0;
    std::string m_stopReason;
    std::string m_frameError;
    std::vector<std::string> m_problems;
    bool m_complete = false;
};

// `muster replay-info --check`: every problem of a replay, one line each (frames left out,
// damaged frames with why, damaged events, a missing end marker, embedded file names that
// would be refused). Reads every frame once. Empty: the replay is whole.
struct ReplayCheck {
    std::vector<std::size_t> damagedFrames; // indexed but unreadable
    std::vector<std::string> frameProblems; // per damaged frame: which, and why
    std::vector<std::string> nameProblems;  // embedded file names a viewer refuses
    std::vector<std::string> openProblems;  // what open() reported: frames left out, damaged
                                            // events, no intact end marker
    [[nodiscard]] bool ok() const {
        return frameProblems.empty() && nameProblems.empty() && openProblems.empty();
    }
    [[nodiscard]] std::size_t count() const {
        return frameProblems.size() + nameProblems.size() + openProblems.size();
    }
};
ReplayCheck checkReplay(ReplayReader& r);

// ---- Embedded input files (docs/security.md)

// Why an embedded file name is refused, or "" when it is acceptable: a relative, normal path
// (no empty, "." or ".." parts after a name; ".." only in front, for a file beside the
// scenario's folder), at most 1024 bytes, without NUL or control characters. A replay's files
// are loaded from memory (loadProjectFromMemory), never written to disk.
[[nodiscard]] std::string embeddedNameProblem(const std::string& name);

// The project's files (as loaded: paths on disk) named relative to the scenario's folder, as a
// replay embeds them. The scenario comes first, named by its file name.
[[nodiscard]] std::vector<std::pair<std::string, std::string>>
embeddedFileNames(const std::vector<std::pair<std::string, std::string>>& files,
                  const std::string& scenarioPath);

// The folder whose files a replay embeds without asking: the top of the git work tree that
// holds the scenario (the nearest folder above it with a `.git`), else the scenario's own folder.
[[nodiscard]] std::string projectFolder(const std::string& scenarioPath);

// What `muster run` / `muster drill` embed: files outside projectFolder() (symbolic links
// resolved) are kept only with embedOutside; either way they are listed in `outside`.
struct EmbedSelection {
    std::string projectDir;
    std::vector<std::string> outside; // embedded names of the files outside projectDir
    bool outsideEmbedded = false;     // true: kept (--embed-outside); false: left out
};
EmbedSelection selectEmbeddedFiles(ReplayHeader& header, const std::string& scenarioPath,
                                   bool embedOutside);

// `muster replay-info`: a human-readable dump (json == false) or one JSON object (json == true)
// of the header, the frames, the events and whether the file is complete. Reads every frame
// once to count the intact ones.
// `check` is the result of checkReplay(r) when the caller has it already (else it is computed).
void printReplayInfo(ReplayReader& r, std::ostream& out, bool json,
                     const ReplayCheck* check = nullptr);

} // namespace muster

namespace muster {

// Trajectories in PedPy's text format (PedPy's load_trajectory_from_txt; docs/format.md,
// "Trajectories for PedPy"): one file per floor, comment lines first (framerate, units, the
// clock of frame 0), then "id frame x y z" per person and frame, whitespace-separated, metres.
// Frames are the replay's at its frame interval; a frame off that grid (a run's last one,
// between two frame times) is left out and named in a comment. A person is written on a
// floor's file for the frames they are on that floor.
struct PedpyFile {
    std::string floorId;
    std::string fileName; // safe: "<k>_<floor id's letters, digits, - _ . and UTF-8>.txt"
    std::string text;
    std::size_t rows = 0;
};
// False (with the reason in `error`) if a frame cannot be read.
bool pedpyTrajectories(ReplayReader& r, std::vector<PedpyFile>& out, std::string& error);

} // namespace muster
