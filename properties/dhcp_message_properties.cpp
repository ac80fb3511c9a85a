// Properties of the DHCP message builder and parser (dhcp_message.hpp):
// parse(build(m)) gives m back, and emit writes exactly wire_size() bytes and
// nothing past the buffer it is given.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "dhcpcore/parsers/dhcp_message.hpp"
#include "dhcpcore/test_support/generators.hpp"
#include "dhcpcore/test_support/models.hpp"

namespace dhcpcore::props {
namespace {

constexpr std::size_t kGuard = 64;
constexpr std::uint8_t kGuardByte = 0xa5;

bool guard_intact(const std::vector<std::uint8_t>& buf, std::size_t from) {
  for (std::size_t i = from; i < buf.size(); ++i) {
    if (buf[i] != kGuardByte) return false;
  }
  return true;
}

// collapse: codes with runs of one code merged (the builder may split one
// value into several instances of its code).
std::vector<std::uint8_t> collapse(const std::vector<std::uint8_t>& codes) {
  std::vector<std::uint8_t> out;
  for (std::uint8_t c : codes) {
    if (out.empty() || out.back() != c) out.push_back(c);
  }
  return out;
}

RC_GTEST_PROP(DhcpMessageRoundTrip, ParseOfBuildGivesBackTheHeaderAndEveryOptionValue, (const gen::GenMessage& m)) {
  const std::vector<std::uint8_t> bytes = m.build();
  RC_ASSERT(!bytes.empty());
  const auto parsed = DhcpMessage::parse(bytes);
  if (!parsed.ok()) RC_FAIL(std::string("parse failed: ") + to_string(parsed.error()));
  const DhcpMessage& msg = parsed.value();
  RC_ASSERT(msg.header() == m.header);
  RC_ASSERT(msg.overload() == m.overload());

  // Per code: presence, total length, RFC 3396 concatenation (both through
  // concatenated() and through the fragments), areas in order.
  std::vector<std::uint8_t> scratch(kMaxOptionLength);
  for (unsigned c = 1; c < 255; ++c) {
    const auto code = static_cast<std::uint8_t>(c);
    const std::vector<std::uint8_t> expected = m.expected_value(code);
    const std::size_t instances = m.instances(code);
    RC_ASSERT(msg.has(code) == (instances > 0));
    if (instances == 0) continue;
    RC_ASSERT(msg.total_length(code) == expected.size());
    RC_ASSERT(msg.count(code) >= instances);
    const auto joined = msg.concatenated(code, scratch);
    RC_ASSERT(joined.has_value());
    RC_ASSERT(std::vector<std::uint8_t>(joined->begin(), joined->end()) == expected);
    std::vector<std::uint8_t> fragments;
    bool areas_in_order = true;
    bool fragments_fit = true;
    OptionArea last = OptionArea::Options;
    const std::size_t visited = msg.for_each_fragment(code, [&](const OptionFragment& f) {
      gen::append(fragments, f.data);
      areas_in_order = areas_in_order && f.area >= last;
      fragments_fit = fragments_fit && f.data.size() <= 255;
      last = f.area;
    });
    RC_ASSERT(fragments == expected);
    RC_ASSERT(areas_in_order);
    RC_ASSERT(fragments_fit);
    RC_ASSERT(visited == msg.count(code));
  }

  // Message order: the options field in generated order (a long value may
  // be split into a run of its code), then file, then sname exactly.
  std::vector<std::uint8_t> option_codes;
  std::vector<gen::GenOption> file, sname;
  msg.for_each_option([&](std::uint8_t code, const OptionFragment& f) {
    gen::GenOption o{code, std::vector<std::uint8_t>(f.data.begin(), f.data.end())};
    switch (f.area) {
      case OptionArea::Options: option_codes.push_back(code); break;
      case OptionArea::File: file.push_back(o); break;
      case OptionArea::Sname: sname.push_back(o); break;
    }
  });
  std::vector<std::uint8_t> generated_codes;
  for (const auto& o : m.options) generated_codes.push_back(o.code);
  RC_ASSERT(collapse(option_codes) == collapse(generated_codes));
  RC_ASSERT(file == m.file_options);
  RC_ASSERT(sname == m.sname_options);

  const gen::GenOption* type = m.first_of_length(opt::kMessageType, 1);
  RC_ASSERT(msg.message_type() == (type != nullptr ? type->data[0] : 0));
}

RC_GTEST_PROP(DhcpMessageRoundTrip, EmitWritesExactlyWireSizeBytesAndNothingBeyond, (const gen::GenMessage& m)) {
  std::vector<OptionRef> refs;
  const DhcpMessageRepr repr = m.repr(refs);
  const std::size_t size = repr.wire_size();
  RC_ASSERT(size >= kDhcpMinMessageSize);
  RC_ASSERT(size >= m.min_size);
  // A buffer of exactly wire_size() inside a larger allocation.
  std::vector<std::uint8_t> exact(size + kGuard, kGuardByte);
  const auto n = repr.emit(std::span(exact).first(size));
  RC_ASSERT(n.ok());
  RC_ASSERT(n.value() == size);
  RC_ASSERT(guard_intact(exact, size));
  // A roomier buffer: the same bytes, and nothing written after them.
  std::vector<std::uint8_t> roomy(size + kGuard, kGuardByte);
  const auto n2 = repr.emit(roomy);
  RC_ASSERT(n2.ok());
  RC_ASSERT(n2.value() == size);
  RC_ASSERT(guard_intact(roomy, size));
  RC_ASSERT(std::equal(exact.begin(), exact.begin() + static_cast<std::ptrdiff_t>(size), roomy.begin()));
}

RC_GTEST_PROP(DhcpMessageRoundTrip, EmitIntoASmallerBufferFailsWithBufferTooSmall, (const gen::GenMessage& m)) {
  std::vector<OptionRef> refs;
  const DhcpMessageRepr repr = m.repr(refs);
  const std::size_t size = repr.wire_size();
  RC_ASSERT(size >= 1u);
  for (const std::size_t cap : {size - 1, std::size_t{*gen::uniform(0, static_cast<std::uint32_t>(size - 1))}}) {
    std::vector<std::uint8_t> buf(cap + kGuard, kGuardByte);
    const auto n = repr.emit(std::span(buf).first(cap));
    RC_ASSERT(!n.ok());
    RC_ASSERT(n.error() == BuildError::BufferTooSmall);
    RC_ASSERT(guard_intact(buf, cap));
  }
}

RC_GTEST_PROP(DhcpMessageRoundTrip, PrefixShorterThanHeaderAndCookieIsTruncated, (const gen::GenMessage& m)) {
  const std::vector<std::uint8_t> bytes = m.build();
  RC_ASSERT(bytes.size() >= kDhcpMinMessageSize);
  const std::size_t cut = *gen::uniform(0, kDhcpMinMessageSize - 1);
  const auto parsed = DhcpMessage::parse(std::span(bytes).first(cut));
  RC_ASSERT(!parsed.ok());
  RC_ASSERT(parsed.error() == DhcpError::Truncated);
}

std::uint32_t be32_at(const std::vector<std::uint8_t>& b, std::size_t at) {
  return model::load_be32(std::span(b).subspan(at, 4));
}

bool equal_at(const std::vector<std::uint8_t>& b, std::size_t at, std::span<const std::uint8_t> want) {
  return std::equal(want.begin(), want.end(), b.begin() + static_cast<std::ptrdiff_t>(at));
}

// Checked against RFC 2131 figure 1 and RFC 3396 directly, not through the
// parser (which, e.g., tolerates a missing END).
RC_GTEST_PROP(DhcpMessageRoundTrip, EmitLaysOutHeaderCookieOptionsEndAndZeroPaddingPerRfc2131,
              (const gen::GenMessage& m)) {
  const std::vector<std::uint8_t> b = m.build();
  RC_ASSERT(b.size() >= kDhcpMinMessageSize + 1);
  const DhcpHeader& h = m.header;
  RC_ASSERT(b[0] == h.op);
  RC_ASSERT(b[1] == h.htype);
  RC_ASSERT(b[2] == h.hlen);
  RC_ASSERT(b[3] == h.hops);
  RC_ASSERT(be32_at(b, 4) == h.xid);
  RC_ASSERT(((b[8] << 8) | b[9]) == h.secs);
  RC_ASSERT(((b[10] << 8) | b[11]) == h.flags);
  RC_ASSERT(be32_at(b, 12) == h.ciaddr.value());
  RC_ASSERT(be32_at(b, 16) == h.yiaddr.value());
  RC_ASSERT(be32_at(b, 20) == h.siaddr.value());
  RC_ASSERT(be32_at(b, 24) == h.giaddr.value());
  RC_ASSERT(equal_at(b, 28, h.chaddr));
  RC_ASSERT(equal_at(b, 44, h.sname));
  RC_ASSERT(equal_at(b, 108, h.file));
  RC_ASSERT(equal_at(b, 236, kMagicCookie));

  // Options: code, length, data; no PAD; then END; then zeros up to min_size.
  std::vector<gen::GenOption> instances;
  std::size_t at = kDhcpMinMessageSize;
  while (at < b.size() && b[at] != opt::kEnd) {
    RC_ASSERT(b[at] != opt::kPad);
    RC_ASSERT(at + 1 < b.size());
    const std::size_t len = b[at + 1];
    RC_ASSERT(at + 2 + len <= b.size());
    instances.push_back(gen::GenOption{b[at], std::vector<std::uint8_t>(b.begin() + static_cast<std::ptrdiff_t>(at + 2),
                                                                         b.begin() + static_cast<std::ptrdiff_t>(at + 2 + len))});
    at += 2 + len;
  }
  RC_ASSERT(at < b.size());  // END present
  RC_ASSERT(std::all_of(b.begin() + static_cast<std::ptrdiff_t>(at + 1), b.end(), [](std::uint8_t x) { return x == 0; }));
  RC_ASSERT(b.size() == std::max(at + 1, m.min_size));

  // Each generated value is one instance (empty values too) or, when longer
  // than 255 bytes, consecutive non-empty instances of its code that join to
  // it (RFC 3396 section 5).
  std::size_t next = 0;
  for (const gen::GenOption& o : m.options) {
    RC_ASSERT(next < instances.size());
    if (o.data.empty()) {
      RC_ASSERT(instances[next] == o);
      ++next;
      continue;
    }
    std::vector<std::uint8_t> joined;
    while (joined.size() < o.data.size() && next < instances.size()) {
      RC_ASSERT(instances[next].code == o.code);
      RC_ASSERT(!instances[next].data.empty());
      gen::append(joined, instances[next].data);
      ++next;
    }
    RC_ASSERT(joined == o.data);
  }
  RC_ASSERT(next == instances.size());
}

RC_GTEST_PROP(DhcpMessageRoundTrip, EmitRefusesPadOrEndAsAnOptionAndWritesNothing, (gen::GenMessage m)) {
  const auto code = *rc::gen::element(std::uint8_t{opt::kPad}, std::uint8_t{opt::kEnd});
  const auto at = *gen::uniform(0, static_cast<std::uint32_t>(m.options.size()));
  m.options.insert(m.options.begin() + at, gen::GenOption{code, *gen::bytes(0, 4)});
  std::vector<OptionRef> refs;
  const DhcpMessageRepr repr = m.repr(refs);
  std::vector<std::uint8_t> buf(kMaxDhcpMessageSize, kGuardByte);
  const auto n = repr.emit(buf);
  RC_ASSERT(!n.ok());
  RC_ASSERT(n.error() == BuildError::BadOptionCode);
  RC_ASSERT(guard_intact(buf, 0));
}

RC_GTEST_PROP(DhcpMessageRoundTrip, EmitRefusesACodeLongerThanTheParserAcceptsAndWritesNothing, (gen::GenMessage m)) {
  // Values of one code that add up to kMaxOptionLength + 1..100 bytes.
  const auto code = *rc::gen::element(std::uint8_t{opt::kDnsServers}, std::uint8_t{opt::kClasslessRoutes}, std::uint8_t{43}, std::uint8_t{200});
  std::erase_if(m.options, [&](const gen::GenOption& o) { return o.code == code; });
  const std::size_t total = kMaxOptionLength + *gen::uniform(1, 100);
  const std::size_t first = *gen::uniform(0, static_cast<std::uint32_t>(total));
  m.options.insert(m.options.begin() + *gen::uniform(0, static_cast<std::uint32_t>(m.options.size())),
                   gen::GenOption{code, std::vector<std::uint8_t>(first, 0x11)});
  m.options.push_back(gen::GenOption{code, std::vector<std::uint8_t>(total - first, 0x22)});
  std::vector<OptionRef> refs;
  const DhcpMessageRepr repr = m.repr(refs);
  std::vector<std::uint8_t> buf(kMaxDhcpMessageSize, kGuardByte);
  const auto n = repr.emit(buf);
  RC_ASSERT(!n.ok());
  RC_ASSERT(n.error() == BuildError::OptionTooLong);
  RC_ASSERT(guard_intact(buf, 0));
}

}  // namespace
}  // namespace dhcpcore::props
