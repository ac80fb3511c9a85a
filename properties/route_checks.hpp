// route_checks.hpp: invariants of a RouteSet that sanitize_routes produced,
// asserted with RC_ASSERT (so they can only be called inside a property).
// Shared by the routes, policy and lease properties.
#pragma once

#include <rapidcheck.h>

#include <algorithm>
#include <optional>
#include <span>
#include <tuple>
#include <vector>

#include "dhcpcore/core/routes.hpp"
#include "dhcpcore/test_support/builders.hpp"
#include "dhcpcore/test_support/show.hpp"

namespace dhcpcore::props {

inline constexpr Ipv4Prefix kLoopback{Ipv4Addr(127, 0, 0, 0), 8};

inline Route masked(const Route& r) { return Route{r.dest.masked(), r.router}; }

inline std::vector<Route> masked(std::span<const Route> in) {
  std::vector<Route> out;
  for (const Route& r : in) out.push_back(masked(r));
  return out;
}

inline bool route_less(const Route& a, const Route& b) {
  return std::tuple(a.dest.addr.value(), a.dest.len, a.router.value()) <
         std::tuple(b.dest.addr.value(), b.dest.len, b.router.value());
}

// is_subsequence: sub appears in seq in order (greedy matching decides it).
inline bool is_subsequence(std::span<const Route> sub, std::span<const Route> seq) {
  std::size_t i = 0;
  for (const Route& x : seq) {
    if (i < sub.size() && sub[i] == x) ++i;
  }
  return i == sub.size();
}

// reachable: the gateway rule of sanitize_routes (reference rule 2).
inline bool reachable(Ipv4Addr router, Ipv4Prefix net, std::span<const Route> earlier_kept) {
  if (net.contains(router)) return true;
  return std::any_of(earlier_kept.begin(), earlier_kept.end(),
                     [&](const Route& k) { return k.dest.contains(router); });
}

// overlaps_protected: the documented RoutePolicy rule: a route inside a
// protected prefix, or covering one; the default route /0 is exempt.
inline bool overlaps_protected(const Ipv4Prefix& dest, const RoutePolicy& p) {
  if (dest.len == 0) return false;
  for (const Ipv4Prefix& prot : p.protected_prefixes) {
    if (prot.covers(dest) || dest.covers(prot)) return true;
  }
  return false;
}

// check_kept_route: everything a kept route must satisfy given the routes
// kept before it.
inline void check_kept_route(const Route& k, Ipv4Prefix net, const RoutePolicy* policy,
                             std::span<const Route> earlier_kept) {
  // Destinations are masked: no host bits (defect 3).
  RC_ASSERT(k.dest == k.dest.masked());
  RC_ASSERT(k.dest.len <= 32);
  // Rule 1 and 2: a gateway is usable unicast and reachable.
  if (!k.on_link()) {
    RC_ASSERT(gen::usable_unicast_model(k.router));
    RC_ASSERT(reachable(k.router, net, earlier_kept));
  }
  // Rule 5: nothing inside 127.0.0.0/8 with prefix >= 8.
  RC_ASSERT(!(k.dest.len >= 8 && kLoopback.contains(k.dest.addr)));
  // Not the interface's own network.
  RC_ASSERT(k.dest != net.masked());
  // Rule 4: first route per destination.
  for (const Route& e : earlier_kept) RC_ASSERT(e.dest != k.dest);
  if (policy != nullptr) {
    RC_ASSERT(policy->allow_short_prefixes || k.dest.len == 0 || k.dest.len >= 8);
    RC_ASSERT(!overlaps_protected(k.dest, *policy));
    if (policy->max_routes != 0) RC_ASSERT(earlier_kept.size() < policy->max_routes);
  }
}

// check_kept_routes: check_kept_route for each kept route in order.
inline void check_kept_routes(const RouteSet& out, Ipv4Prefix net, const RoutePolicy* policy) {
  const auto kept = out.kept.span();
  for (std::size_t i = 0; i < kept.size(); ++i) check_kept_route(kept[i], net, policy, kept.first(i));
}

// expected_verdict: the documented rules of sanitize_routes (routes.hpp), in
// their documented order, for one masked candidate r given the routes kept
// before it: nullopt = keep, else the first rule that drops it.
inline std::optional<RouteDropReason> expected_verdict(const Route& r, Ipv4Prefix net, const RoutePolicy* policy,
                                                       std::span<const Route> earlier_kept) {
  if (!r.on_link() && !gen::usable_unicast_model(r.router)) return RouteDropReason::RouterNotUnicast;
  if (!r.on_link() && !reachable(r.router, net, earlier_kept)) return RouteDropReason::RouterUnreachable;
  if (r.dest.len >= 8 && kLoopback.contains(r.dest.addr)) return RouteDropReason::ShadowsLoopback;
  if (r.dest == net.masked()) return RouteDropReason::ShadowsInterfaceRoute;
  for (const Route& k : earlier_kept) {
    if (k.dest == r.dest) return RouteDropReason::DuplicateDestination;
  }
  if (policy != nullptr) {
    if (!policy->allow_short_prefixes && r.dest.len >= 1 && r.dest.len <= 7) return RouteDropReason::ShortPrefix;
    if (overlaps_protected(r.dest, *policy)) return RouteDropReason::ProtectedPrefix;
    if (policy->max_routes != 0 && earlier_kept.size() >= policy->max_routes) return RouteDropReason::RouteLimit;
  }
  if (earlier_kept.size() >= kMaxRoutes) return RouteDropReason::Capacity;
  return std::nullopt;
}

}  // namespace dhcpcore::props
