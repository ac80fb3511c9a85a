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
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "client_replay.hpp"
#include "common/cli.hpp"
#include "common/format.hpp"
#include "common/inspect.hpp"
#include "common/json.hpp"
#include "dhcpcore/parsers/dhcp_message.hpp"
#include "expect.hpp"
#include "link.hpp"
#include "report.hpp"

namespace {

using namespace dhcpcore;
using namespace dhcpcore::tools;

constexpr const char* kUsage =
    "usage: dhcp-replay [--client] [--mac MAC] [--strict-checksums | --no-checksums]\n"
    "                   [--policy reference|hardened] [--quiet] [--stats] [--expect FILE] CAPTURE\n"
    "\n"
    "Decodes every frame of CAPTURE (pcap or pcapng; link types EN10MB, LINUX_SLL,\n"
    "LINUX_SLL2, RAW) and prints one JSON line per frame, one per DHCP transaction\n"
    "(XID) and one for the capture.\n"
    "  --client        feed the server -> client replies to the client state machine on\n"
    "                  the capture's clock and report its transitions and final lease\n"
    "  --mac MAC       the client's MAC for --client (default: chaddr of the first request)\n"
    "  --strict-checksums  reject an offloaded UDP checksum too; by default one that holds\n"
    "                  only the pseudo-header's sum (a capture taken on the sending host or\n"
    "                  across veth, before the NIC finished it) is accepted and counted\n"
    "                  as checksum_offloaded; any other bad checksum is always rejected\n"
    "  --no-checksums  do not verify IPv4/UDP checksums at all\n"
    "  --policy P      route policy of the verdicts and the client (default reference)\n"
    "  --quiet         do not print the frame lines\n"
    "  --stats         print a \"timers\" line: the client's timer calls (total, most in\n"
    "                  one frame, calls that jumped over due deadlines)\n"
    "  --expect FILE   compare every non-frame line with FILE (JSON lines; blank lines\n"
    "                  and lines starting with '#' ignored); print a diff when they differ\n"
    "  --help          this text; --version: dhcp-replay's version\n"
    "Exit status: 0 the capture was read to its end (and matches FILE), 1 it differs from\n"
    "FILE, 2 usage error, 3 the capture could not be opened, has an unsupported link type\n"
    "or ends in a damaged record or in one whose timestamp is out of range\n"
    "(TimestampOutOfRange: outside 0 .. 4294967295 s); what was read before is still\n"
    "reported.\n";

struct Options {
  bool client = false;
  std::optional<MacAddr> mac;
  ChecksumMode checksums = ChecksumMode::AcceptOffloaded;
  RoutePolicy policy = RoutePolicy::reference();
  std::string policy_name = "reference";
  bool quiet = false;
  bool stats = false;
  std::string expect;
  std::string capture;
};

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

int usage_error(const std::string& msg) {
  std::fprintf(stderr, "dhcp-replay: %s\n%s", msg.c_str(), kUsage);
  return 2;
}

// parse_args fills opt; it returns the exit status when dhcp-replay should
// stop here (--help: 0, a usage error: 2), nullopt to go on.
std::optional<int> parse_args(int argc, char** argv, Options& opt) {
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
    } else if (a == "--version") {
      print_version("dhcp-replay");
      return 0;
    } else if (a == "--client") {
      opt.client = true;
    } else if (a == "--no-checksums") {
      opt.checksums = ChecksumMode::Skip;
    } else if (a == "--strict-checksums") {
      opt.checksums = ChecksumMode::Verify;
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
  return std::nullopt;
}

// Capture: an opened capture file and its link layer; `error` says why it
// cannot be read (then there is nothing to read).
struct Capture {
  pcap_t* pc = nullptr;
  std::string link_name;
  std::optional<Link> link;
  std::string error;

  Capture() = default;
  Capture(const Capture&) = delete;
  Capture& operator=(const Capture&) = delete;
  ~Capture() {
    if (pc) pcap_close(pc);
  }
  bool readable() const noexcept { return pc != nullptr && link.has_value(); }
};

void open_capture(const std::string& path, Capture& c) {
  char errbuf[PCAP_ERRBUF_SIZE] = {};
  c.pc = pcap_open_offline_with_tstamp_precision(path.c_str(), PCAP_TSTAMP_PRECISION_MICRO, errbuf);
  if (!c.pc) {
    c.error = std::string("cannot open: ") + errbuf;
    return;
  }
  const int dlt = pcap_datalink(c.pc);
  const char* nm = pcap_datalink_val_to_name(dlt);
  c.link_name = nm ? nm : std::to_string(dlt);
  c.link = link_for(dlt);
  if (!c.link) {
    const char* desc = pcap_datalink_val_to_description(dlt);
    c.error = "unsupported link type " + std::to_string(dlt) + " (" + c.link_name +
              (desc ? std::string(", ") + desc : "") + "); dhcp-replay reads EN10MB, LINUX_SLL, LINUX_SLL2 and RAW";
  }
}

// Replay: what dhcp-replay makes of a capture, one frame at a time: the
// frame lines, the transactions, the replayed client and the counts of the
// capture line.
class Replay {
 public:
  Replay(const Options& opt, Report& report, Link link)
      : opt_(opt), report_(report), link_(link), client_mac_(opt.mac) {}

  // frame: one record, at `now` on the capture's clock (ms since the first
  // frame).
  void frame(const pcap_pkthdr& hdr, const u_char* data, Millis now);

  // finish: the transaction, client_result, timers and capture lines.
  void finish(const std::string& link_name, const std::string& read_error);

  std::size_t frames() const noexcept { return frames_; }
  // skipped_note: the stderr note on skipped frames, "" when none was.
  std::string skipped_note() const;

 private:
  struct Transaction {
    std::uint32_t xid = 0;
    std::string chaddr;
    std::vector<std::size_t> frames;
    std::vector<std::string> messages;
    std::string last_verdict;  // dhcp-inspect object of the last server reply
  };

  void skipped(Skip skip, const pcap_pkthdr& hdr, std::string line, Millis now);
  void track(const DhcpHeader& h, unsigned type, bool to_server, const std::string& chaddr,
             const std::string& verdict);
  void feed_client(const DhcpHeader& h, unsigned type, bool to_server, std::span<const std::uint8_t> dhcp,
                   Millis now);

  const Options& opt_;
  Report& report_;
  Link link_;
  std::size_t frames_ = 0, dhcp_frames_ = 0, offloaded_ = 0, not_dhcp_ = 0, malformed_ = 0, cut_ = 0;
  std::map<std::string, std::size_t> skipped_by_;
  std::vector<Transaction> transactions_;
  std::map<std::uint32_t, std::size_t> by_xid_;
  std::unique_ptr<ClientReplay> client_;
  std::optional<MacAddr> client_mac_;
  Millis last_ms_{0};
};

void Replay::frame(const pcap_pkthdr& hdr, const u_char* data, Millis now) {
  ++frames_;
  last_ms_ = now;
  char ts[40];
  std::snprintf(ts, sizeof ts, "%lld.%06lld", static_cast<long long>(hdr.ts.tv_sec),
                static_cast<long long>(hdr.ts.tv_usec));
  std::string line = "{\"kind\":\"frame\",\"frame\":" + std::to_string(frames_) + ",\"ts\":\"" + ts +
                     "\",\"caplen\":" + std::to_string(hdr.caplen) + ",\"len\":" + std::to_string(hdr.len);

  Decoded d = decode(link_, std::span<const std::uint8_t>(data, hdr.caplen), opt_.checksums);
  std::optional<DhcpMessage> msg;
  if (!d.skip) {
    auto m = DhcpMessage::parse(d.dhcp);
    if (m) {
      msg = m.value();
    } else {
      d.skip = Skip{"dhcp", to_string(m.error())};
    }
  }
  if (d.skip) return skipped(std::move(*d.skip), hdr, std::move(line), now);

  ++dhcp_frames_;
  if (d.checksum_offloaded) ++offloaded_;
  const DhcpHeader& h = msg->header();
  const unsigned type = msg->message_type();
  const bool to_server = d.dst_port == kDhcpServerPort;
  const char* dir = to_server ? (d.src_port == kDhcpClientPort ? "client->server" : "relay->server")
                              : "server->client";
  const std::string chaddr =
      mac_string(std::span<const std::uint8_t>(h.chaddr.data(), std::min<std::size_t>(h.hlen, 16)));
  line += ",\"dir\":\"" + std::string(dir) + "\",\"op\":" + std::to_string(h.op) + ",\"msg_type\":\"" +
          message_type_name(type) + "\",\"xid\":\"" + hex32(h.xid) + "\",\"chaddr\":\"" + chaddr +
          "\",\"checksum_offloaded\":" + (d.checksum_offloaded ? "true" : "false");
  std::string verdict;
  if (!to_server) {
    verdict = inspect_json(d.dhcp, InputKind::Payload, opt_.policy, "frame " + std::to_string(frames_));
    line += ",\"verdict\":" + verdict;
  }
  line += ",\"layer\":\"\",\"error\":\"\"}";
  report_.frame(line);
  track(h, type, to_server, chaddr, verdict);
  if (opt_.client) feed_client(h, type, to_server, d.dhcp, now);
}

// skipped: a frame that is not a well-formed DHCP message, counted by why.
void Replay::skipped(Skip skip, const pcap_pkthdr& hdr, std::string line, Millis now) {
  if (hdr.caplen < hdr.len) {
    // Cut by the snap length: the parsers' complaint is a consequence.
    skip.reason = "CutBySnaplen (" + skip.layer + ": " + skip.reason + ")";
    skip.layer = "capture";
  }
  const bool not_ours = skip.reason == "NotIpv4" || skip.reason == "NotUdp" || skip.reason == "NotDhcpPort";
  if (skip.layer == "capture") {
    ++cut_;
  } else if (not_ours) {
    ++not_dhcp_;
  } else {
    ++malformed_;
  }
  ++skipped_by_[skip.layer + ": " + (skip.layer == "capture" ? "CutBySnaplen" : skip.reason)];
  line += ",\"layer\":" + json_string(skip.layer) + ",\"error\":" + json_string(skip.reason) + "}";
  report_.frame(line);
  if (client_) client_->advance(now);
}

// track: the frame's place in its transaction (by XID).
void Replay::track(const DhcpHeader& h, unsigned type, bool to_server, const std::string& chaddr,
                   const std::string& verdict) {
  auto it = by_xid_.find(h.xid);
  if (it == by_xid_.end()) {
    it = by_xid_.emplace(h.xid, transactions_.size()).first;
    transactions_.push_back(Transaction{h.xid, chaddr, {}, {}, {}});
  }
  Transaction& t = transactions_[it->second];
  t.frames.push_back(frames_);
  t.messages.push_back(message_type_name(type));
  if (!to_server) t.last_verdict = verdict;
}

// feed_client: --client. The client is the --mac one or the chaddr of the
// first BOOTREQUEST, and starts at that frame. Its own recorded requests set
// the XID its replies are rewritten from; its RELEASE stops it.
void Replay::feed_client(const DhcpHeader& h, unsigned type, bool to_server, std::span<const std::uint8_t> dhcp,
                         Millis now) {
  const bool bootrequest = h.op == 1 && h.htype == 1 && h.hlen == 6;
  MacAddr ch{};
  std::copy_n(h.chaddr.begin(), 6, ch.begin());
  if (!client_mac_ && bootrequest) client_mac_ = ch;
  if (!client_ && client_mac_) {
    client_ = std::make_unique<ClientReplay>(*client_mac_, opt_.policy, report_);
    client_->start(now);
  }
  if (!client_) return;
  client_->advance(now);
  if (to_server && bootrequest && ch == *client_mac_) {
    client_->client_message(h.xid);
    if (type == static_cast<unsigned>(DhcpMessageType::Release)) client_->client_release(now, frames_);
  }
  if (!to_server) client_->reply(now, frames_, dhcp, h.xid, type);
}

void Replay::finish(const std::string& link_name, const std::string& read_error) {
  for (const Transaction& t : transactions_) {
    std::string s = "{\"kind\":\"transaction\",\"xid\":\"" + hex32(t.xid) + "\",\"chaddr\":\"" + t.chaddr + "\"";
    s += ",\"frames\":" + json_array(t.frames.size(), [&](std::size_t i) { return std::to_string(t.frames[i]); });
    s += ",\"messages\":" + json_array(t.messages.size(), [&](std::size_t i) { return json_string(t.messages[i]); });
    s += ",\"last_reply\":" + (t.last_verdict.empty() ? std::string("null") : t.last_verdict) + "}";
    report_.summary(s);
  }
  if (opt_.client) {
    if (client_) {
      client_->finish(last_ms_);
    } else {
      report_.summary("{\"kind\":\"client_result\",\"state\":\"" + std::string(to_string(ClientState::Stopped)) +
                      "\",\"error\":\"no client request in the capture (use --mac)\"}");
    }
  }
  if (opt_.stats) {
    report_.summary(client_ ? client_->timers_json()
                            : std::string("{\"kind\":\"timers\",\"calls\":0,\"max_calls_per_frame\":0,\"jumps\":0}"));
  }
  std::string by = "{";
  for (const auto& [k, n] : skipped_by_) {
    if (by.size() > 1) by += ',';
    by += json_string(k);
    by += ':';
    by += std::to_string(n);
  }
  by += '}';
  report_.summary("{\"kind\":\"capture\",\"link_type\":" + json_string(link_name) + ",\"frames\":" +
                  std::to_string(frames_) + ",\"dhcp\":" + std::to_string(dhcp_frames_) + ",\"checksum_offloaded\":" +
                  std::to_string(offloaded_) + ",\"not_dhcp\":" +
                  std::to_string(not_dhcp_) + ",\"malformed\":" + std::to_string(malformed_) +
                  ",\"cut_by_snaplen\":" + std::to_string(cut_) + ",\"skipped_by\":" + by + ",\"read_error\":" +
                  json_string(read_error) + "}");
}

std::string Replay::skipped_note() const {
  const std::size_t skipped = not_dhcp_ + malformed_ + cut_;
  if (!skipped) return "";
  return "skipped " + std::to_string(skipped) + " of " + std::to_string(frames_) + " frames (" +
         std::to_string(not_dhcp_) + " not DHCP, " + std::to_string(malformed_) + " malformed, " +
         std::to_string(cut_) + " cut by snaplen)";
}

// read_frames: every record of the capture into replay, on the capture's
// clock; it returns why the read ended early ("" at the end of the file).
std::string read_frames(Capture& c, Replay& replay) {
  pcap_pkthdr* hdr = nullptr;
  const u_char* data = nullptr;
  std::optional<std::int64_t> t0_us;
  int rc = 0;
  while ((rc = pcap_next_ex(c.pc, &hdr, &data)) == 1) {
    const auto us = timestamp_us(hdr->ts);
    if (!us) {
      // A damaged record: the read ends here, as libpcap's own errors do.
      return "timestamp out of range in frame " + std::to_string(replay.frames() + 1) + ": TimestampOutOfRange (" +
             std::to_string(static_cast<long long>(hdr->ts.tv_sec)) + " s + " +
             std::to_string(static_cast<long long>(hdr->ts.tv_usec)) + " us; dhcp-replay reads 0 .. " +
             std::to_string(kMaxTimestampSeconds) + " s)";
    }
    if (!t0_us) t0_us = *us;
    // Both in 0 .. 4.3e15 us: the difference cannot overflow.
    replay.frame(*hdr, data, Millis{(*us - *t0_us) / 1000});
  }
  if (rc == PCAP_ERROR) {
    return "damaged capture after frame " + std::to_string(replay.frames()) + ": " + pcap_geterr(c.pc);
  }
  return "";
}

// run: the replay of an opened capture, its lines printed; the exit status.
int run(const Options& opt, const std::vector<std::string>& expected) {
  Report report(opt.quiet);
  Capture capture;
  open_capture(opt.capture, capture);
  Replay replay(opt, report, capture.link.value_or(Link::Ethernet));
  const std::string read_error = capture.readable() ? read_frames(capture, replay) : capture.error;
  replay.finish(capture.link_name, read_error);
  std::fflush(stdout);

  if (const std::string note = replay.skipped_note(); !note.empty()) {
    std::fprintf(stderr, "dhcp-replay: %s: %s\n", opt.capture.c_str(), note.c_str());
  }
  if (!read_error.empty()) std::fprintf(stderr, "dhcp-replay: %s: %s\n", opt.capture.c_str(), read_error.c_str());

  int status = read_error.empty() ? 0 : 3;
  if (!opt.expect.empty() && report.summary_lines() != expected) {
    std::fprintf(stderr, "dhcp-replay: %s differs from %s (- expected, + actual):\n", opt.capture.c_str(),
                 opt.expect.c_str());
    print_diff(expected, report.summary_lines());
    status = 1;
  }
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  if (const auto status = parse_args(argc, argv, opt)) return *status;
  std::vector<std::string> expected;
  if (!opt.expect.empty() && !read_expectation(opt.expect, expected)) {
    std::fprintf(stderr, "dhcp-replay: cannot read %s: %s\n", opt.expect.c_str(), std::strerror(errno));
    return 2;
  }
  return run(opt, expected);
}
