#!/usr/bin/env bash
# The layer check passes on the tree and stops on a planted stray include (cmake/CheckLayers.cmake).
set -u
root="$1"
cmake -DROOT="$root" -P "$root/cmake/CheckLayers.cmake" || { echo "FAIL: the tree itself breaks a layer"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
check() {  # file, include line, expected fragment
    rm -rf "$tmp/t"; mkdir -p "$tmp/t/$(dirname "$1")"; printf '%s\n' "$2" > "$tmp/t/$1"
    out=$(cmake -DROOT="$tmp/t" -P "$root/cmake/CheckLayers.cmake" 2>&1) && { echo "FAIL: $1 with '$2' passed"; exit 1; }
    grep -q "$1:1: error: .*$3" <<<"$out" || { echo "FAIL: $1: unexpected message: $out"; exit 1; }
}
check sim/src/crowd/x.cpp '#include <box2d/box2d.h>' 'Box2D'
check sim/cli/x.cpp '#include <yaml-cpp/yaml.h>' 'yaml-cpp'
check sim/src/checks/x.hpp '#include <SFML/Graphics.hpp>' 'SFML'
check sim/cli/x.cpp '#include <qrencode.h>' 'libqrencode'
check viewer/x.cpp '#include <qrencode.h>' 'libqrencode'
check sim/src/crowd/steering_x.cpp '#include "physics/floor_physics.hpp"' 'body owner'
check viewer/x.cpp '#include "crowd/world.hpp"' 'internals'
check sim/src/drill/x.cpp '#include "viewer/app.hpp"' 'never includes the viewer'
# Allowed: Box2D in physics, libqrencode in checks, the physics layer in the body owner.
rm -rf "$tmp/t"; mkdir -p "$tmp/t/sim/src/physics" "$tmp/t/sim/src/crowd"
echo '#include <box2d/box2d.h>' > "$tmp/t/sim/src/physics/a.cpp"
mkdir -p "$tmp/t/sim/src/checks"; echo '#include <qrencode.h>' > "$tmp/t/sim/src/checks/qr.cpp"
echo '#include "physics/floor_physics.hpp"' > "$tmp/t/sim/src/crowd/bodies.cpp"
cmake -DROOT="$tmp/t" -P "$root/cmake/CheckLayers.cmake" || { echo "FAIL: allowed includes rejected"; exit 1; }
echo "layer check: ok"
