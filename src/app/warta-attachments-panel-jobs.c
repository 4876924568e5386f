/* warta-attachments-panel-jobs.c: what the attachments panel hands to workers
 *
 * Attaching, exporting, opening and removing a file each run in a worker
 * with its own connection to the database, one at a time (the panel's
 * transfer cancellable), so a large video never holds up the window. The
 * worker writes only two progress numbers, which the main loop reads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "warta-attachments-panel-private.h"

/* Progress of a transfer */

static gboolean
update_progress (gpointer user_data)
{
  WartaAttachmentsPanel *self = user_data;
  gint64 done = (gint64)GPOINTER_TO_SIZE (g_atomic_pointer_get (&self->progress_done));
  gint64 total = (gint64)GPOINTER_TO_SIZE (g_atomic_pointer_get (&self->progress_total));

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

static void
on_worker_progress (gint64   done,
                    gint64   total,
                    gpointer user_data)
{
  WartaAttachmentsPanel *self = user_data;

  /* Only the two numbers cross threads; the main loop reads them. */
  g_atomic_pointer_set (&self->progress_total, GSIZE_TO_POINTER ((gsize)total));
  g_atomic_pointer_set (&self->progress_done, GSIZE_TO_POINTER ((gsize)done));
}

static void
begin_transfer (WartaAttachmentsPanel *self)
{
  g_cancellable_cancel (self->transfer);
  g_clear_object (&self->transfer);
  self->transfer = g_cancellable_new ();
  g_atomic_pointer_set (&self->progress_done, NULL);
  g_atomic_pointer_set (&self->progress_total, NULL);
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

/* Adding files, in a worker */

typedef struct
{
  char   *db_path;
  gint64  actor;
  gint64  case_id;
  char   *kind;
  GPtrArray *files;     /* GFile */
  gpointer   panel;     /* only for progress numbers; never touched as a widget */
  guint      n_added;
  gint64     last_id;
} Attach;

static void
attach_free (Attach *attach)
{
  g_free (attach->db_path);
  g_free (attach->kind);
  g_ptr_array_unref (attach->files);
  g_free (attach);
}

static void
attach_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Attach *attach = task_data;
  g_autoptr(WartaEngine) engine = NULL;
  g_autoptr(GError) error = NULL;

  if (!(engine = warta_engine_open (attach->db_path, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < attach->files->len; i++)
    {
      gint64 id = warta_engine_attach (engine, attach->actor, attach->case_id, g_ptr_array_index (attach->files, i),
                                       attach->kind, on_worker_progress, attach->panel, cancellable, &error);

      if (id == 0)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      attach->n_added++;
      attach->last_id = id;
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_attached (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  WartaAttachmentsPanel *self = WARTA_ATTACHMENTS_PANEL (source);
  Attach *attach = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  end_transfer (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _warta_attachments_panel_toast (self, _("Attaching was cancelled; nothing of that file was kept"));
      else
        _warta_attachments_panel_show_refusal (self, error->message);
    }
  if (attach->n_added > 0)
    {
      self->selected = attach->last_id;
      if (attach->n_added == 1)
        _warta_attachments_panel_toast (self, _("Attached"));
      else
        {
          g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file attached",
                                                                "%u files attached", attach->n_added),
                                                   attach->n_added);
          _warta_attachments_panel_toast (self, text);
        }
    }
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
  attach->db_path = g_strdup (warta_store_get_path (warta_session_get_store (self->session)));
  attach->actor = warta_session_get_user_id (self->session);
  attach->case_id = self->case_id;
  attach->kind = g_strdup (kind);
  attach->files = g_ptr_array_ref (files);
  attach->panel = self;

  task = g_task_new (self, self->transfer, on_attached, NULL);
  g_task_set_source_tag (task, _warta_attachments_panel_start_attach);
  g_task_set_task_data (task, attach, (GDestroyNotify)attach_free);
  g_task_run_in_thread (task, attach_thread);
}

/* Exporting and opening, in a worker */

typedef struct
{
  char   *db_path;
  gint64  id;
  GFile  *destination;
  gboolean open;
  gpointer panel;
} Export;

static void
export_free (Export *export)
{
  g_free (export->db_path);
  g_clear_object (&export->destination);
  g_free (export);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Export *export = task_data;
  g_autoptr(WartaEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) parent = g_file_get_parent (export->destination);

  if (export->open && !g_file_make_directory_with_parents (parent, cancellable, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_clear_error (&error);

  if (!(engine = warta_engine_open (export->db_path, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!warta_engine_export_attachment_to_file (engine, export->id, export->destination,
                                               on_worker_progress, export->panel, cancellable, &error))
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

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  WartaAttachmentsPanel *self = WARTA_ATTACHMENTS_PANEL (source);
  Export *export = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  end_transfer (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _warta_attachments_panel_toast (self, error->message);
      return;
    }

  if (export->open)
    {
      g_autofree char *uri = g_file_get_uri (export->destination);
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
  Export *export = g_new0 (Export, 1);

  begin_transfer (self);
  export->db_path = g_strdup (warta_store_get_path (warta_session_get_store (self->session)));
  export->id = id;
  export->destination = g_object_ref (destination);
  export->open = open;
  export->panel = self;

  task = g_task_new (self, self->transfer, on_exported, NULL);
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

/* Removing a large file frees every page of it: a worker does that too. */
typedef struct
{
  char   *db_path;
  gint64  actor;
  gint64  id;
} Removal;

static void
removal_free (Removal *removal)
{
  g_free (removal->db_path);
  g_free (removal);
}

static void
remove_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Removal *removal = task_data;
  g_autoptr(WartaEngine) engine = NULL;
  g_autoptr(GError) error = NULL;

  if (!(engine = warta_engine_open (removal->db_path, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!warta_engine_remove_attachment (engine, removal->actor, removal->id, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_removed (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  WartaAttachmentsPanel *self = WARTA_ATTACHMENTS_PANEL (source);
  g_autoptr(GError) error = NULL;

  end_transfer (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    _warta_attachments_panel_toast (self, error->message);
  else
    _warta_attachments_panel_toast (self, _("Attachment removed"));
  _warta_attachments_panel_emit_changed (self);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WartaAttachmentsPanel *self = WARTA_ATTACHMENTS_PANEL (widget);
  g_autoptr(GTask) task = NULL;
  Removal *removal;

  if (self->session == NULL || self->transfer != NULL)
    return;

  begin_transfer (self);
  removal = g_new0 (Removal, 1);
  removal->db_path = g_strdup (warta_store_get_path (warta_session_get_store (self->session)));
  removal->actor = warta_session_get_user_id (self->session);
  removal->id = g_variant_get_int64 (parameter);

  task = g_task_new (self, self->transfer, on_removed, NULL);
  g_task_set_source_tag (task, remove_action);
  g_task_set_task_data (task, removal, (GDestroyNotify)removal_free);
  g_task_run_in_thread (task, remove_thread);
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
