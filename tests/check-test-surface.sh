#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The tests drive the app's widgets through their public surface, from
# the source tree ($1): no test or bench includes a private header of
# src/app (the fields its parts share), and none dereferences a variable
# of an app widget type. A test reaches a widget's parts as a person
# does: through its template children (gtk_widget_get_template_child),
# its actions and its public functions.
set -u

root="${1:?usage: check-test-surface.sh SOURCE_ROOT}"
app="$root/src/app"
status=0

files=$(find "$root/tests" -name '*.[ch]' | sort)

# The app's private headers included by a test. The core's private
# headers (warta-store-private.h…) are the core's own business.
for file in $files; do
  for name in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\(warta-[^"]*-private\.h\)".*/\1/p' "$file"); do
    if [ -f "$app/$name" ]; then
      echo "${file#$root/} includes $name: drive the widget through its public header" >&2
      status=1
    fi
  done
done

# The app's types, and per file the names declared with one of them.
types=$(sed -n 's/.*G_DECLARE_[A-Z]*_TYPE[[:space:]]*([[:space:]]*\(Warta[A-Za-z0-9]*\)[[:space:]]*,.*/\1/p' "$app"/*.h | sort -u | paste -sd '|' -)
if [ -z "$types" ]; then
  echo "found no type declared in $app" >&2
  exit 1
fi

# A cast to one of them, dereferenced: WARTA_CASE_VIEW (view)->kase.
casts=$(sed -n 's/.*G_DECLARE_[A-Z]*_TYPE[[:space:]]*([^,]*,[^,]*,[[:space:]]*\([A-Z]*\)[[:space:]]*,[[:space:]]*\([A-Z_0-9]*\)[[:space:]]*,.*/\1_\2/p' "$app"/*.h | sort -u | paste -sd '|' -)
if grep -nE "\\b($casts)[[:space:]]*\\([^()]*\\)[[:space:]]*->" $files >&2; then
  echo "a test dereferences a widget's private struct through a cast (above): use its template children or public functions" >&2
  status=1
fi

for file in $files; do
  names=$(grep -oE "\\b($types)[[:space:]]*\\*+[[:space:]]*[A-Za-z_][A-Za-z0-9_]*" "$file" |
          sed -E 's/.*[*[:space:]]([A-Za-z_][A-Za-z0-9_]*)$/\1/' | sort -u)
  for name in $names; do
    if grep -nE "(^|[^A-Za-z0-9_])$name->" "$file" >/dev/null; then
      grep -nE "(^|[^A-Za-z0-9_])$name->" "$file" | sed "s|^|${file#$root/}:|" >&2
      echo "${file#$root/} dereferences a widget's private struct ($name->, above): use its template children or public functions" >&2
      status=1
    fi
  done
done

exit $status
