// host_plan_checks.hpp: the invariants of plan_host (host_plan.hpp), checked
// on the plan and on what the kernel model (kernel_model.hpp) makes of it.
// Shared by the properties (properties/host_plan_properties.cpp, RC_ASSERT)
// and the host_plan fuzz target (FUZZ_CHECK), as client_observer.hpp is for
// the client: one copy of each rule (library dhcpcore::test_builders, no
// RapidCheck). Each check returns "" when it holds, else what broke.
//
// The rules are restated from host_plan.hpp's and routes.hpp's comments,
// not taken from the code they check (no owned_address, no
// policy_prefix_verdict, no same_key):
// - check_policy: no route added or replaced, and no route of dhcpcore's
//   left after the plan, has a destination the policy refuses (/1../7
//   unless allowed; inside or covering a protected prefix, the default
//   route exempt); no address of dhcpcore's is inside a protected prefix;
//   a connected prefix the policy refuses is never installed, the address is
//   then /32 and the refusal is reported (ConnectedPrefix), and one it
//   allows keeps the mask's prefix.
// - check_ownership: every Delete and Replace acts on exactly the owned
//   object it names, except that a route delete (RTM_DELROUTE names no
//   source or scope) may take an owned twin that goes anyway: one another
//   delete names, or one of a key a later replace makes right; a delete may
//   find nothing only when its route went earlier in the plan (with its
//   source address, or taken for a twin);
//   everything added is owned (so a removal finds it); at most
//   kMaxOwnedAddresses stale addresses deleted per plan;
//   after the plan every object of the state that dhcpcore does not own is
//   there unchanged, except the main-table routes whose preferred source was
//   the IP of an owned address the plan deleted: the kernel removes those
//   itself (fib_sync_down_addr), whoever installed them.
// - check_no_collision: no operation fails in the model (no Add of an
//   existing key, no route whose source no address holds), no added or
//   replaced route has the key of a route dhcpcore does not own, and the
//   lease's IP held by an address dhcpcore does not own is never installed.
// - check_end_state: after the plan dhcpcore owns exactly the planned
//   address (with the lease's IP) and plan.routes routes, all with the
//   lease's IP as source; without a lease, nothing.
// - check_idempotent: planning again for the applied state (same lease,
//   same time) gives no operation. When the kernel removed a foreign route
//   with a deleted address, a lease route it blocked may be installed by
//   the next plan; then the plan after that must be empty.
// - check_removal: from the applied state the removal plan (no lease)
//   deletes only, leaves nothing owned, and gives back every object of the
//   original state dhcpcore did not own (with the same kernel exception).
// - check_broadcast: the planned address's broadcast is its subnet's for
//   prefixes up to /30 and none for /31 and /32; a 4-byte option 28 that
//   differs from it is reported once as BroadcastIgnored, an equal one never.
// - check_order: address added or updated before any route is added or
//   replaced; with a lease, routes added or replaced before stale routes are
//   deleted, except owned routes of a key the lease replaces, deleted right
//   before that replace (host_plan.hpp); routes deleted before addresses,
//   except an owned address of the lease's key deleted and at once added
//   again in another shape.
#pragma once

#include <string>

#include "dhcpcore/core/host_plan.hpp"
#include "dhcpcore/core/lease.hpp"
#include "dhcpcore/test_support/host_scene.hpp"
#include "dhcpcore/test_support/kernel_model.hpp"

namespace dhcpcore::gen {

// dhcpcore's ownership rule (host_plan.hpp) and the RoutePolicy's prefix
// rule (routes.hpp), restated.
bool model_owns_address(const HostAddress& a, int ifindex) noexcept;
bool model_owns_route(const HostRoute& r, int ifindex) noexcept;
bool model_policy_refuses(const RoutePolicy& p, Ipv4Prefix dest) noexcept;
// model_connected_refused: the same for the connected prefix of the mask,
// where a protected 0.0.0.0/0 (full tunnel) does not count.
bool model_connected_refused(const RoutePolicy& p, Ipv4Prefix net) noexcept;
// subnet_broadcast_of: the broadcast address a prefix has (none for /31, /32).
std::optional<Ipv4Addr> subnet_broadcast_of(Ipv4Prefix p) noexcept;

// PlanCase: plan_host for a lease (nullptr: removal) in a scene, and the
// plan applied to the scene's state by the kernel model.
struct PlanCase {
  const HostScene* scene = nullptr;
  const Lease* lease = nullptr;
  HostPlan plan;
  ModelRun run;
};
PlanCase plan_case(const HostScene& scene, const Lease* lease);

std::string check_policy(const PlanCase& c);
std::string check_ownership(const PlanCase& c);
std::string check_no_collision(const PlanCase& c);
std::string check_end_state(const PlanCase& c);
std::string check_idempotent(const PlanCase& c);
std::string check_removal(const PlanCase& c);
std::string check_broadcast(const PlanCase& c);
std::string check_order(const PlanCase& c);
// check_all: every check above, the first that breaks.
std::string check_all(const PlanCase& c);

// describe: the plan (ops and refusals), for failure messages.
std::string describe(const HostPlan& plan);

}  // namespace dhcpcore::gen
