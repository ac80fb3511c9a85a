#!/usr/bin/env bash
# dnsmasq.sh DHCP4C: dhcp4c against dnsmasq (dnsmasq-base): lease with mask,
# router, two DNS servers and an option 121 route; --once leaves it applied;
# the daemon's SIGTERM removes it.
source "$(dirname "$0")/lib.sh"

require_root_netns
require_cmd dnsmasq
setup_netns

cat >"$WORK/dnsmasq.conf" <<CONF
port=0
interface=s0
bind-interfaces
dhcp-range=$POOL_START,$POOL_END,255.255.255.0,10m
dhcp-option=option:router,$SERVER_IP
dhcp-option=option:dns-server,$DNS1,$DNS2
dhcp-option=option:classless-static-route,$ROUTE121,$SERVER_IP,0.0.0.0/0,$SERVER_IP
dhcp-leasefile=$WORK/dnsmasq.leases
pid-file=
log-dhcp
CONF
start_in_server "$WORK/dnsmasq.log" dnsmasq --no-daemon -C "$WORK/dnsmasq.conf"
run_standard yes
