#pragma once
// Fire-equipment inventory: plain data as loaded. Dates are inputs; nothing here knows "today".
#include <optional>
#include <string>
#include <vector>

#include "muster/date.hpp"
#include "muster/types.hpp"

namespace muster {

enum class ExtinguisherAgent {
    DryPowderAbc, // ABC (ammonium phosphate) powder: class A rated
    DryPowderBc,  // BC (sodium bicarbonate) powder: no A rating
    Water,
    Foam,
    Co2,
    CleanAgent,
    WetChemical
};
enum class ExtinguisherType { Handheld, Wheeled };
enum class EquipmentStatus { InService, SentForRepair, Spare, Scrapped, Missing };

struct MaintenanceRecord {
    Date date;
    std::string kind; // service | recharge | hydrostatic | internal_exam
    std::string by;
    SourceLoc loc;
};

struct Extinguisher {
    std::string id; // the tag on the unit, e.g. "EXT-WT3-012"
    std::string floor;
    Vec2 at;
    std::string department; // owner; "" = the room's, floor's or building's (muster/ownership.hpp)
    std::string settingPoint;
    ExtinguisherAgent agent = ExtinguisherAgent::DryPowderAbc;
    ExtinguisherType type = ExtinguisherType::Handheld;
    std::string model;          // nameplate model, e.g. "MF/ABC4"
    std::optional<int> ratingA; // nameplate A units (e.g. 2 for "2A"); unset: fallback table
    std::optional<int> ratingB; // nameplate B units (e.g. 55 for "55B")
    double fillKg = 0.0;
    YearMonth manufactured;
    std::optional<Date> installed;
    std::optional<Date> lastInspection;
    std::vector<MaintenanceRecord> maintenance;
    EquipmentStatus status = EquipmentStatus::InService;
    std::optional<double> mountTopM, mountBottomM;
    bool cabinetLocked = false;
    SourceLoc loc;
};

enum class HydrantKind { Hydrant, HoseReel };
struct Hydrant {
    std::string id;
    std::string floor;
    Vec2 at;
    std::string department; // owner; "" = the room's, floor's or building's (muster/ownership.hpp)
    HydrantKind kind = HydrantKind::Hydrant;
    double hoseLengthM = 25.0;
    std::optional<Date> lastInspection;
    EquipmentStatus status = EquipmentStatus::InService;
    SourceLoc loc;
};

struct EmergencyLight {
    std::string id;
    std::string floor;
    Vec2 at;
    std::string department; // owner; "" = the room's, floor's or building's (muster/ownership.hpp)
    double ratedDurationMin = 90.0;
    std::optional<double> measuredDurationMin; // from the last full-duration test
    std::optional<Date> lastMonthlyTest;
    std::optional<Date> lastAnnualTest;
    EquipmentStatus status = EquipmentStatus::InService;
    SourceLoc loc;
};

enum class SignKind { Exit, Directional };
struct Sign {
    std::string id;
    std::string floor;
    Vec2 at;
    std::string department; // owner; "" = the room's, floor's or building's (muster/ownership.hpp)
    SignKind kind = SignKind::Exit;
    double heightM = 2.2;
    bool illuminated = true;
    std::optional<Date> lastInspection;
    EquipmentStatus status = EquipmentStatus::InService;
    SourceLoc loc;
};

enum class DetectorKind { Smoke, Heat };
struct Detector {
    std::string id;
    std::string floor;
    Vec2 at;
    std::string department; // owner; "" = the room's, floor's or building's (muster/ownership.hpp)
    DetectorKind kind = DetectorKind::Smoke;
    std::optional<Date> lastTest;
    EquipmentStatus status = EquipmentStatus::InService;
    SourceLoc loc;
};

struct Inventory {
    std::vector<Extinguisher> extinguishers;
    std::vector<Hydrant> hydrants;
    std::vector<EmergencyLight> lights;
    std::vector<Sign> signs;
    std::vector<Detector> detectors;
};

const char* toString(ExtinguisherAgent a);
const char* toString(ExtinguisherType t);
const char* toString(EquipmentStatus s);

} // namespace muster
