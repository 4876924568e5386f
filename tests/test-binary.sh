#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The shipped programs carry no test hook (WARTA_BENCH_*) and no folder of
# the machine they were built on: not the source tree's (an uninstalled
# build used to find its SOP files there), not the build directory's (the
# debug information used to name it).
#
#   test-binary.sh SOURCE_ROOT BUILD_ROOT PROGRAM...

source_root=$1
build_root=$2
shift 2
status=0
n=0

check () {
  n=$((n + 1))
  if grep -q -a -F -e "$2" "$1"; then
    echo "not ok $n - $(basename "$1") holds \"$2\": $(grep -a -o -F -e "$2" "$1" | wc -l) times"
    status=1
  else
    echo "ok $n - $(basename "$1") holds no \"$2\""
  fi
}

for program in "$@"; do
  check "$program" WARTA_BENCH
  check "$program" "$source_root"
  check "$program" "$build_root"
done
echo "1..$n"
exit $status
