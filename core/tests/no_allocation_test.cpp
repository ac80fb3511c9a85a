// The sanitize path allocates nothing: this binary replaces the global
// operator new with a counting one and runs parse -> acceptable_lease ->
// routes (with a policy) -> dns_servers over every seed in corpus/dhcp_message.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <new>
#include <vector>

#include "dhcpcore/core/lease.hpp"

namespace {
std::atomic<long> g_allocations{0};
}

void* operator new(std::size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace dhcpcore {
namespace {

std::vector<std::vector<std::uint8_t>> corpus_payloads() {
  std::vector<std::vector<std::uint8_t>> out;
  for (const auto& e : std::filesystem::directory_iterator(DHCPCORE_CORPUS_DIR "/dhcp_message")) {
    std::ifstream f(e.path(), std::ios::binary);
    out.emplace_back(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
  }
  return out;
}

TEST(NoAllocation, CountingOperatorNewSeesAllocations) {
  const long before = g_allocations.load();
  auto* p = new std::vector<int>(3);
  delete p;
  EXPECT_GT(g_allocations.load(), before);
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

}  // namespace
}  // namespace dhcpcore
