#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-publish.sh WARTA-CLI: a case of seed 002 published for real.
#
# Starts Debian's WordPress on loopback (wp-site.sh), drives a case to its
# publish step with warta-cli, attaches a PDF and two photos, adds the site
# with a credentials file, and publishes. Then, through the REST API and
# the public page, checks that the post, its three files and its featured
# image are there exactly once; publishes again (an update: still once);
# re-checks; withdraws. Needs a display for the page's screenshot (make
# test gives it Xvfb). Prints TAP; a site that does not start fails.
set -eu

CLI=$1
HERE=$(cd "$(dirname "$0")" && pwd)
DIR=$(mktemp -d "${TMPDIR:-/tmp}/warta-publish.XXXXXX")
DB="$DIR/warta.db"
N=0

cleanup() {
    status=$?
    sh "$HERE/wp-site.sh" stop "$DIR" || status=1
    if [ "$status" != 0 ] && [ -s "$DIR/php-errors.log" ]; then
        tail -n 20 "$DIR/php-errors.log" | sed 's/^/# php: /'
    fi
    [ -n "${WARTA_KEEP_TEST_DIR:-}" ] || rm -rf "$DIR"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

ok() {
    N=$((N + 1))
    echo "ok $N - $1"
}

not_ok() {
    N=$((N + 1))
    echo "not ok $N - $1"
    for f in "$DIR/out" "$DIR/err" "${2:-}"; do
        [ -n "$f" ] && [ -s "$f" ] && head -c 2000 "$f" | sed "s|^|# $(basename "$f"): |"
    done
    echo "Bail out! $1"
    exit 1
}

# cli STATUS WHAT ARGS…: warta-cli on the test database must exit STATUS.
cli() {
    want=$1
    what=$2
    shift 2
    if "$CLI" --db "$DB" "$@" >"$DIR/out" 2>"$DIR/err"; then got=0; else got=$?; fi
    [ "$got" = "$want" ] || not_ok "$what: warta-cli $*: exit $got, expected $want"
}

req() {
    out=$1
    shift
    curl -sS --max-time 60 -o "$out" -w '%{http_code}' "$@" || true
}

py() {
    python3 -c 'import json, sys
j = json.load(open(sys.argv[1], encoding="utf-8"))
print(eval(sys.argv[2]))' "$1" "$2" 2>/dev/null
}

sql() {
    sqlite3 "$DB" "$1"
}

# A real PNG of w×h in one colour, so WordPress's image handling runs on it.
png() {
    python3 - "$1" "$2" "$3" <<'EOF'
import struct, sys, zlib
def chunk(kind, data):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))
w = h = int(sys.argv[2])
colour = bytes.fromhex(sys.argv[3])
rows = b''.join(b'\x00' + colour * w for _ in range(h))
open(sys.argv[1], 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
                              + chunk(b'IDAT', zlib.compress(rows)) + chunk(b'IEND', b''))
EOF
}

began=$(date +%s)
sh "$HERE/wp-site.sh" start "$DIR" >"$DIR/start.log" 2>&1 || not_ok "wp-site.sh start: WordPress did not come up" "$DIR/start.log"
ok "WordPress up in $(($(date +%s) - began)) s"
# shellcheck source=/dev/null
. "$DIR/site.env"
API="$WP_URL/wp-json/wp/v2"
ADMIN="$WP_ADMIN_USER:$WP_ADMIN_APP_PASSWORD"
R="$DIR/answer"

# ------------------------------------------------------ an office and a case

WARTA_PASSWORD=rahasia123
WARTA_NEW_PASSWORD=rahasia123
export WARTA_PASSWORD WARTA_NEW_PASSWORD
cli 0 "init" init
cli 0 "role admin" role add admin Administrator
cli 0 "admin" user add admin --name "Admin Satker" --role admin
# The administrator gives each a first password, which they replace by
# their own before they sign in.
WARTA_NEW_PASSWORD=sementara123
cli 0 "staf" user add staf --name "Staf Tim Kerja" --role staff-tim-kerja --as admin
cli 0 "katim" user add katim --name "Katimker" --role katimker-layanan-publik-zi --as admin
cli 0 "kepala" user add kepala --name "Kepala Satker" --role kepala-satker --as admin
cli 0 "web" user add web --name "Admin Website" --role admin-website --as admin
WARTA_PASSWORD=sementara123
WARTA_NEW_PASSWORD=rahasia123
for login in staf katim kepala web; do
  cli 0 "$login chooses a password" user password "$login"
done
WARTA_PASSWORD=rahasia123

TITLE="Vaksinasi Gratis di Pelabuhan Belawan"
cli 0 "case new" case new --sop bbkk-medan-publikasi-website --title "$TITLE" --as staf
CASE=$(cat "$DIR/out")
[ -n "$CASE" ] || not_ok "case new printed no case id"
printf 'Petugas **BBKK Medan** memberi vaksin kepada awak kapal.\n\n<script>alert(1)</script>\n' > "$DIR/body.md"
cli 0 "naskah" case naskah "$CASE" --as staf --title "$TITLE" --body-file "$DIR/body.md"
cli 0 "step 1" case complete "$CASE" --as staf
# Real PDFs: the engine reads a nota dinas's content and takes only a
# document that opens.
cat > "$DIR/nota-dinas.pdf" <<'EOF'
%PDF-1.4
% nota dinas
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj
trailer << /Root 1 0 R >>
%%EOF
EOF
cat > "$DIR/Laporan Kegiatan.pdf" <<'EOF'
%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj
trailer << /Root 1 0 R >>
%%EOF
EOF
cli 0 "attach the nota dinas" attach "$CASE" "$DIR/nota-dinas.pdf" --kind nota-dinas --as staf
cli 0 "attach the report" attach "$CASE" "$DIR/Laporan Kegiatan.pdf" --kind dokumen-pendukung --as staf
cli 0 "step 2" case complete "$CASE" --as staf
cli 0 "step 3" case complete "$CASE" --as katim
cli 0 "step 4" case dispose "$CASE" --to katim --instruction "Periksa dan teruskan" --as kepala
cli 0 "step 5" case complete "$CASE" --as katim
png "$DIR/foto-kegiatan-1.png" 640 3a7bd5
png "$DIR/Foto Vaksinasi (2).png" 480 d53a3a
cli 0 "attach photo 1" attach "$CASE" "$DIR/foto-kegiatan-1.png" --as web
cli 0 "attach photo 2" attach "$CASE" "$DIR/Foto Vaksinasi (2).png" --as web
ok "case $CASE at step 6 with a nota dinas, a PDF report and two photos"

# ------------------------------------------------------------------ the site

printf '%s\n' "$WP_ADMIN_APP_PASSWORD" > "$DIR/cred"
chmod 644 "$DIR/cred"
cli 1 "site add with a readable credentials file" site add Situs --url "$WP_URL" --user "$WP_ADMIN_USER" \
    --credentials-file "$DIR/cred" --as admin
grep -q "chmod 600" "$DIR/err" || not_ok "the refusal does not say chmod 600"
chmod 600 "$DIR/cred"
cli 1 "site add by a non-admin" site add Situs --url "$WP_URL" --user "$WP_ADMIN_USER" --credentials-file "$DIR/cred" --as web
cli 0 "site add" site add Situs --url "$WP_URL" --user "$WP_ADMIN_USER" --credentials-file "$DIR/cred" --as admin
ok "a credentials file is refused unless 0600; a site is an administrator's"
cli 0 "site test" site test Situs
[ "$(grep -c '^ok' "$DIR/out")" = 4 ] || not_ok "site test: not four checks passed"
ok "site test: URL, REST route, credentials, may publish"

printf 'salah salah salah salah\n' > "$DIR/wrong"
chmod 600 "$DIR/wrong"
cli 0 "site add, wrong password" site add Salah --url "$WP_URL" --user "$WP_ADMIN_USER" --credentials-file "$DIR/wrong" --as admin
cli 1 "site test, wrong password" site test Salah
grep -q "$WP_ADMIN_USER" "$DIR/err" || not_ok "the 401 message does not name the user"
printf '%s\n' "$WP_CONTRIBUTOR_APP_PASSWORD" > "$DIR/contributor"
chmod 600 "$DIR/contributor"
cli 0 "site add, contributor" site add Kontributor --url "$WP_URL" --user "$WP_CONTRIBUTOR_USER" \
    --credentials-file "$DIR/contributor" --as admin
cli 1 "site test, contributor" site test Kontributor
grep -q "GAGAL" "$DIR/out" || not_ok "site test of a contributor does not say which check failed"
ok "site test: a wrong password and a contributor fail with their reasons ($(head -c 120 "$DIR/err"))"

# --------------------------------------------------------------- publishing

cli 1 "publish by the staff" publish "$CASE" --site Situs --as staf
began=$(date +%s%N)
cli 0 "publish" publish "$CASE" --site Situs --as web --category "Berita" --category "Kesehatan" --tag vaksinasi
ms=$((($(date +%s%N) - began) / 1000000))
grep -q "published, verified and its screenshot kept" "$DIR/out" || not_ok "publish did not finish the step"
ok "publish: uploaded, posted, verified and its screenshot kept in $ms ms"

SLUG=$(sql "SELECT slug FROM publications WHERE site_id IS NOT NULL")
POST=$(sql "SELECT post_id FROM publications WHERE site_id IS NOT NULL")
LINK=$(sql "SELECT link FROM publications WHERE site_id IS NOT NULL")
[ "$(sql "SELECT count(*) FROM step_runs WHERE case_id = $CASE AND step_id = '6' AND completed_at IS NOT NULL")" = 1 ] \
    || not_ok "step 6 is not complete"
[ "$(sql "SELECT content_type FROM attachments WHERE id = (SELECT screenshot_id FROM publications WHERE site_id IS NOT NULL)")" = image/png ] \
    || not_ok "no PNG screenshot attachment"
ok "step 6 complete; the screenshot is a PNG attachment of the case"

# check_once: exactly one post with the case's slug in any status, its
# three files, its featured image among them, and its public page.
check_once() {
    code=$(req "$R" -u "$ADMIN" "$API/posts?slug=$SLUG&status=publish,future,draft,pending,private&context=edit")
    [ "$code" = 200 ] || not_ok "listing posts by slug answered $code" "$R"
    [ "$(py "$R" "len(j)")" = 1 ] || not_ok "$1: not exactly one post with slug $SLUG" "$R"
    [ "$(py "$R" "j[0]['id']")" = "$POST" ] || not_ok "$1: the post is not the one recorded" "$R"
    featured=$(py "$R" "j[0]['featured_media']")
    code=$(req "$R" -u "$ADMIN" "$API/media?per_page=100&context=edit")
    [ "$code" = 200 ] || not_ok "listing media answered $code" "$R"
    [ "$(py "$R" "len([m for m in j if m['slug'].startswith('$SLUG')])")" = 3 ] || not_ok "$1: not exactly three media" "$R"
    [ "$(py "$R" "sorted(m['mime_type'] for m in j if m['slug'].startswith('$SLUG'))")" = \
      "['application/pdf', 'image/png', 'image/png']" ] || not_ok "$1: the media are not the PDF and two photos" "$R"
    [ "$(py "$R" "$featured in [m['id'] for m in j if m['mime_type'] == 'image/png']")" = True ] \
        || not_ok "$1: the featured image is not one of the photos" "$R"
    code=$(req "$R" "$LINK")
    [ "$code" = 200 ] || not_ok "$1: the public page answered $code" "$R"
    grep -q "$TITLE" "$R" || not_ok "$1: the public page does not show the title" "$R"
    grep -q "&lt;script&gt;" "$R" || not_ok "$1: the raw HTML is not escaped on the page" "$R"
    grep -q "<script>alert" "$R" && not_ok "$1: the raw HTML runs on the page" "$R"
    # The nota dinas stays in the office
    [ "$(sql "SELECT count(*) FROM publication_media")" = 3 ] || not_ok "$1: Warta did not record three media"
}
check_once "after publishing"
ok "the post, its three files and its featured image are on the site exactly once; the page shows the title"

# The Bukti Publikasi of the published case: the title, the post's real
# link, and each step's actor as the sheet prints them, "Name (login)";
# its QR code (page 1) is the link.
cli 0 "evidence" evidence "$CASE" --output "$DIR/bukti.pdf" --as web
[ "$(head -c 4 "$DIR/bukti.pdf")" = "%PDF" ] || not_ok "evidence: $DIR/bukti.pdf is not a PDF"
pdftotext -layout "$DIR/bukti.pdf" "$DIR/bukti.txt" || not_ok "pdftotext cannot read the Bukti Publikasi"
for text in "$TITLE" "$LINK" "Staf Tim Kerja (staf)" "Katimker (katim)" "Kepala Satker (kepala)" "Admin Website (web)"; do
    grep -F -q -e "$text" "$DIR/bukti.txt" || not_ok "the Bukti Publikasi has no “$text”" "$DIR/bukti.txt"
done
# The hashes: of the HTML sent, of the page verified, and of every
# attachment (they wrap inside their cells, so white space is dropped).
pdftotext "$DIR/bukti.pdf" - | tr -d ' \n\f' >"$DIR/bukti.flat"
for hash in $(sql "SELECT content_sha256 FROM publications WHERE case_id = $CASE; SELECT body_sha256 FROM publications WHERE case_id = $CASE; SELECT sha256 FROM attachments WHERE case_id = $CASE;"); do
    grep -q -F -e "$hash" "$DIR/bukti.flat" || not_ok "the Bukti Publikasi has no SHA-256 $hash" "$DIR/bukti.txt"
done
[ "$(sql "SELECT count(*) FROM archive_copies WHERE case_id = $CASE AND document = 'bukti'")" = 1 ] ||
    not_ok "completing the publish step did not keep the Bukti Publikasi as the archive copy"
pdftoppm -r 150 -png -f 1 -l 1 -singlefile "$DIR/bukti.pdf" "$DIR/bukti-1" || not_ok "pdftoppm cannot render the Bukti Publikasi"
zbarimg --quiet --raw "$DIR/bukti-1.png" >"$DIR/qr.txt" 2>"$DIR/zbar.err" || not_ok "zbarimg finds no code on page 1" "$DIR/zbar.err"
grep -q -x -F -e "$LINK" "$DIR/qr.txt" || not_ok "the QR code is not $LINK" "$DIR/qr.txt"
ok "evidence: the Bukti Publikasi holds the title, $LINK, every step's actor and the hashes, and was kept as the archive copy; its QR code is the link"

cli 0 "publish again (an update)" publish "$CASE" --site Situs --as web --category "Berita"
check_once "after publishing again"
ok "publishing again updates the same post: still one post, three files"

cli 0 "verify" verify "$CASE"
ok "verify: the page is live and unchanged ($(cat "$DIR/out"))"

cli 2 "withdraw without a reason" withdraw "$CASE" --site Situs --as web
cli 0 "withdraw" withdraw "$CASE" --site Situs --reason "Data perlu diperbaiki" --as web
code=$(req "$R" -u "$ADMIN" "$API/posts/$POST?context=edit")
[ "$(py "$R" "j['status']")" = draft ] || not_ok "the withdrawn post is not a draft" "$R"
[ "$(sql "SELECT count(*) FROM journal WHERE kind = 'publication.withdraw' AND payload LIKE '%Data perlu diperbaiki%'")" = 1 ] \
    || not_ok "the withdrawal is not journaled with its reason"
ok "withdraw: the post is back to draft, journaled with its reason"
cli 1 "verify after the withdrawal" verify "$CASE"
grep -q "^GONE" "$DIR/out" || not_ok "verify does not say the page is gone"
ok "verify after the withdrawal: exit 1, the page is gone"

echo "1..$N"
