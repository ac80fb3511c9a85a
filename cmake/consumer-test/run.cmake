# run.cmake: script behind the install tests (see CMakeLists.txt here).
# CONFIG: parsers_core or linux.
file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)

# In parsers_core, every step runs with a pkg-config that finds nothing: an
# empty search directory and no extra path.
set(env ${CMAKE_COMMAND} -E env)
if(CONFIG STREQUAL "parsers_core")
  file(MAKE_DIRECTORY ${WORK_DIR}/empty-pkgconfig)
  set(env ${CMAKE_COMMAND} -E env PKG_CONFIG_LIBDIR=${WORK_DIR}/empty-pkgconfig PKG_CONFIG_PATH=)
  set(linux OFF)
elseif(CONFIG STREQUAL "linux")
  set(linux ON)
else()
  message(FATAL_ERROR "CONFIG must be parsers_core or linux, not '${CONFIG}'")
endif()

# step NAME EXPECT COMMAND...: EXPECT is ok or fail.
function(step name expect)
  execute_process(COMMAND ${env} ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(expect STREQUAL "ok" AND NOT rc EQUAL 0)
    message(FATAL_ERROR "${name} failed (${rc}):\n${out}")
  elseif(expect STREQUAL "fail" AND rc EQUAL 0)
    message(FATAL_ERROR "${name} succeeded but should have failed:\n${out}")
  endif()
  set(step_output "${out}" PARENT_SCOPE)
  message(STATUS "${name}: ${expect}")
endfunction()

if(NOT linux)
  # Without libmnl, the default configuration stops and says what to do.
  step("configure dhcpcore without libmnl (DHCPCORE_BUILD_LINUX=ON)" fail ${CMAKE_COMMAND} -S ${SOURCE_DIR}
    -B ${WORK_DIR}/lib-no-mnl -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX} -DDHCPCORE_BUILD_TESTS=OFF
    -DDHCPCORE_BUILD_TOOLS=OFF -DDHCPCORE_BUILD_LINUX=ON)
  string(REGEX REPLACE "[ \n]+" " " reason "${step_output}")
  if(NOT reason MATCHES "needs libmnl.*-DDHCPCORE_BUILD_LINUX=OFF")
    message(FATAL_ERROR "no clear error without libmnl:\n${step_output}")
  endif()
endif()

step("configure dhcpcore (DHCPCORE_BUILD_LINUX=${linux})" ok ${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${WORK_DIR}/lib
  -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_BUILD_TYPE=Release -DDHCPCORE_WERROR=ON
  -DDHCPCORE_BUILD_TESTS=OFF -DDHCPCORE_BUILD_TOOLS=OFF -DDHCPCORE_BUILD_LINUX=${linux}
  -DCMAKE_INSTALL_PREFIX=${prefix})
step("build dhcpcore" ok ${CMAKE_COMMAND} --build ${WORK_DIR}/lib)
step("install dhcpcore" ok ${CMAKE_COMMAND} --install ${WORK_DIR}/lib)

file(GLOB_RECURSE linux_lib ${prefix}/*libdhcpcore_linux*)
if(linux AND (NOT linux_lib OR NOT EXISTS ${prefix}/include/dhcpcore/linux/netlink.hpp))
  message(FATAL_ERROR "the linux package lacks the runtime's library or headers")
elseif(NOT linux AND (linux_lib OR EXISTS ${prefix}/include/dhcpcore/linux))
  message(FATAL_ERROR "DHCPCORE_BUILD_LINUX=OFF installed the Linux runtime: ${linux_lib}")
endif()

step("configure consumer (WANT_LINUX=${linux})" ok ${CMAKE_COMMAND} -S ${SOURCE_DIR}/cmake/consumer-test/project
  -B ${WORK_DIR}/consumer -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_PREFIX_PATH=${prefix}
  -DWANT_LINUX=${linux})
step("build consumer" ok ${CMAKE_COMMAND} --build ${WORK_DIR}/consumer)
execute_process(COMMAND ${WORK_DIR}/consumer/consumer RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0 OR NOT out MATCHES "yiaddr=192.0.2.50")
  message(FATAL_ERROR "consumer ran with rc=${rc}, output:\n${out}")
endif()
if(linux AND NOT out MATCHES "loopback ifindex=[1-9]")
  message(FATAL_ERROR "the linux consumer did not read the loopback link:\n${out}")
endif()
message(STATUS "consumer output: ${out}")

if(NOT linux)
  # Asking this package for the runtime fails, saying why.
  step("configure consumer asking for component linux" fail ${CMAKE_COMMAND}
    -S ${SOURCE_DIR}/cmake/consumer-test/project -B ${WORK_DIR}/consumer-linux -G ${GENERATOR}
    -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_PREFIX_PATH=${prefix} -DWANT_LINUX=ON)
  string(REGEX REPLACE "[ \n]+" " " reason "${step_output}")
  if(NOT reason MATCHES "built with DHCPCORE_BUILD_LINUX=OFF")
    message(FATAL_ERROR "no reason given for the missing component:\n${step_output}")
  endif()
endif()
