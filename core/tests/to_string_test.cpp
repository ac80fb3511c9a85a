// to_string_test.cpp: the naming convention of every core enum's to_string
// (parsers/result.hpp): the enumerator's name exactly as spelled in the code,
// and "Unknown" for a value outside the enum. The expected names are written
// out by hand from the enum definitions.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dhcpcore/core/client.hpp"
#include "dhcpcore/core/host_plan.hpp"
#include "dhcpcore/core/lease.hpp"
#include "dhcpcore/core/routes.hpp"

namespace dhcpcore {
namespace {

// Enumerator i (counting from 0) must be named names[i]; the value just past
// the last, and 0xff, are "Unknown".
template <class E>
void expect_names(const std::vector<std::string>& names) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    EXPECT_EQ(std::string(to_string(static_cast<E>(i))), names[i]) << "enumerator " << i;
  }
  EXPECT_STREQ(to_string(static_cast<E>(names.size())), "Unknown");
  EXPECT_STREQ(to_string(static_cast<E>(0xff)), "Unknown");
}

TEST(ToStringConvention, ClientState) {
  expect_names<ClientState>({"Stopped", "Discovering", "Requesting", "Bound", "Renewing", "Rebinding"});
}

TEST(ToStringConvention, ConfigError) {
  expect_names<ConfigError>(
      {"None", "ZeroMac", "BadOptionCode", "MessageTooLarge", "BadBackoff", "BadFallback", "BadHostname"});
}

TEST(ToStringConvention, ActionKind) {
  expect_names<ActionKind>({"OpenBroadcast", "CloseBroadcast", "OpenUnicast", "CloseUnicast", "SendBroadcast",
                            "SendUnicast", "LeaseChanged"});
}

TEST(ToStringConvention, LeaseChange) { expect_names<LeaseChange>({"Acquired", "Renewed", "Lost"}); }

TEST(ToStringConvention, Ignored) {
  expect_names<Ignored>({"None", "NotListening", "Unparseable", "NotBootReply", "WrongChaddr", "WrongXid",
                         "UnexpectedType", "NotAcceptable", "WrongServer", "NoRapidCommit"});
}

TEST(ToStringConvention, LeaseReject) {
  expect_names<LeaseReject>({"None", "NoServerId", "BadServerId", "NoLeaseTime", "LeaseTooShort", "BadYiaddr",
                             "OptionsTooLarge"});
}

TEST(ToStringConvention, RouteDropReason) {
  expect_names<RouteDropReason>({"RouterNotUnicast", "RouterUnreachable", "ShadowsLoopback",
                                 "ShadowsInterfaceRoute", "DuplicateDestination", "ShortPrefix",
                                 "ProtectedPrefix", "RouteLimit", "Capacity", "NoClassfulNetwork"});
}

TEST(ToStringConvention, HostOpKind) {
  expect_names<HostOpKind>({"AddAddress", "ReplaceAddress", "DeleteAddress", "AddRoute", "ReplaceRoute",
                            "DeleteRoute"});
}

TEST(ToStringConvention, HostRefusal) {
  expect_names<HostRefusal>({"AddressInUse", "AddressOnOtherInterface", "AddressProtected", "BroadcastIgnored",
                             "ConnectedPrefix", "RouteDropped", "RouteConflict", "GatewayUnreachable",
                             "NoAddress"});
}

}  // namespace
}  // namespace dhcpcore
