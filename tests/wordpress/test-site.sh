#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Proves the loopback WordPress of wp-site.sh is fit for the publishing
# tests: it starts a site in a temporary directory, checks through curl the
# REST answers the publishing client relies on (see
# /work/shared/wordpress.md), and stops it again on any exit. Prints TAP.
# Not skipped when something is missing: a WordPress that does not start
# fails the test, as the publishing tests would have nothing to run on.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
DIR=$(mktemp -d "${TMPDIR:-/tmp}/warta-wp.XXXXXX")
N=0

cleanup() {
    status=$?
    sh "$HERE/wp-site.sh" stop "$DIR" || {
        echo "# wp-site.sh stop failed" >&2
        status=1
    }
    if [ "$status" != 0 ] && [ -s "$DIR/php-errors.log" ]; then
        echo "# --- last lines of php-errors.log:" >&2
        tail -n 20 "$DIR/php-errors.log" | sed 's/^/# /' >&2
    fi
    rm -rf "$DIR"
    exit "$status"
}
trap cleanup EXIT
# meson stops a test that runs over its time with SIGTERM: stop the site.
trap 'exit 130' INT TERM HUP

ok() {
    N=$((N + 1))
    echo "ok $N - $1"
}

# not_ok WHAT [BODY-FILE]: fails loudly with the answer that was wrong.
not_ok() {
    N=$((N + 1))
    echo "not ok $N - $1"
    if [ "${2:-}" ] && [ -s "$2" ]; then
        echo "# answer:"
        head -c 1500 "$2" | sed 's/^/#   /'
        echo
    fi
    echo "Bail out! $1"
    exit 1
}

# req OUT CURL-ARGS...: prints the HTTP status (000 when curl itself failed).
req() {
    out=$1
    shift
    curl -sS --max-time 60 -o "$out" -w '%{http_code}' "$@" || true
}

# py FILE EXPR: evaluates Python EXPR on the JSON in FILE as `j`; exits
# non-zero when FILE is not JSON or EXPR raises.
py() {
    python3 -c 'import json, sys
j = json.load(open(sys.argv[1], encoding="utf-8"))
print(eval(sys.argv[2]))' "$1" "$2" 2>/dev/null
}

# --------------------------------------------------------------- the site

began=$(date +%s)
if ! sh "$HERE/wp-site.sh" start "$DIR"; then
    not_ok "wp-site.sh start: WordPress did not come up (see its messages above)"
fi
ok "wp-site.sh start brought WordPress up in $(($(date +%s) - began)) s"
# shellcheck source=/dev/null
. "$DIR/site.env"
API="$WP_URL/wp-json/wp/v2"
ADMIN="$WP_ADMIN_USER:$WP_ADMIN_APP_PASSWORD"
R="$DIR/answer"

# ----------------------------------------------------------------- checks

code=$(req "$R" "$WP_URL/wp-json/")
if [ "$code" = 200 ] && [ "$(py "$R" "'wp/v2' in j['namespaces']")" = True ]; then
    ok "GET /wp-json/ answers 200 JSON with the wp/v2 namespace (pretty permalinks)"
else
    not_ok "GET /wp-json/ answered $code" "$R"
fi

code=$(req "$R" "$WP_URL/?rest_route=/")
if [ "$code" = 200 ] && [ "$(py "$R" "'wp/v2' in j['namespaces']")" = True ]; then
    ok "GET /?rest_route=/ answers 200 JSON too"
else
    not_ok "GET /?rest_route=/ answered $code" "$R"
fi

code=$(req "$R" -u "$ADMIN" "$API/users/me?context=edit")
if [ "$code" = 200 ] && [ "$(py "$R" "'administrator' in j['roles']")" = True ]; then
    ok "users/me?context=edit with admin's Application Password: 200, administrator"
else
    not_ok "users/me as admin answered $code" "$R"
fi

# check_role USER APP-PASSWORD ROLE: the account site.env names works.
check_role() {
    code=$(req "$R" -u "$1:$2" "$API/users/me?context=edit")
    if [ "$code" = 200 ] && [ "$(py "$R" "j['roles']")" = "['$3']" ]; then
        ok "users/me as $1 with its Application Password: 200, role $3"
    else
        not_ok "users/me as $1 answered $code" "$R"
    fi
}
check_role "$WP_AUTHOR_USER" "$WP_AUTHOR_APP_PASSWORD" author
check_role "$WP_CONTRIBUTOR_USER" "$WP_CONTRIBUTOR_APP_PASSWORD" contributor

code=$(req "$R" -u "$WP_ADMIN_USER:wrongwrongwrongwrongwron" "$API/users/me?context=edit")
if [ "$code" = 401 ]; then
    ok "a wrong Application Password: 401 ($(py "$R" "j['code']"))"
else
    not_ok "a wrong Application Password answered $code, not 401" "$R"
fi

code=$(req "$R" -u "$WP_ADMIN_USER:$WP_ADMIN_PASSWORD" "$API/users/me?context=edit")
if [ "$code" = 401 ]; then
    ok "the login password over Basic auth: 401"
else
    not_ok "the login password over Basic auth answered $code, not 401" "$R"
fi

# A small real PNG (16x16, one colour), made here so the test needs no file.
python3 - "$DIR/uji.png" <<'EOF'
import struct, sys, zlib
def chunk(kind, data):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))
w = h = 16
rows = b''.join(b'\x00' + b'\xc0\x30\x30' * w for _ in range(h))
png = (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
       + chunk(b'IDAT', zlib.compress(rows)) + chunk(b'IEND', b''))
open(sys.argv[1], 'wb').write(png)
EOF

code=$(req "$R" -u "$ADMIN" -H 'Content-Type: image/png' \
    -H 'Content-Disposition: attachment; filename="uji.png"' \
    --data-binary "@$DIR/uji.png" "$API/media")
media_id=$(py "$R" "j['id']" || true)
source_url=$(py "$R" "j['source_url']" || true)
if [ "$code" = 201 ] && [ -n "$media_id" ] && [ "$(py "$R" "j['mime_type']")" = image/png ]; then
    ok "POST /media with a raw PNG body: 201, id $media_id"
else
    not_ok "POST /media answered $code" "$R"
fi

code=$(curl -sS --max-time 60 -o "$DIR/fetched.png" -w '%{http_code} %{content_type}' "$source_url" || true)
if [ "$code" = "200 image/png" ] && cmp -s "$DIR/uji.png" "$DIR/fetched.png"; then
    ok "its source_url serves the same PNG: $source_url"
else
    not_ok "GET $source_url answered '$code' (or other bytes)" "$DIR/fetched.png"
fi

title="Warta harness check $(date +%s)"
code=$(req "$R" -u "$ADMIN" -H 'Content-Type: application/json' \
    --data "{\"title\":\"$title\",\"content\":\"<p>Uji terbit.</p>\",\"status\":\"publish\",\"featured_media\":$media_id}" \
    "$API/posts")
post_id=$(py "$R" "j['id']" || true)
link=$(py "$R" "j['link']" || true)
if [ "$code" = 201 ] && [ -n "$post_id" ] && [ "$(py "$R" "j['status']")" = publish ] &&
    [ "$(py "$R" "j['featured_media']")" = "$media_id" ]; then
    ok "POST /posts status publish with featured_media: 201, id $post_id, $link"
else
    not_ok "POST /posts answered $code (or without the featured image)" "$R"
fi

code=$(req "$R" "$link")
if [ "$code" = 200 ] && grep -qF "$title" "$R"; then
    ok "the post's link answers 200 and the page shows its title"
else
    not_ok "GET $link answered $code (or without the title)" "$R"
fi

code=$(req "$R" -u "$WP_CONTRIBUTOR_USER:$WP_CONTRIBUTOR_APP_PASSWORD" \
    -H 'Content-Type: application/json' \
    --data '{"title":"Not allowed","content":"x","status":"publish"}' "$API/posts")
if [ "$code" = 403 ] && [ "$(py "$R" "j['code']")" = rest_cannot_publish ]; then
    ok "the contributor publishing: 403 rest_cannot_publish"
else
    not_ok "the contributor publishing answered $code, not 403 rest_cannot_publish" "$R"
fi

code=$(req "$R" -u "$ADMIN" -G --data-urlencode 'status=publish,draft,pending,future' \
    --data 'per_page=100' "$API/posts")
if [ "$code" = 200 ] && [ "$(py "$R" "[p['id'] for p in j].count($post_id)")" = 1 ]; then
    ok "listing status=publish,draft,pending,future as admin shows the post once"
else
    not_ok "listing posts answered $code, or not with the post once" "$R"
fi

echo "1..$N"
