#!/usr/bin/env bash
# check-doc-refs.sh: every reference to a document, a section or a row of the
# differences table resolves (ctest `tools.doc_references_resolve`).
#
# The citation forms (docs/DESIGN.md#citing-the-documentation), checked in
# every tracked text file, code comments and documents alike:
#   docs/*.md, README.md, pcaps/README.md         the file exists
#   docs/*.md#anchor                              the file has a heading whose
#                                                 GitHub anchor is `anchor`
#   docs/DIFFERENCES.md "Row N" / "Rows N-M"      the table has rows N (..M)
#   defect N, Defect N                            docs/DESIGN.md has a heading
#                                                 "Defect N"
#   [text](relative/path#anchor) in a .md file    the path (relative to that
#                                                 file) exists; the anchor is
#                                                 a heading of the target
# and the old forms (README "Section", README, "Section", README differences
# row N) fail: sections are cited by anchor.
# Usage: check-doc-refs.sh [ROOT]   (default: the checkout this script is in)
set -euo pipefail
root=${1:-"$(dirname "$0")/.."}
cd "$root"

if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  echo "check-doc-refs: not a git checkout; nothing to check" >&2
  exit 1
fi

errors=""
fail() { errors+="$1"$'\n'; }

# anchors FILE: the GitHub anchors of FILE's headings (lower case, everything
# but letters, digits, spaces, '-' and '_' removed, spaces -> '-'), with the
# -1, -2 suffixes GitHub gives repeated headings; fenced code is skipped.
anchors() {
  awk '
    /^```/ { fence = !fence; next }
    fence { next }
    /^#+ / {
      h = $0; sub(/^#+ +/, "", h); h = tolower(h)
      gsub(/[^a-z0-9 _-]/, "", h); gsub(/ /, "-", h)
      if (h in seen) { print h "-" seen[h]; seen[h]++ } else { print h; seen[h] = 1 }
    }' "$1"
}

has_anchor() {  # FILE ANCHOR (a here-string, not a pipe: under pipefail,
                # grep -q leaving early makes the writer fail with SIGPIPE)
  local all
  all=$(anchors "$1")
  grep -qxF -- "$2" <<<"$all"
}

# Binary files and the corpus are not text; this script names the forms.
exclude=(':!*.pcap' ':!*.pcapng' ':!*.bin' ':!corpus/**' ':!ci/check-doc-refs.sh')

# 1. Paths to documents, with or without an anchor.
while IFS= read -r hit; do
  where=${hit%%:*}; rest=${hit#*:}; line=${rest%%:*}; ref=${rest#*:}
  file=${ref%%#*}
  if [ ! -f "$file" ] || ! git ls-files --error-unmatch -- "$file" >/dev/null 2>&1; then
    fail "$where:$line: $ref: no such document in the repository"
  elif [[ $ref == *#* ]] && ! has_anchor "$file" "${ref#*#}"; then
    fail "$where:$line: $ref: $file has no section with that anchor"
  fi
done < <(git grep -noIE -- '(\bdocs/[A-Za-z0-9_-]+|\bpcaps/README|(^|[^A-Za-z0-9_/.-])README)\.md(#[A-Za-z0-9_-]+)?' -- "${exclude[@]}" |
         sed -E 's/^([^:]*:[0-9]+:)[^A-Za-z0-9_]*/\1/')

# 2. Rows of the differences table.
rows=$(awk -F'|' '/^\| *[0-9]+ *\|/ { gsub(/ /, "", $2); print $2 }' docs/DIFFERENCES.md 2>/dev/null || true)
while IFS= read -r hit; do
  where=${hit%%:*}; rest=${hit#*:}; line=${rest%%:*}; ref=${rest#*:}
  range=$(printf '%s' "$ref" | sed -E 's/.*"Rows? ([0-9]+(-[0-9]+)?)"/\1/')
  first=${range%-*}; last=${range#*-}
  for ((n = first; n <= last; n++)); do
    grep -qxF "$n" <<<"$rows" || fail "$where:$line: $ref: docs/DIFFERENCES.md has no row $n"
  done
done < <(git grep -noIE -- 'docs/DIFFERENCES\.md,? "Rows? [0-9]+(-[0-9]+)?"' -- "${exclude[@]}")

# 3. Defects by number.
while IFS= read -r hit; do
  where=${hit%%:*}; rest=${hit#*:}; line=${rest%%:*}; ref=${rest#*:}
  n=$(printf '%s' "$ref" | grep -oE '[0-9]+')
  has_anchor docs/DESIGN.md "defect-$n" 2>/dev/null ||
    fail "$where:$line: $ref: docs/DESIGN.md has no heading \"Defect $n\""
done < <(git grep -noiIE -- '\bdefect [0-9]+' -- "${exclude[@]}")

# 4. Markdown links in the documents.
while IFS= read -r md; do
  dir=$(dirname "$md")
  while IFS= read -r hit; do
    line=${hit%%:*}; target=${hit#*:}; target=${target#*](}; target=${target%)}
    case $target in http://* | https://* | mailto:*) continue ;; esac
    path=${target%%#*}; anchor=""
    [[ $target == *#* ]] && anchor=${target#*#}
    if [ -z "$path" ]; then
      file=$md
    else
      file=$(realpath -m --relative-to=. "$dir/$path")
    fi
    if [ ! -e "$file" ] || ! git ls-files --error-unmatch -- "$file" >/dev/null 2>&1; then
      fail "$md:$line: ($target): $file is not in the repository"
    elif [ -n "$anchor" ] && { [ -d "$file" ] || ! has_anchor "$file" "$anchor"; }; then
      fail "$md:$line: ($target): $file has no section with that anchor"
    fi
  done < <(awk '/^```/ { fence = !fence; next } !fence { print NR ":" $0 }' "$md" |
           grep -oE '^[0-9]+:|\]\([^) ]+\)' | awk '/^[0-9]+:$/ { n = $0; next } { print n $0 }')
done < <(git ls-files '*.md')

# 5. The old form: a README section cited by its title.
old=$(git grep -nIE -- "README('s)?,? \(?\"[A-Za-z]|README('s)? (differences|schema)" -- "${exclude[@]}" || true)
[ -z "$old" ] || fail "cite sections as path#anchor, not README \"Title\":"$'\n'"$old"

if [ -n "$errors" ]; then
  echo "check-doc-refs: references that do not resolve:" >&2
  printf '%s' "$errors" | sed 's/^/  /' >&2
  exit 1
fi
echo "check-doc-refs: every document, section, row and defect named exists"
