#include "muster/drill_plan.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "muster/distribution.hpp"

namespace muster {

std::vector<PlannedDrill> planDrills(const Project& project, const PlanOptions& o) {
    std::vector<PlannedDrill> out;
    Rng rng(o.seed);
    const bool cn = o.profile == "cn";
    const int periods = cn ? 2 : 4;
    const int periodDays = cn ? 182 : 91;
    const Date jan1{o.year, 1, 1};
    for (const auto& b : project.buildings) {
        bool hasOr = false;
        for (const auto& f : b.floors)
            for (const auto& r : f.rooms)
                hasOr = hasOr || r.kind == RoomKind::Operating;
        for (const char* shift : {"day", "night"}) {
            // One base offset per building and shift, then one period apart with a small
            // jitter: consecutive drills stay 91 ± 10 days apart (TJC tolerance).
            const int base = 14 + static_cast<int>(rng.uniform01() * 45);
            for (int q = 0; q < periods; ++q) {
                const int jitter = static_cast<int>(std::floor(rng.uniform01() * 9)) - 4;
                PlannedDrill d;
                d.date = jan1.addDays(base + q * periodDays + jitter);
                d.startHour = std::string(shift) == "day" ? 10 : 3;
                d.building = b.id;
                d.buildingName = b.name;
                d.shift = shift;
                d.kind = "fire drill";
                d.period = q + 1;
                d.uid = "muster-" + std::to_string(o.year) + "-" + b.id + "-" + shift + "-" +
                        (cn ? "h" : "q") + std::to_string(q + 1) + "@muster.local";
                out.push_back(d);
            }
        }
        if (hasOr) {
            PlannedDrill d;
            d.date = jan1.addDays(120 + static_cast<int>(rng.uniform01() * 120));
            d.startHour = 14;
            d.building = b.id;
            d.buildingName = b.name;
            d.shift = "day";
            d.kind = "OR suite fire drill";
            d.uid = "muster-" + std::to_string(o.year) + "-" + b.id + "-or@muster.local";
            out.push_back(d);
        }
    }
    // Exactly round(share * n) unannounced, chosen by a seeded shuffle.
    std::vector<size_t> order(out.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    for (size_t i = order.size(); i > 1; --i)
        std::swap(order[i - 1], order[static_cast<size_t>(rng.next() % i)]);
    const auto k = static_cast<size_t>(
        std::lround(std::clamp(o.unannouncedShare, 0.0, 1.0) * static_cast<double>(out.size())));
    for (size_t i = 0; i < k; ++i)
        out[order[i]].unannounced = true;
    std::stable_sort(out.begin(), out.end(), [](const PlannedDrill& a, const PlannedDrill& b) {
        return a.date != b.date ? a.date < b.date : a.uid < b.uid;
    });
    return out;
}

namespace {
std::string csvField(const std::string& s) {
    std::string o = "\"";
    for (char c : s)
        o += c == '"' ? std::string("\"\"") : std::string(1, c);
    return o + "\"";
}
std::string icsText(const std::string& s) { // RFC 5545 3.3.11 TEXT escaping
    std::string o;
    for (char c : s) {
        if (c == '\\' || c == ';' || c == ',')
            o += '\\';
        if (c == '\n') {
            o += "\\n";
            continue;
        }
        o += c;
    }
    return o;
}
std::string stampOf(const Date& d, int hour, bool utc) {
    char b[32];
    std::snprintf(b, sizeof b, "%04d%02d%02dT%02d0000%s", d.year, d.month, d.day, hour,
                  utc ? "Z" : "");
    return b;
}
} // namespace

std::string planCsv(const std::vector<PlannedDrill>& plan) {
    std::string o =
        "date,start,duration_min,building,building_name,shift,kind,period,unannounced,uid\n";
    for (const auto& d : plan) {
        char t[8];
        std::snprintf(t, sizeof t, "%02d:00", d.startHour);
        o += d.date.str() + "," + t + "," + std::to_string(d.durationMin) + "," + d.building + "," +
             csvField(d.buildingName) + "," + d.shift + "," + d.kind + "," +
             std::to_string(d.period) + "," + (d.unannounced ? "yes" : "no") + "," + d.uid + "\n";
    }
    return o;
}

std::string foldIcsLine(const std::string& line) {
    // At most 75 octets per physical line; continuation lines start with one space (which
    // counts). Never split a UTF-8 sequence.
    std::string out;
    size_t pos = 0;
    size_t limit = 75;
    while (line.size() - pos > limit) {
        size_t cut = pos + limit;
        while (cut > pos && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80)
            --cut;
        out += line.substr(pos, cut - pos) + "\r\n ";
        pos = cut;
        limit = 74;
    }
    return out + line.substr(pos);
}

std::string planIcs(const std::vector<PlannedDrill>& plan, const PlanOptions& o) {
    std::string s;
    auto line = [&](const std::string& l) { s += foldIcsLine(l) + "\r\n"; };
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//Muster//Drill plan//EN");
    line("CALSCALE:GREGORIAN");
    line("X-WR-CALNAME:" +
         icsText("Fire drills " + std::to_string(o.year) + " (" + o.profile + ")"));
    for (const auto& d : plan) {
        line("BEGIN:VEVENT");
        line("UID:" + d.uid);
        line("DTSTAMP:" + stampOf(o.stamp, 0, true));
        line("DTSTART:" + stampOf(d.date, d.startHour, false));
        line("DURATION:PT" + std::to_string(d.durationMin) + "M");
        line("SUMMARY:" + icsText(std::string(d.unannounced ? "[unannounced] " : "") + d.kind +
                                  " " + d.building + " " + d.shift + " shift"));
        line("DESCRIPTION:" +
             icsText(d.buildingName + ", " + d.shift + " shift, " +
                     (d.period
                          ? (o.profile == "cn" ? "half " : "quarter ") + std::to_string(d.period)
                          : std::string("yearly")) +
                     (o.profile == "cn" ? ". MPS Order 61: every 6 months."
                                        : ". NFPA 101 / TJC EC.02.03.03: once per shift per "
                                          "quarter; OR suites yearly.")));
        line("CATEGORIES:FIRE DRILL");
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    return s;
}

} // namespace muster
