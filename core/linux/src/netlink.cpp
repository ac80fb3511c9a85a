// netlink.cpp: Rtnetlink over libmnl.
#include "dhcpcore/linux/netlink.hpp"

#include <libmnl/libmnl.h>
#include <linux/if_addr.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <utility>

namespace dhcpcore::runtime {

namespace {

// Receive buffer: large enough for any one dump datagram (the kernel sizes
// them after the reader's buffer, up to 32 KiB).
constexpr std::size_t kRecvWords = 32768 / sizeof(std::uint32_t);
// Request buffer: the largest request carries five small attributes.
constexpr std::size_t kRequestWords = 256;
constexpr time_t kRecvTimeoutSeconds = 5;

using RequestBuffer = std::array<std::uint32_t, kRequestWords>;

// ---- attributes --------------------------------------------------------------

template <std::size_t N>
using AttrTable = std::array<const nlattr*, N>;

template <std::size_t N>
int collect_attr(const nlattr* attr, void* data) {
  auto* table = static_cast<AttrTable<N>*>(data);
  const std::uint16_t type = mnl_attr_get_type(attr);
  if (type < N) (*table)[type] = attr;
  return MNL_CB_OK;
}

template <std::size_t N>
AttrTable<N> parse_attrs(const nlmsghdr* nlh, std::size_t header_size) {
  AttrTable<N> table{};
  mnl_attr_parse(nlh, static_cast<unsigned>(header_size), collect_attr<N>, &table);
  return table;
}

std::optional<Ipv4Addr> attr_ipv4(const nlattr* attr) {
  if (attr == nullptr || mnl_attr_get_payload_len(attr) != 4) return std::nullopt;
  std::array<std::uint8_t, 4> b{};
  std::memcpy(b.data(), mnl_attr_get_payload(attr), b.size());
  return Ipv4Addr::from_bytes(b);
}

std::optional<std::uint32_t> attr_u32(const nlattr* attr) {
  if (attr == nullptr || mnl_attr_validate(attr, MNL_TYPE_U32) < 0) return std::nullopt;
  return mnl_attr_get_u32(attr);
}

std::string attr_string(const nlattr* attr) {
  if (attr == nullptr || mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) < 0) return {};
  return mnl_attr_get_str(attr);
}

void put_ipv4(nlmsghdr* nlh, std::uint16_t type, Ipv4Addr a) {
  const auto o = a.octets();
  mnl_attr_put(nlh, type, o.size(), o.data());
}

template <class T>
const T* fixed_header(const nlmsghdr* nlh) {
  if (mnl_nlmsg_get_payload_len(nlh) < sizeof(T)) return nullptr;
  return static_cast<const T*>(mnl_nlmsg_get_payload(nlh));
}

template <class T>
T* put_fixed_header(nlmsghdr* nlh) {
  return static_cast<T*>(mnl_nlmsg_put_extra_header(nlh, sizeof(T)));
}

nlmsghdr* new_request(RequestBuffer& buf, std::uint16_t type, std::uint16_t flags) {
  buf.fill(0);
  nlmsghdr* nlh = mnl_nlmsg_put_header(buf.data());
  nlh->nlmsg_type = type;
  nlh->nlmsg_flags = static_cast<std::uint16_t>(NLM_F_REQUEST | flags);
  return nlh;
}

// ---- message decoders --------------------------------------------------------

std::optional<HostAddress> decode_addr(const nlmsghdr* nlh) {
  if (nlh->nlmsg_type != RTM_NEWADDR) return std::nullopt;
  const auto* ifa = fixed_header<ifaddrmsg>(nlh);
  if (ifa == nullptr || ifa->ifa_family != AF_INET || ifa->ifa_prefixlen > 32) return std::nullopt;
  const auto tb = parse_attrs<IFA_MAX + 1>(nlh, sizeof(ifaddrmsg));
  HostAddress a;
  a.ifindex = static_cast<int>(ifa->ifa_index);
  auto local = attr_ipv4(tb[IFA_LOCAL]);
  auto address = attr_ipv4(tb[IFA_ADDRESS]);
  if (!local) local = address;
  if (!local) return std::nullopt;
  a.local = {*local, ifa->ifa_prefixlen};
  a.peer = address.value_or(*local);
  a.broadcast = attr_ipv4(tb[IFA_BROADCAST]);
  a.flags = attr_u32(tb[IFA_FLAGS]).value_or(ifa->ifa_flags);
  if (const nlattr* proto = tb[IFA_PROTO]; proto != nullptr && mnl_attr_validate(proto, MNL_TYPE_U8) >= 0) {
    a.proto = mnl_attr_get_u8(proto);
  }
  a.scope = ifa->ifa_scope;
  if (const nlattr* ci = tb[IFA_CACHEINFO];
      ci != nullptr && mnl_attr_get_payload_len(ci) >= sizeof(ifa_cacheinfo)) {
    ifa_cacheinfo info{};
    std::memcpy(&info, mnl_attr_get_payload(ci), sizeof(info));
    a.valid_lft = info.ifa_valid;
    a.preferred_lft = info.ifa_prefered;
  }
  return a;
}

std::optional<HostRoute> decode_route(const nlmsghdr* nlh) {
  if (nlh->nlmsg_type != RTM_NEWROUTE) return std::nullopt;
  const auto* rtm = fixed_header<rtmsg>(nlh);
  if (rtm == nullptr || rtm->rtm_family != AF_INET || rtm->rtm_dst_len > 32) return std::nullopt;
  const auto tb = parse_attrs<RTA_MAX + 1>(nlh, sizeof(rtmsg));
  HostRoute r;
  r.dst = Ipv4Prefix{attr_ipv4(tb[RTA_DST]).value_or(Ipv4Addr()), rtm->rtm_dst_len}.masked();
  r.gateway = attr_ipv4(tb[RTA_GATEWAY]);
  r.prefsrc = attr_ipv4(tb[RTA_PREFSRC]);
  r.oif = static_cast<int>(attr_u32(tb[RTA_OIF]).value_or(0));
  r.table = attr_u32(tb[RTA_TABLE]).value_or(rtm->rtm_table);
  r.metric = attr_u32(tb[RTA_PRIORITY]).value_or(0);
  r.protocol = rtm->rtm_protocol;
  r.scope = rtm->rtm_scope;
  r.type = rtm->rtm_type;
  r.tos = rtm->rtm_tos;
  return r;
}

std::optional<LinkInfo> decode_link(const nlmsghdr* nlh) {
  if (nlh->nlmsg_type != RTM_NEWLINK) return std::nullopt;
  const auto* ifi = fixed_header<ifinfomsg>(nlh);
  if (ifi == nullptr) return std::nullopt;
  const auto tb = parse_attrs<IFLA_MAX + 1>(nlh, sizeof(ifinfomsg));
  LinkInfo l;
  l.index = ifi->ifi_index;
  l.name = attr_string(tb[IFLA_IFNAME]);
  l.type = ifi->ifi_type;
  l.flags = ifi->ifi_flags;
  l.mtu = attr_u32(tb[IFLA_MTU]).value_or(0);
  if (const nlattr* hw = tb[IFLA_ADDRESS]; hw != nullptr && mnl_attr_get_payload_len(hw) == 6) {
    MacAddr mac{};
    std::memcpy(mac.data(), mnl_attr_get_payload(hw), mac.size());
    l.mac = mac;
  }
  return l;
}

// The extended-ACK message of an NLMSG_ERROR, when the kernel sent one.
std::string extack_message(const nlmsghdr* nlh, const nlmsgerr* err) {
  if ((nlh->nlmsg_flags & NLM_F_ACK_TLVS) == 0) return {};
  std::size_t offset = sizeof(nlmsgerr);
  if ((nlh->nlmsg_flags & NLM_F_CAPPED) == 0) {
    if (err->msg.nlmsg_len < NLMSG_HDRLEN) return {};
    offset += err->msg.nlmsg_len - NLMSG_HDRLEN;
  }
  if (offset >= mnl_nlmsg_get_payload_len(nlh)) return {};
  const auto tb = parse_attrs<NLMSGERR_ATTR_MAX + 1>(nlh, offset);
  return attr_string(tb[NLMSGERR_ATTR_MSG]);
}

std::string ifindex_text(int ifindex) { return "ifindex " + std::to_string(ifindex); }

}  // namespace

// ---- Rtnetlink ---------------------------------------------------------------

SysResult<Rtnetlink> Rtnetlink::open() {
  mnl_socket* s = mnl_socket_open2(NETLINK_ROUTE, SOCK_CLOEXEC);
  if (s == nullptr) return sys_error(errno, "netlink: open NETLINK_ROUTE socket");
  if (mnl_socket_bind(s, 0, MNL_SOCKET_AUTOPID) < 0) {
    const int e = errno;
    mnl_socket_close(s);
    return sys_error(e, "netlink: bind NETLINK_ROUTE socket");
  }
  // Without an answer in time a request fails with EAGAIN instead of hanging.
  timeval tv{};
  tv.tv_sec = kRecvTimeoutSeconds;
  if (setsockopt(mnl_socket_get_fd(s), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) < 0) {
    const int e = errno;
    mnl_socket_close(s);
    return sys_error(e, "netlink: set receive timeout");
  }
  // Best effort (Linux >= 4.12): the kernel's reason in error replies, and
  // errors that do not echo the whole request.
  int one = 1;
  mnl_socket_setsockopt(s, NETLINK_EXT_ACK, &one, sizeof(one));
  mnl_socket_setsockopt(s, NETLINK_CAP_ACK, &one, sizeof(one));
  return Rtnetlink(s, mnl_socket_get_portid(s));
}

Rtnetlink::Rtnetlink(Rtnetlink&& o) noexcept
    : sock_(std::exchange(o.sock_, nullptr)), seq_(o.seq_), portid_(o.portid_) {}

Rtnetlink& Rtnetlink::operator=(Rtnetlink&& o) noexcept {
  if (this != &o) {
    if (sock_ != nullptr) mnl_socket_close(sock_);
    sock_ = std::exchange(o.sock_, nullptr);
    seq_ = o.seq_;
    portid_ = o.portid_;
  }
  return *this;
}

Rtnetlink::~Rtnetlink() {
  if (sock_ != nullptr) mnl_socket_close(sock_);
}

Status Rtnetlink::run(nlmsghdr* nlh, const std::string& what, MsgFn on_msg, void* ctx) {
  if (sock_ == nullptr) return sys_error(EBADF, "netlink: " + what + " (socket not open)");
  const bool dump = (nlh->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP;
  if (!dump) nlh->nlmsg_flags = static_cast<std::uint16_t>(nlh->nlmsg_flags | NLM_F_ACK);
  const std::uint32_t seq = ++seq_;
  nlh->nlmsg_seq = seq;
  if (mnl_socket_sendto(sock_, nlh, nlh->nlmsg_len) < 0) return sys_error(errno, "netlink: " + what);

  std::vector<std::uint32_t> buf(kRecvWords);
  for (;;) {
    const ssize_t n = mnl_socket_recvfrom(sock_, buf.data(), buf.size() * sizeof(std::uint32_t));
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        return sys_error(ETIMEDOUT, "netlink: " + what + " (no answer from the kernel)");
      }
      return sys_error(errno, "netlink: " + what + " (receive)");
    }
    int len = static_cast<int>(n);
    const auto* msg = static_cast<const nlmsghdr*>(static_cast<const void*>(buf.data()));
    for (; mnl_nlmsg_ok(msg, len); msg = mnl_nlmsg_next(msg, &len)) {
      // Replies to an earlier request that timed out are skipped.
      if (msg->nlmsg_seq != seq || (msg->nlmsg_pid != 0 && msg->nlmsg_pid != portid_)) continue;
      switch (msg->nlmsg_type) {
        case NLMSG_NOOP: continue;
        case NLMSG_OVERRUN: return sys_error(ENOBUFS, "netlink: " + what + " (overrun)");
        case NLMSG_DONE: {
          // A dump that failed part way reports the error in NLMSG_DONE.
          if (mnl_nlmsg_get_payload_len(msg) >= sizeof(int)) {
            int err = 0;
            std::memcpy(&err, mnl_nlmsg_get_payload(msg), sizeof(err));
            if (err < 0) return sys_error(-err, "netlink: " + what);
          }
          return Ok{};
        }
        case NLMSG_ERROR: {
          const auto* err = fixed_header<nlmsgerr>(msg);
          if (err == nullptr) return sys_error(EBADMSG, "netlink: " + what + " (short error reply)");
          if (err->error == 0) return Ok{};
          std::string text = "netlink: " + what;
          if (auto ext = extack_message(msg, err); !ext.empty()) text += " [kernel: " + ext + "]";
          return sys_error(-err->error, std::move(text));
        }
        default:
          if (on_msg != nullptr) on_msg(msg, ctx);
      }
    }
  }
}

SysResult<std::vector<HostAddress>> Rtnetlink::list_addrs(int ifindex) {
  RequestBuffer buf;
  nlmsghdr* nlh = new_request(buf, RTM_GETADDR, NLM_F_DUMP);
  put_fixed_header<ifaddrmsg>(nlh)->ifa_family = AF_INET;
  struct Ctx {
    int ifindex;
    std::vector<HostAddress> out;
  } ctx{ifindex, {}};
  Status st = run(nlh, "list addresses", [](const nlmsghdr* m, void* c) {
    auto* cx = static_cast<Ctx*>(c);
    auto a = decode_addr(m);
    if (a && (cx->ifindex == 0 || a->ifindex == cx->ifindex)) cx->out.push_back(std::move(*a));
  }, &ctx);
  if (!st) return Err<SysError>{st.error()};
  return std::move(ctx.out);
}

SysResult<std::vector<HostRoute>> Rtnetlink::list_routes() {
  RequestBuffer buf;
  nlmsghdr* nlh = new_request(buf, RTM_GETROUTE, NLM_F_DUMP);
  put_fixed_header<rtmsg>(nlh)->rtm_family = AF_INET;
  std::vector<HostRoute> out;
  Status st = run(nlh, "list routes", [](const nlmsghdr* m, void* c) {
    if (auto r = decode_route(m)) static_cast<std::vector<HostRoute>*>(c)->push_back(*r);
  }, &out);
  if (!st) return Err<SysError>{st.error()};
  return out;
}

namespace {
SysResult<LinkInfo> finish_link_query(Status st, std::optional<LinkInfo> link, const std::string& name) {
  if (!st) {
    if (st.error().code == ENODEV) return sys_error(ENODEV, "no such interface: " + name);
    return Err<SysError>{st.error()};
  }
  if (!link) return sys_error(EBADMSG, "netlink: no link in the reply for " + name);
  return std::move(*link);
}

void collect_link(const nlmsghdr* m, void* c) {
  auto* out = static_cast<std::optional<LinkInfo>*>(c);
  if (!*out) *out = decode_link(m);
}
}  // namespace

SysResult<LinkInfo> Rtnetlink::link_by_name(std::string_view name) {
  const std::string n(name);
  if (name.empty() || name.size() >= IFNAMSIZ || name.find('\0') != std::string_view::npos) {
    return sys_error(EINVAL, "bad interface name \"" + n + "\" (1 to " +
                                 std::to_string(IFNAMSIZ - 1) + " characters)");
  }
  RequestBuffer buf;
  nlmsghdr* nlh = new_request(buf, RTM_GETLINK, 0);
  put_fixed_header<ifinfomsg>(nlh)->ifi_family = AF_UNSPEC;
  mnl_attr_put_strz(nlh, IFLA_IFNAME, n.c_str());
  mnl_attr_put_u32(nlh, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
  std::optional<LinkInfo> link;
  Status st = run(nlh, "get link " + n, collect_link, &link);
  return finish_link_query(std::move(st), std::move(link), n);
}

SysResult<LinkInfo> Rtnetlink::link_by_index(int ifindex) {
  if (ifindex <= 0) return sys_error(EINVAL, "bad interface index " + std::to_string(ifindex));
  RequestBuffer buf;
  nlmsghdr* nlh = new_request(buf, RTM_GETLINK, 0);
  auto* ifi = put_fixed_header<ifinfomsg>(nlh);
  ifi->ifi_family = AF_UNSPEC;
  ifi->ifi_index = ifindex;
  mnl_attr_put_u32(nlh, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
  std::optional<LinkInfo> link;
  Status st = run(nlh, "get link " + ifindex_text(ifindex), collect_link, &link);
  return finish_link_query(std::move(st), std::move(link), ifindex_text(ifindex));
}

Status Rtnetlink::add_addr(const HostAddress& addr, bool replace) {
  RequestBuffer buf;
  nlmsghdr* nlh = new_request(buf, RTM_NEWADDR, replace ? NLM_F_REPLACE : NLM_F_CREATE | NLM_F_EXCL);
  auto* ifa = put_fixed_header<ifaddrmsg>(nlh);
  ifa->ifa_family = AF_INET;
  ifa->ifa_prefixlen = addr.local.len;
  ifa->ifa_scope = addr.scope;
  ifa->ifa_flags = static_cast<std::uint8_t>(addr.flags & 0xffu);
  ifa->ifa_index = static_cast<std::uint32_t>(addr.ifindex);
  put_ipv4(nlh, IFA_LOCAL, addr.local.addr);
  put_ipv4(nlh, IFA_ADDRESS, addr.peer);
  if (addr.broadcast) put_ipv4(nlh, IFA_BROADCAST, *addr.broadcast);
  // IFA_F_NOPREFIXROUTE and the other flags above 8 bits only fit IFA_FLAGS.
  mnl_attr_put_u32(nlh, IFA_FLAGS, addr.flags);
  if (addr.proto != 0) mnl_attr_put_u8(nlh, IFA_PROTO, addr.proto);
  ifa_cacheinfo ci{};
  ci.ifa_valid = addr.valid_lft;
  ci.ifa_prefered = addr.preferred_lft;
  mnl_attr_put(nlh, IFA_CACHEINFO, sizeof(ci), &ci);
  return run(nlh, std::string(replace ? "replace" : "add") + " address " + addr.local.to_string() + " on " +
                      ifindex_text(addr.ifindex),
             nullptr, nullptr);
}

Status Rtnetlink::delete_addr(const HostAddress& addr) {
  RequestBuffer buf;
  nlmsghdr* nlh = new_request(buf, RTM_DELADDR, 0);
  auto* ifa = put_fixed_header<ifaddrmsg>(nlh);
  ifa->ifa_family = AF_INET;
  ifa->ifa_prefixlen = addr.local.len;
  ifa->ifa_index = static_cast<std::uint32_t>(addr.ifindex);
  put_ipv4(nlh, IFA_LOCAL, addr.local.addr);
  put_ipv4(nlh, IFA_ADDRESS, addr.peer);
  Status st = run(nlh, "delete address " + addr.local.to_string() + " on " + ifindex_text(addr.ifindex),
                  nullptr, nullptr);
  if (!st && (st.error().code == ENOENT || st.error().code == EADDRNOTAVAIL)) return Ok{};
  return st;
}

namespace {
std::string route_text(const HostRoute& route) {
  std::string what = route.dst.to_string();
  what += route.gateway ? " via " + route.gateway->to_string() : std::string(" on-link");
  what += " table " + std::to_string(route.table) + " metric " + std::to_string(route.metric);
  what += " on " + ifindex_text(route.oif);
  return what;
}
}  // namespace

Status Rtnetlink::add_route(const HostRoute& route, bool replace) {
  RequestBuffer buf;
  nlmsghdr* nlh = new_request(buf, RTM_NEWROUTE, NLM_F_CREATE | (replace ? NLM_F_REPLACE : NLM_F_EXCL));
  auto* rtm = put_fixed_header<rtmsg>(nlh);
  rtm->rtm_family = AF_INET;
  rtm->rtm_dst_len = route.dst.len;
  rtm->rtm_tos = route.tos;
  rtm->rtm_table = route.table < 256 ? static_cast<std::uint8_t>(route.table) : std::uint8_t{RT_TABLE_UNSPEC};
  rtm->rtm_protocol = route.protocol;
  rtm->rtm_scope = route.scope;
  rtm->rtm_type = route.type;
  mnl_attr_put_u32(nlh, RTA_TABLE, route.table);
  if (route.dst.len > 0) put_ipv4(nlh, RTA_DST, route.dst.network());
  if (route.metric != 0) mnl_attr_put_u32(nlh, RTA_PRIORITY, route.metric);
  if (route.gateway) put_ipv4(nlh, RTA_GATEWAY, *route.gateway);
  if (route.prefsrc) put_ipv4(nlh, RTA_PREFSRC, *route.prefsrc);
  if (route.oif != 0) mnl_attr_put_u32(nlh, RTA_OIF, static_cast<std::uint32_t>(route.oif));
  return run(nlh, std::string(replace ? "replace" : "add") + " route " + route_text(route), nullptr, nullptr);
}

Status Rtnetlink::delete_route(const HostRoute& route) {
  RequestBuffer buf;
  nlmsghdr* nlh = new_request(buf, RTM_DELROUTE, 0);
  auto* rtm = put_fixed_header<rtmsg>(nlh);
  rtm->rtm_family = AF_INET;
  rtm->rtm_dst_len = route.dst.len;
  rtm->rtm_tos = route.tos;
  rtm->rtm_table = route.table < 256 ? static_cast<std::uint8_t>(route.table) : std::uint8_t{RT_TABLE_UNSPEC};
  rtm->rtm_protocol = route.protocol;
  rtm->rtm_scope = RT_SCOPE_NOWHERE;  // any scope, as `ip route del`
  rtm->rtm_type = route.type;
  mnl_attr_put_u32(nlh, RTA_TABLE, route.table);
  if (route.dst.len > 0) put_ipv4(nlh, RTA_DST, route.dst.network());
  if (route.oif != 0) mnl_attr_put_u32(nlh, RTA_OIF, static_cast<std::uint32_t>(route.oif));
  if (route.gateway) put_ipv4(nlh, RTA_GATEWAY, *route.gateway);
  // Metric 0 is the kernel's wildcard here; a route reported without
  // RTA_PRIORITY has metric 0, so the first match of the other fields goes.
  if (route.metric != 0) mnl_attr_put_u32(nlh, RTA_PRIORITY, route.metric);
  Status st = run(nlh, "delete route " + route_text(route), nullptr, nullptr);
  if (!st && (st.error().code == ESRCH || st.error().code == ENOENT)) return Ok{};
  return st;
}

// ---- query_link ----------------------------------------------------------------

SysResult<LinkInfo> query_link(std::string_view name) {
  auto nl = Rtnetlink::open();
  if (!nl) return Err<SysError>{nl.error()};
  auto link = nl.value().link_by_name(name);
  if (!link) return link;
  const auto& l = link.value();
  const bool zero = l.mac && std::all_of(l.mac->begin(), l.mac->end(), [](std::uint8_t b) { return b == 0; });
  if (!l.mac || zero) {
    return sys_error(ENXIO, "interface " + l.name + " has no Ethernet MAC address (link type " +
                                std::to_string(l.type) + ")");
  }
  return link;
}

}  // namespace dhcpcore::runtime
