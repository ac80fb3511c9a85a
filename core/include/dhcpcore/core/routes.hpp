// routes.hpp: routes derived from a lease, the reference's sanitizer, and the
// opt-in RoutePolicy against route hijacking.
//
// sanitize_routes ports sanitizeRoutes of the reference (lease.go) rule by
// rule, in its order, with destinations masked to their prefix (defect 3,
// docs/DESIGN.md#defect-3) and the router check tightened to usable unicast
// (defect 2, docs/DESIGN.md#defect-2).
// RoutePolicy goes beyond the reference: protected prefixes no DHCP route may
// cover, split or shadow (TunnelVision, CVE-2024-3661), refusal of very short
// prefixes, and a cap on the number of routes. Every dropped route is kept
// in the result with the reason it was dropped.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "dhcpcore/core/static_vector.hpp"
#include "dhcpcore/parsers/address.hpp"

namespace dhcpcore {

struct Route {
  Ipv4Prefix dest;   // masked by sanitize_routes
  Ipv4Addr router;   // 0.0.0.0: on-link (no gateway)
  bool operator==(const Route&) const = default;
  bool on_link() const noexcept { return router.is_unspecified(); }
};

enum class RouteDropReason : std::uint8_t {
  RouterNotUnicast,       // reference rule 1: gateway not a usable unicast address
  RouterUnreachable,      // reference rule 2: gateway outside the assigned network and earlier routes
  ShadowsLoopback,        // reference rule 5: inside 127.0.0.0/8 with prefix >= 8
  ShadowsInterfaceRoute,  // reference: equal to the interface's own network
  DuplicateDestination,   // reference rule 4: same destination as an earlier kept route
  ShortPrefix,            // policy: prefix /1../7 (only /0 or >= /8 unless allowed)
  ProtectedPrefix,        // policy: covers, splits or shadows a protected prefix
  RouteLimit,             // policy: more routes than max_routes
  Capacity,               // more candidate routes than RouteSet holds (kMaxRoutes)
  NoClassfulNetwork,      // option 33: destination in 224/4 or 240/4 (incl. 255.255.255.255), no class A/B/C network
};
const char* to_string(RouteDropReason r) noexcept;

struct DroppedRoute {
  Route route;
  RouteDropReason reason;
  bool operator==(const DroppedRoute&) const = default;
};

// Most routes one lease can yield: option 121 in a 1500-byte message holds at
// most ~250 five-byte routes, of which only distinct destinations survive; 128
// distinct routes is far beyond any real network, and the rest are reported as
// dropped (Capacity), never silently lost.
inline constexpr std::size_t kMaxRoutes = 128;
// Most protected prefixes a policy holds (a VPN has a handful).
inline constexpr std::size_t kMaxProtectedPrefixes = 16;

struct RouteSet {
  StaticVector<Route, kMaxRoutes> kept;
  StaticVector<DroppedRoute, kMaxRoutes> dropped;
  std::size_t dropped_overflow = 0;  // dropped routes that did not fit `dropped`
};

struct RoutePolicy {
  // Prefixes no DHCP route may overlap: a route inside one (it splits or
  // shadows part of it) or covering one (it takes its traffic) is dropped. The
  // default route 0.0.0.0/0 is exempt: it is the least specific route and
  // never beats the protected prefix's own route; protect 0.0.0.0/0 itself to
  // refuse every DHCP route but the default (full-tunnel VPN).
  StaticVector<Ipv4Prefix, kMaxProtectedPrefixes> protected_prefixes;
  // Routes /1 to /7 are refused unless allowed: no real network hands them out,
  // and TunnelVision uses 0.0.0.0/1 + 128.0.0.0/1 to override a VPN default.
  bool allow_short_prefixes = false;
  // Keep at most this many routes (0 = no cap beyond kMaxRoutes).
  std::size_t max_routes = 32;

  // reference: no policy at all, only the reference's rules (with the three
  // defect fixes, which apply in every mode).
  static RoutePolicy reference() noexcept {
    RoutePolicy p;
    p.allow_short_prefixes = true;
    p.max_routes = 0;
    return p;
  }
  // hardened: short prefixes refused, at most 32 routes, no protected prefix
  // unless added.
  static RoutePolicy hardened() noexcept { return RoutePolicy{}; }
};

// policy_prefix_verdict: the policy's rules for one destination on its own
// (short prefix, protected prefixes; not the cap, which counts routes), as
// sanitize_routes applies them; nullopt when the policy allows it. The host
// plan checks the connected prefix of a lease's mask with it.
std::optional<RouteDropReason> policy_prefix_verdict(Ipv4Prefix dest, const RoutePolicy& policy) noexcept;

// sanitize_routes filters candidate routes (in order) for an interface whose
// assigned network is assigned_net, appending each kept route to out.kept and
// each dropped one, with its reason, to out.dropped. Rules, in the reference's
// order, per route:
//   1. a gateway (not 0.0.0.0) must be usable unicast, and
//   2. inside assigned_net or inside an earlier kept route's destination;
//   3. (contiguous mask: guaranteed by Ipv4Prefix, a length, not a mask)
//   5. no destination inside 127.0.0.0/8 with prefix >= 8;
//      no destination equal to assigned_net (shadows the interface route);
//   4. no destination equal to an earlier kept one;
// then, when a policy is given, its rules (short prefix, protected, cap).
// Destinations are masked to their prefix first. Allocates nothing.
// out is appended to, not cleared: routes already in out.kept count as earlier
// kept routes (for rules 2 and 4 and the policy cap). Pass an empty RouteSet
// unless that is what you want.
void sanitize_routes(std::span<const Route> candidates, Ipv4Prefix assigned_net,
                     const RoutePolicy* policy, RouteSet& out) noexcept;

}  // namespace dhcpcore
