#!/usr/bin/env bash
# dnsmasq_rapid_commit.sh DHCP4C: rapid commit (RFC 4039) with dnsmasq's
# dhcp-rapid-commit: the DISCOVER (which always carries option 80) is answered
# by an ACK, and the client binds from DISCOVERING without a REQUEST.
source "$(dirname "$0")/lib.sh"

require_root_netns
require_cmd dnsmasq
setup_netns

dnsmasq_conf "$WORK/dnsmasq.conf" --rapid-commit
start_dnsmasq "$WORK/dnsmasq.conf"

t0=$SECONDS
start_dhcp4c rc --once --timeout 30
wait_exit "$CLIENT_PID" 40
[ "$EXIT_RC" -eq 0 ] || fail "dhcp4c --once exited $EXIT_RC"
check_lease_event "$WORK/rc.json" no
[ -n "$(events_with "$WORK/rc.json" '"event":"receive"' '"state":"Discovering"' '"type":"ACK"' '"used":true')" ] ||
  fail "no ACK used in DISCOVERING"
[ -n "$(events_with "$WORK/rc.json" '"event":"state"' '"from":"Discovering"' '"to":"Bound"')" ] || fail "no DISCOVERING -> BOUND"
[ -z "$(events_with "$WORK/rc.json" '"event":"send"' '"type":"REQUEST"')" ] || fail "a REQUEST was sent despite rapid commit"
[ -z "$(events_with "$WORK/rc.json" '"event":"state"' '"to":"Requesting"')" ] || fail "went through REQUESTING"
grep -q "DHCPACK(s0) $LEASE_IP" "$WORK/dnsmasq.log" || fail "dnsmasq did not log a rapid-commit ACK"
check_bound_state "$LEASE_IP" no
log "rapid commit: bound $LEASE_IP in $((SECONDS - t0)) s"
