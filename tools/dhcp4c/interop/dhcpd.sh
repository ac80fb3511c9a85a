#!/usr/bin/env bash
# dhcpd.sh DHCP4C: dhcp4c against ISC dhcpd (isc-dhcp-server): lease with
# mask, router (option 3, no option 121) and two DNS servers; --once leaves it
# applied; the daemon's SIGTERM removes it.
source "$(dirname "$0")/lib.sh"

require_root_netns
require_cmd dhcpd
setup_netns

EXPECT_DOMAIN=$DOMAIN
start_dhcpd --authoritative --domain "$DOMAIN"
run_standard no
