/* bench-cli.c: one warta-cli command, against the core doing the same
 *
 * In the sample office (warta_sample_populate), times, from spawning to
 * exit, the median of N_RUNS runs each, interleaved so that both see the
 * same machine:
 *
 *   cli-action-show: warta-cli case show ID, against bench-cli-ref, which
 *     links only warta-core and makes the same calls, printing the same
 *     text (compared here);
 *   cli-action-as: warta-cli case naskah ID --as LOGIN --title …, a write
 *     as a person, against bench-cli-ref doing the same. Both include the
 *     argon2id password check, which is most of the time of either.
 *
 * warta-cli is WARTA_CLI (set by tests/meson.build), so that an older
 * binary can be measured the same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

#include "test-util.h"
#include "warta-sample.h"

#define N_RUNS 21

typedef struct
{
  char *path;
  char *out;
} Run;

static double
run_ms (const char * const *argv,
        const char * const *envp,
        char              **out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  gint64 start;
  double ms;
  int status;

  start = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, (char **) argv, (char **) envp, G_SPAWN_DEFAULT, NULL, NULL, out, &err, &status, &error))
    g_error ("%s: %s", argv[0], error->message);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s %s: %s\n%s", argv[0], argv[3], error->message, err);
  return ms;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof *values, compare_doubles);
  return values[n / 2];
}

/* An open case whose holder may write its naskah, and that holder. */
static gint64
find_writable_case (WartaStore   *store,
                    WartaEngine  *engine,
                    const char   *path,
                    char        **login)
{
  sqlite3 *raw = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 found = 0;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, "SELECT r.case_id, r.assignee, u.login FROM step_runs r "
                                            "JOIN users u ON u.id = r.assignee "
                                            "WHERE r.completed_at IS NULL ORDER BY r.case_id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (found == 0 && sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 case_id = sqlite3_column_int64 (stmt, 0);
      gint64 actor = sqlite3_column_int64 (stmt, 1);
      g_autoptr(WartaNaskah) naskah = warta_store_get_naskah (store, case_id, NULL);

      if (naskah != NULL && warta_engine_save_naskah (engine, actor, naskah, NULL))
        {
          found = case_id;
          *login = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
        }
    }
  sqlite3_finalize (stmt);
  sqlite3_close (raw);
  return found;
}

/* The case with the longest history, for show to print the most. */
static gint64
find_longest_case (const char *path)
{
  sqlite3 *raw = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 id;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, "SELECT case_id FROM step_runs GROUP BY case_id "
                                            "ORDER BY count(*) DESC, case_id LIMIT 1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (raw);
  return id;
}

static void
report (const char *name,
        double     *warta,
        double     *reference,
        const char *note)
{
  double w = median (warta, N_RUNS);
  double r = median (reference, N_RUNS);

  g_print ("bench: %s: warta=%.1fms reference=%.1fms ratio=%.2f (median of %d; %s)\n",
           name, w, r, w / r, N_RUNS, note);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(WartaStore) store = NULL;
  g_autoptr(WartaEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *show_id = NULL;
  g_autofree char *write_id = NULL;
  g_autofree char *login = NULL;
  const char *cli = g_getenv ("WARTA_CLI");
  const char *sop_dir = g_getenv ("WARTA_SOPDIR");
  double show_warta[N_RUNS], show_reference[N_RUNS];
  double as_warta[N_RUNS], as_reference[N_RUNS];
  gboolean same_text = FALSE;
  gint64 id;

  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (cli);
  g_assert_nonnull (sop_dir);
  reference = g_test_build_filename (G_TEST_BUILT, "bench-cli-ref", NULL);

  dir = g_dir_make_tmp ("warta-bench-cli-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "warta.db", NULL);
  store = warta_store_open (path, &error);
  g_assert_no_error (error);
  engine = warta_engine_new (store);
  g_assert_true (warta_sample_populate (engine, sop_dir, &error));
  g_assert_no_error (error);

  show_id = g_strdup_printf ("%" G_GINT64_FORMAT, find_longest_case (path));
  id = find_writable_case (store, engine, path, &login);
  g_assert_cmpint (id, >, 0);
  write_id = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_clear_object (&engine);
  g_clear_object (&store);

  env = g_get_environ ();
  env = g_environ_setenv (env, "WARTA_PASSWORD", WARTA_SAMPLE_PASSWORD, TRUE);

  for (guint i = 0; i < N_RUNS; i++)
    {
      const char *cli_show[] = { cli, "--db", path, "case", "show", show_id, NULL };
      const char *ref_show[] = { reference, path, "show", show_id, NULL };
      g_autofree char *title = g_strdup_printf ("Judul percobaan %u", i);
      const char *cli_as[] = { cli, "--db", path, "case", "naskah", write_id, "--as", login, "--title", title, NULL };
      const char *ref_as[] = { reference, path, "naskah", write_id, login, title, NULL };
      g_autofree char *cli_out = NULL;
      g_autofree char *ref_out = NULL;

      show_reference[i] = run_ms (ref_show, (const char * const *) env, &ref_out);
      show_warta[i] = run_ms (cli_show, (const char * const *) env, &cli_out);
      /* The same work: the same text, in at least one run (a minute may
       * turn between the two, and with it an elapsed time). */
      if (g_strcmp0 (cli_out, ref_out) == 0)
        same_text = TRUE;
      else if (i == N_RUNS - 1 && !same_text)
        g_error ("warta-cli and the reference print different text:\n%s\n--\n%s", cli_out, ref_out);
      g_clear_pointer (&cli_out, g_free);
      g_clear_pointer (&ref_out, g_free);

      as_reference[i] = run_ms (ref_as, (const char * const *) env, &ref_out);
      as_warta[i] = run_ms (cli_as, (const char * const *) env, &cli_out);
    }

  report ("cli-action-show", show_warta, show_reference, "case show of the sample office's longest case");
  report ("cli-action-as", as_warta, as_reference,
          "case naskah --as LOGIN --title: password check and one write");

  test_remove_tree (dir);
  return 0;
}
