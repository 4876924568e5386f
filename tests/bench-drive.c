/* bench-drive.c: start and drive 10,000 cases through seed 002's SOP
 *
 * The reference writes the same rows in the same number of transactions
 * with plain prepared statements, so the ratio is the engine's own cost:
 * permission checks, SOP lookups, hashing the journal. Step 2 hands on
 * its nota dinas and supporting document: two 4 KiB attachments a case,
 * streamed from files by Warta and written as one blob each by the
 * reference. Step 6 records its publication proven live as it is made:
 * prepared, posted, verified, its 4 KiB screenshot kept, five
 * transactions, as the reference writes five.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "test-util.h"
#include "warta-evidence.h"
#include "warta-sample.h"

#define SOP_ID "bbkk-medan-publikasi-website"
#define BLOB_SIZE 4096

static const char BLOB_CONTENT[BLOB_SIZE] = "%PDF-1.4\n";
/* Stands for the page's screenshot at step 6: typed by its PNG signature. */
static const char SHOT_CONTENT[BLOB_SIZE] = "\211PNG\r\n\032\n\0\0\0\rIHDR";

static guint
n_cases (void)
{
  const char *env = g_getenv ("WARTA_BENCH_CASES");

  return env ? (guint)g_ascii_strtoull (env, NULL, 10) : 10000;
}

static double
drive_warta (TestDb *db,
             guint   count)
{
  g_autoptr(GError) error = NULL;
  gint64 staff = test_db_add_user (db, "staff", "staff-tim-kerja", NULL);
  gint64 katim = test_db_add_user (db, "katim", "katimker-layanan-publik-zi", NULL);
  gint64 kepala = test_db_add_user (db, "kepala", "kepala-satker", NULL);
  gint64 admin = test_db_add_user (db, "webadmin", "admin-website", NULL);
  g_autofree char *nota_path = test_db_write_file (db, "nota-dinas.pdf", "nota-dinas");
  g_autofree char *data_path = test_db_write_file (db, "data-dukung.pdf", "dokumen-pendukung");
  g_autoptr(GFile) nota = g_file_new_for_path (nota_path);
  g_autoptr(GFile) data = g_file_new_for_path (data_path);
  g_autoptr(GBytes) shot = g_bytes_new_static (SHOT_CONTENT, sizeof SHOT_CONTENT);
  gint64 start;

  g_assert_true (g_file_set_contents (nota_path, BLOB_CONTENT, sizeof BLOB_CONTENT, NULL));
  g_assert_true (g_file_set_contents (data_path, BLOB_CONTENT, sizeof BLOB_CONTENT, NULL));
  /* The state machine's cost against plain SQL: the Bukti Publikasi each
   * finished publish step renders (tens of ms of Pango and cairo) is not
   * engine work and has no SQL to set against it; test-evidence covers it. */
  warta_evidence_set_keep_bukti (db->engine, FALSE);
  start = g_get_monotonic_time ();

  for (guint i = 0; i < count; i++)
    {
      gint64 id = warta_engine_start_case (db->engine, staff, SOP_ID, "Rilis kegiatan", &error);
      gboolean ok;


      if (id > 0)
        {
          g_autoptr(WartaNaskah) naskah = warta_naskah_new (id);

          g_free (naskah->title);
          g_free (naskah->body);
          naskah->title = g_strdup ("Rilis kegiatan");
          naskah->body = g_strdup ("Isi rilis kegiatan.");
          ok = warta_engine_save_naskah (db->engine, staff, naskah, &error);
        }
      else
        ok = FALSE;

      ok = ok &&
           warta_engine_complete (db->engine, staff, id, "konsep", &error) &&
           warta_engine_attach (db->engine, staff, id, nota, "nota-dinas", NULL, NULL, NULL, &error) &&
           warta_engine_attach (db->engine, staff, id, data, "dokumen-pendukung", NULL, NULL, NULL, &error) &&
           warta_engine_complete (db->engine, staff, id, NULL, &error) &&
           warta_engine_complete (db->engine, katim, id, NULL, &error) &&
           warta_engine_dispose (db->engine, kepala, id, katim, "Periksa", &error) &&
           warta_engine_complete (db->engine, katim, id, NULL, &error) &&
           warta_sample_prove_publication (db->engine, admin, id, shot, &error) &&
           warta_engine_complete (db->engine, admin, id, NULL, &error) &&
           warta_engine_complete (db->engine, admin, id, NULL, &error) &&
           warta_engine_complete (db->engine, staff, id, NULL, &error);
      if (!ok)
        g_error ("case %u: %s", i, error ? error->message : "?");
    }

  return (g_get_monotonic_time () - start) / 1000.0;
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

/* The same transactions and rows, with nothing checked or hashed. */
static double
drive_reference (const char *path,
                 guint       count)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *new_case, *new_run, *finish, *event, *disp, *attach, *publication, *update_publication;
  gint64 seq = 0, start;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  run_sql (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"
               "CREATE TABLE cases (id INTEGER PRIMARY KEY, sop TEXT, title TEXT, state TEXT, at INTEGER);"
               "CREATE TABLE runs (id INTEGER PRIMARY KEY, case_id INTEGER REFERENCES cases (id), seq INTEGER,"
               "  step TEXT, started INTEGER, completed INTEGER, by INTEGER, outcome TEXT, note TEXT);"
               "CREATE UNIQUE INDEX one_active ON runs (case_id) WHERE completed IS NULL;"
               "CREATE TABLE disp (id INTEGER PRIMARY KEY, case_id INTEGER, run INTEGER, instruction TEXT);"
               "CREATE TABLE journal (seq INTEGER PRIMARY KEY, case_id INTEGER, kind TEXT, payload TEXT,"
               "  prev TEXT, hash TEXT);"
               "CREATE TABLE files (id INTEGER PRIMARY KEY, case_id INTEGER REFERENCES cases (id), kind TEXT,"
               "  name TEXT, type TEXT, size INTEGER, sha256 TEXT, data BLOB);"
               "CREATE TABLE pubs (id INTEGER PRIMARY KEY, case_id INTEGER REFERENCES cases (id), link TEXT,"
               "  status TEXT, at INTEGER, http INTEGER, sha256 TEXT, shot INTEGER);");
  sqlite3_prepare_v2 (db, "INSERT INTO cases (sop, title, state, at) VALUES ('" SOP_ID "', 'Rilis', 'open', 1)", -1, &new_case, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO runs (case_id, seq, step, started) VALUES (?, ?, ?, 1)", -1, &new_run, NULL);
  sqlite3_prepare_v2 (db, "UPDATE runs SET completed = 2, by = 1, outcome = 'completed' WHERE case_id = ? AND completed IS NULL", -1, &finish, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO journal (seq, case_id, kind, payload, prev, hash) VALUES (?, ?, 'case.complete', '{\"step\":\"1\"}', "
                          "'0000000000000000000000000000000000000000000000000000000000000000', "
                          "'1111111111111111111111111111111111111111111111111111111111111111')", -1, &event, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO disp (case_id, run, instruction) VALUES (?, 1, 'Periksa')", -1, &disp, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO files (case_id, kind, name, type, size, sha256, data) VALUES (?, 'nota-dinas', "
                          "'nota-dinas.pdf', 'application/pdf', ?, "
                          "'2222222222222222222222222222222222222222222222222222222222222222', ?)", -1, &attach, NULL);

  sqlite3_prepare_v2 (db, "INSERT INTO pubs (case_id, link, status) VALUES (?, 'https://contoh/berita', 'manual')", -1,
                      &publication, NULL);
  sqlite3_prepare_v2 (db, "UPDATE pubs SET at = 3, http = 200, "
                          "sha256 = '3333333333333333333333333333333333333333333333333333333333333333', shot = 1 "
                          "WHERE case_id = ?", -1, &update_publication, NULL);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < count; i++)
    {
      gint64 id;

      run_sql (db, "BEGIN IMMEDIATE");
      step_stmt (new_case);
      id = sqlite3_last_insert_rowid (db);
      sqlite3_bind_int64 (new_run, 1, id);
      sqlite3_bind_int (new_run, 2, 1);
      sqlite3_bind_text (new_run, 3, "1", -1, SQLITE_STATIC);
      step_stmt (new_run);
      sqlite3_bind_int64 (event, 1, ++seq);
      sqlite3_bind_int64 (event, 2, id);
      step_stmt (event);
      run_sql (db, "COMMIT");

      for (int s = 1; s <= 8; s++)
        {
          char step[4];

          for (int f = 0; s == 2 && f < 2; f++)
            {
              run_sql (db, "BEGIN IMMEDIATE");
              sqlite3_bind_int64 (attach, 1, id);
              sqlite3_bind_int (attach, 2, BLOB_SIZE);
              sqlite3_bind_blob (attach, 3, BLOB_CONTENT, BLOB_SIZE, SQLITE_STATIC);
              step_stmt (attach);
              sqlite3_bind_int64 (event, 1, ++seq);
              sqlite3_bind_int64 (event, 2, id);
              step_stmt (event);
              run_sql (db, "COMMIT");
            }

          for (int t = 0; s == 6 && t < 5; t++)
            {
              run_sql (db, "BEGIN IMMEDIATE");
              if (t == 0)
                {
                  sqlite3_bind_int64 (publication, 1, id);
                  step_stmt (publication);
                }
              else if (t == 3)
                {
                  sqlite3_bind_int64 (attach, 1, id);
                  sqlite3_bind_int (attach, 2, BLOB_SIZE);
                  sqlite3_bind_blob (attach, 3, SHOT_CONTENT, BLOB_SIZE, SQLITE_STATIC);
                  step_stmt (attach);
                }
              else
                {
                  sqlite3_bind_int64 (update_publication, 1, id);
                  step_stmt (update_publication);
                }
              sqlite3_bind_int64 (event, 1, ++seq);
              sqlite3_bind_int64 (event, 2, id);
              step_stmt (event);
              run_sql (db, "COMMIT");
            }

          run_sql (db, "BEGIN IMMEDIATE");
          sqlite3_bind_int64 (finish, 1, id);
          step_stmt (finish);
          if (s == 4)
            {
              sqlite3_bind_int64 (disp, 1, id);
              step_stmt (disp);
            }
          if (s < 8)
            {
              g_snprintf (step, sizeof step, "%d", s + 1);
              sqlite3_bind_int64 (new_run, 1, id);
              sqlite3_bind_int (new_run, 2, s + 1);
              sqlite3_bind_text (new_run, 3, step, -1, SQLITE_TRANSIENT);
              step_stmt (new_run);
            }
          sqlite3_bind_int64 (event, 1, ++seq);
          sqlite3_bind_int64 (event, 2, id);
          step_stmt (event);
          run_sql (db, "COMMIT");
        }
    }

  sqlite3_finalize (new_case);
  sqlite3_finalize (new_run);
  sqlite3_finalize (finish);
  sqlite3_finalize (event);
  sqlite3_finalize (disp);
  sqlite3_finalize (attach);
  sqlite3_finalize (publication);
  sqlite3_finalize (update_publication);
  sqlite3_close (db);
  return (g_get_monotonic_time () - start) / 1000.0;
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

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TestDb) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reference_path = NULL;
  guint count;
  double warta_ms, reference_ms, size;
  gint64 n_events = 0;

  g_test_init (&argc, &argv, NULL);
  count = n_cases ();

  db = test_db_new ();
  test_db_install_seeds (db);
  warta_ms = drive_warta (db, count);

  g_assert_cmpint (test_db_count (db, "SELECT count(*) FROM cases WHERE state = 'done'"), ==, count);
  g_assert_true (warta_journal_verify (db->store, &n_events, NULL, &error));
  g_assert_no_error (error);
  size = file_mib (db->path);

  reference_path = g_build_filename (db->dir, "reference.db", NULL);
  reference_ms = drive_reference (reference_path, count);

  g_print ("bench: drive-%uk-cases: %.0f ms\n", count / 1000, warta_ms);
  g_print ("bench: drive-%uk-cases: warta=%.0f ms reference=%.0f ms ratio=%.2f\n",
           count / 1000, warta_ms, reference_ms, warta_ms / reference_ms);
  g_print ("bench: drive-%uk-cases: database=%.1f MiB (%.1f KiB a case, %" G_GINT64_FORMAT " journal events)\n",
           count / 1000, size, size * 1024 / count, n_events);
  return 0;
}
