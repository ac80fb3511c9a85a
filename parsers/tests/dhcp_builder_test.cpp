// Tests for DhcpMessageRepr (wire_size, emit) in dhcp_message.hpp.
//
// Emitted bytes are compared with fixtures written by hand (the header of
// dhcp_test_util.hpp, checked there against a hand-written array, plus
// option bytes spelled out below); instance splits follow RFC 3396 section 5
// (at most 255 data bytes per instance) and are counted by hand.
#include "dhcpcore/parsers/dhcp_message.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "dhcp_test_util.hpp"

namespace dhcpcore {
namespace {

using test::Bytes;
using test::concat;
using test::make_payload;
using test::parse_vec;
using test::to_vec;

// pattern: n bytes that differ from their neighbours, so a misplaced or
// dropped byte shows.
Bytes pattern(std::size_t n, std::uint8_t seed = 0) {
  Bytes b(n);
  for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>((i * 7 + seed) % 251);
  return b;
}

// emit_vec: emit into a buffer of exactly wire_size() bytes.
Bytes emit_vec(const DhcpMessageRepr& r) {
  Bytes out(r.wire_size());
  auto n = r.emit(out);
  EXPECT_TRUE(n.ok()) << to_string(n.error());
  EXPECT_EQ(n.value(), out.size());
  return out;
}

// expect_round_trip: parse(emit(r)) gives r's header and, in order of first
// appearance, each code's data concatenated over r's refs.
void expect_round_trip(const DhcpMessageRepr& r) {
  const Bytes wire = emit_vec(r);
  auto m = parse_vec(wire);
  ASSERT_TRUE(m.ok()) << to_string(m.error());
  EXPECT_EQ(m->header(), r.header);

  std::vector<std::pair<std::uint8_t, Bytes>> want;  // code -> concatenation, first-appearance order
  for (const OptionRef& o : r.options) {
    auto it = std::find_if(want.begin(), want.end(), [&](const auto& w) { return w.first == o.code; });
    if (it == want.end()) {
      want.emplace_back(o.code, Bytes{});
      it = want.end() - 1;
    }
    it->second.insert(it->second.end(), o.data.begin(), o.data.end());
  }
  std::vector<std::uint8_t> order;
  m->for_each_option([&](std::uint8_t code, const OptionFragment&) {
    if (std::find(order.begin(), order.end(), code) == order.end()) order.push_back(code);
  });
  ASSERT_EQ(order.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(order[i], want[i].first) << i;
    EXPECT_EQ(m->total_length(want[i].first), want[i].second.size());
    EXPECT_EQ(concat(*m, want[i].first), want[i].second) << unsigned{want[i].first};
  }
}

constexpr std::uint8_t kAck[] = {5};
constexpr std::uint8_t kServer[] = {192, 0, 2, 1};

TEST(DhcpBuilder, EmitsTheHandWrittenFixture) {
  DhcpMessageRepr r;
  r.header = test::base_header();
  const OptionRef options[] = {{53, kAck}, {54, kServer}, {80, {}}};
  r.options = options;
  constexpr std::uint8_t kExpectedOptions[] = {
      53, 1, 5,             // message type: ACK
      54, 4, 192, 0, 2, 1,  // server identifier 192.0.2.1
      80, 0,                // rapid commit: code and a zero length
      255,                  // END
  };
  const Bytes expected = make_payload(kExpectedOptions);
  EXPECT_EQ(r.wire_size(), 252u);  // 240 + 3 + 6 + 2 + 1
  EXPECT_EQ(emit_vec(r), expected);
}

TEST(DhcpBuilder, EmitsEveryHeaderFieldAtItsOffset) {
  DhcpMessageRepr r;
  r.header = test::base_header();
  const Bytes out = emit_vec(r);
  ASSERT_EQ(out.size(), 241u);  // header, cookie, END
  EXPECT_TRUE(std::equal(out.begin(), out.begin() + 240, std::begin(test::kHeaderFixture)));
  EXPECT_EQ(out[240], 255);
}

TEST(DhcpBuilder, RoundTripsAnAck) {
  DhcpMessageRepr r;
  r.header = test::base_header();
  r.header.op = 2;
  r.header.hops = 3;
  r.header.secs = 0xfffe;
  r.header.ciaddr = Ipv4Addr(198, 51, 100, 9);
  r.header.chaddr = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
  const Bytes lease{0, 0, 0x0e, 0x10};
  const Bytes dns{192, 0, 2, 53, 198, 51, 100, 53};
  const Bytes host{'h', 'o', 's', 't'};
  const OptionRef options[] = {{53, kAck}, {54, kServer}, {51, lease}, {6, dns}, {12, host}, {80, {}}};
  r.options = options;
  expect_round_trip(r);
}

TEST(DhcpBuilder, RoundTripsRepeatedCodesAsTheirConcatenation) {
  DhcpMessageRepr r;
  r.header = test::base_header();
  const Bytes a{192, 0, 2, 53};
  const Bytes b{198, 51, 100, 53};
  const OptionRef options[] = {{6, a}, {3, kServer}, {6, b}};
  r.options = options;
  expect_round_trip(r);  // 6 = a + b, then 3
  const Bytes wire = emit_vec(r);
  auto m = parse_vec(wire);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->count(6), 2u);
}

TEST(DhcpBuilder, RoundTripsAnEmptyOptionList) {
  DhcpMessageRepr r;
  r.header = test::base_header();
  expect_round_trip(r);
}

TEST(DhcpBuilder, WritesFileAndSnameVerbatimSoOverloadCanBeBuilt) {
  DhcpMessageRepr r;
  r.header = test::base_header();
  constexpr std::uint8_t kFile[] = {3, 4, 192, 0, 2, 1, 255};  // router, END
  test::fill_bytes(r.header.file, kFile);
  constexpr std::uint8_t kOverloadFile[] = {1};
  const OptionRef options[] = {{53, kAck}, {52, kOverloadFile}};
  r.options = options;
  const Bytes wire = emit_vec(r);
  auto m = parse_vec(wire);
  ASSERT_TRUE(m.ok()) << to_string(m.error());
  EXPECT_EQ(m->overload(), 1);
  EXPECT_EQ(to_vec(m->first(3)), (Bytes{192, 0, 2, 1}));
  EXPECT_EQ(m->header(), r.header);
}

TEST(DhcpBuilder, SplitsA600ByteOptionInto255Plus255Plus90) {
  const Bytes data = pattern(600);
  DhcpMessageRepr r;
  r.header = test::base_header();
  const OptionRef options[] = {{43, data}};
  r.options = options;
  // 240 + (2 + 255) + (2 + 255) + (2 + 90) + END = 847.
  EXPECT_EQ(r.wire_size(), 847u);
  const Bytes out = emit_vec(r);
  ASSERT_EQ(out.size(), 847u);
  EXPECT_EQ(out[240], 43);
  EXPECT_EQ(out[241], 255);
  EXPECT_TRUE(std::equal(data.begin(), data.begin() + 255, out.begin() + 242));
  EXPECT_EQ(out[497], 43);
  EXPECT_EQ(out[498], 255);
  EXPECT_TRUE(std::equal(data.begin() + 255, data.begin() + 510, out.begin() + 499));
  EXPECT_EQ(out[754], 43);
  EXPECT_EQ(out[755], 90);
  EXPECT_TRUE(std::equal(data.begin() + 510, data.end(), out.begin() + 756));
  EXPECT_EQ(out[846], 255);

  auto m = parse_vec(out);
  ASSERT_TRUE(m.ok());
  std::vector<std::size_t> sizes;
  m->for_each_fragment(43, [&](const OptionFragment& f) { sizes.push_back(f.data.size()); });
  EXPECT_EQ(sizes, (std::vector<std::size_t>{255, 255, 90}));
  EXPECT_EQ(concat(*m, 43), data);
}

TEST(DhcpBuilder, SplitsAtExactly255ByteBoundaries) {
  struct Case {
    std::size_t data;
    std::vector<std::size_t> instances;
    std::size_t wire;  // 240 + 2 per instance + data + END
  };
  const Case cases[] = {
      {1, {1}, 244},
      {254, {254}, 497},
      {255, {255}, 498},
      {256, {255, 1}, 501},
      {510, {255, 255}, 755},
      {511, {255, 255, 1}, 758},
  };
  for (const Case& c : cases) {
    const Bytes data = pattern(c.data);
    DhcpMessageRepr r;
    const OptionRef options[] = {{121, data}};
    r.options = options;
    EXPECT_EQ(r.wire_size(), c.wire) << c.data;
    const Bytes out = emit_vec(r);
    auto m = parse_vec(out);
    ASSERT_TRUE(m.ok());
    std::vector<std::size_t> sizes;
    m->for_each_fragment(121, [&](const OptionFragment& f) { sizes.push_back(f.data.size()); });
    EXPECT_EQ(sizes, c.instances) << c.data;
    EXPECT_EQ(concat(*m, 121), data);
  }
}

TEST(DhcpBuilder, PadsWithZerosUpToMinSize) {
  DhcpMessageRepr r;
  r.header = test::base_header();
  const OptionRef options[] = {{53, kAck}};
  r.options = options;
  r.min_size = 300;  // RFC 1542 2.1: a BOOTP relay may expect 300 bytes
  EXPECT_EQ(r.wire_size(), 300u);
  Bytes out(400, 0xaa);
  auto n = r.emit(out);
  ASSERT_TRUE(n.ok());
  ASSERT_EQ(n.value(), 300u);
  EXPECT_EQ(out[240], 53);
  EXPECT_EQ(out[242], 5);
  EXPECT_EQ(out[243], 255);  // END right after the options
  for (std::size_t i = 244; i < 300; ++i) EXPECT_EQ(out[i], 0) << i;
  for (std::size_t i = 300; i < 400; ++i) EXPECT_EQ(out[i], 0xaa) << i;  // not written
  auto m = DhcpMessage::parse(std::span(out).first(300));
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->message_type(), 5);
}

TEST(DhcpBuilder, MinSizeBelowTheNaturalSizeChangesNothing) {
  DhcpMessageRepr r;
  const OptionRef options[] = {{53, kAck}};
  r.options = options;
  r.min_size = 244;  // exactly 240 + 3 + END
  EXPECT_EQ(r.wire_size(), 244u);
  r.min_size = 100;
  EXPECT_EQ(r.wire_size(), 244u);
  EXPECT_EQ(emit_vec(r).size(), 244u);
}

TEST(DhcpBuilder, WireSizeEqualsTheEmittedSize) {
  // A deterministic sweep over option sizes, counts and padding.
  std::uint32_t state = 12345;
  auto next = [&] {
    state = state * 1103515245u + 12345u;
    return state >> 8;
  };
  for (int iter = 0; iter < 200; ++iter) {
    std::vector<Bytes> datas;
    std::vector<OptionRef> refs;
    const std::size_t n = next() % 8;
    for (std::size_t i = 0; i < n; ++i) datas.push_back(pattern(next() % 700, static_cast<std::uint8_t>(i)));
    for (std::size_t i = 0; i < n; ++i) {
      auto code = static_cast<std::uint8_t>(1 + next() % 254);  // 1..254
      if (code == opt::kOverload) code = opt::kVendorSpecific;  // 52 would make file/sname options
      refs.push_back(OptionRef{code, datas[i]});
    }
    DhcpMessageRepr r;
    r.header.xid = next();
    r.options = refs;
    r.min_size = (next() % 2 == 0) ? 0 : next() % 1200;
    Bytes out(r.wire_size() + 16, 0xaa);
    auto written = r.emit(out);
    ASSERT_TRUE(written.ok()) << iter;
    EXPECT_EQ(written.value(), r.wire_size()) << iter;
    expect_round_trip(r);
  }
}

TEST(DhcpBuilder, RejectsABufferOneByteShortAndWritesNothing) {
  const Bytes data = pattern(600);
  DhcpMessageRepr r;
  r.header = test::base_header();
  const OptionRef options[] = {{53, kAck}, {43, data}};
  r.options = options;
  for (std::size_t min_size : {0u, 1000u}) {
    r.min_size = min_size;
    Bytes out(r.wire_size() - 1, 0xaa);
    auto n = r.emit(out);
    ASSERT_FALSE(n.ok());
    EXPECT_EQ(n.error(), BuildError::BufferTooSmall);
    EXPECT_TRUE(std::all_of(out.begin(), out.end(), [](std::uint8_t x) { return x == 0xaa; }));
  }
  EXPECT_EQ(r.emit({}).error(), BuildError::BufferTooSmall);
}

TEST(DhcpBuilder, RejectsPadAndEndAsOptionCodes) {
  for (std::uint8_t code : {opt::kPad, opt::kEnd}) {
    for (bool with_data : {false, true}) {
      DhcpMessageRepr r;
      const OptionRef options[] = {{53, kAck}, {code, with_data ? std::span<const std::uint8_t>(kServer)
                                                                 : std::span<const std::uint8_t>()}};
      r.options = options;
      Bytes out(1024, 0xaa);
      auto n = r.emit(out);
      ASSERT_FALSE(n.ok());
      EXPECT_EQ(n.error(), BuildError::BadOptionCode);
      EXPECT_TRUE(std::all_of(out.begin(), out.end(), [](std::uint8_t x) { return x == 0xaa; }));
      // A content error is reported before the buffer is looked at.
      EXPECT_EQ(r.emit({}).error(), BuildError::BadOptionCode);
    }
  }
}

TEST(DhcpBuilder, RejectsAnOptionLongerThanMaxOptionLength) {
  const Bytes big = pattern(kMaxOptionLength + 1);
  DhcpMessageRepr r;
  const OptionRef options[] = {{43, big}};
  r.options = options;
  Bytes out(r.wire_size());
  auto n = r.emit(out);
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.error(), BuildError::OptionTooLong);
}

TEST(DhcpBuilder, RejectsRepeatedRefsOfOneCodeAddingUpPastMaxOptionLength) {
  // The parser would reject the message (OptionTooLong), so the builder does.
  const Bytes a = pattern(5000);
  const Bytes b = pattern(4001);
  DhcpMessageRepr r;
  const OptionRef options[] = {{43, a}, {6, kServer}, {43, b}};
  r.options = options;
  Bytes out(r.wire_size());
  EXPECT_EQ(r.emit(out).error(), BuildError::OptionTooLong);
}

// Errors come in option order whichever kind comes first, and the cap is
// per code: different codes may hold more than kMaxOptionLength together.
TEST(DhcpBuilder, ReportsTheFirstContentErrorInOptionOrder) {
  const Bytes big = pattern(kMaxOptionLength + 1);
  Bytes out(big.size() + 1024);
  {
    DhcpMessageRepr r;
    const OptionRef options[] = {{43, big}, {opt::kPad, {}}};
    r.options = options;
    EXPECT_EQ(r.emit(out).error(), BuildError::OptionTooLong);
  }
  {
    DhcpMessageRepr r;
    const OptionRef options[] = {{opt::kEnd, {}}, {43, big}};
    r.options = options;
    EXPECT_EQ(r.emit(out).error(), BuildError::BadOptionCode);
  }
}

TEST(DhcpBuilder, AcceptsDifferentCodesTogetherPastMaxOptionLength) {
  const Bytes a = pattern(5000);
  const Bytes b = pattern(5000);
  DhcpMessageRepr r;
  const OptionRef options[] = {{43, a}, {60, b}};
  r.options = options;
  expect_round_trip(r);
}

TEST(DhcpBuilder, AcceptsAnOptionOfExactlyMaxOptionLength) {
  const Bytes data = pattern(kMaxOptionLength);
  DhcpMessageRepr r;
  const OptionRef options[] = {{43, data}};
  r.options = options;
  // 9000 = 35 * 255 + 75: 36 instances, 72 framing bytes.
  EXPECT_EQ(r.wire_size(), 240u + 9000u + 72u + 1u);
  expect_round_trip(r);
}

TEST(DhcpBuilder, RejectsAMessageLargerThanMaxMessageSize) {
  DhcpMessageRepr r;
  r.min_size = kMaxDhcpMessageSize + 1;
  Bytes out(r.wire_size());
  EXPECT_EQ(r.emit(out).error(), BuildError::PayloadTooLarge);
  r.min_size = kMaxDhcpMessageSize;  // exactly the limit: fine
  const Bytes wire = emit_vec(r);
  EXPECT_TRUE(parse_vec(wire).ok());
  // Eight codes of 9000 bytes each: 72000+ bytes, more than a datagram holds.
  const Bytes data = pattern(kMaxOptionLength);
  std::vector<OptionRef> refs;
  for (std::uint8_t code = 200; code < 208; ++code) refs.push_back(OptionRef{code, data});
  DhcpMessageRepr big;
  big.options = refs;
  Bytes big_out(big.wire_size());
  EXPECT_EQ(big.emit(big_out).error(), BuildError::PayloadTooLarge);
}

TEST(DhcpBuilder, EveryPrefixOfABuiltMessageIsRejectedOrHoldsTheInstancesBeforeTheCut) {
  const Bytes data = pattern(600);
  DhcpMessageRepr r;
  r.header = test::base_header();
  const OptionRef options[] = {{53, kAck}, {43, data}};
  r.options = options;
  const Bytes wire = emit_vec(r);
  // Layout: 53 at 240..242; 43 instances at 243 (2 + 255), 500 (2 + 255),
  // 757 (2 + 90); END at 849; 850 bytes.
  ASSERT_EQ(wire.size(), 850u);
  struct Boundary {
    std::size_t cut;
    bool has_type;
    std::size_t length_43;
  };
  const Boundary boundaries[] = {{240, false, 0}, {243, true, 0}, {500, true, 255},
                                 {757, true, 510}, {849, true, 600}};
  for (std::size_t cut = 0; cut < wire.size(); ++cut) {
    auto m = DhcpMessage::parse(std::span(wire).first(cut));
    if (cut < 240) {
      ASSERT_EQ(m.error(), DhcpError::Truncated) << cut;
      continue;
    }
    const Boundary* b = nullptr;
    for (const Boundary& x : boundaries) {
      if (x.cut == cut) b = &x;
    }
    if (b == nullptr) {
      ASSERT_FALSE(m.ok()) << cut;
      EXPECT_EQ(m.error(), DhcpError::TruncatedOption) << cut;
      continue;
    }
    ASSERT_TRUE(m.ok()) << cut;
    EXPECT_EQ(m->message_type(), b->has_type ? 5 : 0) << cut;
    EXPECT_EQ(m->total_length(43), b->length_43) << cut;
    EXPECT_EQ(concat(*m, 43), Bytes(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(b->length_43)))
        << cut;
  }
}

}  // namespace
}  // namespace dhcpcore
