// Tests for ByteReader (byte_reader.hpp): reads advance exactly, a failed read
// leaves the reader exactly as it was, integers are big-endian.
#include "dhcpcore/parsers/byte_reader.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace dhcpcore {
namespace {

constexpr std::uint8_t kBytes[] = {
    0x12, 0x34, 0x56, 0x78,  // a u32 0x12345678, or u16s 0x1234 0x5678
    0x9a, 0xbc,              // a u16 0x9abc
    0x02,                    // a length byte 2 ...
    0xde, 0xad,              // ... and its 2 bytes
};

// Snapshot: what a reader exposes; two equal snapshots mean an unchanged
// reader (same remaining count and the very same bytes of the same buffer).
struct Snapshot {
  std::size_t remaining;
  const std::uint8_t* data;
  std::size_t size;
  bool operator==(const Snapshot&) const = default;
};
Snapshot snap(const ByteReader& r) { return {r.remaining(), r.rest().data(), r.rest().size()}; }

TEST(ByteReader, StartsWithEverythingRemaining) {
  ByteReader r(kBytes);
  EXPECT_EQ(r.remaining(), sizeof kBytes);
  EXPECT_FALSE(r.empty());
  EXPECT_EQ(r.rest().data(), kBytes);
  ByteReader empty;
  EXPECT_TRUE(empty.empty());
  EXPECT_EQ(empty.remaining(), 0u);
}

TEST(ByteReader, TakeReturnsASubSpanOfTheSameBufferAndAdvancesExactly) {
  ByteReader r(kBytes);
  auto a = r.take(3);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->data(), kBytes);
  EXPECT_EQ(a->size(), 3u);
  EXPECT_EQ(r.remaining(), sizeof kBytes - 3);
  EXPECT_EQ(r.rest().data(), kBytes + 3);
  auto zero = r.take(0);
  ASSERT_TRUE(zero.has_value());
  EXPECT_TRUE(zero->empty());
  EXPECT_EQ(r.remaining(), sizeof kBytes - 3);
  auto all = r.take(r.remaining());
  ASSERT_TRUE(all.has_value());
  EXPECT_EQ(all->size(), sizeof kBytes - 3);
  EXPECT_TRUE(r.empty());
}

TEST(ByteReader, ReadsBigEndianIntegers) {
  ByteReader r(kBytes);
  std::uint32_t u32 = 0;
  ASSERT_TRUE(r.read_u32(u32));
  EXPECT_EQ(u32, 0x12345678u);
  std::uint16_t u16 = 0;
  ASSERT_TRUE(r.read_u16(u16));
  EXPECT_EQ(u16, 0x9abc);
  std::uint8_t u8 = 0;
  ASSERT_TRUE(r.read_u8(u8));
  EXPECT_EQ(u8, 0x02);
  EXPECT_EQ(r.remaining(), 2u);
  EXPECT_EQ(r.rest().data(), kBytes + 7);
}

TEST(ByteReader, ReadBytesCopiesIntoAFixedDestination) {
  ByteReader r(kBytes);
  std::array<std::uint8_t, 3> out{};
  ASSERT_TRUE(r.read_bytes(std::span<std::uint8_t, 3>(out)));
  EXPECT_EQ(out, (std::array<std::uint8_t, 3>{0x12, 0x34, 0x56}));
  EXPECT_EQ(r.remaining(), sizeof kBytes - 3);
}

TEST(ByteReader, ReadSubHandsBackAReaderOverTheNextBytes) {
  ByteReader r(kBytes);
  ByteReader sub;
  ASSERT_TRUE(r.read_sub(4, sub));
  EXPECT_EQ(sub.remaining(), 4u);
  EXPECT_EQ(sub.rest().data(), kBytes);
  EXPECT_EQ(r.rest().data(), kBytes + 4);
}

TEST(ByteReader, ReadU8LengthPrefixedConsumesTheLengthAndItsBytes) {
  ByteReader r(std::span<const std::uint8_t>(kBytes).subspan(6));  // 02 de ad
  ByteReader sub;
  ASSERT_TRUE(r.read_u8_length_prefixed(sub));
  ASSERT_EQ(sub.remaining(), 2u);
  EXPECT_EQ(sub.rest()[0], 0xde);
  EXPECT_EQ(sub.rest()[1], 0xad);
  EXPECT_TRUE(r.empty());
}

TEST(ByteReader, SkipAdvancesExactly) {
  ByteReader r(kBytes);
  ASSERT_TRUE(r.skip(5));
  EXPECT_EQ(r.rest().data(), kBytes + 5);
  EXPECT_EQ(r.remaining(), sizeof kBytes - 5);
}

// Every read kind, on every buffer length from 0 to 5 bytes: a read either
// succeeds and consumes exactly its size, or fails and changes nothing (the
// remaining count, the rest span and the output argument).
struct ReadKind {
  std::string name;
  std::size_t size;  // bytes a successful read consumes
  std::function<bool(ByteReader&)> read;  // performs the read; true on success
};

std::vector<ReadKind> read_kinds() {
  return {
      {"take(3)", 3, [](ByteReader& r) { return r.take(3).has_value(); }},
      {"skip(4)", 4, [](ByteReader& r) { return r.skip(4); }},
      {"read_u8", 1,
       [](ByteReader& r) {
         std::uint8_t v = 0xee;
         const bool ok = r.read_u8(v);
         if (!ok) {
           EXPECT_EQ(v, 0xee) << "output touched on failure";
         }
         return ok;
       }},
      {"read_u16", 2,
       [](ByteReader& r) {
         std::uint16_t v = 0xeeee;
         const bool ok = r.read_u16(v);
         if (!ok) {
           EXPECT_EQ(v, 0xeeee) << "output touched on failure";
         }
         return ok;
       }},
      {"read_u32", 4,
       [](ByteReader& r) {
         std::uint32_t v = 0xeeeeeeee;
         const bool ok = r.read_u32(v);
         if (!ok) {
           EXPECT_EQ(v, 0xeeeeeeeeu) << "output touched on failure";
         }
         return ok;
       }},
      {"read_bytes<3>", 3,
       [](ByteReader& r) {
         std::array<std::uint8_t, 3> out{0xee, 0xee, 0xee};
         const bool ok = r.read_bytes(std::span<std::uint8_t, 3>(out));
         if (!ok) {
           EXPECT_EQ(out, (std::array<std::uint8_t, 3>{0xee, 0xee, 0xee}));
         }
         return ok;
       }},
      {"read_sub(2)", 2,
       [](ByteReader& r) {
         ByteReader sub;
         return r.read_sub(2, sub);
       }},
  };
}

TEST(ByteReader, EveryReadKindAdvancesExactlyOrLeavesTheReaderUnchanged) {
  for (const auto& kind : read_kinds()) {
    for (std::size_t len = 0; len <= 5; ++len) {
      ByteReader r(std::span<const std::uint8_t>(kBytes).first(len));
      const Snapshot before = snap(r);
      const bool ok = kind.read(r);
      EXPECT_EQ(ok, len >= kind.size) << kind.name << " len " << len;
      if (ok) {
        EXPECT_EQ(r.remaining(), len - kind.size) << kind.name << " len " << len;
        EXPECT_EQ(r.rest().data(), kBytes + kind.size) << kind.name << " len " << len;
      } else {
        EXPECT_EQ(snap(r), before) << kind.name << " len " << len;
      }
    }
  }
}

TEST(ByteReader, FailedLengthPrefixedReadConsumesNothing) {
  constexpr std::uint8_t kShort[] = {
      0x03,        // length 3 ...
      0xaa, 0xbb,  // ... but only 2 bytes follow
  };
  ByteReader r(kShort);
  const Snapshot before = snap(r);
  ByteReader sub(kBytes);
  const Snapshot sub_before = snap(sub);
  EXPECT_FALSE(r.read_u8_length_prefixed(sub));
  EXPECT_EQ(snap(r), before);
  EXPECT_EQ(snap(sub), sub_before);

  ByteReader empty;
  EXPECT_FALSE(empty.read_u8_length_prefixed(sub));  // no length byte at all
  EXPECT_EQ(empty.remaining(), 0u);
}

TEST(ByteReader, ZeroLengthPrefixGivesAnEmptySubReader) {
  constexpr std::uint8_t kZero[] = {0x00 /* length 0 */, 0x55 /* next field */};
  ByteReader r(kZero);
  ByteReader sub(kBytes);
  ASSERT_TRUE(r.read_u8_length_prefixed(sub));
  EXPECT_TRUE(sub.empty());
  EXPECT_EQ(r.remaining(), 1u);
}

TEST(ByteReader, AFailedReadDoesNotPreventALaterSmallerOne) {
  ByteReader r(std::span<const std::uint8_t>(kBytes).first(3));
  std::uint32_t u32 = 0;
  EXPECT_FALSE(r.read_u32(u32));
  std::uint16_t u16 = 0;
  ASSERT_TRUE(r.read_u16(u16));
  EXPECT_EQ(u16, 0x1234);
}

TEST(LoadStore, LoadsAreBigEndian) {
  constexpr std::uint8_t k2[] = {0xab, 0xcd};
  constexpr std::uint8_t k4[] = {0x01, 0x02, 0x03, 0x04};
  EXPECT_EQ(load_u16(std::span<const std::uint8_t, 2>(k2)), 0xabcd);
  EXPECT_EQ(load_u32(std::span<const std::uint8_t, 4>(k4)), 0x01020304u);
  static_assert(load_u16(std::span<const std::uint8_t, 2>(k2)) == 0xabcd);
}

}  // namespace
}  // namespace dhcpcore
