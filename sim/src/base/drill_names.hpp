#pragma once
// YAML spellings of the drill enums (same pattern as base/enum_names.hpp).
#include "base/enum_names.hpp"
#include "muster/drill.hpp"

namespace muster::names {

Table<Strategy> strategies();
Table<TaskAllocation> taskAllocations();
Table<DrillEventKind> drillEventKinds();
Table<KeepReplay> keepReplays();
Table<SmokeModelKind> smokeModels();

} // namespace muster::names
