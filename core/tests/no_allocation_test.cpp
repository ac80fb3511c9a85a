// The parse, sanitize and build paths allocate nothing: this binary replaces
// the global operator new (plain and aligned; new[] and the nothrow forms
// call these in libstdc++) with a counting one and runs, with the counter
// watching:
//   - parse -> acceptable_lease -> routes (with a policy) -> dns_servers over
//     every seed in corpus/dhcp_message;
//   - decode_ethernet_frame -> the same over every frame in corpus/frame;
//   - both decoders over every file anywhere under corpus/ (whatever a fuzz
//     target's corpus holds);
//   - sanitize_routes with a policy (reference and hardened, with protected
//     prefixes) over the corpus leases' candidate routes;
//   - emit of a DISCOVER and a REQUEST, build_client_ethernet_frame,
//     build_client_ip_packet and build_udp_frame, and the re-emit of every
//     parsed corpus message.
// The counter is shown to count first (a deliberate std::vector), through
// the same helper the other tests use.
#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "dhcpcore/core/client.hpp"
#include "dhcpcore/core/host_plan.hpp"
#include "dhcpcore/core/lease.hpp"
#include "dhcpcore/core/routes.hpp"
#include "dhcpcore/parsers/frame.hpp"
#include "dhcpcore/test_support/builders.hpp"

namespace {
std::atomic<long> g_allocations{0};
// Where the deliberate allocation's address goes, so the compiler cannot
// drop the allocation as unused.
std::atomic<const void*> g_sink{nullptr};
}

void* operator new(std::size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
void* operator new(std::size_t n, std::align_val_t a) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  const std::size_t align = static_cast<std::size_t>(a);
  const std::size_t size = (n == 0 ? align : (n + align - 1) / align * align);
  if (void* p = std::aligned_alloc(align, size)) return p;
  throw std::bad_alloc();
}
// g++ 12 at -O3 inlines these into callers that got the pointer from
// operator new and reports free() as a mismatched deallocation; it does not
// see that operator new above is malloc (a false positive of
// -Wmismatched-new-delete with replaced global operators).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

namespace dhcpcore {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes read_file(const std::filesystem::path& path) {
  std::ifstream f(path, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

// read_dir: every file directly in corpus/<name>.
std::vector<Bytes> read_dir(const std::string& name) {
  std::vector<Bytes> out;
  for (const auto& e : std::filesystem::directory_iterator(std::string(DHCPCORE_CORPUS_DIR) + "/" + name)) {
    if (e.is_regular_file()) out.push_back(read_file(e.path()));
  }
  return out;
}

std::vector<Bytes> corpus_payloads() { return read_dir("dhcp_message"); }

// count_allocations: how many times operator new ran during f().
template <class F>
long count_allocations(F&& f) {
  const long before = g_allocations.load();
  f();
  return g_allocations.load() - before;
}

TEST(NoAllocation, CountingOperatorNewSeesAllocations) {
  const long before = g_allocations.load();
  auto* p = new std::vector<int>(3);
  delete p;
  EXPECT_GT(g_allocations.load(), before);
}

// The helper every test below uses does see an allocation: a test that
// allocated on a checked path would fail.
TEST(NoAllocation, CountAllocationsSeesADeliberateVector) {
  const long n = count_allocations([] {
    std::vector<int> v(3);
    g_sink.store(v.data());
  });
  EXPECT_GE(n, 1);
  EXPECT_EQ(count_allocations([] {}), 0);
}

TEST(NoAllocation, ParseAcceptRoutesAndDnsAllocateNothingOverTheCorpus) {
  const auto payloads = corpus_payloads();
  ASSERT_GE(payloads.size(), 20u);
  RoutePolicy policy = RoutePolicy::hardened();
  ASSERT_TRUE(policy.protected_prefixes.push_back(Ipv4Prefix{Ipv4Addr(10, 8, 0, 0), 16}));
  std::size_t parsed = 0, accepted = 0, routes = 0;
  const long before = g_allocations.load();
  for (const auto& p : payloads) {
    auto msg = DhcpMessage::parse(p);
    if (!msg) continue;
    ++parsed;
    auto n = acceptable_lease(msg.value());
    if (!n) continue;
    ++accepted;
    const Lease lease(n.value(), std::chrono::milliseconds(1000));
    routes += lease.routes(&policy).kept.size() + lease.routes().kept.size();
    routes += lease.dns_servers().servers.size();
  }
  EXPECT_EQ(g_allocations.load(), before);
  // The loop did real work: most seeds parse and many are acceptable leases.
  EXPECT_GE(parsed, 15u);
  EXPECT_GE(accepted, 10u);
  EXPECT_GT(routes, 0u);
}

TEST(NoAllocation, HostPlansAllocateNothingOverTheCorpus) {
  // Every acceptable corpus lease planned onto a state that holds its own
  // earlier address and routes, a foreign address and a foreign route, then
  // the removal plan.
  const auto payloads = corpus_payloads();
  RoutePolicy policy = RoutePolicy::hardened();
  ASSERT_TRUE(policy.protected_prefixes.push_back(Ipv4Prefix{Ipv4Addr(10, 8, 0, 0), 16}));
  HostAddress mine;
  mine.ifindex = 2;
  mine.local = Ipv4Prefix{Ipv4Addr(192, 0, 2, 77), 24};
  mine.peer = mine.local.addr;
  mine.flags = host::kAddrNoPrefixRoute;
  mine.proto = host::kAddrProtoDhcp;
  HostAddress other = mine;
  other.ifindex = 3;
  other.local = Ipv4Prefix{Ipv4Addr(203, 0, 113, 7), 24};
  other.peer = other.local.addr;
  other.proto = 0;
  HostRoute owned;
  owned.dst = Ipv4Prefix{Ipv4Addr(), 0};
  owned.oif = 2;
  owned.gateway = Ipv4Addr(192, 0, 2, 1);
  owned.protocol = host::kProtoDhcp;
  HostRoute foreign;
  foreign.dst = Ipv4Prefix{Ipv4Addr(203, 0, 113, 0), 24};
  foreign.oif = 3;
  foreign.protocol = host::kProtoKernel;
  foreign.scope = host::kScopeLink;
  const HostAddress addrs[] = {mine, other};
  const HostRoute routes[] = {owned, foreign};
  static HostPlan plan;  // large: not on the test's stack
  std::size_t planned = 0, ops = 0;
  const long before = g_allocations.load();
  for (const auto& p : payloads) {
    auto msg = DhcpMessage::parse(p);
    if (!msg) continue;
    auto n = acceptable_lease(msg.value());
    if (!n) continue;
    const Lease lease(n.value(), std::chrono::milliseconds(600'000));
    HostPlanInput in;
    in.ifindex = 2;
    in.lease = &lease;
    in.policy = &policy;
    in.addresses = addrs;
    in.routes = routes;
    plan_host(in, plan);
    ops += plan.ops.size();
    in.lease = nullptr;
    plan_host(in, plan);
    ops += plan.ops.size();
    ++planned;
  }
  EXPECT_EQ(g_allocations.load(), before);
  EXPECT_GE(planned, 10u);
  EXPECT_GT(ops, planned);
}

// lease_summary: acceptable_lease -> Lease -> routes (policy) -> DNS of a
// parsed message; returns routes kept + DNS servers, or -1 when rejected.
long lease_summary(const DhcpMessage& msg, const RoutePolicy& policy) {
  auto n = acceptable_lease(msg);
  if (!n) return -1;
  const Lease lease(n.value(), std::chrono::milliseconds(1000));
  return static_cast<long>(lease.routes(&policy).kept.size() + lease.dns_servers().servers.size());
}

TEST(NoAllocation, FrameDecodeThroughLeaseAllocatesNothingOverTheFrameCorpus) {
  const auto frames = read_dir("frame");
  ASSERT_GE(frames.size(), 4u);
  const RoutePolicy policy = RoutePolicy::hardened();
  std::size_t decoded = 0, accepted = 0;
  long routes_and_dns = 0;
  const long n = count_allocations([&] {
    for (const auto& f : frames) {
      // Any destination port: the corpus holds the client's own broadcast too.
      // Offloaded checksums accepted: the corpus holds a dnsmasq ACK captured
      // on the veth before its UDP checksum was finished.
      auto d = decode_ethernet_frame(f, DecodeOptions{ChecksumMode::AcceptOffloaded, 0});
      if (!d) continue;
      ++decoded;
      // The same packet from the IPv4 header on (an AF_PACKET SOCK_DGRAM read).
      if (d->eth) {
        (void)decode_ip_packet(std::span<const std::uint8_t>(f).subspan(d->eth->header_size()),
                               DecodeOptions{ChecksumMode::AcceptOffloaded, 0});
      }
      auto msg = DhcpMessage::parse(d->dhcp);
      if (!msg) continue;
      if (const long r = lease_summary(msg.value(), policy); r >= 0) {
        ++accepted;
        routes_and_dns += r;
      }
    }
  });
  EXPECT_EQ(n, 0);
  // Every frame decodes; the four server ACKs are acceptable leases.
  EXPECT_EQ(decoded, frames.size());
  EXPECT_GE(accepted, 4u);
  EXPECT_GT(routes_and_dns, 0);
}

TEST(NoAllocation, EveryCorpusFileThroughBothDecodersAllocatesNothing) {
  std::vector<Bytes> inputs;
  for (const auto& e : std::filesystem::recursive_directory_iterator(DHCPCORE_CORPUS_DIR)) {
    if (e.is_regular_file()) inputs.push_back(read_file(e.path()));
  }
  ASSERT_GE(inputs.size(), 30u);
  const RoutePolicy policy = RoutePolicy::hardened();
  std::size_t parsed = 0;
  const long n = count_allocations([&] {
    for (const auto& in : inputs) {
      if (auto msg = DhcpMessage::parse(in)) {
        ++parsed;
        (void)lease_summary(msg.value(), policy);
      }
      if (auto d = decode_ethernet_frame(in, DecodeOptions{ChecksumMode::Verify, 0})) {
        if (auto msg = DhcpMessage::parse(d->dhcp)) (void)lease_summary(msg.value(), policy);
      }
    }
  });
  EXPECT_EQ(n, 0);
  EXPECT_GE(parsed, 15u);
}

TEST(NoAllocation, SanitizeRoutesWithPoliciesAllocatesNothing) {
  // Candidate routes from every acceptable corpus lease, plus TunnelVision's
  // split default routes and a route into a protected prefix.
  std::vector<std::pair<Lease, StaticVector<Route, kMaxRoutes>>> leases;
  const auto payloads = corpus_payloads();
  for (const auto& p : payloads) {
    auto msg = DhcpMessage::parse(p);
    if (!msg) continue;
    auto n = acceptable_lease(msg.value());
    if (!n) continue;
    Lease lease(n.value(), std::chrono::milliseconds(1000));
    StaticVector<Route, kMaxRoutes> candidates;
    (void)lease.candidate_routes(candidates);
    (void)candidates.push_back(Route{Ipv4Prefix{Ipv4Addr(0, 0, 0, 0), 1}, Ipv4Addr(192, 0, 2, 1)});
    (void)candidates.push_back(Route{Ipv4Prefix{Ipv4Addr(128, 0, 0, 0), 1}, Ipv4Addr(192, 0, 2, 1)});
    (void)candidates.push_back(Route{Ipv4Prefix{Ipv4Addr(10, 8, 1, 0), 24}, Ipv4Addr(192, 0, 2, 1)});
    leases.emplace_back(lease, candidates);
  }
  ASSERT_GE(leases.size(), 10u);
  RoutePolicy hardened = RoutePolicy::hardened();
  ASSERT_TRUE(hardened.protected_prefixes.push_back(Ipv4Prefix{Ipv4Addr(10, 8, 0, 0), 16}));
  const RoutePolicy reference = RoutePolicy::reference();
  std::size_t kept = 0, dropped = 0;
  const long n = count_allocations([&] {
    for (const auto& [lease, candidates] : leases) {
      for (const RoutePolicy* policy : {static_cast<const RoutePolicy*>(&hardened), &reference,
                                         static_cast<const RoutePolicy*>(nullptr)}) {
        RouteSet out;
        sanitize_routes(candidates.span(), lease.ip_net().masked(), policy, out);
        kept += out.kept.size();
        dropped += out.dropped.size();
      }
    }
  });
  EXPECT_EQ(n, 0);
  EXPECT_GT(kept, 0u);
  // The hardened policy drops at least the two /1 routes of every lease.
  EXPECT_GE(dropped, 2 * leases.size());
}

TEST(NoAllocation, BuildingClientMessagesAndFramesAllocatesNothing) {
  constexpr MacAddr kMac = gen::kClientMac;
  static const std::uint8_t kDiscover[] = {1};
  static const std::uint8_t kRequest[] = {3};
  static const std::uint8_t kClientId[] = {1, 0x00, 0x00, 0x5e, 0x00, 0x53, 0x01};
  static const std::uint8_t kPrl[] = {1, 3, 6, 15, 51, 54, 58, 59, 119, 121};
  static const std::uint8_t kRequestedIp[] = {192, 0, 2, 50};
  static const std::uint8_t kServerId[] = {192, 0, 2, 1};
  static const std::array<std::uint8_t, 600> kLong{};  // split into three instances
  const std::array<OptionRef, 4> discover_opts{
      {{opt::kMessageType, kDiscover}, {opt::kClientId, kClientId}, {opt::kParameterRequestList, kPrl},
       {opt::kVendorSpecific, kLong}}};
  const std::array<OptionRef, 5> request_opts{
      {{opt::kMessageType, kRequest}, {opt::kClientId, kClientId}, {opt::kRequestedIp, kRequestedIp},
       {opt::kServerId, kServerId}, {opt::kParameterRequestList, kPrl}}};
  DhcpHeader h;
  h.xid = gen::kXid;
  std::copy(kMac.begin(), kMac.end(), h.chaddr.begin());
  const DhcpMessageRepr discover{h, discover_opts, 300};
  const DhcpMessageRepr request{h, request_opts, 300};

  // Re-emit inputs: every parsed corpus message's options as refs into it.
  const auto payloads = corpus_payloads();
  std::vector<DhcpMessage> messages;
  for (const auto& p : payloads) {
    if (auto m = DhcpMessage::parse(p)) messages.push_back(m.value());
  }
  ASSERT_GE(messages.size(), 15u);
  static std::array<std::uint8_t, kMaxDhcpMessageSize> dhcp{};
  static std::array<std::uint8_t, kMaxDhcpMessageSize + 64> frame{};
  static std::array<OptionRef, 1024> refs{};

  std::size_t built = 0, reemitted = 0;
  const long n = count_allocations([&] {
    for (const DhcpMessageRepr* r : {&discover, &request}) {
      auto len = r->emit(dhcp);
      if (!len) continue;
      const auto payload = std::span<const std::uint8_t>(dhcp).first(len.value());
      if (build_client_ethernet_frame(kMac, payload, frame)) ++built;
      if (build_client_ip_packet(payload, frame)) ++built;
      if (build_udp_frame(client_broadcast_spec(kMac), payload, frame)) ++built;
    }
    for (const DhcpMessage& m : messages) {
      std::size_t count = 0;
      m.for_each_option([&](std::uint8_t code, const OptionFragment& f) {
        if (count < refs.size() && code != opt::kOverload) refs[count++] = OptionRef{code, f.data};
      });
      const DhcpMessageRepr r{m.header(), std::span<const OptionRef>(refs).first(count), 0};
      if (r.emit(dhcp)) ++reemitted;
    }
  });
  EXPECT_EQ(n, 0);
  EXPECT_EQ(built, 6u);
  EXPECT_EQ(reemitted, messages.size());
}


// The client state machine: start, every corpus payload delivered with the
// current XID and our chaddr written in (so OFFERs and ACKs among them move
// the machine), the timer through renew, rebind and expiry, and stop with a
// release: no call allocates.
TEST(NoAllocation, ClientStepsAllocateNothing) {
  ClientConfig cfg;
  cfg.mac = {0x00, 0x00, 0x5e, 0x00, 0x53, 0x01};
  (void)cfg.requested_options.push_back(opt::kRouter);
  auto client = std::make_unique<Client>(cfg);
  XorshiftRng rng(7);
  std::vector<Bytes> payloads = corpus_payloads();
  for (Bytes& p : payloads) {
    if (p.size() >= kDhcpChaddrOffset + 6) std::copy(cfg.mac.begin(), cfg.mac.end(), p.begin() + kDhcpChaddrOffset);
  }
  Millis now{1000};
  std::size_t bound = 0;
  const long n = count_allocations([&] {
    (void)client->start(now, rng);
    for (int round = 0; round < 3; ++round) {
      for (Bytes& p : payloads) {
        if (p.size() >= kDhcpXidOffset + 4) {
          const std::uint32_t xid = client->xid();
          for (std::size_t i = 0; i < 4; ++i) p[kDhcpXidOffset + i] = static_cast<std::uint8_t>(xid >> (24 - 8 * i));
        }
        (void)client->on_receive(now, p, rng);
        if (client->state() == ClientState::Bound) ++bound;
      }
      for (int i = 0; i < 50 && client->next_deadline(); ++i) {
        now = *client->next_deadline();
        (void)client->on_timer(now, rng);
      }
    }
    (void)client->stop(now, true, rng);
  });
  EXPECT_EQ(n, 0);
  EXPECT_GT(bound, 0u);  // the corpus's ACKs did bind it: the checked path includes BOUND
}

}  // namespace
}  // namespace dhcpcore
