/* warta-pdf.h: one PDF document read through poppler-glib, without GTK
 *
 * A WartaPdf is not thread-safe: the app's render worker is the only
 * thread that calls it once it is open. Opening reads the first page's
 * size only; the others are read when first asked for, so that the first
 * page can be drawn before a long document's every page is walked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

#define WARTA_PDF_ERROR (warta_pdf_error_quark ())

typedef enum
{
  WARTA_PDF_ERROR_FAILED,         /* could not read the file at all */
  WARTA_PDF_ERROR_EMPTY,          /* zero bytes */
  WARTA_PDF_ERROR_NOT_PDF,        /* no %PDF- header: some other kind of file */
  WARTA_PDF_ERROR_DAMAGED,        /* a PDF header, but broken or truncated */
  WARTA_PDF_ERROR_NEEDS_PASSWORD, /* encrypted, and no password was given */
  WARTA_PDF_ERROR_BAD_PASSWORD,   /* encrypted, and the password given is wrong */
  WARTA_PDF_ERROR_NO_PAGES,       /* opens, but has no page to show */
  WARTA_PDF_ERROR_PAGE,           /* one page could not be rendered */
  WARTA_PDF_ERROR_CANCELLED,
} WartaPdfError;

/* A found match, in points from the page's top-left corner. */
typedef struct
{
  double x1, y1, x2, y2;
} WartaPdfRect;

#define WARTA_TYPE_PDF (warta_pdf_get_type ())

G_DECLARE_FINAL_TYPE (WartaPdf, warta_pdf, WARTA, PDF, GObject)

GQuark           warta_pdf_error_quark   (void);

/* fd stays the caller's: the document reads a duplicate of it, so a file
 * that was unlinked after opening can be opened again with a password. */
WartaPdf        *warta_pdf_open_fd       (int            fd,
                                          const char    *password,
                                          GCancellable  *cancellable,
                                          GError       **error);
/* The bytes are kept as long as the document; they must not change. */
WartaPdf        *warta_pdf_open_bytes    (GBytes        *bytes,
                                          const char    *password,
                                          GCancellable  *cancellable,
                                          GError       **error);
WartaPdf        *warta_pdf_open_file     (const char    *path,
                                          const char    *password,
                                          GCancellable  *cancellable,
                                          GError       **error);

/* Whether a seekable stream of length bytes is a PDF that opens: the
 * same checks and errors as opening, with no WartaPdf kept. */
gboolean         warta_pdf_check_stream  (GInputStream  *stream,
                                          goffset        length,
                                          GCancellable  *cancellable,
                                          GError       **error);

guint            warta_pdf_get_n_pages   (WartaPdf      *self);
/* In points (1/72 inch); reads the pages up to index the first time. */
void             warta_pdf_get_page_size (WartaPdf      *self,
                                          guint          index,
                                          double        *width,
                                          double        *height);
const char      *warta_pdf_get_title     (WartaPdf      *self);

/* An ARGB32 image surface of the page at scale pixels per point, on white;
 * NULL with WARTA_PDF_ERROR_CANCELLED when cancelled before or after. */
cairo_surface_t *warta_pdf_render_page   (WartaPdf      *self,
                                          guint          index,
                                          double         scale,
                                          GCancellable  *cancellable,
                                          GError       **error);

/* The matches of text on a page, case-insensitive: an array of WartaPdfRect. */
GArray          *warta_pdf_find_text     (WartaPdf      *self,
                                          guint          index,
                                          const char    *text);
/* All of a page's text, for tests and search indexes. */
char            *warta_pdf_get_page_text (WartaPdf      *self,
                                          guint          index);

G_END_DECLS
