#!/usr/bin/env bash
# fuzz.sh: the main job. Until the fuzzing harness lands this is the replay
# job: it builds the `dev` preset (g++, ASan+UBSan) and runs every input under
# corpus/ through dhcp-inspect (frames for corpus/frame, DHCP payloads for the
# rest), failing on any crash or sanitizer report, then prints a summary per
# corpus directory. Usage: bash ci/fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/.."

bash ci/install-deps.sh
cmake --preset dev >/dev/null
cmake --build --preset dev -j "$(nproc)" --target dhcp-inspect >/dev/null
inspect=build/dev/tools/dhcp-inspect
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
status=0
printf '%-16s %7s %7s %11s %9s  %s\n' corpus inputs parsed acceptable rejected "parse errors"
for dir in corpus/*/; do
  name=$(basename "$dir")
  mapfile -t files < <(find "$dir" -type f | sort)
  [ ${#files[@]} -gt 0 ] || continue
  args=()
  [ "$name" = frame ] && args+=(--frame)
  if ! "$inspect" "${args[@]}" "${files[@]}" >"$work/$name.jsonl" 2>"$work/$name.err"; then
    echo "FAIL: dhcp-inspect exited non-zero on corpus/$name" >&2
    cat "$work/$name.err" >&2
    status=1
  fi
  lines=$(wc -l <"$work/$name.jsonl")
  if [ "$lines" -ne ${#files[@]} ]; then
    echo "FAIL: corpus/$name: ${#files[@]} inputs but $lines verdicts" >&2
    status=1
  fi
  parsed=$(grep -c '"parse_ok":true' "$work/$name.jsonl" || true)
  acceptable=$(grep -c '"acceptable":true' "$work/$name.jsonl" || true)
  rejected=$(grep -c '"reject":"[A-Za-z]' "$work/$name.jsonl" || true)
  errors=$(grep -o '"error":"[^"]*"' "$work/$name.jsonl" | sed 's/"error":"//; s/"$//' | grep -v '^$' |
           sort | uniq -c | awk '{c=$1; $1=""; printf "%s%s x%d", (n++ ? ", " : ""), substr($0,2), c}' || true)
  printf '%-16s %7d %7d %11d %9d  %s\n' "$name" "${#files[@]}" "$parsed" "$acceptable" "$rejected" "${errors:--}"
done
if [ "$status" -ne 0 ]; then
  echo "replay: FAILED" >&2
  exit 1
fi
echo "replay: every corpus input decoded without a crash or sanitizer report"
