// arp.hpp: ARP for IPv4 over Ethernet (RFC 826), as a view and a builder,
// and the messages and conflict rule of IPv4 address conflict detection
// (RFC 5227) that a DHCP client uses before it binds an address.
//
// Wire layout (RFC 826), 28 bytes after the Ethernet header (ethertype
// 0x0806):
//
//   htype(2)=1 ptype(2)=0x0800 hlen(1)=6 plen(1)=4 oper(2)
//   sha(6) spa(4) tha(6) tpa(4)
//
// Anything after the 28 bytes (padding to Ethernet's 60-byte minimum) is
// ignored. Every ARP frame a host on the link sends is hostile input: it is
// read only through bounds-checked views.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "dhcpcore/parsers/address.hpp"
#include "dhcpcore/parsers/build_error.hpp"
#include "dhcpcore/parsers/ethernet.hpp"
#include "dhcpcore/parsers/result.hpp"

namespace dhcpcore {

enum class ArpError : std::uint8_t {
  None = 0,
  Truncated,        // fewer than 28 bytes of ARP (or of the Ethernet header before them)
  BadEthernet,      // decode_arp_frame: the Ethernet header has a cut or a third VLAN tag
  NotArp,           // decode_arp_frame: the ethertype is not 0x0806
  NotEthernetIpv4,  // htype not 1 (Ethernet), ptype not 0x0800, hlen not 6 or plen not 4
  BadOperation,     // oper neither 1 (request) nor 2 (reply)
};
// to_string returns the enumerator's name ("Truncated"), "Unknown" for a
// value outside the enum; never null.
const char* to_string(ArpError e) noexcept;

inline constexpr std::uint16_t kEtherTypeArp = 0x0806;
inline constexpr std::size_t kArpPacketSize = 28;
// Field layout, in one place.
inline constexpr std::size_t kArpHtypeOffset = 0;
inline constexpr std::size_t kArpPtypeOffset = 2;
inline constexpr std::size_t kArpHlenOffset = 4;
inline constexpr std::size_t kArpPlenOffset = 5;
inline constexpr std::size_t kArpOperOffset = 6;
inline constexpr std::size_t kArpShaOffset = 8;
inline constexpr std::size_t kArpSpaOffset = 14;
inline constexpr std::size_t kArpThaOffset = 18;
inline constexpr std::size_t kArpTpaOffset = 24;
static_assert(kArpTpaOffset + 4 == kArpPacketSize);
// An ARP frame as a client sends it: the Ethernet header and the packet (the
// NIC pads it to 60 bytes).
inline constexpr std::size_t kArpFrameSize = kEthernetHeaderSize + kArpPacketSize;

enum class ArpOp : std::uint16_t { Request = 1, Reply = 2 };

struct ArpPacket {
  ArpOp op = ArpOp::Request;
  MacAddr sender_mac{};
  Ipv4Addr sender_ip;
  MacAddr target_mac{};
  Ipv4Addr target_ip;

  // parse reads the packet at the start of data (the Ethernet payload).
  // Errors, in this order: Truncated, NotEthernetIpv4, BadOperation.
  static Result<ArpPacket, ArpError> parse(std::span<const std::uint8_t> data) noexcept;
  // emit writes the 28 bytes; BufferTooSmall (nothing written) when out is
  // shorter. parse(emit(x)) == x.
  Result<std::size_t, BuildError> emit(std::span<std::uint8_t> out) const noexcept;

  bool operator==(const ArpPacket&) const = default;
};

// ArpFrame: a decoded ARP frame: the Ethernet header's addresses and the
// packet.
struct ArpFrame {
  MacAddr eth_src{};
  MacAddr eth_dst{};
  ArpPacket arp;
};

// decode_arp_frame reads a whole Ethernet frame (up to two VLAN tags) that
// carries ARP. Errors: Truncated (Ethernet header cut), BadEthernet (a VLAN
// tag cut, or a third tag), NotArp, then ArpPacket::parse's.
Result<ArpFrame, ArpError> decode_arp_frame(std::span<const std::uint8_t> frame) noexcept;

// build_arp_probe writes the Ethernet broadcast frame of an ARP probe for
// `candidate` (RFC 5227 2.1.1: a request with sender IP 0.0.0.0, target IP
// the candidate, target MAC all zeroes) from own_mac; it returns
// kArpFrameSize, or BufferTooSmall with nothing written.
Result<std::size_t, BuildError> build_arp_probe(const MacAddr& own_mac, Ipv4Addr candidate,
                                                std::span<std::uint8_t> out) noexcept;
// build_arp_announcement: an ARP announcement of `address` (RFC 5227 2.3:
// a request whose sender and target IP are both the address).
Result<std::size_t, BuildError> build_arp_announcement(const MacAddr& own_mac, Ipv4Addr address,
                                                       std::span<std::uint8_t> out) noexcept;

// ArpConflict: what a received packet says about an address.
enum class ArpConflict : std::uint8_t {
  None = 0,
  AddressInUse,    // another host sends from the address (any request or reply)
  ProbeCollision,  // while probing: another host probes for the same address
};
const char* to_string(ArpConflict c) noexcept;

// arp_conflict applies RFC 5227's rules to one received packet: 2.1.1
// while probing (`probing` true: any ARP packet whose sender IP is the
// address, or an ARP probe, sender IP 0.0.0.0, whose target IP is the
// address) and 2.4 once the address is in use (a packet whose sender IP is
// the address). A packet whose sender MAC is own_mac is our own (a looped
// back frame) and never a conflict.
ArpConflict arp_conflict(const ArpPacket& packet, Ipv4Addr address, const MacAddr& own_mac, bool probing) noexcept;

}  // namespace dhcpcore
