#include "inspect.hpp"

#include <memory>

#include "dhcpcore/core/host_plan.hpp"
#include "dhcpcore/core/lease.hpp"
#include "dhcpcore/parsers/dhcp_message.hpp"
#include "dhcpcore/parsers/frame.hpp"
#include "format.hpp"
#include "json.hpp"
#include "plan_json.hpp"

namespace dhcpcore::tools {

namespace {

struct Verdict {
  bool parse_ok = false;
  unsigned msg_type = 0;
  bool acceptable = false;
  std::string yiaddr, server_id, mask;
  std::uint32_t lease_s = 0, t1_s = 0, t2_s = 0;
  std::string routes = "[]", dns = "[]", dropped = "[]";
  std::string error, reject;
  std::string host_address, host_refused = "[]";
  std::string parameters = no_lease_parameters_json();
};

void fill_host_plan(const Lease& lease, const RoutePolicy& policy, Verdict& v) {
  // An interface (index 1) with nothing on it and no other route.
  auto plan = std::make_unique<HostPlan>();
  HostPlanInput in;
  in.ifindex = 1;
  in.lease = &lease;
  in.policy = &policy;
  plan_host(in, *plan);
  v.host_address = planned_address(*plan);
  v.host_refused = refused_json(*plan);
}

void fill_lease(const DhcpMessage& msg, const RoutePolicy& policy, InspectExtras extras, Verdict& v) {
  v.msg_type = msg.message_type();
  auto n = acceptable_lease(msg);
  if (!n) {
    v.reject = to_string(n.error());
    return;
  }
  v.acceptable = true;
  v.yiaddr = n->yiaddr.to_string();
  v.server_id = n->server_id.to_string();
  v.lease_s = n->lease_s;
  v.t1_s = n->t1_s.value_or(0);
  v.t2_s = n->t2_s.value_or(0);
  const Lease lease(n.value(), std::chrono::milliseconds(0));
  v.mask = lease.subnet_mask().to_string();
  const RouteSet routes = lease.routes(&policy);
  v.routes = routes_json(routes);
  v.dropped = dropped_routes_json(routes);
  const DnsServers dns = lease.dns_servers();
  v.dns = addresses_json(dns.servers);
  if (extras.host_plan) fill_host_plan(lease, policy, v);
  if (extras.lease_parameters) v.parameters = lease_parameters_json(lease, 65535);
}

std::string render(const Verdict& v, std::string_view input_name, InspectExtras extras) {
  std::string s = "{";
  s += "\"parse_ok\":" + std::string(v.parse_ok ? "true" : "false");
  s += ",\"msg_type\":" + std::to_string(v.msg_type);
  s += ",\"acceptable\":" + std::string(v.acceptable ? "true" : "false");
  s += ",\"yiaddr\":" + json_string(v.yiaddr);
  s += ",\"server_id\":" + json_string(v.server_id);
  s += ",\"lease_s\":" + std::to_string(v.lease_s);
  s += ",\"t1_s\":" + std::to_string(v.t1_s);
  s += ",\"t2_s\":" + std::to_string(v.t2_s);
  s += ",\"mask\":" + json_string(v.mask);
  s += ",\"routes\":" + v.routes;
  s += ",\"dns\":" + v.dns;
  s += ",\"error\":" + json_string(v.error);
  s += ",\"reject\":" + json_string(v.reject);
  s += ",\"dropped_routes\":" + v.dropped;
  s += ",\"input\":" + json_string(input_name);
  if (extras.host_plan) {
    s += ",\"host_address\":" + json_string(v.host_address);
    s += ",\"host_refused\":" + v.host_refused;
  }
  if (extras.lease_parameters) s += v.parameters;
  s += "}";
  return s;
}

}  // namespace

std::string inspect_json(std::span<const std::uint8_t> input, InputKind kind, const RoutePolicy& policy,
                         std::string_view input_name, InspectExtras extras) {
  Verdict v;
  std::span<const std::uint8_t> payload = input;
  if (kind == InputKind::Frame) {
    auto f = decode_ethernet_frame(input);
    if (!f) {
      v.error = std::string(layer_name(f.error().layer)) + ": " + to_string(f.error());
      return render(v, input_name, extras);
    }
    payload = f->dhcp;
  }
  auto msg = DhcpMessage::parse(payload);
  if (!msg) {
    v.error = std::string("dhcp: ") + to_string(msg.error());
    return render(v, input_name, extras);
  }
  v.parse_ok = true;
  fill_lease(msg.value(), policy, extras, v);
  return render(v, input_name, extras);
}

std::string failure_json(std::string_view error, std::string_view input_name, InspectExtras extras) {
  Verdict v;
  v.error = std::string(error);
  return render(v, input_name, extras);
}

}  // namespace dhcpcore::tools
