// dhcp_options.hpp: typed decoders for the option values dhcpcore uses.
//
// Each decoder takes the option's bytes (already concatenated per RFC 3396,
// or the fixed-length instance) and either returns the typed value or a
// specific OptionError. Decoders accept a value only at its defined length
// (RFC 2132 and the RFC named on each); they never read past the span, never
// assume NUL termination and never allocate: list decoders return lazy views
// or write into caller-provided fixed storage.
//
// Length rules: a fixed-size value at any other length is BadLength (also at
// length 0); a list or text that must hold at least one item is Empty at
// length 0.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "dhcpcore/parsers/address.hpp"
#include "dhcpcore/parsers/byte_reader.hpp"
#include "dhcpcore/parsers/result.hpp"

namespace dhcpcore {

enum class OptionError : std::uint8_t {
  None = 0,
  BadLength,            // length not allowed for this option
  Empty,                // zero-length where at least one item is required
  BadPrefixLength,      // 121: prefix length > 32
  TruncatedRoute,       // 121: destination octets or router cut short
  BadCharacter,         // 12/15/66/67/119: a byte outside the allowed set, or a
                        // label starting or ending with '-' (12/15/119)
  BadLabel,             // 12/15/119: empty label or label > 63 bytes; 119: label
                        // type 01 or 10 (length byte 0x40..0xbf)
  NameTooLong,          // 12/15/119: name > 253 characters
  BadPointer,           // 119: compression pointer not strictly backwards, or
                        // more than kMaxDomainPointerHops pointers in one name
  TruncatedName,        // 119: name runs past the option data
  OutputFull,           // 119/121: caller storage too small
  BadValue,             // a value outside its range (53 not 1..18, 52 not 1..3, 57 < 576)
};
// to_string returns the enumerator's name ("BadLength"), "Unknown" for a value
// outside the enum; never null.
const char* to_string(OptionError e) noexcept;

// RFC 1035 2.3.4: a label is 1..63 octets, a name at most 255 octets on the
// wire, i.e. at most 253 characters in dotted form without a trailing '.'.
inline constexpr std::size_t kMaxDomainLabelLength = 63;
inline constexpr std::size_t kMaxDomainNameLength = 253;
// 119: most compression pointers followed while reading one name. A name has
// at most 127 labels (253 characters) and an encoder never needs a pointer
// that leads straight to another pointer, so a longer chain is malformed.
inline constexpr std::size_t kMaxDomainPointerHops = 127;

// 53 (RFC 2132 9.6): one byte, 1..18 (RFC 2132, 3203, 4388, 6926, 7724).
Result<std::uint8_t, OptionError> decode_message_type(std::span<const std::uint8_t> v) noexcept;
// 51, 58, 59 (RFC 2132 9.2, 9.11, 9.12): unsigned 32-bit seconds.
Result<std::uint32_t, OptionError> decode_u32(std::span<const std::uint8_t> v) noexcept;
// 1, 28, 50, 54 (RFC 2132 3.3, 5.3, 9.1, 9.7): exactly one address.
Result<Ipv4Addr, OptionError> decode_address(std::span<const std::uint8_t> v) noexcept;
// 52 (RFC 2132 9.3): one byte, 1..3.
Result<std::uint8_t, OptionError> decode_overload(std::span<const std::uint8_t> v) noexcept;
// 57 (RFC 2132 9.10): 16-bit, >= 576.
Result<std::uint16_t, OptionError> decode_max_message_size(std::span<const std::uint8_t> v) noexcept;
// 80 (RFC 4039): zero length.
Result<bool, OptionError> decode_rapid_commit(std::span<const std::uint8_t> v) noexcept;

// AddressList: a lazy view over a non-empty multiple-of-4 list
// (3, 6, 150: RFC 2132 3.5, 3.8; RFC 5859).
class AddressList {
 public:
  constexpr AddressList() noexcept = default;
  constexpr explicit AddressList(std::span<const std::uint8_t> raw) noexcept : raw_(raw) {}
  constexpr std::size_t size() const noexcept { return raw_.size() / 4; }
  constexpr bool empty() const noexcept { return raw_.empty(); }
  constexpr Ipv4Addr operator[](std::size_t i) const noexcept {
    return Ipv4Addr::from_bytes(raw_.subspan(i * 4).first<4>());
  }
 private:
  std::span<const std::uint8_t> raw_{};
};
Result<AddressList, OptionError> decode_address_list(std::span<const std::uint8_t> v) noexcept;

// 33 (RFC 2132 5.8): pairs (destination, router), a non-zero multiple of 8.
struct StaticRoute {
  Ipv4Addr dest;
  Ipv4Addr router;
};
class StaticRouteList {
 public:
  constexpr StaticRouteList() noexcept = default;
  constexpr explicit StaticRouteList(std::span<const std::uint8_t> raw) noexcept : raw_(raw) {}
  constexpr std::size_t size() const noexcept { return raw_.size() / 8; }
  constexpr StaticRoute operator[](std::size_t i) const noexcept {
    return {Ipv4Addr::from_bytes(raw_.subspan(i * 8).first<4>()),
            Ipv4Addr::from_bytes(raw_.subspan(i * 8 + 4).first<4>())};
  }
 private:
  std::span<const std::uint8_t> raw_{};
};
Result<StaticRouteList, OptionError> decode_static_routes(std::span<const std::uint8_t> v) noexcept;

// 121 (RFC 3442): classless static routes in compact encoding. Each route is
// a prefix length (0..32), ceil(len/8) significant destination octets and a
// 4-byte router. The destination is masked to its prefix length (host bits
// dropped). A router of 0.0.0.0 means on-link.
struct ClasslessRoute {
  Ipv4Prefix dest;  // always masked
  Ipv4Addr router;
  bool operator==(const ClasslessRoute&) const = default;
};
// ClasslessRouteReader walks the encoding one route at a time; next() returns
// false at the end (error() stays None; an empty span is simply at its end)
// or on the first malformed route (error() says why; out is untouched and
// every later next() returns false with the same error).
class ClasslessRouteReader {
 public:
  constexpr explicit ClasslessRouteReader(std::span<const std::uint8_t> v) noexcept : r_(v) {}
  bool next(ClasslessRoute& out) noexcept;
  OptionError error() const noexcept { return error_; }
 private:
  ByteReader r_;
  OptionError error_ = OptionError::None;
};
// decode_classless_routes decodes every route into out. Errors: Empty (zero
// length: RFC 3442 requires at least one route), BadPrefixLength,
// TruncatedRoute, OutputFull. A route is decoded before it is stored, so
// errors come in input order and OutputFull means one more well-formed route
// did not fit. *decoded (when given) is always set to the number of routes
// written to out: on error, the routes decoded before it (the reference uses
// those).
Result<std::size_t, OptionError> decode_classless_routes(std::span<const std::uint8_t> v,
                                                         std::span<ClasslessRoute> out,
                                                         std::size_t* decoded = nullptr) noexcept;

// 12 (RFC 2132 3.14, RFC 1123 2.1) and 15 (RFC 2132 3.17): a host or domain
// name of letters, digits, '-' and '.', labels 1..63 bytes, at most 253
// characters; one trailing '.' allowed. Trailing NUL bytes (sent by some
// servers) are dropped; a NUL anywhere else is BadCharacter. The result is a
// view into v, not NUL-terminated, without the trailing NULs and without the
// trailing '.' ("host." and "host" both give "host"; "." alone is Empty).
// Strict choices: a label may not start or end with '-' (RFC 1123 2.1 / RFC
// 952: BadCharacter). '_' is BadCharacter in 12 (a host name, RFC 952) but
// accepted in 15, which is a DNS domain (RFC 2181 11 allows any octet; '_'
// occurs in real domains), so 15 and 119 accept the same labels.
// Checks in order: Empty, NameTooLong, then per label, left to right.
Result<std::string_view, OptionError> decode_hostname(std::span<const std::uint8_t> v) noexcept;
Result<std::string_view, OptionError> decode_domain_name(std::span<const std::uint8_t> v) noexcept;

// 66, 67 (RFC 2132 9.4, 9.5): printable ASCII text (0x20..0x7e), trailing
// NULs dropped; Empty when nothing is left; any other byte is BadCharacter.
Result<std::string_view, OptionError> decode_text(std::span<const std::uint8_t> v) noexcept;

// 55 (RFC 2132 9.8): a non-empty list of codes (zero length: Empty).
Result<std::span<const std::uint8_t>, OptionError> decode_parameter_list(std::span<const std::uint8_t> v) noexcept;
// 61 (RFC 2132 9.14): type byte + at least one byte of identifier (shorter:
// BadLength).
Result<std::span<const std::uint8_t>, OptionError> decode_client_id(std::span<const std::uint8_t> v) noexcept;

// 119 (RFC 3397): a list of domain names in RFC 1035 3.1 wire format with
// compression (4.1.4). Pointers must point strictly backwards (before the
// start of the label sequence being read), so no loop is possible; labels are
// 1..63 bytes; each name is at most 253 characters in dotted form. Names are
// written into `text` as dotted strings, one after another, and `names`
// receives a view of each. Errors: Empty, BadPointer, BadLabel, TruncatedName,
// NameTooLong, BadCharacter (a byte that is not a letter, digit, '-' or '_',
// or a label starting or ending with '-', as in 15), OutputFull.
// The root name (a name with no label, e.g. a lone 0 byte) is useless in a
// search list: it is skipped, not returned; an option holding only root names
// is Empty. The whole encoding is checked before any character and output:
// structural errors (BadPointer, BadLabel, TruncatedName, NameTooLong) win
// over BadCharacter, which wins over OutputFull. Returns the number of names;
// on error the contents of text and names are unspecified. Sizing: every
// returned name takes at least 2 octets of v (a pointer, or a label and its
// end), so v.size() / 2 names of kMaxDomainNameLength characters always fit.
Result<std::size_t, OptionError> decode_domain_search(std::span<const std::uint8_t> v,
                                                      std::span<char> text,
                                                      std::span<std::string_view> names) noexcept;

}  // namespace dhcpcore
