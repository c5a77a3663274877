#pragma once
// `muster plan`: the year's drill programme for a campus, as CSV and iCalendar (RFC 5545).
#include <cstdint>
#include <string>
#include <vector>

#include "muster/date.hpp"
#include "muster/scenario.hpp"

namespace muster {

struct PlanOptions {
    int year = 2027;
    std::string profile = "nfpa"; // "nfpa": once per shift per quarter (NFPA 101, TJC
                                  // EC.02.03.03); "cn": every 6 months (MPS Order 61)
    double unannouncedShare = 0.5;
    std::uint64_t seed = 1;
    Date stamp{2027, 1, 1}; // DTSTAMP: fixed from the input, never the wall clock
};

struct PlannedDrill {
    Date date;
    int startHour = 10; // local (floating) time
    int durationMin = 60;
    std::string building, buildingName;
    std::string shift; // "day" or "night"
    std::string kind;  // "fire drill" or "OR suite fire drill"
    int period = 0;    // quarter (1..4) or half (1..2); 0 for yearly
    bool unannounced = false;
    std::string uid;
};

// Every building x shift per quarter (nfpa) or half year (cn); buildings with operating
// rooms get one OR-suite drill per year (NFPA 99 / TJC). Dates spread by the seed, intervals
// kept within TJC's quarterly tolerance (91 d ± 10 d). Sorted by date.
std::vector<PlannedDrill> planDrills(const Project& project, const PlanOptions& options);
std::string planCsv(const std::vector<PlannedDrill>& plan);
// VCALENDAR with one VEVENT per drill; CRLF line ends, lines folded at 75 octets.
std::string planIcs(const std::vector<PlannedDrill>& plan, const PlanOptions& options);
// RFC 5545 section 3.1 folding of one content line (without its CRLF).
std::string foldIcsLine(const std::string& line);

} // namespace muster
