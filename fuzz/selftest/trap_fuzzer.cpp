// trap_fuzzer: a target that traps on every input, to show that the corpus
// replay test fails when an input breaks an invariant.
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t*, std::size_t) { __builtin_trap(); }
