#pragma once
// What a view sees of a run at one instant. Live runs and replays produce the same Frame,
// so the viewer's layers cannot tell them apart.
#include <cstdint>
#include <string>
#include <vector>

namespace muster {

enum class AgentState : std::uint8_t {
    Waiting = 0, // pre-movement: not yet moving
    Moving = 1,
    Queuing = 2,     // moving slower than 0.1 m/s while trying to move
    BeingHelped = 3, // a patient being prepared or moved by staff
    OnStair = 4,     // between floors: in neither floor's room list
    Evacuated = 5,
    Stuck = 6,  // cannot reach any exit (reported with a reason)
    Helping = 7 // staff busy with a task
};
const char* toString(AgentState s);

enum class DeviceKind : std::uint8_t { None = 0, Wheelchair = 1, Bed = 2, EvacChair = 3 };

// Per-person data that does not change during a run.
struct AgentInfo {
    std::uint32_t id = 0; // index = replay id
    std::string profile;
    std::string group;
    std::string originRoom;
    float radiusM = 0.2f;
    DeviceKind device = DeviceKind::None;
    float deviceLengthM = 0.0f; // footprint of the bed or wheelchair, metres
    float deviceWidthM = 0.0f;
};

struct AgentSample {
    float x = 0, y = 0;      // metres, floor frame
    float heading = 0;       // radians
    float speed = 0;         // m/s
    std::int16_t floor = -1; // index into the replay's floor list; -1 when out
    AgentState state = AgentState::Waiting;
    std::uint8_t flags = 0; // bit 0: in smoke
};

enum class EventKind : std::uint8_t {
    Alarm = 0,
    DoorClosed = 1,
    DoorOpened = 2,
    ExitClosed = 3,
    ExitOpened = 4,
    StairBlocked = 5,
    RoomUntenable = 6,
    CompartmentCleared = 7,
    FloorCleared = 8,
    LastPersonOut = 9,
    FireStart = 10,
    Note = 11
};
const char* toString(EventKind k);

struct SimEvent {
    double t = 0.0;
    EventKind kind = EventKind::Note;
    std::string subject; // door / exit / room / floor id
    std::string text;
};

struct Frame {
    double t = 0.0;                     // seconds since the start of the run
    std::vector<AgentSample> agents;    // one per agent, index = AgentInfo::id
    std::vector<std::uint8_t> doorOpen; // per door in the replay's door list: 1 open, 0 closed
    std::vector<float> roomSmoke; // per room in the replay's room list: 0 clear .. 1 untenable
};

} // namespace muster
