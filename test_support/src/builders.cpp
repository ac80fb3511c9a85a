// builders.cpp: deterministic builders (see builders.hpp).
#include "dhcpcore/test_support/builders.hpp"

#include <algorithm>
#include <array>

namespace dhcpcore::gen {

Bytes be16(std::uint16_t v) { return {static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)}; }

Bytes be32(std::uint32_t v) {
  return {static_cast<std::uint8_t>(v >> 24), static_cast<std::uint8_t>(v >> 16),
          static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
}

Bytes addr_bytes(Ipv4Addr a) { return be32(a.value()); }

Bytes ip(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d) { return {a, b, c, d}; }

Bytes addrs(std::initializer_list<Ipv4Addr> list) {
  Bytes out;
  for (const Ipv4Addr a : list) append(out, addr_bytes(a));
  return out;
}

Bytes text(std::string_view s) { return Bytes(s.begin(), s.end()); }

Bytes mac_bytes(const MacAddr& mac) { return Bytes(mac.begin(), mac.end()); }

Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const auto& p : parts) append(out, p);
  return out;
}

void append(std::vector<std::uint8_t>& v, std::span<const std::uint8_t> bytes) {
  v.insert(v.end(), bytes.begin(), bytes.end());
}

std::vector<std::uint8_t> encode_classless_routes(std::span<const Route> routes) {
  std::vector<std::uint8_t> out;
  for (const Route& r : routes) {
    // RFC 3442 section 3: "width of subnet mask" then the significant octets.
    out.push_back(r.dest.len);
    const std::size_t significant = std::min<std::size_t>((std::size_t{r.dest.len} + 7) / 8, 4);
    const Bytes dest = addr_bytes(r.dest.addr);
    out.insert(out.end(), dest.begin(), dest.begin() + static_cast<std::ptrdiff_t>(significant));
    append(out, addr_bytes(r.router));
  }
  return out;
}

std::size_t option_field_size(std::span<const GenOption> opts) {
  std::size_t n = 0;
  for (const auto& o : opts) n += 2 + o.data.size();
  return n;
}

bool encode_option_field(std::span<std::uint8_t> field, std::span<const GenOption> opts) {
  std::fill(field.begin(), field.end(), std::uint8_t{0});
  if (option_field_size(opts) > field.size()) return false;
  std::size_t at = 0;
  for (const auto& o : opts) {
    if (o.data.size() > 255) {
      std::fill(field.begin(), field.end(), std::uint8_t{0});
      return false;
    }
    field[at++] = o.code;
    field[at++] = static_cast<std::uint8_t>(o.data.size());
    for (std::uint8_t b : o.data) field[at++] = b;
  }
  if (at < field.size()) field[at] = opt::kEnd;  // else: no END, tolerated by parsers
  return true;
}

std::uint8_t GenMessage::overload() const {
  for (const auto& o : options) {
    if (o.code == opt::kOverload && o.data.size() == 1) return o.data[0];
  }
  return 0;
}

DhcpMessageRepr GenMessage::repr(std::vector<OptionRef>& refs) const {
  refs.clear();
  for (const auto& o : options) refs.push_back(OptionRef{o.code, o.data});
  DhcpMessageRepr r;
  r.header = header;
  r.options = refs;
  r.min_size = min_size;
  return r;
}

std::vector<std::uint8_t> GenMessage::build() const {
  std::vector<OptionRef> refs;
  const DhcpMessageRepr r = repr(refs);
  std::vector<std::uint8_t> out(r.wire_size());
  auto n = r.emit(out);
  if (!n.ok() || n.value() > out.size()) return {};
  out.resize(n.value());
  return out;
}

std::vector<std::uint8_t> GenMessage::expected_value(std::uint8_t code) const {
  std::vector<std::uint8_t> out;
  for (const auto* area : {&options, &file_options, &sname_options}) {
    for (const auto& o : *area) {
      if (o.code == code) append(out, o.data);
    }
  }
  return out;
}

std::size_t GenMessage::instances(std::uint8_t code) const {
  std::size_t n = 0;
  for (const auto* area : {&options, &file_options, &sname_options}) {
    n += static_cast<std::size_t>(
        std::count_if(area->begin(), area->end(), [&](const GenOption& o) { return o.code == code; }));
  }
  return n;
}

const GenOption* GenMessage::first_of_length(std::uint8_t code, std::size_t len) const {
  for (const auto* area : {&options, &file_options, &sname_options}) {
    for (const auto& o : *area) {
      if (o.code == code && o.data.size() == len) return &o;
    }
  }
  return nullptr;
}

void enforce_option_limit(GenMessage& m, std::size_t limit) {
  // file/sname options are few and short (they must fit 128 / 64 bytes):
  // count them first and drop options-field instances that exceed the limit.
  std::array<std::size_t, 256> total{};
  for (const auto* area : {&m.file_options, &m.sname_options}) {
    for (const auto& o : *area) total[o.code] += o.data.size();
  }
  std::vector<GenOption> kept;
  for (const auto& o : m.options) {
    if (total[o.code] + o.data.size() > limit) continue;
    total[o.code] += o.data.size();
    kept.push_back(o);
  }
  m.options = std::move(kept);
}

DhcpHeader message_header(std::uint8_t op, Ipv4Addr yiaddr) {
  DhcpHeader h;
  h.op = op;
  h.xid = kXid;
  h.yiaddr = yiaddr;
  std::copy(kClientMac.begin(), kClientMac.end(), h.chaddr.begin());
  return h;
}

DhcpHeader reply_header(Ipv4Addr yiaddr) { return message_header(2, yiaddr); }

DhcpHeader request_header() { return message_header(1); }

Bytes build_message(const DhcpHeader& h, std::span<const GenOption> opts, std::size_t min_size) {
  GenMessage m;
  m.header = h;
  m.options.assign(opts.begin(), opts.end());
  m.min_size = min_size;
  return m.build();
}

DhcpMessage Built::message() const { return DhcpMessage::parse(bytes).value(); }

Built build(const DhcpHeader& h, std::span<const GenOption> opts) { return Built{build_message(h, opts)}; }

namespace {

// put_be32: v at b[at..at+4), most significant byte first.
void put_be32(Bytes& b, std::size_t at, std::uint32_t v) {
  const Bytes bytes = be32(v);
  std::copy(bytes.begin(), bytes.end(), b.begin() + static_cast<std::ptrdiff_t>(at));
}

}  // namespace

Bytes raw_message(const DhcpHeader& h, std::span<const std::uint8_t> options) {
  // RFC 2131 figure 1: op htype hlen hops (0-3), xid (4), secs (8), flags
  // (10), ciaddr (12), yiaddr (16), siaddr (20), giaddr (24), chaddr (28,
  // 16 bytes), sname (44, 64), file (108, 128), then the magic cookie
  // 99.130.83.99 (236, RFC 2131 section 3).
  Bytes b(240, 0);
  b[0] = h.op;
  b[1] = h.htype;
  b[2] = h.hlen;
  b[3] = h.hops;
  put_be32(b, 4, h.xid);
  b[8] = static_cast<std::uint8_t>(h.secs >> 8);
  b[9] = static_cast<std::uint8_t>(h.secs);
  b[10] = static_cast<std::uint8_t>(h.flags >> 8);
  b[11] = static_cast<std::uint8_t>(h.flags);
  put_be32(b, 12, h.ciaddr.value());
  put_be32(b, 16, h.yiaddr.value());
  put_be32(b, 20, h.siaddr.value());
  put_be32(b, 24, h.giaddr.value());
  std::copy(h.chaddr.begin(), h.chaddr.end(), b.begin() + 28);
  std::copy(h.sname.begin(), h.sname.end(), b.begin() + 44);
  std::copy(h.file.begin(), h.file.end(), b.begin() + 108);
  b[236] = 99;
  b[237] = 130;
  b[238] = 83;
  b[239] = 99;
  append(b, options);
  return b;
}

}  // namespace dhcpcore::gen
