// host_plan_checks.cpp: the invariants of plan_host (see host_plan_checks.hpp).
#include "dhcpcore/test_support/host_plan_checks.hpp"

#include <algorithm>
#include <vector>

namespace dhcpcore::gen {

namespace {

constexpr std::uint8_t kOptBroadcast = 28;

bool is_add_or_replace(HostOpKind k) noexcept {
  return k == HostOpKind::AddAddress || k == HostOpKind::ReplaceAddress || k == HostOpKind::AddRoute ||
         k == HostOpKind::ReplaceRoute;
}
bool is_route_install(HostOpKind k) noexcept { return k == HostOpKind::AddRoute || k == HostOpKind::ReplaceRoute; }
bool is_address_install(HostOpKind k) noexcept {
  return k == HostOpKind::AddAddress || k == HostOpKind::ReplaceAddress;
}

// inside: every address of a is in b, written with masks.
bool inside(Ipv4Prefix a, Ipv4Prefix b) noexcept {
  return a.len >= b.len && ((a.addr.value() ^ b.addr.value()) & prefix_mask(b.len)) == 0;
}

std::string at(std::size_t i, const HostOp& op) { return std::string("op ") + std::to_string(i) + " (" + describe(op) + ")"; }

// excused: the routes the kernel removed because the plan deleted an owned
// address that was their source.
std::vector<HostRoute> excused(const ModelRun& run, int ifindex) {
  std::vector<HostRoute> out;
  for (const ModelStep& s : run.steps) {
    if (s.op.kind != HostOpKind::DeleteAddress || !s.address_before) continue;
    if (!model_owns_address(*s.address_before, ifindex)) continue;
    out.insert(out.end(), s.flushed.begin(), s.flushed.end());
  }
  return out;
}

// foreign_kept: every object of before that dhcpcore does not own is in
// after, unchanged (as a multiset), or is an excused route.
std::string foreign_kept(const KernelState& before, const KernelState& after, int ifindex,
                         std::vector<HostRoute> excuses) {
  std::vector<HostAddress> addresses = after.addresses;
  for (const HostAddress& a : before.addresses) {
    if (model_owns_address(a, ifindex)) continue;
    const auto it = std::find(addresses.begin(), addresses.end(), a);
    if (it == addresses.end()) return std::string("a foreign address was changed or removed: ") + describe(a);
    addresses.erase(it);
  }
  std::vector<HostRoute> routes = after.routes;
  for (const HostRoute& r : before.routes) {
    if (model_owns_route(r, ifindex)) continue;
    if (const auto it = std::find(routes.begin(), routes.end(), r); it != routes.end()) {
      routes.erase(it);
      continue;
    }
    if (const auto e = std::find(excuses.begin(), excuses.end(), r); e != excuses.end()) {
      excuses.erase(e);
      continue;
    }
    return std::string("a foreign route was changed or removed: ") + describe(r);
  }
  return "";
}

// recreation_at: ops[i] deletes an owned address that ops[i + 1] adds again
// in another shape (the kernel's replace cannot change its shape).
bool recreation_at(const HostPlan& plan, std::size_t i) {
  const auto& ops = plan.ops;
  return ops[i].kind == HostOpKind::DeleteAddress && i + 1 < ops.size() &&
         ops[i + 1].kind == HostOpKind::AddAddress && address_key_equal(ops[i].address, ops[i + 1].address);
}

// replaced_later: a later step replaces a route of step i's key.
bool replaced_later(const ModelRun& run, std::size_t i) {
  return std::any_of(run.steps.begin() + static_cast<std::ptrdiff_t>(i) + 1, run.steps.end(), [&](const ModelStep& s) {
    return s.op.kind == HostOpKind::ReplaceRoute && route_key_equal(s.op.route, run.steps[i].op.route);
  });
}

// deleted_by_plan: some step of the plan deletes exactly r.
bool deleted_by_plan(const ModelRun& run, const HostRoute& r) {
  return std::any_of(run.steps.begin(), run.steps.end(),
                     [&](const ModelStep& s) { return s.op.kind == HostOpKind::DeleteRoute && s.op.route == r; });
}

// steps_ok: what every plan's steps must satisfy: each Delete/Replace acts
// on exactly the owned object it names, nothing fails, everything installed
// is owned.
std::string steps_ok(const ModelRun& run, int ifindex) {
  std::vector<HostRoute> gone;  // routes whose delete may find nothing
  for (std::size_t i = 0; i < run.steps.size(); ++i) {
    const ModelStep& s = run.steps[i];
    const HostOp& op = s.op;
    if (s.result == ModelResult::Exists) return at(i, op) + " fails: the key exists";
    if (s.result == ModelResult::BadPrefsrc) return at(i, op) + " fails: no address holds its source";
    switch (op.kind) {
      case HostOpKind::AddAddress:
      case HostOpKind::ReplaceAddress:
        if (!model_owns_address(op.address, ifindex) || op.address.valid_lft == host::kLifetimeForever) {
          return at(i, op) + " installs an address dhcpcore would not own";
        }
        if (op.kind == HostOpKind::ReplaceAddress && s.result == ModelResult::Created) {
          return at(i, op) + " replaces an address that does not exist";
        }
        if (s.address_before && !model_owns_address(*s.address_before, ifindex)) {
          return at(i, op) + " replaces a foreign address: " + describe(*s.address_before);
        }
        if ((op.address.flags & host::kAddrNoPrefixRoute) == 0) {
          return at(i, op) + " lacks IFA_F_NOPREFIXROUTE: the kernel would add a prefix route of its own";
        }
        break;
      case HostOpKind::AddRoute:
      case HostOpKind::ReplaceRoute:
        if (!model_owns_route(op.route, ifindex)) return at(i, op) + " installs a route dhcpcore would not own";
        if (s.route_before && !model_owns_route(*s.route_before, ifindex)) {
          return at(i, op) + " replaces a foreign route: " + describe(*s.route_before);
        }
        break;
      case HostOpKind::DeleteAddress:
        if (s.result == ModelResult::NotFound) return at(i, op) + " deletes an address that is not there";
        if (!model_owns_address(*s.address_before, ifindex)) {
          return at(i, op) + " deletes a foreign address: " + describe(*s.address_before);
        }
        if (*s.address_before != op.address) return at(i, op) + " deletes another address: " + describe(*s.address_before);
        break;
      case HostOpKind::DeleteRoute:
        if (s.result == ModelResult::NotFound) {
          // Gone earlier in the plan, with its source address or taken by
          // a delete of its twin (below): the executor takes ESRCH as done.
          if (std::find(gone.begin(), gone.end(), op.route) != gone.end()) break;
          return at(i, op) + " deletes a route that is not there";
        }
        if (!model_owns_route(*s.route_before, ifindex)) {
          return at(i, op) + " deletes a foreign route: " + describe(*s.route_before);
        }
        // RTM_DELROUTE names no source or scope, so it may take an owned
        // twin of the route it names (same key, interface, gateway,
        // protocol). That is harmless when the twin goes anyway: the plan
        // deletes it too, or a replace of its key follows (host_plan.hpp).
        if (*s.route_before != op.route && !replaced_later(run, i) && !deleted_by_plan(run, *s.route_before)) {
          return at(i, op) + " deletes another route: " + describe(*s.route_before);
        }
        if (*s.route_before != op.route) gone.push_back(*s.route_before);
        break;
    }
    gone.insert(gone.end(), s.flushed.begin(), s.flushed.end());
  }
  return "";
}

std::string with_context(const PlanCase& c, const std::string& what) {
  if (what.empty()) return what;
  return what + "\n" + describe(*c.scene) + "plan:\n" + describe(c.plan) + "after:\n" + describe(c.run.state);
}

}  // namespace

bool model_owns_address(const HostAddress& a, int ifindex) noexcept {
  return a.ifindex == ifindex && (a.flags & host::kAddrPermanent) == 0 && a.proto == host::kAddrProtoDhcp;
}

bool model_owns_route(const HostRoute& r, int ifindex) noexcept {
  return r.oif == ifindex && r.protocol == host::kProtoDhcp && r.table == host::kTableMain;
}

bool model_policy_refuses(const RoutePolicy& p, Ipv4Prefix dest) noexcept {
  dest = Ipv4Prefix{Ipv4Addr(dest.addr.value() & prefix_mask(dest.len)), dest.len};
  if (!p.allow_short_prefixes && dest.len >= 1 && dest.len <= 7) return true;
  if (dest.len == 0) return false;  // the default route is exempt (routes.hpp)
  return std::any_of(p.protected_prefixes.begin(), p.protected_prefixes.end(),
                     [&](const Ipv4Prefix& prot) { return inside(dest, prot) || inside(prot, dest); });
}

namespace {
// The connected prefix of the mask and the leased address are judged without
// protected prefixes of length 0 (a full-tunnel 0.0.0.0/0 keeps every DHCP
// route but the default away, not the lease's own subnet:
// docs/HOST.md#host-level-hardening-what-a-lease-does-to-the-host).
RoutePolicy without_default_protection(const RoutePolicy& p) {
  RoutePolicy q = p;
  q.protected_prefixes.clear();
  for (const Ipv4Prefix& prot : p.protected_prefixes) {
    if (prot.len > 0) (void)q.protected_prefixes.push_back(prot);
  }
  return q;
}
}  // namespace

bool model_connected_refused(const RoutePolicy& p, Ipv4Prefix net) noexcept {
  return model_policy_refuses(without_default_protection(p), net);
}

std::optional<Ipv4Addr> subnet_broadcast_of(Ipv4Prefix p) noexcept {
  if (p.len >= 31) return std::nullopt;
  return Ipv4Addr((p.addr.value() & prefix_mask(p.len)) | ~prefix_mask(p.len));
}

PlanCase plan_case(const HostScene& scene, const Lease* lease) {
  PlanCase c;
  c.scene = &scene;
  c.lease = lease;
  plan_host(scene.input(lease), c.plan);
  c.run = apply_plan(scene.state, c.plan);
  return c;
}

std::string check_policy(const PlanCase& c) {
  const RoutePolicy* p = c.scene->policy_ptr();
  const int ifindex = c.scene->ifindex;
  // What remains after a plan that overflowed goes in the next round.
  const bool whole = c.plan.ops_overflow == 0;
  std::string what;
  // The connected route (the lease's subnet, on-link) is judged as the
  // connected prefix; every other route by the policy's prefix rules.
  // (A flag and a prefix rather than std::optional: g++ 12 -O3 reports a
  // bogus -Wmaybe-uninitialized on the optional's value.)
  const bool has_lease = c.lease != nullptr;
  const Ipv4Prefix subnet = has_lease ? c.lease->ip_net().masked() : Ipv4Prefix{};
  auto refuses = [&](const HostRoute& r) {
    if (has_lease && r.dst == subnet && !r.gateway) return model_connected_refused(*p, r.dst);
    return model_policy_refuses(*p, r.dst);
  };
  if (p != nullptr) {
    for (std::size_t i = 0; i < c.plan.ops.size() && what.empty(); ++i) {
      const HostOp& op = c.plan.ops[i];
      if (is_route_install(op.kind) && refuses(op.route)) {
        what = at(i, op) + " installs a destination the policy refuses";
      }
    }
    for (const HostRoute& r : c.run.state.routes) {
      if (what.empty() && whole && model_owns_route(r, ifindex) && refuses(r)) {
        what = std::string("a route of dhcpcore's the policy refuses stays: ") + describe(r);
      }
    }
    for (const HostAddress& a : c.run.state.addresses) {
      if (!what.empty() || !whole || !model_owns_address(a, ifindex)) continue;
      for (const Ipv4Prefix& prot : p->protected_prefixes) {
        if (prot.len > 0 && inside(Ipv4Prefix{a.local.addr, 32}, prot)) {
          what = std::string("an address of dhcpcore's is inside protected ") + prot.to_string() + ": " + describe(a);
        }
      }
    }
  }
  if (what.empty() && c.lease != nullptr) {
    const Ipv4Prefix mask_net = c.lease->ip_net();
    const bool refused = mask_net.len < 32 && p != nullptr && model_connected_refused(*p, mask_net);
    const Ipv4Prefix want = refused ? Ipv4Prefix{mask_net.addr, 32} : mask_net;
    if (c.plan.address && *c.plan.address != want) {
      what = std::string("the address is ") + c.plan.address->to_string() + ", not " + want.to_string();
    }
    const bool reported = std::any_of(c.plan.refused.begin(), c.plan.refused.end(), [&](const HostRefused& r) {
      return r.reason == HostRefusal::ConnectedPrefix && r.prefix == mask_net.masked();
    });
    if (what.empty() && c.plan.address && refused != reported) {
      what = refused ? "the refused connected prefix is not reported" : "an allowed connected prefix is reported";
    }
    if (what.empty() && refused && whole) {
      for (const HostRoute& r : c.run.state.routes) {
        if (model_owns_route(r, ifindex) && r.dst == mask_net.masked()) {
          what = std::string("the refused connected prefix is installed: ") + describe(r);
        }
      }
    }
  }
  return with_context(c, what);
}

std::string check_ownership(const PlanCase& c) {
  const int ifindex = c.scene->ifindex;
  std::string what = steps_ok(c.run, ifindex);
  // kMaxOwnedAddresses bounds the stale addresses one plan deletes (not
  // counting the lease's own, deleted to be added again in another shape).
  std::size_t stale = 0;
  for (std::size_t i = 0; i < c.plan.ops.size(); ++i) {
    if (c.plan.ops[i].kind == HostOpKind::DeleteAddress && !recreation_at(c.plan, i)) ++stale;
  }
  if (what.empty() && stale > kMaxOwnedAddresses) {
    what = std::string("the plan deletes ") + std::to_string(stale) + " stale addresses, more than kMaxOwnedAddresses";
  }
  if (what.empty()) what = foreign_kept(c.scene->state, c.run.state, ifindex, excused(c.run, ifindex));
  return with_context(c, what);
}

std::string check_no_collision(const PlanCase& c) {
  const int ifindex = c.scene->ifindex;
  std::string what;
  for (std::size_t i = 0; i < c.run.steps.size() && what.empty(); ++i) {
    const ModelStep& s = c.run.steps[i];
    if (s.result == ModelResult::Exists || s.result == ModelResult::BadPrefsrc) {
      what = at(i, s.op) + " fails in the kernel: " + to_string(s.result);
    }
    if (!what.empty() || !is_route_install(s.op.kind)) continue;
    for (const HostRoute& r : c.scene->state.routes) {
      if (!model_owns_route(r, ifindex) && route_key_equal(r, s.op.route)) {
        what = at(i, s.op) + " has the key of a foreign route: " + describe(r);
        break;
      }
    }
  }
  if (what.empty() && c.lease != nullptr) {
    const Ipv4Addr ip = c.lease->assigned_ip();
    const auto foreign = std::find_if(c.scene->state.addresses.begin(), c.scene->state.addresses.end(),
                                      [&](const HostAddress& a) { return a.local.addr == ip && !model_owns_address(a, ifindex); });
    if (foreign != c.scene->state.addresses.end()) {
      if (c.plan.address) what = std::string("the lease's IP is held by ") + describe(*foreign) + " but is planned";
      for (std::size_t i = 0; i < c.plan.ops.size() && what.empty(); ++i) {
        if (is_address_install(c.plan.ops[i].kind)) what = at(i, c.plan.ops[i]) + " installs an IP held by another";
      }
      const bool reported = std::any_of(c.plan.refused.begin(), c.plan.refused.end(), [](const HostRefused& r) {
        return r.reason == HostRefusal::AddressInUse || r.reason == HostRefusal::AddressOnOtherInterface ||
               r.reason == HostRefusal::AddressProtected;
      });
      if (what.empty() && !reported) what = std::string("the lease's IP is held by ") + describe(*foreign) + ", not reported";
    }
  }
  return with_context(c, what);
}

std::string check_end_state(const PlanCase& c) {
  if (c.plan.ops_overflow != 0) return "";
  const int ifindex = c.scene->ifindex;
  std::vector<HostAddress> addresses;
  for (const HostAddress& a : c.run.state.addresses) {
    if (model_owns_address(a, ifindex)) addresses.push_back(a);
  }
  std::size_t routes = 0;
  std::string what;
  for (const HostRoute& r : c.run.state.routes) {
    if (!model_owns_route(r, ifindex)) continue;
    ++routes;
    if (c.lease == nullptr || r.prefsrc != c.lease->assigned_ip()) what = std::string("a route of dhcpcore's stays: ") + describe(r);
  }
  if (what.empty() && c.plan.address) {
    if (addresses.size() != 1 || addresses[0].local != *c.plan.address || addresses[0].peer != c.plan.address->addr) {
      what = std::string("dhcpcore owns ") + std::to_string(addresses.size()) + " addresses, not only " + c.plan.address->to_string();
    }
  } else if (what.empty() && !addresses.empty()) {
    what = std::string("an address of dhcpcore's stays: ") + describe(addresses[0]);
  }
  if (what.empty() && routes != c.plan.routes) {
    what = std::string("dhcpcore owns ") + std::to_string(routes) + " routes, the plan says " + std::to_string(c.plan.routes);
  }
  return with_context(c, what);
}

std::string check_idempotent(const PlanCase& c) {
  if (c.plan.ops_overflow != 0) return "";
  const int ifindex = c.scene->ifindex;
  HostPlan again;
  plan_host(c.scene->input(c.lease, c.run.state), again);
  std::string what;
  if (!again.ops.empty()) {
    const std::vector<HostRoute> gone = excused(c.run, ifindex);
    const bool kernel_freed = std::any_of(gone.begin(), gone.end(), [&](const HostRoute& r) { return !model_owns_route(r, ifindex); });
    if (!kernel_freed) {
      what = std::string("planning again plans ") + at(0, again.ops[0]);
    } else {
      const ModelRun second = apply_plan(c.run.state, again);
      HostPlan third;
      plan_host(c.scene->input(c.lease, second.state), third);
      if (!third.ops.empty()) what = std::string("the third plan still plans ") + at(0, third.ops[0]);
    }
  } else if (again.address != c.plan.address || again.routes != c.plan.routes) {
    what = "planning again changes the address or the route count";
  }
  return with_context(c, what);
}

std::string check_removal(const PlanCase& c) {
  if (c.plan.ops_overflow != 0) return "";
  const int ifindex = c.scene->ifindex;
  HostPlan removal;
  plan_host(c.scene->input(nullptr, c.run.state), removal);
  const ModelRun run = apply_plan(c.run.state, removal);
  std::string what;
  if (removal.ops_overflow != 0 || !removal.refused.empty()) what = "the removal plan overflows or refuses";
  for (std::size_t i = 0; i < removal.ops.size() && what.empty(); ++i) {
    if (is_add_or_replace(removal.ops[i].kind)) what = std::string("the removal plan's ") + at(i, removal.ops[i]) + " installs";
  }
  if (what.empty()) what = steps_ok(run, ifindex);
  for (const HostAddress& a : run.state.addresses) {
    if (what.empty() && model_owns_address(a, ifindex)) what = std::string("an address of dhcpcore's survives removal: ") + describe(a);
  }
  for (const HostRoute& r : run.state.routes) {
    if (what.empty() && model_owns_route(r, ifindex)) what = std::string("a route of dhcpcore's survives removal: ") + describe(r);
  }
  if (what.empty()) {
    std::vector<HostRoute> excuses = excused(c.run, ifindex);
    const std::vector<HostRoute> more = excused(run, ifindex);
    excuses.insert(excuses.end(), more.begin(), more.end());
    what = foreign_kept(c.scene->state, run.state, ifindex, std::move(excuses));
  }
  if (!what.empty()) what = std::string("removal: ") + what + "\nremoval plan:\n" + describe(removal);
  return with_context(c, what);
}

std::string check_broadcast(const PlanCase& c) {
  if (c.lease == nullptr) return "";
  std::string what;
  std::optional<Ipv4Addr> expected;
  if (c.plan.address) {
    expected = subnet_broadcast_of(*c.plan.address);
    for (const HostOp& op : c.plan.ops) {
      if (is_address_install(op.kind) && op.address.broadcast != expected) what = describe(op) + ": not the subnet's broadcast";
    }
    // The planned address by its whole key: a stale one of the same IP and
    // prefix with a peer may still be there after a plan that overflowed.
    const auto mine = std::find_if(c.run.state.addresses.begin(), c.run.state.addresses.end(), [&](const HostAddress& a) {
      return model_owns_address(a, c.scene->ifindex) && a.local == *c.plan.address && a.peer == c.plan.address->addr;
    });
    if (what.empty() && mine != c.run.state.addresses.end() && mine->broadcast != expected) {
      what = std::string("the installed address has another broadcast: ") + describe(*mine);
    }
  }
  const auto v28 = c.lease->options().get(kOptBroadcast);
  std::optional<Ipv4Addr> given;
  if (v28 && v28->size() == 4) given = Ipv4Addr::from_bytes(v28->first<4>());
  const bool should_report = c.plan.address && given && given != expected;
  std::size_t reports = 0;
  for (const HostRefused& r : c.plan.refused) {
    if (r.reason != HostRefusal::BroadcastIgnored) continue;
    ++reports;
    if (!given || r.prefix != Ipv4Prefix{*given, 32}) what = std::string("BroadcastIgnored names ") + r.prefix.to_string();
  }
  if (what.empty() && reports != (should_report ? 1u : 0u)) {
    what = std::string("option 28 reported ") + std::to_string(reports) + " times, expected " + (should_report ? "once" : "never");
  }
  return with_context(c, what);
}

std::string check_order(const PlanCase& c) {
  const auto& ops = c.plan.ops;
  // before_its_replace: ops[i] deletes an owned route of the key that the
  // next install replaces, with only deletes of that key between them.
  auto before_its_replace = [&](std::size_t i) {
    for (std::size_t k = i + 1; k < ops.size(); ++k) {
      if (!route_key_equal(ops[k].route, ops[i].route)) return false;
      if (ops[k].kind == HostOpKind::ReplaceRoute) return true;
      if (ops[k].kind != HostOpKind::DeleteRoute) return false;
    }
    return false;
  };
  std::string what;
  for (std::size_t i = 0; i < ops.size() && what.empty(); ++i) {
    for (std::size_t j = i + 1; j < ops.size() && what.empty(); ++j) {
      const HostOpKind a = ops[i].kind, b = ops[j].kind;
      const bool stale_address = a == HostOpKind::DeleteAddress && !recreation_at(c.plan, i);
      if (is_route_install(a) && is_address_install(b)) what = at(j, ops[j]) + " comes after a route install";
      if (stale_address && b != HostOpKind::DeleteAddress) what = at(j, ops[j]) + " comes after an address deletion";
      if (c.lease != nullptr && a == HostOpKind::DeleteRoute && is_add_or_replace(b) && !before_its_replace(i)) {
        what = at(j, ops[j]) + " comes after a stale route's deletion";
      }
    }
  }
  return with_context(c, what);
}

std::string check_all(const PlanCase& c) {
  for (auto* check : {check_policy, check_ownership, check_no_collision, check_end_state, check_idempotent,
                      check_removal, check_broadcast, check_order}) {
    if (std::string what = check(c); !what.empty()) return what;
  }
  return "";
}

std::string describe(const HostPlan& plan) {
  std::string out;
  for (std::size_t i = 0; i < plan.ops.size(); ++i) out += std::string("  ") + std::to_string(i) + " " + describe(plan.ops[i]) + "\n";
  for (const HostRefused& r : plan.refused) {
    out += std::string("  refused ") + std::string(to_string(r.reason)) + " " + r.prefix.to_string();
    if (r.reason == HostRefusal::ConnectedPrefix || r.reason == HostRefusal::RouteDropped) {
      out += std::string(" (") + std::string(to_string(r.route_reason)) + ")";
    }
    if (!r.router.is_unspecified()) out += std::string(" via ") + r.router.to_string();
    if (r.conflict_address) out += std::string(" conflicts with ") + describe(*r.conflict_address);
    if (r.conflict_route) out += std::string(" conflicts with ") + describe(*r.conflict_route);
    out += "\n";
  }
  out += std::string("  address ") + (plan.address ? plan.address->to_string() : std::string("none")) + ", routes " +
         std::to_string(plan.routes) + ", overflow " + std::to_string(plan.ops_overflow) + "/" +
         std::to_string(plan.refused_overflow) + "\n";
  return out;
}

}  // namespace dhcpcore::gen
