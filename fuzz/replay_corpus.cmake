# replay_corpus.cmake: run RUNNER (a fuzz target) over every file of DIR once.
# ENGINE=replay: the standalone driver takes the files; ENGINE=libfuzzer: the
# files are passed with -runs=0 semantics (libFuzzer runs each file given on
# the command line once). Fails when DIR has no file, or the runner exits
# non-zero (a trap, a sanitizer report, a leak).
if(MAKE_EMPTY)
  file(REMOVE_RECURSE ${DIR})
  file(MAKE_DIRECTORY ${DIR})
endif()
file(GLOB_RECURSE files LIST_DIRECTORIES false ${DIR}/*)
list(LENGTH files n)
if(n EQUAL 0)
  message(FATAL_ERROR "no inputs in ${DIR}")
endif()
list(SORT files)
set(ENV{ASAN_OPTIONS} "abort_on_error=1:detect_leaks=1")
set(ENV{UBSAN_OPTIONS} "halt_on_error=1:print_stacktrace=1")
execute_process(COMMAND ${RUNNER} ${files} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${RUNNER} exited ${rc} on ${DIR}:\n${out}\n${err}")
endif()
message(STATUS "${n} inputs of ${DIR} replayed")
