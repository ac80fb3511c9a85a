// dhcp4c: the dhcpcore DHCPv4 client daemon for one Linux interface. It runs
// dhcpcore::Client in the epoll loop of core/linux, applies every lease
// change over rtnetlink (address, routes), logs every transition on stderr
// and, with --json-events, prints one JSON object per event on stdout.
// Usage, exit codes and the event schema are in docs/dhcp4c.md.
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <utility>

#include <linux/capability.h>
#include <net/if.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "common/cli.hpp"
#include "common/format.hpp"
#include "dhcpcore/core/client.hpp"
#include "dhcpcore/linux/client_loop.hpp"
#include "dhcpcore/linux/lease_applier.hpp"
#include "dhcpcore/linux/netlink.hpp"
#include "dhcpcore/linux/random.hpp"
#include "dhcpcore/linux/unique_fd.hpp"
#include "event_log.hpp"

namespace {

using namespace dhcpcore;
using namespace dhcpcore::tools;
using namespace dhcpcore::runtime;

// Exit statuses (docs/dhcp4c.md#exit-status).
enum Exit : int {
  kExitOk = 0,          // stopped by SIGINT/SIGTERM, or bound with --once
  kExitFailure = 1,     // a runtime error (socket, netlink, epoll)
  kExitUsage = 2,       // bad arguments
  kExitNoInterface = 3, // no such interface
  kExitPermission = 4,  // not allowed (needs root: CAP_NET_RAW and CAP_NET_ADMIN)
  kExitNoMac = 5,       // the interface has no Ethernet MAC address
  kExitTimeout = 6,     // --timeout passed before the first lease
};

constexpr const char* kUsage =
    "usage: dhcp4c [OPTIONS] IFACE\n"
    "\n"
    "Runs the dhcpcore DHCPv4 client on IFACE: acquires a lease, applies its address and\n"
    "routes, renews it, and removes them on SIGINT/SIGTERM. Logs every transition on stderr.\n"
    "  --json-events        also print one JSON object per event on stdout\n"
    "  --policy P           route policy: hardened (default) or reference (the reference\n"
    "                       client's rules: any prefix length, no cap on routes)\n"
    "  --protect CIDR       protected prefix (repeatable): no DHCP route, connected prefix or\n"
    "                       address may overlap it (adds to --policy)\n"
    "  --metric N           metric of every route dhcp4c installs (0..4294967295, default 0)\n"
    "  --once               exit 0 at the first lease, leaving address and routes applied\n"
    "                       (they expire with the lease: address lifetimes = lease time)\n"
    "  --timeout SECONDS    exit 6 when no lease is bound within SECONDS (1..86400)\n"
    "  --release-on-stop    send DHCPRELEASE when stopped by a signal\n"
    "  --client-id HEX      client identifier (option 61), 1..255 bytes of hex\n"
    "  --vendor-class STR   vendor class identifier (option 60), 1..255 bytes\n"
    "  --hostname NAME      host name sent in DISCOVER and REQUEST (option 12): letters,\n"
    "                       digits, '-', dot-separated labels of 1..63, at most 253\n"
    "  --help               this text\n"
    "  --version            dhcp4c's version\n"
    "Exit status: 0 stopped by a signal (or bound with --once), 1 runtime error, 2 usage,\n"
    "3 no such interface, 4 permission denied (run as root), 5 interface without a MAC address,\n"
    "6 timeout.\n";

struct Options {
  std::string iface;
  bool json = false;
  std::string policy_name = "hardened";
  RoutePolicy policy = RoutePolicy::hardened();
  std::vector<Ipv4Prefix> protect;
  std::uint32_t metric = 0;
  bool once = false;
  std::optional<Millis> timeout;
  bool release = false;
  std::vector<std::uint8_t> client_id;
  std::string vendor_class;
  std::string hostname;
};

int usage_error(const std::string& msg) {
  std::fprintf(stderr, "dhcp4c: %s\n%s", msg.c_str(), kUsage);
  return kExitUsage;
}

// parse_args: nullopt and *status set when dhcp4c must exit right away.
std::optional<Options> parse_args(int argc, char** argv, int* status) {
  Options o;
  auto fail = [&](const std::string& m) {
    *status = usage_error(m);
    return std::nullopt;
  };
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::optional<std::string> {
      if (i + 1 >= argc) return std::nullopt;
      return std::string(argv[++i]);
    };
    if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      *status = kExitOk;
      return std::nullopt;
    } else if (a == "--version") {
      print_version("dhcp4c");
      *status = kExitOk;
      return std::nullopt;
    } else if (a == "--json-events") {
      o.json = true;
    } else if (a == "--once") {
      o.once = true;
    } else if (a == "--release-on-stop") {
      o.release = true;
    } else if (a == "--policy" || a == "--timeout" || a == "--client-id" || a == "--vendor-class" ||
               a == "--protect" || a == "--metric" || a == "--hostname") {
      auto v = value();
      if (!v) return fail(a + " needs a value");
      if (a == "--policy") {
        auto p = policy_by_name(*v);
        if (!p) return fail("unknown policy '" + *v + "' (reference or hardened)");
        o.policy = *p;
        o.policy_name = *v;
      } else if (a == "--protect") {
        auto p = parse_prefix(*v);
        if (!p) return fail("bad --protect '" + *v + "' (expected a.b.c.d/len)");
        o.protect.push_back(*p);
      } else if (a == "--metric") {
        std::uint32_t m = 0;
        auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), m);
        if (v->empty() || ec != std::errc() || ptr != v->data() + v->size()) {
          return fail("bad --metric '" + *v + "' (0..4294967295)");
        }
        o.metric = m;
      } else if (a == "--timeout") {
        unsigned secs = 0;
        auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), secs);
        if (v->empty() || ec != std::errc() || ptr != v->data() + v->size() || secs < 1 || secs > 86400) {
          return fail("bad --timeout '" + *v + "' (whole seconds, 1..86400)");
        }
        o.timeout = Millis{std::int64_t{secs} * 1000};
      } else if (a == "--client-id") {
        std::string why;
        auto bytes = parse_hex(*v, &why);
        if (!bytes) return fail("bad --client-id: " + why);
        if (bytes->empty() || bytes->size() > 255) return fail("--client-id must be 1..255 bytes");
        o.client_id = *bytes;
      } else if (a == "--hostname") {
        // Sent as given, so it must be exactly what a decoder accepts.
        const auto name = decode_hostname(std::span(reinterpret_cast<const std::uint8_t*>(v->data()), v->size()));
        if (!name || name->size() != v->size()) {
          return fail("bad --hostname '" + *v + "' (" + (name ? "trailing '.'" : to_string(name.error())) +
                      ": letters, digits and '-' in dot-separated labels of 1..63, at most 253)");
        }
        o.hostname = *v;
      } else {
        if (v->empty() || v->size() > 255) return fail("--vendor-class must be 1..255 bytes");
        o.vendor_class = *v;
      }
    } else if (a.size() > 1 && a[0] == '-') {
      return fail("unknown option " + a);
    } else if (!o.iface.empty()) {
      return fail("one interface only (got '" + o.iface + "' and '" + a + "')");
    } else {
      o.iface = a;
    }
  }
  // --protect adds to whichever policy was chosen, wherever it was given.
  for (const Ipv4Prefix& p : o.protect) {
    if (!o.policy.protected_prefixes.push_back(p)) {
      return fail("too many --protect prefixes (at most " + std::to_string(kMaxProtectedPrefixes) + ")");
    }
  }
  if (o.iface.empty()) return fail("missing IFACE");
  if (o.iface.size() >= IFNAMSIZ) return fail("interface name too long: '" + o.iface + "'");
  return o;
}

// AppliedLeases: the LeaseHandler of dhcp4c, the rtnetlink LeaseApplier.
class AppliedLeases final : public LeaseHandler {
 public:
  explicit AppliedLeases(LeaseApplier applier) : applier_(std::move(applier)) {}
  Status lease_changed(LeaseChange change, const Client& client) override {
    applied_ = true;
    Status s = change == LeaseChange::Lost ? applier_.apply(nullptr, now_ms())
                                           : applier_.apply(&client.lease(), now_ms());
    last_failed_ = !s.ok();
    return s;
  }
  bool applied() const noexcept { return applied_; }
  // last_failed: the latest lease change could not be applied.
  bool last_failed() const noexcept { return last_failed_; }
  Status remove_all() { return applier_.remove_all(); }
  const LeaseApplier& applier() const noexcept { return applier_; }

 private:
  LeaseApplier applier_;
  bool applied_ = false;
  bool last_failed_ = false;
};

// check_raw_permission: opening the AF_PACKET socket needs CAP_NET_RAW; find
// out before anything else so the error is clear.
std::optional<SysError> check_raw_permission() {
  UniqueFd fd(::socket(AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  if (fd.valid()) return std::nullopt;
  return SysError{errno, "open AF_PACKET socket"};
}

bool is_permission(int code) { return code == EPERM || code == EACCES; }

// missing_capabilities: which of the two capabilities dhcp4c uses are not in
// its effective set (CAP_NET_RAW: the AF_PACKET socket; CAP_NET_ADMIN:
// addresses and routes), as "CAP_NET_RAW, CAP_NET_ADMIN"; "" when both are
// there or the set cannot be read (then the socket check below decides).
// Checked up front so a daemon without CAP_NET_ADMIN fails at start, naming
// it, rather than at its first lease.
std::string missing_capabilities() {
  __user_cap_header_struct header{};
  header.version = _LINUX_CAPABILITY_VERSION_3;
  header.pid = 0;
  __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3]{};
  if (::syscall(SYS_capget, &header, data) != 0) return "";
  auto has = [&](unsigned cap) { return ((data[cap / 32].effective >> (cap % 32)) & 1u) != 0; };
  std::string missing;
  for (const auto& [cap, name] : {std::pair{unsigned{CAP_NET_RAW}, "CAP_NET_RAW"},
                                  std::pair{unsigned{CAP_NET_ADMIN}, "CAP_NET_ADMIN"}}) {
    if (has(cap)) continue;
    if (!missing.empty()) missing += ", ";
    missing += name;
  }
  return missing;
}

}  // namespace

int main(int argc, char** argv) {
  int status = kExitOk;
  auto parsed = parse_args(argc, argv, &status);
  if (!parsed) return status;
  const Options& opt = *parsed;

  const Millis epoch = now_ms();
  EventLog log(opt.json, opt.policy, epoch);

  auto finish = [&](const std::string& reason, int code, const std::string& error) {
    log.exit(reason, code, error);
    return code;
  };

  auto link = query_link(opt.iface);
  if (!link) {
    const SysError e = link.error();
    log.error(to_string(e));
    if (e.code == ENODEV) return finish("no_interface", kExitNoInterface, "no such interface: " + opt.iface);
    if (e.code == ENXIO) return finish("no_mac", kExitNoMac, "interface " + opt.iface + " has no Ethernet MAC address");
    if (is_permission(e.code)) return finish("permission", kExitPermission, to_string(e));
    return finish("error", kExitFailure, to_string(e));
  }
  if (!link->mac) return finish("no_mac", kExitNoMac, "interface " + opt.iface + " has no Ethernet MAC address");
  if (const std::string missing = missing_capabilities(); !missing.empty()) {
    return finish("permission", kExitPermission,
                  "missing capability " + missing + " (dhcp4c needs root, or CAP_NET_RAW and CAP_NET_ADMIN)");
  }
  if (auto e = check_raw_permission()) {
    if (is_permission(e->code)) {
      return finish("permission", kExitPermission, to_string(*e) + " (dhcp4c needs root: CAP_NET_RAW, CAP_NET_ADMIN)");
    }
    return finish("error", kExitFailure, to_string(*e));
  }
  if ((link->flags & IFF_UP) == 0) log.note("warning: " + opt.iface + " is down; no server will answer until it is up");

  ClientConfig config;
  config.mac = *link->mac;
  config.mtu = link->mtu;
  for (std::uint8_t code : kDhcp4cRequestedOptions) (void)config.requested_options.push_back(code);
  for (std::uint8_t b : opt.client_id) (void)config.client_id.push_back(b);
  for (char c : opt.vendor_class) (void)config.vendor_class.push_back(static_cast<std::uint8_t>(c));
  for (char c : opt.hostname) (void)config.hostname.push_back(static_cast<std::uint8_t>(c));
  if (const ConfigError ce = Client::validate(config); ce != ConfigError::None) {
    return finish("usage", kExitUsage, std::string("invalid client configuration: ") + to_string(ce));
  }

  auto applier = LeaseApplier::open(link->index, opt.policy, opt.metric);
  if (!applier) {
    const SysError e = applier.error();
    return finish(is_permission(e.code) ? "permission" : "error", is_permission(e.code) ? kExitPermission : kExitFailure,
                  to_string(e));
  }
  AppliedLeases leases(std::move(applier.value()));
  log.set_applier(&leases.applier());

  // Client and loop are large (lease option stores, 64 KiB receive buffers).
  auto client = std::make_unique<Client>(config);
  GetrandomRng rng;
  auto loop = std::make_unique<ClientLoop>(*client, opt.iface, link->index, rng, leases, log);
  if (const Status s = loop->init(); !s) return finish("error", kExitFailure, to_string(s.error()));

  log.start(opt.iface, link->index, *link->mac, link->mtu, opt.policy_name, opt.once, opt.metric);
  RunOptions run;
  run.release_on_stop = opt.release;
  run.exit_when_bound = opt.once;
  run.bind_timeout = opt.timeout;
  const RunResult result = loop->run(run);

  // Anything the stop did not take away (a failed removal, a lease applied
  // before an error) goes now; --once leaves the lease applied on purpose.
  std::string cleanup_error;
  if (result != RunResult::Bound && leases.applied()) {
    if (const Status s = leases.remove_all(); !s) {
      cleanup_error = to_string(s.error());
      log.error("removing the applied lease: " + cleanup_error);
    }
  }
  switch (result) {
    case RunResult::Bound:
      if (leases.last_failed()) return finish("error", kExitFailure, "bound, but the lease could not be applied");
      return finish("bound", kExitOk, "");
    case RunResult::Stopped:
      return finish("stopped", cleanup_error.empty() ? kExitOk : kExitFailure, cleanup_error);
    case RunResult::Timeout:
      return finish("timeout", kExitTimeout,
                    "no lease within " + std::to_string(opt.timeout ? opt.timeout->count() / 1000 : 0) + " s");
    case RunResult::Error: {
      const SysError e = loop->error();
      return finish(is_permission(e.code) ? "permission" : "error",
                    is_permission(e.code) ? kExitPermission : kExitFailure, to_string(e));
    }
  }
  return kExitFailure;
}
