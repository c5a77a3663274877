#pragma once
// Draws a scene and a frame into any sf::RenderTarget (a window or a headless RenderTexture):
// the cached floor plans, doors in their current state, smoke, heat map, trails, equipment,
// people (one vertex array for everyone), room labels and the burned-in HUD (title, clock,
// counts, legend). The same code makes the window and the exported PNGs and videos.
#include <SFML/Graphics.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "muster/date.hpp"
#include "viewer/camera.hpp"
#include "viewer/layers.hpp"
#include "viewer/overlays.hpp"
#include "viewer/scene.hpp"

namespace muster::viewer {

enum class HeatMode { Off, Live, Peak };

struct ViewOptions {
    int floor = 0; // index into Scene::floors; -1 = all floors side by side
    ColourMode colour = ColourMode::State;
    HeatMode heat = HeatMode::Off;
    bool smoke = true;
    bool equipment = true;
    bool labels = true;
    bool trails = false;
    bool legend = true;
    bool hud = true;            // title, clock and counts
    bool coverage = false;      // class A uncovered areas (computeFloorCoverage, once per floor)
    bool compartments = true;   // smoke compartment outlines
    bool assembly = true;       // assembly point markers outside the exits
    double coverageCellM = 0.2; // coverage grid, as `muster check`
    std::optional<Vec2> mark;   // a ring here (floor frame of the shown floor): checklist selection
    int selected = -1;          // agent id to highlight, -1 none
    Date today{2026, 11, 23};   // equipment status is as of this date
    std::vector<std::string> hudLines; // extra lines under the title (e.g. status)
    float insetLeft = 0, insetRight = 0, insetTop = 0, insetBottom = 0; // px covered by panels
};

struct DrawStats {
    std::size_t peopleDrawn = 0;
    std::size_t vertices = 0;
};

// Counts from one frame.
struct FrameCounts {
    std::vector<int> insidePerFloor; // per scene floor
    int inside = 0, onStairs = 0, out = 0, waiting = 0, stuck = 0;
};
FrameCounts countFrame(const Scene& scene, const Frame& f);

class Renderer {
public:
    Renderer();
    // Loads a TrueType/TTC font for labels and the HUD. False with a message saying what is
    // missing and how to fix it; the renderer still draws everything except text.
    bool loadFont(const std::string& path, std::string& error);
    [[nodiscard]] bool hasFont() const { return m_hasFont; }
    [[nodiscard]] const sf::Font& font() const { return m_font; }

    // Builds the cached floor plans; call again when the scene changes.
    void setScene(const Scene& scene);

    DrawStats draw(sf::RenderTarget& target, const Camera& cam, const Frame& a, const Frame* b,
                   float alpha, const ViewOptions& opt,
                   const std::vector<const Frame*>* trailHistory = nullptr);

    // Where a view should fit: the floor's bounds or the overview.
    [[nodiscard]] Bounds viewBounds(int floor) const;
    // Peak density: reset, then feed every frame shown (or sampled) in time order.
    void resetPeak();
    void accumulatePeakFrom(const Frame& f);
    // Agent nearest to a pixel within `radiusPx`, or -1.
    [[nodiscard]] int pick(const Camera& cam, const Frame& a, const Frame* b, float alpha,
                           int floor, sf::Vector2f pixel, float radiusPx = 12.0f) const;
    // The rules profiles equipment status and coverage are judged by: the bundled profile of
    // every building (loadRules) unless set here, after setScene (which resets them). Setting
    // them recomputes both on next use.
    void setRules(RulesSet rules);
    // The fire equipment of a floor, coloured by the compliance module's status of each item as
    // of `today` (checkItems, computed once per date for the whole project).
    [[nodiscard]] const std::vector<EquipmentIcon>& equipment(int floor, const Date& today);
    // Class A coverage of a floor as of `today`, computed on first use and kept per floor
    // (computeFloorCoverage; tens of ms per floor). nullptr when it cannot be computed (no rules
    // profile): the reason is in coverageProblem().
    [[nodiscard]] const FloorCoverage* coverage(int floor, const Date& today, double cellM = 0.2);
    [[nodiscard]] const std::string& coverageProblem() const { return m_coverageProblem; }
    [[nodiscard]] double lastCoverageMs() const { return m_coverageMs; }

    sf::Color background = colours::kBackground;

private:
    void drawLabels(sf::RenderTarget& t, const Camera& cam, int floor, Vec2 off, bool overview);
    void drawHud(sf::RenderTarget& t, const Frame& a, const ViewOptions& opt);
    void drawLegend(sf::RenderTarget& t, const ViewOptions& opt);
    void drawAssemblyLabels(sf::RenderTarget& t, const Camera& cam, int floor, Vec2 off);
    const RulesSet& rules();

    struct LabelChoice {
        double ppm = -1; // zoom the choice was made for
        sf::String text;
        unsigned size = 0; // 0: does not fit
        sf::Vector2f origin;
    };
    static std::uint64_t labelKey(int floor, std::ptrdiff_t room) {
        return (std::uint64_t(std::uint32_t(floor)) << 32) | std::uint64_t(room);
    }
    std::unordered_map<std::uint64_t, LabelChoice> m_labels;
    const Scene* m_scene = nullptr;
    sf::Font m_font;
    bool m_hasFont = false;
    sf::Texture m_disc;
    std::vector<sf::VertexArray> m_static; // per floor, at offset 0
    sf::VertexArray m_overview{sf::Triangles};
    std::vector<std::vector<DoorGeom>> m_doors;
    std::vector<DensityGrid> m_peak;
    std::vector<std::vector<EquipmentIcon>> m_equipment;
    std::vector<Date> m_equipmentDate;
    std::vector<ItemCheck> m_items; // every inventory item's status as of m_itemsDate
    Date m_itemsDate{0, 0, 0};
    struct CoverageSlot {
        Date date{0, 0, 0};
        double cellM = 0;
        std::optional<FloorCoverage> coverage;
    };
    std::vector<CoverageSlot> m_coverage;
    RulesSet m_rules;
    bool m_rulesLoaded = false;
    std::string m_coverageProblem;
    double m_coverageMs = 0;
    std::vector<sf::VertexArray> m_compartments; // per floor, at offset 0
    sf::VertexArray m_compartmentsOverview{sf::Triangles};
    std::vector<std::vector<AssemblyMarker>> m_assembly;
    // Reused every frame (no allocation once warm).
    sf::VertexArray m_dyn{sf::Triangles}, m_over{sf::Triangles}, m_people{sf::Triangles},
        m_devices{sf::Triangles};
};

} // namespace muster::viewer
