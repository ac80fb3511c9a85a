// Tests of LeaseApplier (the executor of plan_host) against the kernel, in a
// network namespace of their own (netns.hpp). Every case of the reference's
// callback_test.go is ported with the same inputs, its addresses moved to
// TEST-NET ranges:
//   testNet1 10.0.1.2/24 (router .1)  -> 192.0.2.2/24    (router 192.0.2.1)
//   testNet2 10.0.2.2/24 (router .1)  -> 198.51.100.2/24 (router 198.51.100.1)
//   testRoute 10.0.3.0/24             -> 203.0.113.0/24
//   foreign gateway 192.168.42.1      -> 203.0.113.42
// and a veth pair instead of a dummy link. Results are read back with `ip`.
// Where the host plan's rules differ from the reference
// (docs/HOST.md#host-level-hardening-what-a-lease-does-to-the-host), the expectation is the plan's and a comment says what the
// reference did; the attack cases of the host-level hardening issue (option
// 28, the mask, a hand-configured address, another interface's route) each
// have a test that the reference's rules (and dhcpcore before the plan) fail.
#include <linux/rtnetlink.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <fstream>
#include <string>
#include <vector>

#include "dhcpcore/linux/lease_applier.hpp"
#include "dhcpcore/linux/netlink.hpp"
#include "netns.hpp"
#include "test_leases.hpp"

namespace dhcpcore::test {
using namespace dhcpcore::runtime;
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

// What `ip -o addr` shows for dhcpcore's address: dynamic (finite
// lifetimes) and noprefixroute (the connected route is dhcpcore's own).
// iproute2 6.1 does not print IFA_PROTO; that the marker survives the kernel
// is shown by every test whose removal runs with a fresh LeaseApplier (run()
// opens one per call, as a restarted client) and finds the address its own.
std::string ours(const std::string& cidr_brd, const std::string& lifetimes = "valid_lft 1sec preferred_lft 1sec") {
  return "inet " + cidr_brd + " scope global dynamic noprefixroute dcveth0 " + lifetimes;
}

// The connected route dhcpcore installs for a lease on kIface.
std::string connected(const std::string& net, const std::string& src) {
  return "unicast " + net + " dev dcveth0 proto dhcp scope link src " + src;
}

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

bool has_refusal(const HostPlan& plan, HostRefusal why, Ipv4Prefix what) {
  return std::any_of(plan.refused.begin(), plan.refused.end(), [&](const HostRefused& r) {
    return r.reason == why && r.prefix == what;
  });
}

class Applier : public NetnsTest {
 protected:
  LeaseApplier open_applier(std::optional<RoutePolicy> policy = std::nullopt, std::uint32_t metric = 0) {
    auto a = LeaseApplier::open(ifindex_, std::move(policy), metric);
    EXPECT_TRUE(a.ok()) << to_string(a.error());
    return std::move(a).value();
  }
  // run: one apply with a fresh applier (a restarted client), which must
  // succeed; returns its plan.
  HostPlan run(const Lease* lease, std::optional<RoutePolicy> policy = std::nullopt, milliseconds now = kNow) {
    LeaseApplier a = open_applier(std::move(policy));
    Status st = a.apply(lease, now);
    EXPECT_TRUE(st.ok()) << to_string(st.error());
    return a.plan();
  }
};

// ---- Addresses: callback_test.go TestAssignedIPCallback -------------------------

// The reference's initial addresses carry lifetimes "otherwise the kernel
// sets IFA_F_PERMANENT behind our back"; `brd +` is the broadcast address
// the Go netlink library adds by itself.

TEST_F(Applier, LeavesDynamicAddressesItDidNotCreate) {
  // Reference RemoveOldIPs: it deletes every non-permanent address. Those
  // two were not added by dhcpcore (no IFA_PROTO 16): they stay.
  ip({"addr", "add", "192.0.2.2/24", "brd", "+", "dev", kIface, "valid_lft", "60", "preferred_lft", "0"});
  ip({"addr", "add", "198.51.100.2/24", "brd", "+", "dev", kIface, "valid_lft", "60", "preferred_lft", "0"});
  auto without_lifetimes = [](std::vector<std::string> v) {
    for (auto& a : v) a = a.substr(0, a.find(" valid_lft"));
    return v;
  };
  const auto before = without_lifetimes(addrs());
  ASSERT_EQ(before, sorted({"inet 192.0.2.2/24 brd 192.0.2.255 scope global deprecated dynamic dcveth0",
                            "inet 198.51.100.2/24 brd 198.51.100.255 scope global deprecated dynamic dcveth0"}));
  const HostPlan plan = run(nullptr);
  EXPECT_TRUE(plan.ops.empty());
  EXPECT_EQ(without_lifetimes(addrs()), before);
}

TEST_F(Applier, RemovesItsOwnAddressOnRelease) {
  // Reference RemoveOldIPs / RemovesIPOnRelease, for dhcpcore's address.
  Lease lease = trivial_lease(kNet1, kExpires);
  run(&lease);
  ASSERT_EQ(addrs(), std::vector<std::string>{ours("192.0.2.2/24 brd 192.0.2.255")});
  run(nullptr);
  EXPECT_EQ(addrs(), std::vector<std::string>{});
  EXPECT_EQ(main_routes(), std::vector<std::string>{});
}

TEST_F(Applier, IgnoresPermanentIPs) {
  // Reference IgnoresPermanentIPs: the permanent address stays. The second
  // one (dynamic, not dhcpcore's) is the lease's own address: the reference
  // took it over (new lifetimes, then deleted it on stop); the plan refuses
  // the address as in use and leaves it exactly as it was.
  ip({"addr", "add", "192.0.2.2/24", "brd", "+", "dev", kIface});
  ip({"addr", "add", "198.51.100.2/24", "brd", "+", "dev", kIface, "valid_lft", "60", "preferred_lft", "0"});
  Lease lease = trivial_lease(kNet2, kExpires);
  const HostPlan plan = run(&lease);
  EXPECT_TRUE(has_refusal(plan, HostRefusal::AddressInUse, kNet2));
  const auto after = addrs();
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[0], "inet 192.0.2.2/24 brd 192.0.2.255 scope global dcveth0 valid_lft forever preferred_lft forever");
  EXPECT_EQ(after[1].rfind("inet 198.51.100.2/24 brd 198.51.100.255 scope global deprecated dynamic dcveth0 valid_lft ", 0), 0u)
      << after[1];
}

TEST_F(Applier, AssignsNewIP) {
  Lease lease = trivial_lease(kNet2, kExpires);
  run(&lease);
  EXPECT_EQ(addrs(), std::vector<std::string>{ours("198.51.100.2/24 brd 198.51.100.255")});
  // The connected route is dhcpcore's (the address has noprefixroute).
  EXPECT_EQ(main_routes(), std::vector<std::string>{connected("198.51.100.0/24", "198.51.100.2")});
}

TEST_F(Applier, UpdatesIP) {
  Lease lease = trivial_lease(kNet1, kExpires);
  run(&lease);
  EXPECT_EQ(addrs(), std::vector<std::string>{ours("192.0.2.2/24 brd 192.0.2.255")});
}

// ---- Addresses beyond the reference's cases ----------------------------------

TEST_F(Applier, NextLeaseReplacesItsOwnOtherAddress) {
  Lease first = trivial_lease(kNet1, kExpires);
  run(&first);
  Lease second = trivial_lease(kNet2, kExpires);
  run(&second);
  EXPECT_EQ(addrs(), std::vector<std::string>{ours("198.51.100.2/24 brd 198.51.100.255")});
  EXPECT_EQ(main_routes(), std::vector<std::string>{connected("198.51.100.0/24", "198.51.100.2")});
}

TEST_F(Applier, RenewalUpdatesLifetimesOfTheSameAddress) {
  Lease first = trivial_lease(kNet1, kExpires);
  run(&first);
  Lease renewed = trivial_lease(kNet1, kNow + milliseconds(90'500));
  const HostPlan plan = run(&renewed);
  ASSERT_EQ(plan.ops.size(), 1u);
  EXPECT_EQ(plan.ops[0].kind, HostOpKind::ReplaceAddress);
  // 90.5 s left: rounded up.
  EXPECT_EQ(addrs(), std::vector<std::string>{ours("192.0.2.2/24 brd 192.0.2.255", "valid_lft 91sec preferred_lft 91sec")});
}

TEST_F(Applier, Option28IsIgnoredUnlessItIsTheSubnetBroadcast) {
  // Attack 1: option 28 = an address off the subnet. As IFA_BROADCAST the
  // kernel would add "broadcast 203.0.113.9" to the local table, which wins
  // over every main-table route to it. The reference (and dhcpcore before
  // the plan) installed it.
  Lease lease = trivial_lease(kNet1, kExpires, {{kOptBroadcast, {203, 0, 113, 9}}});
  const HostPlan plan = run(&lease);
  EXPECT_TRUE(has_refusal(plan, HostRefusal::BroadcastIgnored, p("203.0.113.9/32")));
  EXPECT_EQ(addrs(), std::vector<std::string>{ours("192.0.2.2/24 brd 192.0.2.255")});
  for (const auto& r : every_route()) EXPECT_EQ(r.find("203.0.113.9"), std::string::npos) << r;
  // Inside the subnet but not its broadcast: ignored as well.
  Lease inside = trivial_lease(kNet1, kExpires, {{kOptBroadcast, {192, 0, 2, 127}}});
  run(&inside);
  EXPECT_EQ(addrs(), std::vector<std::string>{ours("192.0.2.2/24 brd 192.0.2.255")});
  // Equal to it: used, nothing reported.
  Lease same = trivial_lease(kNet1, kExpires, {{kOptBroadcast, {192, 0, 2, 255}}});
  EXPECT_FALSE(has_refusal(run(&same), HostRefusal::BroadcastIgnored, p("192.0.2.255/32")));
}

TEST_F(Applier, MaskRefusedByThePolicyInstallsASlash32) {
  // Attack 2: mask 128.0.0.0 makes the kernel's connected route
  // 128.0.0.0/1 dev ... (TunnelVision through the mask). The hardened
  // policy refuses /1../7: the address is installed as /32, no connected
  // route, and the router on the refused subnet is unreachable.
  Lease lease = trivial_lease(p("198.51.100.5/1"), kExpires, {{kOptRouter, {198, 51, 100, 1}}});
  const HostPlan plan = run(&lease, RoutePolicy::hardened());
  EXPECT_TRUE(has_refusal(plan, HostRefusal::ConnectedPrefix, p("128.0.0.0/1")));
  EXPECT_EQ(addrs(), std::vector<std::string>{ours("198.51.100.5/32")});
  EXPECT_EQ(main_routes(), std::vector<std::string>{});
  for (const auto& r : every_route()) EXPECT_EQ(r.find("128.0.0.0/1"), std::string::npos) << r;
  // The reference's rules keep it (as the reference did).
  run(&lease);
  EXPECT_EQ(addrs(), std::vector<std::string>{ours("198.51.100.5/1 brd 255.255.255.255")});
  EXPECT_EQ(main_routes(), sorted({connected("128.0.0.0/1", "198.51.100.5"),
                                   "unicast default via 198.51.100.1 dev dcveth0 proto dhcp scope global src 198.51.100.5"}));
}

TEST_F(Applier, MaskCoveringAProtectedPrefixInstallsASlash32) {
  RoutePolicy policy = RoutePolicy::hardened();
  ASSERT_TRUE(policy.protected_prefixes.push_back(p("198.51.100.128/25")));
  Lease lease = trivial_lease(p("198.51.100.5/24"), kExpires);
  const HostPlan plan = run(&lease, policy);
  EXPECT_TRUE(has_refusal(plan, HostRefusal::ConnectedPrefix, p("198.51.100.0/24")));
  EXPECT_EQ(addrs(), std::vector<std::string>{ours("198.51.100.5/32")});
  EXPECT_EQ(main_routes(), std::vector<std::string>{});
}

TEST_F(Applier, AddressInsideAProtectedPrefixIsRefused) {
  // Its local route would take the protected prefix's traffic to this host.
  RoutePolicy policy = RoutePolicy::hardened();
  ASSERT_TRUE(policy.protected_prefixes.push_back(p("192.0.2.0/28")));
  Lease lease = lease_with_router(kNet1, kNet1Router);
  const HostPlan plan = run(&lease, policy);
  EXPECT_TRUE(has_refusal(plan, HostRefusal::AddressProtected, kNet1));
  EXPECT_TRUE(has_refusal(plan, HostRefusal::NoAddress, p("0.0.0.0/0")));
  EXPECT_EQ(addrs(), std::vector<std::string>{});
  EXPECT_EQ(main_routes(), std::vector<std::string>{});
}

TEST_F(Applier, HandConfiguredAddressIsNeitherTakenOverNorDeleted) {
  // Attack 3: the server offers the address configured by hand. The
  // reference (and dhcpcore before the plan) replaced it (it got the lease's
  // lifetimes, so it was no longer permanent) and deleted it on stop.
  ip({"addr", "add", "192.0.2.5/24", "dev", kIface});
  Lease lease = lease_with_router(p("192.0.2.5/24"), kNet1Router);
  const HostPlan plan = run(&lease, RoutePolicy::hardened());
  EXPECT_TRUE(has_refusal(plan, HostRefusal::AddressInUse, p("192.0.2.5/24")));
  const std::vector<std::string> hand{
      "inet 192.0.2.5/24 scope global dcveth0 valid_lft forever preferred_lft forever"};
  EXPECT_EQ(addrs(), hand);
  EXPECT_EQ(main_routes(), std::vector<std::string>{});
  run(nullptr);
  EXPECT_EQ(addrs(), hand);
}

TEST_F(Applier, RemovingItsPrimaryAddressKeepsAnotherAddressOfItsSubnet) {
  // An address configured by hand after dhcpcore's, in the same subnet, is
  // a secondary of dhcpcore's primary; with promote_secondaries 0 (the
  // kernel's default, and this namespace's) the kernel deletes it together
  // with the primary. The executor sets promote_secondaries for that delete
  // and puts the old value back.
  const std::string sysctl = std::string("/proc/sys/net/ipv4/conf/") + kIface + "/promote_secondaries";
  auto read_sysctl = [&] {
    std::ifstream f(sysctl);
    std::string v;
    f >> v;
    return v;
  };
  ASSERT_EQ(read_sysctl(), "0");
  Lease lease = trivial_lease(kNet1, kExpires);
  run(&lease);
  ip({"addr", "add", "192.0.2.77/24", "dev", kIface});
  ASSERT_EQ(addrs(), sorted({ours("192.0.2.2/24 brd 192.0.2.255"),
                             "inet 192.0.2.77/24 scope global secondary dcveth0 valid_lft forever preferred_lft forever"}));
  run(nullptr);
  EXPECT_EQ(addrs(), std::vector<std::string>{
                         "inet 192.0.2.77/24 scope global dcveth0 valid_lft forever preferred_lft forever"});
  EXPECT_EQ(read_sysctl(), "0");
}

TEST_F(Applier, AddressOfAnotherInterfaceIsRefused) {
  ip({"addr", "add", "203.0.113.7/24", "dev", kPeer});
  Lease lease = trivial_lease(p("203.0.113.7/24"), kExpires);
  const HostPlan plan = run(&lease);
  EXPECT_TRUE(has_refusal(plan, HostRefusal::AddressOnOtherInterface, p("203.0.113.7/24")));
  EXPECT_EQ(addrs(), std::vector<std::string>{});
}

TEST_F(Applier, NoBroadcastForSlash32) {
  Lease lease = trivial_lease(p("192.0.2.2/32"), kExpires);
  run(&lease);
  EXPECT_EQ(addrs(), std::vector<std::string>{ours("192.0.2.2/32")});
  EXPECT_EQ(main_routes(), std::vector<std::string>{});
}

TEST_F(Applier, LeavesAnAddressWithAPeerItDidNotCreate) {
  // Equal IP and prefix but a peer: another address to the kernel, and not
  // dhcpcore's: refused as in use, left alone (the reference replaced it).
  ip({"addr", "add", "192.0.2.2", "peer", "192.0.2.9/24", "dev", kIface, "valid_lft", "60", "preferred_lft", "60"});
  const auto before = addrs();
  ASSERT_EQ(before.size(), 1u);
  Lease lease = trivial_lease(kNet1, kExpires);
  const HostPlan plan = run(&lease);
  EXPECT_TRUE(has_refusal(plan, HostRefusal::AddressInUse, kNet1));
  ASSERT_EQ(addrs().size(), 1u);
  EXPECT_NE(addrs()[0].find("peer 192.0.2.9/24"), std::string::npos) << addrs()[0];
}

TEST_F(Applier, ExpiredLeaseStillGetsAFiniteLifetime) {
  // The kernel refuses a valid lifetime of 0; an address must never become
  // permanent, so the lifetime is at least 1 s.
  Lease lease = trivial_lease(kNet1, kNow - milliseconds(5000));
  run(&lease);
  EXPECT_EQ(addrs(), std::vector<std::string>{ours("192.0.2.2/24 brd 192.0.2.255")});
}

TEST_F(Applier, InfiniteLeaseIsNotPermanent) {
  // lease time 0xffffffff s: still "dynamic", so removal takes it away.
  Lease lease = trivial_lease(kNet1, kNow + milliseconds(0xffffffffLL * 1000));
  run(&lease);
  EXPECT_EQ(addrs(), std::vector<std::string>{ours("192.0.2.2/24 brd 192.0.2.255",
                                                   "valid_lft 4294967294sec preferred_lft 4294967294sec")});
  run(nullptr);
  EXPECT_EQ(addrs(), std::vector<std::string>{});
}

TEST_F(Applier, LeavesOtherInterfacesAlone) {
  ip({"addr", "add", "203.0.113.7/24", "brd", "+", "dev", kPeer, "valid_lft", "600", "preferred_lft", "600"});
  const auto before = every_route();
  Lease lease = trivial_lease(kNet1, kExpires);
  run(&lease);
  run(nullptr);
  const auto peer = addrs(kPeer);
  ASSERT_EQ(peer.size(), 1u);
  EXPECT_EQ(peer[0].rfind("inet 203.0.113.7/24 brd 203.0.113.255 scope global dynamic dcveth1 valid_lft ", 0), 0u)
      << peer[0];
  EXPECT_EQ(every_route(), before);
}

TEST_F(Applier, DeletingAnAddressThatIsGoneSucceeds) {
  Rtnetlink nl = open_netlink();
  HostAddress gone;
  gone.ifindex = ifindex_;
  gone.local = kNet1;
  gone.peer = kNet1.addr;
  Status st = nl.delete_addr(gone);
  EXPECT_TRUE(st.ok()) << to_string(st.error());
}

TEST_F(Applier, ReportsTheKernelsError) {
  // An interface that does not exist: the error names the request and the
  // errno is the kernel's.
  LeaseApplier a = [] {
    auto nl = Rtnetlink::open();
    return LeaseApplier(std::move(nl).value(), 9999, std::nullopt);
  }();
  Lease lease = trivial_lease(kNet1, kExpires);
  Status st = a.apply(&lease, kNow);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, ENODEV) << to_string(st.error());
  EXPECT_NE(st.error().message.find("add address 192.0.2.2/24 on ifindex 9999"), std::string::npos)
      << st.error().message;
}

// ---- Routes: callback_test.go TestDefaultRouteCallback ---------------------------

// The interface holds testNet1 and testNet2 (permanent) so that both
// routers are valid gateways; the leases are for other addresses of those
// networks, so the plan's address does not collide with them.
class Routes : public Applier {
 protected:
  void SetUp() override {
    Applier::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ip({"addr", "add", "192.0.2.2/24", "dev", kIface});
    ip({"addr", "add", "198.51.100.2/24", "dev", kIface});
    ASSERT_FALSE(HasFailure());
  }
  // The lease's own routes: main_routes() without the connected routes
  // (the kernel's for the permanent addresses are filtered by main_routes).
  static std::vector<std::string> lease_routes() {
    std::vector<std::string> out;
    for (const auto& r : main_routes()) {
      if (r.find(" scope link src ") == std::string::npos || r.find("/24 dev") == std::string::npos) out.push_back(r);
    }
    return out;
  }
};

const Ipv4Prefix kLease1 = p("192.0.2.10/24");
const Ipv4Prefix kLease2 = p("198.51.100.10/24");

TEST_F(Routes, AddsDefaultRoute) {
  Lease lease = lease_with_router(kLease1, kNet1Router);
  const HostPlan plan = run(&lease);
  EXPECT_EQ(lease_routes(), std::vector<std::string>{
                                "unicast default via 192.0.2.1 dev dcveth0 proto dhcp scope global src 192.0.2.10"});
  // The connected route of 192.0.2.0/24 is the kernel's already (the
  // permanent address): refused as a conflict, the subnet still connected.
  EXPECT_TRUE(has_refusal(plan, HostRefusal::RouteConflict, p("192.0.2.0/24")));
}

TEST_F(Routes, IgnoresLeasesWithoutRouter) {
  Lease lease = trivial_lease(kLease1, kExpires);
  run(&lease);
  EXPECT_EQ(lease_routes(), std::vector<std::string>{});
}

TEST_F(Routes, RemovesUnrelatedOldRoutes) {
  ip({"route", "add", kTestRoute.to_string(), "via", "198.51.100.1", "dev", kIface, "proto", "dhcp", "scope",
      "global"});
  ASSERT_EQ(main_routes().size(), 1u);
  run(nullptr);
  EXPECT_EQ(main_routes(), std::vector<std::string>{});
}

TEST_F(Routes, IgnoresNonDHCPRoutes) {
  ip({"route", "add", kTestRoute.to_string(), "via", "198.51.100.1", "dev", kIface, "proto", "bird"});
  run(nullptr);
  EXPECT_EQ(main_routes(), std::vector<std::string>{
                               "unicast 203.0.113.0/24 via 198.51.100.1 dev dcveth0 proto bird scope global"});
}

TEST_F(Routes, RemovesRoute) {
  ip({"route", "add", "default", "via", "198.51.100.1", "dev", kIface, "proto", "dhcp"});
  ASSERT_EQ(main_routes().size(), 1u);
  run(nullptr);
  EXPECT_EQ(main_routes(), std::vector<std::string>{});
}

TEST_F(Routes, UpdatesRoute) {
  ip({"route", "add", "default", "via", "192.0.2.1", "dev", kIface, "proto", "dhcp", "src", "192.0.2.2"});
  Lease lease = lease_with_router(kLease2, kNet2Router);
  const HostPlan plan = run(&lease);
  EXPECT_EQ(lease_routes(),
            std::vector<std::string>{
                "unicast default via 198.51.100.1 dev dcveth0 proto dhcp scope global src 198.51.100.10"});
  const bool replaced = std::any_of(plan.ops.begin(), plan.ops.end(), [](const HostOp& o) {
    return o.kind == HostOpKind::ReplaceRoute && o.route.dst == p("0.0.0.0/0");
  });
  EXPECT_TRUE(replaced);
}

TEST_F(Routes, AddsClasslessStaticRoutes) {
  const Ipv4Addr foreign(203, 0, 113, 42);
  Lease lease = trivial_lease(kLease1, kExpires,
                              {// The router (option 3) is ignored when 121 is present.
                               {kOptRouter, bytes(kNet1Router)},
                               {kOptClassless, classless({
                                                   // P2P/foreign gateway route
                                                   {p("203.0.113.42/32"), Ipv4Addr()},
                                                   // Standard route over the foreign gateway
                                                   {p("0.0.0.0/0"), foreign},
                                               })}});
  run(&lease);
  EXPECT_EQ(lease_routes(),
            sorted({"unicast default via 203.0.113.42 dev dcveth0 proto dhcp scope global src 192.0.2.10",
                    "unicast 203.0.113.42 dev dcveth0 proto dhcp scope link src 192.0.2.10"}));
}

// ---- Routes beyond the reference's cases ----------------------------------

TEST_F(Routes, OwnsOnlyMainTableRoutesOfItsInterface) {
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

TEST_F(Routes, DropsRoutesNoLongerInTheLease) {
  Lease first = trivial_lease(kLease1, kExpires,
                              {{kOptClassless, classless({{kTestRoute, kNet1Router}, {p("0.0.0.0/0"), kNet1Router}})}});
  run(&first);
  ASSERT_EQ(lease_routes().size(), 2u);
  Lease second = lease_with_router(kLease1, kNet1Router);
  run(&second);
  EXPECT_EQ(lease_routes(), std::vector<std::string>{
                                "unicast default via 192.0.2.1 dev dcveth0 proto dhcp scope global src 192.0.2.10"});
}

TEST_F(Routes, AppliesThePolicy) {
  // TunnelVision's pair of /1 routes: kept by the reference's rules, refused
  // by the hardened policy.
  Lease lease = trivial_lease(kLease1, kExpires,
                              {{kOptClassless, classless({{p("0.0.0.0/1"), kNet1Router},
                                                          {p("128.0.0.0/1"), kNet1Router},
                                                          {p("0.0.0.0/0"), kNet1Router}})}});
  const HostPlan plan = run(&lease, RoutePolicy::hardened());
  EXPECT_TRUE(has_refusal(plan, HostRefusal::RouteDropped, p("0.0.0.0/1")));
  EXPECT_EQ(lease_routes(), std::vector<std::string>{
                                "unicast default via 192.0.2.1 dev dcveth0 proto dhcp scope global src 192.0.2.10"});
  run(&lease);
  EXPECT_EQ(lease_routes(),
            sorted({"unicast 0.0.0.0/1 via 192.0.2.1 dev dcveth0 proto dhcp scope global src 192.0.2.10",
                    "unicast 128.0.0.0/1 via 192.0.2.1 dev dcveth0 proto dhcp scope global src 192.0.2.10",
                    "unicast default via 192.0.2.1 dev dcveth0 proto dhcp scope global src 192.0.2.10"}));
}

TEST_F(Routes, AnotherInterfacesRouteIsNeitherReplacedNorDeleted) {
  // Attack 4: a lease route with the destination and metric of another
  // interface's connected route. The reference (and dhcpcore before the
  // plan) replaced it (NLM_F_REPLACE matches on table, destination, TOS and
  // metric, whoever owns the route) and deleted it on stop, leaving the
  // other interface's subnet unroutable.
  ip({"addr", "add", "203.0.113.7/24", "dev", kPeer});
  const auto before = every_route();
  Lease lease = trivial_lease(kLease1, kExpires,
                              {{kOptClassless, classless({{p("203.0.113.0/24"), kNet1Router},
                                                          {p("0.0.0.0/0"), kNet1Router}})}});
  const HostPlan plan = run(&lease);
  EXPECT_TRUE(has_refusal(plan, HostRefusal::RouteConflict, p("203.0.113.0/24")));
  EXPECT_EQ(lease_routes(), std::vector<std::string>{
                                "unicast default via 192.0.2.1 dev dcveth0 proto dhcp scope global src 192.0.2.10"});
  const auto peer_route = std::string("203.0.113.0/24 dev dcveth1 proto kernel scope link src 203.0.113.7");
  auto has = [](const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
  };
  ASSERT_TRUE(has(before, peer_route)) << ::testing::PrintToString(before);
  EXPECT_TRUE(has(every_route(), peer_route));
  run(nullptr);
  EXPECT_TRUE(has(every_route(), peer_route));
}

TEST_F(Routes, AnotherInterfacesDefaultRouteStaysAndAMetricLetsBothCoexist) {
  ip({"addr", "add", "203.0.113.7/24", "dev", kPeer});
  ip({"route", "add", "default", "via", "203.0.113.1", "dev", kPeer});
  Lease lease = lease_with_router(kLease1, kNet1Router);
  const HostPlan plan = run(&lease);
  EXPECT_TRUE(has_refusal(plan, HostRefusal::RouteConflict, p("0.0.0.0/0")));
  EXPECT_EQ(lease_routes(), std::vector<std::string>{"unicast default via 203.0.113.1 dev dcveth1 proto boot scope global"});
  LeaseApplier with_metric = open_applier(std::nullopt, 100);
  Status st = with_metric.apply(&lease, kNow);
  ASSERT_TRUE(st.ok()) << to_string(st.error());
  EXPECT_EQ(lease_routes(),
            sorted({"unicast default via 203.0.113.1 dev dcveth1 proto boot scope global",
                    "unicast default via 192.0.2.1 dev dcveth0 proto dhcp scope global src 192.0.2.10 metric 100"}));
}

TEST_F(Routes, GatewayOnlyAConflictingRouteReachesIsRefused) {
  // 203.0.113.0/24 (on-link) would make the router 203.0.113.42 reachable,
  // but the peer's connected route has its key: both are refused.
  ip({"addr", "add", "203.0.113.7/24", "dev", kPeer});
  Lease lease = trivial_lease(kLease1, kExpires,
                              {{kOptClassless, classless({{p("203.0.113.0/24"), Ipv4Addr()},
                                                          {p("0.0.0.0/0"), Ipv4Addr(203, 0, 113, 42)}})}});
  const HostPlan plan = run(&lease);
  EXPECT_TRUE(has_refusal(plan, HostRefusal::RouteConflict, p("203.0.113.0/24")));
  EXPECT_TRUE(has_refusal(plan, HostRefusal::GatewayUnreachable, p("0.0.0.0/0")));
  EXPECT_EQ(lease_routes(), std::vector<std::string>{});
}

TEST_F(Routes, DeletingARouteThatIsGoneSucceeds) {
  Rtnetlink nl = open_netlink();
  HostRoute gone;
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

TEST_F(Applier, AcquireRenewMoveAndLose) {
  LeaseApplier applier = open_applier();
  Lease first = lease_with_router(kNet1, kNet1Router);
  Status st = applier.apply(&first, kNow);
  ASSERT_TRUE(st.ok()) << to_string(st.error());
  EXPECT_EQ(addrs(), std::vector<std::string>{ours("192.0.2.2/24 brd 192.0.2.255")});
  EXPECT_EQ(main_routes(),
            sorted({connected("192.0.2.0/24", "192.0.2.2"),
                    "unicast default via 192.0.2.1 dev dcveth0 proto dhcp scope global src 192.0.2.2"}));

  // The next lease is on another network: the old address and its routes go.
  Lease second = trivial_lease(kNet2, kNow + milliseconds(120'000), {{kOptRouter, bytes(kNet2Router)}});
  st = applier.apply(&second, kNow);
  ASSERT_TRUE(st.ok()) << to_string(st.error());
  EXPECT_EQ(addrs(), std::vector<std::string>{ours("198.51.100.2/24 brd 198.51.100.255",
                                                   "valid_lft 120sec preferred_lft 120sec")});
  EXPECT_EQ(main_routes(),
            sorted({connected("198.51.100.0/24", "198.51.100.2"),
                    "unicast default via 198.51.100.1 dev dcveth0 proto dhcp scope global src 198.51.100.2"}));

  st = applier.apply(nullptr, kNow);
  ASSERT_TRUE(st.ok()) << to_string(st.error());
  EXPECT_EQ(addrs(), std::vector<std::string>{});
  EXPECT_EQ(main_routes(), std::vector<std::string>{});
}

TEST_F(Applier, SameLeaseTwiceNeedsNothingTheSecondTime) {
  Lease lease = trivial_lease(kNet1, kExpires,
                              {{kOptClassless, classless({{kTestRoute, kNet1Router}, {p("0.0.0.0/0"), kNet1Router}})}});
  run(&lease);
  const HostPlan again = run(&lease);
  EXPECT_TRUE(again.ops.empty()) << again.ops.size() << " ops, first " << to_string(again.ops[0].kind);
}

TEST_F(Applier, RemoveAllKeepsWhatItDoesNotOwn) {
  ip({"addr", "add", "198.51.100.2/24", "brd", "+", "dev", kIface});
  ip({"route", "add", "198.18.0.0/15", "via", "198.51.100.1", "dev", kIface, "proto", "static"});
  const auto addrs_before = addrs();
  const auto routes_before = every_route();
  LeaseApplier applier = open_applier(RoutePolicy::hardened());
  Lease lease = trivial_lease(kNet1, kExpires,
                              {{kOptClassless, classless({{kTestRoute, kNet1Router}, {p("0.0.0.0/0"), kNet1Router}})}});
  Status st = applier.apply(&lease, kNow);
  ASSERT_TRUE(st.ok()) << to_string(st.error());
  ASSERT_EQ(addrs().size(), 2u);
  ASSERT_EQ(main_routes().size(), 4u);  // static, connected, 203.0.113.0/24, default

  st = applier.remove_all();
  ASSERT_TRUE(st.ok()) << to_string(st.error());
  EXPECT_EQ(addrs(), addrs_before);
  EXPECT_EQ(every_route(), routes_before);
}

TEST_F(Applier, RemoveAllOnACleanInterfaceSucceeds) {
  LeaseApplier applier = open_applier();
  Status st = applier.remove_all();
  EXPECT_TRUE(st.ok()) << to_string(st.error());
  EXPECT_EQ(addrs(), std::vector<std::string>{});
}

}  // namespace
}  // namespace dhcpcore::test
