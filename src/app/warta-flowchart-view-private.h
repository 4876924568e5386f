/* warta-flowchart-view-private.h: the flowchart view's fields, shared by
 * its parts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "warta-engine.h"
#include "warta-flowchart.h"
#include "warta-flowchart-view.h"

G_BEGIN_DECLS

struct _WartaFlowchartView
{
  GtkWidget             parent_instance;

  /* Owned */
  WartaSop             *sop;
  WartaFlowchartLayout *layout;
  GPtrArray            *runs;          /* WartaStepRun, copies */
  gint64                now;           /* the time the chart was drawn at */
  char                 *active_status; /* the active step's words as drawn */
  cairo_surface_t      *recording;     /* the chart as drawn last, or NULL */
  GtkFileChooserNative *chooser;
  WartaFlowchartFormat  chooser_format;
  GCancellable         *cancellable;

  /* The clock, and a tick while a step runs and the chart is on screen */
  WartaClockFunc        clock;
  gpointer              clock_data;
  guint                 tick_id;

  /* Scrolling and zoom (warta-flowchart-view-zoom.c) */
  GtkAdjustment        *hadjustment;
  GtkAdjustment        *vadjustment;
  GtkScrollablePolicy   hscroll_policy;
  GtkScrollablePolicy   vscroll_policy;
  double                zoom;          /* view pixels per layout unit */
  gboolean              fit_width;     /* the zoom follows the width */
  gboolean              has_anchor;    /* keep a chart point under a view point */
  double                anchor_x;      /* layout units */
  double                anchor_y;
  double                anchor_vx;     /* view pixels */
  double                anchor_vy;
};

/* The zoom's bounds, view pixels per layout unit */
#define WARTA_FLOWCHART_ZOOM_MIN 0.2
#define WARTA_FLOWCHART_ZOOM_MAX 4.0

gint64   _warta_flowchart_view_read_clock      (WartaFlowchartView *self);
GPtrArray *_warta_flowchart_view_copy_runs    (GPtrArray          *runs);
PangoFontDescription *_warta_flowchart_view_widget_font (WartaFlowchartView *self);
void     _warta_flowchart_view_draw_text       (cairo_t                     *cr,
                                                const char                  *text,
                                                const WartaFlowchartTextBox *box,
                                                gpointer                     user_data);
void     _warta_flowchart_view_class_init_export (GtkWidgetClass   *widget_class);
void     _warta_flowchart_view_dispose_export  (WartaFlowchartView *self);

void     _warta_flowchart_view_init_zoom       (WartaFlowchartView *self);
void     _warta_flowchart_view_dispose_zoom    (WartaFlowchartView *self);
void     _warta_flowchart_view_class_init_zoom (GtkWidgetClass     *widget_class);
void     _warta_flowchart_view_chart_origin    (WartaFlowchartView *self,
                                                double             *x,
                                                double             *y);
void     _warta_flowchart_view_set_adjustment  (WartaFlowchartView *self,
                                                GtkOrientation      orientation,
                                                GtkAdjustment      *adjustment);

G_END_DECLS
