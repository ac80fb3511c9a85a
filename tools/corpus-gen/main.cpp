// corpus-gen: writes the descriptive seed inputs of corpus/ from scratch with
// the test-support builders (test_support/, dhcpcore::test_builders: the
// parsers' builder for well-formed messages, raw_message for malformed
// ones), so every committed seed can be regenerated and checked
// (ctest: corpus.seeds_match_generator). Each seed's file name says what it
// is; the CVE-class inputs are named for the CVE whose bug class they probe.
//
// The structured fuzz targets (dhcp_options, classless_routes, lease,
// client_session, host_plan) read
// their input field by field (fuzz/fuzz_check.hpp, ByteSource); their seeds
// are written here in the layout each target's header comment describes.
//
// usage: corpus-gen OUTDIR   (writes OUTDIR/<target>/*.bin for dhcp_message,
//        frame, roundtrip, dhcp_options, classless_routes, lease,
//        client_session, host_plan and arp; one write_* function per target or
//        group of seeds, called in that order by main)
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "dhcpcore/parsers/dhcp_message.hpp"
#include "dhcpcore/parsers/frame.hpp"
#include "dhcpcore/test_support/builders.hpp"

namespace {

using namespace dhcpcore;
using gen::be32;
using gen::Bytes;
using gen::cat;
using gen::ip;
using gen::kClientMac;
using gen::kServerMac;
using gen::kXid;
using gen::text;
using O = gen::GenOption;

const Ipv4Addr kYiaddr(192, 0, 2, 50);

// header: a message header from the client's chaddr with kXid.
DhcpHeader header(std::uint8_t op, Ipv4Addr yiaddr = Ipv4Addr()) { return gen::message_header(op, yiaddr); }

// build: the builder's bytes for h and opts, padded to min_size; exits when
// the builder refuses them.
Bytes build(const DhcpHeader& h, const std::vector<O>& opts, std::size_t min_size = 300) {
  Bytes out = gen::build_message(h, opts, min_size);
  if (out.empty()) {
    std::fprintf(stderr, "corpus-gen: the builder refused a message\n");
    std::exit(1);
  }
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

// typical_ack: the ACK of lease_opts for 192.0.2.50.
Bytes typical_ack() { return build(header(2, kYiaddr), lease_opts(5)); }

// A raw payload: the 236-byte header + cookie, then the given option bytes
// verbatim (for malformed inputs the builder refuses).
Bytes raw(const DhcpHeader& h, const Bytes& options) { return gen::raw_message(h, options); }

void put(const std::filesystem::path& dir, const std::string& name, const Bytes& b) {
  std::filesystem::create_directories(dir);
  std::ofstream f(dir / name, std::ios::binary | std::ios::trunc);
  f.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
  if (!f) {
    std::fprintf(stderr, "corpus-gen: cannot write %s\n", (dir / name).c_str());
    std::exit(1);
  }
}

// u16: a big-endian length or count as the structured targets read it.
Bytes u16(std::size_t v) { return gen::be16(static_cast<std::uint16_t>(v)); }

// --- Inputs of the structured fuzz targets ------------------------------------

// dhcp_options_fuzzer: file length, file, sname length, sname, options area.
Bytes options_input(const Bytes& file, const Bytes& sname, const Bytes& options) {
  return cat({{static_cast<std::uint8_t>(file.size())}, file, {static_cast<std::uint8_t>(sname.size())}, sname,
              options});
}
// tlv: one option instance, code, length, value.
Bytes tlv(std::uint8_t code, const Bytes& v) { return cat({{code, static_cast<std::uint8_t>(v.size())}, v}); }

// classless_routes_fuzzer: assigned address and prefix, policy flags (bit 0
// policy on, bit 1 short prefixes allowed), cap, protected prefixes, then
// the option 121 data.
struct Protected {
  Bytes addr;
  std::uint8_t len;
};
Bytes routes_input(const Bytes& assigned, std::uint8_t len, std::uint8_t flags, std::uint8_t cap,
                   const std::vector<Protected>& prot, const Bytes& v121) {
  Bytes out = cat({assigned, {len, flags, cap, static_cast<std::uint8_t>(prot.size())}});
  for (const auto& p : prot) out = cat({out, p.addr, {p.len}});
  return cat({out, v121});
}

// lease_fuzzer: one option record: 0xf0 (a raw code follows), the code, the
// area choice (0 options, 1 file, 2 sname when overloaded), the value kind
// (0 typed, 2 long for 43, 3 raw: a length byte then the bytes) and the
// value's input bytes.
struct LeaseOpt {
  std::uint8_t code;
  std::uint8_t area;
  std::uint8_t kind;
  Bytes input;
};
// Address choices (an index into the target's table, or 0xf0 and 4 bytes).
constexpr std::uint8_t kPick192_0_2_50 = 0, kPick192_0_2_1 = 1, kPick192_0_2_53 = 2, kPick10_8_0_1 = 3,
                       kPick198_51_100_1 = 4, kPickBroadcast = 11;
// Time choices: 0 -> 0 s, 4 -> 3600 s, 5 -> 0x7fffffff s.
constexpr std::uint8_t kTime0 = 0, kTime3600 = 4, kTimeMax = 5;
Bytes lease_input(std::uint8_t overload, const std::vector<LeaseOpt>& opts) {
  Bytes out = cat({{0}, be32(kXid), {kPick192_0_2_50, kPick192_0_2_1, overload, 0,
                                      static_cast<std::uint8_t>(opts.size())}});
  for (const auto& o : opts) out = cat({out, {0xf0, o.code, o.area, o.kind}, o.input});
  return out;
}
std::vector<LeaseOpt> lease_basics(std::uint8_t type) {
  return {{53, 0, 0, {static_cast<std::uint8_t>(type - 1)}},
          {54, 0, 0, {kPick192_0_2_1}},
          {51, 0, 0, {kTime3600}},
          {1, 0, 0, {24}},
          {3, 0, 0, {0, kPick192_0_2_1}},
          {6, 0, 0, {1, kPick192_0_2_53, kPick198_51_100_1}}};
}
std::vector<LeaseOpt> plus(std::vector<LeaseOpt> base, std::initializer_list<LeaseOpt> more) {
  for (const auto& o : more) base.push_back(o);
  return base;
}

// host_plan_fuzzer: the payload (u16 length, then its bytes), then the
// scene's choices in test_support/.../host_scene.hpp's layout, one
// byte per choice.
Bytes host_plan_input(const Bytes& payload, const Bytes& scene) { return cat({u16(payload.size()), payload, scene}); }
// Scene parts: settings (metric 0, lease time left, refresh), a count, then
// the records as given.
const Bytes kPlainSettings{0, 0, 0};
Bytes records(const std::vector<Bytes>& rs) {
  Bytes out{static_cast<std::uint8_t>(rs.size())};
  for (const auto& r : rs) out = cat({out, r});
  return out;
}
const Bytes kNone = records({});
const Bytes kNoPolicy{0};
const Bytes kNoHistory{0};
// address record: iface, owner, where (+ host for 1), len, peer, shape.
Bytes address_record(std::uint8_t iface, std::uint8_t owner, Bytes where, std::uint8_t len, std::uint8_t shape) {
  return cat({{iface, owner}, where, {len, 0, shape}});
}

// --- dhcp_message: well-formed messages -------------------------------------------

void write_well_formed_messages(const std::filesystem::path& msg) {
  const Ipv4Addr yi = kYiaddr;
  put(msg, "discover_with_prl_client_id_max_size.bin",
      build(header(1), {{53, {1}}, {55, {1, 3, 6, 15, 51, 121}}, {57, {0x05, 0xdc}},
                        {61, cat({{1}, gen::mac_bytes(kClientMac)})}, {80, {}}}));
  put(msg, "request_selecting_server_id_requested_ip.bin",
      build(header(1), {{53, {3}}, {54, ip(192, 0, 2, 1)}, {50, ip(192, 0, 2, 50)}, {55, {1, 3, 6, 51}}}));
  put(msg, "offer_minimal_reference_acceptable.bin",
      build(header(2, Ipv4Addr(192, 0, 2, 2)), {{53, {2}}, {54, ip(192, 0, 2, 1)}, {51, be32(10)}}));
  put(msg, "ack_router_three_dns_domain.bin", typical_ack());
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
}

// The messages whose header fields carry more than the builder's defaults.
void write_header_field_messages(const std::filesystem::path& msg) {
  {
    // Overload 3: option 3 in file, option 6 in sname (RFC 2131 4.1).
    DhcpHeader h = header(2, kYiaddr);
    const Bytes file_opts = {3, 4, 192, 0, 2, 1, 255};
    const Bytes sname_opts = {6, 4, 192, 0, 2, 53, 255};
    std::copy(file_opts.begin(), file_opts.end(), h.file.begin());
    std::copy(sname_opts.begin(), sname_opts.end(), h.sname.begin());
    put(msg, "ack_overload_file_and_sname.bin",
        build(h, {{53, {5}}, {54, ip(192, 0, 2, 1)}, {51, be32(3600)}, {1, ip(255, 255, 255, 0)}, {52, {3}}}));
  }
  {
    DhcpHeader h = header(2, kYiaddr);
    const std::string sname = "tftp.example.test", file = "pxelinux.0";
    std::copy(sname.begin(), sname.end(), h.sname.begin());
    std::copy(file.begin(), file.end(), h.file.begin());
    h.siaddr = Ipv4Addr(192, 0, 2, 9);
    put(msg, "ack_sname_file_siaddr_normalized.bin", build(h, lease_opts(5)));
  }
  std::vector<O> many = lease_opts(5);
  for (std::uint8_t code = 224; code < 254; ++code) many.push_back({code, Bytes(30, code)});
  put(msg, "ack_large_many_options.bin", build(header(2, kYiaddr), many));
}

// --- dhcp_message: malformed and CVE-class inputs --------------------------------

void write_malformed_messages(const std::filesystem::path& msg) {
  const DhcpHeader ack = header(2, kYiaddr);
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
  Bytes bad_cookie = build(ack, lease_opts(5));
  bad_cookie[236] = 0x63;
  bad_cookie[239] = 0x00;
  put(msg, "bad_magic_cookie.bin", bad_cookie);
  Bytes truncated = build(ack, {});
  truncated.resize(100);
  put(msg, "truncated_header.bin", truncated);
}

// --- frame: server -> client and client -> server -------------------------------

void write_frames(const std::filesystem::path& frames) {
  const Bytes ack_payload = typical_ack();
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
  server.ip_dst = kYiaddr;
  server.src_port = 67;
  server.dst_port = 68;
  put_frame("server_ack_unicast_to_client.bin", build_udp_frame(server, ack_payload, buf));
  server.vlan_tags = 1;
  put_frame("server_ack_vlan_8021q.bin", build_udp_frame(server, ack_payload, buf));
  server.vlan_tags = 2;
  put_frame("server_ack_qinq_8021ad.bin", build_udp_frame(server, ack_payload, buf));
}

// --- roundtrip: parse -> emit -> parse over the message seeds ----------------------

void write_roundtrip(const std::filesystem::path& msg, const std::filesystem::path& roundtrip) {
  std::filesystem::create_directories(roundtrip);
  for (const char* name : {"ack_router_three_dns_domain.bin", "ack_overload_file_and_sname.bin",
                           "ack_long_option_split_rfc3396.bin", "ack_large_many_options.bin",
                           "pad_between_options_zephyr_desync.bin", "missing_end_option.bin",
                           "ack_sname_file_siaddr_normalized.bin", "discover_with_prl_client_id_max_size.bin"}) {
    std::filesystem::copy_file(msg / name, roundtrip / name, std::filesystem::copy_options::overwrite_existing);
  }
}

// --- dhcp_options: the walk and every typed decoder --------------------------------

void write_dhcp_options(const std::filesystem::path& options) {
  put(options, "lease_options_typical.bin",
      options_input({}, {}, cat({tlv(53, {5}), tlv(54, ip(192, 0, 2, 1)), tlv(51, be32(3600)),
                                 tlv(1, ip(255, 255, 255, 0)), tlv(3, ip(192, 0, 2, 1)),
                                 tlv(6, cat({ip(192, 0, 2, 53), ip(198, 51, 100, 53)})), {255}})));
  put(options, "overload_3_router_in_file_dns_in_sname.bin",
      options_input({3, 4, 192, 0, 2, 1, 255}, {6, 4, 192, 0, 2, 53, 255}, cat({tlv(53, {5}), tlv(52, {3}), {255}})));
  put(options, "every_typed_decoder_well_formed.bin",
      options_input({}, {}, cat({tlv(12, text("host-1")), tlv(15, text("example.test.")), tlv(28, ip(192, 0, 2, 255)),
                                 tlv(33, cat({ip(10, 0, 0, 0), ip(192, 0, 2, 1)})), tlv(50, ip(192, 0, 2, 50)),
                                 tlv(55, {1, 3, 6, 15, 119, 121}), tlv(57, {0x05, 0xdc}), tlv(58, be32(1800)),
                                 tlv(59, be32(3150)), tlv(61, {1, 0, 0, 0x5e, 0, 0x53, 1}), tlv(66, text("tftp.example")),
                                 tlv(67, text("boot.img")), tlv(80, {}), tlv(150, ip(192, 0, 2, 9)),
                                 tlv(121, {24, 198, 51, 100, 192, 0, 2, 1, 0, 192, 0, 2, 1}), {255}})));
  put(options, "hostname_trailing_dot_and_nuls.bin",
      options_input({}, {}, cat({tlv(12, cat({text("host."), {0, 0}})), tlv(67, cat({text("pxe"), {0}})), {255}})));
  put(options, "domain_search_split_rfc3396_with_pointer.bin",
      options_input({}, {}, cat({tlv(119, {7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 4, 't', 'e'}),
                                 tlv(119, {'s', 't', 0, 3, 's', 'u', 'b', 0xc0, 0x00}), {255}})));
  put(options, "classless_routes_split_mid_route.bin",
      options_input({}, {}, cat({tlv(121, {24, 198, 51, 100}), tlv(121, {192, 0, 2, 1}), {255}})));
  put(options, "label_too_long_and_pointer_forward.bin",
      options_input({}, {}, cat({tlv(15, cat({{'a'}, Bytes(63, 'b'), {'.', 'c'}})), tlv(119, {0xc0, 0x02, 0}), {255}})));
}

// --- classless_routes: 121 + sanitize_routes + RoutePolicy -------------------------

void write_classless_routes(const std::filesystem::path& routes) {
  const Bytes yi_bytes = ip(192, 0, 2, 50);
  put(routes, "tunnelvision_split_default_hardened_policy.bin",
      routes_input(yi_bytes, 24, 1, 32, {}, {1, 0, 192, 0, 2, 1, 1, 128, 192, 0, 2, 1}));
  put(routes, "vpn_protected_prefix_covered_and_split.bin",
      routes_input(yi_bytes, 24, 1, 32, {{ip(10, 8, 0, 0), 16}},
                   {8, 10, 192, 0, 2, 1, 24, 10, 8, 1, 192, 0, 2, 1, 0, 192, 0, 2, 1}));
  put(routes, "host_bits_duplicates_loopback_reference.bin",
      routes_input(yi_bytes, 24, 0, 0, {},
                   {9, 10, 255, 192, 0, 2, 1, 9, 10, 128, 192, 0, 2, 1, 8, 127, 192, 0, 2, 1, 24, 192, 0, 2, 0, 0, 0, 0}));
  put(routes, "gateway_reachable_through_earlier_route.bin",
      routes_input(yi_bytes, 24, 0, 0, {}, {32, 203, 0, 113, 1, 0, 0, 0, 0, 0, 203, 0, 113, 1}));
  put(routes, "cap_of_two_routes.bin",
      routes_input(yi_bytes, 24, 1, 2, {},
                   {16, 10, 1, 192, 0, 2, 1, 16, 10, 2, 192, 0, 2, 1, 16, 10, 3, 192, 0, 2, 1, 16, 10, 4, 192, 0, 2, 1}));
  put(routes, "truncated_route_after_two_good.bin",
      routes_input(yi_bytes, 24, 3, 0, {{ip(0, 0, 0, 0), 0}},
                   {0, 192, 0, 2, 1, 32, 198, 51, 100, 7, 192, 0, 2, 1, 24, 203, 0}));
}

// --- lease: structured lease messages ----------------------------------------------

void write_lease(const std::filesystem::path& lease) {
  put(lease, "ack_typical_accepted.bin", lease_input(0, lease_basics(5)));
  put(lease, "offer_t1_without_t2_renew_storm.bin", lease_input(0, plus(lease_basics(2), {{58, 0, 0, {kTimeMax}}})));
  put(lease, "ack_overload_both_fields_routers_in_file.bin",
      lease_input(3, {{53, 0, 0, {4}}, {54, 1, 0, {kPick192_0_2_1}}, {51, 2, 0, {kTime3600}}, {3, 1, 0, {0, kPick192_0_2_1}},
                      {6, 2, 0, {0, kPick192_0_2_53}}}));
  put(lease, "ack_tunnelvision_121_split_default.bin",
      lease_input(0, plus(lease_basics(5), {{121, 0, 0, cat({{1}, {0xf0}, be32(0), {1, 0, kPick192_0_2_1},
                                                                {0xf0}, be32(0x80000000), {1, 0, kPick192_0_2_1}})}})));
  put(lease, "ack_121_protected_vpn_prefix.bin",
      lease_input(0, plus(lease_basics(5), {{121, 0, 0, {0, kPick10_8_0_1, 16, 0, kPick192_0_2_1}}})));
  put(lease, "reject_server_id_broadcast.bin",
      lease_input(0, {{53, 0, 0, {4}}, {54, 0, 0, {kPickBroadcast}}, {51, 0, 0, {kTime3600}}}));
  put(lease, "reject_lease_time_zero.bin",
      lease_input(0, {{53, 0, 0, {4}}, {54, 0, 0, {kPick192_0_2_1}}, {51, 0, 0, {kTime0}}}));
  put(lease, "ack_long_vendor_option_split_rfc3396.bin",
      lease_input(0, plus(lease_basics(5), {{43, 0, 2, {100}}, {54, 0, 3, {4, 192, 0, 2, 1}}})));
}

// --- client_session: records driving the state machine (fuzz/client_session_fuzzer.cpp)
// op 0 advance (u16 step, u8 scale: odd x1 ms, even x100 ms); op 1 deliver
// with XID/chaddr patched (u16 length, payload); op 3 stop/start (u8).

Bytes deliver(const Bytes& payload) { return cat({{1}, u16(payload.size()), payload}); }
Bytes advance_ms(std::uint16_t ms) { return cat({{0}, u16(ms), {1}}); }
Bytes advance_100ms(std::uint16_t n) { return cat({{0}, u16(n), {0}}); }

// SessionPayloads: the messages the sessions deliver. An ACK binds from
// DISCOVERING only with Rapid Commit (80, RFC 4039), so the ACKs delivered
// there carry it; the ones for REQUESTING and RENEWING need not.
struct SessionPayloads {
  Bytes offer, ack, rapid_ack, nak, short_ack, short_rapid_ack, storm_ack, forcerenew, other_ack, other_nak;
};

SessionPayloads session_payloads() {
  const DhcpHeader reply = header(2, kYiaddr);
  const O sid{54, ip(192, 0, 2, 1)};
  SessionPayloads p;
  p.offer = build(reply, lease_opts(2));
  p.ack = typical_ack();
  p.rapid_ack = build(reply, with(lease_opts(5), {{80, {}}}));
  p.nak = build(header(2), {{53, {6}}, sid});
  p.short_ack = build(reply, {{53, {5}}, sid, {51, be32(10)}});
  p.short_rapid_ack = build(reply, {{53, {5}}, sid, {51, be32(10)}, {80, {}}});
  p.storm_ack = build(reply, {{53, {5}}, sid, {51, be32(10)}, {58, be32(0)}, {80, {}}});
  p.forcerenew = build(reply, {{53, {9}}, sid});
  // Another server (192.0.2.9) answering the REQUEST that selected 192.0.2.1.
  std::vector<O> other_opts = lease_opts(5);
  other_opts[1] = {54, ip(192, 0, 2, 9)};
  p.other_ack = build(reply, other_opts);
  p.other_nak = build(header(2), {{53, {6}}, {54, ip(192, 0, 2, 9)}});
  return p;
}

void write_client_session(const std::filesystem::path& session) {
  const SessionPayloads p = session_payloads();
  put(session, "offer_ack_binds.bin", cat({deliver(p.offer), advance_ms(20), deliver(p.ack)}));
  put(session, "rapid_commit_ack_then_renew_rebind_expire_unanswered.bin",
      cat({deliver(p.short_rapid_ack), advance_100ms(50), advance_100ms(40), advance_100ms(20), advance_100ms(30)}));
  put(session, "bound_renewal_acked.bin", cat({deliver(p.short_rapid_ack), advance_100ms(50), deliver(p.short_ack)}));
  put(session, "nak_while_requesting_restarts.bin", cat({deliver(p.offer), advance_ms(5), deliver(p.nak)}));
  put(session, "requesting_gives_up_after_30s.bin", cat({deliver(p.offer), advance_100ms(320)}));
  put(session, "t1_zero_storm_guard.bin",
      cat({deliver(p.storm_ack), advance_ms(1), deliver(p.storm_ack), advance_ms(1), deliver(p.storm_ack),
           advance_ms(1000), deliver(p.storm_ack)}));
  put(session, "forcerenew_ignored_while_bound_and_renewing.bin",
      cat({deliver(p.short_rapid_ack), deliver(p.forcerenew), advance_100ms(50), deliver(p.forcerenew)}));
  put(session, "stop_with_release_then_restart.bin",
      cat({deliver(p.rapid_ack), Bytes{3, 1}, Bytes{3, 0}, deliver(p.offer)}));
  put(session, "ack_without_rapid_commit_ignored_while_discovering.bin",
      cat({deliver(p.short_ack), advance_100ms(20), deliver(p.short_rapid_ack)}));
  put(session, "other_server_ack_and_nak_ignored_while_requesting.bin",
      cat({deliver(p.offer), deliver(p.other_ack), deliver(p.other_nak), advance_ms(20), deliver(p.ack)}));
}

// --- host_plan: a payload's lease planned on a generated host (fuzz/host_plan_fuzzer.cpp)

// The four attacks of the host-plan issue.
void write_host_plan_attacks(const std::filesystem::path& plan) {
  put(plan, "attack_option28_1_1_1_1_for_192_0_2_50_24.bin",
      host_plan_input(build(header(2, kYiaddr), with(lease_opts(5), {{28, ip(1, 1, 1, 1)}})),
                      cat({kPlainSettings, kNone, kNone, kNoPolicy, kNoHistory})));
  put(plan, "attack_172_16_0_5_mask_128_0_0_0_hardened_policy.bin",
      host_plan_input(build(header(2, Ipv4Addr(172, 16, 0, 5)),
                            {{53, {5}}, {54, ip(192, 0, 2, 1)}, {51, be32(3600)}, {1, ip(128, 0, 0, 0)}}),
                      cat({kPlainSettings, kNone, kNone, Bytes{2, 0, 0}, kNoHistory})));
  // 192.0.2.5/24 configured by hand (permanent, with its prefix route) on
  // the lease's interface, and offered.
  put(plan, "attack_offered_address_permanent_192_0_2_5_24_on_interface.bin",
      host_plan_input(build(header(2, Ipv4Addr(192, 0, 2, 5)), lease_opts(5)),
                      cat({kPlainSettings, records({address_record(0, 1, {0}, 0, 1)}), kNone, kNoPolicy, kNoHistory})));
  // 198.51.100.7/24 on another interface: its kernel route 198.51.100.0/24
  // metric 0 has the key of the lease's option 121 route.
  put(plan, "attack_route_same_key_as_other_interfaces_connected_route.bin",
      host_plan_input(
          build(header(2, kYiaddr), with(lease_opts(5), {{121, {24, 198, 51, 100, 192, 0, 2, 1, 0, 192, 0, 2, 1}}})),
          cat({kPlainSettings, records({address_record(2, 1, {5}, 2, 1)}), kNone, kNoPolicy, kNoHistory})));
}

// History: a renewal refreshes the address's lifetimes; a rejected payload
// removes an earlier (phantom) lease; a protected /30 beside the address
// refuses the connected prefix. Then the regressions of the bugs the
// host-plan properties found in plan_host.
void write_host_plan_histories(const std::filesystem::path& plan) {
  const Bytes typical = typical_ack();
  put(plan, "renewal_refreshes_the_earlier_address.bin",
      host_plan_input(typical, cat({kPlainSettings, kNone, kNone, kNoPolicy, Bytes{2, 0, 0}})));
  put(plan, "rejected_payload_removes_an_earlier_lease.bin",
      host_plan_input(build(header(2), {{53, {6}}, {54, ip(192, 0, 2, 1)}}),
                      cat({kPlainSettings, kNone, kNone, kNoPolicy, Bytes{1, 0, 0}})));
  put(plan, "protected_slash30_beside_the_address_refuses_the_connected_prefix.bin",
      host_plan_input(typical, cat({kPlainSettings, kNone, kNone, Bytes{2, 0, 1, 3}, kNoHistory})));
  put(plan, "regression_recreated_address_keeps_the_routes_it_recreates.bin",
      host_plan_input(typical, cat({kPlainSettings, kNone, kNone, kNoPolicy, Bytes{1, 0, 1, 1}})));
  put(plan, "regression_second_owned_default_route_in_another_scope.bin",
      host_plan_input(typical, cat({kPlainSettings, kNone, kNone, kNoPolicy, Bytes{1, 0, 1, 4, 1, 1, 0}})));
  std::vector<Bytes> stale;
  for (std::uint8_t host = 100; host < 110; ++host) stale.push_back(address_record(0, 0, {1, host}, 0, 0));
  put(plan, "regression_ten_stale_owned_addresses_eight_deleted.bin",
      host_plan_input(typical, cat({kPlainSettings, records(stale), kNone, kNoPolicy, kNoHistory})));
}

}  // namespace

// --- arp: address, own MAC, probing flag, then an ARP frame -----------------------

// arp_frame: an Ethernet frame (optional VLAN tag bytes) carrying an RFC 826
// packet for Ethernet/IPv4, written field by field.
Bytes arp_frame(const MacAddr& eth_dst, const MacAddr& sha, std::uint16_t oper, const Bytes& spa, const Bytes& tpa,
                const Bytes& tags = {}) {
  return cat({gen::mac_bytes(eth_dst), gen::mac_bytes(sha), tags, gen::be16(0x0806), gen::be16(1),
              gen::be16(0x0800), {6, 4}, gen::be16(oper), gen::mac_bytes(sha), spa, Bytes(6, 0), tpa});
}

void write_arp(const std::filesystem::path& arp) {
  const MacAddr own{0x02, 0x00, 0x5e, 0x10, 0x00, 0x01};
  const MacAddr other{0x02, 0x00, 0x5e, 0x10, 0x00, 0x02};
  const MacAddr bcast{0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
  const Bytes addr = ip(192, 0, 2, 50), zero = ip(0, 0, 0, 0);
  const Bytes probing = cat({addr, gen::mac_bytes(own), {1}});
  const Bytes bound = cat({addr, gen::mac_bytes(own), {0}});
  put(arp, "probe_collision_while_probing.bin", cat({probing, arp_frame(bcast, other, 1, zero, addr)}));
  // A reply to us: its target MAC is ours (arp_frame writes zeroes there).
  Bytes reply = arp_frame(own, other, 2, addr, zero);
  const Bytes own_bytes = gen::mac_bytes(own);
  std::copy(own_bytes.begin(), own_bytes.end(), reply.begin() + 14 + 18);
  put(arp, "reply_claims_the_address.bin", cat({probing, reply}));
  put(arp, "announcement_by_another_host_when_bound.bin", cat({bound, arp_frame(bcast, other, 1, addr, addr)}));
  put(arp, "own_probe_looped_back.bin", cat({probing, arp_frame(bcast, own, 1, zero, addr)}));
  put(arp, "request_for_another_address_padded.bin",
      cat({probing, arp_frame(bcast, other, 1, ip(192, 0, 2, 9), ip(192, 0, 2, 1)), Bytes(18, 0)}));
  put(arp, "probe_in_qinq_tags.bin",
      cat({probing, arp_frame(bcast, other, 1, zero, addr, {0x88, 0xa8, 0x00, 0x01, 0x81, 0x00, 0x00, 0x05})}));
  put(arp, "bad_operation_3.bin", cat({probing, arp_frame(bcast, other, 3, addr, addr)}));
  put(arp, "ipv6_protocol_type.bin",
      cat({probing, gen::mac_bytes(bcast), gen::mac_bytes(other), gen::be16(0x0806),
           {0x00, 0x01, 0x86, 0xdd, 6, 16, 0x00, 0x01}, Bytes(40, 0)}));
  Bytes cut = arp_frame(bcast, other, 1, addr, addr);
  cut.resize(30);
  put(arp, "truncated_packet.bin", cat({probing, cut}));
}

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: corpus-gen OUTDIR\n");
    return 2;
  }
  const std::filesystem::path out = argv[1];
  write_well_formed_messages(out / "dhcp_message");
  write_header_field_messages(out / "dhcp_message");
  write_malformed_messages(out / "dhcp_message");
  write_frames(out / "frame");
  write_roundtrip(out / "dhcp_message", out / "roundtrip");
  write_dhcp_options(out / "dhcp_options");
  write_classless_routes(out / "classless_routes");
  write_lease(out / "lease");
  write_client_session(out / "client_session");
  write_host_plan_attacks(out / "host_plan");
  write_host_plan_histories(out / "host_plan");
  write_arp(out / "arp");
  return 0;
}
