#!/usr/bin/env bash
# dnsmasq_hostile.sh DHCP4C: a real server configured as an attacker, against
# dhcp4c with its default (hardened) policy; the kernel's state is read back
# after binding and after SIGTERM. Three servers in turn:
#   A. option 28 = 203.0.113.9 (off the subnet: as the address's broadcast it
#      would be a local-table "broadcast" route beating every route to it),
#      option 121 with TunnelVision's 0.0.0.0/1 + 128.0.0.0/1, a route equal
#      to another interface's connected route (203.0.113.0/24 on d0, in the
#      client's namespace), a harmless route and the default route;
#   B. option 1 = 128.0.0.0 (the connected prefix 128.0.0.0/1);
#   C. the address configured by hand on c0 (permanent 192.0.2.77/24) offered
#      to the client (dhcp-host).
# Nothing the client did not create may change, before or after SIGTERM.
source "$(dirname "$0")/lib.sh"

require_root_netns
require_cmd dnsmasq
setup_netns

every_route() { ip -n "$NS_C" -4 route show table all | sed "s/ *$//"; }
d0_route="203.0.113.0/24 dev d0 proto kernel scope link src 203.0.113.7"

# run_hostile NAME: dhcp4c binds (daemon), then SIGTERM; leaves the events in
# $WORK/NAME.json, the lease event in LEASE_EV.
run_hostile() {
  local name=$1
  start_dhcp4c "$name" --timeout 30
  wait_event "$WORK/$name.json" 40 '"event":"lease"' '"change":"Acquired"' || fail "$name: no lease"
  LEASE_EV=$(events_with "$WORK/$name.json" '"event":"lease"' '"change":"Acquired"' | head -n 1)
}
stop_client() {
  local name=$1
  kill -TERM "$CLIENT_PID"
  wait_exit "$CLIENT_PID" 60
  [ "$EXIT_RC" -eq 0 ] || fail "$name: dhcp4c exited $EXIT_RC after SIGTERM"
  [ "$(count_dhcp_routes)" -eq 0 ] || fail "$name: DHCP routes left: $(ip -n "$NS_C" route show dev c0)"
}

# A second interface in the client's namespace with its own subnet.
ip -n "$NS_C" link add d0 type veth peer name d1
ip -n "$NS_C" link set d0 up
ip -n "$NS_C" link set d1 up
ip -n "$NS_C" addr add 203.0.113.7/24 dev d0
grep -qxF "$d0_route" <<<"$(every_route)" || fail "setup: no route '$d0_route': $(every_route)"

# ---- A: broadcast, TunnelVision, another interface's route ------------------
dnsmasq_conf "$WORK/a.conf" \
  --route121 "0.0.0.0/1,$SERVER_IP,128.0.0.0/1,$SERVER_IP,203.0.113.0/24,$SERVER_IP,$ROUTE121,$SERVER_IP,0.0.0.0/0,$SERVER_IP" \
  --extra "dhcp-option-force=28,203.0.113.9"
start_dnsmasq "$WORK/a.conf" "$WORK/a-dnsmasq.log"
DNSMASQ_A=$SERVER_PID
before=$(every_route)
run_hostile a
ip=$(json_field "$LEASE_EV" ip)
check_bound_state "$ip" yes
contains "$(grep -F "\"local\":\"$ip\"" <<<"$(addr_objects)")" '"broadcast":"192.0.2.255"' ||
  fail "A: broadcast is not the subnet's: $(ip -n "$NS_C" addr show dev c0)"
if every_route | grep -F "203.0.113.9" >/dev/null; then fail "A: option 28 reached the routing tables: $(every_route)"; fi
for short in 0.0.0.0/1 128.0.0.0/1; do
  if has_route "\"dst\":\"$short\""; then fail "A: TunnelVision route $short installed"; fi
done
grep -qxF "$d0_route" <<<"$(every_route)" || fail "A: d0's route changed: $(every_route)"
for r in '"reason":"BroadcastIgnored","what":"203.0.113.9/32"' \
  '"reason":"RouteDropped","what":"0.0.0.0/1","router":"192.0.2.1","detail":"ShortPrefix"' \
  '"reason":"RouteDropped","what":"128.0.0.0/1","router":"192.0.2.1","detail":"ShortPrefix"' \
  '"reason":"RouteConflict","what":"203.0.113.0/24","router":"192.0.2.1"'; do
  contains "$LEASE_EV" "$r" || fail "A: refusal $r not reported: $LEASE_EV"
done
[ "$(json_field "$LEASE_EV" host_address)" = "$ip/24" ] || fail "A: host_address: $LEASE_EV"
stop_client a
[ "$(every_route)" = "$before" ] || fail "A: routes differ after SIGTERM:
before: $before
after:  $(every_route)"
kill "$DNSMASQ_A"
wait "$DNSMASQ_A" 2>/dev/null || true
log "A: option 28, TunnelVision and d0's route refused; state restored"

# ---- B: the mask ------------------------------------------------------------
dnsmasq_conf "$WORK/b.conf" --extra "dhcp-option-force=1,128.0.0.0"
start_dnsmasq "$WORK/b.conf" "$WORK/b-dnsmasq.log"
DNSMASQ_B=$SERVER_PID
run_hostile b
ip=$(json_field "$LEASE_EV" ip)
[ "$(json_field "$LEASE_EV" prefix_len)" = 1 ] || fail "B: the server did not send mask 128.0.0.0: $LEASE_EV"
has_addr "$ip" 32 || fail "B: address not installed as /32: $(ip -n "$NS_C" addr show dev c0)"
if every_route | grep -F "128.0.0.0/1" >/dev/null; then fail "B: 128.0.0.0/1 routed: $(every_route)"; fi
contains "$LEASE_EV" '"reason":"ConnectedPrefix","what":"128.0.0.0/1","router":"0.0.0.0","detail":"ShortPrefix"' ||
  fail "B: ConnectedPrefix not reported: $LEASE_EV"
stop_client b
[ "$(count_ipv4_addrs)" -eq 0 ] || fail "B: address left: $(ip -n "$NS_C" -br addr show dev c0)"
kill "$DNSMASQ_B"
wait "$DNSMASQ_B" 2>/dev/null || true
log "B: mask 128.0.0.0: address $ip/32, no 128.0.0.0/1 route"

# ---- C: the hand-configured address -----------------------------------------
ip -n "$NS_C" addr add 192.0.2.77/24 dev c0
hand=$(ip -n "$NS_C" -o -4 addr show dev c0)
dnsmasq_conf "$WORK/c.conf" --extra "dhcp-host=$CLIENT_MAC,192.0.2.77"
start_dnsmasq "$WORK/c.conf" "$WORK/c-dnsmasq.log"
run_hostile c
[ "$(json_field "$LEASE_EV" ip)" = 192.0.2.77 ] || fail "C: the server did not offer 192.0.2.77: $LEASE_EV"
contains "$LEASE_EV" '"reason":"AddressInUse","what":"192.0.2.77/24"' || fail "C: AddressInUse not reported: $LEASE_EV"
[ "$(ip -n "$NS_C" -o -4 addr show dev c0)" = "$hand" ] || fail "C: the hand-configured address changed:
before: $hand
after:  $(ip -n "$NS_C" -o -4 addr show dev c0)"
stop_client c
[ "$(ip -n "$NS_C" -o -4 addr show dev c0)" = "$hand" ] || fail "C: the hand-configured address changed on stop:
before: $hand
after:  $(ip -n "$NS_C" -o -4 addr show dev c0)"
log "C: the hand-configured 192.0.2.77/24 neither taken over nor deleted"
