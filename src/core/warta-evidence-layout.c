/* warta-evidence-layout.c: blocks measured with Pango, broken into pages
 *
 * Everything is in points. Text is laid out on a Pango context of its
 * own at 72 dpi with hinting off, whatever the target, so a print and a
 * PDF export of the same printable area break into the same pages.
 *
 * Text and table rows break only between lines: a row too tall for what
 * is left of a page goes to the next one whole, and only a row taller
 * than a whole page is cut, between lines, carrying on under the table's
 * header repeated on the next page. Nothing is drawn clipped.
 *
 * No line is left alone: a paragraph keeps two lines at the foot of a
 * page and two at the top of the next, a table two rows, a heading two
 * of what follows; a document never ends with a page of a line or two,
 * and its signature block goes on one page whole. Pages are drawn by
 * warta-evidence-draw.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "warta-evidence-layout-private.h"

const char *
_warta_style_font (WartaTextStyle style)
{
  switch (style)
    {
    case WARTA_TEXT_TITLE:
      return "Sans Bold 15";
    case WARTA_TEXT_SUBTITLE:
      return "Sans 10.5";
    case WARTA_TEXT_HEADING:
      return "Sans Bold 10.5";
    case WARTA_TEXT_SMALL:
      return "Sans 7.5";
    case WARTA_TEXT_BODY:
    default:
      return "Sans 9";
    }
}

static PangoContext *
make_context (void)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (map);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Unhinted outlines and metrics: the same widths on paper and in a PDF. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 72.0);
  pango_context_set_round_glyph_positions (context, FALSE);
  cairo_font_options_destroy (options);
  return context;
}

Text *
_warta_text_new (WartaDocument  *self,
                 const char     *markup,
                 const char     *font,
                 double          width,
                 PangoAlignment  alignment)
{
  Text *text = g_new0 (Text, 1);
  PangoFontDescription *description = pango_font_description_from_string (font);
  PangoLayoutIter *iter;

  text->layout = pango_layout_new (self->pango);
  pango_layout_set_font_description (text->layout, description);
  pango_font_description_free (description);
  pango_layout_set_width (text->layout, (int)(MAX (width, 1.0) * PANGO_SCALE));
  pango_layout_set_wrap (text->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (text->layout, alignment);
  pango_layout_set_markup (text->layout, markup != NULL ? markup : "", -1);

  text->tops = g_array_new (FALSE, FALSE, sizeof (double));
  text->bottoms = g_array_new (FALSE, FALSE, sizeof (double));
  iter = pango_layout_get_iter (text->layout);
  do
    {
      int y0, y1;
      double top, bottom;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      top = (double)y0 / PANGO_SCALE;
      bottom = (double)y1 / PANGO_SCALE;
      g_array_append_val (text->tops, top);
      g_array_append_val (text->bottoms, bottom);
      text->height = bottom;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  return text;
}

void
_warta_text_free (Text *text)
{
  if (text == NULL)
    return;
  g_object_unref (text->layout);
  g_array_unref (text->tops);
  g_array_unref (text->bottoms);
  g_free (text);
}

static double
line_top (Text *text,
          guint i)
{
  return g_array_index (text->tops, double, i);
}

static double
line_bottom (Text *text,
             guint i)
{
  return g_array_index (text->bottoms, double, i);
}

void
_warta_text_draw (Text    *text,
                  cairo_t *cr,
                  double   x,
                  double   y,
                  double   from,
                  double   to)
{
  PangoLayoutIter *iter = pango_layout_get_iter (text->layout);
  guint i = 0;

  do
    {
      if (line_top (text, i) >= from - EPSILON && line_bottom (text, i) <= to + EPSILON)
        {
          PangoRectangle logical;
          double baseline = (double)pango_layout_iter_get_baseline (iter) / PANGO_SCALE;

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          cairo_move_to (cr, x + (double)logical.x / PANGO_SCALE, y - from + baseline);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
      i++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
row_free (Row   *row,
          guint  n_columns)
{
  if (row == NULL)
    return;
  for (guint i = 0; i < n_columns; i++)
    _warta_text_free (row->cells[i]);
  g_free (row->cells);
  g_free (row);
}

static void
block_free (Block *block)
{
  _warta_text_free (block->text);
  _warta_text_free (block->caption);
  row_free (block->header, block->n_columns);
  if (block->rows != NULL)
    {
      for (guint i = 0; i < block->rows->len; i++)
        row_free (g_ptr_array_index (block->rows, i), block->n_columns);
      g_ptr_array_unref (block->rows);
    }
  g_free (block->x);
  g_free (block->w);
  g_clear_pointer (&block->surface, cairo_surface_destroy);
  g_clear_pointer (&block->qr, QRcode_free);
  _warta_text_free (block->paraf_title);
  g_clear_pointer (&block->paraf, g_ptr_array_unref);
  g_clear_pointer (&block->letterhead, warta_letterhead_free);
  g_free (block);
}

Block *
_warta_block_add (WartaDocument *self,
                  BlockType      type,
                  double         space_before)
{
  Block *block = g_new0 (Block, 1);

  block->type = type;
  block->space_before = space_before;
  g_ptr_array_add (self->blocks, block);
  return block;
}

void
_warta_document_add_text (WartaDocument  *self,
                          WartaTextStyle  style,
                          const char     *markup)
{
  static const double space[] = {
    [WARTA_TEXT_BODY] = 3, [WARTA_TEXT_SMALL] = 2, [WARTA_TEXT_HEADING] = 12,
    [WARTA_TEXT_TITLE] = 0, [WARTA_TEXT_SUBTITLE] = 2,
  };
  Block *block = _warta_block_add (self, BLOCK_TEXT, space[style]);
  PangoAlignment alignment = style == WARTA_TEXT_TITLE || style == WARTA_TEXT_SUBTITLE
                             ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT;

  block->keep_with_next = style == WARTA_TEXT_HEADING || style == WARTA_TEXT_TITLE;
  block->text = _warta_text_new (self, markup, _warta_style_font (style), self->width, alignment);
}

static Row *
row_new (WartaDocument      *self,
         Block              *block,
         const char * const *cells,
         const char         *font)
{
  Row *row = g_new0 (Row, 1);
  gboolean ended = FALSE;

  row->cells = g_new0 (Text *, block->n_columns);
  for (guint i = 0; i < block->n_columns; i++)
    {
      /* A short row leaves its last cells empty. */
      ended = ended || cells[i] == NULL;
      row->cells[i] = _warta_text_new (self, ended ? "" : cells[i], font, block->w[i] - 2 * CELL_PAD, PANGO_ALIGN_LEFT);
      row->height = MAX (row->height, row->cells[i]->height + 2 * CELL_PAD);
    }
  return row;
}

void
_warta_document_add_table (WartaDocument      *self,
                           guint               n_columns,
                           const double       *widths,
                           const char * const *header,
                           GPtrArray          *rows)
{
  Block *block = _warta_block_add (self, BLOCK_TABLE, 4);
  double total = 0, x = 0;

  g_return_if_fail (n_columns > 0);

  block->n_columns = n_columns;
  block->x = g_new0 (double, n_columns);
  block->w = g_new0 (double, n_columns);
  for (guint i = 0; i < n_columns; i++)
    total += widths[i];
  for (guint i = 0; i < n_columns; i++)
    {
      block->x[i] = x;
      block->w[i] = self->width * widths[i] / total;
      x += block->w[i];
    }

  if (header != NULL)
    block->header = row_new (self, block, header, "Sans Bold 8");
  block->rows = g_ptr_array_new ();
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (block->rows, row_new (self, block, g_ptr_array_index (rows, i), "Sans 8"));
  g_ptr_array_unref (rows);
}

static double
figure_height (Block *block)
{
  double caption = block->caption != NULL ? block->caption->height : 0;

  if (block->type == BLOCK_SIGNATURE || block->type == BLOCK_LETTERHEAD)
    return block->draw_height;
  if (block->type == BLOCK_QR)
    return MAX (block->draw_height, caption);
  return block->draw_height + (caption > 0 ? caption + 4 : 0);
}

void
_warta_document_add_image (WartaDocument   *self,
                           cairo_surface_t *surface,
                           double           width,
                           const char      *caption)
{
  Block *block;
  double w = cairo_image_surface_get_width (surface);
  double h = cairo_image_surface_get_height (surface);
  double room;

  if (w < 1 || h < 1)
    return;
  block = _warta_block_add (self, BLOCK_IMAGE, 6);
  block->surface = cairo_surface_reference (surface);
  if (caption != NULL)
    block->caption = _warta_text_new (self, caption, _warta_style_font (WARTA_TEXT_SMALL), self->width, PANGO_ALIGN_LEFT);

  /* Scaled down until it fits a page with its caption. */
  block->draw_width = self->width * CLAMP (width, 0.05, 1.0);
  block->draw_height = block->draw_width * h / w;
  room = self->height - self->head_band - self->foot_band - figure_height (block) + block->draw_height - 8;
  if (block->draw_height > room && room > 0)
    {
      block->draw_height = room;
      block->draw_width = room * w / h;
    }
}

void
_warta_document_add_qr (WartaDocument *self,
                        const char    *data,
                        double         size,
                        const char    *caption)
{
  QRcode *qr = QRcode_encodeString8bit (data, 0, QR_ECLEVEL_M);
  Block *block;

  if (qr == NULL)
    return;
  block = _warta_block_add (self, BLOCK_QR, 6);
  block->qr = qr;
  block->draw_width = block->draw_height = size;
  if (caption != NULL)
    block->caption = _warta_text_new (self, caption, _warta_style_font (WARTA_TEXT_BODY), self->width - size - 12, PANGO_ALIGN_LEFT);
}

void
_warta_document_add_letterhead (WartaDocument      *self,
                                const char * const *lines,
                                cairo_surface_t    *logo)
{
  WartaLetterhead *letterhead = warta_letterhead_new (lines, logo);
  Block *block;

  if (letterhead == NULL)
    return;
  block = _warta_block_add (self, BLOCK_LETTERHEAD, 0);
  block->letterhead = letterhead;
  block->draw_width = self->width;
  block->draw_height = warta_letterhead_layout (letterhead, self->pango, self->width);
}

void
_warta_document_add_space (WartaDocument *self,
                           double         points)
{
  _warta_block_add (self, BLOCK_SPACE, points);
}

void
_warta_document_keep_with_next (WartaDocument *self)
{
  g_return_if_fail (self->blocks->len > 0);

  ((Block *)g_ptr_array_index (self->blocks, self->blocks->len - 1))->keep_with_next = TRUE;
}

void
_warta_document_set_running (WartaDocument *self,
                             const char    *head,
                             const char    *foot)
{
  g_autofree char *widest = g_strdup_printf (_("Page %d of %u"), 888, 888);
  g_autofree char *escaped = g_markup_escape_text (foot != NULL ? foot : "", -1);
  Text *number = _warta_text_new (self, widest, _warta_style_font (WARTA_TEXT_SMALL), self->width, PANGO_ALIGN_LEFT);
  PangoRectangle logical;

  /* The head and foot wrap rather than run off the page; the bands grow
   * to hold them, and the pages' content starts and ends inside. */
  pango_layout_get_extents (number->layout, NULL, &logical);
  self->number_width = MIN ((double)logical.width / PANGO_SCALE + 2, self->width / 3);
  _warta_text_free (number);
  g_clear_pointer (&self->head, _warta_text_free);
  g_clear_pointer (&self->foot, _warta_text_free);
  self->head = _warta_text_new (self, head, _warta_style_font (WARTA_TEXT_SMALL), self->width, PANGO_ALIGN_LEFT);
  self->foot = _warta_text_new (self, escaped, _warta_style_font (WARTA_TEXT_SMALL), self->width - self->number_width - 12,
                         PANGO_ALIGN_LEFT);
  self->head_band = MAX (RUNNING_HEIGHT, self->head->height + 8);
  self->foot_band = MAX (RUNNING_HEIGHT, self->foot->height + 10);
}

/* Pagination */

typedef struct
{
  WartaDocument *document;
  GArray        *page;
  double         y;
  double         top;
  double         bottom;
} Cursor;

static void
cursor_new_page (Cursor *cursor)
{
  cursor->page = g_array_new (FALSE, FALSE, sizeof (Placed));
  g_ptr_array_add (cursor->document->pages, cursor->page);
  cursor->y = cursor->top;
}

static gboolean
cursor_page_is_empty (Cursor *cursor)
{
  return cursor->page->len == 0;
}

static void
place (Cursor     *cursor,
       PlacedType  type,
       Block      *block,
       guint       row,
       double      from,
       double      to)
{
  Placed placed = { type, block, row, from, to, cursor->y };

  g_array_append_val (cursor->page, placed);
  cursor->y += to - from;
}

/* Where a row of cells may be cut at or above limit without cutting a
 * line: the lowest line bottom at or above limit that no other cell's
 * line straddles. 0 when there is none. */
static double
row_cut (Block  *block,
         Row    *row,
         double  from,
         double  limit)
{
  double best = 0;

  for (guint c = 0; c < block->n_columns; c++)
    {
      Text *text = row->cells[c];

      for (guint i = 0; i < text->bottoms->len; i++)
        {
          double candidate = CELL_PAD + line_bottom (text, i);
          gboolean straddled = FALSE;

          if (candidate <= from + EPSILON || candidate > limit + EPSILON || candidate <= best)
            continue;
          for (guint d = 0; d < block->n_columns && !straddled; d++)
            for (guint j = 0; j < row->cells[d]->bottoms->len && !straddled; j++)
              straddled = CELL_PAD + line_top (row->cells[d], j) < candidate - EPSILON &&
                          CELL_PAD + line_bottom (row->cells[d], j) > candidate + EPSILON;
          if (!straddled)
            best = candidate;
        }
    }
  return best;
}

/* How much of block must follow a heading on its page: a figure whole,
 * a table's header and first row, a text's first lines. */
static double
first_part (Block *block)
{
  switch (block->type)
    {
    case BLOCK_IMAGE:
    case BLOCK_QR:
    case BLOCK_SIGNATURE:
    case BLOCK_LETTERHEAD:
      return figure_height (block) + block->space_before;
    case BLOCK_TABLE:
      {
        double rows = 0;

        /* Its first two rows, as a table never starts with one row alone. */
        for (guint i = 0; i < MIN (block->rows->len, 2); i++)
          rows += ((Row *)g_ptr_array_index (block->rows, i))->height;
        return (block->header != NULL ? block->header->height : 0) + MIN (rows, 2 * KEEP_WITH_NEXT) +
               block->space_before;
      }
    case BLOCK_TEXT:
      /* Its first two lines, as a paragraph never starts with one alone. */
      return MIN (block->text->height,
                  block->text->bottoms->len > 2 ? line_bottom (block->text, 1) : block->text->height) +
             block->space_before;
    case BLOCK_SPACE:
    default:
      return KEEP_WITH_NEXT;
    }
}

/* The block after i that takes room, not a space; NULL at the end. */
static Block *
next_block (WartaDocument *self,
            guint         *i)
{
  for (guint j = *i + 1; j < self->blocks->len; j++)
    {
      Block *block = g_ptr_array_index (self->blocks, j);

      if (block->type != BLOCK_SPACE)
        {
          *i = j;
          return block;
        }
    }
  return NULL;
}

/* How much must follow on the page of what keeps with block i: its
 * first part, or the whole of it and what it keeps with in turn. */
static double
kept_height (WartaDocument *self,
             guint          i)
{
  Block *block = g_ptr_array_index (self->blocks, i);
  guint j = i;

  if (block->type == BLOCK_TEXT && block->keep_with_next && next_block (self, &j) != NULL)
    return block->space_before + block->text->height + kept_height (self, j);
  return first_part (block);
}

static void
paginate_text (Cursor *cursor,
               guint   index)
{
  WartaDocument *self = cursor->document;
  Block *block = g_ptr_array_index (self->blocks, index);
  Text *text = block->text;
  guint n = text->bottoms->len;
  guint first = 0;
  guint j = index;

  /* A heading goes with what follows it, and a paper's last words with
   * its signature, unless together they are more than a page. */
  if (block->keep_with_next && next_block (self, &j) != NULL && !cursor_page_is_empty (cursor))
    {
      double kept = text->height + kept_height (self, j);

      if (cursor->y + kept > cursor->bottom && kept <= cursor->bottom - cursor->top)
        cursor_new_page (cursor);
    }

  while (first < n)
    {
      double room = cursor->bottom - cursor->y;
      guint last = first;

      while (last < n && line_bottom (text, last) - line_top (text, first) <= room + EPSILON)
        last++;
      /* No line alone: not the last of a paragraph at the top of a page
       * (a widow), nor its first at the foot of one (an orphan). */
      if (last < n && last > first)
        {
          if (n - last == 1 && last - first > 2)
            last--;
          else if (n - last == 1 && !cursor_page_is_empty (cursor))
            last = first;
          if (last - first < 2 && !cursor_page_is_empty (cursor))
            last = first;
        }
      if (last == first)
        {
          if (!cursor_page_is_empty (cursor))
            {
              cursor_new_page (cursor);
              continue;
            }
          last = first + 1;  /* a line taller than a page: it is drawn as it is */
        }
      place (cursor, PLACED_TEXT, block, 0, line_top (text, first), line_bottom (text, last - 1));
      first = last;
      if (first < n)
        cursor_new_page (cursor);
    }
}

static void
paginate_table (Cursor *cursor,
                Block  *block)
{
  double header = block->header != NULL ? block->header->height : 0;
  double page_room = cursor->bottom - cursor->top - header;
  gboolean need_header = TRUE;
  guint rows_here = 0;  /* of this table on this page */

  for (guint r = 0; r < block->rows->len; r++)
    {
      Row *row = g_ptr_array_index (block->rows, r);
      Row *following = r + 1 < block->rows->len ? g_ptr_array_index (block->rows, r + 1) : NULL;
      double from = 0;

      /* No row alone: not the table's first at the foot of a page, nor
       * its last at the top of the next, where the row before goes too. */
      if (following != NULL && !cursor_page_is_empty (cursor))
        {
          double room = cursor->bottom - cursor->y - (need_header ? header : 0);
          gboolean alone = row->height <= room + EPSILON && row->height + following->height > room + EPSILON &&
                           row->height + following->height <= page_room;

          if (alone && ((r == 0 && rows_here == 0) || (r + 2 == block->rows->len && rows_here >= 2)))
            {
              cursor_new_page (cursor);
              need_header = TRUE;
              rows_here = 0;
            }
        }

      while (from < row->height - EPSILON)
        {
          double room = cursor->bottom - cursor->y - (need_header ? header : 0);
          double cut;

          if (row->height - from <= room + EPSILON)
            cut = row->height;
          else if (from == 0 && row->height <= page_room && !cursor_page_is_empty (cursor))
            cut = 0;  /* the whole row goes on the next page */
          else
            cut = row_cut (block, row, from, from + room);

          if (cut <= from + EPSILON)
            {
              if (!cursor_page_is_empty (cursor))
                {
                  cursor_new_page (cursor);
                  need_header = TRUE;
                  rows_here = 0;
                  continue;
                }
              cut = MIN (row->height, from + MAX (room, 1.0));
            }

          if (need_header && block->header != NULL)
            place (cursor, PLACED_HEADER, block, 0, 0, header);
          need_header = FALSE;
          place (cursor, PLACED_ROW, block, r, from, cut);
          rows_here++;
          from = cut;
          if (from < row->height - EPSILON)
            {
              cursor_new_page (cursor);
              need_header = TRUE;
              rows_here = 0;
            }
        }
    }
}

static void
paginate_figure (Cursor *cursor,
                 Block  *block)
{
  double height = figure_height (block);

  if (cursor->y + height > cursor->bottom + EPSILON && !cursor_page_is_empty (cursor))
    cursor_new_page (cursor);
  place (cursor, PLACED_FIGURE, block, 0, 0, height);
}

static void
paginate_once (WartaDocument *self)
{
  Cursor cursor = { self, NULL, 0, self->head_band, self->height - self->foot_band };

  g_ptr_array_set_size (self->pages, 0);
  cursor_new_page (&cursor);
  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);

      if (!cursor_page_is_empty (&cursor))
        cursor.y += block->space_before;
      if (cursor.y >= cursor.bottom && !cursor_page_is_empty (&cursor))
        cursor_new_page (&cursor);

      switch (block->type)
        {
        case BLOCK_TEXT:
          paginate_text (&cursor, i);
          break;
        case BLOCK_TABLE:
          paginate_table (&cursor, block);
          break;
        case BLOCK_IMAGE:
        case BLOCK_QR:
        case BLOCK_SIGNATURE:
        case BLOCK_LETTERHEAD:
          paginate_figure (&cursor, block);
          break;
        case BLOCK_SPACE:
        default:
          break;
        }
    }
}

/* A last page holding less than this is a short tail. */
#define SHORT_TAIL 30.0

void
_warta_document_paginate (WartaDocument *self)
{
  /* A document never ends with a page of a line or two: the paragraph
   * before the tail goes on with it, and the one before that if need be. */
  for (guint tries = 0; tries < 4; tries++)
    {
      GArray *last;
      Placed *first;
      double height = 0;
      guint index;

      paginate_once (self);
      if (self->pages->len < 2)
        return;
      last = g_ptr_array_index (self->pages, self->pages->len - 1);
      for (guint i = 0; i < last->len; i++)
        height += g_array_index (last, Placed, i).to - g_array_index (last, Placed, i).from;
      if (last->len == 0 || height >= SHORT_TAIL)
        return;

      first = &g_array_index (last, Placed, 0);
      if (!g_ptr_array_find (self->blocks, first->block, &index))
        return;
      while (index > 0 && ((Block *)g_ptr_array_index (self->blocks, index - 1))->type == BLOCK_SPACE)
        index--;
      if (index == 0 || ((Block *)g_ptr_array_index (self->blocks, index - 1))->type != BLOCK_TEXT ||
          ((Block *)g_ptr_array_index (self->blocks, index - 1))->keep_with_next)
        return;
      ((Block *)g_ptr_array_index (self->blocks, index - 1))->keep_with_next = TRUE;
    }
}

WartaDocument *
warta_document_new (const WartaEvidence *evidence,
                    WartaDocumentKind    kind,
                    double               width,
                    double               height)
{
  WartaDocument *self;

  g_return_val_if_fail (evidence != NULL, NULL);
  g_return_val_if_fail (kind < WARTA_N_DOCUMENTS, NULL);
  g_return_val_if_fail (width > 72 && height > 8 * RUNNING_HEIGHT, NULL);

  self = g_new0 (WartaDocument, 1);
  self->kind = kind;
  self->width = width;
  self->height = height;
  self->pango = make_context ();
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify)block_free);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
  self->head_band = self->foot_band = RUNNING_HEIGHT;

  switch (kind)
    {
    case WARTA_DOCUMENT_BUKTI:
      _warta_document_build_bukti (self, evidence);
      break;
    case WARTA_DOCUMENT_DISPOSISI:
      _warta_document_build_disposisi (self, evidence);
      break;
    case WARTA_DOCUMENT_ARTIKEL:
    case WARTA_N_DOCUMENTS:
    default:
      _warta_document_build_artikel (self, evidence);
      break;
    }
  _warta_document_paginate (self);
  return self;
}

void
warta_document_free (WartaDocument *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->pages);
  g_ptr_array_unref (self->blocks);
  _warta_text_free (self->head);
  _warta_text_free (self->foot);
  g_object_unref (self->pango);
  g_free (self);
}

WartaDocumentKind
warta_document_get_kind (WartaDocument *self)
{
  g_return_val_if_fail (self != NULL, WARTA_DOCUMENT_BUKTI);

  return self->kind;
}

int
warta_document_get_n_pages (WartaDocument *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return (int)self->pages->len;
}
