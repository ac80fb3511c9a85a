// dhcp-replay-badgen GOOD.pcap OUTDIR: writes the captures of dhcp-replay's
// bad-input test (tests/bad_input.cmake) from a good Ethernet capture:
//   truncated.pcap   GOOD's bytes cut in the middle of its last record
//   snaplen.pcap     every frame cut to 100 captured bytes (len unchanged)
//   linktype.pcap    GOOD's frames under link type IEEE802_11 (unsupported)
//   nondhcp.pcap     an ARP, an IPv6, an IPv4 TCP and a UDP port-53 frame, then GOOD's frames
//   corrupt.pcap     eight copies of GOOD's first frame, each with one header broken
//   sll.pcap, sll2.pcap  GOOD's frames as Linux cooked captures v1 and v2
//   good.pcapng      GOOD's frames in a pcapng file (written by hand: libpcap
//                    writes only pcap)
//   hugets.pcapng    the same, the second frame stamped 2^64 - 1 microseconds
//                    (the largest pcapng timestamp; its seconds times 10^6
//                    overflow int64)
//   gap.pcapng       GOOD's frames 2e8 seconds (6.3 years) apart (pcapng:
//                    libpcap reads a pcap's seconds as signed 32 bits, which
//                    end in 2038)
//   lease_gap.pcapng GOOD's frames with the last ACK's lease made 30 days
//                    (51 = 2592000, 58 = 1296000, 59 = 2268000), then GOOD's
//                    third frame again 2e8 s after the first
// Exit status 0, or 1 with a message when GOOD cannot be read.
#include <pcap/pcap.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace {

struct Frame {
  timeval ts;
  std::vector<std::uint8_t> bytes;
  std::uint32_t len;
};

using Bytes = std::vector<std::uint8_t>;

constexpr std::size_t kEth = 14;  // Ethernet header
constexpr std::size_t kIp = kEth;  // IPv4 header offset (GOOD has no VLAN tag, IHL 5)
constexpr std::size_t kUdp = kIp + 20;
constexpr std::size_t kDhcp = kUdp + 8;

std::uint16_t ip_checksum(const std::uint8_t* p, std::size_t n) {
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i + 1 < n; i += 2) sum += (std::uint32_t{p[i]} << 8) | p[i + 1];
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<std::uint16_t>(~sum);
}

void fix_ip_checksum(Bytes& f) {
  f[kIp + 10] = 0;
  f[kIp + 11] = 0;
  const std::uint16_t c = ip_checksum(f.data() + kIp, 20);
  f[kIp + 10] = static_cast<std::uint8_t>(c >> 8);
  f[kIp + 11] = static_cast<std::uint8_t>(c);
}

bool write_pcap(const std::string& path, int dlt, int snaplen, const std::vector<Frame>& frames) {
  pcap_t* dead = pcap_open_dead(dlt, snaplen);
  if (!dead) return false;
  pcap_dumper_t* d = pcap_dump_open(dead, path.c_str());
  if (!d) {
    std::fprintf(stderr, "dhcp-replay-badgen: %s: %s\n", path.c_str(), pcap_geterr(dead));
    pcap_close(dead);
    return false;
  }
  for (const Frame& f : frames) {
    pcap_pkthdr h{};
    h.ts = f.ts;
    h.caplen = static_cast<bpf_u_int32>(f.bytes.size());
    h.len = f.len;
    pcap_dump(reinterpret_cast<u_char*>(d), &h, f.bytes.data());
  }
  pcap_dump_close(d);
  pcap_close(dead);
  return true;
}

void put32(Bytes& b, std::uint32_t v) {  // little-endian (the pcapng we write says so)
  for (int i = 0; i < 4; ++i) b.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}
void put16(Bytes& b, std::uint16_t v) {
  b.push_back(static_cast<std::uint8_t>(v));
  b.push_back(static_cast<std::uint8_t>(v >> 8));
}

// set_u32_option overwrites the 4-byte value of option `code` in an
// Ethernet frame's DHCP options (no overload); false when it is absent. The
// UDP checksum no longer matches: replay such frames with --no-checksums.
bool set_u32_option(Bytes& f, std::uint8_t code, std::uint32_t v) {
  std::size_t i = kDhcp + 240;  // after the fixed header and the magic cookie
  while (i + 1 < f.size() && f[i] != 255) {
    if (f[i] == 0) {
      ++i;
      continue;
    }
    const std::size_t len = f[i + 1];
    if (f[i] == code && len == 4 && i + 6 <= f.size()) {
      for (std::size_t k = 0; k < 4; ++k) f[i + 2 + k] = static_cast<std::uint8_t>(v >> (24 - 8 * k));
      return true;
    }
    i += 2 + len;
  }
  return false;
}

// microseconds: each frame's timestamp as pcapng stores it by default.
std::vector<std::uint64_t> microseconds(const std::vector<Frame>& frames) {
  std::vector<std::uint64_t> us;
  for (const Frame& f : frames) {
    us.push_back(static_cast<std::uint64_t>(f.ts.tv_sec) * 1'000'000u + static_cast<std::uint64_t>(f.ts.tv_usec));
  }
  return us;
}

// write_pcapng: a section header block, one interface description block
// (LINKTYPE_ETHERNET, microsecond timestamps by default) and one enhanced
// packet block per frame, stamped stamps_us[i].
bool write_pcapng(const std::string& path, const std::vector<Frame>& frames,
                  const std::vector<std::uint64_t>& stamps_us) {
  Bytes b;
  put32(b, 0x0a0d0d0a);
  put32(b, 28);
  put32(b, 0x1a2b3c4d);
  put16(b, 1);
  put16(b, 0);
  put32(b, 0xffffffff);  // section length unknown
  put32(b, 0xffffffff);
  put32(b, 28);
  put32(b, 1);  // IDB
  put32(b, 20);
  put16(b, 1);  // LINKTYPE_ETHERNET
  put16(b, 0);
  put32(b, 0);  // snaplen: no limit
  put32(b, 20);
  for (std::size_t i = 0; i < frames.size(); ++i) {
    const Frame& f = frames[i];
    const std::size_t padded = (f.bytes.size() + 3) / 4 * 4;
    const auto total = static_cast<std::uint32_t>(32 + padded);
    const std::uint64_t us = stamps_us[i];
    put32(b, 6);  // EPB
    put32(b, total);
    put32(b, 0);  // interface 0
    put32(b, static_cast<std::uint32_t>(us >> 32));
    put32(b, static_cast<std::uint32_t>(us));
    put32(b, static_cast<std::uint32_t>(f.bytes.size()));
    put32(b, f.len);
    b.insert(b.end(), f.bytes.begin(), f.bytes.end());
    b.resize(b.size() + (padded - f.bytes.size()), 0);
    put32(b, total);
  }
  std::ofstream o(path, std::ios::binary);
  o.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
  return static_cast<bool>(o);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: dhcp-replay-badgen GOOD.pcap OUTDIR\n");
    return 2;
  }
  const std::string good = argv[1], out = std::string(argv[2]) + "/";
  char err[PCAP_ERRBUF_SIZE] = {};
  pcap_t* pc = pcap_open_offline(good.c_str(), err);
  if (!pc || pcap_datalink(pc) != DLT_EN10MB) {
    std::fprintf(stderr, "dhcp-replay-badgen: %s: %s\n", good.c_str(), pc ? "not an Ethernet capture" : err);
    return 1;
  }
  std::vector<Frame> frames;
  pcap_pkthdr* h = nullptr;
  const u_char* d = nullptr;
  while (pcap_next_ex(pc, &h, &d) == 1) frames.push_back(Frame{h->ts, Bytes(d, d + h->caplen), h->len});
  pcap_close(pc);
  if (frames.empty() || frames[0].bytes.size() < kDhcp + 244) {
    std::fprintf(stderr, "dhcp-replay-badgen: %s: no usable first frame\n", good.c_str());
    return 1;
  }
  bool ok = true;

  // truncated.pcap: cut 40 bytes before the end (inside the last record's data).
  {
    std::ifstream in(good, std::ios::binary);
    Bytes all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    all.resize(all.size() - 40);
    std::ofstream o(out + "truncated.pcap", std::ios::binary);
    o.write(reinterpret_cast<const char*>(all.data()), static_cast<std::streamsize>(all.size()));
    ok = ok && static_cast<bool>(o);
  }
  // snaplen.pcap
  {
    std::vector<Frame> cut = frames;
    for (Frame& f : cut) f.bytes.resize(std::min<std::size_t>(f.bytes.size(), 100));
    ok = ok && write_pcap(out + "snaplen.pcap", DLT_EN10MB, 100, cut);
  }
  // linktype.pcap
  ok = ok && write_pcap(out + "linktype.pcap", DLT_IEEE802_11, 65535, frames);
  // nondhcp.pcap
  {
    std::vector<Frame> v;
    const Frame& f0 = frames[0];
    Frame arp{f0.ts, Bytes(f0.bytes.begin(), f0.bytes.begin() + 42), 42};
    arp.bytes[12] = 0x08;
    arp.bytes[13] = 0x06;
    Frame ip6{f0.ts, Bytes(f0.bytes.begin(), f0.bytes.begin() + 74), 74};
    ip6.bytes[12] = 0x86;
    ip6.bytes[13] = 0xdd;
    Frame tcp = f0;
    tcp.bytes[kIp + 9] = 6;
    fix_ip_checksum(tcp.bytes);
    Frame dns = f0;  // UDP 68 -> 53, checksum 0 (not computed)
    dns.bytes[kUdp + 2] = 0;
    dns.bytes[kUdp + 3] = 53;
    dns.bytes[kUdp + 6] = 0;
    dns.bytes[kUdp + 7] = 0;
    v = {arp, ip6, tcp, dns};
    v.insert(v.end(), frames.begin(), frames.end());
    ok = ok && write_pcap(out + "nondhcp.pcap", DLT_EN10MB, 65535, v);
  }
  // corrupt.pcap
  {
    std::vector<Frame> v;
    auto variant = [&](auto edit) {
      Frame f = frames[0];
      edit(f.bytes);
      f.len = static_cast<std::uint32_t>(f.bytes.size());
      v.push_back(f);
    };
    variant([](Bytes& b) { b[kIp + 10] ^= 0xff; });                      // IPv4 header checksum
    variant([](Bytes& b) { b[kIp] = 0x44; fix_ip_checksum(b); });        // IHL 4
    variant([](Bytes& b) { b[kUdp + 4] = 0xff; b[kUdp + 5] = 0xff; });  // UDP length > IP payload
    variant([](Bytes& b) { b[kDhcp + 100] ^= 0x5a; });                   // payload changed: UDP checksum
    variant([](Bytes& b) { b[kDhcp + 236] = 0; b[kUdp + 6] = 0; b[kUdp + 7] = 0; });  // magic cookie
    variant([](Bytes& b) { b.resize(10); });                             // Ethernet truncated
    variant([](Bytes& b) { b[kIp + 6] |= 0x20; fix_ip_checksum(b); });   // IPv4 MF: a fragment
    variant([](Bytes& b) { b[kDhcp + 241] = 0xff; b[kUdp + 6] = 0; b[kUdp + 7] = 0; });  // option past the end
    ok = ok && write_pcap(out + "corrupt.pcap", DLT_EN10MB, 65535, v);
  }
  // sll.pcap / sll2.pcap
  for (int version = 1; version <= 2; ++version) {
    std::vector<Frame> v;
    for (const Frame& f : frames) {
      Bytes hdr(version == 1 ? 16 : 20, 0);
      if (version == 1) {
        hdr[1] = 0;     // packet type: to us
        hdr[3] = 1;     // ARPHRD_ETHER
        hdr[5] = 6;     // address length
        std::memcpy(&hdr[6], &f.bytes[6], 6);
        hdr[14] = 0x08;  // protocol IPv4
      } else {
        hdr[0] = 0x08;  // protocol IPv4
        hdr[7] = 2;     // ifindex
        hdr[9] = 1;     // ARPHRD_ETHER
        hdr[11] = 6;    // address length
        std::memcpy(&hdr[12], &f.bytes[6], 6);
      }
      Frame g{f.ts, hdr, 0};
      g.bytes.insert(g.bytes.end(), f.bytes.begin() + kEth, f.bytes.end());
      g.len = static_cast<std::uint32_t>(f.len - kEth + hdr.size());
      v.push_back(g);
    }
    ok = ok && write_pcap(out + (version == 1 ? "sll.pcap" : "sll2.pcap"), version == 1 ? DLT_LINUX_SLL : DLT_LINUX_SLL2,
                          65535, v);
  }
  ok = ok && write_pcapng(out + "good.pcapng", frames, microseconds(frames));
  // hugets.pcapng
  {
    std::vector<std::uint64_t> us = microseconds(frames);
    if (us.size() >= 2) us[1] = ~std::uint64_t{0};
    ok = ok && write_pcapng(out + "hugets.pcapng", frames, us);
  }
  // gap.pcapng: frame i at the first frame's time + i * 2e8 s.
  {
    std::vector<std::uint64_t> us = microseconds(frames);
    for (std::size_t i = 0; i < us.size(); ++i) us[i] = us[0] + i * 200'000'000ull * 1'000'000u;
    ok = ok && write_pcapng(out + "gap.pcapng", frames, us);
  }
  // lease_gap.pcapng: the lease of GOOD's last frame (its ACK) made 30 days
  // with T1 and T2 at their defaults (0.5 and 0.875 of it), then a frame long
  // after it expired.
  {
    std::vector<Frame> v = frames;
    Bytes& ack = v.back().bytes;
    if (!set_u32_option(ack, 51, 2'592'000) || !set_u32_option(ack, 58, 1'296'000) ||
        !set_u32_option(ack, 59, 2'268'000)) {
      std::fprintf(stderr, "dhcp-replay-badgen: %s: the last frame has no 51, 58 and 59 to change\n", good.c_str());
      return 1;
    }
    std::vector<std::uint64_t> us = microseconds(v);
    if (v.size() >= 3) {
      v.push_back(v[2]);
      us.push_back(us[0] + 200'000'000ull * 1'000'000u);
    }
    ok = ok && write_pcapng(out + "lease_gap.pcapng", v, us);
  }
  if (!ok) {
    std::fprintf(stderr, "dhcp-replay-badgen: could not write into %s\n", argv[2]);
    return 1;
  }
  return 0;
}
