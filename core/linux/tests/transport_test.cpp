// Tests of the transports that need no privileges: the BPF filter (the
// packet-type check and the reference's program), attached to an AF_UNIX
// datagram socket (the filter sees each datagram from its first byte, as on
// the AF_PACKET SOCK_DGRAM socket where it sees the IPv4 header first), the
// packet-type check behind it, and the transports' closed-state errors.
#include "dhcpcore/linux/transport.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <vector>

#include <linux/filter.h>
#include <sys/socket.h>

#include "dhcpcore/linux/unique_fd.hpp"
#include "dhcpcore/parsers/frame.hpp"

namespace dhcpcore::test {
using namespace dhcpcore::runtime;
namespace {

// A socketpair whose receiving end carries the DHCP client filter.
class FilteredPair {
 public:
  FilteredPair() {
    int fds[2] = {-1, -1};
    EXPECT_EQ(::socketpair(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds), 0);
    tx_.reset(fds[0]);
    rx_.reset(fds[1]);
    const Status s = attach_dhcp_client_bpf(rx_.get());
    EXPECT_TRUE(s.ok()) << to_string(s.error());
  }
  // passes: sends packet and reports whether the filter let it through
  // (and with how many bytes).
  bool passes(const std::vector<std::uint8_t>& packet, std::size_t* got = nullptr) {
    EXPECT_EQ(::send(tx_.get(), packet.data(), packet.size(), 0), static_cast<ssize_t>(packet.size()));
    std::array<std::uint8_t, 70000> buf{};
    const ssize_t n = ::recv(rx_.get(), buf.data(), buf.size(), 0);
    if (n < 0) {
      EXPECT_TRUE(errno == EAGAIN || errno == EWOULDBLOCK) << errno;
      return false;
    }
    if (got) *got = static_cast<std::size_t>(n);
    return true;
  }

 private:
  UniqueFd tx_, rx_;
};

// A server's reply as the client receives it: 192.0.2.1:67 -> 192.0.2.50:68.
std::vector<std::uint8_t> reply_packet(std::uint16_t dst_port = kDhcpClientPort) {
  const std::array<std::uint8_t, 8> payload{1, 2, 3, 4, 5, 6, 7, 8};
  UdpFrameSpec spec;
  spec.ip_src = Ipv4Addr(192, 0, 2, 1);
  spec.ip_dst = Ipv4Addr(192, 0, 2, 50);
  spec.src_port = kDhcpServerPort;
  spec.dst_port = dst_port;
  std::vector<std::uint8_t> out(1500);
  auto n = build_udp_packet(spec, payload, out);
  EXPECT_TRUE(n.ok());
  out.resize(n.value());
  return out;
}

// The packet-type check (beyond the reference), then the reference's
// program. Whether the kernel runs the check as meant is shown by the netns
// tests (linux.BroadcastTransportNetns.*): an AF_UNIX socket has no link
// layer, every datagram on it reads as PACKET_HOST.
TEST(BpfFilter, IsAPacketTypeCheckThenTheReferenceProgram) {
  const auto prog = dhcp_client_bpf();
  ASSERT_EQ(prog.size(), 4u + 15u);
  // A = the ancillary packet type (SKF_AD_OFF + SKF_AD_PKTTYPE = -4092).
  EXPECT_EQ(prog[0].code, BPF_LD | BPF_W | BPF_ABS);
  EXPECT_EQ(prog[0].k, 0xfffff004u);
  // PACKET_HOST (0) and PACKET_BROADCAST (1) jump over the drop to the
  // reference program at 4; anything else falls through to it.
  EXPECT_EQ(prog[1].code, BPF_JMP | BPF_JEQ | BPF_K);
  EXPECT_EQ(prog[1].k, 0u);
  EXPECT_EQ(1 + 1 + prog[1].jt, 4);
  EXPECT_EQ(prog[1].jf, 0);
  EXPECT_EQ(prog[2].code, BPF_JMP | BPF_JEQ | BPF_K);
  EXPECT_EQ(prog[2].k, 1u);
  EXPECT_EQ(2 + 1 + prog[2].jt, 4);
  EXPECT_EQ(prog[2].jf, 0);
  EXPECT_EQ(prog[3].code, BPF_RET | BPF_K);
  EXPECT_EQ(prog[3].k, 0u);
  // The reference's: ends with "accept up to the largest IPv4 packet", every
  // other return drops; it starts by loading the IP version byte.
  const auto ref = prog.subspan(4);
  EXPECT_EQ(ref[0].code, BPF_LD | BPF_B | BPF_ABS);
  EXPECT_EQ(ref[0].k, 0u);
  EXPECT_EQ(ref.back().code, BPF_RET | BPF_K);
  EXPECT_EQ(ref.back().k, 65535u);
  int drops = 0;
  for (const sock_filter& i : ref.first(14)) {
    if (i.code == (BPF_RET | BPF_K)) {
      EXPECT_EQ(i.k, 0u);
      ++drops;
    }
  }
  EXPECT_EQ(drops, 4);  // version, protocol, fragment, port
}

TEST(BpfFilter, AcceptsUdpToPort68) {
  FilteredPair p;
  const auto pkt = reply_packet();
  std::size_t got = 0;
  ASSERT_TRUE(p.passes(pkt, &got));
  EXPECT_EQ(got, pkt.size());
}

TEST(BpfFilter, DropsOtherPorts) {
  FilteredPair p;
  EXPECT_FALSE(p.passes(reply_packet(kDhcpServerPort)));
  EXPECT_FALSE(p.passes(reply_packet(69)));
  EXPECT_FALSE(p.passes(reply_packet(68 << 8)));  // byte-swapped 68
}

TEST(BpfFilter, DropsNonIpv4) {
  FilteredPair p;
  auto pkt = reply_packet();
  pkt[0] = 0x65;  // version 6
  EXPECT_FALSE(p.passes(pkt));
}

TEST(BpfFilter, DropsNonUdp) {
  FilteredPair p;
  auto pkt = reply_packet();
  pkt[9] = 6;  // TCP
  EXPECT_FALSE(p.passes(pkt));
}

TEST(BpfFilter, DropsFragmentsWithAnOffset) {
  FilteredPair p;
  auto pkt = reply_packet();
  pkt[6] = 0x00;
  pkt[7] = 0x01;  // offset 8 bytes
  EXPECT_FALSE(p.passes(pkt));
  pkt[6] = 0x1f;
  pkt[7] = 0x00;
  EXPECT_FALSE(p.passes(pkt));
  // MF alone (a first fragment) passes the filter as in the reference;
  // decode_ip_packet rejects it afterwards.
  pkt[6] = 0x20;
  pkt[7] = 0x00;
  EXPECT_TRUE(p.passes(pkt));
}

TEST(BpfFilter, FindsThePortBehindIpOptions) {
  // IHL 6: four bytes of options (NOP NOP NOP EOL) before the UDP header.
  FilteredPair p;
  auto pkt = reply_packet();
  std::vector<std::uint8_t> with_opts(pkt.begin(), pkt.begin() + 20);
  with_opts.insert(with_opts.end(), {1, 1, 1, 0});
  with_opts.insert(with_opts.end(), pkt.begin() + 20, pkt.end());
  with_opts[0] = 0x46;
  EXPECT_TRUE(p.passes(with_opts));
  // Same bytes with IHL 5: the filter reads the port at the wrong offset.
  with_opts[0] = 0x45;
  EXPECT_FALSE(p.passes(with_opts));
}

// The userspace check behind the filter, per <linux/if_packet.h> value:
// only frames to our MAC (0) and to broadcast (1).
TEST(Transports, BroadcastAcceptsOnlyHostAndBroadcastPacketTypes) {
  EXPECT_TRUE(broadcast_accepts_packet_type(0));   // PACKET_HOST
  EXPECT_TRUE(broadcast_accepts_packet_type(1));   // PACKET_BROADCAST
  EXPECT_FALSE(broadcast_accepts_packet_type(2));  // PACKET_MULTICAST
  EXPECT_FALSE(broadcast_accepts_packet_type(3));  // PACKET_OTHERHOST
  EXPECT_FALSE(broadcast_accepts_packet_type(4));  // PACKET_OUTGOING
  EXPECT_FALSE(broadcast_accepts_packet_type(5));  // PACKET_LOOPBACK
  EXPECT_FALSE(broadcast_accepts_packet_type(6));  // PACKET_USER
  EXPECT_FALSE(broadcast_accepts_packet_type(7));  // PACKET_KERNEL
}

TEST(Transports, ClosedTransportsRefuseToSend) {
  BroadcastTransport b(1);
  EXPECT_FALSE(b.is_open());
  const std::array<std::uint8_t, 4> payload{};
  auto s = b.send(payload);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, EBADF);
  EXPECT_EQ(b.receive().status, ReceiveStatus::Error);

  UnicastTransport u("lo");
  auto su = u.send(payload);
  ASSERT_FALSE(su.ok());
  EXPECT_EQ(su.error().code, EBADF);
  EXPECT_EQ(u.receive().status, ReceiveStatus::Error);
}

}  // namespace
}  // namespace dhcpcore::test
