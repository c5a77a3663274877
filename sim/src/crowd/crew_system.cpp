// Crews: helpers walk behind their device (systems.hpp, after the physics step).
#include <cmath>

#include "crowd/systems.hpp"

namespace muster::engine {

void placeCrew(World& w, FloorRt& f) {
    for (std::uint32_t id : f.agents) {
        Agent& a = w.agents[id];
        if (!w.leadsConvoy(a))
            continue;
        Patient& p = *w.patientOf(a);
        if (p.crew.empty())
            continue;
        // Direction of travel smoothed over about a second, so the crew does not swap
        // ends of the bed when it jiggles in a queue.
        if (length(a.vel) > 0.1) {
            const Vec2 d = p.lastDir * 0.95 + a.vel * (0.05 / length(a.vel));
            if (length(d) > 1e-6)
                p.lastDir = d * (1.0 / length(d));
        }
        // A device's crew stands at its trailing end, whichever way it moves for a moment.
        const Vec2 back = p.escort ? p.lastDir * -1.0
                                   : Vec2{std::cos(a.angle), std::sin(a.angle)} *
                                         -static_cast<double>(p.devFront);
        const Vec2 side{-back.y, back.x};
        const double behind = (p.escort ? a.radius : p.devLen / 2.0) + kCrewGapM;
        const auto n = static_cast<double>(p.crew.size());
        for (size_t k = 0; k < p.crew.size(); ++k) {
            Agent& h = w.agents[p.crew[k]];
            const Vec2 q =
                a.pos + back * behind + side * ((static_cast<double>(k) - (n - 1) / 2.0) * 0.5);
            h.distance += length(a.vel) * w.opt.timeStepS; // they walk as far as the device
            h.pos = q;
            h.vel = a.vel;
        }
    }
}

} // namespace muster::engine
