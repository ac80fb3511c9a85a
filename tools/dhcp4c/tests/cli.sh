#!/usr/bin/env bash
# cli.sh DHCP4C: dhcp4c's command line without privileges: --help, usage
# errors (exit 2, usage on stderr), a missing interface (exit 3) and an
# interface without a MAC address (lo, exit 5).
set -euo pipefail
DHCP4C=${1:?usage: $0 PATH/TO/dhcp4c}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

# expect STATUS PATTERN ARGS...: dhcp4c ARGS exits STATUS and its stderr
# (stdout for --help) matches PATTERN.
expect() {
  local want=$1 pattern=$2
  shift 2
  local rc=0
  timeout 10 "$DHCP4C" "$@" >"$out/stdout" 2>"$out/stderr" || rc=$?
  [ "$rc" -eq "$want" ] || fail "dhcp4c $* exited $rc, expected $want; stderr: $(cat "$out/stderr")"
  grep -qE -- "$pattern" "$out/stdout" "$out/stderr" || fail "dhcp4c $*: no '$pattern' in output: $(cat "$out/stderr")"
}

expect 0 '^usage: dhcp4c' --help
expect 2 'missing IFACE' 
expect 2 'unknown option --bogus' --bogus eth0
expect 2 'unknown policy' --policy lax eth0
expect 2 '--policy needs a value' eth0 --policy
expect 2 'bad --timeout' --timeout 0 eth0
expect 2 'bad --timeout' --timeout 5s eth0
expect 2 'bad --client-id' --client-id 0g eth0
expect 2 "bad --protect '10.0.0.0/33'" --protect 10.0.0.0/33 eth0
expect 2 "bad --protect '10.0.0.0'" --protect 10.0.0.0 eth0
expect 2 "bad --hostname 'x;reboot' \\(BadCharacter" --hostname 'x;reboot' eth0
expect 2 "bad --hostname 'host.' \\(trailing '.'" --hostname host. eth0
expect 2 "bad --hostname '' \\(Empty" --hostname '' eth0
expect 2 "bad --metric '-1'" --metric -1 eth0
expect 2 "bad --metric '4294967296'" --metric 4294967296 eth0
many=()
for i in $(seq 17); do many+=(--protect "198.18.$i.0/24"); done
expect 2 'too many --protect prefixes \(at most 16\)' "${many[@]}" eth0
expect 2 'one interface only' eth0 eth1
expect 2 'interface name too long' abcdefghijklmnopq
grep -q '^usage: dhcp4c' "$out/stderr" || fail "usage text not on stderr for a usage error"

expect 3 'no such interface: dhcpcore-none0' dhcpcore-none0
expect 3 '"reason":"no_interface","code":3' --json-events dhcpcore-none0
# The default policy is hardened; --protect and --metric are accepted (the
# interface check comes after them).
expect 3 'no such interface' --protect 203.0.113.0/24 --metric 100 dhcpcore-none0
expect 5 'has no Ethernet MAC address' lo
echo "cli: all cases pass"
