// The smoke zone model: a label-setting (Dijkstra) search over rooms where the cost of a door
// depends on its state at the moment smoke reaches it. Door delays grow when doors close, so
// the search is not exact for every timeline (non-FIFO edges), which the docs say; it is
// exact for fixed door states and for the usual "doors close before the smoke comes".
#include "muster/smoke.hpp"

#include <algorithm>
#include <cmath>
#include <queue>

#include "muster/geometry.hpp"
#include "muster/scenario.hpp"

namespace muster {

const RoomSmoke* SmokeResult::find(const std::string& room) const {
    auto it = index.find(room);
    return it == index.end() ? nullptr : &rooms[it->second];
}

double SmokeResult::untenableS(const std::string& room) const {
    const RoomSmoke* r = find(room);
    return r ? r->untenableS : kNever;
}

double SmokeResult::level(const std::string& room, double t) const {
    const RoomSmoke* r = find(room);
    if (!r || !std::isfinite(r->untenableS) || t <= r->arrivalS)
        return 0.0;
    if (t >= r->untenableS)
        return 1.0;
    return (t - r->arrivalS) / (r->untenableS - r->arrivalS);
}

double SmokeResult::extinctionPerM(const std::string& room, double t) const {
    const RoomSmoke* r = find(room);
    if (!r || !std::isfinite(r->untenableS) || t <= r->arrivalS)
        return 0.0;
    const double span = std::max(r->untenableS - r->arrivalS, 1e-6);
    return std::min(extinctionMaxPerM, extinctionAtUntenablePerM * (t - r->arrivalS) / span);
}

std::vector<std::pair<double, std::string>> SmokeResult::untenableTimeline() const {
    std::vector<std::pair<double, std::string>> out;
    for (const auto& r : rooms)
        if (std::isfinite(r.untenableS))
            out.emplace_back(r.untenableS, r.room);
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    return out;
}

double SmokeResult::speedFactor(double ksPerM) {
    // Frantzich & Nilsson (2003), FDS+Evac technical reference: alpha 0.706 m/s,
    // beta -0.057 m²/s; the minimum 0.1 v0 is FDS+Evac's.
    constexpr double kAlpha = 0.706, kBeta = -0.057;
    return std::max(0.1, 1.0 + kBeta / kAlpha * std::max(0.0, ksPerM));
}

namespace {

struct Edge {
    size_t to = 0;
    const Door* door = nullptr; // null: stair enclosure link
    std::string stairId;
    bool boundary = false; // the door separates two smoke compartments
};

// Door state over time from the drawn state, the fire-door release and the drill's events.
struct DoorTimeline {
    bool initialOpen = true;
    std::vector<std::pair<double, bool>> changes; // sorted (time, open)
    [[nodiscard]] bool openAt(double t) const {
        bool open = initialOpen;
        for (const auto& [tc, o] : changes) {
            if (tc > t)
                break;
            open = o;
        }
        return open;
    }
    [[nodiscard]] double nextOpening(double t) const {
        for (const auto& [tc, o] : changes)
            if (tc > t && o)
                return tc;
        return kNever;
    }
};

} // namespace

SmokeResult computeSmoke(const Project& project, const Drill& drill) {
    const SmokeSettings& cfg = drill.smoke;
    SmokeResult res;
    res.fireStartS = drill.fireStartS;
    res.extinctionAtUntenablePerM = cfg.extinctionAtUntenablePerM;
    res.extinctionMaxPerM = cfg.extinctionMaxPerM;

    std::vector<const Room*> rooms;
    std::vector<double> area;
    for (const auto& b : project.buildings)
        for (const auto& f : b.floors)
            for (const auto& r : f.rooms) {
                res.index[r.id] = rooms.size();
                rooms.push_back(&r);
                area.push_back(muster::area(r.polygon));
                res.rooms.push_back({r.id, f.id, kNever, kNever, "", ""});
            }
    const size_t n = rooms.size();
    std::vector<std::vector<Edge>> adj(n);
    std::map<std::string, DoorTimeline> doors;
    const double release = drill.fireDoorReleaseS();
    auto roomIndex = [&](const std::string& id) -> long {
        auto it = res.index.find(id);
        return it == res.index.end() ? -1 : static_cast<long>(it->second);
    };
    for (const auto& b : project.buildings) {
        for (const auto& f : b.floors)
            for (const auto& d : f.doors) {
                const long a = roomIndex(d.roomA), c = roomIndex(d.roomB);
                if (a < 0 || c < 0)
                    continue;
                const Room& ra = *rooms[static_cast<size_t>(a)];
                const Room& rc = *rooms[static_cast<size_t>(c)];
                const bool boundary = !ra.compartment.empty() && !rc.compartment.empty() &&
                                      ra.compartment != rc.compartment;
                adj[static_cast<size_t>(a)].push_back({static_cast<size_t>(c), &d, "", boundary});
                adj[static_cast<size_t>(c)].push_back({static_cast<size_t>(a), &d, "", boundary});
                DoorTimeline tl;
                tl.initialOpen = d.state == DoorState::Open;
                if (d.closesOnAlarm && release >= 0)
                    tl.changes.emplace_back(release, false);
                doors[d.id] = tl;
            }
        // Stair enclosures: the rooms holding the two landings of a flight are linked.
        for (const auto& s : b.stairs) {
            auto landingRoom = [&](const StairEnd& e) -> long {
                for (const auto& f : b.floors) {
                    if (f.id != e.floor)
                        continue;
                    long best = -1;
                    double bestD = 1e300;
                    for (const auto& r : f.rooms) {
                        const double dist = pointInPolygon(r.polygon, e.at)
                                                ? 0.0
                                                : distanceToBoundary(r.polygon, e.at);
                        if (dist < bestD) {
                            bestD = dist;
                            best = roomIndex(r.id);
                        }
                    }
                    return best;
                }
                return -1;
            };
            const long lo = landingRoom(s.lower), up = landingRoom(s.upper);
            if (lo < 0 || up < 0 || lo == up)
                continue;
            adj[static_cast<size_t>(lo)].push_back({static_cast<size_t>(up), nullptr, s.id, false});
            adj[static_cast<size_t>(up)].push_back({static_cast<size_t>(lo), nullptr, s.id, false});
        }
    }
    for (const auto& e : drill.events) {
        if (e.kind != DrillEventKind::DoorClosed && e.kind != DrillEventKind::DoorOpened)
            continue;
        auto it = doors.find(e.target);
        if (it != doors.end())
            it->second.changes.emplace_back(e.timeS, e.kind == DrillEventKind::DoorOpened);
    }
    for (auto& [id, tl] : doors)
        std::stable_sort(tl.changes.begin(), tl.changes.end(),
                         [](const auto& x, const auto& y) { return x.first < y.first; });

    // Sources.
    std::vector<double> dist(n, kNever);
    auto seed = [&](long i, double t, const char* via) {
        if (i < 0 || t >= dist[static_cast<size_t>(i)])
            return;
        dist[static_cast<size_t>(i)] = t;
        res.rooms[static_cast<size_t>(i)].via = via;
        res.rooms[static_cast<size_t>(i)].from.clear();
    };
    const bool spread = cfg.model == SmokeModelKind::Zone;
    if (spread)
        seed(roomIndex(drill.fireRoom), drill.fireStartS + cfg.fireRoomUntenableS, "fire");
    for (const auto& g : cfg.untenable)
        seed(roomIndex(g.room), g.timeS, "given");
    for (const auto& e : drill.events) {
        if (e.kind == DrillEventKind::RoomUntenable)
            seed(roomIndex(e.target), e.timeS, "event");
        if (e.kind == DrillEventKind::CompartmentUntenable)
            for (size_t i = 0; i < n; ++i)
                if (rooms[i]->compartment == e.target)
                    seed(static_cast<long>(i), e.timeS, "event");
    }

    if (spread) {
        using Item = std::pair<double, size_t>;
        std::priority_queue<Item, std::vector<Item>, std::greater<>> pq;
        for (size_t i = 0; i < n; ++i)
            if (std::isfinite(dist[i]))
                pq.emplace(dist[i], i);
        std::vector<bool> done(n, false);
        while (!pq.empty()) {
            const auto [t, u] = pq.top();
            pq.pop();
            if (done[u] || t > dist[u])
                continue;
            done[u] = true;
            for (const Edge& e : adj[u]) {
                if (done[e.to])
                    continue;
                double cross = cfg.stairShaftS;
                if (e.door) {
                    const DoorTimeline& tl = doors[e.door->id];
                    if (tl.openAt(t)) {
                        cross = cfg.openDoorS;
                    } else {
                        // A closed fire door holds for its rating; an unrated door in a
                        // compartment boundary for compartmentBoundaryS; others leak.
                        const double hold = e.door->fireDoor && e.door->fireRatingMin > 0
                                                ? 60.0 * e.door->fireRatingMin
                                            : e.boundary ? cfg.compartmentBoundaryS
                                                         : cfg.closedDoorS;
                        cross = std::min(hold, tl.nextOpening(t) - t + cfg.openDoorS);
                    }
                }
                const double arrive = t + cross + cfg.fillSPerM2 * area[e.to];
                if (arrive < dist[e.to]) {
                    dist[e.to] = arrive;
                    res.rooms[e.to].from = rooms[u]->id;
                    res.rooms[e.to].via = e.door ? e.door->id : e.stairId;
                    pq.emplace(arrive, e.to);
                }
            }
        }
    }
    for (size_t i = 0; i < n; ++i) {
        res.rooms[i].untenableS = dist[i];
        if (std::isfinite(dist[i]))
            res.rooms[i].arrivalS =
                std::max(std::min(drill.fireStartS, dist[i]), dist[i] - cfg.rampS);
    }
    return res;
}

} // namespace muster
