// dhcpcore_bench: Google Benchmark over the generated payloads
// (bench/payloads): each layer, the DHCP parse and typed reads, the whole
// receive pipeline, and building the client's frames. Every benchmark
// reports packets/s (items_per_second) and bytes/s; ci/bench.sh turns them
// into a table. Timings are only reported, never asserted.
#include <benchmark/benchmark.h>

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "dhcpcore/bench/payloads.hpp"
#include "dhcpcore/core/lease.hpp"
#include "dhcpcore/core/routes.hpp"
#include "dhcpcore/parsers/dhcp_message.hpp"
#include "dhcpcore/parsers/dhcp_options.hpp"
#include "dhcpcore/parsers/ethernet.hpp"
#include "dhcpcore/parsers/frame.hpp"
#include "dhcpcore/parsers/ipv4.hpp"
#include "dhcpcore/parsers/udp.hpp"

// The client state machine is benchmarked when it is part of the tree.
#if __has_include("dhcpcore/core/client.hpp")
#include "dhcpcore/core/client.hpp"
#define DHCPCORE_BENCH_CLIENT 1
#endif

namespace dhcpcore::bench {
namespace {

// One payload and the frame that carries it (the server's reply for the
// ACKs, the client's broadcast for the DISCOVER).
struct Input {
  std::string name;
  Bytes dhcp;
  Bytes frame;
};

std::vector<Input> make_inputs() {
  std::vector<Input> out;
  for (auto& [name, bytes] : named_payloads()) {
    Bytes frame = (name == std::string("discover304")) ? client_frame(bytes) : server_frame(bytes);
    out.push_back(Input{name, std::move(bytes), std::move(frame)});
  }
  return out;
}

void count(benchmark::State& state, std::size_t bytes_per_packet) {
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(bytes_per_packet));
}

// Storage the typed reads need: scratch for a concatenated option and room
// for every route option 121 can hold.
struct ReadBuffers {
  std::array<std::uint8_t, kMaxOptionLength> scratch;
  std::array<ClasslessRoute, kMaxRoutes> routes;
};

// typed_reads decodes 53, 51, 54, 1 (fixed length: first instance of the
// right length), 3, 6 and 121 (lists: RFC 3396 concatenation) and folds the
// values into a number so nothing is optimized away.
std::uint64_t typed_reads(const DhcpMessage& m, ReadBuffers& b) noexcept {
  std::uint64_t acc = 0;
  if (auto v = m.fixed(opt::kMessageType, 1)) {
    if (auto t = decode_message_type(*v)) acc += *t;
  }
  if (auto v = m.fixed(opt::kLeaseTime, 4)) {
    if (auto t = decode_u32(*v)) acc += *t;
  }
  for (const std::uint8_t code : {opt::kServerId, opt::kSubnetMask}) {
    if (auto v = m.fixed(code, 4)) {
      if (auto a = decode_address(*v)) acc += a->value();
    }
  }
  for (const std::uint8_t code : {opt::kRouter, opt::kDnsServers}) {
    if (auto v = m.concatenated(code, b.scratch)) {
      if (auto list = decode_address_list(*v)) {
        for (std::size_t i = 0; i < list->size(); ++i) acc += (*list)[i].value();
      }
    }
  }
  if (auto v = m.concatenated(opt::kClasslessRoutes, b.scratch)) {
    std::size_t n = 0;
    (void)decode_classless_routes(*v, b.routes, &n);
    for (std::size_t i = 0; i < n; ++i) acc += b.routes[i].router.value();
  }
  return acc;
}

void eth_parse(benchmark::State& state, const Input& in) {
  for (auto _ : state) {
    auto r = EthernetFrame::parse(in.frame);
    benchmark::DoNotOptimize(r);
  }
  count(state, in.frame.size());
}

void ipv4_parse(benchmark::State& state, const Input& in) {
  const auto ip = std::span<const std::uint8_t>(in.frame).subspan(kEthernetHeaderSize);
  for (auto _ : state) {
    auto r = Ipv4Packet::parse(ip, ChecksumMode::Verify);
    benchmark::DoNotOptimize(r);
  }
  count(state, ip.size());
}

void udp_parse(benchmark::State& state, const Input& in) {
  auto ip = Ipv4Packet::parse(std::span<const std::uint8_t>(in.frame).subspan(kEthernetHeaderSize));
  if (!ip) {
    state.SkipWithError("ipv4 parse failed");
    return;
  }
  for (auto _ : state) {
    auto r = UdpDatagram::parse(ip->payload, ip->src, ip->dst, ChecksumMode::Verify);
    benchmark::DoNotOptimize(r);
  }
  count(state, ip->payload.size());
}

void frame_decode(benchmark::State& state, const Input& in) {
  const DecodeOptions any_port{ChecksumMode::Verify, 0};
  for (auto _ : state) {
    auto r = decode_ethernet_frame(in.frame, any_port);
    benchmark::DoNotOptimize(r);
  }
  count(state, in.frame.size());
}

void dhcp_parse(benchmark::State& state, const Input& in) {
  for (auto _ : state) {
    auto r = DhcpMessage::parse(in.dhcp);
    benchmark::DoNotOptimize(r);
  }
  count(state, in.dhcp.size());
}

void dhcp_typed_reads(benchmark::State& state, const Input& in) {
  auto msg = DhcpMessage::parse(in.dhcp);
  if (!msg) {
    state.SkipWithError("dhcp parse failed");
    return;
  }
  ReadBuffers b;
  for (auto _ : state) {
    benchmark::DoNotOptimize(typed_reads(*msg, b));
  }
  count(state, in.dhcp.size());
}

// The target: parse + typed reads of 53/51/54/1/3/6/121, per packet.
void dhcp_parse_typed(benchmark::State& state, const Input& in) {
  ReadBuffers b;
  for (auto _ : state) {
    auto msg = DhcpMessage::parse(in.dhcp);
    if (!msg) {
      state.SkipWithError("dhcp parse failed");
      break;
    }
    benchmark::DoNotOptimize(typed_reads(*msg, b));
  }
  count(state, in.dhcp.size());
}

// The whole receive path of an ACK: frame -> DHCP message ->
// acceptable_lease -> Lease -> routes (hardened policy) -> DNS servers.
void pipeline(benchmark::State& state, const Input& in) {
  const RoutePolicy policy = RoutePolicy::hardened();
  const DecodeOptions options{};
  for (auto _ : state) {
    auto frame = decode_ethernet_frame(in.frame, options);
    if (!frame) {
      state.SkipWithError("frame decode failed");
      break;
    }
    auto msg = DhcpMessage::parse(frame->dhcp);
    if (!msg) {
      state.SkipWithError("dhcp parse failed");
      break;
    }
    auto normalized = acceptable_lease(*msg);
    if (!normalized) {
      state.SkipWithError("lease not acceptable");
      break;
    }
    const Lease lease(*normalized, std::chrono::milliseconds(1000));
    const RouteSet routes = lease.routes(&policy);
    const DnsServers dns = lease.dns_servers();
    benchmark::DoNotOptimize(routes.kept.size());
    benchmark::DoNotOptimize(dns.servers.size());
  }
  count(state, in.frame.size());
}

// Building a client frame: emit the DHCP message, then the IPv4 + UDP +
// Ethernet headers around it with both checksums.
void build_frame(benchmark::State& state, const MessageSpec& spec) {
  std::vector<OptionRef> refs;
  const DhcpMessageRepr repr = spec.repr(refs);
  std::array<std::uint8_t, 1500> dhcp{};
  std::array<std::uint8_t, 1600> frame{};
  std::size_t size = 0;
  for (auto _ : state) {
    auto n = repr.emit(dhcp);
    if (!n) {
      state.SkipWithError("emit failed");
      break;
    }
    auto f = build_client_ethernet_frame(kClientMac, std::span<const std::uint8_t>(dhcp).first(*n), frame);
    if (!f) {
      state.SkipWithError("frame build failed");
      break;
    }
    size = *f;
    benchmark::DoNotOptimize(frame.data());
    benchmark::ClobberMemory();
  }
  count(state, size);
}

#ifdef DHCPCORE_BENCH_CLIENT
// A deterministic Rng for the client: the same jitter and XIDs every run.
using BenchRng = XorshiftRng;

// set_xid: sets the XID (bytes 4..7) of a DHCP payload.
void set_xid(Bytes& payload, std::uint32_t xid) {
  if (payload.size() < kDhcpMinMessageSize) return;
  payload[kDhcpXidOffset] = static_cast<std::uint8_t>(xid >> 24);
  payload[kDhcpXidOffset + 1] = static_cast<std::uint8_t>(xid >> 16);
  payload[kDhcpXidOffset + 2] = static_cast<std::uint8_t>(xid >> 8);
  payload[kDhcpXidOffset + 3] = static_cast<std::uint8_t>(xid);
}

// One renewal cycle of the client: on_timer at T1 (BOUND -> RENEWING, a
// REQUEST out) and on_receive of the typical ACK (RENEWING -> BOUND, lease
// renewed). The ACK step alone cannot be repeated without the timer step
// that opens a transaction for it, so the cycle is the unit.
void client_renew_cycle(benchmark::State& state) {
  ClientConfig config;
  config.mac = kClientMac;
  Client client(config);
  BenchRng rng;
  Bytes ack = typical_ack();
  Bytes offer = ack;
  if (offer.size() > kDhcpOptionsOffset + 2) offer[kDhcpOptionsOffset + 2] = 2;  // 53 is first: 53, 1, type
  auto is_type = [](const Bytes& b, std::uint8_t t) {
    auto m = DhcpMessage::parse(b);
    return m && m->message_type() == t;
  };
  if (!is_type(offer, 2) || !is_type(ack, 5)) {
    state.SkipWithError("offer/ack payloads are not what the benchmark expects");
    return;
  }
  Millis now{0};
  (void)client.start(now, rng);
  set_xid(offer, client.xid());
  (void)client.on_receive(now, offer, rng);
  set_xid(ack, client.xid());
  (void)client.on_receive(now, ack, rng);
  if (client.state() != ClientState::Bound) {
    state.SkipWithError("client did not reach BOUND");
    return;
  }
  std::size_t actions = 0;
  for (auto _ : state) {
    now = client.renew_at();
    actions += client.on_timer(now, rng).size();
    set_xid(ack, client.xid());
    actions += client.on_receive(now, ack, rng).size();
  }
  if (client.state() != ClientState::Bound) state.SkipWithError("renewal did not return to BOUND");
  benchmark::DoNotOptimize(actions);
  count(state, ack.size());
}
#endif

}  // namespace
}  // namespace dhcpcore::bench

int main(int argc, char** argv) {
  using namespace dhcpcore::bench;
  // Inputs live until the benchmarks have run; the registrations refer to them.
  static const std::vector<Input> inputs = make_inputs();
  static const MessageSpec discover = discover_spec();
  static const MessageSpec request = request_spec();

  for (const Input& in : inputs) {
    benchmark::RegisterBenchmark(("eth_parse/" + in.name).c_str(), eth_parse, in);
    benchmark::RegisterBenchmark(("ipv4_parse/" + in.name).c_str(), ipv4_parse, in);
    benchmark::RegisterBenchmark(("udp_parse/" + in.name).c_str(), udp_parse, in);
    benchmark::RegisterBenchmark(("frame_decode/" + in.name).c_str(), frame_decode, in);
  }
  for (const Input& in : inputs) {
    benchmark::RegisterBenchmark(("dhcp_parse/" + in.name).c_str(), dhcp_parse, in);
    benchmark::RegisterBenchmark(("dhcp_typed_reads/" + in.name).c_str(), dhcp_typed_reads, in);
    benchmark::RegisterBenchmark(("dhcp_parse_typed/" + in.name).c_str(), dhcp_parse_typed, in);
  }
  for (const Input& in : inputs) {
    if (in.name != "discover304") {
      benchmark::RegisterBenchmark(("pipeline/" + in.name).c_str(), pipeline, in);
    }
  }
  benchmark::RegisterBenchmark("build_frame/discover", build_frame, std::cref(discover));
  benchmark::RegisterBenchmark("build_frame/request", build_frame, std::cref(request));
#ifdef DHCPCORE_BENCH_CLIENT
  benchmark::RegisterBenchmark("client_renew_cycle/ack332", client_renew_cycle);
#endif

  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
