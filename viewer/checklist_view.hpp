#pragma once
// The checklist panel's item part, drawn with ImGui (app.cpp draws the rest of the panel): the
// selected item's details and checks to tick, and the panel's last message. State lives in
// ChecklistPanel (checklist_panel.hpp); nothing here judges an item.
#include <imgui.h>

#include "viewer/checklist_panel.hpp"

namespace muster::viewer {

// The colour of an item's state in the list: done green, failed red, overdue orange, partly
// done amber, to do grey.
ImVec4 stateColour(ItemState s);
// "12 / 40 done, 1 failed, 2 overdue, route 310 m" and a progress bar for a floor's list.
void floorProgress(const ChecklistPanel& cl, const ChecklistFloor& f);
// Details of the selected item, one row per check (pass / fail, the gauge zone or a reading,
// why a pass is refused), the note, and All pass / Clear / Record.
void selectedItemView(ChecklistPanel& cl, const ChecklistItem& it);
// What the last record, reload or scan said, coloured by whether it was an error.
void panelMessage(const ChecklistPanel& cl);

} // namespace muster::viewer
