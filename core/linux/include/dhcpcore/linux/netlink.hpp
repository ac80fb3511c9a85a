// netlink.hpp: the rtnetlink requests the Linux runtime needs, over libmnl.
//
// Rtnetlink is one NETLINK_ROUTE socket (receive timeout 5 s, extended ACKs
// on so the kernel's reason reaches the error message). It lists IPv4
// addresses and routes as the kernel reports them, replaces and deletes
// them, and looks links up by name. Every request waits for the kernel's
// answer; failures are SysError values naming the request and, when the
// kernel gave one, its extended-ACK message. Deleting something that is
// already gone succeeds (addresses: ENOENT/EADDRNOTAVAIL, routes:
// ENOENT/ESRCH), because the caller wanted it gone.
//
// query_link is a one-shot helper for the daemon: index, MAC and MTU of an
// interface by name, with distinct errors for "no such interface" (ENODEV)
// and "no MAC address" (ENXIO).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dhcpcore/core/host_plan.hpp"
#include "dhcpcore/linux/sys_error.hpp"
#include "dhcpcore/parsers/address.hpp"

struct mnl_socket;
struct nlmsghdr;

namespace dhcpcore::runtime {

struct LinkInfo {
  int index = 0;
  std::string name;
  std::uint16_t type = 0;                 // ARPHRD_*
  std::uint32_t flags = 0;                // IFF_*
  std::uint32_t mtu = 0;                  // IFLA_MTU
  std::optional<MacAddr> mac;             // IFLA_ADDRESS when 6 bytes
};

class Rtnetlink {
 public:
  // open binds a NETLINK_ROUTE socket. Rtnetlink() is closed; every request
  // on it fails with EBADF.
  static SysResult<Rtnetlink> open();

  Rtnetlink() noexcept = default;
  Rtnetlink(Rtnetlink&& o) noexcept;
  Rtnetlink& operator=(Rtnetlink&& o) noexcept;
  Rtnetlink(const Rtnetlink&) = delete;
  Rtnetlink& operator=(const Rtnetlink&) = delete;
  ~Rtnetlink();

  bool is_open() const noexcept { return sock_ != nullptr; }

  // list_addrs: the IPv4 addresses of ifindex (all interfaces when 0), with
  // IFA_FLAGS and IFA_PROTO.
  SysResult<std::vector<HostAddress>> list_addrs(int ifindex);
  // list_routes: every IPv4 route of every table.
  SysResult<std::vector<HostRoute>> list_routes();
  // link_by_name / link_by_index: RTM_GETLINK; ENODEV when there is none.
  SysResult<LinkInfo> link_by_name(std::string_view name);
  SysResult<LinkInfo> link_by_index(int ifindex);

  // add_addr: RTM_NEWADDR of a (local, prefix, peer, broadcast, flags,
  // proto, scope, lifetimes): NLM_F_CREATE|NLM_F_EXCL, or with replace
  // NLM_F_REPLACE of the existing address of the same key (the kernel then
  // updates its lifetimes and protocol only). 0xffffffff lifetimes make an
  // address permanent; callers owning the address pass less.
  Status add_addr(const HostAddress& addr, bool replace);
  // delete_addr: RTM_DELADDR of exactly that address (local, length, peer).
  Status delete_addr(const HostAddress& addr);
  // add_route: RTM_NEWROUTE of the route (table, destination, TOS, metric,
  // type, protocol, scope, output interface, gateway, preferred source):
  // NLM_F_CREATE|NLM_F_EXCL, or with replace NLM_F_CREATE|NLM_F_REPLACE (the
  // first route of the same table, destination, TOS and metric is replaced).
  Status add_route(const HostRoute& route, bool replace);
  // delete_route: RTM_DELROUTE of exactly that route (destination, tos,
  // table, metric, protocol, output interface, gateway).
  Status delete_route(const HostRoute& route);

 private:
  explicit Rtnetlink(mnl_socket* s, std::uint32_t portid) noexcept : sock_(s), portid_(portid) {}
  // run sends the request nlh (its sequence number is set here) and reads
  // replies until the ACK or the end of a dump, calling on_msg(msg, ctx) for
  // each data message; what names the request in errors.
  using MsgFn = void (*)(const nlmsghdr* msg, void* ctx);
  Status run(nlmsghdr* nlh, const std::string& what, MsgFn on_msg, void* ctx);

  mnl_socket* sock_ = nullptr;
  std::uint32_t seq_ = 0;
  std::uint32_t portid_ = 0;
};

// query_link opens a socket and looks up name: EINVAL for an empty name or
// one longer than IFNAMSIZ - 1, ENODEV when there is no such interface,
// ENXIO when it has no Ethernet MAC address (no 6-byte IFLA_ADDRESS, or
// all zeros as on loopback).
SysResult<LinkInfo> query_link(std::string_view name);

}  // namespace dhcpcore::runtime
