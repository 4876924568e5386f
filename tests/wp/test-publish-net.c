/* test-publish-net.c: warta-cli publishing through a hostile network
 *
 * warta-cli runs as a person runs it, against the fake WordPress of
 * fake-wp.c and two loopback listeners of this file that read whatever
 * reaches them and never answer: one stands in for an HTTP proxy named by
 * http_proxy (on 127.0.0.3), the other for a site that accepts the
 * connection and then says nothing.
 *
 * - Through a proxy: `site test` and `publish` of a plain-http loopback
 *   site go straight to the site, and the proxy sees nothing at all, let
 *   alone the Authorization header; an https site still goes through the
 *   proxy, tunnelled with CONNECT.
 * - A site that never answers: `publish --timeout 3` stops in time with
 *   a message that names the stuck stage, after one progress line a stage;
 *   Ctrl+C (SIGINT) stops it at once, and the next publish makes exactly
 *   one post.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <glib/gstdio.h>

#include "fake-wp.h"
#include "test-util.h"

#define SOP_ID "bbkk-medan-publikasi-website"
#define TITLE "Vaksinasi Jemaah Haji di Pelabuhan Belawan"

/* --- A listener that records and never answers ------------------------- */

typedef struct
{
  GSocketListener *listener;
  GCancellable    *cancellable;
  GThread         *thread;
  GMutex           lock;
  GString         *received;      /* every byte that reached it */
  GPtrArray       *readers;       /* GThread */
  guint            connections;
  gboolean         close_after_headers;
  char            *url;           /* http://ADDRESS:PORT */
} Listener;

typedef struct
{
  Listener          *listener;
  GSocketConnection *connection;
} Reader;

static gpointer
read_connection (gpointer data)
{
  Reader *reader = data;
  Listener *self = reader->listener;
  GInputStream *input = g_io_stream_get_input_stream (G_IO_STREAM (reader->connection));
  char buffer[4096];
  gssize n;

  while ((n = g_input_stream_read (input, buffer, sizeof buffer, self->cancellable, NULL)) > 0)
    {
      gboolean headers_done;

      g_mutex_lock (&self->lock);
      g_string_append_len (self->received, buffer, n);
      headers_done = strstr (self->received->str, "\r\n\r\n") != NULL;
      g_mutex_unlock (&self->lock);
      /* A proxy that fails at once, so a leak fails the test quickly. */
      if (self->close_after_headers && headers_done)
        break;
    }
  g_io_stream_close (G_IO_STREAM (reader->connection), NULL, NULL);
  g_object_unref (reader->connection);
  g_free (reader);
  return NULL;
}

static gpointer
accept_connections (gpointer data)
{
  Listener *self = data;
  GSocketConnection *connection;

  while ((connection = g_socket_listener_accept (self->listener, NULL, self->cancellable, NULL)) != NULL)
    {
      Reader *reader = g_new0 (Reader, 1);

      reader->listener = self;
      reader->connection = connection;
      g_mutex_lock (&self->lock);
      self->connections++;
      g_ptr_array_add (self->readers, g_thread_new ("reader", read_connection, reader));
      g_mutex_unlock (&self->lock);
    }
  return NULL;
}

static Listener *
listener_new (const char *address,
              gboolean    close_after_headers)
{
  Listener *self = g_new0 (Listener, 1);
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);
  g_autoptr(GSocketAddress) wanted = g_inet_socket_address_new (inet, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  g_mutex_init (&self->lock);
  self->received = g_string_new (NULL);
  self->readers = g_ptr_array_new ();
  self->close_after_headers = close_after_headers;
  self->cancellable = g_cancellable_new ();
  self->listener = g_socket_listener_new ();
  g_socket_listener_add_address (self->listener, wanted, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &bound, &error);
  g_assert_no_error (error);
  self->url = g_strdup_printf ("http://%s:%u", address,
                               g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  self->thread = g_thread_new ("listener", accept_connections, self);
  return self;
}

static void
listener_free (Listener *self)
{
  g_cancellable_cancel (self->cancellable);
  g_socket_listener_close (self->listener);
  g_thread_join (self->thread);
  for (guint i = 0; i < self->readers->len; i++)
    g_thread_join (g_ptr_array_index (self->readers, i));
  g_ptr_array_unref (self->readers);
  g_object_unref (self->listener);
  g_object_unref (self->cancellable);
  g_string_free (self->received, TRUE);
  g_mutex_clear (&self->lock);
  g_free (self->url);
  g_free (self);
}

static guint
listener_count (Listener *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->connections;
  g_mutex_unlock (&self->lock);
  return n;
}

static char *
listener_received (Listener *self)
{
  char *text;

  g_mutex_lock (&self->lock);
  text = g_strdup (self->received->str);
  g_mutex_unlock (&self->lock);
  return text;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Listener, listener_free)

/* --- The case and the sites ---------------------------------------------- */

typedef struct
{
  TestDb   *db;
  FakeWp   *wp;
  Listener *silent;   /* the site that never answers */
  gint64    web;
  gint64    case_id;
  char     *credentials;
} Fixture;

static void
add_site (Fixture    *f,
          const char *name,
          const char *url)
{
  g_autoptr(GError) error = NULL;
  WartaSite site = {
    .name = (char *)name,
    .url = (char *)url,
    .user = (char *)FAKE_WP_ADMIN,
    .credentials_file = f->credentials,
  };

  g_assert_cmpint (warta_engine_add_site (f->db->engine, f->db->admin, &site, &error), >, 0);
  g_assert_no_error (error);
}

/* Seed 002 at its publish step (6), with a nota dinas, a supporting PDF
 * and two photos; the sites read their password from a file of mode 0600. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  WartaEngine *e;
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaNaskah) naskah = NULL;
  gint64 staff, katim, kepala;

  f->db = test_db_new ();
  e = f->db->engine;
  test_db_install_seeds (f->db);
  staff = test_db_add_user (f->db, "staf", "staff-tim-kerja", NULL);
  katim = test_db_add_user (f->db, "katim", "katimker-layanan-publik-zi", NULL);
  kepala = test_db_add_user (f->db, "kepala", "kepala-satker", NULL);
  f->web = test_db_add_user (f->db, "web", "admin-website", NULL);

  f->case_id = warta_engine_start_case (e, staff, SOP_ID, TITLE, &error);
  g_assert_no_error (error);
  naskah = warta_naskah_new (f->case_id);
  g_free (naskah->title);
  g_free (naskah->body);
  naskah->title = g_strdup (TITLE);
  naskah->body = g_strdup ("Petugas **BBKK Medan** memberi vaksin meningitis kepada jemaah haji.\n");
  g_assert_true (warta_engine_save_naskah (e, staff, naskah, &error));
  g_assert_true (warta_engine_complete (e, staff, f->case_id, NULL, &error));
  test_db_meet_requirements (f->db, staff, f->case_id);
  g_assert_true (warta_engine_complete (e, staff, f->case_id, NULL, &error));
  g_assert_true (warta_engine_complete (e, katim, f->case_id, NULL, &error));
  g_assert_true (warta_engine_dispose (e, kepala, f->case_id, katim, "Periksa", &error));
  g_assert_true (warta_engine_complete (e, katim, f->case_id, NULL, &error));
  g_assert_no_error (error);
  test_db_attach (f->db, f->web, f->case_id, "foto");
  test_db_attach (f->db, f->web, f->case_id, "foto");

  f->credentials = g_build_filename (f->db->dir, "situs.txt", NULL);
  g_assert_true (g_file_set_contents_full (f->credentials, FAKE_WP_ADMIN_PASSWORD "\n", -1,
                                           G_FILE_SET_CONTENTS_NONE, 0600, &error));
  f->wp = fake_wp_new ();
  add_site (f, "Situs", fake_wp_get_url (f->wp));
  f->silent = listener_new ("127.0.0.1", FALSE);
  add_site (f, "Macet", f->silent->url);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  listener_free (f->silent);
  fake_wp_free (f->wp);
  g_free (f->credentials);
  test_db_free (f->db);
}

/* --- Running warta-cli ----------------------------------------------------- */

typedef struct
{
  int     status;     /* exit status, or 128 + signal */
  double  seconds;    /* from start to exit */
  char   *out;
  char   *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static GSubprocess *
spawn_cli (Fixture     *f,
           const char  *proxy,
           GError     **error,
           ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *cli = g_getenv ("WARTA_CLI");
  const char *variables[] = { "http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY" };
  const char *arg;
  va_list args;

  g_assert_nonnull (cli);
  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      if (proxy != NULL)
        g_subprocess_launcher_setenv (launcher, variables[i], proxy, TRUE);
      else
        g_subprocess_launcher_unsetenv (launcher, variables[i]);
    }
  g_subprocess_launcher_unsetenv (launcher, "no_proxy");
  g_subprocess_launcher_unsetenv (launcher, "NO_PROXY");
  /* No screenshot: the page is verified, then the command says it needs a
   * display. Nothing here depends on WebKit. */
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "WARTA_PASSWORD", TEST_PASSWORD, TRUE);

  g_ptr_array_add (argv, (gpointer)cli);
  g_ptr_array_add (argv, (gpointer)"--db");
  g_ptr_array_add (argv, f->db->path);
  va_start (args, error);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  return g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, error);
}

static void
wait_cli (GSubprocess *process,
          gint64       started,
          Run         *run)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->seconds = (g_get_monotonic_time () - started) / (double)G_USEC_PER_SEC;
  if (g_subprocess_get_if_exited (process))
    run->status = g_subprocess_get_exit_status (process);
  else
    run->status = 128 + g_subprocess_get_term_sig (process);
  g_test_message ("exit %d after %.1f s\nstdout:\n%s\nstderr:\n%s", run->status, run->seconds, run->out, run->err);
}

#define run_cli(f, proxy, run, ...) G_STMT_START { \
    g_autoptr(GError) spawn_error = NULL; \
    gint64 started = g_get_monotonic_time (); \
    g_autoptr(GSubprocess) cli_process = spawn_cli (f, proxy, &spawn_error, __VA_ARGS__, NULL); \
    g_assert_no_error (spawn_error); \
    wait_cli (cli_process, started, run); \
  } G_STMT_END

static void
assert_has (const char *text,
            const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” is not in:\n%s", needle, text);
}

/* --- Through a proxy -------------------------------------------------------- */

static void
assert_untouched (Listener *proxy)
{
  g_autofree char *received = listener_received (proxy);

  g_assert_null (strstr (received, "Authorization"));
  g_assert_cmpstr (received, ==, "");
  g_assert_cmpuint (listener_count (proxy), ==, 0);
}

/* The issue's own case: site test of a loopback site over plain http with
 * http_proxy set. */
static void
test_proxy_site_test (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(Listener) proxy = listener_new ("127.0.0.3", TRUE);
  g_auto(Run) run = { 0 };

  run_cli (f, proxy->url, &run, "site", "test", "Situs");
  g_assert_cmpint (run.status, ==, 0);
  assert_has (run.out, "ok");
  assert_untouched (proxy);
  g_assert_true (fake_wp_saw_authorization (f->wp, "/wp/v2/users/me"));
}

/* A whole publish and its verification, with the proxy in every variable. */
static void
test_proxy_publish (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(Listener) proxy = listener_new ("127.0.0.3", TRUE);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, f->case_id);
  g_auto(Run) run = { 0 };

  run_cli (f, proxy->url, &run, "publish", id, "--site", "Situs", "--as", "web");
  /* Verified live; only the screenshot waits for a display. */
  assert_has (run.err, "needs a display");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpuint (fake_wp_count_posts (f->wp, "publish"), ==, 1);
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM publications "
                                         "WHERE http_status = 200 AND title_found = 1"), ==, 1);
  assert_untouched (proxy);
}

/* https elsewhere still uses the office's proxy, tunnelled: the proxy
 * sees a CONNECT for the host, never the credentials. */
static void
test_proxy_https_tunnels (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(Listener) proxy = listener_new ("127.0.0.3", TRUE);
  g_autofree char *received = NULL;
  g_auto(Run) run = { 0 };

  add_site (f, "Jauh", "https://warta-proxy-test.invalid/");
  run_cli (f, proxy->url, &run, "site", "test", "Jauh");
  g_assert_cmpint (run.status, ==, 1);
  received = listener_received (proxy);
  assert_has (received, "CONNECT warta-proxy-test.invalid:443");
  g_assert_null (strstr (received, "Authorization"));
}

/* --- A site that never answers ---------------------------------------------- */

static void
test_deadline (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, f->case_id);
  g_auto(Run) run = { 0 };

  run_cli (f, NULL, &run, "publish", id, "--site", "Macet", "--timeout", "3", "--as", "web");
  g_assert_cmpint (run.status, ==, 1);
  /* The limit plus start-up (the password hash) and exit, on a busy machine */
  g_assert_cmpfloat (run.seconds, <, 6.0);
  g_assert_cmpuint (listener_count (f->silent), >=, 1);
  /* The limit said at the start, a line for the stage, and what happened */
  assert_has (run.err, "time limit 3 seconds");
  assert_has (run.err, "Connecting to the site");
  assert_has (run.err, "did not finish within its time limit of 3 seconds");
  assert_has (run.err, "connecting to the site");
  assert_has (run.err, "never makes a second post");
  /* Not a terminal: plain lines, no cursor tricks */
  g_assert_null (strchr (run.err, '\r'));
  g_assert_null (strstr (run.err, "\033["));
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM publications WHERE post_id IS NOT NULL"), ==, 0);
}

static gboolean
wait_for (gboolean (*ready) (Fixture *f),
          Fixture   *f,
          guint      ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (!ready (f))
    {
      if (g_get_monotonic_time () > until)
        return FALSE;
      g_usleep (20000);
    }
  return TRUE;
}

static gboolean
post_is_held (Fixture *f)
{
  return fake_wp_count_requests (f->wp, "POST", "/wp/v2/posts") > 0;
}

/* Ctrl+C while the site holds the post: out within 2 s, saying so; what
 * went up is remembered, and the next publish makes exactly one post. */
static void
test_interrupt (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, f->case_id);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) again = { 0 };
  FakeWpFault hang = {
    .method = "POST", .route = "/wp/v2/posts", .kind = FAKE_WP_FAULT_TIMEOUT, .delay_ms = 60000,
  };
  gint64 signalled;
  guint media;

  fake_wp_add_fault (f->wp, &hang);
  process = spawn_cli (f, NULL, &error, "publish", id, "--site", "Situs", "--as", "web", NULL);
  g_assert_no_error (error);
  g_assert_true (wait_for (post_is_held, f, 20000));
  g_usleep (200000);
  /* The files went up before the post: two photos and the PDF */
  media = fake_wp_count_media (f->wp);
  g_assert_cmpuint (media, >=, 2);

  signalled = g_get_monotonic_time ();
  g_subprocess_send_signal (process, SIGINT);
  wait_cli (process, signalled, &run);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpfloat (run.seconds, <, 2.0);
  assert_has (run.err, "Publishing was cancelled");
  assert_has (run.err, "never makes a second post");
  g_assert_cmpuint (fake_wp_count_posts (f->wp, NULL), ==, 0);
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM publication_media"), ==, media);

  run_cli (f, NULL, &again, "publish", id, "--site", "Situs", "--as", "web");
  assert_has (again.err, "needs a display");
  g_assert_cmpuint (fake_wp_count_posts (f->wp, NULL), ==, 1);
  g_assert_cmpuint (fake_wp_count_media (f->wp), ==, media);
  g_assert_cmpuint (fake_wp_count_requests (f->wp, "POST", "/wp/v2/media"), ==, media);
}

/* Ctrl+C while the site says nothing at all. */
static void
test_interrupt_silent (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, f->case_id);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  gint64 until = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  gint64 signalled;

  process = spawn_cli (f, NULL, &error, "publish", id, "--site", "Macet", "--as", "web", NULL);
  g_assert_no_error (error);
  while (listener_count (f->silent) == 0 && g_get_monotonic_time () < until)
    g_usleep (20000);
  g_assert_cmpuint (listener_count (f->silent), ==, 1);
  g_usleep (200000);

  signalled = g_get_monotonic_time ();
  g_subprocess_send_signal (process, SIGINT);
  wait_cli (process, signalled, &run);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpfloat (run.seconds, <, 2.0);
  assert_has (run.err, "time limit 2 minutes");
  assert_has (run.err, "Publishing was cancelled");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/publish-net/proxy/site-test", test_proxy_site_test);
  ADD ("/publish-net/proxy/publish", test_proxy_publish);
  ADD ("/publish-net/proxy/https-tunnels", test_proxy_https_tunnels);
  ADD ("/publish-net/deadline", test_deadline);
  ADD ("/publish-net/interrupt", test_interrupt);
  ADD ("/publish-net/interrupt-silent", test_interrupt_silent);
#undef ADD

  return g_test_run ();
}
