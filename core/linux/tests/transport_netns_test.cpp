// BroadcastTransport on a veth pair in a network namespace of its own
// (netns.hpp): which frames the AF_PACKET socket delivers. A raw socket on
// the peer (kPeer) plays the server and sends whole Ethernet frames, so the
// test chooses the destination MAC and VLAN tag that decide the kernel's
// packet type (eth_type_trans: our MAC -> PACKET_HOST, ff:ff:ff:ff:ff:ff ->
// PACKET_BROADCAST, a group address -> PACKET_MULTICAST, another unicast
// MAC -> PACKET_OTHERHOST; a VLAN tag with no VLAN device for it ->
// PACKET_OTHERHOST with the tag stripped).
//
// Each frame that must not be delivered is followed by a broadcast sentinel
// that must be; the receive loop runs until the sentinel arrives, so "not
// delivered" is observed after the kernel has processed the frame sent
// before it (both go through the same veth queue in order).
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <poll.h>
#include <sys/socket.h>

#include <gtest/gtest.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "dhcpcore/linux/transport.hpp"
#include "dhcpcore/linux/unique_fd.hpp"
#include "dhcpcore/parsers/frame.hpp"
#include "netns.hpp"

namespace dhcpcore::test {
using namespace dhcpcore::runtime;
namespace {

// RFC 7042 documentation MACs: ours (kIface), the server's (kPeer) and a
// third host's on the same link.
constexpr MacAddr kOurMac{0x00, 0x00, 0x5e, 0x00, 0x53, 0x01};
constexpr MacAddr kServerMac{0x00, 0x00, 0x5e, 0x00, 0x53, 0x02};
constexpr MacAddr kOtherHostMac{0x00, 0x00, 0x5e, 0x00, 0x53, 0x03};
constexpr MacAddr kIpv4AllHostsMac{0x01, 0x00, 0x5e, 0x00, 0x00, 0x01};  // 224.0.0.1 (RFC 1112 6.4)

// Which frame a payload came from: the first byte of the UDP payload.
enum Marker : std::uint8_t { kForeign = 0xf0, kSentinel = 0x5e, kGood = 0x90 };

struct Outcome {
  bool delivered = false;  // receive() returned it as Payload
  bool queued = false;     // the socket queued it at all (Payload or Skipped)
};

class BroadcastTransportNetns : public NetnsTest {
 protected:
  void SetUp() override {
    NetnsTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ip({"link", "set", kIface, "address", "00:00:5e:00:53:01"});
    ip({"link", "set", kPeer, "address", "00:00:5e:00:53:02"});
    ASSERT_FALSE(HasFailure());
    injector_.reset(::socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0));
    ASSERT_TRUE(injector_.valid()) << std::strerror(errno);
    transport_.emplace(ifindex_);
    const Status s = transport_->open();
    ASSERT_TRUE(s.ok()) << to_string(s.error());
  }

  // send puts a server's reply (192.0.2.1:67 -> dst_ip:68, both checksums)
  // on the wire from kPeer, in an Ethernet frame to eth_dst, tagged for
  // `vlan` when it is not 0. The UDP payload starts with marker.
  void send(Marker marker, const MacAddr& eth_dst, Ipv4Addr dst_ip, std::uint16_t vlan = 0) {
    UdpFrameSpec spec;
    spec.eth_dst = eth_dst;
    spec.eth_src = kServerMac;
    if (vlan != 0) {
      spec.vlan_tags = 1;
      spec.inner_vlan = VlanTag{kTpid8021Q, vlan};  // priority 0
    }
    spec.ip_src = Ipv4Addr(192, 0, 2, 1);
    spec.ip_dst = dst_ip;
    const std::array<std::uint8_t, 8> payload{marker, 1, 2, 3, 4, 5, 6, 7};
    std::array<std::uint8_t, 128> frame{};
    auto n = build_udp_frame(spec, payload, frame);
    ASSERT_TRUE(n.ok());
    sockaddr_ll to{};
    to.sll_family = AF_PACKET;
    to.sll_ifindex = peer_ifindex_;
    to.sll_halen = 6;
    std::memcpy(to.sll_addr, eth_dst.data(), eth_dst.size());
    const ssize_t sent = ::sendto(injector_.get(), frame.data(), n.value(), 0, reinterpret_cast<const sockaddr*>(&to),
                                  sizeof to);
    ASSERT_EQ(sent, static_cast<ssize_t>(n.value())) << std::strerror(errno);
  }

  // outcome_of sends the frame marked kForeign (by `send_it`), then a
  // broadcast sentinel, and reads the transport until the sentinel arrives:
  // what happened to the frame sent before it.
  template <typename F>
  Outcome outcome_of(F send_it) {
    Outcome o;
    send_it();
    send(kSentinel, kBroadcastMac, Ipv4Addr(255, 255, 255, 255));
    bool sentinel = false;
    for (int waits = 0; !sentinel && waits < 20; ++waits) {
      pollfd p{transport_->fd(), POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0) continue;
      for (;;) {
        const Received r = transport_->receive();
        if (r.status == ReceiveStatus::WouldBlock) break;
        if (r.status == ReceiveStatus::Skipped) o.queued = true;  // only a foreign frame can be skipped
        if (r.status != ReceiveStatus::Payload || r.payload.empty()) continue;
        if (r.payload[0] == kSentinel) sentinel = true;
        if (r.payload[0] == kForeign) o.delivered = o.queued = true;
      }
    }
    EXPECT_TRUE(sentinel) << "the broadcast sentinel never arrived: the test observed nothing";
    return o;
  }

  UniqueFd injector_;
  std::optional<BroadcastTransport> transport_;  // on kIface, opened by SetUp
};

// The frame a DHCP server unicasts to a client whose chaddr is another
// host's: with the interface in promiscuous mode (a bridge port, tcpdump, a
// NIC that does not filter) the kernel hands it to packet sockets as
// PACKET_OTHERHOST. It must not reach the client.
TEST_F(BroadcastTransportNetns, DropsAReplyToAnotherHostsMac) {
  ip({"link", "set", kIface, "promisc", "on"});
  const Outcome o = outcome_of([&] { send(kForeign, kOtherHostMac, Ipv4Addr(192, 0, 2, 50)); });
  EXPECT_FALSE(o.delivered) << "a PACKET_OTHERHOST frame was delivered";
  EXPECT_FALSE(o.queued) << "the BPF filter let a PACKET_OTHERHOST frame into the socket's queue";
}

// A reply to our own MAC tagged for VLAN 100, which this host does not
// have: the kernel strips the tag and marks it PACKET_OTHERHOST. Taking it
// would bind the client to another VLAN's server.
TEST_F(BroadcastTransportNetns, DropsAReplyTaggedForAVlanTheHostDoesNotHave) {
  const Outcome o = outcome_of([&] { send(kForeign, kOurMac, Ipv4Addr(192, 0, 2, 50), 100); });
  EXPECT_FALSE(o.delivered) << "a frame of VLAN 100 (no such VLAN device) was delivered";
  EXPECT_FALSE(o.queued) << "the BPF filter let a frame of a foreign VLAN into the socket's queue";
}

// No DHCP server sends to a multicast MAC (RFC 2131 4.1: to chaddr or to
// broadcast), so PACKET_MULTICAST is dropped too.
TEST_F(BroadcastTransportNetns, DropsAMulticastFrame) {
  const Outcome o = outcome_of([&] { send(kForeign, kIpv4AllHostsMac, Ipv4Addr(224, 0, 0, 1)); });
  EXPECT_FALSE(o.delivered) << "a PACKET_MULTICAST frame was delivered";
  EXPECT_FALSE(o.queued) << "the BPF filter let a PACKET_MULTICAST frame into the socket's queue";
}

// What a server does send: unicast to our MAC (PACKET_HOST) and broadcast
// (PACKET_BROADCAST), both delivered with their payload and source, also in
// promiscuous mode.
TEST_F(BroadcastTransportNetns, DeliversRepliesToItsMacAndToBroadcast) {
  ip({"link", "set", kIface, "promisc", "on"});
  send(kGood, kOurMac, Ipv4Addr(192, 0, 2, 50));
  send(kGood, kBroadcastMac, Ipv4Addr(255, 255, 255, 255));
  int good = 0;
  for (int waits = 0; good < 2 && waits < 20; ++waits) {
    pollfd p{transport_->fd(), POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    for (;;) {
      const Received r = transport_->receive();
      if (r.status == ReceiveStatus::WouldBlock) break;
      ASSERT_EQ(r.status, ReceiveStatus::Payload) << "a frame to our MAC or to broadcast was not delivered";
      ASSERT_EQ(r.payload.size(), 8u);
      EXPECT_EQ(r.payload[0], kGood);
      EXPECT_EQ(r.source, Ipv4Addr(192, 0, 2, 1));
      ++good;
    }
  }
  EXPECT_EQ(good, 2);
}

}  // namespace
}  // namespace dhcpcore::test
