// result.hpp: a value-or-error return type for code that throws nothing.
//
// Result<T, E> holds either a T or an E (an error enum). It is deliberately
// small: no exceptions, no heap, and both alternatives are stored side by
// side so T must be default-constructible (views and integers are).
// Reading the value of an error result (value(), * or ->) is a bug in the
// caller: it traps (__builtin_trap) in every build, release included, so
// that it can never pass silently with a default T. Check ok() first.
//
// The naming convention of every enum's to_string in dhcpcore (parsers, core
// and the runtime alike): it returns the enumerator's name exactly as spelled
// in the code ("BadChecksum", "Discovering", "NotAcceptable"), and "Unknown"
// for a value outside the enum; never null. The tools print these names
// as they are (dhcp4c --json-events, dhcp-inspect, dhcp-replay).
#pragma once

#include <utility>

namespace dhcpcore {

template <class E>
struct Err {
  E error;
};

template <class E>
constexpr Err<E> make_error(E e) noexcept {
  return Err<E>{e};
}

template <class T, class E>
class [[nodiscard]] Result {
 public:
  // Two overloads rather than one by-value parameter: a by-value parameter
  // costs a second copy of T, which for a DhcpMessage (~2.6 KiB) or a
  // NormalizedLease (~6 KiB) is most of a parse.
  constexpr Result(const T& value) noexcept : value_(value) {}  // NOLINT: implicit by design
  constexpr Result(T&& value) noexcept : value_(std::move(value)) {}  // NOLINT: implicit by design
  constexpr Result(Err<E> err) noexcept : error_(err.error), ok_(false) {}  // NOLINT

  constexpr bool ok() const noexcept { return ok_; }
  constexpr explicit operator bool() const noexcept { return ok_; }
  // value: the parsed value; traps when !ok().
  constexpr const T& value() const& noexcept {
    check();
    return value_;
  }
  constexpr T& value() & noexcept {
    check();
    return value_;
  }
  constexpr T&& value() && noexcept {
    check();
    return std::move(value_);
  }
  constexpr const T* operator->() const noexcept { return &value(); }
  constexpr const T& operator*() const& noexcept { return value(); }
  // error: the error; meaningless when ok().
  constexpr E error() const noexcept { return error_; }

 private:
  constexpr void check() const noexcept {
    if (!ok_) __builtin_trap();
  }

  T value_{};
  E error_{};
  bool ok_ = true;
};

}  // namespace dhcpcore
