// Tests for the Internet checksum (checksum.hpp) and Ipv4Packet (ipv4.hpp).
//
// Every checksum below was summed by hand (the words and the end-around
// carries are in the comments) or comes from RFC 1071's worked example; none
// was taken from the code's own output.
#include "dhcpcore/parsers/checksum.hpp"
#include "dhcpcore/parsers/ipv4.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <vector>

namespace dhcpcore {
namespace {

using Bytes = std::vector<std::uint8_t>;
Bytes to_vec(std::span<const std::uint8_t> s) { return {s.begin(), s.end()}; }

// ---- InternetChecksum -------------------------------------------------------

// RFC 1071 section 3, "Numerical Examples": bytes 00 01 f2 03 f4 f5 f6 f7
// sum (one's complement, big-endian words) to 0xddf2; the checksum is its
// complement, 0x220d.
constexpr std::uint8_t kRfc1071Example[] = {0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};

TEST(InternetChecksum, MatchesTheRfc1071WorkedExample) {
  InternetChecksum c;
  c.add(kRfc1071Example);
  EXPECT_EQ(c.sum(), 0xddf2);
  EXPECT_EQ(c.checksum(), 0x220d);
  EXPECT_EQ(internet_checksum(kRfc1071Example), 0x220d);
}

TEST(InternetChecksum, GivesTheSameSumForEverySplitOfTheData) {
  const std::span<const std::uint8_t> all(kRfc1071Example);
  for (std::size_t a = 0; a <= all.size(); ++a) {
    for (std::size_t b = a; b <= all.size(); ++b) {
      InternetChecksum c;
      c.add(all.first(a));
      c.add(all.subspan(a, b - a));
      c.add(all.subspan(b));
      EXPECT_EQ(c.sum(), 0xddf2) << a << "," << b;
    }
  }
  // One byte at a time, empty spans in between.
  InternetChecksum c;
  for (std::uint8_t byte : kRfc1071Example) {
    c.add({});
    c.add(std::span<const std::uint8_t>(&byte, 1));
  }
  EXPECT_EQ(c.sum(), 0xddf2);
}

TEST(InternetChecksum, PadsAnOddLastByteWithZero) {
  constexpr std::uint8_t kOdd[] = {0x12, 0x34, 0x56};  // words 0x1234 + 0x5600 = 0x6834
  EXPECT_EQ(internet_checksum(kOdd), static_cast<std::uint16_t>(~0x6834));
  InternetChecksum c;
  c.add(std::span<const std::uint8_t>(kOdd).first(1));  // 0x12 pending
  EXPECT_EQ(c.sum(), 0x1200);                           // counted as 0x1200 so far
  c.add(std::span<const std::uint8_t>(kOdd).subspan(1));
  EXPECT_EQ(c.sum(), 0x6834);
}

TEST(InternetChecksum, FoldsCarriesBackIn) {
  // 0xffff + 0xffff + 0x0002 = 0x20000 -> 0x0000 + 0x2 = 0x0002.
  constexpr std::uint8_t kCarry[] = {0xff, 0xff, 0xff, 0xff, 0x00, 0x02};
  InternetChecksum c;
  c.add(kCarry);
  EXPECT_EQ(c.sum(), 0x0002);
  EXPECT_EQ(c.checksum(), 0xfffd);
}

// naive_sum: RFC 1071 section 1 word by word, the model the fast paths
// (64-bit words, 32-byte blocks) must agree with.
std::uint16_t naive_sum(std::span<const std::uint8_t> b) {
  std::uint32_t s = 0;
  for (std::size_t i = 0; i < b.size(); i += 2) {
    s += (std::uint32_t{b[i]} << 8) | (i + 1 < b.size() ? b[i + 1] : 0u);
    s = (s & 0xffffu) + (s >> 16);
  }
  return static_cast<std::uint16_t>(s);
}

TEST(InternetChecksum, AgreesWithTheWordByWordSumAtEveryLengthAndOffset) {
  std::vector<std::uint8_t> data(700);
  std::uint32_t x = 2463534242u;  // xorshift32: a fixed pseudo-random pattern
  for (auto& b : data) {
    x ^= x << 13, x ^= x >> 17, x ^= x << 5;
    b = static_cast<std::uint8_t>(x);
  }
  for (std::size_t off = 0; off < 9; ++off) {
    for (std::size_t len = 0; off + len <= 600; ++len) {
      const auto part = std::span<const std::uint8_t>(data).subspan(off, len);
      InternetChecksum c;
      c.add(part);
      ASSERT_EQ(c.sum(), naive_sum(part)) << off << "+" << len;
    }
  }
}

TEST(InternetChecksum, CarriesOutOfTheWideAccumulatorAreFoldedBackIn) {
  // All ones: every 64-bit add carries. 65535 bytes of 0xff sum to 0xffff
  // (32767 words of 0xffff and a last 0xff00; each addition of 0xffff leaves
  // 0xffff, and 0xffff + 0xff00 = 0x1feff -> 0xff00).
  const std::vector<std::uint8_t> ones(65535, 0xff);
  EXPECT_EQ(internet_checksum(ones), static_cast<std::uint16_t>(~0xff00));
  EXPECT_EQ(naive_sum(ones), 0xff00);
  const std::vector<std::uint8_t> even(65534, 0xff);
  EXPECT_EQ(internet_checksum(even), 0x0000);  // sum 0xffff
  // Zeros stay zero: the checksum of all-zero data is 0xffff.
  EXPECT_EQ(internet_checksum(std::vector<std::uint8_t>(1000, 0)), 0xffff);
}

TEST(InternetChecksum, AddU16AndAddIpv4AreBytesInNetworkOrder) {
  constexpr std::uint8_t kSame[] = {0xc0, 0x00, 0x02, 0x01, 0x00, 0x11, 0xab};
  InternetChecksum by_bytes;
  by_bytes.add(kSame);
  InternetChecksum by_value;
  by_value.add_ipv4(Ipv4Addr(192, 0, 2, 1));
  by_value.add_u16(0x0011);
  const std::uint8_t tail = 0xab;
  by_value.add(std::span<const std::uint8_t>(&tail, 1));
  EXPECT_EQ(by_value.sum(), by_bytes.sum());
  // add_u16 after an odd byte continues the byte stream.
  InternetChecksum odd;
  const std::uint8_t first = 0x01;
  odd.add(std::span<const std::uint8_t>(&first, 1));
  odd.add_u16(0x0203);  // stream 01 02 03 -> 0x0102 + 0x0300 = 0x0402
  EXPECT_EQ(odd.sum(), 0x0402);
}

TEST(InternetChecksum, ReadsNothingOutsideTheSpan) {
  // The same two bytes followed by different neighbours sum the same.
  constexpr std::uint8_t kA[] = {0x12, 0x34, 0xff, 0xff};
  constexpr std::uint8_t kB[] = {0x12, 0x34, 0x00, 0x01};
  EXPECT_EQ(internet_checksum(std::span<const std::uint8_t>(kA).first(2)),
            internet_checksum(std::span<const std::uint8_t>(kB).first(2)));
  // 12 34 ff: 0x1234 + 0xff00 = 0x11134 -> 0x1134 + 0x1 = 0x1135. Reading
  // the next byte too (0x1234 + 0xffff) would give 0x1234.
  EXPECT_EQ(internet_checksum(std::span<const std::uint8_t>(kA).first(3)),
            static_cast<std::uint16_t>(~0x1135));
  EXPECT_EQ(internet_checksum({}), 0xffff);  // empty sum 0, complement 0xffff
}

// ---- Ipv4Packet ---------------------------------------------------------------

// A UDP datagram from 192.0.2.1 to 192.0.2.2 (TEST-NET-1).
// Header checksum by hand: 4500 + 0023 + 1234 + 4000 + 4011 + c000 + 0201 +
// c000 + 0202 = 0x25b6b -> 0x5b6b + 0x2 = 0x5b6d -> ~ = 0xa492.
constexpr std::uint8_t kIpv4Udp[] = {
    0x45,                    // version 4, IHL 5
    0x00,                    // TOS
    0x00, 0x23,              // total length 35 = 20 + 15
    0x12, 0x34,              // identification
    0x40, 0x00,              // flags DF, offset 0
    0x40,                    // TTL 64
    0x11,                    // protocol 17 (UDP)
    0xa4, 0x92,              // header checksum
    0xc0, 0x00, 0x02, 0x01,  // src 192.0.2.1
    0xc0, 0x00, 0x02, 0x02,  // dst 192.0.2.2
    // payload: a 15-byte UDP datagram (not parsed here)
    0x00, 0x43, 0x00, 0x44, 0x00, 0x0f, 0xd6, 0x95, 0x02, 0x01, 0x06, 0x00, 0xde, 0xad, 0xbe,
};
constexpr std::size_t kIpv4UdpPayloadSize = 15;

// With 4 option bytes (IHL 6), no DF, protocol 253 (RFC 3692 experimental).
// Header checksum by hand: 4600 + 001c + 0000 + 0000 + fffd + 0000 + c633 +
// 6401 + cb00 + 7109 + 0101 + 0100 = 0x3ae57 -> 0xae57 + 0x3 = 0xae5a ->
// ~ = 0x51a5.
constexpr std::uint8_t kIpv4Options[] = {
    0x46,                    // version 4, IHL 6
    0x00,                    // TOS
    0x00, 0x1c,              // total length 28 = 24 + 4
    0x00, 0x00,              // identification
    0x00, 0x00,              // flags none, offset 0
    0xff,                    // TTL 255
    0xfd,                    // protocol 253
    0x51, 0xa5,              // header checksum
    0xc6, 0x33, 0x64, 0x01,  // src 198.51.100.1
    0xcb, 0x00, 0x71, 0x09,  // dst 203.0.113.9
    0x01, 0x01, 0x01, 0x00,  // options: NOP NOP NOP EOL
    0xaa, 0xbb, 0xcc, 0xdd,  // payload
};

// A published example (the header checksum article of Wikipedia, also the
// classic textbook one): 4500 0073 0000 4000 4011 [b861] c0a8 0001 c0a8 00c7.
// By hand: 4500 + 0073 + 0000 + 4000 + 4011 + c0a8 + 0001 + c0a8 + 00c7 =
// 0x2479c -> 0x479c + 0x2 = 0x479e -> ~ = 0xb861.
constexpr std::uint8_t kPublishedHeader[] = {
    0x45, 0x00, 0x00, 0x73,  // version/IHL, TOS, total length 115
    0x00, 0x00, 0x40, 0x00,  // identification 0, DF
    0x40, 0x11, 0xb8, 0x61,  // TTL 64, UDP, checksum 0xb861
    0xc0, 0xa8, 0x00, 0x01,  // src 192.168.0.1
    0xc0, 0xa8, 0x00, 0xc7,  // dst 192.168.0.199
};

Bytes with_payload(std::span<const std::uint8_t> header, std::size_t payload_size) {
  Bytes b = to_vec(header);
  for (std::size_t i = 0; i < payload_size; ++i) b.push_back(static_cast<std::uint8_t>(i));
  return b;
}

// patched returns a copy of fixture with one byte replaced and the header
// checksum recomputed (the test then targets a check after the checksum).
Bytes patched(std::span<const std::uint8_t> fixture, std::size_t offset, std::uint8_t value,
              std::size_t header_size = 20) {
  Bytes b = to_vec(fixture);
  b.at(offset) = value;
  b.at(10) = 0;
  b.at(11) = 0;
  const std::uint16_t c = internet_checksum(std::span<const std::uint8_t>(b).first(header_size));
  b.at(10) = static_cast<std::uint8_t>(c >> 8);
  b.at(11) = static_cast<std::uint8_t>(c);
  return b;
}

TEST(Ipv4Error, ToStringNamesEveryValue) {
  EXPECT_STREQ(to_string(Ipv4Error::None), "None");
  EXPECT_STREQ(to_string(Ipv4Error::Truncated), "Truncated");
  EXPECT_STREQ(to_string(Ipv4Error::BadVersion), "BadVersion");
  EXPECT_STREQ(to_string(Ipv4Error::BadHeaderLength), "BadHeaderLength");
  EXPECT_STREQ(to_string(Ipv4Error::HeaderExceedsBuffer), "HeaderExceedsBuffer");
  EXPECT_STREQ(to_string(Ipv4Error::BadTotalLength), "BadTotalLength");
  EXPECT_STREQ(to_string(Ipv4Error::TotalLengthExceedsBuffer), "TotalLengthExceedsBuffer");
  EXPECT_STREQ(to_string(Ipv4Error::BadHeaderChecksum), "BadHeaderChecksum");
  EXPECT_STREQ(to_string(Ipv4Error::Fragmented), "Fragmented");
  EXPECT_STREQ(to_string(Ipv4Error::NotUdp), "NotUdp");
  EXPECT_STREQ(to_string(static_cast<Ipv4Error>(99)), "Unknown");
}

TEST(Ipv4Packet, ParsesEveryHeaderField) {
  auto p = Ipv4Packet::parse(kIpv4Udp);
  ASSERT_TRUE(p.ok()) << to_string(p.error());
  EXPECT_EQ(p->tos, 0x00);
  EXPECT_EQ(p->identification, 0x1234);
  EXPECT_TRUE(p->dont_fragment);
  EXPECT_EQ(p->ttl, 64);
  EXPECT_EQ(p->protocol, 17);
  EXPECT_EQ(p->src, Ipv4Addr(192, 0, 2, 1));
  EXPECT_EQ(p->dst, Ipv4Addr(192, 0, 2, 2));
  EXPECT_TRUE(p->options.empty());
  EXPECT_EQ(p->payload.size(), kIpv4UdpPayloadSize);
  EXPECT_EQ(p->payload.data(), kIpv4Udp + 20);  // a view, not a copy
  EXPECT_EQ(p->header_size(), 20u);
  EXPECT_EQ(p->wire_size(), sizeof kIpv4Udp);
}

TEST(Ipv4Packet, ExposesOptionsAndSkipsThem) {
  auto p = Ipv4Packet::parse(kIpv4Options);
  ASSERT_TRUE(p.ok()) << to_string(p.error());
  EXPECT_EQ(to_vec(p->options), (Bytes{0x01, 0x01, 0x01, 0x00}));
  EXPECT_EQ(to_vec(p->payload), (Bytes{0xaa, 0xbb, 0xcc, 0xdd}));
  EXPECT_FALSE(p->dont_fragment);
  EXPECT_EQ(p->ttl, 255);
  EXPECT_EQ(p->protocol, 253);
  EXPECT_EQ(p->src, Ipv4Addr(198, 51, 100, 1));
  EXPECT_EQ(p->dst, Ipv4Addr(203, 0, 113, 9));
  EXPECT_EQ(p->header_size(), 24u);
}

TEST(Ipv4Packet, VerifiesThePublishedChecksumExample) {
  const Bytes b = with_payload(kPublishedHeader, 0x73 - 20);
  auto p = Ipv4Packet::parse(b);
  ASSERT_TRUE(p.ok()) << to_string(p.error());
  EXPECT_EQ(p->dst, Ipv4Addr(192, 168, 0, 199));
  EXPECT_EQ(p->payload.size(), 95u);
}

TEST(Ipv4Packet, IgnoresPaddingAfterTotalLength) {
  Bytes b = to_vec(kIpv4Options);
  b.resize(60 - 14, 0x00);  // Ethernet minimum-frame padding
  auto p = Ipv4Packet::parse(b);
  ASSERT_TRUE(p.ok()) << to_string(p.error());
  EXPECT_EQ(to_vec(p->payload), (Bytes{0xaa, 0xbb, 0xcc, 0xdd}));
}

TEST(Ipv4Packet, RejectsTruncatedHeader) {
  EXPECT_EQ(Ipv4Packet::parse({}).error(), Ipv4Error::Truncated);
  EXPECT_EQ(Ipv4Packet::parse(std::span<const std::uint8_t>(kIpv4Udp).first(19)).error(),
            Ipv4Error::Truncated);
}

TEST(Ipv4Packet, RejectsVersionOtherThanFour) {
  for (const std::uint8_t version : std::initializer_list<std::uint8_t>{0, 5, 6, 15}) {
    const Bytes b = patched(kIpv4Udp, 0, static_cast<std::uint8_t>((version << 4) | 5));
    EXPECT_EQ(Ipv4Packet::parse(b).error(), Ipv4Error::BadVersion) << int{version};
  }
}

TEST(Ipv4Packet, RejectsHeaderLengthBelowFive) {
  for (std::uint8_t ihl = 0; ihl < 5; ++ihl) {
    const Bytes b = patched(kIpv4Udp, 0, static_cast<std::uint8_t>(0x40 | ihl));
    EXPECT_EQ(Ipv4Packet::parse(b).error(), Ipv4Error::BadHeaderLength) << int{ihl};
  }
}

TEST(Ipv4Packet, RejectsHeaderLongerThanTheBuffer) {
  // IHL 15 = 60 bytes, buffer 35.
  EXPECT_EQ(Ipv4Packet::parse(patched(kIpv4Udp, 0, 0x4f)).error(), Ipv4Error::HeaderExceedsBuffer);
  // IHL 6, buffer cut inside the options.
  EXPECT_EQ(Ipv4Packet::parse(std::span<const std::uint8_t>(kIpv4Options).first(23)).error(),
            Ipv4Error::HeaderExceedsBuffer);
}

TEST(Ipv4Packet, RejectsTotalLengthBelowTheHeaderLength) {
  Bytes b = patched(kIpv4Udp, 3, 19);  // total length 19 < 20
  EXPECT_EQ(Ipv4Packet::parse(b).error(), Ipv4Error::BadTotalLength);
  b = patched(kIpv4Options, 3, 23, 24);  // 23 < IHL 6 * 4
  EXPECT_EQ(Ipv4Packet::parse(b).error(), Ipv4Error::BadTotalLength);
}

TEST(Ipv4Packet, AcceptsTotalLengthEqualToTheHeaderLength) {
  auto p = Ipv4Packet::parse(patched(kIpv4Udp, 3, 20));
  ASSERT_TRUE(p.ok()) << to_string(p.error());
  EXPECT_TRUE(p->payload.empty());
}

TEST(Ipv4Packet, RejectsTotalLengthBeyondTheBuffer) {
  EXPECT_EQ(Ipv4Packet::parse(patched(kIpv4Udp, 3, 36)).error(), Ipv4Error::TotalLengthExceedsBuffer);
  EXPECT_EQ(Ipv4Packet::parse(std::span<const std::uint8_t>(kIpv4Udp).first(34)).error(),
            Ipv4Error::TotalLengthExceedsBuffer);
}

TEST(Ipv4Packet, RejectsABadHeaderChecksum) {
  Bytes b = to_vec(kIpv4Udp);
  b[11] ^= 0x01;  // the checksum itself
  EXPECT_EQ(Ipv4Packet::parse(b).error(), Ipv4Error::BadHeaderChecksum);
  // Offload concerns UDP only: the IPv4 header is still verified.
  EXPECT_EQ(Ipv4Packet::parse(b, ChecksumMode::AcceptOffloaded).error(), Ipv4Error::BadHeaderChecksum);
  b = to_vec(kIpv4Udp);
  b[8] = 0x3f;  // TTL changed, checksum not updated
  EXPECT_EQ(Ipv4Packet::parse(b).error(), Ipv4Error::BadHeaderChecksum);
  b = to_vec(kIpv4Options);
  b[21] = 0x02;  // an option byte: the checksum covers options too
  EXPECT_EQ(Ipv4Packet::parse(b).error(), Ipv4Error::BadHeaderChecksum);
}

TEST(Ipv4Packet, ChecksumDoesNotCoverThePayload) {
  Bytes b = to_vec(kIpv4Udp);
  b[30] ^= 0xff;
  EXPECT_TRUE(Ipv4Packet::parse(b).ok());
}

TEST(Ipv4Packet, SkipModeAcceptsABadChecksumButNothingElse) {
  Bytes b = to_vec(kIpv4Udp);
  b[10] = 0x00;
  b[11] = 0x00;
  EXPECT_EQ(Ipv4Packet::parse(b).error(), Ipv4Error::BadHeaderChecksum);
  auto p = Ipv4Packet::parse(b, ChecksumMode::Skip);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->src, Ipv4Addr(192, 0, 2, 1));
  b[0] = 0x65;  // version 6
  EXPECT_EQ(Ipv4Packet::parse(b, ChecksumMode::Skip).error(), Ipv4Error::BadVersion);
  b[0] = 0x45;
  b[6] = 0x20;  // MF
  EXPECT_EQ(Ipv4Packet::parse(b, ChecksumMode::Skip).error(), Ipv4Error::Fragmented);
}

TEST(Ipv4Packet, RejectsFragments) {
  // MF set, offset 0: the first fragment.
  EXPECT_EQ(Ipv4Packet::parse(patched(kIpv4Udp, 6, 0x20)).error(), Ipv4Error::Fragmented);
  // Offset 1 (8 bytes), MF clear: the last fragment.
  Bytes b = patched(kIpv4Udp, 7, 0x01);
  b = patched(b, 6, 0x00);
  EXPECT_EQ(Ipv4Packet::parse(b).error(), Ipv4Error::Fragmented);
  // The highest offset bit with DF.
  EXPECT_EQ(Ipv4Packet::parse(patched(kIpv4Udp, 6, 0x50)).error(), Ipv4Error::Fragmented);
}

TEST(Ipv4Packet, IgnoresTheReservedFlag) {
  auto p = Ipv4Packet::parse(patched(kIpv4Udp, 6, 0xc0));  // reserved + DF
  ASSERT_TRUE(p.ok()) << to_string(p.error());
  EXPECT_TRUE(p->dont_fragment);
}

// Prefix sweep: every strict prefix is rejected (Total Length makes the
// packet's end known), whatever the cut.
TEST(Ipv4Packet, RejectsEveryStrictPrefix) {
  const Bytes published = with_payload(kPublishedHeader, 0x73 - 20);
  for (std::span<const std::uint8_t> full :
       {std::span<const std::uint8_t>(kIpv4Udp), std::span<const std::uint8_t>(kIpv4Options),
        std::span<const std::uint8_t>(published)}) {
    ASSERT_TRUE(Ipv4Packet::parse(full).ok());
    for (std::size_t len = 0; len < full.size(); ++len) {
      auto p = Ipv4Packet::parse(full.first(len));
      ASSERT_FALSE(p.ok()) << len;
      const Ipv4Error e = p.error();
      EXPECT_TRUE(e == Ipv4Error::Truncated || e == Ipv4Error::HeaderExceedsBuffer ||
                  e == Ipv4Error::TotalLengthExceedsBuffer)
          << len << " " << to_string(e);
    }
  }
}

TEST(Ipv4Packet, EmitComputesTheHandComputedChecksum) {
  Ipv4Packet p;
  p.tos = 0;
  p.identification = 0x1234;
  p.dont_fragment = true;
  p.ttl = 64;
  p.protocol = 17;
  p.src = Ipv4Addr(192, 0, 2, 1);
  p.dst = Ipv4Addr(192, 0, 2, 2);
  p.payload = std::span<const std::uint8_t>(kIpv4Udp).subspan(20);
  Bytes out(p.wire_size());
  auto n = p.emit(out);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n.value(), sizeof kIpv4Udp);
  EXPECT_EQ(out, to_vec(kIpv4Udp));

  Ipv4Packet q;
  q.ttl = 255;
  q.protocol = 253;
  q.src = Ipv4Addr(198, 51, 100, 1);
  q.dst = Ipv4Addr(203, 0, 113, 9);
  q.options = std::span<const std::uint8_t>(kIpv4Options).subspan(20, 4);
  q.payload = std::span<const std::uint8_t>(kIpv4Options).subspan(24);
  out.assign(q.wire_size(), 0);
  ASSERT_TRUE(q.emit(out).ok());
  EXPECT_EQ(out, to_vec(kIpv4Options));
}

TEST(Ipv4Packet, ParseOfEmitIsTheSamePacket) {
  const Bytes published = with_payload(kPublishedHeader, 0x73 - 20);
  for (std::span<const std::uint8_t> wire :
       {std::span<const std::uint8_t>(kIpv4Udp), std::span<const std::uint8_t>(kIpv4Options),
        std::span<const std::uint8_t>(published)}) {
    auto p = Ipv4Packet::parse(wire);
    ASSERT_TRUE(p.ok());
    Bytes out(p->wire_size());
    ASSERT_TRUE(p->emit(out).ok());
    auto again = Ipv4Packet::parse(out);
    ASSERT_TRUE(again.ok()) << to_string(again.error());
    EXPECT_TRUE(again.value() == p.value());
  }
}

TEST(Ipv4Packet, EqualityComparesContentsNotPointers) {
  const Bytes a = {1, 2, 3, 4};
  const Bytes b = {1, 2, 3, 4};
  Ipv4Packet x;
  Ipv4Packet y;
  x.payload = a;
  y.payload = b;
  EXPECT_TRUE(x == y);
  y.options = b;
  EXPECT_FALSE(x == y);
  x.options = a;
  EXPECT_TRUE(x == y);
  y.tos = 1;
  EXPECT_FALSE(x == y);
}

TEST(Ipv4Packet, EmitIntoABufferOneByteShortFailsAndWritesNothing) {
  auto p = Ipv4Packet::parse(kIpv4Options);
  ASSERT_TRUE(p.ok());
  std::array<std::uint8_t, sizeof kIpv4Options + 4> buf{};
  buf.fill(0xee);
  auto n = p->emit(std::span<std::uint8_t>(buf).first(sizeof kIpv4Options - 1));
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.error(), BuildError::BufferTooSmall);
  for (auto b : buf) EXPECT_EQ(b, 0xee);
  auto h = p->emit_header(std::span<std::uint8_t>(buf).first(23), 4);
  EXPECT_EQ(h.error(), BuildError::BufferTooSmall);
  for (auto b : buf) EXPECT_EQ(b, 0xee);
}

TEST(Ipv4Packet, EmitHeaderWritesTheTotalLengthForTheGivenPayload) {
  Ipv4Packet p;
  p.src = Ipv4Addr(192, 0, 2, 1);
  p.dst = Ipv4Addr(192, 0, 2, 2);
  std::array<std::uint8_t, 24> buf{};
  buf.fill(0xee);
  auto n = p.emit_header(buf, 300);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n.value(), 20u);
  EXPECT_EQ(buf[2], 0x01);  // 320 = 0x0140
  EXPECT_EQ(buf[3], 0x40);
  EXPECT_EQ(buf[20], 0xee);  // nothing after the header
  // The header verifies on its own.
  EXPECT_EQ(internet_checksum(std::span<const std::uint8_t>(buf).first(20)), 0);
}

TEST(Ipv4Packet, EmitRejectsLengthsTheHeaderCannotDescribe) {
  Bytes big(kIpv4MaxTotalLength - 20 + 1);
  Bytes out(big.size() + 20);
  Ipv4Packet p;
  p.payload = big;
  EXPECT_EQ(p.emit(out).error(), BuildError::PayloadTooLarge);
  EXPECT_EQ(p.emit_header(out, big.size()).error(), BuildError::PayloadTooLarge);
  p.payload = std::span<const std::uint8_t>(big).first(kIpv4MaxTotalLength - 20);
  EXPECT_TRUE(p.emit(out).ok());  // exactly 65535

  const Bytes three = {1, 1, 1};  // not a multiple of 4: IHL cannot say 23
  const Bytes forty_four(44, 1);  // IHL would be 16
  Ipv4Packet q;
  q.options = three;
  EXPECT_EQ(q.emit(out).error(), BuildError::PayloadTooLarge);
  q.options = forty_four;
  EXPECT_EQ(q.emit(out).error(), BuildError::PayloadTooLarge);
  const Bytes forty(40, 1);
  q.options = forty;
  auto n = q.emit(out);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(out[0], 0x4f);  // IHL 15
}

}  // namespace
}  // namespace dhcpcore
