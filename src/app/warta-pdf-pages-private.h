/* warta-pdf-pages-private.h: what the parts of WartaPdfPages share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "warta-pdf-pages.h"

G_BEGIN_DECLS

#define MARGIN    12
#define SPACING   12
/* Zoom 1.0: 96 pixels per inch, 72 points. */
#define PX_PER_PT (96.0 / 72.0)
#define MIN_SCALE 0.02

struct _WartaPdfPages
{
  GtkWidget         parent_instance;

  /* Owned */
  WartaPdfDocument *document;
  gulong            rendered_id;
  gulong            sizes_id;
  GtkAdjustment    *hadjustment;
  GtkAdjustment    *vadjustment;
  guint             hscroll_policy : 1;
  guint             vscroll_policy : 1;

  /* Zoom, as asked for and as laid out */
  WartaPdfZoomMode  zoom_mode;
  double            free_scale;
  double            scale;

  /* Layout, in pixels of the whole document */
  guint             n_pages;
  int              *page_y;
  int              *page_w;
  int              *page_h;
  int               content_width;
  int               content_height;
  gboolean          laid_out;

  /* Where to be after the next layout */
  gboolean          has_anchor;
  guint             anchor_page;
  double            anchor_fx;
  double            anchor_fy;
  double            anchor_vx;
  double            anchor_vy;
  gboolean          has_pending_page;
  gboolean          scrolling;     /* ours, not the person's: keep the current page */
  gboolean          needs_layout;  /* the zoom or the document changed since */

  guint             current_page;

  /* Find */
  GArray           *matches;
  int               current_match;

  /* Ctrl+scroll and pinch */
  double            scroll_delta;
  double            gesture_zoom;
  guint             notify_zoom_id;
  double            pointer_x;
  double            pointer_y;
  gboolean          has_pointer;
};

static inline double
_warta_pdf_pages_get_current_zoom (WartaPdfPages *self)
{
  return self->scale / PX_PER_PT;
}

void _warta_pdf_pages_set_anchor        (WartaPdfPages  *self,
                                         double          vx,
                                         double          vy);
void _warta_pdf_pages_notify_zoom_mode  (WartaPdfPages  *self);

/* warta-pdf-pages-fit.c */
double   _warta_pdf_pages_compute_scale    (WartaPdfPages  *self,
                                            int             width,
                                            int             height);
gboolean _warta_pdf_pages_get_coming_size  (WartaPdfPages  *self,
                                            int            *width,
                                            int            *height);

/* warta-pdf-pages-zoom.c */
void _warta_pdf_pages_init_input        (WartaPdfPages  *self);
void _warta_pdf_pages_class_init_input  (GtkWidgetClass *widget_class);

G_END_DECLS
