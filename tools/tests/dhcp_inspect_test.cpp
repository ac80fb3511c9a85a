// dhcp-inspect end to end: runs the binary on inputs written here and checks
// its JSON lines against expectations written by hand from docs/dhcp-inspect.md#json-schema.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include "dhcpcore/parsers/dhcp_message.hpp"
#include "dhcpcore/parsers/frame.hpp"
#include "dhcpcore/test_support/builders.hpp"

namespace dhcpcore {
namespace {

struct Run {
  int status = -1;
  std::string out;
  std::vector<std::string> lines() const {
    std::vector<std::string> v;
    std::size_t s = 0;
    while (s < out.size()) {
      auto e = out.find('\n', s);
      if (e == std::string::npos) e = out.size();
      v.push_back(out.substr(s, e - s));
      s = e + 1;
    }
    return v;
  }
};

// shell_quoted: s as one word for /bin/sh, so paths with spaces (a checkout
// in a directory whose name has a space) stay one word.
std::string shell_quoted(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

Run run(const std::string& args, const std::string& stdin_text = "") {
  const auto dir = std::filesystem::temp_directory_path();
  const auto in = dir / ("dhcp-inspect-stdin-" + std::to_string(::getpid()));
  { std::ofstream(in, std::ios::binary) << stdin_text; }
  const std::string cmd =
      shell_quoted(DHCP_INSPECT_PATH) + " " + args + " < " + shell_quoted(in.string()) + " 2>/dev/null";
  Run r;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int st = ::pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  std::filesystem::remove(in);
  return r;
}

// The ACK of the schema example (docs/dhcp-inspect.md#json-schema): yiaddr 192.0.2.50, server
// 192.0.2.1, lease 3600, T1 1800, T2 3150, mask /24, router 192.0.2.1,
// DNS 192.0.2.53.
std::vector<std::uint8_t> schema_ack() {
  using gen::ip;
  const std::vector<gen::GenOption> opts{{53, {5}},
                                         {54, ip(192, 0, 2, 1)},
                                         {51, {0, 0, 0x0e, 0x10}},
                                         {58, {0, 0, 0x07, 0x08}},
                                         {59, {0, 0, 0x0c, 0x4e}},
                                         {1, ip(255, 255, 255, 0)},
                                         {3, ip(192, 0, 2, 1)},
                                         {6, ip(192, 0, 2, 53)}};
  auto out = gen::build_message(gen::reply_header(Ipv4Addr(192, 0, 2, 50)), opts);
  EXPECT_FALSE(out.empty());
  return out;
}

std::string hex(const std::vector<std::uint8_t>& b) {
  static const char* d = "0123456789abcdef";
  std::string s;
  for (auto x : b) {
    s += d[x >> 4];
    s += d[x & 15];
  }
  return s;
}

const std::string kSchemaAckJson =
    R"({"parse_ok":true,"msg_type":5,"acceptable":true,"yiaddr":"192.0.2.50",)"
    R"("server_id":"192.0.2.1","lease_s":3600,"t1_s":1800,"t2_s":3150,)"
    R"("mask":"255.255.255.0","routes":[{"dest":"0.0.0.0/0","router":"192.0.2.1"}],)"
    R"("dns":["192.0.2.53"],"error":"","reject":"")";

TEST(DhcpInspect, PrintsTheSchemaForAHexPayload) {
  auto r = run("--hex", hex(schema_ack()) + "\n");
  EXPECT_EQ(r.status, 0);
  auto lines = r.lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].rfind(kSchemaAckJson, 0), 0u) << lines[0];
  EXPECT_NE(lines[0].find(R"("input":"<stdin>:1")"), std::string::npos) << lines[0];
}

TEST(DhcpInspect, PrintsTheSameVerdictForAFileAndForTheFrameCarryingIt) {
  const auto payload = schema_ack();
  const auto dir = std::filesystem::temp_directory_path();
  const auto pf = dir / "dhcp-inspect-payload.bin";
  const auto ff = dir / "dhcp-inspect-frame.bin";
  std::vector<std::uint8_t> frame(payload.size() + 64);
  auto n = build_client_ethernet_frame(gen::kClientMac, payload, frame);
  ASSERT_TRUE(n.ok());
  frame.resize(n.value());
  std::ofstream(pf, std::ios::binary).write(reinterpret_cast<const char*>(payload.data()),
                                            static_cast<std::streamsize>(payload.size()));
  std::ofstream(ff, std::ios::binary).write(reinterpret_cast<const char*>(frame.data()),
                                            static_cast<std::streamsize>(frame.size()));
  auto a = run(shell_quoted(pf.string()));
  // The client frame goes to port 67; a frame to the client would go to 68.
  auto b = run("--frame " + shell_quoted(ff.string()));
  ASSERT_EQ(a.lines().size(), 1u);
  EXPECT_EQ(a.lines()[0].rfind(kSchemaAckJson, 0), 0u) << a.lines()[0];
  ASSERT_EQ(b.lines().size(), 1u);
  EXPECT_EQ(b.lines()[0].rfind(R"({"parse_ok":false,"msg_type":0,"acceptable":false,"yiaddr":"")", 0), 0u)
      << b.lines()[0];
  EXPECT_NE(b.lines()[0].find(R"("error":"udp: WrongPort")"), std::string::npos) << b.lines()[0];
  std::filesystem::remove(pf);
  std::filesystem::remove(ff);
}

TEST(DhcpInspect, OneLinePerInputAlsoForUnparseableAndRejected) {
  auto bad_cookie = schema_ack();
  bad_cookie[236] = 0;
  auto r = run("--hex", "# comment\n" + hex(schema_ack()) + "\n\n" + hex(bad_cookie) + "\n00\n");
  EXPECT_EQ(r.status, 0);
  auto lines = r.lines();
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[1].rfind(
                R"({"parse_ok":false,"msg_type":0,"acceptable":false,"yiaddr":"","server_id":"","lease_s":0,)"
                R"("t1_s":0,"t2_s":0,"mask":"","routes":[],"dns":[],"error":"dhcp: BadMagicCookie","reject":"")",
                0),
            0u)
      << lines[1];
  EXPECT_NE(lines[2].find(R"("error":"dhcp: Truncated")"), std::string::npos) << lines[2];
  EXPECT_NE(lines[2].find(R"("input":"<stdin>:5")"), std::string::npos) << lines[2];
}

TEST(DhcpInspect, NamesTheRejectReasonWithMessageTypeKept) {
  const std::vector<gen::GenOption> opts{{53, {2}}, {51, {0, 0, 0x0e, 0x10}}};
  const auto b = gen::build_message(gen::reply_header(Ipv4Addr(192, 0, 2, 50)), opts);
  ASSERT_FALSE(b.empty());
  auto out = run("--hex", hex(b) + "\n");
  ASSERT_EQ(out.lines().size(), 1u);
  EXPECT_EQ(out.lines()[0].rfind(
                R"({"parse_ok":true,"msg_type":2,"acceptable":false,"yiaddr":"","server_id":"","lease_s":0,)"
                R"("t1_s":0,"t2_s":0,"mask":"","routes":[],"dns":[],"error":"","reject":"NoServerId")",
                0),
            0u)
      << out.lines()[0];
}

TEST(DhcpInspect, BadHexAndUnreadableFileReportAndExitNonZeroAfterTheRest) {
  auto r = run("--hex - /nonexistent/dhcp-inspect-input", "zz\n" + hex(schema_ack()) + "\n");
  EXPECT_EQ(r.status, 1);
  auto lines = r.lines();
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_NE(lines[0].find(R"("error":"bad hex: not a hex digit at column 1")"), std::string::npos) << lines[0];
  EXPECT_EQ(lines[1].rfind(kSchemaAckJson, 0), 0u) << lines[1];
  EXPECT_NE(lines[2].find(R"("error":"unreadable: No such file or directory")"), std::string::npos) << lines[2];
}

TEST(DhcpInspect, HardenedPolicyDropsTunnelVisionRoutesWithReasons) {
  // 121: 0.0.0.0/1 via 192.0.2.1 and 128.0.0.0/1 via 192.0.2.1 (RFC 3442:
  // prefix 1 carries one destination octet).
  const std::vector<gen::GenOption> opts{{53, {5}},
                                         {54, {192, 0, 2, 1}},
                                         {51, {0, 0, 0x0e, 0x10}},
                                         {1, {255, 255, 255, 0}},
                                         {121, {1, 0, 192, 0, 2, 1, 1, 128, 192, 0, 2, 1}}};
  const auto b = gen::build_message(gen::reply_header(Ipv4Addr(192, 0, 2, 50)), opts);
  ASSERT_FALSE(b.empty());
  auto ref = run("--hex --policy reference", hex(b) + "\n");
  auto hard = run("--hex --policy hardened", hex(b) + "\n");
  ASSERT_EQ(ref.lines().size(), 1u);
  ASSERT_EQ(hard.lines().size(), 1u);
  EXPECT_NE(ref.lines()[0].find(
                R"("routes":[{"dest":"0.0.0.0/1","router":"192.0.2.1"},{"dest":"128.0.0.0/1","router":"192.0.2.1"}])"),
            std::string::npos)
      << ref.lines()[0];
  EXPECT_NE(hard.lines()[0].find(R"("routes":[],)"), std::string::npos) << hard.lines()[0];
  EXPECT_NE(hard.lines()[0].find(
                R"("dropped_routes":[{"dest":"0.0.0.0/1","router":"192.0.2.1","reason":"ShortPrefix"},)"
                R"({"dest":"128.0.0.0/1","router":"192.0.2.1","reason":"ShortPrefix"}])"),
            std::string::npos)
      << hard.lines()[0];
}

// The lease's names and parameters end the object: 12, 15, 119 (RFC 3397's
// example list), 42 and 26 as the server sent them, a hostile 12 dropped.
TEST(DhcpInspect, PrintsTheLeasesNamesAndParametersLast) {
  DhcpMessageRepr r;
  r.header.op = 2;
  r.header.yiaddr = Ipv4Addr(192, 0, 2, 50);
  static const std::uint8_t t53[] = {5}, sid[] = {192, 0, 2, 1}, lease[] = {0, 0, 0x0e, 0x10},
                            domain[] = {'e', 'x', 'a', 'm', 'p', 'l', 'e', '.', 'o', 'r', 'g'},
                            search[] = {3, 'e', 'n', 'g', 5, 'a', 'p', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0,
                                        9, 'm', 'a', 'r', 'k', 'e', 't', 'i', 'n', 'g', 0xc0, 0x04},
                            ntp[] = {192, 0, 2, 123, 198, 51, 100, 123}, mtu[] = {0x05, 0xdc},
                            host[] = {'h', ';', 'r', 'e', 'b', 'o', 'o', 't'};
  static const OptionRef opts[] = {{53, t53}, {54, sid}, {51, lease}, {15, domain},
                                   {119, search}, {42, ntp}, {26, mtu}, {12, host}};
  r.options = opts;
  std::vector<std::uint8_t> b(r.wire_size());
  ASSERT_TRUE(r.emit(b).ok());
  const auto lines = run("--hex", hex(b) + "\n").lines();
  ASSERT_EQ(lines.size(), 1u);
  const std::string& line = lines[0];
  const std::string tail =
      R"(,"host_name":"","domain_name":"example.org","domain_search":["eng.apple.com","marketing.apple.com"],)"
      R"("ntp":["192.0.2.123","198.51.100.123"],"mtu":1500})";
  ASSERT_GE(line.size(), tail.size());
  EXPECT_EQ(line.substr(line.size() - tail.size()), tail) << line;
  // An unreadable input has the same keys, empty.
  const auto bad = run("--hex", "zz\n").lines();
  ASSERT_EQ(bad.size(), 1u);
  const std::string empty = R"(,"host_name":"","domain_name":"","domain_search":[],"ntp":[],"mtu":0})";
  ASSERT_GE(bad[0].size(), empty.size());
  EXPECT_EQ(bad[0].substr(bad[0].size() - empty.size()), empty) << bad[0];
}

TEST(DhcpInspect, UsageErrorsExitTwo) {
  EXPECT_EQ(run("--policy nonsense").status, 2);
  EXPECT_EQ(run("--protect 10.0.0.0/33").status, 2);
  EXPECT_EQ(run("--bogus").status, 2);
}

}  // namespace
}  // namespace dhcpcore
