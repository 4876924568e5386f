/* warta-sop-list-pane.h: the office's SOPs, beside the one shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "warta-session.h"

G_BEGIN_DECLS

#define WARTA_TYPE_SOP_LIST_PANE (warta_sop_list_pane_get_type ())

G_DECLARE_FINAL_TYPE (WartaSopListPane, warta_sop_list_pane, WARTA, SOP_LIST_PANE, GtkWidget)

GtkWidget    *warta_sop_list_pane_new             (void);
WartaSession *warta_sop_list_pane_get_session     (WartaSopListPane *self);
void          warta_sop_list_pane_set_session     (WartaSopListPane *self,
                                                   WartaSession     *session);
const char   *warta_sop_list_pane_get_sop_id      (WartaSopListPane *self);
gboolean      warta_sop_list_pane_select_sop      (WartaSopListPane *self,
                                                   const char       *sop_id);
gboolean      warta_sop_list_pane_get_can_go_back (WartaSopListPane *self);
void          warta_sop_list_pane_go_back         (WartaSopListPane *self);

G_END_DECLS
