/* warta-hand-over-dialog.c: give a deactivated person's step to someone else
 *
 * The administrator picks one of the active people of the step's lane,
 * read by a job on the session's worker, and says why; the engine
 * journals the hand-over with that reason. What it refuses is said in the
 * dialog, which keeps the choice and the reason.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "warta-hand-over-dialog.h"

struct _WartaHandOverDialog
{
  AdwWindow      parent_instance;

  /* Built in init */
  GtkBox        *content;
  GtkLabel      *error_label;
  GtkListBox    *people_list;
  AdwEntryRow   *reason_row;
  GtkSpinner    *spinner;

  /* Owned */
  WartaSession  *session;
  gint64         case_id;
  char          *lane;
  GPtrArray     *checks;     /* GtkCheckButton, each with its "user-id" and "login" */
  GCancellable  *loading;
  GCancellable  *busy;
  char          *error;
};

G_DEFINE_FINAL_TYPE (WartaHandOverDialog, warta_hand_over_dialog, ADW_TYPE_WINDOW)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  gint64  actor;
  gint64  case_id;
  gint64  to_user;
  char   *lane;
  char   *reason;
} HandOver;

static void
hand_over_free (HandOver *hand_over)
{
  g_free (hand_over->lane);
  g_free (hand_over->reason);
  g_free (hand_over);
}

static void
warta_hand_over_dialog_show_error (WartaHandOverDialog *self,
                                   const char          *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
warta_hand_over_dialog_update_actions (WartaHandOverDialog *self)
{
  gboolean busy = self->busy != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "hand-over.submit", !busy && self->loading == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy || self->loading != NULL);
  gtk_spinner_set_spinning (self->spinner, busy || self->loading != NULL);
}

static gpointer
list_people_job (WartaEngine   *engine,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  return warta_engine_list_lane_people (engine, ((HandOver *)data)->lane, error);
}

static void
people_listed (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(WartaHandOverDialog) self = user_data;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GError) error = NULL;
  GtkCheckButton *group = NULL;

  people = warta_session_run_finish (WARTA_SESSION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->loading);
  warta_hand_over_dialog_update_actions (self);
  if (people == NULL)
    {
      warta_hand_over_dialog_show_error (self, error->message);
      return;
    }
  if (people->len == 0)
    warta_hand_over_dialog_show_error (self, _("No active person holds the role of this step. Give the role "
                                               "to someone on the People page first."));

  for (guint i = 0; i < people->len; i++)
    {
      const WartaUser *user = g_ptr_array_index (people, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      if (group != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      else
        group = GTK_CHECK_BUTTON (check);
      g_object_set_data_full (G_OBJECT (check), "user-id", g_memdup2 (&user->id, sizeof user->id), g_free);
      g_object_set_data_full (G_OBJECT (check), "login", g_strdup (user->login), g_free);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), user->full_name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), user->jabatan ? user->jabatan : user->login);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (self->people_list, row);
      g_ptr_array_add (self->checks, check);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->people_list), people->len > 0);
}

static gpointer
hand_over_job (WartaEngine   *engine,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  HandOver *hand_over = data;

  return warta_engine_hand_over (engine, hand_over->actor, hand_over->case_id, hand_over->to_user,
                                 hand_over->reason, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

typedef struct
{
  WartaHandOverDialog *self;
  GCancellable        *busy;
  char                *message;
} Pending;

static void
pending_free (Pending *pending)
{
  g_object_unref (pending->self);
  g_object_unref (pending->busy);
  g_free (pending->message);
  g_free (pending);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pending, pending_free)

static void
handed_over (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Pending) pending = user_data;
  WartaHandOverDialog *self = pending->self;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = warta_session_run_finish (WARTA_SESSION (object), result, &error) != NULL;
  if (g_cancellable_is_cancelled (pending->busy) || self->busy != pending->busy)
    return;
  g_clear_object (&self->busy);
  warta_hand_over_dialog_update_actions (self);
  if (!ok)
    {
      warta_hand_over_dialog_show_error (self, error->message);
      return;
    }
  g_signal_emit (self, signals[DONE], 0, pending->message);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WartaHandOverDialog *self = WARTA_HAND_OVER_DIALOG (widget);
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reason_row))));
  GtkCheckButton *chosen = NULL;
  HandOver *hand_over;
  Pending *pending;

  if (self->busy != NULL || self->loading != NULL)
    return;
  for (guint i = 0; i < self->checks->len && chosen == NULL; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      chosen = g_ptr_array_index (self->checks, i);
  if (chosen == NULL)
    {
      warta_hand_over_dialog_show_error (self, _("Choose who takes the step."));
      return;
    }
  if (reason[0] == '\0')
    {
      warta_hand_over_dialog_show_error (self, _("Say why the step is handed over: the journal keeps the reason."));
      gtk_widget_grab_focus (GTK_WIDGET (self->reason_row));
      return;
    }

  warta_hand_over_dialog_show_error (self, NULL);
  hand_over = g_new0 (HandOver, 1);
  hand_over->actor = warta_session_get_user_id (self->session);
  hand_over->case_id = self->case_id;
  hand_over->to_user = *(gint64 *)g_object_get_data (G_OBJECT (chosen), "user-id");
  hand_over->reason = g_steal_pointer (&reason);
  self->busy = g_cancellable_new ();
  pending = g_new0 (Pending, 1);
  pending->self = g_object_ref (self);
  pending->busy = g_object_ref (self->busy);
  pending->message = g_strdup (_("Step handed over"));
  warta_session_run_async (self->session, WARTA_JOB_PRIORITY_URGENT, self, hand_over_job, hand_over,
                           (GDestroyNotify)hand_over_free, NULL, NULL, handed_over, pending);
  warta_hand_over_dialog_update_actions (self);
}

static void
on_reason_activated (WartaHandOverDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "hand-over.submit", NULL);
}

static void
warta_hand_over_dialog_dispose (GObject *object)
{
  WartaHandOverDialog *self = (WartaHandOverDialog *)object;

  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_cancellable_cancel (self->busy);
  g_clear_object (&self->busy);
  g_clear_object (&self->session);
  g_clear_pointer (&self->checks, g_ptr_array_unref);

  G_OBJECT_CLASS (warta_hand_over_dialog_parent_class)->dispose (object);
}

static void
warta_hand_over_dialog_finalize (GObject *object)
{
  WartaHandOverDialog *self = (WartaHandOverDialog *)object;

  g_clear_pointer (&self->lane, g_free);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (warta_hand_over_dialog_parent_class)->finalize (object);
}

static void
warta_hand_over_dialog_class_init (WartaHandOverDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = warta_hand_over_dialog_dispose;
  object_class->finalize = warta_hand_over_dialog_finalize;

  /**
   * WartaHandOverDialog::done:
   * @message: what was done, for a toast
   */
  signals[DONE] =
    g_signal_new ("done",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "hand-over.submit", NULL, submit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static GtkWidget *
boxed_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

static void
warta_hand_over_dialog_init (WartaHandOverDialog *self)
{
  GtkWidget *box, *header, *cancel, *submit, *submit_box, *clamp, *content, *reason_list;

  self->checks = g_ptr_array_new ();
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 480, 520);
  gtk_window_set_title (GTK_WINDOW (self), _("Hand Over the Step"));

  header = adw_header_bar_new ();
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  submit_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_box_append (GTK_BOX (submit_box), GTK_WIDGET (self->spinner));
  gtk_box_append (GTK_BOX (submit_box), gtk_label_new_with_mnemonic (_("_Hand Over")));
  submit = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (submit), submit_box);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (submit), "hand-over.submit");
  gtk_widget_add_css_class (submit, "suggested-action");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), submit);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->error_label));
  self->people_list = GTK_LIST_BOX (boxed_list ());
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->people_list));
  reason_list = boxed_list ();
  self->reason_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reason_row), _("Reason"));
  g_signal_connect_swapped (self->reason_row, "entry-activated", G_CALLBACK (on_reason_activated), self);
  gtk_list_box_append (GTK_LIST_BOX (reason_list), GTK_WIDGET (self->reason_row));
  gtk_box_append (GTK_BOX (content), reason_list);

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 440);
  gtk_widget_set_margin_top (clamp, 18);
  gtk_widget_set_margin_bottom (clamp, 24);
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), gtk_scrolled_window_new ());
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (gtk_widget_get_last_child (box)),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (gtk_widget_get_last_child (box), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (gtk_widget_get_last_child (box)), clamp);
  adw_window_set_content (ADW_WINDOW (self), box);
  self->content = GTK_BOX (content);
}

WartaHandOverDialog *
warta_hand_over_dialog_new (GtkWindow    *parent,
                            WartaSession *session,
                            gint64        case_id,
                            const char   *title,
                            const char   *lane)
{
  WartaHandOverDialog *self;
  HandOver *data;
  GtkWidget *intro;
  g_autofree char *text = NULL;

  g_return_val_if_fail (WARTA_IS_SESSION (session), NULL);

  self = g_object_new (WARTA_TYPE_HAND_OVER_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  self->case_id = case_id;
  self->lane = g_strdup (lane);

  /* Translators: %s is a berkas's title */
  text = g_strdup_printf (_("Who takes the active step of “%s” now? Only active people of its lane can."), title);
  intro = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_box_prepend (self->content, intro);

  data = g_new0 (HandOver, 1);
  data->lane = g_strdup (lane);
  self->loading = g_cancellable_new ();
  warta_session_run_async (session, WARTA_JOB_PRIORITY_HIGH, self, list_people_job, data,
                           (GDestroyNotify)hand_over_free, (GDestroyNotify)g_ptr_array_unref,
                           self->loading, people_listed, g_object_ref (self));
  warta_hand_over_dialog_update_actions (self);
  return self;
}

gboolean
warta_hand_over_dialog_get_busy (WartaHandOverDialog *self)
{
  g_return_val_if_fail (WARTA_IS_HAND_OVER_DIALOG (self), FALSE);
  return self->busy != NULL || self->loading != NULL;
}

const char *
warta_hand_over_dialog_get_error (WartaHandOverDialog *self)
{
  g_return_val_if_fail (WARTA_IS_HAND_OVER_DIALOG (self), NULL);
  return self->error;
}

/* Returns: whether the list has that person, now chosen */
gboolean
warta_hand_over_dialog_choose (WartaHandOverDialog *self,
                               const char          *login)
{
  g_return_val_if_fail (WARTA_IS_HAND_OVER_DIALOG (self), FALSE);

  for (guint i = 0; i < self->checks->len; i++)
    if (g_strcmp0 (g_object_get_data (g_ptr_array_index (self->checks, i), "login"), login) == 0)
      {
        gtk_check_button_set_active (g_ptr_array_index (self->checks, i), TRUE);
        return TRUE;
      }
  return FALSE;
}
