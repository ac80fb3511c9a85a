// plan_json.hpp: a host plan's refusals for people and programs (dhcp4c's
// lease event, dhcp-inspect's verdict).
#pragma once

#include <string>

#include "dhcpcore/core/host_plan.hpp"

namespace dhcpcore::tools {

// refused_json: plan.refused as a JSON array, in order:
// [{"reason":"RouteConflict","what":"203.0.113.0/24","router":"192.0.2.1","detail":"..."}]
// `what` is the refused address (with its prefix), route destination or
// broadcast address (/32); `router` is the route's gateway (0.0.0.0 on-link
// or not a route); `detail` is the route rule that dropped it
// (ConnectedPrefix, RouteDropped) or the object it conflicts with.
std::string refused_json(const HostPlan& plan);
// refused_text: the same for a log line ("; refused ... (reason: detail)").
std::string refused_text(const HostPlan& plan);
// planned_address: the address the plan installs, "" when none.
std::string planned_address(const HostPlan& plan);

}  // namespace dhcpcore::tools
