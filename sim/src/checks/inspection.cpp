#include "muster/inspection.hpp"

#include <optional>

namespace muster {

namespace {

void append(Diagnostics& to, const Diagnostics& from) {
    for (const auto& x : from.all())
        to.add(x.severity, x.loc, x.keyPath, x.message);
}

} // namespace

InspectionRecord recordInspection(const Project& project, InspectionLog& log,
                                  const std::vector<InspectionEntry>& add,
                                  const std::string& registerPath, Diagnostics& diags) {
    InspectionRecord out;
    // The register is read before anything is written, so a register that cannot be read
    // stops the whole record. A pass never needs it.
    Diagnostics regDiags;
    std::optional<HazardRegister> reg;
    bool anyFail = false;
    for (const auto& e : add)
        anyFail |= e.result == "fail";
    if (anyFail) {
        reg = loadHazardRegister(registerPath, regDiags);
        if (!reg) {
            out.registerUnreadable = true;
            append(diags, regDiags);
            return out;
        }
        for (const auto& e : add)
            if (e.result == "fail") {
                const std::string id = openHazard(*reg, project, e);
                if (!id.empty())
                    out.hazardsOpened.push_back(id);
            }
    }

    Diagnostics writeDiags;
    if (!writeSnapshot(log.file, appendedLogText(log, add), writeDiags)) {
        out.logChangedOnDisk = true;
        for (const auto& x : writeDiags.all())
            if (x.message.find("changed on disk") == std::string::npos)
                out.logChangedOnDisk = false;
        out.hazardsOpened.clear(); // opened in memory only: nothing was written
        append(diags, writeDiags);
        append(diags, regDiags);
        return out;
    }
    out.logWritten = true;
    // writeSnapshot updated the snapshot to the text written; the lines and entries follow.
    if (log.lines.empty())
        log.lines.emplace_back(kInspectionLogHeader);
    for (InspectionEntry e : add) {
        log.lines.push_back(inspectionLine(e));
        e.line = static_cast<int>(log.lines.size());
        log.entries.push_back(std::move(e));
    }
    if (!out.hazardsOpened.empty())
        out.registerSaved = saveHazardRegister(*reg, diags);
    append(diags, regDiags);
    return out;
}

} // namespace muster
