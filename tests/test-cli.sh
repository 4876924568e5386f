#!/bin/sh
# test-cli.sh: warta-cli as people use it, from an empty database to a
# finished case of seed 002 and a tampered journal
#
# Usage: test-cli.sh PATH-TO-WARTA-CLI, with WARTA_SOPDIR naming the seeds.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu

cli=$1
sopdir=$WARTA_SOPDIR
seed002=$sopdir/002-bbkk-medan-publikasi-website.json
sop=bbkk-medan-publikasi-website

tmp=$(mktemp -d "${TMPDIR:-/tmp}/warta-cli-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
db=$tmp/warta.db

password=rahasia123
# What the administrator gives a new person, who replaces it at the
# first sign-in (choose_password).
first=sementara123
WARTA_PASSWORD=$password
WARTA_NEW_PASSWORD=$password
export WARTA_PASSWORD WARTA_NEW_PASSWORD

failures=0
checks=0

fail () {
  failures=$((failures + 1))
  printf 'FAIL: %s\n' "$1" >&2
  sed 's/^/  stdout: /' "$tmp/out" >&2
  sed 's/^/  stderr: /' "$tmp/err" >&2
}

# check STATUS WHAT ARG…: runs warta-cli ARG… on the test database and
# expects the exit status STATUS. Its output stays in $tmp/out and $tmp/err
# for the checks that follow.
check () {
  want=$1
  what=$2
  shift 2
  checks=$((checks + 1))
  if "$cli" --db "$db" "$@" >"$tmp/out" 2>"$tmp/err"; then
    got=0
  else
    got=$?
  fi
  if [ "$got" -ne "$want" ]; then
    fail "$what: warta-cli $*: exit status $got, expected $want"
  fi
}

out_has () {
  grep -F -q -e "$1" "$tmp/out" || fail "$2: stdout has no “$1”"
}

out_lacks () {
  if grep -F -q -e "$1" "$tmp/out"; then
    fail "$2: stdout has “$1”"
  fi
}

err_has () {
  grep -F -q -e "$1" "$tmp/err" || fail "$2: stderr has no “$1”"
}

out_is () {
  [ "$(cat "$tmp/out")" = "$1" ] || fail "$2: stdout is not “$1”"
}

err_is () {
  [ "$(cat "$tmp/err")" = "$1" ] || fail "$2: stderr is not “$1”"
}

out_empty () {
  [ ! -s "$tmp/out" ] || fail "$1: stdout is not empty"
}

# choose_password LOGIN: LOGIN, added by the administrator with $first,
# chooses their own password ($password) before signing in.
choose_password () {
  WARTA_PASSWORD=$first
  WARTA_NEW_PASSWORD=$password
  check 0 "$1 chooses a password" user password "$1"
  WARTA_PASSWORD=$password
  WARTA_NEW_PASSWORD=$first
}

# signs_in LOGIN WHAT: LOGIN signs in with $password (and, not being an
# administrator, is then refused the office's city).
signs_in () {
  check 1 "$2" office city Medan --as "$1"
  err_is "warta-cli: Only an administrator may do this; sign in as one (--as LOGIN)" "$2"
}

err_empty () {
  [ ! -s "$tmp/err" ] || fail "$1: stderr is not empty"
}

# json EXPRESSION WHAT: the Python EXPRESSION on the JSON in stdout, as d,
# must be true.
json () {
  python3 -c '
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    d = json.load(f)
sys.exit(0 if eval(sys.argv[2]) else 1)
' "$tmp/out" "$1" || fail "$2: not true of the JSON: $1"
}

# write_pdf PATH TEXT: a one-page PDF that poppler opens, its offsets
# counted by Python.
write_pdf () {
  python3 -c '
import sys
path, text = sys.argv[1], sys.argv[2]
objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
           b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
           b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"]
content = ("%% %s\n" % text).encode()
objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
out = bytearray(b"%PDF-1.4\n")
offsets = []
for number, body in enumerate(objects, 1):
    offsets.append(len(out))
    out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
xref = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
for offset in offsets:
    out += b"%010d 00000 n \n" % offset
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
open(path, "wb").write(out)
' "$1" "$2"
}

# The line of case ID in `case list`, or nothing.
case_line () {
  awk -F '\t' -v id="$1" '$1 == id' "$tmp/out"
}

# sql STATEMENT: on the test database, with the sqlite3 tool if there is
# one, else with Python's sqlite3 module.
sql () {
  if command -v sqlite3 >/dev/null 2>&1; then
    sqlite3 "$db" "$1"
  else
    python3 -c '
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for row in db.execute(sys.argv[2]):
    print("|".join(str(v) for v in row))
db.commit()
' "$db" "$1"
  fi
}

# Usage errors, before there is a database: exit 2, and nothing created

check 2 "no command"
err_has "Usage: warta-cli" "no command"
check 2 "unknown command" frobnicate
err_has "unknown command “frobnicate”" "unknown command"
check 2 "unknown subcommand" sop frobnicate
check 2 "unknown case subcommand" case frobnicate 1
err_has "unknown command “case frobnicate”" "unknown case subcommand"
check 2 "missing argument" sop show
err_has "usage: warta-cli sop show ID" "missing argument"
check 2 "too many arguments" sop show "$sop" extra
check 2 "unknown option" sop list --bogus
err_has "Unknown option --bogus" "unknown option"
check 2 "missing file argument" sop validate
check 2 "not a case id" case show satu
[ ! -e "$db" ] || fail "usage errors: they created the database"
check 0 "help" --help
out_has "warta-cli case new|list|show|naskah|complete|decide|return|dispose" "help"

# init

(umask 022 && "$cli" --db "$tmp/baru.db" init >/dev/null 2>&1) || fail "init of a new database with umask 022"
[ "$(stat -c %a "$tmp/baru.db")" = 600 ] || fail "init: a new database is mode $(stat -c %a "$tmp/baru.db"), not 600"
check 0 "init" init
out_has "Database $db (schema 10)" "init"
for id in bbtklpp-jakarta-pengelolaan-website dinkes-kaltim-website-informasi-publik \
          "$sop" bkk-palembang-publikasi-medsos-website balkesbang-pengelolaan-website; do
  out_has "SOP $id: version 1" "init"
done
check 0 "init again" init
out_has "SOP $sop: version 1" "init again keeps the versions"

# The database holds password hashes and attachments: its user's alone
[ "$(stat -c %a "$db")" = 600 ] || fail "init: the database is mode $(stat -c %a "$db"), not 600"
chmod 644 "$db"
check 0 "a database others can read" sop list
err_is "warta-cli: The database file $db could be read by other users of this computer (mode 0644), password hashes and attachments included; Warta has made it private to you (mode 0600)" \
  "a database others can read"
[ "$(stat -c %a "$db")" = 600 ] || fail "a database others can read: it is mode $(stat -c %a "$db"), not 600"
check 0 "a private database" sop list
err_empty "a private database"

check 0 "sop list" sop list
[ "$(wc -l <"$tmp/out")" -eq 5 ] || fail "sop list: not 5 lines"
[ -z "$(awk -F '\t' 'NF != 3' "$tmp/out")" ] || fail "sop list: a line is not ID<TAB>STEPS<TAB>NAME"
tab=$(printf '\t')
for expected in "bbtklpp-jakarta-pengelolaan-website${tab}21${tab}Pengelolaan Website" \
                "dinkes-kaltim-website-informasi-publik${tab}16${tab}Pengelolaan Website dan Informasi Publik" \
                "$sop${tab}8${tab}Publikasi Informasi Kedalam Situs Website" \
                "bkk-palembang-publikasi-medsos-website${tab}9${tab}Pengelolaan Publikasi Media Sosial dan Website" \
                "balkesbang-pengelolaan-website${tab}7${tab}Pengelolaan Website"; do
  grep -q -x -F -e "$expected" "$tmp/out" || fail "sop list: no line “$expected”"
done

# sop show

check 0 "sop show" sop show "$sop"
out_has "SOP: Publikasi Informasi Kedalam Situs Website" "sop show"
out_has "ID: $sop (version 1)" "sop show"
out_has "  kepala-satker${tab}Kepala Satker" "sop show: lanes"
out_has "  4${tab}[dispose]${tab}kepala-satker${tab}standard: 10 min" "sop show: step 4"
out_has "Total standard: 4 h 40 min" "sop show: total"
check 0 "sop show --json" sop show "$sop" --json
json 'd["id"] == "'"$sop"'" and d["version"] == 1' "sop show --json"
json '[s["id"] for s in d["steps"]] == [str(i) for i in range(1, 9)]' "sop show --json: steps"
json '[l["id"] for l in d["lanes"]] == ["staff-tim-kerja", "admin-website", "katimker-layanan-publik-zi", "kepala-satker"]' \
  "sop show --json: lanes"
json 'd["steps"][3]["action"] == "dispose" and d["steps"][3]["next"] == "5" and d["steps"][7]["end"] == "done"' \
  "sop show --json: flow"
check 0 "sop show --json, seed 003" sop show bkk-palembang-publikasi-medsos-website --json
json 'd["steps"][3]["ya"] == "5" and d["steps"][3]["tidak"] == "3"' "sop show --json: decision"
check 1 "sop show of no SOP" sop show tidak-ada
out_empty "sop show of no SOP"

# sop validate

check 0 "validate a seed" sop validate "$seed002"
out_empty "validate a seed"
err_empty "validate a seed"
check 0 "validate all seeds" sop validate "$sopdir"/*.json
err_empty "validate all seeds"

awk '!done && /"lane": "admin-website"/ { sub(/"lane": "admin-website"/, "\"lane\": \"admin-web\""); done = 1 } { print }' \
  "$seed002" >"$tmp/bad.json"
line=$(grep -n '"lane": "admin-web"' "$tmp/bad.json" | cut -d: -f1)
column=$(awk -v l="$line" 'NR == l { print index($0, "\"lane\"") }' "$tmp/bad.json")
check 1 "validate a bad file" sop validate "$tmp/bad.json"
out_empty "validate a bad file"
err_is "$tmp/bad.json:$line:$column: steps[5].lane: unknown lane “admin-web”: it is not one of “lanes”" \
  "validate a bad file"
check 1 "validate a good and a bad file" sop validate "$seed002" "$tmp/bad.json"
[ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "validate a good and a bad file: not one line on stderr"

dd if="$seed002" of="$tmp/cut.json" bs=300 count=1 2>/dev/null
check 1 "validate a cut file" sop validate "$tmp/cut.json"
case $(cat "$tmp/err") in
  "$tmp/cut.json:"[0-9]*:[0-9]*": not valid JSON: "*) ;;
  *) fail "validate a cut file: stderr is not FILE:LINE:COLUMN: not valid JSON: …" ;;
esac
check 1 "validate a missing file" sop validate "$tmp/tidak-ada.json"
err_has "$tmp/tidak-ada.json: cannot read the SOP file" "validate a missing file"

# Nested past any SOP: json-glib recurses, so this once overflowed the stack
python3 -c "import sys; d=100000; sys.stdout.write('['*d+']'*d)" >"$tmp/deep.json"
check 1 "validate a deeply nested file" sop validate "$tmp/deep.json"
err_has "$tmp/deep.json:1:65: lists and objects are nested more than 64 deep" "validate a deeply nested file"
printf '{"format": 1,\n "id": "a", "id": "b"}' >"$tmp/dup.json"
check 1 "validate a file with a field twice" sop validate "$tmp/dup.json"
err_is "$tmp/dup.json:2:13: the field “id” is written twice in the same object; keep one of them" \
  "validate a file with a field twice"
{ cat "$seed002"; printf '\n{}\n'; } >"$tmp/trailing.json"
check 1 "validate a file with text after the SOP" sop validate "$tmp/trailing.json"
err_has "$tmp/trailing.json:$(($(wc -l <"$seed002") + 2)):1: text after the end of the SOP" \
  "validate a file with text after the SOP"

# Roles and users: open while there is no user, then the admin's

check 0 "first role, nobody signed in" role add admin Administrator
check 0 "first user, nobody signed in" user add admin --name "Admin Satker" --role admin
check 0 "user list" user list
grep -q "^admin${tab}Admin Satker${tab}-${tab}-${tab}-${tab}admin (admin)\$" "$tmp/out" ||
  fail "user list: the first user is not an administrator"
check 1 "second user, nobody signed in" user add staf --name "Staf Tim Kerja" --role staff-tim-kerja
err_has "Only an administrator may do this" "second user, nobody signed in"
# From here on the administrator adds people, with a first password.
WARTA_NEW_PASSWORD=$first
check 0 "user add as admin" user add staf --name "Staf Tim Kerja" --nip 199001012020121001 \
  --jabatan "Pranata Humas" --role staff-tim-kerja --as admin
WARTA_PASSWORD=$first
check 1 "a password the administrator chose" office city Medan --as staf
err_has "choose your own password" "a password the administrator chose"
err_has "warta-cli user password staf" "a password the administrator chose"
WARTA_PASSWORD=$password
check 1 "the administrator's password for staf, wrong" office city Medan --as staf
err_is "warta-cli: Wrong login or password for “staf”" "the administrator's password for staf, wrong"
check 1 "user password with a wrong current password" user password staf
err_has "Wrong login or password for “staf”" "user password with a wrong current password"
choose_password staf
check 1 "user add as a non-admin" user add katim1 --name "Katimker Satu" \
  --role katimker-layanan-publik-zi --as staf
err_has "Only an administrator may do this" "user add as a non-admin"
WARTA_PASSWORD=bukan-sandinya
check 1 "wrong password" user add katim1 --name "Katimker Satu" --role katimker-layanan-publik-zi --as admin
err_is "warta-cli: Wrong login or password for “admin”" "wrong password"
WARTA_PASSWORD=$password
check 1 "unknown login" user add katim1 --name "Katimker Satu" --role katimker-layanan-publik-zi --as siapa
err_has "Wrong login or password for “siapa”" "unknown login"
WARTA_NEW_PASSWORD=pendek
check 1 "short password" user add katim1 --name "Katimker Satu" --role katimker-layanan-publik-zi --as admin
err_has "at least 8 characters" "short password"
WARTA_NEW_PASSWORD=$first
check 2 "user add without --name" user add katim1 --role katimker-layanan-publik-zi --as admin

# The office's city, where its papers are signed: an administrator's
check 0 "office city, not set" office city
out_is "-" "office city, not set"
check 1 "office city by staff" office city Medan --as staf
err_has "Only an administrator may do this" "office city by staff"
check 1 "office city of two lines" office city "Medan
Kota" --as admin
err_has "no line breaks" "office city of two lines"
check 1 "office city of 65 characters" office city "$(printf 'a%.0s' $(seq 65))" --as admin
err_has "at most 64 characters" "office city of 65 characters"
check 0 "office city by the admin" office city " Medan " --as admin
check 0 "office city" office city
out_is "Medan" "office city"
[ "$(sql "SELECT json_extract (payload, '$.city') FROM journal WHERE kind = 'office.city'")" = "Medan" ] ||
  fail "office city: the journal has no office.city event with the city"
check 2 "user add without --role" user add katim1 --name "Katimker Satu" --as admin
check 1 "user add with no such role" user add katim1 --name "Katimker Satu" --role katimker --as admin

check 0 "user add katim1" user add katim1 --name "Katimker Satu" --role katimker-layanan-publik-zi --as admin
check 0 "user add katim2" user add katim2 --name "Katimker Dua" --role katimker-layanan-publik-zi --as admin
check 0 "user add kepala" user add kepala --name "Kepala Satker" --role kepala-satker --as admin
check 0 "user add web" user add web --name "Admin Website" --role admin-website --as admin
check 1 "user add of a login in use" user add web --name "Admin Lain" --role admin-website --as admin
for login in katim1 katim2 kepala web; do
  choose_password "$login"
done

check 0 "user list" user list
[ "$(wc -l <"$tmp/out")" -eq 6 ] || fail "user list: not 6 users"
[ "$(grep -c ' (admin)$' "$tmp/out")" -eq 1 ] || fail "user list: not one administrator"
out_has "staf${tab}Staf Tim Kerja${tab}199001012020121001${tab}Pranata Humas${tab}-${tab}staff-tim-kerja" "user list"
check 0 "user list --role" user list --role katimker-layanan-publik-zi
[ "$(cut -f1 "$tmp/out" | tr '\n' ' ')" = "katim1 katim2 " ] || fail "user list --role: not katim1 and katim2"

check 1 "role add, nobody signed in" role add humas "Humas"
err_has "Only an administrator may do this" "role add, nobody signed in"
check 1 "role add as a non-admin" role add humas "Humas" --as staf
check 0 "role add as admin" role add humas "Humas" --as admin
check 1 "role add of a role in use" role add humas "Humas Lagi" --as admin
check 2 "role add without a name" role add humas2 --as admin
check 1 "role add with an id no lane could have" role add "Humas Baru" "Humas Baru" --as admin
err_has "is not a role id: use lowercase letters, digits and dashes" "role add with an id no lane could have"
check 0 "user with the new role" user add humas --name "Petugas Humas" --role humas --as admin
choose_password humas

# A case started before the SOP's new version keeps its version

check 0 "case new" case new --sop "$sop" --title "Rilis kegiatan vaksinasi" --as staf
a=$(cat "$tmp/out")
case $a in
  '' | *[!0-9]*) fail "case new: “$a” is not a case id"; a=0 ;;
esac
check 2 "case new without --title" case new --sop "$sop" --as staf
check 2 "case new without --as" case new --sop "$sop" --title "Tanpa pelaku"
check 1 "case new in the wrong lane" case new --sop "$sop" --title "Salah lajur" --as kepala
err_has "starts in the lane “Staff Tim Kerja”" "case new in the wrong lane"
check 1 "case new of no SOP" case new --sop tidak-ada --title "Tidak ada" --as staf

sed 's/"name": "Publikasi Informasi Kedalam Situs Website"/"name": "Publikasi Informasi ke Situs Website"/' \
  "$seed002" >"$tmp/002-revisi.json"
cmp -s "$seed002" "$tmp/002-revisi.json" && fail "the modified copy of seed 002 is the same"
check 1 "sop import, nobody signed in" sop import "$tmp/002-revisi.json"
err_has "Only an administrator may do this" "sop import, nobody signed in"
check 1 "sop import as a non-admin" sop import "$tmp/002-revisi.json" --as staf
check 1 "sop import of a bad file" sop import "$tmp/bad.json" --as admin
err_has "$tmp/bad.json:$line:$column: " "sop import of a bad file"
check 1 "sop import of a deeply nested file" sop import "$tmp/deep.json" --as admin
err_has "$tmp/deep.json:1:65: lists and objects are nested more than 64 deep" "sop import of a deeply nested file"
check 0 "sop import" sop import "$tmp/002-revisi.json" --as admin
out_is "SOP $sop: version 2" "sop import"
check 0 "sop import again" sop import "$tmp/002-revisi.json" --as admin
out_is "SOP $sop: version 2" "sop import of the same file again"
check 0 "sop list after the import" sop list
out_has "$sop${tab}8${tab}Publikasi Informasi ke Situs Website" "sop list after the import"
check 0 "sop show --version 1" sop show "$sop" --version 1
out_has "SOP: Publikasi Informasi Kedalam Situs Website" "sop show --version 1"

check 0 "case show, old version" case show "$a" --json
json 'd["sop_version"] == 1 and d["state"] == "open" and d["active"]["step"] == "1"' "case started before the import"
check 0 "case new, new version" case new --sop "$sop" --title "Rilis kedua" --as staf
b=$(cat "$tmp/out")
check 0 "case show, new version" case show "$b" --json
json 'd["sop_version"] == 2' "case started after the import"

# An SOP retired, restored and exported; its versions listed

check 1 "sop retire as a non-admin" sop retire "$sop" --as staf
err_has "Only an administrator may do this" "sop retire as a non-admin"
check 1 "sop retire of no SOP" sop retire tidak-ada --as admin
err_has "There is no SOP “tidak-ada”" "sop retire of no SOP"
check 0 "sop retire" sop retire "$sop" --as admin
check 0 "sop list, one retired" sop list
out_has "$sop${tab}8${tab}Publikasi Informasi ke Situs Website${tab}retired" "sop list, one retired"
[ "$(grep -c "${tab}retired\$" "$tmp/out")" -eq 1 ] || fail "sop list: not one SOP retired"
check 0 "sop list --versions" sop list --versions
out_has "$sop${tab}1${tab}8${tab}Publikasi Informasi Kedalam Situs Website${tab}retired" "sop list --versions: version 1"
out_has "$sop${tab}2${tab}8${tab}Publikasi Informasi ke Situs Website${tab}retired" "sop list --versions: version 2"
check 1 "case new of a retired SOP" case new --sop "$sop" --title "Sesudah pensiun" --as staf
err_has "is retired: it starts no new berkas" "case new of a retired SOP"
check 0 "case show of a berkas older than the retirement" case show "$a" --json
json 'd["state"] == "open"' "a running berkas of a retired SOP"
check 1 "sop restore as a non-admin" sop restore "$sop" --as staf
check 0 "sop restore" sop restore "$sop" --as admin
check 0 "sop list, none retired" sop list
out_lacks "retired" "sop list after the restore"

check 0 "sop export, version 1" sop export "$sop" --version 1 "$tmp/export-1.json"
cmp -s "$seed002" "$tmp/export-1.json" || fail "sop export: version 1 is not the imported file byte for byte"
check 0 "sop export, latest" sop export "$sop" "$tmp/export-2.json"
cmp -s "$tmp/002-revisi.json" "$tmp/export-2.json" || fail "sop export: the latest is not the imported file byte for byte"
check 1 "sop export of no version" sop export "$sop" --version 9 "$tmp/export-9.json"
err_has "There is no version 9" "sop export of no version"
check 2 "sop export without a file" sop export "$sop"

# The office's profile and letterhead

printf '%s' 'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGNQaHDAihiGlgQA2gM4AQRmgAkAAAAASUVORK5CYII=' \
  | base64 -d >"$tmp/logo.png"
head -c 40 "$tmp/logo.png" >"$tmp/logo-cut.png"
printf 'bukan gambar' >"$tmp/logo.txt"
check 1 "office set as a non-admin" office set --name "Kantor Lain" --as staf
err_has "Only an administrator may do this" "office set as a non-admin"
check 2 "office set with --logo and --no-logo" office set --logo "$tmp/logo.png" --no-logo --as admin
check 0 "office set" office set --name "BBKK Medan" --address "Jalan Pelabuhan I No. 1, Belawan" \
  --kop-line "KEMENTERIAN KESEHATAN REPUBLIK INDONESIA" --kop-line "BALAI BESAR KEKARANTINAAN KESEHATAN MEDAN" \
  --kop-line "Jalan Pelabuhan I No. 1, Belawan, Medan" --logo "$tmp/logo.png" --as admin
check 0 "office show" office show
out_has "Name: BBKK Medan" "office show"
out_has "Address: Jalan Pelabuhan I No. 1, Belawan" "office show"
out_has "City: Medan" "office show"
[ "$(sed -n '/^Letterhead:/,/^Logo/p' "$tmp/out" | sed '1d;$d')" = "  KEMENTERIAN KESEHATAN REPUBLIK INDONESIA
  BALAI BESAR KEKARANTINAAN KESEHATAN MEDAN
  Jalan Pelabuhan I No. 1, Belawan, Medan" ] || fail "office show: the letterhead's lines are not the three given, in order"
out_has "Logo: image/png, $(wc -c <"$tmp/logo.png") bytes, SHA-256 $(sha256sum "$tmp/logo.png" | cut -d ' ' -f 1)" "office show: the logo"
check 1 "office set with a cut logo" office set --logo "$tmp/logo-cut.png" --as admin
err_has "The logo could not be read as a picture" "office set with a cut logo"
check 1 "office set with a logo that is no picture" office set --logo "$tmp/logo.txt" --as admin
err_has "not a PNG or JPEG picture" "office set with a logo that is no picture"
check 0 "office set, only the name" office set --name "BBKK Medan Belawan" --as admin
check 0 "office show, the rest kept" office show
out_has "Name: BBKK Medan Belawan" "office show after setting the name"
out_has "  BALAI BESAR KEKARANTINAAN KESEHATAN MEDAN" "office show: the lines kept"
out_has "Logo: image/png" "office show: the logo kept"
check 0 "office set --no-logo" office set --no-logo --as admin
check 0 "office show without a logo" office show
out_has "Logo: -" "office show after --no-logo"

# Seed 002 end to end: staf 1, 2; katimker 3; kepala disposes 4 to katim2;
# katim2 5; web 6, 7; staf 8

check 1 "complete in the wrong lane" case complete "$a" --as katim1
err_has "is held by Staf Tim Kerja (staf); katim1 may not act on it" "complete in the wrong lane"
check 2 "complete without --as" case complete "$a"
check 1 "complete of no case" case complete 9999 --as staf
check 1 "step 1 without a naskah" case complete "$a" --as staf
err_has "needs the naskah" "step 1 without a naskah"
check 1 "naskah by the wrong person" case naskah "$a" --as katim1 --title "Judul"
check 2 "naskah with --body and --body-file" case naskah "$a" --as staf --body x --body-file /dev/null
printf 'Petugas memberikan **vaksinasi**.\n' > "$tmp/body.md"
check 1 "naskah from a missing file" case naskah "$a" --as staf --body-file "$tmp/no-such-file.md"
err_has "no-such-file.md" "naskah from a missing file"
printf 'Isi \377\376 rusak\n' > "$tmp/latin1.md"
check 1 "naskah from a non-UTF-8 file" case naskah "$a" --as staf --body-file "$tmp/latin1.md"
err_has "is not UTF-8 text" "naskah from a non-UTF-8 file"
check 0 "naskah" case naskah "$a" --as staf --title "Vaksinasi di Pelabuhan" --body-file "$tmp/body.md"
check 0 "case show with the naskah" case show "$a" --json
json 'd["naskah"]["title"] == "Vaksinasi di Pelabuhan" and d["naskah"]["body"].startswith("Petugas")' "the naskah is saved"
check 0 "step 1" case complete "$a" --as staf --note "Konsep siap"
# A second desk that still shows step 1: refused, told who did it,
# rather than completing step 2, which staf may act on too
check 1 "step 1 from a desk that saw it" case complete "$a" --as staf --step 1
err_has "Step 1 was already completed by Staf Tim Kerja" "an action on a step completed first elsewhere"

# Attachments, at step 2: it hands on a nota dinas and supporting documents

check 1 "step 2 without its attachments" case complete "$a" --as staf
err_has "needs its attachments first: Nota dinas; Dokumen dan data dukung" "step 2 without its attachments"
write_pdf "$tmp/nota.pdf" "Nota dinas nomor 12"
write_pdf "$tmp/data.pdf" "Data dukung: jadwal layanan vaksinasi"
printf '\211PNG\r\n\032\n0000IHDR' > "$tmp/foto.pdf"
head -c 3000 /dev/urandom > "$tmp/big.bin"
python3 -c '
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("isi.txt", "bukan nota dinas")
' "$tmp/nota-dinas-palsu.pdf"
: > "$tmp/kosong.pdf"
check 2 "attach without --as" attach "$a" "$tmp/nota.pdf"
check 1 "attach by the wrong person" attach "$a" "$tmp/nota.pdf" --as katim1
err_has "may not act on it" "attach by the wrong person"
check 1 "attach a missing file" attach "$a" "$tmp/no-such.pdf" --as staf
err_has "no-such.pdf" "attach a missing file"
check 1 "attach a folder" attach "$a" "$tmp" --as staf
err_has "is not a regular file" "attach a folder"
check 1 "attach with an unknown kind" attach "$a" "$tmp/nota.pdf" --kind surat --as staf
err_has "is not a kind of attachment" "attach with an unknown kind"
check 2 "attach to no case id" attach satu "$tmp/nota.pdf" --as staf
err_has "is not a case id" "attach to no case id"
check 2 "limit that is no size" attachment limit dua --as admin
err_has "is not a size" "limit that is no size"
check 1 "limit over sqlite's ceiling" attachment limit 2G --as admin
err_has "must be between 1 byte and" "limit over sqlite's ceiling"
check 2 "export of no attachment id" attachment export x "$tmp/x.pdf"
err_has "is not an attachment id" "export of no attachment id"
check 2 "unknown attachment subcommand" attachment rename 1
check 1 "limit set by a non-administrator" attachment limit 1K --as staf
check 0 "limit set to 1 KiB" attachment limit 1K --as admin
out_has "(1024 bytes)" "limit set to 1 KiB"
check 1 "attach over the limit" attach "$a" "$tmp/big.bin" --as staf
err_has "one attachment may be at most 1.0" "attach over the limit"
check 0 "limit back to 512 MiB" attachment limit 512M --as admin
out_has "(536870912 bytes)" "limit back to 512 MiB"
# A kind holds what the content bears out, and nothing is empty
check 1 "attach a ZIP named .pdf as the nota dinas" attach "$a" "$tmp/nota-dinas-palsu.pdf" --kind nota-dinas --as staf
err_has "“nota-dinas-palsu.pdf” is not a PDF document: its content is Zip archive. A nota dinas or supporting document must be" \
  "attach a ZIP named .pdf as the nota dinas"
check 1 "attach an empty file as a supporting document" attach "$a" "$tmp/kosong.pdf" --kind dokumen-pendukung --as staf
err_has "“kosong.pdf” is empty (0 bytes)" "attach an empty file as a supporting document"
check 1 "attach an empty file of no kind" attach "$a" "$tmp/kosong.pdf" --as staf
err_has "“kosong.pdf” is empty (0 bytes). An attachment cannot be empty" "attach an empty file of no kind"
check 1 "attach random bytes as the supporting document" attach "$a" "$tmp/big.bin" --kind dokumen-pendukung --as staf
err_has "“big.bin” is not a document" "attach random bytes as the supporting document"
check 0 "attachment list, none yet" attachment list "$a" --json
json 'd == []' "nothing was stored by the refused attaches"
check 0 "attach the nota dinas" attach "$a" "$tmp/nota.pdf" --kind nota-dinas --as staf
out_has "(nota-dinas, application/pdf," "attach the nota dinas"
nota=$(sed -n 's/^attachment \([0-9][0-9]*\):.*/\1/p' "$tmp/out")
check 0 "attach a PNG named .pdf" attach "$a" "$tmp/foto.pdf" --as staf
out_has "(foto, image/png," "the type comes from the content, not the name"
foto=$(sed -n 's/^attachment \([0-9][0-9]*\):.*/\1/p' "$tmp/out")
check 1 "step 2 with only the nota dinas" case complete "$a" --as staf
err_has "Dokumen dan data dukung" "step 2 with only the nota dinas"
check 0 "attach the supporting document" attach "$a" "$tmp/data.pdf" --kind dokumen-pendukung --as staf
check 0 "attachment list" attachment list "$a" --json
want_sum=$(sha256sum "$tmp/data.pdf" | cut -d' ' -f1)
want_size=$(wc -c < "$tmp/data.pdf")
json "len(d) == 3 and d[2]['sha256'] == '$want_sum' and d[2]['size'] == $want_size and d[2]['step'] == '2' and d[2]['added_by'] == 'staf'" \
  "attachment list: kinds, sizes, hashes and who added them"
check 0 "attachment list, text" attachment list "$a"
out_has "sha256 $want_sum" "attachment list, text"
check 0 "attachment export" attachment export "$nota" "$tmp/nota-out.pdf"
cmp -s "$tmp/nota.pdf" "$tmp/nota-out.pdf" || fail "attachment export: the content differs"
check 1 "attachment export of none" attachment export 9999 "$tmp/none.pdf"
[ ! -e "$tmp/none.pdf" ] || fail "attachment export of none left a file behind"
check 1 "attachment remove by the wrong person" attachment remove "$foto" --as katim1
check 0 "attachment remove" attachment remove "$foto" --as staf
check 0 "attachment list after remove" attachment list "$a" --json
json "len(d) == 2 and all(x['id'] != $foto for x in d)" "the removed attachment is gone"
[ "$(sql "SELECT count(*) FROM journal WHERE kind = 'attachment.remove'")" = 1 ] || fail "the removal is not journaled"
check 0 "step 2" case complete "$a" --as staf
check 1 "attachment remove after its step" attachment remove "$nota" --as katim1
err_has "stays with the case" "attachment remove after its step"

check 0 "inbox of katim1 at step 3" case list --inbox katim1
[ -n "$(case_line "$a")" ] || fail "inbox of katim1: case $a is not there at step 3"
check 0 "inbox of katim2 at step 3" case list --inbox katim2
[ -n "$(case_line "$a")" ] || fail "inbox of katim2: case $a, held by the lane, is not there"
check 0 "inbox of staf at step 3" case list --inbox staf
[ -z "$(case_line "$a")" ] || fail "inbox of staf: case $a is there at step 3"
[ -n "$(case_line "$b")" ] || fail "inbox of staf: case $b is not there"
check 1 "inbox of nobody" case list --inbox siapa

check 2 "return without --reason" case return "$a" --to 1 --as katim1
check 2 "return without --to" case return "$a" --reason "Perbaiki" --as katim1
check 1 "return with an empty reason" case return "$a" --to 1 --reason "  " --as katim1
err_has "needs a reason" "return with an empty reason"
check 1 "return to a step not yet done" case return "$a" --to 5 --reason "Lompat" --as katim1
check 1 "decide on a step that is no decision" case decide "$a" --yes --as katim1
err_has "not a decision step" "decide on a step that is no decision"
check 2 "decide with both answers" case decide "$a" --yes --no --as katim1
check 0 "return to step 1" case return "$a" --to 1 --reason "Lengkapi data dukung" --as katim1
check 0 "inbox of staf after the return" case list --inbox staf
[ -n "$(case_line "$a")" ] || fail "inbox of staf: the returned case $a is not there"
case_line "$a" | grep -q "${tab}1${tab}staf${tab}" || fail "case list: the returned case is not at step 1, held by staf"
check 0 "inbox of katim1 after the return" case list --inbox katim1
[ -z "$(case_line "$a")" ] || fail "inbox of katim1: the returned case $a is still there"

check 0 "step 1 again" case complete "$a" --as staf --note "Data dukung dilengkapi"
check 0 "step 2 again" case complete "$a" --as staf
check 0 "step 3" case complete "$a" --as katim1 --note "Sudah dikoreksi"

check 1 "dispose in the wrong lane" case dispose "$a" --to katim2 --instruction "Periksa" --as katim1
check 1 "complete a disposition" case complete "$a" --as kepala
err_has "is a disposition" "complete a disposition"
check 2 "dispose without --instruction" case dispose "$a" --to katim2 --as kepala
check 2 "dispose without --to" case dispose "$a" --instruction "Periksa" --as kepala
check 1 "dispose with an empty instruction" case dispose "$a" --to katim2 --instruction " " --as kepala
check 1 "dispose to the wrong lane" case dispose "$a" --to staf --instruction "Periksa" --as kepala
err_has "does not hold that role" "dispose to the wrong lane"
check 1 "dispose to nobody" case dispose "$a" --to siapa --instruction "Periksa" --as kepala
check 2 "dispose with a sifat of no such name" case dispose "$a" --to katim2 --instruction "Periksa" --sifat kilat --as kepala
err_has "“kilat” is not a sifat" "dispose with a sifat of no such name"
check 2 "dispose with an arahan box of no such name" case dispose "$a" --to katim2 --instruction "Periksa" \
  --arahan-box tindak-lanjuti,dansa --as kepala
err_has "“dansa” is not an arahan box" "dispose with an arahan box of no such name"
instruction="Periksa dokumen final lalu teruskan ke admin website"
check 0 "step 4, the disposition" case dispose "$a" --to katim2 --instruction "$instruction" --as kepala \
  --sifat segera --arahan-box "tindak-lanjuti, koordinasikan"
[ "$(sql "SELECT sifat || '/' || arahan_boxes FROM dispositions WHERE case_id = $a")" = "segera/tindak-lanjuti,koordinasikan" ] ||
  fail "case dispose --sifat segera --arahan-box: the disposition does not hold them"
[ "$(sql "SELECT json_extract (payload, '$.sifat') || '/' || json_extract (payload, '$.arahan_boxes') FROM journal
         WHERE kind = 'case.dispose' AND case_id = $a")" = "segera/tindak-lanjuti,koordinasikan" ] ||
  fail "case dispose --sifat: the journal event does not hold the sifat and the boxes"

check 0 "inbox of katim2 after the disposition" case list --inbox katim2
case_line "$a" | grep -q "${tab}5${tab}katim2${tab}" || fail "inbox of katim2: case $a is not at step 5, held by katim2"
check 0 "inbox of katim1 after the disposition" case list --inbox katim1
[ -z "$(case_line "$a")" ] || fail "inbox of katim1: case $a, disposed to katim2, is there"
check 1 "step 5 by the wrong person" case complete "$a" --as katim1
err_has "is held by Katimker Dua (katim2); katim1 may not act on it" "step 5 by the wrong person"
check 0 "step 5" case complete "$a" --as katim2
check 1 "step 6 by the staff" case complete "$a" --as staf
# Step 6 is done when the naskah is published and proven live. Here by
# hand (the manual channel) on a page served from loopback: warta-cli
# verifies it, keeps its screenshot (WebKitGTK, on the test's display)
# and completes the step. The WordPress channel has its own tests.
check 1 "step 6 without a publication" case complete "$a" --as web
err_has "published and verified" "step 6 without a publication"
mkdir "$tmp/www"
printf '<!doctype html><html><head><meta charset="utf-8"><title>Berita</title></head><body><h1>Vaksinasi di Pelabuhan</h1><p>Petugas BBKK Medan.</p></body></html>\n' \
  > "$tmp/www/vaksinasi.html"
printf '<!doctype html><html><body><h1>Berita lain</h1></body></html>\n' > "$tmp/www/lain.html"
python3 -m http.server --bind 127.0.0.1 --directory "$tmp/www" 0 > "$tmp/http.log" 2>&1 &
http_pid=$!
trap 'kill "$http_pid" 2>/dev/null; rm -rf "$tmp"' EXIT
port=
for _ in $(seq 1 50); do
  port=$(sed -n 's/.*port \([0-9][0-9]*\).*/\1/p' "$tmp/http.log" | head -n 1)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || fail "python3 -m http.server did not start"
page="http://127.0.0.1:$port/vaksinasi.html"
check 2 "publish without a channel" publish "$a" --as web
check 2 "publish with both channels" publish "$a" --site x --manual-url "$page" --as web
check 2 "publish with a time limit of 0" publish "$a" --site x --timeout 0 --as web
err_has "--timeout needs a number of seconds above 0" "publish with a time limit of 0"
check 2 "publish with a time limit that is no number" publish "$a" --site x --timeout lama --as web
check 1 "publish by the staff" publish "$a" --manual-url "$page" --as staf
err_has "publish step" "publish by the staff"
check 1 "publish over plain http to another host" publish "$a" --manual-url "http://bbkkmedan.example/berita" --as web
err_has "https" "publish over plain http to another host"
check 1 "publish a page without the title" publish "$a" --manual-url "http://127.0.0.1:$port/lain.html" --as web
err_has "is not in it" "publish a page without the title"
check 1 "publish a page that is not there" publish "$a" --manual-url "http://127.0.0.1:$port/hilang.html" --as web
err_has "HTTP 404" "publish a page that is not there"
check 2 "publish of no case id" publish satu --manual-url "$page" --as web
check 2 "publish with a date that is no date" publish "$a" --manual-url "$page" --status future --date kemarin --as web
err_has "is not an ISO 8601 date" "publish with a date that is no date"
check 2 "publish future without a date" publish "$a" --manual-url "$page" --status future --as web
check 1 "publish to no such site" publish "$a" --site tidak-ada --as web
err_has "There is no site named “tidak-ada”" "publish to no such site"
check 1 "publish to a URL that is no URL" publish "$a" --manual-url "bukan alamat" --as web
check 1 "site add with an ftp URL" site add Situs --url ftp://bbkkmedan.example/ --user redaksi --as admin
check 2 "site add without --user" site add Situs --url https://bbkkmedan.example/ --as admin
check 1 "site add with a missing credentials file" site add Situs --url https://bbkkmedan.example/ --user redaksi \
  --credentials-file "$tmp/tidak-ada" --as admin
check 1 "site test of no such site" site test tidak-ada
check 2 "unknown site subcommand" site hapus Situs
check 1 "verify a case never published" verify "$b"
err_has "has no verified publication" "verify a case never published"
check 0 "step 6, published by hand" publish "$a" --manual-url "$page" --as web
out_has "published, verified and its screenshot kept" "step 6, published by hand"
[ "$(sql "SELECT count(*) FROM publications WHERE link = '$page' AND http_status = 200 AND title_found = 1 AND screenshot_id > 0")" = 1 ] \
  || fail "the manual publication is not recorded as verified with its screenshot"
[ "$(sql "SELECT content_type FROM attachments WHERE id = (SELECT screenshot_id FROM publications WHERE link = '$page')")" = image/png ] \
  || fail "the screenshot is not kept as a PNG attachment"
check 0 "verify" verify "$a"
out_has "ok $page: HTTP 200" "verify"
check 2 "verify of no case id" verify satu
check 0 "step 7" case complete "$a" --as web
check 0 "step 8" case complete "$a" --as staf
# The page changes, then goes: verify says so with exit 1
printf '<!doctype html><html><body><h1>Vaksinasi di Pelabuhan</h1><p>Diperbarui.</p></body></html>\n' > "$tmp/www/vaksinasi.html"
check 1 "verify a changed page" verify "$a"
out_has "CHANGED $page" "verify a changed page"
rm "$tmp/www/vaksinasi.html"
check 1 "verify a page that is gone" verify "$a"
out_has "GONE $page: HTTP 404" "verify a page that is gone"
[ "$(sql "SELECT count(*) FROM journal WHERE kind = 'publication.check'")" = 3 ] || fail "the checks are not journaled"

check 1 "complete the finished case" case complete "$a" --as staf
err_has "is finished" "complete the finished case"
check 1 "return the finished case" case return "$a" --to 1 --reason "Lagi" --as staf
check 1 "dispose the finished case" case dispose "$a" --to katim2 --instruction "Lagi" --as kepala

check 0 "case list --state done" case list --state done
case_line "$a" | grep -q "^$a${tab}done${tab}$sop${tab}-${tab}-${tab}-${tab}Rilis kegiatan vaksinasi\$" ||
  fail "case list --state done: case $a is not listed as done"
[ -z "$(case_line "$b")" ] || fail "case list --state done: the open case $b is listed"
check 0 "case list --state open" case list --state open
[ -z "$(case_line "$a")" ] || fail "case list --state open: the finished case $a is listed"
[ -n "$(case_line "$b")" ] || fail "case list --state open: case $b is not listed"
check 2 "case list --state of no state" case list --state selesai
check 0 "inbox of staf at the end" case list --inbox staf
[ -z "$(case_line "$a")" ] || fail "inbox of staf: the finished case $a is there"

check 0 "case show" case show "$a"
out_has "State: done" "case show"
out_has "Dispositions:" "case show"
out_has "kepala → katim2${tab}$instruction${tab}segera${tab}tindak-lanjuti,koordinasikan" "case show"
check 0 "case show --json" case show "$a" --json
json 'd["state"] == "done" and d["active"] is None and d["finished_at"] is not None and d["sop_version"] == 1' \
  "case show --json: done"
json '[h["step"] for h in d["history"]] == ["1", "2", "3", "1", "2", "3", "4", "5", "6", "7", "8"]' \
  "case show --json: every step in the history"
json '[h["outcome"] for h in d["history"]] == ["completed"] * 2 + ["returned"] + ["completed"] * 3 + ["disposed"] + ["completed"] * 4' \
  "case show --json: outcomes"
json '[h["completed_by"] for h in d["history"]] == ["staf", "staf", "katim1", "staf", "staf", "katim1", "kepala", "katim2", "web", "web", "staf"]' \
  "case show --json: who did each step"
json 'd["history"][2]["note"] == "Lengkapi data dukung" and d["history"][0]["note"] == "Konsep siap"' \
  "case show --json: the reason and the notes"
json 'len(d["dispositions"]) == 1 and d["dispositions"][0]["from"] == "kepala" and d["dispositions"][0]["to"] == "katim2"' \
  "case show --json: the disposition"
json 'd["dispositions"][0]["instruction"] == "'"$instruction"'" and d["dispositions"][0]["at"] is not None' \
  "case show --json: the instruction"
json 'd["dispositions"][0]["sifat"] == "segera" and d["dispositions"][0]["arahan_boxes"] == "tindak-lanjuti,koordinasikan"' \
  "case show --json: the disposition's sifat and arahan boxes"
check 1 "case show of no case" case show 9999

# Evidence: the case's three documents as PDFs. The Bukti Publikasi holds
# the title, the link and the SOP's number, and its QR code (page 1) is
# the link. Each export is recorded with its SHA-256 and journaled.

sop_number="OT.02.02/C.IX.4/206/2025"
check 2 "evidence without --output" evidence "$a" --as web
check 2 "evidence of an unknown document" evidence "$a" --output "$tmp/x.pdf" --document surat --as web
err_has "“surat” is not a document" "evidence of an unknown document"
check 2 "evidence of no case id" evidence satu --output "$tmp/x.pdf" --as web
check 2 "evidence without --as" evidence "$a" --output "$tmp/x.pdf"
check 1 "evidence of no case" evidence 9999 --output "$tmp/x.pdf" --as web
err_has "9999" "evidence of no case"
check 1 "evidence by someone of no lane of the SOP" evidence "$a" --output "$tmp/x.pdf" --as humas
err_has "may print its documents" "evidence by someone of no lane of the SOP"
check 1 "evidence into a folder that is not there" evidence "$a" --output "$tmp/tidak-ada/x.pdf" --as web
err_has "Cannot write “$tmp/tidak-ada/x.pdf”" "evidence into a folder that is not there"
check 1 "evidence under a file" evidence "$a" --output "$tmp/nota.pdf/x.pdf" --as web
err_has "Cannot write" "evidence under a file"
check 1 "evidence over a folder" evidence "$a" --output "$tmp/www" --as web
err_has "is a folder" "evidence over a folder"
[ ! -e "$tmp/x.pdf" ] || fail "a refused evidence left $tmp/x.pdf"
[ "$(sql "SELECT count(*) FROM prints")" = 0 ] || fail "a refused evidence was recorded"

for doc in bukti disposisi artikel; do
  check 0 "evidence $doc" evidence "$a" --output "$tmp/$doc.pdf" --document "$doc" --as web
  [ "$(head -c 4 "$tmp/$doc.pdf")" = "%PDF" ] || fail "evidence $doc: $tmp/$doc.pdf is not a PDF"
  sum=$(sha256sum "$tmp/$doc.pdf" | cut -d' ' -f1)
  out_has "SHA-256 $sum" "evidence $doc: the SHA-256 printed is the file's"
  [ "$(sql "SELECT count(*) FROM prints WHERE case_id = $a AND document = '$doc' AND how = 'export' AND sha256 = '$sum'")" = 1 ] \
    || fail "evidence $doc: the export is not recorded with its SHA-256"
done
[ -z "$(find "$tmp" -maxdepth 1 -name '.*.pdf.*')" ] || fail "evidence left a temporary file behind"
[ "$(sql "SELECT count(*) FROM journal WHERE kind = 'evidence.export' AND case_id = $a")" = 3 ] \
  || fail "the three exports are not journaled"
check 0 "evidence, bukti by default, again over the same file" evidence "$a" -o "$tmp/bukti.pdf" --as staf
out_has "Bukti Publikasi: $tmp/bukti.pdf" "evidence, bukti by default"

pdftotext -layout "$tmp/bukti.pdf" "$tmp/bukti.txt" || fail "pdftotext cannot read the Bukti Publikasi"
for text in "Rilis kegiatan vaksinasi" "$page" "$sop_number"; do
  grep -F -q -e "$text" "$tmp/bukti.txt" || fail "the Bukti Publikasi has no “$text”"
done
pdftoppm -r 150 -png -f 1 -l 1 -singlefile "$tmp/bukti.pdf" "$tmp/bukti-1" || fail "pdftoppm cannot render the Bukti Publikasi"
zbarimg --quiet --raw "$tmp/bukti-1.png" > "$tmp/qr.txt" 2>"$tmp/zbar.err" || fail "zbarimg finds no code on page 1 of the Bukti Publikasi"
grep -q -x -F -e "$page" "$tmp/qr.txt" || fail "the QR code of the Bukti Publikasi is not $page: $(cat "$tmp/qr.txt")"

# The archive bundle: exported, checked, then a file changed and one gone

check 2 "archive without a subcommand" archive
check 2 "archive export without --as" archive export "$a" "$tmp/bundle"
check 2 "archive export of no case id" archive export satu "$tmp/bundle" --as web
check 1 "archive export by someone of no lane of the SOP" archive export "$a" "$tmp/bundle" --as humas
[ ! -e "$tmp/bundle" ] || fail "a refused archive export made $tmp/bundle"
mkdir "$tmp/full"
printf 'catatan\n' > "$tmp/full/catatan.txt"
check 1 "archive export into a folder with files" archive export "$a" "$tmp/full" --as web
err_has "is not empty" "archive export into a folder with files"
[ "$(ls "$tmp/full")" = catatan.txt ] || fail "archive export into a folder with files touched it"
check 0 "archive export" archive export "$a" "$tmp/bundle" --as web
out_has "$tmp/bundle" "archive export"
for name in manifest.json bukti-publikasi.pdf lembar-disposisi.pdf salinan-artikel.pdf; do
  [ -f "$tmp/bundle/$name" ] || fail "archive export: no $name"
done
[ "$(ls "$tmp/bundle/lampiran" | wc -l)" -eq 3 ] || fail "archive export: not the 3 attachments in lampiran/"
[ "$(ls "$tmp/bundle/arsip" | wc -l)" -eq 1 ] || fail "archive export: not the 1 archive copy in arsip/"
cp "$tmp/bundle/manifest.json" "$tmp/out"
json 'd["format_version"] == 1 and d["case_id"] == '"$a"' and d["sop_number"] == "'"$sop_number"'" and d["link"] == "'"$page"'"' \
  "archive export: the manifest's case, SOP and link"
json 'd["generated_by"] == "web" and len(d["journal_hash"]) == 64 and len(d["files"]) == 7' "archive export: the manifest's files"
manifest_sum=$(sha256sum "$tmp/bundle/manifest.json" | cut -d' ' -f1)
[ "$(sql "SELECT count(*) FROM prints WHERE document = 'bundle' AND sha256 = '$manifest_sum'")" = 1 ] \
  || fail "archive export is not recorded with the manifest's SHA-256"
check 0 "archive check" archive check "$tmp/bundle"
out_is "archive ok: every file of $tmp/bundle matches its manifest" "archive check"
check 1 "archive check of a folder that is no bundle" archive check "$tmp/www"
err_has "has no manifest.json" "archive check of a folder that is no bundle"
check 2 "archive check without a folder" archive check

changed=lampiran/$(ls "$tmp/bundle/lampiran" | head -n 1)
python3 -c '
import sys
with open(sys.argv[1], "r+b") as f:
    b = f.read(1)
    f.seek(0)
    f.write(bytes([b[0] ^ 1]))
' "$tmp/bundle/$changed"
check 1 "archive check, a changed attachment" archive check "$tmp/bundle"
out_has "$changed: changed" "archive check, a changed attachment"
err_has "does not match its manifest" "archive check, a changed attachment"
[ "$(wc -l <"$tmp/out")" -eq 1 ] || fail "archive check, a changed attachment: not one line"
rm "$tmp/bundle/lembar-disposisi.pdf"
check 1 "archive check, a PDF gone" archive check "$tmp/bundle"
out_has "lembar-disposisi.pdf: missing" "archive check, a PDF gone"
out_has "$changed: changed" "archive check, a PDF gone"
[ "$(wc -l <"$tmp/out")" -eq 2 ] || fail "archive check, a PDF gone: not two lines"
printf '{"format_version": 1, "files": [{"path": "../warta.db", "size": 1, "sha256": "%064d"}' 0 > "$tmp/bundle/manifest.json"
check 1 "archive check, a manifest cut short" archive check "$tmp/bundle"
err_has "is not valid JSON" "archive check, a manifest cut short"
printf '{"format_version": 1, "files": [{"path": "../warta.db", "size": 1, "sha256": "%064d"}]}' 0 > "$tmp/bundle/manifest.json"
check 1 "archive check, a path out of the bundle" archive check "$tmp/bundle"
out_has "../warta.db: the manifest names a file outside the bundle" "archive check, a path out of the bundle"

# A decision, in seed 003: tidak goes back to the writing, ya on

p=bkk-palembang-publikasi-medsos-website
check 0 "user add subbag" user add subbag --name "Subbag" --role subbag-tim-kerja --as admin
check 0 "user add humas3" user add humas3 --name "Pranata Humas" --role pranata-humas --as admin
check 0 "user add ppid" user add ppid --name "Tim PPID" --role tim-ppid --as admin
for login in subbag humas3 ppid; do
  choose_password "$login"
done
check 0 "case new, seed 003" case new --sop "$p" --title "Liputan" --as subbag
c=$(cat "$tmp/out")
check 0 "003 step 1" case complete "$c" --as subbag
check 0 "003 step 2" case dispose "$c" --to humas3 --instruction "Tulis 5W+1H" --as subbag
check 0 "003 naskah without 5W+1H" case naskah "$c" --as humas3 --title "Liputan" --body "Isi liputan"
check 1 "003 step 3 without 5W+1H" case complete "$c" --as humas3
err_has "5W+1H" "003 step 3 without 5W+1H"
check 0 "003 5W+1H" case naskah "$c" --as humas3 --who "Tim" --what "Liputan" --when "Senin" \
  --where "Palembang" --why "Informasi publik" --how "Kunjungan"
check 1 "003 step 3 without its photo" case complete "$c" --as humas3
err_has "File foto; Laporan liputan" "003 step 3 without its photo"
check 0 "003 attach a photo" attach "$c" "$tmp/foto.pdf" --as humas3
check 0 "003 attach the report" attach "$c" "$tmp/nota.pdf" --kind dokumen-pendukung --as humas3
check 0 "003 step 3" case complete "$c" --as humas3
check 1 "003 complete a decision" case complete "$c" --as ppid
err_has "is a decision" "003 complete a decision"
check 2 "003 decide without an answer" case decide "$c" --as ppid
check 0 "003 step 4, tidak" case decide "$c" --no --note "Belum lengkap" --as ppid
check 0 "003 after tidak" case show "$c" --json
json 'd["active"]["step"] == "3" and d["active"]["assignee"] == "humas3" and d["history"][3]["outcome"] == "no"' \
  "003: tidak leads back to step 3"
check 0 "003 step 3 again" case complete "$c" --as humas3
check 0 "003 step 4, ya" case decide "$c" --yes --as ppid
check 0 "003 after ya" case show "$c" --json
json 'd["active"]["step"] == "5" and d["active"]["lane"] == "kepala-balai" and d["history"][-2]["outcome"] == "yes" and d["history"][-1]["outcome"] is None' \
  "003: ya leads on to step 5"

# The office's people, kept by its administrator: edited, deactivated
# (never deleted), passwords set and changed, roles renamed, and a step
# held by someone who left handed over.

check 0 "user edit" user edit humas --name "Petugas Humas Baru" --nip 198703152010122002 \
  --jabatan "Pranata Humas Ahli Muda" --pangkat "Penata / III-c" --as admin
err_empty "user edit"
check 0 "user list after user edit" user list --role humas
out_is "humas${tab}Petugas Humas Baru${tab}198703152010122002${tab}Pranata Humas Ahli Muda${tab}Penata / III-c${tab}humas" \
  "user list after user edit"
[ "$(sql "SELECT json_extract (payload, '$.pangkat') FROM journal WHERE kind = 'user.edit'")" = "Penata / III-c" ] ||
  fail "user edit: the journal has no user.edit event with the pangkat"
check 1 "user edit with a NIP of 17 digits" user edit humas --nip 19870315201012200 --as admin
err_is "warta-cli: NIP must have 18 digits; it has 17" "user edit with a NIP of 17 digits"
check 1 "user edit with a NIP born on 30 February" user edit humas --nip 198702302010122002 --as admin
err_has "19870230 is not a real date" "user edit with a NIP born on 30 February"
check 1 "user edit with a NIP appointed in month 13" user edit humas --nip 198703152010132002 --as admin
err_has "13 is not a month" "user edit with a NIP appointed in month 13"
check 1 "user edit with a NIP of sex 3" user edit humas --nip 198703152010123002 --as admin
err_has "1 for a man or 2 for a woman" "user edit with a NIP of sex 3"
check 1 "user add with a bad NIP" user add pegawai --name "Pegawai" --nip 12345 --role humas --as admin
err_has "NIP must have 18 digits; it has 5" "user add with a bad NIP"
check 1 "user edit by a non-administrator" user edit humas --name "Bukan" --as staf
err_has "Only an administrator may do this" "user edit by a non-administrator"
check 1 "user edit to a login in use" user edit humas --login staf --as admin
err_has "The login “staf” is someone else's" "user edit to a login in use"
check 1 "user edit with no such role" user edit humas --role tidak-ada --as admin
err_has "There is no role “tidak-ada”" "user edit with no such role"
check 2 "user edit with --admin and --no-admin" user edit humas --admin --no-admin --as admin
check 1 "the last administrator stays one" user edit admin --no-admin --as admin
err_has "last administrator" "the last administrator stays one"
check 1 "an administrator deactivating themselves" user deactivate admin --as admin
err_has "You cannot deactivate your own account" "an administrator deactivating themselves"
check 0 "user edit of the login" user edit humas --login humas-baru --as admin
signs_in humas-baru "the new login signs in"
check 0 "user edit of the login back" user edit humas-baru --login humas --as admin

check 0 "role rename" role rename humas "Hubungan Masyarakat" --as admin
check 0 "role list" role list
out_has "humas${tab}Hubungan Masyarakat${tab}humas" "role list"
out_has "katimker-layanan-publik-zi${tab}" "role list"
[ "$(sql "SELECT json_extract (payload, '$.old_name') FROM journal WHERE kind = 'role.rename'")" = "Humas" ] ||
  fail "role rename: the journal has no role.rename event with the old name"
check 1 "role rename by a non-administrator" role rename humas "Humas" --as staf
err_has "Only an administrator may do this" "role rename by a non-administrator"
check 1 "role rename of no role" role rename tidak-ada "Tidak Ada" --as admin
err_has "There is no role “tidak-ada”" "role rename of no role"

# humas3 holds step 3 of a berkas of seed 003, and leaves
check 0 "user add humas4" user add humas4 --name "Pranata Humas Dua" --nip 199205102019032001 \
  --pangkat "Penata Muda / III-a" --role pranata-humas --as admin
check 0 "user list, humas4 with a pangkat" user list --role pranata-humas
out_has "humas4${tab}Pranata Humas Dua${tab}199205102019032001${tab}-${tab}Penata Muda / III-a${tab}pranata-humas" \
  "user list, humas4 with a pangkat"
choose_password humas4
check 0 "case new, held by humas3" case new --sop "$p" --title "Liputan kedua" --as subbag
d=$(cat "$tmp/out")
check 0 "held by humas3: step 1" case complete "$d" --as subbag
check 0 "held by humas3: step 2" case dispose "$d" --to humas3 --instruction "Tulis" --as subbag
check 0 "case new, to dispose" case new --sop "$p" --title "Liputan ketiga" --as subbag
e=$(cat "$tmp/out")
check 0 "to dispose: step 1" case complete "$e" --as subbag
check 1 "user deactivate by a non-administrator" user deactivate humas3 --as staf
err_has "Only an administrator may do this" "user deactivate by a non-administrator"
check 0 "user deactivate" user deactivate humas3 --as admin
check 0 "user list, humas3 inactive" user list --role pranata-humas
out_has "humas3${tab}Pranata Humas${tab}-${tab}-${tab}-${tab}pranata-humas (inactive)" "user list, humas3 inactive"
check 0 "role list, humas3 inactive" role list
out_has "pranata-humas${tab}" "role list, humas3 inactive"
out_has "humas3 (inactive)" "role list, humas3 inactive"
check 1 "a deactivated person signs in" case naskah "$d" --title "Liputan" --body "Isi" --as humas3
err_is "warta-cli: This account was deactivated; ask the office's administrator" "a deactivated person signs in"
WARTA_PASSWORD=bukan-sandinya
check 1 "a deactivated person, wrong password" case naskah "$d" --title "Liputan" --body "Isi" --as humas3
err_is "warta-cli: Wrong login or password for “humas3”" "a deactivated person, wrong password"
WARTA_PASSWORD=$password
check 1 "a disposition to a deactivated person" case dispose "$e" --to humas3 --instruction "Tulis" --as subbag
err_has "humas3 was deactivated; choose another person" "a disposition to a deactivated person"
check 0 "a disposition to an active person" case dispose "$e" --to humas4 --instruction "Tulis" --as subbag

check 2 "case hand-over without a reason" case hand-over "$d" --to humas4 --as admin
check 1 "case hand-over with a blank reason" case hand-over "$d" --to humas4 --reason " " --as admin
err_has "needs a reason" "case hand-over with a blank reason"
check 1 "case hand-over by a non-administrator" case hand-over "$d" --to humas4 --reason "Pindah tugas" --as subbag
err_has "Only an administrator may do this" "case hand-over by a non-administrator"
check 1 "case hand-over to someone of another lane" case hand-over "$d" --to ppid --reason "Pindah tugas" --as admin
err_has "ppid does not hold that role" "case hand-over to someone of another lane"
check 0 "case hand-over" case hand-over "$d" --to humas4 --reason "Pindah tugas" --as admin
check 0 "after the hand-over" case show "$d" --json
json 'd["active"]["step"] == "3" and d["active"]["assignee"] == "humas4"' "case hand-over: step 3 is humas4's"
[ "$(sql "SELECT json_extract (payload, '$.from') || '>' || json_extract (payload, '$.to') || ':' ||
          json_extract (payload, '$.reason') || '@' || case_id FROM journal WHERE kind = 'case.hand-over'")" = \
  "humas3>humas4:Pindah tugas@$d" ] || fail "case hand-over: the journal has no case.hand-over event from humas3 to humas4"
check 1 "case hand-over to a deactivated person" case hand-over "$d" --to humas3 --reason "Kembali" --as admin
err_has "humas3 was deactivated; choose another person" "case hand-over to a deactivated person"
check 0 "user activate" user activate humas3 --as admin
signs_in humas3 "an activated person signs in again"
[ "$(sql "SELECT group_concat (kind) FROM journal WHERE kind IN ('user.deactivate', 'user.activate')")" = \
  "user.deactivate,user.activate" ] || fail "the journal has no user.deactivate and user.activate events"

# An administrator sets a password; its holder must replace it
WARTA_NEW_PASSWORD=$first
check 1 "user password for another, by a non-administrator" user password humas4 --as staf
err_has "Only an administrator may do this" "user password for another, by a non-administrator"
check 0 "user password for another" user password humas4 --as admin
check 1 "the password before the reset" office city Medan --as humas4
err_has "Wrong login or password for “humas4”" "the password before the reset"
WARTA_PASSWORD=$first
check 1 "a reset password, right" office city Medan --as humas4
err_has "warta-cli user password humas4" "a reset password, right"
WARTA_NEW_PASSWORD=pendek1
check 1 "a new password of 7 characters" user password humas4
err_has "at least 8 characters" "a new password of 7 characters"
WARTA_NEW_PASSWORD=$first
check 1 "a new password that is the old one" user password humas4
err_has "must differ from the old one" "a new password that is the old one"
WARTA_PASSWORD=$password
choose_password humas4
signs_in humas4 "the chosen password signs in"
[ "$(sql "SELECT count(*) FROM journal WHERE kind = 'user.password'")" -ge 3 ] ||
  fail "user password: no user.password events in the journal"
[ "$(sql "SELECT count(*) FROM journal WHERE payload LIKE '%$password%' OR payload LIKE '%$first%' OR payload LIKE '%argon2%'")" -eq 0 ] ||
  fail "user password: a password or its hash in the journal"

# The journal

check 0 "journal verify" journal verify
n=$(sed -n 's/^journal ok: \([0-9][0-9]*\) events$/\1/p' "$tmp/out")
[ -n "$n" ] && [ "$n" -gt 0 ] || fail "journal verify: no “journal ok: N events”"
err_empty "journal verify"

k=$(sql "SELECT seq FROM journal WHERE kind = 'case.dispose' ORDER BY seq LIMIT 1")
[ -n "$k" ] || fail "the journal has no case.dispose event"
sql "UPDATE journal SET payload = replace(payload, 'Periksa', 'Abaikan') WHERE seq = $k"
check 1 "journal verify after tampering" journal verify
out_empty "journal verify after tampering"
err_has "journal broken at event $k (case.dispose)" "journal verify after tampering"

# case list reads an office a page at a time, each after the last row
# of the one before: every case once, the newest first, past 500.

sql "WITH RECURSIVE n (x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 1234)
     INSERT INTO cases (sop_id, sop_version, title, state, created_by, created_at, finished_at)
     SELECT sop_id, sop_version, 'Arsip ' || x, 'done', created_by, created_at, created_at FROM n,
       (SELECT * FROM cases ORDER BY id LIMIT 1)"
total=$(sql "SELECT count(*) FROM cases")
check 0 "case list of a big office" case list
[ "$(wc -l < "$tmp/out")" -eq "$total" ] || fail "case list: $(wc -l < "$tmp/out") lines for $total cases"
[ "$(cut -f1 "$tmp/out" | sort -u | wc -l)" -eq "$total" ] || fail "case list: a case listed twice"
cut -f1 "$tmp/out" | sort -rn -c 2>/dev/null || fail "case list: not the newest first"
done_total=$(sql "SELECT count(*) FROM cases WHERE state = 'done'")
check 0 "case list --state done of a big office" case list --state done
[ "$(wc -l < "$tmp/out")" -eq "$done_total" ] || fail "case list --state done: $(wc -l < "$tmp/out") lines for $done_total cases"

if [ "$failures" -gt 0 ]; then
  printf '%d of %d checks failed\n' "$failures" "$checks" >&2
  exit 1
fi
printf 'all %d checks passed\n' "$checks"
