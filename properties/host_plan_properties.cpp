// Properties of plan_host (host_plan.hpp): a generated lease
// (gen::host_plan_lease) meets a generated host (gen::host_scene: addresses
// and routes of every owner placed where the lease touches or conflicts with
// them, often after an earlier plan of dhcpcore's), the plan is applied by
// the kernel model, and the invariants of test_support/host_plan_checks.hpp
// (shared with fuzz/host_plan_fuzzer.cpp) must hold.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <string>

#include "dhcpcore/core/host_plan.hpp"
#include "dhcpcore/test_support/generators.hpp"
#include "dhcpcore/test_support/host_plan_checks.hpp"

namespace dhcpcore::props {
namespace {

using Check = std::string (*)(const gen::PlanCase&);

// holds: check on the lease's plan and, when also_removal, on the removal
// plan of the same scene (which has owned objects whenever it has a history).
void holds(Check check, bool also_removal) {
  const Lease lease = *gen::host_plan_lease();
  const gen::HostScene scene = *gen::host_scene(lease);
  const gen::PlanCase c = gen::plan_case(scene, &lease);
  if (const std::string what = check(c); !what.empty()) RC_FAIL(what);
  if (!also_removal) return;
  const gen::PlanCase r = gen::plan_case(scene, nullptr);
  if (const std::string what = check(r); !what.empty()) RC_FAIL(std::string("removal: ") + what);
}

RC_GTEST_PROP(HostPlan, NothingInThePlanViolatesThePolicy, ()) { holds(gen::check_policy, false); }

RC_GTEST_PROP(HostPlan, OnlyOwnedObjectsAreReplacedOrDeletedAndEveryForeignOneSurvives, ()) {
  holds(gen::check_ownership, true);
}

RC_GTEST_PROP(HostPlan, NoOperationCollidesWithAKeyOrAnAddressOfAnotherOwner, ()) {
  holds(gen::check_no_collision, true);
}

RC_GTEST_PROP(HostPlan, AfterThePlanDhcpcoreOwnsExactlyThePlannedAddressAndRoutes, ()) {
  holds(gen::check_end_state, true);
}

RC_GTEST_PROP(HostPlan, PlanningAgainForTheAppliedStatePlansNothing, ()) { holds(gen::check_idempotent, true); }

RC_GTEST_PROP(HostPlan, RemovalAfterTheLeaseGivesBackEveryForeignObjectAndNothingOwnedRemains, ()) {
  holds(gen::check_removal, true);
}

RC_GTEST_PROP(HostPlan, BroadcastIsTheSubnetsAndAnotherOption28IsReported, ()) {
  holds(gen::check_broadcast, false);
}

RC_GTEST_PROP(HostPlan, OperationsComeInTheDocumentedOrder, ()) { holds(gen::check_order, true); }

// More owned addresses than one plan deletes (kMaxOwnedAddresses): the plan
// deletes that many, counts the rest as overflow, and plan-apply rounds (what
// the executor does) reach the lease's state, each round within the rules.
RC_GTEST_PROP(HostPlan, RoundsConvergeWhenMoreOwnedAddressesThanOnePlanDeletes, ()) {
  const Lease lease = *gen::host_plan_lease();
  gen::HostScene scene = *gen::host_scene(lease);
  const auto extra = *gen::uniform(kMaxOwnedAddresses + 1, 3 * kMaxOwnedAddresses);
  gen::add_owned_addresses(scene, extra);
  const bool with_lease = *rc::gen::arbitrary<bool>();
  const Lease* l = with_lease ? &lease : nullptr;
  for (int round = 0; round < 8; ++round) {
    const gen::PlanCase c = gen::plan_case(scene, l);
    std::size_t deleted = 0;
    for (const HostOp& op : c.plan.ops) deleted += op.kind == HostOpKind::DeleteAddress ? 1 : 0;
    RC_ASSERT(deleted <= kMaxOwnedAddresses + 1);  // + the lease's own address deleted and added again
    for (const Check check : {gen::check_policy, gen::check_ownership, gen::check_no_collision, gen::check_order}) {
      if (const std::string what = check(c); !what.empty()) {
        RC_FAIL(std::string("round ") + std::to_string(round) + ": " + what);
      }
    }
    if (c.plan.ops_overflow == 0) {
      if (const std::string what = gen::check_end_state(c); !what.empty()) RC_FAIL(what);
      return;
    }
    RC_ASSERT(deleted >= kMaxOwnedAddresses);  // a plan that overflows did all it could
    scene.state = c.run.state;
  }
  RC_FAIL("eight rounds did not converge");
}

}  // namespace
}  // namespace dhcpcore::props
