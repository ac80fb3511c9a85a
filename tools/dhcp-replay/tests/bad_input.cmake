# bad_input.cmake: dhcp-replay on damaged and unusual captures (ctest
# pcap.bad_input). dhcp-replay-badgen writes them into WORK from GOOD (a
# recorded Ethernet capture; tests/badgen.cpp says how each is made); every
# case checks the exit status and what the output must say. ASan/UBSan in the
# dev preset turn any memory error into a failure.
#   -DREPLAY= -DGEN= -DGOOD= -DGOOD_EXPECT= -DWORK=
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
execute_process(COMMAND ${GEN} ${GOOD} ${WORK} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "dhcp-replay-badgen failed (${rc})")
endif()

set(failures "")
# check(NAME EXPECTED_RC ARGS... MUST fragment...): run dhcp-replay ARGS,
# require the exit status and every fragment in stdout + stderr.
function(check name want_rc)
  cmake_parse_arguments(C "" "" "ARGS;MUST" ${ARGN})
  execute_process(COMMAND ${REPLAY} ${C_ARGS} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(all "${out}${err}")
  set(bad "")
  if(NOT rc STREQUAL "${want_rc}")
    string(APPEND bad " exit ${rc}, want ${want_rc};")
  endif()
  foreach(m ${C_MUST})
    string(FIND "${all}" "${m}" at)
    if(at EQUAL -1)
      string(APPEND bad " no '${m}';")
    endif()
  endforeach()
  if(bad)
    set(failures "${failures}\n${name}:${bad}\n--- output ---\n${all}" PARENT_SCOPE)
  else()
    message(STATUS "ok: ${name}")
  endif()
endfunction()

check(truncated_file 3 ARGS --no-checksums ${WORK}/truncated.pcap
  MUST "damaged capture after frame 5" "truncated dump file" "\"frames\":5,\"dhcp\":5")
check(cut_by_snaplen 0 ARGS --no-checksums ${WORK}/snaplen.pcap
  MUST "\"cut_by_snaplen\":6" "CutBySnaplen (ipv4: TotalLengthExceedsBuffer)" "6 cut by snaplen")
check(unknown_link_type 3 ARGS ${WORK}/linktype.pcap MUST "unsupported link type 105" "\"frames\":0")
check(not_dhcp 0 ARGS --no-checksums ${WORK}/nondhcp.pcap
  MUST "\"frames\":10,\"dhcp\":6,\"not_dhcp\":4" "\"ethernet: NotIpv4\":2" "\"ipv4: NotUdp\":1" "\"udp: NotDhcpPort\":1"
       "4 not DHCP")
check(corrupt_headers 0 ARGS ${WORK}/corrupt.pcap
  MUST "\"dhcp\":0,\"not_dhcp\":0,\"malformed\":8" "\"ipv4: BadHeaderChecksum\":1" "\"ipv4: BadHeaderLength\":1"
       "\"udp: LengthExceedsPayload\":1" "\"udp: BadChecksum\":1" "\"dhcp: BadMagicCookie\":1"
       "\"ethernet: Truncated\":1" "\"ipv4: Fragmented\":1" "\"dhcp: TruncatedOption\":1")
check(no_such_file 3 ARGS ${WORK}/absent.pcap MUST "cannot open")
check(usage 2 ARGS --bogus MUST "unknown option --bogus")

# The same frames under other link types and in pcapng give GOOD's expectation.
file(READ ${GOOD_EXPECT} expect)
foreach(v "sll.pcap;LINUX_SLL" "sll2.pcap;LINUX_SLL2" "good.pcapng;EN10MB")
  list(GET v 0 f)
  list(GET v 1 lt)
  string(REPLACE "\"link_type\":\"EN10MB\"" "\"link_type\":\"${lt}\"" e "${expect}")
  file(WRITE ${WORK}/${f}.expect "${e}")
  check(${f} 0 ARGS --client --no-checksums --quiet --expect ${WORK}/${f}.expect ${WORK}/${f})
endforeach()

# --expect fails with a diff when the expectation differs.
string(REPLACE "\"state\":\"BOUND\"" "\"state\":\"REBINDING\"" e "${expect}")
file(WRITE ${WORK}/wrong.expect "${e}")
check(expect_mismatch 1 ARGS --client --no-checksums --quiet --expect ${WORK}/wrong.expect ${GOOD}
  MUST "differs from" "- {\"kind\":\"client_result\",\"state\":\"REBINDING\"" "+ {\"kind\":\"client_result\",\"state\":\"BOUND\"")

if(failures)
  message(FATAL_ERROR "bad-input cases failed:${failures}")
endif()
