// lease.hpp: acceptable_lease (the lease sanitizer) and Lease.
//
// acceptable_lease ports acceptableLease of the reference (dhcpc.go) as a pure
// function: it either rejects a message with a LeaseReject reason or returns a
// normalized copy of its lease (options owned by the lease, no pointer into
// the message). The three defects of the reference (docs/DESIGN.md#defects-of-the-reference:
// defect 1 is docs/DIFFERENCES.md "Row 1", defect 2 "Rows 3-4", defect 3 "Row 5")
// are fixed here and in routes.hpp; every other difference from the reference
// is a row of docs/DIFFERENCES.md.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "dhcpcore/core/routes.hpp"
#include "dhcpcore/core/static_vector.hpp"
#include "dhcpcore/parsers/address.hpp"
#include "dhcpcore/parsers/dhcp_message.hpp"
#include "dhcpcore/parsers/dhcp_options.hpp"
#include "dhcpcore/parsers/result.hpp"

namespace dhcpcore {

enum class LeaseReject : std::uint8_t {
  None = 0,
  NoServerId,          // RFC 2131 4.3.1 table 3: option 54 missing (or not 4 bytes)
  BadServerId,         // server id not a usable unicast address (defect 2)
  NoLeaseTime,         // RFC 2131 4.3.1 table 3: option 51 missing (or not 4 bytes)
  LeaseTooShort,       // lease time < 1 s (RFC 2131 1.1: times are whole seconds)
  BadYiaddr,           // yiaddr not usable unicast: 0/8, 127/8, 224/4, 240/4, broadcast (defect 2)
  OptionsTooLarge,     // the normalized options exceed kLeaseOptionBytes
};
const char* to_string(LeaseReject r) noexcept;

// Bytes of option data one lease keeps (3 bytes of framing per option
// included): four times the option space of a 1500-byte message (about 1400
// bytes with overload), so a real lease never hits it; a larger one is
// rejected (OptionsTooLarge), never truncated.
inline constexpr std::size_t kLeaseOptionBytes = 6144;

// LeaseOptions: the options of a lease, one value per code (repeated codes
// concatenated per RFC 3396), in a fixed inline buffer. Lookup walks the
// entries: a lease has a few dozen at most.
class LeaseOptions {
 public:
  LeaseOptions() noexcept = default;
  // Copies move only the bytes in use (a lease holds a few hundred of its
  // kLeaseOptionBytes); bytes past bytes_used() are never read.
  LeaseOptions(const LeaseOptions& o) noexcept;
  LeaseOptions& operator=(const LeaseOptions& o) noexcept;

  // get returns the value of code, or nullopt when absent.
  std::optional<std::span<const std::uint8_t>> get(std::uint8_t code) const noexcept;
  bool has(std::uint8_t code) const noexcept { return get(code).has_value(); }
  // set stores code = value, replacing an earlier value; false (nothing
  // changed) when it does not fit or value is longer than 65535 bytes.
  [[nodiscard]] bool set(std::uint8_t code, std::span<const std::uint8_t> value) noexcept;
  // set_from_message stores the RFC 3396 concatenation of every instance of
  // code in msg (nothing when absent); false when it does not fit.
  [[nodiscard]] bool set_from_message(std::uint8_t code, const DhcpMessage& msg) noexcept;
  // erase removes code if present.
  void erase(std::uint8_t code) noexcept;
  std::size_t count() const noexcept;
  std::size_t bytes_used() const noexcept { return used_; }

  // for_each calls f(code, value) for each option in insertion order.
  template <class F>
  void for_each(F&& f) const noexcept;

  bool operator==(const LeaseOptions& o) const noexcept;

 private:
  // Entry layout: code (1), length (2, big-endian), value. Only
  // [0, used_) is ever read, so the rest is left uninitialized: zeroing
  // 6 KiB per lease was most of acceptable_lease's time.
  std::array<std::uint8_t, kLeaseOptionBytes> buf_;
  std::size_t used_ = 0;
};

// NormalizedLease: what acceptable_lease returns. Times are the option values
// after clamping (RFC 2131 4.4.5 order T1 <= T2 <= lease).
struct NormalizedLease {
  Ipv4Addr yiaddr;
  Ipv4Addr server_id;
  std::uint32_t lease_s = 0;
  std::optional<std::uint32_t> t1_s;  // option 58 after clamping; nullopt when absent
  std::optional<std::uint32_t> t2_s;  // option 59 after clamping; nullopt when absent
  LeaseOptions options;

  // effective_t1 / effective_t2: the renew and rebind times the client uses,
  // defaults as the reference (T1 = 0.5, T2 = 0.85 of the lease), in
  // milliseconds, always T1 <= T2 <= lease.
  std::chrono::milliseconds lease_time() const noexcept;
  std::chrono::milliseconds effective_t1() const noexcept;
  std::chrono::milliseconds effective_t2() const noexcept;
};

// acceptable_lease checks that msg carries a usable lease and returns it
// normalized: server identifier required and usable unicast, lease time >= 1 s,
// yiaddr usable unicast; options 50, 55, 61, 57 (client-only) and 52 dropped;
// T2 clamped to the lease and T1 to the effective T2 (defect 1); sname ->
// option 66, file -> option 67 (when those fields are not overloaded), siaddr
// -> option 150 when 150 is absent. Allocates nothing.
Result<NormalizedLease, LeaseReject> acceptable_lease(const DhcpMessage& msg) noexcept;

// Default T1/T2 fractions of the reference (dhcpc.go transitionToBound).
inline constexpr std::uint32_t kDefaultT1Permille = 500;
inline constexpr std::uint32_t kDefaultT2Permille = 850;

// Most addresses a lease's server list (DNS, option 6; NTP, option 42)
// yields; more are counted in ServerAddresses::overflow.
inline constexpr std::size_t kMaxServerAddresses = 16;
inline constexpr std::size_t kMaxDnsServers = kMaxServerAddresses;
struct ServerAddresses {
  StaticVector<Ipv4Addr, kMaxServerAddresses> servers;
  std::size_t overflow = 0;
};
using DnsServers = ServerAddresses;
using NtpServers = ServerAddresses;

// The smallest interface MTU a lease may set (option 26): RFC 2131 section
// 2 requires every DHCP client to take 576-byte messages, so a smaller MTU
// would break DHCP itself. (RFC 2132 5.1's minimum, 68, is IPv4's.)
inline constexpr std::uint32_t kMinLeaseMtu = 576;

// Lease: an acquired lease as the client hands it to the application. The
// expiry is on the caller's clock (the time the request was sent + lease).
class Lease {
 public:
  Lease() = default;
  Lease(const NormalizedLease& n, std::chrono::milliseconds expires_at) noexcept
      : assigned_ip_(n.yiaddr), expires_at_(expires_at), options_(n.options) {}

  Ipv4Addr assigned_ip() const noexcept { return assigned_ip_; }
  std::chrono::milliseconds expires_at() const noexcept { return expires_at_; }
  const LeaseOptions& options() const noexcept { return options_; }

  // subnet_mask: option 1 when it is 4 bytes and contiguous, else the
  // classful default mask of the assigned IP (reference SubnetMask). As a
  // prefix length.
  std::uint8_t subnet_prefix_len() const noexcept;
  Ipv4Addr subnet_mask() const noexcept { return Ipv4Addr(prefix_mask(subnet_prefix_len())); }
  // ip_net: assigned IP with the subnet prefix length (host bits kept).
  Ipv4Prefix ip_net() const noexcept { return {assigned_ip_, subnet_prefix_len()}; }

  // candidate_routes: the routes the options describe, before sanitizing:
  // option 121 when present (RFC 3442: then 3 and 33 are ignored), used up to
  // its first malformed route; else option 33 pairs with classful masks
  // (0.0.0.0 destinations dropped, RFC 2132 5.8) followed by a default route
  // via the first usable router of option 3. An option 33 destination with no
  // classful network (224/4, 240/4, 255.255.255.255) is no candidate: it goes
  // to dropped (when given) as the destination /32 with NoClassfulNetwork
  // (docs/DIFFERENCES.md "Row 32"). Returns the number of candidates that did
  // not fit out.
  std::size_t candidate_routes(StaticVector<Route, kMaxRoutes>& out, RouteSet* dropped = nullptr) const noexcept;
  // routes: candidate_routes() through sanitize_routes() and the policy; the
  // option 33 drops come first in dropped, then the sanitizer's.
  RouteSet routes(const RoutePolicy* policy = nullptr) const noexcept;
  // routes against another assigned network than ip_net() (the host plan's
  // /32 when the policy refuses the mask's prefix).
  RouteSet routes(const RoutePolicy* policy, Ipv4Prefix assigned_net) const noexcept;
  // dns_servers: option 6 addresses that are usable unicast, deduplicated,
  // in order.
  DnsServers dns_servers() const noexcept;
  // ntp_servers: option 42 (RFC 2132 8.3) filtered as dns_servers filters 6.
  NtpServers ntp_servers() const noexcept;
  // host_name / domain_name: options 12 and 15 when they decode
  // (decode_hostname, decode_domain_name: trailing '.' and NULs dropped);
  // nullopt when absent or malformed: a bad name is dropped whole, never
  // passed on in part. Views into this lease's storage.
  std::optional<std::string_view> host_name() const noexcept;
  std::optional<std::string_view> domain_name() const noexcept;
  // domain_search: option 119 (RFC 3397) decoded by decode_domain_search
  // into the caller's text and names (option length / 2 names of 253
  // characters always fit); 0 names when the option is absent, the decoder's
  // error when it is malformed or the storage is too small (OutputFull).
  Result<std::size_t, OptionError> domain_search(std::span<char> text,
                                                 std::span<std::string_view> names) const noexcept;
  // interface_mtu: option 26 (RFC 2132 5.1) when it is 2 bytes and within
  // kMinLeaseMtu .. link_max (the link's own maximum; 65535 when unknown);
  // nullopt when absent, malformed or out of that range.
  std::optional<std::uint16_t> interface_mtu(std::uint32_t link_max = 65535) const noexcept;

  bool operator==(const Lease&) const = default;

 private:
  Ipv4Addr assigned_ip_;
  std::chrono::milliseconds expires_at_{0};
  LeaseOptions options_;
};

template <class F>
void LeaseOptions::for_each(F&& f) const noexcept {
  std::size_t pos = 0;
  while (pos + 3 <= used_) {
    const std::uint8_t code = buf_[pos];
    const std::size_t len = (std::size_t{buf_[pos + 1]} << 8) | buf_[pos + 2];
    f(code, std::span<const std::uint8_t>(buf_).subspan(pos + 3, len));
    pos += 3 + len;
  }
}

}  // namespace dhcpcore
