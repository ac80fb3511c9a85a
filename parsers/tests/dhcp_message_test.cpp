// Tests for DhcpMessage::parse and the option index (dhcp_message.hpp).
//
// Fixtures are the header of dhcp_test_util.hpp (itself checked against a
// hand-written 240-byte array below) followed by option bytes written out by
// hand, one comment per option. Expected values are read off those bytes or
// the RFCs (2131, 2132, 3396), never taken from the parser's own output.
#include "dhcpcore/parsers/dhcp_message.hpp"

#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <new>
#include <span>
#include <type_traits>
#include <vector>

#include "dhcp_test_util.hpp"

// ---- allocation counter -------------------------------------------------------
// The parse path must not allocate: count every global operator new while a
// test holds g_count_allocations (the test binary's own replacement).
namespace {
std::atomic<bool> g_count_allocations{false};
std::atomic<std::size_t> g_allocations{0};
}  // namespace

// Only the plain forms are replaced: libstdc++'s operator new[] and the
// nothrow forms call operator new, and delete[] calls operator delete.
void* operator new(std::size_t n) {
  if (g_count_allocations.load()) ++g_allocations;
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
// g++ 12 at -O3 inlines these into callers that got the pointer from
// operator new and reports free() as a mismatched deallocation; it does not
// see that operator new above is malloc (a false positive of
// -Wmismatched-new-delete with replaced global operators).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

namespace dhcpcore {
namespace {

using test::all_options;
using test::Bytes;
using test::concat;
using test::make_overloaded;
using test::make_payload;
using test::parse_vec;
using test::Seen;
using test::to_vec;

// A typical OFFER's options field.
constexpr std::uint8_t kOfferOptions[] = {
    53, 1, 2,                    // message type: OFFER
    54, 4, 192, 0, 2, 1,         // server identifier 192.0.2.1
    51, 4, 0x00, 0x00, 0x0e, 0x10,  // lease time 3600 s
    1, 4, 255, 255, 255, 0,      // subnet mask 255.255.255.0
    3, 4, 192, 0, 2, 1,          // router 192.0.2.1
    6, 8, 192, 0, 2, 53, 198, 51, 100, 53,  // DNS servers 192.0.2.53, 198.51.100.53
    255,                         // END
};

// ---- helper and header ----------------------------------------------------------

TEST(DhcpTestUtil, MakePayloadMatchesFixture) {
  const Bytes b = make_payload({});
  ASSERT_EQ(b.size(), 240u);
  EXPECT_EQ(b, Bytes(std::begin(test::kHeaderFixture), std::end(test::kHeaderFixture)));
}

TEST(DhcpMessage, ParsesEveryHeaderFieldOfTheFixture) {
  auto m = DhcpMessage::parse(test::kHeaderFixture);
  ASSERT_TRUE(m.ok()) << to_string(m.error());
  const DhcpHeader& h = m->header();
  EXPECT_EQ(h.op, 2);
  EXPECT_EQ(h.htype, 1);
  EXPECT_EQ(h.hlen, 6);
  EXPECT_EQ(h.hops, 0);
  EXPECT_EQ(h.xid, 0x3903f326u);
  EXPECT_EQ(h.secs, 3);
  EXPECT_EQ(h.flags, 0x8000);
  EXPECT_EQ(h.ciaddr, Ipv4Addr(0, 0, 0, 0));
  EXPECT_EQ(h.yiaddr, Ipv4Addr(192, 0, 2, 50));
  EXPECT_EQ(h.siaddr, Ipv4Addr(192, 0, 2, 1));
  EXPECT_EQ(h.giaddr, Ipv4Addr(203, 0, 113, 7));
  const std::array<std::uint8_t, 16> chaddr{0x00, 0x00, 0x5e, 0x00, 0x53, 0x01};
  EXPECT_EQ(h.chaddr, chaddr);
  EXPECT_EQ(h.sname[0], 's');
  EXPECT_EQ(h.sname[2], 'v');
  EXPECT_EQ(h.sname[3], 0);
  EXPECT_EQ(h.file[0], 'b');
  EXPECT_EQ(h.file[7], 'n');
  EXPECT_EQ(h.file[8], 0);
  EXPECT_EQ(h, test::base_header());
  // The raw fields are views into the payload at RFC 2131's offsets.
  ASSERT_EQ(m->sname_field().size(), 64u);
  ASSERT_EQ(m->file_field().size(), 128u);
  EXPECT_EQ(m->sname_field().data(), &test::kHeaderFixture[44]);
  EXPECT_EQ(m->file_field().data(), &test::kHeaderFixture[108]);
  EXPECT_EQ(m->overload(), 0);
  EXPECT_FALSE(m->file_is_options());
  EXPECT_FALSE(m->sname_is_options());
  EXPECT_TRUE(m->area(OptionArea::File).empty());
  EXPECT_TRUE(m->area(OptionArea::Sname).empty());
  EXPECT_TRUE(m->area(OptionArea::Options).empty());
}

TEST(DhcpMessage, RejectsPayloadShorterThan240Bytes) {
  const Bytes full = make_payload({});
  for (std::size_t n : {0u, 1u, 235u, 236u, 239u}) {
    auto m = DhcpMessage::parse(std::span(full).first(n));
    ASSERT_FALSE(m.ok()) << n;
    EXPECT_EQ(m.error(), DhcpError::Truncated) << n;
  }
}

TEST(DhcpMessage, AcceptsExactly240BytesWithNoOptionsAndNoEnd) {
  auto m = DhcpMessage::parse(test::kHeaderFixture);
  ASSERT_TRUE(m.ok());
  EXPECT_TRUE(all_options(*m).empty());
  EXPECT_EQ(m->message_type(), 0);
}

TEST(DhcpMessage, RejectsPayloadLargerThanMaxMessageSize) {
  Bytes b = make_payload({});
  b.resize(65508, 0);  // 65507 + 1; all PAD after the cookie
  auto m = parse_vec(b);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error(), DhcpError::MessageTooLarge);
  b.resize(65507);  // exactly the limit: fine
  EXPECT_TRUE(parse_vec(b).ok());
}

TEST(DhcpMessage, RejectsWrongMagicCookie) {
  for (std::size_t i = 236; i < 240; ++i) {
    Bytes b = make_payload(kOfferOptions);
    b[i] ^= 0x01;
    auto m = parse_vec(b);
    ASSERT_FALSE(m.ok()) << i;
    EXPECT_EQ(m.error(), DhcpError::BadMagicCookie) << i;
  }
  // A BOOTP vendor area of zeros (RFC 1497 without the cookie) is not DHCP.
  Bytes b = make_payload({});
  b[236] = b[237] = b[238] = b[239] = 0;
  EXPECT_EQ(parse_vec(b).error(), DhcpError::BadMagicCookie);
}

TEST(DhcpMessage, AcceptsAnyOpHtypeAndHlen) {
  DhcpHeader h = test::base_header();
  h.op = 0;
  h.htype = 32;  // InfiniBand
  h.hlen = 255;
  const Bytes b = make_payload(h, kOfferOptions);
  auto m = parse_vec(b);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->header().op, 0);
  EXPECT_EQ(m->header().htype, 32);
  EXPECT_EQ(m->header().hlen, 255);
}

TEST(DhcpMessage, NamesEveryError) {
  EXPECT_STREQ(to_string(DhcpError::None), "None");
  EXPECT_STREQ(to_string(DhcpError::Truncated), "Truncated");
  EXPECT_STREQ(to_string(DhcpError::MessageTooLarge), "MessageTooLarge");
  EXPECT_STREQ(to_string(DhcpError::BadMagicCookie), "BadMagicCookie");
  EXPECT_STREQ(to_string(DhcpError::TruncatedOption), "TruncatedOption");
  EXPECT_STREQ(to_string(DhcpError::BadOverload), "BadOverload");
  EXPECT_STREQ(to_string(DhcpError::OverloadInFileOrSname), "OverloadInFileOrSname");
  EXPECT_STREQ(to_string(DhcpError::OptionTooLong), "OptionTooLong");
  EXPECT_STREQ(to_string(static_cast<DhcpError>(200)), "Unknown");
}

// ---- the option walk ------------------------------------------------------------

TEST(DhcpMessage, IndexesTheOptionsOfAnOffer) {
  const Bytes b = make_payload(kOfferOptions);
  auto m = parse_vec(b);
  ASSERT_TRUE(m.ok()) << to_string(m.error());
  EXPECT_EQ(m->message_type(), 2);
  for (const std::uint8_t code : std::array<std::uint8_t, 6>{53, 54, 51, 1, 3, 6}) {
    EXPECT_TRUE(m->has(code)) << unsigned{code};
    EXPECT_EQ(m->count(code), 1u) << unsigned{code};
  }
  EXPECT_EQ(m->total_length(53), 1u);
  EXPECT_EQ(m->total_length(6), 8u);
  EXPECT_EQ(to_vec(m->first(54)), (Bytes{192, 0, 2, 1}));
  EXPECT_EQ(to_vec(m->first(51)), (Bytes{0x00, 0x00, 0x0e, 0x10}));
  EXPECT_EQ(to_vec(m->first(6)), (Bytes{192, 0, 2, 53, 198, 51, 100, 53}));
  // first() is a view into the payload at the option's data: 54's data
  // starts at 240 + 3 (53) + 2 (54's code and length) = 245.
  EXPECT_EQ(m->first(54).data(), &b[245]);
  // The options area is everything after the cookie.
  EXPECT_EQ(m->area(OptionArea::Options).size(), sizeof kOfferOptions);
  EXPECT_EQ(m->area(OptionArea::Options).data(), &b[240]);
}

TEST(DhcpMessage, AbsentCodeHasNothing) {
  const Bytes b = make_payload(kOfferOptions);
  auto m = parse_vec(b);
  ASSERT_TRUE(m.ok());
  std::array<std::uint8_t, 16> scratch{};
  for (std::uint8_t code : {std::uint8_t{0}, std::uint8_t{2}, std::uint8_t{121}, std::uint8_t{255}}) {
    EXPECT_FALSE(m->has(code));
    EXPECT_EQ(m->count(code), 0u);
    EXPECT_EQ(m->total_length(code), 0u);
    EXPECT_TRUE(m->first(code).empty());
    EXPECT_FALSE(m->fixed(code, 4).has_value());
    EXPECT_FALSE(m->concatenated(code, scratch).has_value());
    EXPECT_EQ(m->for_each_fragment(code, [](const OptionFragment&) {}), 0u);
  }
}

TEST(DhcpMessage, ZeroLengthOptionIsPresentAndEmpty) {
  constexpr std::uint8_t kOptions[] = {
      80, 0,      // rapid commit, zero length (RFC 4039)
      53, 1, 5,   // message type: ACK
      255,        // END
  };
  const Bytes b = make_payload(kOptions);
  auto m = parse_vec(b);
  ASSERT_TRUE(m.ok());
  EXPECT_TRUE(m->has(80));
  EXPECT_EQ(m->count(80), 1u);
  EXPECT_EQ(m->total_length(80), 0u);
  EXPECT_TRUE(m->first(80).empty());
  EXPECT_TRUE(m->fixed(80, 0).has_value());
  EXPECT_FALSE(m->fixed(80, 1).has_value());
  auto c = m->concatenated(80, {});
  ASSERT_TRUE(c.has_value());
  EXPECT_TRUE(c->empty());
  EXPECT_EQ(m->message_type(), 5);
}

TEST(DhcpMessage, SkipsPadBetweenOptions) {
  constexpr std::uint8_t kOptions[] = {
      0, 0,              // PAD PAD
      53, 1, 3,          // message type: REQUEST
      0,                 // PAD
      50, 4, 192, 0, 2, 50,  // requested address 192.0.2.50
      0, 0, 0,           // PAD PAD PAD
      255,               // END
  };
  const Bytes b = make_payload(kOptions);
  auto m = parse_vec(b);
  ASSERT_TRUE(m.ok());
  const std::vector<Seen> expected{{53, OptionArea::Options, {3}},
                                   {50, OptionArea::Options, {192, 0, 2, 50}}};
  EXPECT_EQ(all_options(*m), expected);
  EXPECT_FALSE(m->has(opt::kPad));
  EXPECT_FALSE(m->has(opt::kEnd));
}

TEST(DhcpMessage, ToleratesMissingEnd) {
  constexpr std::uint8_t kOptions[] = {
      53, 1, 5,           // message type: ACK
      54, 4, 192, 0, 2, 1,  // server identifier; the buffer ends here, no END
  };
  const Bytes b = make_payload(kOptions);
  auto m = parse_vec(b);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->message_type(), 5);
  EXPECT_EQ(to_vec(*m->fixed(54, 4)), (Bytes{192, 0, 2, 1}));
}

TEST(DhcpMessage, IgnoresBytesAfterEnd) {
  constexpr std::uint8_t kOptions[] = {
      53, 1, 5,           // message type: ACK
      255,                // END
      54, 4, 10, 0, 0, 1,   // a well-formed TLV after END: ignored
      53, 1, 6,           // another message type after END: ignored
      1, 200, 0xff,       // a TLV running past the buffer: ignored, no error
  };
  const Bytes b = make_payload(kOptions);
  auto m = parse_vec(b);
  ASSERT_TRUE(m.ok()) << to_string(m.error());
  EXPECT_FALSE(m->has(54));
  EXPECT_FALSE(m->has(1));
  EXPECT_EQ(m->count(53), 1u);
  EXPECT_EQ(m->message_type(), 5);
  const std::vector<Seen> expected{{53, OptionArea::Options, {5}}};
  EXPECT_EQ(all_options(*m), expected);
}

TEST(DhcpMessage, RejectsOptionWithoutLengthByte) {
  constexpr std::uint8_t kOptions[] = {
      53, 1, 5,  // message type: ACK
      54,        // a code byte at the end of the buffer: no length byte
  };
  const Bytes m_bytes = make_payload(kOptions);
  auto m = parse_vec(m_bytes);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error(), DhcpError::TruncatedOption);
}

TEST(DhcpMessage, RejectsOptionWhoseDataRunsPastTheArea) {
  constexpr std::uint8_t kOptions[] = {
      53, 1, 5,          // message type: ACK
      54, 4, 192, 0, 2,  // server identifier, 3 of its 4 bytes
  };
  const Bytes m_bytes = make_payload(kOptions);
  auto m = parse_vec(m_bytes);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error(), DhcpError::TruncatedOption);
}

// ---- overload (RFC 2131 4.1, RFC 2132 9.3) -------------------------------------

// file holding options (overload 1 or 3).
constexpr std::uint8_t kFileOptions[] = {
    3, 4, 192, 0, 2, 1,   // router 192.0.2.1
    0,                    // PAD
    15, 3, 'e', 'x', 'a',  // domain name "exa"
    255,                  // END (the rest of the 128 bytes: zeros)
};
// sname holding options (overload 2 or 3).
constexpr std::uint8_t kSnameOptions[] = {
    6, 4, 192, 0, 2, 53,  // DNS server 192.0.2.53
    15, 2, 'm', 'p',      // domain name, continued: "mp"
    255,                  // END
};

TEST(DhcpMessage, HonoursOverload1FileHoldsOptions) {
  constexpr std::uint8_t kOptions[] = {
      53, 1, 5,   // message type: ACK
      52, 1, 1,   // overload: file holds options
      255,        // END
  };
  const Bytes b = make_overloaded(kOptions, kFileOptions, kSnameOptions);
  auto m = parse_vec(b);
  ASSERT_TRUE(m.ok()) << to_string(m.error());
  EXPECT_EQ(m->overload(), 1);
  EXPECT_TRUE(m->file_is_options());
  EXPECT_FALSE(m->sname_is_options());
  EXPECT_EQ(to_vec(m->first(3)), (Bytes{192, 0, 2, 1}));
  EXPECT_EQ(concat(*m, 15), (Bytes{'e', 'x', 'a'}));
  EXPECT_FALSE(m->has(6));  // sname is not an option area with overload 1
  EXPECT_EQ(m->area(OptionArea::File).data(), &b[108]);
  EXPECT_TRUE(m->area(OptionArea::Sname).empty());
  EXPECT_TRUE(m->has(52));
  const std::vector<Seen> expected{{53, OptionArea::Options, {5}},
                                   {52, OptionArea::Options, {1}},
                                   {3, OptionArea::File, {192, 0, 2, 1}},
                                   {15, OptionArea::File, {'e', 'x', 'a'}}};
  EXPECT_EQ(all_options(*m), expected);
}

TEST(DhcpMessage, HonoursOverload2SnameHoldsOptions) {
  constexpr std::uint8_t kOptions[] = {
      53, 1, 5,   // message type: ACK
      52, 1, 2,   // overload: sname holds options
      255,        // END
  };
  const Bytes b = make_overloaded(kOptions, kFileOptions, kSnameOptions);
  auto m = parse_vec(b);
  ASSERT_TRUE(m.ok()) << to_string(m.error());
  EXPECT_EQ(m->overload(), 2);
  EXPECT_FALSE(m->file_is_options());
  EXPECT_TRUE(m->sname_is_options());
  EXPECT_FALSE(m->has(3));  // file is not an option area with overload 2
  EXPECT_EQ(to_vec(m->first(6)), (Bytes{192, 0, 2, 53}));
  EXPECT_EQ(concat(*m, 15), (Bytes{'m', 'p'}));
  EXPECT_EQ(m->area(OptionArea::Sname).data(), &b[44]);
}

TEST(DhcpMessage, HonoursOverload3AndConcatenatesOptionsFileSnameInOrder) {
  constexpr std::uint8_t kOptions[] = {
      15, 2, 'e', '.',  // domain name, first part: "e."
      52, 1, 3,         // overload: file and sname hold options
      53, 1, 5,         // message type: ACK
      255,              // END
  };
  const Bytes b = make_overloaded(kOptions, kFileOptions, kSnameOptions);
  auto m = parse_vec(b);
  ASSERT_TRUE(m.ok()) << to_string(m.error());
  EXPECT_EQ(m->overload(), 3);
  EXPECT_EQ(m->count(15), 3u);
  EXPECT_EQ(m->total_length(15), 7u);
  // RFC 3396 section 7: options field, then file, then sname.
  EXPECT_EQ(concat(*m, 15), (Bytes{'e', '.', 'e', 'x', 'a', 'm', 'p'}));
  std::vector<OptionArea> areas;
  EXPECT_EQ(m->for_each_fragment(15, [&](const OptionFragment& f) { areas.push_back(f.area); }), 3u);
  EXPECT_EQ(areas, (std::vector<OptionArea>{OptionArea::Options, OptionArea::File, OptionArea::Sname}));
  EXPECT_EQ(to_vec(m->first(15)), (Bytes{'e', '.'}));
  EXPECT_TRUE(m->has(3));
  EXPECT_TRUE(m->has(6));
}

TEST(DhcpMessage, WalksFileAndSnameAfterEndInTheOptionsField) {
  constexpr std::uint8_t kOptions[] = {
      52, 1, 3,          // overload: file and sname
      255,               // END: stops the options field only
      3, 4, 10, 0, 0, 1,  // after END: ignored
  };
  const Bytes b = make_overloaded(kOptions, kFileOptions, kSnameOptions);
  auto m = parse_vec(b);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->count(3), 1u);
  EXPECT_EQ(to_vec(m->first(3)), (Bytes{192, 0, 2, 1}));  // from file, not 10.0.0.1
  EXPECT_TRUE(m->has(6));
}

TEST(DhcpMessage, EndInFileStopsFileButSnameIsStillWalked) {
  constexpr std::uint8_t kOptions[] = {52, 1, 3, 255};  // overload both; END
  constexpr std::uint8_t kFile[] = {
      255,             // END first: nothing in file
      3, 4, 10, 0, 0, 1,  // after END: ignored
  };
  const Bytes b = make_overloaded(kOptions, kFile, kSnameOptions);
  auto m = parse_vec(b);
  ASSERT_TRUE(m.ok());
  EXPECT_FALSE(m->has(3));
  EXPECT_TRUE(m->has(6));
}

TEST(DhcpMessage, FileAndSnameWithoutEndAreWalkedToTheirLastByte) {
  constexpr std::uint8_t kOptions[] = {52, 1, 2, 255};  // overload: sname; END
  // 64 bytes of sname: one option of 62 data bytes exactly fills it, no END.
  Bytes sname{43, 62};
  for (std::uint8_t i = 0; i < 62; ++i) sname.push_back(i);
  const Bytes b = make_overloaded(kOptions, {}, sname);
  auto m = parse_vec(b);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->total_length(43), 62u);
  // One more data byte would run past the 64-byte field.
  sname[1] = 63;
  const Bytes bad_bytes = make_overloaded(kOptions, {}, sname);
  auto bad = parse_vec(bad_bytes);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error(), DhcpError::TruncatedOption);
}

TEST(DhcpMessage, RejectsOptionRunningPastTheFileField) {
  constexpr std::uint8_t kOptions[] = {52, 1, 1, 255};  // overload: file; END
  Bytes file(126, 0);                                   // 126 PADs
  file.push_back(3);                                    // byte 126: router
  file.push_back(4);                                    // byte 127: length 4, no room left
  const Bytes m_bytes = make_overloaded(kOptions, file, {});
  auto m = parse_vec(m_bytes);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error(), DhcpError::TruncatedOption);
}

TEST(DhcpMessage, FileIsTextWithoutOverload) {
  constexpr std::uint8_t kOptions[] = {53, 1, 5, 255};  // ACK; END
  constexpr std::uint8_t kFile[] = {52, 1, 2, 3, 4, 192, 0, 2, 1};  // looks like options
  const Bytes m_bytes = make_overloaded(kOptions, kFile, kFile);
  auto m = parse_vec(m_bytes);
  ASSERT_TRUE(m.ok());
  EXPECT_FALSE(m->has(3));
  EXPECT_FALSE(m->has(52));
  EXPECT_EQ(m->overload(), 0);
}

TEST(DhcpMessage, IgnoresOverloadAfterEnd) {
  constexpr std::uint8_t kOptions[] = {
      53, 1, 5,  // ACK
      255,       // END
      52, 1, 3,  // overload after END: ignored, file and sname stay text
  };
  const Bytes m_bytes = make_overloaded(kOptions, kFileOptions, kSnameOptions);
  auto m = parse_vec(m_bytes);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->overload(), 0);
  EXPECT_FALSE(m->has(3));
  EXPECT_FALSE(m->has(6));
}

TEST(DhcpMessage, RejectsOverloadValue0) {
  constexpr std::uint8_t kOptions[] = {52, 1, 0, 255};  // overload 0: not 1..3
  const Bytes m_bytes = make_payload(kOptions);
  auto m = parse_vec(m_bytes);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error(), DhcpError::BadOverload);
}

TEST(DhcpMessage, RejectsOverloadValue4) {
  constexpr std::uint8_t kOptions[] = {52, 1, 4, 255};  // overload 4: not 1..3
  const Bytes m_bytes = make_payload(kOptions);
  auto m = parse_vec(m_bytes);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error(), DhcpError::BadOverload);
}

TEST(DhcpMessage, RejectsOverloadOfLength2) {
  constexpr std::uint8_t kOptions[] = {52, 2, 1, 1, 255};  // length 2
  const Bytes m_bytes = make_payload(kOptions);
  auto m = parse_vec(m_bytes);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error(), DhcpError::BadOverload);
}

TEST(DhcpMessage, RejectsOverloadOfLength0) {
  constexpr std::uint8_t kOptions[] = {52, 0, 255};  // length 0
  const Bytes m_bytes = make_payload(kOptions);
  auto m = parse_vec(m_bytes);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error(), DhcpError::BadOverload);
}

TEST(DhcpMessage, RejectsOverloadTwiceInTheOptionsField) {
  constexpr std::uint8_t kSame[] = {52, 1, 1, 52, 1, 1, 255};  // the same value twice
  constexpr std::uint8_t kDiff[] = {52, 1, 1, 52, 1, 3, 255};  // two values
  EXPECT_EQ(DhcpMessage::parse(make_overloaded(kSame, kFileOptions, kSnameOptions)).error(),
            DhcpError::BadOverload);
  EXPECT_EQ(DhcpMessage::parse(make_overloaded(kDiff, kFileOptions, kSnameOptions)).error(),
            DhcpError::BadOverload);
}

TEST(DhcpMessage, RejectsOverloadInsideFile) {
  constexpr std::uint8_t kOptions[] = {52, 1, 1, 255};  // overload: file
  constexpr std::uint8_t kFile[] = {52, 1, 2, 255};     // file says "sname too"
  const Bytes m_bytes = make_overloaded(kOptions, kFile, kSnameOptions);
  auto m = parse_vec(m_bytes);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error(), DhcpError::OverloadInFileOrSname);
}

TEST(DhcpMessage, RejectsOverloadInsideSname) {
  constexpr std::uint8_t kOptions[] = {52, 1, 2, 255};  // overload: sname
  constexpr std::uint8_t kSname[] = {52, 1, 1, 255};    // sname says "file"
  const Bytes m_bytes = make_overloaded(kOptions, kFileOptions, kSname);
  auto m = parse_vec(m_bytes);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error(), DhcpError::OverloadInFileOrSname);
}

// ---- fixed(), repeated codes and concatenation ------------------------------------

TEST(DhcpMessage, FixedTakesTheFirstOfARepeatedServerId) {
  // dnsmasq sends option 54 twice (docs/DIFFERENCES.md "Row 7"; interop.dnsmasq).
  constexpr std::uint8_t kOptions[] = {
      53, 1, 5,             // ACK
      54, 4, 192, 0, 2, 1,  // server identifier 192.0.2.1
      51, 4, 0, 0, 0x0e, 0x10,  // lease 3600 s
      54, 4, 192, 0, 2, 1,  // the same server identifier again
      255,
  };
  const Bytes m_bytes = make_payload(kOptions);
  auto m = parse_vec(m_bytes);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->count(54), 2u);
  EXPECT_EQ(m->total_length(54), 8u);
  auto sid = m->fixed(54, 4);
  ASSERT_TRUE(sid.has_value());
  EXPECT_EQ(to_vec(*sid), (Bytes{192, 0, 2, 1}));
}

TEST(DhcpMessage, FixedSkipsInstancesOfTheWrongLength) {
  constexpr std::uint8_t kOptions[] = {
      54, 2, 10, 0,            // server identifier, wrong length
      54, 4, 192, 0, 2, 1,     // right length: this one
      54, 4, 198, 51, 100, 1,  // right length, but later
      255,
  };
  const Bytes m_bytes = make_payload(kOptions);
  auto m = parse_vec(m_bytes);
  ASSERT_TRUE(m.ok());
  auto sid = m->fixed(54, 4);
  ASSERT_TRUE(sid.has_value());
  EXPECT_EQ(to_vec(*sid), (Bytes{192, 0, 2, 1}));
  EXPECT_EQ(to_vec(*m->fixed(54, 2)), (Bytes{10, 0}));
  EXPECT_FALSE(m->fixed(54, 8).has_value());  // the concatenation's length is not an instance
  EXPECT_EQ(to_vec(m->first(54)), (Bytes{10, 0}));
}

TEST(DhcpMessage, FixedFindsAnInstanceInFileAfterAWrongOneInOptions) {
  constexpr std::uint8_t kOptions[] = {
      52, 1, 1,     // overload: file
      51, 2, 0, 1,  // lease time, wrong length
      255,
  };
  constexpr std::uint8_t kFile[] = {51, 4, 0, 0, 0x0e, 0x10, 255};  // lease 3600 s
  const Bytes m_bytes = make_overloaded(kOptions, kFile, {});
  auto m = parse_vec(m_bytes);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(to_vec(*m->fixed(51, 4)), (Bytes{0, 0, 0x0e, 0x10}));
}

TEST(DhcpMessage, RepeatedMessageTypeStillGivesTheType) {
  constexpr std::uint8_t kOptions[] = {
      53, 1, 5,  // ACK
      53, 1, 5,  // ACK again
      255,
  };
  const Bytes m_bytes = make_payload(kOptions);
  auto m = parse_vec(m_bytes);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->count(53), 2u);
  EXPECT_EQ(m->message_type(), 5);
  EXPECT_EQ(concat(*m, 53), (Bytes{5, 5}));  // the RFC 3396 value is 2 bytes
}

TEST(DhcpMessage, MessageTypeIsZeroWhenAbsentOrOfTheWrongLength) {
  constexpr std::uint8_t kNone[] = {54, 4, 192, 0, 2, 1, 255};
  constexpr std::uint8_t kWrong[] = {53, 2, 5, 5, 255};  // 53 must be 1 byte
  EXPECT_EQ(DhcpMessage::parse(make_payload(kNone))->message_type(), 0);
  EXPECT_EQ(DhcpMessage::parse(make_payload(kWrong))->message_type(), 0);
}

// A domain search list (119) split in three instances (RFC 3396): the wire
// name 7 "example" 3 "com" 0, cut after 4 and after 10 bytes.
constexpr std::uint8_t kSplitSearchOptions[] = {
    53, 1, 5,                                     // ACK
    119, 4, 7, 'e', 'x', 'a',                     // part 1
    54, 4, 192, 0, 2, 1,                          // server identifier in between
    119, 6, 'm', 'p', 'l', 'e', 3, 'c',           // part 2
    119, 3, 'o', 'm', 0,                          // part 3
    255,
};
const Bytes kSearchValue{7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0};

TEST(DhcpMessage, ConcatenatesAnOptionSplitInThreeParts) {
  const Bytes b = make_payload(kSplitSearchOptions);
  auto m = parse_vec(b);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->count(119), 3u);
  EXPECT_EQ(m->total_length(119), 13u);
  std::array<std::uint8_t, 13> scratch{};
  auto v = m->concatenated(119, scratch);
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(to_vec(*v), kSearchValue);
  EXPECT_EQ(v->data(), scratch.data());  // copied into scratch
}

TEST(DhcpMessage, ConcatenatedIsNulloptWhenScratchIsTooSmall) {
  const Bytes b = make_payload(kSplitSearchOptions);
  auto m = parse_vec(b);
  ASSERT_TRUE(m.ok());
  std::array<std::uint8_t, 12> scratch{};  // one byte short
  scratch.fill(0xaa);
  EXPECT_FALSE(m->concatenated(119, scratch).has_value());
  for (auto x : scratch) EXPECT_EQ(x, 0xaa);  // untouched
  EXPECT_FALSE(m->concatenated(119, {}).has_value());
}

TEST(DhcpMessage, ConcatenatedOfOneInstanceIsAViewIntoTheMessage) {
  const Bytes b = make_payload(kSplitSearchOptions);
  auto m = parse_vec(b);
  ASSERT_TRUE(m.ok());
  auto v = m->concatenated(54, {});  // no scratch needed
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(to_vec(*v), (Bytes{192, 0, 2, 1}));
  EXPECT_TRUE(test::is_inside(*v, b));
}

TEST(DhcpMessage, ForEachOptionVisitsInMessageOrder) {
  constexpr std::uint8_t kOptions[] = {
      53, 1, 5,     // ACK
      0,            // PAD: not visited
      52, 1, 3,     // overload: visited like any option
      12, 1, 'h',   // host name
      255,          // END: not visited
  };
  constexpr std::uint8_t kFile[] = {12, 1, 'i', 0, 3, 4, 192, 0, 2, 1, 255};
  constexpr std::uint8_t kSname[] = {6, 4, 192, 0, 2, 53, 12, 1, 'j'};  // no END
  const Bytes m_bytes = make_overloaded(kOptions, kFile, kSname);
  auto m = parse_vec(m_bytes);
  ASSERT_TRUE(m.ok());
  const std::vector<Seen> expected{
      {53, OptionArea::Options, {5}},         {52, OptionArea::Options, {3}},
      {12, OptionArea::Options, {'h'}},       {12, OptionArea::File, {'i'}},
      {3, OptionArea::File, {192, 0, 2, 1}},  {6, OptionArea::Sname, {192, 0, 2, 53}},
      {12, OptionArea::Sname, {'j'}},
  };
  EXPECT_EQ(all_options(*m), expected);
  EXPECT_EQ(concat(*m, 12), (Bytes{'h', 'i', 'j'}));
}

TEST(DhcpMessage, ForEachFragmentCountsEveryInstance) {
  const Bytes b = make_payload(kSplitSearchOptions);
  auto m = parse_vec(b);
  ASSERT_TRUE(m.ok());
  std::vector<std::size_t> sizes;
  EXPECT_EQ(m->for_each_fragment(119, [&](const OptionFragment& f) { sizes.push_back(f.data.size()); }),
            3u);
  EXPECT_EQ(sizes, (std::vector<std::size_t>{4, 6, 3}));
}

// ---- limits --------------------------------------------------------------------

TEST(DhcpMessage, CountsTensOfThousandsOfZeroLengthInstances) {
  // The largest message: 65507 bytes. After the 240 fixed bytes, 65267 bytes
  // hold 32633 zero-length instances of 43 (65266 bytes) and END.
  Bytes b = make_payload({});
  for (int i = 0; i < 32633; ++i) {
    b.push_back(43);
    b.push_back(0);
  }
  b.push_back(255);
  ASSERT_EQ(b.size(), 65507u);
  auto m = parse_vec(b);
  ASSERT_TRUE(m.ok()) << to_string(m.error());
  EXPECT_EQ(m->count(43), 32633u);
  EXPECT_EQ(m->total_length(43), 0u);
  EXPECT_EQ(m->for_each_fragment(43, [](const OptionFragment&) {}), 32633u);
}

TEST(DhcpMessage, AcceptsACodeOfExactlyMaxOptionLengthAndRejectsOneMore) {
  // 35 instances of 255 bytes (8925) + one of 75 = 9000 = kMaxOptionLength.
  Bytes opts;
  for (int i = 0; i < 35; ++i) {
    opts.push_back(43);
    opts.push_back(255);
    opts.insert(opts.end(), 255, 0x11);
  }
  opts.push_back(43);
  opts.push_back(75);
  opts.insert(opts.end(), 75, 0x22);
  Bytes ok = opts;
  ok.push_back(255);
  const Bytes m_bytes = make_payload(ok);
  auto m = parse_vec(m_bytes);
  ASSERT_TRUE(m.ok()) << to_string(m.error());
  EXPECT_EQ(m->total_length(43), 9000u);
  EXPECT_EQ(m->count(43), 36u);
  // One more byte of 43 anywhere: 9001.
  opts.push_back(43);
  opts.push_back(1);
  opts.push_back(0x33);
  opts.push_back(255);
  const Bytes bad_bytes = make_payload(opts);
  auto bad = parse_vec(bad_bytes);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error(), DhcpError::OptionTooLong);
}

// ---- value semantics and allocation -------------------------------------------------

static_assert(std::is_trivially_copyable_v<DhcpMessage>);
static_assert(std::is_nothrow_default_constructible_v<DhcpMessage>);

TEST(DhcpMessage, CopiesKeepPointingIntoThePayload) {
  const Bytes b = make_payload(kSplitSearchOptions);
  DhcpMessage copy;
  {
    auto m = parse_vec(b);
    ASSERT_TRUE(m.ok());
    copy = m.value();
  }  // the original message is gone; the payload is not
  EXPECT_TRUE(test::is_inside(copy.first(54), b));
  EXPECT_EQ(to_vec(*copy.fixed(54, 4)), (Bytes{192, 0, 2, 1}));
  EXPECT_EQ(concat(copy, 119), kSearchValue);
}

TEST(DhcpMessage, ParseAndLookupsAllocateNothing) {
  const Bytes b = make_overloaded(kSplitSearchOptions, kFileOptions, kSnameOptions);
  std::array<std::uint8_t, 64> scratch{};
  // The counter sees a heap allocation (so a zero below means something).
  g_allocations = 0;
  g_count_allocations = true;
  auto probe = std::make_unique<int>(1);
  g_count_allocations = false;
  ASSERT_EQ(g_allocations.load(), 1u);
  probe.reset();

  g_allocations = 0;
  g_count_allocations = true;
  auto m = DhcpMessage::parse(b);
  const bool ok = m.ok();
  std::size_t sink = 0;
  if (ok) {
    sink += m->message_type();
    sink += m->first(54).size();
    sink += m->fixed(54, 4).has_value() ? 1 : 0;
    sink += m->concatenated(119, scratch).has_value() ? 1 : 0;
    m->for_each_option([&](std::uint8_t c, const OptionFragment&) { sink += c; });
  }
  g_count_allocations = false;
  ASSERT_TRUE(ok);
  EXPECT_GT(sink, 0u);
  EXPECT_EQ(g_allocations.load(), 0u);
}

// ---- prefix sweep -----------------------------------------------------------------

// kSweepOptions, with the payload offset of each option. A prefix of the
// message either ends on an option boundary (it parses, holding the options
// before the cut) or inside an option (TruncatedOption); below 240 bytes it
// is Truncated.
constexpr std::uint8_t kSweepOptions[] = {
    53, 1, 5,               // 240..242 message type
    0,                      // 243      PAD
    52, 1, 1,               // 244..246 overload: file (file holds option 3)
    54, 4, 192, 0, 2, 1,    // 247..252 server identifier
    80, 0,                  // 253..254 rapid commit
    255,                    // 255      END
    0, 0, 0,                // 256..258 padding after END
};
constexpr std::uint8_t kSweepFile[] = {3, 4, 192, 0, 2, 1, 255};  // router, END

TEST(DhcpMessage, EveryStrictPrefixIsRejectedOrParsesToTheOptionsBeforeTheCut) {
  const Bytes full = make_overloaded(kSweepOptions, kSweepFile, {});
  ASSERT_EQ(full.size(), 259u);
  ASSERT_TRUE(parse_vec(full).ok());
  struct Expect {
    std::size_t cut;
    std::vector<std::uint8_t> codes;  // in for_each_option order
  };
  // Cuts on a boundary; every cut from 256 (after END) on sees everything.
  // Option 3 appears only once 52 is complete (file becomes an option area).
  const std::vector<Expect> boundaries{
      {240, {}},
      {243, {53}},
      {244, {53}},             // after the PAD
      {247, {53, 52, 3}},
      {253, {53, 52, 54, 3}},
      {255, {53, 52, 54, 80, 3}},
  };
  const std::vector<std::uint8_t> all{53, 52, 54, 80, 3};
  for (std::size_t cut = 0; cut < full.size(); ++cut) {
    auto m = DhcpMessage::parse(std::span(full).first(cut));
    if (cut < 240) {
      ASSERT_FALSE(m.ok()) << cut;
      EXPECT_EQ(m.error(), DhcpError::Truncated) << cut;
      continue;
    }
    const std::vector<std::uint8_t>* want = nullptr;
    for (const auto& e : boundaries) {
      if (e.cut == cut) want = &e.codes;
    }
    if (cut >= 256) want = &all;
    if (want == nullptr) {
      ASSERT_FALSE(m.ok()) << cut;
      EXPECT_EQ(m.error(), DhcpError::TruncatedOption) << cut;
      continue;
    }
    ASSERT_TRUE(m.ok()) << cut << ": " << to_string(m.error());
    std::vector<std::uint8_t> got;
    m->for_each_option([&](std::uint8_t c, const OptionFragment&) { got.push_back(c); });
    EXPECT_EQ(got, *want) << cut;
  }
}

}  // namespace
}  // namespace dhcpcore
