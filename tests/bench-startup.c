/* bench-startup.c: process start to the first frame of Warta's window, on
 * its sign-in page and signed in over 100,000 cases, beside a minimal GTK 4
 * window (bench-minimal-window.c) measured in the same run.
 *
 * Warta is measured as bench-warta-window.c runs it: its application as
 * main.c starts it, in a program of the tests that prints when the first
 * frame is painted and, given --sign-in, signs in before it. The shipped
 * binary carries no such hook. All print "first-frame-us: T"
 * (CLOCK_MONOTONIC, shared by all processes), then exit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "test-util.h"

#define N_RUNS 5

/* --trace: each run of Warta says when it reached each stage of its
 * start (bench-warta-window --trace), in ms from the spawn. */
static gboolean trace;
/* --keep: only make the office, say where, and leave it. */
static gboolean keep;

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

typedef struct
{
  double frame_ms;  /* process start to the first painted frame */
  double rows_ms;   /* to the inbox's first row read, or 0 */
} Run;

static double
read_mark (const char *out,
           const char *mark,
           gint64      start)
{
  const char *line = strstr (out, mark);

  if (line == NULL)
    return 0;
  return (g_ascii_strtoll (line + strlen (mark), NULL, 10) - start) / 1000.0;
}

static Run
run_once (const char * const *argv,
          const char * const *envp)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gint64 start;
  int status;
  Run run;

  start = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, (char **)argv, (char **)envp, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, &err, &status, &error))
    g_error ("%s: %s", argv[0], error->message);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s: %s\n%s\n%s", argv[0], error->message, out, err);

  if (trace)
    {
      g_auto(GStrv) lines = g_strsplit (err, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        if (g_str_has_prefix (lines[i], "mark "))
          {
            const char *colon = strrchr (lines[i], ':');

            g_print ("  %.*s %.1f ms\n", (int)(colon - lines[i]) - 5, lines[i] + 5,
                     (g_ascii_strtoll (colon + 1, NULL, 10) - start) / 1000.0);
          }
    }
  run.frame_ms = read_mark (out, "first-frame-us: ", start);
  run.rows_ms = read_mark (out, "rows-us: ", start);
  if (run.frame_ms <= 0)
    g_error ("%s printed no first frame (exit %d):\n%s\n%s", argv[0], status, out, err);
  return run;
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
  g_autofree char *warta = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *adw_reference = NULL;
  g_autofree char *sign_in = NULL;
  double reference_ms[N_RUNS], adw_ms[N_RUNS], sign_in_ms[N_RUNS], inbox_ms[N_RUNS], rows_ms[N_RUNS];
  guint count;
  gint64 staff;

  g_test_init (&argc, &argv, NULL);
  trace = argc > 1 && g_str_equal (argv[1], "--trace");
  keep = argc > 1 && g_str_equal (argv[1], "--keep");
  count = n_cases ();
  warta = g_test_build_filename (G_TEST_BUILT, "bench-warta-window", NULL);
  reference = g_test_build_filename (G_TEST_BUILT, "bench-minimal-window", NULL);
  adw_reference = g_test_build_filename (G_TEST_BUILT, "bench-minimal-adw-window", NULL);

  /* The office is made at the tests' cheap password cost (test_db_new):
   * the argon2id check is the person's wait after pressing Sign In (see
   * test-password's message), not the window's start. */
  db = test_db_new ();
  test_db_install_seeds (db);
  staff = test_db_add_user (db, "staf", "staff-tim-kerja", NULL);
  populate (db, staff, count);

  if (keep)
    {
      g_print ("%s\n", db->path);
      g_clear_object (&db->engine);
      g_clear_object (&db->store);
      (void)g_steal_pointer (&db);  /* not removed */
      return 0;
    }

  env = g_get_environ ();
  env = g_environ_setenv (env, "GSETTINGS_BACKEND", "memory", TRUE);
  sign_in = g_strdup_printf ("staf:%s", TEST_PASSWORD);

  /* Interleaved, so that all see the same machine. */
  for (guint i = 0; i < N_RUNS; i++)
    {
      const char *warta_argv[] = { warta, "--db", db->path, trace ? "--trace" : NULL, NULL };
      const char *inbox_argv[] = { warta, "--db", db->path, "--sign-in", sign_in, trace ? "--trace" : NULL, NULL };
      const char *reference_argv[] = { reference, trace ? "--trace" : NULL, NULL };
      const char *adw_argv[] = { adw_reference, trace ? "--trace" : NULL, NULL };
      Run run;

      reference_ms[i] = run_once (reference_argv, (const char * const *)env).frame_ms;
      adw_ms[i] = run_once (adw_argv, (const char * const *)env).frame_ms;
      sign_in_ms[i] = run_once (warta_argv, (const char * const *)env).frame_ms;
      run = run_once (inbox_argv, (const char * const *)env);
      inbox_ms[i] = run.frame_ms;
      rows_ms[i] = run.rows_ms;
    }

  g_print ("bench: startup-sign-in: warta=%.0fms reference=%.0fms ratio=%.2f (median of %d)\n",
           median (sign_in_ms, N_RUNS), median (reference_ms, N_RUNS),
           median (sign_in_ms, N_RUNS) / median (reference_ms, N_RUNS), N_RUNS);
  g_print ("bench: startup-signed-in-100k: warta=%.0fms reference=%.0fms ratio=%.2f "
           "(%u cases; inbox's first row read at %.0fms; median of %d)\n",
           median (inbox_ms, N_RUNS), median (reference_ms, N_RUNS),
           median (inbox_ms, N_RUNS) / median (reference_ms, N_RUNS), count,
           median (rows_ms, N_RUNS), N_RUNS);
  /* Not the measure the issue sets (that is a minimal GTK window): how
   * much of the start is libadwaita's, which Warta is built on. */
  g_print ("note: startup: a minimal libadwaita window: %.0fms (%.2fx the GTK one); against it, sign-in %.2f, "
           "signed-in %.2f\n",
           median (adw_ms, N_RUNS), median (adw_ms, N_RUNS) / median (reference_ms, N_RUNS),
           median (sign_in_ms, N_RUNS) / median (adw_ms, N_RUNS), median (inbox_ms, N_RUNS) / median (adw_ms, N_RUNS));
  return 0;
}
