#!/usr/bin/env bash
# coverage.sh: clang source-based coverage of parsers/ and core/. Builds the
# `coverage` preset (clang, Debug, -fprofile-instr-generate
# -fcoverage-mapping), runs the unit and property tests and replays every
# corpus through its fuzz target (ctest labels parsers, core, tools,
# property, fuzz-corpus), then prints llvm-cov's line and branch coverage per
# file of parsers/ and core/ and writes an HTML report.
#
# usage: bash ci/coverage.sh [extra ctest args]
# output: the report on stdout; HTML in build/coverage/html/index.html
set -euo pipefail
cd "$(dirname "$0")/.."

bash ci/install-deps.sh
dir=build/coverage
profiles=$dir/profiles
cmake --preset coverage -B "$dir" >/dev/null
# The build runs test binaries (gtest discovery): their profiles are not kept.
LLVM_PROFILE_FILE=/dev/null cmake --build "$dir" -j "$(nproc)"
rm -rf "$profiles"
mkdir -p "$profiles"
LLVM_PROFILE_FILE="$(pwd)/$profiles/%p-%m.profraw" \
  ctest --test-dir "$dir" -j "$(nproc)" -L 'parsers|core|tools|property|fuzz-corpus' --output-on-failure "$@"

# llvm-profdata / llvm-cov of the clang that built (clang 14 on Debian 12 ships
# them unversioned in the llvm package).
profdata=$(command -v llvm-profdata || true)
cov=$(command -v llvm-cov || true)
[ -n "$profdata" ] && [ -n "$cov" ] || { echo "coverage.sh: llvm-profdata / llvm-cov not found" >&2; exit 1; }
shopt -s nullglob
raws=("$profiles"/*.profraw)
[ ${#raws[@]} -gt 0 ] || { echo "coverage.sh: no profiles written" >&2; exit 1; }
"$profdata" merge -sparse "${raws[@]}" -o "$dir/coverage.profdata"
# llvm-cov warns about "functions have mismatched data": functions with the
# same name and different bodies in different binaries (every test's main,
# every fuzz target's LLVMFuzzerTestOneInput). parsers/ and core/ are
# compiled once, into static libraries, so their counts are not affected.

# Every instrumented executable the tests ran (tests, fuzz targets, tools).
# llvm-cov takes the first binary as an argument, the others with -object.
objects=()
while IFS= read -r exe; do
  if [ ${#objects[@]} -eq 0 ]; then objects+=("$exe"); else objects+=(-object "$exe"); fi
done < <(find "$dir" -type f -perm -u+x \( -name '*_tests' -o -name '*_fuzzer' -o -name 'dhcp-inspect' \) \
           -not -path '*/CMakeFiles/*' -not -path '*/consumer-test/*' | sort)
[ ${#objects[@]} -gt 0 ] || { echo "coverage.sh: no instrumented binaries found" >&2; exit 1; }

sources=(parsers/src parsers/include core/src core/include)
echo
echo "coverage.sh: parsers/ and core/ (lines and branches from llvm-cov report)"
"$cov" report "${objects[@]}" -instr-profile="$dir/coverage.profdata" \
  -show-branch-summary "${sources[@]}"
"$cov" show "${objects[@]}" -instr-profile="$dir/coverage.profdata" \
  -format=html -show-branches=count -output-dir="$dir/html" "${sources[@]}" >/dev/null
echo
echo "coverage.sh: HTML report: $dir/html/index.html"
