// The interactive viewer: the map drawn by Renderer, panels through Dear ImGui.
#include "viewer/app.hpp"

#include <imgui.h>

#include <SFML/Graphics.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <future>
#include <iostream>

#include "muster/safe_write.hpp"
#include "viewer/checklist_panel.hpp"
#include "viewer/checklist_view.hpp"
#include "viewer/imgui_bridge.hpp"
#include "viewer/renderer.hpp"
#include "viewer/session.hpp"

namespace muster::viewer {

namespace {

constexpr float kLeftPanel = 300.0f;
constexpr float kBottomBar = 92.0f;
constexpr float kRightPanel = 440.0f; // the checklist panel

const char* kHelp = "Mouse\n"
                    "  drag             pan\n"
                    "  wheel            zoom at the cursor\n"
                    "  click a person   show details and follow\n"
                    "Keys\n"
                    "  Space            play / pause\n"
                    "  , .              step one frame back / forward\n"
                    "  - = (or [ ])     slower / faster (0.25x .. 64x)\n"
                    "  Left / Right     jump 10 s (Shift: 60 s)\n"
                    "  Home / End       start / end of the run\n"
                    "  PageUp/PageDown  floor above / below\n"
                    "  O                all floors side by side\n"
                    "  F                fit the view\n"
                    "  H                heat map: off / live / peak\n"
                    "  T                trails      E  equipment\n"
                    "  L                room names  C  colour by state / profile\n"
                    "  G                legend      Esc  stop following\n"
                    "  U                coverage (uncovered class A areas)\n"
                    "  K                checklist panel (click an item: centre the map on it;\n"
                    "                   scan a label or type a unit id + Enter to go to it)\n"
                    "  F1               this help\n";

struct AppState {
    ViewOptions opt;
    Playback play;
    Camera cam;
    bool follow = false;
    bool help = false;
    bool checklist = true; // the checklist panel on the right (single-floor views)
    bool dragging = false;
    bool dragMoved = false;
    sf::Vector2i dragStart, dragLast;
    double lastPeakT = -1.0;
    std::string fontWarning;
    char scan[256] = {}; // the checklist panel's "scan / go to unit" field
    std::string scanNote;
    bool scanError = false;
    bool scrollToSelection = false; // the list scrolls to a unit selected by scan
};

int busiestFloor(Session& s) {
    const Frame *a, *b;
    float al;
    if (!s.framesAt(0, a, b, al))
        return 0;
    const FrameCounts c = countFrame(s.scene(), *a);
    int best = 0;
    for (std::size_t i = 0; i < c.insidePerFloor.size(); ++i)
        if (c.insidePerFloor[i] > c.insidePerFloor[std::size_t(best)])
            best = int(i);
    return best;
}

// The right panel is shown for single floors only (the overview has no single checklist).
void updateInsets(AppState& st) {
    st.opt.insetRight = st.checklist && st.opt.floor >= 0 ? kRightPanel : 0.0f;
}

Insets mapInsets(const AppState& st) {
    return {kLeftPanel, st.opt.insetRight, 90.0f, kBottomBar + 30.0f};
}

void fitView(AppState& st, const Renderer& r) {
    updateInsets(st);
    const Insets in = mapInsets(st);
    st.cam.fit(r.viewBounds(st.opt.floor), 24.0f, in.left, in.right, in.top, in.bottom);
}

void setFloor(AppState& st, const Renderer& r, int floor, int floorCount) {
    st.opt.floor = std::clamp(floor, -1, floorCount - 1);
    fitView(st, r);
}

std::string floorLabel(const Scene& s, int i) {
    const auto& f = s.floors[std::size_t(i)];
    return f.floor ? f.floor->id + "  " + f.floor->name : s.header.floors[std::size_t(i)].id;
}

void timelineBar(AppState& st, Session& s, const std::vector<SimEvent>& events, float width,
                 float height) {
    ImGui::SetNextWindowPos(ImVec2(0, height - kBottomBar));
    ImGui::SetNextWindowSize(ImVec2(width, kBottomBar));
    ImGui::Begin("##timeline", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings);
    if (ImGui::Button(st.play.playing() ? "Pause" : " Play ", ImVec2(64, 0)))
        st.play.togglePlay();
    ImGui::SameLine();
    if (ImGui::Button("<", ImVec2(26, 0)))
        st.play.step(-1, s.frameInterval());
    ImGui::SameLine();
    if (ImGui::Button(">", ImVec2(26, 0)))
        st.play.step(1, s.frameInterval());
    ImGui::SameLine();
    ImGui::SetNextItemWidth(90);
    char speed[16];
    std::snprintf(speed, sizeof speed, "%gx", st.play.speed());
    if (ImGui::BeginCombo("##speed", speed)) {
        for (int i = 0; i < int(std::size(kSpeeds)); ++i) {
            char l[16];
            std::snprintf(l, sizeof l, "%gx", kSpeeds[i]);
            if (ImGui::Selectable(l, i == st.play.speedIndex()))
                st.play.setSpeedIndex(i);
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::Text("%s / %s", formatClock(st.play.time()).c_str(),
                formatClock(st.play.duration()).c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("   %s", s.source().status().c_str());

    // The track: a bar, event markers, the played part and a handle; click or drag to scrub.
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const float x0 = p0.x + 8, x1 = width - 16, y = p0.y + 18;
    ImGui::InvisibleButton("##track", ImVec2(width - 24, 34));
    if (ImGui::IsItemActive())
        st.play.seek(xToTime(ImGui::GetIO().MousePos.x, st.play.duration(), x0, x1));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(x0, y - 3), ImVec2(x1, y + 3), IM_COL32(73, 80, 87, 255), 3);
    const float xt = float(timeToX(st.play.time(), st.play.duration(), x0, x1));
    dl->AddRectFilled(ImVec2(x0, y - 3), ImVec2(xt, y + 3), IM_COL32(25, 113, 194, 255), 3);
    int hovered = -1;
    for (std::size_t i = 0; i < events.size(); ++i) {
        const auto& e = events[i];
        if (!isMarkerEvent(e.kind))
            continue;
        const float x = float(timeToX(e.t, st.play.duration(), x0, x1));
        ImU32 col = IM_COL32(250, 176, 5, 255);
        if (e.kind == EventKind::Alarm || e.kind == EventKind::FireStart)
            col = IM_COL32(240, 62, 62, 255);
        if (e.kind == EventKind::FloorCleared || e.kind == EventKind::CompartmentCleared)
            col = IM_COL32(64, 192, 87, 255);
        if (e.kind == EventKind::LastPersonOut)
            col = IM_COL32(255, 255, 255, 255);
        dl->AddTriangleFilled(ImVec2(x - 5, y - 15), ImVec2(x + 5, y - 15), ImVec2(x, y - 6), col);
        const ImVec2 m = ImGui::GetIO().MousePos;
        if (std::abs(m.x - x) < 5 && m.y > y - 17 && m.y < y + 8)
            hovered = int(i);
    }
    dl->AddCircleFilled(ImVec2(xt, y), 7, IM_COL32(248, 249, 250, 255));
    if (hovered >= 0)
        ImGui::SetTooltip("%s", describeEvent(events[std::size_t(hovered)]).c_str());
    ImGui::End();
}

void sidePanel(AppState& st, Session& s, Renderer& r, const Frame& a, const Frame* b, float alpha,
               const std::vector<SimEvent>& events, float height) {
    Scene& scene = s.scene();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(kLeftPanel, height - kBottomBar));
    ImGui::Begin("##side", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings);
    ImGui::TextWrapped("%s", scene.title.c_str());
    ImGui::TextDisabled("%s", s.live() ? "live run" : s.source().header().scenarioPath.c_str());
    if (!st.fontWarning.empty())
        ImGui::TextColored(ImVec4(1, 0.7f, 0.2f, 1), "%s", st.fontWarning.c_str());
    ImGui::Separator();

    const FrameCounts c = countFrame(scene, a);
    ImGui::Text("Inside %d   On stairs %d   Out %d", c.inside, c.onStairs, c.out);
    if (c.stuck)
        ImGui::TextColored(ImVec4(1, 0.35f, 0.35f, 1), "Stuck %d", c.stuck);

    if (ImGui::CollapsingHeader("Floors", ImGuiTreeNodeFlags_DefaultOpen)) {
        ImGui::BeginChild("##floors",
                          ImVec2(0, std::min(220.0f, 22.0f * float(scene.floors.size() + 1) + 6)),
                          false);
        if (ImGui::Selectable("All floors (overview)", st.opt.floor < 0))
            setFloor(st, r, -1, int(scene.floors.size()));
        for (int i = int(scene.floors.size()) - 1; i >= 0; --i) {
            char line[256];
            std::snprintf(line, sizeof line, "%-5d %s", c.insidePerFloor[std::size_t(i)],
                          floorLabel(scene, i).c_str());
            if (ImGui::Selectable(line, st.opt.floor == i))
                setFloor(st, r, i, int(scene.floors.size()));
        }
        ImGui::EndChild();
    }
    if (ImGui::CollapsingHeader("Overlays", ImGuiTreeNodeFlags_DefaultOpen)) {
        int heat = int(st.opt.heat);
        ImGui::Text("Density");
        ImGui::SameLine();
        ImGui::RadioButton("off", &heat, 0);
        ImGui::SameLine();
        ImGui::RadioButton("live", &heat, 1);
        ImGui::SameLine();
        ImGui::RadioButton("peak", &heat, 2);
        if (heat != int(st.opt.heat)) {
            st.opt.heat = HeatMode(heat);
            st.lastPeakT = -1;
        }
        int colour = int(st.opt.colour);
        ImGui::Text("Colour by");
        ImGui::SameLine();
        ImGui::RadioButton("state", &colour, 0);
        ImGui::SameLine();
        ImGui::RadioButton("profile", &colour, 1);
        st.opt.colour = ColourMode(colour);
        ImGui::Checkbox("Trails", &st.opt.trails);
        ImGui::SameLine();
        ImGui::Checkbox("Equipment", &st.opt.equipment);
        ImGui::SameLine();
        ImGui::Checkbox("Smoke", &st.opt.smoke);
        ImGui::Checkbox("Room names", &st.opt.labels);
        ImGui::SameLine();
        ImGui::Checkbox("Legend", &st.opt.legend);
        ImGui::Checkbox("Compartments", &st.opt.compartments);
        ImGui::SameLine();
        ImGui::Checkbox("Assembly points", &st.opt.assembly);
        ImGui::Checkbox("Coverage (uncovered class A)", &st.opt.coverage);
        if (st.opt.coverage && st.opt.floor >= 0) {
            if (const FloorCoverage* fc =
                    r.coverage(st.opt.floor, st.opt.today, st.opt.coverageCellM)) {
                if (const ClassCoverage* cc = fc->find(FireClass::A)) {
                    ImGui::TextDisabled("  %.1f %% covered", cc->total.percent());
                    ImGui::TextDisabled("  %.1f m² uncovered in %d region%s", cc->total.uncoveredM2,
                                        int(cc->regions.size()),
                                        cc->regions.size() == 1 ? "" : "s");
                    if (cc->total.uncoveredM2 > 0) {
                        if (!std::isfinite(cc->total.worstDistanceM))
                            ImGui::TextDisabled("  worst point: no valid unit reachable");
                        else
                            ImGui::TextDisabled("  worst point %.1f m from a unit",
                                                cc->total.worstDistanceM);
                    }
                    ImGui::TextDisabled("  as of %s, %.1f m cells (%.0f ms)",
                                        st.opt.today.str().c_str(), fc->cellM, r.lastCoverageMs());
                }
            } else {
                ImGui::TextColored(ImVec4(1, 0.7f, 0.2f, 1), "  %s", r.coverageProblem().c_str());
            }
        }
    }
    if (st.opt.selected >= 0 && std::size_t(st.opt.selected) < scene.header.agents.size()) {
        if (ImGui::CollapsingHeader("Person", ImGuiTreeNodeFlags_DefaultOpen)) {
            const AgentInfo& info = scene.header.agents[std::size_t(st.opt.selected)];
            const AgentSample& smp = a.agents[std::size_t(st.opt.selected)];
            ImGui::Text("#%u  %s", info.id, info.profile.c_str());
            if (!info.group.empty())
                ImGui::Text("group  %s", info.group.c_str());
            ImGui::Text("from   %s", info.originRoom.c_str());
            ImGui::Text("state  %s%s", toString(smp.state), smp.flags & 1 ? ", in smoke" : "");
            if (smp.floor >= 0 && std::size_t(smp.floor) < scene.floors.size())
                ImGui::Text("floor  %s  (%.1f, %.1f) m",
                            scene.header.floors[std::size_t(smp.floor)].id.c_str(), smp.x, smp.y);
            ImGui::Text("speed  %.2f m/s", smp.speed);
            if (info.device != DeviceKind::None)
                ImGui::Text("%s %.1f x %.1f m", info.device == DeviceKind::Bed ? "bed" : "chair",
                            info.deviceLengthM, info.deviceWidthM);
            ImGui::Checkbox("Follow", &st.follow);
            ImGui::SameLine();
            if (ImGui::Button("Release")) {
                st.opt.selected = -1;
                st.follow = false;
            }
        }
    }
    (void)b;
    (void)alpha;
    if (st.opt.floor >= 0 && st.opt.equipment &&
        ImGui::CollapsingHeader("Equipment on this floor")) {
        const auto& icons = r.equipment(st.opt.floor, st.opt.today);
        ImGui::BeginChild("##equip", ImVec2(0, 160), false);
        for (const auto& ic : icons) {
            const sf::Color col = itemColour(ic.status);
            ImGui::ColorButton("##c", ImVec4(col.r / 255.f, col.g / 255.f, col.b / 255.f, 1),
                               ImGuiColorEditFlags_NoTooltip, ImVec2(10, 10));
            ImGui::SameLine();
            char line[256];
            std::snprintf(line, sizeof line, "%s  %s##%s", ic.id.c_str(), statusLabel(ic.status),
                          ic.id.c_str());
            if (ImGui::Selectable(line)) {
                st.follow = false;
                const Insets in = mapInsets(st);
                st.cam.centreOn(ic.at, 30.0, in.left, in.right, in.top, in.bottom);
            }
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("%s: %s", ic.kind.c_str(), ic.why.c_str());
        }
        ImGui::EndChild();
    }
    if (ImGui::CollapsingHeader("Events", ImGuiTreeNodeFlags_DefaultOpen)) {
        ImGui::BeginChild("##events", ImVec2(0, 0), false);
        for (const auto& e : events) {
            const bool past = e.t <= st.play.time();
            if (!past)
                ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.55f, 0.58f, 0.62f, 1));
            if (ImGui::Selectable(describeEvent(e).c_str()))
                st.play.seek(e.t);
            if (!past)
                ImGui::PopStyleColor();
        }
        ImGui::EndChild();
    }
    ImGui::End();
}

// A scanned label (or a typed id, or --item): show the unit's floor and select it on the
// checklist (ChecklistPanel::scan); the outcome is the line under the panel's scan field.
ChecklistPanel::ScanResult goToUnit(AppState& st, ChecklistPanel& cl, const Scene& scene,
                                    const Renderer& renderer, const std::string& payload) {
    ChecklistPanel::ScanResult r = cl.scan(payload);
    st.scanNote = r.message;
    st.scanError = r.error;
    if (!r.floor.empty() && scene.floorIndex(r.floor) >= 0) {
        st.follow = false;
        setFloor(st, renderer, scene.floorIndex(r.floor), int(scene.floors.size()));
        if (r.index >= 0) {
            cl.select(r.floor, r.index, st.cam, mapInsets(st));
            st.scrollToSelection = true;
        }
    }
    return r;
}

// The checklist panel (issue 6 item 6): the current floor's monthly checklist, the selected
// item's checks to tick, and recording into the inspection log.
void checklistPanel(AppState& st, ChecklistPanel& cl, const Scene& scene, const Renderer& renderer,
                    float width, float height) {
    ImGui::SetNextWindowPos(ImVec2(width - kRightPanel, 0));
    ImGui::SetNextWindowSize(ImVec2(kRightPanel, height - kBottomBar));
    ImGui::Begin("##checklist", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings);
    const SceneFloor& sf = scene.floors[std::size_t(st.opt.floor)];
    const std::string floorId =
        sf.floor ? sf.floor->id : scene.header.floors[std::size_t(st.opt.floor)].id;
    ImGui::Text("Checklist %s", cl.month().str().c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("%s  (K hides)", floorId.c_str());
    if (!cl.ready()) {
        ImGui::TextDisabled("computing the checklist ...");
        ImGui::End();
        return;
    }
    const ChecklistFloor* f = cl.floor(floorId);
    // Log, inspector and date.
    if (const InspectionRecorder* rec = cl.recorder()) {
        ImGui::TextDisabled("log");
        ImGui::SameLine();
        ImGui::TextWrapped("%s", rec->logPath().c_str());
        if (ImGui::Button("Reload"))
            cl.reloadLog();
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Read the log again (after someone else edited it)");
        ImGui::SameLine();
    } else {
        ImGui::TextColored(ImVec4(0.99f, 0.75f, 0.3f, 1),
                           "read-only: start with --log FILE to record");
    }
    ImGui::SetNextItemWidth(150);
    char name[128];
    std::snprintf(name, sizeof name, "%s", cl.inspector.c_str());
    if (ImGui::InputTextWithHint("##inspector", "inspector's name", name, sizeof name))
        cl.inspector = name;
    ImGui::SameLine();
    ImGui::TextDisabled("date %s", cl.today().str().c_str());
    // A label's QR code read by a scanner (it types the id and Enter) or an id typed by hand:
    // show its floor and select it.
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputTextWithHint("##scan", "scan / go to unit (id + Enter)", st.scan,
                                 sizeof st.scan, ImGuiInputTextFlags_EnterReturnsTrue)) {
        goToUnit(st, cl, scene, renderer, st.scan);
        st.scan[0] = '\0';
        ImGui::SetKeyboardFocusHere(-1); // ready for the next scan
    }
    if (!st.scanNote.empty())
        ImGui::TextColored(st.scanError ? ImVec4(1, 0.45f, 0.45f, 1)
                                        : ImVec4(0.55f, 0.85f, 0.6f, 1),
                           "%s", st.scanNote.c_str());
    if (!f || f->items.empty()) {
        ImGui::Separator();
        ImGui::TextWrapped("No checklist items on this floor%s.",
                           cl.compliance() && !cl.compliance()->haveRules ? " (no rules profile)"
                                                                          : "");
        if (!cl.message().empty())
            ImGui::TextWrapped("%s", cl.message().c_str());
        ImGui::End();
        return;
    }
    floorProgress(cl, *f);

    // The list, in walking-route order.
    const float rowH = ImGui::GetTextLineHeightWithSpacing() + 2.0f;
    const float listH = std::min(std::max(120.0f, (height - kBottomBar) * 0.42f),
                                 rowH * float(f->items.size() + 1) + 6.0f);
    const ImGuiTableFlags tf = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                               ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit;
    if (ImGui::BeginTable("##items", 5, tf, ImVec2(0, listH))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("#");
        ImGui::TableSetupColumn("item");
        ImGui::TableSetupColumn("room", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("by");
        ImGui::TableSetupColumn("state", ImGuiTableColumnFlags_WidthFixed, 84.0f);
        ImGui::TableHeadersRow();
        for (std::size_t i = 0; i < f->items.size(); ++i) {
            const ChecklistItem& it = f->items[i];
            const ItemState s = cl.state(it);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            char label[160];
            std::snprintf(label, sizeof label, "%zu##row%zu", i + 1, i);
            const bool sel = cl.selectedFloor() == floorId && cl.selectedIndex() == int(i);
            if (sel && st.scrollToSelection) {
                ImGui::SetScrollHereY(0.5f);
                st.scrollToSelection = false;
            }
            if (ImGui::Selectable(label, sel, ImGuiSelectableFlags_SpanAllColumns)) {
                st.follow = false;
                cl.select(floorId, int(i), st.cam, mapInsets(st));
            }
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("%s %s\n%s%s%s", it.kind.c_str(), it.id.c_str(),
                                  it.roomName.c_str(), it.notes.empty() ? "" : "\n",
                                  it.notes.c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%s%s", it.id.c_str(), it.keyLocation ? " *" : "");
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(it.roomName.empty() ? it.room.c_str() : it.roomName.c_str());
            ImGui::TableNextColumn();
            if (s == ItemState::Overdue)
                ImGui::TextColored(stateColour(s), "%s", it.inspectBy.str().c_str() + 5);
            else
                ImGui::TextDisabled("%s", it.inspectBy.str().c_str() + 5);
            ImGui::TableNextColumn();
            ImGui::TextColored(stateColour(s), "%s", toString(s));
        }
        ImGui::EndTable();
    }
    ImGui::TextDisabled("* key location (GB 50444 / profile key_location_kinds)");
    ImGui::Separator();

    // The selected item: details, its checks to tick, record.
    const ChecklistItem* it = cl.selectedFloor() == floorId ? cl.selectedItem() : nullptr;
    if (!it) {
        ImGui::TextDisabled("Select an item to centre the map on it and record its checks.");
    } else {
        selectedItemView(cl, *it);
    }
    panelMessage(cl);
    ImGui::End();
}

} // namespace

int runViewer(const ViewRequest& req) {
    Diagnostics diags;
    auto session = Session::open(req.input, diags);
    for (const auto& d : diags.all())
        std::cerr << formatDiagnostic(d) << '\n';
    if (!session)
        return 1;
    Scene& scene = session->scene();
    if (scene.floors.empty()) {
        std::cerr << "error: nothing to draw: the run has no floors\n";
        return 1;
    }

    sf::ContextSettings cs;
    cs.antialiasingLevel = 4;
    sf::RenderWindow window(sf::VideoMode(req.width, req.height),
                            sf::String::fromUtf8(scene.title.begin(), scene.title.end()),
                            sf::Style::Default, cs);
    window.setVerticalSyncEnabled(true);
    const std::string fontPath = req.font.empty() ? MUSTER_DEFAULT_FONT : req.font;
    Renderer renderer;
    AppState st;
    std::string err;
    if (!renderer.loadFont(fontPath, err)) {
        std::cerr << "warning: " << err << '\n';
        st.fontWarning = "No font: text is not drawn (see terminal)";
    }
    renderer.setScene(scene);
    std::string guiWarning;
    std::string panelText = scene.title; // every character the panels may show, for the font atlas
    for (const auto& b : scene.project.buildings) {
        panelText += b.name;
        for (const auto& f : b.floors) {
            panelText += f.name;
            for (const auto& r : f.rooms)
                panelText += r.name + r.department;
        }
    }
    {
        Diagnostics rd;
        for (const auto& [id, prof] : loadRules(scene.project, rd))
            for (const auto& [kind, checks] : prof.checklist)
                for (const auto& c : checks)
                    panelText += c.text;
    }
    gui::init(window, fontPath, guiWarning, panelText);
    if (!guiWarning.empty())
        std::cerr << "warning: " << guiWarning << '\n';

    st.opt.today = req.today;
    st.opt.coverage = req.coverage;
    st.opt.insetLeft = kLeftPanel;
    st.opt.insetBottom = kBottomBar;
    st.cam.setViewport(float(req.width), float(req.height));
    int first = req.floor.empty() ? busiestFloor(*session) : scene.floorIndex(req.floor);
    if (first < 0) {
        std::cerr << "warning: no floor '" << req.floor << "'; showing the first\n";
        first = 0;
    }
    setFloor(st, renderer, first, int(scene.floors.size()));

    // The checklist of the month of `today` for every floor, computed off the drawing thread
    // (route planning takes a while on a large campus); the panel says so until it is ready.
    ChecklistPanel checklist(scene.project, req.today, req.logPath, req.createLog);
    checklist.reloadLog();
    ComplianceRequest creq;
    creq.coverage = false; // the coverage overlay computes its floors itself (Renderer::coverage)
    std::future<ComplianceData> pending =
        std::async(std::launch::async, [&scene, today = req.today, creq] {
            return computeCompliance(scene.project, today, creq);
        });
    bool itemPending = !req.item.empty();
    session->sync();
    st.play.setDuration(session->duration());
    if (session->live())
        st.play.play();
    st.play.seek(req.seekS);
    if (req.heat == "live")
        st.opt.heat = HeatMode::Live;
    if (req.heat == "peak")
        st.opt.heat = HeatMode::Peak;
    int framesDrawn = 0;

    sf::Clock clock;
    const int nf = int(scene.floors.size());
    while (window.isOpen()) {
        const float dt = clock.restart().asSeconds();
        session->sync();
        st.play.setDuration(session->duration());
        const Frame *a = nullptr, *b = nullptr;
        float alpha = 0.0f;
        session->framesAt(st.play.time(), a, b, alpha);

        sf::Event e;
        while (window.pollEvent(e)) {
            gui::processEvent(e);
            if (e.type == sf::Event::Closed)
                window.close();
            if (e.type == sf::Event::Resized) {
                st.cam.setViewport(float(e.size.width), float(e.size.height));
            }
            if (e.type == sf::Event::MouseWheelScrolled && !gui::wantsMouse()) {
                st.cam.zoomAt({float(e.mouseWheelScroll.x), float(e.mouseWheelScroll.y)},
                              std::pow(1.15, double(e.mouseWheelScroll.delta)));
            }
            if (e.type == sf::Event::MouseButtonPressed &&
                e.mouseButton.button == sf::Mouse::Left && !gui::wantsMouse()) {
                st.dragging = true;
                st.dragMoved = false;
                st.dragStart = st.dragLast = {e.mouseButton.x, e.mouseButton.y};
            }
            if (e.type == sf::Event::MouseMoved && st.dragging) {
                const sf::Vector2i p{e.mouseMove.x, e.mouseMove.y};
                if (std::abs(p.x - st.dragStart.x) + std::abs(p.y - st.dragStart.y) > 4)
                    st.dragMoved = true;
                if (st.dragMoved) {
                    st.cam.pan(sf::Vector2f(p - st.dragLast));
                    st.follow = false;
                }
                st.dragLast = p;
            }
            if (e.type == sf::Event::MouseButtonReleased &&
                e.mouseButton.button == sf::Mouse::Left && st.dragging) {
                st.dragging = false;
                if (!st.dragMoved && a) {
                    const int hit = renderer.pick(st.cam, *a, b, alpha, st.opt.floor,
                                                  {float(e.mouseButton.x), float(e.mouseButton.y)});
                    st.opt.selected = hit;
                    st.follow = hit >= 0;
                }
            }
            if (e.type == sf::Event::KeyPressed && !gui::wantsKeyboard()) {
                const double jump = e.key.shift ? 60.0 : 10.0;
                switch (e.key.code) {
                case sf::Keyboard::Space:
                    st.play.togglePlay();
                    break;
                case sf::Keyboard::Comma:
                    st.play.step(-1, session->frameInterval());
                    break;
                case sf::Keyboard::Period:
                    st.play.step(1, session->frameInterval());
                    break;
                case sf::Keyboard::Hyphen:
                case sf::Keyboard::Subtract:
                case sf::Keyboard::LBracket:
                    st.play.slower();
                    break;
                case sf::Keyboard::Equal:
                case sf::Keyboard::Add:
                case sf::Keyboard::RBracket:
                    st.play.faster();
                    break;
                case sf::Keyboard::Left:
                    st.play.seek(st.play.time() - jump);
                    break;
                case sf::Keyboard::Right:
                    st.play.seek(st.play.time() + jump);
                    break;
                case sf::Keyboard::Home:
                    st.play.seek(0);
                    break;
                case sf::Keyboard::End:
                    st.play.seek(st.play.duration());
                    break;
                case sf::Keyboard::PageUp:
                    setFloor(st, renderer,
                             st.opt.floor < 0 ? 0 : std::min(nf - 1, st.opt.floor + 1), nf);
                    break;
                case sf::Keyboard::PageDown:
                    setFloor(st, renderer, st.opt.floor < 0 ? 0 : std::max(0, st.opt.floor - 1),
                             nf);
                    break;
                case sf::Keyboard::O:
                    setFloor(st, renderer, -1, nf);
                    break;
                case sf::Keyboard::F:
                    fitView(st, renderer);
                    st.follow = false;
                    break;
                case sf::Keyboard::H:
                    st.opt.heat = HeatMode((int(st.opt.heat) + 1) % 3);
                    st.lastPeakT = -1;
                    break;
                case sf::Keyboard::T:
                    st.opt.trails = !st.opt.trails;
                    break;
                case sf::Keyboard::E:
                    st.opt.equipment = !st.opt.equipment;
                    break;
                case sf::Keyboard::L:
                    st.opt.labels = !st.opt.labels;
                    break;
                case sf::Keyboard::G:
                    st.opt.legend = !st.opt.legend;
                    break;
                case sf::Keyboard::C:
                    st.opt.colour = st.opt.colour == ColourMode::State ? ColourMode::Profile
                                                                       : ColourMode::State;
                    break;
                case sf::Keyboard::Escape:
                    st.opt.selected = -1;
                    st.follow = false;
                    st.help = false;
                    break;
                case sf::Keyboard::U:
                    st.opt.coverage = !st.opt.coverage;
                    break;
                case sf::Keyboard::K:
                    st.checklist = !st.checklist;
                    updateInsets(st);
                    break;
                case sf::Keyboard::F1:
                    st.help = !st.help;
                    break;
                default:
                    break;
                }
            }
        }

        if (pending.valid() &&
            pending.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
            checklist.setCompliance(pending.get());
            if (itemPending) { // --item: show its floor and select it
                itemPending = false;
                if (goToUnit(st, checklist, scene, renderer, req.item).index < 0)
                    std::cerr << "warning: no checklist item '" << req.item << "' this month\n";
            }
        }
        st.play.advance(dt, session->source().finished());
        if (!session->framesAt(st.play.time(), a, b, alpha))
            continue;
        // Peak density: accumulate forwards at 1 s steps; rebuild from the start after a jump back.
        if (st.opt.heat == HeatMode::Peak) {
            if (st.play.time() < st.lastPeakT)
                st.lastPeakT = -1;
            if (st.lastPeakT < 0)
                renderer.resetPeak();
            for (double t = st.lastPeakT < 0 ? 0.0 : st.lastPeakT + 1.0; t <= st.play.time();
                 t += 1.0) {
                const Frame *pa, *pb;
                float pal;
                if (session->framesAt(t, pa, pb, pal))
                    renderer.accumulatePeakFrom(*pa);
                st.lastPeakT = t;
            }
            session->framesAt(st.play.time(), a, b, alpha);
        }
        if (st.follow && st.opt.selected >= 0) {
            int f = -1;
            if (auto p = agentPosition(*a, b, alpha, std::size_t(st.opt.selected), &f)) {
                if (st.opt.floor >= 0 && f != st.opt.floor)
                    st.opt.floor = f; // follow down the stairs
                st.cam.setCenter(st.opt.floor < 0 ? *p + scene.floors[std::size_t(f)].overviewOffset
                                                  : *p);
            }
        }
        std::vector<const Frame*> hist;
        if (st.opt.trails) {
            hist = session->history(st.play.time(), 1.0, 20);
            session->framesAt(st.play.time(), a, b, alpha);
        }
        st.opt.hudLines.clear();
        updateInsets(st);
        st.opt.mark.reset();
        if (st.opt.floor >= 0 && scene.floors[std::size_t(st.opt.floor)].floor)
            if (const ChecklistItem* it = checklist.selectedItem();
                it &&
                checklist.selectedFloor() == scene.floors[std::size_t(st.opt.floor)].floor->id)
                st.opt.mark = it->at;
        renderer.draw(window, st.cam, *a, b, alpha, st.opt, st.opt.trails ? &hist : nullptr);

        gui::newFrame(window, dt);
        const auto ws = window.getSize();
        const auto events = session->source().events();
        sidePanel(st, *session, renderer, *a, b, alpha, events, float(ws.y));
        timelineBar(st, *session, events, float(ws.x), float(ws.y));
        if (st.opt.insetRight > 0)
            checklistPanel(st, checklist, scene, renderer, float(ws.x), float(ws.y));
        if (st.help) {
            ImGui::SetNextWindowPos(ImVec2(float(ws.x) * 0.5f, float(ws.y) * 0.45f),
                                    ImGuiCond_Always, ImVec2(0.5f, 0.5f));
            ImGui::Begin("Keyboard and mouse (F1 to close)", &st.help,
                         ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse);
            ImGui::TextUnformatted(kHelp);
            ImGui::End();
        } else {
            ImGui::SetNextWindowPos(ImVec2(kLeftPanel + 10, float(ws.y) - kBottomBar - 30));
            ImGui::Begin("##hint", nullptr,
                         ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoInputs |
                             ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoBackground);
            ImGui::TextDisabled("F1 help");
            ImGui::End();
        }
        gui::render(window);
        // Screenshots wait for the checklist (and a requested item) so the panel is in the picture.
        if (!req.screenshot.empty() && (checklist.ready() || !pending.valid()) && !itemPending &&
            ++framesDrawn == 20) {
            sf::Texture shot;
            shot.create(ws.x, ws.y);
            shot.update(window);
            std::string shotErr; // an atomic write (muster/safe_write.hpp), a link replaced
            if (!writeFileVia(
                    req.screenshot, WriteOptions{LinkPolicy::ReplaceLink, false},
                    [&](const std::string& tmp) { return shot.copyToImage().saveToFile(tmp); },
                    shotErr))
                std::cerr << "error: cannot write " << req.screenshot << ": " << shotErr << '\n';
            window.close();
        }
        window.display();
    }
    gui::shutdown();
    return 0;
}

} // namespace muster::viewer
