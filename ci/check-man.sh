#!/usr/bin/env bash
# check-man.sh TOOL PAGE: the manual page PAGE of the built TOOL (a path)
# renders without a warning (groff -man -ww), documents every option TOOL
# --help lists and no other, and carries TOOL --version's version.
# Exit 77 (skipped) when groff is missing, except under CI=true.
set -euo pipefail
tool=$1 page=$2
name=$(basename "$tool")
if ! command -v groff >/dev/null; then
  if [ "${CI:-}" = true ]; then
    echo "check-man: groff is missing (Debian: groff-base; ci/install-deps.sh installs it)" >&2
    exit 1
  fi
  echo "check-man: skipped: groff is missing (Debian: groff-base)" >&2
  exit 77
fi
fail=0
warnings=$(groff -man -ww -z "$page" 2>&1) || true
if [ -n "$warnings" ]; then
  echo "check-man: $page: groff warns:" >&2
  echo "$warnings" >&2
  fail=1
fi
# Options as --help lists them, and as the page's OPTIONS section documents
# them (\-\-name).
help_opts=$("$tool" --help | grep -o -- '--[a-z][a-z-]*' | sort -u)
page_opts=$(sed -n '/^\.SH OPTIONS/,/^\.SH /p' "$page" | grep -o -- '\\-\\-[a-z][a-z\\-]*' | sed 's/\\-/-/g' | sort -u)
missing=$(comm -23 <(echo "$help_opts") <(echo "$page_opts"))
extra=$(comm -13 <(echo "$help_opts") <(echo "$page_opts"))
if [ -n "$missing" ]; then
  echo "check-man: $page does not document: $(echo $missing)" >&2
  fail=1
fi
if [ -n "$extra" ]; then
  echo "check-man: $page documents options $name does not have: $(echo $extra)" >&2
  fail=1
fi
version=$("$tool" --version | awk '{print $NF}')
grep -q "^\.TH .*\"dhcpcore $version\"" "$page" || {
  echo "check-man: $page's .TH does not say dhcpcore $version" >&2
  fail=1
}
[ "$fail" -eq 0 ] && echo "check-man: $page matches $name ($(echo "$help_opts" | wc -l) options, version $version)"
exit "$fail"
