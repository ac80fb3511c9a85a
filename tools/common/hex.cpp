#include "hex.hpp"

namespace dhcpcore::tools {

namespace {
int nibble(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::optional<std::vector<std::uint8_t>> parse_hex(std::string_view text, std::string* why) {
  std::vector<std::uint8_t> out;
  int high = -1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == ':' || c == '\r') {
      if (high >= 0) {
        if (why) *why = "odd number of hex digits before column " + std::to_string(i + 1);
        return std::nullopt;
      }
      continue;
    }
    const int v = nibble(c);
    if (v < 0) {
      if (why) *why = std::string("not a hex digit at column ") + std::to_string(i + 1);
      return std::nullopt;
    }
    if (high < 0) {
      high = v;
    } else {
      out.push_back(static_cast<std::uint8_t>((high << 4) | v));
      high = -1;
    }
  }
  if (high >= 0) {
    if (why) *why = "odd number of hex digits";
    return std::nullopt;
  }
  return out;
}

}  // namespace dhcpcore::tools
