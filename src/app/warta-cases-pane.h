/* warta-cases-pane.h: a list of cases beside the case it shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "warta-case-list-model.h"
#include "warta-session.h"

G_BEGIN_DECLS

#define WARTA_TYPE_CASES_PANE (warta_cases_pane_get_type ())

G_DECLARE_FINAL_TYPE (WartaCasesPane, warta_cases_pane, WARTA, CASES_PANE, GtkWidget)

GtkWidget          *warta_cases_pane_new          (void);
WartaSession       *warta_cases_pane_get_session  (WartaCasesPane      *self);
void                warta_cases_pane_set_session  (WartaCasesPane      *self,
                                                   WartaSession        *session);
const char * const *warta_cases_pane_get_actions  (WartaCasesPane      *self);
void                warta_cases_pane_set_actions  (WartaCasesPane      *self,
                                                   const char * const  *actions);
WartaCaseListModel *warta_cases_pane_get_model    (WartaCasesPane      *self);
gint64              warta_cases_pane_get_case_id  (WartaCasesPane      *self);
void                warta_cases_pane_show_case    (WartaCasesPane      *self,
                                                   gint64               case_id);
gboolean            warta_cases_pane_get_can_go_back (WartaCasesPane   *self);
void                warta_cases_pane_go_back      (WartaCasesPane      *self);
void                warta_cases_pane_focus_list   (WartaCasesPane      *self);

G_END_DECLS
