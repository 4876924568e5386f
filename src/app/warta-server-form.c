/* warta-server-form.c: connect to the office server and sign in there
 *
 * Two faces of one form. With no server set it asks for everything: host,
 * port, database, the certificate authority of the server's certificate,
 * the login and the password; the welcome page shows it for "Connect to
 * an Office Server". With a server set (remembered, or given with --db) it
 * asks only for the login, remembered, and the password, from the keyring
 * when the person let Warta keep it; the window shows it before anyone is
 * signed in.
 *
 * Connecting is a thread's work (warta_session_open_server_async()), with
 * a spinner and a button that gives up waiting; the server checks the
 * password as the connection signs in, the session's worker then whether
 * the person may work. What went wrong is the core's message, under the
 * form. A password an administrator set leads to the new-password form,
 * on the session already connected. Once signed in the form remembers
 * where and who in GSettings, the password (if asked) in the keyring, and
 * hands the session over with "connected".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "warta-new-password-form.h"
#include "warta-office-server.h"
#include "warta-server-form.h"

struct _WartaServerForm
{
  GtkWidget             parent_instance;

  /* Template widgets */
  GtkWidget            *page;
  GtkLabel             *title_label;
  GtkLabel             *subtitle_label;
  GtkStack             *form_stack;
  GtkWidget            *server_group;
  AdwEntryRow          *host_row;
  AdwEntryRow          *port_row;
  AdwEntryRow          *database_row;
  AdwActionRow         *ca_row;
  GtkWidget            *ca_clear_button;
  AdwEntryRow          *login_row;
  AdwPasswordEntryRow  *password_row;
  GtkSwitch            *remember_switch;
  GtkLabel             *error_label;
  GtkSpinner           *spinner;
  GtkWidget            *back_button;
  GtkWidget            *cancel_button;
  GtkWidget            *connect_button;
  WartaNewPasswordForm *new_password_form;

  /* Owned */
  GSettings            *settings;
  char                 *server;      /* the conninfo of sign-in; NULL: the full form */
  char                 *ca_file;
  char                 *conninfo;    /* of the connection under way or made */
  char                 *error;
  WartaSession         *session;     /* connected, nobody signed in yet */
  GCancellable         *cancellable; /* a connection or sign-in under way */
  GCancellable         *lookup;      /* the keyring's password */
  GtkNativeDialog      *chooser;
};

G_DEFINE_FINAL_TYPE (WartaServerForm, warta_server_form, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

enum {
  CONNECTED,
  BACK,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
dup_stripped (gpointer editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
}

static void
show_error (WartaServerForm *self,
            const char      *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static int
parse_port (WartaServerForm *self)
{
  g_autofree char *text = dup_stripped (self->port_row);
  char *end = NULL;
  gint64 port;

  if (text[0] == '\0')
    return 5432;
  port = g_ascii_strtoll (text, &end, 10);
  if (*end != '\0' || port < 1 || port > 65535)
    return 0;
  return (int)port;
}

static void
update_actions (WartaServerForm *self)
{
  gboolean busy = self->cancellable != NULL;
  g_autofree char *host = dup_stripped (self->host_row);
  g_autofree char *database = dup_stripped (self->database_row);
  g_autofree char *login = dup_stripped (self->login_row);
  gboolean complete = login[0] != '\0' &&
                      (self->server != NULL || (host[0] != '\0' && database[0] != '\0' && parse_port (self) != 0));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "server.connect", !busy && complete);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "server.cancel", busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "server.back", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "server.choose-ca", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "server.clear-ca", !busy && self->ca_file != NULL);
  gtk_widget_set_visible (self->cancel_button, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (self->server_group, !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->login_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->password_row), !busy);
}

static void
set_busy (WartaServerForm *self,
          gboolean         busy)
{
  if (busy && self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();
  else if (!busy)
    g_clear_object (&self->cancellable);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
on_form_changed (WartaServerForm *self)
{
  update_actions (self);
  if (self->error != NULL && self->cancellable == NULL)
    show_error (self, NULL);
}

static void
set_ca_file (WartaServerForm *self,
             const char      *path)
{
  g_free (self->ca_file);
  self->ca_file = path && path[0] ? g_strdup (path) : NULL;
  if (self->ca_file != NULL)
    {
      g_autofree char *display = g_filename_display_name (self->ca_file);

      adw_action_row_set_subtitle (self->ca_row, display);
    }
  else
    adw_action_row_set_subtitle (self->ca_row, _("None: only for a server on this computer"));
  gtk_widget_set_visible (self->ca_clear_button, self->ca_file != NULL);
  update_actions (self);
}

/* The person and the server, as the form says them now. */
static WartaOfficeServer *
form_server (WartaServerForm *self)
{
  WartaOfficeServer *server = warta_office_server_new ();

  server->host = dup_stripped (self->host_row);
  server->port = parse_port (self);
  server->database = dup_stripped (self->database_row);
  server->login = dup_stripped (self->login_row);
  server->ca_file = g_strdup (self->ca_file);
  server->remember_password = gtk_switch_get_active (self->remember_switch);
  return server;
}

static void
remember (WartaServerForm *self,
          const char      *password)
{
  g_autoptr(WartaOfficeServer) server = form_server (self);
  gboolean keep = gtk_switch_get_active (self->remember_switch);

  if (self->server == NULL)
    {
      warta_office_server_save (self->settings, server);
      g_settings_set_boolean (self->settings, "use-office-server", TRUE);
    }
  else
    {
      g_settings_set_string (self->settings, "office-server-login", server->login);
      g_settings_set_boolean (self->settings, "office-server-remember-password", keep);
    }
  warta_office_server_keep_password (self->conninfo, server->login, keep ? password : NULL);
}

static void signed_in (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data);

static void
sign_in (WartaServerForm *self)
{
  g_autofree char *login = dup_stripped (self->login_row);

  warta_session_sign_in_async (self->session, login,
                               gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
                               self->cancellable, signed_in, self);
}

static void
failed (WartaServerForm *self,
        const char      *message)
{
  g_clear_object (&self->session);
  set_busy (self, FALSE);
  show_error (self, message);
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
signed_in (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  WartaServerForm *self;
  g_autoptr(WartaSession) session = NULL;

  if (!warta_session_sign_in_finish (WARTA_SESSION (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = WARTA_SERVER_FORM (user_data);

  if (g_error_matches (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_MUST_CHANGE_PASSWORD))
    {
      g_autofree char *login = dup_stripped (self->login_row);

      /* The right password, set by an administrator: the person chooses
       * their own first, on the connection made. */
      set_busy (self, FALSE);
      warta_new_password_form_start (self->new_password_form, self->session, login,
                                     gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
      gtk_stack_set_visible_child_name (self->form_stack, "new-password");
      gtk_widget_grab_focus (GTK_WIDGET (self->new_password_form));
      return;
    }
  if (error != NULL)
    {
      failed (self, error->message);
      return;
    }

  remember (self, gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  session = g_steal_pointer (&self->session);
  set_busy (self, FALSE);
  g_signal_emit (self, signals[CONNECTED], 0, session);
}

static void
opened (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaSession) session = warta_session_open_server_finish (result, &error);
  WartaServerForm *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = WARTA_SERVER_FORM (user_data);
  if (session == NULL)
    {
      failed (self, error->message);
      return;
    }
  self->session = g_steal_pointer (&session);
  sign_in (self);
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  WartaServerForm *self = WARTA_SERVER_FORM (widget);
  g_autofree char *login = dup_stripped (self->login_row);

  if (self->cancellable != NULL || login[0] == '\0')
    return;

  g_free (self->conninfo);
  if (self->server != NULL)
    self->conninfo = g_strdup (self->server);
  else
    {
      g_autoptr(WartaOfficeServer) server = form_server (self);

      if (server->host[0] == '\0' || server->database[0] == '\0' || server->port == 0)
        return;
      self->conninfo = warta_office_server_dup_conninfo (server);
    }

  show_error (self, NULL);
  g_clear_object (&self->session);
  set_busy (self, TRUE);
  /* The task holds the form until it returns: a cancelled one returns at once */
  warta_session_open_server_async (self->conninfo, login,
                                   gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
                                   self->cancellable, opened, self);
}

static void
on_password_activated (WartaServerForm *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "server.connect", NULL);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WartaServerForm *self = WARTA_SERVER_FORM (widget);

  if (self->cancellable == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->session);
  set_busy (self, FALSE);
  gtk_widget_grab_focus (self->connect_button);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[BACK], 0);
}

static void
on_ca_chosen (WartaServerForm      *self,
              int                   response,
              GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        set_ca_file (self, path);
    }
  g_clear_object (&self->chooser);
}

static void
choose_ca_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  WartaServerForm *self = WARTA_SERVER_FORM (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("The Server’s CA Certificate"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), NULL);
  gtk_file_filter_set_name (filter, _("Certificates"));
  gtk_file_filter_add_pattern (filter, "*.crt");
  gtk_file_filter_add_pattern (filter, "*.pem");
  gtk_file_filter_add_pattern (filter, "*.cer");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_ca_chosen), self, G_CONNECT_SWAPPED);
  g_clear_object (&self->chooser);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

static void
clear_ca_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  set_ca_file (WARTA_SERVER_FORM (widget), NULL);
}

/* The new password is in: sign in with it on the same connection. */
static void
on_new_password_changed (WartaServerForm *self,
                         const char      *password)
{
  warta_new_password_form_stop (self->new_password_form);
  gtk_stack_set_visible_child_name (self->form_stack, "form");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password);
  if (self->session == NULL)
    return;
  set_busy (self, TRUE);
  sign_in (self);
}

static void
on_new_password_back (WartaServerForm *self)
{
  warta_new_password_form_stop (self->new_password_form);
  g_clear_object (&self->session);
  gtk_stack_set_visible_child_name (self->form_stack, "form");
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
password_found (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  char *password = warta_office_server_lookup_password_finish (result, &error);
  WartaServerForm *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = WARTA_SERVER_FORM (user_data);
  g_clear_object (&self->lookup);
  if (error != NULL)
    g_debug ("No password from the keyring: %s", error->message);
  /* Only into an empty field: never over what the person typed */
  if (password != NULL && gtk_editable_get_text (GTK_EDITABLE (self->password_row))[0] == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->password_row), password);
  if (password != NULL)
    {
      memset (password, 0, strlen (password));
      g_free (password);
    }
}

static gboolean
warta_server_form_grab_focus (GtkWidget *widget)
{
  WartaServerForm *self = WARTA_SERVER_FORM (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->form_stack), "new-password") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->new_password_form));
  if (self->server == NULL && gtk_editable_get_text (GTK_EDITABLE (self->host_row))[0] == '\0')
    return gtk_widget_grab_focus (GTK_WIDGET (self->host_row));
  if (gtk_editable_get_text (GTK_EDITABLE (self->login_row))[0] == '\0')
    return gtk_widget_grab_focus (GTK_WIDGET (self->login_row));
  return gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
warta_server_form_dispose (GObject *object)
{
  WartaServerForm *self = (WartaServerForm *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->lookup);
  g_clear_object (&self->lookup);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (object), WARTA_TYPE_SERVER_FORM);

  G_OBJECT_CLASS (warta_server_form_parent_class)->dispose (object);
}

static void
warta_server_form_finalize (GObject *object)
{
  WartaServerForm *self = (WartaServerForm *)object;

  g_clear_object (&self->settings);
  g_free (self->server);
  g_free (self->ca_file);
  g_free (self->conninfo);
  g_free (self->error);

  G_OBJECT_CLASS (warta_server_form_parent_class)->finalize (object);
}

static void
warta_server_form_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  WartaServerForm *self = WARTA_SERVER_FORM (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, warta_server_form_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
warta_server_form_class_init (WartaServerFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = warta_server_form_dispose;
  object_class->finalize = warta_server_form_finalize;
  object_class->get_property = warta_server_form_get_property;
  widget_class->grab_focus = warta_server_form_grab_focus;

  /**
   * WartaServerForm:busy:
   *
   * Whether a connection or a sign-in is under way.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WartaServerForm::connected:
   * @session: the session on the server, the person signed in
   */
  signals[CONNECTED] =
    g_signal_new ("connected",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, WARTA_TYPE_SESSION);

  /**
   * WartaServerForm::back:
   *
   * The person wants another office: the welcome page's choices.
   */
  signals[BACK] =
    g_signal_new ("back",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "server.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "server.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "server.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "server.choose-ca", NULL, choose_ca_action);
  gtk_widget_class_install_action (widget_class, "server.clear-ca", NULL, clear_ca_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "server.cancel", NULL);

  g_type_ensure (WARTA_TYPE_NEW_PASSWORD_FORM);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/id/warta/Warta/warta-server-form.ui");
  gtk_widget_class_bind_template_child (widget_class, WartaServerForm, page);
  gtk_widget_class_bind_template_child (widget_class, WartaServerForm, title_label);
  gtk_widget_class_bind_template_child (widget_class, WartaServerForm, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, WartaServerForm, form_stack);
  gtk_widget_class_bind_template_child (widget_class, WartaServerForm, server_group);
  gtk_widget_class_bind_template_child (widget_class, WartaServerForm, host_row);
  gtk_widget_class_bind_template_child (widget_class, WartaServerForm, port_row);
  gtk_widget_class_bind_template_child (widget_class, WartaServerForm, database_row);
  gtk_widget_class_bind_template_child (widget_class, WartaServerForm, ca_row);
  gtk_widget_class_bind_template_child (widget_class, WartaServerForm, ca_clear_button);
  gtk_widget_class_bind_template_child (widget_class, WartaServerForm, login_row);
  gtk_widget_class_bind_template_child (widget_class, WartaServerForm, password_row);
  gtk_widget_class_bind_template_child (widget_class, WartaServerForm, remember_switch);
  gtk_widget_class_bind_template_child (widget_class, WartaServerForm, error_label);
  gtk_widget_class_bind_template_child (widget_class, WartaServerForm, spinner);
  gtk_widget_class_bind_template_child (widget_class, WartaServerForm, back_button);
  gtk_widget_class_bind_template_child (widget_class, WartaServerForm, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, WartaServerForm, connect_button);
  gtk_widget_class_bind_template_child (widget_class, WartaServerForm, new_password_form);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_password_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_new_password_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_new_password_back);
}

static void
warta_server_form_init (WartaServerForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);
  warta_server_form_reset (self);
}

/**
 * warta_server_form_set_server:
 * @conninfo: (nullable): the office server to sign in to; %NULL: the
 *   full form, to connect to a server not known yet
 */
void
warta_server_form_set_server (WartaServerForm *self,
                              const char      *conninfo)
{
  g_return_if_fail (WARTA_IS_SERVER_FORM (self));

  if (g_strcmp0 (conninfo, self->server) == 0)
    return;
  g_free (self->server);
  self->server = g_strdup (conninfo);
  warta_server_form_reset (self);
}

const char *
warta_server_form_get_server (WartaServerForm *self)
{
  g_return_val_if_fail (WARTA_IS_SERVER_FORM (self), NULL);
  return self->server;
}

/* Back to what the settings remember, nothing under way, no password. */
void
warta_server_form_reset (WartaServerForm *self)
{
  g_autoptr(WartaOfficeServer) server = NULL;
  g_autofree char *login = NULL;

  g_return_if_fail (WARTA_IS_SERVER_FORM (self));

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->lookup);
  g_clear_object (&self->lookup);
  g_clear_object (&self->session);
  warta_new_password_form_stop (self->new_password_form);
  gtk_stack_set_visible_child_name (self->form_stack, "form");

  server = warta_office_server_load (self->settings);
  if (self->server != NULL)
    login = warta_office_server_login_from_conninfo (self->server);
  if (login == NULL)
    login = g_strdup (server->login);
  gtk_editable_set_text (GTK_EDITABLE (self->host_row), server->host);
  if (server->port != 5432 || gtk_editable_get_text (GTK_EDITABLE (self->port_row))[0] == '\0')
    {
      g_autofree char *port = g_strdup_printf ("%d", server->port);

      gtk_editable_set_text (GTK_EDITABLE (self->port_row), port);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->database_row), server->database);
  gtk_editable_set_text (GTK_EDITABLE (self->login_row), login);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_switch_set_active (self->remember_switch, server->remember_password);
  set_ca_file (self, server->ca_file);
  show_error (self, NULL);

  gtk_widget_set_visible (self->server_group, self->server == NULL);
  if (self->server == NULL)
    {
      gtk_label_set_text (self->title_label, _("Connect to an Office Server"));
      gtk_label_set_text (self->subtitle_label,
                          _("Your office keeps its database on a server: sign in with the login and password the server knows you by."));
      gtk_button_set_label (GTK_BUTTON (self->back_button), _("_Back"));
      gtk_button_set_label (GTK_BUTTON (self->connect_button), _("C_onnect"));
    }
  else
    {
      g_autofree char *where = NULL;
      g_autofree char *subtitle = NULL;

      if (g_settings_get_boolean (self->settings, "use-office-server") && server->host[0] != '\0')
        where = g_strdup_printf ("%s:%d/%s", server->host, server->port, server->database);
      else if (strstr (self->server, "password") == NULL && strchr (self->server, '@') == NULL)
        where = g_strdup (self->server);
      else
        where = g_strdup ("…");  /* never a password on the screen */
      gtk_label_set_text (self->title_label, _("Sign In"));
      /* Translators: %s is the office server, as host:port/database */
      subtitle = g_strdup_printf (_("To the office server %s"), where);
      gtk_label_set_text (self->subtitle_label, subtitle);
      gtk_button_set_label (GTK_BUTTON (self->back_button), _("_Use Another Office…"));
      gtk_button_set_label (GTK_BUTTON (self->connect_button), _("_Sign In"));

      if (server->remember_password && login[0] != '\0')
        {
          self->lookup = g_cancellable_new ();
          warta_office_server_lookup_password_async (self->server, login, self->lookup,
                                                     password_found, self);
        }
    }
  set_busy (self, FALSE);
}

gboolean
warta_server_form_get_busy (WartaServerForm *self)
{
  g_return_val_if_fail (WARTA_IS_SERVER_FORM (self), FALSE);
  return self->cancellable != NULL;
}

/* The message under the form, or NULL. */
const char *
warta_server_form_get_error (WartaServerForm *self)
{
  g_return_val_if_fail (WARTA_IS_SERVER_FORM (self), NULL);
  return self->error;
}
