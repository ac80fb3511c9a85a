// generators.hpp: RapidCheck generators for dhcpcore values, shared by the
// properties (properties/*.cpp) and, later, fuzz targets (library
// dhcpcore::test_support; the RapidCheck-free builders are in builders.hpp).
//
// Generators are biased toward the inputs that matter: addresses from the
// special ranges next to TEST-NET unicast, prefixes at the lengths where rules
// change (/0, /1../7, /8, /32), routes whose routers and destinations relate to
// the assigned network and to each other, options at their right and wrong
// lengths and longer than 255 bytes (RFC 3396 splitting), and offer/ACK-like
// messages that are mostly acceptable leases. Each type used as a property
// argument has an rc::Arbitrary specialization (below) and prints readably
// (show.hpp).
#pragma once

#include <rapidcheck.h>

#include <cstddef>
#include <cstdint>
#include <vector>

#include "dhcpcore/core/lease.hpp"
#include "dhcpcore/core/routes.hpp"
#include "dhcpcore/parsers/address.hpp"
#include "dhcpcore/parsers/dhcp_message.hpp"
#include "dhcpcore/test_support/builders.hpp"
#include "dhcpcore/test_support/host_scene.hpp"
#include "dhcpcore/test_support/show.hpp"

namespace dhcpcore::gen {

// ---- numbers and bytes --------------------------------------------------------
// uniform: a value in [lo, hi] (inclusive) from the whole range whatever the
// test size (rc::gen::inRange scales its range with the size).
rc::Gen<std::uint32_t> uniform(std::uint32_t lo, std::uint32_t hi);
// bytes: a vector of min..max pseudo-random bytes (expanded from one seed;
// shrinks toward shorter and all-zero).
rc::Gen<std::vector<std::uint8_t>> bytes(std::size_t min, std::size_t max);

// ---- addresses ----------------------------------------------------------------
// ipv4_addr: a mix of TEST-NET unicast, 10/8, 0.0.0.0, 0/8, 127/8, 169.254/16,
// 224/4, 240/4, 255.255.255.255 and uniform addresses.
rc::Gen<Ipv4Addr> ipv4_addr();
// test_net_addr: a host in 192.0.2.0/24, 198.51.100.0/24 or 203.0.113.0/24
// (never .0 or .255).
rc::Gen<Ipv4Addr> test_net_addr();
// usable_unicast_addr: an address model::usable_unicast() accepts (models.hpp).
rc::Gen<Ipv4Addr> usable_unicast_addr();
// unusable_addr: an address model::usable_unicast() refuses (0/8, 127/8, 224/4,
// 240/4, broadcast).
rc::Gen<Ipv4Addr> unusable_addr();
// addr_in: an address inside p (uniform host bits).
rc::Gen<Ipv4Addr> addr_in(Ipv4Prefix p);

// ---- prefixes and routes ------------------------------------------------------
// prefix_len: 0..32, biased to the lengths where rules change.
rc::Gen<std::uint8_t> prefix_len();
// ipv4_prefix: any length 0..32; the address may carry host bits.
rc::Gen<Ipv4Prefix> ipv4_prefix();
// assigned_net: an interface network (mostly usable unicast /8../32, host
// bits of the assigned address kept, sometimes /0../7).
rc::Gen<Ipv4Prefix> assigned_net();
// route: an unrelated destination and router (on-link sometimes).
rc::Gen<Route> route();
rc::Gen<std::vector<Route>> routes();
// routes_for: candidate routes for an interface on net: destinations include
// /0, the interface network itself, 127/8, short prefixes and repeats of
// earlier destinations with other host bits; routers are on-link, inside net,
// inside an earlier route's destination, or anything. Usually 0..64 routes,
// sometimes up to 300; sometimes a flood of 120..260 distinct reachable
// routes, so that more than kMaxRoutes pass the rules (Capacity).
rc::Gen<std::vector<Route>> routes_for(Ipv4Prefix net);

struct RouteScenario {
  Ipv4Prefix assigned_net;
  std::vector<Route> routes;
};
std::ostream& operator<<(std::ostream& os, const RouteScenario& s);
rc::Gen<RouteScenario> route_scenario();

// route_policy: 0..4 protected prefixes (sometimes 0.0.0.0/0), allow or refuse
// short prefixes, max_routes 0 (no cap), 32 or 1..11.
rc::Gen<RoutePolicy> route_policy();
// route_policy_for: route_policy() plus, often, protected prefixes derived
// from the given routes (inside, equal to or covering one), so that the
// protection rule fires.
rc::Gen<RoutePolicy> route_policy_for(const std::vector<Route>& routes);

// ---- DHCP options and messages -----------------------------------------------
// short_dhcp_option: a value of at most 255 bytes: fixed-length codes (1, 28,
// 50, 51, 54, 58, 59: 4 bytes; 53: 1; 57: 2) at their length and at wrong
// ones, address lists (3, 6, 150, 33), option 121 (encoded routes), text
// (12, 15, 66, 67), and any code. Never PAD (0), END (255) or overload (52).
rc::Gen<GenOption> short_dhcp_option();
// long_dhcp_option: 256..1200 bytes of a code whose value is a list or text
// (so splitting it never creates a fixed-length instance by accident).
rc::Gen<GenOption> long_dhcp_option();
// dhcp_option: short most of the time, long sometimes.
rc::Gen<GenOption> dhcp_option();

// classless_routes_data: option 121 data for 0..8 routes (any destination,
// routers in near's /24, on-link or anything), malformed (truncated, or a
// prefix length above 32) one time in six.
rc::Gen<std::vector<std::uint8_t>> classless_routes_data(Ipv4Addr near);

rc::Gen<DhcpHeader> dhcp_header();
// dhcp_message: any header, 0..30 short options and 0..3 long ones; in about
// a third of the messages option 52 overloads file and/or sname with options
// of their own; sometimes min_size padding. Always parseable: no code adds up
// to more than kMaxOptionLength.
rc::Gen<GenMessage> dhcp_message();
// lease_message: an offer/ACK-like BOOTREPLY biased to be acceptable: option
// 54 (usually one usable 4-byte server id, sometimes missing, unusable, of a
// wrong length or repeated), 51 (usually 60..86400 s, sometimes 0, 1, 2^32-1,
// wrong length, missing), yiaddr mostly usable; optional 1, 3, 6, 33, 121
// (sometimes malformed, empty or split in two instances), 58, 59 (below,
// above the lease, 0, max), the client-only 50, 55, 57, 61, a few other
// options; in server order or shuffled. No option longer than 255 bytes.
rc::Gen<GenMessage> lease_message();

// ---- the host plan ------------------------------------------------------------
// host_plan_lease: a lease as the host plan sees it (built directly, not
// through acceptable_lease: the fuzz target covers that path): the IP mostly
// in 192.0.2.0/24 (where phantom-free scenes put their relations), sometimes
// 198.51.100/24, 10/8, 172.16.0.5 or any usable address; option 1 absent
// (classful), /24, /16, /30, /31, /32, /8, /1 (128.0.0.0), /0, any length or
// not contiguous; option 28 usually absent, else the subnet's broadcast,
// 1.1.1.1, any address or 3 bytes; routes from option 121 (routes_for the
// subnet), option 3 (+ 33) or none; option 51 of 60 s .. 1 day; any expiry.
rc::Gen<Lease> host_plan_lease();
// host_scene: build_scene (host_scene.hpp) for lease with RapidCheck's
// choices (each shrinks toward 0, the plainest).
rc::Gen<HostScene> host_scene(const Lease& lease);

}  // namespace dhcpcore::gen

namespace rc {

template <>
struct Arbitrary<dhcpcore::Ipv4Addr> {
  static Gen<dhcpcore::Ipv4Addr> arbitrary() { return dhcpcore::gen::ipv4_addr(); }
};
template <>
struct Arbitrary<dhcpcore::Ipv4Prefix> {
  static Gen<dhcpcore::Ipv4Prefix> arbitrary() { return dhcpcore::gen::ipv4_prefix(); }
};
template <>
struct Arbitrary<dhcpcore::Route> {
  static Gen<dhcpcore::Route> arbitrary() { return dhcpcore::gen::route(); }
};
template <>
struct Arbitrary<dhcpcore::RoutePolicy> {
  static Gen<dhcpcore::RoutePolicy> arbitrary() { return dhcpcore::gen::route_policy(); }
};
template <>
struct Arbitrary<dhcpcore::DhcpHeader> {
  static Gen<dhcpcore::DhcpHeader> arbitrary() { return dhcpcore::gen::dhcp_header(); }
};
template <>
struct Arbitrary<dhcpcore::gen::GenOption> {
  static Gen<dhcpcore::gen::GenOption> arbitrary() { return dhcpcore::gen::dhcp_option(); }
};
template <>
struct Arbitrary<dhcpcore::gen::GenMessage> {
  static Gen<dhcpcore::gen::GenMessage> arbitrary() { return dhcpcore::gen::dhcp_message(); }
};
template <>
struct Arbitrary<dhcpcore::gen::RouteScenario> {
  static Gen<dhcpcore::gen::RouteScenario> arbitrary() { return dhcpcore::gen::route_scenario(); }
};

}  // namespace rc
