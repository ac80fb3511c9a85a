// checksum.cpp: RFC 1071 one's-complement sum.
#include "dhcpcore/parsers/checksum.hpp"

#include "dhcpcore/parsers/byte_reader.hpp"

namespace dhcpcore {

namespace {

// sum_words: the sum of the N / 4 big-endian 32-bit words of b. The loop
// has a constant trip count, so the compiler unrolls it and the offsets
// (checked against the fixed extent) are constants.
template <std::size_t N>
std::uint64_t sum_words(std::span<const std::uint8_t, N> b) noexcept {
  static_assert(N % 4 == 0);
  std::uint64_t s = 0;
  for (std::size_t i = 0; i < N; i += 4) s += load_u32(b.subspan(i).template first<4>());
  return s;
}

}  // namespace

void InternetChecksum::add(std::span<const std::uint8_t> data) noexcept {
  ByteReader r(data);
  if (has_pending_) {
    std::uint8_t low = 0;
    if (!r.read_u8(low)) return;  // empty span: the pending byte stays pending
    acc_ += (std::uint64_t{pending_} << 8) | low;
    has_pending_ = false;
  }
  // 32 bytes, then 4 bytes, at a time as big-endian 32-bit words: since
  // 2^16 = 1 (mod 0xffff), a sum of 32-bit words is congruent to the sum of
  // their 16-bit halves modulo 0xffff (RFC 1071 2(B), "deferred carries" and
  // "larger word sizes"), and it is 0 exactly when every byte is 0; sum()
  // folds modulo 0xffff, so the checksum is the same as word by word.
  while (auto block = r.take(32)) acc_ += sum_words(block->first<32>());
  while (auto word4 = r.take(4)) acc_ += load_u32(word4->first<4>());
  std::uint16_t word = 0;
  while (r.read_u16(word)) acc_ += word;
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
  if (has_pending_) s += std::uint64_t{pending_} << 8;
  // End-around carry: fold until the value fits 16 bits (RFC 1071 2(1)).
  while ((s >> 16) != 0) s = (s & 0xffffu) + (s >> 16);
  return static_cast<std::uint16_t>(s);
}

std::uint16_t internet_checksum(std::span<const std::uint8_t> data) noexcept {
  InternetChecksum c;
  c.add(data);
  return c.checksum();
}

}  // namespace dhcpcore
