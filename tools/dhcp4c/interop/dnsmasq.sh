#!/usr/bin/env bash
# dnsmasq.sh DHCP4C: dhcp4c against dnsmasq (dnsmasq-base): lease with mask,
# router, two DNS servers, a domain, an option 121 route, NTP servers and an
# MTU; --once leaves it applied; the daemon's SIGTERM removes it.
source "$(dirname "$0")/lib.sh"

require_root_netns
require_cmd dnsmasq
setup_netns

EXPECT_DOMAIN=$DOMAIN
NTP1=192.0.2.123 NTP2=198.51.100.123
dnsmasq_conf "$WORK/dnsmasq.conf" --route121 "$ROUTE121,$SERVER_IP,0.0.0.0/0,$SERVER_IP" --domain "$DOMAIN" \
  --extra "dhcp-option=option:ntp-server,$NTP1,$NTP2
dhcp-option=option:mtu,1400"
start_dnsmasq "$WORK/dnsmasq.conf"
CLIENT_ARGS=(--hostname client-7)
run_standard yes
# The host name dhcp4c sent (option 12) is the one dnsmasq recorded with the
# lease (lease file: expiry, MAC, address, host name, client id).
grep -qE "^[0-9]+ 00:00:5e:00:53:02 192\.0\.2\.[0-9]+ client-7 " "$WORK/dnsmasq.conf.leases" ||
  fail "dnsmasq did not record host name client-7: $(cat "$WORK/dnsmasq.conf.leases")"
# The names and parameters dhcp4c asked for (26, 42) as it reports them
# (reported, not applied: the link keeps its MTU).
ev=$(events_with "$WORK/once.json" '"event":"lease"' '"change":"Acquired"' | head -n 1)
contains "$ev" "\"ntp\":[\"$NTP1\",\"$NTP2\"]" || fail "NTP servers not reported: $ev"
contains "$ev" '"mtu":1400' || fail "MTU 1400 not reported: $ev"
log "names and parameters reported: domain $DOMAIN, NTP $NTP1 $NTP2, MTU 1400; host name client-7 recorded by dnsmasq"
