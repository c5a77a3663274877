// Names of the frame enums as printed by replay-info, reports and the viewer (snake_case, like
// the YAML spellings elsewhere).
#include "muster/frame.hpp"

namespace muster {

const char* toString(AgentState s) {
    switch (s) {
    case AgentState::Waiting:
        return "waiting";
    case AgentState::Moving:
        return "moving";
    case AgentState::Queuing:
        return "queuing";
    case AgentState::BeingHelped:
        return "being_helped";
    case AgentState::OnStair:
        return "on_stair";
    case AgentState::Evacuated:
        return "evacuated";
    case AgentState::Stuck:
        return "stuck";
    case AgentState::Helping:
        return "helping";
    }
    return "?"; // a value from a newer replay
}

const char* toString(EventKind k) {
    switch (k) {
    case EventKind::Alarm:
        return "alarm";
    case EventKind::DoorClosed:
        return "door_closed";
    case EventKind::DoorOpened:
        return "door_opened";
    case EventKind::ExitClosed:
        return "exit_closed";
    case EventKind::ExitOpened:
        return "exit_opened";
    case EventKind::StairBlocked:
        return "stair_blocked";
    case EventKind::RoomUntenable:
        return "room_untenable";
    case EventKind::CompartmentCleared:
        return "compartment_cleared";
    case EventKind::FloorCleared:
        return "floor_cleared";
    case EventKind::LastPersonOut:
        return "last_person_out";
    case EventKind::FireStart:
        return "fire_start";
    case EventKind::Note:
        return "note";
    }
    return "?"; // a value from a newer replay
}

} // namespace muster
