#!/usr/bin/env bash
# verify_unit.sh UNIT: systemd-analyze verify accepts UNIT without a word of
# complaint (an unknown directive is only a warning to systemd, so any output
# fails here). Exit 77 (skipped) when systemd-analyze is missing, except under
# CI=true.
set -euo pipefail
unit=$1
if ! command -v systemd-analyze >/dev/null; then
  if [ "${CI:-}" = true ]; then
    echo "verify_unit: systemd-analyze is missing (Debian: systemd; ci/install-deps.sh installs it)" >&2
    exit 1
  fi
  echo "verify_unit: skipped: systemd-analyze is missing (Debian: systemd)" >&2
  exit 77
fi
out=$(systemd-analyze verify --man=no "$unit" 2>&1) && rc=0 || rc=$?
if [ "$rc" -ne 0 ] || [ -n "$out" ]; then
  echo "verify_unit: systemd-analyze verify $unit (exit $rc):" >&2
  echo "$out" >&2
  exit 1
fi
echo "verify_unit: $(basename "$unit") verifies"
