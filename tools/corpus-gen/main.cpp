// corpus-gen: writes the descriptive seed inputs of corpus/ from scratch with
// dhcpcore's builders, so every committed seed can be regenerated and checked
// (ctest: corpus.seeds_match_generator). Each seed's file name says what it
// is; the CVE-class inputs are named for the CVE whose bug class they probe.
//
// usage: corpus-gen OUTDIR   (writes OUTDIR/dhcp_message/*.bin, OUTDIR/frame/*.bin)
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "dhcpcore/parsers/dhcp_message.hpp"
#include "dhcpcore/parsers/frame.hpp"

namespace {

using namespace dhcpcore;
using Bytes = std::vector<std::uint8_t>;

struct O {
  std::uint8_t code;
  Bytes data;
};

Bytes be32(std::uint32_t v) {
  return {static_cast<std::uint8_t>(v >> 24), static_cast<std::uint8_t>(v >> 16),
          static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
}
Bytes ip(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d) { return {a, b, c, d}; }
Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}
Bytes text(const std::string& s) { return Bytes(s.begin(), s.end()); }

constexpr MacAddr kClientMac{0x00, 0x00, 0x5e, 0x00, 0x53, 0x01};  // RFC 7042 documentation MAC
constexpr MacAddr kServerMac{0x00, 0x00, 0x5e, 0x00, 0x53, 0x02};
constexpr std::uint32_t kXid = 0x3903f326;

DhcpHeader header(std::uint8_t op, Ipv4Addr yiaddr = Ipv4Addr()) {
  DhcpHeader h;
  h.op = op;
  h.xid = kXid;
  h.yiaddr = yiaddr;
  for (std::size_t i = 0; i < kClientMac.size(); ++i) h.chaddr[i] = kClientMac[i];
  return h;
}

Bytes build(const DhcpHeader& h, const std::vector<O>& opts, std::size_t min_size = 300) {
  std::vector<OptionRef> refs;
  for (const auto& o : opts) refs.push_back({o.code, o.data});
  DhcpMessageRepr r;
  r.header = h;
  r.options = refs;
  r.min_size = min_size;
  Bytes out(r.wire_size());
  auto n = r.emit(out);
  if (!n) {
    std::fprintf(stderr, "corpus-gen: emit failed: %s\n", to_string(n.error()));
    std::exit(1);
  }
  out.resize(n.value());
  return out;
}

// Options of a typical lease from 192.0.2.1 for 192.0.2.50/24.
std::vector<O> lease_opts(std::uint8_t type) {
  return {{53, {type}},
          {54, ip(192, 0, 2, 1)},
          {51, be32(3600)},
          {58, be32(1800)},
          {59, be32(3150)},
          {1, ip(255, 255, 255, 0)},
          {3, ip(192, 0, 2, 1)},
          {6, cat({ip(192, 0, 2, 53), ip(198, 51, 100, 53), ip(203, 0, 113, 53)})},
          {15, text("example.test")}};
}

std::vector<O> with(std::vector<O> base, std::initializer_list<O> more) {
  for (const auto& o : more) base.push_back(o);
  return base;
}

// A raw payload: the 236-byte header + cookie from the builder, then the
// given option bytes verbatim (for malformed inputs the builder refuses).
Bytes raw(const DhcpHeader& h, const Bytes& options) {
  Bytes base = build(h, {}, 0);
  base.resize(kDhcpMinMessageSize);  // drop the builder's END
  base.insert(base.end(), options.begin(), options.end());
  return base;
}

void put(const std::filesystem::path& dir, const std::string& name, const Bytes& b) {
  std::filesystem::create_directories(dir);
  std::ofstream f(dir / name, std::ios::binary | std::ios::trunc);
  f.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
  if (!f) {
    std::fprintf(stderr, "corpus-gen: cannot write %s\n", (dir / name).c_str());
    std::exit(1);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: corpus-gen OUTDIR\n");
    return 2;
  }
  const std::filesystem::path out = argv[1];
  const auto msg = out / "dhcp_message";
  const Ipv4Addr yi(192, 0, 2, 50);

  // --- Well-formed messages ---------------------------------------------------
  put(msg, "discover_with_prl_client_id_max_size.bin",
      build(header(1), {{53, {1}}, {55, {1, 3, 6, 15, 51, 121}}, {57, {0x05, 0xdc}},
                        {61, cat({{1}, Bytes(kClientMac.begin(), kClientMac.end())})}, {80, {}}}));
  put(msg, "request_selecting_server_id_requested_ip.bin",
      build(header(1), {{53, {3}}, {54, ip(192, 0, 2, 1)}, {50, ip(192, 0, 2, 50)}, {55, {1, 3, 6, 51}}}));
  put(msg, "offer_minimal_reference_acceptable.bin",
      build(header(2, Ipv4Addr(192, 0, 2, 2)), {{53, {2}}, {54, ip(192, 0, 2, 1)}, {51, be32(10)}}));
  put(msg, "ack_router_three_dns_domain.bin", build(header(2, yi), lease_opts(5)));
  put(msg, "ack_rapid_commit.bin", build(header(2, yi), with(lease_opts(5), {{80, {}}})));
  put(msg, "nak_with_message.bin", build(header(2), {{53, {6}}, {54, ip(192, 0, 2, 1)}, {56, text("wrong network")}}));
  put(msg, "ack_classless_default_and_host_route_to_offlink_gateway.bin",
      build(header(2, yi), with(lease_opts(5), {{121, {32, 203, 0, 113, 1, 0, 0, 0, 0,  // 203.0.113.1/32 on-link
                                                       0, 203, 0, 113, 1,               // default via it
                                                       24, 198, 51, 100, 192, 0, 2, 1}}})));  // /24 via .1
  put(msg, "ack_static_routes_option33_classful.bin",
      build(header(2, yi), with(lease_opts(5), {{33, cat({ip(10, 0, 0, 0), ip(192, 0, 2, 1), ip(172, 16, 0, 0),
                                                          ip(192, 0, 2, 1)})}})));
  put(msg, "ack_tunnelvision_split_default_routes.bin",
      build(header(2, yi), with(lease_opts(5), {{121, {1, 0, 192, 0, 2, 1, 1, 128, 192, 0, 2, 1}}})));
  put(msg, "ack_classless_route_host_bits_set.bin",
      build(header(2, yi), with(lease_opts(5), {{121, {9, 10, 255, 192, 0, 2, 1}}})));
  put(msg, "offer_t1_without_t2_renew_storm.bin",
      build(header(2, yi), {{53, {2}}, {54, ip(192, 0, 2, 1)}, {51, be32(3600)}, {58, be32(1800)}}));
  put(msg, "ack_server_id_repeated_like_dnsmasq.bin",
      build(header(2, yi), with(lease_opts(5), {{54, ip(192, 0, 2, 1)}})));
  put(msg, "ack_domain_search_119_compressed.bin",
      build(header(2, yi), with(lease_opts(5), {{119, {7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 4, 't', 'e', 's', 't', 0,
                                                       3, 's', 'u', 'b', 0xc0, 0x00}}})));
  put(msg, "ack_long_option_split_rfc3396.bin",
      build(header(2, yi), with(lease_opts(5), {{43, Bytes(600, 0x5a)}})));
  {
    // Overload 3: option 3 in file, option 6 in sname (RFC 2131 4.1).
    DhcpHeader h = header(2, yi);
    const Bytes file_opts = {3, 4, 192, 0, 2, 1, 255};
    const Bytes sname_opts = {6, 4, 192, 0, 2, 53, 255};
    std::copy(file_opts.begin(), file_opts.end(), h.file.begin());
    std::copy(sname_opts.begin(), sname_opts.end(), h.sname.begin());
    put(msg, "ack_overload_file_and_sname.bin",
        build(h, {{53, {5}}, {54, ip(192, 0, 2, 1)}, {51, be32(3600)}, {1, ip(255, 255, 255, 0)}, {52, {3}}}));
  }
  {
    DhcpHeader h = header(2, yi);
    const std::string sname = "tftp.example.test", file = "pxelinux.0";
    std::copy(sname.begin(), sname.end(), h.sname.begin());
    std::copy(file.begin(), file.end(), h.file.begin());
    h.siaddr = Ipv4Addr(192, 0, 2, 9);
    put(msg, "ack_sname_file_siaddr_normalized.bin", build(h, lease_opts(5)));
  }
  {
    std::vector<O> many = lease_opts(5);
    for (std::uint8_t code = 224; code < 254; ++code) many.push_back({code, Bytes(30, code)});
    put(msg, "ack_large_many_options.bin", build(header(2, yi), many));
  }

  // --- Malformed and CVE-class inputs -------------------------------------------
  const DhcpHeader ack = header(2, yi);
  put(msg, "cve_2009_0692_subnet_mask_length_255.bin", raw(ack, cat({{53, 1, 5, 1, 255}, Bytes(255, 0xff), {255}})));
  put(msg, "cve_2018_20679_server_id_length_4_at_end_no_data.bin", raw(ack, {53, 1, 5, 54, 4}));
  put(msg, "cve_2019_5747_lease_time_length_3_at_end.bin", raw(ack, {53, 1, 5, 51, 3, 0, 0}));
  put(msg, "cve_2019_11579_overload_without_data_byte.bin", raw(ack, {53, 1, 5, 52}));
  {
    DhcpHeader h = ack;
    const Bytes inner = {52, 1, 3, 255};  // 52 inside file: forbidden
    std::copy(inner.begin(), inner.end(), h.file.begin());
    put(msg, "overload_option_inside_file.bin", raw(h, {53, 1, 5, 52, 1, 1, 255}));
  }
  put(msg, "cve_2020_7461_domain_search_pointer_loop.bin",
      raw(ack, {53, 1, 5, 119, 8, 0x02, 0xc0, 0x01, 0x00, 0x01, 0x41, 0xc0, 0x01, 255}));
  put(msg, "pad_between_options_zephyr_desync.bin", raw(ack, {53, 1, 5, 0, 0, 0, 54, 4, 192, 0, 2, 1, 0, 51, 4, 0, 0, 14, 16, 255}));
  put(msg, "dns_option_length_not_multiple_of_4_smoltcp.bin", raw(ack, {53, 1, 5, 6, 5, 192, 0, 2, 53, 1, 255}));
  put(msg, "missing_end_option.bin", raw(ack, {53, 1, 5, 54, 4, 192, 0, 2, 1, 51, 4, 0, 0, 14, 16}));
  put(msg, "bad_magic_cookie.bin", [&] {
    Bytes b = build(ack, lease_opts(5));
    b[236] = 0x63;
    b[239] = 0x00;
    return b;
  }());
  {
    Bytes b = build(ack, {});
    b.resize(100);
    put(msg, "truncated_header.bin", b);
  }

  // --- Frames (server -> client and client -> server) ---------------------------
  const auto frames = out / "frame";
  const Bytes ack_payload = build(header(2, yi), lease_opts(5));
  Bytes buf(ack_payload.size() + 128);
  auto put_frame = [&](const std::string& name, const Result<std::size_t, BuildError>& n) {
    if (!n) {
      std::fprintf(stderr, "corpus-gen: frame build failed: %s\n", to_string(n.error()));
      std::exit(1);
    }
    put(frames, name, Bytes(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(n.value())));
  };
  put_frame("client_discover_broadcast.bin",
            build_client_ethernet_frame(kClientMac, build(header(1), {{53, {1}}, {55, {1, 3, 6}}}), buf));
  UdpFrameSpec server;
  server.eth_src = kServerMac;
  server.eth_dst = kClientMac;
  server.ip_src = Ipv4Addr(192, 0, 2, 1);
  server.ip_dst = yi;
  server.src_port = 67;
  server.dst_port = 68;
  put_frame("server_ack_unicast_to_client.bin", build_udp_frame(server, ack_payload, buf));
  server.vlan_tags = 1;
  put_frame("server_ack_vlan_8021q.bin", build_udp_frame(server, ack_payload, buf));
  server.vlan_tags = 2;
  put_frame("server_ack_qinq_8021ad.bin", build_udp_frame(server, ack_payload, buf));
  return 0;
}
