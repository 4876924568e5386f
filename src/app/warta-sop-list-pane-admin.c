/* warta-sop-list-pane-admin.c: the SOPs an administrator keeps
 *
 * Import SOP… (Ctrl+O): a .json file chosen, read and checked in a thread
 * of its own, a refused one shown with its FILE:LINE:COL message and the
 * line itself with a caret under the column; a good one imported on the
 * session's worker. Retire and Restore, after a confirmation; Export…,
 * the file exactly as imported, written in a thread. For every reader:
 * the shown SOP's version among its others, and the lanes of that
 * version no active person can work, following "changed::people" and
 * "changed::sops".
 *
 * The engine refuses anyone but an administrator, whatever this shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <glib/gi18n.h>

#include "warta-sop-list-pane-private.h"

static gboolean
is_admin (WartaSopListPane *self)
{
  const WartaUser *user = self->session != NULL ? warta_session_get_user (self->session) : NULL;

  return user != NULL && user->is_admin;
}

static gboolean
shown_is_retired (WartaSopListPane *self)
{
  return self->sop_id != NULL && self->retired != NULL && g_hash_table_contains (self->retired, self->sop_id);
}

void
_warta_sop_list_pane_update_admin (WartaSopListPane *self)
{
  gboolean admin = is_admin (self);
  gboolean shown = self->sop_id != NULL;
  gboolean retired = shown_is_retired (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pane.import-sop", admin);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pane.retire-sop", admin && shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pane.export-sop", shown);
  gtk_widget_set_visible (self->import_button, admin);
  gtk_widget_set_visible (GTK_WIDGET (self->retire_button), admin && shown);
  gtk_widget_set_visible (self->sop_bar, shown);
  gtk_widget_set_visible (self->retired_banner, retired);
  gtk_button_set_label (self->retire_button, retired ? _("_Restore…") : _("_Retire…"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->retire_button),
                               retired ? _("Let new berkas start on this SOP again")
                                       : _("Start no new berkas on this SOP; running ones finish"));
}

/* The shown SOP: its versions, the one asked for, its unstaffed lanes */

typedef struct
{
  char *sop_id;
  int   version;
} ShownRequest;

static void
shown_request_free (ShownRequest *request)
{
  g_free (request->sop_id);
  g_free (request);
}

typedef struct
{
  WartaSop  *sop;
  GPtrArray *versions;   /* WartaSopInfo of this SOP */
  GStrv      unstaffed;  /* lane ids */
} Shown;

static void
shown_free (Shown *shown)
{
  g_clear_object (&shown->sop);
  g_clear_pointer (&shown->versions, g_ptr_array_unref);
  g_strfreev (shown->unstaffed);
  g_free (shown);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Shown, shown_free)

static gpointer
load_shown_job (WartaEngine   *engine,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  ShownRequest *request = data;
  g_autoptr(Shown) shown = g_new0 (Shown, 1);
  g_autoptr(GPtrArray) all = NULL;

  if (!(shown->sop = warta_engine_get_sop (engine, request->sop_id, request->version, error)) ||
      !(all = warta_store_list_sop_versions (warta_engine_get_store (engine), error)) ||
      !(shown->unstaffed = warta_engine_list_unstaffed_lanes (engine, request->sop_id,
                                                             warta_sop_get_version (shown->sop), error)))
    return NULL;

  shown->versions = g_ptr_array_new_with_free_func ((GDestroyNotify)warta_sop_info_free);
  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (((WartaSopInfo *)g_ptr_array_index (all, i))->id, request->sop_id) == 0)
      g_ptr_array_add (shown->versions, g_steal_pointer (&g_ptr_array_index (all, i)));
  return g_steal_pointer (&shown);
}

/* "No one can do step 4 (column Kepala Balai)", a line for each lane. */
static char *
describe_unstaffed (WartaSop *sop,
                    GStrv     lanes)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; lanes[i] != NULL; i++)
    {
      const WartaSopLane *lane = warta_sop_lookup_lane (sop, lanes[i]);
      g_autoptr(GPtrArray) steps = g_ptr_array_new ();
      g_autofree char *list = NULL;

      for (guint j = 0; j < warta_sop_get_n_steps (sop); j++)
        if (g_strcmp0 (warta_sop_get_step (sop, j)->lane, lanes[i]) == 0)
          g_ptr_array_add (steps, warta_sop_get_step (sop, j)->id);
      if (steps->len == 0)
        continue;
      g_ptr_array_add (steps, NULL);
      list = g_strjoinv (", ", (char **)steps->pdata);
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text,
                              /* Translators: the step numbers, and the SOP column whose role no active person holds */
                              g_dngettext (NULL, "No one can do step %s (column %s)", "No one can do steps %s (column %s)",
                                           steps->len - 1),
                              list, lane != NULL ? lane->name : lanes[i]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
fill_versions (WartaSopListPane *self,
               WartaSop         *sop)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  int latest = 0;
  guint selected = 0;

  for (guint i = 0; i < self->versions->len; i++)
    {
      const WartaSopInfo *info = g_ptr_array_index (self->versions, i);
      g_autofree char *name = g_strdup_printf (_("Version %d"), info->version);

      gtk_string_list_append (names, name);
      latest = MAX (latest, info->version);
      if (info->version == warta_sop_get_version (sop))
        selected = i;
    }

  self->updating_versions = TRUE;
  gtk_drop_down_set_model (self->version_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->version_dropdown, selected);
  self->updating_versions = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->version_dropdown), self->versions->len > 1);

  if (warta_sop_get_version (sop) == latest)
    {
      /* Translators: an SOP's version, the newest of its versions */
      g_autofree char *text = g_strdup_printf (g_dngettext (NULL, "Version %d, the only one", "Version %d, the latest of %u",
                                                            self->versions->len),
                                               latest, self->versions->len);

      gtk_label_set_label (self->version_label, text);
    }
  else
    {
      /* Translators: an SOP's older version, which berkas started on it still follow */
      g_autofree char *text = g_strdup_printf (_("Version %d; berkas started on it still follow it. New ones use version %d"),
                                               warta_sop_get_version (sop), latest);

      gtk_label_set_label (self->version_label, text);
    }
}

static void
shown_loaded (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(WartaSopListPane) self = user_data;
  g_autoptr(Shown) shown = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *unstaffed = NULL;

  shown = warta_session_run_finish (WARTA_SESSION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->shown_loading);
  if (shown == NULL)
    {
      g_warning ("Could not read the SOP shown: %s", error->message);
      return;
    }
  if (g_strcmp0 (warta_sop_get_id (shown->sop), self->sop_id) != 0)
    return;

  g_clear_pointer (&self->versions, g_ptr_array_unref);
  self->versions = g_steal_pointer (&shown->versions);
  warta_sop_view_set_sop (self->sop_view, shown->sop);
  fill_versions (self, shown->sop);

  unstaffed = describe_unstaffed (shown->sop, shown->unstaffed);
  gtk_label_set_label (self->unstaffed_label, unstaffed);
  gtk_widget_set_visible (self->unstaffed_banner, *unstaffed != '\0');
  _warta_sop_list_pane_update_admin (self);
}

void
_warta_sop_list_pane_load_shown (WartaSopListPane *self,
                                 int               version)
{
  ShownRequest *request;

  g_cancellable_cancel (self->shown_loading);
  g_clear_object (&self->shown_loading);
  self->version = version;
  _warta_sop_list_pane_update_admin (self);
  if (self->session == NULL || self->sop_id == NULL)
    return;

  request = g_new0 (ShownRequest, 1);
  request->sop_id = g_strdup (self->sop_id);
  request->version = version;
  self->shown_loading = g_cancellable_new ();
  warta_session_run_async (self->session, WARTA_JOB_PRIORITY_HIGH, self,
                           load_shown_job, request, (GDestroyNotify)shown_request_free, (GDestroyNotify)shown_free,
                           self->shown_loading, shown_loaded, g_object_ref (self));
}

static void
on_version_selected (WartaSopListPane *self)
{
  guint selected = gtk_drop_down_get_selected (self->version_dropdown);
  const WartaSopInfo *info;
  int latest;

  if (self->updating_versions || self->versions == NULL || selected >= self->versions->len)
    return;
  info = g_ptr_array_index (self->versions, selected);
  latest = ((WartaSopInfo *)g_ptr_array_index (self->versions, self->versions->len - 1))->version;
  _warta_sop_list_pane_load_shown (self, info->version == latest ? 0 : info->version);
}

/* Import */

typedef struct
{
  char     *name;      /* the file's name, as the errors give it */
  GBytes   *data;
  WartaSop *sop;       /* NULL: refused, see error */
  GError   *error;
} ImportRead;

static void
import_read_free (ImportRead *read)
{
  g_free (read->name);
  g_clear_pointer (&read->data, g_bytes_unref);
  g_clear_object (&read->sop);
  g_clear_error (&read->error);
  g_free (read);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportRead, import_read_free)

/* In a thread of its own: the file read and checked, no database. */
static void
read_sop_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr(ImportRead) read = g_new0 (ImportRead, 1);
  g_autoptr(GError) error = NULL;

  read->name = g_file_get_basename (file);
  if (!(read->data = g_file_load_bytes (file, cancellable, NULL, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  read->sop = warta_sop_new_from_data (g_bytes_get_data (read->data, NULL), g_bytes_get_size (read->data),
                                       read->name, &read->error);
  g_task_return_pointer (task, g_steal_pointer (&read), (GDestroyNotify)import_read_free);
}

/* The line the message "NAME:LINE:COL: …" points at, and a caret under
 * its column; NULL when the message names no place. */
static char *
point_at (const char *message,
          const char *name,
          GBytes     *data)
{
  g_autofree char *prefix = g_strdup_printf ("%s:", name);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) caret = g_string_new (NULL);
  g_autofree char *text = NULL;
  const char *line, *p;
  char *end;
  gulong line_no, column;

  if (!g_str_has_prefix (message, prefix))
    return NULL;
  line_no = strtoul (message + strlen (prefix), &end, 10);
  if (*end != ':' || line_no == 0)
    return NULL;
  column = strtoul (end + 1, &end, 10);
  if (*end != ':' || column == 0)
    return NULL;

  text = g_strndup (g_bytes_get_data (data, NULL), g_bytes_get_size (data));
  lines = g_strsplit (text, "\n", -1);
  if (line_no > g_strv_length (lines))
    return NULL;
  line = lines[line_no - 1];
  if (!g_utf8_validate (line, -1, NULL))
    return NULL;
  g_strchomp ((char *)line);

  /* Tabs stay tabs, so that the caret lines up however they are shown. */
  p = line;
  for (gulong i = 1; i < column && *p != '\0'; i++, p = g_utf8_next_char (p))
    g_string_append_c (caret, *p == '\t' ? '\t' : ' ');
  g_string_append_c (caret, '^');
  return g_strdup_printf ("%s\n%s", line, caret->str);
}

static void
show_refusal (WartaSopListPane *self,
              const char       *heading,
              const char       *message,
              const char       *pointed)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  if (pointed != NULL)
    {
      GtkWidget *scroller = gtk_scrolled_window_new ();
      GtkWidget *label = gtk_label_new (pointed);

      gtk_widget_set_name (label, "sop-error-line");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "monospace");
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_end (label, 6);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
      gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scroller), TRUE);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
      gtk_scrolled_window_set_max_content_width (GTK_SCROLLED_WINDOW (scroller), 520);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), label);
      gtk_widget_add_css_class (scroller, "card");
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  gint64    actor;
  WartaSop *sop;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_clear_object (&job->sop);
  g_free (job);
}

static gpointer
import_job (WartaEngine   *engine,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  ImportJob *job = data;
  int version = 0;

  if (!warta_engine_import_sop (engine, job->actor, job->sop, &version, error))
    return NULL;
  return g_memdup2 (&version, sizeof version);
}

/* What the import's callback needs on the main thread. */
typedef struct
{
  WartaSopListPane *self;
  WartaSop         *sop;
} Importing;

static void
importing_free (Importing *importing)
{
  g_clear_object (&importing->self);
  g_clear_object (&importing->sop);
  g_free (importing);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Importing, importing_free)

static void
imported (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Importing) importing = user_data;
  WartaSopListPane *self = importing->self;
  WartaSop *sop = importing->sop;
  g_autofree int *version = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;

  version = warta_session_run_finish (WARTA_SESSION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (version == NULL)
    {
      show_refusal (self, _("SOP Not Imported"), error->message, NULL);
      return;
    }

  /* Shown once the list is read again ("changed::sops"). */
  g_free (self->sop_id);
  self->sop_id = g_strdup (warta_sop_get_id (sop));
  self->version = 0;
  /* Translators: the SOP's id and the version it was stored as */
  message = g_strdup_printf (_("SOP %s imported as version %d"), warta_sop_get_id (sop), *version);
  _warta_sop_list_pane_toast (self, message);
}

static void
sop_read (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  WartaSopListPane *self = WARTA_SOP_LIST_PANE (object);
  g_autoptr(ImportRead) read = NULL;
  g_autoptr(GError) error = NULL;
  Importing *importing;
  ImportJob *job;

  read = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (read == NULL)
    {
      show_refusal (self, _("SOP File Not Read"), error->message, NULL);
      return;
    }
  if (read->sop == NULL)
    {
      g_autofree char *pointed = point_at (read->error->message, read->name, read->data);

      show_refusal (self, _("SOP File Refused"), read->error->message, pointed);
      return;
    }
  if (self->session == NULL)
    return;

  job = g_new0 (ImportJob, 1);
  job->actor = warta_session_get_user_id (self->session);
  job->sop = g_object_ref (read->sop);
  importing = g_new0 (Importing, 1);
  importing->self = g_object_ref (self);
  importing->sop = g_object_ref (read->sop);
  warta_session_run_async (self->session, WARTA_JOB_PRIORITY_URGENT, self,
                           import_job, job, (GDestroyNotify)import_job_free, g_free,
                           self->cancellable, imported, importing);
}

static void
on_import_chosen (GtkNativeDialog  *chooser,
                  int               response,
                  WartaSopListPane *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (self->chooser == GTK_FILE_CHOOSER_NATIVE (chooser))
    g_clear_object (&self->chooser);
  if (file != NULL && self->cancellable != NULL)
    {
      g_autoptr(GTask) task = g_task_new (self, self->cancellable, sop_read, NULL);

      g_task_set_source_tag (task, on_import_chosen);
      g_task_set_task_data (task, g_object_ref (file), g_object_unref);
      g_task_run_in_thread (task, read_sop_thread);
    }
  g_object_unref (self);
}

static void
import_sop_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  WartaSopListPane *self = WARTA_SOP_LIST_PANE (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (!is_admin (self) || self->chooser != NULL)
    return;

  gtk_file_filter_set_name (filter, _("SOP files (JSON)"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_filter_add_mime_type (filter, "application/json");
  self->chooser = gtk_file_chooser_native_new (_("Import an SOP File"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_import_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Retire and restore */

typedef struct
{
  gint64    actor;
  char     *sop_id;
  gboolean  retired;
} RetireJob;

static void
retire_job_free (RetireJob *job)
{
  g_free (job->sop_id);
  g_free (job);
}

static gpointer
retire_job (WartaEngine   *engine,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  RetireJob *job = data;

  if (!warta_engine_set_sop_retired (engine, job->actor, job->sop_id, job->retired, error))
    return NULL;
  return g_memdup2 (&job->retired, sizeof job->retired);
}

static void
retire_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(WartaSopListPane) self = user_data;
  g_autofree gboolean *retired = NULL;
  g_autoptr(GError) error = NULL;

  retired = warta_session_run_finish (WARTA_SESSION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (retired == NULL)
    {
      show_refusal (self, _("SOP Not Changed"), error->message, NULL);
      return;
    }
  _warta_sop_list_pane_toast (self, *retired ? _("SOP retired: no new berkas start on it")
                                             : _("SOP restored: new berkas may start on it"));
}

static void
set_retired (WartaSopListPane *self,
             gboolean          retired)
{
  RetireJob *job;

  if (self->session == NULL || self->sop_id == NULL)
    return;
  job = g_new0 (RetireJob, 1);
  job->actor = warta_session_get_user_id (self->session);
  job->sop_id = g_strdup (self->sop_id);
  job->retired = retired;
  warta_session_run_async (self->session, WARTA_JOB_PRIORITY_URGENT, self,
                           retire_job, job, (GDestroyNotify)retire_job_free, g_free,
                           self->cancellable, retire_done, g_object_ref (self));
}

static void
on_retire_response (AdwMessageDialog *dialog,
                    const char       *response,
                    WartaSopListPane *self)
{
  if (self->cancellable == NULL)
    return;
  if (g_strcmp0 (response, "retire") == 0)
    set_retired (self, TRUE);
  else if (g_strcmp0 (response, "restore") == 0)
    set_retired (self, FALSE);
}

static void
retire_sop_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  WartaSopListPane *self = WARTA_SOP_LIST_PANE (widget);
  WartaSop *sop = warta_sop_view_get_sop (self->sop_view);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (sop == NULL || self->sop_id == NULL)
    return;
  if (shown_is_retired (self))
    {
      /* Translators: the SOP's name */
      heading = g_strdup_printf (_("Restore “%s”?"), warta_sop_get_name (sop));
      dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading,
                                       _("New berkas may start on it again, on its latest version."));
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "restore", _("_Restore"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore", ADW_RESPONSE_SUGGESTED);
    }
  else
    {
      /* Translators: the SOP's name */
      heading = g_strdup_printf (_("Retire “%s”?"), warta_sop_get_name (sop));
      dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading,
                                       _("No new berkas can start on it. Berkas already running finish on their "
                                         "version. You can restore it later, or import a new version of it."));
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "retire", _("_Retire"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "retire", ADW_RESPONSE_DESTRUCTIVE);
    }
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_retire_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Export */

typedef struct
{
  char *sop_id;
  int   version;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->sop_id);
  g_free (job);
}

static gpointer
export_job (WartaEngine   *engine,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  ExportJob *job = data;

  return warta_engine_export_sop (engine, job->sop_id, job->version, error);
}

static void
write_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GFile *file = g_object_get_data (G_OBJECT (task), "file");
  GBytes *bytes = task_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL, FALSE,
                                G_FILE_CREATE_NONE, NULL, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
written (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  WartaSopListPane *self = WARTA_SOP_LIST_PANE (object);
  GFile *file = g_object_get_data (G_OBJECT (result), "file");
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_refusal (self, _("SOP Not Exported"), error->message, NULL);
      return;
    }
  name = g_file_get_basename (file);
  /* Translators: the name of the file written */
  message = g_strdup_printf (_("Exported as %s"), name);
  _warta_sop_list_pane_toast (self, message);
}

static void
exported (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  /* A refusal goes the way of a failed write: written() says it. */
  bytes = warta_session_run_finish (WARTA_SESSION (object), result, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_set_task_data (task, g_steal_pointer (&bytes), (GDestroyNotify)g_bytes_unref);
  g_task_run_in_thread (task, write_thread);
}

static void
on_export_chosen (GtkNativeDialog  *chooser,
                  int               response,
                  WartaSopListPane *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (self->chooser == GTK_FILE_CHOOSER_NATIVE (chooser))
    g_clear_object (&self->chooser);
  if (file != NULL && self->session != NULL && self->sop_id != NULL && self->cancellable != NULL)
    {
      ExportJob *job = g_new0 (ExportJob, 1);
      GTask *task = g_task_new (self, self->cancellable, written, NULL);

      g_task_set_source_tag (task, on_export_chosen);
      g_object_set_data_full (G_OBJECT (task), "file", g_object_ref (file), g_object_unref);
      job->sop_id = g_strdup (self->sop_id);
      job->version = self->version;
      warta_session_run_async (self->session, WARTA_JOB_PRIORITY_URGENT, self,
                               export_job, job, (GDestroyNotify)export_job_free, (GDestroyNotify)g_bytes_unref,
                               self->cancellable, exported, task);
    }
  g_object_unref (self);
}

static void
export_sop_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  WartaSopListPane *self = WARTA_SOP_LIST_PANE (widget);
  WartaSop *sop = warta_sop_view_get_sop (self->sop_view);
  g_autofree char *name = NULL;

  if (sop == NULL || self->chooser != NULL)
    return;

  name = g_strdup_printf ("%s-v%d.json", warta_sop_get_id (sop), warta_sop_get_version (sop));
  self->chooser = gtk_file_chooser_native_new (_("Export the SOP File"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_export_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

void
_warta_sop_list_pane_dispose_admin (WartaSopListPane *self)
{
  g_cancellable_cancel (self->shown_loading);
  g_clear_object (&self->shown_loading);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
}

void
_warta_sop_list_pane_class_init_admin (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "pane.import-sop", NULL, import_sop_action);
  gtk_widget_class_install_action (widget_class, "pane.retire-sop", NULL, retire_sop_action);
  gtk_widget_class_install_action (widget_class, "pane.export-sop", NULL, export_sop_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "pane.import-sop", NULL);

  gtk_widget_class_bind_template_child (widget_class, WartaSopListPane, import_button);
  gtk_widget_class_bind_template_child (widget_class, WartaSopListPane, sop_bar);
  gtk_widget_class_bind_template_child (widget_class, WartaSopListPane, version_label);
  gtk_widget_class_bind_template_child (widget_class, WartaSopListPane, version_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WartaSopListPane, retire_button);
  gtk_widget_class_bind_template_child (widget_class, WartaSopListPane, export_button);
  gtk_widget_class_bind_template_child (widget_class, WartaSopListPane, retired_banner);
  gtk_widget_class_bind_template_child (widget_class, WartaSopListPane, unstaffed_banner);
  gtk_widget_class_bind_template_child (widget_class, WartaSopListPane, unstaffed_label);
  gtk_widget_class_bind_template_callback (widget_class, on_version_selected);
}
