// cli.hpp: small argument helpers shared by the CLIs.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "dhcpcore/core/routes.hpp"
#include "dhcpcore/parsers/address.hpp"

namespace dhcpcore::tools {

// parse_ipv4 / parse_prefix: dotted quad, and dotted quad "/" length (0..32).
std::optional<Ipv4Addr> parse_ipv4(std::string_view s);
std::optional<Ipv4Prefix> parse_prefix(std::string_view s);
// policy_by_name: "reference" or "hardened".
std::optional<RoutePolicy> policy_by_name(std::string_view name);

// kDhcp4cRequestedOptions: the options dhcp4c asks for (option 55; the
// client adds 1 and 51 itself): router, DNS, domain name, interface MTU, NTP
// servers, domain search, classless static routes. dhcp-replay --client asks
// for the same, as the recorded dhcp4c did.
inline constexpr std::uint8_t kDhcp4cRequestedOptions[] = {3, 6, 15, 26, 42, 119, 121};

// print_version: "TOOL (dhcpcore) VERSION" on stdout, the project's version
// (CMakeLists.txt project()), for --version.
void print_version(const char* tool);

}  // namespace dhcpcore::tools
