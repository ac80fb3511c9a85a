// udp.hpp: the UDP header (RFC 768) as a view.
//
//   src port(2) dst port(2) length(2) checksum(2) payload
//
// The checksum covers the IPv4 pseudo-header (src, dst, zero, protocol 17,
// UDP length), the UDP header and the payload. A received checksum of 0
// means "not computed" and is not verified; a computed checksum of 0 is sent
// as 0xffff (RFC 768, "Fields"). Bytes of the IP payload after `length` are
// ignored.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "dhcpcore/parsers/address.hpp"
#include "dhcpcore/parsers/build_error.hpp"
#include "dhcpcore/parsers/checksum.hpp"
#include "dhcpcore/parsers/result.hpp"

namespace dhcpcore {

enum class UdpError : std::uint8_t {
  None = 0,
  Truncated,             // fewer than the 8 header bytes
  BadLength,             // the length field is < 8
  LengthExceedsPayload,  // the length field is more than the IP payload holds
  BadChecksum,           // a non-zero checksum does not verify
  WrongPort,             // decode_*: destination port is not the one asked for
};
// to_string returns the enumerator's name ("BadChecksum"), "Unknown" for a
// value outside the enum; never null.
const char* to_string(UdpError e) noexcept;

// Field layout, in one place (offsets in the header).
inline constexpr std::size_t kUdpHeaderSize = 8;
inline constexpr std::size_t kUdpSrcPortOffset = 0;
inline constexpr std::size_t kUdpDstPortOffset = 2;
inline constexpr std::size_t kUdpLengthOffset = 4;
inline constexpr std::size_t kUdpChecksumOffset = 6;
static_assert(kUdpChecksumOffset + 2 == kUdpHeaderSize);
// The length field is 16 bits: no datagram (header included) is longer.
inline constexpr std::size_t kUdpMaxLength = 0xffff;

inline constexpr std::uint16_t kDhcpServerPort = 67;
inline constexpr std::uint16_t kDhcpClientPort = 68;

struct UdpDatagram {
  std::uint16_t src_port = 0;
  std::uint16_t dst_port = 0;
  std::span<const std::uint8_t> payload{};  // length - 8 bytes, a view into the parsed bytes
  // checksum_offloaded: parsed with ChecksumMode::AcceptOffloaded and the
  // checksum field held only the pseudo-header's sum (checksum.hpp). Not
  // part of the datagram's contents (operator==, emit ignore it).
  bool checksum_offloaded = false;

  // parse reads a datagram from the start of an IP payload; src and dst are
  // the IPv4 addresses for the pseudo-header. Errors, in this order:
  // Truncated, BadLength, LengthExceedsPayload, BadChecksum (not with
  // ChecksumMode::Skip, never for a zero checksum field, and with
  // AcceptOffloaded not for a field holding exactly the pseudo-header's
  // folded sum). Never returns WrongPort: dispatch is the caller's.
  static Result<UdpDatagram, UdpError> parse(std::span<const std::uint8_t> ip_payload, Ipv4Addr src,
                                             Ipv4Addr dst,
                                             ChecksumMode mode = ChecksumMode::Verify) noexcept;

  // wire_size: 8 plus the payload, the value of the length field emit writes.
  constexpr std::size_t wire_size() const noexcept { return kUdpHeaderSize + payload.size(); }

  // emit writes header and payload with the checksum over the pseudo-header
  // of src and dst (0xffff when it computes to 0) and returns wire_size().
  // Errors, nothing written on any: PayloadTooLarge when wire_size() exceeds
  // 65535 (the length field cannot hold it), else BufferTooSmall.
  // parse(emit(x)) == x.
  Result<std::size_t, BuildError> emit(std::span<std::uint8_t> out, Ipv4Addr src,
                                       Ipv4Addr dst) const noexcept;

  // Equal when ports and payload *contents* are equal.
  friend bool operator==(const UdpDatagram& a, const UdpDatagram& b) noexcept;
};

}  // namespace dhcpcore
