/* warta-new-case-dialog.c: start a case of an SOP that the user begins
 *
 * Only the SOPs whose first step's lane the user holds are offered: the
 * engine would refuse the others. Listing them and starting the case are
 * jobs on the session's worker; the dialog waits for them, busy.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "warta-new-case-dialog.h"

struct _WartaNewCaseDialog
{
  AdwWindow             parent_instance;

  /* Template widgets */
  AdwEntryRow          *title_row;
  AdwPreferencesGroup  *sop_group;
  GtkLabel             *error_label;

  /* Owned */
  WartaSession         *session;
  GPtrArray            *rows;      /* AdwActionRow, each with its "sop" */
  GCancellable         *cancellable;
  gboolean              busy;      /* listing the SOPs or starting the case */
};

G_DEFINE_FINAL_TYPE (WartaNewCaseDialog, warta_new_case_dialog, ADW_TYPE_WINDOW)

enum {
  CASE_STARTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* In the worker: the latest SOPs whose first step the actor may start. */
static gpointer
list_sops_job (WartaEngine   *engine,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  WartaStore *store = warta_engine_get_store (engine);
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(WartaUser) user = NULL;
  GPtrArray *sops;

  if (!(user = warta_store_get_user (store, *(gint64 *)data, error)) ||
      !(infos = warta_store_list_sops (store, error)))
    return NULL;

  sops = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < infos->len; i++)
    {
      const WartaSopInfo *info = g_ptr_array_index (infos, i);
      g_autoptr(WartaSop) sop = warta_engine_get_sop (engine, info->id, info->version, NULL);

      /* A retired SOP starts no berkas: it is not offered. */
      if (sop != NULL && !info->retired && warta_sop_get_n_steps (sop) > 0 &&
          warta_user_has_role (user, warta_sop_get_step (sop, 0)->lane))
        g_ptr_array_add (sops, g_steal_pointer (&sop));
    }

  return sops;
}

static WartaSop *
warta_new_case_dialog_get_chosen (WartaNewCaseDialog *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "check");

      if (gtk_check_button_get_active (check))
        return g_object_get_data (G_OBJECT (row), "sop");
    }

  return NULL;
}

static void
warta_new_case_dialog_update_actions (WartaNewCaseDialog *self)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "new-case.start",
                                 !self->busy && warta_new_case_dialog_get_chosen (self) != NULL &&
                                 title[0] != '\0');
}

static void
on_title_changed (WartaNewCaseDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->title_row), "error");
  warta_new_case_dialog_update_actions (self);
}

static void
on_title_activated (WartaNewCaseDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "new-case.start", NULL);
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  warta_new_case_dialog_start (WARTA_NEW_CASE_DIALOG (widget));
}

static void
warta_new_case_dialog_fill (WartaNewCaseDialog *self,
                            GPtrArray          *sops)
{
  GtkCheckButton *group = NULL;

  for (guint i = 0; i < sops->len; i++)
    {
      WartaSop *sop = g_ptr_array_index (sops, i);
      const WartaSopStep *first = warta_sop_get_step (sop, 0);
      const WartaSopLane *lane = warta_sop_lookup_lane (sop, first->lane);
      const char *number = warta_sop_get_header (sop)->number;
      g_autofree char *subtitle = NULL;
      GtkWidget *row, *check;

      if (number != NULL)
        /* Translators: an SOP's number, then the lane its first step belongs to */
        subtitle = g_strdup_printf (_("%s · starts with %s"), number, lane ? lane->name : first->lane);
      else
        /* Translators: the lane an SOP's first step belongs to */
        subtitle = g_strdup_printf (_("Starts with %s"), lane ? lane->name : first->lane);
      check = gtk_check_button_new ();
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      if (group != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      else
        group = GTK_CHECK_BUTTON (check);
      g_signal_connect_object (check, "toggled",
                               G_CALLBACK (warta_new_case_dialog_update_actions), self, G_CONNECT_SWAPPED);

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), warta_sop_get_name (sop));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data_full (G_OBJECT (row), "sop", g_object_ref (sop), g_object_unref);
      g_object_set_data (G_OBJECT (row), "check", check);
      adw_preferences_group_add (self->sop_group, row);
      g_ptr_array_add (self->rows, row);
    }

  /* With one SOP there is nothing to choose. */
  if (sops->len == 1)
    gtk_check_button_set_active (group, TRUE);
  if (sops->len == 0)
    adw_preferences_group_set_description (self->sop_group,
                                           _("None of your roles starts an SOP: ask the person whose "
                                             "role does, or an administrator, to start the case."));
  warta_new_case_dialog_update_actions (self);
}

static void
warta_new_case_dialog_dispose (GObject *object)
{
  WartaNewCaseDialog *self = (WartaNewCaseDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), WARTA_TYPE_NEW_CASE_DIALOG);

  G_OBJECT_CLASS (warta_new_case_dialog_parent_class)->dispose (object);
}

static void
warta_new_case_dialog_class_init (WartaNewCaseDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = warta_new_case_dialog_dispose;

  /**
   * WartaNewCaseDialog::case-started:
   * @self: the dialog
   * @case_id: the new case
   *
   * A case was started; the dialog closes after this.
   */
  signals[CASE_STARTED] =
    g_signal_new ("case-started",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "new-case.start", NULL, start_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/id/warta/Warta/warta-new-case-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, WartaNewCaseDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, WartaNewCaseDialog, sop_group);
  gtk_widget_class_bind_template_child (widget_class, WartaNewCaseDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_title_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_title_activated);
}

static void
warta_new_case_dialog_init (WartaNewCaseDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
}

static void
set_busy (WartaNewCaseDialog *self,
          gboolean            busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (GTK_WIDGET (self->sop_group), !busy);
  warta_new_case_dialog_update_actions (self);
}

static void
sops_listed (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sops = warta_session_run_finish (WARTA_SESSION (object), result, &error);
  WartaNewCaseDialog *self = user_data;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (sops == NULL)
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  warta_new_case_dialog_fill (self, sops);
}

WartaNewCaseDialog *
warta_new_case_dialog_new (GtkWindow    *parent,
                           WartaSession *session)
{
  WartaNewCaseDialog *self;
  gint64 *user_id;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (WARTA_IS_SESSION (session), NULL);

  self = g_object_new (WARTA_TYPE_NEW_CASE_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->session = g_object_ref (session);
  user_id = g_new (gint64, 1);
  *user_id = warta_session_get_user_id (session);
  set_busy (self, TRUE);
  /* The dialog's cancellable ends the job's callback with the dialog. */
  warta_session_run_async (session, WARTA_JOB_PRIORITY_URGENT, self, list_sops_job, user_id, g_free,
                           (GDestroyNotify)g_ptr_array_unref, self->cancellable, sops_listed, self);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
  return self;
}

/* Returns: whether the dialog offers that SOP */
gboolean
warta_new_case_dialog_select_sop (WartaNewCaseDialog *self,
                                  const char         *sop_id)
{
  g_return_val_if_fail (WARTA_IS_NEW_CASE_DIALOG (self), FALSE);

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      WartaSop *sop = g_object_get_data (G_OBJECT (row), "sop");

      if (g_strcmp0 (warta_sop_get_id (sop), sop_id) == 0)
        {
          gtk_check_button_set_active (g_object_get_data (G_OBJECT (row), "check"), TRUE);
          return TRUE;
        }
    }

  return FALSE;
}

void
warta_new_case_dialog_set_case_title (WartaNewCaseDialog *self,
                                      const char         *title)
{
  g_return_if_fail (WARTA_IS_NEW_CASE_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), title ? title : "");
}

/* Whether the dialog waits for the worker: listing the SOPs, or starting
 * the case. */
gboolean
warta_new_case_dialog_is_busy (WartaNewCaseDialog *self)
{
  g_return_val_if_fail (WARTA_IS_NEW_CASE_DIALOG (self), FALSE);
  return self->busy;
}

typedef struct
{
  gint64  actor;
  char   *sop_id;
  char   *title;
} Start;

static void
start_free (Start *start)
{
  g_free (start->sop_id);
  g_free (start->title);
  g_free (start);
}

static gpointer
start_job (WartaEngine   *engine,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Start *start = data;
  gint64 id = warta_engine_start_case (engine, start->actor, start->sop_id, start->title, error);

  return id > 0 ? g_memdup2 (&id, sizeof id) : NULL;
}

static void
started (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *case_id = warta_session_run_finish (WARTA_SESSION (object), result, &error);
  WartaNewCaseDialog *self = user_data;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (case_id == NULL)
    {
      if (g_error_matches (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID))
        gtk_widget_add_css_class (GTK_WIDGET (self->title_row), "error");
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  g_signal_emit (self, signals[CASE_STARTED], 0, *case_id);
  gtk_window_close (GTK_WINDOW (self));
}

/**
 * warta_new_case_dialog_start:
 * @self: a #WartaNewCaseDialog
 *
 * Starts the case on the worker; then emits
 * #WartaNewCaseDialog::case-started and closes, or says in the dialog why
 * the case could not start.
 *
 * Returns: whether the start was asked for (an SOP is chosen and nothing
 *   else is under way)
 */
gboolean
warta_new_case_dialog_start (WartaNewCaseDialog *self)
{
  Start *start;
  WartaSop *sop;

  g_return_val_if_fail (WARTA_IS_NEW_CASE_DIALOG (self), FALSE);

  if (self->busy)
    return FALSE;
  if (!(sop = warta_new_case_dialog_get_chosen (self)))
    {
      gtk_label_set_label (self->error_label, _("Choose the SOP the case follows."));
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return FALSE;
    }

  start = g_new0 (Start, 1);
  start->actor = warta_session_get_user_id (self->session);
  start->sop_id = g_strdup (warta_sop_get_id (sop));
  start->title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  set_busy (self, TRUE);
  warta_session_run_async (self->session, WARTA_JOB_PRIORITY_URGENT, self, start_job, start,
                           (GDestroyNotify)start_free, g_free, self->cancellable, started, self);
  return TRUE;
}
