#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-cli-links.sh WARTA-CLI WARTA: warta-cli loads neither WebKitGTK nor
# GTK, and the app does not load WebKitGTK; only the screenshot helper
# warta-page-shot does (src/shot/warta-page-shot.c), so that a command or
# the app's start does not pay for loading them.
set -u
cli=$1
app=$2
status=0

if ! ldd "$cli" > /dev/null; then
  echo "not ok: ldd cannot read $cli"
  exit 1
fi
n=$(ldd "$cli" | grep -c -i 'webkit\|gtk')
if [ "$n" -ne 0 ]; then
  echo "not ok: warta-cli links $n WebKitGTK or GTK libraries:"
  ldd "$cli" | grep -i 'webkit\|gtk'
  status=1
else
  echo "ok: warta-cli links no WebKitGTK and no GTK"
fi

n=$(ldd "$app" | grep -c -i 'webkit\|javascriptcore')
if [ "$n" -ne 0 ]; then
  echo "not ok: warta links $n WebKitGTK libraries:"
  ldd "$app" | grep -i 'webkit\|javascriptcore'
  status=1
else
  echo "ok: warta links no WebKitGTK"
fi
exit $status
