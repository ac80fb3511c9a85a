// The Linux runtime as an embedder links it: open rtnetlink (libmnl) and
// read the loopback link, which needs no privileges.
#include <cstdio>

#include <dhcpcore/linux/netlink.hpp>

int print_loopback() {
  using namespace dhcpcore::runtime;
  auto nl = Rtnetlink::open();
  if (!nl) return 10;
  Rtnetlink& rtnl = nl.value();
  auto lo = rtnl.link_by_name("lo");
  if (!lo) return 11;
  std::printf("loopback ifindex=%d\n", lo->index);
  return 0;
}
