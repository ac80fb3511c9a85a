// client_test.cpp: the sans-I/O client state machine.
//
// The first group ports dhcpc_test.go of the reference with its numbers: MAC
// 12:23:34:45:56:67, MTU 9324, server 192.0.2.1, address 192.0.2.2, a 10 s
// lease (so T1 = 5 s and T2 = 8.5 s by default), and the reference's mock
// backoffs expressed as BackoffParams without jitter: discover, renew and
// rebind 1 s forever; request 1 s then 2 s then give up. The reference puts
// its client straight into a state; this machine is driven there with
// messages instead (a rapid-commit ACK at t0 gives the deadlines the
// reference's tests set by hand: T1 = t0 + 5 s, T2 = t0 + 8.5 s, expiry =
// t0 + 10 s).
#include "dhcpcore/core/client.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "dhcpcore/test_support/builders.hpp"

namespace dhcpcore {
namespace {

using std::chrono::milliseconds;
using gen::be32;
using gen::ip;
using gen::text;
using Opt = gen::GenOption;

constexpr MacAddr kMac{0x12, 0x23, 0x34, 0x45, 0x56, 0x67};
const Ipv4Addr kServer(192, 0, 2, 1);
const Ipv4Addr kTestIp(192, 0, 2, 2);
constexpr Millis kT0{1'000'000};

// CountingRng: 1, 2, 3, ... so XIDs are predictable and distinct.
class CountingRng : public Rng {
 public:
  std::uint32_t next_u32() noexcept override { return ++n_; }

 private:
  std::uint32_t n_ = 0;
};

// ConstRng: always the same value (jitter tests).
class ConstRng : public Rng {
 public:
  explicit ConstRng(std::uint32_t v) : v_(v) {}
  std::uint32_t next_u32() noexcept override { return v_; }

 private:
  std::uint32_t v_;
};

BackoffParams constant(Millis every) { return {every, 1.0, every, 0.0, Millis{0}}; }

ClientConfig puppet_config() {
  ClientConfig c;
  c.mac = kMac;
  c.mtu = 9324;
  c.discover_backoff = constant(Millis{1000});
  // mockBackoff{1s, 2s} without "indefinite": 1 s, 2 s, then Stop.
  c.request_backoff = {Millis{1000}, 2.0, Millis{30'000}, 0.0, Millis{3000}};
  c.renew_backoff = constant(Millis{1000});
  c.rebind_backoff = constant(Millis{1000});
  return c;
}

// A reply to our chaddr from the server whose identifier (54) is server_id
// (no 54 when empty).
gen::Built reply_from(std::vector<std::uint8_t> server_id, DhcpMessageType type, std::uint32_t xid,
                       std::vector<Opt> extra = {}, bool with_lease = true) {
  DhcpHeader h = gen::reply_header(kTestIp);
  h.xid = xid;
  std::copy(kMac.begin(), kMac.end(), h.chaddr.begin());
  std::vector<Opt> opts{{opt::kMessageType, {static_cast<std::uint8_t>(type)}}};
  if (!server_id.empty()) opts.push_back({opt::kServerId, server_id});
  if (with_lease) opts.push_back({opt::kLeaseTime, be32(10)});
  opts.insert(opts.end(), extra.begin(), extra.end());
  return gen::build(h, opts);
}

// A reply from the server (192.0.2.1) to our chaddr.
gen::Built reply(DhcpMessageType type, std::uint32_t xid, std::vector<Opt> extra = {},
                  bool with_lease = true) {
  return reply_from(ip(192, 0, 2, 1), type, xid, std::move(extra), with_lease);
}

// Rapid Commit (RFC 4039: code 80, length 0), which a server puts in an
// ACK that answers a DISCOVER.
const Opt kRapidCommitOpt{opt::kRapidCommit, {}};

// An ACK answering our DISCOVER (rapid commit): reply() plus option 80.
gen::Built rapid_ack(std::uint32_t xid, std::vector<Opt> extra = {}) {
  extra.push_back(kRapidCommitOpt);
  return reply(DhcpMessageType::Ack, xid, std::move(extra));
}

std::vector<ActionKind> kinds(const Actions& a) {
  std::vector<ActionKind> out;
  for (const Action& x : a) out.push_back(x.kind);
  return out;
}

const Action* find(const Actions& a, ActionKind k) {
  for (const Action& x : a) {
    if (x.kind == k) return &x;
  }
  return nullptr;
}

// The message a send action carries, parsed (owning its bytes).
struct Sent {
  std::vector<std::uint8_t> bytes;
  DhcpMessage msg;
};
Sent sent(const Action* a) {
  EXPECT_NE(a, nullptr);
  Sent s;
  if (a == nullptr) return s;
  s.bytes.assign(a->payload.begin(), a->payload.end());
  auto m = DhcpMessage::parse(s.bytes);
  EXPECT_TRUE(m.ok());
  if (m.ok()) s.msg = *m;
  return s;
}

std::vector<std::uint8_t> bytes_of(std::span<const std::uint8_t> s) { return {s.begin(), s.end()}; }

// Puppet: a client and the clock, driven like the reference's puppet client.
struct Puppet {
  Client c{puppet_config()};
  CountingRng rng;
  Millis now = kT0;
  Actions last;

  explicit Puppet(const ClientConfig& cfg = puppet_config()) : c(cfg) { last = c.start(now, rng); }
  Actions receive(const gen::Built& b) { return last = c.on_receive(now, b.bytes, rng); }
  Actions timer() { return last = c.on_timer(now, rng); }
  void advance_to_deadline() { now = *c.next_deadline(); }
  // Bound at kT0 by a rapid-commit ACK: T1 = t0 + 5 s, T2 = t0 + 8.5 s,
  // expiry t0 + 10 s. The reference's TestDiscoverRapidCommit sends a
  // "rapid commit response (DHCPACK)" without option 80, which its client
  // took; RFC 4039 puts 80 in such an ACK and this client requires it, so
  // the ported tests' ACK carries it.
  void bind_at_t0() {
    receive(rapid_ack(c.xid()));
    ASSERT_EQ(c.state(), ClientState::Bound);
  }
};

// ---- ported from dhcpc_test.go ---------------------------------------------------

// TestClient_runTransactionState: the transaction sends a message of the
// state's type with the extra options and waits one backoff interval.
TEST(ClientReference, RunTransactionStateSendsExtraOptionsAndWaitsOneInterval) {
  ClientConfig cfg = puppet_config();
  ExtraOption domain;
  domain.code = opt::kDomainName;
  for (char ch : std::string("just.testing.invalid")) (void)domain.data.push_back(static_cast<std::uint8_t>(ch));
  (void)cfg.extra_options.push_back(domain);
  Puppet p(cfg);
  ASSERT_EQ(kinds(p.last), (std::vector{ActionKind::OpenBroadcast, ActionKind::SendBroadcast}));
  Sent s = sent(find(p.last, ActionKind::SendBroadcast));
  EXPECT_EQ(s.msg.message_type(), static_cast<std::uint8_t>(DhcpMessageType::Discover));
  EXPECT_EQ(bytes_of(s.msg.first(opt::kDomainName)), bytes_of(domain.data.span()));
  EXPECT_EQ(*p.c.next_deadline(), kT0 + Millis{1000});
}

// TestAcceptableLease: the minimal valid lease moves DISCOVERING on.
TEST(ClientReference, MinimalOfferIsAcceptable) {
  Puppet p;
  p.receive(reply(DhcpMessageType::Offer, p.c.xid()));
  EXPECT_EQ(p.c.last_ignored(), Ignored::None);
  EXPECT_EQ(p.c.state(), ClientState::Requesting);
}

// TestDiscoverRequesting: a bad offer (no lease time) is skipped, the next
// valid one is requested.
TEST(ClientReference, DiscoverRequesting) {
  Puppet p;
  auto terrible = reply(DhcpMessageType::Offer, p.c.xid(), {}, /*with_lease=*/false);
  EXPECT_TRUE(p.receive(terrible).empty());
  EXPECT_EQ(p.c.state(), ClientState::Discovering);
  EXPECT_EQ(p.c.last_ignored(), Ignored::NotAcceptable);
  EXPECT_EQ(p.c.last_reject(), LeaseReject::NoLeaseTime);

  const std::uint32_t offer_xid = p.c.xid();
  p.receive(reply(DhcpMessageType::Offer, offer_xid));
  EXPECT_EQ(p.c.state(), ClientState::Requesting);
  ASSERT_EQ(kinds(p.last), std::vector{ActionKind::SendBroadcast});
  Sent s = sent(find(p.last, ActionKind::SendBroadcast));
  EXPECT_EQ(s.msg.message_type(), static_cast<std::uint8_t>(DhcpMessageType::Request));
  EXPECT_EQ(s.msg.header().xid, offer_xid);  // REQUEST reuses the offer's XID
  EXPECT_EQ(bytes_of(*s.msg.fixed(opt::kRequestedIp, 4)), ip(192, 0, 2, 2));
  EXPECT_EQ(bytes_of(*s.msg.fixed(opt::kServerId, 4)), ip(192, 0, 2, 1));
  EXPECT_TRUE(s.msg.header().ciaddr.is_unspecified());
}

// TestRequestingBound: an ACK in REQUESTING binds, reports the lease and
// switches to the unicast transport.
TEST(ClientReference, RequestingBound) {
  Puppet p;
  p.receive(reply(DhcpMessageType::Offer, p.c.xid()));
  ASSERT_EQ(p.c.state(), ClientState::Requesting);
  p.receive(reply(DhcpMessageType::Ack, p.c.xid()));
  EXPECT_EQ(p.c.state(), ClientState::Bound);
  ASSERT_EQ(kinds(p.last), (std::vector{ActionKind::LeaseChanged, ActionKind::CloseBroadcast,
                                         ActionKind::OpenUnicast}));
  EXPECT_EQ(p.last[0].lease_change, LeaseChange::Acquired);
  EXPECT_EQ(p.c.lease().assigned_ip(), kTestIp);
  EXPECT_EQ(p.last[2].server_ip, kServer);
  EXPECT_EQ(p.last[2].bind_ip, kTestIp);
}

// TestRequestingDiscover: without an answer REQUESTING gives up when its
// backoff stops (after 1 s and 2 s) and goes back to DISCOVERING.
TEST(ClientReference, RequestingDiscover) {
  Puppet p;
  p.receive(reply(DhcpMessageType::Offer, p.c.xid()));
  ASSERT_EQ(p.c.state(), ClientState::Requesting);
  std::vector<Millis> requests{p.now};
  for (int i = 0; i < 10 && p.c.state() == ClientState::Requesting; ++i) {
    p.advance_to_deadline();
    p.timer();
    if (const Action* a = find(p.last, ActionKind::SendBroadcast);
        a && a->message_type == DhcpMessageType::Request) {
      requests.push_back(p.now);
    }
  }
  EXPECT_EQ(p.c.state(), ClientState::Discovering);
  EXPECT_EQ(requests, (std::vector{kT0, kT0 + Millis{1000}}));
  EXPECT_EQ(p.now, kT0 + Millis{3000});
  // Back in DISCOVERING the first DISCOVER goes out at once.
  const Action* a = find(p.last, ActionKind::SendBroadcast);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->message_type, DhcpMessageType::Discover);
}

// TestDiscoverRapidCommit: an ACK in DISCOVERING binds directly; the lease
// expires 10 s after the DISCOVER was sent and T1 defaults to half of it.
TEST(ClientReference, DiscoverRapidCommit) {
  Puppet p;
  p.bind_at_t0();
  EXPECT_EQ(p.c.lease().assigned_ip(), kTestIp);
  EXPECT_EQ(p.c.lease().expires_at(), kT0 + Millis{10'000});
  EXPECT_EQ(p.c.renew_at() - p.now, Millis{5000});
  EXPECT_EQ(p.c.rebind_at() - p.now, Millis{8500});
}

// TestBoundRenewingBound: BOUND waits until T1, then RENEWING sends a unicast
// REQUEST; the ACK binds again with new deadlines and the new options.
TEST(ClientReference, BoundRenewingBound) {
  Puppet p;
  p.bind_at_t0();
  p.now = kT0 + Millis{4995};
  EXPECT_TRUE(p.timer().empty());
  EXPECT_EQ(p.c.state(), ClientState::Bound);
  p.now = kT0 + Millis{5000};
  p.timer();
  EXPECT_EQ(p.c.state(), ClientState::Renewing);
  ASSERT_EQ(kinds(p.last), std::vector{ActionKind::SendUnicast});
  Sent s = sent(&p.last[0]);
  EXPECT_EQ(s.msg.message_type(), static_cast<std::uint8_t>(DhcpMessageType::Request));
  EXPECT_EQ(s.msg.header().ciaddr, kTestIp);
  EXPECT_FALSE(s.msg.has(opt::kRequestedIp));  // RFC 2131 4.3.2: not in RENEWING
  EXPECT_FALSE(s.msg.has(opt::kServerId));

  p.receive(reply(DhcpMessageType::Ack, p.c.xid(), {{225, {0x12}}}));
  EXPECT_EQ(p.c.state(), ClientState::Bound);
  ASSERT_EQ(kinds(p.last), std::vector{ActionKind::LeaseChanged});  // transports stay
  EXPECT_EQ(p.last[0].lease_change, LeaseChange::Renewed);
  EXPECT_EQ(p.c.lease().expires_at(), p.now + Millis{10'000});
  EXPECT_EQ(bytes_of(*p.c.lease().options().get(225)), std::vector<std::uint8_t>{0x12});
  EXPECT_EQ(p.c.previous_lease().expires_at(), kT0 + Millis{10'000});
}

// TestRenewingRebinding: RENEWING retransmits every second until T2 (8.5 s),
// its last wait ends exactly at T2, then REBINDING takes over on broadcast.
TEST(ClientReference, RenewingRebinding) {
  Puppet p;
  p.bind_at_t0();
  p.now = kT0 + Millis{5000};
  p.timer();
  std::vector<Millis> unicast_sends{p.now};
  Millis last_wait_end{0};
  for (int i = 0; i < 10 && p.c.state() == ClientState::Renewing; ++i) {
    last_wait_end = *p.c.next_deadline();
    p.advance_to_deadline();
    p.timer();
    EXPECT_EQ(find(p.last, ActionKind::LeaseChanged), nullptr) << "lease reported without a valid answer";
    if (find(p.last, ActionKind::SendUnicast)) unicast_sends.push_back(p.now);
  }
  EXPECT_EQ(last_wait_end, kT0 + Millis{8500});
  EXPECT_EQ(unicast_sends, (std::vector{kT0 + Millis{5000}, kT0 + Millis{6000}, kT0 + Millis{7000},
                                        kT0 + Millis{8000}}));
  EXPECT_EQ(p.c.state(), ClientState::Rebinding);
  EXPECT_EQ(kinds(p.last), (std::vector{ActionKind::CloseUnicast, ActionKind::OpenBroadcast,
                                         ActionKind::SendBroadcast}));
  EXPECT_TRUE(p.c.broadcast_open());
  EXPECT_FALSE(p.c.unicast_open());
}

// Drives a puppet to REBINDING at t0 + 8.5 s (its first broadcast REQUEST).
void to_rebinding(Puppet& p) {
  p.bind_at_t0();
  p.now = kT0 + Millis{5000};
  p.timer();
  for (int i = 0; i < 10 && p.c.state() == ClientState::Renewing; ++i) {
    p.advance_to_deadline();
    p.timer();
  }
  ASSERT_EQ(p.c.state(), ClientState::Rebinding);
  ASSERT_EQ(p.now, kT0 + Millis{8500});
}

// TestRebindingBound: a broadcast REQUEST in REBINDING, then an ACK from any
// server binds again; the unicast transport is reopened.
TEST(ClientReference, RebindingBound) {
  Puppet p;
  to_rebinding(p);
  p.now = kT0 + Millis{9000};
  EXPECT_TRUE(p.timer().empty());  // the wait started at 8.5 s runs until 9.5 s
  EXPECT_EQ(p.c.state(), ClientState::Rebinding);
  const Millis sent_at = p.c.sent_at();
  p.receive(reply(DhcpMessageType::Ack, p.c.xid(), {{225, {0x12}}}));
  EXPECT_EQ(p.c.state(), ClientState::Bound);
  ASSERT_EQ(kinds(p.last), (std::vector{ActionKind::LeaseChanged, ActionKind::CloseBroadcast,
                                         ActionKind::OpenUnicast}));
  EXPECT_EQ(p.last[0].lease_change, LeaseChange::Renewed);
  EXPECT_EQ(p.c.lease().expires_at(), sent_at + Millis{10'000});
  EXPECT_EQ(bytes_of(*p.c.lease().options().get(225)), std::vector<std::uint8_t>{0x12});
}

// TestRebindingDiscovering: without an answer the lease expires at 10 s: no
// REQUEST at the deadline, the lease is reported lost, DISCOVERING starts.
TEST(ClientReference, RebindingDiscovering) {
  Puppet p;
  to_rebinding(p);
  std::vector<Millis> requests{p.now};
  for (int i = 0; i < 10 && p.c.state() == ClientState::Rebinding; ++i) {
    p.advance_to_deadline();
    p.timer();
    if (const Action* a = find(p.last, ActionKind::SendBroadcast);
        a && a->message_type == DhcpMessageType::Request) {
      requests.push_back(p.now);
    }
  }
  EXPECT_EQ(requests, (std::vector{kT0 + Millis{8500}, kT0 + Millis{9500}}));
  EXPECT_EQ(p.now, kT0 + Millis{10'000});
  EXPECT_EQ(p.c.state(), ClientState::Discovering);
  ASSERT_EQ(kinds(p.last), (std::vector{ActionKind::LeaseChanged, ActionKind::SendBroadcast}));
  EXPECT_EQ(p.last[0].lease_change, LeaseChange::Lost);
  EXPECT_EQ(p.last[1].message_type, DhcpMessageType::Discover);
  EXPECT_FALSE(p.c.has_lease());
  EXPECT_EQ(p.c.previous_lease().assigned_ip(), kTestIp);
}

// ---- backoff with the reference's parameters ------------------------------------

// Intervals computed by hand from ExponentialBackOff: 1.4 s * 1.5^n capped at
// 30 s, then +-20 % around it.
TEST(ClientBackoff, DefaultDiscoverIntervalsGrowByHalfAndCapAt30s) {
  // u = 0: the lowest jitter (0.8 times); u = 0.5: none.
  const std::int64_t no_jitter[] = {1400, 2100, 3150, 4725, 7087, 10631, 15946, 23920, 30000, 30000};
  const std::int64_t lowest[] = {1120, 1680, 2520, 3780, 5670, 8505, 12757, 19136, 24000, 24000};
  for (std::uint32_t u : {0u, 0x80000000u}) {
    ClientConfig cfg = puppet_config();
    cfg.discover_backoff = kDiscoverBackoff;
    Client c(cfg);
    ConstRng rng(u);
    Millis now = kT0;
    (void)c.start(now, rng);
    for (std::size_t i = 0; i < 10; ++i) {
      const Millis wait = *c.next_deadline() - now;
      // +-1 ms: the product of binary fractions may land just under the
      // whole millisecond.
      const std::int64_t want = u == 0 ? lowest[i] : no_jitter[i];
      EXPECT_LE(std::abs(wait.count() - want), 1) << "u=" << u << " i=" << i << " wait=" << wait.count();
      now = *c.next_deadline();
      (void)c.on_timer(now, rng);
    }
  }
}

TEST(ClientBackoff, HighestJitterIsTwentyPercentAbove) {
  ClientConfig cfg = puppet_config();
  cfg.discover_backoff = kDiscoverBackoff;
  Client c(cfg);
  ConstRng rng(0xffffffffu);
  (void)c.start(kT0, rng);
  const Millis wait = *c.next_deadline() - kT0;
  EXPECT_GE(wait.count(), 1679);  // 1.4 s * 1.2 = 1680 ms, u just under 1
  EXPECT_LE(wait.count(), 1680);
}

// The reference's request backoff gives up after 30 s: without jitter the
// REQUESTs go out at 0, 1.4, 3.5, 6.65, 11.375 and 18.4625 s; the next wait
// (15.95 s) would end past 30 s, so at 29.09375 s it is back to DISCOVERING.
TEST(ClientBackoff, RequestingGivesUpAfterThirtySeconds) {
  ClientConfig cfg = puppet_config();
  cfg.request_backoff = kRequestBackoff;
  cfg.request_backoff.randomization = 0;
  Puppet p(cfg);
  p.receive(reply(DhcpMessageType::Offer, p.c.xid()));
  std::vector<std::int64_t> at{0};
  for (int i = 0; i < 20 && p.c.state() == ClientState::Requesting; ++i) {
    p.advance_to_deadline();
    p.timer();
    if (p.c.state() == ClientState::Requesting) at.push_back((p.now - kT0).count());
  }
  EXPECT_EQ(at, (std::vector<std::int64_t>{0, 1400, 3500, 6650, 11375, 18462}));
  EXPECT_EQ((p.now - kT0).count(), 29093);
  EXPECT_EQ(p.c.state(), ClientState::Discovering);
}

// Within 10 ms of T2 RENEWING sends nothing more and rebinds.
TEST(ClientBackoff, NoRenewalWithinTenMillisecondsOfT2) {
  ClientConfig cfg = puppet_config();
  cfg.renew_backoff = constant(Millis{3495});  // 5 s + 3.495 s = 8.495 s: 5 ms before T2
  Puppet p(cfg);
  p.bind_at_t0();
  p.now = kT0 + Millis{5000};
  p.timer();
  p.advance_to_deadline();
  ASSERT_EQ(p.now, kT0 + Millis{8495});
  p.timer();
  EXPECT_EQ(p.c.state(), ClientState::Rebinding);
  EXPECT_EQ(find(p.last, ActionKind::SendUnicast), nullptr);
  EXPECT_NE(find(p.last, ActionKind::SendBroadcast), nullptr);
}

// ---- defects and hardening --------------------------------------------------------

// Defect 1 through the machine: T1 without T2 renews at T1, not at once.
TEST(ClientDefect1, T1WithoutT2RenewsAtT1NotImmediately) {
  Puppet p;
  p.receive(rapid_ack(p.c.xid(), {{opt::kRenewalTime, be32(4)}}));
  ASSERT_EQ(p.c.state(), ClientState::Bound);
  EXPECT_EQ(p.c.renew_at(), kT0 + Millis{4000});
  EXPECT_TRUE(p.timer().empty());
}

// Storm guard: T1 = 0 and T2 = 0 from the server still wait min(lease/2, 1 s).
TEST(ClientStormGuard, ZeroT1AndT2AreRaisedToOneSecond) {
  Puppet p;
  p.receive(rapid_ack(p.c.xid(), {{opt::kRenewalTime, be32(0)}, {opt::kRebindingTime, be32(0)}}));
  ASSERT_EQ(p.c.state(), ClientState::Bound);
  EXPECT_EQ(p.c.renew_at(), kT0 + Millis{1000});
  EXPECT_EQ(p.c.rebind_at(), kT0 + Millis{1000});
  EXPECT_TRUE(p.timer().empty());
}

TEST(ClientFilter, RepliesWithAnotherXidAreIgnored) {
  Puppet p;
  EXPECT_TRUE(p.receive(reply(DhcpMessageType::Offer, p.c.xid() + 1)).empty());
  EXPECT_EQ(p.c.last_ignored(), Ignored::WrongXid);
  EXPECT_EQ(p.c.state(), ClientState::Discovering);
}

TEST(ClientFilter, RepliesForAnotherChaddrAreIgnored) {
  Puppet p;
  auto b = reply(DhcpMessageType::Offer, p.c.xid());
  b.bytes[kDhcpChaddrOffset + 5] ^= 1;
  EXPECT_TRUE(p.receive(b).empty());
  EXPECT_EQ(p.c.last_ignored(), Ignored::WrongChaddr);
}

TEST(ClientFilter, BootRequestsAndGarbageAreIgnored) {
  Puppet p;
  auto b = reply(DhcpMessageType::Offer, p.c.xid());
  b.bytes[kDhcpOpOffset] = 1;
  EXPECT_TRUE(p.receive(b).empty());
  EXPECT_EQ(p.c.last_ignored(), Ignored::NotBootReply);
  gen::Built junk{{1, 2, 3}};
  EXPECT_TRUE(p.receive(junk).empty());
  EXPECT_EQ(p.c.last_ignored(), Ignored::Unparseable);
  EXPECT_EQ(p.c.state(), ClientState::Discovering);
}

// CVE-2020-13529: an unauthenticated FORCERENEW changes nothing, in any state.
TEST(ClientFilter, ForceRenewIsIgnored) {
  Puppet p;
  EXPECT_TRUE(p.receive(reply(DhcpMessageType::ForceRenew, p.c.xid())).empty());
  EXPECT_EQ(p.c.last_ignored(), Ignored::UnexpectedType);
  p.bind_at_t0();
  EXPECT_TRUE(p.receive(reply(DhcpMessageType::ForceRenew, p.c.xid())).empty());
  EXPECT_EQ(p.c.last_ignored(), Ignored::NotListening);
  EXPECT_EQ(p.c.state(), ClientState::Bound);
  p.now = kT0 + Millis{5000};
  p.timer();
  ASSERT_EQ(p.c.state(), ClientState::Renewing);
  EXPECT_TRUE(p.receive(reply(DhcpMessageType::ForceRenew, p.c.xid())).empty());
  EXPECT_EQ(p.c.last_ignored(), Ignored::UnexpectedType);
  EXPECT_EQ(p.c.state(), ClientState::Renewing);
}

TEST(ClientFilter, OfferWhileRequestingIsIgnored) {
  Puppet p;
  p.receive(reply(DhcpMessageType::Offer, p.c.xid()));
  EXPECT_TRUE(p.receive(reply(DhcpMessageType::Offer, p.c.xid())).empty());
  EXPECT_EQ(p.c.last_ignored(), Ignored::UnexpectedType);
  EXPECT_EQ(p.c.state(), ClientState::Requesting);
}

TEST(ClientNak, NakWhileRequestingRestartsDiscovery) {
  Puppet p;
  p.receive(reply(DhcpMessageType::Offer, p.c.xid()));
  p.receive(reply(DhcpMessageType::Nak, p.c.xid(), {}, false));
  EXPECT_EQ(p.c.state(), ClientState::Discovering);
  ASSERT_EQ(kinds(p.last), std::vector{ActionKind::SendBroadcast});
  EXPECT_EQ(p.last[0].message_type, DhcpMessageType::Discover);
}

TEST(ClientNak, NakWhileRenewingLosesTheLeaseAndGoesBackToBroadcast) {
  Puppet p;
  p.bind_at_t0();
  p.now = kT0 + Millis{5000};
  p.timer();
  p.receive(reply(DhcpMessageType::Nak, p.c.xid(), {}, false));
  EXPECT_EQ(p.c.state(), ClientState::Discovering);
  EXPECT_EQ(kinds(p.last), (std::vector{ActionKind::CloseUnicast, ActionKind::OpenBroadcast,
                                         ActionKind::LeaseChanged, ActionKind::SendBroadcast}));
  EXPECT_EQ(p.last[2].lease_change, LeaseChange::Lost);
  EXPECT_FALSE(p.c.has_lease());
}

TEST(ClientNak, NakWhileDiscoveringIsIgnored) {
  Puppet p;
  EXPECT_TRUE(p.receive(reply(DhcpMessageType::Nak, p.c.xid(), {}, false)).empty());
  EXPECT_EQ(p.c.last_ignored(), Ignored::UnexpectedType);
}

// ---- server selection (RFC 2131 3.1, 4.3.2) and rapid commit (RFC 4039) ------------

// The selected offer is 192.0.2.1's (reply()); 192.0.2.9 is another server
// on the link that saw the broadcast REQUEST and so knows its XID.
const std::vector<std::uint8_t> kOtherServer = ip(192, 0, 2, 9);

// Drives a puppet to REQUESTING with 192.0.2.1's offer selected.
void to_requesting(Puppet& p) {
  p.receive(reply(DhcpMessageType::Offer, p.c.xid()));
  ASSERT_EQ(p.c.state(), ClientState::Requesting);
  Sent s = sent(find(p.last, ActionKind::SendBroadcast));
  ASSERT_EQ(bytes_of(*s.msg.fixed(opt::kServerId, 4)), ip(192, 0, 2, 1));  // the selection, as sent
}

// RFC 2131 3.1 step 3: servers not named in the REQUEST's 54 take it as a
// decline; only the selected one answers. An ACK from another server is not
// the answer to our REQUEST.
TEST(ClientServerSelection, AckFromAnotherServerWhileRequestingIsIgnored) {
  Puppet p;
  to_requesting(p);
  EXPECT_TRUE(p.receive(reply_from(kOtherServer, DhcpMessageType::Ack, p.c.xid())).empty());
  EXPECT_EQ(p.c.last_ignored(), Ignored::WrongServer);
  EXPECT_EQ(p.c.state(), ClientState::Requesting);
  EXPECT_FALSE(p.c.has_lease());
  // The selected server's ACK still binds, to its address.
  p.receive(reply(DhcpMessageType::Ack, p.c.xid()));
  EXPECT_EQ(p.c.last_ignored(), Ignored::None);
  EXPECT_EQ(p.c.state(), ClientState::Bound);
  EXPECT_EQ(p.c.server_id(), kServer);
}

// RFC 2131 table 3: 54 is a MUST in an ACK; without it the ACK names no
// server, so it is not the selected one's.
TEST(ClientServerSelection, AckWithoutServerIdWhileRequestingIsIgnored) {
  Puppet p;
  to_requesting(p);
  EXPECT_TRUE(p.receive(reply_from({}, DhcpMessageType::Ack, p.c.xid())).empty());
  EXPECT_EQ(p.c.last_ignored(), Ignored::WrongServer);
  EXPECT_EQ(p.c.state(), ClientState::Requesting);
}

// A NAK from a server that was not selected (e.g. an authoritative server
// for another subnet) must not restart discovery: the REQUEST is retried
// on its schedule (1 s in the puppet's backoff) with the same XID.
TEST(ClientServerSelection, NakFromAnotherServerWhileRequestingIsIgnored) {
  Puppet p;
  to_requesting(p);
  const std::uint32_t xid = p.c.xid();
  EXPECT_TRUE(p.receive(reply_from(kOtherServer, DhcpMessageType::Nak, xid, {}, false)).empty());
  EXPECT_EQ(p.c.last_ignored(), Ignored::WrongServer);
  EXPECT_EQ(p.c.state(), ClientState::Requesting);
  p.advance_to_deadline();
  EXPECT_EQ(p.now, kT0 + Millis{1000});
  p.timer();
  ASSERT_EQ(kinds(p.last), std::vector{ActionKind::SendBroadcast});
  EXPECT_EQ(p.last[0].message_type, DhcpMessageType::Request);
  EXPECT_EQ(p.c.xid(), xid);
  // The selected server's NAK does restart discovery.
  p.receive(reply(DhcpMessageType::Nak, xid, {}, false));
  EXPECT_EQ(p.c.last_ignored(), Ignored::None);
  EXPECT_EQ(p.c.state(), ClientState::Discovering);
}

// RFC 2131 table 3: 54 is a MUST in a NAK too; one without it is ignored in
// REQUESTING.
TEST(ClientServerSelection, NakWithoutServerIdWhileRequestingIsIgnored) {
  Puppet p;
  to_requesting(p);
  EXPECT_TRUE(p.receive(reply_from({}, DhcpMessageType::Nak, p.c.xid(), {}, false)).empty());
  EXPECT_EQ(p.c.last_ignored(), Ignored::WrongServer);
  EXPECT_EQ(p.c.state(), ClientState::Requesting);
}

// REBINDING broadcasts and any server may answer (RFC 2131 4.4.5): an ACK
// from another server binds, and the unicast transport goes to that server
// (row 19), as before.
TEST(ClientServerSelection, AckFromAnotherServerWhileRebindingBinds) {
  Puppet p;
  to_rebinding(p);
  p.receive(reply_from(kOtherServer, DhcpMessageType::Ack, p.c.xid()));
  EXPECT_EQ(p.c.last_ignored(), Ignored::None);
  EXPECT_EQ(p.c.state(), ClientState::Bound);
  const Action* open = find(p.last, ActionKind::OpenUnicast);
  ASSERT_NE(open, nullptr);
  EXPECT_EQ(open->server_ip, Ipv4Addr(192, 0, 2, 9));
  EXPECT_EQ(p.c.server_id(), Ipv4Addr(192, 0, 2, 9));
}

// RENEWING and REBINDING keep the reference's NAK handling: the renewing
// REQUEST went unicast to the lease's server only, and in REBINDING any
// server may answer, so a NAK with the XID ends the lease whatever its 54.
TEST(ClientServerSelection, NakWhileRenewingOrRebindingIsTakenWhateverItsServerId) {
  for (const std::vector<std::uint8_t>& server : {kOtherServer, std::vector<std::uint8_t>{}}) {
    Puppet renewing;
    renewing.bind_at_t0();
    renewing.now = kT0 + Millis{5000};
    renewing.timer();
    ASSERT_EQ(renewing.c.state(), ClientState::Renewing);
    renewing.receive(reply_from(server, DhcpMessageType::Nak, renewing.c.xid(), {}, false));
    EXPECT_EQ(renewing.c.state(), ClientState::Discovering) << "54 of " << server.size() << " bytes";
    EXPECT_FALSE(renewing.c.has_lease());

    Puppet rebinding;
    to_rebinding(rebinding);
    rebinding.receive(reply_from(server, DhcpMessageType::Nak, rebinding.c.xid(), {}, false));
    EXPECT_EQ(rebinding.c.state(), ClientState::Discovering) << "54 of " << server.size() << " bytes";
    EXPECT_FALSE(rebinding.c.has_lease());
  }
}

// RFC 4039: an ACK answering a DISCOVER carries Rapid Commit. One without
// it answers no DISCOVER of ours; the client keeps discovering (the next
// DISCOVER at its 1 s deadline) and binds from nothing but a real answer.
TEST(ClientRapidCommit, AckWithoutRapidCommitWhileDiscoveringIsIgnored) {
  Puppet p;
  EXPECT_TRUE(p.receive(reply(DhcpMessageType::Ack, p.c.xid())).empty());
  EXPECT_EQ(p.c.last_ignored(), Ignored::NoRapidCommit);
  EXPECT_EQ(p.c.state(), ClientState::Discovering);
  EXPECT_FALSE(p.c.has_lease());
  p.advance_to_deadline();
  EXPECT_EQ(p.now, kT0 + Millis{1000});
  p.timer();
  ASSERT_EQ(kinds(p.last), std::vector{ActionKind::SendBroadcast});
  EXPECT_EQ(p.last[0].message_type, DhcpMessageType::Discover);
}

// The same ACK with option 80 binds at once (two-message exchange).
TEST(ClientRapidCommit, AckWithRapidCommitWhileDiscoveringBinds) {
  Puppet p;
  p.receive(rapid_ack(p.c.xid()));
  EXPECT_EQ(p.c.last_ignored(), Ignored::None);
  EXPECT_EQ(p.c.state(), ClientState::Bound);
  ASSERT_FALSE(p.last.empty());
  EXPECT_EQ(p.last[0].lease_change, LeaseChange::Acquired);
}

// Rapid Commit belongs to the DISCOVER exchange only: an ACK to a REQUEST
// does not need it (RequestingBound and the renewals above bind without it).
TEST(ClientRapidCommit, NotRequiredOutsideDiscovering) {
  Puppet p;
  to_requesting(p);
  p.receive(reply(DhcpMessageType::Ack, p.c.xid()));
  EXPECT_EQ(p.c.state(), ClientState::Bound);
}

// dhcp4c's JSON `ignored` values and dhcp-replay's come from to_string.
TEST(ClientFilter, NewIgnoreReasonsHaveTheirJsonNames) {
  EXPECT_STREQ(to_string(Ignored::WrongServer), "WrongServer");
  EXPECT_STREQ(to_string(Ignored::NoRapidCommit), "NoRapidCommit");
}

// ---- the messages ------------------------------------------------------------------

TEST(ClientMessages, DiscoverCarriesRequestListMaxSizeClientIdVendorClassAndRapidCommit) {
  ClientConfig cfg = puppet_config();
  for (std::uint8_t code : {std::uint8_t{3}, std::uint8_t{6}, std::uint8_t{1}, std::uint8_t{3}, std::uint8_t{121}}) (void)cfg.requested_options.push_back(code);
  for (std::uint8_t b : std::vector<std::uint8_t>{1, 0x12, 0x23, 0x34, 0x45, 0x56, 0x67}) (void)cfg.client_id.push_back(b);
  for (char ch : std::string("dhcpcore")) (void)cfg.vendor_class.push_back(static_cast<std::uint8_t>(ch));
  Puppet p(cfg);
  Sent s = sent(find(p.last, ActionKind::SendBroadcast));
  const DhcpHeader& h = s.msg.header();
  EXPECT_EQ(h.op, 1);
  EXPECT_EQ(h.htype, 1);
  EXPECT_EQ(h.hlen, 6);
  EXPECT_TRUE(std::equal(kMac.begin(), kMac.end(), h.chaddr.begin()));
  EXPECT_TRUE(h.ciaddr.is_unspecified());
  EXPECT_EQ(h.flags, 0);
  // Requested codes once each, in order, then 51 (1 was already there).
  EXPECT_EQ(bytes_of(s.msg.first(opt::kParameterRequestList)), (std::vector<std::uint8_t>{3, 6, 1, 121, 51}));
  EXPECT_EQ(bytes_of(*s.msg.fixed(opt::kMaxMessageSize, 2)), (std::vector<std::uint8_t>{0x24, 0x6c}));  // 9324
  EXPECT_EQ(bytes_of(s.msg.first(opt::kClientId)), bytes_of(cfg.client_id.span()));
  EXPECT_EQ(bytes_of(s.msg.first(opt::kVendorClass)), bytes_of(cfg.vendor_class.span()));
  EXPECT_TRUE(s.msg.has(opt::kRapidCommit));
  EXPECT_EQ(s.msg.total_length(opt::kRapidCommit), 0u);
  EXPECT_FALSE(s.msg.has(opt::kRequestedIp));
  EXPECT_FALSE(s.msg.has(opt::kServerId));
  EXPECT_EQ(s.bytes.size(), 300u);  // padded to the BOOTP minimum
}

TEST(ClientMessages, MaxMessageSizeIsAtLeast576) {
  ClientConfig cfg = puppet_config();
  cfg.mtu = 500;
  Puppet p(cfg);
  Sent s = sent(find(p.last, ActionKind::SendBroadcast));
  EXPECT_EQ(bytes_of(*s.msg.fixed(opt::kMaxMessageSize, 2)), (std::vector<std::uint8_t>{0x02, 0x40}));
}

TEST(ClientMessages, EveryDiscoverHasAFreshXid) {
  Puppet p;
  const std::uint32_t first = p.c.xid();
  p.advance_to_deadline();
  p.timer();
  EXPECT_NE(p.c.xid(), first);
  Sent s = sent(find(p.last, ActionKind::SendBroadcast));
  EXPECT_EQ(s.msg.header().xid, p.c.xid());
  // A late OFFER for the first DISCOVER is no longer ours (reference behaviour).
  EXPECT_TRUE(p.receive(reply(DhcpMessageType::Offer, first)).empty());
  EXPECT_EQ(p.c.last_ignored(), Ignored::WrongXid);
}

// ---- stop, release, fallback -------------------------------------------------------

TEST(ClientStop, StopWhileBoundWithReleaseSendsReleaseThenReportsTheLoss) {
  Puppet p;
  p.bind_at_t0();
  Actions a = p.c.stop(p.now, /*release=*/true, p.rng);
  ASSERT_EQ(kinds(a), (std::vector{ActionKind::SendUnicast, ActionKind::CloseUnicast, ActionKind::LeaseChanged}));
  Sent s = sent(&a[0]);
  EXPECT_EQ(s.msg.message_type(), static_cast<std::uint8_t>(DhcpMessageType::Release));
  EXPECT_EQ(s.msg.header().ciaddr, kTestIp);
  EXPECT_EQ(bytes_of(*s.msg.fixed(opt::kServerId, 4)), ip(192, 0, 2, 1));
  EXPECT_FALSE(s.msg.has(opt::kParameterRequestList));  // RFC 2131 table 5
  EXPECT_FALSE(s.msg.has(opt::kRequestedIp));
  EXPECT_EQ(a[2].lease_change, LeaseChange::Lost);
  EXPECT_EQ(p.c.state(), ClientState::Stopped);
  EXPECT_FALSE(p.c.next_deadline().has_value());
  EXPECT_TRUE(p.timer().empty());
}

// ---- the host name (option 12) ------------------------------------------------------

ClientConfig with_hostname(std::string_view name) {
  ClientConfig cfg = puppet_config();
  for (char ch : name) (void)cfg.hostname.push_back(static_cast<std::uint8_t>(ch));
  return cfg;
}

TEST(ClientHostname, SentInDiscoverAndRequestNotInRelease) {
  Puppet p(with_hostname("client-7.example"));
  Sent discover = sent(find(p.last, ActionKind::SendBroadcast));
  EXPECT_EQ(bytes_of(discover.msg.first(opt::kHostName)), text("client-7.example"));
  p.receive(reply(DhcpMessageType::Offer, p.c.xid()));
  ASSERT_EQ(p.c.state(), ClientState::Requesting);
  Sent request = sent(find(p.last, ActionKind::SendBroadcast));
  EXPECT_EQ(request.msg.message_type(), static_cast<std::uint8_t>(DhcpMessageType::Request));
  EXPECT_EQ(bytes_of(request.msg.first(opt::kHostName)), text("client-7.example"));
  Puppet bound(with_hostname("client-7"));
  bound.bind_at_t0();
  Actions a = bound.c.stop(bound.now, /*release=*/true, bound.rng);
  Sent release = sent(find(a, ActionKind::SendUnicast));
  EXPECT_EQ(release.msg.message_type(), static_cast<std::uint8_t>(DhcpMessageType::Release));
  EXPECT_FALSE(release.msg.has(opt::kHostName));  // RFC 2131 table 5
  // No name configured: no option 12.
  Puppet plain;
  EXPECT_FALSE(sent(find(plain.last, ActionKind::SendBroadcast)).msg.has(opt::kHostName));
}

TEST(ClientHostname, OnlyAHostNameAsTheDecoderReadsOneIsAccepted) {
  for (std::string_view good : {"a", "client-7", "host.example.org", "x1"}) {
    EXPECT_EQ(Client::validate(with_hostname(good)), ConfigError::None) << good;
  }
  const std::string long_label(64, 'a');
  for (std::string_view bad : {std::string_view("bad_name"), std::string_view("x;reboot"), std::string_view("a b"),
                               std::string_view("-x"), std::string_view("x-"), std::string_view("host."),
                               std::string_view("a..b"), std::string_view("$(id)"), std::string_view(long_label)}) {
    EXPECT_EQ(Client::validate(with_hostname(bad)), ConfigError::BadHostname) << bad;
  }
  ClientConfig nul = with_hostname("host");
  (void)nul.hostname.push_back(0);  // a trailing NUL would be dropped by a decoder, so it is refused
  EXPECT_EQ(Client::validate(nul), ConfigError::BadHostname);
  // Option 12 twice (as the name and as an extra option): refused.
  ClientConfig twice = with_hostname("host");
  ExtraOption e;
  e.code = opt::kHostName;
  (void)e.data.push_back('h');
  (void)twice.extra_options.push_back(e);
  EXPECT_EQ(Client::validate(twice), ConfigError::BadHostname);
}

// ---- the bound on actions per call (kMaxActionsPerCall, client.hpp) ------------

// The longest paths: a timer that fires after the lease expired (a suspended
// host) goes BOUND -> RENEWING -> REBINDING -> DISCOVERING in one call, and a
// NAK in RENEWING; each returns kMaxActionsPerCall actions.
TEST(ClientActionBound, LateTimerWhileBoundGoesToDiscoveringInOneCall) {
  Puppet p;
  p.bind_at_t0();
  p.now = kT0 + Millis{60'000};  // past T1 (5 s), T2 (8.5 s) and expiry (10 s)
  p.timer();
  EXPECT_EQ(p.c.state(), ClientState::Discovering);
  EXPECT_EQ(kinds(p.last), (std::vector{ActionKind::CloseUnicast, ActionKind::OpenBroadcast,
                                         ActionKind::LeaseChanged, ActionKind::SendBroadcast}));
  EXPECT_EQ(p.last.size(), kMaxActionsPerCall);
  EXPECT_FALSE(p.c.has_lease());
}

TEST(ClientActionBound, NakWhileRenewingReturnsTheMaximum) {
  Puppet p;
  p.bind_at_t0();
  p.now = kT0 + Millis{5000};
  p.timer();
  ASSERT_EQ(p.c.state(), ClientState::Renewing);
  p.receive(reply(DhcpMessageType::Nak, p.c.xid(), {}, false));
  EXPECT_EQ(p.last.size(), kMaxActionsPerCall);
  EXPECT_LE(kMaxActionsPerCall, Actions::capacity());
}

TEST(ClientStop, StopWhileDiscoveringOnlyClosesTheBroadcastTransport) {
  Puppet p;
  Actions a = p.c.stop(p.now, true, p.rng);
  EXPECT_EQ(kinds(a), std::vector{ActionKind::CloseBroadcast});
  EXPECT_TRUE(p.c.stop(p.now, true, p.rng).empty());
}

TEST(ClientStop, StopWithoutReleaseSendsNothing) {
  Puppet p;
  p.bind_at_t0();
  Actions a = p.c.stop(p.now, false, p.rng);
  EXPECT_EQ(kinds(a), (std::vector{ActionKind::CloseUnicast, ActionKind::LeaseChanged}));
}

TEST(ClientFallback, AppliedAfterUnansweredDiscoversAndReplacedByARealLease) {
  ClientConfig cfg = puppet_config();
  StaticFallback f;
  f.address = {Ipv4Addr(198, 51, 100, 10), 24};
  f.router = Ipv4Addr(198, 51, 100, 1);
  (void)f.dns.push_back(Ipv4Addr(198, 51, 100, 53));
  f.after_discovers = 3;
  cfg.fallback = f;
  Puppet p(cfg);
  for (int i = 0; i < 2; ++i) {
    p.advance_to_deadline();
    p.timer();
    EXPECT_EQ(find(p.last, ActionKind::LeaseChanged), nullptr);
  }
  p.advance_to_deadline();  // the third DISCOVER went unanswered
  p.timer();
  ASSERT_EQ(kinds(p.last), (std::vector{ActionKind::LeaseChanged, ActionKind::SendBroadcast}));
  EXPECT_EQ(p.last[0].lease_change, LeaseChange::Acquired);
  EXPECT_TRUE(p.c.lease_is_fallback());
  EXPECT_EQ(p.c.lease().assigned_ip(), Ipv4Addr(198, 51, 100, 10));
  EXPECT_EQ(p.c.lease().subnet_prefix_len(), 24);
  RouteSet r = p.c.lease().routes();
  ASSERT_EQ(r.kept.size(), 1u);
  EXPECT_EQ(r.kept[0].router, Ipv4Addr(198, 51, 100, 1));
  ASSERT_EQ(p.c.lease().dns_servers().servers.size(), 1u);
  EXPECT_EQ(p.c.state(), ClientState::Discovering);  // still looking for a server
  p.advance_to_deadline();
  p.timer();
  EXPECT_EQ(find(p.last, ActionKind::LeaseChanged), nullptr);  // applied once

  p.receive(rapid_ack(p.c.xid()));
  EXPECT_EQ(p.c.state(), ClientState::Bound);
  EXPECT_EQ(p.last[0].lease_change, LeaseChange::Renewed);
  EXPECT_FALSE(p.c.lease_is_fallback());
  EXPECT_EQ(p.c.previous_lease().assigned_ip(), Ipv4Addr(198, 51, 100, 10));
}

// xorshift32 (Marsaglia 2003) from seed 1: 270369 first (1 ^ 1<<13 = 8193;
// >>17 adds nothing; 8193 ^ 8193<<5 = 270369), and never 0.
TEST(ClientRng, XorshiftIsTheXorshift32Sequence) {
  XorshiftRng r(1);
  EXPECT_EQ(r.next_u32(), 270369u);
  XorshiftRng zero(0);  // 0 would stick at 0: replaced by the default seed
  EXPECT_NE(zero.next_u32(), 0u);
  EXPECT_EQ(XorshiftRng().next_u32(), XorshiftRng(0).next_u32());
}

// ---- configuration ------------------------------------------------------------------

TEST(ClientConfigCheck, EachErrorIsReported) {
  EXPECT_EQ(Client::validate(puppet_config()), ConfigError::None);
  ClientConfig c = puppet_config();
  c.mac = {};
  EXPECT_EQ(Client::validate(c), ConfigError::ZeroMac);
  Client stopped(c);
  CountingRng rng;
  EXPECT_TRUE(stopped.start(kT0, rng).empty());
  EXPECT_EQ(stopped.state(), ClientState::Stopped);

  c = puppet_config();
  ExtraOption e;
  e.code = opt::kMessageType;
  (void)c.extra_options.push_back(e);
  EXPECT_EQ(Client::validate(c), ConfigError::BadOptionCode);
  c = puppet_config();
  (void)c.requested_options.push_back(255);
  EXPECT_EQ(Client::validate(c), ConfigError::BadOptionCode);

  c = puppet_config();
  for (std::uint8_t code = 224; code < 230; ++code) {
    ExtraOption big;
    big.code = code;
    while (!big.data.full()) (void)big.data.push_back(0xaa);
    (void)c.extra_options.push_back(big);
  }
  EXPECT_EQ(Client::validate(c), ConfigError::MessageTooLarge);  // 6 * 257 > 1472

  c = puppet_config();
  c.discover_backoff.max_elapsed = Millis{60'000};
  EXPECT_EQ(Client::validate(c), ConfigError::BadBackoff);
  c = puppet_config();
  c.renew_backoff.randomization = 1.0;
  EXPECT_EQ(Client::validate(c), ConfigError::BadBackoff);
  c = puppet_config();
  c.request_backoff.initial = Millis{0};
  EXPECT_EQ(Client::validate(c), ConfigError::BadBackoff);

  c = puppet_config();
  StaticFallback f;
  f.address = {Ipv4Addr(0, 1, 2, 3), 24};
  c.fallback = f;
  EXPECT_EQ(Client::validate(c), ConfigError::BadFallback);
  f.address = {Ipv4Addr(198, 51, 100, 10), 24};
  f.router = Ipv4Addr(224, 0, 0, 1);
  c.fallback = f;
  EXPECT_EQ(Client::validate(c), ConfigError::BadFallback);
}

}  // namespace
}  // namespace dhcpcore
