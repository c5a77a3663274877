#pragma once
// One table per enum: the YAML spelling of each value. toString() and the loader's enum
// parsing both read these, so the accepted names and the printed names cannot drift apart.
#include <optional>
#include <span>
#include <string_view>
#include <utility>

#include "muster/building.hpp"
#include "muster/inventory.hpp"
#include "muster/population.hpp"

namespace muster::names {

template <class E> using Table = std::span<const std::pair<E, const char*>>;

Table<RoomKind> roomKinds();
Table<HazardLevel> hazardLevels();
Table<DoorState> doorStates();
Table<CompartmentKind> compartmentKinds();
Table<ExtinguisherAgent> agents();
Table<ExtinguisherType> extinguisherTypes();
Table<EquipmentStatus> statuses();
Table<HydrantKind> hydrantKinds();
Table<SignKind> signKinds();
Table<DetectorKind> detectorKinds();
Table<Shift> shifts();

template <class E> std::optional<E> lookup(Table<E> t, std::string_view s) {
    for (const auto& [v, n] : t)
        if (s == n)
            return v;
    return std::nullopt;
}

template <class E> const char* nameOf(Table<E> t, E e) {
    for (const auto& [v, n] : t)
        if (v == e)
            return n;
    return "?";
}

} // namespace muster::names
