/* warta-json-scan.h: a look over JSON text before json-glib parses it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  WARTA_JSON_SCAN_OK,
  WARTA_JSON_SCAN_TOO_DEEP,       /* at the bracket that opens one level too many */
  WARTA_JSON_SCAN_DUPLICATE_KEY,  /* at the second key's quote; detail: its name */
  WARTA_JSON_SCAN_TRAILING,       /* at the first character after the top-level value */
  WARTA_JSON_SCAN_UNEXPECTED,     /* at a character JSON has not outside a string; detail: it */
  WARTA_JSON_SCAN_BAD_ESCAPE,     /* at a backslash JSON has not in a string; detail: the escape */
} WartaJsonScanProblem;

WartaJsonScanProblem _warta_json_scan (const char  *text,
                                       gsize        length,
                                       guint        max_depth,
                                       gsize       *offset,
                                       char       **detail,
                                       gsize       *readable);

G_END_DECLS
