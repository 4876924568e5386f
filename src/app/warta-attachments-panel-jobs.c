/* warta-attachments-panel-jobs.c: what the attachments panel hands to workers
 *
 * Attaching, exporting, opening and removing a file each run as one job
 * on the session's database worker, one at a time (the panel's transfer
 * cancellable), so a large video never holds up the window: the main
 * thread never waits on them. The job writes only two progress numbers,
 * which the main loop reads ten times a second. What a job commits
 * reaches the case view by the session's change signal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "warta-attachments-panel-private.h"

/* Progress of a transfer */

static WartaTransferProgress *
progress_new (void)
{
  return g_atomic_rc_box_new0 (WartaTransferProgress);
}

static WartaTransferProgress *
progress_ref (WartaTransferProgress *progress)
{
  return g_atomic_rc_box_acquire (progress);
}

static void
progress_unref (WartaTransferProgress *progress)
{
  g_atomic_rc_box_release (progress);
}

static gboolean
update_progress (gpointer user_data)
{
  WartaAttachmentsPanel *self = user_data;
  gint64 done = (gint64)GPOINTER_TO_SIZE (g_atomic_pointer_get (&self->progress->done));
  gint64 total = (gint64)GPOINTER_TO_SIZE (g_atomic_pointer_get (&self->progress->total));

  if (total > 0)
    {
      g_autofree char *done_text = warta_format_bytes (done);
      g_autofree char *total_text = warta_format_bytes (total);
      /* Translators: bytes so far of the whole, as “1.2 MiB of 300.0 MiB” */
      g_autofree char *text = g_strdup_printf (_("%s of %s"), done_text, total_text);

      gtk_progress_bar_set_fraction (self->progress_bar, (double)done / total);
      gtk_progress_bar_set_text (self->progress_bar, text);
    }
  else
    gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

/* In the worker's thread */
static void
on_worker_progress (gint64   done,
                    gint64   total,
                    gpointer user_data)
{
  WartaTransferProgress *progress = user_data;

  /* Only the two numbers cross threads; the main loop reads them. */
  g_atomic_pointer_set (&progress->total, GSIZE_TO_POINTER ((gsize)total));
  g_atomic_pointer_set (&progress->done, GSIZE_TO_POINTER ((gsize)done));
}

static void
begin_transfer (WartaAttachmentsPanel *self)
{
  g_cancellable_cancel (self->transfer);
  g_clear_object (&self->transfer);
  self->transfer = g_cancellable_new ();
  /* A job cancelled a moment ago may still write to its own numbers. */
  g_clear_pointer (&self->progress, progress_unref);
  self->progress = progress_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  if (self->progress_source == 0)
    self->progress_source = g_timeout_add (100, update_progress, self);
}

static void
end_transfer (WartaAttachmentsPanel *self)
{
  g_clear_handle_id (&self->progress_source, g_source_remove);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  g_clear_object (&self->transfer);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "attachments.add", self->may_change);
}

static void
on_cancel_clicked (WartaAttachmentsPanel *self)
{
  g_cancellable_cancel (self->transfer);
}

/* What a transfer's callback needs: the panel, and the transfer it was,
 * to know whether the panel still waits for it (it may have been disposed,
 * or have moved on to another case). */
typedef struct
{
  WartaAttachmentsPanel *self;
  GCancellable          *transfer;
} Waiter;

static Waiter *
waiter_new (WartaAttachmentsPanel *self)
{
  Waiter *waiter = g_new0 (Waiter, 1);

  waiter->self = g_object_ref (self);
  waiter->transfer = g_object_ref (self->transfer);
  return waiter;
}

static void
waiter_free (Waiter *waiter)
{
  g_object_unref (waiter->self);
  g_object_unref (waiter->transfer);
  g_free (waiter);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Waiter, waiter_free)

static gboolean
waiter_is_current (Waiter *waiter)
{
  return waiter->self->transfer == waiter->transfer;
}

/* Adding files: read in a thread of the panel's, written by the worker */

typedef struct
{
  WartaWorker *worker;
  gint64     actor;
  gint64     case_id;
  char      *kind;
  GPtrArray *files;     /* GFile */
  WartaTransferProgress *progress;
} Attach;

typedef struct
{
  guint   n_added;
  gint64  last_id;
  GError *error;        /* why the rest was not attached */
} Attached;

static void
attach_free (Attach *attach)
{
  g_object_unref (attach->worker);
  g_free (attach->kind);
  g_ptr_array_unref (attach->files);
  progress_unref (attach->progress);
  g_free (attach);
}

static void
attached_free (Attached *attached)
{
  g_clear_error (&attached->error);
  g_free (attached);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Attached, attached_free)

/* Each file is read here and written by the session's database worker a
 * chunk at a time (warta_upload_file), so a save typed meanwhile waits at
 * most for one chunk, never for the whole file. The files added before
 * one that fails stay, and the result says how many. */
static void
attach_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Attach *attach = task_data;
  Attached *attached = g_new0 (Attached, 1);

  for (guint i = 0; i < attach->files->len; i++)
    {
      gint64 id = warta_upload_file (warta_worker_run_in, attach->worker, attach->actor, attach->case_id,
                                     g_ptr_array_index (attach->files, i), attach->kind,
                                     on_worker_progress, attach->progress, cancellable, &attached->error);

      if (id == 0)
        break;
      attached->n_added++;
      attached->last_id = id;
    }
  g_task_return_pointer (task, attached, (GDestroyNotify)attached_free);
}

static void
on_attached (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Waiter) waiter = user_data;
  WartaAttachmentsPanel *self = waiter->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(Attached) attached = g_task_propagate_pointer (G_TASK (result), &error);

  /* The thread says how many files it kept before a cancel; should the
   * task have nothing to say, nothing was kept. */
  if (attached == NULL)
    {
      attached = g_new0 (Attached, 1);
      attached->error = g_steal_pointer (&error);
    }
  if (!waiter_is_current (waiter))
    return;

  end_transfer (self);
  if (attached->error != NULL)
    {
      if (g_error_matches (attached->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _warta_attachments_panel_toast (self, _("Attaching was cancelled; nothing of that file was kept"));
      else
        _warta_attachments_panel_show_refusal (self, attached->error->message);
    }
  if (attached->n_added > 0)
    {
      self->selected = attached->last_id;
      if (attached->n_added == 1)
        _warta_attachments_panel_toast (self, _("Attached"));
      else
        {
          g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file attached",
                                                                "%u files attached", attached->n_added),
                                                   attached->n_added);
          _warta_attachments_panel_toast (self, text);
        }
    }
  /* The panel skips the changes it made itself (a cancel may come after
   * some files were kept): it reads its list. */
  _warta_attachments_panel_reload (self);
  _warta_attachments_panel_emit_changed (self);
}

void
_warta_attachments_panel_start_attach (WartaAttachmentsPanel *self,
                                       GPtrArray             *files,
                                       const char            *kind)
{
  g_autoptr(GTask) task = NULL;
  Attach *attach;

  begin_transfer (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "attachments.add", FALSE);

  attach = g_new0 (Attach, 1);
  attach->worker = g_object_ref (warta_session_get_worker (self->session));
  attach->actor = warta_session_get_user_id (self->session);
  attach->case_id = self->case_id;
  attach->kind = g_strdup (kind);
  attach->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (attach->files, g_file_dup (g_ptr_array_index (files, i)));
  attach->progress = progress_ref (self->progress);

  /* The source is the panel's session, not the panel: the callback
   * holds the panel through the waiter, and may find it moved on. */
  task = g_task_new (self->session, self->transfer, on_attached, waiter_new (self));
  g_task_set_source_tag (task, _warta_attachments_panel_start_attach);
  /* A cancel still hands over what the thread did: the files kept
   * before it. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, attach, (GDestroyNotify)attach_free);
  g_task_run_in_thread (task, attach_thread);
}

/* Exporting and opening: written in a thread of the panel's, read by the
 * worker a chunk at a time */

typedef struct
{
  WartaWorker *worker;
  gint64   id;
  GFile   *destination;
  gboolean open;
  WartaTransferProgress *progress;
} Export;

static void
export_free (Export *export)
{
  g_object_unref (export->worker);
  g_clear_object (&export->destination);
  progress_unref (export->progress);
  g_free (export);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Export *export = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) parent = g_file_get_parent (export->destination);

  if (export->open && !g_file_make_directory_with_parents (parent, cancellable, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_clear_error (&error);

  if (!warta_download_file (warta_worker_run_in, export->worker, export->id, export->destination,
                            on_worker_progress, export->progress, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_launched (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(WartaAttachmentsPanel) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    _warta_attachments_panel_toast (self, error->message);
}

typedef struct
{
  Waiter  *waiter;
  GFile   *destination;
  gboolean open;
} Exporting;

static void
exporting_free (Exporting *exporting)
{
  waiter_free (exporting->waiter);
  g_object_unref (exporting->destination);
  g_free (exporting);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Exporting, exporting_free)

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Exporting) exporting = user_data;
  WartaAttachmentsPanel *self = exporting->waiter->self;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = g_task_propagate_boolean (G_TASK (result), &error);
  if (!waiter_is_current (exporting->waiter))
    return;
  end_transfer (self);
  if (!ok)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _warta_attachments_panel_toast (self, error->message);
      return;
    }

  if (exporting->open)
    {
      g_autofree char *uri = g_file_get_uri (exporting->destination);
      g_autoptr(GAppLaunchContext) context = G_APP_LAUNCH_CONTEXT (
        gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self))));

      g_app_info_launch_default_for_uri_async (uri, context, NULL, on_launched, g_object_ref (self));
    }
  else
    _warta_attachments_panel_toast (self, _("Exported"));
}

static void
start_export (WartaAttachmentsPanel *self,
              gint64                 id,
              GFile                 *destination,
              gboolean               open)
{
  g_autoptr(GTask) task = NULL;
  Export *export;
  Exporting *exporting;

  if (self->session == NULL)
    return;

  begin_transfer (self);
  export = g_new0 (Export, 1);
  exporting = g_new0 (Exporting, 1);
  export->worker = g_object_ref (warta_session_get_worker (self->session));
  export->id = id;
  export->destination = g_file_dup (destination);
  export->open = open;
  export->progress = progress_ref (self->progress);
  exporting->waiter = waiter_new (self);
  exporting->destination = g_object_ref (destination);
  exporting->open = open;

  task = g_task_new (self->session, self->transfer, on_exported, exporting);
  g_task_set_source_tag (task, start_export);
  g_task_set_task_data (task, export, (GDestroyNotify)export_free);
  g_task_run_in_thread (task, export_thread);
}

/* Opening hands the system's application a copy in Warta's cache, named
 * as the file was, in a folder of the attachment's own. */
void
_warta_attachments_panel_open_attachment (WartaAttachmentsPanel *self,
                                          gint64                 id)
{
  const WartaAttachment *attachment = _warta_attachments_panel_find_attachment (self, id);
  g_autofree char *id_text = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) destination = NULL;

  if (attachment == NULL || self->transfer != NULL)
    return;
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  path = g_build_filename (g_get_user_cache_dir (), "warta", "open", id_text, attachment->name, NULL);
  destination = g_file_new_for_path (path);
  start_export (self, id, destination, TRUE);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  _warta_attachments_panel_open_attachment (WARTA_ATTACHMENTS_PANEL (widget), g_variant_get_int64 (parameter));
}

typedef struct
{
  WartaAttachmentsPanel *self;
  gint64                 id;
} SaveQuestion;

static void
on_save_chosen (GtkNativeDialog *chooser,
                int              response,
                SaveQuestion    *question)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        start_export (question->self, question->id, file, FALSE);
    }
  g_object_unref (question->self);
  g_free (question);
  g_object_unref (chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WartaAttachmentsPanel *self = WARTA_ATTACHMENTS_PANEL (widget);
  const WartaAttachment *attachment =
    _warta_attachments_panel_find_attachment (self, g_variant_get_int64 (parameter));
  GtkFileChooserNative *chooser;
  SaveQuestion *question;

  if (attachment == NULL || self->transfer != NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Export Attachment"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), attachment->name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  question = g_new0 (SaveQuestion, 1);
  question->self = g_object_ref (self);
  question->id = attachment->id;
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_chosen), question);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Removing a large file frees every page of it: the worker does that. */
typedef struct
{
  gint64  actor;
  gint64  id;
} Removal;

static gpointer
remove_job (WartaEngine   *engine,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Removal *removal = data;

  if (!warta_engine_remove_attachment (engine, removal->actor, removal->id, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static void
on_removed (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Waiter) waiter = user_data;
  WartaAttachmentsPanel *self = waiter->self;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = warta_session_run_finish (WARTA_SESSION (source), result, &error) != NULL;
  if (!waiter_is_current (waiter))
    return;
  end_transfer (self);
  if (!ok)
    _warta_attachments_panel_toast (self, error->message);
  else
    {
      _warta_attachments_panel_toast (self, _("Attachment removed"));
      _warta_attachments_panel_reload (self);
    }
  _warta_attachments_panel_emit_changed (self);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WartaAttachmentsPanel *self = WARTA_ATTACHMENTS_PANEL (widget);
  Removal *removal;

  if (self->session == NULL || self->transfer != NULL)
    return;

  begin_transfer (self);
  removal = g_new0 (Removal, 1);
  removal->actor = warta_session_get_user_id (self->session);
  removal->id = g_variant_get_int64 (parameter);

  warta_session_run_async (self->session, WARTA_JOB_PRIORITY_URGENT, self,
                           remove_job, removal, g_free, NULL,
                           self->transfer, on_removed, waiter_new (self));
}

void
_warta_attachments_panel_class_init_jobs (GtkWidgetClass *widget_class)
{
  /* After the template is set: the cancel button is in it. */
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);

  gtk_widget_class_install_action (widget_class, "attachments.open", "x", open_action);
  gtk_widget_class_install_action (widget_class, "attachments.export", "x", export_action);
  gtk_widget_class_install_action (widget_class, "attachments.remove", "x", remove_action);
}
