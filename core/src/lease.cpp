// lease.cpp: acceptable_lease, LeaseOptions and Lease.
#include "dhcpcore/core/lease.hpp"

#include <algorithm>
#include <bit>

#include "dhcpcore/parsers/byte_reader.hpp"
#include "dhcpcore/parsers/dhcp_options.hpp"

namespace dhcpcore {

const char* to_string(LeaseReject r) noexcept {
  switch (r) {
    case LeaseReject::None: return "None";
    case LeaseReject::NoServerId: return "NoServerId";
    case LeaseReject::BadServerId: return "BadServerId";
    case LeaseReject::NoLeaseTime: return "NoLeaseTime";
    case LeaseReject::LeaseTooShort: return "LeaseTooShort";
    case LeaseReject::BadYiaddr: return "BadYiaddr";
    case LeaseReject::OptionsTooLarge: return "OptionsTooLarge";
  }
  return "Unknown";
}

// ---- LeaseOptions ------------------------------------------------------------

namespace {
constexpr std::size_t kEntryHeader = 3;  // code + 16-bit length
}

LeaseOptions::LeaseOptions(const LeaseOptions& o) noexcept : used_(o.used_) {
  std::copy_n(o.buf_.begin(), used_, buf_.begin());
}

LeaseOptions& LeaseOptions::operator=(const LeaseOptions& o) noexcept {
  if (this != &o) {
    used_ = o.used_;
    std::copy_n(o.buf_.begin(), used_, buf_.begin());
  }
  return *this;
}

std::optional<std::span<const std::uint8_t>> LeaseOptions::get(std::uint8_t code) const noexcept {
  // for_each's walk, stopping at the first match (a code is stored once).
  std::size_t pos = 0;
  while (pos + kEntryHeader <= used_) {
    const std::size_t len = (std::size_t{buf_[pos + 1]} << 8) | buf_[pos + 2];
    if (buf_[pos] == code) return std::span<const std::uint8_t>(buf_).subspan(pos + kEntryHeader, len);
    pos += kEntryHeader + len;
  }
  return std::nullopt;
}

std::size_t LeaseOptions::count() const noexcept {
  std::size_t n = 0;
  for_each([&](std::uint8_t, std::span<const std::uint8_t>) { ++n; });
  return n;
}

void LeaseOptions::erase(std::uint8_t code) noexcept {
  std::size_t pos = 0;
  while (pos + kEntryHeader <= used_) {
    const std::size_t len = (std::size_t{buf_[pos + 1]} << 8) | buf_[pos + 2];
    const std::size_t entry = kEntryHeader + len;
    if (buf_[pos] == code) {
      std::copy(buf_.begin() + static_cast<std::ptrdiff_t>(pos + entry),
                buf_.begin() + static_cast<std::ptrdiff_t>(used_),
                buf_.begin() + static_cast<std::ptrdiff_t>(pos));
      used_ -= entry;
      return;
    }
    pos += entry;
  }
}

bool LeaseOptions::set(std::uint8_t code, std::span<const std::uint8_t> value) noexcept {
  const auto old = get(code);
  const std::size_t freed = old ? kEntryHeader + old->size() : 0;
  if (value.size() > 0xffff || used_ - freed + kEntryHeader + value.size() > buf_.size()) return false;
  if (old) erase(code);
  buf_[used_] = code;
  buf_[used_ + 1] = static_cast<std::uint8_t>(value.size() >> 8);
  buf_[used_ + 2] = static_cast<std::uint8_t>(value.size());
  std::copy(value.begin(), value.end(), buf_.begin() + static_cast<std::ptrdiff_t>(used_ + kEntryHeader));
  used_ += kEntryHeader + value.size();
  return true;
}

bool LeaseOptions::set_from_message(std::uint8_t code, const DhcpMessage& msg) noexcept {
  if (!msg.has(code)) return true;
  const std::size_t total = msg.total_length(code);
  if (total > 0xffff || used_ + kEntryHeader + total > buf_.size()) return false;
  erase(code);
  buf_[used_] = code;
  buf_[used_ + 1] = static_cast<std::uint8_t>(total >> 8);
  buf_[used_ + 2] = static_cast<std::uint8_t>(total);
  std::size_t at = used_ + kEntryHeader;
  msg.for_each_fragment(code, [&](const OptionFragment& f) {
    std::copy(f.data.begin(), f.data.end(), buf_.begin() + static_cast<std::ptrdiff_t>(at));
    at += f.data.size();
  });
  used_ = at;
  return true;
}

bool LeaseOptions::operator==(const LeaseOptions& o) const noexcept {
  return used_ == o.used_ && std::equal(buf_.begin(), buf_.begin() + static_cast<std::ptrdiff_t>(used_),
                                        o.buf_.begin());
}

// ---- acceptable_lease --------------------------------------------------------

namespace {

std::optional<std::uint32_t> fixed_u32(const DhcpMessage& msg, std::uint8_t code) noexcept {
  auto v = msg.fixed(code, 4);
  if (!v) return std::nullopt;
  return load_u32(v->first<4>());
}

std::array<std::uint8_t, 4> u32_bytes(std::uint32_t v) noexcept {
  return {static_cast<std::uint8_t>(v >> 24), static_cast<std::uint8_t>(v >> 16),
          static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
}

// text_until_nul: the bytes of a fixed header field up to its first NUL (the
// reference reads sname and file as C strings).
std::span<const std::uint8_t> text_until_nul(std::span<const std::uint8_t> field) noexcept {
  std::size_t n = 0;
  while (n < field.size() && field[n] != 0) ++n;
  return field.first(n);
}

// Codes with a fixed length (RFC 2132): the lease keeps the first instance of
// the right length, as DhcpMessage::fixed() finds it.
constexpr std::size_t fixed_length(std::uint8_t code) noexcept {
  switch (code) {
    case opt::kSubnetMask:
    case opt::kBroadcastAddress:
    case opt::kLeaseTime:
    case opt::kServerId:
    case opt::kRenewalTime:
    case opt::kRebindingTime: return 4;
    case opt::kMessageType: return 1;
    default: return 0;
  }
}

// Options a server MUST NOT send (RFC 2131 4.3.1 table 3): the reference drops
// them rather than refusing the lease. 52 is dropped because the overloaded
// fields are already merged into the lease's options.
constexpr bool dropped_option(std::uint8_t code) noexcept {
  return code == opt::kRequestedIp || code == opt::kParameterRequestList ||
         code == opt::kClientId || code == opt::kMaxMessageSize || code == opt::kOverload ||
         code == opt::kPad || code == opt::kEnd;
}

// copy_option stores code's value from msg into out.options: 51, 58, 59 as
// clamped in out, other fixed-length codes as their first instance of the
// right length (nothing when none has it), the rest concatenated (RFC 3396).
// False when it does not fit.
bool copy_option(const DhcpMessage& msg, std::uint8_t code, NormalizedLease& out) noexcept {
  switch (code) {
    case opt::kLeaseTime: return out.options.set(code, u32_bytes(out.lease_s));
    case opt::kRenewalTime: return !out.t1_s || out.options.set(code, u32_bytes(*out.t1_s));
    case opt::kRebindingTime: return !out.t2_s || out.options.set(code, u32_bytes(*out.t2_s));
    default:
      if (const std::size_t len = fixed_length(code); len != 0) {
        auto v = msg.fixed(code, len);
        return !v || out.options.set(code, *v);
      }
      return out.options.set_from_message(code, msg);
  }
}

}  // namespace

Result<NormalizedLease, LeaseReject> acceptable_lease(const DhcpMessage& msg) noexcept {
  NormalizedLease out;
  // RFC 2131 4.3.1 table 3: a server identifier is required (dhcpc.go acceptableLease).
  auto sid = msg.fixed(opt::kServerId, 4);
  if (!sid) return make_error(LeaseReject::NoServerId);
  out.server_id = Ipv4Addr::from_bytes(sid->first<4>());
  // Defect 2: the reference only checks that it is 4 bytes.
  if (!out.server_id.is_usable_unicast()) return make_error(LeaseReject::BadServerId);
  // RFC 2131 4.3.1 table 3 + 1.1: a lease time of at least one second.
  auto lease = fixed_u32(msg, opt::kLeaseTime);
  if (!lease) return make_error(LeaseReject::NoLeaseTime);
  if (*lease < 1) return make_error(LeaseReject::LeaseTooShort);
  out.lease_s = *lease;
  // dhcpc.go: yiaddr global unicast or link-local; defect 2: not 0/8 or 240/4.
  out.yiaddr = msg.header().yiaddr;
  if (!out.yiaddr.is_usable_unicast()) return make_error(LeaseReject::BadYiaddr);

  // Clamp T2 to the lease, then T1 to the effective T2 (defect 1: the
  // reference clamps T1 against an absent T2 read as 0).
  out.t2_s = fixed_u32(msg, opt::kRebindingTime);
  out.t1_s = fixed_u32(msg, opt::kRenewalTime);
  if (out.t2_s && *out.t2_s > out.lease_s) out.t2_s = out.lease_s;
  const std::uint32_t t2_eff = out.t2_s ? *out.t2_s
      : static_cast<std::uint32_t>(std::uint64_t{out.lease_s} * kDefaultT2Permille / 1000);
  if (out.t1_s && *out.t1_s > t2_eff) out.t1_s = t2_eff;

  // Copy every other option, one value per code, in ascending code order.
  // The codes present are collected in one walk of the message (it visits
  // exactly the instances parse() indexed) rather than by asking has() for
  // all 254 codes, which cost more than the rest of this function.
  std::array<std::uint64_t, 4> present{};
  msg.for_each_option([&](std::uint8_t c, const OptionFragment&) {
    present[c >> 6] |= std::uint64_t{1} << (c & 63u);
  });
  for (std::size_t w = 0; w < present.size(); ++w) {
    for (std::uint64_t bits = present[w]; bits != 0; bits &= bits - 1) {
      const auto code = static_cast<std::uint8_t>(w * 64 + static_cast<std::size_t>(std::countr_zero(bits)));
      if (dropped_option(code)) continue;
      if (!copy_option(msg, code, out)) return make_error(LeaseReject::OptionsTooLarge);
    }
  }

  // dhcpc.go: sname -> 66 and file -> 67 (RFC 2132 9.4/9.5), only when the
  // fields hold text, i.e. are not overloaded with options (RFC 2131 4.1).
  if (!msg.sname_is_options()) {
    auto sname = text_until_nul(msg.sname_field());
    if (!sname.empty() && !out.options.set(opt::kTftpServerName, sname)) {
      return make_error(LeaseReject::OptionsTooLarge);
    }
  }
  if (!msg.file_is_options()) {
    auto file = text_until_nul(msg.file_field());
    if (!file.empty() && !out.options.set(opt::kBootfileName, file)) {
      return make_error(LeaseReject::OptionsTooLarge);
    }
  }
  // RFC 5859: siaddr -> option 150 when 150 is absent or empty.
  auto tftp = out.options.get(opt::kTftpServerAddress);
  const Ipv4Addr siaddr = msg.header().siaddr;
  if ((!tftp || tftp->empty()) && siaddr.is_usable_unicast()) {
    if (!out.options.set(opt::kTftpServerAddress, siaddr.octets())) {
      return make_error(LeaseReject::OptionsTooLarge);
    }
  }
  return out;
}

std::chrono::milliseconds NormalizedLease::lease_time() const noexcept {
  return std::chrono::milliseconds(std::int64_t{lease_s} * 1000);
}

std::chrono::milliseconds NormalizedLease::effective_t2() const noexcept {
  const auto t2 = t2_s ? std::chrono::milliseconds(std::int64_t{*t2_s} * 1000)
                       : std::chrono::milliseconds(std::int64_t{lease_s} * kDefaultT2Permille);
  return std::min(t2, lease_time());
}

std::chrono::milliseconds NormalizedLease::effective_t1() const noexcept {
  const auto t1 = t1_s ? std::chrono::milliseconds(std::int64_t{*t1_s} * 1000)
                       : std::chrono::milliseconds(std::int64_t{lease_s} * kDefaultT1Permille);
  return std::min(t1, effective_t2());
}

// ---- Lease -------------------------------------------------------------------

std::uint8_t Lease::subnet_prefix_len() const noexcept {
  // lease.go SubnetMask: option 1 if it is a valid (contiguous) mask.
  if (auto v = options_.get(opt::kSubnetMask); v && v->size() == 4) {
    const int len = mask_prefix_len(load_u32(v->first<4>()));
    if (len >= 0) return static_cast<std::uint8_t>(len);
  }
  return assigned_ip_.default_prefix_len();
}

std::size_t Lease::candidate_routes(StaticVector<Route, kMaxRoutes>& out, RouteSet* dropped) const noexcept {
  std::size_t overflow = 0;
  auto add = [&](const Route& r) {
    if (!out.push_back(r)) ++overflow;
  };
  // RFC 3442: with option 121 present, 3 and 33 are ignored. Like the
  // reference, routes up to the first malformed one are used and a
  // zero-length 121 counts as absent.
  if (auto v121 = options_.get(opt::kClasslessRoutes); v121 && !v121->empty()) {
    ClasslessRouteReader reader(*v121);
    ClasslessRoute cr;
    while (reader.next(cr)) add(Route{cr.dest, cr.router});
    return overflow;
  }
  // RFC 2132 5.8: option 33 pairs (destination, router), classful masks; the
  // reference reads it as an address list and drops an odd last address.
  if (auto v33 = options_.get(opt::kStaticRoutes)) {
    if (auto list = decode_address_list(*v33)) {
      for (std::size_t i = 0; i + 1 < list->size(); i += 2) {
        const Ipv4Addr dest = (*list)[i];
        if (dest.is_unspecified()) continue;  // RFC 2132 5.8: 0.0.0.0 is illegal here
        if (!dest.has_classful_network()) {
          // 224/4, 240/4, 255.255.255.255: no class A/B/C network to route
          // (the reference's DefaultMask makes it a /24); reported, not a
          // candidate (docs/DIFFERENCES.md "Row 32").
          if (dropped != nullptr &&
              !dropped->dropped.push_back(DroppedRoute{Route{Ipv4Prefix{dest, 32}, (*list)[i + 1]},
                                                       RouteDropReason::NoClassfulNetwork}))
            ++dropped->dropped_overflow;
          continue;
        }
        const Ipv4Prefix p{dest, dest.default_prefix_len()};
        add(Route{p.masked(), (*list)[i + 1]});
      }
    }
  }
  // Option 3: a default route via the first usable router only.
  if (auto v3 = options_.get(opt::kRouter)) {
    if (auto list = decode_address_list(*v3)) {
      for (std::size_t i = 0; i < list->size(); ++i) {
        if ((*list)[i].is_usable_unicast()) {
          add(Route{Ipv4Prefix{Ipv4Addr(), 0}, (*list)[i]});
          break;
        }
      }
    }
  }
  return overflow;
}

RouteSet Lease::routes(const RoutePolicy* policy) const noexcept { return routes(policy, ip_net()); }

RouteSet Lease::routes(const RoutePolicy* policy, Ipv4Prefix assigned_net) const noexcept {
  StaticVector<Route, kMaxRoutes> candidates;
  RouteSet set;
  const std::size_t overflow = candidate_routes(candidates, &set);
  sanitize_routes(candidates.span(), assigned_net.masked(), policy, set);
  set.dropped_overflow += overflow;
  return set;
}

namespace {

// usable_servers: the usable unicast addresses of an address-list option,
// deduplicated, in order (lease.go DNSServers; defect 2). A repeat of any
// earlier usable address is a duplicate, whether or not that earlier one
// fitted: otherwise a server repeated after the list is full would be
// counted as overflow once per repeat.
ServerAddresses usable_servers(std::optional<std::span<const std::uint8_t>> value) noexcept {
  ServerAddresses out;
  if (!value) return out;
  auto list = decode_address_list(*value);
  if (!list) return out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const Ipv4Addr a = (*list)[i];
    if (!a.is_usable_unicast()) continue;
    bool seen = false;
    for (std::size_t j = 0; j < i && !seen; ++j) seen = (*list)[j] == a;
    if (seen) continue;
    if (!out.servers.push_back(a)) ++out.overflow;
  }
  return out;
}

template <class Decode>
std::optional<std::string_view> decoded_name(const LeaseOptions& options, std::uint8_t code, Decode decode) noexcept {
  const auto v = options.get(code);
  if (!v) return std::nullopt;
  const auto name = decode(*v);
  if (!name) return std::nullopt;
  return name.value();
}

}  // namespace

DnsServers Lease::dns_servers() const noexcept { return usable_servers(options_.get(opt::kDnsServers)); }

NtpServers Lease::ntp_servers() const noexcept { return usable_servers(options_.get(opt::kNtpServers)); }

std::optional<std::string_view> Lease::host_name() const noexcept {
  return decoded_name(options_, opt::kHostName, decode_hostname);
}

std::optional<std::string_view> Lease::domain_name() const noexcept {
  return decoded_name(options_, opt::kDomainName, decode_domain_name);
}

Result<std::size_t, OptionError> Lease::domain_search(std::span<char> text,
                                                      std::span<std::string_view> names) const noexcept {
  const auto v = options_.get(opt::kDomainSearch);
  if (!v) return std::size_t{0};
  return decode_domain_search(*v, text, names);
}

std::optional<std::uint16_t> Lease::interface_mtu(std::uint32_t link_max) const noexcept {
  const auto v = options_.get(opt::kInterfaceMtu);
  if (!v || v->size() != 2) return std::nullopt;
  const std::uint16_t mtu = load_u16(v->first<2>());
  if (mtu < kMinLeaseMtu || mtu > link_max) return std::nullopt;
  return mtu;
}

}  // namespace dhcpcore
