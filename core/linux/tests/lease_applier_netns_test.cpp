// Tests of manage_ip, manage_routes and LeaseApplier against the kernel, in a
// network namespace of their own (netns.hpp). Every case of the reference's
// callback_test.go is ported with the same inputs and expectations, its
// addresses moved to TEST-NET ranges:
//   testNet1 10.0.1.2/24 (router .1)  -> 192.0.2.2/24    (router 192.0.2.1)
//   testNet2 10.0.2.2/24 (router .1)  -> 198.51.100.2/24 (router 198.51.100.1)
//   testRoute 10.0.3.0/24             -> 203.0.113.0/24
//   foreign gateway 192.168.42.1      -> 203.0.113.42
// and a veth pair instead of a dummy link. Results are read back with `ip`.
#include <linux/rtnetlink.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <string>
#include <vector>

#include "dhcpcore/linux/lease_applier.hpp"
#include "dhcpcore/linux/netlink.hpp"
#include "netns.hpp"
#include "test_leases.hpp"

namespace dhcpcore::test {
namespace {

using std::chrono::milliseconds;

const Ipv4Prefix kNet1 = p("192.0.2.2/24");
const Ipv4Addr kNet1Router(192, 0, 2, 1);
const Ipv4Prefix kNet2 = p("198.51.100.2/24");
const Ipv4Addr kNet2Router(198, 51, 100, 1);
// Only ever a route destination, never configured on an interface.
const Ipv4Prefix kTestRoute = p("203.0.113.0/24");

// The caller's clock: the reference's leases expire 1 s after "now".
constexpr milliseconds kNow{5'000'000};
constexpr milliseconds kExpires = kNow + milliseconds(1000);

constexpr std::uint8_t kOptRouter = 3;
constexpr std::uint8_t kOptBroadcast = 28;
constexpr std::uint8_t kOptClassless = 121;

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

Rtnetlink open_netlink() {
  auto nl = Rtnetlink::open();
  EXPECT_TRUE(nl.ok()) << to_string(nl.error());
  return std::move(nl).value();
}

Lease lease_with_router(Ipv4Prefix net, Ipv4Addr router) {
  return trivial_lease(net, kExpires, {{kOptRouter, bytes(router)}});
}

// ---- ManageIP: callback_test.go TestAssignedIPCallback --------------------------

class ManageIp : public NetnsTest {
 protected:
  void run(const Lease* lease, milliseconds now = kNow) {
    Rtnetlink nl = open_netlink();
    Status st = manage_ip(nl, ifindex_, lease, now);
    ASSERT_TRUE(st.ok()) << to_string(st.error());
  }
};

// The reference's initial addresses carry lifetimes "otherwise the kernel
// sets IFA_F_PERMANENT behind our back"; `brd +` is the broadcast address
// the Go netlink library adds by itself.

TEST_F(ManageIp, RemoveOldIPs) {
  ip({"addr", "add", "192.0.2.2/24", "brd", "+", "dev", kIface, "valid_lft", "60", "preferred_lft", "0"});
  ip({"addr", "add", "198.51.100.2/24", "brd", "+", "dev", kIface, "valid_lft", "60", "preferred_lft", "0"});
  ASSERT_EQ(addrs().size(), 2u);
  run(nullptr);
  EXPECT_EQ(addrs(), std::vector<std::string>{});
}

TEST_F(ManageIp, IgnoresPermanentIPs) {
  ip({"addr", "add", "192.0.2.2/24", "brd", "+", "dev", kIface});
  ip({"addr", "add", "198.51.100.2/24", "brd", "+", "dev", kIface, "valid_lft", "60", "preferred_lft", "0"});
  Lease lease = trivial_lease(kNet2, kExpires);
  run(&lease);
  EXPECT_EQ(addrs(), sorted({
                         "inet 192.0.2.2/24 brd 192.0.2.255 scope global dcveth0 "
                         "valid_lft forever preferred_lft forever",
                         "inet 198.51.100.2/24 brd 198.51.100.255 scope global dynamic dcveth0 "
                         "valid_lft 1sec preferred_lft 1sec",
                     }));
}

TEST_F(ManageIp, AssignsNewIP) {
  Lease lease = trivial_lease(kNet2, kExpires);
  run(&lease);
  EXPECT_EQ(addrs(), std::vector<std::string>{"inet 198.51.100.2/24 brd 198.51.100.255 scope global dynamic "
                                              "dcveth0 valid_lft 1sec preferred_lft 1sec"});
}

TEST_F(ManageIp, UpdatesIP) {
  Lease lease = trivial_lease(kNet1, kExpires);
  run(&lease);
  EXPECT_EQ(addrs(), std::vector<std::string>{"inet 192.0.2.2/24 brd 192.0.2.255 scope global dynamic "
                                              "dcveth0 valid_lft 1sec preferred_lft 1sec"});
}

TEST_F(ManageIp, RemovesIPOnRelease) {
  ip({"addr", "add", "192.0.2.2/24", "brd", "+", "dev", kIface, "valid_lft", "60", "preferred_lft", "60"});
  run(nullptr);
  EXPECT_EQ(addrs(), std::vector<std::string>{});
}

// ---- ManageIP beyond the reference's cases ------------------------------------

TEST_F(ManageIp, ReplacesOtherAddressOfNewLease) {
  // A different dynamic address goes, the lease's address comes.
  ip({"addr", "add", "192.0.2.2/24", "brd", "+", "dev", kIface, "valid_lft", "60", "preferred_lft", "60"});
  Lease lease = trivial_lease(kNet2, kExpires);
  run(&lease);
  EXPECT_EQ(addrs(), std::vector<std::string>{"inet 198.51.100.2/24 brd 198.51.100.255 scope global dynamic "
                                              "dcveth0 valid_lft 1sec preferred_lft 1sec"});
}

TEST_F(ManageIp, RenewalUpdatesLifetimesOfTheSameAddress) {
  ip({"addr", "add", "192.0.2.2/24", "brd", "+", "dev", kIface, "valid_lft", "60", "preferred_lft", "60"});
  Lease lease = trivial_lease(kNet1, kNow + milliseconds(90'500));
  run(&lease);
  // 90.5 s left: rounded up.
  EXPECT_EQ(addrs(), std::vector<std::string>{"inet 192.0.2.2/24 brd 192.0.2.255 scope global dynamic "
                                              "dcveth0 valid_lft 91sec preferred_lft 91sec"});
}

TEST_F(ManageIp, UsesBroadcastOfOption28) {
  Lease lease = trivial_lease(kNet1, kExpires, {{kOptBroadcast, {192, 0, 2, 127}}});
  run(&lease);
  EXPECT_EQ(addrs(), std::vector<std::string>{"inet 192.0.2.2/24 brd 192.0.2.127 scope global dynamic "
                                              "dcveth0 valid_lft 1sec preferred_lft 1sec"});
}

TEST_F(ManageIp, NoBroadcastForSlash32) {
  Lease lease = trivial_lease(p("192.0.2.2/32"), kExpires);
  run(&lease);
  EXPECT_EQ(addrs(), std::vector<std::string>{
                         "inet 192.0.2.2/32 scope global dynamic dcveth0 valid_lft 1sec preferred_lft 1sec"});
}

TEST_F(ManageIp, ReplacesSameAddressWithAPeer) {
  // Equal IP and prefix but a peer: a different address to the kernel.
  ip({"addr", "add", "192.0.2.2", "peer", "192.0.2.9/24", "dev", kIface, "valid_lft", "60", "preferred_lft", "60"});
  ASSERT_EQ(addrs().size(), 1u);
  ASSERT_NE(addrs()[0].find("peer"), std::string::npos) << addrs()[0];
  Lease lease = trivial_lease(kNet1, kExpires);
  run(&lease);
  EXPECT_EQ(addrs(), std::vector<std::string>{"inet 192.0.2.2/24 brd 192.0.2.255 scope global dynamic "
                                              "dcveth0 valid_lft 1sec preferred_lft 1sec"});
}

TEST_F(ManageIp, ExpiredLeaseStillGetsAFiniteLifetime) {
  // The kernel refuses a valid lifetime of 0; an address must never become
  // permanent (it would no longer be ours), so the lifetime is at least 1 s.
  Lease lease = trivial_lease(kNet1, kNow - milliseconds(5000));
  run(&lease);
  EXPECT_EQ(addrs(), std::vector<std::string>{"inet 192.0.2.2/24 brd 192.0.2.255 scope global dynamic "
                                              "dcveth0 valid_lft 1sec preferred_lft 1sec"});
}

TEST_F(ManageIp, InfiniteLeaseIsNotPermanent) {
  // lease time 0xffffffff s: still "dynamic", so remove_all takes it away.
  Lease lease = trivial_lease(kNet1, kNow + milliseconds(0xffffffffLL * 1000));
  run(&lease);
  EXPECT_EQ(addrs(), std::vector<std::string>{"inet 192.0.2.2/24 brd 192.0.2.255 scope global dynamic "
                                              "dcveth0 valid_lft 4294967294sec preferred_lft 4294967294sec"});
  run(nullptr);
  EXPECT_EQ(addrs(), std::vector<std::string>{});
}

TEST_F(ManageIp, LeavesOtherInterfacesAlone) {
  ip({"addr", "add", "203.0.113.7/24", "brd", "+", "dev", kPeer, "valid_lft", "600", "preferred_lft", "600"});
  Lease lease = trivial_lease(kNet1, kExpires);
  run(&lease);
  run(nullptr);
  const auto peer = addrs(kPeer);
  ASSERT_EQ(peer.size(), 1u);
  EXPECT_EQ(peer[0].rfind("inet 203.0.113.7/24 brd 203.0.113.255 scope global dynamic dcveth1 valid_lft ", 0), 0u)
      << peer[0];
}

TEST_F(ManageIp, DeletingAnAddressThatIsGoneSucceeds) {
  Rtnetlink nl = open_netlink();
  AddrInfo gone;
  gone.ifindex = ifindex_;
  gone.local = kNet1;
  gone.address = kNet1.addr;
  Status st = nl.delete_addr(gone);
  EXPECT_TRUE(st.ok()) << to_string(st.error());
}

TEST_F(ManageIp, ReportsTheKernelsError) {
  // An interface that does not exist: the error names the request and the
  // errno is the kernel's.
  Rtnetlink nl = open_netlink();
  Lease lease = trivial_lease(kNet1, kExpires);
  Status st = manage_ip(nl, 9999, &lease, kNow);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, ENODEV) << to_string(st.error());
  EXPECT_NE(st.error().message.find("replace address 192.0.2.2/24 on ifindex 9999"), std::string::npos)
      << st.error().message;
}

// ---- ManageRoutes: callback_test.go TestDefaultRouteCallback ---------------------

// The interface holds testNet1 and testNet2 (permanent) so that both
// routers are valid gateways.
class ManageRoutes : public NetnsTest {
 protected:
  void SetUp() override {
    NetnsTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ip({"addr", "add", "192.0.2.2/24", "dev", kIface});
    ip({"addr", "add", "198.51.100.2/24", "dev", kIface});
    ASSERT_FALSE(HasFailure());
  }
  void run(const Lease* lease, const RoutePolicy* policy = nullptr) {
    Rtnetlink nl = open_netlink();
    Status st = manage_routes(nl, ifindex_, lease, policy);
    ASSERT_TRUE(st.ok()) << to_string(st.error());
  }
};

TEST_F(ManageRoutes, AddsDefaultRoute) {
  Lease lease = lease_with_router(kNet1, kNet1Router);
  run(&lease);
  EXPECT_EQ(main_routes(), std::vector<std::string>{
                               "unicast default via 192.0.2.1 dev dcveth0 proto dhcp scope global src 192.0.2.2"});
}

TEST_F(ManageRoutes, IgnoresLeasesWithoutRouter) {
  Lease lease = trivial_lease(kNet1, kExpires);
  run(&lease);
  EXPECT_EQ(main_routes(), std::vector<std::string>{});
}

TEST_F(ManageRoutes, RemovesUnrelatedOldRoutes) {
  ip({"route", "add", kTestRoute.to_string(), "via", "198.51.100.1", "dev", kIface, "proto", "dhcp", "scope",
      "global"});
  ASSERT_EQ(main_routes().size(), 1u);
  run(nullptr);
  EXPECT_EQ(main_routes(), std::vector<std::string>{});
}

TEST_F(ManageRoutes, IgnoresNonDHCPRoutes) {
  ip({"route", "add", kTestRoute.to_string(), "via", "198.51.100.1", "dev", kIface, "proto", "bird"});
  run(nullptr);
  EXPECT_EQ(main_routes(), std::vector<std::string>{
                               "unicast 203.0.113.0/24 via 198.51.100.1 dev dcveth0 proto bird scope global"});
}

TEST_F(ManageRoutes, RemovesRoute) {
  ip({"route", "add", "default", "via", "198.51.100.1", "dev", kIface, "proto", "dhcp"});
  ASSERT_EQ(main_routes().size(), 1u);
  run(nullptr);
  EXPECT_EQ(main_routes(), std::vector<std::string>{});
}

TEST_F(ManageRoutes, UpdatesRoute) {
  ip({"route", "add", "default", "via", "192.0.2.1", "dev", kIface, "proto", "dhcp", "src", "192.0.2.2"});
  Lease lease = lease_with_router(kNet2, kNet2Router);
  run(&lease);
  EXPECT_EQ(main_routes(),
            std::vector<std::string>{
                "unicast default via 198.51.100.1 dev dcveth0 proto dhcp scope global src 198.51.100.2"});
}

TEST_F(ManageRoutes, AddsClasslessStaticRoutes) {
  const Ipv4Addr foreign(203, 0, 113, 42);
  Lease lease = trivial_lease(kNet1, kExpires,
                              {// The router (option 3) is ignored when 121 is present.
                               {kOptRouter, bytes(kNet1Router)},
                               {kOptClassless, classless({
                                                   // P2P/foreign gateway route
                                                   {p("203.0.113.42/32"), Ipv4Addr()},
                                                   // Standard route over the foreign gateway
                                                   {p("0.0.0.0/0"), foreign},
                                               })}});
  run(&lease);
  EXPECT_EQ(main_routes(),
            sorted({"unicast default via 203.0.113.42 dev dcveth0 proto dhcp scope global src 192.0.2.2",
                    "unicast 203.0.113.42 dev dcveth0 proto dhcp scope link src 192.0.2.2"}));
}

// ---- ManageRoutes beyond the reference's cases ----------------------------------

TEST_F(ManageRoutes, OwnsOnlyMainTableRoutesOfItsInterface) {
  ip({"addr", "add", "203.0.113.7/24", "dev", kPeer});
  // The same destination on the peer (another metric, else it would clash).
  ip({"route", "add", "198.18.0.0/15", "via", "203.0.113.1", "dev", kPeer, "proto", "dhcp", "metric", "50"});
  ip({"route", "add", "198.18.0.0/15", "via", "192.0.2.1", "dev", kIface, "proto", "dhcp", "table", "100"});
  ip({"route", "add", "198.18.0.0/15", "via", "192.0.2.1", "dev", kIface, "proto", "dhcp"});
  const auto before = all_routes();
  run(nullptr);
  // Only the main-table DHCP route of kIface goes.
  auto expected = before;
  auto owned = std::find(expected.begin(), expected.end(), "198.18.0.0/15 via 192.0.2.1 dev dcveth0 proto dhcp");
  ASSERT_NE(owned, expected.end()) << ::testing::PrintToString(before);
  expected.erase(owned);
  EXPECT_EQ(all_routes(), expected);
}

TEST_F(ManageRoutes, DropsRoutesNoLongerInTheLease) {
  Lease first = trivial_lease(kNet1, kExpires,
                              {{kOptClassless, classless({{kTestRoute, kNet1Router}, {p("0.0.0.0/0"), kNet1Router}})}});
  run(&first);
  ASSERT_EQ(main_routes().size(), 2u);
  Lease second = lease_with_router(kNet1, kNet1Router);
  run(&second);
  EXPECT_EQ(main_routes(), std::vector<std::string>{
                               "unicast default via 192.0.2.1 dev dcveth0 proto dhcp scope global src 192.0.2.2"});
}

TEST_F(ManageRoutes, AppliesThePolicy) {
  // TunnelVision's pair of /1 routes: kept by the reference's rules, refused
  // by the hardened policy.
  Lease lease = trivial_lease(kNet1, kExpires,
                              {{kOptClassless, classless({{p("0.0.0.0/1"), kNet1Router},
                                                          {p("128.0.0.0/1"), kNet1Router},
                                                          {p("0.0.0.0/0"), kNet1Router}})}});
  const RoutePolicy hardened = RoutePolicy::hardened();
  run(&lease, &hardened);
  EXPECT_EQ(main_routes(), std::vector<std::string>{
                               "unicast default via 192.0.2.1 dev dcveth0 proto dhcp scope global src 192.0.2.2"});
  run(&lease);
  EXPECT_EQ(main_routes(),
            sorted({"unicast 0.0.0.0/1 via 192.0.2.1 dev dcveth0 proto dhcp scope global src 192.0.2.2",
                    "unicast 128.0.0.0/1 via 192.0.2.1 dev dcveth0 proto dhcp scope global src 192.0.2.2",
                    "unicast default via 192.0.2.1 dev dcveth0 proto dhcp scope global src 192.0.2.2"}));
}

TEST_F(ManageRoutes, DeletingARouteThatIsGoneSucceeds) {
  Rtnetlink nl = open_netlink();
  RouteInfo gone;
  gone.dst = kTestRoute;
  gone.gateway = kNet1Router;
  gone.oif = ifindex_;
  gone.table = RT_TABLE_MAIN;
  gone.protocol = RTPROT_DHCP;
  gone.type = RTN_UNICAST;
  Status st = nl.delete_route(gone);
  EXPECT_TRUE(st.ok()) << to_string(st.error());
}

// ---- LeaseApplier ------------------------------------------------------------

class Applier : public NetnsTest {
 protected:
  LeaseApplier open_applier(std::optional<RoutePolicy> policy = std::nullopt) {
    auto a = LeaseApplier::open(ifindex_, std::move(policy));
    EXPECT_TRUE(a.ok()) << to_string(a.error());
    return std::move(a).value();
  }
};

TEST_F(Applier, AcquireRenewMoveAndLose) {
  LeaseApplier applier = open_applier();
  Lease first = lease_with_router(kNet1, kNet1Router);
  Status st = applier.apply(&first, kNow);
  ASSERT_TRUE(st.ok()) << to_string(st.error());
  EXPECT_EQ(addrs(), std::vector<std::string>{"inet 192.0.2.2/24 brd 192.0.2.255 scope global dynamic "
                                              "dcveth0 valid_lft 1sec preferred_lft 1sec"});
  EXPECT_EQ(main_routes(), std::vector<std::string>{
                               "unicast default via 192.0.2.1 dev dcveth0 proto dhcp scope global src 192.0.2.2"});

  // The next lease is on another network: the old address and its route go.
  Lease second = trivial_lease(kNet2, kNow + milliseconds(120'000), {{kOptRouter, bytes(kNet2Router)}});
  st = applier.apply(&second, kNow);
  ASSERT_TRUE(st.ok()) << to_string(st.error());
  EXPECT_EQ(addrs(), std::vector<std::string>{"inet 198.51.100.2/24 brd 198.51.100.255 scope global dynamic "
                                              "dcveth0 valid_lft 120sec preferred_lft 120sec"});
  EXPECT_EQ(main_routes(),
            std::vector<std::string>{
                "unicast default via 198.51.100.1 dev dcveth0 proto dhcp scope global src 198.51.100.2"});

  st = applier.apply(nullptr, kNow);
  ASSERT_TRUE(st.ok()) << to_string(st.error());
  EXPECT_EQ(addrs(), std::vector<std::string>{});
  EXPECT_EQ(main_routes(), std::vector<std::string>{});
}

TEST_F(Applier, RemoveAllKeepsWhatItDoesNotOwn) {
  ip({"addr", "add", "198.51.100.2/24", "brd", "+", "dev", kIface});
  ip({"route", "add", "198.18.0.0/15", "via", "198.51.100.1", "dev", kIface, "proto", "static"});
  LeaseApplier applier = open_applier(RoutePolicy::hardened());
  Lease lease = trivial_lease(kNet1, kExpires,
                              {{kOptClassless, classless({{kTestRoute, kNet1Router}, {p("0.0.0.0/0"), kNet1Router}})}});
  Status st = applier.apply(&lease, kNow);
  ASSERT_TRUE(st.ok()) << to_string(st.error());
  ASSERT_EQ(addrs().size(), 2u);
  ASSERT_EQ(main_routes().size(), 3u);

  st = applier.remove_all();
  ASSERT_TRUE(st.ok()) << to_string(st.error());
  EXPECT_EQ(addrs(), std::vector<std::string>{
                         "inet 198.51.100.2/24 brd 198.51.100.255 scope global dcveth0 valid_lft forever "
                         "preferred_lft forever"});
  EXPECT_EQ(main_routes(), std::vector<std::string>{
                               "unicast 198.18.0.0/15 via 198.51.100.1 dev dcveth0 proto static scope global"});
}

TEST_F(Applier, RemoveAllOnACleanInterfaceSucceeds) {
  LeaseApplier applier = open_applier();
  Status st = applier.remove_all();
  EXPECT_TRUE(st.ok()) << to_string(st.error());
  EXPECT_EQ(addrs(), std::vector<std::string>{});
}

}  // namespace
}  // namespace dhcpcore::test
