// ipv4.hpp: the IPv4 header (RFC 791 section 3.1) as a view.
//
//    0                   1                   2                   3
//    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//   |Version|  IHL  |      TOS      |          Total Length         |
//   |        Identification         |Flags|     Fragment Offset     |
//   |      TTL      |   Protocol    |        Header Checksum        |
//   |                        Source Address                         |
//   |                      Destination Address                      |
//   |                 Options (IHL*4 - 20 bytes)                    |
//
// Parsing decisions:
//   - The payload is cut at Total Length; bytes after it (Ethernet padding to
//     the 60-byte minimum) are ignored.
//   - Fragments (MF set or offset != 0) are rejected: a DHCP client never
//     reassembles (the reference's BPF filter drops them too). DF is allowed
//     and reported. The reserved flag bit (0x8000) is ignored.
//   - Options are not interpreted; they are exposed as a span.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "dhcpcore/parsers/address.hpp"
#include "dhcpcore/parsers/build_error.hpp"
#include "dhcpcore/parsers/checksum.hpp"
#include "dhcpcore/parsers/result.hpp"

namespace dhcpcore {

enum class Ipv4Error : std::uint8_t {
  None = 0,
  Truncated,                 // fewer than the 20 bytes of the fixed header
  BadVersion,                // the version nibble is not 4
  BadHeaderLength,           // IHL < 5
  HeaderExceedsBuffer,       // IHL * 4 is more than the buffer holds
  BadTotalLength,            // Total Length < IHL * 4
  TotalLengthExceedsBuffer,  // Total Length is more than the buffer holds
  BadHeaderChecksum,         // the header does not sum to 0xffff
  Fragmented,                // MF set or fragment offset != 0
  NotUdp,                    // decode_*: protocol is not 17 (UDP)
};
// to_string returns the enumerator's name ("BadVersion"), "Unknown" for a
// value outside the enum; never null.
const char* to_string(Ipv4Error e) noexcept;

inline constexpr std::uint8_t kIpProtocolUdp = 17;

// Field layout, in one place (offsets in the header).
inline constexpr std::size_t kIpv4MinHeaderSize = 20;  // IHL 5
// IHL is 4 bits counting 32-bit words: at most 15 * 4 bytes.
inline constexpr std::size_t kIpv4MaxHeaderSize = 60;
inline constexpr std::size_t kIpv4MaxOptionsSize = kIpv4MaxHeaderSize - kIpv4MinHeaderSize;
// Total Length is 16 bits: no datagram is longer.
inline constexpr std::size_t kIpv4MaxTotalLength = 0xffff;
inline constexpr std::size_t kIpv4VersionIhlOffset = 0;
inline constexpr std::size_t kIpv4TosOffset = 1;
inline constexpr std::size_t kIpv4TotalLengthOffset = 2;
inline constexpr std::size_t kIpv4IdentificationOffset = 4;
inline constexpr std::size_t kIpv4FlagsFragmentOffset = 6;
inline constexpr std::size_t kIpv4TtlOffset = 8;
inline constexpr std::size_t kIpv4ProtocolOffset = 9;
inline constexpr std::size_t kIpv4ChecksumOffset = 10;
inline constexpr std::size_t kIpv4SrcOffset = 12;
inline constexpr std::size_t kIpv4DstOffset = 16;
static_assert(kIpv4DstOffset + 4 == kIpv4MinHeaderSize);
// Bits of the 16-bit flags + fragment offset word.
inline constexpr std::uint16_t kIpv4FlagReserved = 0x8000;
inline constexpr std::uint16_t kIpv4FlagDontFragment = 0x4000;
inline constexpr std::uint16_t kIpv4FlagMoreFragments = 0x2000;
inline constexpr std::uint16_t kIpv4FragmentOffsetMask = 0x1fff;

struct Ipv4Packet {
  std::uint8_t tos = 0;  // DSCP << 2 | ECN
  std::uint16_t identification = 0;
  bool dont_fragment = false;
  std::uint8_t ttl = 64;
  std::uint8_t protocol = kIpProtocolUdp;
  Ipv4Addr src;
  Ipv4Addr dst;
  std::span<const std::uint8_t> options{};  // IHL*4 - 20 bytes, uninterpreted
  std::span<const std::uint8_t> payload{};  // Total Length - IHL*4 bytes

  // parse reads one unfragmented datagram from the start of data. Errors,
  // checked in this order: Truncated, BadVersion, BadHeaderLength,
  // HeaderExceedsBuffer, BadTotalLength, TotalLengthExceedsBuffer,
  // BadHeaderChecksum (not with ChecksumMode::Skip), Fragmented. Never
  // returns NotUdp: dispatch is the caller's.
  static Result<Ipv4Packet, Ipv4Error> parse(std::span<const std::uint8_t> data,
                                             ChecksumMode mode = ChecksumMode::Verify) noexcept;

  // header_size: 20 plus the options (IHL * 4 when emitted).
  constexpr std::size_t header_size() const noexcept { return kIpv4MinHeaderSize + options.size(); }
  // wire_size: header_size() plus the payload, the bytes emit writes.
  constexpr std::size_t wire_size() const noexcept { return header_size() + payload.size(); }

  // emit_header writes the header_size() header bytes for a payload of
  // payload_size bytes that the caller writes after it (payload is ignored),
  // computes the header checksum and returns header_size(). Fragment offset
  // is 0 and MF clear. Errors, nothing written on any: PayloadTooLarge when
  // a length field cannot hold the value (options longer than 40 bytes or not
  // a multiple of 4, so IHL cannot describe them; header + payload_size over
  // 65535), else BufferTooSmall.
  Result<std::size_t, BuildError> emit_header(std::span<std::uint8_t> out,
                                              std::size_t payload_size) const noexcept;
  // emit writes the header then payload and returns wire_size(); errors as
  // emit_header (BufferTooSmall when out cannot hold wire_size()), nothing
  // written on any. parse(emit(x)) == x.
  Result<std::size_t, BuildError> emit(std::span<std::uint8_t> out) const noexcept;

  // Equal when every field and the options and payload *contents* are equal.
  friend bool operator==(const Ipv4Packet& a, const Ipv4Packet& b) noexcept;
};

}  // namespace dhcpcore
