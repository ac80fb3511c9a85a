// route_checks.hpp: invariants of a RouteSet that sanitize_routes produced,
// asserted with RC_ASSERT (so they can only be called inside a property).
// Shared by the routes, policy and lease properties. The rules themselves
// are the models in dhcpcore/test_support/models.hpp (route_verdict,
// kept_route_violation), shared with the fuzz targets.
#pragma once

#include <rapidcheck.h>

#include <span>
#include <string>
#include <tuple>
#include <vector>

#include "dhcpcore/core/routes.hpp"
#include "dhcpcore/test_support/builders.hpp"
#include "dhcpcore/test_support/models.hpp"
#include "dhcpcore/test_support/show.hpp"

namespace dhcpcore::props {

using model::overlaps_protected;
using model::reachable;

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

// check_kept_route: everything a kept route must satisfy given the routes
// kept before it (model::kept_route_violation names the rule it breaks).
inline void check_kept_route(const Route& k, Ipv4Prefix net, const RoutePolicy* policy,
                             std::span<const Route> earlier_kept) {
  if (const char* broken = model::kept_route_violation(k, net, policy, earlier_kept)) {
    RC_FAIL(std::string("kept route ") + rc::toString(k) + ": " + broken);
  }
}

// check_kept_routes: check_kept_route for each kept route in order.
inline void check_kept_routes(const RouteSet& out, Ipv4Prefix net, const RoutePolicy* policy) {
  const auto kept = out.kept.span();
  for (std::size_t i = 0; i < kept.size(); ++i) check_kept_route(kept[i], net, policy, kept.first(i));
}

}  // namespace dhcpcore::props
