// payloads.hpp: the benchmark payloads, generated with the parsers' builders
// (DhcpMessageRepr::emit, build_udp_frame) through the test-support message
// builder (test_support/, gen::GenMessage), never copied from captures.
//
// Three DHCP messages of fixed, documented sizes (checked by
// bench/tests/payloads_test.cpp, which runs in the normal test suite):
//   - typical_ack(): 332 bytes, an ACK with the options a home or office
//     server sends: 53, 54, 51, 58, 59, 1, 3, 6 (three servers), 15, 121
//     (three routes);
//   - discover(): 304 bytes, a DISCOVER with a parameter request list and a
//     client identifier;
//   - large_ack(): 1200 bytes, an ACK with many options, two of them (121,
//     43) longer than 255 bytes and so split into two instances (RFC 3396).
// Addresses are from the documentation ranges (RFC 5737, RFC 2544's
// 198.18.0.0/15 for the many routes) and the MACs from RFC 7042's
// documentation range.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "dhcpcore/parsers/address.hpp"
#include "dhcpcore/parsers/dhcp_message.hpp"
#include "dhcpcore/test_support/builders.hpp"

namespace dhcpcore::bench {

using gen::Bytes;

// The test constants (builders.hpp): client and server MACs and addresses,
// the transaction ID.
using gen::kClientIp;
using gen::kClientMac;
using gen::kServerIp;
using gen::kServerMac;
using gen::kXid;

inline constexpr std::size_t kTypicalAckSize = 332;
inline constexpr std::size_t kDiscoverSize = 304;
inline constexpr std::size_t kLargeAckSize = 1200;

// MessageSpec: a DHCP message to build (the shared builder's GenMessage):
// header, options in order (a value longer than 255 bytes is split by emit),
// no padding. repr(refs) is the builder's input for the build benchmarks;
// build() the emitted bytes (empty if emit fails, which the payload test
// would catch).
using MessageSpec = gen::GenMessage;

// The messages as specs (for the build benchmarks) and as bytes.
MessageSpec typical_ack_spec();
MessageSpec large_ack_spec();
MessageSpec discover_spec();
// request_spec: the REQUEST (SELECTING, RFC 2131 4.3.2) answering the typical
// ACK's offer: discover's options plus 50 and 54.
MessageSpec request_spec();

Bytes typical_ack();
Bytes discover();
Bytes large_ack();
Bytes request();

// server_frame: dhcp as the server's unicast reply 192.0.2.1:67 ->
// 192.0.2.50:68 from kServerMac to kClientMac (TOS 0, TTL 64, DF, both
// checksums), the way a client's packet socket receives it.
Bytes server_frame(std::span<const std::uint8_t> dhcp);
// client_frame: dhcp as the client's broadcast (build_client_ethernet_frame).
Bytes client_frame(std::span<const std::uint8_t> dhcp);

// named_payloads: the three sized messages with their names, in the order
// typical ACK, DISCOVER, large ACK.
std::array<std::pair<const char*, Bytes>, 3> named_payloads();

}  // namespace dhcpcore::bench
