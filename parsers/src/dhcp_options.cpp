// dhcp_options.cpp: the option value decoders declared in dhcp_options.hpp.
//
// Every byte of an option is read through ByteReader; the only indexing is
// into caller-provided output, each time after a size check in the same
// function.
#include "dhcpcore/parsers/dhcp_options.hpp"

namespace dhcpcore {
namespace {

// RFC 2132 9.6 defines 1..8; RFC 3203 (9), 4388 (10..13), 6926 (14..17) and
// 7724 (18) add the rest. Nothing above 18 is assigned.
constexpr std::uint8_t kMinMessageType = 1;
constexpr std::uint8_t kMaxMessageType = 18;
// RFC 2132 9.3: 1 = file holds options, 2 = sname, 3 = both.
constexpr std::uint8_t kMinOverload = 1;
constexpr std::uint8_t kMaxOverload = 3;
// RFC 2132 9.10: the minimum legal value of option 57.
constexpr std::uint16_t kMinMaxMessageSize = 576;
// RFC 2132 3.3 and friends: an IPv4 address is 4 octets.
constexpr std::size_t kAddressSize = 4;
// RFC 2132 5.8: a static route is a destination address and a router address.
constexpr std::size_t kStaticRouteSize = 8;
// RFC 3442 section 3: the prefix length of an IPv4 destination is 0..32.
constexpr std::uint8_t kMaxRoutePrefixLength = 32;
// RFC 2132 9.14: a type octet and at least one octet of identifier.
constexpr std::size_t kMinClientIdSize = 2;
// RFC 1035 4.1.4: the two top bits of a length octet give its type.
constexpr std::uint8_t kLabelTypeMask = 0xc0;
constexpr std::uint8_t kLabelTypeNormal = 0x00;
constexpr std::uint8_t kLabelTypePointer = 0xc0;
// RFC 2132 9.4, 9.5: text options are NVT ASCII; we accept its printable part.
constexpr std::uint8_t kFirstPrintable = 0x20;
constexpr std::uint8_t kLastPrintable = 0x7e;

constexpr bool is_letter_or_digit(std::uint8_t c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// drop_trailing_nuls returns v without its trailing NUL bytes (RFC 2132 3.14
// says "should not" be NUL-terminated; some servers do it anyway).
constexpr std::span<const std::uint8_t> drop_trailing_nuls(std::span<const std::uint8_t> v) noexcept {
  while (!v.empty() && v.back() == 0) v = v.first(v.size() - 1);
  return v;
}

std::string_view as_text(std::span<const std::uint8_t> v) noexcept {
  return {reinterpret_cast<const char*>(v.data()), v.size()};
}

// LabelChecker checks one label's characters as they come, for 12, 15 and 119:
// letters, digits, '-' (RFC 1123 2.1), '_' when allowed (15, 119); no '-' at
// either end (RFC 952 / RFC 1123 2.1: strict by choice); 1..63 characters
// (RFC 1035 2.3.4).
class LabelChecker {
 public:
  constexpr explicit LabelChecker(bool allow_underscore) noexcept
      : allow_underscore_(allow_underscore) {}

  // add checks the next character of the label.
  constexpr OptionError add(std::uint8_t c) noexcept {
    const bool allowed = is_letter_or_digit(c) || c == '-' || (allow_underscore_ && c == '_');
    if (!allowed) return OptionError::BadCharacter;
    if (c == '-' && length_ == 0) return OptionError::BadCharacter;  // leading hyphen
    if (++length_ > kMaxDomainLabelLength) return OptionError::BadLabel;
    last_ = c;
    return OptionError::None;
  }
  // finish ends the label and readies the checker for the next one.
  constexpr OptionError finish() noexcept {
    const std::size_t length = length_;
    const std::uint8_t last = last_;
    length_ = 0;
    last_ = 0;
    if (length == 0) return OptionError::BadLabel;
    if (last == '-') return OptionError::BadCharacter;  // trailing hyphen
    return OptionError::None;
  }

 private:
  bool allow_underscore_;
  std::size_t length_ = 0;
  std::uint8_t last_ = 0;
};

// decode_dotted_name is 12 and 15: see decode_hostname in the header.
Result<std::string_view, OptionError> decode_dotted_name(std::span<const std::uint8_t> v,
                                                         bool allow_underscore) noexcept {
  v = drop_trailing_nuls(v);
  if (!v.empty() && v.back() == '.') v = v.first(v.size() - 1);  // one trailing dot: the root
  if (v.empty()) return make_error(OptionError::Empty);
  if (v.size() > kMaxDomainNameLength) return make_error(OptionError::NameTooLong);
  LabelChecker label(allow_underscore);
  ByteReader r(v);
  std::uint8_t c = 0;
  while (r.read_u8(c)) {
    const OptionError e = c == '.' ? label.finish() : label.add(c);
    if (e != OptionError::None) return make_error(e);
  }
  if (const OptionError e = label.finish(); e != OptionError::None) return make_error(e);
  return as_text(v);
}

// offset_of returns how far r has advanced into v (r reads a suffix of v).
constexpr std::size_t offset_of(std::span<const std::uint8_t> v, const ByteReader& r) noexcept {
  return v.size() - r.remaining();
}

// walk_name reads the name that starts at `start` in v (RFC 1035 3.1, 4.1.4),
// calling on_label(label bytes, is_first_label) for each label; on success
// `next` is the offset after the name where it started (after its 0 octet or
// its first pointer) and `dotted` its length in dotted form. Termination:
// every pointer must target an offset before the start of the label sequence
// being read, and that start becomes the new bound, so the bound strictly
// decreases; hops are also capped at kMaxDomainPointerHops and labels by the
// 253-character limit, so a name costs at most 127 + 127 steps.
template <class OnLabel>
OptionError walk_name(std::span<const std::uint8_t> v, std::size_t start, std::size_t& next,
                      std::size_t& dotted, OnLabel&& on_label) noexcept {
  ByteReader r(v);
  if (!r.skip(start)) return OptionError::TruncatedName;
  std::size_t bound = start;  // pointers must target offsets < bound
  std::size_t hops = 0;
  bool jumped = false;
  dotted = 0;
  for (;;) {
    const std::size_t here = offset_of(v, r);
    std::uint8_t head = 0;
    if (!r.read_u8(head)) return OptionError::TruncatedName;  // no terminating 0 octet
    const auto type = static_cast<std::uint8_t>(head & kLabelTypeMask);
    if (type == kLabelTypeNormal) {
      if (head == 0) {  // the root label ends the name
        if (!jumped) next = offset_of(v, r);
        return OptionError::None;
      }
      auto label = r.take(head);  // 1..63 by the type bits
      if (!label) return OptionError::TruncatedName;
      const bool first = dotted == 0;
      dotted += (first ? std::size_t{0} : std::size_t{1}) + label->size();
      if (dotted > kMaxDomainNameLength) return OptionError::NameTooLong;
      if (const OptionError e = on_label(*label, first); e != OptionError::None) return e;
    } else if (type == kLabelTypePointer) {
      std::uint8_t low = 0;
      if (!r.read_u8(low)) return OptionError::TruncatedName;
      const std::size_t target = (std::size_t{head & 0x3fu} << 8) | low;
      if (target >= bound) return OptionError::BadPointer;  // not strictly backwards
      if (++hops > kMaxDomainPointerHops) return OptionError::BadPointer;
      if (!jumped) next = here + 2;
      jumped = true;
      r = ByteReader(v);
      if (!r.skip(target)) return OptionError::BadPointer;  // target < bound <= v.size()
      bound = target;
    } else {
      return OptionError::BadLabel;  // 01 and 10: RFC 1035 4.1.4 reserves them
    }
  }
}

// TextSink writes characters into caller storage with a sticky overflow flag
// (like ByteWriter): writes past the end are dropped and remembered.
class TextSink {
 public:
  explicit TextSink(std::span<char> out) noexcept : out_(out) {}
  void put(char c) noexcept {
    if (used_ >= out_.size()) {
      full_ = true;
      return;
    }
    out_[used_] = c;
    ++used_;
  }
  std::size_t used() const noexcept { return used_; }
  bool full() const noexcept { return full_; }
  // view returns the `length` characters written from `begin`; only valid
  // while !full().
  std::string_view view(std::size_t begin, std::size_t length) const noexcept {
    if (begin > used_ || length > used_ - begin) return {};
    return {out_.subspan(begin, length).data(), length};
  }

 private:
  std::span<char> out_;
  std::size_t used_ = 0;
  bool full_ = false;
};

}  // namespace

const char* to_string(OptionError e) noexcept {
  switch (e) {
    case OptionError::None: return "None";
    case OptionError::BadLength: return "BadLength";
    case OptionError::Empty: return "Empty";
    case OptionError::BadPrefixLength: return "BadPrefixLength";
    case OptionError::TruncatedRoute: return "TruncatedRoute";
    case OptionError::BadCharacter: return "BadCharacter";
    case OptionError::BadLabel: return "BadLabel";
    case OptionError::NameTooLong: return "NameTooLong";
    case OptionError::BadPointer: return "BadPointer";
    case OptionError::TruncatedName: return "TruncatedName";
    case OptionError::OutputFull: return "OutputFull";
    case OptionError::BadValue: return "BadValue";
  }
  return "Unknown";
}

// 53, RFC 2132 9.6: length 1.
Result<std::uint8_t, OptionError> decode_message_type(std::span<const std::uint8_t> v) noexcept {
  ByteReader r(v);
  std::uint8_t type = 0;
  if (v.size() != 1 || !r.read_u8(type)) return make_error(OptionError::BadLength);
  if (type < kMinMessageType || type > kMaxMessageType) return make_error(OptionError::BadValue);
  return type;
}

// 51, 58, 59, RFC 2132 9.2, 9.11, 9.12: length 4, any value (0xffffffff is
// "infinity" for 51).
Result<std::uint32_t, OptionError> decode_u32(std::span<const std::uint8_t> v) noexcept {
  ByteReader r(v);
  std::uint32_t value = 0;
  if (v.size() != 4 || !r.read_u32(value)) return make_error(OptionError::BadLength);
  return value;
}

// 1, 28, 50, 54, RFC 2132 3.3, 5.3, 9.1, 9.7: length 4.
Result<Ipv4Addr, OptionError> decode_address(std::span<const std::uint8_t> v) noexcept {
  ByteReader r(v);
  std::uint32_t value = 0;
  if (v.size() != kAddressSize || !r.read_u32(value)) return make_error(OptionError::BadLength);
  return Ipv4Addr(value);
}

// 52, RFC 2132 9.3: length 1, value 1..3.
Result<std::uint8_t, OptionError> decode_overload(std::span<const std::uint8_t> v) noexcept {
  ByteReader r(v);
  std::uint8_t value = 0;
  if (v.size() != 1 || !r.read_u8(value)) return make_error(OptionError::BadLength);
  if (value < kMinOverload || value > kMaxOverload) return make_error(OptionError::BadValue);
  return value;
}

// 57, RFC 2132 9.10: length 2, value >= 576.
Result<std::uint16_t, OptionError> decode_max_message_size(std::span<const std::uint8_t> v) noexcept {
  ByteReader r(v);
  std::uint16_t value = 0;
  if (v.size() != 2 || !r.read_u16(value)) return make_error(OptionError::BadLength);
  if (value < kMinMaxMessageSize) return make_error(OptionError::BadValue);
  return value;
}

// 80, RFC 4039 4: length 0.
Result<bool, OptionError> decode_rapid_commit(std::span<const std::uint8_t> v) noexcept {
  if (!v.empty()) return make_error(OptionError::BadLength);
  return true;
}

// 3, 6, 150, RFC 2132 3.5, 3.8, RFC 5859 3: minimum length 4, multiple of 4.
Result<AddressList, OptionError> decode_address_list(std::span<const std::uint8_t> v) noexcept {
  if (v.empty()) return make_error(OptionError::Empty);
  if (v.size() % kAddressSize != 0) return make_error(OptionError::BadLength);
  return AddressList(v);
}

// 33, RFC 2132 5.8: minimum length 8, multiple of 8.
Result<StaticRouteList, OptionError> decode_static_routes(std::span<const std::uint8_t> v) noexcept {
  if (v.empty()) return make_error(OptionError::Empty);
  if (v.size() % kStaticRouteSize != 0) return make_error(OptionError::BadLength);
  return StaticRouteList(v);
}

// 121, RFC 3442 section 3: width octet, ceil(width / 8) significant octets of
// the destination, 4 octets of router.
bool ClasslessRouteReader::next(ClasslessRoute& out) noexcept {
  if (error_ != OptionError::None || r_.empty()) return false;
  ByteReader r = r_;
  std::uint8_t width = 0;
  if (!r.read_u8(width)) {
    error_ = OptionError::TruncatedRoute;
    return false;
  }
  if (width > kMaxRoutePrefixLength) {
    error_ = OptionError::BadPrefixLength;
    return false;
  }
  const std::size_t significant = (std::size_t{width} + 7) / 8;
  std::uint32_t dest = 0;
  for (std::size_t i = 0; i < kAddressSize; ++i) {
    std::uint8_t octet = 0;  // octets past the significant ones are zero (RFC 3442 3)
    if (i < significant && !r.read_u8(octet)) {
      error_ = OptionError::TruncatedRoute;
      return false;
    }
    dest = (dest << 8) | octet;
  }
  std::uint32_t router = 0;
  if (!r.read_u32(router)) {
    error_ = OptionError::TruncatedRoute;
    return false;
  }
  // Host bits inside the significant octets are dropped (defect 3, docs/DIFFERENCES.md "Row 5").
  out = ClasslessRoute{Ipv4Prefix{Ipv4Addr(dest), width}.masked(), Ipv4Addr(router)};
  r_ = r;
  return true;
}

Result<std::size_t, OptionError> decode_classless_routes(std::span<const std::uint8_t> v,
                                                         std::span<ClasslessRoute> out,
                                                         std::size_t* decoded) noexcept {
  std::size_t count = 0;
  OptionError error = OptionError::None;
  if (v.empty()) {
    error = OptionError::Empty;  // RFC 3442 section 2: minimum length 5
  } else {
    ClasslessRouteReader reader(v);
    ClasslessRoute route;
    while (reader.next(route)) {
      if (count >= out.size()) {
        error = OptionError::OutputFull;
        break;
      }
      out[count] = route;
      ++count;
    }
    if (error == OptionError::None) error = reader.error();
  }
  if (decoded != nullptr) *decoded = count;
  if (error != OptionError::None) return make_error(error);
  return count;
}

// 12: a host name, no '_' (RFC 952, RFC 1123 2.1).
Result<std::string_view, OptionError> decode_hostname(std::span<const std::uint8_t> v) noexcept {
  return decode_dotted_name(v, /*allow_underscore=*/false);
}

// 15: a DNS domain, '_' allowed (RFC 2181 11).
Result<std::string_view, OptionError> decode_domain_name(std::span<const std::uint8_t> v) noexcept {
  return decode_dotted_name(v, /*allow_underscore=*/true);
}

// 66, 67, RFC 2132 9.4, 9.5: minimum length 1.
Result<std::string_view, OptionError> decode_text(std::span<const std::uint8_t> v) noexcept {
  v = drop_trailing_nuls(v);
  if (v.empty()) return make_error(OptionError::Empty);
  ByteReader r(v);
  std::uint8_t c = 0;
  while (r.read_u8(c)) {
    if (c < kFirstPrintable || c > kLastPrintable) return make_error(OptionError::BadCharacter);
  }
  return as_text(v);
}

// 55, RFC 2132 9.8: minimum length 1.
Result<std::span<const std::uint8_t>, OptionError> decode_parameter_list(
    std::span<const std::uint8_t> v) noexcept {
  if (v.empty()) return make_error(OptionError::Empty);
  return v;
}

// 61, RFC 2132 9.14: minimum length 2.
Result<std::span<const std::uint8_t>, OptionError> decode_client_id(
    std::span<const std::uint8_t> v) noexcept {
  if (v.size() < kMinClientIdSize) return make_error(OptionError::BadLength);
  return v;
}

// 119, RFC 3397 section 2 (names in RFC 1035 3.1 form, compressed per 4.1.4).
Result<std::size_t, OptionError> decode_domain_search(std::span<const std::uint8_t> v,
                                                      std::span<char> text,
                                                      std::span<std::string_view> names) noexcept {
  if (v.empty()) return make_error(OptionError::Empty);  // RFC 3397 2: minimum length 2
  std::size_t next = 0;
  std::size_t dotted = 0;

  // Pass 1: the structure of every name, so a malformed encoding is reported
  // as such even when an earlier name also has a bad character.
  for (std::size_t offset = 0; offset < v.size(); offset = next) {
    const OptionError e = walk_name(v, offset, next, dotted,
                                    [](std::span<const std::uint8_t>, bool) noexcept {
                                      return OptionError::None;
                                    });
    if (e != OptionError::None) return make_error(e);
  }

  // Pass 2: characters, then output (OutputFull only once all else is valid).
  TextSink sink(text);
  std::size_t count = 0;
  bool names_full = false;
  for (std::size_t offset = 0; offset < v.size(); offset = next) {
    const std::size_t begin = sink.used();
    const OptionError e = walk_name(
        v, offset, next, dotted,
        [&sink](std::span<const std::uint8_t> label, bool first) noexcept {
          LabelChecker checker(/*allow_underscore=*/true);
          ByteReader r(label);
          std::uint8_t c = 0;
          while (r.read_u8(c)) {
            if (const OptionError err = checker.add(c); err != OptionError::None) return err;
          }
          if (const OptionError err = checker.finish(); err != OptionError::None) return err;
          if (!first) sink.put('.');
          ByteReader copy(label);
          while (copy.read_u8(c)) sink.put(static_cast<char>(c));
          return OptionError::None;
        });
    if (e != OptionError::None) return make_error(e);
    if (dotted == 0) continue;  // the root name: skipped (see the header)
    if (count >= names.size()) {
      names_full = true;
    } else if (!sink.full()) {
      names[count] = sink.view(begin, dotted);
    }
    ++count;
  }
  if (count == 0) return make_error(OptionError::Empty);
  if (names_full || sink.full()) return make_error(OptionError::OutputFull);
  return count;
}

}  // namespace dhcpcore
