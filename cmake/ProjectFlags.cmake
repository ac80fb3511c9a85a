# Warnings, hardening, sanitizers and coverage as INTERFACE targets that
# project targets link PRIVATE-ly (through $<BUILD_INTERFACE:...>), so none of
# them leaks into the exported package or into an embedder's flags.

add_library(dhcpcore_warnings INTERFACE)
target_compile_options(dhcpcore_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wnon-virtual-dtor -Wold-style-cast
  -Wcast-align -Wnull-dereference -Wformat=2 -Wimplicit-fallthrough -Wundef
  $<$<BOOL:${DHCPCORE_WERROR}>:-Werror>)

add_library(dhcpcore_hardening INTERFACE)
target_compile_definitions(dhcpcore_hardening INTERFACE
  _GLIBCXX_ASSERTIONS
  # _FORTIFY_SOURCE needs optimization; glibc warns (and -Werror fails) without it.
  $<$<NOT:$<CONFIG:Debug>>:_FORTIFY_SOURCE=2>)
target_compile_options(dhcpcore_hardening INTERFACE -fstack-protector-strong)
target_link_options(dhcpcore_hardening INTERFACE -Wl,-z,relro -Wl,-z,now)

add_library(dhcpcore_sanitizers INTERFACE)
if(DHCPCORE_SANITIZE)
  list(JOIN DHCPCORE_SANITIZE "," _dhcpcore_san)
  target_compile_options(dhcpcore_sanitizers INTERFACE
    -fsanitize=${_dhcpcore_san} -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(dhcpcore_sanitizers INTERFACE -fsanitize=${_dhcpcore_san})
endif()
if(DHCPCORE_COVERAGE)
  target_compile_options(dhcpcore_sanitizers INTERFACE -fprofile-instr-generate -fcoverage-mapping)
  target_link_options(dhcpcore_sanitizers INTERFACE -fprofile-instr-generate)
endif()

# libFuzzer: every project target carries the engine's coverage
# instrumentation; fuzz/ links the engine itself (-fsanitize=fuzzer).
if(DHCPCORE_FUZZ_ENGINE STREQUAL "libfuzzer")
  target_compile_options(dhcpcore_sanitizers INTERFACE -fsanitize=fuzzer-no-link)
endif()

# dhcpcore_project_options: what every project target links.
add_library(dhcpcore_project_options INTERFACE)
target_link_libraries(dhcpcore_project_options INTERFACE
  dhcpcore_warnings dhcpcore_hardening dhcpcore_sanitizers)

# dhcpcore_embedded_rules: the language rules of parsers/ and core/ (no
# exceptions thrown, no RTTI needed), so a `throw` fails to compile.
add_library(dhcpcore_embedded_rules INTERFACE)
# Without RTTI, UBSan's vptr check has nothing to read: clang refuses
# -fsanitize=vptr with -fno-rtti (OSS-Fuzz's UBSan flags name vptr), so it is
# switched off for these targets only.
target_compile_options(dhcpcore_embedded_rules INTERFACE -fno-exceptions -fno-rtti -fno-sanitize=vptr)
