// builders.cpp: deterministic builders (see builders.hpp).
#include "dhcpcore/test_support/builders.hpp"

#include <algorithm>
#include <array>

namespace dhcpcore::gen {

std::array<std::uint8_t, 4> be32(std::uint32_t v) {
  return {static_cast<std::uint8_t>(v >> 24), static_cast<std::uint8_t>(v >> 16),
          static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
}

std::array<std::uint8_t, 4> addr_bytes(Ipv4Addr a) { return be32(a.value()); }

void append(std::vector<std::uint8_t>& v, std::span<const std::uint8_t> bytes) {
  v.insert(v.end(), bytes.begin(), bytes.end());
}

std::vector<std::uint8_t> encode_classless_routes(std::span<const Route> routes) {
  std::vector<std::uint8_t> out;
  for (const Route& r : routes) {
    // RFC 3442 section 3: "width of subnet mask" then the significant octets.
    out.push_back(r.dest.len);
    const std::size_t significant = std::min<std::size_t>((std::size_t{r.dest.len} + 7) / 8, 4);
    const auto dest = addr_bytes(r.dest.addr);
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

}  // namespace dhcpcore::gen
