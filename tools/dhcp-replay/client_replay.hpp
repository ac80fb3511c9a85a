// client_replay.hpp: dhcp-replay --client: a Client fed the recorded
// server -> client replies on the capture's clock, reporting its
// transitions, lease changes and final lease as summary lines.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "dhcpcore/core/client.hpp"
#include "report.hpp"

namespace dhcpcore::tools {

class ClientReplay {
 public:
  // The client's MAC, the route policy of its lease reports, and where its
  // lines go.
  ClientReplay(const MacAddr& mac, const RoutePolicy& policy, Report& report);

  // start: the client starts DISCOVERING at `now` (the first frame's time
  // that names the client).
  void start(Millis now);

  // advance runs the timers due up to now (see the definition for the
  // per-frame budget that keeps long gaps cheap).
  void advance(Millis now);

  // client_message: a recorded client -> server message from our MAC, with
  // its XID (the server's replies to it are rewritten to client.xid()).
  void client_message(std::uint32_t xid) { recorded_xid_ = xid; }

  // client_release: the recorded client sent a DHCPRELEASE, so it gave its
  // lease up and stopped (RFC 2131 4.4.6; dhcp4c --release-on-stop sends it
  // only from Client::stop): stop the replayed client the same way, else it
  // would report a lease the capture shows released.
  void client_release(Millis now, std::size_t frame);

  // reply: a recorded server -> client message, fed to the client.
  void reply(Millis now, std::size_t frame, std::span<const std::uint8_t> payload, std::uint32_t xid,
             unsigned msg_type);

  // finish: the client_result line.
  void finish(Millis now);

  // timers_json: the --stats line.
  std::string timers_json() const;

 private:
  void observe(const Actions& a, Millis now, std::size_t frame);
  Millis jump_target(Millis now) const;

  static constexpr int kTimerStepsPerFrame = 64;
  static constexpr int kMaxTimerCallsPerFrame = kTimerStepsPerFrame + 8;

  RoutePolicy policy_;
  Report& report_;
  std::unique_ptr<Client> client_;
  // The backoff jitter and XIDs come from a fixed-seed XorshiftRng: the same
  // on every run. The XIDs it yields do not matter (replies are rewritten to
  // client.xid(), see main.cpp's header comment).
  XorshiftRng rng_;
  std::optional<std::uint32_t> recorded_xid_;
  ClientState last_state_ = ClientState::Stopped;
  std::size_t received_ = 0, used_ = 0, transitions_ = 0;
  std::size_t timer_calls_ = 0, max_calls_per_frame_ = 0, jumps_ = 0;
};

}  // namespace dhcpcore::tools
