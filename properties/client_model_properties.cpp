// client_model_properties.cpp: a model-based test (rc::state) of the client
// state machine over random sequences of: advance time, receive an OFFER,
// ACK, NAK, FORCERENEW or garbage with the right or a wrong XID, chaddr and
// server, with or without Rapid Commit, stop and start again. After every
// step the invariants of issue 4 and of server selection
// (test_support/client_observer.hpp, shared with the client_session fuzz
// target) are checked against what the machine did, not against its own
// account of itself; and a message the machine ignores must change nothing.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>
#include <rapidcheck/state.h>

#include <algorithm>
#include <deque>
#include <optional>
#include <ostream>
#include <vector>

#include "dhcpcore/core/client.hpp"
#include "dhcpcore/parsers/dhcp_message.hpp"
#include "dhcpcore/test_support/builders.hpp"
#include "dhcpcore/test_support/client_observer.hpp"

namespace dhcpcore::props {
namespace {

constexpr MacAddr kMac = gen::kClientMac;

// One deterministic sequence per test case (the seed is generated).
using SeqRng = XorshiftRng;

struct Model {
  bool running = true;
};

struct Sut {
  explicit Sut(std::uint32_t seed) : rng(seed), client(config()) {}
  static ClientConfig config() {
    ClientConfig c;
    c.mac = kMac;
    (void)c.requested_options.push_back(opt::kRouter);
    (void)c.requested_options.push_back(opt::kDnsServers);
    return c;
  }

  SeqRng rng;
  Client client;
  Millis now{0};
  test::ClientObserver observer;

  // check applies the invariants (client_observer.hpp) to one call's actions.
  void check(const Actions& actions, bool from_timer, Millis at) {
    const char* broken = observer.observe(client, actions, from_timer, at);
    if (broken != nullptr) RC_FAIL(broken);
  }
  // check_receive: the same for on_receive(payload), plus the rules on which
  // messages may be used (server selection, rapid commit).
  void check_receive(std::span<const std::uint8_t> payload, const Actions& actions) {
    const char* broken = observer.observe_receive(client, payload, actions, now);
    if (broken != nullptr) RC_FAIL(broken);
  }
  bool lease() const { return observer.holds_lease(); }

  // advance runs the timer at every deadline up to `to`, as a loop woken on
  // time would.
  void advance(Millis to) {
    for (int guard = 0; guard < 100'000; ++guard) {
      auto d = client.next_deadline();
      if (!d || *d > to) break;
      now = std::max(now, *d);
      check(client.on_timer(now, rng), true, now);
    }
    RC_ASSERT(!client.next_deadline() || *client.next_deadline() > to);
    now = to;
  }
};

using Cmd = rc::state::Command<Model, Sut>;

// maybe: one of values (present in `present` of every present+1 cases), or
// nothing.
std::optional<std::uint32_t> maybe(std::vector<std::uint32_t> values, int present) {
  if (!*rc::gen::weightedElement<bool>({{present, true}, {1, false}})) return std::nullopt;
  return *rc::gen::elementOf(values);
}

struct AdvanceTime : Cmd {
  // Mostly short steps (answers arrive quickly), sometimes long ones (T1,
  // T2, expiry).
  Millis step{*rc::gen::weightedOneOf<std::int64_t>({{4, rc::gen::inRange<std::int64_t>(0, 50)},
                                                     {3, rc::gen::inRange<std::int64_t>(50, 3000)},
                                                     {2, rc::gen::inRange<std::int64_t>(3000, 120'000)}})};
  void checkPreconditions(const Model& m) const override { RC_PRE(m.running); }
  void run(const Model&, Sut& sut) const override { sut.advance(sut.now + step); }
  void show(std::ostream& os) const override { os << "advance " << step.count() << " ms"; }
};

enum class Kind : std::uint8_t { Offer, Ack, Nak, ForceRenew, Garbage };

struct Receive : Cmd {
  Kind kind = *rc::gen::weightedElement<Kind>(
      {{4, Kind::Offer}, {5, Kind::Ack}, {1, Kind::Nak}, {1, Kind::ForceRenew}, {1, Kind::Garbage}});
  bool right_xid = *rc::gen::weightedElement<bool>({{9, true}, {1, false}});
  bool right_chaddr = *rc::gen::weightedElement<bool>({{19, true}, {1, false}});
  std::uint8_t server = *rc::gen::elementOf(std::vector<std::uint8_t>{1, 1, 1, 9, 0});  // 192.0.2.x; 0 = 0.0.0.0
  std::uint8_t yiaddr = *rc::gen::elementOf(std::vector<std::uint8_t>{2, 2, 2, 3, 0, 255});
  std::optional<std::uint32_t> lease_s = maybe({0, 1, 2, 5, 10, 60, 3600, 0xffffffffu}, 9);
  std::optional<std::uint32_t> t1_s = maybe({0, 1, 3, 30, 7200}, 1);
  std::optional<std::uint32_t> t2_s = maybe({0, 1, 4, 50, 7200}, 1);
  bool rapid_commit = *rc::gen::arbitrary<bool>();  // option 80 (RFC 4039)
  std::vector<std::uint8_t> garbage = *rc::gen::container<std::vector<std::uint8_t>>(rc::gen::arbitrary<std::uint8_t>());

  void checkPreconditions(const Model& m) const override { RC_PRE(m.running); }

  std::vector<std::uint8_t> build(const Sut& sut) const {
    if (kind == Kind::Garbage) return garbage;
    DhcpHeader h;
    h.op = 2;
    h.xid = right_xid ? sut.client.xid() : sut.client.xid() ^ 0x5a5a0001u;
    h.yiaddr = yiaddr == 0 ? Ipv4Addr() : Ipv4Addr(192, 0, 2, yiaddr);
    std::copy(kMac.begin(), kMac.end(), h.chaddr.begin());
    if (!right_chaddr) h.chaddr[5] ^= 0xff;
    const std::uint8_t type[] = {static_cast<std::uint8_t>(
        kind == Kind::Offer  ? DhcpMessageType::Offer
        : kind == Kind::Ack  ? DhcpMessageType::Ack
        : kind == Kind::Nak  ? DhcpMessageType::Nak
                             : DhcpMessageType::ForceRenew)};
    std::vector<gen::GenOption> opts{{opt::kMessageType, {type[0]}},
                                     {opt::kServerId, server == 0 ? gen::ip(0, 0, 0, 0) : gen::ip(192, 0, 2, server)},
                                     {opt::kSubnetMask, gen::ip(255, 255, 255, 0)},
                                     {opt::kRouter, gen::ip(192, 0, 2, 1)}};
    if (lease_s) opts.push_back({opt::kLeaseTime, gen::be32(*lease_s)});
    if (t1_s) opts.push_back({opt::kRenewalTime, gen::be32(*t1_s)});
    if (t2_s) opts.push_back({opt::kRebindingTime, gen::be32(*t2_s)});
    if (rapid_commit) opts.push_back({opt::kRapidCommit, {}});
    auto out = gen::build_message(h, opts);
    RC_ASSERT(!out.empty());
    return out;
  }

  void run(const Model&, Sut& sut) const override {
    const auto bytes = build(sut);
    const Actions a = sut.client.on_receive(sut.now, bytes, sut.rng);
    // A message the machine ignores changes nothing.
    if (sut.client.last_ignored() != Ignored::None) RC_ASSERT(a.empty());
    if (!right_xid || !right_chaddr || kind == Kind::ForceRenew || kind == Kind::Garbage) {
      RC_ASSERT(sut.client.last_ignored() != Ignored::None);
    }
    sut.check_receive(bytes, a);
  }
  void show(std::ostream& os) const override {
    const char* names[] = {"OFFER", "ACK", "NAK", "FORCERENEW", "garbage"};
    os << "receive " << names[static_cast<int>(kind)] << (right_xid ? "" : " wrong-xid")
       << (right_chaddr ? "" : " wrong-chaddr") << " server .." << int{server} << " yiaddr .." << int{yiaddr}
       << " lease " << (lease_s ? std::to_string(*lease_s) : "-") << " t1 " << (t1_s ? std::to_string(*t1_s) : "-")
       << " t2 " << (t2_s ? std::to_string(*t2_s) : "-") << (rapid_commit ? " rapid-commit" : "");
  }
};

struct Stop : Cmd {
  bool release = *rc::gen::arbitrary<bool>();
  void checkPreconditions(const Model& m) const override { RC_PRE(m.running); }
  void apply(Model& m) const override { m.running = false; }
  void run(const Model&, Sut& sut) const override {
    const bool had = sut.lease();
    sut.check(sut.client.stop(sut.now, release, sut.rng), false, sut.now);
    RC_ASSERT(sut.client.state() == ClientState::Stopped);
    RC_ASSERT(!sut.lease());
    if (had) RC_ASSERT(!sut.client.has_lease());
  }
  void show(std::ostream& os) const override { os << "stop" << (release ? " with release" : ""); }
};

struct Start : Cmd {
  void checkPreconditions(const Model& m) const override { RC_PRE(!m.running); }
  void apply(Model& m) const override { m.running = true; }
  void run(const Model&, Sut& sut) const override {
    sut.check(sut.client.start(sut.now, sut.rng), false, sut.now);
    RC_ASSERT(sut.client.state() == ClientState::Discovering);
  }
  void show(std::ostream& os) const override { os << "start"; }
};

RC_GTEST_PROP(ClientModel, InvariantsHoldOverRandomEventSequences, ()) {
  const auto seed = *rc::gen::arbitrary<std::uint32_t>();
  Sut sut(seed);
  sut.check(sut.client.start(sut.now, sut.rng), false, sut.now);
  rc::state::check(Model{}, sut,
                   rc::state::gen::execOneOfWithArgs<AdvanceTime, AdvanceTime, Receive, Receive, Receive,
                                                     Stop, Start>());
  // The distribution RapidCheck prints shows how far sequences get.
  RC_TAG(sut.observer.saw_bound ? "bound" : "never bound");
  if (sut.observer.saw_renewing) RC_TAG("renewing");
  if (sut.observer.saw_rebinding) RC_TAG("rebinding");
}

// offer_in: a started client in REQUESTING after an OFFER from 192.0.2.server
// for 192.0.2.2 (the rest of the OFFER generated); returns that OFFER.
Receive offer_in(Sut& sut, std::uint8_t server, std::uint32_t lease_s) {
  sut.check(sut.client.start(sut.now, sut.rng), false, sut.now);
  Receive offer;
  offer.kind = Kind::Offer;
  offer.right_xid = offer.right_chaddr = true;
  offer.server = server;
  offer.yiaddr = 2;
  offer.lease_s = lease_s;
  offer.run(Model{}, sut);
  RC_ASSERT(sut.client.state() == ClientState::Requesting);
  return offer;
}

// The same machine reaches BOUND when the server answers: not every sequence
// may be ignored (a guard against an invariant check that passes vacuously).
RC_GTEST_PROP(ClientModel, AnsweringServerLeadsToBound, ()) {
  Sut sut(*rc::gen::arbitrary<std::uint32_t>());
  const Receive offer = offer_in(sut, 1, *rc::gen::inRange<std::uint32_t>(1, 100'000));
  sut.advance(sut.now + Millis{*rc::gen::inRange<std::int64_t>(0, 1000)});
  Receive ack = offer;
  ack.kind = Kind::Ack;
  ack.run(Model{}, sut);
  RC_ASSERT(sut.client.state() == ClientState::Bound);
  RC_ASSERT(sut.lease());
}

// Server selection, not left to chance in the sequences above: after an
// OFFER from one server, an ACK or NAK moves REQUESTING on exactly when its
// server identifier is the offer's (RFC 2131 3.1 step 3); the observer's
// rule (observe_receive) holds on both paths.
RC_GTEST_PROP(ClientModel, OnlyTheSelectedServerAnswersARequest, ()) {
  Sut sut(*rc::gen::arbitrary<std::uint32_t>());
  const Receive offer = offer_in(sut, *rc::gen::elementOf(std::vector<std::uint8_t>{1, 9}), 3600);
  Receive answer = offer;
  answer.kind = *rc::gen::elementOf(std::vector<Kind>{Kind::Ack, Kind::Nak});
  answer.server = *rc::gen::elementOf(std::vector<std::uint8_t>{1, 9, 0});
  answer.run(Model{}, sut);
  const bool selected = answer.server == offer.server;
  RC_TAG(selected ? "selected server" : "other server");
  if (!selected) {
    RC_ASSERT(sut.client.state() == ClientState::Requesting);
    RC_ASSERT(sut.client.last_ignored() == Ignored::WrongServer);
  } else {
    RC_ASSERT(sut.client.state() == (answer.kind == Kind::Ack ? ClientState::Bound : ClientState::Discovering));
  }
}

// No renew storm: after an ACK binds, the first renewal is not sent before
// min(lease / 2, 1 s) after the answered request, whatever T1 and T2 say
// (T1 = 0, T1 without T2: the reference's defect 1 renews at once).
RC_GTEST_PROP(ClientModel, FirstRenewalWaitsAtLeastHalfTheLeaseOrOneSecond, ()) {
  Sut sut(*rc::gen::arbitrary<std::uint32_t>());
  sut.check(sut.client.start(sut.now, sut.rng), false, sut.now);
  Receive ack;
  ack.kind = Kind::Ack;  // rapid commit
  ack.rapid_commit = true;
  ack.right_xid = ack.right_chaddr = true;
  ack.server = 1;
  ack.yiaddr = 2;
  const std::uint32_t lease_s = *rc::gen::inRange<std::uint32_t>(1, 100'000);
  ack.lease_s = lease_s;
  auto t = [&] { return *rc::gen::weightedOneOf<std::uint32_t>({{2, rc::gen::just(0u)}, {3, rc::gen::inRange(0u, lease_s + 10)}}); };
  ack.t1_s = *rc::gen::weightedElement<bool>({{3, true}, {1, false}}) ? std::optional(t()) : std::nullopt;
  ack.t2_s = *rc::gen::weightedElement<bool>({{1, true}, {1, false}}) ? std::optional(t()) : std::nullopt;
  const Millis sent = sut.client.sent_at();
  sut.now += Millis{*rc::gen::inRange<std::int64_t>(0, 500)};
  ack.run(Model{}, sut);
  RC_ASSERT(sut.client.state() == ClientState::Bound);
  const Millis floor = std::min(Millis{std::int64_t{lease_s} * 500}, Millis{1000});
  const Millis first = *sut.client.next_deadline();
  RC_ASSERT(first >= sent + floor);
  if (first - Millis{1} > sut.now) RC_ASSERT(sut.client.on_timer(first - Millis{1}, sut.rng).empty());
  const Actions a = sut.client.on_timer(std::max(first, sut.now), sut.rng);
  RC_ASSERT(!a.empty());
}

}  // namespace
}  // namespace dhcpcore::props
