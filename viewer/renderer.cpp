#include "viewer/renderer.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "viewer/compliance.hpp"
#include "viewer/playback.hpp"

namespace muster::viewer {

namespace {

sf::String utf8(const std::string& s) {
    return sf::String::fromUtf8(s.begin(), s.end());
}

std::string thousands(int n) {
    std::string s = std::to_string(n);
    for (int i = int(s.size()) - 3; i > 0; i -= 3)
        s.insert(std::size_t(i), ",");
    return s;
}

} // namespace

FrameCounts countFrame(const Scene& scene, const Frame& f) {
    FrameCounts c;
    c.insidePerFloor.assign(scene.floors.size(), 0);
    const int nf = static_cast<int>(scene.floors.size());
    for (const auto& s : f.agents) {
        if (s.state == AgentState::Evacuated) {
            ++c.out;
            continue;
        }
        if (s.state == AgentState::OnStair) {
            ++c.onStairs;
            continue;
        }
        if (s.state == AgentState::Waiting)
            ++c.waiting;
        if (s.state == AgentState::Stuck)
            ++c.stuck;
        if (s.floor >= 0 && s.floor < nf) {
            ++c.insidePerFloor[std::size_t(s.floor)];
            ++c.inside;
        }
    }
    return c;
}

Renderer::Renderer() {
    // An anti-aliased disc with a darker rim: multiplied by the vertex colour it gives each
    // person a fill and an outline of the same hue in one textured quad.
    const unsigned n = static_cast<unsigned>(kDiscTextureSize);
    sf::Image img;
    img.create(n, n, sf::Color::Transparent);
    const float r = n * 0.5f, rim = r * 0.22f;
    for (unsigned y = 0; y < n; ++y)
        for (unsigned x = 0; x < n; ++x) {
            const float dx = float(x) + 0.5f - r, dy = float(y) + 0.5f - r;
            const float d = std::sqrt(dx * dx + dy * dy);
            const float a = std::clamp(r - d, 0.0f, 1.0f); // 1-pixel anti-aliased edge
            if (a <= 0)
                continue;
            const float edge = std::clamp((d - (r - rim)) + 0.5f, 0.0f, 1.0f);
            const auto v = static_cast<sf::Uint8>(255.0f * (1.0f - 0.5f * edge));
            img.setPixel(x, y, sf::Color(v, v, v, static_cast<sf::Uint8>(255 * a)));
        }
    m_disc.loadFromImage(img);
    m_disc.setSmooth(true);
}

bool Renderer::loadFont(const std::string& path, std::string& error) {
    m_hasFont = false;
    FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) {
        error = "font not found: " + path +
                " (room names and the clock need a font that has Chinese glyphs; install Debian's "
                "fonts-wqy-microhei or pass --font FILE.ttf/.ttc). Drawing without text.";
        return false;
    }
    std::fclose(f);
    if (!m_font.loadFromFile(path)) {
        error = "cannot load the font " + path +
                " (not a TrueType/OpenType file?). Drawing without text.";
        return false;
    }
    m_hasFont = true;
    return true;
}

void Renderer::setScene(const Scene& scene) {
    m_scene = &scene;
    m_static.clear();
    m_doors.clear();
    m_overview.clear();
    m_compartments.clear();
    m_compartmentsOverview.clear();
    m_assembly.clear();
    m_coverage.assign(scene.floors.size(), CoverageSlot{});
    m_rulesLoaded = false;
    m_rules.clear();
    m_coverageProblem.clear();
    for (const auto& f : scene.floors) {
        sf::VertexArray va(sf::Triangles);
        buildFloorStatic(f, {0, 0}, va);
        m_static.push_back(std::move(va));
        m_doors.push_back(doorGeometry(f));
        buildFloorStatic(f, f.overviewOffset, m_overview);
        sf::VertexArray comp(sf::Triangles);
        if (f.floor) {
            buildCompartments(*f.floor, {0, 0}, 0.18, comp);
            buildCompartments(*f.floor, f.overviewOffset, 0.18, m_compartmentsOverview);
        }
        m_compartments.push_back(std::move(comp));
        m_assembly.push_back(assemblyMarkers(f));
    }
    m_peak.assign(scene.floors.size(), DensityGrid{});
    m_labels.clear();
    m_equipment.assign(scene.floors.size(), {});
    m_equipmentDate.assign(scene.floors.size(), Date{0, 0, 0});
    m_itemsDate = Date{0, 0, 0};
}

void Renderer::setRules(RulesSet rules) {
    m_rules = std::move(rules);
    m_rulesLoaded = true;
    m_equipmentDate.assign(m_equipmentDate.size(), Date{0, 0, 0});
    m_itemsDate = Date{0, 0, 0};
    m_coverage.assign(m_coverage.size(), CoverageSlot{});
}

const RulesSet& Renderer::rules() {
    if (!m_rulesLoaded && m_scene) {
        Diagnostics d;
        m_rules = loadRules(m_scene->project, d);
        m_rulesLoaded = true;
    }
    return m_rules;
}

Bounds Renderer::viewBounds(int floor) const {
    if (!m_scene)
        return {};
    if (floor < 0 || std::size_t(floor) >= m_scene->floors.size()) {
        Bounds b = m_scene->overviewBounds;
        if (b.valid())
            b.max.y += 4.0; // room for the top floor's title
        return b;
    }
    Bounds b = m_scene->floors[std::size_t(floor)].bounds;
    if (b.valid()) { // the exit markers stick out of the outline
        b.min = b.min - Vec2{1, 1};
        b.max = b.max + Vec2{1, 1};
    }
    return b;
}

void Renderer::resetPeak() {
    m_peak.assign(m_peak.size(), DensityGrid{});
}

void Renderer::accumulatePeakFrom(const Frame& f) {
    if (!m_scene)
        return;
    for (std::size_t i = 0; i < m_scene->floors.size(); ++i)
        accumulatePeak(m_peak[i], computeDensity(m_scene->floors[i], int(i), f));
}

const std::vector<EquipmentIcon>& Renderer::equipment(int floor, const Date& today) {
    static const std::vector<EquipmentIcon> kNone;
    if (!m_scene || floor < 0 || std::size_t(floor) >= m_equipment.size())
        return kNone;
    const auto i = std::size_t(floor);
    if (!(m_equipmentDate[i] == today) && m_scene->floors[i].floor) {
        if (!(m_itemsDate == today)) {
            Diagnostics d;
            m_items = checkItems(m_scene->project, rules(), today, d);
            m_itemsDate = today;
        }
        m_equipment[i] = equipmentOnFloor(m_scene->project, m_scene->floors[i].floor->id, m_items);
        m_equipmentDate[i] = today;
    }
    return m_equipment[i];
}

const FloorCoverage* Renderer::coverage(int floor, const Date& today, double cellM) {
    if (!m_scene || floor < 0 || std::size_t(floor) >= m_coverage.size())
        return nullptr;
    const Floor* fl = m_scene->floors[std::size_t(floor)].floor;
    if (!fl)
        return nullptr;
    CoverageSlot& slot = m_coverage[std::size_t(floor)];
    if (slot.date == today && slot.cellM == cellM)
        return slot.coverage ? &*slot.coverage : nullptr;
    const auto t0 = std::chrono::steady_clock::now();
    std::string why;
    slot.coverage = floorCoverage(m_scene->project, *fl, rules(), today, cellM, &why);
    m_coverageMs =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (!why.empty())
        m_coverageProblem = why;
    slot.date = today;
    slot.cellM = cellM;
    return slot.coverage ? &*slot.coverage : nullptr;
}

int Renderer::pick(const Camera& cam, const Frame& a, const Frame* b, float alpha, int floor,
                   sf::Vector2f pixel, float radiusPx) const {
    if (!m_scene)
        return -1;
    int best = -1;
    float bestD = radiusPx * radiusPx;
    for (std::size_t i = 0; i < a.agents.size(); ++i) {
        int f = -1;
        auto p = agentPosition(a, b, alpha, i, &f);
        if (!p || f >= int(m_scene->floors.size()))
            continue;
        if (floor >= 0 && f != floor)
            continue;
        const Vec2 w = floor < 0 ? *p + m_scene->floors[std::size_t(f)].overviewOffset : *p;
        const sf::Vector2f q = cam.worldToPixel(w);
        const float d = (q.x - pixel.x) * (q.x - pixel.x) + (q.y - pixel.y) * (q.y - pixel.y);
        if (d < bestD) {
            bestD = d;
            best = int(i);
        }
    }
    return best;
}

DrawStats Renderer::draw(sf::RenderTarget& target, const Camera& cam, const Frame& a,
                         const Frame* b, float alpha, const ViewOptions& opt,
                         const std::vector<const Frame*>* trailHistory) {
    DrawStats st;
    const auto size = target.getSize();
    target.setView(sf::View(sf::FloatRect(0, 0, float(size.x), float(size.y))));
    target.clear(background);
    if (!m_scene)
        return st;
    const Scene& scene = *m_scene;
    const int nf = static_cast<int>(scene.floors.size());
    const int floor = opt.floor >= nf ? nf - 1 : opt.floor;
    sf::RenderStates rs(cam.transform());
    const double ppm = cam.pixelsPerMetre();

    // 1. The plan (cached).
    if (floor < 0)
        target.draw(m_overview, rs);
    else if (nf > 0)
        target.draw(m_static[std::size_t(floor)], rs);

    // 2. Smoke, heat map and doors under the labels and people.
    m_dyn.clear();
    m_over.clear();
    std::vector<int> shown;
    if (floor < 0) {
        for (int i = 0; i < nf; ++i)
            shown.push_back(i);
    } else if (nf > 0) {
        shown.push_back(floor);
    }
    for (int i : shown) {
        const SceneFloor& f = scene.floors[std::size_t(i)];
        const Vec2 off = floor < 0 ? f.overviewOffset : Vec2{0, 0};
        if (opt.smoke)
            buildSmoke(f, a, off, m_dyn);
        if (opt.heat == HeatMode::Live)
            buildHeat(computeDensity(f, i, a), off, 165, m_dyn);
        if (opt.heat == HeatMode::Peak)
            buildHeat(m_peak[std::size_t(i)], off, 165, m_dyn);
        if (opt.coverage)
            if (const FloorCoverage* fc = coverage(i, opt.today, opt.coverageCellM))
                buildCoverage(*fc, off, std::max(0.8, 12.0 / ppm), m_dyn);
        buildDoors(m_doors[std::size_t(i)], &a, off, m_dyn);
        if (opt.assembly)
            buildAssemblyMarkers(m_assembly[std::size_t(i)], off, std::max(0.6, 6.0 / ppm), m_over);
        if (opt.equipment) {
            // Icons keep a readable size on screen: 0.7 m, but at least 9 px. Items in date are
            // drawn small so the ones that need attention stand out; the overview shows only those.
            const auto& all = equipment(i, opt.today);
            std::vector<EquipmentIcon> ok, attention;
            for (const auto& ic : all)
                (ic.status == ItemStatus::Ok ? ok : attention).push_back(ic);
            if (floor >= 0)
                buildEquipment(ok, off, std::max(0.4, 5.0 / ppm), m_over);
            buildEquipment(attention, off, std::max(0.7, 9.0 / ppm), m_over);
        }
    }
    if (opt.trails && trailHistory) {
        std::vector<std::size_t> ids;
        if (opt.selected >= 0) {
            ids.push_back(std::size_t(opt.selected));
        } else {
            for (std::size_t i = 0; i < a.agents.size(); ++i)
                if (isInside(a.agents[i], nf) && (floor < 0 || a.agents[i].floor == floor))
                    ids.push_back(i);
        }
        if (floor >= 0) {
            buildTrails(*trailHistory, floor, {0, 0}, ids, m_over, std::max(0.06, 1.5 / ppm));
        } else {
            for (int i : shown)
                buildTrails(*trailHistory, i, scene.floors[std::size_t(i)].overviewOffset, ids,
                            m_over, std::max(0.06, 1.5 / ppm));
        }
    }
    target.draw(m_dyn, rs);
    if (opt.compartments) {
        if (floor < 0)
            target.draw(m_compartmentsOverview, rs);
        else if (nf > 0)
            target.draw(m_compartments[std::size_t(floor)], rs);
    }

    // 3. Room names and floor titles (screen space, so text stays crisp).
    if (opt.labels && m_hasFont)
        for (int i : shown)
            drawLabels(target, cam, i,
                       floor < 0 ? scene.floors[std::size_t(i)].overviewOffset : Vec2{0, 0},
                       floor < 0);
    target.draw(m_over, rs);
    if (opt.assembly && m_hasFont && floor >= 0)
        drawAssemblyLabels(target, cam, floor, {0, 0});

    // 4. People: beds and wheelchairs, then one textured array for everyone.
    m_people.clear();
    m_devices.clear();
    PeopleStyle ps;
    ps.mode = opt.colour;
    ps.minRadiusM = 2.2 / ppm; // never smaller than ~4 px across
    st.peopleDrawn = buildPeople(scene, a, b, alpha, floor, ps, m_people, m_devices);
    target.draw(m_devices, rs);
    sf::RenderStates prs = rs;
    prs.texture = &m_disc;
    target.draw(m_people, prs);
    st.vertices = m_people.getVertexCount() + m_devices.getVertexCount() + m_dyn.getVertexCount() +
                  m_over.getVertexCount();

    // 5. The followed person.
    if (opt.selected >= 0) {
        int f = -1;
        if (auto p = agentPosition(a, b, alpha, std::size_t(opt.selected), &f);
            p && (floor < 0 || f == floor)) {
            const Vec2 w =
                floor < 0 && f < nf ? *p + scene.floors[std::size_t(f)].overviewOffset : *p;
            const sf::Vector2f q = cam.worldToPixel(w);
            const float r = std::max(9.0f, float(0.5 * ppm));
            sf::CircleShape ring(r);
            ring.setOrigin(r, r);
            ring.setPosition(q);
            ring.setFillColor(sf::Color::Transparent);
            ring.setOutlineColor(colours::kSelection);
            ring.setOutlineThickness(2.5f);
            target.draw(ring);
        }
    }

    // 5b. The checklist item selected in the panel: a ring that stays readable at any zoom.
    if (opt.mark && floor >= 0) {
        const sf::Vector2f q = cam.worldToPixel(*opt.mark);
        const float r = std::max(14.0f, float(0.9 * ppm));
        sf::CircleShape ring(r);
        ring.setOrigin(r, r);
        ring.setPosition(q);
        ring.setFillColor(sf::Color::Transparent);
        ring.setOutlineColor(colours::kChecklistMark);
        ring.setOutlineThickness(3.0f);
        target.draw(ring);
    }

    // 6. Burned-in title, clock, counts and legend.
    if (opt.hud && m_hasFont)
        drawHud(target, a, opt);
    if (opt.legend)
        drawLegend(target, opt);
    return st;
}

void Renderer::drawLabels(sf::RenderTarget& t, const Camera& cam, int floorIdx, Vec2 off,
                          bool overview) {
    const SceneFloor& f = m_scene->floors[std::size_t(floorIdx)];
    if (!f.floor)
        return;
    const double ppm = cam.pixelsPerMetre();
    const float vw = cam.viewportWidth(), vh = cam.viewportHeight();
    sf::Text text;
    text.setFont(m_font);
    for (const auto& r : f.floor->rooms) {
        const Bounds b = boundsOf(r.polygon);
        const float wPx = float((b.max.x - b.min.x) * ppm), hPx = float((b.max.y - b.min.y) * ppm);
        if (wPx < 36 || hPx < 14)
            continue;
        const sf::Vector2f c =
            cam.worldToPixel(Vec2{(b.min.x + b.max.x) * 0.5, (b.min.y + b.max.y) * 0.5} + off);
        if (c.x < -wPx || c.y < -hPx || c.x > vw + wPx || c.y > vh + hPx)
            continue;
        // Try the whole name on one line, then on two lines split at the middle space, then
        // the id; shrink the size down to 9 px before giving up. The choice depends only on the
        // room and the zoom, so it is cached until the zoom changes (text layout is costly).
        LabelChoice& choice = m_labels[labelKey(floorIdx, &r - f.floor->rooms.data())];
        if (choice.ppm != ppm) {
            choice = LabelChoice{};
            choice.ppm = ppm;
            std::vector<std::string> candidates{r.name};
            const auto mid = r.name.size() / 2;
            std::size_t best = std::string::npos;
            for (std::size_t i = 0; i < r.name.size(); ++i)
                if (r.name[i] == ' ' &&
                    (best == std::string::npos ||
                     (i > mid ? i - mid : mid - i) < (best > mid ? best - mid : mid - best)))
                    best = i;
            if (best != std::string::npos)
                candidates.push_back(r.name.substr(0, best) + "\n" + r.name.substr(best + 1));
            candidates.push_back(r.id);
            const unsigned maxSize = static_cast<unsigned>(std::clamp(hPx * 0.22f, 9.0f, 15.0f));
            for (const auto& cand : candidates) {
                text.setString(utf8(cand));
                for (unsigned sz = maxSize; sz >= 9 && !choice.size; --sz) {
                    text.setCharacterSize(sz);
                    const auto lb = text.getLocalBounds();
                    if (lb.width <= wPx * 0.92f && lb.height <= hPx * 0.8f) {
                        choice.text = utf8(cand);
                        choice.size = sz;
                        choice.origin = {lb.left + lb.width * 0.5f, lb.top + lb.height * 0.5f};
                    }
                }
                if (choice.size)
                    break;
            }
        }
        if (!choice.size)
            continue;
        text.setString(choice.text);
        text.setCharacterSize(choice.size);
        text.setOrigin(choice.origin);
        text.setPosition(std::round(c.x), std::round(c.y));
        text.setFillColor(colours::kLabel);
        t.draw(text);
    }
    if (overview) { // the floor's title above its plan
        const sf::Vector2f p = cam.worldToPixel(Vec2{f.bounds.min.x, f.bounds.max.y} + off);
        const unsigned sz = static_cast<unsigned>(std::clamp(ppm * 2.2, 10.0, 20.0));
        text.setString(utf8(f.floor->id + "  " + f.floor->name));
        text.setCharacterSize(sz);
        text.setFillColor(colours::kHudText);
        const auto lb = text.getLocalBounds();
        text.setOrigin(lb.left, lb.top + lb.height);
        text.setPosition(std::round(p.x), std::round(p.y - float(0.9 * ppm) - 2));
        t.draw(text);
    }
}

void Renderer::drawAssemblyLabels(sf::RenderTarget& t, const Camera& cam, int floorIdx, Vec2 off) {
    const double ppm = cam.pixelsPerMetre();
    if (ppm < 14)
        return; // would crowd the room names; the marker stays
    sf::Text text;
    text.setFont(m_font);
    text.setCharacterSize(12);
    text.setFillColor(colours::kHudText);
    text.setOutlineColor(sf::Color(33, 37, 41, 200));
    text.setOutlineThickness(1.5f);
    for (const AssemblyMarker& m : m_assembly[std::size_t(floorIdx)]) {
        const sf::Vector2f p = cam.worldToPixel(m.at + off);
        text.setString(utf8(m.name.empty() ? m.id : m.id + " " + m.name));
        const auto lb = text.getLocalBounds();
        text.setOrigin(lb.left + lb.width * 0.5f, lb.top);
        text.setPosition(std::round(p.x), std::round(p.y + std::max(8.0f, float(0.7 * ppm)) + 2));
        t.draw(text);
    }
}

void Renderer::drawHud(sf::RenderTarget& t, const Frame& a, const ViewOptions& opt) {
    const Scene& scene = *m_scene;
    const auto size = t.getSize();
    const FrameCounts c = countFrame(scene, a);
    const float x0 = opt.insetLeft + 14, y0 = opt.insetTop + 12;

    std::string floorLine =
        opt.floor < 0 ? "All floors"
        : std::size_t(opt.floor) < scene.floors.size() && scene.floors[std::size_t(opt.floor)].floor
            ? scene.floors[std::size_t(opt.floor)].floor->id + "  " +
                  scene.floors[std::size_t(opt.floor)].floor->name
            : "";
    std::string counts = "inside " + thousands(c.inside) + "   on stairs " + thousands(c.onStairs) +
                         "   out " + thousands(c.out) + " / " + thousands(int(a.agents.size()));
    if (opt.floor >= 0 && std::size_t(opt.floor) < c.insidePerFloor.size())
        counts =
            "this floor " + thousands(c.insidePerFloor[std::size_t(opt.floor)]) + "   " + counts;

    sf::Text title(utf8(scene.title), m_font, 20);
    title.setStyle(sf::Text::Bold);
    sf::Text sub(utf8(floorLine), m_font, 15);
    sf::Text cnt(utf8(counts), m_font, 14);
    std::vector<sf::Text> extra;
    for (const auto& l : opt.hudLines)
        extra.emplace_back(utf8(l), m_font, 13);
    float w = std::max(
        {title.getLocalBounds().width, sub.getLocalBounds().width, cnt.getLocalBounds().width});
    for (auto& e : extra)
        w = std::max(w, e.getLocalBounds().width);
    const float h = 30 + 22 + 20 + 18.0f * float(extra.size()) + 10;
    sf::RectangleShape panel({w + 28, h});
    panel.setPosition(x0, y0);
    panel.setFillColor(colours::kHudPanel);
    t.draw(panel);
    float y = y0 + 8;
    for (sf::Text* tx : {&title, &sub, &cnt}) {
        tx->setFillColor(colours::kHudText);
        tx->setPosition(x0 + 14, y);
        t.draw(*tx);
        y += tx == &title ? 30 : 22;
    }
    for (auto& e : extra) {
        e.setFillColor(sf::Color(206, 212, 218));
        e.setPosition(x0 + 14, y);
        t.draw(e);
        y += 18;
    }

    // Clock, top right.
    sf::Text clock(utf8(formatClock(a.t)), m_font, 30);
    clock.setStyle(sf::Text::Bold);
    sf::Text label("since ignition", m_font, 12); // the one clock (docs/model.md)
    const float cw = std::max(clock.getLocalBounds().width, label.getLocalBounds().width) + 28;
    sf::RectangleShape cp({cw, 62});
    cp.setPosition(float(size.x) - opt.insetRight - cw - 14, y0);
    cp.setFillColor(colours::kHudPanel);
    t.draw(cp);
    clock.setFillColor(colours::kHudText);
    clock.setPosition(cp.getPosition().x + 14, y0 + 4);
    t.draw(clock);
    label.setFillColor(sf::Color(173, 181, 189));
    label.setPosition(cp.getPosition().x + 14, y0 + 42);
    t.draw(label);
}

void Renderer::drawLegend(sf::RenderTarget& t, const ViewOptions& opt) {
    if (!m_scene)
        return;
    const auto sections =
        legend(opt.colour == ColourMode::Profile, m_scene->profiles, opt.heat != HeatMode::Off,
               opt.equipment, opt.coverage, opt.compartments, opt.assembly);
    const auto size = t.getSize();
    const float rowH = 17, pad = 10, sw = 12;
    // Sections side by side in one strip along the bottom right.
    std::vector<float> widths;
    float height = 0;
    for (const auto& s : sections) {
        float w = 120;
        if (m_hasFont) {
            sf::Text tt(utf8(s.title), m_font, 13);
            w = std::max(w, tt.getLocalBounds().width);
            for (const auto& e : s.entries) {
                sf::Text et(utf8(e.label), m_font, 12);
                w = std::max(w, et.getLocalBounds().width + sw + 8);
            }
        }
        widths.push_back(w);
        height = std::max(height, rowH * float(s.entries.size() + 1));
    }
    float total = pad;
    for (float w : widths)
        total += w + pad * 2;
    const float x0 = float(size.x) - opt.insetRight - total - 14;
    const float y0 = float(size.y) - opt.insetBottom - height - pad * 2 - 14;
    sf::RectangleShape panel({total, height + pad * 2});
    panel.setPosition(x0, y0);
    panel.setFillColor(colours::kHudPanel);
    t.draw(panel);
    float x = x0 + pad;
    for (std::size_t k = 0; k < sections.size(); ++k) {
        const auto& s = sections[k];
        float y = y0 + pad;
        if (m_hasFont) {
            sf::Text tt(utf8(s.title), m_font, 13);
            tt.setStyle(sf::Text::Bold);
            tt.setFillColor(colours::kHudText);
            tt.setPosition(x, y - 2);
            t.draw(tt);
        }
        y += rowH;
        for (const auto& e : s.entries) {
            if (e.shape == LegendEntry::Shape::Disc) {
                sf::CircleShape d(sw * 0.5f);
                d.setPosition(x, y + 2);
                d.setFillColor(e.colour);
                d.setOutlineColor(sf::Color(e.colour.r / 2, e.colour.g / 2, e.colour.b / 2));
                d.setOutlineThickness(-1.5f);
                t.draw(d);
            } else {
                sf::RectangleShape r(e.shape == LegendEntry::Shape::Bar ? sf::Vector2f(sw, 5)
                                                                        : sf::Vector2f(sw, sw));
                r.setPosition(x, e.shape == LegendEntry::Shape::Bar ? y + 6 : y + 2);
                r.setFillColor(e.colour);
                r.setOutlineColor(sf::Color(255, 255, 255, 120));
                r.setOutlineThickness(-1);
                t.draw(r);
            }
            if (m_hasFont) {
                sf::Text et(utf8(e.label), m_font, 12);
                et.setFillColor(sf::Color(222, 226, 230));
                et.setPosition(x + sw + 8, y);
                t.draw(et);
            }
            y += rowH;
        }
        x += widths[k] + pad * 2;
    }
}

} // namespace muster::viewer
