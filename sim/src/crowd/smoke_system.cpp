// Smoke: levels, closures of untenable rooms, exposure (systems.hpp, stage 2).
#include <algorithm>

#include "crowd/systems.hpp"
#include "muster/tenability.hpp"

namespace muster::engine {

namespace {

// Tenability along the path (docs/model.md, "Smoke exposure as tenability"): the person breathes
// the smoke of the room they are in, at the concentrations derived from its Ks, over this step
// (the step's start value held for dt, as for the exposure times). Reads nothing the dynamics
// use and writes only the person's tenability record.
void accumulateTenability(const World& w, Agent& a, double ksPerM, double dt) {
    a.fed += fedIncrementFromExtinction(ksPerM, dt);
    if (a.fedDesignT < 0 && a.fed >= tenability::kFedDesignThreshold) {
        a.fedDesignT = w.t + dt; // reached during this step
        a.fedDesignRoom = a.room;
    }
    if (belowVisibilityCriterion(ksPerM)) {
        if (a.visibilityLostT < 0)
            a.visibilityLostT = w.t;
        a.lowVisibilityS += dt;
    }
}

} // namespace

void updateSmoke(World& w, double dt) {
    if (!w.smoke)
        return;
    const double td = w.t + w.alarmS; // drill clock
    for (size_t i = 0; i < w.rooms.size(); ++i) {
        const RoomSmoke* rs = w.roomSmoke[i];
        if (!rs)
            continue;
        w.roomLevel[i] = w.smoke->level(rs->room, td);
        w.roomKs[i] = w.smoke->extinctionPerM(rs->room, td);
        w.roomFactor[i] = SmokeResult::speedFactor(w.roomKs[i]);
        if (!w.roomBlocked[i] && td >= rs->untenableS) {
            w.roomBlocked[i] = true;
            w.events.push_back({w.t, EventKind::RoomUntenable, rs->room, ""});
            const RoomKind k = w.rooms[i]->kind;
            const bool circulation = k == RoomKind::Corridor || k == RoomKind::Lobby ||
                                     k == RoomKind::ElevatorLobby || k == RoomKind::Stair;
            if (!circulation)
                w.roomClosePending[i] = true;
        }
    }
    // An untenable room closes to routing once nobody is left inside (closing it with
    // people in it would wall them in): they walk out, nobody else goes in.
    std::vector<int> occupied;
    if (std::find(w.roomClosePending.begin(), w.roomClosePending.end(), true) !=
        w.roomClosePending.end()) {
        occupied.assign(w.rooms.size(), 0);
        for (const auto& a : w.agents)
            if (a.floor >= 0 && a.room >= 0)
                occupied[static_cast<size_t>(a.room)]++;
    }
    for (size_t i = 0; i < w.rooms.size() && !occupied.empty(); ++i) {
        if (!w.roomClosePending[i] || occupied[i] > 0)
            continue;
        w.roomClosePending[i] = false;
        const int fi = w.floorIndex(w.roomFloor[i]);
        if (fi < 0)
            continue;
        FloorRt& f = w.floorAt(fi);
        Obstacle o;
        o.id = "smoke:" + w.rooms[i]->id;
        o.polygon = w.rooms[i]->polygon;
        f.smokeClosed.push_back(o);
        f.navDirty = true;
    }
    for (auto& fp : w.floors)
        for (std::uint32_t id : fp->agents) {
            Agent& a = w.agents[id];
            a.inSmoke = a.room >= 0 && w.roomLevel[static_cast<size_t>(a.room)] > 0.0;
            if (a.inSmoke)
                a.smokeS += dt;
            if (a.room >= 0 && w.roomBlocked[static_cast<size_t>(a.room)])
                a.untenableS += dt;
            if (a.room >= 0)
                accumulateTenability(w, a, w.roomKs[static_cast<size_t>(a.room)], dt);
        }
}

} // namespace muster::engine
