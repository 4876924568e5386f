/* warta-evidence-draw.c: a laid-out page drawn with cairo
 *
 * The running head and foot, then each block placed on the page: text
 * lines, table rows with their borders, figures and the signature.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "warta-evidence-layout-private.h"

static void
draw_row (cairo_t *cr,
          Block   *block,
          Row     *row,
          double   y,
          double   from,
          double   to,
          gboolean shaded)
{
  if (shaded)
    {
      cairo_set_source_rgb (cr, 0.90, 0.90, 0.90);
      cairo_rectangle (cr, 0, y, block->x[block->n_columns - 1] + block->w[block->n_columns - 1], to - from);
      cairo_fill (cr);
    }
  cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
  cairo_set_line_width (cr, 0.5);
  for (guint c = 0; c < block->n_columns; c++)
    {
      cairo_rectangle (cr, block->x[c], y, block->w[c], to - from);
      cairo_stroke (cr);
    }
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint c = 0; c < block->n_columns; c++)
    _warta_text_draw (row->cells[c], cr, block->x[c] + CELL_PAD, y, from - CELL_PAD, to - CELL_PAD);
}

static void
draw_qr (cairo_t *cr,
         Block   *block,
         double   y)
{
  QRcode *qr = block->qr;
  double module = block->draw_width / (qr->width + 8);  /* four modules of quiet zone each side */

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, y, block->draw_width, block->draw_width);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int row = 0; row < qr->width; row++)
    for (int column = 0; column < qr->width; column++)
      if (qr->data[row * qr->width + column] & 1)
        cairo_rectangle (cr, (column + 4) * module, y + (row + 4) * module, module, module);
  cairo_fill (cr);
  if (block->caption != NULL)
    _warta_text_draw (block->caption, cr, block->draw_width + 12, y + 4, 0, block->caption->height);
}

static void
draw_image (cairo_t *cr,
            Block   *block,
            double   y)
{
  double scale = block->draw_width / cairo_image_surface_get_width (block->surface);

  cairo_save (cr);
  cairo_translate (cr, 0, y);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, block->surface, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_restore (cr);

  cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
  cairo_set_line_width (cr, 0.5);
  cairo_rectangle (cr, 0, y, block->draw_width, block->draw_height);
  cairo_stroke (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  if (block->caption != NULL)
    _warta_text_draw (block->caption, cr, 0, y + block->draw_height + 4, 0, block->caption->height);
}

static void
draw_running (WartaDocument *self,
              cairo_t       *cr,
              int            page)
{
  /* Translators: the foot of each printed page */
  g_autofree char *number = g_strdup_printf (_("Page %d of %u"), page + 1, self->pages->len);
  Text *text = _warta_text_new (self, number, _warta_style_font (WARTA_TEXT_SMALL), self->number_width, PANGO_ALIGN_RIGHT);
  double foot_top = self->height - self->foot_band;

  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  if (self->head != NULL)
    _warta_text_draw (self->head, cr, 0, 0, 0, self->head->height);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, 0, self->head_band - 6);
  cairo_line_to (cr, self->width, self->head_band - 6);
  cairo_move_to (cr, 0, foot_top + 4);
  cairo_line_to (cr, self->width, foot_top + 4);
  cairo_stroke (cr);
  if (self->foot != NULL)
    _warta_text_draw (self->foot, cr, 0, foot_top + 8, 0, self->foot->height);
  _warta_text_draw (text, cr, self->width - self->number_width, foot_top + 8, 0, text->height);
  _warta_text_free (text);
  cairo_set_source_rgb (cr, 0, 0, 0);
}

void
warta_document_draw_page (WartaDocument *self,
                          cairo_t       *cr,
                          int            page)
{
  GArray *placed;

  g_return_if_fail (self != NULL);
  g_return_if_fail (page >= 0 && (guint)page < self->pages->len);

  placed = g_ptr_array_index (self->pages, page);
  cairo_save (cr);
  draw_running (self, cr, page);
  for (guint i = 0; i < placed->len; i++)
    {
      Placed *p = &g_array_index (placed, Placed, i);
      Block *block = p->block;

      switch (p->type)
        {
        case PLACED_TEXT:
          _warta_text_draw (block->text, cr, 0, p->y, p->from, p->to);
          break;
        case PLACED_HEADER:
          draw_row (cr, block, block->header, p->y, 0, block->header->height, TRUE);
          break;
        case PLACED_ROW:
          draw_row (cr, block, g_ptr_array_index (block->rows, p->row), p->y, p->from, p->to, FALSE);
          break;
        case PLACED_FIGURE:
          if (block->type == BLOCK_SIGNATURE)
            _warta_signature_draw (cr, block, p->y);
          else if (block->type == BLOCK_LETTERHEAD)
            {
              cairo_save (cr);
              cairo_translate (cr, 0, p->y);
              warta_letterhead_draw (block->letterhead, cr);
              cairo_restore (cr);
            }
          else if (block->type == BLOCK_QR)
            draw_qr (cr, block, p->y);
          else
            draw_image (cr, block, p->y);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  cairo_restore (cr);
}

