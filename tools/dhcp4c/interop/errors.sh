#!/usr/bin/env bash
# errors.sh DHCP4C: dhcp4c's failures that need a namespace: without root
# (as nobody) it exits 4 naming the permission; with no server on the link
# --timeout exits 6 in time and leaves nothing applied.
source "$(dirname "$0")/lib.sh"

require_root_netns
require_cmd setpriv
setup_netns

rc=0
ip netns exec "$NS_C" setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
  timeout 10 "$DHCP4C" c0 >"$WORK/noroot.json" 2>"$WORK/noroot.log" || rc=$?
[ "$rc" -eq 4 ] || fail "as nobody: exit $rc, expected 4"
grep -q 'needs root' "$WORK/noroot.log" || fail "as nobody: the error does not say root is needed"
log "as nobody: exit 4"

t0=$SECONDS
start_dhcp4c timeout --timeout 2
wait_exit "$CLIENT_PID" 10
[ "$EXIT_RC" -eq 6 ] || fail "no server: exit $EXIT_RC, expected 6"
[ $((SECONDS - t0)) -le 8 ] || fail "--timeout 2 took $((SECONDS - t0)) s"
[ -n "$(events_with "$WORK/timeout.json" '"event":"exit"' '"reason":"timeout"' '"code":6')" ] || fail "no exit event 'timeout'"
[ -n "$(events_with "$WORK/timeout.json" '"event":"send"' '"type":"DISCOVER"' '"ok":true')" ] || fail "no DISCOVER sent"
[ "$(count_ipv4_addrs)" -eq 0 ] || fail "an address appeared without a server"
log "no server: exit 6 after $((SECONDS - t0)) s"
