#!/usr/bin/env bash
# kea.sh DHCP4C: dhcp4c against ISC Kea (kea-dhcp4, memfile lease database
# in a temp dir): lease with mask, router, two DNS servers and an option 121
# route (Kea 2.2 has no definition for 121: raw bytes); --once leaves it
# applied; the daemon's SIGTERM removes it.
source "$(dirname "$0")/lib.sh"

require_root_netns
require_cmd kea-dhcp4
setup_netns

# Option 121: 198.51.100.0/24 via 192.0.2.1, 0.0.0.0/0 via 192.0.2.1.
EXPECT_DOMAIN=$DOMAIN
start_kea --route121 18C63364C000020100C0000201 --domain "$DOMAIN"
run_standard yes
