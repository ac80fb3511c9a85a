# run.cmake: script behind the install test (see CMakeLists.txt here).
file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)

function(step name)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${name} failed (${rc}):\n${out}")
  endif()
  message(STATUS "${name}: ok")
endfunction()

step("configure dhcpcore" ${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${WORK_DIR}/lib -G ${GENERATOR}
  -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_BUILD_TYPE=Release -DDHCPCORE_WERROR=ON
  -DDHCPCORE_BUILD_TESTS=OFF -DDHCPCORE_BUILD_TOOLS=OFF -DCMAKE_INSTALL_PREFIX=${prefix})
step("build dhcpcore" ${CMAKE_COMMAND} --build ${WORK_DIR}/lib)
step("install dhcpcore" ${CMAKE_COMMAND} --install ${WORK_DIR}/lib)
step("configure consumer" ${CMAKE_COMMAND} -S ${SOURCE_DIR}/cmake/consumer-test/project
  -B ${WORK_DIR}/consumer -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX}
  -DCMAKE_PREFIX_PATH=${prefix})
step("build consumer" ${CMAKE_COMMAND} --build ${WORK_DIR}/consumer)
execute_process(COMMAND ${WORK_DIR}/consumer/consumer RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0 OR NOT out MATCHES "yiaddr=192.0.2.50")
  message(FATAL_ERROR "consumer ran with rc=${rc}, output:\n${out}")
endif()
message(STATUS "consumer output: ${out}")
