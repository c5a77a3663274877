// The evacuation engine's facade (simulation.hpp): a World (crowd/world.hpp) and the step as
// the list of its systems (crowd/systems.hpp), in the order docs/architecture.md states.
#include "muster/simulation.hpp"

#include <algorithm>

#include "crowd/nav_cache.hpp"
#include "crowd/systems.hpp"

namespace muster {

using namespace engine;

struct Simulation::Impl {
    World world;
    Impl(const Project& p, const SimOptions& o) : world(p, o) {}
};

Simulation::Simulation(const Project& project, const SimOptions& options)
    : m(std::make_unique<Impl>(project, options)) {
    buildWorld(m->world, nullptr);
}

Simulation::Simulation(const Project& project, const SimOptions& options,
                       const std::vector<Placement>& people)
    : m(std::make_unique<Impl>(project, options)) {
    buildWorld(m->world, &people);
}

Simulation::~Simulation() = default;

void Simulation::step() {
    World& w = m->world;
    const double dt = w.opt.timeStepS;
    setupAssistance(w); // once
    applyTimeline(w);
    updateSmoke(w, dt);
    refreshNavigation(w);
    assist(w);
    for (auto& f : w.floors)
        route(w, *f);
    for (auto& f : w.floors) {
        measureProgress(w, *f);
        checkStalls(w, *f);
        steer(w, *f);
        stepBodies(w, *f, dt);
        placeCrew(w, *f);
        w.agentSteps += f->agents.size();
    }
    w.t += dt;
    ++w.steps;
    for (auto& f : w.floors)
        measure(w, *f);
    for (auto& f : w.floors)
        exitsAndStairs(w, *f);
    arrivals(w);
    bookkeeping(w);
}

void Simulation::scheduleDoor(const std::string& id, double t, bool open) {
    m->world.schedule(t, id, open);
}

void Simulation::setSmoke(std::shared_ptr<const SmokeResult> smoke, double alarmS) {
    World& w = m->world;
    w.smoke = std::move(smoke);
    w.alarmS = alarmS;
    w.roomSmoke.assign(w.rooms.size(), nullptr);
    w.roomFactor.assign(w.rooms.size(), 1.0);
    w.roomLevel.assign(w.rooms.size(), 0.0);
    w.roomKs.assign(w.rooms.size(), 0.0);
    w.roomBlocked.assign(w.rooms.size(), false);
    w.roomClosePending.assign(w.rooms.size(), false);
    if (!w.smoke)
        return;
    for (size_t i = 0; i < w.rooms.size(); ++i)
        w.roomSmoke[i] = w.smoke->find(w.rooms[i]->id);
    // Before the alarm on the one clock (engine time < 0): handed out with the first events.
    w.events.push_back({w.smoke->fireStartS - alarmS, EventKind::FireStart, "", ""});
}

void Simulation::setAssistPlan(const AssistPlan& plan) {
    m->world.plan = plan;
}

void Simulation::run(const std::function<void(const Simulation&)>& onFrame) {
    const double interval = m->world.model.frameIntervalS;
    double nextFrame = 0.0;
    if (onFrame) {
        onFrame(*this);
        nextFrame = interval;
    }
    bool atFrame = true;
    while (!finished()) {
        step();
        atFrame = false;
        if (onFrame && m->world.t + 1e-9 >= nextFrame) {
            onFrame(*this);
            nextFrame += interval;
            atFrame = true;
        }
    }
    // The last step seldom falls on a frame time: its frame and its events (the last person
    // out, the floor they left cleared) would be lost with it.
    if (onFrame && !atFrame)
        onFrame(*this);
}

bool Simulation::finished() const {
    return engine::finished(m->world);
}
double Simulation::time() const {
    return m->world.t;
}
int Simulation::stepCount() const {
    return m->world.steps;
}
int Simulation::agentCount() const {
    return static_cast<int>(m->world.agents.size());
}
int Simulation::evacuatedCount() const {
    return m->world.evacuated;
}
int Simulation::onStairsCount() const {
    return m->world.onStairs;
}
const std::vector<std::string>& Simulation::floorIds() const {
    return m->world.floorIds;
}

void Simulation::addEvent(double engineT, EventKind kind, std::string subject, std::string text) {
    m->world.events.push_back({engineT, kind, std::move(subject), std::move(text)});
}

std::vector<SimEvent> Simulation::takeEvents() {
    std::vector<SimEvent> out;
    out.swap(m->world.events);
    for (auto& e : out)
        e.t += m->world.alarmS; // engine time -> the one clock (since ignition)
    return out;
}

double Simulation::clockS() const {
    return m->world.t + m->world.alarmS;
}

bool Simulation::conserved() const {
    return engine::conserved(m->world);
}
Frame Simulation::frame() const {
    return snapshot(m->world);
}
RunResults Simulation::results() const {
    return collectResults(m->world);
}
std::vector<Crossing> Simulation::crossings() const {
    return crossingsOf(m->world);
}
std::vector<MeasureSample> Simulation::measurements() const {
    return measurementsOf(m->world);
}

ReplayHeader Simulation::replayHeader() {
    setupAssistance(m->world); // the header lists each patient's device
    return engine::replayHeader(m->world);
}

} // namespace muster
