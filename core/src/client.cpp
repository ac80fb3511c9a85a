// client.cpp: the sans-I/O client state machine (see client.hpp).
//
// The structure follows dhcpc.go: a "transaction state" (DISCOVERING,
// REQUESTING, RENEWING, REBINDING) sends its message, asks its backoff how
// long to wait and waits until then or until its state deadline; a matching
// reply advances the machine; a reply that does not is ignored and the wait
// goes on. Where the reference blocks in Receive(), this machine returns and
// asks to be woken at the receive deadline.
#include "dhcpcore/core/client.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <type_traits>
#include <variant>

namespace dhcpcore {

namespace {

// Options the client always asks for (dhcpc.go internalOptions).
constexpr std::uint8_t kInternalOptions[] = {opt::kSubnetMask, opt::kLeaseTime};

// Codes the client sets itself; an extra option may not use them.
constexpr std::uint8_t kReservedCodes[] = {opt::kPad,        opt::kRequestedIp, opt::kOverload,
                                           opt::kMessageType, opt::kServerId,    opt::kParameterRequestList,
                                           opt::kMaxMessageSize, opt::kVendorClass, opt::kClientId,
                                           opt::kRapidCommit, opt::kEnd};

// The smallest renew time the client uses, whatever T1 says: half the lease,
// at most one second. Without a floor, a server sending T1 = 0 (or, in the
// reference, T1 without T2: defect 1) makes every ACK trigger the next
// renewal at once, a request storm.
constexpr Millis kMinRenewFloor{1000};

constexpr std::uint16_t max_message_size(std::uint32_t mtu) noexcept {
  // RFC 2132 9.10: the minimum legal value is 576.
  return static_cast<std::uint16_t>(std::clamp<std::uint32_t>(mtu, 576, 65535));
}

bool is_reserved_code(std::uint8_t code) noexcept {
  return std::find(std::begin(kReservedCodes), std::end(kReservedCodes), code) != std::end(kReservedCodes);
}

bool valid_backoff(const BackoffParams& b) noexcept {
  return b.initial.count() > 0 && b.max_interval >= b.initial && b.multiplier >= 1.0 &&
         b.randomization >= 0.0 && b.randomization < 1.0 && b.max_elapsed.count() >= 0;
}

// What a message carries besides the fixed fields: the pieces build() and
// validate() share so that validate() checks exactly what will be sent.
struct MessageShape {
  DhcpMessageType type = DhcpMessageType::Discover;
  bool selecting = false;   // REQUEST in REQUESTING: 50 and 54
  Ipv4Addr requested_ip;    // 50
  Ipv4Addr server_id;       // 54 (also RELEASE)
};

struct OptionStorage {
  std::array<std::uint8_t, 1> type{};
  std::array<std::uint8_t, 4> requested{};
  std::array<std::uint8_t, 4> server{};
  std::array<std::uint8_t, 2> max_size{};
  StaticVector<std::uint8_t, 64 + 2> prl;
  StaticVector<OptionRef, 24> refs;
};

// assemble fills st.refs with the options of a message of the given shape.
void assemble(const ClientConfig& c, const MessageShape& m, OptionStorage& st) noexcept {
  st.type[0] = static_cast<std::uint8_t>(m.type);
  (void)st.refs.push_back({opt::kMessageType, st.type});
  const bool release = m.type == DhcpMessageType::Release;
  if (m.selecting) {
    st.requested = m.requested_ip.octets();
    (void)st.refs.push_back({opt::kRequestedIp, st.requested});
  }
  if (m.selecting || release) {
    st.server = m.server_id.octets();
    (void)st.refs.push_back({opt::kServerId, st.server});
  }
  if (!c.client_id.empty()) (void)st.refs.push_back({opt::kClientId, c.client_id.span()});
  if (release) return;  // RFC 2131 table 5: nothing else in a RELEASE
  // Parameter request list: the requested codes without repeats, then 1 and
  // 51 unless already there.
  for (std::uint8_t code : c.requested_options) {
    if (std::find(st.prl.begin(), st.prl.end(), code) == st.prl.end()) (void)st.prl.push_back(code);
  }
  for (std::uint8_t code : kInternalOptions) {
    if (std::find(st.prl.begin(), st.prl.end(), code) == st.prl.end()) (void)st.prl.push_back(code);
  }
  (void)st.refs.push_back({opt::kParameterRequestList, st.prl.span()});
  const std::uint16_t mms = max_message_size(c.mtu);
  st.max_size = {static_cast<std::uint8_t>(mms >> 8), static_cast<std::uint8_t>(mms)};
  (void)st.refs.push_back({opt::kMaxMessageSize, st.max_size});
  if (!c.vendor_class.empty()) (void)st.refs.push_back({opt::kVendorClass, c.vendor_class.span()});
  if (!c.hostname.empty()) (void)st.refs.push_back({opt::kHostName, c.hostname.span()});
  for (const ExtraOption& e : c.extra_options) (void)st.refs.push_back({e.code, e.data.span()});
  if (m.type == DhcpMessageType::Discover) (void)st.refs.push_back({opt::kRapidCommit, {}});
}

DhcpMessageRepr make_repr(const ClientConfig& c, std::uint32_t xid, Ipv4Addr ciaddr,
                          const OptionStorage& st) noexcept {
  DhcpMessageRepr r;
  r.header.op = static_cast<std::uint8_t>(DhcpOp::BootRequest);
  r.header.htype = 1;
  r.header.hlen = 6;
  r.header.xid = xid;
  r.header.ciaddr = ciaddr;
  std::copy(c.mac.begin(), c.mac.end(), r.header.chaddr.begin());
  r.options = st.refs.span();
  // RFC 1542 2.1: some relays and servers drop BOOTP messages under 300
  // bytes; the reference's library pads to 300 as well.
  r.min_size = 300;
  return r;
}

// from_server: msg's server identifier (54) is `server`. A message
// without a 4-byte 54 is from no server in particular, so it is not.
bool from_server(const DhcpMessage& msg, Ipv4Addr server) noexcept {
  const auto sid = msg.fixed(opt::kServerId, 4);
  return sid && Ipv4Addr::from_bytes(sid->first<4>()) == server;
}

Action simple(ActionKind k) noexcept {
  Action a;
  a.kind = k;
  return a;
}

}  // namespace

const char* to_string(ClientState s) noexcept {
  switch (s) {
    case ClientState::Stopped: return "Stopped";
    case ClientState::Discovering: return "Discovering";
    case ClientState::Requesting: return "Requesting";
    case ClientState::Bound: return "Bound";
    case ClientState::Renewing: return "Renewing";
    case ClientState::Rebinding: return "Rebinding";
  }
  return "Unknown";
}

const char* to_string(ConfigError e) noexcept {
  switch (e) {
    case ConfigError::None: return "None";
    case ConfigError::ZeroMac: return "ZeroMac";
    case ConfigError::BadOptionCode: return "BadOptionCode";
    case ConfigError::MessageTooLarge: return "MessageTooLarge";
    case ConfigError::BadBackoff: return "BadBackoff";
    case ConfigError::BadFallback: return "BadFallback";
    case ConfigError::BadHostname: return "BadHostname";
  }
  return "Unknown";
}

const char* to_string(ActionKind k) noexcept {
  switch (k) {
    case ActionKind::OpenBroadcast: return "OpenBroadcast";
    case ActionKind::CloseBroadcast: return "CloseBroadcast";
    case ActionKind::OpenUnicast: return "OpenUnicast";
    case ActionKind::CloseUnicast: return "CloseUnicast";
    case ActionKind::SendBroadcast: return "SendBroadcast";
    case ActionKind::SendUnicast: return "SendUnicast";
    case ActionKind::LeaseChanged: return "LeaseChanged";
  }
  return "Unknown";
}

const char* to_string(LeaseChange c) noexcept {
  switch (c) {
    case LeaseChange::Acquired: return "Acquired";
    case LeaseChange::Renewed: return "Renewed";
    case LeaseChange::Lost: return "Lost";
  }
  return "Unknown";
}

const char* to_string(Ignored i) noexcept {
  switch (i) {
    case Ignored::None: return "None";
    case Ignored::NotListening: return "NotListening";
    case Ignored::Unparseable: return "Unparseable";
    case Ignored::NotBootReply: return "NotBootReply";
    case Ignored::WrongChaddr: return "WrongChaddr";
    case Ignored::WrongXid: return "WrongXid";
    case Ignored::UnexpectedType: return "UnexpectedType";
    case Ignored::NotAcceptable: return "NotAcceptable";
    case Ignored::WrongServer: return "WrongServer";
    case Ignored::NoRapidCommit: return "NoRapidCommit";
  }
  return "Unknown";
}

// ---- Backoff -------------------------------------------------------------------

void Client::Backoff::reset(Millis now) noexcept {
  current_ms = static_cast<double>(params.initial.count());
  started = now;
}

std::optional<Millis> Client::Backoff::next(Millis now, Rng& rng) noexcept {
  // ExponentialBackOff.NextBackOff: randomize the current interval, grow it,
  // stop when the elapsed time plus this interval passes max_elapsed.
  const Millis elapsed = now - started;
  double interval = current_ms;
  if (params.randomization > 0.0) {
    const double delta = params.randomization * current_ms;
    const double u = static_cast<double>(rng.next_u32()) / 4294967296.0;  // [0, 1)
    interval = current_ms - delta + u * (2.0 * delta);
  }
  const double max = static_cast<double>(params.max_interval.count());
  current_ms = current_ms >= max / params.multiplier ? max : current_ms * params.multiplier;
  const Millis wait(static_cast<std::int64_t>(interval));
  if (params.max_elapsed.count() != 0 && elapsed + wait > params.max_elapsed) return std::nullopt;
  return wait;
}

// ---- Client --------------------------------------------------------------------

ConfigError Client::validate(const ClientConfig& c) noexcept {
  if (std::all_of(c.mac.begin(), c.mac.end(), [](std::uint8_t b) { return b == 0; })) {
    return ConfigError::ZeroMac;
  }
  for (std::uint8_t code : c.requested_options) {
    if (code == opt::kPad || code == opt::kEnd) return ConfigError::BadOptionCode;
  }
  for (const ExtraOption& e : c.extra_options) {
    if (is_reserved_code(e.code)) return ConfigError::BadOptionCode;
  }
  // The host name is sent as configured, so it must already be in the form
  // the decoder would hand a server's name on: nothing dropped, nothing bad.
  if (!c.hostname.empty()) {
    const auto name = decode_hostname(c.hostname.span());
    if (!name || name->size() != c.hostname.size()) return ConfigError::BadHostname;
    for (const ExtraOption& e : c.extra_options) {
      if (e.code == opt::kHostName) return ConfigError::BadHostname;
    }
  }
  // The discover backoff may not stop: DISCOVERING has no other way out.
  if (!valid_backoff(c.discover_backoff) || c.discover_backoff.max_elapsed.count() != 0 ||
      !valid_backoff(c.request_backoff) || !valid_backoff(c.renew_backoff) ||
      !valid_backoff(c.rebind_backoff)) {
    return ConfigError::BadBackoff;
  }
  if (c.fallback) {
    const StaticFallback& f = *c.fallback;
    if (!f.address.addr.is_usable_unicast() || f.address.len == 0 || f.address.len > 32 ||
        f.after_discovers == 0) {
      return ConfigError::BadFallback;
    }
    if (!f.router.is_unspecified() && !f.router.is_usable_unicast()) return ConfigError::BadFallback;
    for (Ipv4Addr d : f.dns) {
      if (!d.is_usable_unicast()) return ConfigError::BadFallback;
    }
  }
  // The largest message: a REQUEST in REQUESTING (DISCOVER has 80 instead of
  // 50 and 54, RELEASE less).
  OptionStorage st;
  MessageShape m;
  m.type = DhcpMessageType::Request;
  m.selecting = true;
  assemble(c, m, st);
  if (make_repr(c, 0, Ipv4Addr(), st).wire_size() > kMaxClientMessage) return ConfigError::MessageTooLarge;
  return ConfigError::None;
}

Client::Client(const ClientConfig& config) noexcept : config_(config) {
  config_ok_ = validate(config_) == ConfigError::None;
  discover_backoff_.params = config_.discover_backoff;
  request_backoff_.params = config_.request_backoff;
  renew_backoff_.params = config_.renew_backoff;
  rebind_backoff_.params = config_.rebind_backoff;
}

// ---- per-state data ------------------------------------------------------------

namespace {
const Lease kNoLease{};
}  // namespace

const Client::ServerLease* Client::server_lease() const noexcept {
  if (const auto* b = std::get_if<BoundData>(&data_)) return &b->held;
  if (const auto* r = std::get_if<RenewingData>(&data_)) return &r->held;
  if (const auto* r = std::get_if<RebindingData>(&data_)) return &r->held;
  return nullptr;
}

const std::optional<Lease>* Client::fallback_slot() const noexcept {
  if (const auto* d = std::get_if<DiscoveringData>(&data_)) return &d->fallback;
  if (const auto* r = std::get_if<RequestingData>(&data_)) return &r->fallback;
  return nullptr;
}

const Lease* Client::current_lease() const noexcept {
  if (const ServerLease* h = server_lease()) return &h->lease;
  if (const std::optional<Lease>* f = fallback_slot(); f && *f) return &**f;
  return nullptr;
}

const Lease& Client::lease() const noexcept {
  const Lease* l = current_lease();
  return l ? *l : kNoLease;
}

bool Client::lease_is_fallback() const noexcept {
  const std::optional<Lease>* f = fallback_slot();
  return f && f->has_value();
}

Ipv4Addr Client::server_id() const noexcept {
  const ServerLease* h = server_lease();
  return h ? h->server_id : Ipv4Addr();
}

Millis Client::renew_at() const noexcept {
  const ServerLease* h = server_lease();
  return h ? h->renew_at : Millis{0};
}

Millis Client::rebind_at() const noexcept {
  const ServerLease* h = server_lease();
  return h ? h->rebind_at : Millis{0};
}

Millis Client::expires_at() const noexcept {
  const ServerLease* h = server_lease();
  return h ? h->expires_at : Millis{0};
}

std::optional<Millis> Client::next_deadline() const noexcept {
  switch (state()) {
    case ClientState::Stopped: return std::nullopt;
    case ClientState::Bound: return renew_at();
    default: return receive_deadline_;
  }
}

void Client::push(Actions& out, const Action& a) noexcept {
  // Actions holds the longest sequence one call produces (kMaxActionsPerCall,
  // client.hpp); a push past it would be a bug in that count, so it traps
  // rather than drop an action.
  if (!out.push_back(a)) __builtin_trap();
}

Client::Backoff& Client::backoff_for(ClientState s) noexcept {
  switch (s) {
    case ClientState::Requesting: return request_backoff_;
    case ClientState::Renewing: return renew_backoff_;
    case ClientState::Rebinding: return rebind_backoff_;
    default: return discover_backoff_;
  }
}

Actions Client::start(Millis now, Rng& rng) noexcept {
  Actions out;
  if (state() != ClientState::Stopped || !config_ok_) return out;
  push(out, simple(ActionKind::OpenBroadcast));
  bcast_open_ = true;
  data_.emplace<DiscoveringData>();
  discover_backoff_.reset(now);
  run_transaction(now, rng, out);
  return out;
}

bool Client::build(DhcpMessageType type, std::uint32_t xid, Actions& out, bool unicast) noexcept {
  OptionStorage st;
  MessageShape m;
  m.type = type;
  Ipv4Addr ciaddr;
  if (const auto* req = std::get_if<RequestingData>(&data_); req && type == DhcpMessageType::Request) {
    m.selecting = true;
    m.requested_ip = req->offer.yiaddr;
    m.server_id = req->offer.server_id;
  } else if (type == DhcpMessageType::Request || type == DhcpMessageType::Release) {
    // RENEWING / REBINDING (RFC 2131 4.3.2): ciaddr, no 50 or 54; RELEASE:
    // ciaddr and 54.
    if (const ServerLease* h = server_lease()) {
      ciaddr = h->lease.assigned_ip();
      m.server_id = h->server_id;
    }
  }
  assemble(config_, m, st);
  auto n = make_repr(config_, xid, ciaddr, st).emit(send_buf_);
  if (!n) return false;  // cannot happen: validate() checked the size
  Action a;
  a.kind = unicast ? ActionKind::SendUnicast : ActionKind::SendBroadcast;
  a.message_type = type;
  a.payload = std::span<const std::uint8_t>(send_buf_).first(*n);
  push(out, a);
  return true;
}

void Client::run_transaction(Millis now, Rng& rng, Actions& out) noexcept {
  // dhcpc.go runTransactionState. REQUESTING reuses the offer's XID; the
  // others draw a new one per message.
  const ClientState state = this->state();
  const auto* req = std::get_if<RequestingData>(&data_);
  const std::uint32_t xid = req ? req->offer.xid : rng.next_u32();
  const std::optional<Millis> wait = backoff_for(state).next(now, rng);
  if (!wait) {
    deadline_exceeded(now, rng, out);
    return;
  }
  Millis receive_deadline = now + *wait;
  std::optional<Millis> state_deadline;
  if (state == ClientState::Renewing) state_deadline = server_lease()->rebind_at;
  if (state == ClientState::Rebinding) state_deadline = server_lease()->expires_at;
  if (state_deadline) {
    receive_deadline = std::min(receive_deadline, *state_deadline);
    // Do not send within 10 ms of the state deadline: no two different
    // requests back to back.
    if (*state_deadline - kDeadlineSlack < now) {
      deadline_exceeded(now, rng, out);
      return;
    }
  }
  const bool unicast = state == ClientState::Renewing;
  const DhcpMessageType type =
      state == ClientState::Discovering ? DhcpMessageType::Discover : DhcpMessageType::Request;
  if (!build(type, xid, out, unicast)) return;
  xid_ = xid;
  sent_at_ = now;
  receive_deadline_ = receive_deadline;
  if (auto* d = std::get_if<DiscoveringData>(&data_)) ++d->discovers_unanswered;
}

void Client::deadline_exceeded(Millis now, Rng& rng, Actions& out) noexcept {
  switch (state()) {
    case ClientState::Requesting:
      requesting_to_discovering(now, rng, out);
      return;
    case ClientState::Renewing: {
      // T2 reached: broadcast from now on.
      ServerLease held = std::get<RenewingData>(data_).held;
      data_.emplace<RebindingData>(RebindingData{held});
      push(out, simple(ActionKind::CloseUnicast));
      push(out, simple(ActionKind::OpenBroadcast));
      ucast_open_ = false;
      bcast_open_ = true;
      rebind_backoff_.reset(now);
      run_transaction(now, rng, out);
      return;
    }
    case ClientState::Rebinding:
      lease_to_discovering(now, rng, out);
      return;
    default:
      // DISCOVERING cannot get here (its backoff never stops, validate()), nor
      // can BOUND or STOPPED (no transaction).
      return;
  }
}

void Client::requesting_to_discovering(Millis now, Rng& rng, Actions& out) noexcept {
  // The offer is dropped; a fallback lease stays.
  std::optional<Lease> fallback = std::get<RequestingData>(data_).fallback;
  data_.emplace<DiscoveringData>().fallback = fallback;
  discover_backoff_.reset(now);
  run_transaction(now, rng, out);
}

void Client::lose_lease(Actions& out) noexcept {
  // Reports the lease held (if any) as lost and keeps it as previous_; the
  // caller then leaves the state that holds it.
  const Lease* l = current_lease();
  if (!l) return;
  previous_ = *l;
  Action a;
  a.kind = ActionKind::LeaseChanged;
  a.lease_change = LeaseChange::Lost;
  push(out, a);
}

void Client::lease_to_discovering(Millis now, Rng& rng, Actions& out) noexcept {
  // dhcpc.go leaseToDiscovering: back to broadcast, lease lost.
  if (ucast_open_) {
    push(out, simple(ActionKind::CloseUnicast));
    ucast_open_ = false;
  }
  if (!bcast_open_) {
    push(out, simple(ActionKind::OpenBroadcast));
    bcast_open_ = true;
  }
  lose_lease(out);
  data_.emplace<DiscoveringData>();
  discover_backoff_.reset(now);
  run_transaction(now, rng, out);
}

void Client::to_bound(const NormalizedLease& n, Actions& out) noexcept {
  // dhcpc.go transitionToBound: deadlines from the time the answered request
  // was sent (sent_at_), not from the time the answer arrived.
  const Millis base = sent_at_;
  const Millis lease_time = n.lease_time();
  // Storm guard (kMinRenewFloor): T1 at least min(lease / 2, 1 s), T2 at
  // least T1; both still within the lease.
  const Millis floor = std::min(lease_time / 2, kMinRenewFloor);
  const Millis t1 = std::max(n.effective_t1(), floor);
  const Millis t2 = std::max(n.effective_t2(), t1);
  const Ipv4Addr old_ip = lease().assigned_ip();
  const Ipv4Addr old_server = server_id();
  const bool had = has_lease();
  const bool was_fallback = lease_is_fallback();
  const bool was_renewing = state() == ClientState::Renewing;

  if (had) previous_ = lease();
  ServerLease& held = data_.emplace<BoundData>().held;
  held.expires_at = base + lease_time;
  held.renew_at = base + t1;
  held.rebind_at = base + t2;
  held.lease = Lease(n, held.expires_at);
  held.server_id = n.server_id;

  Action changed;
  changed.kind = ActionKind::LeaseChanged;
  changed.lease_change = had ? LeaseChange::Renewed : LeaseChange::Acquired;
  push(out, changed);

  if (was_renewing && !was_fallback && old_ip == n.yiaddr && old_server == n.server_id) {
    // The unicast transport already talks to this server from this address.
  } else {
    if (bcast_open_) {
      push(out, simple(ActionKind::CloseBroadcast));
      bcast_open_ = false;
    }
    if (ucast_open_) {
      push(out, simple(ActionKind::CloseUnicast));
      ucast_open_ = false;
    }
    Action open;
    open.kind = ActionKind::OpenUnicast;
    open.server_ip = n.server_id;
    open.bind_ip = n.yiaddr;
    push(out, open);
    ucast_open_ = true;
  }
}

void Client::apply_fallback(Actions& out) noexcept {
  const StaticFallback& f = *config_.fallback;
  NormalizedLease n;
  n.yiaddr = f.address.addr;
  n.lease_s = std::numeric_limits<std::uint32_t>::max();  // RFC 2132 9.2: infinite
  const auto mask = Ipv4Addr(prefix_mask(f.address.len)).octets();
  (void)n.options.set(opt::kSubnetMask, mask);
  if (!f.router.is_unspecified()) {
    const auto r = f.router.octets();
    (void)n.options.set(opt::kRouter, r);
  }
  if (!f.dns.empty()) {
    StaticVector<std::uint8_t, 16> dns;
    for (Ipv4Addr d : f.dns) {
      for (std::uint8_t b : d.octets()) (void)dns.push_back(b);
    }
    (void)n.options.set(opt::kDnsServers, dns.span());
  }
  std::get<DiscoveringData>(data_).fallback.emplace(n, Millis::max());
  Action a;
  a.kind = ActionKind::LeaseChanged;
  a.lease_change = LeaseChange::Acquired;
  push(out, a);
}

Actions Client::on_timer(Millis now, Rng& rng) noexcept {
  Actions out;
  switch (state()) {
    case ClientState::Stopped:
      return out;
    case ClientState::Bound: {
      const ServerLease held = std::get<BoundData>(data_).held;
      if (now < held.renew_at) return out;
      data_.emplace<RenewingData>(RenewingData{held});
      renew_backoff_.reset(now);
      run_transaction(now, rng, out);
      return out;
    }
    default:
      if (now < receive_deadline_) return out;
      if (const auto* d = std::get_if<DiscoveringData>(&data_);
          d && config_.fallback && !d->fallback && d->discovers_unanswered >= config_.fallback->after_discovers) {
        apply_fallback(out);
      }
      run_transaction(now, rng, out);
      return out;
  }
}

Actions Client::on_receive(Millis now, std::span<const std::uint8_t> payload, Rng& rng) noexcept {
  Actions out;
  last_reject_ = LeaseReject::None;
  const ClientState state = this->state();
  if (state == ClientState::Stopped || state == ClientState::Bound) {
    last_ignored_ = Ignored::NotListening;
    return out;
  }
  auto parsed = DhcpMessage::parse(payload);
  if (!parsed) {
    last_ignored_ = Ignored::Unparseable;
    return out;
  }
  const DhcpMessage& msg = *parsed;
  const DhcpHeader& h = msg.header();
  if (h.op != static_cast<std::uint8_t>(DhcpOp::BootReply)) {
    last_ignored_ = Ignored::NotBootReply;
    return out;
  }
  if (h.htype != 1 || h.hlen != 6 || !std::equal(config_.mac.begin(), config_.mac.end(), h.chaddr.begin())) {
    last_ignored_ = Ignored::WrongChaddr;
    return out;
  }
  if (h.xid != xid_) {
    last_ignored_ = Ignored::WrongXid;
    return out;
  }
  const auto type = static_cast<DhcpMessageType>(msg.message_type());
  const bool offer_expected = state == ClientState::Discovering;
  const bool nak_expected = state != ClientState::Discovering;
  const bool answer = type == DhcpMessageType::Ack || (type == DhcpMessageType::Nak && nak_expected);
  const auto* req = std::get_if<RequestingData>(&data_);
  if (answer && req && !from_server(msg, req->offer.server_id)) {
    // The REQUEST was broadcast, so every host on the link knows its XID;
    // it names the selected server in 54 and only that server answers
    // (RFC 2131 3.1 step 3 and 4.3.2), with 54 in its ACK or NAK (a MUST in
    // table 3). Another server's NAK (an authoritative server for another
    // subnet) must not restart discovery, and nobody else's ACK may bind us.
    last_ignored_ = Ignored::WrongServer;
    return out;
  }
  if (type == DhcpMessageType::Ack && state == ClientState::Discovering && !msg.has(opt::kRapidCommit)) {
    // RFC 4039: a server answering a DISCOVER with an ACK includes Rapid
    // Commit (80). An ACK without it answers no DISCOVER of ours, and taking
    // it would skip the server selection of the four-message exchange.
    last_ignored_ = Ignored::NoRapidCommit;
    return out;
  }
  // RENEWING and REBINDING take any ACK or NAK with the XID, as the
  // reference does: the renewing REQUEST went unicast to the lease's server
  // alone (its XID is not revealed to the link), and in REBINDING any server
  // may answer (RFC 2131 4.4.5), so there is no server to compare with.
  if (type == DhcpMessageType::Nak && nak_expected) {
    last_ignored_ = Ignored::None;
    if (state == ClientState::Requesting) {
      requesting_to_discovering(now, rng, out);
    } else {
      lease_to_discovering(now, rng, out);
    }
    return out;
  }
  if (type != DhcpMessageType::Ack && !(type == DhcpMessageType::Offer && offer_expected)) {
    // FORCERENEW (9) lands here in every state: it is not authenticated
    // (RFC 3203 requires RFC 3118 authentication), CVE-2020-13529.
    last_ignored_ = Ignored::UnexpectedType;
    return out;
  }
  auto lease = acceptable_lease(msg);
  if (!lease) {
    last_ignored_ = Ignored::NotAcceptable;
    last_reject_ = lease.error();
    return out;
  }
  last_ignored_ = Ignored::None;
  if (type == DhcpMessageType::Offer) {
    // DISCOVERING -> REQUESTING: the offer is selected; a fallback lease stays.
    std::optional<Lease> fallback = std::get<DiscoveringData>(data_).fallback;
    RequestingData& r = data_.emplace<RequestingData>();
    r.offer = Offer{h.xid, lease->server_id, lease->yiaddr};
    r.fallback = fallback;
    request_backoff_.reset(now);
    run_transaction(now, rng, out);
    return out;
  }
  to_bound(*lease, out);
  return out;
}

Actions Client::stop(Millis now, bool release, Rng& rng) noexcept {
  (void)now;
  Actions out;
  if (state() == ClientState::Stopped) return out;
  if (release && ucast_open_ && server_lease() != nullptr) {
    // RFC 2131 4.4.6: DHCPRELEASE unicast to the server, ciaddr = the lease.
    (void)build(DhcpMessageType::Release, rng.next_u32(), out, true);
  }
  // dhcpc.go cleanup: unicast closed, lease lost, broadcast closed.
  if (ucast_open_) {
    push(out, simple(ActionKind::CloseUnicast));
    ucast_open_ = false;
  }
  lose_lease(out);
  data_.emplace<StoppedData>();
  if (bcast_open_) {
    push(out, simple(ActionKind::CloseBroadcast));
    bcast_open_ = false;
  }
  return out;
}

}  // namespace dhcpcore
