/* warta-flowchart-pages.c: the flowchart on A4 paper
 *
 * A chart that fits one A4 page at a legible size is scaled onto one,
 * landscape when it is wider than tall. One that does not (seed 000's
 * 21 steps are a metre tall at their own size) is cut into pages between
 * its rows, and between its lanes when even the narrowest legible scale
 * is too wide, so that no symbol is cut; each page repeats the SOP's name
 * and the lane headers of its lanes, and says which page of how many it
 * is. The orientation that takes fewer pages wins.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "warta-flowchart-private.h"

/* A4 in points */
#define A4_SHORT 595.276
#define A4_LONG  841.89
#define PAGE_MARGIN 28.0
/* The page's own heading on a tiled page: the SOP, the page number */
#define HEADING_SIZE 9.0
#define HEADING_HEIGHT 20.0

/* The smallest scales at which the chart's text stays legible on paper:
 * the default 11-unit font at 5 pt for a chart on one page, where all of
 * it is in view at once, and at 6 pt for one cut into pages. */
#define MIN_SCALE_ONE_PAGE (5.0 / 11.0)
#define MIN_SCALE (6.0 / 11.0)

/* From x0 to x1 (or y0 to y1), layout units */
typedef struct
{
  double x0, x1;
} Span;

typedef struct
{
  double    page_width;
  double    page_height;
  double    scale;
  gboolean  tiled;
  GArray   *columns;  /* Span, across: a run of whole lanes */
  GArray   *rows;     /* Span, down: a run of whole rows */
} Plan;

static void
plan_clear (Plan *plan)
{
  g_clear_pointer (&plan->columns, g_array_unref);
  g_clear_pointer (&plan->rows, g_array_unref);
}

static guint
plan_n_pages (const Plan *plan)
{
  return plan->tiled ? plan->columns->len * plan->rows->len : 1;
}

/* Runs of whole @rects (the layout's lanes, across, or its rows, down),
 * each at most @length layout units long. */
static GArray *
cut_spans (GArray   *rects,
           gboolean  down,
           double    length)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (Span));
  Span span = { 0 };

  for (guint i = 0; i < rects->len; i++)
    {
      const WartaFlowchartRect *rect = &g_array_index (rects, WartaFlowchartRect, i);
      double start = down ? rect->y : rect->x;
      double end = start + (down ? rect->height : rect->width);

      if (i == 0)
        span.x0 = start;
      else if (span.x1 > span.x0 && end - span.x0 > length)
        {
          g_array_append_val (spans, span);
          span.x0 = start;
        }
      span.x1 = end;
    }
  g_array_append_val (spans, span);
  return spans;
}

static void
make_plan (WartaFlowchartLayout *layout,
           gboolean              landscape,
           Plan                 *plan)
{
  double avail_width, avail_height, body_height;

  *plan = (Plan) { 0 };
  plan->page_width = landscape ? A4_LONG : A4_SHORT;
  plan->page_height = landscape ? A4_SHORT : A4_LONG;
  avail_width = plan->page_width - 2 * PAGE_MARGIN;
  avail_height = plan->page_height - 2 * PAGE_MARGIN;

  /* All of it on one page, never larger than its own size. */
  plan->scale = MIN (1.0, MIN (avail_width / layout->width, avail_height / layout->height));
  if (plan->scale >= MIN_SCALE_ONE_PAGE)
    return;

  /* As wide as the page allows, but legible: then as many rows a page as
   * fit under the page's heading and the lane headers. */
  plan->tiled = TRUE;
  plan->scale = CLAMP (avail_width / layout->body.width, MIN_SCALE, 1.0);
  plan->columns = cut_spans (layout->columns, FALSE, avail_width / plan->scale);
  body_height = (avail_height - HEADING_HEIGHT) / plan->scale - layout->header.height;
  plan->rows = cut_spans (layout->rows, TRUE, body_height);
}

static void
draw_heading (cairo_t                   *cr,
              const WartaFlowchartPaint *paint,
              const Plan                *plan,
              guint                      page)
{
  const WartaFlowchartColors *colors = paint->colors;
  WartaSop *sop = paint->sop;
  const char *number = warta_sop_get_header (sop)->number;
  g_autofree char *title = NULL;
  g_autofree char *page_text = NULL;
  double width = plan->page_width - 2 * PAGE_MARGIN;
  WartaFlowchartTextBox box = { { PAGE_MARGIN, PAGE_MARGIN, width * 0.75, HEADING_HEIGHT - 6 },
                                HEADING_SIZE, TRUE, 0, 0.5 };

  title = number != NULL ? g_strdup_printf ("%s — %s", warta_sop_get_name (sop), number)
                         : g_strdup (warta_sop_get_name (sop));
  cairo_set_source_rgba (cr, colors->text.red, colors->text.green, colors->text.blue, colors->text.alpha);
  paint->text_func (cr, title, &box, paint->user_data);

  /* Translators: the page of a flowchart printed on several pages */
  page_text = g_strdup_printf (_("Page %u of %u"), page + 1, plan_n_pages (plan));
  box.rect.x = PAGE_MARGIN + width * 0.75;
  box.rect.width = width * 0.25;
  box.bold = FALSE;
  box.xalign = 1;
  paint->text_func (cr, page_text, &box, paint->user_data);
}

/* Draws @region of the chart with its top left corner at (x, y) of the
 * page, at the plan's scale. */
static void
draw_part (cairo_t                   *cr,
           WartaFlowchartLayout      *layout,
           const WartaFlowchartPaint *paint,
           const Plan                *plan,
           const WartaFlowchartRect  *region,
           double                     x,
           double                     y)
{
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, plan->scale, plan->scale);
  cairo_translate (cr, -region->x, -region->y);
  cairo_rectangle (cr, region->x, region->y, region->width, region->height);
  cairo_clip (cr);
  _warta_flowchart_draw_region (cr, layout, paint, region);
  cairo_restore (cr);
}

/* Writes the chart as an A4 PDF to @write_func. */
cairo_status_t
_warta_flowchart_write_pdf (WartaFlowchartLayout      *layout,
                            const WartaFlowchartPaint *paint,
                            cairo_write_func_t         write_func,
                            void                      *closure)
{
  WartaSop *sop = paint->sop;
  const char *number = warta_sop_get_header (sop)->number;
  g_autofree char *title = g_strdup_printf ("%s — %s", warta_sop_get_name (sop),
                                            number != NULL ? number : warta_sop_get_id (sop));
  Plan portrait, landscape, *plan;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  make_plan (layout, FALSE, &portrait);
  make_plan (layout, TRUE, &landscape);
  /* Fewer pages; as many: landscape when the chart is wider than tall. */
  if (plan_n_pages (&landscape) != plan_n_pages (&portrait))
    plan = plan_n_pages (&landscape) < plan_n_pages (&portrait) ? &landscape : &portrait;
  else
    plan = layout->width > layout->height ? &landscape : &portrait;

  surface = cairo_pdf_surface_create_for_stream (write_func, closure, plan->page_width, plan->page_height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Warta " PACKAGE_VERSION);
  cr = cairo_create (surface);

  if (!plan->tiled)
    {
      WartaFlowchartRect all = { 0, 0, layout->width, layout->height };
      double x = (plan->page_width - layout->width * plan->scale) / 2;
      double y = (plan->page_height - layout->height * plan->scale) / 2;

      draw_part (cr, layout, paint, plan, &all, x, y);
      cairo_show_page (cr);
    }
  else
    {
      guint page = 0;

      for (guint c = 0; c < plan->columns->len; c++)
        for (guint r = 0; r < plan->rows->len; r++, page++)
          {
            const Span *column = &g_array_index (plan->columns, Span, c);
            const Span *row = &g_array_index (plan->rows, Span, r);
            WartaFlowchartRect lanes = { column->x0, layout->header.y, column->x1 - column->x0,
                                         layout->header.height };
            WartaFlowchartRect body = { column->x0, row->x0, column->x1 - column->x0, row->x1 - row->x0 };
            double y = PAGE_MARGIN + HEADING_HEIGHT;

            draw_heading (cr, paint, plan, page);
            draw_part (cr, layout, paint, plan, &lanes, PAGE_MARGIN, y);
            y += layout->header.height * plan->scale;
            draw_part (cr, layout, paint, plan, &body, PAGE_MARGIN, y);
            cairo_show_page (cr);
          }
    }

  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  plan_clear (&portrait);
  plan_clear (&landscape);
  return status;
}
