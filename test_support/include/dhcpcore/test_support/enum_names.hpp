// enum_names.hpp: the to_string convention (parsers/result.hpp) as one check
// every library's convention test asserts: enumerator i is named names[i],
// and the value just past the last, and 0xff, are "Unknown". No test
// framework: names_mismatch returns "" when the names hold, else the first
// mismatch, for EXPECT_EQ(..., "").
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

namespace dhcpcore::gen {

template <class E>
std::string names_mismatch(std::initializer_list<std::string_view> names) {
  auto mismatch = [](std::size_t value, std::string_view got, std::string_view want) {
    return "value " + std::to_string(value) + " is \"" + std::string(got) + "\", not \"" + std::string(want) + "\"";
  };
  std::size_t i = 0;
  for (const std::string_view want : names) {
    const std::string_view got = to_string(static_cast<E>(i));  // found by ADL in E's namespace
    if (got != want) return mismatch(i, got, want);
    ++i;
  }
  for (const std::size_t outside : {names.size(), std::size_t{0xff}}) {
    const std::string_view got = to_string(static_cast<E>(outside));
    if (got != "Unknown") return mismatch(outside, got, "Unknown");
  }
  return "";
}

}  // namespace dhcpcore::gen
