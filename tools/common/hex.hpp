// hex.hpp: hex text to bytes, for --hex inputs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dhcpcore::tools {

// parse_hex reads pairs of hex digits, ignoring spaces, tabs and ':'
// separators between bytes. On failure it returns nullopt and sets *why to a
// message naming the offending column.
std::optional<std::vector<std::uint8_t>> parse_hex(std::string_view text, std::string* why);

}  // namespace dhcpcore::tools
