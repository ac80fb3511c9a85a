#!/usr/bin/env bash
# udhcpd.sh DHCP4C: dhcp4c against busybox udhcpd (package udhcpd): lease
# with mask, router (option 3) and two DNS servers; --once leaves it applied;
# the daemon's SIGTERM removes it.
source "$(dirname "$0")/lib.sh"

require_root_netns
require_cmd udhcpd
setup_netns

EXPECT_DOMAIN=$DOMAIN
start_udhcpd --domain "$DOMAIN"
run_standard no
