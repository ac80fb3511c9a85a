#include "format.hpp"

#include <cstdio>
#include <vector>

#include "json.hpp"

namespace dhcpcore::tools {

namespace {

int nibble(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<std::vector<std::uint8_t>> parse_hex(std::string_view text, std::string* why) {
  std::vector<std::uint8_t> out;
  int high = -1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == ':' || c == '\r') {
      if (high >= 0) {
        if (why) *why = "odd number of hex digits before column " + std::to_string(i + 1);
        return std::nullopt;
      }
      continue;
    }
    const int v = nibble(c);
    if (v < 0) {
      if (why) *why = std::string("not a hex digit at column ") + std::to_string(i + 1);
      return std::nullopt;
    }
    if (high < 0) {
      high = v;
    } else {
      out.push_back(static_cast<std::uint8_t>((high << 4) | v));
      high = -1;
    }
  }
  if (high >= 0) {
    if (why) *why = "odd number of hex digits";
    return std::nullopt;
  }
  return out;
}

std::string hex32(std::uint32_t v) {
  char buf[11];
  std::snprintf(buf, sizeof buf, "0x%08x", v);
  return buf;
}

std::string mac_string(std::span<const std::uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i) s += ':';
    s += kDigits[bytes[i] >> 4];
    s += kDigits[bytes[i] & 0xf];
  }
  return s;
}

std::optional<MacAddr> parse_mac(std::string_view text) {
  MacAddr mac{};
  std::size_t pos = 0;
  for (std::size_t i = 0; i < mac.size(); ++i) {
    if (i) {
      if (pos >= text.size() || text[pos] != ':') return std::nullopt;
      ++pos;
    }
    int value = 0, digits = 0;
    while (pos < text.size() && digits < 2 && nibble(text[pos]) >= 0) {
      value = value * 16 + nibble(text[pos++]);
      ++digits;
    }
    if (digits == 0) return std::nullopt;
    mac[i] = static_cast<std::uint8_t>(value);
  }
  if (pos != text.size()) return std::nullopt;
  return mac;
}

std::string message_type_name(unsigned type) {
  switch (type) {
    case 0: return "BOOTP";
    case 1: return "DISCOVER";
    case 2: return "OFFER";
    case 3: return "REQUEST";
    case 4: return "DECLINE";
    case 5: return "ACK";
    case 6: return "NAK";
    case 7: return "RELEASE";
    case 8: return "INFORM";
    case 9: return "FORCERENEW";
    default: return "TYPE" + std::to_string(type);
  }
}

std::string route_json(const Route& r) {
  return "{\"dest\":" + json_string(r.dest.to_string()) + ",\"router\":" + json_string(r.router.to_string()) + "}";
}

std::string routes_json(const RouteSet& routes) {
  return json_array(routes.kept.size(), [&](std::size_t i) { return route_json(routes.kept[i]); });
}

std::string dropped_routes_json(const RouteSet& routes) {
  return json_array(routes.dropped.size(), [&](std::size_t i) {
    std::string r = route_json(routes.dropped[i].route);
    r.pop_back();
    return r + ",\"reason\":" + json_string(to_string(routes.dropped[i].reason)) + "}";
  });
}

std::string addresses_json(std::span<const Ipv4Addr> addresses) {
  return json_array(addresses.size(), [&](std::size_t i) { return json_string(addresses[i].to_string()); });
}

std::string lease_parameters_json(const Lease& lease, std::uint32_t link_max) {
  const auto quoted_or_empty = [](std::optional<std::string_view> v) { return json_string(v.value_or("")); };
  // Every name takes at least 2 bytes of the option (decode_domain_search),
  // each at most kMaxDomainNameLength characters.
  const std::size_t raw = lease.options().get(opt::kDomainSearch).value_or(std::span<const std::uint8_t>()).size();
  std::vector<char> text(raw / 2 * kMaxDomainNameLength);
  std::vector<std::string_view> names(raw / 2);
  const auto n = lease.domain_search(text, names);
  const std::size_t found = n ? n.value() : 0;
  const NtpServers ntp = lease.ntp_servers();
  return ",\"host_name\":" + quoted_or_empty(lease.host_name()) + ",\"domain_name\":" +
         quoted_or_empty(lease.domain_name()) + ",\"domain_search\":" +
         json_array(found, [&](std::size_t i) { return json_string(names[i]); }) + ",\"ntp\":" +
         addresses_json(ntp.servers) + ",\"mtu\":" + std::to_string(lease.interface_mtu(link_max).value_or(0));
}

std::string no_lease_parameters_json() {
  return ",\"host_name\":\"\",\"domain_name\":\"\",\"domain_search\":[],\"ntp\":[],\"mtu\":0";
}

}  // namespace dhcpcore::tools
