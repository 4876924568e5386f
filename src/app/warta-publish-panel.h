/* warta-publish-panel.h: a case onto its site, and the proof that it is live
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "warta-session.h"

G_BEGIN_DECLS

#define WARTA_TYPE_PUBLISH_PANEL (warta_publish_panel_get_type ())

G_DECLARE_FINAL_TYPE (WartaPublishPanel, warta_publish_panel, WARTA, PUBLISH_PANEL, GtkWidget)

GtkWidget  *warta_publish_panel_new              (void);
/* What the panel shows of a case, read with it on the session's worker. */
typedef struct
{
  GPtrArray *publications;  /* WartaPublication */
  GPtrArray *attachments;   /* WartaAttachment; NULL unless holder */
  GPtrArray *sites;         /* WartaSite */
  gboolean   holder;        /* the person holds the case's publish step */
} WartaPublishData;

void              warta_publish_data_free     (WartaPublishData *data);
WartaPublishData *warta_publish_data_read     (WartaEngine      *engine,
                                               gint64            actor,
                                               gint64            case_id,
                                               GError          **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WartaPublishData, warta_publish_data_free)

void        warta_publish_panel_set_case         (WartaPublishPanel      *self,
                                                  WartaSession           *session,
                                                  const WartaCase        *kase,
                                                  WartaSop               *sop,
                                                  const WartaPublishData *data);
gboolean    warta_publish_panel_is_busy          (WartaPublishPanel *self);
gboolean    warta_publish_panel_get_may_publish  (WartaPublishPanel *self);
guint       warta_publish_panel_get_n_publications (WartaPublishPanel *self);
/* The message shown for the last failure, or NULL. */
const char *warta_publish_panel_get_error        (WartaPublishPanel *self);
/* How long one publishing or check may take, in seconds
 * (WARTA_PUBLISH_DEFAULT_DEADLINE unless set). */
void        warta_publish_panel_set_time_limit   (WartaPublishPanel *self,
                                                  guint              seconds);
/* Whether a publishing, update, check or withdrawal of the case runs in
 * this application, in any window. */
gboolean    warta_publish_panel_case_is_busy     (gint64             case_id);
gboolean    warta_sop_has_publish_step           (WartaSop          *sop);

G_END_DECLS
