// Unit tests of the Linux runtime that need neither root nor a namespace:
// lifetimes, error texts, name checks (the broadcast address is the host
// plan's: core/tests/host_plan_test.cpp).
#include "dhcpcore/linux/lease_applier.hpp"

#include <gtest/gtest.h>

#include <cerrno>
#include <chrono>

#include "dhcpcore/linux/netlink.hpp"
#include "test_leases.hpp"

namespace dhcpcore::test {
namespace {

using std::chrono::milliseconds;

TEST(RemainingLifetime, RoundsUp) {
  EXPECT_EQ(remaining_lifetime_s(milliseconds(1000), milliseconds(0)), 1u);
  EXPECT_EQ(remaining_lifetime_s(milliseconds(1001), milliseconds(0)), 2u);
  EXPECT_EQ(remaining_lifetime_s(milliseconds(10'000), milliseconds(1)), 10u);
  EXPECT_EQ(remaining_lifetime_s(milliseconds(5'003'600'000), milliseconds(5'000'000'000)), 3600u);
  EXPECT_EQ(remaining_lifetime_s(milliseconds(1), milliseconds(0)), 1u);
}

TEST(RemainingLifetime, NeverZeroNorInfinite) {
  // 0 is refused by the kernel; 0xffffffff would make the address permanent.
  EXPECT_EQ(remaining_lifetime_s(milliseconds(5), milliseconds(5)), 1u);
  EXPECT_EQ(remaining_lifetime_s(milliseconds(0), milliseconds(60'000)), 1u);
  EXPECT_EQ(remaining_lifetime_s(milliseconds(0xffffffffLL * 1000), milliseconds(0)), 0xfffffffeu);
  EXPECT_EQ(remaining_lifetime_s(milliseconds::max(), milliseconds::min()), 0xfffffffeu);
}

TEST(SysError, TextNamesRequestAndErrno) {
  EXPECT_EQ(to_string(SysError{ENODEV, "no such interface: eth9"}), "no such interface: eth9: No such device");
  EXPECT_EQ(to_string(SysError{0, "plain"}), "plain");
}

TEST(Rtnetlink, ClosedSocketFailsWithEbadf) {
  Rtnetlink nl;
  auto r = nl.list_addrs(1);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, EBADF);
  LeaseApplier applier;
  Status st = applier.remove_all();
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, EBADF);
}

TEST(QueryLink, RejectsBadNames) {
  for (const char* name : {"", "sixteen-chars-xx"}) {
    auto r = query_link(name);
    ASSERT_FALSE(r.ok()) << name;
    EXPECT_EQ(r.error().code, EINVAL) << name;
    EXPECT_NE(r.error().message.find("bad interface name"), std::string::npos) << r.error().message;
  }
  auto nul = query_link(std::string_view("et\0h0", 5));
  ASSERT_FALSE(nul.ok());
  EXPECT_EQ(nul.error().code, EINVAL);
}

}  // namespace
}  // namespace dhcpcore::test
