/* warta-attachments-panel.h: a case's files, beside its naskah
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "warta-attachment-preview.h"
#include "warta-session.h"

G_BEGIN_DECLS

#define WARTA_TYPE_ATTACHMENTS_PANEL (warta_attachments_panel_get_type ())

G_DECLARE_FINAL_TYPE (WartaAttachmentsPanel, warta_attachments_panel, WARTA, ATTACHMENTS_PANEL, GtkWidget)

GtkWidget              *warta_attachments_panel_new         (void);
void                    warta_attachments_panel_set_case    (WartaAttachmentsPanel *self,
                                                             WartaSession          *session,
                                                             const WartaCase       *kase,
                                                             const WartaSopStep    *step,
                                                             gboolean               may_change);
/* files: GFile; kind NULL asks the person which kind they are. */
void                    warta_attachments_panel_add_files   (WartaAttachmentsPanel *self,
                                                             GPtrArray             *files,
                                                             const char            *kind);
void                    warta_attachments_panel_select      (WartaAttachmentsPanel *self,
                                                             gint64                 id);
WartaAttachmentPreview *warta_attachments_panel_get_preview (WartaAttachmentsPanel *self);
GPtrArray              *warta_attachments_panel_get_attachments (WartaAttachmentsPanel *self);
guint                   warta_attachments_panel_get_n_attachments (WartaAttachmentsPanel *self);
gboolean                warta_attachments_panel_get_may_change (WartaAttachmentsPanel *self);
gboolean                warta_attachments_panel_is_busy     (WartaAttachmentsPanel *self);

const char             *warta_attachment_kind_label         (const char            *kind);

G_END_DECLS
