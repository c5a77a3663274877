#pragma once
// The state behind the checklist panel (issue 6 item 6), without ImGui: the current floor's
// monthly checklist (ComplianceData), each item's state from the inspection log, the drafts the
// inspector is filling in, the selection (which centres the map on the item) and recording
// through InspectionRecorder. app.cpp only draws widgets over this.
#include <map>
#include <optional>
#include <string>

#include "viewer/camera.hpp"
#include "viewer/compliance.hpp"
#include "viewer/inspection.hpp"

namespace muster::viewer {

// What the panel shows per item for the month of `today` (items of half-monthly zones: per
// round).
enum class ItemState {
    ToDo,    // nothing recorded yet, not yet late
    Partial, // some checks recorded
    Done,    // every check recorded, none failed
    Failed,  // some check's latest result is a fail
    Overdue, // not done and today is after the item's inspect-by date
};
const char* toString(ItemState s);

// Gauge checks ("压力表绿区 gauge in the green") take the zone the needle is in as the reading.
// Extinguisher gauges (GB 4351.1-2005 §6.8) show green (charged), red (under-charged) and
// yellow (over-charged); only green passes.
bool isGaugeCheck(const std::string& check);
inline constexpr const char* kGaugeZones[] = {"green", "red", "yellow"};
CheckResult resultForGaugeZone(const std::string& zone);

// Pixels of the window covered by panels: the map's free area is what is left.
struct Insets {
    float left = 0, right = 0, top = 0, bottom = 0;
};

class ChecklistPanel {
public:
    // `logPath` "" = no log: the checklist is shown but nothing can be recorded.
    // A log that does not exist is refused (a typo is not an empty log) unless `createLog`.
    ChecklistPanel(const Project& project, Date today, std::string logPath, bool createLog = false);

    // The compliance data arrives when computed (off the drawing thread in the window).
    void setCompliance(ComplianceData data);
    [[nodiscard]] bool ready() const { return m_data.has_value(); }
    [[nodiscard]] const ComplianceData* compliance() const { return m_data ? &*m_data : nullptr; }
    [[nodiscard]] const ChecklistFloor* floor(const std::string& floorId) const;
    [[nodiscard]] Date today() const { return m_today; }
    [[nodiscard]] YearMonth month() const { return {m_today.year, m_today.month}; }

    // (Re)reads the log; the message says what was read or why it could not be.
    bool reloadLog();
    [[nodiscard]] bool hasLog() const { return m_recorder.has_value(); }
    [[nodiscard]] bool canRecord() const { return m_recorder && m_recorder->loaded(); }
    [[nodiscard]] const InspectionRecorder* recorder() const {
        return m_recorder ? &*m_recorder : nullptr;
    }

    [[nodiscard]] ItemState state(const ChecklistItem& item) const;
    struct Progress {
        int total = 0, done = 0, failed = 0, overdue = 0;
    };
    [[nodiscard]] Progress progress(const ChecklistFloor& f) const;

    // The inspector's draft for an item (kept per item and round until recorded).
    ItemDraft& draft(const ChecklistItem& item);
    // "All pass": every check of the item passes, except those a pass would contradict (the
    // item's status from the checks, passContradiction): those stay unticked. Returns why, one
    // line per check left out ("" when none), also kept in message().
    std::string allPass(const ChecklistItem& item);
    // Why a pass of check `k` of the item would be refused ("" when it would not).
    [[nodiscard]] std::string passRefusal(const ChecklistItem& item, std::size_t k) const;
    // Sets a gauge check's zone and the result it implies.
    void setGaugeZone(const ChecklistItem& item, std::size_t check, const std::string& zone);

    // Selects item `index` of the floor's list and centres the camera on it in the free area,
    // zoomed in to at least kFocusPixelsPerMetre. nullptr (selection cleared) for a bad index.
    const ChecklistItem* select(const std::string& floorId, int index, Camera& cam,
                                const Insets& insets);
    // Finds an item by id on any floor: its floor and index.
    [[nodiscard]] std::optional<std::pair<std::string, int>> find(const std::string& itemId) const;
    // What the panel's "scan / go to unit" field found for a scanner's payload (or a typed id):
    // the id (parseScanPayload, muster/labels.hpp), the floor findItem puts it on ("" = no such
    // unit in the project) and its index in that floor's checklist this month (-1 = not on it),
    // with a line for the panel: "no such unit: ID" when findItem knows no unit of that id.
    struct ScanResult {
        std::string id, floor;
        int index = -1;
        std::string message;
        bool error = true;
    };
    [[nodiscard]] ScanResult scan(const std::string& payload) const;
    [[nodiscard]] const ChecklistItem* selectedItem() const;
    [[nodiscard]] const std::string& selectedFloor() const { return m_selFloor; }
    [[nodiscard]] int selectedIndex() const { return m_selIndex; }
    void clearSelection();

    // Records the selected item's draft as of today(); the draft is cleared when it was written.
    // The outcome's message is kept in message().
    RecordOutcome recordSelected();

    std::string inspector;
    [[nodiscard]] const std::string& message() const { return m_message; }
    [[nodiscard]] bool messageIsError() const { return m_messageError; }

    static constexpr double kFocusPixelsPerMetre = 30.0;

private:
    static std::string key(const ChecklistItem& item) {
        return item.id + "#" + std::to_string(item.round);
    }
    const Project& m_project;
    Date m_today;
    std::optional<ComplianceData> m_data;
    std::optional<InspectionRecorder> m_recorder;
    std::map<std::string, ItemDraft> m_drafts;
    std::string m_selFloor;
    int m_selIndex = -1;
    std::string m_message;
    bool m_messageError = false;
};

} // namespace muster::viewer
