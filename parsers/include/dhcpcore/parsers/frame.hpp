// frame.hpp: the whole receive and send path below DHCP: Ethernet (optional)
// -> IPv4 -> UDP -> the DHCP payload, and the builders of such frames.
//
// Decoding applies the same acceptance rules as the reference's broadcast
// transport (its BPF filter and Receive): ethertype IPv4, version 4, protocol
// UDP, not a fragment, UDP destination port 68; plus what the layer parsers
// check (lengths, checksums). A decoded frame is a set of views into the
// input; nothing is copied or allocated.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "dhcpcore/parsers/address.hpp"
#include "dhcpcore/parsers/build_error.hpp"
#include "dhcpcore/parsers/checksum.hpp"
#include "dhcpcore/parsers/ethernet.hpp"
#include "dhcpcore/parsers/ipv4.hpp"
#include "dhcpcore/parsers/result.hpp"
#include "dhcpcore/parsers/udp.hpp"

namespace dhcpcore {

struct DecodedFrame {
  std::optional<EthernetFrame> eth;  // empty when decoded from the IPv4 header on
  Ipv4Packet ip;
  UdpDatagram udp;
  std::span<const std::uint8_t> dhcp;  // == udp.payload: the DHCP message bytes
};

// FrameLayer: which layer rejected a frame.
enum class FrameLayer : std::uint8_t { Ethernet, Ipv4, Udp };

// FrameError: the layer and that layer's error enum value (EthernetError,
// Ipv4Error or UdpError, as selected by layer) as its underlying integer.
// Dispatch failures have their own enumerators: EthernetError::NotIpv4,
// Ipv4Error::NotUdp, UdpError::WrongPort.
struct FrameError {
  FrameLayer layer = FrameLayer::Ethernet;
  std::uint8_t code = 0;
  constexpr bool operator==(const FrameError&) const noexcept = default;
};
constexpr FrameError frame_error(EthernetError e) noexcept {
  return {FrameLayer::Ethernet, static_cast<std::uint8_t>(e)};
}
constexpr FrameError frame_error(Ipv4Error e) noexcept {
  return {FrameLayer::Ipv4, static_cast<std::uint8_t>(e)};
}
constexpr FrameError frame_error(UdpError e) noexcept {
  return {FrameLayer::Udp, static_cast<std::uint8_t>(e)};
}

// layer_name returns "ethernet", "ipv4" or "udp"; "unknown" for a value
// outside the enum.
std::string_view layer_name(FrameLayer layer) noexcept;
// to_string returns the name of the layer's enumerator ("BadChecksum",
// "WrongPort"), "Unknown" for a code or layer outside the enums; never null.
const char* to_string(FrameError e) noexcept;

struct DecodeOptions {
  ChecksumMode checksums = ChecksumMode::Verify;
  std::uint16_t dst_port = kDhcpClientPort;  // 0 = any port
};

// decode_ethernet_frame decodes Ethernet II (up to two VLAN tags) -> IPv4 ->
// UDP and returns views of every layer, dhcp being the UDP payload. Errors:
// the first layer that fails, with its parser's error, or a dispatch error:
// Ethernet NotIpv4 (ethertype after the tags is not 0x0800), Ipv4 NotUdp,
// Udp WrongPort (when options.dst_port != 0 and differs).
Result<DecodedFrame, FrameError> decode_ethernet_frame(std::span<const std::uint8_t> frame,
                                                       DecodeOptions options = {}) noexcept;

// decode_ip_packet is decode_ethernet_frame for input that starts at the IPv4
// header (an AF_PACKET SOCK_DGRAM read); eth stays empty. Errors: as
// decode_ethernet_frame from the Ipv4 layer on.
Result<DecodedFrame, FrameError> decode_ip_packet(std::span<const std::uint8_t> packet,
                                                  DecodeOptions options = {}) noexcept;

// UdpFrameSpec: every header field the general builders write (e.g. a
// server's reply in a test). Defaults: untagged, to the broadcast MAC, TOS 0,
// TTL 64, DF, identification 0, port 67 -> 68, addresses 0.0.0.0; set what
// differs. client_broadcast_spec() gives the client's own values.
struct UdpFrameSpec {
  // Ethernet (build_udp_frame only).
  MacAddr eth_dst = kBroadcastMac;
  MacAddr eth_src{};
  // vlan_tags: 0 (untagged), 1 (inner_vlan only: one 802.1Q C-tag) or 2
  // (outer_vlan then inner_vlan: 802.1ad QinQ). Values above kMaxVlanTags
  // build kMaxVlanTags tags: the parser rejects a third tag, so no builder
  // writes one.
  std::uint8_t vlan_tags = 0;
  VlanTag outer_vlan{kTpid8021ad, 100};
  VlanTag inner_vlan{kTpid8021Q, 200};
  // IPv4.
  Ipv4Addr ip_src;
  Ipv4Addr ip_dst;
  std::uint8_t tos = 0;
  std::uint8_t ttl = 64;
  std::uint16_t identification = 0;
  bool dont_fragment = true;
  // UDP.
  std::uint16_t src_port = kDhcpServerPort;
  std::uint16_t dst_port = kDhcpClientPort;
};

// build_udp_packet writes an IPv4 header (IHL 5, no options, header checksum)
// and a UDP header (checksum over the pseudo-header) followed by payload,
// as spec says, and returns the bytes written. Errors, nothing written on
// any: PayloadTooLarge when the IPv4 total length would exceed 65535, else
// BufferTooSmall.
Result<std::size_t, BuildError> build_udp_packet(const UdpFrameSpec& spec,
                                                 std::span<const std::uint8_t> payload,
                                                 std::span<std::uint8_t> out) noexcept;
// build_udp_frame is build_udp_packet behind an Ethernet II header (eth_dst,
// eth_src, the VLAN tags, ethertype 0x0800). Errors as build_udp_packet.
Result<std::size_t, BuildError> build_udp_frame(const UdpFrameSpec& spec,
                                                std::span<const std::uint8_t> payload,
                                                std::span<std::uint8_t> out) noexcept;

// The reference client's broadcast header values (transport_broadcast.go):
// TOS DSCP CS7 (RFC 2474 4.2.2.1: network control) shifted past the 2 ECN
// bits; TTL 1 because the packet must never be routed; DF because most
// servers do not reassemble.
inline constexpr std::uint8_t kDscpCs7 = 0x07 << 3;                // class selector 7: 0b111000
inline constexpr std::uint8_t kClientBroadcastTos = kDscpCs7 << 2;  // 0xe0
inline constexpr std::uint8_t kClientBroadcastTtl = 1;

// client_broadcast_spec: 0.0.0.0:68 -> 255.255.255.255:67, TOS 0xe0, TTL 1,
// DF, identification 0, from src_mac to ff:ff:ff:ff:ff:ff, untagged.
constexpr UdpFrameSpec client_broadcast_spec(const MacAddr& src_mac = {}) noexcept {
  UdpFrameSpec s;
  s.eth_dst = kBroadcastMac;
  s.eth_src = src_mac;
  s.ip_src = Ipv4Addr(0, 0, 0, 0);
  s.ip_dst = Ipv4Addr(255, 255, 255, 255);
  s.tos = kClientBroadcastTos;
  s.ttl = kClientBroadcastTtl;
  s.identification = 0;
  s.dont_fragment = true;
  s.src_port = kDhcpClientPort;
  s.dst_port = kDhcpServerPort;
  return s;
}

// build_client_ip_packet writes the IPv4 + UDP packet the reference client
// broadcasts (client_broadcast_spec) around dhcp and returns its length.
// Errors, nothing written on any: PayloadTooLarge, BufferTooSmall.
Result<std::size_t, BuildError> build_client_ip_packet(std::span<const std::uint8_t> dhcp,
                                                       std::span<std::uint8_t> out) noexcept;
// build_client_ethernet_frame is build_client_ip_packet behind an Ethernet II
// header from src to ff:ff:ff:ff:ff:ff, ethertype 0x0800. Errors as
// build_client_ip_packet.
Result<std::size_t, BuildError> build_client_ethernet_frame(const MacAddr& src,
                                                            std::span<const std::uint8_t> dhcp,
                                                            std::span<std::uint8_t> out) noexcept;

}  // namespace dhcpcore
