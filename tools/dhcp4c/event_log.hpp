// event_log.hpp: dhcp4c's report of what the client loop does: one line per
// event on stderr for people and, with --json-events, one JSON object per
// line on stdout for programs (schema in docs/dhcp4c.md#events---json-events).
#pragma once

#include <cstdio>
#include <string>

#include "dhcpcore/core/routes.hpp"
#include "dhcpcore/linux/client_loop.hpp"
#include "dhcpcore/linux/lease_applier.hpp"

namespace dhcpcore::tools {

class EventLog final : public runtime::LoopObserver {
 public:
  EventLog(bool json, const RoutePolicy& policy, Millis epoch) : json_(json), policy_(policy), epoch_(epoch) {}

  // set_applier: the applier whose latest plan each lease event reports
  // (host_address, refused); none: those keys stay empty.
  void set_applier(const runtime::LeaseApplier* applier) noexcept { applier_ = applier; }

  // start: the interface and settings dhcp4c runs with.
  void start(const std::string& iface, int ifindex, const MacAddr& mac, std::uint32_t mtu,
             const std::string& policy_name, bool once, std::uint32_t metric);
  // exit: how dhcp4c ends (reason, exit code, error text or "").
  void exit(const std::string& reason, int code, const std::string& error);
  // error / note: a message outside the loop (startup, cleanup).
  void error(const std::string& what);
  void note(const std::string& what);

  void state_changed(Millis now, ClientState from, ClientState to) override;
  void transport(Millis now, const Action& action, const runtime::SysError* err) override;
  void sent(Millis now, runtime::Via via, const Action& action, const Client& client,
            const runtime::SysError* err) override;
  void received(Millis now, runtime::Via via, std::span<const std::uint8_t> payload, Ipv4Addr source,
                ClientState state_before, Ignored ignored, LeaseReject reject) override;
  void malformed(Millis now, FrameError error) override;
  void lease_changed(Millis now, LeaseChange change, const Client& client, const runtime::SysError* err) override;
  void warning(Millis now, const runtime::SysError& err) override;
  void signal(Millis now, int signo) override;

 private:
  void text(Millis now, const std::string& line);
  void json(const std::string& object_body);
  std::string head(const char* event, Millis now) const;

  bool json_;
  RoutePolicy policy_;
  const runtime::LeaseApplier* applier_ = nullptr;
  Millis epoch_;
  std::uint32_t link_mtu_ = 65535;  // the interface's MTU (start): the most option 26 may set
};

}  // namespace dhcpcore::tools
