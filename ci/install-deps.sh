#!/usr/bin/env bash
# install-deps.sh: install every Debian package dhcpcore needs (build, tests,
# fuzzing, pcap tools, benchmarks, interop servers). Idempotent and quiet;
# meant for a fresh Debian 12 as root. Nothing is downloaded from anywhere but
# the configured apt repositories.
set -euo pipefail

packages=(
  # build
  cmake ninja-build g++ pkg-config git
  # clang, libFuzzer and sanitizer runtimes, source-based coverage tools
  clang libclang-rt-14-dev llvm
  # AFL++ (afl-clang-fast, libAFLDriver.a)
  afl++
  # tests and properties
  libgtest-dev libgmock-dev librapidcheck-dev
  # tools and benchmarks
  libpcap-dev libbenchmark-dev libmnl-dev zip
  # interop and recording: real servers, stock clients, capture, namespaces
  dnsmasq-base kea-dhcp4-server isc-dhcp-server udhcpd busybox tcpdump iproute2
  # manual pages (groff -man checks them) and the service unit (systemd-analyze verify)
  groff-base systemd
)

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps.sh: must run as root (apt-get install); missing packages:" >&2
  missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  echo "  ${missing[*]:-none}" >&2
  [ ${#missing[@]} -eq 0 ] && exit 0
  exit 1
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Package scripts must not start the DHCP servers as system services: the
# tests start their own copies inside network namespaces.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy"
  chmod 755 "$policy"
  created_policy=1
fi
cleanup() { [ "$created_policy" -eq 1 ] && rm -f "$policy"; return 0; }
trap cleanup EXIT

apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
