/* test-pg-faults.c: an office server that dies, refuses, or is not one
 *
 * Run under pg/with-cluster.sh, whose server this test kills (SIGKILL to
 * the postmaster, as a power cut or the OOM killer would) and starts again
 * (WARTA_TEST_PG_CTL). A berkas is before or after an action, never
 * between; the engine connects again by itself on the next action. The
 * ways an office server cannot be opened each say what to check, through
 * the store, the engine, and warta-cli.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "test-util.h"

/* The write lock of warta_store_begin() */
#define WRITE_LOCK "2026121701"

static PGconn *
raw_connect (const char *dbname)
{
  g_autofree char *conninfo = g_strdup_printf ("host=%s port=%s user=postgres dbname=%s",
                                               g_getenv ("WARTA_TEST_PG_HOST"), g_getenv ("WARTA_TEST_PG_PORT"),
                                               dbname);
  PGconn *conn = PQconnectdb (conninfo);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("%s: %s", conninfo, PQerrorMessage (conn));
  return conn;
}

static void
raw_exec (PGconn     *conn,
          const char *sql)
{
  PGresult *res = PQexec (conn, sql);

  if (PQresultStatus (res) != PGRES_COMMAND_OK && PQresultStatus (res) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (res);
}

static gint64
raw_number (PGconn     *conn,
            const char *sql)
{
  PGresult *res = PQexec (conn, sql);
  gint64 n;

  if (PQresultStatus (res) != PGRES_TUPLES_OK || PQntuples (res) != 1)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  n = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
  PQclear (res);
  return n;
}

/* The server */

static void
server_ctl (const char *first,
            ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, (gpointer)g_getenv ("WARTA_TEST_PG_CTL"));
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s %s: %s", (char *)argv->pdata[0], first, err);
}

static GPid
postmaster_pid (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("WARTA_TEST_PG_DATA"), "postmaster.pid", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return (GPid)g_ascii_strtoll (text, NULL, 10);
}

/* A process gone, or a zombie its new parent has yet to reap. */
static gboolean
process_gone (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int)pid);
  g_autofree char *stat = NULL;
  const char *end;

  if (!g_file_get_contents (path, &stat, NULL, NULL))
    return TRUE;
  end = strrchr (stat, ')');
  return end != NULL && end[1] == ' ' && end[2] == 'Z';
}

/* The server's processes: the postmaster's children. */
static GArray *
children_of (GPid parent)
{
  GArray *pids = g_array_new (FALSE, FALSE, sizeof (GPid));
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;

  while (proc != NULL && (name = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *path = g_strdup_printf ("/proc/%s/stat", name);
      g_autofree char *stat = NULL;
      const char *end;
      GPid pid;

      if (!g_ascii_isdigit (name[0]) || !g_file_get_contents (path, &stat, NULL, NULL))
        continue;
      /* pid (comm) state ppid … */
      if ((end = strrchr (stat, ')')) == NULL || strlen (end) < 5)
        continue;
      if ((GPid)g_ascii_strtoll (end + 4, NULL, 10) != parent)
        continue;
      pid = (GPid)g_ascii_strtoll (name, NULL, 10);
      g_array_append_val (pids, pid);
    }
  return pids;
}

/* SIGKILL to the postmaster, as a power cut would do it; its children
 * end by themselves when they see it gone (or are killed after 10 s,
 * so that the next start finds no shared memory in use). */
static void
kill_server (void)
{
  GPid postmaster = postmaster_pid ();
  g_autoptr(GArray) children = children_of (postmaster);
  gint64 deadline;
  PGconn *conn = raw_connect ("postgres");

  /* What committed is on disk first: with-cluster.sh's server commits
   * without waiting for its WAL (synchronous_commit = off), which a
   * real office's would not lose. */
  raw_exec (conn, "CHECKPOINT");
  PQfinish (conn);

  g_assert_cmpint (kill (postmaster, SIGKILL), ==, 0);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  for (guint i = 0; i < children->len; i++)
    {
      GPid child = g_array_index (children, GPid, i);

      while (!process_gone (child) && g_get_monotonic_time () < deadline)
        g_usleep (10000);
      if (!process_gone (child))
        kill (child, SIGKILL);
    }
  while (!process_gone (postmaster))
    g_usleep (10000);

  /* A container's first process may never reap the dead postmaster, and
   * the next one refuses a lock file whose process exists, a zombie as
   * well (and the socket's): they go, as one would remove them by hand
   * after a crash. */
  if (kill (postmaster, 0) == 0)
    {
      g_autofree char *lock = g_build_filename (g_getenv ("WARTA_TEST_PG_DATA"), "postmaster.pid", NULL);
      g_autofree char *socket_lock = g_strdup_printf ("%s/.s.PGSQL.%s.lock", g_getenv ("WARTA_TEST_PG_HOST"),
                                                      g_getenv ("WARTA_TEST_PG_PORT"));

      g_assert_cmpint (g_unlink (lock), ==, 0);
      g_unlink (socket_lock);
    }
}

/* Until a backend of the cluster waits as the SQL says (poll on a
 * connection of the test's own). */
static void
wait_for_backend (const char *where)
{
  PGconn *conn = raw_connect ("postgres");
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM pg_stat_activity WHERE %s", where);
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (raw_number (conn, sql) == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (5000);
    }
  PQfinish (conn);
}

/* An action in a thread of its own, to be cut off */

typedef struct
{
  WartaEngine *engine;
  gint64       actor;
  gint64       case_id;
  const char  *step;
  gint64       to_user;  /* a disposition to this person; 0: complete */
  GError      *error;
} Action;

static gpointer
act_in_thread (gpointer data)
{
  Action *action = data;
  gboolean ok;

  if (action->to_user != 0)
    ok = warta_engine_dispose_step (action->engine, action->actor, action->case_id, action->step, action->to_user,
                                    "Terbitkan", WARTA_SIFAT_BIASA, 0, &action->error);
  else
    ok = warta_engine_complete_step (action->engine, action->actor, action->case_id, action->step, NULL,
                                     &action->error);
  return GINT_TO_POINTER (ok);
}

typedef struct
{
  gint64 runs, events;
  char  *active;
} State;

static State
state_of (TestDb *db,
          gint64  case_id)
{
  PGconn *conn = raw_connect (db->pg_database);
  g_autofree char *runs = g_strdup_printf ("SELECT count (*) FROM step_runs WHERE case_id = %" G_GINT64_FORMAT, case_id);
  g_autofree char *events = g_strdup_printf ("SELECT count (*) FROM journal WHERE case_id = %" G_GINT64_FORMAT, case_id);
  g_autofree char *active = g_strdup_printf ("SELECT coalesce (max (CAST (step_id AS integer)), 0) FROM step_runs "
                                             "WHERE case_id = %" G_GINT64_FORMAT " AND completed_at IS NULL", case_id);
  State state = { raw_number (conn, runs), raw_number (conn, events), NULL };

  state.active = g_strdup_printf ("%" G_GINT64_FORMAT, raw_number (conn, active));
  PQfinish (conn);
  return state;
}

static void
assert_journal (WartaStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 n = 0, bad = -1;

  g_assert_true (warta_journal_verify (store, &n, &bad, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n, >, 0);
}

/* Kills the server while the action in a thread is where wait_where
 * says, starts it again, and checks that the berkas is as it was before. */
static void
cut_off (TestDb     *db,
         Action     *action,
         const char *wait_where)
{
  State before = state_of (db, action->case_id), after;
  GThread *thread;

  thread = g_thread_new ("action", act_in_thread, action);
  wait_for_backend (wait_where);
  kill_server ();
  g_assert_null (g_thread_join (thread));
  g_assert_error (action->error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_DISCONNECTED);
  g_test_message ("cut off: %s", action->error->message);
  server_ctl ("start", NULL);

  after = state_of (db, action->case_id);
  g_assert_cmpint (after.runs, ==, before.runs);
  g_assert_cmpint (after.events, ==, before.events);
  g_assert_cmpstr (after.active, ==, before.active);
  g_free (before.active);
  g_free (after.active);
}

static void
test_killed_mid_action (void)
{
  g_autoptr(TestDb) db = test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaCase) kase = NULL;
  gint64 staff, katim, kepala, id;
  Action action = { 0 };
  PGconn *holder;
  State state;
  gboolean ok;

  test_db_install_seeds (db);
  staff = test_db_add_user (db, "staf", "staff-tim-kerja", NULL);
  katim = test_db_add_user (db, "katim", "katimker-layanan-publik-zi", NULL);
  kepala = test_db_add_user (db, "kepala", "kepala-satker", NULL);
  id = warta_engine_start_case (db->engine, staff, "bbkk-medan-publikasi-website", "Padam", &error);
  g_assert_no_error (error);
  test_db_write_naskah (db, staff, id);
  g_assert_true (warta_engine_complete (db->engine, staff, id, NULL, &error));
  test_db_meet_requirements (db, staff, id);

  /* 1. Waiting for the write lock, inside its transaction: another
   * connection holds it */
  holder = raw_connect (db->pg_database);
  raw_exec (holder, "SELECT pg_advisory_lock (" WRITE_LOCK ")");
  action = (Action) { db->engine, staff, id, "2", 0, NULL };
  cut_off (db, &action, "wait_event_type = 'Lock' AND wait_event = 'advisory'");
  g_clear_error (&action.error);
  PQfinish (holder);  /* its server is gone */

  /* the next action connects again by itself, and finds step 2 still to do */
  g_assert_true (warta_engine_complete_step (db->engine, staff, id, "2", NULL, &error));
  g_assert_no_error (error);
  assert_journal (db->store);

  /* 2. Between the action's statements: step 3's run is finished and
   * step 4's inserted when the server goes */
  holder = raw_connect (db->pg_database);
  raw_exec (holder, "CREATE FUNCTION test_pause () RETURNS trigger LANGUAGE plpgsql AS "
                    "$$ BEGIN PERFORM pg_sleep (60); RETURN NULL; END $$; "
                    "CREATE TRIGGER test_pause AFTER INSERT ON step_runs FOR EACH ROW EXECUTE FUNCTION test_pause ()");
  PQfinish (holder);
  action = (Action) { db->engine, katim, id, "3", 0, NULL };
  cut_off (db, &action, "wait_event = 'PgSleep'");
  g_clear_error (&action.error);
  holder = raw_connect (db->pg_database);
  raw_exec (holder, "DROP TRIGGER test_pause ON step_runs; DROP FUNCTION test_pause ()");
  PQfinish (holder);

  kase = warta_store_get_case (db->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kase->active->step_id, ==, "3");
  g_assert_cmpint (kase->active->completed_at, ==, 0);
  assert_journal (db->store);
  g_assert_true (warta_engine_complete_step (db->engine, katim, id, "3", NULL, &error));
  g_assert_no_error (error);

  /* 3. During its COMMIT (a deferred trigger pauses it there): whether
   * it committed is unknown to the desk, which says so rather than try
   * again; here the server had not, and the berkas is as before */
  holder = raw_connect (db->pg_database);
  raw_exec (holder, "CREATE FUNCTION test_pause () RETURNS trigger LANGUAGE plpgsql AS "
                    "$$ BEGIN PERFORM pg_sleep (60); RETURN NULL; END $$; "
                    "CREATE CONSTRAINT TRIGGER test_pause AFTER INSERT ON journal DEFERRABLE INITIALLY DEFERRED "
                    "FOR EACH ROW EXECUTE FUNCTION test_pause ()");
  PQfinish (holder);
  action = (Action) { db->engine, kepala, id, "4", katim, NULL };
  cut_off (db, &action, "wait_event = 'PgSleep' AND query = 'COMMIT'");
  g_assert_nonnull (strstr (action.error->message, "whether the change was saved is unknown"));
  g_clear_error (&action.error);
  holder = raw_connect (db->pg_database);
  raw_exec (holder, "DROP TRIGGER test_pause ON journal; DROP FUNCTION test_pause ()");
  PQfinish (holder);
  g_clear_pointer (&kase, warta_case_free);
  kase = warta_store_get_case (db->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kase->active->step_id, ==, "4");
  assert_journal (db->store);

  /* 4. Restarted while the desk sat idle: the statements it had prepared
   * went with the old connection; the next action does not notice */
  kill_server ();
  server_ctl ("start", NULL);
  ok = warta_engine_dispose_step (db->engine, kepala, id, "4", katim, "Terbitkan", WARTA_SIFAT_BIASA, 0, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  state = state_of (db, id);
  g_assert_cmpstr (state.active, ==, "5");
  g_assert_cmpint (state.runs, ==, 5);
  g_free (state.active);
  assert_journal (db->store);
}

/* Opening what is no office server */

/* warta-cli --db CONNINFO case list: fails, and says message on stderr. */
static void
assert_cli_says (const char *conninfo,
                 const char *message)
{
  const char *argv[] = { g_getenv ("WARTA_CLI"), "--db", conninfo, "case", "list", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  int status = 0;

  g_assert_nonnull (argv[0]);
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  if (strstr (err, message) == NULL)
    g_error ("warta-cli --db %s: “%s” not in its stderr: %s", conninfo, message, err);
}

/* The store, the engine (as a person) and warta-cli all refuse conninfo
 * with code and a message that starts with message. */
static void
assert_open_fails (const char *conninfo,
                   const char *password,
                   int         code,
                   const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaStore) store = warta_store_open_server (conninfo, password, &error);
  g_autoptr(WartaEngine) engine = NULL;

  g_assert_null (store);
  g_assert_error (error, WARTA_STORE_ERROR, code);
  g_test_message ("refused: %s", error->message);
  if (!g_str_has_prefix (error->message, message))
    g_error ("“%s” is not “%s…”", error->message, message);
  g_clear_error (&error);

  engine = warta_engine_open_server (conninfo, "postgres", password, &error);
  g_assert_null (engine);
  g_assert_error (error, WARTA_STORE_ERROR, code);
  g_assert_true (g_str_has_prefix (error->message, message));

  assert_cli_says (conninfo, message);
}

/* Something on a port that answers what no PostgreSQL would */
typedef struct
{
  GSocketListener *listener;
  GCancellable    *cancellable;
  guint16          port;
} Garbage;

static gpointer
garbage_serve (gpointer data)
{
  Garbage *garbage = data;
  GSocketConnection *connection;

  while ((connection = g_socket_listener_accept (garbage->listener, NULL, garbage->cancellable, NULL)) != NULL)
    {
      static const char answer[] = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n";
      GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));

      g_output_stream_write_all (out, answer, sizeof answer - 1, NULL, NULL, NULL);
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
      g_object_unref (connection);
    }
  return NULL;
}

static char *
make_certificate (const char *dir,
                  const char *name,
                  const char *common_name)
{
  g_autofree char *key = g_strdup_printf ("%s/%s.key", dir, name);
  g_autofree char *crt = g_strdup_printf ("%s/%s.crt", dir, name);
  g_autofree char *subject = g_strdup_printf ("/CN=%s", common_name);
  g_autofree char *san = g_strdup_printf ("subjectAltName=DNS:%s", common_name);
  const char *argv[] = { "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                         "-subj", subject, "-addext", san, "-keyout", key, "-out", crt, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("openssl: %s", err);
  return g_strdup_printf ("%s/%s", dir, name);
}

static void
test_open_errors (void)
{
  const char *host = g_getenv ("WARTA_TEST_PG_HOST");
  const char *port = g_getenv ("WARTA_TEST_PG_PORT");
  g_autofree char *tcp = g_strdup_printf ("host=127.0.0.1 port=%s user=postgres dbname=postgres", port);
  g_autofree char *expected = NULL, *conninfo = NULL, *uri = NULL;
  g_autofree char *tls_dir = g_build_filename (host, "tls", NULL);
  g_autofree char *server = NULL, *other = NULL, *cert_opt = NULL, *key_opt = NULL, *server_key = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaStore) store = NULL;
  Garbage garbage = { 0 };
  GThread *thread;
  PGconn *conn = raw_connect ("postgres");

  raw_exec (conn, "ALTER ROLE postgres PASSWORD 'benar-sekali'");
  PQfinish (conn);

  /* a wrong password, over TCP where the server asks for one */
  expected = g_strdup_printf ("Wrong login or password for the office server 127.0.0.1:%s", port);
  assert_open_fails (tcp, "salah", WARTA_STORE_ERROR_REFUSED, expected);
  uri = g_strdup_printf ("postgresql://postgres:salah@127.0.0.1:%s/postgres", port);
  assert_cli_says (uri, expected);
  store = warta_store_open_server (tcp, "benar-sekali", &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  /* a database the server does not have */
  conninfo = g_strdup_printf ("host=%s port=%s user=postgres dbname=tiada", host, port);
  assert_open_fails (conninfo, NULL, WARTA_STORE_ERROR_NOT_FOUND, "The office server has no database “tiada”");
  g_clear_pointer (&conninfo, g_free);

  /* a server that is not PostgreSQL */
  garbage.listener = g_socket_listener_new ();
  garbage.cancellable = g_cancellable_new ();
  g_socket_listener_add_address (garbage.listener, any_port, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                 &bound, &error);
  g_assert_no_error (error);
  garbage.port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  thread = g_thread_new ("garbage", garbage_serve, &garbage);
  conninfo = g_strdup_printf ("host=127.0.0.1 port=%u user=postgres dbname=postgres", garbage.port);
  g_free (expected);
  expected = g_strdup_printf ("127.0.0.1:%u is not a PostgreSQL server", garbage.port);
  assert_open_fails (conninfo, "benar-sekali", WARTA_STORE_ERROR_FAILED, expected);
  g_cancellable_cancel (garbage.cancellable);
  g_thread_join (thread);
  g_socket_listener_close (garbage.listener);
  g_clear_object (&garbage.listener);
  g_clear_object (&garbage.cancellable);
  g_clear_pointer (&conninfo, g_free);

  /* a certificate signed by no authority the desk trusts: the server's
   * own, self-signed, and the desk told to trust another */
  g_assert_cmpint (g_mkdir_with_parents (tls_dir, 0755), ==, 0);
  server = make_certificate (tls_dir, "server", "warta.test");
  other = make_certificate (tls_dir, "other", "warta.test");
  server_key = g_strdup_printf ("%s.key", server);
  server_ctl ("own", server_key, NULL);
  cert_opt = g_strdup_printf ("-c ssl_cert_file=%s.crt", server);
  key_opt = g_strdup_printf ("-c ssl_key_file=%s.key", server);
  server_ctl ("stop", NULL);
  server_ctl ("start", "-c ssl=on", cert_opt, key_opt, NULL);

  conninfo = g_strdup_printf ("host=warta.test hostaddr=127.0.0.1 port=%s user=postgres dbname=postgres "
                              "sslmode=verify-full sslrootcert=%s.crt", port, other);
  assert_open_fails (conninfo, "benar-sekali", WARTA_STORE_ERROR_REFUSED,
                     "The office server's certificate could not be verified: ");
  g_clear_pointer (&conninfo, g_free);
  /* the same server, its certificate trusted: it was the certificate */
  conninfo = g_strdup_printf ("host=warta.test hostaddr=127.0.0.1 port=%s user=postgres dbname=postgres "
                              "sslmode=verify-full sslrootcert=%s.crt", port, server);
  store = warta_store_open_server (conninfo, "benar-sekali", &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  /* a server that is down */
  server_ctl ("stop", NULL);
  g_free (expected);
  expected = g_strdup_printf ("Cannot reach the office server 127.0.0.1:%s: ", port);
  assert_open_fails (tcp, "benar-sekali", WARTA_STORE_ERROR_DISCONNECTED, expected);
  server_ctl ("start", NULL);
}

/* Eight desks, one berkas */

#define N_DESKS 8
#define ATTEMPTS 63  /* each: 504 in all */

static const char *const raw_words[] = { "ERROR:", "SQLSTATE", "duplicate key", "violates", "FATAL" };

/* Each run follows from the one before as the SOP says, begun as it
 * completed: no step doubled, none skipped. Returns the completed runs. */
static guint
assert_one_advance_per_step (TestDb *db,
                             gint64  case_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = warta_store_list_runs (db->store, case_id, &error);
  g_autoptr(WartaSop) sop = warta_engine_get_sop (db->engine, "bkk-palembang-publikasi-medsos-website", 0, &error);
  guint completed = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < runs->len; i++)
    {
      const WartaStepRun *run = g_ptr_array_index (runs, i);
      const WartaStepRun *next = i + 1 < runs->len ? g_ptr_array_index (runs, i + 1) : NULL;
      const WartaSopStep *step = warta_sop_lookup_step (sop, run->step_id);
      const char *expected;

      g_assert_cmpint (run->seq, ==, i + 1);
      if (next == NULL)
        break;
      g_assert_cmpint (run->completed_at, !=, 0);
      g_assert_cmpint (next->started_at, ==, run->completed_at);
      completed++;
      if (run->outcome == WARTA_OUTCOME_YES)
        expected = step->yes;
      else if (run->outcome == WARTA_OUTCOME_NO)
        expected = step->no;
      else
        expected = warta_sop_get_next_step (sop, step)->id;
      g_assert_cmpstr (next->step_id, ==, expected);
    }
  /* the last is the active one: the berkas never ends at step 7 (publish) */
  g_assert_cmpint (((WartaStepRun *)g_ptr_array_index (runs, runs->len - 1))->completed_at, ==, 0);
  return completed;
}

static void
test_race_stress (void)
{
  g_autoptr(TestDb) db = test_db_new ();
  g_autoptr(GError) error = NULL;
  const char *desk = g_getenv ("WARTA_RACE_DESK");
  g_autofree char *case_arg = NULL, *attempts_arg = NULL;
  struct
  {
    GPid  pid;
    int   out, err;
    char *login;
  } desks[N_DESKS];
  gint64 people[4], id, journaled;
  guint ok_lines = 0, refused = 0, overtaken = 0, completed;
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GHashTable) kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer kind, count;

  g_assert_nonnull (desk);
  test_db_install_seeds (db);
  for (guint p = 0; p < G_N_ELEMENTS (people); p++)
    {
      g_autofree char *login = g_strdup_printf ("orang-%u", p + 1);

      people[p] = test_db_add_user (db, login, "subbag-tim-kerja", "pranata-humas", "tim-ppid", "kepala-balai", NULL);
    }
  id = warta_engine_start_case (db->engine, people[0], "bkk-palembang-publikasi-medsos-website", "Rebutan", &error);
  g_assert_no_error (error);
  g_assert_true (warta_engine_complete (db->engine, people[0], id, NULL, &error));
  g_assert_true (warta_engine_dispose (db->engine, people[0], id, people[0], "Tulis", &error));
  g_assert_no_error (error);
  test_db_write_naskah (db, people[0], id);
  test_db_meet_requirements (db, people[0], id);

  case_arg = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  attempts_arg = g_strdup_printf ("%d", ATTEMPTS);
  for (guint i = 0; i < N_DESKS; i++)
    {
      const char *argv[6];

      desks[i].login = g_strdup_printf ("orang-%u", i % 4 + 1);
      argv[0] = desk;
      argv[1] = db->path;
      argv[2] = desks[i].login;
      argv[3] = case_arg;
      argv[4] = attempts_arg;
      argv[5] = NULL;
      g_spawn_async_with_pipes_and_fds (NULL, argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                        -1, -1, -1, NULL, NULL, 0, &desks[i].pid, NULL, &desks[i].out,
                                        &desks[i].err, &error);
      g_assert_no_error (error);
    }

  for (guint i = 0; i < N_DESKS; i++)
    {
      g_autoptr(GIOChannel) channel = g_io_channel_unix_new (desks[i].out);
      g_autoptr(GIOChannel) err_channel = g_io_channel_unix_new (desks[i].err);
      g_autofree char *out = NULL, *err = NULL;
      g_auto(GStrv) lines = NULL;
      int status = 0;

      /* a desk writes nearly nothing to stderr: read after stdout */
      g_io_channel_set_close_on_unref (channel, TRUE);
      g_io_channel_set_close_on_unref (err_channel, TRUE);
      g_io_channel_read_to_end (channel, &out, NULL, &error);
      g_assert_no_error (error);
      g_io_channel_read_to_end (err_channel, &err, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (waitpid (desks[i].pid, &status, 0), ==, desks[i].pid);
      g_spawn_close_pid (desks[i].pid);
      g_assert_true (g_spawn_check_wait_status (status, NULL));

      /* whatever a desk says is what a person would read */
      for (guint w = 0; w < G_N_ELEMENTS (raw_words); w++)
        if (strstr (out, raw_words[w]) != NULL || strstr (err, raw_words[w]) != NULL)
          g_error ("desk %u (%s) said %s:\n%s%s", i, desks[i].login, raw_words[w], out, err);
      if (*err != '\0')
        g_test_message ("desk %u's stderr: %s", i, err);
      lines = g_strsplit (g_strchomp (out), "\n", -1);
      g_assert_cmpuint (g_strv_length (lines), ==, ATTEMPTS);
      for (guint l = 0; lines[l] != NULL; l++)
        {
          if (g_str_has_prefix (lines[l], "ok "))
            ok_lines++;
          else if (g_str_has_prefix (lines[l], "refused "))
            {
              const char *colon = strstr (lines[l], ": ");
              g_autofree char *what = g_strndup (colon ? colon + 2 : lines[l], 24);
              guint seen = GPOINTER_TO_UINT (g_hash_table_lookup (kinds, what));

              refused++;
              overtaken += strstr (lines[l], "was already completed by User orang-") != NULL;
              g_hash_table_replace (kinds, g_steal_pointer (&what), GUINT_TO_POINTER (seen + 1));
            }
          else
            g_error ("desk %u: %s", i, lines[l]);
        }
      g_free (desks[i].login);
    }

  /* every advance a desk was told of is one step run, and one event */
  completed = assert_one_advance_per_step (db, id);
  g_assert_cmpuint (completed, ==, ok_lines + 2);
  journaled = test_db_count (db, test_db_sql (NULL, "SELECT count (*) FROM journal WHERE kind IN "
                                                  "('case.complete', 'case.decide', 'case.dispose')"));
  g_assert_cmpint (journaled, ==, completed);
  assert_journal (db->store);
  g_assert_cmpuint (overtaken, >, 0);
  g_test_message ("%d attempts by %d desks in %.1f s: %u advances, %u refused (%u told who came first)",
                  N_DESKS * ATTEMPTS, N_DESKS, (g_get_monotonic_time () - start) / 1e6, ok_lines, refused,
                  overtaken);
  g_hash_table_iter_init (&iter, kinds);
  while (g_hash_table_iter_next (&iter, &kind, &count))
    g_test_message ("  refused %u times: %s...", GPOINTER_TO_UINT (count), (char *)kind);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  /* A PostgreSQL that is not there fails the test: it is never skipped */
  if (g_getenv ("WARTA_TEST_PG_CTL") == NULL)
    g_error ("WARTA_TEST_PG_CTL is not set: run under tests/pg/with-cluster.sh");
  g_test_add_func ("/pg-faults/killed-mid-action", test_killed_mid_action);
  g_test_add_func ("/pg-faults/open-errors", test_open_errors);
  g_test_add_func ("/pg-faults/race-stress", test_race_stress);
  return g_test_run ();
}
