// invariants.hpp: the invariants the fuzz targets assert, written from the
// documented contracts (dhcp_message.hpp, lease.hpp, routes.hpp) and from the
// properties in properties/ (route_checks.hpp, lease_properties.cpp), with
// FUZZ_CHECK instead of RC_ASSERT. Header-only: every target includes what it
// uses, nothing allocates.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "dhcpcore/core/lease.hpp"
#include "dhcpcore/core/routes.hpp"
#include "dhcpcore/parsers/dhcp_message.hpp"
#include "dhcpcore/parsers/dhcp_options.hpp"
#include "fuzz_check.hpp"

namespace dhcpcore::fuzz {

inline std::uint32_t load_be32(std::span<const std::uint8_t> v) noexcept {
  return (std::uint32_t{v[0]} << 24) | (std::uint32_t{v[1]} << 16) | (std::uint32_t{v[2]} << 8) | v[3];
}

// usable: defect 2 (docs/DESIGN.md#defect-2, docs/DIFFERENCES.md "Rows 3-4") written from the ranges, not from Ipv4Addr's
// helpers: not 0/8, 127/8, 224/4 or 240/4 (which holds broadcast).
constexpr bool usable(Ipv4Addr a) noexcept {
  const std::uint32_t first = a.value() >> 24;
  return first != 0 && first != 127 && first < 224;
}

inline bool equal_bytes(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) noexcept {
  return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

// check_message: a parsed message's header and option index agree with its
// bytes and with a fresh walk (for_each_option), for every code.
inline void check_message(const DhcpMessage& m, std::span<const std::uint8_t> payload) noexcept {
  FUZZ_CHECK(payload.size() >= kDhcpMinMessageSize && payload.size() <= kMaxDhcpMessageSize);
  FUZZ_CHECK(equal_bytes(payload.subspan(kDhcpCookieOffset, 4), kMagicCookie));
  const DhcpHeader& h = m.header();
  FUZZ_CHECK(h.op == payload[kDhcpOpOffset] && h.hlen == payload[kDhcpHlenOffset]);
  FUZZ_CHECK(h.xid == load_be32(payload.subspan(kDhcpXidOffset, 4)));
  FUZZ_CHECK(h.yiaddr.value() == load_be32(payload.subspan(kDhcpYiaddrOffset, 4)));
  FUZZ_CHECK(equal_bytes(h.chaddr, payload.subspan(kDhcpChaddrOffset, kDhcpChaddrSize)));
  FUZZ_CHECK(m.sname_field().data() == payload.data() + kDhcpSnameOffset && m.sname_field().size() == kDhcpSnameSize);
  FUZZ_CHECK(m.file_field().data() == payload.data() + kDhcpFileOffset && m.file_field().size() == kDhcpFileSize);
  FUZZ_CHECK(m.area(OptionArea::Options).data() == payload.data() + kDhcpOptionsOffset);
  FUZZ_CHECK(m.area(OptionArea::Options).size() == payload.size() - kDhcpOptionsOffset);
  // Option 52: once, 1..3, and only then are file / sname walked.
  FUZZ_CHECK(m.overload() <= 3);
  FUZZ_CHECK(m.has(opt::kOverload) == (m.overload() != 0));
  FUZZ_CHECK(m.count(opt::kOverload) <= 1);
  FUZZ_CHECK(m.file_is_options() == ((m.overload() & 1) != 0));
  FUZZ_CHECK(m.area(OptionArea::File).size() == (m.file_is_options() ? kDhcpFileSize : 0));
  FUZZ_CHECK(m.area(OptionArea::Sname).size() == (m.sname_is_options() ? kDhcpSnameSize : 0));
  FUZZ_CHECK(!m.has(opt::kPad) && !m.has(opt::kEnd));

  std::array<std::size_t, 256> counts{};
  std::array<std::size_t, 256> totals{};
  m.for_each_option([&](std::uint8_t code, OptionFragment f) {
    FUZZ_CHECK(code != opt::kPad && code != opt::kEnd);
    FUZZ_CHECK(f.data.size() <= kMaxOptionInstanceLength);
    FUZZ_CHECK(within(f.data, m.area(f.area)));
    FUZZ_CHECK(f.area == OptionArea::Options || code != opt::kOverload);
    ++counts[code];
    totals[code] += f.data.size();
  });
  static std::array<std::uint8_t, kMaxOptionLength> scratch;
  for (std::size_t c = 0; c < 256; ++c) {
    const auto code = static_cast<std::uint8_t>(c);
    FUZZ_CHECK(m.has(code) == (counts[c] != 0));
    FUZZ_CHECK(m.count(code) == counts[c]);
    FUZZ_CHECK(m.total_length(code) == totals[c]);
    FUZZ_CHECK(totals[c] <= kMaxOptionLength);
    if (!m.has(code)) {
      FUZZ_CHECK(m.first(code).empty() && !m.fixed(code, 4) && !m.concatenated(code, scratch));
      continue;
    }
    const auto joined = m.concatenated(code, scratch);
    FUZZ_CHECK(joined.has_value() && joined->size() == totals[c]);
    // The fragments, in order, are the concatenation; the first is first();
    // fixed(code, n) is the first fragment of length n.
    std::size_t at = 0;
    std::size_t seen = 0;
    std::array<std::optional<std::span<const std::uint8_t>>, 6> first_of_len{};
    const std::size_t visited = m.for_each_fragment(code, [&](OptionFragment f) {
      if (seen == 0) FUZZ_CHECK(f.data.data() == m.first(code).data() && f.data.size() == m.first(code).size());
      FUZZ_CHECK(at + f.data.size() <= joined->size());
      FUZZ_CHECK(equal_bytes(f.data, joined->subspan(at, f.data.size())));
      if (f.data.size() < first_of_len.size() && !first_of_len[f.data.size()]) first_of_len[f.data.size()] = f.data;
      at += f.data.size();
      ++seen;
    });
    FUZZ_CHECK(visited == counts[c] && seen == counts[c] && at == totals[c]);
    for (std::size_t len = 0; len < first_of_len.size(); ++len) {
      const auto got = m.fixed(code, len);
      FUZZ_CHECK(got.has_value() == first_of_len[len].has_value());
      if (got) FUZZ_CHECK(got->data() == first_of_len[len]->data() && got->size() == len);
    }
    // Scratch one byte short of a multi-instance concatenation: refused.
    if (counts[c] > 1 && totals[c] > 0) {
      FUZZ_CHECK(!m.concatenated(code, std::span<std::uint8_t>(scratch).first(totals[c] - 1)));
    }
  }
  const auto t53 = m.fixed(opt::kMessageType, 1);
  FUZZ_CHECK(m.message_type() == (t53 ? (*t53)[0] : 0));
}

// expected_reject: acceptable_lease's documented checks, in order; None when
// all pass (OptionsTooLarge may still reject).
inline LeaseReject expected_reject(const DhcpMessage& m) noexcept {
  const auto sid = m.fixed(opt::kServerId, 4);
  if (!sid) return LeaseReject::NoServerId;
  if (!usable(Ipv4Addr(load_be32(*sid)))) return LeaseReject::BadServerId;
  const auto lt = m.fixed(opt::kLeaseTime, 4);
  if (!lt) return LeaseReject::NoLeaseTime;
  if (load_be32(*lt) < 1) return LeaseReject::LeaseTooShort;
  if (!usable(m.header().yiaddr)) return LeaseReject::BadYiaddr;
  return LeaseReject::None;
}

// check_normalized: an accepted lease is what the message offered, clamped.
inline void check_normalized(const DhcpMessage& m, const NormalizedLease& n) noexcept {
  FUZZ_CHECK(usable(n.server_id) && n.server_id.value() == load_be32(*m.fixed(opt::kServerId, 4)));
  FUZZ_CHECK(n.lease_s >= 1 && n.lease_s == load_be32(*m.fixed(opt::kLeaseTime, 4)));
  FUZZ_CHECK(usable(n.yiaddr) && n.yiaddr == m.header().yiaddr);
  const auto t1_in = m.fixed(opt::kRenewalTime, 4);
  const auto t2_in = m.fixed(opt::kRebindingTime, 4);
  FUZZ_CHECK(n.t1_s.has_value() == t1_in.has_value());
  FUZZ_CHECK(n.t2_s.has_value() == t2_in.has_value());
  if (n.t2_s) FUZZ_CHECK(*n.t2_s == std::min(load_be32(*t2_in), n.lease_s));
  const auto t2_eff = n.t2_s ? *n.t2_s : static_cast<std::uint32_t>(std::uint64_t{n.lease_s} * 850 / 1000);
  if (n.t1_s) FUZZ_CHECK(*n.t1_s == std::min(load_be32(*t1_in), t2_eff));
  const auto t1 = n.effective_t1().count();
  const auto t2 = n.effective_t2().count();
  const auto lease = n.lease_time().count();
  FUZZ_CHECK(lease == std::int64_t{n.lease_s} * 1000);
  FUZZ_CHECK(0 <= t1 && t1 <= t2 && t2 <= lease);
  for (const std::uint8_t code : {opt::kRequestedIp, opt::kParameterRequestList, opt::kClientId,
                                  opt::kMaxMessageSize, opt::kOverload}) {
    FUZZ_CHECK(!n.options.has(code));
  }
  FUZZ_CHECK(n.options.bytes_used() <= kLeaseOptionBytes);
  const auto v51 = n.options.get(opt::kLeaseTime);
  FUZZ_CHECK(v51 && v51->size() == 4 && load_be32(*v51) == n.lease_s);
}

inline constexpr Ipv4Prefix kLoopbackNet{Ipv4Addr(127, 0, 0, 0), 8};

// overlaps_protected: the documented RoutePolicy rule (the default route is
// exempt from "covering").
inline bool overlaps_protected(const Ipv4Prefix& dest, const RoutePolicy& p) noexcept {
  if (dest.len == 0) return false;
  return std::any_of(p.protected_prefixes.begin(), p.protected_prefixes.end(),
                     [&](const Ipv4Prefix& prot) { return prot.covers(dest) || dest.covers(prot); });
}

// expected_verdict: sanitize_routes' documented rules in their order for a
// masked candidate, given the routes kept before it: nullopt keeps it.
inline std::optional<RouteDropReason> expected_verdict(const Route& r, Ipv4Prefix net, const RoutePolicy* policy,
                                                       std::span<const Route> kept) noexcept {
  if (!r.on_link() && !usable(r.router)) return RouteDropReason::RouterNotUnicast;
  if (!r.on_link() && !net.contains(r.router) &&
      std::none_of(kept.begin(), kept.end(), [&](const Route& k) { return k.dest.contains(r.router); })) {
    return RouteDropReason::RouterUnreachable;
  }
  if (r.dest.len >= 8 && kLoopbackNet.contains(r.dest.addr)) return RouteDropReason::ShadowsLoopback;
  if (r.dest == net.masked()) return RouteDropReason::ShadowsInterfaceRoute;
  if (std::any_of(kept.begin(), kept.end(), [&](const Route& k) { return k.dest == r.dest; })) {
    return RouteDropReason::DuplicateDestination;
  }
  if (policy != nullptr) {
    if (!policy->allow_short_prefixes && r.dest.len >= 1 && r.dest.len <= 7) return RouteDropReason::ShortPrefix;
    if (overlaps_protected(r.dest, *policy)) return RouteDropReason::ProtectedPrefix;
    if (policy->max_routes != 0 && kept.size() >= policy->max_routes) return RouteDropReason::RouteLimit;
  }
  if (kept.size() >= kMaxRoutes) return RouteDropReason::Capacity;
  return std::nullopt;
}

// check_route_set: out is sanitize_routes(candidates, net, policy) into an
// empty set. Every candidate is accounted for exactly once, in order, with
// the verdict of the model; kept routes are masked, unique, never overlap a
// protected prefix, and the cap holds. Re-sanitizing the kept routes keeps
// them all (idempotence).
inline void check_route_set(std::span<const Route> candidates, Ipv4Prefix net, const RoutePolicy* policy,
                            const RouteSet& out) noexcept {
  FUZZ_CHECK(out.kept.size() + out.dropped.size() + out.dropped_overflow == candidates.size());
  std::size_t k = 0;
  std::size_t d = 0;
  for (const Route& c : candidates) {
    FUZZ_CHECK(c.dest.len <= 32);
    const Route masked{c.dest.masked(), c.router};
    const auto verdict = expected_verdict(masked, net, policy, out.kept.span().first(k));
    if (!verdict) {
      FUZZ_CHECK(k < out.kept.size() && out.kept[k] == masked);
      ++k;
    } else if (d < out.dropped.size()) {
      FUZZ_CHECK(out.dropped[d].reason == *verdict);
      FUZZ_CHECK(out.dropped[d].route == masked || out.dropped[d].route == c);
      ++d;
    }
  }
  FUZZ_CHECK(k == out.kept.size() && d == out.dropped.size());
  for (std::size_t i = 0; i < out.kept.size(); ++i) {
    const Route& r = out.kept[i];
    FUZZ_CHECK(r.dest == r.dest.masked());
    FUZZ_CHECK(r.on_link() || usable(r.router));
    for (std::size_t j = 0; j < i; ++j) FUZZ_CHECK(out.kept[j].dest != r.dest);
    if (policy != nullptr) {
      FUZZ_CHECK(!overlaps_protected(r.dest, *policy));
      FUZZ_CHECK(policy->allow_short_prefixes || r.dest.len == 0 || r.dest.len >= 8);
    }
  }
  if (policy != nullptr && policy->max_routes != 0) FUZZ_CHECK(out.kept.size() <= policy->max_routes);
  RouteSet again;
  sanitize_routes(out.kept.span(), net, policy, again);
  FUZZ_CHECK(again.kept == out.kept && again.dropped.empty() && again.dropped_overflow == 0);
}

// check_candidates: the documented source of a lease's candidate routes.
inline void check_candidates(const Lease& lease, std::span<const Route> candidates, std::size_t overflow) noexcept {
  const auto v121 = lease.options().get(opt::kClasslessRoutes);
  if (v121 && !v121->empty()) {
    // RFC 3442: only 121, up to its first malformed route.
    ClasslessRouteReader reader(*v121);
    ClasslessRoute cr;
    std::size_t i = 0;
    while (reader.next(cr)) {
      if (i < candidates.size()) FUZZ_CHECK(candidates[i] == (Route{cr.dest, cr.router}));
      ++i;
    }
    FUZZ_CHECK(i == candidates.size() + overflow);
    return;
  }
  // Else 33 pairs (classful, masked, 0.0.0.0 skipped) then one default route.
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const Route& r = candidates[i];
    FUZZ_CHECK(r.dest == r.dest.masked());
    if (r.dest.len == 0) {
      FUZZ_CHECK(i + 1 == candidates.size() && usable(r.router));
    } else {
      // The class bits lie inside the prefix, so masking keeps the class;
      // classes D and E (224.0.0.0 up) are never candidates.
      FUZZ_CHECK(r.dest.len == r.dest.addr.default_prefix_len() && r.dest.len <= 24);
    }
  }
}

// check_lease: acceptable_lease's verdict follows its documented order; an
// accepted lease is checked, then its routes (no policy, the reference
// policy, the hardened one with protected prefixes) and DNS servers.
inline void check_lease(const DhcpMessage& m) noexcept {
  const auto r = acceptable_lease(m);
  const LeaseReject expected = expected_reject(m);
  if (!r) {
    FUZZ_CHECK(r.error() != LeaseReject::None);
    FUZZ_CHECK(r.error() == expected || (expected == LeaseReject::None && r.error() == LeaseReject::OptionsTooLarge));
    return;
  }
  FUZZ_CHECK(expected == LeaseReject::None);
  check_normalized(m, r.value());
  const Lease lease(r.value(), std::chrono::milliseconds(1000));
  const Ipv4Prefix net = lease.ip_net().masked();
  FUZZ_CHECK(lease.ip_net().len <= 32);

  StaticVector<Route, kMaxRoutes> candidates;
  RouteSet no_class;  // option 33 destinations from 224.0.0.0 up, reported first
  const std::size_t overflow = lease.candidate_routes(candidates, &no_class);
  check_candidates(lease, candidates.span(), overflow);
  for (const DroppedRoute& d : no_class.dropped)
    FUZZ_CHECK(d.reason == RouteDropReason::NoClassfulNetwork && d.route.dest.len == 32 &&
               d.route.dest.addr.value() >= 0xe0000000u);

  RoutePolicy hardened = RoutePolicy::hardened();
  (void)hardened.protected_prefixes.push_back(Ipv4Prefix{Ipv4Addr(10, 8, 0, 0), 16});
  (void)hardened.protected_prefixes.push_back(Ipv4Prefix{Ipv4Addr(198, 51, 100, 0), 24});
  const RoutePolicy reference = RoutePolicy::reference();
  for (const RoutePolicy* policy : {static_cast<const RoutePolicy*>(nullptr), &reference,
                                    static_cast<const RoutePolicy*>(&hardened)}) {
    const RouteSet routes = lease.routes(policy);
    RouteSet want = no_class;  // routes(): those drops first, then the sanitizer's
    sanitize_routes(candidates.span(), net, policy, want);
    FUZZ_CHECK(routes.kept == want.kept && routes.dropped == want.dropped);
    FUZZ_CHECK(routes.dropped_overflow == want.dropped_overflow + overflow);
    RouteSet direct;
    sanitize_routes(candidates.span(), net, policy, direct);
    check_route_set(candidates.span(), net, policy, direct);
  }

  const DnsServers dns = lease.dns_servers();
  for (std::size_t i = 0; i < dns.servers.size(); ++i) {
    FUZZ_CHECK(usable(dns.servers[i]));
    for (std::size_t j = 0; j < i; ++j) FUZZ_CHECK(dns.servers[j] != dns.servers[i]);
  }
  const auto v6 = lease.options().get(opt::kDnsServers);
  const std::size_t offered = (v6 && v6->size() % 4 == 0) ? v6->size() / 4 : 0;
  FUZZ_CHECK(dns.servers.size() + dns.overflow <= offered);
}

}  // namespace dhcpcore::fuzz
