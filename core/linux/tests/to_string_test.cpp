// to_string_test.cpp: the runtime's enums follow the to_string convention
// (parsers/result.hpp): the enumerator's name as spelled in the code, and
// "Unknown" for a value outside the enum. Names written out by hand.
#include <gtest/gtest.h>

#include "dhcpcore/linux/client_loop.hpp"

namespace dhcpcore::test {
namespace {

using runtime::RunResult;
using runtime::Via;

TEST(ToStringConvention, Via) {
  EXPECT_STREQ(to_string(Via::Broadcast), "Broadcast");
  EXPECT_STREQ(to_string(Via::Unicast), "Unicast");
  EXPECT_STREQ(to_string(static_cast<Via>(2)), "Unknown");
  EXPECT_STREQ(to_string(static_cast<Via>(0xff)), "Unknown");
}

TEST(ToStringConvention, RunResult) {
  EXPECT_STREQ(to_string(RunResult::Stopped), "Stopped");
  EXPECT_STREQ(to_string(RunResult::Bound), "Bound");
  EXPECT_STREQ(to_string(RunResult::Timeout), "Timeout");
  EXPECT_STREQ(to_string(RunResult::Error), "Error");
  EXPECT_STREQ(to_string(static_cast<RunResult>(4)), "Unknown");
  EXPECT_STREQ(to_string(static_cast<RunResult>(0xff)), "Unknown");
}

}  // namespace
}  // namespace dhcpcore::test
