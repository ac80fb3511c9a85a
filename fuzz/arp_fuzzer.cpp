// arp_fuzzer: a received frame as the address conflict detection socket
// reads it: decode_arp_frame, then RFC 5227's conflict rule for an address
// and MAC the input also chooses.
// Input: 4 bytes of address, 6 of MAC, 1 flag byte (bit 0: probing), then
// the frame.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "dhcpcore/parsers/arp.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace dhcpcore;
  fuzz::ByteSource src(std::span<const std::uint8_t>(data, size));
  const auto addr_bytes = src.bytes(4);
  std::array<std::uint8_t, 4> a{};
  std::copy(addr_bytes.begin(), addr_bytes.end(), a.begin());
  const Ipv4Addr address(a[0], a[1], a[2], a[3]);
  MacAddr own{};
  const auto mac_bytes = src.bytes(6);
  std::copy(mac_bytes.begin(), mac_bytes.end(), own.begin());
  const bool probing = src.flag();
  const std::span<const std::uint8_t> frame = src.rest();

  const auto f = decode_arp_frame(frame);
  if (!f) {
    FUZZ_CHECK(f.error() != ArpError::None);
    return 0;
  }
  const ArpPacket& p = f->arp;
  FUZZ_CHECK(p.op == ArpOp::Request || p.op == ArpOp::Reply);
  FUZZ_CHECK(frame.size() >= kArpFrameSize);

  // The packet round-trips through emit, and emit writes bytes the frame
  // holds (the 28 after its Ethernet header).
  std::array<std::uint8_t, kArpPacketSize> out{};
  const auto n = p.emit(out);
  FUZZ_CHECK(n.ok() && n.value() == kArpPacketSize);
  FUZZ_CHECK(ArpPacket::parse(out).ok() && ArpPacket::parse(out).value() == p);
  FUZZ_CHECK(std::search(frame.begin(), frame.end(), out.begin(), out.end()) != frame.end());

  // The conflict rule, checked against RFC 5227 read independently.
  const ArpConflict c = arp_conflict(p, address, own, probing);
  const bool ours = p.sender_mac == own;
  const bool claims = p.sender_ip == address;
  const bool probe_for_it = p.op == ArpOp::Request && p.sender_ip.is_unspecified() && p.target_ip == address;
  if (ours) {
    FUZZ_CHECK(c == ArpConflict::None);
  } else if (claims) {
    FUZZ_CHECK(c == ArpConflict::AddressInUse);
  } else if (probing && probe_for_it) {
    FUZZ_CHECK(c == ArpConflict::ProbeCollision);
  } else {
    FUZZ_CHECK(c == ArpConflict::None);
  }
  // Probing only adds conflicts.
  if (arp_conflict(p, address, own, false) != ArpConflict::None) {
    FUZZ_CHECK(arp_conflict(p, address, own, true) == arp_conflict(p, address, own, false));
  }
  return 0;
}
