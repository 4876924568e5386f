/* warta-attachment-preview.h: one attachment, shown as well as it can be
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "warta-session.h"
#include "warta-types.h"

G_BEGIN_DECLS

#define WARTA_TYPE_ATTACHMENT_PREVIEW (warta_attachment_preview_get_type ())

G_DECLARE_FINAL_TYPE (WartaAttachmentPreview, warta_attachment_preview, WARTA, ATTACHMENT_PREVIEW, GtkWidget)

GtkWidget             *warta_attachment_preview_new            (void);
void                   warta_attachment_preview_show           (WartaAttachmentPreview *self,
                                                                WartaSession           *session,
                                                                const WartaAttachment  *attachment);
const WartaAttachment *warta_attachment_preview_get_attachment (WartaAttachmentPreview *self);
/* "empty", "loading", "error", "other", "image" or "pdf" */
const char            *warta_attachment_preview_get_state      (WartaAttachmentPreview *self);
const char            *warta_attachment_preview_get_error_message (WartaAttachmentPreview *self);
GtkWidget             *warta_attachment_preview_get_pdf_view   (WartaAttachmentPreview *self);

gboolean               warta_attachment_is_pdf                 (const WartaAttachment  *attachment);
gboolean               warta_attachment_is_image               (const WartaAttachment  *attachment);

G_END_DECLS
