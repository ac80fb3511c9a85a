// checksum.hpp: the Internet checksum (RFC 1071) and the checksum mode that
// the IPv4 and UDP parsers take.
//
// The checksum is the 16-bit one's-complement of the one's-complement sum of
// the data read as big-endian 16-bit words, an odd last byte padded with a
// zero byte (RFC 1071 section 1). InternetChecksum accumulates any number of
// spans as one stream: a span that ends on an odd byte leaves that byte
// pending as the high half of a word whose low half is the next span's first
// byte, so splitting the data anywhere gives the same sum.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "dhcpcore/parsers/address.hpp"

namespace dhcpcore {

// ChecksumMode: whether a parser verifies checksums. Skip exists for fuzzers,
// which can only reach the layers above a checksum when it is not enforced;
// the caller decides (e.g. under FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION),
// the parser only obeys. Skip changes nothing else: every length and
// structure check still applies.
// AcceptOffloaded verifies like Verify, except that a UDP checksum field
// holding exactly the folded one's-complement sum of the pseudo-header is
// accepted (and reported, UdpDatagram::checksum_offloaded). That is what a
// sender with checksum offload writes for its NIC to finish (Linux
// CHECKSUM_PARTIAL), so it is what a capture taken on the sending host, or
// across a veth pair, holds. Captures need it; live traffic does not (the
// Linux transport learns the same from the kernel, TP_STATUS_CSUMNOTREADY).
// The IPv4 header checksum is always verified in this mode.
enum class ChecksumMode : std::uint8_t { Verify, Skip, AcceptOffloaded };

class InternetChecksum {
 public:
  constexpr InternetChecksum() noexcept = default;

  // add appends bytes to the summed stream. It reads exactly data.size()
  // bytes, through a ByteReader, and cannot fail.
  void add(std::span<const std::uint8_t> data) noexcept;
  // add_u16 / add_ipv4 append a big-endian 16-bit value / an address's four
  // octets to the stream, as if they were bytes passed to add.
  void add_u16(std::uint16_t v) noexcept;
  void add_ipv4(Ipv4Addr a) noexcept;

  // sum returns the folded one's-complement sum of everything added so far
  // (a pending odd byte counts as a word with a zero low byte). Data that
  // includes a correct checksum sums to 0xffff.
  std::uint16_t sum() const noexcept;
  // checksum returns ~sum(): the value for a checksum field that was zero
  // while summing. For data that includes its checksum it is 0 when valid.
  std::uint16_t checksum() const noexcept { return static_cast<std::uint16_t>(~sum()); }

 private:
  // A one's-complement accumulator of big-endian 64-bit words (add() sums
  // the data 8 bytes at a time where it can, adding each carry out of bit 63
  // back at bit 0), so it never overflows; folding to 16 bits happens once,
  // in sum().
  std::uint64_t acc_ = 0;
  std::uint8_t pending_ = 0;   // high byte of a word whose low byte is not yet seen
  bool has_pending_ = false;   // an odd number of bytes has been added
};

// internet_checksum returns the checksum (~ folded sum) of one span; it
// cannot fail and reads only the span.
std::uint16_t internet_checksum(std::span<const std::uint8_t> data) noexcept;

}  // namespace dhcpcore
