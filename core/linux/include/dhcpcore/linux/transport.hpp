// transport.hpp: the two DHCP transports of the reference
// (transport/transport_broadcast.go, transport/transport_unicast.go).
//
// BroadcastTransport talks to every server of the link before the client has
// an address: an AF_PACKET SOCK_DGRAM socket for ETH_P_IP bound to the
// interface, with a classic BPF filter (beyond the reference: link-layer
// packet type host or broadcast; then the reference's: IPv4, UDP, not a
// fragment, UDP destination port 68), sending the parsers' client packet
// (0.0.0.0:68 -> 255.255.255.255:67, TOS CS7, TTL 1, DF) to the link
// broadcast address, and decoding what it receives with decode_ip_packet
// (lengths and checksums checked) down to the DHCP payload.
//
// UnicastTransport talks to the lease's server once the address is applied:
// a UDP socket bound to yiaddr:68 and to the device (SO_BINDTODEVICE), IP_TOS
// CS7, connected to server:67. Beyond the reference it also listens on
// 255.255.255.255:68 on the device: servers broadcast DHCPNAK (RFC 2131
// 4.3.2; dnsmasq does while the client renews), and a socket bound to yiaddr
// never sees a broadcast, so the reference misses the NAK and keeps renewing
// until T2.
//
// Both sockets are non-blocking and close-on-exec: the event loop polls fd()
// and calls receive() until it reports WouldBlock.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>

#include <linux/filter.h>

#include "dhcpcore/linux/sys_error.hpp"
#include "dhcpcore/linux/unique_fd.hpp"
#include "dhcpcore/parsers/address.hpp"
#include "dhcpcore/parsers/frame.hpp"

namespace dhcpcore::runtime {

// The filter: four instructions that drop every link-layer packet type but
// PACKET_HOST and PACKET_BROADCAST, then the reference's filter, instruction
// for instruction (bpfFilterInstructions). Exposed for tests: it can be
// attached to any datagram socket (on a socket that is not AF_PACKET every
// packet reads as PACKET_HOST).
inline constexpr std::size_t kDhcpBpfPacketTypeLength = 4;
inline constexpr std::size_t kDhcpBpfLength = kDhcpBpfPacketTypeLength + 15;
std::span<const sock_filter, kDhcpBpfLength> dhcp_client_bpf() noexcept;
// attach_dhcp_client_bpf attaches the filter to fd with SO_ATTACH_FILTER.
Status attach_dhcp_client_bpf(int fd);

// broadcast_accepts_packet_type: whether BroadcastTransport takes a packet
// of this sll_pkttype: only PACKET_HOST (to our MAC) and PACKET_BROADCAST.
// Not PACKET_OTHERHOST (another host's MAC, seen in promiscuous mode; a
// frame of a VLAN the host does not have, its tag stripped), PACKET_OUTGOING
// (our own sends), PACKET_MULTICAST (no DHCP server sends to a multicast
// MAC: RFC 2131 4.1 answers go to chaddr or to broadcast) or PACKET_LOOPBACK.
// The filter applies the same rule in the kernel; receive() checks it again.
bool broadcast_accepts_packet_type(unsigned pkttype) noexcept;

// The largest IPv4 packet (the filter's accept length).
inline constexpr std::size_t kMaxIpPacket = 65535;

enum class ReceiveStatus : std::uint8_t {
  Payload,     // payload() is a DHCP message (UDP payload)
  Malformed,   // a packet arrived but did not decode (frame_error() says why)
  Skipped,     // not for us (broadcast: a link-layer packet type other than host or
               // broadcast; unicast: an ICMP error for an earlier send, in error)
  WouldBlock,  // nothing queued
  Error,       // the read failed (error() says why)
};

struct Received {
  ReceiveStatus status = ReceiveStatus::WouldBlock;
  std::span<const std::uint8_t> payload;  // valid until the next receive()
  FrameError frame_error;                 // Malformed (broadcast only)
  Ipv4Addr source;                        // IPv4 source of a Payload
  SysError error;                         // Error; Skipped: the ICMP error reported, if any
};

class BroadcastTransport {
 public:
  explicit BroadcastTransport(int ifindex) noexcept : ifindex_(ifindex) {}

  // open: socket, filter, bind to the interface. Error when already open.
  Status open();
  void close() noexcept { fd_.reset(); }
  bool is_open() const noexcept { return fd_.valid(); }
  int fd() const noexcept { return fd_.get(); }

  // send wraps dhcp in the client's IPv4/UDP headers and sends it to
  // ff:ff:ff:ff:ff:ff.
  Status send(std::span<const std::uint8_t> dhcp);
  Received receive();

 private:
  int ifindex_;
  UniqueFd fd_;
  std::array<std::uint8_t, kMaxIpPacket> buf_{};
};

class UnicastTransport {
 public:
  explicit UnicastTransport(std::string ifname) : ifname_(std::move(ifname)) {}

  // open: UDP socket bound to the device and to bind_ip:68, TOS CS7,
  // connected to server_ip:67, and the broadcast listener. Error when already
  // open.
  Status open(Ipv4Addr server_ip, Ipv4Addr bind_ip);
  void close() noexcept {
    fd_.reset();
    broadcast_fd_.reset();
  }
  bool is_open() const noexcept { return fd_.valid(); }
  int fd() const noexcept { return fd_.get(); }
  // The socket bound to 255.255.255.255:68 (receive only).
  int broadcast_fd() const noexcept { return broadcast_fd_.get(); }
  Ipv4Addr server() const noexcept { return server_; }

  Status send(std::span<const std::uint8_t> dhcp);
  // receive: a datagram from the connected socket, else from the broadcast
  // listener; WouldBlock when neither has one.
  Received receive();

 private:
  Received receive_from(int fd, bool connected);

  std::string ifname_;
  UniqueFd fd_;
  UniqueFd broadcast_fd_;
  Ipv4Addr server_;
  std::array<std::uint8_t, kMaxIpPacket> buf_{};
};

}  // namespace dhcpcore::runtime
