/* test-server-ui.c: the app at desks of a shared office server
 *
 * An office of seed 002 on the test cluster (tests/pg/with-cluster.sh),
 * whose people are the server's login roles, reached over TCP on
 * 127.0.0.1 with their passwords as a desk on the LAN reaches it:
 *
 *  - the welcome page's "Connect to an Office Server", typed into with
 *    real keys and clicks through XTest: a wrong password says so under
 *    the form, the right one signs in and is remembered;
 *  - two desks: this process and another process of this program, each
 *    with its window on the server as another person. What the other
 *    desk completes comes into this desk's inbox by itself; the time from
 *    its commit to this inbox listing it is measured and printed;
 *  - the server stopped under a signed-in desk: the banner says so, a
 *    naskah typed meanwhile stays in its editor; the server started
 *    again: the banner goes, the inbox reads again what came meanwhile,
 *    and the naskah is saved.
 *
 * Run under Xvfb on a private D-Bus session, inside with-cluster.sh.
 * Screenshots go to the build directory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libpq-fe.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test-util.h"
#include "ui-admin.h"
#include "ui-office.h"
#include "ui-xtest.h"
#include "warta-evidence.h"
#include "warta-new-password-form.h"
#include "warta-server-form.h"
#include "warta-session.h"
#include "warta-welcome-page.h"

#define OFFICE_DB  "kantorwarta"
#define SERVER_MS  30000
#define LATENCY_MAX_US G_USEC_PER_SEC

/* The office on the server, and a connection of the test's own to it as
 * the superuser, as the administrator's tools would have */
static Fixture office;
static char *office_conninfo;  /* a desk's: TCP, no login */
static char *self_exe;

/* A notification server of the test's own on the session bus: what
 * GNotification sends a desktop's, counted */
static guint n_desktop_notifications;

static void
on_notifications_call (GDBusConnection       *connection,
                       const char            *sender,
                       const char            *object_path,
                       const char            *interface_name,
                       const char            *method_name,
                       GVariant              *parameters,
                       GDBusMethodInvocation *invocation,
                       gpointer               user_data)
{
  if (g_str_equal (method_name, "Notify"))
    {
      n_desktop_notifications++;
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", n_desktop_notifications));
    }
  else if (g_str_equal (method_name, "GetCapabilities"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new_parsed ("(@as ['body', 'actions'],)"));
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
serve_notifications (void)
{
  static const char xml[] =
    "<node><interface name='org.freedesktop.Notifications'>"
    "<method name='Notify'><arg type='s' direction='in'/><arg type='u' direction='in'/>"
    "<arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='s' direction='in'/>"
    "<arg type='as' direction='in'/><arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
    "<arg type='u' direction='out'/></method>"
    "<method name='GetCapabilities'><arg type='as' direction='out'/></method>"
    "<method name='CloseNotification'><arg type='u' direction='in'/></method>"
    "</interface></node>";
  static const GDBusInterfaceVTable vtable = { on_notifications_call, NULL, NULL, { 0 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (xml, &error);
  GDBusConnection *bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autoptr(GVariant) reply = NULL;

  g_assert_no_error (error);
  g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications", info->interfaces[0],
                                     &vtable, NULL, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.Notifications", 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
}

/* A gnome-keyring-daemon on the session bus, with an unlocked login
 * keyring of its own in a folder of the test's, as a desktop session
 * has (tests/credentials does the same on a private bus) */
#define KEYRING_PASSWORD "warta-test-keyring"
#define LOGIN_COLLECTION "/org/freedesktop/secrets/collection/login"

static GSubprocess *keyring_daemon;
static char *keyring_dir;

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static GVariant *
call_secrets (GDBusConnection *bus,
              const char      *path,
              const char      *interface,
              const char      *method,
              GVariant        *parameters)
{
  return g_dbus_connection_call_sync (bus, "org.freedesktop.secrets", path, interface, method, parameters,
                                      NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START, 1000, NULL, NULL);
}

static gboolean
keyring_ready (GDBusConnection *bus)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) locked = NULL;
  const char *path = NULL;

  if (!(reply = call_secrets (bus, "/org/freedesktop/secrets", "org.freedesktop.Secret.Service",
                              "ReadAlias", g_variant_new ("(s)", "default"))))
    return FALSE;
  g_variant_get (reply, "(&o)", &path);
  if (g_strcmp0 (path, LOGIN_COLLECTION) != 0)
    return FALSE;
  g_clear_pointer (&reply, g_variant_unref);
  if (!(reply = call_secrets (bus, LOGIN_COLLECTION, "org.freedesktop.DBus.Properties", "Get",
                              g_variant_new ("(ss)", "org.freedesktop.Secret.Collection", "Locked"))))
    return FALSE;
  g_variant_get (reply, "(v)", &locked);
  return !g_variant_get_boolean (locked);
}

static void
keyring_start (void)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autofree char *home = NULL;
  g_autofree char *runtime = NULL;
  GOutputStream *input;
  gint64 deadline;

  g_assert_no_error (error);
  keyring_dir = g_dir_make_tmp ("warta-server-keyring-XXXXXX", &error);
  g_assert_no_error (error);
  home = g_build_filename (keyring_dir, "home", NULL);
  runtime = g_build_filename (keyring_dir, "run", NULL);
  g_assert_cmpint (g_mkdir (home, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (runtime, 0700), ==, 0);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "XDG_DATA_HOME");
  g_subprocess_launcher_unsetenv (launcher, "XDG_CONFIG_HOME");
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "GNOME_KEYRING_CONTROL");
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  keyring_daemon = g_subprocess_launcher_spawn (launcher, &error, "gnome-keyring-daemon", "--foreground",
                                                "--components=secrets", "--unlock", NULL);
  g_assert_no_error (error);
  input = g_subprocess_get_stdin_pipe (keyring_daemon);
  g_output_stream_write_all (input, KEYRING_PASSWORD, strlen (KEYRING_PASSWORD), NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (input, NULL, &error);
  g_assert_no_error (error);

  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!keyring_ready (bus))
    {
      if (g_subprocess_get_identifier (keyring_daemon) == NULL || g_get_monotonic_time () > deadline)
        g_error ("gnome-keyring-daemon did not make an unlocked login keyring on the session bus");
      g_usleep (G_USEC_PER_SEC / 20);
    }
}

static void
keyring_stop (void)
{
  g_subprocess_send_signal (keyring_daemon, SIGTERM);
  g_subprocess_wait (keyring_daemon, NULL, NULL);
  g_clear_object (&keyring_daemon);
  test_remove_tree (keyring_dir);
  g_clear_pointer (&keyring_dir, g_free);
}

static char *
admin_conninfo (const char *dbname)
{
  return g_strdup_printf ("%s dbname=%s", g_getenv ("WARTA_TEST_PG"), dbname);
}

static void
admin_exec (const char *dbname,
            const char *sql)
{
  g_autofree char *conninfo = admin_conninfo (dbname);
  PGconn *conn = PQconnectdb (conninfo);
  PGresult *result;

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("cannot connect as the superuser: %s", PQerrorMessage (conn));
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);
}

static void
open_office_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *conninfo = admin_conninfo (OFFICE_DB);

  g_clear_object (&office.engine);
  g_clear_object (&office.store);
  office.store = warta_store_open (conninfo, &error);
  g_assert_no_error (error);
  office.engine = warta_engine_new (office.store);
  warta_evidence_set_keep_bukti (office.engine, TRUE);
}

/* The office made as `warta-cli office init-server` makes it: its tables
 * the owner's, row security on each, each person a login role of the
 * server who chose their own password at their first sign-in. */
static void
setup_server_office (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaUser) admin_user = NULL;
  g_autofree char *conninfo = admin_conninfo (OFFICE_DB);
  const char *sops[] = { SOP_ID, NULL };
  WartaUser admin = { 0 };

  admin_exec ("postgres", "CREATE DATABASE " OFFICE_DB);
  office.store = warta_store_init_server (conninfo, NULL, &error);
  g_assert_no_error (error);
  office.engine = warta_engine_new (office.store);
  warta_evidence_set_keep_bukti (office.engine, TRUE);
  office_conninfo = g_strdup_printf ("host=127.0.0.1 port=%s dbname=" OFFICE_DB,
                                     g_getenv ("WARTA_TEST_PG_PORT"));

  admin.login = (char *)"kantor";
  admin.full_name = (char *)"Administrator Kantor";
  g_assert_true (warta_engine_setup_office (office.engine, OFFICE, &admin, PASSWORD,
                                            warta_sop_get_shipped_dir (), sops, &error));
  g_assert_no_error (error);
  admin_user = warta_store_find_user (office.store, "kantor", NULL, &error);
  g_assert_no_error (error);
  office.admin = admin_user->id;

  for (guint i = 0; i < N_PEOPLE; i++)
    {
      const char *roles[] = { people[i].role, NULL };
      g_autoptr(WartaEngine) first = NULL;
      WartaUser user = { 0 };

      user.login = (char *)people[i].login;
      user.full_name = (char *)people[i].name;
      user.jabatan = (char *)people[i].jabatan;
      user.roles = (GStrv)roles;
      office.ids[i] = warta_engine_add_user (office.engine, office.admin, &user, "sementara123", &error);
      g_assert_no_error (error);
      /* their first sign-in, at their desk: their own password */
      first = warta_engine_open_server (office_conninfo, people[i].login, "sementara123", &error);
      g_assert_no_error (error);
      g_assert_cmpint (warta_engine_change_password (first, people[i].login, "sementara123", PASSWORD, &error), ==,
                       office.ids[i]);
      g_assert_no_error (error);
    }
  open_office_store ();
}

/* (Names without "_": XTest types it as "-".) */

/* The cluster stopped or started again, through with-cluster.sh's
 * control script (as the cluster's owner, from its directory). */
static void
pg_ctl (const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { g_getenv ("WARTA_TEST_PG_CTL"), what, NULL };
  int status = 0;

  g_assert_nonnull (argv[0]);
  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s %s failed: %s%s", argv[0], what, out, err);
}

static const char *
page_name (WartaWindow *window)
{
  return warta_window_get_page_name (window);
}

static WartaServerForm *
find_server_form (GtkWidget *root)
{
  GtkWidget *form = ui_find_descendant (root, WARTA_TYPE_SERVER_FORM);

  g_assert_nonnull (form);
  return WARTA_SERVER_FORM (form);
}

/* The window's own, for its server; the welcome page has another */
static WartaServerForm *
window_server_form (WartaWindow *window)
{
  return find_server_form (ui_child (window, WARTA_TYPE_WINDOW, "server_box"));
}

static gpointer
form_child (WartaServerForm *form,
            const char      *id)
{
  return ui_child (form, WARTA_TYPE_SERVER_FORM, id);
}

static void
shot (GtkWidget  *widget,
      const char *name)
{
  g_autofree char *file = g_strconcat ("screenshot-server-", name, NULL);

  ui_wait_for_frames (widget, 3);
  ui_screenshot (widget, file);
}

/* At the window's server page: the login and the password typed, Enter
 * pressed, as a person signs in. */
static void
server_sign_in_typed (WartaWindow *window,
                      const char  *login,
                      const char  *password)
{
  WartaServerForm *form;

  UI_WAIT_UNTIL (g_strcmp0 (page_name (window), "server") == 0, WAIT_MS);
  form = window_server_form (window);
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (form)), WAIT_MS);
  ui_type_into (form_child (form, "login_row"), login);
  ui_type_into (form_child (form, "password_row"), password);
  xtest_press (XK_Return, NULL, 0);
  UI_WAIT_UNTIL (warta_server_form_get_busy (form) || warta_server_form_get_error (form) != NULL ||
                 g_strcmp0 (page_name (window), "work") == 0, WAIT_MS);
  UI_WAIT_UNTIL (!warta_server_form_get_busy (form), SERVER_MS);
  g_assert_null (warta_server_form_get_error (form));
  UI_WAIT_UNTIL (g_strcmp0 (page_name (window), "work") == 0, WAIT_MS);
}

static WartaCaseListModel *
inbox_model (WartaWindow *window)
{
  return warta_cases_pane_get_model (get_cases_pane (window, "inbox"));
}

/* (a) The welcome page's third choice, typed into */
static void
test_welcome_form (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *dir = g_dir_make_tmp ("warta-server-ui-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "warta.db", NULL);
  WartaWindow *window;
  GtkWidget *welcome;
  WartaServerForm *form;
  WartaSession *session;
  g_autofree char *port = g_strdup (g_getenv ("WARTA_TEST_PG_PORT"));

  g_assert_no_error (error);
  window = open_window (path);
  ui_present_focused (GTK_WINDOW (window));
  UI_WAIT_UNTIL (g_strcmp0 (page_name (window), "welcome") == 0, WAIT_MS);
  welcome = warta_window_get_welcome_page (window);
  shot (GTK_WIDGET (window), "welcome");

  xtest_click (ui_find_button (welcome, "_Connect to an Office Server"));
  form = find_server_form (welcome);
  UI_WAIT_UNTIL (gtk_widget_get_mapped (form_child (form, "host_row")), WAIT_MS);
  g_assert_cmpstr (gtk_editable_get_text (form_child (form, "port_row")), ==, "5432");

  ui_type_into (form_child (form, "host_row"), "127.0.0.1");
  ui_type_into (form_child (form, "port_row"), port);
  ui_type_into (form_child (form, "database_row"), OFFICE_DB);
  ui_type_into (form_child (form, "login_row"), people[KATIM1].login);
  ui_type_into (form_child (form, "password_row"), "bukan-sandinya");
  shot (GTK_WIDGET (window), "form");

  /* A wrong password: the server's words, under the form */
  xtest_click (form_child (form, "connect_button"));
  UI_WAIT_UNTIL (warta_server_form_get_error (form) != NULL, SERVER_MS);
  g_assert_false (warta_server_form_get_busy (form));
  g_test_message ("wrong password: %s", warta_server_form_get_error (form));
  g_assert_nonnull (strstr (warta_server_form_get_error (form), "Wrong login or password for the office server"));
  g_assert_true (gtk_widget_get_mapped (form_child (form, "error_label")));
  g_assert_cmpstr (page_name (window), ==, "welcome");
  shot (GTK_WIDGET (window), "wrong-password");

  /* An unknown database says so too */
  ui_type_into (form_child (form, "database_row"), "tidakada");
  ui_type_into (form_child (form, "password_row"), PASSWORD);
  xtest_click (form_child (form, "connect_button"));
  UI_WAIT_UNTIL (warta_server_form_get_error (form) != NULL, SERVER_MS);
  g_test_message ("unknown database: %s", warta_server_form_get_error (form));
  g_assert_nonnull (strstr (warta_server_form_get_error (form), "tidakada"));

  ui_type_into (form_child (form, "database_row"), OFFICE_DB);
  ui_type_into (form_child (form, "password_row"), PASSWORD);
  ui_click_into_view (form_child (form, "remember_switch"));
  UI_WAIT_UNTIL (gtk_switch_get_active (form_child (form, "remember_switch")), WAIT_MS);
  xtest_click (form_child (form, "connect_button"));
  UI_WAIT_UNTIL (g_strcmp0 (page_name (window), "work") == 0, SERVER_MS);

  session = warta_window_get_session (window);
  g_assert_true (warta_session_is_server (session));
  g_assert_cmpint (warta_session_get_user_id (session), ==, office.ids[KATIM1]);
  g_assert_true (warta_store_is_server (warta_window_get_database_path (window)));
  /* Remembered for the next start; the password only in the keyring */
  g_assert_true (g_settings_get_boolean (settings, "use-office-server"));
  g_assert_cmpstr (g_settings_get_string (settings, "office-server-host"), ==, "127.0.0.1");
  g_assert_cmpint (g_settings_get_int (settings, "office-server-port"), ==, atoi (port));
  g_assert_cmpstr (g_settings_get_string (settings, "office-server-database"), ==, OFFICE_DB);
  g_assert_cmpstr (g_settings_get_string (settings, "office-server-login"), ==, people[KATIM1].login);
  show_pane (window, "inbox");
  shot (GTK_WIDGET (window), "signed-in");

  /* Signing out closes the person's connection: the sign-in form of the
   * remembered server, the login filled in */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-out", NULL));
  UI_WAIT_UNTIL (g_strcmp0 (page_name (window), "server") == 0, WAIT_MS);
  g_assert_null (warta_window_get_session (window));
  form = window_server_form (window);
  g_assert_cmpstr (gtk_editable_get_text (form_child (form, "login_row")), ==, people[KATIM1].login);
  g_assert_false (gtk_widget_get_visible (form_child (form, "server_group")));
  /* The password from the keyring, and nowhere in the settings */
  UI_WAIT_UNTIL (g_strcmp0 (gtk_editable_get_text (form_child (form, "password_row")), PASSWORD) == 0, WAIT_MS);
  {
    const char *keys[] = { "office-server-host", "office-server-database", "office-server-login",
                           "office-server-ca-file", NULL };

    for (guint i = 0; keys[i] != NULL; i++)
      {
        g_autofree char *value = g_settings_get_string (settings, keys[i]);

        g_assert_null (strstr (value, PASSWORD));
      }
  }
  shot (GTK_WIDGET (window), "sign-in");

  /* Signed in again with it, by Enter alone */
  gtk_widget_grab_focus (form_child (form, "password_row"));
  UI_WAIT_UNTIL (ui_has_focus (form_child (form, "password_row")), WAIT_MS);
  xtest_press (XK_Return, NULL, 0);
  UI_WAIT_UNTIL (g_strcmp0 (page_name (window), "work") == 0, SERVER_MS);
  g_assert_cmpint (warta_session_get_user_id (warta_window_get_session (window)), ==, office.ids[KATIM1]);

  /* "Use Another Office…": the welcome page's choices again, on this
   * computer's own file (in the test's data folder) */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-out", NULL));
  UI_WAIT_UNTIL (g_strcmp0 (page_name (window), "server") == 0, WAIT_MS);
  ui_wait_for_frames (GTK_WIDGET (window), 2);
  xtest_click (form_child (form, "back_button"));
  UI_WAIT_UNTIL (g_strcmp0 (page_name (window), "welcome") == 0, WAIT_MS);
  g_assert_false (g_settings_get_boolean (settings, "use-office-server"));
  g_assert_false (warta_store_is_server (warta_window_get_database_path (window)));
  g_assert_true (g_str_has_prefix (warta_window_get_database_path (window), g_get_user_data_dir ()));
  /* What it was stays, to fill the form next time */
  g_assert_cmpstr (g_settings_get_string (settings, "office-server-host"), ==, "127.0.0.1");
  g_settings_set_boolean (settings, "use-office-server", TRUE);

  ui_destroy_window (&window, WAIT_MS);
  test_remove_tree (dir);
}

/* Servers that are not PostgreSQL, on loopback: one that takes the
 * connection and says nothing, one that answers as a web server */
static GPtrArray *held_connections;

static gboolean
on_silent_incoming (GSocketService    *service,
                    GSocketConnection *connection,
                    GObject           *source,
                    gpointer           user_data)
{
  g_ptr_array_add (held_connections, g_object_ref (connection));
  return TRUE;
}

static gboolean
on_web_incoming (GSocketService    *service,
                 GSocketConnection *connection,
                 GObject           *source,
                 gpointer           user_data)
{
  static const char answer[] = "HTTP/1.0 400 Bad Request\r\n\r\n";
  GOutputStream *output = g_io_stream_get_output_stream (G_IO_STREAM (connection));

  g_output_stream_write_all (output, answer, strlen (answer), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static GSocketService *
serve_on_loopback (GCallback  incoming,
                   guint16   *port)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  GSocketService *service = g_socket_service_new ();

  g_assert_true (g_socket_listener_add_address (G_SOCKET_LISTENER (service), address, G_SOCKET_TYPE_STREAM,
                                                G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error));
  g_assert_no_error (error);
  *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_signal_connect (service, "incoming", incoming, NULL);
  g_socket_service_start (service);
  return service;
}

/* The spinner and Cancel while a server keeps the person waiting; the
 * core's words for one that is no PostgreSQL server */
static void
test_not_postgres (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *dir = g_dir_make_tmp ("warta-server-ui-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "warta.db", NULL);
  g_autoptr(GSocketService) silent = NULL;
  g_autoptr(GSocketService) web = NULL;
  g_autofree char *silent_port = NULL;
  g_autofree char *web_port = NULL;
  WartaWindow *window;
  GtkWidget *welcome;
  WartaServerForm *form;
  guint16 port;

  held_connections = g_ptr_array_new_with_free_func (g_object_unref);
  silent = serve_on_loopback (G_CALLBACK (on_silent_incoming), &port);
  silent_port = g_strdup_printf ("%u", port);
  web = serve_on_loopback (G_CALLBACK (on_web_incoming), &port);
  web_port = g_strdup_printf ("%u", port);

  /* Nobody remembered: the welcome page */
  g_settings_set_boolean (settings, "use-office-server", FALSE);
  window = open_window (path);
  ui_present_focused (GTK_WINDOW (window));
  UI_WAIT_UNTIL (g_strcmp0 (page_name (window), "welcome") == 0, WAIT_MS);
  welcome = warta_window_get_welcome_page (window);
  xtest_click (ui_find_button (welcome, "_Connect to an Office Server"));
  form = find_server_form (welcome);
  UI_WAIT_UNTIL (gtk_widget_get_mapped (form_child (form, "host_row")), WAIT_MS);

  ui_type_into (form_child (form, "host_row"), "127.0.0.1");
  ui_type_into (form_child (form, "port_row"), silent_port);
  ui_type_into (form_child (form, "database_row"), OFFICE_DB);
  ui_type_into (form_child (form, "login_row"), people[STAF].login);
  ui_type_into (form_child (form, "password_row"), PASSWORD);
  xtest_click (form_child (form, "connect_button"));
  UI_WAIT_UNTIL (held_connections->len > 0, SERVER_MS);
  g_assert_true (warta_server_form_get_busy (form));
  g_assert_true (gtk_widget_get_mapped (form_child (form, "spinner")));
  g_assert_true (gtk_widget_get_mapped (form_child (form, "cancel_button")));
  shot (GTK_WIDGET (window), "connecting");
  xtest_click (form_child (form, "cancel_button"));
  UI_WAIT_UNTIL (!warta_server_form_get_busy (form), WAIT_MS);
  g_assert_null (warta_server_form_get_error (form));
  g_assert_false (gtk_widget_get_visible (form_child (form, "spinner")));
  g_assert_cmpstr (page_name (window), ==, "welcome");

  /* The CA's file, chosen (GTK's own chooser: no portal here) */
  {
    g_autofree char *ca = g_build_filename (dir, "kantor-ca.crt", NULL);
    g_assert_true (g_file_set_contents (ca, "-----BEGIN CERTIFICATE-----\n", -1, &error));
    g_assert_no_error (error);
    xtest_click (ui_find_button (GTK_WIDGET (form), "C_hoose…"));
    ui_choose_file (ca);
    UI_WAIT_UNTIL (strstr (adw_action_row_get_subtitle (form_child (form, "ca_row")), "kantor-ca.crt") != NULL,
                   WAIT_MS);
    g_assert_true (gtk_widget_get_visible (form_child (form, "ca_clear_button")));
    shot (GTK_WIDGET (window), "ca-chosen");
  }

  ui_type_into (form_child (form, "port_row"), web_port);
  xtest_click (form_child (form, "connect_button"));
  UI_WAIT_UNTIL (warta_server_form_get_error (form) != NULL, SERVER_MS);
  g_test_message ("not PostgreSQL: %s", warta_server_form_get_error (form));
  g_assert_nonnull (strstr (warta_server_form_get_error (form), "is not a PostgreSQL server"));
  shot (GTK_WIDGET (window), "not-postgres");

  /* Nobody there */
  g_socket_service_stop (web);
  g_socket_listener_close (G_SOCKET_LISTENER (web));
  ui_type_into (form_child (form, "password_row"), PASSWORD);
  xtest_click (form_child (form, "connect_button"));
  UI_WAIT_UNTIL (warta_server_form_get_error (form) != NULL, SERVER_MS);
  g_test_message ("unreachable: %s", warta_server_form_get_error (form));
  g_assert_nonnull (strstr (warta_server_form_get_error (form), "Cannot reach the office server"));

  ui_destroy_window (&window, WAIT_MS);
  g_socket_service_stop (silent);
  g_socket_service_stop (web);
  g_clear_pointer (&held_connections, g_ptr_array_unref);
  test_remove_tree (dir);
}

/* A password an administrator set: the person chooses their own at the
 * sign-in form, on the connection already made (the server's side of the
 * change is warta_engine_change_password()'s) */
static void
test_must_change_password (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaUser) user = NULL;
  WartaWindow *window;
  WartaServerForm *form;
  WartaNewPasswordForm *new_password;

  g_assert_true (warta_engine_set_password (office.engine, office.admin, office.ids[KEPALA], PASSWORD, &error));
  g_assert_no_error (error);

  window = open_window (office_conninfo);
  ui_present_focused (GTK_WINDOW (window));
  UI_WAIT_UNTIL (g_strcmp0 (page_name (window), "server") == 0, WAIT_MS);
  form = window_server_form (window);
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (form)), WAIT_MS);
  ui_type_into (form_child (form, "login_row"), people[KEPALA].login);
  ui_type_into (form_child (form, "password_row"), PASSWORD);
  xtest_press (XK_Return, NULL, 0);

  new_password = form_child (form, "new_password_form");
  UI_WAIT_UNTIL (g_strcmp0 (gtk_stack_get_visible_child_name (form_child (form, "form_stack")), "new-password") == 0,
                 SERVER_MS);
  UI_WAIT_UNTIL (ui_has_focus (ui_child (new_password, WARTA_TYPE_NEW_PASSWORD_FORM, "new_row")), WAIT_MS);
  shot (GTK_WIDGET (window), "new-password");
  xtest_type ("kepala-baru-123");
  xtest_press (XK_Return, NULL, 0);
  UI_WAIT_UNTIL (ui_has_focus (ui_child (new_password, WARTA_TYPE_NEW_PASSWORD_FORM, "confirm_row")), WAIT_MS);
  xtest_type ("kepala-baru-123");
  xtest_press (XK_Return, NULL, 0);

  UI_WAIT_UNTIL (g_strcmp0 (page_name (window), "work") == 0, SERVER_MS);
  g_assert_cmpint (warta_session_get_user_id (warta_window_get_session (window)), ==, office.ids[KEPALA]);
  user = warta_store_get_user (office.store, office.ids[KEPALA], &error);
  g_assert_no_error (error);
  g_assert_false (user->must_change_password);
  ui_destroy_window (&window, WAIT_MS);
}

/* The other desk: this program again, in a process of its own. It signs
 * in as LOGIN, completes the active step of CASE_ID in its case view,
 * and prints when the commit came back to it from its worker. */
typedef struct
{
  gint64 case_id;
  gint64 pressed;    /* g_get_real_time(): both desks run on this computer */
  gint64 heard;      /* the first change of the berkas heard back after */
} Commit;

static void
on_other_desk_changed (Commit       *commit,
                       guint         kind,
                       gint64        case_id,
                       gpointer      origin,
                       WartaSession *session)
{
  if (commit->pressed != 0 && case_id == commit->case_id && commit->heard == 0)
    commit->heard = g_get_real_time ();
}

static int
run_other_desk (const char *conninfo,
                const char *login,
                gint64      case_id)
{
  WartaWindow *window;
  WartaServerForm *form;
  WartaCaseView *view;
  WartaSession *session;
  Commit commit = { case_id, 0, 0 };

  ui_office_init ();
  window = open_window (conninfo);
  UI_WAIT_UNTIL (g_strcmp0 (page_name (window), "server") == 0, WAIT_MS);
  form = window_server_form (window);
  /* Not typed: the keyboard is the first desk's, in the same Xvfb */
  gtk_editable_set_text (form_child (form, "login_row"), login);
  gtk_editable_set_text (form_child (form, "password_row"), PASSWORD);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form), "server.connect", NULL));
  UI_WAIT_UNTIL (g_strcmp0 (page_name (window), "work") == 0, SERVER_MS);
  session = warta_window_get_session (window);

  view = open_case (window, "inbox", case_id);
  g_signal_connect_swapped (session, "changed::case", G_CALLBACK (on_other_desk_changed), &commit);
  commit.pressed = g_get_real_time ();
  press (view, ui_case_child (view, "complete_button"), "_Complete Step");
  UI_WAIT_UNTIL (commit.heard != 0, SERVER_MS);
  g_print ("PRESSED %" G_GINT64_FORMAT " HEARD %" G_GINT64_FORMAT "\n", commit.pressed, commit.heard);
  fflush (stdout);
  g_signal_handlers_disconnect_by_data (session, &commit);
  ui_destroy_window (&window, WAIT_MS);
  return 0;
}

static void
on_notified (GPtrArray  *notified,
             const char *id,
             const char *title,
             const char *body)
{
  g_test_message ("notified %s: %s — %s", id, title, body);
  g_ptr_array_add (notified, g_strdup (id));
}

static guint
notified_count (GPtrArray  *notified,
                const char *kind,
                gint64      case_id)
{
  g_autofree char *id = g_strdup_printf ("%s-%" G_GINT64_FORMAT, kind, case_id);
  guint n = 0;

  for (guint i = 0; i < notified->len; i++)
    n += g_str_equal (g_ptr_array_index (notified, i), id);
  return n;
}

static gint64
week_later (gpointer user_data)
{
  return g_get_real_time () + 7 * 24 * G_TIME_SPAN_HOUR;
}

/* (b) Two desks, two people, one server */
static void
test_two_desks (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) other = NULL;
  g_autoptr(GDataInputStream) output = NULL;
  g_autofree char *case_arg = NULL;
  g_autofree char *line = NULL;
  WartaWindow *window;
  WartaCaseListModel *inbox;
  g_autoptr(GPtrArray) notified = g_ptr_array_new_with_free_func (g_free);
  gint64 case_id, other_id, pressed = 0, heard = 0, seen;
  double latency_ms;

  /* A berkas at the staf's second step, which hands it to the katimker */
  case_id = warta_engine_start_case (office.engine, office.ids[STAF], SOP_ID, "Rilis dua meja", &error);
  g_assert_no_error (error);
  compose_elsewhere (&office, case_id);
  g_assert_true (warta_engine_complete (office.engine, office.ids[STAF], case_id, NULL, &error));
  g_assert_no_error (error);
  attach_elsewhere (&office, case_id, "nota-dinas");
  attach_elsewhere (&office, case_id, "dokumen-pendukung");

  /* This desk: the katimker, at the server remembered */
  window = open_window (office_conninfo);
  ui_present_focused (GTK_WINDOW (window));
  server_sign_in_typed (window, people[KATIM1].login, PASSWORD);
  show_pane (window, "inbox");
  inbox = inbox_model (window);
  g_assert_false (model_lists (inbox, case_id));
  g_signal_connect_swapped (warta_window_get_notifier (window), "notified", G_CALLBACK (on_notified), notified);
  shot (GTK_WIDGET (window), "desk-before");

  /* The other desk: the staf, who completes the step there */
  case_arg = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);
  other = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                            self_exe, "--other-desk", office_conninfo, people[STAF].login, case_arg, NULL);
  g_assert_no_error (error);
  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (other));

  /* Nobody touches this desk: the berkas comes by itself */
  UI_WAIT_UNTIL (model_lists (inbox, case_id), 60000);
  seen = g_get_real_time ();
  shot (GTK_WIDGET (window), "desk-after");

  while (pressed == 0 && (line = g_data_input_stream_read_line (output, NULL, NULL, &error)) != NULL)
    {
      if (sscanf (line, "PRESSED %" G_GINT64_FORMAT " HEARD %" G_GINT64_FORMAT, &pressed, &heard) != 2)
        pressed = 0;
      g_clear_pointer (&line, g_free);
    }
  g_assert_no_error (error);
  g_assert_cmpint (pressed, >, 0);
  g_assert_true (g_subprocess_wait_check (other, NULL, &error));
  g_assert_no_error (error);

  /* From the click at one desk (so the job that completes the step is
   * counted too) to this desk's inbox listing the berkas */
  latency_ms = (seen - pressed) / 1000.0;
  g_test_message ("two desks: Complete Step pressed at one, in the other's inbox %.0f ms later "
                  "(the pressing desk heard its commit %.0f ms after the press)",
                  latency_ms, (heard - pressed) / 1000.0);
  g_printerr ("two-desk latency: %.0f ms from the press to the other inbox; %.0f ms to the commit heard at the pressing desk\n",
              latency_ms, (heard - pressed) / 1000.0);
  g_assert_cmpint (seen - pressed, <, LATENCY_MAX_US);
  office.window = window;
  assert_active_step (&office, case_id, "3", 0);
  office.window = NULL;

  /* One notification that it came, not one per read */
  UI_WAIT_UNTIL (notified_count (notified, "arrived", case_id) == 1, WAIT_MS);
  UI_WAIT_UNTIL (n_desktop_notifications >= 1, WAIT_MS);
  other_id = warta_engine_start_case (office.engine, office.ids[STAF], SOP_ID, "Rilis lain", &error);
  g_assert_no_error (error);
  ui_iterate (500);
  g_assert_cmpuint (notified_count (notified, "arrived", case_id), ==, 1);
  g_assert_cmpuint (notified_count (notified, "arrived", other_id), ==, 0);

  /* A week later the step is past its standard: told once */
  warta_session_set_clock (warta_window_get_session (window), week_later, NULL);
  g_assert_no_error (error);
  compose_elsewhere (&office, other_id);
  UI_WAIT_UNTIL (notified_count (notified, "late", case_id) == 1, WAIT_MS);
  compose_elsewhere (&office, other_id);
  ui_iterate (500);
  g_assert_cmpuint (notified_count (notified, "late", case_id), ==, 1);
  warta_session_set_clock (warta_window_get_session (window), NULL, NULL);

  /* Its click opens the berkas */
  show_pane (window, "sop");
  g_action_group_activate_action (G_ACTION_GROUP (ui_office_get_application ()), "open-case",
                                  g_variant_new_int64 (case_id));
  g_assert_cmpstr (warta_window_get_pane_name (window), ==, "inbox");
  g_assert_cmpint (warta_cases_pane_get_case_id (get_cases_pane (window, "inbox")), ==, case_id);
  shot (GTK_WIDGET (window), "notification-opened");
  g_signal_handlers_disconnect_by_data (warta_window_get_notifier (window), notified);

  ui_destroy_window (&window, WAIT_MS);
}

static gboolean
banner_shown (WartaWindow *window)
{
  return gtk_revealer_get_reveal_child (ui_child (window, WARTA_TYPE_WINDOW, "lost_revealer"));
}

static char *
saved_body (gint64 case_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaNaskah) naskah = warta_store_get_naskah (office.store, case_id, &error);

  g_assert_no_error (error);
  return g_strdup (naskah ? naskah->body : NULL);
}

static gboolean
body_saved (gint64      case_id,
            const char *text)
{
  g_autofree char *body = saved_body (case_id);

  return body != NULL && strstr (body, text) != NULL;
}

/* (c) The server stopped and started again under a signed-in desk */
static void
test_lost_server (void)
{
  g_autoptr(GError) error = NULL;
  WartaWindow *window;
  WartaCaseView *view;
  WartaCaseListModel *inbox;
  gint64 case_id, meanwhile_id;
  GtkTextView *body;

  case_id = warta_engine_start_case (office.engine, office.ids[STAF], SOP_ID, "Rilis saat terputus", &error);
  g_assert_no_error (error);

  window = open_window (office_conninfo);
  ui_present_focused (GTK_WINDOW (window));
  server_sign_in_typed (window, people[STAF].login, PASSWORD);
  view = open_case (window, "inbox", case_id);
  inbox = inbox_model (window);
  g_assert_false (banner_shown (window));

  pg_ctl ("stop");
  UI_WAIT_UNTIL (banner_shown (window), SERVER_MS);
  shot (GTK_WIDGET (window), "lost");

  /* Typed while the server is away: kept in the editor */
  body = ui_case_body (view);
  ui_click_into_view (body);
  UI_WAIT_UNTIL (ui_has_focus (GTK_WIDGET (body)), WAIT_MS);
  xtest_type ("Ditulis saat terputus.");
  UI_WAIT_UNTIL (g_strcmp0 (gtk_label_get_label (ui_case_child (view, "save_label")), "Not saved") == 0, SERVER_MS);
  shot (GTK_WIDGET (window), "lost-typed");

  pg_ctl ("start");
  /* Something done elsewhere before this desk is back */
  open_office_store ();
  meanwhile_id = warta_engine_start_case (office.engine, office.ids[STAF], SOP_ID, "Rilis selagi menyambung", &error);
  g_assert_no_error (error);

  UI_WAIT_UNTIL (!banner_shown (window), 60000);
  UI_WAIT_UNTIL (model_lists (inbox, meanwhile_id), WAIT_MS);
  UI_WAIT_UNTIL (body_saved (case_id, "Ditulis saat terputus."), WAIT_MS);
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (body);
    GtkTextIter start, end;
    g_autofree char *shown = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_nonnull (strstr (shown, "Ditulis saat terputus."));
  }
  show_pane (window, "inbox");
  shot (GTK_WIDGET (window), "back");

  ui_destroy_window (&window, WAIT_MS);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int status;

  if (argc == 5 && g_str_equal (argv[1], "--other-desk"))
    {
      gtk_init ();
      xtest_init ();
      return run_other_desk (argv[2], argv[3], g_ascii_strtoll (argv[4], NULL, 10));
    }

  /* "Use Another Office…" opens the default database file: here, not
   * the user's */
  data_home = g_dir_make_tmp ("warta-server-data-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  xtest_init ();
  ui_office_init ();

  /* A PostgreSQL that is not there fails the test: it is never skipped */
  if (g_getenv ("WARTA_TEST_PG") == NULL)
    g_error ("WARTA_TEST_PG is not set: run under tests/pg/with-cluster.sh");
  serve_notifications ();
  keyring_start ();
  self_exe = g_file_read_link ("/proc/self/exe", NULL);
  office.dir = g_dir_make_tmp ("warta-server-office-XXXXXX", NULL);
  office.shots = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  setup_server_office ();

  g_test_add_func ("/server/welcome-form", test_welcome_form);
  g_test_add_func ("/server/not-postgres", test_not_postgres);
  g_test_add_func ("/server/must-change-password", test_must_change_password);
  g_test_add_func ("/server/two-desks", test_two_desks);
  g_test_add_func ("/server/lost-server", test_lost_server);
  status = ui_office_run ();
  keyring_stop ();
  test_remove_tree (data_home);
  return status;
}
