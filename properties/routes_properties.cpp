// Properties of sanitize_routes (routes.hpp) over generated candidate routes
// and assigned networks, without a policy and with a generated RoutePolicy
// (each case picks one or the other).
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

// maybe_policy: nullptr (the reference's rules only) or a generated policy
// related to the routes, stored in storage.
const RoutePolicy* maybe_policy(const gen::RouteScenario& s, RoutePolicy& storage) {
  if (!*rc::gen::arbitrary<bool>()) return nullptr;
  storage = *gen::route_policy_for(s.routes);
  return &storage;
}

RouteSet sanitize(const gen::RouteScenario& s, const RoutePolicy* policy) {
  RouteSet out;
  sanitize_routes(s.routes, s.assigned_net, policy, out);
  return out;
}

RC_GTEST_PROP(SanitizeRoutes, KeptRoutesAreAnOrderPreservingSubsequenceOfTheMaskedInput,
              (const gen::RouteScenario& s)) {
  RoutePolicy storage;
  const RoutePolicy* policy = maybe_policy(s, storage);
  const RouteSet out = sanitize(s, policy);
  const std::vector<Route> in = masked(s.routes);
  RC_ASSERT(is_subsequence(out.kept.span(), in));
}

RC_GTEST_PROP(SanitizeRoutes, KeptAndDroppedAccountForEveryInputRoute, (const gen::RouteScenario& s)) {
  RoutePolicy storage;
  const RoutePolicy* policy = maybe_policy(s, storage);
  const RouteSet out = sanitize(s, policy);
  RC_ASSERT(out.kept.size() + out.dropped.size() + out.dropped_overflow == s.routes.size());
  if (s.routes.size() > kMaxRoutes) return;  // beyond capacity only the count is exact
  RC_ASSERT(out.dropped_overflow == 0u);
  // Every masked input is in exactly one of kept and dropped (as multisets),
  // and the dropped routes are in input order too.
  std::vector<Route> in = masked(s.routes);
  std::vector<Route> dropped;
  for (const auto& d : out.dropped) dropped.push_back(d.route);
  RC_ASSERT(is_subsequence(dropped, in));
  std::vector<Route> all(out.kept.begin(), out.kept.end());
  all.insert(all.end(), dropped.begin(), dropped.end());
  std::sort(all.begin(), all.end(), route_less);
  std::sort(in.begin(), in.end(), route_less);
  RC_ASSERT(all == in);
}

RC_GTEST_PROP(SanitizeRoutes, NoTwoKeptRoutesHaveTheSameDestination, (const gen::RouteScenario& s)) {
  RoutePolicy storage;
  const RouteSet out = sanitize(s, maybe_policy(s, storage));
  for (std::size_t i = 0; i < out.kept.size(); ++i) {
    for (std::size_t j = i + 1; j < out.kept.size(); ++j) RC_ASSERT(out.kept[i].dest != out.kept[j].dest);
  }
}

RC_GTEST_PROP(SanitizeRoutes, EveryKeptDestinationIsMaskedToItsPrefixLength, (const gen::RouteScenario& s)) {
  RoutePolicy storage;
  const RouteSet out = sanitize(s, maybe_policy(s, storage));
  for (const Route& k : out.kept) {
    RC_ASSERT(k.dest.len <= 32);
    RC_ASSERT((k.dest.addr.value() & ~prefix_mask(k.dest.len)) == 0u);
  }
  for (const DroppedRoute& d : out.dropped) RC_ASSERT((d.route.dest.addr.value() & ~prefix_mask(d.route.dest.len)) == 0u);
}

RC_GTEST_PROP(SanitizeRoutes, NoKeptRouteLiesInsideLoopbackWithPrefixAtLeast8, (const gen::RouteScenario& s)) {
  RoutePolicy storage;
  const RouteSet out = sanitize(s, maybe_policy(s, storage));
  for (const Route& k : out.kept) RC_ASSERT(!(k.dest.len >= 8 && (k.dest.addr.value() >> 24) == 127u));
}

RC_GTEST_PROP(SanitizeRoutes, NoKeptRouteEqualsTheInterfaceNetwork, (const gen::RouteScenario& s)) {
  RoutePolicy storage;
  const RouteSet out = sanitize(s, maybe_policy(s, storage));
  const Ipv4Prefix iface{Ipv4Addr(s.assigned_net.addr.value() & prefix_mask(s.assigned_net.len)), s.assigned_net.len};
  for (const Route& k : out.kept) RC_ASSERT(k.dest != iface);
}

RC_GTEST_PROP(SanitizeRoutes, EveryKeptGatewayIsUsableUnicastAndInsideTheNetworkOrAnEarlierRoute,
              (const gen::RouteScenario& s)) {
  RoutePolicy storage;
  const RouteSet out = sanitize(s, maybe_policy(s, storage));
  const auto kept = out.kept.span();
  for (std::size_t i = 0; i < kept.size(); ++i) {
    if (kept[i].on_link()) continue;
    RC_ASSERT(model::usable_unicast(kept[i].router));
    RC_ASSERT(reachable(kept[i].router, s.assigned_net, kept.first(i)));
  }
}

RC_GTEST_PROP(SanitizeRoutes, SanitizingTheKeptRoutesAgainKeepsThemAll, (const gen::RouteScenario& s)) {
  RoutePolicy storage;
  const RoutePolicy* policy = maybe_policy(s, storage);
  const RouteSet once = sanitize(s, policy);
  RouteSet twice;
  sanitize_routes(once.kept.span(), s.assigned_net, policy, twice);
  RC_ASSERT(twice.kept == once.kept);
  RC_ASSERT(twice.dropped.empty());
  RC_ASSERT(twice.dropped_overflow == 0u);
}

// A model of the documented rules (models.hpp route_verdict),
// applied in order: the kept list, every drop reason and the overflow count
// are exactly what the rules say.
RC_GTEST_PROP(SanitizeRoutes, EachRouteGetsTheVerdictOfTheFirstRuleItBreaks, (const gen::RouteScenario& s)) {
  RoutePolicy storage;
  const RoutePolicy* policy = maybe_policy(s, storage);
  const RouteSet out = sanitize(s, policy);
  std::vector<Route> kept;
  std::vector<DroppedRoute> dropped;
  for (const Route& raw : s.routes) {
    const Route r = masked(raw);
    if (auto why = model::route_verdict(r, s.assigned_net, policy, kept)) {
      dropped.push_back(DroppedRoute{r, *why});
    } else {
      kept.push_back(r);
    }
  }
  RC_ASSERT(std::vector<Route>(out.kept.begin(), out.kept.end()) == kept);
  const std::size_t stored = std::min(dropped.size(), kMaxRoutes);
  RC_ASSERT(std::vector<DroppedRoute>(out.dropped.begin(), out.dropped.end()) ==
            std::vector<DroppedRoute>(dropped.begin(), dropped.begin() + static_cast<std::ptrdiff_t>(stored)));
  RC_ASSERT(out.dropped_overflow == dropped.size() - stored);
}

RC_GTEST_PROP(SanitizeRoutes, ReferencePolicyDecidesExactlyAsNoPolicy, (const gen::RouteScenario& s)) {
  const RoutePolicy reference = RoutePolicy::reference();
  const RouteSet with = sanitize(s, &reference);
  const RouteSet without = sanitize(s, nullptr);
  RC_ASSERT(with.kept == without.kept);
  RC_ASSERT(with.dropped == without.dropped);
  RC_ASSERT(with.dropped_overflow == without.dropped_overflow);
}

}  // namespace
}  // namespace dhcpcore::props
