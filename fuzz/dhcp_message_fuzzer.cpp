// dhcp_message_fuzzer: a DHCP payload (UDP payload, from the op byte):
// DhcpMessage::parse, then the option index against a fresh walk, then
// acceptable_lease, routes and DNS servers (invariants.hpp).
#include <cstddef>
#include <cstdint>
#include <span>

#include "invariants.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace dhcpcore;
  const std::span<const std::uint8_t> in(data, size);
  const auto msg = DhcpMessage::parse(in);
  if (!msg) {
    FUZZ_CHECK(msg.error() != DhcpError::None);
    if (size < kDhcpMinMessageSize) FUZZ_CHECK(msg.error() == DhcpError::Truncated);
    return 0;
  }
  fuzz::check_message(msg.value(), in);
  fuzz::check_lease(msg.value());
  return 0;
}
