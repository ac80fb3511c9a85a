// Tests of plan_host (host_plan.hpp): the four attacks of the host-plan
// issue against hand-written host states, with the plan each must give, and
// the regressions of the bugs the host_plan properties found.
#include "dhcpcore/core/host_plan.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <vector>

#include "dhcpcore/core/lease.hpp"
#include "host_plan_fixtures.hpp"

namespace dhcpcore {
namespace {

using namespace test;  // the shared fixtures (host_plan_fixtures.hpp)



// Attack 1: option 28 names 1.1.1.1 for 192.0.2.50/24. The address gets
// its subnet's broadcast, 192.0.2.255, and the option is reported.
TEST(PlanHost, Option28OtherThanTheSubnetBroadcastIsIgnoredAndReported) {
  const Lease l = lease(kIp, Ipv4Addr(255, 255, 255, 0), kGw, {{28, bytes(Ipv4Addr(1, 1, 1, 1))}});
  const HostPlan p = plan(Host{}, &l);
  EXPECT_EQ(ops(p), (std::vector<HostOp>{op(HostOpKind::AddAddress, lease_address()),
                                         op(HostOpKind::AddRoute, lease_route(kSubnet, std::nullopt)),
                                         op(HostOpKind::AddRoute, lease_route(kDefault, kGw))}));
  ASSERT_EQ(p.ops[0].address.broadcast, Ipv4Addr(192, 0, 2, 255));
  ASSERT_EQ(p.refused.size(), 1u);
  EXPECT_EQ(p.refused[0].reason, HostRefusal::BroadcastIgnored);
  EXPECT_EQ(p.refused[0].prefix, (Ipv4Prefix{Ipv4Addr(1, 1, 1, 1), 32}));
  // Equal to the subnet's broadcast: used, nothing reported.
  const Lease same = lease(kIp, Ipv4Addr(255, 255, 255, 0), kGw, {{28, bytes(Ipv4Addr(192, 0, 2, 255))}});
  EXPECT_TRUE(plan(Host{}, &same).refused.empty());
}

// Attack 2: mask 128.0.0.0 makes 172.16.0.5 "connected" to half the
// Internet. The hardened policy refuses /1 (ShortPrefix): the address is
// installed as /32, with no broadcast and no connected route.
TEST(PlanHost, AConnectedPrefixThePolicyRefusesLeavesTheAddressAsSlash32) {
  const Ipv4Addr ip(172, 16, 0, 5);
  const Lease l = lease(ip, Ipv4Addr(128, 0, 0, 0), std::nullopt);
  const RoutePolicy hardened = RoutePolicy::hardened();
  const HostPlan p = plan(Host{}, &l, &hardened);
  HostAddress want = lease_address(Ipv4Prefix{ip, 32});
  EXPECT_EQ(ops(p), std::vector<HostOp>{op(HostOpKind::AddAddress, want)});
  EXPECT_FALSE(p.ops[0].address.broadcast.has_value());
  EXPECT_EQ(p.address, (Ipv4Prefix{ip, 32}));
  EXPECT_EQ(p.routes, 0u);
  ASSERT_EQ(p.refused.size(), 1u);
  EXPECT_EQ(p.refused[0].reason, HostRefusal::ConnectedPrefix);
  EXPECT_EQ(p.refused[0].route_reason, RouteDropReason::ShortPrefix);
  EXPECT_EQ(p.refused[0].prefix, (Ipv4Prefix{Ipv4Addr(128, 0, 0, 0), 1}));
}

// Attack 3: the offered address is a permanent address already on the
// interface. It is someone else's: nothing is installed, and the lease's
// routes are refused with it.
TEST(PlanHost, TheOfferedAddressConfiguredByHandIsRefusedWithItsRoutes) {
  const Ipv4Addr ip(192, 0, 2, 5);
  HostAddress by_hand;
  by_hand.ifindex = kIf;
  by_hand.local = Ipv4Prefix{ip, 24};
  by_hand.peer = ip;
  by_hand.broadcast = Ipv4Addr(192, 0, 2, 255);
  by_hand.flags = host::kAddrPermanent;
  const Lease l = lease(ip, Ipv4Addr(255, 255, 255, 0), kGw);
  const HostPlan p = plan(Host{{by_hand}, {}}, &l);
  EXPECT_TRUE(p.ops.empty());
  EXPECT_FALSE(p.address.has_value());
  ASSERT_EQ(p.refused.size(), 2u);
  EXPECT_EQ(p.refused[0].reason, HostRefusal::AddressInUse);
  EXPECT_EQ(p.refused[0].conflict_address, by_hand);
  EXPECT_EQ(p.refused[1].reason, HostRefusal::NoAddress);
  EXPECT_EQ(p.refused[1].prefix, kDefault);
}

// Attack 4: option 121 routes 198.51.100.0/24 (metric 0, main) where
// another interface's connected route has that key; NLM_F_REPLACE would
// take it over. Refused; the rest of the lease applies.
TEST(PlanHost, ALeaseRouteWithTheKeyOfAnotherInterfacesConnectedRouteIsRefused) {
  HostRoute other;
  other.dst = Ipv4Prefix{Ipv4Addr(198, 51, 100, 0), 24};
  other.oif = 3;
  other.prefsrc = Ipv4Addr(198, 51, 100, 7);
  other.protocol = host::kProtoKernel;
  other.scope = host::kScopeLink;
  // 198.51.100.0/24 via 192.0.2.1, then 0.0.0.0/0 via 192.0.2.1 (RFC 3442).
  const std::vector<std::uint8_t> v121{24, 198, 51, 100, 192, 0, 2, 1, 0, 192, 0, 2, 1};
  const Lease l = lease(kIp, Ipv4Addr(255, 255, 255, 0), std::nullopt, {{121, v121}});
  const HostPlan p = plan(Host{{}, {other}}, &l);
  EXPECT_EQ(ops(p), (std::vector<HostOp>{op(HostOpKind::AddAddress, lease_address()),
                                         op(HostOpKind::AddRoute, lease_route(kSubnet, std::nullopt)),
                                         op(HostOpKind::AddRoute, lease_route(kDefault, kGw))}));
  ASSERT_EQ(p.refused.size(), 1u);
  EXPECT_EQ(p.refused[0].reason, HostRefusal::RouteConflict);
  EXPECT_EQ(p.refused[0].prefix, other.dst);
  EXPECT_EQ(p.refused[0].router, kGw);
  EXPECT_EQ(p.refused[0].conflict_route, other);
}

// Found by HostPlan.AfterThePlanDhcpcoreOwnsExactlyThePlannedAddressAndRoutes:
// dhcpcore's address of the lease's key in another shape (here without
// IFA_F_NOPREFIXROUTE) is deleted and added again, which drops the routes
// it is the source of; they are created again with ReplaceRoute. The plan
// then also deleted the old routes, which the kernel matches to the new
// ones (same table, destination, metric, interface, gateway, protocol): the
// lease ended with no route. Now nothing of the lease's keys is deleted.
TEST(PlanHost, RecreatingTheAddressDoesNotDeleteTheRoutesItRecreates) {
  HostAddress old = lease_address();
  old.flags = 0;
  const Host h{{old}, {lease_route(kSubnet, std::nullopt), lease_route(kDefault, kGw)}};
  const Lease l = lease(kIp, Ipv4Addr(255, 255, 255, 0), kGw);
  const HostPlan p = plan(h, &l);
  EXPECT_EQ(ops(p), (std::vector<HostOp>{op(HostOpKind::DeleteAddress, old),
                                         op(HostOpKind::AddAddress, lease_address()),
                                         op(HostOpKind::ReplaceRoute, lease_route(kSubnet, std::nullopt)),
                                         op(HostOpKind::ReplaceRoute, lease_route(kDefault, kGw))}));
}

// Seen while fixing the above, then caught by
// HostPlan.OnlyOwnedObjectsAreReplacedOrDeletedAndEveryForeignOneSurvives
// once scenes append same-key routes ("deletes another route"): two owned
// default routes (one appended by hand); the second differs from the
// lease's only in its source. Deleted after the replace, its delete (which
// names no source) removed the replaced route; it is deleted before it.
TEST(PlanHost, ASecondOwnedRouteOfALeaseRoutesKeyIsDeletedBeforeTheReplace) {
  HostRoute first = lease_route(kDefault, Ipv4Addr(192, 0, 2, 9));
  HostRoute second = lease_route(kDefault, kGw);
  second.prefsrc = Ipv4Addr(192, 0, 2, 51);
  const Host h{{lease_address()}, {lease_route(kSubnet, std::nullopt), first, second}};
  const Lease l = lease(kIp, Ipv4Addr(255, 255, 255, 0), kGw);
  const HostPlan p = plan(h, &l);
  EXPECT_EQ(ops(p), (std::vector<HostOp>{op(HostOpKind::DeleteRoute, second),
                                         op(HostOpKind::ReplaceRoute, lease_route(kDefault, kGw))}));
}

// Found by HostPlan.RoundsConvergeWhenMoreOwnedAddressesThanOnePlanDeletes:
// the cap on owned addresses one plan deletes skipped only the ninth
// (`deleted++ == kMaxOwnedAddresses`); twelve gave eleven deletes.
TEST(PlanHost, OnePlanDeletesAtMostKMaxOwnedAddressesAndCountsTheRest) {
  Host h;
  for (std::uint32_t i = 0; i < 12; ++i) {
    h.addresses.push_back(lease_address(Ipv4Prefix{Ipv4Addr(0xc0000264u + i), 24}));  // 192.0.2.100 + i
  }
  const HostPlan p = plan(h, nullptr);
  ASSERT_EQ(p.ops.size(), kMaxOwnedAddresses);
  for (std::size_t i = 0; i < p.ops.size(); ++i) EXPECT_EQ(p.ops[i], op(HostOpKind::DeleteAddress, h.addresses[i]));
  EXPECT_EQ(p.ops_overflow, 12 - kMaxOwnedAddresses);
}

}  // namespace
}  // namespace dhcpcore
