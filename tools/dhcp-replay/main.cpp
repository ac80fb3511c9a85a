// dhcp-replay: decodes a packet capture (pcap or pcapng, through libpcap)
// frame by frame with dhcpcore's parsers, prints one JSON line per frame and
// a summary per DHCP transaction and per capture; with --client it replays
// the server's replies into the client state machine on the capture's clock;
// with --expect it compares the summary lines with an expectation file.
//
// Output (one JSON object per line; "kind" first):
//   frame        every frame: number, time, lengths, direction, message type,
//                XID, chaddr, the layer that failed and why, and for
//                server -> client messages the lease verdict (dhcp-inspect's
//                object)
//   transaction  per XID, in order of first appearance
//   client       --client: every reply fed to the state machine, every state
//                transition and lease change (a DHCPRELEASE from the recorded
//                client stops the state machine, as it stopped that client)
//   client_result --client: the final state, lease, routes and DNS
//   timers       --stats: how many timer calls the replayed client made
//   capture      link type, frame counts, skipped frames by reason, read error
// --expect compares every line but the `frame` lines.
//
// Time: a frame's timestamp must lie in 0 .. 4294967295.999999 s (the width
// of the classic pcap format's seconds, up to 2106); one outside it (a pcapng
// can store 2^64 - 1 microseconds) ends the read as a damaged record does
// (TimestampOutOfRange, exit 3), so every time in microseconds and every
// difference of two fits an int64 with room to spare. The replayed client's
// timers run at their deadlines, but at most kTimerStepsPerFrame of them per
// frame; past that the clock jumps (ClientReplay::advance), so a capture
// whose frames are years apart costs a bounded number of calls per frame.
//
// XIDs in --client: the Client draws its XIDs from the injected Rng, and how
// many draws a state makes (XID, backoff jitter) is the state machine's own
// business, while the recorded client may be a different implementation
// (udhcpc). So the replay does not try to make the Rng reproduce the recorded
// XIDs; it rewrites the XID of a server reply that answers the recorded
// client's latest transaction (its XID equals the XID of the last
// client -> server message from that client) to client.xid(). Replies to older
// transactions keep their XID, so the state machine sees them as stale, as the
// recorded client did.
#include <pcap/pcap.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "../common/cli.hpp"
#include "../common/inspect.hpp"
#include "../common/json.hpp"
#include "dhcpcore/core/client.hpp"
#include "dhcpcore/parsers/dhcp_message.hpp"
#include "dhcpcore/parsers/frame.hpp"

namespace {

using namespace dhcpcore;
using namespace dhcpcore::tools;

constexpr const char* kUsage =
    "usage: dhcp-replay [--client] [--mac MAC] [--no-checksums] [--policy reference|hardened]\n"
    "                   [--quiet] [--stats] [--expect FILE] CAPTURE\n"
    "\n"
    "Decodes every frame of CAPTURE (pcap or pcapng; link types EN10MB, LINUX_SLL,\n"
    "LINUX_SLL2, RAW) and prints one JSON line per frame, one per DHCP transaction\n"
    "(XID) and one for the capture.\n"
    "  --client        feed the server -> client replies to the client state machine on\n"
    "                  the capture's clock and report its transitions and final lease\n"
    "  --mac MAC       the client's MAC for --client (default: chaddr of the first request)\n"
    "  --no-checksums  do not verify IPv4/UDP checksums (captures taken on the sending\n"
    "                  host may hold offloaded, unfinished checksums)\n"
    "  --policy P      route policy of the verdicts and the client (default reference)\n"
    "  --quiet         do not print the frame lines\n"
    "  --stats         print a \"timers\" line: the client's timer calls (total, most in\n"
    "                  one frame, calls that jumped over due deadlines)\n"
    "  --expect FILE   compare every non-frame line with FILE (JSON lines; blank lines\n"
    "                  and lines starting with '#' ignored); print a diff when they differ\n"
    "Exit status: 0 the capture was read to its end (and matches FILE), 1 it differs from\n"
    "FILE, 2 usage error, 3 the capture could not be opened, has an unsupported link type\n"
    "or ends in a damaged record or in one whose timestamp is out of range\n"
    "(TimestampOutOfRange: outside 0 .. 4294967295 s); what was read before is still\n"
    "reported.\n";

struct Options {
  bool client = false;
  std::optional<MacAddr> mac;
  ChecksumMode checksums = ChecksumMode::Verify;
  RoutePolicy policy = RoutePolicy::reference();
  std::string policy_name = "reference";
  bool quiet = false;
  bool stats = false;
  std::string expect;
  std::string capture;
};

int usage_error(const std::string& msg) {
  std::fprintf(stderr, "dhcp-replay: %s\n%s", msg.c_str(), kUsage);
  return 2;
}

std::optional<MacAddr> parse_mac(const std::string& s) {
  MacAddr m{};
  unsigned v[6];
  char tail = 0;
  if (std::sscanf(s.c_str(), "%2x:%2x:%2x:%2x:%2x:%2x%c", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &tail) != 6) {
    return std::nullopt;
  }
  for (int i = 0; i < 6; ++i) m[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v[i]);
  return m;
}

std::string mac_string(std::span<const std::uint8_t> m) {
  std::string s;
  char buf[4];
  for (std::size_t i = 0; i < m.size(); ++i) {
    std::snprintf(buf, sizeof buf, i ? ":%02x" : "%02x", m[i]);
    s += buf;
  }
  return s;
}

std::string hex32(std::uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%08x", v);
  return buf;
}

const char* type_name(unsigned t) {
  switch (t) {
    case 1: return "DISCOVER";
    case 2: return "OFFER";
    case 3: return "REQUEST";
    case 4: return "DECLINE";
    case 5: return "ACK";
    case 6: return "NAK";
    case 7: return "RELEASE";
    case 8: return "INFORM";
    case 9: return "FORCERENEW";
    case 0: return "BOOTP";  // no option 53
    default: return "UNKNOWN";
  }
}

void emit(const std::string& line) {
  std::fwrite(line.data(), 1, line.size(), stdout);
  std::fputc('\n', stdout);
}

// ---- link layers ----------------------------------------------------------

// Linux cooked capture v1 (DLT_LINUX_SLL): packet type(2) ARPHRD(2) address
// length(2) address(8) protocol(2); v2 (DLT_LINUX_SLL2): protocol(2)
// reserved(2) ifindex(4) ARPHRD(2) packet type(1) address length(1)
// address(8). The payload follows; protocol 0x0800 is IPv4.
constexpr std::size_t kSllHeaderSize = 16;
constexpr std::size_t kSllProtocolOffset = 14;
constexpr std::size_t kSll2HeaderSize = 20;
constexpr std::size_t kSll2ProtocolOffset = 0;

enum class Link { Ethernet, Sll, Sll2, RawIp };

std::optional<Link> link_for(int dlt) {
  switch (dlt) {
    case DLT_EN10MB: return Link::Ethernet;
    case DLT_LINUX_SLL: return Link::Sll;
#ifdef DLT_LINUX_SLL2
    case DLT_LINUX_SLL2: return Link::Sll2;
#endif
    case DLT_RAW:
#ifdef DLT_IPV4
    case DLT_IPV4:
#endif
      return Link::RawIp;
    default: return std::nullopt;
  }
}

// Why a frame was not decoded: the layer and the reason (the parsers' names).
struct Skip {
  std::string layer;
  std::string reason;
};

// Decoded: the outcome of one frame's decode.
struct Decoded {
  std::optional<Skip> skip;
  std::span<const std::uint8_t> dhcp;
  std::uint16_t src_port = 0, dst_port = 0;
};

Decoded decode(Link link, std::span<const std::uint8_t> bytes, ChecksumMode checksums) {
  Decoded d;
  DecodeOptions o;
  o.checksums = checksums;
  o.dst_port = 0;  // both directions: classified by port below
  Result<DecodedFrame, FrameError> r = Err<FrameError>{FrameError{}};
  auto sll = [&](std::size_t header, std::size_t proto_off, const char* name) -> bool {
    if (bytes.size() < header) {
      d.skip = Skip{name, "Truncated"};
      return false;
    }
    const unsigned proto = (unsigned{bytes[proto_off]} << 8) | bytes[proto_off + 1];
    if (proto != kEtherTypeIpv4) {
      d.skip = Skip{name, "NotIpv4"};
      return false;
    }
    r = decode_ip_packet(bytes.subspan(header), o);
    return true;
  };
  switch (link) {
    case Link::Ethernet: r = decode_ethernet_frame(bytes, o); break;
    case Link::Sll:
      if (!sll(kSllHeaderSize, kSllProtocolOffset, "sll")) return d;
      break;
    case Link::Sll2:
      if (!sll(kSll2HeaderSize, kSll2ProtocolOffset, "sll2")) return d;
      break;
    case Link::RawIp: r = decode_ip_packet(bytes, o); break;
  }
  if (!r) {
    d.skip = Skip{std::string(layer_name(r.error().layer)), to_string(r.error())};
    return d;
  }
  d.src_port = r->udp.src_port;
  d.dst_port = r->udp.dst_port;
  const bool dhcp_ports = (d.src_port == kDhcpServerPort || d.src_port == kDhcpClientPort) &&
                          (d.dst_port == kDhcpServerPort || d.dst_port == kDhcpClientPort);
  if (!dhcp_ports) {
    d.skip = Skip{"udp", "NotDhcpPort"};
    return d;
  }
  d.dhcp = r->dhcp;
  return d;
}

// ---- time ---------------------------------------------------------------------

// The latest frame time dhcp-replay reads: 2^32 - 1 s (2106-02-07), the
// width of the classic pcap format's seconds. Real captures lie far below; a
// pcapng can store up to 2^64 - 1 microseconds, whose seconds times 10^6
// overflow int64. (libpcap reads a classic pcap's seconds as signed, so one
// from after 2038 arrives negative and is out of range too.)
constexpr std::int64_t kMaxTimestampSeconds = 0xffffffffLL;

// timestamp_us: the frame time in microseconds, or nullopt when it is out of
// range (seconds outside 0 .. kMaxTimestampSeconds, or microseconds outside
// 0 .. 999999). Checked before multiplying, so nothing overflows.
std::optional<std::int64_t> timestamp_us(const timeval& ts) {
  const auto sec = static_cast<std::int64_t>(ts.tv_sec);
  const auto usec = static_cast<std::int64_t>(ts.tv_usec);
  if (sec < 0 || sec > kMaxTimestampSeconds || usec < 0 || usec > 999'999) return std::nullopt;
  return sec * 1'000'000 + usec;
}

// ---- transactions ---------------------------------------------------------

struct Transaction {
  std::uint32_t xid = 0;
  std::string chaddr;
  std::vector<std::size_t> frames;
  std::vector<std::string> messages;
  std::string last_verdict;  // dhcp-inspect object of the last OFFER/ACK/NAK
};

// ---- --client ---------------------------------------------------------------

// The replay's backoff jitter and XIDs come from a fixed-seed XorshiftRng:
// the same on every run. XIDs it yields do not matter (replies are rewritten
// to client.xid(), see the header comment).
using ReplayRng = XorshiftRng;

std::string routes_json(const RouteSet& rs) {
  std::string s = "[";
  for (std::size_t i = 0; i < rs.kept.size(); ++i) {
    if (i) s += ",";
    s += "{\"dest\":" + json_string(rs.kept[i].dest.to_string()) + ",\"router\":" +
         json_string(rs.kept[i].router.to_string()) + "}";
  }
  s += "]";
  return s;
}

std::string dropped_json(const RouteSet& rs) {
  std::string s = "[";
  for (std::size_t i = 0; i < rs.dropped.size(); ++i) {
    if (i) s += ",";
    const auto& d = rs.dropped[i];
    s += "{\"dest\":" + json_string(d.route.dest.to_string()) + ",\"router\":" +
         json_string(d.route.router.to_string()) + ",\"reason\":" + json_string(to_string(d.reason)) + "}";
  }
  s += "]";
  return s;
}

std::string lease_json(const Lease& l, const RoutePolicy& policy, Millis now) {
  const RouteSet rs = l.routes(&policy);
  const DnsServers dns = l.dns_servers();
  std::string d = "[";
  for (std::size_t i = 0; i < dns.servers.size(); ++i) {
    if (i) d += ",";
    d += json_string(dns.servers[i].to_string());
  }
  d += "]";
  return "{\"ip\":" + json_string(l.assigned_ip().to_string()) +
         ",\"prefix_len\":" + std::to_string(l.subnet_prefix_len()) +
         ",\"expires_in_s\":" + std::to_string((l.expires_at() - now).count() / 1000) + ",\"routes\":" +
         routes_json(rs) + ",\"dropped_routes\":" + dropped_json(rs) + ",\"dns\":" + d + "}";
}

class ClientReplay {
 public:
  ClientReplay(const MacAddr& mac, const RoutePolicy& policy, std::vector<std::string>& lines)
      : policy_(policy), lines_(lines) {
    ClientConfig cfg;
    cfg.mac = mac;
    // dhcp4c's request list (tools/dhcp4c/main.cpp).
    constexpr std::uint8_t kRequested[] = {3, 6, 15, 119, 121};
    for (std::uint8_t code : kRequested) (void)cfg.requested_options.push_back(code);
    client_ = std::make_unique<Client>(cfg);
  }

  void start(Millis now) { observe(client_->start(now, rng_), now, 0); }

  // advance runs the timers due up to now. The first kTimerStepsPerFrame
  // run at their own deadlines, as a loop woken at each deadline would run
  // them. A longer gap in the capture would make that a CPU sink (a client
  // discovering without an answer retransmits every 30 s or less: 2e8 s of
  // gap is millions of calls), so past that budget the clock jumps: to T1
  // in BOUND, in RENEWING straight to T2 and in REBINDING to expiry when
  // they are due (the state changes land at their deadlines; the
  // retransmissions in between change nothing the replay reports), otherwise
  // to now, as a loop woken late (a suspended host) runs its timer once.
  // Each call after the budget moves the client along BOUND -> RENEWING ->
  // REBINDING -> DISCOVERING or leaves its next deadline after now, so at
  // most four follow the budget (T1, T2, expiry, now): 68 calls per frame.
  // kMaxTimerCallsPerFrame only guards that reasoning.
  void advance(Millis now) {
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

  // The --stats line.
  std::string timers_json() const {
    return "{\"kind\":\"timers\",\"calls\":" + std::to_string(timer_calls_) +
           ",\"max_calls_per_frame\":" + std::to_string(max_calls_per_frame_) + ",\"jumps\":" +
           std::to_string(jumps_) + "}";
  }

  // client_message: a recorded client -> server message from our MAC.
  void client_message(std::uint32_t xid) { recorded_xid_ = xid; }

  // client_release: the recorded client sent a DHCPRELEASE, so it gave its
  // lease up and stopped (RFC 2131 4.4.6; dhcp4c --release-on-stop sends it
  // only from Client::stop): stop the replayed client the same way, else it
  // would report a lease the capture shows released.
  void client_release(Millis now, std::size_t frame) { observe(client_->stop(now, true, rng_), now, frame); }

  void reply(Millis now, std::size_t frame, std::span<const std::uint8_t> payload, std::uint32_t xid,
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
                       "\",\"type\":\"" + type_name(msg_type) + "\",\"xid_rewritten\":" + (rewrite ? "true" : "false") +
                       ",\"used\":" + (ig == Ignored::None ? "true" : "false") + ",\"ignored\":" +
                       json_string(ig == Ignored::None ? "" : to_string(ig));
    line += ",\"reject\":" + json_string(ig == Ignored::NotAcceptable ? to_string(client_->last_reject()) : "") + "}";
    emit_line(line);
    ++received_;
    if (ig == Ignored::None) ++used_;
    observe(a, now, frame);
  }

  void finish(Millis now) {
    std::string s = "{\"kind\":\"client_result\",\"state\":\"" + std::string(to_string(client_->state())) + "\"";
    s += ",\"replies\":" + std::to_string(received_) + ",\"used\":" + std::to_string(used_);
    s += ",\"transitions\":" + std::to_string(transitions_);
    s += ",\"lease\":" + (client_->has_lease() ? lease_json(client_->lease(), policy_, now) : std::string("null"));
    s += "}";
    emit_line(s);
  }


 private:
  void emit_line(const std::string& l) {
    emit(l);
    lines_.push_back(l);
  }

  // observe reports the state transition (the state machine reports none, so
  // compare with the last state seen) and the lease changes of one call.
  void observe(const Actions& a, Millis now, std::size_t frame) {
    const ClientState now_state = client_->state();
    if (now_state != last_state_) {
      emit_line("{\"kind\":\"client\",\"event\":\"state\",\"frame\":" + std::to_string(frame) + ",\"t_ms\":" +
                std::to_string(now.count()) + ",\"from\":\"" + to_string(last_state_) + "\",\"to\":\"" +
                to_string(now_state) + "\"}");
      ++transitions_;
    }
    last_state_ = now_state;
    for (const Action& act : a) {
      if (act.kind != ActionKind::LeaseChanged) continue;
      const Lease& l = act.lease_change == LeaseChange::Lost ? client_->previous_lease() : client_->lease();
      emit_line("{\"kind\":\"client\",\"event\":\"lease\",\"frame\":" + std::to_string(frame) + ",\"t_ms\":" +
                std::to_string(now.count()) + ",\"change\":\"" + to_string(act.lease_change) +
                "\",\"ip\":" + json_string(l.assigned_ip().to_string()) + "}");
    }
  }

  // jump_target: where the clock jumps once the per-frame budget is spent
  // (advance): the state's own deadline when it is due, else now.
  Millis jump_target(Millis now) const {
    switch (client_->state()) {
      case ClientState::Bound: return client_->renew_at();  // due, or advance would not ask
      case ClientState::Renewing: return std::min(client_->rebind_at(), now);
      case ClientState::Rebinding: return std::min(client_->expires_at(), now);
      default: return now;
    }
  }

  static constexpr int kTimerStepsPerFrame = 64;
  static constexpr int kMaxTimerCallsPerFrame = kTimerStepsPerFrame + 8;

  RoutePolicy policy_;
  std::vector<std::string>& lines_;
  std::unique_ptr<Client> client_;
  ReplayRng rng_;
  std::optional<std::uint32_t> recorded_xid_;
  ClientState last_state_ = ClientState::Stopped;
  std::size_t received_ = 0, used_ = 0, transitions_ = 0;
  std::size_t timer_calls_ = 0, max_calls_per_frame_ = 0, jumps_ = 0;
};

// ---- --expect ---------------------------------------------------------------

bool read_expectation(const std::string& path, std::vector<std::string>& out) {
  std::ifstream f(path);
  if (!f) return false;
  std::string line;
  while (std::getline(f, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
    std::size_t b = line.find_first_not_of(" \t");
    if (b == std::string::npos || line[b] == '#') continue;
    out.push_back(line.substr(b));
  }
  return !f.bad();
}

// print_diff: a line diff (longest common subsequence) of expected and actual:
// "  " both, "- " expected only, "+ " actual only.
void print_diff(const std::vector<std::string>& e, const std::vector<std::string>& a) {
  const std::size_t n = e.size(), m = a.size();
  std::vector<std::vector<std::size_t>> lcs(n + 1, std::vector<std::size_t>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t j = m; j-- > 0;) {
      lcs[i][j] = e[i] == a[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && e[i] == a[j]) {
      std::fprintf(stderr, "  %s\n", e[i].c_str());
      ++i, ++j;
    } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
      std::fprintf(stderr, "+ %s\n", a[j].c_str());
      ++j;
    } else {
      std::fprintf(stderr, "- %s\n", e[i].c_str());
      ++i;
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= argc) return false;
      out = argv[++i];
      return true;
    };
    std::string v;
    if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (a == "--client") {
      opt.client = true;
    } else if (a == "--no-checksums") {
      opt.checksums = ChecksumMode::Skip;
    } else if (a == "--quiet") {
      opt.quiet = true;
    } else if (a == "--stats") {
      opt.stats = true;
    } else if (a == "--mac") {
      if (!value(v)) return usage_error("--mac needs a value");
      opt.mac = parse_mac(v);
      if (!opt.mac) return usage_error("bad MAC '" + v + "' (expected aa:bb:cc:dd:ee:ff)");
    } else if (a == "--policy") {
      if (!value(v)) return usage_error("--policy needs a value");
      auto p = policy_by_name(v);
      if (!p) return usage_error("unknown policy '" + v + "' (reference or hardened)");
      opt.policy = *p;
      opt.policy_name = v;
    } else if (a == "--expect") {
      if (!value(opt.expect)) return usage_error("--expect needs a value");
    } else if (a.size() > 1 && a[0] == '-') {
      return usage_error("unknown option " + a);
    } else if (opt.capture.empty()) {
      opt.capture = a;
    } else {
      return usage_error("more than one capture");
    }
  }
  if (opt.capture.empty()) return usage_error("no capture");

  std::vector<std::string> expected;
  if (!opt.expect.empty() && !read_expectation(opt.expect, expected)) {
    std::fprintf(stderr, "dhcp-replay: cannot read %s: %s\n", opt.expect.c_str(), std::strerror(errno));
    return 2;
  }

  std::vector<std::string> summary;  // every non-frame line, for --expect
  auto emit_summary = [&](const std::string& l) {
    emit(l);
    summary.push_back(l);
  };

  char errbuf[PCAP_ERRBUF_SIZE] = {};
  pcap_t* pc = pcap_open_offline_with_tstamp_precision(opt.capture.c_str(), PCAP_TSTAMP_PRECISION_MICRO, errbuf);
  std::string read_error;
  std::string link_name = "";
  std::optional<Link> link;
  if (!pc) {
    read_error = std::string("cannot open: ") + errbuf;
  } else {
    const int dlt = pcap_datalink(pc);
    const char* nm = pcap_datalink_val_to_name(dlt);
    link_name = nm ? nm : std::to_string(dlt);
    link = link_for(dlt);
    if (!link) {
      const char* desc = pcap_datalink_val_to_description(dlt);
      read_error = "unsupported link type " + std::to_string(dlt) + " (" + link_name + (desc ? std::string(", ") + desc : "") +
                   "); dhcp-replay reads EN10MB, LINUX_SLL, LINUX_SLL2 and RAW";
    }
  }

  std::size_t frames = 0, dhcp_frames = 0, not_dhcp = 0, malformed = 0, cut = 0;
  std::map<std::string, std::size_t> skipped_by;
  std::vector<Transaction> transactions;
  std::map<std::uint32_t, std::size_t> by_xid;
  std::unique_ptr<ClientReplay> replay;
  std::optional<MacAddr> client_mac = opt.mac;
  std::optional<std::int64_t> t0_us;
  Millis last_ms{0};

  if (pc && link) {
    pcap_pkthdr* hdr = nullptr;
    const u_char* data = nullptr;
    int rc = 0;
    while ((rc = pcap_next_ex(pc, &hdr, &data)) == 1) {
      const auto us_or = timestamp_us(hdr->ts);
      if (!us_or) {
        // A damaged record: the read ends here, as libpcap's own errors do.
        read_error = "timestamp out of range in frame " + std::to_string(frames + 1) + ": TimestampOutOfRange (" +
                     std::to_string(static_cast<long long>(hdr->ts.tv_sec)) + " s + " +
                     std::to_string(static_cast<long long>(hdr->ts.tv_usec)) + " us; dhcp-replay reads 0 .. " +
                     std::to_string(kMaxTimestampSeconds) + " s)";
        break;
      }
      ++frames;
      const std::int64_t us = *us_or;
      if (!t0_us) t0_us = us;
      // Both in 0 .. 4.3e15 us: the difference cannot overflow.
      const Millis now{(us - *t0_us) / 1000};
      last_ms = now;
      char ts[40];
      std::snprintf(ts, sizeof ts, "%lld.%06lld", static_cast<long long>(hdr->ts.tv_sec),
                    static_cast<long long>(hdr->ts.tv_usec));
      std::span<const std::uint8_t> bytes(data, hdr->caplen);
      std::string line = "{\"kind\":\"frame\",\"frame\":" + std::to_string(frames) + ",\"ts\":\"" + ts +
                         "\",\"caplen\":" + std::to_string(hdr->caplen) + ",\"len\":" + std::to_string(hdr->len);

      Decoded d = decode(*link, bytes, opt.checksums);
      std::optional<DhcpMessage> msg;
      if (!d.skip) {
        auto m = DhcpMessage::parse(d.dhcp);
        if (m) {
          msg = m.value();
        } else {
          d.skip = Skip{"dhcp", to_string(m.error())};
        }
      }
      if (d.skip && hdr->caplen < hdr->len) {
        // Cut by the snap length: the parsers' complaint is a consequence.
        d.skip->reason = "CutBySnaplen (" + d.skip->layer + ": " + d.skip->reason + ")";
        d.skip->layer = "capture";
      }
      if (d.skip) {
        const bool not_ours = d.skip->reason == "NotIpv4" || d.skip->reason == "NotUdp" ||
                              d.skip->reason == "NotDhcpPort";
        if (d.skip->layer == "capture") {
          ++cut;
        } else if (not_ours) {
          ++not_dhcp;
        } else {
          ++malformed;
        }
        ++skipped_by[d.skip->layer + ": " + (d.skip->layer == "capture" ? "CutBySnaplen" : d.skip->reason)];
        line += ",\"layer\":" + json_string(d.skip->layer) + ",\"error\":" + json_string(d.skip->reason) + "}";
        if (!opt.quiet) emit(line);
        if (replay) replay->advance(now);
        continue;
      }
      ++dhcp_frames;
      const DhcpHeader& h = msg->header();
      const unsigned type = msg->message_type();
      const bool to_server = d.dst_port == kDhcpServerPort;
      const char* dir = to_server ? (d.src_port == kDhcpClientPort ? "client->server" : "relay->server")
                                  : "server->client";
      const std::string chaddr = mac_string(std::span<const std::uint8_t>(h.chaddr.data(), std::min<std::size_t>(h.hlen, 16)));
      line += ",\"dir\":\"" + std::string(dir) + "\",\"op\":" + std::to_string(h.op) + ",\"msg_type\":\"" +
              type_name(type) + "\",\"xid\":\"" + hex32(h.xid) + "\",\"chaddr\":\"" + chaddr + "\"";
      std::string verdict;
      if (!to_server) {
        verdict = inspect_json(d.dhcp, InputKind::Payload, opt.policy, "frame " + std::to_string(frames));
        line += ",\"verdict\":" + verdict;
      }
      line += ",\"layer\":\"\",\"error\":\"\"}";
      if (!opt.quiet) emit(line);

      auto it = by_xid.find(h.xid);
      if (it == by_xid.end()) {
        it = by_xid.emplace(h.xid, transactions.size()).first;
        transactions.push_back(Transaction{h.xid, chaddr, {}, {}, {}});
      }
      Transaction& t = transactions[it->second];
      t.frames.push_back(frames);
      t.messages.push_back(type_name(type));
      if (!to_server) t.last_verdict = verdict;

      if (opt.client) {
        const bool bootrequest = h.op == 1 && h.htype == 1 && h.hlen == 6;
        MacAddr ch{};
        std::copy_n(h.chaddr.begin(), 6, ch.begin());
        if (!client_mac && bootrequest) client_mac = ch;
        if (!replay && client_mac) {
          replay = std::make_unique<ClientReplay>(*client_mac, opt.policy, summary);
          replay->start(now);
        }
        if (replay) {
          replay->advance(now);
          if (to_server && bootrequest && ch == *client_mac) {
            replay->client_message(h.xid);
            if (type == static_cast<unsigned>(DhcpMessageType::Release)) replay->client_release(now, frames);
          }
          if (!to_server) replay->reply(now, frames, d.dhcp, h.xid, type);
        }
      }
    }
    if (rc == PCAP_ERROR) read_error = std::string("damaged capture after frame ") + std::to_string(frames) + ": " + pcap_geterr(pc);
  }
  if (pc) pcap_close(pc);

  for (const Transaction& t : transactions) {
    std::string s = "{\"kind\":\"transaction\",\"xid\":\"" + hex32(t.xid) + "\",\"chaddr\":\"" + t.chaddr + "\",\"frames\":[";
    for (std::size_t i = 0; i < t.frames.size(); ++i) s += (i ? "," : "") + std::to_string(t.frames[i]);
    s += "],\"messages\":[";
    for (std::size_t i = 0; i < t.messages.size(); ++i) s += (i ? ",\"" : "\"") + t.messages[i] + "\"";
    s += "],\"last_reply\":" + (t.last_verdict.empty() ? std::string("null") : t.last_verdict) + "}";
    emit_summary(s);
  }
  if (opt.client) {
    if (replay) {
      replay->finish(last_ms);
    } else {
      emit_summary("{\"kind\":\"client_result\",\"state\":\"STOPPED\",\"error\":\"no client request in the capture (use --mac)\"}");
    }
  }
  if (opt.stats) {
    emit_summary(replay ? replay->timers_json()
                        : std::string("{\"kind\":\"timers\",\"calls\":0,\"max_calls_per_frame\":0,\"jumps\":0}"));
  }
  std::string by = "{";
  bool first = true;
  for (const auto& [k, n] : skipped_by) {
    by += (first ? "" : ",") + json_string(k) + ":" + std::to_string(n);
    first = false;
  }
  by += "}";
  emit_summary("{\"kind\":\"capture\",\"link_type\":" + json_string(link_name) + ",\"frames\":" + std::to_string(frames) +
               ",\"dhcp\":" + std::to_string(dhcp_frames) + ",\"not_dhcp\":" + std::to_string(not_dhcp) +
               ",\"malformed\":" + std::to_string(malformed) + ",\"cut_by_snaplen\":" + std::to_string(cut) +
               ",\"skipped_by\":" + by + ",\"read_error\":" + json_string(read_error) + "}");
  std::fflush(stdout);

  const std::size_t skipped = not_dhcp + malformed + cut;
  if (skipped) {
    std::fprintf(stderr, "dhcp-replay: %s: skipped %zu of %zu frames (%zu not DHCP, %zu malformed, %zu cut by snaplen)\n",
                 opt.capture.c_str(), skipped, frames, not_dhcp, malformed, cut);
  }
  if (!read_error.empty()) std::fprintf(stderr, "dhcp-replay: %s: %s\n", opt.capture.c_str(), read_error.c_str());

  int status = read_error.empty() ? 0 : 3;
  if (!opt.expect.empty()) {
    // The non-frame lines, in the order they were printed.
    const std::vector<std::string>& actual = summary;
    if (actual != expected) {
      std::fprintf(stderr, "dhcp-replay: %s differs from %s (- expected, + actual):\n", opt.capture.c_str(),
                   opt.expect.c_str());
      print_diff(expected, actual);
      status = 1;
    }
  }
  return status;
}
