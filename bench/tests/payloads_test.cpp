// The benchmark payloads are what bench/payloads says: the sizes the issue
// asks for (332, 304, 1200 bytes), parsed, with the options and lease facts
// their comments list. Expected values are from those comments and the RFCs,
// counted by hand, not read back from the generator.
#include "dhcpcore/bench/payloads.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <string_view>

#include "dhcpcore/core/lease.hpp"
#include "dhcpcore/parsers/dhcp_options.hpp"
#include "dhcpcore/parsers/frame.hpp"

namespace dhcpcore::bench {
namespace {

TEST(BenchPayloads, TypicalAckIs332BytesAndParses) {
  const Bytes p = typical_ack();
  ASSERT_EQ(p.size(), 332u);
  ASSERT_EQ(p.size(), kTypicalAckSize);
  auto msg = DhcpMessage::parse(p);
  ASSERT_TRUE(msg.ok()) << to_string(msg.error());
  EXPECT_EQ(msg->message_type(), 5);
  for (const int code : {53, 54, 51, 58, 59, 1, 3, 6, 15, 121}) {
    EXPECT_EQ(msg->count(static_cast<std::uint8_t>(code)), 1u) << code;
  }
  EXPECT_EQ(msg->total_length(opt::kDnsServers), 12u);  // three servers
  EXPECT_EQ(msg->total_length(opt::kClasslessRoutes), 19u);  // 5 + 8 + 6
  EXPECT_EQ(decode_u32(*msg->fixed(opt::kLeaseTime, 4)).value(), 3600u);
  EXPECT_EQ(decode_domain_name(msg->first(opt::kDomainName)).value(), "lan.example.org");
}

TEST(BenchPayloads, TypicalAckIsAnAcceptableLeaseWithThreeRoutesAndThreeServers) {
  const Bytes p = typical_ack();
  auto msg = DhcpMessage::parse(p);
  ASSERT_TRUE(msg.ok());
  auto n = acceptable_lease(msg.value());
  ASSERT_TRUE(n.ok()) << to_string(n.error());
  EXPECT_EQ(n->yiaddr, Ipv4Addr(192, 0, 2, 50));
  EXPECT_EQ(n->server_id, Ipv4Addr(192, 0, 2, 1));
  const Lease lease(n.value(), std::chrono::milliseconds(0));
  EXPECT_EQ(lease.subnet_prefix_len(), 24);
  const RoutePolicy policy = RoutePolicy::hardened();
  const RouteSet routes = lease.routes(&policy);
  ASSERT_EQ(routes.kept.size(), 3u);
  EXPECT_TRUE(routes.dropped.empty());
  EXPECT_EQ(routes.kept[0], (Route{Ipv4Prefix{Ipv4Addr(0, 0, 0, 0), 0}, Ipv4Addr(192, 0, 2, 1)}));
  EXPECT_EQ(routes.kept[1], (Route{Ipv4Prefix{Ipv4Addr(198, 51, 100, 0), 24}, Ipv4Addr(192, 0, 2, 1)}));
  EXPECT_EQ(routes.kept[2], (Route{Ipv4Prefix{Ipv4Addr(10, 0, 0, 0), 8}, Ipv4Addr(192, 0, 2, 254)}));
  const DnsServers dns = lease.dns_servers();
  ASSERT_EQ(dns.servers.size(), 3u);
  EXPECT_EQ(dns.servers[0], Ipv4Addr(192, 0, 2, 53));
  EXPECT_EQ(dns.servers[1], Ipv4Addr(198, 51, 100, 53));
  EXPECT_EQ(dns.servers[2], Ipv4Addr(203, 0, 113, 53));
}

TEST(BenchPayloads, DiscoverIs304BytesWithParameterListAndClientId) {
  const Bytes p = discover();
  ASSERT_EQ(p.size(), 304u);
  ASSERT_EQ(p.size(), kDiscoverSize);
  auto msg = DhcpMessage::parse(p);
  ASSERT_TRUE(msg.ok()) << to_string(msg.error());
  EXPECT_EQ(msg->header().op, 1);
  EXPECT_EQ(msg->header().xid, kXid);
  EXPECT_EQ(msg->message_type(), 1);
  auto prl = decode_parameter_list(msg->first(opt::kParameterRequestList));
  ASSERT_TRUE(prl.ok());
  EXPECT_EQ(prl->size(), 17u);
  auto cid = decode_client_id(msg->first(opt::kClientId));
  ASSERT_TRUE(cid.ok());
  const std::array<std::uint8_t, 7> expected_cid{1, 0x00, 0x00, 0x5e, 0x00, 0x53, 0x01};
  EXPECT_TRUE(std::equal(cid->begin(), cid->end(), expected_cid.begin(), expected_cid.end()));
  EXPECT_FALSE(msg->has(opt::kServerId));
}

TEST(BenchPayloads, LargeAckIs1200BytesWithTwoSplitOptions) {
  const Bytes p = large_ack();
  ASSERT_EQ(p.size(), 1200u);
  ASSERT_EQ(p.size(), kLargeAckSize);
  auto msg = DhcpMessage::parse(p);
  ASSERT_TRUE(msg.ok()) << to_string(msg.error());
  EXPECT_EQ(msg->message_type(), 5);
  // 121 and 43 are longer than 255 bytes: two instances each (RFC 3396).
  EXPECT_EQ(msg->count(opt::kClasslessRoutes), 2u);
  EXPECT_EQ(msg->total_length(opt::kClasslessRoutes), 509u);  // 5 + 63 * 8
  EXPECT_EQ(msg->count(opt::kVendorSpecific), 2u);
  EXPECT_EQ(msg->total_length(opt::kVendorSpecific), 259u);  // 37 * 7
  std::array<char, 64> text{};
  std::array<std::string_view, 4> names{};
  auto search = decode_domain_search(msg->first(opt::kDomainSearch), text, names);
  ASSERT_TRUE(search.ok()) << to_string(search.error());
  ASSERT_EQ(search.value(), 3u);
  EXPECT_EQ(names[0], "lan.example.org");
  EXPECT_EQ(names[1], "example.org");
  EXPECT_EQ(names[2], "corp.example.org");
}

TEST(BenchPayloads, LargeAckRoutesAreCappedByTheHardenedPolicy) {
  const Bytes p = large_ack();
  auto msg = DhcpMessage::parse(p);
  ASSERT_TRUE(msg.ok());
  auto n = acceptable_lease(msg.value());
  ASSERT_TRUE(n.ok()) << to_string(n.error());
  const Lease lease(n.value(), std::chrono::milliseconds(0));
  EXPECT_EQ(lease.routes().kept.size(), 64u);  // the default route and 63 /24s
  const RoutePolicy policy = RoutePolicy::hardened();
  const RouteSet capped = lease.routes(&policy);
  EXPECT_EQ(capped.kept.size(), 32u);
  ASSERT_EQ(capped.dropped.size(), 32u);
  EXPECT_EQ(capped.dropped[0].reason, RouteDropReason::RouteLimit);
  EXPECT_EQ(lease.dns_servers().servers.size(), 4u);
}

TEST(BenchPayloads, RequestCarriesRequestedIpAndServerId) {
  const Bytes p = request();
  EXPECT_EQ(p.size(), 316u);  // the DISCOVER's 304 + 50 (6) + 54 (6)
  auto msg = DhcpMessage::parse(p);
  ASSERT_TRUE(msg.ok());
  EXPECT_EQ(msg->message_type(), 3);
  EXPECT_EQ(decode_address(*msg->fixed(opt::kRequestedIp, 4)).value(), kClientIp);
  EXPECT_EQ(decode_address(*msg->fixed(opt::kServerId, 4)).value(), kServerIp);
}

TEST(BenchPayloads, FramesDecodeToTheirPayloads) {
  const Bytes ack = typical_ack();
  const Bytes frame = server_frame(ack);
  ASSERT_EQ(frame.size(), 14u + 20u + 8u + 332u);
  auto d = decode_ethernet_frame(frame);
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(std::equal(d->dhcp.begin(), d->dhcp.end(), ack.begin(), ack.end()));
  EXPECT_EQ(d->ip.src, kServerIp);
  EXPECT_EQ(d->ip.dst, kClientIp);

  const Bytes disc = discover();
  const Bytes out = client_frame(disc);
  ASSERT_EQ(out.size(), 14u + 20u + 8u + 304u);
  auto c = decode_ethernet_frame(out, DecodeOptions{ChecksumMode::Verify, kDhcpServerPort});
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(std::equal(c->dhcp.begin(), c->dhcp.end(), disc.begin(), disc.end()));
  EXPECT_EQ(c->ip.ttl, 1);
  EXPECT_EQ(c->ip.tos, 0xe0);
}

TEST(BenchPayloads, NamedPayloadsAreTheThreeSizedMessagesInOrder) {
  const auto named = named_payloads();
  EXPECT_EQ(std::string_view(named[0].first), "ack332");
  EXPECT_EQ(named[0].second.size(), 332u);
  EXPECT_EQ(std::string_view(named[1].first), "discover304");
  EXPECT_EQ(named[1].second.size(), 304u);
  EXPECT_EQ(std::string_view(named[2].first), "ack1200");
  EXPECT_EQ(named[2].second.size(), 1200u);
}

}  // namespace
}  // namespace dhcpcore::bench
