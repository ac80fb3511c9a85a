// json.hpp: the few JSON helpers the CLIs need (one object per line).
#pragma once

#include <string>
#include <string_view>

namespace dhcpcore::tools {

// json_string returns s as a quoted JSON string, escaping quotes, backslashes
// and control bytes, and bytes >= 0x80 as \u00XX (file names are not
// guaranteed to be UTF-8).
std::string json_string(std::string_view s);

}  // namespace dhcpcore::tools
