// Tests for frame.hpp: the client broadcast packet exactly as the reference
// sends it (transport_broadcast.go), the general UDP frame builder, and
// decode_ethernet_frame / decode_ip_packet with every layer's errors and
// every dispatch reason. Checksums were summed by hand (words and carries in
// the comments).
#include "dhcpcore/parsers/frame.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <ostream>
#include <span>
#include <vector>

#include "dhcpcore/test_support/builders.hpp"

namespace dhcpcore {

// gtest prints FrameError values through this.
void PrintTo(const FrameError& e, std::ostream* os) { *os << layer_name(e.layer) << ": " << to_string(e); }

namespace {

using Bytes = std::vector<std::uint8_t>;
Bytes to_vec(std::span<const std::uint8_t> s) { return {s.begin(), s.end()}; }

using gen::kClientMac;  // RFC 7042 documentation MACs
using gen::kServerMac;
constexpr Ipv4Addr kServerIp(192, 0, 2, 1);
constexpr Ipv4Addr kClientIp(192, 0, 2, 50);

constexpr std::uint8_t kDhcp4[] = {0x01, 0x02, 0x03, 0x04};  // a stand-in DHCP payload

// The reference client's broadcast around kDhcp4.
// IPv4 checksum by hand: 45e0 + 0020 + 0000 + 4000 + 0111 + 0000 + 0000 +
// 0000 + ffff + ffff = 0x2870f -> 0x870f + 0x2 = 0x8711 -> ~ = 0x78ee.
// UDP checksum by hand: pseudo-header 0000 0000 ffff ffff 0011 000c, header
// 0044 0043 000c 0000, data 0102 0304: 0x204b4 -> 0x04b4 + 0x2 = 0x04b6 ->
// ~ = 0xfb49.
constexpr std::uint8_t kClientIpPacket[] = {
    0x45,                    // version 4, IHL 5
    0xe0,                    // TOS: DSCP CS7 (0b111000) << 2
    0x00, 0x20,              // total length 32 = 20 + 8 + 4
    0x00, 0x00,              // identification 0
    0x40, 0x00,              // flags DF, fragment offset 0
    0x01,                    // TTL 1
    0x11,                    // protocol 17 (UDP)
    0x78, 0xee,              // header checksum
    0x00, 0x00, 0x00, 0x00,  // src 0.0.0.0
    0xff, 0xff, 0xff, 0xff,  // dst 255.255.255.255
    0x00, 0x44,              // UDP src port 68
    0x00, 0x43,              // UDP dst port 67
    0x00, 0x0c,              // UDP length 12 = 8 + 4
    0xfb, 0x49,              // UDP checksum
    0x01, 0x02, 0x03, 0x04,  // DHCP payload
};

constexpr std::uint8_t kClientEthernetHeader[] = {
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff,  // dst broadcast
    0x00, 0x00, 0x5e, 0x00, 0x53, 0x01,  // src kClientMac
    0x08, 0x00,                          // ethertype IPv4
};

// A server reply 192.0.2.1:67 -> 192.0.2.50:68, as build_udp_frame writes it
// with the spec defaults (TOS 0, TTL 64, DF, identification 0).
// IPv4 checksum by hand: 4500 + 0020 + 0000 + 4000 + 4011 + 0000 + c000 +
// 0201 + c000 + 0232 = 0x24964 -> 0x4964 + 0x2 = 0x4966 -> ~ = 0xb699.
// UDP checksum by hand: c000 0201 c000 0232 0011 000c + 0043 0044 000c 0000
// + 0506 0708 = 0x190f1 -> 0x90f1 + 0x1 = 0x90f2 -> ~ = 0x6f0d.
constexpr std::uint8_t kServerReply[] = {
    0x00, 0x00, 0x5e, 0x00, 0x53, 0x01,  // dst kClientMac
    0x00, 0x00, 0x5e, 0x00, 0x53, 0x02,  // src kServerMac
    0x08, 0x00,                          // ethertype IPv4
    0x45, 0x00, 0x00, 0x20,              // version 4, IHL 5, TOS 0, total length 32
    0x00, 0x00, 0x40, 0x00,              // identification 0, DF
    0x40, 0x11, 0xb6, 0x99,              // TTL 64, UDP, header checksum
    0xc0, 0x00, 0x02, 0x01,              // src 192.0.2.1
    0xc0, 0x00, 0x02, 0x32,              // dst 192.0.2.50
    0x00, 0x43, 0x00, 0x44,              // ports 67 -> 68
    0x00, 0x0c, 0x6f, 0x0d,              // UDP length 12, checksum
    0x05, 0x06, 0x07, 0x08,              // DHCP payload
};
constexpr std::size_t kEth = 14;      // Ethernet header size in kServerReply
constexpr std::size_t kIpEnd = 34;    // end of its IPv4 header
constexpr std::size_t kUdpEnd = 42;   // end of its UDP header

UdpFrameSpec server_spec() {
  UdpFrameSpec s;
  s.eth_src = kServerMac;
  s.eth_dst = kClientMac;
  s.ip_src = kServerIp;
  s.ip_dst = kClientIp;
  s.src_port = 67;
  s.dst_port = 68;
  return s;
}

// A DHCP-sized payload: 300 bytes of a counting pattern.
Bytes dhcp_300() {
  Bytes b(300);
  for (std::size_t i = 0; i < b.size(); ++i) b[i] = static_cast<std::uint8_t>(i * 7);
  return b;
}

// fix_ip_checksum recomputes the IPv4 header checksum of a frame after a
// test changed a header byte (so the test reaches the check it targets).
void fix_ip_checksum(Bytes& frame, std::size_t ip_offset, std::size_t header_size = 20) {
  frame.at(ip_offset + 10) = 0;
  frame.at(ip_offset + 11) = 0;
  const std::uint16_t c =
      internet_checksum(std::span<const std::uint8_t>(frame).subspan(ip_offset, header_size));
  frame.at(ip_offset + 10) = static_cast<std::uint8_t>(c >> 8);
  frame.at(ip_offset + 11) = static_cast<std::uint8_t>(c);
}

Bytes server_reply() { return to_vec(kServerReply); }

// ---- names ------------------------------------------------------------------

TEST(FrameError, LayerNamesAreLowercase) {
  EXPECT_EQ(layer_name(FrameLayer::Ethernet), "ethernet");
  EXPECT_EQ(layer_name(FrameLayer::Ipv4), "ipv4");
  EXPECT_EQ(layer_name(FrameLayer::Udp), "udp");
  EXPECT_EQ(layer_name(static_cast<FrameLayer>(9)), "unknown");
}

TEST(FrameError, ToStringNamesTheLayersEnumerator) {
  EXPECT_STREQ(to_string(frame_error(EthernetError::NotIpv4)), "NotIpv4");
  EXPECT_STREQ(to_string(frame_error(EthernetError::TruncatedVlanTag)), "TruncatedVlanTag");
  EXPECT_STREQ(to_string(frame_error(Ipv4Error::NotUdp)), "NotUdp");
  EXPECT_STREQ(to_string(frame_error(Ipv4Error::BadHeaderChecksum)), "BadHeaderChecksum");
  EXPECT_STREQ(to_string(frame_error(UdpError::WrongPort)), "WrongPort");
  EXPECT_STREQ(to_string(frame_error(UdpError::BadChecksum)), "BadChecksum");
  EXPECT_STREQ(to_string(FrameError{FrameLayer::Udp, 200}), "Unknown");
  EXPECT_STREQ(to_string(FrameError{static_cast<FrameLayer>(9), 1}), "Unknown");
  const FrameError e = frame_error(Ipv4Error::Fragmented);
  EXPECT_EQ(e.layer, FrameLayer::Ipv4);
  EXPECT_EQ(e.code, static_cast<std::uint8_t>(Ipv4Error::Fragmented));
}

// ---- the client broadcast ----------------------------------------------------

TEST(ClientIpPacket, MatchesTheReferenceHeadersByteForByte) {
  std::array<std::uint8_t, sizeof kClientIpPacket> out{};
  auto n = build_client_ip_packet(kDhcp4, out);
  ASSERT_TRUE(n.ok()) << to_string(n.error());
  EXPECT_EQ(n.value(), sizeof kClientIpPacket);
  EXPECT_EQ(to_vec(out), to_vec(kClientIpPacket));
}

TEST(ClientIpPacket, BothChecksumsVerify) {
  const Bytes dhcp = dhcp_300();
  Bytes out(dhcp.size() + 28);
  auto n = build_client_ip_packet(dhcp, out);
  ASSERT_TRUE(n.ok());
  ASSERT_EQ(n.value(), out.size());

  auto ip = Ipv4Packet::parse(out, ChecksumMode::Verify);
  ASSERT_TRUE(ip.ok()) << to_string(ip.error());
  EXPECT_EQ(ip->tos, 0xe0);
  EXPECT_EQ(ip->ttl, 1);
  EXPECT_TRUE(ip->dont_fragment);
  EXPECT_EQ(ip->identification, 0);
  EXPECT_EQ(ip->src, Ipv4Addr(0, 0, 0, 0));
  EXPECT_EQ(ip->dst, Ipv4Addr(255, 255, 255, 255));
  auto udp = UdpDatagram::parse(ip->payload, ip->src, ip->dst, ChecksumMode::Verify);
  ASSERT_TRUE(udp.ok()) << to_string(udp.error());
  EXPECT_EQ(udp->src_port, 68);
  EXPECT_EQ(udp->dst_port, 67);
  EXPECT_EQ(to_vec(udp->payload), dhcp);

  auto f = decode_ip_packet(out, {.checksums = ChecksumMode::Verify, .dst_port = 67});
  ASSERT_TRUE(f.ok()) << to_string(f.error());
  EXPECT_FALSE(f->eth.has_value());
  EXPECT_EQ(to_vec(f->dhcp), dhcp);
}

TEST(ClientIpPacket, FlippingAPayloadByteFailsTheUdpChecksum) {
  const Bytes dhcp = dhcp_300();
  Bytes out(dhcp.size() + 28);
  ASSERT_TRUE(build_client_ip_packet(dhcp, out).ok());
  out[28 + 100] ^= 0x10;
  EXPECT_TRUE(Ipv4Packet::parse(out).ok());  // the IPv4 checksum covers the header only
  auto ip = Ipv4Packet::parse(out);
  EXPECT_EQ(UdpDatagram::parse(ip->payload, ip->src, ip->dst).error(), UdpError::BadChecksum);
  EXPECT_EQ(decode_ip_packet(out, {.dst_port = 67}).error(), frame_error(UdpError::BadChecksum));
}

TEST(ClientIpPacket, FlippingAHeaderByteFailsTheIpv4Checksum) {
  const Bytes dhcp = dhcp_300();
  Bytes out(dhcp.size() + 28);
  ASSERT_TRUE(build_client_ip_packet(dhcp, out).ok());
  out[8] = 2;  // TTL 1 -> 2
  EXPECT_EQ(Ipv4Packet::parse(out).error(), Ipv4Error::BadHeaderChecksum);
  EXPECT_EQ(decode_ip_packet(out, {.dst_port = 67}).error(), frame_error(Ipv4Error::BadHeaderChecksum));
}

TEST(ClientEthernetFrame, PrependsABroadcastEthernetHeader) {
  std::array<std::uint8_t, sizeof kClientEthernetHeader + sizeof kClientIpPacket> out{};
  auto n = build_client_ethernet_frame(kClientMac, kDhcp4, out);
  ASSERT_TRUE(n.ok()) << to_string(n.error());
  EXPECT_EQ(n.value(), out.size());
  Bytes expect = to_vec(kClientEthernetHeader);
  expect.insert(expect.end(), std::begin(kClientIpPacket), std::end(kClientIpPacket));
  EXPECT_EQ(to_vec(out), expect);
}

TEST(ClientEthernetFrame, DecodesOnlyWhenPort67IsAsked) {
  const Bytes dhcp = dhcp_300();
  Bytes out(dhcp.size() + 42);
  ASSERT_TRUE(build_client_ethernet_frame(kClientMac, dhcp, out).ok());
  // The default port is the client's (68): the client's own frame is not for it.
  EXPECT_EQ(decode_ethernet_frame(out).error(), frame_error(UdpError::WrongPort));
  auto f = decode_ethernet_frame(out, {.dst_port = 67});
  ASSERT_TRUE(f.ok()) << to_string(f.error());
  ASSERT_TRUE(f->eth.has_value());
  EXPECT_EQ(f->eth->dst, kBroadcastMac);
  EXPECT_EQ(f->eth->src, kClientMac);
  EXPECT_EQ(to_vec(f->dhcp), dhcp);
}

TEST(ClientBuilders, FailWithoutWritingWhenTheBufferIsOneByteShort) {
  std::array<std::uint8_t, 64> buf{};
  buf.fill(0xee);
  auto n = build_client_ip_packet(kDhcp4, std::span<std::uint8_t>(buf).first(sizeof kClientIpPacket - 1));
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.error(), BuildError::BufferTooSmall);
  for (auto b : buf) EXPECT_EQ(b, 0xee);
  auto m = build_client_ethernet_frame(kClientMac, kDhcp4,
                                       std::span<std::uint8_t>(buf).first(sizeof kClientIpPacket + 14 - 1));
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error(), BuildError::BufferTooSmall);
  for (auto b : buf) EXPECT_EQ(b, 0xee);
}

TEST(ClientBuilders, RejectAPayloadBeyondTheIpv4TotalLength) {
  Bytes big(65535 - 28 + 1);
  Bytes out(big.size() + 64);
  EXPECT_EQ(build_client_ip_packet(big, out).error(), BuildError::PayloadTooLarge);
  EXPECT_EQ(build_client_ethernet_frame(kClientMac, big, out).error(), BuildError::PayloadTooLarge);
  auto n = build_client_ip_packet(std::span<const std::uint8_t>(big).first(65535 - 28), out);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n.value(), 65535u);
}

// ---- the general builder -----------------------------------------------------

TEST(BuildUdpFrame, WritesTheServerReplyByteForByte) {
  constexpr std::uint8_t kPayload[] = {0x05, 0x06, 0x07, 0x08};
  Bytes out(sizeof kServerReply);
  auto n = build_udp_frame(server_spec(), kPayload, out);
  ASSERT_TRUE(n.ok()) << to_string(n.error());
  EXPECT_EQ(out, to_vec(kServerReply));
  Bytes ip(sizeof kServerReply - kEth);
  auto m = build_udp_packet(server_spec(), kPayload, ip);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(ip, to_vec(std::span<const std::uint8_t>(kServerReply).subspan(kEth)));
}

TEST(BuildUdpFrame, WritesOneDot1QTagOrQinQ) {
  constexpr std::uint8_t kPayload[] = {0x05, 0x06, 0x07, 0x08};
  UdpFrameSpec s = server_spec();
  s.vlan_tags = 1;
  s.inner_vlan = {kTpid8021Q, 0x0064};
  Bytes out(sizeof kServerReply + 4);
  ASSERT_TRUE(build_udp_frame(s, kPayload, out).ok());
  const Bytes tag = {0x81, 0x00, 0x00, 0x64, 0x08, 0x00};
  EXPECT_EQ(Bytes(out.begin() + 12, out.begin() + 18), tag);
  EXPECT_EQ(Bytes(out.begin() + 18, out.end()), to_vec(std::span<const std::uint8_t>(kServerReply).subspan(kEth)));

  s.vlan_tags = 2;
  s.outer_vlan = {kTpid8021ad, 0x000a};
  out.assign(sizeof kServerReply + 8, 0);
  ASSERT_TRUE(build_udp_frame(s, kPayload, out).ok());
  const Bytes tags = {0x88, 0xa8, 0x00, 0x0a, 0x81, 0x00, 0x00, 0x64, 0x08, 0x00};
  EXPECT_EQ(Bytes(out.begin() + 12, out.begin() + 22), tags);

  auto f = decode_ethernet_frame(out);
  ASSERT_TRUE(f.ok()) << to_string(f.error());
  ASSERT_EQ(f->eth->vlans.size(), 2u);
  EXPECT_EQ(f->eth->vlans.tags()[0], (VlanTag{kTpid8021ad, 0x000a}));
  EXPECT_EQ(f->eth->vlans.tags()[1], (VlanTag{kTpid8021Q, 0x0064}));
  EXPECT_EQ(to_vec(f->dhcp), to_vec(kPayload));
}

TEST(BuildUdpFrame, NeverWritesMoreThanTwoTags) {
  constexpr std::uint8_t kPayload[] = {0x05};
  UdpFrameSpec s = server_spec();
  s.vlan_tags = 5;
  Bytes out(64);
  auto n = build_udp_frame(s, kPayload, out);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n.value(), 14u + 8u + 20u + 8u + 1u);
  out.resize(n.value());
  auto f = decode_ethernet_frame(out);
  ASSERT_TRUE(f.ok()) << to_string(f.error());
  EXPECT_EQ(f->eth->vlans.size(), 2u);
}

TEST(BuildUdpFrame, FailsWithoutWritingWhenTheBufferIsOneByteShort) {
  const Bytes dhcp = dhcp_300();
  for (const std::uint8_t tags : std::initializer_list<std::uint8_t>{0, 1, 2}) {
    UdpFrameSpec s = server_spec();
    s.vlan_tags = tags;
    const std::size_t need = 14u + 4u * tags + 28u + dhcp.size();
    Bytes buf(need + 8, 0xee);
    auto n = build_udp_frame(s, dhcp, std::span<std::uint8_t>(buf).first(need - 1));
    ASSERT_FALSE(n.ok());
    EXPECT_EQ(n.error(), BuildError::BufferTooSmall);
    for (auto b : buf) ASSERT_EQ(b, 0xee);
    ASSERT_TRUE(build_udp_frame(s, dhcp, std::span<std::uint8_t>(buf).first(need)).ok());
    EXPECT_EQ(buf[need], 0xee);
  }
}

TEST(BuildUdpFrame, RoundTripsThroughDecode) {
  const Bytes dhcp = dhcp_300();
  UdpFrameSpec s = server_spec();
  s.tos = 0x10;
  s.ttl = 17;
  s.identification = 0xbeef;
  s.dont_fragment = false;
  Bytes out(400);
  auto n = build_udp_frame(s, dhcp, out);
  ASSERT_TRUE(n.ok());
  out.resize(n.value());
  auto f = decode_ethernet_frame(out);
  ASSERT_TRUE(f.ok()) << to_string(f.error());
  EXPECT_EQ(f->eth->src, kServerMac);
  EXPECT_EQ(f->eth->dst, kClientMac);
  EXPECT_EQ(f->ip.tos, 0x10);
  EXPECT_EQ(f->ip.ttl, 17);
  EXPECT_EQ(f->ip.identification, 0xbeef);
  EXPECT_FALSE(f->ip.dont_fragment);
  EXPECT_EQ(f->ip.src, kServerIp);
  EXPECT_EQ(f->ip.dst, kClientIp);
  EXPECT_EQ(f->udp.src_port, 67);
  EXPECT_EQ(f->udp.dst_port, 68);
  EXPECT_EQ(to_vec(f->dhcp), dhcp);
  EXPECT_EQ(f->dhcp.data(), f->udp.payload.data());

  // Re-emitting every decoded layer gives the same bytes back.
  Bytes again(out.size());
  ASSERT_TRUE(f->eth->emit_header(again).ok());
  ASSERT_TRUE(f->ip.emit_header(std::span<std::uint8_t>(again).subspan(14), f->udp.wire_size()).ok());
  ASSERT_TRUE(f->udp.emit(std::span<std::uint8_t>(again).subspan(34), f->ip.src, f->ip.dst).ok());
  EXPECT_EQ(again, out);
}

// ---- decode: success paths ----------------------------------------------------

TEST(DecodeEthernetFrame, DecodesTheServerReply) {
  auto f = decode_ethernet_frame(kServerReply);
  ASSERT_TRUE(f.ok()) << to_string(f.error());
  ASSERT_TRUE(f->eth.has_value());
  EXPECT_EQ(f->eth->ethertype, 0x0800);
  EXPECT_EQ(f->ip.protocol, 17);
  EXPECT_EQ(f->udp.dst_port, 68);
  EXPECT_EQ(f->dhcp.data(), kServerReply + kUdpEnd);
  EXPECT_EQ(to_vec(f->dhcp), (Bytes{0x05, 0x06, 0x07, 0x08}));
}

TEST(DecodeEthernetFrame, IgnoresEthernetPaddingAfterTheIpPacket) {
  Bytes b = server_reply();
  b.resize(60, 0x00);  // minimum frame size without FCS
  auto f = decode_ethernet_frame(b);
  ASSERT_TRUE(f.ok()) << to_string(f.error());
  EXPECT_EQ(to_vec(f->dhcp), (Bytes{0x05, 0x06, 0x07, 0x08}));
}

TEST(DecodeEthernetFrame, PortZeroAcceptsAnyDestinationPort) {
  Bytes b = server_reply();
  b[kIpEnd + 3] = 0x45;  // dst port 69, UDP checksum not updated
  EXPECT_EQ(decode_ethernet_frame(b, {.dst_port = 0}).error(), frame_error(UdpError::BadChecksum));
  auto f = decode_ethernet_frame(b, {.checksums = ChecksumMode::Skip, .dst_port = 0});
  ASSERT_TRUE(f.ok()) << to_string(f.error());
  EXPECT_EQ(f->udp.dst_port, 69);
  EXPECT_EQ(decode_ethernet_frame(b, {.checksums = ChecksumMode::Skip}).error(),
            frame_error(UdpError::WrongPort));
}

TEST(DecodeEthernetFrame, SkipModeBypassesBothChecksums) {
  Bytes b = server_reply();
  b[kEth + 10] = 0;  // IPv4 checksum
  b[kEth + 11] = 0;
  b[kIpEnd + 6] ^= 0x5a;  // UDP checksum
  EXPECT_EQ(decode_ethernet_frame(b).error(), frame_error(Ipv4Error::BadHeaderChecksum));
  auto f = decode_ethernet_frame(b, {.checksums = ChecksumMode::Skip});
  ASSERT_TRUE(f.ok()) << to_string(f.error());
  EXPECT_EQ(to_vec(f->dhcp), (Bytes{0x05, 0x06, 0x07, 0x08}));
}

TEST(DecodeIpPacket, StartsAtTheIpv4Header) {
  auto f = decode_ip_packet(std::span<const std::uint8_t>(kServerReply).subspan(kEth));
  ASSERT_TRUE(f.ok()) << to_string(f.error());
  EXPECT_FALSE(f->eth.has_value());
  EXPECT_EQ(f->ip.src, kServerIp);
  EXPECT_EQ(to_vec(f->dhcp), (Bytes{0x05, 0x06, 0x07, 0x08}));
  // Given a whole Ethernet frame it sees version 0 (the first MAC byte).
  EXPECT_EQ(decode_ip_packet(kServerReply).error(), frame_error(Ipv4Error::BadVersion));
}

// ---- decode: every error of every layer, and every dispatch reason --------------

TEST(DecodeEthernetFrame, ReportsEthernetErrors) {
  const Bytes b = server_reply();
  EXPECT_EQ(decode_ethernet_frame(std::span<const std::uint8_t>(b).first(13)).error(),
            frame_error(EthernetError::Truncated));

  Bytes tagged = server_reply();
  tagged[12] = 0x81;  // ethertype -> 802.1Q TPID; only the IP bytes follow
  tagged[13] = 0x00;
  EXPECT_EQ(decode_ethernet_frame(std::span<const std::uint8_t>(tagged).first(16)).error(),
            frame_error(EthernetError::TruncatedVlanTag));

  constexpr std::uint8_t kThreeTags[] = {
      0xff, 0xff, 0xff, 0xff, 0xff, 0xff,  // dst
      0x00, 0x00, 0x5e, 0x00, 0x53, 0x02,  // src
      0x88, 0xa8, 0x00, 0x01,              // 802.1ad VID 1
      0x81, 0x00, 0x00, 0x02,              // 802.1Q VID 2
      0x81, 0x00, 0x00, 0x03,              // 802.1Q VID 3: a third tag
      0x08, 0x00,                          // IPv4
  };
  EXPECT_EQ(decode_ethernet_frame(kThreeTags).error(), frame_error(EthernetError::TooManyVlanTags));
}

TEST(DecodeEthernetFrame, RejectsANonIpv4Ethertype) {
  for (const std::uint16_t type : std::initializer_list<std::uint16_t>{0x0806 /* ARP */, 0x86dd /* IPv6 */, 0x9100 /* legacy QinQ */}) {
    Bytes b = server_reply();
    b[12] = static_cast<std::uint8_t>(type >> 8);
    b[13] = static_cast<std::uint8_t>(type);
    EXPECT_EQ(decode_ethernet_frame(b).error(), frame_error(EthernetError::NotIpv4)) << type;
  }
}

TEST(DecodeEthernetFrame, ReportsIpv4Errors) {
  const Bytes ok = server_reply();
  // Truncated: the Ethernet header and 19 bytes of IPv4.
  EXPECT_EQ(decode_ethernet_frame(std::span<const std::uint8_t>(ok).first(kEth + 19)).error(),
            frame_error(Ipv4Error::Truncated));

  Bytes b = server_reply();
  b[kEth] = 0x65;  // version 6
  fix_ip_checksum(b, kEth);
  EXPECT_EQ(decode_ethernet_frame(b).error(), frame_error(Ipv4Error::BadVersion));

  b = server_reply();
  b[kEth] = 0x44;  // IHL 4
  EXPECT_EQ(decode_ethernet_frame(b).error(), frame_error(Ipv4Error::BadHeaderLength));

  b = server_reply();
  b[kEth] = 0x4f;  // IHL 15: 60 bytes > 32
  EXPECT_EQ(decode_ethernet_frame(b).error(), frame_error(Ipv4Error::HeaderExceedsBuffer));

  b = server_reply();
  b[kEth + 3] = 19;  // total length 19
  fix_ip_checksum(b, kEth);
  EXPECT_EQ(decode_ethernet_frame(b).error(), frame_error(Ipv4Error::BadTotalLength));

  b = server_reply();
  b[kEth + 3] = 33;  // total length 33 > 32
  fix_ip_checksum(b, kEth);
  EXPECT_EQ(decode_ethernet_frame(b).error(), frame_error(Ipv4Error::TotalLengthExceedsBuffer));

  b = server_reply();
  b[kEth + 8] = 63;  // TTL changed, checksum not
  EXPECT_EQ(decode_ethernet_frame(b).error(), frame_error(Ipv4Error::BadHeaderChecksum));

  b = server_reply();
  b[kEth + 6] = 0x20;  // MF
  fix_ip_checksum(b, kEth);
  EXPECT_EQ(decode_ethernet_frame(b).error(), frame_error(Ipv4Error::Fragmented));

  b = server_reply();
  b[kEth + 7] = 0x01;  // DF + fragment offset 1
  fix_ip_checksum(b, kEth);
  EXPECT_EQ(decode_ethernet_frame(b).error(), frame_error(Ipv4Error::Fragmented));
}

TEST(DecodeEthernetFrame, RejectsANonUdpProtocol) {
  for (const std::uint8_t proto : std::initializer_list<std::uint8_t>{1 /* ICMP */, 6 /* TCP */, 253}) {
    Bytes b = server_reply();
    b[kEth + 9] = proto;
    fix_ip_checksum(b, kEth);
    EXPECT_EQ(decode_ethernet_frame(b).error(), frame_error(Ipv4Error::NotUdp)) << int{proto};
  }
}

TEST(DecodeEthernetFrame, ReportsUdpErrors) {
  // Truncated: an IPv4 packet whose payload is 7 bytes.
  Bytes b = server_reply();
  b.resize(kEth + 20 + 7);
  b[kEth + 3] = 27;
  fix_ip_checksum(b, kEth);
  EXPECT_EQ(decode_ethernet_frame(b).error(), frame_error(UdpError::Truncated));

  b = server_reply();
  b[kIpEnd + 5] = 7;  // UDP length 7
  EXPECT_EQ(decode_ethernet_frame(b).error(), frame_error(UdpError::BadLength));

  b = server_reply();
  b[kIpEnd + 5] = 13;  // UDP length 13 > 12
  EXPECT_EQ(decode_ethernet_frame(b).error(), frame_error(UdpError::LengthExceedsPayload));

  b = server_reply();
  b[kUdpEnd] ^= 0x01;  // a payload byte
  EXPECT_EQ(decode_ethernet_frame(b).error(), frame_error(UdpError::BadChecksum));
}

TEST(DecodeEthernetFrame, RejectsTheWrongDestinationPort) {
  EXPECT_EQ(decode_ethernet_frame(kServerReply, {.dst_port = 67}).error(), frame_error(UdpError::WrongPort));
  EXPECT_TRUE(decode_ethernet_frame(kServerReply, {.dst_port = 68}).ok());
}

TEST(DecodeIpPacket, ReportsTheSameErrorsFromTheIpv4LayerOn) {
  const std::span<const std::uint8_t> ip = std::span<const std::uint8_t>(kServerReply).subspan(kEth);
  EXPECT_EQ(decode_ip_packet(ip.first(19)).error(), frame_error(Ipv4Error::Truncated));
  Bytes b = to_vec(ip);
  b[9] = 6;  // TCP
  fix_ip_checksum(b, 0);
  EXPECT_EQ(decode_ip_packet(b).error(), frame_error(Ipv4Error::NotUdp));
  EXPECT_EQ(decode_ip_packet(ip, {.dst_port = 67}).error(), frame_error(UdpError::WrongPort));
}

// Prefix sweep over the whole stack: the IPv4 total length pins the end, so
// every strict prefix of a valid frame is rejected (with a length error of
// some layer), never decoded and never a crash.
TEST(DecodeEthernetFrame, RejectsEveryStrictPrefix) {
  const Bytes dhcp = dhcp_300();
  for (const std::uint8_t tags : std::initializer_list<std::uint8_t>{0, 1, 2}) {
    UdpFrameSpec s = server_spec();
    s.vlan_tags = tags;
    Bytes frame(400);
    auto n = build_udp_frame(s, dhcp, frame);
    ASSERT_TRUE(n.ok());
    frame.resize(n.value());
    ASSERT_TRUE(decode_ethernet_frame(frame).ok());
    for (std::size_t len = 0; len < frame.size(); ++len) {
      auto f = decode_ethernet_frame(std::span<const std::uint8_t>(frame).first(len));
      ASSERT_FALSE(f.ok()) << int{tags} << " " << len;
      const FrameError e = f.error();
      EXPECT_TRUE(e == frame_error(EthernetError::Truncated) ||
                  e == frame_error(EthernetError::TruncatedVlanTag) ||
                  e == frame_error(Ipv4Error::Truncated) ||
                  e == frame_error(Ipv4Error::TotalLengthExceedsBuffer))
          << int{tags} << " " << len << " " << layer_name(e.layer) << ": " << to_string(e);
    }
  }
}

TEST(DecodeIpPacket, RejectsEveryStrictPrefix) {
  const std::span<const std::uint8_t> ip = std::span<const std::uint8_t>(kServerReply).subspan(kEth);
  for (std::size_t len = 0; len < ip.size(); ++len) {
    auto f = decode_ip_packet(ip.first(len));
    ASSERT_FALSE(f.ok()) << len;
    EXPECT_EQ(f.error().layer, FrameLayer::Ipv4) << len;
  }
}

}  // namespace
}  // namespace dhcpcore
