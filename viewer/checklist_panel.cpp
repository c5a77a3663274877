#include "viewer/checklist_panel.hpp"

#include <algorithm>
#include <cctype>

#include "muster/labels.hpp"
#include "muster/ownership.hpp"

namespace muster::viewer {

const char* toString(ItemState s) {
    switch (s) {
    case ItemState::ToDo:
        return "to do";
    case ItemState::Partial:
        return "partly done";
    case ItemState::Done:
        return "done";
    case ItemState::Failed:
        return "failed";
    case ItemState::Overdue:
        return "overdue";
    }
    return "?";
}

bool isGaugeCheck(const std::string& check) {
    std::string lower = check;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return lower.find("gauge") != std::string::npos || check.find("压力表") != std::string::npos;
}

CheckResult resultForGaugeZone(const std::string& zone) {
    if (zone.empty())
        return CheckResult::None;
    return zone == "green" ? CheckResult::Pass : CheckResult::Fail;
}

ChecklistPanel::ChecklistPanel(const Project& project, Date today, std::string logPath,
                               bool createLog)
    : m_project(project), m_today(today) {
    if (!logPath.empty())
        m_recorder.emplace(project, std::move(logPath), "", createLog);
}

void ChecklistPanel::setCompliance(ComplianceData data) {
    m_data = std::move(data);
    if (!m_data->problem.empty()) {
        m_message = "No checklist: " + m_data->problem;
        m_messageError = true;
    }
}

const ChecklistFloor* ChecklistPanel::floor(const std::string& floorId) const {
    return m_data ? m_data->checklistOf(floorId) : nullptr;
}

bool ChecklistPanel::reloadLog() {
    if (!m_recorder) {
        m_message = "No inspection log: start the viewer with --log FILE to record results.";
        m_messageError = false;
        return false;
    }
    const bool ok = m_recorder->load(m_message);
    m_messageError = !ok;
    return ok;
}

ItemState ChecklistPanel::state(const ChecklistItem& item) const {
    const YearMonth m = month();
    if (m_recorder && m_recorder->loaded()) {
        if (m_recorder->failed(item, m))
            return ItemState::Failed;
        if (m_recorder->done(item, m))
            return ItemState::Done;
    }
    if (m_today > item.inspectBy)
        return ItemState::Overdue;
    if (m_recorder && !m_recorder->recordedFor(item, m).empty())
        return ItemState::Partial;
    return ItemState::ToDo;
}

ChecklistPanel::Progress ChecklistPanel::progress(const ChecklistFloor& f) const {
    Progress p;
    for (const auto& it : f.items) {
        ++p.total;
        switch (state(it)) {
        case ItemState::Done:
            ++p.done;
            break;
        case ItemState::Failed:
            ++p.failed;
            break;
        case ItemState::Overdue:
            ++p.overdue;
            break;
        default:
            break;
        }
    }
    return p;
}

ItemDraft& ChecklistPanel::draft(const ChecklistItem& item) {
    auto it = m_drafts.find(key(item));
    if (it == m_drafts.end() || it->second.checks.size() != item.checks.size())
        it = m_drafts.insert_or_assign(key(item), ItemDraft::forItem(item)).first;
    return it->second;
}

std::string ChecklistPanel::passRefusal(const ChecklistItem& item, std::size_t k) const {
    if (!m_data || k >= item.checks.size())
        return "";
    const ItemCheck* st = m_data->statusOf(item.id);
    return st ? passContradiction(item.checks[k], *st) : std::string();
}

std::string ChecklistPanel::allPass(const ChecklistItem& item) {
    ItemDraft& d = draft(item);
    std::string why;
    for (std::size_t k = 0; k < item.checks.size() && k < d.checks.size(); ++k) {
        if (std::string r = passRefusal(item, k); !r.empty()) {
            d.checks[k].result = CheckResult::None;
            why += (why.empty() ? "" : "\n") + item.checks[k].text + ": not ticked, " + r;
            continue;
        }
        if (isGaugeCheck(item.checks[k].text))
            setGaugeZone(item, k, "green");
        else
            d.checks[k].result = CheckResult::Pass;
    }
    if (!why.empty()) {
        m_message = why;
        m_messageError = true;
    }
    return why;
}

void ChecklistPanel::setGaugeZone(const ChecklistItem& item, std::size_t check,
                                  const std::string& zone) {
    ItemDraft& d = draft(item);
    if (check >= d.checks.size())
        return;
    d.checks[check].reading = zone;
    d.checks[check].result = resultForGaugeZone(zone);
}

const ChecklistItem* ChecklistPanel::select(const std::string& floorId, int index, Camera& cam,
                                            const Insets& in) {
    const ChecklistFloor* f = floor(floorId);
    if (!f || index < 0 || std::size_t(index) >= f->items.size()) {
        clearSelection();
        return nullptr;
    }
    m_selFloor = floorId;
    m_selIndex = index;
    const ChecklistItem& item = f->items[std::size_t(index)];
    cam.centreOn(item.at, kFocusPixelsPerMetre, in.left, in.right, in.top, in.bottom);
    return &item;
}

std::optional<std::pair<std::string, int>> ChecklistPanel::find(const std::string& itemId) const {
    if (!m_data)
        return std::nullopt;
    for (const auto& f : m_data->checklist.floors)
        for (std::size_t i = 0; i < f.items.size(); ++i)
            if (f.items[i].id == itemId)
                return std::make_pair(f.floor, int(i));
    return std::nullopt;
}

ChecklistPanel::ScanResult ChecklistPanel::scan(const std::string& payload) const {
    ScanResult r;
    r.id = parseScanPayload(payload);
    if (r.id.empty()) {
        r.message = "nothing scanned";
        return r;
    }
    const auto item = findItem(m_project, r.id);
    if (!item || !item->floor) {
        r.message = "no such unit: " + r.id;
        return r;
    }
    r.floor = item->floor->id;
    if (auto where = find(r.id)) {
        r.floor = where->first;
        r.index = where->second;
        r.message = r.id + " on " + r.floor;
        r.error = false;
    } else {
        r.message =
            r.id + " (" + item->kind + ", " + r.floor + ") is not on this month's checklist";
    }
    return r;
}

const ChecklistItem* ChecklistPanel::selectedItem() const {
    const ChecklistFloor* f = floor(m_selFloor);
    if (!f || m_selIndex < 0 || std::size_t(m_selIndex) >= f->items.size())
        return nullptr;
    return &f->items[std::size_t(m_selIndex)];
}

void ChecklistPanel::clearSelection() {
    m_selFloor.clear();
    m_selIndex = -1;
}

RecordOutcome ChecklistPanel::recordSelected() {
    RecordOutcome out;
    const ChecklistItem* item = selectedItem();
    if (!item) {
        out.message = "select an item first; nothing was written";
    } else if (!m_recorder) {
        out.message = "no inspection log: start the viewer with --log FILE; nothing was written";
    } else {
        out = m_recorder->record(*item, draft(*item), inspector, m_today);
        if (out.ok)
            m_drafts.erase(key(*item));
    }
    m_message = out.message;
    m_messageError = !out.ok;
    return out;
}

} // namespace muster::viewer
