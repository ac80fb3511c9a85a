// A tiny embedder: builds an ACK with dhcpcore's builder, parses it back and
// prints the offered address. Built against the installed package only.
#include <array>
#include <cstdint>
#include <cstdio>

#include <dhcpcore/parsers/dhcp_message.hpp>
#include <dhcpcore/parsers/dhcp_options.hpp>

#ifdef CONSUMER_LINUX
int print_loopback();
#endif

int main() {
  using namespace dhcpcore;
  DhcpMessageRepr repr;
  repr.header.op = 2;
  repr.header.xid = 0x01020304;
  repr.header.yiaddr = Ipv4Addr(192, 0, 2, 50);
  const std::uint8_t type[] = {5};
  const std::uint8_t server[] = {192, 0, 2, 1};
  const OptionRef options[] = {{opt::kMessageType, type}, {opt::kServerId, server}};
  repr.options = options;
  std::array<std::uint8_t, 512> buf{};
  auto n = repr.emit(buf);
  if (!n) return 1;
  auto msg = DhcpMessage::parse(std::span(buf).first(n.value()));
  if (!msg) return 2;
  auto sid = decode_address(msg->first(opt::kServerId));
  if (!sid) return 3;
  std::printf("yiaddr=%s server=%s type=%u\n", msg->header().yiaddr.to_string().c_str(),
              sid->to_string().c_str(), unsigned{msg->message_type()});
#ifdef CONSUMER_LINUX
  return print_loopback();
#else
  return 0;
#endif
}
