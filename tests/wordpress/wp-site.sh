#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# wp-site.sh start DIR    a fresh WordPress on http://127.0.0.1:PORT
# wp-site.sh stop DIR     stop it and remove its config file
#
# A real WordPress (Debian 12's packages, see /work/shared/wordpress.md and
# the Makefile's DEBS) for the publishing tests, with nothing system-wide
# running: a private MariaDB with its datadir in DIR, listening on a unix
# socket only; PHP's built-in server for /usr/share/wordpress with
# router.php; the site's wp-content (uploads) in DIR too. The one file
# outside DIR is /etc/wordpress/config-127.0.0.1.php, which Debian's
# wp-config.php requires for the host 127.0.0.1: it carries a marker
# comment and is only ever overwritten or removed when it has one.
#
# start picks a free port (or takes WP_PORT), installs the site, turns on
# pretty permalinks, and makes three accounts with Application Passwords:
# admin, an author and a contributor. It writes DIR/site.env (sh syntax):
#   WP_URL, WP_ADMIN_USER, WP_ADMIN_PASSWORD (the login password, which
#   Basic auth refuses), WP_ADMIN_APP_PASSWORD, WP_AUTHOR_USER,
#   WP_AUTHOR_APP_PASSWORD, WP_CONTRIBUTOR_USER, WP_CONTRIBUTOR_APP_PASSWORD,
#   WP_MARIADB_PID, WP_PHP_PGID, WP_DIR.
# Application passwords are written without WordPress's display spaces.
# Logs stay in DIR (mariadb.log, php.log, php-errors.log); on a failure the
# last lines of the relevant one are printed and what was started is
# stopped again.
#
# Writes /etc/wordpress, as root or through passwordless sudo (make test
# with sudo); runs mariadbd --user=root when root.
set -eu

# For the one file outside DIR: root writes it, anyone else through sudo.
priv() {
    if [ "$(id -u)" = 0 ]; then
        "$@"
    else
        sudo -n "$@"
    fi
}

CONF=/etc/wordpress/config-127.0.0.1.php
MARKER='warta-test-site'
WP_ROOT=/usr/share/wordpress
HERE=$(cd "$(dirname "$0")" && pwd)

say() { printf 'wp-site.sh: %s\n' "$*" >&2; }

# Prints the last lines of the logs given that exist and are not empty.
show_logs() {
    for log in "$@"; do
        if [ -s "$log" ]; then
            printf -- '--- last lines of %s:\n' "$log" >&2
            tail -n 25 "$log" >&2
            printf -- '---\n' >&2
        fi
    done
}

# fail MESSAGE [LOG...]: says what failed, shows the logs, exits 1 (start's
# EXIT trap then stops whatever it had started).
fail() {
    msg=$1
    shift
    say "FAILED: $msg"
    show_logs "$@"
    exit 1
}

usage() {
    echo "usage: $0 start DIR | stop DIR" >&2
    exit 2
}

# A random lowercase hex string of 2*N characters.
random_hex() {
    od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'
}

# json_get FILE EXPR: prints a value out of a JSON file, EXPR being Python
# applied to `j` (e.g. "j['id']"); fails when the file is not JSON.
json_get() {
    python3 -c 'import json, sys
j = json.load(open(sys.argv[1], encoding="utf-8"))
print(eval(sys.argv[2]))' "$1" "$2"
}

# -------------------------------------------------------------------- stop

# Is PID running and called NAME? A recorded pid may have been reused
# after a crash; a zombie has exited and only waits for its parent (init,
# once start has returned) to reap it.
pid_is() {
    [ -n "$1" ] && [ "$(cat "/proc/$1/comm" 2>/dev/null)" = "$2" ] &&
        [ "$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1)" != Z ]
}

# Does any process of group $1 still run (zombies aside, as above)?
group_alive() {
    [ -n "$1" ] && ps -e -o pgid=,stat= |
        awk -v g="$1" '$1 == g && $2 !~ /^Z/ { found = 1 } END { exit !found }'
}

# Removes the config file if it is ours and names this DIR.
remove_conf() {
    if [ -f "$CONF" ] && grep -q "$MARKER DIR=$1\$" "$CONF"; then
        priv rm -f "$CONF"
    fi
}

stop_site() {
    dir=$1
    WP_MARIADB_PID=
    WP_PHP_PGID=
    # pids is written as each server starts, so a half-done start stops too.
    if [ -f "$dir/pids" ]; then
        # shellcheck source=/dev/null
        . "$dir/pids"
    fi
    # Signal everything first, then wait: meson gives a test 0.5 s between
    # its SIGTERM and SIGKILL, so the servers must be told at once.
    if group_alive "$WP_PHP_PGID"; then
        kill -s TERM -- "-$WP_PHP_PGID" 2>/dev/null || true
    fi
    if pid_is "$WP_MARIADB_PID" mariadbd; then
        kill -TERM "$WP_MARIADB_PID" 2>/dev/null || true
    fi
    remove_conf "$dir"

    n=0
    while group_alive "$WP_PHP_PGID"; do
        n=$((n + 1))
        if [ "$n" -gt 50 ]; then
            say "php -S (process group $WP_PHP_PGID) ignored SIGTERM for 5 s; killing it"
            kill -s KILL -- "-$WP_PHP_PGID" 2>/dev/null || true
            break
        fi
        sleep 0.1
    done
    n=0
    while pid_is "$WP_MARIADB_PID" mariadbd; do
        n=$((n + 1))
        if [ "$n" -gt 300 ]; then
            say "mariadbd (pid $WP_MARIADB_PID) did not shut down in 30 s; killing it"
            show_logs "$dir/mariadb.log"
            kill -KILL "$WP_MARIADB_PID" 2>/dev/null || true
            break
        fi
        sleep 0.1
    done
    rm -f "$dir/pids" "$dir/site.env" "$dir/cookies.txt"
}

# ------------------------------------------------------------------- start

check_tools() {
    for tool in mariadb-install-db mariadbd mariadb php curl python3 setsid od; do
        command -v "$tool" >/dev/null 2>&1 ||
            fail "'$tool' is not installed (make deps installs the WordPress test packages)"
    done
    [ -f "$WP_ROOT/wp-settings.php" ] ||
        fail "$WP_ROOT/wp-settings.php is missing: the 'wordpress' package is not installed (make deps)"
    [ -d /var/lib/wordpress/wp-content/themes/twentytwentythree ] ||
        fail "the twentytwentythree theme is missing: install wordpress-theme-twentytwentythree (make deps)"
    php -m 2>/dev/null | grep -qx mysqli ||
        fail "PHP has no mysqli: install php-mysql (make deps)"
    [ -d /etc/wordpress ] ||
        fail "/etc/wordpress is missing: the 'wordpress' package is not installed (make deps)"
    if [ "$(id -u)" != 0 ] && ! sudo -n true 2>/dev/null; then
        fail "cannot write /etc/wordpress: run as root, or with sudo that needs no password"
    fi
}

# Refuses a config file that is not ours; one that is ours but left by an
# earlier run that was killed (SIGKILL skips its trap) is stopped first.
claim_conf() {
    dir=$1
    [ -e "$CONF" ] || return 0
    if ! grep -q "$MARKER DIR=" "$CONF"; then
        fail "$CONF exists and was not written by this harness (no '$MARKER' marker); not overwriting it. Move it away to run the WordPress tests."
    fi
    old=$(sed -n "s|.*$MARKER DIR=\\(.*\\)\$|\\1|p" "$CONF" | head -n 1)
    if [ -n "$old" ] && [ "$old" != "$dir" ] && [ -d "$old" ]; then
        say "stopping a site left behind by an earlier run in $old"
        (stop_site "$old") || true
    fi
    priv rm -f "$CONF"
}

free_port() {
    python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# Runs SQL as MariaDB's root over the private socket.
sql() {
    mariadb --no-defaults --socket="$SOCK" -uroot --batch --skip-column-names -e "$1"
}

start_mariadb() {
    mkdir -p "$DIR/db"
    # Root may only run mariadbd when it says so; anyone else runs it as
    # themselves.
    as_user=
    if [ "$(id -u)" = 0 ]; then
        as_user=--user=root
    fi
    # --no-defaults: /etc/mysql's files would put the socket in /run/mysqld
    # and open port 3306.
    mariadb-install-db --no-defaults --datadir="$DIR/db" $as_user \
        --auth-root-authentication-method=normal --skip-test-db \
        >"$DIR/mariadb-install.log" 2>&1 ||
        fail "mariadb-install-db could not make a datadir in $DIR/db" "$DIR/mariadb-install.log"

    mariadbd --no-defaults $as_user --datadir="$DIR/db" --socket="$SOCK" \
        --skip-networking --pid-file="$DIR/mariadbd.pid" --log-error="$DIR/mariadb.log" \
        --tmpdir="$DIR" --innodb-buffer-pool-size=64M --innodb-flush-log-at-trx-commit=0 \
        --skip-log-bin \
        </dev/null >>"$DIR/mariadb.log" 2>&1 &
    mariadb_pid=$!
    echo "WP_MARIADB_PID=$mariadb_pid" >>"$DIR/pids"

    n=0
    until [ -S "$SOCK" ] && mariadb-admin --no-defaults --socket="$SOCK" -uroot ping >/dev/null 2>&1; do
        kill -0 "$mariadb_pid" 2>/dev/null ||
            fail "mariadbd exited while starting" "$DIR/mariadb.log"
        n=$((n + 1))
        [ "$n" -le 300 ] ||
            fail "mariadbd did not answer on $SOCK within 30 s" "$DIR/mariadb.log"
        sleep 0.1
    done

    DB_PASSWORD=$(random_hex 12)
    sql "CREATE DATABASE wordpress CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
         CREATE USER 'wordpress'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
         GRANT ALL ON wordpress.* TO 'wordpress'@'localhost';" ||
        fail "could not create the wordpress database and user" "$DIR/mariadb.log"
}

# The wp-content WordPress writes to (uploads) is DIR's own, so runs leave
# nothing in /var/lib/wordpress; themes, plugins and languages are
# Debian's, linked.
make_content_dir() {
    mkdir -p "$DIR/wp-content/uploads"
    for part in themes plugins languages index.php; do
        ln -sfn "/var/lib/wordpress/wp-content/$part" "$DIR/wp-content/$part"
    done
}

write_conf() {
    tmp="$DIR/config-127.0.0.1.php"
    {
        echo "<?php"
        echo "// $MARKER DIR=$DIR"
        echo "// Written by Warta's tests/wordpress/wp-site.sh for a loopback test site;"
        echo "// its stop removes it. Any other config-127.0.0.1.php is never touched."
        echo "define('DB_NAME', 'wordpress');"
        echo "define('DB_USER', 'wordpress');"
        echo "define('DB_PASSWORD', '$DB_PASSWORD');"
        echo "define('DB_HOST', 'localhost:$SOCK');"
        echo "define('DB_CHARSET', 'utf8mb4');"
        echo "define('WP_HOME', '$URL');"
        echo "define('WP_SITEURL', '$URL');"
        echo "define('WP_CONTENT_DIR', '$DIR/wp-content');"
        echo "// Application Passwords are offered over plain http only on 'local'."
        echo "define('WP_ENVIRONMENT_TYPE', 'local');"
        echo "// No calls out (update checks, feeds): CI may have no network, and"
        echo "// php -S would sit waiting on them."
        echo "define('WP_HTTP_BLOCK_EXTERNAL', true);"
        echo "define('DISABLE_WP_CRON', true);"
        echo "define('AUTOMATIC_UPDATER_DISABLED', true);"
        echo "define('WP_DEBUG', false);"
        for key in AUTH_KEY SECURE_AUTH_KEY LOGGED_IN_KEY NONCE_KEY AUTH_SALT SECURE_AUTH_SALT LOGGED_IN_SALT NONCE_SALT; do
            echo "define('$key', '$(random_hex 32)');"
        done
        echo "\$table_prefix = 'wp_';"
    } >"$tmp"
    priv install -m 0644 "$tmp" "$CONF"
    rm -f "$tmp"
}

start_php() {
    # setsid: with PHP_CLI_SERVER_WORKERS php -S forks workers that outlive
    # their parent, so the server gets a process group of its own, stopped
    # as a whole. Workers also let WordPress's loopback requests be served
    # while another request waits on them.
    WARTA_WP_CONTENT_DIR="$DIR/wp-content" PHP_CLI_SERVER_WORKERS=4 \
        setsid php \
        -d display_errors=0 -d log_errors=1 -d error_log="$DIR/php-errors.log" \
        -d upload_max_filesize=64M -d post_max_size=64M -d memory_limit=256M \
        -S "127.0.0.1:$PORT" -t "$WP_ROOT" "$HERE/router.php" \
        </dev/null >"$DIR/php.log" 2>&1 &
    php_pid=$!
    # A background job of a shell without job control is no group leader,
    # so setsid(1) execs php in place and php's pid is its group's id.
    pgid=$(ps -o pgid= -p "$php_pid" 2>/dev/null | tr -d ' ' || true)
    if [ -n "$pgid" ] && [ "$pgid" != "$php_pid" ]; then
        kill "$php_pid" 2>/dev/null || true
        fail "php -S did not get a process group of its own (pid $php_pid, group $pgid)"
    fi
    echo "WP_PHP_PGID=$php_pid" >>"$DIR/pids"

    n=0
    until code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$URL/wp-login.php") && [ "$code" != 000 ]; do
        kill -0 "$php_pid" 2>/dev/null ||
            fail "php -S exited while starting (port $PORT taken?)" "$DIR/php.log" "$DIR/php-errors.log"
        n=$((n + 1))
        [ "$n" -le 150 ] ||
            fail "php -S did not answer on $URL within 15 s" "$DIR/php.log" "$DIR/php-errors.log"
        sleep 0.1
    done
}

# post_form OUT URL ARGS...: curl with the cookie jar; prints the status.
curl_jar() {
    out=$1
    shift
    curl -sS --max-time 60 -b "$DIR/cookies.txt" -c "$DIR/cookies.txt" -o "$out" -w '%{http_code}' "$@"
}

install_site() {
    ADMIN_PASSWORD=$(random_hex 12)
    code=$(curl -sS --max-time 120 -o "$DIR/install.html" -w '%{http_code}' \
        --data-urlencode 'weblog_title=Warta test site' \
        --data-urlencode 'user_name=admin' \
        --data-urlencode "admin_password=$ADMIN_PASSWORD" \
        --data-urlencode "admin_password2=$ADMIN_PASSWORD" \
        --data-urlencode 'pw_weak=1' \
        --data-urlencode 'admin_email=admin@example.com' \
        --data-urlencode 'blog_public=0' \
        --data-urlencode 'language=' \
        "$URL/wp-admin/install.php?step=2") ||
        fail "the install request to $URL/wp-admin/install.php failed" "$DIR/php.log" "$DIR/php-errors.log"
    users=$(sql "SELECT COUNT(*) FROM wordpress.wp_users WHERE user_login = 'admin'" 2>/dev/null || echo 0)
    if [ "$code" != 200 ] || [ "$users" != 1 ]; then
        fail "installing WordPress (install.php?step=2 answered $code, admin users: $users)" \
            "$DIR/install.html" "$DIR/php-errors.log" "$DIR/mariadb.log"
    fi
    # Pretty permalinks: set the option and drop the cached rewrite rules,
    # which WordPress then rebuilds on its next request. (The permalink
    # settings form would add /index.php/ as php -S has no mod_rewrite;
    # router.php does the rewriting instead.)
    sql "UPDATE wordpress.wp_options SET option_value = '/%postname%/' WHERE option_name = 'permalink_structure';
         DELETE FROM wordpress.wp_options WHERE option_name = 'rewrite_rules';" ||
        fail "could not turn on pretty permalinks" "$DIR/mariadb.log"
}

# Logs in with cookies and makes admin's Application Password through the
# REST API with the cookie's nonce (there is no wp-cli package).
admin_app_password() {
    : >"$DIR/cookies.txt"
    # The first visit sets wordpress_test_cookie, which the login checks.
    curl_jar /dev/null "$URL/wp-login.php" >/dev/null ||
        fail "GET $URL/wp-login.php failed" "$DIR/php-errors.log"
    code=$(curl_jar "$DIR/login.html" \
        --data-urlencode 'log=admin' --data-urlencode "pwd=$ADMIN_PASSWORD" \
        --data-urlencode 'wp-submit=Log In' --data-urlencode 'testcookie=1' \
        --data-urlencode "redirect_to=$URL/wp-admin/" \
        "$URL/wp-login.php") || fail "POST $URL/wp-login.php failed" "$DIR/php-errors.log"
    [ "$code" = 302 ] ||
        fail "logging in as admin (wp-login.php answered $code, not 302)" "$DIR/login.html" "$DIR/php-errors.log"

    nonce=$(curl -sS --max-time 60 -b "$DIR/cookies.txt" "$URL/wp-admin/admin-ajax.php?action=rest-nonce") ||
        fail "GET admin-ajax.php?action=rest-nonce failed" "$DIR/php-errors.log"
    case "$nonce" in
        *[!0-9a-f]* | "" | 0) fail "no REST nonce after logging in (admin-ajax.php said '$nonce')" "$DIR/php-errors.log" ;;
    esac

    code=$(curl_jar "$DIR/app-admin.json" -H "X-WP-Nonce: $nonce" \
        --data-urlencode 'name=warta-tests' \
        "$URL/wp-json/wp/v2/users/me/application-passwords") ||
        fail "POST /wp/v2/users/me/application-passwords failed" "$DIR/php-errors.log"
    [ "$code" = 201 ] ||
        fail "creating admin's Application Password (answered $code, not 201)" "$DIR/app-admin.json" "$DIR/php-errors.log"
    ADMIN_APP_PASSWORD=$(json_get "$DIR/app-admin.json" "j['password'].replace(' ', '')") ||
        fail "no password in the application-passwords answer" "$DIR/app-admin.json"
    rm -f "$DIR/cookies.txt"
}

# make_user LOGIN ROLE: creates the user with admin's Application Password
# and prints an Application Password of its own.
make_user() {
    login=$1
    role=$2
    code=$(curl -sS --max-time 60 -o "$DIR/user-$login.json" -w '%{http_code}' \
        -u "admin:$ADMIN_APP_PASSWORD" -H 'Content-Type: application/json' \
        --data "{\"username\":\"$login\",\"email\":\"$login@example.com\",\"password\":\"$(random_hex 12)\",\"roles\":[\"$role\"]}" \
        "$URL/wp-json/wp/v2/users") || fail "POST /wp/v2/users for $login failed" "$DIR/php-errors.log"
    [ "$code" = 201 ] ||
        fail "creating the $role user $login (answered $code, not 201)" "$DIR/user-$login.json" "$DIR/php-errors.log"
    id=$(json_get "$DIR/user-$login.json" "j['id']") || fail "no id for the new user $login" "$DIR/user-$login.json"

    code=$(curl -sS --max-time 60 -o "$DIR/app-$login.json" -w '%{http_code}' \
        -u "admin:$ADMIN_APP_PASSWORD" --data-urlencode 'name=warta-tests' \
        "$URL/wp-json/wp/v2/users/$id/application-passwords") ||
        fail "POST /wp/v2/users/$id/application-passwords failed" "$DIR/php-errors.log"
    [ "$code" = 201 ] ||
        fail "creating $login's Application Password (answered $code, not 201)" "$DIR/app-$login.json" "$DIR/php-errors.log"
    json_get "$DIR/app-$login.json" "j['password'].replace(' ', '')" ||
        fail "no password in the application-passwords answer for $login" "$DIR/app-$login.json"
}

start_site() {
    began=$(date +%s)
    check_tools
    # A second start in the same DIR replaces the site running there.
    if [ -f "$DIR/pids" ]; then
        say "stopping the site already started in $DIR"
        stop_site "$DIR"
    fi
    claim_conf "$DIR"
    rm -rf "$DIR/db" "$DIR/wp-content"
    rm -f "$DIR/pids" "$DIR/site.env" "$DIR"/*.log "$DIR/mysqld.sock"

    SOCK="$DIR/mysqld.sock"
    # sun_path holds 108 bytes.
    [ "${#SOCK}" -lt 100 ] || fail "the socket path $SOCK is too long for a unix socket; use a shorter DIR"

    PORT=${WP_PORT:-$(free_port)}
    URL="http://127.0.0.1:$PORT"
    if curl -s -o /dev/null --max-time 2 "$URL/"; then
        fail "something already answers on $URL (WP_PORT=$PORT)"
    fi

    start_mariadb
    make_content_dir
    write_conf
    start_php
    install_site
    admin_app_password
    AUTHOR_APP_PASSWORD=$(make_user author author)
    CONTRIBUTOR_APP_PASSWORD=$(make_user contributor contributor)

    # shellcheck source=/dev/null
    . "$DIR/pids"
    cat >"$DIR/site.env.tmp" <<EOF
# Written by tests/wordpress/wp-site.sh start; sh syntax.
WP_URL='$URL'
WP_ADMIN_USER='admin'
WP_ADMIN_PASSWORD='$ADMIN_PASSWORD'
WP_ADMIN_APP_PASSWORD='$ADMIN_APP_PASSWORD'
WP_AUTHOR_USER='author'
WP_AUTHOR_APP_PASSWORD='$AUTHOR_APP_PASSWORD'
WP_CONTRIBUTOR_USER='contributor'
WP_CONTRIBUTOR_APP_PASSWORD='$CONTRIBUTOR_APP_PASSWORD'
WP_MARIADB_PID='$WP_MARIADB_PID'
WP_PHP_PGID='$WP_PHP_PGID'
WP_DIR='$DIR'
EOF
    mv -f "$DIR/site.env.tmp" "$DIR/site.env"
    say "WordPress is up at $URL in $(($(date +%s) - began)) s ($DIR/site.env)"
}

# -------------------------------------------------------------------- main

[ "$#" -eq 2 ] || usage
mkdir -p "$2"
DIR=$(cd "$2" && pwd)

case "$1" in
    start)
        started=
        # Whatever start made is stopped again when it fails, including on
        # an interrupt.
        on_exit() {
            status=$?
            if [ -z "$started" ]; then
                say "start failed; stopping what it started"
                stop_site "$DIR" || true
                [ "$status" != 0 ] || status=1
            fi
            exit "$status"
        }
        trap on_exit EXIT
        trap 'exit 130' INT TERM
        start_site
        started=1
        ;;
    stop)
        stop_site "$DIR"
        ;;
    *)
        usage
        ;;
esac
