// sys_error.hpp: errors of the Linux runtime as values.
//
// core/linux talks to the kernel; every failure it reports is a SysError: the
// errno value the kernel (or libc) returned and a message saying what was
// being done ("netlink: replace address 192.0.2.2/24 on ifindex 3"). Nothing
// here throws; functions return SysResult<T> (a dhcpcore::Result) or Status.
#pragma once

#include <string>
#include <utility>

#include "dhcpcore/parsers/result.hpp"

namespace dhcpcore::runtime {

struct SysError {
  int code = 0;         // errno value (ENODEV, EPERM, ...); 0 when none applies
  std::string message;  // what failed, without the errno text
};

// to_string: "message: <strerror(code)>" (just the message when code is 0).
std::string to_string(const SysError& e);

inline Err<SysError> sys_error(int code, std::string message) {
  return Err<SysError>{SysError{code, std::move(message)}};
}

template <class T>
using SysResult = Result<T, SysError>;

// Ok: the value of a Status that succeeded.
struct Ok {};
using Status = SysResult<Ok>;

}  // namespace dhcpcore::runtime
