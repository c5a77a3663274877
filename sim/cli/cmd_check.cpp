// muster check / checklist / inspect record / hazards / forecast / bench-check
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>

#include "check_inputs.hpp"
#include "commands.hpp"
#include "muster/checklist.hpp"
#include "muster/checks.hpp"
#include "muster/hazard_register.hpp"
#include "muster/geometry.hpp"
#include "muster/inspection.hpp"
#include "muster/labels.hpp"
#include "muster/loader.hpp"
#include "muster/ownership.hpp"
#include "muster/safe_write.hpp"
#include "muster/text.hpp"

namespace muster::cli {

namespace fs = std::filesystem;

namespace {

// The advisory extra setting points for every floor of a report whose class A coverage is
// short by at least a sliver (docs/compliance.md), for the HTML maps.
std::vector<SettingPointAdvice> adviceFor(const ComplianceReport& rep, const Loaded& L,
                                          double cellM) {
    std::vector<SettingPointAdvice> out;
    for (const FloorReport& fr : rep.floors) {
        const ClassCoverage* a = fr.coverage.find(FireClass::A);
        const Floor* f = L.project.findFloor(fr.floor);
        if (!a || !f || a->total.uncoveredM2 < 0.5)
            continue;
        for (const Building& b : L.project.buildings) {
            auto it = L.rules.find(b.rulesProfile);
            if (b.id != fr.building || it == L.rules.end())
                continue;
            AdviceOptions ao;
            ao.cellM = cellM;
            out.push_back(adviseSettingPoints(*f, L.project.inventory.extinguishers, it->second,
                                              rep.today, ao));
        }
    }
    return out;
}

double medianMs(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

namespace {

// `muster check` options, bound to its flags.
struct CheckArgs {
    std::string scenario, date, rulesFile, jsonFile, csvFile, htmlFile;
    bool json = false, all = false, noCoverage = false;
    double cellM = 0.2;
    int dueDays = 30;
};

// `muster bench-check` options, bound to its flags.
struct BenchCheckArgs {
    std::string benchScenario;
    int runs = 5;
};

// `muster checklist` options, bound to its flags.
struct ChecklistArgs {
    std::string clScenario, clMonth, clHtml, clCsv, clRules;
};

// `muster inspect record` options, bound to its flags.
struct InspectArgs {
    bool inCreate = false;
    std::string inRules;
    std::string inLog, inScenario, inFrom, inRegister, inItem, inScan, inCheck, inResult, inReading,
        inInspector, inDate, inNote;
};

// `muster hazards` options, bound to its flags.
struct HazardsArgs {
    std::string hzFile, hzBy, hzDate, hzAdvance, hzTo, hzPerson;
    bool hzCreate = false;
};

// `muster forecast` options, bound to its flags.
struct ForecastArgs {
    std::string fcScenario, fcDate, fcRules;
    int fcMonths = 12;
    bool fcJson = false;
};

} // namespace

void addCheckCommands(Registry& r) {
    // ---- check ----------------------------------------------------------------------
    auto checkArgs = std::make_shared<CheckArgs>();
    CLI::App* check = r.add(
        "check",
        "Check the fire equipment as of a date: expiry, due dates, inspections, counts, Q = K·S/U, "
        "exits, and coverage of every floor by walking distance",
        "muster check scenarios/hospital/day.yaml --date 2026-11-23 --html out/check.html",
        [checkArgs] {
            Date today;
            if (!parseDateArg(checkArgs->date, today))
                return 2;
            auto L = loadAll(checkArgs->scenario, checkArgs->rulesFile);
            if (!L)
                return 1;
            CheckOptions opt;
            opt.cellM = checkArgs->cellM;
            opt.dueWithinDays = checkArgs->dueDays;
            opt.coverage = !checkArgs->noCoverage;
            Diagnostics d;
            const ComplianceReport rep = runChecks(L->project, L->rules, today, opt, d);
            printDiagnosticsAndCount(d);
            bool ok = true;
            if (!checkArgs->jsonFile.empty())
                ok = writeTextFile(checkArgs->jsonFile, checkJson(rep) + "\n") && ok;
            if (!checkArgs->csvFile.empty())
                ok = writeTextFile(checkArgs->csvFile, checkCsv(rep)) && ok;
            if (!checkArgs->htmlFile.empty())
                ok = writeTextFile(checkArgs->htmlFile,
                                   checkHtml(rep, L->project,
                                             opt.coverage ? adviceFor(rep, *L, checkArgs->cellM)
                                                          : std::vector<SettingPointAdvice>{})) &&
                     ok;
            if (!ok) {
                std::cerr << "muster: error: cannot write an output file\n";
                return 1;
            }
            if (checkArgs->json)
                std::cout << checkJson(rep) << "\n";
            else
                std::cout << checkSummaryText(rep, checkArgs->all);
            return rep.count(Severity::Error) > 0 ? 1 : 0;
        });
    check->add_option("scenario", checkArgs->scenario, "Scenario file")->required();
    check->add_option("--date", checkArgs->date, "As of this date, YYYY-MM-DD (default: today)");
    check->add_option(
        "--rules", checkArgs->rulesFile,
        "Rules profile file for every building (default: the bundled profile each building names)");
    check->add_flag("--json", checkArgs->json, "Print the full report as JSON on stdout");
    check->add_option("--json-file", checkArgs->jsonFile,
                      "Also write the JSON report to this file");
    check->add_option("--csv", checkArgs->csvFile, "Write the findings as CSV to this file");
    check->add_option("--html", checkArgs->htmlFile,
                      "Write a self-contained HTML report with floor maps to this file");
    check->add_flag("--all", checkArgs->all, "List every error and warning on the terminal");
    check->add_flag("--no-coverage", checkArgs->noCoverage, "Skip the walking-distance coverage");
    check->add_option("--cell", checkArgs->cellM, "Coverage grid spacing in metres")
        ->check(finiteIn(limits::kMinCellM, limits::kMaxCellM))
        ->capture_default_str();
    check
        ->add_option("--due-days", checkArgs->dueDays,
                     "Report items falling due within this many days")
        ->check(wholeIn(0, 3650))
        ->capture_default_str();

    // ---- bench-check ----------------------------------------------------------------
    auto benchCheckArgs = std::make_shared<BenchCheckArgs>();
    CLI::App* bench = r.add(
        "bench-check",
        "Time `muster check` on a scenario and the coverage of one synthetic 2,000 m² floor at 0.1 m (median of runs)",
        "muster bench-check scenarios/hospital/day.yaml --runs 5", [benchCheckArgs] {
            auto L = loadAll(benchCheckArgs->benchScenario, "");
            if (!L)
                return 1;
            const Date today{2026, 11, 23};
            std::vector<double> whole;
            ComplianceReport rep;
            for (int i = 0; i < benchCheckArgs->runs; ++i) {
                Diagnostics d;
                const auto t0 = std::chrono::steady_clock::now();
                rep = runChecks(L->project, L->rules, today, CheckOptions{}, d);
                whole.push_back(
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                        .count());
            }
            // A 50 m x 40 m floor: corridor along the middle, rooms either side, 6 units.
            Floor f;
            f.id = "BENCH";
            f.outline = {{0, 0}, {50, 0}, {50, 40}, {0, 40}};
            Room corridor;
            corridor.id = "C";
            corridor.kind = RoomKind::Corridor;
            corridor.polygon = {{0, 18}, {50, 18}, {50, 22}, {0, 22}};
            f.rooms.push_back(corridor);
            f.walls.push_back({"w1", {{0, 18}, {50, 18}}, 0.2, {}});
            f.walls.push_back({"w2", {{0, 22}, {50, 22}}, 0.2, {}});
            for (int i = 0; i < 10; ++i) {
                const double x0 = 5.0 * i;
                for (int side = 0; side < 2; ++side) {
                    Room rm;
                    rm.id = "R" + std::to_string(i) + (side ? "N" : "S");
                    rm.kind = RoomKind::Ward;
                    rm.polygon = side ? Polygon{{x0, 22}, {x0 + 5, 22}, {x0 + 5, 40}, {x0, 40}}
                                      : Polygon{{x0, 0}, {x0 + 5, 0}, {x0 + 5, 18}, {x0, 18}};
                    f.rooms.push_back(rm);
                    Door dr;
                    dr.id = "D" + rm.id;
                    dr.at = {x0 + 2.5, side ? 22.0 : 18.0};
                    dr.widthM = 1.2;
                    dr.roomA = rm.id;
                    dr.roomB = "C";
                    f.doors.push_back(dr);
                }
                if (i > 0) {
                    f.walls.push_back({"", {{x0, 0}, {x0, 18}}, 0.2, {}});
                    f.walls.push_back({"", {{x0, 22}, {x0, 40}}, 0.2, {}});
                }
            }
            std::vector<Extinguisher> units;
            for (int i = 0; i < 6; ++i) {
                Extinguisher e;
                e.id = "B" + std::to_string(i);
                e.floor = "BENCH";
                e.at = {4.0 + 8.4 * i, 20.0};
                e.ratingA = 3;
                e.ratingB = 89;
                e.manufactured = {2024, 1};
                units.push_back(e);
            }
            const RulesProfile& rp = L->rules.begin()->second;
            std::vector<double> floorMs;
            FloorCoverage fc;
            CoverageOptions co;
            co.cellM = 0.1;
            for (int i = 0; i < benchCheckArgs->runs; ++i) {
                const auto t0 = std::chrono::steady_clock::now();
                fc = computeFloorCoverage(f, units, rp, today, co);
                floorMs.push_back(
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                        .count());
            }
            int floors = static_cast<int>(rep.floors.size());
            std::printf(
                "muster check %s (%d floors, %d extinguishers, cell 0.2 m): median %.1f ms over %d runs (target < 2000 ms)\n",
                benchCheckArgs->benchScenario.c_str(), floors, rep.extinguishers, medianMs(whole),
                benchCheckArgs->runs);
            std::printf(
                "coverage of one %.0f m² floor at 0.1 m (%d units): median %.1f ms over %d runs (target < 200 ms); class A %.1f %% covered\n",
                area(f.outline), static_cast<int>(units.size()), medianMs(floorMs),
                benchCheckArgs->runs, fc.find(FireClass::A)->total.percent());
            return 0;
        });
    bench->add_option("scenario", benchCheckArgs->benchScenario, "Scenario file")->required();
    bench->add_option("--runs", benchCheckArgs->runs, "Runs per measurement")
        ->check(wholeIn(1, 1000))
        ->capture_default_str();

    // ---- checklist ------------------------------------------------------------------
    auto checklistArgs = std::make_shared<ChecklistArgs>();
    CLI::App* cl = r.add(
        "checklist",
        "Monthly inspection checklist per floor, ordered along a short walking route; printable HTML "
        "(A4, one floor per page, with the map) and a fill-in CSV inspection-log template",
        "muster checklist scenarios/hospital/day.yaml --month 2026-12 --html out/checklist.html --csv out/log-template.csv",
        [checklistArgs] {
            auto month = parseYearMonth(checklistArgs->clMonth);
            if (!month) {
                std::cerr << "muster: error: --month: expected YYYY-MM, got \""
                          << checklistArgs->clMonth << "\"\n";
                return 2;
            }
            auto L = loadAll(checklistArgs->clScenario, checklistArgs->clRules);
            if (!L)
                return 1;
            const Checklist c = buildChecklist(L->project, L->rules, *month);
            if ((!checklistArgs->clHtml.empty() &&
                 !writeTextFile(checklistArgs->clHtml, checklistHtml(c, L->project))) ||
                (!checklistArgs->clCsv.empty() &&
                 !writeTextFile(checklistArgs->clCsv, checklistCsv(c)))) {
                std::cerr << "muster: error: cannot write an output file\n";
                return 1;
            }
            std::cout << checklistText(c);
            return 0;
        });
    cl->add_option("scenario", checklistArgs->clScenario, "Scenario file")->required();
    cl->add_option("--month", checklistArgs->clMonth, "Month to inspect, YYYY-MM")->required();
    cl->add_option("--html", checklistArgs->clHtml,
                   "Write the printable checklist (HTML, A4 pages) to this file");
    cl->add_option("--csv", checklistArgs->clCsv,
                   "Write the fill-in inspection-log template (CSV) to this file");
    cl->add_option("--rules", checklistArgs->clRules, "Rules profile file for every building");

    // ---- inspect record -------------------------------------------------------------
    auto inspectArgs = std::make_shared<InspectArgs>();
    CLI::App* inspect = r.add(
        "inspect", "Inspection log: record results (a failed check opens a hazard in the register)",
        "muster inspect record logs/2026.csv --scenario scenarios/hospital/day.yaml --from out/log-template.csv",
        [inspectArgs] {
            Diagnostics d;
            auto project = loadProject(inspectArgs->inScenario, d);
            if (!project) {
                printDiagnosticsAndCount(d);
                return 1;
            }
            // --scan: what a scanner typed from a label's QR code (muster/labels.hpp). Unlike
            // --item, an id that names no unit of the scenario is refused: a misread code must
            // not become a record.
            std::string itemId = inspectArgs->inItem;
            if (!inspectArgs->inScan.empty()) {
                if (!inspectArgs->inItem.empty() || !inspectArgs->inFrom.empty()) {
                    std::cerr << "muster: error: --scan replaces --item; give one of --scan, "
                                 "--item or --from\n";
                    return 2;
                }
                const std::string id = parseScanPayload(inspectArgs->inScan);
                if (id.empty() || !findItem(*project, id)) {
                    std::cerr << "muster: error: --scan: no unit \"" << printableExcerpt(id, 80)
                              << "\" in " << inspectArgs->inScenario << "; nothing was written\n";
                    return 1;
                }
                itemId = id;
            }
            std::vector<InspectionEntry> add;
            if (!inspectArgs->inFrom.empty()) {
                std::ifstream in(inspectArgs->inFrom, std::ios::binary);
                if (!in) {
                    std::cerr << "muster: error: cannot read " << inspectArgs->inFrom << "\n";
                    return 1;
                }
                std::string text((std::istreambuf_iterator<char>(in)),
                                 std::istreambuf_iterator<char>());
                add = parseInspectionRows(inspectArgs->inFrom, text, d);
            } else {
                if (itemId.empty() || inspectArgs->inCheck.empty() ||
                    inspectArgs->inResult.empty()) {
                    std::cerr
                        << "muster: error: give --from FILE, or --item (or --scan), --check and "
                           "--result\n";
                    return 2;
                }
                InspectionEntry e;
                Date when;
                if (!parseDateArg(inspectArgs->inDate, when))
                    return 2;
                e.date = when;
                e.item = itemId;
                e.check = inspectArgs->inCheck;
                e.result = inspectArgs->inResult;
                e.reading = inspectArgs->inReading;
                e.inspector = inspectArgs->inInspector;
                e.note = inspectArgs->inNote;
                if (e.result != "pass" && e.result != "fail") {
                    std::cerr << "muster: error: --result: expected pass or fail, got \""
                              << e.result << "\"\n";
                    return 2;
                }
                add.push_back(e);
            }
            auto rules = loadRules(*project, inspectArgs->inRules, d);
            if (!rules) {
                printDiagnosticsAndCount(d);
                return 1;
            }
            const std::string regPath =
                inspectArgs->inRegister.empty()
                    ? (fs::path(inspectArgs->inLog).parent_path() / "hazards.csv").string()
                    : inspectArgs->inRegister;
            // The same recording as the viewer's checklist panel (muster/inspection.hpp), on the
            // log as it is once its lock is held: concurrent records are serialised.
            RecordOptions ro;
            ro.create = inspectArgs->inCreate;
            ro.source = inspectArgs->inFrom.empty() ? std::string("--item") : inspectArgs->inFrom;
            const InspectionRecord rec =
                appendInspection(*project, *rules, inspectArgs->inLog, add, regPath, d, ro);
            if (rec.refused > 0) {
                printDiagnosticsAndCount(d);
                std::cerr << "muster: refused " << plural(rec.refused, "entry", "entries")
                          << "; nothing was recorded\n";
                return 1;
            }
            if (!rec.logWritten || (!rec.hazardsOpened.empty() && !rec.registerSaved)) {
                printDiagnosticsAndCount(d);
                return 1;
            }
            printDiagnosticsAndCount(d);
            if (rec.alreadyRecorded)
                std::cout << "already recorded: "
                          << (add.size() == 1
                                  ? std::string("this result is")
                                  : "these " + std::to_string(add.size()) + " results are")
                          << " the last record in " << inspectArgs->inLog
                          << " (a rerun of a command that was stopped); nothing added\n";
            else if (rec.completedInterrupted)
                std::cout << "completed the interrupted record of these results: ";
            if (!rec.alreadyRecorded) {
                std::cout << "recorded "
                          << plural(static_cast<long long>(add.size()), "result", "results")
                          << " in " << inspectArgs->inLog << "; opened "
                          << plural(static_cast<long long>(rec.hazardsOpened.size()), "hazard",
                                    "hazards")
                          << " in " << regPath;
                for (const auto& id : rec.hazardsOpened)
                    std::cout << " " << id;
                std::cout << "\n";
            }
            return d.hasErrors() ? 1 : 0;
        });
    inspect->require_subcommand(1);
    CLI::App* rec =
        inspect->add_subcommand("record", "Append results to the log (a missing LOG or register "
                                          "is an error unless --create)");
    rec->footer(
        "\nExamples:\n  muster inspect record logs/2026.csv --scenario scenarios/hospital/day.yaml --from out/log-template.csv\n"
        "  muster inspect record logs/2026.csv --scenario scenarios/hospital/day.yaml --item EXT-WT3-001 \\\n"
        "      --check gauge --result fail --reading red --inspector 王伟 --date 2026-12-03\n"
        "  muster inspect record logs/2026.csv --scenario scenarios/hospital/day.yaml --scan EXT-WT3-001 \\\n"
        "      --check gauge --result pass --reading green --inspector 王伟\n");
    rec->add_option("log", inspectArgs->inLog, "Inspection log (CSV)")->required();
    rec->add_option("--scenario", inspectArgs->inScenario,
                    "Scenario (for item locations and departments)")
        ->required();
    rec->add_option("--from", inspectArgs->inFrom,
                    "Filled-in checklist CSV (rows without a result are skipped)");
    rec->add_option("--register", inspectArgs->inRegister,
                    "Hazard register (default: hazards.csv next to the log)");
    rec->add_option("--item", inspectArgs->inItem, "Item id");
    rec->add_option("--scan", inspectArgs->inScan,
                    "What a scanner read from the unit's label (its QR code: the unit id; "
                    "surrounding whitespace, CR and LF are dropped), in place of --item; an id "
                    "that names no unit of the scenario is refused");
    rec->add_option(
        "--check", inspectArgs->inCheck,
        "Check id from the checklist (e.g. gauge, dates, present; see the CSV template)");
    rec->add_option("--result", inspectArgs->inResult, "pass or fail");
    rec->add_option("--reading", inspectArgs->inReading, "Reading, e.g. the gauge zone");
    rec->add_option("--inspector", inspectArgs->inInspector, "Inspector");
    rec->add_option("--date", inspectArgs->inDate, "Date of the inspection (default: today)");
    rec->add_option("--note", inspectArgs->inNote, "Note");
    rec->add_option("--rules", inspectArgs->inRules,
                    "Rules profile for every building (default: each building's own)");
    rec->add_flag("--create", inspectArgs->inCreate,
                  "Start a new log (and register) when the file does not exist yet");

    // ---- hazards --------------------------------------------------------------------
    auto hazardsArgs = std::make_shared<HazardsArgs>();
    CLI::App* hz = r.add(
        "hazards",
        "Hazard register: found, rectified, rectification rate, open and overdue (by month or department); "
        "move a hazard through open -> in_progress -> rectified -> verified -> closed",
        "muster hazards logs/hazards.csv --by department --date 2026-12-31", [hazardsArgs] {
            Diagnostics d;
            // Read-check-write of the register under its lock (muster/safe_write.hpp).
            std::unique_ptr<FileLock> lock;
            if (!hazardsArgs->hzAdvance.empty()) {
                std::string err;
                lock = FileLock::acquire(hazardsArgs->hzFile, -1, err);
                if (!lock) {
                    std::cerr << "muster: error: " << err << "\n";
                    return 1;
                }
            }
            auto reg = loadHazardRegister(hazardsArgs->hzFile, d);
            if (!reg) {
                printDiagnosticsAndCount(d);
                return 1;
            }
            if (!reg->file.existed && !hazardsArgs->hzCreate) {
                // A typo'd path is not an empty register ("no hazards").
                std::cerr << hazardsArgs->hzFile
                          << ":0:1: error: no hazard register at this path (a typo?); give "
                             "--create to start a new one\n";
                return 1;
            }
            Date today;
            if (!parseDateArg(hazardsArgs->hzDate, today))
                return 2;
            if (!hazardsArgs->hzAdvance.empty()) {
                auto to = parseHazardStatus(hazardsArgs->hzTo);
                if (!to) {
                    std::cerr
                        << "muster: error: --to: expected in_progress, rectified, verified or closed, got \""
                        << hazardsArgs->hzTo << "\"\n";
                    return 2;
                }
                std::string err;
                if (!advanceHazard(*reg, hazardsArgs->hzAdvance, *to, today, hazardsArgs->hzPerson,
                                   err)) {
                    std::cerr << "muster: error: " << err << "\n";
                    return 1;
                }
                if (!saveHazardRegister(*reg, d)) {
                    printDiagnosticsAndCount(d);
                    return 1;
                }
                std::cout << hazardsArgs->hzAdvance << " -> " << hazardsArgs->hzTo << " on "
                          << today.str() << "\n";
            }
            printDiagnosticsAndCount(d);
            const auto stats = hazardStats(*reg, hazardsArgs->hzBy, today);
            std::cout << hazardStatsText(stats, hazardsArgs->hzBy);
            return d.hasErrors() ? 1 : 0;
        });
    hz->add_option("register", hazardsArgs->hzFile, "Hazard register (CSV)")->required();
    hz->add_option("--by", hazardsArgs->hzBy, "Group by month or department")
        ->check(CLI::IsMember({"month", "department"}));
    hz->add_option("--date", hazardsArgs->hzDate,
                   "As of this date (overdue), and the date of --advance (default: today)");
    hz->add_option("--advance", hazardsArgs->hzAdvance, "Hazard id to move to --to");
    hz->add_option("--to", hazardsArgs->hzTo,
                   "New status, one step at a time: in_progress, rectified, verified, closed");
    hz->add_option("--person", hazardsArgs->hzPerson,
                   "Who did it: the rectifier (--to rectified) or the verifier (--to verified, "
                   "never the rectifier)");
    hz->add_flag("--create", hazardsArgs->hzCreate,
                 "Start a new, empty register when the file does not exist");
    hz->footer("\nExamples:\n  muster hazards logs/hazards.csv --by department --date 2026-12-31\n"
               "  muster hazards logs/hazards.csv --advance HZ-0007 --to rectified --person 刘洋 "
               "--date 2026-12-05\n"
               "  muster hazards logs/hazards.csv --advance HZ-0007 --to verified --person 王伟 "
               "--date 2026-12-06\n");

    // ---- forecast -------------------------------------------------------------------
    auto forecastArgs = std::make_shared<ForecastArgs>();
    CLI::App* fc = r.add(
        "forecast",
        "Month by month for the next months: units expiring and falling due, each floor's class A coverage "
        "if nothing is replaced, the replacement list, and (advisory) the fewest extra setting points "
        "that would restore full coverage",
        "muster forecast scenarios/hospital/day.yaml --date 2026-11-23 --months 12",
        [forecastArgs] {
            Date today;
            if (!parseDateArg(forecastArgs->fcDate, today))
                return 2;
            auto L = loadAll(forecastArgs->fcScenario, forecastArgs->fcRules);
            if (!L)
                return 1;
            const Forecast f =
                forecast(L->project, L->rules, today, forecastArgs->fcMonths, CheckOptions{});
            if (forecastArgs->fcJson)
                std::cout << forecastJson(f) << "\n";
            else
                std::cout << forecastText(f);
            return 0;
        });
    fc->add_option("scenario", forecastArgs->fcScenario, "Scenario file")->required();
    fc->add_option("--date", forecastArgs->fcDate, "Start date, YYYY-MM-DD (default: today)");
    fc->add_option("--months", forecastArgs->fcMonths, "Months ahead")
        ->check(wholeIn(1, 120))
        ->capture_default_str();
    fc->add_option("--rules", forecastArgs->fcRules, "Rules profile file for every building");
    fc->add_flag("--json", forecastArgs->fcJson, "Print the forecast as JSON on stdout");
}

} // namespace muster::cli
