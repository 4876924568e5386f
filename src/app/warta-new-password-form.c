/* warta-new-password-form.c: choose one's own password at sign-in
 *
 * A person whose password an administrator set (a new account, or a
 * reset) is not signed in with it: the engine answers
 * WARTA_ENGINE_ERROR_MUST_CHANGE_PASSWORD, and the sign-in page shows
 * this form in place. The new password, typed twice, replaces the old
 * one by warta_engine_change_password() on the session's worker (it
 * hashes with argon2id); #WartaNewPasswordForm::changed then gives the
 * new password to the sign-in page, which signs in with it as usual.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "warta-new-password-form.h"

#define MIN_PASSWORD_LENGTH 8

struct _WartaNewPasswordForm
{
  GtkWidget            parent_instance;

  /* Template widgets */
  AdwPasswordEntryRow *new_row;
  AdwPasswordEntryRow *confirm_row;
  GtkLabel            *error_label;
  GtkSpinner          *spinner;

  /* Owned */
  WartaSession        *session;
  char                *login;
  char                *old_password;
  GCancellable        *busy;
  char                *error;
};

G_DEFINE_FINAL_TYPE (WartaNewPasswordForm, warta_new_password_form, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
wipe (char **secret)
{
  if (*secret != NULL)
    memset (*secret, 0, strlen (*secret));
  g_clear_pointer (secret, g_free);
}

static void
warta_new_password_form_show_error (WartaNewPasswordForm *self,
                                    const char           *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
warta_new_password_form_update_actions (WartaNewPasswordForm *self)
{
  gboolean busy = self->busy != NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  /* A focused entry made insensitive never hears it lost the focus. */
  if (busy && focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    gtk_root_set_focus (root, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "new-password.submit", !busy && self->session != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "new-password.back", !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->new_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_row), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

typedef struct
{
  char *login;
  char *old_password;
  char *new_password;
} Change;

static void
change_free (Change *change)
{
  g_free (change->login);
  wipe (&change->old_password);
  wipe (&change->new_password);
  g_free (change);
}

static gpointer
change_job (WartaEngine   *engine,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Change *change = data;
  gint64 id;

  if (!(id = warta_engine_change_password (engine, change->login, change->old_password,
                                           change->new_password, error)))
    return NULL;
  return g_memdup2 (&id, sizeof id);
}

static void
changed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(WartaNewPasswordForm) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *id = NULL;
  g_autofree char *password = NULL;

  id = warta_session_run_finish (WARTA_SESSION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->busy);
  warta_new_password_form_update_actions (self);
  if (id == NULL)
    {
      warta_new_password_form_show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->new_row));
      return;
    }

  password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_row)));
  gtk_editable_set_text (GTK_EDITABLE (self->new_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
  g_signal_emit (self, signals[CHANGED], 0, password);
  wipe (&password);
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WartaNewPasswordForm *self = WARTA_NEW_PASSWORD_FORM (widget);
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->new_row));
  const char *confirm = gtk_editable_get_text (GTK_EDITABLE (self->confirm_row));
  Change *change;

  if (self->busy != NULL || self->session == NULL)
    return;

  if (g_utf8_strlen (password, -1) < MIN_PASSWORD_LENGTH)
    {
      warta_new_password_form_show_error (self, _("The new password needs at least 8 characters."));
      gtk_widget_grab_focus (GTK_WIDGET (self->new_row));
      return;
    }
  if (g_strcmp0 (password, confirm) != 0)
    {
      warta_new_password_form_show_error (self, _("The two passwords differ. Type the same new password twice."));
      gtk_widget_grab_focus (GTK_WIDGET (self->confirm_row));
      return;
    }
  if (g_strcmp0 (password, self->old_password) == 0)
    {
      warta_new_password_form_show_error (self, _("Choose a password other than the one the administrator "
                                                  "gave you."));
      gtk_widget_grab_focus (GTK_WIDGET (self->new_row));
      return;
    }

  warta_new_password_form_show_error (self, NULL);
  change = g_new0 (Change, 1);
  change->login = g_strdup (self->login);
  change->old_password = g_strdup (self->old_password);
  change->new_password = g_strdup (password);
  self->busy = g_cancellable_new ();
  warta_session_run_async (self->session, WARTA_JOB_PRIORITY_URGENT, self, change_job, change,
                           (GDestroyNotify)change_free, g_free, self->busy, changed_cb, g_object_ref (self));
  warta_new_password_form_update_actions (self);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WartaNewPasswordForm *self = WARTA_NEW_PASSWORD_FORM (widget);

  warta_new_password_form_stop (self);
  g_signal_emit (self, signals[BACK], 0);
}

static void
on_changed (WartaNewPasswordForm *self)
{
  if (self->error != NULL)
    warta_new_password_form_show_error (self, NULL);
}

static void
on_new_activated (WartaNewPasswordForm *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->confirm_row));
}

static void
on_confirm_activated (WartaNewPasswordForm *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "new-password.submit", NULL);
}

static gboolean
warta_new_password_form_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (WARTA_NEW_PASSWORD_FORM (widget)->new_row));
}

static void
warta_new_password_form_dispose (GObject *object)
{
  WartaNewPasswordForm *self = (WartaNewPasswordForm *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->busy);
  g_clear_object (&self->busy);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), WARTA_TYPE_NEW_PASSWORD_FORM);
  /* The template's root is not bound: let it go too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (warta_new_password_form_parent_class)->dispose (object);
}

static void
warta_new_password_form_finalize (GObject *object)
{
  WartaNewPasswordForm *self = (WartaNewPasswordForm *)object;

  g_clear_pointer (&self->login, g_free);
  wipe (&self->old_password);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (warta_new_password_form_parent_class)->finalize (object);
}

static void
warta_new_password_form_class_init (WartaNewPasswordFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = warta_new_password_form_dispose;
  object_class->finalize = warta_new_password_form_finalize;

  widget_class->grab_focus = warta_new_password_form_grab_focus;

  /**
   * WartaNewPasswordForm::changed:
   * @password: the new password, to sign in with
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * WartaNewPasswordForm::back:
   *
   * The person went back to the list without changing the password.
   */
  signals[BACK] =
    g_signal_new ("back",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "new-password.submit", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "new-password.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "new-password.back", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/id/warta/Warta/warta-new-password-form.ui");
  gtk_widget_class_bind_template_child (widget_class, WartaNewPasswordForm, new_row);
  gtk_widget_class_bind_template_child (widget_class, WartaNewPasswordForm, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, WartaNewPasswordForm, error_label);
  gtk_widget_class_bind_template_child (widget_class, WartaNewPasswordForm, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_new_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_confirm_activated);
}

static void
warta_new_password_form_init (WartaNewPasswordForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  warta_new_password_form_update_actions (self);
}

/* Asks for a new password for @login, who signed in with @old_password
 * that an administrator set. */
void
warta_new_password_form_start (WartaNewPasswordForm *self,
                               WartaSession         *session,
                               const char           *login,
                               const char           *old_password)
{
  g_return_if_fail (WARTA_IS_NEW_PASSWORD_FORM (self));
  g_return_if_fail (WARTA_IS_SESSION (session));

  warta_new_password_form_stop (self);
  g_set_object (&self->session, session);
  self->login = g_strdup (login);
  self->old_password = g_strdup (old_password);
  warta_new_password_form_update_actions (self);
}

/* Forgets the person, the passwords and any error. */
void
warta_new_password_form_stop (WartaNewPasswordForm *self)
{
  g_return_if_fail (WARTA_IS_NEW_PASSWORD_FORM (self));

  g_cancellable_cancel (self->busy);
  g_clear_object (&self->busy);
  g_clear_pointer (&self->login, g_free);
  wipe (&self->old_password);
  gtk_editable_set_text (GTK_EDITABLE (self->new_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
  warta_new_password_form_show_error (self, NULL);
  warta_new_password_form_update_actions (self);
}

gboolean
warta_new_password_form_get_busy (WartaNewPasswordForm *self)
{
  g_return_val_if_fail (WARTA_IS_NEW_PASSWORD_FORM (self), FALSE);
  return self->busy != NULL;
}

/* Returns: (nullable): what the form says went wrong */
const char *
warta_new_password_form_get_error (WartaNewPasswordForm *self)
{
  g_return_val_if_fail (WARTA_IS_NEW_PASSWORD_FORM (self), NULL);
  return self->error;
}
