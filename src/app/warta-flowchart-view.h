/* warta-flowchart-view.h: an SOP's flowchart, with a case's progress on it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "warta-engine.h"
#include "warta-sop.h"
#include "warta-types.h"

G_BEGIN_DECLS

#define WARTA_TYPE_FLOWCHART_VIEW (warta_flowchart_view_get_type ())

G_DECLARE_FINAL_TYPE (WartaFlowchartView, warta_flowchart_view, WARTA, FLOWCHART_VIEW, GtkWidget)

GtkWidget *warta_flowchart_view_new      (void);
WartaSop  *warta_flowchart_view_get_sop  (WartaFlowchartView *self);
void       warta_flowchart_view_set_sop  (WartaFlowchartView *self,
                                          WartaSop           *sop);
void       warta_flowchart_view_set_runs (WartaFlowchartView *self,
                                          GPtrArray          *runs,
                                          gint64              now);
void       warta_flowchart_view_set_clock (WartaFlowchartView *self,
                                           WartaClockFunc      func,
                                           gpointer            user_data);
const char *warta_flowchart_view_get_active_status (WartaFlowchartView *self);
double     warta_flowchart_view_get_zoom (WartaFlowchartView *self);
void       warta_flowchart_view_set_zoom (WartaFlowchartView *self,
                                          double              zoom);
gboolean   warta_flowchart_view_get_fit_width (WartaFlowchartView *self);
void       warta_flowchart_view_set_fit_width (WartaFlowchartView *self,
                                               gboolean            fit_width);

G_END_DECLS
