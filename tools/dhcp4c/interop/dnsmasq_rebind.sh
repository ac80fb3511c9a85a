#!/usr/bin/env bash
# dnsmasq_rebind.sh DHCP4C: rebinding when unicast renewals go unanswered.
# dhcp4c binds from dnsmasq (lease 120 s, T1 3 s, T2 7 s); then the client
# namespace gets a permanent neighbour entry sending 192.0.2.1 to a MAC that
# nobody has (00:00:5e:00:53:99), so the unicast REQUESTs reach no one. At T2
# the client rebinds over broadcast, dnsmasq answers, and the lease is
# renewed with the same address.
source "$(dirname "$0")/lib.sh"

require_root_netns
require_cmd dnsmasq
setup_netns

dnsmasq_conf "$WORK/dnsmasq.conf" --lease 120 --t1 3 --t2 7
start_dnsmasq "$WORK/dnsmasq.conf"

t0=$SECONDS
start_dhcp4c rebind --timeout 30
wait_event "$WORK/rebind.json" 40 '"event":"lease"' '"change":"Acquired"' || fail "no lease"
check_lease_event "$WORK/rebind.json" no
ip=$LEASE_IP
ip -n "$NS_C" neigh replace "$SERVER_IP" lladdr 00:00:5e:00:53:99 dev c0 nud permanent

wait_event "$WORK/rebind.json" 20 '"event":"lease"' '"change":"Renewed"' || fail "no renewal by rebinding"
[ -n "$(events_with "$WORK/rebind.json" '"event":"send"' '"state":"Renewing"' '"type":"REQUEST"' '"via":"Unicast"')" ] ||
  fail "no unicast REQUEST in RENEWING"
[ -z "$(events_with "$WORK/rebind.json" '"event":"receive"' '"state":"Renewing"' '"used":true')" ] ||
  fail "a renewal was answered although unicast to the server is blackholed"
[ -n "$(events_with "$WORK/rebind.json" '"event":"state"' '"from":"Renewing"' '"to":"Rebinding"')" ] || fail "no RENEWING -> REBINDING"
[ -n "$(events_with "$WORK/rebind.json" '"event":"send"' '"state":"Rebinding"' '"type":"REQUEST"' '"via":"Broadcast"')" ] ||
  fail "no broadcast REQUEST in REBINDING"
[ -n "$(events_with "$WORK/rebind.json" '"event":"receive"' '"state":"Rebinding"' '"type":"ACK"' '"used":true')" ] ||
  fail "no ACK used in REBINDING"
[ -n "$(events_with "$WORK/rebind.json" '"event":"state"' '"from":"Rebinding"' '"to":"Bound"')" ] || fail "no REBINDING -> BOUND"
[ -z "$(events_with "$WORK/rebind.json" '"event":"lease"' '"change":"Lost"')" ] || fail "the lease was lost"
renewed=$(events_with "$WORK/rebind.json" '"event":"lease"' '"change":"Renewed"' | head -n 1)
[ "$(json_field "$renewed" ip)" = "$ip" ] || fail "rebinding changed the address: $renewed"
has_addr "$ip" 24 || fail "address $ip not on c0 after rebinding"
log "rebound $ip after $((SECONDS - t0)) s"

kill -TERM "$CLIENT_PID"
wait_exit "$CLIENT_PID" 60
[ "$EXIT_RC" -eq 0 ] || fail "dhcp4c exited $EXIT_RC after SIGTERM"
[ "$(count_ipv4_addrs)" -eq 0 ] || fail "address left after SIGTERM"
[ "$(count_dhcp_routes)" -eq 0 ] || fail "DHCP routes left after SIGTERM"
