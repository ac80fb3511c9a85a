// format.hpp: how the CLIs read hex and MACs and write addresses, numbers, message types and a
// lease's routes and DNS servers, for people and as JSON. Every tool formats
// these through here, so dhcp-inspect, dhcp-replay and dhcp4c agree.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dhcpcore/core/lease.hpp"
#include "dhcpcore/core/routes.hpp"
#include "dhcpcore/parsers/address.hpp"

namespace dhcpcore::tools {

// parse_hex reads pairs of hex digits (--hex inputs), ignoring spaces,
// tabs, CRs and ':' separators between bytes. On failure it returns nullopt
// and sets *why to a message naming the offending column.
std::optional<std::vector<std::uint8_t>> parse_hex(std::string_view text, std::string* why);

// hex32: "0x" and eight lower-case hex digits (XIDs).
std::string hex32(std::uint32_t v);

// mac_string: the bytes as lower-case hex pairs joined by ':' (any length:
// a chaddr of hlen bytes, a MAC of 6); "" for no bytes.
std::string mac_string(std::span<const std::uint8_t> bytes);

// parse_mac: "aa:bb:cc:dd:ee:ff" (one or two hex digits per byte, nothing
// after the sixth); nullopt otherwise.
std::optional<MacAddr> parse_mac(std::string_view text);

// message_type_name: the DHCP message type as RFC 2132 section 9.6 names it
// without its "DHCP" prefix ("DISCOVER" .. "FORCERENEW" for 1 .. 9),
// "BOOTP" for 0 (the message has no option 53), "TYPE<n>" for any other n.
std::string message_type_name(unsigned type);

// json_array: "[e(0),...,e(n-1)]", each element already JSON. Built in a
// string of its own: appending to a member string that was just assigned a
// literal made g++ 12 at -O3 report a bogus overlapping memcpy (-Wrestrict
// inside char_traits.h, GCC PR 105329).
template <typename Element>
std::string json_array(std::size_t n, Element e) {
  std::string s = "[";
  for (std::size_t i = 0; i < n; ++i) {
    if (i) s += ',';
    s += e(i);
  }
  s += ']';
  return s;
}

// route_json: {"dest":"198.51.100.0/24","router":"192.0.2.1"} (router
// 0.0.0.0: on-link).
std::string route_json(const Route& r);
// routes_json: the kept routes as an array of route_json objects.
std::string routes_json(const RouteSet& routes);
// dropped_routes_json: the dropped routes, each route_json with its
// "reason" (the RouteDropReason's name) as a third key.
std::string dropped_routes_json(const RouteSet& routes);
// addresses_json: ["192.0.2.53",...].
std::string addresses_json(std::span<const Ipv4Addr> addresses);

// lease_parameters_json: the lease's names and parameters as JSON members
// (no braces; each member starts with ','):
//   ,"host_name":"...","domain_name":"...","domain_search":["..."],"ntp":["..."],"mtu":N
// Names are "" and lists [] when absent or malformed (dropped whole, as the
// Lease accessors drop them); mtu is the option 26 value the lease honours on
// a link of link_max bytes, 0 when none.
std::string lease_parameters_json(const Lease& lease, std::uint32_t link_max);
// no_lease_parameters_json: the same members for no lease.
std::string no_lease_parameters_json();

}  // namespace dhcpcore::tools
