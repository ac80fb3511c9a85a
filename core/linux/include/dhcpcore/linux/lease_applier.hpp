// lease_applier.hpp: configure an interface from a lease over rtnetlink.
//
// LeaseApplier executes plan_host (dhcpcore/core/host_plan.hpp, where the
// rules are): it reads the kernel's IPv4 addresses and routes, plans, performs
// the plan's operations in order and reads the state back, which must then
// need no further operation. What it owns on its interface, so that a
// restarted client converges again, and what it never touches, is the plan's
// ownership rule: addresses with IFA_PROTO = 16 that are not permanent, and
// main-table routes of the interface with protocol DHCP. Everything else the
// lease conflicts with is refused and reported (plan().refused), never
// overwritten.
//
// The address carries IFA_F_NOPREFIXROUTE, its lifetimes are the seconds left
// on the lease (1 .. 0xfffffffe: never permanent) and its broadcast is the
// subnet's; the connected route is dhcpcore's own (proto DHCP, scope link,
// preferred source = the address). Routes are added with NLM_F_EXCL unless
// dhcpcore owns the route of that key, so a route that appears between the
// read and the write is not overwritten either.
//
// Linux >= 6.1 is needed (IFA_PROTO); on an older kernel the read-back finds
// the address without its protocol and apply fails saying so.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>

#include "dhcpcore/core/host_plan.hpp"
#include "dhcpcore/core/lease.hpp"
#include "dhcpcore/core/routes.hpp"
#include "dhcpcore/linux/netlink.hpp"
#include "dhcpcore/linux/sys_error.hpp"

namespace dhcpcore::runtime {

// execute_plan performs plan.ops in order; the first failure stops it and
// names the operation. addresses is the state the plan was made from: when
// deleting dhcpcore's primary address would make the kernel delete the
// secondary addresses of its subnet (others' addresses configured after it),
// the interface's promote_secondaries is set to 1 for that delete and put
// back afterwards, so they are promoted instead.
Status execute_plan(Rtnetlink& nl, const HostPlan& plan, std::span<const HostAddress> addresses);

// LeaseApplier: the plan's executor for one interface, with the route policy
// and route metric the daemon runs with (no policy: the reference's rules).
class LeaseApplier {
 public:
  // open: a netlink socket for ifindex.
  static SysResult<LeaseApplier> open(int ifindex, std::optional<RoutePolicy> policy = std::nullopt,
                                      std::uint32_t metric = 0);

  LeaseApplier() = default;
  LeaseApplier(Rtnetlink nl, int ifindex, std::optional<RoutePolicy> policy, std::uint32_t metric = 0);

  // apply: read the state, plan for lease (nullptr: lost, released or
  // stopped: remove what dhcpcore owns), execute, read back. now is on the
  // clock of lease->expires_at(). A plan larger than HostPlan holds is
  // applied in parts (at most 4 rounds).
  Status apply(const Lease* lease, std::chrono::milliseconds now);
  // remove_all: apply(nullptr, ...), for a clean shutdown.
  Status remove_all();

  // plan: the first plan of the latest apply (its refusals are what the
  // lease could not do to the host).
  const HostPlan& plan() const noexcept { return *plan_; }
  int ifindex() const noexcept { return ifindex_; }
  const RoutePolicy* policy() const noexcept { return policy_ ? &*policy_ : nullptr; }

 private:
  Rtnetlink nl_;
  int ifindex_ = 0;
  std::optional<RoutePolicy> policy_;
  std::uint32_t metric_ = 0;
  std::unique_ptr<HostPlan> plan_ = std::make_unique<HostPlan>();
  std::unique_ptr<HostPlan> scratch_ = std::make_unique<HostPlan>();
};

}  // namespace dhcpcore::runtime
