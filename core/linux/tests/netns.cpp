// netns.cpp: the network-namespace fixture and the `ip` read-back helpers.
#include "netns.hpp"

#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sstream>

extern char** environ;

namespace dhcpcore::test {

namespace {

bool in_ci() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string(ci) == "true";
}

// words splits on whitespace, dropping the "\" iproute2's -o puts where a
// line break would be.
std::vector<std::string> words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> out;
  for (std::string w; in >> w;) {
    if (!w.empty() && w.back() == '\\') w.pop_back();
    if (!w.empty()) out.push_back(w);
  }
  return out;
}

std::string join(const std::vector<std::string>& ws, std::size_t from) {
  std::string s;
  for (std::size_t i = from; i < ws.size(); ++i) {
    if (!s.empty()) s += ' ';
    s += ws[i];
  }
  return s;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) {
    if (!words(l).empty()) out.push_back(l);
  }
  return out;
}

std::vector<std::string> routes_of(const std::vector<std::string>& args, bool with_kernel = false) {
  std::vector<std::string> out;
  for (const auto& l : lines(ip(args))) {
    auto ws = words(l);
    if (!with_kernel && std::find(ws.begin(), ws.end(), "kernel") != ws.end()) continue;  // "proto kernel"
    out.push_back(join(ws, 0));
  }
  std::sort(out.begin(), out.end());
  return out;
}

ino_t netns_inode() {
  struct stat st {};
  if (stat("/proc/thread-self/ns/net", &st) != 0) return 0;
  return st.st_ino;
}

}  // namespace

CommandResult run_command(const std::vector<std::string>& argv) {
  CommandResult r;
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return r;
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, args[0], &fa, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  close(fds[1]);
  if (rc != 0) {
    close(fds[0]);
    return r;
  }
  char buf[4096];
  for (;;) {
    const ssize_t n = read(fds[0], buf, sizeof(buf));
    if (n > 0) {
      r.out.append(buf, static_cast<std::size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  return r;
}

std::string ip(const std::vector<std::string>& args) {
  std::vector<std::string> argv{"ip"};
  argv.insert(argv.end(), args.begin(), args.end());
  auto r = run_command(argv);
  if (r.exit_code != 0) ADD_FAILURE() << "`" << join(argv, 0) << "` exited with " << r.exit_code;
  return r.out;
}

std::vector<std::string> addrs(const std::string& iface) {
  std::vector<std::string> out;
  for (const auto& l : lines(ip({"-4", "-o", "addr", "show", "dev", iface}))) {
    out.push_back(join(words(l), 2));  // drop "N:" and the interface name
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> main_routes() { return routes_of({"-d", "-4", "route", "show", "table", "main"}); }

std::vector<std::string> all_routes() { return routes_of({"-4", "route", "show", "table", "all"}); }

std::vector<std::string> every_route() { return routes_of({"-4", "route", "show", "table", "all"}, true); }

void NetnsTest::SetUp() {
  std::string missing;
  if (geteuid() != 0) {
    missing = "root (CAP_NET_ADMIN to create a network namespace and interfaces)";
  } else if (run_command({"ip", "-V"}).exit_code != 0) {
    missing = "the ip command (iproute2)";
  } else {
    const ino_t before = netns_inode();
    if (unshare(CLONE_NEWNET) != 0) {
      missing = std::string("network namespaces (unshare(CLONE_NEWNET): ") + std::strerror(errno) + ")";
    } else if (before == 0 || netns_inode() == before) {
      // Never run a command that could reach the host's interfaces.
      FAIL() << "unshare(CLONE_NEWNET) succeeded but the namespace did not change";
    }
  }
  if (!missing.empty()) {
    if (in_ci()) FAIL() << "CI=true: not skipping; this test needs " << missing;
    GTEST_SKIP() << "needs " << missing;
  }

  ip({"link", "add", kIface, "type", "veth", "peer", "name", kPeer});
  ip({"link", "set", kIface, "up"});
  ip({"link", "set", kPeer, "up"});
  ASSERT_FALSE(HasFailure()) << "cannot set up the veth pair";
  ifindex_ = static_cast<int>(if_nametoindex(kIface));
  peer_ifindex_ = static_cast<int>(if_nametoindex(kPeer));
  ASSERT_GT(ifindex_, 0);
  ASSERT_GT(peer_ifindex_, 0);
}

}  // namespace dhcpcore::test
