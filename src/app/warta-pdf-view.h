/* warta-pdf-view.h: a PDF attachment, shown page by page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "warta-pdf-document.h"
#include "warta-pdf-pages.h"

G_BEGIN_DECLS

typedef enum
{
  WARTA_PDF_VIEW_EMPTY,           /* nothing loaded */
  WARTA_PDF_VIEW_LOADING,
  WARTA_PDF_VIEW_NEEDS_PASSWORD,  /* the password prompt shows */
  WARTA_PDF_VIEW_READY,
  WARTA_PDF_VIEW_ERROR,           /* the error page shows the message */
} WartaPdfViewState;

#define WARTA_TYPE_PDF_VIEW_STATE (warta_pdf_view_state_get_type ())
GType warta_pdf_view_state_get_type (void);

#define WARTA_TYPE_PDF_VIEW (warta_pdf_view_get_type ())

G_DECLARE_FINAL_TYPE (WartaPdfView, warta_pdf_view, WARTA, PDF_VIEW, GtkWidget)

GtkWidget         *warta_pdf_view_new                (void);

void               warta_pdf_view_load_bytes         (WartaPdfView     *self,
                                                      GBytes           *bytes,
                                                      const char       *display_name);
void               warta_pdf_view_load_fd            (WartaPdfView     *self,
                                                      int               fd,
                                                      const char       *display_name);
void               warta_pdf_view_load_file          (WartaPdfView     *self,
                                                      GFile            *file);
void               warta_pdf_view_unlock             (WartaPdfView     *self,
                                                      const char       *password);
void               warta_pdf_view_clear              (WartaPdfView     *self);

WartaPdfViewState  warta_pdf_view_get_state          (WartaPdfView     *self);
const GError      *warta_pdf_view_get_error          (WartaPdfView     *self);
const char        *warta_pdf_view_get_error_message  (WartaPdfView     *self);
const char        *warta_pdf_view_get_display_name   (WartaPdfView     *self);
WartaPdfDocument  *warta_pdf_view_get_document       (WartaPdfView     *self);

guint              warta_pdf_view_get_n_pages        (WartaPdfView     *self);
guint              warta_pdf_view_get_current_page   (WartaPdfView     *self);
void               warta_pdf_view_set_page           (WartaPdfView     *self,
                                                      guint             page);
gboolean           warta_pdf_view_is_page_rendered   (WartaPdfView     *self,
                                                      guint             page);

WartaPdfZoomMode   warta_pdf_view_get_zoom_mode      (WartaPdfView     *self);
void               warta_pdf_view_set_zoom_mode      (WartaPdfView     *self,
                                                      WartaPdfZoomMode  mode);
double             warta_pdf_view_get_zoom           (WartaPdfView     *self);
void               warta_pdf_view_set_zoom           (WartaPdfView     *self,
                                                      double            zoom);
void               warta_pdf_view_zoom_in            (WartaPdfView     *self);
void               warta_pdf_view_zoom_out           (WartaPdfView     *self);

void               warta_pdf_view_find               (WartaPdfView     *self,
                                                      const char       *text);
gboolean           warta_pdf_view_is_finding         (WartaPdfView     *self);
guint              warta_pdf_view_get_n_matches      (WartaPdfView     *self);
int                warta_pdf_view_get_current_match  (WartaPdfView     *self);
void               warta_pdf_view_find_next          (WartaPdfView     *self);
void               warta_pdf_view_find_previous      (WartaPdfView     *self);

gboolean           warta_pdf_view_get_show_thumbnails (WartaPdfView    *self);
void               warta_pdf_view_set_show_thumbnails (WartaPdfView    *self,
                                                       gboolean         show);

void               warta_pdf_view_set_cache_budget   (WartaPdfView     *self,
                                                      gsize             bytes);

G_END_DECLS
