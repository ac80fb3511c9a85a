// link.hpp: dhcp-replay's link layers: which capture link types it reads and
// how one frame of them decodes to a DHCP payload, or why it does not.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "dhcpcore/parsers/frame.hpp"

namespace dhcpcore::tools {

enum class Link { Ethernet, Sll, Sll2, RawIp };

// link_for: the Link of a libpcap link type (DLT_*), nullopt when
// dhcp-replay does not read it.
std::optional<Link> link_for(int dlt);

// Skip: why a frame was not decoded: the layer and the reason (the parsers'
// names).
struct Skip {
  std::string layer;
  std::string reason;
};

// Decoded: the outcome of one frame's decode: a skip, or the DHCP payload
// (a view into the frame) and the UDP ports.
struct Decoded {
  std::optional<Skip> skip;
  std::span<const std::uint8_t> dhcp;
  std::uint16_t src_port = 0, dst_port = 0;
  bool checksum_offloaded = false;  // the UDP checksum was an offloaded one (checksum.hpp)
};

// decode: one frame of link type `link`, in both directions (UDP 67 <-> 68,
// or 67 <-> 67 for a relay); anything else is skipped as NotDhcpPort.
Decoded decode(Link link, std::span<const std::uint8_t> bytes, ChecksumMode checksums);

}  // namespace dhcpcore::tools
