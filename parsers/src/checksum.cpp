// checksum.cpp: RFC 1071 one's-complement sum.
#include "dhcpcore/parsers/checksum.hpp"

#include "dhcpcore/parsers/byte_reader.hpp"

namespace dhcpcore {

namespace {

// add_carry: acc += v in one's-complement arithmetic: a carry out of bit 63
// is added back at bit 0. 2^64 = (2^16)^4 = 1 (mod 0xffff), so this keeps
// acc congruent to the sum of the 16-bit words modulo 0xffff (RFC 1071
// 2(B), "larger word sizes"); and a non-zero acc never becomes 0.
constexpr void add_carry(std::uint64_t& acc, std::uint64_t v) noexcept {
  acc += v;
  acc += acc < v ? 1u : 0u;
}

// sum_words: the one's-complement sum of the N / 8 big-endian 64-bit words
// of b. The trip count is constant, so the compiler unrolls the loop and the
// offsets (checked against the fixed extent) are constants.
template <std::size_t N>
std::uint64_t sum_words(std::span<const std::uint8_t, N> b) noexcept {
  static_assert(N % 8 == 0);
  std::uint64_t s = 0;
  for (std::size_t i = 0; i < N; i += 8) add_carry(s, load_u64(b.subspan(i).template first<8>()));
  return s;
}

}  // namespace

void InternetChecksum::add(std::span<const std::uint8_t> data) noexcept {
  ByteReader r(data);
  if (has_pending_) {
    std::uint8_t low = 0;
    if (!r.read_u8(low)) return;  // empty span: the pending byte stays pending
    add_carry(acc_, (std::uint64_t{pending_} << 8) | low);
    has_pending_ = false;
  }
  // 32 bytes, then 8, then 2 at a time: the sums of big-endian 64-bit words
  // (and of the 16-bit words after them, which start at an even offset) are
  // congruent to the sum of their 16-bit halves modulo 0xffff, and sum()
  // folds modulo 0xffff, so the checksum is the same as word by word.
  while (auto block = r.take(32)) add_carry(acc_, sum_words(block->first<32>()));
  while (auto word8 = r.take(8)) add_carry(acc_, load_u64(word8->first<8>()));
  std::uint16_t word = 0;
  while (r.read_u16(word)) add_carry(acc_, word);
  std::uint8_t last = 0;
  if (r.read_u8(last)) {
    pending_ = last;
    has_pending_ = true;
  }
}

void InternetChecksum::add_u16(std::uint16_t v) noexcept {
  const std::uint8_t b[2] = {static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
  add(b);
}

void InternetChecksum::add_ipv4(Ipv4Addr a) noexcept {
  const auto o = a.octets();
  add(o);
}

std::uint16_t InternetChecksum::sum() const noexcept {
  std::uint64_t s = acc_;
  if (has_pending_) add_carry(s, std::uint64_t{pending_} << 8);
  // End-around carry: fold until the value fits 16 bits (RFC 1071 2(1)).
  s = (s & 0xffffffffu) + (s >> 32);
  while ((s >> 16) != 0) s = (s & 0xffffu) + (s >> 16);
  return static_cast<std::uint16_t>(s);
}

std::uint16_t internet_checksum(std::span<const std::uint8_t> data) noexcept {
  InternetChecksum c;
  c.add(data);
  return c.checksum();
}

}  // namespace dhcpcore
