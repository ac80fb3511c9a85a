// show.hpp: readable printing of dhcpcore values in counterexamples.
//
// RapidCheck prints a value with showValue(const T&, std::ostream&) found by
// argument-dependent lookup, so the overloads for the libraries' types live in
// namespace dhcpcore (a name only RapidCheck calls, so they cannot clash with
// an operator<< the libraries may add). The support library's own types get
// operator<<. Addresses print dotted, prefixes as CIDR, bytes as hex.
#pragma once

#include <cstdint>
#include <ostream>
#include <span>
#include <string>

#include "dhcpcore/core/host_plan.hpp"
#include "dhcpcore/core/lease.hpp"
#include "dhcpcore/core/routes.hpp"
#include "dhcpcore/parsers/address.hpp"
#include "dhcpcore/parsers/build_error.hpp"
#include "dhcpcore/parsers/dhcp_message.hpp"
#include "dhcpcore/parsers/dhcp_options.hpp"
#include "dhcpcore/test_support/builders.hpp"
#include "dhcpcore/test_support/host_scene.hpp"

namespace dhcpcore {

void showValue(const Ipv4Addr& a, std::ostream& os);
void showValue(const Ipv4Prefix& p, std::ostream& os);
void showValue(const Route& r, std::ostream& os);
void showValue(const DroppedRoute& d, std::ostream& os);
void showValue(const ClasslessRoute& r, std::ostream& os);
void showValue(const RoutePolicy& p, std::ostream& os);
void showValue(const RouteSet& s, std::ostream& os);
void showValue(const DhcpHeader& h, std::ostream& os);
void showValue(RouteDropReason r, std::ostream& os);
void showValue(LeaseReject r, std::ostream& os);
void showValue(DhcpError e, std::ostream& os);
void showValue(OptionError e, std::ostream& os);
void showValue(BuildError e, std::ostream& os);
// A lease: IP, mask, expiry and its options as hex TLVs.
void showValue(const Lease& l, std::ostream& os);
void showValue(const HostPlan& p, std::ostream& os);

}  // namespace dhcpcore

namespace dhcpcore::gen {

// hex: bytes as lowercase hex pairs; at most max_bytes, then "...(+N)".
std::string hex(std::span<const std::uint8_t> bytes, std::size_t max_bytes = 96);
// to_text: any value above as the string RapidCheck would print.
template <class T>
std::string to_text(const T& v);

std::ostream& operator<<(std::ostream& os, const GenOption& o);
std::ostream& operator<<(std::ostream& os, const GenMessage& m);
std::ostream& operator<<(std::ostream& os, const HostScene& s);

}  // namespace dhcpcore::gen

#include <sstream>

template <class T>
std::string dhcpcore::gen::to_text(const T& v) {
  std::ostringstream os;
  showValue(v, os);
  return os.str();
}
