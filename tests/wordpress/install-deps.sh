#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# install-deps.sh PACKAGE...
#
# apt-get installs the given Debian packages without recommends, and keeps
# their maintainer scripts from starting services: the wordpress package
# pulls in apache2 and mariadb-server would start a system mariadbd, and
# the tests use neither (tests/wordpress/wp-site.sh runs its own MariaDB
# and php -S). It does so with a /usr/sbin/policy-rc.d that answers 101
# ("action forbidden") to invoke-rc.d, put there only if none exists and
# removed again afterwards, so an existing policy (Docker images ship one)
# is left alone.
set -eu

if [ "$#" -eq 0 ]; then
    exit 0
fi

policy=/usr/sbin/policy-rc.d
ours=
if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\n# Written by warta tests/wordpress/install-deps.sh for one apt-get run.\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    ours=1
fi
# Removed on every exit, an apt failure or an interrupt included.
cleanup() {
    if [ -n "$ours" ]; then
        rm -f "$policy"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "$@"
