// kernel_model.hpp: a model of the Linux kernel's IPv4 addresses and routes
// that performs a HostPlan's operations as the kernel does, so the fuzz
// target and the properties can check what a plan does to the host, not only
// what it says (library dhcpcore::test_builders: no RapidCheck).
//
// Written from the kernel's behaviour (net/ipv4/devinet.c, fib_frontend.c,
// fib_semantics.c, fib_trie.c), not from host_plan.cpp: it uses none of
// plan_host's helpers, not even HostAddress::same_key / HostRoute::same_key,
// so a wrong key in the planner cannot hide behind the same wrong key here.
//
// What each operation does:
// - AddAddress (RTM_NEWADDR, NLM_F_CREATE|NLM_F_EXCL): fails with Exists when
//   an address of the same key (interface, local address and prefix length,
//   peer) exists; else appends the address.
// - ReplaceAddress (RTM_NEWADDR, NLM_F_REPLACE): on the address of the same
//   key it updates the lifetimes and the protocol only (inet_rtm_newaddr:
//   broadcast, scope and flags stay as they were, IFA_F_PERMANENT follows the
//   valid lifetime); with no such address the kernel creates one (it does
//   not check NLM_F_CREATE for addresses): Created.
// - DeleteAddress (RTM_DELADDR): removes the address of that key (NotFound
//   when none); then, when no address on any interface still holds its IP,
//   the kernel flushes every main-table route whose preferred source is that
//   IP, whoever owns it (fib_del_ifaddr -> fib_sync_down_addr); those are
//   listed in ModelStep::flushed.
// - AddRoute (RTM_NEWROUTE, NLM_F_CREATE|NLM_F_EXCL): fails with Exists when
//   a route of the same key (table, destination, TOS, metric) exists;
//   appends the route otherwise.
// - ReplaceRoute (RTM_NEWROUTE, NLM_F_CREATE|NLM_F_REPLACE): replaces the
//   first route of the same key in place, or appends the route (Created).
// - DeleteRoute (RTM_DELROUTE): removes the first route equal on table,
//   destination, TOS, metric, interface, gateway and protocol (what the
//   executor's request names); NotFound when none.
// - A route with a preferred source that no address holds is refused with
//   BadPrefsrc (fib_create_info: "Invalid prefsrc address"), before any of
//   the above.
//
// Deliberate simplifications (none of them matters to dhcpcore's plans,
// which install their address with IFA_F_NOPREFIXROUTE and their own routes):
// - no routes of the kernel's own: adding an address creates no local-table
//   routes (local, broadcast) and no prefix route, deleting one removes none
//   (a state may still hold such routes: they are routes like any other);
// - no primary/secondary addresses: the kernel neither promotes a secondary
//   nor deletes the secondaries of a deleted primary here (the real kernel
//   deletes them unless net.ipv4.conf.*.promote_secondaries is set);
// - the peer is compared exactly (the kernel compares it under the mask);
// - fib_sync_down_addr flushes the main table only: since Linux 4.13 (and
//   its fix in 5.2) it flushes the table of the interface's VRF, which is
//   main for an interface outside a VRF;
// - no check that a gateway is reachable (fib_check_nh), that an interface
//   exists, or of a route's type and scope.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "dhcpcore/core/host_plan.hpp"

namespace dhcpcore::gen {

// KernelState: the addresses and routes, in the kernel's list order (which
// decides what "the first route of the same key" is).
struct KernelState {
  std::vector<HostAddress> addresses;
  std::vector<HostRoute> routes;
  bool operator==(const KernelState&) const = default;
};

enum class ModelResult : std::uint8_t {
  Done,        // performed as asked
  Created,     // a Replace found nothing of its key and created it
  Exists,      // EEXIST: an Add of a key that exists; nothing changed
  BadPrefsrc,  // EINVAL: a route whose preferred source no address holds; nothing changed
  NotFound,    // EADDRNOTAVAIL / ESRCH: nothing to delete
};
const char* to_string(ModelResult r) noexcept;

// ModelStep: one operation and what the kernel did with it.
struct ModelStep {
  HostOp op;
  ModelResult result = ModelResult::Done;
  std::optional<HostAddress> address_before;  // the address a Replace/Delete acted on
  std::optional<HostRoute> route_before;      // the route a Replace/Delete acted on
  std::vector<HostRoute> flushed;             // routes the kernel removed with a deleted address
};

struct ModelRun {
  KernelState state;  // after every operation
  std::vector<ModelStep> steps;
};

// Keys as the kernel compares them (see above).
bool address_key_equal(const HostAddress& a, const HostAddress& b) noexcept;
bool route_key_equal(const HostRoute& a, const HostRoute& b) noexcept;
// route_delete_match: the fields an RTM_DELROUTE of `wanted` is matched on.
bool route_delete_match(const HostRoute& wanted, const HostRoute& r) noexcept;
// holds_ip: some address of s (any interface) has ip as its local address.
bool holds_ip(const KernelState& s, Ipv4Addr ip) noexcept;

// apply_op: one operation on s, as above.
ModelStep apply_op(KernelState& s, const HostOp& op);
// apply_plan: every operation of ops in order, from before.
ModelRun apply_plan(const KernelState& before, std::span<const HostOp> ops);
ModelRun apply_plan(const KernelState& before, const HostPlan& plan);

// Building a state the kernel could hold. admit_address refuses (false,
// nothing added) an address whose key exists, and sets IFA_F_PERMANENT
// exactly when the valid lifetime is forever, as the kernel does.
// admit_route refuses a route equal to an existing one in every field (the
// kernel refuses exact duplicates even with NLM_F_APPEND) and a main-table
// route whose preferred source no address holds (the kernel would have
// refused or flushed it); routes of other tables keep a stale source, as
// the kernel leaves them.
bool admit_address(KernelState& s, HostAddress a);
bool admit_route(KernelState& s, const HostRoute& r);
// kernel_routes_of: the routes the kernel adds with address a: the local
// route of its IP and, without IFA_F_NOPREFIXROUTE and shorter than /32, the
// prefix route (proto kernel, scope link, source = the IP) in main.
std::vector<HostRoute> kernel_routes_of(const HostAddress& a);

// describe: one line per address and route, for failure messages.
std::string describe(const KernelState& s);
std::string describe(const HostAddress& a);
std::string describe(const HostRoute& r);
std::string describe(const HostOp& op);

}  // namespace dhcpcore::gen
