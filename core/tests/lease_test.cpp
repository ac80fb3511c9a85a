// Tests of acceptable_lease and Lease: the reference's TestAcceptableLease
// and TestLeaseDHCPServers ported with the same inputs, every LeaseReject
// reason, the normalizations, and the defect fixes (docs/DIFFERENCES.md "Rows 1-5").
#include "dhcpcore/core/lease.hpp"

#include <gtest/gtest.h>

#include "dhcpcore/test_support/builders.hpp"

namespace dhcpcore {
namespace {

using gen::be32;
using gen::build;
using gen::ip;
using gen::reply_header;
using Opt = gen::GenOption;

constexpr Ipv4Addr kYiaddr(192, 0, 2, 2);

// The reference's minimal valid lease (dhcpc_test.go TestAcceptableLease):
// OFFER, server id 192.0.2.1, lease 10 s, yiaddr 192.0.2.2.
std::vector<Opt> minimal_offer_options() {
  return {{opt::kMessageType, {2}}, {opt::kServerId, ip(192, 0, 2, 1)}, {opt::kLeaseTime, be32(10)}};
}

Result<NormalizedLease, LeaseReject> accept(const DhcpHeader& h, const std::vector<Opt>& opts) {
  auto b = build(h, opts);
  auto msg = DhcpMessage::parse(b.bytes);
  EXPECT_TRUE(msg.ok());
  return acceptable_lease(msg.value());
}

Lease lease_with(Ipv4Addr yiaddr, std::vector<Opt> extra) {
  auto opts = minimal_offer_options();
  for (auto& o : extra) opts.push_back(std::move(o));
  auto r = accept(reply_header(yiaddr), opts);
  EXPECT_TRUE(r.ok()) << to_string(r.error());
  return Lease(r.value(), std::chrono::milliseconds(0));
}

TEST(AcceptableLease, AcceptsReferenceMinimalLease) {
  auto r = accept(reply_header(kYiaddr), minimal_offer_options());
  ASSERT_TRUE(r.ok()) << to_string(r.error());
  EXPECT_EQ(r->yiaddr, kYiaddr);
  EXPECT_EQ(r->server_id, Ipv4Addr(192, 0, 2, 1));
  EXPECT_EQ(r->lease_s, 10u);
  EXPECT_FALSE(r->t1_s.has_value());
  EXPECT_FALSE(r->t2_s.has_value());
}

TEST(AcceptableLease, RejectsMissingServerId) {
  auto r = accept(reply_header(kYiaddr), {{opt::kMessageType, {2}}, {opt::kLeaseTime, be32(10)}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), LeaseReject::NoServerId);
}

TEST(AcceptableLease, RejectsServerIdOfWrongLength) {
  auto r = accept(reply_header(kYiaddr),
                  {{opt::kServerId, {192, 0, 2}}, {opt::kLeaseTime, be32(10)}});
  EXPECT_EQ(r.error(), LeaseReject::NoServerId);
}

TEST(AcceptableLease, RejectsMissingLeaseTime) {
  auto r = accept(reply_header(kYiaddr), {{opt::kServerId, ip(192, 0, 2, 1)}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), LeaseReject::NoLeaseTime);
}

TEST(AcceptableLease, RejectsZeroLeaseTime) {
  auto r = accept(reply_header(kYiaddr), {{opt::kServerId, ip(192, 0, 2, 1)}, {opt::kLeaseTime, be32(0)}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), LeaseReject::LeaseTooShort);
}

TEST(AcceptableLease, AcceptsOneSecondAndInfiniteLease) {
  EXPECT_TRUE(accept(reply_header(kYiaddr), {{opt::kServerId, ip(192, 0, 2, 1)}, {opt::kLeaseTime, be32(1)}}).ok());
  auto r = accept(reply_header(kYiaddr),
                  {{opt::kServerId, ip(192, 0, 2, 1)}, {opt::kLeaseTime, be32(0xffffffff)}});
  ASSERT_TRUE(r.ok());
  // 0xffffffff s * 0.85 = 3650722201.75 s, in ms without overflow.
  EXPECT_EQ(r->effective_t2().count(), std::int64_t{4294967295} * 850);
}

TEST(AcceptableLease, RejectsUnusableYiaddr) {
  for (Ipv4Addr bad : {Ipv4Addr(0, 0, 0, 0), Ipv4Addr(127, 0, 0, 1), Ipv4Addr(224, 0, 0, 1),
                       Ipv4Addr(255, 255, 255, 255)}) {
    auto r = accept(reply_header(bad), minimal_offer_options());
    ASSERT_FALSE(r.ok()) << bad.to_string();
    EXPECT_EQ(r.error(), LeaseReject::BadYiaddr) << bad.to_string();
  }
}

TEST(AcceptableLease, AcceptsLinkLocalYiaddr) {
  EXPECT_TRUE(accept(reply_header(Ipv4Addr(169, 254, 3, 4)), minimal_offer_options()).ok());
}

// Defect 2 of the reference: Go's IsGlobalUnicast accepts 0.0.0.0/8 and
// 240.0.0.0/4 (the reference would accept these leases).
TEST(AcceptableLeaseDefect2, RejectsYiaddrInThisNetworkAndReservedRanges) {
  for (Ipv4Addr bad : {Ipv4Addr(0, 1, 2, 3), Ipv4Addr(240, 0, 0, 1), Ipv4Addr(254, 1, 1, 1)}) {
    auto r = accept(reply_header(bad), minimal_offer_options());
    ASSERT_FALSE(r.ok()) << bad.to_string();
    EXPECT_EQ(r.error(), LeaseReject::BadYiaddr);
  }
}

// Defect 2: the reference only checks the server id is 4 bytes long.
TEST(AcceptableLeaseDefect2, RejectsNonUnicastServerId) {
  for (auto bad : {ip(0, 0, 0, 0), ip(255, 255, 255, 255), ip(224, 0, 0, 251), ip(127, 0, 0, 1),
                   ip(240, 0, 0, 1)}) {
    auto r = accept(reply_header(kYiaddr), {{opt::kServerId, bad}, {opt::kLeaseTime, be32(10)}});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error(), LeaseReject::BadServerId);
  }
}

TEST(AcceptableLease, RejectsOptionsTooLargeForTheLease) {
  // Many distinct large options: each 2,000 bytes, more than kLeaseOptionBytes in all.
  std::vector<Opt> opts = minimal_offer_options();
  for (std::uint8_t code = 200; code < 204; ++code) opts.push_back({code, std::vector<std::uint8_t>(2000, 'x')});
  auto r = accept(reply_header(kYiaddr), opts);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), LeaseReject::OptionsTooLarge);
}

TEST(AcceptableLease, DropsClientOnlyOptions) {
  auto opts = minimal_offer_options();
  opts.push_back({opt::kRequestedIp, ip(192, 0, 2, 9)});
  opts.push_back({opt::kParameterRequestList, {1, 3, 6}});
  opts.push_back({opt::kClientId, {1, 2, 3, 4, 5, 6, 7}});
  opts.push_back({opt::kMaxMessageSize, {0x05, 0xdc}});
  opts.push_back({opt::kDomainName, {'e', 'x'}});
  auto r = accept(reply_header(kYiaddr), opts);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->options.has(opt::kRequestedIp));
  EXPECT_FALSE(r->options.has(opt::kParameterRequestList));
  EXPECT_FALSE(r->options.has(opt::kClientId));
  EXPECT_FALSE(r->options.has(opt::kMaxMessageSize));
  EXPECT_TRUE(r->options.has(opt::kDomainName));
  EXPECT_TRUE(r->options.has(opt::kServerId));
}

TEST(AcceptableLease, ClampsT2ToLeaseAndT1ToT2) {
  auto r = accept(reply_header(kYiaddr), {{opt::kServerId, ip(192, 0, 2, 1)},
                                          {opt::kLeaseTime, be32(100)},
                                          {opt::kRenewalTime, be32(150)},
                                          {opt::kRebindingTime, be32(200)}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->t2_s, 100u);
  EXPECT_EQ(r->t1_s, 100u);
  auto stored = r->options.get(opt::kRenewalTime);
  ASSERT_TRUE(stored);
  EXPECT_EQ(std::vector<std::uint8_t>(stored->begin(), stored->end()), be32(100));
}

TEST(AcceptableLease, KeepsOrderedTimesUnchanged) {
  auto r = accept(reply_header(kYiaddr), {{opt::kServerId, ip(192, 0, 2, 1)},
                                          {opt::kLeaseTime, be32(3600)},
                                          {opt::kRenewalTime, be32(1800)},
                                          {opt::kRebindingTime, be32(3150)}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->t1_s, 1800u);
  EXPECT_EQ(r->t2_s, 3150u);
  EXPECT_EQ(r->effective_t1(), std::chrono::seconds(1800));
  EXPECT_EQ(r->effective_t2(), std::chrono::seconds(3150));
}

// Defect 1: with T1 and no T2 the reference clamps T1 against T2 read as 0,
// so T1 becomes 0 and the client renews right after every ACK.
TEST(AcceptableLeaseDefect1, KeepsT1WhenT2IsAbsent) {
  auto r = accept(reply_header(kYiaddr), {{opt::kServerId, ip(192, 0, 2, 1)},
                                          {opt::kLeaseTime, be32(3600)},
                                          {opt::kRenewalTime, be32(1800)}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->t1_s, 1800u);  // the reference: 0
  EXPECT_EQ(r->effective_t1(), std::chrono::seconds(1800));
  EXPECT_EQ(r->effective_t2(), std::chrono::seconds(3060));  // 0.85 * 3600
}

TEST(AcceptableLeaseDefect1, ClampsT1ToDefaultT2WhenT2IsAbsent) {
  auto r = accept(reply_header(kYiaddr), {{opt::kServerId, ip(192, 0, 2, 1)},
                                          {opt::kLeaseTime, be32(3600)},
                                          {opt::kRenewalTime, be32(3500)}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->t1_s, 3060u);
}

// Defect 1 also with a malformed 59 (docs/DIFFERENCES.md "Row 1"): the
// reference reads a 59 that is not 4 bytes as 0 too. Here it is no T2: T1 is
// kept, or clamped against 0.85 x lease.
TEST(AcceptableLeaseDefect1, MalformedT2CountsAsAbsent) {
  auto short59 = accept(reply_header(kYiaddr), {{opt::kServerId, ip(192, 0, 2, 1)},
                                                {opt::kLeaseTime, be32(3600)},
                                                {opt::kRenewalTime, be32(1800)},
                                                {opt::kRebindingTime, {0x00, 0x0c, 0x4e}}});  // 3 bytes
  ASSERT_TRUE(short59.ok());
  EXPECT_FALSE(short59->t2_s.has_value());
  EXPECT_EQ(short59->t1_s, 1800u);  // the reference: 0
  EXPECT_EQ(short59->effective_t2(), std::chrono::seconds(3060));
  auto long59 = accept(reply_header(kYiaddr), {{opt::kServerId, ip(192, 0, 2, 1)},
                                               {opt::kLeaseTime, be32(3600)},
                                               {opt::kRenewalTime, be32(3500)},
                                               {opt::kRebindingTime, {0x00, 0x00, 0x0c, 0x4e, 0x00}}});  // 5 bytes
  ASSERT_TRUE(long59.ok());
  EXPECT_FALSE(long59->t2_s.has_value());
  EXPECT_EQ(long59->t1_s, 3060u);  // clamped to 0.85 * 3600
}

TEST(AcceptableLease, EffectiveT1NeverExceedsAShortT2) {
  // T2 = 100 s < default T1 (0.5 * 3600): the client must not stay bound past T2.
  auto r = accept(reply_header(kYiaddr), {{opt::kServerId, ip(192, 0, 2, 1)},
                                          {opt::kLeaseTime, be32(3600)},
                                          {opt::kRebindingTime, be32(100)}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->effective_t2(), std::chrono::seconds(100));
  EXPECT_EQ(r->effective_t1(), std::chrono::seconds(100));
}

TEST(AcceptableLease, NormalizesSnameFileAndSiaddrIntoOptions) {
  DhcpHeader h = reply_header(kYiaddr);
  const char sname[] = "tftp.example";
  const char file[] = "boot/pxe.0";
  std::copy(std::begin(sname), std::end(sname) - 1, h.sname.begin());
  std::copy(std::begin(file), std::end(file) - 1, h.file.begin());
  h.siaddr = Ipv4Addr(192, 0, 2, 7);
  auto r = accept(h, minimal_offer_options());
  ASSERT_TRUE(r.ok());
  auto o66 = r->options.get(opt::kTftpServerName);
  auto o67 = r->options.get(opt::kBootfileName);
  auto o150 = r->options.get(opt::kTftpServerAddress);
  ASSERT_TRUE(o66 && o67 && o150);
  EXPECT_EQ(std::string(o66->begin(), o66->end()), "tftp.example");
  EXPECT_EQ(std::string(o67->begin(), o67->end()), "boot/pxe.0");
  EXPECT_EQ(std::vector<std::uint8_t>(o150->begin(), o150->end()), ip(192, 0, 2, 7));
}

TEST(AcceptableLease, KeepsOption150OverSiaddrAndIgnoresUnusableSiaddr) {
  DhcpHeader h = reply_header(kYiaddr);
  h.siaddr = Ipv4Addr(192, 0, 2, 7);
  auto opts = minimal_offer_options();
  opts.push_back({opt::kTftpServerAddress, ip(192, 0, 2, 8)});
  auto r = accept(h, opts);
  ASSERT_TRUE(r.ok());
  auto o150 = r->options.get(opt::kTftpServerAddress);
  ASSERT_TRUE(o150);
  EXPECT_EQ(std::vector<std::uint8_t>(o150->begin(), o150->end()), ip(192, 0, 2, 8));

  h.siaddr = Ipv4Addr(0, 0, 0, 0);
  auto r2 = accept(h, minimal_offer_options());
  ASSERT_TRUE(r2.ok());
  EXPECT_FALSE(r2->options.has(opt::kTftpServerAddress));
}

TEST(AcceptableLease, DoesNotReadOverloadedSnameAsText) {
  DhcpHeader h = reply_header(kYiaddr);
  // sname holds options (overload = 2): option 15 "ab", END.
  const std::uint8_t sname_opts[] = {15, 2, 'a', 'b', 255};
  std::copy(std::begin(sname_opts), std::end(sname_opts), h.sname.begin());
  auto opts = minimal_offer_options();
  opts.push_back({opt::kOverload, {2}});
  auto r = accept(h, opts);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->options.has(opt::kTftpServerName));
  EXPECT_FALSE(r->options.has(opt::kOverload));
  auto o15 = r->options.get(opt::kDomainName);
  ASSERT_TRUE(o15);
  EXPECT_EQ(std::string(o15->begin(), o15->end()), "ab");
}

TEST(AcceptableLease, UsesFirstServerIdOfRightLengthWhenRepeated) {
  // dnsmasq sends option 54 twice; the reference's parser concatenates them
  // into 8 bytes and refuses the lease.
  auto r = accept(reply_header(kYiaddr), {{opt::kServerId, ip(192, 0, 2, 1)},
                                          {opt::kServerId, ip(192, 0, 2, 1)},
                                          {opt::kLeaseTime, be32(10)}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->server_id, Ipv4Addr(192, 0, 2, 1));
}

// ---- Lease: mask, DNS -------------------------------------------------------

TEST(Lease, SubnetMaskFromOptionOrClassfulDefault) {
  EXPECT_EQ(lease_with(Ipv4Addr(10, 1, 2, 3), {{opt::kSubnetMask, ip(255, 255, 255, 0)}}).subnet_prefix_len(), 24);
  EXPECT_EQ(lease_with(Ipv4Addr(10, 1, 2, 3), {}).subnet_prefix_len(), 8);           // class A
  EXPECT_EQ(lease_with(Ipv4Addr(172, 16, 2, 3), {}).subnet_prefix_len(), 16);        // class B
  EXPECT_EQ(lease_with(Ipv4Addr(192, 0, 2, 3), {}).subnet_prefix_len(), 24);         // class C
  // Non-contiguous mask: invalid, default used.
  EXPECT_EQ(lease_with(Ipv4Addr(10, 1, 2, 3), {{opt::kSubnetMask, ip(255, 0, 255, 0)}}).subnet_prefix_len(), 8);
  // Wrong length: ignored.
  EXPECT_EQ(lease_with(Ipv4Addr(10, 1, 2, 3), {{opt::kSubnetMask, {255, 255, 255}}}).subnet_prefix_len(), 8);
  auto l = lease_with(Ipv4Addr(192, 0, 2, 50), {{opt::kSubnetMask, ip(255, 255, 255, 128)}});
  EXPECT_EQ(l.subnet_mask(), Ipv4Addr(255, 255, 255, 128));
  EXPECT_EQ(l.ip_net(), (Ipv4Prefix{Ipv4Addr(192, 0, 2, 50), 25}));
}

// lease_test.go TestLeaseDHCPServers.
TEST(LeaseDnsServers, ReturnsNothingWithNoOption) {
  EXPECT_TRUE(lease_with(kYiaddr, {}).dns_servers().servers.empty());
}

TEST(LeaseDnsServers, DiscardsInvalidIPs) {
  EXPECT_TRUE(lease_with(kYiaddr, {{opt::kDnsServers, ip(0, 0, 0, 0)}}).dns_servers().servers.empty());
}

TEST(LeaseDnsServers, DeduplicatesIPs) {
  auto d = lease_with(kYiaddr, {{opt::kDnsServers, gen::cat({ip(192, 0, 2, 1), ip(192, 0, 2, 2), ip(192, 0, 2, 1)})}})
               .dns_servers();
  ASSERT_EQ(d.servers.size(), 2u);
  EXPECT_EQ(d.servers[0], Ipv4Addr(192, 0, 2, 1));
  EXPECT_EQ(d.servers[1], Ipv4Addr(192, 0, 2, 2));
}

// Defect 2 for DNS: 0.0.0.0/8 and 240.0.0.0/4 pass the reference.
TEST(LeaseDnsServersDefect2, DiscardsThisNetworkReservedMulticastLoopback) {
  auto d = lease_with(kYiaddr, {{opt::kDnsServers,
                                 gen::cat({ip(0, 1, 2, 3), ip(240, 0, 0, 1), ip(224, 0, 0, 1), ip(127, 0, 0, 53),
                                            ip(198, 51, 100, 53)})}})
               .dns_servers();
  ASSERT_EQ(d.servers.size(), 1u);
  EXPECT_EQ(d.servers[0], Ipv4Addr(198, 51, 100, 53));
}

TEST(LeaseDnsServers, IgnoresListWithLengthNotMultipleOfFour) {
  EXPECT_TRUE(lease_with(kYiaddr, {{opt::kDnsServers, {192, 0, 2, 1, 9}}}).dns_servers().servers.empty());
}

TEST(LeaseDnsServers, CountsServersBeyondCapacity) {
  std::vector<std::uint8_t> many;
  for (std::uint8_t i = 1; i <= kMaxDnsServers + 3; ++i) {
    auto a = ip(198, 51, 100, i);
    many.insert(many.end(), a.begin(), a.end());
  }
  auto d = lease_with(kYiaddr, {{opt::kDnsServers, many}}).dns_servers();
  EXPECT_EQ(d.servers.size(), kMaxDnsServers);
  EXPECT_EQ(d.overflow, 3u);
}

// Found by the property LeaseDns.DnsServersAreUniqueUsableUnicastInOfferOrder:
// a server that did not fit, repeated later, is a duplicate, not a second
// overflow. 17 distinct servers then the 17th again: one overflow, not two.
TEST(LeaseDnsServers, RepeatOfAServerThatDidNotFitIsNotCountedTwice) {
  std::vector<std::uint8_t> many;
  for (std::uint8_t i = 1; i <= kMaxDnsServers + 1; ++i) {
    auto a = ip(198, 51, 100, i);
    many.insert(many.end(), a.begin(), a.end());
  }
  auto last = ip(198, 51, 100, static_cast<std::uint8_t>(kMaxDnsServers + 1));
  many.insert(many.end(), last.begin(), last.end());
  auto d = lease_with(kYiaddr, {{opt::kDnsServers, many}}).dns_servers();
  EXPECT_EQ(d.servers.size(), kMaxDnsServers);
  EXPECT_EQ(d.overflow, 1u);
}

// ---- The lease's names and parameters (12, 15, 119, 42, 26) -------------------

using gen::text;

TEST(LeaseNames, HostAndDomainNameAsTheServerSentThem) {
  const Lease l = lease_with(kYiaddr, {{opt::kHostName, text("client-7")}, {opt::kDomainName, text("example.org")}});
  EXPECT_EQ(l.host_name(), "client-7");
  EXPECT_EQ(l.domain_name(), "example.org");
}

TEST(LeaseNames, TrailingDotAndNulsAreDropped) {
  const Lease l = lease_with(kYiaddr, {{opt::kHostName, {'h', 'o', 's', 't', 0, 0}}, {opt::kDomainName, text("example.org.")}});
  EXPECT_EQ(l.host_name(), "host");
  EXPECT_EQ(l.domain_name(), "example.org");
}

TEST(LeaseNames, AbsentNamesAreNullopt) {
  const Lease l = lease_with(kYiaddr, {});
  EXPECT_FALSE(l.host_name().has_value());
  EXPECT_FALSE(l.domain_name().has_value());
}

// Hostile names (CVE-2018-1111 and CVE-2011-0997 put shell syntax in 12, 15
// and 119): the lease drops them whole.
TEST(LeaseNames, MalformedOrHostileNamesAreDroppedWhole) {
  for (std::string_view bad : {"x;reboot", "a$(id)", "a`id`", "a b", "a|b", "-lead", "trail-", "a..b", "bad_host",
                               "a\nb", "x'y"}) {
    const Lease l = lease_with(kYiaddr, {{opt::kHostName, text(bad)}});
    EXPECT_FALSE(l.host_name().has_value()) << bad;
  }
  for (std::string_view bad : {"example.org;reboot", "$(id).org", "a..org", "-a.org", "a\x01.org", ".", ""}) {
    const Lease l = lease_with(kYiaddr, {{opt::kDomainName, text(bad)}});
    EXPECT_FALSE(l.domain_name().has_value()) << bad;
  }
  // A label of 64 characters (RFC 1035 2.3.4: at most 63).
  const Lease long_label = lease_with(kYiaddr, {{opt::kDomainName, text(std::string(64, 'a') + ".org")}});
  EXPECT_FALSE(long_label.domain_name().has_value());
}

// RFC 3397 section 3's example: "eng.apple.com." and "marketing.apple.com.",
// the second ending in a pointer to offset 4 ("apple.com").
const std::vector<std::uint8_t> kRfc3397Example = {3,   'e', 'n', 'g', 5,   'a', 'p', 'p', 'l', 'e', 3,
                                                   'c', 'o', 'm', 0,   9,   'm', 'a', 'r', 'k', 'e', 't',
                                                   'i', 'n', 'g', 0xc0, 0x04};

TEST(LeaseNames, DomainSearchListDecodesIntoCallerStorage) {
  const Lease l = lease_with(kYiaddr, {{opt::kDomainSearch, kRfc3397Example}});
  std::array<char, 256> text_buf{};
  std::array<std::string_view, 4> names{};
  auto n = l.domain_search(text_buf, names);
  ASSERT_TRUE(n.ok()) << to_string(n.error());
  ASSERT_EQ(n.value(), 2u);
  EXPECT_EQ(names[0], "eng.apple.com");
  EXPECT_EQ(names[1], "marketing.apple.com");
}

TEST(LeaseNames, DomainSearchAbsentMalformedOrTooBig) {
  std::array<char, 256> text_buf{};
  std::array<std::string_view, 4> names{};
  auto none = lease_with(kYiaddr, {}).domain_search(text_buf, names);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none.value(), 0u);
  // A pointer forward (to offset 16, past itself) is BadPointer.
  auto forward = lease_with(kYiaddr, {{opt::kDomainSearch, {3, 'c', 'o', 'm', 0, 0xc0, 0x10}}}).domain_search(text_buf, names);
  ASSERT_FALSE(forward.ok());
  EXPECT_EQ(forward.error(), OptionError::BadPointer);
  // Room for one name only.
  std::array<std::string_view, 1> one{};
  auto full = lease_with(kYiaddr, {{opt::kDomainSearch, kRfc3397Example}}).domain_search(text_buf, one);
  ASSERT_FALSE(full.ok());
  EXPECT_EQ(full.error(), OptionError::OutputFull);
}

TEST(LeaseNtpServers, UsableUnicastDeduplicatedInOrder) {
  const Lease l = lease_with(kYiaddr, {{opt::kNtpServers, gen::cat({ip(192, 0, 2, 123), ip(0, 0, 0, 0), ip(224, 0, 1, 1),
                                                                       ip(192, 0, 2, 123), ip(198, 51, 100, 123)})}});
  const NtpServers ntp = l.ntp_servers();
  ASSERT_EQ(ntp.servers.size(), 2u);
  EXPECT_EQ(ntp.servers[0], Ipv4Addr(192, 0, 2, 123));
  EXPECT_EQ(ntp.servers[1], Ipv4Addr(198, 51, 100, 123));
  EXPECT_EQ(ntp.overflow, 0u);
  EXPECT_TRUE(lease_with(kYiaddr, {}).ntp_servers().servers.empty());
  EXPECT_TRUE(lease_with(kYiaddr, {{opt::kNtpServers, {192, 0, 2, 1, 7}}}).ntp_servers().servers.empty());
}

TEST(LeaseInterfaceMtu, HonouredWithin576AndTheLinksMaximum) {
  auto mtu = [](std::vector<std::uint8_t> v, std::uint32_t link_max = 65535) {
    return lease_with(kYiaddr, {{opt::kInterfaceMtu, std::move(v)}}).interface_mtu(link_max);
  };
  EXPECT_EQ(mtu({0x05, 0xdc}), 1500);         // 1500
  EXPECT_EQ(mtu({0x02, 0x40}), 576);          // 576, the least
  EXPECT_EQ(mtu({0xff, 0xff}), 65535);        // 65535, the most
  EXPECT_EQ(mtu({0x23, 0x28}, 9000), 9000);   // 9000 on a 9000-byte link
  EXPECT_FALSE(mtu({0x02, 0x3f}).has_value());  // 575
  EXPECT_FALSE(mtu({0x00, 0x44}).has_value());  // 68: legal for IPv4, too small for DHCP
  EXPECT_FALSE(mtu({0x23, 0x28}, 1500).has_value());  // 9000 on a 1500-byte link
  EXPECT_FALSE(mtu({0x05}).has_value());              // 1 byte
  EXPECT_FALSE(mtu({0x00, 0x05, 0xdc}).has_value());  // 3 bytes
  EXPECT_FALSE(lease_with(kYiaddr, {}).interface_mtu().has_value());
}

// ---- LeaseOptions -------------------------------------------------------------

TEST(LeaseOptions, SetReplacesEraseRemovesAndCapacityIsEnforced) {
  LeaseOptions o;
  const std::uint8_t a[] = {1, 2, 3};
  const std::uint8_t b[] = {9};
  ASSERT_TRUE(o.set(7, a));
  ASSERT_TRUE(o.set(8, b));
  ASSERT_TRUE(o.set(7, b));
  EXPECT_EQ(o.count(), 2u);
  EXPECT_EQ(o.bytes_used(), 8u);  // two entries of 3 header bytes + 1 byte
  auto v = o.get(7);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->size(), 1u);
  EXPECT_EQ((*v)[0], 9);
  o.erase(7);
  EXPECT_FALSE(o.has(7));
  EXPECT_TRUE(o.has(8));
  std::vector<std::uint8_t> big(kLeaseOptionBytes, 0);
  EXPECT_FALSE(o.set(9, big));
  EXPECT_FALSE(o.has(9));
  EXPECT_EQ(o.count(), 1u);
}

}  // namespace
}  // namespace dhcpcore
