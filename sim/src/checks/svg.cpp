#include "checks/svg.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "muster/geometry.hpp"

namespace muster::svg {

std::string esc(const std::string& s) {
    std::string o;
    o.reserve(s.size());
    for (char c : s) {
        switch (c) {
        case '&':
            o += "&amp;";
            break;
        case '<':
            o += "&lt;";
            break;
        case '>':
            o += "&gt;";
            break;
        case '"':
            o += "&quot;";
            break;
        default:
            o += c;
        }
    }
    return o;
}

std::string pageHead(const std::string& title, bool a4) {
    std::string s =
        "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>" + esc(title) +
        "</title>\n<style>\n"
        "body{font-family:sans-serif;font-size:13px;margin:16px;color:#222}\n"
        "table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #bbb;padding:2px 6px;text-align:left}\n"
        "th{background:#eee}.bad{background:#fdd}tr.error td{background:#fee}tr.warning td{background:#fff8e0}\n"
        "table.small{font-size:11px}svg{border:1px solid #ccc;background:#fff}\n"
        ".legend span{display:inline-block;margin-right:12px}.legend i{display:inline-block;width:10px;height:10px;border-radius:5px;margin-right:4px}\n"
        ".key{color:#b00;font-weight:bold}.box{display:inline-block;width:12px;height:12px;border:1px solid #333}\n";
    if (a4)
        s += "@page{size:A4;margin:12mm}section.floor{page-break-after:always;break-after:page}\n"
             "@media print{body{margin:0}svg{max-width:100%;height:auto}}\n";
    s += "</style></head><body>\n";
    return s;
}

namespace {

const char* colourOf(const std::string& status) {
    if (status == "ok")
        return "#2a2";
    if (status == "due")
        return "#e6a700";
    if (status == "overdue")
        return "#e65c00";
    if (status == "expired")
        return "#d00";
    if (status == "repair")
        return "#888";
    if (status == "missing")
        return "#000";
    if (status == "spare")
        return "#36c";
    if (status == "scrapped")
        return "#a0a";
    if (status == "advice")
        return "#0aa";
    return "#555";
}

const char* hazardFill(const Room& r) {
    if (r.kind == RoomKind::Corridor || r.kind == RoomKind::Lobby ||
        r.kind == RoomKind::ElevatorLobby)
        return "#f7f7f2";
    if (r.kind == RoomKind::Stair)
        return "#e8eef7";
    return "#fcfcfc";
}

// The map's frame: model metres to SVG pixels (y flipped), with a 1 m margin.
struct Frame {
    Bounds b;
    double m = 1.0, scale = 1.0, font = 6.0, dotR = 2.5;
    Frame(const Floor& f, int widthPx) : b(boundsOf(f.outline)) {
        scale = widthPx / (b.max.x - b.min.x + 2 * m);
        font = std::max(6.0, std::min(11.0, 0.9 * scale));
        dotR = std::max(2.5, 0.3 * scale);
    }
    [[nodiscard]] double X(double x) const { return (x - b.min.x + m) * scale; }
    [[nodiscard]] double Y(double y) const { return (b.max.y - y + m) * scale; }
};

} // namespace

std::vector<LabelBox> labelBoxes(const Floor& f, const MapLayers& L, int widthPx) {
    const Frame fr(f, widthPx);
    std::vector<Vec2> anchors, dots;
    std::vector<double> widths;
    for (const Marker& p : L.points) {
        if (p.label.empty())
            continue;
        anchors.push_back({fr.X(p.at.x), fr.Y(p.at.y)});
        widths.push_back(0.6 * fr.font * static_cast<double>(p.label.size()) + 2.0);
    }
    return placeLabels(anchors, widths, fr.font + 1.0, fr.dotR);
}

std::string floorMap(const Floor& f, const MapLayers& L, int widthPx) {
    const Frame fr(f, widthPx);
    const Bounds b = fr.b;
    const double h = b.max.y - b.min.y;
    const double m = fr.m, scale = fr.scale;
    std::ostringstream o;
    char buf[256];
    auto X = [&](double x) { return fr.X(x); };
    auto Y = [&](double y) { return fr.Y(y); };
    auto pts = [&](const std::vector<Vec2>& v) {
        std::string s;
        for (Vec2 p : v) {
            std::snprintf(buf, sizeof buf, "%.1f,%.1f ", X(p.x), Y(p.y));
            s += buf;
        }
        return s;
    };
    std::snprintf(
        buf, sizeof buf,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%.0f\" viewBox=\"0 0 %d %.0f\">\n",
        widthPx, (h + 2 * m) * scale, widthPx, (h + 2 * m) * scale);
    o << buf;
    o << "<polygon points=\"" << pts(f.outline)
      << "\" fill=\"#fff\" stroke=\"#000\" stroke-width=\"2\"/>\n";
    const double font = fr.font;
    for (const Room& r : f.rooms) {
        o << "<polygon points=\"" << pts(r.polygon) << "\" fill=\"" << hazardFill(r)
          << "\" stroke=\"#ccc\" stroke-width=\"0.5\"><title>" << esc(r.id + " " + r.name)
          << "</title></polygon>\n";
    }
    for (const Polygon& q : L.shaded)
        o << "<polygon points=\"" << pts(q)
          << "\" fill=\"#f33\" fill-opacity=\"0.35\" stroke=\"none\"/>\n";
    for (const Wall& wl : f.walls)
        o << "<polyline points=\"" << pts(wl.points)
          << "\" fill=\"none\" stroke=\"#333\" stroke-width=\""
          << std::max(1.0, wl.thicknessM * scale) << "\"/>\n";
    for (const Door& d : f.doors) {
        std::snprintf(buf, sizeof buf,
                      "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"><title>", X(d.at.x),
                      Y(d.at.y), std::max(1.5, 0.25 * d.widthM * scale),
                      d.state == DoorState::Locked ? "#d00" : "#fff");
        o << buf << esc(d.id) << "</title></circle>\n";
    }
    for (const Exit& e : f.exits) {
        std::snprintf(
            buf, sizeof buf,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>",
            X(e.at.x) - 4, Y(e.at.y) - 4, 8.0, 8.0,
            e.state == DoorState::Locked || e.obstructed || !e.signed_ ? "#d00" : "#0a0");
        o << buf << esc(e.id) << "</title></rect>\n";
    }
    for (const Room& r : f.rooms) {
        const Vec2 c = centroid(r.polygon);
        std::snprintf(
            buf, sizeof buf,
            "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\" fill=\"#888\" text-anchor=\"middle\">",
            X(c.x), Y(c.y), font);
        o << buf << esc(r.id) << "</text>\n";
    }
    if (L.route.size() > 1)
        o << "<polyline points=\"" << pts(L.route)
          << "\" fill=\"none\" stroke=\"#36c\" stroke-width=\"1\" stroke-dasharray=\"4,3\"/>\n";
    for (const auto& path : L.paths)
        if (path.size() > 1)
            o << "<polyline points=\"" << pts(path)
              << "\" fill=\"none\" stroke=\"#36c\" stroke-width=\"1\" stroke-opacity=\"0.7\"/>\n";
    const std::vector<LabelBox> boxes = labelBoxes(f, L, widthPx);
    size_t nextBox = 0;
    for (const Marker& p : L.points) {
        std::snprintf(
            buf, sizeof buf,
            "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\" stroke=\"#fff\" stroke-width=\"0.8\"><title>",
            X(p.at.x), Y(p.at.y), fr.dotR, colourOf(p.status));
        o << buf << esc(p.title) << "</title></circle>\n";
    }
    // Labels after every dot, so that none is painted over; a displaced one gets a leader line.
    for (const Marker& p : L.points) {
        if (p.label.empty() || nextBox >= boxes.size())
            continue;
        const LabelBox& bx = boxes[nextBox++];
        if (bx.displaced) {
            const double ax = X(p.at.x), ay = Y(p.at.y);
            std::snprintf(
                buf, sizeof buf,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#036\" stroke-width=\"0.4\"/>",
                ax, ay, std::clamp(ax, bx.x, bx.x + bx.w), std::clamp(ay, bx.y, bx.y + bx.h));
            o << buf;
        }
        std::snprintf(
            buf, sizeof buf,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#fff\" fill-opacity=\"0.8\"/>"
            "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\" fill=\"#036\">",
            bx.x, bx.y, bx.w, bx.h, bx.x + 1.0, bx.y + 0.85 * font + 0.5, font);
        o << buf << esc(p.label) << "</text>\n";
    }
    if (L.hasWorst) {
        const double x = X(L.worst.x), y = Y(L.worst.y);
        std::snprintf(
            buf, sizeof buf,
            "<path d=\"M%.1f %.1fL%.1f %.1fM%.1f %.1fL%.1f %.1f\" stroke=\"#900\" stroke-width=\"2\"><title>worst point</title></path>\n",
            x - 5, y - 5, x + 5, y + 5, x - 5, y + 5, x + 5, y - 5);
        o << buf;
    }
    o << "</svg>\n";
    return o.str();
}

std::string legend(bool advice) {
    std::string s = "<div class=legend>";
    for (const char* st : {"ok", "due", "overdue", "expired", "repair", "missing", "spare"})
        s +=
            std::string("<span><i style=\"background:") + colourOf(st) + "\"></i>" + st + "</span>";
    if (advice)
        s += std::string("<span><i style=\"background:") + colourOf("advice") +
             "\"></i>suggested setting point</span>";
    s +=
        "<span><i style=\"background:#f33;opacity:.35;border-radius:0\"></i>not covered (class A)</span>"
        "<span>&#10005; worst point</span><span><i style=\"background:#0a0;border-radius:0\"></i>exit</span></div>\n";
    return s;
}

} // namespace muster::svg
