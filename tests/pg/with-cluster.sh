#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# with-cluster.sh CMD ARGS...
#
# Runs CMD against a throwaway PostgreSQL 15 cluster, as CI does: made with
# initdb in a temporary directory, listening on a unix socket in that
# directory and on 127.0.0.1 at a free port, stopped and removed on every
# way out. CMD finds it through
#   WARTA_TEST_PG       "host=DIR port=PORT user=postgres dbname=postgres"
#   WARTA_TEST_PG_HOST  DIR (the unix socket's directory)
#   WARTA_TEST_PG_PORT  PORT (on 127.0.0.1 too)
#   WARTA_TEST_PG_DATA  the cluster's data directory
#   WARTA_TEST_PG_CTL   its pg_ctl, for a test that stops and starts the
#                       server; as root it must run as the cluster's owner
#                       (WARTA_TEST_PG_OWNER, through runuser) from DIR
# Local connections are trusted; TCP ones need a scram-sha-256 password.
# Exits with CMD's status. A server that does not start fails the run,
# with its log, never a skip: CI has PostgreSQL 15 installed (make deps).
#
# initdb refuses root: as root (CI), the cluster belongs to the postgres
# user and is driven through runuser.
set -eu

PGBIN=${WARTA_PG_BIN:-/usr/lib/postgresql/15/bin}

say() { printf 'with-cluster.sh: %s\n' "$*" >&2; }

if [ $# -lt 1 ]; then
    echo "usage: $0 CMD [ARGS...]" >&2
    exit 2
fi

for tool in initdb pg_ctl; do
    if [ ! -x "$PGBIN/$tool" ]; then
        say "FAILED: $PGBIN/$tool is missing (PostgreSQL 15's server package)"
        exit 1
    fi
done

# Milliseconds, for the start and stop times the log reports.
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# The cluster's own commands, as its owner. Run from DIR: as postgres, the
# caller's folder (root's home) may not be readable.
as_owner() {
    if [ "$(id -u)" = 0 ]; then
        (cd "$DIR" && runuser -u postgres -- "$@")
    else
        (cd "$DIR" && "$@")
    fi
}

# The socket's path must stay under the 107 bytes of sun_path: a short
# name under /tmp unless TMPDIR says otherwise.
DIR=$(mktemp -d "${TMPDIR:-/tmp}/warta-pg.XXXXXX")
DATA=$DIR/data
LOG=$DIR/server.log
STARTED=

cleanup() {
    status=$?
    trap - EXIT INT TERM HUP
    if [ -n "$STARTED" ]; then
        t0=$(now_ms)
        if ! as_owner "$PGBIN/pg_ctl" stop -D "$DATA" -m fast -w -t 60 >/dev/null; then
            say "FAILED: pg_ctl stop"
            [ "$status" != 0 ] || status=1
        fi
        say "stopped in $(( $(now_ms) - t0 )) ms"
    fi
    rm -rf "$DIR"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

if [ "$(id -u)" = 0 ]; then
    chown postgres: "$DIR"
fi
chmod 0755 "$DIR"

t0=$(now_ms)
# --no-sync, fsync=off, full_page_writes=off: a test cluster that a crash
# may lose, for speed.
if ! as_owner "$PGBIN/initdb" -D "$DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=scram-sha-256 --no-sync --no-instructions \
        >"$DIR/initdb.log" 2>&1; then
    say "FAILED: initdb"
    cat "$DIR/initdb.log" >&2
    exit 1
fi
cat >>"$DATA/postgresql.conf" <<CONF
# with-cluster.sh
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DIR'
fsync = off
full_page_writes = off
synchronous_commit = off
max_connections = 50
CONF

# A free port: from a random base up, until the server binds one. Any
# other failure stops here with the server's log.
base=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 30000 ))
PORT=
for port in $(seq "$base" $(( base + 19 ))); do
    : >"$LOG"
    [ "$(id -u)" != 0 ] || chown postgres: "$LOG"
    if as_owner "$PGBIN/pg_ctl" start -D "$DATA" -l "$LOG" -w -t 60 -o "-p $port" >/dev/null 2>&1; then
        PORT=$port
        break
    fi
    if ! grep -q 'could not bind\|could not create any TCP/IP sockets\|Address already in use' "$LOG"; then
        break
    fi
done
if [ -z "$PORT" ]; then
    say "FAILED: the server did not start; its log:"
    cat "$LOG" >&2
    exit 1
fi
STARTED=1
say "started on port $PORT in $(( $(now_ms) - t0 )) ms"

WARTA_TEST_PG="host=$DIR port=$PORT user=postgres dbname=postgres"
WARTA_TEST_PG_HOST=$DIR
WARTA_TEST_PG_PORT=$PORT
WARTA_TEST_PG_DATA=$DATA
WARTA_TEST_PG_CTL=$PGBIN/pg_ctl
export WARTA_TEST_PG WARTA_TEST_PG_HOST WARTA_TEST_PG_PORT WARTA_TEST_PG_DATA WARTA_TEST_PG_CTL
if [ "$(id -u)" = 0 ]; then
    WARTA_TEST_PG_OWNER=postgres
    export WARTA_TEST_PG_OWNER
fi

set +e
"$@"
status=$?
set -e
exit "$status"
