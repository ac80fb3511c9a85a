// frame_fuzzer: a whole received frame, Ethernet -> IPv4 -> UDP -> DHCP ->
// acceptable_lease -> routes (with and without a RoutePolicy) -> DNS servers.
// Input: the frame as read from an AF_PACKET socket.
//
// Under FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION the frame is decoded with
// checksums skipped (random bytes never carry valid checksums, so nothing
// above IPv4 would be reached); it is also decoded with checksums verified,
// and a frame that verifies must decode to the same views; and with offloaded
// UDP checksums accepted (checksum.hpp), which must differ from verifying
// only by such checksums.
#include <cstddef>
#include <cstdint>
#include <span>

#include "dhcpcore/parsers/frame.hpp"
#include "invariants.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace dhcpcore;
  const std::span<const std::uint8_t> in(data, size);
  DecodeOptions options;
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
  options.checksums = ChecksumMode::Skip;
#endif
  const auto verified = decode_ethernet_frame(in);
  const auto frame = decode_ethernet_frame(in, options);
  if (verified) {
    FUZZ_CHECK(frame.ok());
    FUZZ_CHECK(frame->dhcp.data() == verified->dhcp.data() && frame->dhcp.size() == verified->dhcp.size());
  }
  // AcceptOffloaded accepts what Verify accepts (reporting no offload), and
  // what it adds is exactly a UDP BadChecksum whose field held the
  // pseudo-header's sum; where it fails, it fails as Verify does, or later
  // than Verify's BadChecksum (past an offloaded checksum, e.g. WrongPort:
  // corpus/frame/offloaded_checksum_then_wrong_port.bin, found by this check).
  const auto offloaded = decode_ethernet_frame(in, DecodeOptions{ChecksumMode::AcceptOffloaded});
  if (verified) {
    FUZZ_CHECK(offloaded.ok() && !offloaded->udp.checksum_offloaded);
    FUZZ_CHECK(offloaded->dhcp.data() == verified->dhcp.data() && offloaded->dhcp.size() == verified->dhcp.size());
  } else if (offloaded) {
    FUZZ_CHECK(offloaded->udp.checksum_offloaded && verified.error() == frame_error(UdpError::BadChecksum));
  } else {
    FUZZ_CHECK(offloaded.error() == verified.error() || verified.error() == frame_error(UdpError::BadChecksum));
  }
  if (!frame) return 0;
  const DecodedFrame& f = frame.value();
  FUZZ_CHECK(f.eth.has_value());
  FUZZ_CHECK(fuzz::within(f.dhcp, in));
  FUZZ_CHECK(f.dhcp.data() == f.udp.payload.data() && f.dhcp.size() == f.udp.payload.size());
  FUZZ_CHECK(f.udp.dst_port == kDhcpClientPort);
  FUZZ_CHECK(f.ip.protocol == kIpProtocolUdp);
  FUZZ_CHECK(f.eth->vlans.size() <= kMaxVlanTags);
  // The same packet without its Ethernet header decodes to the same views.
  const auto packet = decode_ip_packet(in.subspan(f.eth->header_size()), options);
  FUZZ_CHECK(packet.ok() && !packet->eth.has_value());
  FUZZ_CHECK(packet->dhcp.data() == f.dhcp.data() && packet->dhcp.size() == f.dhcp.size());

  const auto msg = DhcpMessage::parse(f.dhcp);
  if (!msg) return 0;
  fuzz::check_message(msg.value(), f.dhcp);
  fuzz::check_lease(msg.value());
  return 0;
}
