// Properties of the option 121 decoder (dhcp_options.hpp,
// decode_classless_routes and ClasslessRouteReader) against the independent
// RFC 3442 encoder of the support library (gen::encode_classless_routes),
// which keeps host bits inside the significant octets: the decoder must mask
// them (defect 3).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <vector>

#include "dhcpcore/parsers/dhcp_options.hpp"
#include "dhcpcore/test_support/generators.hpp"

namespace dhcpcore::props {
namespace {

std::vector<ClasslessRoute> expected_routes(const std::vector<Route>& routes) {
  std::vector<ClasslessRoute> out;
  for (const Route& r : routes) out.push_back(ClasslessRoute{r.dest.masked(), r.router});
  return out;
}

// route_ends: the offset just past each route in the encoding.
std::vector<std::size_t> route_ends(const std::vector<Route>& routes) {
  std::vector<std::size_t> ends;
  std::size_t at = 0;
  for (const Route& r : routes) {
    at += gen::classless_route_size(r.dest.len);
    ends.push_back(at);
  }
  return ends;
}

RC_GTEST_PROP(ClasslessRoutes, DecodeOfEncodeGivesTheMaskedRoutes, (const std::vector<Route>& routes)) {
  const auto encoded = gen::encode_classless_routes(routes);
  std::vector<ClasslessRoute> out(routes.size() + 1);
  std::size_t decoded = 12345;
  const auto r = decode_classless_routes(encoded, out, &decoded);
  if (routes.empty()) {
    RC_ASSERT(!r.ok());
    RC_ASSERT(r.error() == OptionError::Empty);
    RC_ASSERT(decoded == 0u);
    return;
  }
  RC_ASSERT(r.ok());
  RC_ASSERT(r.value() == routes.size());
  RC_ASSERT(decoded == routes.size());
  out.resize(routes.size());
  RC_ASSERT(out == expected_routes(routes));
}

RC_GTEST_PROP(ClasslessRoutes, ReaderYieldsTheSameRoutesAndEndsCleanly, (const std::vector<Route>& routes)) {
  const auto encoded = gen::encode_classless_routes(routes);
  ClasslessRouteReader reader(encoded);
  std::vector<ClasslessRoute> got;
  ClasslessRoute cr;
  while (got.size() <= routes.size() && reader.next(cr)) got.push_back(cr);
  RC_ASSERT(got == expected_routes(routes));
  RC_ASSERT(reader.error() == OptionError::None);
  RC_ASSERT(!reader.next(cr));
  RC_ASSERT(reader.error() == OptionError::None);
}

RC_GTEST_PROP(ClasslessRoutes, StrictPrefixDecodesOnlyTheCompleteRoutes, (const std::vector<Route>& routes)) {
  RC_PRE(!routes.empty());
  const auto encoded = gen::encode_classless_routes(routes);
  const auto ends = route_ends(routes);
  const std::size_t cut = *gen::uniform(1, static_cast<std::uint32_t>(encoded.size() - 1));
  std::size_t complete = 0;
  while (complete < ends.size() && ends[complete] <= cut) ++complete;
  const bool at_boundary = complete > 0 && ends[complete - 1] == cut;
  std::vector<ClasslessRoute> out(routes.size());
  std::size_t decoded = 12345;
  const auto r = decode_classless_routes(std::span(encoded).first(cut), out, &decoded);
  RC_ASSERT(decoded == complete);
  if (at_boundary) {
    RC_ASSERT(r.ok());
    RC_ASSERT(r.value() == complete);
  } else {
    RC_ASSERT(!r.ok());
    RC_ASSERT(r.error() == OptionError::TruncatedRoute);
  }
  out.resize(complete);
  const auto all = expected_routes(routes);
  RC_ASSERT(out == std::vector<ClasslessRoute>(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(complete)));
}

RC_GTEST_PROP(ClasslessRoutes, PrefixLengthAbove32IsRejectedAtItsRoute, (const std::vector<Route>& routes)) {
  RC_PRE(!routes.empty());
  auto encoded = gen::encode_classless_routes(routes);
  const auto ends = route_ends(routes);
  const std::size_t bad = *gen::uniform(0, static_cast<std::uint32_t>(routes.size() - 1));
  const std::size_t at = bad == 0 ? 0 : ends[bad - 1];
  encoded[at] = static_cast<std::uint8_t>(*gen::uniform(33, 255));
  std::vector<ClasslessRoute> out(routes.size());
  std::size_t decoded = 12345;
  const auto r = decode_classless_routes(encoded, out, &decoded);
  RC_ASSERT(!r.ok());
  RC_ASSERT(r.error() == OptionError::BadPrefixLength);
  RC_ASSERT(decoded == bad);
}

RC_GTEST_PROP(ClasslessRoutes, OutputTooSmallIsOutputFullAfterFillingIt, (const std::vector<Route>& routes)) {
  RC_PRE(!routes.empty());
  const auto encoded = gen::encode_classless_routes(routes);
  const std::size_t room = *gen::uniform(0, static_cast<std::uint32_t>(routes.size() - 1));
  std::vector<ClasslessRoute> out(room);
  std::size_t decoded = 12345;
  const auto r = decode_classless_routes(encoded, out, &decoded);
  RC_ASSERT(!r.ok());
  RC_ASSERT(r.error() == OptionError::OutputFull);
  RC_ASSERT(decoded == room);
  const auto all = expected_routes(routes);
  RC_ASSERT(out == std::vector<ClasslessRoute>(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(room)));
}

}  // namespace
}  // namespace dhcpcore::props
