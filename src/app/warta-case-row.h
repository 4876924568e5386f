/* warta-case-row.h: a case in a list: title, SOP, active step, holder and
 * a compact timer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "warta-case-item.h"
#include "warta-engine.h"

G_BEGIN_DECLS

#define WARTA_TYPE_CASE_ROW (warta_case_row_get_type ())

G_DECLARE_FINAL_TYPE (WartaCaseRow, warta_case_row, WARTA, CASE_ROW, GtkWidget)

GtkWidget     *warta_case_row_new          (void);
WartaCaseItem *warta_case_row_get_item     (WartaCaseRow  *self);
void           warta_case_row_set_item     (WartaCaseRow  *self,
                                            WartaCaseItem *item);
void           warta_case_row_set_clock    (WartaCaseRow   *self,
                                            WartaClockFunc  func,
                                            gpointer        user_data);
char          *warta_case_row_format_timer (const WartaStepRun *run,
                                            gint64              now,
                                            const char        **css_class);

G_END_DECLS
