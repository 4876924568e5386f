/* warta-flowchart.h: an SOP drawn as its official flowchart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "warta-sop.h"
#include "warta-types.h"

G_BEGIN_DECLS

#define WARTA_FLOWCHART_ERROR (warta_flowchart_error_quark ())

typedef enum
{
  WARTA_FLOWCHART_ERROR_DRAW,
  WARTA_FLOWCHART_ERROR_WRITE,
} WartaFlowchartError;

typedef enum
{
  WARTA_FLOWCHART_PNG,
  WARTA_FLOWCHART_PDF,
} WartaFlowchartFormat;

/* PNG pixels per layout unit; a chart too large for a cairo image gets less. */
#define WARTA_FLOWCHART_PNG_SCALE 2.0

/* Layout units are CSS pixels on screen and points in a PDF. */
typedef struct
{
  double x;
  double y;
} WartaFlowchartPoint;

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} WartaFlowchartRect;

typedef struct
{
  double margin;
  double title_height;        /* the SOP's name and number; 0 for none */
  double header_height;       /* the lane names */
  double node_width;          /* a process or a decision */
  double node_height;
  double decision_height;
  double terminator_width;
  double terminator_height;
  double column_padding;      /* at least, each side of the symbols */
  double row_gap;             /* between the symbols of consecutive rows */
  double track_spacing;       /* between the vertical runs of routed arrows */
  double font_size;
  double arrow_size;
} WartaFlowchartStyle;

typedef enum
{
  WARTA_FLOWCHART_NODE_TERMINATOR,
  WARTA_FLOWCHART_NODE_PROCESS,
  WARTA_FLOWCHART_NODE_DECISION,
} WartaFlowchartNodeKind;

typedef struct
{
  WartaFlowchartNodeKind kind;
  WartaFlowchartRect     rect;    /* the bounding box of the symbol */
  guint                  lane;    /* its column */
  int                    step;    /* the step's index, or -1 for a terminator */
  WartaSopEnd            end;     /* a terminator: NONE for Mulai, else the end it shows */
} WartaFlowchartNode;

typedef enum
{
  WARTA_FLOWCHART_LABEL_NONE,
  WARTA_FLOWCHART_LABEL_YES,
  WARTA_FLOWCHART_LABEL_NO,
} WartaFlowchartLabel;

/* An arrow, as an orthogonal polyline from the border of its source to the
 * border of its target. An arrow to the next row goes down (and across, when
 * the lanes differ); any other one is routed: out of a side, along a vertical
 * track in the padding of a column, where no symbol is, and into a side.
 */
typedef struct
{
  guint                source;      /* node indices */
  guint                target;
  WartaFlowchartLabel  label;
  WartaFlowchartRect   label_rect;  /* where the label goes, when there is one */
  gboolean             routed;
  gboolean             back;        /* to an earlier row */
  guint                n_points;
  WartaFlowchartPoint *points;
} WartaFlowchartEdge;

typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} WartaFlowchartColor;

typedef struct
{
  WartaFlowchartColor background;
  WartaFlowchartColor header;         /* the title and lane header fill */
  WartaFlowchartColor band;           /* every other row */
  WartaFlowchartColor grid;
  WartaFlowchartColor text;
  WartaFlowchartColor dim_text;
  WartaFlowchartColor line;           /* symbol borders and arrows */
  WartaFlowchartColor node;           /* symbol fill */
  WartaFlowchartColor done;           /* fill of a completed step */
  WartaFlowchartColor returned;       /* … of a step whose last run sent the case back */
  WartaFlowchartColor rejected;       /* … of a decision last answered tidak */
  WartaFlowchartColor active;         /* the active step, within its standard */
  WartaFlowchartColor near;           /* … near it */
  WartaFlowchartColor over;           /* … over it; a done step's time over it */
} WartaFlowchartColors;

/* How text is drawn: fitted into the box, wrapped at words, the lines that
 * do not fit left out and the last one shown ends with "…"; in the current
 * source colour of cr. The core draws with cairo's own simple text; the app
 * passes one that uses Pango.
 */
typedef struct
{
  WartaFlowchartRect rect;
  double             size;     /* font size, layout units */
  gboolean           bold;
  double             xalign;   /* 0 start, 0.5 centre, 1 end */
  double             yalign;
} WartaFlowchartTextBox;

typedef void (*WartaFlowchartTextFunc) (cairo_t                     *cr,
                                        const char                  *text,
                                        const WartaFlowchartTextBox *box,
                                        gpointer                     user_data);

typedef struct _WartaFlowchartLayout WartaFlowchartLayout;

GQuark                      warta_flowchart_error_quark        (void);

const WartaFlowchartStyle  *warta_flowchart_style_get_default  (void);
const WartaFlowchartColors *warta_flowchart_colors_get_default (gboolean                     dark);

WartaFlowchartLayout       *warta_flowchart_layout_new         (WartaSop                    *sop,
                                                                const WartaFlowchartStyle   *style);
void                        warta_flowchart_layout_free        (WartaFlowchartLayout        *layout);
const WartaFlowchartStyle  *warta_flowchart_layout_get_style   (WartaFlowchartLayout        *layout);
void                        warta_flowchart_layout_get_size    (WartaFlowchartLayout        *layout,
                                                                double                      *width,
                                                                double                      *height);
const WartaFlowchartRect   *warta_flowchart_layout_get_title   (WartaFlowchartLayout        *layout);
const WartaFlowchartRect   *warta_flowchart_layout_get_header  (WartaFlowchartLayout        *layout);
const WartaFlowchartRect   *warta_flowchart_layout_get_body    (WartaFlowchartLayout        *layout);
guint                       warta_flowchart_layout_get_n_columns (WartaFlowchartLayout      *layout);
const WartaFlowchartRect   *warta_flowchart_layout_get_column  (WartaFlowchartLayout        *layout,
                                                                guint                        lane);
guint                       warta_flowchart_layout_get_n_nodes (WartaFlowchartLayout        *layout);
const WartaFlowchartNode   *warta_flowchart_layout_get_node    (WartaFlowchartLayout        *layout,
                                                                guint                        index);
guint                       warta_flowchart_layout_get_step_node (WartaFlowchartLayout      *layout,
                                                                guint                        step);
guint                       warta_flowchart_layout_get_n_edges (WartaFlowchartLayout        *layout);
const WartaFlowchartEdge   *warta_flowchart_layout_get_edge    (WartaFlowchartLayout        *layout,
                                                                guint                        index);
int                         warta_flowchart_layout_node_at     (WartaFlowchartLayout        *layout,
                                                                double                       x,
                                                                double                       y);

char                       *warta_flowchart_short_text         (const char                  *text,
                                                                guint                        max_words);
const char                 *warta_flowchart_terminator_label   (WartaSopEnd                  end);
const WartaStepRun         *warta_flowchart_find_last_run      (GPtrArray                   *runs,
                                                                const char                  *step_id);

void                        warta_flowchart_draw_text_simple   (cairo_t                     *cr,
                                                                const char                  *text,
                                                                const WartaFlowchartTextBox *box,
                                                                gpointer                     user_data);
void                        warta_flowchart_draw               (cairo_t                     *cr,
                                                                WartaFlowchartLayout        *layout,
                                                                WartaSop                    *sop,
                                                                GPtrArray                   *runs,
                                                                gint64                       now,
                                                                const WartaFlowchartColors  *colors,
                                                                WartaFlowchartTextFunc       text_func,
                                                                gpointer                     user_data);
gboolean                    warta_flowchart_export             (WartaFlowchartLayout        *layout,
                                                                WartaSop                    *sop,
                                                                GPtrArray                   *runs,
                                                                gint64                       now,
                                                                const WartaFlowchartColors  *colors,
                                                                WartaFlowchartTextFunc       text_func,
                                                                gpointer                     user_data,
                                                                const char                  *path,
                                                                WartaFlowchartFormat         format,
                                                                GError                     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WartaFlowchartLayout, warta_flowchart_layout_free)

G_END_DECLS
