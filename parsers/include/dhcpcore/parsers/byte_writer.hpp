// byte_writer.hpp: the one builder into a caller-provided buffer.
//
// ByteWriter appends to a fixed buffer it never grows. The first write that
// does not fit sets a sticky error: that write and every later one write
// nothing, and ok() stays false, so a builder can emit a whole message and
// check once at the end.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace dhcpcore {

class ByteWriter {
 public:
  constexpr explicit ByteWriter(std::span<std::uint8_t> buffer) noexcept : buf_(buffer) {}

  // ok is false once any write did not fit.
  constexpr bool ok() const noexcept { return ok_; }
  // size returns the number of bytes written so far.
  constexpr std::size_t size() const noexcept { return used_; }
  constexpr std::size_t capacity() const noexcept { return buf_.size(); }
  // written returns the bytes written so far.
  constexpr std::span<std::uint8_t> written() const noexcept { return buf_.first(used_); }

  // reserve claims n bytes and returns them for the caller to fill (or patch
  // later, e.g. a checksum); nullopt and the sticky error when they do not fit.
  constexpr std::optional<std::span<std::uint8_t>> reserve(std::size_t n) noexcept {
    if (!ok_ || n > buf_.size() - used_) {
      ok_ = false;
      return std::nullopt;
    }
    auto out = buf_.subspan(used_, n);
    used_ += n;
    return out;
  }

  constexpr void put_u8(std::uint8_t v) noexcept {
    if (auto b = reserve(1)) (*b)[0] = v;
  }
  constexpr void put_u16(std::uint16_t v) noexcept {
    if (auto b = reserve(2)) {
      (*b)[0] = static_cast<std::uint8_t>(v >> 8);
      (*b)[1] = static_cast<std::uint8_t>(v);
    }
  }
  constexpr void put_u32(std::uint32_t v) noexcept {
    if (auto b = reserve(4)) {
      (*b)[0] = static_cast<std::uint8_t>(v >> 24);
      (*b)[1] = static_cast<std::uint8_t>(v >> 16);
      (*b)[2] = static_cast<std::uint8_t>(v >> 8);
      (*b)[3] = static_cast<std::uint8_t>(v);
    }
  }
  constexpr void put_bytes(std::span<const std::uint8_t> data) noexcept {
    // reserve() checked the room; std::copy over the two equal-sized spans
    // lets the compiler use memmove instead of a bounds-asserted byte loop.
    if (auto b = reserve(data.size())) std::copy(data.begin(), data.end(), b->begin());
  }
  constexpr void put_zeros(std::size_t n) noexcept {
    if (auto b = reserve(n)) std::fill(b->begin(), b->end(), std::uint8_t{0});
  }

 private:
  std::span<std::uint8_t> buf_;
  std::size_t used_ = 0;
  bool ok_ = true;
};

// store_u16 / store_u32: big-endian stores into fixed-extent spans.
constexpr void store_u16(std::span<std::uint8_t, 2> b, std::uint16_t v) noexcept {
  b[0] = static_cast<std::uint8_t>(v >> 8);
  b[1] = static_cast<std::uint8_t>(v);
}
constexpr void store_u32(std::span<std::uint8_t, 4> b, std::uint32_t v) noexcept {
  b[0] = static_cast<std::uint8_t>(v >> 24);
  b[1] = static_cast<std::uint8_t>(v >> 16);
  b[2] = static_cast<std::uint8_t>(v >> 8);
  b[3] = static_cast<std::uint8_t>(v);
}

}  // namespace dhcpcore
