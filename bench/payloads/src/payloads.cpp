// payloads.cpp: the benchmark payloads. Each message's size is the sum of its
// parts, written out next to it (240 bytes of header and cookie, 2 + n bytes
// per option instance, 1 for END); payloads_test.cpp checks the totals.
#include "dhcpcore/bench/payloads.hpp"

#include <utility>
#include <vector>

#include "dhcpcore/parsers/frame.hpp"

namespace dhcpcore::bench {

namespace {

using gen::addrs;
using gen::be16;
using gen::be32;
using gen::text;

Bytes client_id() {
  return gen::cat({{1}, gen::mac_bytes(kClientMac)});  // hardware type 1 (Ethernet), then the MAC (RFC 2132 9.14)
}
// The client's parameter request list: 17 codes.
Bytes parameter_request_list() {
  return {1, 3, 6, 12, 15, 26, 28, 33, 42, 43, 51, 54, 58, 59, 119, 121, 150};
}

// spec: a message with header h and the options in order.
MessageSpec spec(const DhcpHeader& h, std::vector<gen::GenOption> options) {
  MessageSpec m;
  m.header = h;
  m.options = std::move(options);
  return m;
}

// The bench's headers: the shared ones (kXid, chaddr kClientMac), the reply
// for kClientIp.
DhcpHeader reply_header() { return gen::reply_header(kClientIp); }

// The client options of DISCOVER and REQUEST after 53 (and 50/54).
void add_client_options(MessageSpec& m) {
  m.options.insert(m.options.end(), {
      {opt::kClientId, client_id()},                           //  2 + 7
      {opt::kMaxMessageSize, be16(1500)},                      //  2 + 2
      {opt::kHostName, text("bench-client")},                  //  2 + 12
      {opt::kVendorClass, text("dhcpcore-0.1")},               //  2 + 12
      {opt::kParameterRequestList, parameter_request_list()},  //  2 + 17
  });
}

}  // namespace

MessageSpec typical_ack_spec() {
  // 240 + 3 + 6 * 6 + 14 + 17 + 21 + 1 (END) = 332.
  return spec(reply_header(), {
      {opt::kMessageType, {5}},                                      // 2 + 1
      {opt::kServerId, addrs({kServerIp})},                          // 2 + 4
      {opt::kLeaseTime, be32(3600)},                                 // 2 + 4
      {opt::kRenewalTime, be32(1800)},                               // 2 + 4
      {opt::kRebindingTime, be32(3150)},                             // 2 + 4
      {opt::kSubnetMask, addrs({Ipv4Addr(255, 255, 255, 0)})},       // 2 + 4
      {opt::kRouter, addrs({kServerIp})},                            // 2 + 4
      {opt::kDnsServers, addrs({Ipv4Addr(192, 0, 2, 53), Ipv4Addr(198, 51, 100, 53),
                                Ipv4Addr(203, 0, 113, 53)})},        // 2 + 12
      {opt::kDomainName, text("lan.example.org")},                   // 2 + 15
      {opt::kClasslessRoutes, {0, 192, 0, 2, 1,                      // 0.0.0.0/0 via .1: 5
                               24, 198, 51, 100, 192, 0, 2, 1,       // 198.51.100.0/24 via .1: 8
                               8, 10, 192, 0, 2, 254}},              // 10.0.0.0/8 via .254: 6
  });
}

MessageSpec large_ack_spec() {
  DhcpHeader h = reply_header();
  h.siaddr = kServerIp;
  // Option 121: the default route and 63 /24 routes in 198.18.0.0/15, all via
  // 192.0.2.1: 5 + 63 * 8 = 509 bytes, two instances (255 + 254).
  Bytes routes{0, 192, 0, 2, 1};
  for (std::uint8_t k = 0; k < 63; ++k) gen::append(routes, Bytes{24, 198, 18, k, 192, 0, 2, 1});
  // Option 43: 37 vendor sub-options of 2 + 5 bytes = 259 bytes, two
  // instances (255 + 4).
  Bytes vendor;
  for (std::uint8_t i = 1; i <= 37; ++i) {
    gen::append(vendor, Bytes{i, 5, i, static_cast<std::uint8_t>(i ^ 0x5a), 0x00, 0x53, 0xff});
  }
  // Option 119 (RFC 1035 compression): lan.example.org (17 bytes), then
  // example.org as a pointer to offset 4 (2), corp.example.org as the label
  // corp and that pointer (7): 26 bytes.
  Bytes search{3, 'l', 'a', 'n', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'o', 'r', 'g', 0,
               0xc0, 0x04,
               4, 'c', 'o', 'r', 'p', 0xc0, 0x04};
  // 240 + 183 (the short options and END) + 513 (121) + 263 (43) = 1200.
  return spec(h, {
      {opt::kMessageType, {5}},                                           // 2 + 1
      {opt::kServerId, addrs({kServerIp})},                               // 2 + 4
      {opt::kLeaseTime, be32(86400)},                                     // 2 + 4
      {opt::kRenewalTime, be32(43200)},                                   // 2 + 4
      {opt::kRebindingTime, be32(75600)},                                 // 2 + 4
      {opt::kSubnetMask, addrs({Ipv4Addr(255, 255, 255, 0)})},            // 2 + 4
      {opt::kBroadcastAddress, addrs({Ipv4Addr(192, 0, 2, 255)})},        // 2 + 4
      {opt::kRouter, addrs({kServerIp, Ipv4Addr(192, 0, 2, 254)})},       // 2 + 8
      {opt::kDnsServers, addrs({Ipv4Addr(192, 0, 2, 53), Ipv4Addr(192, 0, 2, 54),
                                Ipv4Addr(198, 51, 100, 53), Ipv4Addr(203, 0, 113, 53)})},  // 2 + 16
      {opt::kDomainName, text("lan.example.org")},                        // 2 + 15
      {opt::kHostName, text("bench-host-0001")},                          // 2 + 15
      {42, addrs({Ipv4Addr(192, 0, 2, 123), Ipv4Addr(198, 51, 100, 123)})},  // NTP: 2 + 8
      {26, be16(1500)},                                                   // MTU: 2 + 2
      {opt::kDomainSearch, search},                                       // 2 + 26
      {opt::kTftpServerAddress, addrs({kServerIp})},                      // 2 + 4
      {opt::kTftpServerName, text("tftp.lan.example.org")},               // 2 + 20
      {opt::kBootfileName, text("pxelinux.0")},                           // 2 + 10
      {opt::kClasslessRoutes, routes},                                    // 4 + 509
      {opt::kVendorSpecific, vendor},                                     // 4 + 259
  });
}

MessageSpec discover_spec() {
  // 240 + 3 + 9 + 4 + 14 + 14 + 19 + 1 (END) = 304.
  MessageSpec m = spec(gen::request_header(), {{opt::kMessageType, {1}}});  // 2 + 1
  add_client_options(m);
  return m;
}

MessageSpec request_spec() {
  // 304 + 6 (50) + 6 (54) = 316.
  MessageSpec m = spec(gen::request_header(), {
      {opt::kMessageType, {3}},                    // 2 + 1
      {opt::kRequestedIp, addrs({kClientIp})},     // 2 + 4
      {opt::kServerId, addrs({kServerIp})},        // 2 + 4
  });
  add_client_options(m);
  return m;
}

Bytes typical_ack() { return typical_ack_spec().build(); }
Bytes discover() { return discover_spec().build(); }
Bytes large_ack() { return large_ack_spec().build(); }
Bytes request() { return request_spec().build(); }

Bytes server_frame(std::span<const std::uint8_t> dhcp) {
  UdpFrameSpec spec;
  spec.eth_dst = kClientMac;
  spec.eth_src = kServerMac;
  spec.ip_src = kServerIp;
  spec.ip_dst = kClientIp;
  Bytes out(kEthernetMaxHeaderSize + kIpv4MinHeaderSize + kUdpHeaderSize + dhcp.size());
  auto n = build_udp_frame(spec, dhcp, out);
  out.resize(n.ok() ? n.value() : 0);
  return out;
}

Bytes client_frame(std::span<const std::uint8_t> dhcp) {
  Bytes out(kEthernetMaxHeaderSize + kIpv4MinHeaderSize + kUdpHeaderSize + dhcp.size());
  auto n = build_client_ethernet_frame(kClientMac, dhcp, out);
  out.resize(n.ok() ? n.value() : 0);
  return out;
}

std::array<std::pair<const char*, Bytes>, 3> named_payloads() {
  return {{{"ack332", typical_ack()}, {"discover304", discover()}, {"ack1200", large_ack()}}};
}

}  // namespace dhcpcore::bench
