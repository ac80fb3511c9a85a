// message_builder.hpp: test helper that builds DHCP payloads with the
// parsers' builder (itself tested against hand-written fixtures in
// parsers/tests) and parses them back.
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <vector>

#include "dhcpcore/parsers/dhcp_message.hpp"

namespace dhcpcore::test {

struct Opt {
  std::uint8_t code;
  std::vector<std::uint8_t> data;
};

inline std::vector<std::uint8_t> be32(std::uint32_t v) {
  return {static_cast<std::uint8_t>(v >> 24), static_cast<std::uint8_t>(v >> 16),
          static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
}
inline std::vector<std::uint8_t> ip(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d) {
  return {a, b, c, d};
}
inline std::vector<std::uint8_t> cat(std::initializer_list<std::vector<std::uint8_t>> parts) {
  std::vector<std::uint8_t> out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

// A built payload that owns its bytes; message() parses them (the message's
// views point into this object, so keep it alive).
struct Built {
  std::vector<std::uint8_t> bytes;
  DhcpMessage message() const {
    auto r = DhcpMessage::parse(bytes);
    return r.value();
  }
};

inline Built build(const DhcpHeader& h, const std::vector<Opt>& opts) {
  std::vector<OptionRef> refs;
  for (const auto& o : opts) refs.push_back(OptionRef{o.code, o.data});
  DhcpMessageRepr repr;
  repr.header = h;
  repr.options = refs;
  Built b;
  b.bytes.resize(repr.wire_size());
  auto n = repr.emit(b.bytes);
  b.bytes.resize(n.ok() ? n.value() : 0);
  return b;
}

// reply_header: a BOOTREPLY offering yiaddr.
inline DhcpHeader reply_header(Ipv4Addr yiaddr) {
  DhcpHeader h;
  h.op = 2;
  h.xid = 0x12345678;
  h.yiaddr = yiaddr;
  return h;
}

}  // namespace dhcpcore::test
