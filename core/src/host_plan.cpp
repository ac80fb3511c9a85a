// host_plan.cpp: plan_host (host_plan.hpp).
#include "dhcpcore/core/host_plan.hpp"

#include <algorithm>

namespace dhcpcore {

namespace {
constexpr std::uint32_t kMaxFiniteLifetime = 0xfffffffeu;  // 0xffffffff would be "forever"
constexpr std::uint8_t kOptBroadcast = 28;                 // RFC 2132 5.3
}  // namespace

const char* to_string(HostOpKind k) noexcept {
  switch (k) {
    case HostOpKind::AddAddress: return "AddAddress";
    case HostOpKind::ReplaceAddress: return "ReplaceAddress";
    case HostOpKind::DeleteAddress: return "DeleteAddress";
    case HostOpKind::AddRoute: return "AddRoute";
    case HostOpKind::ReplaceRoute: return "ReplaceRoute";
    case HostOpKind::DeleteRoute: return "DeleteRoute";
  }
  return "Unknown";
}

const char* to_string(HostRefusal r) noexcept {
  switch (r) {
    case HostRefusal::AddressInUse: return "AddressInUse";
    case HostRefusal::AddressOnOtherInterface: return "AddressOnOtherInterface";
    case HostRefusal::AddressProtected: return "AddressProtected";
    case HostRefusal::BroadcastIgnored: return "BroadcastIgnored";
    case HostRefusal::ConnectedPrefix: return "ConnectedPrefix";
    case HostRefusal::RouteDropped: return "RouteDropped";
    case HostRefusal::RouteConflict: return "RouteConflict";
    case HostRefusal::GatewayUnreachable: return "GatewayUnreachable";
    case HostRefusal::NoAddress: return "NoAddress";
  }
  return "Unknown";
}

bool owned_address(const HostAddress& a, int ifindex) noexcept {
  return a.ifindex == ifindex && (a.flags & host::kAddrPermanent) == 0 && a.proto == host::kAddrProtoDhcp;
}

bool owned_route(const HostRoute& r, int ifindex) noexcept {
  return r.oif == ifindex && r.protocol == host::kProtoDhcp && r.table == host::kTableMain;
}

std::uint32_t address_lifetime_s(std::chrono::milliseconds expires_at,
                                 std::chrono::milliseconds now) noexcept {
  if (expires_at <= now) return 1;
  // The difference of two millisecond counts fits an unsigned 64-bit value.
  const auto left_ms = static_cast<std::uint64_t>(expires_at.count()) - static_cast<std::uint64_t>(now.count());
  const std::uint64_t secs = left_ms / 1000 + (left_ms % 1000 != 0 ? 1 : 0);
  return static_cast<std::uint32_t>(std::clamp<std::uint64_t>(secs, 1, kMaxFiniteLifetime));
}

namespace {

// connected_verdict: the policy's prefix rules for the connected prefix of
// the mask, protected prefixes of length 0 left out (see address_refused).
// A /0 subnet (mask 0.0.0.0) is an on-link default route: judged as a
// default route is (allowed; an option 121 route 0.0.0.0/0 via 0.0.0.0 does
// the same).
std::optional<RouteDropReason> connected_verdict(Ipv4Prefix net, const RoutePolicy& policy) noexcept {
  RoutePolicy p = policy;
  p.protected_prefixes.clear();
  for (const Ipv4Prefix& prot : policy.protected_prefixes) {
    if (prot.len > 0) (void)p.protected_prefixes.push_back(prot);
  }
  return policy_prefix_verdict(net, p);
}

// Planner: one plan_host call. Collects ops and refusals into out, counting
// what does not fit.
class Planner {
 public:
  Planner(const HostPlanInput& in, HostPlan& out) noexcept : in_(in), out_(out) {}

  void run() noexcept {
    if (in_.lease != nullptr) plan_lease(*in_.lease);
    delete_stale();
  }

 private:
  void op(HostOpKind kind, const HostAddress& a) noexcept {
    HostOp o;
    o.kind = kind;
    o.address = a;
    if (!out_.ops.push_back(o)) ++out_.ops_overflow;
  }
  void op(HostOpKind kind, const HostRoute& r) noexcept {
    HostOp o;
    o.kind = kind;
    o.route = r;
    if (!out_.ops.push_back(o)) ++out_.ops_overflow;
  }
  void refuse(const HostRefused& r) noexcept {
    if (!out_.refused.push_back(r)) ++out_.refused_overflow;
  }
  void refuse_route(HostRefusal why, const Route& r, RouteDropReason drop = RouteDropReason::Capacity,
                    const HostRoute* conflict = nullptr) noexcept {
    HostRefused x;
    x.reason = why;
    x.route_reason = drop;
    x.prefix = r.dest;
    x.router = r.router;
    if (conflict != nullptr) x.conflict_route = *conflict;
    refuse(x);
  }

  bool owned(const HostAddress& a) const noexcept { return owned_address(a, in_.ifindex); }
  bool owned(const HostRoute& r) const noexcept { return owned_route(r, in_.ifindex); }

  // address_refused: refuses the lease's IP as dhcpcore's address when it
  // must be (the first reason found) and says whether it did.
  bool address_refused(Ipv4Addr ip) noexcept {
    if (in_.policy != nullptr) {
      for (const Ipv4Prefix& prot : in_.policy->protected_prefixes) {
        // A protected 0.0.0.0/0 (a full-tunnel VPN) keeps every DHCP route
        // but the default away; the lease's own address and subnet stay,
        // or that default route would have no gateway.
        if (prot.len > 0 && prot.masked().contains(ip)) {
          HostRefused x;
          x.reason = HostRefusal::AddressProtected;
          x.prefix = in_.lease->ip_net();
          refuse(x);
          return true;
        }
      }
    }
    for (const HostAddress& a : in_.addresses) {
      if (a.local.addr != ip || owned(a)) continue;
      HostRefused x;
      x.reason = a.ifindex == in_.ifindex ? HostRefusal::AddressInUse : HostRefusal::AddressOnOtherInterface;
      x.prefix = in_.lease->ip_net();
      x.conflict_address = a;
      refuse(x);
      return true;
    }
    return false;
  }

  // foreign_same_key: a route of another owner with r's key, if any.
  const HostRoute* foreign_same_key(const HostRoute& r) const noexcept {
    for (const HostRoute& c : in_.routes) {
      if (c.same_key(r) && !owned(c)) return &c;
    }
    return nullptr;
  }

  HostRoute lease_route(const Route& r, Ipv4Addr ip) const noexcept {
    HostRoute h;
    h.dst = r.dest.masked();
    h.table = host::kTableMain;
    h.metric = in_.metric;
    h.oif = in_.ifindex;
    if (!r.on_link()) h.gateway = r.router;
    h.prefsrc = ip;
    h.protocol = host::kProtoDhcp;
    // Routes without a layer-3 gateway are link-scoped.
    h.scope = r.on_link() ? host::kScopeLink : host::kScopeUniverse;
    h.type = host::kTypeUnicast;
    return h;
  }

  void plan_lease(const Lease& lease) noexcept {
    const Ipv4Addr ip = lease.assigned_ip();
    if (address_refused(ip)) {
      // Without the address the routes have no source: refuse them all.
      const RouteSet rs = lease.routes(in_.policy);
      for (const Route& r : rs.kept) refuse_route(HostRefusal::NoAddress, r);
      return;
    }

    // The connected prefix of the mask: through the policy's prefix rules.
    Ipv4Prefix net = lease.ip_net();
    if (net.len < 32 && in_.policy != nullptr) {
      if (auto why = connected_verdict(net, *in_.policy)) {
        refuse_route(HostRefusal::ConnectedPrefix, Route{net.masked(), Ipv4Addr()}, *why);
        net.len = 32;
      }
    }

    HostAddress addr;
    addr.ifindex = in_.ifindex;
    addr.local = net;
    addr.peer = ip;
    if (net.len <= 30) addr.broadcast = Ipv4Addr(net.network().value() | ~net.mask());
    if (auto v = lease.options().get(kOptBroadcast); v && v->size() == 4) {
      const Ipv4Addr given = Ipv4Addr::from_bytes(v->first<4>());
      if (!addr.broadcast || given != *addr.broadcast) {
        HostRefused x;
        x.reason = HostRefusal::BroadcastIgnored;
        x.prefix = Ipv4Prefix{given, 32};
        refuse(x);
      }
    }
    addr.flags = host::kAddrNoPrefixRoute;
    addr.proto = host::kAddrProtoDhcp;
    addr.scope = host::kScopeUniverse;
    addr.valid_lft = address_lifetime_s(lease.expires_at(), in_.now);
    addr.preferred_lft = addr.valid_lft;
    plan_address(addr);
    addr_ = addr;
    out_.address = net;

    // The connected route, when the prefix has room for one. A same-key
    // route of another owner refuses it; if that route is itself on-link on
    // this interface (an address configured by hand in the same subnet), the
    // subnet is still connected here and its gateways reachable.
    Ipv4Prefix reach = Ipv4Prefix{ip, 32};
    if (net.len < 32) {
      const HostRoute connected = lease_route(Route{net.masked(), Ipv4Addr()}, ip);
      if (const HostRoute* other = foreign_same_key(connected)) {
        refuse_route(HostRefusal::RouteConflict, Route{net.masked(), Ipv4Addr()}, RouteDropReason::Capacity, other);
        if (other->oif == in_.ifindex && !other->gateway && other->type == host::kTypeUnicast) reach = net;
      } else {
        want(connected);
        reach = net;
      }
    }

    // The lease's routes, sanitized against what is connected here.
    const RouteSet rs = lease.routes(in_.policy, reach);
    for (const DroppedRoute& d : rs.dropped) refuse_route(HostRefusal::RouteDropped, d.route, d.reason);
    for (const Route& r : rs.kept) {
      const HostRoute h = lease_route(r, ip);
      if (!r.on_link() && !reachable(r.router, reach)) {
        refuse_route(HostRefusal::GatewayUnreachable, r);
        continue;
      }
      if (const HostRoute* other = foreign_same_key(h)) {
        refuse_route(HostRefusal::RouteConflict, r, RouteDropReason::Capacity, other);
        continue;
      }
      want(h);
    }
  }

  // reachable: gw inside the connected network or an accepted route.
  bool reachable(Ipv4Addr gw, Ipv4Prefix reach) const noexcept {
    if (reach.masked().contains(gw)) return true;
    for (const HostRoute& w : wanted_) {
      if (w.dst.contains(gw)) return true;
    }
    return false;
  }

  // plan_address: add the lease's address, or update dhcpcore's own
  // address of the same key. The kernel's replace updates an address's
  // lifetimes and protocol, never its broadcast or flags: an owned address
  // of another shape is deleted and added again, which also makes the kernel
  // drop every route whose source it was (so those are planned again).
  void plan_address(const HostAddress& want) noexcept {
    for (const HostAddress& a : in_.addresses) {
      if (!owned(a) || !a.same_key(want)) continue;
      const bool same_shape = a.broadcast == want.broadcast && a.scope == want.scope &&
                              (a.flags & host::kAddrNoPrefixRoute) != 0;
      if (!same_shape) {
        op(HostOpKind::DeleteAddress, a);
        recreated_ = true;
        continue;  // a second owned address of this key cannot exist; if it did, it goes too
      }
      const bool same_life = a.valid_lft == want.valid_lft && a.preferred_lft == want.preferred_lft;
      if (!same_life && in_.refresh_lifetimes) op(HostOpKind::ReplaceAddress, want);
      kept_addr_ = &a;
      return;
    }
    op(HostOpKind::AddAddress, want);
  }

  // want: the lease needs route h (no other owner has its key). The one
  // owned route of that key, when it equals h, stays. Else h replaces the
  // owned route of that key (the first, which the kernel's NLM_F_REPLACE
  // finds, since no other owner's route has the key) or is added. Two or
  // more owned routes of the key: all but one are deleted first. Deleting
  // them after the replace could remove the replaced route instead
  // (RTM_DELROUTE names neither the source nor the scope, so one that
  // differs from h only there matches h first); before it, whichever of
  // them a delete removes, one route of the key remains to be replaced.
  // After a recreated address the kernel has dropped the routes it was the
  // source of: create-or-replace. delete_stale leaves h's key alone (a
  // delete after the replace would remove the new route).
  void want(const HostRoute& h) noexcept {
    if (!wanted_.push_back(h)) return;  // cannot happen: one connected route + kMaxRoutes kept
    ++out_.routes;
    const HostRoute* first = nullptr;
    std::size_t same_key = 0;
    for (const HostRoute& c : in_.routes) {
      if (!owned(c) || !c.same_key(h)) continue;
      if (first == nullptr) first = &c;
      ++same_key;
    }
    if (same_key == 1 && *first == h && !recreated_) return;
    for (const HostRoute& c : in_.routes) {
      if (&c != first && owned(c) && c.same_key(h)) op(HostOpKind::DeleteRoute, c);
    }
    op(first != nullptr || recreated_ ? HostOpKind::ReplaceRoute : HostOpKind::AddRoute, h);
  }

  // delete_stale: every owned route whose key the lease does not use (want
  // dealt with the others), then every owned address it does not keep
  // (routes first: an address takes the routes it is the source of with it).
  void delete_stale() noexcept {
    for (const HostRoute& r : in_.routes) {
      if (!owned(r)) continue;
      const bool wanted = std::any_of(wanted_.begin(), wanted_.end(), [&](const HostRoute& w) { return w.same_key(r); });
      if (!wanted) op(HostOpKind::DeleteRoute, r);
    }
    std::size_t deleted = 0;
    for (const HostAddress& a : in_.addresses) {
      if (!owned(a) || &a == kept_addr_) continue;
      if (out_.address && a.same_key(addr_)) continue;  // deleted and added again above
      // At most kMaxOwnedAddresses per plan; the executor plans again.
      if (deleted == kMaxOwnedAddresses) {
        ++out_.ops_overflow;
        continue;
      }
      ++deleted;
      op(HostOpKind::DeleteAddress, a);
    }
  }

  const HostPlanInput& in_;
  HostPlan& out_;
  StaticVector<HostRoute, kMaxRoutes + 1> wanted_;        // the lease's routes, in order
  HostAddress addr_;                                       // the lease's address, when out_.address
  const HostAddress* kept_addr_ = nullptr;                 // dhcpcore's address that stays
  bool recreated_ = false;                                 // the lease's address is deleted and added again
};

}  // namespace

void plan_host(const HostPlanInput& in, HostPlan& out) noexcept {
  out.ops.clear();
  out.refused.clear();
  out.ops_overflow = 0;
  out.refused_overflow = 0;
  out.address.reset();
  out.routes = 0;
  Planner(in, out).run();
}

}  // namespace dhcpcore
