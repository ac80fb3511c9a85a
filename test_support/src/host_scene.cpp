// host_scene.cpp: scenes for the host plan (see host_scene.hpp).
#include "dhcpcore/test_support/host_scene.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "dhcpcore/test_support/builders.hpp"

namespace dhcpcore::gen {

namespace {

using std::chrono::milliseconds;

constexpr std::uint8_t kOptMask = 1, kOptRouter = 3, kOptStaticRoutes = 33, kOptLeaseTime = 51,
                       kOptClasslessRoutes = 121;
constexpr std::uint8_t kProtoBoot = 3, kProtoStatic = 4;
constexpr std::uint8_t kTypeBlackhole = 6, kTypeUnreachable = 7;
constexpr std::uint8_t kAddrProtoKernelLo = 2;  // IFA_PROTO_KERNEL_LO: one of the kernel's own values
constexpr std::uint32_t kTableDefault = 253;
constexpr std::uint32_t kTableOther = 100;

// What a scene relates its values to.
struct Anchor {
  Ipv4Addr ip;
  Ipv4Prefix net;  // the lease's ip_net(), host bits kept
  Ipv4Addr gateway;
  std::vector<Route> routes;  // the lease's routes without a policy
  milliseconds expires_at{0};
  std::uint32_t lease_s = 3600;
};

Anchor anchor_of(const Lease& lease) {
  Anchor a;
  a.ip = lease.assigned_ip();
  a.net = lease.ip_net();
  const RouteSet rs = lease.routes(nullptr);
  a.routes.assign(rs.kept.begin(), rs.kept.end());
  const auto with_gw = std::find_if(a.routes.begin(), a.routes.end(), [](const Route& r) { return !r.on_link(); });
  a.gateway = with_gw != a.routes.end() ? with_gw->router : Ipv4Addr(a.net.network().value() | 1);
  a.expires_at = lease.expires_at();
  if (auto v = lease.options().get(kOptLeaseTime); v && v->size() == 4) {
    a.lease_s = (std::uint32_t{(*v)[0]} << 24) | (std::uint32_t{(*v)[1]} << 16) | (std::uint32_t{(*v)[2]} << 8) | (*v)[3];
  }
  return a;
}

Ipv4Addr subnet_host(const Ipv4Prefix& net, std::uint32_t host) {
  return Ipv4Addr(net.network().value() | (host & ~net.mask()));
}
Ipv4Addr subnet_broadcast(const Ipv4Prefix& net) { return Ipv4Addr(net.network().value() | ~net.mask()); }

std::uint8_t len_below(Choices& c, std::uint32_t n) { return static_cast<std::uint8_t>(c.below(n)); }

// pick_index: an index below n (one choice, 0 when n is 0).
std::size_t pick_index(Choices& c, std::size_t n) {
  return c.below(static_cast<std::uint32_t>(std::clamp<std::size_t>(n, 1, 256)));
}

void read_settings(Choices& c, const Anchor& an, HostScene& s) {
  switch (c.below(4)) {
    case 0: s.metric = 0; break;
    case 1: s.metric = 100; break;
    case 2: s.metric = 1024; break;
    default: s.metric = c.u32();
  }
  switch (c.below(5)) {
    case 0: s.now = an.expires_at - milliseconds(std::int64_t{an.lease_s} * 1000); break;
    case 1: s.now = an.expires_at - milliseconds(1); break;
    case 2: s.now = an.expires_at; break;
    case 3: s.now = an.expires_at + milliseconds(5000); break;
    default: s.now = an.expires_at - milliseconds(std::int64_t{1} << 45); break;
  }
  s.refresh_lifetimes = c.below(2) == 0;
}

void read_addresses(Choices& c, const Anchor& an, HostScene& s) {
  const std::uint32_t n = c.below(13);
  for (std::uint32_t i = 0; i < n; ++i) {
    HostAddress a;
    static constexpr std::array<int, 4> kIfaces{kLeaseIfindex, kLeaseIfindex, kOtherIfindex, 1};
    a.ifindex = kIfaces[c.below(4)];
    const std::uint32_t owner = c.below(6);
    bool permanent = false;
    switch (owner) {
      case 1: permanent = true; break;
      case 2: a.proto = 0; break;
      case 3: permanent = true; a.proto = host::kAddrProtoDhcp; break;
      case 4: a.proto = kAddrProtoKernelLo; break;
      default: a.proto = host::kAddrProtoDhcp;
    }
    Ipv4Addr local;
    switch (c.below(8)) {
      case 0: local = an.ip; break;
      case 1: local = subnet_host(an.net, c.below(256)); break;
      case 2: local = an.gateway; break;
      case 3: local = an.net.network(); break;
      case 4: local = subnet_broadcast(an.net); break;
      case 5: local = Ipv4Addr(198, 51, 100, 7); break;
      case 6: local = Ipv4Addr(203, 0, 113, 9); break;
      default: local = Ipv4Addr(c.u32());
    }
    std::uint8_t len = 0;
    switch (c.below(6)) {
      case 0: len = an.net.len; break;
      case 1: len = 32; break;
      case 2: len = 24; break;
      case 3: len = 16; break;
      case 4: len = 8; break;
      default: len = len_below(c, 33);
    }
    a.local = Ipv4Prefix{local, len};
    a.peer = c.below(4) == 3 ? Ipv4Addr(203, 0, 113, 254) : local;
    switch (c.below(4)) {
      case 0: a.flags = host::kAddrNoPrefixRoute; a.broadcast = subnet_broadcast(a.local); break;
      case 1: a.broadcast = subnet_broadcast(a.local); break;
      case 2: a.flags = host::kAddrNoPrefixRoute; break;
      default: a.broadcast = Ipv4Addr(1, 1, 1, 1);
    }
    if (len >= 31) a.broadcast.reset();
    const std::uint32_t life = permanent ? host::kLifetimeForever : 3600;
    a.valid_lft = a.preferred_lft = life;
    if (!admit_address(s.state, a)) continue;
    for (const HostRoute& r : kernel_routes_of(s.state.addresses.back())) (void)admit_route(s.state, r);
  }
}

Ipv4Prefix lease_route_dst(Choices& c, const Anchor& an) {
  const std::size_t k = pick_index(c, an.routes.size());
  return an.routes.empty() ? Ipv4Prefix{Ipv4Addr(), 0} : an.routes[k].dest;
}

Ipv4Prefix inside_connected(const Anchor& an) {
  const std::uint8_t len = an.net.len >= 30 ? 32 : 30;
  return Ipv4Prefix{an.ip, len}.masked();
}
Ipv4Prefix covering_connected(const Anchor& an) {
  return Ipv4Prefix{an.ip, static_cast<std::uint8_t>(an.net.len >= 8 ? an.net.len - 8 : 0)}.masked();
}

void read_routes(Choices& c, const Anchor& an, HostScene& s) {
  const std::uint32_t n = c.below(17);
  for (std::uint32_t i = 0; i < n; ++i) {
    HostRoute r;
    static constexpr std::array<std::uint32_t, 5> kTables{host::kTableMain, host::kTableMain, host::kTableLocal,
                                                          kTableOther, kTableDefault};
    r.table = kTables[c.below(5)];
    static constexpr std::array<std::uint8_t, 6> kProtocols{host::kProtoDhcp, host::kProtoKernel, kProtoStatic,
                                                            kProtoBoot, host::kProtoDhcp, 0};
    r.protocol = kProtocols[c.below(6)];
    switch (c.below(8)) {
      case 0: r.dst = lease_route_dst(c, an); break;
      case 1: r.dst = an.net.masked(); break;
      case 2: r.dst = Ipv4Prefix{Ipv4Addr(), 0}; break;
      case 3: r.dst = Ipv4Prefix{an.ip, 32}; break;
      case 4: r.dst = inside_connected(an); break;
      case 5: r.dst = covering_connected(an); break;
      case 6: r.dst = Ipv4Prefix{Ipv4Addr(203, 0, 113, 0), 24}; break;
      default: {
        const Ipv4Addr a(c.u32());
        r.dst = Ipv4Prefix{a, len_below(c, 33)}.masked();
      }
    }
    switch (c.below(3)) {
      case 0: r.metric = s.metric; break;
      case 1: r.metric = 0; break;
      default: r.metric = s.metric + 1;
    }
    static constexpr std::array<int, 4> kOifs{kLeaseIfindex, kLeaseIfindex, kOtherIfindex, 0};
    r.oif = kOifs[c.below(4)];
    switch (c.below(4)) {
      case 0: break;
      case 1: r.gateway = an.gateway; break;
      case 2: r.gateway = subnet_host(an.net, c.below(256)); break;
      default: r.gateway = Ipv4Addr(198, 51, 100, 1);
    }
    switch (c.below(3)) {
      case 0: break;
      case 1: r.prefsrc = an.ip; break;
      default: {
        const std::size_t k = pick_index(c, s.state.addresses.size());
        if (!s.state.addresses.empty()) r.prefsrc = s.state.addresses[k].local.addr;
      }
    }
    switch (c.below(6)) {
      case 4: r.type = kTypeBlackhole; break;
      case 5: r.type = kTypeUnreachable; break;
      default: r.type = host::kTypeUnicast;
    }
    if (r.type != host::kTypeUnicast) {
      r.oif = 0;
      r.gateway.reset();
    }
    if (r.table == host::kTableLocal) {
      r.scope = host::kScopeHost;
    } else if (r.type == host::kTypeUnicast && !r.gateway && r.oif != 0) {
      r.scope = host::kScopeLink;
    }
    (void)admit_route(s.state, r);
  }
}

void read_policy(Choices& c, const Anchor& an, HostScene& s) {
  const std::uint32_t kind = c.below(4);
  s.policy_kind = kind == 0 ? PolicyKind::None : kind == 1 ? PolicyKind::Reference : PolicyKind::Hardened;
  if (s.policy_kind != PolicyKind::Hardened) {
    s.policy = s.policy_kind == PolicyKind::Reference ? RoutePolicy::reference() : RoutePolicy{};
    return;
  }
  s.policy = RoutePolicy::hardened();
  s.policy.allow_short_prefixes = kind == 3;
  static constexpr std::array<std::size_t, 3> kCaps{32, 0, 3};
  s.policy.max_routes = kCaps[c.below(3)];
  const std::uint32_t n = c.below(4);
  for (std::uint32_t i = 0; i < n; ++i) {
    Ipv4Prefix p;
    switch (c.below(10)) {
      case 0: p = lease_route_dst(c, an); break;
      case 1: p = Ipv4Prefix{Ipv4Addr(10, 8, 0, 0), 16}; break;
      case 2: p = Ipv4Prefix{Ipv4Addr(203, 0, 113, 0), 24}; break;
      case 3: p = Ipv4Prefix{Ipv4Addr(an.ip.value() ^ 4), 30}.masked(); break;  // beside the IP, in its subnet
      case 4: p = Ipv4Prefix{an.gateway, 32}; break;
      case 5: p = an.net.masked(); break;
      case 6: p = covering_connected(an); break;
      case 7: p = Ipv4Prefix{an.ip, 32}; break;
      case 8: p = Ipv4Prefix{Ipv4Addr(), 0}; break;
      default: {
        const Ipv4Addr a(c.u32());
        p = Ipv4Prefix{a, len_below(c, 33)};
      }
    }
    (void)s.policy.protected_prefixes.push_back(p);
  }
}

HostAddress* first_owned_address(HostScene& s) {
  for (HostAddress& a : s.state.addresses) {
    if (a.ifindex == s.ifindex && a.proto == host::kAddrProtoDhcp && (a.flags & host::kAddrPermanent) == 0) return &a;
  }
  return nullptr;
}

std::vector<std::size_t> owned_route_indexes(const HostScene& s) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < s.state.routes.size(); ++i) {
    const HostRoute& r = s.state.routes[i];
    if (r.oif == s.ifindex && r.protocol == host::kProtoDhcp && r.table == host::kTableMain) out.push_back(i);
  }
  return out;
}

void read_history(Choices& c, const Lease& lease, const Anchor& an, HostScene& s) {
  const std::uint32_t earlier = c.below(7);
  if (earlier == 0) return;
  Lease before = lease;
  std::uint32_t metric = s.metric;
  const std::optional<Ipv4Addr> same_ip;
  const std::optional<std::uint8_t> same_mask;
  switch (earlier) {
    case 2: before = lease_with(lease, same_ip, same_mask, false, an.expires_at - milliseconds(1800 * 1000)); break;
    case 3: before = lease_with(lease, same_ip, 16, false, an.expires_at); break;
    case 4: before = lease_with(lease, subnet_host(an.net, an.ip.value() + 1), same_mask, false, an.expires_at); break;
    case 5: before = lease_with(lease, same_ip, same_mask, true, an.expires_at); break;
    case 6: metric = s.metric + 7; break;
    default: break;
  }
  const RoutePolicy* policy = c.below(2) == 0 ? nullptr : s.policy_ptr();
  HostPlanInput in = s.input(&before);
  in.policy = policy;
  in.metric = metric;
  HostPlan plan;
  plan_host(in, plan);
  s.state = apply_plan(s.state, plan).state;

  const std::uint32_t edits = c.below(4);
  for (std::uint32_t i = 0; i < edits; ++i) {
    switch (c.below(6)) {
      case 0: {
        const std::uint32_t by = (c.below(256) + 1) * 16;
        for (HostAddress& a : s.state.addresses) {
          if (a.ifindex != s.ifindex || a.proto != host::kAddrProtoDhcp || (a.flags & host::kAddrPermanent) != 0) continue;
          a.valid_lft = a.valid_lft > by ? a.valid_lft - by : 1;
          a.preferred_lft = a.preferred_lft > by ? a.preferred_lft - by : 0;
        }
        break;
      }
      case 1:
        if (HostAddress* a = first_owned_address(s)) a->flags &= ~host::kAddrNoPrefixRoute;
        break;
      case 2:
        if (HostAddress* a = first_owned_address(s)) a->broadcast = Ipv4Addr(1, 1, 1, 1);
        break;
      case 3: {
        const auto owned = owned_route_indexes(s);
        const std::size_t k = pick_index(c, owned.size());
        if (!owned.empty()) s.state.routes.erase(s.state.routes.begin() + static_cast<std::ptrdiff_t>(owned[k]));
        break;
      }
      case 4: {
        // A second route of the key (ip route append): another gateway,
        // or the same one in another scope or from another source, which
        // an RTM_DELROUTE naming neither cannot tell apart.
        const auto owned = owned_route_indexes(s);
        const std::size_t k = pick_index(c, owned.size());
        const std::uint32_t how = c.below(3);
        const Ipv4Addr via = subnet_host(an.net, c.below(256));
        if (owned.empty()) break;
        HostRoute dup = s.state.routes[owned[k]];
        if (how == 0) {
          dup.gateway = via;
          dup.scope = host::kScopeUniverse;
        } else if (how == 1) {
          dup.scope = dup.scope == host::kScopeLink ? host::kScopeUniverse : host::kScopeLink;
        } else {
          dup.prefsrc = Ipv4Addr(an.ip.value() + 2);  // edit 5's address, when it is there
        }
        (void)admit_route(s.state, dup);
        break;
      }
      default: {
        HostAddress a;
        a.ifindex = s.ifindex;
        a.local = Ipv4Prefix{Ipv4Addr(an.ip.value() + 2), 24};
        a.peer = a.local.addr;
        a.broadcast = subnet_broadcast(a.local);
        a.flags = host::kAddrNoPrefixRoute;
        a.proto = host::kAddrProtoDhcp;
        a.valid_lft = a.preferred_lft = 600;
        (void)admit_address(s.state, a);
      }
    }
  }
}

}  // namespace

HostPlanInput HostScene::input(const Lease* lease, const KernelState& s) const noexcept {
  HostPlanInput in;
  in.ifindex = ifindex;
  in.lease = lease;
  in.now = now;
  in.policy = policy_ptr();
  in.metric = metric;
  in.refresh_lifetimes = refresh_lifetimes;
  in.addresses = s.addresses;
  in.routes = s.routes;
  return in;
}

Lease phantom_lease() {
  NormalizedLease n;
  n.yiaddr = Ipv4Addr(192, 0, 2, 50);
  n.server_id = Ipv4Addr(192, 0, 2, 1);
  n.lease_s = 3600;
  const auto mask = addr_bytes(Ipv4Addr(255, 255, 255, 0));
  const auto router = addr_bytes(Ipv4Addr(192, 0, 2, 1));
  const auto lease_time = be32(3600);
  (void)n.options.set(kOptMask, mask);
  (void)n.options.set(kOptRouter, router);
  (void)n.options.set(kOptLeaseTime, lease_time);
  return Lease(n, milliseconds(3600 * 1000));
}

Lease lease_with(const Lease& lease, std::optional<Ipv4Addr> ip, std::optional<std::uint8_t> mask_len,
                 bool without_routes, std::chrono::milliseconds expires_at) {
  NormalizedLease n;
  n.yiaddr = ip.value_or(lease.assigned_ip());
  n.options = lease.options();
  if (mask_len) {
    const auto mask = addr_bytes(Ipv4Addr(prefix_mask(*mask_len)));
    (void)n.options.set(kOptMask, mask);
  }
  if (without_routes) {
    for (const std::uint8_t code : {kOptRouter, kOptStaticRoutes, kOptClasslessRoutes}) n.options.erase(code);
  }
  return Lease(n, expires_at);
}

HostScene build_scene(Choices& c, const Lease* lease) {
  const Lease phantom = phantom_lease();
  const Lease& l = lease != nullptr ? *lease : phantom;
  const Anchor an = anchor_of(l);
  HostScene s;
  read_settings(c, an, s);
  read_addresses(c, an, s);
  read_routes(c, an, s);
  read_policy(c, an, s);
  read_history(c, l, an, s);
  return s;
}

void add_owned_addresses(HostScene& scene, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    HostAddress a;
    a.ifindex = scene.ifindex;
    a.local = Ipv4Prefix{Ipv4Addr(0xc00002c8u + static_cast<std::uint32_t>(i)), 24};  // 192.0.2.200 + i
    a.peer = a.local.addr;
    a.broadcast = Ipv4Addr(192, 0, 2, 255);
    a.flags = host::kAddrNoPrefixRoute;
    a.proto = host::kAddrProtoDhcp;
    a.valid_lft = a.preferred_lft = 600;
    (void)admit_address(scene.state, a);
  }
}

std::string describe(const HostScene& s) {
  std::string out = std::string("scene: if ") + std::to_string(s.ifindex) + " metric " + std::to_string(s.metric) + " now " +
                    std::to_string(s.now.count()) + " ms refresh " + (s.refresh_lifetimes ? "yes" : "no") +
                    " policy ";
  switch (s.policy_kind) {
    case PolicyKind::None: out += "none"; break;
    case PolicyKind::Reference: out += "reference"; break;
    case PolicyKind::Hardened: {
      out += std::string("hardened (short ") + std::string(s.policy.allow_short_prefixes ? "allowed" : "refused") + ", max " +
             std::to_string(s.policy.max_routes) + ", protected:";
      for (const Ipv4Prefix& p : s.policy.protected_prefixes) out += std::string(" ") + p.to_string();
      out += ")";
    }
  }
  return out + "\n" + describe(s.state);
}

}  // namespace dhcpcore::gen
