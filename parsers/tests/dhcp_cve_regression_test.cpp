// Regression tests for option-handling bugs that DHCP clients shipped,
// replayed against DhcpMessage. Each test is named for the input shape; the
// comment says which bug it reproduces and what dhcpcore must do instead.
// The option-119 compression and DNS-length bugs live in
// dhcp_options_test.cpp.
#include "dhcpcore/parsers/dhcp_message.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "dhcp_test_util.hpp"

namespace dhcpcore {
namespace {

using test::all_options;
using test::Bytes;
using test::is_inside;
using test::make_overloaded;
using test::make_payload;
using test::parse_vec;
using test::Seen;
using test::to_vec;

// CVE-2009-0692 (ISC dhclient: a subnet mask longer than 4 bytes overflowed
// a stack buffer) and CVE-2026-44815 (Windows DHCP client: the subnet mask's
// length was copied into a 4-byte buffer unchecked). The message parses; the
// only 4-byte view of option 1 is refused and the long value stays a bounded
// view into the payload.
TEST(DhcpCveRegression, SubnetMaskOfLength5To255ParsesButFixedRejectsIt) {
  for (std::size_t len = 5; len <= 255; ++len) {
    Bytes options{1, static_cast<std::uint8_t>(len)};  // subnet mask, length len
    options.insert(options.end(), len, 0xff);          // len bytes of 0xff
    options.push_back(53);                              // then message type: ACK
    options.push_back(1);
    options.push_back(5);
    options.push_back(255);                             // END
    const Bytes b = make_payload(options);
    auto m = parse_vec(b);
    ASSERT_TRUE(m.ok()) << len << ": " << to_string(m.error());
    EXPECT_FALSE(m->fixed(opt::kSubnetMask, 4).has_value()) << len;
    EXPECT_EQ(m->first(opt::kSubnetMask).size(), len);
    EXPECT_TRUE(is_inside(m->first(opt::kSubnetMask), b));
    EXPECT_EQ(m->message_type(), 5) << len;  // the walk stayed in step after it
  }
}

// CVE-2018-20679 (busybox udhcp_get_option read past the end of the packet
// for an option at its very end) and CVE-2019-5747 (udhcp_get_option32 read
// 4 bytes of an option whose length was shorter). Options 1, 3, 51 and 54
// with lengths 0, 1, 3 and 5 as the last bytes of the buffer, no END:
//   - length byte and all data present: the message parses, the option is
//     there with exactly that many bytes, and fixed(code, 4) refuses it;
//   - length byte present, data missing: length 0 needs no data (parses,
//     zero-length); lengths 1, 3, 5 are TruncatedOption;
//   - the data one byte short: TruncatedOption;
//   - the length byte missing: TruncatedOption.
TEST(DhcpCveRegression, ShortOrLongAddressOptionsAtTheVeryEndOfTheBuffer) {
  constexpr std::uint8_t kCodes[] = {opt::kSubnetMask, opt::kRouter, opt::kLeaseTime,
                                     opt::kServerId};
  constexpr std::uint8_t kLengths[] = {0, 1, 3, 5};
  for (std::uint8_t code : kCodes) {
    for (std::uint8_t len : kLengths) {
      SCOPED_TRACE(::testing::Message() << "code " << unsigned{code} << " length " << unsigned{len});
      const Bytes head{53, 1, 5};  // message type: ACK, then the option under test

      Bytes with_data = head;
      with_data.push_back(code);
      with_data.push_back(len);
      with_data.insert(with_data.end(), len, 0xc0);
      const Bytes full = make_payload(with_data);
      auto m = parse_vec(full);
      ASSERT_TRUE(m.ok()) << to_string(m.error());
      EXPECT_TRUE(m->has(code));
      EXPECT_EQ(m->total_length(code), len);
      EXPECT_EQ(m->first(code).size(), len);
      EXPECT_FALSE(m->fixed(code, 4).has_value());
      if (!m->first(code).empty()) {
        // The view ends exactly at the end of the buffer.
        EXPECT_EQ(m->first(code).data() + m->first(code).size(), full.data() + full.size());
      }

      Bytes no_data = head;
      no_data.push_back(code);
      no_data.push_back(len);
      const Bytes cut = make_payload(no_data);
      auto n = parse_vec(cut);
      if (len == 0) {
        ASSERT_TRUE(n.ok());
        EXPECT_TRUE(n->has(code));
        EXPECT_FALSE(n->fixed(code, 4).has_value());
      } else {
        ASSERT_FALSE(n.ok());
        EXPECT_EQ(n.error(), DhcpError::TruncatedOption);
      }

      if (len > 0) {
        Bytes one_short = head;
        one_short.push_back(code);
        one_short.push_back(len);
        one_short.insert(one_short.end(), len - 1u, 0xc0);
        const Bytes s = make_payload(one_short);
        EXPECT_EQ(parse_vec(s).error(), DhcpError::TruncatedOption);
      }

      Bytes no_length = head;
      no_length.push_back(code);
      const Bytes c = make_payload(no_length);
      EXPECT_EQ(parse_vec(c).error(), DhcpError::TruncatedOption);
    }
  }
}

// CVE-2019-11579 (dhcpcd read past the buffer for an option-overload option
// at the end of the packet without its data byte).
TEST(DhcpCveRegression, OverloadWithoutItsDataByteAtTheEndIsTruncatedOption) {
  constexpr std::uint8_t kNoData[] = {
      53, 1, 5,  // message type: ACK
      52, 1,     // overload, length 1, and the buffer ends
  };
  constexpr std::uint8_t kNoLength[] = {
      53, 1, 5,  // message type: ACK
      52,        // overload code, and the buffer ends
  };
  const Bytes a = make_payload(kNoData);
  const Bytes b = make_payload(kNoLength);
  EXPECT_EQ(parse_vec(a).error(), DhcpError::TruncatedOption);
  EXPECT_EQ(parse_vec(b).error(), DhcpError::TruncatedOption);
}

// An overload inside an overloaded field is how a parser is sent round in a
// loop or into a field twice; RFC 2131 4.1 only allows 52 in the options.
TEST(DhcpCveRegression, OverloadInsideFileIsRejected) {
  constexpr std::uint8_t kOptions[] = {52, 1, 3, 255};  // overload: file and sname
  constexpr std::uint8_t kFile[] = {52, 1, 1, 255};     // overload again, in file
  const Bytes b = make_overloaded(kOptions, kFile, {});
  EXPECT_EQ(parse_vec(b).error(), DhcpError::OverloadInFileOrSname);
}

TEST(DhcpCveRegression, OverloadInsideSnameIsRejected) {
  constexpr std::uint8_t kOptions[] = {52, 1, 3, 255};  // overload: file and sname
  constexpr std::uint8_t kSname[] = {0, 0, 52, 1, 3};   // PADs, then overload in sname
  const Bytes b = make_overloaded(kOptions, {}, kSname);
  EXPECT_EQ(parse_vec(b).error(), DhcpError::OverloadInFileOrSname);
}

// CVE-2018-5732 class (ISC dhclient: option buffers overflowed by options
// repeated and concatenated). Two limits: a payload larger than any UDP
// datagram is refused before any option is read, and a code whose instances
// add up to more than kMaxOptionLength is refused, so no concatenation
// buffer ever needs more.
TEST(DhcpCveRegression, RepeatedOptionBeyond64KiBIsMessageTooLarge) {
  Bytes options;
  for (int i = 0; i < 256; ++i) {  // 256 * 257 = 65792 bytes of option 43
    options.push_back(43);
    options.push_back(255);
    options.insert(options.end(), 255, 0x41);
  }
  const Bytes b = make_payload(options);
  ASSERT_GT(b.size(), kMaxDhcpMessageSize);
  EXPECT_EQ(parse_vec(b).error(), DhcpError::MessageTooLarge);
}

TEST(DhcpCveRegression, RepeatedOptionBeyondMaxOptionLengthIsOptionTooLong) {
  Bytes options;
  for (int i = 0; i < 36; ++i) {  // 36 * 255 = 9180 bytes of option 43 > 9000
    options.push_back(43);
    options.push_back(255);
    options.insert(options.end(), 255, 0x41);
  }
  options.push_back(255);
  const Bytes b = make_payload(options);
  ASSERT_LE(b.size(), kMaxDhcpMessageSize);
  EXPECT_EQ(parse_vec(b).error(), DhcpError::OptionTooLong);
}

TEST(DhcpCveRegression, RepeatedOptionSpreadOverOptionsAndFileBeyondTheLimitIsOptionTooLong) {
  // 8925 bytes of 43 in the options field (35 * 255) + 76 in file = 9001.
  Bytes options{52, 1, 1};  // overload: file
  for (int i = 0; i < 35; ++i) {
    options.push_back(43);
    options.push_back(255);
    options.insert(options.end(), 255, 0x41);
  }
  options.push_back(255);
  Bytes file{43, 76};
  file.insert(file.end(), 76, 0x42);
  file.push_back(255);
  const Bytes b = make_overloaded(options, file, {});
  EXPECT_EQ(parse_vec(b).error(), DhcpError::OptionTooLong);
  // 75 bytes in file: exactly 9000, accepted.
  file = {43, 75};
  file.insert(file.end(), 75, 0x42);
  const Bytes ok = make_overloaded(options, file, {});
  auto m = parse_vec(ok);
  ASSERT_TRUE(m.ok()) << to_string(m.error());
  EXPECT_EQ(m->total_length(43), 9000u);
}

// Zephyr's DHCPv4 client read PAD as a TLV (code 0 + a length byte), which
// swallowed the next option's code and desynchronised the rest of the walk.
// Every option after a PAD must come out intact.
TEST(DhcpCveRegression, PadIsOneByteAndOptionsAfterItAreIntact) {
  constexpr std::uint8_t kOptions[] = {
      0,                        // PAD (as a TLV: length 53, swallowing what follows)
      53, 1, 5,                 // message type: ACK
      0,                        // PAD (as a TLV: length 54)
      54, 4, 192, 0, 2, 1,      // server identifier 192.0.2.1
      0, 0,                     // PAD PAD (as a TLV: a zero-length option 0)
      51, 4, 0, 0, 0x0e, 0x10,  // lease 3600 s
      0,                        // PAD (as a TLV: length 1, data 4, then 255 read as END)
      1, 4, 255, 255, 255, 0,   // subnet mask 255.255.255.0
      0,                        // PAD right before END
      255,                      // END
  };
  const Bytes b = make_payload(kOptions);
  auto m = parse_vec(b);
  ASSERT_TRUE(m.ok()) << to_string(m.error());
  const std::vector<Seen> expected{
      {53, OptionArea::Options, {5}},
      {54, OptionArea::Options, {192, 0, 2, 1}},
      {51, OptionArea::Options, {0, 0, 0x0e, 0x10}},
      {1, OptionArea::Options, {255, 255, 255, 0}},
  };
  EXPECT_EQ(all_options(*m), expected);
  EXPECT_EQ(m->message_type(), 5);
  EXPECT_EQ(to_vec(*m->fixed(54, 4)), (Bytes{192, 0, 2, 1}));
  EXPECT_FALSE(m->has(opt::kPad));
}

TEST(DhcpCveRegression, PadsInsideFileAndSnameAreOneByteToo) {
  constexpr std::uint8_t kOptions[] = {52, 1, 3, 255};                      // overload both; END
  constexpr std::uint8_t kFile[] = {0, 3, 4, 192, 0, 2, 1, 0, 255};        // PAD router PAD END
  constexpr std::uint8_t kSname[] = {0, 0, 0, 6, 4, 192, 0, 2, 53};        // PADs, DNS, no END
  const Bytes b = make_overloaded(kOptions, kFile, kSname);
  auto m = parse_vec(b);
  ASSERT_TRUE(m.ok()) << to_string(m.error());
  EXPECT_EQ(to_vec(m->first(3)), (Bytes{192, 0, 2, 1}));
  EXPECT_EQ(to_vec(m->first(6)), (Bytes{192, 0, 2, 53}));
}

}  // namespace
}  // namespace dhcpcore
