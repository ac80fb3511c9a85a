#!/usr/bin/env bash
# dnsmasq_nak.sh DHCP4C: a NAK while renewing. dhcp4c binds from dnsmasq
# (T1 = 4 s); dnsmasq is then replaced by an authoritative one whose range
# no longer holds the address, so the unicast renewal REQUEST is NAKed:
# the lease is lost (address removed), the client discovers again and binds
# a new address from the new range.
source "$(dirname "$0")/lib.sh"

require_root_netns
require_cmd dnsmasq
setup_netns

dnsmasq_conf "$WORK/first.conf" --lease 120 --t1 4 --t2 100 --authoritative
dnsmasq_conf "$WORK/second.conf" --range 192.0.2.150 192.0.2.199 --lease 120 --t1 4 --t2 100 --authoritative
start_dnsmasq "$WORK/first.conf" "$WORK/dnsmasq-first.log"

t0=$SECONDS
start_dhcp4c nak --timeout 30
wait_event "$WORK/nak.json" 40 '"event":"lease"' '"change":"Acquired"' || fail "no first lease"
check_lease_event "$WORK/nak.json" no
first_ip=$LEASE_IP
stop_pid "$SERVER_PID"
start_dnsmasq "$WORK/second.conf" "$WORK/dnsmasq-second.log"

wait_event "$WORK/nak.json" 30 '"event":"receive"' '"type":"NAK"' '"used":true' || fail "no NAK used"
[ -n "$(events_with "$WORK/nak.json" '"event":"receive"' '"state":"Renewing"' '"type":"NAK"' '"used":true')" ] ||
  fail "the NAK did not arrive in RENEWING"
wait_event "$WORK/nak.json" 5 '"event":"lease"' '"change":"Lost"' || fail "no lost lease after the NAK"
[ -n "$(events_with "$WORK/nak.json" '"event":"state"' '"from":"Renewing"' '"to":"Discovering"')" ] ||
  fail "no RENEWING -> DISCOVERING"
wait_event "$WORK/nak.json" 30 '"event":"lease"' '"change":"Acquired"' '"ip":"192.0.2.1' || fail "no second lease"
second=$(events_with "$WORK/nak.json" '"event":"lease"' '"change":"Acquired"' '"ip":"192.0.2.1' | head -n 1)
second_ip=$(json_field "$second" ip)
case "$second_ip" in
  192.0.2.1[5-9][0-9]) ;;
  *) fail "second lease $second_ip not from the new range" ;;
esac
has_addr "$first_ip" 24 && fail "the NAKed address $first_ip is still on c0"
check_bound_state "$second_ip" no
[ "$(count_ipv4_addrs)" -eq 1 ] || fail "expected one address: $(ip -n "$NS_C" -br addr show dev c0)"
log "NAK in RENEWING: $first_ip lost, $second_ip bound after $((SECONDS - t0)) s"

kill -TERM "$CLIENT_PID"
wait_exit "$CLIENT_PID" 60
[ "$EXIT_RC" -eq 0 ] || fail "dhcp4c exited $EXIT_RC after SIGTERM"
[ "$(count_ipv4_addrs)" -eq 0 ] || fail "address left after SIGTERM"
