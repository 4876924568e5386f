/* warta-revisions-dialog.c: a berkas's naskah revisions, and what changed
 * since a look, as word-level diffs
 *
 * The list of revisions and the revision shown are read on the session's
 * worker; the diff is made there too (warta_diff_words), so a long naskah
 * never holds the main loop. A new revision by anyone ("changed::case"
 * for this berkas) reads the list again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "warta-diff.h"
#include "warta-revisions-dialog.h"

struct _WartaRevisionsDialog
{
  AdwWindow        parent_instance;

  /* Template widgets */
  AdwWindowTitle  *window_title;
  GtkListBox      *list;
  GtkLabel        *heading;
  GtkLabel        *legend;
  GtkTextView     *text_view;

  /* Owned */
  WartaSession    *session;
  GSignalGroup    *session_signals;
  GCancellable    *list_cancellable;
  GCancellable    *show_cancellable;
  gint64           case_id;
  WartaLook       *since;       /* NULL: no "since" view */
  int              shown;       /* the revision shown; 0: the changes since the look */
  guint            list_reads;  /* answered: the first comes with what new() asked to show */
  gboolean         picked;      /* the person chose what is shown */
};

G_DEFINE_FINAL_TYPE (WartaRevisionsDialog, warta_revisions_dialog, ADW_TYPE_WINDOW)

static char *
format_time (gint64 usec)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);

  return at ? g_date_time_format (at, "%d-%m-%Y %H.%M") : g_strdup ("");
}

/* Reading */

typedef struct
{
  gint64     actor;
  gint64     case_id;
  int        n;       /* 0: the changes since @since */
  WartaLook *since;
} ShowJob;

typedef struct
{
  int            n;
  WartaRevision *old;
  WartaRevision *new;
  GPtrArray     *title;
  GPtrArray     *body;
  GStrv          added;
  GStrv          removed;
} ShowData;

static void
show_job_free (ShowJob *job)
{
  g_clear_pointer (&job->since, warta_look_free);
  g_free (job);
}

static void
show_data_free (ShowData *data)
{
  g_clear_pointer (&data->old, warta_revision_free);
  g_clear_pointer (&data->new, warta_revision_free);
  g_clear_pointer (&data->title, g_ptr_array_unref);
  g_clear_pointer (&data->body, g_ptr_array_unref);
  g_strfreev (data->added);
  g_strfreev (data->removed);
  g_free (data);
}

static gpointer
show_job (WartaEngine   *engine,
          gpointer       job_data,
          GCancellable  *cancellable,
          GError       **error)
{
  ShowJob *job = job_data;
  ShowData *data = g_new0 (ShowData, 1);
  const char *old_title, *old_body;

  data->n = job->n;
  if (job->n == 0)
    {
      g_autoptr(WartaLookChanges) changes = warta_engine_changes_since_look (engine, job->actor, job->case_id,
                                                                             job->since, error);

      if (changes == NULL)
        {
          show_data_free (data);
          return NULL;
        }
      data->old = g_steal_pointer (&changes->seen);
      data->new = g_steal_pointer (&changes->latest);
      data->added = g_steal_pointer (&changes->added);
      data->removed = g_steal_pointer (&changes->removed);
    }
  else
    {
      if (!(data->new = warta_engine_get_revision (engine, job->actor, job->case_id, job->n, error)) ||
          (job->n > 1 && !(data->old = warta_engine_get_revision (engine, job->actor, job->case_id, job->n - 1, error))))
        {
          show_data_free (data);
          return NULL;
        }
    }

  /* The first revision compares with nothing: shown as it is. */
  old_title = data->old ? data->old->title : data->new && job->n != 0 ? data->new->title : "";
  old_body = data->old ? data->old->body : data->new && job->n != 0 ? data->new->body : "";
  data->title = warta_diff_words (old_title, data->new ? data->new->title : "");
  data->body = warta_diff_words (old_body, data->new ? data->new->body : "");
  return data;
}

static void
insert_segments (GtkTextBuffer *buffer,
                 GPtrArray     *segments,
                 const char    *extra_tag)
{
  GtkTextIter end;

  for (guint i = 0; i < segments->len; i++)
    {
      const WartaDiffSegment *segment = g_ptr_array_index (segments, i);
      const char *tag = segment->op == WARTA_DIFF_INSERT ? "diff-insert"
                      : segment->op == WARTA_DIFF_DELETE ? "diff-delete"
                      : NULL;

      gtk_text_buffer_get_end_iter (buffer, &end);
      /* A word replaced: a thin space between the struck-through old
       * word and the new one, so that they read as two. It is no part of
       * either text. */
      if (i > 0 && segment->op == WARTA_DIFF_INSERT &&
          ((const WartaDiffSegment *)g_ptr_array_index (segments, i - 1))->op == WARTA_DIFF_DELETE)
        gtk_text_buffer_insert_with_tags_by_name (buffer, &end, "\u2009", -1, extra_tag, NULL);
      gtk_text_buffer_insert_with_tags_by_name (buffer, &end, segment->text, -1,
                                                tag ? tag : extra_tag, tag ? extra_tag : NULL, NULL);
    }
}

static void
insert_files (GtkTextBuffer      *buffer,
              const char         *label,
              const char * const *names,
              const char         *tag)
{
  GtkTextIter end;

  if (names == NULL || names[0] == NULL)
    return;
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert_with_tags_by_name (buffer, &end, label, -1, "files", NULL);
  for (guint i = 0; names[i] != NULL; i++)
    {
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert (buffer, &end, i > 0 ? ", " : " ", -1);
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert_with_tags_by_name (buffer, &end, names[i], -1, tag, NULL);
    }
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "\n", -1);
}

static void
show_data (WartaRevisionsDialog *self,
           ShowData             *data)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter end;
  g_autofree char *heading = NULL;
  g_autofree char *when = NULL;

  gtk_text_buffer_set_text (buffer, "", 0);
  insert_segments (buffer, data->title, "title");
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "\n\n", -1);
  insert_segments (buffer, data->body, NULL);
  if ((data->added && data->added[0]) || (data->removed && data->removed[0]))
    {
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert (buffer, &end, "\n\n", -1);
      insert_files (buffer, _("Attachments added:"), (const char * const *)data->added, "diff-insert");
      insert_files (buffer, _("Attachments removed:"), (const char * const *)data->removed, "diff-delete");
    }

  if (data->n == 0)
    {
      when = format_time (self->since->looked_at);
      /* Translators: %s is when the person last looked, e.g. 05-01-2026 08.00 */
      heading = g_strdup_printf (_("Changes since you last looked (%s)"), when);
      gtk_label_set_text (self->legend, _("Green and underlined: added. Red and struck through: removed."));
    }
  else
    {
      when = format_time (data->new->saved_at);
      /* Translators: revision number, its author, when it was saved */
      heading = g_strdup_printf (_("Revision %d · %s · %s"), data->n, data->new->author ? data->new->author : "", when);
      if (data->n > 1)
        {
          /* Translators: %d is the number of the revision before */
          g_autofree char *legend = g_strdup_printf (_("Compared with revision %d: green and underlined added, "
                                                       "red and struck through removed."), data->n - 1);

          gtk_label_set_text (self->legend, legend);
        }
      else
        gtk_label_set_text (self->legend, _("The first revision."));
    }
  gtk_label_set_text (self->heading, heading);
  self->shown = data->n;
}

static void
show_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(WartaRevisionsDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  ShowData *data = warta_session_run_finish (WARTA_SESSION (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->show_cancellable);
  if (data == NULL)
    {
      gtk_label_set_text (self->heading, error->message);
      return;
    }
  show_data (self, data);
  show_data_free (data);
}

static void
show (WartaRevisionsDialog *self,
      int                   n)
{
  ShowJob *job = g_new0 (ShowJob, 1);

  g_cancellable_cancel (self->show_cancellable);
  g_clear_object (&self->show_cancellable);
  job->actor = warta_session_get_user_id (self->session);
  job->case_id = self->case_id;
  job->n = n;
  job->since = n == 0 && self->since ? warta_look_copy (self->since) : NULL;
  self->show_cancellable = g_cancellable_new ();
  warta_session_run_async (self->session, WARTA_JOB_PRIORITY_HIGH, self, show_job, job,
                           (GDestroyNotify)show_job_free, (GDestroyNotify)show_data_free,
                           self->show_cancellable, show_done, g_object_ref (self));
}

typedef struct
{
  gint64 actor;
  gint64 case_id;
} ListJob;

static gpointer
list_job (WartaEngine   *engine,
          gpointer       job_data,
          GCancellable  *cancellable,
          GError       **error)
{
  ListJob *job = job_data;

  return warta_engine_list_revisions (engine, job->actor, job->case_id, error);
}

static void
list_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(WartaRevisionsDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) revisions = warta_session_run_finish (WARTA_SESSION (object), result, &error);
  GtkWidget *child;
  int latest = 0;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->list_cancellable);
  if (revisions == NULL)
    {
      gtk_label_set_text (self->heading, error->message);
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))))
    gtk_list_box_remove (self->list, child);
  for (guint i = 0; i < revisions->len; i++)
    {
      const WartaRevision *revision = g_ptr_array_index (revisions, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf (_("Revision %d"), revision->n);
      g_autofree char *when = format_time (revision->saved_at);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", revision->author ? revision->author : "", when);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "revision", GINT_TO_POINTER (revision->n));
      gtk_list_box_append (self->list, row);
      if (revision->n == self->shown)
        gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (row));
      latest = MAX (latest, revision->n);
    }

  if (revisions->len == 0)
    {
      gtk_label_set_text (self->heading, _("The naskah has not been written yet."));
      return;
    }
  /* Without a look to compare with, the latest revision, until one is
   * chosen; a newer one by someone else is shown when it comes. */
  if (self->since == NULL && !self->picked && self->shown != latest)
    {
      gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, 0));
      show (self, latest);
    }
  else if (self->since != NULL && !self->picked && ++self->list_reads > 1)
    show (self, 0);  /* someone changed it again */
}

static void
load_list (WartaRevisionsDialog *self)
{
  ListJob *job = g_new0 (ListJob, 1);

  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  job->actor = warta_session_get_user_id (self->session);
  job->case_id = self->case_id;
  self->list_cancellable = g_cancellable_new ();
  warta_session_run_async (self->session, WARTA_JOB_PRIORITY_HIGH, self, list_job, job, g_free,
                           (GDestroyNotify)g_ptr_array_unref, self->list_cancellable,
                           list_done, g_object_ref (self));
}

static void
on_row_activated (WartaRevisionsDialog *self,
                  GtkListBoxRow        *row)
{
  self->picked = TRUE;
  show (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "revision")));
}

static void
on_case_changed (WartaRevisionsDialog *self,
                 guint                 kind,
                 gint64                case_id,
                 gpointer              origin)
{
  if (case_id != 0 && case_id != self->case_id)
    return;
  load_list (self);
}

static void
warta_revisions_dialog_dispose (GObject *object)
{
  WartaRevisionsDialog *self = WARTA_REVISIONS_DIALOG (object);

  g_cancellable_cancel (self->list_cancellable);
  g_cancellable_cancel (self->show_cancellable);
  g_clear_object (&self->list_cancellable);
  g_clear_object (&self->show_cancellable);
  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->session);
  g_clear_pointer (&self->since, warta_look_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), WARTA_TYPE_REVISIONS_DIALOG);

  G_OBJECT_CLASS (warta_revisions_dialog_parent_class)->dispose (object);
}

static void
warta_revisions_dialog_class_init (WartaRevisionsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = warta_revisions_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/id/warta/Warta/warta-revisions-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, WartaRevisionsDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, WartaRevisionsDialog, list);
  gtk_widget_class_bind_template_child (widget_class, WartaRevisionsDialog, heading);
  gtk_widget_class_bind_template_child (widget_class, WartaRevisionsDialog, legend);
  gtk_widget_class_bind_template_child (widget_class, WartaRevisionsDialog, text_view);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
warta_revisions_dialog_init (WartaRevisionsDialog *self)
{
  GtkTextBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_create_tag (buffer, "title", "weight", PANGO_WEIGHT_BOLD, "scale", 1.3, NULL);
  gtk_text_buffer_create_tag (buffer, "files", "weight", PANGO_WEIGHT_BOLD, NULL);
  /* Underlined below the ink: GTK 4.8 leaves a single underline out
   * under a word without descenders ("imunisasi"). */
  gtk_text_buffer_create_tag (buffer, "diff-insert",
                              "foreground", "#1a7f4b",
                              "background", "#d7f5e3",
                              "underline", PANGO_UNDERLINE_LOW, NULL);
  gtk_text_buffer_create_tag (buffer, "diff-delete",
                              "foreground", "#a51d2d",
                              "background", "#fbe0e0",
                              "strikethrough", TRUE, NULL);

  self->session_signals = g_signal_group_new (WARTA_TYPE_SESSION);
  g_signal_group_connect_object (self->session_signals, "changed::case",
                                 G_CALLBACK (on_case_changed), self, G_CONNECT_SWAPPED);
}

GtkWidget *
warta_revisions_dialog_new (WartaSession     *session,
                            gint64            case_id,
                            const WartaLook  *since)
{
  WartaRevisionsDialog *self;

  g_return_val_if_fail (WARTA_IS_SESSION (session), NULL);

  self = g_object_new (WARTA_TYPE_REVISIONS_DIALOG, NULL);
  self->session = g_object_ref (session);
  self->case_id = case_id;
  self->since = since ? warta_look_copy (since) : NULL;
  self->shown = -1;
  g_signal_group_set_target (self->session_signals, session);
  if (since != NULL)
    {
      adw_window_title_set_title (self->window_title, _("Changes"));
      show (self, 0);
    }
  load_list (self);
  return GTK_WIDGET (self);
}

GtkTextBuffer *
warta_revisions_dialog_get_buffer (WartaRevisionsDialog *self)
{
  g_return_val_if_fail (WARTA_IS_REVISIONS_DIALOG (self), NULL);
  return gtk_text_view_get_buffer (self->text_view);
}

GtkListBox *
warta_revisions_dialog_get_list (WartaRevisionsDialog *self)
{
  g_return_val_if_fail (WARTA_IS_REVISIONS_DIALOG (self), NULL);
  return self->list;
}

gboolean
warta_revisions_dialog_is_busy (WartaRevisionsDialog *self)
{
  g_return_val_if_fail (WARTA_IS_REVISIONS_DIALOG (self), FALSE);
  return self->list_cancellable != NULL || self->show_cancellable != NULL;
}
