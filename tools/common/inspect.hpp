// inspect.hpp: the dhcp-inspect verdict of one DHCP payload or frame, as the
// JSON object of docs/dhcp-inspect.md#json-schema. Shared by dhcp-inspect and the
// other CLIs that print lease verdicts.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "dhcpcore/core/routes.hpp"

namespace dhcpcore::tools {

enum class InputKind { Payload, Frame };

// InspectExtras: the keys that follow the base schema.
struct InspectExtras {
  // host_address (the address plan_host installs on an interface with
  // nothing else configured: the yiaddr with the mask's prefix, or /32 when
  // the policy refuses that prefix; "" when not acceptable) and host_refused
  // (the plan's refusals, plan_json.hpp).
  bool host_plan = false;
  // host_name, domain_name, domain_search, ntp, mtu: the lease's names and
  // parameters (format.hpp lease_parameters_json; mtu for a link of 65535).
  bool lease_parameters = false;
};

// inspect_json returns one JSON object (no newline) for input: the schema's
// keys in order (parse_ok, msg_type, acceptable, yiaddr, server_id, lease_s,
// t1_s, t2_s, mask, routes, dns, error, reject), then the extra keys
// dropped_routes (every route sanitizing or the policy refused, with its
// reason) and input (the input's name), then the extras asked for, host plan
// first. `error` names the layer and reason a parse failed
// ("dhcp: BadMagicCookie", "ipv4: BadHeaderChecksum").
std::string inspect_json(std::span<const std::uint8_t> input, InputKind kind, const RoutePolicy& policy,
                         std::string_view input_name, InspectExtras extras = {});

// failure_json: the object for an input that could not be read at all
// (unreadable file, bad hex); parse_ok false and `error` set to why.
std::string failure_json(std::string_view error, std::string_view input_name, InspectExtras extras = {});

}  // namespace dhcpcore::tools
