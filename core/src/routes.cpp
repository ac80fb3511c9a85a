// routes.cpp: sanitize_routes and the RoutePolicy checks.
#include <optional>

#include "dhcpcore/core/routes.hpp"

namespace dhcpcore {

const char* to_string(RouteDropReason r) noexcept {
  switch (r) {
    case RouteDropReason::RouterNotUnicast: return "RouterNotUnicast";
    case RouteDropReason::RouterUnreachable: return "RouterUnreachable";
    case RouteDropReason::ShadowsLoopback: return "ShadowsLoopback";
    case RouteDropReason::ShadowsInterfaceRoute: return "ShadowsInterfaceRoute";
    case RouteDropReason::DuplicateDestination: return "DuplicateDestination";
    case RouteDropReason::ShortPrefix: return "ShortPrefix";
    case RouteDropReason::ProtectedPrefix: return "ProtectedPrefix";
    case RouteDropReason::RouteLimit: return "RouteLimit";
    case RouteDropReason::Capacity: return "Capacity";
    case RouteDropReason::NoClassfulNetwork: return "NoClassfulNetwork";
  }
  return "Unknown";
}

namespace {

constexpr Ipv4Prefix kLoopbackNet{Ipv4Addr(127, 0, 0, 0), 8};

// reference_verdict applies the reference's rules to one (masked) route
// against the routes kept so far; nullopt means keep.
std::optional<RouteDropReason> reference_verdict(const Route& r, Ipv4Prefix assigned_net,
                                                 const RouteSet& set) noexcept {
  if (!r.on_link()) {
    // lease.go sanitizeRoutes rule 1; usable unicast instead of Go's
    // IsGlobalUnicast || IsLinkLocalUnicast (defect 2: 0/8 and 240/4).
    if (!r.router.is_usable_unicast()) return RouteDropReason::RouterNotUnicast;
    // Rule 2: reachable through the assigned network or an earlier kept route.
    bool reachable = assigned_net.contains(r.router);
    for (const Route& k : set.kept) {
      if (k.dest.contains(r.router)) {
        reachable = true;
        break;
      }
    }
    if (!reachable) return RouteDropReason::RouterUnreachable;
  }
  // Rule 3 (contiguous mask) holds by construction: a prefix is a length.
  // Rule 5: nothing inside 127.0.0.0/8 with prefix >= 8.
  if (r.dest.len >= 8 && kLoopbackNet.contains(r.dest.addr)) return RouteDropReason::ShadowsLoopback;
  // The interface route of the assigned network is the kernel's.
  if (r.dest == assigned_net.masked()) return RouteDropReason::ShadowsInterfaceRoute;
  // Rule 4: first route per destination wins.
  for (const Route& k : set.kept) {
    if (k.dest == r.dest) return RouteDropReason::DuplicateDestination;
  }
  return std::nullopt;
}

std::optional<RouteDropReason> policy_verdict(const Route& r, const RoutePolicy& p,
                                              const RouteSet& set) noexcept {
  if (auto why = policy_prefix_verdict(r.dest, p)) return why;
  if (p.max_routes != 0 && set.kept.size() >= p.max_routes) return RouteDropReason::RouteLimit;
  return std::nullopt;
}

void drop(RouteSet& out, const Route& r, RouteDropReason why) noexcept {
  if (!out.dropped.push_back(DroppedRoute{r, why})) ++out.dropped_overflow;
}

}  // namespace

std::optional<RouteDropReason> policy_prefix_verdict(Ipv4Prefix dest, const RoutePolicy& p) noexcept {
  dest = dest.masked();
  if (!p.allow_short_prefixes && dest.len >= 1 && dest.len <= 7) return RouteDropReason::ShortPrefix;
  // The default route is exempt: it is the least specific route and never
  // takes traffic from a protected prefix's own route (routes.hpp).
  if (dest.len == 0) return std::nullopt;
  for (const Ipv4Prefix& prot : p.protected_prefixes) {
    const Ipv4Prefix pm = prot.masked();
    // Inside it (splits or shadows it) or covering it (takes its traffic).
    if (pm.covers(dest) || dest.covers(pm)) return RouteDropReason::ProtectedPrefix;
  }
  return std::nullopt;
}

void sanitize_routes(std::span<const Route> candidates, Ipv4Prefix assigned_net,
                     const RoutePolicy* policy, RouteSet& out) noexcept {
  for (const Route& raw : candidates) {
    const Route r{raw.dest.masked(), raw.router};  // defect 3: compare masked destinations
    std::optional<RouteDropReason> why = reference_verdict(r, assigned_net, out);
    if (!why && policy != nullptr) why = policy_verdict(r, *policy, out);
    if (!why && out.kept.full()) why = RouteDropReason::Capacity;
    if (why) {
      drop(out, r, *why);
      continue;
    }
    (void)out.kept.push_back(r);  // cannot fail: checked full() above
  }
}

}  // namespace dhcpcore
