#include "plan_json.hpp"

#include "json.hpp"

namespace dhcpcore::tools {

namespace {

std::string describe(const HostAddress& a) {
  std::string s = a.local.to_string() + " on ifindex " + std::to_string(a.ifindex);
  if (a.has_peer()) s += " peer " + a.peer.to_string();
  s += (a.flags & host::kAddrPermanent) != 0 ? " permanent" : " dynamic";
  return s + " proto " + std::to_string(a.proto);
}

std::string describe(const HostRoute& r) {
  std::string s = r.dst.to_string();
  if (r.gateway) s += " via " + r.gateway->to_string();
  return s + " on ifindex " + std::to_string(r.oif) + " proto " + std::to_string(r.protocol) + " table " +
         std::to_string(r.table) + " metric " + std::to_string(r.metric) + " type " + std::to_string(r.type);
}

std::string detail(const HostRefused& r) {
  if (r.conflict_address) return describe(*r.conflict_address);
  if (r.conflict_route) return describe(*r.conflict_route);
  if (r.reason == HostRefusal::RouteDropped || r.reason == HostRefusal::ConnectedPrefix) {
    return to_string(r.route_reason);
  }
  return "";
}

}  // namespace

std::string refused_json(const HostPlan& plan) {
  std::string j = "[";
  for (const HostRefused& r : plan.refused) {
    if (j.size() > 1) j += ',';
    j += "{\"reason\":" + json_string(to_string(r.reason)) + ",\"what\":" + json_string(r.prefix.to_string()) +
         ",\"router\":" + json_string(r.router.to_string()) + ",\"detail\":" + json_string(detail(r)) + "}";
  }
  return j + "]";
}

std::string refused_text(const HostPlan& plan) {
  std::string s;
  for (const HostRefused& r : plan.refused) {
    s += "; refused " + r.prefix.to_string();
    if (!r.router.is_unspecified()) s += " via " + r.router.to_string();
    s += std::string(" (") + to_string(r.reason);
    if (const std::string d = detail(r); !d.empty()) s += ": " + d;
    s += ")";
  }
  return s;
}

std::string planned_address(const HostPlan& plan) { return plan.address ? plan.address->to_string() : ""; }

}  // namespace dhcpcore::tools
