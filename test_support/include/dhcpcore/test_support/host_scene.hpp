// host_scene.hpp: the host a lease meets, built from a sequence of choices,
// shared by the host_plan fuzz target (choices = its input bytes) and the
// host-plan properties (choices = RapidCheck), so both build the same kind
// of state under the same kernel constraints (library
// dhcpcore::test_builders: no RapidCheck).
//
// A scene is the interface (index kLeaseIfindex), the metric, the time, the
// route policy and the kernel's addresses and routes, most of them placed
// where a lease can touch or conflict with them: the lease's IP, its subnet,
// its gateway, its routes' destinations and keys. Every value is a small
// choice so that a fuzzer reaches the relations a random address never
// would; choice 0 is the plainest (RapidCheck shrinks toward it).
//
// Layout, in the order build_scene reads it (one byte per choice below(n),
// 4 big-endian bytes per u32; tools/corpus-gen writes seeds in it):
//   settings   metric below(4): 0, 100, 1024, u32
//              now below(5): lease time left = the lease (from option 51),
//                1 ms, 0 (expired), expired 5 s ago, more than 2^32 s
//              refresh_lifetimes below(2): 0 yes, 1 no
//   addresses  count below(13) (up to 12: more of dhcpcore's than one plan
//              deletes), then per address:
//              iface below(4): 0, 1 the lease's, 2 another (3), 3 lo (1)
//              owner below(6): 0 dhcpcore's (dynamic, IFA_PROTO 16),
//                1 permanent, 2 dynamic without protocol, 3 permanent with
//                IFA_PROTO 16, 4 dynamic with the kernel's protocol (2),
//                5 dhcpcore's again
//              where below(8): 0 the lease's IP, 1 a host of its subnet
//                (then host below(256)), 2 the lease's gateway, 3 the
//                subnet's network address, 4 its broadcast address,
//                5 198.51.100.7, 6 203.0.113.9, 7 u32
//              len below(6): 0 the lease's prefix length, 1 /32, 2 /24,
//                3 /16, 4 /8, 5 then below(33)
//              peer below(4): 0..2 none, 3 peer 203.0.113.254
//              shape below(4): 0 IFA_F_NOPREFIXROUTE and the subnet's
//                broadcast, 1 no flag (the kernel adds a prefix route) and
//                the subnet's broadcast, 2 IFA_F_NOPREFIXROUTE, no
//                broadcast, 3 no flag, broadcast 1.1.1.1
//              The kernel's own routes of each admitted address follow it
//              (kernel_routes_of).
//   routes     count below(17), then per route:
//              table below(5): 0, 1 main, 2 local, 3 100, 4 253 (default)
//              owner below(6): protocol 16 (DHCP), 2 (kernel), 4 (static),
//                3 (boot), 16, 0
//              dst below(8): 0 a lease route's destination (then index
//                below(routes)), 1 the connected prefix, 2 0.0.0.0/0,
//                3 the lease's IP /32, 4 a /30 inside the connected prefix,
//                5 a prefix covering it (8 bits shorter), 6 203.0.113.0/24,
//                7 u32 then below(33)
//              metric below(3): 0 the scene's, 1 0, 2 the scene's + 1
//              oif below(4): 0, 1 the lease's interface, 2 another (3), 3 none
//              gateway below(4): 0 none, 1 the lease's gateway, 2 a host of
//                the subnet (then below(256)), 3 198.51.100.1
//              prefsrc below(3): 0 none, 1 the lease's IP, 2 the IP of an
//                address of the scene (then index below(addresses))
//              type below(6): 0..3 unicast, 4 blackhole, 5 unreachable
//                (neither has an interface or a gateway)
//   policy     kind below(4): 0 none, 1 reference, 2 hardened, 3 hardened
//                with short prefixes allowed; for 2 and 3:
//              max_routes below(3): 32, 0 (no cap), 3
//              count below(4) protected prefixes, each where below(10):
//                0 a lease route's destination (then index below(routes)),
//                1 10.8.0.0/16, 2 203.0.113.0/24, 3 the /30 beside the
//                IP's in its subnet, 4 the lease's gateway /32, 5 the
//                connected prefix, 6 a prefix covering it (8 bits shorter),
//                7 the lease's IP /32, 8 0.0.0.0/0, 9 u32 then below(33)
//   history    earlier below(7): 0 none; else plan_host's plan for an
//                earlier lease applied with the kernel model: 1 this lease,
//                2 this lease before its renewal (expiring 30 min earlier),
//                3 this lease with a /16 mask, 4 the next IP of the subnet,
//                5 this lease without routes, 6 this lease at the scene's
//                metric + 7; then its policy below(2): 0 none, 1 the scene's
//              edits below(4), each kind below(6):
//                0 age dhcpcore's addresses (then below(256): by that + 1
//                  times 16 s)
//                1 clear IFA_F_NOPREFIXROUTE of dhcpcore's first address
//                2 set the broadcast of dhcpcore's first address to 1.1.1.1
//                3 delete a route of dhcpcore's (then index below(routes))
//                4 append a route of the same key as one of dhcpcore's
//                  (then index below(routes)), how below(3): 0 via another
//                  gateway, 1 in the other scope (link/universe), 2 with
//                  the source of edit 5's address; then below(256) (read
//                  for every how): the gateway's host in the subnet for 0
//                5 add an address of dhcpcore's: the IP two above the
//                  lease's, /24
// Past the end of the input every choice is 0.
#pragma once

#include <chrono>
#include <cstdint>

#include "dhcpcore/core/host_plan.hpp"
#include "dhcpcore/core/lease.hpp"
#include "dhcpcore/core/routes.hpp"
#include "dhcpcore/test_support/kernel_model.hpp"

namespace dhcpcore::gen {

// Choices: where a scene's decisions come from.
class Choices {
 public:
  // below: a value in [0, n) for 1 <= n <= 256.
  virtual std::uint32_t below(std::uint32_t n) = 0;
  virtual std::uint32_t u32() = 0;

 protected:
  ~Choices() = default;
};

// The lease's interface; the others are 1 (lo) and 3.
inline constexpr int kLeaseIfindex = 2;
inline constexpr int kOtherIfindex = 3;

enum class PolicyKind : std::uint8_t { None, Reference, Hardened };

struct HostScene {
  int ifindex = kLeaseIfindex;
  std::uint32_t metric = 0;
  std::chrono::milliseconds now{0};
  bool refresh_lifetimes = true;
  PolicyKind policy_kind = PolicyKind::None;
  RoutePolicy policy;
  KernelState state;

  const RoutePolicy* policy_ptr() const noexcept { return policy_kind == PolicyKind::None ? nullptr : &policy; }
  // input: plan_host's input for lease (nullptr: removal) against s (by
  // default the scene's state); it points into s and *this.
  HostPlanInput input(const Lease* lease, const KernelState& s) const noexcept;
  HostPlanInput input(const Lease* lease) const noexcept { return input(lease, state); }
};

// phantom_lease: 192.0.2.50/24 via 192.0.2.1, one hour from time 0: what a
// scene relates its addresses and routes to when it has no lease of its own
// (the fuzz target's rejected payloads, removal).
Lease phantom_lease();

// lease_with: a copy of lease with another IP, mask (prefix length), or
// without routes (options 3, 33 and 121 erased), expiring at expires_at.
Lease lease_with(const Lease& lease, std::optional<Ipv4Addr> ip, std::optional<std::uint8_t> mask_len,
                 bool without_routes, std::chrono::milliseconds expires_at);

// build_scene: reads a scene from c (layout above) for lease (phantom_lease()
// when nullptr).
HostScene build_scene(Choices& c, const Lease* lease);

// add_owned_addresses: n more addresses of dhcpcore's on the scene's
// interface (192.0.2.200/24 upwards, each with its key): plans that delete
// more than kMaxOwnedAddresses.
void add_owned_addresses(HostScene& scene, std::size_t n);

std::string describe(const HostScene& s);

}  // namespace dhcpcore::gen
