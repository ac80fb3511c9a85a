// builders.hpp: deterministic test builders shared by every test, fuzz
// target, corpus-gen and the benchmark payloads (library
// dhcpcore::test_builders): the test constants, the byte encoders, the
// message builder and the option 121 encoder. Nothing here depends on
// RapidCheck: a fuzz target can build the same messages and option encodings
// from its own input bytes.
//
// These are written independently of the parsers' decoders (from the RFCs),
// so that a round trip through them tests the decoder rather than agreeing
// with it by construction. Messages are built two ways:
//   - GenMessage::build / build_message / build: through the parsers'
//     builder (DhcpMessageRepr::emit, itself tested against hand-written
//     fixtures in parsers/tests), for well-formed messages;
//   - raw_message: the 240-byte fixed part written at RFC 2131's offsets
//     (not the library's constants) and the option bytes verbatim, for
//     fixtures that check the parser and emitter, and for malformed inputs
//     the builder refuses.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string_view>
#include <vector>

#include "dhcpcore/core/routes.hpp"
#include "dhcpcore/parsers/address.hpp"
#include "dhcpcore/parsers/dhcp_message.hpp"

namespace dhcpcore::gen {

using Bytes = std::vector<std::uint8_t>;

// ---- Constants ---------------------------------------------------------------
// The client and server of every test message: MACs from RFC 7042's
// documentation range, addresses from RFC 5737's TEST-NET-1.
inline constexpr MacAddr kClientMac{0x00, 0x00, 0x5e, 0x00, 0x53, 0x01};
inline constexpr MacAddr kServerMac{0x00, 0x00, 0x5e, 0x00, 0x53, 0x02};
inline constexpr Ipv4Addr kServerIp(192, 0, 2, 1);
inline constexpr Ipv4Addr kClientIp(192, 0, 2, 50);
inline constexpr std::uint32_t kXid = 0x3903f326;

// ---- Encoders ----------------------------------------------------------------
// be16 / be32: network-order bytes of a value, written with shifts rather
// than the parsers' store_u32 (the emitter under test uses that).
Bytes be16(std::uint16_t v);
Bytes be32(std::uint32_t v);
// addr_bytes / ip: an address's 4 octets.
Bytes addr_bytes(Ipv4Addr a);
Bytes ip(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d);
// addrs: the addresses' octets one after the other (options 3, 6, 42...).
Bytes addrs(std::initializer_list<Ipv4Addr> list);
// text: the characters of s, no terminator.
Bytes text(std::string_view s);
// mac_bytes: a MAC's 6 octets.
Bytes mac_bytes(const MacAddr& mac);
// cat: the parts one after the other.
Bytes cat(std::initializer_list<Bytes> parts);
// append: v += bytes.
void append(std::vector<std::uint8_t>& v, std::span<const std::uint8_t> bytes);

// encode_classless_routes: option 121 data for routes in the RFC 3442
// section 3 compact encoding: per route, the prefix length, the
// ceil(len / 8) most significant octets of the destination as given (host
// bits inside those octets are kept, as a careless server sends them; a
// decoder must mask them), then the 4 router octets. Prefix lengths above 32
// are written as given (a malformed encoding on purpose).
std::vector<std::uint8_t> encode_classless_routes(std::span<const Route> routes);
// classless_route_size: bytes one route takes in that encoding.
constexpr std::size_t classless_route_size(std::uint8_t prefix_len) noexcept {
  return 1 + (std::size_t{prefix_len} + 7) / 8 + 4;
}

// One option instance to put in a message: its code and its whole value.
// In the options field a value longer than 255 bytes is split by the builder
// into consecutive instances (RFC 3396); in file/sname it must be <= 255.
struct GenOption {
  std::uint8_t code = 0;
  std::vector<std::uint8_t> data;
  bool operator==(const GenOption&) const = default;
};

// encode_option_field: writes opts as code/length/value into a fixed field
// (file or sname when overloaded), then END when a byte is left, then zeros
// (PAD). Returns false, leaving field zeroed, when the options do not fit or
// one is longer than 255 bytes.
bool encode_option_field(std::span<std::uint8_t> field, std::span<const GenOption> opts);
// option_field_size: bytes opts take in a field (without END).
std::size_t option_field_size(std::span<const GenOption> opts);

// GenMessage: an owning DHCP message to build and parse back.
struct GenMessage {
  DhcpHeader header;
  // The options field, in order. When it holds option 52 (overload), the
  // header's file / sname fields hold file_options / sname_options encoded
  // with encode_option_field.
  std::vector<GenOption> options;
  std::vector<GenOption> file_options;
  std::vector<GenOption> sname_options;
  // Builder padding (DhcpMessageRepr::min_size).
  std::size_t min_size = 0;

  bool operator==(const GenMessage&) const = default;

  // overload: the value of the first option 52 of length 1 (0 when none).
  std::uint8_t overload() const;
  // repr: the builder input; its option refs are stored in refs (keep both
  // refs and *this alive while the repr is used).
  DhcpMessageRepr repr(std::vector<OptionRef>& refs) const;
  // build: the wire bytes (empty when the builder refuses the message).
  std::vector<std::uint8_t> build() const;
  // expected_value: what the RFC 3396 concatenation of code must be after
  // parsing: the values in options, then file_options, then sname_options.
  std::vector<std::uint8_t> expected_value(std::uint8_t code) const;
  // instances: how many generated instances carry code (over all areas).
  std::size_t instances(std::uint8_t code) const;
  // first_of_length: the first generated instance of code whose value is
  // exactly len bytes, in message order (options, file, sname), or nullptr.
  // Meaningful as "the first wire instance" only when no value of code is
  // longer than 255 bytes (longer ones are split on the wire).
  const GenOption* first_of_length(std::uint8_t code, std::size_t len) const;
};

// enforce_option_limit: drops options-field instances so that no code's
// values add up to more than limit bytes over all areas (the parser rejects
// such a message with OptionTooLong; kMaxOptionLength).
void enforce_option_limit(GenMessage& m, std::size_t limit = kMaxOptionLength);

// ---- Messages ------------------------------------------------------------------

// message_header: a header with op (1 BOOTREQUEST, 2 BOOTREPLY), kXid,
// chaddr kClientMac and yiaddr; everything else zero.
DhcpHeader message_header(std::uint8_t op, Ipv4Addr yiaddr = Ipv4Addr());
// reply_header / request_header: message_header(2, yiaddr) / (1).
DhcpHeader reply_header(Ipv4Addr yiaddr = Ipv4Addr());
DhcpHeader request_header();

// build_message: the wire bytes of h with the options in order, padded to
// min_size (DhcpMessageRepr::min_size); empty when the builder refuses them.
Bytes build_message(const DhcpHeader& h, std::span<const GenOption> opts, std::size_t min_size = 0);

// Built: built wire bytes; message() parses them (the message's views point
// into this object, so keep it alive).
struct Built {
  Bytes bytes;
  DhcpMessage message() const;
};
// build: build_message(h, opts) as a Built.
Built build(const DhcpHeader& h, std::span<const GenOption> opts);

// raw_message: the 240-byte fixed part for h (RFC 2131 figure 1 and the
// magic cookie, written at the RFC's offsets), then options verbatim.
Bytes raw_message(const DhcpHeader& h, std::span<const std::uint8_t> options);

}  // namespace dhcpcore::gen
