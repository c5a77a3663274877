// Monte Carlo replications, shard/result files and summaries (statistics: statistics.cpp).
#include "muster/monte_carlo.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "muster/distribution.hpp"
#include "muster/geometry.hpp"
#include "muster/rounding.hpp"
#include "muster/staff_allocation.hpp"

namespace muster {

using Json = nlohmann::ordered_json;

// ---- context and replications ---------------------------------------------------------------
DrillContext makeDrillContext(const Project& project) {
    DrillContext ctx;
    static_cast<RunSetup&>(ctx) = prepareRun(project);
    int fi = 0;
    for (size_t bi = 0; bi < ctx.project.buildings.size(); ++bi) {
        const Building& b = ctx.project.buildings[bi];
        for (size_t f = 0; f < b.floors.size(); ++f, ++fi) {
            const Floor& fl = b.floors[f];
            for (size_t r = 0; r < fl.rooms.size(); ++r) {
                const Room& room = fl.rooms[r];
                ctx.roomWard[room.id] =
                    room.department.empty() ? fl.id : fl.id + " " + room.department;
                if (!room.compartment.empty())
                    ctx.roomCompartment[room.id] = room.compartment;
                const double aset = ctx.smoke.untenableS(room.id);
                if (std::isfinite(aset))
                    ctx.asetRooms.push_back({aset, room.id, fi, bi, f, r});
            }
        }
    }
    std::stable_sort(ctx.asetRooms.begin(), ctx.asetRooms.end(),
                     [](const auto& a, const auto& b) { return a.asetS < b.asetS; });
    return ctx;
}

std::uint64_t replicationSeed(std::uint64_t masterSeed, int index) {
    return Rng::stream(masterSeed, static_cast<std::uint64_t>(index)).next();
}

namespace {

// People whose FED reached the design threshold, by the room where it did.
void countFedDesign(const RunResults& r, Replication& rep) {
    for (const auto& p : r.people)
        if (p.fedDesignS >= 0)
            rep.fedDesign[p.fedDesignRoom.empty() ? "unknown" : p.fedDesignRoom]++;
}

} // namespace

Replication runReplication(const DrillContext& ctx, std::uint64_t masterSeed, int index,
                           const ReplicationHooks* hooks) {
    Replication rep;
    rep.index = index;
    rep.seed = replicationSeed(masterSeed, index);
    const std::unique_ptr<Simulation> simulation = ctx.makeSimulation(rep.seed);
    Simulation& sim = *simulation;
    if (hooks && hooks->beforeRun)
        hooks->beforeRun(sim);
    size_t next = 0;
    sim.run([&](const Simulation& s) {
        const double td = s.clockS();
        if (next < ctx.asetRooms.size() && ctx.asetRooms[next].asetS <= td + 1e-9) {
            const Frame fr = s.frame();
            while (next < ctx.asetRooms.size() && ctx.asetRooms[next].asetS <= td + 1e-9) {
                const auto& ar = ctx.asetRooms[next++];
                const Polygon& poly =
                    ctx.project.buildings[ar.building].floors[ar.floor].rooms[ar.room].polygon;
                int n = 0;
                for (const auto& a : fr.agents)
                    if (a.floor == ar.floorIndex && a.state != AgentState::Evacuated &&
                        pointInPolygon(poly, {a.x, a.y}))
                        ++n;
                if (n > 0)
                    rep.atUntenable[ar.id] = n;
            }
        }
        if (hooks && hooks->onFrame)
            hooks->onFrame(s);
    });
    // The engine's results are on the one clock already (s since ignition).
    const RunResults r = sim.results();
    rep.total = r.total;
    rep.evacuated = r.evacuated;
    rep.inPlace = r.inPlace;
    rep.endS = r.endS();
    rep.totalTimeS = r.totalTimeS;
    rep.t50 = r.t50;
    rep.t90 = r.t90;
    rep.t95 = r.t95;
    rep.t100 = r.t100;
    std::vector<double> outs;
    for (const auto& p : r.people) {
        const Outcome o = p.outcome();
        if (o == Outcome::Evacuated || o == Outcome::Refuge)
            outs.push_back(p.exitTimeS);
        else if (o != Outcome::DefendedInPlace)
            rep.notOut[p.reason.empty() ? "unknown" : p.reason]++;
        if (o == Outcome::DefendedInPlace)
            continue; // never meant to move: not waiting for anyone
        const Profile* prof = ctx.project.profiles.find(p.profile);
        if (p.needsHelp || (prof && !prof->selfEvacuates)) {
            rep.waitingForHelp.push_back((p.helpArrivedS >= 0 ? p.helpArrivedS : r.endS()) -
                                         r.alarmS);
            rep.notReached += p.helpArrivedS < 0 ? 1 : 0;
        }
    }
    std::sort(outs.begin(), outs.end());
    // Up to the first step at or after the end: the last person out (at the end) is counted.
    const auto bins = static_cast<size_t>(std::ceil(rep.endS / ctx.curveStepS - 1e-9)) + 1;
    size_t j = 0;
    for (size_t k = 0; k < bins; ++k) {
        const double t = static_cast<double>(k) * ctx.curveStepS;
        while (j < outs.size() && outs[j] <= t + 1e-9)
            ++j;
        rep.curve.push_back(static_cast<int>(j));
    }
    std::set<std::string> defendedRooms;
    for (const auto& c : r.rooms) {
        if (c.defendedInPlace())
            defendedRooms.insert(c.id);
        else if (c.initialCount > 0 || c.clearS > 0)
            rep.rooms[c.id] = c.clearS;
    }
    for (const auto& p : r.people)
        if (p.exitTimeS < 0 && !p.inPlace && !p.lastRoom.empty())
            rep.rooms[p.lastRoom] = -1.0;
    for (const auto& [room, t] : rep.rooms) {
        auto fold = [&](std::map<std::string, double>& m, const std::string& key) {
            auto it = m.find(key);
            if (it == m.end())
                m[key] = t;
            else if (it->second >= 0)
                it->second = t < 0 ? -1.0 : std::max(it->second, t);
        };
        if (auto w = ctx.roomWard.find(room); w != ctx.roomWard.end())
            fold(rep.wards, w->second);
        if (auto c = ctx.roomCompartment.find(room); c != ctx.roomCompartment.end())
            fold(rep.compartments, c->second);
    }
    // A ward (compartment) is defended in place when rooms of it were and nobody there moved.
    std::set<std::string> dw, dc;
    for (const auto& room : defendedRooms) {
        if (auto w = ctx.roomWard.find(room);
            w != ctx.roomWard.end() && !rep.wards.count(w->second))
            dw.insert(w->second);
        if (auto c = ctx.roomCompartment.find(room);
            c != ctx.roomCompartment.end() && !rep.compartments.count(c->second))
            dc.insert(c->second);
    }
    rep.defendedWards.assign(dw.begin(), dw.end());
    rep.defendedCompartments.assign(dc.begin(), dc.end());
    for (const auto& e : r.exits)
        rep.exits[e.id] = e.count;
    countFedDesign(r, rep);
    recordStaff(r, ctx.roomWard, rep);
    return rep;
}

std::vector<Replication> runReplications(const DrillContext& ctx, std::uint64_t masterSeed,
                                         const std::vector<int>& indices, int threads,
                                         const std::function<void(int done)>& progress) {
    std::vector<Replication> out(indices.size());
    std::atomic<size_t> next{0};
    std::atomic<int> done{0};
    std::mutex progressMutex;
    auto worker = [&] {
        for (;;) {
            const size_t k = next.fetch_add(1);
            if (k >= indices.size())
                return;
            out[k] = runReplication(ctx, masterSeed, indices[k]);
            const int d = ++done;
            if (progress) {
                std::lock_guard<std::mutex> lock(progressMutex);
                progress(d);
            }
        }
    };
    const int n = std::max(1, std::min<int>(threads, static_cast<int>(indices.size())));
    std::vector<std::thread> pool;
    for (int i = 1; i < n; ++i)
        pool.emplace_back(worker);
    worker();
    for (auto& t : pool)
        t.join();
    std::sort(out.begin(), out.end(),
              [](const Replication& a, const Replication& b) { return a.index < b.index; });
    return out;
}

McRun makeRun(const DrillContext& ctx, const std::string& scenarioPath, std::uint64_t seed,
              int runs) {
    McRun run;
    run.scenario = scenarioPath;
    run.seed = seed;
    run.runs = runs;
    run.curveStepS = ctx.curveStepS;
    run.alarmS = ctx.alarmS;
    if (ctx.drill) {
        run.drillName = ctx.drill->name;
        run.strategy = toString(ctx.drill->strategy);
        for (const auto& r : ctx.smoke.rooms)
            if (std::isfinite(r.untenableS))
                run.aset.push_back({r.room, r.floor, r.from, r.via, r.untenableS});
        run.timeline = drillTimeline(ctx.project, *ctx.drill, ctx.smoke);
    }
    return run;
}

std::vector<int> shardIndices(int runs, int k, int n) {
    std::vector<int> out;
    for (int i = 0; i < runs; ++i)
        if (n <= 1 || i % n == k - 1)
            out.push_back(i);
    return out;
}

// ---- JSON ---------------------------------------------------------------------------------
namespace {

// NaN (a percentile Kaplan-Meier never reaches; no interval) is written as null. The summary is
// rounded to what its numbers mean (muster/rounding.hpp: times 0.1 s, mean counts 0.001); the
// replications below it keep full precision, so a merge of shards summarises the same values
// and writes the same bytes.
Json statsJson(const SampleStats& s, double step = kTimeStepS) {
    const auto r = [step](double v) { return roundTo(v, step); };
    return Json{{"n", s.n},          {"censored", s.censored}, {"interval_note", s.intervalNote()},
                {"mean", r(s.mean)}, {"sd", r(s.sd)},          {"p5", r(s.p5)},
                {"p50", r(s.p50)},   {"p90", r(s.p90)},        {"p95", r(s.p95)},
                {"max", r(s.max)},   {"ci95_low", r(s.ciLow)}, {"ci95_high", r(s.ciHigh)}};
}

Json roundedCounts(const std::map<std::string, double>& m) {
    Json j = Json::object();
    for (const auto& [k, v] : m)
        j[k] = roundTo(v, kMeanCountStep);
    return j;
}

// Staff allocation of one replication (staff_allocation.hpp). Each helper is one array,
// [id, profile, ward, trips, distance_m, busy_s, [patient ids]], to keep drill.json compact
// (no member names repeated per helper; docs/drills.md, "Staff allocation", names the fields).
Json staffJson(const Replication& r) {
    Json helpers = Json::array();
    for (const auto& h : r.staff) {
        Json row = Json::array();
        row.push_back(h.id);
        row.push_back(h.profile);
        row.push_back(h.ward);
        row.push_back(h.trips);
        row.push_back(roundDistance(h.distanceM));
        row.push_back(roundTime(h.busyS));
        row.push_back(h.patients);
        helpers.push_back(std::move(row));
    }
    Json j;
    j["helpers"] = helpers;
    j["patients_moved"] = r.patientsMoved;
    j["helped_from_other_wards"] = r.helpedFromOtherWards;
    j["flows"] = r.staffFlows;
    return j;
}

void staffFrom(const Json& j, Replication& r) {
    for (const auto& h : j.at("helpers")) {
        HelperRecord rec;
        rec.id = h.at(0).get<std::uint32_t>();
        rec.profile = h.at(1).get<std::string>();
        rec.ward = h.at(2).get<std::string>();
        rec.trips = h.at(3).get<int>();
        rec.distanceM = h.at(4).get<double>();
        rec.busyS = h.at(5).get<double>();
        rec.patients = h.at(6).get<std::vector<std::uint32_t>>();
        r.staff.push_back(std::move(rec));
    }
    r.patientsMoved = j.value("patients_moved", std::map<std::string, int>{});
    r.helpedFromOtherWards = j.value("helped_from_other_wards", std::map<std::string, int>{});
    r.staffFlows = j.value("flows", std::map<std::string, std::map<std::string, int>>{});
}

Json repJson(const Replication& r) {
    Json j;
    j["index"] = r.index;
    j["seed"] = r.seed;
    j["total"] = r.total;
    j["evacuated"] = r.evacuated;
    j["defended_in_place"] = r.inPlace;
    j["end_s"] = r.endS;
    j["total_time_s"] = r.totalTimeS;
    j["t50_s"] = r.t50;
    j["t90_s"] = r.t90;
    j["t95_s"] = r.t95;
    j["t100_s"] = r.t100;
    j["curve"] = r.curve;
    j["wards"] = r.wards;
    j["compartments"] = r.compartments;
    j["rooms"] = r.rooms;
    j["exits"] = r.exits;
    j["at_untenable"] = r.atUntenable;
    j["not_out"] = r.notOut;
    j["waiting_for_help_s"] = r.waitingForHelp;
    j["not_reached"] = r.notReached;
    j["defended_wards"] = r.defendedWards;
    j["defended_compartments"] = r.defendedCompartments;
    j["fed_0_3"] = r.fedDesign;
    j["staff"] = staffJson(r);
    return j;
}

Replication repFrom(const Json& j) {
    Replication r;
    r.index = j.at("index").get<int>();
    r.seed = j.at("seed").get<std::uint64_t>();
    r.total = j.at("total").get<int>();
    r.evacuated = j.at("evacuated").get<int>();
    r.endS = j.at("end_s").get<double>();
    r.totalTimeS = j.at("total_time_s").get<double>();
    r.t50 = j.at("t50_s").get<double>();
    r.t90 = j.at("t90_s").get<double>();
    r.t95 = j.at("t95_s").get<double>();
    r.t100 = j.at("t100_s").get<double>();
    r.curve = j.at("curve").get<std::vector<int>>();
    r.wards = j.at("wards").get<std::map<std::string, double>>();
    r.compartments = j.at("compartments").get<std::map<std::string, double>>();
    r.rooms = j.at("rooms").get<std::map<std::string, double>>();
    r.exits = j.at("exits").get<std::map<std::string, int>>();
    r.atUntenable = j.at("at_untenable").get<std::map<std::string, int>>();
    r.notOut = j.at("not_out").get<std::map<std::string, int>>();
    r.waitingForHelp = j.at("waiting_for_help_s").get<std::vector<double>>();
    // Files written before outcome classes (drill.json version 1) lack these: none defended.
    r.inPlace = j.value("defended_in_place", 0);
    r.notReached = j.value("not_reached", 0);
    r.defendedWards = j.value("defended_wards", std::vector<std::string>{});
    r.defendedCompartments = j.value("defended_compartments", std::vector<std::string>{});
    if (j.contains("fed_0_3")) // files written before the tenability figures lack it
        r.fedDesign = j.at("fed_0_3").get<std::map<std::string, int>>();
    if (j.contains("staff")) // files written before the staff allocation lack it
        staffFrom(j.at("staff"), r);
    return r;
}

Json headJson(const McRun& run) {
    Json j;
    j["format"] = "muster-drill";
    j["version"] = 1;
    j["scenario"] = run.scenario;
    j["drill"] = run.drillName;
    j["strategy"] = run.strategy;
    j["seed"] = run.seed;
    j["runs"] = run.runs;
    j["curve_step_s"] = run.curveStepS;
    j["alarm_s"] = run.alarmS;
    Json aset = Json::array();
    for (const auto& a : run.aset)
        aset.push_back({{"room", a.room},
                        {"floor", a.floor},
                        {"aset_s", a.asetS},
                        {"from", a.from},
                        {"via", a.via}});
    j["aset"] = aset;
    Json tl = Json::array();
    for (const auto& e : run.timeline)
        tl.push_back(
            {{"t_s", e.timeS}, {"kind", e.kind}, {"subject", e.subject}, {"text", e.text}});
    j["timeline"] = tl;
    return j;
}

Json repsJson(const McRun& run) {
    Json a = Json::array();
    for (const auto& r : run.reps)
        a.push_back(repJson(r));
    return a;
}

} // namespace

std::string shardJson(const McRun& run, int k, int n) {
    Json j = headJson(run);
    j["shard"] = {{"k", k}, {"n", n}};
    j["replications"] = repsJson(run);
    return j.dump(1);
}

std::string resultJson(const McRun& run) {
    Json j = headJson(run);
    const McSummary s = summarize(run);
    Json sum;
    sum["clock"] = "s since ignition; alarm at alarm_s";
    sum["people"] = s.people;
    sum["defended_in_place"] = s.inPlace;
    sum["moved"] = s.moved;
    sum["patients_not_reached"] = s.notReached;
    sum["total_time_s"] = statsJson(s.totalTime);
    sum["t50_s"] = statsJson(s.t50);
    sum["t90_s"] = statsJson(s.t90);
    sum["t95_s"] = statsJson(s.t95);
    sum["evacuated"] = statsJson(s.evacuated, kMeanCountStep);
    auto groups = [](const std::vector<GroupStats>& g, double step) {
        Json a = Json::array();
        for (const auto& x : g) {
            Json o = statsJson(x.stats, step);
            o["id"] = x.id;
            o["not_clear_runs"] = x.notClearRuns;
            o["defended_in_place_runs"] = x.defendedRuns;
            a.push_back(o);
        }
        return a;
    };
    sum["wards"] = groups(s.wards, kTimeStepS);
    sum["compartments"] = groups(s.compartments, kTimeStepS);
    sum["exits"] = groups(s.exits, kMeanCountStep);
    Json ar = Json::array();
    for (const auto& r : s.asetRset)
        ar.push_back({{"room", r.room},
                      {"floor", r.floor},
                      {"aset_s", roundTime(r.asetS)},
                      {"rset_p95_s", roundTime(r.rsetP95S)},
                      {"exceeded", r.exceeded},
                      {"mean_people_at_untenable", roundTo(r.meanAtUntenable, kMeanCountStep)}});
    sum["aset_rset"] = ar;
    Json cv = Json::array();
    for (const auto& c : s.curve)
        cv.push_back({{"t_s", roundTime(c.t)},
                      {"p5", roundFraction(c.p5)},
                      {"p50", roundFraction(c.p50)},
                      {"p95", roundFraction(c.p95)},
                      {"mean", roundFraction(c.mean)}});
    sum["curve"] = cv;
    sum["not_out_mean"] = roundedCounts(s.notOutMean);
    sum["fed_0_3_mean"] = roundedCounts(s.fedDesignMean);
    j["summary"] = sum;
    j["replications"] = repsJson(run);
    return j.dump(1) + "\n";
}

std::optional<McRun> parseRunJson(const std::string& text, const std::string& file,
                                  Diagnostics& diags) {
    SourceLoc loc;
    loc.file = file;
    try {
        const Json j = Json::parse(text);
        if (!j.is_object() || j.value("format", "") != "muster-drill") {
            diags.error(loc, "format",
                        "expected a muster drill result or shard file (format \"muster-drill\")");
            return std::nullopt;
        }
        McRun run;
        run.scenario = j.at("scenario").get<std::string>();
        run.drillName = j.at("drill").get<std::string>();
        run.strategy = j.at("strategy").get<std::string>();
        run.seed = j.at("seed").get<std::uint64_t>();
        run.runs = j.at("runs").get<int>();
        run.curveStepS = j.at("curve_step_s").get<double>();
        run.alarmS = j.at("alarm_s").get<double>();
        for (const auto& a : j.at("aset"))
            run.aset.push_back({a.at("room").get<std::string>(), a.at("floor").get<std::string>(),
                                a.at("from").get<std::string>(), a.at("via").get<std::string>(),
                                a.at("aset_s").get<double>()});
        for (const auto& e : j.at("timeline"))
            run.timeline.push_back({e.at("t_s").get<double>(), e.at("kind").get<std::string>(),
                                    e.at("subject").get<std::string>(),
                                    e.at("text").get<std::string>()});
        for (const auto& r : j.at("replications"))
            run.reps.push_back(repFrom(r));
        return run;
    } catch (const std::exception& e) {
        diags.error(loc, "",
                    std::string("expected a muster drill result or shard file: ") + e.what());
        return std::nullopt;
    }
}

std::optional<McRun> mergeRuns(const std::vector<McRun>& parts, Diagnostics& diags) {
    if (parts.empty())
        return std::nullopt;
    McRun out = parts.front();
    out.reps.clear();
    const std::string head = headJson(out).dump();
    SourceLoc loc;
    for (size_t i = 0; i < parts.size(); ++i) {
        McRun h = parts[i];
        h.reps.clear();
        if (headJson(h).dump() != head) {
            diags.error(loc, "",
                        "part " + std::to_string(i + 1) +
                            " belongs to another study (scenario, seed, runs or drill differ)");
            return std::nullopt;
        }
        for (const auto& r : parts[i].reps)
            out.reps.push_back(r);
    }
    std::sort(out.reps.begin(), out.reps.end(),
              [](const auto& a, const auto& b) { return a.index < b.index; });
    std::vector<int> seen(static_cast<size_t>(std::max(0, out.runs)), 0);
    for (const auto& r : out.reps) {
        if (r.index < 0 || r.index >= out.runs) {
            diags.error(loc, "",
                        "replication " + std::to_string(r.index) + " is outside 0.." +
                            std::to_string(out.runs - 1));
            return std::nullopt;
        }
        if (seen[static_cast<size_t>(r.index)]++) {
            diags.error(loc, "",
                        "replication " + std::to_string(r.index) +
                            " appears in more than one part");
            return std::nullopt;
        }
    }
    std::string missing;
    int nMissing = 0;
    for (int i = 0; i < out.runs; ++i)
        if (!seen[static_cast<size_t>(i)] && nMissing++ < 10)
            missing += " " + std::to_string(i);
    if (nMissing) {
        diags.error(loc, "",
                    std::to_string(nMissing) + " replication(s) missing:" + missing +
                        (nMissing > 10 ? " ..." : ""));
        return std::nullopt;
    }
    return out;
}

// ---- summaries ----------------------------------------------------------------------------
namespace {

// People reaching FED 0.3 per room: mean per run (runs without any count as 0) and the number
// of runs with at least one.
void summarizeFed(const std::vector<Replication>& reps, McSummary& s) {
    for (const auto& r : reps)
        for (const auto& [room, n] : r.fedDesign) {
            s.fedDesignMean[room] += static_cast<double>(n) / static_cast<double>(reps.size());
            if (n > 0)
                s.fedDesignRuns[room]++;
        }
}

} // namespace

McSummary summarize(const McRun& run) {
    McSummary s;
    const auto& reps = run.reps;
    if (reps.empty())
        return s;
    s.people = reps.front().total;
    s.inPlace = reps.front().inPlace;
    s.moved = s.people - s.inPlace;
    const auto fig = keyFigures(run);
    s.totalTime = sampleStats(fig.at("1 total time (s)"));
    s.t50 = sampleStats(fig.at("2 t50 (s)"));
    s.t90 = sampleStats(fig.at("3 t90 (s)"));
    s.t95 = sampleStats(fig.at("4 t95 (s)"));
    std::vector<double> ev;
    for (const auto& r : reps)
        ev.push_back(r.evacuated);
    s.evacuated = sampleStats(ev, Range{0.0, static_cast<double>(s.moved)});
    // counts: exits (people through each). Otherwise clear times: -1 (people remain) is a run
    // censored at its end; a ward defended in place in a run is not a time of that run.
    auto group = [&](auto member, bool counts, auto defended) {
        std::set<std::string> keys;
        for (const auto& r : reps) {
            for (const auto& [k, v] : r.*member)
                keys.insert(k);
            if (defended)
                for (const auto& k : r.*defended)
                    keys.insert(k);
        }
        std::vector<GroupStats> out;
        for (const auto& k : keys) {
            GroupStats g;
            g.id = k;
            Sample xs;
            for (const auto& r : reps) {
                const auto& m = r.*member;
                auto it = m.find(k);
                if (defended && it == m.end()) {
                    const auto& d = r.*defended;
                    if (std::find(d.begin(), d.end(), k) != d.end()) {
                        g.defendedRuns++;
                        continue;
                    }
                }
                double v = it == m.end() ? 0.0 : static_cast<double>(it->second);
                const bool notClear = !counts && v < 0;
                if (notClear) {
                    v = r.endS;
                    g.notClearRuns++;
                }
                xs.x.push_back(v);
                xs.censored.push_back(notClear);
            }
            g.stats = sampleStats(xs);
            out.push_back(g);
        }
        return out;
    };
    s.wards = group(&Replication::wards, false, &Replication::defendedWards);
    s.compartments = group(&Replication::compartments, false, &Replication::defendedCompartments);
    s.exits = group(&Replication::exits, true, decltype(&Replication::defendedWards){});
    for (const auto& a : run.aset) {
        std::vector<double> rset;
        double atU = 0;
        bool used = false;
        for (const auto& r : reps) {
            auto it = r.rooms.find(a.room);
            if (it != r.rooms.end())
                used = true;
            rset.push_back(it == r.rooms.end() ? 0.0 : it->second < 0 ? r.endS : it->second);
            auto u = r.atUntenable.find(a.room);
            if (u != r.atUntenable.end())
                atU += u->second;
        }
        if (!used)
            continue;
        AsetRsetRow row;
        row.room = a.room;
        row.floor = a.floor;
        row.asetS = a.asetS;
        row.rsetP95S = percentile(rset, 0.95);
        row.exceeded = row.rsetP95S > row.asetS;
        row.meanAtUntenable = atU / static_cast<double>(reps.size());
        s.asetRset.push_back(row);
    }
    size_t len = 0;
    for (const auto& r : reps)
        len = std::max(len, r.curve.size());
    for (size_t k = 0; k < len; ++k) {
        std::vector<double> xs;
        for (const auto& r : reps) {
            const int c = r.curve.empty() ? 0 : k < r.curve.size() ? r.curve[k] : r.curve.back();
            // Of the people the strategy moves: reaches 1 when all of them are out.
            xs.push_back(r.moved() > 0 ? static_cast<double>(c) / r.moved() : 1.0);
        }
        const SampleStats st = sampleStats(xs, Range{0.0, 1.0});
        s.curve.push_back(
            {static_cast<double>(k) * run.curveStepS, st.p5, st.p50, st.p95, st.mean});
    }
    for (const auto& r : reps)
        for (const auto& [why, n] : r.notOut)
            s.notOutMean[why] += static_cast<double>(n) / static_cast<double>(reps.size());
    for (const auto& r : reps) {
        s.waitingForHelp.insert(s.waitingForHelp.end(), r.waitingForHelp.begin(),
                                r.waitingForHelp.end());
        s.notReached += r.notReached;
    }
    summarizeFed(reps, s);
    return s;
}

int pickReplication(const McRun& run, KeepReplay keep) {
    if (run.reps.empty())
        return 0;
    std::vector<std::pair<double, int>> v;
    for (const auto& r : run.reps)
        v.emplace_back(r.totalTimeS, r.index);
    std::sort(v.begin(), v.end());
    if (keep == KeepReplay::Median)
        return v[(v.size() - 1) / 2].second;
    const double worst = v.back().first;
    for (const auto& [t, i] : v)
        if (t == worst)
            return i;
    return v.back().second;
}

std::map<std::string, Sample> keyFigures(const McRun& run) {
    std::map<std::string, Sample> f;
    auto add = [&](const std::string& k, double v, bool censored) {
        Sample& s = f[k];
        s.x.push_back(v);
        s.censored.push_back(censored);
    };
    for (const auto& r : run.reps) {
        // A run that ended before the event: its end time, censored (a lower bound).
        add("1 total time (s)", r.totalTimeS, r.t100 < 0);
        add("2 t50 (s)", r.t50 >= 0 ? r.t50 : r.endS, r.t50 < 0);
        add("3 t90 (s)", r.t90 >= 0 ? r.t90 : r.endS, r.t90 < 0);
        add("4 t95 (s)", r.t95 >= 0 ? r.t95 : r.endS, r.t95 < 0);
        add("5 people not out", r.moved() - r.evacuated, false);
        for (const auto& [w, t] : r.wards)
            add("6 clear " + w + " (s)", t < 0 ? r.endS : t, t < 0);
        for (const auto& [e, n] : r.exits)
            add("7 exit " + e, n, false);
    }
    return f;
}

double p95HalfWidth(const McRun& run) {
    const auto f = keyFigures(run);
    const auto it = f.find("1 total time (s)");
    if (it == f.end())
        return std::numeric_limits<double>::infinity();
    const auto [lo, hi] = quantileInterval(it->second, 0.95);
    if (!std::isfinite(lo) || !std::isfinite(hi))
        return std::numeric_limits<double>::infinity();
    return 0.5 * (hi - lo);
}

} // namespace muster
