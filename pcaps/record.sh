#!/usr/bin/env bash
# record.sh [BUILD_DIR] [SCENARIO...]: records DHCP traffic between real DHCP
# servers and clients into pcaps/SCENARIO.pcap.
#
# Each scenario gets its own pair of network namespaces joined by a veth pair
# (server end s0 = 00:00:5e:00:53:01 with 192.0.2.1/24, client end c0 =
# 00:00:5e:00:53:02, IPv6 off), the approach of
# tools/dhcp4c/interop/lib.sh. tcpdump captures 'udp port 67 or udp port 68'
# on c0, the server runs in its namespace, the client in the other. Every
# process runs under `timeout`, is stopped by its PID, and the namespaces are
# deleted when the scenario ends and by the EXIT trap (on failure too).
# Addresses: TEST-NET-1/2/3 only; MACs: the documentation range only.
#
# BUILD_DIR holds tools/dhcp4c/dhcp4c (default: build/dev). With no SCENARIO,
# every scenario is recorded; `record.sh --list` lists them. Each recorded
# scenario prints its provenance line (for pcaps/README.md) on stdout.
# Needs root, ip, tcpdump, and the server and client binaries (ci/install-deps.sh).
#
# A new capture needs an expectation before ctest accepts it: check what the
# capture shows (tcpdump -r FILE -vvv -n), then write pcaps/SCENARIO.expect
# (README, "Pcap replay").
set -euo pipefail
PATH=$PATH:/usr/sbin:/sbin

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)

SCENARIOS=(
  dnsmasq-basic-dhcp4c dnsmasq-basic-udhcpc dnsmasq-routes-dhcp4c dnsmasq-renew-dhcp4c dnsmasq-nak-dhcp4c
  dnsmasq-rapid-commit-dhcp4c kea-basic-dhcp4c kea-routes-dhcp4c kea-basic-udhcpc dhcpd-basic-dhcp4c
  dhcpd-large-dhcp4c udhcpd-basic-dhcp4c udhcpd-basic-udhcpc dnsmasq-overload-dhcp4c
)

if [ "${1:-}" = "--list" ]; then
  printf '%s\n' "${SCENARIOS[@]}"
  exit 0
fi

BUILD=build/dev
if [ $# -gt 0 ] && [ -d "$1" ]; then
  BUILD=$1
  shift
fi
case "$BUILD" in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac
DHCP4C="$BUILD/tools/dhcp4c/dhcp4c"
OUT=${PCAP_OUT:-$HERE}
WANT=("$@")
[ ${#WANT[@]} -gt 0 ] || WANT=("${SCENARIOS[@]}")

SERVER_IP=192.0.2.1
POOL_START=192.0.2.50
POOL_END=192.0.2.99
DNS1=192.0.2.53
DNS2=192.0.2.54
DNS3=198.51.100.53
SERVER_MAC=00:00:5e:00:53:01
CLIENT_MAC=00:00:5e:00:53:02
DOMAIN=example.org

NS_S=""
NS_C=""
WORK=""
PIDS=()

log() { printf 'record: %s\n' "$*" >&2; }
die() {
  log "FAIL: $*"
  exit 1
}

[ "$(id -u)" -eq 0 ] || die "needs root (network namespaces)"
for c in ip timeout tcpdump; do command -v "$c" >/dev/null || die "missing command '$c'"; done

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

teardown() {
  local p f
  if [ -n "${RECORD_VERBOSE:-}" ] && [ -n "$WORK" ]; then
    for f in "$WORK"/*.log "$WORK"/*.json "$WORK"/*.events; do
      [ -f "$f" ] && { echo "---- $(basename "$f") ----"; tail -n 40 "$f"; } >&2
    done
  fi
  for p in "${PIDS[@]}"; do stop_pid "$p"; done
  PIDS=()
  [ -n "$NS_C" ] && ip netns del "$NS_C" 2>/dev/null
  [ -n "$NS_S" ] && ip netns del "$NS_S" 2>/dev/null
  NS_C=""
  NS_S=""
  [ -n "$WORK" ] && rm -rf "$WORK"
  WORK=""
  return 0
}
on_exit() {
  local rc=$?
  set +e
  teardown
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 1' INT TERM

setup() {  # setup NAME
  NS_S="dhcpcore-rec-s-$$"
  NS_C="dhcpcore-rec-c-$$"
  WORK=$(mktemp -d)
  chmod 755 "$WORK"  # dnsmasq drops to nobody
  ip netns add "$NS_S"
  ip netns add "$NS_C"
  local ns i
  for ns in "$NS_S" "$NS_C"; do
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
  die "veth ends did not come up"
}

# start_capture FILE: tcpdump on c0 until stop_capture.
start_capture() {
  CAP_FILE=$1
  ip netns exec "$NS_C" timeout 90 tcpdump -i c0 -w "$CAP_FILE.tmp" -U -s 0 -Z root -n --immediate-mode 'udp port 67 or udp port 68' \
    2>"$WORK/tcpdump.log" &
  CAP_PID=$!
  PIDS+=("$CAP_PID")
  local i
  for i in $(seq 50); do
    grep -q 'listening on' "$WORK/tcpdump.log" 2>/dev/null && return 0
    sleep 0.1
  done
  die "tcpdump did not start: $(cat "$WORK/tcpdump.log")"
}
# Without --immediate-mode, tcpdump takes packets from the kernel's ring in
# blocks, and a SIGTERM loses what has not been handed over yet ("4 packets
# received by filter", "0 packets captured"): check the counts.
stop_capture() {
  sleep 1
  stop_pid "$CAP_PID"
  [ -s "$CAP_FILE.tmp" ] || die "empty capture"
  local got seen
  got=$(sed -n 's/^\([0-9]*\) packets captured.*/\1/p' "$WORK/tcpdump.log")
  seen=$(sed -n 's/^\([0-9]*\) packets received by filter.*/\1/p' "$WORK/tcpdump.log")
  [ -n "$got" ] && [ "$got" = "$seen" ] || die "tcpdump captured $got of $seen packets"
  mv "$CAP_FILE.tmp" "$CAP_FILE"
}

start_server() {  # start_server LOG CMD...
  local logf=$1
  shift
  ip netns exec "$NS_S" timeout 90 "$@" >"$logf" 2>&1 &
  SERVER_PID=$!
  PIDS+=("$SERVER_PID")
  sleep 0.5
  kill -0 "$SERVER_PID" 2>/dev/null || die "server exited at once: $(tail -n 20 "$logf")"
}

# ---- servers ----------------------------------------------------------------

dnsmasq_conf() {  # dnsmasq_conf FILE RANGE_START RANGE_END LEASE EXTRA-LINES
  cat >"$1" <<CONF
port=0
interface=s0
bind-interfaces
dhcp-range=$2,$3,255.255.255.0,$4
dhcp-option=option:router,$SERVER_IP
dhcp-option=option:dns-server,$DNS1,$DNS2,$DNS3
dhcp-option=option:domain-name,$DOMAIN
dhcp-leasefile=$1.leases
pid-file=
log-dhcp
$5
CONF
}
start_dnsmasq() {  # start_dnsmasq CONF
  SERVER_VERSION=$(dnsmasq --version | sed -n 1p | awk '{print "dnsmasq " $3}')
  start_server "$WORK/dnsmasq.log" dnsmasq --no-daemon -C "$1"
}

start_kea() {  # start_kea EXTRA-OPTION-DATA
  cat >"$WORK/kea.json" <<CONF
{
  "Dhcp4": {
    "interfaces-config": { "interfaces": [ "s0" ], "dhcp-socket-type": "raw" },
    "lease-database": { "type": "memfile", "persist": true, "name": "$WORK/kea-leases4.csv", "lfc-interval": 0 },
    "valid-lifetime": 600,
    "renew-timer": 300,
    "rebind-timer": 500,
    "subnet4": [
      {
        "id": 1,
        "subnet": "192.0.2.0/24",
        "pools": [ { "pool": "$POOL_START - $POOL_END" } ],
        "option-data": [
          { "name": "routers", "data": "$SERVER_IP" },
          { "name": "domain-name-servers", "data": "$DNS1, $DNS2, $DNS3" },
          { "name": "domain-name", "data": "$DOMAIN" }$1
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
    die "kea-dhcp4 -t rejected the config: $(tail -n 5 "$WORK/kea-check.log")"
  SERVER_VERSION="kea-dhcp4 $(kea-dhcp4 -V | sed -n 1p)"
  start_server "$WORK/kea.log" kea-dhcp4 -c "$WORK/kea.json"
}

start_dhcpd() {  # start_dhcpd EXTRA-LINES
  cat >"$WORK/dhcpd.conf" <<CONF
default-lease-time 600;
max-lease-time 600;
authoritative;
ping-check false;
subnet 192.0.2.0 netmask 255.255.255.0 {
  range $POOL_START $POOL_END;
  option subnet-mask 255.255.255.0;
  option routers $SERVER_IP;
  option domain-name-servers $DNS1, $DNS2, $DNS3;
  option domain-name "$DOMAIN";
$1
}
CONF
  touch "$WORK/dhcpd.leases"
  SERVER_VERSION=$(dhcpd --version 2>&1 | sed -n 1p)
  start_server "$WORK/dhcpd.log" dhcpd -4 -f -cf "$WORK/dhcpd.conf" -lf "$WORK/dhcpd.leases" -pf "$WORK/dhcpd.pid" s0
}

start_udhcpd() {
  cat >"$WORK/udhcpd.conf" <<CONF
start $POOL_START
end $POOL_END
interface s0
lease_file $WORK/udhcpd.leases
pidfile $WORK/udhcpd.pid
opt subnet 255.255.255.0
opt router $SERVER_IP
opt dns $DNS1 $DNS2 $DNS3
opt domain $DOMAIN
opt lease 600
CONF
  touch "$WORK/udhcpd.leases"
  SERVER_VERSION="busybox udhcpd $(busybox 2>&1 | sed -n 1p | awk '{print $2}')"
  start_server "$WORK/udhcpd.log" udhcpd -f "$WORK/udhcpd.conf"
}

# ---- clients ----------------------------------------------------------------

# run_dhcp4c SECONDS ARGS...: dhcp4c in the client namespace; waits for it
# (it is bounded by --timeout and by `timeout`).
run_dhcp4c() {
  local secs=$1
  shift
  [ -x "$DHCP4C" ] || die "no dhcp4c at $DHCP4C (build it: cmake --build BUILD_DIR --target dhcp4c)"
  CLIENT_VERSION="dhcp4c (dhcpcore $(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown))"
  local rc=0
  ip netns exec "$NS_C" timeout "$secs" "$DHCP4C" --json-events "$@" c0 >"$WORK/dhcp4c.json" 2>"$WORK/dhcp4c.log" || rc=$?
  [ "$rc" -eq 0 ] || log "dhcp4c exited $rc: $(tail -n 3 "$WORK/dhcp4c.log")"
}
# start_dhcp4c ARGS...: dhcp4c in the background (CLIENT_PID).
start_dhcp4c() {
  [ -x "$DHCP4C" ] || die "no dhcp4c at $DHCP4C"
  CLIENT_VERSION="dhcp4c (dhcpcore $(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown))"
  ip netns exec "$NS_C" timeout 60 "$DHCP4C" --json-events "$@" c0 >"$WORK/dhcp4c.json" 2>"$WORK/dhcp4c.log" &
  CLIENT_PID=$!
  PIDS+=("$CLIENT_PID")
}
wait_in_file() {  # wait_in_file FILE SECONDS FIXED-STRING
  local end=$((SECONDS + $2))
  while [ "$SECONDS" -le "$end" ]; do
    grep -qF -- "$3" "$1" 2>/dev/null && return 0
    sleep 0.2
  done
  return 1
}

# run_udhcpc: busybox udhcpc once (-q), with a hook script that only logs:
# nothing on the host is touched.
run_udhcpc() {
  cat >"$WORK/udhcpc.sh" <<'HOOK'
#!/bin/sh
echo "event=$1 ip=$ip router=$router dns=$dns domain=$domain lease=$lease" >>"$UDHCPC_LOG"
HOOK
  chmod 755 "$WORK/udhcpc.sh"
  CLIENT_VERSION="busybox udhcpc $(busybox 2>&1 | sed -n 1p | awk '{print $2}')"
  local rc=0
  ip netns exec "$NS_C" env UDHCPC_LOG="$WORK/udhcpc.events" timeout 30 busybox udhcpc -f -q -n -i c0 \
    -s "$WORK/udhcpc.sh" -t 5 -T 2 -A 1 -O 121 -O 33 >"$WORK/udhcpc.log" 2>&1 || rc=$?
  [ "$rc" -eq 0 ] || log "udhcpc exited $rc: $(tail -n 3 "$WORK/udhcpc.log")"
}

# ---- scenarios --------------------------------------------------------------

# Option 121 of the routes scenarios: a host route to the off-link gateway
# 198.51.100.1 (on-link, router 0.0.0.0), the default route via it, and
# 203.0.113.0/24 via the server. Option 33: 203.0.113.9 via 192.0.2.1 (RFC
# 3442: ignored when 121 is present).
R121_HEX="20C633640100000000""00C6336401""18CB0071C0000201"

scenario() {
  local name=$1
  local pcap="$OUT/$name.pcap"
  SCEN_CONFIG=""
  setup
  start_capture "$pcap"
  case "$name" in
    dnsmasq-basic-dhcp4c)
      dnsmasq_conf "$WORK/d.conf" "$POOL_START" "$POOL_END" 10m ""
      start_dnsmasq "$WORK/d.conf"
      SCEN_CONFIG="pool $POOL_START-$POOL_END, lease 10m, router, 3 DNS, domain"
      run_dhcp4c 40 --once --timeout 30
      ;;
    dnsmasq-basic-udhcpc)
      dnsmasq_conf "$WORK/d.conf" "$POOL_START" "$POOL_END" 10m ""
      start_dnsmasq "$WORK/d.conf"
      SCEN_CONFIG="pool $POOL_START-$POOL_END, lease 10m, router, 3 DNS, domain"
      run_udhcpc
      ;;
    dnsmasq-routes-dhcp4c)
      dnsmasq_conf "$WORK/d.conf" "$POOL_START" "$POOL_END" 10m \
        "dhcp-option=option:classless-static-route,198.51.100.1/32,0.0.0.0,0.0.0.0/0,198.51.100.1,203.0.113.0/24,$SERVER_IP
dhcp-option-force=option:static-route,203.0.113.9,$SERVER_IP"
      # dhcp-option-force: dnsmasq sends only requested options, and dhcp4c
      # does not request 33.
      start_dnsmasq "$WORK/d.conf"
      SCEN_CONFIG="basic + option 121 (198.51.100.1/32 on-link, default via off-link 198.51.100.1, 203.0.113.0/24 via $SERVER_IP) + option 33 forced (203.0.113.9 via $SERVER_IP)"
      run_dhcp4c 40 --once --timeout 30
      ;;
    dnsmasq-renew-dhcp4c)
      dnsmasq_conf "$WORK/d.conf" "$POOL_START" "$POOL_END" 120 "dhcp-option=58,4
dhcp-option=59,100"
      start_dnsmasq "$WORK/d.conf"
      SCEN_CONFIG="basic, lease 120 s, T1 4 s, T2 100 s; dhcp4c --release-on-stop stopped after one renewal"
      start_dhcp4c --timeout 30 --release-on-stop
      wait_in_file "$WORK/dhcp4c.json" 40 '"change":"renewed"' || log "no renewal seen"
      stop_pid "$CLIENT_PID"
      ;;
    dnsmasq-nak-dhcp4c)
      dnsmasq_conf "$WORK/d1.conf" "$POOL_START" "$POOL_END" 120 "dhcp-option=58,4
dhcp-option=59,100
dhcp-authoritative"
      dnsmasq_conf "$WORK/d2.conf" 192.0.2.150 192.0.2.199 120 "dhcp-option=58,4
dhcp-option=59,100
dhcp-authoritative"
      start_dnsmasq "$WORK/d1.conf"
      SCEN_CONFIG="authoritative, lease 120 s, T1 4 s; after the first lease the server restarts with pool 192.0.2.150-199 and NAKs the renewal"
      start_dhcp4c --timeout 30
      wait_in_file "$WORK/dhcp4c.json" 40 '"change":"acquired"' || die "no first lease"
      stop_pid "$SERVER_PID"
      start_dnsmasq "$WORK/d2.conf"
      wait_in_file "$WORK/dhcp4c.json" 40 '"ip":"192.0.2.1' || log "no second lease"
      stop_pid "$CLIENT_PID"
      ;;
    dnsmasq-overload-dhcp4c)
      # dhcp4c's option 57 is the interface MTU clamped to >= 576: with c0 at
      # 576 it asks for 576-byte replies, and a reply with more options than
      # fit in the options field gets option 52 (overload) from dnsmasq.
      ip -n "$NS_C" link set c0 mtu 576
      dnsmasq_conf "$WORK/d.conf" "$POOL_START" "$POOL_END" 10m \
        "dhcp-option=option:domain-search,example.org,lab.example.org,a-very-long-subdomain-name-for-padding.example.org,another-quite-long-subdomain.example.net,third.example.com
dhcp-option=option:classless-static-route,198.51.100.1/32,0.0.0.0,0.0.0.0/0,198.51.100.1,203.0.113.0/24,$SERVER_IP
dhcp-option-force=option:root-path,/srv/nfs/root/of/a/very/long/path/used/to/fill/the/options/field/of/the/reply/so/that/the/routes/move/out
dhcp-option-force=option:nis-domain,a-nis-domain-name-that-is-rather-long.example.org
dhcp-option-force=option:ntp-server,192.0.2.123,192.0.2.124,198.51.100.123
dhcp-option-force=option:netbios-ns,192.0.2.137,192.0.2.138
dhcp-option-force=option:log-server,192.0.2.14
dhcp-option-force=4,192.0.2.37"
      start_dnsmasq "$WORK/d.conf"
      SCEN_CONFIG="basic + client MTU 576 (option 57 = 576), 119 (5 names), 121 (as dnsmasq-routes), forced 17, 40, 42, 44, 7, 4 (reply overloaded, option 52)"
      run_dhcp4c 40 --once --timeout 30
      ;;
    dnsmasq-rapid-commit-dhcp4c)
      dnsmasq_conf "$WORK/d.conf" "$POOL_START" "$POOL_END" 10m "dhcp-rapid-commit"
      start_dnsmasq "$WORK/d.conf"
      SCEN_CONFIG="basic + dhcp-rapid-commit"
      run_dhcp4c 40 --once --timeout 30
      ;;
    kea-basic-dhcp4c | kea-basic-udhcpc)
      start_kea ""
      SCEN_CONFIG="pool $POOL_START-$POOL_END, valid 600 s, T1 300, T2 500, router, 3 DNS, domain"
      if [ "$name" = kea-basic-udhcpc ]; then run_udhcpc; else run_dhcp4c 40 --once --timeout 30; fi
      ;;
    kea-routes-dhcp4c)
      start_kea ",
          { \"code\": 121, \"csv-format\": false, \"always-send\": true, \"data\": \"$R121_HEX\" },
          { \"name\": \"static-routes\", \"always-send\": true, \"data\": \"203.0.113.9, $SERVER_IP\" }"
      SCEN_CONFIG="basic + option 121 raw (198.51.100.1/32 on-link, default via off-link 198.51.100.1, 203.0.113.0/24 via $SERVER_IP) + option 33 (203.0.113.9 via $SERVER_IP)"
      run_dhcp4c 40 --once --timeout 30
      ;;
    dhcpd-basic-dhcp4c)
      start_dhcpd ""
      SCEN_CONFIG="pool $POOL_START-$POOL_END, lease 600 s, router, 3 DNS, domain, authoritative, no ping-check"
      run_dhcp4c 40 --once --timeout 30
      ;;
    dhcpd-large-dhcp4c)
      start_dhcpd '  option domain-search "example.org", "lab.example.org", "a-very-long-subdomain-name-for-padding.example.org", "another-quite-long-subdomain.example.net", "third.example.com";
  option ntp-servers 192.0.2.123, 192.0.2.124, 198.51.100.123;
  option time-servers 192.0.2.37;
  option log-servers 192.0.2.14;
  option netbios-name-servers 192.0.2.137, 192.0.2.138;
  option host-name "a-client-host-name-that-is-rather-long";
  option broadcast-address 192.0.2.255;
  option interface-mtu 1500;
  option root-path "/srv/nfs/root/of/a/very/long/path/used/to/fill/the/options/field/of/the/reply";
  option tftp-server-name "tftp.example.org";
  option bootfile-name "pxelinux.0";
  option dhcp-renewal-time 300;
  option dhcp-rebinding-time 500;
  option domain-name-servers 192.0.2.53, 192.0.2.54, 198.51.100.53, 198.51.100.54, 203.0.113.53, 203.0.113.54;
  # dhcpd sends only the options the client asks for (dhcp4c: 3, 6, 15,
  # 119, 121); a parameter request list in the configuration replaces the
  # client'"'"'s.
  option dhcp-parameter-request-list 1,3,4,6,7,12,15,17,26,28,42,44,58,59,66,67,119;'
      SCEN_CONFIG="basic + 119 (5 names), 42, 4, 7, 44, 12, 28, 26, 17, 66, 67, 58, 59, 6 DNS servers (large reply)"
      run_dhcp4c 40 --once --timeout 30
      ;;
    udhcpd-basic-dhcp4c | udhcpd-basic-udhcpc)
      start_udhcpd
      SCEN_CONFIG="pool $POOL_START-$POOL_END, lease 600 s, router, 3 DNS, domain"
      if [ "$name" = udhcpd-basic-udhcpc ]; then run_udhcpc; else run_dhcp4c 40 --once --timeout 30; fi
      ;;
    *) die "unknown scenario '$name' (record.sh --list)" ;;
  esac
  stop_capture
  local frames
  frames=$(tcpdump -r "$pcap" -n 2>/dev/null | wc -l)
  log "$name: $frames frames -> $pcap"
  printf '| %s | %s | %s | %s | %s |\n' "$name.pcap" "$SERVER_VERSION" "$CLIENT_VERSION" "$SCEN_CONFIG" "$(date -u +%Y-%m-%d)"
  teardown
}

for s in "${WANT[@]}"; do
  scenario "$s"
done
