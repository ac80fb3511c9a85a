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

#include "dhcpcore/linux/sys_error.hpp"
#include "dhcpcore/parsers/address.hpp"

struct mnl_socket;
struct nlmsghdr;

namespace dhcpcore {

// An IPv4 address of an interface as RTM_GETADDR reports it.
struct AddrInfo {
  int ifindex = 0;
  Ipv4Prefix local;                   // IFA_LOCAL (IFA_ADDRESS when absent) / ifa_prefixlen
  Ipv4Addr address;                   // IFA_ADDRESS: the peer on point-to-point links, else == local
  std::optional<Ipv4Addr> broadcast;  // IFA_BROADCAST
  std::string label;                  // IFA_LABEL
  std::uint32_t flags = 0;            // IFA_FLAGS when present, else ifa_flags (IFA_F_*)
  std::uint8_t scope = 0;             // RT_SCOPE_*
  std::uint32_t valid_lft = 0xffffffffu;      // seconds left; 0xffffffff: forever
  std::uint32_t preferred_lft = 0xffffffffu;  // seconds left; 0xffffffff: forever

  // has_peer: Linux keys an address by local, prefix length and peer
  // (net/ipv4/devinet.c find_matching_ifa); "no peer" is address == local.
  bool has_peer() const noexcept { return address != local.addr; }
};

// An IPv4 route as RTM_GETROUTE reports it.
struct RouteInfo {
  Ipv4Prefix dst;                   // RTA_DST / rtm_dst_len (0.0.0.0/0 when absent)
  std::optional<Ipv4Addr> gateway;  // RTA_GATEWAY
  std::optional<Ipv4Addr> prefsrc;  // RTA_PREFSRC
  int oif = 0;                      // RTA_OIF; 0 when absent (e.g. multipath)
  std::uint32_t table = 0;          // RTA_TABLE when present, else rtm_table
  std::uint32_t priority = 0;       // RTA_PRIORITY (metric)
  bool has_priority = false;
  std::uint8_t protocol = 0;        // RTPROT_*
  std::uint8_t scope = 0;           // RT_SCOPE_*
  std::uint8_t type = 0;            // RTN_*
  std::uint8_t tos = 0;
  std::uint32_t flags = 0;          // rtm_flags
};

// What replace_route installs: a unicast route in the main table.
struct RouteSpec {
  Ipv4Prefix dst;                   // masked
  std::optional<Ipv4Addr> gateway;  // nullopt: on-link
  std::optional<Ipv4Addr> prefsrc;
  int oif = 0;
  std::uint8_t protocol = 0;        // RTPROT_*
  std::uint8_t scope = 0;           // RT_SCOPE_UNIVERSE or RT_SCOPE_LINK
};

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

  // list_addrs: the IPv4 addresses of ifindex (all interfaces when 0).
  SysResult<std::vector<AddrInfo>> list_addrs(int ifindex);
  // list_routes: every IPv4 route of every table.
  SysResult<std::vector<RouteInfo>> list_routes();
  // link_by_name / link_by_index: RTM_GETLINK; ENODEV when there is none.
  SysResult<LinkInfo> link_by_name(std::string_view name);
  SysResult<LinkInfo> link_by_index(int ifindex);

  // replace_addr: RTM_NEWADDR with NLM_F_CREATE|NLM_F_REPLACE (ip addr
  // replace): local/len with no peer, scope universe, the given broadcast and
  // lifetimes (0xffffffff makes the address permanent; callers owning the
  // address pass less).
  Status replace_addr(int ifindex, Ipv4Prefix local, std::optional<Ipv4Addr> broadcast,
                      std::uint32_t valid_lft, std::uint32_t preferred_lft);
  // delete_addr: RTM_DELADDR of exactly that address (local, length, peer).
  Status delete_addr(const AddrInfo& addr);
  // replace_route: RTM_NEWROUTE with NLM_F_CREATE|NLM_F_REPLACE in the main
  // table, type unicast, metric 0.
  Status replace_route(const RouteSpec& route);
  // delete_route: RTM_DELROUTE of exactly that route (destination, tos,
  // table, metric, protocol, output interface, gateway).
  Status delete_route(const RouteInfo& route);

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

}  // namespace dhcpcore
