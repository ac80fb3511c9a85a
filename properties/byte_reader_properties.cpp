// Properties of ByteReader (byte_reader.hpp), the one cursor over untrusted
// bytes: over random inputs and random sequences of every kind of read, a
// read succeeds exactly when enough bytes remain, a successful read advances
// by exactly its size and returns those bytes, and a failed read changes
// nothing (s2n's stuffer invariant).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <array>
#include <cstdint>
#include <limits>
#include <ostream>
#include <vector>

#include "dhcpcore/parsers/byte_reader.hpp"
#include "dhcpcore/test_support/generators.hpp"

namespace dhcpcore::props {
namespace {

enum class ReadKind : std::uint8_t { Take, Skip, U8, U16, U32, Bytes4, Bytes6, Sub, LengthPrefixed };
constexpr const char* kKindNames[] = {"take", "skip", "read_u8", "read_u16", "read_u32", "read_bytes<4>",
                                      "read_bytes<6>", "read_sub", "read_u8_length_prefixed"};

struct ReadOp {
  ReadKind kind = ReadKind::Take;
  std::size_t n = 0;  // for take, skip, read_sub
};

void showValue(const ReadOp& op, std::ostream& os) {
  os << kKindNames[static_cast<std::size_t>(op.kind)];
  if (op.kind == ReadKind::Take || op.kind == ReadKind::Skip || op.kind == ReadKind::Sub) os << "(" << op.n << ")";
}

rc::Gen<ReadOp> read_op() {
  return rc::gen::exec([] {
    ReadOp op;
    op.kind = static_cast<ReadKind>(*gen::uniform(0, 8));
    op.n = *rc::gen::weightedOneOf<std::size_t>({
        {4, rc::gen::map(gen::uniform(0, 8), [](std::uint32_t v) { return std::size_t{v}; })},
        {2, rc::gen::map(gen::uniform(0, 80), [](std::uint32_t v) { return std::size_t{v}; })},
        {1, rc::gen::element<std::size_t>(std::numeric_limits<std::size_t>::max(),
                                          std::numeric_limits<std::size_t>::max() - 1,
                                          std::size_t{1} << 63)},
    });
    return op;
  });
}

// Outcome of one read, checked against the bytes before it.
struct Outcome {
  bool ok = false;
  std::size_t size = 0;          // bytes the read needs (valid when known)
  bool size_known = true;        // false: length-prefixed read without its length byte
  bool value_right = true;       // on success: the result is exactly those bytes
  bool out_untouched = true;     // on failure: the output argument kept its value
};

Outcome apply(ByteReader& r, const ReadOp& op) {
  const std::span<const std::uint8_t> before = r.rest();
  Outcome o;
  switch (op.kind) {
    case ReadKind::Take: {
      const auto b = r.take(op.n);
      o.ok = b.has_value();
      o.size = op.n;
      if (o.ok) o.value_right = b->data() == before.data() && b->size() == op.n;
      break;
    }
    case ReadKind::Skip:
      o.ok = r.skip(op.n);
      o.size = op.n;
      break;
    case ReadKind::U8: {
      std::uint8_t v = 0xab;
      o.ok = r.read_u8(v);
      o.size = 1;
      if (o.ok) o.value_right = v == before[0];
      else o.out_untouched = v == 0xab;
      break;
    }
    case ReadKind::U16: {
      std::uint16_t v = 0xabcd;
      o.ok = r.read_u16(v);
      o.size = 2;
      if (o.ok) o.value_right = v == ((before[0] << 8) | before[1]);
      else o.out_untouched = v == 0xabcd;
      break;
    }
    case ReadKind::U32: {
      std::uint32_t v = 0xabcdef01u;
      o.ok = r.read_u32(v);
      o.size = 4;
      if (o.ok) {
        o.value_right = v == ((std::uint32_t{before[0]} << 24) | (std::uint32_t{before[1]} << 16) |
                              (std::uint32_t{before[2]} << 8) | before[3]);
      } else {
        o.out_untouched = v == 0xabcdef01u;
      }
      break;
    }
    case ReadKind::Bytes4:
    case ReadKind::Bytes6: {
      std::array<std::uint8_t, 6> out;
      out.fill(0xcd);
      if (op.kind == ReadKind::Bytes4) {
        o.ok = r.read_bytes(std::span<std::uint8_t, 4>(out.data(), 4));
        o.size = 4;
      } else {
        o.ok = r.read_bytes(std::span<std::uint8_t, 6>(out));
        o.size = 6;
      }
      for (std::size_t i = 0; i < out.size(); ++i) {
        if (o.ok && i < o.size) o.value_right = o.value_right && out[i] == before[i];
        else if (!o.ok || i >= o.size) o.out_untouched = o.out_untouched && out[i] == 0xcd;
      }
      if (o.ok) {
        // bytes past the read size are never written
        o.value_right = o.value_right && o.out_untouched;
        o.out_untouched = true;
      }
      break;
    }
    case ReadKind::Sub: {
      ByteReader sub;
      o.ok = r.read_sub(op.n, sub);
      o.size = op.n;
      if (o.ok) o.value_right = sub.rest().data() == before.data() && sub.remaining() == op.n;
      break;
    }
    case ReadKind::LengthPrefixed: {
      ByteReader sub;
      o.ok = r.read_u8_length_prefixed(sub);
      o.size_known = !before.empty();
      o.size = before.empty() ? 1 : 1 + std::size_t{before[0]};
      if (o.ok) o.value_right = sub.rest().data() == before.data() + 1 && sub.remaining() == before[0];
      break;
    }
  }
  return o;
}

struct Run {
  std::vector<std::uint8_t> data;
  std::vector<ReadOp> ops;
};

Run generate_run() {
  Run run;
  run.data = *gen::bytes(0, 64);
  run.ops = *rc::gen::container<std::vector<ReadOp>>(read_op());
  return run;
}

RC_GTEST_PROP(ByteReaderCursor, FailedReadLeavesTheReaderUnchanged, ()) {
  const Run run = generate_run();
  ByteReader r(run.data);
  for (const ReadOp& op : run.ops) {
    const std::size_t remaining = r.remaining();
    const std::uint8_t* at = r.rest().data();
    const Outcome o = apply(r, op);
    if (o.ok) continue;
    RC_ASSERT(r.remaining() == remaining);
    RC_ASSERT(r.rest().data() == at);
    RC_ASSERT(o.out_untouched);
  }
}

RC_GTEST_PROP(ByteReaderCursor, SuccessfulReadAdvancesByExactlyItsSizeAndReturnsThoseBytes, ()) {
  const Run run = generate_run();
  ByteReader r(run.data);
  for (const ReadOp& op : run.ops) {
    const std::size_t remaining = r.remaining();
    const std::uint8_t* at = r.rest().data();
    const Outcome o = apply(r, op);
    if (!o.ok) continue;
    RC_ASSERT(o.size <= remaining);
    RC_ASSERT(r.remaining() == remaining - o.size);
    RC_ASSERT(r.rest().data() == at + o.size);
    RC_ASSERT(o.value_right);
  }
}

RC_GTEST_PROP(ByteReaderCursor, ReadFailsExactlyWhenTooFewBytesRemain, ()) {
  const Run run = generate_run();
  ByteReader r(run.data);
  for (const ReadOp& op : run.ops) {
    const std::size_t remaining = r.remaining();
    const Outcome o = apply(r, op);
    RC_ASSERT(o.ok == (o.size_known && o.size <= remaining));
  }
}

}  // namespace
}  // namespace dhcpcore::props
