// Tests for UdpDatagram (udp.hpp): length rules, the RFC 768 pseudo-header
// checksum, emit and the round trip. Checksums were summed by hand; the
// words and carries are in the comments.
#include "dhcpcore/parsers/udp.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace dhcpcore {
namespace {

using Bytes = std::vector<std::uint8_t>;
Bytes to_vec(std::span<const std::uint8_t> s) { return {s.begin(), s.end()}; }

constexpr Ipv4Addr kSrc(192, 0, 2, 1);  // TEST-NET-1
constexpr Ipv4Addr kDst(192, 0, 2, 2);

// 67 -> 68 with a 7-byte (odd) payload.
// Checksum by hand over pseudo-header c000 0201 c000 0202 0011 000f, header
// 0043 0044 000f 0000 and data 0201 0600 dead be00 (odd byte padded):
// sum = 0x32967 -> 0x2967 + 0x3 = 0x296a -> ~ = 0xd695.
constexpr std::uint8_t kUdp[] = {
    0x00, 0x43,                                // src port 67
    0x00, 0x44,                                // dst port 68
    0x00, 0x0f,                                // length 15 = 8 + 7
    0xd6, 0x95,                                // checksum
    0x02, 0x01, 0x06, 0x00, 0xde, 0xad, 0xbe,  // payload (7 bytes)
};

// A datagram whose checksum computes to 0, so it is sent as 0xffff.
// Pseudo-header c000 0201 c000 0202 0011 000a + header 0043 0044 000a 0000
// sum to 0x184af -> 0x84b0; the payload word 0x7b4f = 0xffff - 0x84b0 makes
// the total 0xffff, whose complement is 0.
constexpr std::uint8_t kUdpZeroSum[] = {
    0x00, 0x43,  // src port 67
    0x00, 0x44,  // dst port 68
    0x00, 0x0a,  // length 10
    0xff, 0xff,  // checksum: computed 0, sent as 0xffff
    0x7b, 0x4f,  // payload
};

// No checksum (0): not verified.
constexpr std::uint8_t kUdpNoChecksum[] = {
    0x00, 0x43,  // src port 67
    0x00, 0x44,  // dst port 68
    0x00, 0x0a,  // length 10
    0x00, 0x00,  // checksum absent
    0x12, 0x34,  // payload
};

TEST(UdpError, ToStringNamesEveryValue) {
  EXPECT_STREQ(to_string(UdpError::None), "None");
  EXPECT_STREQ(to_string(UdpError::Truncated), "Truncated");
  EXPECT_STREQ(to_string(UdpError::BadLength), "BadLength");
  EXPECT_STREQ(to_string(UdpError::LengthExceedsPayload), "LengthExceedsPayload");
  EXPECT_STREQ(to_string(UdpError::BadChecksum), "BadChecksum");
  EXPECT_STREQ(to_string(UdpError::WrongPort), "WrongPort");
  EXPECT_STREQ(to_string(static_cast<UdpError>(77)), "Unknown");
}

TEST(UdpDatagram, ParsesPortsAndPayloadAndVerifiesTheChecksum) {
  auto d = UdpDatagram::parse(kUdp, kSrc, kDst);
  ASSERT_TRUE(d.ok()) << to_string(d.error());
  EXPECT_EQ(d->src_port, 67);
  EXPECT_EQ(d->dst_port, 68);
  EXPECT_EQ(d->payload.data(), kUdp + 8);  // a view, not a copy
  EXPECT_EQ(to_vec(d->payload), (Bytes{0x02, 0x01, 0x06, 0x00, 0xde, 0xad, 0xbe}));
  EXPECT_EQ(d->wire_size(), sizeof kUdp);
}

TEST(UdpDatagram, ChecksumCoversThePseudoHeaderAddresses) {
  EXPECT_EQ(UdpDatagram::parse(kUdp, kSrc, Ipv4Addr(192, 0, 2, 3)).error(), UdpError::BadChecksum);
  EXPECT_EQ(UdpDatagram::parse(kUdp, Ipv4Addr(192, 0, 2, 9), kDst).error(), UdpError::BadChecksum);
  // Swapping source and destination keeps the one's-complement sum: addition commutes.
  EXPECT_TRUE(UdpDatagram::parse(kUdp, kDst, kSrc).ok());
}

TEST(UdpDatagram, RejectsABadChecksum) {
  for (std::size_t i = 0; i < sizeof kUdp; ++i) {
    if (i == 4 || i == 5) continue;  // the length field: other errors
    Bytes b = to_vec(kUdp);
    b[i] ^= 0x01;
    EXPECT_EQ(UdpDatagram::parse(b, kSrc, kDst).error(), UdpError::BadChecksum) << i;
  }
}

TEST(UdpDatagram, AcceptsTheAllOnesChecksumOfAZeroSum) {
  auto d = UdpDatagram::parse(kUdpZeroSum, kSrc, kDst);
  ASSERT_TRUE(d.ok()) << to_string(d.error());
  EXPECT_EQ(to_vec(d->payload), (Bytes{0x7b, 0x4f}));
}

TEST(UdpDatagram, DoesNotVerifyAZeroChecksum) {
  auto d = UdpDatagram::parse(kUdpNoChecksum, kSrc, kDst);
  ASSERT_TRUE(d.ok()) << to_string(d.error());
  EXPECT_EQ(to_vec(d->payload), (Bytes{0x12, 0x34}));
}

TEST(UdpDatagram, SkipModeAcceptsABadChecksumButNotABadLength) {
  Bytes b = to_vec(kUdp);
  b[7] ^= 0xff;
  EXPECT_EQ(UdpDatagram::parse(b, kSrc, kDst).error(), UdpError::BadChecksum);
  EXPECT_TRUE(UdpDatagram::parse(b, kSrc, kDst, ChecksumMode::Skip).ok());
  b[5] = 0x10;  // length 16 > 15 bytes
  EXPECT_EQ(UdpDatagram::parse(b, kSrc, kDst, ChecksumMode::Skip).error(), UdpError::LengthExceedsPayload);
}

// Checksum offload (ChecksumMode::AcceptOffloaded): the sender leaves the
// folded sum of kUdp's pseudo-header in the field, by hand
// c000 + 0201 + c000 + 0202 + 0011 + 000f = 0x18423 -> 0x8423 + 1 = 0x8424.
Bytes offloaded_udp() {
  Bytes b = to_vec(kUdp);
  b[6] = 0x84;
  b[7] = 0x24;
  return b;
}

TEST(UdpDatagram, AcceptOffloadedAcceptsExactlyThePseudoHeaderSum) {
  const Bytes b = offloaded_udp();
  EXPECT_EQ(UdpDatagram::parse(b, kSrc, kDst).error(), UdpError::BadChecksum);
  auto d = UdpDatagram::parse(b, kSrc, kDst, ChecksumMode::AcceptOffloaded);
  ASSERT_TRUE(d.ok()) << to_string(d.error());
  EXPECT_TRUE(d->checksum_offloaded);
  EXPECT_EQ(d->src_port, 67);
  EXPECT_EQ(to_vec(d->payload), (Bytes{0x02, 0x01, 0x06, 0x00, 0xde, 0xad, 0xbe}));
  // Skip accepts it too but does not look, so it reports nothing.
  auto skipped = UdpDatagram::parse(b, kSrc, kDst, ChecksumMode::Skip);
  ASSERT_TRUE(skipped.ok());
  EXPECT_FALSE(skipped->checksum_offloaded);
}

TEST(UdpDatagram, AcceptOffloadedStillRejectsAnyOtherBadChecksum) {
  for (unsigned field : {0x8423u, 0x8425u, 0x2484u, 0x7bdbu /* ~0x8424 */, 0xd694u, 0xd696u}) {
    Bytes b = to_vec(kUdp);
    b[6] = static_cast<std::uint8_t>(field >> 8);
    b[7] = static_cast<std::uint8_t>(field);
    EXPECT_EQ(UdpDatagram::parse(b, kSrc, kDst, ChecksumMode::AcceptOffloaded).error(), UdpError::BadChecksum)
        << std::hex << field;
  }
  // The pseudo-header's sum is of these addresses: with another destination
  // (192.0.2.3: the sum is 0x8425) the same field is just a bad checksum.
  EXPECT_EQ(UdpDatagram::parse(offloaded_udp(), kSrc, Ipv4Addr(192, 0, 2, 3), ChecksumMode::AcceptOffloaded).error(),
            UdpError::BadChecksum);
}

TEST(UdpDatagram, AcceptOffloadedReportsNothingForAVerifiedChecksum) {
  for (const auto& good : {to_vec(kUdp), to_vec(kUdpZeroSum), to_vec(kUdpNoChecksum)}) {
    auto d = UdpDatagram::parse(good, kSrc, kDst, ChecksumMode::AcceptOffloaded);
    ASSERT_TRUE(d.ok()) << to_string(d.error());
    EXPECT_FALSE(d->checksum_offloaded);
  }
}

TEST(UdpDatagram, RejectsTruncatedHeader) {
  EXPECT_EQ(UdpDatagram::parse({}, kSrc, kDst).error(), UdpError::Truncated);
  EXPECT_EQ(UdpDatagram::parse(std::span<const std::uint8_t>(kUdp).first(7), kSrc, kDst).error(),
            UdpError::Truncated);
}

TEST(UdpDatagram, RejectsLengthBelowTheHeaderSize) {
  for (std::uint8_t len = 0; len < 8; ++len) {
    Bytes b = to_vec(kUdpNoChecksum);
    b[5] = len;
    EXPECT_EQ(UdpDatagram::parse(b, kSrc, kDst).error(), UdpError::BadLength) << int{len};
  }
}

TEST(UdpDatagram, AcceptsAnEmptyPayload) {
  constexpr std::uint8_t kEmpty[] = {
      0x00, 0x43, 0x00, 0x44,  // ports 67 -> 68
      0x00, 0x08,              // length 8: header only
      0x00, 0x00,              // no checksum
  };
  auto d = UdpDatagram::parse(kEmpty, kSrc, kDst);
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d->payload.empty());
}

TEST(UdpDatagram, RejectsLengthBeyondTheIpPayload) {
  Bytes b = to_vec(kUdpNoChecksum);
  b[5] = 11;
  EXPECT_EQ(UdpDatagram::parse(b, kSrc, kDst).error(), UdpError::LengthExceedsPayload);
  b[4] = 0xff;
  b[5] = 0xff;
  EXPECT_EQ(UdpDatagram::parse(b, kSrc, kDst).error(), UdpError::LengthExceedsPayload);
}

TEST(UdpDatagram, IgnoresBytesAfterLength) {
  Bytes b = to_vec(kUdp);
  b.push_back(0x99);
  b.push_back(0x98);
  auto d = UdpDatagram::parse(b, kSrc, kDst);
  ASSERT_TRUE(d.ok()) << to_string(d.error());
  EXPECT_EQ(d->payload.size(), 7u);
}

TEST(UdpDatagram, RejectsEveryStrictPrefix) {
  for (std::span<const std::uint8_t> full : {std::span<const std::uint8_t>(kUdp),
                                             std::span<const std::uint8_t>(kUdpZeroSum),
                                             std::span<const std::uint8_t>(kUdpNoChecksum)}) {
    ASSERT_TRUE(UdpDatagram::parse(full, kSrc, kDst).ok());
    for (std::size_t len = 0; len < full.size(); ++len) {
      auto d = UdpDatagram::parse(full.first(len), kSrc, kDst);
      ASSERT_FALSE(d.ok()) << len;
      EXPECT_EQ(d.error(), len < 8 ? UdpError::Truncated : UdpError::LengthExceedsPayload) << len;
    }
  }
}

TEST(UdpDatagram, EmitWritesTheHandComputedChecksum) {
  UdpDatagram d;
  d.src_port = 67;
  d.dst_port = 68;
  d.payload = std::span<const std::uint8_t>(kUdp).subspan(8);
  Bytes out(d.wire_size());
  auto n = d.emit(out, kSrc, kDst);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n.value(), sizeof kUdp);
  EXPECT_EQ(out, to_vec(kUdp));
}

TEST(UdpDatagram, EmitSendsAComputedZeroAsAllOnes) {
  UdpDatagram d;
  d.src_port = 67;
  d.dst_port = 68;
  d.payload = std::span<const std::uint8_t>(kUdpZeroSum).subspan(8);
  Bytes out(d.wire_size());
  ASSERT_TRUE(d.emit(out, kSrc, kDst).ok());
  EXPECT_EQ(out[6], 0xff);
  EXPECT_EQ(out[7], 0xff);
  EXPECT_EQ(out, to_vec(kUdpZeroSum));
}

TEST(UdpDatagram, ParseOfEmitIsTheSameDatagram) {
  for (std::span<const std::uint8_t> wire : {std::span<const std::uint8_t>(kUdp),
                                             std::span<const std::uint8_t>(kUdpZeroSum),
                                             std::span<const std::uint8_t>(kUdpNoChecksum)}) {
    auto d = UdpDatagram::parse(wire, kSrc, kDst);
    ASSERT_TRUE(d.ok());
    Bytes out(d->wire_size());
    ASSERT_TRUE(d->emit(out, kSrc, kDst).ok());
    auto again = UdpDatagram::parse(out, kSrc, kDst);
    ASSERT_TRUE(again.ok()) << to_string(again.error());
    EXPECT_TRUE(again.value() == d.value());
  }
}

TEST(UdpDatagram, EqualityComparesPayloadContentsNotPointers) {
  const Bytes a = {9, 8, 7};
  const Bytes b = {9, 8, 7};
  UdpDatagram x;
  UdpDatagram y;
  x.payload = a;
  y.payload = b;
  EXPECT_TRUE(x == y);
  y.dst_port = 68;
  EXPECT_FALSE(x == y);
}

TEST(UdpDatagram, EmitIntoABufferOneByteShortFailsAndWritesNothing) {
  auto d = UdpDatagram::parse(kUdp, kSrc, kDst);
  ASSERT_TRUE(d.ok());
  std::array<std::uint8_t, sizeof kUdp + 4> buf{};
  buf.fill(0xee);
  auto n = d->emit(std::span<std::uint8_t>(buf).first(sizeof kUdp - 1), kSrc, kDst);
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.error(), BuildError::BufferTooSmall);
  for (auto b : buf) EXPECT_EQ(b, 0xee);
}

TEST(UdpDatagram, EmitRejectsAPayloadTheLengthFieldCannotHold) {
  Bytes big(kUdpMaxLength - 8 + 1);
  Bytes out(big.size() + 8);
  UdpDatagram d;
  d.payload = big;
  EXPECT_EQ(d.emit(out, kSrc, kDst).error(), BuildError::PayloadTooLarge);
  d.payload = std::span<const std::uint8_t>(big).first(kUdpMaxLength - 8);
  auto n = d.emit(out, kSrc, kDst);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(out[4], 0xff);  // length 65535
  EXPECT_EQ(out[5], 0xff);
}

}  // namespace
}  // namespace dhcpcore
