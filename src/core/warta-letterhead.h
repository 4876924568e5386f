/* warta-letterhead.h: the office's letterhead (kop surat), drawn with cairo
 *
 * As Indonesian office papers begin: the logo at the left, the lines
 * centred (the leading upper-case ones bold, the last of them largest:
 * ministry, directorate, the office; then address and telephone small),
 * and a double rule, thick over thin, below. The evidence papers draw it
 * at the top of their first page; the office profile's preview draws the
 * same. Nothing here touches GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include <pango/pangocairo.h>

G_BEGIN_DECLS

typedef struct _WartaLetterhead WartaLetterhead;

/* lines: NULL-terminated, blank ones skipped; logo may be NULL. NULL when
 * there is nothing to draw (no line and no logo). */
WartaLetterhead *warta_letterhead_new         (const char * const *lines,
                                               cairo_surface_t    *logo);
void             warta_letterhead_free        (WartaLetterhead    *self);
/* Lays it out width points wide with context (NULL: one like the papers',
 * 72 dpi, unhinted); returns its height in points, rule included. */
double           warta_letterhead_layout      (WartaLetterhead    *self,
                                               PangoContext       *context,
                                               double              width);
/* Draws it, laid out, with its top-left at cr's origin. */
void             warta_letterhead_draw        (WartaLetterhead    *self,
                                               cairo_t            *cr);
/* A PNG or JPEG logo decoded (at most 600 pixels on its longer side);
 * slow for a big picture: call it from a thread. */
cairo_surface_t *warta_letterhead_decode_logo (GBytes             *bytes,
                                               GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WartaLetterhead, warta_letterhead_free)

G_END_DECLS
