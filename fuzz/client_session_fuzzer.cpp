// client_session_fuzzer: a sequence of records driving the client state
// machine; the machine's invariants (test_support/client_observer.hpp, the
// same as the model-based property, with the rules on which received
// messages may be used) are checked after every step, and a message the
// machine ignores must produce no action.
//
// Input (ByteSource), records until the input ends:
//   op (u8 % 4)
//   0 advance: u16 step, u8 scale (odd: x1 ms, even: x100 ms); the timer
//     runs at every deadline up to now + step, in order (time only moves
//     forward)
//   1 deliver, patched: u16 length (% 1500), that many bytes as a received
//     DHCP payload with htype/hlen, chaddr and the current XID written in
//     (when the payload is long enough), so inputs get past the first checks
//   2 deliver as is: u16 length (% 1500), that many bytes
//   3 stop (u8: odd = with DHCPRELEASE) when running, start when stopped
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "dhcpcore/core/client.hpp"
#include "dhcpcore/test_support/client_observer.hpp"
#include "fuzz_check.hpp"

namespace {

using namespace dhcpcore;

constexpr MacAddr kMac{0x00, 0x00, 0x5e, 0x00, 0x53, 0x02};

ClientConfig fuzz_config() {
  ClientConfig c;
  c.mac = kMac;
  for (std::uint8_t code : {opt::kRouter, opt::kDnsServers, opt::kClasslessRoutes}) {
    (void)c.requested_options.push_back(code);
  }
  return c;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::ByteSource in(std::span<const std::uint8_t>(data, size));
  static const ClientConfig config = fuzz_config();
  Client client(config);
  XorshiftRng rng(0x5eed);
  test::ClientObserver observer;
  Millis now{1'000'000};
  auto observe = [&](const Actions& a, bool from_timer) {
    const char* broken = observer.observe(client, a, from_timer, now);
    if (broken != nullptr) fuzz::fail(broken, __FILE__, __LINE__);
  };
  observe(client.start(now, rng), false);
  FUZZ_CHECK(client.state() == ClientState::Discovering);

  std::vector<std::uint8_t> payload;
  for (int records = 0; !in.empty() && records < 4096; ++records) {
    const std::uint8_t op = in.u8() % 4;
    switch (op) {
      case 0: {
        const std::uint16_t step = in.u16();
        const Millis target = now + Millis{std::int64_t{step} * ((in.u8() & 1) != 0 ? 1 : 100)};
        for (int guard = 0;; ++guard) {
          FUZZ_CHECK(guard < 100'000);  // deadlines always move forward
          const auto d = client.next_deadline();
          if (!d || *d > target) break;
          now = std::max(now, *d);
          observe(client.on_timer(now, rng), true);
        }
        now = target;
        break;
      }
      case 1:
      case 2: {
        const auto bytes = in.bytes(in.u16() % 1500);
        payload.assign(bytes.begin(), bytes.end());
        if (op == 1 && payload.size() >= kDhcpChaddrOffset + kMac.size()) {
          payload[kDhcpHtypeOffset] = 1;
          payload[kDhcpHlenOffset] = 6;
          const std::uint32_t xid = client.xid();
          for (std::size_t i = 0; i < 4; ++i) {
            payload[kDhcpXidOffset + i] = static_cast<std::uint8_t>(xid >> (24 - 8 * i));
          }
          std::copy(kMac.begin(), kMac.end(), payload.begin() + kDhcpChaddrOffset);
        }
        const Actions a = client.on_receive(now, payload, rng);
        if (client.last_ignored() != Ignored::None) FUZZ_CHECK(a.empty());
        // The receive rules too: server selection in REQUESTING, Rapid
        // Commit for an ACK in DISCOVERING.
        const char* broken = observer.observe_receive(client, payload, a, now);
        if (broken != nullptr) fuzz::fail(broken, __FILE__, __LINE__);
        break;
      }
      default: {
        const bool release = (in.u8() & 1) != 0;
        if (client.state() == ClientState::Stopped) {
          observe(client.start(now, rng), false);
          FUZZ_CHECK(client.state() == ClientState::Discovering);
        } else {
          observe(client.stop(now, release, rng), false);
          FUZZ_CHECK(client.state() == ClientState::Stopped && !client.has_lease());
        }
        break;
      }
    }
  }
  return 0;
}
