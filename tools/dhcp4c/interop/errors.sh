#!/usr/bin/env bash
# errors.sh DHCP4C: dhcp4c's failures that need a namespace: without
# CAP_NET_RAW and/or CAP_NET_ADMIN it exits 4 naming the missing capability;
# with no server on the link --timeout exits 6 in time and leaves nothing
# applied.
source "$(dirname "$0")/lib.sh"

require_root_netns
require_cmd setpriv
setup_netns

# The permission cases stay root (uid 0) and lose capabilities instead
# (bounding set, inheritable and ambient sets cleared, no_new_privs), so the
# binary is reachable wherever the checkout is: /root is 0700, and so is
# `mktemp -d`. They run a copy of dhcp4c from such a directory with a space in
# its name, so a test that needs another user or breaks on spaces fails here
# wherever the suite runs.
odd_dir="$WORK/private dir"
mkdir -m 0700 "$odd_dir"
cp "$DHCP4C" "$odd_dir/dhcp4c"

# without_caps NAME KEEP [ARG...]: run the copy as root with only the
# capabilities in KEEP (setpriv syntax: "" for none, "+net_raw", ...); sets RC.
without_caps() {
  local name=$1 keep=$2
  shift 2
  RC=0
  ip netns exec "$NS_C" setpriv --bounding-set="-all${keep:+,$keep}" --inh-caps=-all --ambient-caps=-all \
    --no-new-privs timeout 10 "$odd_dir/dhcp4c" --json-events "$@" c0 >"$WORK/$name.json" 2>"$WORK/$name.log" || RC=$?
}

for case in "none::CAP_NET_RAW, CAP_NET_ADMIN" "raw_only:+net_raw:CAP_NET_ADMIN" "admin_only:+net_admin:CAP_NET_RAW"; do
  IFS=: read -r name keep missing <<<"$case"
  without_caps "caps_$name" "$keep"
  [ "$RC" -eq 4 ] || fail "capabilities '${keep:-none}': exit $RC, expected 4"
  grep -qF "missing capability $missing (dhcp4c needs root" "$WORK/caps_$name.log" ||
    fail "capabilities '${keep:-none}': the error does not name $missing"
  [ -n "$(events_with "$WORK/caps_$name.json" '"event":"exit"' '"reason":"permission"' '"code":4')" ] ||
    fail "capabilities '${keep:-none}': no exit event 'permission'"
  log "capabilities '${keep:-none}': exit 4 naming $missing"
done
# Both capabilities and nothing else are enough: past the permission check
# it sends DISCOVERs and, with no server, stops at --timeout (exit 6).
without_caps caps_both "+net_raw,+net_admin" --timeout 1
[ "$RC" -eq 6 ] || fail "CAP_NET_RAW + CAP_NET_ADMIN only: exit $RC, expected 6 (timeout)"
[ -n "$(events_with "$WORK/caps_both.json" '"event":"send"' '"type":"DISCOVER"' '"ok":true')" ] ||
  fail "CAP_NET_RAW + CAP_NET_ADMIN only: no DISCOVER sent"
log "CAP_NET_RAW + CAP_NET_ADMIN only: runs, exit 6 at --timeout"
t0=$SECONDS
start_dhcp4c timeout --timeout 2
wait_exit "$CLIENT_PID" 60
[ "$EXIT_RC" -eq 6 ] || fail "no server: exit $EXIT_RC, expected 6"
[ $((SECONDS - t0)) -le 8 ] || fail "--timeout 2 took $((SECONDS - t0)) s"
[ -n "$(events_with "$WORK/timeout.json" '"event":"exit"' '"reason":"timeout"' '"code":6')" ] || fail "no exit event 'timeout'"
[ -n "$(events_with "$WORK/timeout.json" '"event":"send"' '"type":"DISCOVER"' '"ok":true')" ] || fail "no DISCOVER sent"
[ "$(count_ipv4_addrs)" -eq 0 ] || fail "an address appeared without a server"
log "no server: exit 6 after $((SECONDS - t0)) s"
