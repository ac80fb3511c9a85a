// dhcp_message.hpp: the DHCPv4 message (RFC 2131 section 2) as a view, its
// option index, and its builder.
//
// DhcpMessage::parse checks the 236-byte BOOTP header and the magic cookie,
// then walks the options once: the options field, then `file`, then `sname`
// when option 52 (overload, RFC 2131 4.1 / RFC 2132 9.3) says so. The walk
// fills a per-code index, so lookups are O(1) and nothing is copied or
// allocated. Repeated codes are concatenated on request (RFC 3396); a
// fixed-length getter takes the first instance of the right length instead,
// because servers send e.g. option 54 twice (dnsmasq).
//
// Parsing decisions (docs/DESIGN.md#parser-behaviour):
//   - PAD (0) is skipped between options; END (255) stops the area it is in;
//     a missing END is tolerated; bytes after END are ignored.
//   - An option whose length byte or data runs past its area is an error
//     (TruncatedOption), never a short read.
//   - Option 52 is honoured once, from the options field only; its value must
//     be 1, 2 or 3 with length 1; a 52 inside file or sname is an error.
//   - A code whose instances add up to more than kMaxOptionLength bytes is an
//     error (OptionTooLong): no caller ever needs a bigger option, and it
//     bounds every concatenation buffer.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "dhcpcore/parsers/address.hpp"
#include "dhcpcore/parsers/build_error.hpp"
#include "dhcpcore/parsers/byte_reader.hpp"
#include "dhcpcore/parsers/result.hpp"

namespace dhcpcore {

enum class DhcpError : std::uint8_t {
  None = 0,
  Truncated,               // shorter than the 236-byte header + 4-byte cookie
  MessageTooLarge,         // longer than kMaxDhcpMessageSize
  BadMagicCookie,          // bytes 236..239 are not 99.130.83.99
  TruncatedOption,         // a length byte or option data runs past its area
  BadOverload,             // option 52 with length != 1 or value not 1..3
  OverloadInFileOrSname,   // option 52 found inside the file or sname field
  OptionTooLong,           // a code's instances add up to > kMaxOptionLength
};
const char* to_string(DhcpError e) noexcept;

enum class DhcpOp : std::uint8_t { BootRequest = 1, BootReply = 2 };

enum class DhcpMessageType : std::uint8_t {
  Discover = 1, Offer = 2, Request = 3, Decline = 4, Ack = 5, Nak = 6, Release = 7,
  Inform = 8, ForceRenew = 9,
};

namespace opt {  // option codes used by name in dhcpcore (RFC 2132 and later)
inline constexpr std::uint8_t kPad = 0, kSubnetMask = 1, kRouter = 3, kDnsServers = 6,
    kHostName = 12, kDomainName = 15, kInterfaceMtu = 26, kBroadcastAddress = 28, kStaticRoutes = 33,
    kNtpServers = 42, kVendorSpecific = 43, kRequestedIp = 50, kLeaseTime = 51, kOverload = 52, kMessageType = 53,
    kServerId = 54, kParameterRequestList = 55, kMessage = 56, kMaxMessageSize = 57,
    kRenewalTime = 58, kRebindingTime = 59, kVendorClass = 60, kClientId = 61,
    kTftpServerName = 66, kBootfileName = 67, kRapidCommit = 80, kDomainSearch = 119,
    kClasslessRoutes = 121, kTftpServerAddress = 150, kEnd = 255;
}  // namespace opt

inline constexpr std::size_t kDhcpHeaderSize = 236;       // RFC 2131 figure 1, up to `file`
inline constexpr std::size_t kDhcpMinMessageSize = 240;   // header + magic cookie

// Field layout (RFC 2131 figure 1), in one place: offsets in the message.
inline constexpr std::size_t kDhcpOpOffset = 0;
inline constexpr std::size_t kDhcpHtypeOffset = 1;
inline constexpr std::size_t kDhcpHlenOffset = 2;
inline constexpr std::size_t kDhcpHopsOffset = 3;
inline constexpr std::size_t kDhcpXidOffset = 4;
inline constexpr std::size_t kDhcpSecsOffset = 8;
inline constexpr std::size_t kDhcpFlagsOffset = 10;
inline constexpr std::size_t kDhcpCiaddrOffset = 12;
inline constexpr std::size_t kDhcpYiaddrOffset = 16;
inline constexpr std::size_t kDhcpSiaddrOffset = 20;
inline constexpr std::size_t kDhcpGiaddrOffset = 24;
inline constexpr std::size_t kDhcpChaddrOffset = 28;
inline constexpr std::size_t kDhcpChaddrSize = 16;
inline constexpr std::size_t kDhcpSnameOffset = 44;
inline constexpr std::size_t kDhcpSnameSize = 64;
inline constexpr std::size_t kDhcpFileOffset = 108;
inline constexpr std::size_t kDhcpFileSize = 128;
inline constexpr std::size_t kDhcpCookieOffset = 236;
inline constexpr std::size_t kDhcpOptionsOffset = 240;
static_assert(kDhcpChaddrOffset + kDhcpChaddrSize == kDhcpSnameOffset);
static_assert(kDhcpSnameOffset + kDhcpSnameSize == kDhcpFileOffset);
static_assert(kDhcpFileOffset + kDhcpFileSize == kDhcpHeaderSize);
static_assert(kDhcpCookieOffset == kDhcpHeaderSize && kDhcpCookieOffset + 4 == kDhcpOptionsOffset);
static_assert(kDhcpOptionsOffset == kDhcpMinMessageSize);
// An option's length byte: one instance carries at most this many data bytes.
inline constexpr std::size_t kMaxOptionInstanceLength = 255;
// 65535 - 20 (IPv4) - 8 (UDP): the largest payload one IPv4 datagram carries.
inline constexpr std::size_t kMaxDhcpMessageSize = 65507;
// Cap on a code's concatenated length: more than the options, file and sname
// of a jumbo-frame (9000-byte MTU) message can hold, so no real option is cut.
inline constexpr std::size_t kMaxOptionLength = 9000;
inline constexpr std::array<std::uint8_t, 4> kMagicCookie{99, 130, 83, 99};

// Where option bytes were found. Concatenation order is this order.
enum class OptionArea : std::uint8_t { Options = 0, File = 1, Sname = 2 };

// The fixed BOOTP fields. Also the builder's input.
struct DhcpHeader {
  std::uint8_t op = 1;
  std::uint8_t htype = 1;  // 1 = Ethernet
  std::uint8_t hlen = 6;
  std::uint8_t hops = 0;
  std::uint32_t xid = 0;
  std::uint16_t secs = 0;
  std::uint16_t flags = 0;  // bit 15: broadcast
  Ipv4Addr ciaddr, yiaddr, siaddr, giaddr;
  std::array<std::uint8_t, 16> chaddr{};
  std::array<std::uint8_t, 64> sname{};
  std::array<std::uint8_t, 128> file{};
  bool operator==(const DhcpHeader&) const = default;
};

// One contiguous piece of an option, as found in the message.
struct OptionFragment {
  OptionArea area;
  std::span<const std::uint8_t> data;
};

class DhcpMessage {
 public:
  // parse validates and indexes a DHCP message (the UDP payload, starting at
  // the op byte). On error no partial message is returned. Errors: Truncated
  // (< 240 bytes), MessageTooLarge (> kMaxDhcpMessageSize), BadMagicCookie,
  // then the first option error met walking options, file, sname in order
  // (TruncatedOption, BadOverload, OverloadInFileOrSname, OptionTooLong).
  // op, htype and hlen are not checked (any value parses).
  static Result<DhcpMessage, DhcpError> parse(std::span<const std::uint8_t> payload) noexcept;

  const DhcpHeader& header() const noexcept { return header_; }
  // overload: the value of option 52 (0 when absent): 1 file, 2 sname, 3 both.
  std::uint8_t overload() const noexcept { return overload_; }
  // sname_field / file_field: the raw fields (64 / 128 bytes), views into the
  // parsed payload; meaningful as text only when not overloaded (see
  // sname_is_options() / file_is_options()).
  std::span<const std::uint8_t> sname_field() const noexcept { return sname_; }
  std::span<const std::uint8_t> file_field() const noexcept { return file_; }
  bool sname_is_options() const noexcept { return (overload_ & 2) != 0; }
  bool file_is_options() const noexcept { return (overload_ & 1) != 0; }

  // has / count / total_length: O(1) facts about a code. PAD and END are
  // never indexed (has() is false for them).
  bool has(std::uint8_t code) const noexcept { return slot_[code] != 0; }
  std::size_t count(std::uint8_t code) const noexcept;
  std::size_t total_length(std::uint8_t code) const noexcept;

  // first returns the first instance of a code (empty span when absent or
  // zero-length; check has()). O(1).
  std::span<const std::uint8_t> first(std::uint8_t code) const noexcept;
  // fixed returns the first instance whose length is exactly len, if any. For
  // fixed-size options (53, 51, 54, ...) this is the value to use. Walks from
  // the first instance, stops at the first match.
  std::optional<std::span<const std::uint8_t>> fixed(std::uint8_t code, std::size_t len) const noexcept;
  // concatenated returns all instances of a code joined (RFC 3396). With one
  // instance it is a view into the message; with more, the bytes are copied
  // into scratch (which must hold total_length(code), at most
  // kMaxOptionLength) and the returned span points into scratch. nullopt when
  // the code is absent or scratch is too small (scratch is then untouched).
  std::optional<std::span<const std::uint8_t>> concatenated(
      std::uint8_t code, std::span<std::uint8_t> scratch) const noexcept;

  // for_each_fragment calls f(OptionFragment) for every instance of code, in
  // concatenation order. Returns the number of fragments visited.
  template <class F>
  std::size_t for_each_fragment(std::uint8_t code, F&& f) const noexcept;

  // for_each_option calls f(code, OptionFragment) for every option instance
  // in message order (options, file, sname), PAD and END excluded (52 is
  // included).
  template <class F>
  void for_each_option(F&& f) const noexcept;

  // message_type: option 53 read with fixed(53, 1); 0 when absent.
  std::uint8_t message_type() const noexcept;

  // area returns the bytes walked as options for a: Options is everything
  // after the cookie (END and what follows included); File / Sname are the
  // raw fields when overload says they hold options, else empty.
  std::span<const std::uint8_t> area(OptionArea a) const noexcept;

 private:
  // walk_from calls f(code, area, offset, data) for every option in message
  // order starting at the option whose code byte is at `offset` in `start`,
  // until f returns false. Only used on parsed messages, whose areas are
  // known to walk without error.
  template <class F>
  void walk_from(OptionArea start, std::size_t offset, F&& f) const noexcept;

  // Counter widths: a message is at most kMaxDhcpMessageSize bytes, so an
  // area offset fits 16 bits; every instance takes at least 2 bytes (code,
  // length), so even a message made only of zero-length instances of one
  // code (~32700 of them) cannot overflow a 16-bit count; a code's total is
  // rejected (OptionTooLong) before it passes kMaxOptionLength < 65536.
  // No default member initializers: entries_ is left uninitialized (only
  // [0, used_slots_) is ever read, and parse() writes each entry before
  // counting it), which saves clearing 2 KiB per parse.
  struct IndexEntry {
    std::uint16_t first_offset;  // offset of the first instance's code byte in its area
    std::uint16_t count;
    std::uint16_t total_length;
    OptionArea first_area;
  };
  static_assert(kMaxDhcpMessageSize - kDhcpOptionsOffset <= 0xffff);
  static_assert((kMaxDhcpMessageSize - kDhcpOptionsOffset + kDhcpFileSize + kDhcpSnameSize) / 2 <=
                0xffff);
  static_assert(kMaxOptionLength <= 0xffff);
  // Codes 1..254 can be indexed (PAD and END never are).
  static constexpr std::size_t kMaxIndexedCodes = 254;

  DhcpHeader header_{};
  std::span<const std::uint8_t> options_area_{};  // after the cookie
  std::span<const std::uint8_t> sname_{};         // the raw sname field
  std::span<const std::uint8_t> file_{};          // the raw file field
  std::uint8_t overload_ = 0;
  std::uint8_t used_slots_ = 0;
  std::array<std::uint8_t, 256> slot_{};  // 0 = absent, else 1 + index into entries_
  std::array<IndexEntry, kMaxIndexedCodes> entries_;  // only [0, used_slots_) meaningful

  friend class DhcpMessageTestPeer;
};

// ---- Builder --------------------------------------------------------------

// An option to emit: code and data. Data longer than 255 bytes is split into
// consecutive instances of the same code (RFC 3396 section 5).
struct OptionRef {
  std::uint8_t code = 0;
  std::span<const std::uint8_t> data{};
};

// DhcpMessageRepr: a message to build. parse(emit(r)) yields r's header and,
// in order, r's options (concatenated per code).
struct DhcpMessageRepr {
  DhcpHeader header{};
  std::span<const OptionRef> options{};
  // min_size: pad the message with zeros after END up to this size (BOOTP
  // relays expect 300 bytes; RFC 1542 2.1). 0 = no padding.
  std::size_t min_size = 0;

  // wire_size: exactly the bytes a successful emit() writes: 240, each
  // option's instances (2 + up to 255 data bytes each; 2 for empty data), 1
  // for END, raised to min_size. Saturates at SIZE_MAX instead of wrapping.
  std::size_t wire_size() const noexcept;
  // emit writes header, cookie, options, END and zero padding up to min_size
  // into out; returns the bytes written (wire_size()). Errors, nothing
  // written on any, checked in this order: per option in order, BadOptionCode
  // (code 0 or 255) or OptionTooLong (the data of this code so far, over all
  // refs, exceeds kMaxOptionLength: parse would reject it); PayloadTooLarge
  // when wire_size() > kMaxDhcpMessageSize (no UDP datagram carries it);
  // BufferTooSmall when out is shorter than wire_size().
  Result<std::size_t, BuildError> emit(std::span<std::uint8_t> out) const noexcept;
};

// ---- template definitions -------------------------------------------------

namespace detail {

// walk_option_area is the one option walker: it reads area from `offset` as
// options and calls on_option(code, offset_of_code_byte, data) for each
// instance until on_option returns false. PAD (one byte, never a TLV) is
// skipped; END stops the walk; running off the end without END is fine.
// Returns TruncatedOption when a length byte or the data runs past the area
// (or offset is past its end), else None (also when stopped by on_option).
template <class F>
DhcpError walk_option_area(std::span<const std::uint8_t> area, std::size_t offset,
                           F&& on_option) noexcept {
  ByteReader r(area);
  if (!r.skip(offset)) return DhcpError::TruncatedOption;
  while (!r.empty()) {
    const std::size_t at = area.size() - r.remaining();
    std::uint8_t code = 0;
    if (!r.read_u8(code)) return DhcpError::TruncatedOption;  // unreachable: not empty
    if (code == opt::kPad) continue;
    if (code == opt::kEnd) return DhcpError::None;
    ByteReader data;
    if (!r.read_u8_length_prefixed(data)) return DhcpError::TruncatedOption;
    if (!on_option(code, at, data.rest())) return DhcpError::None;
  }
  return DhcpError::None;
}

}  // namespace detail

template <class F>
void DhcpMessage::walk_from(OptionArea start, std::size_t offset, F&& f) const noexcept {
  constexpr OptionArea kOrder[] = {OptionArea::Options, OptionArea::File, OptionArea::Sname};
  bool started = false;
  bool stopped = false;
  for (const OptionArea a : kOrder) {
    if (a == start) started = true;
    if (!started || stopped) continue;
    const std::size_t from = (a == start) ? offset : 0;
    // The error is ignored: parse() walked these areas without one.
    (void)detail::walk_option_area(
        area(a), from, [&](std::uint8_t code, std::size_t at, std::span<const std::uint8_t> data) {
          if (!f(code, a, at, data)) stopped = true;
          return !stopped;
        });
  }
}

template <class F>
void DhcpMessage::for_each_option(F&& f) const noexcept {
  walk_from(OptionArea::Options, 0,
            [&](std::uint8_t code, OptionArea a, std::size_t, std::span<const std::uint8_t> data) {
              f(code, OptionFragment{a, data});
              return true;
            });
}

template <class F>
std::size_t DhcpMessage::for_each_fragment(std::uint8_t code, F&& f) const noexcept {
  if (!has(code)) return 0;
  const IndexEntry& e = entries_[slot_[code] - 1u];
  std::size_t visited = 0;
  // Start at the first instance; stop after the last one.
  walk_from(e.first_area, e.first_offset,
            [&](std::uint8_t c, OptionArea a, std::size_t, std::span<const std::uint8_t> data) {
              if (c != code) return true;
              f(OptionFragment{a, data});
              ++visited;
              return visited < e.count;
            });
  return visited;
}

}  // namespace dhcpcore
