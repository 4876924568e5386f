/* warta-pdf-pages-fit.c: the scale the zoom gives a document's pages
 *
 * Used by the layout, and before it by the document's worker, which
 * draws the first page as it opens the document at the scale the layout
 * will give it (WartaPdfFit).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "warta-pdf-pages-private.h"

/* How the zoom scales pages in a view of width × height. */
static void
get_fit (WartaPdfPages *self,
         int            width,
         int            height,
         WartaPdfFit   *fit)
{
  *fit = (WartaPdfFit) {
    .scale = self->free_scale,
    .min_scale = MIN_SCALE,
    .max_scale = WARTA_PDF_ZOOM_MAX * PX_PER_PT,
    .factor = gtk_widget_get_scale_factor (GTK_WIDGET (self)),
  };

  /* A view no wider than its margins fits at the smallest scale. */
  switch (self->zoom_mode)
    {
    case WARTA_PDF_ZOOM_FIT_WIDTH:
      fit->width = MAX (width - 2 * MARGIN, 1e-3);
      break;

    case WARTA_PDF_ZOOM_FIT_PAGE:
      fit->width = MAX (width - 2 * MARGIN, 1e-3);
      fit->height = MAX (height - 2 * MARGIN, 1e-3);
      break;

    case WARTA_PDF_ZOOM_FREE:
    default:
      break;
    }
}

double
_warta_pdf_pages_compute_scale (WartaPdfPages *self,
                                int            width,
                                int            height)
{
  double max_width, max_height;
  WartaPdfFit fit;

  warta_pdf_document_get_max_size (self->document, &max_width, &max_height);
  get_fit (self, width, height, &fit);
  return warta_pdf_fit_get_scale (&fit, max_width, max_height);
}

/* The size the pages will have once laid out: theirs, or before their
 * first layout (the view was showing something else) the nearest
 * ancestor's that has one, which the pages fill but for the view's bar. */
gboolean
_warta_pdf_pages_get_coming_size (WartaPdfPages *self,
                                  int           *width,
                                  int           *height)
{
  for (GtkWidget *widget = GTK_WIDGET (self); widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      *width = gtk_widget_get_width (widget);
      *height = gtk_widget_get_height (widget);
      if (*width > 0 && *height > 0)
        return TRUE;
    }
  return FALSE;
}

/* How the pages will scale a document shown now (its page sizes apart),
 * for warta_pdf_document_set_first_page_fit(). FALSE before the view
 * has any size. */
gboolean
warta_pdf_pages_get_fit (WartaPdfPages *self,
                         WartaPdfFit   *fit)
{
  int width, height;

  g_return_val_if_fail (WARTA_IS_PDF_PAGES (self), FALSE);
  g_return_val_if_fail (fit != NULL, FALSE);

  if (!_warta_pdf_pages_get_coming_size (self, &width, &height))
    return FALSE;
  get_fit (self, width, height, fit);
  return TRUE;
}
