#pragma once
// Who walks how: the pedestrian profiles and the operational model's parameters. All values
// come from data (assets/profiles.yaml, sources in docs/model.md); nothing here is a default
// a user cannot change.
#include <map>
#include <optional>
#include <string>

#include "muster/distribution.hpp"
#include "muster/frame.hpp"

namespace muster {

// How staff move a person who cannot evacuate alone (docs/model.md, "Assisted evacuation";
// device speeds from domain.md section 3). A profile with `assisted` does not self-evacuate.
struct AssistSpec {
    DeviceKind device = DeviceKind::None; // None: escorted on foot at the person's own speed
    int staff = 1;                        // crew needed to move them
    Distribution speed;                   // level speed of the crew with the device (m/s)
    double lengthM = 0.0, widthM = 0.0;   // device footprint (0: the person's own body)
    Distribution preparation;             // before the move (a drill may override per profile)
    // Stairs: a bed or wheelchair does not go down stairs; the patient is transferred to an
    // evacuation chair or sled carried by `stairStaff`. Without `stairs` the person cannot
    // use stairs at all.
    bool stairs = false;
    int stairStaff = 2;
    Distribution stairSpeed;       // along the slope (m/s)
    Distribution stairLevelSpeed;  // the chair or sled on the level (m/s)
    Distribution stairPreparation; // extra transfer time onto the chair or sled
    double stairLengthM = 1.2, stairWidthM = 0.55;
};

struct Profile {
    std::string name;
    double radiusM = 0.2;       // body circle (SFPE: shoulder width ~0.46 m -> r 0.2-0.25)
    Distribution freeSpeed;     // m/s on the level
    double stairDownMps = 0.65; // along the slope
    double stairUpMps = 0.50;
    bool canUseStairs = true;
    bool selfEvacuates = true; // false: waits for staff (bed-bound, ICU)
    bool helps = false;        // staff: moves people who cannot evacuate alone
    std::optional<AssistSpec> assisted;
    Distribution premovement; // default; the scenario may override per group/profile
    double timeGapS = 0.6;    // collision-free speed model T, calibrated (docs/verification.md)
    SourceLoc loc;
};

// Collision-free speed model (Tordeux, Chraibi & Seyfried 2016), parameters as in the paper
// and JuPedSim's defaults; see docs/model.md.
struct ModelParams {
    double neighbourStrength = 8.0; // a: direction repulsion from neighbours
    double neighbourRange = 0.1;    // D (m)
    double wallStrength = 5.0;      // a_w
    double wallRange = 0.02;        // D_w (m)
    double queueSpeedMps = 0.1;     // below this (while trying to move) a person is waiting
    double rerouteIntervalS = 2.0;  // route choice re-evaluated this often per person
    double rerouteGain = 0.15;      // switch only when the new route is >= 15 % faster
    double doorFlowDesign = 1.3;    // P/(m·s), SFPE design specific flow (queue estimates)
    double stairFlow = 1.01;        // P/(m·s), SFPE max specific flow on stairs
    double stairEntryRadiusM = 0.7; // how close to the landing point a person enters
    double cellM = 0.2;             // navigation grid
    double frameIntervalS = 0.1;    // replay sampling (10 Hz)
};

struct ProfileSet {
    std::map<std::string, Profile> profiles;
    ModelParams model;
    [[nodiscard]] const Profile* find(const std::string& name) const {
        auto it = profiles.find(name);
        return it == profiles.end() ? nullptr : &it->second;
    }
};

} // namespace muster
