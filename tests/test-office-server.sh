#!/bin/sh
# test-office-server.sh: an office made on a PostgreSQL server with
# warta-cli, and a one-desk office moved onto one, as an office's IT
# person does it
#
# Usage: tests/pg/with-cluster.sh test-office-server.sh PATH-TO-WARTA-CLI
# (the cluster's WARTA_TEST_PG_HOST and WARTA_TEST_PG_PORT). The server's
# administrator connects on the cluster's socket, trusted; people sign
# in over TCP with their passwords, as desks do.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu

cli=$1
host=${WARTA_TEST_PG_HOST:?run under tests/pg/with-cluster.sh}
port=${WARTA_TEST_PG_PORT:?run under tests/pg/with-cluster.sh}
psql=${WARTA_PG_BIN:-/usr/lib/postgresql/15/bin}/psql

tmp=$(mktemp -d "${TMPDIR:-/tmp}/warta-office-server.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
unset WARTA_PASSWORD WARTA_NEW_PASSWORD PGPASSWORD

failures=0
checks=0

fail () {
  failures=$((failures + 1))
  printf 'FAIL: %s\n' "$1" >&2
  sed 's/^/  stdout: /' "$tmp/out" >&2
  sed 's/^/  stderr: /' "$tmp/err" >&2
}

# run STATUS WHAT ARG…: warta-cli ARG…, expecting exit status STATUS
run () {
  want=$1
  what=$2
  shift 2
  checks=$((checks + 1))
  if "$cli" "$@" >"$tmp/out" 2>"$tmp/err"; then
    got=0
  else
    got=$?
  fi
  [ "$got" -eq "$want" ] || fail "$what: warta-cli $*: exit status $got, expected $want"
}

out_has () {
  grep -F -q -e "$1" "$tmp/out" || fail "$2: stdout has no “$1”"
}

err_has () {
  grep -F -q -e "$1" "$tmp/err" || fail "$2: stderr has no “$1”"
}

# sql DATABASE SQL: one value, as the server's administrator
sql () {
  "$psql" -X -q -t -A -h "$host" -p "$port" -U postgres -d "$1" -c "$2"
}

admin_uri () {
  echo "host=$host port=$port user=postgres dbname=$1"
}

desk_uri () {
  echo "host=127.0.0.1 port=$port dbname=$1"
}

# --- office init-server: a new office, its administrator signing in at a desk

sql postgres "CREATE DATABASE kantor_baru" >/dev/null
export WARTA_NEW_PASSWORD=admin-rahasia-1
run 0 "init-server" office init-server --to "$(admin_uri kantor_baru)" --name "Balai Uji" \
  --admin kb_admin --full-name "Admin Balai"
out_has "Office “Balai Uji” made in the database kantor_baru" "init-server"
out_has "role kantor_baru_owner" "init-server"
out_has "role kantor_baru_person" "init-server"
out_has "Administrator: kb_admin" "init-server"
[ "$(sql kantor_baru "SELECT count (*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = 'kantor_baru_owner'")" = 23 ] ||
  fail "init-server: not 23 tables owned by the office's owner"
[ "$(sql kantor_baru "SELECT pg_has_role ('kb_admin', 'kantor_baru_person', 'MEMBER')")" = t ] ||
  fail "init-server: the administrator is no login of the office"
unset WARTA_NEW_PASSWORD

export WARTA_PASSWORD=admin-rahasia-1
run 0 "the administrator signs in at a desk" --db "$(desk_uri kantor_baru)" --as kb_admin office city Medan
run 0 "and reads it back" --db "$(desk_uri kantor_baru)" --as kb_admin office city
out_has "Medan" "office city on the server"
WARTA_NEW_PASSWORD=sementara123 run 0 "the administrator adds a person" --db "$(desk_uri kantor_baru)" --as kb_admin \
  user add kb_staf --name "Staf Satu" --role staff-tim-kerja
run 0 "user list on the server" --db "$(desk_uri kantor_baru)" --as kb_admin user list
out_has "kb_staf" "user list on the server"
WARTA_PASSWORD=salah-sekali run 1 "a wrong password" --db "$(desk_uri kantor_baru)" --as kb_admin office city
WARTA_PASSWORD=sementara123 run 1 "a new person must choose a password" --db "$(desk_uri kantor_baru)" --as kb_staf \
  case new --sop bbkk-medan-publikasi-website --title Satu
err_has "choose your own password" "a new person must choose a password"
run 0 "journal verify on the server" --db "$(desk_uri kantor_baru)" --as kb_admin journal verify
out_has "journal ok" "journal verify on the server"
unset WARTA_PASSWORD

WARTA_NEW_PASSWORD=admin-rahasia-1 run 1 "init-server into an office" office init-server \
  --to "$(admin_uri kantor_baru)" --admin lagi
err_has "is not empty" "init-server into an office"
[ "$(sql kantor_baru "SELECT count (*) FROM users")" = 2 ] || fail "init-server into an office changed it"

# --- office move: a one-desk office, a file of several pieces in it

one=$tmp/satu.db
export WARTA_PASSWORD=rahasia123 WARTA_NEW_PASSWORD=rahasia123
run 0 "a one-desk office" --db "$one" init
run 0 "its administrator" --db "$one" role add admin Administrator
run 0 "its administrator" --db "$one" user add admin --name "Admin Satker" --role admin
WARTA_NEW_PASSWORD=sementara123 run 0 "a person" --db "$one" user add staf --name "Staf Tim" \
  --role staff-tim-kerja --as admin
run 0 "a person who left" --db "$one" user add lama --name "Pegawai Lama" --role staff-tim-kerja --as admin
run 0 "who left" --db "$one" user deactivate lama --as admin
WARTA_PASSWORD=sementara123 WARTA_NEW_PASSWORD=rahasia123 run 0 "staf chooses" --db "$one" user password staf
run 0 "a berkas" --db "$one" case new --sop bbkk-medan-publikasi-website --title "Rilis pindah" --as staf
case_id=$(cat "$tmp/out")
head -c 3500000 /dev/urandom >"$tmp/data.bin"
run 0 "a file of several pieces" --db "$one" attach "$case_id" "$tmp/data.bin" --as staf
unset WARTA_PASSWORD WARTA_NEW_PASSWORD
journal_events=$("$cli" --db "$one" journal verify | sed -n 's/^journal ok: \([0-9]*\) events$/\1/p')

sql postgres "CREATE DATABASE kantor_pindah" >/dev/null
printf 'old\n' >"$tmp/taken"
run 1 "move to a passwords file that exists" --db "$one" office move --to "$(admin_uri kantor_pindah)" \
  --passwords "$tmp/taken"
err_has "exists already" "move to a passwords file that exists"
[ "$(cat "$tmp/taken")" = old ] || fail "move overwrote a passwords file"
[ "$(sql kantor_pindah "SELECT count (*) FROM pg_tables WHERE schemaname = 'public'")" = 0 ] ||
  fail "move refused for its passwords file made tables"

run 0 "office move" --db "$one" office move --to "$(admin_uri kantor_pindah)" --passwords "$tmp/logins.txt"
out_has "Moved the office from $one into the database kantor_pindah" "office move"
out_has "Attachments: 1 files, 3500000 bytes" "office move"
out_has "Journal: $journal_events events" "office move"
out_has "Logins: 3 people" "office move"
[ "$(stat -c %a "$tmp/logins.txt")" = 600 ] || fail "office move: the passwords file is mode $(stat -c %a "$tmp/logins.txt")"
staf_password=$(awk -F '\t' '$1 == "staf" { print $2 }' "$tmp/logins.txt")
admin_password=$(awk -F '\t' '$1 == "admin" { print $2 }' "$tmp/logins.txt")
[ "${#staf_password}" = 16 ] || fail "office move: no 16-character password for staf"
if grep -F -q -e "$staf_password" "$tmp/out" "$tmp/err"; then
  fail "office move printed a password"
fi
for table in users roles user_roles cases step_runs attachments journal naskah; do
  [ "$(sql kantor_pindah "SELECT count (*) FROM $table")" = "$(sqlite3 "$one" "SELECT count (*) FROM $table")" ] ||
    fail "office move: $table differs"
done

WARTA_PASSWORD=$staf_password run 1 "staf signs in with the temporary password" \
  --db "$(desk_uri kantor_pindah)" --as staf case new --sop bbkk-medan-publikasi-website --title Dua
err_has "choose your own password" "staf signs in with the temporary password"
WARTA_PASSWORD=$staf_password WARTA_NEW_PASSWORD=baru-rahasia-9 run 0 "staf chooses their own" \
  --db "$(desk_uri kantor_pindah)" --as staf user password staf
WARTA_PASSWORD=baru-rahasia-9 run 0 "staf exports the moved file at their desk" \
  --db "$(desk_uri kantor_pindah)" --as staf attachment export 1 "$tmp/back.bin"
cmp -s "$tmp/data.bin" "$tmp/back.bin" || fail "the moved file is not the file"
WARTA_PASSWORD=$admin_password run 1 "the administrator too must choose" \
  --db "$(desk_uri kantor_pindah)" --as admin office city Medan
err_has "choose your own password" "the administrator too must choose"
WARTA_PASSWORD=$(awk -F '\t' '$1 == "lama" { print $2 }' "$tmp/logins.txt") run 1 "a person who left cannot sign in" \
  --db "$(desk_uri kantor_pindah)" --as lama user list
err_has "lama" "a person who left cannot sign in"

run 1 "move into an office" --db "$one" office move --to "$(admin_uri kantor_pindah)" --passwords "$tmp/again.txt"
err_has "is not empty" "move into an office"
[ ! -e "$tmp/again.txt" ] || fail "a refused move left its passwords file"

# --- a move that fails part way leaves the database empty

sql postgres "CREATE DATABASE kantor_gagal" >/dev/null
cp "$one" "$tmp/rusak.db"
"$cli" --db "$tmp/rusak.db" journal verify >/dev/null
# a file whose content is not what its SHA-256 says
printf 'UPDATE attachments SET sha256 = printf (%s, 0);\n' "'%064d'" >"$tmp/rusak.sql"
roles_before=$(sql postgres "SELECT count (*) FROM pg_roles")
sqlite3 "$tmp/rusak.db" <"$tmp/rusak.sql"
run 1 "a move that fails" --db "$tmp/rusak.db" office move --to "$(admin_uri kantor_gagal)" \
  --passwords "$tmp/gagal.txt"
err_has "does not match its SHA-256" "a move that fails"
err_has "the database is empty again" "a move that fails"
[ ! -e "$tmp/gagal.txt" ] || fail "a failed move left its passwords file"
[ "$(sql kantor_gagal "SELECT count (*) FROM pg_tables WHERE schemaname = 'public'")" = 0 ] ||
  fail "a failed move left tables"
[ "$(sql postgres "SELECT count (*) FROM pg_roles")" = "$roles_before" ] ||
  fail "a failed move left roles, or dropped another office's"
[ "$(sql kantor_gagal "SELECT count (*) FROM pg_roles WHERE rolname LIKE 'kantor\\_gagal%'")" = 0 ] ||
  fail "a failed move left the office's roles"

printf '%d checks, %d failures\n' "$checks" "$failures"
[ "$failures" -eq 0 ]
