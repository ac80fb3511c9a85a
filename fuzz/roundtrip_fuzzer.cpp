// roundtrip_fuzzer: parse -> emit -> parse. A message that parses is rebuilt
// with DhcpMessageRepr from what the parse saw (the header with its raw
// sname/file fields, and every instance of the options field in order, 52
// included, so overloaded fields round-trip through the header); the result
// must parse to the same header, overload and per-code instances, and
// emitting it again must give the same bytes (emit is canonical: PADs and
// bytes after END are the only things dropped).
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "invariants.hpp"

namespace {

using namespace dhcpcore;

// Every instance takes at least 2 bytes, so this many refs always suffice.
constexpr std::size_t kMaxRefs = (kMaxDhcpMessageSize - kDhcpOptionsOffset) / 2 + 1;

// repr_of: the builder input that re-creates m (refs point into m's bytes).
DhcpMessageRepr repr_of(const DhcpMessage& m, std::span<OptionRef> refs) {
  std::size_t n = 0;
  m.for_each_option([&](std::uint8_t code, OptionFragment f) {
    if (f.area != OptionArea::Options) return;
    FUZZ_CHECK(n < refs.size());
    refs[n++] = OptionRef{code, f.data};
  });
  DhcpMessageRepr r;
  r.header = m.header();
  r.options = refs.first(n);
  return r;
}

void check_same(const DhcpMessage& a, const DhcpMessage& b) {
  FUZZ_CHECK(a.header() == b.header());
  FUZZ_CHECK(a.overload() == b.overload());
  static std::array<std::uint8_t, kMaxOptionLength> sa;
  static std::array<std::uint8_t, kMaxOptionLength> sb;
  for (unsigned c = 0; c < 256; ++c) {
    const auto code = static_cast<std::uint8_t>(c);
    FUZZ_CHECK(a.has(code) == b.has(code) && a.count(code) == b.count(code));
    FUZZ_CHECK(a.total_length(code) == b.total_length(code));
    if (!a.has(code)) continue;
    const auto va = a.concatenated(code, sa);
    const auto vb = b.concatenated(code, sb);
    FUZZ_CHECK(va && vb && fuzz::equal_bytes(*va, *vb));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static std::array<OptionRef, kMaxRefs> refs;
  static std::array<std::uint8_t, kMaxDhcpMessageSize> out1;
  static std::array<std::uint8_t, kMaxDhcpMessageSize> out2;
  const std::span<const std::uint8_t> in(data, size);
  const auto first = DhcpMessage::parse(in);
  if (!first) return 0;
  const DhcpMessageRepr r1 = repr_of(first.value(), refs);
  const std::size_t wire1 = r1.wire_size();
  const auto n1 = r1.emit(out1);
  if (wire1 > kMaxDhcpMessageSize) {
    // Only possible when the input filled the largest datagram without END.
    FUZZ_CHECK(!n1 && n1.error() == BuildError::PayloadTooLarge && wire1 == size + 1);
    return 0;
  }
  FUZZ_CHECK(n1 && n1.value() == wire1 && wire1 <= size + 1);
  // A buffer one byte short is refused and left untouched.
  if (wire1 > 0) {
    std::fill(out2.begin(), out2.begin() + static_cast<std::ptrdiff_t>(wire1), std::uint8_t{0xa5});
    const auto short_emit = r1.emit(std::span<std::uint8_t>(out2).first(wire1 - 1));
    FUZZ_CHECK(!short_emit && short_emit.error() == BuildError::BufferTooSmall);
    FUZZ_CHECK(std::all_of(out2.begin(), out2.begin() + static_cast<std::ptrdiff_t>(wire1 - 1),
                           [](std::uint8_t b) { return b == 0xa5; }));
  }
  const std::span<const std::uint8_t> bytes1(out1.data(), wire1);
  const auto second = DhcpMessage::parse(bytes1);
  FUZZ_CHECK(second.ok());
  check_same(first.value(), second.value());
  fuzz::check_message(second.value(), bytes1);

  const DhcpMessageRepr r2 = repr_of(second.value(), refs);
  const auto n2 = r2.emit(out2);
  FUZZ_CHECK(n2 && n2.value() == wire1);
  FUZZ_CHECK(std::equal(out1.begin(), out1.begin() + static_cast<std::ptrdiff_t>(wire1), out2.begin()));
  return 0;
}
