# The layers, checked on every build (cmake -P, run by the `layer_check` target that
# muster_core depends on): Debian puts every third-party header in /usr/include, so the compiler
# cannot refuse a stray include; this script does, and the build stops with file:line.
#   <box2d/...>       only in sim/src/physics/
#   <yaml-cpp/...>    only in sim/src/yaml/
#   <qrencode.h>      only in sim/src/checks/ (labels; muster/labels.hpp is its interface)
#   <SFML/...>, imgui only in viewer/ (and its tests)
#   "physics/..."     only in sim/src/physics/ and the engine's body owner, sim/src/crowd/bodies.cpp
#   "crowd/..."       only in sim/src/crowd/ (and tests/crowd/)
#   "viewer/..."      never from sim/
# Usage: cmake -DROOT=<source dir> -P cmake/CheckLayers.cmake
if(NOT ROOT)
  message(FATAL_ERROR "CheckLayers: pass -DROOT=<source dir>")
endif()
file(GLOB_RECURSE _files RELATIVE "${ROOT}"
  "${ROOT}/sim/*.cpp" "${ROOT}/sim/*.hpp" "${ROOT}/viewer/*.cpp" "${ROOT}/viewer/*.hpp"
  "${ROOT}/tests/*.cpp" "${ROOT}/tests/*.hpp")
set(_bad 0)
foreach(_f IN LISTS _files)
  file(STRINGS "${ROOT}/${_f}" _lines REGEX "^[ \t]*#[ \t]*include")
  if(NOT _lines)
    continue()
  endif()
  # Line numbers: read the whole file once.
  file(STRINGS "${ROOT}/${_f}" _all)
  set(_n 0)
  foreach(_line IN LISTS _all)
    math(EXPR _n "${_n} + 1")
    if(NOT _line MATCHES "^[ \t]*#[ \t]*include[ \t]*[<\"]([^>\"]+)[>\"]")
      continue()
    endif()
    set(_inc "${CMAKE_MATCH_1}")
    set(_why "")
    if(_inc MATCHES "^box2d/" AND NOT _f MATCHES "^sim/src/physics/")
      set(_why "Box2D is included only in sim/src/physics/ (FloorPhysics is its interface)")
    elseif(_inc MATCHES "^yaml-cpp/" AND NOT _f MATCHES "^sim/src/yaml/")
      set(_why "yaml-cpp is included only in sim/src/yaml/ (the loaders are its interface)")
    elseif(_inc STREQUAL "qrencode.h" AND NOT _f MATCHES "^sim/src/checks/")
      set(_why "libqrencode is included only in sim/src/checks/ (muster/labels.hpp is its interface)")
    elseif((_inc MATCHES "^SFML/" OR _inc MATCHES "^imgui") AND NOT _f MATCHES "^(viewer/|tests/viewer/)")
      set(_why "SFML and Dear ImGui are included only in viewer/")
    elseif(_inc MATCHES "^physics/" AND NOT _f MATCHES "^sim/src/physics/" AND NOT _f STREQUAL "sim/src/crowd/bodies.cpp")
      set(_why "only the engine's body owner (sim/src/crowd/bodies.cpp) uses the physics layer")
    elseif(_inc MATCHES "^crowd/" AND NOT _f MATCHES "^(sim/src/crowd/|tests/crowd/)")
      set(_why "the engine's internals (sim/src/crowd/) are reached through muster/simulation.hpp")
    elseif(_inc MATCHES "^viewer/" AND _f MATCHES "^sim/")
      set(_why "the core never includes the viewer")
    endif()
    if(_why)
      message("${_f}:${_n}: error: #include <${_inc}>: ${_why}")
      math(EXPR _bad "${_bad} + 1")
    endif()
  endforeach()
endforeach()
if(_bad GREATER 0)
  message(FATAL_ERROR "layer check: ${_bad} include(s) across a layer boundary (cmake/CheckLayers.cmake)")
endif()
