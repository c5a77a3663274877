// Timeline: scheduled door, exit and stair changes (systems.hpp, stage 1).
#include "crowd/bodies.hpp"
#include "crowd/systems.hpp"

namespace muster::engine {

void applyTimeline(World& w) {
    while (!w.timeline.empty() && w.timeline.front().t <= w.t + 1e-9) {
        const Scheduled s = w.timeline.front();
        w.timeline.erase(w.timeline.begin());
        for (auto& st : w.stairs)
            if (st.stair->id == s.id && st.blocked == s.open) {
                st.blocked = !s.open;
                w.costsDirty = true;
                w.events.push_back({w.t, s.open ? EventKind::Note : EventKind::StairBlocked, s.id,
                                    s.open ? "stair usable again" : ""});
            }
        for (auto& fp : w.floors) {
            FloorRt& f = *fp;
            bool isExit = false, found = false;
            for (const auto& d : f.floor->doors)
                found = found || d.id == s.id;
            for (const auto& e : f.floor->exits)
                if (e.id == s.id)
                    found = isExit = true;
            if (!found)
                continue;
            if (s.open)
                f.closedDoors.erase(s.id);
            else
                f.closedDoors.insert(s.id);
            setDoorLeaf(f, s.id, !s.open);
            for (int ti : f.targets)
                if (w.target(ti).kind == Target::Kind::Exit && w.target(ti).id == s.id)
                    w.target(ti).open = s.open;
            f.navDirty = true;
            w.events.push_back({w.t,
                                isExit ? (s.open ? EventKind::ExitOpened : EventKind::ExitClosed)
                                       : (s.open ? EventKind::DoorOpened : EventKind::DoorClosed),
                                s.id, ""});
        }
    }
}

} // namespace muster::engine
