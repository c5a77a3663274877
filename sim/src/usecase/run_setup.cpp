#include "muster/run_setup.hpp"

#include "muster/drill_engine.hpp"

namespace muster {

RunSetup prepareRun(const Project& loaded, const RunSetupOptions& options) {
    RunSetup s;
    s.project = loaded.drill ? drillProject(loaded, *loaded.drill) : loaded;
    s.drill = loaded.drill;
    if (s.drill) {
        s.smoke = computeSmoke(s.project, *s.drill);
        s.alarmS = s.drill->alarmS;
    }
    s.options.seed = options.seed ? *options.seed : loaded.scenario.seed;
    s.options.timeStepS = loaded.scenario.timeStepS;
    s.options.maxTimeS = options.maxTimeS >= 0 ? options.maxTimeS : loaded.scenario.maxTimeS;
    return s;
}

std::unique_ptr<Simulation> RunSetup::makeSimulation() const {
    return makeSimulation(options.seed);
}

std::unique_ptr<Simulation> RunSetup::makeSimulation(std::uint64_t seed) const {
    SimOptions opt = options;
    opt.seed = seed;
    auto sim = std::make_unique<Simulation>(project, opt);
    if (drill)
        applyDrill(project, *drill, smoke, *sim);
    return sim;
}

} // namespace muster
