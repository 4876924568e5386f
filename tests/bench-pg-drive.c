/* bench-pg-drive.c: 1,000 berkas through seed 002 on a PostgreSQL store
 *
 * pg-drive-1k-cases: the drive of bench-drive.c (drive-1k-cases), by the
 * engine, on a PostgreSQL store (a fresh database in the cluster of
 * tests/pg/with-cluster.sh), against two references measured in the same
 * run, printed as two lines:
 *
 *   sqlite  the same drive by the engine on a sqlite file: what moving
 *           the office to a server costs;
 *   libpq   the same rows written into the same tables of a Warta
 *           database on the same server by libpq directly: one transaction
 *           for each of the engine's, each begun as the store begins one
 *           (BEGIN, the writers' advisory lock, warta.quiet, in one round
 *           trip), with statements prepared once (PQprepare) and run with
 *           PQexecPrepared: the journal rows with their SHA-256 chain and
 *           head, the naskah and its revision, the runs, the disposition,
 *           the attachments' rows and chunks, the publication and its
 *           screenshot. So its ratio is the engine's own cost on
 *           PostgreSQL: permission checks, SOP lookups, reading the case
 *           back, each a round trip to the server. Aim: at most 2×.
 *
 * The three take turns, SLICE berkas each, each in its office kept from
 * turn to turn, so that a load on the machine that comes and goes falls
 * on all three alike. Besides the time, the CPU each took, in this
 * process and in its connection's server process (read from /proc: the
 * server runs on this machine), which a load moves less.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <libpq-fe.h>

#include "test-util.h"
#include "warta-evidence.h"
#include "warta-sample.h"
#include "bench-office.h"
#include "warta-store-private.h"

#define N_STEPS 8
#define AIM 2.0
/* Berkas driven by each of the three in turn */
#define SLICE 50

/* The nota dinas and the supporting document: a real one-page PDF. */
static GBytes *pdf;
static TestDb *
office_new (gboolean    postgres,
            BenchUsers *users)
{
  /* test-util makes a database of the cluster for a TestDb when asked */
  if (postgres)
    g_setenv ("WARTA_TEST_BACKEND", "postgres", TRUE);
  else
    g_unsetenv ("WARTA_TEST_BACKEND");
  return bench_office_new (users);
}


/* The reference: libpq on a connection of its own */

static PGconn *
pg_open (const char *conninfo)
{
  PGconn *conn = PQconnectdb (conninfo);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("%s: %s", conninfo, PQerrorMessage (conn));
  return conn;
}

static void
pg_run (PGconn     *conn,
        const char *sql)
{
  PGresult *res = PQexec (conn, sql);

  if (PQresultStatus (res) != PGRES_COMMAND_OK && PQresultStatus (res) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (res);
}

/* What the engine wrote at each step of its first case: lane, action,
 * standards; the reference writes the same. */
typedef struct
{
  char *step_id, *lane, *action;
  char *standard_min, *standard_max;  /* NULL for none */
  int   max_minutes;                  /* -1 for none */
} Step;

static void
load_steps (TestDb *db,
            Step    steps[N_STEPS])
{
  PGconn *conn = pg_open (db->path);
  PGresult *res = PQexec (conn, "SELECT step_id, lane, action, standard_min, standard_max "
                                "FROM step_runs WHERE case_id = 1 ORDER BY seq");

  if (PQresultStatus (res) != PGRES_TUPLES_OK || PQntuples (res) != N_STEPS)
    g_error ("the first case's runs: %s", PQerrorMessage (conn));
  for (int i = 0; i < N_STEPS; i++)
    {
      steps[i].step_id = g_strdup (PQgetvalue (res, i, 0));
      steps[i].lane = g_strdup (PQgetvalue (res, i, 1));
      steps[i].action = g_strdup (PQgetvalue (res, i, 2));
      steps[i].standard_min = PQgetisnull (res, i, 3) ? NULL : g_strdup (PQgetvalue (res, i, 3));
      steps[i].standard_max = PQgetisnull (res, i, 4) ? NULL : g_strdup (PQgetvalue (res, i, 4));
      steps[i].max_minutes = steps[i].standard_max ? atoi (steps[i].standard_max) : -1;
    }
  PQclear (res);
  PQfinish (conn);
}

typedef struct
{
  PGconn      *conn;
  gint64       seq;
  char        *prev_hash;
  gint64       now;
  char         now_text[32];
  const BenchUsers *users;
  const Step  *steps;
} Ref;

static const struct
{
  const char *name;
  const char *sql;
} ref_statements[] = {
  { "new_case", "INSERT INTO cases (sop_id, sop_version, title, created_by, created_at) "
                "VALUES ('" BENCH_SOP_ID "', (SELECT max (version) FROM sops WHERE id = '" BENCH_SOP_ID "'), "
                "'Rilis kegiatan', $1, $2) RETURNING id" },
  { "new_run", "INSERT INTO step_runs (case_id, seq, step_id, lane, standard_min, standard_max, "
               "started_at, action, due) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id" },
  { "finish_run", "UPDATE step_runs SET completed_at = $1, completed_by = $2, outcome = $3 "
                  "WHERE id = $4 AND completed_at IS NULL" },
  { "finish_case", "UPDATE cases SET state = 'done', finished_at = $1 WHERE id = $2" },
  { "naskah", "INSERT INTO naskah (case_id, title, body, updated_at, updated_by) "
              "VALUES ($1, 'Rilis kegiatan', 'Isi rilis kegiatan.', $2, $3) "
              "ON CONFLICT (case_id) DO UPDATE SET title = excluded.title, body = excluded.body" },
  { "revision", "INSERT INTO naskah_revisions (case_id, n, run_id, title, body, five_w, first_at, saved_at, saved_by) "
                "VALUES ($1, 1, $2, 'Rilis kegiatan', 'Isi rilis kegiatan.', "
                "'{\"who\":\"\",\"what\":\"\",\"when\":\"\",\"where\":\"\",\"why\":\"\",\"how\":\"\"}', $3, $3, $4)" },
  { "touch", "INSERT INTO touches (case_id, seq) "
             "VALUES ($1, (SELECT coalesce (max (seq), 0) + 1 FROM touches)) "
             "ON CONFLICT (case_id) DO UPDATE SET seq = excluded.seq" },
  { "event", "INSERT INTO journal (seq, at, actor, case_id, kind, payload, prev_hash, hash) "
             "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)" },
  { "head", "INSERT INTO meta (key, value) VALUES ('journal_head_seq', $1), ('journal_head_hash', $2) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value" },
  { "attach", "INSERT INTO attachments (case_id, run_id, step_id, kind, name, content_type, size, "
              "sha256, added_by, added_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id" },
  /* As the store keeps a file on PostgreSQL: an empty row at its end made
   * first (warta_db_blob_create), then its one chunk at 0. */
  { "attach_end", "INSERT INTO attachment_data (attachment_id, at, data) VALUES ($1, $2, ''::bytea)" },
  { "attach_data", "INSERT INTO attachment_data (attachment_id, at, data) VALUES ($1, 0, $2)" },
  { "disp", "INSERT INTO dispositions (case_id, run_id, from_user, to_user, instruction, created_at) "
            "VALUES ($1, $2, $3, $4, 'Periksa', $5)" },
  { "publication", "INSERT INTO publications (case_id, status, link) "
                   "VALUES ($1, 'manual', 'https://contoh.go.id/berita') RETURNING id" },
  { "update_publication", "UPDATE publications SET published_at = $1, published_by = $2, "
                          "verified_at = $1, http_status = 200, response_ms = 12, "
                          "body_sha256 = '3333333333333333333333333333333333333333333333333333333333333333', "
                          "title_found = 1 WHERE id = $3" },
  { "shot_publication", "UPDATE publications SET screenshot_id = $1 WHERE id = $2" },
};

/* Runs a prepared statement with text parameters (NULL for SQL NULL),
 * the bytea one, if any, binary; returns the id it gives, or 0. */
static gint64
ref_run_stmt (Ref        *ref,
              const char *name,
              int         n,
              const char *const *values,
              const int  *lengths,
              const int  *formats)
{
  PGresult *res = PQexecPrepared (ref->conn, name, n, values, lengths, formats, 0);
  ExecStatusType status = PQresultStatus (res);
  gint64 id = 0;

  if (status == PGRES_TUPLES_OK && PQntuples (res) == 1)
    id = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
  else if (status != PGRES_COMMAND_OK)
    g_error ("reference %s: %s", name, PQerrorMessage (ref->conn));
  PQclear (res);
  return id;
}

#define INT_TEXT(buffer, value) (g_snprintf ((buffer), sizeof (buffer), "%" G_GINT64_FORMAT, (gint64)(value)), (buffer))

static void
ref_begin (Ref *ref)
{
  pg_run (ref->conn, "BEGIN; SELECT pg_advisory_xact_lock (2026121701); SET LOCAL warta.quiet = 'on'");
}

static void
ref_commit (Ref *ref)
{
  pg_run (ref->conn, "COMMIT");
}

/* One journal event chained to the last, and the head kept beside it. */
static void
ref_event (Ref        *ref,
           gint64      actor,
           gint64      case_id,
           const char *kind,
           const char *payload)
{
  WartaJournalEvent event = {
    .seq = ++ref->seq,
    .at = ref->now,
    .actor = actor,
    .case_id = case_id,
    .kind = (char *)kind,
    .payload = (char *)payload,
    .prev_hash = ref->prev_hash,
  };
  g_autofree char *hash = warta_journal_hash (&event);
  char seq[32], actor_text[32], case_text[32];
  const char *values[8] = { INT_TEXT (seq, event.seq), ref->now_text, INT_TEXT (actor_text, actor),
                            INT_TEXT (case_text, case_id), kind, payload, ref->prev_hash, hash };
  const char *head[2] = { seq, hash };

  ref_run_stmt (ref, "event", 8, values, NULL, NULL);
  ref_run_stmt (ref, "head", 2, head, NULL, NULL);
  g_free (ref->prev_hash);
  ref->prev_hash = g_steal_pointer (&hash);
}

static gint64
ref_new_run (Ref        *ref,
             gint64      case_id,
             int         seq,
             const Step *step)
{
  char id_text[32], seq_text[32], due[32];
  const char *values[9] = { INT_TEXT (id_text, case_id), INT_TEXT (seq_text, seq), step->step_id, step->lane,
                            step->standard_min, step->standard_max, ref->now_text, step->action,
                            INT_TEXT (due, step->max_minutes >= 0
                                           ? ref->now + step->max_minutes * G_GINT64_CONSTANT (60000000)
                                           : G_MAXINT64) };

  return ref_run_stmt (ref, "new_run", 9, values, NULL, NULL);
}

static void
ref_finish_run (Ref        *ref,
                gint64      run_id,
                gint64      by,
                const char *outcome)
{
  char by_text[32], run_text[32];
  const char *values[4] = { ref->now_text, INT_TEXT (by_text, by), outcome, INT_TEXT (run_text, run_id) };

  ref_run_stmt (ref, "finish_run", 4, values, NULL, NULL);
}

static gint64
ref_attach (Ref        *ref,
            gint64      case_id,
            gint64      run_id,
            const Step *step,
            const char *kind,
            const char *name,
            const char *content_type,
            const char *content,
            gsize       size,
            gint64      by)
{
  g_autofree char *sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)content, size);
  char case_text[32], run_text[32], size_text[32], by_text[32], id_text[32];
  const char *values[10] = { INT_TEXT (case_text, case_id), INT_TEXT (run_text, run_id), step->step_id, kind, name,
                             content_type, INT_TEXT (size_text, size), sha256, INT_TEXT (by_text, by),
                             ref->now_text };
  gint64 id = ref_run_stmt (ref, "attach", 10, values, NULL, NULL);
  const char *end[2] = { INT_TEXT (id_text, id), size_text };
  const char *data[2] = { id_text, content };
  const int lengths[2] = { 0, (int)size };
  const int formats[2] = { 0, 1 };

  ref_run_stmt (ref, "attach_end", 2, end, NULL, NULL);
  ref_run_stmt (ref, "attach_data", 2, data, lengths, formats);
  return id;
}

/* The reference's connection to db, its statements prepared, the
 * journal's head read once: after that it reads nothing back. */
static void
ref_open (Ref         *ref,
          TestDb      *db,
          const BenchUsers *users,
          const Step   steps[N_STEPS])
{
  PGresult *res;

  ref->users = users;
  ref->steps = steps;
  ref->conn = pg_open (db->path);
  res = PQexec (ref->conn, "SELECT (SELECT value FROM meta WHERE key = 'journal_head_seq'), "
                           "(SELECT value FROM meta WHERE key = 'journal_head_hash')");
  if (PQresultStatus (res) != PGRES_TUPLES_OK)
    g_error ("the journal's head: %s", PQerrorMessage (ref->conn));
  ref->seq = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
  ref->prev_hash = g_strdup (PQgetvalue (res, 0, 1));
  PQclear (res);
  ref->now = db->now;
  INT_TEXT (ref->now_text, ref->now);
  for (guint i = 0; i < G_N_ELEMENTS (ref_statements); i++)
    {
      res = PQprepare (ref->conn, ref_statements[i].name, ref_statements[i].sql, 0, NULL);
      if (PQresultStatus (res) != PGRES_COMMAND_OK)
        g_error ("%s: %s", ref_statements[i].sql, PQerrorMessage (ref->conn));
      PQclear (res);
    }
}

static void
ref_close (Ref *ref)
{
  PQfinish (ref->conn);
  g_free (ref->prev_hash);
}

/* The same transactions and rows in the same tables, with nothing checked
 * or read back. */
static double
drive_reference (Ref   *ref_p,
                 guint  count)
{
  Ref ref = *ref_p;
  const BenchUsers *users = ref.users;
  const Step *steps = ref.steps;
  gint64 start;
  /* Who does each step, as bench_drive_warta(). */
  const gint64 actors[N_STEPS] = { users->staff, users->staff, users->katim, users->kepala,
                                   users->katim, users->admin, users->admin, users->staff };
  char staff[32], admin[32], kepala[32], katim[32];

  INT_TEXT (staff, users->staff);
  INT_TEXT (admin, users->admin);
  INT_TEXT (kepala, users->kepala);
  INT_TEXT (katim, users->katim);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < count; i++)
    {
      g_autofree char *payload = NULL;
      char id_text[32], run_text[32];
      gint64 id, run;

      ref_begin (&ref);
      {
        const char *values[2] = { staff, ref.now_text };

        id = ref_run_stmt (&ref, "new_case", 2, values, NULL, NULL);
      }
      run = ref_new_run (&ref, id, 1, &steps[0]);
      payload = g_strdup_printf ("{\"sop\":\"" BENCH_SOP_ID "\",\"version\":1,\"title\":\"Rilis kegiatan\",\"step\":\"%s\"}",
                                 steps[0].step_id);
      ref_event (&ref, users->staff, id, "case.start", payload);
      ref_commit (&ref);

      INT_TEXT (id_text, id);
      INT_TEXT (run_text, run);
      ref_begin (&ref);
      {
        const char *naskah[3] = { id_text, ref.now_text, staff };
        const char *revision[4] = { id_text, run_text, ref.now_text, staff };
        const char *touch[1] = { id_text };

        ref_run_stmt (&ref, "naskah", 3, naskah, NULL, NULL);
        ref_run_stmt (&ref, "revision", 4, revision, NULL, NULL);
        ref_run_stmt (&ref, "touch", 1, touch, NULL, NULL);
      }
      ref_commit (&ref);

      for (int s = 0; s < N_STEPS; s++)
        {
          for (int f = 0; s == 1 && f < 2; f++)
            {
              ref_begin (&ref);
              ref_attach (&ref, id, run, &steps[s], f ? "dokumen-pendukung" : "nota-dinas",
                          f ? "data-dukung.pdf" : "nota-dinas.pdf", "application/pdf",
                          g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), users->staff);
              g_free (payload);
              payload = g_strdup_printf ("{\"step\":\"%s\",\"name\":\"nota-dinas.pdf\",\"kind\":\"nota-dinas\","
                                         "\"size\":%" G_GSIZE_FORMAT ",\"sha256\":\"%064d\"}",
                                         steps[s].step_id, g_bytes_get_size (pdf), 0);
              ref_event (&ref, users->staff, id, "attachment.add", payload);
              ref_commit (&ref);
            }

          for (int t = 0; s == 5 && t < 5; t++)
            {
              static gint64 publication;
              static char publication_text[32];
              const char *kinds[] = { "publication.prepare", "publication.post", "publication.verify",
                                      "publication.screenshot", "publication.check" };

              ref_begin (&ref);
              if (t == 0)
                {
                  const char *values[1] = { id_text };

                  publication = ref_run_stmt (&ref, "publication", 1, values, NULL, NULL);
                  INT_TEXT (publication_text, publication);
                }
              else if (t == 3)
                {
                  char shot_text[32];
                  gint64 shot = ref_attach (&ref, id, run, &steps[s], "foto", "bukti-tayang.png", "image/png",
                                            bench_shot_content, sizeof bench_shot_content, users->admin);
                  const char *values[2] = { INT_TEXT (shot_text, shot), publication_text };

                  ref_run_stmt (&ref, "shot_publication", 2, values, NULL, NULL);
                }
              else
                {
                  const char *values[3] = { ref.now_text, admin, publication_text };

                  ref_run_stmt (&ref, "update_publication", 3, values, NULL, NULL);
                }
              g_free (payload);
              payload = g_strdup_printf ("{\"publication\":%" G_GINT64_FORMAT ",\"link\":\"https://contoh.go.id/berita\","
                                         "\"status\":\"manual\"}", publication);
              ref_event (&ref, users->admin, id, kinds[t], payload);
              ref_commit (&ref);
            }

          ref_begin (&ref);
          ref_finish_run (&ref, run, actors[s], s == 3 ? "disposed" : "completed");
          if (s == 3)
            {
              const char *values[5] = { id_text, run_text, kepala, katim, ref.now_text };

              ref_run_stmt (&ref, "disp", 5, values, NULL, NULL);
            }
          if (s + 1 < N_STEPS)
            {
              run = ref_new_run (&ref, id, s + 2, &steps[s + 1]);
              INT_TEXT (run_text, run);
            }
          else
            {
              const char *values[2] = { ref.now_text, id_text };

              ref_run_stmt (&ref, "finish_case", 2, values, NULL, NULL);
            }
          g_free (payload);
          payload = g_strdup_printf ("{\"step\":\"%s\",\"outcome\":\"completed\",\"next\":\"%s\"}",
                                     steps[s].step_id, s + 1 < N_STEPS ? steps[s + 1].step_id : "");
          ref_event (&ref, actors[s], id, s == 3 ? "case.dispose" : "case.complete", payload);
          ref_commit (&ref);
        }
    }
  start = g_get_monotonic_time () - start;

  *ref_p = ref;
  return start / 1000.0;
}

/* The process's CPU time so far, ms: the client's share of the work. */
static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

/* The CPU time so far of the server process behind conn, ms: the
 * server's share (it runs on this machine). */
static double
backend_cpu_ms (PGconn *conn)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", PQbackendPID (conn));
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after;

  if (!g_file_get_contents (path, &stat, NULL, NULL) || (after = strrchr (stat, ')')) == NULL)
    return 0;
  /* after the command's name: state is field 3, utime 14, stime 15 */
  fields = g_strsplit (after + 2, " ", 0);
  if (g_strv_length (fields) < 13)
    return 0;
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) * 1000.0 / sysconf (_SC_CLK_TCK);
}

static PGconn *
store_conn (TestDb *db)
{
  return warta_db_get_handle (db->store->db);
}

int
main (int   argc,
      char *argv[])
{
  const char *tables[] = { "cases", "step_runs", "journal", "attachments", "attachment_data", "dispositions",
                           "publications", "naskah", "naskah_revisions", "touches" };
  g_autoptr(TestDb) db = NULL;
  g_autoptr(TestDb) sqlite = NULL;
  g_autoptr(TestDb) reference = NULL;
  g_autoptr(GError) error = NULL;
  BenchUsers users, sqlite_users, reference_users;
  Step steps[N_STEPS];
  guint count;
  double warta_ms, sqlite_ms, reference_ms, warta_cpu, reference_cpu, warta_server, reference_server, t;
  Ref ref = { 0 };
  gint64 n_events = 0;

  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("WARTA_TEST_PG_HOST") == NULL)
    g_error ("pg-drive-1k-cases runs in the cluster of tests/pg/with-cluster.sh");
  count = g_getenv ("WARTA_BENCH_CASES") ? (guint)g_ascii_strtoull (g_getenv ("WARTA_BENCH_CASES"), NULL, 10) : 1000;
  pdf = test_pdf_bytes ("Nota dinas");

  /* The machine may be shared, and its load come and go: the three
   * drives in slices, taking turns, so that each meets the same load;
   * each office kept from slice to slice. */
  db = office_new (TRUE, &users);
  sqlite = office_new (FALSE, &sqlite_users);
  reference = office_new (TRUE, &reference_users);
  warta_ms = sqlite_ms = reference_ms = 0;
  warta_cpu = reference_cpu = warta_server = reference_server = 0;
  for (guint done = 0; done < count; done += SLICE)
    {
      guint slice = MIN (SLICE, count - done);
      double t_server;

      t = cpu_ms ();
      t_server = backend_cpu_ms (store_conn (db));
      warta_ms += bench_drive_warta (db, &users, pdf, slice);
      warta_cpu += cpu_ms () - t;
      warta_server += backend_cpu_ms (store_conn (db)) - t_server;

      sqlite_ms += bench_drive_warta (sqlite, &sqlite_users, pdf, slice);

      if (done == 0)
        {
          load_steps (db, steps);
          ref_open (&ref, reference, &reference_users, steps);
        }
      t = cpu_ms ();
      t_server = backend_cpu_ms (ref.conn);
      reference_ms += drive_reference (&ref, slice);
      reference_cpu += cpu_ms () - t;
      reference_server += backend_cpu_ms (ref.conn) - t_server;
    }
  ref_close (&ref);

  g_assert_cmpint (test_db_count (db, "SELECT count(*) FROM cases WHERE state = 'done'"), ==, count);
  g_assert_true (warta_journal_verify (db->store, &n_events, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_db_count (sqlite, "SELECT count(*) FROM cases WHERE state = 'done'"), ==, count);
  g_assert_true (warta_journal_verify (reference->store, NULL, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[i]);

      if (test_db_count (db, sql) != test_db_count (reference, sql))
        g_error ("the reference wrote %" G_GINT64_FORMAT " rows in %s, Warta %" G_GINT64_FORMAT,
                 test_db_count (reference, sql), tables[i], test_db_count (db, sql));
    }

  for (guint i = 0; i < N_STEPS; i++)
    {
      g_free (steps[i].step_id);
      g_free (steps[i].lane);
      g_free (steps[i].action);
      g_free (steps[i].standard_min);
      g_free (steps[i].standard_max);
    }

  g_print ("bench: pg-drive-%uk-cases: warta=%.0fms reference=%.0fms ratio=%.2f (reference: the engine on sqlite)\n",
           MAX (count / 1000, 1), warta_ms, sqlite_ms, warta_ms / sqlite_ms);
  g_print ("bench: pg-drive-%uk-cases-raw: warta=%.0fms reference=%.0fms ratio=%.2f (reference: libpq, the same "
           "transactions and rows, prepared statements; aim <= %.0f: %s)\n",
           MAX (count / 1000, 1), warta_ms, reference_ms, warta_ms / reference_ms, AIM,
           warta_ms / reference_ms <= AIM ? "met" : "MISSED");
  g_print ("note: pg-drive-%uk-cases: cpu warta=%.0fms (client %.0f + server %.0f) reference=%.0fms (client %.0f + "
           "server %.0f) ratio=%.2f; the rest of the time is waiting on round trips; %" G_GINT64_FORMAT
           " journal events\n",
           MAX (count / 1000, 1), warta_cpu + warta_server, warta_cpu, warta_server,
           reference_cpu + reference_server, reference_cpu, reference_server,
           (warta_cpu + warta_server) / (reference_cpu + reference_server), n_events);
  g_bytes_unref (pdf);
  return 0;
}
