// Tests for EthernetFrame (ethernet.hpp): Ethernet II with 0, 1 and 2 VLAN
// tags (IEEE 802.1Q, 802.1ad), the errors, emit and the round trip.
#include "dhcpcore/parsers/ethernet.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "dhcpcore/test_support/builders.hpp"

namespace dhcpcore {
namespace {

using Bytes = std::vector<std::uint8_t>;
Bytes to_vec(std::span<const std::uint8_t> s) { return {s.begin(), s.end()}; }

using gen::kClientMac;  // RFC 7042 documentation MACs
using gen::kServerMac;

constexpr std::uint8_t kUntagged[] = {
    0x00, 0x00, 0x5e, 0x00, 0x53, 0x01,  // dst 00:00:5e:00:53:01
    0x00, 0x00, 0x5e, 0x00, 0x53, 0x02,  // src 00:00:5e:00:53:02
    0x08, 0x00,                          // ethertype IPv4
    0x45, 0x00, 0x00,                    // payload (3 bytes, not parsed here)
};

constexpr std::uint8_t kDot1Q[] = {
    0x00, 0x00, 0x5e, 0x00, 0x53, 0x01,  // dst
    0x00, 0x00, 0x5e, 0x00, 0x53, 0x02,  // src
    0x81, 0x00,                          // TPID 802.1Q
    0xa0, 0x64,                          // TCI: PCP 5, DEI 0, VID 100
    0x08, 0x00,                          // ethertype IPv4
    0xaa, 0xbb,                          // payload
};

constexpr std::uint8_t kQinQ[] = {
    0x00, 0x00, 0x5e, 0x00, 0x53, 0x01,  // dst
    0x00, 0x00, 0x5e, 0x00, 0x53, 0x02,  // src
    0x88, 0xa8,                          // TPID 802.1ad (S-tag, outer)
    0x10, 0x0a,                          // TCI: PCP 0, DEI 1, VID 10
    0x81, 0x00,                          // TPID 802.1Q (C-tag, inner)
    0x00, 0xc8,                          // TCI: VID 200
    0x08, 0x00,                          // ethertype IPv4
    0xcc,                                // payload
};

constexpr std::uint8_t kDot1QThenDot1ad[] = {
    0x00, 0x00, 0x5e, 0x00, 0x53, 0x01,  // dst
    0x00, 0x00, 0x5e, 0x00, 0x53, 0x02,  // src
    0x81, 0x00, 0x00, 0x01,              // 802.1Q, VID 1
    0x88, 0xa8, 0x00, 0x02,              // 802.1ad, VID 2 (unusual order, accepted)
    0x86, 0xdd,                          // ethertype IPv6
};

constexpr std::uint8_t kThreeTags[] = {
    0x00, 0x00, 0x5e, 0x00, 0x53, 0x01,  // dst
    0x00, 0x00, 0x5e, 0x00, 0x53, 0x02,  // src
    0x88, 0xa8, 0x00, 0x01,              // 802.1ad, VID 1
    0x81, 0x00, 0x00, 0x02,              // 802.1Q, VID 2
    0x81, 0x00, 0x00, 0x03,              // 802.1Q, VID 3: one too many
    0x08, 0x00,                          // ethertype IPv4
};

TEST(EthernetError, ToStringNamesEveryValue) {
  EXPECT_STREQ(to_string(EthernetError::None), "None");
  EXPECT_STREQ(to_string(EthernetError::Truncated), "Truncated");
  EXPECT_STREQ(to_string(EthernetError::TruncatedVlanTag), "TruncatedVlanTag");
  EXPECT_STREQ(to_string(EthernetError::TooManyVlanTags), "TooManyVlanTags");
  EXPECT_STREQ(to_string(EthernetError::NotIpv4), "NotIpv4");
  EXPECT_STREQ(to_string(static_cast<EthernetError>(200)), "Unknown");
}

TEST(EthernetFrame, ParsesAnUntaggedFrame) {
  auto f = EthernetFrame::parse(kUntagged);
  ASSERT_TRUE(f.ok()) << to_string(f.error());
  EXPECT_EQ(f->dst, kClientMac);
  EXPECT_EQ(f->src, kServerMac);
  EXPECT_TRUE(f->vlans.empty());
  EXPECT_EQ(f->ethertype, 0x0800);
  EXPECT_EQ(f->payload.data(), kUntagged + 14);  // a view, not a copy
  EXPECT_EQ(to_vec(f->payload), (Bytes{0x45, 0x00, 0x00}));
  EXPECT_EQ(f->header_size(), 14u);
  EXPECT_EQ(f->wire_size(), sizeof kUntagged);
}

TEST(EthernetFrame, ParsesOneDot1QTag) {
  auto f = EthernetFrame::parse(kDot1Q);
  ASSERT_TRUE(f.ok()) << to_string(f.error());
  ASSERT_EQ(f->vlans.size(), 1u);
  const VlanTag t = f->vlans.tags()[0];
  EXPECT_EQ(t.tpid, 0x8100);
  EXPECT_EQ(t.tci, 0xa064);
  EXPECT_EQ(t.vlan_id(), 100);
  EXPECT_EQ(t.priority(), 5);
  EXPECT_FALSE(t.drop_eligible());
  EXPECT_EQ(f->ethertype, 0x0800);
  EXPECT_EQ(to_vec(f->payload), (Bytes{0xaa, 0xbb}));
  EXPECT_EQ(f->header_size(), 18u);
}

TEST(EthernetFrame, ParsesQinQWithTheServiceTagOutermost) {
  auto f = EthernetFrame::parse(kQinQ);
  ASSERT_TRUE(f.ok()) << to_string(f.error());
  ASSERT_EQ(f->vlans.size(), 2u);
  EXPECT_EQ(f->vlans.tags()[0], (VlanTag{0x88a8, 0x100a}));
  EXPECT_EQ(f->vlans.tags()[0].vlan_id(), 10);
  EXPECT_TRUE(f->vlans.tags()[0].drop_eligible());
  EXPECT_EQ(f->vlans.tags()[1], (VlanTag{0x8100, 0x00c8}));
  EXPECT_EQ(f->ethertype, 0x0800);
  EXPECT_EQ(to_vec(f->payload), (Bytes{0xcc}));
  EXPECT_EQ(f->header_size(), 22u);
}

TEST(EthernetFrame, AcceptsTheTwoTpidsInEitherOrder) {
  auto f = EthernetFrame::parse(kDot1QThenDot1ad);
  ASSERT_TRUE(f.ok()) << to_string(f.error());
  ASSERT_EQ(f->vlans.size(), 2u);
  EXPECT_EQ(f->vlans.tags()[0].tpid, 0x8100);
  EXPECT_EQ(f->vlans.tags()[1].tpid, 0x88a8);
  EXPECT_EQ(f->ethertype, 0x86dd);
  EXPECT_TRUE(f->payload.empty());
}

TEST(EthernetFrame, RejectsAThirdVlanTag) {
  auto f = EthernetFrame::parse(kThreeTags);
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.error(), EthernetError::TooManyVlanTags);
  // Decided on the third TPID alone, before its TCI is needed.
  auto cut = EthernetFrame::parse(std::span<const std::uint8_t>(kThreeTags).first(22));
  EXPECT_EQ(cut.error(), EthernetError::TooManyVlanTags);
}

TEST(EthernetFrame, TreatsOtherTpidsAsTheEthertype) {
  constexpr std::uint8_t kLegacyQinQ[] = {
      0x00, 0x00, 0x5e, 0x00, 0x53, 0x01,  // dst
      0x00, 0x00, 0x5e, 0x00, 0x53, 0x02,  // src
      0x91, 0x00,                          // 0x9100: pre-standard QinQ, not a tag here
      0x00, 0x05,                          // payload
  };
  auto f = EthernetFrame::parse(kLegacyQinQ);
  ASSERT_TRUE(f.ok());
  EXPECT_TRUE(f->vlans.empty());
  EXPECT_EQ(f->ethertype, 0x9100);
  EXPECT_EQ(f->payload.size(), 2u);
}

TEST(EthernetFrame, RejectsAFrameShorterThanTheHeader) {
  EXPECT_EQ(EthernetFrame::parse({}).error(), EthernetError::Truncated);
  EXPECT_EQ(EthernetFrame::parse(std::span<const std::uint8_t>(kUntagged).first(13)).error(),
            EthernetError::Truncated);
}

TEST(EthernetFrame, RejectsATagCutShort) {
  // TPID present, TCI and next type missing or partial.
  for (std::size_t len : {14u, 15u, 16u, 17u}) {
    auto f = EthernetFrame::parse(std::span<const std::uint8_t>(kDot1Q).first(len));
    EXPECT_EQ(f.error(), EthernetError::TruncatedVlanTag) << len;
  }
  // The second tag cut short.
  auto f = EthernetFrame::parse(std::span<const std::uint8_t>(kQinQ).first(21));
  EXPECT_EQ(f.error(), EthernetError::TruncatedVlanTag);
}

TEST(EthernetFrame, HeaderOnlyFrameHasAnEmptyPayload) {
  auto f = EthernetFrame::parse(std::span<const std::uint8_t>(kUntagged).first(14));
  ASSERT_TRUE(f.ok());
  EXPECT_TRUE(f->payload.empty());
}

// Prefix sweep. Ethernet has no length field, so a prefix that keeps the
// whole header parses to the same header with the payload cut to the prefix
// (documented); a shorter prefix is an error. Never anything else.
TEST(EthernetFrame, EveryStrictPrefixIsRejectedOrParsesAsAShorterPayload) {
  for (std::span<const std::uint8_t> full :
       {std::span<const std::uint8_t>(kUntagged), std::span<const std::uint8_t>(kDot1Q),
        std::span<const std::uint8_t>(kQinQ), std::span<const std::uint8_t>(kDot1QThenDot1ad)}) {
    auto whole = EthernetFrame::parse(full);
    ASSERT_TRUE(whole.ok());
    for (std::size_t len = 0; len < full.size(); ++len) {
      auto p = EthernetFrame::parse(full.first(len));
      if (len < whole->header_size()) {
        EXPECT_FALSE(p.ok()) << len;
        EXPECT_TRUE(p.error() == EthernetError::Truncated || p.error() == EthernetError::TruncatedVlanTag)
            << len << " " << to_string(p.error());
      } else {
        ASSERT_TRUE(p.ok()) << len;
        EXPECT_EQ(p->vlans, whole->vlans);
        EXPECT_EQ(p->ethertype, whole->ethertype);
        EXPECT_EQ(p->payload.size(), len - whole->header_size());
      }
    }
  }
}

TEST(EthernetFrame, EmitWritesTheHeaderByteForByte) {
  EthernetFrame f;
  f.dst = kClientMac;
  f.src = kServerMac;
  ASSERT_TRUE(f.vlans.push({kTpid8021ad, 0x100a}));
  ASSERT_TRUE(f.vlans.push({kTpid8021Q, 0x00c8}));
  f.ethertype = kEtherTypeIpv4;
  constexpr std::uint8_t kPayload[] = {0xcc};
  f.payload = kPayload;
  std::array<std::uint8_t, sizeof kQinQ> out{};
  auto n = f.emit(out);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n.value(), sizeof kQinQ);
  EXPECT_EQ(to_vec(out), to_vec(kQinQ));
}

TEST(EthernetFrame, ParseOfEmitIsTheSameFrame) {
  for (std::span<const std::uint8_t> wire :
       {std::span<const std::uint8_t>(kUntagged), std::span<const std::uint8_t>(kDot1Q),
        std::span<const std::uint8_t>(kQinQ), std::span<const std::uint8_t>(kDot1QThenDot1ad)}) {
    auto f = EthernetFrame::parse(wire);
    ASSERT_TRUE(f.ok());
    Bytes out(f->wire_size());
    auto n = f->emit(out);
    ASSERT_TRUE(n.ok());
    EXPECT_EQ(out, to_vec(wire));  // these fixtures are canonical
    auto again = EthernetFrame::parse(out);
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again.value() == f.value());
  }
}

TEST(EthernetFrame, EqualityComparesPayloadContentsNotPointers) {
  constexpr std::uint8_t kA[] = {1, 2, 3};
  const Bytes b = {1, 2, 3};
  EthernetFrame x;
  EthernetFrame y;
  x.payload = kA;
  y.payload = b;
  EXPECT_TRUE(x == y);
  const Bytes c = {1, 2, 4};
  y.payload = c;
  EXPECT_FALSE(x == y);
  y.payload = kA;
  ASSERT_TRUE(y.vlans.push({}));
  EXPECT_FALSE(x == y);
}

TEST(EthernetFrame, EmitIntoABufferOneByteShortFailsAndWritesNothing) {
  auto f = EthernetFrame::parse(kQinQ);
  ASSERT_TRUE(f.ok());
  std::array<std::uint8_t, sizeof kQinQ + 4> buf{};
  buf.fill(0xee);
  auto n = f->emit(std::span<std::uint8_t>(buf).first(sizeof kQinQ - 1));
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.error(), BuildError::BufferTooSmall);
  for (auto b : buf) EXPECT_EQ(b, 0xee);

  auto h = f->emit_header(std::span<std::uint8_t>(buf).first(f->header_size() - 1));
  EXPECT_EQ(h.error(), BuildError::BufferTooSmall);
  for (auto b : buf) EXPECT_EQ(b, 0xee);
}

TEST(EthernetFrame, EmitHeaderWritesOnlyTheHeader) {
  auto f = EthernetFrame::parse(kDot1Q);
  ASSERT_TRUE(f.ok());
  std::array<std::uint8_t, 20> buf{};
  buf.fill(0xee);
  auto n = f->emit_header(buf);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n.value(), 18u);
  EXPECT_EQ(to_vec(std::span<const std::uint8_t>(buf).first(18)),
            to_vec(std::span<const std::uint8_t>(kDot1Q).first(18)));
  EXPECT_EQ(buf[18], 0xee);
  EXPECT_EQ(buf[19], 0xee);
}

TEST(VlanStack, HoldsAtMostTwoTags) {
  VlanStack s;
  EXPECT_TRUE(s.push({kTpid8021ad, 1}));
  EXPECT_TRUE(s.push({kTpid8021Q, 2}));
  EXPECT_FALSE(s.push({kTpid8021Q, 3}));
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s.tags()[1].tci, 2);
  VlanStack t;
  EXPECT_FALSE(s == t);
  ASSERT_TRUE(t.push({kTpid8021ad, 1}));
  ASSERT_TRUE(t.push({kTpid8021Q, 2}));
  EXPECT_TRUE(s == t);
}

TEST(VlanTag, SplitsTheTciIntoPriorityDropEligibleAndVid) {
  constexpr VlanTag t{kTpid8021Q, 0xffff};
  EXPECT_EQ(t.priority(), 7);
  EXPECT_TRUE(t.drop_eligible());
  EXPECT_EQ(t.vlan_id(), 0x0fff);
  EXPECT_TRUE(is_vlan_tpid(0x8100));
  EXPECT_TRUE(is_vlan_tpid(0x88a8));
  EXPECT_FALSE(is_vlan_tpid(0x9100));
  EXPECT_FALSE(is_vlan_tpid(0x0800));
}

}  // namespace
}  // namespace dhcpcore
