// lease_applier.cpp: LeaseApplier, the executor of plan_host.
#include "dhcpcore/linux/lease_applier.hpp"

#include <fcntl.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <unistd.h>

#include <cerrno>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "dhcpcore/linux/unique_fd.hpp"

namespace dhcpcore::runtime {

// core/ restates these so it needs no Linux header; they must agree.
static_assert(host::kProtoKernel == RTPROT_KERNEL);
static_assert(host::kProtoDhcp == RTPROT_DHCP);
static_assert(host::kTableMain == RT_TABLE_MAIN);
static_assert(host::kTableLocal == RT_TABLE_LOCAL);
static_assert(host::kScopeUniverse == RT_SCOPE_UNIVERSE);
static_assert(host::kScopeLink == RT_SCOPE_LINK);
static_assert(host::kScopeHost == RT_SCOPE_HOST);
static_assert(host::kTypeUnicast == RTN_UNICAST);
static_assert(host::kAddrSecondary == IFA_F_SECONDARY);
static_assert(host::kAddrPermanent == IFA_F_PERMANENT);
static_assert(host::kAddrNoPrefixRoute == IFA_F_NOPREFIXROUTE);

namespace {

constexpr int kMaxRounds = 4;

struct HostState {
  std::vector<HostAddress> addresses;
  std::vector<HostRoute> routes;
};

SysResult<HostState> read_state(Rtnetlink& nl) {
  auto addrs = nl.list_addrs(0);
  if (!addrs) return Err<SysError>{addrs.error()};
  auto routes = nl.list_routes();
  if (!routes) return Err<SysError>{routes.error()};
  return HostState{std::move(addrs).value(), std::move(routes).value()};
}

HostPlanInput plan_input(int ifindex, const Lease* lease, std::chrono::milliseconds now,
                         const RoutePolicy* policy, std::uint32_t metric, const HostState& state) {
  HostPlanInput in;
  in.ifindex = ifindex;
  in.lease = lease;
  in.now = now;
  in.policy = policy;
  in.metric = metric;
  in.addresses = state.addresses;
  in.routes = state.routes;
  return in;
}

// op_text: "AddRoute 0.0.0.0/0 via 192.0.2.1". Built by appending: g++ 12
// at -O3 reports a bogus -Wrestrict inside libstdc++ for `"literal" +
// std::string&&`.
std::string op_text(const HostOp& op) {
  std::string s = to_string(op.kind);
  s += ' ';
  if (op.is_address()) {
    s += op.address.local.to_string();
    return s;
  }
  s += op.route.dst.to_string();
  if (op.route.gateway) {
    s += " via ";
    s += op.route.gateway->to_string();
  } else {
    s += " on-link";
  }
  return s;
}

// takes_secondaries: deleting a, a primary address, would make the kernel
// delete every secondary address of its subnet on its interface unless
// promote_secondaries is set (net/ipv4/devinet.c __inet_del_ifa): true when
// such a secondary exists.
bool takes_secondaries(const HostAddress& a, std::span<const HostAddress> addresses) {
  if ((a.flags & IFA_F_SECONDARY) != 0) return false;
  for (const HostAddress& o : addresses) {
    if (o.ifindex == a.ifindex && !o.same_key(a) && (o.flags & IFA_F_SECONDARY) != 0 &&
        o.local.len == a.local.len && a.local.masked().contains(o.local.addr)) {
      return true;
    }
  }
  return false;
}

// PromoteSecondaries: while it lives, the interface's promote_secondaries
// is 1 (so deleting dhcpcore's primary address promotes the addresses of
// others in its subnet instead of deleting them); the earlier value comes
// back afterwards.
class PromoteSecondaries {
 public:
  static SysResult<std::optional<PromoteSecondaries>> enable(int ifindex) {
    char name[IF_NAMESIZE] = {};
    if (::if_indextoname(static_cast<unsigned>(ifindex), name) == nullptr) {
      return sys_error(errno, "promote_secondaries: name of " + std::to_string(ifindex));
    }
    const std::string path = std::string("/proc/sys/net/ipv4/conf/") + name + "/promote_secondaries";
    std::string old;
    if (Status st = read_text(path, old); !st) return Err<SysError>{st.error()};
    if (old == "1") return std::optional<PromoteSecondaries>();
    if (Status st = write_text(path, "1"); !st) return Err<SysError>{st.error()};
    return std::optional<PromoteSecondaries>(PromoteSecondaries(path, old));
  }
  PromoteSecondaries(PromoteSecondaries&& o) noexcept : path_(std::move(o.path_)), old_(std::move(o.old_)) {
    o.path_.clear();
  }
  PromoteSecondaries& operator=(PromoteSecondaries&&) = delete;
  ~PromoteSecondaries() {
    if (!path_.empty()) (void)write_text(path_, old_);
  }

 private:
  PromoteSecondaries(std::string path, std::string old) : path_(std::move(path)), old_(std::move(old)) {}

  static Status read_text(const std::string& path, std::string& out) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid()) return sys_error(errno, "open " + path);
    char buf[16] = {};
    const ssize_t n = ::read(fd.get(), buf, sizeof buf - 1);
    if (n < 0) return sys_error(errno, "read " + path);
    out.assign(buf, static_cast<std::size_t>(n));
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return Ok{};
  }
  static Status write_text(const std::string& path, const std::string& value) {
    UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CLOEXEC));
    if (!fd.valid()) return sys_error(errno, "open " + path);
    if (::write(fd.get(), value.data(), value.size()) != static_cast<ssize_t>(value.size())) {
      return sys_error(errno, "write " + path);
    }
    return Ok{};
  }

  std::string path_, old_;
};

}  // namespace

Status execute_plan(Rtnetlink& nl, const HostPlan& plan, std::span<const HostAddress> addresses) {
  for (const HostOp& op : plan.ops) {
    Status st = Ok{};
    switch (op.kind) {
      case HostOpKind::AddAddress: st = nl.add_addr(op.address, false); break;
      case HostOpKind::ReplaceAddress: st = nl.add_addr(op.address, true); break;
      case HostOpKind::DeleteAddress: {
        // Others' addresses in the subnet of dhcpcore's primary address are
        // promoted, not deleted with it.
        auto promote = takes_secondaries(op.address, addresses)
                           ? PromoteSecondaries::enable(op.address.ifindex)
                           : SysResult<std::optional<PromoteSecondaries>>(std::optional<PromoteSecondaries>());
        if (!promote) return Err<SysError>{promote.error()};
        st = nl.delete_addr(op.address);
        break;
      }
      case HostOpKind::AddRoute: st = nl.add_route(op.route, false); break;
      case HostOpKind::ReplaceRoute: st = nl.add_route(op.route, true); break;
      case HostOpKind::DeleteRoute: st = nl.delete_route(op.route); break;
    }
    if (!st) return st;
  }
  return Ok{};
}

SysResult<LeaseApplier> LeaseApplier::open(int ifindex, std::optional<RoutePolicy> policy, std::uint32_t metric) {
  auto nl = Rtnetlink::open();
  if (!nl) return Err<SysError>{nl.error()};
  return LeaseApplier(std::move(nl).value(), ifindex, std::move(policy), metric);
}

LeaseApplier::LeaseApplier(Rtnetlink nl, int ifindex, std::optional<RoutePolicy> policy, std::uint32_t metric)
    : nl_(std::move(nl)), ifindex_(ifindex), policy_(std::move(policy)), metric_(metric) {}

Status LeaseApplier::apply(const Lease* lease, std::chrono::milliseconds now) {
  for (int round = 0; round < kMaxRounds; ++round) {
    auto state = read_state(nl_);
    if (!state) return Err<SysError>{state.error()};
    HostPlan& plan = round == 0 ? *plan_ : *scratch_;
    plan_host(plan_input(ifindex_, lease, now, policy(), metric_, state.value()), plan);
    if (Status st = execute_plan(nl_, plan, state.value().addresses); !st) return st;
    if (plan.ops_overflow == 0) break;
  }

  // Read back: the kernel's state must now be the plan's. Lifetimes count
  // down in the kernel, so they are not compared here.
  auto after = read_state(nl_);
  if (!after) return Err<SysError>{after.error()};
  if (plan_->address) {
    for (const HostAddress& a : after.value().addresses) {
      if (a.ifindex == ifindex_ && a.local == *plan_->address && a.proto != host::kAddrProtoDhcp) {
        return sys_error(EPROTO, "read-back: address " + a.local.to_string() +
                                     " lost its IFA_PROTO marker (Linux >= 6.1 is needed to tell "
                                     "dhcpcore's addresses from others')");
      }
    }
  }
  HostPlanInput check = plan_input(ifindex_, lease, now, policy(), metric_, after.value());
  check.refresh_lifetimes = false;
  plan_host(check, *scratch_);
  if (!scratch_->ops.empty()) {
    std::string why = "read-back: the kernel's state differs from the plan (";
    why += op_text(scratch_->ops[0]);
    why += " still needed)";
    return sys_error(EPROTO, std::move(why));
  }
  return Ok{};
}

Status LeaseApplier::remove_all() { return apply(nullptr, std::chrono::milliseconds(0)); }

}  // namespace dhcpcore::runtime
