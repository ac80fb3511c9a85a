// netns.hpp: a fixture that runs each test in a network namespace of its own
// with a veth pair in it, and helpers that read the kernel's state back
// through iproute2 (`ip`), independently of the code under test.
//
// SetUp calls unshare(CLONE_NEWNET) in the test process itself, checks that
// the namespace really changed before it runs any command, and creates
// veth pair kIface <-> kPeer (both up). The namespace, and with it every
// address and route a test made, disappears when the test process exits or
// the next test unshares again: nothing to clean up on the host, even after
// a crash.
//
// Skipping: without root, `ip` or namespaces the tests skip with a message
// naming what is missing (ctest counts "[  SKIPPED ]" as skipped); with
// CI=true in the environment they fail instead.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace dhcpcore::test {

inline constexpr const char* kIface = "dcveth0";
inline constexpr const char* kPeer = "dcveth1";

struct CommandResult {
  int exit_code = -1;  // -1: could not run it or killed by a signal
  std::string out;     // stdout
};

// run_command runs argv[0] (looked up in PATH) with stdout captured; stderr
// goes to the test's output.
CommandResult run_command(const std::vector<std::string>& argv);

// ip runs `ip ARGS...` and records a test failure when it does not exit 0.
std::string ip(const std::vector<std::string>& args);

// addrs: `ip -4 -o addr show dev IFACE`, one line per address without the
// leading "N: IFACE", whitespace collapsed, sorted, e.g.
// "inet 192.0.2.2/24 brd 192.0.2.255 scope global dynamic dcveth0 valid_lft 1sec preferred_lft 1sec".
std::vector<std::string> addrs(const std::string& iface = kIface);

// main_routes: `ip -d -4 route show table main` without the kernel's own
// routes (proto kernel), whitespace collapsed, sorted, e.g.
// "unicast default via 192.0.2.1 dev dcveth0 proto dhcp scope global src 192.0.2.2".
std::vector<std::string> main_routes();

// all_routes: `ip -4 route show table all` (every table), as main_routes.
std::vector<std::string> all_routes();

// every_route: the same with the kernel's own routes (connected, local,
// broadcast) kept.
std::vector<std::string> every_route();

class NetnsTest : public ::testing::Test {
 protected:
  void SetUp() override;
  int ifindex_ = 0;       // kIface
  int peer_ifindex_ = 0;  // kPeer
};

}  // namespace dhcpcore::test
