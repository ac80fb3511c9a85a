#!/usr/bin/env bash
# check-build.sh: runs ci/oss-fuzz/build.sh here, without Docker, in the
# environment OSS-Fuzz's builder sets for three configurations, then runs
# every binary it produced over its seed corpus (from the zip build.sh
# wrote, with the .dict and .options it wrote):
#   libfuzzer-address    CC=clang, ASan flags, LIB_FUZZING_ENGINE=-fsanitize=fuzzer
#   libfuzzer-undefined  CC=clang, OSS-Fuzz's UBSan flag list, the same engine
#   afl-address          CC=afl-clang-fast, ASan, LIB_FUZZING_ENGINE=libAFLDriver.a
# Differences from the real builder, which this cannot reproduce: OSS-Fuzz's
# own clang build and -stdlib=libc++ (Debian 12 here: clang 14, libstdc++),
# and its AFL++ version.
#
# usage: bash ci/oss-fuzz/check-build.sh [DIR] [CONFIG...]
#   DIR defaults to build/oss-fuzz-check (DIR/CONFIG/{work,out,log}); the
#   work directories are kept, so a second run rebuilds incrementally.
#   DHCPCORE_BUILD_JOBS (default 2) bounds the build's parallelism.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
dir=${1:-build/oss-fuzz-check}
shift || true
configs=("$@")
[ ${#configs[@]} -gt 0 ] || configs=(libfuzzer-address libfuzzer-undefined afl-address)
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
export DHCPCORE_BUILD_JOBS=${DHCPCORE_BUILD_JOBS:-2}

# The flags OSS-Fuzz's base-builder exports (infra/base-images/base-builder).
common="-O1 -fno-omit-frame-pointer -gline-tables-only -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION"
asan="-fsanitize=address -fsanitize-address-use-after-scope"
ubsan_checks="array-bounds,bool,builtin,enum,float-divide-by-zero,function,integer-divide-by-zero,null,object-size,return,returns-nonnull-attribute,shift,signed-integer-overflow,unsigned-integer-overflow,unreachable,vla-bound,vptr"
ubsan_fatal="array-bounds,bool,builtin,enum,float-divide-by-zero,function,integer-divide-by-zero,null,object-size,return,returns-nonnull-attribute,shift,signed-integer-overflow,unreachable,vla-bound,vptr"
ubsan="-fsanitize=$ubsan_checks -fno-sanitize-recover=$ubsan_fatal"
afl_driver=$(ls /usr/lib/afl/libAFLDriver.a /usr/local/lib/afl/libAFLDriver.a 2>/dev/null | head -n1 || true)

status=0
fail() { echo "check-build: FAIL: $*" >&2; status=1; }

for config in "${configs[@]}"; do
  engine=${config%%-*}
  sanitizer=${config#*-}
  case "$engine" in
    libfuzzer) cc=clang; cxx=clang++; coverage="-fsanitize=fuzzer-no-link"; lib="-fsanitize=fuzzer" ;;
    afl)
      [ -n "$afl_driver" ] || { fail "$config: libAFLDriver.a not found"; continue; }
      cc=afl-clang-fast; cxx=afl-clang-fast++; coverage=""; lib=$afl_driver ;;
    *) fail "unknown configuration $config"; continue ;;
  esac
  case "$sanitizer" in
    address) san=$asan ;;
    undefined) san=$ubsan ;;
    *) fail "unknown sanitizer in $config"; continue ;;
  esac
  work=$dir/$config/work
  out=$dir/$config/out
  log=$dir/$config/build.log
  rm -rf "$out"
  mkdir -p "$work" "$out"
  start=$(date +%s)
  if ! env CC="$cc" CXX="$cxx" CFLAGS="$common $san $coverage" CXXFLAGS="$common $san $coverage" \
      LIB_FUZZING_ENGINE="$lib" SANITIZER="$sanitizer" SANITIZER_FLAGS="$san" FUZZING_ENGINE="$engine" \
      FUZZING_LANGUAGE=c++ ARCHITECTURE=x86_64 SRC="$(dirname "$root")" DHCPCORE_SRC="$root" \
      WORK="$work" OUT="$out" AFL_QUIET=1 bash ci/oss-fuzz/build.sh >"$log" 2>&1; then
    fail "$config: build.sh failed (log: $log)"
    tail -n 30 "$log" >&2
    continue
  fi
  echo "check-build: $config: build.sh done in $(( $(date +%s) - start ))s"

  # Every target: binary, seed corpus zip, dict, options; then a replay.
  for source in fuzz/*_fuzzer.cpp; do
    target=$(basename "$source" .cpp)
    # .options is optional for OSS-Fuzz: required when fuzz/ has one.
    expected=("$target" "${target}_seed_corpus.zip" "$target.dict")
    [ ! -f "fuzz/$target.options" ] || expected+=("$target.options")
    for f in "${expected[@]}"; do
      [ -s "$out/$f" ] || fail "$config: $f missing from \$OUT"
    done
    [ -x "$out/$target" ] || continue
    seeds=$dir/$config/seeds/$target
    rm -rf "$seeds"
    mkdir -p "$seeds"
    # cmake -E tar reads zip archives (libarchive): no unzip needed.
    (cd "$seeds" && cmake -E tar xf "$out/${target}_seed_corpus.zip")
    mapfile -t files < <(find "$seeds" -type f | sort)
    [ ${#files[@]} -gt 0 ] || { fail "$config: $target: empty seed corpus"; continue; }
    max_len=$(sed -n 's/^max_len *= *//p' "$out/$target.options" 2>/dev/null || true)
    run_log=$dir/$config/$target.run.log
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
    export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:silence_unsigned_overflow=1
    if [ "$engine" = libfuzzer ]; then
      # -runs=0: run the seed corpus once; the dict must parse.
      if ! "$out/$target" -runs=0 -dict="$out/$target.dict" ${max_len:+-max_len="$max_len"} "$seeds" >"$run_log" 2>&1 ||
         ! grep -q "INITED" "$run_log"; then
        fail "$config: $target failed on its seed corpus (log: $run_log)"
        tail -n 20 "$run_log" >&2
        continue
      fi
    else
      # The AFL++ driver runs the files given as arguments once each; then
      # afl-showmap shows the binary is AFL-instrumented.
      if ! "$out/$target" "${files[@]}" >"$run_log" 2>&1; then
        fail "$config: $target failed on its seed corpus (log: $run_log)"
        tail -n 20 "$run_log" >&2
        continue
      fi
      tuples=$(AFL_QUIET=1 afl-showmap -q -o "$dir/$config/$target.map" -- "$out/$target" <"${files[0]}" >/dev/null 2>&1;
               wc -l <"$dir/$config/$target.map" 2>/dev/null || echo 0)
      [ "$tuples" -gt 0 ] || { fail "$config: $target: afl-showmap saw no instrumentation"; continue; }
    fi
    echo "check-build: $config: $target ran ${#files[@]} seeds"
  done
done

if [ "$status" -ne 0 ]; then
  echo "check-build: FAILED" >&2
  exit 1
fi
echo "check-build: ${configs[*]}: build.sh built every target and each ran its seed corpus"
