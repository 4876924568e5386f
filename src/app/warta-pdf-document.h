/* warta-pdf-document.h: one PDF behind its render worker, for the views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "warta-pdf.h"

G_BEGIN_DECLS

/* The order the worker takes its jobs in. */
typedef enum
{
  WARTA_PDF_PRIORITY_VISIBLE,
  WARTA_PDF_PRIORITY_THUMBNAIL,
  WARTA_PDF_PRIORITY_PRELOAD,
} WartaPdfPriority;

/* A match of a find, in points from the top-left corner of its page. */
typedef struct
{
  guint        page;
  WartaPdfRect rect;
} WartaPdfMatch;

/* How many pages beyond the visible ones are rendered ahead, and kept
 * when their jobs would otherwise be dropped as stale. */
#define WARTA_PDF_DOCUMENT_PRELOAD_PAGES 2

#define WARTA_PDF_DOCUMENT_DEFAULT_BUDGET (128 * 1024 * 1024)

/* How a view scales its pages: into width pixels across (and height
 * down, if not 0), or at scale pixels per point when width is 0; within
 * min_scale and max_scale. The document's worker draws the first page
 * that way as it opens it, so that it is there when the view lays it
 * out; factor is the display's device pixels per pixel. */
typedef struct
{
  double width;
  double height;
  double scale;
  double min_scale;
  double max_scale;
  int    factor;
} WartaPdfFit;

double            warta_pdf_fit_get_scale             (const WartaPdfFit    *fit,
                                                       double                page_width,
                                                       double                page_height);

#define WARTA_TYPE_PDF_DOCUMENT (warta_pdf_document_get_type ())

G_DECLARE_FINAL_TYPE (WartaPdfDocument, warta_pdf_document, WARTA, PDF_DOCUMENT, GObject)

/* Called on the main thread with the matches of one page, as the find
 * reaches it. */
typedef void (*WartaPdfFindFunc) (WartaPdfDocument    *document,
                                  const WartaPdfMatch *matches,
                                  guint                n_matches,
                                  gpointer             user_data);

WartaPdfDocument *warta_pdf_document_new              (void);

void              warta_pdf_document_load_async       (WartaPdfDocument     *self,
                                                       int                   fd,
                                                       const char           *password,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
void              warta_pdf_document_load_bytes_async (WartaPdfDocument     *self,
                                                       GBytes               *bytes,
                                                       const char           *password,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
void              warta_pdf_document_unlock_async     (WartaPdfDocument     *self,
                                                       const char           *password,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
void              warta_pdf_document_set_first_page_fit (WartaPdfDocument   *self,
                                                       const WartaPdfFit    *fit);
gboolean          warta_pdf_document_load_finish      (WartaPdfDocument     *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);

gboolean          warta_pdf_document_is_loaded        (WartaPdfDocument     *self);
guint             warta_pdf_document_get_n_pages      (WartaPdfDocument     *self);
gboolean          warta_pdf_document_has_sizes        (WartaPdfDocument     *self);
void              warta_pdf_document_get_page_size    (WartaPdfDocument     *self,
                                                       guint                 page,
                                                       double               *width,
                                                       double               *height);
void              warta_pdf_document_get_max_size     (WartaPdfDocument     *self,
                                                       double               *width,
                                                       double               *height);
const char       *warta_pdf_document_get_title        (WartaPdfDocument     *self);

gboolean          warta_pdf_document_request          (WartaPdfDocument     *self,
                                                       guint                 page,
                                                       double                scale,
                                                       WartaPdfPriority      priority);
GdkTexture       *warta_pdf_document_lookup           (WartaPdfDocument     *self,
                                                       guint                 page,
                                                       gboolean              thumbnail,
                                                       double               *scale);
gboolean          warta_pdf_document_has_page         (WartaPdfDocument     *self,
                                                       guint                 page,
                                                       gboolean              thumbnail,
                                                       double                scale);
void              warta_pdf_document_set_visible      (WartaPdfDocument     *self,
                                                       gboolean              thumbnail,
                                                       guint                 first,
                                                       guint                 last);
void              warta_pdf_document_cancel_renders   (WartaPdfDocument     *self,
                                                       gboolean              thumbnail);

void              warta_pdf_document_set_cache_budget (WartaPdfDocument     *self,
                                                       gsize                 bytes);
gsize             warta_pdf_document_get_cache_budget (WartaPdfDocument     *self);
gsize             warta_pdf_document_get_cache_size   (WartaPdfDocument     *self);
gsize             warta_pdf_document_get_cache_peak   (WartaPdfDocument     *self);

void              warta_pdf_document_find_async       (WartaPdfDocument     *self,
                                                       const char           *text,
                                                       WartaPdfFindFunc      progress,
                                                       gpointer              progress_data,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
GArray           *warta_pdf_document_find_finish      (WartaPdfDocument     *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);

G_END_DECLS
