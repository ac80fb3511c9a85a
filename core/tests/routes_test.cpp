// Tests of sanitize_routes, Lease::routes and RoutePolicy: the reference's
// TestSanitizeRoutes tables with the same inputs, defect 3, RFC 3442
// precedence, and every policy rule.
#include "dhcpcore/core/routes.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dhcpcore/core/lease.hpp"
#include "dhcpcore/test_support/builders.hpp"

namespace dhcpcore {
namespace {

using gen::be32;
using gen::ip;
using Opt = gen::GenOption;

// p parses "a.b.c.d/len" (test input only).
Ipv4Prefix p(const std::string& cidr) {
  unsigned a = 0, b = 0, c = 0, d = 0, len = 32;
  if (std::sscanf(cidr.c_str(), "%u.%u.%u.%u/%u", &a, &b, &c, &d, &len) < 4) ADD_FAILURE() << cidr;
  return {Ipv4Addr(static_cast<std::uint8_t>(a), static_cast<std::uint8_t>(b), static_cast<std::uint8_t>(c),
                   static_cast<std::uint8_t>(d)),
          static_cast<std::uint8_t>(len)};
}
Ipv4Addr a(const std::string& s) { return s.empty() ? Ipv4Addr() : p(s).addr; }

struct Row {
  std::string dest;
  std::string via;  // "" = on-link
  bool expected;
};

void run_table(const std::string& assigned, const std::vector<Row>& rows, const RoutePolicy* policy = nullptr) {
  std::vector<Route> in;
  std::vector<Route> want;
  for (const auto& r : rows) {
    in.push_back(Route{p(r.dest), a(r.via)});
    if (r.expected) want.push_back(in.back());
  }
  RouteSet out;
  sanitize_routes(in, p(assigned), policy, out);
  ASSERT_EQ(out.kept.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(out.kept[i], want[i]) << i << ": " << out.kept[i].dest.to_string() << " via "
                                   << out.kept[i].router.to_string();
  }
  EXPECT_EQ(out.kept.size() + out.dropped.size(), rows.size());
}

// lease_test.go TestSanitizeRoutes, table by table.
TEST(SanitizeRoutes, SimpleAdditionalRoute) {
  run_table("10.0.5.0/24", {{"10.0.7.0/24", "10.0.5.1", true}});
}
TEST(SanitizeRoutes, OutOfNetworkGateway) {
  run_table("10.5.0.2/32", {{"10.0.7.1/32", "", true}, {"0.0.0.0/0", "10.0.7.1", true}});
}
TEST(SanitizeRoutes, InvalidRouter) {
  run_table("10.0.5.0/24", {{"10.0.7.0/24", "127.0.0.1", false}, {"10.0.8.0/24", "10.254.0.1", false}});
}
TEST(SanitizeRoutes, SameDestinationRoutes) {
  run_table("10.0.5.0/24", {{"0.0.0.0/0", "10.0.5.1", true},
                            {"10.0.7.0/24", "10.0.5.1", true},
                            {"0.0.0.0/0", "10.0.7.1", false}});
}
TEST(SanitizeRoutes, RoutesShadowingLoopback) {
  run_table("10.0.5.0/24", {{"0.0.0.0/0", "10.0.5.1", true},
                            {"126.0.0.0/7", "10.0.5.1", true},
                            {"127.0.0.0/8", "10.0.5.1", false},
                            {"127.0.0.1/32", "10.0.5.1", false}});
}

TEST(SanitizeRoutes, GivesTheReasonForEveryDrop) {
  std::vector<Route> in = {
      {p("10.0.7.0/24"), a("127.0.0.1")},   // RouterNotUnicast
      {p("10.0.8.0/24"), a("10.254.0.1")},  // RouterUnreachable
      {p("127.0.0.0/8"), a("10.0.5.1")},    // ShadowsLoopback
      {p("10.0.5.0/24"), a("10.0.5.1")},    // ShadowsInterfaceRoute
      {p("0.0.0.0/0"), a("10.0.5.1")},      // kept
      {p("0.0.0.0/0"), a("10.0.5.2")},      // DuplicateDestination
  };
  RouteSet out;
  sanitize_routes(in, p("10.0.5.0/24"), nullptr, out);
  ASSERT_EQ(out.kept.size(), 1u);
  ASSERT_EQ(out.dropped.size(), 5u);
  EXPECT_EQ(out.dropped[0].reason, RouteDropReason::RouterNotUnicast);
  EXPECT_EQ(out.dropped[1].reason, RouteDropReason::RouterUnreachable);
  EXPECT_EQ(out.dropped[2].reason, RouteDropReason::ShadowsLoopback);
  EXPECT_EQ(out.dropped[3].reason, RouteDropReason::ShadowsInterfaceRoute);
  EXPECT_EQ(out.dropped[4].reason, RouteDropReason::DuplicateDestination);
}

TEST(SanitizeRoutes, RouterReachableThroughEarlierKeptRouteOnly) {
  // The gateway 10.9.0.1 is reachable only after the on-link 10.9.0.0/16.
  run_table("192.0.2.0/24", {{"10.10.0.0/16", "10.9.0.1", false},
                             {"10.9.0.0/16", "", true},
                             {"10.11.0.0/16", "10.9.0.1", true}});
}

// Defect 2 for routers: 0.0.0.0/8 and 240.0.0.0/4 gateways pass the reference.
TEST(SanitizeRoutesDefect2, DropsGatewaysInThisNetworkAndReserved) {
  run_table("0.0.0.0/0", {{"10.0.7.0/24", "0.1.2.3", false}, {"10.0.8.0/24", "240.0.0.1", false}});
}

// Defect 3: destinations are compared masked. The reference keeps
// 10.255.0.0/9 next to 10.128.0.0/9 (the kernel then refuses it) and does
// not see that it equals the interface network.
TEST(SanitizeRoutesDefect3, MasksDestinationsBeforeComparing) {
  std::vector<Route> in = {{p("10.128.0.0/9"), a("192.0.2.1")}, {p("10.255.0.0/9"), a("192.0.2.1")}};
  RouteSet out;
  sanitize_routes(in, p("192.0.2.0/24"), nullptr, out);
  ASSERT_EQ(out.kept.size(), 1u);
  ASSERT_EQ(out.dropped.size(), 1u);
  EXPECT_EQ(out.dropped[0].reason, RouteDropReason::DuplicateDestination);
  EXPECT_EQ(out.dropped[0].route.dest, p("10.128.0.0/9"));

  RouteSet out2;
  std::vector<Route> shadow = {{p("10.255.0.0/9"), a("")}};
  sanitize_routes(shadow, p("10.128.0.0/9"), nullptr, out2);
  ASSERT_EQ(out2.dropped.size(), 1u);
  EXPECT_EQ(out2.dropped[0].reason, RouteDropReason::ShadowsInterfaceRoute);
}

TEST(SanitizeRoutes, CountsRoutesBeyondCapacity) {
  std::vector<Route> in;
  for (unsigned i = 0; i < kMaxRoutes + 5; ++i) {
    in.push_back({Ipv4Prefix{Ipv4Addr(10, static_cast<std::uint8_t>(i / 256), static_cast<std::uint8_t>(i % 256), 0), 24},
                  a("192.0.2.1")});
  }
  RouteSet out;
  sanitize_routes(in, p("192.0.2.0/24"), nullptr, out);
  EXPECT_EQ(out.kept.size(), kMaxRoutes);
  ASSERT_EQ(out.dropped.size(), 5u);
  EXPECT_EQ(out.dropped[0].reason, RouteDropReason::Capacity);
}

// ---- Route policy ------------------------------------------------------------

// TunnelVision (CVE-2024-3661): 0.0.0.0/1 + 128.0.0.0/1 via an on-link router
// override a VPN's default route.
TEST(RoutePolicy, HardenedRefusesTunnelVisionSplitDefault) {
  RoutePolicy hardened = RoutePolicy::hardened();
  std::vector<Route> in = {{p("0.0.0.0/1"), a("192.0.2.1")}, {p("128.0.0.0/1"), a("192.0.2.1")},
                           {p("0.0.0.0/0"), a("192.0.2.1")}};
  RouteSet out;
  sanitize_routes(in, p("192.0.2.0/24"), &hardened, out);
  ASSERT_EQ(out.kept.size(), 1u);
  EXPECT_EQ(out.kept[0].dest, p("0.0.0.0/0"));
  ASSERT_EQ(out.dropped.size(), 2u);
  EXPECT_EQ(out.dropped[0].reason, RouteDropReason::ShortPrefix);
  EXPECT_EQ(out.dropped[1].reason, RouteDropReason::ShortPrefix);

  // The reference keeps all three.
  RouteSet ref;
  RoutePolicy reference = RoutePolicy::reference();
  sanitize_routes(in, p("192.0.2.0/24"), &reference, ref);
  EXPECT_EQ(ref.kept.size(), 3u);
}

TEST(RoutePolicy, ProtectedFullTunnelRefusesEveryRouteButTheDefault) {
  RoutePolicy pol = RoutePolicy::reference();
  ASSERT_TRUE(pol.protected_prefixes.push_back(p("0.0.0.0/0")));
  run_table("192.0.2.0/24",
            {{"0.0.0.0/1", "192.0.2.1", false}, {"128.0.0.0/1", "192.0.2.1", false},
             {"0.0.0.0/0", "192.0.2.1", true}, {"198.51.100.0/24", "192.0.2.1", false}},
            &pol);
}

TEST(RoutePolicy, ProtectedPrefixMayNotBeCoveredSplitOrShadowed) {
  RoutePolicy pol = RoutePolicy::hardened();
  ASSERT_TRUE(pol.protected_prefixes.push_back(p("10.8.0.0/16")));
  std::vector<Route> in = {
      {p("10.0.0.0/8"), a("192.0.2.1")},   // covers
      {p("10.8.1.0/24"), a("192.0.2.1")},  // splits
      {p("10.8.0.0/16"), a("192.0.2.1")},  // shadows
      {p("10.9.0.0/16"), a("192.0.2.1")},  // disjoint: kept
      {p("0.0.0.0/0"), a("192.0.2.1")},    // default: kept
  };
  RouteSet out;
  sanitize_routes(in, p("192.0.2.0/24"), &pol, out);
  ASSERT_EQ(out.kept.size(), 2u);
  EXPECT_EQ(out.kept[0].dest, p("10.9.0.0/16"));
  EXPECT_EQ(out.kept[1].dest, p("0.0.0.0/0"));
  ASSERT_EQ(out.dropped.size(), 3u);
  for (const auto& d : out.dropped) EXPECT_EQ(d.reason, RouteDropReason::ProtectedPrefix);
}

TEST(RoutePolicy, CapsTheNumberOfRoutes) {
  RoutePolicy pol = RoutePolicy::hardened();
  pol.max_routes = 2;
  run_table("192.0.2.0/24",
            {{"10.1.0.0/16", "192.0.2.1", true}, {"10.2.0.0/16", "192.0.2.1", true},
             {"10.3.0.0/16", "192.0.2.1", false}},
            &pol);
}

TEST(RoutePolicy, DroppedByPolicyDoesNotMakeLaterRoutersReachable) {
  RoutePolicy pol = RoutePolicy::hardened();
  ASSERT_TRUE(pol.protected_prefixes.push_back(p("10.8.0.0/16")));
  // 10.8.0.0/24 on-link is refused, so a gateway inside it stays unreachable.
  std::vector<Route> in = {{p("10.8.0.0/24"), a("")}, {p("198.51.100.0/24"), a("10.8.0.1")}};
  RouteSet out;
  sanitize_routes(in, p("192.0.2.0/24"), &pol, out);
  EXPECT_TRUE(out.kept.empty());
  ASSERT_EQ(out.dropped.size(), 2u);
  EXPECT_EQ(out.dropped[0].reason, RouteDropReason::ProtectedPrefix);
  EXPECT_EQ(out.dropped[1].reason, RouteDropReason::RouterUnreachable);
}

// ---- Lease::routes: which options routes come from ----------------------------

Lease lease(std::vector<Opt> extra) {
  std::vector<Opt> opts = {{opt::kServerId, ip(192, 0, 2, 1)},
                           {opt::kLeaseTime, be32(3600)},
                           {opt::kSubnetMask, ip(255, 255, 255, 0)}};
  for (auto& o : extra) opts.push_back(std::move(o));
  auto b = gen::build(gen::reply_header(Ipv4Addr(192, 0, 2, 50)), opts);
  auto msg = DhcpMessage::parse(b.bytes);
  EXPECT_TRUE(msg.ok());
  auto n = acceptable_lease(msg.value());
  EXPECT_TRUE(n.ok());
  return Lease(n.value(), std::chrono::milliseconds(0));
}

TEST(LeaseRoutes, DefaultRouteViaFirstUsableRouter) {
  auto r = lease({{opt::kRouter, gen::cat({ip(0, 0, 0, 0), ip(192, 0, 2, 1), ip(192, 0, 2, 254)})}}).routes();
  ASSERT_EQ(r.kept.size(), 1u);
  EXPECT_EQ(r.kept[0], (Route{p("0.0.0.0/0"), a("192.0.2.1")}));
}

TEST(LeaseRoutes, ClasslessRoutesWinOverRouterAndStaticRoutes) {
  // 121: 198.51.100.0/24 via 192.0.2.1 (RFC 3442: 24, 198, 51, 100, router).
  auto r = lease({{opt::kRouter, ip(192, 0, 2, 254)},
                  {opt::kStaticRoutes, gen::cat({ip(203, 0, 113, 0), ip(192, 0, 2, 254)})},
                  {opt::kClasslessRoutes, {24, 198, 51, 100, 192, 0, 2, 1}}})
               .routes();
  ASSERT_EQ(r.kept.size(), 1u);
  EXPECT_EQ(r.kept[0], (Route{p("198.51.100.0/24"), a("192.0.2.1")}));
}

TEST(LeaseRoutes, MalformedClasslessRoutesUsedUpToFirstErrorAndStillOverride) {
  // A good default route, then a truncated one; option 3 must still be ignored.
  auto r = lease({{opt::kRouter, ip(192, 0, 2, 254)}, {opt::kClasslessRoutes, {0, 192, 0, 2, 1, 24, 198}}}).routes();
  ASSERT_EQ(r.kept.size(), 1u);
  EXPECT_EQ(r.kept[0], (Route{p("0.0.0.0/0"), a("192.0.2.1")}));
}

TEST(LeaseRoutes, StaticRoutesUseClassfulMasksAndDropDefaultDestination) {
  auto r = lease({{opt::kStaticRoutes, gen::cat({ip(0, 0, 0, 0), ip(192, 0, 2, 1),        // illegal, dropped
                                                 ip(10, 1, 2, 3), ip(192, 0, 2, 1),       // class A -> 10.0.0.0/8
                                                 ip(172, 16, 5, 0), ip(192, 0, 2, 1),     // class B -> 172.16.0.0/16
                                                 ip(198, 51, 100, 9), ip(192, 0, 2, 1)})}})  // class C
               .routes();
  ASSERT_EQ(r.kept.size(), 3u);
  EXPECT_EQ(r.kept[0].dest, p("10.0.0.0/8"));
  EXPECT_EQ(r.kept[1].dest, p("172.16.0.0/16"));
  EXPECT_EQ(r.kept[2].dest, p("198.51.100.0/24"));
}

// Classes D and E have no classful network (RFC 791 3.2 defines A, B and C;
// RFC 1112 4: class D is multicast; RFC 6890: 240/4 reserved,
// 255.255.255.255 limited broadcast): such option 33 destinations are dropped
// with NoClassfulNetwork, reported as the destination /32, before the
// sanitizer's drops. 223.255.255.0 is the last class C network: /24, kept.
// The reference (Go DefaultMask) would install 224.0.0.0/24 etc.
// (docs/DIFFERENCES.md "Row 32").
TEST(LeaseRoutes, StaticRoutesWithoutClassfulNetworkAreDropped) {
  auto r = lease({{opt::kStaticRoutes, gen::cat({ip(224, 0, 0, 1), ip(192, 0, 2, 1),          // class D
                                                 ip(223, 255, 255, 0), ip(192, 0, 2, 1),      // class C, kept
                                                 ip(239, 255, 255, 255), ip(192, 0, 2, 1),    // class D
                                                 ip(240, 0, 0, 1), ip(192, 0, 2, 1),          // class E
                                                 ip(255, 255, 255, 255), ip(192, 0, 2, 1),    // broadcast
                                                 ip(127, 0, 0, 1), ip(192, 0, 2, 1)})}})      // sanitizer's drop
               .routes();
  ASSERT_EQ(r.kept.size(), 1u);
  EXPECT_EQ(r.kept[0], (Route{p("223.255.255.0/24"), a("192.0.2.1")}));
  ASSERT_EQ(r.dropped.size(), 5u);
  const char* dests[] = {"224.0.0.1/32", "239.255.255.255/32", "240.0.0.1/32", "255.255.255.255/32"};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(r.dropped[i].route, (Route{p(dests[i]), a("192.0.2.1")})) << i;
    EXPECT_EQ(r.dropped[i].reason, RouteDropReason::NoClassfulNetwork) << i;
  }
  EXPECT_EQ(r.dropped[4].route, (Route{p("127.0.0.0/8"), a("192.0.2.1")}));
  EXPECT_EQ(r.dropped[4].reason, RouteDropReason::ShadowsLoopback);
  EXPECT_STREQ(to_string(RouteDropReason::NoClassfulNetwork), "NoClassfulNetwork");
}

TEST(LeaseRoutes, StaticRoutesWithoutClassfulNetworkAreNoCandidates) {
  auto l = lease({{opt::kStaticRoutes, gen::cat({ip(224, 0, 0, 1), ip(192, 0, 2, 1), ip(10, 0, 0, 0), ip(192, 0, 2, 1)})}});
  StaticVector<Route, kMaxRoutes> candidates;
  EXPECT_EQ(l.candidate_routes(candidates), 0u);  // no dropped set given: not reported, still no candidate
  ASSERT_EQ(candidates.size(), 1u);
  EXPECT_EQ(candidates[0].dest, p("10.0.0.0/8"));
}

TEST(LeaseRoutes, StaticRoutesOddTrailingAddressIgnored) {
  auto r = lease({{opt::kStaticRoutes, gen::cat({ip(10, 1, 2, 3), ip(192, 0, 2, 1), ip(10, 2, 0, 0)})}}).routes();
  ASSERT_EQ(r.kept.size(), 1u);
  EXPECT_EQ(r.kept[0].dest, p("10.0.0.0/8"));
}

TEST(LeaseRoutes, StaticRoutesComeBeforeTheDefaultRoute) {
  auto r = lease({{opt::kRouter, ip(192, 0, 2, 1)}, {opt::kStaticRoutes, gen::cat({ip(10, 0, 0, 0), ip(192, 0, 2, 2)})}})
               .routes();
  ASSERT_EQ(r.kept.size(), 2u);
  EXPECT_EQ(r.kept[0].dest, p("10.0.0.0/8"));
  EXPECT_EQ(r.kept[1].dest, p("0.0.0.0/0"));
}

TEST(LeaseRoutes, HostRouteToOffLinkGatewayThenDefaultViaIt) {
  // 121: 203.0.113.1/32 on-link, then 0.0.0.0/0 via 203.0.113.1.
  auto r = lease({{opt::kClasslessRoutes, {32, 203, 0, 113, 1, 0, 0, 0, 0, 0, 203, 0, 113, 1}}}).routes();
  ASSERT_EQ(r.kept.size(), 2u);
  EXPECT_EQ(r.kept[0], (Route{p("203.0.113.1/32"), a("")}));
  EXPECT_EQ(r.kept[1], (Route{p("0.0.0.0/0"), a("203.0.113.1")}));
}

TEST(LeaseRoutes, ZeroLengthClasslessRoutesCountsAsAbsent) {
  auto r = lease({{opt::kRouter, ip(192, 0, 2, 1)}, {opt::kClasslessRoutes, {}}}).routes();
  ASSERT_EQ(r.kept.size(), 1u);
  EXPECT_EQ(r.kept[0].dest, p("0.0.0.0/0"));
}

}  // namespace
}  // namespace dhcpcore
