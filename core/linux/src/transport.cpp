// transport.cpp: the broadcast (AF_PACKET + BPF) and unicast (UDP) transports.
#include "dhcpcore/linux/transport.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <sys/socket.h>

namespace dhcpcore::runtime {

namespace {

constexpr sock_filter insn(std::uint16_t code, std::uint8_t jt, std::uint8_t jf, std::uint32_t k) noexcept {
  return sock_filter{code, jt, jf, k};
}

// The packet-type check, then the reference's bpfFilterInstructions; offsets
// are into the IPv4 header (SOCK_DGRAM delivers the packet without its link
// header).
constexpr std::array<sock_filter, kDhcpBpfLength> kFilter{{
    // Link-layer packet type (the kernel's pkt_type, an ancillary load):
    // only frames to this host's MAC or to broadcast. An AF_PACKET socket
    // also sees frames for other hosts (PACKET_OTHERHOST: another unicast
    // MAC in promiscuous mode, or a VLAN the host does not have, its tag
    // stripped), our own sends (PACKET_OUTGOING) and multicast; a DHCP
    // server answers to chaddr or to broadcast only (RFC 2131 4.1).
    insn(BPF_LD | BPF_W | BPF_ABS, 0, 0, static_cast<std::uint32_t>(SKF_AD_OFF + SKF_AD_PKTTYPE)),
    insn(BPF_JMP | BPF_JEQ | BPF_K, 2, 0, PACKET_HOST),
    insn(BPF_JMP | BPF_JEQ | BPF_K, 1, 0, PACKET_BROADCAST),
    insn(BPF_RET | BPF_K, 0, 0, 0),
    // IP version 4: high nibble of byte 0.
    insn(BPF_LD | BPF_B | BPF_ABS, 0, 0, 0),
    insn(BPF_ALU | BPF_AND | BPF_K, 0, 0, 0xf0),
    insn(BPF_JMP | BPF_JEQ | BPF_K, 1, 0, 4 << 4),
    insn(BPF_RET | BPF_K, 0, 0, 0),
    // Protocol (byte 9) UDP.
    insn(BPF_LD | BPF_B | BPF_ABS, 0, 0, 9),
    insn(BPF_JMP | BPF_JEQ | BPF_K, 1, 0, IPPROTO_UDP),
    insn(BPF_RET | BPF_K, 0, 0, 0),
    // Fragment offset (low 13 bits of bytes 6..7) zero.
    insn(BPF_LD | BPF_H | BPF_ABS, 0, 0, 6),
    insn(BPF_JMP | BPF_JSET | BPF_K, 0, 1, 0x1fff),
    insn(BPF_RET | BPF_K, 0, 0, 0),
    // X = IPv4 header length; UDP destination port (X + 2) is 68.
    insn(BPF_LDX | BPF_B | BPF_MSH, 0, 0, 0),
    insn(BPF_LD | BPF_H | BPF_IND, 0, 0, 2),
    insn(BPF_JMP | BPF_JEQ | BPF_K, 1, 0, kDhcpClientPort),
    insn(BPF_RET | BPF_K, 0, 0, 0),
    // Accept up to the largest IPv4 packet.
    insn(BPF_RET | BPF_K, 0, 0, static_cast<std::uint32_t>(kMaxIpPacket)),
}};

sockaddr_in inet_addr_port(Ipv4Addr a, std::uint16_t port) noexcept {
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_port = htons(port);
  sa.sin_addr.s_addr = htonl(a.value());
  return sa;
}

std::string endpoint(Ipv4Addr a, std::uint16_t port) { return a.to_string() + ":" + std::to_string(port); }

// errno_error: the SysError of the call that just failed.
SysError errno_error(std::string what) {
  const int e = errno;
  return SysError{e != 0 ? e : EIO, std::move(what)};
}
Err<SysError> failed(std::string what) { return Err<SysError>{errno_error(std::move(what))}; }

}  // namespace

std::span<const sock_filter, kDhcpBpfLength> dhcp_client_bpf() noexcept { return kFilter; }

bool broadcast_accepts_packet_type(unsigned pkttype) noexcept {
  return pkttype == PACKET_HOST || pkttype == PACKET_BROADCAST;
}

Status attach_dhcp_client_bpf(int fd) {
  // The kernel copies the program; it never writes through filter.
  sock_fprog prog{};
  prog.len = static_cast<unsigned short>(kFilter.size());
  prog.filter = const_cast<sock_filter*>(kFilter.data());
  if (::setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof prog) != 0) {
    return failed("attach BPF filter (SO_ATTACH_FILTER)");
  }
  return Ok{};
}

// ---- BroadcastTransport ------------------------------------------------------

Status BroadcastTransport::open() {
  if (fd_.valid()) return sys_error(EBUSY, "broadcast transport already open");
  // Protocol 0 first: the socket receives nothing until it is bound, so no
  // unfiltered packet is queued between socket() and SO_ATTACH_FILTER.
  UniqueFd fd(::socket(AF_PACKET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!fd.valid()) return failed("open AF_PACKET socket");
  if (auto s = attach_dhcp_client_bpf(fd.get()); !s) return s;
  // PACKET_AUXDATA tells receive() when a packet's checksum was never
  // computed (TP_STATUS_CSUMNOTREADY: checksum offload on a packet that did
  // not leave the host, e.g. over veth from a server on the same machine).
  const int on = 1;
  if (::setsockopt(fd.get(), SOL_PACKET, PACKET_AUXDATA, &on, sizeof on) != 0) {
    return failed("enable PACKET_AUXDATA");
  }
  sockaddr_ll sll{};
  sll.sll_family = AF_PACKET;
  sll.sll_protocol = htons(ETH_P_IP);
  sll.sll_ifindex = ifindex_;
  if (::bind(fd.get(), reinterpret_cast<const sockaddr*>(&sll), sizeof sll) != 0) {
    return failed("bind AF_PACKET socket to ifindex " + std::to_string(ifindex_));
  }
  fd_ = std::move(fd);
  return Ok{};
}

Status BroadcastTransport::send(std::span<const std::uint8_t> dhcp) {
  if (!fd_.valid()) return sys_error(EBADF, "send broadcast: transport closed");
  std::array<std::uint8_t, 1500> packet{};
  auto n = build_client_ip_packet(dhcp, packet);
  if (!n) return sys_error(EMSGSIZE, "build broadcast packet");
  sockaddr_ll to{};
  to.sll_family = AF_PACKET;
  to.sll_protocol = htons(ETH_P_IP);
  to.sll_ifindex = ifindex_;
  to.sll_halen = static_cast<unsigned char>(kBroadcastMac.size());
  std::copy(kBroadcastMac.begin(), kBroadcastMac.end(), to.sll_addr);
  const ssize_t sent = ::sendto(fd_.get(), packet.data(), n.value(), 0, reinterpret_cast<const sockaddr*>(&to),
                                sizeof to);
  if (sent < 0) return failed("send broadcast packet");
  if (static_cast<std::size_t>(sent) != n.value()) return sys_error(EMSGSIZE, "send broadcast packet (short)");
  return Ok{};
}

Received BroadcastTransport::receive() {
  Received r;
  if (!fd_.valid()) {
    r.status = ReceiveStatus::Error;
    r.error = SysError{EBADF, "receive broadcast: transport closed"};
    return r;
  }
  sockaddr_ll from{};
  iovec iov{buf_.data(), buf_.size()};
  alignas(cmsghdr) std::array<std::uint8_t, CMSG_SPACE(sizeof(tpacket_auxdata))> control{};
  msghdr msg{};
  msg.msg_name = &from;
  msg.msg_namelen = sizeof from;
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control.data();
  msg.msg_controllen = control.size();
  const ssize_t n = ::recvmsg(fd_.get(), &msg, 0);
  if (n < 0) {
    if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) return r;
    r.status = ReceiveStatus::Error;
    r.error = errno_error("receive on AF_PACKET socket");
    return r;
  }
  // The filter already dropped every other packet type; checked again here
  // so that a filter that could not see the type (or a future change to it)
  // never lets a frame for another host through.
  if (!broadcast_accepts_packet_type(from.sll_pkttype)) {
    r.status = ReceiveStatus::Skipped;
    return r;
  }
  DecodeOptions options;
  for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
    if (c->cmsg_level != SOL_PACKET || c->cmsg_type != PACKET_AUXDATA ||
        c->cmsg_len < CMSG_LEN(sizeof(tpacket_auxdata))) {
      continue;
    }
    tpacket_auxdata aux{};
    std::memcpy(&aux, CMSG_DATA(c), sizeof aux);
    // The checksum fields hold only the pseudo-header sum: the kernel
    // vouches for a packet that never left this host. Lengths and structure
    // are still checked.
    if ((aux.tp_status & TP_STATUS_CSUMNOTREADY) != 0) options.checksums = ChecksumMode::Skip;
  }
  if ((msg.msg_flags & MSG_TRUNC) != 0) {
    r.status = ReceiveStatus::Malformed;
    r.frame_error = frame_error(Ipv4Error::TotalLengthExceedsBuffer);
    return r;
  }
  auto decoded = decode_ip_packet(std::span<const std::uint8_t>(buf_.data(), static_cast<std::size_t>(n)), options);
  if (!decoded) {
    r.status = ReceiveStatus::Malformed;
    r.frame_error = decoded.error();
    return r;
  }
  r.status = ReceiveStatus::Payload;
  r.payload = decoded->dhcp;
  r.source = decoded->ip.src;
  return r;
}

// ---- UnicastTransport --------------------------------------------------------

namespace {

// udp_socket: a non-blocking UDP socket bound to the device and to addr:68.
SysResult<UniqueFd> udp_socket(const std::string& ifname, Ipv4Addr addr) {
  UniqueFd fd(::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!fd.valid()) return failed("open UDP socket");
  if (::setsockopt(fd.get(), SOL_SOCKET, SO_BINDTODEVICE, ifname.c_str(),
                   static_cast<socklen_t>(ifname.size() + 1)) != 0) {
    return failed("bind UDP socket to device " + ifname + " (SO_BINDTODEVICE)");
  }
  const int tos = kClientBroadcastTos;
  if (::setsockopt(fd.get(), IPPROTO_IP, IP_TOS, &tos, sizeof tos) != 0) {
    return failed("set IP_TOS CS7");
  }
  const sockaddr_in local = inet_addr_port(addr, kDhcpClientPort);
  if (::bind(fd.get(), reinterpret_cast<const sockaddr*>(&local), sizeof local) != 0) {
    return failed("bind UDP " + endpoint(addr, kDhcpClientPort));
  }
  return fd;
}

}  // namespace

Status UnicastTransport::open(Ipv4Addr server_ip, Ipv4Addr bind_ip) {
  if (fd_.valid()) return sys_error(EBUSY, "unicast transport already open");
  auto fd = udp_socket(ifname_, bind_ip);
  if (!fd) return Err<SysError>{fd.error()};
  const sockaddr_in peer = inet_addr_port(server_ip, kDhcpServerPort);
  if (::connect(fd->get(), reinterpret_cast<const sockaddr*>(&peer), sizeof peer) != 0) {
    return failed("connect UDP to " + endpoint(server_ip, kDhcpServerPort));
  }
  auto bcast = udp_socket(ifname_, Ipv4Addr(255, 255, 255, 255));
  if (!bcast) return Err<SysError>{bcast.error()};
  fd_ = std::move(fd.value());
  broadcast_fd_ = std::move(bcast.value());
  server_ = server_ip;
  return Ok{};
}

Status UnicastTransport::send(std::span<const std::uint8_t> dhcp) {
  if (!fd_.valid()) return sys_error(EBADF, "send unicast: transport closed");
  const ssize_t sent = ::send(fd_.get(), dhcp.data(), dhcp.size(), 0);
  if (sent < 0) return failed("send to " + endpoint(server_, kDhcpServerPort));
  if (static_cast<std::size_t>(sent) != dhcp.size()) return sys_error(EMSGSIZE, "send unicast (short)");
  return Ok{};
}

Received UnicastTransport::receive() {
  if (!fd_.valid()) {
    Received r;
    r.status = ReceiveStatus::Error;
    r.error = SysError{EBADF, "receive unicast: transport closed"};
    return r;
  }
  Received r = receive_from(fd_.get(), true);
  if (r.status != ReceiveStatus::WouldBlock || !broadcast_fd_.valid()) return r;
  return receive_from(broadcast_fd_.get(), false);
}

Received UnicastTransport::receive_from(int fd, bool connected) {
  Received r;
  sockaddr_in from{};
  socklen_t from_len = sizeof from;
  const ssize_t n = ::recvfrom(fd, buf_.data(), buf_.size(), 0, reinterpret_cast<sockaddr*>(&from), &from_len);
  if (n < 0) {
    if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) return r;
    // An ICMP error for an earlier send (port unreachable: the server is
    // down) surfaces here on a connected socket; it is not fatal.
    if (connected && (errno == ECONNREFUSED || errno == EHOSTUNREACH || errno == ENETUNREACH)) {
      r.status = ReceiveStatus::Skipped;
      r.error = errno_error("unicast peer " + server_.to_string());
      return r;
    }
    r.status = ReceiveStatus::Error;
    r.error = errno_error(connected ? "receive on UDP socket" : "receive on UDP broadcast socket");
    return r;
  }
  r.status = ReceiveStatus::Payload;
  r.payload = std::span<const std::uint8_t>(buf_.data(), static_cast<std::size_t>(n));
  r.source = Ipv4Addr(ntohl(from.sin_addr.s_addr));
  return r;
}

}  // namespace dhcpcore::runtime
