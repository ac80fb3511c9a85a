// lease_applier.hpp: configure an interface from a lease over rtnetlink.
//
// A port of the reference's callback.go (ManageIP, ManageRoutes). Both take
// ownership of part of the kernel's state so that a restarted or crashed
// client converges again:
//
// - manage_ip owns every IPv4 address of the interface without
//   IFA_F_PERMANENT. With a lease it deletes all of them but one equal to
//   the lease's address (same IP, same prefix length, no peer: the kernel
//   updates that one in place) and then replaces the lease's address
//   (RTM_NEWADDR, NLM_F_REPLACE) with valid and preferred lifetime = the
//   seconds left on the lease, rounded up, and the broadcast address of
//   option 28 (the subnet's broadcast when 28 is absent and the prefix is
//   shorter than /31). Without a lease (lost) it deletes all of them.
// - manage_routes owns the RTPROT_DHCP routes of the interface in the main
//   table. It replaces (NLM_F_CREATE|NLM_F_REPLACE) each route of
//   Lease::routes(policy) with protocol DHCP, the route's gateway, preferred
//   source = the assigned IP, scope universe (scope link when the gateway is
//   0.0.0.0: on-link), then deletes the owned routes whose destination is
//   not among them. Without a lease it deletes all of them.
//
// Run them in the order LeaseApplier does: the address before the routes on
// a lease (a gateway must be reachable through the new address), the routes
// before the address when the lease is lost.
//
// Differences from the reference, all on the safe side: lifetimes are
// clamped to 1 .. 0xfffffffe s (0 is refused by the kernel, and
// 0xffffffff, "infinite", would make the address permanent and so no longer
// ours); deleting an address or route that is already gone is success
// (the reference fails on EADDRNOTAVAIL and ESRCH); the new routes are in
// place before the stale ones go (the reference deletes first; the end
// state is the same).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

#include "dhcpcore/core/lease.hpp"
#include "dhcpcore/core/routes.hpp"
#include "dhcpcore/linux/netlink.hpp"
#include "dhcpcore/linux/sys_error.hpp"

namespace dhcpcore {

// remaining_lifetime_s: seconds from now to expires_at, rounded up, clamped
// to 1 .. 0xfffffffe (both times on the same clock).
std::uint32_t remaining_lifetime_s(std::chrono::milliseconds expires_at,
                                   std::chrono::milliseconds now) noexcept;

// lease_broadcast: option 28 when it is 4 bytes; else the broadcast address
// of ip_net() when its prefix is shorter than /31; else none.
std::optional<Ipv4Addr> lease_broadcast(const Lease& lease) noexcept;

// manage_ip / manage_routes: see above. lease == nullptr means "no lease".
Status manage_ip(Rtnetlink& nl, int ifindex, const Lease* lease, std::chrono::milliseconds now);
Status manage_routes(Rtnetlink& nl, int ifindex, const Lease* lease,
                     const RoutePolicy* policy = nullptr);

// LeaseApplier: both callbacks for one interface, with the route policy the
// daemon runs with (none: the reference's rules only).
class LeaseApplier {
 public:
  // open: a netlink socket for ifindex.
  static SysResult<LeaseApplier> open(int ifindex, std::optional<RoutePolicy> policy = std::nullopt);

  LeaseApplier() = default;
  LeaseApplier(Rtnetlink nl, int ifindex, std::optional<RoutePolicy> policy) noexcept
      : nl_(std::move(nl)), ifindex_(ifindex), policy_(std::move(policy)) {}

  // apply: lease != nullptr: manage_ip, then manage_routes; lease ==
  // nullptr (lost or released): manage_routes, then manage_ip, which leaves
  // no address and no DHCP route on the interface. now is on the clock of
  // lease->expires_at().
  Status apply(const Lease* lease, std::chrono::milliseconds now);
  // remove_all: for a clean shutdown: deletes every DHCP route and every
  // non-permanent IPv4 address of the interface (apply(nullptr, ...)).
  Status remove_all();

  int ifindex() const noexcept { return ifindex_; }
  const RoutePolicy* policy() const noexcept { return policy_ ? &*policy_ : nullptr; }

 private:
  Rtnetlink nl_;
  int ifindex_ = 0;
  std::optional<RoutePolicy> policy_;
};

}  // namespace dhcpcore
