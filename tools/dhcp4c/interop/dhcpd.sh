#!/usr/bin/env bash
# dhcpd.sh DHCP4C: dhcp4c against ISC dhcpd (isc-dhcp-server): lease with
# mask, router (option 3, no option 121) and two DNS servers; --once leaves it
# applied; the daemon's SIGTERM removes it.
source "$(dirname "$0")/lib.sh"

require_root_netns
require_cmd dhcpd
setup_netns

cat >"$WORK/dhcpd.conf" <<CONF
default-lease-time 600;
max-lease-time 600;
authoritative;
ping-check false;
subnet 192.0.2.0 netmask 255.255.255.0 {
  range $POOL_START $POOL_END;
  option subnet-mask 255.255.255.0;
  option routers $SERVER_IP;
  option domain-name-servers $DNS1, $DNS2;
}
CONF
touch "$WORK/dhcpd.leases"
start_in_server "$WORK/dhcpd.log" dhcpd -4 -f -cf "$WORK/dhcpd.conf" -lf "$WORK/dhcpd.leases" -pf "$WORK/dhcpd.pid" s0
run_standard no
