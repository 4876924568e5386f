/* bench-startup.c: process start to the first frame of Warta's main window
 * with 100,000 cases in the database, beside a minimal GTK 4 window
 * measured in the same run.
 *
 * Both programs print "first-frame-us: T" (CLOCK_MONOTONIC, shared by all
 * processes) when their window has painted once, then exit. Warta does so
 * when WARTA_BENCH_FIRST_FRAME is set; with WARTA_BENCH_SIGN_IN=LOGIN:PASSWORD
 * it signs in first, so the frame measured is the inbox with the cases.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "test-util.h"

#define N_RUNS 5

static guint
n_cases (void)
{
  const char *env = g_getenv ("WARTA_BENCH_CASES");

  return env ? (guint)g_ascii_strtoull (env, NULL, 10) : 100000;
}

/* One real case through the engine, then copies of it in bulk: what the
 * inbox reads is the same, and it takes seconds instead of minutes. */
static void
populate (TestDb *db,
          gint64  staff,
          guint   count)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  g_assert_cmpint (warta_engine_start_case (db->engine, staff, "bbkk-medan-publikasi-website",
                                            "Rilis kegiatan 1", &error), >, 0);
  g_assert_no_error (error);

  sql = g_strdup_printf ("WITH RECURSIVE n (x) AS (SELECT 2 UNION ALL SELECT x + 1 FROM n WHERE x < %u) "
                         "INSERT INTO cases (id, sop_id, sop_version, title, created_by, created_at) "
                         "SELECT x, sop_id, sop_version, 'Rilis kegiatan ' || x, created_by, created_at - x * 60000000 "
                         "FROM n, (SELECT * FROM cases WHERE id = 1);"
                         "INSERT INTO step_runs (case_id, seq, step_id, lane, assignee, standard_min, standard_max, "
                         "  started_at, action, due) "
                         "SELECT c.id, 1, '1', 'staff-tim-kerja', %" G_GINT64_FORMAT ", 60, 60, c.created_at, 'compose', "
                         "  c.created_at + 60 * 60000000 "
                         "FROM cases c WHERE c.id > 1;",
                         count, staff);
  test_db_exec (db, sql);
  g_assert_cmpint (test_db_count (db, "SELECT count(*) FROM cases"), ==, count);
}

static double
first_frame_ms (const char * const *argv,
                const char * const *envp)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *line;
  gint64 start, frame;
  int status;

  start = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, (char **)argv, (char **)envp, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, &err, &status, &error))
    g_error ("%s: %s", argv[0], error->message);
  if (!(line = strstr (out, "first-frame-us: ")))
    g_error ("%s printed no first frame (exit %d):\n%s\n%s", argv[0], status, out, err);

  frame = g_ascii_strtoll (line + strlen ("first-frame-us: "), NULL, 10);
  return (frame - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof *values, compare_doubles);
  return values[n / 2];
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TestDb) db = NULL;
  g_auto(GStrv) env = NULL;
  g_auto(GStrv) signed_in_env = NULL;
  g_autofree char *warta = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *sign_in = NULL;
  double warta_ms[N_RUNS], reference_ms[N_RUNS], inbox_ms[N_RUNS];
  guint count;
  gint64 staff;

  g_test_init (&argc, &argv, NULL);
  count = n_cases ();
  warta = g_test_build_filename (G_TEST_BUILT, "..", "src", "app", "warta", NULL);
  reference = g_test_build_filename (G_TEST_BUILT, "bench-minimal-window", NULL);

  db = test_db_new ();
  test_db_install_seeds (db);
  staff = test_db_add_user (db, "staf", "staff-tim-kerja", NULL);
  populate (db, staff, count);

  env = g_get_environ ();
  env = g_environ_setenv (env, "WARTA_BENCH_FIRST_FRAME", "1", TRUE);
  env = g_environ_setenv (env, "GSETTINGS_BACKEND", "memory", TRUE);
  sign_in = g_strdup_printf ("staf:%s", TEST_PASSWORD);
  signed_in_env = g_environ_setenv (g_strdupv (env), "WARTA_BENCH_SIGN_IN", sign_in, TRUE);

  /* Interleaved, so that both see the same machine. */
  for (guint i = 0; i < N_RUNS; i++)
    {
      const char *warta_argv[] = { warta, "--db", db->path, NULL };
      const char *reference_argv[] = { reference, NULL };

      reference_ms[i] = first_frame_ms (reference_argv, (const char * const *)env);
      warta_ms[i] = first_frame_ms (warta_argv, (const char * const *)env);
      inbox_ms[i] = first_frame_ms (warta_argv, (const char * const *)signed_in_env);
    }

  g_print ("bench: startup: warta=%.0f ms reference=%.0f ms ratio=%.2f (%u cases, median of %d)\n",
           median (warta_ms, N_RUNS), median (reference_ms, N_RUNS),
           median (warta_ms, N_RUNS) / median (reference_ms, N_RUNS), count, N_RUNS);
  g_print ("bench: startup-signed-in: warta=%.0f ms reference=%.0f ms ratio=%.2f "
           "(inbox of %u cases shown; includes the argon2id password check)\n",
           median (inbox_ms, N_RUNS), median (reference_ms, N_RUNS),
           median (inbox_ms, N_RUNS) / median (reference_ms, N_RUNS), count);
  return 0;
}
