// expect.hpp: dhcp-replay --expect: the expectation file and the diff
// printed when the summary lines differ from it.
#pragma once

#include <string>
#include <vector>

namespace dhcpcore::tools {

// read_expectation: the lines of `path` without leading and trailing blanks
// (and a trailing CR), skipping blank lines and lines starting with '#';
// false when the file cannot be read.
bool read_expectation(const std::string& path, std::vector<std::string>& out);

// print_diff: a line diff (longest common subsequence) of expected and
// actual on stderr: "  " both, "- " expected only, "+ " actual only.
void print_diff(const std::vector<std::string>& expected, const std::vector<std::string>& actual);

}  // namespace dhcpcore::tools
