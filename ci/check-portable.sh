#!/usr/bin/env bash
# check-portable.sh: a cheap guard against tests that depend on where the
# checkout is (ctest `tools.checkout_path_independent`). The suite must pass
# from a clone in root's home directory (mode 0700), a `mktemp -d` directory
# (0700) and a path with a space in it. It fails when a tracked script or
# source:
#   - runs a process as another user (setpriv --reuid/--ruid, runuser, su,
#     sudo -u, setuid/setresuid): that user cannot reach a binary inside a
#     0700 checkout. Drop capabilities instead and stay uid 0, as
#     tools/dhcp4c/interop/errors.sh does;
#   - names a machine-specific absolute path (one starting with the work,
#     home or root directories of the machine it was written on);
#   - names a Markdown document that is not in the repository.
# The dynamic half of the check is errors.sh itself, which runs dhcp4c from a
# 0700 directory whose name has a space in it.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  echo "check-portable: not a git checkout; nothing to check" >&2
  exit 1
fi

status=0
report() {
  local what=$1 hits=$2
  if [ -n "$hits" ]; then
    echo "check-portable: $what:" >&2
    printf '%s\n' "$hits" | sed 's/^/  /' >&2
    status=1
  fi
}

# Binary files (pcaps, corpus) are not text; this file names the patterns
# it looks for. The docs are checked too: users have only the repository.
exclude=(':!*.pcap' ':!*.pcapng' ':!corpus/**' ':!ci/check-portable.sh')
report "runs a process as another user (unreachable inside a 0700 checkout)" \
  "$(git grep -nIE -- '--reuid|--ruid|\brunuser\b|\bsu -|\bsudo -u|\bsetres?uid\(' -- "${exclude[@]}" || true)"
report "machine-specific absolute path" \
  "$(git grep -nIE -- '(^|[^[:alnum:]_./-])/(work|home|root)/' -- "${exclude[@]}" || true)"

# Every Markdown document a tracked file names must be in the repository:
# users have nothing beside it.
missing_docs=""
tracked_docs=$(git ls-files '*.md' | xargs -n1 basename | sort -u)
for doc in $(git grep -hoIE -- '\b[A-Za-z0-9_-]+\.md\b' -- "${exclude[@]}" | sort -u); do
  grep -qxF "$doc" <<<"$tracked_docs" ||
    missing_docs+="$doc (named in: $(git grep -lIF -- "$doc" -- "${exclude[@]}" | tr '\n' ' '))"$'\n'
done
report "names a document that is not in the repository" "${missing_docs%$'\n'}"

[ "$status" -eq 0 ] && echo "check-portable: no user switch, no machine-specific path, no missing document"
exit "$status"
