// kernel_model.cpp: the kernel model (see kernel_model.hpp).
#include "dhcpcore/test_support/kernel_model.hpp"

#include <algorithm>
#include <sstream>

namespace dhcpcore::gen {

namespace {

constexpr std::uint8_t kTypeLocal = 2;  // RTN_LOCAL

bool permanent_lifetime(std::uint32_t valid_lft) noexcept { return valid_lft == host::kLifetimeForever; }

// set_lifetimes: what set_ifa_lifetime does: the lifetimes, and
// IFA_F_PERMANENT exactly when the valid lifetime is forever.
void set_lifetimes(HostAddress& a, std::uint32_t valid, std::uint32_t preferred) noexcept {
  a.valid_lft = valid;
  a.preferred_lft = preferred;
  a.flags &= ~host::kAddrPermanent;
  if (permanent_lifetime(valid)) a.flags |= host::kAddrPermanent;
}

}  // namespace

const char* to_string(ModelResult r) noexcept {
  switch (r) {
    case ModelResult::Done: return "Done";
    case ModelResult::Created: return "Created";
    case ModelResult::Exists: return "Exists";
    case ModelResult::BadPrefsrc: return "BadPrefsrc";
    case ModelResult::NotFound: return "NotFound";
  }
  return "Unknown";
}

bool address_key_equal(const HostAddress& a, const HostAddress& b) noexcept {
  return a.ifindex == b.ifindex && a.local.addr == b.local.addr && a.local.len == b.local.len && a.peer == b.peer;
}

bool route_key_equal(const HostRoute& a, const HostRoute& b) noexcept {
  return a.table == b.table && a.dst.addr == b.dst.addr && a.dst.len == b.dst.len && a.tos == b.tos &&
         a.metric == b.metric;
}

bool route_delete_match(const HostRoute& wanted, const HostRoute& r) noexcept {
  return route_key_equal(wanted, r) && wanted.oif == r.oif && wanted.gateway == r.gateway &&
         wanted.protocol == r.protocol;
}

bool holds_ip(const KernelState& s, Ipv4Addr ip) noexcept {
  return std::any_of(s.addresses.begin(), s.addresses.end(), [&](const HostAddress& a) { return a.local.addr == ip; });
}

ModelStep apply_op(KernelState& s, const HostOp& op) {
  ModelStep step;
  step.op = op;
  auto same_address = [&](const HostAddress& a) { return address_key_equal(a, op.address); };
  auto same_route_key = [&](const HostRoute& r) { return route_key_equal(r, op.route); };
  switch (op.kind) {
    case HostOpKind::AddAddress: {
      if (std::any_of(s.addresses.begin(), s.addresses.end(), same_address)) {
        step.result = ModelResult::Exists;
        break;
      }
      HostAddress a = op.address;
      set_lifetimes(a, a.valid_lft, a.preferred_lft);
      s.addresses.push_back(a);
      break;
    }
    case HostOpKind::ReplaceAddress: {
      const auto it = std::find_if(s.addresses.begin(), s.addresses.end(), same_address);
      if (it == s.addresses.end()) {
        HostAddress a = op.address;
        set_lifetimes(a, a.valid_lft, a.preferred_lft);
        s.addresses.push_back(a);
        step.result = ModelResult::Created;
        break;
      }
      step.address_before = *it;
      // Only these: the kernel never updates broadcast, scope or flags here.
      it->proto = op.address.proto;
      set_lifetimes(*it, op.address.valid_lft, op.address.preferred_lft);
      break;
    }
    case HostOpKind::DeleteAddress: {
      const auto it = std::find_if(s.addresses.begin(), s.addresses.end(), same_address);
      if (it == s.addresses.end()) {
        step.result = ModelResult::NotFound;
        break;
      }
      step.address_before = *it;
      const Ipv4Addr ip = it->local.addr;
      s.addresses.erase(it);
      if (!holds_ip(s, ip)) {
        // fib_sync_down_addr: routes of the interface's table (main) whose
        // source is gone, whoever installed them.
        auto stale = [&](const HostRoute& r) { return r.table == host::kTableMain && r.prefsrc == ip; };
        for (const HostRoute& r : s.routes) {
          if (stale(r)) step.flushed.push_back(r);
        }
        std::erase_if(s.routes, stale);
      }
      break;
    }
    case HostOpKind::AddRoute:
    case HostOpKind::ReplaceRoute: {
      if (op.route.prefsrc && !holds_ip(s, *op.route.prefsrc)) {
        step.result = ModelResult::BadPrefsrc;
        break;
      }
      const auto it = std::find_if(s.routes.begin(), s.routes.end(), same_route_key);
      if (op.kind == HostOpKind::AddRoute) {
        if (it != s.routes.end()) {
          step.result = ModelResult::Exists;
        } else {
          s.routes.push_back(op.route);
        }
      } else if (it == s.routes.end()) {
        s.routes.push_back(op.route);
        step.result = ModelResult::Created;
      } else {
        step.route_before = *it;
        *it = op.route;
      }
      break;
    }
    case HostOpKind::DeleteRoute: {
      const auto it = std::find_if(s.routes.begin(), s.routes.end(),
                                   [&](const HostRoute& r) { return route_delete_match(op.route, r); });
      if (it == s.routes.end()) {
        step.result = ModelResult::NotFound;
        break;
      }
      step.route_before = *it;
      s.routes.erase(it);
      break;
    }
  }
  return step;
}

ModelRun apply_plan(const KernelState& before, std::span<const HostOp> ops) {
  ModelRun run;
  run.state = before;
  for (const HostOp& op : ops) run.steps.push_back(apply_op(run.state, op));
  return run;
}

ModelRun apply_plan(const KernelState& before, const HostPlan& plan) {
  return apply_plan(before, std::span<const HostOp>(plan.ops.begin(), plan.ops.end()));
}

bool admit_address(KernelState& s, HostAddress a) {
  if (std::any_of(s.addresses.begin(), s.addresses.end(),
                  [&](const HostAddress& x) { return address_key_equal(x, a); })) {
    return false;
  }
  set_lifetimes(a, a.valid_lft, a.preferred_lft);
  s.addresses.push_back(a);
  return true;
}

bool admit_route(KernelState& s, const HostRoute& r) {
  if (std::find(s.routes.begin(), s.routes.end(), r) != s.routes.end()) return false;
  if (r.table == host::kTableMain && r.prefsrc && !holds_ip(s, *r.prefsrc)) return false;
  s.routes.push_back(r);
  return true;
}

std::vector<HostRoute> kernel_routes_of(const HostAddress& a) {
  std::vector<HostRoute> out;
  HostRoute local;
  local.dst = Ipv4Prefix{a.local.addr, 32};
  local.table = host::kTableLocal;
  local.oif = a.ifindex;
  local.prefsrc = a.local.addr;
  local.protocol = host::kProtoKernel;
  local.scope = host::kScopeHost;
  local.type = kTypeLocal;
  out.push_back(local);
  if ((a.flags & host::kAddrNoPrefixRoute) == 0 && a.local.len < 32) {
    HostRoute prefix;
    prefix.dst = a.local.masked();
    prefix.table = host::kTableMain;
    prefix.oif = a.ifindex;
    prefix.prefsrc = a.local.addr;
    prefix.protocol = host::kProtoKernel;
    prefix.scope = host::kScopeLink;
    out.push_back(prefix);
  }
  return out;
}

std::string describe(const HostAddress& a) {
  std::ostringstream os;
  os << a.local.to_string() << " if " << a.ifindex;
  if (a.peer != a.local.addr) os << " peer " << a.peer.to_string();
  if (a.broadcast) os << " brd " << a.broadcast->to_string();
  os << " flags 0x" << std::hex << a.flags << std::dec << " proto " << int{a.proto} << " scope " << int{a.scope}
     << " lft " << a.valid_lft << "/" << a.preferred_lft;
  return os.str();
}

std::string describe(const HostRoute& r) {
  std::ostringstream os;
  os << "table " << r.table << " " << r.dst.to_string() << " tos " << int{r.tos} << " metric " << r.metric
     << " if " << r.oif;
  if (r.gateway) os << " via " << r.gateway->to_string();
  if (r.prefsrc) os << " src " << r.prefsrc->to_string();
  os << " proto " << int{r.protocol} << " scope " << int{r.scope} << " type " << int{r.type};
  return os.str();
}

std::string describe(const HostOp& op) {
  return std::string(to_string(op.kind)) + " " + (op.is_address() ? describe(op.address) : describe(op.route));
}

std::string describe(const KernelState& s) {
  std::string out;
  for (const HostAddress& a : s.addresses) out += std::string("  addr ") + describe(a) + "\n";
  for (const HostRoute& r : s.routes) out += std::string("  route ") + describe(r) + "\n";
  return out;
}

}  // namespace dhcpcore::gen
