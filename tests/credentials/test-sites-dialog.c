/* test-sites-dialog.c: Publishing Sites where no keyring can keep the password
 *
 * On a private D-Bus bus of the test's own (GTestDBus): first with
 * nothing that provides org.freedesktop.secrets, then with a real
 * gnome-keyring-daemon that has no login keyring (and no prompt to make
 * one), which answers "Object does not exist at path …". Either way the
 * dialog says, in words of its own, that no keyring can keep the password
 * and that a credentials file can; a file others may read is refused; a
 * file of mode 0600 is saved as the site's credentials source, and Test
 * Connection against the fake WordPress reads the password from it, as
 * publishing does. Save is clicked through XTest.
 *
 * Run under Xvfb (`make test` does). Screenshots go to the build directory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "fake-wp.h"
#include "test-util.h"
#include "ui-util.h"
#include "ui-xtest.h"
#include "warta-application.h"
#include "warta-credentials.h"
#include "warta-sites-dialog.h"
#include "warta-wp.h"

#define WAIT_MS 10000

static WartaApplication *app;
static GTestDBus *bus;

typedef struct
{
  TestDb           *db;
  FakeWp           *wp;
  WartaSession     *session;
  WartaSitesDialog *dialog;
} Fixture;

static char *
write_credentials (Fixture    *f,
                   const char *name,
                   int         mode)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->db->dir, name, NULL);

  g_file_set_contents (path, FAKE_WP_ADMIN_PASSWORD "\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
  return path;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->db = test_db_new ();
  f->wp = fake_wp_new ();
  f->session = warta_session_open (f->db->path, &error);
  g_assert_no_error (error);
  g_assert_true (warta_session_sign_in (f->session, "admin", TEST_PASSWORD, &error));
  g_assert_no_error (error);

  f->dialog = warta_sites_dialog_new (NULL, f->session);
  gtk_window_set_application (GTK_WINDOW (f->dialog), GTK_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (f->dialog));
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->dialog)), WAIT_MS);
  ui_wait_for_frames (GTK_WIDGET (f->dialog), 2);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ui_destroy_window (&f->dialog, WAIT_MS);
  g_clear_object (&f->session);
  fake_wp_free (f->wp);
  test_db_free (f->db);
}

static void
screenshot (Fixture    *f,
            const char *name)
{
  ui_screenshot (GTK_WIDGET (f->dialog), name);
}

/* Save, clicked; the worker asks the keyring, which cannot keep it. */
static void
assert_refused_by_keyring (Fixture    *f,
                           const char *name)
{
  GtkWidget *save = ui_find_button (GTK_WIDGET (f->dialog), "_Save");
  const char *note;

  warta_sites_dialog_set_site (f->dialog, name, fake_wp_get_url (f->wp), FAKE_WP_ADMIN, FAKE_WP_ADMIN_PASSWORD);
  ui_wait_for_frames (GTK_WIDGET (f->dialog), 1);
  g_assert_nonnull (save);
  g_assert_true (gtk_widget_get_sensitive (save));
  xtest_click (save);
  UI_WAIT_UNTIL (!warta_sites_dialog_is_busy (f->dialog) &&
                 strstr (warta_sites_dialog_get_note (f->dialog), "Nothing was saved") != NULL, WAIT_MS * 2);

  note = warta_sites_dialog_get_note (f->dialog);
  g_test_message ("note: %s", note);
  g_assert_null (strstr (note, "Object does not exist"));
  g_assert_null (strstr (note, "could not do this"));
  g_assert_nonnull (strstr (note, "No keyring can keep the password"));
  g_assert_nonnull (strstr (note, "credentials file"));
  g_assert_nonnull (strstr (note, "0600"));
  g_assert_cmpint (test_db_count (f->db, "SELECT count (*) FROM sites"), ==, 0);
}

/* Choose… clicked; in the chooser it opens (GTK's own dialog, as no
 * portal runs on the test's bus), the file picked and accepted. */
static void
choose_file (Fixture    *f,
             const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GtkWindow *chooser = NULL;

  xtest_click (ui_find_button (GTK_WIDGET (f->dialog), "_Choose…"));
  UI_WAIT_UNTIL ((chooser = ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL)) != NULL &&
                 gtk_widget_get_mapped (GTK_WIDGET (chooser)), WAIT_MS);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, &error));
  g_assert_no_error (error);
  ui_wait_for_frames (GTK_WIDGET (chooser), 2);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
assert_file_saved (Fixture    *f,
                   const char *name)
{
  g_autofree char *open_file = write_credentials (f, "terbuka.txt", 0644);
  g_autofree char *own_file = write_credentials (f, "rahasia.txt", 0600);
  g_autoptr(WartaSite) site = NULL;
  g_autoptr(GError) error = NULL;
  char *password;

  /* Readable by others: refused, saying what to do */
  warta_sites_dialog_use_credentials_file (f->dialog, open_file);
  UI_WAIT_UNTIL (!warta_sites_dialog_is_busy (f->dialog), WAIT_MS);
  g_assert_nonnull (strstr (warta_sites_dialog_get_note (f->dialog), "0644"));
  g_assert_nonnull (strstr (warta_sites_dialog_get_note (f->dialog), "chmod 600"));
  screenshot (f, "sites-dialog-file-refused");

  /* Its own, chosen in the file chooser that Choose… opens: the site is
   * saved with the file as its credentials */
  choose_file (f, own_file);
  UI_WAIT_UNTIL (!warta_sites_dialog_is_busy (f->dialog) &&
                 strstr (warta_sites_dialog_get_note (f->dialog), own_file) != NULL, WAIT_MS);
  g_assert_nonnull (strstr (warta_sites_dialog_get_note (f->dialog), own_file));
  ui_wait_for_frames (GTK_WIDGET (f->dialog), 1);
  xtest_click (ui_find_button (GTK_WIDGET (f->dialog), "_Save"));
  UI_WAIT_UNTIL (test_db_count (f->db, "SELECT count (*) FROM sites") == 1 &&
                 !warta_sites_dialog_is_busy (f->dialog), WAIT_MS * 2);
  site = warta_store_find_site (f->db->store, name, &error);
  g_assert_no_error (error);
  g_assert_nonnull (site);
  g_assert_cmpstr (site->credentials_file, ==, own_file);
  password = warta_credentials_for_site (site, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, FAKE_WP_ADMIN_PASSWORD);
  secret_password_free (password);
  screenshot (f, "sites-dialog-file-saved");

  /* Test Connection reads it as publishing does: every check passes. */
  g_assert_true (warta_sites_dialog_test (f->dialog));
  UI_WAIT_UNTIL (!warta_sites_dialog_is_busy (f->dialog), WAIT_MS * 3);
  for (guint i = 0; i < WARTA_WP_N_CHECKS; i++)
    g_assert_cmpint (warta_sites_dialog_get_check (f->dialog, i), ==, WARTA_WP_CHECK_PASSED);
}

/* Nothing owns org.freedesktop.secrets on the bus. */
static void
test_no_service (Fixture       *f,
                 gconstpointer  data)
{
  assert_refused_by_keyring (f, "Situs Uji");
  screenshot (f, "sites-dialog-no-keyring");
  assert_file_saved (f, "Situs Uji");
}

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* GNOME Keyring runs, started as D-Bus would start it, but has no login
 * keyring and nobody to ask for one. */
static void
test_no_login_keyring (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) daemon = NULL;
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *home = g_build_filename (f->db->dir, "home", NULL);
  gint64 deadline;

  g_assert_cmpint (g_mkdir (home, 0700), ==, 0);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", home, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "XDG_DATA_HOME");
  g_subprocess_launcher_unsetenv (launcher, "XDG_CONFIG_HOME");
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "GNOME_KEYRING_CONTROL");
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  daemon = g_subprocess_launcher_spawn (launcher, &error, "gnome-keyring-daemon", "--foreground",
                                        "--components=secrets", NULL);
  g_assert_no_error (error);

  connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  for (;;)
    {
      g_autoptr(GVariant) reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                               "org.freedesktop.DBus", "NameHasOwner",
                                                               g_variant_new ("(s)", "org.freedesktop.secrets"),
                                                               G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE,
                                                               1000, NULL, NULL);
      gboolean owned = FALSE;

      if (reply != NULL)
        g_variant_get (reply, "(b)", &owned);
      if (owned)
        break;
      if (g_get_monotonic_time () > deadline)
        g_error ("gnome-keyring-daemon did not take org.freedesktop.secrets on the test bus");
      ui_iterate (50);
    }

  assert_refused_by_keyring (f, "Situs Dua");
  screenshot (f, "sites-dialog-no-login-keyring");
  assert_file_saved (f, "Situs Dua");

  secret_service_disconnect ();
  g_subprocess_send_signal (daemon, SIGTERM);
  g_subprocess_wait (daemon, NULL, NULL);
}

/* A site that warta-cli, or another window, adds while the dialog is
 * open joins its list within two seconds: the dialog follows the
 * session's changed::sites. */
static void
test_follows_other_connection (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = write_credentials (f, "lain.txt", 0600);
  WartaSite site = { 0 };

  g_assert_null (ui_find_label (GTK_WIDGET (f->dialog), "Situs Lain", FALSE));
  site.name = (char *)"Situs Lain";
  site.url = (char *)fake_wp_get_url (f->wp);
  site.user = (char *)FAKE_WP_ADMIN;
  site.credentials_file = file;
  g_assert_cmpint (warta_engine_add_site (f->db->engine, f->db->admin, &site, &error), >, 0);
  g_assert_no_error (error);

  UI_WAIT_UNTIL (ui_find_label (GTK_WIDGET (f->dialog), "Situs Lain", FALSE) != NULL, 3000);
  screenshot (f, "sites-dialog-other-connection");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  int status;

  g_setenv ("GDK_BACKEND", "x11", TRUE);
  /* No accessibility bus on the private bus. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_test_init (&argc, &argv, NULL);

  /* Sets DBUS_SESSION_BUS_ADDRESS: libsecret, and the application, use it. */
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  /* Which GTestDBus unsets, against X11's D-Bus autolaunch. */
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);

  app = ui_application_new ();

  /* In this order: libsecret keeps a service once it found one. */
  g_test_add ("/sites-dialog/no-service", Fixture, NULL, fixture_set_up, test_no_service, fixture_tear_down);
  g_test_add ("/sites-dialog/no-login-keyring", Fixture, NULL, fixture_set_up, test_no_login_keyring,
              fixture_tear_down);
  g_test_add ("/sites-dialog/follows-other-connection", Fixture, NULL, fixture_set_up,
              test_follows_other_connection, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);
  /* Not _down, nor the last unref (which would call it): the process
   * keeps its session bus connection till the end, which _down waits on. */
  secret_service_disconnect ();
  g_test_dbus_stop (bus);
  return status;
}
