// host_plan_fuzzer: a hostile DHCP payload meets a generated host. The
// payload goes through parse -> acceptable_lease -> Lease (acquired at time
// 0); the host is a scene of test_support/host_scene.hpp (addresses and
// routes of every owner placed where the lease touches or conflicts with
// them, a route policy, often an earlier plan of dhcpcore's); plan_host plans
// the lease (or, for a rejected payload, the removal of what dhcpcore owns),
// the kernel model applies the plan, and every invariant of
// test_support/host_plan_checks.hpp must hold (the same code the host-plan
// properties run): the policy, ownership (nothing foreign modified or
// deleted), no colliding key, the end state, idempotence, removal restoring
// the foreign objects, the broadcast address, the order of operations. The
// scene's removal plan is checked the same way.
//
// Input (ByteSource): the payload's length (u16) and bytes; then the scene,
// read by gen::build_scene through the same ByteSource (one byte per
// choice, 4 per u32), in host_scene.hpp's layout: settings, addresses,
// routes, the policy, the history.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

#include "dhcpcore/core/host_plan.hpp"
#include "dhcpcore/core/lease.hpp"
#include "dhcpcore/parsers/dhcp_message.hpp"
#include "dhcpcore/test_support/host_plan_checks.hpp"
#include "dhcpcore/test_support/host_scene.hpp"
#include "fuzz_check.hpp"

namespace {

using namespace dhcpcore;

// SourceChoices: the scene's choices from the input.
class SourceChoices final : public gen::Choices {
 public:
  explicit SourceChoices(fuzz::ByteSource& src) noexcept : src_(src) {}
  std::uint32_t below(std::uint32_t n) override { return static_cast<std::uint32_t>(src_.below(n)); }
  std::uint32_t u32() override { return src_.u32(); }

 private:
  fuzz::ByteSource& src_;
};

void check(const gen::PlanCase& c) {
  const std::string what = gen::check_all(c);
  if (!what.empty()) std::fprintf(stderr, "host plan invariant broken: %s\n", what.c_str());
  FUZZ_CHECK(what.empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::ByteSource src({data, size});
  const auto payload = src.bytes(src.u16());
  std::optional<Lease> lease;
  if (const auto m = DhcpMessage::parse(payload); m.ok()) {
    if (const auto n = acceptable_lease(m.value()); n.ok()) lease.emplace(n.value(), n.value().lease_time());
  }
  SourceChoices choices(src);
  const Lease* l = lease ? &*lease : nullptr;
  const gen::HostScene scene = gen::build_scene(choices, l);
  check(gen::plan_case(scene, l));
  if (l != nullptr) check(gen::plan_case(scene, nullptr));
  return 0;
}
