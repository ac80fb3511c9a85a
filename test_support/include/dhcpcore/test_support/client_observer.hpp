// client_observer.hpp: the client state machine's invariants, checked against
// what the machine did (its actions), shared by the model-based property
// (properties/client_model_properties.cpp) and the client_session fuzz
// target. No RapidCheck: observe() returns the broken invariant or nullptr.
//
// Invariants (issue 4):
//   - BOUND implies a real (not fallback) lease;
//   - lease changes alternate: acquired only without a lease, renewed and
//     lost only with one, and the client's has_lease() agrees;
//   - renew <= rebind <= expiry while BOUND, RENEWING or REBINDING;
//   - a transport is opened only when closed and closed only when open; a
//     message is sent only on an open one; the client's view agrees;
//   - nothing is sent unicast without a lease;
//   - every message re-parses as a BOOTREQUEST from our chaddr with the
//     current XID (RELEASE excepted), at most kMaxClientMessage bytes; a
//     DISCOVER only in DISCOVERING; a REQUEST in REQUESTING carries 50 and
//     54 and no ciaddr, one in RENEWING or REBINDING ciaddr and neither;
//   - at most one message per call, and at most kMaxTimerSendsPerSecond
//     timer-driven messages in any second of the caller's clock (a renew
//     storm sends one per ACK at the same instant);
//   - STOPPED means nothing open and no lease; otherwise a deadline exists.
// And for a received message (observe_receive), where "used" means the call
// produced actions (an ignored message produces none):
//   - in REQUESTING only an ACK or NAK whose server identifier (54) is the
//     one the client's REQUEST named is used (RFC 2131 3.1 step 3): BOUND is
//     reached from REQUESTING only through the selected server's ACK;
//   - in DISCOVERING an ACK binds only with Rapid Commit (80, RFC 4039).
// The selected server is read from the REQUEST the client sent, not asked
// of the client.
#pragma once

#include <algorithm>
#include <deque>
#include <optional>
#include <span>

#include "dhcpcore/core/client.hpp"
#include "dhcpcore/parsers/dhcp_message.hpp"
#include "dhcpcore/test_support/models.hpp"

namespace dhcpcore::test {

inline constexpr std::size_t kMaxTimerSendsPerSecond = 6;

class ClientObserver {
 public:
  // observe checks the actions one call of `client` returned at time `at`
  // (from_timer: the call was on_timer). Returns nullptr, or what broke.
  const char* observe(const Client& client, const Actions& actions, bool from_timer, Millis at) {
    int sends = 0;
    for (const Action& a : actions) {
      switch (a.kind) {
        case ActionKind::OpenBroadcast:
          if (bcast_) return "broadcast transport opened twice";
          bcast_ = true;
          break;
        case ActionKind::CloseBroadcast:
          if (!bcast_) return "broadcast transport closed while closed";
          bcast_ = false;
          break;
        case ActionKind::OpenUnicast:
          if (ucast_) return "unicast transport opened twice";
          if (!model::usable_unicast(a.bind_ip) || !model::usable_unicast(a.server_ip)) {
            return "unicast transport opened with an unusable address";
          }
          ucast_ = true;
          break;
        case ActionKind::CloseUnicast:
          if (!ucast_) return "unicast transport closed while closed";
          ucast_ = false;
          break;
        case ActionKind::LeaseChanged:
          if (a.lease_change == LeaseChange::Acquired) {
            if (lease_) return "lease acquired while holding one";
            lease_ = true;
          } else {
            if (!lease_) return "lease renewed or lost without one";
            lease_ = a.lease_change != LeaseChange::Lost;
          }
          break;
        case ActionKind::SendBroadcast:
        case ActionKind::SendUnicast: {
          ++sends;
          const bool unicast = a.kind == ActionKind::SendUnicast;
          if (unicast ? !ucast_ : !bcast_) return "message sent on a closed transport";
          if (unicast && !lease_) return "message sent unicast without a lease";
          if (const char* e = check_message(client, a)) return e;
          if (from_timer) timer_sends_.push_back(at);
          break;
        }
      }
    }
    if (sends > 1) return "more than one message in one call";
    while (!timer_sends_.empty() && timer_sends_.front() <= at - Millis{1000}) timer_sends_.pop_front();
    if (timer_sends_.size() > kMaxTimerSendsPerSecond) return "too many timer-driven messages in one second";
    if (client.broadcast_open() != bcast_ || client.unicast_open() != ucast_) {
      return "client's transport state disagrees with its actions";
    }
    if (client.has_lease() != lease_) return "client's lease disagrees with its lease actions";
    const ClientState s = client.state();
    saw_bound = saw_bound || s == ClientState::Bound;
    saw_renewing = saw_renewing || s == ClientState::Renewing;
    saw_rebinding = saw_rebinding || s == ClientState::Rebinding;
    if (s == ClientState::Bound && (!lease_ || client.lease_is_fallback())) return "BOUND without a lease";
    if (s == ClientState::Bound || s == ClientState::Renewing || s == ClientState::Rebinding) {
      if (client.renew_at() > client.rebind_at() || client.rebind_at() > client.expires_at()) {
        return "deadlines out of order (renew <= rebind <= expiry)";
      }
      if (client.lease().expires_at() != client.expires_at()) return "lease expiry differs from the state's";
    }
    if (s == ClientState::Stopped) {
      if (bcast_ || ucast_ || lease_) return "STOPPED with a transport or a lease";
    } else if (!client.next_deadline()) {
      return "running without a deadline";
    }
    state_ = s;
    return nullptr;
  }

  // observe_receive: observe() for the actions on_receive(payload) returned,
  // then the rules on which received messages may be used.
  const char* observe_receive(const Client& client, std::span<const std::uint8_t> payload, const Actions& actions,
                              Millis at) {
    const ClientState before = state_;
    if (const char* e = observe(client, actions, false, at)) return e;
    if (actions.empty()) return nullptr;  // ignored
    auto parsed = DhcpMessage::parse(payload);
    if (!parsed) return "an unparseable message was used";
    const DhcpMessage& m = *parsed;
    const auto type = static_cast<DhcpMessageType>(m.message_type());
    if (before == ClientState::Requesting) {
      if (type != DhcpMessageType::Ack && type != DhcpMessageType::Nak) return "REQUESTING used neither ACK nor NAK";
      const auto sid = m.fixed(opt::kServerId, 4);
      if (!sid || !selected_server_ || Ipv4Addr::from_bytes(sid->first<4>()) != *selected_server_) {
        return "REQUESTING used an ACK or NAK from a server it did not select";
      }
    }
    if (before == ClientState::Discovering && client.state() == ClientState::Bound) {
      if (type != DhcpMessageType::Ack || !m.has(opt::kRapidCommit)) {
        return "bound from DISCOVERING by a message that is not an ACK with Rapid Commit";
      }
    }
    return nullptr;
  }

  bool holds_lease() const noexcept { return lease_; }
  bool saw_bound = false, saw_renewing = false, saw_rebinding = false;

 private:
  const char* check_message(const Client& client, const Action& a) {
    if (a.payload.size() > kMaxClientMessage) return "message larger than kMaxClientMessage";
    auto parsed = DhcpMessage::parse(a.payload);
    if (!parsed) return "sent message does not parse";
    const DhcpMessage& m = *parsed;
    const DhcpHeader& h = m.header();
    const MacAddr& mac = client.config().mac;
    if (h.op != 1) return "sent message is not a BOOTREQUEST";
    if (!std::equal(mac.begin(), mac.end(), h.chaddr.begin())) return "sent message has another chaddr";
    if (m.message_type() != static_cast<std::uint8_t>(a.message_type)) return "sent message type differs";
    if (a.message_type == DhcpMessageType::Release) return nullptr;
    if (h.xid != client.xid()) return "sent message has another XID than the transaction";
    const ClientState s = client.state();
    if (a.message_type == DhcpMessageType::Discover) {
      if (s != ClientState::Discovering) return "DISCOVER outside DISCOVERING";
      if (!h.ciaddr.is_unspecified()) return "DISCOVER with ciaddr";
      return nullptr;
    }
    if (a.message_type != DhcpMessageType::Request) return "sent a message that is not DISCOVER/REQUEST/RELEASE";
    if (s == ClientState::Requesting) {
      const auto sid = m.fixed(opt::kServerId, 4);
      if (!sid || !m.fixed(opt::kRequestedIp, 4)) return "REQUEST without 50/54";
      if (!h.ciaddr.is_unspecified()) return "selecting REQUEST with ciaddr";
      selected_server_ = Ipv4Addr::from_bytes(sid->first<4>());
      return nullptr;
    }
    if (s != ClientState::Renewing && s != ClientState::Rebinding) return "REQUEST in a state that sends none";
    if (h.ciaddr != client.lease().assigned_ip()) return "renewing REQUEST without the lease's ciaddr";
    if (m.has(opt::kServerId) || m.has(opt::kRequestedIp)) return "renewing REQUEST with 50 or 54";
    return nullptr;
  }

  bool bcast_ = false, ucast_ = false, lease_ = false;
  std::deque<Millis> timer_sends_;
  ClientState state_ = ClientState::Stopped;      // after the last call observed
  std::optional<Ipv4Addr> selected_server_;       // 54 of the last REQUEST sent in REQUESTING
};

}  // namespace dhcpcore::test
