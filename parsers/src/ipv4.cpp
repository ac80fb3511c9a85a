// ipv4.cpp: IPv4 header view, parse and emit.
#include "dhcpcore/parsers/ipv4.hpp"

#include <algorithm>

#include "dhcpcore/parsers/byte_reader.hpp"
#include "dhcpcore/parsers/byte_writer.hpp"

namespace dhcpcore {

namespace {

using Header = std::span<const std::uint8_t, kIpv4MinHeaderSize>;

// u8_at reads the byte at a compile-time offset of the fixed header; the
// offset is checked against the header's fixed extent at compile time.
template <std::size_t Off>
std::uint8_t u8_at(Header h) noexcept {
  static_assert(Off < kIpv4MinHeaderSize);
  return h[Off];
}

// check_lengths: PayloadTooLarge when a length field cannot describe the
// packet (options not expressible in IHL, total over 65535), else None.
BuildError check_lengths(std::size_t options_size, std::size_t payload_size) noexcept {
  if (options_size > kIpv4MaxOptionsSize || options_size % 4 != 0) return BuildError::PayloadTooLarge;
  if (payload_size > kIpv4MaxTotalLength - kIpv4MinHeaderSize - options_size) {
    return BuildError::PayloadTooLarge;
  }
  return BuildError::None;
}

}  // namespace

const char* to_string(Ipv4Error e) noexcept {
  switch (e) {
    case Ipv4Error::None: return "None";
    case Ipv4Error::Truncated: return "Truncated";
    case Ipv4Error::BadVersion: return "BadVersion";
    case Ipv4Error::BadHeaderLength: return "BadHeaderLength";
    case Ipv4Error::HeaderExceedsBuffer: return "HeaderExceedsBuffer";
    case Ipv4Error::BadTotalLength: return "BadTotalLength";
    case Ipv4Error::TotalLengthExceedsBuffer: return "TotalLengthExceedsBuffer";
    case Ipv4Error::BadHeaderChecksum: return "BadHeaderChecksum";
    case Ipv4Error::Fragmented: return "Fragmented";
    case Ipv4Error::NotUdp: return "NotUdp";
  }
  return "Unknown";
}

Result<Ipv4Packet, Ipv4Error> Ipv4Packet::parse(std::span<const std::uint8_t> data,
                                                ChecksumMode mode) noexcept {
  ByteReader r(data);
  auto fixed = r.take(kIpv4MinHeaderSize);
  if (!fixed) return make_error(Ipv4Error::Truncated);
  const Header h = fixed->first<kIpv4MinHeaderSize>();

  const std::uint8_t version_ihl = u8_at<kIpv4VersionIhlOffset>(h);
  if ((version_ihl >> 4) != 4) return make_error(Ipv4Error::BadVersion);
  const std::size_t header_size = std::size_t{version_ihl & 0x0fu} * 4;
  if (header_size < kIpv4MinHeaderSize) return make_error(Ipv4Error::BadHeaderLength);
  auto options = r.take(header_size - kIpv4MinHeaderSize);
  if (!options) return make_error(Ipv4Error::HeaderExceedsBuffer);

  const std::size_t total_length = load_u16(h.subspan<kIpv4TotalLengthOffset, 2>());
  if (total_length < header_size) return make_error(Ipv4Error::BadTotalLength);
  auto payload = r.take(total_length - header_size);
  if (!payload) return make_error(Ipv4Error::TotalLengthExceedsBuffer);
  // Whatever r still holds is link-layer padding: ignored.

  if (mode != ChecksumMode::Skip) {
    InternetChecksum c;
    c.add(h);
    c.add(*options);
    if (c.checksum() != 0) return make_error(Ipv4Error::BadHeaderChecksum);
  }

  const std::uint16_t flags_fragment = load_u16(h.subspan<kIpv4FlagsFragmentOffset, 2>());
  if ((flags_fragment & kIpv4FlagMoreFragments) != 0 ||
      (flags_fragment & kIpv4FragmentOffsetMask) != 0) {
    return make_error(Ipv4Error::Fragmented);
  }

  Ipv4Packet p;
  p.tos = u8_at<kIpv4TosOffset>(h);
  p.identification = load_u16(h.subspan<kIpv4IdentificationOffset, 2>());
  p.dont_fragment = (flags_fragment & kIpv4FlagDontFragment) != 0;
  p.ttl = u8_at<kIpv4TtlOffset>(h);
  p.protocol = u8_at<kIpv4ProtocolOffset>(h);
  p.src = Ipv4Addr::from_bytes(h.subspan<kIpv4SrcOffset, 4>());
  p.dst = Ipv4Addr::from_bytes(h.subspan<kIpv4DstOffset, 4>());
  p.options = *options;
  p.payload = *payload;
  return p;
}

Result<std::size_t, BuildError> Ipv4Packet::emit_header(std::span<std::uint8_t> out,
                                                        std::size_t payload_size) const noexcept {
  if (auto e = check_lengths(options.size(), payload_size); e != BuildError::None) {
    return make_error(e);
  }
  const std::size_t hsize = header_size();
  if (out.size() < hsize) return make_error(BuildError::BufferTooSmall);

  ByteWriter w(out);
  auto fixed = w.reserve(kIpv4MinHeaderSize);
  w.put_bytes(options);
  if (!fixed || !w.ok()) return make_error(BuildError::BufferTooSmall);
  const std::span<std::uint8_t, kIpv4MinHeaderSize> h = fixed->first<kIpv4MinHeaderSize>();

  h[kIpv4VersionIhlOffset] = static_cast<std::uint8_t>(0x40u | (hsize / 4));
  h[kIpv4TosOffset] = tos;
  store_u16(h.subspan<kIpv4TotalLengthOffset, 2>(), static_cast<std::uint16_t>(hsize + payload_size));
  store_u16(h.subspan<kIpv4IdentificationOffset, 2>(), identification);
  store_u16(h.subspan<kIpv4FlagsFragmentOffset, 2>(), dont_fragment ? kIpv4FlagDontFragment : 0);
  h[kIpv4TtlOffset] = ttl;
  h[kIpv4ProtocolOffset] = protocol;
  store_u16(h.subspan<kIpv4ChecksumOffset, 2>(), 0);
  store_u32(h.subspan<kIpv4SrcOffset, 4>(), src.value());
  store_u32(h.subspan<kIpv4DstOffset, 4>(), dst.value());

  InternetChecksum c;
  c.add(w.written());
  store_u16(h.subspan<kIpv4ChecksumOffset, 2>(), c.checksum());
  return w.size();
}

Result<std::size_t, BuildError> Ipv4Packet::emit(std::span<std::uint8_t> out) const noexcept {
  // Representability first (PayloadTooLarge), then room, so nothing is
  // written on any error.
  if (auto e = check_lengths(options.size(), payload.size()); e != BuildError::None) {
    return make_error(e);
  }
  if (out.size() < wire_size()) return make_error(BuildError::BufferTooSmall);
  auto h = emit_header(out, payload.size());
  if (!h) return h;
  ByteWriter w(out.subspan(h.value()));
  w.put_bytes(payload);
  if (!w.ok()) return make_error(BuildError::BufferTooSmall);
  return h.value() + w.size();
}

bool operator==(const Ipv4Packet& a, const Ipv4Packet& b) noexcept {
  return a.tos == b.tos && a.identification == b.identification &&
         a.dont_fragment == b.dont_fragment && a.ttl == b.ttl && a.protocol == b.protocol &&
         a.src == b.src && a.dst == b.dst && std::ranges::equal(a.options, b.options) &&
         std::ranges::equal(a.payload, b.payload);
}

}  // namespace dhcpcore
