/* warta-flowchart-private.h: the layout's fields, shared by its parts
 *
 * The layout is made in warta-flowchart-layout.c and drawn in
 * warta-flowchart.c, and on A4 pages in warta-flowchart-pages.c; the
 * drawing walks the same arrays the layout filled, so the struct and its
 * accessors live here, for those files only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "warta-flowchart.h"

G_BEGIN_DECLS

struct _WartaFlowchartLayout
{
  WartaFlowchartStyle style;
  double              width;
  double              height;
  WartaFlowchartRect  title;
  WartaFlowchartRect  header;
  WartaFlowchartRect  body;
  GArray             *columns;    /* WartaFlowchartRect */
  GArray             *nodes;      /* WartaFlowchartNode */
  GArray             *edges;      /* WartaFlowchartEdge */
  GArray             *rows;       /* WartaFlowchartRect, one per node */
  guint               n_steps;
  guint               n_lanes;
};

#define NODE(layout, i) (&g_array_index ((layout)->nodes, WartaFlowchartNode, (i)))
#define EDGE(layout, i) (&g_array_index ((layout)->edges, WartaFlowchartEdge, (i)))
#define COLUMN(layout, i) (&g_array_index ((layout)->columns, WartaFlowchartRect, (i)))
#define ROW(layout, i) (&g_array_index ((layout)->rows, WartaFlowchartRect, (i)))

/* What the chart is drawn with, beside its layout: the SOP, its runs
 * as they stand at @now, the colours and the text function (never NULL
 * here: the public functions put in their defaults). */
typedef struct
{
  WartaSop                   *sop;
  GPtrArray                  *runs;
  gint64                      now;
  const WartaFlowchartColors *colors;
  WartaFlowchartTextFunc      text_func;
  gpointer                    user_data;
} WartaFlowchartPaint;

double         _warta_flowchart_status_space (const WartaFlowchartStyle *style);

void           _warta_flowchart_draw_region  (cairo_t                   *cr,
                                              WartaFlowchartLayout      *layout,
                                              const WartaFlowchartPaint *paint,
                                              const WartaFlowchartRect  *region);
cairo_status_t _warta_flowchart_write_pdf    (WartaFlowchartLayout      *layout,
                                              const WartaFlowchartPaint *paint,
                                              cairo_write_func_t         write_func,
                                              void                      *closure);

G_END_DECLS
