/* warta-evidence-layout-private.h: a WartaDocument's blocks and pages
 *
 * Shared by the layout (measuring and breaking into pages) and the blocks
 * drawn by files of their own (the signature block).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <qrencode.h>

#include "warta-evidence-private.h"
#include "warta-letterhead.h"

G_BEGIN_DECLS

#define CELL_PAD 3.0
#define RUNNING_HEIGHT 22.0   /* the least the running head and foot take, each */
#define KEEP_WITH_NEXT 40.0   /* a heading wants this much after it */
#define EPSILON 0.01

typedef enum
{
  BLOCK_TEXT,
  BLOCK_TABLE,
  BLOCK_IMAGE,
  BLOCK_QR,
  BLOCK_SPACE,
  BLOCK_SIGNATURE,
  BLOCK_LETTERHEAD,
} BlockType;

/* A layout and where its lines lie, top and bottom, in points. */
typedef struct
{
  PangoLayout *layout;
  GArray      *tops;
  GArray      *bottoms;
  double       height;
} Text;

typedef struct
{
  Text  **cells;
  double  height;
} Row;

typedef struct
{
  BlockType        type;
  double           space_before;
  gboolean         keep_with_next;
  Text            *text;
  /* table */
  guint            n_columns;
  double          *x;          /* each column's left edge */
  double          *w;
  Row             *header;
  GPtrArray       *rows;       /* Row */
  /* image and QR */
  cairo_surface_t *surface;
  double           draw_width;
  double           draw_height;
  Text            *caption;
  QRcode          *qr;
  /* signature: text is the place, date and jabatan, caption the name and
   * NIP; paraf the labels of the boxes, paraf_title above them */
  GPtrArray       *paraf;      /* Text */
  Text            *paraf_title;
  /* letterhead */
  WartaLetterhead *letterhead;
} Block;

typedef enum
{
  PLACED_TEXT,
  PLACED_ROW,
  PLACED_HEADER,
  PLACED_FIGURE,
} PlacedType;

typedef struct
{
  PlacedType  type;
  Block      *block;
  guint       row;
  double      from;    /* the part of the text or row shown */
  double      to;
  double      y;       /* where it goes on the page */
} Placed;

struct _WartaDocument
{
  WartaDocumentKind  kind;
  double             width;
  double             height;
  PangoContext      *pango;
  GPtrArray         *blocks;   /* Block */
  GPtrArray         *pages;    /* GArray of Placed */
  Text              *head;
  Text              *foot;
  double             number_width;  /* room kept for "Page n of N" */
  double             head_band;     /* the running head's height, rule included */
  double             foot_band;
};

const char *_warta_style_font (WartaTextStyle  style);
Text       *_warta_text_new   (WartaDocument  *self,
                               const char     *markup,
                               const char     *font,
                               double          width,
                               PangoAlignment  alignment);
void        _warta_text_free  (Text           *text);
/* Draws the lines of text lying within [from, to] of its own height, the
 * text's top-left at (x, y + from): whole lines only, never clipped. */
void        _warta_text_draw  (Text           *text,
                               cairo_t        *cr,
                               double          x,
                               double          y,
                               double          from,
                               double          to);
Block      *_warta_block_add  (WartaDocument  *self,
                               BlockType       type,
                               double          space_before);

/* The signature block (warta-evidence-signature.c) */
void        _warta_signature_measure (WartaDocument *self,
                                      Block         *block);
void        _warta_signature_draw    (cairo_t       *cr,
                                      Block         *block,
                                      double         y);

G_END_DECLS
