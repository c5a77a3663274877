#include "viewer/colours.hpp"

namespace muster::viewer {

sf::Color roomFill(RoomKind k) {
    // Pastels that keep people (saturated discs) readable on top; kinds with a fire load or
    // special hazard are warm, clinical areas cool, circulation near-white.
    switch (k) {
    case RoomKind::Ward:
        return {214, 230, 245};
    case RoomKind::Icu:
        return {208, 216, 242};
    case RoomKind::Operating:
        return {207, 236, 230};
    case RoomKind::Corridor:
        return {250, 250, 246};
    case RoomKind::Lobby:
        return {241, 239, 232};
    case RoomKind::ElevatorLobby:
        return {236, 233, 224};
    case RoomKind::Stair:
        return {228, 224, 214};
    case RoomKind::Office:
    case RoomKind::Records:
        return {243, 236, 222};
    case RoomKind::NurseStation:
        return {246, 231, 208};
    case RoomKind::Outpatient:
    case RoomKind::Dialysis:
    case RoomKind::Radiology:
        return {222, 238, 217};
    case RoomKind::Pharmacy:
    case RoomKind::Laboratory:
        return {213, 236, 225};
    case RoomKind::PlantRoom:
    case RoomKind::PowerDistribution:
    case RoomKind::ServerRoom:
    case RoomKind::ElevatorMachineRoom:
        return {238, 222, 222};
    case RoomKind::OxygenPlant:
    case RoomKind::BoilerRoom:
        return {245, 212, 208};
    case RoomKind::Dormitory:
        return {232, 226, 242};
    case RoomKind::Kitchen:
        return {245, 226, 214};
    case RoomKind::Storage:
        return {233, 228, 218};
    case RoomKind::Toilet:
        return {224, 234, 238};
    case RoomKind::Other:
        return {236, 236, 236};
    }
    return {236, 236, 236};
}

sf::Color stateColour(AgentState s) {
    switch (s) {
    case AgentState::Waiting:
        return {134, 142, 150}; // grey: not yet moving
    case AgentState::Moving:
        return {25, 113, 194}; // blue
    case AgentState::Queuing:
        return {245, 159, 0}; // amber: slowed by the crowd
    case AgentState::BeingHelped:
        return {174, 62, 201}; // purple
    case AgentState::OnStair:
        return {16, 152, 173}; // cyan
    case AgentState::Evacuated:
        return {47, 158, 68}; // green
    case AgentState::Stuck:
        return {224, 49, 49}; // red
    case AgentState::Helping:
        return {12, 166, 120}; // teal: staff at work
    }
    return {0, 0, 0};
}

sf::Color profileColour(size_t i) {
    // Tableau-10-like categorical colours, readable on pastels.
    static const sf::Color kColours[] = {
        {31, 119, 180}, {255, 127, 14},  {44, 160, 44},   {214, 39, 40},  {148, 103, 189},
        {140, 86, 75},  {227, 119, 194}, {127, 127, 127}, {188, 189, 34}, {23, 190, 207}};
    return kColours[i % (sizeof kColours / sizeof kColours[0])];
}

char fruinLevel(double d) {
    // Walkway LOS by area per person: A >= 3.3 m², B 2.3-3.3, C 1.4-2.3, D 0.9-1.4, E 0.5-0.9,
    // F < 0.5 (Fruin 1971; HCM 2010 exhibit 23-1 uses the same breakpoints).
    if (d < 1.0 / 3.3)
        return 'A';
    if (d < 1.0 / 2.3)
        return 'B';
    if (d < 1.0 / 1.4)
        return 'C';
    if (d < 1.0 / 0.9)
        return 'D';
    if (d < 1.0 / 0.5)
        return 'E';
    return 'F';
}

sf::Color fruinColour(char level) {
    switch (level) {
    case 'A':
        return {47, 158, 68};
    case 'B':
        return {148, 216, 45};
    case 'C':
        return {250, 210, 30};
    case 'D':
        return {253, 126, 20};
    case 'E':
        return {232, 89, 12};
    default:
        return {201, 42, 42};
    }
}

sf::Color itemColour(std::optional<ItemStatus> s) {
    if (!s)
        return {134, 142, 150}; // not assessed: no rules profile for its building
    switch (*s) {
    case ItemStatus::Ok:
        return {47, 158, 68};
    case ItemStatus::DueSoon:
        return {250, 176, 5};
    case ItemStatus::Expired:
        return {201, 42, 42};
    case ItemStatus::Overdue:
        return {232, 89, 12};
    case ItemStatus::SentForRepair:
        return {112, 72, 232};
    case ItemStatus::Missing:
    case ItemStatus::Spare:
    case ItemStatus::Scrapped:
        return {73, 80, 87};
    }
    return {0, 0, 0};
}

const char* statusLabel(std::optional<ItemStatus> s) {
    if (!s)
        return "not assessed";
    switch (*s) {
    case ItemStatus::Ok:
        return "in date";
    case ItemStatus::DueSoon:
        return "due soon";
    case ItemStatus::Expired:
        return "expired";
    case ItemStatus::Overdue:
        return "overdue";
    case ItemStatus::SentForRepair:
        return "sent for repair";
    case ItemStatus::Missing:
        return "missing";
    case ItemStatus::Spare:
        return "spare";
    case ItemStatus::Scrapped:
        return "scrapped";
    }
    return "?";
}

std::vector<LegendSection> legend(bool byProfile, const std::vector<std::string>& profiles,
                                  bool heatMap, bool equipment, bool coverage, bool compartments,
                                  bool assembly) {
    using S = LegendEntry::Shape;
    std::vector<LegendSection> out;
    if (byProfile) {
        LegendSection s{"People by profile", {}};
        for (size_t i = 0; i < profiles.size(); ++i)
            s.entries.push_back({profiles[i], profileColour(i), S::Disc});
        out.push_back(std::move(s));
    } else {
        LegendSection s{"People", {}};
        for (AgentState st : {AgentState::Waiting, AgentState::Moving, AgentState::Queuing,
                              AgentState::BeingHelped, AgentState::Helping, AgentState::Stuck}) {
            const char* label = st == AgentState::Waiting       ? "waiting to start"
                                : st == AgentState::Moving      ? "moving"
                                : st == AgentState::Queuing     ? "queuing"
                                : st == AgentState::BeingHelped ? "being helped"
                                : st == AgentState::Helping     ? "staff helping"
                                                                : "stuck";
            s.entries.push_back({label, stateColour(st), S::Disc});
        }
        s.entries.push_back({"in smoke (dark ring)", {52, 58, 64}, S::Disc});
        out.push_back(std::move(s));
    }
    out.push_back({"Plan",
                   {{"exit", colours::kExit, S::Box},
                    {"fire door", colours::kFireDoor, S::Bar},
                    {"closed door / blocked exit", colours::kClosedDoor, S::Bar},
                    {"smoke", colours::kSmoke, S::Box}}});
    if (compartments)
        out.back().entries.push_back({"smoke compartment", colours::kCompartment, S::Bar});
    if (assembly)
        out.back().entries.push_back({"to assembly point", colours::kAssembly, S::Disc});
    if (coverage)
        out.push_back({"Coverage (class A)",
                       {{"uncovered area", colours::kUncovered, S::Box},
                        {"worst point", colours::kWorstPoint, S::Bar}}});
    if (heatMap) {
        LegendSection s{"Density (Fruin LOS)", {}};
        const char* labels[] = {"A  < 0.31 p/m²", "B  0.31-0.43", "C  0.43-0.71",
                                "D  0.71-1.11",   "E  1.11-2.0",  "F  > 2.0 p/m²"};
        for (int i = 0; i < 6; ++i)
            s.entries.push_back({labels[i], fruinColour(static_cast<char>('A' + i)), S::Box});
        out.push_back(std::move(s));
    }
    if (equipment) {
        LegendSection s{"Equipment", {}};
        for (ItemStatus st : {ItemStatus::Ok, ItemStatus::DueSoon, ItemStatus::Expired,
                              ItemStatus::Overdue, ItemStatus::SentForRepair})
            s.entries.push_back({statusLabel(st), itemColour(st), S::Box});
        s.entries.push_back(
            {"missing / scrapped / spare", itemColour(ItemStatus::Missing), S::Box});
        out.push_back(std::move(s));
    }
    return out;
}

} // namespace muster::viewer
