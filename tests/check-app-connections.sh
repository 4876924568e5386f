#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The app opens its database once, in the session, for the session's one
# database worker: no widget or job of the app (src/app, from the source
# tree $1) opens an engine, a store or an sqlite connection of its own.
# Database work goes through the worker (warta_session_run_async, or
# warta_worker_run_sync from a thread that waits on the network).
set -u

app="${1:?usage: check-app-connections.sh SOURCE_ROOT}/src/app"
status=0

for file in "$app"/*.c "$app"/*.h; do
  case "$(basename "$file")" in
    warta-session.c) continue ;;
  esac
  # Comments aside: a line that calls one of the openers.
  found=$(sed -e 's|/\*.*\*/||g' -e 's|^[[:space:]]*\*.*||' "$file" |
          grep -nE '\b(warta_engine_open|warta_store_open|sqlite3_open(_v2)?)[[:space:]]*\(')
  if [ -n "$found" ]; then
    echo "$found" | sed "s|^|$(basename "$file"):|" >&2
    echo "$(basename "$file") opens a database connection of its own (above): submit a job to the session's worker instead" >&2
    status=1
  fi
done

exit $status
