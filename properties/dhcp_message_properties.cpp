// Properties of the DHCP message builder and parser (dhcp_message.hpp):
// parse(build(m)) gives m back, and emit writes exactly wire_size() bytes and
// nothing past the buffer it is given.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <vector>

#include "dhcpcore/parsers/dhcp_message.hpp"
#include "dhcpcore/test_support/generators.hpp"

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

}  // namespace
}  // namespace dhcpcore::props
