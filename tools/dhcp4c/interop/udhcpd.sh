#!/usr/bin/env bash
# udhcpd.sh DHCP4C: dhcp4c against busybox udhcpd (package udhcpd): lease
# with mask, router (option 3) and two DNS servers; --once leaves it applied;
# the daemon's SIGTERM removes it.
source "$(dirname "$0")/lib.sh"

require_root_netns
require_cmd udhcpd
setup_netns

cat >"$WORK/udhcpd.conf" <<CONF
start $POOL_START
end $POOL_END
interface s0
lease_file $WORK/udhcpd.leases
pidfile $WORK/udhcpd.pid
opt subnet 255.255.255.0
opt router $SERVER_IP
opt dns $DNS1 $DNS2
opt lease 600
CONF
touch "$WORK/udhcpd.leases"
start_in_server "$WORK/udhcpd.log" udhcpd -f "$WORK/udhcpd.conf"
run_standard no
