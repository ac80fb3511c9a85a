// address.hpp: IPv4 addresses, prefixes and MAC addresses as small values.
//
// Ipv4Addr keeps the address as a host-order integer so that masks and
// comparisons are plain integer operations. The classification helpers are
// facts about address ranges (RFC 6890, RFC 1122 3.2.1.3); which ranges a
// lease may use is decided in core/.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <span>
#include <string>

namespace dhcpcore {

using MacAddr = std::array<std::uint8_t, 6>;

// load_mac: the six bytes as a MacAddr.
constexpr MacAddr load_mac(std::span<const std::uint8_t, 6> b) noexcept {
  return MacAddr{b[0], b[1], b[2], b[3], b[4], b[5]};
}

class Ipv4Addr {
 public:
  constexpr Ipv4Addr() noexcept = default;
  constexpr explicit Ipv4Addr(std::uint32_t host_order) noexcept : v_(host_order) {}
  constexpr Ipv4Addr(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d) noexcept
      : v_((std::uint32_t{a} << 24) | (std::uint32_t{b} << 16) | (std::uint32_t{c} << 8) | d) {}
  static constexpr Ipv4Addr from_bytes(std::span<const std::uint8_t, 4> b) noexcept {
    return Ipv4Addr(b[0], b[1], b[2], b[3]);
  }

  constexpr std::uint32_t value() const noexcept { return v_; }
  constexpr std::array<std::uint8_t, 4> octets() const noexcept {
    return {static_cast<std::uint8_t>(v_ >> 24), static_cast<std::uint8_t>(v_ >> 16),
            static_cast<std::uint8_t>(v_ >> 8), static_cast<std::uint8_t>(v_)};
  }

  constexpr bool is_unspecified() const noexcept { return v_ == 0; }
  constexpr bool is_broadcast() const noexcept { return v_ == 0xffffffffu; }
  // 0.0.0.0/8: "this network", only valid as a source (RFC 1122 3.2.1.3).
  constexpr bool is_this_network() const noexcept { return (v_ >> 24) == 0; }
  constexpr bool is_loopback() const noexcept { return (v_ >> 24) == 127; }
  constexpr bool is_link_local() const noexcept { return (v_ >> 16) == 0xa9fe; }  // 169.254/16
  constexpr bool is_multicast() const noexcept { return (v_ >> 28) == 0xe; }      // 224/4
  constexpr bool is_reserved() const noexcept { return (v_ >> 28) == 0xf; }       // 240/4 incl. broadcast
  // is_go_global_unicast mirrors Go's net.IP.IsGlobalUnicast for IPv4, which
  // the reference uses: everything but broadcast, 0.0.0.0, 127/8, 224/4 and
  // 169.254/16. Note it accepts 0.1.2.3 and 240.0.0.1 (a defect core fixes).
  constexpr bool is_go_global_unicast() const noexcept {
    return !is_broadcast() && !is_unspecified() && !is_loopback() && !is_multicast() &&
           !is_link_local();
  }
  // is_usable_unicast: an address a host can hold or send to: the reference's
  // rule (global unicast or link-local) without 0/8 and 240/4.
  constexpr bool is_usable_unicast() const noexcept {
    return (is_go_global_unicast() || is_link_local()) && !is_this_network() && !is_reserved();
  }
  // default_prefix_len: the classful prefix (A 0-127: 8, B 128-191: 16,
  // C 192-223: 24). Classes D and E (224/4 multicast, 240/4 reserved,
  // 255.255.255.255) have no classful network: 32 here (has_classful_network
  // is false), where Go's net.IP.DefaultMask gives /24 to every address from
  // 192.0.0.0 up. Used for invalid subnet masks (the yiaddr is usable unicast,
  // so never D or E) and option 33, which drops D and E destinations
  // (RouteDropReason::NoClassfulNetwork; docs/DIFFERENCES.md "Row 32").
  constexpr std::uint8_t default_prefix_len() const noexcept {
    if ((v_ >> 31) == 0) return 8;
    if ((v_ >> 30) == 2) return 16;
    if ((v_ >> 29) == 6) return 24;
    return 32;
  }
  constexpr bool has_classful_network() const noexcept { return v_ < 0xe0000000u; }

  constexpr auto operator<=>(const Ipv4Addr&) const noexcept = default;

  std::string to_string() const {
    auto o = octets();
    return std::to_string(o[0]) + "." + std::to_string(o[1]) + "." + std::to_string(o[2]) + "." +
           std::to_string(o[3]);
  }

 private:
  std::uint32_t v_ = 0;
};

// prefix_mask returns the netmask of a prefix length (0..32).
constexpr std::uint32_t prefix_mask(std::uint8_t len) noexcept {
  return len == 0 ? 0u : (len >= 32 ? 0xffffffffu : ~(0xffffffffu >> len));
}

// mask_prefix_len returns the prefix length of a contiguous netmask, or -1
// when the mask is not ones followed by zeros.
constexpr int mask_prefix_len(std::uint32_t mask) noexcept {
  const std::uint32_t inv = ~mask;
  if ((inv & (inv + 1)) != 0) return -1;
  int len = 0;
  while (len < 32 && (mask & (0x80000000u >> len)) != 0) ++len;
  return len;
}

struct Ipv4Prefix {
  Ipv4Addr addr;       // may carry host bits unless normalized with masked()
  std::uint8_t len = 0;  // 0..32

  constexpr std::uint32_t mask() const noexcept { return prefix_mask(len); }
  constexpr Ipv4Addr network() const noexcept { return Ipv4Addr(addr.value() & mask()); }
  constexpr Ipv4Prefix masked() const noexcept { return {network(), len}; }
  constexpr bool contains(Ipv4Addr a) const noexcept {
    return (a.value() & mask()) == (addr.value() & mask());
  }
  // covers: every address of other is inside this prefix.
  constexpr bool covers(const Ipv4Prefix& other) const noexcept {
    return len <= other.len && contains(other.addr);
  }
  constexpr bool overlaps(const Ipv4Prefix& other) const noexcept {
    return covers(other) || other.covers(*this);
  }
  constexpr bool operator==(const Ipv4Prefix&) const noexcept = default;

  std::string to_string() const { return addr.to_string() + "/" + std::to_string(len); }
};

}  // namespace dhcpcore
