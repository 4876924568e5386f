#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when a catalog in po/LINGUAS does not compile, has fuzzy or
# untranslated messages, or lacks a message that the sources listed in
# po/POTFILES.in have now.
#
# Usage: check-translations.sh [SOURCE_ROOT]

set -eu

cd "${1:-$(dirname "$0")/..}"

status=0
tmpdir=$(mktemp -d)
trap 'rm -rf "$tmpdir"' EXIT

# A fresh template from the sources, not the one in the build tree, which
# may be stale. xgettext finds the ITS rules for .ui, .desktop, metainfo and
# gschema files by their names.
xgettext --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 \
  --package-name=warta \
  --directory=. --files-from=po/POTFILES.in \
  --output="$tmpdir/warta.pot"

for lang in $(grep -v '^#' po/LINGUAS); do
  po=po/$lang.po

  if ! stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" 2>&1); then
    printf '%s\n' "$stats" >&2
    echo "$po: msgfmt --check failed" >&2
    status=1
    continue
  fi
  echo "$po: $stats"
  case $stats in
    *fuzzy*|*untranslated*)
      echo "$po: has fuzzy or untranslated messages" >&2
      status=1
      ;;
  esac

  # Without fuzzy matching, every message the catalog lacks stays untranslated.
  msgmerge --quiet --no-fuzzy-matching --output-file="$tmpdir/$lang.po" \
    "$po" "$tmpdir/warta.pot"
  merged=$(LC_ALL=C msgfmt --statistics -o /dev/null "$tmpdir/$lang.po" 2>&1)
  case $merged in
    *untranslated*)
      echo "$po: lacks messages the sources have ($merged):" >&2
      # Everything after the header entry, which ends at the first blank line.
      msgattrib --untranslated --no-obsolete --no-wrap "$tmpdir/$lang.po" \
        | sed '1,/^$/d' >&2
      status=1
      ;;
  esac

  msgattrib --only-obsolete --no-wrap \
    --output-file="$tmpdir/$lang.obsolete" "$tmpdir/$lang.po"
  if grep -q '^#~ msgid ' "$tmpdir/$lang.obsolete" 2>/dev/null; then
    echo "$po: note: has messages the sources no longer use (run ninja warta-update-po)"
  fi
done

exit "$status"
