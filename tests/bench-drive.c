/* bench-drive.c: start and drive 1,000 cases through seed 002's SOP
 *
 * drive-1k-cases: the reference writes the same rows into the same tables
 * of a Warta database (its schema and indexes, the seeds and users in
 * it), one transaction for each engine action, with plain prepared
 * statements: the journal rows with their SHA-256 chain and head, the
 * naskah, the runs, the disposition, the attachments' rows and blobs, the
 * publication and its screenshot. So the ratio is the engine's own cost:
 * permission checks, SOP lookups, reading the case back. Step 2 hands on
 * its nota dinas and supporting document: two 4 KiB attachments a case,
 * streamed from files by Warta and written as one blob each by the
 * reference. Step 6 records its publication proven live as it is made:
 * prepared, posted, verified, its 4 KiB screenshot kept, five
 * transactions, as the reference writes five.
 *
 * drive-1k-on-100k: the same drive by Warta in an office that already
 * holds 100,000 berkas in the staff's inbox, against the drive in an
 * empty one. inbox-last-page-100k: the last page of that inbox against
 * its first, both read as the case list reads them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/resource.h>
#include <sqlite3.h>

#include "test-util.h"
#include "bench-office.h"
#include "warta-evidence.h"
#include "warta-sample.h"
#include "warta-store-private.h"


/* The nota dinas and the supporting document: a real one-page PDF, as
 * the engine takes only what its content bears out. */
static GBytes *pdf;

static guint
n_cases (void)
{
  const char *env = g_getenv ("WARTA_BENCH_CASES");

  return env ? (guint)g_ascii_strtoull (env, NULL, 10) : 1000;
}


static void
run_sql (sqlite3    *db,
         const char *sql)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
}

static void
step_stmt (sqlite3_stmt *stmt)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    g_error ("reference: %s", sqlite3_errmsg (sqlite3_db_handle (stmt)));
  sqlite3_reset (stmt);
}

/* What the engine wrote at each step of its first case: lane, action,
 * standards; the reference writes the same. */
typedef struct
{
  char *step_id, *lane, *action;
  int   standard_min, standard_max;
} Step;

#define N_STEPS 8

static void
load_steps (TestDb *db,
            Step    steps[N_STEPS])
{
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (warta_db_get_handle (db->store->db),
                                       "SELECT step_id, lane, action, coalesce (standard_min, -1), "
                                       "  coalesce (standard_max, -1) FROM step_runs WHERE case_id = 1 ORDER BY seq",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW && n < N_STEPS)
    {
      steps[n].step_id = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      steps[n].lane = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      steps[n].action = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      steps[n].standard_min = sqlite3_column_int (stmt, 3);
      steps[n].standard_max = sqlite3_column_int (stmt, 4);
      n++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n, ==, N_STEPS);
}

typedef struct
{
  sqlite3      *db;
  sqlite3_stmt *new_case, *new_run, *finish_run, *finish_case, *naskah, *revision, *touch, *event, *head;
  sqlite3_stmt *attach, *attach_data, *disp, *publication, *update_publication, *shot_publication;
  gint64        seq;
  char         *prev_hash;
  gint64        now;
} Ref;

static sqlite3_stmt *
ref_prepare (Ref        *ref,
             const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v3 (ref->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (ref->db));
  return stmt;
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
  g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, event.seq);

  sqlite3_bind_int64 (ref->event, 1, event.seq);
  sqlite3_bind_int64 (ref->event, 2, event.at);
  sqlite3_bind_int64 (ref->event, 3, actor);
  sqlite3_bind_int64 (ref->event, 4, case_id);
  sqlite3_bind_text (ref->event, 5, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (ref->event, 6, payload, -1, SQLITE_STATIC);
  sqlite3_bind_text (ref->event, 7, ref->prev_hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (ref->event, 8, hash, -1, SQLITE_STATIC);
  step_stmt (ref->event);
  sqlite3_bind_text (ref->head, 1, seq, -1, SQLITE_STATIC);
  sqlite3_bind_text (ref->head, 2, hash, -1, SQLITE_STATIC);
  step_stmt (ref->head);
  g_free (ref->prev_hash);
  ref->prev_hash = g_steal_pointer (&hash);
}

static gint64
ref_run (Ref        *ref,
         gint64      case_id,
         int         seq,
         const Step *step)
{
  sqlite3_bind_int64 (ref->new_run, 1, case_id);
  sqlite3_bind_int (ref->new_run, 2, seq);
  sqlite3_bind_text (ref->new_run, 3, step->step_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (ref->new_run, 4, step->lane, -1, SQLITE_STATIC);
  if (step->standard_min >= 0)
    sqlite3_bind_int (ref->new_run, 5, step->standard_min);
  else
    sqlite3_bind_null (ref->new_run, 5);
  if (step->standard_max >= 0)
    sqlite3_bind_int (ref->new_run, 6, step->standard_max);
  else
    sqlite3_bind_null (ref->new_run, 6);
  sqlite3_bind_int64 (ref->new_run, 7, ref->now);
  sqlite3_bind_text (ref->new_run, 8, step->action, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (ref->new_run, 9, step->standard_max >= 0 ? ref->now + step->standard_max * G_GINT64_CONSTANT (60000000)
                                                               : G_MAXINT64);
  step_stmt (ref->new_run);
  return sqlite3_last_insert_rowid (ref->db);
}

static void
ref_finish_run (Ref    *ref,
                gint64  run_id,
                gint64  by,
                const char *outcome)
{
  sqlite3_bind_int64 (ref->finish_run, 1, ref->now);
  sqlite3_bind_int64 (ref->finish_run, 2, by);
  sqlite3_bind_text (ref->finish_run, 3, outcome, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (ref->finish_run, 4, run_id);
  step_stmt (ref->finish_run);
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
  gint64 id;

  sqlite3_bind_int64 (ref->attach, 1, case_id);
  sqlite3_bind_int64 (ref->attach, 2, run_id);
  sqlite3_bind_text (ref->attach, 3, step->step_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (ref->attach, 4, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (ref->attach, 5, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (ref->attach, 6, content_type, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (ref->attach, 7, size);
  sqlite3_bind_text (ref->attach, 8, sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (ref->attach, 9, by);
  sqlite3_bind_int64 (ref->attach, 10, ref->now);
  step_stmt (ref->attach);
  id = sqlite3_last_insert_rowid (ref->db);
  sqlite3_bind_int64 (ref->attach_data, 1, id);
  sqlite3_bind_blob (ref->attach_data, 2, content, size, SQLITE_STATIC);
  step_stmt (ref->attach_data);
  return id;
}

/* The same transactions and rows in the same tables, with nothing checked
 * or read back. */
static double
drive_reference (TestDb      *db,
                 const BenchUsers *users,
                 const Step   steps[N_STEPS],
                 guint        count)
{
  Ref ref = { 0 };
  sqlite3_stmt *stmt = NULL;
  gint64 start;
  /* Who does each step, as bench_drive_warta(). */
  const gint64 actors[N_STEPS] = { users->staff, users->staff, users->katim, users->kepala,
                                   users->katim, users->admin, users->admin, users->staff };

  g_assert_cmpint (sqlite3_open (db->path, &ref.db), ==, SQLITE_OK);
  sqlite3_busy_timeout (ref.db, 5000);
  run_sql (ref.db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
  g_assert_cmpint (sqlite3_prepare_v2 (ref.db, "SELECT (SELECT value FROM meta WHERE key = 'journal_head_seq'), "
                                       "(SELECT value FROM meta WHERE key = 'journal_head_hash')", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  ref.seq = sqlite3_column_int64 (stmt, 0);
  ref.prev_hash = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  sqlite3_finalize (stmt);
  ref.now = db->now;

  ref.new_case = ref_prepare (&ref, "INSERT INTO cases (sop_id, sop_version, title, created_by, created_at) "
                                    "VALUES ('" BENCH_SOP_ID "', (SELECT max (version) FROM sops WHERE id = '" BENCH_SOP_ID "'), "
                                    "'Rilis kegiatan', ?, ?)");
  ref.new_run = ref_prepare (&ref, "INSERT INTO step_runs (case_id, seq, step_id, lane, standard_min, standard_max, "
                                   "started_at, action, due) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  ref.finish_run = ref_prepare (&ref, "UPDATE step_runs SET completed_at = ?, completed_by = ?, outcome = ? "
                                      "WHERE id = ? AND completed_at IS NULL");
  ref.finish_case = ref_prepare (&ref, "UPDATE cases SET state = 'done', finished_at = ? WHERE id = ?");
  ref.naskah = ref_prepare (&ref, "INSERT INTO naskah (case_id, title, body, updated_at, updated_by) "
                                  "VALUES (?, 'Rilis kegiatan', 'Isi rilis kegiatan.', ?, ?) "
                                  "ON CONFLICT (case_id) DO UPDATE SET title = excluded.title, body = excluded.body");
  /* Every save of the naskah is a revision, with who and when. */
  ref.revision = ref_prepare (&ref, "INSERT INTO naskah_revisions (case_id, n, run_id, title, body, five_w, "
                                    "  first_at, saved_at, saved_by) "
                                    "VALUES (?1, 1, ?2, 'Rilis kegiatan', 'Isi rilis kegiatan.', '{\"who\":\"\",\"what\":\"\",\"when\":\"\",\"where\":\"\",\"why\":\"\",\"how\":\"\"}', ?3, ?3, ?4)");
  /* A draft is not journaled: its touch tells other desks which berkas. */
  ref.touch = ref_prepare (&ref, "INSERT INTO touches (case_id, seq) "
                                 "VALUES (?1, (SELECT coalesce (max (seq), 0) + 1 FROM touches)) "
                                 "ON CONFLICT (case_id) DO UPDATE SET seq = excluded.seq");
  ref.event = ref_prepare (&ref, "INSERT INTO journal (seq, at, actor, case_id, kind, payload, prev_hash, hash) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  ref.head = ref_prepare (&ref, "INSERT INTO meta (key, value) VALUES ('journal_head_seq', ?), ('journal_head_hash', ?) "
                                "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  ref.attach = ref_prepare (&ref, "INSERT INTO attachments (case_id, run_id, step_id, kind, name, content_type, size, "
                                  "sha256, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  ref.attach_data = ref_prepare (&ref, "INSERT INTO attachment_data (attachment_id, data) VALUES (?, ?)");
  ref.disp = ref_prepare (&ref, "INSERT INTO dispositions (case_id, run_id, from_user, to_user, instruction, created_at) "
                                "VALUES (?, ?, ?, ?, 'Periksa', ?)");
  ref.publication = ref_prepare (&ref, "INSERT INTO publications (case_id, status, link) "
                                       "VALUES (?, 'manual', 'https://contoh.go.id/berita')");
  ref.update_publication = ref_prepare (&ref, "UPDATE publications SET published_at = ?1, published_by = ?2, "
                                              "verified_at = ?1, http_status = 200, response_ms = 12, "
                                              "body_sha256 = '3333333333333333333333333333333333333333333333333333333333333333', "
                                              "title_found = 1 WHERE id = ?3");
  ref.shot_publication = ref_prepare (&ref, "UPDATE publications SET screenshot_id = ? WHERE id = ?");

  start = g_get_monotonic_time ();
  for (guint i = 0; i < count; i++)
    {
      g_autofree char *payload = NULL;
      gint64 id, run;

      run_sql (ref.db, "BEGIN IMMEDIATE");
      sqlite3_bind_int64 (ref.new_case, 1, users->staff);
      sqlite3_bind_int64 (ref.new_case, 2, ref.now);
      step_stmt (ref.new_case);
      id = sqlite3_last_insert_rowid (ref.db);
      run = ref_run (&ref, id, 1, &steps[0]);
      payload = g_strdup_printf ("{\"sop\":\"" BENCH_SOP_ID "\",\"version\":1,\"title\":\"Rilis kegiatan\",\"step\":\"%s\"}",
                                 steps[0].step_id);
      ref_event (&ref, users->staff, id, "case.start", payload);
      run_sql (ref.db, "COMMIT");

      run_sql (ref.db, "BEGIN IMMEDIATE");
      sqlite3_bind_int64 (ref.naskah, 1, id);
      sqlite3_bind_int64 (ref.naskah, 2, ref.now);
      sqlite3_bind_int64 (ref.naskah, 3, users->staff);
      step_stmt (ref.naskah);
      sqlite3_bind_int64 (ref.revision, 1, id);
      sqlite3_bind_int64 (ref.revision, 2, run);
      sqlite3_bind_int64 (ref.revision, 3, ref.now);
      sqlite3_bind_int64 (ref.revision, 4, users->staff);
      step_stmt (ref.revision);
      sqlite3_bind_int64 (ref.touch, 1, id);
      step_stmt (ref.touch);
      run_sql (ref.db, "COMMIT");

      for (int s = 0; s < N_STEPS; s++)
        {
          for (int f = 0; s == 1 && f < 2; f++)
            {
              run_sql (ref.db, "BEGIN IMMEDIATE");
              ref_attach (&ref, id, run, &steps[s], f ? "dokumen-pendukung" : "nota-dinas",
                          f ? "data-dukung.pdf" : "nota-dinas.pdf", "application/pdf",
                          g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), users->staff);
              g_free (payload);
              payload = g_strdup_printf ("{\"step\":\"%s\",\"name\":\"nota-dinas.pdf\",\"kind\":\"nota-dinas\","
                                         "\"size\":%" G_GSIZE_FORMAT ",\"sha256\":\"%064d\"}",
                                         steps[s].step_id, g_bytes_get_size (pdf), 0);
              ref_event (&ref, users->staff, id, "attachment.add", payload);
              run_sql (ref.db, "COMMIT");
            }

          for (int t = 0; s == 5 && t < 5; t++)
            {
              static gint64 publication;
              const char *kinds[] = { "publication.prepare", "publication.post", "publication.verify",
                                      "publication.screenshot", "publication.check" };

              run_sql (ref.db, "BEGIN IMMEDIATE");
              if (t == 0)
                {
                  sqlite3_bind_int64 (ref.publication, 1, id);
                  step_stmt (ref.publication);
                  publication = sqlite3_last_insert_rowid (ref.db);
                }
              else if (t == 3)
                {
                  gint64 shot = ref_attach (&ref, id, run, &steps[s], "foto", "bukti-tayang.png", "image/png",
                                            bench_shot_content, sizeof bench_shot_content, users->admin);

                  sqlite3_bind_int64 (ref.shot_publication, 1, shot);
                  sqlite3_bind_int64 (ref.shot_publication, 2, publication);
                  step_stmt (ref.shot_publication);
                }
              else
                {
                  sqlite3_bind_int64 (ref.update_publication, 1, ref.now);
                  sqlite3_bind_int64 (ref.update_publication, 2, users->admin);
                  sqlite3_bind_int64 (ref.update_publication, 3, publication);
                  step_stmt (ref.update_publication);
                }
              g_free (payload);
              payload = g_strdup_printf ("{\"publication\":%" G_GINT64_FORMAT ",\"link\":\"https://contoh.go.id/berita\","
                                         "\"status\":\"manual\"}", publication);
              ref_event (&ref, users->admin, id, kinds[t], payload);
              run_sql (ref.db, "COMMIT");
            }

          run_sql (ref.db, "BEGIN IMMEDIATE");
          ref_finish_run (&ref, run, actors[s], s == 3 ? "disposed" : "completed");
          if (s == 3)
            {
              sqlite3_bind_int64 (ref.disp, 1, id);
              sqlite3_bind_int64 (ref.disp, 2, run);
              sqlite3_bind_int64 (ref.disp, 3, users->kepala);
              sqlite3_bind_int64 (ref.disp, 4, users->katim);
              sqlite3_bind_int64 (ref.disp, 5, ref.now);
              step_stmt (ref.disp);
            }
          if (s + 1 < N_STEPS)
            run = ref_run (&ref, id, s + 2, &steps[s + 1]);
          else
            {
              sqlite3_bind_int64 (ref.finish_case, 1, ref.now);
              sqlite3_bind_int64 (ref.finish_case, 2, id);
              step_stmt (ref.finish_case);
            }
          g_free (payload);
          payload = g_strdup_printf ("{\"step\":\"%s\",\"outcome\":\"completed\",\"next\":\"%s\"}",
                                     steps[s].step_id, s + 1 < N_STEPS ? steps[s + 1].step_id : "");
          ref_event (&ref, actors[s], id, s == 3 ? "case.dispose" : "case.complete", payload);
          run_sql (ref.db, "COMMIT");
        }
    }
  start = g_get_monotonic_time () - start;

  sqlite3_finalize (ref.new_case);
  sqlite3_finalize (ref.new_run);
  sqlite3_finalize (ref.finish_run);
  sqlite3_finalize (ref.finish_case);
  sqlite3_finalize (ref.naskah);
  sqlite3_finalize (ref.revision);
  sqlite3_finalize (ref.touch);
  sqlite3_finalize (ref.event);
  sqlite3_finalize (ref.head);
  sqlite3_finalize (ref.attach);
  sqlite3_finalize (ref.attach_data);
  sqlite3_finalize (ref.disp);
  sqlite3_finalize (ref.publication);
  sqlite3_finalize (ref.update_publication);
  sqlite3_finalize (ref.shot_publication);
  sqlite3_close (ref.db);
  g_free (ref.prev_hash);
  return start / 1000.0;
}
static double
file_mib (const char *path)
{
  GStatBuf st;
  double total = 0;
  const char *suffixes[] = { "", "-wal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_stat (file, &st) == 0)
        total += st.st_size;
    }
  return total / (1024.0 * 1024.0);
}

/* An office holding count berkas, each open at step 1 in the staff's
 * inbox: one real case through the engine, then copies of it in bulk. */
static void
populate (TestDb *db,
          gint64  staff,
          guint   count)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  g_assert_cmpint (warta_engine_start_case (db->engine, staff, BENCH_SOP_ID, "Rilis kegiatan 1", &error), >, 0);
  g_assert_no_error (error);
  sql = g_strdup_printf ("WITH RECURSIVE n (x) AS (SELECT 2 UNION ALL SELECT x + 1 FROM n WHERE x < %u) "
                         "INSERT INTO cases (id, sop_id, sop_version, title, created_by, created_at) "
                         "SELECT x, sop_id, sop_version, 'Rilis kegiatan ' || x, created_by, created_at - x * 60000000 "
                         "FROM n, (SELECT * FROM cases WHERE id = 1);"
                         "INSERT INTO step_runs (case_id, seq, step_id, lane, assignee, standard_min, standard_max, "
                         "  started_at, action, due) "
                         "SELECT c.id, 1, r.step_id, r.lane, r.assignee, r.standard_min, r.standard_max, c.created_at, "
                         "  r.action, coalesce (c.created_at + r.standard_max * 60000000, 9223372036854775807) "
                         "FROM cases c, (SELECT * FROM step_runs WHERE case_id = 1) r WHERE c.id > 1;",
                         count);
  test_db_exec (db, sql);
  g_assert_cmpint (test_db_count (db, "SELECT count(*) FROM cases"), ==, count);
  /* An office at rest: the bulk insert's WAL is not the drive's to copy back. */
  test_db_exec (db, "PRAGMA wal_checkpoint (TRUNCATE)");
}

/* The process's CPU time so far, ms: on a shared machine steadier than
 * the wall clock, though it leaves out waiting on the disk. */
static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

/* The median time of reading one page of the staff's inbox, as the case
 * list does: the first from the start, the last from the end. */
static double
page_ms (TestDb  *db,
         gint64   staff,
         gboolean last)
{
  g_autoptr(GError) error = NULL;
  WartaCaseQuery query = { .inbox_user = staff, .limit = 50, .backward = last };
  double times[7];

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GPtrArray) cases = warta_store_list_cases (db->store, &query, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (cases->len, ==, 50);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  qsort (times, G_N_ELEMENTS (times), sizeof times[0], compare_doubles);
  return times[G_N_ELEMENTS (times) / 2];
}

/* The median time of counting the staff's inbox, as the case list does. */
static double
count_ms (TestDb *db,
          gint64  staff)
{
  g_autoptr(GError) error = NULL;
  WartaCaseQuery query = { .inbox_user = staff };
  double times[7];

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      gint64 start = g_get_monotonic_time ();

      g_assert_cmpint (warta_store_count_cases (db->store, &query, &error), >, 0);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  qsort (times, G_N_ELEMENTS (times), sizeof times[0], compare_doubles);
  return times[G_N_ELEMENTS (times) / 2];
}

int
main (int   argc,
      char *argv[])
{
  const char *tables[] = { "cases", "step_runs", "journal", "attachments", "attachment_data", "dispositions",
                           "publications", "naskah", "naskah_revisions", "touches" };
  g_autoptr(TestDb) db = NULL;
  g_autoptr(TestDb) reference = NULL;
  g_autoptr(TestDb) big = NULL;
  g_autoptr(GError) error = NULL;
  BenchUsers users, reference_users, big_users;
  Step steps[N_STEPS];
  guint count, n_big;
  double warta_ms, reference_ms, big_ms, first_ms, last_ms, inbox_count_ms, size;
  double warta_cpu, reference_cpu, t;
  gint64 n_events = 0;

  g_test_init (&argc, &argv, NULL);
  count = n_cases ();
  pdf = test_pdf_bytes ("Nota dinas");
  n_big = g_getenv ("WARTA_BENCH_OFFICE") ? (guint)g_ascii_strtoull (g_getenv ("WARTA_BENCH_OFFICE"), NULL, 10) : 100000;

  db = bench_office_new (&users);
  t = cpu_ms ();
  warta_ms = bench_drive_warta (db, &users, pdf, count);
  warta_cpu = cpu_ms () - t;
  g_assert_cmpint (test_db_count (db, "SELECT count(*) FROM cases WHERE state = 'done'"), ==, count);
  g_assert_true (warta_journal_verify (db->store, &n_events, NULL, &error));
  g_assert_no_error (error);
  size = file_mib (db->path);

  /* The same rows in a database that has the same before. */
  load_steps (db, steps);
  reference = bench_office_new (&reference_users);
  t = cpu_ms ();
  reference_ms = drive_reference (reference, &reference_users, steps, count);
  reference_cpu = cpu_ms () - t;
  g_assert_true (warta_journal_verify (reference->store, NULL, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[i]);

      if (test_db_count (db, sql) != test_db_count (reference, sql))
        g_error ("the reference wrote %" G_GINT64_FORMAT " rows in %s, Warta %" G_GINT64_FORMAT,
                 test_db_count (reference, sql), tables[i], test_db_count (db, sql));
    }

  big = bench_office_new (&big_users);
  populate (big, big_users.staff, n_big);
  big_ms = bench_drive_warta (big, &big_users, pdf, count);
  first_ms = page_ms (big, big_users.staff, FALSE);
  last_ms = page_ms (big, big_users.staff, TRUE);
  inbox_count_ms = count_ms (big, big_users.staff);

  /* The machine is shared: each drive once more in fresh offices, and
   * the faster of the two kept, the same for all three. */
  g_clear_pointer (&db, test_db_free);
  g_clear_pointer (&reference, test_db_free);
  g_clear_pointer (&big, test_db_free);
  db = bench_office_new (&users);
  warta_ms = MIN (warta_ms, bench_drive_warta (db, &users, pdf, count));
  reference = bench_office_new (&reference_users);
  reference_ms = MIN (reference_ms, drive_reference (reference, &reference_users, steps, count));
  big = bench_office_new (&big_users);
  populate (big, big_users.staff, n_big);
  big_ms = MIN (big_ms, bench_drive_warta (big, &big_users, pdf, count));

  for (guint i = 0; i < N_STEPS; i++)
    {
      g_free (steps[i].step_id);
      g_free (steps[i].lane);
      g_free (steps[i].action);
    }

  g_print ("bench: drive-%uk-cases: warta=%.0fms reference=%.0fms ratio=%.2f\n",
           count / 1000, warta_ms, reference_ms, warta_ms / reference_ms);
  g_print ("note: drive-%uk-cases: database=%.1f MiB (%.1f KiB a case, %" G_GINT64_FORMAT " journal events)\n",
           count / 1000, size, size * 1024 / count, n_events);
  g_print ("note: drive-%uk-cases: cpu warta=%.0fms reference=%.0fms ratio=%.2f (first round; the rest is waiting on the disk)\n",
           count / 1000, warta_cpu, reference_cpu, warta_cpu / reference_cpu);
  g_print ("bench: drive-%uk-on-%uk: warta=%.0fms reference=%.0fms ratio=%.2f\n",
           count / 1000, n_big / 1000, big_ms, warta_ms, big_ms / warta_ms);
  g_print ("bench: inbox-last-page-%uk: warta=%.2fms reference=%.2fms ratio=%.2f\n",
           n_big / 1000, last_ms, first_ms, last_ms / first_ms);
  g_print ("note: inbox-count-%uk: %.2fms\n", n_big / 1000, inbox_count_ms);
  g_bytes_unref (pdf);
  return 0;
}
