#include "cli.hpp"

#include <charconv>
#include <cstdio>

namespace dhcpcore::tools {

void print_version(const char* tool) { std::printf("%s (dhcpcore) %s\n", tool, DHCPCORE_VERSION); }

namespace {
bool parse_uint(std::string_view s, unsigned max, unsigned& out) {
  if (s.empty() || s.size() > 3) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size() && out <= max;
}
}  // namespace

std::optional<Ipv4Addr> parse_ipv4(std::string_view s) {
  std::uint32_t v = 0;
  for (int i = 0; i < 4; ++i) {
    const auto dot = s.find('.');
    if ((i < 3) != (dot != std::string_view::npos)) return std::nullopt;
    unsigned octet = 0;
    if (!parse_uint(s.substr(0, dot), 255, octet)) return std::nullopt;
    v = (v << 8) | octet;
    s = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
  }
  return Ipv4Addr(v);
}

std::optional<Ipv4Prefix> parse_prefix(std::string_view s) {
  const auto slash = s.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  auto addr = parse_ipv4(s.substr(0, slash));
  unsigned len = 0;
  if (!addr || !parse_uint(s.substr(slash + 1), 32, len)) return std::nullopt;
  return Ipv4Prefix{*addr, static_cast<std::uint8_t>(len)};
}

std::optional<RoutePolicy> policy_by_name(std::string_view name) {
  if (name == "reference") return RoutePolicy::reference();
  if (name == "hardened") return RoutePolicy::hardened();
  return std::nullopt;
}

}  // namespace dhcpcore::tools
