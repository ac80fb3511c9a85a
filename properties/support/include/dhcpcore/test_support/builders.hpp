// builders.hpp: deterministic test builders shared by the properties and the
// fuzz targets (library dhcpcore::test_builders). Nothing here depends on
// RapidCheck: a fuzz target can build the same messages and option encodings
// from its own input bytes.
//
// These are written independently of the parsers' decoders (from the RFCs),
// so that a round trip through them tests the decoder rather than agreeing
// with it by construction.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "dhcpcore/core/routes.hpp"
#include "dhcpcore/parsers/address.hpp"
#include "dhcpcore/parsers/dhcp_message.hpp"

namespace dhcpcore::gen {

// usable_unicast_model: the "usable unicast" rule of defect 2 (docs/DESIGN.md#defect-2, docs/DIFFERENCES.md "Rows 3-4"),
// written from the address ranges rather than from Ipv4Addr's helpers: not
// 0.0.0.0/8, 127.0.0.0/8, 224.0.0.0/4, 240.0.0.0/4 (which holds the limited
// broadcast). 169.254.0.0/16 is usable (the reference accepts link-local).
constexpr bool usable_unicast_model(Ipv4Addr a) noexcept {
  const std::uint32_t first = a.value() >> 24;
  return first != 0 && first != 127 && first < 224;
}

// be32 / addr_bytes: network-order bytes of a 32-bit value / an address.
std::array<std::uint8_t, 4> be32(std::uint32_t v);
std::array<std::uint8_t, 4> addr_bytes(Ipv4Addr a);
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

}  // namespace dhcpcore::gen
