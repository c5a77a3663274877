// Observers: what the run reports, read off the World (systems.hpp, stage 9, and the
// facade's frame, header and results).
#include <algorithm>
#include <cmath>
#include <map>

#include "crowd/systems.hpp"
#include "muster/replay.hpp"

namespace muster::engine {

void bookkeeping(World& w) {
    for (auto& fp : w.floors) {
        FloorRt& f = *fp;
        bool present = false;
        for (std::uint32_t id : f.agents) {
            Agent& a = w.agents[id];
            const int r = w.roomIndexAt(f, a.pos);
            a.room = r;
            if (a.inPlace)
                continue; // defending in place: rooms and floors are not "cleared"
            present = true;
            if (r >= 0)
                w.roomClearT[static_cast<size_t>(r)] = w.t;
        }
        if (present) {
            f.lastPresenceT = w.t;
            f.hadMovers = true;
        }
        bool incoming = false;
        for (const auto& st : w.stairs)
            for (const auto& tr : st.transit)
                incoming = incoming || tr.destFloor == f.index;
        // A floor whose people all defend in place is never "cleared" (nobody had to leave it).
        if (f.hadMovers && !present && !incoming && !f.clearedReported) {
            f.clearedReported = true;
            w.events.push_back({w.t, EventKind::FloorCleared, f.floor->id, ""});
        }
    }
    if (!w.lastOutReported && w.evacuated + w.inPlaceCount == static_cast<int>(w.agents.size()) &&
        w.evacuated > 0) {
        w.lastOutReported = true;
        w.events.push_back({w.t, EventKind::LastPersonOut, "", ""});
    }
}

bool finished(const World& w) {
    if (w.t >= w.opt.maxTimeS - 1e-9)
        return true;
    if (!w.timeline.empty())
        return false;
    if (w.onStairs > 0)
        return false;
    for (const auto& a : w.agents) {
        if (a.state == AgentState::Evacuated || a.state == AgentState::Stuck || a.inPlace)
            continue;
        if (const Patient* p = w.patientOf(a)) {
            if (p->phase == PatientPhase::Delivered || p->phase == PatientPhase::CannotMove)
                continue;
        } else if (!a.profile->selfEvacuates) {
            continue;
        }
        return false;
    }
    return true;
}

bool conserved(const World& w) {
    size_t onFloors = 0, transit = 0, out = 0;
    for (const auto& f : w.floors)
        onFloors += f->agents.size();
    for (const auto& s : w.stairs)
        transit += s.transit.size();
    for (const auto& a : w.agents)
        out += a.state == AgentState::Evacuated ? 1 : 0;
    if (onFloors + transit + out != w.agents.size())
        return false;
    // Each person is in exactly one place.
    std::vector<int> seen(w.agents.size(), 0);
    for (const auto& f : w.floors)
        for (auto id : f->agents)
            seen[id]++;
    for (const auto& s : w.stairs)
        for (const auto& tr : s.transit)
            seen[tr.agent]++;
    for (size_t i = 0; i < seen.size(); ++i) {
        const bool isOut = w.agents[i].state == AgentState::Evacuated;
        if (seen[i] != (isOut ? 0 : 1))
            return false;
    }
    return true;
}

Frame snapshot(const World& w) {
    Frame fr;
    fr.t = w.t + w.alarmS; // the one clock: seconds since ignition (docs/model.md, "Time")
    fr.agents.resize(w.agents.size());
    for (size_t i = 0; i < w.agents.size(); ++i) {
        const Agent& a = w.agents[i];
        const Patient* p = w.patientOf(a);
        AgentSample& s = fr.agents[i];
        s.x = static_cast<float>(a.pos.x);
        s.y = static_cast<float>(a.pos.y);
        s.heading = static_cast<float>(p && p->device != DeviceKind::None && !p->escort
                                           ? a.angle
                                           : std::atan2(a.vel.y, a.vel.x));
        s.speed = static_cast<float>(length(a.vel));
        s.floor = static_cast<std::int16_t>(
            a.state == AgentState::OnStair || a.state == AgentState::Evacuated ? -1 : a.floor);
        s.state = a.state;
        s.flags = a.inSmoke ? 1 : 0;
    }
    fr.doorOpen.reserve(w.doorIds.size());
    for (const auto& fp : w.floors) {
        for (const auto& d : fp->floor->doors)
            fr.doorOpen.push_back(fp->closedDoors.count(d.id) ? 0 : 1);
        for (const auto& e : fp->floor->exits)
            fr.doorOpen.push_back(fp->closedDoors.count(e.id) ? 0 : 1);
    }
    fr.roomSmoke.assign(w.rooms.size(), 0.0f);
    for (size_t i = 0; i < w.roomLevel.size(); ++i)
        fr.roomSmoke[i] = static_cast<float>(w.roomLevel[i]);
    return fr;
}

ReplayHeader replayHeader(const World& w) {
    ReplayHeader h;
    h.seed = w.opt.seed;
    h.timeStepS = w.opt.timeStepS;
    h.frameIntervalS = w.model.frameIntervalS;
    h.scenarioPath = w.project.scenarioPath;
    // Named relative to the scenario's folder: no absolute paths, nothing of the user's layout
    // above the scenario (docs/security.md).
    h.files = embeddedFileNames(w.project.files, w.project.scenarioPath);
    for (const auto& fp : w.floors)
        h.floors.push_back({fp->floor->id, fp->floor->name, fp->floor->building});
    h.doorIds = w.doorIds;
    for (const Room* r : w.rooms)
        h.roomIds.push_back(r->id);
    for (size_t i = 0; i < w.agents.size(); ++i) {
        const Agent& a = w.agents[i];
        const Patient* p = w.patientOf(a);
        AgentInfo info;
        info.id = static_cast<std::uint32_t>(i);
        info.profile = a.profile->name;
        info.group = a.group;
        info.originRoom = a.originRoom;
        info.radiusM = static_cast<float>(a.radius);
        if (p && !p->escort && p->device != DeviceKind::None) {
            info.device = p->device;
            info.deviceLengthM = static_cast<float>(p->devLen);
            info.deviceWidthM = static_cast<float>(p->devWid);
        }
        h.agents.push_back(info);
    }
    return h;
}

namespace {

const char* deviceName(const Patient& p) {
    if (p.escort)
        return "escort";
    switch (p.device) {
    case DeviceKind::Bed:
        return "bed";
    case DeviceKind::Wheelchair:
        return "wheelchair";
    default:
        return "evac_chair";
    }
}

std::string notOutReason(const World& w, const Agent& a) {
    if (!a.reason.empty())
        return a.reason;
    const Patient* p = w.patientOf(a);
    const Helper* h = w.helperOf(a);
    if (h && !h->done && h->task >= 0)
        return "helping patient " + std::to_string(h->task) + " at the end of the run";
    if (p && p->phase == PatientPhase::WaitingForCrew)
        return p->crew.empty() ? "waited for staff: nobody came"
                               : "waited for staff: " + std::to_string(p->crew.size()) + " of " +
                                     std::to_string(p->crewNeeded) + " assigned";
    if (p && p->phase == PatientPhase::Preparing)
        return "being prepared for the move at the end of the run";
    if (a.state == AgentState::OnStair)
        return "still on a stair at the end of the run";
    if (a.state == AgentState::Waiting)
        return "had not started moving at the end of the run";
    if (w.t - a.lastProgressT > 60.0)
        return "trapped: no progress towards an exit in the last 60 s";
    return "still on the way at the end of the run (max_time_s)";
}

} // namespace

RunResults collectResults(const World& w) {
    RunResults r;
    // Every time point below is on the one clock, seconds since ignition: engine time + the
    // alarm's time (0 without a drill). "Never" (< 0) and durations stay as they are.
    const double o = w.alarmS;
    auto at = [o](double engineT) { return engineT < 0 ? engineT : engineT + o; };
    r.alarmS = o;
    r.seed = w.opt.seed;
    r.total = static_cast<int>(w.agents.size());
    r.evacuated = w.evacuated;
    r.simulatedS = w.t;
    r.steps = w.steps;
    r.agentSteps = w.agentSteps;
    std::vector<double> outTimes;
    for (size_t i = 0; i < w.agents.size(); ++i) {
        const Agent& a = w.agents[i];
        const Patient* pt = w.patientOf(a);
        const Helper* h = w.helperOf(a);
        PersonResult p;
        p.id = static_cast<std::uint32_t>(i);
        p.profile = a.profile->name;
        p.group = a.group;
        p.originRoom = a.originRoom;
        p.originFloor = a.originFloor;
        p.startTimeS = at(a.startT);
        p.firstMoveS = at(a.movedAt);
        p.freeSpeedMps = a.v0;
        p.exitTimeS = at(a.exitT);
        p.exitId = a.exitId;
        p.distanceM = a.distance;
        p.waitingS = a.waiting;
        p.smokeExposureS = a.smokeS;
        p.untenableExposureS = a.untenableS;
        p.fed = a.fed;
        p.fedDesignS = at(a.fedDesignT);
        if (a.fedDesignRoom >= 0)
            p.fedDesignRoom = w.rooms[static_cast<size_t>(a.fedDesignRoom)]->id;
        p.visibilityLostS = at(a.visibilityLostT);
        p.lowVisibilityS = a.lowVisibilityS;
        p.needsHelp = pt != nullptr;
        if (pt) {
            p.helpArrivedS = at(pt->helpArrivedT);
            p.moveStartS = at(pt->moveStartT);
            p.helpers = pt->helpedBy;
            p.device = deviceName(*pt);
            p.squeezes = pt->squeezes;
        } else {
            p.helpArrivedS = -1.0;
            p.moveStartS = -1.0;
        }
        p.trips = h ? h->trips : 0;
        p.firstAtPatientS = h ? at(h->firstAtPatientT) : -1.0;
        p.inPlace = a.inPlace;
        if (a.inPlace)
            r.inPlace++;
        if (a.state != AgentState::Evacuated) {
            p.reason = notOutReason(w, a);
            const int fl = a.floor >= 0 ? a.floor : a.lastFloor;
            if (fl >= 0)
                p.lastFloor = w.floorIds[static_cast<size_t>(fl)];
            if (a.room >= 0)
                p.lastRoom = w.rooms[static_cast<size_t>(a.room)]->id;
            p.lastPosition = a.pos;
        } else {
            outTimes.push_back(at(a.exitT));
        }
        r.people.push_back(std::move(p));
    }
    std::sort(outTimes.begin(), outTimes.end());
    const int movers = r.total - r.inPlace;
    auto quant = [&](double q) -> double {
        if (movers == 0)
            return o; // nobody to move: done at the alarm
        const auto need = static_cast<size_t>(std::ceil(q * movers - 1e-9));
        if (need == 0)
            return o;
        return outTimes.size() >= need ? outTimes[need - 1] : -1.0;
    };
    r.t50 = quant(0.5);
    r.t90 = quant(0.9);
    r.t95 = quant(0.95);
    r.t100 = quant(1.0);
    r.totalTimeS = r.t100 >= 0 ? r.t100 : at(w.t);
    for (size_t k = 0; k < w.targets.size(); ++k) {
        const Target& tg = w.targets[k];
        if (tg.kind == Target::Kind::Stair)
            continue;
        ExitResult e;
        e.id = tg.kind == Target::Kind::Refuge ? "refuge" : tg.id;
        e.floor = w.floorIds[static_cast<size_t>(tg.floor)];
        e.widthM = tg.widthM;
        e.flowPerBin = w.exitBins[k];
        for (const auto& a : w.agents)
            if (tg.kind == Target::Kind::Refuge ? a.exitId.rfind("refuge:", 0) == 0
                                                : a.exitId == tg.id) {
                e.count++;
                e.firstS = e.firstS < 0 ? at(a.exitT) : std::min(e.firstS, at(a.exitT));
                e.lastS = std::max(e.lastS, at(a.exitT));
            }
        r.exits.push_back(std::move(e));
    }
    for (const auto& fp : w.floors) {
        int initial = 0, stay = 0;
        for (const auto& a : w.agents)
            if (a.originFloor == fp->floor->id) {
                ++initial;
                stay += a.inPlace ? 1 : 0;
            }
        // A floor someone is still on is not clear: -1.
        bool occupied = false;
        for (auto id : fp->agents)
            occupied = occupied || !w.agents[id].inPlace;
        r.floors.push_back({fp->floor->id,
                            occupied ? -1.0 : (fp->hadMovers ? at(fp->lastPresenceT) : 0.0),
                            initial, stay});
    }
    std::vector<int> remaining(w.rooms.size(), 0), defending(w.rooms.size(), 0);
    std::map<std::string, size_t> roomIndex;
    for (size_t i = 0; i < w.rooms.size(); ++i)
        roomIndex.emplace(w.rooms[i]->id, i);
    for (const auto& a : w.agents)
        if (a.inPlace)
            if (auto it = roomIndex.find(a.originRoom); it != roomIndex.end())
                defending[it->second]++;
    for (const auto& a : w.agents)
        if (a.state != AgentState::Evacuated && a.state != AgentState::OnStair && a.room >= 0 &&
            !a.inPlace)
            remaining[static_cast<size_t>(a.room)]++;
    for (size_t i = 0; i < w.rooms.size(); ++i)
        r.rooms.push_back(
            {w.rooms[i]->id,
             remaining[i] > 0 ? -1.0 : (w.roomClearT[i] > 0 ? at(w.roomClearT[i]) : 0.0),
             w.roomInitial[i], defending[i]});
    for (const auto& st : w.stairs)
        r.stairs.push_back({st.stair->id, 0, 0});
    for (const auto& c : w.crossings)
        if (c.kind == CrossingKind::Stair)
            (c.dir == 1 ? r.stairs[static_cast<size_t>(c.ref)].up
                        : r.stairs[static_cast<size_t>(c.ref)].down)++;
    return r;
}

std::vector<Crossing> crossingsOf(const World& w) {
    std::vector<Crossing> out;
    out.reserve(w.crossings.size());
    const auto room = [&](int r) {
        return r >= 0 ? w.rooms[static_cast<size_t>(r)]->id : std::string();
    };
    const auto floorId = [&](int f) {
        return f >= 0 ? w.floorIds[static_cast<size_t>(f)] : std::string();
    };
    for (const auto& c : w.crossings) {
        Crossing x;
        x.t = c.t + w.alarmS;
        x.person = c.person;
        x.kind = c.kind;
        x.floor = floorId(c.floor);
        switch (c.kind) {
        case CrossingKind::Door:
            x.id = w.floorAt(c.floor).gates[static_cast<size_t>(c.ref)].doorId;
            x.direction = c.dir > 0 ? "+" : "-";
            x.from = room(c.from);
            x.to = room(c.to);
            break;
        case CrossingKind::Exit:
            x.id = w.target(c.ref).id;
            x.direction = "out";
            for (const auto& e : w.floorAt(c.floor).floor->exits)
                if (e.id == x.id)
                    x.from = e.room; // the room it leads out of
            x.to = "outside";
            break;
        case CrossingKind::Stair:
            x.id = w.stairs[static_cast<size_t>(c.ref)].stair->id;
            x.direction = c.dir == 1 ? "up" : "down";
            x.from = floorId(c.from);
            x.to = floorId(c.to);
            break;
        case CrossingKind::Line:
            x.id = w.measures[static_cast<size_t>(c.ref)].spec->id;
            x.direction = c.dir > 0 ? "+" : "-";
            break;
        }
        out.push_back(std::move(x));
    }
    // Logged floor by floor within a step: in time order (ties keep the log's order).
    std::stable_sort(out.begin(), out.end(),
                     [](const Crossing& a, const Crossing& b) { return a.t < b.t; });
    return out;
}

std::vector<MeasureSample> measurementsOf(const World& w) {
    std::vector<MeasureSample> out;
    const double dt = w.measureIntervalS;
    // Complete intervals only, unless the run is over (then the last, partial one too).
    const bool over = finished(w);
    const auto whole = static_cast<size_t>(w.t / dt + 1e-9);
    for (const auto& m : w.measures) {
        const size_t n = over ? std::max({m.count.size(), m.steps.size(), whole}) : whole;
        for (size_t i = 0; i < n; ++i) {
            MeasureSample s;
            s.id = m.spec->id;
            s.floor = m.spec->floor;
            s.line = m.spec->isLine();
            const double e0 = static_cast<double>(i) * dt; // engine time
            s.t0 = w.alarmS + e0;
            s.t1 = w.alarmS + std::min(e0 + dt, std::max(w.t, e0));
            s.size = m.size;
            const double count = i < m.count.size() ? m.count[i] : 0.0;
            const double speedSum = i < m.speedSum.size() ? m.speedSum[i] : 0.0;
            const int speedN = i < m.speedN.size() ? m.speedN[i] : 0;
            const double span = s.t1 - s.t0;
            if (s.line) {
                s.count = count;
                s.flowPs = span > 0 ? count / span : 0.0;
                s.specificFlow = m.size > 0 ? s.flowPs / m.size : 0.0;
            } else {
                const int steps = i < m.steps.size() ? m.steps[i] : 0;
                s.count = steps > 0 ? count / steps : 0.0;
                s.density = m.size > 0 ? s.count / m.size : 0.0;
            }
            s.speedMps = speedN > 0 ? speedSum / speedN : -1.0;
            out.push_back(std::move(s));
        }
    }
    return out;
}

} // namespace muster::engine
