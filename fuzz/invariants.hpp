// invariants.hpp: the invariants the fuzz targets assert, written from the
// documented contracts (dhcp_message.hpp, lease.hpp, routes.hpp). The models
// of what the library must decide (usable unicast, the lease verdict and
// timers, option 33's classful routes, the route sanitizer) are the ones the
// properties use (dhcpcore/test_support/models.hpp), asserted here with
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
#include "dhcpcore/test_support/models.hpp"
#include "fuzz_check.hpp"

namespace dhcpcore::fuzz {

using model::load_be32;
using model::usable_unicast;

inline bool equal_bytes(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) noexcept {
  return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

// ---- check_message: the option index against one walk ---------------------
//
// The index answers per code (has, count, total_length, first, fixed,
// concatenated, for_each_fragment). The check is O(input), as the parse is:
// one walk (for_each_option) builds the expected facts of every code present,
// then every index answer that is O(1) is compared for all 256 codes, the
// concatenation of every present code is compared through a hash of its
// fragments in walk order, and the answers that walk the message (fixed()
// of a multi-instance code whose first instance has another length,
// for_each_fragment) are compared for at most kWalkedCodesChecked codes per
// input, so a message of many repeated codes cannot make the check
// quadratic. Across a fuzzing run every code and shape still meets them.

// The lengths fixed() is checked at: those dhcpcore asks for (1: 52, 53;
// 2: 57; 4: addresses and times) and 0.
inline constexpr std::array<std::size_t, 4> kFixedLengthsChecked{0, 1, 2, 4};
inline constexpr std::size_t kWalkedCodesChecked = 4;
// Codes whose absence is checked in full (first, fixed, concatenated) when
// the message lacks them: the ones dhcpcore reads, and two it never does.
inline constexpr std::array<std::uint8_t, 12> kAbsentCodesChecked{1, 3, 6, 15, 50, 51, 53, 54, 58, 121, 200, 254};

// FragmentHash: FNV-1a over a code's fragment bytes in order, so the
// concatenation can be compared with the fragments without storing them.
struct FragmentHash {
  std::uint64_t h = 0xcbf29ce484222325u;
  void add(std::span<const std::uint8_t> bytes) noexcept {
    for (const std::uint8_t b : bytes) h = (h ^ b) * 0x100000001b3u;
  }
};

// CodeFacts: what one walk says about one code.
struct CodeFacts {
  std::uint8_t code = 0;
  std::size_t count = 0;
  std::size_t total = 0;
  std::span<const std::uint8_t> first;
  std::array<std::span<const std::uint8_t>, kFixedLengthsChecked.size()> first_of_length{};
  std::uint8_t lengths_seen = 0;  // bit i: first_of_length[i] is set
  FragmentHash hash;
};

// check_present_code: the index's answers for a code the walk found. For a
// single instance every answer is O(1) and all are checked. For a code with
// several instances, concatenated(), for_each_fragment() and a fixed() whose
// first instance has another length walk the message from the first
// instance to the last: they are checked while walked_budget lasts (one unit
// per code), the O(1) answers always.
inline void check_present_code(const DhcpMessage& m, const CodeFacts& cf, std::size_t& walked_budget) noexcept {
  static std::array<std::uint8_t, kMaxOptionLength> scratch;
  const std::uint8_t code = cf.code;
  const bool multi = cf.count > 1;
  const bool walk = !multi || walked_budget > 0;
  if (multi && walk) --walked_budget;
  FUZZ_CHECK(m.first(code).data() == cf.first.data() && m.first(code).size() == cf.first.size());
  // Scratch one byte short of a multi-instance concatenation: refused (O(1)).
  if (multi && cf.total > 0) {
    FUZZ_CHECK(!m.concatenated(code, std::span<std::uint8_t>(scratch).first(cf.total - 1)));
  }
  // fixed(code, n) is the first fragment of length n.
  for (std::size_t i = 0; i < kFixedLengthsChecked.size(); ++i) {
    const std::size_t len = kFixedLengthsChecked[i];
    if (multi && cf.first.size() != len && !walk) continue;
    const auto got = m.fixed(code, len);
    const bool want = (cf.lengths_seen >> i) & 1u;
    FUZZ_CHECK(got.has_value() == want);
    if (got) FUZZ_CHECK(got->data() == cf.first_of_length[i].data() && got->size() == len);
  }
  if (!walk) return;
  // The concatenation is the fragments in walk order (compared by hash); a
  // single instance is a view of it.
  const auto joined = m.concatenated(code, scratch);
  FUZZ_CHECK(joined.has_value() && joined->size() == cf.total);
  FragmentHash jh;
  jh.add(*joined);
  FUZZ_CHECK(jh.h == cf.hash.h);
  if (!multi) FUZZ_CHECK(joined->data() == cf.first.data());
  // for_each_fragment visits the walk's fragments, in order, first() first.
  FragmentHash fh;
  std::size_t seen = 0;
  const std::size_t visited = m.for_each_fragment(code, [&](OptionFragment f) {
    if (seen == 0) FUZZ_CHECK(f.data.data() == cf.first.data() && f.data.size() == cf.first.size());
    fh.add(f.data);
    ++seen;
  });
  FUZZ_CHECK(visited == cf.count && seen == cf.count && fh.h == cf.hash.h);
}

// check_message: a parsed message's header and option index agree with its
// bytes and with a fresh walk (for_each_option).
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

  // One walk: the facts of every code present, in order of first sight.
  // Only [0, used) of `facts` is read, each entry written when its code is
  // first seen, so nothing is cleared but the 256-byte slot table.
  static std::array<CodeFacts, 254> facts;
  std::array<std::uint8_t, 256> slot{};  // 0: absent, else 1 + index into facts
  std::size_t used = 0;
  m.for_each_option([&](std::uint8_t code, OptionFragment f) {
    FUZZ_CHECK(code != opt::kPad && code != opt::kEnd);
    FUZZ_CHECK(f.data.size() <= kMaxOptionInstanceLength);
    FUZZ_CHECK(within(f.data, m.area(f.area)));
    FUZZ_CHECK(f.area == OptionArea::Options || code != opt::kOverload);
    if (slot[code] == 0) {
      FUZZ_CHECK(used < facts.size());
      facts[used] = CodeFacts{};
      facts[used].code = code;
      facts[used].first = f.data;
      slot[code] = static_cast<std::uint8_t>(++used);
    }
    CodeFacts& cf = facts[slot[code] - 1u];
    ++cf.count;
    cf.total += f.data.size();
    cf.hash.add(f.data);
    for (std::size_t i = 0; i < kFixedLengthsChecked.size(); ++i) {
      if (f.data.size() == kFixedLengthsChecked[i] && ((cf.lengths_seen >> i) & 1u) == 0) {
        cf.first_of_length[i] = f.data;
        cf.lengths_seen = static_cast<std::uint8_t>(cf.lengths_seen | (1u << i));
      }
    }
  });
  // The O(1) answers, for every code.
  for (std::size_t c = 0; c < 256; ++c) {
    const auto code = static_cast<std::uint8_t>(c);
    const CodeFacts* cf = slot[c] ? &facts[slot[c] - 1u] : nullptr;
    FUZZ_CHECK(m.has(code) == (cf != nullptr));
    FUZZ_CHECK(m.count(code) == (cf ? cf->count : 0));
    FUZZ_CHECK(m.total_length(code) == (cf ? cf->total : 0));
    if (cf) FUZZ_CHECK(cf->total <= kMaxOptionLength);
  }
  std::size_t walked_budget = kWalkedCodesChecked;
  for (std::size_t i = 0; i < used; ++i) check_present_code(m, facts[i], walked_budget);
  for (const std::uint8_t code : kAbsentCodesChecked) {
    if (slot[code] != 0) continue;
    static std::array<std::uint8_t, 16> small_scratch;
    FUZZ_CHECK(m.first(code).empty() && !m.fixed(code, 4) && !m.fixed(code, 1) && !m.concatenated(code, small_scratch));
    FUZZ_CHECK(m.for_each_fragment(code, [](OptionFragment) {}) == 0);
  }
  const auto t53 = m.fixed(opt::kMessageType, 1);
  FUZZ_CHECK(m.message_type() == (t53 ? (*t53)[0] : 0));
}

// first_u32: the value of code's first 4-byte instance, if any.
inline std::optional<std::uint32_t> first_u32(const DhcpMessage& m, std::uint8_t code) noexcept {
  const auto v = m.fixed(code, 4);
  if (!v) return std::nullopt;
  return load_be32(*v);
}

// lease_facts: what the lease verdict model reads from a parsed message.
inline model::LeaseFacts lease_facts(const DhcpMessage& m) noexcept {
  return model::LeaseFacts{first_u32(m, opt::kServerId), first_u32(m, opt::kLeaseTime), m.header().yiaddr};
}

// check_normalized: an accepted lease is what the message offered, clamped.
inline void check_normalized(const DhcpMessage& m, const NormalizedLease& n) noexcept {
  FUZZ_CHECK(usable_unicast(n.server_id) && n.server_id.value() == load_be32(*m.fixed(opt::kServerId, 4)));
  FUZZ_CHECK(n.lease_s >= 1 && n.lease_s == load_be32(*m.fixed(opt::kLeaseTime, 4)));
  FUZZ_CHECK(usable_unicast(n.yiaddr) && n.yiaddr == m.header().yiaddr);
  const model::Timers expected =
      model::clamped_timers(n.lease_s, first_u32(m, opt::kRenewalTime), first_u32(m, opt::kRebindingTime));
  FUZZ_CHECK(n.t1_s == expected.t1_s);
  FUZZ_CHECK(n.t2_s == expected.t2_s);
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
    const auto verdict = model::route_verdict(masked, net, policy, out.kept.span().first(k));
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
    FUZZ_CHECK(model::kept_route_violation(out.kept[i], net, policy, out.kept.span().first(i)) == nullptr);
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
      FUZZ_CHECK(i + 1 == candidates.size() && usable_unicast(r.router));
    } else {
      // The class bits lie inside the prefix, so masking keeps the class;
      // classes D and E (224.0.0.0 up) are never candidates.
      FUZZ_CHECK(r.dest.len == model::classful_prefix_len(r.dest.addr) && r.dest.len <= 24);
    }
  }
}

// check_lease: acceptable_lease's verdict follows its documented order; an
// accepted lease is checked, then its routes (no policy, the reference
// policy, the hardened one with protected prefixes) and DNS servers.
inline void check_lease(const DhcpMessage& m) noexcept {
  const auto r = acceptable_lease(m);
  const LeaseReject expected = model::lease_verdict(lease_facts(m));
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
    FUZZ_CHECK(usable_unicast(dns.servers[i]));
    for (std::size_t j = 0; j < i; ++j) FUZZ_CHECK(dns.servers[j] != dns.servers[i]);
  }
  const auto v6 = lease.options().get(opt::kDnsServers);
  const std::size_t offered = (v6 && v6->size() % 4 == 0) ? v6->size() / 4 : 0;
  FUZZ_CHECK(dns.servers.size() + dns.overflow <= offered);
}

}  // namespace dhcpcore::fuzz
