// Fuzz harness: opening a replay (.mrpl) as `muster replay-info --check` and the viewer do: the
// header, the index, every frame, the events, the info dump (text and JSON), then the embedded
// project loaded from memory when its names are acceptable. Before the bytes are written to
// the harness's private scratch file, every chunk whose length fits gets its CRC recomputed,
// so mutations reach the decoders instead of stopping at the checksum (the reader's CRC check
// itself is covered by the unit tests).
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <vector>

#include "fuzz_support.hpp"
#include "muster/diagnostics.hpp"
#include "muster/loader.hpp"
#include "muster/replay.hpp"
#include "replay/replay_chunks.hpp"

namespace {

void fixChunkCrcs(std::vector<std::uint8_t>& b) {
    using namespace muster::replayfmt;
    std::size_t at = kFileHeaderSize;
    while (at + kChunkOverhead <= b.size()) {
        const std::uint64_t len = getU32(b.data() + at + 4);
        if (len > b.size() - at - kChunkOverhead)
            return; // cut short: left as it is
        const std::size_t crcAt = at + kChunkHeaderSize + static_cast<std::size_t>(len);
        putU32(b.data() + crcAt, chunkCrc(b.data() + at, b.data() + at + kChunkHeaderSize, len));
        at = crcAt + 4;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::vector<std::uint8_t> bytes(data, data + size);
    fixChunkCrcs(bytes);
    const std::string path = muster::fuzz::writeScratch("input.mrpl", bytes.data(), bytes.size());

    muster::Diagnostics diags;
    muster::ReplayReader reader;
    if (!reader.open(path, diags))
        return 0;
    const muster::ReplayCheck check = muster::checkReplay(reader);
    std::ostringstream text, json;
    muster::printReplayInfo(reader, text, false, &check);
    muster::printReplayInfo(reader, json, true, &check);
    muster::Frame frame;
    if (reader.frameCount() > 0)
        (void)reader.readFrame(reader.frameAt(reader.duration() / 2), frame);

    const auto& files = reader.header().files;
    for (const auto& f : files)
        if (!muster::embeddedNameProblem(f.first).empty())
            return 0; // the viewer refuses such a replay's project
    if (!files.empty()) {
        muster::Diagnostics loadDiags;
        (void)muster::loadProjectFromMemory(files, loadDiags);
    }
    return 0;
}
