// random.hpp: the Rng the Linux runtime injects into the client: getrandom(2)
// (the kernel's CSPRNG), as the reference draws XIDs from crypto/rand.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "dhcpcore/core/client.hpp"

namespace dhcpcore::runtime {

class GetrandomRng final : public Rng {
 public:
  // next_u32 serves words from a buffer refilled by getrandom(). If the
  // kernel cannot give randomness (it always can after early boot) the
  // process aborts with a message: predictable XIDs are not an option.
  std::uint32_t next_u32() noexcept override;

 private:
  std::array<std::uint32_t, 64> buf_{};
  std::size_t next_ = buf_.size();
};

}  // namespace dhcpcore::runtime
