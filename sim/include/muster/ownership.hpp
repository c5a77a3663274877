#pragma once
// Who owns what: the department responsible for each room and inventory item (the fire-safety
// responsibility letter, 消防安全责任书, that each department signs). An item's own
// `department` wins, then its room's, then its floor's, then its building's; the first set one
// is the owner. A reference names a department of the scenario's registry (`departments`) by id
// or by name; without a registry a reference is a department of its own (no responsible
// person). docs/compliance.md, "Responsibility".
#include <optional>
#include <string>
#include <vector>

#include "muster/scenario.hpp"

namespace muster {

struct Owner {
    std::string department;           // display name ("" = nobody owns it)
    const Department* dept = nullptr; // the registry entry, when there is one
    const char* from = "";            // "item", "room", "floor", "building" or "" (none)
    [[nodiscard]] bool known() const { return !department.empty(); }
    // "重症医学科 ICU (张伟; deputy 李娜)" or just the name when nobody is on record.
    [[nodiscard]] std::string withPeople() const;
};

// The registry entry a reference names (by id, else by name); nullptr when none matches.
const Department* findDepartment(const Project& p, const std::string& ref);
// The display name of a reference: the registry's name, else the reference as written.
std::string departmentName(const Project& p, const std::string& ref);

// The owner of whatever stands at `room` (nullptr: in no room) on floor `f` of building `b`,
// when the thing itself names `itemDepartment` ("" = none).
Owner ownerOf(const Project& p, const Building& b, const Floor& f, const Room* room,
              const std::string& itemDepartment = "");

// One inventory item (or exit) by id, wherever it is listed.
struct ItemRef {
    std::string kind; // extinguisher, hydrant, light, sign, detector, exit
    std::string id;
    const Building* building = nullptr;
    const Floor* floor = nullptr;
    const Room* room = nullptr; // the room it stands in (nullptr: none)
    Vec2 at;
    std::string department; // its own `department` ("" = none)
};
// nullopt when no item of the project has that id (or its floor is not in the project).
std::optional<ItemRef> findItem(const Project& p, const std::string& id);
// The owner of an item found by findItem.
Owner ownerOf(const Project& p, const ItemRef& item);

// The room a point of a floor stands in (or, on a wall between rooms, the nearest within 1 m).
const Room* roomAt(const Floor& f, Vec2 p);

// Every department the project refers to or lists, by display name, sorted.
std::vector<std::string> projectDepartments(const Project& p);

} // namespace muster
