// ethernet.cpp: Ethernet II header with up to two VLAN tags.
#include "dhcpcore/parsers/ethernet.hpp"

#include <algorithm>

#include "dhcpcore/parsers/byte_reader.hpp"
#include "dhcpcore/parsers/byte_writer.hpp"

namespace dhcpcore {

const char* to_string(EthernetError e) noexcept {
  switch (e) {
    case EthernetError::None: return "None";
    case EthernetError::Truncated: return "Truncated";
    case EthernetError::TruncatedVlanTag: return "TruncatedVlanTag";
    case EthernetError::TooManyVlanTags: return "TooManyVlanTags";
    case EthernetError::NotIpv4: return "NotIpv4";
  }
  return "Unknown";
}

Result<EthernetFrame, EthernetError> EthernetFrame::parse(std::span<const std::uint8_t> data) noexcept {
  ByteReader r(data);
  auto fixed = r.take(kEthernetHeaderSize);
  if (!fixed) return make_error(EthernetError::Truncated);
  const std::span<const std::uint8_t, kEthernetHeaderSize> h = fixed->first<kEthernetHeaderSize>();

  EthernetFrame f;
  f.dst = load_mac(h.subspan<kEthernetDstOffset, 6>());
  f.src = load_mac(h.subspan<kEthernetSrcOffset, 6>());
  std::uint16_t type = load_u16(h.subspan<kEthernetTypeOffset, 2>());
  while (is_vlan_tpid(type)) {
    if (f.vlans.size() == kMaxVlanTags) return make_error(EthernetError::TooManyVlanTags);
    auto tag_bytes = r.take(kVlanTagSize);
    if (!tag_bytes) return make_error(EthernetError::TruncatedVlanTag);
    const std::span<const std::uint8_t, kVlanTagSize> t = tag_bytes->first<kVlanTagSize>();
    const VlanTag tag{type, load_u16(t.subspan<kVlanTciOffset, 2>())};
    if (!f.vlans.push(tag)) return make_error(EthernetError::TooManyVlanTags);  // unreachable: size checked above
    type = load_u16(t.subspan<kVlanNextTypeOffset, 2>());
  }
  f.ethertype = type;
  f.payload = r.rest();
  return f;
}

Result<std::size_t, BuildError> EthernetFrame::emit_header(std::span<std::uint8_t> out) const noexcept {
  const std::size_t n = header_size();
  if (out.size() < n) return make_error(BuildError::BufferTooSmall);
  ByteWriter w(out);
  w.put_bytes(dst);
  w.put_bytes(src);
  for (const VlanTag& t : vlans.tags()) {
    w.put_u16(t.tpid);
    w.put_u16(t.tci);
  }
  w.put_u16(ethertype);
  if (!w.ok()) return make_error(BuildError::BufferTooSmall);
  return w.size();
}

Result<std::size_t, BuildError> EthernetFrame::emit(std::span<std::uint8_t> out) const noexcept {
  if (out.size() < wire_size()) return make_error(BuildError::BufferTooSmall);
  auto h = emit_header(out);
  if (!h) return h;
  ByteWriter w(out.subspan(h.value()));
  w.put_bytes(payload);
  if (!w.ok()) return make_error(BuildError::BufferTooSmall);
  return h.value() + w.size();
}

bool operator==(const EthernetFrame& a, const EthernetFrame& b) noexcept {
  return a.dst == b.dst && a.src == b.src && a.vlans == b.vlans && a.ethertype == b.ethertype &&
         std::ranges::equal(a.payload, b.payload);
}

}  // namespace dhcpcore
