// sys_error.cpp: to_string(SysError).
#include "dhcpcore/linux/sys_error.hpp"

#include <system_error>

namespace dhcpcore::runtime {

std::string to_string(const SysError& e) {
  if (e.code == 0) return e.message;
  return e.message + ": " + std::generic_category().message(e.code);
}

}  // namespace dhcpcore::runtime
