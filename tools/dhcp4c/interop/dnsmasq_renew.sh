#!/usr/bin/env bash
# dnsmasq_renew.sh DHCP4C: renewal against dnsmasq with a short T1. dnsmasq's
# shortest lease is 120 s, so T1 = 4 s and T2 = 100 s are sent explicitly
# (options 58/59). Asserts a unicast REQUEST in RENEWING answered by an ACK
# (lease renewed, same address, still applied), then SIGTERM with
# --release-on-stop: a DHCPRELEASE reaches dnsmasq and the lease is gone
# from the client namespace.
source "$(dirname "$0")/lib.sh"

require_root_netns
require_cmd dnsmasq
setup_netns

dnsmasq_conf "$WORK/dnsmasq.conf" --lease 120 --t1 4 --t2 100
start_dnsmasq "$WORK/dnsmasq.conf"

t0=$SECONDS
start_dhcp4c renew --timeout 30 --release-on-stop
wait_event "$WORK/renew.json" 40 '"event":"lease"' '"change":"Acquired"' || fail "no lease"
check_lease_event "$WORK/renew.json" no
ip=$LEASE_IP
ev=$(events_with "$WORK/renew.json" '"event":"lease"' '"change":"Acquired"' | head -n 1)
[ "$(json_field "$ev" lease_s)" = 120 ] || fail "lease time not 120 s: $ev"
renew_ms=$(json_field "$ev" renew_in_ms)
[ "$renew_ms" -gt 2000 ] && [ "$renew_ms" -le 4000 ] || fail "renew_in_ms $renew_ms not in (2000, 4000] for T1 = 4 s"
t_bound=$SECONDS

wait_event "$WORK/renew.json" 20 '"event":"lease"' '"change":"Renewed"' || fail "no renewal within 20 s of binding"
[ -n "$(events_with "$WORK/renew.json" '"event":"state"' '"from":"Bound"' '"to":"Renewing"')" ] || fail "no BOUND -> RENEWING"
[ -n "$(events_with "$WORK/renew.json" '"event":"send"' '"state":"Renewing"' '"type":"REQUEST"' '"via":"Unicast"' '"ok":true')" ] ||
  fail "no unicast REQUEST sent in RENEWING"
[ -n "$(events_with "$WORK/renew.json" '"event":"receive"' '"state":"Renewing"' '"type":"ACK"' '"via":"Unicast"' '"used":true')" ] ||
  fail "no ACK received over unicast in RENEWING"
[ -n "$(events_with "$WORK/renew.json" '"event":"state"' '"from":"Renewing"' '"to":"Bound"')" ] || fail "no RENEWING -> BOUND"
[ -z "$(events_with "$WORK/renew.json" '"event":"state"' '"to":"Rebinding"')" ] || fail "rebinding although the server answered"
renewed=$(events_with "$WORK/renew.json" '"event":"lease"' '"change":"Renewed"' | head -n 1)
[ "$(json_field "$renewed" ip)" = "$ip" ] || fail "renewed a different address: $renewed"
grep -q "DHCPREQUEST(s0) $ip" "$WORK/dnsmasq.log" || fail "dnsmasq did not log the renewal REQUEST"
check_bound_state "$ip" no
log "renewed $ip $((SECONDS - t_bound)) s after binding"

kill -TERM "$CLIENT_PID"
wait_exit "$CLIENT_PID" 60
[ "$EXIT_RC" -eq 0 ] || fail "dhcp4c exited $EXIT_RC after SIGTERM"
[ -n "$(events_with "$WORK/renew.json" '"event":"send"' '"type":"RELEASE"' '"via":"Unicast"' '"ok":true')" ] || fail "no RELEASE sent"
for i in $(seq 30); do
  grep -q "DHCPRELEASE(s0) $ip" "$WORK/dnsmasq.log" && break
  sleep 0.1
done
grep -q "DHCPRELEASE(s0) $ip" "$WORK/dnsmasq.log" || fail "dnsmasq did not receive the RELEASE"
[ "$(count_ipv4_addrs)" -eq 0 ] || fail "address left after SIGTERM"
[ "$(count_dhcp_routes)" -eq 0 ] || fail "DHCP routes left after SIGTERM"
log "release and cleanup ok; total $((SECONDS - t0)) s"
