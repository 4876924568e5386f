/* warta-pdf-pages.h: a PDF's pages one under the other, scrollable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "warta-pdf-document.h"

G_BEGIN_DECLS

typedef enum
{
  WARTA_PDF_ZOOM_FIT_WIDTH,
  WARTA_PDF_ZOOM_FIT_PAGE,
  WARTA_PDF_ZOOM_FREE,
} WartaPdfZoomMode;

/* Zoom 1.0 shows a page at 96 pixels per inch. */
#define WARTA_PDF_ZOOM_MIN 0.25
#define WARTA_PDF_ZOOM_MAX 4.0

#define WARTA_TYPE_PDF_ZOOM_MODE (warta_pdf_zoom_mode_get_type ())
GType warta_pdf_zoom_mode_get_type (void);

#define WARTA_TYPE_PDF_PAGES (warta_pdf_pages_get_type ())

G_DECLARE_FINAL_TYPE (WartaPdfPages, warta_pdf_pages, WARTA, PDF_PAGES, GtkWidget)

GtkWidget        *warta_pdf_pages_new               (void);
void              warta_pdf_pages_set_document      (WartaPdfPages     *self,
                                                     WartaPdfDocument  *document);
WartaPdfDocument *warta_pdf_pages_get_document      (WartaPdfPages     *self);
gboolean          warta_pdf_pages_get_fit           (WartaPdfPages     *self,
                                                     WartaPdfFit       *fit);

WartaPdfZoomMode  warta_pdf_pages_get_zoom_mode     (WartaPdfPages     *self);
void              warta_pdf_pages_set_zoom_mode     (WartaPdfPages     *self,
                                                     WartaPdfZoomMode   mode);
double            warta_pdf_pages_get_zoom          (WartaPdfPages     *self);
void              warta_pdf_pages_set_zoom          (WartaPdfPages     *self,
                                                     double             zoom);
void              warta_pdf_pages_zoom_in           (WartaPdfPages     *self);
void              warta_pdf_pages_zoom_out          (WartaPdfPages     *self);

guint             warta_pdf_pages_get_current_page  (WartaPdfPages     *self);
void              warta_pdf_pages_set_current_page  (WartaPdfPages     *self,
                                                     guint              page);
gboolean          warta_pdf_pages_get_page_rect     (WartaPdfPages     *self,
                                                     guint              page,
                                                     graphene_rect_t   *rect);
gboolean          warta_pdf_pages_get_visible_pages (WartaPdfPages     *self,
                                                     guint             *first,
                                                     guint             *last);
gboolean          warta_pdf_pages_is_page_rendered  (WartaPdfPages     *self,
                                                     guint              page);

void              warta_pdf_pages_set_matches       (WartaPdfPages     *self,
                                                     GArray            *matches,
                                                     int                current);
void              warta_pdf_pages_scroll_to_match   (WartaPdfPages     *self,
                                                     guint              index);

G_END_DECLS
