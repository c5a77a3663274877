// Fuzz harness: the safety office's CSV records, the inspection log and the hazard register,
// read as `muster inspect` reads them, and a filled-in checklist parsed as rows. Beyond "no
// crash", it checks that nothing is lost: every line of a log is kept, and a register written
// back (hazardRegisterText) reads again to the same items and malformed lines.
#include <cstddef>
#include <cstdint>
#include <algorithm>
#include <cstdlib>
#include <string>

#include "fuzz_support.hpp"
#include "muster/diagnostics.hpp"
#include "muster/hazard_register.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const std::size_t end = std::min(text.find('\n', pos), text.size());
        (void)muster::splitCsvLine(text.substr(pos, end - pos));
        pos = end + 1;
    }
    {
        muster::Diagnostics d;
        (void)muster::parseInspectionRows("checklist.csv", text, d);
    }
    {
        const std::string path = muster::fuzz::writeScratch("inspections.csv", data, size);
        muster::Diagnostics d;
        if (auto log = muster::loadInspectionLog(path, d)) {
            // Appending nothing and reading the result again gives the same lines and entries.
            const std::string again = muster::appendedLogText(*log, {});
            const std::string path2 = muster::fuzz::writeScratch(
                "inspections2.csv", reinterpret_cast<const std::uint8_t*>(again.data()),
                again.size());
            muster::Diagnostics d2;
            const auto back = muster::loadInspectionLog(path2, d2);
            if (!back || back->entries.size() != log->entries.size() ||
                (!log->lines.empty() && back->lines != log->lines))
                std::abort(); // rewriting the log lost or changed lines
        }
    }
    {
        const std::string path = muster::fuzz::writeScratch("hazards.csv", data, size);
        muster::Diagnostics d;
        if (auto reg = muster::loadHazardRegister(path, d)) {
            const std::string saved = muster::hazardRegisterText(*reg);
            const std::string path2 = muster::fuzz::writeScratch(
                "hazards2.csv", reinterpret_cast<const std::uint8_t*>(saved.data()), saved.size());
            muster::Diagnostics d2;
            const auto back = muster::loadHazardRegister(path2, d2);
            if (!back || back->items.size() != reg->items.size() ||
                back->malformed.size() != reg->malformed.size())
                std::abort(); // writing the register back lost or changed records
        }
    }
    return 0;
}
