/* warta-case-view.h: one case: header with timer, naskah, checklist,
 * action bar, disposition chain and flowchart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "warta-session.h"

G_BEGIN_DECLS

#define WARTA_TYPE_CASE_VIEW (warta_case_view_get_type ())

G_DECLARE_FINAL_TYPE (WartaCaseView, warta_case_view, WARTA, CASE_VIEW, GtkWidget)

GtkWidget *warta_case_view_new         (void);
void       warta_case_view_set_session (WartaCaseView *self,
                                        WartaSession  *session);
gint64     warta_case_view_get_case_id (WartaCaseView *self);
void       warta_case_view_set_case_id (WartaCaseView *self,
                                        gint64         case_id);

const WartaCase *warta_case_view_get_case (WartaCaseView *self);

gboolean   warta_case_view_is_busy     (WartaCaseView *self);
gboolean   warta_case_view_has_unsaved_changes (WartaCaseView *self);

G_END_DECLS
