// fuzz_check.hpp: what every fuzz target shares: FUZZ_CHECK, which traps when
// an invariant breaks, and ByteSource, which turns the input into structured
// values.
//
// ByteSource is ours rather than clang's FuzzedDataProvider so that an input
// means the same thing under every engine and compiler (libFuzzer, AFL++,
// the g++ replay build, OSS-Fuzz): a corpus file replays the same path
// everywhere. It reads from the front only, so an input is a simple
// sequence that tools/corpus-gen can write field by field, and it never
// fails: past the end every read yields zeros / empty spans.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <span>

namespace dhcpcore::fuzz {

// fail reports the broken invariant on stderr and traps, so every engine
// records a crash with the input that caused it.
[[noreturn]] inline void fail(const char* what, const char* file, int line) noexcept {
  std::fprintf(stderr, "FUZZ_CHECK failed: %s at %s:%d\n", what, file, line);
  __builtin_trap();
}

#define FUZZ_CHECK(cond)                                              \
  do {                                                                \
    if (!(cond)) ::dhcpcore::fuzz::fail(#cond, __FILE__, __LINE__);   \
  } while (0)

class ByteSource {
 public:
  explicit ByteSource(std::span<const std::uint8_t> in) noexcept : in_(in) {}

  std::size_t remaining() const noexcept { return in_.size(); }
  bool empty() const noexcept { return in_.empty(); }

  // u8 / u16 / u32: big-endian; zeros past the end.
  std::uint8_t u8() noexcept {
    if (in_.empty()) return 0;
    const std::uint8_t v = in_[0];
    in_ = in_.subspan(1);
    return v;
  }
  std::uint16_t u16() noexcept {
    const auto hi = u8();
    return static_cast<std::uint16_t>((hi << 8) | u8());
  }
  std::uint32_t u32() noexcept {
    const std::uint32_t hi = u16();
    return (hi << 16) | u16();
  }
  bool flag() noexcept { return (u8() & 1) != 0; }
  // below: a value in [0, n) from one byte (n <= 256; 0 when n == 0).
  std::size_t below(std::size_t n) noexcept { return n == 0 ? 0 : u8() % n; }
  // bytes: the next n bytes, fewer when the input ends first.
  std::span<const std::uint8_t> bytes(std::size_t n) noexcept {
    const std::size_t k = n < in_.size() ? n : in_.size();
    const auto out = in_.first(k);
    in_ = in_.subspan(k);
    return out;
  }
  // sized: a length byte, then that many bytes.
  std::span<const std::uint8_t> sized() noexcept { return bytes(u8()); }
  // rest: everything left.
  std::span<const std::uint8_t> rest() noexcept { return bytes(in_.size()); }

 private:
  std::span<const std::uint8_t> in_;
};

// within: sub is a (possibly empty) view inside whole.
inline bool within(std::span<const std::uint8_t> sub, std::span<const std::uint8_t> whole) noexcept {
  if (sub.empty()) return true;
  return sub.data() >= whole.data() && sub.data() + sub.size() <= whole.data() + whole.size();
}

}  // namespace dhcpcore::fuzz
