// Tests for ByteWriter (byte_writer.hpp): big-endian writes, written()
// contents, and the sticky error: once a write does not fit, no later write
// writes anything, even one that would fit.
#include "dhcpcore/parsers/byte_writer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace dhcpcore {
namespace {

std::vector<std::uint8_t> to_vec(std::span<const std::uint8_t> s) { return {s.begin(), s.end()}; }

TEST(ByteWriter, WritesBigEndianIntegersAndBytesInOrder) {
  std::array<std::uint8_t, 16> buf{};
  ByteWriter w(buf);
  w.put_u8(0x01);
  w.put_u16(0x0203);
  w.put_u32(0x04050607);
  constexpr std::uint8_t kTail[] = {0x08, 0x09};
  w.put_bytes(kTail);
  w.put_zeros(3);
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w.size(), 12u);
  EXPECT_EQ(w.capacity(), 16u);
  EXPECT_EQ(to_vec(w.written()), (std::vector<std::uint8_t>{0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
                                                            0x08, 0x09, 0x00, 0x00, 0x00}));
  EXPECT_EQ(w.written().data(), buf.data());
}

TEST(ByteWriter, PutZerosOverwritesWithZeros) {
  std::array<std::uint8_t, 4> buf{0xaa, 0xaa, 0xaa, 0xaa};
  ByteWriter w(buf);
  w.put_zeros(4);
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(buf, (std::array<std::uint8_t, 4>{0, 0, 0, 0}));
}

TEST(ByteWriter, FillingExactlyToCapacityIsOk) {
  std::array<std::uint8_t, 4> buf{};
  ByteWriter w(buf);
  w.put_u32(0xdeadbeef);
  EXPECT_TRUE(w.ok());
  EXPECT_EQ(w.size(), 4u);
  w.put_bytes({});  // an empty write still fits
  EXPECT_TRUE(w.ok());
}

TEST(ByteWriter, ReserveHandsBackTheNextBytesToPatchLater) {
  std::array<std::uint8_t, 6> buf{};
  ByteWriter w(buf);
  auto slot = w.reserve(2);
  ASSERT_TRUE(slot.has_value());
  w.put_u16(0xbeef);
  store_u16(slot->first<2>(), 0xcafe);
  EXPECT_EQ(to_vec(w.written()), (std::vector<std::uint8_t>{0xca, 0xfe, 0xbe, 0xef}));
  auto none = w.reserve(0);
  ASSERT_TRUE(none.has_value());
  EXPECT_TRUE(none->empty());
}

// The sticky error, for every write kind as the overflowing write: it writes
// nothing, and a later write that would fit also writes nothing.
TEST(ByteWriter, OverflowIsStickyAndLaterWritesThatWouldFitWriteNothing) {
  enum Kind { U8, U16, U32, Bytes, Zeros, Reserve };
  for (Kind k : {U8, U16, U32, Bytes, Zeros, Reserve}) {
    std::array<std::uint8_t, 8> buf{};
    std::fill(buf.begin(), buf.end(), 0xee);
    // The writer sees only 3 of the 8 bytes; the rest is a guard.
    ByteWriter w(std::span<std::uint8_t>(buf).first(3));
    w.put_u16(0x0102);  // fits: 1 byte left
    ASSERT_TRUE(w.ok());
    constexpr std::uint8_t kTwo[] = {0xaa, 0xbb};
    switch (k) {
      case U8: w.put_u8(0x55); w.put_u8(0x66); break;  // the first fits, the second does not
      case U16: w.put_u16(0x5566); break;
      case U32: w.put_u32(0x55667788); break;
      case Bytes: w.put_bytes(kTwo); break;
      case Zeros: w.put_zeros(2); break;
      case Reserve: EXPECT_FALSE(w.reserve(2).has_value()); break;
    }
    EXPECT_FALSE(w.ok()) << k;
    const std::size_t size_after = w.size();
    EXPECT_EQ(size_after, k == U8 ? 3u : 2u) << k;
    // Would fit if the error were not sticky:
    w.put_u8(0x77);
    w.put_bytes({});
    EXPECT_FALSE(w.reserve(0).has_value()) << k;
    EXPECT_FALSE(w.ok()) << k;
    EXPECT_EQ(w.size(), size_after) << k;
    const std::array<std::uint8_t, 8> expect =
        k == U8 ? std::array<std::uint8_t, 8>{0x01, 0x02, 0x55, 0xee, 0xee, 0xee, 0xee, 0xee}
                : std::array<std::uint8_t, 8>{0x01, 0x02, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee};
    EXPECT_EQ(buf, expect) << k;
  }
}

TEST(ByteWriter, ZeroCapacityFailsOnTheFirstByte) {
  ByteWriter w(std::span<std::uint8_t>{});
  EXPECT_TRUE(w.ok());
  w.put_u8(1);
  EXPECT_FALSE(w.ok());
  EXPECT_EQ(w.size(), 0u);
  EXPECT_TRUE(w.written().empty());
}

TEST(LoadStore, StoresAreBigEndian) {
  std::array<std::uint8_t, 4> b{};
  store_u16(std::span<std::uint8_t, 4>(b).first<2>(), 0xabcd);
  EXPECT_EQ(b, (std::array<std::uint8_t, 4>{0xab, 0xcd, 0, 0}));
  store_u32(std::span<std::uint8_t, 4>(b), 0x01020304);
  EXPECT_EQ(b, (std::array<std::uint8_t, 4>{0x01, 0x02, 0x03, 0x04}));
}

}  // namespace
}  // namespace dhcpcore
