// frame.cpp: Ethernet -> IPv4 -> UDP decode and the frame builders.
#include "dhcpcore/parsers/frame.hpp"

#include <algorithm>

namespace dhcpcore {

namespace {

// ip_of / eth_of: the IPv4 and Ethernet views the builders emit for spec.
Ipv4Packet ip_of(const UdpFrameSpec& spec) noexcept {
  Ipv4Packet ip;
  ip.tos = spec.tos;
  ip.identification = spec.identification;
  ip.dont_fragment = spec.dont_fragment;
  ip.ttl = spec.ttl;
  ip.protocol = kIpProtocolUdp;
  ip.src = spec.ip_src;
  ip.dst = spec.ip_dst;
  return ip;
}

EthernetFrame eth_of(const UdpFrameSpec& spec) noexcept {
  EthernetFrame eth;
  eth.dst = spec.eth_dst;
  eth.src = spec.eth_src;
  const std::size_t tags = std::min<std::size_t>(spec.vlan_tags, kMaxVlanTags);
  // push cannot fail: at most kMaxVlanTags tags are pushed.
  if (tags == 2) (void)eth.vlans.push(spec.outer_vlan);
  if (tags >= 1) (void)eth.vlans.push(spec.inner_vlan);
  eth.ethertype = kEtherTypeIpv4;
  return eth;
}

// build writes [eth header] IPv4 header, UDP header, payload. Every size is
// checked before the first byte is written, so nothing is written on error.
Result<std::size_t, BuildError> build(const EthernetFrame* eth, const UdpFrameSpec& spec,
                                      std::span<const std::uint8_t> payload,
                                      std::span<std::uint8_t> out) noexcept {
  const Ipv4Packet ip = ip_of(spec);
  UdpDatagram udp;
  udp.src_port = spec.src_port;
  udp.dst_port = spec.dst_port;
  udp.payload = payload;

  // The IPv4 total length (20 + 8 + payload) is the tighter of the two
  // 16-bit length limits.
  if (payload.size() > kIpv4MaxTotalLength - ip.header_size() - kUdpHeaderSize) {
    return make_error(BuildError::PayloadTooLarge);
  }
  const std::size_t eth_size = eth != nullptr ? eth->header_size() : 0;
  const std::size_t total = eth_size + ip.header_size() + udp.wire_size();
  if (out.size() < total) return make_error(BuildError::BufferTooSmall);

  std::size_t used = 0;
  if (eth != nullptr) {
    auto n = eth->emit_header(out);
    if (!n) return n;
    used += n.value();
  }
  auto n_ip = ip.emit_header(out.subspan(used), udp.wire_size());
  if (!n_ip) return n_ip;
  used += n_ip.value();
  auto n_udp = udp.emit(out.subspan(used), spec.ip_src, spec.ip_dst);
  if (!n_udp) return n_udp;
  used += n_udp.value();
  return used;
}

// decode_from_ip: the IPv4 and UDP layers and the dispatch rules of both.
Result<DecodedFrame, FrameError> decode_from_ip(std::span<const std::uint8_t> packet,
                                                DecodeOptions options) noexcept {
  auto ip = Ipv4Packet::parse(packet, options.checksums);
  if (!ip) return make_error(frame_error(ip.error()));
  if (ip->protocol != kIpProtocolUdp) return make_error(frame_error(Ipv4Error::NotUdp));
  auto udp = UdpDatagram::parse(ip->payload, ip->src, ip->dst, options.checksums);
  if (!udp) return make_error(frame_error(udp.error()));
  if (options.dst_port != 0 && udp->dst_port != options.dst_port) {
    return make_error(frame_error(UdpError::WrongPort));
  }
  DecodedFrame f;
  f.ip = ip.value();
  f.udp = udp.value();
  f.dhcp = udp->payload;
  return f;
}

}  // namespace

std::string_view layer_name(FrameLayer layer) noexcept {
  switch (layer) {
    case FrameLayer::Ethernet: return "ethernet";
    case FrameLayer::Ipv4: return "ipv4";
    case FrameLayer::Udp: return "udp";
  }
  return "unknown";
}

const char* to_string(FrameError e) noexcept {
  switch (e.layer) {
    case FrameLayer::Ethernet: return to_string(static_cast<EthernetError>(e.code));
    case FrameLayer::Ipv4: return to_string(static_cast<Ipv4Error>(e.code));
    case FrameLayer::Udp: return to_string(static_cast<UdpError>(e.code));
  }
  return "Unknown";
}

Result<DecodedFrame, FrameError> decode_ethernet_frame(std::span<const std::uint8_t> frame,
                                                       DecodeOptions options) noexcept {
  auto eth = EthernetFrame::parse(frame);
  if (!eth) return make_error(frame_error(eth.error()));
  if (eth->ethertype != kEtherTypeIpv4) return make_error(frame_error(EthernetError::NotIpv4));
  auto f = decode_from_ip(eth->payload, options);
  if (!f) return f;
  f.value().eth = eth.value();
  return f;
}

Result<DecodedFrame, FrameError> decode_ip_packet(std::span<const std::uint8_t> packet,
                                                  DecodeOptions options) noexcept {
  return decode_from_ip(packet, options);
}

Result<std::size_t, BuildError> build_udp_packet(const UdpFrameSpec& spec,
                                                 std::span<const std::uint8_t> payload,
                                                 std::span<std::uint8_t> out) noexcept {
  return build(nullptr, spec, payload, out);
}

Result<std::size_t, BuildError> build_udp_frame(const UdpFrameSpec& spec,
                                                std::span<const std::uint8_t> payload,
                                                std::span<std::uint8_t> out) noexcept {
  const EthernetFrame eth = eth_of(spec);
  return build(&eth, spec, payload, out);
}

Result<std::size_t, BuildError> build_client_ip_packet(std::span<const std::uint8_t> dhcp,
                                                       std::span<std::uint8_t> out) noexcept {
  return build_udp_packet(client_broadcast_spec(), dhcp, out);
}

Result<std::size_t, BuildError> build_client_ethernet_frame(const MacAddr& src,
                                                            std::span<const std::uint8_t> dhcp,
                                                            std::span<std::uint8_t> out) noexcept {
  return build_udp_frame(client_broadcast_spec(src), dhcp, out);
}

}  // namespace dhcpcore
