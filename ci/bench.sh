#!/usr/bin/env bash
# bench.sh: builds the `release` preset with the benchmarks on
# (DHCPCORE_BUILD_BENCH=ON), runs bench/dhcpcore_bench pinned to one CPU
# (taskset; BENCH_CPU, default 1, or the only CPU of a 1-CPU machine), and
# prints a table: ns/packet (CPU time, median of the repetitions), packets/s
# and bytes/s, then the three targets of docs/BENCHMARKS.md#results-of-2026-12-02 with the measured values. It
# reports; it never fails on a timing. Extra arguments go to the benchmark
# binary, e.g. bash ci/bench.sh --benchmark_filter=pipeline
set -euo pipefail
cd "$(dirname "$0")/.."

bash ci/install-deps.sh
cmake --preset release -DDHCPCORE_BUILD_BENCH=ON >/dev/null
cmake --build --preset release -j "$(nproc)" --target dhcpcore_bench >/dev/null

bin=build/release/bench/dhcpcore_bench
out=build/release/bench-results.json
cpu=${BENCH_CPU:-1}
[ "$(nproc)" -gt "$cpu" ] || cpu=0
pin=()
command -v taskset >/dev/null && pin=(taskset -c "$cpu")
reps=${BENCH_REPETITIONS:-5}

echo "bench: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs," \
     "$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1), pinned: ${pin[*]:-no}"
"${pin[@]}" "$bin" --benchmark_repetitions="$reps" --benchmark_report_aggregates_only=true \
  --benchmark_out="$out" --benchmark_out_format=json "$@" >/dev/null

# Google Benchmark's JSON writes one key per line; keep the median aggregates.
awk '
  function flush() {
    if (agg == "median" && name != "") {
      printf "%-30s %10.1f %14.0f %12.1f\n", name, cpu, items, bytes / 1e6
      ns[name] = cpu
    }
    name = ""; agg = ""; cpu = 0; items = 0; bytes = 0
  }
  function val(line) { sub(/^[^:]*: */, "", line); sub(/,$/, "", line); gsub(/"/, "", line); return line }
  BEGIN { printf "%-30s %10s %14s %12s\n", "benchmark", "ns/packet", "packets/s", "MB/s" }
  /"benchmarks": \[/ { inb = 1 }
  !inb { next }
  /"run_name":/ { name = val($0) }
  /"aggregate_name":/ { agg = val($0) }
  /"cpu_time":/ { cpu = val($0) + 0 }
  /"items_per_second":/ { items = val($0) + 0 }
  /"bytes_per_second":/ { bytes = val($0) + 0 }
  /^ *}/ { flush() }
  END {
    print ""
    n = 0; sum = 0
    split("ack332 discover304 ack1200", p, " ")
    for (i = 1; i <= 3; i++) if (("dhcp_parse_typed/" p[i]) in ns) { sum += ns["dhcp_parse_typed/" p[i]]; n++ }
    if (n == 3) report("DHCP parse + typed reads, mean of 3 payloads", sum / 3, 60)
    if ("pipeline/ack332" in ns) report("full pipeline, 332-byte ACK", ns["pipeline/ack332"], 150)
    if ("build_frame/discover" in ns) report("build DISCOVER frame", ns["build_frame/discover"], 100)
  }
  function report(what, v, target) {
    printf "target: %-44s %8.1f ns (<= %d ns: %s)\n", what, v, target, (v <= target ? "met" : "MISSED")
  }
' "$out"
echo "bench: raw results in $out"
