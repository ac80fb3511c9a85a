// arp.cpp: ARP (RFC 826) and address conflict detection (RFC 5227).
#include "dhcpcore/parsers/arp.hpp"

#include <algorithm>

#include "dhcpcore/parsers/byte_reader.hpp"
#include "dhcpcore/parsers/byte_writer.hpp"

namespace dhcpcore {

namespace {

constexpr std::uint16_t kArpHtypeEthernet = 1;
constexpr std::uint8_t kMacLength = 6;
constexpr std::uint8_t kIpv4Length = 4;

// build_request writes the broadcast Ethernet frame of an ARP request from
// own_mac with the given sender and target IP (target MAC all zeroes).
Result<std::size_t, BuildError> build_request(const MacAddr& own_mac, Ipv4Addr sender_ip, Ipv4Addr target_ip,
                                              std::span<std::uint8_t> out) noexcept {
  if (out.size() < kArpFrameSize) return make_error(BuildError::BufferTooSmall);
  ArpPacket p;
  p.op = ArpOp::Request;
  p.sender_mac = own_mac;
  p.sender_ip = sender_ip;
  p.target_ip = target_ip;
  EthernetFrame eth;
  eth.dst = kBroadcastMac;
  eth.src = own_mac;
  eth.ethertype = kEtherTypeArp;
  auto header = eth.emit_header(out);
  if (!header) return make_error(header.error());
  auto body = p.emit(out.subspan(header.value()));
  if (!body) return make_error(body.error());
  return header.value() + body.value();
}

}  // namespace

const char* to_string(ArpError e) noexcept {
  switch (e) {
    case ArpError::None: return "None";
    case ArpError::Truncated: return "Truncated";
    case ArpError::BadEthernet: return "BadEthernet";
    case ArpError::NotArp: return "NotArp";
    case ArpError::NotEthernetIpv4: return "NotEthernetIpv4";
    case ArpError::BadOperation: return "BadOperation";
  }
  return "Unknown";
}

const char* to_string(ArpConflict c) noexcept {
  switch (c) {
    case ArpConflict::None: return "None";
    case ArpConflict::AddressInUse: return "AddressInUse";
    case ArpConflict::ProbeCollision: return "ProbeCollision";
  }
  return "Unknown";
}

Result<ArpPacket, ArpError> ArpPacket::parse(std::span<const std::uint8_t> data) noexcept {
  ByteReader r(data);
  auto fixed = r.take(kArpPacketSize);
  if (!fixed) return make_error(ArpError::Truncated);
  const std::span<const std::uint8_t, kArpPacketSize> b = fixed->first<kArpPacketSize>();
  if (load_u16(b.subspan<kArpHtypeOffset, 2>()) != kArpHtypeEthernet ||
      load_u16(b.subspan<kArpPtypeOffset, 2>()) != kEtherTypeIpv4 || b[kArpHlenOffset] != kMacLength ||
      b[kArpPlenOffset] != kIpv4Length) {
    return make_error(ArpError::NotEthernetIpv4);
  }
  const std::uint16_t oper = load_u16(b.subspan<kArpOperOffset, 2>());
  if (oper != static_cast<std::uint16_t>(ArpOp::Request) && oper != static_cast<std::uint16_t>(ArpOp::Reply)) {
    return make_error(ArpError::BadOperation);
  }
  ArpPacket p;
  p.op = static_cast<ArpOp>(oper);
  p.sender_mac = load_mac(b.subspan<kArpShaOffset, 6>());
  p.sender_ip = Ipv4Addr::from_bytes(b.subspan<kArpSpaOffset, 4>());
  p.target_mac = load_mac(b.subspan<kArpThaOffset, 6>());
  p.target_ip = Ipv4Addr::from_bytes(b.subspan<kArpTpaOffset, 4>());
  return p;
}

Result<std::size_t, BuildError> ArpPacket::emit(std::span<std::uint8_t> out) const noexcept {
  if (out.size() < kArpPacketSize) return make_error(BuildError::BufferTooSmall);
  ByteWriter w(out);
  w.put_u16(kArpHtypeEthernet);
  w.put_u16(kEtherTypeIpv4);
  w.put_u8(kMacLength);
  w.put_u8(kIpv4Length);
  w.put_u16(static_cast<std::uint16_t>(op));
  w.put_bytes(sender_mac);
  w.put_bytes(sender_ip.octets());
  w.put_bytes(target_mac);
  w.put_bytes(target_ip.octets());
  if (!w.ok() || w.size() != kArpPacketSize) return make_error(BuildError::BufferTooSmall);  // unreachable
  return w.size();
}

Result<ArpFrame, ArpError> decode_arp_frame(std::span<const std::uint8_t> frame) noexcept {
  auto eth = EthernetFrame::parse(frame);
  if (!eth) {
    return make_error(eth.error() == EthernetError::Truncated ? ArpError::Truncated : ArpError::BadEthernet);
  }
  if (eth->ethertype != kEtherTypeArp) return make_error(ArpError::NotArp);
  auto arp = ArpPacket::parse(eth->payload);
  if (!arp) return make_error(arp.error());
  return ArpFrame{eth->src, eth->dst, arp.value()};
}

Result<std::size_t, BuildError> build_arp_probe(const MacAddr& own_mac, Ipv4Addr candidate,
                                                std::span<std::uint8_t> out) noexcept {
  return build_request(own_mac, Ipv4Addr(), candidate, out);
}

Result<std::size_t, BuildError> build_arp_announcement(const MacAddr& own_mac, Ipv4Addr address,
                                                       std::span<std::uint8_t> out) noexcept {
  return build_request(own_mac, address, address, out);
}

ArpConflict arp_conflict(const ArpPacket& packet, Ipv4Addr address, const MacAddr& own_mac,
                         bool probing) noexcept {
  if (packet.sender_mac == own_mac) return ArpConflict::None;
  if (packet.sender_ip == address) return ArpConflict::AddressInUse;
  if (probing && packet.op == ArpOp::Request && packet.sender_ip.is_unspecified() && packet.target_ip == address) {
    return ArpConflict::ProbeCollision;
  }
  return ArpConflict::None;
}

}  // namespace dhcpcore
