// dhcp-inspect: prints dhcpcore's verdict on DHCP payloads or Ethernet
// frames, one JSON object per input (the schema is in the
// docs/dhcp-inspect.md#json-schema). It is the differential interface against the Go reference.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "common/cli.hpp"
#include "common/format.hpp"
#include "common/inspect.hpp"

namespace {

// dhcp-inspect prints every key: the host plan and the lease's parameters.
constexpr dhcpcore::tools::InspectExtras kExtras{.host_plan = true, .lease_parameters = true};

using dhcpcore::RoutePolicy;
using namespace dhcpcore::tools;

constexpr const char* kUsage =
    "usage: dhcp-inspect [--hex] [--frame] [--policy reference|hardened] [--protect CIDR]... [FILE...]\n"
    "\n"
    "Prints one JSON line per input with dhcpcore's verdict on a DHCP message.\n"
    "  FILE...      each file is one input (raw bytes); '-' or no FILE reads stdin\n"
    "  --hex        inputs are hex text, one input per non-empty line ('#' starts a comment line)\n"
    "  --frame      inputs are whole Ethernet frames (else DHCP payloads from the op byte)\n"
    "  --policy P   route policy: reference (default; the reference's rules) or hardened\n"
    "  --protect C  protected prefix no DHCP route may overlap (repeatable; adds to --policy)\n"
    "  --help       this text; --version: dhcp-inspect's version\n"
    "Exit status: 0 when every input was read, 1 when a file was unreadable or a hex line bad\n"
    "(the other inputs are still reported), 2 on a usage error.\n";

struct Options {
  bool hex = false;
  InputKind kind = InputKind::Payload;
  RoutePolicy policy = RoutePolicy::reference();
  std::vector<std::string> files;
};

int usage_error(const std::string& msg) {
  std::fprintf(stderr, "dhcp-inspect: %s\n%s", msg.c_str(), kUsage);
  return 2;
}

// read_stream appends everything in `in` to `out`, a block at a time.
bool read_stream(std::istream& in, std::string& out) {
  char block[4096];
  while (in.read(block, sizeof block) || in.gcount() > 0) out.append(block, static_cast<std::size_t>(in.gcount()));
  return !in.bad();
}

bool read_all(const std::string& name, std::string& out) {
  if (name == "-") return read_stream(std::cin, out);
  std::ifstream f(name, std::ios::binary);
  if (!f) return false;
  return read_stream(f, out);
}

void emit(const std::string& line) {
  std::fwrite(line.data(), 1, line.size(), stdout);
  std::fputc('\n', stdout);
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  std::vector<dhcpcore::Ipv4Prefix> protect;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (a == "--version") {
      print_version("dhcp-inspect");
      return 0;
    } else if (a == "--hex") {
      opt.hex = true;
    } else if (a == "--frame") {
      opt.kind = InputKind::Frame;
    } else if (a == "--policy" || a == "--protect") {
      if (i + 1 >= argc) return usage_error(a + " needs a value");
      const std::string v = argv[++i];
      if (a == "--policy") {
        auto p = policy_by_name(v);
        if (!p) return usage_error("unknown policy '" + v + "' (reference or hardened)");
        opt.policy = *p;
      } else {
        auto p = parse_prefix(v);
        if (!p) return usage_error("bad prefix '" + v + "' (expected a.b.c.d/len)");
        protect.push_back(*p);
      }
    } else if (a.size() > 1 && a[0] == '-' && a != "-") {
      return usage_error("unknown option " + a);
    } else {
      opt.files.push_back(a);
    }
  }
  for (const auto& p : protect) {
    if (!opt.policy.protected_prefixes.push_back(p)) {
      return usage_error("too many --protect prefixes (at most " +
                         std::to_string(dhcpcore::kMaxProtectedPrefixes) + ")");
    }
  }
  if (opt.files.empty()) opt.files.push_back("-");

  int status = 0;
  for (const auto& name : opt.files) {
    std::string data;
    const std::string shown = name == "-" ? "<stdin>" : name;
    if (!read_all(name, data)) {
      std::fprintf(stderr, "dhcp-inspect: cannot read %s: %s\n", shown.c_str(), std::strerror(errno));
      emit(failure_json("unreadable: " + std::string(std::strerror(errno)), shown, kExtras));
      status = 1;
      continue;
    }
    if (!opt.hex) {
      const auto* p = reinterpret_cast<const std::uint8_t*>(data.data());
      emit(inspect_json(std::span<const std::uint8_t>(p, data.size()), opt.kind, opt.policy, shown, kExtras));
      continue;
    }
    std::size_t line_no = 0, start = 0;
    while (start <= data.size()) {
      std::size_t end = data.find('\n', start);
      if (end == std::string::npos) end = data.size();
      std::string_view line(data.data() + start, end - start);
      ++line_no;
      start = end + 1;
      while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
      while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
      if (line.empty() || line.front() == '#') continue;
      const std::string where = shown + ":" + std::to_string(line_no);
      std::string why;
      auto bytes = parse_hex(line, &why);
      if (!bytes) {
        std::fprintf(stderr, "dhcp-inspect: %s: bad hex: %s\n", where.c_str(), why.c_str());
        emit(failure_json("bad hex: " + why, where, kExtras));
        status = 1;
        continue;
      }
      emit(inspect_json(*bytes, opt.kind, opt.policy, where, kExtras));
    }
  }
  std::fflush(stdout);
  return status;
}
