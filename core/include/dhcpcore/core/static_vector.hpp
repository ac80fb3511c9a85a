// static_vector.hpp: a fixed-capacity sequence for the no-heap paths.
//
// StaticVector<T, N> stores up to N elements inline. push_back past capacity
// stores nothing and returns false; callers that can overflow count what they
// could not keep (see RouteSet::overflow, DnsServers::overflow).
#pragma once

#include <array>
#include <cstddef>
#include <span>

namespace dhcpcore {

template <class T, std::size_t N>
class StaticVector {
 public:
  static constexpr std::size_t kCapacity = N;

  constexpr std::size_t size() const noexcept { return size_; }
  constexpr bool empty() const noexcept { return size_ == 0; }
  constexpr bool full() const noexcept { return size_ == N; }
  static constexpr std::size_t capacity() noexcept { return N; }

  // push_back appends v; false (nothing stored) when full.
  [[nodiscard]] constexpr bool push_back(const T& v) noexcept {
    if (size_ == N) return false;
    items_[size_++] = v;
    return true;
  }
  constexpr void clear() noexcept { size_ = 0; }

  // operator[] is unchecked in release builds like std::array (checked under
  // _GLIBCXX_ASSERTIONS); at() on a StaticVector is not offered.
  constexpr const T& operator[](std::size_t i) const noexcept { return items_[i]; }
  constexpr T& operator[](std::size_t i) noexcept { return items_[i]; }
  constexpr const T* begin() const noexcept { return items_.data(); }
  constexpr const T* end() const noexcept { return items_.data() + size_; }
  constexpr T* begin() noexcept { return items_.data(); }
  constexpr T* end() noexcept { return items_.data() + size_; }
  constexpr std::span<const T> span() const noexcept { return {items_.data(), size_}; }

  friend constexpr bool operator==(const StaticVector& a, const StaticVector& b) noexcept {
    if (a.size_ != b.size_) return false;
    for (std::size_t i = 0; i < a.size_; ++i) {
      if (!(a.items_[i] == b.items_[i])) return false;
    }
    return true;
  }

 private:
  std::array<T, N> items_{};
  std::size_t size_ = 0;
};

}  // namespace dhcpcore
