// byte_reader.hpp: the one cursor over untrusted bytes.
//
// Every read of packet data in dhcpcore goes through ByteReader. There is one
// bounds check, in take(); every other read is built on it. A read either
// succeeds and advances the cursor, or fails and leaves the cursor exactly as
// it was (tested as a property). Reads that hand back bytes return sub-spans of
// the same buffer, never copies.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace dhcpcore {

class ByteReader {
 public:
  constexpr ByteReader() noexcept = default;
  constexpr explicit ByteReader(std::span<const std::uint8_t> data) noexcept : data_(data) {}

  // remaining returns the number of unread bytes.
  constexpr std::size_t remaining() const noexcept { return data_.size(); }
  constexpr bool empty() const noexcept { return data_.empty(); }
  // rest returns the unread bytes without consuming them.
  constexpr std::span<const std::uint8_t> rest() const noexcept { return data_; }

  // take consumes n bytes and returns them as a sub-span, or returns nullopt
  // and consumes nothing when fewer than n bytes remain. This is the only
  // bounds check in the reader.
  constexpr std::optional<std::span<const std::uint8_t>> take(std::size_t n) noexcept {
    if (n > data_.size()) return std::nullopt;
    auto head = data_.first(n);
    data_ = data_.subspan(n);
    return head;
  }

  // skip consumes n bytes; false (and nothing consumed) when fewer remain.
  [[nodiscard]] constexpr bool skip(std::size_t n) noexcept { return take(n).has_value(); }

  // read_u8 / read_u16 / read_u32 read big-endian (network order) integers;
  // false (out untouched, nothing consumed) when too few bytes remain.
  [[nodiscard]] constexpr bool read_u8(std::uint8_t& out) noexcept {
    auto b = take(1);
    if (!b) return false;
    out = (*b)[0];
    return true;
  }
  [[nodiscard]] constexpr bool read_u16(std::uint16_t& out) noexcept {
    auto b = take(2);
    if (!b) return false;
    out = static_cast<std::uint16_t>(((*b)[0] << 8) | (*b)[1]);
    return true;
  }
  [[nodiscard]] constexpr bool read_u32(std::uint32_t& out) noexcept {
    auto b = take(4);
    if (!b) return false;
    out = (std::uint32_t{(*b)[0]} << 24) | (std::uint32_t{(*b)[1]} << 16) |
          (std::uint32_t{(*b)[2]} << 8) | std::uint32_t{(*b)[3]};
    return true;
  }

  // read_bytes copies exactly out.size() bytes into a fixed-size destination
  // (the size is the destination's, never computed from the input).
  template <std::size_t N>
  [[nodiscard]] constexpr bool read_bytes(std::span<std::uint8_t, N> out) noexcept {
    auto b = take(out.size());
    if (!b) return false;
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = (*b)[i];
    return true;
  }

  // read_sub consumes n bytes and returns a reader over them.
  [[nodiscard]] constexpr bool read_sub(std::size_t n, ByteReader& out) noexcept {
    auto b = take(n);
    if (!b) return false;
    out = ByteReader(*b);
    return true;
  }

  // read_u8_length_prefixed reads a one-byte length L and then L bytes,
  // returning a reader over them. On failure (length byte missing, or fewer
  // than L bytes after it) nothing is consumed.
  [[nodiscard]] constexpr bool read_u8_length_prefixed(ByteReader& out) noexcept {
    ByteReader copy = *this;
    std::uint8_t len = 0;
    if (!copy.read_u8(len)) return false;
    if (!copy.read_sub(len, out)) return false;
    *this = copy;
    return true;
  }

 private:
  std::span<const std::uint8_t> data_{};
};

// load_u16 / load_u32 / load_u64: big-endian loads from a span whose size the caller has
// already checked (fixed-extent spans make that a compile-time fact).
constexpr std::uint16_t load_u16(std::span<const std::uint8_t, 2> b) noexcept {
  return static_cast<std::uint16_t>((b[0] << 8) | b[1]);
}
constexpr std::uint32_t load_u32(std::span<const std::uint8_t, 4> b) noexcept {
  return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) |
         std::uint32_t{b[3]};
}
constexpr std::uint64_t load_u64(std::span<const std::uint8_t, 8> b) noexcept {
  return (std::uint64_t{load_u32(b.first<4>())} << 32) | load_u32(b.last<4>());
}

}  // namespace dhcpcore
