/* warta-sample-private.h: the sample office's files, for warta-sample.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Writes a file of the attachment kind into dir: a PDF for a nota dinas or
 * a supporting document, a PNG photo, else a short text. Returns its path. */
char *_warta_sample_write_attachment (const char  *dir,
                                      const char  *kind,
                                      const char  *office,
                                      const char  *title,
                                      guint        seed,
                                      GError     **error);

/* A PNG of what a published post might look like, for sample cases. */
GBytes *_warta_sample_draw_page (const char *office,
                                 const char *title,
                                 guint       seed);

G_END_DECLS
