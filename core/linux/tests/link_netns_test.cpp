// Tests of the interface lookups (query_link, Rtnetlink::link_by_*) in a
// network namespace of their own: index, MAC and MTU of an interface, and
// the distinct errors the daemon reports (no such interface, no MAC).
#include <net/if_arp.h>
#include <net/if.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <string>

#include "dhcpcore/linux/netlink.hpp"
#include "netns.hpp"

namespace dhcpcore::test {
using namespace dhcpcore::runtime;
namespace {

class Link : public NetnsTest {};

TEST_F(Link, ReportsIndexMacAndMtu) {
  ip({"link", "set", kIface, "address", "02:00:5e:10:00:01", "mtu", "1400"});
  auto r = query_link(kIface);
  ASSERT_TRUE(r.ok()) << to_string(r.error());
  EXPECT_EQ(r->index, ifindex_);
  EXPECT_EQ(r->name, kIface);
  ASSERT_TRUE(r->mac.has_value());
  EXPECT_EQ(*r->mac, (MacAddr{0x02, 0x00, 0x5e, 0x10, 0x00, 0x01}));
  EXPECT_EQ(r->mtu, 1400u);
  EXPECT_EQ(r->type, ARPHRD_ETHER);
  EXPECT_NE(r->flags & IFF_UP, 0u);
}

TEST_F(Link, ByIndexAgreesWithByName) {
  auto nl = Rtnetlink::open();
  ASSERT_TRUE(nl.ok()) << to_string(nl.error());
  auto by_index = nl.value().link_by_index(peer_ifindex_);
  ASSERT_TRUE(by_index.ok()) << to_string(by_index.error());
  EXPECT_EQ(by_index->name, kPeer);
  auto by_name = nl.value().link_by_name(kPeer);
  ASSERT_TRUE(by_name.ok()) << to_string(by_name.error());
  EXPECT_EQ(by_name->index, peer_ifindex_);
  EXPECT_EQ(by_name->mac, by_index->mac);
}

TEST_F(Link, NoSuchInterface) {
  auto r = query_link("dcnothere0");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ENODEV);
  EXPECT_EQ(r.error().message, "no such interface: dcnothere0");

  auto nl = Rtnetlink::open();
  ASSERT_TRUE(nl.ok()) << to_string(nl.error());
  auto by_index = nl.value().link_by_index(9999);
  ASSERT_FALSE(by_index.ok());
  EXPECT_EQ(by_index.error().code, ENODEV);
}

TEST_F(Link, LoopbackHasNoMac) {
  auto r = query_link("lo");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ENXIO);
  EXPECT_EQ(r.error().message, "interface lo has no Ethernet MAC address (link type 772)");
}

}  // namespace
}  // namespace dhcpcore::test
