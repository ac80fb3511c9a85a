# run.cmake: the preset build check behind the `build.preset_*` tests (see
# CMakeLists.txt here). Configures PRESET from CMakePresets.json into a clean
# WORK_DIR with DHCPCORE_WERROR=ON (and any EXTRA cache settings), then builds
# TARGETS, or every default target when TARGETS is "all".
#   cmake -DSOURCE_DIR=... -DWORK_DIR=... -DPRESET=release -DTARGETS=all -P run.cmake
foreach(var SOURCE_DIR WORK_DIR PRESET TARGETS)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run.cmake: ${var} not set")
  endif()
endforeach()
file(REMOVE_RECURSE "${WORK_DIR}")
if(NOT DEFINED JOBS)
  cmake_host_system_information(RESULT JOBS QUERY NUMBER_OF_LOGICAL_CORES)
endif()

function(step name)
  execute_process(COMMAND ${ARGN} WORKING_DIRECTORY "${SOURCE_DIR}"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "preset ${PRESET}: ${name} failed (${rc}):\n${out}")
  endif()
  message(STATUS "preset ${PRESET}: ${name}: ok")
endfunction()

# -B overrides the preset's binaryDir, so a developer's build/<preset> is never
# touched; every other setting is the preset's own.
set(extra)
foreach(setting IN LISTS EXTRA)
  list(APPEND extra "-D${setting}")
endforeach()
step("configure" ${CMAKE_COMMAND} --preset "${PRESET}" -S "${SOURCE_DIR}" -B "${WORK_DIR}"
     -DDHCPCORE_WERROR=ON ${extra})
if(TARGETS STREQUAL "all")
  step("build all" ${CMAKE_COMMAND} --build "${WORK_DIR}" -j ${JOBS})
else()
  step("build ${TARGETS}" ${CMAKE_COMMAND} --build "${WORK_DIR}" -j ${JOBS} --target ${TARGETS})
endif()
# The check is the build itself; the objects are large (ASan, coverage), so
# they do not stay behind.
file(REMOVE_RECURSE "${WORK_DIR}")
