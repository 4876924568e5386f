/* bench-pg-desks.c: 25 desks working one PostgreSQL office at once
 *
 * pg-desks-25: 25 desks, each a thread with its own WartaEngine on its
 * own connection (warta_engine_open) and its own WartaStoreListener
 * (warta_store_listen), drive berkas through seed 002 for 60 s
 * (WARTA_BENCH_SECONDS). Each desk's person holds all four lanes; a desk
 * works its own berkas and, one time in three, whichever open berkas of
 * another desk it picks, so that desks meet on the same step. An action
 * is one engine call that commits (start, save the naskah, attach,
 * complete, dispose, prove the publication); a desk that loses the race
 * for a step (another moved it on first) counts it and moves on. Like the
 * app's worker, a desk whose listener heard something polls its store
 * (warta_store_poll) before its next action.
 *
 * Measured: actions per second, the p50 and p99 of an action's time
 * (its wait for the office's one writer lock included), and the
 * notification latency: for every journal event the desks wrote, from its
 * commit (the server's own commit timestamp, track_commit_timestamp) to
 * the moment each other desk's listener callback heard it. The callback
 * is not told which event it heard; the store keeps each payload for
 * poll() just before calling it, so the bench reads the newest there
 * (warta-store-private.h), whose journal seq names the event. Aim: p99
 * under 100 ms.
 *
 * The references, each measured in the same run:
 *   - one desk alone, driving the same way for a sixth of the time: what
 *     25 desks sharing one writer lock give against one;
 *   - 25 desks on one sqlite file, in this process, for a sixth of the
 *     time: the same engine where a statement is a function call, not a
 *     round trip (no listener: sqlite has none);
 *   - libpq alone for notifications: 24 plain LISTEN connections in one
 *     thread waiting in poll(2), hearing NOTIFY commits made on another
 *     connection at the rate the desks committed, timed the same way.
 *
 * At the end nothing may be lost or doubled: every berkas's runs are a
 * chain (seq 1, 2, 3 … without a gap, every run but the last completed,
 * at most one open), the completions the engine reported as done are
 * exactly the completed runs, the berkas it reported started exactly the
 * berkas there are, every desk heard every event of the others, and the
 * journal verifies (warta_journal_verify).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <poll.h>
#include <string.h>
#include <libpq-fe.h>

#include "test-util.h"
#include "warta-evidence.h"
#include "warta-sample.h"
#include "warta-store-private.h"

#define SOP_ID "bbkk-medan-publikasi-website"
#define N_DESKS 25
#define N_STEPS 8
/* warta-store.c's cap on payloads kept for poll(): past it the last one
 * is no longer the one just heard */
#define MAX_HEARD 10000
#define NOTIFY_AIM_MS 100.0

/* Stands for the page's screenshot at step 6: typed by its PNG signature. */
static const char SHOT_CONTENT[4096] = "\211PNG\r\n\032\n\0\0\0\rIHDR";

typedef struct
{
  gint64 seq;
  gint64 at;   /* real time, µs */
} Heard;

typedef struct _Office Office;

typedef struct
{
  Office             *office;
  guint               index;
  gint64              user;
  WartaEngine        *engine;
  WartaStore         *store;
  WartaStoreListener *listener;
  GRand              *rand;
  gint                listening;  /* atomic: the listener's first call came */
  gint                heard_any;  /* atomic: heard since the last poll */
  GArray             *heard;      /* Heard, the listener thread's own until it stops */
  GArray             *latencies;  /* double ms, one per action */
  guint               started, completed, raced, refused;
  GHashTable         *refusals;   /* why → how often */
  GThread            *thread;
} Desk;

struct _Office
{
  TestDb   *db;
  char     *nota_path, *data_path;
  GBytes   *shot;
  GMutex    lock;
  GArray   *open_cases;  /* gint64: berkas not yet done */
  gint64    deadline;    /* monotonic µs */
  gint      go;          /* atomic: start driving */
};

static void
heard (WartaStoreHeard what,
       gpointer        user_data)
{
  Desk *desk = user_data;
  gint64 now = g_get_real_time ();
  const char *payload = NULL;

  if (what != WARTA_STORE_HEARD_CHANGE)
    return;
  if (!g_atomic_int_get (&desk->listening))
    {
      g_atomic_int_set (&desk->listening, 1);
      return;
    }
  g_atomic_int_set (&desk->heard_any, 1);
  /* The store keeps each payload it heard for poll(), the newest last,
   * and calls here just after adding it: which event this was. */
  g_mutex_lock (&desk->store->heard_lock);
  if (desk->store->heard->len > 0 && desk->store->heard->len < MAX_HEARD)
    payload = g_ptr_array_index (desk->store->heard, desk->store->heard->len - 1);
  if (payload != NULL && strstr (payload, "\"journal\"") != NULL)
    {
      const char *id = strstr (payload, "\"id\" : \"");

      if (id != NULL)
        {
          Heard h = { g_ascii_strtoll (id + strlen ("\"id\" : \""), NULL, 10), now };

          g_array_append_val (desk->heard, h);
        }
    }
  g_mutex_unlock (&desk->store->heard_lock);
}

static gboolean
timed (Desk     *desk,
       gboolean  ok,
       gint64    start)
{
  if (ok)
    {
      double ms = (g_get_monotonic_time () - start) / 1000.0;

      g_array_append_val (desk->latencies, ms);
    }
  return ok;
}

static gint64
start_case (Desk *desk)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaNaskah) naskah = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 id = warta_engine_start_case (desk->engine, desk->user, SOP_ID, "Rilis kegiatan", &error);

  if (id <= 0)
    g_error ("desk %u: start: %s", desk->index, error->message);
  timed (desk, TRUE, start);
  desk->started++;

  naskah = warta_naskah_new (id);
  g_free (naskah->title);
  g_free (naskah->body);
  naskah->title = g_strdup ("Rilis kegiatan");
  naskah->body = g_strdup ("Isi rilis kegiatan.");
  start = g_get_monotonic_time ();
  if (!timed (desk, warta_engine_save_naskah (desk->engine, desk->user, naskah, &error), start))
    g_error ("desk %u: naskah: %s", desk->index, error->message);

  g_mutex_lock (&desk->office->lock);
  g_array_append_val (desk->office->open_cases, id);
  g_mutex_unlock (&desk->office->lock);
  return id;
}

static void
forget_case (Office *office,
             gint64  id)
{
  g_mutex_lock (&office->lock);
  for (guint i = 0; i < office->open_cases->len; i++)
    if (g_array_index (office->open_cases, gint64, i) == id)
      {
        g_array_remove_index_fast (office->open_cases, i);
        break;
      }
  g_mutex_unlock (&office->lock);
}

/* The active run of a berkas as it is now: its id, or 0 when done. */
static gint64
active_run (Desk   *desk,
            gint64  id,
            int    *seq,
            gint64 *assignee)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaCase) kase = warta_store_get_case (desk->store, id, &error);

  if (kase == NULL)
    g_error ("desk %u: case %" G_GINT64_FORMAT ": %s", desk->index, id, error->message);
  if (kase->active == NULL)
    return 0;
  *seq = kase->active->seq;
  *assignee = kase->active->assignee;
  return kase->active->id;
}

/* The active step of berkas id, all its actions, as its lane's holder
 * does it. Returns FALSE when the berkas is done. */
static gboolean
work_step (Desk   *desk,
           gint64  id)
{
  g_autoptr(GError) error = NULL;
  int seq = 0;
  gint64 assignee = 0, start;
  gint64 run = active_run (desk, id, &seq, &assignee);
  gboolean ok = TRUE, completing = FALSE;

  if (run == 0)
    return FALSE;
  /* A step disposed to another person is theirs alone */
  if (assignee != 0 && assignee != desk->user)
    return TRUE;

  if (seq == 2)
    for (guint f = 0; f < 2 && ok; f++)
      {
        g_autoptr(GFile) file = g_file_new_for_path (f ? desk->office->data_path : desk->office->nota_path);

        start = g_get_monotonic_time ();
        ok = timed (desk, warta_engine_attach (desk->engine, desk->user, id, file,
                                               f ? "dokumen-pendukung" : "nota-dinas",
                                               NULL, NULL, NULL, &error) > 0, start);
      }
  if (seq == 6 && ok)
    {
      start = g_get_monotonic_time ();
      ok = timed (desk, warta_sample_prove_publication (desk->engine, desk->user, id, desk->office->shot, &error),
                  start);
    }
  if (ok)
    {
      completing = TRUE;
      start = g_get_monotonic_time ();
      if (seq == 4)
        ok = warta_engine_dispose (desk->engine, desk->user, id, desk->user, "Periksa", &error);
      else
        ok = warta_engine_complete (desk->engine, desk->user, id, seq == 1 ? "konsep" : NULL, &error);
      timed (desk, ok, start);
      if (ok)
        desk->completed++;
    }
  if (!ok)
    {
      int now_seq = 0;
      gint64 now_assignee = 0;

      /* Another desk moved the step on first: the race is lost, not the step */
      if (active_run (desk, id, &now_seq, &now_assignee) != run)
        desk->raced++;
      else
        {
          g_autofree char *why = g_strdup_printf ("step %d%s: %s", seq, completing ? " (completing)" : "",
                                                  error ? error->message : "?");

          desk->refused++;
          g_hash_table_insert (desk->refusals, g_strdup (why),
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (desk->refusals, why)) + 1));
        }
    }
  return TRUE;
}

static gpointer
desk_thread (gpointer data)
{
  Desk *desk = data;
  Office *office = desk->office;
  gint64 own = 0;

  while (!g_atomic_int_get (&office->go))
    g_usleep (1000);

  while (g_get_monotonic_time () < office->deadline)
    {
      gint64 id = 0;

      if (g_atomic_int_exchange (&desk->heard_any, 0))
        warta_store_poll (desk->store);
      if (own == 0)
        own = start_case (desk);

      /* One time in three another desk's berkas, to meet it there */
      if (g_rand_int_range (desk->rand, 0, 3) == 0)
        {
          g_mutex_lock (&office->lock);
          if (office->open_cases->len > 0)
            id = g_array_index (office->open_cases, gint64,
                                g_rand_int_range (desk->rand, 0, office->open_cases->len));
          g_mutex_unlock (&office->lock);
        }
      if (id == 0)
        id = own;
      if (!work_step (desk, id))
        {
          forget_case (office, id);
          if (id == own)
            own = 0;
        }
    }
  return NULL;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
percentile (GArray *values,
            double  p)
{
  if (values->len == 0)
    return 0;
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, MIN (values->len - 1, (guint)(p * values->len)));
}

static PGconn *
pg_open (const char *conninfo)
{
  PGconn *conn = PQconnectdb (conninfo);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("%s: %s", conninfo, PQerrorMessage (conn));
  return conn;
}

static PGresult *
pg_query (PGconn     *conn,
          const char *sql)
{
  PGresult *res = PQexec (conn, sql);

  if (PQresultStatus (res) != PGRES_TUPLES_OK && PQresultStatus (res) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  return res;
}

typedef struct
{
  double      actions_per_s;
  double      p50, p99;
  guint       n_actions, raced, refused;
  GArray     *notify;      /* double ms; PostgreSQL only */
  GHashTable *refusals;    /* why a desk was refused → how often */
  guint       unheard, commits;
  double      seconds;
} Result;

static void
result_clear (Result *result)
{
  g_clear_pointer (&result->notify, g_array_unref);
  g_clear_pointer (&result->refusals, g_hash_table_unref);
}

/* Nothing lost or doubled: the counts the engine reported against what
 * is in the database, every berkas's runs a chain, the journal whole. */
static void
check_office (TestDb *db,
              gint64  started,
              gint64  completed)
{
  g_autoptr(GError) error = NULL;
  gint64 runs = test_db_count (db, "SELECT count(*) FROM step_runs WHERE completed_at IS NOT NULL");
  gint64 cases = test_db_count (db, "SELECT count(*) FROM cases");
  /* seq 1 … n with no gap or twin, all completed but the last, at most
   * one open, none once the berkas is done, one while it is not */
  gint64 bad = test_db_count (db,
    "SELECT count(*) FROM ("
    "  SELECT c.id FROM cases c JOIN step_runs r ON r.case_id = c.id GROUP BY c.id, c.state "
    "  HAVING min (r.seq) <> 1 OR max (r.seq) <> count(*) OR count (DISTINCT r.seq) <> count(*) "
    "      OR count(*) FILTER (WHERE r.completed_at IS NULL) > 1 "
    "      OR count(*) FILTER (WHERE r.completed_at IS NULL AND r.seq <> (SELECT max (seq) FROM step_runs "
    "                                                                   WHERE case_id = c.id)) > 0 "
    "      OR (c.state = 'done' AND count(*) FILTER (WHERE r.completed_at IS NULL) > 0) "
    "      OR (c.state <> 'done' AND count(*) FILTER (WHERE r.completed_at IS NULL) <> 1)) broken");

  if (runs != completed)
    g_error ("%" G_GINT64_FORMAT " runs are completed, the engine reported %" G_GINT64_FORMAT " completions",
             runs, completed);
  if (cases != started)
    g_error ("%" G_GINT64_FORMAT " berkas, the engine reported %" G_GINT64_FORMAT " started", cases, started);
  if (bad != 0)
    g_error ("%" G_GINT64_FORMAT " berkas whose runs are no chain", bad);
  g_assert_true (warta_journal_verify (db->store, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* Each journal event a desk wrote after first_seq, from its commit (the
 * server's timestamp) to each other desk's hearing of it. */
static void
time_notifications (TestDb     *db,
                    Desk       *desks,
                    guint       n,
                    GHashTable *desk_of_user,
                    gint64      first_seq,
                    Result     *result)
{
  g_autofree GHashTable **heard_at = g_new0 (GHashTable *, n);
  PGconn *conn = pg_open (db->path);
  PGresult *res;
  char sql[256];

  for (guint i = 0; i < n; i++)
    {
      heard_at[i] = g_hash_table_new (g_int64_hash, g_int64_equal);
      for (guint j = 0; j < desks[i].heard->len; j++)
        {
          Heard *h = &g_array_index (desks[i].heard, Heard, j);

          if (g_hash_table_contains (heard_at[i], &h->seq))
            g_error ("desk %u heard event %" G_GINT64_FORMAT " twice", i + 1, h->seq);
          g_hash_table_insert (heard_at[i], &h->seq, h);
        }
    }
  g_snprintf (sql, sizeof sql,
              "SELECT seq, actor, (extract (epoch FROM pg_xact_commit_timestamp (xmin)) * 1000000)::bigint "
              "FROM journal WHERE seq > %" G_GINT64_FORMAT " ORDER BY seq", first_seq);
  res = pg_query (conn, sql);
  for (int row = 0; row < PQntuples (res); row++)
    {
      gint64 seq = g_ascii_strtoll (PQgetvalue (res, row, 0), NULL, 10);
      gint64 actor = g_ascii_strtoll (PQgetvalue (res, row, 1), NULL, 10);
      gint64 committed = g_ascii_strtoll (PQgetvalue (res, row, 2), NULL, 10);
      Desk *by = g_hash_table_lookup (desk_of_user, &actor);

      if (PQgetisnull (res, row, 2))
        g_error ("no commit timestamp: the cluster needs track_commit_timestamp = on");
      result->commits++;
      for (guint i = 0; i < n; i++)
        {
          Heard *h;
          double ms;

          if (&desks[i] == by)
            continue;
          if ((h = g_hash_table_lookup (heard_at[i], &seq)) == NULL)
            {
              result->unheard++;
              continue;
            }
          ms = (h->at - committed) / 1000.0;
          g_array_append_val (result->notify, ms);
        }
    }
  PQclear (res);
  PQfinish (conn);
  for (guint i = 0; i < n; i++)
    g_hash_table_unref (heard_at[i]);
}

/* n desks driving for seconds in a fresh office, on PostgreSQL (each
 * desk listening) or on a sqlite file (no listener: sqlite has none);
 * checks the office at the end. */
static void
run_desks (guint     n,
           double    seconds,
           gboolean  postgres,
           Result   *result)
{
  g_autoptr(TestDb) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GHashTable) desk_of_user = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GBytes) nota = test_pdf_bytes ("Nota dinas");
  Office office = { 0 };
  Desk *desks = g_new0 (Desk, n);
  gint64 first_seq = 0, start, completed = 0, started = 0;

  /* test-util makes a database of the cluster for a TestDb when asked;
   * set while no thread of this run is about */
  if (postgres)
    g_setenv ("WARTA_TEST_BACKEND", "postgres", TRUE);
  else
    g_unsetenv ("WARTA_TEST_BACKEND");
  db = test_db_new ();
  test_db_install_seeds (db);
  office.db = db;
  office.nota_path = g_build_filename (db->dir, "nota-dinas.pdf", NULL);
  office.data_path = g_build_filename (db->dir, "data-dukung.pdf", NULL);
  g_assert_true (g_file_set_contents (office.nota_path, g_bytes_get_data (nota, NULL), g_bytes_get_size (nota), NULL));
  g_assert_true (g_file_set_contents (office.data_path, g_bytes_get_data (nota, NULL), g_bytes_get_size (nota), NULL));
  office.shot = g_bytes_new_static (SHOT_CONTENT, sizeof SHOT_CONTENT);
  g_mutex_init (&office.lock);
  office.open_cases = g_array_new (FALSE, FALSE, sizeof (gint64));
  result->notify = g_array_new (FALSE, FALSE, sizeof (double));
  result->refusals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < n; i++)
    {
      Desk *desk = &desks[i];
      g_autofree char *login = g_strdup_printf ("meja%02u", i + 1);

      desk->office = &office;
      desk->index = i;
      desk->user = test_db_add_user (db, login, "staff-tim-kerja", "katimker-layanan-publik-zi", "kepala-satker",
                                     "admin-website", NULL);
      g_hash_table_insert (desk_of_user, &desk->user, desk);
      desk->engine = warta_engine_open (db->path, &error);
      g_assert_no_error (error);
      desk->store = warta_engine_get_store (desk->engine);
      /* The Bukti Publikasi's rendering is no database work: bench-drive.c */
      warta_evidence_set_keep_bukti (desk->engine, FALSE);
      desk->rand = g_rand_new_with_seed (i + 1);
      desk->heard = g_array_new (FALSE, FALSE, sizeof (Heard));
      desk->latencies = g_array_new (FALSE, FALSE, sizeof (double));
      desk->refusals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      if (postgres)
        {
          desk->listener = warta_store_listen (desk->store, heard, desk);
          g_assert_nonnull (desk->listener);
        }
    }
  for (guint i = 0; i < n && postgres; i++)
    while (!g_atomic_int_get (&desks[i].listening))
      g_usleep (1000);
  if (postgres)
    first_seq = test_db_count (db, "SELECT coalesce (max (seq), 0) FROM journal");

  for (guint i = 0; i < n; i++)
    desks[i].thread = g_thread_new ("desk", desk_thread, &desks[i]);
  start = g_get_monotonic_time ();
  office.deadline = start + (gint64)(seconds * G_USEC_PER_SEC);
  g_atomic_int_set (&office.go, 1);
  for (guint i = 0; i < n; i++)
    g_thread_join (desks[i].thread);
  result->seconds = (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;
  /* The last commits' notifications on their way */
  if (postgres)
    g_usleep (500 * 1000);
  for (guint i = 0; i < n; i++)
    g_clear_pointer (&desks[i].listener, warta_store_listener_stop);

  for (guint i = 0; i < n; i++)
    {
      Desk *desk = &desks[i];
      GHashTableIter iter;
      gpointer why, count;

      g_array_append_vals (latencies, desk->latencies->data, desk->latencies->len);
      result->raced += desk->raced;
      result->refused += desk->refused;
      completed += desk->completed;
      started += desk->started;
      g_hash_table_iter_init (&iter, desk->refusals);
      while (g_hash_table_iter_next (&iter, &why, &count))
        g_hash_table_insert (result->refusals, g_strdup (why),
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (result->refusals, why)) +
                                               GPOINTER_TO_UINT (count)));
    }
  result->n_actions = latencies->len;
  result->actions_per_s = latencies->len / result->seconds;
  result->p50 = percentile (latencies, 0.5);
  result->p99 = percentile (latencies, 0.99);

  check_office (db, started, completed);
  if (postgres)
    time_notifications (db, desks, n, desk_of_user, first_seq, result);

  for (guint i = 0; i < n; i++)
    {
      g_clear_object (&desks[i].engine);
      g_rand_free (desks[i].rand);
      g_array_unref (desks[i].heard);
      g_array_unref (desks[i].latencies);
      g_hash_table_unref (desks[i].refusals);
    }
  g_free (desks);
  g_array_unref (office.open_cases);
  g_mutex_clear (&office.lock);
  g_bytes_unref (office.shot);
  g_free (office.nota_path);
  g_free (office.data_path);
}

static void
print_refusals (const char *name,
                Result     *result)
{
  GHashTableIter iter;
  gpointer why, count;

  g_hash_table_iter_init (&iter, result->refusals);
  while (g_hash_table_iter_next (&iter, &why, &count))
    g_print ("note: %s: refused %u times: %s\n", name, GPOINTER_TO_UINT (count), (const char *)why);
}

/* The reference for notifications: libpq alone. n_listeners plain
 * connections LISTEN in this thread, waiting in poll(2); another thread
 * commits a NOTIFY every interval_us for seconds; each is timed from its
 * commit timestamp to its hearing, as the desks' are. */
typedef struct
{
  const char *conninfo;
  gint64      interval_us;
  gint64      deadline;
  gint        done;
  guint       sent;
} Notifier;

static gpointer
notifier_thread (gpointer data)
{
  Notifier *notifier = data;
  PGconn *conn = pg_open (notifier->conninfo);
  gint64 next = g_get_monotonic_time ();

  PQclear (pg_query (conn, "CREATE TABLE ref_events (seq BIGINT PRIMARY KEY)"));
  while (g_get_monotonic_time () < notifier->deadline)
    {
      char sql[128];

      g_snprintf (sql, sizeof sql, "BEGIN; INSERT INTO ref_events VALUES (%u); SELECT pg_notify ('ref', '%u'); COMMIT",
                  notifier->sent + 1, notifier->sent + 1);
      PQclear (pg_query (conn, sql));
      notifier->sent++;
      next += notifier->interval_us;
      if (next > g_get_monotonic_time ())
        g_usleep (next - g_get_monotonic_time ());
    }
  PQfinish (conn);
  g_atomic_int_set (&notifier->done, 1);
  return NULL;
}

static GArray *
notify_reference (const char *conninfo,
                  guint       n_listeners,
                  double      per_second,
                  double      seconds)
{
  g_autoptr(GArray) heard = g_array_new (FALSE, FALSE, sizeof (Heard));
  GArray *latencies = g_array_new (FALSE, FALSE, sizeof (double));
  PGconn **conns = g_new0 (PGconn *, n_listeners);
  struct pollfd *fds = g_new0 (struct pollfd, n_listeners);
  Notifier notifier = { conninfo, (gint64)(G_USEC_PER_SEC / MAX (per_second, 1)), 0, 0, 0 };
  g_autoptr(GHashTable) committed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  GThread *thread;
  PGconn *conn;
  PGresult *res;
  gint64 quiet_until = 0;

  for (guint i = 0; i < n_listeners; i++)
    {
      conns[i] = pg_open (conninfo);
      PQclear (pg_query (conns[i], "LISTEN ref"));
      fds[i].fd = PQsocket (conns[i]);
      fds[i].events = POLLIN;
    }
  notifier.deadline = g_get_monotonic_time () + (gint64)(seconds * G_USEC_PER_SEC);
  thread = g_thread_new ("notifier", notifier_thread, &notifier);
  for (;;)
    {
      if (g_atomic_int_get (&notifier.done))
        {
          if (quiet_until == 0)
            quiet_until = g_get_monotonic_time () + 500 * 1000;
          else if (g_get_monotonic_time () > quiet_until)
            break;
        }
      if (poll (fds, n_listeners, 100) <= 0)
        continue;
      for (guint i = 0; i < n_listeners; i++)
        {
          PGnotify *notify;

          if (!(fds[i].revents & POLLIN))
            continue;
          if (!PQconsumeInput (conns[i]))
            g_error ("LISTEN: %s", PQerrorMessage (conns[i]));
          while ((notify = PQnotifies (conns[i])) != NULL)
            {
              Heard h = { g_ascii_strtoll (notify->extra, NULL, 10), g_get_real_time () };

              g_array_append_val (heard, h);
              PQfreemem (notify);
            }
        }
    }
  g_thread_join (thread);

  conn = pg_open (conninfo);
  res = pg_query (conn, "SELECT seq, (extract (epoch FROM pg_xact_commit_timestamp (xmin)) * 1000000)::bigint "
                        "FROM ref_events");
  for (int row = 0; row < PQntuples (res); row++)
    {
      gint64 *seq = g_new (gint64, 1), *at = g_new (gint64, 1);

      *seq = g_ascii_strtoll (PQgetvalue (res, row, 0), NULL, 10);
      *at = g_ascii_strtoll (PQgetvalue (res, row, 1), NULL, 10);
      g_hash_table_insert (committed, seq, at);
    }
  PQclear (res);
  PQclear (pg_query (conn, "DROP TABLE ref_events"));
  PQfinish (conn);
  for (guint i = 0; i < heard->len; i++)
    {
      Heard *h = &g_array_index (heard, Heard, i);
      gint64 *at = g_hash_table_lookup (committed, &h->seq);
      double ms;

      g_assert_nonnull (at);
      ms = (h->at - *at) / 1000.0;
      g_array_append_val (latencies, ms);
    }
  if (heard->len != notifier.sent * n_listeners)
    g_error ("the reference's listeners heard %u of %u notifications", heard->len, notifier.sent * n_listeners);
  for (guint i = 0; i < n_listeners; i++)
    PQfinish (conns[i]);
  g_free (conns);
  g_free (fds);
  return latencies;
}

int
main (int   argc,
      char *argv[])
{
  Result desks = { 0 }, alone = { 0 }, sqlite = { 0 };
  g_autoptr(GArray) reference_notify = NULL;
  double seconds, p50, p99, max, ref50, ref99;

  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("WARTA_TEST_PG_HOST") == NULL)
    g_error ("pg-desks-25 runs in the cluster of tests/pg/with-cluster.sh");
  seconds = g_getenv ("WARTA_BENCH_SECONDS") ? g_ascii_strtod (g_getenv ("WARTA_BENCH_SECONDS"), NULL) : 60;

  run_desks (N_DESKS, seconds, TRUE, &desks);
  run_desks (1, MAX (seconds / 6, 2), TRUE, &alone);
  reference_notify = notify_reference (g_getenv ("WARTA_TEST_PG"), N_DESKS - 1, desks.commits / desks.seconds,
                                       MAX (seconds / 6, 2));
  run_desks (N_DESKS, MAX (seconds / 6, 2), FALSE, &sqlite);

  g_print ("bench: pg-desks-%u: warta=%.0f actions/s reference=%.0f actions/s ratio=%.2f "
           "(reference: one desk alone on the server; %u actions in %.1f s, %u races lost, %u refused)\n",
           N_DESKS, desks.actions_per_s, alone.actions_per_s, desks.actions_per_s / alone.actions_per_s,
           desks.n_actions, desks.seconds, desks.raced, desks.refused);
  g_print ("bench: pg-desks-%u-vs-sqlite: warta=%.0f actions/s reference=%.0f actions/s ratio=%.2f "
           "(reference: %u desks on one sqlite file, in one process; %u races lost, %u refused)\n",
           N_DESKS, desks.actions_per_s, sqlite.actions_per_s, desks.actions_per_s / sqlite.actions_per_s,
           N_DESKS, sqlite.raced, sqlite.refused);
  g_print ("bench: pg-desks-%u-action-p50: warta=%.1fms reference=%.1fms ratio=%.2f (reference: one desk alone; "
           "%u desks on sqlite %.1fms)\n",
           N_DESKS, desks.p50, alone.p50, desks.p50 / alone.p50, N_DESKS, sqlite.p50);
  g_print ("bench: pg-desks-%u-action-p99: warta=%.1fms reference=%.1fms ratio=%.2f (reference: one desk alone; "
           "%u desks on sqlite %.1fms)\n",
           N_DESKS, desks.p99, alone.p99, desks.p99 / alone.p99, N_DESKS, sqlite.p99);

  p50 = percentile (desks.notify, 0.5);
  p99 = percentile (desks.notify, 0.99);
  max = desks.notify->len ? g_array_index (desks.notify, double, desks.notify->len - 1) : 0;
  ref50 = percentile (reference_notify, 0.5);
  ref99 = percentile (reference_notify, 0.99);
  g_print ("bench: pg-desks-%u-notify-p50: warta=%.1fms reference=%.1fms ratio=%.2f "
           "(commit to each other desk's listener; reference: %u libpq LISTEN connections alone)\n",
           N_DESKS, p50, ref50, p50 / ref50, N_DESKS - 1);
  g_print ("bench: pg-desks-%u-notify-p99: warta=%.1fms reference=%.1fms ratio=%.2f (aim < %.0f ms: %s; max %.1f ms)\n",
           N_DESKS, p99, ref99, p99 / ref99, NOTIFY_AIM_MS, p99 < NOTIFY_AIM_MS ? "met" : "MISSED", max);
  g_print ("note: pg-desks-%u: %u events committed by the desks, %u hearings timed, %u unheard\n",
           N_DESKS, desks.commits, desks.notify->len, desks.unheard);
  print_refusals ("pg-desks-25", &desks);
  print_refusals ("pg-desks-25 (sqlite)", &sqlite);
  g_print ("note: pg-desks-%u: nothing lost or doubled (on the server and on sqlite): every berkas's runs are a "
           "chain, the completions reported are the completed runs, the journal verifies\n", N_DESKS);
  if (desks.unheard != 0)
    g_error ("%u events went unheard by a desk", desks.unheard);
  result_clear (&desks);
  result_clear (&alone);
  result_clear (&sqlite);
  return 0;
}
