// models.hpp: the independent models the properties (RC_ASSERT) and the fuzz
// targets (FUZZ_CHECK) compare the library against, each written once. They
// return verdicts and data; the caller asserts. No RapidCheck, header-only,
// nothing allocates (the fuzz targets call them on every input).
//
// A model is written from the documented contract (RFCs, lease.hpp,
// routes.hpp, docs/DIFFERENCES.md) and never calls the function it checks:
// usable_unicast does not use Ipv4Addr::is_usable_unicast,
// classful_prefix_len not Ipv4Addr::default_prefix_len, lease_verdict not
// acceptable_lease, route_verdict not sanitize_routes.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>

#include "dhcpcore/core/lease.hpp"
#include "dhcpcore/core/routes.hpp"
#include "dhcpcore/parsers/address.hpp"

namespace dhcpcore::model {

// load_be32: the 32-bit big-endian value of v's first 4 bytes (v.size() >= 4).
constexpr std::uint32_t load_be32(std::span<const std::uint8_t> v) noexcept {
  return (std::uint32_t{v[0]} << 24) | (std::uint32_t{v[1]} << 16) | (std::uint32_t{v[2]} << 8) | v[3];
}

// usable_unicast: the "usable unicast" rule of defect 2 (docs/DESIGN.md#defect-2,
// docs/DIFFERENCES.md "Rows 3-4"), written from the address ranges: not 0.0.0.0/8, 127.0.0.0/8,
// 224.0.0.0/4, 240.0.0.0/4 (which holds the limited broadcast).
// 169.254.0.0/16 is usable (the reference accepts link-local).
constexpr bool usable_unicast(Ipv4Addr a) noexcept {
  const std::uint32_t first = a.value() >> 24;
  return first != 0 && first != 127 && first < 224;
}

// ---- Lease verdict (acceptable_lease, lease.hpp) ---------------------------

// LeaseFacts: what acceptable_lease's checks read from an offer: the value of
// the first 4-byte option 54 and 51 (nullopt when there is none) and yiaddr.
struct LeaseFacts {
  std::optional<std::uint32_t> server_id;
  std::optional<std::uint32_t> lease_s;
  Ipv4Addr yiaddr;
};

// lease_verdict: acceptable_lease's documented checks, in their order; None
// when all pass (OptionsTooLarge may still reject, see lease.hpp).
constexpr LeaseReject lease_verdict(const LeaseFacts& f) noexcept {
  if (!f.server_id) return LeaseReject::NoServerId;
  if (!usable_unicast(Ipv4Addr(*f.server_id))) return LeaseReject::BadServerId;
  if (!f.lease_s) return LeaseReject::NoLeaseTime;
  if (*f.lease_s < 1) return LeaseReject::LeaseTooShort;
  if (!usable_unicast(f.yiaddr)) return LeaseReject::BadYiaddr;
  return LeaseReject::None;
}

// Timers: an accepted lease's T1 / T2 as acceptable_lease clamps them: T2 to
// the lease, T1 to the effective T2 (the offered T2, else 0.85 of the lease:
// defect 1 of the reference). Absent stays absent.
struct Timers {
  std::optional<std::uint32_t> t1_s;
  std::optional<std::uint32_t> t2_s;
  std::uint32_t t2_effective_s = 0;
};
constexpr Timers clamped_timers(std::uint32_t lease_s, std::optional<std::uint32_t> t1_in,
                                std::optional<std::uint32_t> t2_in) noexcept {
  Timers t;
  if (t2_in) t.t2_s = std::min(*t2_in, lease_s);
  t.t2_effective_s = t.t2_s ? *t.t2_s : static_cast<std::uint32_t>(std::uint64_t{lease_s} * 850 / 1000);
  if (t1_in) t.t1_s = std::min(*t1_in, t.t2_effective_s);
  return t;
}

// ---- Option 33 (static routes, RFC 2132 5.8) -------------------------------

// classful_prefix_len: the prefix of an address's class (RFC 791 / 1812):
// A (0xxx) 8, B (10xx) 16, C (110x) 24, anything else (224/4, 240/4) 32.
constexpr std::uint8_t classful_prefix_len(Ipv4Addr a) noexcept {
  const std::uint32_t v = a.value();
  if ((v & 0x80000000u) == 0) return 8;
  if ((v & 0xc0000000u) == 0x80000000u) return 16;
  if ((v & 0xe0000000u) == 0xc0000000u) return 24;
  return 32;
}

// classful_route: the candidate route one option 33 pair gives: the
// destination masked to its class, via router; nullopt for destination
// 0.0.0.0 (skipped: RFC 2132 forbids the default route in 33) and for a
// destination without a classful network (224/4, 240/4: dropped as
// NoClassfulNetwork, docs/DIFFERENCES.md "Row 32").
constexpr std::optional<Route> classful_route(Ipv4Addr dest, Ipv4Addr router) noexcept {
  if (dest.value() == 0) return std::nullopt;
  const std::uint8_t len = classful_prefix_len(dest);
  if (len == 32) return std::nullopt;
  const std::uint32_t mask = len == 0 ? 0 : ~std::uint32_t{0} << (32 - len);
  return Route{Ipv4Prefix{Ipv4Addr(dest.value() & mask), len}, router};
}

// ---- Route sanitizer (sanitize_routes, routes.hpp) --------------------------

inline constexpr Ipv4Prefix kLoopbackNet{Ipv4Addr(127, 0, 0, 0), 8};

// reachable: the gateway rule (reference rule 2): router inside the
// interface's network or inside a route kept before.
inline bool reachable(Ipv4Addr router, Ipv4Prefix net, std::span<const Route> earlier_kept) noexcept {
  if (net.contains(router)) return true;
  return std::any_of(earlier_kept.begin(), earlier_kept.end(),
                     [&](const Route& k) { return k.dest.contains(router); });
}

// overlaps_protected: the documented RoutePolicy rule: a route inside a
// protected prefix, or covering one; the default route /0 is exempt.
inline bool overlaps_protected(const Ipv4Prefix& dest, const RoutePolicy& p) noexcept {
  if (dest.len == 0) return false;
  return std::any_of(p.protected_prefixes.begin(), p.protected_prefixes.end(),
                     [&](const Ipv4Prefix& prot) { return prot.covers(dest) || dest.covers(prot); });
}

// route_verdict: the documented rules of sanitize_routes, in their order, for
// one masked candidate r given the routes kept before it: nullopt keeps it,
// else the first rule that drops it.
inline std::optional<RouteDropReason> route_verdict(const Route& r, Ipv4Prefix net, const RoutePolicy* policy,
                                                       std::span<const Route> earlier_kept) noexcept {
  if (!r.on_link() && !usable_unicast(r.router)) return RouteDropReason::RouterNotUnicast;
  if (!r.on_link() && !reachable(r.router, net, earlier_kept)) return RouteDropReason::RouterUnreachable;
  if (r.dest.len >= 8 && kLoopbackNet.contains(r.dest.addr)) return RouteDropReason::ShadowsLoopback;
  if (r.dest == net.masked()) return RouteDropReason::ShadowsInterfaceRoute;
  if (std::any_of(earlier_kept.begin(), earlier_kept.end(), [&](const Route& k) { return k.dest == r.dest; })) {
    return RouteDropReason::DuplicateDestination;
  }
  if (policy != nullptr) {
    if (!policy->allow_short_prefixes && r.dest.len >= 1 && r.dest.len <= 7) return RouteDropReason::ShortPrefix;
    if (overlaps_protected(r.dest, *policy)) return RouteDropReason::ProtectedPrefix;
    if (policy->max_routes != 0 && earlier_kept.size() >= policy->max_routes) return RouteDropReason::RouteLimit;
  }
  if (earlier_kept.size() >= kMaxRoutes) return RouteDropReason::Capacity;
  return std::nullopt;
}

// kept_route_violation: what a kept route k breaks, given the routes kept
// before it (nullptr when nothing): the state every kept route must be in,
// whatever the candidates were.
inline const char* kept_route_violation(const Route& k, Ipv4Prefix net, const RoutePolicy* policy,
                                           std::span<const Route> earlier_kept) noexcept {
  if (k.dest.len > 32) return "prefix length above 32";
  if (k.dest != k.dest.masked()) return "destination has host bits (defect 3)";
  if (!k.on_link() && !usable_unicast(k.router)) return "gateway is not usable unicast (rule 1)";
  if (!k.on_link() && !reachable(k.router, net, earlier_kept)) return "gateway is unreachable (rule 2)";
  if (k.dest.len >= 8 && kLoopbackNet.contains(k.dest.addr)) return "route inside 127.0.0.0/8 (rule 5)";
  if (k.dest == net.masked()) return "route to the interface's own network";
  for (const Route& e : earlier_kept) {
    if (e.dest == k.dest) return "second route to one destination (rule 4)";
  }
  if (policy != nullptr) {
    if (!policy->allow_short_prefixes && k.dest.len >= 1 && k.dest.len <= 7) return "short prefix kept";
    if (overlaps_protected(k.dest, *policy)) return "route overlaps a protected prefix";
    if (policy->max_routes != 0 && earlier_kept.size() >= policy->max_routes) return "route past the policy's cap";
  }
  return nullptr;
}

}  // namespace dhcpcore::model
