// host_plan_fixtures.hpp: hand-built leases, host objects and plans for the
// plan_host tests (host_plan_test.cpp, plan_host_cases_test.cpp). Values
// follow the header's rules and Linux's constants, never plan_host's output.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <utility>
#include <vector>

#include "dhcpcore/core/host_plan.hpp"
#include "dhcpcore/core/lease.hpp"

namespace dhcpcore::test {


inline constexpr int kIf = 2;
inline const Ipv4Addr kIp(192, 0, 2, 50);
inline const Ipv4Addr kGw(192, 0, 2, 1);
inline const Ipv4Prefix kSubnet{Ipv4Addr(192, 0, 2, 0), 24};

inline std::vector<std::uint8_t> bytes(Ipv4Addr a) {
  const auto o = a.octets();
  return {o.begin(), o.end()};
}

// lease: yiaddr with option 1 = mask, option 3 = router (when set), option
// 51 = one hour, expiring at 3600 s; extra options appended.
inline Lease lease(Ipv4Addr yiaddr, Ipv4Addr mask, std::optional<Ipv4Addr> router,
            std::vector<std::pair<std::uint8_t, std::vector<std::uint8_t>>> extra = {}) {
  NormalizedLease n;
  n.yiaddr = yiaddr;
  n.server_id = kGw;
  n.lease_s = 3600;
  bool stored = n.options.set(1, bytes(mask)) && n.options.set(51, std::vector<std::uint8_t>{0, 0, 0x0e, 0x10});
  if (router) stored = stored && n.options.set(3, bytes(*router));
  for (const auto& [code, value] : extra) stored = stored && n.options.set(code, value);
  EXPECT_TRUE(stored);
  return Lease(n, std::chrono::milliseconds(3600 * 1000));
}

// The address and routes dhcpcore installs for 192.0.2.50/24 at time 0.
inline HostAddress lease_address(Ipv4Prefix local = Ipv4Prefix{kIp, 24}) {
  HostAddress a;
  a.ifindex = kIf;
  a.local = local;
  a.peer = local.addr;
  if (local.len <= 30) a.broadcast = Ipv4Addr(local.network().value() | ~local.mask());
  a.flags = host::kAddrNoPrefixRoute;
  a.proto = host::kAddrProtoDhcp;
  a.valid_lft = a.preferred_lft = 3600;
  return a;
}
inline HostRoute lease_route(Ipv4Prefix dst, std::optional<Ipv4Addr> via) {
  HostRoute r;
  r.dst = dst;
  r.oif = kIf;
  r.gateway = via;
  r.prefsrc = kIp;
  r.protocol = host::kProtoDhcp;
  r.scope = via ? host::kScopeUniverse : host::kScopeLink;
  return r;
}

inline HostOp op(HostOpKind k, const HostAddress& a) {
  HostOp o;
  o.kind = k;
  o.address = a;
  return o;
}
inline HostOp op(HostOpKind k, const HostRoute& r) {
  HostOp o;
  o.kind = k;
  o.route = r;
  return o;
}

struct Host {
  std::vector<HostAddress> addresses;
  std::vector<HostRoute> routes;
};

inline HostPlan plan(const Host& h, const Lease* l, const RoutePolicy* policy = nullptr, bool refresh = true) {
  HostPlanInput in;
  in.ifindex = kIf;
  in.lease = l;
  in.now = std::chrono::milliseconds(0);
  in.policy = policy;
  in.addresses = h.addresses;
  in.routes = h.routes;
  in.refresh_lifetimes = refresh;
  HostPlan out;
  plan_host(in, out);
  return out;
}

inline std::vector<HostOp> ops(const HostPlan& p) { return {p.ops.begin(), p.ops.end()}; }

inline const Ipv4Prefix kDefault{Ipv4Addr(), 0};

}  // namespace dhcpcore::test
