// format_test.cpp: tools/common/format.hpp, the one place the CLIs format
// XIDs, MACs, message types and a lease's routes and DNS servers.
#include "common/format.hpp"

#include <gtest/gtest.h>

#include <array>

namespace dhcpcore::tools {
namespace {

TEST(Format, Hex32IsZeroPaddedLowerCase) {
  EXPECT_EQ(hex32(0), "0x00000000");
  EXPECT_EQ(hex32(0xdeadbeef), "0xdeadbeef");
  EXPECT_EQ(hex32(0x1a2b), "0x00001a2b");
}

TEST(Format, MacStringJoinsEveryByte) {
  const std::array<std::uint8_t, 6> mac{0x02, 0x00, 0x5e, 0x10, 0xab, 0xff};
  EXPECT_EQ(mac_string(mac), "02:00:5e:10:ab:ff");
  // A chaddr of hlen 16 is printed whole; no bytes give "".
  std::array<std::uint8_t, 16> chaddr{};
  chaddr[15] = 0x0f;
  EXPECT_EQ(mac_string(chaddr), "00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:0f");
  EXPECT_EQ(mac_string(std::span<const std::uint8_t>()), "");
}

TEST(Format, ParseMacAcceptsSixColonSeparatedBytes) {
  const auto m = parse_mac("02:00:5E:10:ab:f");
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(*m, (MacAddr{0x02, 0x00, 0x5e, 0x10, 0xab, 0x0f}));
  EXPECT_EQ(mac_string(*parse_mac("aa:bb:cc:dd:ee:ff")), "aa:bb:cc:dd:ee:ff");
}

TEST(Format, ParseMacRejectsAnythingElse) {
  for (const char* bad : {"", "02:00:5e:10:ab", "02:00:5e:10:ab:ff:", "02:00:5e:10:ab:ff:00", "02-00-5e-10-ab-ff",
                          "020:00:5e:10:ab:ff", "02:00:5e:10:ab:fg", " 02:00:5e:10:ab:ff", "02:00:5e:10:ab:ff ",
                          "0x2:00:5e:10:ab:ff", "02::5e:10:ab:ff"}) {
    EXPECT_FALSE(parse_mac(bad).has_value()) << bad;
  }
}

TEST(Format, MessageTypeNamesAreRfc2132s) {
  // RFC 2132 section 9.6 (1-8) and RFC 3203 (9, DHCPFORCERENEW), without
  // the "DHCP" prefix.
  const char* expected[] = {"DISCOVER", "OFFER", "REQUEST", "DECLINE", "ACK",
                            "NAK",      "RELEASE", "INFORM", "FORCERENEW"};
  for (unsigned t = 1; t <= 9; ++t) EXPECT_EQ(message_type_name(t), expected[t - 1]) << t;
  EXPECT_EQ(message_type_name(0), "BOOTP");
  EXPECT_EQ(message_type_name(10), "TYPE10");
  EXPECT_EQ(message_type_name(255), "TYPE255");
}

TEST(Format, RoutesAsJson) {
  RouteSet rs;
  ASSERT_TRUE(rs.kept.push_back(Route{Ipv4Prefix{Ipv4Addr(198, 51, 100, 0), 24}, Ipv4Addr(192, 0, 2, 1)}));
  ASSERT_TRUE(rs.kept.push_back(Route{Ipv4Prefix{Ipv4Addr(192, 0, 2, 0), 24}, Ipv4Addr()}));
  ASSERT_TRUE(rs.dropped.push_back(
      DroppedRoute{Route{Ipv4Prefix{Ipv4Addr(127, 0, 0, 0), 8}, Ipv4Addr(192, 0, 2, 1)}, RouteDropReason::ShadowsLoopback}));
  EXPECT_EQ(routes_json(rs),
            R"([{"dest":"198.51.100.0/24","router":"192.0.2.1"},{"dest":"192.0.2.0/24","router":"0.0.0.0"}])");
  EXPECT_EQ(dropped_routes_json(rs), R"([{"dest":"127.0.0.0/8","router":"192.0.2.1","reason":"ShadowsLoopback"}])");
  EXPECT_EQ(routes_json(RouteSet{}), "[]");
  EXPECT_EQ(dropped_routes_json(RouteSet{}), "[]");
}

TEST(Format, AddressesAsJson) {
  const Ipv4Addr dns[] = {Ipv4Addr(192, 0, 2, 53), Ipv4Addr(198, 51, 100, 53)};
  EXPECT_EQ(addresses_json(dns), R"(["192.0.2.53","198.51.100.53"])");
  EXPECT_EQ(addresses_json({}), "[]");
}

}  // namespace
}  // namespace dhcpcore::tools
