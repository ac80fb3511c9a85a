// checksum.cpp: RFC 1071 one's-complement sum.
#include "dhcpcore/parsers/checksum.hpp"

#include "dhcpcore/parsers/byte_reader.hpp"

namespace dhcpcore {

void InternetChecksum::add(std::span<const std::uint8_t> data) noexcept {
  ByteReader r(data);
  if (has_pending_) {
    std::uint8_t low = 0;
    if (!r.read_u8(low)) return;  // empty span: the pending byte stays pending
    acc_ += (std::uint64_t{pending_} << 8) | low;
    has_pending_ = false;
  }
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
