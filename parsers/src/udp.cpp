// udp.cpp: UDP header view, parse and emit.
#include "dhcpcore/parsers/udp.hpp"

#include <algorithm>

#include "dhcpcore/parsers/byte_reader.hpp"
#include "dhcpcore/parsers/byte_writer.hpp"
#include "dhcpcore/parsers/ipv4.hpp"

namespace dhcpcore {

namespace {

// add_pseudo_header adds the RFC 768 IPv4 pseudo-header: source, destination,
// a zero byte, the protocol, the UDP length.
void add_pseudo_header(InternetChecksum& c, Ipv4Addr src, Ipv4Addr dst, std::uint16_t udp_length) noexcept {
  c.add_ipv4(src);
  c.add_ipv4(dst);
  c.add_u16(kIpProtocolUdp);  // a zero byte, then the protocol byte
  c.add_u16(udp_length);
}

}  // namespace

const char* to_string(UdpError e) noexcept {
  switch (e) {
    case UdpError::None: return "None";
    case UdpError::Truncated: return "Truncated";
    case UdpError::BadLength: return "BadLength";
    case UdpError::LengthExceedsPayload: return "LengthExceedsPayload";
    case UdpError::BadChecksum: return "BadChecksum";
    case UdpError::WrongPort: return "WrongPort";
  }
  return "Unknown";
}

Result<UdpDatagram, UdpError> UdpDatagram::parse(std::span<const std::uint8_t> ip_payload, Ipv4Addr src,
                                                 Ipv4Addr dst, ChecksumMode mode) noexcept {
  ByteReader r(ip_payload);
  auto fixed = r.take(kUdpHeaderSize);
  if (!fixed) return make_error(UdpError::Truncated);
  const std::span<const std::uint8_t, kUdpHeaderSize> h = fixed->first<kUdpHeaderSize>();

  const std::uint16_t length = load_u16(h.subspan<kUdpLengthOffset, 2>());
  if (length < kUdpHeaderSize) return make_error(UdpError::BadLength);
  auto payload = r.take(length - kUdpHeaderSize);
  if (!payload) return make_error(UdpError::LengthExceedsPayload);
  // Bytes after `length` are ignored.

  const std::uint16_t checksum = load_u16(h.subspan<kUdpChecksumOffset, 2>());
  bool offloaded = false;
  if (mode != ChecksumMode::Skip && checksum != 0) {
    InternetChecksum c;
    add_pseudo_header(c, src, dst, length);
    const std::uint16_t pseudo_sum = c.sum();
    c.add(h);
    c.add(*payload);
    if (c.checksum() != 0) {
      offloaded = mode == ChecksumMode::AcceptOffloaded && checksum == pseudo_sum;
      if (!offloaded) return make_error(UdpError::BadChecksum);
    }
  }

  UdpDatagram d;
  d.checksum_offloaded = offloaded;
  d.src_port = load_u16(h.subspan<kUdpSrcPortOffset, 2>());
  d.dst_port = load_u16(h.subspan<kUdpDstPortOffset, 2>());
  d.payload = *payload;
  return d;
}

Result<std::size_t, BuildError> UdpDatagram::emit(std::span<std::uint8_t> out, Ipv4Addr src,
                                                  Ipv4Addr dst) const noexcept {
  if (payload.size() > kUdpMaxLength - kUdpHeaderSize) return make_error(BuildError::PayloadTooLarge);
  const std::size_t n = wire_size();
  if (out.size() < n) return make_error(BuildError::BufferTooSmall);
  const auto length = static_cast<std::uint16_t>(n);

  ByteWriter w(out);
  auto fixed = w.reserve(kUdpHeaderSize);
  w.put_bytes(payload);
  if (!fixed || !w.ok()) return make_error(BuildError::BufferTooSmall);
  const std::span<std::uint8_t, kUdpHeaderSize> h = fixed->first<kUdpHeaderSize>();
  store_u16(h.subspan<kUdpSrcPortOffset, 2>(), src_port);
  store_u16(h.subspan<kUdpDstPortOffset, 2>(), dst_port);
  store_u16(h.subspan<kUdpLengthOffset, 2>(), length);
  store_u16(h.subspan<kUdpChecksumOffset, 2>(), 0);

  InternetChecksum c;
  add_pseudo_header(c, src, dst, length);
  c.add(w.written());
  const std::uint16_t sum = c.checksum();
  // 0 on the wire means "no checksum"; a computed 0 is sent as its other
  // one's-complement representation (RFC 768).
  store_u16(h.subspan<kUdpChecksumOffset, 2>(), sum == 0 ? std::uint16_t{0xffff} : sum);
  return w.size();
}

bool operator==(const UdpDatagram& a, const UdpDatagram& b) noexcept {
  return a.src_port == b.src_port && a.dst_port == b.dst_port && std::ranges::equal(a.payload, b.payload);
}

}  // namespace dhcpcore
