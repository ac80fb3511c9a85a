// Tests of plan_host (host_plan.hpp) on hand-built host states. Each
// expected plan is written out from the header's rules and Linux's values
// (RTPROT_DHCP 16, RT_TABLE_MAIN 254, RT_SCOPE_LINK 253, IFA_F_NOPREFIXROUTE
// 0x200): nothing here is copied from plan_host's output. The properties
// (properties/host_plan_properties.cpp) and the netns tests
// (core/linux/tests) check the same rules on generated states and against
// the kernel.
#include "dhcpcore/core/host_plan.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "host_plan_fixtures.hpp"

namespace dhcpcore {
namespace {

using namespace test;  // the shared fixtures (host_plan_fixtures.hpp)
using std::chrono::milliseconds;

Ipv4Prefix pfx(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d, std::uint8_t len) {
  return Ipv4Prefix{Ipv4Addr(a, b, c, d), len};
}

// lease: yiaddr with option 1 for net's prefix (no router unless in extra).
Lease lease(Ipv4Prefix net, std::vector<std::pair<std::uint8_t, std::vector<std::uint8_t>>> extra = {}) {
  return test::lease(net.addr, Ipv4Addr(net.mask()), std::nullopt, std::move(extra));
}

// dhcp_address: dhcpcore's address for net with the given broadcast and
// lifetimes (lease_address gives the subnet's broadcast and 3600 s).
HostAddress dhcp_address(Ipv4Prefix net, std::optional<Ipv4Addr> brd, std::uint32_t lft = 3600) {
  HostAddress a = lease_address(net);
  a.broadcast = brd;
  a.valid_lft = a.preferred_lft = lft;
  return a;
}

// Planned: a host and the latest plan for it (large: kept on the heap).
struct Planned {
  Host host;
  HostPlan plan;
};

void plan(const Lease* l, Planned& p, const RoutePolicy* policy = nullptr, bool refresh = true) {
  p.plan = test::plan(p.host, l, policy, refresh);
}

const std::vector<std::uint8_t> kRouterOpt = bytes(kGw);

TEST(AddressLifetime, RoundsUp) {
  EXPECT_EQ(address_lifetime_s(milliseconds(1000), milliseconds(0)), 1u);
  EXPECT_EQ(address_lifetime_s(milliseconds(1001), milliseconds(0)), 2u);
  EXPECT_EQ(address_lifetime_s(milliseconds(10'000), milliseconds(1)), 10u);
  EXPECT_EQ(address_lifetime_s(milliseconds(5'003'600'000), milliseconds(5'000'000'000)), 3600u);
  EXPECT_EQ(address_lifetime_s(milliseconds(1), milliseconds(0)), 1u);
}

TEST(AddressLifetime, NeverZeroNorInfinite) {
  // 0 is refused by the kernel; 0xffffffff would make the address permanent.
  EXPECT_EQ(address_lifetime_s(milliseconds(5), milliseconds(5)), 1u);
  EXPECT_EQ(address_lifetime_s(milliseconds(0), milliseconds(60'000)), 1u);
  EXPECT_EQ(address_lifetime_s(milliseconds(0xffffffffLL * 1000), milliseconds(0)), 0xfffffffeu);
  EXPECT_EQ(address_lifetime_s(milliseconds::max(), milliseconds::min()), 0xfffffffeu);
}

TEST(HostPlan, FreshInterfaceGetsAddressConnectedRouteThenDefaultRoute) {
  auto p = std::make_unique<Planned>();
  const Lease l = lease(pfx(192, 0, 2, 50, 24), {{3, kRouterOpt}});
  plan(&l, *p);
  const std::vector<HostOp> want{
      op(HostOpKind::AddAddress, dhcp_address(pfx(192, 0, 2, 50, 24), Ipv4Addr(192, 0, 2, 255))),
      op(HostOpKind::AddRoute, lease_route(pfx(192, 0, 2, 0, 24), std::nullopt)),
      op(HostOpKind::AddRoute, lease_route(pfx(0, 0, 0, 0, 0), kGw)),
  };
  EXPECT_EQ(std::vector<HostOp>(p->plan.ops.begin(), p->plan.ops.end()), want);
  EXPECT_TRUE(p->plan.refused.empty());
  EXPECT_EQ(p->plan.address, pfx(192, 0, 2, 50, 24));
  EXPECT_EQ(p->plan.routes, 2u);
}

TEST(HostPlan, SameLeaseOnItsOwnStateNeedsNothingAndRemovalDeletesRoutesThenAddress) {
  auto p = std::make_unique<Planned>();
  const HostAddress a = dhcp_address(pfx(192, 0, 2, 50, 24), Ipv4Addr(192, 0, 2, 255));
  const HostRoute conn = lease_route(pfx(192, 0, 2, 0, 24), std::nullopt);
  const HostRoute def = lease_route(pfx(0, 0, 0, 0, 0), kGw);
  p->host.addresses = {a};
  p->host.routes = {def, conn};
  const Lease l = lease(pfx(192, 0, 2, 50, 24), {{3, kRouterOpt}});
  plan(&l, *p);
  EXPECT_TRUE(p->plan.ops.empty());
  plan(nullptr, *p);
  const std::vector<HostOp> want{op(HostOpKind::DeleteRoute, def), op(HostOpKind::DeleteRoute, conn),
                                 op(HostOpKind::DeleteAddress, a)};
  EXPECT_EQ(std::vector<HostOp>(p->plan.ops.begin(), p->plan.ops.end()), want);
}

TEST(HostPlan, OnlyTheLifetimesDifferReplaceTheAddressUnlessReadingBack) {
  auto p = std::make_unique<Planned>();
  p->host.addresses = {dhcp_address(pfx(192, 0, 2, 50, 24), Ipv4Addr(192, 0, 2, 255), 1200)};
  p->host.routes = {lease_route(pfx(192, 0, 2, 0, 24), std::nullopt)};
  const Lease l = lease(pfx(192, 0, 2, 50, 24));
  plan(&l, *p);
  ASSERT_EQ(p->plan.ops.size(), 1u);
  EXPECT_EQ(p->plan.ops[0], op(HostOpKind::ReplaceAddress, dhcp_address(pfx(192, 0, 2, 50, 24),
                                                                             Ipv4Addr(192, 0, 2, 255))));
  plan(&l, *p, nullptr, /*refresh=*/false);
  EXPECT_TRUE(p->plan.ops.empty());
}

TEST(HostPlan, OwnAddressOfAnotherShapeIsDeletedAndAddedAndItsRoutesRecreated) {
  // Broadcast and flags are never changed by the kernel's replace: an owned
  // address with option 28's old broadcast and no noprefixroute is deleted
  // and added; the kernel drops the routes it was the source of, so they are
  // created again (create-or-replace).
  auto p = std::make_unique<Planned>();
  HostAddress old = dhcp_address(pfx(192, 0, 2, 50, 24), Ipv4Addr(192, 0, 2, 127));
  old.flags = 0;
  const HostRoute def = lease_route(pfx(0, 0, 0, 0, 0), kGw);
  p->host.addresses = {old};
  p->host.routes = {def};
  const Lease l = lease(pfx(192, 0, 2, 50, 24), {{3, kRouterOpt}});
  plan(&l, *p);
  const std::vector<HostOp> want{
      op(HostOpKind::DeleteAddress, old),
      op(HostOpKind::AddAddress, dhcp_address(pfx(192, 0, 2, 50, 24), Ipv4Addr(192, 0, 2, 255))),
      op(HostOpKind::ReplaceRoute, lease_route(pfx(192, 0, 2, 0, 24), std::nullopt)),
      op(HostOpKind::ReplaceRoute, def),
  };
  EXPECT_EQ(std::vector<HostOp>(p->plan.ops.begin(), p->plan.ops.end()), want);
}

TEST(HostPlan, Option28IsUsedOnlyWhenItIsTheSubnetBroadcast) {
  auto p = std::make_unique<Planned>();
  const Lease off = lease(pfx(192, 0, 2, 50, 24), {{28, {1, 1, 1, 1}}});
  plan(&off, *p);
  ASSERT_FALSE(p->plan.ops.empty());
  EXPECT_EQ(p->plan.ops[0].address.broadcast, Ipv4Addr(192, 0, 2, 255));
  ASSERT_EQ(p->plan.refused.size(), 1u);
  EXPECT_EQ(p->plan.refused[0].reason, HostRefusal::BroadcastIgnored);
  EXPECT_EQ(p->plan.refused[0].prefix, pfx(1, 1, 1, 1, 32));

  const Lease same = lease(pfx(192, 0, 2, 50, 24), {{28, {192, 0, 2, 255}}});
  plan(&same, *p);
  EXPECT_TRUE(p->plan.refused.empty());

  // /31 and /32 have no broadcast: any option 28 is ignored.
  const Lease p2p = lease(pfx(198, 51, 100, 4, 31), {{28, {198, 51, 100, 5}}});
  plan(&p2p, *p);
  EXPECT_EQ(p->plan.ops[0].address.broadcast, std::nullopt);
  ASSERT_EQ(p->plan.refused.size(), 1u);
  EXPECT_EQ(p->plan.refused[0].reason, HostRefusal::BroadcastIgnored);
}

TEST(HostPlan, HardenedPolicyRefusesASlash1MaskAndTheRoutesItWouldReach) {
  auto p = std::make_unique<Planned>();
  const Lease l = lease(pfx(172, 16, 0, 5, 1), {{3, {172, 16, 0, 1}}});
  const RoutePolicy hardened = RoutePolicy::hardened();
  plan(&l, *p, &hardened);
  // 172.16.0.5 with mask 128.0.0.0: the connected prefix is 128.0.0.0/1.
  ASSERT_EQ(p->plan.refused.size(), 2u);
  EXPECT_EQ(p->plan.refused[0].reason, HostRefusal::ConnectedPrefix);
  EXPECT_EQ(p->plan.refused[0].route_reason, RouteDropReason::ShortPrefix);
  EXPECT_EQ(p->plan.refused[0].prefix, pfx(128, 0, 0, 0, 1));
  // The default route's router is reachable only through the refused /1.
  EXPECT_EQ(p->plan.refused[1].reason, HostRefusal::RouteDropped);
  EXPECT_EQ(p->plan.refused[1].route_reason, RouteDropReason::RouterUnreachable);
  ASSERT_EQ(p->plan.ops.size(), 1u);
  EXPECT_EQ(p->plan.ops[0], op(HostOpKind::AddAddress, dhcp_address(pfx(172, 16, 0, 5, 32), std::nullopt)));
  EXPECT_EQ(p->plan.address, pfx(172, 16, 0, 5, 32));
  // Without a policy (the reference's rules) the /1 is connected.
  plan(&l, *p);
  EXPECT_EQ(p->plan.address, pfx(172, 16, 0, 5, 1));
}

TEST(HostPlan, ProtectingEverythingKeepsTheSubnetAndTheDefaultRouteOnly) {
  // Full tunnel: protected 0.0.0.0/0 refuses every DHCP route but the
  // default (routes.hpp); the lease's address and subnet stay, or the default
  // route would have no gateway.
  auto p = std::make_unique<Planned>();
  RoutePolicy policy = RoutePolicy::hardened();
  ASSERT_TRUE(policy.protected_prefixes.push_back(pfx(0, 0, 0, 0, 0)));
  // Option 121: 198.51.100.0/24 via 192.0.2.1, then the default via 192.0.2.1.
  const Lease l = lease(pfx(192, 0, 2, 50, 24), {{121, {24, 198, 51, 100, 192, 0, 2, 1, 0, 192, 0, 2, 1}}});
  plan(&l, *p, &policy);
  const std::vector<HostOp> want{
      op(HostOpKind::AddAddress, dhcp_address(pfx(192, 0, 2, 50, 24), Ipv4Addr(192, 0, 2, 255))),
      op(HostOpKind::AddRoute, lease_route(pfx(192, 0, 2, 0, 24), std::nullopt)),
      op(HostOpKind::AddRoute, lease_route(pfx(0, 0, 0, 0, 0), kGw)),
  };
  EXPECT_EQ(std::vector<HostOp>(p->plan.ops.begin(), p->plan.ops.end()), want);
  ASSERT_EQ(p->plan.refused.size(), 1u);
  EXPECT_EQ(p->plan.refused[0].reason, HostRefusal::RouteDropped);
  EXPECT_EQ(p->plan.refused[0].route_reason, RouteDropReason::ProtectedPrefix);
  EXPECT_EQ(p->plan.refused[0].prefix, pfx(198, 51, 100, 0, 24));
}

TEST(HostPlan, AnotherOwnersRouteWithTheSameKeyIsRefusedAndNotTouched) {
  auto p = std::make_unique<Planned>();
  HostRoute theirs;  // 198.51.100.0/24 dev (ifindex 3) proto kernel scope link, metric 0
  theirs.dst = pfx(198, 51, 100, 0, 24);
  theirs.oif = 3;
  theirs.protocol = 2;
  theirs.scope = 253;
  theirs.prefsrc = Ipv4Addr(198, 51, 100, 7);
  p->host.routes = {theirs};
  // Option 121: 198.51.100.0/24 on-link, then the default via 198.51.100.1.
  const Lease l = lease(pfx(192, 0, 2, 50, 24), {{121, {24, 198, 51, 100, 0, 0, 0, 0, 0, 198, 51, 100, 1}}});
  plan(&l, *p);
  ASSERT_EQ(p->plan.refused.size(), 2u);
  EXPECT_EQ(p->plan.refused[0].reason, HostRefusal::RouteConflict);
  EXPECT_EQ(p->plan.refused[0].conflict_route, theirs);
  EXPECT_EQ(p->plan.refused[1].reason, HostRefusal::GatewayUnreachable);
  EXPECT_EQ(p->plan.refused[1].prefix, pfx(0, 0, 0, 0, 0));
  for (const HostOp& o : p->plan.ops) {
    EXPECT_TRUE(o.is_address() || o.route.dst == pfx(192, 0, 2, 0, 24)) << to_string(o.kind);
  }
}

TEST(HostPlan, AddressInUseOnTheInterfaceRefusesTheLeaseAndKeepsIt) {
  auto p = std::make_unique<Planned>();
  HostAddress hand;
  hand.ifindex = kIf;
  hand.local = pfx(192, 0, 2, 50, 24);
  hand.peer = kIp;
  hand.flags = 0x80;  // permanent
  p->host.addresses = {hand};
  const Lease l = lease(pfx(192, 0, 2, 50, 24), {{3, kRouterOpt}});
  plan(&l, *p);
  EXPECT_TRUE(p->plan.ops.empty());
  ASSERT_EQ(p->plan.refused.size(), 2u);
  EXPECT_EQ(p->plan.refused[0].reason, HostRefusal::AddressInUse);
  EXPECT_EQ(p->plan.refused[0].conflict_address, hand);
  EXPECT_EQ(p->plan.refused[1].reason, HostRefusal::NoAddress);
  EXPECT_FALSE(p->plan.address.has_value());
  plan(nullptr, *p);
  EXPECT_TRUE(p->plan.ops.empty());
}

TEST(HostPlan, OwnershipNeedsProtocolInterfaceAndNotPermanent) {
  const HostAddress mine = dhcp_address(pfx(192, 0, 2, 50, 24), std::nullopt);
  EXPECT_TRUE(owned_address(mine, kIf));
  EXPECT_FALSE(owned_address(mine, kIf + 1));
  HostAddress perm = mine;
  perm.flags |= 0x80;
  EXPECT_FALSE(owned_address(perm, kIf));
  HostAddress unmarked = mine;
  unmarked.proto = 0;
  EXPECT_FALSE(owned_address(unmarked, kIf));
  const HostRoute r = lease_route(pfx(0, 0, 0, 0, 0), kGw);
  EXPECT_TRUE(owned_route(r, kIf));
  EXPECT_FALSE(owned_route(r, kIf + 1));
  HostRoute other_table = r;
  other_table.table = 100;
  EXPECT_FALSE(owned_route(other_table, kIf));
  HostRoute boot = r;
  boot.protocol = 3;
  EXPECT_FALSE(owned_route(boot, kIf));
}

}  // namespace
}  // namespace dhcpcore
