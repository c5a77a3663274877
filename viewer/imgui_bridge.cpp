#include "viewer/imgui_bridge.hpp"

#include <backends/imgui_impl_opengl2.h>
#include <imgui.h>

#include <cstdio>

namespace muster::viewer::gui {

void init(sf::RenderWindow& window, const std::string& fontPath, std::string& warning,
          const std::string& extraText) {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // no imgui.ini litter in the user's folder
    io.BackendPlatformName = "muster-sfml";
    io.KeyMap[ImGuiKey_Tab] = sf::Keyboard::Tab;
    io.KeyMap[ImGuiKey_LeftArrow] = sf::Keyboard::Left;
    io.KeyMap[ImGuiKey_RightArrow] = sf::Keyboard::Right;
    io.KeyMap[ImGuiKey_UpArrow] = sf::Keyboard::Up;
    io.KeyMap[ImGuiKey_DownArrow] = sf::Keyboard::Down;
    io.KeyMap[ImGuiKey_PageUp] = sf::Keyboard::PageUp;
    io.KeyMap[ImGuiKey_PageDown] = sf::Keyboard::PageDown;
    io.KeyMap[ImGuiKey_Home] = sf::Keyboard::Home;
    io.KeyMap[ImGuiKey_End] = sf::Keyboard::End;
    io.KeyMap[ImGuiKey_Delete] = sf::Keyboard::Delete;
    io.KeyMap[ImGuiKey_Backspace] = sf::Keyboard::BackSpace;
    io.KeyMap[ImGuiKey_Space] = sf::Keyboard::Space;
    io.KeyMap[ImGuiKey_Enter] = sf::Keyboard::Return;
    io.KeyMap[ImGuiKey_Escape] = sf::Keyboard::Escape;
    io.KeyMap[ImGuiKey_A] = sf::Keyboard::A;
    io.KeyMap[ImGuiKey_C] = sf::Keyboard::C;
    io.KeyMap[ImGuiKey_V] = sf::Keyboard::V;
    io.KeyMap[ImGuiKey_X] = sf::Keyboard::X;
    io.KeyMap[ImGuiKey_Y] = sf::Keyboard::Y;
    io.KeyMap[ImGuiKey_Z] = sf::Keyboard::Z;

    FILE* f = std::fopen(fontPath.c_str(), "rb");
    if (f) {
        std::fclose(f);
        ImFontConfig cfg;
        cfg.OversampleH = 1; // keeps the CJK atlas small
        // The ranges must outlive the atlas build (ImGui keeps the pointer).
        static ImVector<ImWchar> ranges;
        ranges.clear();
        ImFontGlyphRangesBuilder builder;
        builder.AddRanges(io.Fonts->GetGlyphRangesChineseSimplifiedCommon());
        if (!extraText.empty())
            builder.AddText(extraText.c_str(), extraText.c_str() + extraText.size());
        builder.BuildRanges(&ranges);
        if (!io.Fonts->AddFontFromFileTTF(fontPath.c_str(), 16.0f, &cfg, ranges.Data))
            warning = "cannot load " + fontPath + " for the panels; using ImGui's built-in font";
    } else {
        warning = "font " + fontPath + " not found; panels use ImGui's built-in font (no Chinese)";
    }
    ImGuiStyle& st = ImGui::GetStyle();
    ImGui::StyleColorsDark();
    st.WindowRounding = 4;
    st.FrameRounding = 3;
    st.GrabRounding = 3;
    st.WindowBorderSize = 0;
    st.Colors[ImGuiCol_WindowBg] = ImVec4(0.13f, 0.145f, 0.16f, 0.96f);
    st.Colors[ImGuiCol_Header] = ImVec4(0.10f, 0.44f, 0.76f, 0.55f);
    st.Colors[ImGuiCol_HeaderHovered] = ImVec4(0.10f, 0.44f, 0.76f, 0.80f);
    st.Colors[ImGuiCol_Button] = ImVec4(0.20f, 0.23f, 0.26f, 1.0f);
    st.Colors[ImGuiCol_ButtonHovered] = ImVec4(0.10f, 0.44f, 0.76f, 0.9f);
    st.Colors[ImGuiCol_SliderGrab] = ImVec4(0.10f, 0.44f, 0.76f, 1.0f);
    st.Colors[ImGuiCol_CheckMark] = ImVec4(0.30f, 0.65f, 1.0f, 1.0f);
    window.setActive(true);
    ImGui_ImplOpenGL2_Init();
}

void processEvent(const sf::Event& e) {
    ImGuiIO& io = ImGui::GetIO();
    switch (e.type) {
    case sf::Event::MouseMoved:
        io.MousePos = ImVec2(float(e.mouseMove.x), float(e.mouseMove.y));
        break;
    case sf::Event::MouseButtonPressed:
    case sf::Event::MouseButtonReleased: {
        const int b = e.mouseButton.button;
        if (b >= 0 && b < 5)
            io.MouseDown[b] = e.type == sf::Event::MouseButtonPressed;
        break;
    }
    case sf::Event::MouseWheelScrolled:
        if (e.mouseWheelScroll.wheel == sf::Mouse::VerticalWheel)
            io.MouseWheel += e.mouseWheelScroll.delta;
        else
            io.MouseWheelH += e.mouseWheelScroll.delta;
        break;
    case sf::Event::KeyPressed:
    case sf::Event::KeyReleased: {
        const int k = e.key.code;
        if (k >= 0 && k < 512)
            io.KeysDown[k] = e.type == sf::Event::KeyPressed;
        io.KeyCtrl = e.key.control;
        io.KeyShift = e.key.shift;
        io.KeyAlt = e.key.alt;
        io.KeySuper = e.key.system;
        break;
    }
    case sf::Event::TextEntered:
        if (e.text.unicode >= 32 && e.text.unicode != 127)
            io.AddInputCharacter(e.text.unicode);
        break;
    case sf::Event::LostFocus:
        for (bool& d : io.MouseDown)
            d = false;
        break;
    default:
        break;
    }
}

void newFrame(sf::RenderWindow& window, float dt) {
    ImGuiIO& io = ImGui::GetIO();
    const auto s = window.getSize();
    io.DisplaySize = ImVec2(float(s.x), float(s.y));
    io.DeltaTime = dt > 0 ? dt : 1.0f / 60.0f;
    ImGui_ImplOpenGL2_NewFrame();
    ImGui::NewFrame();
}

void render(sf::RenderWindow& window) {
    ImGui::Render();
    window.pushGLStates();
    ImGui_ImplOpenGL2_RenderDrawData(ImGui::GetDrawData());
    window.popGLStates();
}

void shutdown() {
    ImGui_ImplOpenGL2_Shutdown();
    ImGui::DestroyContext();
}

bool wantsMouse() {
    return ImGui::GetIO().WantCaptureMouse;
}
bool wantsKeyboard() {
    return ImGui::GetIO().WantCaptureKeyboard;
}

} // namespace muster::viewer::gui
