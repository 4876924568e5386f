/* warta-archive-pane.h: the archive register, for administrators
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "warta-session.h"

G_BEGIN_DECLS

#define WARTA_TYPE_ARCHIVE_PANE (warta_archive_pane_get_type ())

G_DECLARE_FINAL_TYPE (WartaArchivePane, warta_archive_pane, WARTA, ARCHIVE_PANE, GtkWidget)

GtkWidget    *warta_archive_pane_new            (void);
WartaSession *warta_archive_pane_get_session    (WartaArchivePane *self);
void          warta_archive_pane_set_session    (WartaArchivePane *self,
                                                 WartaSession     *session);
gboolean      warta_archive_pane_get_can_go_back (WartaArchivePane *self);
void          warta_archive_pane_go_back        (WartaArchivePane *self);

/* The search: text in the title, link or SOP, and the days the cases
 * finished in (from and to inclusive, local dates; NULL for any). */
void          warta_archive_pane_set_search     (WartaArchivePane *self,
                                                 const char       *text);
void          warta_archive_pane_set_range      (WartaArchivePane *self,
                                                 GDateTime        *from,
                                                 GDateTime        *to);

/* For the tests: what the list holds, and what is shown. */
gboolean      warta_archive_pane_is_loading     (WartaArchivePane *self);
guint         warta_archive_pane_get_n_cases    (WartaArchivePane *self);
gint64        warta_archive_pane_get_case_at    (WartaArchivePane *self,
                                                 guint             position);
gboolean      warta_archive_pane_show_case      (WartaArchivePane *self,
                                                 gint64            case_id);
gint64        warta_archive_pane_get_case_id    (WartaArchivePane *self);
guint         warta_archive_pane_get_n_copies   (WartaArchivePane *self);
GtkWidget    *warta_archive_pane_get_pdf_view   (WartaArchivePane *self);
/* Whether a worker of the pane (details, preview, bundle, copy) is busy. */
gboolean      warta_archive_pane_is_busy        (WartaArchivePane *self);

G_END_DECLS
