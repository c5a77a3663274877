#pragma once
// Who is in the building, per shift. Profiles are named; their parameters live in data
// (assets/profiles.yaml), not here.
#include <string>
#include <vector>

#include "muster/types.hpp"

namespace muster {

enum class Shift { Day, Night };

// The built-in profile names (domain.md section 3). A profiles file may add more.
inline const std::vector<std::string>& builtinProfileNames() {
    static const std::vector<std::string> names = {"staff",    "visitor",    "ambulant_patient",
                                                   "impaired", "wheelchair", "wheelchair_pushed",
                                                   "escorted", "bed_bound",  "icu"};
    return names;
}

// One line of the population file: `count` people of `profile` in one room (room set),
// or in every room of a kind (roomKind set, optionally restricted to a floor or building).
struct OccupantGroup {
    std::string room;     // room id, or ""
    std::string roomKind; // room kind name, or ""
    std::string floor;    // optional filter with roomKind
    std::string building; // optional filter with roomKind
    std::string profile;
    int day = 0;       // count per room, day shift
    int night = 0;     // count per room, night shift
    std::string group; // optional group name (route/exit assignment, pre-movement)
    SourceLoc loc;
};

struct Population {
    std::vector<OccupantGroup> groups;
    SourceLoc loc;
};

const char* toString(Shift s);

} // namespace muster
