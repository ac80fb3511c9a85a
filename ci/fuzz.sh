#!/usr/bin/env bash
# fuzz.sh: the main job. Installs what it needs, builds every fuzz target
# (fuzz/*_fuzzer.cpp) for the chosen engine, fuzzes each for N seconds
# starting from its corpus (corpus/<name>/ plus the work corpus of earlier
# runs), shows progress while it runs, and ends with a table per target:
# runs, exec/s, coverage, corpus size, findings.
#
# usage: bash ci/fuzz.sh [--seconds N] [--jobs N] [--engine libfuzzer|afl]
#                        [--update-corpus] [--targets "frame lease ..."] [--work DIR]
#   --seconds N       fuzzing time per target (default 20)
#   --jobs N          targets fuzzed at the same time (default 1)
#   --engine E        libfuzzer (clang, ASan + UBSan; default) or afl
#                     (AFL++ with a CMPLOG build, no sanitizer)
#   --update-corpus   afterwards, merge into corpus/<name>/ the work-corpus
#                     inputs that add coverage features beyond it (libFuzzer
#                     -merge=1, named by content hash; seeds never removed)
#   --targets LIST    only these targets (names without _fuzzer)
#   --work DIR        the work corpus and findings (default
#                     $DHCPCORE_FUZZ_WORK, else ~/.cache/dhcpcore-fuzz):
#                     DIR/<engine>/corpus/<name>/, DIR/<engine>/findings/<name>/
#
# New coverage goes to the work corpus, outside the repository; the repo's
# corpus changes only with --update-corpus. Any crash, sanitizer report,
# leak, timeout or out-of-memory is a finding: its input is saved under
# findings/<name>/ with REPRODUCE.txt (the exact commands), and the job
# exits 1.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

seconds=20
jobs=1
engine=libfuzzer
update=0
only=""
work=${DHCPCORE_FUZZ_WORK:-${XDG_CACHE_HOME:-$HOME/.cache}/dhcpcore-fuzz}
usage() { sed -n '/^# usage:/,/^# New coverage/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=${2:?}; shift 2 ;;
    --jobs) jobs=${2:?}; shift 2 ;;
    --engine) engine=${2:?}; shift 2 ;;
    --update-corpus) update=1; shift ;;
    --targets) only=${2:?}; shift 2 ;;
    --work) work=${2:?}; shift 2 ;;
    -h|--help) usage ;;
    *) echo "fuzz.sh: unknown argument: $1" >&2; usage ;;
  esac
done
[[ "$seconds" =~ ^[0-9]+$ && "$seconds" -ge 1 ]] || { echo "fuzz.sh: --seconds needs a positive integer" >&2; exit 2; }
[[ "$jobs" =~ ^[0-9]+$ && "$jobs" -ge 1 ]] || { echo "fuzz.sh: --jobs needs a positive integer" >&2; exit 2; }
case "$engine" in libfuzzer|afl) ;; *) echo "fuzz.sh: --engine is libfuzzer or afl" >&2; exit 2 ;; esac
case "$work" in "$root"|"$root"/*) echo "fuzz.sh: the work directory must be outside the repository" >&2; exit 2 ;; esac

bash ci/install-deps.sh

# Targets: every fuzz/<name>_fuzzer.cpp (the same glob as fuzz/CMakeLists.txt).
targets=()
for src in fuzz/*_fuzzer.cpp; do
  name=$(basename "$src" _fuzzer.cpp)
  if [ -n "$only" ] && [[ " $only " != *" $name "* ]]; then continue; fi
  targets+=("$name")
done
[ ${#targets[@]} -gt 0 ] || { echo "fuzz.sh: no targets selected" >&2; exit 2; }

# ---- Build -------------------------------------------------------------------
fuzz_cmake_args=(-DDHCPCORE_BUILD_TESTS=OFF -DDHCPCORE_BUILD_TOOLS=OFF -DDHCPCORE_BUILD_FUZZERS=ON)
build_preset() {  # build_preset PRESET DIR [ENV...]: configure and build the fuzz targets
  local preset=$1 dir=$2; shift 2
  echo "fuzz.sh: building $preset fuzz targets in $dir"
  env "$@" cmake --preset "$preset" -B "$dir" "${fuzz_cmake_args[@]}" >/dev/null
  env "$@" cmake --build "$dir" -j "$(nproc)" --target fuzz_targets >/dev/null
}
lf_dir=build/clang-libfuzzer
if [ "$engine" = libfuzzer ] || [ "$update" -eq 1 ]; then build_preset clang-libfuzzer "$lf_dir"; fi
if [ "$engine" = afl ]; then
  build_preset afl build/afl
  # CMPLOG: the same sources with comparison logging (afl-fuzz -c).
  build_preset afl build/afl-cmplog AFL_LLVM_CMPLOG=1
fi

# ---- Fuzz --------------------------------------------------------------------
base=$work/$engine
mkdir -p "$base/corpus" "$base/findings" "$base/logs"
stats_dir=$(mktemp -d)
trap 'rm -rf "$stats_dir"' EXIT
touch "$stats_dir/.start"  # findings newer than this are this run's

option() {  # option NAME KEY: a value from fuzz/NAME_fuzzer.options
  [ -f "fuzz/$1_fuzzer.options" ] || return 0
  sed -n "s/^[[:space:]]*$2[[:space:]]*=[[:space:]]*\([^[:space:]]*\).*/\1/p" "fuzz/$1_fuzzer.options" | head -n1
}

# Each runner starts one target in the background, records its pid in
# $stats_dir/NAME.pid and, when done, NAME.stats (key=value lines).
start_libfuzzer() {
  local name=$1 bin=$lf_dir/fuzz/$1_fuzzer
  local corpus=$base/corpus/$name findings=$base/findings/$name log=$base/logs/$name.log
  local max_len; max_len=$(option "$name" max_len)
  mkdir -p "$corpus" "$findings"
  (
    set +e
    # New inputs go to the first directory (the work corpus); corpus/NAME is read.
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
      timeout --kill-after=30 $((seconds + 120)) "$bin" -max_total_time="$seconds" -timeout=10 \
      -rss_limit_mb=2048 -print_final_stats=1 -dict=fuzz/dhcp.dict ${max_len:+-max_len="$max_len"} \
      -artifact_prefix="$findings/" "$corpus" "corpus/$name" >"$log" 2>&1
    rc=$?
    last=$(grep -E '^#[0-9]+' "$log" | tail -n1)
    {
      echo "rc=$rc"
      echo "runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")"
      echo "execs=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")"
      echo "cov=$(sed -n 's/.* cov: \([0-9]*\).* ft: \([0-9]*\).*/\1 edges, \2 features/p' <<<"$last")"
      echo "corpus=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$last")"
    } >"$stats_dir/$name.stats"
  ) &
  echo $! >"$stats_dir/$name.pid"
}
progress_libfuzzer() {
  local line; line=$(grep -E '^#[0-9]+' "$base/logs/$1.log" 2>/dev/null | tail -n1 || true)
  sed -E 's/^#([0-9]+)[[:space:]]+[A-Z]+[[:space:]]+/runs \1 /; s/ lim: [0-9]+//; s/ rss: .*//; s/ L: .*//' <<<"${line:-starting}"
}

start_afl() {
  local name=$1 bin=build/afl/fuzz/$1_fuzzer cmplog=build/afl-cmplog/fuzz/$1_fuzzer
  local corpus=$base/corpus/$name findings=$base/findings/$name log=$base/logs/$name.log
  local out=$base/out/$name in=$base/in/$name
  local max_len; max_len=$(option "$name" max_len)
  mkdir -p "$corpus" "$findings"
  rm -rf "$out" "$in"
  mkdir -p "$in" "$(dirname "$out")"
  cp corpus/"$name"/* "$in"/
  find "$corpus" -maxdepth 1 -type f -exec cp {} "$in"/ \;
  (
    set +e
    AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
      AFL_FAST_CAL=1 \
      timeout --kill-after=30 $((seconds + 120)) afl-fuzz -i "$in" -o "$out" -V "$seconds" -t 1000 -m none \
      -x fuzz/dhcp.dict ${max_len:+-G "$max_len"} -c "$cmplog" -- "$bin" >"$log" 2>&1 &
    tpid=$!
    wait "$tpid"
    rc=$?
    # timeout leads its own process group; what afl-fuzz leaves in it (AFL++
    # 4.04c leaves its CMPLOG forkserver stopped) belongs to this run: end it.
    kill -KILL -- -"$tpid" 2>/dev/null || true
    local st=$out/default/fuzzer_stats
    afl_stat() { sed -n "s/^$1 *: *//p" "$st" 2>/dev/null; }
    # Keep the queue (new coverage) in the work corpus, by content hash.
    for f in "$out"/default/queue/id:*; do
      [ -f "$f" ] && cp "$f" "$corpus/$(sha1sum "$f" | cut -c1-40)"
    done
    for f in "$out"/default/crashes/id:* "$out"/default/hangs/id:*; do
      [ -f "$f" ] || continue
      kind=crash; [[ "$f" == */hangs/* ]] && kind=timeout
      cp "$f" "$findings/$kind-$(sha1sum "$f" | cut -c1-40)"
    done
    crashes=$(afl_stat saved_crashes); hangs=$(afl_stat saved_hangs)
    [ -f "$st" ] || rc=1
    {
      echo "rc=$rc"
      echo "runs=$(afl_stat execs_done)"
      echo "execs=$(afl_stat execs_per_sec)"
      echo "cov=$(afl_stat edges_found) edges ($(afl_stat bitmap_cvg))"
      echo "corpus=$(afl_stat corpus_count)"
      echo "afl_findings=$(( ${crashes:-0} + ${hangs:-0} ))"
    } >"$stats_dir/$name.stats"
  ) &
  echo $! >"$stats_dir/$name.pid"
}
progress_afl() {
  local st=$base/out/$1/default/fuzzer_stats
  [ -f "$st" ] || { echo starting; return; }
  awk -F' *: *' '/^(execs_done|execs_per_sec|corpus_count|edges_found|saved_crashes|saved_hangs) /{v[$1]=$2}
    END{printf "runs %s exec/s %s edges %s corp %s crashes %s hangs %s\n", v["execs_done"], v["execs_per_sec"],
        v["edges_found"], v["corpus_count"], v["saved_crashes"], v["saved_hangs"]}' "$st"
}

echo "fuzz.sh: engine $engine, ${seconds}s per target, $jobs at a time, work corpus $base"
start_time=$(date +%s)
pending=("${targets[@]}")
running=()
while [ ${#pending[@]} -gt 0 ] || [ ${#running[@]} -gt 0 ]; do
  while [ ${#pending[@]} -gt 0 ] && [ ${#running[@]} -lt "$jobs" ]; do
    name=${pending[0]}; pending=("${pending[@]:1}")
    "start_$engine" "$name"
    echo "fuzz.sh: [$name] started (pid $(cat "$stats_dir/$name.pid"))"
    running+=("$name")
  done
  sleep 5
  ticks=$((${ticks:-0} + 1))
  report=0
  # Progress every 5 s for short runs, every 30 s for long ones.
  if [ "$seconds" -le 120 ] || [ $((ticks % 6)) -eq 0 ]; then report=1; fi
  still=()
  for name in "${running[@]}"; do
    if kill -0 "$(cat "$stats_dir/$name.pid")" 2>/dev/null; then
      still+=("$name")
      if [ "$report" -eq 1 ]; then
        echo "fuzz.sh: [$name] $(( $(date +%s) - start_time ))s: $("progress_$engine" "$name")"
      fi
    else
      wait "$(cat "$stats_dir/$name.pid")" || true
      echo "fuzz.sh: [$name] done"
    fi
  done
  running=("${still[@]+"${still[@]}"}")
done

# ---- Findings ----------------------------------------------------------------
status=0
declare -A found
for name in "${targets[@]}"; do
  findings=$base/findings/$name
  # Files of this run: crash-, leak-, timeout-, oom- (libFuzzer) or crash-/timeout- (AFL++).
  mapfile -t inputs < <(find "$findings" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' \
    -o -name 'timeout-*' -o -name 'oom-*' \) -newer "$stats_dir/.start" 2>/dev/null | sort)
  rc=$(sed -n 's/^rc=//p' "$stats_dir/$name.stats" 2>/dev/null || echo 1)
  found[$name]=${#inputs[@]}
  if [ "${rc:-1}" -ne 0 ] || [ ${#inputs[@]} -gt 0 ]; then
    status=1
    [ ${#inputs[@]} -gt 0 ] || found[$name]="exit ${rc:-?}"
    {
      echo "# $name: reproduce from the repository root (the binaries of this run; any of them):"
      echo "#   libFuzzer, ASan+UBSan:  $lf_dir/fuzz/${name}_fuzzer INPUT"
      [ "$engine" != afl ] || echo "#   AFL++ build (runs files given as arguments):  build/afl/fuzz/${name}_fuzzer INPUT"
      echo "#   g++ dev build, ASan+UBSan: cmake --preset dev -B build/fuzz-dev && cmake --build build/fuzz-dev --target ${name}_fuzzer"
      echo "#     then: build/fuzz-dev/fuzz/${name}_fuzzer INPUT"
      for f in "${inputs[@]}"; do
        if [ "$engine" = afl ]; then echo "build/afl/fuzz/${name}_fuzzer $f"; else echo "$lf_dir/fuzz/${name}_fuzzer $f"; fi
      done
    } >"$findings/REPRODUCE.txt"
    echo "fuzz.sh: FINDING in $name (log: $base/logs/$name.log)" >&2
    for f in "${inputs[@]}"; do echo "  input: $f" >&2; done
    sed 's/^/  /' "$findings/REPRODUCE.txt" >&2
    grep -m3 -E 'FUZZ_CHECK|ERROR: |runtime error|SUMMARY' "$base/logs/$name.log" | sed 's/^/  /' >&2 || true
  fi
done

# ---- Corpus update -----------------------------------------------------------
if [ "$update" -eq 1 ]; then
  for name in "${targets[@]}"; do
    before=$(find "corpus/$name" -type f | wc -l)
    "$lf_dir/fuzz/${name}_fuzzer" -merge=1 -dict=fuzz/dhcp.dict "corpus/$name" "$base/corpus/$name" \
      >"$base/logs/$name.merge.log" 2>&1 || { echo "fuzz.sh: merge failed for $name" >&2; status=1; }
    echo "fuzz.sh: corpus/$name: $before -> $(find "corpus/$name" -type f | wc -l) files"
  done
fi

# ---- Summary -----------------------------------------------------------------
echo
printf '%-18s %10s %9s  %-32s %8s  %s\n' target runs exec/s coverage corpus findings
for name in "${targets[@]}"; do
  s=$stats_dir/$name.stats
  get() { sed -n "s/^$1=//p" "$s" 2>/dev/null; }
  printf '%-18s %10s %9s  %-32s %8s  %s\n' "$name" "$(get runs)" "$(get execs)" "$(get cov)" "$(get corpus)" "${found[$name]}"
done
echo
if [ "$status" -ne 0 ]; then
  echo "fuzz.sh: FAILED: findings saved under $base/findings (see REPRODUCE.txt there)" >&2
  exit 1
fi
echo "fuzz.sh: ${#targets[@]} targets fuzzed ${seconds}s each with $engine: no crash, leak, timeout or OOM"
