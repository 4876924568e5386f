/* test-credentials.c: a site's Application Password, in a file and in a real Secret Service
 *
 * The keyring tests run a real gnome-keyring-daemon (Debian: gnome-keyring)
 * on a private D-Bus bus of their own (GTestDBus), with HOME and the XDG
 * directories in a temporary directory. So they never reach the person's
 * own keyring, and they run the same inside dbus-run-session (make test)
 * and without any session bus (make test-asan). They fail, not skip, when
 * dbus-daemon or gnome-keyring-daemon is missing.
 *
 * To run them alone:
 *   meson test -C build credentials
 *   build/tests/credentials/test-credentials -p /credentials/keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "warta-credentials.h"

/* Grouped as WordPress shows an Application Password. */
#define APP_PASSWORD "abcd EFGH 1234 ijkl MNOP 5678"
#define SITE_URL "https://bbkk.example.go.id"
#define SITE_USER "admin@bbkk"
/* The private keyring's own password, fed to --unlock. */
#define KEYRING_PASSWORD "warta-test-keyring"
#define LOGIN_COLLECTION "/org/freedesktop/secrets/collection/login"

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);

  if (dir != NULL)
    {
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_remove (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

static char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("warta-cred-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static char *
write_file (const char *dir,
            const char *name,
            const char *contents,
            gssize      length,
            int         mode)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
  return path;
}

static void
assert_refused (const char *path,
                int         code)
{
  g_autoptr(GError) error = NULL;
  char *password = warta_credentials_read_file (path, &error);

  g_assert_null (password);
  g_assert_error (error, WARTA_CREDENTIALS_ERROR, code);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  g_assert_false (warta_credentials_check_file (path, &error));
  g_assert_error (error, WARTA_CREDENTIALS_ERROR, code);
}

static void
assert_reads (const char *path,
              const char *expected)
{
  g_autoptr(GError) error = NULL;
  char *password = warta_credentials_read_file (path, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, expected);
  secret_password_free (password);

  g_assert_true (warta_credentials_check_file (path, &error));
  g_assert_no_error (error);
}

static void
test_file_modes (void)
{
  g_autofree char *dir = make_tmp_dir ();
  const int allowed[] = { 0600, 0400 };
  const int refused[] = { 0640, 0604, 0644, 0660, 0606, 0620, 0602 };

  for (gsize i = 0; i < G_N_ELEMENTS (allowed); i++)
    {
      g_autofree char *name = g_strdup_printf ("ok-%o", allowed[i]);
      g_autofree char *path = write_file (dir, name, APP_PASSWORD "\n", -1, allowed[i]);

      assert_reads (path, APP_PASSWORD);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *name = g_strdup_printf ("open-%o", refused[i]);
      g_autofree char *path = write_file (dir, name, APP_PASSWORD "\n", -1, refused[i]);
      g_autofree char *mode = g_strdup_printf ("%04o", refused[i]);
      g_autoptr(GError) error = NULL;

      assert_refused (path, WARTA_CREDENTIALS_ERROR_INSECURE);
      g_assert_null (warta_credentials_read_file (path, &error));
      g_assert_nonnull (strstr (error->message, "chmod 600"));
      g_assert_nonnull (strstr (error->message, mode));
      g_assert_null (strstr (error->message, APP_PASSWORD));
    }

  remove_tree (dir);
}

/* Only root can give a file away; as anyone else, the check is the same
 * comparison as for the mode, and is covered by reading it. */
static void
test_file_owner (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (geteuid () != 0)
    {
      g_test_skip ("Needs root to give a file to another user");
      return;
    }

  dir = make_tmp_dir ();
  path = write_file (dir, "theirs", APP_PASSWORD "\n", -1, 0600);
  g_assert_cmpint (chown (path, 65534, 65534), ==, 0);

  assert_refused (path, WARTA_CREDENTIALS_ERROR_INSECURE);
  g_assert_null (warta_credentials_read_file (path, &error));
  g_assert_nonnull (strstr (error->message, "chmod 600"));
  g_assert_nonnull (strstr (error->message, "0600"));

  remove_tree (dir);
}

static void
test_file_not_regular (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *target = write_file (dir, "target", APP_PASSWORD "\n", -1, 0600);
  g_autofree char *link = g_build_filename (dir, "link", NULL);
  g_autofree char *subdir = g_build_filename (dir, "subdir", NULL);
  g_autofree char *fifo = g_build_filename (dir, "fifo", NULL);
  gint64 start;

  g_assert_cmpint (symlink (target, link), ==, 0);
  assert_refused (link, WARTA_CREDENTIALS_ERROR_INSECURE);

  g_assert_cmpint (g_mkdir (subdir, 0700), ==, 0);
  assert_refused (subdir, WARTA_CREDENTIALS_ERROR_INSECURE);

  /* Opening a FIFO with no writer must not block. */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  start = g_get_monotonic_time ();
  assert_refused (fifo, WARTA_CREDENTIALS_ERROR_INSECURE);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);

  remove_tree (dir);
}

static void
test_file_unreadable (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *missing = g_build_filename (dir, "missing", NULL);
  g_autofree char *empty = write_file (dir, "empty", "", 0, 0600);
  g_autofree char *blank = write_file (dir, "blank", " \t\r\n", -1, 0600);
  g_autofree char *second = write_file (dir, "second", "\n" APP_PASSWORD "\n", -1, 0600);
  g_autofree char *binary = write_file (dir, "binary", "abc\0def\n", 8, 0600);
  g_autofree char *latin1 = write_file (dir, "latin1", "kata\xe9sandi\n", -1, 0600);

  assert_refused (missing, WARTA_CREDENTIALS_ERROR_FILE);
  assert_refused (empty, WARTA_CREDENTIALS_ERROR_FILE);
  assert_refused (blank, WARTA_CREDENTIALS_ERROR_FILE);
  assert_refused (second, WARTA_CREDENTIALS_ERROR_FILE);
  assert_refused (binary, WARTA_CREDENTIALS_ERROR_FILE);
  assert_refused (latin1, WARTA_CREDENTIALS_ERROR_FILE);

  remove_tree (dir);
}

static void
test_file_first_line (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *padded = write_file (dir, "padded", " \t" APP_PASSWORD " \t\r\nsecond line\n", -1, 0600);
  g_autofree char *bare = write_file (dir, "bare", APP_PASSWORD, -1, 0600);
  g_autofree char *crlf = write_file (dir, "crlf", APP_PASSWORD "\r\n", -1, 0600);

  assert_reads (padded, APP_PASSWORD);
  assert_reads (bare, APP_PASSWORD);
  assert_reads (crlf, APP_PASSWORD);

  remove_tree (dir);
}

static void
test_file_long (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *filler = g_strnfill (10000, 'x');
  g_autofree char *long_tail = g_strconcat (APP_PASSWORD "\n", filler, "\n", NULL);
  g_autofree char *tail_path = write_file (dir, "tail", long_tail, -1, 0600);
  g_autofree char *long_line_path = write_file (dir, "line", filler, -1, 0600);
  g_autofree char *exact = g_strnfill (4096, 'y');
  g_autofree char *exact_path = write_file (dir, "exact", exact, -1, 0600);
  g_autofree char *exact_nl = g_strconcat (exact, "\n", NULL);
  g_autofree char *exact_nl_path = write_file (dir, "exact-nl", exact_nl, -1, 0600);
  g_autoptr(GError) error = NULL;

  /* Only the first line matters, however long the rest. */
  assert_reads (tail_path, APP_PASSWORD);

  /* A first line past 4 KiB is not a password. */
  assert_refused (long_line_path, WARTA_CREDENTIALS_ERROR_FILE);
  g_assert_null (warta_credentials_read_file (long_line_path, &error));
  g_assert_nonnull (strstr (error->message, "4 KiB"));

  /* A line of exactly 4 KiB fits where the file ends with it; followed
   * by a newline, it runs past what is read, and is refused. */
  assert_reads (exact_path, exact);
  assert_refused (exact_nl_path, WARTA_CREDENTIALS_ERROR_FILE);

  remove_tree (dir);
}

/* A private bus with gnome-keyring-daemon on it, its keyrings in @dir. */
typedef struct
{
  char        *dir;
  GTestDBus   *bus;
  GSubprocess *daemon;
} Keyring;

static GVariant *
call_secrets (GDBusConnection *connection,
              const char      *path,
              const char      *interface,
              const char      *method,
              GVariant        *parameters,
              GError         **error)
{
  return g_dbus_connection_call_sync (connection, "org.freedesktop.secrets", path, interface, method,
                                      parameters, NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START,
                                      1000, NULL, error);
}

/* The name appears before the daemon has made and unlocked the login
 * keyring; a store before that would ask to create a keyring, which
 * prompts. */
static gboolean
keyring_ready (GDBusConnection *connection)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) locked = NULL;
  const char *path = NULL;

  reply = call_secrets (connection, "/org/freedesktop/secrets", "org.freedesktop.Secret.Service",
                        "ReadAlias", g_variant_new ("(s)", "default"), NULL);
  if (reply == NULL)
    return FALSE;
  g_variant_get (reply, "(&o)", &path);
  if (g_strcmp0 (path, LOGIN_COLLECTION) != 0)
    return FALSE;

  g_clear_pointer (&reply, g_variant_unref);
  reply = call_secrets (connection, LOGIN_COLLECTION, "org.freedesktop.DBus.Properties", "Get",
                        g_variant_new ("(ss)", "org.freedesktop.Secret.Collection", "Locked"), NULL);
  if (reply == NULL)
    return FALSE;
  g_variant_get (reply, "(v)", &locked);
  return !g_variant_get_boolean (locked);
}

static GDBusConnection *
open_private_connection (Keyring *keyring)
{
  g_autoptr(GError) error = NULL;
  GDBusConnection *connection;

  connection = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (keyring->bus),
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);
  return connection;
}

/* A test that fails aborts, and must not leave the daemon running. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
keyring_start (Keyring *keyring)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *home = NULL;
  g_autofree char *runtime = NULL;
  GOutputStream *input;
  gint64 deadline;

  keyring->dir = make_tmp_dir ();
  home = g_build_filename (keyring->dir, "home", NULL);
  runtime = g_build_filename (keyring->dir, "run", NULL);
  g_assert_cmpint (g_mkdir (home, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (runtime, 0700), ==, 0);

  /* Sets DBUS_SESSION_BUS_ADDRESS, for libsecret here and for the daemon. */
  keyring->bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (keyring->bus);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "XDG_DATA_HOME");
  g_subprocess_launcher_unsetenv (launcher, "XDG_CONFIG_HOME");
  g_subprocess_launcher_unsetenv (launcher, "XDG_CACHE_HOME");
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "GNOME_KEYRING_CONTROL");
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);

  /* --unlock reads the login keyring's password from stdin, and makes
   * the keyring with it when there is none: unlocked, and the "default"
   * alias. An empty stdin makes none, so the password is not empty. */
  keyring->daemon = g_subprocess_launcher_spawn (launcher, &error, "gnome-keyring-daemon", "--foreground",
                                                 "--components=secrets", "--unlock", NULL);
  g_assert_no_error (error);

  input = g_subprocess_get_stdin_pipe (keyring->daemon);
  g_output_stream_write_all (input, KEYRING_PASSWORD, strlen (KEYRING_PASSWORD), NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (input, NULL, &error);
  g_assert_no_error (error);

  connection = open_private_connection (keyring);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!keyring_ready (connection))
    {
      /* The identifier goes once the daemon has exited. */
      if (g_subprocess_get_identifier (keyring->daemon) == NULL || g_get_monotonic_time () > deadline)
        g_error ("gnome-keyring-daemon did not make an unlocked login keyring on the test bus");
      g_usleep (G_USEC_PER_SEC / 20);
    }
}

static void
keyring_stop (Keyring *keyring)
{
  g_autoptr(GError) error = NULL;

  /* libsecret keeps its service, and with it the bus connection, which
   * g_test_dbus_down() waits to see released. */
  secret_service_disconnect ();

  g_subprocess_send_signal (keyring->daemon, SIGTERM);
  g_subprocess_wait (keyring->daemon, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&keyring->daemon);

  g_test_dbus_down (keyring->bus);
  g_clear_object (&keyring->bus);

  remove_tree (keyring->dir);
  g_clear_pointer (&keyring->dir, g_free);
}

static void
assert_lookup (const char *url,
               const char *user,
               const char *expected)
{
  g_autoptr(GError) error = NULL;
  char *password = warta_credentials_lookup (url, user, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, expected);
  secret_password_free (password);
}

static void
assert_not_found (const char *url,
                  const char *user)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (warta_credentials_lookup (url, user, NULL, &error));
  g_assert_error (error, WARTA_CREDENTIALS_ERROR, WARTA_CREDENTIALS_ERROR_NOT_FOUND);
}

/* The items the schema holds for @url and @user, in any collection. */
static GList *
find_items (const char *url,
            const char *user)
{
  g_autoptr(GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  GList *items;

  g_hash_table_insert (attributes, (char *)"xdg:schema", (char *)"id.warta.Warta.Site");
  g_hash_table_insert (attributes, (char *)"url", (char *)url);
  g_hash_table_insert (attributes, (char *)"user", (char *)user);
  items = secret_service_search_sync (NULL, NULL, attributes, SECRET_SEARCH_ALL, NULL, &error);
  g_assert_no_error (error);
  return items;
}

static void
lock_login (Keyring *keyring)
{
  g_autoptr(GDBusConnection) connection = open_private_connection (keyring);
  const char *paths[] = { LOGIN_COLLECTION, NULL };
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = call_secrets (connection, "/org/freedesktop/secrets", "org.freedesktop.Secret.Service", "Lock",
                        g_variant_new ("(^ao)", paths), &error);
  g_assert_no_error (error);
}

/* Cancels a call that waits on a prompt nobody answers, so that a hang
 * fails the test with a message, not on meson's timeout. */
typedef struct
{
  GMutex        lock;
  GCond         cond;
  gboolean      done;
  GCancellable *cancellable;
  GThread      *thread;
} Watchdog;

static gpointer
watchdog_run (gpointer data)
{
  Watchdog *watchdog = data;
  gint64 deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;

  g_mutex_lock (&watchdog->lock);
  while (!watchdog->done)
    {
      if (!g_cond_wait_until (&watchdog->cond, &watchdog->lock, deadline))
        {
          g_cancellable_cancel (watchdog->cancellable);
          break;
        }
    }
  g_mutex_unlock (&watchdog->lock);
  return NULL;
}

static void
watchdog_start (Watchdog *watchdog)
{
  g_mutex_init (&watchdog->lock);
  g_cond_init (&watchdog->cond);
  watchdog->cancellable = g_cancellable_new ();
  watchdog->thread = g_thread_new ("watchdog", watchdog_run, watchdog);
}

static void
watchdog_stop (Watchdog *watchdog)
{
  g_mutex_lock (&watchdog->lock);
  watchdog->done = TRUE;
  g_cond_signal (&watchdog->cond);
  g_mutex_unlock (&watchdog->lock);
  g_thread_join (watchdog->thread);
  g_clear_object (&watchdog->cancellable);
  g_mutex_clear (&watchdog->lock);
  g_cond_clear (&watchdog->cond);
}

static void
test_keyring (void)
{
  Keyring keyring = { 0 };
  Watchdog watchdog = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  GCancellable *cancellable;
  GList *items;

  keyring_start (&keyring);

  g_assert_true (warta_credentials_store (SITE_URL, SITE_USER, APP_PASSWORD, "Warta: Situs BBKK (admin@bbkk)",
                                          NULL, &error));
  g_assert_no_error (error);
  assert_lookup (SITE_URL, SITE_USER, APP_PASSWORD);

  /* Kept in the login keyring, which outlives the session. */
  items = find_items (SITE_URL, SITE_USER);
  g_assert_cmpuint (g_list_length (items), ==, 1);
  g_assert_true (g_str_has_prefix (g_dbus_proxy_get_object_path (items->data), LOGIN_COLLECTION "/"));
  label = secret_item_get_label (items->data);
  g_assert_cmpstr (label, ==, "Warta: Situs BBKK (admin@bbkk)");
  g_list_free_full (items, g_object_unref);

  /* Another user, or another site, sees nothing. */
  assert_not_found (SITE_URL, "editor@bbkk");
  assert_not_found ("https://other.example.go.id", SITE_USER);
  assert_not_found (SITE_URL "/", SITE_USER);

  /* A second store replaces the first rather than adding to it. */
  g_assert_true (warta_credentials_store (SITE_URL, SITE_USER, "wxyz 9876 WXYZ 5432 qrst 1098", NULL,
                                          NULL, &error));
  g_assert_no_error (error);
  assert_lookup (SITE_URL, SITE_USER, "wxyz 9876 WXYZ 5432 qrst 1098");
  items = find_items (SITE_URL, SITE_USER);
  g_assert_cmpuint (g_list_length (items), ==, 1);
  g_list_free_full (items, g_object_unref);

  /* Two sites side by side. */
  g_assert_true (warta_credentials_store ("https://other.example.go.id", SITE_USER, APP_PASSWORD,
                                          "Warta: other", NULL, &error));
  g_assert_no_error (error);
  assert_lookup ("https://other.example.go.id", SITE_USER, APP_PASSWORD);
  assert_lookup (SITE_URL, SITE_USER, "wxyz 9876 WXYZ 5432 qrst 1098");

  /* Cleared, and clearing again is no error. */
  g_assert_true (warta_credentials_clear (SITE_URL, SITE_USER, NULL, &error));
  g_assert_no_error (error);
  assert_not_found (SITE_URL, SITE_USER);
  g_assert_true (warta_credentials_clear (SITE_URL, SITE_USER, NULL, &error));
  g_assert_no_error (error);
  assert_lookup ("https://other.example.go.id", SITE_USER, APP_PASSWORD);

  /* Locked, with nobody to answer the unlock prompt: the daemon on this
   * bus finds no prompter and dismisses it. The watchdog turns a hang
   * into a failure. */
  lock_login (&keyring);
  watchdog_start (&watchdog);
  cancellable = watchdog.cancellable;
  g_assert_null (warta_credentials_lookup ("https://other.example.go.id", SITE_USER, cancellable, &error));
  g_assert_error (error, WARTA_CREDENTIALS_ERROR, WARTA_CREDENTIALS_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_false (warta_credentials_clear ("https://other.example.go.id", SITE_USER, cancellable, &error));
  g_assert_error (error, WARTA_CREDENTIALS_ERROR, WARTA_CREDENTIALS_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_false (warta_credentials_store (SITE_URL, SITE_USER, APP_PASSWORD, NULL, cancellable, &error));
  g_assert_error (error, WARTA_CREDENTIALS_ERROR, WARTA_CREDENTIALS_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_false (g_cancellable_is_cancelled (cancellable));
  watchdog_stop (&watchdog);

  keyring_stop (&keyring);
}

static void
assert_no_service (void)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_null (warta_credentials_lookup (SITE_URL, SITE_USER, NULL, &error));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_error (error, WARTA_CREDENTIALS_ERROR, WARTA_CREDENTIALS_ERROR_NO_SERVICE);
  g_assert_nonnull (strstr (error->message, "--credentials-file"));
  g_assert_nonnull (strstr (error->message, "0600"));
  g_clear_error (&error);

  g_assert_false (warta_credentials_store (SITE_URL, SITE_USER, APP_PASSWORD, NULL, NULL, &error));
  g_assert_error (error, WARTA_CREDENTIALS_ERROR, WARTA_CREDENTIALS_ERROR_NO_SERVICE);
  g_assert_null (strstr (error->message, APP_PASSWORD));
  g_clear_error (&error);

  g_assert_false (warta_credentials_clear (SITE_URL, SITE_USER, NULL, &error));
  g_assert_error (error, WARTA_CREDENTIALS_ERROR, WARTA_CREDENTIALS_ERROR_NO_SERVICE);
}

/* In a subprocess each: libsecret keeps its service for the process. */
static void
test_no_service (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GTestDBus) bus = g_test_dbus_new (G_TEST_DBUS_NONE);

      /* A bus where nothing owns org.freedesktop.secrets, and nothing
       * can be started as it. */
      g_test_dbus_up (bus);
      assert_no_service ();
      secret_service_disconnect ();
      g_test_dbus_down (bus);
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_no_bus (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *runtime = make_tmp_dir ();

      /* No address, no $XDG_RUNTIME_DIR/bus, no X11 display to
       * autolaunch one for. */
      g_test_dbus_unset ();
      g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);
      g_unsetenv ("WAYLAND_DISPLAY");
      assert_no_service ();
      remove_tree (runtime);
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/credentials/file/modes", test_file_modes);
  g_test_add_func ("/credentials/file/owner", test_file_owner);
  g_test_add_func ("/credentials/file/not-regular", test_file_not_regular);
  g_test_add_func ("/credentials/file/unreadable", test_file_unreadable);
  g_test_add_func ("/credentials/file/first-line", test_file_first_line);
  g_test_add_func ("/credentials/file/long", test_file_long);
  g_test_add_func ("/credentials/keyring", test_keyring);
  g_test_add_func ("/credentials/no-service", test_no_service);
  g_test_add_func ("/credentials/no-bus", test_no_bus);

  return g_test_run ();
}
