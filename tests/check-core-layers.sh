#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The core's layers, from the source tree ($1): the engine includes
# nothing of the evidence papers or the WordPress client, not even through
# another header (they depend on the engine, never the reverse); and the
# core includes no GTK, GDK or libadwaita header.
set -u

core="${1:?usage: check-core-layers.sh SOURCE_ROOT}/src/core"
status=0

# The quoted includes of a file, as names.
includes () {
  sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$1"
}

for file in "$core"/warta-engine*.c "$core"/warta-engine*.h; do
  seen=" "
  pending=$(basename "$file")
  while [ -n "$pending" ]; do
    set -- $pending
    name=$1
    shift
    pending="$*"
    case "$seen" in *" $name "*) continue ;; esac
    seen="$seen$name "
    case "$name" in
      warta-evidence*.h|warta-wp*.h|warta-publisher*.h)
        echo "$(basename "$file") includes $name: the engine must not depend on the evidence papers or the WordPress client" >&2
        status=1
        continue ;;
    esac
    [ -f "$core/$name" ] || continue
    pending="$pending $(includes "$core/$name")"
  done
done

if grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*<(gtk/|gdk/|adwaita\.h|libadwaita)' "$core"/*.c "$core"/*.h >&2; then
  echo "the core includes a GTK header (above): it must build and run without one" >&2
  status=1
fi

exit $status
