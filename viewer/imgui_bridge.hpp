#pragma once
// Our small bridge between SFML 2.5 and Debian's Dear ImGui 1.86 (its library ships the
// OpenGL2 renderer; there is no SFML backend in Debian): feeds events to ImGuiIO and draws
// ImGui's output between pushGLStates/popGLStates.
#include <SFML/Graphics/RenderWindow.hpp>
#include <SFML/Window/Event.hpp>

#include <string>

namespace muster::viewer::gui {

// Creates the ImGui context; loads `fontPath` with Chinese glyphs when it can (message in
// `warning` otherwise; ImGui's built-in font is used). The atlas holds ImGui's common
// simplified Chinese set plus every character of `extraText` (room names, checklist checks:
// 铭 and 晰 of "铭牌清晰" are not in the common set).
void init(sf::RenderWindow& window, const std::string& fontPath, std::string& warning,
          const std::string& extraText = "");
void processEvent(const sf::Event& e);
void newFrame(sf::RenderWindow& window, float dtSeconds);
void render(sf::RenderWindow& window);
void shutdown();
bool wantsMouse();
bool wantsKeyboard();

} // namespace muster::viewer::gui
