// classless_routes_fuzzer: option 121 decoding, sanitize_routes and a
// RoutePolicy together; the kept routes are masked, unique, gateways usable
// and reachable, never overlapping a protected prefix, within the cap, and
// every candidate gets the verdict of the documented rules (invariants.hpp).
//
// Input (ByteSource): the assigned address (u32) and prefix length (u8 % 33);
// policy flags (u8: bit 0 use a policy, bit 1 allow short prefixes); the cap
// (u8, 0 = none); the number of protected prefixes (u8 % 4), each an address
// (u32) and a length (u8 % 33); then the option 121 data.
#include <cstddef>
#include <cstdint>
#include <span>

#include "invariants.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace dhcpcore;
  fuzz::ByteSource src({data, size});
  const Ipv4Addr assigned(src.u32());
  const Ipv4Prefix net = Ipv4Prefix{assigned, static_cast<std::uint8_t>(src.u8() % 33)}.masked();
  const std::uint8_t flags = src.u8();
  RoutePolicy policy = RoutePolicy::hardened();
  policy.allow_short_prefixes = (flags & 2) != 0;
  policy.max_routes = src.u8();
  const std::size_t protected_count = src.u8() % 4;
  for (std::size_t i = 0; i < protected_count; ++i) {
    const Ipv4Addr a(src.u32());
    FUZZ_CHECK(policy.protected_prefixes.push_back(Ipv4Prefix{a, static_cast<std::uint8_t>(src.u8() % 33)}.masked()));
  }
  const RoutePolicy* chosen = (flags & 1) != 0 ? &policy : nullptr;
  const auto v121 = src.rest();

  StaticVector<Route, kMaxRoutes> candidates;
  ClasslessRouteReader reader(v121);
  ClasslessRoute cr;
  while (!candidates.full() && reader.next(cr)) {
    FUZZ_CHECK(cr.dest.len <= 32 && cr.dest == cr.dest.masked());
    FUZZ_CHECK(candidates.push_back(Route{cr.dest, cr.router}));
  }
  // Candidates with host bits set, as a careless server sends them, must be
  // masked by the sanitizer itself: unmask every other route's destination.
  StaticVector<Route, kMaxRoutes> unmasked;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    Route r = candidates[i];
    if (i % 2 == 1) r.dest.addr = Ipv4Addr(r.dest.addr.value() | ~r.dest.mask());
    FUZZ_CHECK(unmasked.push_back(r));
  }
  for (const RoutePolicy* p : {static_cast<const RoutePolicy*>(nullptr), chosen}) {
    RouteSet out;
    sanitize_routes(candidates.span(), net, p, out);
    fuzz::check_route_set(candidates.span(), net, p, out);
    RouteSet from_unmasked;
    sanitize_routes(unmasked.span(), net, p, from_unmasked);
    fuzz::check_route_set(unmasked.span(), net, p, from_unmasked);
    FUZZ_CHECK(from_unmasked.kept == out.kept);
  }
  return 0;
}
