// dhcp_options_fuzzer: the option walk (PAD, END, overload into file and
// sname, RFC 3396 concatenation) and every typed decoder of dhcp_options.hpp
// on every value the walk yields.
//
// Input (ByteSource): file length (u8, at most 128), the file field bytes,
// sname length (u8, at most 64), the sname field bytes, then the options
// area. The header around them is a fixed BOOTREPLY, so every mutation lands
// in option bytes.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "invariants.hpp"

namespace {

using namespace dhcpcore;

bool name_char(char c, bool underscore) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         (underscore && c == '_');
}

// check_name: a decoded 12/15/119 name: 1..253 characters, no trailing '.',
// labels 1..63 of the allowed characters, none starting or ending with '-'.
void check_name(std::string_view name, bool underscore) {
  FUZZ_CHECK(!name.empty() && name.size() <= kMaxDomainNameLength);
  FUZZ_CHECK(name.back() != '.');
  std::size_t start = 0;
  while (start <= name.size()) {
    const std::size_t dot = std::min(name.find('.', start), name.size());
    const std::string_view label = name.substr(start, dot - start);
    FUZZ_CHECK(!label.empty() && label.size() <= kMaxDomainLabelLength);
    FUZZ_CHECK(label.front() != '-' && label.back() != '-');
    for (const char c : label) FUZZ_CHECK(name_char(c, underscore));
    start = dot + 1;
  }
}

// A decoded 12/15/66/67 value is a prefix view of v; what follows it is an
// optional '.' (12/15 only) and NULs.
void check_text_view(std::string_view s, std::span<const std::uint8_t> v, bool dot_allowed) {
  FUZZ_CHECK(static_cast<const void*>(s.data()) == static_cast<const void*>(v.data()) && s.size() <= v.size());
  auto rest = v.subspan(s.size());
  if (dot_allowed && !rest.empty() && rest[0] == '.') rest = rest.subspan(1);
  FUZZ_CHECK(std::all_of(rest.begin(), rest.end(), [](std::uint8_t b) { return b == 0; }));
}

void check_classless(std::span<const std::uint8_t> v) {
  static std::array<ClasslessRoute, kMaxOptionLength / 5 + 1> all;
  std::size_t decoded = 0;
  const auto r = decode_classless_routes(v, all, &decoded);
  // The reader is the reference walk.
  ClasslessRouteReader reader(v);
  ClasslessRoute cr;
  std::size_t n = 0;
  while (reader.next(cr)) {
    FUZZ_CHECK(n < all.size() && all[n] == cr);
    FUZZ_CHECK(cr.dest.len <= 32 && cr.dest == cr.dest.masked());
    ++n;
  }
  FUZZ_CHECK(!reader.next(cr));  // stays at its end / error
  FUZZ_CHECK(decoded == n);
  if (v.empty()) {
    FUZZ_CHECK(!r && r.error() == OptionError::Empty);
  } else if (reader.error() == OptionError::None) {
    FUZZ_CHECK(r && r.value() == n);
  } else {
    FUZZ_CHECK(!r && r.error() == reader.error());
  }
  // With room for 4 routes: OutputFull exactly when a fifth well-formed one
  // comes before any error.
  std::array<ClasslessRoute, 4> few{};
  std::size_t few_decoded = 0;
  const auto s = decode_classless_routes(v, few, &few_decoded);
  if (n > few.size()) {
    FUZZ_CHECK(!s && s.error() == OptionError::OutputFull && few_decoded == few.size());
  } else {
    FUZZ_CHECK(s.ok() == r.ok() && few_decoded == n);
    if (!s) FUZZ_CHECK(s.error() == r.error());
  }
}

void check_domain_search(std::span<const std::uint8_t> v) {
  // Sized as documented: v.size() / 2 names of 253 characters always fit.
  static std::array<char, kMaxOptionLength / 2 * kMaxDomainNameLength> text;
  static std::array<std::string_view, kMaxOptionLength / 2> names;
  const std::size_t max_names = v.size() / 2;
  const auto r = decode_domain_search(v, std::span<char>(text).first(max_names * kMaxDomainNameLength),
                                      std::span<std::string_view>(names).first(max_names));
  if (v.empty()) FUZZ_CHECK(!r && r.error() == OptionError::Empty);
  FUZZ_CHECK(r.ok() || r.error() != OptionError::OutputFull);
  if (r) {
    FUZZ_CHECK(r.value() >= 1 && r.value() <= max_names);
    for (std::size_t i = 0; i < r.value(); ++i) check_name(names[i], true);
  }
  // Small storage: the same error, or the same names, or OutputFull.
  std::array<char, 64> small_text{};
  std::array<std::string_view, 2> small_names{};
  const auto s = decode_domain_search(v, small_text, small_names);
  if (!r) {
    FUZZ_CHECK(!s && s.error() == r.error());
  } else if (s) {
    FUZZ_CHECK(s.value() == r.value());
    for (std::size_t i = 0; i < s.value(); ++i) FUZZ_CHECK(small_names[i] == names[i]);
  } else {
    FUZZ_CHECK(s.error() == OptionError::OutputFull);
  }
}

// check_decoders: every typed decoder on v; each accepts exactly its
// documented lengths and values.
void check_decoders(std::span<const std::uint8_t> v) {
  const std::size_t n = v.size();
  const auto mt = decode_message_type(v);
  FUZZ_CHECK(mt.ok() == (n == 1 && v[0] >= 1 && v[0] <= 18));
  if (mt) FUZZ_CHECK(mt.value() == v[0]);
  const auto u = decode_u32(v);
  FUZZ_CHECK(u.ok() == (n == 4));
  if (u) FUZZ_CHECK(u.value() == model::load_be32(v));
  const auto a = decode_address(v);
  FUZZ_CHECK(a.ok() == (n == 4));
  if (a) FUZZ_CHECK(a.value().value() == model::load_be32(v));
  const auto ov = decode_overload(v);
  FUZZ_CHECK(ov.ok() == (n == 1 && v[0] >= 1 && v[0] <= 3));
  const auto mm = decode_max_message_size(v);
  FUZZ_CHECK(mm.ok() == (n == 2 && ((v[0] << 8) | v[1]) >= 576));
  const auto rc = decode_rapid_commit(v);
  FUZZ_CHECK(rc.ok() == (n == 0));
  const auto al = decode_address_list(v);
  FUZZ_CHECK(al.ok() == (n > 0 && n % 4 == 0));
  if (al) FUZZ_CHECK(al->size() == n / 4 && (*al)[al->size() - 1].value() == model::load_be32(v.subspan(n - 4)));
  const auto sr = decode_static_routes(v);
  FUZZ_CHECK(sr.ok() == (n > 0 && n % 8 == 0));
  if (sr) FUZZ_CHECK(sr->size() == n / 8 && (*sr)[0].router.value() == model::load_be32(v.subspan(4)));
  const auto pl = decode_parameter_list(v);
  FUZZ_CHECK(pl.ok() == (n > 0));
  if (pl) FUZZ_CHECK(pl->data() == v.data() && pl->size() == n);
  const auto ci = decode_client_id(v);
  FUZZ_CHECK(ci.ok() == (n >= 2));
  if (const auto h = decode_hostname(v)) {
    check_name(h.value(), false);
    check_text_view(h.value(), v, true);
  }
  if (const auto d = decode_domain_name(v)) {
    check_name(d.value(), true);
    check_text_view(d.value(), v, true);
  }
  if (const auto t = decode_text(v)) {
    FUZZ_CHECK(!t->empty());
    for (const char c : t.value()) FUZZ_CHECK(c >= 0x20 && c <= 0x7e);
    check_text_view(t.value(), v, false);
  }
  check_classless(v);
  check_domain_search(v);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static std::array<std::uint8_t, kMaxDhcpMessageSize> payload;
  fuzz::ByteSource src({data, size});
  const auto file = src.bytes(std::min<std::size_t>(src.u8(), kDhcpFileSize));
  const auto sname = src.bytes(std::min<std::size_t>(src.u8(), kDhcpSnameSize));
  const auto options = src.bytes(kMaxDhcpMessageSize - kDhcpOptionsOffset);
  std::fill(payload.begin(), payload.begin() + kDhcpOptionsOffset, std::uint8_t{0});
  payload[kDhcpOpOffset] = 2;
  payload[kDhcpHtypeOffset] = 1;
  payload[kDhcpHlenOffset] = 6;
  std::copy(file.begin(), file.end(), payload.begin() + kDhcpFileOffset);
  std::copy(sname.begin(), sname.end(), payload.begin() + kDhcpSnameOffset);
  std::copy(kMagicCookie.begin(), kMagicCookie.end(), payload.begin() + kDhcpCookieOffset);
  std::copy(options.begin(), options.end(), payload.begin() + kDhcpOptionsOffset);
  const std::span<const std::uint8_t> in(payload.data(), kDhcpOptionsOffset + options.size());

  const auto msg = DhcpMessage::parse(in);
  if (!msg) {
    FUZZ_CHECK(msg.error() != DhcpError::None && msg.error() != DhcpError::Truncated &&
               msg.error() != DhcpError::BadMagicCookie && msg.error() != DhcpError::MessageTooLarge);
    return 0;
  }
  const DhcpMessage& m = msg.value();
  fuzz::check_message(m, in);
  static std::array<std::uint8_t, kMaxOptionLength> scratch;
  for (unsigned c = 1; c < 255; ++c) {
    const auto code = static_cast<std::uint8_t>(c);
    if (!m.has(code)) continue;
    const auto joined = m.concatenated(code, scratch);
    FUZZ_CHECK(joined.has_value());
    check_decoders(*joined);
    if (m.count(code) > 1) check_decoders(m.first(code));
  }
  return 0;
}
