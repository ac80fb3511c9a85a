// Tests of the kernel model (test_support/kernel_model.hpp) that the host
// plan's properties and fuzz target trust: each operation against a small
// state written out by hand, with what Linux does (the comments cite the
// kernel function that decides it).
#include "dhcpcore/test_support/kernel_model.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace dhcpcore::gen {
namespace {

constexpr int kIf = 2;
constexpr std::uint8_t kProtoStatic = 4;

HostAddress addr(Ipv4Addr ip, std::uint8_t len, int ifindex = kIf) {
  HostAddress a;
  a.ifindex = ifindex;
  a.local = Ipv4Prefix{ip, len};
  a.peer = ip;
  a.broadcast = Ipv4Addr(192, 0, 2, 255);
  a.flags = host::kAddrNoPrefixRoute;
  a.proto = host::kAddrProtoDhcp;
  a.valid_lft = a.preferred_lft = 600;
  return a;
}

HostRoute route(Ipv4Prefix dst, std::optional<Ipv4Addr> via, std::uint8_t proto = host::kProtoDhcp,
                std::uint32_t metric = 0) {
  HostRoute r;
  r.dst = dst;
  r.metric = metric;
  r.oif = kIf;
  r.gateway = via;
  r.prefsrc = Ipv4Addr(192, 0, 2, 50);
  r.protocol = proto;
  r.scope = via ? host::kScopeUniverse : host::kScopeLink;
  return r;
}

// ops: a plan of one operation.
std::vector<HostOp> ops(HostOpKind k, const HostAddress& a) { return {HostOp{k, a, {}}}; }
std::vector<HostOp> ops(HostOpKind k, const HostRoute& r) { return {HostOp{k, {}, r}}; }

const Ipv4Prefix kDefault{Ipv4Addr(), 0};
const Ipv4Prefix kSubnet{Ipv4Addr(192, 0, 2, 0), 24};
const Ipv4Addr kIp(192, 0, 2, 50);
const Ipv4Addr kGw(192, 0, 2, 1);

TEST(KernelModel, AddAddressOfAnExistingKeyFailsAndChangesNothing) {
  KernelState s;
  s.addresses.push_back(addr(kIp, 24));
  HostAddress again = addr(kIp, 24);
  again.broadcast.reset();  // another shape, same key: still EEXIST
  const ModelRun run = apply_plan(s, ops(HostOpKind::AddAddress, again));
  EXPECT_EQ(run.steps[0].result, ModelResult::Exists);
  EXPECT_EQ(run.state, s);
  // Another prefix length or another interface is another key.
  const ModelRun other = apply_plan(s, std::vector<HostOp>{HostOp{HostOpKind::AddAddress, addr(kIp, 16), {}},
                                                           HostOp{HostOpKind::AddAddress, addr(kIp, 24, 3), {}}});
  EXPECT_EQ(other.steps[0].result, ModelResult::Done);
  EXPECT_EQ(other.steps[1].result, ModelResult::Done);
  EXPECT_EQ(other.state.addresses.size(), 3u);
}

TEST(KernelModel, ReplaceAddressUpdatesOnlyLifetimesAndProtocol) {
  KernelState s;
  s.addresses.push_back(addr(kIp, 24));
  HostAddress want = addr(kIp, 24);
  want.broadcast = Ipv4Addr(1, 1, 1, 1);
  want.flags = 0;
  want.proto = 0;
  want.scope = host::kScopeLink;
  want.valid_lft = 30;
  want.preferred_lft = 20;
  const ModelRun run = apply_plan(s, ops(HostOpKind::ReplaceAddress, want));
  ASSERT_EQ(run.steps[0].result, ModelResult::Done);
  ASSERT_EQ(run.state.addresses.size(), 1u);
  const HostAddress& got = run.state.addresses[0];
  EXPECT_EQ(got.broadcast, Ipv4Addr(192, 0, 2, 255));  // inet_rtm_newaddr keeps the broadcast
  EXPECT_EQ(got.flags, host::kAddrNoPrefixRoute);      // and the flags
  EXPECT_EQ(got.scope, host::kScopeUniverse);          // and the scope
  EXPECT_EQ(got.proto, 0);
  EXPECT_EQ(got.valid_lft, 30u);
  EXPECT_EQ(got.preferred_lft, 20u);
  EXPECT_EQ(run.steps[0].address_before, s.addresses[0]);
  // An infinite valid lifetime makes it permanent (set_ifa_lifetime).
  want.valid_lft = host::kLifetimeForever;
  const ModelRun forever = apply_plan(s, ops(HostOpKind::ReplaceAddress, want));
  EXPECT_EQ(forever.state.addresses[0].flags, host::kAddrNoPrefixRoute | host::kAddrPermanent);
}

TEST(KernelModel, ReplaceAddressOfAMissingKeyCreatesIt) {
  const ModelRun run = apply_plan(KernelState{}, ops(HostOpKind::ReplaceAddress, addr(kIp, 24)));
  EXPECT_EQ(run.steps[0].result, ModelResult::Created);
  EXPECT_EQ(run.state.addresses, std::vector<HostAddress>{addr(kIp, 24)});
}

TEST(KernelModel, DeletingTheLastHolderOfAnIpFlushesMainTableRoutesWithThatSource) {
  KernelState s;
  s.addresses.push_back(addr(kIp, 24));
  HostRoute mine = route(kSubnet, std::nullopt);
  HostRoute foreign = route(Ipv4Prefix{Ipv4Addr(10, 9, 0, 0), 16}, kGw, kProtoStatic);
  foreign.oif = 3;  // another interface: fib_sync_down_addr does not care
  HostRoute other_table = route(kDefault, kGw, kProtoStatic);
  other_table.table = 100;  // not the interface's table: stays
  HostRoute no_src = route(kDefault, kGw);
  no_src.prefsrc.reset();
  s.routes = {mine, foreign, other_table, no_src};
  const ModelRun run = apply_plan(s, ops(HostOpKind::DeleteAddress, addr(kIp, 24)));
  EXPECT_EQ(run.steps[0].result, ModelResult::Done);
  EXPECT_TRUE(run.state.addresses.empty());
  EXPECT_EQ(run.state.routes, (std::vector<HostRoute>{other_table, no_src}));
  EXPECT_EQ(run.steps[0].flushed, (std::vector<HostRoute>{mine, foreign}));
}

TEST(KernelModel, DeletingOneOfTwoHoldersOfAnIpFlushesNothing) {
  KernelState s;
  s.addresses = {addr(kIp, 24), addr(kIp, 16)};
  s.routes = {route(kSubnet, std::nullopt)};
  const ModelRun run = apply_plan(s, ops(HostOpKind::DeleteAddress, addr(kIp, 24)));
  EXPECT_EQ(run.state.addresses, std::vector<HostAddress>{addr(kIp, 16)});
  EXPECT_EQ(run.state.routes, s.routes);
  EXPECT_TRUE(run.steps[0].flushed.empty());
  const ModelRun missing = apply_plan(s, ops(HostOpKind::DeleteAddress, addr(kIp, 8)));
  EXPECT_EQ(missing.steps[0].result, ModelResult::NotFound);
  EXPECT_EQ(missing.state, s);
}

TEST(KernelModel, AddRouteOfAnExistingKeyFailsWhoeverOwnsIt) {
  KernelState s;
  s.addresses.push_back(addr(kIp, 24));
  s.routes.push_back(route(kDefault, kGw, kProtoStatic));
  HostRoute mine = route(kDefault, Ipv4Addr(192, 0, 2, 9));
  const ModelRun run = apply_plan(s, ops(HostOpKind::AddRoute, mine));
  EXPECT_EQ(run.steps[0].result, ModelResult::Exists);
  EXPECT_EQ(run.state, s);
  mine.metric = 1;  // another key
  const ModelRun other = apply_plan(s, ops(HostOpKind::AddRoute, mine));
  EXPECT_EQ(other.steps[0].result, ModelResult::Done);
  EXPECT_EQ(other.state.routes.back(), mine);
}

TEST(KernelModel, ReplaceRouteReplacesTheFirstOfItsKeyOrCreatesIt) {
  KernelState s;
  s.addresses.push_back(addr(kIp, 24));
  const HostRoute first = route(kDefault, kGw, kProtoStatic);
  const HostRoute second = route(kDefault, Ipv4Addr(192, 0, 2, 2));
  s.routes = {first, second};
  const HostRoute mine = route(kDefault, Ipv4Addr(192, 0, 2, 9));
  const ModelRun run = apply_plan(s, ops(HostOpKind::ReplaceRoute, mine));
  EXPECT_EQ(run.steps[0].result, ModelResult::Done);
  EXPECT_EQ(run.steps[0].route_before, first);  // NLM_F_REPLACE takes the first, whoever owns it
  EXPECT_EQ(run.state.routes, (std::vector<HostRoute>{mine, second}));
  const ModelRun created = apply_plan(KernelState{{addr(kIp, 24)}, {}}, ops(HostOpKind::ReplaceRoute, mine));
  EXPECT_EQ(created.steps[0].result, ModelResult::Created);
  EXPECT_EQ(created.state.routes, std::vector<HostRoute>{mine});
}

TEST(KernelModel, DeleteRouteRemovesTheFirstRouteEqualOnTheFieldsItNames) {
  KernelState s;
  s.addresses = {addr(kIp, 24), addr(Ipv4Addr(192, 0, 2, 51), 24)};
  HostRoute a = route(kDefault, kGw);
  HostRoute b = a;
  b.prefsrc = Ipv4Addr(192, 0, 2, 51);  // differs only in what RTM_DELROUTE does not name
  s.routes = {a, b};
  const ModelRun run = apply_plan(s, ops(HostOpKind::DeleteRoute, b));
  EXPECT_EQ(run.steps[0].route_before, a);  // the first match, not b
  EXPECT_EQ(run.state.routes, std::vector<HostRoute>{b});
  HostRoute other_gw = a;
  other_gw.gateway = Ipv4Addr(192, 0, 2, 3);
  const ModelRun missing = apply_plan(s, ops(HostOpKind::DeleteRoute, other_gw));
  EXPECT_EQ(missing.steps[0].result, ModelResult::NotFound);
  EXPECT_EQ(missing.state, s);
}

TEST(KernelModel, ARouteWhoseSourceNoAddressHoldsIsRefused) {
  const HostRoute r = route(kSubnet, std::nullopt);
  for (const HostOpKind k : {HostOpKind::AddRoute, HostOpKind::ReplaceRoute}) {
    const ModelRun run = apply_plan(KernelState{}, ops(k, r));
    EXPECT_EQ(run.steps[0].result, ModelResult::BadPrefsrc);
    EXPECT_TRUE(run.state.routes.empty());
  }
  // Held by an address of another interface: valid (fib_valid_prefsrc asks
  // only whether it is local).
  const ModelRun held = apply_plan(KernelState{{addr(kIp, 24, 3)}, {}}, ops(HostOpKind::AddRoute, r));
  EXPECT_EQ(held.steps[0].result, ModelResult::Done);
}

TEST(KernelModel, AdmittedStatesKeepTheKernelsConstraints) {
  KernelState s;
  HostAddress perm = addr(kIp, 24);
  perm.valid_lft = host::kLifetimeForever;
  EXPECT_TRUE(admit_address(s, perm));
  EXPECT_EQ(s.addresses[0].flags & host::kAddrPermanent, host::kAddrPermanent);
  EXPECT_FALSE(admit_address(s, addr(kIp, 24)));  // same key
  HostRoute stale = route(kSubnet, std::nullopt);
  stale.prefsrc = Ipv4Addr(192, 0, 2, 77);
  EXPECT_FALSE(admit_route(s, stale));  // main table, source held by nobody
  stale.table = 100;
  EXPECT_TRUE(admit_route(s, stale));   // other tables keep a stale source
  EXPECT_FALSE(admit_route(s, stale));  // exact duplicate
  HostAddress plain = addr(Ipv4Addr(198, 51, 100, 7), 24, 3);
  plain.flags = 0;
  const std::vector<HostRoute> own = kernel_routes_of(plain);
  ASSERT_EQ(own.size(), 2u);
  EXPECT_EQ(own[0].table, host::kTableLocal);
  EXPECT_EQ(own[0].dst, (Ipv4Prefix{Ipv4Addr(198, 51, 100, 7), 32}));
  EXPECT_EQ(own[1].table, host::kTableMain);
  EXPECT_EQ(own[1].dst, (Ipv4Prefix{Ipv4Addr(198, 51, 100, 0), 24}));
  EXPECT_EQ(own[1].protocol, host::kProtoKernel);
  EXPECT_EQ(kernel_routes_of(addr(kIp, 24)).size(), 1u);  // IFA_F_NOPREFIXROUTE: no prefix route
}

}  // namespace
}  // namespace dhcpcore::gen
