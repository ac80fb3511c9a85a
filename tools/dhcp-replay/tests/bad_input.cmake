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
# check(NAME EXPECTED_RC ARGS... MUST fragment... MUST_NOT fragment...
#       MAX_TIMER_CALLS_PER_FRAME n MAX_TIMER_CALLS n): run dhcp-replay ARGS,
# require the exit status, every MUST fragment and no MUST_NOT fragment in
# stdout + stderr; with the MAX_ values, the --stats line's counts at most
# those and at least one jump (so the bound was reached, not avoided).
function(check name want_rc)
  cmake_parse_arguments(C "" "MAX_TIMER_CALLS_PER_FRAME;MAX_TIMER_CALLS" "ARGS;MUST;MUST_NOT" ${ARGN})
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
  foreach(m ${C_MUST_NOT})
    string(FIND "${all}" "${m}" at)
    if(NOT at EQUAL -1)
      string(APPEND bad " '${m}' present;")
    endif()
  endforeach()
  if(DEFINED C_MAX_TIMER_CALLS)
    if(out MATCHES "\"kind\":\"timers\",\"calls\":([0-9]+),\"max_calls_per_frame\":([0-9]+),\"jumps\":([0-9]+)")
      if(CMAKE_MATCH_1 GREATER C_MAX_TIMER_CALLS)
        string(APPEND bad " ${CMAKE_MATCH_1} timer calls, at most ${C_MAX_TIMER_CALLS} allowed;")
      endif()
      if(CMAKE_MATCH_2 GREATER C_MAX_TIMER_CALLS_PER_FRAME)
        string(APPEND bad " ${CMAKE_MATCH_2} timer calls in one frame, at most ${C_MAX_TIMER_CALLS_PER_FRAME} allowed;")
      endif()
      if(CMAKE_MATCH_3 EQUAL 0)
        string(APPEND bad " no jump: the capture did not reach the per-frame bound;")
      endif()
    else()
      string(APPEND bad " no timers line;")
    endif()
  endif()
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
  MUST "\"frames\":10,\"dhcp\":6,\"checksum_offloaded\":0,\"not_dhcp\":4" "\"ethernet: NotIpv4\":2" "\"ipv4: NotUdp\":1" "\"udp: NotDhcpPort\":1"
       "4 not DHCP")
check(corrupt_headers 0 ARGS ${WORK}/corrupt.pcap
  MUST "\"dhcp\":0,\"checksum_offloaded\":0,\"not_dhcp\":0,\"malformed\":8" "\"ipv4: BadHeaderChecksum\":1" "\"ipv4: BadHeaderLength\":1"
       "\"udp: LengthExceedsPayload\":1" "\"udp: BadChecksum\":1" "\"dhcp: BadMagicCookie\":1"
       "\"ethernet: Truncated\":1" "\"ipv4: Fragmented\":1" "\"dhcp: TruncatedOption\":1")
check(no_such_file 3 ARGS ${WORK}/absent.pcap MUST "cannot open")
# A pcapng timestamp at the format's limit (2^64 - 1 us) in frame 2: a named
# error and exit 3 as for a damaged record, frame 1 still reported, and no
# sanitizer report (its seconds times 10^6 overflowed int64: UBSan aborted).
check(huge_timestamp 3 ARGS --client --no-checksums --quiet ${WORK}/hugets.pcapng
  MUST "timestamp out of range in frame 2: TimestampOutOfRange (18446744073709 s + 551615 us"
       "\"frames\":1,\"dhcp\":1" "\"kind\":\"client_result\""
  MUST_NOT "runtime error" "AddressSanitizer")
# Frames 2e8 s apart with --client: the client discovers through every gap
# (DISCOVER every 30 s at most), so stepping through each deadline would be
# millions of calls. The replay is bounded: at most 64 calls at deadlines and
# 4 jumps (T2, expiry, now) per frame, so 68 per frame and 6 x 68 in all.
# The replayed client ends as the capture lets it: the ACK of frame 6 finds
# it discovering again (REQUESTING gave up after 30 s) and has no Rapid
# Commit, so it is ignored and there is no lease.
check(frames_years_apart 0 ARGS --client --no-checksums --quiet --stats ${WORK}/gap.pcapng
  MUST "\"frames\":6,\"dhcp\":6" "\"ignored\":\"NoRapidCommit\"" "\"kind\":\"client_result\",\"state\":\"Discovering\""
  MUST_NOT "runtime error"
  MAX_TIMER_CALLS_PER_FRAME 68 MAX_TIMER_CALLS 408)
# The jumps keep the state changes at their deadlines: bound at t = 3026 ms
# (the REQUEST answered, as in GOOD's expectation) for 30 days, T1 = 15 d,
# T2 = 26.25 d, so REBINDING at 3026 + 2268000000 ms and the lease lost at
# 3026 + 2592000000 ms, though RENEWING alone retransmits thousands of times
# (every 300 s at most) before T2; the last frame comes 2e8 s in.
check(lease_expires_in_a_gap 0 ARGS --client --no-checksums --quiet --stats ${WORK}/lease_gap.pcapng
  MUST "\"t_ms\":1296003026,\"from\":\"Bound\",\"to\":\"Renewing\""
       "\"t_ms\":2268003026,\"from\":\"Renewing\",\"to\":\"Rebinding\""
       "\"t_ms\":2592003026,\"from\":\"Rebinding\",\"to\":\"Discovering\""
       "\"t_ms\":2592003026,\"change\":\"Lost\",\"ip\":\"192.0.2.93\""
       "\"kind\":\"client_result\",\"state\":\"Discovering\""
  MUST_NOT "runtime error"
  MAX_TIMER_CALLS_PER_FRAME 68 MAX_TIMER_CALLS 476)
check(usage 2 ARGS --bogus MUST "unknown option --bogus")

# The same frames under other link types and in pcapng give GOOD's expectation.
file(READ ${GOOD_EXPECT} expect)
foreach(v "sll.pcap;LINUX_SLL" "sll2.pcap;LINUX_SLL2" "good.pcapng;EN10MB")
  list(GET v 0 f)
  list(GET v 1 lt)
  string(REPLACE "\"link_type\":\"EN10MB\"" "\"link_type\":\"${lt}\"" e "${expect}")
  file(WRITE ${WORK}/${f}.expect "${e}")
  check(${f} 0 ARGS --client --quiet --expect ${WORK}/${f}.expect ${WORK}/${f})
endforeach()

# --expect fails with a diff when the expectation differs.
string(REPLACE "\"state\":\"Bound\"" "\"state\":\"Rebinding\"" e "${expect}")
file(WRITE ${WORK}/wrong.expect "${e}")
check(expect_mismatch 1 ARGS --client --no-checksums --quiet --expect ${WORK}/wrong.expect ${GOOD}
  MUST "differs from" "- {\"kind\":\"client_result\",\"state\":\"Rebinding\"" "+ {\"kind\":\"client_result\",\"state\":\"Bound\"")

if(failures)
  message(FATAL_ERROR "bad-input cases failed:${failures}")
endif()
