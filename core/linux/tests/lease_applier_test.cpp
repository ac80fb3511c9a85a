// Unit tests of the Linux runtime that need neither root nor a namespace:
// error texts and name checks (lifetimes and the broadcast address are the
// host plan's: core/tests/host_plan_test.cpp).
#include "dhcpcore/linux/lease_applier.hpp"

#include <gtest/gtest.h>

#include <cerrno>

#include "dhcpcore/linux/netlink.hpp"

namespace dhcpcore::test {
using namespace dhcpcore::runtime;
namespace {


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
