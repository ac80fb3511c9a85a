// Tests for address.hpp: Ipv4Addr classification (RFC 6890 ranges, RFC 1122
// 3.2.1.3), classful default prefixes, netmask <-> prefix length, Ipv4Prefix.
// Expected values come from the RFCs' range definitions, not from the code.
#include "dhcpcore/parsers/address.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>

namespace dhcpcore {
namespace {

TEST(Ipv4Addr, StoresOctetsInNetworkOrder) {
  constexpr Ipv4Addr a(192, 0, 2, 1);
  EXPECT_EQ(a.value(), 0xc0000201u);
  EXPECT_EQ(a.octets(), (std::array<std::uint8_t, 4>{192, 0, 2, 1}));
  constexpr std::uint8_t kBytes[] = {198, 51, 100, 7};
  EXPECT_EQ(Ipv4Addr::from_bytes(std::span<const std::uint8_t, 4>(kBytes)), Ipv4Addr(198, 51, 100, 7));
  EXPECT_EQ(Ipv4Addr(0xcb007109u), Ipv4Addr(203, 0, 113, 9));
  EXPECT_EQ(a.to_string(), "192.0.2.1");
  EXPECT_EQ(Ipv4Addr().to_string(), "0.0.0.0");
  EXPECT_EQ(Ipv4Addr(255, 255, 255, 255).to_string(), "255.255.255.255");
}

TEST(Ipv4Addr, OrdersAsUnsignedIntegers) {
  EXPECT_LT(Ipv4Addr(10, 0, 0, 1), Ipv4Addr(10, 0, 0, 2));
  EXPECT_LT(Ipv4Addr(127, 255, 255, 255), Ipv4Addr(128, 0, 0, 0));  // no sign trouble at the top bit
  EXPECT_EQ(Ipv4Addr(1, 2, 3, 4), Ipv4Addr(1, 2, 3, 4));
}

TEST(Ipv4Addr, UnspecifiedAndBroadcastAreExactlyOneAddressEach) {
  EXPECT_TRUE(Ipv4Addr(0, 0, 0, 0).is_unspecified());
  EXPECT_FALSE(Ipv4Addr(0, 0, 0, 1).is_unspecified());
  EXPECT_TRUE(Ipv4Addr(255, 255, 255, 255).is_broadcast());
  EXPECT_FALSE(Ipv4Addr(255, 255, 255, 254).is_broadcast());
  EXPECT_FALSE(Ipv4Addr(192, 0, 2, 255).is_broadcast());  // a subnet broadcast is not the limited broadcast
}

TEST(Ipv4Addr, ThisNetworkIsZeroSlashEight) {
  EXPECT_TRUE(Ipv4Addr(0, 0, 0, 0).is_this_network());
  EXPECT_TRUE(Ipv4Addr(0, 1, 2, 3).is_this_network());
  EXPECT_TRUE(Ipv4Addr(0, 255, 255, 255).is_this_network());
  EXPECT_FALSE(Ipv4Addr(1, 0, 0, 0).is_this_network());
}

TEST(Ipv4Addr, ReservedIs240SlashFourIncludingBroadcast) {
  EXPECT_TRUE(Ipv4Addr(240, 0, 0, 0).is_reserved());
  EXPECT_TRUE(Ipv4Addr(240, 0, 0, 1).is_reserved());
  EXPECT_TRUE(Ipv4Addr(255, 255, 255, 255).is_reserved());
  EXPECT_FALSE(Ipv4Addr(239, 255, 255, 255).is_reserved());
}

TEST(Ipv4Addr, LoopbackIs127SlashEight) {
  EXPECT_TRUE(Ipv4Addr(127, 0, 0, 1).is_loopback());
  EXPECT_TRUE(Ipv4Addr(127, 255, 255, 255).is_loopback());
  EXPECT_FALSE(Ipv4Addr(126, 255, 255, 255).is_loopback());
  EXPECT_FALSE(Ipv4Addr(128, 0, 0, 0).is_loopback());
}

TEST(Ipv4Addr, LinkLocalIs169Dot254SlashSixteen) {
  EXPECT_TRUE(Ipv4Addr(169, 254, 0, 0).is_link_local());
  EXPECT_TRUE(Ipv4Addr(169, 254, 255, 255).is_link_local());
  EXPECT_FALSE(Ipv4Addr(169, 253, 255, 255).is_link_local());
  EXPECT_FALSE(Ipv4Addr(169, 255, 0, 0).is_link_local());
}

TEST(Ipv4Addr, MulticastIs224SlashFour) {
  EXPECT_TRUE(Ipv4Addr(224, 0, 0, 1).is_multicast());
  EXPECT_TRUE(Ipv4Addr(239, 255, 255, 255).is_multicast());
  EXPECT_FALSE(Ipv4Addr(223, 255, 255, 255).is_multicast());
  EXPECT_FALSE(Ipv4Addr(240, 0, 0, 0).is_multicast());
}

TEST(Ipv4Addr, GoGlobalUnicastKeepsTheReferencesGaps) {
  EXPECT_TRUE(Ipv4Addr(192, 0, 2, 1).is_go_global_unicast());
  EXPECT_TRUE(Ipv4Addr(10, 0, 0, 1).is_go_global_unicast());  // private space is "global" to Go
  EXPECT_TRUE(Ipv4Addr(0, 1, 2, 3).is_go_global_unicast());    // the defect core fixes
  EXPECT_TRUE(Ipv4Addr(240, 0, 0, 1).is_go_global_unicast());  // likewise
  EXPECT_FALSE(Ipv4Addr(0, 0, 0, 0).is_go_global_unicast());
  EXPECT_FALSE(Ipv4Addr(255, 255, 255, 255).is_go_global_unicast());
  EXPECT_FALSE(Ipv4Addr(127, 0, 0, 1).is_go_global_unicast());
  EXPECT_FALSE(Ipv4Addr(224, 0, 0, 1).is_go_global_unicast());
  EXPECT_FALSE(Ipv4Addr(169, 254, 1, 1).is_go_global_unicast());
}

TEST(Ipv4Addr, UsableUnicastDropsThisNetworkAndReservedButKeepsLinkLocal) {
  EXPECT_TRUE(Ipv4Addr(192, 0, 2, 1).is_usable_unicast());
  EXPECT_TRUE(Ipv4Addr(169, 254, 1, 1).is_usable_unicast());
  EXPECT_FALSE(Ipv4Addr(0, 1, 2, 3).is_usable_unicast());
  EXPECT_FALSE(Ipv4Addr(240, 0, 0, 1).is_usable_unicast());
  EXPECT_FALSE(Ipv4Addr(0, 0, 0, 0).is_usable_unicast());
  EXPECT_FALSE(Ipv4Addr(255, 255, 255, 255).is_usable_unicast());
  EXPECT_FALSE(Ipv4Addr(127, 0, 0, 1).is_usable_unicast());
  EXPECT_FALSE(Ipv4Addr(224, 0, 0, 1).is_usable_unicast());
}

// Classful boundaries (RFC 791 3.2): A 0.0.0.0-127.255.255.255, B 128-191,
// C 192-223, everything above has no classful mask (32).
TEST(Ipv4Addr, DefaultPrefixLenFollowsTheAddressClass) {
  EXPECT_EQ(Ipv4Addr(10, 1, 2, 3).default_prefix_len(), 8);
  EXPECT_EQ(Ipv4Addr(127, 255, 255, 255).default_prefix_len(), 8);
  EXPECT_EQ(Ipv4Addr(128, 0, 0, 0).default_prefix_len(), 16);
  EXPECT_EQ(Ipv4Addr(191, 255, 255, 255).default_prefix_len(), 16);
  EXPECT_EQ(Ipv4Addr(192, 0, 2, 1).default_prefix_len(), 24);
  EXPECT_EQ(Ipv4Addr(223, 255, 255, 255).default_prefix_len(), 24);
  EXPECT_EQ(Ipv4Addr(224, 0, 0, 1).default_prefix_len(), 32);
  EXPECT_EQ(Ipv4Addr(240, 0, 0, 1).default_prefix_len(), 32);
}

TEST(PrefixMask, GivesTheNetmaskOfEveryLength) {
  EXPECT_EQ(prefix_mask(0), 0x00000000u);
  EXPECT_EQ(prefix_mask(1), 0x80000000u);
  EXPECT_EQ(prefix_mask(8), 0xff000000u);
  EXPECT_EQ(prefix_mask(23), 0xfffffe00u);
  EXPECT_EQ(prefix_mask(31), 0xfffffffeu);
  EXPECT_EQ(prefix_mask(32), 0xffffffffu);
  EXPECT_EQ(prefix_mask(40), 0xffffffffu);  // documented range is 0..32; above saturates
}

TEST(MaskPrefixLen, ContiguousMasksGiveTheirLength) {
  EXPECT_EQ(mask_prefix_len(0x00000000u), 0);
  EXPECT_EQ(mask_prefix_len(0x80000000u), 1);
  EXPECT_EQ(mask_prefix_len(0xffffff00u), 24);
  EXPECT_EQ(mask_prefix_len(0xfffffffcu), 30);
  EXPECT_EQ(mask_prefix_len(0xffffffffu), 32);
  for (std::uint8_t len = 0; len <= 32; ++len) EXPECT_EQ(mask_prefix_len(prefix_mask(len)), len);
}

TEST(MaskPrefixLen, NonContiguousMasksAreRejected) {
  EXPECT_EQ(mask_prefix_len(0xffff00ffu), -1);  // a hole
  EXPECT_EQ(mask_prefix_len(0x00ffffffu), -1);  // leading zeros
  EXPECT_EQ(mask_prefix_len(0x00000001u), -1);
  EXPECT_EQ(mask_prefix_len(0xfffffffdu), -1);  // one zero bit inside
  EXPECT_EQ(mask_prefix_len(0x7fffffffu), -1);
}

TEST(Ipv4Prefix, ContainsComparesOnlyTheNetworkBits) {
  const Ipv4Prefix p{Ipv4Addr(192, 0, 2, 0), 24};
  EXPECT_TRUE(p.contains(Ipv4Addr(192, 0, 2, 0)));
  EXPECT_TRUE(p.contains(Ipv4Addr(192, 0, 2, 255)));
  EXPECT_FALSE(p.contains(Ipv4Addr(192, 0, 3, 0)));
  const Ipv4Prefix host_bits{Ipv4Addr(10, 255, 0, 0), 9};  // 10.128.0.0/9 with host bits set
  EXPECT_TRUE(host_bits.contains(Ipv4Addr(10, 128, 0, 1)));
  EXPECT_FALSE(host_bits.contains(Ipv4Addr(10, 127, 255, 255)));
  const Ipv4Prefix all{Ipv4Addr(0, 0, 0, 0), 0};
  EXPECT_TRUE(all.contains(Ipv4Addr(203, 0, 113, 1)));
  const Ipv4Prefix host{Ipv4Addr(203, 0, 113, 1), 32};
  EXPECT_TRUE(host.contains(Ipv4Addr(203, 0, 113, 1)));
  EXPECT_FALSE(host.contains(Ipv4Addr(203, 0, 113, 2)));
}

TEST(Ipv4Prefix, MaskedDropsHostBits) {
  const Ipv4Prefix p{Ipv4Addr(10, 255, 0, 0), 9};
  EXPECT_EQ(p.mask(), 0xff800000u);
  EXPECT_EQ(p.network(), Ipv4Addr(10, 128, 0, 0));
  EXPECT_EQ(p.masked(), (Ipv4Prefix{Ipv4Addr(10, 128, 0, 0), 9}));
  EXPECT_FALSE(p == p.masked());  // equality compares the stored address, host bits included
  EXPECT_EQ(p.masked().to_string(), "10.128.0.0/9");
  EXPECT_EQ((Ipv4Prefix{Ipv4Addr(1, 2, 3, 4), 0}).masked(), (Ipv4Prefix{Ipv4Addr(0, 0, 0, 0), 0}));
}

TEST(Ipv4Prefix, CoversMeansEveryAddressOfTheOtherIsInside) {
  const Ipv4Prefix p16{Ipv4Addr(192, 168, 0, 0), 16};
  const Ipv4Prefix p24{Ipv4Addr(192, 168, 5, 0), 24};
  EXPECT_TRUE(p16.covers(p24));
  EXPECT_FALSE(p24.covers(p16));
  EXPECT_TRUE(p24.covers(p24));
  const Ipv4Prefix half_low{Ipv4Addr(0, 0, 0, 0), 1};     // TunnelVision's 0.0.0.0/1
  const Ipv4Prefix half_high{Ipv4Addr(128, 0, 0, 0), 1};  // and 128.0.0.0/1
  const Ipv4Prefix vpn{Ipv4Addr(198, 51, 100, 0), 24};
  EXPECT_TRUE(half_high.covers(vpn));
  EXPECT_FALSE(half_low.covers(vpn));
  EXPECT_TRUE((Ipv4Prefix{Ipv4Addr(), 0}).covers(half_low));
}

TEST(Ipv4Prefix, OverlapsWhenEitherCoversTheOther) {
  const Ipv4Prefix a{Ipv4Addr(10, 0, 0, 0), 8};
  const Ipv4Prefix b{Ipv4Addr(10, 1, 0, 0), 16};
  const Ipv4Prefix c{Ipv4Addr(11, 0, 0, 0), 8};
  EXPECT_TRUE(a.overlaps(b));
  EXPECT_TRUE(b.overlaps(a));
  EXPECT_FALSE(a.overlaps(c));
  EXPECT_FALSE(b.overlaps(c));
  EXPECT_TRUE(a.overlaps(a));
}

}  // namespace
}  // namespace dhcpcore
