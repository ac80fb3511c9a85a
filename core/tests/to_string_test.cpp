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
#include "dhcpcore/test_support/enum_names.hpp"

namespace dhcpcore {
namespace {

TEST(ToStringConvention, ClientState) {
  EXPECT_EQ(
      gen::names_mismatch<ClientState>({"Stopped", "Discovering", "Requesting", "Bound", "Renewing", "Rebinding"}), "");
}

TEST(ToStringConvention, ConfigError) {
  EXPECT_EQ(gen::names_mismatch<ConfigError>(
                {"None", "ZeroMac", "BadOptionCode", "MessageTooLarge", "BadBackoff", "BadFallback", "BadHostname"}),
            "");
}

TEST(ToStringConvention, ActionKind) {
  EXPECT_EQ(gen::names_mismatch<ActionKind>({"OpenBroadcast", "CloseBroadcast", "OpenUnicast", "CloseUnicast",
                                             "SendBroadcast", "SendUnicast", "LeaseChanged"}),
            "");
}

TEST(ToStringConvention, LeaseChange) {
  EXPECT_EQ(gen::names_mismatch<LeaseChange>({"Acquired", "Renewed", "Lost"}), "");
}

TEST(ToStringConvention, Ignored) {
  EXPECT_EQ(
      gen::names_mismatch<Ignored>({"None", "NotListening", "Unparseable", "NotBootReply", "WrongChaddr", "WrongXid",
                                    "UnexpectedType", "NotAcceptable", "WrongServer", "NoRapidCommit"}),
      "");
}

TEST(ToStringConvention, LeaseReject) {
  EXPECT_EQ(gen::names_mismatch<LeaseReject>(
                {"None", "NoServerId", "BadServerId", "NoLeaseTime", "LeaseTooShort", "BadYiaddr", "OptionsTooLarge"}),
            "");
}

TEST(ToStringConvention, RouteDropReason) {
  EXPECT_EQ(gen::names_mismatch<RouteDropReason>({"RouterNotUnicast", "RouterUnreachable", "ShadowsLoopback",
                                                  "ShadowsInterfaceRoute", "DuplicateDestination", "ShortPrefix",
                                                  "ProtectedPrefix", "RouteLimit", "Capacity", "NoClassfulNetwork"}),
            "");
}

TEST(ToStringConvention, HostOpKind) {
  EXPECT_EQ(gen::names_mismatch<HostOpKind>(
                {"AddAddress", "ReplaceAddress", "DeleteAddress", "AddRoute", "ReplaceRoute", "DeleteRoute"}),
            "");
}

TEST(ToStringConvention, HostRefusal) {
  EXPECT_EQ(gen::names_mismatch<HostRefusal>({"AddressInUse", "AddressOnOtherInterface", "AddressProtected",
                                              "BroadcastIgnored", "ConnectedPrefix", "RouteDropped", "RouteConflict",
                                              "GatewayUnreachable", "NoAddress"}),
            "");
}

}  // namespace
}  // namespace dhcpcore
