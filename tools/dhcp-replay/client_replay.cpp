#include "client_replay.hpp"

#include <algorithm>
#include <vector>

#include "common/cli.hpp"
#include "common/format.hpp"
#include "common/json.hpp"
#include "dhcpcore/parsers/dhcp_message.hpp"

namespace dhcpcore::tools {

namespace {

std::string lease_json(const Lease& l, const RoutePolicy& policy, Millis now) {
  const RouteSet rs = l.routes(&policy);
  const DnsServers dns = l.dns_servers();
  return "{\"ip\":" + json_string(l.assigned_ip().to_string()) +
         ",\"prefix_len\":" + std::to_string(l.subnet_prefix_len()) +
         ",\"expires_in_s\":" + std::to_string((l.expires_at() - now).count() / 1000) + ",\"routes\":" +
         routes_json(rs) + ",\"dropped_routes\":" + dropped_routes_json(rs) + ",\"dns\":" + addresses_json(dns.servers) +
         "}";
}

}  // namespace

ClientReplay::ClientReplay(const MacAddr& mac, const RoutePolicy& policy, Report& report)
    : policy_(policy), report_(report) {
  ClientConfig cfg;
  cfg.mac = mac;
  for (std::uint8_t code : kDhcp4cRequestedOptions) (void)cfg.requested_options.push_back(code);
  client_ = std::make_unique<Client>(cfg);
}

void ClientReplay::start(Millis now) { observe(client_->start(now, rng_), now, 0); }

// The first kTimerStepsPerFrame timers run at their own deadlines, as a loop
// woken at each deadline would run them. A longer gap in the capture would
// make that a CPU sink (a client discovering without an answer retransmits
// every 30 s or less: 2e8 s of gap is millions of calls), so past that
// budget the clock jumps: to T1 in BOUND, in RENEWING straight to T2 and in
// REBINDING to expiry when they are due (the state changes land at their
// deadlines; the retransmissions in between change nothing the replay
// reports), otherwise to now, as a loop woken late (a suspended host) runs
// its timer once. Each call after the budget moves the client along BOUND ->
// RENEWING -> REBINDING -> DISCOVERING or leaves its next deadline after
// now, so at most four follow the budget (T1, T2, expiry, now): 68 calls per
// frame. kMaxTimerCallsPerFrame only guards that reasoning.
void ClientReplay::advance(Millis now) {
  int calls = 0;
  for (; calls < kMaxTimerCallsPerFrame; ++calls) {
    const auto d = client_->next_deadline();
    if (!d || *d > now) break;
    Millis at = *d;
    if (calls >= kTimerStepsPerFrame) {
      at = std::max(at, jump_target(now));
      if (at != *d) ++jumps_;
    }
    observe(client_->on_timer(at, rng_), at, 0);
  }
  timer_calls_ += static_cast<std::size_t>(calls);
  max_calls_per_frame_ = std::max(max_calls_per_frame_, static_cast<std::size_t>(calls));
}

std::string ClientReplay::timers_json() const {
  return "{\"kind\":\"timers\",\"calls\":" + std::to_string(timer_calls_) +
         ",\"max_calls_per_frame\":" + std::to_string(max_calls_per_frame_) + ",\"jumps\":" +
         std::to_string(jumps_) + "}";
}

void ClientReplay::client_release(Millis now, std::size_t frame) { observe(client_->stop(now, true, rng_), now, frame); }

void ClientReplay::reply(Millis now, std::size_t frame, std::span<const std::uint8_t> payload, std::uint32_t xid,
                         unsigned msg_type) {
  std::vector<std::uint8_t> copy(payload.begin(), payload.end());
  const bool rewrite = recorded_xid_ && xid == *recorded_xid_ && copy.size() >= kDhcpXidOffset + 4;
  if (rewrite) {
    const std::uint32_t x = client_->xid();
    for (std::size_t i = 0; i < 4; ++i) copy[kDhcpXidOffset + i] = static_cast<std::uint8_t>(x >> (24 - 8 * i));
  }
  const ClientState before = client_->state();
  Actions a = client_->on_receive(now, copy, rng_);
  const Ignored ig = client_->last_ignored();
  std::string line = "{\"kind\":\"client\",\"event\":\"receive\",\"frame\":" + std::to_string(frame) +
                     ",\"t_ms\":" + std::to_string(now.count()) + ",\"state\":\"" + to_string(before) +
                     "\",\"type\":\"" + message_type_name(msg_type) + "\",\"xid_rewritten\":" +
                     (rewrite ? "true" : "false") + ",\"used\":" + (ig == Ignored::None ? "true" : "false") +
                     ",\"ignored\":" + json_string(ig == Ignored::None ? "" : to_string(ig));
  line += ",\"reject\":" + json_string(ig == Ignored::NotAcceptable ? to_string(client_->last_reject()) : "") + "}";
  report_.summary(line);
  ++received_;
  if (ig == Ignored::None) ++used_;
  observe(a, now, frame);
}

void ClientReplay::finish(Millis now) {
  std::string s = "{\"kind\":\"client_result\",\"state\":\"" + std::string(to_string(client_->state())) + "\"";
  s += ",\"replies\":" + std::to_string(received_) + ",\"used\":" + std::to_string(used_);
  s += ",\"transitions\":" + std::to_string(transitions_);
  s += ",\"lease\":" + (client_->has_lease() ? lease_json(client_->lease(), policy_, now) : std::string("null"));
  s += "}";
  report_.summary(s);
}

// observe reports the state transition (the state machine reports none, so
// compare with the last state seen) and the lease changes of one call.
void ClientReplay::observe(const Actions& a, Millis now, std::size_t frame) {
  const ClientState now_state = client_->state();
  if (now_state != last_state_) {
    report_.summary("{\"kind\":\"client\",\"event\":\"state\",\"frame\":" + std::to_string(frame) + ",\"t_ms\":" +
                    std::to_string(now.count()) + ",\"from\":\"" + to_string(last_state_) + "\",\"to\":\"" +
                    to_string(now_state) + "\"}");
    ++transitions_;
  }
  last_state_ = now_state;
  for (const Action& act : a) {
    if (act.kind != ActionKind::LeaseChanged) continue;
    const Lease& l = act.lease_change == LeaseChange::Lost ? client_->previous_lease() : client_->lease();
    report_.summary("{\"kind\":\"client\",\"event\":\"lease\",\"frame\":" + std::to_string(frame) + ",\"t_ms\":" +
                    std::to_string(now.count()) + ",\"change\":\"" + to_string(act.lease_change) +
                    "\",\"ip\":" + json_string(l.assigned_ip().to_string()) + "}");
  }
}

// jump_target: where the clock jumps once the per-frame budget is spent
// (advance): the state's own deadline when it is due, else now.
Millis ClientReplay::jump_target(Millis now) const {
  switch (client_->state()) {
    case ClientState::Bound: return client_->renew_at();  // due, or advance would not ask
    case ClientState::Renewing: return std::min(client_->rebind_at(), now);
    case ClientState::Rebinding: return std::min(client_->expires_at(), now);
    default: return now;
  }
}

}  // namespace dhcpcore::tools
