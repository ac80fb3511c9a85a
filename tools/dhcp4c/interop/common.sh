# common.sh: what the dhcp4c interop tests (through lib.sh) and
# pcaps/record.sh share (sourced, not run): the addresses, the two network
# namespaces joined by a veth pair, processes started under `timeout` and
# stopped by their PID, and the configuration and start of each DHCP server.
#
# The caller sets NS_S and NS_C (the namespace names) before netns_up, and
# may set SERVER_TIMEOUT (seconds a server may run; default 120). log and fail
# name the calling script (LOG_NAME, default: its name without .sh).

PATH=$PATH:/usr/sbin:/sbin

# Addresses (TEST-NET-1 and TEST-NET-2 only) and MACs (documentation range).
SERVER_IP=192.0.2.1
POOL_START=192.0.2.50
POOL_END=192.0.2.99
DNS1=192.0.2.53
DNS2=192.0.2.54
DOMAIN=example.org   # option 15 of the standard runs
SERVER_MAC=00:00:5e:00:53:01
CLIENT_MAC=00:00:5e:00:53:02

LOG_NAME=${LOG_NAME:-$(basename "$0" .sh)}
WORK=""
PIDS=()

log() { printf '%s: %s\n' "$LOG_NAME" "$*" >&2; }

fail() {
  log "FAIL: $*"
  exit 1
}

# ---- processes -------------------------------------------------------------

# stop_pid PID: SIGTERM, up to 5 s, then SIGKILL; never by name.
stop_pid() {
  local pid=$1 i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# stop_all: every process in PIDS stopped by its PID, both namespaces deleted.
stop_all() {
  local p
  for p in "${PIDS[@]}"; do stop_pid "$p"; done
  PIDS=()
  [ -n "$NS_C" ] && ip netns del "$NS_C" 2>/dev/null
  [ -n "$NS_S" ] && ip netns del "$NS_S" 2>/dev/null
  return 0
}

# dump_logs LINES EXT...: the last LINES lines of every $WORK/*.EXT, on stderr.
dump_logs() {
  local lines=$1 ext f
  shift
  [ -n "$WORK" ] && [ -d "$WORK" ] || return 0
  for ext in "$@"; do
    for f in "$WORK"/*."$ext"; do
      [ -f "$f" ] || continue
      echo "---- $(basename "$f") ----" >&2
      tail -n "$lines" "$f" >&2
    done
  done
}

# ---- namespaces --------------------------------------------------------------

# netns_up: a temp dir WORK; the namespaces NS_S and NS_C with the veth pair
# created inside them (s0 = SERVER_MAC with SERVER_IP/24, c0 = CLIENT_MAC),
# IPv6 off, lo and both ends up.
netns_up() {
  WORK=$(mktemp -d)
  chmod 755 "$WORK"  # dnsmasq drops to nobody
  ip netns add "$NS_S"
  ip netns add "$NS_C"
  local ns i
  for ns in "$NS_S" "$NS_C"; do
    # /proc/sys/net is the namespace's own (no procps needed for sysctl).
    ip netns exec "$ns" sh -c 'echo 1 >/proc/sys/net/ipv6/conf/all/disable_ipv6 &&
      echo 1 >/proc/sys/net/ipv6/conf/default/disable_ipv6'
    ip -n "$ns" link set lo up
  done
  ip link add s0 netns "$NS_S" address "$SERVER_MAC" type veth peer name c0 netns "$NS_C" address "$CLIENT_MAC"
  ip -n "$NS_S" addr add "$SERVER_IP/24" dev s0
  ip -n "$NS_S" link set s0 up
  ip -n "$NS_C" link set c0 up
  for i in $(seq 50); do
    if ip -n "$NS_S" link show s0 | grep 'state UP' >/dev/null && ip -n "$NS_C" link show c0 | grep 'state UP' >/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  fail "veth ends did not come up"
}

# start_server LOG CMD...: CMD in the server namespace in the background under
# `timeout`, its PID in SERVER_PID (and PIDS); fails when it exits at once.
start_server() {
  local logf=$1
  shift
  ip netns exec "$NS_S" timeout "${SERVER_TIMEOUT:-120}" "$@" >"$logf" 2>&1 &
  SERVER_PID=$!
  PIDS+=("$SERVER_PID")
  sleep 0.5
  kill -0 "$SERVER_PID" 2>/dev/null || fail "server exited at once: $(tail -n 20 "$logf")"
}

# ---- servers -----------------------------------------------------------------
#
# Every server serves 192.0.2.0/24 on s0 with router SERVER_IP. Options (each
# function names those it takes; any other fails):
#   --range START END  the pool (default POOL_START - POOL_END)
#   --lease TIME       lease time (default 10m for dnsmasq, else 600 s)
#   --t1 S, --t2 S     renewal and rebinding times (dnsmasq: options 58/59
#                      sent as given; Kea: default 300 and 500)
#   --dns "IP..."      DNS servers (default DNS1 DNS2)
#   --domain NAME      domain name (option 15)
#   --route121 VALUE   option 121: dnsmasq's classless-static-route list, or
#                      the raw hex bytes for Kea (always sent)
#   --rapid-commit     dnsmasq: dhcp-rapid-commit (RFC 4039)
#   --authoritative    dnsmasq: dhcp-authoritative; dhcpd: authoritative
#   --extra TEXT       dnsmasq: lines appended to the config; dhcpd: lines
#                      inside the subnet; Kea: one more option-data entry

# server_opts WHO ALLOWED OPTION...: sets the caller's locals (declared with
# `local $SERVER_OPTS`) from OPTION...
SERVER_OPTS="o_start o_end o_lease o_t1 o_t2 o_dns o_domain o_route121 o_rapid o_auth o_extra"
server_opts() {
  local who=$1 allowed=" $2 "
  shift 2
  o_start=$POOL_START o_end=$POOL_END o_lease="" o_t1="" o_t2="" o_dns="$DNS1 $DNS2"
  o_domain="" o_route121="" o_rapid="" o_auth="" o_extra=""
  while [ $# -gt 0 ]; do
    [[ "$allowed" == *" ${1#--} "* ]] || fail "$who: option '$1' not supported"
    case "$1" in
      --range) o_start=$2 o_end=$3; shift 3 ;;
      --lease) o_lease=$2; shift 2 ;;
      --t1) o_t1=$2; shift 2 ;;
      --t2) o_t2=$2; shift 2 ;;
      --dns) o_dns=$2; shift 2 ;;
      --domain) o_domain=$2; shift 2 ;;
      --route121) o_route121=$2; shift 2 ;;
      --rapid-commit) o_rapid=1; shift ;;
      --authoritative) o_auth=1; shift ;;
      --extra) o_extra=$2; shift 2 ;;
    esac
  done
}

# join SEP WORD...: the words joined by SEP.
join() {
  local sep=$1 out=$2
  shift 2
  local w
  for w in "$@"; do out+="$sep$w"; done
  printf '%s' "$out"
}

# dnsmasq_conf FILE OPTION...: a DHCP-only dnsmasq config (port=0), leases in
# FILE.leases. Takes all the options but the Kea ones.
dnsmasq_conf() {
  local file=$1
  shift
  # shellcheck disable=SC2086 # the names are words
  local $SERVER_OPTS
  server_opts dnsmasq_conf "range lease t1 t2 dns domain route121 rapid-commit authoritative extra" "$@"
  {
    echo "port=0"
    echo "interface=s0"
    echo "bind-interfaces"
    echo "dhcp-range=$o_start,$o_end,255.255.255.0,${o_lease:-10m}"
    echo "dhcp-option=option:router,$SERVER_IP"
    # shellcheck disable=SC2086 # o_dns is a list of words
    echo "dhcp-option=option:dns-server,$(join , $o_dns)"
    [ -z "$o_domain" ] || echo "dhcp-option=option:domain-name,$o_domain"
    echo "dhcp-leasefile=$file.leases"
    echo "pid-file="
    echo "log-dhcp"
    [ -z "$o_route121" ] || echo "dhcp-option=option:classless-static-route,$o_route121"
    [ -z "$o_t1" ] || echo "dhcp-option=58,$o_t1"
    [ -z "$o_t2" ] || echo "dhcp-option=59,$o_t2"
    [ -z "$o_rapid" ] || echo "dhcp-rapid-commit"
    [ -z "$o_auth" ] || echo "dhcp-authoritative"
    [ -z "$o_extra" ] || printf '%s\n' "$o_extra"
  } >"$file"
}

# start_dnsmasq CONF [LOG]: dnsmasq with CONF (log: $WORK/dnsmasq.log).
start_dnsmasq() {
  start_server "${2:-$WORK/dnsmasq.log}" dnsmasq --no-daemon -C "$1"
}

# start_kea OPTION...: kea-dhcp4 (memfile leases in WORK) with the config
# $WORK/kea.json, checked by kea-dhcp4 -t first; log $WORK/kea.log.
start_kea() {
  # shellcheck disable=SC2086 # the names are words
  local $SERVER_OPTS
  server_opts start_kea "range lease t1 t2 dns domain route121 extra" "$@"
  # shellcheck disable=SC2086 # o_dns is a list of words
  local data=("{ \"name\": \"routers\", \"data\": \"$SERVER_IP\" }"
    "{ \"name\": \"domain-name-servers\", \"data\": \"$(join ', ' $o_dns)\" }")
  [ -z "$o_domain" ] || data+=("{ \"name\": \"domain-name\", \"data\": \"$o_domain\" }")
  [ -z "$o_route121" ] || data+=("{ \"code\": 121, \"csv-format\": false, \"always-send\": true, \"data\": \"$o_route121\" }")
  [ -z "$o_extra" ] || data+=("$o_extra")
  local entries
  entries=$(join $',\n          ' "${data[@]}")
  cat >"$WORK/kea.json" <<CONF
{
  "Dhcp4": {
    "interfaces-config": { "interfaces": [ "s0" ], "dhcp-socket-type": "raw" },
    "lease-database": { "type": "memfile", "persist": true, "name": "$WORK/kea-leases4.csv", "lfc-interval": 0 },
    "valid-lifetime": ${o_lease:-600},
    "renew-timer": ${o_t1:-300},
    "rebind-timer": ${o_t2:-500},
    "subnet4": [
      {
        "id": 1,
        "subnet": "192.0.2.0/24",
        "pools": [ { "pool": "$o_start - $o_end" } ],
        "option-data": [
          $entries
        ]
      }
    ],
    "loggers": [ { "name": "kea-dhcp4", "output_options": [ { "output": "stdout" } ], "severity": "INFO" } ]
  }
}
CONF
  mkdir -p "$WORK/kea-run"
  export KEA_PIDFILE_DIR="$WORK/kea-run" KEA_LOCKFILE_DIR="$WORK/kea-run"
  ip netns exec "$NS_S" timeout 20 kea-dhcp4 -t "$WORK/kea.json" >"$WORK/kea-check.log" 2>&1 ||
    fail "kea-dhcp4 -t rejected the config: $(tail -n 5 "$WORK/kea-check.log")"
  start_server "$WORK/kea.log" kea-dhcp4 -c "$WORK/kea.json"
}

# start_dhcpd OPTION...: ISC dhcpd (no ping check) with $WORK/dhcpd.conf,
# leases in $WORK/dhcpd.leases; log $WORK/dhcpd.log.
start_dhcpd() {
  # shellcheck disable=SC2086 # the names are words
  local $SERVER_OPTS
  server_opts start_dhcpd "range lease dns domain authoritative extra" "$@"
  {
    echo "default-lease-time ${o_lease:-600};"
    echo "max-lease-time ${o_lease:-600};"
    [ -z "$o_auth" ] || echo "authoritative;"
    echo "ping-check false;"
    echo "subnet 192.0.2.0 netmask 255.255.255.0 {"
    echo "  range $o_start $o_end;"
    echo "  option subnet-mask 255.255.255.0;"
    echo "  option routers $SERVER_IP;"
    # shellcheck disable=SC2086 # o_dns is a list of words
    echo "  option domain-name-servers $(join ', ' $o_dns);"
    [ -z "$o_domain" ] || echo "  option domain-name \"$o_domain\";"
    [ -z "$o_extra" ] || printf '%s\n' "$o_extra"
    echo "}"
  } >"$WORK/dhcpd.conf"
  touch "$WORK/dhcpd.leases"
  start_server "$WORK/dhcpd.log" dhcpd -4 -f -cf "$WORK/dhcpd.conf" -lf "$WORK/dhcpd.leases" -pf "$WORK/dhcpd.pid" s0
}

# start_udhcpd OPTION...: busybox udhcpd with $WORK/udhcpd.conf, leases in
# $WORK/udhcpd.leases; log $WORK/udhcpd.log.
start_udhcpd() {
  # shellcheck disable=SC2086 # the names are words
  local $SERVER_OPTS
  server_opts start_udhcpd "range lease dns domain" "$@"
  {
    echo "start $o_start"
    echo "end $o_end"
    echo "interface s0"
    echo "lease_file $WORK/udhcpd.leases"
    echo "pidfile $WORK/udhcpd.pid"
    echo "opt subnet 255.255.255.0"
    echo "opt router $SERVER_IP"
    echo "opt dns $o_dns"
    [ -z "$o_domain" ] || echo "opt domain $o_domain"
    echo "opt lease ${o_lease:-600}"
  } >"$WORK/udhcpd.conf"
  touch "$WORK/udhcpd.leases"
  start_server "$WORK/udhcpd.log" udhcpd -f "$WORK/udhcpd.conf"
}
