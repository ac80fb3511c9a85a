// test_leases.hpp: leases built directly (no DHCP message), as the
// reference's callback_test.go builds them.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "dhcpcore/core/lease.hpp"

namespace dhcpcore::test {

// p parses "a.b.c.d/len" (test input only; no length means /32).
inline Ipv4Prefix p(const std::string& cidr) {
  unsigned a = 0, b = 0, c = 0, d = 0, len = 32;
  if (std::sscanf(cidr.c_str(), "%u.%u.%u.%u/%u", &a, &b, &c, &d, &len) < 4) return {};
  return {Ipv4Addr(static_cast<std::uint8_t>(a), static_cast<std::uint8_t>(b), static_cast<std::uint8_t>(c),
                   static_cast<std::uint8_t>(d)),
          static_cast<std::uint8_t>(len)};
}

inline std::vector<std::uint8_t> bytes(Ipv4Addr a) {
  const auto o = a.octets();
  return {o.begin(), o.end()};
}

// trivial_lease: callback_test.go trivialLeaseFromNet: the assigned IP and
// option 1 (subnet mask) of net, expiring at expires_at.
inline Lease trivial_lease(Ipv4Prefix net, std::chrono::milliseconds expires_at,
                           const std::vector<std::pair<std::uint8_t, std::vector<std::uint8_t>>>& extra = {}) {
  NormalizedLease n;
  n.yiaddr = net.addr;
  n.server_id = Ipv4Addr(192, 0, 2, 254);
  n.lease_s = 1;
  bool ok = n.options.set(1, bytes(Ipv4Addr(net.mask())));
  for (const auto& [code, value] : extra) ok = n.options.set(code, value) && ok;
  if (!ok) return {};
  return Lease(n, expires_at);
}

// classless: option 121 (RFC 3442) for (destination, router) pairs: the
// prefix length, its significant octets, the router.
inline std::vector<std::uint8_t> classless(const std::vector<std::pair<Ipv4Prefix, Ipv4Addr>>& routes) {
  std::vector<std::uint8_t> out;
  for (const auto& [dest, router] : routes) {
    out.push_back(dest.len);
    const auto o = dest.addr.octets();
    out.insert(out.end(), o.begin(), o.begin() + (dest.len + 7) / 8);
    const auto r = router.octets();
    out.insert(out.end(), r.begin(), r.end());
  }
  return out;
}

}  // namespace dhcpcore::test
