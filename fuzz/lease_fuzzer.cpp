// lease_fuzzer: structured lease messages. The input chooses a header and a
// list of options (codes a lease carries, mostly well-formed values, some
// raw), optionally overloaded into file and sname; the message is built with
// the test builders (dhcpcore::test_builders, written from the RFCs, not from
// the parser), parsed back, and checked against the generated model: every
// code's RFC 3396 concatenation is what was generated, the fixed-length
// lookups find the first generated value of their length, then
// acceptable_lease, routes and DNS as in invariants.hpp.
//
// Input (ByteSource): op (u8), xid (u32), yiaddr and siaddr (address
// choices), the overload value (u8 % 4), sname/file text flags, an option
// count (u8 % 32), then per option: a code choice (u8), an area choice (u8),
// a value kind (u8) and the value's bytes. See next_option.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "dhcpcore/test_support/builders.hpp"
#include "invariants.hpp"

namespace {

using namespace dhcpcore;
using Bytes = std::vector<std::uint8_t>;

// Addresses that decide verdicts: usable unicast, 0/8, loopback, link-local,
// multicast, 240/4, broadcast, and protected or on-link networks.
constexpr std::array<std::uint32_t, 12> kAddresses{
    0xc0000232,  // 192.0.2.50
    0xc0000201,  // 192.0.2.1
    0xc0000235,  // 192.0.2.53
    0x0a080001,  // 10.8.0.1 (inside the protected 10.8/16)
    0xc6336401,  // 198.51.100.1
    0x00000000, 0x00010203, 0x7f000001, 0xa9fe0001, 0xe0000001, 0xf0000001, 0xffffffff};
// Times around the clamping edges.
constexpr std::array<std::uint32_t, 8> kTimes{0, 1, 2, 10, 3600, 0x7fffffff, 0xfffffffe, 0xffffffff};
// Codes a lease carries or that acceptable_lease treats specially.
constexpr std::array<std::uint8_t, 24> kCodes{1, 3, 6, 12, 15, 28, 33, 43, 50, 51, 53, 54,
                                              55, 57, 58, 59, 61, 66, 67, 80, 119, 121, 150, 224};

Ipv4Addr address(fuzz::ByteSource& src) {
  const std::uint8_t pick = src.u8();
  if (pick < 0xf0) return Ipv4Addr(kAddresses[pick % kAddresses.size()]);
  return Ipv4Addr(src.u32());
}

void put_address(Bytes& out, Ipv4Addr a) {
  const auto b = gen::addr_bytes(a);
  gen::append(out, b);
}

// typed_value: a well-formed value for code, from the input.
Bytes typed_value(std::uint8_t code, fuzz::ByteSource& src) {
  Bytes v;
  switch (code) {
    case opt::kMessageType:
      return {static_cast<std::uint8_t>(1 + src.below(8))};
    case opt::kLeaseTime:
    case opt::kRenewalTime:
    case opt::kRebindingTime: {
      const std::uint8_t pick = src.u8();
      const auto b = gen::be32(pick < 0xf0 ? kTimes[pick % kTimes.size()] : src.u32());
      gen::append(v, b);
      return v;
    }
    case opt::kServerId:
    case opt::kRequestedIp:
    case opt::kBroadcastAddress:
      put_address(v, address(src));
      return v;
    case opt::kRouter:
    case opt::kDnsServers:
    case opt::kStaticRoutes:
    case opt::kTftpServerAddress: {
      const std::size_t n = 1 + src.below(code == opt::kStaticRoutes ? 8 : 20);
      for (std::size_t i = 0; i < n * (code == opt::kStaticRoutes ? 2 : 1); ++i) put_address(v, address(src));
      return v;
    }
    case opt::kClasslessRoutes: {
      std::vector<Route> routes(1 + src.below(40));
      for (Route& r : routes) {
        r.dest = Ipv4Prefix{address(src), static_cast<std::uint8_t>(src.below(33))};
        r.router = src.flag() ? Ipv4Addr() : address(src);
      }
      return gen::encode_classless_routes(routes);
    }
    case opt::kSubnetMask:
      put_address(v, Ipv4Addr(prefix_mask(static_cast<std::uint8_t>(src.below(33)))));
      return v;
    default: {
      const auto raw = src.sized();
      return Bytes(raw.begin(), raw.end());
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::ByteSource src({data, size});
  gen::GenMessage m;
  m.header.op = (src.u8() & 1) != 0 ? 1 : 2;
  m.header.xid = src.u32();
  m.header.yiaddr = address(src);
  m.header.siaddr = address(src);
  const auto overload = static_cast<std::uint8_t>(src.u8() % 4);
  const std::uint8_t text_flags = src.u8();
  if ((overload & 2) == 0 && (text_flags & 1) != 0) {
    const auto t = src.bytes(kDhcpSnameSize);
    std::copy(t.begin(), t.end(), m.header.sname.begin());
  }
  if ((overload & 1) == 0 && (text_flags & 2) != 0) {
    const auto t = src.bytes(kDhcpFileSize);
    std::copy(t.begin(), t.end(), m.header.file.begin());
  }
  if (overload != 0) m.options.push_back(gen::GenOption{opt::kOverload, {overload}});
  const std::size_t count = src.below(32);
  for (std::size_t i = 0; i < count && !src.empty(); ++i) {
    const std::uint8_t pick = src.u8();
    std::uint8_t code = pick < 0xf0 ? kCodes[pick % kCodes.size()] : src.u8();
    if (code == opt::kPad || code == opt::kEnd || code == opt::kOverload) code = opt::kVendorSpecific;
    const std::uint8_t area = src.u8();
    const std::uint8_t kind = src.u8();
    Bytes value;
    if (kind % 4 == 3) {
      const auto raw = src.sized();
      value.assign(raw.begin(), raw.end());
    } else if (kind % 4 == 2 && code == opt::kVendorSpecific) {
      value.assign(256 + src.below(256) * 4, kind);  // split on the wire (RFC 3396)
    } else {
      value = typed_value(code, src);
    }
    gen::GenOption o{code, std::move(value)};
    if ((overload & 1) != 0 && area % 3 == 1 && o.data.size() <= 255) {
      m.file_options.push_back(std::move(o));
    } else if ((overload & 2) != 0 && area % 3 == 2 && o.data.size() <= 255) {
      m.sname_options.push_back(std::move(o));
    } else {
      m.options.push_back(std::move(o));
    }
  }
  // Drop from the end what does not fit its field; keep each code's total
  // within the parser's limit.
  while (!m.file_options.empty() && gen::option_field_size(m.file_options) > kDhcpFileSize) m.file_options.pop_back();
  while (!m.sname_options.empty() && gen::option_field_size(m.sname_options) > kDhcpSnameSize) m.sname_options.pop_back();
  gen::enforce_option_limit(m);
  if (overload & 1) FUZZ_CHECK(gen::encode_option_field(m.header.file, m.file_options));
  if (overload & 2) FUZZ_CHECK(gen::encode_option_field(m.header.sname, m.sname_options));

  const Bytes bytes = m.build();
  if (bytes.empty()) return 0;  // too large for one datagram
  const auto parsed = DhcpMessage::parse(bytes);
  FUZZ_CHECK(parsed.ok());
  const DhcpMessage& msg = parsed.value();
  FUZZ_CHECK(msg.header() == m.header && msg.overload() == overload);
  static std::array<std::uint8_t, kMaxOptionLength> scratch;
  for (unsigned c = 1; c < 255; ++c) {
    const auto code = static_cast<std::uint8_t>(c);
    const Bytes expected = m.expected_value(code);
    FUZZ_CHECK(msg.has(code) == (m.instances(code) > 0));
    if (!msg.has(code)) continue;
    const auto got = msg.concatenated(code, scratch);
    FUZZ_CHECK(got && fuzz::equal_bytes(*got, expected));
    // fixed(code, 4) is the first generated 4-byte value when no value of
    // the code was split on the wire (longer than 255 bytes).
    const auto unsplit = [&](const std::vector<gen::GenOption>& area) {
      return std::none_of(area.begin(), area.end(),
                          [&](const gen::GenOption& o) { return o.code == code && o.data.size() > 255; });
    };
    if (unsplit(m.options)) {
      const gen::GenOption* first4 = m.first_of_length(code, 4);
      const auto fixed4 = msg.fixed(code, 4);
      FUZZ_CHECK((first4 != nullptr) == fixed4.has_value());
      if (first4 != nullptr) FUZZ_CHECK(fuzz::equal_bytes(*fixed4, first4->data));
    }
  }
  fuzz::check_message(msg, bytes);
  fuzz::check_lease(msg);
  return 0;
}
