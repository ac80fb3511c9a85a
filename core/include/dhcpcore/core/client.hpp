// client.hpp: the DHCPv4 client state machine, sans-I/O.
//
// Client ports the state machine of the reference (dhcpc.go): DISCOVERING,
// REQUESTING, BOUND, RENEWING, REBINDING, with the reference's per-state
// exponential backoff, its deadlines (T1, T2 and expiry measured from the time
// the answered request was sent) and its rule of not sending within 10 ms of a
// state deadline. It never reads a clock, a socket or a random source: the
// caller passes `now` (milliseconds on its own monotonic clock), the bytes it
// received, and an Rng; every call returns the Actions to perform (open or
// close a transport, send this message broadcast or unicast, the lease
// changed). next_deadline() says when to call on_timer() next.
//
// Driving it:
//   Client c(config);                       // config checked by Client::validate
//   Actions a = c.start(now, rng);          // open broadcast, send DISCOVER
//   loop: wait for a datagram or c.next_deadline();
//         a = c.on_receive(now, payload, rng)  or  a = c.on_timer(now, rng);
//         perform a in order (a send's bytes are valid until the next call)
//   a = c.stop(now, release);               // lease lost, transports closed
//
// Differences from the reference (docs/DIFFERENCES.md "Rows 15-25"):
// replies must be BOOTREPLY with our chaddr (the reference checks the XID
// only); in REQUESTING an ACK or NAK must carry the selected server's
// identifier, and in DISCOVERING an ACK must carry Rapid Commit (the
// reference takes any ACK or NAK with the XID); the max message size sent is
// at least 576 (RFC 2132 9.10); the
// parameter request list has no repeated code; an optional DHCPRELEASE on
// stop and an optional static fallback lease (neither exists in the
// reference). Allocates nothing after construction.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <type_traits>
#include <variant>

#include "dhcpcore/core/lease.hpp"
#include "dhcpcore/core/static_vector.hpp"
#include "dhcpcore/parsers/address.hpp"
#include "dhcpcore/parsers/dhcp_message.hpp"

namespace dhcpcore {

// Milliseconds on the caller's monotonic clock (any epoch).
using Millis = std::chrono::milliseconds;

// Rng: the random source the caller injects (XIDs and backoff jitter).
class Rng {
 public:
  virtual ~Rng() = default;
  virtual std::uint32_t next_u32() noexcept = 0;
};

// XorshiftRng: a deterministic Rng (xorshift32) for tests, fuzzing, replay
// and benchmarks, where the same inputs must give the same run. Not for
// production XIDs: use a system source (core/linux GetrandomRng).
class XorshiftRng final : public Rng {
 public:
  explicit XorshiftRng(std::uint32_t seed = 0x2545f491u) noexcept : s_(seed == 0 ? 0x2545f491u : seed) {}
  std::uint32_t next_u32() noexcept override {
    s_ ^= s_ << 13;
    s_ ^= s_ >> 17;
    s_ ^= s_ << 5;
    return s_;
  }

 private:
  std::uint32_t s_;
};

enum class ClientState : std::uint8_t { Stopped, Discovering, Requesting, Bound, Renewing, Rebinding };
const char* to_string(ClientState s) noexcept;

// BackoffParams: an exponential backoff as the reference uses it
// (cenkalti/backoff ExponentialBackOff): the n-th interval is
// initial * multiplier^n capped at max_interval, then randomized uniformly in
// [interval * (1 - randomization), interval * (1 + randomization)]. With
// max_elapsed non-zero the backoff stops (the state gives up) when the time
// since it was reset plus the next interval would pass max_elapsed.
struct BackoffParams {
  Millis initial{1400};
  double multiplier = 1.5;
  Millis max_interval{30'000};
  double randomization = 0.2;
  Millis max_elapsed{0};  // 0: never stop
};

// The reference's four backoffs (dhcpc.go NewClient).
inline constexpr BackoffParams kDiscoverBackoff{};
inline constexpr BackoffParams kRequestBackoff{Millis{1400}, 1.5, Millis{30'000}, 0.2, Millis{30'000}};
inline constexpr BackoffParams kRenewBackoff{Millis{1400}, 1.5, Millis{300'000}, 0.2, Millis{0}};
inline constexpr BackoffParams kRebindBackoff{Millis{1400}, 1.5, Millis{300'000}, 0.2, Millis{0}};

// The reference does not send when a state deadline is this close.
inline constexpr Millis kDeadlineSlack{10};

// Largest DHCP message the client sends: a 1500-byte MTU minus IPv4 and UDP
// headers. The configuration is checked against it.
inline constexpr std::size_t kMaxClientMessage = 1472;

// An extra option the client sends in DISCOVER and REQUEST (reference
// ExtraRequestOptions), at most 255 bytes.
struct ExtraOption {
  std::uint8_t code = 0;
  StaticVector<std::uint8_t, 255> data;
};

// StaticFallback: a static configuration applied after `after_discovers`
// DISCOVERs went unanswered (no acceptable OFFER or ACK). The client keeps
// discovering; a real lease later replaces the fallback.
struct StaticFallback {
  Ipv4Prefix address;                    // the address and its prefix length
  Ipv4Addr router;                       // 0.0.0.0: no default route
  StaticVector<Ipv4Addr, 4> dns;
  std::uint32_t after_discovers = 4;
};

struct ClientConfig {
  MacAddr mac{};                         // chaddr; must not be all zeros
  std::uint32_t mtu = 1500;              // option 57 (clamped to 576..65535)
  StaticVector<std::uint8_t, 64> requested_options;  // option 55 (+ 1 and 51)
  StaticVector<std::uint8_t, 255> client_id;         // option 61 when not empty
  StaticVector<std::uint8_t, 255> vendor_class;      // option 60 when not empty
  // option 12 in DISCOVER and REQUEST when not empty (RFC 2132 3.14): a host
  // name exactly as decode_hostname accepts it (letters, digits, '-', dotted
  // labels of 1..63, no trailing '.' or NUL), else BadHostname.
  StaticVector<std::uint8_t, kMaxDomainNameLength> hostname;
  StaticVector<ExtraOption, 8> extra_options;
  BackoffParams discover_backoff = kDiscoverBackoff;
  BackoffParams request_backoff = kRequestBackoff;
  BackoffParams renew_backoff = kRenewBackoff;
  BackoffParams rebind_backoff = kRebindBackoff;
  std::optional<StaticFallback> fallback;
};

enum class ConfigError : std::uint8_t {
  None = 0,
  ZeroMac,            // mac is all zeros (reference NewClient)
  BadOptionCode,      // an extra or requested option is 0 or 255, or an extra is one the client sets itself
  MessageTooLarge,    // the largest message the config makes exceeds kMaxClientMessage
  BadBackoff,         // initial <= 0, max_interval < initial, multiplier < 1 or randomization outside [0, 1)
  BadFallback,        // fallback address not usable unicast, or prefix length 0 or > 30
  BadHostname,        // hostname is not a host name as decode_hostname reads one, or an extra option is 12 too
};
const char* to_string(ConfigError e) noexcept;

enum class ActionKind : std::uint8_t {
  OpenBroadcast,   // open the broadcast transport (raw frames, no IP needed)
  CloseBroadcast,
  OpenUnicast,     // open the unicast transport: bind bind_ip:68, peer server_ip:67
  CloseUnicast,
  SendBroadcast,   // send payload on the broadcast transport
  SendUnicast,     // send payload on the unicast transport
  LeaseChanged,    // lease_change says how; read Client::lease() / previous_lease()
};
const char* to_string(ActionKind k) noexcept;

enum class LeaseChange : std::uint8_t {
  Acquired,   // no lease before, lease() now
  Renewed,    // lease() replaces previous_lease() (renewal, rebinding, or a real lease replacing the fallback)
  Lost,       // previous_lease() is gone
};
const char* to_string(LeaseChange c) noexcept;

struct Action {
  ActionKind kind = ActionKind::OpenBroadcast;
  LeaseChange lease_change = LeaseChange::Acquired;  // LeaseChanged
  Ipv4Addr server_ip;                                // OpenUnicast
  Ipv4Addr bind_ip;                                  // OpenUnicast
  DhcpMessageType message_type = DhcpMessageType::Discover;  // Send*
  std::span<const std::uint8_t> payload;             // Send*: the DHCP message (UDP payload)
};

// An upper bound on the actions one call returns, counted path by path
// (client.cpp). Pieces: a send (1); "lost and discovering" = Lost + DISCOVER
// (2; the discover backoff never stops, validate()); "switch to broadcast" =
// close unicast + open broadcast (2, at most once per call: after it unicast
// is closed and broadcast open).
//   start: open broadcast + a send                                    2
//   on_timer, DISCOVERING: fallback Acquired + a send                 2
//   a transaction whose deadline passed: REQUESTING -> a DISCOVER     1
//     RENEWING -> switch + (a send, or lost and discovering)          4
//     REBINDING -> (switch) + lost and discovering                    4
//   an ACK: lease changed, close broadcast, close unicast, open unicast  4
//   a NAK: REQUESTING -> a DISCOVER; RENEWING, REBINDING -> as above  4
//   stop: RELEASE, close unicast, Lost, close broadcast               4
// Client::push traps if the count were ever wrong; core/tests/client_test.cpp
// drives 4-action paths (a late timer while BOUND, a NAK while RENEWING).
inline constexpr std::size_t kMaxActionsPerCall = 4;
using Actions = StaticVector<Action, 8>;
static_assert(Actions::capacity() >= kMaxActionsPerCall, "Actions holds what one call can return");

// Why on_receive ignored a message (or None when it was used). For logs,
// tests and the fuzz target; the state machine's behaviour depends only on
// whether a message was used.
enum class Ignored : std::uint8_t {
  None = 0,
  NotListening,      // BOUND or STOPPED: nothing is expected
  Unparseable,       // DhcpMessage::parse failed
  NotBootReply,      // op != 2
  WrongChaddr,       // htype/hlen/chaddr are not ours
  WrongXid,          // not the current transaction
  UnexpectedType,    // not OFFER/ACK/NAK, or not expected in this state (FORCERENEW always)
  NotAcceptable,     // acceptable_lease rejected it (see last_reject())
  WrongServer,       // REQUESTING: an ACK or NAK whose server identifier (54) is not the selected offer's
  NoRapidCommit,     // DISCOVERING: an ACK without Rapid Commit (80), so not an answer to our DISCOVER
};
const char* to_string(Ignored i) noexcept;

class Client {
 public:
  static ConfigError validate(const ClientConfig& config) noexcept;

  // The config must validate (checked again here: an invalid config leaves
  // the client STOPPED and start() returns no action).
  explicit Client(const ClientConfig& config) noexcept;

  // start: STOPPED -> DISCOVERING: opens the broadcast transport and sends the
  // first DISCOVER. No action when not STOPPED or the config is invalid.
  Actions start(Millis now, Rng& rng) noexcept;

  // on_receive: a DHCP message (UDP payload) received on either transport.
  Actions on_receive(Millis now, std::span<const std::uint8_t> payload, Rng& rng) noexcept;

  // on_timer: call when now >= next_deadline(); earlier calls do nothing.
  Actions on_timer(Millis now, Rng& rng) noexcept;

  // stop: the reference's cleanup: closes the unicast transport, reports the
  // lease lost (if any) and closes the broadcast transport. With release and
  // the unicast transport open (BOUND, RENEWING), a DHCPRELEASE is sent to
  // the server first (RFC 2131 4.4.6). -> STOPPED.
  Actions stop(Millis now, bool release, Rng& rng) noexcept;

  ClientState state() const noexcept { return static_cast<ClientState>(data_.index()); }
  // next_deadline: when on_timer must be called; nullopt when STOPPED.
  std::optional<Millis> next_deadline() const noexcept;

  // The lease held: a server's in BOUND, RENEWING and REBINDING; the static
  // fallback (lease_is_fallback()) in DISCOVERING or REQUESTING once applied.
  // lease() is a default Lease when there is none.
  bool has_lease() const noexcept { return current_lease() != nullptr; }
  const Lease& lease() const noexcept;
  bool lease_is_fallback() const noexcept;
  const Lease& previous_lease() const noexcept { return previous_; }
  // The server of the current lease (0.0.0.0 for the fallback or no lease).
  Ipv4Addr server_id() const noexcept;

  // Deadlines of the current lease (BOUND, RENEWING, REBINDING): renew (T1),
  // rebind (T2) and expiry, on the caller's clock; 0 in the other states.
  Millis renew_at() const noexcept;
  Millis rebind_at() const noexcept;
  Millis expires_at() const noexcept;

  // The transaction in progress: its XID and when its last message was sent.
  std::uint32_t xid() const noexcept { return xid_; }
  Millis sent_at() const noexcept { return sent_at_; }

  // Which transports the actions so far left open.
  bool broadcast_open() const noexcept { return bcast_open_; }
  bool unicast_open() const noexcept { return ucast_open_; }

  Ignored last_ignored() const noexcept { return last_ignored_; }
  LeaseReject last_reject() const noexcept { return last_reject_; }
  const ClientConfig& config() const noexcept { return config_; }

 private:
  struct Backoff {
    BackoffParams params;
    double current_ms = 0;  // unrounded, like the reference's nanoseconds
    Millis started{0};
    void reset(Millis now) noexcept;
    // next: the next interval, or nullopt to stop.
    std::optional<Millis> next(Millis now, Rng& rng) noexcept;
  };

  void run_transaction(Millis now, Rng& rng, Actions& out) noexcept;
  void deadline_exceeded(Millis now, Rng& rng, Actions& out) noexcept;
  void to_bound(const NormalizedLease& n, Actions& out) noexcept;
  void lose_lease(Actions& out) noexcept;
  void requesting_to_discovering(Millis now, Rng& rng, Actions& out) noexcept;
  void lease_to_discovering(Millis now, Rng& rng, Actions& out) noexcept;
  void apply_fallback(Actions& out) noexcept;
  bool build(DhcpMessageType type, std::uint32_t xid, Actions& out, bool unicast) noexcept;
  Backoff& backoff_for(ClientState s) noexcept;
  static void push(Actions& out, const Action& a) noexcept;

  // ---- Per-state data: what exists only in some states lives in that
  // state's alternative of data_, so no impossible combination (an offer
  // outside REQUESTING, deadlines without a lease, a fallback in BOUND) can
  // be represented. The alternative's index is the ClientState (the
  // static_assert below); a new state is one more alternative in its place.
  struct Offer {             // REQUESTING: the selected offer
    std::uint32_t xid = 0;
    Ipv4Addr server_id;
    Ipv4Addr yiaddr;
  };
  struct ServerLease {       // a lease from a server, with its deadlines
    Lease lease;
    Ipv4Addr server_id;
    Millis renew_at{0}, rebind_at{0}, expires_at{0};
  };
  struct StoppedData {};
  struct DiscoveringData {
    std::optional<Lease> fallback;  // the static fallback, once applied
    std::uint32_t discovers_unanswered = 0;
  };
  struct RequestingData {
    Offer offer;
    std::optional<Lease> fallback;  // kept from DISCOVERING
  };
  struct BoundData {
    ServerLease held;
  };
  struct RenewingData {
    ServerLease held;
  };
  struct RebindingData {
    ServerLease held;
  };
  using StateData =
      std::variant<StoppedData, DiscoveringData, RequestingData, BoundData, RenewingData, RebindingData>;
  template <ClientState S>
  using DataOf = std::variant_alternative_t<static_cast<std::size_t>(S), StateData>;
  static_assert(std::is_same_v<DataOf<ClientState::Stopped>, StoppedData> &&
                std::is_same_v<DataOf<ClientState::Discovering>, DiscoveringData> &&
                std::is_same_v<DataOf<ClientState::Requesting>, RequestingData> &&
                std::is_same_v<DataOf<ClientState::Bound>, BoundData> &&
                std::is_same_v<DataOf<ClientState::Renewing>, RenewingData> &&
                std::is_same_v<DataOf<ClientState::Rebinding>, RebindingData> &&
                std::variant_size_v<StateData> == static_cast<std::size_t>(ClientState::Rebinding) + 1,
                "data_'s alternative index is the ClientState");

  const Lease* current_lease() const noexcept;
  const ServerLease* server_lease() const noexcept;
  const std::optional<Lease>* fallback_slot() const noexcept;

  ClientConfig config_;
  bool config_ok_ = false;
  bool bcast_open_ = false;
  bool ucast_open_ = false;

  Backoff discover_backoff_, request_backoff_, renew_backoff_, rebind_backoff_;

  // The current (or last) transaction.
  std::uint32_t xid_ = 0;
  Millis sent_at_{0};
  Millis receive_deadline_{0};

  StateData data_;
  Lease previous_;  // the lease last replaced or lost (LeaseChanged)

  Ignored last_ignored_ = Ignored::None;
  LeaseReject last_reject_ = LeaseReject::None;

  std::array<std::uint8_t, kMaxClientMessage> send_buf_{};
};

}  // namespace dhcpcore
