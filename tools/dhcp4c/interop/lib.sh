# lib.sh: shared helpers of the dhcp4c interop tests (sourced, not run).
#
# Each test creates two network namespaces joined by a veth pair (server end
# s0 = 00:00:5e:00:53:01 with 192.0.2.1/24, client end c0 =
# 00:00:5e:00:53:02, IPv6 off), starts one real DHCP server in the server
# namespace under `timeout`, runs dhcp4c in the client namespace and checks
# what it reports and what the kernel holds. Every process is stopped by its
# PID and both namespaces are deleted by the EXIT trap, on failure too.
#
# Exit status: 0 pass, 1 fail, 77 skip (ctest SKIP_RETURN_CODE). Outside CI a
# missing prerequisite (root, netns, a server binary) skips with a message
# naming it; with CI=true it fails instead.

set -euo pipefail

DHCP4C=${1:?usage: $0 PATH/TO/dhcp4c}
TEST_NAME=$(basename "$0" .sh)
LOG_NAME=$TEST_NAME

# Addresses, namespaces, processes and the servers' configs: common.sh,
# shared with pcaps/record.sh.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ROUTE121=198.51.100.0/24

NS_S="dhcpcore-${TEST_NAME}-s-$$"
NS_C="dhcpcore-${TEST_NAME}-c-$$"

skip() {
  if [ "${CI:-}" = "true" ]; then
    log "FAIL: $* (CI=true: interop tests never skip)"
    exit 1
  fi
  echo "SKIP: $TEST_NAME: $*"
  exit 77
}

# require_cmd NAME...: each must be on PATH (sbin included).
require_cmd() {
  local c
  for c in "$@"; do
    command -v "$c" >/dev/null 2>&1 || skip "missing command '$c'"
  done
}

require_root_netns() {
  [ "$(id -u)" -eq 0 ] || skip "needs root (network namespaces, raw sockets)"
  require_cmd ip timeout
  local probe="dhcpcore-probe-$$"
  ip netns add "$probe" 2>/dev/null || skip "cannot create a network namespace (ip netns add)"
  ip netns del "$probe"
}

cleanup() {
  local rc=$?
  set +e
  stop_all
  if { [ "$rc" -ne 0 ] && [ "$rc" -ne 77 ]; } || [ -n "${INTEROP_VERBOSE:-}" ]; then dump_logs 60 log json; fi
  [ -n "$WORK" ] && rm -rf "$WORK"
  exit "$rc"
}

# setup_netns: the EXIT trap, then both namespaces and the veth pair
# (netns_up).
setup_netns() {
  trap cleanup EXIT
  trap 'exit 1' INT TERM
  netns_up
}

# ---- dhcp4c and its events ----------------------------------------------

# start_dhcp4c NAME ARGS...: dhcp4c in the client namespace in the
# background (events to $WORK/NAME.json, log to $WORK/NAME.log), with
# CLIENT_ARGS (a script's options for every run) before ARGS.
CLIENT_ARGS=()
start_dhcp4c() {
  local name=$1
  shift
  ip netns exec "$NS_C" timeout 100 "$DHCP4C" --json-events "${CLIENT_ARGS[@]}" "$@" c0 >"$WORK/$name.json" 2>"$WORK/$name.log" &
  CLIENT_PID=$!
  PIDS+=("$CLIENT_PID")
}

# events_with FILE FRAGMENT...: the event lines of FILE containing every
# fragment (fixed strings).
events_with() {
  local file=$1
  shift
  local out
  out=$(cat "$file")
  local f
  for f in "$@"; do
    out=$(printf '%s\n' "$out" | grep -F -- "$f" || true)
  done
  printf '%s' "$out"
}

# wait_event FILE SECONDS FRAGMENT...: until a line has every fragment.
wait_event() {
  local file=$1 secs=$2
  shift 2
  local end=$((SECONDS + secs))
  while [ "$SECONDS" -le "$end" ]; do
    [ -n "$(events_with "$file" "$@")" ] && return 0
    kill -0 "$CLIENT_PID" 2>/dev/null || break
    sleep 0.2
  done
  [ -n "$(events_with "$file" "$@")" ]
}

# wait_exit PID SECONDS: sets EXIT_RC to the exit status of PID (fails
# when it is still running after SECONDS).
wait_exit() {
  local pid=$1 secs=$2 i
  for i in $(seq $((secs * 10))); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  # Still there: say what it and its children are doing (dhcp4c runs under
  # `timeout`), for whoever reads the failure.
  kill -0 "$pid" 2>/dev/null &&
    fail "process $pid still running after $secs s: $(ps -o pid=,ppid=,stat=,wchan:32=,etime=,args= -p "$pid" --ppid "$pid" 2>&1)"
  EXIT_RC=0
  wait "$pid" || EXIT_RC=$?
}

# contains TEXT FRAGMENT: TEXT contains FRAGMENT (no pipe: `| grep -q`
# under pipefail can fail on SIGPIPE).
contains() { [[ "$1" == *"$2"* ]]; }

# json_field LINE KEY: the string or number value of "KEY" in one JSON line.
json_field() {
  printf '%s\n' "$1" | sed -n -E 's/.*"'"$2"'":"?([^",}]*)"?.*/\1/p' | head -n 1
}

# ---- kernel state (ip -j) ------------------------------------------------

# ip -j prints one JSON array; split it so that every object is on its own
# line (nested arrays of ip -j addr are split too, which keeps "local" and
# "prefixlen" of one address together).
objects() { sed -e 's/},{/}\n{/g'; }

addr_objects() { ip -n "$NS_C" -j addr show dev c0 | objects; }
route_objects() { ip -n "$NS_C" -j route show dev c0 | objects; }

# has_addr IP LEN / has_route FRAGMENT...
has_addr() { addr_objects | grep -F "\"local\":\"$1\"" | grep -F "\"prefixlen\":$2" >/dev/null; }
has_route() {
  local out
  out=$(route_objects)
  local f
  for f in "$@"; do out=$(printf '%s\n' "$out" | grep -F -- "$f" || true); done
  [ -n "$out" ]
}
count_ipv4_addrs() { addr_objects | grep -c '"local":' || true; }
count_dhcp_routes() { route_objects | grep -c '"protocol":"dhcp"' || true; }

# ---- the standard scenario -------------------------------------------------

# check_bound_state IP EXPECT121: address and routes in the client namespace.
check_bound_state() {
  local ip=$1 expect121=$2
  has_addr "$ip" 24 || fail "address $ip/24 not on c0: $(ip -n "$NS_C" -br addr show dev c0)"
  # The connected route is dhcp4c's own (the address has noprefixroute).
  contains "$(grep -F "\"local\":\"$ip\"" <<<"$(addr_objects)")" '"noprefixroute":true' ||
    fail "address $ip has no noprefixroute flag: $(ip -n "$NS_C" addr show dev c0)"
  has_route '"dst":"192.0.2.0/24"' '"protocol":"dhcp"' '"scope":"link"' "\"prefsrc\":\"$ip\"" ||
    fail "no connected route 192.0.2.0/24 proto dhcp: $(ip -n "$NS_C" route show dev c0)"
  has_route '"dst":"default"' "\"gateway\":\"$SERVER_IP\"" '"protocol":"dhcp"' ||
    fail "no default route via $SERVER_IP: $(ip -n "$NS_C" route show dev c0)"
  if [ "$expect121" = yes ]; then
    has_route "\"dst\":\"$ROUTE121\"" "\"gateway\":\"$SERVER_IP\"" '"protocol":"dhcp"' ||
      fail "no option 121 route $ROUTE121 via $SERVER_IP: $(ip -n "$NS_C" route show dev c0)"
  fi
}

# check_lease_event FILE EXPECT121: the acquired lease as dhcp4c reports it,
# its domain name EXPECT_DOMAIN ("" when unset: the server sends none); sets
# LEASE_IP.
check_lease_event() {
  local file=$1 expect121=$2
  local ev
  ev=$(events_with "$file" '"event":"lease"' '"change":"Acquired"' | head -n 1)
  [ -n "$ev" ] || fail "no acquired lease event"
  local ip
  ip=$(json_field "$ev" ip)
  case "$ip" in
    192.0.2.[5-9][0-9]) ;;
    *) fail "leased address '$ip' outside the pool $POOL_START-$POOL_END" ;;
  esac
  [ "$(json_field "$ev" prefix_len)" = 24 ] || fail "prefix length not 24: $ev"
  [ "$(json_field "$ev" server_id)" = "$SERVER_IP" ] || fail "server id not $SERVER_IP: $ev"
  [ "$(json_field "$ev" applied)" = true ] || fail "lease not applied: $ev"
  contains "$ev" "\"dns\":[\"$DNS1\",\"$DNS2\"]" || fail "DNS servers $DNS1, $DNS2 not reported: $ev"
  contains "$ev" "{\"dest\":\"0.0.0.0/0\",\"router\":\"$SERVER_IP\"}" || fail "default route not reported: $ev"
  contains "$ev" "\"domain_name\":\"${EXPECT_DOMAIN:-}\"" || fail "domain name '${EXPECT_DOMAIN:-}' not reported: $ev"
  if [ "$expect121" = yes ]; then
    contains "$ev" "{\"dest\":\"$ROUTE121\",\"router\":\"$SERVER_IP\"}" || fail "option 121 route not reported: $ev"
  fi
  LEASE_IP=$ip
}

# run_standard EXPECT121: (1) `dhcp4c --once` binds, exits 0 and leaves the
# lease applied; (2) dhcp4c as a daemon binds (taking over the address),
# and SIGTERM removes the address and the routes it added.
run_standard() {
  local expect121=$1 t0=$SECONDS

  start_dhcp4c once --once --timeout 30
  wait_exit "$CLIENT_PID" 40
  [ "$EXIT_RC" -eq 0 ] || fail "dhcp4c --once exited $EXIT_RC"
  check_lease_event "$WORK/once.json" "$expect121"
  local ip=$LEASE_IP
  [ -n "$(events_with "$WORK/once.json" '"event":"exit"' '"reason":"bound"' '"code":0')" ] || fail "no exit event 'bound'"
  check_bound_state "$ip" "$expect121"
  log "--once: bound $ip in $((SECONDS - t0)) s, lease left applied"

  start_dhcp4c daemon --timeout 30
  wait_event "$WORK/daemon.json" 40 '"event":"lease"' '"change":"Acquired"' || fail "daemon: no lease"
  check_lease_event "$WORK/daemon.json" "$expect121"
  local ip2=$LEASE_IP
  [ "$ip2" = "$ip" ] || fail "daemon got $ip2, --once got $ip (same client, same server)"
  check_bound_state "$ip2" "$expect121"
  [ "$(count_ipv4_addrs)" -eq 1 ] || fail "expected exactly one IPv4 address on c0: $(ip -n "$NS_C" -br addr show dev c0)"

  kill -TERM "$CLIENT_PID"
  wait_exit "$CLIENT_PID" 60
  [ "$EXIT_RC" -eq 0 ] || fail "dhcp4c exited $EXIT_RC after SIGTERM"
  [ -n "$(events_with "$WORK/daemon.json" '"event":"lease"' '"change":"Lost"')" ] || fail "no lost lease event on stop"
  [ -n "$(events_with "$WORK/daemon.json" '"event":"exit"' '"reason":"stopped"' '"code":0')" ] || fail "no exit event 'stopped'"
  [ "$(count_ipv4_addrs)" -eq 0 ] || fail "address left after SIGTERM: $(ip -n "$NS_C" -br addr show dev c0)"
  [ "$(count_dhcp_routes)" -eq 0 ] || fail "DHCP routes left after SIGTERM: $(ip -n "$NS_C" route show dev c0)"
  log "daemon: bound $ip2, SIGTERM removed address and routes; total $((SECONDS - t0)) s"
}
