// to_string_test.cpp: the naming convention of every parsers enum's
// to_string (result.hpp): the enumerator's name exactly as spelled in the
// code, and "Unknown" for a value outside the enum. The expected names are
// written out by hand from the enum definitions.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "dhcpcore/parsers/arp.hpp"
#include "dhcpcore/parsers/build_error.hpp"
#include "dhcpcore/parsers/dhcp_message.hpp"
#include "dhcpcore/parsers/dhcp_options.hpp"
#include "dhcpcore/parsers/ethernet.hpp"
#include "dhcpcore/parsers/frame.hpp"
#include "dhcpcore/parsers/ipv4.hpp"
#include "dhcpcore/parsers/udp.hpp"

namespace dhcpcore {
namespace {

// Each enum's names in declaration order: enumerator i (counting from 0)
// must be named names[i], and the value just past the last is "Unknown".
template <class E>
void expect_names(const std::vector<std::string>& names) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    EXPECT_EQ(std::string(to_string(static_cast<E>(i))), names[i]) << "enumerator " << i;
  }
  EXPECT_STREQ(to_string(static_cast<E>(names.size())), "Unknown");
  EXPECT_STREQ(to_string(static_cast<E>(0xff)), "Unknown");
}

TEST(ToStringConvention, DhcpError) {
  expect_names<DhcpError>({"None", "Truncated", "MessageTooLarge", "BadMagicCookie", "TruncatedOption",
                           "BadOverload", "OverloadInFileOrSname", "OptionTooLong"});
}

TEST(ToStringConvention, OptionError) {
  expect_names<OptionError>({"None", "BadLength", "Empty", "BadPrefixLength", "TruncatedRoute", "BadCharacter",
                             "BadLabel", "NameTooLong", "BadPointer", "TruncatedName", "OutputFull", "BadValue"});
}

TEST(ToStringConvention, EthernetError) {
  expect_names<EthernetError>({"None", "Truncated", "TruncatedVlanTag", "TooManyVlanTags", "NotIpv4"});
}

TEST(ToStringConvention, Ipv4Error) {
  expect_names<Ipv4Error>({"None", "Truncated", "BadVersion", "BadHeaderLength", "HeaderExceedsBuffer",
                           "BadTotalLength", "TotalLengthExceedsBuffer", "BadHeaderChecksum", "Fragmented",
                           "NotUdp"});
}

TEST(ToStringConvention, UdpError) {
  expect_names<UdpError>({"None", "Truncated", "BadLength", "LengthExceedsPayload", "BadChecksum", "WrongPort"});
}

TEST(ToStringConvention, ArpError) {
  expect_names<ArpError>({"None", "Truncated", "BadEthernet", "NotArp", "NotEthernetIpv4", "BadOperation"});
}

TEST(ToStringConvention, ArpConflict) { expect_names<ArpConflict>({"None", "AddressInUse", "ProbeCollision"}); }

TEST(ToStringConvention, BuildError) {
  expect_names<BuildError>({"None", "BufferTooSmall", "OptionTooLong", "BadOptionCode", "PayloadTooLarge"});
}

TEST(ToStringConvention, FrameErrorNamesTheLayersEnumerator) {
  EXPECT_STREQ(to_string(frame_error(EthernetError::TooManyVlanTags)), "TooManyVlanTags");
  EXPECT_STREQ(to_string(frame_error(Ipv4Error::Fragmented)), "Fragmented");
  EXPECT_STREQ(to_string(frame_error(UdpError::WrongPort)), "WrongPort");
  EXPECT_STREQ(to_string(FrameError{static_cast<FrameLayer>(9), 1}), "Unknown");
  EXPECT_STREQ(to_string(FrameError{FrameLayer::Udp, 200}), "Unknown");
}

}  // namespace
}  // namespace dhcpcore
