#include "expect.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>

namespace dhcpcore::tools {

bool read_expectation(const std::string& path, std::vector<std::string>& out) {
  std::ifstream f(path);
  if (!f) return false;
  std::string line;
  while (std::getline(f, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
    std::size_t b = line.find_first_not_of(" \t");
    if (b == std::string::npos || line[b] == '#') continue;
    out.push_back(line.substr(b));
  }
  return !f.bad();
}

// print_diff: a line diff (longest common subsequence) of expected and actual:
// "  " both, "- " expected only, "+ " actual only.
void print_diff(const std::vector<std::string>& e, const std::vector<std::string>& a) {
  const std::size_t n = e.size(), m = a.size();
  std::vector<std::vector<std::size_t>> lcs(n + 1, std::vector<std::size_t>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t j = m; j-- > 0;) {
      lcs[i][j] = e[i] == a[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && e[i] == a[j]) {
      std::fprintf(stderr, "  %s\n", e[i].c_str());
      ++i, ++j;
    } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
      std::fprintf(stderr, "+ %s\n", a[j].c_str());
      ++j;
    } else {
      std::fprintf(stderr, "- %s\n", e[i].c_str());
      ++i;
    }
  }
}

}  // namespace dhcpcore::tools
