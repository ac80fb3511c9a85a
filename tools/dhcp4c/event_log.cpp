// event_log.cpp: EventLog, dhcp4c's stderr lines and JSON events.
#include "event_log.hpp"

#include <csignal>
#include <cstring>

#include "common/format.hpp"
#include "common/json.hpp"
#include "common/plan_json.hpp"
#include "dhcpcore/core/lease.hpp"
#include "dhcpcore/parsers/dhcp_message.hpp"
#include "dhcpcore/parsers/dhcp_options.hpp"

namespace dhcpcore::tools {

using namespace dhcpcore::runtime;

namespace {

std::string seconds(Millis ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f s", static_cast<double>(ms.count()) / 1000.0);
  return buf;
}

std::string q(const std::string& s) { return json_string(s); }

std::string error_text(const SysError* err) { return err ? to_string(*err) : std::string(); }

std::string signal_name(int signo) {
  switch (signo) {
    case SIGINT: return "SIGINT";
    case SIGTERM: return "SIGTERM";
    default: return "signal " + std::to_string(signo);
  }
}

// lease_seconds: the lease's option 51 as the server sent it (0 when absent
// or malformed; acceptable_lease rejects both).
std::uint32_t lease_seconds(const Lease& l) {
  const auto v = l.options().get(opt::kLeaseTime);
  if (!v) return 0;
  const auto s = decode_u32(*v);
  return s ? s.value() : 0;
}

}  // namespace

std::string EventLog::head(const char* event, Millis now) const {
  return "\"event\":" + q(event) + ",\"t_ms\":" + std::to_string((now - epoch_).count());
}

void EventLog::text(Millis now, const std::string& line) {
  std::fprintf(stderr, "dhcp4c [%8.3f] %s\n", static_cast<double>((now - epoch_).count()) / 1000.0, line.c_str());
}

void EventLog::json(const std::string& object_body) {
  if (!json_) return;
  std::fprintf(stdout, "{%s}\n", object_body.c_str());
  std::fflush(stdout);
}

void EventLog::start(const std::string& iface, int ifindex, const MacAddr& mac, std::uint32_t mtu,
                     const std::string& policy_name, bool once, std::uint32_t metric) {
  const Millis now = now_ms();
  link_mtu_ = mtu;
  std::string prot_text, prot_json = "[";
  for (const Ipv4Prefix& p : policy_.protected_prefixes) {
    prot_text += (prot_text.empty() ? ", protect " : " ") + p.to_string();
    prot_json += std::string(prot_json.size() > 1 ? "," : "") + q(p.to_string());
  }
  prot_json += "]";
  text(now, "starting on " + iface + " (ifindex " + std::to_string(ifindex) + ", " + mac_string(mac) + ", mtu " +
                std::to_string(mtu) + ", policy " + policy_name + prot_text + ", metric " + std::to_string(metric) +
                (once ? ", --once" : "") + ")");
  json(head("start", now) + ",\"iface\":" + q(iface) + ",\"ifindex\":" + std::to_string(ifindex) +
       ",\"mac\":" + q(mac_string(mac)) + ",\"mtu\":" + std::to_string(mtu) + ",\"policy\":" + q(policy_name) +
       ",\"once\":" + (once ? "true" : "false") + ",\"protect\":" + prot_json + ",\"metric\":" +
       std::to_string(metric));
}

void EventLog::exit(const std::string& reason, int code, const std::string& error) {
  const Millis now = now_ms();
  text(now, "exit: " + reason + " (status " + std::to_string(code) + ")" + (error.empty() ? "" : ": " + error));
  json(head("exit", now) + ",\"reason\":" + q(reason) + ",\"code\":" + std::to_string(code) + ",\"error\":" + q(error));
}

void EventLog::error(const std::string& what) {
  const Millis now = now_ms();
  text(now, "error: " + what);
  json(head("error", now) + ",\"error\":" + q(what));
}

void EventLog::note(const std::string& what) { text(now_ms(), what); }

void EventLog::state_changed(Millis now, ClientState from, ClientState to) {
  text(now, std::string(dhcpcore::to_string(from)) + " -> " + dhcpcore::to_string(to));
  json(head("state", now) + ",\"from\":" + q(dhcpcore::to_string(from)) + ",\"to\":" + q(dhcpcore::to_string(to)));
}

void EventLog::transport(Millis now, const Action& action, const SysError* err) {
  std::string detail;
  std::string extra;
  if (action.kind == ActionKind::OpenUnicast) {
    detail = " " + action.bind_ip.to_string() + ":68 -> " + action.server_ip.to_string() + ":67";
    extra = ",\"bind\":" + q(action.bind_ip.to_string()) + ",\"server\":" + q(action.server_ip.to_string());
  }
  if (err) {
    text(now, std::string(dhcpcore::to_string(action.kind)) + detail + " failed: " + error_text(err));
  }
  json(head("transport", now) + ",\"action\":" + q(dhcpcore::to_string(action.kind)) + extra +
       ",\"ok\":" + (err ? "false" : "true") + ",\"error\":" + q(error_text(err)));
}

void EventLog::sent(Millis now, Via via, const Action& action, const Client& client, const SysError* err) {
  const std::string type = message_type_name(static_cast<std::uint8_t>(action.message_type));
  std::uint32_t xid = client.xid();
  if (auto m = DhcpMessage::parse(action.payload)) xid = m->header().xid;
  text(now, "send " + type + " " + to_string(via) + " xid " + hex32(xid) + " in " +
                dhcpcore::to_string(client.state()) + (err ? " FAILED: " + error_text(err) : ""));
  json(head("send", now) + ",\"state\":" + q(dhcpcore::to_string(client.state())) + ",\"type\":" + q(type) +
       ",\"via\":" + q(to_string(via)) + ",\"xid\":" + q(hex32(xid)) + ",\"bytes\":" +
       std::to_string(action.payload.size()) + ",\"ok\":" + (err ? "false" : "true") + ",\"error\":" +
       q(error_text(err)));
}

void EventLog::received(Millis now, Via via, std::span<const std::uint8_t> payload, Ipv4Addr source,
                        ClientState state_before, Ignored ignored, LeaseReject reject) {
  std::string type = "unparseable";
  std::string xid = "";
  if (auto m = DhcpMessage::parse(payload)) {
    type = message_type_name(m->message_type());
    xid = hex32(m->header().xid);
  }
  const bool used = ignored == Ignored::None;
  std::string why = used ? "" : dhcpcore::to_string(ignored);
  if (ignored == Ignored::NotAcceptable) why += std::string(": ") + dhcpcore::to_string(reject);
  text(now, "recv " + type + " " + to_string(via) + " from " + source.to_string() + (xid.empty() ? "" : " xid " + xid) +
                " in " + dhcpcore::to_string(state_before) + (used ? "" : " (ignored: " + why + ")"));
  json(head("receive", now) + ",\"state\":" + q(dhcpcore::to_string(state_before)) + ",\"type\":" + q(type) +
       ",\"via\":" + q(to_string(via)) + ",\"from\":" + q(source.to_string()) + ",\"xid\":" + q(xid) +
       ",\"bytes\":" + std::to_string(payload.size()) + ",\"used\":" + (used ? "true" : "false") +
       ",\"ignored\":" + q(used ? "" : dhcpcore::to_string(ignored)) + ",\"reject\":" +
       q(ignored == Ignored::NotAcceptable ? dhcpcore::to_string(reject) : ""));
}

void EventLog::malformed(Millis now, FrameError error) {
  const std::string why = std::string(layer_name(error.layer)) + ": " + dhcpcore::to_string(error);
  text(now, "dropped a malformed packet (" + why + ")");
  json(head("drop", now) + ",\"error\":" + q(why));
}

void EventLog::lease_changed(Millis now, LeaseChange change, const Client& client, const SysError* err) {
  const bool lost = change == LeaseChange::Lost;
  const Lease& l = lost ? client.previous_lease() : client.lease();
  const RouteSet routes = l.routes(&policy_);
  const DnsServers dns = l.dns_servers();
  const Ipv4Prefix net = l.ip_net();

  std::string line = std::string("lease ") + dhcpcore::to_string(change) + ": " + net.to_string();
  std::string j = head("lease", now) + ",\"change\":" + q(dhcpcore::to_string(change)) + ",\"ip\":" +
                  q(l.assigned_ip().to_string()) + ",\"prefix_len\":" + std::to_string(net.len) + ",\"mask\":" +
                  q(l.subnet_mask().to_string());
  if (!lost) {
    const bool fallback = client.lease_is_fallback();
    line += fallback ? " (static fallback)" : " from " + client.server_id().to_string();
    line += ", lease " + std::to_string(lease_seconds(l)) + " s, renew in " + seconds(client.renew_at() - now) +
            ", rebind in " + seconds(client.rebind_at() - now) + ", expires in " + seconds(client.expires_at() - now);
    j += ",\"server_id\":" + q(client.server_id().to_string()) + ",\"lease_s\":" + std::to_string(lease_seconds(l)) +
         ",\"renew_in_ms\":" + std::to_string((client.renew_at() - now).count()) + ",\"rebind_in_ms\":" +
         std::to_string((client.rebind_at() - now).count()) + ",\"expires_in_ms\":" +
         std::to_string((client.expires_at() - now).count()) + ",\"fallback\":" + (fallback ? "true" : "false");
  }
  for (const Route& r : routes.kept) {
    line += "; route " + r.dest.to_string() + (r.on_link() ? " on-link" : " via " + r.router.to_string());
  }
  for (const DroppedRoute& d : routes.dropped) {
    line += "; dropped route " + d.route.dest.to_string() + " via " + d.route.router.to_string() + " (" +
            dhcpcore::to_string(d.reason) + ")";
  }
  for (std::size_t i = 0; i < dns.servers.size(); ++i) {
    line += (i ? ", " : "; dns ") + dns.servers[i].to_string();
  }
  j += ",\"routes\":" + routes_json(routes) + ",\"dropped_routes\":" + dropped_routes_json(routes) +
       ",\"dns\":" + addresses_json(dns.servers);
  j += std::string(",\"applied\":") + (err ? "false" : "true") + ",\"error\":" + q(error_text(err));
  // What the host plan did with the lease: the address it installed and
  // what it refused (for lost: nothing to install, nothing refused).
  std::string host_address, refused = "[]";
  if (applier_ != nullptr && !lost) {
    host_address = planned_address(applier_->plan());
    refused = refused_json(applier_->plan());
    line += refused_text(applier_->plan());
  }
  j += ",\"host_address\":" + q(host_address) + ",\"refused\":" + refused;
  // The lease's names and parameters (reported, not applied).
  j += lease_parameters_json(l, link_mtu_);
  if (const auto d = l.domain_name()) line += "; domain " + std::string(*d);
  if (const auto m = l.interface_mtu(link_mtu_)) line += "; mtu " + std::to_string(*m);
  if (err) line += "; APPLYING FAILED: " + error_text(err);
  text(now, line);
  json(j);
}

void EventLog::warning(Millis now, const SysError& err) {
  text(now, "warning: " + to_string(err));
  json(head("warning", now) + ",\"error\":" + q(to_string(err)));
}

void EventLog::signal(Millis now, int signo) {
  text(now, "received " + signal_name(signo) + ", stopping");
  json(head("signal", now) + ",\"signal\":" + q(signal_name(signo)));
}

}  // namespace dhcpcore::tools
