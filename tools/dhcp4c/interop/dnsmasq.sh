#!/usr/bin/env bash
# dnsmasq.sh DHCP4C: dhcp4c against dnsmasq (dnsmasq-base): lease with mask,
# router, two DNS servers and an option 121 route; --once leaves it applied;
# the daemon's SIGTERM removes it.
source "$(dirname "$0")/lib.sh"

require_root_netns
require_cmd dnsmasq
setup_netns

dnsmasq_conf "$WORK/dnsmasq.conf" --route121 "$ROUTE121,$SERVER_IP,0.0.0.0/0,$SERVER_IP"
start_dnsmasq "$WORK/dnsmasq.conf"
run_standard yes
