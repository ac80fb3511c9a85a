// result_test.cpp: Result<T, E> (result.hpp): the value of an error result
// cannot be read.
#include "dhcpcore/parsers/result.hpp"

#include <gtest/gtest.h>

#include <cstdint>

namespace dhcpcore {
namespace {

enum class TestError : std::uint8_t { None, Bad };

Result<int, TestError> ok_result() { return 7; }
Result<int, TestError> error_result() { return make_error(TestError::Bad); }

TEST(Result, OkGivesTheValue) {
  auto r = ok_result();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value(), 7);
  EXPECT_EQ(*r, 7);
  EXPECT_EQ(std::move(r).value(), 7);
}

TEST(Result, ErrorGivesTheError) {
  const auto r = error_result();
  EXPECT_FALSE(r.ok());
  EXPECT_FALSE(static_cast<bool>(r));
  EXPECT_EQ(r.error(), TestError::Bad);
}

struct Pair {
  int a = 1;
};

// Reading the value of an error result traps (in every build type: the check
// is not an assert), rather than handing back a default value.
TEST(ResultDeathTest, ValueOfAnErrorTraps) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH({ (void)error_result().value(); }, "");
  EXPECT_DEATH(
      {
        const auto r = error_result();
        (void)r.value();
      },
      "");
  EXPECT_DEATH(
      {
        auto r = error_result();
        r.value() = 1;
      },
      "");
  EXPECT_DEATH({ (void)*error_result(); }, "");
  const Result<Pair, TestError> p = make_error(TestError::Bad);
  EXPECT_DEATH({ (void)p->a; }, "");
}

}  // namespace
}  // namespace dhcpcore
