/* warta-person-dialog.c: add a person to the office, or edit one
 *
 * One form for both: a new person's login, name, NIP, jabatan,
 * pangkat/golongan, roles and first password; someone already in the
 * office the same, without the password, and with what an administrator
 * does to an account: reset its password, deactivate or reactivate it.
 * The NIP is checked as it is typed. Every write is a job on the
 * session's database worker; what the engine refuses is said in the
 * dialog, which keeps what was typed. What is done is told by
 * #WartaPersonDialog::done, for the page to show as a toast.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "warta-person-dialog.h"

#define MIN_PASSWORD_LENGTH 8

struct _WartaPersonDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  GtkWidget           *save_button;
  GtkSpinner          *spinner;
  GtkLabel            *save_label;
  AdwToastOverlay     *toast_overlay;
  GtkScrolledWindow   *scroller;
  GtkLabel            *error_label;
  AdwEntryRow         *login_row;
  AdwEntryRow         *full_name_row;
  AdwEntryRow         *nip_row;
  GtkLabel            *nip_error_label;
  AdwEntryRow         *jabatan_row;
  AdwEntryRow         *pangkat_row;
  GtkListBox          *roles_list;
  GtkSwitch           *admin_switch;
  GtkWidget           *password_box;
  GtkLabel            *password_heading;
  AdwPasswordEntryRow *password_row;
  AdwPasswordEntryRow *confirm_row;
  GtkLabel            *password_error_label;
  GtkWidget           *set_password_button;
  GtkWidget           *manage_list;
  GtkWidget           *reset_button;
  AdwActionRow        *active_row;
  GtkButton           *active_button;

  /* Owned */
  WartaSession        *session;
  WartaUser           *user;       /* the one edited; NULL: a new person */
  GPtrArray           *role_checks; /* GtkCheckButton, each with its "role-id" */
  GCancellable        *busy;       /* a write under way */
  char                *error;
  char                *nip_error;
};

G_DEFINE_FINAL_TYPE (WartaPersonDialog, warta_person_dialog, ADW_TYPE_WINDOW)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static WartaUser *
user_copy (const WartaUser *user)
{
  WartaUser *copy = g_new0 (WartaUser, 1);

  copy->id = user->id;
  copy->login = g_strdup (user->login);
  copy->full_name = g_strdup (user->full_name);
  copy->nip = g_strdup (user->nip);
  copy->jabatan = g_strdup (user->jabatan);
  copy->pangkat = g_strdup (user->pangkat);
  copy->is_admin = user->is_admin;
  copy->roles = g_strdupv (user->roles);
  copy->inactive = user->inactive;
  copy->must_change_password = user->must_change_password;
  return copy;
}

static char *
dup_stripped (gpointer editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
}

/* NULL for an empty field: the optional ones are stored as nothing. */
static char *
dup_optional (gpointer editable)
{
  char *text = dup_stripped (editable);

  if (text[0] == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static void
wipe_password (char *password)
{
  if (password != NULL)
    memset (password, 0, strlen (password));
  g_free (password);
}

static void
warta_person_dialog_show_error (WartaPersonDialog *self,
                                const char        *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->password_error_label), FALSE);
  /* The message is at the top of the form: bring it in view. */
  if (message != NULL)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

/* What is wrong with the password, said under it, where the person is. */
static void
warta_person_dialog_show_password_error (WartaPersonDialog *self,
                                         const char        *message)
{
  warta_person_dialog_show_error (self, NULL);
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_label (self->password_error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->password_error_label), message != NULL);
}

static void
warta_person_dialog_update_actions (WartaPersonDialog *self)
{
  gboolean busy = self->busy != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "person.save", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "person.set-password", !busy && self->user != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "person.reset-password", !busy && self->user != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "person.toggle-active", !busy && self->user != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

static gboolean
warta_person_dialog_check_nip (WartaPersonDialog *self)
{
  g_autofree char *nip = dup_stripped (self->nip_row);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->nip_error, g_free);
  if (nip[0] != '\0' && !warta_nip_check (nip, &error))
    self->nip_error = g_strdup (error->message);

  gtk_label_set_label (self->nip_error_label, self->nip_error);
  gtk_widget_set_visible (GTK_WIDGET (self->nip_error_label), self->nip_error != NULL);
  if (self->nip_error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->nip_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->nip_row), "error");
  return self->nip_error == NULL;
}

static void
on_nip_changed (WartaPersonDialog *self)
{
  warta_person_dialog_check_nip (self);
}

static void
on_form_changed (WartaPersonDialog *self,
                 GtkWidget         *row)
{
  gtk_widget_remove_css_class (row, "error");
}

static void
on_confirm_activated (WartaPersonDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), self->user ? "person.set-password" : "person.save", NULL);
}

/* The password twice, the same and long enough; NULL with the reason
 * shown when not. */
static char *
warta_person_dialog_take_password (WartaPersonDialog *self)
{
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  const char *confirm = gtk_editable_get_text (GTK_EDITABLE (self->confirm_row));

  if (g_utf8_strlen (password, -1) < MIN_PASSWORD_LENGTH)
    {
      warta_person_dialog_show_password_error (self, _("The password needs at least 8 characters."));
      gtk_widget_add_css_class (GTK_WIDGET (self->password_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return NULL;
    }
  if (g_strcmp0 (password, confirm) != 0)
    {
      warta_person_dialog_show_password_error (self, _("The two passwords differ. Type the same password twice."));
      gtk_widget_add_css_class (GTK_WIDGET (self->confirm_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->confirm_row));
      return NULL;
    }
  return g_strdup (password);
}

/* What a job needs, copied from the form: the worker frees it. */
typedef struct
{
  gint64     actor;
  WartaUser *user;
  char      *password;
  gboolean   active;
} Write;

static void
write_free (Write *write)
{
  g_clear_pointer (&write->user, warta_user_free);
  wipe_password (write->password);
  g_free (write);
}

/* What the dialog needs of a job once it is done. */
typedef struct
{
  WartaPersonDialog *self;
  GCancellable      *busy;
  char              *message;   /* the toast, on success */
  gboolean           close;     /* the dialog's work is done */
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

static gpointer
save_job (WartaEngine   *engine,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Write *write = data;

  gboolean ok;

  if (write->user->id == 0)
    ok = warta_engine_add_user (engine, write->actor, write->user, write->password, error) > 0;
  else
    ok = warta_engine_edit_user (engine, write->actor, write->user, error);
  return ok ? GINT_TO_POINTER (TRUE) : NULL;
}

static gpointer
set_password_job (WartaEngine   *engine,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  Write *write = data;

  return warta_engine_set_password (engine, write->actor, write->user->id, write->password, error)
         ? GINT_TO_POINTER (TRUE) : NULL;
}

static gpointer
set_active_job (WartaEngine   *engine,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  Write *write = data;

  return warta_engine_set_user_active (engine, write->actor, write->user->id, write->active, error)
         ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
write_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Pending) pending = user_data;
  WartaPersonDialog *self = pending->self;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = warta_session_run_finish (WARTA_SESSION (object), result, &error) != NULL;
  /* Closed meanwhile: the work was done all the same. */
  if (g_cancellable_is_cancelled (pending->busy) || self->busy != pending->busy)
    return;
  g_clear_object (&self->busy);
  warta_person_dialog_update_actions (self);

  if (!ok)
    {
      if (pending->close)
        warta_person_dialog_show_error (self, error->message);
      else
        warta_person_dialog_show_password_error (self, error->message);
      return;
    }

  if (pending->close)
    {
      g_signal_emit (self, signals[DONE], 0, pending->message);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  /* A password reset: the form stays for more. */
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
  gtk_widget_set_visible (self->password_box, FALSE);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (pending->message));
  g_signal_emit (self, signals[DONE], 0, NULL);
}

static void
warta_person_dialog_run (WartaPersonDialog *self,
                         WartaJobFunc       func,
                         Write             *write,
                         char              *message,
                         gboolean           close)
{
  Pending *pending = g_new0 (Pending, 1);

  warta_person_dialog_show_error (self, NULL);
  write->actor = warta_session_get_user_id (self->session);
  self->busy = g_cancellable_new ();
  pending->self = g_object_ref (self);
  pending->busy = g_object_ref (self->busy);
  pending->message = message;
  pending->close = close;
  /* What a person just asked for: not cancelled with the dialog. */
  warta_session_run_async (self->session, WARTA_JOB_PRIORITY_URGENT, self,
                           func, write, (GDestroyNotify)write_free, NULL,
                           NULL, write_done, pending);
  warta_person_dialog_update_actions (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WartaPersonDialog *self = WARTA_PERSON_DIALOG (widget);
  g_autoptr(GStrvBuilder) roles = g_strv_builder_new ();
  g_autoptr(WartaUser) user = g_new0 (WartaUser, 1);
  g_autofree char *password = NULL;
  Write *write;

  if (self->busy != NULL || self->session == NULL)
    return;

  user->id = self->user ? self->user->id : 0;
  user->login = dup_stripped (self->login_row);
  user->full_name = dup_stripped (self->full_name_row);
  user->nip = dup_optional (self->nip_row);
  user->jabatan = dup_optional (self->jabatan_row);
  user->pangkat = dup_optional (self->pangkat_row);
  user->is_admin = gtk_switch_get_active (self->admin_switch);
  for (guint i = 0; i < self->role_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->role_checks, i);

      if (gtk_check_button_get_active (check))
        g_strv_builder_add (roles, g_object_get_data (G_OBJECT (check), "role-id"));
    }
  user->roles = g_strv_builder_end (roles);

  if (user->login[0] == '\0')
    {
      warta_person_dialog_show_error (self, _("Give the person a login: the name they choose when they sign in."));
      gtk_widget_add_css_class (GTK_WIDGET (self->login_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->login_row));
      return;
    }
  if (user->full_name[0] == '\0')
    {
      warta_person_dialog_show_error (self, _("Give the person’s full name, as the papers print it."));
      gtk_widget_add_css_class (GTK_WIDGET (self->full_name_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->full_name_row));
      return;
    }
  if (!warta_person_dialog_check_nip (self))
    {
      warta_person_dialog_show_error (self, _("The NIP is not right: correct it, or leave it empty."));
      gtk_widget_grab_focus (GTK_WIDGET (self->nip_row));
      return;
    }
  if (self->user == NULL && !(password = warta_person_dialog_take_password (self)))
    return;

  write = g_new0 (Write, 1);
  write->user = g_steal_pointer (&user);
  write->password = g_steal_pointer (&password);
  warta_person_dialog_run (self, save_job, write,
                           /* Translators: a toast; %s is a person's full name */
                           g_strdup_printf (self->user ? _("%s saved") : _("%s added"), write->user->full_name),
                           TRUE);
}

static void
reset_password_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  WartaPersonDialog *self = WARTA_PERSON_DIALOG (widget);

  gtk_widget_set_visible (self->password_box, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
set_password_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  WartaPersonDialog *self = WARTA_PERSON_DIALOG (widget);
  char *password;
  Write *write;

  if (self->busy != NULL || self->user == NULL)
    return;
  if (!(password = warta_person_dialog_take_password (self)))
    return;

  write = g_new0 (Write, 1);
  write->user = user_copy (self->user);
  write->password = password;
  warta_person_dialog_run (self, set_password_job, write,
                           /* Translators: a toast, in the dialog of the person */
                           g_strdup (_("New password set")),
                           FALSE);
}

static void
on_active_confirmed (AdwMessageDialog  *dialog,
                     const char        *response,
                     WartaPersonDialog *self)
{
  gboolean active = self->user->inactive;
  Write *write;

  if (g_strcmp0 (response, "confirm") != 0 || self->busy != NULL)
    return;

  write = g_new0 (Write, 1);
  write->user = user_copy (self->user);
  write->active = active;
  warta_person_dialog_run (self, set_active_job, write,
                           g_strdup_printf (active
                                            /* Translators: a toast; %s is a person's full name */
                                            ? _("%s can sign in again")
                                            /* Translators: a toast; %s is a person's full name */
                                            : _("%s is deactivated"),
                                            self->user->full_name),
                           TRUE);
}

static void
toggle_active_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  WartaPersonDialog *self = WARTA_PERSON_DIALOG (widget);
  GtkWidget *dialog;
  g_autofree char *heading = NULL;

  if (self->busy != NULL || self->user == NULL)
    return;

  if (self->user->inactive)
    {
      /* Translators: a dialog's heading; %s is a person's full name */
      heading = g_strdup_printf (_("Reactivate %s?"), self->user->full_name);
      dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                       _("They can sign in again with their password, and take the steps "
                                         "of their roles."));
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "confirm", _("_Reactivate"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "confirm",
                                                  ADW_RESPONSE_SUGGESTED);
    }
  else
    {
      /* Translators: a dialog's heading; %s is a person's full name */
      heading = g_strdup_printf (_("Deactivate %s?"), self->user->full_name);
      dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                       _("They can no longer sign in, nor be sent a disposition. Their "
                                         "history stays in the journal and the papers; the steps they "
                                         "hold can be handed over to someone else."));
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "confirm", _("_Deactivate"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "confirm",
                                                  ADW_RESPONSE_DESTRUCTIVE);
    }
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_active_confirmed), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
warta_person_dialog_dispose (GObject *object)
{
  WartaPersonDialog *self = (WartaPersonDialog *)object;

  g_cancellable_cancel (self->busy);
  g_clear_object (&self->busy);
  g_clear_object (&self->session);
  g_clear_pointer (&self->role_checks, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), WARTA_TYPE_PERSON_DIALOG);

  G_OBJECT_CLASS (warta_person_dialog_parent_class)->dispose (object);
}

static void
warta_person_dialog_finalize (GObject *object)
{
  WartaPersonDialog *self = (WartaPersonDialog *)object;

  g_clear_pointer (&self->user, warta_user_free);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->nip_error, g_free);

  G_OBJECT_CLASS (warta_person_dialog_parent_class)->finalize (object);
}

static void
warta_person_dialog_class_init (WartaPersonDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = warta_person_dialog_dispose;
  object_class->finalize = warta_person_dialog_finalize;

  /**
   * WartaPersonDialog::done:
   * @message: (nullable): what was done, for a toast; %NULL when the
   *   dialog said it itself
   *
   * A write went through. The dialog closes after it, but after a
   * password reset.
   */
  signals[DONE] =
    g_signal_new ("done",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "person.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "person.reset-password", NULL, reset_password_action);
  gtk_widget_class_install_action (widget_class, "person.set-password", NULL, set_password_action);
  gtk_widget_class_install_action (widget_class, "person.toggle-active", NULL, toggle_active_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "person.save", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/id/warta/Warta/warta-person-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, WartaPersonDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, WartaPersonDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, WartaPersonDialog, save_label);
  gtk_widget_class_bind_template_child (widget_class, WartaPersonDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, WartaPersonDialog, scroller);
  gtk_widget_class_bind_template_child (widget_class, WartaPersonDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, WartaPersonDialog, login_row);
  gtk_widget_class_bind_template_child (widget_class, WartaPersonDialog, full_name_row);
  gtk_widget_class_bind_template_child (widget_class, WartaPersonDialog, nip_row);
  gtk_widget_class_bind_template_child (widget_class, WartaPersonDialog, nip_error_label);
  gtk_widget_class_bind_template_child (widget_class, WartaPersonDialog, jabatan_row);
  gtk_widget_class_bind_template_child (widget_class, WartaPersonDialog, pangkat_row);
  gtk_widget_class_bind_template_child (widget_class, WartaPersonDialog, roles_list);
  gtk_widget_class_bind_template_child (widget_class, WartaPersonDialog, admin_switch);
  gtk_widget_class_bind_template_child (widget_class, WartaPersonDialog, password_box);
  gtk_widget_class_bind_template_child (widget_class, WartaPersonDialog, password_heading);
  gtk_widget_class_bind_template_child (widget_class, WartaPersonDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, WartaPersonDialog, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, WartaPersonDialog, password_error_label);
  gtk_widget_class_bind_template_child (widget_class, WartaPersonDialog, set_password_button);
  gtk_widget_class_bind_template_child (widget_class, WartaPersonDialog, manage_list);
  gtk_widget_class_bind_template_child (widget_class, WartaPersonDialog, reset_button);
  gtk_widget_class_bind_template_child (widget_class, WartaPersonDialog, active_row);
  gtk_widget_class_bind_template_child (widget_class, WartaPersonDialog, active_button);
  gtk_widget_class_bind_template_callback (widget_class, on_nip_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_confirm_activated);
}

static void
warta_person_dialog_init (WartaPersonDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->role_checks = g_ptr_array_new ();
}

static void
warta_person_dialog_fill (WartaPersonDialog *self,
                          GPtrArray         *roles)
{
  const WartaUser *user = self->user;

  for (guint i = 0; roles != NULL && i < roles->len; i++)
    {
      const WartaRole *role = g_ptr_array_index (roles, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), user != NULL && warta_user_has_role (user, role->id));
      g_object_set_data_full (G_OBJECT (check), "role-id", g_strdup (role->id), g_free);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), role->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), role->id);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (self->roles_list, row);
      g_ptr_array_add (self->role_checks, check);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->roles_list), self->role_checks->len > 0);

  if (user == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Add Person"));
      gtk_label_set_label (self->save_label, _("_Add"));
      gtk_widget_set_visible (self->set_password_button, FALSE);
      gtk_widget_set_visible (self->manage_list, FALSE);
      return;
    }

  gtk_window_set_title (GTK_WINDOW (self), user->full_name);
  gtk_label_set_label (self->save_label, _("_Save"));
  gtk_editable_set_text (GTK_EDITABLE (self->login_row), user->login);
  gtk_editable_set_text (GTK_EDITABLE (self->full_name_row), user->full_name);
  gtk_editable_set_text (GTK_EDITABLE (self->nip_row), user->nip ? user->nip : "");
  gtk_editable_set_text (GTK_EDITABLE (self->jabatan_row), user->jabatan ? user->jabatan : "");
  gtk_editable_set_text (GTK_EDITABLE (self->pangkat_row), user->pangkat ? user->pangkat : "");
  gtk_switch_set_active (self->admin_switch, user->is_admin);
  gtk_label_set_label (self->password_heading, _("New Password"));
  gtk_widget_set_visible (self->password_box, FALSE);
  if (user->inactive)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->active_row), _("Deactivated"));
      adw_action_row_set_subtitle (self->active_row, _("Cannot sign in, nor be sent a disposition"));
      gtk_button_set_label (self->active_button, _("Rea_ctivate…"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->active_button), "destructive-action");
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->active_row), _("Active"));
      adw_action_row_set_subtitle (self->active_row, _("Deactivating keeps the person’s history"));
      gtk_button_set_label (self->active_button, _("_Deactivate…"));
      gtk_widget_add_css_class (GTK_WIDGET (self->active_button), "destructive-action");
    }
}

/**
 * warta_person_dialog_new:
 * @parent: the window it is modal to
 * @roles: (element-type WartaRole): the office's roles, offered as check
 *   buttons
 * @user: (nullable): the person to edit; %NULL: a new person
 */
WartaPersonDialog *
warta_person_dialog_new (GtkWindow       *parent,
                         WartaSession    *session,
                         GPtrArray       *roles,
                         const WartaUser *user)
{
  WartaPersonDialog *self;

  g_return_val_if_fail (WARTA_IS_SESSION (session), NULL);

  self = g_object_new (WARTA_TYPE_PERSON_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  self->user = user ? user_copy (user) : NULL;
  warta_person_dialog_fill (self, roles);
  warta_person_dialog_update_actions (self);
  /* The keyboard starts in the form, not on Cancel. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (user ? self->full_name_row : self->login_row));
  return self;
}

gboolean
warta_person_dialog_get_busy (WartaPersonDialog *self)
{
  g_return_val_if_fail (WARTA_IS_PERSON_DIALOG (self), FALSE);
  return self->busy != NULL;
}

/* Returns: (nullable): what the dialog says went wrong */
const char *
warta_person_dialog_get_error (WartaPersonDialog *self)
{
  g_return_val_if_fail (WARTA_IS_PERSON_DIALOG (self), NULL);
  return self->error;
}

/* Returns: (nullable): what is wrong with the NIP typed */
const char *
warta_person_dialog_get_nip_error (WartaPersonDialog *self)
{
  g_return_val_if_fail (WARTA_IS_PERSON_DIALOG (self), NULL);
  return self->nip_error;
}
