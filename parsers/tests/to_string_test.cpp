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
#include "dhcpcore/test_support/enum_names.hpp"

namespace dhcpcore {
namespace {

TEST(ToStringConvention, DhcpError) {
  EXPECT_EQ(gen::names_mismatch<DhcpError>({"None", "Truncated", "MessageTooLarge", "BadMagicCookie", "TruncatedOption",
                                            "BadOverload", "OverloadInFileOrSname", "OptionTooLong"}),
            "");
}

TEST(ToStringConvention, OptionError) {
  EXPECT_EQ(gen::names_mismatch<OptionError>({"None", "BadLength", "Empty", "BadPrefixLength", "TruncatedRoute",
                                              "BadCharacter", "BadLabel", "NameTooLong", "BadPointer", "TruncatedName",
                                              "OutputFull", "BadValue"}),
            "");
}

TEST(ToStringConvention, EthernetError) {
  EXPECT_EQ(gen::names_mismatch<EthernetError>({"None", "Truncated", "TruncatedVlanTag", "TooManyVlanTags", "NotIpv4"}),
            "");
}

TEST(ToStringConvention, Ipv4Error) {
  EXPECT_EQ(gen::names_mismatch<Ipv4Error>({"None", "Truncated", "BadVersion", "BadHeaderLength", "HeaderExceedsBuffer",
                                            "BadTotalLength", "TotalLengthExceedsBuffer", "BadHeaderChecksum",
                                            "Fragmented", "NotUdp"}),
            "");
}

TEST(ToStringConvention, UdpError) {
  EXPECT_EQ(gen::names_mismatch<UdpError>(
                {"None", "Truncated", "BadLength", "LengthExceedsPayload", "BadChecksum", "WrongPort"}),
            "");
}

TEST(ToStringConvention, ArpError) {
  EXPECT_EQ(
      gen::names_mismatch<ArpError>({"None", "Truncated", "BadEthernet", "NotArp", "NotEthernetIpv4", "BadOperation"}),
      "");
}

TEST(ToStringConvention, ArpConflict) {
  EXPECT_EQ(gen::names_mismatch<ArpConflict>({"None", "AddressInUse", "ProbeCollision"}), "");
}

TEST(ToStringConvention, BuildError) {
  EXPECT_EQ(
      gen::names_mismatch<BuildError>({"None", "BufferTooSmall", "OptionTooLong", "BadOptionCode", "PayloadTooLarge"}),
      "");
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
