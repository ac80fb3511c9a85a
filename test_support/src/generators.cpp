// generators.cpp: RapidCheck generators (see generators.hpp).
//
// Composite generators use rc::gen::exec (which records every choice so
// RapidCheck can still shrink the result choice by choice) or combine
// independent parts with rc::gen::apply (which shrinks each part on its own;
// lists whose elements refer to earlier ones are generated as independent
// specs and resolved afterwards, so shrinking can drop elements). Weighted
// choices use weighted() / one_of() below, which shrink toward the first
// alternative: the most ordinary case, or "absent" for optional parts.
#include "dhcpcore/test_support/generators.hpp"
#include "dhcpcore/test_support/models.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <numeric>
#include <optional>
#include <utility>

namespace dhcpcore::gen {

namespace {

constexpr std::uint32_t kBroadcast = 0xffffffffu;

std::uint8_t u8(std::uint32_t v) { return static_cast<std::uint8_t>(v); }

// weighted: like rc::gen::weightedElement, but the choice shrinks toward the
// first element (RapidCheck's weightedElement does not shrink at all), so a
// counterexample moves toward the first, most ordinary choice.
template <class T>
rc::Gen<T> weighted(std::vector<std::pair<std::size_t, T>> pairs) {
  return [pairs = std::move(pairs)](const rc::Random& random, int) {
    std::size_t total = 0;
    for (const auto& p : pairs) total += p.first;
    std::size_t r = static_cast<std::size_t>(rc::Random(random).next() % total);
    std::size_t i = 0;
    while (r >= pairs[i].first) r -= pairs[i++].first;
    return rc::shrinkable::map(
        rc::shrinkable::shrinkRecur(i, [](std::size_t x) { return rc::shrink::towards<std::size_t>(x, 0); }),
        [pairs](std::size_t k) { return pairs[k].second; });
  };
}

// one_of: rc::gen::weightedOneOf whose choice shrinks toward the first
// generator.
template <class T>
rc::Gen<T> one_of(std::initializer_list<std::pair<std::size_t, rc::Gen<T>>> pairs) {
  return rc::gen::join(weighted<rc::Gen<T>>(std::vector<std::pair<std::size_t, rc::Gen<T>>>(pairs)));
}

// kind: a weighted choice of 0..n-1, shrinking toward the first listed.
rc::Gen<int> kind(std::initializer_list<std::pair<std::size_t, int>> weights) {
  return weighted<int>(std::vector<std::pair<std::size_t, int>>(weights));
}

// coin: true with odds yes:no; shrinks toward false (optional parts absent).
bool coin(std::size_t yes, std::size_t no) { return *weighted<bool>({{no, false}, {yes, true}}); }

// in_block: an address inside base/len (uniform host bits).
rc::Gen<Ipv4Addr> in_block(std::uint32_t base, std::uint8_t len) {
  return addr_in(Ipv4Prefix{Ipv4Addr(base), len});
}

std::uint32_t index_in(std::size_t size) {
  return *uniform(0, static_cast<std::uint32_t>(size - 1));
}

// insert_at_random: v.insert at a uniformly chosen position.
template <class T>
void insert_at_random(std::vector<T>& v, T item) {
  const auto at = *uniform(0, static_cast<std::uint32_t>(v.size()));
  v.insert(v.begin() + static_cast<std::ptrdiff_t>(at), std::move(item));
}

GenOption make_option(std::uint8_t code, std::span<const std::uint8_t> data) {
  return GenOption{code, std::vector<std::uint8_t>(data.begin(), data.end())};
}

// any_code: 1..254 without 52 (overload changes how the message parses).
rc::Gen<std::uint8_t> any_code() {
  return rc::gen::map(uniform(1, 253), [](std::uint32_t c) { return u8(c >= opt::kOverload ? c + 1 : c); });
}

// header_field: a zeroed field, NUL-padded printable text, or random bytes.
template <std::size_t N>
rc::Gen<std::array<std::uint8_t, N>> header_field() {
  return rc::gen::exec([] {
    std::array<std::uint8_t, N> f{};
    switch (*kind({{4, 0}, {2, 1}, {1, 2}})) {
      case 0: break;
      case 1: {
        const auto len = *uniform(1, N - 1);
        for (std::uint32_t i = 0; i < len; ++i) f[i] = u8(*uniform(0x21, 0x7e));
        break;
      }
      default: {
        const auto random = *bytes(N, N);
        std::copy(random.begin(), random.end(), f.begin());
      }
    }
    return f;
  });
}

// address_list: n addresses as option bytes.
std::vector<std::uint8_t> address_list(std::size_t n, const rc::Gen<Ipv4Addr>& g) {
  std::vector<std::uint8_t> out;
  for (std::size_t i = 0; i < n; ++i) append(out, addr_bytes(*g));
  return out;
}

// wrong_length: a length in 0..max that is not right.
std::size_t wrong_length(std::size_t right, std::size_t max) {
  return *rc::gen::suchThat(rc::gen::map(uniform(0, static_cast<std::uint32_t>(max)),
                                         [](std::uint32_t v) { return std::size_t{v}; }),
                            [right](std::size_t v) { return v != right; });
}

// wrong_length_bytes: random bytes of a length in 0..max other than right.
std::vector<std::uint8_t> wrong_length_bytes(std::size_t right, std::size_t max) {
  const std::size_t len = wrong_length(right, max);
  return *bytes(len, len);
}

// area_options: short options for an overloaded file/sname field of cap bytes.
std::vector<GenOption> area_options(std::size_t cap) {
  std::vector<GenOption> out;
  const auto n = *rc::gen::inRange<std::uint32_t>(0, 12);
  std::size_t used = 0;
  for (std::uint32_t i = 0; i < n; ++i) {
    GenOption o{*any_code(), *bytes(0, 20)};
    if (used + 2 + o.data.size() > cap) break;
    used += 2 + o.data.size();
    out.push_back(std::move(o));
  }
  return out;
}

// routes_option: option 121 data for 0..8 routes via routers near yiaddr.
std::vector<std::uint8_t> routes_option(Ipv4Addr yiaddr) {
  const Ipv4Prefix near{yiaddr, 24};
  const auto n = *rc::gen::inRange<std::uint32_t>(0, 9);
  std::vector<Route> rs;
  for (std::uint32_t i = 0; i < n; ++i) {
    Route r;
    r.dest = *ipv4_prefix();
    switch (*kind({{4, 0}, {2, 1}, {1, 2}})) {
      case 0: r.router = *addr_in(near); break;
      case 1: r.router = Ipv4Addr(); break;
      default: r.router = *ipv4_addr();
    }
    rs.push_back(r);
  }
  auto data = encode_classless_routes(rs);
  if (!data.empty() && coin(1, 6)) {
    if (coin(1, 1)) {
      data.resize(*uniform(0, static_cast<std::uint32_t>(data.size() - 1)));  // truncated
    } else {
      data[0] = u8(*uniform(33, 255));  // bad prefix length
    }
  }
  return data;
}

// push_maybe_split: adds code=data, split in two instances (RFC 3396) when
// split is set and data has at least two bytes.
void push_maybe_split(std::vector<GenOption>& opts, std::uint8_t code, const std::vector<std::uint8_t>& data,
                      bool split) {
  if (split && data.size() >= 2) {
    const auto at = *uniform(1, static_cast<std::uint32_t>(data.size() - 1));
    opts.push_back(make_option(code, std::span(data).first(at)));
    opts.push_back(make_option(code, std::span(data).subspan(at)));
  } else {
    opts.push_back(GenOption{code, data});
  }
}

// u32_option_value: a lease-time-like value.
rc::Gen<std::uint32_t> seconds() {
  return one_of<std::uint32_t>({{6, uniform(60, 86400)},
                                               {1, rc::gen::just<std::uint32_t>(0)},
                                               {1, rc::gen::just<std::uint32_t>(1)},
                                               {1, rc::gen::just<std::uint32_t>(0xffffffffu)},
                                               {1, uniform(0, 0xffffffffu)}});
}

}  // namespace

// ---- numbers and bytes --------------------------------------------------------

rc::Gen<std::uint32_t> uniform(std::uint32_t lo, std::uint32_t hi) {
  return rc::gen::map(rc::gen::resize(rc::kNominalSize, rc::gen::inRange<std::uint64_t>(lo, std::uint64_t{hi} + 1)),
                      [](std::uint64_t v) { return static_cast<std::uint32_t>(v); });
}

rc::Gen<std::vector<std::uint8_t>> bytes(std::size_t min, std::size_t max) {
  // A length and a seed, expanded with splitmix64: two choices per string
  // instead of one per byte (much faster), and seed 0 (where shrinking
  // goes) gives all-zero bytes.
  return rc::gen::apply(
      [](std::uint32_t n, std::uint64_t seed) {
        std::vector<std::uint8_t> out(n);
        if (seed == 0) return out;
        std::uint64_t state = seed;
        for (std::size_t i = 0; i < out.size(); i += 8) {
          state += 0x9e3779b97f4a7c15u;
          std::uint64_t z = state;
          z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
          z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
          z ^= z >> 31;
          for (std::size_t j = i; j < std::min(out.size(), i + 8); ++j) out[j] = static_cast<std::uint8_t>(z >> (8 * (j - i)));
        }
        return out;
      },
      uniform(static_cast<std::uint32_t>(min), static_cast<std::uint32_t>(max)),
      rc::gen::resize(rc::kNominalSize, rc::gen::arbitrary<std::uint64_t>()));
}

// ---- addresses ----------------------------------------------------------------

rc::Gen<Ipv4Addr> addr_in(Ipv4Prefix p) {
  const std::uint32_t mask = p.mask();
  const std::uint32_t net = p.addr.value() & mask;
  return rc::gen::map(uniform(0, 0xffffffffu), [=](std::uint32_t r) { return Ipv4Addr(net | (r & ~mask)); });
}

rc::Gen<Ipv4Addr> test_net_addr() {
  return rc::gen::apply(
      [](std::uint32_t net, std::uint32_t host) { return Ipv4Addr(net | host); },
      rc::gen::element<std::uint32_t>(0xc0000200u, 0xc6336400u, 0xcb007100u), uniform(1, 254));
}

rc::Gen<Ipv4Addr> usable_unicast_addr() {
  return one_of<Ipv4Addr>({
      {4, test_net_addr()},
      {1, in_block(0x0a000000u, 8)},   // 10/8
      {1, in_block(0xa9fe0000u, 16)},  // 169.254/16 (usable, link-local)
      {2, rc::gen::suchThat(rc::gen::map(uniform(0, 0xffffffffu), [](std::uint32_t v) { return Ipv4Addr(v); }),
                            [](Ipv4Addr a) { return model::usable_unicast(a); })},
  });
}

rc::Gen<Ipv4Addr> unusable_addr() {
  return one_of<Ipv4Addr>({
      {1, rc::gen::just(Ipv4Addr())},
      {1, in_block(0, 8)},            // 0/8
      {1, in_block(0x7f000000u, 8)},  // 127/8
      {1, in_block(0xe0000000u, 4)},  // 224/4
      {1, in_block(0xf0000000u, 4)},  // 240/4
      {1, rc::gen::just(Ipv4Addr(kBroadcast))},
  });
}

rc::Gen<Ipv4Addr> ipv4_addr() {
  return one_of<Ipv4Addr>({
      {4, test_net_addr()},
      {1, in_block(0x0a000000u, 8)},   // 10/8
      {1, rc::gen::just(Ipv4Addr())},  // 0.0.0.0
      {1, in_block(0, 8)},             // 0/8
      {1, in_block(0x7f000000u, 8)},   // 127/8
      {1, in_block(0xa9fe0000u, 16)},  // 169.254/16
      {1, in_block(0xe0000000u, 4)},   // 224/4
      {1, in_block(0xf0000000u, 4)},   // 240/4
      {1, rc::gen::just(Ipv4Addr(kBroadcast))},
      {3, rc::gen::map(uniform(0, 0xffffffffu), [](std::uint32_t v) { return Ipv4Addr(v); })},
  });
}

// ---- prefixes and routes ------------------------------------------------------

rc::Gen<std::uint8_t> prefix_len() {
  return one_of<std::uint8_t>({
      {3, rc::gen::element<std::uint8_t>(0, 1, 7, 8, 9, 16, 23, 24, 25, 30, 31, 32)},
      {2, rc::gen::map(uniform(0, 32), [](std::uint32_t v) { return u8(v); })},
  });
}

rc::Gen<Ipv4Prefix> ipv4_prefix() {
  return rc::gen::exec([] {
    Ipv4Prefix p{*ipv4_addr(), *prefix_len()};
    if (coin(1, 1)) p = p.masked();
    return p;
  });
}

rc::Gen<Ipv4Prefix> assigned_net() {
  return rc::gen::exec([] {
    const Ipv4Addr a = coin(4, 1) ? *usable_unicast_addr() : *ipv4_addr();
    const auto len = *one_of<std::uint8_t>({
        {4, rc::gen::just<std::uint8_t>(24)},
        {2, rc::gen::element<std::uint8_t>(8, 16)},
        {2, rc::gen::map(uniform(25, 32), [](std::uint32_t v) { return u8(v); })},
        {1, rc::gen::map(uniform(0, 32), [](std::uint32_t v) { return u8(v); })},
    });
    return Ipv4Prefix{a, len};
  });
}

rc::Gen<Route> route() {
  return rc::gen::exec([] {
    Route r;
    r.dest = *ipv4_prefix();
    r.router = coin(1, 3) ? Ipv4Addr() : *ipv4_addr();
    return r;
  });
}

rc::Gen<std::vector<Route>> routes() { return rc::gen::container<std::vector<Route>>(route()); }

namespace {

// flood_routes: up to 260 distinct /32 or /24 destinations, on-link or via a
// router inside net, so that more than kMaxRoutes pass the rules. Shrinks by
// dropping routes.
rc::Gen<std::vector<Route>> flood_routes(Ipv4Prefix net) {
  return rc::gen::exec([net] {
    const std::uint8_t len = *rc::gen::element<std::uint8_t>(24, 32);
    const std::uint32_t step = len == 32 ? 1u : 256u;
    const std::uint32_t base = (*ipv4_addr()).value() & prefix_mask(len);
    // 0: on-link; else the host bits of a router inside net.
    const auto routers = *rc::gen::scale(
        2.6, rc::gen::container<std::vector<std::uint32_t>>(one_of<std::uint32_t>(
                 {{2, rc::gen::just<std::uint32_t>(0)}, {1, uniform(1, 0xffffffffu)}})));
    std::vector<Route> out;
    std::uint32_t dest = base;
    for (const std::uint32_t r : routers) {
      const Ipv4Addr router = r == 0 ? Ipv4Addr() : Ipv4Addr((net.addr.value() & net.mask()) | (r & ~net.mask()));
      out.push_back(Route{Ipv4Prefix{Ipv4Addr(dest), len}, router});
      dest += step;
    }
    return out;
  });
}

}  // namespace

namespace {

// RouteSpec: the random choices for one candidate route. Specs are generated
// independently of each other and resolved against the routes before them
// afterwards (resolve_routes), so RapidCheck can shrink a route list by
// dropping routes one at a time.
struct RouteSpec {
  int dest_kind = 0;
  Ipv4Prefix prefix;       // kinds 0, 4 (length), 5 (address)
  std::uint32_t host = 0;  // host bits inside a chosen prefix
  std::uint32_t pick = 0;  // a length or an earlier route index
  int router_kind = 0;
  Ipv4Addr router;         // kinds 3, 4
  std::uint32_t router_host = 0;
  std::uint32_t router_pick = 0;
};

rc::Gen<RouteSpec> route_spec() {
  return rc::gen::exec([] {
    RouteSpec s;
    s.dest_kind = *kind({{3, 0}, {1, 1}, {1, 2}, {2, 3}, {1, 4}, {1, 5}, {2, 6}, {1, 7}});
    s.prefix = *ipv4_prefix();
    s.host = *uniform(0, 0xffffffffu);
    s.pick = *uniform(0, 0xffffffffu);
    s.router_kind = *kind({{3, 0}, {4, 1}, {3, 2}, {2, 3}, {1, 4}});
    s.router = s.router_kind == 4 ? *unusable_addr() : *ipv4_addr();
    s.router_host = *uniform(0, 0xffffffffu);
    s.router_pick = *uniform(0, 0xffffffffu);
    return s;
  });
}

// host_in: the address of p's network with the given host bits.
Ipv4Addr host_in(Ipv4Prefix p, std::uint32_t host) {
  return Ipv4Addr((p.addr.value() & p.mask()) | (host & ~p.mask()));
}

// near_len: a length within 4 of len (0..32), chosen by pick.
std::uint8_t near_len(std::uint8_t len, std::uint32_t pick) {
  const std::uint32_t lo = len >= 4 ? len - 4u : 0u;
  const std::uint32_t hi = std::min(32u, len + 4u);
  return u8(lo + pick % (hi - lo + 1));
}

std::vector<Route> resolve_routes(Ipv4Prefix net, const std::vector<RouteSpec>& specs) {
  std::vector<Route> out;
  out.reserve(specs.size());
  for (const RouteSpec& s : specs) {
    const std::size_t i = out.size();
    const Ipv4Prefix earlier = i == 0 ? s.prefix : out[(s.pick & 0xffffu) % i].dest;
    Route r;
    switch (s.dest_kind) {
      case 0: r.dest = s.prefix; break;
      case 1: r.dest = Ipv4Prefix{Ipv4Addr(), 0}; break;                            // default route
      case 2: r.dest = Ipv4Prefix{host_in(net, s.host), net.len}; break;           // the interface network
      case 3:                                                                       // inside it
        r.dest = Ipv4Prefix{host_in(net, s.host), u8(net.len + s.pick % (33u - net.len))};
        break;
      case 4: r.dest = Ipv4Prefix{host_in(Ipv4Prefix{Ipv4Addr(127, 0, 0, 0), 8}, s.host), s.prefix.len}; break;
      case 5: r.dest = Ipv4Prefix{s.prefix.addr, u8(1 + s.pick % 7)}; break;        // short prefix
      case 6: r.dest = Ipv4Prefix{host_in(earlier, s.host), earlier.len}; break;    // repeat, other host bits
      default: r.dest = Ipv4Prefix{host_in(earlier, s.host), near_len(earlier.len, s.pick >> 16)};
    }
    switch (s.router_kind) {
      case 0: r.router = Ipv4Addr(); break;
      case 1: r.router = host_in(net, s.router_host); break;
      case 2:
        r.router = i == 0 ? host_in(net, s.router_host) : host_in(out[s.router_pick % i].dest, s.router_host);
        break;
      default: r.router = s.router;
    }
    out.push_back(r);
  }
  return out;
}

}  // namespace

rc::Gen<std::vector<Route>> routes_for(Ipv4Prefix net) {
  const auto specs = one_of<std::vector<RouteSpec>>({
      {12, rc::gen::scale(0.3, rc::gen::container<std::vector<RouteSpec>>(route_spec()))},
      {3, rc::gen::scale(0.64, rc::gen::container<std::vector<RouteSpec>>(route_spec()))},
      {1, rc::gen::scale(3.0, rc::gen::container<std::vector<RouteSpec>>(route_spec()))},
  });
  return one_of<std::vector<Route>>({
      {14, rc::gen::map(specs, [net](const std::vector<RouteSpec>& s) { return resolve_routes(net, s); })},
      {3, flood_routes(net)},
  });
}

std::ostream& operator<<(std::ostream& os, const RouteScenario& s) {
  os << "{assigned_net: " << s.assigned_net.to_string() << ", routes: ";
  rc::show(s.routes, os);
  return os << "}";
}

rc::Gen<RouteScenario> route_scenario() {
  return rc::gen::exec([] {
    RouteScenario s;
    s.assigned_net = *assigned_net();
    s.routes = *routes_for(s.assigned_net);
    return s;
  });
}

rc::Gen<RoutePolicy> route_policy() {
  return rc::gen::exec([] {
    RoutePolicy p;
    const auto n = *rc::gen::inRange<std::uint32_t>(0, 5);
    for (std::uint32_t i = 0; i < n; ++i) {
      Ipv4Prefix pr;
      switch (*kind({{2, 0}, {1, 1}, {1, 2}, {2, 3}})) {
        case 0: pr = Ipv4Prefix{*test_net_addr(), 24}; break;
        case 1: pr = Ipv4Prefix{*in_block(0x0a000000u, 8), 16}; break;
        case 2: pr = Ipv4Prefix{Ipv4Addr(), 0}; break;  // full tunnel
        default: pr = *ipv4_prefix();
      }
      (void)p.protected_prefixes.push_back(pr);
    }
    p.allow_short_prefixes = coin(1, 1);
    p.max_routes = *one_of<std::size_t>({
        {2, rc::gen::just<std::size_t>(0)},
        {2, rc::gen::just<std::size_t>(32)},
        {3, rc::gen::map(uniform(1, 11), [](std::uint32_t v) { return std::size_t{v}; })},
    });
    return p;
  });
}

rc::Gen<RoutePolicy> route_policy_for(const std::vector<Route>& routes) {
  return rc::gen::exec([routes] {
    RoutePolicy p = *route_policy();
    if (routes.empty() || !coin(2, 1)) return p;
    const auto n = *uniform(1, 2);
    for (std::uint32_t i = 0; i < n; ++i) {
      const Ipv4Prefix d = routes[index_in(routes.size())].dest;
      const auto len = u8(*uniform(d.len >= 4 ? d.len - 4u : 0u, std::min(32u, d.len + 4u)));
      (void)p.protected_prefixes.push_back(Ipv4Prefix{*addr_in(d), len});
    }
    return p;
  });
}

// ---- DHCP options and messages -----------------------------------------------

rc::Gen<GenOption> short_dhcp_option() {
  return rc::gen::exec([] {
    GenOption o;
    switch (*kind({{3, 0}, {2, 1}, {1, 2}, {1, 3}, {3, 4}})) {
      case 0: {  // fixed length, right or wrong
        o.code = *rc::gen::element<std::uint8_t>(1, 28, 50, 51, 53, 54, 57, 58, 59);
        const std::size_t right = o.code == opt::kMessageType ? 1 : o.code == opt::kMaxMessageSize ? 2 : 4;
        o.data = coin(3, 1) ? *bytes(right, right) : wrong_length_bytes(right, 9);
        break;
      }
      case 1: {  // address lists and pairs
        o.code = *rc::gen::element<std::uint8_t>(3, 6, 150, 33);
        const auto n = *uniform(o.code == opt::kStaticRoutes ? 2 : 1, 12);
        o.data = address_list(n, ipv4_addr());
        if (coin(1, 5)) o.data.resize(wrong_length(o.data.size(), o.data.size() + 3));
        break;
      }
      case 2: {  // classless routes
        o.code = opt::kClasslessRoutes;
        o.data = routes_option(*test_net_addr());
        break;
      }
      case 3: {  // text
        o.code = *rc::gen::element<std::uint8_t>(12, 15, 66, 67);
        const auto n = *uniform(0, 40);
        for (std::uint32_t i = 0; i < n; ++i) o.data.push_back(u8(*uniform(0x20, 0x7e)));
        break;
      }
      default:
        o.code = *any_code();
        o.data = *bytes(0, 48);
    }
    return o;
  });
}

rc::Gen<GenOption> long_dhcp_option() {
  return rc::gen::exec([] {
    GenOption o;
    o.code = *rc::gen::element<std::uint8_t>(3, 6, 33, 43, 60, 77, 119, 121, 124, 125, 224, 250);
    o.data = *bytes(256, 1200);
    return o;
  });
}

rc::Gen<GenOption> dhcp_option() {
  return one_of<GenOption>({{19, short_dhcp_option()}, {1, long_dhcp_option()}});
}

rc::Gen<std::vector<std::uint8_t>> classless_routes_data(Ipv4Addr near) {
  return rc::gen::exec([near] { return routes_option(near); });
}

rc::Gen<DhcpHeader> dhcp_header() {
  return rc::gen::exec([] {
    DhcpHeader h;
    h.op = *weighted<std::uint8_t>({{4, 1}, {4, 2}, {1, 0}, {1, 3}, {1, 255}});
    h.htype = coin(4, 1) ? u8(1) : u8(*uniform(0, 255));
    h.hlen = coin(4, 1) ? u8(6) : u8(*uniform(0, 255));
    h.hops = u8(*uniform(0, 255));
    h.xid = *uniform(0, 0xffffffffu);
    h.secs = static_cast<std::uint16_t>(*uniform(0, 0xffff));
    h.flags = static_cast<std::uint16_t>(*uniform(0, 0xffff));
    h.ciaddr = *ipv4_addr();
    h.yiaddr = *ipv4_addr();
    h.siaddr = *ipv4_addr();
    h.giaddr = *ipv4_addr();
    const auto chaddr = *bytes(h.chaddr.size(), h.chaddr.size());
    std::copy(chaddr.begin(), chaddr.end(), h.chaddr.begin());
    h.sname = *header_field<64>();
    h.file = *header_field<128>();
    return h;
  });
}

rc::Gen<GenMessage> dhcp_message() {
  return rc::gen::exec([] {
    GenMessage m;
    m.header = *dhcp_header();
    m.options = *rc::gen::resize(30, rc::gen::container<std::vector<GenOption>>(short_dhcp_option()));
    const auto longs = *kind({{4, 0}, {2, 1}, {1, 2}, {1, 3}});
    for (int i = 0; i < longs; ++i) insert_at_random(m.options, *long_dhcp_option());
    const auto overload = static_cast<std::uint8_t>(*kind({{6, 0}, {1, 1}, {1, 2}, {1, 3}}));
    if (overload != 0) {
      if ((overload & 1) != 0) {
        m.file_options = area_options(m.header.file.size());
        (void)encode_option_field(m.header.file, m.file_options);
      }
      if ((overload & 2) != 0) {
        m.sname_options = area_options(m.header.sname.size());
        (void)encode_option_field(m.header.sname, m.sname_options);
      }
      insert_at_random(m.options, GenOption{opt::kOverload, {overload}});
    }
    m.min_size = *one_of<std::size_t>({
        {4, rc::gen::just<std::size_t>(0)},
        {1, rc::gen::just<std::size_t>(300)},
        {1, rc::gen::map(uniform(0, 1500), [](std::uint32_t v) { return std::size_t{v}; })},
    });
    enforce_option_limit(m);
    return m;
  });
}

namespace {

using Opts = std::vector<GenOption>;

// optional_part: absent (no options) or g; shrinks toward absent.
rc::Gen<Opts> optional_part(std::size_t present, std::size_t absent, rc::Gen<Opts> g) {
  return one_of<Opts>({{absent, rc::gen::just(Opts{})}, {present, std::move(g)}});
}

rc::Gen<Opts> one(std::uint8_t code, rc::Gen<std::vector<std::uint8_t>> data) {
  return rc::gen::map(std::move(data), [code](std::vector<std::uint8_t> d) { return Opts{GenOption{code, std::move(d)}}; });
}

rc::Gen<std::vector<std::uint8_t>> addr_data(rc::Gen<Ipv4Addr> g) {
  return rc::gen::map(std::move(g), [](Ipv4Addr a) { return addr_bytes(a); });
}

rc::Gen<std::vector<std::uint8_t>> wrong_length_data(std::size_t right, std::size_t max) {
  return rc::gen::exec([=] { return wrong_length_bytes(right, max); });
}

rc::Gen<DhcpHeader> any_reply_header() {
  return rc::gen::exec([] {
    DhcpHeader h;
    h.op = static_cast<std::uint8_t>(DhcpOp::BootReply);
    h.xid = *uniform(0, 0xffffffffu);
    h.flags = coin(1, 3) ? std::uint16_t{0x8000} : std::uint16_t{0};
    h.yiaddr = *one_of<Ipv4Addr>({{8, usable_unicast_addr()}, {1, unusable_addr()}, {1, ipv4_addr()}});
    h.siaddr = coin(2, 3) ? *ipv4_addr() : Ipv4Addr();
    const auto mac = *bytes(6, 6);
    std::copy(mac.begin(), mac.end(), h.chaddr.begin());
    h.sname = *header_field<64>();
    h.file = *header_field<128>();
    return h;
  });
}

// 54: usually one usable 4-byte server id.
rc::Gen<Opts> server_id_part() {
  const auto usable = addr_data(usable_unicast_addr());
  return one_of<Opts>({
      {10, one(opt::kServerId, usable)},
      {1, rc::gen::just(Opts{})},
      {1, one(opt::kServerId, addr_data(ipv4_addr()))},
      {1, one(opt::kServerId, wrong_length_data(4, 8))},
      {1, rc::gen::apply([](Opts a, Opts b) { a.insert(a.end(), b.begin(), b.end()); return a; },
                         one(opt::kServerId, bytes(0, 3)), one(opt::kServerId, usable))},
      {1, rc::gen::apply([](Opts a, Opts b) { a.insert(a.end(), b.begin(), b.end()); return a; },
                         one(opt::kServerId, addr_data(ipv4_addr())), one(opt::kServerId, usable))},
  });
}

// 51, 58, 59: the lease time and renewal / rebinding times around it.
rc::Gen<Opts> times_part() {
  return rc::gen::exec([] {
    Opts o;
    std::uint32_t lease = 3600;
    switch (*kind({{10, 0}, {1, 1}, {1, 2}, {1, 3}})) {
      case 0:
        lease = *seconds();
        o.push_back(make_option(opt::kLeaseTime, be32(lease)));
        break;
      case 1: break;  // missing
      case 2: o.push_back(GenOption{opt::kLeaseTime, wrong_length_bytes(4, 8)}); break;
      default:  // two 4-byte instances: the first counts
        lease = *seconds();
        o.push_back(make_option(opt::kLeaseTime, be32(lease)));
        o.push_back(make_option(opt::kLeaseTime, be32(*seconds())));
    }
    for (const std::uint8_t code : {opt::kRenewalTime, opt::kRebindingTime}) {
      if (!coin(1, 1)) continue;
      if (coin(1, 7)) {
        o.push_back(GenOption{code, wrong_length_bytes(4, 8)});
        continue;
      }
      const std::uint32_t v = *one_of<std::uint32_t>({
          {4, uniform(0, lease)},
          {2, uniform(lease, lease > 0xffffffffu - 1000 ? 0xffffffffu : lease + 1000)},
          {1, rc::gen::just<std::uint32_t>(0)},
          {1, rc::gen::just<std::uint32_t>(0xffffffffu)},
          {1, uniform(0, 0xffffffffu)},
      });
      o.push_back(make_option(code, be32(v)));
    }
    return o;
  });
}

rc::Gen<Opts> subnet_mask_part() {
  return optional_part(3, 1, one_of<Opts>({
      {6, one(opt::kSubnetMask, rc::gen::map(prefix_len(), [](std::uint8_t len) { return be32(prefix_mask(len)); }))},
      {1, one(opt::kSubnetMask, bytes(4, 4))},  // usually not contiguous
      {1, one(opt::kSubnetMask, wrong_length_data(4, 8))},
  }));
}

rc::Gen<Ipv4Addr> router_near(Ipv4Prefix near) {
  return one_of<Ipv4Addr>({{4, addr_in(near)}, {1, unusable_addr()}, {1, ipv4_addr()}});
}

// with_wrong_length: data, or (one time in 8) data cut or extended to a
// different length.
std::vector<std::uint8_t> with_wrong_length(std::vector<std::uint8_t> data) {
  if (coin(1, 7)) data.resize(wrong_length(data.size(), data.size() + 3));
  return data;
}

rc::Gen<Opts> routers_part(Ipv4Prefix near) {
  return optional_part(2, 1, rc::gen::exec([near] {
    return Opts{GenOption{opt::kRouter, with_wrong_length(address_list(*uniform(1, 4), router_near(near)))}};
  }));
}

// 6: from a pool (usually small, so that duplicates occur; sometimes more
// than kMaxDnsServers); sometimes split in two.
rc::Gen<Opts> dns_part() {
  return optional_part(2, 1, rc::gen::exec([] {
    std::vector<Ipv4Addr> pool;
    const auto pool_size = *one_of<std::uint32_t>({{4, uniform(1, 6)}, {1, uniform(17, 30)}});
    for (std::uint32_t i = 0; i < pool_size; ++i) {
      pool.push_back(*one_of<Ipv4Addr>({{3, usable_unicast_addr()}, {1, unusable_addr()}}));
    }
    Opts o;
    push_maybe_split(o, opt::kDnsServers, with_wrong_length(address_list(*uniform(1, 40), rc::gen::elementOf(pool))),
                     coin(1, 3));
    return o;
  }));
}

rc::Gen<Opts> static_routes_part(Ipv4Prefix near) {
  return optional_part(1, 2, rc::gen::exec([near] {
    std::vector<std::uint8_t> data;
    const auto n = *uniform(1, 4);
    for (std::uint32_t i = 0; i < n; ++i) {
      append(data, addr_bytes(coin(1, 5) ? Ipv4Addr() : *ipv4_addr()));
      append(data, addr_bytes(*router_near(near)));
    }
    return Opts{GenOption{opt::kStaticRoutes, std::move(data)}};
  }));
}

// 121: sometimes empty, malformed, or split in two instances.
rc::Gen<Opts> classless_part(Ipv4Addr yiaddr) {
  return optional_part(1, 1, rc::gen::exec([yiaddr] {
    Opts o;
    auto data = coin(1, 8) ? std::vector<std::uint8_t>{} : routes_option(yiaddr);
    push_maybe_split(o, opt::kClasslessRoutes, data, coin(1, 3));
    return o;
  }));
}

// Options a server must not send (RFC 2131 4.3.1 table 3), each sometimes.
rc::Gen<Opts> client_only_part() {
  return rc::gen::apply(
      [](Opts a, Opts b, Opts c, Opts d) {
        for (Opts* x : {&b, &c, &d}) a.insert(a.end(), x->begin(), x->end());
        return a;
      },
      optional_part(1, 3, one(opt::kRequestedIp, addr_data(ipv4_addr()))),
      optional_part(1, 3, one(opt::kParameterRequestList, bytes(1, 12))),
      optional_part(1, 3, one(opt::kMaxMessageSize, bytes(2, 2))),
      optional_part(1, 3, one(opt::kClientId, bytes(2, 16))));
}

// A few options of any code but 52 (possibly another 54 or 51 of any length).
rc::Gen<Opts> others_part() {
  return rc::gen::scale(0.04, rc::gen::container<Opts>(rc::gen::exec([] { return GenOption{*any_code(), *bytes(0, 32)}; })));
}

GenMessage assemble(const DhcpHeader& h, const std::vector<Opts>& parts, const std::vector<std::uint32_t>& keys) {
  GenMessage m;
  m.header = h;
  for (const Opts& p : parts) m.options.insert(m.options.end(), p.begin(), p.end());
  if (!keys.empty()) {  // shuffled; else in server order
    std::vector<std::size_t> idx(m.options.size());
    std::iota(idx.begin(), idx.end(), std::size_t{0});
    std::stable_sort(idx.begin(), idx.end(),
                     [&](std::size_t a, std::size_t b) { return keys[a % keys.size()] < keys[b % keys.size()]; });
    Opts shuffled;
    for (std::size_t i : idx) shuffled.push_back(m.options[i]);
    m.options = std::move(shuffled);
  }
  return m;
}

}  // namespace

rc::Gen<GenMessage> lease_message() {
  return rc::gen::mapcat(any_reply_header(), [](const DhcpHeader& h) {
    const Ipv4Prefix near{h.yiaddr, 24};
    auto parts = rc::gen::apply(
        [](Opts t53, Opts sid, Opts times, Opts mask, Opts routers, Opts dns, Opts st33, Opts cls, Opts client,
           Opts others) {
          return std::vector<Opts>{std::move(t53), std::move(sid),   std::move(times), std::move(mask),
                                   std::move(routers), std::move(dns), std::move(st33), std::move(cls),
                                   std::move(client), std::move(others)};
        },
        optional_part(9, 1, one(opt::kMessageType, rc::gen::map(rc::gen::element<std::uint8_t>(5, 2), [](std::uint8_t t) {
                                  return std::vector<std::uint8_t>{t};
                                }))),
        server_id_part(), times_part(), subnet_mask_part(), routers_part(near), dns_part(), static_routes_part(near),
        classless_part(h.yiaddr), client_only_part(), others_part());
    auto keys = one_of<std::vector<std::uint32_t>>({
        {1, rc::gen::just(std::vector<std::uint32_t>{})},
        {1, rc::gen::container<std::vector<std::uint32_t>>(64, uniform(0, 0xffffffffu))},
    });
    return rc::gen::apply([h](const std::vector<Opts>& p, const std::vector<std::uint32_t>& k) { return assemble(h, p, k); },
                          parts, keys);
  });
}

}  // namespace dhcpcore::gen

namespace dhcpcore::gen {

namespace {

// RcChoices: a scene's choices from RapidCheck, one recorded pick each.
class RcChoices final : public Choices {
 public:
  std::uint32_t below(std::uint32_t n) override { return n <= 1 ? 0 : *uniform(0, n - 1); }
  std::uint32_t u32() override { return *uniform(0, 0xffffffffu); }
};


}  // namespace

rc::Gen<Lease> host_plan_lease() {
  return rc::gen::exec([] {
    NormalizedLease n;
    n.yiaddr = *one_of<Ipv4Addr>({{6, in_block(0xc0000200u, 24)},
                                  {1, in_block(0xc6336400u, 24)},
                                  {1, in_block(0x0a000000u, 8)},
                                  {1, rc::gen::just(Ipv4Addr(172, 16, 0, 5))},
                                  {1, usable_unicast_addr()}});
    n.server_id = Ipv4Addr(192, 0, 2, 1);
    n.lease_s = *uniform(60, 86400);
    RC_ASSERT(n.options.set(opt::kLeaseTime, be32(n.lease_s)));
    // Option 1 (kind 0: absent, the classful mask applies).
    const int mask_kind = *kind({{1, 0}, {6, 1}, {1, 2}, {1, 3}, {1, 4}, {1, 5}, {1, 6}, {1, 7}, {1, 8}, {2, 9}, {1, 10}});
    static constexpr std::array<std::uint8_t, 9> kLens{0, 24, 16, 30, 31, 32, 8, 1, 0};
    std::optional<std::uint8_t> len;
    if (mask_kind >= 1 && mask_kind <= 8) len = kLens[static_cast<std::size_t>(mask_kind)];
    if (mask_kind == 9) len = u8(*uniform(0, 32));
    if (len) {
      RC_ASSERT(n.options.set(opt::kSubnetMask, be32(prefix_mask(*len))));
    } else if (mask_kind == 10) {
      RC_ASSERT(n.options.set(opt::kSubnetMask, be32(0xff00ff00u)));  // not contiguous: classful
    }
    const Ipv4Prefix net{n.yiaddr, len.value_or(n.yiaddr.default_prefix_len())};
    switch (*kind({{6, 0}, {2, 1}, {2, 2}, {1, 3}, {1, 4}})) {
      case 1: RC_ASSERT(n.options.set(opt::kBroadcastAddress, be32(net.network().value() | ~net.mask()))); break;
      case 2: RC_ASSERT(n.options.set(opt::kBroadcastAddress, addr_bytes(Ipv4Addr(1, 1, 1, 1)))); break;
      case 3: RC_ASSERT(n.options.set(opt::kBroadcastAddress, addr_bytes(*ipv4_addr()))); break;
      case 4: RC_ASSERT(n.options.set(opt::kBroadcastAddress, std::vector<std::uint8_t>{192, 0, 2})); break;
      default: break;
    }
    switch (*kind({{3, 0}, {3, 1}, {1, 2}, {1, 3}})) {
      case 0: {
        const auto routes = *routes_for(net.masked());
        const auto data = encode_classless_routes(routes);
        if (!data.empty() && data.size() <= 65535) RC_ASSERT(n.options.set(opt::kClasslessRoutes, data));
        break;
      }
      case 1: RC_ASSERT(n.options.set(opt::kRouter, addr_bytes(*router_near(net)))); break;
      case 2: {
        RC_ASSERT(n.options.set(opt::kRouter, addr_bytes(*router_near(net))));
        std::vector<std::uint8_t> pairs = addr_bytes(*ipv4_addr());
        const auto gw = addr_bytes(*router_near(net));
        pairs.insert(pairs.end(), gw.begin(), gw.end());
        RC_ASSERT(n.options.set(opt::kStaticRoutes, pairs));
        break;
      }
      default: break;
    }
    const auto expires = std::chrono::milliseconds(std::int64_t{*uniform(0, 0x7fffffffu)} * 16);
    return Lease(n, expires);
  });
}

rc::Gen<HostScene> host_scene(const Lease& lease) {
  return rc::gen::exec([lease] {
    RcChoices c;
    return build_scene(c, &lease);
  });
}

}  // namespace dhcpcore::gen
