// Tests for the option value decoders (dhcp_options.hpp).
//
// Every expected value below was worked out by hand from the RFC named next
// to it, never taken from the decoder's own output.
#include "dhcpcore/parsers/dhcp_options.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace dhcpcore {
namespace {

using namespace std::string_view_literals;
using Bytes = std::span<const std::uint8_t>;

Bytes bytes_of(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

// A router every 121 fixture uses: 192.0.2.1 (TEST-NET-1).
constexpr Ipv4Addr kRouter1(192, 0, 2, 1);

// ---- to_string --------------------------------------------------------------

TEST(OptionErrorToString, NamesEveryValue) {
  EXPECT_STREQ(to_string(OptionError::None), "None");
  EXPECT_STREQ(to_string(OptionError::BadLength), "BadLength");
  EXPECT_STREQ(to_string(OptionError::Empty), "Empty");
  EXPECT_STREQ(to_string(OptionError::BadPrefixLength), "BadPrefixLength");
  EXPECT_STREQ(to_string(OptionError::TruncatedRoute), "TruncatedRoute");
  EXPECT_STREQ(to_string(OptionError::BadCharacter), "BadCharacter");
  EXPECT_STREQ(to_string(OptionError::BadLabel), "BadLabel");
  EXPECT_STREQ(to_string(OptionError::NameTooLong), "NameTooLong");
  EXPECT_STREQ(to_string(OptionError::BadPointer), "BadPointer");
  EXPECT_STREQ(to_string(OptionError::TruncatedName), "TruncatedName");
  EXPECT_STREQ(to_string(OptionError::OutputFull), "OutputFull");
  EXPECT_STREQ(to_string(OptionError::BadValue), "BadValue");
}

TEST(OptionErrorToString, UnknownValueIsNotNull) {
  EXPECT_STREQ(to_string(static_cast<OptionError>(200)), "Unknown");
}

// ---- 53 message type ----------------------------------------------------------

TEST(MessageType, AcceptsEveryAssignedType) {
  // RFC 2132 9.6 (1..8), RFC 3203 (9), RFC 4388 (10..13), RFC 6926 (14..17),
  // RFC 7724 (18).
  for (unsigned t = 1; t <= 18; ++t) {
    const std::array<std::uint8_t, 1> v{static_cast<std::uint8_t>(t)};
    auto r = decode_message_type(v);
    ASSERT_TRUE(r.ok()) << t;
    EXPECT_EQ(r.value(), t);
  }
}

TEST(MessageType, RejectsUnassignedValues) {
  for (std::uint8_t t : {std::uint8_t{0}, std::uint8_t{19}, std::uint8_t{255}}) {
    const std::array<std::uint8_t, 1> v{t};
    auto r = decode_message_type(v);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error(), OptionError::BadValue) << unsigned{t};
  }
}

TEST(MessageType, RejectsLengthOtherThanOne) {
  constexpr std::uint8_t kTwo[] = {5, 5};  // DHCPACK twice (RFC 3396 concatenation of a repeat)
  EXPECT_EQ(decode_message_type(Bytes{}).error(), OptionError::BadLength);
  EXPECT_EQ(decode_message_type(kTwo).error(), OptionError::BadLength);
}

// ---- 51 / 58 / 59 seconds -------------------------------------------------------

TEST(U32Option, DecodesBigEndianSeconds) {
  constexpr std::uint8_t kHour[] = {0x00, 0x00, 0x0e, 0x10};  // 3600 s
  constexpr std::uint8_t kInfinite[] = {0xff, 0xff, 0xff, 0xff};  // RFC 2132 9.2: infinity
  EXPECT_EQ(decode_u32(kHour).value(), 3600u);
  EXPECT_EQ(decode_u32(kInfinite).value(), 0xffffffffu);
}

TEST(U32Option, RejectsLengthsOtherThanFour) {
  constexpr std::uint8_t kFive[] = {0, 0, 0x0e, 0x10, 0};
  for (std::size_t n : {0u, 1u, 3u, 5u}) {
    auto r = decode_u32(Bytes(kFive).first(n));
    ASSERT_FALSE(r.ok()) << n;
    EXPECT_EQ(r.error(), OptionError::BadLength) << n;
  }
}

// ---- 1 / 28 / 50 / 54 addresses --------------------------------------------------

TEST(AddressOption, DecodesFourOctets) {
  constexpr std::uint8_t kServer[] = {192, 0, 2, 1};  // 192.0.2.1
  auto r = decode_address(kServer);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value(), Ipv4Addr(192, 0, 2, 1));
}

TEST(AddressOption, RejectsLengthsOtherThanFour) {
  constexpr std::uint8_t kFive[] = {255, 255, 255, 0, 0};
  for (std::size_t n : {0u, 1u, 3u, 5u}) {
    auto r = decode_address(Bytes(kFive).first(n));
    ASSERT_FALSE(r.ok()) << n;
    EXPECT_EQ(r.error(), OptionError::BadLength) << n;
  }
}

// ---- 52 overload --------------------------------------------------------------

TEST(Overload, AcceptsFileSnameAndBoth) {
  for (std::uint8_t value : {std::uint8_t{1}, std::uint8_t{2}, std::uint8_t{3}}) {
    const std::array<std::uint8_t, 1> v{value};
    EXPECT_EQ(decode_overload(v).value(), value);
  }
}

TEST(Overload, RejectsValuesOutsideOneToThree) {
  for (std::uint8_t value : {std::uint8_t{0}, std::uint8_t{4}}) {
    const std::array<std::uint8_t, 1> v{value};
    EXPECT_EQ(decode_overload(v).error(), OptionError::BadValue) << unsigned{value};
  }
}

TEST(Overload, RejectsLengthOtherThanOne) {
  constexpr std::uint8_t kTwo[] = {1, 2};
  EXPECT_EQ(decode_overload(Bytes{}).error(), OptionError::BadLength);
  EXPECT_EQ(decode_overload(kTwo).error(), OptionError::BadLength);
}

// ---- 57 maximum message size ---------------------------------------------------

TEST(MaxMessageSize, AcceptsMinimumAndEthernetSizes) {
  constexpr std::uint8_t kMin[] = {0x02, 0x40};  // 576, RFC 2132 9.10 minimum
  constexpr std::uint8_t kEthernet[] = {0x05, 0xdc};  // 1500
  EXPECT_EQ(decode_max_message_size(kMin).value(), 576);
  EXPECT_EQ(decode_max_message_size(kEthernet).value(), 1500);
}

TEST(MaxMessageSize, RejectsBelow576) {
  constexpr std::uint8_t k575[] = {0x02, 0x3f};
  constexpr std::uint8_t kZero[] = {0x00, 0x00};
  EXPECT_EQ(decode_max_message_size(k575).error(), OptionError::BadValue);
  EXPECT_EQ(decode_max_message_size(kZero).error(), OptionError::BadValue);
}

TEST(MaxMessageSize, RejectsLengthsOtherThanTwo) {
  constexpr std::uint8_t kThree[] = {0x05, 0xdc, 0x00};
  for (std::size_t n : {0u, 1u, 3u}) {
    EXPECT_EQ(decode_max_message_size(Bytes(kThree).first(n)).error(), OptionError::BadLength) << n;
  }
}

// ---- 80 rapid commit -----------------------------------------------------------

TEST(RapidCommit, AcceptsZeroLength) {
  auto r = decode_rapid_commit(Bytes{});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.value());
}

TEST(RapidCommit, RejectsAnyData) {
  constexpr std::uint8_t kOne[] = {0};
  EXPECT_EQ(decode_rapid_commit(kOne).error(), OptionError::BadLength);
}

// ---- 3 / 6 / 150 address lists --------------------------------------------------

TEST(AddressList, DecodesEveryAddressInOrder) {
  constexpr std::uint8_t kDns[] = {
      192, 0, 2, 53,     // first server 192.0.2.53
      198, 51, 100, 53,  // second server 198.51.100.53
  };
  auto r = decode_address_list(kDns);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 2u);
  EXPECT_FALSE(r->empty());
  EXPECT_EQ((*r)[0], Ipv4Addr(192, 0, 2, 53));
  EXPECT_EQ((*r)[1], Ipv4Addr(198, 51, 100, 53));
}

TEST(AddressList, ZeroLengthIsEmpty) {
  EXPECT_EQ(decode_address_list(Bytes{}).error(), OptionError::Empty);
}

TEST(AddressList, RejectsLengthsNotMultipleOfFour) {
  constexpr std::uint8_t kNine[] = {192, 0, 2, 1, 192, 0, 2, 2, 7};
  for (std::size_t n : {1u, 2u, 3u, 5u, 6u, 7u, 9u}) {
    EXPECT_EQ(decode_address_list(Bytes(kNine).first(n)).error(), OptionError::BadLength) << n;
  }
}

// smoltcp once panicked on a DNS server option whose length is not a multiple
// of 4 (it sliced past the end); here it is a plain BadLength.
TEST(AddressList, DnsServersOptionWithLengthNotMultipleOfFourIsBadLengthNotACrash) {
  constexpr std::uint8_t kDnsSix[] = {
      192, 0, 2, 53,  // one full server address
      8, 8,           // two stray octets
  };
  auto r = decode_address_list(kDnsSix);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), OptionError::BadLength);
}

// ---- 33 static routes ----------------------------------------------------------

TEST(StaticRoutes, DecodesDestinationRouterPairs) {
  constexpr std::uint8_t kRoutes[] = {
      10, 0, 0, 0,       // destination 10.0.0.0 (classful: /8)
      192, 0, 2, 1,      // router 192.0.2.1
      172, 16, 0, 0,     // destination 172.16.0.0
      192, 0, 2, 2,      // router 192.0.2.2
  };
  auto r = decode_static_routes(kRoutes);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].dest, Ipv4Addr(10, 0, 0, 0));
  EXPECT_EQ((*r)[0].router, Ipv4Addr(192, 0, 2, 1));
  EXPECT_EQ((*r)[1].dest, Ipv4Addr(172, 16, 0, 0));
  EXPECT_EQ((*r)[1].router, Ipv4Addr(192, 0, 2, 2));
}

TEST(StaticRoutes, ZeroLengthIsEmpty) {
  EXPECT_EQ(decode_static_routes(Bytes{}).error(), OptionError::Empty);
}

TEST(StaticRoutes, RejectsLengthsNotMultipleOfEight) {
  constexpr std::uint8_t kSeventeen[17] = {};
  // 4 and 12: what the reference accepts (a multiple of 4), RFC 2132 5.8 does not.
  for (std::size_t n : {1u, 4u, 7u, 9u, 12u, 15u, 17u}) {
    EXPECT_EQ(decode_static_routes(Bytes(kSeventeen).first(n)).error(), OptionError::BadLength)
        << n;
  }
}

// ---- 121 classless static routes (RFC 3442) ---------------------------------------

struct RouteDecode {
  OptionError error = OptionError::None;
  std::size_t decoded = 0;
  std::vector<ClasslessRoute> routes;
};

RouteDecode decode_routes(Bytes v, std::size_t capacity = 64) {
  std::vector<ClasslessRoute> out(capacity);
  RouteDecode d;
  d.decoded = 12345;  // must be overwritten
  auto r = decode_classless_routes(v, out, &d.decoded);
  if (r.ok()) {
    EXPECT_EQ(r.value(), d.decoded);
  } else {
    d.error = r.error();
  }
  out.resize(d.decoded);
  d.routes = out;
  return d;
}

ClasslessRoute route(Ipv4Addr dest, std::uint8_t len, Ipv4Addr router) {
  return ClasslessRoute{Ipv4Prefix{dest, len}, router};
}

TEST(ClasslessRoutes, DecodesDefaultRouteWithNoDestinationOctets) {
  constexpr std::uint8_t kDefault[] = {
      0,             // prefix length 0: no destination octets (RFC 3442 3)
      192, 0, 2, 1,  // router 192.0.2.1
  };
  auto d = decode_routes(kDefault);
  ASSERT_EQ(d.error, OptionError::None);
  ASSERT_EQ(d.routes.size(), 1u);
  EXPECT_EQ(d.routes[0], route(Ipv4Addr(0, 0, 0, 0), 0, kRouter1));
}

TEST(ClasslessRoutes, DefaultRouteReadsNextFourOctetsAsRouter) {
  constexpr std::uint8_t kDefault[] = {
      0,           // prefix length 0
      10, 1, 2, 3  // router 10.1.2.3: not a destination octet
  };
  auto d = decode_routes(kDefault);
  ASSERT_EQ(d.error, OptionError::None);
  ASSERT_EQ(d.routes.size(), 1u);
  EXPECT_EQ(d.routes[0], route(Ipv4Addr(0, 0, 0, 0), 0, Ipv4Addr(10, 1, 2, 3)));
}

TEST(ClasslessRoutes, DecodesHostRouteWithFourDestinationOctets) {
  constexpr std::uint8_t kHost[] = {
      32,               // prefix length 32: 4 destination octets
      198, 51, 100, 7,  // destination 198.51.100.7
      192, 0, 2, 1,     // router 192.0.2.1
  };
  auto d = decode_routes(kHost);
  ASSERT_EQ(d.error, OptionError::None);
  ASSERT_EQ(d.routes.size(), 1u);
  EXPECT_EQ(d.routes[0], route(Ipv4Addr(198, 51, 100, 7), 32, kRouter1));
}

TEST(ClasslessRoutes, DecodesOnLinkRouteWithZeroRouter) {
  constexpr std::uint8_t kOnLink[] = {
      24,           // prefix length 24: 3 destination octets
      192, 0, 2,    // destination 192.0.2.0
      0, 0, 0, 0,   // router 0.0.0.0: on-link
  };
  auto d = decode_routes(kOnLink);
  ASSERT_EQ(d.error, OptionError::None);
  ASSERT_EQ(d.routes.size(), 1u);
  EXPECT_EQ(d.routes[0], route(Ipv4Addr(192, 0, 2, 0), 24, Ipv4Addr(0, 0, 0, 0)));
}

TEST(ClasslessRoutes, MasksHostBitsOfDestination) {
  constexpr std::uint8_t kNine[] = {
      9,             // prefix length 9: 2 destination octets
      10, 255,       // 10.255: the low 7 bits of the second octet are host bits
      192, 0, 2, 1,  // router 192.0.2.1
  };
  auto d = decode_routes(kNine);
  ASSERT_EQ(d.error, OptionError::None);
  ASSERT_EQ(d.routes.size(), 1u);
  // 255 = 1111 1111; /9 keeps the top bit of the second octet: 128.
  EXPECT_EQ(d.routes[0], route(Ipv4Addr(10, 128, 0, 0), 9, kRouter1));
}

TEST(ClasslessRoutes, MasksHostBitsAtEveryWidth) {
  constexpr std::uint8_t kRoutes[] = {
      1,              // prefix length 1: 1 destination octet
      0xff,           // 255: only the top bit survives -> 128.0.0.0/1
      192, 0, 2, 1,   // router
      23,             // prefix length 23: 3 destination octets
      192, 0, 3,      // 192.0.3: the low bit of the third octet is a host bit
      192, 0, 2, 1,   // router
  };
  auto d = decode_routes(kRoutes);
  ASSERT_EQ(d.error, OptionError::None);
  ASSERT_EQ(d.routes.size(), 2u);
  EXPECT_EQ(d.routes[0], route(Ipv4Addr(128, 0, 0, 0), 1, kRouter1));
  EXPECT_EQ(d.routes[1], route(Ipv4Addr(192, 0, 2, 0), 23, kRouter1));
}

// RFC 3442 section 3's table: widths 1..8 take 1 octet, 9..16 two, 17..24
// three, 25..32 four. One route of each boundary, back to back: if any width
// took the wrong number of octets, every later route would be misread.
TEST(ClasslessRoutes, UsesCompactEncodingOctetCounts) {
  constexpr std::uint8_t kTable[] = {
      8, 10,                  // 10.0.0.0/8: 1 octet
      192, 0, 2, 1,           //   router 192.0.2.1
      16, 172, 16,            // 172.16.0.0/16: 2 octets
      192, 0, 2, 2,           //   router 192.0.2.2
      17, 172, 17, 128,       // 172.17.128.0/17: 3 octets
      192, 0, 2, 3,           //   router 192.0.2.3
      24, 198, 51, 100,       // 198.51.100.0/24: 3 octets
      192, 0, 2, 4,           //   router 192.0.2.4
      25, 203, 0, 113, 128,   // 203.0.113.128/25: 4 octets
      192, 0, 2, 5,           //   router 192.0.2.5
  };
  auto d = decode_routes(kTable);
  ASSERT_EQ(d.error, OptionError::None);
  ASSERT_EQ(d.routes.size(), 5u);
  EXPECT_EQ(d.routes[0], route(Ipv4Addr(10, 0, 0, 0), 8, Ipv4Addr(192, 0, 2, 1)));
  EXPECT_EQ(d.routes[1], route(Ipv4Addr(172, 16, 0, 0), 16, Ipv4Addr(192, 0, 2, 2)));
  EXPECT_EQ(d.routes[2], route(Ipv4Addr(172, 17, 128, 0), 17, Ipv4Addr(192, 0, 2, 3)));
  EXPECT_EQ(d.routes[3], route(Ipv4Addr(198, 51, 100, 0), 24, Ipv4Addr(192, 0, 2, 4)));
  EXPECT_EQ(d.routes[4], route(Ipv4Addr(203, 0, 113, 128), 25, Ipv4Addr(192, 0, 2, 5)));
}

TEST(ClasslessRoutes, ZeroLengthIsEmpty) {
  auto d = decode_routes(Bytes{});
  EXPECT_EQ(d.error, OptionError::Empty);
  EXPECT_EQ(d.decoded, 0u);
}

TEST(ClasslessRoutes, RejectsPrefixLengthAbove32) {
  constexpr std::uint8_t k33[] = {
      33,                   // prefix length 33: no such IPv4 prefix
      10, 0, 0, 0, 0,       // what 5 octets would be
      192, 0, 2, 1,         // router
  };
  constexpr std::uint8_t k255[] = {255, 192, 0, 2, 1};
  EXPECT_EQ(decode_routes(k33).error, OptionError::BadPrefixLength);
  EXPECT_EQ(decode_routes(k255).error, OptionError::BadPrefixLength);
}

TEST(ClasslessRoutes, RejectsTruncatedRouter) {
  constexpr std::uint8_t kShortRouter[] = {
      24, 192, 0, 2,  // 192.0.2.0/24
      192, 0, 2,      // router cut after 3 octets
  };
  auto d = decode_routes(kShortRouter);
  EXPECT_EQ(d.error, OptionError::TruncatedRoute);
  EXPECT_EQ(d.decoded, 0u);
}

TEST(ClasslessRoutes, RejectsTruncatedDestination) {
  constexpr std::uint8_t kShortDest[] = {
      24, 192, 0,  // /24 needs 3 destination octets, only 2 follow
  };
  EXPECT_EQ(decode_routes(kShortDest).error, OptionError::TruncatedRoute);
}

TEST(ClasslessRoutes, ReportsRoutesDecodedBeforeError) {
  constexpr std::uint8_t kTwoThenBad[] = {
      0, 192, 0, 2, 1,          // 0.0.0.0/0 via 192.0.2.1
      8, 10, 192, 0, 2, 2,      // 10.0.0.0/8 via 192.0.2.2
      40, 1, 2, 3, 4, 5,        // prefix length 40: malformed
  };
  auto d = decode_routes(kTwoThenBad);
  EXPECT_EQ(d.error, OptionError::BadPrefixLength);
  ASSERT_EQ(d.decoded, 2u);
  EXPECT_EQ(d.routes[0], route(Ipv4Addr(0, 0, 0, 0), 0, kRouter1));
  EXPECT_EQ(d.routes[1], route(Ipv4Addr(10, 0, 0, 0), 8, Ipv4Addr(192, 0, 2, 2)));
}

constexpr std::uint8_t kThreeRoutes[] = {
    0, 192, 0, 2, 1,                    // 0.0.0.0/0 via 192.0.2.1 (bytes 0..4)
    24, 198, 51, 100, 192, 0, 2, 2,     // 198.51.100.0/24 via 192.0.2.2 (bytes 5..12)
    32, 203, 0, 113, 9, 192, 0, 2, 3,   // 203.0.113.9/32 via 192.0.2.3 (bytes 13..21)
};
// The offsets where a route of kThreeRoutes ends, counted by hand above.
constexpr std::size_t kThreeRoutesEnds[] = {5, 13, 22};

TEST(ClasslessRoutes, ReportsOutputFullWithDecodedCount) {
  auto d = decode_routes(kThreeRoutes, 2);
  EXPECT_EQ(d.error, OptionError::OutputFull);
  ASSERT_EQ(d.decoded, 2u);
  EXPECT_EQ(d.routes[1], route(Ipv4Addr(198, 51, 100, 0), 24, Ipv4Addr(192, 0, 2, 2)));
}

TEST(ClasslessRoutes, FillsOutputOfExactSize) {
  auto d = decode_routes(kThreeRoutes, 3);
  EXPECT_EQ(d.error, OptionError::None);
  ASSERT_EQ(d.decoded, 3u);
  EXPECT_EQ(d.routes[2], route(Ipv4Addr(203, 0, 113, 9), 32, Ipv4Addr(192, 0, 2, 3)));
}

TEST(ClasslessRoutes, MalformedRouteAfterFullOutputIsReportedAsMalformed) {
  constexpr std::uint8_t kOneThenBad[] = {
      0, 192, 0, 2, 1,  // 0.0.0.0/0 via 192.0.2.1
      33,               // prefix length 33
  };
  auto d = decode_routes(kOneThenBad, 1);
  EXPECT_EQ(d.error, OptionError::BadPrefixLength);
  EXPECT_EQ(d.decoded, 1u);
}

TEST(ClasslessRoutes, DecodedPointerIsOptional) {
  std::array<ClasslessRoute, 4> out{};
  auto r = decode_classless_routes(kThreeRoutes, out);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value(), 3u);
  constexpr std::uint8_t kBad[] = {33};
  EXPECT_EQ(decode_classless_routes(kBad, out).error(), OptionError::BadPrefixLength);
}

TEST(ClasslessRoutes, EveryStrictPrefixDecodesCompleteRoutesOrIsTruncated) {
  const Bytes all(kThreeRoutes);
  for (std::size_t n = 0; n < all.size(); ++n) {
    auto d = decode_routes(all.first(n));
    std::size_t complete = 0;
    bool at_boundary = false;
    for (std::size_t end : kThreeRoutesEnds) {
      if (end <= n) ++complete;
      if (end == n) at_boundary = true;
    }
    EXPECT_EQ(d.decoded, complete) << n;
    if (n == 0) {
      EXPECT_EQ(d.error, OptionError::Empty);
    } else if (at_boundary) {
      EXPECT_EQ(d.error, OptionError::None) << n;
    } else {
      EXPECT_EQ(d.error, OptionError::TruncatedRoute) << n;
    }
  }
}

TEST(ClasslessRouteReader, YieldsRoutesLazilyThenEndsWithoutError) {
  ClasslessRouteReader reader(kThreeRoutes);
  ClasslessRoute r;
  ASSERT_TRUE(reader.next(r));
  EXPECT_EQ(r, route(Ipv4Addr(0, 0, 0, 0), 0, kRouter1));
  ASSERT_TRUE(reader.next(r));
  EXPECT_EQ(r, route(Ipv4Addr(198, 51, 100, 0), 24, Ipv4Addr(192, 0, 2, 2)));
  ASSERT_TRUE(reader.next(r));
  EXPECT_EQ(r, route(Ipv4Addr(203, 0, 113, 9), 32, Ipv4Addr(192, 0, 2, 3)));
  EXPECT_FALSE(reader.next(r));
  EXPECT_EQ(reader.error(), OptionError::None);
}

TEST(ClasslessRouteReader, EmptyInputEndsAtOnceWithoutError) {
  ClasslessRouteReader reader(Bytes{});
  ClasslessRoute r;
  EXPECT_FALSE(reader.next(r));
  EXPECT_EQ(reader.error(), OptionError::None);
}

TEST(ClasslessRouteReader, StopsAtFirstBadRoute) {
  constexpr std::uint8_t kGoodBadGood[] = {
      8, 10, 192, 0, 2, 1,   // 10.0.0.0/8 via 192.0.2.1
      33, 0, 0, 0, 0,        // prefix length 33: malformed
      0, 192, 0, 2, 1,       // a well-formed default route that must not be read
  };
  ClasslessRouteReader reader(kGoodBadGood);
  ClasslessRoute r;
  ASSERT_TRUE(reader.next(r));
  EXPECT_EQ(r, route(Ipv4Addr(10, 0, 0, 0), 8, kRouter1));
  const ClasslessRoute before = r;
  EXPECT_FALSE(reader.next(r));
  EXPECT_EQ(reader.error(), OptionError::BadPrefixLength);
  EXPECT_EQ(r, before);  // out untouched on error
  EXPECT_FALSE(reader.next(r));  // and it stays stopped
  EXPECT_EQ(reader.error(), OptionError::BadPrefixLength);
}

TEST(ClasslessRouteReader, StopsAtTruncatedRoute) {
  constexpr std::uint8_t kGoodThenCut[] = {
      0, 192, 0, 2, 1,  // 0.0.0.0/0 via 192.0.2.1
      16, 172,          // /16 with one of its two destination octets
  };
  ClasslessRouteReader reader(kGoodThenCut);
  ClasslessRoute r;
  EXPECT_TRUE(reader.next(r));
  EXPECT_FALSE(reader.next(r));
  EXPECT_EQ(reader.error(), OptionError::TruncatedRoute);
}

// ---- 12 / 15 host and domain names ---------------------------------------------

std::string repeat(char c, std::size_t n) { return std::string(n, c); }

// A name of exactly `length` characters made of labels of at most 63.
std::string name_of_length(std::size_t length) {
  std::string s;
  while (s.size() < length) {
    if (!s.empty()) s += '.';
    const std::size_t left = length - s.size();
    s += repeat('a', left < 63 ? left : 63);
  }
  return s;
}

using NameDecoder = Result<std::string_view, OptionError> (*)(Bytes) noexcept;

class DottedName : public ::testing::TestWithParam<NameDecoder> {
 protected:
  Result<std::string_view, OptionError> decode(std::string_view s) const {
    return GetParam()(bytes_of(s));
  }
};

TEST_P(DottedName, AcceptsValidName) {
  constexpr auto kName = "host-1.Example.com"sv;  // letters, digits, inner hyphen, any case
  auto r = decode(kName);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value(), kName);
  EXPECT_EQ(r.value().data(), kName.data());  // a view into the option, not a copy
}

TEST_P(DottedName, AcceptsDigitFirstLabelsAndDoubleHyphen) {
  EXPECT_EQ(decode("3com.xn--bcher-kva.example").value(), "3com.xn--bcher-kva.example");
}

TEST_P(DottedName, DropsOneTrailingDot) {
  EXPECT_EQ(decode("host.example.").value(), "host.example");
}

TEST_P(DottedName, DropsTrailingNuls) {
  EXPECT_EQ(decode("host\0\0"sv).value(), "host");
  EXPECT_EQ(decode("host.\0"sv).value(), "host");
}

TEST_P(DottedName, RejectsEmbeddedNul) {
  EXPECT_EQ(decode("ho\0st"sv).error(), OptionError::BadCharacter);
}

TEST_P(DottedName, EmptyNulOnlyAndLoneDotAreEmpty) {
  EXPECT_EQ(decode("").error(), OptionError::Empty);
  EXPECT_EQ(decode("\0\0"sv).error(), OptionError::Empty);
  EXPECT_EQ(decode(".").error(), OptionError::Empty);
}

TEST_P(DottedName, RejectsEmptyLabels) {
  EXPECT_EQ(decode("a..b").error(), OptionError::BadLabel);
  EXPECT_EQ(decode(".a").error(), OptionError::BadLabel);
  EXPECT_EQ(decode("a..").error(), OptionError::BadLabel);  // only one trailing dot is allowed
}

TEST_P(DottedName, AcceptsLabelOf63AndRejectsLabelOf64) {
  const std::string ok = repeat('a', 63) + ".example";
  const std::string bad = repeat('a', 64) + ".example";
  EXPECT_EQ(decode(ok).value(), ok);
  EXPECT_EQ(decode(bad).error(), OptionError::BadLabel);
}

TEST_P(DottedName, Accepts253CharactersAndRejects254) {
  const std::string max = name_of_length(253);  // 63.63.63.61
  ASSERT_EQ(max.size(), 253u);
  EXPECT_EQ(decode(max).value(), max);
  EXPECT_EQ(decode(max + ".").value(), max);  // 254 bytes with the root's trailing dot
  const std::string over = name_of_length(254);
  ASSERT_EQ(over.size(), 254u);
  EXPECT_EQ(decode(over).error(), OptionError::NameTooLong);
}

TEST_P(DottedName, RejectsCharactersOutsideLettersDigitsHyphen) {
  for (std::string_view s : {"a b"sv, "a/b"sv, "a@b"sv, "a*b"sv, "a\tb"sv, "a\x7f"sv, "a\x80"sv,
                             "\xff"sv, "a:b"sv}) {
    auto r = decode(s);
    ASSERT_FALSE(r.ok()) << s;
    EXPECT_EQ(r.error(), OptionError::BadCharacter) << s;
  }
}

TEST_P(DottedName, RejectsLabelsStartingOrEndingWithHyphen) {
  for (std::string_view s : {"-host"sv, "host-"sv, "a.-b"sv, "a-.b"sv, "-"sv, "host-."sv}) {
    auto r = decode(s);
    ASSERT_FALSE(r.ok()) << s;
    EXPECT_EQ(r.error(), OptionError::BadCharacter) << s;
  }
}

// Every strict prefix of "my-host.example" is either Empty (length 0), ends
// in '-' (BadCharacter: a label may not end with a hyphen), or is itself a
// valid name, returned without a trailing dot.
TEST_P(DottedName, EveryStrictPrefixIsRejectedOrAShorterName) {
  constexpr auto kName = "my-host.example"sv;
  for (std::size_t n = 0; n < kName.size(); ++n) {
    const std::string_view prefix = kName.substr(0, n);
    auto r = decode(prefix);
    if (n == 0) {
      EXPECT_EQ(r.error(), OptionError::Empty);
    } else if (prefix.back() == '-') {
      EXPECT_EQ(r.error(), OptionError::BadCharacter) << prefix;
    } else {
      const std::string_view expect = prefix.back() == '.' ? prefix.substr(0, n - 1) : prefix;
      ASSERT_TRUE(r.ok()) << prefix;
      EXPECT_EQ(r.value(), expect);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(HostAndDomain, DottedName,
                         ::testing::Values(&decode_hostname, &decode_domain_name),
                         [](const ::testing::TestParamInfo<NameDecoder>& param) {
                           return param.index == 0 ? "HostName12" : "DomainName15";
                         });

TEST(HostName, RejectsUnderscore) {
  EXPECT_EQ(decode_hostname(bytes_of("my_host")).error(), OptionError::BadCharacter);
}

TEST(DomainName, AcceptsUnderscore) {
  EXPECT_EQ(decode_domain_name(bytes_of("_corp.example")).value(), "_corp.example");
}

// ---- 66 / 67 text -------------------------------------------------------------

TEST(Text, AcceptsPrintableAscii) {
  constexpr auto kBoot = "pxelinux.0"sv;
  EXPECT_EQ(decode_text(bytes_of(kBoot)).value(), kBoot);
  EXPECT_EQ(decode_text(bytes_of(" ~")).value(), " ~");  // 0x20 and 0x7e, the bounds
}

TEST(Text, DropsTrailingNuls) {
  EXPECT_EQ(decode_text(bytes_of("boot/x.efi\0\0\0"sv)).value(), "boot/x.efi");
}

TEST(Text, EmptyOrNulOnlyIsEmpty) {
  EXPECT_EQ(decode_text(Bytes{}).error(), OptionError::Empty);
  EXPECT_EQ(decode_text(bytes_of("\0"sv)).error(), OptionError::Empty);
}

TEST(Text, RejectsControlNonAsciiAndEmbeddedNul) {
  for (std::string_view s : {"a\0b"sv, "a\x1f"sv, "a\x7f"sv, "a\x80"sv, "\n"sv, "\xff"sv}) {
    EXPECT_EQ(decode_text(bytes_of(s)).error(), OptionError::BadCharacter);
  }
}

TEST(Text, EveryStrictPrefixIsEmptyOrItself) {
  constexpr auto kBoot = "boot.bin"sv;
  for (std::size_t n = 0; n < kBoot.size(); ++n) {
    auto r = decode_text(bytes_of(kBoot.substr(0, n)));
    if (n == 0) {
      EXPECT_EQ(r.error(), OptionError::Empty);
    } else {
      EXPECT_EQ(r.value(), kBoot.substr(0, n));
    }
  }
}

// ---- 55 parameter request list, 61 client identifier ------------------------------

TEST(ParameterList, ReturnsCodes) {
  constexpr std::uint8_t kCodes[] = {1, 3, 6, 121};  // mask, router, DNS, classless routes
  auto r = decode_parameter_list(kCodes);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->size(), 4u);
  EXPECT_EQ(r->data(), kCodes);
}

TEST(ParameterList, ZeroLengthIsEmpty) {
  EXPECT_EQ(decode_parameter_list(Bytes{}).error(), OptionError::Empty);
}

TEST(ParameterList, EveryStrictPrefixIsEmptyOrShorterList) {
  constexpr std::uint8_t kCodes[] = {1, 3, 6};
  for (std::size_t n = 0; n < 3; ++n) {
    auto r = decode_parameter_list(Bytes(kCodes).first(n));
    if (n == 0) {
      EXPECT_EQ(r.error(), OptionError::Empty);
    } else {
      EXPECT_EQ(r->size(), n);
    }
  }
}

constexpr std::uint8_t kClientId[] = {
    1,                                   // type 1: Ethernet hardware address
    0x02, 0x00, 0x5e, 0x10, 0x00, 0x01,  // a locally administered MAC
};

TEST(ClientId, AcceptsTypeAndIdentifier) {
  auto r = decode_client_id(kClientId);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->size(), 7u);
  constexpr std::uint8_t kMinimal[] = {0, 'x'};  // type 0 + one octet: the minimum, RFC 2132 9.14
  EXPECT_TRUE(decode_client_id(kMinimal).ok());
}

TEST(ClientId, RejectsFewerThanTwoOctets) {
  EXPECT_EQ(decode_client_id(Bytes{}).error(), OptionError::BadLength);
  EXPECT_EQ(decode_client_id(Bytes(kClientId).first(1)).error(), OptionError::BadLength);
}

TEST(ClientId, EveryStrictPrefixIsBadLengthOrShorterId) {
  for (std::size_t n = 0; n < sizeof kClientId; ++n) {
    auto r = decode_client_id(Bytes(kClientId).first(n));
    if (n < 2) {
      EXPECT_EQ(r.error(), OptionError::BadLength) << n;
    } else {
      EXPECT_EQ(r->size(), n);
    }
  }
}

// ---- prefix sweep of the fixed-size and list decoders ------------------------------

TEST(FixedSizeOptions, EveryStrictPrefixIsBadLength) {
  constexpr std::uint8_t kFour[] = {192, 0, 2, 1};
  constexpr std::uint8_t kTwo[] = {0x05, 0xdc};
  for (std::size_t n = 0; n < 4; ++n) {
    EXPECT_EQ(decode_u32(Bytes(kFour).first(n)).error(), OptionError::BadLength) << n;
    EXPECT_EQ(decode_address(Bytes(kFour).first(n)).error(), OptionError::BadLength) << n;
  }
  for (std::size_t n = 0; n < 2; ++n) {
    EXPECT_EQ(decode_max_message_size(Bytes(kTwo).first(n)).error(), OptionError::BadLength) << n;
  }
}

TEST(AddressList, EveryStrictPrefixIsEmptyBadLengthOrFewerAddresses) {
  constexpr std::uint8_t kTwo[] = {
      192, 0, 2, 1,  // first router
      192, 0, 2, 2,  // second router
  };
  for (std::size_t n = 0; n < sizeof kTwo; ++n) {
    auto r = decode_address_list(Bytes(kTwo).first(n));
    if (n == 0) {
      EXPECT_EQ(r.error(), OptionError::Empty);
    } else if (n == 4) {
      ASSERT_TRUE(r.ok());
      ASSERT_EQ(r->size(), 1u);
      EXPECT_EQ((*r)[0], Ipv4Addr(192, 0, 2, 1));
    } else {
      EXPECT_EQ(r.error(), OptionError::BadLength) << n;
    }
  }
}

TEST(StaticRoutes, EveryStrictPrefixIsEmptyBadLengthOrFewerRoutes) {
  constexpr std::uint8_t kTwo[] = {
      10, 0, 0, 0, 192, 0, 2, 1,    // 10.0.0.0 via 192.0.2.1
      172, 16, 0, 0, 192, 0, 2, 2,  // 172.16.0.0 via 192.0.2.2
  };
  for (std::size_t n = 0; n < sizeof kTwo; ++n) {
    auto r = decode_static_routes(Bytes(kTwo).first(n));
    if (n == 0) {
      EXPECT_EQ(r.error(), OptionError::Empty);
    } else if (n == 8) {
      ASSERT_TRUE(r.ok());
      ASSERT_EQ(r->size(), 1u);
      EXPECT_EQ((*r)[0].router, Ipv4Addr(192, 0, 2, 1));
    } else {
      EXPECT_EQ(r.error(), OptionError::BadLength) << n;
    }
  }
}

// ---- 119 domain search (RFC 3397, RFC 1035 4.1.4) ---------------------------------

struct SearchDecode {
  OptionError error = OptionError::None;
  std::vector<std::string> names;
};

// decode_search runs decode_domain_search with room for any result: at most
// one name per option octet, each at most 253 characters.
SearchDecode decode_search(Bytes v) {
  std::vector<char> text(v.size() * kMaxDomainNameLength + 1);
  std::vector<std::string_view> views(v.size() + 1);
  SearchDecode d;
  auto r = decode_domain_search(v, text, views);
  if (!r.ok()) {
    d.error = r.error();
    return d;
  }
  for (std::size_t i = 0; i < r.value(); ++i) d.names.emplace_back(views[i]);
  return d;
}

using Names = std::vector<std::string>;

// "example.com", then "sub.example.com" and "other.com" compressed against it.
constexpr std::uint8_t kSearchList[] = {
    7, 'e', 'x', 'a', 'm', 'p', 'l', 'e',  // offset 0: label "example"
    3, 'c', 'o', 'm',                      // offset 8: label "com"
    0,                                     // offset 12: root, end of "example.com"
    3, 's', 'u', 'b',                      // offset 13: label "sub"
    0xc0, 0x00,                            // offset 17: pointer to offset 0 ("example.com")
    5, 'o', 't', 'h', 'e', 'r',            // offset 19: label "other"
    0xc0, 0x08,                            // offset 25: pointer to offset 8 ("com")
};

TEST(DomainSearch, DecodesUncompressedName) {
  constexpr std::uint8_t kOne[] = {
      7, 'e', 'x', 'a', 'm', 'p', 'l', 'e',  // label "example"
      3, 'c', 'o', 'm',                      // label "com"
      0,                                     // root
  };
  auto d = decode_search(kOne);
  ASSERT_EQ(d.error, OptionError::None);
  EXPECT_EQ(d.names, Names{"example.com"});
}

TEST(DomainSearch, DecodesCompressedNamesWithBackwardPointers) {
  auto d = decode_search(kSearchList);
  ASSERT_EQ(d.error, OptionError::None);
  EXPECT_EQ(d.names, (Names{"example.com", "sub.example.com", "other.com"}));
}

TEST(DomainSearch, WritesNamesConsecutivelyIntoText) {
  std::array<char, 64> text{};
  std::array<std::string_view, 3> views{};
  auto r = decode_domain_search(kSearchList, text, views);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value(), 3u);
  constexpr auto kAll = "example.comsub.example.comother.com"sv;  // 11 + 15 + 9 characters
  EXPECT_EQ(std::string_view(text.data(), kAll.size()), kAll);
  EXPECT_EQ(views[0].data(), text.data());
  EXPECT_EQ(views[1].data(), text.data() + 11);
  EXPECT_EQ(views[2].data(), text.data() + 26);
}

TEST(DomainSearch, FillsOutputOfExactSize) {
  std::array<char, 35> text{};  // 11 + 15 + 9
  std::array<std::string_view, 3> views{};
  auto r = decode_domain_search(kSearchList, text, views);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(views[2], "other.com");
}

TEST(DomainSearch, TextTooSmallIsOutputFull) {
  std::array<char, 34> text{};  // one character short
  std::array<std::string_view, 3> views{};
  EXPECT_EQ(decode_domain_search(kSearchList, text, views).error(), OptionError::OutputFull);
}

TEST(DomainSearch, NamesTooFewIsOutputFull) {
  std::array<char, 64> text{};
  std::array<std::string_view, 2> views{};
  EXPECT_EQ(decode_domain_search(kSearchList, text, views).error(), OptionError::OutputFull);
}

TEST(DomainSearch, BadCharacterWinsOverOutputFull) {
  constexpr std::uint8_t kBad[] = {3, 'a', ' ', 'b', 0};  // "a b": a space
  EXPECT_EQ(decode_domain_search(kBad, std::span<char>{}, std::span<std::string_view>{}).error(),
            OptionError::BadCharacter);
}

TEST(DomainSearch, ZeroLengthIsEmpty) {
  EXPECT_EQ(decode_search(Bytes{}).error, OptionError::Empty);
}

// Decision: the root name (no labels) is skipped, and a list of only root
// names is Empty.
TEST(DomainSearch, SkipsRootName) {
  constexpr std::uint8_t kRootThenName[] = {
      0,                  // offset 0: the root name
      3, 'c', 'o', 'm',   // offset 1: label "com"
      0,                  // root, end of "com"
      0xc0, 0x00,         // offset 6: pointer to the root name: the root again
  };
  auto d = decode_search(kRootThenName);
  ASSERT_EQ(d.error, OptionError::None);
  EXPECT_EQ(d.names, Names{"com"});
}

TEST(DomainSearch, OnlyRootNamesIsEmpty) {
  constexpr std::uint8_t kRoot[] = {0};
  constexpr std::uint8_t kRoots[] = {0, 0, 0xc0, 0x00};  // root, root, pointer to root
  EXPECT_EQ(decode_search(kRoot).error, OptionError::Empty);
  EXPECT_EQ(decode_search(kRoots).error, OptionError::Empty);
}

// CVE-2020-7461 (FreeBSD dhclient): a pointer chain that loops made the
// length computation and the copy disagree (heap overflow). The second name
// points to offset 1, which holds a pointer to itself.
TEST(DomainSearch, Cve2020_7461LoopingPointerIsBadPointer) {
  constexpr std::uint8_t kCve[] = {
      0x02, 0xc0, 0x01,  // offset 0: a 2-octet label whose octets look like a pointer to 1
      0x00,              // offset 3: root, end of the first name
      0x01, 0x41,        // offset 4: label "A"
      0xc0, 0x01,        // offset 6: pointer to offset 1, where c0 01 points to itself
  };
  EXPECT_EQ(decode_search(kCve).error, OptionError::BadPointer);
}

TEST(DomainSearch, SelfPointerIsBadPointer) {
  constexpr std::uint8_t kSelf[] = {0xc0, 0x00};  // offset 0: pointer to offset 0
  EXPECT_EQ(decode_search(kSelf).error, OptionError::BadPointer);
}

TEST(DomainSearch, PointerIntoTheCurrentNameIsBadPointer) {
  constexpr std::uint8_t kIntoSelf[] = {
      1, 'a', 0,     // offset 0: "a"
      1, 'b',        // offset 3: label "b", start of the second name
      0xc0, 0x03,    // pointer to offset 3: backwards, but into its own name (a loop)
  };
  EXPECT_EQ(decode_search(kIntoSelf).error, OptionError::BadPointer);
}

// After a jump the bound is the jump target, not the start of the name: a
// pointer read there must point before the target. Here name 3 jumps into
// name 1's label, whose octets read as a pointer forward to name 2 (still
// before name 3): a decoder that kept name 3's start as the bound would follow
// it and return "c.b".
TEST(DomainSearch, PointerAfterAJumpMustPrecedeTheJumpTarget) {
  constexpr std::uint8_t kJumpThenForward[] = {
      2, 0xc0, 0x04,  // offset 0: a 2-octet label whose octets look like a pointer to 4
      0,              // offset 3: root, end of name 1
      1, 'b', 0,      // offset 4: name 2, "b"
      1, 'c',         // offset 7: name 3, label "c"
      0xc0, 0x01,     // offset 9: pointer to offset 1, where c0 04 points forward to 4
  };
  EXPECT_EQ(decode_search(kJumpThenForward).error, OptionError::BadPointer);
}

TEST(DomainSearch, ForwardPointerIsBadPointer) {
  constexpr std::uint8_t kForward[] = {
      3, 'w', 'w', 'w',  // offset 0: label "www"
      0xc0, 0x07,        // offset 4: pointer to offset 7, ahead of it
      0,                 // offset 6
      3, 'c', 'o', 'm', 0,  // offset 7: "com"
  };
  EXPECT_EQ(decode_search(kForward).error, OptionError::BadPointer);
}

TEST(DomainSearch, PointerBeyondDataIsBadPointer) {
  constexpr std::uint8_t kFar[] = {
      1, 'a', 0,   // offset 0: "a"
      0xff, 0xff,  // offset 3: pointer to 0x3fff, far past the 5-octet option
  };
  EXPECT_EQ(decode_search(kFar).error, OptionError::BadPointer);
}

TEST(DomainSearch, LabelOf63IsAcceptedAndLengthOctet64IsBadLabel) {
  std::vector<std::uint8_t> v{63};
  v.insert(v.end(), 63, 'a');
  v.push_back(0);
  auto ok = decode_search(v);
  ASSERT_EQ(ok.error, OptionError::None);
  EXPECT_EQ(ok.names, Names{repeat('a', 63)});

  // 64 = 0x40: top bits 01, the reserved label type (RFC 1035 4.1.4; the
  // RFC 2673 bit-string type, obsolete), so no 64-octet label exists.
  std::vector<std::uint8_t> bad{64};
  bad.insert(bad.end(), 64, 'a');
  bad.push_back(0);
  EXPECT_EQ(decode_search(bad).error, OptionError::BadLabel);
}

TEST(DomainSearch, ReservedLabelTypesAreBadLabel) {
  constexpr std::uint8_t k40[] = {0x40, 0};  // type 01
  constexpr std::uint8_t k7f[] = {0x7f, 0};  // type 01, largest
  constexpr std::uint8_t k80[] = {0x80, 0};  // type 10
  constexpr std::uint8_t kBf[] = {0xbf, 0};  // type 10, largest
  for (Bytes v : {Bytes(k40), Bytes(k7f), Bytes(k80), Bytes(kBf)}) {
    EXPECT_EQ(decode_search(v).error, OptionError::BadLabel) << unsigned{v[0]};
  }
}

// A wire name with labels of the given sizes, all 'a', ending in the root.
std::vector<std::uint8_t> wire_name(std::initializer_list<std::size_t> labels) {
  std::vector<std::uint8_t> v;
  for (std::size_t n : labels) {
    v.push_back(static_cast<std::uint8_t>(n));
    v.insert(v.end(), n, 'a');
  }
  v.push_back(0);
  return v;
}

TEST(DomainSearch, Accepts253CharactersAndRejects254) {
  auto ok = decode_search(wire_name({63, 63, 63, 61}));  // 250 + 3 dots = 253
  ASSERT_EQ(ok.error, OptionError::None);
  EXPECT_EQ(ok.names.at(0).size(), 253u);
  EXPECT_EQ(decode_search(wire_name({63, 63, 63, 62})).error, OptionError::NameTooLong);  // 254
}

// Each name is "a" + a pointer to the previous one, so name k has k + 1
// labels and 2k + 1 characters: name 126 is 253 characters, name 127 is 255.
// Every pointer is strictly backwards; only the length stops the chain.
std::vector<std::uint8_t> chain_of_a(std::size_t names) {
  std::vector<std::uint8_t> v{1, 'a', 0};  // offset 0: "a"
  std::size_t previous = 0;
  for (std::size_t k = 1; k < names; ++k) {
    const std::size_t here = v.size();
    v.push_back(1);
    v.push_back('a');
    v.push_back(static_cast<std::uint8_t>(0xc0 | (previous >> 8)));  // pointer, high bits
    v.push_back(static_cast<std::uint8_t>(previous & 0xff));         // pointer, low octet
    previous = here;
  }
  return v;
}

TEST(DomainSearch, LongChainOfBackwardPointersUpTo253CharactersIsAccepted) {
  auto d = decode_search(chain_of_a(127));  // names 0..126
  ASSERT_EQ(d.error, OptionError::None);
  ASSERT_EQ(d.names.size(), 127u);
  EXPECT_EQ(d.names[2], "a.a.a");
  EXPECT_EQ(d.names[126].size(), 253u);
}

TEST(DomainSearch, LongChainOfBackwardPointersBeyond253CharactersIsNameTooLong) {
  EXPECT_EQ(decode_search(chain_of_a(128)).error, OptionError::NameTooLong);
}

// Pointers to pointers: offset 0 is the root; the name at offset 2k-1 points
// to the one at 2k-3, so it follows k pointers before reaching the root.
std::vector<std::uint8_t> chain_of_pointers(std::size_t hops) {
  std::vector<std::uint8_t> v{0};
  std::size_t previous = 0;
  for (std::size_t k = 1; k <= hops; ++k) {
    const std::size_t here = v.size();
    v.push_back(static_cast<std::uint8_t>(0xc0 | (previous >> 8)));
    v.push_back(static_cast<std::uint8_t>(previous & 0xff));
    previous = here;
  }
  return v;
}

TEST(DomainSearch, PointerChainIsBoundedByHopLimit) {
  EXPECT_EQ(decode_search(chain_of_pointers(kMaxDomainPointerHops)).error, OptionError::Empty);
  EXPECT_EQ(decode_search(chain_of_pointers(kMaxDomainPointerHops + 1)).error,
            OptionError::BadPointer);
}

TEST(DomainSearch, TruncatedEncodingsAreTruncatedName) {
  constexpr std::uint8_t kShortLabel[] = {7, 'e', 'x', 'a'};  // label of 7, 3 octets follow
  constexpr std::uint8_t kNoRoot[] = {1, 'a'};                // no terminating 0
  constexpr std::uint8_t kHalfPointer[] = {1, 'a', 0, 0xc0};  // pointer without its low octet
  EXPECT_EQ(decode_search(kShortLabel).error, OptionError::TruncatedName);
  EXPECT_EQ(decode_search(kNoRoot).error, OptionError::TruncatedName);
  EXPECT_EQ(decode_search(kHalfPointer).error, OptionError::TruncatedName);
}

TEST(DomainSearch, RejectsCharactersOutsideLettersDigitsHyphenUnderscore) {
  constexpr std::uint8_t kSpace[] = {3, 'a', ' ', 'b', 0};
  constexpr std::uint8_t kNul[] = {3, 'a', 0, 'b', 0};   // NUL inside a label
  constexpr std::uint8_t kDot[] = {3, 'a', '.', 'b', 0};  // a dot inside one label
  constexpr std::uint8_t kHigh[] = {1, 0xe9, 0};          // Latin-1 e-acute
  for (Bytes v : {Bytes(kSpace), Bytes(kNul), Bytes(kDot), Bytes(kHigh)}) {
    EXPECT_EQ(decode_search(v).error, OptionError::BadCharacter);
  }
}

TEST(DomainSearch, AcceptsUnderscoreHyphenDigitsAndCase) {
  constexpr std::uint8_t kName[] = {
      5, '_', 'l', 'd', 'a', 'p',           // label "_ldap"
      6, 'C', 'o', 'r', 'p', '-', '2',      // label "Corp-2"
      0,                                    // root
  };
  EXPECT_EQ(decode_search(kName).names, Names{"_ldap.Corp-2"});
}

TEST(DomainSearch, RejectsLabelsStartingOrEndingWithHyphen) {
  constexpr std::uint8_t kLeading[] = {2, '-', 'a', 0};
  constexpr std::uint8_t kTrailing[] = {2, 'a', '-', 0};
  EXPECT_EQ(decode_search(kLeading).error, OptionError::BadCharacter);
  EXPECT_EQ(decode_search(kTrailing).error, OptionError::BadCharacter);
}

// Offsets where a name of kSearchList ends (counted by hand above): 13 after
// "example.com"'s root, 19 after "sub"'s pointer; the whole list is 27.
TEST(DomainSearch, EveryStrictPrefixIsTruncatedOrFewerNames) {
  const Bytes all(kSearchList);
  ASSERT_EQ(all.size(), 27u);
  for (std::size_t n = 0; n < all.size(); ++n) {
    auto d = decode_search(all.first(n));
    if (n == 0) {
      EXPECT_EQ(d.error, OptionError::Empty);
    } else if (n == 13) {
      ASSERT_EQ(d.error, OptionError::None);
      EXPECT_EQ(d.names, Names{"example.com"});
    } else if (n == 19) {
      ASSERT_EQ(d.error, OptionError::None);
      EXPECT_EQ(d.names, (Names{"example.com", "sub.example.com"}));
    } else {
      EXPECT_EQ(d.error, OptionError::TruncatedName) << n;
    }
  }
}

}  // namespace
}  // namespace dhcpcore
