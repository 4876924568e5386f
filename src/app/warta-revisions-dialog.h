/* warta-revisions-dialog.h: a berkas's naskah revisions, and what changed
 * since a look, as word-level diffs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "warta-revision.h"
#include "warta-session.h"

G_BEGIN_DECLS

#define WARTA_TYPE_REVISIONS_DIALOG (warta_revisions_dialog_get_type ())

G_DECLARE_FINAL_TYPE (WartaRevisionsDialog, warta_revisions_dialog, WARTA, REVISIONS_DIALOG, AdwWindow)

/* since: show what changed since this look first; NULL: the latest
 * revision against the one before. */
GtkWidget     *warta_revisions_dialog_new        (WartaSession       *session,
                                                  gint64              case_id,
                                                  const WartaLook    *since);
GtkTextBuffer *warta_revisions_dialog_get_buffer (WartaRevisionsDialog *self);
GtkListBox    *warta_revisions_dialog_get_list   (WartaRevisionsDialog *self);
/* Whether a read is on its way: what is shown may be about to change. */
gboolean       warta_revisions_dialog_is_busy    (WartaRevisionsDialog *self);

G_END_DECLS
