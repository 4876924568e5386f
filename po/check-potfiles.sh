#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when po/POTFILES.in is not sorted, lists a file that does not exist,
# or misses a file under src/, ui/ or data/ with translatable strings.
#
# Usage: check-potfiles.sh [SOURCE_ROOT]

set -eu

cd "${1:-$(dirname "$0")/..}"

potfiles=po/POTFILES.in
status=0
tmpdir=$(mktemp -d)
trap 'rm -rf "$tmpdir"' EXIT

grep -v -e '^#' -e '^[[:space:]]*$' "$potfiles" > "$tmpdir/listed" || true

if ! LC_ALL=C sort -c -u "$tmpdir/listed" 2>/dev/null; then
  echo "$potfiles: not sorted (LC_ALL=C) or has duplicates; the order should be:" >&2
  LC_ALL=C sort -u "$tmpdir/listed" | diff "$tmpdir/listed" - >&2 || true
  status=1
fi

while IFS= read -r file; do
  if [ ! -f "$file" ]; then
    echo "$potfiles: lists $file, which does not exist" >&2
    status=1
  fi
done < "$tmpdir/listed"

# Files marked up for translation, and those translatable by their kind.
: > "$tmpdir/needed"
for dir in src ui data; do
  [ -d "$dir" ] || continue
  grep -rlIE '(^|[^A-Za-z0-9_])(N|C|NC)?_\(|translatable="yes"' "$dir" \
    >> "$tmpdir/needed" || true
  find "$dir" -type f \( -name '*.desktop.in' -o -name '*.metainfo.xml.in' \) \
    >> "$tmpdir/needed"
  grep -rlI --include='*.gschema.xml' 'gettext-domain' "$dir" \
    >> "$tmpdir/needed" || true
done

for file in $(LC_ALL=C sort -u "$tmpdir/needed"); do
  if ! grep -qxF "$file" "$tmpdir/listed"; then
    echo "$potfiles: missing $file, which has translatable strings" >&2
    status=1
  fi
done

if [ "$status" -eq 0 ]; then
  echo "$potfiles: $(wc -l < "$tmpdir/listed") files, sorted, none missing"
fi

exit "$status"
