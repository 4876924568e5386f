/* warta-flowchart.c: an SOP drawn as its official flowchart
 *
 * The drawing, on any cairo context: the layout of
 * warta-flowchart-layout.c, the same for every case, with a case's runs on
 * top (what is done, the active step, each step's time against its
 * standard), in light or dark colours. Text goes through a callback, so
 * that the app draws it with Pango and the tests and the CLI need no more
 * than cairo. Export is this drawing written to a PNG or a PDF.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "warta-flowchart-private.h"
#include "warta-timing.h"

/* The largest side of a cairo image surface. */
#define MAX_IMAGE_SIDE 32767

#define RGB(r, g, b) { (r) / 255.0, (g) / 255.0, (b) / 255.0, 1.0 }
#define RGBA(r, g, b, a) { (r) / 255.0, (g) / 255.0, (b) / 255.0, (a) }

static const WartaFlowchartColors light_colors = {
  .background = RGB (0xff, 0xff, 0xff),
  .header = RGB (0xeb, 0xeb, 0xed),
  .band = RGBA (0x00, 0x00, 0x00, 0.025),
  .grid = RGBA (0x00, 0x00, 0x00, 0.22),
  .text = RGB (0x1e, 0x1e, 0x1e),
  .dim_text = RGB (0x5e, 0x5c, 0x64),
  .line = RGB (0x3d, 0x3d, 0x3d),
  .node = RGB (0xff, 0xff, 0xff),
  .done = RGB (0xd6, 0xf0, 0xdd),
  .returned = RGB (0xfb, 0xec, 0xc8),
  .rejected = RGB (0xf8, 0xd8, 0xdb),
  .active = RGB (0x1c, 0x71, 0xd8),
  .near = RGB (0xb5, 0x83, 0x00),
  .over = RGB (0xc0, 0x1c, 0x28),
};

static const WartaFlowchartColors dark_colors = {
  .background = RGB (0x1e, 0x1e, 0x1e),
  .header = RGB (0x30, 0x30, 0x30),
  .band = RGBA (0xff, 0xff, 0xff, 0.03),
  .grid = RGBA (0xff, 0xff, 0xff, 0.2),
  .text = RGB (0xff, 0xff, 0xff),
  .dim_text = RGB (0xc0, 0xbf, 0xbc),
  .line = RGB (0xd0, 0xd0, 0xd0),
  .node = RGB (0x2a, 0x2a, 0x2a),
  .done = RGB (0x1f, 0x48, 0x2e),
  .returned = RGB (0x4d, 0x3d, 0x14),
  .rejected = RGB (0x52, 0x22, 0x26),
  .active = RGB (0x78, 0xae, 0xed),
  .near = RGB (0xf8, 0xe4, 0x5c),
  .over = RGB (0xff, 0x7b, 0x63),
};

G_DEFINE_QUARK (warta-flowchart-error-quark, warta_flowchart_error)

const WartaFlowchartColors *
warta_flowchart_colors_get_default (gboolean dark)
{
  return dark ? &dark_colors : &light_colors;
}

static void
set_color (cairo_t                   *cr,
           const WartaFlowchartColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

static void
shape_path (cairo_t                  *cr,
            const WartaFlowchartNode *node)
{
  const WartaFlowchartRect *r = &node->rect;
  double cx = r->x + r->width / 2, cy = r->y + r->height / 2;

  cairo_new_path (cr);
  switch (node->kind)
    {
    case WARTA_FLOWCHART_NODE_TERMINATOR:
      {
        double radius = r->height / 2;

        cairo_arc (cr, r->x + r->width - radius, cy, radius, -G_PI / 2, G_PI / 2);
        cairo_arc (cr, r->x + radius, cy, radius, G_PI / 2, 3 * G_PI / 2);
        cairo_close_path (cr);
      }
      break;
    case WARTA_FLOWCHART_NODE_DECISION:
      cairo_move_to (cr, cx, r->y);
      cairo_line_to (cr, r->x + r->width, cy);
      cairo_line_to (cr, cx, r->y + r->height);
      cairo_line_to (cr, r->x, cy);
      cairo_close_path (cr);
      break;
    case WARTA_FLOWCHART_NODE_PROCESS:
    default:
      cairo_rectangle (cr, r->x, r->y, r->width, r->height);
      break;
    }
}

/* The default colours and text, where the caller gave none. */
static void
paint_set_defaults (WartaFlowchartPaint *paint)
{
  if (paint->colors == NULL)
    paint->colors = &light_colors;
  if (paint->text_func == NULL)
    paint->text_func = warta_flowchart_draw_text_simple;
}

static void
draw_text (cairo_t                   *cr,
           const WartaFlowchartPaint *paint,
           const char                *text,
           double                     x,
           double                     y,
           double                     width,
           double                     height,
           double                     size,
           gboolean                   bold,
           double                     xalign)
{
  WartaFlowchartTextBox box = { { x, y, width, height }, size, bold, xalign, 0.5 };

  if (text == NULL || *text == '\0' || width <= 0 || height <= 0)
    return;
  paint->text_func (cr, text, &box, paint->user_data);
}

static void
draw_edge (cairo_t                   *cr,
           const WartaFlowchartEdge  *edge,
           const WartaFlowchartStyle *style)
{
  const WartaFlowchartPoint *tip = &edge->points[edge->n_points - 1];
  const WartaFlowchartPoint *prev = &edge->points[edge->n_points - 2];
  double dx = tip->x - prev->x, dy = tip->y - prev->y;
  double length = hypot (dx, dy), size = style->arrow_size;

  if (length < 0.01)
    return;
  dx /= length;
  dy /= length;

  /* The line stops at the arrowhead's base, so no stroke end shows past the tip. */
  cairo_new_path (cr);
  cairo_move_to (cr, edge->points[0].x, edge->points[0].y);
  for (guint i = 1; i + 1 < edge->n_points; i++)
    cairo_line_to (cr, edge->points[i].x, edge->points[i].y);
  cairo_line_to (cr, tip->x - dx * size * 0.8, tip->y - dy * size * 0.8);
  cairo_stroke (cr);

  cairo_move_to (cr, tip->x, tip->y);
  cairo_line_to (cr, tip->x - dx * size - dy * size * 0.45, tip->y - dy * size + dx * size * 0.45);
  cairo_line_to (cr, tip->x - dx * size + dy * size * 0.45, tip->y - dy * size - dx * size * 0.45);
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* A terminator is done when the case has passed it: Mulai once anything
 * ran, an end once the latest run, completed, was a step that leads to it. */
static gboolean
terminator_reached (WartaSop                 *sop,
                    const WartaFlowchartNode *node,
                    GPtrArray                *runs)
{
  const WartaStepRun *latest = NULL;
  const WartaSopStep *step;

  if (runs == NULL || runs->len == 0)
    return FALSE;
  if (node->end == WARTA_SOP_END_NONE)
    return TRUE;

  for (guint i = 0; i < runs->len; i++)
    {
      const WartaStepRun *run = g_ptr_array_index (runs, i);

      if (latest == NULL || run->seq > latest->seq)
        latest = run;
    }
  if (latest->completed_at == 0 || !(step = warta_sop_lookup_step (sop, latest->step_id)))
    return FALSE;
  return !warta_sop_step_is_decision (step) && step->end == node->end;
}

static void
draw_node (cairo_t                   *cr,
           WartaFlowchartLayout      *layout,
           const WartaFlowchartNode  *node,
           const WartaFlowchartPaint *paint)
{
  const WartaFlowchartColors *colors = paint->colors;
  const WartaFlowchartStyle *style = &layout->style;
  const WartaFlowchartRect *r = &node->rect;
  double small = style->font_size * 0.85, line = small * 1.3;
  const WartaFlowchartColor *border = &colors->line, *status_color = &colors->dim_text;
  const WartaSopStep *step = NULL;
  const WartaStepRun *run = NULL;
  g_autofree char *status = NULL;
  g_autofree char *short_text = NULL;
  const WartaFlowchartColor *fill = &colors->node;
  double border_width = 1.5;
  gboolean emphasis = FALSE;   /* the status in bold: how the step ended */

  if (node->step >= 0)
    {
      step = warta_sop_get_step (paint->sop, node->step);
      run = warta_flowchart_find_last_run (paint->runs, step->id);
    }

  if (run != NULL)
    {
      WartaTiming timing = warta_step_run_get_timing (run, paint->now);

      status = warta_step_run_describe (run, paint->now);
      if (run->completed_at == 0)
        {
          border = timing == WARTA_TIMING_OVER ? &colors->over :
                   timing == WARTA_TIMING_NEAR ? &colors->near : &colors->active;
          status_color = border;
          border_width = 4;
        }
      else if (run->outcome == WARTA_OUTCOME_RETURNED || run->outcome == WARTA_OUTCOME_NO)
        {
          /* Not done: the case went back, or the answer was tidak. */
          gboolean returned = run->outcome == WARTA_OUTCOME_RETURNED;

          fill = returned ? &colors->returned : &colors->rejected;
          border = status_color = returned ? &colors->near : &colors->over;
          border_width = 2.5;
          emphasis = TRUE;
        }
      else
        {
          fill = &colors->done;
          status_color = timing == WARTA_TIMING_OVER ? &colors->over : &colors->text;
          emphasis = TRUE;
        }
    }
  else if (node->step < 0 && terminator_reached (paint->sop, node, paint->runs))
    fill = &colors->done;

  shape_path (cr, node);
  set_color (cr, fill);
  cairo_fill_preserve (cr);
  set_color (cr, border);
  cairo_set_line_width (cr, border_width);
  cairo_stroke (cr);

  set_color (cr, &colors->text);
  if (node->kind == WARTA_FLOWCHART_NODE_TERMINATOR)
    {
      draw_text (cr, paint, warta_flowchart_terminator_label (node->end),
                 r->x + r->height / 4, r->y, r->width - r->height / 2, r->height,
                 style->font_size, TRUE, 0.5);
      return;
    }

  short_text = warta_flowchart_short_text (step->text, 8);
  if (node->kind == WARTA_FLOWCHART_NODE_PROCESS)
    {
      double status_h = status != NULL ? 2 * line : 0;
      double top = r->y + 4 + line;

      draw_text (cr, paint, step->id, r->x + 6, r->y + 4, r->width - 12, line, small, TRUE, 0);
      draw_text (cr, paint, short_text, r->x + 8, top, r->width - 16,
                 r->y + r->height - 4 - status_h - top, style->font_size, FALSE, 0.5);
      set_color (cr, status_color);
      draw_text (cr, paint, status, r->x + 6, r->y + r->height - 4 - status_h,
                 r->width - 12, status_h, small, emphasis, 0.5);
    }
  else
    {
      double cx = r->x + r->width / 2;

      /* The id under the top vertex, the text in the largest box the diamond
       * holds, the status under the diamond, left of the arrow out. */
      draw_text (cr, paint, step->id, cx - r->width / 8, r->y + r->height / 8,
                 r->width / 4, line, small, TRUE, 0.5);
      draw_text (cr, paint, short_text, r->x + r->width / 4, r->y + r->height / 4,
                 r->width / 2, r->height / 2, small, FALSE, 0.5);
      set_color (cr, status_color);
      draw_text (cr, paint, status, r->x - style->column_padding / 2, r->y + r->height + 2,
                 r->width / 2 + style->column_padding / 2 - 6, _warta_flowchart_status_space (style) - 2, small, emphasis, 1);
    }
}

static gboolean
rect_holds_point (const WartaFlowchartRect *rect,
                  double                    x,
                  double                    y)
{
  return rect == NULL ||
         (x >= rect->x && x < rect->x + rect->width && y >= rect->y && y < rect->y + rect->height);
}

static gboolean
rects_meet (const WartaFlowchartRect *a,
            const WartaFlowchartRect *b)
{
  return a == NULL ||
         (a->x < b->x + b->width && b->x < a->x + a->width &&
          a->y < b->y + b->height && b->y < a->y + a->height);
}

/* The chart, or the part of it in @region (layout units; NULL for all):
 * a page of a tiled export. Its cuts are between lanes and rows, so a
 * symbol is wholly in it or left out, and no text of what is left out is
 * written, not even clipped away: a PDF's text is what its pages show. */
void
_warta_flowchart_draw_region (cairo_t                   *cr,
                              WartaFlowchartLayout      *layout,
                              const WartaFlowchartPaint *paint,
                              const WartaFlowchartRect  *region)
{
  const WartaFlowchartColors *colors = paint->colors;
  const WartaFlowchartStyle *style;
  const WartaSopHeader *header;
  const WartaFlowchartRect *r;
  double label_size;

  style = &layout->style;
  header = warta_sop_get_header (paint->sop);
  label_size = style->font_size * 0.9;

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);

  set_color (cr, &colors->background);
  cairo_rectangle (cr, 0, 0, layout->width, layout->height);
  cairo_fill (cr);

  /* The title: the SOP's name, its number on the right. */
  r = &layout->title;
  if (rects_meet (region, r))
    {
      set_color (cr, &colors->text);
      draw_text (cr, paint, header->name, r->x, r->y, r->width * 0.7, r->height - 8,
                 style->font_size * 1.3, TRUE, 0);
      set_color (cr, &colors->dim_text);
      draw_text (cr, paint, header->number, r->x + r->width * 0.7, r->y, r->width * 0.3,
                 r->height - 8, style->font_size, FALSE, 1);
    }

  /* Every other step's row shaded, as in a printed table. */
  set_color (cr, &colors->band);
  for (guint i = 2; i <= layout->n_steps; i += 2)
    {
      r = ROW (layout, i);
      cairo_rectangle (cr, r->x, r->y, r->width, r->height);
    }
  cairo_fill (cr);

  r = &layout->header;
  set_color (cr, &colors->header);
  cairo_rectangle (cr, r->x, r->y, r->width, r->height);
  cairo_fill (cr);

  set_color (cr, &colors->grid);
  cairo_set_line_width (cr, 1);
  for (guint i = 1; i < layout->columns->len; i++)
    {
      r = COLUMN (layout, i);
      cairo_move_to (cr, r->x, r->y);
      cairo_line_to (cr, r->x, r->y + r->height);
    }
  cairo_move_to (cr, layout->header.x, layout->body.y);
  cairo_line_to (cr, layout->header.x + layout->header.width, layout->body.y);
  cairo_rectangle (cr, layout->header.x, layout->header.y, layout->header.width,
                   layout->header.height + layout->body.height);
  cairo_stroke (cr);

  set_color (cr, &colors->text);
  for (guint i = 0; i < layout->columns->len; i++)
    {
      r = COLUMN (layout, i);
      if (!rect_holds_point (region, r->x + r->width / 2, layout->header.y + layout->header.height / 2))
        continue;
      draw_text (cr, paint, warta_sop_get_lane (paint->sop, i)->name,
                 r->x + 6, layout->header.y + 4, r->width - 12, layout->header.height - 8,
                 style->font_size, TRUE, 0.5);
    }

  set_color (cr, &colors->line);
  cairo_set_line_width (cr, 1.25);
  for (guint i = 0; i < layout->edges->len; i++)
    draw_edge (cr, EDGE (layout, i), style);

  for (guint i = 0; i < layout->nodes->len; i++)
    {
      const WartaFlowchartNode *node = NODE (layout, i);

      if (rect_holds_point (region, node->rect.x + node->rect.width / 2, node->rect.y + node->rect.height / 2))
        draw_node (cr, layout, node, paint);
    }

  for (guint i = 0; i < layout->edges->len; i++)
    {
      const WartaFlowchartEdge *edge = EDGE (layout, i);
      const char *label;

      if (edge->label == WARTA_FLOWCHART_LABEL_NONE ||
          !rect_holds_point (region, edge->label_rect.x + edge->label_rect.width / 2,
                             edge->label_rect.y + edge->label_rect.height / 2))
        continue;
      label = edge->label == WARTA_FLOWCHART_LABEL_YES ?
              /* Translators: the label of a decision's arrow for the answer yes; keep it short */
              C_("flowchart", "Ya") :
              /* Translators: the label of a decision's arrow for the answer no; keep it short */
              C_("flowchart", "Tidak");
      r = &edge->label_rect;
      set_color (cr, &colors->text);
      draw_text (cr, paint, label, r->x, r->y, r->width, r->height, label_size, TRUE,
                 edge->routed && edge->points[0].x > r->x ? 1 : 0);
    }

  cairo_restore (cr);
}

void
warta_flowchart_draw (cairo_t                    *cr,
                      WartaFlowchartLayout       *layout,
                      WartaSop                   *sop,
                      GPtrArray                  *runs,
                      gint64                      now,
                      const WartaFlowchartColors *colors,
                      WartaFlowchartTextFunc      text_func,
                      gpointer                    user_data)
{
  WartaFlowchartPaint paint = { sop, runs, now, colors, text_func, user_data };

  g_return_if_fail (cr != NULL);
  g_return_if_fail (layout != NULL);
  g_return_if_fail (WARTA_IS_SOP (sop));
  g_return_if_fail (warta_sop_get_n_steps (sop) == layout->n_steps);
  g_return_if_fail (warta_sop_get_n_lanes (sop) == layout->n_lanes);

  paint_set_defaults (&paint);
  _warta_flowchart_draw_region (cr, layout, &paint, NULL);
}

/* Cairo's own text, for the tests and the CLI: wraps at spaces, shortens
 * what does not fit with "…". The app draws with Pango instead. */

static double
text_width (cairo_t    *cr,
            const char *text)
{
  cairo_text_extents_t extents;

  cairo_text_extents (cr, text, &extents);
  return extents.x_advance;
}

static char *
ellipsize (cairo_t    *cr,
           const char *text,
           double      width,
           gboolean    always)
{
  g_autofree char *head = g_strdup (text);
  char *end = head + strlen (head);

  if (!always && text_width (cr, text) <= width)
    return g_steal_pointer (&head);
  while (TRUE)
    {
      g_autofree char *candidate = NULL;

      *end = '\0';
      candidate = g_strconcat (g_strchomp (head), "…", NULL);
      if (end == head || text_width (cr, candidate) <= width)
        return g_steal_pointer (&candidate);
      end = g_utf8_prev_char (end);
    }
}

void
warta_flowchart_draw_text_simple (cairo_t                     *cr,
                                  const char                  *text,
                                  const WartaFlowchartTextBox *box,
                                  gpointer                     user_data)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) paragraphs = NULL;
  cairo_font_extents_t font;
  double line_height, y;
  guint max_lines;
  gboolean cut = FALSE;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (text != NULL);
  g_return_if_fail (box != NULL);

  cairo_save (cr);
  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL,
                          box->bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, box->size);
  cairo_font_extents (cr, &font);
  line_height = box->size * 1.2;
  max_lines = MAX (1, (guint) floor ((box->rect.height + 0.01) / line_height));

  paragraphs = g_strsplit (text, "\n", -1);
  for (guint p = 0; paragraphs[p] != NULL && !cut; p++)
    {
      g_auto(GStrv) words = g_strsplit (paragraphs[p], " ", -1);
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint w = 0; words[w] != NULL && !cut; w++)
        {
          g_autofree char *candidate = NULL;

          if (words[w][0] == '\0')
            continue;
          candidate = line->len ? g_strconcat (line->str, " ", words[w], NULL) : g_strdup (words[w]);
          if (line->len == 0 || text_width (cr, candidate) <= box->rect.width)
            {
              g_string_assign (line, candidate);
              continue;
            }
          if (lines->len + 1 == max_lines)
            cut = TRUE;
          else
            {
              g_ptr_array_add (lines, g_strdup (line->str));
              g_string_assign (line, words[w]);
            }
        }
      g_ptr_array_add (lines, g_strdup (line->str));
      if (lines->len == max_lines && paragraphs[p + 1] != NULL)
        cut = TRUE;
    }

  y = box->rect.y + (box->rect.height - lines->len * line_height) * box->yalign;
  for (guint i = 0; i < lines->len; i++)
    {
      g_autofree char *shown = ellipsize (cr, g_ptr_array_index (lines, i), box->rect.width,
                                          cut && i + 1 == lines->len);
      double x = box->rect.x + (box->rect.width - text_width (cr, shown)) * box->xalign;

      cairo_move_to (cr, x, y + i * line_height + (line_height - font.ascent - font.descent) / 2 + font.ascent);
      cairo_show_text (cr, shown);
    }
  cairo_restore (cr);
}

/* Export */

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Writes the whole chart: a PNG at WARTA_FLOWCHART_PNG_SCALE pixels per
 * unit (less when that would be too large an image), or a vector PDF on
 * A4 pages (warta-flowchart-pages.c). Nothing is written until all of
 * it is made; a file that is there already is replaced in one step.
 */
gboolean
warta_flowchart_export (WartaFlowchartLayout       *layout,
                        WartaSop                   *sop,
                        GPtrArray                  *runs,
                        gint64                      now,
                        const WartaFlowchartColors *colors,
                        WartaFlowchartTextFunc      text_func,
                        gpointer                    user_data,
                        const char                 *path,
                        WartaFlowchartFormat        format,
                        GError                    **error)
{
  g_autoptr(GByteArray) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFile) file = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (WARTA_IS_SOP (sop), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (format == WARTA_FLOWCHART_PNG || format == WARTA_FLOWCHART_PDF, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = g_byte_array_new ();
  if (format == WARTA_FLOWCHART_PNG)
    {
      double scale = WARTA_FLOWCHART_PNG_SCALE;

      scale = MIN (scale, MAX_IMAGE_SIDE / ceil (layout->width));
      scale = MIN (scale, MAX_IMAGE_SIDE / ceil (layout->height));
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                            (int) ceil (layout->width * scale),
                                            (int) ceil (layout->height * scale));
      cr = cairo_create (surface);
      cairo_scale (cr, scale, scale);
      warta_flowchart_draw (cr, layout, sop, runs, now, colors, text_func, user_data);
      status = cairo_status (cr);
      cairo_destroy (cr);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
      cairo_surface_destroy (surface);
    }
  else
    {
      WartaFlowchartPaint paint = { sop, runs, now, colors, text_func, user_data };

      paint_set_defaults (&paint);
      status = _warta_flowchart_write_pdf (layout, &paint, append_bytes, bytes);
    }

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, WARTA_FLOWCHART_ERROR, WARTA_FLOWCHART_ERROR_DRAW,
                   /* Translators: the reason comes from the drawing library, in English */
                   _("Could not draw the flowchart: %s."), cairo_status_to_string (status));
      return FALSE;
    }

  file = g_file_new_for_path (path);
  if (!g_file_replace_contents (file, (const char *) bytes->data, bytes->len, NULL, FALSE,
                                G_FILE_CREATE_NONE, NULL, NULL, &local_error))
    {
      g_set_error (error, WARTA_FLOWCHART_ERROR, WARTA_FLOWCHART_ERROR_WRITE,
                   /* Translators: the reason names the file and what went wrong */
                   _("Could not save the flowchart. %s. Choose another folder or file name."),
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}
