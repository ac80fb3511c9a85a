// Properties of acceptable_lease and Lease (lease.hpp) over generated
// offer/ACK-like messages (gen::lease_message), built with the parsers'
// builder and parsed back. Expected values are computed from the generated
// message (the options as generated, in order), not from the parsed one.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "dhcpcore/core/lease.hpp"
#include "dhcpcore/parsers/dhcp_options.hpp"
#include "dhcpcore/test_support/generators.hpp"
#include "dhcpcore/test_support/models.hpp"
#include "route_checks.hpp"

namespace dhcpcore::props {
namespace {

using model::load_be32;
using model::usable_unicast;

std::optional<std::uint32_t> first_u32(const gen::GenMessage& m, std::uint8_t code) {
  const gen::GenOption* o = m.first_of_length(code, 4);
  if (o == nullptr) return std::nullopt;
  return load_be32(o->data);
}

std::vector<Ipv4Addr> addresses(const std::vector<std::uint8_t>& v) {
  std::vector<Ipv4Addr> out;
  if (v.empty() || v.size() % 4 != 0) return out;  // RFC 2132: a non-empty multiple of 4
  for (std::size_t i = 0; i < v.size(); i += 4) {
    out.push_back(Ipv4Addr(v[i], v[i + 1], v[i + 2], v[i + 3]));
  }
  return out;
}

// expected_reject: acceptable_lease's checks in their documented order
// (model::lease_verdict) over the message as generated.
LeaseReject expected_reject(const gen::GenMessage& m) {
  return model::lease_verdict(
      model::LeaseFacts{first_u32(m, opt::kServerId), first_u32(m, opt::kLeaseTime), m.header.yiaddr});
}

// lease_bytes_bound: an upper bound of the bytes a lease built from m keeps
// (3 bytes of framing per code, every code's whole value, plus 66, 67, 150
// from sname, file, siaddr).
std::size_t lease_bytes_bound(const gen::GenMessage& m) {
  std::size_t n = (3 + 64) + (3 + 128) + (3 + 4);
  for (unsigned c = 1; c < 255; ++c) {
    if (m.instances(static_cast<std::uint8_t>(c)) > 0) n += 3 + m.expected_value(static_cast<std::uint8_t>(c)).size();
  }
  return n;
}

// Offer: a generated message, its bytes and the parsed view (which points
// into bytes: keep the Offer alive).
struct Offer {
  gen::GenMessage m;
  std::vector<std::uint8_t> bytes;
  DhcpMessage msg;
};

void parse_offer(Offer& o) {
  o.bytes = o.m.build();
  RC_ASSERT(!o.bytes.empty());
  auto parsed = DhcpMessage::parse(o.bytes);
  if (!parsed.ok()) RC_FAIL(std::string("generated message does not parse: ") + to_string(parsed.error()));
  o.msg = parsed.value();
}

enum class Classless { AsGenerated, Present, Absent };

// accepted_offer: a generated lease message that acceptable_lease accepts
// (the case is discarded otherwise; about half are accepted). Present adds a
// non-empty option 121 when the message has none (so that fewer cases are
// discarded); Absent removes every 121.
NormalizedLease accepted_offer(Offer& o, Classless classless = Classless::AsGenerated) {
  o.m = *gen::lease_message();
  auto& opts = o.m.options;
  if (classless == Classless::Absent) {
    std::erase_if(opts, [](const gen::GenOption& x) { return x.code == opt::kClasslessRoutes; });
  } else if (classless == Classless::Present && o.m.expected_value(opt::kClasslessRoutes).empty()) {
    auto data = *rc::gen::nonEmpty(gen::classless_routes_data(o.m.header.yiaddr));
    const auto at = *gen::uniform(0, static_cast<std::uint32_t>(opts.size()));
    opts.insert(opts.begin() + at, gen::GenOption{opt::kClasslessRoutes, std::move(data)});
  }
  parse_offer(o);
  auto r = acceptable_lease(o.msg);
  RC_PRE(r.ok());
  return r.value();
}

RC_GTEST_PROP(AcceptableLease, RejectionReasonIsTheFirstCheckTheOfferFails, ()) {
  Offer o;
  o.m = *gen::lease_message();
  parse_offer(o);
  const auto r = acceptable_lease(o.msg);
  const LeaseReject expected = expected_reject(o.m);
  RC_ASSERT((r.ok() ? LeaseReject::None : r.error()) == expected);
}

// The same over any generated message (overloaded fields, long options, any
// header): only OptionsTooLarge may add to the model, and only for messages
// whose options could exceed kLeaseOptionBytes.
RC_GTEST_PROP(AcceptableLease, AnyMessageIsRejectedForTheFirstCheckItFails, (const gen::GenMessage& m)) {
  Offer o;
  o.m = m;
  parse_offer(o);
  const auto r = acceptable_lease(o.msg);
  const LeaseReject expected = expected_reject(o.m);
  const LeaseReject got = r.ok() ? LeaseReject::None : r.error();
  if (expected == LeaseReject::None && got == LeaseReject::OptionsTooLarge) {
    RC_ASSERT(lease_bytes_bound(o.m) > kLeaseOptionBytes);
  } else {
    RC_ASSERT(got == expected);
  }
}

RC_GTEST_PROP(AcceptableLease, AcceptedLeaseHasUsableServerIdLeaseTimeAndYiaddrAsOffered, ()) {
  Offer o;
  const NormalizedLease n = accepted_offer(o);
  RC_ASSERT(usable_unicast(n.server_id));
  RC_ASSERT(n.server_id == Ipv4Addr(*first_u32(o.m, opt::kServerId)));
  RC_ASSERT(n.lease_s >= 1u);
  RC_ASSERT(n.lease_s == *first_u32(o.m, opt::kLeaseTime));
  RC_ASSERT(usable_unicast(n.yiaddr));
  RC_ASSERT(n.yiaddr == o.m.header.yiaddr);
}

RC_GTEST_PROP(AcceptableLease, ClampedRenewalAndRebindingTimesAreOrderedBelowTheLease, ()) {
  Offer o;
  const NormalizedLease n = accepted_offer(o);
  // Present exactly when the offer has a 4-byte instance.
  const auto t1_in = first_u32(o.m, opt::kRenewalTime);
  const auto t2_in = first_u32(o.m, opt::kRebindingTime);
  RC_ASSERT(n.t1_s.has_value() == t1_in.has_value());
  RC_ASSERT(n.t2_s.has_value() == t2_in.has_value());
  // T2 is clamped to the lease, T1 to the effective T2 (the default 0.85
  // lease when T2 is absent: defect 1 of the reference): model::clamped_timers.
  const model::Timers expected = model::clamped_timers(n.lease_s, t1_in, t2_in);
  if (n.t2_s) {
    RC_ASSERT(*n.t2_s <= n.lease_s);
    RC_ASSERT(n.t2_s == expected.t2_s);
  }
  if (n.t1_s) {
    RC_ASSERT(*n.t1_s <= expected.t2_effective_s);
    RC_ASSERT(n.t1_s == expected.t1_s);
    if (n.t2_s) RC_ASSERT(*n.t1_s <= *n.t2_s);
  }
  // The lease's options carry the clamped values.
  const auto opt51 = n.options.get(opt::kLeaseTime);
  RC_ASSERT(opt51.has_value());
  RC_ASSERT(std::vector<std::uint8_t>(opt51->begin(), opt51->end()) == gen::be32(n.lease_s));
  if (n.t1_s) {
    const auto v = n.options.get(opt::kRenewalTime);
    RC_ASSERT(v.has_value() && v->size() == 4u);
    RC_ASSERT(load_be32(*v) == *n.t1_s);
  }
  if (n.t2_s) {
    const auto v = n.options.get(opt::kRebindingTime);
    RC_ASSERT(v.has_value() && v->size() == 4u);
    RC_ASSERT(load_be32(*v) == *n.t2_s);
  }
}

RC_GTEST_PROP(AcceptableLease, EffectiveRenewalAndRebindingTimesAreOrderedBelowTheLease, ()) {
  Offer o;
  const NormalizedLease n = accepted_offer(o);
  const auto t1 = n.effective_t1().count();
  const auto t2 = n.effective_t2().count();
  const auto lease = n.lease_time().count();
  RC_ASSERT(lease == std::int64_t{n.lease_s} * 1000);
  RC_ASSERT(0 <= t1);
  RC_ASSERT(t1 <= t2);
  RC_ASSERT(t2 <= lease);
}

RC_GTEST_PROP(AcceptableLease, ClientOnlyOptionsAreDropped, ()) {
  Offer o;
  const NormalizedLease n = accepted_offer(o);
  for (const std::uint8_t code : {opt::kRequestedIp, opt::kParameterRequestList, opt::kClientId,
                                  opt::kMaxMessageSize, opt::kOverload}) {
    RC_ASSERT(!n.options.has(code));
  }
}

// RFC 3442: with a non-empty option 121 the routes come from it alone (up to
// its first malformed route), never from 3 or 33.
RC_GTEST_PROP(LeaseRoutes, NonEmptyClasslessRoutesOverrideRoutersAndStaticRoutes, ()) {
  Offer o;
  const NormalizedLease n = accepted_offer(o, Classless::Present);
  const auto v121 = o.m.expected_value(opt::kClasslessRoutes);
  RC_ASSERT(!v121.empty());
  std::vector<ClasslessRoute> decoded(v121.size() / 5 + 1);
  std::size_t count = 0;
  (void)decode_classless_routes(v121, decoded, &count);
  decoded.resize(count);
  const Lease lease(n, std::chrono::milliseconds(0));
  const RoutePolicy hardened = RoutePolicy::hardened();
  for (const RoutePolicy* policy : {static_cast<const RoutePolicy*>(nullptr), &hardened}) {
    const RouteSet routes = lease.routes(policy);
    for (const Route& k : routes.kept) {
      const bool from_121 = std::any_of(decoded.begin(), decoded.end(), [&](const ClasslessRoute& c) {
        return c.dest == k.dest && c.router == k.router;
      });
      RC_ASSERT(from_121);
    }
  }
}

// Without 121 (absent or empty): routes from 33 pairs (classful
// destinations, 0.0.0.0 and classes D/E skipped) and a default route via the first usable
// router of option 3, nothing else.
RC_GTEST_PROP(LeaseRoutes, WithoutClasslessRoutesRoutesComeFromStaticRoutesAndTheFirstUsableRouter, ()) {
  Offer o;
  const NormalizedLease n = accepted_offer(o, Classless::Absent);
  RC_ASSERT(o.m.expected_value(opt::kClasslessRoutes).empty());
  std::vector<Route> allowed;
  const auto pairs = addresses(o.m.expected_value(opt::kStaticRoutes));
  for (std::size_t i = 0; i + 1 < pairs.size(); i += 2) {
    if (const auto r = model::classful_route(pairs[i], pairs[i + 1])) allowed.push_back(*r);
  }
  const auto routers = addresses(o.m.expected_value(opt::kRouter));
  const auto first_usable = std::find_if(routers.begin(), routers.end(), usable_unicast);
  if (first_usable != routers.end()) allowed.push_back(Route{Ipv4Prefix{Ipv4Addr(), 0}, *first_usable});
  const Lease lease(n, std::chrono::milliseconds(0));
  const RouteSet routes = lease.routes();
  for (const Route& k : routes.kept) RC_ASSERT(std::find(allowed.begin(), allowed.end(), k) != allowed.end());
}

RC_GTEST_PROP(LeaseRoutes, LeaseRoutesKeepTheSanitizerInvariants, ()) {
  Offer o;
  const NormalizedLease n = accepted_offer(o);
  const Lease lease(n, std::chrono::milliseconds(0));
  const Ipv4Prefix net = lease.ip_net().masked();
  check_kept_routes(lease.routes(), net, nullptr);
  const RoutePolicy hardened = RoutePolicy::hardened();
  check_kept_routes(lease.routes(&hardened), net, &hardened);
}

RC_GTEST_PROP(LeaseDns, DnsServersAreUniqueUsableUnicastInOfferOrder, ()) {
  Offer o;
  const NormalizedLease n = accepted_offer(o);
  const Lease lease(n, std::chrono::milliseconds(0));
  const DnsServers dns = lease.dns_servers();
  std::vector<Ipv4Addr> expected;
  for (const Ipv4Addr a : addresses(o.m.expected_value(opt::kDnsServers))) {
    if (usable_unicast(a) && std::find(expected.begin(), expected.end(), a) == expected.end()) {
      expected.push_back(a);
    }
  }
  const std::size_t stored = std::min(expected.size(), kMaxDnsServers);
  RC_ASSERT(std::vector<Ipv4Addr>(dns.servers.begin(), dns.servers.end()) ==
            std::vector<Ipv4Addr>(expected.begin(), expected.begin() + static_cast<std::ptrdiff_t>(stored)));
  RC_ASSERT(dns.overflow == expected.size() - stored);
}

}  // namespace
}  // namespace dhcpcore::props
