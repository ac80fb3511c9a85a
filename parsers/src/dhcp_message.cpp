// dhcp_message.cpp: DHCPv4 message parse, option index and builder.
#include "dhcpcore/parsers/dhcp_message.hpp"

#include <algorithm>
#include <limits>

#include "dhcpcore/parsers/byte_reader.hpp"
#include "dhcpcore/parsers/byte_writer.hpp"

namespace dhcpcore {

namespace {

using Fixed = std::span<const std::uint8_t, kDhcpMinMessageSize>;
using FixedOut = std::span<std::uint8_t, kDhcpMinMessageSize>;

// u8_at reads the byte at a compile-time offset of the fixed 240 bytes; the
// offset is checked against the fixed extent at compile time.
template <std::size_t Off>
std::uint8_t u8_at(Fixed h) noexcept {
  static_assert(Off < kDhcpMinMessageSize);
  return h[Off];
}

template <std::size_t N>
void copy_field(std::span<const std::uint8_t, N> from, std::array<std::uint8_t, N>& to) noexcept {
  std::ranges::copy(from, to.begin());
}

DhcpHeader read_header(Fixed h) noexcept {
  DhcpHeader d;
  d.op = u8_at<kDhcpOpOffset>(h);
  d.htype = u8_at<kDhcpHtypeOffset>(h);
  d.hlen = u8_at<kDhcpHlenOffset>(h);
  d.hops = u8_at<kDhcpHopsOffset>(h);
  d.xid = load_u32(h.subspan<kDhcpXidOffset, 4>());
  d.secs = load_u16(h.subspan<kDhcpSecsOffset, 2>());
  d.flags = load_u16(h.subspan<kDhcpFlagsOffset, 2>());
  d.ciaddr = Ipv4Addr::from_bytes(h.subspan<kDhcpCiaddrOffset, 4>());
  d.yiaddr = Ipv4Addr::from_bytes(h.subspan<kDhcpYiaddrOffset, 4>());
  d.siaddr = Ipv4Addr::from_bytes(h.subspan<kDhcpSiaddrOffset, 4>());
  d.giaddr = Ipv4Addr::from_bytes(h.subspan<kDhcpGiaddrOffset, 4>());
  copy_field(h.subspan<kDhcpChaddrOffset, kDhcpChaddrSize>(), d.chaddr);
  copy_field(h.subspan<kDhcpSnameOffset, kDhcpSnameSize>(), d.sname);
  copy_field(h.subspan<kDhcpFileOffset, kDhcpFileSize>(), d.file);
  return d;
}

void write_header(FixedOut h, const DhcpHeader& d) noexcept {
  h[kDhcpOpOffset] = d.op;
  h[kDhcpHtypeOffset] = d.htype;
  h[kDhcpHlenOffset] = d.hlen;
  h[kDhcpHopsOffset] = d.hops;
  store_u32(h.subspan<kDhcpXidOffset, 4>(), d.xid);
  store_u16(h.subspan<kDhcpSecsOffset, 2>(), d.secs);
  store_u16(h.subspan<kDhcpFlagsOffset, 2>(), d.flags);
  store_u32(h.subspan<kDhcpCiaddrOffset, 4>(), d.ciaddr.value());
  store_u32(h.subspan<kDhcpYiaddrOffset, 4>(), d.yiaddr.value());
  store_u32(h.subspan<kDhcpSiaddrOffset, 4>(), d.siaddr.value());
  store_u32(h.subspan<kDhcpGiaddrOffset, 4>(), d.giaddr.value());
  std::ranges::copy(d.chaddr, h.subspan<kDhcpChaddrOffset, kDhcpChaddrSize>().begin());
  std::ranges::copy(d.sname, h.subspan<kDhcpSnameOffset, kDhcpSnameSize>().begin());
  std::ranges::copy(d.file, h.subspan<kDhcpFileOffset, kDhcpFileSize>().begin());
  std::ranges::copy(kMagicCookie, h.subspan<kDhcpCookieOffset, 4>().begin());
}

constexpr std::size_t saturating_add(std::size_t a, std::size_t b) noexcept {
  return b > std::numeric_limits<std::size_t>::max() - a ? std::numeric_limits<std::size_t>::max()
                                                         : a + b;
}

// instance_count: how many wire instances data takes (RFC 3396 section 5
// splitting); empty data is one zero-length instance.
constexpr std::size_t instance_count(std::size_t data_size) noexcept {
  if (data_size == 0) return 1;
  return data_size / kMaxOptionInstanceLength + (data_size % kMaxOptionInstanceLength != 0 ? 1 : 0);
}

// option_wire_size: code + length byte per instance, plus the data.
constexpr std::size_t option_wire_size(std::size_t data_size) noexcept {
  const std::size_t n = instance_count(data_size);
  const std::size_t framing = n > std::numeric_limits<std::size_t>::max() / 2
                                  ? std::numeric_limits<std::size_t>::max()
                                  : 2 * n;
  return saturating_add(framing, data_size);
}

}  // namespace

const char* to_string(DhcpError e) noexcept {
  switch (e) {
    case DhcpError::None: return "None";
    case DhcpError::Truncated: return "Truncated";
    case DhcpError::MessageTooLarge: return "MessageTooLarge";
    case DhcpError::BadMagicCookie: return "BadMagicCookie";
    case DhcpError::TruncatedOption: return "TruncatedOption";
    case DhcpError::BadOverload: return "BadOverload";
    case DhcpError::OverloadInFileOrSname: return "OverloadInFileOrSname";
    case DhcpError::OptionTooLong: return "OptionTooLong";
  }
  return "Unknown";
}

Result<DhcpMessage, DhcpError> DhcpMessage::parse(std::span<const std::uint8_t> payload) noexcept {
  ByteReader r(payload);
  auto fixed = r.take(kDhcpMinMessageSize);
  if (!fixed) return make_error(DhcpError::Truncated);
  if (payload.size() > kMaxDhcpMessageSize) return make_error(DhcpError::MessageTooLarge);
  const Fixed h = fixed->first<kDhcpMinMessageSize>();
  if (!std::ranges::equal(h.subspan<kDhcpCookieOffset, 4>(), kMagicCookie)) {
    return make_error(DhcpError::BadMagicCookie);
  }

  DhcpMessage m;
  m.header_ = read_header(h);
  m.sname_ = h.subspan<kDhcpSnameOffset, kDhcpSnameSize>();
  m.file_ = h.subspan<kDhcpFileOffset, kDhcpFileSize>();
  m.options_area_ = r.rest();

  DhcpError error = DhcpError::None;
  bool overload_seen = false;
  // index_option records one instance; false (error set) to stop the walk.
  auto index_option = [&](OptionArea where, std::uint8_t code, std::size_t at,
                          std::span<const std::uint8_t> data) -> bool {
    if (code == opt::kOverload) {
      // RFC 2131 4.1: only the options field may say that file/sname hold
      // options; a 52 inside them would loop or contradict the first one.
      if (where != OptionArea::Options) {
        error = DhcpError::OverloadInFileOrSname;
        return false;
      }
      // RFC 2132 9.3: length 1, value 1..3; honoured once (a second 52 is
      // ambiguous, so it is rejected rather than guessed at).
      ByteReader v(data);
      std::uint8_t value = 0;
      if (overload_seen || data.size() != 1 || !v.read_u8(value) || value < 1 || value > 3) {
        error = DhcpError::BadOverload;
        return false;
      }
      overload_seen = true;
      m.overload_ = value;
    }
    // code is 1..254 here (the walker consumes PAD and END), so at most
    // kMaxIndexedCodes slots are ever used.
    if (m.slot_[code] == 0) {
      if (m.used_slots_ >= m.entries_.size()) {  // unreachable, kept as a guard
        error = DhcpError::OptionTooLong;
        return false;
      }
      m.entries_[m.used_slots_] = IndexEntry{static_cast<std::uint16_t>(at), 0, 0, where};
      ++m.used_slots_;
      m.slot_[code] = m.used_slots_;
    }
    IndexEntry& e = m.entries_[m.slot_[code] - 1u];
    const std::size_t total = std::size_t{e.total_length} + data.size();
    if (total > kMaxOptionLength) {
      error = DhcpError::OptionTooLong;
      return false;
    }
    e.total_length = static_cast<std::uint16_t>(total);
    ++e.count;  // cannot wrap: see the counter widths in the header
    return true;
  };

  // Options first (it decides overload), then file, then sname (RFC 2131 4.1).
  for (const OptionArea where : {OptionArea::Options, OptionArea::File, OptionArea::Sname}) {
    const DhcpError walk = detail::walk_option_area(
        m.area(where), 0, [&](std::uint8_t code, std::size_t at, std::span<const std::uint8_t> data) {
          return index_option(where, code, at, data);
        });
    if (error != DhcpError::None) return make_error(error);
    if (walk != DhcpError::None) return make_error(walk);
  }
  return m;
}

std::span<const std::uint8_t> DhcpMessage::area(OptionArea a) const noexcept {
  switch (a) {
    case OptionArea::Options: return options_area_;
    case OptionArea::File: return file_is_options() ? file_ : std::span<const std::uint8_t>{};
    case OptionArea::Sname: return sname_is_options() ? sname_ : std::span<const std::uint8_t>{};
  }
  return {};
}

std::size_t DhcpMessage::count(std::uint8_t code) const noexcept {
  return has(code) ? entries_[slot_[code] - 1u].count : 0;
}

std::size_t DhcpMessage::total_length(std::uint8_t code) const noexcept {
  return has(code) ? entries_[slot_[code] - 1u].total_length : 0;
}

namespace {

// instance_at reads the option whose code byte is at `offset` in area: the
// index entry's first instance. parse() walked it, so it reads; an empty span
// if it somehow did not.
std::span<const std::uint8_t> instance_at(std::span<const std::uint8_t> area, std::size_t offset) noexcept {
  ByteReader r(area);
  ByteReader data;
  if (!r.skip(offset + 1) || !r.read_u8_length_prefixed(data)) return {};
  return data.rest();
}

}  // namespace

std::span<const std::uint8_t> DhcpMessage::first(std::uint8_t code) const noexcept {
  if (!has(code)) return {};
  const IndexEntry& e = entries_[slot_[code] - 1u];
  // The entry points at this code's first instance: read it directly rather
  // than through the walker.
  return instance_at(area(e.first_area), e.first_offset);
}

std::optional<std::span<const std::uint8_t>> DhcpMessage::fixed(std::uint8_t code,
                                                                std::size_t len) const noexcept {
  if (!has(code)) return std::nullopt;
  const IndexEntry& e = entries_[slot_[code] - 1u];
  // The common case: the first instance has the right length, or it is the
  // only one. Otherwise walk the instances (below).
  if (const auto data = instance_at(area(e.first_area), e.first_offset); data.size() == len) return data;
  if (e.count == 1) return std::nullopt;
  std::optional<std::span<const std::uint8_t>> out;
  std::size_t seen = 0;
  // From the first instance to the first one of the right length, never past
  // the last instance.
  walk_from(e.first_area, e.first_offset,
            [&](std::uint8_t c, OptionArea, std::size_t, std::span<const std::uint8_t> data) {
              if (c != code) return true;
              ++seen;
              if (data.size() == len) out = data;
              return !out && seen < e.count;
            });
  return out;
}

std::optional<std::span<const std::uint8_t>> DhcpMessage::concatenated(
    std::uint8_t code, std::span<std::uint8_t> scratch) const noexcept {
  if (!has(code)) return std::nullopt;
  if (count(code) == 1) return first(code);
  if (scratch.size() < total_length(code)) return std::nullopt;
  ByteWriter w(scratch);
  for_each_fragment(code, [&](const OptionFragment& f) { w.put_bytes(f.data); });
  if (!w.ok()) return std::nullopt;  // unreachable: total_length() fits
  return std::span<const std::uint8_t>(w.written());
}

std::uint8_t DhcpMessage::message_type() const noexcept {
  auto v = fixed(opt::kMessageType, 1);
  if (!v) return 0;
  ByteReader r(*v);
  std::uint8_t type = 0;
  return r.read_u8(type) ? type : 0;
}

// ---- Builder ----------------------------------------------------------------

std::size_t DhcpMessageRepr::wire_size() const noexcept {
  std::size_t n = kDhcpMinMessageSize + 1;  // header, cookie, END
  for (const OptionRef& o : options) n = saturating_add(n, option_wire_size(o.data.size()));
  return std::max(n, min_size);
}

Result<std::size_t, BuildError> DhcpMessageRepr::emit(std::span<std::uint8_t> out) const noexcept {
  // Content errors first, then size, so nothing is written on any error.
  // When all the option data together is within kMaxOptionLength, no code's
  // total can exceed it, so the first error in option order is the first bad
  // code (a client's message holds a few dozen bytes of options). Otherwise
  // codes and per-code totals are checked together, in option order.
  std::size_t all_data = 0;
  bool bad_code = false;
  for (const OptionRef& o : options) {
    bad_code = bad_code || o.code == opt::kPad || o.code == opt::kEnd;
    all_data = saturating_add(all_data, o.data.size());
  }
  if (all_data <= kMaxOptionLength) {
    if (bad_code) return make_error(BuildError::BadOptionCode);
  } else {
    // Totals stay <= kMaxOptionLength (checked before each add): 16 bits.
    static_assert(kMaxOptionLength <= 0xffff);
    std::array<std::uint16_t, 256> totals{};
    for (const OptionRef& o : options) {
      if (o.code == opt::kPad || o.code == opt::kEnd) return make_error(BuildError::BadOptionCode);
      if (o.data.size() > kMaxOptionLength - totals[o.code]) return make_error(BuildError::OptionTooLong);
      totals[o.code] = static_cast<std::uint16_t>(totals[o.code] + o.data.size());
    }
  }
  const std::size_t size = wire_size();
  if (size > kMaxDhcpMessageSize) return make_error(BuildError::PayloadTooLarge);
  if (out.size() < size) return make_error(BuildError::BufferTooSmall);

  ByteWriter w(out);
  auto fixed = w.reserve(kDhcpMinMessageSize);
  if (!fixed) return make_error(BuildError::BufferTooSmall);
  write_header(fixed->first<kDhcpMinMessageSize>(), header);
  for (const OptionRef& o : options) {
    if (o.data.empty()) {
      w.put_u8(o.code);
      w.put_u8(0);
      continue;
    }
    // RFC 3396 section 5: split into consecutive instances of <= 255 bytes.
    ByteReader r(o.data);
    while (!r.empty()) {
      auto chunk = r.take(std::min(r.remaining(), kMaxOptionInstanceLength));
      if (!chunk) break;  // unreachable: at most remaining() bytes asked for
      w.put_u8(o.code);
      w.put_u8(static_cast<std::uint8_t>(chunk->size()));
      w.put_bytes(*chunk);
    }
  }
  w.put_u8(opt::kEnd);
  if (w.size() < size) w.put_zeros(size - w.size());
  if (!w.ok() || w.size() != size) return make_error(BuildError::BufferTooSmall);
  return w.size();
}

}  // namespace dhcpcore
