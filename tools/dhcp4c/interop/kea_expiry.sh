#!/usr/bin/env bash
# kea_expiry.sh DHCP4C: expiry when the server is gone. Kea hands out an
# 8 s lease (renew 2 s, rebind 4 s) and is stopped right after; the client
# renews, rebinds, and at expiry reports the lease lost and removes the
# address and routes while it keeps running (back to DISCOVERING).
source "$(dirname "$0")/lib.sh"

require_root_netns
require_cmd kea-dhcp4
setup_netns

start_kea --lease 8 --t1 2 --t2 4

t0=$SECONDS
start_dhcp4c expiry --timeout 30
wait_event "$WORK/expiry.json" 40 '"event":"lease"' '"change":"Acquired"' || fail "no lease"
check_lease_event "$WORK/expiry.json" no
ip=$LEASE_IP
ev=$(events_with "$WORK/expiry.json" '"event":"lease"' '"change":"Acquired"' | head -n 1)
[ "$(json_field "$ev" lease_s)" = 8 ] || fail "lease time not 8 s: $ev"
stop_pid "$SERVER_PID"
t_bound=$SECONDS

wait_event "$WORK/expiry.json" 15 '"event":"lease"' '"change":"Lost"' || fail "no lost lease within 15 s of binding"
for s in '"from":"Bound","to":"Renewing"' '"from":"Renewing","to":"Rebinding"' '"from":"Rebinding","to":"Discovering"'; do
  [ -n "$(events_with "$WORK/expiry.json" '"event":"state"' "$s")" ] || fail "no state change $s"
done
[ -n "$(events_with "$WORK/expiry.json" '"event":"send"' '"state":"Rebinding"' '"type":"REQUEST"' '"via":"Broadcast"')" ] ||
  fail "no broadcast REQUEST in REBINDING"
kill -0 "$CLIENT_PID" 2>/dev/null || fail "dhcp4c exited at expiry"
has_addr "$ip" 24 && fail "address $ip still on c0 after expiry"
[ "$(count_ipv4_addrs)" -eq 0 ] || fail "an address is left after expiry"
[ "$(count_dhcp_routes)" -eq 0 ] || fail "DHCP routes left after expiry"
wait_event "$WORK/expiry.json" 5 '"event":"send"' '"state":"Discovering"' '"type":"DISCOVER"' || true
log "lease $ip expired $((SECONDS - t_bound)) s after binding; address and routes removed"

kill -TERM "$CLIENT_PID"
wait_exit "$CLIENT_PID" 60
[ "$EXIT_RC" -eq 0 ] || fail "dhcp4c exited $EXIT_RC after SIGTERM"
