// random.cpp: GetrandomRng.
#include "dhcpcore/linux/random.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <sys/random.h>

namespace dhcpcore::runtime {

std::uint32_t GetrandomRng::next_u32() noexcept {
  if (next_ == buf_.size()) {
    auto* bytes = reinterpret_cast<unsigned char*>(buf_.data());
    const std::size_t want = sizeof buf_;
    std::size_t got = 0;
    while (got < want) {
      const ssize_t n = ::getrandom(bytes + got, want - got, 0);
      if (n < 0) {
        if (errno == EINTR) continue;
        std::fprintf(stderr, "getrandom failed: %s\n", std::strerror(errno));
        std::abort();
      }
      got += static_cast<std::size_t>(n);
    }
    next_ = 0;
  }
  return buf_[next_++];
}

}  // namespace dhcpcore::runtime
