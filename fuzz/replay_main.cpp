// replay_main: the standalone driver. It runs every file named on the command
// line, and every regular file under every directory named (recursively,
// sorted), through LLVMFuzzerTestOneInput once, so builds without a fuzzing
// engine (the g++ dev build under ASan + UBSan) replay the corpus. A broken
// invariant or a sanitizer report ends the process abnormally; otherwise it
// prints how many inputs it ran and exits 0. No input at all is an error
// (exit 1), so an empty corpus directory fails its test.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace {

bool run_file(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  if (!f) {
    std::fprintf(stderr, "replay: cannot read %s\n", p.c_str());
    return false;
  }
  const std::vector<char> bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  std::vector<std::uint8_t> input(bytes.begin(), bytes.end());
  // A copy of exactly the file's size, so ASan sees any read past the end.
  auto* exact = new std::uint8_t[input.size() + (input.empty() ? 1 : 0)];
  std::copy(input.begin(), input.end(), exact);
  (void)LLVMFuzzerTestOneInput(exact, input.size());
  delete[] exact;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (LLVMFuzzerInitialize != nullptr) (void)LLVMFuzzerInitialize(&argc, &argv);
  std::vector<std::filesystem::path> files;
  bool ok = true;
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path arg = argv[i];
    std::error_code ec;
    if (std::filesystem::is_directory(arg, ec)) {
      for (const auto& e : std::filesystem::recursive_directory_iterator(arg, ec)) {
        if (e.is_regular_file()) files.push_back(e.path());
      }
    } else if (std::filesystem::is_regular_file(arg, ec)) {
      files.push_back(arg);
    } else {
      std::fprintf(stderr, "replay: no such file or directory: %s\n", argv[i]);
      ok = false;
    }
    if (ec) {
      std::fprintf(stderr, "replay: %s: %s\n", argv[i], ec.message().c_str());
      ok = false;
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& p : files) {
    std::fprintf(stderr, "replay: %s\n", p.c_str());
    ok = run_file(p) && ok;
  }
  std::printf("replay: %zu inputs run\n", files.size());
  if (files.empty()) {
    std::fprintf(stderr, "replay: no inputs\n");
    return 1;
  }
  return ok ? 0 : 1;
}
