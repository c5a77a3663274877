// The printable checklist: one A4 page per floor with its map, route and a tick box per check.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "checks/checklist_map.hpp"
#include "muster/geometry.hpp"
#include "muster/text.hpp"

namespace muster {

namespace {

// Page geometry (mm): A4 inside 10 mm margins, and the parts of a page that are not the grid.
constexpr double kPageWmm = 190.0, kPageHmm = 277.0;
constexpr double kHeadMm = 14.0;      // title, route and due-date lines
constexpr double kLegendLineMm = 3.2; // one line of the check legend (two kinds a line)
constexpr double kNoteLineMm = 3.0;   // one line of notes (two notes a line)
constexpr double kSignMm = 12.0;      // the signature lines
constexpr double kSlackMm = 8.0;      // gaps between the blocks, rounding
constexpr double kMinRowMm = 2.5, kMaxRowMm = 4.2, kMinMapMm = 50.0, kMaxMapMm = 100.0;
constexpr double kPxPerMm = 96.0 / 25.4;

size_t firstRound(const ChecklistFloor& cf) {
    return static_cast<size_t>(std::count_if(cf.items.begin(), cf.items.end(),
                                             [](const ChecklistItem& i) { return i.round != 2; }));
}

size_t kindsOf(const ChecklistFloor& cf) {
    std::vector<std::string> k;
    for (const ChecklistItem& it : cf.items)
        if (std::find(k.begin(), k.end(), it.kind) == k.end())
            k.push_back(it.kind);
    return k.size();
}

size_t notesOf(const ChecklistFloor& cf) {
    return static_cast<size_t>(
        std::count_if(cf.items.begin(), cf.items.end(),
                      [](const ChecklistItem& i) { return i.round != 2 && !i.notes.empty(); }));
}

const char* abbrev(const std::string& kind) {
    if (kind == "extinguisher")
        return "EXT";
    if (kind == "hydrant")
        return "HYD";
    if (kind == "light")
        return "EL";
    if (kind == "sign")
        return "SGN";
    if (kind == "detector")
        return "DET";
    if (kind == "exit")
        return "EXIT";
    return "?";
}

// "OPD-1F-C1W" on floor OPD-1F prints as "C1W".
std::string shortRoom(const std::string& room, const std::string& floor) {
    if (room.size() > floor.size() + 1 && room.compare(0, floor.size(), floor) == 0 &&
        room[floor.size()] == '-')
        return room.substr(floor.size() + 1);
    return room;
}

std::string mm(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.2fmm", v);
    return b;
}

} // namespace

ChecklistPage checklistPage(const Floor* f, const ChecklistFloor& cf) {
    ChecklistPage pg;
    double aspect = 0.5; // height / width of the map with its 1 m margin
    if (f && f->outline.size() >= 3) {
        const Bounds b = boundsOf(f->outline);
        aspect = (b.max.y - b.min.y + 2.0) / (b.max.x - b.min.x + 2.0);
    }
    const double fixed = kHeadMm + kSignMm + kSlackMm +
                         kLegendLineMm * std::ceil(static_cast<double>(kindsOf(cf)) / 2.0) +
                         kNoteLineMm * std::ceil(static_cast<double>(notesOf(cf)) / 2.0);
    const double rows =
        std::ceil(static_cast<double>(cf.items.size()) / static_cast<double>(pg.columns));
    double mapH = std::min(kMaxMapMm, kPageWmm * aspect);
    double row = rows > 0 ? (kPageHmm - fixed - mapH) / rows : kMaxRowMm;
    if (row < kMinRowMm) { // a crowded floor: the map gives way to the grid, down to its minimum
        mapH = std::max(kMinMapMm, kPageHmm - fixed - rows * kMinRowMm);
        row = (kPageHmm - fixed - mapH) / rows;
    }
    pg.rowMm = std::clamp(row, 2.0, kMaxRowMm);
    pg.mapHmm = mapH;
    pg.mapWmm = std::min(kPageWmm, mapH / aspect);
    pg.mapPx = static_cast<int>(pg.mapWmm * kPxPerMm);
    return pg;
}

svg::MapLayers checklistMapLayers(const ChecklistFloor& cf) {
    svg::MapLayers L;
    int n = 0;
    for (size_t i = 0; i < cf.items.size(); ++i) {
        const ChecklistItem& it = cf.items[i];
        if (it.round == 2)
            continue;
        ++n;
        std::string label = std::to_string(n);
        // Items at one point (a cabinet's pair of extinguishers) share one label "12-13".
        const bool samePrev =
            i > 0 && cf.items[i - 1].round != 2 && distance(cf.items[i - 1].at, it.at) < 0.3;
        const bool sameNext = i + 1 < cf.items.size() && cf.items[i + 1].round != 2 &&
                              distance(cf.items[i + 1].at, it.at) < 0.3;
        if (samePrev) {
            label.clear();
        } else if (sameNext) {
            int last = n;
            for (size_t j = i + 1; j < cf.items.size() && cf.items[j].round != 2 &&
                                   distance(cf.items[j].at, it.at) < 0.3;
                 ++j)
                ++last;
            label += "-" + std::to_string(last);
        }
        L.points.push_back({it.at, it.notes.rfind("expired", 0) == 0 ? "expired" : "ok",
                            std::to_string(n) + " " + it.id, label});
    }
    L.paths = cf.legs;
    return L;
}

std::string checklistHtml(const Checklist& c, const Project& p) {
    std::ostringstream o;
    o << "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>Muster checklist "
      << c.month.str()
      << "</title>\n<style>\n"
         "@page{size:A4;margin:10mm}\n"
         "body{margin:0;font-family:sans-serif;color:#222}\n"
         "section.sheet{break-after:page;page-break-after:always;width:190mm}\n"
         "section.sheet:last-of-type{break-after:auto;page-break-after:auto}\n"
         "h2{font-size:4.2mm;margin:0 0 1mm}p{margin:0.5mm 0;font-size:2.6mm}\n"
         ".map svg{width:100%;height:100%;border:0}.map{margin:1mm 0}\n"
         ".legend{font-size:2.3mm;columns:2;column-gap:4mm;margin:0.5mm 0}\n"
         ".legend div{break-inside:avoid}\n"
         ".grid{columns:3;column-gap:2mm;column-fill:balance}\n"
         ".r{break-inside:avoid;page-break-inside:avoid;white-space:nowrap;overflow:hidden}\n"
         ".r span{display:inline-block;overflow:hidden;vertical-align:middle}\n"
         ".n{width:5mm;text-align:right;margin-right:0.8mm}.t{width:5.6mm}.i{width:15.5mm}\n"
         ".w{width:10mm}.d{width:3.2mm}.k{width:2.2mm;color:#b00;font-weight:bold}\n"
         ".tick{width:1.9mm;height:1.9mm;border:0.25mm solid #333;margin-right:0.35mm;"
         "box-sizing:border-box}\n"
         ".notes{font-size:2.3mm;columns:2;column-gap:4mm}\n"
         ".sign{font-size:2.8mm;margin-top:2mm;border-top:0.3mm solid #999;padding-top:1.5mm}\n"
         ".sign span{display:inline-block;margin-right:6mm}\n"
         "</style></head><body>\n";
    for (const ChecklistFloor& f : c.floors) {
        const Floor* fl = p.findFloor(f.floor);
        const ChecklistPage pg = checklistPage(fl, f);
        size_t checks = 0;
        std::string keyDay, otherDay, half1, half2;
        for (const ChecklistItem& it : f.items) {
            checks += it.checks.size();
            std::string& d = it.round == 2    ? half2
                             : it.round == 1  ? half1
                             : it.keyLocation ? keyDay
                                              : otherDay;
            if (d.empty() || it.inspectBy.str() > d)
                d = it.inspectBy.str();
        }
        o << "<section class=sheet>\n<h2>" << svg::esc(f.floor) << " " << svg::esc(f.name)
          << " &mdash; inspection " << c.month.str() << "</h2>\n<p>"
          << plural(static_cast<long long>(firstRound(f)), "stop", "stops") << ", "
          << plural(static_cast<long long>(checks), "check", "checks") << "; route "
          << static_cast<int>(f.routeM + 0.5)
          << " m along the walking paths from the first stair landing or exit, in the numbered "
             "order.</p>\n<p>Due: ";
        std::string due;
        auto dueLine = [&](const std::string& what, const std::string& d) {
            if (!d.empty())
                due += (due.empty() ? "" : "; ") + what + " by " + d;
        };
        dueLine("<b class=k>K</b> key locations", keyDay);
        dueLine("other items", otherDay);
        dueLine("half-monthly first round", half1);
        dueLine("(n) second round", half2);
        o << due << ". Tick a box when the check passes; cross it when it fails.</p>\n";
        if (fl) {
            o << "<div class=map style=\"width:" << mm(pg.mapWmm) << ";height:" << mm(pg.mapHmm)
              << "\">" << svg::floorMap(*fl, checklistMapLayers(f), pg.mapPx) << "</div>\n";
        }
        // The checks of each kind on this floor, numbered in their box order.
        o << "<div class=legend>";
        std::vector<std::string> seen;
        for (const ChecklistItem& it : f.items) {
            if (std::find(seen.begin(), seen.end(), it.kind) != seen.end())
                continue;
            seen.push_back(it.kind);
            o << "<div><b>" << abbrev(it.kind) << "</b> " << svg::esc(it.kind) << ":";
            for (size_t i = 0; i < it.checks.size(); ++i)
                o << " " << i + 1 << "&nbsp;" << svg::esc(it.checks[i].id);
            o << "</div>";
        }
        o << "</div>\n<div class=grid style=\"font-size:" << mm(0.78 * pg.rowMm) << "\">\n";
        int n = 0;
        std::map<std::string, int> numberOf;
        for (const ChecklistItem& it : f.items) {
            std::string num;
            if (it.round == 2) {
                num = "(" + std::to_string(numberOf[it.id]) + ")";
            } else {
                numberOf[it.id] = ++n;
                num = std::to_string(n);
            }
            o << "<div class=r style=\"height:" << mm(pg.rowMm) << ";line-height:" << mm(pg.rowMm)
              << "\"><span class=n>" << num << "</span><span class=t>" << abbrev(it.kind)
              << "</span><span class=i>" << svg::esc(it.id) << (it.notes.empty() ? "" : "!")
              << "</span><span class=w>" << svg::esc(shortRoom(it.room, f.floor))
              << "</span><span class=d>" << it.inspectBy.day << "</span><span class=k>"
              << (it.keyLocation ? "K" : "") << "</span>";
            for (const CheckDef& chk : it.checks)
                o << "<span class=tick title=\"" << svg::esc(it.id + " " + chk.id) << "\"></span>";
            o << "</div>\n";
        }
        o << "</div>\n";
        if (notesOf(f) > 0) {
            o << "<div class=notes>";
            for (const ChecklistItem& it : f.items)
                if (it.round != 2 && !it.notes.empty())
                    o << "<div>" << numberOf[it.id] << " " << svg::esc(it.id) << "! "
                      << svg::esc(it.notes) << "</div>";
            o << "</div>\n";
        }
        o << "<div class=sign><span>Inspector: ____________________</span><span>Signature: "
             "________________</span><span>Date: ____________</span><br><span>Checked by "
             "(fire-safety manager): ____________________</span><span>Date: "
             "____________</span></div>\n</section>\n";
    }
    o << "</body></html>\n";
    return o.str();
}

} // namespace muster
