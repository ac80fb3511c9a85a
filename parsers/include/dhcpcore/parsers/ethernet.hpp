// ethernet.hpp: the Ethernet II header with up to two VLAN tags, as a view.
//
// Wire layout (IEEE 802.3 clause 3, IEEE 802.1Q clause 9), no FCS (a packet
// socket neither delivers nor expects one):
//
//   dst(6) src(6) [TPID(2) TCI(2)]{0,2} ethertype(2) payload
//
// A tag is recognised by its TPID: 0x8100 (802.1Q C-tag) or 0x88a8 (802.1ad
// S-tag), in either order. Any other value in that position, including the
// pre-standard QinQ TPIDs 0x9100/0x9200, is the ethertype.
//
// Ethernet II has no length field, so the payload is everything after the
// header: a strict prefix of a frame that still holds the whole header parses
// as the same frame with a shorter payload (the IPv4 total length catches
// that one layer up). Trailing padding to the 60-byte minimum is part of the
// payload here and is cut by the IPv4 parser.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "dhcpcore/parsers/address.hpp"
#include "dhcpcore/parsers/build_error.hpp"
#include "dhcpcore/parsers/result.hpp"

namespace dhcpcore {

enum class EthernetError : std::uint8_t {
  None = 0,
  Truncated,         // fewer than the 14 bytes of dst, src and ethertype
  TruncatedVlanTag,  // a TPID is not followed by its TCI and the next type
  TooManyVlanTags,   // a third VLAN TPID follows two tags
  NotIpv4,           // decode_*_frame only: the ethertype is not 0x0800
};
// to_string returns the enumerator's name ("Truncated"), "Unknown" for a
// value outside the enum; never null.
const char* to_string(EthernetError e) noexcept;

inline constexpr std::uint16_t kEtherTypeIpv4 = 0x0800;
inline constexpr std::uint16_t kTpid8021Q = 0x8100;   // IEEE 802.1Q customer tag
inline constexpr std::uint16_t kTpid8021ad = 0x88a8;  // IEEE 802.1ad service tag
inline constexpr MacAddr kBroadcastMac{0xff, 0xff, 0xff, 0xff, 0xff, 0xff};

// Field layout, in one place. Offsets in the fixed 14-byte header:
inline constexpr std::size_t kEthernetHeaderSize = 14;
inline constexpr std::size_t kEthernetDstOffset = 0;
inline constexpr std::size_t kEthernetSrcOffset = 6;
inline constexpr std::size_t kEthernetTypeOffset = 12;  // ethertype, or the first TPID
// Each tag adds 4 bytes after the first TPID: its TCI, then the next type
// (another TPID or the ethertype). Offsets within those 4 bytes:
inline constexpr std::size_t kVlanTagSize = 4;
inline constexpr std::size_t kVlanTciOffset = 0;
inline constexpr std::size_t kVlanNextTypeOffset = 2;
// Two tags: one customer tag inside one service tag (802.1ad QinQ) is the
// deepest stacking a DHCP client meets; a third is rejected rather than
// silently read as an ethertype, so no tag count can hide the real payload.
inline constexpr std::size_t kMaxVlanTags = 2;
inline constexpr std::size_t kEthernetMaxHeaderSize =
    kEthernetHeaderSize + kMaxVlanTags * kVlanTagSize;

static_assert(kEthernetSrcOffset + 6 <= kEthernetTypeOffset);
static_assert(kEthernetTypeOffset + 2 == kEthernetHeaderSize);
static_assert(kVlanNextTypeOffset + 2 == kVlanTagSize);

// VlanTag: one tag as on the wire. The TCI holds PCP (3 bits), DEI (1 bit)
// and the VLAN ID (12 bits).
struct VlanTag {
  std::uint16_t tpid = kTpid8021Q;
  std::uint16_t tci = 0;

  constexpr std::uint16_t vlan_id() const noexcept { return static_cast<std::uint16_t>(tci & 0x0fffu); }
  constexpr std::uint8_t priority() const noexcept { return static_cast<std::uint8_t>(tci >> 13); }
  constexpr bool drop_eligible() const noexcept { return (tci & 0x1000u) != 0; }
  constexpr bool operator==(const VlanTag&) const noexcept = default;
};

// is_vlan_tpid: whether a type field value starts a VLAN tag.
constexpr bool is_vlan_tpid(std::uint16_t type) noexcept {
  return type == kTpid8021Q || type == kTpid8021ad;
}

// VlanStack: the tags of one frame, outermost first, at most kMaxVlanTags.
class VlanStack {
 public:
  constexpr VlanStack() noexcept = default;
  // push appends a tag (it becomes the innermost); false, and the stack
  // unchanged, when it already holds kMaxVlanTags.
  [[nodiscard]] constexpr bool push(VlanTag t) noexcept {
    if (count_ >= kMaxVlanTags) return false;
    tags_[count_] = t;
    ++count_;
    return true;
  }
  constexpr std::size_t size() const noexcept { return count_; }
  constexpr bool empty() const noexcept { return count_ == 0; }
  // tags returns the pushed tags, outermost first.
  constexpr std::span<const VlanTag> tags() const noexcept {
    return std::span<const VlanTag>(tags_).first(count_);
  }
  // Equal when the same tags are pushed in the same order.
  constexpr bool operator==(const VlanStack& o) const noexcept {
    return std::ranges::equal(tags(), o.tags());
  }

 private:
  std::array<VlanTag, kMaxVlanTags> tags_{};
  std::size_t count_ = 0;
};

struct EthernetFrame {
  MacAddr dst{};
  MacAddr src{};
  VlanStack vlans;                          // outermost first
  std::uint16_t ethertype = kEtherTypeIpv4;  // the type after the tags
  std::span<const std::uint8_t> payload{};  // a view into the parsed bytes

  // parse reads the header and returns a view whose payload is the rest of
  // data. Errors, checked in wire order: Truncated (< 14 bytes),
  // TooManyVlanTags (a third TPID, whether or not bytes follow it),
  // TruncatedVlanTag. Never returns NotIpv4: dispatch is the caller's.
  static Result<EthernetFrame, EthernetError> parse(std::span<const std::uint8_t> data) noexcept;

  // header_size: 14 plus 4 per tag.
  constexpr std::size_t header_size() const noexcept {
    return kEthernetHeaderSize + vlans.size() * kVlanTagSize;
  }
  // wire_size: header_size() plus the payload, the bytes emit writes.
  constexpr std::size_t wire_size() const noexcept { return header_size() + payload.size(); }

  // emit_header writes the header_size() bytes of the header (dst, src, the
  // tags, ethertype) at the start of out and returns header_size(). On
  // BufferTooSmall nothing is written. No padding to the 60-byte minimum is
  // added (the NIC pads).
  Result<std::size_t, BuildError> emit_header(std::span<std::uint8_t> out) const noexcept;
  // emit writes the header then payload and returns wire_size(). On
  // BufferTooSmall nothing is written. parse(emit(x)) == x when every tag's
  // TPID is kTpid8021Q or kTpid8021ad and the ethertype is not one of them
  // (other values are written as given; parse would read them differently).
  Result<std::size_t, BuildError> emit(std::span<std::uint8_t> out) const noexcept;

  // Equal when every field and the payload *contents* are equal.
  friend bool operator==(const EthernetFrame& a, const EthernetFrame& b) noexcept;
};

}  // namespace dhcpcore
