// dhcp_test_util.hpp: helpers shared by the DHCP message tests.
//
// make_payload is the test-support library's raw_message
// (test_support/.../builders.hpp): the 240-byte fixed part (RFC 2131 figure
// 1 + the magic cookie) written with literal offsets taken from the RFC, not
// from the library's constants, then option bytes verbatim. It is checked
// once against the hand-written kHeaderFixture
// (DhcpTestUtil.MakePayloadMatchesFixture); every other fixture is then
// "that header + these option bytes", with the option bytes written out by
// hand next to each test.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <ostream>
#include <span>
#include <string_view>
#include <vector>

#include "dhcpcore/parsers/dhcp_message.hpp"
#include "dhcpcore/test_support/builders.hpp"

namespace dhcpcore::test {

using Bytes = std::vector<std::uint8_t>;

inline Bytes to_vec(std::span<const std::uint8_t> s) { return {s.begin(), s.end()}; }

// The header every fixture uses unless a test says otherwise.
// clang-format off
inline constexpr std::uint8_t kHeaderFixture[240] = {
    2,                         // op: BOOTREPLY
    1,                         // htype: Ethernet
    6,                         // hlen
    0,                         // hops
    0x39, 0x03, 0xf3, 0x26,    // xid 0x3903f326
    0x00, 0x03,                // secs 3
    0x80, 0x00,                // flags: broadcast bit
    0, 0, 0, 0,                // ciaddr 0.0.0.0
    192, 0, 2, 50,             // yiaddr 192.0.2.50
    192, 0, 2, 1,              // siaddr 192.0.2.1
    203, 0, 113, 7,            // giaddr 203.0.113.7
    0x00, 0x00, 0x5e, 0x00, 0x53, 0x01,  // chaddr 00:00:5e:00:53:01 ...
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0,        // ... padded to 16 bytes
    's', 'r', 'v', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // sname "srv" (64 bytes)
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    'b', 'o', 'o', 't', '.', 'b', 'i', 'n', 0, 0, 0, 0, 0, 0, 0, 0,  // file "boot.bin" (128)
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    99, 130, 83, 99,           // magic cookie
};
// clang-format on

// fill_text: copies text to the start of a fixed field (the rest stays zero).
template <std::size_t N>
void fill_text(std::array<std::uint8_t, N>& field, std::string_view text) {
  field.fill(0);
  for (std::size_t i = 0; i < text.size() && i < N; ++i) field[i] = static_cast<std::uint8_t>(text[i]);
}

// fill_bytes: copies bytes to the start of a fixed field (the rest zero).
template <std::size_t N>
void fill_bytes(std::array<std::uint8_t, N>& field, std::span<const std::uint8_t> bytes) {
  field.fill(0);
  for (std::size_t i = 0; i < bytes.size() && i < N; ++i) field[i] = bytes[i];
}

// base_header: kHeaderFixture as a DhcpHeader (field values read off the
// fixture's comments).
inline DhcpHeader base_header() {
  DhcpHeader h;
  h.op = 2;
  h.htype = 1;
  h.hlen = 6;
  h.hops = 0;
  h.xid = gen::kXid;
  h.secs = 3;
  h.flags = 0x8000;
  h.ciaddr = Ipv4Addr(0, 0, 0, 0);
  h.yiaddr = Ipv4Addr(192, 0, 2, 50);
  h.siaddr = Ipv4Addr(192, 0, 2, 1);
  h.giaddr = Ipv4Addr(203, 0, 113, 7);
  std::copy(gen::kClientMac.begin(), gen::kClientMac.end(), h.chaddr.begin());
  fill_text(h.sname, "srv");
  fill_text(h.file, "boot.bin");
  return h;
}

// make_payload: the 240-byte fixed part for h, then options verbatim.
// Offsets are RFC 2131 figure 1's.
inline Bytes make_payload(const DhcpHeader& h, std::span<const std::uint8_t> options) {
  return gen::raw_message(h, options);
}

inline Bytes make_payload(std::span<const std::uint8_t> options) {
  return make_payload(base_header(), options);
}

// make_overloaded: base header whose file and sname fields start with the
// given bytes (zeros after them), then the options field.
inline Bytes make_overloaded(std::span<const std::uint8_t> options, std::span<const std::uint8_t> file,
                             std::span<const std::uint8_t> sname) {
  DhcpHeader h = base_header();
  fill_bytes(h.file, file);
  fill_bytes(h.sname, sname);
  return make_payload(h, options);
}

// parse_vec: parse a byte vector (the message's views point into it, so a
// temporary vector is refused at compile time).
inline Result<DhcpMessage, DhcpError> parse_vec(const Bytes& b) { return DhcpMessage::parse(b); }
Result<DhcpMessage, DhcpError> parse_vec(Bytes&&) = delete;

// Seen: one option instance as for_each_option reports it.
struct Seen {
  std::uint8_t code;
  OptionArea area;
  Bytes data;
  bool operator==(const Seen&) const = default;
};

inline void PrintTo(const Seen& s, std::ostream* os) {
  *os << "{code " << unsigned{s.code} << ", area " << static_cast<unsigned>(s.area) << ", "
      << s.data.size() << " bytes}";
}

inline std::vector<Seen> all_options(const DhcpMessage& m) {
  std::vector<Seen> out;
  m.for_each_option([&](std::uint8_t code, const OptionFragment& f) {
    out.push_back(Seen{code, f.area, to_vec(f.data)});
  });
  return out;
}

// concat: the RFC 3396 value of code, through a scratch buffer big enough
// for any option.
inline Bytes concat(const DhcpMessage& m, std::uint8_t code) {
  std::vector<std::uint8_t> scratch(kMaxOptionLength);
  auto v = m.concatenated(code, scratch);
  return v ? to_vec(*v) : Bytes{};
}

// is_inside: s lies entirely inside buf (a view, not a copy).
inline bool is_inside(std::span<const std::uint8_t> s, std::span<const std::uint8_t> buf) {
  const auto* b = buf.data();
  const auto* e = buf.data() + buf.size();
  return std::less_equal<>{}(b, s.data()) && std::less_equal<>{}(s.data() + s.size(), e);
}

}  // namespace dhcpcore::test
