/* warta-revisions-view.h: the naskah page's banner of what changed since
 * the person last looked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "warta-session.h"

G_BEGIN_DECLS

#define WARTA_TYPE_REVISIONS_VIEW (warta_revisions_view_get_type ())

G_DECLARE_FINAL_TYPE (WartaRevisionsView, warta_revisions_view, WARTA, REVISIONS_VIEW, GtkWidget)

void     warta_revisions_view_set_session  (WartaRevisionsView *self,
                                            WartaSession       *session);
void     warta_revisions_view_set_case_id  (WartaRevisionsView *self,
                                            gint64              case_id);
/* Whether the banner is up: the berkas changed since the last look. */
gboolean warta_revisions_view_has_changes  (WartaRevisionsView *self);
/* Opens the list of the berkas's revisions. */
void     warta_revisions_view_show_revisions (WartaRevisionsView *self);

G_END_DECLS
