#include "link.hpp"

#include <pcap/pcap.h>

namespace dhcpcore::tools {

namespace {

// Linux cooked capture v1 (DLT_LINUX_SLL): packet type(2) ARPHRD(2) address
// length(2) address(8) protocol(2); v2 (DLT_LINUX_SLL2): protocol(2)
// reserved(2) ifindex(4) ARPHRD(2) packet type(1) address length(1)
// address(8). The payload follows; protocol 0x0800 is IPv4.
constexpr std::size_t kSllHeaderSize = 16;
constexpr std::size_t kSllProtocolOffset = 14;
constexpr std::size_t kSll2HeaderSize = 20;
constexpr std::size_t kSll2ProtocolOffset = 0;

}  // namespace

std::optional<Link> link_for(int dlt) {
  switch (dlt) {
    case DLT_EN10MB: return Link::Ethernet;
    case DLT_LINUX_SLL: return Link::Sll;
#ifdef DLT_LINUX_SLL2
    case DLT_LINUX_SLL2: return Link::Sll2;
#endif
    case DLT_RAW:
#ifdef DLT_IPV4
    case DLT_IPV4:
#endif
      return Link::RawIp;
    default: return std::nullopt;
  }
}

Decoded decode(Link link, std::span<const std::uint8_t> bytes, ChecksumMode checksums) {
  Decoded d;
  DecodeOptions o;
  o.checksums = checksums;
  o.dst_port = 0;  // both directions: classified by port below
  Result<DecodedFrame, FrameError> r = Err<FrameError>{FrameError{}};
  auto sll = [&](std::size_t header, std::size_t proto_off, const char* name) -> bool {
    if (bytes.size() < header) {
      d.skip = Skip{name, "Truncated"};
      return false;
    }
    const unsigned proto = (unsigned{bytes[proto_off]} << 8) | bytes[proto_off + 1];
    if (proto != kEtherTypeIpv4) {
      d.skip = Skip{name, "NotIpv4"};
      return false;
    }
    r = decode_ip_packet(bytes.subspan(header), o);
    return true;
  };
  switch (link) {
    case Link::Ethernet: r = decode_ethernet_frame(bytes, o); break;
    case Link::Sll:
      if (!sll(kSllHeaderSize, kSllProtocolOffset, "sll")) return d;
      break;
    case Link::Sll2:
      if (!sll(kSll2HeaderSize, kSll2ProtocolOffset, "sll2")) return d;
      break;
    case Link::RawIp: r = decode_ip_packet(bytes, o); break;
  }
  if (!r) {
    d.skip = Skip{std::string(layer_name(r.error().layer)), to_string(r.error())};
    return d;
  }
  d.src_port = r->udp.src_port;
  d.dst_port = r->udp.dst_port;
  const bool dhcp_ports = (d.src_port == kDhcpServerPort || d.src_port == kDhcpClientPort) &&
                          (d.dst_port == kDhcpServerPort || d.dst_port == kDhcpClientPort);
  if (!dhcp_ports) {
    d.skip = Skip{"udp", "NotDhcpPort"};
    return d;
  }
  d.dhcp = r->dhcp;
  d.checksum_offloaded = r->udp.checksum_offloaded;
  return d;
}

}  // namespace dhcpcore::tools
