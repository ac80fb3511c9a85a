// build_error.hpp: the one error enum every builder (emit) returns.
#pragma once

#include <cstdint>

namespace dhcpcore {

enum class BuildError : std::uint8_t {
  None = 0,
  BufferTooSmall,   // the output span cannot hold the message
  OptionTooLong,    // option data longer than kMaxOptionLength
  BadOptionCode,    // PAD (0) or END (255) given as an option with data
  PayloadTooLarge,  // a length field cannot represent the payload
};

constexpr const char* to_string(BuildError e) noexcept {
  switch (e) {
    case BuildError::None: return "None";
    case BuildError::BufferTooSmall: return "BufferTooSmall";
    case BuildError::OptionTooLong: return "OptionTooLong";
    case BuildError::BadOptionCode: return "BadOptionCode";
    case BuildError::PayloadTooLarge: return "PayloadTooLarge";
  }
  return "Unknown";
}

}  // namespace dhcpcore
