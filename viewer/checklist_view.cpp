#include "viewer/checklist_view.hpp"

#include <cstdio>

namespace muster::viewer {

ImVec4 stateColour(ItemState s) {
    switch (s) {
    case ItemState::Done:
        return ImVec4(0.25f, 0.75f, 0.34f, 1); // green
    case ItemState::Failed:
        return ImVec4(0.94f, 0.24f, 0.24f, 1); // red
    case ItemState::Overdue:
        return ImVec4(0.99f, 0.49f, 0.08f, 1); // orange
    case ItemState::Partial:
        return ImVec4(0.98f, 0.69f, 0.02f, 1); // amber
    case ItemState::ToDo:
        break;
    }
    return ImVec4(0.68f, 0.71f, 0.74f, 1); // grey
}

void floorProgress(const ChecklistPanel& cl, const ChecklistFloor& f) {
    const auto pr = cl.progress(f);
    ImGui::Text("%d / %d done", pr.done, pr.total);
    ImGui::SameLine();
    if (pr.failed) {
        ImGui::TextColored(stateColour(ItemState::Failed), " %d failed", pr.failed);
        ImGui::SameLine();
    }
    if (pr.overdue) {
        ImGui::TextColored(stateColour(ItemState::Overdue), " %d overdue", pr.overdue);
        ImGui::SameLine();
    }
    ImGui::TextDisabled(" route %.0f m", f.routeM);
    ImGui::ProgressBar(pr.total ? float(pr.done + pr.failed) / float(pr.total) : 0.0f,
                       ImVec2(-1, 4), "");
}

void selectedItemView(ChecklistPanel& cl, const ChecklistItem& it) {
    ImGui::Text("%s", it.id.c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("%s%s", it.kind.c_str(),
                        it.round ? (it.round == 1 ? ", round 1 (by the 15th)" : ", round 2") : "");
    if (it.keyLocation) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(0.99f, 0.49f, 0.08f, 1), "KEY LOCATION");
    }
    ImGui::TextWrapped("%s%s%s", it.roomName.empty() ? it.room.c_str() : it.roomName.c_str(),
                       it.department.empty() ? "" : " / ", it.department.c_str());
    ImGui::TextDisabled("inspect by %s", it.inspectBy.str().c_str());
    if (it.lifeEnd) {
        ImGui::SameLine();
        ImGui::TextDisabled(" life ends %s", it.lifeEnd->str().c_str());
    }
    if (it.maintenanceDue && it.notes.find("maintenance") == std::string::npos)
        ImGui::TextDisabled("maintenance due %s", it.maintenanceDue->str().c_str());
    if (!it.notes.empty())
        ImGui::TextColored(ImVec4(0.99f, 0.49f, 0.08f, 1), "%s", it.notes.c_str());
    ItemDraft& d = cl.draft(it);
    ImGui::BeginChild("##checks", ImVec2(0, -ImGui::GetFrameHeightWithSpacing() * 3.2f), false);
    for (std::size_t k = 0; k < it.checks.size(); ++k) {
        ImGui::PushID(int(k));
        auto& c = d.checks[k];
        ImGui::TextWrapped("%s", it.checks[k].text.c_str());
        if (const std::string no = cl.passRefusal(it, k); !no.empty())
            ImGui::TextColored(ImVec4(0.9f, 0.2f, 0.2f, 1), "pass refused: %s", no.c_str());
        int r = int(c.result);
        ImGui::RadioButton("-", &r, int(CheckResult::None));
        ImGui::SameLine();
        ImGui::RadioButton("pass", &r, int(CheckResult::Pass));
        ImGui::SameLine();
        ImGui::RadioButton("fail", &r, int(CheckResult::Fail));
        c.result = CheckResult(r);
        ImGui::SameLine();
        ImGui::SetNextItemWidth(-1);
        if (isGaugeCheck(it.checks[k].text)) {
            if (ImGui::BeginCombo("##zone", c.reading.empty() ? "gauge zone" : c.reading.c_str())) {
                for (const char* z : kGaugeZones)
                    if (ImGui::Selectable(z, c.reading == z))
                        cl.setGaugeZone(it, k, z);
                ImGui::EndCombo();
            }
        } else {
            char reading[128];
            std::snprintf(reading, sizeof reading, "%s", c.reading.c_str());
            if (ImGui::InputTextWithHint("##reading", "reading", reading, sizeof reading))
                c.reading = reading;
        }
        ImGui::PopID();
    }
    ImGui::EndChild();
    char note[256];
    std::snprintf(note, sizeof note, "%s", d.note.c_str());
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputTextWithHint("##note", "note", note, sizeof note))
        d.note = note;
    if (ImGui::Button("All pass")) {
        cl.allPass(it); // never ticks a pass the unit's status contradicts
    }
    ImGui::SameLine();
    if (ImGui::Button("Clear"))
        d = ItemDraft::forItem(it);
    ImGui::SameLine();
    const bool can = cl.canRecord();
    if (!can)
        ImGui::BeginDisabled();
    if (ImGui::Button("Record", ImVec2(-1, 0)))
        cl.recordSelected();
    if (!can)
        ImGui::EndDisabled();
}

void panelMessage(const ChecklistPanel& cl) {
    if (!cl.message().empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, cl.messageIsError() ? ImVec4(1, 0.45f, 0.45f, 1)
                                                                 : ImVec4(0.55f, 0.85f, 0.6f, 1));
        ImGui::TextWrapped("%s", cl.message().c_str());
        ImGui::PopStyleColor();
    }
}

} // namespace muster::viewer
