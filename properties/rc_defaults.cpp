// rc_defaults.cpp: this suite's RapidCheck defaults.
//
// Every property runs kDefaultCases cases unless the user says otherwise.
// RapidCheck reads RC_PARAMS once, lazily, when the first property runs; a
// GoogleTest global environment runs before the first test, so it appends
// max_success=1000 to RC_PARAMS there when RC_PARAMS does not name
// max_success itself. Direct runs and ctest runs therefore check the same
// number of cases, and a failure's seed reproduces with RC_PARAMS="seed=N"
// alone (the case sizes depend on max_success, which stays the same).
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <cstdlib>
#include <string>

namespace {

constexpr int kDefaultCases = 1000;

std::string& user_params() {
  static std::string params;
  return params;
}

class RapidCheckDefaults : public ::testing::Environment {
 public:
  void SetUp() override {
    const char* env = std::getenv("RC_PARAMS");
    user_params() = env != nullptr ? env : "";
    if (user_params().find("max_success") != std::string::npos) return;
    std::string params = user_params();
    if (!params.empty()) params += ' ';
    params += "max_success=" + std::to_string(kDefaultCases);
    ::setenv("RC_PARAMS", params.c_str(), 1);
  }
};

[[maybe_unused]] ::testing::Environment* const kEnvironment =
    ::testing::AddGlobalTestEnvironment(new RapidCheckDefaults);

// The suite checks that the default took effect (RapidCheck's configuration
// is read after the environment ran), so a change in RapidCheck's loading
// order cannot silently drop the case count back to 100.
TEST(PropertySuite, RunsAtLeastOneThousandCasesUnlessRcParamsSetsMaxSuccess) {
  const int max_success = rc::detail::configuration().testParams.maxSuccess;
  if (user_params().find("max_success") == std::string::npos) {
    EXPECT_GE(max_success, kDefaultCases);
  }
}

}  // namespace
