// Tests for ARP (arp.hpp): the RFC 826 layout, RFC 5227's probe and
// announcement, and its conflict rules. Every frame below was written out
// by hand from RFC 826's field order.
#include "dhcpcore/parsers/arp.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

namespace dhcpcore {
namespace {

using Bytes = std::vector<std::uint8_t>;

constexpr MacAddr kOwn{0x02, 0x00, 0x5e, 0x10, 0x00, 0x01};
constexpr MacAddr kOther{0x02, 0x00, 0x5e, 0x10, 0x00, 0x02};
constexpr Ipv4Addr kCandidate(192, 0, 2, 50);  // TEST-NET-1

// An ARP probe from kOwn for 192.0.2.50 (RFC 5227 2.1.1).
const Bytes kProbeFrame = {
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff,  // Ethernet dst: broadcast
    0x02, 0x00, 0x5e, 0x10, 0x00, 0x01,  // Ethernet src: kOwn
    0x08, 0x06,                          // ethertype ARP
    0x00, 0x01,                          // htype 1: Ethernet
    0x08, 0x00,                          // ptype 0x0800: IPv4
    0x06, 0x04,                          // hlen 6, plen 4
    0x00, 0x01,                          // oper 1: request
    0x02, 0x00, 0x5e, 0x10, 0x00, 0x01,  // sha: kOwn
    0x00, 0x00, 0x00, 0x00,              // spa: 0.0.0.0 (a probe)
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // tha: zeroes
    0xc0, 0x00, 0x02, 0x32,              // tpa: 192.0.2.50
};

// The announcement of 192.0.2.50 (RFC 5227 2.3): spa = tpa = the address.
Bytes announcement_frame() {
  Bytes b = kProbeFrame;
  const std::uint8_t ip[] = {0xc0, 0x00, 0x02, 0x32};
  std::copy(std::begin(ip), std::end(ip), b.begin() + 14 + 14);
  return b;
}

std::span<const std::uint8_t> arp_part(const Bytes& frame) { return std::span(frame).subspan(14); }

TEST(ArpPacket, ParsesEveryField) {
  auto p = ArpPacket::parse(arp_part(kProbeFrame));
  ASSERT_TRUE(p.ok()) << to_string(p.error());
  EXPECT_EQ(p->op, ArpOp::Request);
  EXPECT_EQ(p->sender_mac, kOwn);
  EXPECT_TRUE(p->sender_ip.is_unspecified());
  EXPECT_EQ(p->target_mac, (MacAddr{}));
  EXPECT_EQ(p->target_ip, kCandidate);
}

TEST(ArpPacket, IgnoresPaddingAfterThePacket) {
  Bytes padded = kProbeFrame;
  padded.resize(60, 0xee);  // Ethernet's minimum, padded with junk
  auto p = ArpPacket::parse(arp_part(padded));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->target_ip, kCandidate);
}

TEST(ArpPacket, RejectsEveryStrictPrefix) {
  const auto arp = arp_part(kProbeFrame);
  for (std::size_t n = 0; n < kArpPacketSize; ++n) {
    EXPECT_EQ(ArpPacket::parse(arp.first(n)).error(), ArpError::Truncated) << n;
  }
}

TEST(ArpPacket, RejectsOtherHardwareAndProtocols) {
  // byte offset in the ARP packet, value
  const std::pair<std::size_t, std::uint8_t> edits[] = {
      {1, 6},     // htype 6 (IEEE 802)
      {2, 0x86},  // ptype 0x86dd (IPv6)
      {3, 0x06},  // ptype 0x0806
      {4, 8},     // hlen 8
      {5, 16},    // plen 16
      {0, 1},     // htype 0x0101
  };
  for (const auto& [at, value] : edits) {
    Bytes b(arp_part(kProbeFrame).begin(), arp_part(kProbeFrame).end());
    b[at] = value;
    EXPECT_EQ(ArpPacket::parse(b).error(), ArpError::NotEthernetIpv4) << at;
  }
}

TEST(ArpPacket, RejectsOperationsOtherThanRequestAndReply) {
  for (unsigned oper : {0u, 3u, 8u, 0x0100u, 0xffffu}) {
    Bytes b(arp_part(kProbeFrame).begin(), arp_part(kProbeFrame).end());
    b[6] = static_cast<std::uint8_t>(oper >> 8);
    b[7] = static_cast<std::uint8_t>(oper);
    EXPECT_EQ(ArpPacket::parse(b).error(), ArpError::BadOperation) << oper;
  }
  Bytes reply(arp_part(kProbeFrame).begin(), arp_part(kProbeFrame).end());
  reply[7] = 2;
  EXPECT_EQ(ArpPacket::parse(reply)->op, ArpOp::Reply);
}

TEST(ArpPacket, EmitWritesTheLayoutAndRoundTrips) {
  ArpPacket p;
  p.op = ArpOp::Reply;
  p.sender_mac = kOther;
  p.sender_ip = kCandidate;
  p.target_mac = kOwn;
  p.target_ip = Ipv4Addr(192, 0, 2, 1);
  Bytes out(kArpPacketSize + 4, 0xaa);
  auto n = p.emit(out);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n.value(), kArpPacketSize);
  const Bytes expected = {0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x02, 0x02, 0x00, 0x5e, 0x10, 0x00, 0x02,
                          0xc0, 0x00, 0x02, 0x32, 0x02, 0x00, 0x5e, 0x10, 0x00, 0x01, 0xc0, 0x00, 0x02, 0x01};
  EXPECT_EQ(Bytes(out.begin(), out.begin() + kArpPacketSize), expected);
  EXPECT_EQ(out[kArpPacketSize], 0xaa);  // nothing past the packet
  EXPECT_EQ(ArpPacket::parse(out).value(), p);
  // One byte short: nothing written.
  Bytes small(kArpPacketSize - 1, 0xaa);
  EXPECT_EQ(p.emit(small).error(), BuildError::BufferTooSmall);
  EXPECT_TRUE(std::all_of(small.begin(), small.end(), [](std::uint8_t x) { return x == 0xaa; }));
}

TEST(ArpFrame, BuildsTheProbeAndTheAnnouncementOfRfc5227) {
  Bytes out(64, 0);
  auto n = build_arp_probe(kOwn, kCandidate, out);
  ASSERT_TRUE(n.ok());
  ASSERT_EQ(n.value(), kArpFrameSize);
  EXPECT_EQ(Bytes(out.begin(), out.begin() + kArpFrameSize), kProbeFrame);
  n = build_arp_announcement(kOwn, kCandidate, out);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(Bytes(out.begin(), out.begin() + kArpFrameSize), announcement_frame());
  Bytes small(kArpFrameSize - 1, 0xaa);
  EXPECT_EQ(build_arp_probe(kOwn, kCandidate, small).error(), BuildError::BufferTooSmall);
  EXPECT_TRUE(std::all_of(small.begin(), small.end(), [](std::uint8_t x) { return x == 0xaa; }));
}

TEST(ArpFrame, DecodesAWholeFrameWithOrWithoutAVlanTag) {
  auto f = decode_arp_frame(kProbeFrame);
  ASSERT_TRUE(f.ok()) << to_string(f.error());
  EXPECT_EQ(f->eth_src, kOwn);
  EXPECT_EQ(f->eth_dst, kBroadcastMac);
  EXPECT_EQ(f->arp.target_ip, kCandidate);
  // 802.1Q tag (VLAN 5) before the ethertype.
  Bytes tagged(kProbeFrame.begin(), kProbeFrame.begin() + 12);
  for (unsigned b : {0x81u, 0x00u, 0x00u, 0x05u}) tagged.push_back(static_cast<std::uint8_t>(b));
  tagged.insert(tagged.end(), kProbeFrame.begin() + 12, kProbeFrame.end());
  auto t = decode_arp_frame(tagged);
  ASSERT_TRUE(t.ok()) << to_string(t.error());
  EXPECT_EQ(t->arp, f->arp);
}

TEST(ArpFrame, NamesWhyAFrameIsNotArp) {
  EXPECT_EQ(decode_arp_frame(std::span(kProbeFrame).first(13)).error(), ArpError::Truncated);
  EXPECT_EQ(decode_arp_frame(std::span(kProbeFrame).first(20)).error(), ArpError::Truncated);
  Bytes ipv4 = kProbeFrame;
  ipv4[12] = 0x08;
  ipv4[13] = 0x00;
  EXPECT_EQ(decode_arp_frame(ipv4).error(), ArpError::NotArp);
  Bytes cut_tag(kProbeFrame.begin(), kProbeFrame.begin() + 12);
  for (unsigned b : {0x81u, 0x00u, 0x00u}) cut_tag.push_back(static_cast<std::uint8_t>(b));  // TPID, half a TCI
  EXPECT_EQ(decode_arp_frame(cut_tag).error(), ArpError::BadEthernet);
}

ArpPacket packet(ArpOp op, MacAddr sha, Ipv4Addr spa, Ipv4Addr tpa) {
  ArpPacket p;
  p.op = op;
  p.sender_mac = sha;
  p.sender_ip = spa;
  p.target_ip = tpa;
  return p;
}

// RFC 5227 2.1.1 (probing) and 2.4 (in use).
TEST(ArpConflict, FollowsRfc5227) {
  const Ipv4Addr zero;
  const Ipv4Addr other_ip(192, 0, 2, 9);
  struct Case {
    ArpPacket p;
    bool probing;
    ArpConflict want;
  } cases[] = {
      // Another host sends from the address: a request or a reply, probing or not.
      {packet(ArpOp::Reply, kOther, kCandidate, zero), true, ArpConflict::AddressInUse},
      {packet(ArpOp::Request, kOther, kCandidate, other_ip), true, ArpConflict::AddressInUse},
      {packet(ArpOp::Request, kOther, kCandidate, kCandidate), false, ArpConflict::AddressInUse},
      {packet(ArpOp::Reply, kOther, kCandidate, other_ip), false, ArpConflict::AddressInUse},
      // Another host probes for it: a conflict only while we probe.
      {packet(ArpOp::Request, kOther, zero, kCandidate), true, ArpConflict::ProbeCollision},
      {packet(ArpOp::Request, kOther, zero, kCandidate), false, ArpConflict::None},
      // A "reply" from 0.0.0.0 is no probe.
      {packet(ArpOp::Reply, kOther, zero, kCandidate), true, ArpConflict::None},
      // Our own frames, looped back, never conflict.
      {packet(ArpOp::Request, kOwn, zero, kCandidate), true, ArpConflict::None},
      {packet(ArpOp::Request, kOwn, kCandidate, kCandidate), false, ArpConflict::None},
      // Other addresses are not our business.
      {packet(ArpOp::Request, kOther, other_ip, kCandidate), true, ArpConflict::None},
      {packet(ArpOp::Reply, kOther, other_ip, other_ip), false, ArpConflict::None},
      {packet(ArpOp::Request, kOther, zero, other_ip), true, ArpConflict::None},
  };
  for (std::size_t i = 0; i < std::size(cases); ++i) {
    EXPECT_EQ(arp_conflict(cases[i].p, kCandidate, kOwn, cases[i].probing), cases[i].want) << "case " << i;
  }
}

}  // namespace
}  // namespace dhcpcore
