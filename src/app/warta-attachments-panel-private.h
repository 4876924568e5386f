/* warta-attachments-panel-private.h: the attachments panel's fields, shared by its parts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "warta-attachments-panel.h"

G_BEGIN_DECLS

/* How far a transfer is, in bytes: the worker writes the two numbers, the
 * main loop reads them ten times a second. Shared by reference, so the
 * job holds no widget. */
typedef struct
{
  gpointer done;    /* gsize, atomic */
  gpointer total;   /* gsize, atomic */
} WartaTransferProgress;

struct _WartaAttachmentsPanel
{
  GtkWidget          parent_instance;

  /* Template widgets */
  GtkLabel          *count_label;
  GtkButton         *add_button;
  GtkListBox        *list;
  GtkRevealer       *progress_revealer;
  GtkProgressBar    *progress_bar;
  GtkButton         *cancel_button;
  WartaAttachmentPreview *preview;

  /* Owned */
  WartaSession      *session;
  GSignalGroup      *session_signals;
  GCancellable      *loading;          /* the read of the list under way */
  gint64             case_id;
  gint64             active_run;
  GStrv              needed_kinds;     /* what the active step needs, of attachments */
  GStrv              missing_kinds;    /* what the active step still needs */
  GPtrArray         *attachments;      /* WartaAttachment */
  gint64             selected;
  gboolean           may_change;
  GCancellable      *transfer;         /* the attach or export under way */
  guint              progress_source;
  WartaTransferProgress *progress;     /* of the transfer, shared with its job */
};

/* warta-attachments-panel.c */
void      _warta_attachments_panel_toast           (WartaAttachmentsPanel *self,
                                                    const char            *message);
void      _warta_attachments_panel_show_refusal    (WartaAttachmentsPanel *self,
                                                    const char            *message);
const WartaAttachment *_warta_attachments_panel_find_attachment (WartaAttachmentsPanel *self,
                                                    gint64                 id);
void      _warta_attachments_panel_emit_changed    (WartaAttachmentsPanel *self);
void      _warta_attachments_panel_reload          (WartaAttachmentsPanel *self);

/* warta-attachments-panel-jobs.c */
void      _warta_attachments_panel_start_attach    (WartaAttachmentsPanel *self,
                                                    GPtrArray             *files,
                                                    const char            *kind);
void      _warta_attachments_panel_open_attachment (WartaAttachmentsPanel *self,
                                                    gint64                 id);
void      _warta_attachments_panel_class_init_jobs (GtkWidgetClass        *widget_class);

G_END_DECLS
