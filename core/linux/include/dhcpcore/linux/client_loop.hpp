// client_loop.hpp: the event loop that drives a dhcpcore::Client on Linux.
//
// ClientLoop owns the two transports, an epoll instance, a CLOCK_MONOTONIC
// timerfd and a signalfd for SIGINT/SIGTERM. It starts the client, performs
// the Actions of every call in order (open/close transports, send, lease
// changed -> the LeaseHandler), feeds every received DHCP payload to
// Client::on_receive, arms the timer at Client::next_deadline() and calls
// Client::on_timer when it fires. A signal stops the client
// (Client::stop, optionally with a DHCPRELEASE), which reports the lease lost
// so the LeaseHandler removes what it applied. Everything that happens is
// reported to a LoopObserver (logs, JSON events, tests).
//
// Time is milliseconds of CLOCK_MONOTONIC, the client's clock.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "dhcpcore/core/client.hpp"
#include "dhcpcore/linux/sys_error.hpp"
#include "dhcpcore/linux/unique_fd.hpp"
#include "dhcpcore/linux/transport.hpp"

namespace dhcpcore::runtime {

// now_ms: CLOCK_MONOTONIC in milliseconds.
Millis now_ms() noexcept;

enum class Via : std::uint8_t { Broadcast, Unicast };
const char* to_string(Via v) noexcept;

// LeaseHandler applies lease changes to the system (address, routes).
class LeaseHandler {
 public:
  virtual ~LeaseHandler() = default;
  // lease_changed: Acquired/Renewed: apply client.lease() (replacing
  // client.previous_lease() on Renewed); Lost: remove client.previous_lease().
  virtual Status lease_changed(LeaseChange change, const Client& client) = 0;
};

// LoopObserver: everything the loop does, for logs and events. Every method
// has an empty default. err is nullptr when the operation succeeded.
class LoopObserver {
 public:
  virtual ~LoopObserver() = default;
  virtual void started(Millis /*now*/) {}
  virtual void state_changed(Millis /*now*/, ClientState /*from*/, ClientState /*to*/) {}
  // A transport was opened or closed (action.kind is Open*/Close*).
  virtual void transport(Millis /*now*/, const Action& /*action*/, const SysError* /*err*/) {}
  // A message was sent (or sending failed: err set). xid is the client's
  // current transaction.
  virtual void sent(Millis /*now*/, Via /*via*/, const Action& /*action*/, const Client& /*client*/,
                    const SysError* /*err*/) {}
  // A DHCP payload was received and given to the client: ignored is
  // Ignored::None when the client used it.
  virtual void received(Millis /*now*/, Via /*via*/, std::span<const std::uint8_t> /*payload*/,
                        Ipv4Addr /*source*/, ClientState /*state_before*/, Ignored /*ignored*/,
                        LeaseReject /*reject*/) {}
  // A packet on the broadcast socket did not decode (checksum, length...).
  virtual void malformed(Millis /*now*/, FrameError /*error*/) {}
  // The lease changed; err is the LeaseHandler's result.
  virtual void lease_changed(Millis /*now*/, LeaseChange /*change*/, const Client& /*client*/,
                             const SysError* /*err*/) {}
  // A non-fatal error (a receive failed, the unicast peer is unreachable).
  virtual void warning(Millis /*now*/, const SysError& /*err*/) {}
  // A stop signal arrived.
  virtual void signal(Millis /*now*/, int /*signo*/) {}
};

struct RunOptions {
  bool release_on_stop = false;          // DHCPRELEASE on SIGINT/SIGTERM
  bool exit_when_bound = false;          // return Bound at the first BOUND, lease left applied
  std::optional<Millis> bind_timeout;    // give up (Timeout) when not BOUND this long after start
};

enum class RunResult : std::uint8_t {
  Stopped,  // SIGINT/SIGTERM: the client was stopped, its lease reported lost
  Bound,    // exit_when_bound: the client is BOUND, the lease stays applied
  Timeout,  // bind_timeout passed without BOUND: the client was stopped
  Error,    // a fatal error (error() says which): the client was stopped
};
const char* to_string(RunResult r) noexcept;

class ClientLoop {
 public:
  ClientLoop(Client& client, std::string ifname, int ifindex, Rng& rng, LeaseHandler& leases,
             LoopObserver& observer);

  // init: epoll, timerfd, signalfd (blocks SIGINT and SIGTERM for the
  // process so they arrive on the signalfd). Call once before run().
  Status init();

  // run: starts the client and loops until a stop signal, exit_when_bound,
  // the bind timeout or a fatal error (opening the broadcast transport
  // fails, the interface disappears).
  RunResult run(const RunOptions& options);

  // The fatal error of an Error result (code 0 when there was none).
  SysError error() const { return fatal_.value_or(SysError{}); }
  // The signal that stopped a Stopped run.
  int stop_signal() const noexcept { return stop_signal_; }

 private:
  void perform(Millis now, const Actions& actions);
  void after_call(Millis now, ClientState before, const Actions& actions);
  void drain(Via via);
  void fire_timers();
  Status arm_timer(std::optional<Millis> at);
  void fail(SysError e);
  void watch(int fd, std::uint32_t tag);
  void unwatch(int fd);
  void stop_client(Millis now, bool release);

  Client& client_;
  Rng& rng_;
  LeaseHandler& leases_;
  LoopObserver& observer_;
  BroadcastTransport broadcast_;
  UnicastTransport unicast_;
  UniqueFd epoll_, timer_, signal_;
  std::optional<SysError> fatal_;
  int stop_signal_ = 0;
  bool stop_requested_ = false;
};

}  // namespace dhcpcore::runtime
