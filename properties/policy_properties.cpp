// Properties of RoutePolicy (routes.hpp) applied by sanitize_routes: the
// protected-prefix rule as documented (a route inside a protected prefix, or
// covering one, is dropped; the default route 0.0.0.0/0 is exempt), the
// short-prefix rule and the route cap.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <vector>

#include "dhcpcore/core/routes.hpp"
#include "dhcpcore/test_support/generators.hpp"
#include "route_checks.hpp"

namespace dhcpcore::props {
namespace {

// inside: every address of a is in b (written with masks, not with
// Ipv4Prefix::covers, which is what is under test).
bool inside(const Ipv4Prefix& a, const Ipv4Prefix& b) {
  return a.len >= b.len && ((a.addr.value() ^ b.addr.value()) & prefix_mask(b.len)) == 0;
}

RouteSet sanitize(const gen::RouteScenario& s, const RoutePolicy& policy) {
  RouteSet out;
  sanitize_routes(s.routes, s.assigned_net, &policy, out);
  return out;
}

RC_GTEST_PROP(RoutePolicyRules, NoKeptRouteOverlapsAProtectedPrefixExceptTheDefaultRoute,
              (const gen::RouteScenario& s)) {
  const RoutePolicy policy = *gen::route_policy_for(s.routes);
  const RouteSet out = sanitize(s, policy);
  for (const Route& k : out.kept) {
    if (k.dest.len == 0) continue;  // exempt by design (routes.hpp)
    for (const Ipv4Prefix& prot : policy.protected_prefixes) {
      RC_ASSERT(!inside(k.dest, prot));  // splits or shadows it
      RC_ASSERT(!inside(prot, k.dest));  // takes its traffic
    }
  }
}

RC_GTEST_PROP(RoutePolicyRules, ProtectingZeroSlashZeroRefusesEveryRouteButTheDefault,
              (const gen::RouteScenario& s)) {
  RoutePolicy policy = *gen::route_policy_for(s.routes);
  if (policy.protected_prefixes.full()) return;
  (void)policy.protected_prefixes.push_back(Ipv4Prefix{*gen::ipv4_addr(), 0});
  const RouteSet out = sanitize(s, policy);
  RC_ASSERT(out.kept.size() <= 1u);
  for (const Route& k : out.kept) RC_ASSERT(k.dest.len == 0);
}

RC_GTEST_PROP(RoutePolicyRules, NoPrefixFrom1To7IsKeptUnlessAllowed, (const gen::RouteScenario& s)) {
  RoutePolicy policy = *gen::route_policy_for(s.routes);
  policy.allow_short_prefixes = false;
  const RouteSet out = sanitize(s, policy);
  for (const Route& k : out.kept) RC_ASSERT(k.dest.len == 0 || k.dest.len >= 8);
}

RC_GTEST_PROP(RoutePolicyRules, KeptRoutesNeverExceedMaxRoutes, (const gen::RouteScenario& s)) {
  const RoutePolicy policy = *gen::route_policy_for(s.routes);
  const RouteSet out = sanitize(s, policy);
  if (policy.max_routes != 0) RC_ASSERT(out.kept.size() <= policy.max_routes);
  RC_ASSERT(out.kept.size() <= kMaxRoutes);
}

// The cap is the last rule: with max_routes = m the kept routes are the
// first m of those kept without a cap (same other rules).
RC_GTEST_PROP(RoutePolicyRules, CapKeepsTheFirstMaxRoutesOfTheUncappedResult, (const gen::RouteScenario& s)) {
  RoutePolicy uncapped = *gen::route_policy_for(s.routes);
  uncapped.max_routes = 0;
  RoutePolicy capped = uncapped;
  capped.max_routes = *gen::uniform(1, 40);
  const RouteSet all = sanitize(s, uncapped);
  const RouteSet some = sanitize(s, capped);
  const std::size_t n = std::min(all.kept.size(), capped.max_routes);
  RC_ASSERT(std::vector<Route>(some.kept.begin(), some.kept.end()) ==
            std::vector<Route>(all.kept.begin(), all.kept.begin() + static_cast<std::ptrdiff_t>(n)));
}

}  // namespace
}  // namespace dhcpcore::props
