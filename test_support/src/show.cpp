// show.cpp: printing for counterexamples (see show.hpp).
#include "dhcpcore/test_support/show.hpp"

#include <algorithm>

#include "dhcpcore/test_support/host_plan_checks.hpp"

namespace dhcpcore {

void showValue(const Ipv4Addr& a, std::ostream& os) { os << a.to_string(); }

void showValue(const Ipv4Prefix& p, std::ostream& os) { os << p.to_string(); }

void showValue(const Route& r, std::ostream& os) {
  os << r.dest.to_string() << " via " << (r.on_link() ? std::string("on-link") : r.router.to_string());
}

void showValue(const DroppedRoute& d, std::ostream& os) {
  showValue(d.route, os);
  os << " (" << to_string(d.reason) << ")";
}

void showValue(const ClasslessRoute& r, std::ostream& os) {
  os << r.dest.to_string() << " via " << r.router.to_string();
}

void showValue(const RoutePolicy& p, std::ostream& os) {
  os << "{protected: [";
  bool first = true;
  for (const auto& pr : p.protected_prefixes) {
    os << (first ? "" : ", ") << pr.to_string();
    first = false;
  }
  os << "], allow_short_prefixes: " << (p.allow_short_prefixes ? "true" : "false")
     << ", max_routes: " << p.max_routes << "}";
}

void showValue(const RouteSet& s, std::ostream& os) {
  os << "{kept: [";
  bool first = true;
  for (const auto& r : s.kept) {
    os << (first ? "" : ", ");
    showValue(r, os);
    first = false;
  }
  os << "], dropped: [";
  first = true;
  for (const auto& d : s.dropped) {
    os << (first ? "" : ", ");
    showValue(d, os);
    first = false;
  }
  os << "], dropped_overflow: " << s.dropped_overflow << "}";
}

namespace {

// text_or_hex: a fixed header field as "" (all zero), a quoted string (text
// then NULs) or hex.
void show_field(std::span<const std::uint8_t> f, std::ostream& os) {
  const auto nul = std::find(f.begin(), f.end(), std::uint8_t{0});
  const bool zero_tail = std::all_of(nul, f.end(), [](std::uint8_t b) { return b == 0; });
  const bool printable = std::all_of(f.begin(), nul, [](std::uint8_t b) { return b >= 0x20 && b < 0x7f; });
  if (zero_tail && printable) {
    os << '"' << std::string(f.begin(), nul) << '"';
  } else {
    os << "0x" << gen::hex(f, 256);
  }
}

}  // namespace

void showValue(const DhcpHeader& h, std::ostream& os) {
  os << "{op: " << int{h.op} << ", htype: " << int{h.htype} << ", hlen: " << int{h.hlen}
     << ", hops: " << int{h.hops} << ", xid: " << h.xid << ", secs: " << h.secs
     << ", flags: " << h.flags << ", ciaddr: " << h.ciaddr.to_string()
     << ", yiaddr: " << h.yiaddr.to_string() << ", siaddr: " << h.siaddr.to_string()
     << ", giaddr: " << h.giaddr.to_string() << ", chaddr: 0x" << gen::hex(h.chaddr) << ", sname: ";
  show_field(h.sname, os);
  os << ", file: ";
  show_field(h.file, os);
  os << "}";
}

void showValue(RouteDropReason r, std::ostream& os) { os << to_string(r); }
void showValue(LeaseReject r, std::ostream& os) { os << to_string(r); }
void showValue(DhcpError e, std::ostream& os) { os << to_string(e); }
void showValue(OptionError e, std::ostream& os) { os << to_string(e); }
void showValue(BuildError e, std::ostream& os) { os << to_string(e); }

void showValue(const Lease& l, std::ostream& os) {
  os << "{ip: " << l.ip_net().to_string() << ", expires_at: " << l.expires_at().count() << " ms, options: [";
  bool first = true;
  l.options().for_each([&](std::uint8_t code, std::span<const std::uint8_t> v) {
    os << (first ? "" : ", ") << int{code} << ": 0x" << gen::hex(v);
    first = false;
  });
  os << "]}";
}

void showValue(const HostPlan& p, std::ostream& os) { os << "\n" << gen::describe(p); }

}  // namespace dhcpcore

namespace dhcpcore::gen {

std::string hex(std::span<const std::uint8_t> bytes, std::size_t max_bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  const std::size_t n = std::min(bytes.size(), max_bytes);
  for (std::size_t i = 0; i < n; ++i) {
    out += kDigits[bytes[i] >> 4];
    out += kDigits[bytes[i] & 0xf];
  }
  if (n < bytes.size()) out += "...(+" + std::to_string(bytes.size() - n) + " bytes)";
  return out;
}

std::ostream& operator<<(std::ostream& os, const GenOption& o) {
  return os << "{" << int{o.code} << ", len " << o.data.size() << ", 0x" << hex(o.data) << "}";
}

namespace {
void show_options(std::ostream& os, const std::vector<GenOption>& opts) {
  os << "[";
  bool first = true;
  for (const auto& o : opts) {
    os << (first ? "" : ", ") << o;
    first = false;
  }
  os << "]";
}
}  // namespace

std::ostream& operator<<(std::ostream& os, const HostScene& s) { return os << "\n" << describe(s); }

std::ostream& operator<<(std::ostream& os, const GenMessage& m) {
  os << "{header: ";
  showValue(m.header, os);
  os << ", options: ";
  show_options(os, m.options);
  if (!m.file_options.empty() || !m.sname_options.empty()) {
    os << ", file_options: ";
    show_options(os, m.file_options);
    os << ", sname_options: ";
    show_options(os, m.sname_options);
  }
  return os << ", min_size: " << m.min_size << "}";
}

}  // namespace dhcpcore::gen
