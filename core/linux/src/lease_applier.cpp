// lease_applier.cpp: manage_ip, manage_routes and LeaseApplier (callback.go).
#include "dhcpcore/linux/lease_applier.hpp"

#include <linux/if_addr.h>
#include <linux/rtnetlink.h>

#include <algorithm>
#include <utility>

namespace dhcpcore {

namespace {
// Largest finite lifetime: 0xffffffff is INFINITY_LIFE_TIME, which the kernel
// turns into IFA_F_PERMANENT.
constexpr std::uint32_t kMaxFiniteLifetime = 0xfffffffeu;
constexpr std::uint8_t kOptBroadcast = 28;  // RFC 2132 5.3
}  // namespace

std::uint32_t remaining_lifetime_s(std::chrono::milliseconds expires_at,
                                   std::chrono::milliseconds now) noexcept {
  if (expires_at <= now) return 1;
  // The difference of two milliseconds counts fits an unsigned 64-bit value.
  const auto left_ms = static_cast<std::uint64_t>(expires_at.count()) -
                       static_cast<std::uint64_t>(now.count());
  const std::uint64_t secs = left_ms / 1000 + (left_ms % 1000 != 0 ? 1 : 0);
  return static_cast<std::uint32_t>(std::clamp<std::uint64_t>(secs, 1, kMaxFiniteLifetime));
}

std::optional<Ipv4Addr> lease_broadcast(const Lease& lease) noexcept {
  if (auto v = lease.options().get(kOptBroadcast); v && v->size() == 4) {
    return Ipv4Addr::from_bytes(v->first<4>());
  }
  const Ipv4Prefix net = lease.ip_net();
  if (net.len >= 31) return std::nullopt;
  return Ipv4Addr(net.network().value() | ~net.mask());
}

Status manage_ip(Rtnetlink& nl, int ifindex, const Lease* lease, std::chrono::milliseconds now) {
  const std::optional<Ipv4Prefix> new_net =
      lease != nullptr ? std::optional<Ipv4Prefix>(lease->ip_net()) : std::nullopt;

  auto addrs = nl.list_addrs(ifindex);
  if (!addrs) return Err<SysError>{addrs.error()};
  for (const AddrInfo& a : addrs.value()) {
    if ((a.flags & IFA_F_PERMANENT) != 0) continue;
    // The kernel identifies an address by IP, prefix length and peer; the
    // replace below updates an equal one in place without interrupting it.
    if (new_net && a.local == *new_net && !a.has_peer()) continue;
    if (Status st = nl.delete_addr(a); !st) return st;
  }

  if (lease == nullptr) return Ok{};
  const std::uint32_t lifetime = remaining_lifetime_s(lease->expires_at(), now);
  return nl.replace_addr(ifindex, *new_net, lease_broadcast(*lease), lifetime, lifetime);
}

Status manage_routes(Rtnetlink& nl, int ifindex, const Lease* lease, const RoutePolicy* policy) {
  RouteSet wanted;
  if (lease != nullptr) wanted = lease->routes(policy);

  auto current = nl.list_routes();
  if (!current) return Err<SysError>{current.error()};

  for (const Route& r : wanted.kept) {
    RouteSpec spec;
    spec.dst = r.dest.masked();
    if (!r.on_link()) spec.gateway = r.router;
    spec.prefsrc = lease->assigned_ip();
    spec.oif = ifindex;
    spec.protocol = RTPROT_DHCP;
    // Routes without a layer-3 gateway are link-scoped.
    spec.scope = r.on_link() ? std::uint8_t{RT_SCOPE_LINK} : std::uint8_t{RT_SCOPE_UNIVERSE};
    if (Status st = nl.replace_route(spec); !st) return st;
  }

  for (const RouteInfo& r : current.value()) {
    if (r.protocol != RTPROT_DHCP || r.oif != ifindex || r.table != RT_TABLE_MAIN) continue;
    // Routes whose destination a new route has (just) replaced stay. The
    // number of routes is bounded by kMaxRoutes, so quadratic is fine.
    const bool wanted_dest = std::any_of(wanted.kept.begin(), wanted.kept.end(), [&](const Route& w) {
      return w.dest.masked() == r.dst;
    });
    if (wanted_dest) continue;
    if (Status st = nl.delete_route(r); !st) return st;
  }
  return Ok{};
}

SysResult<LeaseApplier> LeaseApplier::open(int ifindex, std::optional<RoutePolicy> policy) {
  auto nl = Rtnetlink::open();
  if (!nl) return Err<SysError>{nl.error()};
  return LeaseApplier(std::move(nl).value(), ifindex, std::move(policy));
}

Status LeaseApplier::apply(const Lease* lease, std::chrono::milliseconds now) {
  if (lease != nullptr) {
    if (Status st = manage_ip(nl_, ifindex_, lease, now); !st) return st;
    return manage_routes(nl_, ifindex_, lease, policy());
  }
  if (Status st = manage_routes(nl_, ifindex_, nullptr, policy()); !st) return st;
  return manage_ip(nl_, ifindex_, nullptr, now);
}

Status LeaseApplier::remove_all() { return apply(nullptr, std::chrono::milliseconds(0)); }

}  // namespace dhcpcore
