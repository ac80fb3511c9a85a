#!/usr/bin/env bash
# record.sh [BUILD_DIR] [SCENARIO...]: records DHCP traffic between real DHCP
# servers and clients into pcaps/SCENARIO.pcap.
#
# Each scenario gets its own pair of network namespaces joined by a veth pair
# (server end s0 = 00:00:5e:00:53:01 with 192.0.2.1/24, client end c0 =
# 00:00:5e:00:53:02, IPv6 off); that and the servers' configurations come
# from tools/dhcp4c/interop/common.sh, shared with the interop tests. tcpdump
# captures 'udp port 67 or udp port 68' on c0, the server runs in its
# namespace, the client in the other. Every process runs under `timeout`, is
# stopped by its PID, and the namespaces are deleted when the scenario ends
# and by the EXIT trap (on failure too).
# Addresses: TEST-NET-1/2/3 only; MACs: the documentation range only.
#
# BUILD_DIR holds tools/dhcp4c/dhcp4c (default: build/dev). With no SCENARIO,
# every scenario is recorded; `record.sh --list` lists them. Each recorded
# scenario prints its provenance line (for pcaps/README.md) on stdout.
# Needs root, ip, tcpdump, and the server and client binaries (ci/install-deps.sh).
#
# A new capture needs an expectation before ctest accepts it: check what the
# capture shows (tcpdump -r FILE -vvv -n), then write pcaps/SCENARIO.expect
# (docs/dhcp-replay.md#recording-new-traffic).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
LOG_NAME=record
SERVER_TIMEOUT=90
NS_S=""
NS_C=""
# shellcheck source=../tools/dhcp4c/interop/common.sh
source "$ROOT/tools/dhcp4c/interop/common.sh"

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

# Every server also hands out a third DNS server and a domain name.
DNS3=198.51.100.53
DOMAIN=example.org
BASE=(--dns "$DNS1 $DNS2 $DNS3" --domain "$DOMAIN")

[ "$(id -u)" -eq 0 ] || fail "needs root (network namespaces)"
for c in ip timeout tcpdump; do command -v "$c" >/dev/null || fail "missing command '$c'"; done

teardown() {
  if [ -n "${RECORD_VERBOSE:-}" ]; then dump_logs 40 log json events; fi
  stop_all
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

setup() {
  NS_S="dhcpcore-rec-s-$$"
  NS_C="dhcpcore-rec-c-$$"
  netns_up
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
  fail "tcpdump did not start: $(cat "$WORK/tcpdump.log")"
}
# Without --immediate-mode, tcpdump takes packets from the kernel's ring in
# blocks, and a SIGTERM loses what has not been handed over yet ("4 packets
# received by filter", "0 packets captured"): check the counts.
stop_capture() {
  sleep 1
  stop_pid "$CAP_PID"
  [ -s "$CAP_FILE.tmp" ] || fail "empty capture"
  local got seen
  got=$(sed -n 's/^\([0-9]*\) packets captured.*/\1/p' "$WORK/tcpdump.log")
  seen=$(sed -n 's/^\([0-9]*\) packets received by filter.*/\1/p' "$WORK/tcpdump.log")
  [ -n "$got" ] && [ "$got" = "$seen" ] || fail "tcpdump captured $got of $seen packets"
  mv "$CAP_FILE.tmp" "$CAP_FILE"
}

# server_version SERVER: what the provenance line names.
server_version() {
  case "$1" in
    dnsmasq) dnsmasq --version | sed -n 1p | awk '{print "dnsmasq " $3}' ;;
    kea) echo "kea-dhcp4 $(kea-dhcp4 -V | sed -n 1p)" ;;
    dhcpd) dhcpd --version 2>&1 | sed -n 1p ;;
    udhcpd) echo "busybox udhcpd $(busybox 2>&1 | sed -n 1p | awk '{print $2}')" ;;
  esac
}

# ---- clients ----------------------------------------------------------------

# run_dhcp4c SECONDS ARGS...: dhcp4c in the client namespace; waits for it
# (it is bounded by --timeout and by `timeout`).
run_dhcp4c() {
  local secs=$1
  shift
  [ -x "$DHCP4C" ] || fail "no dhcp4c at $DHCP4C (build it: cmake --build BUILD_DIR --target dhcp4c)"
  CLIENT_VERSION="dhcp4c (dhcpcore $(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown))"
  local rc=0
  ip netns exec "$NS_C" timeout "$secs" "$DHCP4C" --json-events "$@" c0 >"$WORK/dhcp4c.json" 2>"$WORK/dhcp4c.log" || rc=$?
  [ "$rc" -eq 0 ] || log "dhcp4c exited $rc: $(tail -n 3 "$WORK/dhcp4c.log")"
}
# start_dhcp4c ARGS...: dhcp4c in the background (CLIENT_PID).
start_dhcp4c() {
  [ -x "$DHCP4C" ] || fail "no dhcp4c at $DHCP4C"
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
  SERVER_VERSION=$(server_version "${name%%-*}")
  setup
  start_capture "$pcap"
  case "$name" in
    dnsmasq-basic-dhcp4c)
      dnsmasq_conf "$WORK/d.conf" "${BASE[@]}"
      start_dnsmasq "$WORK/d.conf"
      SCEN_CONFIG="pool $POOL_START-$POOL_END, lease 10m, router, 3 DNS, domain"
      run_dhcp4c 40 --once --timeout 30
      ;;
    dnsmasq-basic-udhcpc)
      dnsmasq_conf "$WORK/d.conf" "${BASE[@]}"
      start_dnsmasq "$WORK/d.conf"
      SCEN_CONFIG="pool $POOL_START-$POOL_END, lease 10m, router, 3 DNS, domain"
      run_udhcpc
      ;;
    dnsmasq-routes-dhcp4c)
      dnsmasq_conf "$WORK/d.conf" "${BASE[@]}" \
        --route121 "198.51.100.1/32,0.0.0.0,0.0.0.0/0,198.51.100.1,203.0.113.0/24,$SERVER_IP" \
        --extra "dhcp-option-force=option:static-route,203.0.113.9,$SERVER_IP"
      # dhcp-option-force: dnsmasq sends only requested options, and dhcp4c
      # does not request 33.
      start_dnsmasq "$WORK/d.conf"
      SCEN_CONFIG="basic + option 121 (198.51.100.1/32 on-link, default via off-link 198.51.100.1, 203.0.113.0/24 via $SERVER_IP) + option 33 forced (203.0.113.9 via $SERVER_IP)"
      run_dhcp4c 40 --once --timeout 30
      ;;
    dnsmasq-renew-dhcp4c)
      dnsmasq_conf "$WORK/d.conf" "${BASE[@]}" --lease 120 --t1 4 --t2 100
      start_dnsmasq "$WORK/d.conf"
      SCEN_CONFIG="basic, lease 120 s, T1 4 s, T2 100 s; dhcp4c --release-on-stop stopped after one renewal"
      start_dhcp4c --timeout 30 --release-on-stop
      wait_in_file "$WORK/dhcp4c.json" 40 '"change":"Renewed"' || log "no renewal seen"
      stop_pid "$CLIENT_PID"
      ;;
    dnsmasq-nak-dhcp4c)
      dnsmasq_conf "$WORK/d1.conf" "${BASE[@]}" --lease 120 --t1 4 --t2 100 --authoritative
      dnsmasq_conf "$WORK/d2.conf" "${BASE[@]}" --range 192.0.2.150 192.0.2.199 --lease 120 --t1 4 --t2 100 --authoritative
      start_dnsmasq "$WORK/d1.conf"
      SCEN_CONFIG="authoritative, lease 120 s, T1 4 s; after the first lease the server restarts with pool 192.0.2.150-199 and NAKs the renewal"
      start_dhcp4c --timeout 30
      wait_in_file "$WORK/dhcp4c.json" 40 '"change":"Acquired"' || fail "no first lease"
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
      dnsmasq_conf "$WORK/d.conf" "${BASE[@]}" \
        --extra "dhcp-option=option:domain-search,example.org,lab.example.org,a-very-long-subdomain-name-for-padding.example.org,another-quite-long-subdomain.example.net,third.example.com
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
      dnsmasq_conf "$WORK/d.conf" "${BASE[@]}" --rapid-commit
      start_dnsmasq "$WORK/d.conf"
      SCEN_CONFIG="basic + dhcp-rapid-commit"
      run_dhcp4c 40 --once --timeout 30
      ;;
    kea-basic-dhcp4c | kea-basic-udhcpc)
      start_kea "${BASE[@]}"
      SCEN_CONFIG="pool $POOL_START-$POOL_END, valid 600 s, T1 300, T2 500, router, 3 DNS, domain"
      if [ "$name" = kea-basic-udhcpc ]; then run_udhcpc; else run_dhcp4c 40 --once --timeout 30; fi
      ;;
    kea-routes-dhcp4c)
      start_kea "${BASE[@]}" --route121 "$R121_HEX" \
        --extra "{ \"name\": \"static-routes\", \"always-send\": true, \"data\": \"203.0.113.9, $SERVER_IP\" }"
      SCEN_CONFIG="basic + option 121 raw (198.51.100.1/32 on-link, default via off-link 198.51.100.1, 203.0.113.0/24 via $SERVER_IP) + option 33 (203.0.113.9 via $SERVER_IP)"
      run_dhcp4c 40 --once --timeout 30
      ;;
    dhcpd-basic-dhcp4c)
      start_dhcpd "${BASE[@]}" --authoritative
      SCEN_CONFIG="pool $POOL_START-$POOL_END, lease 600 s, router, 3 DNS, domain, authoritative, no ping-check"
      run_dhcp4c 40 --once --timeout 30
      ;;
    dhcpd-large-dhcp4c)
      start_dhcpd "${BASE[@]}" --authoritative --extra '  option domain-search "example.org", "lab.example.org", "a-very-long-subdomain-name-for-padding.example.org", "another-quite-long-subdomain.example.net", "third.example.com";
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
      start_udhcpd "${BASE[@]}"
      SCEN_CONFIG="pool $POOL_START-$POOL_END, lease 600 s, router, 3 DNS, domain"
      if [ "$name" = udhcpd-basic-udhcpc ]; then run_udhcpc; else run_dhcp4c 40 --once --timeout 30; fi
      ;;
    *) fail "unknown scenario '$name' (record.sh --list)" ;;
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
