// host_plan.hpp: what a lease does to the host, as data.
//
// plan_host is a pure, allocation-free function: given the lease (or none:
// lost, released, stopped), the host's current IPv4 addresses and routes as
// the kernel reports them (with what says who owns each: flags, protocol,
// table, interface) and the route policy, it returns the ordered operations
// that bring the interface to the lease, and every item of the lease it
// refuses, with a named reason. An executor (dhcpcore::linux::LeaseApplier)
// reads the state, plans, performs the operations and reads back; the fuzz
// target and the properties check the plan itself.
//
// Rules (docs/HOST.md#host-level-hardening-what-a-lease-does-to-the-host):
// - Ownership. dhcpcore owns exactly the addresses of its interface that carry
//   its address protocol (IFA_PROTO = kAddrProtoDhcp) and are not permanent,
//   and the routes of its interface in the main table with protocol DHCP.
//   Nothing else is ever modified or deleted: a conflict with it is refused,
//   naming what it conflicts with, and the rest of the lease applies where
//   that is safe.
// - The address is the lease's IP with the prefix of its mask, installed with
//   IFA_F_NOPREFIXROUTE: the connected route is dhcpcore's own route (proto
//   DHCP, scope link), so it is checked like every other route. Its
//   broadcast is the subnet's (none for /31 and /32); option 28 is used only
//   when it equals that, else it is ignored and reported.
// - The connected prefix goes through the RoutePolicy's prefix rules (short
//   prefixes, protected prefixes). When they refuse it the address is
//   installed as /32 with no connected route, and the lease's routes are
//   sanitized against that /32 (a gateway only the refused prefix made
//   reachable is refused as well).
// - The lease's IP inside a protected prefix, already configured by someone
//   else on this interface, or configured on another interface: the address
//   is refused and so is every route of the lease (they would use it as
//   their source).
// - A lease route whose table, destination, TOS and metric equal those of a
//   route dhcpcore does not own (what the kernel's NLM_F_REPLACE would
//   overwrite) is refused; a route whose gateway is reachable only through a
//   refused route is refused.
// - Order: address added or updated, then routes added or replaced in the
//   lease's order (a gateway's route before the routes through it), then
//   dhcpcore's stale routes deleted, then its stale addresses. Without a
//   lease: every owned route, then every owned address. Two exceptions: an
//   owned address of the lease's key but another shape is deleted and added
//   again first (the kernel's replace keeps broadcast and flags); and when
//   dhcpcore owns two or more routes of a lease route's key, all but one are
//   deleted right before that route replaces the last (RTM_DELROUTE names
//   neither source nor scope: deleted after the replace, one of them could
//   match the new route first; before it, a delete that takes another of
//   them instead leaves one route of the key all the same).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "dhcpcore/core/lease.hpp"
#include "dhcpcore/core/routes.hpp"
#include "dhcpcore/core/static_vector.hpp"
#include "dhcpcore/parsers/address.hpp"

namespace dhcpcore {

// Linux's values, restated so core/ includes no Linux header; the Linux
// executor static_asserts that they equal <linux/rtnetlink.h> and
// <linux/if_addr.h>.
namespace host {
inline constexpr std::uint8_t kProtoKernel = 2;       // RTPROT_KERNEL
inline constexpr std::uint8_t kProtoDhcp = 16;        // RTPROT_DHCP
inline constexpr std::uint32_t kTableMain = 254;      // RT_TABLE_MAIN
inline constexpr std::uint32_t kTableLocal = 255;     // RT_TABLE_LOCAL
inline constexpr std::uint8_t kScopeUniverse = 0;     // RT_SCOPE_UNIVERSE
inline constexpr std::uint8_t kScopeLink = 253;       // RT_SCOPE_LINK
inline constexpr std::uint8_t kScopeHost = 254;       // RT_SCOPE_HOST
inline constexpr std::uint8_t kTypeUnicast = 1;       // RTN_UNICAST
inline constexpr std::uint32_t kAddrSecondary = 0x01;       // IFA_F_SECONDARY
inline constexpr std::uint32_t kAddrPermanent = 0x80;       // IFA_F_PERMANENT
inline constexpr std::uint32_t kAddrNoPrefixRoute = 0x200;  // IFA_F_NOPREFIXROUTE
// The IFA_PROTO value dhcpcore marks its addresses with (Linux >= 6.1; the
// kernel itself uses 0-3). 16, as RTPROT_DHCP marks DHCP routes.
inline constexpr std::uint8_t kAddrProtoDhcp = 16;
inline constexpr std::uint32_t kLifetimeForever = 0xffffffffu;
}  // namespace host

// An IPv4 address as RTM_GETADDR reports it (or as the plan wants it).
struct HostAddress {
  int ifindex = 0;
  Ipv4Prefix local;                   // IFA_LOCAL / prefix length (host bits kept)
  Ipv4Addr peer;                      // IFA_ADDRESS: == local.addr when there is no peer
  std::optional<Ipv4Addr> broadcast;  // IFA_BROADCAST
  std::uint32_t flags = 0;            // IFA_F_*
  std::uint8_t proto = 0;             // IFA_PROTO (0: none)
  std::uint8_t scope = host::kScopeUniverse;
  std::uint32_t valid_lft = host::kLifetimeForever;      // seconds left
  std::uint32_t preferred_lft = host::kLifetimeForever;  // seconds left

  bool has_peer() const noexcept { return peer != local.addr; }
  // same_key: the kernel's identity of an address (interface, local, prefix
  // length, peer); what NLM_F_REPLACE updates in place.
  bool same_key(const HostAddress& o) const noexcept {
    return ifindex == o.ifindex && local == o.local && peer == o.peer;
  }
  bool operator==(const HostAddress&) const noexcept = default;
};

// An IPv4 route as RTM_GETROUTE reports it (or as the plan wants it).
struct HostRoute {
  Ipv4Prefix dst;                   // masked
  std::uint8_t tos = 0;
  std::uint32_t table = host::kTableMain;
  std::uint32_t metric = 0;         // RTA_PRIORITY (0 when absent)
  int oif = 0;                      // 0 when absent (multipath, blackhole, ...)
  std::optional<Ipv4Addr> gateway;  // RTA_GATEWAY
  std::optional<Ipv4Addr> prefsrc;  // RTA_PREFSRC
  std::uint8_t protocol = 0;        // RTPROT_*
  std::uint8_t scope = host::kScopeUniverse;
  std::uint8_t type = host::kTypeUnicast;  // RTN_*

  // same_key: what the kernel identifies a route by within a table (table,
  // destination, TOS, metric): the route NLM_F_REPLACE would overwrite, and
  // the one a second route with that key would sit beside.
  bool same_key(const HostRoute& o) const noexcept {
    return table == o.table && dst == o.dst && tos == o.tos && metric == o.metric;
  }
  bool operator==(const HostRoute&) const noexcept = default;
};

// owned_address / owned_route: dhcpcore's ownership rule for ifindex.
bool owned_address(const HostAddress& a, int ifindex) noexcept;
bool owned_route(const HostRoute& r, int ifindex) noexcept;

enum class HostOpKind : std::uint8_t {
  AddAddress,      // RTM_NEWADDR, NLM_F_CREATE|NLM_F_EXCL
  ReplaceAddress,  // RTM_NEWADDR, NLM_F_REPLACE of an owned address of the same key (lifetimes, proto)
  DeleteAddress,   // RTM_DELADDR of exactly that owned address
  AddRoute,        // RTM_NEWROUTE, NLM_F_CREATE|NLM_F_EXCL
  ReplaceRoute,    // RTM_NEWROUTE, NLM_F_REPLACE of the owned route of the same key
  DeleteRoute,     // RTM_DELROUTE of exactly that owned route (see Order for one right before a replace)
};
const char* to_string(HostOpKind k) noexcept;

struct HostOp {
  HostOpKind kind = HostOpKind::AddAddress;
  HostAddress address;  // the *Address kinds
  HostRoute route;      // the *Route kinds
  bool is_address() const noexcept { return kind <= HostOpKind::DeleteAddress; }
  bool operator==(const HostOp&) const noexcept = default;
};

enum class HostRefusal : std::uint8_t {
  AddressInUse,          // the lease's IP is on this interface already, not dhcpcore's (conflict_address)
  AddressOnOtherInterface,  // the lease's IP is configured on another interface (conflict_address)
  AddressProtected,      // the lease's IP is inside a protected prefix: its local route would take that traffic
  BroadcastIgnored,      // option 28 is not the subnet's broadcast (prefix: the option's value /32)
  ConnectedPrefix,       // the policy refuses the mask's prefix (route_reason); the address is installed as /32
  RouteDropped,          // the sanitizer or the policy dropped the route (route_reason)
  RouteConflict,         // a route of another owner has the same table, destination, TOS and metric (conflict_route)
  GatewayUnreachable,    // the gateway is reachable only through a refused route or prefix
  NoAddress,             // the lease's address was refused, so its routes are too
};
const char* to_string(HostRefusal r) noexcept;

struct HostRefused {
  HostRefusal reason = HostRefusal::RouteDropped;
  RouteDropReason route_reason = RouteDropReason::Capacity;  // ConnectedPrefix, RouteDropped
  Ipv4Prefix prefix;   // the refused address (with its prefix), route destination or broadcast (/32)
  Ipv4Addr router;     // routes: the gateway, 0.0.0.0 on-link
  std::optional<HostAddress> conflict_address;
  std::optional<HostRoute> conflict_route;
  bool operator==(const HostRefused&) const noexcept = default;
};

// Capacities: one address and the connected route plus kMaxRoutes routes to
// add or replace, and as many owned objects to delete (a state holds only
// what dhcpcore installed); kMaxOwnedAddresses bounds the owned addresses
// one plan deletes. What does not fit is counted (ops_overflow): the
// executor applies what fits and plans again.
inline constexpr std::size_t kMaxOwnedAddresses = 8;
inline constexpr std::size_t kMaxHostOps = 2 * (kMaxRoutes + 1) + 2 * kMaxOwnedAddresses;
inline constexpr std::size_t kMaxHostRefusals = kMaxRoutes + 8;

struct HostPlan {
  StaticVector<HostOp, kMaxHostOps> ops;
  StaticVector<HostRefused, kMaxHostRefusals> refused;
  std::size_t ops_overflow = 0;
  std::size_t refused_overflow = 0;
  // The address the lease ends up with (its prefix may be /32, see above);
  // nullopt without a lease or when the address is refused.
  std::optional<Ipv4Prefix> address;
  // The lease's routes the plan installs or keeps, in order (the connected
  // route first when there is one).
  std::size_t routes = 0;
};

struct HostPlanInput {
  int ifindex = 0;
  // nullptr: remove everything dhcpcore owns on ifindex.
  const Lease* lease = nullptr;
  // now, on the clock of lease->expires_at(): the lifetimes are the seconds
  // left, rounded up, 1 .. 0xfffffffe (finite, so never permanent).
  std::chrono::milliseconds now{0};
  // nullptr: the reference's rules only.
  const RoutePolicy* policy = nullptr;
  // The metric of every route dhcpcore installs.
  std::uint32_t metric = 0;
  // false: an owned address that differs only in its lifetimes is up to
  // date (the executor's read-back: the kernel counts them down).
  bool refresh_lifetimes = true;
  // The IPv4 addresses of every interface and the routes of every interface
  // and table, as read from the kernel.
  std::span<const HostAddress> addresses;
  std::span<const HostRoute> routes;
};

// address_lifetime_s: seconds from now to expires_at, rounded up, clamped
// to 1 .. 0xfffffffe.
std::uint32_t address_lifetime_s(std::chrono::milliseconds expires_at,
                                 std::chrono::milliseconds now) noexcept;

// plan_host: see above. out is overwritten.
void plan_host(const HostPlanInput& in, HostPlan& out) noexcept;

}  // namespace dhcpcore
