/* warta-revisions-view.c: the naskah page's banner of what changed since
 * the person last looked
 *
 * When a berkas is chosen, one job reads the person's last look, what
 * changed since, and records the new look (the person sees the berkas
 * now). The old look stays here as the point the banner compares with
 * until another berkas is chosen: a change by someone else while the
 * berkas is open ("changed::case") reads what changed since that same
 * point again, so the banner and its diff grow with it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "warta-revision.h"
#include "warta-revisions-dialog.h"
#include "warta-revisions-view.h"

struct _WartaRevisionsView
{
  GtkWidget          parent_instance;

  /* Template widgets */
  GtkWidget         *banner;
  GtkLabel          *label;
  GtkButton         *changes_button;

  /* Owned */
  WartaSession      *session;
  GSignalGroup      *session_signals;
  GCancellable      *cancellable;
  gint64             case_id;
  WartaLook         *since;    /* the look before this opening; NULL until read */
  WartaLookChanges  *changes;
};

enum
{
  LOOKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (WartaRevisionsView, warta_revisions_view, GTK_TYPE_WIDGET)

typedef struct
{
  gint64     actor;
  gint64     case_id;
  WartaLook *since;   /* NULL: the stored look, then note the new one */
} LookJob;

static void
look_job_free (LookJob *job)
{
  g_clear_pointer (&job->since, warta_look_free);
  g_free (job);
}

static gpointer
look_job (WartaEngine   *engine,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  LookJob *job = data;
  g_autoptr(WartaLookChanges) changes = NULL;

  if (!(changes = warta_engine_changes_since_look (engine, job->actor, job->case_id, job->since, error)))
    return NULL;
  if (job->since != NULL)
    return g_steal_pointer (&changes);
  if (!warta_engine_note_look (engine, job->actor, job->case_id, error))
    return NULL;
  /* A first look: what others change while the berkas is open is new
   * since this one. */
  if (changes->since->looked_at == 0)
    {
      WartaLook *now = warta_engine_get_look (engine, job->actor, job->case_id, error);

      if (now == NULL)
        return NULL;
      warta_look_free (changes->since);
      changes->since = now;
    }
  return g_steal_pointer (&changes);
}

static void
update (WartaRevisionsView *self)
{
  gboolean show = self->changes != NULL && warta_look_changes_any (self->changes) &&
                  self->changes->authors != NULL && self->changes->authors[0] != NULL;

  if (show)
    {
      g_autofree char *names = g_strjoinv (", ", self->changes->authors);
      /* Translators: %s names the people who changed the berkas */
      g_autofree char *text = g_strdup_printf (_("Changed since you last looked · by %s"), names);

      gtk_label_set_text (self->label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self), show);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "revisions.show-changes", show);
}

static void
look_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(WartaRevisionsView) self = user_data;
  g_autoptr(GError) error = NULL;
  WartaLookChanges *changes = warta_session_run_finish (WARTA_SESSION (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  if (changes == NULL)
    {
      g_warning ("Cannot read what changed in berkas %" G_GINT64_FORMAT ": %s", self->case_id, error->message);
      return;
    }
  g_clear_pointer (&self->changes, warta_look_changes_free);
  self->changes = changes;
  update (self);
  if (self->since == NULL)
    {
      self->since = warta_look_copy (changes->since);
      /* This opening's look is written: the lists that said the berkas
       * was new or changed to this person may say so no more. */
      g_signal_emit (self, signals[LOOKED], 0, self->case_id);
    }
}

static void
load (WartaRevisionsView *self)
{
  LookJob *job;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->session == NULL || self->case_id == 0 || warta_session_get_user_id (self->session) == 0)
    {
      g_clear_pointer (&self->changes, warta_look_changes_free);
      update (self);
      return;
    }

  job = g_new0 (LookJob, 1);
  job->actor = warta_session_get_user_id (self->session);
  job->case_id = self->case_id;
  job->since = self->since ? warta_look_copy (self->since) : NULL;
  self->cancellable = g_cancellable_new ();
  warta_session_run_async (self->session, WARTA_JOB_PRIORITY_HIGH, self, look_job, job,
                           (GDestroyNotify)look_job_free, (GDestroyNotify)warta_look_changes_free,
                           self->cancellable, look_done, g_object_ref (self));
}

/* A new opening: the look before it is read again, and this one noted. */
static void
reopen (WartaRevisionsView *self)
{
  g_clear_pointer (&self->since, warta_look_free);
  g_clear_pointer (&self->changes, warta_look_changes_free);
  update (self);
  load (self);
}

static void
on_case_changed (WartaRevisionsView *self,
                 guint               kind,
                 gint64              case_id,
                 gpointer            origin)
{
  if (self->case_id == 0 || (case_id != 0 && case_id != self->case_id))
    return;
  /* Before the first read answers, it will see this change anyway. */
  if (self->since == NULL)
    return;
  load (self);
}

static void
show_changes_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  WartaRevisionsView *self = WARTA_REVISIONS_VIEW (widget);
  GtkWidget *dialog;

  if (self->session == NULL || self->since == NULL)
    return;
  dialog = warta_revisions_dialog_new (self->session, self->case_id, self->since);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
warta_revisions_view_show_revisions (WartaRevisionsView *self)
{
  GtkWidget *dialog;

  g_return_if_fail (WARTA_IS_REVISIONS_VIEW (self));

  if (self->session == NULL || self->case_id == 0)
    return;
  dialog = warta_revisions_dialog_new (self->session, self->case_id, NULL);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
warta_revisions_view_dispose (GObject *object)
{
  WartaRevisionsView *self = WARTA_REVISIONS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->session);
  g_clear_pointer (&self->since, warta_look_free);
  g_clear_pointer (&self->changes, warta_look_changes_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), WARTA_TYPE_REVISIONS_VIEW);

  G_OBJECT_CLASS (warta_revisions_view_parent_class)->dispose (object);
}

static void
warta_revisions_view_class_init (WartaRevisionsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = warta_revisions_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/id/warta/Warta/warta-revisions-view.ui");
  gtk_widget_class_bind_template_child (widget_class, WartaRevisionsView, banner);
  gtk_widget_class_bind_template_child (widget_class, WartaRevisionsView, label);
  gtk_widget_class_bind_template_child (widget_class, WartaRevisionsView, changes_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "revisions.show-changes", NULL, show_changes_action);

  /**
   * WartaRevisionsView::looked:
   * @case_id: the berkas
   *
   * The person's look at the berkas, as it is opened, is recorded.
   */
  signals[LOOKED] =
    g_signal_new ("looked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
warta_revisions_view_init (WartaRevisionsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->session_signals = g_signal_group_new (WARTA_TYPE_SESSION);
  g_signal_group_connect_object (self->session_signals, "changed::case",
                                 G_CALLBACK (on_case_changed), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::user-id",
                                 G_CALLBACK (reopen), self, G_CONNECT_SWAPPED);
  update (self);
}

void
warta_revisions_view_set_session (WartaRevisionsView *self,
                                  WartaSession       *session)
{
  g_return_if_fail (WARTA_IS_REVISIONS_VIEW (self));

  if (self->session == session)
    return;
  g_set_object (&self->session, session);
  g_signal_group_set_target (self->session_signals, session);
  reopen (self);
}

void
warta_revisions_view_set_case_id (WartaRevisionsView *self,
                                  gint64              case_id)
{
  g_return_if_fail (WARTA_IS_REVISIONS_VIEW (self));

  if (self->case_id == case_id)
    return;
  self->case_id = case_id;
  reopen (self);
}

gboolean
warta_revisions_view_has_changes (WartaRevisionsView *self)
{
  g_return_val_if_fail (WARTA_IS_REVISIONS_VIEW (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self));
}
