/* warta-attachments-panel-private.h: the attachments panel's fields, shared by its parts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "warta-attachments-panel.h"

G_BEGIN_DECLS

struct _WartaAttachmentsPanel
{
  GtkWidget          parent_instance;

  /* Template widgets */
  GtkLabel          *count_label;
  GtkButton         *add_button;
  GtkListBox        *list;
  GtkRevealer       *progress_revealer;
  GtkProgressBar    *progress_bar;
  WartaAttachmentPreview *preview;

  /* Owned */
  WartaSession      *session;
  gint64             case_id;
  gint64             active_run;
  GStrv              missing_kinds;    /* what the active step still needs */
  GPtrArray         *attachments;      /* WartaAttachment */
  gint64             selected;
  gboolean           may_change;
  GCancellable      *transfer;         /* the attach or export under way */
  guint              progress_source;
  gpointer           progress_done;    /* bytes, as gsize: written by the worker */
  gpointer           progress_total;
};

/* warta-attachments-panel.c */
void      _warta_attachments_panel_toast           (WartaAttachmentsPanel *self,
                                                    const char            *message);
void      _warta_attachments_panel_show_refusal    (WartaAttachmentsPanel *self,
                                                    const char            *message);
const WartaAttachment *_warta_attachments_panel_find_attachment (WartaAttachmentsPanel *self,
                                                    gint64                 id);
void      _warta_attachments_panel_emit_changed    (WartaAttachmentsPanel *self);

/* warta-attachments-panel-jobs.c */
void      _warta_attachments_panel_start_attach    (WartaAttachmentsPanel *self,
                                                    GPtrArray             *files,
                                                    const char            *kind);
void      _warta_attachments_panel_open_attachment (WartaAttachmentsPanel *self,
                                                    gint64                 id);
void      _warta_attachments_panel_class_init_jobs (GtkWidgetClass        *widget_class);

G_END_DECLS
