#include "base/enum_names.hpp"

namespace muster {
namespace names {

#define MUSTER_TABLE(fn, E, ...)                                                                   \
    Table<E> fn() {                                                                                \
        static constexpr std::pair<E, const char*> kT[] = {__VA_ARGS__};                           \
        return kT;                                                                                 \
    }

MUSTER_TABLE(roomKinds, RoomKind, {RoomKind::Ward, "ward"}, {RoomKind::Icu, "icu"},
             {RoomKind::Operating, "operating"}, {RoomKind::Corridor, "corridor"},
             {RoomKind::Office, "office"}, {RoomKind::Outpatient, "outpatient"},
             {RoomKind::Pharmacy, "pharmacy"}, {RoomKind::Radiology, "radiology"},
             {RoomKind::Laboratory, "laboratory"}, {RoomKind::Dialysis, "dialysis"},
             {RoomKind::NurseStation, "nurse_station"}, {RoomKind::Lobby, "lobby"},
             {RoomKind::ElevatorLobby, "elevator_lobby"}, {RoomKind::Stair, "stair"},
             {RoomKind::PlantRoom, "plant_room"}, {RoomKind::OxygenPlant, "oxygen_plant"},
             {RoomKind::PowerDistribution, "power_distribution"},
             {RoomKind::BoilerRoom, "boiler_room"},
             {RoomKind::ElevatorMachineRoom, "elevator_machine_room"},
             {RoomKind::Dormitory, "dormitory"}, {RoomKind::Kitchen, "kitchen"},
             {RoomKind::Storage, "storage"}, {RoomKind::Records, "records"},
             {RoomKind::ServerRoom, "server_room"}, {RoomKind::Toilet, "toilet"},
             {RoomKind::Other, "other"})
MUSTER_TABLE(hazardLevels, HazardLevel, {HazardLevel::Light, "light"},
             {HazardLevel::Medium, "medium"}, {HazardLevel::Severe, "severe"})
MUSTER_TABLE(doorStates, DoorState, {DoorState::Open, "open"}, {DoorState::Closed, "closed"},
             {DoorState::Locked, "locked"})
MUSTER_TABLE(compartmentKinds, CompartmentKind, {CompartmentKind::Smoke, "smoke"},
             {CompartmentKind::Fire, "fire"})
MUSTER_TABLE(agents, ExtinguisherAgent, {ExtinguisherAgent::DryPowderAbc, "dry_powder_abc"},
             {ExtinguisherAgent::DryPowderBc, "dry_powder_bc"}, {ExtinguisherAgent::Water, "water"},
             {ExtinguisherAgent::Foam, "foam"}, {ExtinguisherAgent::Co2, "co2"},
             {ExtinguisherAgent::CleanAgent, "clean_agent"},
             {ExtinguisherAgent::WetChemical, "wet_chemical"})
MUSTER_TABLE(extinguisherTypes, ExtinguisherType, {ExtinguisherType::Handheld, "handheld"},
             {ExtinguisherType::Wheeled, "wheeled"})
MUSTER_TABLE(statuses, EquipmentStatus, {EquipmentStatus::InService, "in_service"},
             {EquipmentStatus::SentForRepair, "sent_for_repair"}, {EquipmentStatus::Spare, "spare"},
             {EquipmentStatus::Scrapped, "scrapped"}, {EquipmentStatus::Missing, "missing"})
MUSTER_TABLE(hydrantKinds, HydrantKind, {HydrantKind::Hydrant, "hydrant"},
             {HydrantKind::HoseReel, "hose_reel"})
MUSTER_TABLE(signKinds, SignKind, {SignKind::Exit, "exit"}, {SignKind::Directional, "directional"})
MUSTER_TABLE(detectorKinds, DetectorKind, {DetectorKind::Smoke, "smoke"},
             {DetectorKind::Heat, "heat"})
MUSTER_TABLE(shifts, Shift, {Shift::Day, "day"}, {Shift::Night, "night"})

#undef MUSTER_TABLE
} // namespace names

const char* toString(RoomKind k) {
    return names::nameOf(names::roomKinds(), k);
}
const char* toString(HazardLevel h) {
    return names::nameOf(names::hazardLevels(), h);
}
const char* toString(DoorState s) {
    return names::nameOf(names::doorStates(), s);
}
const char* toString(ExtinguisherAgent a) {
    return names::nameOf(names::agents(), a);
}
const char* toString(ExtinguisherType t) {
    return names::nameOf(names::extinguisherTypes(), t);
}
const char* toString(EquipmentStatus s) {
    return names::nameOf(names::statuses(), s);
}
const char* toString(Shift s) {
    return names::nameOf(names::shifts(), s);
}

} // namespace muster
