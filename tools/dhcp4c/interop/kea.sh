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
          { "name": "domain-name-servers", "data": "$DNS1, $DNS2" },
          { "code": 121, "csv-format": false, "always-send": true, "data": "18C63364C000020100C0000201" }
        ]
      }
    ],
    "loggers": [ { "name": "kea-dhcp4", "output_options": [ { "output": "stdout" } ], "severity": "INFO" } ]
  }
}
CONF
mkdir -p "$WORK/kea-run"
export KEA_PIDFILE_DIR="$WORK/kea-run" KEA_LOCKFILE_DIR="$WORK/kea-run"
ip netns exec "$NS_S" timeout 20 kea-dhcp4 -t "$WORK/kea.json" >"$WORK/kea-check.log" 2>&1 || fail "kea-dhcp4 -t rejected the config"
start_in_server "$WORK/kea.log" kea-dhcp4 -c "$WORK/kea.json"
run_standard yes
