// report.hpp: dhcp-replay's output, one JSON object per line on stdout. The
// summary lines (every kind but "frame") are also kept, in order, for
// --expect.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

namespace dhcpcore::tools {

class Report {
 public:
  explicit Report(bool quiet) : quiet_(quiet) {}

  // frame: a "frame" line, printed unless --quiet.
  void frame(const std::string& line) const {
    if (!quiet_) print(line);
  }
  // summary: any other line: printed and kept.
  void summary(const std::string& line) {
    print(line);
    summary_.push_back(line);
  }
  const std::vector<std::string>& summary_lines() const noexcept { return summary_; }

 private:
  static void print(const std::string& line) {
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fputc('\n', stdout);
  }

  bool quiet_;
  std::vector<std::string> summary_;
};

}  // namespace dhcpcore::tools
